//! CPU time of one frame of the desktop app on the case table with 10,000 cases, scrolling:
//! egui's pass (layout of the visible rows, the verdict panel, the navigation) plus
//! tessellation, i.e. what eframe does on the CPU each frame before the GPU upload.
//! Target: at most 4 ms per frame.
//!
//! One frame of the 出力 page of a 1,000-case application (the seven parts, the thumbnails of
//! its some 100 pages painted from the page model, the signatures), once its pages are drawn.
//! Target: within one frame (16 ms).
//!
//! And one keystroke in a cell of a 200-case table: the frame that takes the key, edits the
//! document, evaluates it again and draws the new verdict. Target: within one frame (16 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use jsog_renewal::model::{Case, CaseField};
use jsog_renewal::ui::{App, AppOptions, Page};

const CASES: usize = 10_000;

fn app_with_cases(n: usize) -> App {
    let mut application = jsog_renewal::demo::application();
    let base = application.cases.clone();
    application.cases = (0..n)
        .map(|i| {
            base.get(i % base.len())
                .cloned()
                .unwrap_or_else(Case::default)
        })
        .collect();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    app.show_page(Page::Cases);
    app
}

/// One frame as eframe runs it on the CPU: the egui pass, then tessellation.
fn frame(ctx: &egui::Context, app: &mut App, time: f64, scroll: f32) -> usize {
    let events = vec![
        egui::Event::PointerMoved(egui::pos2(600.0, 450.0)),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, scroll),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        },
    ];
    frame_with(ctx, app, time, events)
}

/// One frame with `events` as its input.
fn frame_with(ctx: &egui::Context, app: &mut App, time: f64, events: Vec<egui::Event>) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(time),
        predicted_dt: 1.0 / 60.0,
        events,
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    // A renderer would upload these; here they are only dropped.
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives).len()
}

fn bench(c: &mut Criterion) {
    let ctx = egui::Context::default();
    jsog_renewal::ui::install_fonts(&ctx);
    let mut app = app_with_cases(CASES);
    let mut time = 0.0;
    let mut primitives = 0;
    for _ in 0..5 {
        time += 1.0 / 60.0;
        primitives = frame(&ctx, &mut app, time, 0.0);
    }
    // Every visible row's cells are drawn (10 columns × some 25 rows, plus the panels).
    eprintln!("{primitives} clipped primitives per frame");
    assert!(
        primitives > 200,
        "only {primitives} clipped primitives: the table is not drawn"
    );
    let mut step = 0u32;
    c.bench_function("case_table_10000_rows_frame", |b| {
        b.iter(|| {
            step += 1;
            time += 1.0 / 60.0;
            // Scroll down for a while, then back up, so every frame shows new rows.
            let delta = if (step / 300).is_multiple_of(2) {
                -60.0
            } else {
                60.0
            };
            frame(&ctx, &mut app, time, delta)
        });
    });
    assert_eq!(app.application().cases.len(), CASES);
}

fn export_page(c: &mut Criterion) {
    let ctx = egui::Context::default();
    jsog_renewal::ui::install_fonts(&ctx);
    let mut app = app_with_cases(1000);
    app.show_page(Page::Export);
    let mut time = 0.0;
    // The first frame draws the bundle's pages; the frames after reuse them.
    let started = std::time::Instant::now();
    frame(&ctx, &mut app, time, 0.0);
    eprintln!(
        "export page, first frame (pages drawn): {:?}",
        started.elapsed()
    );
    c.bench_function("export_page_1000_cases_frame", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            frame(&ctx, &mut app, time, 0.0)
        });
    });
}

/// A key press and its release, as a keyboard sends them.
fn key(key: egui::Key) -> [egui::Event; 2] {
    [true, false].map(|pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    })
}

fn keystroke(c: &mut Criterion) {
    let ctx = egui::Context::default();
    jsog_renewal::ui::install_fonts(&ctx);
    let mut app = app_with_cases(200);
    let mut time = 0.0;
    for _ in 0..3 {
        time += 1.0 / 60.0;
        frame_with(&ctx, &mut app, time, Vec::new());
    }
    let cell = jsog_renewal::ui::table::cell_id::<Case>(0, CaseField::Diagnosis);
    ctx.memory_mut(|m| m.request_focus(cell));
    time += 1.0 / 60.0;
    frame_with(&ctx, &mut app, time, Vec::new());
    let before = app.application().cases[0].diagnosis.clone();
    let mut typed = false;
    c.bench_function("keystroke_200_cases_edit_to_verdict", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            // A letter, then Backspace: the diagnosis changes every frame and stays short.
            typed = !typed;
            let events = if typed {
                vec![egui::Event::Text("a".into())]
            } else {
                key(egui::Key::Backspace).to_vec()
            };
            frame_with(&ctx, &mut app, time, events)
        });
    });
    // Every keystroke reached the document: it ends with the letter exactly when a letter was
    // typed last (the diagnosis itself does not end with one).
    let after = &app.application().cases[0].diagnosis;
    assert!(!before.ends_with('a'));
    assert_eq!(
        after.ends_with('a'),
        typed,
        "the keystrokes edited the cell: {before} → {after}"
    );
    assert!(app.is_dirty(), "the keystrokes edited the document");
}

criterion_group!(benches, bench, keystroke, export_page);
criterion_main!(benches);
