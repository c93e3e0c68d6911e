//! An office's spring: 50 doctors × 100 cases, every bundle exported in one go (target ≤ 10 s).
//! Also the import of a 1,000-row Shift_JIS case list.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use jsog_renewal::import::{self, ImportOptions};
use jsog_renewal::model::vocabulary::{OUTCOMES, ROLES};
use jsog_renewal::model::{Case, Sex};
use jsog_renewal::workspace::Workspace;
use jsog_renewal::{demo, store};

const DOCTORS: usize = 50;
const CASES: usize = 100;

fn office(dir: &Path) {
    let first = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    for d in 0..DOCTORS {
        let mut app = demo::application();
        app.applicant.name = format!("医師 {d:02}");
        app.cases = (0..CASES)
            .map(|i| Case {
                date: Some(first + chrono::Days::new((i * 17 % 1700) as u64)),
                age: Some((20 + i % 60) as u8),
                sex: Some(Sex::Female),
                diagnosis: format!("子宮筋腫 {i}"),
                treatment: "腹腔鏡下子宮筋腫核出術".into(),
                outcome: OUTCOMES.words[i % OUTCOMES.words.len()].canonical.into(),
                facility: if i % 2 == 0 {
                    "さくら市民病院".into()
                } else {
                    "みなと産婦人科クリニック".into()
                },
                role: ROLES.words[i % 2].canonical.into(),
                ..Case::default()
            })
            .collect();
        store::save(&app, &dir.join(format!("doctor-{d:02}.ron"))).expect("save");
    }
}

fn export_office(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    office(dir.path());
    let today = NaiveDate::from_ymd_opt(2024, 5, 1).expect("date");

    // One timed run first, with the outcome, for the record.
    let out = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let ws = Workspace::open(dir.path(), today).expect("open");
    let summary = ws
        .export_all(None, out.path(), None, &mut |_| {})
        .expect("export");
    eprintln!(
        "workspace: {DOCTORS} doctors × {CASES} cases: open + export in {:.2} s, {} exported, {} failed{}",
        started.elapsed().as_secs_f64(),
        summary.succeeded(),
        summary.doctors.len() - summary.succeeded(),
        summary
            .failures()
            .next()
            .map(|(n, why)| format!(" (first: {n}: {why})"))
            .unwrap_or_default()
    );

    let mut group = c.benchmark_group("workspace");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("open_50_doctors", |b| {
        b.iter(|| Workspace::open(dir.path(), today).expect("open"));
    });
    group.bench_function("export_all_50x100", |b| {
        b.iter(|| {
            let out = tempfile::tempdir().expect("tempdir");
            ws.export_all(None, out.path(), None, &mut |_| {})
                .expect("export")
        });
    });
    group.finish();
}

fn import_cases(c: &mut Criterion) {
    let mut text = String::from(
        "No.,診察日,年齢,性別,診断名,検査・処置・投薬等,転帰,診療施設名,担当医/指導医\r\n",
    );
    for i in 0..1000 {
        text.push_str(&format!(
            "{},R{}.{}.{},{},女,子宮筋腫,腹腔鏡下子宮筋腫核出術,治癒,さくら市民病院,担当医\r\n",
            i + 1,
            2 + i % 4,
            1 + i % 12,
            1 + i % 28,
            20 + i % 60
        ));
    }
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cases.csv");
    std::fs::write(&path, &bytes).expect("write");
    c.bench_function("import_1000_cases_sjis", |b| {
        b.iter(|| {
            let mut app = jsog_renewal::model::Application::new(2024);
            import::preview_cases(&path, None, &app, None)
                .expect("read")
                .apply(&mut app, ImportOptions::default())
                .expect("import")
        });
    });
}

criterion_group!(benches, export_office, import_cases);
criterion_main!(benches);
