//! The renewal criteria: rule sets as data and the pure evaluator that applies them.

mod evaluate;
mod messages;
pub mod number;
mod report;
mod ruleset;

pub use evaluate::{evaluate, is_exempt, proof_to_enclose};
pub use report::{
    CategoryCode, CategoryReport, FieldPath, Finding, ItemTally, Report, Severity, TopicTally,
};
pub use ruleset::{
    Activity, Clinical, Common, DateRange, EligibleNumber, Exemption, Fees, ItemRule, ItemUnits,
    LectureProof, Limits, MinuteStep, ProofNeed, RuleSet, RuleSetError, known_years,
    units_for_minutes,
};
