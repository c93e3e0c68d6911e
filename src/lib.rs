//! jsog-renewal: prepares the paper application for renewing the Japanese OB/GYN specialist
//! certification (日本専門医機構認定 産婦人科専門医 更新申請).
//!
//! Data flows one way: [`model`] → [`rules::evaluate`] → [`rules::Report`] → UI and forms.

pub mod cli;
pub mod dates;
pub mod demo;
pub mod import;
pub mod model;
pub mod pdf;
pub mod rules;
pub mod store;
pub mod ui;
pub mod workspace;

/// Overrides the folder of all per-user state: settings, window size, recent files (in
/// `app.ron`), the crash-recovery copy and the user's rule files.
pub const DATA_DIR_ENV: &str = "JSOG_RENEWAL_DATA_DIR";
