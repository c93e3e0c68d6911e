//! 症例一覧 (様式3): the case table. Only the visible rows are laid out (`TableBody::rows`), so
//! ten thousand cases scroll smoothly; typing works like a spreadsheet (Tab to the next cell,
//! Enter adds a row unless it only confirmed an IME conversion, Ctrl+D duplicates, Ctrl+Delete
//! deletes); cells with findings are outlined with the reason on hover.

use eframe::egui::{self, RichText, Ui};

use crate::model::vocabulary;
use crate::model::{Application, Case, CaseField, CaseOrder, CreditKind, Sex};
use crate::rules::{CategoryCode, FieldPath, Report};
use crate::ui::commands::RowCommand;
use crate::ui::context::{PageContext, Target};
use crate::ui::document::EditKey;
use crate::ui::pick_keys;
use crate::ui::table::{Cells, ColumnDef, RecordTable, TableEdit, TableRows};
use crate::ui::table_fit::ColumnFit;
use crate::ui::text;
use crate::ui::tokens::{self, colour};
use crate::ui::widgets;

/// Row order of the table. Whatever the order, the No. column shows each case's paper No.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// 様式3の順: as printed, grouped by facility ([`CaseOrder`]).
    #[default]
    Paper,
    /// By date.
    Date,
    /// By diagnosis.
    Diagnosis,
    /// By facility.
    Facility,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Paper, Sort::Date, Sort::Diagnosis, Sort::Facility];

    fn label(self) -> &'static str {
        match self {
            Sort::Paper => text::SORT_PAPER,
            Sort::Date => text::SORT_DATE,
            Sort::Diagnosis => text::SORT_DIAGNOSIS,
            Sort::Facility => text::SORT_FACILITY,
        }
    }
}

/// The case table's own state: filter, order and the table.
#[derive(Debug)]
pub struct CasesView {
    /// Text to look for in diagnosis, treatment and facility.
    pub filter: String,
    /// Show only cases that do not count.
    pub only_problems: bool,
    /// Row order.
    pub sort: Sort,
    rows: Vec<usize>,
    rows_key: Option<(u64, String, bool, Sort)>,
    /// The paper order and No. of the cases.
    order: CaseOrder,
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
            filter: String::new(),
            only_problems: false,
            sort: Sort::default(),
            rows: Vec::new(),
            rows_key: None,
            order: CaseOrder::default(),
            date_ordered: true,
            table: RecordTable::new(TABLE_NAME),
            focus_start: false,
            self_study: false,
        }
    }
}

/// The table's name for the column widths the user drags.
const TABLE_NAME: &str = "cases";

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

    fn first_field(&self) -> CaseField {
        CaseField::Date
    }
}

impl CasesView {
    /// The case indices in display order (after filter and sort).
    pub fn visible_rows(&self) -> &[usize] {
        &self.rows
    }

    fn refresh(&mut self, app: &Application, report: Option<&Report>, generation: u64) {
        let key = (
            generation,
            self.filter.clone(),
            self.only_problems,
            self.sort,
        );
        if self.rows_key.as_ref() == Some(&key) {
            return;
        }
        if self.rows_key.as_ref().is_none_or(|k| k.0 != generation) {
            self.order = app.case_order();
            self.date_ordered = app.cases_in_date_order();
        }
        let needle = self.filter.trim().to_lowercase();
        let counted = report
            .map(|r| r.case_counted.as_slice())
            .unwrap_or_default();
        // From the paper order, so that every other sort keeps it among equal keys.
        self.rows = self
            .order
            .printed()
            .iter()
            .filter_map(|&i| app.cases.get(i).map(|c| (i, c)))
            .filter(|(i, c)| {
                let text_ok = needle.is_empty()
                    || [&c.diagnosis, &c.treatment, &c.facility]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&needle));
                let problem_ok = !self.only_problems || !counted.get(*i).copied().unwrap_or(true);
                text_ok && problem_ok
            })
            .map(|(i, _)| i)
            .collect();
        let cases = &app.cases;
        match self.sort {
            Sort::Paper => {}
            Sort::Date => self
                .rows
                .sort_by_key(|&i| cases.get(i).and_then(|c| c.date)),
            Sort::Diagnosis => self.rows.sort_by(|&a, &b| {
                field(cases, a, |c| &c.diagnosis).cmp(field(cases, b, |c| &c.diagnosis))
            }),
            Sort::Facility => self.rows.sort_by(|&a, &b| {
                field(cases, a, |c| &c.facility).cmp(field(cases, b, |c| &c.facility))
            }),
        }
        self.rows_key = Some(key);
    }

    /// The switch between the cases and the 「C.自己学習」 that stands in for them, where the
    /// year allows it (or some were recorded); whether the self-study credits are to be shown.
    pub fn record_switch_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>) -> bool {
        let app = cx.doc.app();
        let allowed =
            crate::rules::RuleSet::for_year(app.fiscal_year).is_ok_and(|r| r.self_study.is_some());
        let recorded = app
            .credits
            .iter()
            .filter(|c| c.kind == CreditKind::SelfStudy)
            .count();
        if !allowed && recorded == 0 {
            self.self_study = false;
            return false;
        }
        // A finding that points to a self-study credit opens its table.
        if let Some(Target {
            path: FieldPath::Credit(i, _),
            ..
        }) = cx.target.as_ref().copied()
        {
            self.self_study = app
                .credits
                .get(i)
                .is_some_and(|c| c.kind == CreditKind::SelfStudy);
        }
        ui.add_space(tokens::GAP);
        ui.horizontal(|ui| {
            let cases = format!("{}　{}例", text::RECORD_CASES, app.cases.len());
            let study = format!("{}　{recorded}件", text::RECORD_SELF_STUDY);
            ui.selectable_value(&mut self.self_study, false, cases);
            ui.selectable_value(&mut self.self_study, true, study);
        });
        self.self_study
    }

    /// Draws the page.
    pub fn cases_page_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>) {
        // Measured before anything is drawn: a row wider than the page would widen it.
        let page_width = ui.available_width();
        self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        if let Some(i) = RecordTable::<Case>::target_record(cx.target.as_ref())
            && !self.rows.contains(&i)
        {
            // A finding points to a row the filter hides: show all rows again.
            self.filter.clear();
            self.only_problems = false;
            self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        }
        ui.add_space(tokens::GAP);
        let mut edits = Vec::new();
        let sort_by_date = self.toolbar_ui(ui, cx, &mut edits);
        if cx.doc.report().is_some_and(|r| r.exempt_from_clinical) {
            ui.colored_label(colour::OK, text::CASES_EXEMPT);
        }
        let row_keys = RowCommand::ALL.map(|c| c.key_hint(ui.ctx())).join("　");
        ui.label(
            RichText::new(format!("{}　{row_keys}", text::CASE_KEYS))
                .small()
                .color(widgets::faint(ui)),
        );
        ui.add_space(tokens::GAP);
        let counted = cx.doc.report().map(|r| r.case_counted.clone());
        let rows = CaseRows {
            counted: counted.as_deref().unwrap_or_default(),
            order: &self.order,
        };
        edits.extend(self.table.table_ui(ui, cx, &rows, &self.rows, page_width));
        if edits.iter().any(|e| !matches!(e, TableEdit::Field(..))) {
            // New rows must be visible even when a filter would hide them.
            self.filter.clear();
            self.only_problems = false;
            self.rows_key = None;
        }
        self.table.apply(cx, edits);
        if sort_by_date {
            cx.doc.edit(EditKey::Structure, |a| {
                a.sort_cases_by_date();
            });
            cx.buffers.clear();
        }
    }

    /// The add button, counts, filter and order; whether 「日付順に並べ替える」 was pressed.
    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        cx: &PageContext<'_>,
        edits: &mut Vec<TableEdit<Case>>,
    ) -> bool {
        let mut sort_by_date = false;
        ui.horizontal_wrapped(|ui| {
            let add = ui.button(text::ADD_CASE);
            if std::mem::take(&mut self.focus_start) {
                match self.rows.first() {
                    Some(&first) => self.table.focus_record(first),
                    None => add.request_focus(),
                }
            }
            if add.clicked() {
                let cases = &cx.doc.app().cases;
                let rows = CaseRows {
                    counted: &[],
                    order: &self.order,
                };
                edits.push(TableEdit::Insert(cases.len(), rows.new_after(cases.last())));
            }
            if let Some(report) = cx.doc.report() {
                counts_ui(ui, report);
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(text::FILTER);
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(text::FILTER_HINT)
                    .desired_width(170.0),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.only_problems, text::ONLY_PROBLEMS);
            ui.separator();
            let sort_label = ui.label(text::SORT);
            let shown = self.sort.label();
            let sorts = Sort::ALL;
            pick_keys::combo_ui(
                ui,
                "case-sort",
                shown,
                None,
                &mut self.sort,
                &sorts,
                Sort::label,
            )
            .labelled_by(sort_label.id);
            // Offered only where it would change the paper, so a sorted list keeps its toolbar.
            if !self.date_ordered
                && ui
                    .button(text::SORT_CASES_BY_DATE)
                    .on_hover_text(text::SORT_CASES_BY_DATE_HELP)
                    .clicked()
            {
                sort_by_date = true;
            }
            ui.label(text::rows_shown(self.rows.len(), cx.doc.app().cases.len()));
        });
        sort_by_date
    }
}

fn counts_ui(ui: &mut Ui, report: &Report) {
    let clinical = report.category(CategoryCode::Clinical);
    ui.label(
        RichText::new(text::case_counts(
            report.cases_entered,
            report.cases_valid,
            clinical.counted,
            report.cases_to_next_unit,
        ))
        .strong(),
    );
}

fn field<'a>(cases: &'a [Case], i: usize, get: impl Fn(&'a Case) -> &'a String) -> &'a str {
    cases.get(i).map_or("", |c| get(c).as_str())
}
