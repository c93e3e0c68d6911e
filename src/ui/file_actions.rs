//! The files behind the window: opening and saving application files (checked against saves
//! made elsewhere), the file chooser, the crash-recovery copy written after a pause, and what
//! waits for unsaved changes to be dealt with. The shell decides when; this module does the
//! file work and answers with what to show.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;

use super::conflict::{self, ConflictChoice, DiskWatch};
use super::document::{Document, Origin};
use super::file_chooser::{Chooser, Purpose};
use super::persist::{Recovery, Settings};
use super::text;
use crate::model::Application;
use crate::store::{self, Fingerprint, StoreError};

/// The recovery copy is written after this much idle time following a change.
const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);

/// Something to do once unsaved changes have been dealt with.
#[derive(Debug, Clone)]
pub enum Pending {
    /// A new application for this fiscal year.
    New(u16),
    /// Ask for a file and open it.
    OpenDialog,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open the built-in demo.
    Demo,
    /// Close the window.
    Quit,
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// Someone else saved the file: the conflict dialog is now shown, nothing was written.
    Conflict(StoreError),
    /// The file could not be written.
    Failed(StoreError),
}

impl SaveError {
    /// The message for the user (the store's Japanese sentence).
    pub fn message(&self) -> String {
        match self {
            SaveError::Conflict(e) | SaveError::Failed(e) => e.to_string(),
        }
    }
}

/// What the file watch has to tell the shell in this frame.
#[derive(Debug, Default)]
pub struct WatchOutcome {
    /// A message for the status bar.
    pub status: Option<String>,
    /// The user's answer to the conflict dialog.
    pub choice: Option<ConflictChoice>,
}

/// The state of the open file, the chooser and the recovery copy.
pub struct FileActions {
    recovery: Option<Recovery>,
    /// The document generation last written to the recovery copy.
    recovery_generation: Option<u64>,
    /// The native or in-app file chooser.
    pub chooser: Chooser,
    /// What to do once a save chosen in the in-app chooser has happened.
    pub after_save: Option<Pending>,
    /// The open file as last read or written here, watched for saves made elsewhere.
    watch: Option<DiskWatch>,
    /// A save found the file changed elsewhere: the conflict dialog is shown.
    conflict_open: bool,
}

impl FileActions {
    /// Files with the recovery copy in `data_dir` (none: no autosave, as in tests).
    pub fn new(data_dir: Option<PathBuf>, native_dialogs: bool) -> Self {
        Self {
            recovery: data_dir.map(Recovery::new),
            recovery_generation: None,
            chooser: Chooser::new(native_dialogs),
            after_save: None,
            watch: None,
            conflict_open: false,
        }
    }

    /// A recovery copy left by a crash, and the file it belongs to.
    pub fn pending_recovery(&self) -> Option<(Application, Option<PathBuf>)> {
        self.recovery.as_ref().and_then(Recovery::pending)
    }

    /// Reads an application file and puts it at the top of the recent files.
    pub fn load(
        path: &Path,
        settings: &mut Settings,
    ) -> Result<(Document, Fingerprint), StoreError> {
        let (app, fingerprint) = store::load_with_fingerprint(path)?;
        settings.remember(path);
        Ok((
            Document::new(app, Origin::File(path.to_path_buf())),
            fingerprint,
        ))
    }

    /// `doc` is now the open document: its file (as `known`, or as it is now) is watched.
    pub fn adopt(&mut self, doc: &Document, known: Option<Fingerprint>) {
        self.watch = match &doc.origin {
            Origin::File(p) => Some(DiskWatch::new(
                p,
                known.or_else(|| Fingerprint::current(p, None)),
            )),
            Origin::Demo | Origin::Untitled => None,
        };
        self.conflict_open = false;
        self.recovery_generation = None;
    }

    /// Removes the recovery copy (the work it held is saved or deliberately dropped).
    pub fn discard_recovery(&self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
    }

    /// Saves `doc` to `path` and makes it the document's file; returns the status message. The
    /// open file is saved only if nobody else has saved it since it was opened or last saved
    /// here; otherwise the conflict dialog is opened and nothing is written.
    pub fn save_to(
        &mut self,
        doc: &mut Document,
        path: &Path,
        settings: &mut Settings,
    ) -> Result<String, SaveError> {
        let expected = match self.watch.as_ref().filter(|w| w.path() == path) {
            Some(w) => w.known().cloned(),
            // Another file (save as): the file chooser has already asked about replacing it.
            None => Fingerprint::current(path, None),
        };
        self.save_expecting(doc, path, expected.as_ref(), settings)
    }

    /// Saves over the open file whatever it holds now (the conflict dialog's 上書き).
    pub fn overwrite(
        &mut self,
        doc: &mut Document,
        settings: &mut Settings,
    ) -> Option<Result<String, SaveError>> {
        let path = self.watched_path()?;
        let now = Fingerprint::current(&path, None);
        Some(self.save_expecting(doc, &path, now.as_ref(), settings))
    }

    fn save_expecting(
        &mut self,
        doc: &mut Document,
        path: &Path,
        expected: Option<&Fingerprint>,
        settings: &mut Settings,
    ) -> Result<String, SaveError> {
        match store::save_checked(doc.app(), path, expected) {
            Err(e @ StoreError::ChangedOnDisk { .. }) => {
                self.conflict_open = true;
                Err(SaveError::Conflict(e))
            }
            Err(e) => Err(SaveError::Failed(e)),
            Ok(fingerprint) => {
                self.watch = Some(DiskWatch::new(path, Some(fingerprint)));
                doc.mark_saved(Origin::File(path.to_path_buf()));
                settings.remember(path);
                self.discard_recovery();
                Ok(text::saved(&path.display().to_string()))
            }
        }
    }

    /// Whether a save is waiting on the 再読み込み / 上書き / 別名で保存 choice.
    pub fn conflict_pending(&self) -> bool {
        self.conflict_open
    }

    /// The conflict has been answered.
    pub fn close_conflict(&mut self) {
        self.conflict_open = false;
    }

    /// The watched file, if the document has one.
    pub fn watched_path(&self) -> Option<PathBuf> {
        self.watch.as_ref().map(|w| w.path().to_path_buf())
    }

    /// Whether someone else has saved the open file since it was read or saved here (as last
    /// seen; `check_now` looks at the file first).
    pub fn changed_elsewhere(&mut self, check_now: bool) -> bool {
        match &mut self.watch {
            Some(w) => {
                if check_now {
                    w.check_now();
                }
                w.changed_elsewhere
            }
            None => false,
        }
    }

    /// Watches the open file (a message when a change made elsewhere is seen, and again while
    /// the status bar is `quiet`) and shows the conflict dialog when a save needs a choice.
    pub fn watch_ui(&mut self, ctx: &egui::Context, quiet: bool) -> WatchOutcome {
        let mut outcome = WatchOutcome::default();
        if let Some(w) = &mut self.watch {
            if w.poll() || (w.changed_elsewhere && quiet) {
                outcome.status = Some(text::changed_elsewhere(&w.path().display().to_string()));
            }
            ctx.request_repaint_after(conflict::POLL_EVERY);
        }
        if self.conflict_open
            && let Some(path) = self.watched_path()
        {
            outcome.choice = conflict::conflict_dialog_ui(ctx, &path);
        }
        outcome
    }

    /// Writes the recovery copy once the user has paused for a few seconds; returns the status
    /// message when it was written (or could not be).
    pub fn autosave(&mut self, doc: &Document, ctx: &egui::Context) -> Option<String> {
        let recovery = self.recovery.as_ref()?;
        if !doc.is_dirty() || self.recovery_generation == Some(doc.generation()) {
            return None;
        }
        let idle = doc.last_change?.elapsed();
        if idle < AUTOSAVE_IDLE {
            ctx.request_repaint_after(AUTOSAVE_IDLE - idle);
            return None;
        }
        let origin = match &doc.origin {
            Origin::File(p) => Some(p.as_path()),
            Origin::Demo | Origin::Untitled => None,
        };
        let message = match recovery.write(doc.app(), origin) {
            Ok(()) => text::RECOVERY_WRITTEN.to_owned(),
            Err(e) => format!("{}: {e}", text::RECOVERY_FAILED),
        };
        self.recovery_generation = Some(doc.generation());
        Some(message)
    }

    /// Asks for a path for `purpose`, starting in `start`: the native dialog's answer now, or
    /// None while the in-app chooser is shown (its answer comes from the chooser's `show_ui`).
    /// The second value is a notice for the status bar.
    pub fn pick(
        &mut self,
        purpose: Purpose,
        start: Option<&Path>,
        recent: &[PathBuf],
    ) -> (Option<PathBuf>, Option<String>) {
        let path = self
            .chooser
            .pick(purpose, start, text::DEFAULT_FILE_NAME, recent);
        (path, self.chooser.notice.take())
    }

    /// Forgets what waited for a save once the chooser is closed: the save was cancelled (or
    /// done), and what waited must not run later.
    pub fn settle_after_save(&mut self) {
        if !self.chooser.is_open() {
            self.after_save = None;
        }
    }
}
