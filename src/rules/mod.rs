//! The renewal criteria: rule sets as data and the pure evaluator that applies them.

pub mod as_of;
mod category;
pub mod chart;
pub mod describe;
mod evaluate;
mod facilities;
mod messages;
pub mod number;
mod period;
pub mod progress;
mod report;
mod ruleset;
mod source;
mod unread;

pub use evaluate::{
    UnitsInput, b_status, evaluate, is_exempt, proof_to_enclose, requires_b, units_input,
};
pub use facilities::{UnlistedFacility, unlisted_facilities};
pub use messages::{Kind, Period};
pub use period::{ActivityPeriod, PeriodBasis};
pub use progress::{Progress, progress};
pub use report::{
    BStatus, CategoryCode, CategoryReport, FieldPath, Finding, FindingGroup, GROUP_MIN, ItemTally,
    Report, Severity, TopicTally,
};
pub use ruleset::{
    Activity, Clinical, Common, DateRange, Deferral, ELearning, EligibleNumber, Exemption,
    FeeAccount, Fees, ItemRule, ItemUnits, LectureProof, Limits, MinuteStep, Notice, PauseRule,
    ProofNeed, RegionalWaiver, RejectedRuleFile, RequiredB, RuleOrigin, RuleSet, RuleSetError,
    RuleStatus, SelfStudy, install_rules_file, install_rules_folder, known_years, open_year,
    read_rule_file, rejected_rule_files, rule_sets, units_for_minutes,
};
pub use source::{Rule, Source};
pub use unread::{UnreadValue, unread_values};
