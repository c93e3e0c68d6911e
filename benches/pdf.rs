//! Speed and size of the paper-bundle export: the demo bundle (100 cases, all forms) and the same
//! with 1,000 cases. Sizes are printed once before timing.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jsog_renewal::demo;
use jsog_renewal::model::Application;
use jsog_renewal::pdf;
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bundle
}
criterion_main!(benches);
