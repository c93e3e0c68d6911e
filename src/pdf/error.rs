//! Why drawing or writing the forms failed.

use std::path::PathBuf;

use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The embedded font could not be read (a broken build).
    #[error("印刷用フォントを読み込めません")]
    Font,
    /// A file could not be written (the store says which and why, in Japanese).
    #[error(transparent)]
    Write(#[from] crate::store::StoreError),
    /// The output folder could not be made.
    #[error(
        "{}",
        crate::oserror::say(crate::oserror::Action::CreateFolder, path, source)
    )]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}
