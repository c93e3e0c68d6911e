//! The application file: one RON document with a format version, saved atomically, never
//! overwritten when it cannot be read, older versions migrated on load.
//!
//! Format (current version 3):
//! ```ron
//! (format_version: 3, application: (fiscal_year: 2024, applicant: (...), cases: [...], ...))
//! ```
//! Version 2 held 転帰 and 担当医/指導医 as pick-list values (`outcome: Some(Cured)`); they load
//! as their words (`"治癒"`), see `model::legacy`. Version 1 (the first drafts) was the bare
//! application without envelope or `fiscal_year`; it loads as FY2024.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::Application;

/// The format version this program writes.
pub const FORMAT_VERSION: u32 = 3;

/// Files larger than this are refused rather than read (a real application is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be loaded or saved. Messages are for the user, in Japanese.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("ファイル {path} を{action}できません: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// 読み込み / 保存
        action: &'static str,
        /// The OS error.
        source: io::Error,
    },
    /// The file is not a valid application file.
    #[error("ファイル {path} の{line}行{column}列目に誤りがあります: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by a newer program.
    #[error(
        "ファイル {path} は新しい形式（版{found}）です。このプログラムは版{FORMAT_VERSION}までを読めます。プログラムを更新してください"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// The application could not be turned into file text (nothing was written).
    #[error("申請を保存用の形式に変換できません（ファイルは書き換えていません）: {0}")]
    Serialize(String),
    /// Too large to be an application file.
    #[error("ファイル {path} は大きすぎます（{size}バイト）。申請ファイルではない可能性があります")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format_version: u32,
    application: &'a Application,
}

#[derive(Deserialize)]
struct Envelope {
    format_version: u32,
    application: Application,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}

/// The application as file text.
pub fn to_string(app: &Application) -> Result<String, StoreError> {
    let pretty = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .depth_limit(4)
        .struct_names(false);
    let envelope = EnvelopeOut {
        format_version: FORMAT_VERSION,
        application: app,
    };
    // Never fall back to an empty text: saving that would replace the user's file with nothing.
    ron_options()
        .to_string_pretty(&envelope, pretty)
        .map_err(|e| StoreError::Serialize(e.to_string()))
}

/// Parses file text; `path` only names the file in errors.
pub fn from_str(text: &str, path: &Path) -> Result<Application, StoreError> {
    let syntax = |e: ron::error::SpannedError| StoreError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let too_new = |found| StoreError::TooNew {
        path: path.to_path_buf(),
        found,
    };
    let opts = ron_options();
    if declared_version(text).is_none() {
        return migrate_v1(opts.from_str(text).map_err(syntax)?);
    }
    match opts.from_str::<Envelope>(text) {
        Ok(envelope) if envelope.format_version > FORMAT_VERSION => {
            Err(too_new(envelope.format_version))
        }
        Ok(envelope) => Ok(envelope.application),
        // A newer program's file may not parse at all: say so rather than point at a field.
        Err(e) => match declared_version(text) {
            Some(v) if v > FORMAT_VERSION => Err(too_new(v)),
            _ => Err(syntax(e)),
        },
    }
}

/// The `format_version: N` at the head of a file, read without parsing the rest.
fn declared_version(text: &str) -> Option<u32> {
    let rest = skip_trivia(text).strip_prefix('(')?;
    let rest = skip_trivia(rest).strip_prefix("format_version")?;
    let rest = skip_trivia(rest).strip_prefix(':')?;
    let digits: String = skip_trivia(rest)
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Skips whitespace and `//` or `/* */` comments.
fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return text;
        }
    }
}

/// Version 1: the bare application, written before fiscal years were recorded (all FY2024).
fn migrate_v1(app: Application) -> Result<Application, StoreError> {
    Ok(Application {
        fiscal_year: 2024,
        ..app
    })
}

/// Loads an application file. On error nothing is written anywhere.
pub fn load(path: &Path) -> Result<Application, StoreError> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        action: "読み込み",
        source,
    };
    let size = fs::metadata(path).map_err(io_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let bytes = fs::read(path).map_err(io_err)?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Syntax {
        path: path.to_path_buf(),
        line: line_of(e.as_bytes(), e.utf8_error().valid_up_to()),
        column: 1,
        message: "UTF-8 の文字として読めないバイトがあります".into(),
    })?;
    from_str(text.trim_start_matches('\u{feff}'), path)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes.iter().take(offset).filter(|&&b| b == b'\n').count() + 1
}

/// The backup of the previous version: `name.ron.bak` beside the file.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Saves atomically: write a temporary file in the same folder, flush it to disk, keep the
/// previous version as `.bak`, then rename over the target. A crash at any point leaves either
/// the old or the new file whole.
pub fn save(app: &Application, path: &Path) -> Result<(), StoreError> {
    write_atomic(path, to_string(app)?.as_bytes())
}

/// The atomic write behind [`save`], for any file the program owns.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        action: "保存",
        source,
    };
    let tmp = sibling(path, &format!(".tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            keep_backup(path)?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(path);
        remove_stale_temporaries(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// Removes temporary files left beside `path` by a save that was killed part-way.
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    let ours = format!("-{}", std::process::id());
    let prefixes = [format!("{name}.tmp-"), format!("{name}.bak-tmp-")];
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if prefixes.iter().any(|p| file.starts_with(p.as_str())) && !file.ends_with(&ours) {
            // Best effort: a leftover that cannot be removed now is tried again next save.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Puts the current file's content at `.bak` without ever leaving the target missing.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let bak_tmp = sibling(path, &format!(".bak-tmp-{}", std::process::id()));
    let _ = fs::remove_file(&bak_tmp);
    // A hard link is instant and atomic; some file systems (FAT on USB sticks) lack them.
    if fs::hard_link(path, &bak_tmp).is_err() {
        fs::copy(path, &bak_tmp)?;
    }
    fs::rename(&bak_tmp, &bak)
}

#[cfg(unix)]
fn sync_dir(path: &Path) {
    // Makes the rename itself durable; failure here does not undo a completed save.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_path: &Path) {}
