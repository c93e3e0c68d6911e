//! The CSV/TSV case and credit import must never panic or hang, whatever the bytes.
#![no_main]

use jsog_renewal::import::{self, CaseImport, Context, CreditImport, Preview};
use jsog_renewal::model::Application;
use jsog_renewal::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = import::decode_text(data) else {
        return;
    };
    let Ok(table) = import::parse_delimited(&text, "fuzz.csv") else {
        return;
    };
    let app = Application::new(2024);
    let rules = RuleSet::for_year(2024).ok();
    let context = Context {
        app: &app,
        rules: rules.as_ref(),
    };
    let cases: CaseImport = Preview::new(table.clone(), &context);
    let credits: CreditImport = Preview::new(table, &context);
    let _ = (cases, credits);
});
