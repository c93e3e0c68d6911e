//! The office page: a folder of applications as a table (verdict, days to the deadline, last
//! change, a checkbox each) and 「一括出力…」, which exports the chosen bundles on a background
//! thread while a progress bar follows it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, Ui};
use egui_extras::{Column, TableBuilder};

use super::table::text_width;
use super::text;
use super::tokens::{self, colour};
use super::widgets;
use crate::workspace::{
    DoctorEntry, ExportSummary, Progress, Standing, Verdict, Workspace, WorkspaceError,
};

enum JobMessage {
    Progress(Progress),
    Done(Result<ExportSummary, WorkspaceError>),
}

/// A batch export running on its own thread.
struct ExportJob {
    rx: Receiver<JobMessage>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

/// The office page's state.
#[derive(Default)]
pub struct WorkspacePanel {
    window_open: bool,
    workspace: Option<Workspace>,
    selected: Vec<bool>,
    /// Why the folder could not be read or the batch not start (typed up to where it is shown).
    error: Option<WorkspaceError>,
    job: Option<ExportJob>,
    progress: Option<Progress>,
    /// The last batch's summary.
    pub summary: Option<ExportSummary>,
    /// A folder the user asked to choose (the app shows its file chooser).
    pub wants_folder: Option<OfficeFolder>,
    /// Also write each doctor's signature requests, 送付状 and envelope label.
    letters: bool,
    /// The regional committees' address book the letters are addressed from.
    pub committees_file: Option<PathBuf>,
}

/// Which folder the office page asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFolder {
    /// The folder of application files to list.
    Applications,
    /// The folder the batch export writes into.
    Output,
}

impl WorkspacePanel {
    /// Opens a folder of application files (all selected), each evaluated as of `today`.
    pub fn open_folder(&mut self, dir: &Path, today: NaiveDate) {
        match Workspace::open(dir, today) {
            Ok(ws) => {
                self.selected = vec![true; ws.doctors.len()];
                self.workspace = Some(ws);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The open workspace.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    /// Selects or unselects a doctor.
    pub fn select(&mut self, index: usize, on: bool) {
        if let Some(s) = self.selected.get_mut(index) {
            *s = on;
        }
    }

    /// Whether a batch export is running.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The latest progress of the running (or last) batch.
    pub fn progress(&self) -> Option<&Progress> {
        self.progress.as_ref()
    }

    /// Starts exporting the selected doctors' bundles into `out` on a background thread.
    pub fn start_export(&mut self, out: PathBuf) {
        let Some(ws) = self.workspace.clone() else {
            return;
        };
        if self.job.is_some() {
            return;
        }
        let selection: Vec<usize> = self
            .selected
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(i, _)| i)
            .collect();
        // An address book that cannot be read addresses nobody: the letters get blank lines.
        let letters = self.letters.then(|| crate::workspace::BatchLetters {
            envelope: crate::pdf::letters::Envelope::default(),
            committees: self
                .committees_file
                .as_deref()
                .and_then(|p| crate::mailing::Committees::load(p).ok())
                .unwrap_or_default(),
        });
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let handle = std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let mut report = |p: &Progress| {
                // The window may be gone; the export goes on regardless.
                let _ = progress_tx.send(JobMessage::Progress(p.clone()));
            };
            let result = ws.export_all_with(
                Some(&selection),
                &out,
                Some(&flag),
                &mut report,
                letters.as_ref(),
            );
            let _ = tx.send(JobMessage::Done(result));
        });
        self.summary = None;
        self.progress = None;
        self.job = Some(ExportJob {
            rx,
            cancel,
            handle: Some(handle),
        });
    }

    /// Asks the running batch to stop after the exports under way.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Takes the background thread's messages; returns whether the batch is still running.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        loop {
            match job.rx.try_recv() {
                Ok(JobMessage::Progress(p)) => self.progress = Some(p),
                Ok(JobMessage::Done(result)) => {
                    match result {
                        Ok(summary) => self.summary = Some(summary),
                        Err(e) => self.error = Some(e),
                    }
                    self.finish_job();
                    return false;
                }
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => {
                    self.finish_job();
                    return false;
                }
            }
        }
    }

    fn finish_job(&mut self) {
        if let Some(mut job) = self.job.take()
            && let Some(handle) = job.handle.take()
        {
            // The thread has sent its last message; joining returns at once.
            let _ = handle.join();
        }
    }

    /// Shows the page as a window (see [`WorkspacePanel::window_ui`]).
    pub fn show_window(&mut self) {
        self.window_open = true;
    }

    /// Draws the page in its own window while it is shown; returns an application file the
    /// user chose to open. The batch goes on when the window is closed. `today`: the day a
    /// reload evaluates the files as of.
    pub fn window_ui(&mut self, ctx: &egui::Context, today: NaiveDate) -> Option<PathBuf> {
        if !self.window_open {
            if self.poll() {
                ctx.request_repaint();
            }
            return None;
        }
        let mut open = true;
        let mut chosen = None;
        let width = (ctx.content_rect().width() - 2.0 * tokens::SECTION_GAP)
            .clamp(tokens::OFFICE_MIN_WIDTH, tokens::OFFICE_WIDTH);
        egui::Window::new(text::OFFICE_WINDOW_TITLE)
            .open(&mut open)
            .resizable(true)
            .default_size([width, 480.0])
            .show(ctx, |ui| chosen = self.ui(ui, today));
        self.window_open = open;
        chosen
    }

    /// Draws the page; returns an application file the user chose to open. `today`: the day a
    /// reload evaluates the files as of.
    pub fn ui(&mut self, ui: &mut Ui, today: NaiveDate) -> Option<PathBuf> {
        if self.poll() {
            ui.ctx().request_repaint();
        }
        let running = self.is_running();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!running, egui::Button::new(text::OFFICE_OPEN_FOLDER))
                .clicked()
            {
                self.wants_folder = Some(OfficeFolder::Applications);
            }
            if let Some(dir) = self.workspace.as_ref().map(|w| w.dir.clone()) {
                if ui
                    .add_enabled(!running, egui::Button::new(text::OFFICE_RELOAD))
                    .clicked()
                {
                    self.open_folder(&dir, today);
                }
                if ui.button(text::OFFICE_SELECT_ALL).clicked() {
                    self.selected.iter_mut().for_each(|s| *s = true);
                }
                if ui.button(text::OFFICE_SELECT_NONE).clicked() {
                    self.selected.iter_mut().for_each(|s| *s = false);
                }
                let any = self.selected.iter().any(|s| *s);
                ui.add_enabled(
                    !running,
                    egui::Checkbox::new(&mut self.letters, text::OFFICE_WITH_LETTERS),
                );
                if ui
                    .add_enabled(!running && any, egui::Button::new(text::OFFICE_EXPORT_ALL))
                    .clicked()
                {
                    self.wants_folder = Some(OfficeFolder::Output);
                }
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(colour::ERROR, e.to_string());
        }
        self.progress_ui(ui);
        if let Some(summary) = &self.summary {
            ui.label(summary.text());
        }
        ui.separator();
        self.table_ui(ui)
    }

    fn progress_ui(&mut self, ui: &mut Ui) {
        let Some(p) = &self.progress else {
            return;
        };
        let fraction = if p.total == 0 {
            1.0
        } else {
            p.done as f32 / p.total as f32
        };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(format!("{}/{} {}", p.done, p.total, p.name))
                    .desired_width(360.0),
            );
            if self.job.is_some() && ui.button(text::CANCEL).clicked() {
                self.cancel();
            }
        });
    }

    fn table_ui(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let Some(ws) = &self.workspace else {
            ui.label(text::OFFICE_NO_FOLDER);
            return None;
        };
        let mut open = None;
        let selected = &mut self.selected;
        let deadline = deadline_width(ui, ws);
        TableBuilder::new(ui)
            .id_salt("workspace-doctors")
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::exact(24.0))
            .column(Column::initial(125.0).clip(true))
            .column(Column::initial(100.0).clip(true))
            .column(Column::remainder().at_least(160.0).clip(true))
            // Never narrower than its widest line: a deadline cut short says nothing.
            .column(Column::initial(deadline).at_least(deadline).clip(true))
            .column(Column::initial(150.0).clip(true))
            .column(Column::exact(48.0))
            .header(22.0, |mut header| {
                header.col(|_| {});
                for title in text::OFFICE_COLUMNS {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(tokens::ROW_HEIGHT, ws.doctors.len(), |mut row| {
                    let i = row.index();
                    let Some(d) = ws.doctors.get(i) else { return };
                    row.col(|ui| {
                        if let Some(on) = selected.get_mut(i) {
                            let response = ui.checkbox(on, "");
                            widgets::name_widget(&response, || text::office_select(&d.name));
                        }
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&d.name).truncate());
                    });
                    row.col(|ui| {
                        let colour = match d.verdict {
                            Verdict::Passes if d.passes_only_with_plans() => colour::WARNING,
                            Verdict::Passes => colour::OK,
                            Verdict::Short { .. } => colour::WARNING,
                            _ => colour::ERROR,
                        };
                        let label = ui.add(
                            egui::Label::new(egui::RichText::new(d.verdict_label()).color(colour))
                                .truncate(),
                        );
                        if d.passes_only_with_plans() {
                            label.on_hover_text(text::OFFICE_PASSES_WITH_PLANS);
                        }
                    });
                    row.col(|ui| {
                        if let Some(standing) = &d.standing {
                            standing_ui(ui, standing);
                        }
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(d.deadline_label()).truncate());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(d.modified_label()).truncate());
                    });
                    row.col(|ui| {
                        if !matches!(d.verdict, Verdict::Unreadable { .. })
                            && ui.small_button(text::OFFICE_OPEN).clicked()
                        {
                            open = Some(d.path.clone());
                        }
                    });
                });
            });
        open
    }
}

/// The deadline column's width: its title's and every doctor's line, whole (the days are the
/// same for the doctors of one year, so few lines are laid out however long the list).
fn deadline_width(ui: &Ui, ws: &Workspace) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let days: std::collections::BTreeSet<Option<i64>> =
        ws.doctors.iter().map(|d| d.days_left).collect();
    let title = text::OFFICE_COLUMNS[3];
    let widest = days
        .into_iter()
        .map(|days_left| {
            let line = DoctorEntry::deadline_label_of(days_left);
            text_width(ui, &line, &font)
        })
        .fold(text_width(ui, title, &font), f32::max);
    // Room for rounding, so the last character is not elided.
    widest.ceil() + 4.0
}

/// The colour of a standing: met, on pace (or short of a category minimum only), behind.
fn standing_colour(standing: &Standing) -> Color32 {
    if standing.reached() {
        colour::OK
    } else if standing.pace.map_or(standing.during_period, |p| p.kept()) {
        colour::WARNING
    } else {
        colour::ERROR
    }
}

/// A doctor's standing in one line: a small bar of the units counted against the total needed
/// and the numbers beside it; the shortfalls and the pace in full on hover.
fn standing_ui(ui: &mut Ui, standing: &Standing) {
    ui.horizontal(|ui| {
        let (rect, bar) = ui.allocate_exact_size(tokens::STANDING_BAR, egui::Sense::hover());
        let fraction = if standing.total_required == 0 {
            1.0
        } else {
            (f64::from(standing.total_counted) / f64::from(standing.total_required)).min(1.0) as f32
        };
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        let mut filled = rect;
        filled.set_width(rect.width() * fraction);
        painter.rect_filled(filled, 2.0, standing_colour(standing));
        painter.rect_stroke(
            rect,
            2.0,
            ui.visuals().widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
        // The details say all the line says: a cut line needs no tooltip of its own.
        let details = text::standing_details(standing);
        bar.on_hover_text(&details);
        ui.add(
            egui::Label::new(text::standing_line(standing))
                .truncate()
                .show_tooltip_when_elided(false),
        )
        .on_hover_text(details);
    });
}

impl Drop for WorkspacePanel {
    fn drop(&mut self) {
        self.cancel();
    }
}
