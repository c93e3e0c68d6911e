//! 様式2 勤務実態自己申告書: every workplace during the activity period, and the declaration.

use super::frame::{Ctx, Flow, MARGIN_LEFT};
use super::labels as l;
use super::layout::{Align, Column, Table};
use super::page::{Orientation, Page, RULE_THICK};
use super::units::{Mm, Pt};

/// The workplace table.
pub fn table() -> Table {
    let widths = [42.0, 36.0, 20.0, 34.0, 16.0, 26.0].map(Mm);
    let aligns = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Center,
        Align::Center,
        Align::Center,
    ];
    Table {
        x: MARGIN_LEFT,
        columns: Column::list(&l::FORM2_COLUMNS, &widths, &aligns),
        size: Pt(9.0),
        head_size: Pt(8.0),
        pad: Mm(1.2),
        min_row: Mm(10.0),
    }
}

/// Draws 様式2 (body only).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let app = ctx.app;
    let mut f = Flow::new(ctx, l::FORM2_TITLE, Orientation::Portrait);
    f.y += Mm(2.0);
    let top = f.y;
    let fields = super::shiki1::fields(f.width());
    let a = &app.applicant;
    f.y = fields.row(&mut f.page, ctx.m, f.y, l::NAME, a.name.trim());
    f.y = fields.row(
        &mut f.page,
        ctx.m,
        f.y,
        l::SPECIALIST_NUMBER,
        a.specialist_number.trim(),
    );
    let w = f.width();
    f.page.frame(MARGIN_LEFT, top, w, f.y - top, RULE_THICK);
    f.y += Mm(5.0);
    let period = &ctx.report.activity_period;
    f.paragraph(&l::form2_lead(period.start, period.end), Pt(10.0), Mm(0.0));
    f.y += Mm(3.0);
    let mut rows: Vec<Vec<String>> = app
        .workplaces
        .iter()
        .map(|w| {
            vec![
                w.facility.trim().to_string(),
                w.location.trim().to_string(),
                w.department.trim().to_string(),
                l::month_period(w.from, w.until),
                w.employment.label().to_string(),
                l::per_week(w.days_per_week, w.hours_per_week),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![l::NO_WORKPLACE.to_string()]);
    }
    f.table(&table(), &rows);
    f.y += Mm(8.0);
    f.paragraph(l::FORM2_DECLARATION, Pt(10.0), Mm(0.0));
    f.y += Mm(2.0);
    f.signature(&l::date_or_blank(app.application_date));
    f.finish()
}
