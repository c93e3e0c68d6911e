//! Loading and saving an application with 10,000 cases: ≤ 100 ms each.

use criterion::{Criterion, criterion_group, criterion_main};
use jsog_renewal::store;

fn bench(c: &mut Criterion) {
    let mut app = jsog_renewal::demo::application();
    let cases = app.cases.clone();
    app.cases = cases.iter().cycle().take(10_000).cloned().collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.ron");
    store::save(&app, &path).expect("save");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("file with 10,000 cases: {size} bytes");
    let mut group = c.benchmark_group("store 10,000 cases");
    group.sample_size(20);
    group.bench_function("save (atomic, fsync, backup)", |b| {
        b.iter(|| store::save(&app, &path).expect("save"))
    });
    group.bench_function("load", |b| b.iter(|| store::load(&path).expect("load")));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
