//! CPU time of one frame of the desktop app on the case table with 10,000 cases, scrolling:
//! egui's pass (layout of the visible rows, the verdict panel, the navigation) plus
//! tessellation, i.e. everything but the GPU upload. Target: at most 4 ms per frame.

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use jsog_renewal::model::Case;
use jsog_renewal::ui::{App, AppOptions, Page};

const CASES: usize = 10_000;

fn app_with_cases(n: usize) -> App {
    let mut application = jsog_renewal::demo::application();
    let base = application.cases.clone();
    application.cases = (0..n)
        .map(|i| base.get(i % base.len()).cloned().unwrap_or_else(Case::default))
        .collect();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    app.show_page(Page::Cases);
    app
}

fn frame(h: &mut Harness<'_, App>, scroll: f32) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, scroll),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    let output = h.output();
    let shapes = output.shapes.clone();
    let ppp = output.pixels_per_point;
    std::hint::black_box(h.ctx.tessellate(shapes, ppp));
}

fn bench(c: &mut Criterion) {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_accessibility_check(false)
        .with_context_setup(jsog_renewal::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.frame_ui(ui), app_with_cases(CASES));
    h.hover_at(egui::pos2(700.0, 450.0));
    h.run_steps(5);
    let mut step = 0u32;
    c.bench_function("case_table_10000_rows_frame", |b| {
        b.iter(|| {
            step += 1;
            // Scroll down for a while, then back up, so every frame shows new rows.
            let delta = if (step / 200) % 2 == 0 { -120.0 } else { 120.0 };
            frame(&mut h, delta);
        });
    });
    assert_eq!(h.state().application().cases.len(), CASES);
}

criterion_group!(benches, bench);
criterion_main!(benches);
