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

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{Application, WorkplaceField};
pub use crate::oserror::Action;

/// The format version this program writes.
pub const FORMAT_VERSION: u32 = 4;

/// Files larger than this are refused rather than read (a real application is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be loaded or saved. Messages are for the user, in Japanese.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("{}", crate::oserror::say(*action, path, source))]
    Io {
        /// The file.
        path: PathBuf,
        /// Reading or saving.
        action: Action,
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
    /// Not a regular file (a FIFO, a device, a folder).
    #[error("{path} は通常のファイルではありません（{what}）。申請ファイルを指定してください")]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// Another writer holds the file's lock for too long.
    #[error(
        "ファイル {path} は他の人（または別の処理）が保存中です。{seconds}秒待ちましたが終わらないため、何も変更していません"
    )]
    Locked {
        /// The file.
        path: PathBuf,
        /// How long we waited.
        seconds: u64,
    },
    /// Someone else saved the file after it was opened here.
    #[error(
        "ファイル {path} は開いた後に他の人が保存しています。上書きすると、その変更が失われます"
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// The file holds a value that cannot be true.
    #[error("ファイル {path} に正しくない値があります: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Which value.
        message: String,
    },
    /// A new file's name that Windows would refuse (see [`crate::paths::windows_name_problem`]).
    #[error(
        "{path} という名前では作れません: {why}。別の名前にしてください（ファイルは Windows の PC でも開けるようにします）"
    )]
    UnportableName {
        /// The path.
        path: PathBuf,
        /// What is wrong with the name.
        why: String,
    },
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
    // "\n" on every system (ron's default is "\r\n" on Windows): a file saved on any PC has the
    // same bytes, and one moved between Windows and Linux does not change at every save.
    let pretty = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("  ".to_string())
        .depth_limit(4)
        .struct_names(false);
    let envelope = EnvelopeOut {
        format_version: FORMAT_VERSION,
        application: app,
    };
    // A file that could not be loaded again is not written: the work stays in the window.
    check_numbers(app).map_err(|e| StoreError::Serialize(e.to_string()))?;
    // Never fall back to an empty text: saving that would replace the user's file with nothing.
    ron_options()
        .to_string_pretty(&envelope, pretty)
        .map_err(|e| StoreError::Serialize(e.to_string()))
}

/// Parses file text; `path` only names the file in errors. Values no form can hold (NaN, ∞)
/// are refused here, so that nothing that loads prints nonsense.
pub fn from_str(text: &str, path: &Path) -> Result<Application, StoreError> {
    let app = parse(text, path)?;
    check_numbers(&app).map_err(|e| StoreError::Invalid {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(app)
}

fn parse(text: &str, path: &Path) -> Result<Application, StoreError> {
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

/// Whether a file is (or claims to be) an application file: a `.ron` name, or a head that
/// declares a format version. Reads at most 4 KB, and only from a regular file.
pub fn looks_like_application(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return true;
    }
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let mut head = Vec::new();
    let read = File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok()
        && declared_version(String::from_utf8_lossy(&head).trim_start_matches('\u{feff}')).is_some()
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
    load_with_fingerprint(path).map(|(app, _)| app)
}

/// Loads an application file and says what it looked like on disk, so that a later save can
/// tell whether someone else has saved it in the meantime.
pub fn load_with_fingerprint(path: &Path) -> Result<(Application, Fingerprint), StoreError> {
    let (bytes, meta) = read_limited(path, MAX_FILE_BYTES).map_err(|e| read_error(path, e))?;
    let fingerprint = Fingerprint::of(&meta, &bytes);
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Syntax {
        path: path.to_path_buf(),
        line: line_of(e.as_bytes(), e.utf8_error().valid_up_to()),
        column: 1,
        message: "UTF-8 の文字として読めないバイトがあります".into(),
    })?;
    let app = from_str(text.trim_start_matches('\u{feff}'), path)?;
    Ok((app, fingerprint))
}

/// A number no form can print: NaN, an infinity, or more than a week holds.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("勤務実態{row}行目の{}「{value}」は0～{max}の数ではありません", field.label())]
pub struct NumberOutOfRange {
    /// The workplace row, from 1.
    pub row: usize,
    /// The field.
    pub field: WorkplaceField,
    /// The value found.
    pub value: f32,
    /// The largest value that can be true.
    pub max: f32,
}

/// Refuses numbers no form can print: NaN, infinities and values outside what a week holds.
pub fn check_numbers(app: &Application) -> Result<(), NumberOutOfRange> {
    let first = app.workplaces.iter().enumerate().find_map(|(i, w)| {
        w.impossible_numbers()
            .next()
            .map(|(field, value, max)| NumberOutOfRange {
                row: i + 1,
                field,
                value,
                max,
            })
    });
    first.map_or(Ok(()), Err)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes.iter().take(offset).filter(|&&b| b == b'\n').count() + 1
}

/// Why a file could not be read through [`read_limited`].
#[derive(Debug)]
pub enum ReadLimitError {
    /// The OS error.
    Io(io::Error),
    /// Not a regular file: what it is instead, in Japanese.
    NotRegular(&'static str),
    /// Longer than the limit.
    TooLarge(u64),
}

fn read_error(path: &Path, e: ReadLimitError) -> StoreError {
    match e {
        ReadLimitError::Io(source) => StoreError::Io {
            path: path.to_path_buf(),
            action: Action::Read,
            source,
        },
        ReadLimitError::NotRegular(what) => StoreError::NotRegular {
            path: path.to_path_buf(),
            what,
        },
        ReadLimitError::TooLarge(size) => StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
        },
    }
}

/// What a path that is not a regular file is, in words for the user.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "フォルダ";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "名前付きパイプ（FIFO）";
        }
        if t.is_char_device() || t.is_block_device() {
            return "デバイス";
        }
        if t.is_socket() {
            return "ソケット";
        }
    }
    "特殊なファイル"
}

/// Reads a regular file whole, but never more than `limit` bytes: FIFOs, devices and folders are
/// refused before they are opened (opening a FIFO would wait for a writer forever), and the
/// read itself stops at the limit, whatever size the file claims.
pub fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, fs::Metadata), ReadLimitError> {
    let meta = fs::metadata(path).map_err(ReadLimitError::Io)?;
    if !meta.is_file() {
        return Err(ReadLimitError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadLimitError::TooLarge(meta.len()));
    }
    let file = File::open(path).map_err(ReadLimitError::Io)?;
    // The path may have been swapped between the check and the open.
    let meta = file.metadata().map_err(ReadLimitError::Io)?;
    if !meta.is_file() {
        return Err(ReadLimitError::NotRegular(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadLimitError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadLimitError::TooLarge(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// What a file looked like on disk: modification time, size and a hash of the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    modified: Option<SystemTime>,
    len: u64,
    hash: u64,
}

impl Fingerprint {
    fn of(meta: &fs::Metadata, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            modified: meta.modified().ok(),
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }

    /// The file as it is now (`None` when it is gone). Reads the content only when time and size
    /// alone cannot tell, so that watching a file every few seconds stays cheap.
    pub fn current(path: &Path, previous: Option<&Fingerprint>) -> Option<Fingerprint> {
        let meta = fs::metadata(path).ok()?;
        if let Some(p) = previous
            && p.modified == meta.modified().ok()
            && p.len == meta.len()
        {
            return Some(p.clone());
        }
        let (bytes, meta) = read_limited(path, MAX_FILE_BYTES).ok()?;
        Some(Fingerprint::of(&meta, &bytes))
    }

    /// Whether the content is the same (a file saved again unchanged counts as unchanged).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
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

/// How long a writer waits for another to finish before giving up with a message.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// An exclusive, advisory hold on an application file for one load-modify-save; released when
/// dropped (or when the process ends, however it ends).
///
/// The lock is taken on a hidden companion file (`.name.ron.lock`) that is never deleted: the
/// application file itself is replaced by every save, so a lock on it would not hold across one.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

/// The hidden lock file of an application file (beside the real file when `path` is a link).
pub fn lock_path(path: &Path) -> PathBuf {
    let target = resolve_target(path).unwrap_or_else(|_| path.to_path_buf());
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.lock"))
}

/// Takes the lock of `path`, waiting up to [`LOCK_WAIT`] for another writer to finish.
pub fn lock(path: &Path) -> Result<FileLock, StoreError> {
    lock_within(path, LOCK_WAIT)
}

/// [`lock`] with a given wait.
pub fn lock_within(path: &Path, wait: Duration) -> Result<FileLock, StoreError> {
    check_portable_name(
        path,
        &resolve_target(path).unwrap_or_else(|_| path.to_path_buf()),
    )?;
    let lock_file = lock_path(path);
    // The lock file is ours, not the user's: a failure there is a failure to save the file.
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        action: Action::Save,
        source,
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        options.attributes(windows_attributes::LOCK_FILE);
    }
    // Created as the umask says: in a shared folder every colleague who saves needs to open it.
    // One left by someone else that we may only read still locks (a lock needs no write).
    let file = match options.open(&lock_file) {
        // When there is none to read, the folder refused us: say that, not "not found".
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            File::open(&lock_file).map_err(|_| e)
        }
        other => other,
    }
    .map_err(io_err)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(FileLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    seconds: wait.as_secs(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
    }
}

/// Refuses to create a file whose name Windows would refuse (see
/// [`crate::paths::windows_name_problem`]); an existing regular file keeps its name, so a file
/// made elsewhere can still be opened and saved. Before anything is opened: on Windows the name
/// may be a device (`CON`), and the lock file beside it would fail with an obscure error.
fn check_portable_name(path: &Path, target: &Path) -> Result<(), StoreError> {
    let Some(why) = target
        .file_name()
        .and_then(|n| crate::paths::windows_name_problem(&n.to_string_lossy()))
    else {
        return Ok(());
    };
    if fs::metadata(target).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    Err(StoreError::UnportableName {
        path: path.to_path_buf(),
        why,
    })
}

/// Saves atomically: write a temporary file in the same folder, flush it to disk, keep the
/// previous version as `.bak`, then rename over the target. A crash at any point leaves either
/// the old or the new file whole. The file keeps its permissions and owner (a new one gets them
/// from the user's umask, as any editor's file would); a symbolic link is saved through to its
/// target.
pub fn save(app: &Application, path: &Path) -> Result<(), StoreError> {
    write_atomic(path, to_string(app)?.as_bytes())
}

/// [`save`] for a copy only its owner may read (the recovery copy in the user's data folder),
/// whatever the umask.
pub fn save_private(app: &Application, path: &Path) -> Result<(), StoreError> {
    write_file(
        path,
        to_string(app)?.as_bytes(),
        true,
        Access::Private,
        Action::Save,
    )
}

/// Saves under the file's lock, but only when the file is still as it was when it was loaded
/// (`expected`; `None` for a file that did not exist). Returns what the file now looks like.
pub fn save_checked(
    app: &Application,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    let text = to_string(app)?;
    let _lock = lock(path)?;
    // Content compared by hash even when time and size agree: a same-size save within the
    // file system's time resolution must not slip through.
    let now = Fingerprint::current(path, None);
    let unchanged = match (expected, &now) {
        (None, None) => true,
        (Some(e), Some(n)) => e.same_content(n),
        _ => false,
    };
    if !unchanged {
        return Err(StoreError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    write_atomic(path, text.as_bytes())?;
    Fingerprint::current(path, None).ok_or_else(|| StoreError::Io {
        path: path.to_path_buf(),
        action: Action::Save,
        source: io::Error::new(io::ErrorKind::NotFound, "保存したファイルが見つかりません"),
    })
}

/// The atomic write behind [`save`], for any file the program owns; keeps a `.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_file(path, bytes, true, Access::Shared, Action::Save)
}

/// [`write_atomic`] for a file only its owner may read, whatever the umask.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_file(path, bytes, true, Access::Private, Action::Save)
}

/// An atomic write for exported files (PDF): no `.bak` is left beside them.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_file(path, bytes, false, Access::Shared, Action::Write)
}

/// Who may read a file the program creates (a file it rewrites keeps its own permissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// As the user's umask says: in an office's shared folder, colleagues can open it.
    Shared,
    /// Its owner only (copies in the user's own data folder).
    Private,
}

/// The file a path stands for: a symbolic link's target (followed to the end), else the path.
fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(crate::oserror::LinkLoopFound))
}

/// Writes `bytes` to `path`; a failure is said as `action` (保存 of a file the user keeps, 書き出し
/// of an output).
fn write_file(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    access: Access,
    action: Action,
) -> Result<(), StoreError> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        action,
        source,
    };
    let target = resolve_target(path).map_err(io_err)?;
    check_portable_name(path, &target)?;
    let existing = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if let Some(m) = existing.as_ref().filter(|m| !m.is_file()) {
        return Err(StoreError::NotRegular {
            path: path.to_path_buf(),
            what: kind_of(m),
        });
    }
    // A rewritten file's temporary stays private until the old permissions are copied onto it;
    // a new shared file is created as the umask says, like any other program's.
    let shared = access == Access::Shared && existing.is_none();
    let (tmp, mut file) = create_temporary(&target, shared, existing.as_ref()).map_err(io_err)?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(m) = &existing {
            keep_owner_and_mode(&file, m);
        }
        file.sync_all()?;
        // `file` stays open, and so locked, until the rename is done: see create_temporary.
        if existing.as_ref().is_some_and(is_hard_linked) {
            // Every name of a hard-linked file should see the new content: write in place,
            // after a full copy of the old content is kept as .bak and the new one at `tmp`.
            let bak = keep_backup(&target)?;
            write_in_place(&target, bytes).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("{e}（直前の内容は {} にあります）", bak.display()),
                )
            })?;
            fs::remove_file(&tmp)?;
        } else {
            if backup && existing.is_some() {
                keep_backup(&target)?;
            }
            replace(&tmp, &target)?;
        }
        drop(file);
        sync_dir(&target);
        remove_stale_temporaries(&target);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// A temporary file beside `target` that is this writer's alone: its name is unique to the
/// process and call, it is created exclusively, and it is locked for as long as the writer
/// holds it open. Another writer's clean-up removes only temporaries it can lock, i.e. those
/// of a writer that died (the OS releases a dead process's locks); a live one is never touched.
/// Readable by its owner only until the target's permissions are copied onto it, unless
/// `shared` (a new file: the umask decides). On Windows it is created with the attributes of
/// `like` (hidden, system), which can only be set at creation.
fn create_temporary(
    target: &Path,
    shared: bool,
    like: Option<&fs::Metadata>,
) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = sibling(
            target,
            &format!(".tmp-{}-{n}-{nanos:08x}", std::process::id()),
        );
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if shared { 0o666 } else { 0o600 });
            let _ = like;
        }
        #[cfg(windows)]
        if let Some(m) = like {
            use std::os::windows::fs::{MetadataExt, OpenOptionsExt};
            options.attributes(m.file_attributes() & windows_attributes::KEPT_AT_CREATION);
        }
        // Windows files take the folder's access rights; only Unix modes depend on `shared`.
        #[cfg(not(unix))]
        let _ = shared;
        let file = match options.open(&tmp) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        // A clean-up may have locked (and removed) the brand-new file before we could lock it:
        // then this name is given up and another one taken.
        if file.try_lock().is_ok() && still_named(&file, &tmp) {
            return Ok((tmp, file));
        }
        if n > 1_000_000 {
            return Err(io::Error::other("一時ファイルを作れません"));
        }
    }
}

/// Whether `path` still names the open `file` (it was not removed or replaced meanwhile).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Best effort: only root may give a file away, but the group is often allowed; the mode is
    // always ours to set. Never wider than the old file: a failed chown leaves us the owner.
    if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    let _ = file.set_permissions(old.permissions());
}

/// Windows keeps no owner or mode bits: the attributes are what a user sets (Properties →
/// 読み取り専用 / 隠しファイル). Hidden and system are given at creation ([`create_temporary`]),
/// read-only after the rename ([`replace`]).
#[cfg(not(unix))]
fn keep_owner_and_mode(_file: &File, _old: &fs::Metadata) {}

/// Windows file attributes (winnt.h) kept across a save.
#[cfg(windows)]
mod windows_attributes {
    const HIDDEN: u32 = 0x2;
    const SYSTEM: u32 = 0x4;
    const ARCHIVE: u32 = 0x20;
    /// Those `CreateFileW` accepts for a new file; read-only is set after writing.
    pub const KEPT_AT_CREATION: u32 = HIDDEN | SYSTEM | ARCHIVE;
    /// The lock file is hidden on Windows as its leading dot hides it on Unix.
    pub const LOCK_FILE: u32 = HIDDEN;
}

/// Renames `from` over `to`. Windows refuses to replace a read-only file (Unix looks only at
/// the folder), so a read-only target loses the attribute just before the rename and the new
/// file gets it right after; if the rename fails the attribute is put back.
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    if let Ok(m) = fs::metadata(to)
        && m.permissions().readonly()
    {
        let mut writable = m.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        fs::set_permissions(to, writable)?;
        if let Err(e) = rename_retrying(from, to) {
            let _ = fs::set_permissions(to, m.permissions());
            return Err(e);
        }
        // Best effort, as the Unix mode: the content is saved either way.
        let _ = fs::set_permissions(to, m.permissions());
        return Ok(());
    }
    rename_retrying(from, to)
}

/// `fs::rename`, tried again for up to two seconds while Windows says the target is in use:
/// a virus scanner, the search indexer, or another program (or another copy of this one)
/// looking at the file's metadata holds it open for a moment, and where the rename cannot use
/// POSIX semantics (older Windows, network shares, Wine) that refuses the replacement.
fn rename_retrying(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        let started = Instant::now();
        loop {
            match fs::rename(from, to) {
                Err(e)
                    if e.kind() == io::ErrorKind::PermissionDenied
                        && started.elapsed() < Duration::from_secs(2) =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                result => return result,
            }
        }
    }
    #[cfg(not(windows))]
    fs::rename(from, to)
}

#[cfg(unix)]
fn is_hard_linked(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn is_hard_linked(_meta: &fs::Metadata) -> bool {
    false
}

fn write_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(target)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

/// Backup temporaries of older versions of the program (not locked) are removed after this.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Removes temporary files left beside `path` by a save that was killed part-way: those that
/// can be locked, i.e. whose writer is gone. Another writer's live temporary is locked by it.
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
    let locked_prefixes = [format!("{name}.tmp-"), format!("{name}.bak.tmp-")];
    let legacy_prefix = format!("{name}.bak-tmp-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if locked_prefixes.iter().any(|p| file.starts_with(p.as_str())) {
            // Best effort: a leftover that cannot be removed now is tried again next save.
            if let Ok(f) = File::open(entry.path())
                && f.try_lock().is_ok()
            {
                let _ = fs::remove_file(entry.path());
            }
            continue;
        }
        if !file.starts_with(legacy_prefix.as_str()) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old {
            // Best effort: a leftover that cannot be removed now is tried again next save.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Puts the current file's content at `.bak` without ever leaving the target missing. A copy
/// (never a link: the file may be hard-linked and written in place) made through a locked
/// temporary of its own, with the file's permissions and owner.
fn keep_backup(path: &Path) -> io::Result<PathBuf> {
    let bak = backup_path(path);
    let (bak_tmp, mut file) = create_temporary(&bak, false, fs::metadata(path).ok().as_ref())?;
    let result = (|| {
        let mut source = File::open(path)?;
        io::copy(&mut source, &mut file)?;
        keep_owner_and_mode(&file, &source.metadata()?);
        file.sync_all()?;
        replace(&bak_tmp, &bak)
    })();
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&bak_tmp);
        return Err(e);
    }
    Ok(bak)
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
