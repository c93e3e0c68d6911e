//! A fiscal year's renewal criteria as data, loaded from `assets/rules/fy*.ron` and validated.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{ActivityItem, ApplicationKind, CommonTopic};

/// 機構専門医更新基準 — one fiscal year's rule set. Every number of the criteria lives here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The fiscal year it applies to (2024 = 2024年度).
    pub fiscal_year: u16,
    /// Its title, as shown to the user.
    pub title: String,
    /// 活動期間 — every case and credit must be dated within it (inclusive).
    pub activity_period: DateRange,
    /// 受付期間 — applications accepted; a paper bundle must arrive by its end (必着).
    pub application_window: DateRange,
    /// The day the certification lapses when no renewal is made.
    pub lapse_date: NaiveDate,
    /// Fees in yen.
    pub fees: Fees,
    /// Required total of counted units (i–iv).
    pub total_required: u32,
    /// Required total of counted units (ii–iv) for those exempt from the clinical record.
    pub total_required_exempt: u32,
    /// 診療実績免除 — who is exempt from category i.
    pub exemption: Exemption,
    /// Specialist-number endings that fit this year's applicants (a hint, never a block).
    pub eligible_numbers: Vec<EligibleNumber>,
    /// Category i — 診療実績の証明.
    pub clinical: Clinical,
    /// Category ii — 専門医共通講習.
    pub common: Common,
    /// Category iii — 産婦人科領域講習.
    pub domain: Limits,
    /// Category iv — 学術業績・診療以外の活動実績.
    pub activity: Activity,
    /// Units for lecturing at a common or domain lecture, by minutes (highest threshold first).
    pub lecturing: Vec<MinuteStep>,
    /// Proof needed for a lecture credit (ii, iii) according to how it was earned.
    pub lecture_proof: LectureProof,
    /// The largest values that can be true of one entry; anything above is a typing or paste
    /// error and is reported as one, never counted.
    pub plausible: Plausible,
}

/// The largest plausible values of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    /// Units one credit can carry (the portal's total of a topic over five years included).
    pub max_units_per_credit: u32,
    /// Minutes one lecture can last.
    pub max_lecture_minutes: u32,
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `date` falls within the range, both ends included.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Fees in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fees {
    /// 審査料 — sent to the regional committee with a paper application.
    pub review: u32,
    /// 登録料 — paid to the Board after passing.
    pub registration: u32,
    /// e-learning, per unit.
    pub elearning_per_unit: u32,
}

/// 診療実績免除 — exemption from the clinical record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// Consecutive renewals already completed that make one exempt.
    pub min_consecutive_renewals: u8,
    /// Years between renewals, used to infer the count from a specialist number.
    pub renewal_interval_years: u8,
}

/// A specialist-number ending that marks someone due to renew this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibleNumber {
    /// The two digits at the very end (`-N○○19` → "19").
    pub suffix: String,
    /// The fiscal year those two digits stand for.
    pub cycle_year: u16,
    /// The kind of application it implies.
    pub kind: ApplicationKind,
}

/// Category i.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clinical {
    /// Cases per unit (whole multiples only).
    pub cases_per_unit: u32,
    /// Minimum and maximum units.
    pub limits: Limits,
}

/// A category's minimum and, where it has one, maximum of counted units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Minimum units.
    pub min: u32,
    /// Maximum units counted (`None`: no maximum).
    pub max: Option<u32>,
}

/// Category ii.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Minimum and maximum units of the category.
    pub limits: Limits,
    /// Topics that must each reach `required_topic_min` (必修A this year).
    pub required_topics: Vec<CommonTopic>,
    /// Minimum units of each required topic.
    pub required_topic_min: u32,
}

/// Category iv.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Minimum and maximum units of the category.
    pub limits: Limits,
    /// One rule per item (1)–(10).
    pub items: Vec<ItemRule>,
}

/// The rule for one item of category iv.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    /// Which item.
    pub item: ActivityItem,
    /// How its units are found.
    pub units: ItemUnits,
    /// The most it counts for in all (`None`: only the category's maximum).
    pub cap: Option<u32>,
    /// The most it counts for per fiscal year (April–March) of the activity.
    pub cap_per_fiscal_year: Option<u32>,
    /// Whether a proof document must be enclosed.
    pub proof: ProofNeed,
    /// What to enclose, as the checklist says it.
    pub proof_text: String,
}

/// How an item's units are found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemUnits {
    /// As entered (the portal's record, or a certificate's figure).
    AsEntered,
    /// A fixed number per entry.
    PerEntry(u32),
    /// By the applicant's place among authors or presenters.
    ByRole {
        /// 筆頭
        first: u32,
        /// 第2
        second: u32,
        /// その他
        other: u32,
    },
    /// By minutes, highest threshold first.
    ByMinutes(Vec<MinuteStep>),
}

/// "At least `min_minutes` minutes gives `units` units."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinuteStep {
    /// Threshold in minutes (inclusive).
    pub min_minutes: u32,
    /// Units at or above it.
    pub units: u32,
}

/// Whether a proof document is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProofNeed {
    /// Always.
    Always,
    /// Only when the credit is not on the portal's record.
    UnlessOnPortal,
    /// Never (the portal's record is the proof).
    Never,
}

/// Proof rules for lecture credits (categories ii and iii).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LectureProof {
    /// Attended on site.
    pub attended: ProofNeed,
    /// Lectured.
    pub lectured: ProofNeed,
    /// e-learning.
    pub elearning: ProofNeed,
    /// What to enclose for an attendance not on the portal.
    pub attended_text: String,
    /// What to enclose for lecturing.
    pub lectured_text: String,
    /// What to enclose for an e-learning not on the portal.
    pub elearning_text: String,
}

/// Units from minutes by the steps (highest threshold first); 0 below the lowest.
pub fn units_for_minutes(steps: &[MinuteStep], minutes: u32) -> u32 {
    steps
        .iter()
        .find(|s| minutes >= s.min_minutes)
        .map_or(0, |s| s.units)
}

/// A rule set that could not be read or does not make sense.
#[derive(Debug, Error)]
pub enum RuleSetError {
    /// The file is not valid RON for a rule set.
    #[error("規則ファイルを読み込めません（{line}行{column}列）: {message}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// The file parses but its content is inconsistent.
    #[error("規則ファイルの内容が正しくありません: {0}")]
    Invalid(String),
    /// No rule set exists for the fiscal year.
    #[error("{0}年度の規則はこのプログラムに含まれていません")]
    UnknownYear(u16),
}

/// The rule sets built into the program, by fiscal year.
const BUILT_IN: &[(u16, &str)] = &[(2024, include_str!("../../assets/rules/fy2024.ron"))];

/// Fiscal years with a built-in rule set.
pub fn known_years() -> Vec<u16> {
    BUILT_IN.iter().map(|(y, _)| *y).collect()
}

impl RuleSet {
    /// The built-in rule set for a fiscal year.
    pub fn for_year(year: u16) -> Result<RuleSet, RuleSetError> {
        let text = BUILT_IN
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, t)| *t)
            .ok_or(RuleSetError::UnknownYear(year))?;
        let rules = RuleSet::from_ron(text)?;
        if rules.fiscal_year != year {
            return Err(RuleSetError::Invalid(format!(
                "{year}年度のファイルに{}年度と書かれています",
                rules.fiscal_year
            )));
        }
        Ok(rules)
    }

    /// Parses and validates a rule set.
    pub fn from_ron(text: &str) -> Result<RuleSet, RuleSetError> {
        let rules: RuleSet = ron::from_str(text).map_err(|e| RuleSetError::Parse {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        rules.validate()?;
        Ok(rules)
    }

    /// The rule for an item of category iv (validation guarantees there is one).
    pub fn item_rule(&self, item: ActivityItem) -> Option<&ItemRule> {
        self.activity.items.iter().find(|r| r.item == item)
    }

    fn validate(&self) -> Result<(), RuleSetError> {
        let bad = |m: String| Err(RuleSetError::Invalid(m));
        for (name, range) in [
            ("活動期間", self.activity_period),
            ("受付期間", self.application_window),
        ] {
            if range.start > range.end {
                return bad(format!("{name}の開始が終了より後です"));
            }
        }
        if self.clinical.cases_per_unit == 0 {
            return bad("症例数/単位が0です".into());
        }
        for (name, l) in [
            ("診療実績", self.clinical.limits),
            ("共通講習", self.common.limits),
            ("領域講習", self.domain),
            ("学術業績等", self.activity.limits),
        ] {
            if l.max.is_some_and(|max| max < l.min) {
                return bad(format!("{name}の上限が下限より小さくなっています"));
            }
        }
        if self.total_required_exempt > self.total_required {
            return bad("免除者の必要単位が通常の必要単位を超えています".into());
        }
        check_steps("講師の単位", &self.lecturing)?;
        for item in ActivityItem::ALL {
            let count = self
                .activity
                .items
                .iter()
                .filter(|r| r.item == item)
                .count();
            if count != 1 {
                return bad(format!(
                    "学術業績等の項目({}) {} の規則が{count}個あります（1個必要）",
                    item.number(),
                    item.label()
                ));
            }
        }
        for rule in &self.activity.items {
            if let ItemUnits::ByMinutes(steps) = &rule.units {
                check_steps(rule.item.label(), steps)?;
            }
        }
        for n in &self.eligible_numbers {
            if n.suffix.len() != 2 || !n.suffix.bytes().all(|b| b.is_ascii_digit()) {
                return bad(format!(
                    "専門医番号の末尾「{}」が2桁の数字ではありません",
                    n.suffix
                ));
            }
        }
        if self.plausible.max_units_per_credit == 0 || self.plausible.max_lecture_minutes == 0 {
            return bad("ありうる最大の単位数・講習時間が0です".into());
        }
        if self.exemption.renewal_interval_years == 0 {
            return bad("更新間隔が0年です".into());
        }
        Ok(())
    }
}

fn check_steps(name: &str, steps: &[MinuteStep]) -> Result<(), RuleSetError> {
    if steps.is_empty() {
        return Err(RuleSetError::Invalid(format!(
            "{name}: 時間の段階がありません"
        )));
    }
    if steps
        .windows(2)
        .any(|w| w[0].min_minutes <= w[1].min_minutes || w[0].units < w[1].units)
    {
        return Err(RuleSetError::Invalid(format!(
            "{name}: 時間の段階は長い順に並べてください"
        )));
    }
    Ok(())
}
