//! A small layout toolkit: text measured with the font's real widths, Japanese line breaking
//! (kinsoku), ruled tables whose rows grow to fit, and shrink-to-fit for cells of fixed size,
//! all drawn onto [`Page`]s in millimetres from the top left.

use super::font::{BASELINE_BELOW_CENTRE, Metrics};
use super::page::{Page, RULE_THICK, RULE_THIN};
use super::units::{Mm, Pt};

/// Line height as a multiple of the type size.
pub const LEADING: f32 = 1.3;

/// Height of one line of text set at `size`.
pub fn line_height(size: Pt) -> Mm {
    (size * LEADING).to_mm()
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

/// Text placed with the font's metrics.
impl Page {
    /// One line of text vertically centred on `centre_y`, aligned within [x, x + w].
    #[allow(clippy::too_many_arguments)]
    pub fn text_line(
        &mut self,
        m: &Metrics,
        x: Mm,
        w: Mm,
        centre_y: Mm,
        size: Pt,
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
            centre_y + (size * BASELINE_BELOW_CENTRE).to_mm(),
            size,
            text,
        );
    }

    /// One line of red text (朱書き) from `x`, vertically centred on `centre_y`.
    pub fn red_line(&mut self, x: Mm, centre_y: Mm, size: Pt, text: &str) {
        self.red(
            x,
            centre_y + (size * BASELINE_BELOW_CENTRE).to_mm(),
            size,
            text,
        );
    }

    /// Lines of text stacked from `top`, each line box `line_height(size)` high.
    #[allow(clippy::too_many_arguments)]
    pub fn text_block(
        &mut self,
        m: &Metrics,
        x: Mm,
        w: Mm,
        top: Mm,
        size: Pt,
        align: Align,
        lines: &[String],
    ) {
        let lh = line_height(size);
        for (i, line) in lines.iter().enumerate() {
            let centre = top + lh * (i as f32 + 0.5);
            self.text_line(m, x, w, centre, size, align, line);
        }
    }
}

/// Characters that must not begin a line (行頭禁則).
const NO_LINE_START: &str = "、。，．,.・：；？！?!:;ー−～〜）」』】〕〉》］｝)]}’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ％%";
/// Characters that must not end a line (行末禁則).
const NO_LINE_END: &str = "（「『【〔〈《［｛([{‘“";

/// Units that stay on the line of their number (「40時間」 never breaks as 「40時」「間」).
const NUMBER_UNITS: [&str; 24] = [
    "時間",
    "単位",
    "か月",
    "ヶ月",
    "カ月",
    "ページ",
    "日",
    "時",
    "分",
    "秒",
    "歳",
    "才",
    "件",
    "年",
    "月",
    "週",
    "回",
    "名",
    "人",
    "円",
    "例",
    "頁",
    "%",
    "％",
];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Per position, whether a line may not break just before it: inside a number, or between a
/// number and its unit.
fn glued(chars: &[char]) -> Vec<bool> {
    let mut glue = vec![false; chars.len() + 1];
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(|&c| is_digit(c)) {
            i += 1;
            continue;
        }
        let start = i;
        while chars
            .get(i)
            .is_some_and(|&c| is_digit(c) || matches!(c, '.' | ',' | '．' | '，'))
        {
            i += 1;
        }
        for slot in glue.iter_mut().take(i).skip(start + 1) {
            *slot = true;
        }
        let rest = &chars[i..];
        if let Some(unit) = NUMBER_UNITS
            .iter()
            .map(|u| u.chars().collect::<Vec<char>>())
            .filter(|u| rest.starts_with(u))
            .max_by_key(Vec::len)
        {
            for slot in glue.iter_mut().skip(i).take(unit.len()) {
                *slot = true;
            }
            i += unit.len();
        }
    }
    glue
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '_' | '%' | '/' | '@' | '+')
}

/// Breaks `text` into lines no wider than `width` at `size`: at any character
/// between Japanese characters, between words in Latin text, never starting a line with 。、）
/// and the like, nor ending one with （「. Explicit newlines are kept. Nothing is dropped: a
/// single character wider than the width gets a line of its own.
pub fn wrap(m: &Metrics, text: &str, size: Pt, width: Mm) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(m, paragraph.trim_end_matches('\r'), size, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(m: &Metrics, text: &str, size: Pt, width: Mm, out: &mut Vec<String>) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let em = width / size.to_mm();
    let glue = glued(&chars);
    let n = chars.len();
    let mut start = 0;
    let mut used = 0.0;
    let mut i = 0;
    while i < n {
        let adv = chars.get(i).map_or(0.0, |&c| m.advance(c));
        if used + adv > em + 1e-4 && i > start {
            let brk = break_point(&chars, &glue, start, i);
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

/// Where to end the line `chars[start..]` whose character `i` does not fit (start < i): the
/// last place before it where a line may break (not inside a Latin word or a number with its
/// unit, not before 。、）, not after （「); where there is none, at `i` itself.
fn break_point(chars: &[char], glue: &[bool], start: usize, i: usize) -> usize {
    let word = |k: usize| chars.get(k).is_some_and(|&c| is_word_char(c));
    let forbidden = |b: usize| {
        (word(b) && word(b - 1))
            || glue.get(b).copied().unwrap_or(false)
            || chars.get(b).is_some_and(|&c| NO_LINE_START.contains(c))
            || chars.get(b - 1).is_some_and(|&c| NO_LINE_END.contains(c))
    };
    (start + 1..=i).rev().find(|&b| !forbidden(b)).unwrap_or(i)
}

/// Text fitted into a box of fixed size: the type size used and the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Type size.
    pub size: Pt,
    /// Lines at that size.
    pub lines: Vec<String>,
}

/// The largest size from `size` down to `min_size` (in half points) at which `text` fits a box
/// `width` × `height`; `None` when it does not fit even at `min_size`.
pub fn fit(
    m: &Metrics,
    text: &str,
    size: Pt,
    min_size: Pt,
    width: Mm,
    height: Mm,
) -> Option<Fitted> {
    let mut s = size;
    while s >= min_size - Pt(1e-3) {
        let lines = wrap(m, text, s, width);
        if lines.len() as f32 * line_height(s) <= height + Mm(1e-3) {
            return Some(Fitted { size: s, lines });
        }
        s -= Pt(0.5);
    }
    None
}

/// Like [`fit`], but always returns something to print: at `min_size`, overflowing, when the
/// text does not fit (the pre-flight check reports that case before export).
pub fn fit_or_min(
    m: &Metrics,
    text: &str,
    size: Pt,
    min_size: Pt,
    width: Mm,
    height: Mm,
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
    /// Width.
    pub width: Mm,
    /// Alignment of the cells' text.
    pub align: Align,
}

impl Column {
    /// Columns from parallel lists of headings, widths and alignments (the shortest decides).
    pub fn list(titles: &[&'static str], widths: &[Mm], aligns: &[Align]) -> Vec<Column> {
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
    /// Left edge.
    pub x: Mm,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Type size of the cells.
    pub size: Pt,
    /// Type size of the heading.
    pub head_size: Pt,
    /// Inner padding of a cell.
    pub pad: Mm,
    /// Smallest row height.
    pub min_row: Mm,
}

/// A row measured before it is placed.
#[derive(Debug, Clone)]
pub struct RowLayout {
    /// Each cell's lines.
    pub cells: Vec<Vec<String>>,
    /// Row height.
    pub height: Mm,
}

impl Table {
    /// Total width.
    pub fn width(&self) -> Mm {
        self.columns.iter().map(|c| c.width).sum()
    }

    fn cell_lines(&self, m: &Metrics, text: &str, col: &Column, size: Pt) -> Vec<String> {
        wrap(m, text, size, col.width - 2.0 * self.pad)
    }

    /// Measures a row of cells (one per column).
    pub fn layout_row(&self, m: &Metrics, cells: &[String]) -> RowLayout {
        self.layout_with_size(m, cells, self.size)
    }

    fn layout_with_size(&self, m: &Metrics, cells: &[String], size: Pt) -> RowLayout {
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
    pub fn draw_head(&self, page: &mut Page, m: &Metrics, y: Mm) -> Mm {
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
    pub fn draw_row(&self, page: &mut Page, m: &Metrics, y: Mm, row: &RowLayout) -> Mm {
        self.draw_cells(page, m, y, row, &self.columns, self.size);
        y + row.height
    }

    fn draw_cells(
        &self,
        page: &mut Page,
        m: &Metrics,
        y: Mm,
        row: &RowLayout,
        columns: &[Column],
        size: Pt,
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
    pub fn draw_frame(&self, page: &mut Page, top: Mm, bottom: Mm) {
        page.frame(self.x, top, self.width(), bottom - top, RULE_THICK);
    }
}

/// A two-column table of label and value, as on 様式1: label cells shaded.
#[derive(Debug, Clone)]
pub struct FieldTable {
    /// Left edge.
    pub x: Mm,
    /// Width of the label column.
    pub label_width: Mm,
    /// Width of the value column.
    pub value_width: Mm,
    /// Type size of the values.
    pub size: Pt,
    /// Type size of the labels.
    pub label_size: Pt,
    /// Smallest row height.
    pub min_row: Mm,
    /// Inner padding.
    pub pad: Mm,
}

impl FieldTable {
    /// Draws one labelled row whose value wraps; returns the y below it.
    pub fn row(&self, page: &mut Page, m: &Metrics, y: Mm, label: &str, value: &str) -> Mm {
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
        y: Mm,
        h: Mm,
        label: &str,
        value: &str,
        min_size: Pt,
    ) -> Mm {
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
        y: Mm,
        h: Mm,
        labels: &[String],
        lines: &[String],
        size: Pt,
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
    pub fn width(&self) -> Mm {
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
        assert!(
            (m.width_mm("産婦人科", Pt(10.0)) - Pt(40.0).to_mm())
                .0
                .abs()
                < 0.1
        );
    }

    #[test]
    fn a_number_stays_with_its_unit() {
        let m = metrics();
        // Wide enough for 「（40時間）」 (5 em, 17.6 mm at 10 pt), too narrow for the whole.
        for width in 36..60 {
            let lines = wrap(m, "週5日（40時間）", Pt(10.0), Mm(width as f32 / 2.0));
            for pair in lines.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                assert!(
                    !((a.ends_with("40時") && b.starts_with('間'))
                        || (a.ends_with('4') && b.starts_with('0'))
                        || (a.ends_with('5') && b.starts_with('日'))),
                    "{lines:?}"
                );
            }
            assert_eq!(lines.concat(), "週5日（40時間）");
        }
    }

    #[test]
    fn wrapping_keeps_every_character() {
        let m = metrics();
        let text = "子宮頸部上皮内腫瘍（CIN3）に対するコルポスコピー、円錐切除術。".repeat(5);
        let lines = wrap(m, &text, Pt(8.0), Mm(30.0));
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(m.width_mm(line, Pt(8.0)) <= Mm(30.0 + 0.01), "{line}");
        }
    }

    #[test]
    fn no_line_starts_with_a_closing_mark() {
        let m = metrics();
        // 10 ems fit per line; the 11th character is 。 and must not start the next line.
        let text = "あいうえおかきくけこ。さしすせそ";
        let lines = wrap(m, text, Pt(10.0), Pt(100.0).to_mm() + Mm(0.01));
        for line in &lines {
            let first = line.chars().next().expect("non-empty");
            assert!(!NO_LINE_START.contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn latin_words_are_not_split() {
        let m = metrics();
        let lines = wrap(m, "hello wonderful world", Pt(10.0), Mm(20.0));
        assert_eq!(lines, vec!["hello", "wonderful", "world"]);
    }

    #[test]
    fn fit_shrinks_then_gives_up() {
        let m = metrics();
        let f = fit(
            m,
            "日本産科婦人科学会",
            Pt(10.0),
            Pt(6.0),
            Mm(25.0),
            Mm(6.0),
        )
        .expect("fits when shrunk");
        assert!(f.size < Pt(10.0) && f.size >= Pt(6.0));
        assert_eq!(f.lines.len(), 1);
        assert!(fit(m, &"長".repeat(100), Pt(10.0), Pt(6.0), Mm(25.0), Mm(6.0)).is_none());
    }
}
