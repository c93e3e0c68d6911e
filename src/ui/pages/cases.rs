//! 症例一覧 (様式3): the case table. Only the visible rows are laid out (`TableBody::rows`), so
//! ten thousand cases scroll smoothly; typing works like a spreadsheet (Tab to the next cell,
//! Enter adds a row unless it only confirmed an IME conversion, Ctrl+D duplicates, Ctrl+Delete
//! deletes); cells with findings are outlined with the reason on hover.

use std::collections::HashMap;

use eframe::egui::{self, Align, Id, Key, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::vocabulary::{self, Vocabulary};
use crate::model::{Application, Case, CaseField, CaseOrder, CreditKind, Sex};
use crate::rules::{CategoryCode, FieldPath, Report};
use crate::ui::commands::RowCommand;
use crate::ui::context::{PageContext, Target};
use crate::ui::document::EditKey;
use crate::ui::table_fit::{
    self, ColumnFit, ColumnGrips, EnterAction, FrameNotes, PinnedRow, TableFocus,
};
use crate::ui::text;
use crate::ui::tokens::{self, colour};
use crate::ui::widgets::{self, Drafts, mark_invalid_ui};

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

/// The case table's own state: filter, order, caches, focus.
#[derive(Debug, Default)]
pub struct CasesView {
    /// Text to look for in diagnosis, treatment and facility.
    pub filter: String,
    /// Show only cases that do not count.
    pub only_problems: bool,
    /// Row order.
    pub sort: Sort,
    rows: Vec<usize>,
    rows_key: Option<(u64, String, bool, Sort)>,
    /// The paper order and No. of the cases (refreshed with the issues).
    order: CaseOrder,
    /// 様式3 already prints each facility's cases in date order (「日付順に並べ替える」 is hidden).
    date_ordered: bool,
    issues: HashMap<(usize, CaseField), String>,
    row_issues: HashMap<usize, String>,
    issues_key: Option<u64>,
    /// The case whose cell had the focus last.
    current: Option<usize>,
    /// A case whose first cell should take the focus (after adding a row).
    focus_case: Option<usize>,
    /// A cell a finding pointed to, to take the focus once drawn.
    focus_field: Option<(usize, CaseField)>,
    /// The focused cell and the horizontal scrolling that follows it.
    focus: TableFocus,
    /// The page was opened by keyboard: put the focus on its first cell (or the add button).
    pub focus_start: bool,
    /// The page shows the 「C.自己学習」 credits instead of the cases.
    pub self_study: bool,
}

/// The case table's columns, narrowest usable widths first; the three text columns give way.
const COLUMNS: [ColumnFit; 10] = [
    ColumnFit::fixed(36.0),         // No.
    ColumnFit::fixed(120.0),        // 診察日
    ColumnFit::fixed(36.0),         // 年齢
    ColumnFit::fixed(56.0),         // 性別
    ColumnFit::flexible(80.0, 3.0), // 診断名
    ColumnFit::flexible(80.0, 3.0), // 検査・処置・投薬等
    ColumnFit::fixed(84.0),         // 転帰
    ColumnFit::flexible(70.0, 2.0), // 診療施設名
    ColumnFit::fixed(84.0),         // 担当医／指導医
    ColumnFit::fixed(36.0),         // 操作
];
/// The column titles, in order.
const TITLES: [&str; 10] = [
    text::COL_NO,
    text::COL_DATE,
    text::COL_AGE,
    text::COL_SEX,
    text::COL_DIAGNOSIS,
    text::COL_TREATMENT,
    text::COL_OUTCOME,
    text::COL_FACILITY,
    text::COL_ROLE,
    text::COL_ACTIONS,
];
/// The table's name for the column widths the user drags.
const TABLE_NAME: &str = "cases";
/// The columns on the left that tell the row (No. and date); they stay in view.
const PINNED_TITLES: [&str; 2] = [text::COL_NO, text::COL_DATE];

/// A change to apply once the table is drawn.
enum CaseEdit {
    Field(usize, CaseField, Case),
    Insert(usize, Case),
    Delete(usize),
    SortByDate,
}

impl CasesView {
    /// The case indices in display order (after filter and sort).
    pub fn visible_rows(&self) -> &[usize] {
        &self.rows
    }

    fn refresh(&mut self, app: &Application, report: Option<&Report>, generation: u64) {
        if self.issues_key != Some(generation) {
            self.issues.clear();
            self.row_issues.clear();
            if let Some(report) = report {
                for f in &report.findings {
                    if let FieldPath::Case(i, field) = f.path {
                        append(self.issues.entry((i, field)).or_default(), &f.message);
                        append(self.row_issues.entry(i).or_default(), &f.message);
                    }
                }
            }
            self.order = app.case_order();
            self.date_ordered = app.cases_in_date_order();
            self.issues_key = Some(generation);
        }
        let key = (
            generation,
            self.filter.clone(),
            self.only_problems,
            self.sort,
        );
        if self.rows_key.as_ref() == Some(&key) {
            return;
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
        let mut edits = Vec::new();
        self.shortcuts(ui, cx, &mut edits);
        self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        if let Some(Target {
            path: FieldPath::Case(i, _),
            scroll: true,
        }) = cx.target.as_ref().copied()
            && !self.rows.contains(&i)
        {
            // A finding points to a row the filter hides: show all rows again.
            self.filter.clear();
            self.only_problems = false;
            self.refresh(cx.doc.app(), cx.doc.report(), cx.doc.generation());
        }
        ui.add_space(tokens::GAP);
        self.toolbar_ui(ui, cx, &mut edits);
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
        let chosen = cx.columns.of(TABLE_NAME, COLUMNS.len());
        let (widths, _) = table_fit::fit_widths_chosen(&COLUMNS, &chosen, page_width);
        let mut notes = FrameNotes::default();
        let scroll_x = self.focus.take_scroll();
        let output = table_fit::horizontal_table_ui(ui, "cases-h", page_width, scroll_x, |ui| {
            self.table_ui(ui, cx, &widths, &mut notes, &mut edits);
        });
        table_fit::pinned_and_focus_ui(
            ui,
            &output,
            &PINNED_TITLES,
            &widths,
            &notes,
            Some(&mut self.focus),
            Some(ColumnGrips {
                table: TABLE_NAME,
                titles: &TITLES,
                chosen: cx.columns,
            }),
        );
        self.apply(cx, edits);
    }

    fn shortcuts(&mut self, ui: &Ui, cx: &PageContext<'_>, edits: &mut Vec<CaseEdit>) {
        let Some(i) = self.current.filter(|&i| i < cx.doc.app().cases.len()) else {
            return;
        };
        let still_focused = ui.memory(|m| m.focused().is_some());
        if !still_focused {
            return;
        }
        let duplicate = RowCommand::Duplicate.shortcut();
        let delete = RowCommand::Delete.shortcut();
        if ui.input_mut(|inp| inp.consume_shortcut(&duplicate))
            && let Some(case) = cx.doc.app().cases.get(i)
        {
            edits.push(CaseEdit::Insert(i + 1, case.clone()));
        }
        if ui.input_mut(|inp| inp.consume_shortcut(&delete)) {
            edits.push(CaseEdit::Delete(i));
        }
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &PageContext<'_>, edits: &mut Vec<CaseEdit>) {
        ui.horizontal_wrapped(|ui| {
            let add = ui.button(text::ADD_CASE);
            if std::mem::take(&mut self.focus_start) {
                match self.rows.first() {
                    Some(&first) => self.focus_case = Some(first),
                    None => add.request_focus(),
                }
            }
            if add.clicked() {
                let at = cx.doc.app().cases.len();
                edits.push(CaseEdit::Insert(
                    at,
                    new_case_after(cx.doc.app().cases.last()),
                ));
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
            egui::ComboBox::from_id_salt("case-sort")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for s in Sort::ALL {
                        ui.selectable_value(&mut self.sort, s, s.label());
                    }
                })
                .response
                .labelled_by(sort_label.id);
            // Offered only where it would change the paper, so a sorted list keeps its toolbar.
            if !self.date_ordered
                && ui
                    .button(text::SORT_CASES_BY_DATE)
                    .on_hover_text(text::SORT_CASES_BY_DATE_HELP)
                    .clicked()
            {
                edits.push(CaseEdit::SortByDate);
            }
            ui.label(text::rows_shown(self.rows.len(), cx.doc.app().cases.len()));
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PageContext<'_>,
        widths: &[f32],
        notes: &mut FrameNotes,
        edits: &mut Vec<CaseEdit>,
    ) {
        match self.focus.enter(ui, self.rows.len(), cx.enter_allowed) {
            Some(EnterAction::AddRow) => {
                if let Some(&i) = self.rows.last()
                    && let Some(case) = cx.doc.app().cases.get(i)
                {
                    edits.push(CaseEdit::Insert(i + 1, new_case_after(Some(case))));
                }
            }
            Some(EnterAction::NextRow(row)) => self.focus_case = self.rows.get(row).copied(),
            None => {}
        }
        ui.spacing_mut().item_spacing.x = table_fit::COLUMN_GAP;
        let app = cx.doc.app();
        let counted = cx
            .doc
            .report()
            .map(|r| r.case_counted.as_slice())
            .unwrap_or_default();
        let today = cx.today;
        let enter_pressed = ui.input(|i| i.key_pressed(Key::Enter));
        // An Enter that only confirmed a conversion must leave the cursor in the cell.
        let keep_focus = enter_pressed && !cx.enter_allowed;
        let target_case = cx.target.as_ref().and_then(|t| match t.path {
            FieldPath::Case(i, _) => Some((i, t.scroll)),
            _ => None,
        });
        if let Some(Target {
            path: FieldPath::Case(i, field),
            scroll: true,
        }) = cx.target.as_ref().copied()
        {
            self.focus_field = Some((i, field));
        }
        let scroll_case = self
            .focus_case
            .or(target_case.filter(|(_, scroll)| *scroll).map(|(i, _)| i));
        let mut table = TableBuilder::new(ui)
            .id_salt("cases")
            .striped(true)
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(Align::Center));
        for &w in widths {
            table = table.column(Column::exact(w).clip(true));
        }
        if let Some(pos) = scroll_case.and_then(|i| self.rows.iter().position(|&r| r == i)) {
            table = table.scroll_to_row(pos, Some(Align::Center));
            if let Some(t) = cx.target.as_mut() {
                t.scroll = false;
            }
        }
        let selected_row = self.focus.selected_row();
        let heights = self.focus.row_heights(self.rows.len(), tokens::ROW_HEIGHT);
        let mut measured_height = None;
        let rows = &self.rows;
        let order = &self.order;
        let issues = &self.issues;
        let row_issues = &self.row_issues;
        let drafts = &mut *cx.drafts;
        let mut focus_case = self.focus_case;
        let mut focus_field = self.focus_field;
        let mut current = self.current;
        table
            .header(tokens::HEADER_HEIGHT * 1.6, |mut header| {
                for title in TITLES {
                    let (rect, _) = header.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(title).strong()).wrap());
                    });
                    notes.note_header_cell(rect);
                }
            })
            .body(|body| {
                body.heterogeneous_rows(heights, |mut row| {
                    let display_row = row.index();
                    let Some(&i) = rows.get(display_row) else {
                        return;
                    };
                    let Some(case) = app.cases.get(i) else {
                        return;
                    };
                    if target_case.is_some_and(|(t, _)| t == i) || selected_row == Some(display_row)
                    {
                        row.set_selected(true);
                    }
                    let no = order.number(i);
                    let mut cells = CaseCells {
                        i,
                        no,
                        case: case.clone(),
                        changed: None,
                        focused: false,
                        keep_focus,
                        row: display_row,
                        notes: &mut *notes,
                        focus_field: focus_field.filter(|(c, _)| *c == i).map(|(_, f)| f),
                        issues,
                        drafts,
                        wrap: selected_row == Some(display_row),
                        tallest: 0.0,
                    };
                    let is_counted = counted.get(i).copied().unwrap_or(false);
                    let (no_rect, _) = row.col(|ui| {
                        let no = format!("{no}");
                        let label = if is_counted {
                            ui.label(no)
                        } else {
                            ui.colored_label(colour::WARNING, format!("{no} !"))
                        };
                        if let Some(reason) = row_issues.get(&i) {
                            label.on_hover_text(format!("{}\n{reason}", text::CASE_NOT_COUNTED));
                        }
                    });
                    let (date_rect, _) = row.col(|ui| {
                        let r = cells.date_ui(ui);
                        if case.date.is_some_and(|d| d > today) {
                            widgets::mark_planned_ui(ui, &r, text::case_cell(no, text::COL_DATE));
                        }
                        if focus_case == Some(i) {
                            r.request_focus();
                            focus_case = None;
                        }
                    });
                    row.col(|ui| cells.age_ui(ui));
                    row.col(|ui| {
                        cells.pick_ui(ui, CaseField::Sex, &Sex::ALL, Sex::label, |c| &mut c.sex);
                    });
                    row.col(|ui| cells.text_ui(ui, CaseField::Diagnosis, |c| &mut c.diagnosis));
                    row.col(|ui| cells.text_ui(ui, CaseField::Treatment, |c| &mut c.treatment));
                    row.col(|ui| {
                        cells.suggest_ui(ui, CaseField::Outcome, &vocabulary::OUTCOMES, |c| {
                            &mut c.outcome
                        });
                    });
                    row.col(|ui| cells.text_ui(ui, CaseField::Facility, |c| &mut c.facility));
                    row.col(|ui| {
                        cells.suggest_ui(ui, CaseField::Role, &vocabulary::ROLES, |c| &mut c.role);
                    });
                    let mut action = None;
                    row.col(|ui| {
                        // One narrow button: the row's actions in a menu (also Ctrl+D, Ctrl+Delete).
                        let menu = ui.menu_button(text::ROW_MENU, |ui| {
                            if RowCommand::Duplicate.menu_item_ui(ui) {
                                action = Some(CaseEdit::Insert(i + 1, cells.case.clone()));
                                ui.close();
                            }
                            if RowCommand::Delete.menu_item_ui(ui) {
                                action = Some(CaseEdit::Delete(i));
                                ui.close();
                            }
                        });
                        let r = menu.response.on_hover_text(text::ROW_MENU_HELP);
                        widgets::name_widget(&r, || text::case_cell(no, text::COL_ACTIONS));
                    });
                    if cells.focused {
                        current = Some(i);
                    }
                    if cells.wrap {
                        measured_height = Some(cells.tallest);
                    }
                    if cells.focus_field.is_none() && focus_field.is_some_and(|(c, _)| c == i) {
                        focus_field = None;
                    }
                    if let Some(field) = cells.changed {
                        edits.push(CaseEdit::Field(i, field, cells.case.clone()));
                    }
                    notes.rows.push(PinnedRow {
                        row: display_row,
                        rect: no_rect.union(date_rect),
                        cells: vec![
                            format!("{no}"),
                            case.date
                                .map(crate::dates::format_slash)
                                .unwrap_or_default(),
                        ],
                    });
                    if let Some(action) = action {
                        edits.push(action);
                    }
                });
            });
        self.focus_case = focus_case;
        self.focus_field = focus_field;
        self.current = current;
        self.focus
            .measured_selected_row(ui.ctx(), measured_height, tokens::ROW_HEIGHT);
        if rows.is_empty() {
            ui.label(text::NO_ROWS);
        }
    }

    fn apply(&mut self, cx: &mut PageContext<'_>, edits: Vec<CaseEdit>) {
        for edit in edits {
            match edit {
                CaseEdit::Field(i, field, case) => {
                    cx.doc.edit(EditKey::Case(i, field), |a| {
                        if let Some(c) = a.cases.get_mut(i) {
                            *c = case;
                        }
                    });
                }
                CaseEdit::Insert(at, case) => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        let at = at.min(a.cases.len());
                        a.cases.insert(at, case);
                    });
                    self.focus_case = Some(at.min(cx.doc.app().cases.len().saturating_sub(1)));
                    self.after_structure_change(cx);
                }
                CaseEdit::Delete(i) => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        if i < a.cases.len() {
                            a.cases.remove(i);
                        }
                    });
                    self.current = None;
                    self.after_structure_change(cx);
                }
                CaseEdit::SortByDate => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        a.sort_cases_by_date();
                    });
                    self.current = None;
                    self.after_structure_change(cx);
                }
            }
        }
    }

    fn after_structure_change(&mut self, cx: &mut PageContext<'_>) {
        cx.drafts.clear();
        // New rows must be visible even when a filter would hide them.
        self.filter.clear();
        self.only_problems = false;
        self.rows_key = None;
    }
}

/// The cells of one row, editing a copy of its case.
struct CaseCells<'a> {
    i: usize,
    /// The case's paper No., which its cells are named by.
    no: usize,
    case: Case,
    changed: Option<CaseField>,
    focused: bool,
    keep_focus: bool,
    /// The row's place in the table as shown.
    row: usize,
    notes: &'a mut FrameNotes,
    /// The field of this row a finding pointed to; taken (set to None) once focused.
    focus_field: Option<CaseField>,
    issues: &'a HashMap<(usize, CaseField), String>,
    drafts: &'a mut Drafts,
    /// The row holds the cursor: its text cells show their whole text, wrapped.
    wrap: bool,
    /// The tallest text cell drawn (to size the row being edited).
    tallest: f32,
}

impl CaseCells<'_> {
    fn take_focus(&mut self, field: CaseField, response: &egui::Response) {
        widgets::name_widget(response, || text::case_cell(self.no, column_label(field)));
        if self.focus_field == Some(field) {
            response.request_focus();
            self.focus_field = None;
        }
        self.notes.note_cell(self.row, response);
    }

    fn finish_ui(&mut self, ui: &Ui, field: CaseField, response: &egui::Response) {
        self.take_focus(field, response);
        if response.has_focus() {
            self.focused = true;
        }
        if response.lost_focus() && self.keep_focus {
            response.request_focus();
        }
        if let Some(reason) = self.issues.get(&(self.i, field)) {
            mark_invalid_ui(ui, response.clone(), reason);
        }
    }

    fn date_ui(&mut self, ui: &mut Ui) -> egui::Response {
        let id = Id::unique(("case", self.i, CaseField::Date));
        let width = ui.available_width();
        let (r, new) = widgets::date_cell_ui(ui, id, self.case.date, self.drafts, width);
        self.drafts
            .link(id, FieldPath::Case(self.i, CaseField::Date), text::COL_DATE);
        if let Some(new) = new
            && new != self.case.date
        {
            self.case.date = new;
            self.changed = Some(CaseField::Date);
        }
        self.finish_ui(ui, CaseField::Date, &r);
        r
    }

    fn age_ui(&mut self, ui: &mut Ui) {
        let id = Id::unique(("case", self.i, CaseField::Age));
        let width = ui.available_width();
        let (r, new) = widgets::number_cell_ui(ui, id, self.case.age, self.drafts, width);
        self.drafts
            .link(id, FieldPath::Case(self.i, CaseField::Age), text::COL_AGE);
        if let Some(new) = new
            && new != self.case.age
        {
            self.case.age = new;
            self.changed = Some(CaseField::Age);
        }
        self.finish_ui(ui, CaseField::Age, &r);
    }

    fn text_ui(&mut self, ui: &mut Ui, field: CaseField, get: impl Fn(&mut Case) -> &mut String) {
        let id = Id::unique(("case", self.i, field));
        let width = ui.available_width();
        let (r, new) = widgets::text_cell_id_ui(ui, id, get(&mut self.case), width, self.wrap);
        self.tallest = self.tallest.max(r.rect.height());
        if let Some(new) = new {
            *get(&mut self.case) = new;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, &r);
    }

    /// 転帰 and 担当医/指導医: free text with the usual words as suggestions.
    fn suggest_ui(
        &mut self,
        ui: &mut Ui,
        field: CaseField,
        words: &Vocabulary,
        get: impl Fn(&mut Case) -> &mut String,
    ) {
        let id = Id::unique(("case", self.i, field));
        let width = ui.available_width();
        let (r, new) =
            widgets::suggest_cell_ui(ui, id, get(&mut self.case), words, width, self.wrap);
        self.tallest = self.tallest.max(r.rect.height());
        if let Some(new) = new {
            *get(&mut self.case) = new;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, &r);
    }

    fn pick_ui<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: CaseField,
        options: &[T],
        label: fn(T) -> &'static str,
        get: impl Fn(&mut Case) -> &mut Option<T>,
    ) {
        let width = ui.available_width() - 8.0;
        let current = *get(&mut self.case);
        let (r, new) =
            widgets::pick_ui(ui, ("case", self.i, field), current, options, label, width);
        if let Some(new) = new {
            *get(&mut self.case) = new;
            self.changed = Some(field);
        }
        self.take_focus(field, &r);
        if r.has_focus() {
            self.focused = true;
        }
        if let Some(reason) = self.issues.get(&(self.i, field)) {
            mark_invalid_ui(ui, r, reason);
        }
    }
}

/// The column title of a case field.
fn column_label(field: CaseField) -> &'static str {
    match field {
        CaseField::Date => text::COL_DATE,
        CaseField::Age => text::COL_AGE,
        CaseField::Sex => text::COL_SEX,
        CaseField::Diagnosis => text::COL_DIAGNOSIS,
        CaseField::Treatment => text::COL_TREATMENT,
        CaseField::Outcome => text::COL_OUTCOME,
        CaseField::Facility => text::COL_FACILITY,
        CaseField::Role => text::COL_ROLE,
    }
}

/// A new row: OB/GYN patients are women, and consecutive cases usually share facility and role.
fn new_case_after(previous: Option<&Case>) -> Case {
    Case {
        sex: Some(Sex::Female),
        facility: previous.map(|c| c.facility.clone()).unwrap_or_default(),
        role: previous.map(|c| c.role.clone()).unwrap_or_default(),
        ..Case::default()
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

fn append(into: &mut String, message: &str) {
    if !into.is_empty() {
        into.push('\n');
    }
    into.push_str(message);
}

fn field<'a>(cases: &'a [Case], i: usize, get: impl Fn(&'a Case) -> &'a String) -> &'a str {
    cases.get(i).map_or("", |c| get(c).as_str())
}
