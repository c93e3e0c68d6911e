//! Reads an exported PDF back as the paper shows it: every glyph where MuPDF (`mutool trace`)
//! places it, every ruled cell, and from them the rows of each table with the text of each cell,
//! and the lines of text outside the tables — in reading order, page by page. The form checks
//! compare these rows with the application, so that a value printed in the wrong row, cell or
//! form is caught, not only a value missing from the whole bundle.

use std::path::Path;
use std::process::Command;

/// One glyph on a page, in points from the page's top left.
#[derive(Debug, Clone)]
struct Glyph {
    c: char,
    /// Left end of the glyph on its baseline.
    x: f32,
    /// Baseline.
    y: f32,
    /// Type size.
    size: f32,
    /// Advance width.
    adv: f32,
}

/// An axis-aligned rectangle stroked on a page, in points from the top left.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    width: f32,
}

impl Rect {
    fn contains(&self, x: f32, y: f32) -> bool {
        x > self.x0 && x < self.x1 && y > self.y0 && y < self.y1
    }
}

/// A stroked path that is not a rectangle (rules, tick marks): its points.
#[derive(Debug, Clone)]
struct Stroke {
    points: Vec<(f32, f32)>,
}

#[derive(Debug, Default)]
struct RawPage {
    glyphs: Vec<Glyph>,
    rects: Vec<Rect>,
    strokes: Vec<Stroke>,
    /// The text of marks across the page (「下書き（基準未達）」), read apart from the form.
    marks: String,
}

/// Text this large is a mark across the page, not part of a form (titles are 14 pt).
const MARK_SIZE: f32 = 30.0;

/// What a page holds, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text outside every cell (glyphs on one baseline, left to right; a space where
    /// two pieces of text stand apart).
    Text(String),
    /// A row of ruled cells, left to right: each cell's lines of text joined by `\n`. A tick
    /// box inside a cell reads as ☑ (ticked) or ☐.
    Row(Vec<String>),
}

/// One page read back.
#[derive(Debug, Clone)]
pub struct PaperPage {
    /// Its items in reading order.
    pub items: Vec<Item>,
    /// The text of the marks across the page, in drawing order (empty when none).
    pub marks: String,
}

impl PaperPage {
    /// The rows of cells on the page.
    pub fn rows(&self) -> impl Iterator<Item = &Vec<String>> {
        self.items.iter().filter_map(|i| match i {
            Item::Row(r) => Some(r),
            Item::Text(_) => None,
        })
    }

    /// The lines of text outside the cells.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t.as_str()),
            Item::Row(_) => None,
        })
    }
}

/// Reads every page of the PDF at `path` with `mutool trace`.
pub fn read(path: &Path) -> Vec<PaperPage> {
    parse_trace(&trace(path))
        .into_iter()
        .map(|raw| PaperPage {
            items: items(&raw),
            marks: raw.marks.clone(),
        })
        .collect()
}

/// What `mutool trace` prints of the PDF at `path`.
fn trace(path: &Path) -> String {
    let out = Command::new("mutool")
        .arg("trace")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("mutool could not be run: {e}"));
    assert!(
        out.status.success(),
        "mutool trace failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Removes all white space: a value wrapped over several lines of a cell reads as one string.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = line.find(&key)? + key.len();
    let rest = &line[start..];
    Some(&rest[..rest.find('"')?])
}

fn num(line: &str, name: &str) -> f32 {
    attr(line, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no number {name} in {line}"))
}

fn matrix(line: &str, name: &str) -> [f32; 6] {
    let v: Vec<f32> = attr(line, name)
        .unwrap_or("1 0 0 1 0 0")
        .split_whitespace()
        .map(|n| n.parse().expect("matrix number"))
        .collect();
    [v[0], v[1], v[2], v[3], v[4], v[5]]
}

fn apply(m: &[f32; 6], x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn unescape(s: &str) -> char {
    let decoded = match s {
        "&lt;" => "<".to_string(),
        "&gt;" => ">".to_string(),
        "&amp;" => "&".to_string(),
        "&quot;" => "\"".to_string(),
        "&apos;" => "'".to_string(),
        _ => match s.strip_prefix("&#x").and_then(|h| h.strip_suffix(';')) {
            Some(hex) => u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default(),
            None => s.to_string(),
        },
    };
    decoded.chars().next().unwrap_or('\u{fffd}')
}

fn parse_trace(trace: &str) -> Vec<RawPage> {
    let mut pages: Vec<RawPage> = Vec::new();
    let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut size = 0.0;
    // The path being read: Some(points) inside a stroke_path, None elsewhere.
    let mut path: Option<(Vec<(f32, f32)>, f32)> = None;
    for line in trace.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(RawPage::default());
        } else if line.starts_with("<fill_text") || line.starts_with("<stroke_text") {
            ctm = matrix(line, "transform");
        } else if line.starts_with("<span ") {
            // The text rendering matrix `a b c d`: the type size is `a` (nothing is rotated).
            size = attr(line, "trm")
                .and_then(|m| m.split_whitespace().next())
                .and_then(|a| a.parse().ok())
                .expect("a type size");
        } else if line.starts_with("<g ") {
            let page = pages.last_mut().expect("a glyph on a page");
            if size >= MARK_SIZE {
                page.marks
                    .push(unescape(attr(line, "unicode").unwrap_or("")));
                continue;
            }
            let (x, y) = apply(&ctm, num(line, "x"), num(line, "y"));
            page.glyphs.push(Glyph {
                c: unescape(attr(line, "unicode").unwrap_or("")),
                x,
                y,
                size,
                adv: num(line, "adv") * size,
            });
        } else if line.starts_with("<stroke_path") {
            ctm = matrix(line, "transform");
            path = Some((Vec::new(), num(line, "linewidth")));
        } else if line.starts_with("<moveto") || line.starts_with("<lineto") {
            if let Some((points, _)) = path.as_mut() {
                points.push(apply(&ctm, num(line, "x"), num(line, "y")));
            }
        } else if line.starts_with("</stroke_path") {
            let (points, width) = path.take().expect("an open path");
            let page = pages.last_mut().expect("a path on a page");
            let xs: Vec<f32> = points.iter().map(|p| p.0).collect();
            let ys: Vec<f32> = points.iter().map(|p| p.1).collect();
            let distinct = |v: &[f32]| {
                let mut d: Vec<f32> = Vec::new();
                for &a in v {
                    if !d.iter().any(|&b| (a - b).abs() < 0.05) {
                        d.push(a);
                    }
                }
                d.len()
            };
            if points.len() == 4 && distinct(&xs) == 2 && distinct(&ys) == 2 {
                let min = |v: &[f32]| v.iter().copied().fold(f32::MAX, f32::min);
                let max = |v: &[f32]| v.iter().copied().fold(f32::MIN, f32::max);
                page.rects.push(Rect {
                    x0: min(&xs),
                    y0: min(&ys),
                    x1: max(&xs),
                    y1: max(&ys),
                    width,
                });
            } else {
                page.strokes.push(Stroke { points });
            }
        }
    }
    pages
}

/// Boxes smaller than this (points) are tick boxes, not cells.
const BOX_MAX: f32 = 14.0;
/// Cells are framed with thin rules; table frames and other thick rules are left out.
const CELL_RULE_MAX: f32 = 0.75;

fn items(page: &RawPage) -> Vec<Item> {
    let thin: Vec<Rect> = page
        .rects
        .iter()
        .copied()
        .filter(|r| r.width <= CELL_RULE_MAX)
        .collect();
    let boxes: Vec<Rect> = thin
        .iter()
        .copied()
        .filter(|r| r.x1 - r.x0 < BOX_MAX && r.y1 - r.y0 < BOX_MAX)
        .collect();
    let cells: Vec<Rect> = thin
        .iter()
        .copied()
        .filter(|r| r.x1 - r.x0 >= BOX_MAX || r.y1 - r.y0 >= BOX_MAX)
        .collect();
    // A tick box reads as a glyph at its place: ticked when a stroke lies inside it.
    let mut glyphs = page.glyphs.clone();
    for b in &boxes {
        let ticked = page
            .strokes
            .iter()
            .any(|s| s.points.iter().all(|&(x, y)| b.contains(x, y)));
        let side = b.y1 - b.y0;
        // On the baseline of text set beside it, centred on the box (as a 9.5 pt line would be).
        glyphs.push(Glyph {
            c: if ticked { '☑' } else { '☐' },
            x: b.x0,
            y: (b.y0 + b.y1) / 2.0 + 3.5,
            size: side,
            adv: side,
        });
    }
    let cell_of = |g: &Glyph| {
        let (cx, cy) = (g.x + g.adv / 2.0, g.y - g.size * 0.3);
        cells.iter().position(|c| c.contains(cx, cy))
    };
    let mut in_cell: Vec<Vec<Glyph>> = vec![Vec::new(); cells.len()];
    let mut free = Vec::new();
    for g in glyphs {
        match cell_of(&g) {
            Some(i) => in_cell[i].push(g),
            None => free.push(g),
        }
    }
    // Rows: cells sharing top and bottom, left to right.
    let mut rows: Vec<(f32, f32, Vec<usize>)> = Vec::new();
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].x0.total_cmp(&cells[b].x0));
    for i in order {
        let c = cells[i];
        match rows
            .iter_mut()
            .find(|(t, b, _)| (t - c.y0).abs() < 0.3 && (b - c.y1).abs() < 0.3)
        {
            Some((_, _, list)) => list.push(i),
            None => rows.push((c.y0, c.y1, vec![i])),
        }
    }
    let mut placed: Vec<(f32, Item)> = rows
        .into_iter()
        .map(|(top, _, list)| {
            let texts = list
                .iter()
                .map(|&i| lines_of(&in_cell[i]).join("\n"))
                .collect();
            (top, Item::Row(texts))
        })
        .collect();
    for (baseline, text) in baselines(&free) {
        placed.push((baseline - 1.0, Item::Text(text)));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Rows of one table that do not overlap read before text further down; cells of one row
    // are never split, so sorting by top is enough.
    placed.into_iter().map(|(_, item)| item).collect()
}

/// The glyphs grouped into lines by baseline, top to bottom.
fn baselines(glyphs: &[Glyph]) -> Vec<(f32, String)> {
    let mut lines: Vec<(f32, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        match lines.iter_mut().find(|(y, _)| (y - g.y).abs() < 1.0) {
            Some((_, list)) => list.push(g),
            None => lines.push((g.y, vec![g])),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines
        .into_iter()
        .map(|(y, mut list)| {
            list.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end: Option<f32> = None;
            for g in list {
                if let Some(e) = end
                    && g.x - e > g.size * 0.5
                    && !text.ends_with(' ')
                    && g.c != ' '
                {
                    text.push(' ');
                }
                text.push(g.c);
                end = Some(g.x + g.adv);
            }
            (y, text)
        })
        .collect()
}

fn lines_of(glyphs: &[Glyph]) -> Vec<String> {
    baselines(glyphs).into_iter().map(|(_, t)| t).collect()
}

// ---- geometry ------------------------------------------------------------------------------------

/// A run of text on one baseline with no wide gap inside, in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Run {
    /// Its glyphs.
    pub text: String,
    /// Left end.
    pub x0: f32,
    /// Right end (the last glyph's advance included).
    pub x1: f32,
    /// Baseline.
    pub baseline: f32,
    /// Type size.
    pub size: f32,
}

impl Run {
    /// Top of the glyphs' em box (the face's ascent is about 0.88 em).
    pub fn top(&self) -> f32 {
        self.baseline - self.size * 0.88
    }

    /// Bottom of the em box.
    pub fn bottom(&self) -> f32 {
        self.baseline + self.size * 0.12
    }
}

/// A ruled rectangle: cell, frame or tick box.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Left, top, right, bottom.
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Rule thickness.
    pub width: f32,
}

/// Where everything lies on one page.
#[derive(Debug, Clone)]
pub struct Geometry {
    /// Page width and height (points).
    pub size: (f32, f32),
    /// Text runs, top to bottom, left to right.
    pub runs: Vec<Run>,
    /// Ruled rectangles, in drawing order.
    pub frames: Vec<Frame>,
    /// Other strokes (rules, ticks): their points.
    pub strokes: Vec<Vec<(f32, f32)>>,
}

/// The geometry of every page of the PDF at `path`.
pub fn geometry(path: &Path) -> Vec<Geometry> {
    let trace = trace(path);
    let sizes: Vec<(f32, f32)> = trace
        .lines()
        .filter(|l| l.trim_start().starts_with("<page "))
        .map(|l| {
            let b: Vec<f32> = attr(l.trim(), "mediabox")
                .expect("a media box")
                .split_whitespace()
                .map(|n| n.parse().expect("a number"))
                .collect();
            (b[2] - b[0], b[3] - b[1])
        })
        .collect();
    parse_trace(&trace)
        .into_iter()
        .zip(sizes)
        .map(|(raw, size)| Geometry {
            size,
            runs: runs(&raw.glyphs),
            frames: raw
                .rects
                .iter()
                .map(|r| Frame {
                    x0: r.x0,
                    y0: r.y0,
                    x1: r.x1,
                    y1: r.y1,
                    width: r.width,
                })
                .collect(),
            strokes: raw.strokes.iter().map(|s| s.points.clone()).collect(),
        })
        .collect()
}

/// Glyphs split into runs: one baseline and size, no gap wider than half an em.
fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| g.c != ' ').collect();
    sorted.sort_by(|a, b| {
        (a.y * 10.0)
            .round()
            .total_cmp(&(b.y * 10.0).round())
            .then(a.x.total_cmp(&b.x))
    });
    let mut out: Vec<Run> = Vec::new();
    for g in sorted {
        match out.last_mut() {
            Some(r)
                if (r.baseline - g.y).abs() < 0.05
                    && (r.size - g.size).abs() < 0.05
                    && g.x - r.x1 <= g.size * 0.5 =>
            {
                r.text.push(g.c);
                r.x1 = g.x + g.adv;
            }
            _ => out.push(Run {
                text: g.c.to_string(),
                x0: g.x,
                x1: g.x + g.adv,
                baseline: g.y,
                size: g.size,
            }),
        }
    }
    out
}

/// A coordinate to 0.1 pt (-0.0 reads as 0.0).
fn pt(v: f32) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_owned() } else { s }
}

/// The layout as text, one line per run, frame and stroke, to 0.1 pt: a record any moved, resized
/// or missing piece of any page changes.
pub fn layout_record(pages: &[Geometry]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        let p = n + 1;
        let _ = writeln!(out, "page {p} {} x {}", pt(page.size.0), pt(page.size.1));
        for r in &page.runs {
            let _ = writeln!(
                out,
                "{p} text y={} x={}..{} size={} {}",
                pt(r.baseline),
                pt(r.x0),
                pt(r.x1),
                pt(r.size),
                r.text
            );
        }
        for f in &page.frames {
            let _ = writeln!(
                out,
                "{p} frame {} {} {} {} rule={:.2}",
                pt(f.x0),
                pt(f.y0),
                pt(f.x1),
                pt(f.y1),
                f.width
            );
        }
        for s in &page.strokes {
            let points: Vec<String> = s
                .iter()
                .map(|&(x, y)| format!("{},{}", pt(x), pt(y)))
                .collect();
            let _ = writeln!(out, "{p} stroke {}", points.join(" "));
        }
    }
    out
}
