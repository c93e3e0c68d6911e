//! Why drawing or writing the forms failed.

use std::path::PathBuf;

use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The embedded font could not be read (a broken build).
    #[error("印刷用フォントを読み込めません")]
    Font,
    /// A file could not be written.
    #[error("{path} に書き込めません: {message}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}
