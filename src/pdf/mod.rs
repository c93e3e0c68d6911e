//! The paper bundle: 様式1–4 and the checklist as print-ready A4 PDF.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Application;
use crate::rules::{Finding, RuleSet};

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Also write one file per form beside the combined bundle.
    pub per_form_files: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Default)]
pub struct ExportResult {
    /// Files written, the combined bundle first.
    pub files: Vec<PathBuf>,
    /// Pages of the combined bundle.
    pub pages: usize,
    /// Size of the combined bundle in bytes.
    pub bytes: u64,
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum PdfError {
    /// Not built yet.
    #[error("PDF出力は準備中です")]
    NotYet,
}

/// Problems that would make the printed forms lose or misprint something.
pub fn preflight(app: &Application, rules: &RuleSet) -> Vec<Finding> {
    let _ = (app, rules);
    Vec::new()
}

/// Writes the bundle into `dir`.
pub fn export_bundle(
    app: &Application,
    rules: &RuleSet,
    dir: &Path,
    options: &ExportOptions,
) -> Result<ExportResult, PdfError> {
    let _ = (app, rules, dir, options);
    Err(PdfError::NotYet)
}

/// `jsog-renewal export FILE --out DIR`
pub fn cli_export(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err(PdfError::NotYet.to_string())
}
