//! The paper bundle: 様式1–4 and the checklist as print-ready A4 PDF.
//!
//! Each form is drawn by its own module over the small toolkit in [`layout`]; every printed
//! word lives in [`labels`]. Pages are numbered "n / m" within each form, so that a form
//! printed on its own, or one facility's pages of 様式3, read the same as in the bundle.
//!
//! The layers, each importing only those before it: [`units`] (millimetres and points),
//! [`font`], [`page`] (pages as drawing operations), [`layout`] (text and tables on pages),
//! `frame` (margins, header, footer and the paginator every form lays its pages down with),
//! the forms; and beside the forms the writer, which turns pages into PDF bytes knowing
//! nothing of the forms. An export evaluates the application once and hands the report down.

mod checklist;
mod error;
pub mod font;
mod frame;
pub mod labels;
pub mod layout;
pub mod page;
mod preflight;
mod shiki1;
mod shiki2;
mod shiki3;
mod shiki4;
pub mod units;
mod write;

use std::path::{Path, PathBuf};

use crate::model::Application;
use crate::rules::{self, Finding, Report, RuleSet};
use crate::store;

use font::Metrics;
use frame::Ctx;
use page::Page;

pub use error::PdfError;
pub use frame::{
    BODY_BOTTOM_MARGIN, BODY_TOP, HEADER_MIN_SIZE, HEADER_WIDTH, MARGIN_LEFT, MARGIN_RIGHT,
};
pub use preflight::{cases_outside_period, preflight, without_cases_outside_period};
pub use units::{Mm, Pt};

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Also write one file per form beside the combined bundle.
    pub per_form_files: bool,
    /// Print a bundle that does not meet the criteria without the 下書き mark: the user has
    /// confirmed it is to be posted as it is (the rules may be provisional; the committee
    /// decides).
    pub post_as_is: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Default)]
pub struct ExportResult {
    /// Files written, the combined bundle first.
    pub files: Vec<PathBuf>,
    /// Pages of the combined bundle.
    pub pages: usize,
    /// Size of the combined bundle in bytes.
    pub bytes: u64,
    /// Whether the application passes (the summary says why not when it does not).
    pub passes: bool,
    /// Whether every page is marked 「下書き（基準未達）」 (it does not pass, and the user did not
    /// confirm that it is to be posted as it is).
    pub draft: bool,
    /// The pre-flight findings at the time of export (empty when every value fits).
    pub preflight: Vec<Finding>,
}

/// The forms of the bundle, in posting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// 様式1 申請書
    Application,
    /// 様式2 勤務実態自己申告書
    WorkingStatus,
    /// 様式3 症例一覧表
    ClinicalRecord,
    /// 様式4 機構単位集計表
    UnitSummary,
    /// チェックリスト
    Checklist,
}

impl Form {
    /// All forms in posting order.
    pub const ALL: [Form; 5] = [
        Form::Application,
        Form::WorkingStatus,
        Form::ClinicalRecord,
        Form::UnitSummary,
        Form::Checklist,
    ];

    /// The form's name as printed at the top left (「様式3」).
    pub fn label(self) -> &'static str {
        match self {
            Form::Application => labels::FORM1,
            Form::WorkingStatus => labels::FORM2,
            Form::ClinicalRecord => labels::FORM3,
            Form::UnitSummary => labels::FORM4,
            Form::Checklist => labels::CHECKLIST,
        }
    }

    /// The form's title as printed on it.
    pub fn title(self) -> &'static str {
        match self {
            Form::Application => labels::FORM1_TITLE,
            Form::WorkingStatus => labels::FORM2_TITLE,
            Form::ClinicalRecord => labels::FORM3_TITLE,
            Form::UnitSummary => labels::FORM4_TITLE,
            Form::Checklist => labels::CHECKLIST_TITLE,
        }
    }

    /// The form named as on the paper: `1`–`4` for 様式1–4, `checklist` (or `様式3` and the
    /// like).
    pub fn from_name(name: &str) -> Option<Form> {
        let name = name.trim();
        let name = name.strip_prefix("様式").unwrap_or(name);
        match name.to_ascii_lowercase().as_str() {
            "1" | "１" => Some(Form::Application),
            "2" | "２" => Some(Form::WorkingStatus),
            "3" | "３" => Some(Form::ClinicalRecord),
            "4" | "４" => Some(Form::UnitSummary),
            "checklist" | "チェックリスト" => Some(Form::Checklist),
            _ => None,
        }
    }

    /// File name when written on its own.
    pub fn file_name(self) -> &'static str {
        match self {
            Form::Application => labels::FORM1_FILE,
            Form::WorkingStatus => labels::FORM2_FILE,
            Form::ClinicalRecord => labels::FORM3_FILE,
            Form::UnitSummary => labels::FORM4_FILE,
            Form::Checklist => labels::CHECKLIST_FILE,
        }
    }
}

/// One form drawn: its pages, header and footer included.
#[derive(Debug, Clone)]
pub struct RenderedForm {
    /// Which form.
    pub form: Form,
    /// Its pages.
    pub pages: Vec<Page>,
}

/// Draws every form of the bundle that applies (様式3 is left out for exempt applicants).
pub fn render_forms(app: &Application, rules: &RuleSet) -> Result<Vec<RenderedForm>, PdfError> {
    render_selected(app, rules, &Form::ALL)
}

/// Draws the forms of `only` that apply, in posting order.
pub fn render_selected(
    app: &Application,
    rules: &RuleSet,
    only: &[Form],
) -> Result<Vec<RenderedForm>, PdfError> {
    let report = rules::evaluate(app, rules);
    render_with(app, rules, &report, only, !report.passes)
}

/// Draws the forms; `draft` marks every page 「下書き（基準未達）」.
fn render_with(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    only: &[Form],
    draft: bool,
) -> Result<Vec<RenderedForm>, PdfError> {
    let ctx = Ctx {
        app,
        rules,
        report,
        m: Metrics::get()?,
    };
    let mut out = Vec::new();
    for form in Form::ALL {
        if !only.contains(&form) {
            continue;
        }
        let mut pages = match form {
            Form::Application => shiki1::render(&ctx),
            Form::WorkingStatus => shiki2::render(&ctx),
            Form::ClinicalRecord if report.exempt_from_clinical => continue,
            Form::ClinicalRecord => shiki3::render(&ctx),
            Form::UnitSummary => shiki4::render(&ctx),
            Form::Checklist => checklist::render(&ctx),
        };
        frame::frame_pages(&ctx, form.label(), &mut pages);
        if draft {
            pages.iter_mut().for_each(|p| mark_draft(&ctx, p));
        }
        out.push(RenderedForm { form, pages });
    }
    Ok(out)
}

/// 「下書き（基準未達）」 in translucent grey across a page, over its content: a bundle
/// that does not meet the criteria is never posted by mistake.
fn mark_draft(ctx: &Ctx, page: &mut Page) {
    let size = Pt(if page.width > page.height { 56.0 } else { 40.0 });
    let width = ctx.m.width_mm(labels::DRAFT_MARK, size);
    let x = (page.width - width) / 2.0;
    for share in [0.3, 0.62] {
        page.mark(x, page.height * share, size, labels::DRAFT_MARK, 0.45);
    }
}

/// One PDF file made by an export.
#[derive(Debug, Clone)]
pub struct PdfFile {
    /// The form it holds, `None` for the whole bundle.
    pub form: Option<Form>,
    /// Its pages.
    pub pages: usize,
    /// The PDF.
    pub bytes: Vec<u8>,
}

/// Writes drawn forms as PDF: the whole bundle if `bundle`, one file per form if `each`. Every
/// page is laid out once and encoded once, whichever files hold it; each file embeds one
/// subset of the font shared by all its pages.
pub fn write_pdfs(
    app: &Application,
    forms: Vec<RenderedForm>,
    bundle: bool,
    each: bool,
) -> Result<Vec<PdfFile>, PdfError> {
    let name = app.applicant.name.trim();
    let mut pages = Vec::new();
    let mut parts = Vec::new();
    for f in forms {
        let start = pages.len();
        pages.extend(f.pages);
        parts.push((f.form, start..pages.len()));
    }
    let mut specs = Vec::new();
    let mut which = Vec::new();
    if bundle {
        specs.push(write::FileSpec {
            title: labels::pdf_title(labels::BUNDLE_TITLE, name),
            pages: 0..pages.len(),
        });
        which.push(None);
    }
    if each {
        for (form, range) in &parts {
            let what = format!("{} {}", form.label(), form.title());
            specs.push(write::FileSpec {
                title: labels::pdf_title(&what, name),
                pages: range.clone(),
            });
            which.push(Some(*form));
        }
    }
    let bytes = write::write_files(Metrics::get()?, &pages, &specs, &write::Meta::now())?;
    Ok(which
        .into_iter()
        .zip(specs)
        .zip(bytes)
        .map(|((form, spec), bytes)| PdfFile {
            form,
            pages: spec.pages.len(),
            bytes,
        })
        .collect())
}

/// The whole bundle as one PDF in posting order, and its page count.
pub fn bundle_pdf(app: &Application, rules: &RuleSet) -> Result<(Vec<u8>, usize), PdfError> {
    let forms = render_forms(app, rules)?;
    let file = write_pdfs(app, forms, true, false)?
        .into_iter()
        .next()
        .ok_or(PdfError::Font)?;
    Ok((file.bytes, file.pages))
}

/// The forms of `only` that apply, each as a PDF of its own.
pub fn forms_pdf(
    app: &Application,
    rules: &RuleSet,
    only: &[Form],
) -> Result<Vec<PdfFile>, PdfError> {
    let forms = render_selected(app, rules, only)?;
    write_pdfs(app, forms, false, true)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    // Exported forms can be made again at any time: no `.pdf.bak` beside them.
    Ok(store::write_output(path, bytes)?)
}

/// Which files an export writes.
#[derive(Debug, Clone, Copy)]
pub enum Files<'a> {
    /// The combined bundle and, if `per_form`, one file per form beside it.
    Bundle {
        /// Also write one file per form.
        per_form: bool,
    },
    /// Only these forms (those that apply), one file each, and no bundle.
    Only(&'a [Form]),
}

/// Writes the bundle into `dir`: the combined PDF and, if asked, one file per form.
pub fn export_bundle(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    options: &ExportOptions,
) -> Result<ExportResult, PdfError> {
    let files = Files::Bundle {
        per_form: options.per_form_files,
    };
    let report = rules::evaluate(app, rules);
    let checks = preflight(app, rules);
    export(app, rules, &report, dir, files, checks, options.post_as_is)
}

/// Writes only the forms of `only` into `dir`, one file each (no bundle). Pages and bytes of
/// the result are the totals of the files written; a form that does not apply (様式3 for an
/// exempt applicant) is not written.
pub fn export_forms(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    only: &[Form],
) -> Result<ExportResult, PdfError> {
    let report = rules::evaluate(app, rules);
    export(
        app,
        rules,
        &report,
        dir,
        Files::Only(only),
        preflight(app, rules),
        false,
    )
}

/// Writes `files` into `dir` from the application's `report` (evaluated once by the caller)
/// and its pre-flight findings. Pages and bytes of the result are the bundle's when it is
/// written, else the totals of the forms' files. A bundle that does not pass is marked
/// 「下書き（基準未達）」 on every page unless `post_as_is`.
pub fn export(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    dir: &Path,
    files: Files,
    preflight: Vec<Finding>,
    post_as_is: bool,
) -> Result<ExportResult, PdfError> {
    create_out_dir(dir)?;
    let (only, bundle, each) = match files {
        Files::Bundle { per_form } => (&Form::ALL[..], true, per_form),
        Files::Only(only) => (only, false, true),
    };
    let draft = !report.passes && !post_as_is;
    let forms = render_with(app, rules, report, only, draft)?;
    let mut result = ExportResult {
        passes: report.passes,
        draft,
        preflight,
        ..ExportResult::default()
    };
    for file in write_pdfs(app, forms, bundle, each)? {
        let path = match file.form {
            None => {
                result.pages = file.pages;
                result.bytes = file.bytes.len() as u64;
                dir.join(labels::BUNDLE_FILE)
            }
            Some(form) => {
                if !bundle {
                    result.pages += file.pages;
                    result.bytes += file.bytes.len() as u64;
                }
                dir.join(form.file_name())
            }
        };
        write(&path, &file.bytes)?;
        result.files.push(path);
    }
    Ok(result)
}

/// Creates the output folder (and its parents) when missing.
fn create_out_dir(dir: &Path) -> Result<(), PdfError> {
    std::fs::create_dir_all(dir).map_err(|source| PdfError::Folder {
        path: dir.to_path_buf(),
        source,
    })
}
