//! The paper bundle: 様式1–4 and the checklist as print-ready A4 PDF.
//!
//! Each form is drawn by its own module over the small toolkit in [`layout`]; every printed
//! word lives in [`labels`]. Pages are numbered "n / m" within each form, so that a form
//! printed on its own, or one facility's pages of 様式3, read the same as in the bundle.

mod checklist;
pub mod font;
pub mod labels;
pub mod layout;
mod preflight;
mod shiki1;
mod shiki2;
mod shiki3;
mod shiki4;
mod write;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Application;
use crate::rules::{self, Finding, Report, RuleSet};
use crate::store;

use font::Metrics;
use layout::{Align, Orientation, Page, RULE_THIN};

pub use preflight::preflight;

/// Left margin in millimetres (room for a hole punch).
pub const MARGIN_LEFT: f32 = 22.0;
/// Right margin in millimetres.
pub const MARGIN_RIGHT: f32 = 14.0;
/// Where the body of a page starts, below the header, in millimetres from the top.
pub const BODY_TOP: f32 = 24.0;
/// Space kept free at the bottom for the footer, in millimetres.
pub const BODY_BOTTOM_MARGIN: f32 = 17.0;
/// Type size of the header line.
const HEADER_SIZE: f32 = 9.0;
/// Smallest type size of the header's name and number.
pub const HEADER_MIN_SIZE: f32 = 6.0;
/// Width kept for the header's name and number.
pub const HEADER_WIDTH: f32 = 120.0;

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Also write one file per form beside the combined bundle.
    pub per_form_files: bool,
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
    /// The pre-flight findings at the time of export (empty when every value fits).
    pub preflight: Vec<Finding>,
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The embedded font could not be read (a broken build).
    #[error("印刷用フォントを読み込めません")]
    Font,
    /// A file could not be written.
    #[error("{path} に書き込めません: {message}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
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

/// What every form needs to draw itself.
pub(crate) struct Ctx<'a> {
    pub app: &'a Application,
    pub rules: &'a RuleSet,
    pub report: &'a Report,
    pub m: &'static Metrics,
}

impl Ctx<'_> {
    /// A fresh body page of the given orientation.
    pub fn page(&self, orientation: Orientation) -> Page {
        Page::a4(orientation)
    }
}

/// Bottom of the body of a page.
pub(crate) fn body_bottom(page: &Page) -> f32 {
    page.height - BODY_BOTTOM_MARGIN
}

/// Right edge of the body of a page.
pub(crate) fn body_right(page: &Page) -> f32 {
    page.width - MARGIN_RIGHT
}

/// Draws a form's title centred at `y`; returns the y below it.
pub(crate) fn title(page: &mut Page, m: &Metrics, y: f32, text: &str) -> f32 {
    let w = body_right(page) - MARGIN_LEFT;
    page.text_line(m, MARGIN_LEFT, w, y + 4.0, 14.0, Align::Center, text);
    y + 10.0
}

/// The header's name-and-number text.
pub(crate) fn header_text(app: &Application) -> String {
    format!(
        "{}　{}　　{}　{}",
        labels::HEADER_NAME,
        app.applicant.name.trim(),
        labels::HEADER_NUMBER,
        app.applicant.specialist_number.trim()
    )
}

/// Adds header (form name, applicant) and footer ("n / m") to a form's pages.
fn frame_pages(ctx: &Ctx, form: Form, pages: &mut [Page]) {
    let total = pages.len();
    let header = header_text(ctx.app);
    for (i, page) in pages.iter_mut().enumerate() {
        let right = body_right(page);
        page.text_line(
            ctx.m,
            MARGIN_LEFT,
            40.0,
            13.0,
            11.0,
            Align::Left,
            form.label(),
        );
        let fitted = layout::fit_or_min(
            ctx.m,
            &header,
            HEADER_SIZE,
            HEADER_MIN_SIZE,
            HEADER_WIDTH,
            layout::line_height(HEADER_SIZE),
        );
        if let Some(line) = fitted.lines.first() {
            page.text_line(
                ctx.m,
                right - HEADER_WIDTH,
                HEADER_WIDTH,
                13.0,
                fitted.size,
                Align::Right,
                line,
            );
        }
        page.line((MARGIN_LEFT, 16.5), (right, 16.5), RULE_THIN);
        let footer_y = page.height - 9.0;
        page.text_line(
            ctx.m,
            MARGIN_LEFT,
            right - MARGIN_LEFT,
            footer_y,
            9.0,
            Align::Center,
            &labels::page_of(i + 1, total),
        );
    }
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
    render_with(app, rules, &rules::evaluate(app, rules), only)
}

fn render_with(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    only: &[Form],
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
        frame_pages(&ctx, form, &mut pages);
        out.push(RenderedForm { form, pages });
    }
    Ok(out)
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
    store::write_output(path, bytes).map_err(|e| PdfError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes the bundle into `dir`: the combined PDF and, if asked, one file per form.
pub fn export_bundle(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    options: &ExportOptions,
) -> Result<ExportResult, PdfError> {
    export_checked(app, rules, dir, options, preflight(app, rules))
}

/// [`export_bundle`] with the pre-flight findings already at hand.
fn export_checked(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    options: &ExportOptions,
    preflight: Vec<Finding>,
) -> Result<ExportResult, PdfError> {
    create_out_dir(dir)?;
    let report = rules::evaluate(app, rules);
    let forms = render_with(app, rules, &report, &Form::ALL)?;
    let written = write_pdfs(app, forms, true, options.per_form_files)?;
    let mut files = Vec::new();
    let (mut pages, mut bytes) = (0, 0);
    for file in &written {
        let path = match file.form {
            None => {
                pages = file.pages;
                bytes = file.bytes.len() as u64;
                dir.join(labels::BUNDLE_FILE)
            }
            Some(form) => dir.join(form.file_name()),
        };
        write(&path, &file.bytes)?;
        files.push(path);
    }
    Ok(ExportResult {
        files,
        pages,
        bytes,
        passes: report.passes,
        preflight,
    })
}

/// Creates the output folder (and its parents) when missing.
fn create_out_dir(dir: &Path) -> Result<(), PdfError> {
    std::fs::create_dir_all(dir).map_err(|e| PdfError::Write {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })
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
    export_forms_checked(app, rules, dir, only, preflight(app, rules))
}

/// [`export_forms`] with the pre-flight findings already at hand.
fn export_forms_checked(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    only: &[Form],
    preflight: Vec<Finding>,
) -> Result<ExportResult, PdfError> {
    create_out_dir(dir)?;
    let report = rules::evaluate(app, rules);
    let mut result = ExportResult {
        passes: report.passes,
        preflight,
        ..ExportResult::default()
    };
    let forms = render_with(app, rules, &report, only)?;
    for file in write_pdfs(app, forms, false, true)? {
        let Some(form) = file.form else { continue };
        let path = dir.join(form.file_name());
        write(&path, &file.bytes)?;
        result.files.push(path);
        result.pages += file.pages;
        result.bytes += file.bytes.len() as u64;
    }
    Ok(result)
}

/// Lays a form's content down the page, starting a new page (with the title repeated) when
/// something does not fit.
pub(crate) struct Flow<'c, 'a> {
    /// What the form draws from.
    pub ctx: &'c Ctx<'a>,
    /// Pages finished so far.
    pub pages: Vec<Page>,
    /// The page being drawn.
    pub page: Page,
    /// The current position from the top, in millimetres.
    pub y: f32,
    title: &'static str,
}

impl<'c, 'a> Flow<'c, 'a> {
    /// Starts a form with its title.
    pub fn new(ctx: &'c Ctx<'a>, form_title: &'static str) -> Self {
        let mut page = ctx.page(Orientation::Portrait);
        let y = title(&mut page, ctx.m, BODY_TOP, form_title);
        Self {
            ctx,
            pages: Vec::new(),
            page,
            y,
            title: form_title,
        }
    }

    /// Width of the body.
    pub fn width(&self) -> f32 {
        body_right(&self.page) - MARGIN_LEFT
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        let next = self.ctx.page(Orientation::Portrait);
        let done = std::mem::replace(&mut self.page, next);
        self.pages.push(done);
        self.y = title(&mut self.page, self.ctx.m, BODY_TOP, self.title);
    }

    /// Makes room for `h` millimetres, on a new page if needed.
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > body_bottom(&self.page) {
            self.new_page();
        }
    }

    /// A wrapped paragraph at `size` points, indented by `indent` mm.
    pub fn paragraph(&mut self, text: &str, size: f32, indent: f32) {
        let w = self.width() - indent;
        let lh = layout::line_height(size);
        for line in layout::wrap(self.ctx.m, text, size, w) {
            self.ensure(lh);
            self.page.text_line(
                self.ctx.m,
                MARGIN_LEFT + indent,
                w,
                self.y + lh / 2.0,
                size,
                Align::Left,
                &line,
            );
            self.y += lh;
        }
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.ensure(16.0);
        self.y += 2.0;
        let w = self.width();
        self.page.text_line(
            self.ctx.m,
            MARGIN_LEFT,
            w,
            self.y + 3.0,
            10.5,
            Align::Left,
            text,
        );
        self.y += 7.0;
    }

    /// A table with its heading, repeated after every page break; rows grow to fit. Returns
    /// where each row landed: (page index within the form, top, height).
    pub fn table(&mut self, table: &layout::Table, rows: &[Vec<String>]) -> Vec<(usize, f32, f32)> {
        let m = self.ctx.m;
        let head_h = table.head_layout(m).height;
        let first_h = rows.first().map_or(0.0, |r| table.layout_row(m, r).height);
        self.ensure(head_h + first_h);
        let mut top = self.y;
        self.y = table.draw_head(&mut self.page, m, self.y);
        let mut placed = Vec::with_capacity(rows.len());
        for cells in rows {
            let row = table.layout_row(m, cells);
            if self.y + row.height > body_bottom(&self.page) {
                table.draw_frame(&mut self.page, top, self.y);
                self.new_page();
                top = self.y;
                self.y = table.draw_head(&mut self.page, m, self.y);
            }
            placed.push((self.pages.len(), self.y, row.height));
            self.y = table.draw_row(&mut self.page, m, self.y, &row);
        }
        table.draw_frame(&mut self.page, top, self.y);
        placed
    }

    /// The page at `index` within the form (a finished one or the current one).
    pub fn page_at(&mut self, index: usize) -> &mut Page {
        match self.pages.get_mut(index) {
            Some(page) => page,
            None => &mut self.page,
        }
    }

    /// The date and signature line at the end of a form.
    pub fn signature(&mut self, date: &str) {
        self.ensure(14.0);
        let m = self.ctx.m;
        let y = self.y + 6.0;
        let right = body_right(&self.page);
        self.page.text_line(
            m,
            MARGIN_LEFT,
            60.0,
            y,
            10.0,
            Align::Left,
            &format!("{}　{date}", labels::DATE),
        );
        let sig_x = MARGIN_LEFT + 78.0;
        self.page.text_line(
            m,
            sig_x,
            40.0,
            y,
            10.0,
            Align::Left,
            labels::APPLICANT_SIGNATURE,
        );
        let line_y = y + 3.0;
        self.page
            .line((sig_x + 34.0, line_y), (right, line_y), RULE_THIN);
        self.y += 14.0;
    }

    /// The finished pages.
    pub fn finish(mut self) -> Vec<Page> {
        self.pages.push(self.page);
        self.pages
    }
}
