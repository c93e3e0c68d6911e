//! The renewal criteria: rule sets as data and the pure evaluator that applies them.

pub mod describe;
mod evaluate;
mod messages;
pub mod number;
pub mod progress;
mod report;
mod ruleset;

pub use evaluate::{evaluate, is_exempt, proof_to_enclose, requires_b};
pub use progress::{Progress, progress};
pub use report::{
    CategoryCode, CategoryReport, FieldPath, Finding, ItemTally, Report, Severity, TopicTally,
};
pub use ruleset::{
    Activity, Clinical, Common, DateRange, ELearning, EligibleNumber, Exemption, Fees, ItemRule,
    ItemUnits, LectureProof, Limits, MinuteStep, ProofNeed, RejectedRuleFile, RequiredB,
    RuleOrigin, RuleSet, RuleSetError, RuleStatus, install_rules_file, install_rules_folder,
    known_years, open_year, read_rule_file, rejected_rule_files, rule_sets, units_for_minutes,
};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The model and the rules sit below every surface: no line of code in them names the
    /// window, the forms, the import or the command line.
    #[test]
    fn model_and_rules_use_no_surface() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut checked = 0;
        for dir in ["model", "rules"] {
            let entries = std::fs::read_dir(src.join(dir)).expect("the source folder");
            for entry in entries {
                let path = entry.expect("a source file").path();
                let text = std::fs::read_to_string(&path).expect("a source file");
                for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    for (at, _) in line.match_indices("crate::") {
                        let module: String = line[at + "crate::".len()..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        assert!(
                            !["ui", "pdf", "import", "cli"].contains(&module.as_str()),
                            "{} uses crate::{module}: {line}",
                            path.display()
                        );
                    }
                }
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} files read");
    }
}
