//! jsog-renewal: prepares the paper application for renewing the Japanese OB/GYN specialist
//! certification (日本専門医機構認定 産婦人科専門医 更新申請).
//!
//! Data flows one way: [`model`] → [`rules::evaluate`] → [`rules::Report`] → UI and forms.

pub mod cli;
pub mod dates;
pub mod demo;
pub mod import;
pub mod mailing;
pub mod model;
pub mod oserror;
pub mod paths;
pub mod pdf;
pub mod rules;
pub mod store;
pub mod ui;
pub mod workspace;
