//! 様式3 診療実績の証明（症例一覧表）: the cases, grouped by facility and numbered across pages,
//! each facility's group closed by the certification block its 診療責任者 signs by hand.

use crate::model::Case;

use super::labels as l;
use super::layout::{
    Align, Column, FieldTable, Orientation, Page, RULE_THICK, RowLayout, Table, line_height, wrap,
};
use super::{BODY_TOP, Ctx, MARGIN_LEFT, body_bottom, title};

/// Type size of the case rows and of every other text of the form (points): 9 pt is the
/// smallest size the office prints comfortably read.
pub const CELL_SIZE: f32 = 9.0;

/// Column widths in millimetres, in the order of [`l::FORM3_COLUMNS`]. 転帰 and 担当医/指導医
/// are free text: 転帰 fits 経過観察中, 担当医/指導医 two names (`山田 花子／佐藤 一郎`) on one
/// line; longer text wraps.
const WIDTHS: [f32; 9] = [10.0, 22.0, 10.0, 9.0, 56.0, 59.0, 19.0, 41.0, 35.0];
/// 様式3 is printed landscape: a case then reads as one line across the page.
pub const ORIENTATION: Orientation = Orientation::Landscape;
const ALIGNS: [Align; 9] = [
    Align::Right,
    Align::Center,
    Align::Right,
    Align::Center,
    Align::Left,
    Align::Left,
    Align::Left,
    Align::Left,
    Align::Left,
];

/// Room taken above the first row of a continuation page: title and facility heading (mm).
pub const ROOM_ABOVE_FIRST_ROW: f32 = 17.0;
/// Width of the certification block (mm).
const CERT_WIDTH: f32 = 170.0;

/// The case table.
pub fn table() -> Table {
    Table {
        x: MARGIN_LEFT,
        columns: Column::list(&l::FORM3_COLUMNS, &WIDTHS, &ALIGNS),
        size: CELL_SIZE,
        head_size: CELL_SIZE,
        pad: 1.0,
        min_row: 6.0,
    }
}

/// The cells of one case row.
pub fn case_cells(no: usize, case: &Case) -> Vec<String> {
    vec![
        no.to_string(),
        l::slash_or_empty(case.date),
        case.age.map(l::age).unwrap_or_default(),
        case.sex.map(|s| s.label().to_string()).unwrap_or_default(),
        case.diagnosis.trim().to_string(),
        case.treatment.trim().to_string(),
        case.outcome.trim().to_string(),
        case.facility.trim().to_string(),
        case.role.trim().to_string(),
    ]
}

/// Cases grouped by facility, in the order each facility first appears.
pub fn groups(cases: &[Case]) -> Vec<(String, Vec<&Case>)> {
    let mut out: Vec<(String, Vec<&Case>)> = Vec::new();
    for case in cases {
        let key = case.facility.trim().to_string();
        match out.iter_mut().find(|(f, _)| *f == key) {
            Some((_, list)) => list.push(case),
            None => out.push((key, vec![case])),
        }
    }
    out
}

struct Writer<'c, 'a> {
    ctx: &'c Ctx<'a>,
    table: Table,
    pages: Vec<Page>,
    page: Page,
    y: f32,
    /// Top of the table segment on the current page, if one is open.
    segment_top: Option<f32>,
}

impl Writer<'_, '_> {
    fn bottom(&self) -> f32 {
        body_bottom(&self.page)
    }

    fn new_page(&mut self) {
        self.close_segment();
        let next = self.ctx.page(ORIENTATION);
        let done = std::mem::replace(&mut self.page, next);
        self.pages.push(done);
        self.y = title(&mut self.page, self.ctx.m, BODY_TOP, l::FORM3_TITLE);
    }

    fn close_segment(&mut self) {
        if let Some(top) = self.segment_top.take() {
            self.table.draw_frame(&mut self.page, top, self.y);
        }
    }

    fn heading(&mut self, text: &str) {
        let w = self.table.width();
        self.page.text_line(
            self.ctx.m,
            MARGIN_LEFT,
            w,
            self.y + 3.5,
            9.5,
            Align::Left,
            text,
        );
        self.y += 7.0;
    }

    fn open_table(&mut self) {
        self.segment_top = Some(self.y);
        self.y = self.table.draw_head(&mut self.page, self.ctx.m, self.y);
    }

    fn row(&mut self, row: &RowLayout) {
        self.y = self.table.draw_row(&mut self.page, self.ctx.m, self.y, row);
    }

    fn continued(&mut self) {
        let w = self.table.width();
        let y = self.y + 3.5;
        self.page.text_line(
            self.ctx.m,
            MARGIN_LEFT,
            w,
            y,
            CELL_SIZE,
            Align::Right,
            l::CONTINUED,
        );
    }
}

/// Draws 様式3 (body only; the header and footer are added by the caller).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let mut page = ctx.page(ORIENTATION);
    let mut y = title(&mut page, ctx.m, BODY_TOP, l::FORM3_TITLE);
    let period = ctx.rules.activity_period;
    let note = l::form3_note(ctx.rules.clinical.cases_per_unit, period.start, period.end);
    let table = table();
    y = note_lines(&mut page, ctx, MARGIN_LEFT, table.width(), y, &note);
    y += 2.0;
    let mut w = Writer {
        ctx,
        table,
        pages: Vec::new(),
        page,
        y,
        segment_top: None,
    };
    let head_h = w.table.head_layout(ctx.m).height;
    let mut no = 0;
    for (facility, cases) in groups(&ctx.app.cases) {
        let first = no + 1;
        let last = no + cases.len();
        let name = if facility.is_empty() {
            l::NO_FACILITY.to_string()
        } else {
            facility.clone()
        };
        let heading = l::facility_heading(&name, first, last);
        let rows: Vec<RowLayout> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| w.table.layout_row(ctx.m, &case_cells(first + i, c)))
            .collect();
        let cert_h = cert_height(ctx, &name, first, last);
        let first_h = rows.first().map_or(0.0, |r| r.height);
        if w.y + 7.0 + head_h + first_h > w.bottom() {
            w.new_page();
        }
        w.heading(&heading);
        w.open_table();
        for (i, row) in rows.iter().enumerate() {
            let is_last = i + 1 == rows.len();
            // The last row goes with the certification block, so that the signer's page
            // always shows cases of their own facility.
            let need = row.height + if is_last { cert_h + 4.0 } else { 0.0 };
            if w.y + need > w.bottom() {
                w.continued();
                w.new_page();
                w.heading(&heading);
                w.open_table();
            }
            w.row(row);
        }
        w.close_segment();
        w.y += 3.0;
        w.y = certification(ctx, &mut w.page, w.y, &name, first, last);
        w.y += 6.0;
        no = last;
    }
    let cases = ctx.app.cases.len();
    let per_unit = ctx.rules.clinical.cases_per_unit.max(1) as usize;
    let units = u32::try_from(cases / per_unit).unwrap_or(u32::MAX);
    let units = ctx
        .rules
        .clinical
        .limits
        .max
        .map_or(units, |m| units.min(m));
    if w.y + 9.0 > w.bottom() {
        w.new_page();
    }
    let tw = w.table.width();
    w.page.frame(MARGIN_LEFT, w.y, tw, 8.0, RULE_THICK);
    w.page.text_line(
        ctx.m,
        MARGIN_LEFT + 3.0,
        tw - 6.0,
        w.y + 4.0,
        10.0,
        Align::Left,
        &l::form3_totals(cases, units),
    );
    w.pages.push(w.page);
    w.pages
}

fn cert_table(label_width: f32) -> FieldTable {
    FieldTable {
        x: MARGIN_LEFT,
        label_width,
        value_width: CERT_WIDTH - label_width,
        size: 9.5,
        label_size: CELL_SIZE,
        min_row: 9.0,
        pad: 1.2,
    }
}

fn cert_height(ctx: &Ctx, facility: &str, first: usize, last: usize) -> f32 {
    let mut scratch = Page::a4(ORIENTATION);
    certification(ctx, &mut scratch, 0.0, facility, first, last)
}

/// The 診療責任者's certification: printed facility, blanks for title, signature and date.
fn certification(
    ctx: &Ctx,
    page: &mut Page,
    y: f32,
    facility: &str,
    first: usize,
    last: usize,
) -> f32 {
    let t = cert_table(44.0);
    let w = t.width();
    let top = y;
    page.text_line(
        ctx.m,
        MARGIN_LEFT + 2.0,
        w,
        y + 3.5,
        10.0,
        Align::Left,
        l::CERTIFICATION_TITLE,
    );
    let mut y = y + 7.0;
    y = note_lines(
        page,
        ctx,
        MARGIN_LEFT + 2.0,
        w - 4.0,
        y,
        &l::certification_sentence(first, last),
    );
    y += 1.5;
    y = t.row(page, ctx.m, y, l::CERT_FACILITY, facility);
    y = t.row(page, ctx.m, y, l::CERT_TITLE, l::BLANK);
    y = t.fixed_row(page, ctx.m, y, 11.0, l::CERT_NAME, l::BLANK, 9.5);
    y = t.row(page, ctx.m, y, l::CERT_DATE, l::BLANK_DATE);
    page.frame(MARGIN_LEFT, top, w, y - top, RULE_THICK);
    y
}

/// Draws `text` wrapped at the note size from `y`, left-aligned; returns the `y` below it.
fn note_lines(page: &mut Page, ctx: &Ctx, x: f32, width: f32, mut y: f32, text: &str) -> f32 {
    for line in wrap(ctx.m, text, CELL_SIZE, width) {
        page.text_line(ctx.m, x, width, y + 2.0, CELL_SIZE, Align::Left, &line);
        y += line_height(CELL_SIZE);
    }
    y
}
