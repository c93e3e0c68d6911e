//! What the pages share with the shell: which page is shown, the field a finding pointed to, and
//! the document and edit buffers a page may change while drawing. Pages import this module, never the
//! shell, so the page modules and the app do not depend on each other.

use super::document::Document;
use super::text;
use super::widgets::EditBuffers;
use crate::model::{Application, CreditKind};
use crate::rules::{CategoryCode, FieldPath};

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

/// The list rows pasted into a table are read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteInto {
    /// 様式3 cases.
    Cases,
    /// Credits.
    Credits,
}

/// Rows pasted into a table (Ctrl+V of cells copied from a spreadsheet): the shell shows them
/// in the import window, read as a file would be, before anything changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteRequest {
    /// What the rows are.
    pub into: PasteInto,
    /// The clipboard's text.
    pub text: String,
    /// The index in the application's list they go in at.
    pub at: usize,
}

/// What a page may use and change while drawing.
pub struct PageContext<'a> {
    /// The open document.
    pub doc: &'a mut Document,
    /// The text of the date or number cell being typed.
    pub buffers: &'a mut EditBuffers,
    /// The field a finding pointed to.
    pub target: &'a mut Option<Target>,
    /// A field on any page to go to once the page is drawn (the shell switches pages).
    pub go_to: &'a mut Option<FieldPath>,
    /// Enter may act (it did not just confirm an IME conversion).
    pub enter_allowed: bool,
    /// Today's date: entries after it are planned, and the progress is as of it.
    pub today: chrono::NaiveDate,
    /// Column widths dragged in the tables (kept in the settings).
    pub columns: &'a mut super::table_fit::ChosenWidths,
    /// The export page's choices per application file (kept in the settings).
    pub exports:
        &'a mut std::collections::BTreeMap<std::path::PathBuf, super::persist::ExportChoice>,
    /// Rows pasted into a table, for the shell to preview.
    pub paste: &'a mut Option<PasteRequest>,
}

/// The page a credit of `kind` is entered on (「C.自己学習」 with the cases).
pub fn page_of_credit(kind: CreditKind) -> Page {
    match kind {
        CreditKind::Common(_) => Page::Common,
        CreditKind::Domain => Page::Domain,
        CreditKind::Activity(_) => Page::Activity,
        CreditKind::SelfStudy => Page::Cases,
    }
}

/// The page that holds the field a finding points to.
pub fn page_of(path: FieldPath, app: &Application) -> Page {
    let credit_page = |kind: Option<CreditKind>| kind.map_or(Page::Summary, page_of_credit);
    match path {
        FieldPath::Total => Page::Summary,
        FieldPath::Font => Page::Export,
        FieldPath::Application(_) | FieldPath::Applicant(_) | FieldPath::Pause(..) => {
            Page::Applicant
        }
        FieldPath::Workplace(..) => Page::Work,
        FieldPath::Case(..) | FieldPath::Category(CategoryCode::Clinical) => Page::Cases,
        FieldPath::Credit(i, _) => credit_page(app.credits.get(i).map(|c| c.kind)),
        FieldPath::Category(CategoryCode::Common) | FieldPath::Topic(_) => Page::Common,
        FieldPath::Category(CategoryCode::Domain) => Page::Domain,
        FieldPath::Category(CategoryCode::Activity) => Page::Activity,
    }
}
