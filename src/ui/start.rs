//! The start screen, shown when the app starts without a file: what to do first, each choice a
//! large button reachable with Tab, and the files used lately.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::{text, tokens};

/// What the user chose on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartChoice {
    /// 新規作成.
    New,
    /// 開く.
    Open,
    /// 表から取り込む: a new application, straight into the import window.
    FromTable,
    /// 見本を見る.
    Demo,
    /// One of the files used lately.
    Recent(PathBuf),
}

/// Draws the start screen; the choice made, if any. `may_focus`: nothing else (a dialog, the
/// file chooser) wants the keyboard, so the first button may take it.
pub fn start_ui(ui: &mut Ui, recent: &[PathBuf], may_focus: bool) -> Option<StartChoice> {
    ui.add_space(tokens::SECTION_GAP * 2.0);
    ui.vertical_centered(|ui| {
        ui.heading(text::START_TITLE);
        ui.label(text::START_LEAD);
    });
    ui.add_space(tokens::SECTION_GAP);
    let first_frame = !ui.ctx().memory(|m| m.focused().is_some());
    let mut choice = None;
    ui.vertical_centered(|ui| {
        ui.set_max_width(520.0);
        let big = |label: &str| {
            egui::Button::new(egui::RichText::new(label).size(18.0).strong())
                .min_size(egui::vec2(260.0, 40.0))
        };
        for (i, (label, note, chosen)) in [
            (text::START_NEW, text::START_NEW_NOTE, StartChoice::New),
            (text::START_OPEN, text::START_OPEN_NOTE, StartChoice::Open),
            (
                text::START_IMPORT,
                text::START_IMPORT_NOTE,
                StartChoice::FromTable,
            ),
            (text::START_DEMO, text::START_DEMO_NOTE, StartChoice::Demo),
        ]
        .into_iter()
        .enumerate()
        {
            let response = ui.add(big(label));
            if i == 0 && first_frame && may_focus {
                response.request_focus();
            }
            ui.label(egui::RichText::new(note).color(ui.visuals().weak_text_color()));
            ui.add_space(tokens::GAP);
            if response.clicked() {
                choice = Some(chosen);
            }
        }
        if !recent.is_empty() {
            ui.add_space(tokens::SECTION_GAP);
            ui.label(egui::RichText::new(text::START_RECENT).strong());
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    choice = Some(StartChoice::Recent(path.clone()));
                }
            }
        }
    });
    choice
}
