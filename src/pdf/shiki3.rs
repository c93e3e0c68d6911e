//! 様式3 診療実績の証明（症例一覧表）: the cases, grouped by facility and numbered across pages,
//! each facility's group closed by the certification block its 診療責任者 signs by hand. The
//! groups and the numbers are [`crate::model::CaseOrder`]'s, the one numbering the window and
//! every message use too.

use crate::model::Case;

use super::frame::{Ctx, Flow, MARGIN_LEFT};
use super::labels as l;
use super::layout::{Align, Column, FieldTable, RowLayout, Table, line_height, wrap};
use super::page::{Orientation, Page, RULE_THICK};
use super::units::{Mm, Pt};

/// Type size of the case rows and of every other text of the form: 9 pt is the smallest size
/// the office prints comfortably read.
pub const CELL_SIZE: Pt = Pt(9.0);

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

/// Room taken above the first row of a continuation page: title and facility heading.
pub const ROOM_ABOVE_FIRST_ROW: Mm = Mm(17.0);
/// Width of the certification block.
const CERT_WIDTH: Mm = Mm(170.0);

/// The case table.
pub fn table() -> Table {
    Table {
        x: MARGIN_LEFT,
        columns: Column::list(&l::FORM3_COLUMNS, &WIDTHS.map(Mm), &ALIGNS),
        size: CELL_SIZE,
        head_size: CELL_SIZE,
        pad: Mm(1.0),
        min_row: Mm(6.0),
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

/// The case table laid down the paginator's pages: each page's run of rows is framed.
struct Writer<'c, 'a> {
    flow: Flow<'c, 'a>,
    table: Table,
    /// Top of the table segment on the current page, if one is open.
    segment_top: Option<Mm>,
}

impl Writer<'_, '_> {
    fn new_page(&mut self) {
        self.close_segment();
        self.flow.new_page();
    }

    fn close_segment(&mut self) {
        if let Some(top) = self.segment_top.take() {
            self.table.draw_frame(&mut self.flow.page, top, self.flow.y);
        }
    }

    fn heading(&mut self, text: &str) {
        let w = self.table.width();
        let f = &mut self.flow;
        f.page.text_line(
            f.ctx.m,
            MARGIN_LEFT,
            w,
            f.y + Mm(3.5),
            Pt(9.5),
            Align::Left,
            text,
        );
        f.y += Mm(7.0);
    }

    fn open_table(&mut self) {
        let f = &mut self.flow;
        self.segment_top = Some(f.y);
        f.y = self.table.draw_head(&mut f.page, f.ctx.m, f.y);
    }

    fn row(&mut self, row: &RowLayout) {
        let f = &mut self.flow;
        f.y = self.table.draw_row(&mut f.page, f.ctx.m, f.y, row);
    }

    fn continued(&mut self) {
        let w = self.table.width();
        let f = &mut self.flow;
        f.page.text_line(
            f.ctx.m,
            MARGIN_LEFT,
            w,
            f.y + Mm(3.5),
            CELL_SIZE,
            Align::Right,
            l::CONTINUED,
        );
    }
}

/// Where one facility's cases lie in 様式3: the pages its 診療責任者 signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityPages {
    /// 診療施設名 as printed (empty when not entered).
    pub facility: String,
    /// Paper No. of its first and last case.
    pub numbers: (usize, usize),
    /// How many cases.
    pub cases: usize,
    /// Its first and last page within 様式3 (1-based); the certification block is on the last.
    pub pages: (usize, usize),
}

/// Draws 様式3 (body only; the header and footer are added by the caller), and says which
/// pages each facility's cases are on.
pub fn render_with_facilities(ctx: &Ctx) -> (Vec<Page>, Vec<FacilityPages>) {
    let mut facilities = Vec::new();
    let mut flow = Flow::new(ctx, l::FORM3_TITLE, ORIENTATION);
    let period = &ctx.report.activity_period;
    let note = l::form3_note(ctx.rules.clinical.cases_per_unit, period);
    let table = table();
    flow.y = note_lines(
        &mut flow.page,
        ctx,
        MARGIN_LEFT,
        table.width(),
        flow.y,
        &note,
    );
    flow.y += Mm(2.0);
    let mut w = Writer {
        flow,
        table,
        segment_top: None,
    };
    let head_h = w.table.head_layout(ctx.m).height;
    let order = ctx.app.case_order();
    for group in order.groups() {
        let (first, last) = (group.first, group.last());
        let name = if group.facility.is_empty() {
            l::NO_FACILITY.to_string()
        } else {
            group.facility.clone()
        };
        let heading = l::facility_heading(&name, first, last);
        let rows: Vec<RowLayout> = group
            .cases
            .iter()
            .filter_map(|&i| ctx.app.cases.get(i))
            .enumerate()
            .map(|(k, c)| w.table.layout_row(ctx.m, &case_cells(first + k, c)))
            .collect();
        let cert_h = cert_height(ctx, &name, first, last);
        let first_h = rows.first().map_or(Mm(0.0), |r| r.height);
        let own_page = ctx.facility_per_page && !facilities.is_empty();
        if own_page || w.flow.y + Mm(7.0) + head_h + first_h > w.flow.bottom() {
            w.new_page();
        }
        w.heading(&heading);
        let first_page = w.flow.pages.len() + 1;
        w.open_table();
        for (i, row) in rows.iter().enumerate() {
            let is_last = i + 1 == rows.len();
            // The last row goes with the certification block, so that the signer's page
            // always shows cases of their own facility.
            let need = row.height + if is_last { cert_h + Mm(4.0) } else { Mm(0.0) };
            if w.flow.y + need > w.flow.bottom() {
                w.continued();
                w.new_page();
                w.heading(&heading);
                w.open_table();
            }
            w.row(row);
        }
        w.close_segment();
        let f = &mut w.flow;
        f.y += Mm(3.0);
        f.y = certification(ctx, &mut f.page, f.y, &name, first, last);
        f.y += Mm(6.0);
        facilities.push(FacilityPages {
            facility: group.facility.clone(),
            numbers: (first, last),
            cases: group.cases.len(),
            pages: (first_page, f.pages.len() + 1),
        });
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
    if w.flow.y + Mm(9.0) > w.flow.bottom() {
        w.new_page();
    }
    let tw = w.table.width();
    let f = &mut w.flow;
    f.page.frame(MARGIN_LEFT, f.y, tw, Mm(8.0), RULE_THICK);
    f.page.text_line(
        ctx.m,
        MARGIN_LEFT + Mm(3.0),
        tw - Mm(6.0),
        f.y + Mm(4.0),
        Pt(10.0),
        Align::Left,
        &l::form3_totals(cases, units),
    );
    (w.flow.finish(), facilities)
}

fn cert_table(label_width: Mm) -> FieldTable {
    FieldTable {
        x: MARGIN_LEFT,
        label_width,
        value_width: CERT_WIDTH - label_width,
        size: Pt(9.5),
        label_size: CELL_SIZE,
        min_row: Mm(9.0),
        pad: Mm(1.2),
    }
}

fn cert_height(ctx: &Ctx, facility: &str, first: usize, last: usize) -> Mm {
    let mut scratch = Page::a4(ORIENTATION);
    certification(ctx, &mut scratch, Mm(0.0), facility, first, last)
}

/// The 診療責任者's certification: printed facility, blanks for title, signature and date.
fn certification(
    ctx: &Ctx,
    page: &mut Page,
    y: Mm,
    facility: &str,
    first: usize,
    last: usize,
) -> Mm {
    let t = cert_table(Mm(44.0));
    let w = t.width();
    let top = y;
    page.text_line(
        ctx.m,
        MARGIN_LEFT + Mm(2.0),
        w,
        y + Mm(3.5),
        Pt(10.0),
        Align::Left,
        l::CERTIFICATION_TITLE,
    );
    let mut y = y + Mm(7.0);
    y = note_lines(
        page,
        ctx,
        MARGIN_LEFT + Mm(2.0),
        w - Mm(4.0),
        y,
        &l::certification_sentence(first, last),
    );
    y += Mm(1.5);
    y = t.row(page, ctx.m, y, l::CERT_FACILITY, facility);
    y = t.row(page, ctx.m, y, l::CERT_TITLE, l::BLANK);
    y = t.fixed_row(page, ctx.m, y, Mm(11.0), l::CERT_NAME, l::BLANK, Pt(9.5));
    y = t.row(page, ctx.m, y, l::CERT_DATE, l::BLANK_DATE);
    page.frame(MARGIN_LEFT, top, w, y - top, RULE_THICK);
    y
}

/// Draws `text` wrapped at the note size from `y`, left-aligned; returns the `y` below it.
fn note_lines(page: &mut Page, ctx: &Ctx, x: Mm, width: Mm, mut y: Mm, text: &str) -> Mm {
    for line in wrap(ctx.m, text, CELL_SIZE, width) {
        page.text_line(ctx.m, x, width, y + Mm(2.0), CELL_SIZE, Align::Left, &line);
        y += line_height(CELL_SIZE);
    }
    y
}
