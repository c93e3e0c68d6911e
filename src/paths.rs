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

/// The platform's data folder for this program (ignoring [`DATA_DIR_ENV`]): on Windows
/// `%APPDATA%\jsog-renewal` (where Windows users and their IT look, and what follows a roaming
/// profile), elsewhere eframe's (`~/.local/share/jsog-renewal`,
/// `~/Library/Application Support/jsog-renewal`).
pub fn platform_data_dir() -> Option<PathBuf> {
    #[cfg(windows)]
    if let Some(appdata) = std::env::var_os("APPDATA").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(appdata).join("jsog-renewal"));
    }
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

/// Characters Windows refuses in a file or folder name.
pub const WINDOWS_REFUSED: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Why Windows would refuse `name` as a file or folder name, in Japanese; `None` when it may be
/// used. Checked on every system before a file is created: application files and PDFs travel
/// between Linux, Mac and the Windows PCs of a hospital, and on Windows a name such as `NUL` or
/// `CON.ron` names a device, so a "saved" file would silently go nowhere.
pub fn windows_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("名前が空です".to_string());
    }
    let mut bad: Vec<char> = name
        .chars()
        .filter(|c| WINDOWS_REFUSED.contains(c))
        .collect();
    bad.dedup();
    if !bad.is_empty() {
        let bad: String = bad.iter().map(|c| format!("「{c}」")).collect();
        return Some(format!(
            "Windows で使えない文字 {bad} があります（< > : \" / \\ | ? * は使えません）"
        ));
    }
    if name.chars().any(char::is_control) {
        return Some("名前に制御文字（改行・タブなど）があります".to_string());
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("名前の末尾が「.」または空白です（Windows では使えません）".to_string());
    }
    // `CON`, `con.ron` and `COM1 .txt` alike: the part before the first dot, trailing spaces
    // ignored, in any case.
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches(' ');
    if is_reserved_device(stem) {
        return Some(format!(
            "「{stem}」は Windows が装置の名前として予約しています（CON, PRN, AUX, NUL, COM1〜9, LPT1〜9）"
        ));
    }
    if name.encode_utf16().count() > 255 {
        return Some("名前が長すぎます（Windows では 255 文字まで）".to_string());
    }
    None
}

fn is_reserved_device(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    if ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"].contains(&upper.as_str()) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: String = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && matches!(
            rest.as_str(),
            "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
        )
}

#[cfg(test)]
mod tests {
    use super::windows_name_problem;

    #[test]
    fn ordinary_japanese_names_pass() {
        for name in [
            "申請.ron",
            "見本 花子（2024）.ron",
            "様式3.pdf",
            ".申請.ron.lock",
            "CONSOLE.ron",
            "COM10.ron",
        ] {
            assert_eq!(windows_name_problem(name), None, "{name}");
        }
    }

    #[test]
    fn characters_windows_refuses_are_named() {
        let why = windows_name_problem("申請:2024?.ron").expect("refused");
        assert!(why.contains("「:」「?」"), "{why}");
        for name in ["a<b", "a>b", "a\"b", "a|b", "a*b", "a\\b", "a/b"] {
            assert!(windows_name_problem(name).is_some(), "{name}");
        }
        assert!(windows_name_problem("a\tb.ron").is_some());
    }

    #[test]
    fn device_names_are_refused_with_or_without_extension() {
        for name in [
            "CON",
            "con.ron",
            "Nul.pdf",
            "AUX",
            "PRN.txt",
            "COM1",
            "lpt9.ron",
            "COM1 .ron",
            "COM¹",
        ] {
            let why = windows_name_problem(name).unwrap_or_else(|| panic!("{name} passed"));
            assert!(why.contains("予約"), "{name}: {why}");
        }
    }

    #[test]
    fn a_trailing_dot_or_space_and_an_empty_name_are_refused() {
        for name in ["申請.", "申請 ", ""] {
            assert!(windows_name_problem(name).is_some(), "{name:?}");
        }
        assert!(windows_name_problem(&"あ".repeat(256)).is_some());
        assert_eq!(windows_name_problem(&"あ".repeat(255)), None);
    }
}
