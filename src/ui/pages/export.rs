//! 出力: the preflight check and the PDF bundle, written by [`crate::pdf`] into a folder the user
//! picks, on a background thread so a long case list never freezes the window; the bundle can
//! then be opened with the system's PDF viewer (through the `opener` crate).
//!
//! The background work is a thread and a channel (std), polled each frame. `poll-promise` does
//! the polling for a single result, but the office's batch export, which sends its progress as
//! it goes and can be cancelled, needs the channel anyway; one way for both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use eframe::egui::{self, RichText, Ui};

use super::section_ui;
use crate::mailing::{Committee, Committees};
use crate::pdf;
use crate::pdf::letters::Envelope;
use crate::rules::{self, FieldPath, Finding};
use crate::ui::context::PageContext;
use crate::ui::document::{EditKey, Origin};
use crate::ui::file_chooser;
use crate::ui::persist::ExportChoice;
use crate::ui::preview;
use crate::ui::text;
use crate::ui::tokens::{self, colour};

/// What an export ended with: a message and the bundle's path, or why it failed.
type Outcome = Result<(String, Option<PathBuf>), Failure>;

/// Why the page shows an error, typed up to where it is shown.
#[derive(Debug)]
enum Failure {
    /// The export failed (it says which file and why).
    Export(pdf::PdfError),
    /// The bundle could not be opened with the system's program.
    Open(PathBuf, opener::OpenError),
    /// The export's thread ended without an answer.
    Stopped,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Export(e) => write!(f, "{e}"),
            Failure::Open(path, opener::OpenError::Io(e)) => write!(
                f,
                "{}",
                crate::oserror::say(crate::oserror::Action::Read, path, e)
            ),
            Failure::Open(path, other) => f.write_str(&text::open_failed(path, &other.to_string())),
            Failure::Stopped => f.write_str(text::EXPORT_FAILED),
        }
    }
}

/// The export page's own state.
#[derive(Debug, Default)]
pub struct ExportView {
    /// The document whose choices `folder` and `per_form_files` are.
    choices_of: Option<Origin>,
    folder: Option<PathBuf>,
    /// The user asked to choose the folder (the app shows its file chooser).
    pub wants_folder: bool,
    /// The page was opened by keyboard: put the focus on the export button.
    pub focus_start: bool,
    per_form_files: bool,
    /// Leave the cases outside the activity period out of 様式3 for this export.
    omit_outside_period: bool,
    outcome: Option<Outcome>,
    running: Option<Receiver<Outcome>>,
    preflight: Option<(u64, Vec<Finding>)>,
    /// The export waits for an answer: the fields holding text that does not read as a value.
    unread: Option<Vec<rules::UnreadValue>>,
    /// The export waits for an answer: the application does not pass, for these reasons;
    /// print it marked 下書き, or as it is to be posted.
    failing: Option<Vec<String>>,
    /// The dialog above has just opened: its first button takes the focus (Enter answers it).
    failing_fresh: bool,
    /// The bundle drawn for the page counts: (generation, address, each facility on its own
    /// pages, forms).
    drawn: Option<(u64, Option<Committee>, bool, Vec<pdf::RenderedForm>)>,
    /// The committees' address book of the data folder.
    book: Option<Book>,
    /// Where the address book is (none: addresses are kept for this session only).
    committees_file: Option<PathBuf>,
    /// The address of the applicant's regional society, as being typed: (society, address).
    address: Option<(String, Committee)>,
    /// Also write the signature requests, the 送付状 and the label.
    letters: bool,
    /// The envelope the label is for.
    envelope: Envelope,
    /// With the letters: each facility's request in the bundle too, in front of its pages.
    letters_in_bundle: bool,
    /// 印刷… (Ctrl+P): write the bundle, then hand it to the system's viewer to print.
    pub print_requested: bool,
    /// The page opened large: (form, page within the form).
    opened: Option<(usize, usize)>,
    /// The texts drawn on the page opened large (what the window shows of it).
    previewed: Vec<String>,
    /// 印刷… was asked for and waits for the dialogs before the export.
    print_pending: bool,
    /// The export running was asked for by 印刷…: open the bundle when it is written.
    open_when_done: bool,
}

impl ExportView {
    /// The page of a newly shown document, with the committees' address book at
    /// `committees_file` (none: addresses are kept for this session only).
    pub fn new(committees_file: Option<PathBuf>) -> Self {
        Self {
            committees_file,
            ..Self::default()
        }
    }

    /// Chooses the folder the bundle of the document from `origin` is written into (the
    /// page's folder dialog does the same), remembered for its file in `exports`.
    pub fn set_folder(
        &mut self,
        dir: &Path,
        origin: &Origin,
        exports: &mut BTreeMap<PathBuf, ExportChoice>,
    ) {
        self.follow(origin, exports);
        self.folder = Some(dir.to_path_buf());
        self.keep(exports);
    }

    /// Takes up the choices of the document from `origin` when it is another one than before
    /// (another file opened, a new application): its own, or the defaults. A document that was
    /// never saved keeps what was chosen for it when it gets its file (Save As).
    fn follow(&mut self, origin: &Origin, exports: &mut BTreeMap<PathBuf, ExportChoice>) {
        if self.choices_of.as_ref() == Some(origin) {
            return;
        }
        let unsaved_gets_its_file = matches!(
            (&self.choices_of, origin),
            (Some(Origin::Untitled | Origin::Demo), Origin::File(_))
        );
        if !unsaved_gets_its_file {
            let choice = match origin {
                Origin::File(p) => exports.get(p).cloned().unwrap_or_default(),
                Origin::Demo | Origin::Untitled => ExportChoice::default(),
            };
            self.folder = choice.folder;
            self.per_form_files = choice.per_form_files;
            self.omit_outside_period = false;
            self.outcome = None;
            self.unread = None;
        }
        self.choices_of = Some(origin.clone());
        if unsaved_gets_its_file {
            self.keep(exports);
        }
    }

    /// Writes the choices down for the document's file (nothing for one without a file).
    fn keep(&self, exports: &mut BTreeMap<PathBuf, ExportChoice>) {
        let Some(Origin::File(path)) = &self.choices_of else {
            return;
        };
        let choice = ExportChoice {
            folder: self.folder.clone(),
            per_form_files: self.per_form_files,
        };
        if choice == ExportChoice::default() {
            exports.remove(path);
        } else if exports.get(path) != Some(&choice) {
            exports.insert(path.clone(), choice);
        }
    }

    /// The folder chosen, or the default: a folder beside the application file (「申請_PDF」
    /// next to 申請.ron), or in the home folder while the application has no file.
    pub fn folder_or_default(&self, origin: &Origin) -> PathBuf {
        if let Some(dir) = &self.folder {
            return dir.clone();
        }
        let beside = match origin {
            Origin::File(p) => p.parent().map(|dir| {
                let stem = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                dir.join(text::export_folder_name(&stem))
            }),
            Origin::Demo | Origin::Untitled => None,
        };
        beside.unwrap_or_else(|| {
            file_chooser::home_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join(text::export_folder_name(text::UNTITLED))
        })
    }

    /// Draws the page.
    pub fn export_page_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>) {
        if cx.doc.rules().is_err() {
            ui.colored_label(colour::ERROR, text::RULES_MISSING);
            return;
        }
        self.follow(&cx.doc.origin, cx.exports);
        let folder = self.folder_or_default(&cx.doc.origin);
        section_ui(ui, text::EXPORT_HEADING);
        if cx.doc.report().is_some_and(|r| !r.passes) {
            ui.colored_label(colour::WARNING, text::EXPORT_NOT_PASSING);
        }
        let Ok(rules) = cx.doc.rules() else {
            return;
        };
        let app = cx.doc.app();

        section_ui(ui, text::PREFLIGHT_HEADING);
        let generation = cx.doc.generation();
        if self
            .preflight
            .as_ref()
            .is_none_or(|(g, _)| *g != generation)
        {
            self.preflight = Some((generation, pdf::preflight(app, rules)));
        }
        let findings = self
            .preflight
            .as_ref()
            .map(|(_, f)| f.as_slice())
            .unwrap_or_default();
        // Blank entries the forms print (mail-to address, 様式2) are missing on paper too.
        let blanks: Vec<&Finding> = cx
            .doc
            .report()
            .map(|r| {
                r.findings
                    .iter()
                    .filter(|f| {
                        matches!(f.path, FieldPath::Applicant(_) | FieldPath::Workplace(..))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if findings.is_empty() && blanks.is_empty() {
            ui.colored_label(colour::OK, text::PREFLIGHT_OK);
        }
        for f in findings.iter().chain(blanks) {
            ui.colored_label(tokens::severity_colour(f.severity), &f.message);
        }

        ui.add_space(tokens::SECTION_GAP);
        ui.horizontal(|ui| {
            ui.label(text::EXPORT_FOLDER);
            ui.label(RichText::new(folder.display().to_string()).monospace());
            if ui.button(text::CHOOSE_FOLDER).clicked() {
                self.wants_folder = true;
            }
        });
        if ui
            .checkbox(&mut self.per_form_files, text::PER_FORM_FILES)
            .changed()
        {
            self.keep(cx.exports);
        }
        let outside = pdf::cases_outside_period(app, rules).len();
        if outside > 0 {
            ui.checkbox(
                &mut self.omit_outside_period,
                text::omit_outside_period(outside),
            );
        }
        let omit = outside > 0 && self.omit_outside_period;
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.letters, text::WITH_LETTERS);
            ui.add_enabled_ui(self.letters, |ui| {
                for e in Envelope::ALL {
                    ui.radio_value(&mut self.envelope, e, text::envelope(e.label()));
                }
            });
        });
        ui.indent("letters-in-bundle", |ui| {
            ui.add_enabled(
                self.letters,
                egui::Checkbox::new(&mut self.letters_in_bundle, text::LETTERS_IN_BUNDLE),
            );
        });
        ui.add_space(tokens::GAP);
        self.poll(ui);
        let ready = self.running.is_none();
        let (button, print) = ui
            .horizontal(|ui| {
                let button = ui.add_enabled(
                    ready,
                    egui::Button::new(RichText::new(text::EXPORT_BUTTON).strong()),
                );
                let keys = ui
                    .ctx()
                    .format_shortcut(&crate::ui::commands::PRINT_SHORTCUT);
                let print = ui.add_enabled(
                    ready,
                    egui::Button::new(text::PRINT_BUTTON).shortcut_text(keys),
                );
                (button, print)
            })
            .inner;
        ui.label(RichText::new(text::PRINT_SETTINGS).weak());
        if std::mem::take(&mut self.focus_start) {
            button.request_focus();
        }
        let print_asked = std::mem::take(&mut self.print_requested) && ready;
        let mut start = false;
        if print.clicked() || print_asked {
            self.print_pending = true;
        } else if button.clicked() {
            self.print_pending = false;
        }
        if button.clicked() || print.clicked() || print_asked {
            let unread = rules::unread_values(app);
            if unread.is_empty() {
                start = true;
            } else {
                self.unread = Some(unread);
            }
        }
        if let Some(list) = &self.unread {
            match unread_dialog_ui(ui.ctx(), list) {
                Some(UnreadAnswer::GoTo(path)) => {
                    *cx.go_to = Some(path);
                    self.unread = None;
                }
                Some(UnreadAnswer::ExportAnyway) => {
                    start = true;
                    self.unread = None;
                }
                Some(UnreadAnswer::Cancel) => {
                    self.unread = None;
                    self.print_pending = false;
                }
                None => {}
            }
        }
        // A bundle that does not pass is printed marked 下書き unless the user says it is to
        // be posted as it is, having seen what is missing.
        let mut post_as_is = false;
        if start && let Some(report) = cx.doc.report().filter(|r| !r.passes) {
            self.failing = Some(report.errors().map(|e| e.message.clone()).collect());
            self.failing_fresh = true;
            start = false;
        }
        if let Some(reasons) = &self.failing {
            let fresh = std::mem::take(&mut self.failing_fresh);
            match failing_dialog_ui(ui.ctx(), reasons, fresh) {
                Some(FailingAnswer::Draft) => {
                    start = true;
                    self.failing = None;
                }
                Some(FailingAnswer::AsIs) => {
                    start = true;
                    post_as_is = true;
                    self.failing = None;
                }
                Some(FailingAnswer::Cancel) => {
                    self.failing = None;
                    self.print_pending = false;
                }
                None => {}
            }
        }
        if start {
            let files = pdf::Files::Bundle {
                per_form: self.per_form_files,
            };
            // The report and pre-flight shown on this page are the ones the export uses:
            // nothing is evaluated twice.
            let preflight = self
                .preflight
                .as_ref()
                .map(|(_, f)| f.clone())
                .unwrap_or_default();
            let (report, app) = if omit {
                // The printed application differs from the file: its own verdict and
                // pre-flight, so that the paper says nothing of the cases left out.
                let printed = pdf::without_cases_outside_period(app, rules);
                (None, printed)
            } else {
                (cx.doc.report().cloned(), app.clone())
            };
            let preflight = if omit {
                pdf::preflight(&app, rules)
            } else {
                preflight
            };
            let (sender, receiver) = mpsc::channel();
            let (rules, dir) = (rules.clone(), folder.clone());
            let ctx = ui.ctx().clone();
            let options = pdf::ExportOptions {
                post_as_is,
                committee: self.committee(),
                letters: self.letters.then_some(self.envelope),
                letters_in_bundle: self.letters && self.letters_in_bundle,
                ..pdf::ExportOptions::default()
            };
            let society = app.applicant.regional_society.clone();
            std::thread::spawn(move || {
                let report = report.unwrap_or_else(|| rules::evaluate(&app, &rules));
                let written = pdf::export(&app, &rules, &report, &dir, files, preflight, &options);
                let outcome = match written {
                    Ok(result) => Ok((
                        text::export_done_with_letters(
                            &text::export_done(result.pages, result.bytes, result.draft),
                            result.letters.len(),
                            result.address_blank.then_some(society.as_str()),
                        ),
                        result.files.first().cloned(),
                    )),
                    // The error says which file and why, and what to do.
                    Err(e) => Err(Failure::Export(e)),
                };
                // The page may be gone; then nobody waits for the outcome.
                let _ = sender.send(outcome);
                ctx.request_repaint();
            });
            self.running = Some(receiver);
            self.outcome = None;
            self.open_when_done = std::mem::take(&mut self.print_pending);
        }
        if self.running.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text::EXPORT_RUNNING);
            });
        }
        ui.add_space(tokens::GAP);
        let mut open_failed = None;
        if self.running.is_none()
            && self.outcome.is_some()
            && std::mem::take(&mut self.open_when_done)
            && let Some(Ok((_, Some(file)))) = &self.outcome
            && let Err(e) = open_with_system(file)
        {
            open_failed = Some(e);
        }
        match &self.outcome {
            Some(Ok((message, file))) => {
                ui.colored_label(colour::OK, message);
                if let Some(file) = file {
                    ui.label(file.display().to_string());
                    if ui.button(text::OPEN_PDF).clicked()
                        && let Err(e) = open_with_system(file)
                    {
                        open_failed = Some(e);
                    }
                }
            }
            Some(Err(failure)) => {
                ui.colored_label(colour::ERROR, failure.to_string());
            }
            None => {}
        }
        if let Some(failure) = open_failed {
            self.outcome = Some(Err(failure));
        }
        // What goes into the envelope, below the button that prints it: the button stays in
        // view on a laptop's screen.
        self.final_step_ui(ui, cx);
    }
}

/// What the user chose in the dialog about an application that does not pass.
enum FailingAnswer {
    Draft,
    AsIs,
    Cancel,
}

/// Before exporting an application that does not pass: what is missing, and whether to print
/// it marked 「下書き（基準未達）」 or without the mark, to be posted as it is.
fn failing_dialog_ui(
    ctx: &egui::Context,
    reasons: &[String],
    focus: bool,
) -> Option<FailingAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("failing-before-export")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(text::FAILING_TITLE);
        ui.label(text::FAILING_QUESTION);
        ui.add_space(tokens::GAP);
        egui::ScrollArea::vertical()
            .max_height(200.0)
            .show(ui, |ui| {
                for r in reasons {
                    ui.colored_label(colour::ERROR, format!("・{r}"));
                }
            });
        ui.add_space(tokens::GAP);
        ui.horizontal_wrapped(|ui| {
            let draft = ui.button(text::FAILING_DRAFT);
            if focus {
                draft.request_focus();
            }
            if draft.clicked() {
                answer = Some(FailingAnswer::Draft);
            }
            if ui.button(text::FAILING_AS_IS).clicked() {
                answer = Some(FailingAnswer::AsIs);
            }
            if ui.button(text::CANCEL).clicked() {
                answer = Some(FailingAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(FailingAnswer::Cancel);
    }
    answer
}

/// What the user chose in the dialog about unreadable values.
enum UnreadAnswer {
    GoTo(FieldPath),
    ExportAnyway,
    Cancel,
}

/// Before an export: the fields whose text does not read as a date or number, each with a way
/// to it; exporting anyway prints them blank (the pre-flight lists them too).
fn unread_dialog_ui(ctx: &egui::Context, list: &[rules::UnreadValue]) -> Option<UnreadAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("unread-before-export")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(text::UNREAD_TITLE);
        ui.label(text::UNREAD_QUESTION);
        ui.add_space(tokens::GAP);
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                for u in list {
                    ui.horizontal(|ui| {
                        if ui.button(text::UNREAD_GO_TO).clicked() {
                            answer = Some(UnreadAnswer::GoTo(u.path));
                        }
                        ui.label(format!("{}「{}」", u.name, u.text));
                    });
                }
            });
        ui.add_space(tokens::GAP);
        ui.horizontal(|ui| {
            if ui.button(text::UNREAD_EXPORT_ANYWAY).clicked() {
                answer = Some(UnreadAnswer::ExportAnyway);
            }
            if ui.button(text::CANCEL).clicked() {
                answer = Some(UnreadAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(UnreadAnswer::Cancel);
    }
    answer
}

/// One thumbnail with its caption; whether it was clicked. A page a finding concerns is framed
/// in the warning colour.
fn thumbnail_ui(ui: &mut Ui, page: &pdf::page::Page, caption: &str, marked: bool) -> bool {
    let width = if page.width > page.height {
        tokens::THUMBNAIL_WIDTH * 1.41
    } else {
        tokens::THUMBNAIL_WIDTH
    };
    ui.vertical(|ui| {
        let size = preview::size_for(page, width);
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
        if ui.is_rect_visible(rect) {
            preview::paint_page(ui.painter(), rect, page);
            if marked {
                ui.painter().rect_stroke(
                    rect.expand(2.0),
                    0.0,
                    egui::Stroke::new(2.5, colour::WARNING),
                    egui::StrokeKind::Outside,
                );
            }
            if response.has_focus() {
                ui.painter().rect_stroke(
                    rect.expand(4.0),
                    0.0,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Outside,
                );
            }
        }
        crate::ui::widgets::name_widget(&response, || text::open_page(caption));
        let label = RichText::new(caption).small();
        if marked {
            ui.colored_label(colour::WARNING, label);
        } else {
            ui.label(label);
        }
        response.clicked()
    })
    .inner
}

/// The page `step` pages on from `at`, across the forms (none past either end).
fn step_page(
    forms: &[pdf::RenderedForm],
    at: (usize, usize),
    step: isize,
) -> Option<(usize, usize)> {
    let flat: Vec<(usize, usize)> = forms
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| (0..f.pages.len()).map(move |pi| (fi, pi)))
        .collect();
    let here = flat.iter().position(|p| *p == at)?;
    let next = here.checked_add_signed(step)?;
    flat.get(next).copied()
}

impl ExportView {
    /// The texts drawn on the page opened large, in drawing order (empty when none is open).
    pub fn previewed_texts(&self) -> &[String] {
        &self.previewed
    }

    /// Takes the outcome of a finished export.
    fn poll(&mut self, ui: &Ui) {
        let Some(receiver) = &self.running else {
            return;
        };
        match receiver.try_recv() {
            Ok(outcome) => {
                self.outcome = Some(outcome);
                self.running = None;
            }
            Err(TryRecvError::Empty) => ui.ctx().request_repaint_after(POLL),
            Err(TryRecvError::Disconnected) => {
                self.outcome = Some(Err(Failure::Stopped));
                self.running = None;
            }
        }
    }
}

/// How often a running export is checked on.
const POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Opens a file with the desktop's default program.
fn open_with_system(path: &Path) -> Result<(), Failure> {
    opener::open(path).map_err(|e| Failure::Open(path.to_path_buf(), e))
}

// ---- the last step: what goes into the envelope ----------------------------------------------

/// The committees' address book as read from the data folder, or why it could not be (it is
/// then never written, so nothing typed by someone else is lost).
type Book = Result<(Option<PathBuf>, Committees), String>;

/// Reads the address book at `path` (none: an empty one kept in memory).
fn read_book(path: Option<&Path>) -> Book {
    let Some(path) = path else {
        return Ok((None, Committees::default()));
    };
    Committees::load(path)
        .map(|list| (Some(path.to_path_buf()), list))
        .map_err(|e| e.to_string())
}

impl ExportView {
    /// Draws the pages of the bundle as they will print again when the application or the
    /// address changed: the page counts, the plan and the thumbnails come from them.
    fn ensure_drawn(
        &mut self,
        app: &crate::model::Application,
        rules: &crate::rules::RuleSet,
        report: &crate::rules::Report,
        generation: u64,
    ) -> bool {
        let committee = self.committee();
        let fresh = self
            .drawn
            .as_ref()
            .is_some_and(|(g, c, l, _)| *g == generation && *c == committee && *l == self.letters);
        if !fresh {
            let how = pdf::Drawing {
                committee: committee.as_ref(),
                facility_per_page: self.letters,
                ..pdf::Drawing::default()
            };
            match pdf::render_with(app, rules, report, &pdf::Form::ALL, &how) {
                Ok(forms) => self.drawn = Some((generation, committee, self.letters, forms)),
                Err(_) => return false,
            }
        }
        true
    }

    /// The address remembered for the society being edited.
    fn committee(&self) -> Option<Committee> {
        self.address
            .as_ref()
            .map(|(_, c)| c.clone())
            .filter(|c| !c.is_blank())
    }

    /// Takes up the address of `society` from the book (once per society).
    fn follow_society(&mut self, society: &str) {
        if self.book.is_none() {
            self.book = Some(read_book(self.committees_file.as_deref()));
        }
        if self
            .address
            .as_ref()
            .is_some_and(|(s, _)| s == society.trim())
        {
            return;
        }
        let remembered = match &self.book {
            Some(Ok((_, list))) => list.get(society).cloned().unwrap_or_default(),
            _ => Committee::default(),
        };
        self.address = Some((society.trim().to_string(), remembered));
    }

    /// Writes the address typed for the society into the book: read again first, so that an
    /// address another person saved meanwhile for another society is kept.
    fn remember_address(&mut self) {
        let Some((society, committee)) = self.address.clone() else {
            return;
        };
        let Some(Ok((path, list))) = &mut self.book else {
            return;
        };
        let Some(path) = path.clone() else {
            list.set(&society, committee);
            return;
        };
        let saved = Committees::load(&path).and_then(|mut list| {
            list.set(&society, committee);
            list.save(&path)?;
            Ok(list)
        });
        self.book = Some(match saved {
            Ok(list) => Ok((Some(path), list)),
            Err(e) => Err(e.to_string()),
        });
    }

    /// The seven parts, the proofs, the signatures, the fee and where it goes.
    fn final_step_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>) {
        // Borrowed, not copied: this runs every frame. The one edit this section makes (a
        // 診療責任者's name) comes after the last use of them.
        let (Ok(rules), Some(report)) = (cx.doc.rules(), cx.doc.report()) else {
            return;
        };
        let app = cx.doc.app();
        self.follow_society(&app.applicant.regional_society);
        let committee = self.committee();
        if !self.ensure_drawn(app, rules, report, cx.doc.generation()) {
            return;
        }
        let Some((_, _, _, forms)) = &self.drawn else {
            return;
        };
        let plan = pdf::bundle::plan(app, rules, report, forms, committee.as_ref());

        section_ui(ui, text::PARTS_HEADING);
        // Wrapped cells: the table never grows wider than the page (at 1024 px too).
        let widest = (ui.available_width() * 0.42).max(160.0);
        egui::Grid::new("bundle-parts")
            .striped(true)
            .num_columns(4)
            .max_col_width(widest)
            .spacing([tokens::GAP * 2.0, tokens::GAP / 2.0])
            .show(ui, |ui| {
                for head in text::PARTS_COLUMNS {
                    ui.label(RichText::new(head).strong());
                }
                ui.end_row();
                for part in &plan.parts {
                    let name = if part.needed {
                        RichText::new(part.name)
                    } else {
                        RichText::new(part.name).weak()
                    };
                    ui.add(egui::Label::new(name).wrap());
                    ui.label(match part.maker {
                        pdf::bundle::Maker::Program => text::MADE_BY_PROGRAM,
                        pdf::bundle::Maker::Applicant => text::MADE_BY_APPLICANT,
                    });
                    ui.label(match part.pages {
                        Some(n) => text::pages(n),
                        None => text::NO_PAGES.to_string(),
                    });
                    let colour = if !part.needed || part.ready {
                        colour::OK
                    } else {
                        colour::WARNING
                    };
                    ui.add(
                        egui::Label::new(
                            RichText::new(text::part_state(part.ready, &part.note, part.needed))
                                .color(colour),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                }
            });
        ui.label(text::printed_pages(plan.printed_pages));

        section_ui(ui, text::PREVIEW_HEADING);
        let findings = self
            .preflight
            .as_ref()
            .map(|(_, f)| f.as_slice())
            .unwrap_or_default();
        let marked: Vec<(usize, usize)> = findings
            .iter()
            .filter_map(|f| preview::finding_page(forms, app, f))
            .collect();
        let mut open = None;
        egui::ScrollArea::horizontal()
            .id_salt("thumbnails")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (fi, form) in forms.iter().enumerate() {
                        for (pi, page) in form.pages.iter().enumerate() {
                            let at = (fi, pi);
                            let caption = text::thumbnail(
                                form.form.label(),
                                pi + 1,
                                form.pages.len(),
                                marked.contains(&at),
                            );
                            if thumbnail_ui(ui, page, &caption, marked.contains(&at)) {
                                open = Some(at);
                            }
                        }
                    }
                });
            });
        ui.label(RichText::new(text::PREVIEW_HINT).weak());
        if let Some(at) = self.opened {
            let (fi, pi) = at;
            let page = forms.get(fi).and_then(|f| Some((f, f.pages.get(pi)?)));
            let mut keep = page.is_some();
            if let Some((form, page)) = page {
                let title = text::thumbnail(form.form.label(), pi + 1, form.pages.len(), false);
                let mut step: Option<isize> = None;
                egui::Window::new(text::PREVIEW_WINDOW)
                    .id(egui::Id::unique("page-preview"))
                    .open(&mut keep)
                    .collapsible(false)
                    .resizable(false)
                    .show(ui.ctx(), |ui| {
                        ui.horizontal(|ui| {
                            if ui.button(text::PREVIEW_PREVIOUS).clicked() {
                                step = Some(-1);
                            }
                            ui.label(&title);
                            if ui.button(text::PREVIEW_NEXT).clicked() {
                                step = Some(1);
                            }
                        });
                        let width = (ui.ctx().content_rect().width() * 0.55).clamp(320.0, 620.0);
                        let width = if page.width > page.height {
                            width
                        } else {
                            width * 0.75
                        };
                        let size = preview::size_for(page, width);
                        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                        self.previewed = preview::paint_page(ui.painter(), rect, page);
                    });
                if let Some(step) = step {
                    open = step_page(forms, at, step);
                }
            }
            if !keep {
                self.opened = None;
                self.previewed.clear();
            }
        }
        if open.is_some() {
            self.opened = open;
        }

        section_ui(ui, &text::proofs_heading(plan.proofs.len()));
        if plan.proofs.is_empty() {
            ui.label(text::NO_PROOFS);
        }
        for p in &plan.proofs {
            let line = text::proof_line(p.enclosed, &p.kind, &p.date, &p.name, &p.proof);
            if p.enclosed {
                ui.label(line);
            } else {
                ui.colored_label(colour::WARNING, line);
            }
        }

        section_ui(ui, text::SIGNATURES_HEADING);
        for (i, s) in plan.signers.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(s.role).strong());
                match &s.facility {
                    None => {
                        ui.label(if s.name.is_empty() {
                            text::NAME_NOT_ENTERED
                        } else {
                            s.name.as_str()
                        });
                    }
                    Some(f) => {
                        let facility = if f.facility.is_empty() {
                            text::NO_FACILITY.to_string()
                        } else {
                            f.facility.clone()
                        };
                        ui.label(&facility);
                        let id = egui::Id::unique(("facility-head", i));
                        let (response, changed) =
                            crate::ui::widgets::text_cell_id_ui(ui, id, &s.name, 160.0);
                        crate::ui::widgets::name_widget(&response, || {
                            text::facility_head_field(&facility)
                        });
                        if let Some(new) = changed {
                            let key = f.facility.clone();
                            cx.doc.edit(EditKey::FacilityHead(i), |a| {
                                if new.trim().is_empty() {
                                    a.facility_heads.remove(&key);
                                } else {
                                    a.facility_heads.insert(key, new);
                                }
                            });
                        }
                    }
                }
                ui.label(RichText::new(&s.signs).weak());
            });
        }

        section_ui(ui, text::POSTING_HEADING);
        egui::Grid::new("posting")
            .num_columns(2)
            .spacing([tokens::GAP * 2.0, tokens::GAP])
            .show(ui, |ui| {
                ui.label(RichText::new(text::FEE).strong());
                ui.add(egui::Label::new(text::fee_line(plan.fee, &plan.fee_account)).wrap());
                ui.end_row();
                ui.label(RichText::new(text::DEADLINE).strong());
                ui.label(text::deadline_line(plan.deadline));
                ui.end_row();
                ui.label(RichText::new(text::POST_TO).strong());
                ui.label(&plan.addressee);
                ui.end_row();
            });
        let mut changed = false;
        let writable = matches!(self.book, Some(Ok(_)));
        if let Some((_, c)) = &mut self.address {
            egui::Grid::new("committee-address")
                .num_columns(2)
                .spacing([tokens::GAP * 2.0, tokens::GAP / 2.0])
                .show(ui, |ui| {
                    for (label, value, width) in [
                        (text::POSTAL_CODE, &mut c.postal_code, 100.0),
                        (text::COMMITTEE_ADDRESS, &mut c.address, 360.0),
                        (text::COMMITTEE_ADDRESSEE, &mut c.addressee, 360.0),
                    ] {
                        ui.label(label);
                        let r = ui.add_enabled(
                            writable,
                            egui::TextEdit::singleline(value).desired_width(width),
                        );
                        crate::ui::widgets::name_widget(&r, || text::committee_field(label));
                        changed |= r.changed();
                        ui.end_row();
                    }
                });
        }
        if changed {
            self.remember_address();
        }
        match &self.book {
            Some(Err(why)) => {
                ui.colored_label(colour::ERROR, why);
            }
            _ if !plan.committee.as_ref().is_some_and(|c| c.has_address()) => {
                ui.colored_label(colour::WARNING, text::ADDRESS_NOT_REMEMBERED);
            }
            _ => {
                ui.label(RichText::new(text::ADDRESS_REMEMBERED).weak());
            }
        }
    }
}
