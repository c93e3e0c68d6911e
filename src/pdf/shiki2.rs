//! 様式2 勤務実態自己申告書: every workplace during the activity period, and the declaration.

use super::labels as l;
use super::layout::{Align, Column, Page, Table};
use super::{Ctx, Flow, MARGIN_LEFT};

/// The workplace table.
pub fn table() -> Table {
    let widths = [42.0, 36.0, 20.0, 34.0, 16.0, 26.0];
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
        size: 9.0,
        head_size: 8.0,
        pad: 1.2,
        min_row: 10.0,
    }
}

/// Draws 様式2 (body only).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let app = ctx.app;
    let mut f = Flow::new(ctx, l::FORM2_TITLE);
    f.y += 2.0;
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
    f.page
        .frame(MARGIN_LEFT, top, w, f.y - top, super::layout::RULE_THICK);
    f.y += 5.0;
    let period = ctx.rules.activity_period;
    f.paragraph(&l::form2_lead(period.start, period.end), 10.0, 0.0);
    f.y += 3.0;
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
    f.y += 8.0;
    f.paragraph(l::FORM2_DECLARATION, 10.0, 0.0);
    f.y += 2.0;
    f.signature(&l::date_or_blank(app.application_date));
    f.finish()
}
