//! Hints from the specialist number's ending (`…-N-0419`): due this year, and how many renewals.

use super::ruleset::RuleSet;
use crate::model::ApplicationKind;

/// What the specialist number suggests. A hint only: the declared values decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberHint {
    /// No number entered.
    Empty,
    /// The number does not end in `-N○○YY`.
    Unrecognised,
    /// It ends in `-N○○YY`, but `YY` is not due this fiscal year.
    NotDueThisYear {
        /// The two digits found.
        suffix: String,
    },
    /// Due this year.
    Due {
        /// The application kind the ending implies.
        kind: ApplicationKind,
        /// Renewals completed since first certification, if every renewal came on time (`None`
        /// when the rule set names no renewal interval).
        inferred_renewals: Option<u8>,
    },
}

/// Splits `…-N○○YY` (also `-N-○○YY`, full-width allowed) into (○○, YY).
pub fn parse_ending(number: &str) -> Option<(u8, String)> {
    let folded = crate::dates::fold_width(number).to_ascii_uppercase();
    let at = folded.rfind("-N")?;
    let tail = folded[at + 2..].trim_start_matches('-');
    if tail.len() != 4 || !tail.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first: u8 = tail[..2].parse().ok()?;
    Some((first, tail[2..].to_string()))
}

/// The hint for a number under a rule set.
pub fn hint(number: &str, rules: &RuleSet) -> NumberHint {
    if number.trim().is_empty() {
        return NumberHint::Empty;
    }
    let Some((first_yy, suffix)) = parse_ending(number) else {
        return NumberHint::Unrecognised;
    };
    let Some(due) = rules.eligible_numbers.iter().find(|n| n.suffix == suffix) else {
        return NumberHint::NotDueThisYear { suffix };
    };
    let cycle = i32::from(due.cycle_year);
    // Two-digit years: one later in the century than the cycle year must be last century.
    let century = cycle - cycle % 100;
    let mut first = century + i32::from(first_yy);
    if first > cycle {
        first -= 100;
    }
    let renewals = rules.renewal_rule().map(|e| {
        let interval = i32::from(e.renewal_interval_years.max(1));
        u8::try_from((cycle - first) / interval).unwrap_or(u8::MAX)
    });
    NumberHint::Due {
        kind: due.kind,
        inferred_renewals: renewals,
    }
}
