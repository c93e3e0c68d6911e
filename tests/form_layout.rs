//! Where everything lies on paper: every text run, cell and rule of the exported bundle is read
//! back from the PDF (`common::paper::geometry`) and
//! - checked against the rules of a printed form: nothing outside the printable area, every
//!   value inside its cell, no two pieces of text on top of each other;
//! - compared with the recorded layout in `tests/snapshots/layout-*.txt` (to 0.1 pt), so that a
//!   row, gap or column that moves — even where nothing overlaps yet — is seen and accepted on
//!   purpose: after an intended change, look at the pages (`pdftoppm -png -r 80`), then
//!   `UPDATE_SNAPSHOTS=1 cargo test --test main -- form_layout::`.

use std::path::{Path, PathBuf};

use jsog_renewal::demo;
use jsog_renewal::model::Application;
use jsog_renewal::pdf::{self, ExportOptions};
use jsog_renewal::rules::RuleSet;

use crate::common::for_year;
use crate::common::paper::{self, Frame, Geometry, Run};

/// Nothing is printed closer to the paper's edge than this (points; 5 mm): office printers
/// cannot print the outer 4–5 mm. The forms keep 14–22 mm, the page number about 7 mm.
const EDGE: f32 = 14.2;
/// The body of every page ends this far above the paper's bottom edge (points; 17 mm): below it
/// there is only the page number.
const BODY_BOTTOM: f32 = 48.2;
/// Slack for rounding in the PDF and in MuPDF's reading (points).
const SLACK: f32 = 0.3;

fn bundle_geometry(app: &Application, rules: &RuleSet) -> Vec<Geometry> {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = pdf::export_bundle(app, rules, dir.path(), &ExportOptions::default())
        .expect("export succeeds");
    paper::geometry(result.files.first().expect("the bundle"))
}

/// The smallest ruled cell or frame (tick boxes aside) that holds the centre of `run`, if any.
fn cell_of<'a>(run: &Run, frames: &'a [Frame]) -> Option<&'a Frame> {
    let (cx, cy) = ((run.x0 + run.x1) / 2.0, run.baseline - run.size * 0.3);
    frames
        .iter()
        .filter(|f| f.x1 - f.x0 > 14.0 || f.y1 - f.y0 > 14.0)
        .filter(|f| cx > f.x0 && cx < f.x1 && cy > f.y0 && cy < f.y1)
        .min_by(|a, b| ((a.x1 - a.x0) * (a.y1 - a.y0)).total_cmp(&((b.x1 - b.x0) * (b.y1 - b.y0))))
}

/// Whether a run belongs in the foot under the body: the page number (`2/3`), or the
/// 「（次ページへ続く）」 under a table that goes on overleaf.
fn is_foot(r: &Run) -> bool {
    r.text == jsog_renewal::pdf::labels::CONTINUED
        || r.text
            .split_once('/')
            .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
}

/// The printed-form rules every page keeps; returns the broken ones, described.
pub(crate) fn broken_rules(pages: &[Geometry]) -> Vec<String> {
    let mut broken = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let p = n + 1;
        let (w, h) = page.size;
        let inside_page = |x0: f32, y0: f32, x1: f32, y1: f32| {
            x0 >= EDGE - SLACK
                && y0 >= EDGE - SLACK
                && x1 <= w - EDGE + SLACK
                && y1 <= h - EDGE + SLACK
        };
        let body_end = h - BODY_BOTTOM + SLACK;
        for r in &page.runs {
            if !is_foot(r) && r.bottom() > body_end {
                broken.push(format!(
                    "page {p}: 「{}」 runs into the foot of the page ({:.1} > {body_end:.1})",
                    r.text,
                    r.bottom()
                ));
            }
            if !inside_page(r.x0, r.top(), r.x1, r.bottom()) {
                broken.push(format!(
                    "page {p}: 「{}」 is outside the printable area ({:.1},{:.1})–({:.1},{:.1})",
                    r.text,
                    r.x0,
                    r.top(),
                    r.x1,
                    r.bottom()
                ));
            }
            if let Some(c) = cell_of(r, &page.frames)
                && (r.x0 < c.x0 - SLACK
                    || r.x1 > c.x1 + SLACK
                    || r.top() < c.y0 - SLACK
                    || r.bottom() > c.y1 + SLACK)
            {
                broken.push(format!(
                    "page {p}: 「{}」 ({:.1},{:.1})–({:.1},{:.1}) leaves its cell ({:.1},{:.1})–({:.1},{:.1})",
                    r.text, r.x0, r.top(), r.x1, r.bottom(), c.x0, c.y0, c.x1, c.y1
                ));
            }
        }
        for f in &page.frames {
            if f.y1 > body_end {
                broken.push(format!(
                    "page {p}: a frame reaches into the foot of the page ({:.1} > {body_end:.1})",
                    f.y1
                ));
            }
            if !inside_page(f.x0, f.y0, f.x1, f.y1) {
                broken.push(format!(
                    "page {p}: a frame ({:.1},{:.1})–({:.1},{:.1}) is outside the printable area",
                    f.x0, f.y0, f.x1, f.y1
                ));
            }
        }
        for (i, a) in page.runs.iter().enumerate() {
            for b in &page.runs[i + 1..] {
                let apart = a.x1 <= b.x0 + SLACK
                    || b.x1 <= a.x0 + SLACK
                    || a.bottom() <= b.top() + SLACK
                    || b.bottom() <= a.top() + SLACK;
                if !apart {
                    broken.push(format!(
                        "page {p}: 「{}」 and 「{}」 overlap",
                        a.text, b.text
                    ));
                }
            }
        }
    }
    broken
}

pub(crate) fn assert_keeps_the_rules(what: &str, pages: &[Geometry]) {
    assert!(!pages.is_empty(), "{what}: no page read back");
    let broken = broken_rules(pages);
    assert!(
        broken.is_empty(),
        "{what}: {} broken:\n{}",
        broken.len(),
        broken
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("layout-{name}.txt"))
}

/// The bundle's layout equals the recorded one (or is recorded, with `UPDATE_SNAPSHOTS=1`).
fn assert_layout_as_recorded(name: &str, pages: &[Geometry]) {
    let record = paper::layout_record(pages);
    let path = snapshot_path(name);
    if crate::common::update_snapshots() {
        std::fs::write(&path, &record).expect("write the layout record");
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record it with UPDATE_SNAPSHOTS=1)",
            path.display()
        )
    });
    if recorded == record {
        return;
    }
    let now: Vec<&str> = record.lines().collect();
    let was: Vec<&str> = recorded.lines().collect();
    let first = now
        .iter()
        .zip(&was)
        .position(|(a, b)| a != b)
        .unwrap_or(now.len().min(was.len()));
    let show = |lines: &[&str]| {
        lines
            .iter()
            .skip(first)
            .take(6)
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "the layout of {name} moved from line {} of {} on:\nrecorded:\n{}\nnow:\n{}\n\
         If this is intended, look at the pages and record it with UPDATE_SNAPSHOTS=1.",
        first + 1,
        path.display(),
        show(&was),
        show(&now)
    );
}

#[test]
fn demo_bundle_keeps_to_the_printable_area_its_cells_and_never_overprints() {
    let pages = bundle_geometry(&demo::application(), &for_year(2024));
    assert_keeps_the_rules("demo", &pages);
}

#[test]
fn fy2027_bundle_keeps_to_the_printable_area_its_cells_and_never_overprints() {
    let pages = bundle_geometry(&crate::form_rows::fy2027_application(), &for_year(2027));
    assert_keeps_the_rules("FY2027", &pages);
}

#[test]
fn demo_bundle_lies_exactly_where_the_recorded_layout_puts_it() {
    let pages = bundle_geometry(&demo::application(), &for_year(2024));
    assert_layout_as_recorded("demo", &pages);
}

#[test]
fn fy2027_bundle_lies_exactly_where_the_recorded_layout_puts_it() {
    let pages = bundle_geometry(&crate::form_rows::fy2027_application(), &for_year(2027));
    assert_layout_as_recorded("fy2027", &pages);
}

#[test]
fn the_layout_checks_see_a_value_pushed_out_of_its_cell_and_two_lines_on_top_of_each_other() {
    // The checks themselves, on a page made up here: they must not pass everything.
    let run = |text: &str, x0: f32, x1: f32, baseline: f32| Run {
        text: text.into(),
        x0,
        x1,
        baseline,
        size: 10.0,
    };
    let cell = Frame {
        x0: 60.0,
        y0: 100.0,
        x1: 200.0,
        y1: 120.0,
        width: 0.5,
    };
    let good = Geometry {
        size: (595.0, 842.0),
        runs: vec![run("値", 62.0, 150.0, 114.0), run("次", 62.0, 150.0, 140.0)],
        frames: vec![cell],
        strokes: vec![],
    };
    assert!(broken_rules(std::slice::from_ref(&good)).is_empty());
    let mut wide = good.clone();
    wide.runs[0].x1 = 230.0;
    assert_eq!(
        broken_rules(&[wide]).len(),
        1,
        "a value running out of its cell"
    );
    let mut overlapping = good.clone();
    overlapping.runs[1].baseline = 118.0;
    assert!(
        !broken_rules(&[overlapping]).is_empty(),
        "two lines on top of each other"
    );
    let mut edge = good;
    edge.runs[1].x0 = 10.0;
    assert!(
        !broken_rules(&[edge]).is_empty(),
        "text at the paper's edge"
    );
}

#[test]
fn update_snapshots_0_compares_as_kittest_reads_it() {
    use crate::common::update_snapshots_for as update;
    for compare in [None, Some("0"), Some("false"), Some("no"), Some("off")] {
        assert!(!update(compare), "{compare:?} compares");
    }
    for write in ["1", "true", "yes", "on", "force"] {
        assert!(update(Some(write)), "{write} updates");
    }
    assert!(std::panic::catch_unwind(|| update(Some("2"))).is_err());
}
