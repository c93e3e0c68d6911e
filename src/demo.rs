//! The built-in demo application: a fictional doctor with fictional cases, complete and passing.

use std::path::Path;

use crate::model::Application;
use crate::store;

/// The demo file's text, as shipped in `assets/demo/demo.ron`.
pub const DEMO_RON: &str = include_str!("../assets/demo/demo.ron");

/// The demo application.
pub fn application() -> Application {
    // The demo is checked by tests; should it ever fail to parse, an empty application is
    // better than a crash at start-up.
    store::from_str(DEMO_RON, Path::new("demo.ron")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_file_parses() {
        match store::from_str(DEMO_RON, Path::new("demo.ron")) {
            Ok(app) => assert_eq!(app, application()),
            Err(e) => panic!("{e}"),
        }
        assert_eq!(application().cases.len(), 100);
    }
}
