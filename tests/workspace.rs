//! The office workspace: a folder of applications with passing, failing and corrupt files; the
//! corrupt one is reported, never fatal. Each doctor's standing is the progress chart's picture
//! in numbers, as of a pinned day.

use std::path::Path;

use chrono::NaiveDate;
use jsog_renewal::model::{Application, CreditKind};
use jsog_renewal::rules::CategoryCode;
use jsog_renewal::workspace::{Progress, Shortfall, Standing, Verdict, Workspace};
use jsog_renewal::{demo, store};

fn office_folder(dir: &Path) {
    let mut passing = demo::application();
    passing.applicant.name = "産科 花子".into();
    store::save(&passing, &dir.join("a-passing.ron")).expect("save");
    let mut failing = Application::new(2024);
    failing.applicant.name = "婦人 太郎".into();
    store::save(&failing, &dir.join("b-failing.ron")).expect("save");
    std::fs::write(
        dir.join("c-corrupt.ron"),
        "(format_version: 2, application: (cases: [",
    )
    .expect("write");
    // Not application files: a backup, a note, a hidden temporary file.
    std::fs::write(dir.join("a-passing.ron.bak"), "old").expect("write");
    std::fs::write(dir.join("メモ.txt"), "note").expect("write");
    std::fs::write(dir.join(".x.ron"), "tmp").expect("write");
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 1).expect("date")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The demo (FY2024: activity period 2019-05-01 … 2024-04-30, 60 months) without its seven
/// units of iii dated from 2023 on: 18 of iii's 20, 45 of 50 in all.
fn short_of_domain() -> Application {
    let mut app = demo::application();
    app.applicant.name = "領域 不足".into();
    app.credits
        .retain(|c| !(c.kind == CreditKind::Domain && c.date >= Some(day(2023, 1, 1))));
    app
}

/// A folder with the demo, the demo short of iii, and a corrupt file.
fn standing_folder(dir: &Path) {
    store::save(&demo::application(), &dir.join("a-demo.ron")).expect("save");
    store::save(&short_of_domain(), &dir.join("b-short.ron")).expect("save");
    std::fs::write(dir.join("c-corrupt.ron"), "(").expect("write");
}

fn standings(dir: &Path, today: NaiveDate) -> Vec<Option<Standing>> {
    let ws = Workspace::open(dir, today).expect("opens");
    ws.doctors.into_iter().map(|d| d.standing).collect()
}

#[test]
fn workspace_lists_verdict_deadline_and_last_change_per_doctor() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let names: Vec<&str> = ws.doctors.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec!["産科 花子", "婦人 太郎", "c-corrupt.ron"]);

    assert_eq!(ws.doctors[0].verdict, Verdict::Passes);
    assert_eq!(ws.doctors[0].verdict.label(), "合格");
    let Verdict::Short { units } = ws.doctors[1].verdict else {
        panic!("an empty application is short: {:?}", ws.doctors[1].verdict);
    };
    assert_eq!(units, 50);
    assert_eq!(ws.doctors[1].verdict.label(), "あと50単位");
    let Verdict::Unreadable { message } = &ws.doctors[2].verdict else {
        panic!("corrupt file reported as unreadable");
    };
    assert!(message.contains("c-corrupt.ron"), "{message}");

    // FY2024's window closes on 2024-05-31: 30 days after 2024-05-01.
    assert_eq!(ws.doctors[0].days_left, Some(30));
    assert_eq!(ws.doctors[0].deadline_label(), "締切まで30日");
    assert_eq!(ws.doctors[2].days_left, None);
    assert!(ws.doctors.iter().all(|d| d.modified.is_some()));
    assert_ne!(ws.doctors[0].modified_label(), "—");
}

#[test]
fn batch_export_reports_the_corrupt_file_and_exports_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let mut seen: Vec<Progress> = Vec::new();
    let summary = ws
        .export_all(None, out.path(), None, &mut |p| seen.push(p.clone()))
        .expect("runs");

    assert_eq!(seen.len(), 3);
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((3, 3)));
    assert_eq!(summary.doctors.len(), 3);
    assert!(!summary.cancelled);

    let corrupt = &summary.doctors[2];
    let reason = corrupt.result.as_ref().expect_err("corrupt file fails");
    assert!(reason.to_string().contains("c-corrupt.ron"), "{reason}");
    assert!(
        summary.text().contains("× c-corrupt.ron"),
        "{}",
        summary.text()
    );

    for doctor in &summary.doctors[..2] {
        let result = doctor.result.as_ref().expect("exported");
        assert_eq!(
            doctor.folder,
            out.path().join(doctor.path.file_stem().expect("stem"))
        );
        assert!(result.pages > 0);
        assert!(
            result
                .files
                .iter()
                .all(|f| f.starts_with(&doctor.folder) && f.exists())
        );
    }
}

#[test]
fn batch_export_of_a_selection_only_touches_those_doctors() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let summary = ws
        .export_all(Some(&[1]), out.path(), None, &mut |_| {})
        .expect("runs");
    assert_eq!(summary.doctors.len(), 1);
    assert_eq!(summary.doctors[0].name, "婦人 太郎");
    assert!(!out.path().join("a-passing").exists());
}

#[test]
fn cli_export_all_prints_progress_and_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let run = crate::common::bin()
        .arg("export-all")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    // One file cannot be read, so not every bundle was written: exit 1, not a crash.
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("申請ファイル 3件"), "{stdout}");
    assert!(stdout.contains("] 3/3 "), "{stdout}");
    assert!(stdout.contains("× c-corrupt.ron"), "{stdout}");
}

#[test]
fn cli_export_all_only_the_chosen_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let run = crate::common::bin()
        .arg("export-all")
        .arg(dir.path())
        .args(["--only", "a-passing.ron"])
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    assert!(stdout.contains("書き出し 1件、失敗 0件"), "{stdout}");
    assert!(out.path().join("a-passing").is_dir());
    assert!(!out.path().join("b-failing").exists());
}

#[test]
fn a_folder_that_does_not_exist_is_an_error_not_a_panic() {
    let err = Workspace::open(Path::new("/nonexistent/申請"), today()).expect_err("no folder");
    let text = err.to_string();
    assert!(
        text.starts_with(
            "フォルダ /nonexistent/申請 の中を表示できません。フォルダが見つかりません"
        ),
        "{text}"
    );
}

#[test]
fn after_the_period_the_standing_is_the_reports_totals_without_a_pace() {
    let dir = tempfile::tempdir().expect("tempdir");
    standing_folder(dir.path());
    let all = standings(dir.path(), today());

    let demo = all[0].as_ref().expect("readable");
    assert!(!demo.during_period);
    assert_eq!((demo.total_counted, demo.total_required), (52, 50));
    assert_eq!((demo.cases_counted, demo.cases_needed), (100, 50));
    assert_eq!(demo.short, vec![]);
    assert_eq!(demo.pace, None, "today is after the period: no pace");
    assert!(demo.reached());

    let short = all[1].as_ref().expect("readable");
    assert_eq!((short.total_counted, short.total_required), (45, 50));
    assert_eq!(
        short.short,
        vec![Shortfall {
            code: CategoryCode::Domain,
            units: 2
        }]
    );
    assert_eq!(short.pace, None, "the period is over: no pace to keep");
    assert!(!short.reached());

    assert_eq!(all[2], None, "an unreadable file has no standing");
}

#[test]
fn in_the_period_the_standing_counts_up_to_today_and_gives_the_pace_needed() {
    let dir = tempfile::tempdir().expect("tempdir");
    standing_folder(dir.path());
    // 2022-10-15 is month 41 of the 60 (index from May 2019), 14 of its 31 days gone. Up to
    // that day the demo has 69 cases (the case of 2022-10-20 is a plan: 6 units of i, not 7),
    // 34 units and 17 of iii's 20 (the lecture of 2022-10-15 is today's); later entries are
    // plans. The 集計 planner counts the same (one "as of today").
    let all = standings(dir.path(), day(2022, 10, 15));
    let demo = all[0].as_ref().expect("readable");
    assert!(demo.during_period);
    assert_eq!((demo.total_counted, demo.total_required), (34, 50));
    assert_eq!((demo.cases_counted, demo.cases_needed), (69, 50));
    assert_eq!(
        demo.short,
        vec![Shortfall {
            code: CategoryCode::Domain,
            units: 3
        }]
    );
    let pace = demo.pace.expect("short of the total inside the period");
    // 16 units still needed over the 60 − 41.45 months left.
    let months_left = 60.0 - (41.0 + 14.0 / 31.0);
    assert!(
        (pace.needed_per_month - 16.0 / months_left).abs() < 1e-9,
        "{pace:?}"
    );
    assert!((pace.needed_per_month - 0.86).abs() < 0.005);
    // From 25 units at the end of October 2021 to 34 today.
    assert_eq!(pace.recent_months, 12);
    assert!(
        (pace.recent_per_month - 9.0 / 12.0).abs() < 1e-9,
        "{pace:?}"
    );
    assert!(!pace.kept(), "0.75 a month does not keep a pace of 0.86");
}

#[test]
fn a_pass_that_rests_on_entries_dated_after_today_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    standing_folder(dir.path());
    // In the period the demo passes only with its later entries: 35 of 50 units so far.
    let during = Workspace::open(dir.path(), day(2022, 10, 15)).expect("opens");
    let demo = &during.doctors[0];
    assert_eq!(demo.verdict, Verdict::Passes);
    assert!(demo.passes_only_with_plans());
    assert_eq!(demo.verdict_label(), "合格（予定を含む）");
    // A doctor short of units is short, not "passes with plans".
    assert!(!during.doctors[1].passes_only_with_plans());
    // After the period every entry is in the past: a plain pass.
    let after = Workspace::open(dir.path(), day(2024, 5, 1)).expect("opens");
    assert!(!after.doctors[0].passes_only_with_plans());
    assert_eq!(after.doctors[0].verdict_label(), "合格");
}

#[test]
fn early_in_the_period_the_recent_pace_is_taken_since_the_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    standing_folder(dir.path());
    // 2020-01-10 is month 8: 7 units in the 9 months since May 2019; the case of 2020-01-25
    // is a plan (14 cases, still one unit of i).
    let all = standings(dir.path(), day(2020, 1, 10));
    let demo = all[0].as_ref().expect("readable");
    assert_eq!(demo.total_counted, 7);
    assert_eq!(demo.cases_counted, 14);
    let short: Vec<(CategoryCode, u32)> = demo.short.iter().map(|s| (s.code, s.units)).collect();
    assert_eq!(
        short,
        vec![
            (CategoryCode::Clinical, 4),
            (CategoryCode::Common, 2),
            (CategoryCode::Domain, 17)
        ]
    );
    let pace = demo.pace.expect("pace");
    assert_eq!(pace.recent_months, 9);
    assert!((pace.recent_per_month - 7.0 / 9.0).abs() < 1e-9, "{pace:?}");
    let months_left = 60.0 - (8.0 + 9.0 / 31.0);
    assert!(
        (pace.needed_per_month - 43.0 / months_left).abs() < 1e-9,
        "{pace:?}"
    );
    assert!(!pace.kept(), "0.78 a month falls short of 0.83");
}

#[test]
fn before_the_period_and_on_its_last_day_there_is_no_pace() {
    let dir = tempfile::tempdir().expect("tempdir");
    standing_folder(dir.path());
    let before = standings(dir.path(), day(2019, 4, 30));
    let demo = before[0].as_ref().expect("readable");
    assert!(!demo.during_period);
    assert_eq!(demo.pace, None);
    // On the last day the demo has reached the total: nothing left to pace.
    let last = standings(dir.path(), day(2024, 4, 30));
    let demo = last[0].as_ref().expect("readable");
    assert!(demo.during_period);
    assert_eq!(demo.total_counted, 52);
    assert_eq!(demo.pace, None);
    // The application short of iii has reached neither: still no pace, for the period is
    // over tomorrow, but it is behind.
    let short = last[1].as_ref().expect("readable");
    assert_eq!(short.total_counted, 45);
    assert!(!short.reached());
}

#[test]
fn an_exempt_doctor_needs_no_cases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut exempt = demo::application();
    exempt.consecutive_renewals = 3;
    store::save(&exempt, &dir.path().join("exempt.ron")).expect("save");
    let all = standings(dir.path(), today());
    let s = all[0].as_ref().expect("readable");
    assert_eq!(s.cases_needed, 0);
    assert_eq!((s.total_counted, s.total_required), (42, 40));
    assert!(s.reached());
}

mod page {
    //! The office page: the table, and a batch export on its thread.

    use std::time::{Duration, Instant};

    use eframe::egui::{self, Key};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use jsog_renewal::ui::workspace_ui::WorkspacePanel;
    use jsog_renewal::ui::{App, AppOptions};

    use super::{Application, day, office_folder, standing_folder, store, today};
    use crate::common::window::window;

    #[test]
    fn the_table_shows_each_doctor_and_the_batch_runs_on_a_thread() {
        let dir = tempfile::tempdir().expect("tempdir");
        office_folder(dir.path());
        let mut panel = WorkspacePanel::default();
        panel.open_folder(dir.path(), today());
        let mut h = window(1200.0, 600.0).without_accessibility_check().build(
            panel,
            |ui, p: &mut WorkspacePanel| {
                p.ui(ui, today());
            },
        );
        h.run();
        h.get_by_label("産科 花子");
        h.get_by_label("合格");
        h.get_by_label("あと50単位");
        h.get_by_label_contains("読めません");

        let out = tempfile::tempdir().expect("tempdir");
        h.state_mut().start_export(out.path().to_path_buf());
        assert!(h.state().is_running());
        let started = Instant::now();
        while h.state_mut().poll() {
            assert!(started.elapsed() < Duration::from_secs(60), "export hangs");
            std::thread::sleep(Duration::from_millis(20));
        }
        let summary = h.state().summary.as_ref().expect("summary");
        assert_eq!(summary.doctors.len(), 3);
        assert_eq!(summary.succeeded(), 2);
        assert_eq!(h.state().progress().map(|p| p.done), Some(3));
        h.run();
        h.get_by_label_contains("書き出し 2件、失敗 1件");
    }

    /// The app at `width`×`height` as of `today`, its office window open on `dir` through the
    /// File menu and the in-app folder chooser.
    fn office_window(
        dir: &std::path::Path,
        today: chrono::NaiveDate,
        width: f32,
        height: f32,
    ) -> Harness<'static, App> {
        let app = App::new(AppOptions {
            today: Some(today),
            ..AppOptions::default()
        });
        let mut h = window(width, height).with_text_style().app(app);
        h.run();
        h.get_by_label("ファイル").click();
        h.run();
        h.get_by_label_contains("事務用：一括出力…").click();
        h.run();
        h.get_by_label("フォルダを開く…").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        h.get_by_label("場所（パスを入力して Enter）")
            .type_text(&dir.display().to_string());
        h.key_press(Key::Enter);
        h.run();
        h
    }

    #[test]
    fn the_office_window_shows_each_doctors_standing_in_one_line_as_of_the_apps_today() {
        let dir = tempfile::tempdir().expect("tempdir");
        standing_folder(dir.path());
        for (width, height) in [(1280.0, 800.0), (1024.0, 700.0)] {
            let h = office_window(dir.path(), day(2022, 10, 15), width, height);
            h.get_by_label("進み具合");
            // The pinned day, not the system's: 34 units and 69 cases up to 2022-10-15, the
            // same for both readable files (they differ from 2023 on).
            let lines: Vec<_> = h
                .get_all_by_label("34/50単位・症例 69/50・毎月0.9単位が必要")
                .collect();
            assert_eq!(lines.len(), 2);
            for line in lines {
                let r = line.rect();
                assert!(r.height() <= 24.0, "one line: {r:?}");
                assert!(r.max.x <= width, "{r:?} inside {width}");
            }
            // The table fits: its titles and the last column's buttons are on screen.
            for title in ["進み具合", "締切", "最終更新"] {
                let t = h.get_by_label(title).rect();
                assert!(t.max.x <= width, "{title} at {t:?} in {width}");
            }
            let buttons: Vec<_> = h.get_all_by_label("開く").collect();
            assert_eq!(buttons.len(), 2, "one per readable file");
            for b in buttons {
                assert!(b.rect().max.x <= width, "{:?} in {width}", b.rect());
            }
        }
        // After the period: the Report's totals, and no pace.
        let h = office_window(dir.path(), today(), 1280.0, 800.0);
        h.get_by_label("52/50単位・症例 100/50");
        h.get_by_label("45/50単位・症例 100/50");
    }

    #[test]
    fn the_office_window_shows_the_whole_deadline_and_numbered_names_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["医師 10号", "医師 2号"] {
            let mut app = Application::new(2024);
            app.applicant.name = name.into();
            store::save(&app, &dir.path().join(format!("{name}.ron"))).expect("save");
        }
        // 920 days after FY2024's window closed on 2024-05-31: the longest line of the column.
        let deadline = "締切を920日過ぎています";
        for (width, height) in [(1280.0, 800.0), (1024.0, 700.0)] {
            let h = office_window(dir.path(), day(2026, 12, 7), width, height);
            let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
            let whole = h.ctx.fonts_mut(|f| {
                f.layout_no_wrap(deadline.into(), font, egui::Color32::WHITE)
                    .size()
                    .x
            });
            let next_column = h.get_by_label("最終更新").rect();
            let lines: Vec<_> = h.get_all_by_label(deadline).collect();
            assert_eq!(lines.len(), 2);
            for line in lines {
                let r = line.rect();
                assert!(
                    r.width() >= whole - 0.5,
                    "{r:?} cut short of {whole} in {width}"
                );
                assert!(
                    r.max.x <= next_column.min.x,
                    "{r:?} runs into {next_column:?}"
                );
            }
            // 2号 before 10号, as people count (not 1, 10, 2 as characters).
            let two = h.get_by_label("医師 2号").rect();
            let ten = h.get_by_label("医師 10号").rect();
            assert!(two.max.y <= ten.min.y, "2号 {two:?} not above 10号 {ten:?}");
        }
    }
}

#[test]
fn batch_export_with_letters_writes_each_doctors_requests_cover_and_label_addressed_from_the_book()
{
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    // A second doctor who saw cases at the same two facilities.
    let mut second = demo::application();
    second.applicant.name = "産科 二郎".into();
    second.cases.truncate(70);
    store::save(&second, &dir.path().join("a2-second.ron")).expect("save");
    let out = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let mut committees = jsog_renewal::mailing::Committees::default();
    let address = jsog_renewal::mailing::Committee {
        postal_code: "100-0099".into(),
        address: "見本県見本市本町9-9".into(),
        addressee: String::new(),
    };
    committees.set(&demo::application().applicant.regional_society, address);
    let letters = jsog_renewal::workspace::BatchLetters {
        committees,
        ..Default::default()
    };
    let summary = ws
        .export_all_with(None, out.path(), None, &mut |_| {}, Some(&letters))
        .expect("runs");
    let passing = &summary.doctors[0];
    let result = passing.result.as_ref().expect("the demo exports");
    let names: Vec<String> = result
        .letters
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    // The demo's two facilities, then the 送付状 and the label, in the doctor's own folder.
    assert_eq!(
        names,
        [
            "署名のお願い_1_みほん市立総合病院.pdf",
            "署名のお願い_2_見本レディースクリニック.pdf",
            "送付状.pdf",
            "宛名ラベル_角2.pdf"
        ]
    );
    assert!(
        result
            .letters
            .iter()
            .all(|p| p.parent() == Some(passing.folder.as_path()))
    );
    assert!(!result.address_blank, "addressed from the book");
    // A doctor with no 様式3 facility and no society gets no request, and blank addresses.
    let empty = summary
        .doctors
        .iter()
        .find(|d| d.path.ends_with("b-failing.ron"))
        .and_then(|d| d.result.as_ref().ok())
        .expect("exports");
    assert!(empty.address_blank);
    assert!(
        !empty
            .letters
            .iter()
            .any(|p| p.to_string_lossy().contains("署名のお願い"))
    );
    // Across the doctors, each facility's 診療責任者 is asked once, for both doctors.
    let across = summary.facility_letters.as_ref().expect("written");
    let folder = out
        .path()
        .join(jsog_renewal::workspace::FACILITY_LETTERS_FOLDER);
    assert_eq!(
        across,
        &vec![
            folder.join("署名のお願い_1_みほん市立総合病院.pdf"),
            folder.join("署名のお願い_2_見本レディースクリニック.pdf"),
        ]
    );
    assert!(
        summary.text().contains("施設ごとの署名のお願い 2通"),
        "{}",
        summary.text()
    );
    #[cfg(target_os = "linux")]
    {
        let out = std::process::Command::new("pdftotext")
            .arg(&across[0])
            .arg("-")
            .output()
            .expect("pdftotext");
        let text: String = String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // The demo's first 60 cases are at the hospital: 60 of each doctor's, both named.
        for want in [
            "医師2名分（計120例）",
            "産科花子",
            "産科二郎",
            "見本太郎先生",
        ] {
            assert!(text.contains(want), "{want}: {text}");
        }
    }
}
