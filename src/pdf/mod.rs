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

pub mod bundle;
mod checklist;
mod error;
pub mod font;
mod form;
mod frame;
pub mod labels;
pub mod layout;
pub mod letters;
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
pub use form::{Form, RenderedForm};
pub use frame::{
    BODY_BOTTOM_MARGIN, BODY_TOP, HEADER_MIN_SIZE, HEADER_WIDTH, MARGIN_LEFT, MARGIN_RIGHT,
};
pub use preflight::{cases_outside_period, preflight, without_cases_outside_period};
pub use shiki3::FacilityPages;
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
    /// The regional committee's address as remembered: the checklist, the 送付状 and the
    /// label say where to post (none: blank lines to fill in by hand).
    pub committee: Option<crate::mailing::Committee>,
    /// Also write, beside the bundle, one signature request per facility of 様式3, the 送付状
    /// and the envelope label of this size.
    pub letters: Option<letters::Envelope>,
    /// With the letters: also print each facility's signature request in the bundle, in front
    /// of that facility's pages of 様式3 (to be taken out with them and handed over).
    pub letters_in_bundle: bool,
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
    /// The letters written beside the bundle (signature requests, 送付状, label).
    pub letters: Vec<PathBuf>,
    /// The 送付状 and label were written with blank lines for the address (none remembered
    /// for the regional society).
    pub address_blank: bool,
    /// The plan the letters were written from (who signs which pages), when they were.
    pub plan: Option<bundle::Plan>,
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
    let how = Drawing {
        draft: !report.passes,
        ..Drawing::default()
    };
    render_with(app, rules, &report, only, &how)
}

/// How the forms are drawn, beyond the application itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Drawing<'a> {
    /// Mark every page 「下書き（基準未達）」.
    pub draft: bool,
    /// The committee's address as remembered (the checklist says where to post).
    pub committee: Option<&'a crate::mailing::Committee>,
    /// Start each facility of 様式3 on a page of its own, so that each 診療責任者 can be handed
    /// their own sheets (with the signature requests).
    pub facility_per_page: bool,
}

/// Draws the forms of `only` that apply, in posting order, as `how` says.
pub fn render_with(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    only: &[Form],
    how: &Drawing,
) -> Result<Vec<RenderedForm>, PdfError> {
    let draft = how.draft;
    let ctx = Ctx {
        app,
        rules,
        report,
        m: Metrics::get()?,
        committee: how.committee,
        facility_per_page: how.facility_per_page,
    };
    let mut out = Vec::new();
    for form in Form::ALL {
        if !only.contains(&form) {
            continue;
        }
        let mut facilities = Vec::new();
        let mut pages = match form {
            Form::Application => shiki1::render(&ctx),
            Form::WorkingStatus => shiki2::render(&ctx),
            Form::ClinicalRecord if report.exempt_from_clinical => continue,
            Form::ClinicalRecord => {
                let (pages, groups) = shiki3::render_with_facilities(&ctx);
                facilities = groups;
                pages
            }
            Form::UnitSummary => shiki4::render(&ctx),
            Form::Checklist => checklist::render(&ctx),
        };
        frame::frame_pages(&ctx, form.label(), &mut pages);
        if draft {
            pages.iter_mut().for_each(|p| mark_draft(&ctx, p));
        }
        out.push(RenderedForm {
            form,
            pages,
            facilities,
        });
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
    export(app, rules, &report, dir, files, checks, options)
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
        &ExportOptions::default(),
    )
}

/// Writes `files` into `dir` from the application's `report` (evaluated once by the caller)
/// and its pre-flight findings. Pages and bytes of the result are the bundle's when it is
/// written, else the totals of the forms' files. A bundle that does not pass is marked
/// 「下書き（基準未達）」 on every page unless `options.post_as_is`; the letters of
/// `options.letters` are written beside it (the choice of files is `files`, not
/// `options.per_form_files`).
pub fn export(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    dir: &Path,
    files: Files,
    preflight: Vec<Finding>,
    options: &ExportOptions,
) -> Result<ExportResult, PdfError> {
    create_out_dir(dir)?;
    let (only, bundle, each) = match files {
        Files::Bundle { per_form } => (&Form::ALL[..], true, per_form),
        Files::Only(only) => (only, false, true),
    };
    let draft = !report.passes && !options.post_as_is;
    let committee = options.committee.as_ref();
    let how = Drawing {
        draft,
        committee,
        facility_per_page: options.letters.is_some(),
    };
    let mut forms = render_with(app, rules, report, only, &how)?;
    let letters = match options.letters {
        Some(envelope) => {
            let plan = bundle::plan(app, rules, report, &forms, committee);
            Some((
                letters::render_all(app, rules, report, &plan, envelope, today())?,
                plan,
            ))
        }
        None => None,
    };
    if options.letters_in_bundle
        && let Some((drawn, _)) = &letters
        && let Some(form3) = forms.iter_mut().find(|f| f.form == Form::ClinicalRecord)
    {
        put_requests_in_front(form3, &drawn.requests);
    }
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
    if let Some((letters, plan)) = letters {
        result.address_blank = plan.committee.as_ref().is_none_or(|c| !c.has_address());
        for (name, bytes) in letters::write_all(app, letters)? {
            let path = dir.join(name);
            write(&path, &bytes)?;
            result.letters.push(path);
        }
        result.plan = Some(plan);
    }
    Ok(result)
}

/// Puts each facility's signature request in front of its first page of 様式3 (its pages keep
/// their own numbers: the requests are taken out before posting).
fn put_requests_in_front(form3: &mut RenderedForm, requests: &[(String, Vec<Page>)]) {
    let pages = std::mem::take(&mut form3.pages);
    for (i, page) in pages.into_iter().enumerate() {
        for (f, (_, request)) in form3.facilities.iter().zip(requests) {
            if f.pages.0 == i + 1 {
                form3.pages.extend(request.iter().cloned());
            }
        }
        form3.pages.push(page);
    }
}

/// One letter per facility for the doctors of an office: each facility's 診療責任者 is asked once
/// to sign the pages of every doctor who saw cases there. Written into `dir`; the files written.
pub fn write_facility_letters(
    doctors: &[(String, &bundle::Plan)],
    dir: &Path,
) -> Result<Vec<PathBuf>, PdfError> {
    let letters = letters::for_facilities(doctors, today())?;
    if letters.is_empty() {
        return Ok(Vec::new());
    }
    create_out_dir(dir)?;
    let mut out = Vec::new();
    for (name, bytes) in letters::write_facility_letters(letters)? {
        let path = dir.join(name);
        write(&path, &bytes)?;
        out.push(path);
    }
    Ok(out)
}

/// Today, as the letters are dated: the day of `SOURCE_DATE_EPOCH` when it is set (a
/// reproducible build of the same bundle), else the local date.
fn today() -> chrono::NaiveDate {
    write::Meta::now()
        .created
        .with_timezone(&chrono::Local)
        .date_naive()
}

/// Creates the output folder (and its parents) when missing.
fn create_out_dir(dir: &Path) -> Result<(), PdfError> {
    std::fs::create_dir_all(dir).map_err(|source| PdfError::Folder {
        path: dir.to_path_buf(),
        source,
    })
}
