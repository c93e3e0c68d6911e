//! The app: owns the open document, the preferences and the dialogs; lays out the menu bar, the
//! side navigation, the verdict panel and the current page; handles files, undo and shortcuts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, Ui, ViewportCommand};

use super::conflict::{self, ConflictChoice, DiskWatch};
use super::document::{Document, Origin};
use super::file_chooser::{Chooser, Purpose};
use super::import_ui::{self, ImportDialog, ImportKind};
use super::persist::{Recovery, Settings, Theme};
use super::widgets::Drafts;
use super::workspace_ui::{OfficeFolder, WorkspacePanel};
use super::{pages, text, tokens, verdict};
use crate::model::{Application, CreditKind};
use crate::rules::{self, CategoryCode, FieldPath};
use crate::store;

/// The recovery copy is written after this much idle time following a change.
const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);
/// How long a status message stays.
const STATUS_TIME: Duration = Duration::from_secs(5);

/// The pages of the side navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// 申請者情報 (様式1)
    Applicant,
    /// 勤務実態 (様式2)
    Work,
    /// 症例一覧 (様式3)
    Cases,
    /// 共通講習
    Common,
    /// 産婦人科領域講習
    Domain,
    /// 学術業績・その他
    Activity,
    /// 集計とチェック (様式4, checklist)
    Summary,
    /// 出力 (PDF)
    Export,
}

impl Page {
    /// All pages, in navigation order.
    pub const ALL: [Page; 8] = [
        Page::Applicant,
        Page::Work,
        Page::Cases,
        Page::Common,
        Page::Domain,
        Page::Activity,
        Page::Summary,
        Page::Export,
    ];

    /// The page's name in the navigation.
    pub fn label(self) -> &'static str {
        match self {
            Page::Applicant => text::PAGE_APPLICANT,
            Page::Work => text::PAGE_WORK,
            Page::Cases => text::PAGE_CASES,
            Page::Common => text::PAGE_COMMON,
            Page::Domain => text::PAGE_DOMAIN,
            Page::Activity => text::PAGE_ACTIVITY,
            Page::Summary => text::PAGE_SUMMARY,
            Page::Export => text::PAGE_EXPORT,
        }
    }
}

/// A field a finding pointed to: highlighted, and scrolled into view once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The field.
    pub path: FieldPath,
    /// Still to be scrolled into view.
    pub scroll: bool,
}

/// What a page may use and change while drawing.
pub struct PageContext<'a> {
    /// The open document.
    pub doc: &'a mut Document,
    /// Raw text of fields being typed.
    pub drafts: &'a mut Drafts,
    /// The field a finding pointed to.
    pub target: &'a mut Option<Target>,
    /// Enter may act (it did not just confirm an IME conversion).
    pub enter_allowed: bool,
}

/// Something to do once unsaved changes have been dealt with.
#[derive(Debug, Clone)]
enum Pending {
    New(u16),
    OpenDialog,
    OpenPath(PathBuf),
    Demo,
    Quit,
}

/// A modal dialog.
enum Dialog {
    NewYear(u16),
    Unsaved(Pending),
    Recovery(Box<Application>, Option<PathBuf>),
    Error(String),
}

/// How the app starts.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// A file to open (the demo when none).
    pub file: Option<PathBuf>,
    /// Where the recovery copy lives (none: no autosave, as in tests).
    pub data_dir: Option<PathBuf>,
    /// Preferences from the last run.
    pub settings: Settings,
    /// Show the start screen (新規作成 / 開く / 表から取り込む / 見本を見る) first.
    pub start_screen: bool,
    /// Try the desktop's file dialogs (false: always the in-app chooser, as in tests).
    pub native_dialogs: bool,
}

/// The desktop app.
pub struct App {
    doc: Document,
    page: Page,
    settings: Settings,
    applied_settings: Option<(f32, Theme)>,
    recovery: Option<Recovery>,
    recovery_generation: Option<u64>,
    dialog: Option<Dialog>,
    status: Option<(String, Instant)>,
    drafts: Drafts,
    target: Option<Target>,
    cases: pages::cases::CasesView,
    credits: pages::credits::CreditsView,
    export: pages::export::ExportView,
    import: ImportDialog,
    office: WorkspacePanel,
    allow_close: bool,
    ime_composing: bool,
    ime_just_committed: bool,
    title: String,
    first_frame: FirstFrame,
    chooser: Chooser,
    /// The start screen is shown instead of a document.
    start_screen: bool,
    /// What to do once a save chosen in the in-app chooser has happened.
    after_save: Option<Pending>,
    /// The open file as last read or written here, watched for saves made elsewhere.
    watch: Option<DiskWatch>,
    /// A save found the file changed elsewhere: the conflict dialog is shown.
    conflict_open: bool,
}

/// Start-up timing for `JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME`.
#[derive(Debug, Default)]
struct FirstFrame {
    started: Option<Instant>,
    frames: u32,
}

impl App {
    /// The app on `options.file`, or on the demo; a file that cannot be read is reported and the
    /// demo opened instead. A recovery copy left by a crash is offered.
    pub fn new(options: AppOptions) -> Self {
        let recovery = options.data_dir.map(Recovery::new);
        let mut app = Self {
            doc: Document::new(crate::demo::application(), Origin::Demo),
            page: Page::Applicant,
            settings: options.settings,
            applied_settings: None,
            recovery,
            recovery_generation: None,
            dialog: None,
            status: None,
            drafts: Drafts::default(),
            target: None,
            cases: pages::cases::CasesView::default(),
            credits: pages::credits::CreditsView::default(),
            export: pages::export::ExportView::default(),
            import: ImportDialog::default(),
            office: WorkspacePanel::default(),
            allow_close: false,
            ime_composing: false,
            ime_just_committed: false,
            title: String::new(),
            first_frame: FirstFrame::default(),
            chooser: Chooser::new(options.native_dialogs),
            start_screen: options.start_screen && options.file.is_none(),
            after_save: None,
            watch: None,
            conflict_open: false,
        };
        if let Some(path) = options.file
            && let Err(message) = app.open_path(&path)
        {
            app.dialog = Some(Dialog::Error(message));
        }
        if app.dialog.is_none()
            && let Some((recovered, origin)) = app.recovery.as_ref().and_then(Recovery::pending)
        {
            app.dialog = Some(Dialog::Recovery(Box::new(recovered), origin));
        }
        app
    }

    /// Measures the time to the first frame and closes after it (for start-up measurements).
    pub fn exit_after_first_frame(&mut self, started: Instant) {
        self.first_frame.started = Some(started);
    }

    /// Opens an application file. On error the current document is left untouched, the error
    /// (the store's Japanese message) is shown and returned.
    pub fn open_path(&mut self, path: &Path) -> Result<(), String> {
        match store::load_with_fingerprint(path) {
            Ok((app, fingerprint)) => {
                self.replace_document(Document::new(app, Origin::File(path.to_path_buf())));
                self.watch = Some(DiskWatch::new(path, Some(fingerprint)));
                self.settings.remember(path);
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                self.dialog = Some(Dialog::Error(message.clone()));
                Err(message)
            }
        }
    }

    /// Saves to `path` (atomically, through the store) and makes it the document's file. The
    /// open file is saved only if nobody else has saved it since it was opened or last saved
    /// here; otherwise the conflict dialog is shown and nothing is written.
    pub fn save_to(&mut self, path: &Path) -> Result<(), String> {
        let expected = match self.watch.as_ref().filter(|w| w.path() == path) {
            Some(w) => w.known().cloned(),
            // Another file (save as): the file chooser has already asked about replacing it.
            None => store::Fingerprint::current(path, None),
        };
        self.save_expecting(path, expected.as_ref())
    }

    fn save_expecting(
        &mut self,
        path: &Path,
        expected: Option<&store::Fingerprint>,
    ) -> Result<(), String> {
        match store::save_checked(self.doc.app(), path, expected) {
            Err(e @ store::StoreError::ChangedOnDisk { .. }) => {
                self.conflict_open = true;
                Err(e.to_string())
            }
            Ok(fingerprint) => {
                self.watch = Some(DiskWatch::new(path, Some(fingerprint)));
                self.doc.mark_saved(Origin::File(path.to_path_buf()));
                self.settings.remember(path);
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                self.set_status(text::saved(&path.display().to_string()));
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                self.dialog = Some(Dialog::Error(message.clone()));
                Err(message)
            }
        }
    }

    /// Whether a save is waiting on the 再読み込み / 上書き / 別名で保存 choice.
    pub fn conflict_pending(&self) -> bool {
        self.conflict_open
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

    /// Acts on the conflict dialog's choice.
    pub fn resolve_conflict(&mut self, choice: ConflictChoice) {
        self.conflict_open = false;
        let Some(path) = self.watch.as_ref().map(|w| w.path().to_path_buf()) else {
            return;
        };
        match choice {
            // The user chose to drop the changes made here.
            ConflictChoice::Reload => {
                let _ = self.open_path(&path);
            }
            ConflictChoice::Overwrite => {
                let now = store::Fingerprint::current(&path, None);
                let _ = self.save_expecting(&path, now.as_ref());
            }
            ConflictChoice::SaveAs => {
                self.save_as();
            }
            ConflictChoice::Cancel => {}
        }
    }

    /// Watches the open file and shows the conflict dialog when a save needs a choice.
    fn watch_ui(&mut self, ctx: &egui::Context) {
        if let Some(w) = &mut self.watch {
            if w.poll() || (w.changed_elsewhere && self.status.is_none()) {
                let message = text::changed_elsewhere(&w.path().display().to_string());
                self.set_status(message);
            }
            ctx.request_repaint_after(conflict::POLL_EVERY);
        }
        if self.conflict_open
            && let Some(path) = self.watch.as_ref().map(|w| w.path().to_path_buf())
            && let Some(choice) = conflict::conflict_dialog_ui(ctx, &path)
        {
            self.resolve_conflict(choice);
        }
    }

    /// Starts a new, empty application for `fiscal_year`.
    pub fn new_document(&mut self, fiscal_year: u16) {
        let mut app = Application::new(fiscal_year);
        app.application_date = None;
        self.replace_document(Document::new(app, Origin::Untitled));
        self.page = Page::Applicant;
    }

    /// The application as currently entered.
    pub fn application(&self) -> &Application {
        self.doc.app()
    }

    /// Replaces the application as if typed (one undo step); for tests and imports.
    pub fn set_application(&mut self, app: Application) {
        self.doc
            .edit(super::document::EditKey::Structure, |a| *a = app);
        self.drafts.clear();
    }

    /// The current Report.
    pub fn report(&self) -> Option<&rules::Report> {
        self.doc.report()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// The error message on screen, if any.
    pub fn error_message(&self) -> Option<&str> {
        match &self.dialog {
            Some(Dialog::Error(message)) => Some(message),
            _ => None,
        }
    }

    /// Chooses the export folder, as the export page's folder dialog does.
    pub fn set_export_folder(&mut self, dir: &Path) {
        self.export.set_folder(dir);
    }

    /// Whether the start screen is shown.
    pub fn is_start_screen(&self) -> bool {
        self.start_screen
    }

    /// Whether the in-app file chooser is on screen.
    pub fn is_choosing_file(&self) -> bool {
        self.chooser.is_open()
    }

    /// The file the document was last saved to or opened from.
    pub fn file(&self) -> Option<&Path> {
        match &self.doc.origin {
            Origin::File(p) => Some(p),
            _ => None,
        }
    }

    /// The page shown.
    pub fn page(&self) -> Page {
        self.page
    }

    /// Shows a page.
    pub fn show_page(&mut self, page: Page) {
        self.page = page;
    }

    /// Shows a page chosen by keyboard and puts the focus on its first field.
    fn show_page_by_keyboard(&mut self, page: Page, ctx: &egui::Context) {
        self.page = page;
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        match page {
            Page::Cases => self.cases.focus_start = true,
            Page::Common | Page::Domain | Page::Activity => self.credits.focus_start = true,
            Page::Export => self.export.focus_start = true,
            Page::Applicant | Page::Work | Page::Summary => {}
        }
    }

    /// The window title: file name, unsaved mark, program name.
    pub fn window_title(&self) -> String {
        if self.start_screen {
            return text::APP_TITLE.to_owned();
        }
        let name = match &self.doc.origin {
            Origin::Demo => text::DEMO_NAME.to_owned(),
            Origin::Untitled => text::UNTITLED.to_owned(),
            Origin::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        };
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!("{mark}{name} — {}", text::APP_TITLE)
    }

    fn replace_document(&mut self, doc: Document) {
        self.install_document(doc);
        if let Some(r) = &self.recovery {
            r.clear();
        }
    }

    /// Shows `doc`, forgetting everything that belonged to the previous document.
    fn install_document(&mut self, doc: Document) {
        self.start_screen = false;
        // A recovered copy of a file is compared with the file as it is now when saved.
        self.watch = match &doc.origin {
            Origin::File(p) => Some(DiskWatch::new(p, store::Fingerprint::current(p, None))),
            Origin::Demo | Origin::Untitled => None,
        };
        self.conflict_open = false;
        self.doc = doc;
        self.drafts.clear();
        self.target = None;
        self.cases = pages::cases::CasesView::default();
        self.credits = pages::credits::CreditsView::default();
        self.export = pages::export::ExportView::default();
        self.recovery_generation = None;
    }

    fn set_status(&mut self, message: String) {
        self.status = Some((message, Instant::now()));
    }

    /// Runs `pending` now, or first asks about unsaved changes.
    fn request(&mut self, pending: Pending) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(pending));
        } else {
            self.perform(pending);
        }
    }

    fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::New(year) => self.new_document(year),
            Pending::OpenDialog => {
                if let Some(path) = self.pick(Purpose::Open) {
                    // The error is shown by open_path itself.
                    let _ = self.open_path(&path);
                }
            }
            Pending::OpenPath(path) => {
                let _ = self.open_path(&path);
            }
            Pending::Demo => {
                self.replace_document(Document::new(crate::demo::application(), Origin::Demo));
            }
            Pending::Quit => {
                self.allow_close = true;
                if let Some(r) = &self.recovery {
                    r.clear();
                }
            }
        }
    }

    /// Save: to the document's file, or ask for one. Returns whether it was saved.
    fn save(&mut self) -> bool {
        match self.doc.origin.clone() {
            Origin::File(path) => self.save_to(&path).is_ok(),
            Origin::Demo | Origin::Untitled => self.save_as(),
        }
    }

    /// Save as: asks for a path (the demo always gets a new name). Returns whether it was saved
    /// now; with the in-app chooser the save happens once a path is chosen.
    fn save_as(&mut self) -> bool {
        match self.pick(Purpose::SaveAs) {
            Some(path) => self.save_to(&path).is_ok(),
            None => false,
        }
    }

    /// Asks for a path for `purpose`: the native dialog's answer now, or None while the in-app
    /// chooser is shown (its answer goes to [`App::chosen`]).
    fn pick(&mut self, purpose: Purpose) -> Option<PathBuf> {
        let start = match (&self.doc.origin, purpose) {
            (_, Purpose::ExportFolder) => Some(self.export.folder_or_default(&self.doc.origin)),
            (Origin::File(p), _) => p.parent().map(Path::to_path_buf),
            _ => None,
        };
        let path = self.chooser.pick(
            purpose,
            start.as_deref(),
            text::DEFAULT_FILE_NAME,
            &self.settings.recent,
        );
        if let Some(notice) = self.chooser.notice.take() {
            self.set_status(notice);
        }
        path
    }

    /// Acts on a path chosen in the in-app chooser.
    fn chosen(&mut self, purpose: Purpose, path: &Path) {
        match purpose {
            Purpose::Open => {
                let _ = self.open_path(path);
            }
            Purpose::SaveAs => {
                if self.save_to(path).is_ok()
                    && let Some(pending) = self.after_save.take()
                {
                    self.perform(pending);
                }
            }
            Purpose::Import => {
                self.import.load_file(path, None, self.doc.app());
            }
            Purpose::ExportFolder => self.export.set_folder(path),
            Purpose::OfficeFolder => self.office.open_folder(path),
            Purpose::OfficeOutput => self.office.start_export(path.to_path_buf()),
        }
    }

    /// Opens the import window on a new, empty application (from the start screen).
    fn start_from_table(&mut self) {
        self.new_document(default_year());
        self.page = Page::Cases;
        self.import.open(ImportKind::Cases);
        self.import.wants_file = true;
    }

    fn undo(&mut self) {
        self.doc.undo();
        self.drafts.clear();
    }

    fn redo(&mut self) {
        self.doc.redo();
        self.drafts.clear();
    }

    /// Goes to the field a finding concerns.
    pub fn go_to(&mut self, path: FieldPath) {
        self.page = page_of(path, self.doc.app());
        self.target = Some(Target { path, scroll: true });
    }

    /// Draws one frame of the whole app.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_settings(&ctx);
        let enter_allowed = self.track_ime(&ctx);
        self.shortcuts(&ctx);
        self.handle_close(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.start_screen {
            egui::CentralPanel::default().show(ui, |ui| self.start_ui(ui));
            self.file_requests_ui(&ctx);
            self.dialog_ui(&ctx);
            self.update_title(&ctx);
            self.first_frame_check(&ctx);
            return;
        }
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(tokens::NAV_WIDTH)
            .show(ui, |ui| self.nav_ui(ui));
        let generation = self.doc.generation();
        egui::Panel::right("verdict")
            .resizable(true)
            .default_size(tokens::VERDICT_WIDTH)
            .show(ui, |ui| {
                if let Some(path) = verdict::verdict_ui(ui, &self.doc, &self.drafts) {
                    self.go_to(path);
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if matches!(self.doc.origin, Origin::Demo) {
                demo_banner_ui(ui);
            }
            self.page_ui(ui, enter_allowed);
        });
        if self.doc.generation() != generation {
            // The verdict panel was drawn before this frame's edit; show the new Report at once.
            ctx.request_repaint();
        }

        self.windows_ui(&ctx);
        self.file_requests_ui(&ctx);
        self.dialog_ui(&ctx);
        self.watch_ui(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
        self.first_frame_check(&ctx);
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        // Ctrl +/- zoom is egui's own; keep the preference in step with it.
        if self.applied_settings.is_some() {
            self.settings.scale = ctx.zoom_factor();
        }
        let wanted = (self.settings.scale, self.settings.theme);
        if self.applied_settings != Some(wanted) {
            ctx.set_zoom_factor(
                wanted
                    .0
                    .clamp(*tokens::SCALE_RANGE.start(), *tokens::SCALE_RANGE.end()),
            );
            ctx.set_theme(match wanted.1 {
                Theme::Light => egui::Theme::Light,
                Theme::Dark => egui::Theme::Dark,
            });
            self.applied_settings = Some(wanted);
        }
    }

    /// Follows the IME: Enter that confirms a conversion must not also add a row. An Enter is
    /// taken as a confirmation while a conversion is open, in the frame of a commit, and as the
    /// first key after a commit (integrations deliver the commit and the key in either order).
    fn track_ime(&mut self, ctx: &egui::Context) -> bool {
        let mut enter_allowed = !self.ime_composing;
        ctx.input(|i| {
            for event in &i.events {
                match event {
                    egui::Event::Ime(ime) => {
                        enter_allowed = false;
                        match ime {
                            egui::ImeEvent::Preedit { text, .. } => {
                                self.ime_composing = !text.is_empty();
                                self.ime_just_committed = false;
                            }
                            egui::ImeEvent::Commit(_) => {
                                self.ime_composing = false;
                                self.ime_just_committed = true;
                            }
                            _ => self.ime_composing = false,
                        }
                    }
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => {
                        if *key == Key::Enter && self.ime_just_committed {
                            enter_allowed = false;
                        }
                        self.ime_just_committed = false;
                    }
                    egui::Event::Text(_) => self.ime_just_committed = false,
                    _ => {}
                }
            }
        });
        enter_allowed
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
        let pressed = |m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        if pressed(shift_cmd, Key::Z) || pressed(Modifiers::COMMAND, Key::Y) {
            self.redo();
        }
        if pressed(Modifiers::COMMAND, Key::Z) {
            self.undo();
        }
        if pressed(shift_cmd, Key::S) {
            self.save_as();
        }
        if pressed(Modifiers::COMMAND, Key::S) {
            self.save();
        }
        if pressed(Modifiers::COMMAND, Key::O) {
            self.request(Pending::OpenDialog);
        }
        if pressed(Modifiers::COMMAND, Key::N) {
            self.dialog = Some(Dialog::NewYear(default_year()));
        }
        const PAGE_KEYS: [Key; 8] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
        ];
        if !self.start_screen && self.dialog.is_none() && !self.chooser.is_open() {
            for (key, page) in PAGE_KEYS.into_iter().zip(Page::ALL) {
                if pressed(Modifiers::COMMAND, key) {
                    self.show_page_by_keyboard(page, ctx);
                }
            }
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(Pending::Quit));
            } else if let Some(r) = &self.recovery {
                r.clear();
            }
        }
        if self.allow_close {
            self.allow_close = false;
            self.doc.mark_saved(self.doc.origin.clone());
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(text::MENU_FILE, |ui| {
                if ui.add(shortcut_button(text::MENU_NEW, "Ctrl+N")).clicked() {
                    self.dialog = Some(Dialog::NewYear(default_year()));
                }
                if ui.add(shortcut_button(text::MENU_OPEN, "Ctrl+O")).clicked() {
                    self.request(Pending::OpenDialog);
                }
                ui.menu_button(text::MENU_RECENT, |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(text::MENU_RECENT_NONE);
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request(Pending::OpenPath(path));
                        }
                    }
                });
                if ui.button(text::MENU_DEMO).clicked() {
                    self.request(Pending::Demo);
                }
                ui.separator();
                import_ui::menu_items_ui(ui, &mut self.import, &mut self.office);
                ui.separator();
                if ui.add(shortcut_button(text::MENU_SAVE, "Ctrl+S")).clicked() {
                    self.save();
                }
                if ui
                    .add(shortcut_button(text::MENU_SAVE_AS, "Ctrl+Shift+S"))
                    .clicked()
                {
                    self.save_as();
                }
                ui.separator();
                if ui.button(text::MENU_QUIT).clicked() {
                    ui.ctx().send_viewport_cmd(ViewportCommand::Close);
                }
            });
            ui.menu_button(text::MENU_EDIT, |ui| {
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        shortcut_button(text::MENU_UNDO, "Ctrl+Z"),
                    )
                    .clicked()
                {
                    self.undo();
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        shortcut_button(text::MENU_REDO, "Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    self.redo();
                }
            });
            ui.menu_button(text::MENU_VIEW, |ui| {
                ui.label(text::VIEW_SCALE);
                for step in tokens::SCALE_STEPS {
                    let label = format!("{:.0}%", step * 100.0);
                    let selected = (self.settings.scale - step).abs() < 0.01;
                    if ui.selectable_label(selected, label).clicked() {
                        self.settings.scale = step;
                        self.applied_settings = None;
                    }
                }
                ui.separator();
                let mut in_app = !self.chooser.native;
                if ui
                    .checkbox(&mut in_app, text::MENU_IN_APP_CHOOSER)
                    .changed()
                {
                    self.chooser.native = !in_app;
                }
                ui.separator();
                ui.label(text::VIEW_THEME);
                for (theme, label) in [
                    (Theme::Light, text::THEME_LIGHT),
                    (Theme::Dark, text::THEME_DARK),
                ] {
                    if ui
                        .selectable_label(self.settings.theme == theme, label)
                        .clicked()
                    {
                        self.settings.theme = theme;
                        self.applied_settings = None;
                    }
                }
            });
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        if self.start_screen {
            // No document yet: nothing to describe.
            ui.label(" ");
            return;
        }
        ui.horizontal(|ui| {
            let origin = match &self.doc.origin {
                Origin::Demo => text::DEMO_NAME.to_owned(),
                Origin::Untitled => text::UNTITLED.to_owned(),
                Origin::File(p) => p.display().to_string(),
            };
            ui.label(format!(
                "{}　{}",
                text::fiscal_year(self.doc.app().fiscal_year),
                origin
            ));
            if let Some((message, at)) = &self.status {
                if at.elapsed() < STATUS_TIME {
                    ui.separator();
                    ui.label(message);
                    ui.ctx().request_repaint_after(STATUS_TIME);
                } else {
                    self.status = None;
                }
            }
        });
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        ui.add_space(tokens::GAP);
        let report = self.doc.report();
        ui.with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
            for page in Page::ALL {
                let ok = report.and_then(|r| page_ok(page, r, self.doc.app()));
                let mark = match ok {
                    Some(true) => "○",
                    Some(false) => "×",
                    None => "　",
                };
                let label = egui::RichText::new(format!("{mark} {}", page.label()));
                let label = match ok {
                    Some(false) => label.color(tokens::colour::ERROR),
                    _ => label,
                };
                let response = ui.add(
                    egui::Button::selectable(self.page == page, label)
                        .min_size(egui::vec2(0.0, tokens::ROW_HEIGHT + 6.0)),
                );
                if response.clicked() {
                    self.page = page;
                }
            }
        });
    }

    fn page_ui(&mut self, ui: &mut Ui, enter_allowed: bool) {
        let mut cx = PageContext {
            doc: &mut self.doc,
            drafts: &mut self.drafts,
            target: &mut self.target,
            enter_allowed,
        };
        match self.page {
            Page::Applicant => pages::applicant::applicant_page_ui(ui, &mut cx),
            Page::Work => pages::work::work_page_ui(ui, &mut cx),
            Page::Cases => self.cases.cases_page_ui(ui, &mut cx),
            Page::Common => self.credits.credits_page_ui(ui, &mut cx, Page::Common),
            Page::Domain => self.credits.credits_page_ui(ui, &mut cx, Page::Domain),
            Page::Activity => self.credits.credits_page_ui(ui, &mut cx, Page::Activity),
            Page::Summary => pages::summary::summary_page_ui(ui, &mut cx),
            Page::Export => self.export.export_page_ui(ui, &mut cx),
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Pending> = None;
        let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &dialog {
                Dialog::NewYear(year) => {
                    let mut year = *year;
                    ui.heading(text::NEW_TITLE);
                    let question = ui.label(text::NEW_QUESTION);
                    let combo = egui::ComboBox::from_id_salt("new_year")
                        .selected_text(text::fiscal_year_with_status(year))
                        .show_ui(ui, |ui| {
                            for y in rules::known_years() {
                                ui.selectable_value(&mut year, y, text::fiscal_year_with_status(y));
                            }
                        })
                        .response
                        .labelled_by(question.id);
                    ui.add_space(tokens::GAP);
                    ui.horizontal(|ui| {
                        let create = ui.button(text::CREATE);
                        if create.clicked() {
                            keep = false;
                            then = Some(Pending::New(year));
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
                    if keep && then.is_none() {
                        self.dialog = Some(Dialog::NewYear(year));
                    }
                }
                Dialog::Unsaved(pending) => {
                    ui.heading(text::UNSAVED_TITLE);
                    ui.label(text::UNSAVED_QUESTION);
                    ui.add_space(tokens::GAP);
                    ui.horizontal(|ui| {
                        if ui.button(text::SAVE_AND_CONTINUE).clicked() {
                            keep = false;
                            if self.save() {
                                then = Some(pending.clone());
                            } else if self.chooser.is_open() {
                                // Continues once the file is saved.
                                self.after_save = Some(pending.clone());
                            }
                        }
                        if ui.button(text::DISCARD).clicked() {
                            keep = false;
                            then = Some(pending.clone());
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
                            let origin = origin.clone().map_or(Origin::Untitled, Origin::File);
                            let mut doc = Document::new((**app).clone(), origin);
                            doc.mark_unsaved();
                            // The recovery copy stays until the work is saved.
                            self.install_document(doc);
                        }
                        if ui.button(text::RECOVERY_DISCARD).clicked() {
                            keep = false;
                            if let Some(r) = &self.recovery {
                                r.clear();
                            }
                        }
                    });
                }
                Dialog::Error(message) => {
                    ui.heading(text::ERROR_TITLE);
                    ui.label(message);
                    ui.add_space(tokens::GAP);
                    if ui.button(text::OK).clicked() {
                        keep = false;
                    }
                }
            }
        });
        let dismissed = modal.should_close() && matches!(dialog, Dialog::Error(_));
        if keep && !dismissed && self.dialog.is_none() {
            self.dialog = Some(dialog);
        }
        if let Some(pending) = then {
            self.perform(pending);
        }
    }

    /// Files asked for by the pages and windows (import, export folder), and the in-app chooser.
    fn file_requests_ui(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.import.wants_file)
            && let Some(path) = self.pick(Purpose::Import)
        {
            self.chosen(Purpose::Import, &path);
        }
        if std::mem::take(&mut self.export.wants_folder)
            && let Some(path) = self.pick(Purpose::ExportFolder)
        {
            self.chosen(Purpose::ExportFolder, &path);
        }
        if let Some(wanted) = self.office.wants_folder.take() {
            let purpose = match wanted {
                OfficeFolder::Applications => Purpose::OfficeFolder,
                OfficeFolder::Output => Purpose::OfficeOutput,
            };
            if let Some(path) = self.pick(purpose) {
                self.chosen(purpose, &path);
            }
        }
        if let Some((purpose, path)) = self.chooser.show_ui(ctx) {
            self.chosen(purpose, &path);
        }
        if !self.chooser.is_open() {
            // Saving was cancelled (or done): what waited for it must not run later.
            self.after_save = None;
        }
    }

    /// The start screen: what to do first, each choice a large button reachable with Tab.
    fn start_ui(&mut self, ui: &mut Ui) {
        ui.add_space(tokens::SECTION_GAP * 2.0);
        ui.vertical_centered(|ui| {
            ui.heading(text::START_TITLE);
            ui.label(text::START_LEAD);
        });
        ui.add_space(tokens::SECTION_GAP);
        let first_frame = !ui.ctx().memory(|m| m.focused().is_some());
        ui.vertical_centered(|ui| {
            ui.set_max_width(520.0);
            let big = |label: &str| {
                egui::Button::new(egui::RichText::new(label).size(18.0).strong())
                    .min_size(egui::vec2(260.0, 40.0))
            };
            for (i, (label, note)) in [
                (text::START_NEW, text::START_NEW_NOTE),
                (text::START_OPEN, text::START_OPEN_NOTE),
                (text::START_IMPORT, text::START_IMPORT_NOTE),
                (text::START_DEMO, text::START_DEMO_NOTE),
            ]
            .into_iter()
            .enumerate()
            {
                let response = ui.add(big(label));
                if i == 0 && first_frame && self.dialog.is_none() && !self.chooser.is_open() {
                    response.request_focus();
                }
                ui.label(egui::RichText::new(note).color(ui.visuals().weak_text_color()));
                ui.add_space(tokens::GAP);
                if response.clicked() {
                    match i {
                        0 => self.dialog = Some(Dialog::NewYear(default_year())),
                        1 => self.request(Pending::OpenDialog),
                        2 => self.start_from_table(),
                        _ => self.request(Pending::Demo),
                    }
                }
            }
            if !self.settings.recent.is_empty() {
                ui.add_space(tokens::SECTION_GAP);
                ui.label(egui::RichText::new(text::START_RECENT).strong());
                for path in self.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        self.request(Pending::OpenPath(path));
                    }
                }
            }
        });
    }

    /// The import and office windows (see [`import_ui`]).
    fn windows_ui(&mut self, ctx: &egui::Context) {
        let generation = self.doc.generation();
        let outcome = import_ui::windows_ui(ctx, &mut self.import, &mut self.office, &mut self.doc);
        if self.doc.generation() != generation {
            self.drafts.clear();
            ctx.request_repaint();
        }
        if let Some(status) = outcome.status {
            self.set_status(status);
        }
        if let Some(path) = outcome.open_file {
            self.request(Pending::OpenPath(path));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Writes the recovery copy once the user has paused for a few seconds.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        if !self.doc.is_dirty() || self.recovery_generation == Some(self.doc.generation()) {
            return;
        }
        let Some(changed) = self.doc.last_change else {
            return;
        };
        let idle = changed.elapsed();
        if idle < AUTOSAVE_IDLE {
            ctx.request_repaint_after(AUTOSAVE_IDLE - idle);
            return;
        }
        let origin = match &self.doc.origin {
            Origin::File(p) => Some(p.as_path()),
            _ => None,
        };
        let message = match recovery.write(self.doc.app(), origin) {
            Ok(()) => text::RECOVERY_WRITTEN.to_owned(),
            Err(e) => format!("{}: {e}", text::RECOVERY_FAILED),
        };
        self.recovery_generation = Some(self.doc.generation());
        self.set_status(message);
    }

    fn first_frame_check(&mut self, ctx: &egui::Context) {
        let Some(started) = self.first_frame.started else {
            return;
        };
        self.first_frame.frames += 1;
        if self.first_frame.frames == 1 {
            // The first frame is presented after this pass; report on the next one.
            ctx.request_repaint();
        } else if self.first_frame.frames == 2 {
            eprintln!(
                "first frame after {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
            self.allow_close = true;
            ctx.request_repaint();
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// The 見本 banner over every page of the demo.
fn demo_banner_ui(ui: &mut Ui) {
    egui::Frame::new()
        .fill(tokens::colour::WARNING.gamma_multiply(0.25))
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(text::DEMO_BANNER).strong());
        });
}

fn shortcut_button<'a>(label: &'a str, keys: &'a str) -> egui::Button<'a> {
    egui::Button::new(label).shortcut_text(keys)
}

/// The year offered first for a new application: the cycle still open today.
fn default_year() -> u16 {
    rules::open_year(chrono::Local::now().date_naive()).unwrap_or(2024)
}

/// The page that holds the field a finding points to.
pub fn page_of(path: FieldPath, app: &Application) -> Page {
    let credit_page = |kind: Option<CreditKind>| match kind {
        Some(CreditKind::Common(_)) => Page::Common,
        Some(CreditKind::Domain) => Page::Domain,
        Some(CreditKind::Activity(_)) => Page::Activity,
        None => Page::Summary,
    };
    match path {
        FieldPath::Total => Page::Summary,
        FieldPath::Font => Page::Export,
        FieldPath::Application(_) | FieldPath::Applicant(_) => Page::Applicant,
        FieldPath::Workplace(..) => Page::Work,
        FieldPath::Case(..) | FieldPath::Category(CategoryCode::Clinical) => Page::Cases,
        FieldPath::Credit(i, _) => credit_page(app.credits.get(i).map(|c| c.kind)),
        FieldPath::Category(CategoryCode::Common) | FieldPath::Topic(_) => Page::Common,
        FieldPath::Category(CategoryCode::Domain) => Page::Domain,
        FieldPath::Category(CategoryCode::Activity) => Page::Activity,
    }
}

/// Whether a page is in order: its category met, or no error pointing into it (None for the
/// export page, which holds no data).
fn page_ok(page: Page, report: &rules::Report, app: &Application) -> Option<bool> {
    let code = match page {
        Page::Cases => CategoryCode::Clinical,
        Page::Common => CategoryCode::Common,
        Page::Domain => CategoryCode::Domain,
        Page::Activity => CategoryCode::Activity,
        Page::Summary => return Some(report.passes),
        Page::Export => return None,
        Page::Applicant | Page::Work => {
            return Some(!report.errors().any(|f| page_of(f.path, app) == page));
        }
    };
    Some(report.category(code).ok)
}
