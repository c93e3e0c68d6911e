//! The four categories of credit (i–iv), on their own so that findings can name them.

use serde::Serialize;

use super::source::Rule;
use crate::model::CreditKind;

/// The four categories of credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum CategoryCode {
    /// 診療実績の証明
    #[serde(rename = "i")]
    Clinical,
    /// 専門医共通講習
    #[serde(rename = "ii")]
    Common,
    /// 産婦人科領域講習
    #[serde(rename = "iii")]
    Domain,
    /// 学術業績・診療以外の活動実績
    #[serde(rename = "iv")]
    Activity,
}

impl CategoryCode {
    /// i–iv in order.
    pub const ALL: [CategoryCode; 4] = [
        CategoryCode::Clinical,
        CategoryCode::Common,
        CategoryCode::Domain,
        CategoryCode::Activity,
    ];

    /// The category a credit counts in (「C.自己学習」 in i, in place of cases).
    pub fn of(kind: CreditKind) -> CategoryCode {
        match kind {
            CreditKind::Common(_) => CategoryCode::Common,
            CreditKind::Domain => CategoryCode::Domain,
            CreditKind::Activity(_) => CategoryCode::Activity,
            CreditKind::SelfStudy => CategoryCode::Clinical,
        }
    }

    /// The rule of the category's minimum and maximum.
    pub fn rule(self) -> Rule {
        match self {
            CategoryCode::Clinical => Rule::Clinical,
            CategoryCode::Common => Rule::Common,
            CategoryCode::Domain => Rule::Domain,
            CategoryCode::Activity => Rule::Activity,
        }
    }

    /// "i" … "iv"
    pub fn roman(self) -> &'static str {
        match self {
            CategoryCode::Clinical => "i",
            CategoryCode::Common => "ii",
            CategoryCode::Domain => "iii",
            CategoryCode::Activity => "iv",
        }
    }

    /// The category's official name.
    pub fn label(self) -> &'static str {
        match self {
            CategoryCode::Clinical => "診療実績の証明",
            CategoryCode::Common => "専門医共通講習",
            CategoryCode::Domain => "産婦人科領域講習",
            CategoryCode::Activity => "学術業績・診療以外の活動実績",
        }
    }
}
