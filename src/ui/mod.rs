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

/// The modules of `src/ui` depend on each other in one direction only: pages read
/// [`context`], never the shell; a file module that uses another is never used by it in turn.
#[cfg(test)]
mod layering_tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// Every `.rs` file below `dir`, as its module path relative to `src/ui` (`""` for
    /// `mod.rs`, `"pages"` for `pages/mod.rs`, `"pages/cases"` for `pages/cases.rs`).
    fn modules(root: &Path, dir: &Path, out: &mut BTreeMap<String, PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src/ui").flatten() {
            let path = entry.path();
            if path.is_dir() {
                modules(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .expect("below src/ui")
                    .with_extension("");
                let rel = rel.to_string_lossy().replace('\\', "/");
                let name = match rel.strip_suffix("mod") {
                    Some(dir) => dir.trim_end_matches('/').to_owned(),
                    None => rel,
                };
                out.insert(name, path);
            }
        }
    }

    /// The first path segments after each `prefix` in `code`, with `{a, b::c}` groups opened.
    fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
        let mut found = Vec::new();
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let end = group
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += i32::from(c == '{') - i32::from(c == '}');
                        depth < 0
                    })
                    .map_or(group.len(), |(i, _)| i);
                let mut depth = 0;
                let mut start = 0;
                for (i, c) in group[..end].char_indices() {
                    depth += i32::from(c == '{') - i32::from(c == '}');
                    if c == ',' && depth == 0 {
                        found.push(segments(&group[start..i]));
                        start = i + 1;
                    }
                }
                found.push(segments(&group[start..end]));
            } else {
                found.push(segments(rest));
            }
        }
        found
    }

    /// The identifiers of a path, up to the first thing that is not one (`{`, `;`, `(` …).
    fn segments(path: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for s in path.trim_start().split("::") {
            let len = s
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(s.len());
            if len == 0 {
                break;
            }
            out.push(&s[..len]);
            if len < s.len() {
                break;
            }
        }
        out
    }

    /// The longest known module that `base` followed by `segments` names.
    fn resolve(known: &BTreeMap<String, PathBuf>, base: &str, segments: &[&str]) -> String {
        let mut module = base.to_owned();
        for s in segments {
            let next = if module.is_empty() {
                (*s).to_owned()
            } else {
                format!("{module}/{s}")
            };
            if !known.contains_key(&next) {
                break;
            }
            module = next;
        }
        module
    }

    #[test]
    fn no_module_of_the_window_depends_on_one_that_depends_on_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut known = BTreeMap::new();
        modules(&root, &root, &mut known);
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, path) in &known {
            let text = std::fs::read_to_string(path).expect("read module");
            // Unit tests inside a file may reach anything; what matters is the code itself.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let parent = module.rsplit_once('/').map_or("", |(p, _)| p);
            let is_dir = path.ends_with("mod.rs");
            let mut uses: Vec<String> = Vec::new();
            for segs in paths_after(code, "crate::ui::") {
                uses.push(resolve(&known, "", &segs));
            }
            // In src/ui/mod.rs `super` is the crate, outside the window.
            if !module.is_empty() {
                for segs in paths_after(code, "super::") {
                    uses.push(resolve(&known, parent, &segs));
                }
            }
            // Using a folder module (`pages`) may reach any module inside it
            // (`pages::cases::CasesView`), unless the user lives in that folder itself.
            let inside: Vec<String> = uses
                .iter()
                .filter(|u| !u.is_empty() && !module.starts_with(&format!("{u}/")))
                .flat_map(|u| {
                    let folder = format!("{u}/");
                    known
                        .keys()
                        .filter(move |k| k.starts_with(&folder))
                        .cloned()
                })
                .collect();
            uses.extend(inside);
            for used in uses {
                let child_of_this_dir = is_dir
                    && used
                        .strip_prefix(module.as_str())
                        .is_some_and(|r| module.is_empty() || r.starts_with('/'));
                // A parent mod.rs declares and re-exports its children: that is not a use.
                if used != *module && !child_of_this_dir {
                    edges.entry(module.clone()).or_default().insert(used);
                }
            }
        }
        assert!(
            edges
                .get("pages/cases")
                .is_some_and(|e| e.contains("context")),
            "the scan sees the pages' imports: {edges:?}"
        );
        for (from, targets) in &edges {
            for to in targets {
                let back = edges.get(to).is_some_and(|t| t.contains(from));
                assert!(!back, "{from} and {to} use each other");
            }
        }
        // Longer cycles: a depth-first walk from every module.
        for start in edges.keys() {
            let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
            let mut seen = BTreeSet::new();
            while let Some((node, trail)) = stack.pop() {
                for next in edges.get(&node).into_iter().flatten() {
                    assert!(
                        next != start,
                        "cycle in src/ui: {} → {next}",
                        trail.join(" → ")
                    );
                    if seen.insert(next.clone()) {
                        let mut longer = trail.clone();
                        longer.push(next.clone());
                        stack.push((next.clone(), longer));
                    }
                }
            }
        }
    }
}

/// Words shared with the CLI and the forms are not typed again in the window.
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
