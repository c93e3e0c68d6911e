//! One module per page of the side navigation, and a small form helper they share.

pub mod applicant;
pub mod cases;
pub mod credits;
pub mod export;
pub mod summary;
pub mod work;

use chrono::NaiveDate;
use eframe::egui::{self, Id, Response, Ui};

use super::context::{PageContext, Target};
use super::pick_keys;
use super::text;
use super::tokens::{self, colour};
use super::widgets::{self, EditBuffers};
use crate::model::{CreditKind, Unread};
use crate::rules::{FieldPath, Report};

/// The messages of every finding about `path`, one per line.
pub fn issues_at(report: Option<&Report>, path: FieldPath) -> Option<String> {
    let messages: Vec<&str> = report?
        .findings
        .iter()
        .filter(|f| f.path == path)
        .map(|f| f.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join("\n"))
}

/// The switch between the cases and the 「C.自己学習」 that stands in for them, where the
/// year allows it (or some were recorded); whether the self-study credits are to be shown.
pub fn record_switch_ui(ui: &mut Ui, cx: &PageContext<'_>, self_study: &mut bool) -> bool {
    let app = cx.doc.app();
    let allowed = cx.doc.rules().is_ok_and(|r| r.self_study.is_some());
    let recorded = app
        .credits
        .iter()
        .filter(|c| c.kind == CreditKind::SelfStudy)
        .count();
    if !allowed && recorded == 0 {
        *self_study = false;
        return false;
    }
    // A finding that points to a self-study credit opens its table.
    if let Some(Target {
        path: FieldPath::Credit(i, _),
        ..
    }) = cx.target.as_ref().copied()
    {
        *self_study = app
            .credits
            .get(i)
            .is_some_and(|c| c.kind == CreditKind::SelfStudy);
    }
    ui.add_space(tokens::GAP);
    ui.horizontal(|ui| {
        let cases = format!("{}　{}例", text::RECORD_CASES, app.cases.len());
        let study = format!("{}　{recorded}件", text::RECORD_SELF_STUDY);
        ui.selectable_value(self_study, false, cases);
        ui.selectable_value(self_study, true, study);
    });
    *self_study
}

/// The label of a form row: the field's own label (within its section for the applicant's
/// addresses).
fn row_label(path: FieldPath) -> &'static str {
    match path {
        FieldPath::Application(field) => field.label(),
        FieldPath::Applicant(field) => field.row_label(),
        FieldPath::Workplace(_, field) => field.label(),
        FieldPath::Pause(_, field) => field.label(),
        FieldPath::Case(_, field) => field.label(),
        FieldPath::Credit(_, field) => field.label(),
        FieldPath::Total | FieldPath::Font | FieldPath::Category(_) | FieldPath::Topic(_) => "",
    }
}

/// Draws labelled form rows inside an `egui::Grid`, marks fields with findings, scrolls to the
/// field a finding pointed to, and remembers which field changed.
pub struct Form<'a> {
    /// The Report whose findings mark the fields.
    pub report: Option<&'a Report>,
    /// The field to highlight.
    pub target: &'a mut Option<Target>,
    /// The text of the date or number field being typed.
    pub buffers: &'a mut EditBuffers,
    /// The field changed in this frame.
    pub changed: Option<FieldPath>,
    /// Tells apart the fields of several forms of the same kind (e.g. one per workplace).
    pub salt: usize,
}

impl Form<'_> {
    fn finish_row_ui(&mut self, ui: &Ui, path: FieldPath, response: &Response) {
        if let Some(target) = self.target.as_mut()
            && target.path == path
        {
            ui.painter()
                .rect_filled(response.rect.expand(3.0), 3.0, colour::HIGHLIGHT);
            if target.scroll {
                response.scroll_to_me(Some(egui::Align::Center));
                response.request_focus();
                target.scroll = false;
            }
        }
    }

    fn row(
        &mut self,
        ui: &mut Ui,
        path: FieldPath,
        add: impl FnOnce(&mut Ui, &mut EditBuffers) -> Response,
    ) {
        let issue = issues_at(self.report, path);
        let buffers = &mut *self.buffers;
        let response =
            widgets::form_row_ui(ui, row_label(path), issue.as_deref(), |ui| add(ui, buffers));
        self.finish_row_ui(ui, path, &response);
    }

    /// A form row whose widget reports whether it changed the value; remembers `path` if so.
    fn field_row(
        &mut self,
        ui: &mut Ui,
        path: FieldPath,
        add: impl FnOnce(&mut Ui, &mut EditBuffers) -> (Response, bool),
    ) {
        let mut changed = false;
        self.row(ui, path, |ui, buffers| {
            let (response, edited) = add(ui, buffers);
            changed = edited;
            response
        });
        if changed {
            self.changed = Some(path);
        }
    }

    /// A text field.
    pub fn text_ui(&mut self, ui: &mut Ui, path: FieldPath, value: &mut String) {
        self.field_row(ui, path, |ui, _| {
            let (response, new) = widgets::text_cell_ui(ui, value, tokens::FIELD_WIDTH);
            let edited = new.is_some();
            if let Some(new) = new {
                *value = new;
            }
            (response, edited)
        });
    }

    /// A date field; text that does not read as a date is kept in `unread` under `field`.
    pub fn date_ui<F: Ord + Copy>(
        &mut self,
        ui: &mut Ui,
        path: FieldPath,
        value: &mut Option<NaiveDate>,
        (unread, field): (&mut Unread<F>, F),
    ) {
        let id = Id::unique(("form-date", self.salt, path));
        self.field_row(ui, path, |ui, buffers| {
            let shown = unread.get(&field).cloned();
            let (response, typed) = widgets::date_cell_ui(
                ui,
                id,
                *value,
                shown.as_deref(),
                buffers,
                tokens::DATE_WIDTH,
            );
            let changed = typed.is_some_and(|t| t.store(value, unread, field));
            (response, changed)
        });
    }

    /// A pick-list.
    pub fn pick_ui<T: Copy + PartialEq, S: Into<egui::WidgetText>>(
        &mut self,
        ui: &mut Ui,
        path: FieldPath,
        value: &mut T,
        options: &[T],
        name: impl Fn(T) -> S,
    ) {
        let salt = self.salt;
        self.field_row(ui, path, |ui, _| {
            let mut choice = *value;
            let shown = name(choice);
            let response = pick_keys::combo_ui(
                ui,
                ("form-pick", salt, path),
                shown,
                Some(tokens::FIELD_WIDTH - 8.0),
                &mut choice,
                options,
                &name,
            );
            (response, replace_if_new(value, Some(choice)))
        });
    }

    /// A check box, its text beside it.
    pub fn check_ui(&mut self, ui: &mut Ui, path: FieldPath, value: &mut bool, text: &str) {
        self.field_row(ui, path, |ui, _| {
            let mut checked = *value;
            let response = ui.checkbox(&mut checked, text);
            (response, replace_if_new(value, Some(checked)))
        });
    }

    /// A whole-number field; text that does not read as a number is kept in `unread`.
    pub fn number_ui<T: std::str::FromStr + ToString + Copy + PartialEq, F: Ord + Copy>(
        &mut self,
        ui: &mut Ui,
        path: FieldPath,
        value: &mut Option<T>,
        (unread, field): (&mut Unread<F>, F),
    ) {
        let id = Id::unique(("form-number", self.salt, path));
        self.field_row(ui, path, |ui, buffers| {
            let shown = unread.get(&field).cloned();
            let (response, typed) =
                widgets::number_cell_ui(ui, id, *value, shown.as_deref(), buffers, 80.0);
            let changed = typed.is_some_and(|t| t.store(value, unread, field));
            (response, changed)
        });
    }
}

/// A section heading with space above.
pub fn section_ui(ui: &mut Ui, title: &str) {
    ui.add_space(tokens::SECTION_GAP);
    ui.heading(title);
    ui.add_space(tokens::GAP);
}

/// Stores `new` when there is one and it differs; whether the value changed.
fn replace_if_new<T: PartialEq>(value: &mut T, new: Option<T>) -> bool {
    match new {
        Some(new) if new != *value => {
            *value = new;
            true
        }
        _ => false,
    }
}
