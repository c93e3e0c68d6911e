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

use std::path::{Path, PathBuf};

use printpdf::{PdfDocument, PdfSaveOptions};
use thiserror::Error;

use crate::model::Application;
use crate::rules::{self, Finding, Report, RuleSet, Severity};
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
    let report = rules::evaluate(app, rules);
    let ctx = Ctx {
        app,
        rules,
        report: &report,
        m: Metrics::get()?,
    };
    let mut out = Vec::new();
    for form in Form::ALL {
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

/// Writes pages into one PDF with the font embedded as a subset.
pub fn to_pdf(pages: Vec<Page>, title: &str) -> Result<Vec<u8>, PdfError> {
    let font = font::parsed()?;
    let mut doc = PdfDocument::new(title);
    let font_id = doc.add_font(font);
    let pdf_pages = pages
        .into_iter()
        .map(|p| p.into_pdf_page(&font_id))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    Ok(doc.with_pages(pdf_pages).save(&options, &mut Vec::new()))
}

/// The whole bundle as one PDF in posting order, and its page count.
pub fn bundle_pdf(app: &Application, rules: &RuleSet) -> Result<(Vec<u8>, usize), PdfError> {
    let pages: Vec<Page> = render_forms(app, rules)?
        .into_iter()
        .flat_map(|f| f.pages)
        .collect();
    let count = pages.len();
    Ok((to_pdf(pages, labels::BUNDLE_TITLE)?, count))
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
    std::fs::create_dir_all(dir).map_err(|e| PdfError::Write {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let forms = render_forms(app, rules)?;
    let all: Vec<Page> = forms.iter().flat_map(|f| f.pages.clone()).collect();
    let pages = all.len();
    let bytes = to_pdf(all, labels::BUNDLE_TITLE)?;
    let combined = dir.join(labels::BUNDLE_FILE);
    write(&combined, &bytes)?;
    let mut files = vec![combined];
    if options.per_form_files {
        for f in forms {
            let path = dir.join(f.form.file_name());
            write(&path, &to_pdf(f.pages, f.form.label())?)?;
            files.push(path);
        }
    }
    Ok(ExportResult {
        files,
        pages,
        bytes: bytes.len() as u64,
        passes: rules::evaluate(app, rules).passes,
        preflight: preflight(app, rules),
    })
}

/// `jsog-renewal export FILE --out DIR [--per-form] [--force]`
///
/// Refuses (nothing written) when the pre-flight check finds a value that would be lost on
/// paper, unless `--force` is given.
pub fn cli_export(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut out = None;
    let mut options = ExportOptions::default();
    let mut force = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            "--per-form" => options.per_form_files = true,
            "--force" => force = true,
            a if a.starts_with("--") => return Err(format!("不明なオプションです: {a}")),
            a if file.is_none() => file = Some(PathBuf::from(a)),
            a => return Err(format!("余分な引数です: {a}")),
        }
    }
    let (Some(file), Some(out)) = (file, out) else {
        return Err("export FILE --out DIR [--per-form] [--force] の形で指定してください".into());
    };
    let app = store::load(&file).map_err(|e| e.to_string())?;
    let rules = RuleSet::for_year(app.fiscal_year).map_err(|e| e.to_string())?;
    let problems = preflight(&app, &rules);
    for f in &problems {
        let tag = match f.severity {
            Severity::Error => "要対応",
            Severity::Warning => "注意",
        };
        eprintln!("[{tag}] {}: {}", f.path, f.message);
    }
    let losing = problems.iter().any(|f| f.severity == Severity::Error);
    if losing && !force {
        return Err(
            "印刷すると失われる値があるため、書き出しませんでした（修正するか --force を付けてください）"
                .into(),
        );
    }
    let result = export_bundle(&app, &rules, &out, &options).map_err(|e| e.to_string())?;
    for path in &result.files {
        crate::say!("{}", path.display());
    }
    crate::say!(
        "{}ページ、{} KB を書き出しました",
        result.pages,
        result.bytes.div_ceil(1024)
    );
    if !result.passes {
        crate::say!("注意: この申請は更新基準を満たしていません（理由は様式4に記載）");
    }
    Ok(())
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
