//! The application loader must never panic or hang, whatever the file holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(app) = jsog_renewal::store::from_str(text, "fuzz.ron".as_ref())
    {
        // What loads must evaluate and save back to something that loads the same.
        if let Ok(rules) = jsog_renewal::rules::RuleSet::for_year(app.fiscal_year) {
            let _ = jsog_renewal::rules::evaluate(&app, &rules);
        }
        let again = jsog_renewal::store::from_str(
            &jsog_renewal::store::to_string(&app).expect("what loaded serialises"),
            "fuzz.ron".as_ref(),
        );
        assert_eq!(again.ok().as_ref(), Some(&app));
    }
});
