//! Where per-user state lives: one data folder for settings, window size, recent files, the
//! crash-recovery copy and the user's own rule files. Below the UI and the CLI, so both (and the
//! rule-set loader they feed) agree on it.

use std::path::PathBuf;

/// Overrides the folder of all per-user state: settings, window size, recent files (in
/// `app.ron`), the crash-recovery copy and the `rules` folder.
pub const DATA_DIR_ENV: &str = "JSOG_RENEWAL_DATA_DIR";

/// The folder chosen with [`DATA_DIR_ENV`], if any.
pub fn chosen_data_dir() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV).map(PathBuf::from)
}

/// The platform's data folder for this program (ignoring [`DATA_DIR_ENV`]).
pub fn platform_data_dir() -> Option<PathBuf> {
    eframe::storage_dir("jsog-renewal")
}

/// The data folder in use: the chosen one, else the platform's.
pub fn data_dir() -> Option<PathBuf> {
    chosen_data_dir().or_else(platform_data_dir)
}

/// The user's rules folder: `rules` in the data folder.
pub fn user_rules_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("rules"))
}
