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
use crate::pdf;
use crate::rules::{self, FieldPath, Finding};
use crate::ui::context::PageContext;
use crate::ui::document::Origin;
use crate::ui::file_chooser;
use crate::ui::persist::ExportChoice;
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
}

impl ExportView {
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
        let Ok(rules) = cx.doc.rules() else {
            ui.colored_label(colour::ERROR, text::RULES_MISSING);
            return;
        };
        self.follow(&cx.doc.origin, cx.exports);
        let app = cx.doc.app();
        let folder = self.folder_or_default(&cx.doc.origin);
        section_ui(ui, text::EXPORT_HEADING);
        if cx.doc.report().is_some_and(|r| !r.passes) {
            ui.colored_label(colour::WARNING, text::EXPORT_NOT_PASSING);
        }

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
        ui.add_space(tokens::GAP);
        self.poll(ui);
        let ready = self.running.is_none();
        let button = ui.add_enabled(
            ready,
            egui::Button::new(RichText::new(text::EXPORT_BUTTON).strong()),
        );
        if std::mem::take(&mut self.focus_start) {
            button.request_focus();
        }
        let mut start = false;
        if button.clicked() {
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
                Some(UnreadAnswer::Cancel) => self.unread = None,
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
                Some(FailingAnswer::Cancel) => self.failing = None,
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
            std::thread::spawn(move || {
                let report = report.unwrap_or_else(|| rules::evaluate(&app, &rules));
                let written =
                    pdf::export(&app, &rules, &report, &dir, files, preflight, post_as_is);
                let outcome = match written {
                    Ok(result) => Ok((
                        text::export_done(result.pages, result.bytes, result.draft),
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
        }
        if self.running.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text::EXPORT_RUNNING);
            });
        }
        ui.add_space(tokens::GAP);
        let mut open_failed = None;
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
    }
}

/// What the user chose in the dialog about unreadable values.
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

impl ExportView {
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
