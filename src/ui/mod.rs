//! The desktop app (eframe/egui). Reads the core's Report; never re-implements a rule.
//!
//! - [`app`]: the shell: the window's panels, and what runs each command;
//! - [`commands`]: the command table (text, shortcut) behind the menus and the keyboard;
//! - [`file_actions`]: opening, saving, the recovery copy and saves made elsewhere;
//! - [`dialogs`]: the modal dialogs; [`start`]: the start screen;
//! - [`ime`]: Enter while a Japanese conversion is open;
//! - [`context`]: what the pages share with the shell (pages never import the shell);
//! - [`pages`]: one module per page of the side navigation;
//! - [`verdict`]: the always-visible verdict panel;
//! - [`text`]: every user-facing string; [`tokens`]: spacing, colours and the Japanese font.

pub mod app;
pub mod chart;
pub mod commands;
pub mod conflict;
pub mod context;
pub mod dialogs;
pub mod document;
pub mod file_actions;
pub mod file_chooser;
pub mod ime;
pub mod import_ui;
pub mod pages;
pub mod persist;
pub mod start;
pub mod table_fit;
pub mod text;
pub mod tokens;
pub mod verdict;
pub mod widgets;
pub mod workspace_ui;

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;

pub use app::{App, AppOptions};
pub use context::Page;
pub use tokens::install_fonts;

/// Set to any value: log the time to the first frame on stderr and exit.
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME";
/// The settings file's name inside the data folder given by [`crate::paths::DATA_DIR_ENV`].
const SETTINGS_FILE: &str = "app.ron";

/// Opens the main window on `file`, or on the built-in demo when none is given; returns when the
/// window closes.
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let started = Instant::now();
    let chosen_dir = crate::paths::chosen_data_dir();
    let options = eframe::NativeOptions {
        // eframe's storage (settings, window size, recent files) follows the data folder too.
        persistence_path: chosen_dir.as_ref().map(|d| d.join(SETTINGS_FILE)),
        viewport: egui::ViewportBuilder::default()
            .with_title(text::APP_TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_app_id("jsog-renewal")
            .with_icon(app_icon()),
        ..Default::default()
    };
    let data_dir = chosen_dir.or_else(crate::paths::platform_data_dir);
    let measure = std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some();
    eframe::run_native(
        "jsog-renewal",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            tokens::apply_text_style(&cc.egui_ctx);
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            let start_screen = file.is_none();
            let mut app = App::new(AppOptions {
                file,
                data_dir,
                settings,
                start_screen,
                native_dialogs: file_chooser::native_dialogs_available(),
                today: None,
            });
            if measure {
                app.exit_after_first_frame(started);
            }
            Ok(Box::new(app))
        }),
    )
}

/// The window icon; a default one if the embedded PNG could not be decoded.
fn app_icon() -> std::sync::Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icon/icon-256.png");
    std::sync::Arc::new(eframe::icon_data::from_png_bytes(png).unwrap_or_default())
}

#[cfg(test)]
mod icon_tests {
    #[test]
    fn the_embedded_icon_decodes() {
        let icon = super::app_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}

#[cfg(test)]
mod wording_tests {
    use std::path::Path;

    /// The window's code (unit tests left out) of every file below `dir`.
    fn code_below(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src/ui").flatten() {
            let path = entry.path();
            if path.is_dir() {
                code_below(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read module");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                out.push((path.display().to_string(), code.to_owned()));
            }
        }
    }

    #[test]
    fn the_must_fix_badge_and_cancel_have_one_word_each() {
        let mut files = Vec::new();
        code_below(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
            &mut files,
        );
        assert!(files.len() > 10, "the scan reads the window's files");
        for (path, code) in &files {
            // The badge is `rules::Severity::label()`, the same on every surface.
            for word in ["\"要対応\"", "\"要修正\"", "\"中止\""] {
                assert!(!code.contains(word), "{path} spells {word} itself");
            }
        }
        assert_eq!(crate::rules::Severity::Error.label(), "要対応");
        assert_eq!(super::text::CANCEL, "キャンセル");
    }
}
