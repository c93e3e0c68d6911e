//! The modal dialogs of the main window: the fiscal year of a new application, unsaved changes,
//! the recovery copy and errors. Each returns the user's answer; the shell acts on it.

use std::path::PathBuf;

use eframe::egui;

use super::file_actions::Pending;
use super::pick_keys;
use super::{text, tokens};
use crate::model::Application;
use crate::rules;

/// A modal dialog.
pub enum Dialog {
    /// 新規作成: which fiscal year (the one shown).
    NewYear(u16),
    /// Unsaved changes before `Pending` can run.
    Unsaved(Pending),
    /// A recovery copy left by a crash, and the file it belongs to.
    Recovery(Box<Application>, Option<PathBuf>),
    /// Something went wrong (the message).
    Error(String),
}

/// What the user chose in a dialog.
pub enum Answer {
    /// Create a new application for this fiscal year.
    Create(u16),
    /// Save, then do what waited.
    SaveThen(Pending),
    /// Drop the changes and do what waited.
    DiscardThen(Pending),
    /// Continue with the recovery copy.
    Recover(Box<Application>, Option<PathBuf>),
    /// Throw the recovery copy away.
    DropRecovery,
}

/// Draws `dialog` if one is open; returns the answer once the user gives one (the dialog is
/// then closed).
pub fn dialog_ui(ctx: &egui::Context, dialog: &mut Option<Dialog>) -> Option<Answer> {
    let shown = dialog.take()?;
    let mut keep = true;
    let mut answer = None;
    let mut year_shown = None;
    let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match &shown {
            Dialog::NewYear(year) => {
                let mut year = *year;
                ui.heading(text::NEW_TITLE);
                let question = ui.label(text::NEW_QUESTION);
                let years = rules::known_years();
                let shown = text::fiscal_year_with_status(year);
                let combo = pick_keys::combo_ui(
                    ui,
                    "new_year",
                    shown,
                    None,
                    &mut year,
                    &years,
                    text::fiscal_year_with_status,
                )
                .labelled_by(question.id);
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    let create = ui.button(text::CREATE);
                    if create.clicked() {
                        keep = false;
                        answer = Some(Answer::Create(year));
                    }
                    let cancel = ui.button(text::CANCEL);
                    if cancel.clicked() {
                        keep = false;
                    }
                    let focused = ui.memory(|m| m.focused());
                    if !focused.is_some_and(|f| [combo.id, create.id, cancel.id].contains(&f)) {
                        // Enter creates at once; Tab reaches the year and キャンセル.
                        create.request_focus();
                    }
                });
                year_shown = Some(year);
            }
            Dialog::Unsaved(pending) => {
                ui.heading(text::UNSAVED_TITLE);
                ui.label(text::UNSAVED_QUESTION);
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    if ui.button(text::SAVE_AND_CONTINUE).clicked() {
                        keep = false;
                        answer = Some(Answer::SaveThen(pending.clone()));
                    }
                    if ui.button(text::DISCARD).clicked() {
                        keep = false;
                        answer = Some(Answer::DiscardThen(pending.clone()));
                    }
                    if ui.button(text::CANCEL).clicked() {
                        keep = false;
                    }
                });
            }
            Dialog::Recovery(app, origin) => {
                ui.heading(text::RECOVERY_TITLE);
                ui.label(text::RECOVERY_TEXT);
                if let Some(p) = origin {
                    ui.label(p.display().to_string());
                }
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    if ui.button(text::RECOVER).clicked() {
                        keep = false;
                        answer = Some(Answer::Recover(app.clone(), origin.clone()));
                    }
                    if ui.button(text::RECOVERY_DISCARD).clicked() {
                        keep = false;
                        answer = Some(Answer::DropRecovery);
                    }
                });
            }
            Dialog::Error(message) => {
                ui.heading(text::ERROR_TITLE);
                // The system's own words, for whoever helps, under the sentence and smaller.
                let (sentence, detail) = crate::oserror::split_detail(message);
                ui.label(sentence);
                if let Some(detail) = detail {
                    ui.add_space(tokens::GAP);
                    ui.label(
                        egui::RichText::new(format!("{}{detail}", crate::oserror::DETAIL))
                            .small()
                            .weak(),
                    );
                }
                ui.add_space(tokens::GAP);
                if ui.button(text::OK).clicked() {
                    keep = false;
                }
            }
        }
    });
    let dismissed = modal.should_close() && matches!(shown, Dialog::Error(_));
    if keep && !dismissed {
        *dialog = Some(match (shown, year_shown) {
            (Dialog::NewYear(_), Some(year)) => Dialog::NewYear(year),
            (other, _) => other,
        });
    }
    answer
}
