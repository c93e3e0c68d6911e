//! What every form shares: the margins, the title, the header and footer, and the paginator
//! that lays a form's content down pages of either orientation.

use crate::model::Application;
use crate::rules::{Report, RuleSet};

use super::font::Metrics;
use super::labels;
use super::layout::{self, Align, Table};
use super::page::{Orientation, Page, RULE_THIN};
use super::units::{Mm, Pt};

/// Left margin (room for a hole punch).
pub const MARGIN_LEFT: Mm = Mm(22.0);
/// Right margin.
pub const MARGIN_RIGHT: Mm = Mm(14.0);
/// Where the body of a page starts, below the header, from the top.
pub const BODY_TOP: Mm = Mm(24.0);
/// Space kept free at the bottom for the footer.
pub const BODY_BOTTOM_MARGIN: Mm = Mm(17.0);
/// Type size of the header line.
const HEADER_SIZE: Pt = Pt(9.0);
/// Smallest type size of the header's name and number.
pub const HEADER_MIN_SIZE: Pt = Pt(6.0);
/// Width kept for the header's name and number.
pub const HEADER_WIDTH: Mm = Mm(120.0);

/// What every form needs to draw itself.
pub(crate) struct Ctx<'a> {
    /// The application printed.
    pub app: &'a Application,
    /// The rule set of its fiscal year.
    pub rules: &'a RuleSet,
    /// The application evaluated once for the whole export.
    pub report: &'a Report,
    /// The font's metrics.
    pub m: &'static Metrics,
    /// The regional committee's address as remembered (the checklist says where to post).
    pub committee: Option<&'a crate::mailing::Committee>,
    /// 様式3 starts each facility on a page of its own.
    pub facility_per_page: bool,
}

/// Bottom of the body of a page.
pub(crate) fn body_bottom(page: &Page) -> Mm {
    page.height - BODY_BOTTOM_MARGIN
}

/// Right edge of the body of a page.
pub(crate) fn body_right(page: &Page) -> Mm {
    page.width - MARGIN_RIGHT
}

/// Draws a form's title centred at `y`; returns the y below it.
pub(crate) fn title(page: &mut Page, m: &Metrics, y: Mm, text: &str) -> Mm {
    let w = body_right(page) - MARGIN_LEFT;
    page.text_line(
        m,
        MARGIN_LEFT,
        w,
        y + Mm(4.0),
        Pt(14.0),
        Align::Center,
        text,
    );
    y + Mm(10.0)
}

/// The header's name-and-number text.
pub(crate) fn header_text(app: &Application) -> String {
    format!(
        "{}　{}　　{}　{}",
        labels::HEADER_NAME,
        app.applicant.name.trim(),
        labels::HEADER_NUMBER,
        app.applicant.specialist_number.trim()
    )
}

/// Adds header (the form's name `label`, the applicant) and footer ("n / m") to a form's
/// pages.
pub(crate) fn frame_pages(ctx: &Ctx, label: &str, pages: &mut [Page]) {
    let total = pages.len();
    let header = header_text(ctx.app);
    for (i, page) in pages.iter_mut().enumerate() {
        let right = body_right(page);
        page.text_line(
            ctx.m,
            MARGIN_LEFT,
            Mm(40.0),
            Mm(13.0),
            Pt(11.0),
            Align::Left,
            label,
        );
        let fitted = layout::fit_or_min(
            ctx.m,
            &header,
            HEADER_SIZE,
            HEADER_MIN_SIZE,
            HEADER_WIDTH,
            layout::line_height(HEADER_SIZE),
        );
        if let Some(line) = fitted.lines.first() {
            page.text_line(
                ctx.m,
                right - HEADER_WIDTH,
                HEADER_WIDTH,
                Mm(13.0),
                fitted.size,
                Align::Right,
                line,
            );
        }
        page.line((MARGIN_LEFT, Mm(16.5)), (right, Mm(16.5)), RULE_THIN);
        let footer_y = page.height - Mm(9.0);
        page.text_line(
            ctx.m,
            MARGIN_LEFT,
            right - MARGIN_LEFT,
            footer_y,
            Pt(9.0),
            Align::Center,
            &labels::page_of(i + 1, total),
        );
    }
}

/// The paginator: lays a form's content down pages of one orientation, starting a new page
/// (with the title repeated) when something does not fit.
pub(crate) struct Flow<'c, 'a> {
    /// What the form draws from.
    pub ctx: &'c Ctx<'a>,
    /// Pages finished so far.
    pub pages: Vec<Page>,
    /// The page being drawn.
    pub page: Page,
    /// The current position from the top.
    pub y: Mm,
    title: &'static str,
    orientation: Orientation,
}

impl<'c, 'a> Flow<'c, 'a> {
    /// Starts a form with its title, on pages of the given orientation.
    pub fn new(ctx: &'c Ctx<'a>, form_title: &'static str, orientation: Orientation) -> Self {
        let mut page = Page::a4(orientation);
        let y = title(&mut page, ctx.m, BODY_TOP, form_title);
        Self {
            ctx,
            pages: Vec::new(),
            page,
            y,
            title: form_title,
            orientation,
        }
    }

    /// Width of the body.
    pub fn width(&self) -> Mm {
        body_right(&self.page) - MARGIN_LEFT
    }

    /// Bottom of the body of the page being drawn.
    pub fn bottom(&self) -> Mm {
        body_bottom(&self.page)
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        let next = Page::a4(self.orientation);
        let done = std::mem::replace(&mut self.page, next);
        self.pages.push(done);
        self.y = title(&mut self.page, self.ctx.m, BODY_TOP, self.title);
    }

    /// Makes room for `h`, on a new page if needed.
    pub fn ensure(&mut self, h: Mm) {
        if self.y + h > self.bottom() {
            self.new_page();
        }
    }

    /// A wrapped paragraph at `size`, indented by `indent`.
    pub fn paragraph(&mut self, text: &str, size: Pt, indent: Mm) {
        let w = self.width() - indent;
        let lh = layout::line_height(size);
        for line in layout::wrap(self.ctx.m, text, size, w) {
            self.ensure(lh);
            self.page.text_line(
                self.ctx.m,
                MARGIN_LEFT + indent,
                w,
                self.y + lh / 2.0,
                size,
                Align::Left,
                &line,
            );
            self.y += lh;
        }
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.ensure(Mm(16.0));
        self.y += Mm(2.0);
        let w = self.width();
        self.page.text_line(
            self.ctx.m,
            MARGIN_LEFT,
            w,
            self.y + Mm(3.0),
            Pt(10.5),
            Align::Left,
            text,
        );
        self.y += Mm(7.0);
    }

    /// A table with its heading, repeated after every page break; rows grow to fit. Returns
    /// where each row landed: (page index within the form, top, height).
    pub fn table(&mut self, table: &Table, rows: &[Vec<String>]) -> Vec<(usize, Mm, Mm)> {
        self.table_then(table, rows, Mm(0.0))
    }

    /// A table followed by `after` of content that must stay with it (a statement and its
    /// signature): when the two do not fit on the page, the table's last rows go over with
    /// it, so that the signature is with the table it signs and never alone on a page.
    pub fn table_then(
        &mut self,
        table: &Table,
        rows: &[Vec<String>],
        after: Mm,
    ) -> Vec<(usize, Mm, Mm)> {
        /// Rows carried over with what follows.
        const KEEP: usize = 2;
        let m = self.ctx.m;
        let heights: Vec<Mm> = rows.iter().map(|r| table.layout_row(m, r).height).collect();
        let tail_from = rows.len().saturating_sub(KEEP);
        let head_h = table.head_layout(m).height;
        let first_h = rows
            .first()
            .map_or(Mm(0.0), |r| table.layout_row(m, r).height);
        self.ensure(head_h + first_h);
        let mut top = self.y;
        self.y = table.draw_head(&mut self.page, m, self.y);
        let mut placed = Vec::with_capacity(rows.len());
        for (i, cells) in rows.iter().enumerate() {
            let row = table.layout_row(m, cells);
            let tail: Mm = heights.iter().skip(i).copied().fold(Mm(0.0), |a, b| a + b);
            let tail_breaks =
                after > Mm(0.0) && i == tail_from && i > 0 && self.y + tail + after > self.bottom();
            if self.y + row.height > self.bottom() || tail_breaks {
                table.draw_frame(&mut self.page, top, self.y);
                self.new_page();
                top = self.y;
                self.y = table.draw_head(&mut self.page, m, self.y);
            }
            placed.push((self.pages.len(), self.y, row.height));
            self.y = table.draw_row(&mut self.page, m, self.y, &row);
        }
        table.draw_frame(&mut self.page, top, self.y);
        placed
    }

    /// The page at `index` within the form (a finished one or the current one).
    pub fn page_at(&mut self, index: usize) -> &mut Page {
        match self.pages.get_mut(index) {
            Some(page) => page,
            None => &mut self.page,
        }
    }

    /// The date and signature line at the end of a form.
    pub fn signature(&mut self, date: &str) {
        self.ensure(Mm(14.0));
        let m = self.ctx.m;
        let y = self.y + Mm(6.0);
        let right = body_right(&self.page);
        self.page.text_line(
            m,
            MARGIN_LEFT,
            Mm(60.0),
            y,
            Pt(10.0),
            Align::Left,
            &format!("{}　{date}", labels::DATE),
        );
        let sig_x = MARGIN_LEFT + Mm(78.0);
        self.page.text_line(
            m,
            sig_x,
            Mm(40.0),
            y,
            Pt(10.0),
            Align::Left,
            labels::APPLICANT_SIGNATURE,
        );
        let line_y = y + Mm(3.0);
        self.page
            .line((sig_x + Mm(34.0), line_y), (right, line_y), RULE_THIN);
        self.y += Mm(14.0);
    }

    /// The finished pages.
    pub fn finish(mut self) -> Vec<Page> {
        self.pages.push(self.page);
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::{Align, Column, Table};

    #[test]
    fn what_follows_a_table_stays_on_the_page_of_its_last_rows_wherever_the_table_starts() {
        let app = crate::demo::application();
        let rules = RuleSet::shared(app.fiscal_year).expect("rules");
        let report = crate::rules::evaluate(&app, &rules);
        let ctx = Ctx {
            app: &app,
            rules: &rules,
            report: &report,
            m: Metrics::get().expect("font"),
            committee: None,
            facility_per_page: false,
        };
        let table = Table {
            x: MARGIN_LEFT,
            columns: Column::list(&["項目", "単位"], &[Mm(100.0), Mm(30.0)], &[Align::Left; 2]),
            size: Pt(9.0),
            head_size: Pt(8.5),
            pad: Mm(1.0),
            min_row: Mm(6.0),
        };
        let rows: Vec<Vec<String>> = (1..=10)
            .map(|i| vec![format!("({i})"), "1".into()])
            .collect();
        let block = Mm(30.0);
        let mut moved = 0;
        for start in (0..200).map(|s| Mm(40.0 + s as f32)) {
            let mut f = Flow::new(&ctx, "様式4", Orientation::Portrait);
            if start > f.bottom() {
                break;
            }
            f.y = start;
            let placed = f.table_then(&table, &rows, block);
            let last = placed.last().expect("rows placed");
            assert_eq!(
                last.0,
                f.pages.len(),
                "start {start:?}: the last row is on this page"
            );
            assert!(
                f.y + block <= f.bottom() + Mm(0.01),
                "start {start:?}: the block after the table fits under it"
            );
            let on_page = placed.iter().filter(|p| p.0 == f.pages.len()).count();
            assert!(
                on_page >= 2,
                "start {start:?}: the block is not alone with one row"
            );
            moved += usize::from(placed.first().is_some_and(|p| p.0 != last.0));
        }
        assert!(moved > 0, "some starts put the table's tail on a new page");
    }
}
