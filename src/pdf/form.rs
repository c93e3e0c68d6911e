//! The forms of the bundle, and a form drawn.

use super::labels;
use super::page::Page;
use super::shiki3::FacilityPages;

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
    /// 様式3: where each facility's cases are (empty for the other forms).
    pub facilities: Vec<FacilityPages>,
}
