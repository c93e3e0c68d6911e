//! Speed and size of the paper-bundle export: the demo bundle (100 cases, all forms), the same
//! with 1,000 cases, and 様式3 alone for 100 cases (`export --form 3`). Sizes are printed once
//! before timing.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jsog_renewal::demo;
use jsog_renewal::model::Application;
use jsog_renewal::pdf::{self, Form};
use jsog_renewal::rules::RuleSet;

fn with_cases(n: usize) -> Application {
    let mut app = demo::application();
    let cases = app.cases.clone();
    app.cases = cases.iter().cycle().take(n).cloned().collect();
    app
}

fn bundle(c: &mut Criterion) {
    let Ok(rules) = RuleSet::for_year(2024) else {
        eprintln!("the FY2024 rule set does not load");
        return;
    };
    for (name, cases) in [("demo_bundle_100_cases", 100), ("bundle_1000_cases", 1000)] {
        let app = with_cases(cases);
        match pdf::bundle_pdf(&app, &rules) {
            Ok((bytes, pages)) => eprintln!(
                "{name}: {pages} pages, {} bytes ({} KB)",
                bytes.len(),
                bytes.len().div_ceil(1024)
            ),
            Err(e) => eprintln!("{name}: {e}"),
        }
        c.bench_function(name, |b| {
            b.iter(|| pdf::bundle_pdf(black_box(&app), &rules).map(|(bytes, _)| bytes.len()));
        });
    }
}

fn form3_alone(c: &mut Criterion) {
    let Ok(rules) = RuleSet::for_year(2024) else {
        eprintln!("the FY2024 rule set does not load");
        return;
    };
    let app = with_cases(100);
    let only = [Form::ClinicalRecord];
    match pdf::forms_pdf(&app, &rules, &only) {
        Ok(files) => {
            for f in files {
                eprintln!(
                    "form3_100_cases: {} pages, {} bytes ({} KiB)",
                    f.pages,
                    f.bytes.len(),
                    f.bytes.len().div_ceil(1024)
                );
            }
        }
        Err(e) => eprintln!("form3_100_cases: {e}"),
    }
    c.bench_function("form3_100_cases", |b| {
        b.iter(|| pdf::forms_pdf(black_box(&app), &rules, &only).map(|f| f.len()));
    });
}

/// The bundle of the demo with its letters: one request per facility, the 送付状 and the label.
fn with_letters(c: &mut Criterion) {
    let Ok(rules) = RuleSet::for_year(2024) else {
        eprintln!("the FY2024 rule set does not load");
        return;
    };
    let app = demo::application();
    let report = jsog_renewal::rules::evaluate(&app, &rules);
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let options = pdf::ExportOptions {
        letters: Some(pdf::letters::Envelope::Kaku2),
        ..pdf::ExportOptions::default()
    };
    c.bench_function("demo_bundle_with_letters", |b| {
        b.iter(|| {
            pdf::export(
                black_box(&app),
                &rules,
                &report,
                dir.path(),
                pdf::Files::Bundle { per_form: false },
                Vec::new(),
                &options,
            )
            .map(|r| r.letters.len())
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bundle, form3_alone, with_letters
}
criterion_main!(benches);
