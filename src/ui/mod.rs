//! The desktop app (eframe/egui). Reads the core's Report; never re-implements a rule.
//!
//! - [`app`]: the shell: the window's panels, and what runs each command;
//! - [`commands`]: the command table (text, shortcut) behind the menus and the keyboard;
//! - [`file_actions`]: opening, saving, the recovery copy and saves made elsewhere;
//! - [`dialogs`]: the modal dialogs; [`start`]: the start screen;
//! - [`ime`]: Enter while a Japanese conversion is open; [`focus_split`]: keys typed after a Tab
//!   go to the next field; [`pick_keys`]: the keyboard in an open pick-list;
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
pub mod focus_split;
pub mod ime;
pub mod import_ui;
pub mod pages;
pub mod persist;
pub mod pick_keys;
pub mod preview;
pub mod start;
pub mod table;
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

/// Prepares a new egui context as the window needs it: the Japanese font, and the input plugin
/// that keeps keys typed after a Tab for the next field. The test window calls it too.
pub fn setup_context(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.add_plugin(focus_split::FocusSplit::default());
}

/// Set to any value: log the time to the first frame on stderr and exit.
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME";
/// The settings file's name inside the data folder given by [`crate::paths::DATA_DIR_ENV`].
const SETTINGS_FILE: &str = "app.ron";

/// Puts one renderer first (`wgpu` or `glow`): for support, when the default order misbehaves.
pub const RENDERER_ENV: &str = "JSOG_RENEWAL_RENDERER";
/// The log of windows that could not be opened, in the data folder.
pub const WINDOW_LOG_FILE: &str = "window-errors.log";

/// The renderers in the order they are tried; the second when the first cannot start.
///
/// Windows: glow (OpenGL 2+) first, because where it cannot start it says so: no OpenGL 2 (a
/// remote desktop or VDI without a GPU has only Windows' own OpenGL 1.1) is an error, and then
/// wgpu opens the window on Direct3D 12, with WARP, Microsoft's software adapter, when there is no
/// GPU. A failing Direct3D 12 can instead end the process (under Wine its assertion aborts it),
/// leaving nothing to fall back from. macOS: wgpu (Metal; Apple's OpenGL is deprecated).
/// Linux: wgpu (Vulkan, or GL on llvmpipe), as the tests render; glow when it cannot start.
fn renderers() -> [eframe::Renderer; 2] {
    use eframe::Renderer::{Glow, Wgpu};
    match std::env::var(RENDERER_ENV).as_deref() {
        Ok("glow") => [Glow, Wgpu],
        Ok("wgpu") => [Wgpu, Glow],
        _ if cfg!(windows) => [Glow, Wgpu],
        _ => [Wgpu, Glow],
    }
}

fn renderer_name(renderer: eframe::Renderer) -> &'static str {
    match renderer {
        eframe::Renderer::Glow => "glow",
        eframe::Renderer::Wgpu => "wgpu",
    }
}

/// Opens the main window on `file`, or on the built-in demo when none is given; returns when the
/// window closes. When a renderer cannot start, the next one is tried; when none can, a message
/// box says so (a program started from the menu has no console) and the log keeps it.
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let started = Instant::now();
    let mut failures = Vec::new();
    for renderer in renderers() {
        let opened = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        match run_with(renderer, file.clone(), started, opened.clone()) {
            Ok(()) => return Ok(()),
            // The app ran and then failed: a second window would not be the same session.
            Err(e) if opened.load(std::sync::atomic::Ordering::Relaxed) => return Err(e),
            Err(e) => failures.push((renderer_name(renderer), e)),
        }
    }
    report_no_window(&failures);
    Err(failures.pop().map_or_else(
        || eframe::Error::AppCreation("no renderer".into()),
        |(_, e)| e,
    ))
}

/// One try at the window with `renderer`; `opened` is set once the app exists.
fn run_with(
    renderer: eframe::Renderer,
    file: Option<PathBuf>,
    started: Instant,
    opened: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Result<(), eframe::Error> {
    let data_dir = crate::paths::data_dir();
    let options = eframe::NativeOptions {
        renderer,
        // eframe's storage (settings, window size, recent files) lives in the data folder too.
        persistence_path: data_dir.as_ref().map(|d| d.join(SETTINGS_FILE)),
        viewport: egui::ViewportBuilder::default()
            .with_title(text::APP_TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_app_id("jsog-renewal")
            .with_icon(app_icon()),
        ..Default::default()
    };
    let measure = std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some();
    eframe::run_native(
        "jsog-renewal",
        options,
        Box::new(move |cc| {
            opened.store(true, std::sync::atomic::Ordering::Relaxed);
            if measure {
                eprintln!("renderer {}", renderer_name(renderer));
            }
            setup_context(&cc.egui_ctx);
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

/// No renderer could open the window: the reasons go to the log in the data folder and, unless
/// the run is unattended (a start-up measurement), to a message box.
fn report_no_window(failures: &[(&'static str, eframe::Error)]) {
    let reasons: Vec<String> = failures
        .iter()
        .map(|(name, e)| format!("{name}: {e}"))
        .collect();
    let log = crate::paths::data_dir().map(|d| d.join(WINDOW_LOG_FILE));
    let logged = log.as_ref().and_then(|path| {
        let entry = format!(
            "{} {}\n",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
            reasons.join(" / ")
        );
        std::fs::create_dir_all(path.parent()?).ok()?;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        std::io::Write::write_all(&mut f, entry.as_bytes()).ok()?;
        Some(path.as_path())
    });
    if std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some() {
        return;
    }
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(text::APP_TITLE)
        .set_description(text::no_window(&reasons, logged))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
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
