//! Small editing widgets shared by the pages: text, date and number fields (a text that does not
//! read as a value is kept as typed, in the document), and pick-lists.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::text::{LayoutJob, TextWrapping};
use eframe::egui::text_edit::TextEditOutput;
use eframe::egui::{self, Color32, Galley, Id, Response, RichText, TextEdit, Ui};

use super::pick_keys::{self, ListKeys};
use super::text;
use super::tokens::{self, colour};
use crate::dates;
use crate::model::Unread;
use crate::model::vocabulary::Vocabulary;

/// The text of a date or number cell while it has the focus, so that what is typed is not
/// reformatted under the cursor (2023/4/ stays 2023/4/). The document holds what the whole text
/// reads as at every keystroke (a value, or the text itself when it does not read as one, see
/// [`crate::model::Unread`]); this is only the editor's view of it, dropped when the cell is left.
#[derive(Debug, Default)]
pub struct EditBuffers {
    texts: HashMap<Id, String>,
}

impl EditBuffers {
    /// Forgets every buffer (after rows were added, removed or reordered, or an undo).
    pub fn clear(&mut self) {
        self.texts.clear();
    }
}

/// What a date or number cell holds after an edit: a value (none when emptied), or text that
/// does not read as one, kept as typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<T> {
    /// The whole text reads as this value (None: the cell was emptied).
    Value(Option<T>),
    /// The text does not read as a value.
    Unread(String),
}

impl<T: PartialEq> Typed<T> {
    /// What `text` says, read whole by `read` (never a prefix of it).
    pub fn read(text: &str, read: impl Fn(&str) -> Option<T>) -> Self {
        if text.trim().is_empty() {
            Typed::Value(None)
        } else {
            read(text).map_or_else(|| Typed::Unread(text.to_owned()), |v| Typed::Value(Some(v)))
        }
    }

    /// Stores it into a record's field: the value, and the text in `unread` when it does not
    /// read (the value is then empty). Whether anything changed.
    pub fn store<F: Ord>(self, value: &mut Option<T>, unread: &mut Unread<F>, field: F) -> bool {
        match self {
            Typed::Value(v) => {
                let changed = *value != v || unread.contains_key(&field);
                *value = v;
                unread.remove(&field);
                changed
            }
            Typed::Unread(text) => {
                let changed = value.is_some() || unread.get(&field) != Some(&text);
                *value = None;
                unread.insert(field, text);
                changed
            }
        }
    }
}

/// Outlines a widget in the error colour and explains why on hover.
pub fn mark_invalid_ui(ui: &Ui, response: Response, reasons: &str) -> Response {
    // Inside the widget's own rect: table cells clip anything drawn outside them.
    ui.painter().rect_stroke(
        response.rect,
        2.0,
        egui::Stroke::new(1.5, colour::ERROR),
        egui::StrokeKind::Inside,
    );
    response.on_hover_text(reasons)
}

/// Marks a date cell dated after today (a planned entry): outlined, explained on hover, and
/// named so for screen readers (`name` is the cell's usual name).
pub fn mark_planned_ui(ui: &Ui, response: &Response, name: String) {
    ui.painter().rect_stroke(
        response.rect,
        2.0,
        egui::Stroke::new(1.5, colour::PLANNED),
        egui::StrokeKind::Inside,
    );
    name_widget(response, || text::planned_cell(&name));
    let _ = response.clone().on_hover_text(text::PLANNED_HOVER);
}

/// A single-line text field; returns the new text when it changed.
pub fn text_cell_ui(ui: &mut Ui, value: &str, width: f32) -> (Response, Option<String>) {
    let mut buffer = value.to_owned();
    let response = ui.add(TextEdit::singleline(&mut buffer).desired_width(width));
    let changed = response.changed().then_some(buffer);
    (response, changed)
}

/// Lays out a table cell's one line of text as `TextEdit` would, but while the cell is not being
/// edited a text wider than the cell ends with 「…」 instead of being clipped mid-character, and
/// `cut` is set. While editing, the whole text scrolls as usual (the cursor needs every glyph).
fn cell_galley(
    ui: &Ui,
    text: &str,
    wrap_width: f32,
    editing: bool,
    cut: &Cell<bool>,
) -> Arc<Galley> {
    let style = ui.style();
    let font_id = style
        .override_font_id
        .clone()
        .unwrap_or_else(|| egui::TextStyle::Body.resolve(style));
    let colour = ui
        .visuals()
        .override_text_color
        .unwrap_or_else(|| ui.visuals().widgets.inactive.text_color());
    let line_height =
        ui.fonts_mut(|f| f.row_height(&font_id)) + ui.spacing().extra_text_line_spacing;
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font_id, colour);
    job.keep_trailing_whitespace = true;
    for section in &mut job.sections {
        section.format.line_height = Some(line_height);
    }
    if !editing {
        job.wrap = TextWrapping::truncate_at_width(wrap_width);
    }
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    cut.set(if editing {
        galley.size().x > wrap_width + 0.5
    } else {
        galley.elided
    });
    galley
}

/// A one-line table cell: cut with 「…」 when too long (the whole text on hover). While it is
/// edited, a text longer than the cell is shown whole, wrapped, in a box just under the cell:
/// the row keeps its height, so no row moves under the pointer.
fn cell_edit(
    ui: &mut Ui,
    id: Id,
    buffer: &mut String,
    width: f32,
    hint: Option<&str>,
) -> TextEditOutput {
    let editing = ui.memory(|m| m.has_focus(id));
    let cut = Cell::new(false);
    let mut layouter = |ui: &Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        cell_galley(ui, text.as_str(), wrap_width, editing, &cut)
    };
    let mut edit = TextEdit::singleline(buffer)
        .id(id)
        .desired_width(width)
        .layouter(&mut layouter);
    if let Some(example) = hint {
        edit = edit.hint_text(self::hint(ui, example));
    }
    let mut output = edit.show(ui);
    if cut.get() {
        if editing {
            whole_text_ui(ui, id, output.response.response.rect, buffer);
        } else {
            output.response.response = output.response.response.on_hover_text(buffer.as_str());
        }
    }
    output
}

/// The whole text of the cell being edited, wrapped in a box under it (not interactive, so a
/// click goes to the cell beneath).
fn whole_text_ui(ui: &Ui, id: Id, cell: egui::Rect, text: &str) {
    let width = cell.width().max(tokens::WHOLE_TEXT_WIDTH);
    egui::Area::new(id.with("whole-text"))
        .order(egui::Order::Foreground)
        .fixed_pos(cell.left_bottom())
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                ui.add(egui::Label::new(text).wrap());
            });
        });
}

/// A single-line text field with a stable id (table cells keep focus while scrolling); a text
/// too long for the cell ends with 「…」 and shows whole on hover, and whole under the cell while
/// it is edited.
pub fn text_cell_id_ui(ui: &mut Ui, id: Id, value: &str, width: f32) -> (Response, Option<String>) {
    let mut buffer = value.to_owned();
    let output = cell_edit(ui, id, &mut buffer, width, None);
    // Tabbing into a cell selects its text, as in a spreadsheet (a click places the cursor).
    let response = if ui.input(|i| i.pointer.any_pressed()) {
        output.response.response
    } else {
        select_all_on_focus(ui, output, value.chars().count())
    };
    let changed = response.changed().then_some(buffer);
    (response, changed)
}

/// A free-text cell with suggestions (転帰, 担当医/指導医): what is typed is kept as written,
/// but typing a suggestion's number (`1`, `２` …) or the first letters of exactly one suggestion
/// fills it in at once, the completed part selected so that typing on replaces it (like a
/// spreadsheet's auto-complete). The ▼ beside the cell lists the suggestions for the mouse; it
/// takes no Tab stop, so Tab still goes from cell to cell. Alt+↓ opens the list from the
/// keyboard, which then answers ↑↓, Enter and Esc as every list does ([`pick_keys`]). Returns the new text when it changed.
pub fn suggest_cell_ui(
    ui: &mut Ui,
    id: Id,
    value: &str,
    vocabulary: &Vocabulary,
    width: f32,
) -> (Response, Option<String>) {
    let mut buffer = value.to_owned();
    let mut picked = None;
    let popup = id.with("suggestions");
    let words: Vec<&'static str> = vocabulary.canonical_words().collect();
    let current = words.iter().position(|&w| w == value);
    // Before the cell is drawn, so that ↑↓ and Enter are the list's, not the text's.
    let keys = ListKeys::read(ui, id, popup, words.len(), current);
    let inner = ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let response = cell_edit(
            ui,
            id,
            &mut buffer,
            (width - SUGGEST_BUTTON_WIDTH).max(24.0),
            None,
        )
        .response
        .response;
        let button = ui
            .add(egui::Label::new(RichText::new("▼").weak()).sense(egui::Sense::CLICK))
            .on_hover_text(text::SUGGESTIONS);
        (response, button)
    });
    let (response, button) = inner.inner;
    // The list opens under the whole cell, left edges aligned (above it when there is no room
    // below), never beside it where it would cover the next column or the verdict panel.
    let cell = inner.response.rect.intersect(ui.clip_rect());
    egui::Popup::menu(&button)
        .id(popup)
        .anchor(cell)
        .align(egui::RectAlign::BOTTOM_START)
        .align_alternatives(&[egui::RectAlign::TOP_START])
        .width(cell.width())
        .show(|ui| {
            ui.set_min_width(cell.width());
            for (n, &word) in words.iter().enumerate() {
                let item = ui.button(format!("{} {word}", n + 1));
                keys.item_ui(ui, n, &item);
                if item.clicked() {
                    picked = Some(word);
                }
            }
        });
    if let Some(&word) = keys.picked().and_then(|n| words.get(n)) {
        picked = Some(word);
    }
    // Alt+↓ opens the suggestions, as it opens the pick-lists.
    pick_keys::open_on_alt_down(ui, id, popup);
    if let Some(word) = picked {
        return (response, (word != value).then(|| word.to_owned()));
    }
    if !response.changed() {
        return (response, None);
    }
    if typed_text(ui).is_some() {
        autocomplete(ui, id, &mut buffer, vocabulary);
    }
    (response, Some(buffer))
}

/// Room for the ▼ beside a suggestion cell (points).
const SUGGEST_BUTTON_WIDTH: f32 = 14.0;

/// Text typed (or committed by the IME) this frame, if any.
fn typed_text(ui: &Ui) -> Option<String> {
    let typed: String = ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Text(t) | egui::Event::Ime(egui::ImeEvent::Commit(t)) => {
                    Some(t.as_str())
                }
                _ => None,
            })
            .collect()
    });
    (!typed.is_empty()).then_some(typed)
}

/// Completes `buffer` after typing: a number becomes its suggestion, a start that only one
/// suggestion has becomes that suggestion with the completed part selected.
fn autocomplete(ui: &Ui, id: Id, buffer: &mut String, vocabulary: &Vocabulary) {
    let Some(word) = vocabulary.pick(buffer) else {
        return;
    };
    let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) else {
        return;
    };
    let typed_chars = buffer.chars().count();
    let at_end = state
        .cursor
        .char_range()
        .and_then(|r| r.single())
        .is_none_or(|c| c.index.0 == typed_chars);
    if !at_end {
        return;
    }
    let is_number = dates::fold_width(buffer).parse::<usize>().is_ok();
    let start = if is_number {
        word.chars().count()
    } else {
        typed_chars
    };
    *buffer = word.to_owned();
    let end = word.chars().count();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(start),
            egui::text::CCursor::new(end),
        )));
    state.store(ui.ctx(), id);
}

/// A date field that accepts 2023/4/1, 2023-04-01, 令和5年4月1日 …; `unread` is the text kept
/// when an earlier entry did not read as a date. Returns what the text holds after an edit.
pub fn date_cell_ui(
    ui: &mut Ui,
    id: Id,
    value: Option<NaiveDate>,
    unread: Option<&str>,
    buffers: &mut EditBuffers,
    width: f32,
) -> (Response, Option<Typed<NaiveDate>>) {
    let cell = TypedCell {
        id,
        width,
        hint: Some(text::DATE_HINT),
        unreadable: text::DATE_UNREADABLE,
    };
    let (response, typed) = cell.show(ui, value, unread, buffers, dates::format_slash, |s| {
        dates::parse_date(s)
    });
    (response.on_hover_text(text::DATE_HELP), typed)
}

/// A whole-number field (age, minutes, units); empty means none. Full-width digits read too.
pub fn number_cell_ui<T: std::str::FromStr + ToString + Copy + PartialEq>(
    ui: &mut Ui,
    id: Id,
    value: Option<T>,
    unread: Option<&str>,
    buffers: &mut EditBuffers,
    width: f32,
) -> (Response, Option<Typed<T>>) {
    let cell = TypedCell {
        id,
        width,
        hint: None,
        unreadable: text::NUMBER_UNREADABLE,
    };
    cell.show(
        ui,
        value,
        unread,
        buffers,
        |v| v.to_string(),
        |s| dates::fold_width(s.trim()).parse::<T>().ok(),
    )
}

/// A cell whose text is read as a value (date, number).
struct TypedCell {
    id: Id,
    width: f32,
    hint: Option<&'static str>,
    /// Said on hover while the text does not read.
    unreadable: &'static str,
}

impl TypedCell {
    fn show<T: Copy + PartialEq>(
        &self,
        ui: &mut Ui,
        value: Option<T>,
        unread: Option<&str>,
        buffers: &mut EditBuffers,
        format: impl Fn(T) -> String,
        read: impl Fn(&str) -> Option<T>,
    ) -> (Response, Option<Typed<T>>) {
        let id = self.id;
        let focused = ui.memory(|m| m.has_focus(id));
        let stored =
            || unread.map_or_else(|| value.map(&format).unwrap_or_default(), str::to_owned);
        let mut buffer = match buffers.texts.get(&id) {
            Some(text) if focused => text.clone(),
            _ => stored(),
        };
        let output = cell_edit(ui, id, &mut buffer, self.width, self.hint);
        let chars = buffer.chars().count();
        let response = select_all_on_focus(ui, output, chars);
        let typed = response.changed().then(|| Typed::read(&buffer, &read));
        let readable = !matches!(Typed::read(&buffer, &read), Typed::Unread(_));
        if response.has_focus() {
            buffers.texts.insert(id, buffer);
        } else {
            buffers.texts.remove(&id);
        }
        let response = if readable {
            response
        } else {
            mark_invalid_ui(ui, response, self.unreadable)
        };
        (response, typed)
    }
}

/// A placeholder that cannot be taken for a value: 「例 …」, small, italic and faint.
pub fn hint(ui: &Ui, example: &str) -> egui::RichText {
    egui::RichText::new(example)
        .italics()
        .small()
        .color(ui.visuals().weak_text_color().gamma_multiply(0.8))
}

/// Selects a field's whole content when it gains the focus, so typing replaces the number
/// (typing 90 into "60" gives 90, not 6090).
fn select_all_on_focus(ui: &Ui, output: egui::text_edit::TextEditOutput, chars: usize) -> Response {
    let egui::text_edit::TextEditOutput {
        response,
        mut state,
        ..
    } = output;
    if response.gained_focus() {
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(chars),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), response.id);
    }
    response.response
}

/// A pick-list of `options` plus 未選択 (its open list follows the keyboard, [`pick_keys`]);
/// returns the new choice when changed.
pub fn pick_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: Option<T>,
    options: &[T],
    label: impl Fn(T) -> &'static str,
    width: f32,
) -> (Response, Option<Option<T>>) {
    let mut choice = value;
    let shown = value.map_or(text::NOT_CHOSEN, &label);
    let choices: Vec<Option<T>> = std::iter::once(None)
        .chain(options.iter().copied().map(Some))
        .collect();
    let response = pick_keys::combo_ui(
        ui,
        id_salt,
        shown,
        Some(width),
        &mut choice,
        &choices,
        |c| c.map_or(text::NOT_CHOSEN, &label),
    );
    if response.has_focus()
        && let Some(typed) = typed_choice(ui, options, &label)
    {
        choice = Some(typed);
    }
    let changed = (choice != value).then_some(choice);
    (response, changed)
}

/// A choice made by typing into a focused pick-list, like in a spreadsheet: the option's number
/// (1, 2 … in list order, full-width digits too) or the start of its label (女, 治 …).
pub fn typed_choice<T: Copy, S: AsRef<str>>(
    ui: &Ui,
    options: &[T],
    label: impl Fn(T) -> S,
) -> Option<T> {
    let typed = dates::fold_width(&typed_text(ui)?);
    if typed.is_empty() {
        return None;
    }
    if let Ok(n) = typed.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| options.get(i)).copied();
    }
    options
        .iter()
        .copied()
        .find(|&o| label(o).as_ref().starts_with(typed.as_str()))
}

/// A form row: the label on the left (named for screen readers and tests), the field right.
pub fn form_row_ui(
    ui: &mut Ui,
    label: &str,
    issue: Option<&str>,
    add: impl FnOnce(&mut Ui) -> Response,
) -> Response {
    let label_response = ui
        .allocate_ui_with_layout(
            egui::vec2(tokens::LABEL_WIDTH, tokens::ROW_HEIGHT),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_width(tokens::LABEL_WIDTH);
                ui.label(label)
            },
        )
        .inner;
    let response = add(ui).labelled_by(label_response.id);
    let response = match issue {
        Some(reason) => mark_invalid_ui(ui, response, reason),
        None => response,
    };
    ui.end_row();
    response
}

/// Names a widget for screen readers (and UI tests) where no visible label sits beside it,
/// e.g. a table cell; the name is only built while accessibility is on.
pub fn name_widget(response: &Response, name: impl FnOnce() -> String) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name()));
}

/// A ✓ / ✗ mark in the meaning colours.
pub fn ok_mark_ui(ui: &mut Ui, ok: bool) -> Response {
    if ok {
        ui.colored_label(colour::OK, "○")
    } else {
        ui.colored_label(colour::ERROR, "×")
    }
}

/// A faint colour for secondary text.
pub fn faint(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}
