//! Choosing files and folders. The desktop's own dialog (rfd) where there is one; where there
//! is none — on Linux rfd talks to the XDG desktop portal, and without a portal every dialog
//! returns nothing at once — an in-app chooser instead: a typed path, the folder's listing and
//! the recent folders, all reachable by keyboard. The in-app chooser can also be chosen on
//! purpose (menu 表示, or `JSOG_RENEWAL_IN_APP_DIALOGS`).
//!
//! Why not `egui-file-dialog`: its newest release (0.15.0) is built on egui 0.36, and a second
//! egui in the tree cannot draw into this program's egui 0.37 context. Its labels can be
//! Japanese, its folders pinned, so it would do most of this; what ours does that it does not
//! is kept to three things: the office's purposes (a folder to be made by the export, an output
//! folder that must not be the application's), the recent folders from our own settings, and
//! every control named for screen readers and the UI tests. Worth taking again when it follows
//! egui.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, RichText, Ui};

use super::text;
use super::tokens;

/// Set to any value: always use the in-app chooser.
pub const IN_APP_ENV: &str = "JSOG_RENEWAL_IN_APP_DIALOGS";
/// A native dialog that comes back empty faster than this never showed: no dialog service.
const NATIVE_TOO_FAST: Duration = Duration::from_millis(250);
/// Entries listed at most (a folder of many thousand files stays quick to draw).
const LISTED_MAX: usize = 500;

/// What a file is chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An application file to open.
    Open,
    /// Where to save the application file.
    SaveAs,
    /// A spreadsheet to import.
    Import,
    /// The folder the PDF bundle is written into.
    ExportFolder,
    /// The office page's folder of application files.
    OfficeFolder,
    /// The folder the office page's batch export writes into.
    OfficeOutput,
}

impl Purpose {
    /// Whether choosing a folder that does not exist yet is fine (the export makes it).
    fn creates_folder(self) -> bool {
        matches!(self, Purpose::ExportFolder | Purpose::OfficeOutput)
    }

    fn title(self) -> &'static str {
        match self {
            Purpose::Open => text::CHOOSER_OPEN,
            Purpose::SaveAs => text::CHOOSER_SAVE,
            Purpose::Import => text::CHOOSER_IMPORT,
            Purpose::ExportFolder | Purpose::OfficeOutput => text::CHOOSER_FOLDER,
            Purpose::OfficeFolder => text::CHOOSER_OFFICE,
        }
    }

    /// File name endings shown in the listing (none: folders only).
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::Open | Purpose::SaveAs => &["ron"],
            Purpose::Import => &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
            Purpose::ExportFolder | Purpose::OfficeFolder | Purpose::OfficeOutput => &[],
        }
    }

    fn wants_folder(self) -> bool {
        matches!(
            self,
            Purpose::ExportFolder | Purpose::OfficeFolder | Purpose::OfficeOutput
        )
    }
}

/// The outcome of asking the desktop's dialog.
enum Native {
    Chosen(PathBuf),
    Cancelled,
    Unavailable,
}

/// Whether the desktop is likely to have a file-dialog service at all.
pub fn native_dialogs_available() -> bool {
    if std::env::var_os(IN_APP_ENV).is_some() {
        return false;
    }
    // On Linux rfd needs the XDG portal, reached over the session bus.
    !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// The file and folder choosing of the app: the native dialog while it works, else the
/// in-app chooser.
#[derive(Debug, Default)]
pub struct Chooser {
    /// Use the desktop's dialog (false: always the in-app chooser).
    pub native: bool,
    /// The in-app chooser being shown.
    open: Option<InAppChooser>,
    /// A message for the status bar (e.g. that the in-app chooser replaced the native one).
    pub notice: Option<String>,
}

impl Chooser {
    /// A chooser that uses the desktop's dialog when `native`.
    pub fn new(native: bool) -> Self {
        Self {
            native,
            ..Self::default()
        }
    }

    /// Whether the in-app chooser is on screen.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Asks for a path for `purpose`, starting in `start` (a folder), suggesting `file_name`
    /// when saving. Returns the path at once when the native dialog answered; otherwise the
    /// in-app chooser opens and [`Chooser::show_ui`] returns the choice later.
    pub fn pick(
        &mut self,
        purpose: Purpose,
        start: Option<&Path>,
        file_name: &str,
        recent: &[PathBuf],
    ) -> Option<PathBuf> {
        if self.native {
            match native_pick(purpose, start, file_name) {
                Native::Chosen(path) => return Some(path),
                Native::Cancelled => return None,
                Native::Unavailable => {
                    self.native = false;
                    self.notice = Some(text::CHOOSER_NO_SERVICE.to_owned());
                }
            }
        }
        self.open_in_app(purpose, start, file_name, recent);
        None
    }

    /// Opens the in-app chooser (also used on purpose, without trying the native dialog).
    pub fn open_in_app(
        &mut self,
        purpose: Purpose,
        start: Option<&Path>,
        file_name: &str,
        recent: &[PathBuf],
    ) {
        let dir = start
            .map(Path::to_path_buf)
            .or_else(|| {
                recent
                    .first()
                    .and_then(|p| p.parent())
                    .map(Path::to_path_buf)
            })
            .or_else(home_dir)
            .unwrap_or_else(|| PathBuf::from("."));
        let mut folders: Vec<PathBuf> = Vec::new();
        for p in recent {
            let folder = if p.is_dir() {
                Some(p.clone())
            } else {
                p.parent().map(Path::to_path_buf)
            };
            if let Some(f) = folder
                && !folders.contains(&f)
            {
                folders.push(f);
            }
        }
        let typed = if purpose == Purpose::SaveAs {
            dir.join(file_name).display().to_string()
        } else {
            with_separator(&dir)
        };
        // A start folder that is not there yet (the export's default, a folder since moved):
        // show the nearest one that is, keep the intended path typed, and say what happens.
        let shown = dir
            .ancestors()
            .find(|a| a.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dir.clone());
        let mut chooser = InAppChooser {
            purpose,
            dir: shown.clone(),
            typed,
            entries: Vec::new(),
            error: None,
            note: None,
            recent_folders: folders,
            focus_typed: true,
        };
        chooser.list();
        if shown != dir && chooser.error.is_none() {
            chooser.note = Some(text::chooser_not_yet(&dir, purpose.creates_folder()));
        }
        self.open = Some(chooser);
    }

    /// Draws the in-app chooser when open; returns the purpose and the path once chosen.
    pub fn show_ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        let chooser = self.open.as_mut()?;
        let mut outcome = Outcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("in-app-chooser")).show(ctx, |ui| {
            outcome = chooser.ui(ui);
        });
        if modal.should_close() && matches!(outcome, Outcome::Open) {
            outcome = Outcome::Cancelled;
        }
        match outcome {
            Outcome::Open => None,
            Outcome::Cancelled => {
                self.open = None;
                None
            }
            Outcome::Chosen(path) => {
                let purpose = chooser.purpose;
                self.open = None;
                Some((purpose, path))
            }
        }
    }
}

/// The native dialog, timed: an empty answer faster than a person could cancel means no
/// dialog service.
fn native_pick(purpose: Purpose, start: Option<&Path>, file_name: &str) -> Native {
    let mut dialog = rfd::FileDialog::new();
    if let Some(dir) = start {
        dialog = dialog.set_directory(dir);
    }
    if !purpose.wants_folder() {
        let name = if purpose == Purpose::Import {
            text::SHEET_FILTER
        } else {
            text::FILE_FILTER
        };
        dialog = dialog.add_filter(name, purpose.extensions());
    }
    let asked = Instant::now();
    let chosen = match purpose {
        Purpose::Open | Purpose::Import => dialog.pick_file(),
        Purpose::SaveAs => dialog.set_file_name(file_name).save_file(),
        Purpose::ExportFolder | Purpose::OfficeFolder | Purpose::OfficeOutput => {
            dialog.pick_folder()
        }
    };
    match chosen {
        Some(path) => Native::Chosen(path),
        None if asked.elapsed() < NATIVE_TOO_FAST => Native::Unavailable,
        None => Native::Cancelled,
    }
}

enum Outcome {
    Open,
    Cancelled,
    Chosen(PathBuf),
}

/// One entry of the listing.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

/// The in-app chooser's state.
#[derive(Debug)]
struct InAppChooser {
    purpose: Purpose,
    dir: PathBuf,
    typed: String,
    entries: Vec<Entry>,
    error: Option<String>,
    /// A remark that is not an error (the start folder is not there yet).
    note: Option<String>,
    recent_folders: Vec<PathBuf>,
    focus_typed: bool,
}

impl InAppChooser {
    /// Reads the listing of `dir`: folders first, then the files of the purpose, by name.
    fn list(&mut self) {
        self.entries.clear();
        self.error = None;
        self.note = None;
        let read = match std::fs::read_dir(&self.dir) {
            Ok(read) => read,
            Err(e) => {
                self.error = Some(text::chooser_unreadable(&self.dir, &e));
                return;
            }
        };
        let extensions = self.purpose.extensions();
        for entry in read.filter_map(Result::ok).take(LISTED_MAX * 4) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let is_dir = path.is_dir();
            let wanted = is_dir
                || (!self.purpose.wants_folder()
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e))));
            if wanted {
                self.entries.push(Entry { name, path, is_dir });
            }
        }
        self.entries
            .sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
        self.entries.truncate(LISTED_MAX);
    }

    fn go_to(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.typed = if self.purpose == Purpose::SaveAs {
            let name = Path::new(&self.typed)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.dir.join(name).display().to_string()
        } else {
            with_separator(&self.dir)
        };
        self.list();
        self.focus_typed = true;
    }

    /// What the typed path means: go into a folder, or the choice.
    fn accept_typed(&mut self) -> Outcome {
        let typed = self.typed.trim();
        if typed.is_empty() {
            return Outcome::Open;
        }
        let mut path = PathBuf::from(typed);
        if path.is_relative() {
            path = self.dir.join(path);
        }
        let is_dir = path.is_dir();
        match self.purpose {
            Purpose::OfficeFolder => {
                if is_dir {
                    Outcome::Chosen(path)
                } else {
                    self.error = Some(text::CHOOSER_NOT_FOLDER.to_owned());
                    Outcome::Open
                }
            }
            Purpose::ExportFolder | Purpose::OfficeOutput => {
                // A folder that does not exist yet is created by the export.
                if is_dir || !path.exists() {
                    Outcome::Chosen(path)
                } else {
                    self.error = Some(text::CHOOSER_NOT_FOLDER.to_owned());
                    Outcome::Open
                }
            }
            _ if is_dir => {
                self.go_to(path);
                Outcome::Open
            }
            Purpose::SaveAs => {
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                if path.parent().is_some_and(Path::is_dir) {
                    Outcome::Chosen(path)
                } else {
                    self.error = Some(text::CHOOSER_NO_FOLDER.to_owned());
                    Outcome::Open
                }
            }
            Purpose::Open | Purpose::Import => {
                if path.is_file() {
                    Outcome::Chosen(path)
                } else {
                    self.error = Some(text::CHOOSER_NO_FILE.to_owned());
                    Outcome::Open
                }
            }
        }
    }

    fn ui(&mut self, ui: &mut Ui) -> Outcome {
        ui.set_width(560.0);
        ui.heading(self.purpose.title());
        ui.label(
            RichText::new(text::CHOOSER_KEYS)
                .small()
                .color(ui.visuals().weak_text_color()),
        );
        ui.add_space(tokens::GAP);
        let mut outcome = Outcome::Open;
        let label = ui.label(if self.purpose == Purpose::SaveAs {
            text::CHOOSER_FILE_NAME
        } else {
            text::CHOOSER_PATH
        });
        let typed = ui
            .add(
                egui::TextEdit::singleline(&mut self.typed)
                    .id(egui::Id::unique("in-app-chooser-path"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if self.focus_typed {
            typed.request_focus();
            self.focus_typed = false;
        }
        if typed.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            outcome = self.accept_typed();
            if matches!(outcome, Outcome::Open) {
                self.focus_typed = true;
            }
        }
        if let Some(e) = &self.error {
            ui.colored_label(tokens::colour::ERROR, e);
        } else if let Some(n) = &self.note {
            ui.label(n);
        }
        ui.add_space(tokens::GAP);
        ui.horizontal(|ui| {
            ui.label(RichText::new(self.dir.display().to_string()).monospace());
            if let Some(parent) = self.dir.parent().map(Path::to_path_buf)
                && ui.button(text::CHOOSER_UP).clicked()
            {
                self.go_to(parent);
            }
        });
        let mut go = None;
        let mut pick = None;
        egui::ScrollArea::vertical()
            .id_salt("chooser-list")
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if self.entries.is_empty() {
                    ui.label(text::CHOOSER_EMPTY);
                }
                for entry in &self.entries {
                    let shown = if entry.is_dir {
                        // A folder ends with the separator: the window's fonts have no 📁, and
                        // a missing glyph stops egui.
                        format!("{}{}", entry.name, std::path::MAIN_SEPARATOR)
                    } else {
                        entry.name.clone()
                    };
                    if ui.selectable_label(false, shown).clicked() {
                        if entry.is_dir {
                            go = Some(entry.path.clone());
                        } else {
                            pick = Some(entry.path.clone());
                        }
                    }
                }
            });
        if !self.recent_folders.is_empty() {
            ui.add_space(tokens::GAP);
            ui.label(RichText::new(text::CHOOSER_RECENT).strong());
            ui.horizontal_wrapped(|ui| {
                for folder in &self.recent_folders {
                    if ui.button(folder.display().to_string()).clicked() {
                        go = Some(folder.clone());
                    }
                }
            });
        }
        if let Some(dir) = go {
            self.go_to(dir);
        }
        if let Some(path) = pick {
            self.typed = path.display().to_string();
            outcome = self.accept_typed();
        }
        ui.add_space(tokens::GAP);
        ui.horizontal(|ui| {
            let ok = if self.purpose.wants_folder() {
                text::CHOOSER_USE_FOLDER
            } else if self.purpose == Purpose::SaveAs {
                text::CHOOSER_SAVE_BUTTON
            } else {
                text::CHOOSER_OPEN_BUTTON
            };
            if ui.button(ok).clicked() {
                outcome = self.accept_typed();
            }
            if ui.button(text::CANCEL).clicked() {
                outcome = Outcome::Cancelled;
            }
        });
        outcome
    }
}

/// A folder shown with its trailing separator, so typing continues inside it.
fn with_separator(dir: &Path) -> String {
    let mut s = dir.display().to_string();
    if !s.ends_with(std::path::MAIN_SEPARATOR) {
        s.push(std::path::MAIN_SEPARATOR);
    }
    s
}

/// The user's home folder.
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chooser(purpose: Purpose, dir: &Path) -> InAppChooser {
        let mut c = InAppChooser {
            purpose,
            dir: dir.to_path_buf(),
            typed: String::new(),
            entries: Vec::new(),
            error: None,
            note: None,
            recent_folders: Vec::new(),
            focus_typed: false,
        };
        c.list();
        c
    }

    #[test]
    fn the_listing_shows_folders_first_then_only_the_wanted_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("b-folder")).expect("mkdir");
        for name in ["申請.ron", "a.csv", "notes.md", ".hidden.ron"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let open = chooser(Purpose::Open, dir.path());
        let names: Vec<&str> = open.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["b-folder", "申請.ron"]);
        let import = chooser(Purpose::Import, dir.path());
        let names: Vec<&str> = import.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["b-folder", "a.csv"]);
        let folder = chooser(Purpose::ExportFolder, dir.path());
        assert_eq!(folder.entries.len(), 1);
    }

    #[test]
    fn a_typed_folder_is_entered_and_a_typed_file_is_chosen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        std::fs::write(sub.join("x.ron"), "x").expect("write");
        let mut c = chooser(Purpose::Open, dir.path());
        c.typed = "sub".into();
        assert!(matches!(c.accept_typed(), Outcome::Open));
        assert_eq!(c.dir, sub);
        c.typed = "x.ron".into();
        assert!(matches!(c.accept_typed(), Outcome::Chosen(p) if p == sub.join("x.ron")));
        c.typed = "missing.ron".into();
        assert!(matches!(c.accept_typed(), Outcome::Open));
        assert!(c.error.is_some());
    }

    #[test]
    fn saving_adds_the_file_ending_and_needs_an_existing_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = chooser(Purpose::SaveAs, dir.path());
        c.typed = dir.path().join("新しい申請").display().to_string();
        assert!(
            matches!(c.accept_typed(), Outcome::Chosen(p) if p == dir.path().join("新しい申請.ron"))
        );
        c.typed = dir.path().join("no/such/申請.ron").display().to_string();
        assert!(matches!(c.accept_typed(), Outcome::Open));
    }

    #[test]
    fn an_export_folder_may_be_new() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = chooser(Purpose::ExportFolder, dir.path());
        c.typed = dir.path().join("PDF").display().to_string();
        assert!(matches!(c.accept_typed(), Outcome::Chosen(p) if p == dir.path().join("PDF")));
    }
}
