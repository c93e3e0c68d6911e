//! What the app remembers besides the application file: preferences (in eframe's storage,
//! which is fine for them) and the crash-recovery copy (written atomically through the store).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Application;
use crate::store::{self, StoreError};

/// How many recent files the menu lists.
const RECENT_LIMIT: usize = 8;
/// The recovery copy's file name inside the data folder.
const RECOVERY_FILE: &str = "recovery.ron";
/// Beside it: the path of the file the recovery copy belongs to, if any.
const RECOVERY_ORIGIN_FILE: &str = "recovery-origin.txt";

/// Light or dark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// UI preferences kept between runs (in eframe's storage, not in the application file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Zoom factor of the whole UI.
    pub scale: f32,
    /// Colour theme.
    pub theme: Theme,
    /// Files opened or saved lately, newest first.
    pub recent: Vec<PathBuf>,
    /// The user's choice for the verdict panel: folded to a strip (true) or open (false); None
    /// while it follows the window's width (folded below `tokens::VERDICT_FOLD_BELOW`).
    pub verdict_folded: Option<bool>,
    /// Column widths dragged in the tables' headers.
    pub columns: super::table_fit::ChosenWidths,
    /// The export page's choices, per application file (of the recent files).
    pub exports: BTreeMap<PathBuf, ExportChoice>,
}

/// What the export page was set to for one application file: its folder and whether each form
/// is written as a file of its own too. A doctor's bundle goes where it went last time; another
/// doctor's file does not inherit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoice {
    /// The folder chosen (none: the default beside the file).
    pub folder: Option<PathBuf>,
    /// 「様式ごとのファイルも書き出す」.
    pub per_form_files: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            scale: 1.0,
            theme: Theme::Light,
            recent: Vec::new(),
            verdict_folded: None,
            columns: Default::default(),
            exports: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Puts `path` at the top of the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
        // Choices are kept for the files the menu still lists.
        let recent = &self.recent;
        self.exports.retain(|p, _| recent.contains(p));
    }
}

impl Settings {
    /// Whether the verdict panel is folded in a window `window_width` points wide.
    pub fn verdict_is_folded(&self, window_width: f32) -> bool {
        self.verdict_folded
            .unwrap_or(window_width < super::tokens::VERDICT_FOLD_BELOW)
    }

    /// Folds or opens the verdict panel. A choice equal to what the width would give is no
    /// choice: the panel follows the width again (so a user who folded it on a wide screen and
    /// opened it again still gets it folded on a narrow one).
    pub fn toggle_verdict(&mut self, window_width: f32) {
        let automatic = window_width < super::tokens::VERDICT_FOLD_BELOW;
        let wanted = !self.verdict_is_folded(window_width);
        self.verdict_folded = (wanted != automatic).then_some(wanted);
    }
}

/// The crash-recovery copy in a data folder.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
}

impl Recovery {
    /// Recovery in `dir` (created when first written).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The platform's data folder for this program.
    pub fn platform() -> Option<Self> {
        crate::paths::platform_data_dir().map(Self::new)
    }

    fn file(&self) -> PathBuf {
        self.dir.join(RECOVERY_FILE)
    }

    /// Writes the recovery copy of `app`, which belongs to `origin` (when it has a file).
    pub fn write(&self, app: &Application, origin: Option<&Path>) -> Result<(), StoreError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: crate::oserror::Action::CreateFolder,
            source,
        })?;
        let origin_text = origin.map(|p| p.to_string_lossy().into_owned());
        // The recovery copy stays its owner's alone, whatever the umask.
        store::write_private(
            &self.dir.join(RECOVERY_ORIGIN_FILE),
            origin_text.unwrap_or_default().as_bytes(),
        )?;
        store::save_private(app, &self.file())
    }

    /// The recovery copy left by a run that ended without saving, with the file it belongs to.
    pub fn pending(&self) -> Option<(Application, Option<PathBuf>)> {
        let file = self.file();
        if !file.exists() {
            return None;
        }
        let app = store::load(&file).ok()?;
        let origin = std::fs::read_to_string(self.dir.join(RECOVERY_ORIGIN_FILE))
            .ok()
            .filter(|s| !s.trim().is_empty())
            .map(PathBuf::from);
        Some((app, origin))
    }

    /// Removes the recovery copy (after a save, a discard or a clean exit).
    pub fn clear(&self) {
        for name in [RECOVERY_FILE, RECOVERY_ORIGIN_FILE] {
            let path = self.dir.join(name);
            // Missing files are the normal case; other failures only leave a stale offer.
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(store::backup_path(&path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_without_duplicates() {
        let mut s = Settings::default();
        for p in ["a.ron", "b.ron", "a.ron"] {
            s.remember(Path::new(p));
        }
        assert_eq!(
            s.recent,
            vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]
        );
    }

    #[test]
    fn verdict_panel_folds_below_the_width_unless_the_user_opened_it() {
        let mut s = Settings::default();
        assert!(s.verdict_is_folded(1024.0));
        assert!(!s.verdict_is_folded(1280.0));
        // Opened on a narrow window: stays open at any width.
        s.toggle_verdict(1024.0);
        assert_eq!(s.verdict_folded, Some(false));
        assert!(!s.verdict_is_folded(1024.0));
        // Folded again: follows the width once more.
        s.toggle_verdict(1024.0);
        assert_eq!(s.verdict_folded, None);
        // Folded on a wide window: folded everywhere, and remembered through the settings file.
        s.toggle_verdict(1280.0);
        assert!(s.verdict_is_folded(1280.0));
        let text = ron::to_string(&s).expect("serialize");
        let back: Settings = ron::from_str(&text).expect("deserialize");
        assert!(back.verdict_is_folded(1280.0));
        // Settings written before the choice existed still load.
        let old: Settings = ron::from_str("(scale: 1.0, theme: Light, recent: [])").expect("old");
        assert_eq!(old.verdict_folded, None);
    }

    #[test]
    fn recovery_round_trip_then_clear() {
        let dir = tempfile::tempdir().expect("tempdir");
        let recovery = Recovery::new(dir.path().join("data"));
        assert!(recovery.pending().is_none());
        let app = crate::demo::application();
        recovery
            .write(&app, Some(Path::new("/tmp/x.ron")))
            .expect("write");
        let (back, origin) = recovery.pending().expect("pending");
        assert_eq!(back, app);
        assert_eq!(origin, Some(PathBuf::from("/tmp/x.ron")));
        recovery.clear();
        assert!(recovery.pending().is_none());
    }
}
