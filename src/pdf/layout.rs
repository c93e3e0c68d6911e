//! A small layout toolkit: A4 pages in millimetres measured from the top left, text measured
//! with the font's real widths, Japanese line breaking (kinsoku), ruled tables whose rows grow
//! to fit, and shrink-to-fit for cells of fixed size.

use super::font::{BASELINE_BELOW_CENTRE, Metrics};

/// Millimetres per point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// Points to millimetres.
pub fn pt_to_mm(pt: f32) -> f32 {
    pt * MM_PER_PT
}

/// Millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// Line height as a multiple of the type size.
pub const LEADING: f32 = 1.3;

/// Height of one line of text set at `size` points, in millimetres.
pub fn line_height(size: f32) -> f32 {
    pt_to_mm(size * LEADING)
}

/// Thin rule (inner cell borders), in points.
pub const RULE_THIN: f32 = 0.5;
/// Thick rule (table frames), in points.
pub const RULE_THICK: f32 = 1.0;

/// Page orientation of A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// 210 × 297 mm
    Portrait,
    /// 297 × 210 mm
    Landscape,
}

/// Horizontal alignment of text in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// One drawing instruction, in millimetres from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A line of text whose baseline starts at (x, y).
    Text {
        /// Left end of the baseline.
        x: f32,
        /// Baseline, from the top.
        y: f32,
        /// Type size in points.
        size: f32,
        /// The text (one line).
        text: String,
    },
    /// A straight rule.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Thickness in points.
        width: f32,
    },
    /// A rectangle outline.
    Frame {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Thickness in points.
        width: f32,
    },
    /// A filled grey rectangle (table heads).
    Shade {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Grey level, 0 black … 1 white.
        grey: f32,
    },
}

/// One page being drawn.
#[derive(Debug, Clone)]
pub struct Page {
    /// Page width in millimetres.
    pub width: f32,
    /// Page height in millimetres.
    pub height: f32,
    /// What to draw, in order (shades first is up to the caller).
    pub draws: Vec<Draw>,
}

impl Page {
    /// An empty A4 page.
    pub fn a4(orientation: Orientation) -> Self {
        let (width, height) = match orientation {
            Orientation::Portrait => (210.0, 297.0),
            Orientation::Landscape => (297.0, 210.0),
        };
        Self {
            width,
            height,
            draws: Vec::new(),
        }
    }

    /// Text with its baseline at (x, y).
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        if !text.is_empty() {
            self.draws.push(Draw::Text {
                x,
                y,
                size,
                text: text.to_string(),
            });
        }
    }

    /// One line of text vertically centred on `centre_y`, aligned within [x, x + w].
    #[allow(clippy::too_many_arguments)]
    pub fn text_line(
        &mut self,
        m: &Metrics,
        x: f32,
        w: f32,
        centre_y: f32,
        size: f32,
        align: Align,
        text: &str,
    ) {
        let tw = m.width_mm(text, size);
        let left = match align {
            Align::Left => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        self.text(
            left,
            centre_y + pt_to_mm(size * BASELINE_BELOW_CENTRE),
            size,
            text,
        );
    }

    /// Lines of text stacked from `top`, each line box `line_height(size)` high.
    #[allow(clippy::too_many_arguments)]
    pub fn text_block(
        &mut self,
        m: &Metrics,
        x: f32,
        w: f32,
        top: f32,
        size: f32,
        align: Align,
        lines: &[String],
    ) {
        let lh = line_height(size);
        for (i, line) in lines.iter().enumerate() {
            let centre = top + lh * (i as f32 + 0.5);
            self.text_line(m, x, w, centre, size, align, line);
        }
    }

    /// A straight rule.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.draws.push(Draw::Line { from, to, width });
    }

    /// A rectangle outline.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.draws.push(Draw::Frame { x, y, w, h, width });
    }

    /// A grey fill.
    pub fn shade(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.draws.push(Draw::Shade { x, y, w, h, grey });
    }

    /// A tick box of side `side` at (x, y); ticked draws a check mark in it.
    pub fn tick_box(&mut self, x: f32, y: f32, side: f32, ticked: bool) {
        self.frame(x, y, side, side, RULE_THIN);
        if ticked {
            let p = |fx: f32, fy: f32| (x + side * fx, y + side * fy);
            self.line(p(0.18, 0.52), p(0.42, 0.78), 1.2);
            self.line(p(0.42, 0.78), p(0.85, 0.18), 1.2);
        }
    }

    /// Every text string drawn on the page, in drawing order (for checks).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.draws.iter().filter_map(|d| match d {
            Draw::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Characters that must not begin a line (行頭禁則).
const NO_LINE_START: &str = "、。，．,.・：；？！?!:;ー−～〜）」』】〕〉》］｝)]}’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ％%";
/// Characters that must not end a line (行末禁則).
const NO_LINE_END: &str = "（「『【〔〈《［｛([{‘“";

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '_' | '%' | '/' | '@' | '+')
}

/// Breaks `text` into lines no wider than `width` mm at `size` points: at any character
/// between Japanese characters, between words in Latin text, never starting a line with 。、）
/// and the like, nor ending one with （「. Explicit newlines are kept. Nothing is dropped: a
/// single character wider than the width gets a line of its own.
pub fn wrap(m: &Metrics, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(m, paragraph.trim_end_matches('\r'), size, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(m: &Metrics, text: &str, size: f32, width: f32, out: &mut Vec<String>) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let em = width / pt_to_mm(size);
    let n = chars.len();
    let mut start = 0;
    let mut used = 0.0;
    let mut i = 0;
    while i < n {
        let adv = chars.get(i).map_or(0.0, |&c| m.advance(c));
        if used + adv > em + 1e-4 && i > start {
            let brk = break_point(&chars, start, i);
            out.push(
                chars[start..brk]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            );
            start = brk;
            while chars.get(start) == Some(&' ') {
                start += 1;
            }
            if start > i {
                i = start;
            }
            used = chars[start..i].iter().map(|&c| m.advance(c)).sum();
        } else {
            used += adv;
            i += 1;
        }
    }
    out.push(
        chars[start..]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string(),
    );
}

/// Where to end the line `chars[start..]` whose character `i` does not fit (start < i).
fn break_point(chars: &[char], start: usize, i: usize) -> usize {
    let mut brk = i;
    if chars.get(i).is_some_and(|&c| is_word_char(c))
        && chars.get(i - 1).is_some_and(|&c| is_word_char(c))
    {
        let mut j = i - 1;
        while j > start && chars.get(j - 1).is_some_and(|&c| is_word_char(c)) {
            j -= 1;
        }
        if j > start {
            brk = j;
        }
    }
    while brk > start + 1
        && (chars.get(brk).is_some_and(|&c| NO_LINE_START.contains(c))
            || chars.get(brk - 1).is_some_and(|&c| NO_LINE_END.contains(c)))
    {
        brk -= 1;
    }
    brk
}

/// Text fitted into a box of fixed size: the type size used and the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Type size in points.
    pub size: f32,
    /// Lines at that size.
    pub lines: Vec<String>,
}

/// The largest size from `size` down to `min_size` (in half points) at which `text` fits a box
/// `width` × `height` mm; `None` when it does not fit even at `min_size`.
pub fn fit(
    m: &Metrics,
    text: &str,
    size: f32,
    min_size: f32,
    width: f32,
    height: f32,
) -> Option<Fitted> {
    let mut s = size;
    while s >= min_size - 1e-3 {
        let lines = wrap(m, text, s, width);
        if lines.len() as f32 * line_height(s) <= height + 1e-3 {
            return Some(Fitted { size: s, lines });
        }
        s -= 0.5;
    }
    None
}

/// Like [`fit`], but always returns something to print: at `min_size`, overflowing, when the
/// text does not fit (the pre-flight check reports that case before export).
pub fn fit_or_min(
    m: &Metrics,
    text: &str,
    size: f32,
    min_size: f32,
    width: f32,
    height: f32,
) -> Fitted {
    fit(m, text, size, min_size, width, height).unwrap_or_else(|| Fitted {
        size: min_size,
        lines: wrap(m, text, min_size, width),
    })
}

/// A table column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Heading.
    pub title: &'static str,
    /// Width in millimetres.
    pub width: f32,
    /// Alignment of the cells' text.
    pub align: Align,
}

impl Column {
    /// Columns from parallel lists of headings, widths and alignments (the shortest decides).
    pub fn list(titles: &[&'static str], widths: &[f32], aligns: &[Align]) -> Vec<Column> {
        titles
            .iter()
            .zip(widths)
            .zip(aligns)
            .map(|((&title, &width), &align)| Column {
                title,
                width,
                align,
            })
            .collect()
    }
}

/// A ruled table whose rows grow to fit wrapped text.
#[derive(Debug, Clone)]
pub struct Table {
    /// Left edge in millimetres.
    pub x: f32,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Type size of the cells in points.
    pub size: f32,
    /// Type size of the heading in points.
    pub head_size: f32,
    /// Inner padding of a cell in millimetres.
    pub pad: f32,
    /// Smallest row height in millimetres.
    pub min_row: f32,
}

/// A row measured before it is placed.
#[derive(Debug, Clone)]
pub struct RowLayout {
    /// Each cell's lines.
    pub cells: Vec<Vec<String>>,
    /// Row height in millimetres.
    pub height: f32,
}

impl Table {
    /// Total width in millimetres.
    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    fn cell_lines(&self, m: &Metrics, text: &str, col: &Column, size: f32) -> Vec<String> {
        wrap(m, text, size, col.width - 2.0 * self.pad)
    }

    /// Measures a row of cells (one per column).
    pub fn layout_row(&self, m: &Metrics, cells: &[String]) -> RowLayout {
        self.layout_with_size(m, cells, self.size)
    }

    fn layout_with_size(&self, m: &Metrics, cells: &[String], size: f32) -> RowLayout {
        let cells: Vec<Vec<String>> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                let text = cells.get(i).map_or("", String::as_str);
                self.cell_lines(m, text, col, size)
            })
            .collect();
        let most = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = (most as f32 * line_height(size) + 2.0 * self.pad).max(self.min_row);
        RowLayout { cells, height }
    }

    /// Measures the heading row.
    pub fn head_layout(&self, m: &Metrics) -> RowLayout {
        let titles: Vec<String> = self.columns.iter().map(|c| c.title.to_string()).collect();
        self.layout_with_size(m, &titles, self.head_size)
    }

    /// Draws the heading (shaded) at `y`; returns the y below it.
    pub fn draw_head(&self, page: &mut Page, m: &Metrics, y: f32) -> f32 {
        let row = self.head_layout(m);
        page.shade(self.x, y, self.width(), row.height, 0.88);
        let centred: Vec<Column> = self
            .columns
            .iter()
            .map(|c| Column {
                align: Align::Center,
                ..*c
            })
            .collect();
        self.draw_cells(page, m, y, &row, &centred, self.head_size);
        y + row.height
    }

    /// Draws a measured row at `y`; returns the y below it.
    pub fn draw_row(&self, page: &mut Page, m: &Metrics, y: f32, row: &RowLayout) -> f32 {
        self.draw_cells(page, m, y, row, &self.columns, self.size);
        y + row.height
    }

    fn draw_cells(
        &self,
        page: &mut Page,
        m: &Metrics,
        y: f32,
        row: &RowLayout,
        columns: &[Column],
        size: f32,
    ) {
        let mut x = self.x;
        let lh = line_height(size);
        for (col, lines) in columns.iter().zip(&row.cells) {
            let block = lines.len() as f32 * lh;
            let top = y + (row.height - block) / 2.0;
            page.text_block(
                m,
                x + self.pad,
                col.width - 2.0 * self.pad,
                top,
                size,
                col.align,
                lines,
            );
            page.frame(x, y, col.width, row.height, RULE_THIN);
            x += col.width;
        }
    }

    /// Draws the thick outer frame around rows from `top` to `bottom`.
    pub fn draw_frame(&self, page: &mut Page, top: f32, bottom: f32) {
        page.frame(self.x, top, self.width(), bottom - top, RULE_THICK);
    }
}

/// A two-column table of label and value, as on 様式1: label cells shaded.
#[derive(Debug, Clone)]
pub struct FieldTable {
    /// Left edge.
    pub x: f32,
    /// Width of the label column.
    pub label_width: f32,
    /// Width of the value column.
    pub value_width: f32,
    /// Type size of the values.
    pub size: f32,
    /// Type size of the labels.
    pub label_size: f32,
    /// Smallest row height.
    pub min_row: f32,
    /// Inner padding.
    pub pad: f32,
}

impl FieldTable {
    /// Draws one labelled row whose value wraps; returns the y below it.
    pub fn row(&self, page: &mut Page, m: &Metrics, y: f32, label: &str, value: &str) -> f32 {
        let lines = wrap(m, value, self.size, self.value_width - 2.0 * self.pad);
        let labels = wrap(m, label, self.label_size, self.label_width - 2.0 * self.pad);
        let h = (lines.len().max(1) as f32 * line_height(self.size))
            .max(labels.len() as f32 * line_height(self.label_size))
            + 2.0 * self.pad;
        let h = h.max(self.min_row);
        self.draw(page, m, y, h, &labels, &lines, self.size);
        y + h
    }

    /// Draws a row of fixed height whose value shrinks to fit (down to `min_size`).
    #[allow(clippy::too_many_arguments)]
    pub fn fixed_row(
        &self,
        page: &mut Page,
        m: &Metrics,
        y: f32,
        h: f32,
        label: &str,
        value: &str,
        min_size: f32,
    ) -> f32 {
        let fitted = fit_or_min(
            m,
            value,
            self.size,
            min_size,
            self.value_width - 2.0 * self.pad,
            h - 2.0 * self.pad,
        );
        let labels = wrap(m, label, self.label_size, self.label_width - 2.0 * self.pad);
        self.draw(page, m, y, h, &labels, &fitted.lines, fitted.size);
        y + h
    }

    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        page: &mut Page,
        m: &Metrics,
        y: f32,
        h: f32,
        labels: &[String],
        lines: &[String],
        size: f32,
    ) {
        page.shade(self.x, y, self.label_width, h, 0.92);
        page.frame(self.x, y, self.label_width, h, RULE_THIN);
        page.frame(self.x + self.label_width, y, self.value_width, h, RULE_THIN);
        let lt = y + (h - labels.len() as f32 * line_height(self.label_size)) / 2.0;
        page.text_block(
            m,
            self.x + self.pad,
            self.label_width - 2.0 * self.pad,
            lt,
            self.label_size,
            Align::Left,
            labels,
        );
        let vt = y + (h - lines.len() as f32 * line_height(size)) / 2.0;
        page.text_block(
            m,
            self.x + self.label_width + self.pad,
            self.value_width - 2.0 * self.pad,
            vt,
            size,
            Align::Left,
            lines,
        );
    }

    /// Total width.
    pub fn width(&self) -> f32 {
        self.label_width + self.value_width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> &'static Metrics {
        Metrics::get().expect("font")
    }

    #[test]
    fn full_width_characters_are_one_em() {
        let m = metrics();
        assert!((m.advance('産') - 1.0).abs() < 0.01);
        assert!((m.width_mm("産婦人科", 10.0) - pt_to_mm(40.0)).abs() < 0.1);
    }

    #[test]
    fn wrapping_keeps_every_character() {
        let m = metrics();
        let text = "子宮頸部上皮内腫瘍（CIN3）に対するコルポスコピー、円錐切除術。".repeat(5);
        let lines = wrap(m, &text, 8.0, 30.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(m.width_mm(line, 8.0) <= 30.0 + 0.01, "{line}");
        }
    }

    #[test]
    fn no_line_starts_with_a_closing_mark() {
        let m = metrics();
        // 10 ems fit per line; the 11th character is 。 and must not start the next line.
        let text = "あいうえおかきくけこ。さしすせそ";
        let lines = wrap(m, text, 10.0, pt_to_mm(100.0) + 0.01);
        for line in &lines {
            let first = line.chars().next().expect("non-empty");
            assert!(!NO_LINE_START.contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn latin_words_are_not_split() {
        let m = metrics();
        let lines = wrap(m, "hello wonderful world", 10.0, 20.0);
        assert_eq!(lines, vec!["hello", "wonderful", "world"]);
    }

    #[test]
    fn fit_shrinks_then_gives_up() {
        let m = metrics();
        let f = fit(m, "日本産科婦人科学会", 10.0, 6.0, 25.0, 6.0).expect("fits when shrunk");
        assert!(f.size < 10.0 && f.size >= 6.0);
        assert_eq!(f.lines.len(), 1);
        assert!(fit(m, &"長".repeat(100), 10.0, 6.0, 25.0, 6.0).is_none());
    }
}
