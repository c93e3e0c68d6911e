//! The cells of one row, editing a copy of its record: text, text with suggestions, dates and
//! numbers (kept as typed when they do not read), pick-lists, check boxes and the row's menu.
//! Each names itself for screen readers, takes the focus a finding asked for, and shows the
//! findings on it.

use chrono::NaiveDate;
use eframe::egui::{Id, Response, RichText, Ui};

use super::{FindingIndex, Record, TableEdit};
use crate::model::vocabulary::Vocabulary;
use crate::rules::Report;
use crate::ui::commands::RowCommand;
use crate::ui::pick_keys;
use crate::ui::table_fit::FrameNotes;
use crate::ui::text;
use crate::ui::tokens::colour;
use crate::ui::widgets::{self, EditBuffers, Typed, mark_invalid_ui};

/// The id of the editor of field `field` of record `i` (stable while the table scrolls).
pub fn cell_id<R: Record>(i: usize, field: R::Field) -> Id {
    Id::unique(("record-cell", std::any::type_name::<R>(), i, field))
}

/// What [`Cells::new`] needs.
pub(super) struct CellsSetup<'a, R: Record> {
    pub i: usize,
    pub number: usize,
    pub record: R,
    pub row: usize,
    pub keep_focus: bool,
    pub focus_field: Option<R::Field>,
    pub notes: &'a mut FrameNotes,
    pub findings: &'a FindingIndex<R::Field>,
    pub buffers: &'a mut EditBuffers,
    pub report: Option<&'a Report>,
    pub today: NaiveDate,
}

/// What a row's cells did this frame.
pub(super) struct RowOutcome<R: Record> {
    pub focused: bool,
    pub focus_taken: bool,
    pub changed: Option<(R::Field, R)>,
    pub action: Option<TableEdit<R>>,
    /// The row's number was clicked, with these keys held (it selects the row).
    pub number_clicked: Option<eframe::egui::Modifiers>,
}

/// The cells of one row.
pub struct Cells<'a, R: Record> {
    /// The record's index in the application.
    pub i: usize,
    /// The number the row is shown and named by (a case's paper No.).
    pub number: usize,
    /// The record as edited so far this frame.
    pub record: R,
    /// The Report the cells show (units computed, counted or not).
    pub report: Option<&'a Report>,
    /// The findings on this record type's cells.
    pub findings: &'a FindingIndex<R::Field>,
    today: NaiveDate,
    row: usize,
    keep_focus: bool,
    focus_field: Option<R::Field>,
    focus_taken: bool,
    notes: &'a mut FrameNotes,
    buffers: &'a mut EditBuffers,
    changed: Option<R::Field>,
    focused: bool,
    action: Option<TableEdit<R>>,
    number_clicked: Option<eframe::egui::Modifiers>,
}

impl<'a, R: Record> Cells<'a, R> {
    pub(super) fn new(setup: CellsSetup<'a, R>) -> Self {
        Self {
            i: setup.i,
            number: setup.number,
            record: setup.record,
            report: setup.report,
            findings: setup.findings,
            today: setup.today,
            row: setup.row,
            keep_focus: setup.keep_focus,
            focus_field: setup.focus_field,
            focus_taken: false,
            notes: setup.notes,
            buffers: setup.buffers,
            changed: None,
            focused: false,
            action: None,
            number_clicked: None,
        }
    }

    pub(super) fn finish(self) -> RowOutcome<R> {
        RowOutcome {
            focused: self.focused,
            focus_taken: self.focus_taken,
            changed: self.changed.map(|f| (f, self.record)),
            action: self.action,
            number_clicked: self.number_clicked,
        }
    }

    fn id(&self, field: R::Field) -> Id {
        cell_id::<R>(self.i, field)
    }

    /// Names the cell, gives it the focus a finding asked for, notes it for the table and marks
    /// its findings.
    fn finish_ui(&mut self, ui: &Ui, field: R::Field, response: Response) -> Response {
        let (i, number) = (self.i, self.number);
        widgets::name_widget(&response, || R::cell_name(number, R::label(field)));
        if self.focus_field == Some(field) {
            response.request_focus();
            self.focus_field = None;
            self.focus_taken = true;
        }
        self.notes.note_cell(self.row, &response);
        if response.has_focus() {
            self.focused = true;
        }
        if response.lost_focus() && self.keep_focus {
            response.request_focus();
        }
        match self.findings.cell(i, field) {
            Some(reason) => mark_invalid_ui(ui, response, reason),
            None => response,
        }
    }

    /// Free text.
    pub fn text_ui(&mut self, ui: &mut Ui, field: R::Field, get: impl Fn(&mut R) -> &mut String) {
        let id = self.id(field);
        let width = ui.available_width();
        let (r, new) = widgets::text_cell_id_ui(ui, id, get(&mut self.record), width);
        if let Some(new) = new {
            *get(&mut self.record) = new;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, r);
    }

    /// Free text with the usual words as suggestions (転帰, 担当医/指導医).
    pub fn suggest_ui(
        &mut self,
        ui: &mut Ui,
        field: R::Field,
        words: &Vocabulary,
        get: impl Fn(&mut R) -> &mut String,
    ) {
        let id = self.id(field);
        let width = ui.available_width();
        let (r, new) = widgets::suggest_cell_ui(ui, id, get(&mut self.record), words, width);
        if let Some(new) = new {
            *get(&mut self.record) = new;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, r);
    }

    /// A date; text that does not read as one is kept as typed (the date is then empty), and a
    /// date after today is marked as planned.
    pub fn date_ui(
        &mut self,
        ui: &mut Ui,
        field: R::Field,
        get: impl Fn(&mut R) -> &mut Option<NaiveDate>,
    ) {
        let id = self.id(field);
        let width = ui.available_width();
        let value = *get(&mut self.record);
        let unread = self.record.unread().get(&field).cloned();
        let (r, typed) =
            widgets::date_cell_ui(ui, id, value, unread.as_deref(), self.buffers, width);
        self.store(field, typed, get);
        let r = self.finish_ui(ui, field, r);
        if value.is_some_and(|d| d > self.today) {
            let name = R::cell_name(self.number, R::label(field));
            widgets::mark_planned_ui(ui, &r, name);
        }
    }

    /// A whole number, read through `get` (empty: none); text that does not read as one is kept
    /// as typed.
    pub fn number_ui<T: std::str::FromStr + ToString + Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: R::Field,
        width: f32,
        get: impl Fn(&R) -> Option<T>,
        set: impl Fn(&mut R, Option<T>),
    ) {
        let id = self.id(field);
        let unread = self.record.unread().get(&field).cloned();
        let value = get(&self.record);
        let (r, typed) =
            widgets::number_cell_ui(ui, id, value, unread.as_deref(), self.buffers, width);
        if let Some(typed) = typed {
            let mut new = value;
            if typed.store(&mut new, self.record.unread_mut(), field) {
                set(&mut self.record, new);
                self.changed = Some(field);
            }
        }
        self.finish_ui(ui, field, r);
    }

    fn store<T: PartialEq + Copy>(
        &mut self,
        field: R::Field,
        typed: Option<Typed<T>>,
        get: impl Fn(&mut R) -> &mut Option<T>,
    ) {
        let Some(typed) = typed else {
            return;
        };
        let mut value = *get(&mut self.record);
        if typed.store(&mut value, self.record.unread_mut(), field) {
            *get(&mut self.record) = value;
            self.changed = Some(field);
        }
    }

    /// A pick-list of `options` plus 未選択.
    pub fn pick_ui<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: R::Field,
        options: &[T],
        label: fn(T) -> &'static str,
        get: impl Fn(&mut R) -> &mut Option<T>,
    ) {
        let width = ui.available_width() - 8.0;
        let current = *get(&mut self.record);
        let salt = self.id(field);
        let (r, new) = widgets::pick_ui(ui, salt, current, options, label, width);
        if let Some(new) = new {
            *get(&mut self.record) = new;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, r);
    }

    /// A pick-list that always holds one of `options`; typing an option's number or the start
    /// of its label chooses it. `shown` is the text in the closed cell, `label` the list's.
    #[allow(clippy::too_many_arguments)]
    pub fn choice_ui<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: R::Field,
        options: &[T],
        shown: impl Fn(T) -> String,
        label: impl Fn(T) -> String,
        get: impl Fn(&mut R) -> &mut T,
    ) {
        let mut value = *get(&mut self.record);
        let width = Some(ui.available_width() - 8.0);
        let salt = self.id(field);
        let r = pick_keys::combo_ui(ui, salt, shown(value), width, &mut value, options, &label);
        if r.has_focus()
            && let Some(typed) = widgets::typed_choice(ui, options, &label)
        {
            value = typed;
        }
        if value != *get(&mut self.record) {
            *get(&mut self.record) = value;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, r);
    }

    /// A check box.
    pub fn flag_ui(&mut self, ui: &mut Ui, field: R::Field, get: impl Fn(&mut R) -> &mut bool) {
        let mut value = *get(&mut self.record);
        let r = ui.checkbox(&mut value, "").on_hover_text(R::label(field));
        if r.changed() {
            *get(&mut self.record) = value;
            self.changed = Some(field);
        }
        self.finish_ui(ui, field, r);
    }

    /// A value the rules compute, with 「!」 and the reasons when the record does not count.
    pub fn computed_ui(&mut self, ui: &mut Ui, shown: String) {
        ui.label(RichText::new(shown).strong())
            .on_hover_text(text::UNITS_COMPUTED);
    }

    /// 「!」 with every finding on the record, for a record that does not count.
    pub fn not_counted_ui(&self, ui: &mut Ui, reason: Option<&str>) {
        let reasons = reason
            .or_else(|| self.findings.row(self.i))
            .unwrap_or_default();
        ui.colored_label(colour::WARNING, "!")
            .on_hover_text(format!("{}\n{reasons}", text::NOT_COUNTED));
    }

    /// The row's number, with 「!」 when it does not count (the reasons on hover).
    pub fn number_label_ui(&mut self, ui: &mut Ui, number: usize, counted: bool) {
        let no = number.to_string();
        let text = if counted {
            eframe::egui::RichText::new(no)
        } else {
            eframe::egui::RichText::new(format!("{no} !")).color(colour::WARNING)
        };
        // A click on the number selects the row (Shift: a range, Ctrl: one more).
        let label = ui.add(eframe::egui::Label::new(text).sense(eframe::egui::Sense::click()));
        if label.clicked() {
            self.number_clicked = Some(ui.input(|i| i.modifiers));
        }
        if let Some(reason) = self.findings.row(self.i) {
            label.on_hover_text(format!("{}\n{reason}", text::CASE_NOT_COUNTED));
        }
    }

    /// The row's actions in one narrow menu (also Ctrl+D, Ctrl+Delete).
    pub fn row_menu_ui(&mut self, ui: &mut Ui, column: &str) {
        let i = self.i;
        let mut action = None;
        let menu = ui.menu_button(text::ROW_MENU, |ui| {
            if RowCommand::Duplicate.menu_item_ui(ui) {
                action = Some(TableEdit::Insert(i + 1, self.record.clone()));
                ui.close();
            }
            if RowCommand::Delete.menu_item_ui(ui) {
                action = Some(TableEdit::Delete(i));
                ui.close();
            }
        });
        let r = menu.response.on_hover_text(text::ROW_MENU_HELP);
        let number = self.number;
        widgets::name_widget(&r, || R::cell_name(number, column));
        if action.is_some() {
            self.action = action;
        }
    }
}
