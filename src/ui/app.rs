//! The shell: the `App` that owns the open document, the preferences and the dialogs, lays out
//! the menu bar, the side navigation, the verdict panel and the current page, and runs the
//! commands of [`super::commands`]. File work is done by [`super::file_actions`], dialogs by
//! [`super::dialogs`], the start screen by [`super::start`]; the pages see only
//! [`super::context`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use eframe::egui::{self, Ui, ViewportCommand};

use super::commands::{self, Command};
use super::conflict::ConflictChoice;
use super::context::{Page, PageContext, PasteInto, Target, page_of, page_of_credit};
use super::dialogs::{self, Answer, Dialog};
use super::document::{Document, Origin};
use super::file_actions::{FileActions, Pending, SaveError};
use super::file_chooser::Purpose;
use super::ime::ImeTracker;
use super::import_ui::{self, ImportDialog, ImportKind};
use super::persist::{Settings, Theme};
use super::start::{self, StartChoice};
use super::verdict::{self, VerdictAnswer};
use super::widgets::EditBuffers;
use super::workspace_ui::{OfficeFolder, WorkspacePanel};
use super::{pages, text, tokens};
use crate::model::Application;
use crate::rules::{self, CategoryCode, FieldPath};
use crate::store::Fingerprint;

/// How long a status message stays.
const STATUS_TIME: Duration = Duration::from_secs(5);

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
    /// The day taken for today (the year offered for a new application, the progress shown
    /// before the window opens); `None`: the system's date. Tests pin it.
    pub today: Option<NaiveDate>,
}

/// The desktop app.
pub struct App {
    doc: Document,
    /// The regional committees' address book (none: addresses are not remembered, as in tests
    /// without a data folder).
    committees_file: Option<PathBuf>,
    page: Page,
    settings: Settings,
    applied_settings: Option<(f32, Theme)>,
    files: FileActions,
    dialog: Option<Dialog>,
    status: Option<(String, Instant)>,
    buffers: EditBuffers,
    target: Option<Target>,
    cases: pages::cases::CasesView,
    credits: pages::credits::CreditsView,
    export: pages::export::ExportView,
    import: ImportDialog,
    office: WorkspacePanel,
    allow_close: bool,
    ime: ImeTracker,
    title: String,
    first_frame: FirstFrame,
    /// The start screen is shown instead of a document.
    start_screen: bool,
    clock: Clock,
    /// The progress chart of the open document as of today (verdict panel, 集計 page).
    /// The window's width in points, as of this frame (the verdict panel folds below a width).
    window_width: f32,
}

/// Start-up timing for `JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME`.
#[derive(Debug, Default)]
struct FirstFrame {
    started: Option<Instant>,
    frames: u32,
}

/// The clock of one app: the system's date, or the day it was pinned to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock(Option<NaiveDate>);

impl Clock {
    /// Today's date.
    pub fn today(self) -> NaiveDate {
        self.0.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

impl App {
    /// The app on `options.file`, or on the demo; a file that cannot be read is reported and the
    /// demo opened instead. A recovery copy left by a crash is offered.
    pub fn new(options: AppOptions) -> Self {
        let committees_file = options
            .data_dir
            .as_ref()
            .map(|d| d.join(crate::mailing::COMMITTEES_FILE));
        let mut app = Self {
            doc: Document::new(crate::demo::application(), Origin::Demo),
            page: Page::Applicant,
            settings: options.settings,
            applied_settings: None,
            committees_file: committees_file.clone(),
            files: FileActions::new(options.data_dir, options.native_dialogs),
            dialog: None,
            status: None,
            buffers: EditBuffers::default(),
            target: None,
            cases: pages::cases::CasesView::default(),
            credits: pages::credits::CreditsView::default(),
            export: pages::export::ExportView::new(committees_file),
            import: ImportDialog::default(),
            office: WorkspacePanel::default(),
            allow_close: false,
            ime: ImeTracker::default(),
            title: String::new(),
            first_frame: FirstFrame::default(),
            start_screen: options.start_screen && options.file.is_none(),
            clock: Clock(options.today),
            window_width: f32::INFINITY,
        };
        if let Some(path) = options.file {
            // The error is shown by open_path itself.
            let _ = app.open_path(&path);
        }
        if app.dialog.is_none()
            && let Some((recovered, origin)) = app.files.pending_recovery()
        {
            app.dialog = Some(Dialog::Recovery(Box::new(recovered), origin));
        }
        app
    }

    /// The year offered first for a new application: the cycle still open today.
    fn default_year(&self) -> u16 {
        rules::open_year(self.clock.today()).unwrap_or(2024)
    }

    /// Measures the time to the first frame and closes after it (for start-up measurements).
    pub fn exit_after_first_frame(&mut self, started: Instant) {
        self.first_frame.started = Some(started);
    }

    /// Opens an application file. On error the current document is left untouched, the error
    /// (the store's Japanese message) is shown and returned.
    pub fn open_path(&mut self, path: &Path) -> Result<(), String> {
        match FileActions::load(path, &mut self.settings) {
            Ok((doc, fingerprint)) => {
                self.replace_document(doc, Some(fingerprint));
                Ok(())
            }
            Err(e) => {
                // Typed up to here, where it is shown.
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
        let saved = self.files.save_to(&mut self.doc, path, &mut self.settings);
        self.after_save_attempt(saved)
    }

    /// Shows what a save came to: the status message, or the error dialog (a conflict has its
    /// own dialog).
    fn after_save_attempt(&mut self, saved: Result<String, SaveError>) -> Result<(), String> {
        match saved {
            Ok(status) => {
                self.set_status(status);
                Ok(())
            }
            Err(SaveError::Failed(e)) => {
                let message = e.to_string();
                self.dialog = Some(Dialog::Error(message.clone()));
                Err(message)
            }
            Err(e @ SaveError::Conflict(_)) => Err(e.message()),
        }
    }

    /// Whether a save is waiting on the 再読み込み / 上書き / 別名で保存 choice.
    pub fn conflict_pending(&self) -> bool {
        self.files.conflict_pending()
    }

    /// Whether someone else has saved the open file since it was read or saved here (as last
    /// seen; `check_now` looks at the file first).
    pub fn changed_elsewhere(&mut self, check_now: bool) -> bool {
        self.files.changed_elsewhere(check_now)
    }

    /// Acts on the conflict dialog's choice.
    pub fn resolve_conflict(&mut self, choice: ConflictChoice) {
        self.files.close_conflict();
        let Some(path) = self.files.watched_path() else {
            return;
        };
        match choice {
            // The user chose to drop the changes made here.
            ConflictChoice::Reload => {
                let _ = self.open_path(&path);
            }
            ConflictChoice::Overwrite => {
                if let Some(saved) = self.files.overwrite(&mut self.doc, &mut self.settings) {
                    let _ = self.after_save_attempt(saved);
                }
            }
            ConflictChoice::SaveAs => {
                self.save_as();
            }
            ConflictChoice::Cancel => {}
        }
    }

    /// Starts a new, empty application for `fiscal_year`.
    pub fn new_document(&mut self, fiscal_year: u16) {
        let mut app = Application::new(fiscal_year);
        app.application_date = None;
        self.replace_document(Document::new(app, Origin::Untitled), None);
        self.page = Page::Applicant;
    }

    /// The texts drawn on the page opened large on the 出力 page (empty when none is open).
    pub fn previewed_texts(&self) -> &[String] {
        self.export.previewed_texts()
    }

    /// The application as currently entered.
    pub fn application(&self) -> &Application {
        self.doc.app()
    }

    /// Replaces the application as if typed (one undo step); for tests and imports.
    pub fn set_application(&mut self, app: Application) {
        self.doc
            .edit(super::document::EditKey::Structure, |a| *a = app);
        self.buffers.clear();
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
        self.export
            .set_folder(dir, &self.doc.origin, &mut self.settings.exports);
    }

    /// Whether the start screen is shown.
    pub fn is_start_screen(&self) -> bool {
        self.start_screen
    }

    /// Whether the in-app file chooser is on screen.
    pub fn is_choosing_file(&self) -> bool {
        self.files.chooser.is_open()
    }

    /// The file the document was last saved to or opened from.
    pub fn file(&self) -> Option<&Path> {
        match &self.doc.origin {
            Origin::File(p) => Some(p),
            _ => None,
        }
    }

    /// The preferences as they would be saved now.
    pub fn settings(&self) -> &Settings {
        &self.settings
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

    /// Shows `doc` in place of the current document and drops the recovery copy of the old one.
    /// `known`: the file as it was read, if it was read just now.
    fn replace_document(&mut self, doc: Document, known: Option<Fingerprint>) {
        self.install_document(doc, known);
        self.files.discard_recovery();
    }

    /// Shows `doc`, forgetting everything that belonged to the previous document.
    fn install_document(&mut self, doc: Document, known: Option<Fingerprint>) {
        self.start_screen = false;
        // A recovered copy of a file is compared with the file as it is now when saved.
        self.files.adopt(&doc, known);
        self.doc = doc;
        self.buffers.clear();
        self.target = None;
        self.cases = pages::cases::CasesView::default();
        self.credits = pages::credits::CreditsView::default();
        self.export = pages::export::ExportView::new(self.committees_file.clone());
    }

    fn set_status(&mut self, message: String) {
        self.status = Some((message, Instant::now()));
    }

    /// Whether a command can run now (menus grey out the others; their shortcuts do nothing).
    fn available(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            Command::ToggleVerdict => !self.start_screen,
            Command::Print => {
                !self.start_screen && self.dialog.is_none() && !self.files.chooser.is_open()
            }
            Command::ShowPage(_) => {
                !self.start_screen && self.dialog.is_none() && !self.files.chooser.is_open()
            }
            _ => true,
        }
    }

    /// Runs a command from the menu or the keyboard.
    fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.dialog = Some(Dialog::NewYear(self.default_year())),
            Command::Open => self.request(Pending::OpenDialog),
            Command::Demo => self.request(Pending::Demo),
            Command::ImportCases => self.import.open(ImportKind::Cases),
            Command::ImportCredits => self.import.open(ImportKind::Credits),
            Command::ImportPortal => self.import.open(ImportKind::Portal),
            Command::Office => self.office.show_window(),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Print => {
                self.page = Page::Export;
                self.export.print_requested = true;
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                self.doc.undo();
                self.buffers.clear();
            }
            Command::Redo => {
                self.doc.redo();
                self.buffers.clear();
            }
            Command::ToggleVerdict => self.settings.toggle_verdict(self.window_width),
            Command::ShowPage(page) => self.show_page_by_keyboard(page, ctx),
        }
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
                let demo = Document::new(crate::demo::application(), Origin::Demo);
                self.replace_document(demo, None);
            }
            Pending::Quit => {
                self.allow_close = true;
                self.files.discard_recovery();
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
        let (path, notice) = self
            .files
            .pick(purpose, start.as_deref(), &self.settings.recent);
        if let Some(notice) = notice {
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
                    && let Some(pending) = self.files.after_save.take()
                {
                    self.perform(pending);
                }
            }
            Purpose::Import => {
                self.import.load_file(path, None, self.doc.app());
            }
            Purpose::ExportFolder => {
                self.export
                    .set_folder(path, &self.doc.origin, &mut self.settings.exports);
            }
            Purpose::OfficeFolder => self.office.open_folder(path, self.clock.today()),
            Purpose::OfficeOutput => {
                self.office.committees_file = self.committees_file.clone();
                self.office.start_export(path.to_path_buf());
            }
        }
    }

    /// Opens the import window on a new, empty application (from the start screen).
    fn start_from_table(&mut self) {
        self.new_document(self.default_year());
        self.page = Page::Cases;
        self.import.open(ImportKind::Cases);
        self.import.wants_file = true;
    }

    /// Goes to the field a finding concerns.
    pub fn go_to(&mut self, path: FieldPath) {
        self.page = page_of(path, self.doc.app());
        self.target = Some(Target { path, scroll: true });
    }

    /// Draws one frame of the whole app.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        // Behind a modal dialog nothing answers the pointer, tooltips included: egui keeps a
        // tooltip open while the pointer rests on its widget, even once a dialog covers it.
        // (The dialogs are areas of their own, so they stay enabled.)
        if ctx.memory(|m| m.top_modal_layer()).is_some() {
            ui.disable();
        }
        self.window_width = ctx.content_rect().width();
        self.apply_settings(&ctx);
        let enter_allowed = self.ime.enter_allowed(&ctx);
        for command in commands::pressed(&ctx, |c| self.available_by_keyboard(c)) {
            self.run_command(command, &ctx);
        }
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
        // Two panels with their own ids: the strip's fixed width must not become the open
        // panel's remembered width.
        let answer = if self.settings.verdict_is_folded(self.window_width) {
            egui::Panel::right("verdict-strip")
                .resizable(false)
                .exact_size(tokens::VERDICT_STRIP_WIDTH)
                .show(ui, |ui| verdict::strip_ui(ui, &self.doc))
                .inner
        } else {
            let as_of = self.doc.as_of(self.clock.today());
            egui::Panel::right("verdict")
                .resizable(true)
                .default_size(tokens::VERDICT_WIDTH)
                .show(ui, |ui| {
                    verdict::verdict_ui(ui, &self.doc, as_of.as_deref())
                })
                .inner
        };
        match answer {
            Some(VerdictAnswer::GoTo(path)) => self.go_to(path),
            Some(VerdictAnswer::ToggleFold) => self.settings.toggle_verdict(self.window_width),
            None => {}
        }
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
        if let Some(message) = self.files.autosave(&self.doc, &ctx) {
            self.set_status(message);
        }
        self.first_frame_check(&ctx);
    }

    /// Whether a command's shortcut acts now. Undo and redo keys are taken even when there is
    /// nothing to undo, so a text field never sees them.
    fn available_by_keyboard(&self, command: Command) -> bool {
        match command {
            Command::Undo | Command::Redo => true,
            _ => self.available(command),
        }
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

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(Pending::Quit));
            } else {
                self.files.discard_recovery();
            }
        }
        if self.allow_close {
            self.allow_close = false;
            self.doc.mark_saved(self.doc.origin.clone());
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// The menu bar: File and Edit from the command table (the recent files follow 開く…),
    /// View with the preferences.
    fn menu_ui(&mut self, ui: &mut Ui) {
        let mut chosen = None;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(text::MENU_FILE, |ui| {
                for item in Command::FILE_MENU {
                    match item {
                        Some(command) => {
                            if command.menu_item_ui(ui, self.available(command)) {
                                chosen = Some(command);
                            }
                        }
                        None => {
                            ui.separator();
                        }
                    }
                    if item == Some(Command::Open) {
                        self.recent_menu_ui(ui);
                    }
                }
            });
            ui.menu_button(text::MENU_EDIT, |ui| {
                for command in Command::EDIT_MENU {
                    if command.menu_item_ui(ui, self.available(command)) {
                        chosen = Some(command);
                    }
                }
            });
            ui.menu_button(text::MENU_VIEW, |ui| {
                let command = Command::ToggleVerdict;
                if command.menu_item_ui(ui, self.available(command)) {
                    chosen = Some(command);
                }
                ui.separator();
                self.view_menu_ui(ui);
            });
        });
        if let Some(command) = chosen {
            self.run_command(command, ui.ctx());
        }
    }

    fn recent_menu_ui(&mut self, ui: &mut Ui) {
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
    }

    /// The View menu: preferences rather than commands.
    fn view_menu_ui(&mut self, ui: &mut Ui) {
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
        let mut in_app = !self.files.chooser.native;
        if ui
            .checkbox(&mut in_app, text::MENU_IN_APP_CHOOSER)
            .changed()
        {
            self.files.chooser.native = !in_app;
        }
        if ui
            .add_enabled(
                !self.settings.columns.is_empty(),
                egui::Button::new(text::MENU_RESET_COLUMNS),
            )
            .clicked()
        {
            self.settings.columns.clear();
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
                let state = report.map_or(PageMark::Empty, |r| page_mark(page, r, self.doc.app()));
                let mark = match state {
                    PageMark::Ok => "○",
                    PageMark::Warning => "△",
                    PageMark::Error => "×",
                    PageMark::Empty => "　",
                };
                let label = egui::RichText::new(format!("{mark} {}", page.label()));
                let label = match state {
                    PageMark::Error => label.color(tokens::colour::ERROR),
                    PageMark::Warning => label.color(tokens::colour::WARNING),
                    _ => label,
                };
                let mut response = ui.add(
                    egui::Button::selectable(self.page == page, label)
                        .min_size(egui::vec2(0.0, tokens::ROW_HEIGHT + 6.0)),
                );
                if let Some(keys) = Command::ShowPage(page).shortcut_text(ui.ctx()) {
                    response = response.on_hover_text(keys);
                }
                if response.clicked() {
                    self.page = page;
                }
            }
        });
    }

    fn page_ui(&mut self, ui: &mut Ui, enter_allowed: bool) {
        let mut go_to = None;
        let mut paste = None;
        let mut cx = PageContext {
            go_to: &mut go_to,
            paste: &mut paste,
            doc: &mut self.doc,
            buffers: &mut self.buffers,
            target: &mut self.target,
            enter_allowed,
            today: self.clock.today(),
            columns: &mut self.settings.columns,
            exports: &mut self.settings.exports,
        };
        match self.page {
            Page::Applicant => pages::applicant::applicant_page_ui(ui, &mut cx),
            Page::Work => pages::work::work_page_ui(ui, &mut cx),
            Page::Cases => {
                if pages::record_switch_ui(ui, &cx, &mut self.cases.self_study) {
                    self.credits.credits_page_ui(ui, &mut cx, Page::Cases);
                } else {
                    self.cases.cases_page_ui(ui, &mut cx);
                }
            }
            Page::Common => self.credits.credits_page_ui(ui, &mut cx, Page::Common),
            Page::Domain => self.credits.credits_page_ui(ui, &mut cx, Page::Domain),
            Page::Activity => self.credits.credits_page_ui(ui, &mut cx, Page::Activity),
            Page::Summary => pages::summary::summary_page_ui(ui, &mut cx),
            Page::Export => self.export.export_page_ui(ui, &mut cx),
        }
        if let Some(path) = go_to {
            self.go_to(path);
        }
        if let Some(request) = paste {
            let kind = match request.into {
                PasteInto::Cases => ImportKind::Cases,
                PasteInto::Credits => ImportKind::Credits,
            };
            self.import
                .open_paste(kind, &request.text, request.at, self.doc.app());
        }
    }

    /// The open dialog, and what its answer asks for.
    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(answer) = dialogs::dialog_ui(ctx, &mut self.dialog) else {
            return;
        };
        match answer {
            Answer::Create(year) => self.perform(Pending::New(year)),
            Answer::SaveThen(pending) => {
                if self.save() {
                    self.perform(pending);
                } else if self.files.chooser.is_open() {
                    // Continues once the file is saved.
                    self.files.after_save = Some(pending);
                }
            }
            Answer::DiscardThen(pending) => self.perform(pending),
            Answer::Recover(app, origin) => {
                let origin = origin.map_or(Origin::Untitled, Origin::File);
                let mut doc = Document::new(*app, origin);
                doc.mark_unsaved();
                // The recovery copy stays until the work is saved.
                self.install_document(doc, None);
            }
            Answer::DropRecovery => self.files.discard_recovery(),
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
        if let Some((purpose, path)) = self.files.chooser.show_ui(ctx) {
            self.chosen(purpose, &path);
        }
        self.files.settle_after_save();
    }

    /// The start screen, and what its choice asks for.
    fn start_ui(&mut self, ui: &mut Ui) {
        let may_focus = self.dialog.is_none() && !self.files.chooser.is_open();
        let Some(choice) = start::start_ui(ui, &self.settings.recent, may_focus) else {
            return;
        };
        match choice {
            StartChoice::New => self.run_command(Command::New, ui.ctx()),
            StartChoice::Open => self.run_command(Command::Open, ui.ctx()),
            StartChoice::FromTable => self.start_from_table(),
            StartChoice::Demo => self.run_command(Command::Demo, ui.ctx()),
            StartChoice::Recent(path) => self.request(Pending::OpenPath(path)),
        }
    }

    /// The import and office windows (see [`import_ui`]).
    fn windows_ui(&mut self, ctx: &egui::Context) {
        let generation = self.doc.generation();
        let outcome = import_ui::windows_ui(
            ctx,
            &mut self.import,
            &mut self.office,
            &mut self.doc,
            self.clock.today(),
        );
        if self.doc.generation() != generation {
            self.buffers.clear();
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

    /// Watches the open file; the conflict dialog's answer is acted on at once.
    fn watch_ui(&mut self, ctx: &egui::Context) {
        let outcome = self.files.watch_ui(ctx, self.status.is_none());
        if let Some(message) = outcome.status {
            self.set_status(message);
        }
        if let Some(choice) = outcome.choice {
            self.resolve_conflict(choice);
        }
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

/// Whether a page is in order: its category met, or no error pointing into it (None for the
/// export page, which holds no data).
/// How a page stands, as its mark in the page list says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageMark {
    /// ○ — it holds something and nothing on it is found wanting.
    Ok,
    /// △ — only warnings (注意) point at it.
    Warning,
    /// × — an error (要対応) points at it, or its category is short.
    Error,
    /// No mark: nothing entered yet and nothing found.
    Empty,
}

fn page_mark(page: Page, report: &rules::Report, app: &Application) -> PageMark {
    let code = match page {
        Page::Cases => Some(CategoryCode::Clinical),
        Page::Common => Some(CategoryCode::Common),
        Page::Domain => Some(CategoryCode::Domain),
        Page::Activity => Some(CategoryCode::Activity),
        Page::Summary => {
            return if report.passes {
                PageMark::Ok
            } else {
                PageMark::Error
            };
        }
        Page::Export => return PageMark::Empty,
        Page::Applicant | Page::Work => None,
    };
    let on_page = |f: &&rules::Finding| page_of(f.path, app) == page;
    let short = code.is_some_and(|c| !report.category(c).ok);
    if short || report.errors().any(|f| on_page(&f)) {
        return PageMark::Error;
    }
    if report.findings.iter().any(|f| on_page(&f)) {
        return PageMark::Warning;
    }
    let has_content = match page {
        Page::Applicant => !app.applicant.name.trim().is_empty(),
        Page::Work => !app.workplaces.is_empty(),
        Page::Cases if !app.cases.is_empty() => true,
        _ => app.credits.iter().any(|c| page_of_credit(c.kind) == page),
    };
    if has_content {
        PageMark::Ok
    } else {
        PageMark::Empty
    }
}
