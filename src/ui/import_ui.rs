//! The import window: pick a spreadsheet (CSV or Excel), see every row parsed, map unrecognised
//! columns by hand, see the bad rows by line with their reasons, and import — all or nothing
//! unless 「正しい行だけ取り込む」 is chosen. Also the box for pasting the portal's 単位情報 table.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, Ui};

use super::document::{Document, EditKey};
use super::pick_keys;
use super::text;
use super::tokens::colour;
use super::workspace_ui::WorkspacePanel;
use crate::import::{
    self, CaseImport, Context, CreditImport, ImportOptions, Importable, PortalTotals, Preview,
};
use crate::model::Application;
use crate::rules::RuleSet;

/// Rows listed at most in each list of the window.
const ROWS_SHOWN: usize = 500;
/// Rows listed at most under 「取り込む内容」.
const GOOD_ROWS_SHOWN: usize = 50;

/// What the window imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportKind {
    /// 様式3 cases.
    #[default]
    Cases,
    /// Credits, one row per credit.
    Credits,
    /// The portal's totals, pasted.
    Portal,
}

/// A read file, as cases or credits.
#[derive(Debug, Clone)]
enum Loaded {
    Cases(CaseImport),
    Credits(CreditImport),
}

/// An import the user confirmed, to apply to the application (e.g. inside an undoable edit).
#[derive(Debug, Clone)]
pub enum PendingImport {
    /// Cases from a sheet.
    Cases(Box<CaseImport>, ImportOptions),
    /// Credits from a sheet.
    Credits(Box<CreditImport>, ImportOptions),
    /// The portal's totals.
    Portal(PortalTotals, std::sync::Arc<RuleSet>),
}

impl PendingImport {
    /// Applies it; returns the message to show, or why nothing was imported.
    pub fn apply(&self, app: &mut Application) -> Result<String, String> {
        match self {
            PendingImport::Cases(p, options) => p
                .apply(app, *options)
                .map(|o| text::cases_imported(o.added))
                .map_err(|e| e.to_string()),
            PendingImport::Credits(p, options) => p
                .apply(app, *options)
                .map(|o| text::credits_imported(o.added))
                .map_err(|e| e.to_string()),
            PendingImport::Portal(totals, rules) => {
                let n = import::apply_portal_totals(app, totals, rules);
                Ok(text::portal_imported(n))
            }
        }
    }
}

/// The import window's state.
#[derive(Debug, Clone, Default)]
pub struct ImportDialog {
    open: bool,
    kind: ImportKind,
    path: Option<PathBuf>,
    sheets: Vec<String>,
    sheet: Option<String>,
    loaded: Option<Loaded>,
    options: ImportOptions,
    portal_text: String,
    error: Option<String>,
    /// The last import's result, for the status bar.
    pub message: Option<String>,
    /// The user asked for a file (the app shows its file chooser and calls `load_file`).
    pub wants_file: bool,
    /// Rows pasted into a table: the index in the application's list they go in at.
    paste: Option<usize>,
}

impl ImportDialog {
    /// Opens the window for `kind`, forgetting any previous file. Imported cases are sorted
    /// by date unless the user unticks it: appended as they are, they would print after the
    /// typed cases of their facility, out of date order, which is rarely what the paper should
    /// show; the sort keeps the facilities' order and equal dates as they were, and the whole
    /// import, sort included, is one step of undo.
    pub fn open(&mut self, kind: ImportKind) {
        *self = ImportDialog {
            open: true,
            kind,
            message: self.message.take(),
            options: ImportOptions {
                sort_by_date: true,
                ..ImportOptions::default()
            },
            ..ImportDialog::default()
        };
    }

    /// Opens the window on rows pasted into a table (tab-separated text from a spreadsheet),
    /// read as a file would be, to go in at index `at` of the application's list. A paste that
    /// is no table, or too large, is said in the window and nothing changes.
    pub fn open_paste(&mut self, kind: ImportKind, text: &str, at: usize, app: &Application) {
        *self = ImportDialog {
            open: true,
            kind,
            message: self.message.take(),
            options: ImportOptions {
                insert_at: Some(at),
                ..ImportOptions::default()
            },
            paste: Some(at),
            ..ImportDialog::default()
        };
        let rules = RuleSet::shared(app.fiscal_year).ok();
        let ctx = Context {
            app,
            rules: rules.as_deref(),
        };
        let loaded = match kind {
            ImportKind::Credits => {
                import::preview_paste::<crate::model::Credit>(text, &ctx).map(Loaded::Credits)
            }
            ImportKind::Cases | ImportKind::Portal => {
                import::preview_paste::<crate::model::Case>(text, &ctx).map(Loaded::Cases)
            }
        };
        match loaded {
            Ok(l) => self.loaded = Some(l),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Whether the window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Reads `path` (its first sheet, or `sheet`) and previews it against `app`.
    pub fn load_file(&mut self, path: &Path, sheet: Option<String>, app: &Application) {
        let rules = RuleSet::shared(app.fiscal_year).ok();
        self.error = None;
        self.loaded = None;
        self.path = Some(path.to_path_buf());
        self.sheets = if import::is_workbook(path) {
            match import::sheet_names(path) {
                Ok(names) => names,
                Err(e) => {
                    self.error = Some(e.to_string());
                    return;
                }
            }
        } else {
            Vec::new()
        };
        let read = match self.kind {
            ImportKind::Credits => import::read_for::<crate::model::Credit>,
            ImportKind::Cases | ImportKind::Portal => import::read_for::<crate::model::Case>,
        };
        let table = match read(path, sheet.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                self.error = Some(e.to_string());
                return;
            }
        };
        self.sheet = table.sheet.clone();
        let ctx = Context {
            app,
            rules: rules.as_deref(),
        };
        self.loaded = Some(match self.kind {
            ImportKind::Credits => Loaded::Credits(Preview::new(table, &ctx)),
            ImportKind::Cases | ImportKind::Portal => Loaded::Cases(Preview::new(table, &ctx)),
        });
    }

    /// Sets the pasted portal text (as typed or pasted into the box).
    pub fn set_portal_text(&mut self, text: &str) {
        self.portal_text = text.to_string();
    }

    /// Chooses whether bad rows are skipped, duplicates left out and cases sorted by date.
    pub fn set_options(&mut self, options: ImportOptions) {
        self.options = options;
    }

    /// The import the 「取り込む」 button would make now, if it is enabled.
    pub fn ready(&self, app: &Application) -> Option<PendingImport> {
        match (&self.kind, &self.loaded) {
            (ImportKind::Portal, _) => {
                let rules = RuleSet::shared(app.fiscal_year).ok()?;
                let totals = import::parse_portal_totals(&self.portal_text).ok()?;
                Some(PendingImport::Portal(totals, rules))
            }
            (_, Some(Loaded::Cases(p))) => p
                .can_apply(self.options)
                .then(|| PendingImport::Cases(Box::new(p.clone()), self.options)),
            (_, Some(Loaded::Credits(p))) => p
                .can_apply(self.options)
                .then(|| PendingImport::Credits(Box::new(p.clone()), self.options)),
            (_, None) => None,
        }
    }

    /// Draws the window; returns the import the user confirmed, for the caller to apply
    /// (inside its undo history).
    pub fn pending_ui(&mut self, ctx: &egui::Context, app: &Application) -> Option<PendingImport> {
        if !self.open {
            return None;
        }
        let title = match self.kind {
            ImportKind::Cases => text::IMPORT_TITLE_CASES,
            ImportKind::Credits => text::IMPORT_TITLE_CREDITS,
            ImportKind::Portal => text::IMPORT_TITLE_PORTAL,
        };
        let mut open = true;
        let mut confirmed = None;
        egui::Window::new(title)
            .open(&mut open)
            .resizable(true)
            .default_size([760.0, 560.0])
            .show(ctx, |ui| {
                confirmed = match self.kind {
                    ImportKind::Portal => self.portal_ui(ui, app),
                    _ => self.sheet_ui(ui, app),
                };
            });
        if !open || confirmed.is_some() {
            self.open = false;
        }
        confirmed
    }

    /// Draws the window and applies a confirmed import to `app`; returns whether it changed.
    pub fn show_ui(&mut self, ctx: &egui::Context, app: &mut Application) -> bool {
        let Some(pending) = self.pending_ui(ctx, app) else {
            return false;
        };
        match pending.apply(app) {
            Ok(message) => {
                self.message = Some(message);
                true
            }
            Err(e) => {
                self.message = Some(e);
                false
            }
        }
    }

    fn sheet_ui(&mut self, ui: &mut Ui, app: &Application) -> Option<PendingImport> {
        if let Some(at) = self.paste {
            let len = match self.kind {
                ImportKind::Credits => app.credits.len(),
                _ => app.cases.len(),
            };
            ui.label(text::import_paste_where(at, len));
        } else {
            ui.horizontal(|ui| {
                if ui.button(text::IMPORT_PICK_FILE).clicked() {
                    self.wants_file = true;
                }
                if let Some(path) = &self.path {
                    ui.label(path.display().to_string());
                }
            });
        }
        if self.sheets.len() > 1 {
            let sheets = &self.sheets;
            let mut at = self
                .sheet
                .as_ref()
                .and_then(|s| sheets.iter().position(|n| n == s));
            let options: Vec<Option<usize>> = (0..sheets.len()).map(Some).collect();
            let name =
                |i: Option<usize>| i.and_then(|i| sheets.get(i)).cloned().unwrap_or_default();
            pick_keys::combo_ui(ui, "import-sheet", name(at), None, &mut at, &options, name)
                .on_hover_text(text::IMPORT_SHEET);
            let chosen = at.and_then(|i| sheets.get(i)).cloned();
            if chosen != self.sheet
                && let Some(path) = self.path.clone()
            {
                self.load_file(&path, chosen, app);
            }
        }
        if let Some(e) = &self.error {
            ui.colored_label(colour::ERROR, e);
        }
        let rules = RuleSet::shared(app.fiscal_year).ok();
        let ctx = Context {
            app,
            rules: rules.as_deref(),
        };
        match &mut self.loaded {
            Some(Loaded::Cases(p)) => {
                sex_choice_ui(ui, p, &ctx);
                preview_ui(ui, p, &ctx, &mut self.options);
                if self.paste.is_none() {
                    ui.checkbox(&mut self.options.sort_by_date, text::IMPORT_SORT_BY_DATE);
                }
            }
            Some(Loaded::Credits(p)) => {
                kind_choices_ui(ui, p, &ctx);
                preview_ui(ui, p, &ctx, &mut self.options);
            }
            None => {}
        }
        ui.separator();
        // Checked every frame; the preview is copied only when the button is pressed.
        let enabled = match &self.loaded {
            Some(Loaded::Cases(p)) => p.can_apply(self.options),
            Some(Loaded::Credits(p)) => p.can_apply(self.options),
            None => false,
        };
        let mut confirmed = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(enabled, egui::Button::new(text::IMPORT))
                .clicked()
            {
                confirmed = self.ready(app);
            }
            if ui.button(text::CLOSE).clicked() {
                self.open = false;
            }
        });
        confirmed
    }

    fn portal_ui(&mut self, ui: &mut Ui, app: &Application) -> Option<PendingImport> {
        ui.label(text::PORTAL_HINT);
        ui.add(
            egui::TextEdit::multiline(&mut self.portal_text)
                .desired_rows(8)
                .desired_width(f32::INFINITY)
                .code_editor(),
        );
        match import::parse_portal_totals(&self.portal_text) {
            Ok(totals) => {
                egui::Grid::new("portal-totals")
                    .striped(true)
                    .show(ui, |ui| {
                        for (col, units) in &totals.units {
                            ui.label(col.label());
                            ui.label(text::portal_units(*units));
                            ui.end_row();
                        }
                    });
            }
            Err(e) if !self.portal_text.trim().is_empty() => {
                ui.colored_label(colour::ERROR, e.to_string());
            }
            Err(_) => {}
        }
        if let Some(warning) = import::portal_overlap_warning(app) {
            ui.colored_label(colour::WARNING, warning);
        }
        let ready = self.ready(app);
        let mut confirmed = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready.is_some(), egui::Button::new(text::PORTAL_IMPORT))
                .clicked()
            {
                confirmed = ready;
            }
            if ui.button(text::CLOSE).clicked() {
                self.open = false;
            }
        });
        confirmed
    }
}

/// The column mapping, the counts, the bad rows and the notes of a preview.
fn preview_ui<T: Importable>(
    ui: &mut Ui,
    preview: &mut Preview<T>,
    ctx: &Context<'_>,
    options: &mut ImportOptions,
) {
    ui.label(RichText::new(&preview.table.source).strong());
    mapping_ui(ui, preview, ctx);
    let bad = preview.bad_rows().count();
    ui.label(text::import_counts(
        preview.rows.len(),
        preview.good_count(),
        bad,
        preview.duplicate_count(),
    ));
    for notice in preview.notices() {
        ui.colored_label(colour::WARNING, notice);
    }
    reading_summary_ui(ui, preview);
    for footer in &preview.set_aside {
        ui.label(footer.to_string());
    }
    if bad > 0 {
        ui.label(
            RichText::new(text::IMPORT_BAD_ROWS)
                .strong()
                .color(colour::ERROR),
        );
        egui::ScrollArea::vertical()
            .id_salt("import-bad-rows")
            .max_height(160.0)
            .show(ui, |ui| {
                for row in preview.bad_rows().take(ROWS_SHOWN) {
                    ui.colored_label(colour::ERROR, row.problem_text());
                }
            });
        ui.checkbox(&mut options.skip_bad, text::IMPORT_SKIP_BAD);
    }
    let good: Vec<String> = preview
        .rows
        .iter()
        .filter_map(|r| {
            r.value
                .as_ref()
                .map(|v| text::import_line(r.line, &v.summary()))
        })
        .take(GOOD_ROWS_SHOWN)
        .collect();
    if !good.is_empty() {
        egui::CollapsingHeader::new(text::import_good_rows(GOOD_ROWS_SHOWN))
            .default_open(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("import-good-rows")
                    .max_height(140.0)
                    .show(ui, |ui| {
                        for line in &good {
                            ui.label(line);
                        }
                    });
            });
    }
    let noted: Vec<String> = preview
        .rows
        .iter()
        .filter(|r| !r.notes.is_empty())
        .take(ROWS_SHOWN)
        .map(|r| text::import_line(r.line, &r.notes.join("／")))
        .collect();
    if !noted.is_empty() {
        ui.label(RichText::new(text::IMPORT_NOTES).strong());
        egui::ScrollArea::vertical()
            .id_salt("import-notes")
            .max_height(120.0)
            .show(ui, |ui| {
                for note in &noted {
                    ui.label(note);
                }
            });
    }
    if preview.duplicate_count() > 0 {
        ui.checkbox(&mut options.skip_duplicates, text::IMPORT_SKIP_DUPLICATES);
    }
}

/// A case list without a 性別 column: which sex its rows get (女 unless changed).
fn sex_choice_ui(ui: &mut Ui, preview: &mut CaseImport, ctx: &Context<'_>) {
    let sex_field = import::CASE_FIELDS
        .iter()
        .position(|f| f.label == crate::model::CaseField::Sex.label());
    if sex_field.is_none_or(|f| preview.mapping.get(f).is_some()) {
        return;
    }
    let mut choices = preview.choices;
    ui.horizontal(|ui| {
        ui.label(text::IMPORT_SEX_IF_MISSING);
        let sexes = crate::model::Sex::ALL;
        let shown = choices.sex_if_missing.label();
        let r = pick_keys::combo_ui(
            ui,
            "import-sex-if-missing",
            shown,
            Some(80.0),
            &mut choices.sex_if_missing,
            &sexes,
            crate::model::Sex::label,
        );
        super::widgets::name_widget(&r, || text::IMPORT_SEX_PICK.to_string());
    });
    if choices != preview.choices {
        preview.choose(choices, ctx);
    }
}

/// Rows whose 区分 leaves several kinds open: one pick-list each, nothing guessed.
fn kind_choices_ui(ui: &mut Ui, preview: &mut CreditImport, ctx: &Context<'_>) {
    let open: Vec<(usize, String, Vec<crate::model::CreditKind>)> = preview
        .rows
        .iter()
        .filter_map(|r| {
            r.problems.iter().find_map(|p| match p {
                import::CellError::AmbiguousKind { text, choices, .. } => {
                    Some((r.line, text.clone(), choices.clone()))
                }
                _ => None,
            })
        })
        // Rows already chosen stay listed, so that a choice can be changed.
        .chain(
            preview
                .choices
                .offered
                .iter()
                .map(|(line, (text, kinds))| (*line, text.clone(), kinds.clone())),
        )
        .take(ROWS_SHOWN)
        .collect();
    if open.is_empty() {
        return;
    }
    let mut choices = preview.choices.clone();
    ui.label(RichText::new(text::IMPORT_CHOOSE_KINDS).strong());
    egui::ScrollArea::vertical()
        .id_salt("import-kind-choices")
        .max_height(140.0)
        .show(ui, |ui| {
            egui::Grid::new("import-kind-grid").show(ui, |ui| {
                for (line, written, kinds) in &open {
                    ui.label(text::import_kind_row(*line, written));
                    let mut chosen = choices.kinds.get(line).copied();
                    let options: Vec<Option<crate::model::CreditKind>> = std::iter::once(None)
                        .chain(kinds.iter().copied().map(Some))
                        .collect();
                    let name = |k: Option<crate::model::CreditKind>| {
                        k.map_or_else(
                            || text::IMPORT_CHOOSE.to_string(),
                            |k| import::credit_words::choice_text(k, kinds),
                        )
                    };
                    let shown = name(chosen);
                    let r = pick_keys::combo_ui(
                        ui,
                        ("import-kind", *line),
                        shown,
                        Some(200.0),
                        &mut chosen,
                        &options,
                        name,
                    )
                    .on_hover_text(text::import_kind_row(*line, written));
                    super::widgets::name_widget(&r, || text::import_kind_pick(*line, written));
                    match chosen {
                        Some(k) => {
                            choices.kinds.insert(*line, k);
                            choices
                                .offered
                                .insert(*line, (written.clone(), kinds.clone()));
                        }
                        None => {
                            choices.kinds.remove(line);
                        }
                    }
                    ui.end_row();
                }
            });
        });
    if choices != preview.choices {
        preview.choose(choices, ctx);
    }
}

/// Per column, how the values were read (`転帰: 軽快 ×30、継続 ×12 …`).
fn reading_summary_ui<T: Importable>(ui: &mut Ui, preview: &Preview<T>) {
    let summary = preview.reading_summary();
    if summary.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(text::IMPORT_READING)
        .default_open(true)
        .show(ui, |ui| {
            for column in summary {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(column.label).strong());
                    ui.label(column.parts.join("、"));
                });
            }
        });
}

/// One ComboBox per field: which column holds it.
fn mapping_ui<T: Importable>(ui: &mut Ui, preview: &mut Preview<T>, ctx: &Context<'_>) {
    let titles = preview.column_titles();
    let mut mapping = preview.mapping.clone();
    egui::CollapsingHeader::new(text::IMPORT_MAPPING)
        .default_open(!preview.missing_columns().is_empty())
        .show(ui, |ui| {
            egui::Grid::new("import-mapping").show(ui, |ui| {
                for (i, field) in T::fields().iter().enumerate() {
                    let label = if field.required {
                        text::import_required(field.label)
                    } else {
                        field.label.to_string()
                    };
                    let missing = field.required && mapping.get(i).is_none();
                    ui.label(if missing {
                        RichText::new(label).color(colour::ERROR)
                    } else {
                        RichText::new(label)
                    });
                    let mut column = mapping.get(i);
                    let shown = column
                        .and_then(|c| titles.get(c).cloned())
                        .unwrap_or_else(|| text::IMPORT_NO_COLUMN.into());
                    let options: Vec<Option<usize>> = std::iter::once(None)
                        .chain((0..titles.len()).map(Some))
                        .collect();
                    let title = |c: Option<usize>| {
                        c.and_then(|c| titles.get(c).cloned())
                            .unwrap_or_else(|| text::IMPORT_NO_COLUMN.into())
                    };
                    let salt = ("import-column", i);
                    let width = Some(220.0);
                    pick_keys::combo_ui(ui, salt, shown, width, &mut column, &options, title);
                    mapping.set(i, column);
                    ui.end_row();
                }
            });
        });
    if mapping != preview.mapping {
        preview.remap(mapping, ctx);
    }
}

/// What the windows asked the app to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowsOutcome {
    /// A message for the status bar (what was imported, or why not).
    pub status: Option<String>,
    /// An application file the user chose to open from the office page.
    pub open_file: Option<PathBuf>,
}

/// Draws the import window and the office window (its files evaluated as of `today`); a
/// confirmed import is applied to the open document as one undoable edit.
pub fn windows_ui(
    ctx: &egui::Context,
    import: &mut ImportDialog,
    office: &mut WorkspacePanel,
    doc: &mut Document,
    today: chrono::NaiveDate,
) -> WindowsOutcome {
    let mut outcome = WindowsOutcome::default();
    if let Some(pending) = import.pending_ui(ctx, doc.app()) {
        let mut result = Err(String::new());
        doc.edit(EditKey::Structure, |app| result = pending.apply(app));
        outcome.status = Some(result.unwrap_or_else(|e| e));
    }
    outcome.open_file = office.window_ui(ctx, today);
    outcome
}
