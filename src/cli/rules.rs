//! `rules list`, `rules show`, `rules diff`: the rule sets in use, in words or as a rule file.

use std::process::ExitCode;

use clap::Subcommand;

use crate::rules::{self, RuleSet};

use super::{CliError, parse_year, text};

/// The sub-verbs of `rules`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule set: year, official or provisional, where from, source.
    #[command(
        about = text::RULES_LIST,
        override_usage = text::RULES_LIST_USAGE,
        after_help = text::RULES_LIST_AFTER
    )]
    List,
    /// One year's rule set.
    #[command(
        about = text::RULES_SHOW,
        override_usage = text::RULES_SHOW_USAGE,
        after_help = text::RULES_SHOW_AFTER
    )]
    Show {
        /// The year.
        #[arg(value_name = text::VALUE_YEAR, value_parser = parse_year, help = text::RULES_SHOW_YEAR)]
        year: u16,
        /// As a rule file instead of in words.
        #[arg(long, help = text::RULES_SHOW_RON)]
        ron: bool,
    },
    /// What changed from one year to another.
    #[command(
        about = text::RULES_DIFF,
        override_usage = text::RULES_DIFF_USAGE,
        after_help = text::RULES_DIFF_AFTER
    )]
    Diff {
        /// The first year.
        #[arg(value_name = "年度A", value_parser = parse_year, help = text::RULES_DIFF_FROM)]
        from: u16,
        /// The second year.
        #[arg(value_name = "年度B", value_parser = parse_year, help = text::RULES_DIFF_TO)]
        to: u16,
    },
}

/// `rules …`
pub fn rules(verb: &RulesCommand) -> Result<ExitCode, CliError> {
    let mut out = String::new();
    match verb {
        RulesCommand::List => {
            for r in rules::rule_sets() {
                out.push_str(&format!(
                    "{}年度\t{}\t{}\t{}\n",
                    r.fiscal_year,
                    r.status.label(),
                    r.origin.label(),
                    r.source
                ));
            }
        }
        RulesCommand::Show { year, ron: false } => {
            for line in rules::describe::describe(&RuleSet::for_year(*year)?) {
                out.push_str(&format!("{}: {}\n", line.label, line.value));
            }
        }
        RulesCommand::Show { year, ron: true } => {
            out = ron::ser::to_string_pretty(
                &RuleSet::for_year(*year)?,
                ron::ser::PrettyConfig::default(),
            )
            .map_err(|e| CliError::Ron(e.to_string()))?;
            out.push('\n');
        }
        RulesCommand::Diff { from, to } => {
            let (a, b) = (RuleSet::for_year(*from)?, RuleSet::for_year(*to)?);
            out.push_str(&text::diff_header(a.fiscal_year, b.fiscal_year));
            out.push('\n');
            let lines = rules::describe::diff(&a, &b);
            if lines.is_empty() {
                out.push_str(text::NO_DIFFERENCE);
                out.push('\n');
            }
            for line in lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    say_part!("{out}");
    Ok(ExitCode::SUCCESS)
}
