//! The rule-set loader must never panic: a broken rule file is an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(rules) = jsog_renewal::rules::RuleSet::from_ron(text)
    {
        // A rule set that validates must evaluate the demo without panicking.
        let _ = jsog_renewal::rules::evaluate(&jsog_renewal::demo::application(), &rules);
    }
});
