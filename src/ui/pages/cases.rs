//! 症例一覧 (様式3): the case table. Only the visible rows are laid out (`TableBody::rows`), so
//! ten thousand cases scroll smoothly; typing works like a spreadsheet (Tab to the next cell,
//! Enter adds a row unless it only confirmed an IME conversion, Ctrl+D duplicates, Ctrl+Delete
//! deletes); cells with findings are outlined with the reason on hover.

use eframe::egui::{self, RichText, Ui};

use crate::model::vocabulary;
use crate::model::{Application, Case, CaseField, CaseOrder, Sex};
use crate::rules::{CategoryCode, Report};
use crate::ui::commands::RowCommand;
use crate::ui::context::PageContext;
use crate::ui::document::EditKey;
use crate::ui::table::{Cells, ColumnDef, Lookup, RecordTable, RowView, SortDef, TableRows};
use crate::ui::table_fit::{ColumnFit, TableKey};
use crate::ui::text;
use crate::ui::tokens::colour;

/// The case table's own state: which rows it shows, the paper order and the table.
#[derive(Debug)]
pub struct CasesView {
    view: RowView,
    /// The paper order and No. of the cases.
    order: CaseOrder,
    /// The document generation `order` was taken at.
    order_generation: Option<u64>,
    /// 様式3 already prints each facility's cases in date order (「日付順に並べ替える」 is hidden).
    date_ordered: bool,
    table: RecordTable<Case>,
    /// The page was opened by keyboard: put the focus on its first cell (or the add button).
    pub focus_start: bool,
    /// The page shows the 「C.自己学習」 credits instead of the cases.
    pub self_study: bool,
}

impl Default for CasesView {
    fn default() -> Self {
        Self {
            view: RowView::default(),
            order: CaseOrder::default(),
            order_generation: None,
            date_ordered: true,
            table: RecordTable::new(TableKey::Cases),
            focus_start: false,
            self_study: false,
        }
    }
}

/// The filter looks in diagnosis, treatment and facility; every order but the first keeps the
/// paper order among equal keys, and the No. column always shows each case's paper No.
const LOOKUP: Lookup<Case> = Lookup {
    hint: text::FILTER_HINT,
    problems: text::ONLY_PROBLEMS,
    matches: |c, needle| {
        [&c.diagnosis, &c.treatment, &c.facility]
            .iter()
            .any(|s| s.to_lowercase().contains(needle))
    },
    sorts: &[
        // 様式3の順: as printed, grouped by facility ([`CaseOrder`]).
        SortDef::base(text::SORT_PAPER),
        SortDef::by(text::SORT_DATE, |a, b| a.date.cmp(&b.date)),
        SortDef::by(text::SORT_DIAGNOSIS, |a, b| a.diagnosis.cmp(&b.diagnosis)),
        SortDef::by(text::SORT_FACILITY, |a, b| a.facility.cmp(&b.facility)),
    ],
};

/// The case table's columns: the text columns give way; numbers and dates are always whole.
const COLUMNS: [ColumnDef; 10] = [
    ColumnDef::new(text::COL_NO, ColumnFit::fixed(36.0)).fits("999 !"),
    ColumnDef::new(text::COL_DATE, ColumnFit::fixed(96.0)).fits("2023/12/31"),
    ColumnDef::new(text::COL_AGE, ColumnFit::fixed(36.0)).fits("888"),
    ColumnDef::new(text::COL_SEX, ColumnFit::fixed(56.0)),
    ColumnDef::new(text::COL_DIAGNOSIS, ColumnFit::flexible(80.0, 3.0)),
    ColumnDef::new("検査・処置・\n投薬等", ColumnFit::flexible(80.0, 3.0)),
    ColumnDef::new(text::COL_OUTCOME, ColumnFit::fixed(84.0)),
    ColumnDef::new(text::COL_FACILITY, ColumnFit::flexible(70.0, 2.0)),
    ColumnDef::new("担当医/\n指導医", ColumnFit::fixed(84.0)),
    ColumnDef::new(text::COL_ACTIONS, ColumnFit::fixed(36.0)),
];

/// The case rows as the table draws them.
struct CaseRows<'a> {
    counted: &'a [bool],
    order: &'a CaseOrder,
}

impl TableRows for CaseRows<'_> {
    const FIRST_FIELD: CaseField = CaseField::Date;
    const ADD_LABEL: &'static str = text::ADD_CASE;
    type Record = Case;

    fn columns(&self) -> &[ColumnDef] {
        &COLUMNS
    }

    fn cell_ui(&self, column: usize, ui: &mut Ui, cells: &mut Cells<'_, Case>) {
        use CaseField as F;
        match column {
            0 => {
                let counted = self.counted.get(cells.i).copied().unwrap_or(false);
                cells.number_label_ui(ui, cells.number, counted);
            }
            1 => cells.date_ui(ui, F::Date, |c| &mut c.date),
            2 => {
                let width = ui.available_width();
                cells.number_ui(ui, F::Age, width, |c| c.age, |c, v| c.age = v);
            }
            3 => cells.pick_ui(ui, F::Sex, &Sex::ALL, Sex::label, |c| &mut c.sex),
            4 => cells.text_ui(ui, F::Diagnosis, |c| &mut c.diagnosis),
            5 => cells.text_ui(ui, F::Treatment, |c| &mut c.treatment),
            6 => cells.suggest_ui(ui, F::Outcome, &vocabulary::OUTCOMES, |c| &mut c.outcome),
            7 => cells.text_ui(ui, F::Facility, |c| &mut c.facility),
            8 => cells.suggest_ui(ui, F::Role, &vocabulary::ROLES, |c| &mut c.role),
            _ => cells.row_menu_ui(ui, text::COL_ACTIONS),
        }
    }

    fn pinned_texts(&self, i: usize, case: &Case) -> Vec<String> {
        let date = case.date.map(crate::dates::format_slash);
        vec![self.number(i).to_string(), date.unwrap_or_default()]
    }

    /// The paper No.: the window numbers the cases as 様式3 prints them.
    fn number(&self, i: usize) -> usize {
        self.order.number(i)
    }

    /// OB/GYN patients are women, and consecutive cases usually share facility and role.
    fn new_after(&self, previous: Option<&Case>) -> Case {
        Case {
            sex: Some(Sex::Female),
            facility: previous.map(|c| c.facility.clone()).unwrap_or_default(),
            role: previous.map(|c| c.role.clone()).unwrap_or_default(),
            ..Case::default()
        }
    }

    fn keys(&self, ctx: &egui::Context) -> String {
        let row_keys = RowCommand::ALL.map(|c| c.key_hint(ctx)).join("　");
        format!("{}　{row_keys}", text::CASE_KEYS)
    }

    fn counts_ui(&self, ui: &mut Ui, report: &Report, _: &[usize]) {
        let clinical = report.category(CategoryCode::Clinical);
        let counts = text::case_counts(
            report.cases_entered,
            report.cases_valid,
            clinical.counted,
            report.cases_to_next_unit,
        );
        ui.label(RichText::new(counts).strong());
    }
}

impl CasesView {
    /// The case indices in display order (after filter and sort).
    pub fn visible_rows(&self) -> &[usize] {
        self.view.rows()
    }

    fn refresh(&mut self, app: &Application, report: Option<&Report>, generation: u64) {
        if self.order_generation != Some(generation) {
            self.order = app.case_order();
            self.date_ordered = app.cases_in_date_order();
            self.order_generation = Some(generation);
        }
        let counted = report
            .map(|r| r.case_counted.as_slice())
            .unwrap_or_default();
        let base = self.order.printed();
        self.view
            .refresh(&LOOKUP, &app.cases, base, counted, generation);
    }

    /// Draws the page.
    pub fn cases_page_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>) {
        // Measured before anything is drawn: a row wider than the page would widen it.
        let page_width = ui.available_width();
        self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        if let Some(i) = RecordTable::<Case>::target_record(cx.target.as_ref())
            && !self.view.rows().contains(&i)
        {
            // A finding points to a row the filter hides: show all rows again.
            self.view.show_all();
            self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        }
        let counted = cx.doc.report().map(|r| r.case_counted.clone());
        let rows = CaseRows {
            counted: counted.as_deref().unwrap_or_default(),
            order: &self.order,
        };
        self.table.focus_start |= std::mem::take(&mut self.focus_start);
        let mut sort_by_date = false;
        let date_ordered = self.date_ordered;
        let (choice, shown) = self.view.parts();
        let counts = (shown.len(), cx.doc.app().cases.len());
        let structure = self
            .table
            .page_ui(ui, cx, &rows, shown, page_width, |ui, cx| {
                // Offered only where it would change the paper, so a sorted list keeps its toolbar.
                choice.lookup_ui(ui, &LOOKUP, counts, |ui| {
                    sort_by_date = !date_ordered
                        && ui
                            .button(text::SORT_CASES_BY_DATE)
                            .on_hover_text(text::SORT_CASES_BY_DATE_HELP)
                            .clicked();
                });
                if cx.doc.report().is_some_and(|r| r.exempt_from_clinical) {
                    ui.colored_label(colour::OK, text::CASES_EXEMPT);
                }
            });
        if structure {
            // New rows must be visible even when a filter would hide them.
            self.view.show_all();
        }
        if sort_by_date {
            cx.doc.edit(EditKey::Structure, |a| {
                a.sort_cases_by_date();
            });
            cx.buffers.clear();
        }
    }
}
