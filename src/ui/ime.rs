//! Follows the input method (IME) so that the Enter which confirms a Japanese conversion does not
//! also act (add a row, move on). Integrations deliver the commit and the key in either order.

use eframe::egui::{self, Key};

/// What the IME did lately.
#[derive(Debug, Default)]
pub struct ImeTracker {
    composing: bool,
    just_committed: bool,
}

impl ImeTracker {
    /// Reads this frame's events; whether Enter may act in it. An Enter is taken as a
    /// confirmation while a conversion is open, in the frame of a commit, and as the first key
    /// after a commit.
    pub fn enter_allowed(&mut self, ctx: &egui::Context) -> bool {
        let mut enter_allowed = !self.composing;
        ctx.input(|i| {
            for event in &i.events {
                match event {
                    egui::Event::Ime(ime) => {
                        enter_allowed = false;
                        match ime {
                            egui::ImeEvent::Preedit { text, .. } => {
                                self.composing = !text.is_empty();
                                self.just_committed = false;
                            }
                            egui::ImeEvent::Commit(_) => {
                                self.composing = false;
                                self.just_committed = true;
                            }
                            _ => self.composing = false,
                        }
                    }
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => {
                        if *key == Key::Enter && self.just_committed {
                            enter_allowed = false;
                        }
                        self.just_committed = false;
                    }
                    egui::Event::Text(_) => self.just_committed = false,
                    _ => {}
                }
            }
        });
        enter_allowed
    }
}
