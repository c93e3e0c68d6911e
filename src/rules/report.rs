//! The evaluator's answer: per category, in total, and a list of findings to act on.

use std::fmt;

use serde::{Serialize, Serializer};

pub use super::category::CategoryCode;
use super::messages::Kind;
use super::period::ActivityPeriod;
use super::ruleset::RuleSet;
use super::source::{Rule, Source};
use crate::model::{
    ActivityItem, ApplicantField, ApplicationField, CaseField, CommonTopic, CreditField,
    PauseField, WorkplaceField,
};

/// The single answer to "does it pass, and why not". The UI and the forms only display it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The fiscal year of the rule set applied.
    pub fiscal_year: u16,
    /// Every requirement met and no error found.
    pub passes: bool,
    /// 診療実績免除 — category i not required; total over ii–iv.
    pub exempt_from_clinical: bool,
    /// 必修講習B for this applicant: not required, required, or waived by regional practice.
    pub required_b: BStatus,
    /// The activity period that applies to this application (after a deferral, around pauses).
    pub activity_period: ActivityPeriod,
    /// Where the verdict rests on an assumption of this program (a number no source gives),
    /// one sentence each; empty when it rests on published rules only.
    pub assumptions: Vec<String>,
    /// Units of 「C.自己学習」 counted in category i.
    pub self_study_units: u32,
    /// Counted units of all categories, each after its own maximum.
    pub total_counted: u32,
    /// Units required in total (50, or 40 when exempt).
    pub total_required: u32,
    /// Categories i–iv, in that order.
    pub categories: Vec<CategoryReport>,
    /// Category ii per topic.
    pub common_topics: Vec<TopicTally>,
    /// Category iv per item (1)–(10).
    pub activity_items: Vec<ItemTally>,
    /// Cases entered.
    pub cases_entered: usize,
    /// Cases that count (dated in the period and complete).
    pub cases_valid: usize,
    /// Valid cases still needed for the next unit (0 at the maximum).
    pub cases_to_next_unit: usize,
    /// Per case, in the application's order: whether it counts.
    #[serde(skip)]
    pub case_counted: Vec<bool>,
    /// Per credit, in the application's order: its units as computed, before caps.
    #[serde(skip)]
    pub credit_units: Vec<u32>,
    /// Per credit: whether it counts (before category caps).
    #[serde(skip)]
    pub credit_counted: Vec<bool>,
    /// What to fix or know, most important first.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The report of one category.
    pub fn category(&self, code: CategoryCode) -> &CategoryReport {
        // Categories are always built in code order i–iv.
        &self.categories[code as usize]
    }

    /// The findings as they are shown: those of one severity and rule on [`GROUP_MIN`] or more
    /// entries as one group, the others one by one, in the order of their first finding.
    pub fn finding_groups(&self) -> Vec<FindingGroup> {
        let mut groups: Vec<FindingGroup> = Vec::new();
        for (i, f) in self.findings.iter().enumerate() {
            match groups
                .iter_mut()
                .find(|g| g.severity == f.severity && g.rule == f.rule)
            {
                Some(g) => g.findings.push(i),
                None => groups.push(FindingGroup {
                    severity: f.severity,
                    rule: f.rule,
                    findings: vec![i],
                }),
            }
        }
        // Small groups are shown one by one, each where it was found.
        let mut out = Vec::new();
        for g in groups {
            if g.findings.len() >= GROUP_MIN {
                out.push(g);
            } else {
                out.extend(g.findings.into_iter().map(|i| FindingGroup {
                    severity: g.severity,
                    rule: g.rule,
                    findings: vec![i],
                }));
            }
        }
        out.sort_by_key(|g| (g.severity, g.findings[0]));
        out
    }

    /// Findings of error severity.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }
}

/// Findings of one rule on this many entries or more are shown as one group.
pub const GROUP_MIN: usize = 4;

/// Findings shown together: one, or several of one severity and rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup {
    /// Their severity.
    pub severity: Severity,
    /// The rule they apply.
    pub rule: Rule,
    /// Indices into [`Report::findings`], in order.
    pub findings: Vec<usize>,
}

impl FindingGroup {
    /// Whether it stands for more than one finding.
    pub fn is_group(&self) -> bool {
        self.findings.len() > 1
    }

    /// 「活動期間の外・活動休止中の日付のため計上されない記録 79件」
    pub fn title(&self) -> String {
        format!("{} {}件", self.rule.group_label(), self.findings.len())
    }
}

/// 必修講習B for one applicant (§7(2); the society's notice of 2023-04-14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BStatus {
    /// Not required: the rule set has none, or the applicant is not in the cohort.
    NotRequired,
    /// Required: every topic the rule set names.
    Required,
    /// Waived by recognised regional practice (多様な地域における診療実績).
    Waived,
}

/// One category's units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryReport {
    /// Which category.
    pub code: CategoryCode,
    /// The category's official name.
    pub name: &'static str,
    /// Units as entered (before validity checks and caps).
    pub claimed: u32,
    /// Units that count (valid entries, after caps).
    pub counted: u32,
    /// Minimum required (0 when not required, e.g. category i for the exempt).
    pub min: u32,
    /// Maximum counted, if any.
    pub max: Option<u32>,
    /// The category's own requirements are met.
    pub ok: bool,
}

/// Category ii's units of one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicTally {
    /// Which topic.
    pub topic: CommonTopic,
    /// Units as entered.
    pub claimed: u32,
    /// Units of valid entries (the category's cap applies to the sum, not here).
    pub counted: u32,
    /// Of the counted units, those from lecturing.
    pub counted_lecturing: u32,
    /// Of the counted units, those on the portal's record.
    pub counted_on_portal: u32,
}

/// Category iv's units of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemTally {
    /// Which item.
    pub item: ActivityItem,
    /// Units as entered or computed.
    pub claimed: u32,
    /// Units that count after the item's own caps.
    pub counted: u32,
    /// The item's own cap, if any.
    pub cap: Option<u32>,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed for the application to pass.
    Error,
    /// Worth knowing: an entry that does not count, a cap reached, a hint.
    Warning,
}

impl Severity {
    /// The one word the window, the CLI and the office list use for it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "要対応",
            Severity::Warning => "注意",
        }
    }
}

/// Something the user should know or fix, with the field it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The field it concerns.
    pub path: FieldPath,
    /// What it says, with its data.
    pub kind: Kind,
    /// Plain Japanese, saying what to do: `kind`'s sentence ([`Kind::message`]).
    pub message: String,
    /// The rule it applies (findings of one rule on many entries are shown as one group).
    #[serde(skip)]
    pub rule: Rule,
    /// 根拠 — where that rule is written.
    pub source: Source,
}

impl Finding {
    /// A finding of `rule`; its source is filled in by [`Finding::cite`].
    pub fn new(severity: Severity, rule: Rule, path: FieldPath, kind: Kind) -> Finding {
        Finding {
            severity,
            path,
            message: kind.message(),
            kind,
            rule,
            source: Source::default(),
        }
    }

    /// Fills in the source of every finding of `findings`.
    pub fn cite(findings: &mut [Finding], rules: &RuleSet, period: &ActivityPeriod) {
        for f in findings {
            f.source = Source::of(f.rule, rules, period);
        }
    }
}

/// Where in the application a finding points; printed as `cases[3].date` and the like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// A field of the application as a whole (e.g. `consecutive_renewals`, `application_date`).
    Application(ApplicationField),
    /// A field of the applicant (`applicant.name`).
    Applicant(ApplicantField),
    /// A field of a workplace row.
    Workplace(usize, WorkplaceField),
    /// A field of a 活動休止 row.
    Pause(usize, PauseField),
    /// A field of a case.
    Case(usize, CaseField),
    /// A field of a credit.
    Credit(usize, CreditField),
    /// The total of all categories (`total`).
    Total,
    /// The font the forms are printed with (`font`), missing or unreadable.
    Font,
    /// A category as a whole.
    Category(CategoryCode),
    /// A topic of category ii as a whole.
    Topic(CommonTopic),
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Application(field) => write!(f, "{}", field.key()),
            FieldPath::Applicant(field) => write!(f, "applicant.{}", field.key()),
            FieldPath::Workplace(i, field) => write!(f, "workplaces[{i}].{}", field.key()),
            FieldPath::Pause(i, field) => write!(f, "pauses[{i}].{}", field.key()),
            FieldPath::Case(i, field) => write!(f, "cases[{i}].{}", field.key()),
            FieldPath::Credit(i, field) => write!(f, "credits[{i}].{}", field.key()),
            FieldPath::Total => write!(f, "total"),
            FieldPath::Font => write!(f, "font"),
            FieldPath::Category(code) => write!(f, "categories.{}", code.roman()),
            FieldPath::Topic(topic) => write!(f, "categories.ii.{topic:?}"),
        }
    }
}

impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
