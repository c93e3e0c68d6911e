//! Someone else saved the open file: the file is watched while open (every couple of seconds,
//! cheaply by time and size), a save checks it is still as it was opened or last saved, and a
//! small dialog offers 再読み込み / 上書き / 別名で保存 instead of overwriting their work unseen.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

use super::{text, tokens};
use crate::store::Fingerprint;

/// How often the open file is looked at.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// The open file as this window last read or wrote it.
#[derive(Debug, Clone)]
pub struct DiskWatch {
    path: PathBuf,
    known: Option<Fingerprint>,
    last_poll: Instant,
    /// Someone else's save has been seen and not yet dealt with.
    pub changed_elsewhere: bool,
}

impl DiskWatch {
    /// Watches `path`, which looks like `known` now (`None`: not on disk yet).
    pub fn new(path: &Path, known: Option<Fingerprint>) -> DiskWatch {
        DiskWatch {
            path: path.to_path_buf(),
            known,
            last_poll: Instant::now(),
            changed_elsewhere: false,
        }
    }

    /// The watched file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the file looked like when this window last read or wrote it.
    pub fn known(&self) -> Option<&Fingerprint> {
        self.known.as_ref()
    }

    /// Looks at the file if [`POLL_EVERY`] has passed; true the first time a change made
    /// elsewhere is seen.
    pub fn poll(&mut self) -> bool {
        if self.last_poll.elapsed() < POLL_EVERY {
            return false;
        }
        self.check_now()
    }

    /// Looks at the file now; true the first time a change made elsewhere is seen.
    pub fn check_now(&mut self) -> bool {
        self.last_poll = Instant::now();
        if self.changed_elsewhere {
            return false;
        }
        let now = Fingerprint::current(&self.path, self.known.as_ref());
        let same = match (&self.known, &now) {
            (Some(k), Some(n)) => k.same_content(n),
            (None, None) => true,
            _ => false,
        };
        if same {
            // A save of the same content (or a touch) moves the time: remember the new one.
            if now.is_some() {
                self.known = now;
            }
            return false;
        }
        self.changed_elsewhere = true;
        true
    }

    /// This window has just read or written the file.
    pub fn synced(&mut self, now: Option<Fingerprint>) {
        self.known = now;
        self.changed_elsewhere = false;
        self.last_poll = Instant::now();
    }
}

/// The user's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Read the file again, dropping the changes made here.
    Reload,
    /// Save over the other person's version.
    Overwrite,
    /// Save these changes under another name.
    SaveAs,
    /// Decide later.
    Cancel,
}

/// The conflict dialog; returns the choice once one is made.
pub fn conflict_dialog_ui(ctx: &egui::Context, path: &Path) -> Option<ConflictChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("conflict_dialog")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(text::CONFLICT_TITLE);
        ui.label(text::conflict_text(&path.display().to_string()));
        ui.add_space(tokens::GAP);
        ui.horizontal(|ui| {
            for (label, c) in [
                (text::CONFLICT_RELOAD, ConflictChoice::Reload),
                (text::CONFLICT_OVERWRITE, ConflictChoice::Overwrite),
                (text::CONFLICT_SAVE_AS, ConflictChoice::SaveAs),
                (text::CANCEL, ConflictChoice::Cancel),
            ] {
                if ui.button(label).clicked() {
                    choice = Some(c);
                }
            }
        });
    });
    if choice.is_none() && modal.should_close() {
        choice = Some(ConflictChoice::Cancel);
    }
    choice
}
