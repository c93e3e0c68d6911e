//! The one record table of the case and credit pages. egui_extras' `TableBuilder` is the engine;
//! [`RecordTable`] owns what every table does the same way — keys (Tab from cell to cell, Enter
//! to the next row or a new one, Ctrl+D, Ctrl+Delete), focus and jumps to a finding's cell, the
//! pinned strip, dragged column widths, findings on their cells — and a [`TableRows`] declares a
//! table's columns and draws each cell through [`Cells`]. Rows keep one height: nothing moves
//! under the pointer while a cell is edited.

mod cells;
mod record;
mod view;

use std::collections::HashMap;

use eframe::egui::{self, Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

pub use cells::{Cells, cell_id};
pub use record::Record;
pub use view::{Lookup, RowView, SortDef};

use super::commands::RowCommand;
use super::context::{PageContext, PasteRequest, Target};
use super::document::EditKey;
use super::table_fit::{
    self, ColumnFit, ColumnGrips, EnterAction, FrameNotes, PinnedRow, TableFocus, TableKey,
};
use super::text;
use super::tokens;
use crate::rules::{FieldPath, Report};

/// One column of a table: how it fits and its title (also the name of its cells).
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// Narrowest usable width and share of the spare width.
    pub fit: ColumnFit,
    /// The title in the header; 「\n」 marks where it may break (between words only).
    pub title: &'static str,
    /// The widest value the column must show whole (「2023/12/31」 for dates).
    pub widest: &'static str,
}

impl ColumnDef {
    /// A column of `fit` titled `title`.
    pub const fn new(title: &'static str, fit: ColumnFit) -> Self {
        Self {
            fit,
            title,
            widest: "",
        }
    }

    /// The same column, at least as wide as `value` in an editable cell.
    pub const fn fits(self, value: &'static str) -> Self {
        Self {
            widest: value,
            ..self
        }
    }

    /// The title on one line (for names and the pinned strip).
    pub fn name(&self) -> String {
        self.title.replace('\n', "")
    }
}

/// What a table declares: its columns, how each cell of a record is drawn, and what a new row
/// after a record holds.
pub trait TableRows {
    /// The record each row edits.
    type Record: Record;

    /// The columns, in order; the first [`TableRows::PINNED`] tell the row apart.
    fn columns(&self) -> &[ColumnDef];

    /// How many columns on the left stay in view while the table scrolls sideways.
    const PINNED: usize = 2;

    /// Draws column `column` of a row.
    fn cell_ui(&self, column: usize, ui: &mut Ui, cells: &mut Cells<'_, Self::Record>);

    /// The pinned columns' text of a record (the strip repeats them).
    fn pinned_texts(&self, i: usize, record: &Self::Record) -> Vec<String>;

    /// A new row after `record` (Enter on the last row, the add button).
    fn new_after(&self, record: Option<&Self::Record>) -> Self::Record;

    /// The field a new row's cursor starts in.
    const FIRST_FIELD: <Self::Record as Record>::Field;

    /// The add button's text.
    const ADD_LABEL: &'static str;

    /// The number a record is shown and named by (「症例48」): its place in the list by default.
    fn number(&self, i: usize) -> usize {
        i + 1
    }

    /// The height of a row (every row has it, edited or not).
    fn row_height(&self) -> f32 {
        tokens::ROW_HEIGHT
    }

    /// The keys of the table, said under its toolbar.
    fn keys(&self, ctx: &egui::Context) -> String;

    /// The counts beside the add button, of the records `shown`.
    fn counts_ui(&self, ui: &mut Ui, report: &Report, shown: &[usize]);
}

/// A change a table asks for, applied once it is drawn.
pub enum TableEdit<R: Record> {
    /// A field of record `i` changed: the record as it now is.
    Field(usize, R::Field, R),
    /// A record inserted at this index.
    Insert(usize, R),
    /// Record `i` deleted.
    Delete(usize),
}

/// Every finding of the current Report on the cells of one record type, built once per content
/// generation.
#[derive(Debug)]
pub struct FindingIndex<F> {
    cells: HashMap<(usize, F), String>,
    rows: HashMap<usize, String>,
    generation: Option<u64>,
}

impl<F> Default for FindingIndex<F> {
    fn default() -> Self {
        Self {
            cells: HashMap::new(),
            rows: HashMap::new(),
            generation: None,
        }
    }
}

impl<F: Copy + Eq + std::hash::Hash> FindingIndex<F> {
    fn refresh(
        &mut self,
        report: Option<&Report>,
        generation: u64,
        field_of: impl Fn(FieldPath) -> Option<(usize, F)>,
    ) {
        if self.generation == Some(generation) {
            return;
        }
        self.cells.clear();
        self.rows.clear();
        for f in report.map(|r| r.findings.as_slice()).unwrap_or_default() {
            if let Some((i, field)) = field_of(f.path) {
                append(self.cells.entry((i, field)).or_default(), &f.message);
                append(self.rows.entry(i).or_default(), &f.message);
            }
        }
        self.generation = Some(generation);
    }

    /// The findings on one cell, one per line.
    pub fn cell(&self, i: usize, field: F) -> Option<&str> {
        self.cells.get(&(i, field)).map(String::as_str)
    }

    /// Every finding on a record, one per line.
    pub fn row(&self, i: usize) -> Option<&str> {
        self.rows.get(&i).map(String::as_str)
    }
}

fn append(into: &mut String, message: &str) {
    if !into.is_empty() {
        into.push('\n');
    }
    into.push_str(message);
}

/// One table's state between frames.
#[derive(Debug)]
pub struct RecordTable<R: Record> {
    /// The table, for the column widths the user drags.
    key: TableKey,
    /// The focused cell and the horizontal scrolling that follows it.
    focus: TableFocus,
    /// A record whose first cell should take the focus (after adding a row, or Enter).
    focus_record: Option<usize>,
    /// A cell a finding pointed to, to take the focus once drawn.
    focus_field: Option<(usize, R::Field)>,
    /// The record whose cell had the focus last.
    current: Option<usize>,
    findings: FindingIndex<R::Field>,
    /// The page was opened by keyboard: put the focus on the first row (or leave it to the page
    /// when there is none).
    pub focus_start: bool,
    /// The records selected as rows (Shift+Space, a click on the row), for Ctrl+C and as the
    /// place rows are pasted after.
    selected: std::collections::BTreeSet<usize>,
    /// Where a Shift+click range starts.
    anchor: Option<usize>,
}

impl<R: Record> RecordTable<R> {
    /// The table `key` (its dragged widths are kept under it).
    pub fn new(key: TableKey) -> Self {
        Self {
            key,
            focus: TableFocus::default(),
            focus_record: None,
            focus_field: None,
            current: None,
            findings: FindingIndex::default(),
            focus_start: false,
            selected: std::collections::BTreeSet::new(),
            anchor: None,
        }
    }

    /// The records selected as rows, in list order.
    pub fn selected(&self) -> Vec<usize> {
        self.selected.iter().copied().collect()
    }

    /// Shift+Space (the row of the cursor into or out of the selection), Esc (clears it), and
    /// Ctrl+V of rows copied from a spreadsheet: taken out of the input before the cells see
    /// them, so the space is not typed and the rows do not land in one cell.
    fn selection_keys(&mut self, ui: &Ui, cx: &mut PageContext<'_>) {
        let len = R::records(cx.doc.app()).len();
        self.selected.retain(|&i| i < len);
        let current = self.current.filter(|&i| i < len);
        let focused = ui.memory(|m| m.focused().is_some());
        let mut toggle = false;
        let mut clear = false;
        let mut pasted = None;
        ui.input_mut(|input| {
            let mut drop_space = false;
            input.events.retain(|event| match event {
                egui::Event::Key {
                    key: egui::Key::Space,
                    pressed,
                    modifiers,
                    ..
                } if modifiers.shift_only() && current.is_some() => {
                    toggle |= *pressed;
                    drop_space = true;
                    false
                }
                egui::Event::Text(t) if drop_space && t == " " => false,
                egui::Event::Key {
                    key: egui::Key::Escape,
                    pressed: true,
                    ..
                } if !self.selected.is_empty() => {
                    clear = true;
                    false
                }
                egui::Event::Paste(text)
                    if pasted.is_none() && (!focused || crate::import::looks_like_rows(text)) =>
                {
                    pasted = Some(text.clone());
                    false
                }
                _ => true,
            });
        });
        if toggle && let Some(i) = current {
            if !self.selected.remove(&i) {
                self.selected.insert(i);
            }
            self.anchor = Some(i);
        }
        if clear {
            self.selected.clear();
        }
        if let Some(text) = pasted {
            // After the selected rows, or the row of the cursor; at the end otherwise.
            let at = self
                .selected
                .last()
                .copied()
                .or(current)
                .map_or(len, |i| i + 1);
            *cx.paste = Some(PasteRequest {
                into: R::PASTE_INTO,
                text,
                at,
            });
        }
    }

    /// Ctrl+C with rows selected: the rows, tab-separated with the form's headers, in the order
    /// shown. Run after the cells, so that it is the rows, not a cell's text, that are copied.
    fn copy_rows(&mut self, ui: &Ui, cx: &PageContext<'_>, indices: &[usize]) {
        if self.selected.is_empty() {
            return;
        }
        let copy = ui.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Copy | egui::Event::Cut))
        });
        if !copy {
            return;
        }
        let shown: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|i| self.selected.contains(i))
            .collect();
        if let Ok(tsv) = R::rows_tsv(cx.doc.app(), &shown) {
            ui.ctx().copy_text(tsv);
        }
    }

    /// A click on a row's number: that row alone; with Shift, the
    /// rows from the last one clicked; with Ctrl, that row into or out of the selection.
    fn click_row(&mut self, i: usize, modifiers: egui::Modifiers, indices: &[usize]) {
        if modifiers.shift
            && let Some(anchor) = self.anchor
        {
            let a = indices.iter().position(|&r| r == anchor);
            let b = indices.iter().position(|&r| r == i);
            if let (Some(a), Some(b)) = (a, b) {
                let (from, to) = (a.min(b), a.max(b));
                self.selected = indices[from..=to].iter().copied().collect();
                return;
            }
        }
        if modifiers.command {
            if !self.selected.remove(&i) {
                self.selected.insert(i);
            }
        } else {
            self.selected = std::iter::once(i).collect();
        }
        self.anchor = Some(i);
    }

    /// The findings on this record type's cells in the current Report.
    pub fn findings(&mut self, cx: &PageContext<'_>) -> &FindingIndex<R::Field> {
        self.findings
            .refresh(cx.doc.report(), cx.doc.generation(), R::field_of);
        &self.findings
    }

    /// Puts the cursor in the first cell of record `i` on the next frame.
    pub fn focus_record(&mut self, i: usize) {
        self.focus_record = Some(i);
    }

    /// A table page: the add button and the counts, what the page draws `between` them and the
    /// table, the keys, and the table of the records `indices` across `page_width`, its changes
    /// applied. Whether records were added or deleted.
    pub fn page_ui<T: TableRows<Record = R>>(
        &mut self,
        ui: &mut Ui,
        cx: &mut PageContext<'_>,
        rows: &T,
        indices: &[usize],
        page_width: f32,
        between: impl FnOnce(&mut Ui, &PageContext<'_>),
    ) -> bool {
        let mut edits = Vec::new();
        ui.add_space(tokens::GAP);
        ui.horizontal_wrapped(|ui| {
            let add = ui.button(T::ADD_LABEL);
            if indices.is_empty() && std::mem::take(&mut self.focus_start) {
                add.request_focus();
            }
            if add.clicked() {
                // After the last record of this table, with what it suggests for a new one.
                let records = R::records(cx.doc.app());
                let last = indices.iter().max().and_then(|&i| records.get(i));
                edits.push(TableEdit::Insert(records.len(), rows.new_after(last)));
            }
            if let Some(report) = cx.doc.report() {
                rows.counts_ui(ui, report, indices);
            }
        });
        between(ui, cx);
        let keys = rows.keys(ui.ctx());
        let faint = super::widgets::faint(ui);
        if self.selected.is_empty() {
            let keys = format!("{keys}　{}", text::ROW_KEYS);
            ui.label(RichText::new(keys).small().color(faint));
        } else {
            ui.label(RichText::new(text::rows_selected(self.selected.len())).small());
        }
        ui.add_space(tokens::GAP);
        edits.extend(self.table_ui(ui, cx, rows, indices, page_width));
        let structure = edits.iter().any(|e| !matches!(e, TableEdit::Field(..)));
        self.apply(cx, edits);
        structure
    }

    /// Draws the table of the records `indices` (in display order) across `page_width`; returns
    /// the changes asked for, to give to [`RecordTable::apply`].
    fn table_ui<T: TableRows<Record = R>>(
        &mut self,
        ui: &mut Ui,
        cx: &mut PageContext<'_>,
        rows: &T,
        indices: &[usize],
        page_width: f32,
    ) -> Vec<TableEdit<R>> {
        let mut edits = Vec::new();
        self.selection_keys(ui, cx);
        self.shortcuts(ui, cx, &mut edits);
        self.findings(cx);
        if std::mem::take(&mut self.focus_start) {
            self.focus_record = indices.first().copied();
        }
        let columns = rows.columns();
        let titles: Vec<String> = columns.iter().map(ColumnDef::name).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let fits: Vec<ColumnFit> = columns.iter().map(|c| header_fit(ui, c)).collect();
        let chosen = cx.columns.of(self.key, columns.len());
        let (widths, _) = table_fit::fit_widths_chosen(&fits, &chosen, page_width);
        let mut notes = FrameNotes::default();
        let scroll_x = self.focus.take_scroll();
        let salt = ("record-table", self.key);
        let output = table_fit::horizontal_table_ui(ui, salt, page_width, scroll_x, |ui| {
            self.body_ui(ui, cx, rows, indices, &widths, &mut notes, &mut edits);
        });
        let pinned = titles.get(..T::PINNED).unwrap_or_default();
        table_fit::pinned_and_focus_ui(
            ui,
            &output,
            pinned,
            &widths,
            &notes,
            Some(&mut self.focus),
            Some(ColumnGrips {
                table: self.key,
                titles: &titles,
                chosen: cx.columns,
            }),
        );
        if indices.is_empty() {
            ui.label(text::NO_ROWS);
        }
        self.copy_rows(ui, cx, indices);
        edits
    }

    /// Ctrl+D and Ctrl+Delete on the row holding the cursor.
    fn shortcuts(&mut self, ui: &Ui, cx: &PageContext<'_>, edits: &mut Vec<TableEdit<R>>) {
        let records = R::records(cx.doc.app());
        let Some(i) = self.current.filter(|&i| i < records.len()) else {
            return;
        };
        if !ui.memory(|m| m.focused().is_some()) {
            return;
        }
        if ui.input_mut(|inp| inp.consume_shortcut(&RowCommand::Duplicate.shortcut()))
            && let Some(record) = records.get(i)
        {
            edits.push(TableEdit::Insert(i + 1, record.clone()));
        }
        if ui.input_mut(|inp| inp.consume_shortcut(&RowCommand::Delete.shortcut())) {
            edits.push(TableEdit::Delete(i));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn body_ui<T: TableRows<Record = R>>(
        &mut self,
        ui: &mut Ui,
        cx: &mut PageContext<'_>,
        rows: &T,
        indices: &[usize],
        widths: &[f32],
        notes: &mut FrameNotes,
        edits: &mut Vec<TableEdit<R>>,
    ) {
        match self.focus.enter(ui, indices.len(), cx.enter_allowed) {
            Some(EnterAction::AddRow) => {
                if let Some(&i) = indices.last() {
                    let new = rows.new_after(R::records(cx.doc.app()).get(i));
                    edits.push(TableEdit::Insert(i + 1, new));
                }
            }
            Some(EnterAction::NextRow(row)) => self.focus_record = indices.get(row).copied(),
            None => {}
        }
        ui.spacing_mut().item_spacing.x = table_fit::COLUMN_GAP;
        // An Enter that only confirmed a conversion must leave the cursor in the cell.
        let keep_focus = ui.input(|i| i.key_pressed(egui::Key::Enter)) && !cx.enter_allowed;
        let target = cx
            .target
            .as_ref()
            .and_then(|t| R::field_of(t.path).map(|(i, f)| (i, f, t.scroll)));
        if let Some((i, field, true)) = target {
            self.focus_field = Some((i, field));
        }
        let scroll_to = self.focus_record.or(target.filter(|t| t.2).map(|t| t.0));
        let mut table = TableBuilder::new(ui)
            .id_salt(("records", self.key))
            .striped(true)
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(Align::Center));
        for &w in widths {
            table = table.column(Column::exact(w).clip(true));
        }
        if let Some(pos) = scroll_to.and_then(|i| indices.iter().position(|&r| r == i)) {
            table = table.scroll_to_row(pos, Some(Align::Center));
            if let Some(t) = cx.target.as_mut() {
                t.scroll = false;
            }
        }
        let selected_row = self.focus.selected_row();
        let first_field = T::FIRST_FIELD;
        let records = R::records(cx.doc.app());
        let report = cx.doc.report();
        let today = cx.today;
        let buffers = &mut *cx.buffers;
        let findings = &self.findings;
        let mut focus_record = self.focus_record;
        let mut focus_field = self.focus_field;
        let mut current = self.current;
        let selected = &self.selected;
        let mut clicked = None;
        let header_height = tokens::ROW_HEIGHT * header_lines(rows.columns()) as f32 + 4.0;
        table
            .header(header_height, |mut header| {
                for column in rows.columns() {
                    let (rect, _) = header.col(|ui| header_cell_ui(ui, column));
                    notes.note_header_cell(rect);
                }
            })
            .body(|body| {
                body.rows(rows.row_height(), indices.len(), |mut row| {
                    let display_row = row.index();
                    let Some(&i) = indices.get(display_row) else {
                        return;
                    };
                    let Some(record) = records.get(i) else {
                        return;
                    };
                    let targeted = target.is_some_and(|(t, _, _)| t == i);
                    if targeted || selected_row == Some(display_row) || selected.contains(&i) {
                        row.set_selected(true);
                    }
                    let mut focus = focus_field.filter(|(c, _)| *c == i).map(|(_, f)| f);
                    if focus_record == Some(i) {
                        focus = Some(first_field);
                        focus_record = None;
                    }
                    let mut cells = Cells::new(cells::CellsSetup {
                        i,
                        number: rows.number(i),
                        record: record.clone(),
                        row: display_row,
                        keep_focus,
                        focus_field: focus,
                        notes: &mut *notes,
                        findings,
                        buffers: &mut *buffers,
                        report,
                        today,
                    });
                    let mut rects = Vec::new();
                    for column in 0..rows.columns().len() {
                        let (rect, _) = row.col(|ui| rows.cell_ui(column, ui, &mut cells));
                        rects.push(rect);
                    }
                    let outcome = cells.finish();
                    if let Some(modifiers) = outcome.number_clicked {
                        clicked = Some((i, modifiers));
                    }
                    if outcome.focused {
                        current = Some(i);
                    }
                    if outcome.focus_taken && focus_field.is_some_and(|(c, _)| c == i) {
                        focus_field = None;
                    }
                    if let Some((field, record)) = outcome.changed {
                        edits.push(TableEdit::Field(i, field, record));
                    }
                    edits.extend(outcome.action);
                    let pinned = rects.iter().take(T::PINNED).copied();
                    notes.rows.push(PinnedRow {
                        row: display_row,
                        rect: pinned
                            .reduce(|a, b| a.union(b))
                            .unwrap_or(egui::Rect::NOTHING),
                        cells: rows.pinned_texts(i, record),
                    });
                });
            });
        self.focus_record = focus_record;
        self.focus_field = focus_field;
        self.current = current;
        if let Some((i, modifiers)) = clicked {
            self.click_row(i, modifiers, indices);
        }
    }

    /// Applies the changes a frame asked for, each an undo step of its own kind.
    fn apply(&mut self, cx: &mut PageContext<'_>, edits: Vec<TableEdit<R>>) {
        if edits.iter().any(|e| !matches!(e, TableEdit::Field(..))) {
            // The indices move: a selection would now name other rows.
            self.selected.clear();
            self.anchor = None;
        }
        for edit in edits {
            match edit {
                TableEdit::Field(i, field, record) => {
                    cx.doc.edit(EditKey::of(R::path(i, field)), |a| {
                        if let Some(r) = R::records_mut(a).get_mut(i) {
                            *r = record;
                        }
                    });
                }
                TableEdit::Insert(at, record) => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        let records = R::records_mut(a);
                        records.insert(at.min(records.len()), record);
                    });
                    let len = R::records(cx.doc.app()).len();
                    self.focus_record = Some(at.min(len.saturating_sub(1)));
                    cx.buffers.clear();
                }
                TableEdit::Delete(i) => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        let records = R::records_mut(a);
                        if i < records.len() {
                            records.remove(i);
                        }
                    });
                    self.current = None;
                    cx.buffers.clear();
                }
            }
        }
    }

    /// Whether a finding points into this table and asks to be scrolled to.
    pub fn target_record(target: Option<&Target>) -> Option<usize> {
        target
            .filter(|t| t.scroll)
            .and_then(|t| R::field_of(t.path))
            .map(|(i, _)| i)
    }
}

/// A column title, broken only where it says, named on one line for screen readers.
fn header_cell_ui(ui: &mut Ui, column: &ColumnDef) {
    let title = RichText::new(column.title).strong();
    let galley = egui::WidgetText::from(title).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let (rect, response) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
    let colour = ui.visuals().strong_text_color();
    ui.painter().galley(rect.min, galley, colour);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, column.name()));
}

/// How many lines the tallest header takes (titles break only where they say).
fn header_lines(columns: &[ColumnDef]) -> usize {
    columns
        .iter()
        .map(|c| c.title.lines().count())
        .max()
        .unwrap_or(1)
}

/// A column's fit widened to its header's widest line, so a title never breaks inside a word.
fn header_fit(ui: &Ui, column: &ColumnDef) -> ColumnFit {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = column
        .title
        .lines()
        .map(|line| text_width(ui, line, &font))
        .fold(0.0, f32::max);
    // A text field's frame and inner margins around the value.
    let value = text_width(ui, column.widest, &font) + 2.0 * ui.spacing().button_padding.x + 4.0;
    ColumnFit {
        min: column.fit.min.max(widest + 6.0).max(value),
        grow: column.fit.grow,
    }
}

/// The width of `text` in `font`, bold as headers are drawn (bold is no wider in this font).
pub fn text_width(ui: &Ui, text: &str, font: &egui::FontId) -> f32 {
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    })
}
