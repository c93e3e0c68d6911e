//! Speed of the paper-bundle export.

use criterion::{Criterion, criterion_group, criterion_main};

fn bundle(c: &mut Criterion) {
    let app = jsog_renewal::demo::application();
    c.bench_function("demo_bundle_preflight", |b| {
        b.iter(|| {
            jsog_renewal::rules::RuleSet::for_year(app.fiscal_year)
                .map(|rules| jsog_renewal::pdf::preflight(&app, &rules))
        });
    });
}

criterion_group!(benches, bundle);
criterion_main!(benches);
