//! The system's errors, said in Japanese: which file, what went wrong in words a clerk knows,
//! and what to do. The system's own text (English on most machines, with its error number)
//! stays only as a detail line under the sentence, for whoever supports the user.
//!
//! Classified from the error's kind first (the standard library maps each system's numbers to
//! it), then from the number where the kind cannot tell (a link loop, a file in use on
//! Windows), so the same trouble reads the same on Linux, macOS and Windows.

use std::fmt;
use std::io;
use std::path::Path;

/// What the program was doing with the file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Reading a file (an application, a spreadsheet, a rule file).
    Read,
    /// Saving a file the user keeps (an application, settings, the recovery copy).
    Save,
    /// Writing an output file (a PDF, an exported list).
    Write,
    /// Making a folder.
    CreateFolder,
    /// Listing a folder's contents.
    List,
}

impl Action {
    /// Whether the action writes (which changes what the trouble means and what to do).
    fn writes(self) -> bool {
        matches!(self, Action::Save | Action::Write | Action::CreateFolder)
    }

    /// 「ファイル X を保存できません」 and its kin.
    fn headline(self, path: &Path) -> String {
        let p = path.display();
        match self {
            Action::Read => format!("ファイル {p} を読み込めません"),
            Action::Save => format!("ファイル {p} を保存できません"),
            Action::Write => format!("ファイル {p} を書き出せません"),
            Action::CreateFolder => format!("フォルダ {p} を作れません"),
            Action::List => format!("フォルダ {p} の中を表示できません"),
        }
    }
}

/// The trouble, as the user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The disk (or the card, the share) is full.
    NoSpace,
    /// The user's quota is used up.
    Quota,
    /// The user may not read or write there.
    NoPermission,
    /// The disk or share is read-only (a locked card, a CD, a read-only share).
    ReadOnly,
    /// The file or a folder on its way does not exist.
    NotFound,
    /// Something of that name exists already.
    Exists,
    /// The name, or the whole path, is longer than the system allows.
    NameTooLong,
    /// Symbolic links that lead back to themselves (or too many in a row).
    LinkLoop,
    /// The file has as many hard links as the system allows.
    TooManyLinks,
    /// Another program holds the file (on Windows: open in a PDF viewer, in Excel).
    InUse,
    /// A file stands where a folder should be on the way.
    NotAFolder,
    /// A folder where a file was wanted.
    IsAFolder,
    /// Anything else: the sentence says so and the detail line carries the system's words.
    Other,
}

/// The system's numbers the kind does not tell apart, by platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux.
    Linux,
    /// macOS (and the BSDs' numbering).
    Mac,
    /// Windows.
    Windows,
}

impl Platform {
    /// The platform this program was built for.
    pub const fn this() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::Mac
        } else {
            Platform::Linux
        }
    }
}

/// Marks an error this program made for a link loop it found itself (see `store`).
#[derive(Debug)]
pub struct LinkLoopFound;

impl fmt::Display for LinkLoopFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("シンボリックリンクが循環しています")
    }
}

impl std::error::Error for LinkLoopFound {}

impl Trouble {
    /// The trouble behind `e` on this platform.
    pub fn of(e: &io::Error) -> Trouble {
        if e.get_ref().is_some_and(|inner| inner.is::<LinkLoopFound>()) {
            return Trouble::LinkLoop;
        }
        Trouble::classify(e.kind(), e.raw_os_error(), Platform::this())
    }

    /// The trouble for a kind and an error number of `platform` (pure, so the numbers of every
    /// platform are tested on any).
    pub fn classify(kind: io::ErrorKind, raw: Option<i32>, platform: Platform) -> Trouble {
        use io::ErrorKind as K;
        // Numbers first where the standard library leaves them uncategorised or unstable.
        if let Some(n) = raw {
            let by_number = match (platform, n) {
                // ELOOP, EMLINK, ETXTBSY, EBUSY, EDQUOT
                (Platform::Linux, 40) | (Platform::Mac, 62) => Some(Trouble::LinkLoop),
                (Platform::Linux | Platform::Mac, 31) => Some(Trouble::TooManyLinks),
                (Platform::Linux | Platform::Mac, 26 | 16) => Some(Trouble::InUse),
                (Platform::Linux, 122) | (Platform::Mac, 69) => Some(Trouble::Quota),
                // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE
                (Platform::Windows, 32 | 33 | 1224) => Some(Trouble::InUse),
                // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
                (Platform::Windows, 39 | 112) => Some(Trouble::NoSpace),
                // ERROR_WRITE_PROTECT
                (Platform::Windows, 19) => Some(Trouble::ReadOnly),
                // ERROR_FILENAME_EXCED_RANGE, ERROR_BUFFER_OVERFLOW (a name too long)
                (Platform::Windows, 206 | 111) => Some(Trouble::NameTooLong),
                // ERROR_CANT_RESOLVE_FILENAME, ERROR_TOO_MANY_LINKS, ERROR_DISK_QUOTA_EXCEEDED
                (Platform::Windows, 1921) => Some(Trouble::LinkLoop),
                (Platform::Windows, 1142) => Some(Trouble::TooManyLinks),
                (Platform::Windows, 1295) => Some(Trouble::Quota),
                // ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS
                (Platform::Windows, 80 | 183) => Some(Trouble::Exists),
                // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_BAD_NETPATH, ERROR_NOT_READY
                (Platform::Windows, 2 | 3 | 53 | 21) => Some(Trouble::NotFound),
                _ => None,
            };
            if let Some(t) = by_number {
                return t;
            }
        }
        match kind {
            K::StorageFull => Trouble::NoSpace,
            K::QuotaExceeded => Trouble::Quota,
            K::PermissionDenied => Trouble::NoPermission,
            K::ReadOnlyFilesystem => Trouble::ReadOnly,
            K::NotFound => Trouble::NotFound,
            K::AlreadyExists => Trouble::Exists,
            K::InvalidFilename => Trouble::NameTooLong,
            K::TooManyLinks => Trouble::TooManyLinks,
            K::ResourceBusy | K::ExecutableFileBusy => Trouble::InUse,
            K::NotADirectory => Trouble::NotAFolder,
            K::IsADirectory => Trouble::IsAFolder,
            _ => Trouble::Other,
        }
    }

    /// What went wrong and what to do, for `action`.
    pub fn advice(self, action: Action) -> &'static str {
        let writes = action.writes();
        match self {
            Trouble::NoSpace => {
                "保存先のディスクに空きがありません。不要なファイルを削除して空きを作るか、別のドライブや USB メモリを選んでください"
            }
            Trouble::Quota => {
                "この利用者に割り当てられた容量を使い切っています。不要なファイルを削除するか、管理者に相談してください"
            }
            Trouble::NoPermission if writes => {
                "この場所に書き込む権限がありません。ドキュメントなど自分が書き込める場所を選ぶか、フォルダの権限を管理者に確かめてください"
            }
            Trouble::NoPermission => {
                "読む権限がありません。ファイルの権限を管理者に確かめるか、読めるコピーを開いてください"
            }
            Trouble::ReadOnly => {
                "保存先が読み取り専用です（書き込み禁止の USB メモリや SD カード、CD、読み取り専用の共有フォルダなど）。別の場所を選んでください"
            }
            Trouble::NotFound if writes => {
                "保存先のフォルダがありません（移動・削除されたか、USB メモリやネットワークのドライブが外れています）。場所を確かめてから、もう一度お試しください"
            }
            Trouble::NotFound if action == Action::List => {
                "フォルダが見つかりません（移動・削除されたか、USB メモリやネットワークのドライブが外れています）。場所を確かめてください"
            }
            Trouble::NotFound => {
                "ファイルが見つかりません（移動・削除されたか、USB メモリやネットワークのドライブが外れています）。場所と名前を確かめてください"
            }
            Trouble::Exists => {
                "同じ名前のファイルまたはフォルダがすでにあります。別の名前にしてください"
            }
            Trouble::NameTooLong => {
                "名前が長すぎます（フォルダの道筋を含めて）。短い名前にするか、もっと浅いフォルダを選んでください"
            }
            Trouble::LinkLoop => {
                "シンボリックリンク（別名）が循環していて、行き先のファイルにたどり着けません。リンクではなく元のファイルの場所を指定してください"
            }
            Trouble::TooManyLinks => {
                "このファイルへのリンクの数がシステムの上限に達しています。別の場所に保存してください"
            }
            Trouble::InUse => {
                "他のプログラムがこのファイルを使っています（PDF ビューアーや Excel などで開いていませんか）。そのプログラムで閉じてから、もう一度お試しください"
            }
            Trouble::NotAFolder => {
                "場所の途中に、フォルダではなくファイルがあります。場所を確かめてください"
            }
            Trouble::IsAFolder => "その名前はフォルダです。ファイルの名前を指定してください",
            Trouble::Other if writes => {
                "システムがエラーを返しました。下の説明を確かめ、解決しないときは別の場所に保存してください"
            }
            Trouble::Other => "システムがエラーを返しました。下の説明を確かめてください",
        }
    }
}

/// A system error said in Japanese: `Display` gives the sentence (the file, the trouble, what
/// to do) and, on its own line, the system's words.
#[derive(Debug, Clone, Copy)]
pub struct Said<'a> {
    /// What was being done.
    pub action: Action,
    /// The file or folder, as the user knows it.
    pub path: &'a Path,
    /// The system's error.
    pub error: &'a io::Error,
}

impl Said<'_> {
    /// The trouble behind it.
    pub fn trouble(&self) -> Trouble {
        Trouble::of(self.error)
    }
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}。{}。\n{}{}",
            self.action.headline(self.path),
            self.trouble().advice(self.action),
            DETAIL,
            self.error
        )
    }
}

/// Starts the detail line under the sentence.
pub const DETAIL: &str = "詳細（システムの説明）: ";

/// A message split into its sentence and the system's detail line (none when it has none),
/// for showing the detail smaller.
pub fn split_detail(message: &str) -> (&str, Option<&str>) {
    match message.split_once(&format!("\n{DETAIL}")) {
        Some((sentence, detail)) => (sentence, Some(detail)),
        None => (message, None),
    }
}

/// Shorthand for [`Said`].
pub fn say<'a>(action: Action, path: &'a Path, error: &'a io::Error) -> Said<'a> {
    Said {
        action,
        path,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use io::ErrorKind as K;

    fn linux(n: i32) -> Trouble {
        let e = io::Error::from_raw_os_error(n);
        Trouble::classify(e.kind(), Some(n), Platform::Linux)
    }

    #[test]
    fn linux_numbers_read_as_the_trouble_they_are() {
        // ENOSPC, EACCES, EPERM, EROFS, ENOENT, EEXIST, ENAMETOOLONG, ELOOP, EMLINK, ETXTBSY,
        // ENOTDIR, EISDIR, EDQUOT, EIO (other)
        #[cfg(target_os = "linux")]
        for (n, t) in [
            (28, Trouble::NoSpace),
            (13, Trouble::NoPermission),
            (1, Trouble::NoPermission),
            (30, Trouble::ReadOnly),
            (2, Trouble::NotFound),
            (17, Trouble::Exists),
            (36, Trouble::NameTooLong),
            (40, Trouble::LinkLoop),
            (31, Trouble::TooManyLinks),
            (26, Trouble::InUse),
            (20, Trouble::NotAFolder),
            (21, Trouble::IsAFolder),
            (122, Trouble::Quota),
            (5, Trouble::Other),
        ] {
            assert_eq!(linux(n), t, "errno {n}");
        }
    }

    #[test]
    fn windows_numbers_the_kind_leaves_open_are_read_by_number() {
        for (n, t) in [
            (32, Trouble::InUse),
            (33, Trouble::InUse),
            (112, Trouble::NoSpace),
            (39, Trouble::NoSpace),
            (19, Trouble::ReadOnly),
            (206, Trouble::NameTooLong),
            (1921, Trouble::LinkLoop),
            (1142, Trouble::TooManyLinks),
            (183, Trouble::Exists),
            (3, Trouble::NotFound),
            (21, Trouble::NotFound),
        ] {
            assert_eq!(
                Trouble::classify(K::Other, Some(n), Platform::Windows),
                t,
                "Windows error {n}"
            );
        }
        // ERROR_ACCESS_DENIED comes through the kind.
        assert_eq!(
            Trouble::classify(K::PermissionDenied, Some(5), Platform::Windows),
            Trouble::NoPermission
        );
        // The same number means something else on another system: 21 is EISDIR on Linux.
        assert_eq!(
            Trouble::classify(K::IsADirectory, Some(21), Platform::Linux),
            Trouble::IsAFolder
        );
    }

    #[test]
    fn the_sentence_names_the_file_and_keeps_the_system_text_on_a_line_of_its_own() {
        let e = io::Error::new(K::StorageFull, "No space left on device (os error 28)");
        let text = say(Action::Save, Path::new("/tmp/申請.ron"), &e).to_string();
        let (sentence, detail) = text.split_once('\n').expect("two lines");
        assert!(sentence.starts_with("ファイル /tmp/申請.ron を保存できません。"));
        assert!(sentence.contains("空きがありません"), "{sentence}");
        assert!(!sentence.contains("No space"), "{sentence}");
        assert_eq!(
            detail,
            format!("{DETAIL}No space left on device (os error 28)")
        );
    }

    #[test]
    fn the_detail_line_splits_off_for_showing_smaller() {
        let e = io::Error::from(K::NotFound);
        let text = say(Action::Read, Path::new("a.ron"), &e).to_string();
        let (sentence, detail) = split_detail(&text);
        assert!(sentence.ends_with("確かめてください。"), "{sentence}");
        assert_eq!(detail, Some(e.to_string().as_str()));
        assert_eq!(split_detail("保存しました"), ("保存しました", None));
    }

    #[test]
    fn missing_means_the_folder_when_writing_and_the_file_when_reading() {
        let e = io::Error::from(K::NotFound);
        let p = Path::new("x.ron");
        assert!(
            say(Action::Save, p, &e)
                .to_string()
                .contains("保存先のフォルダがありません")
        );
        assert!(
            say(Action::Read, p, &e)
                .to_string()
                .contains("ファイルが見つかりません")
        );
    }

    #[test]
    fn a_loop_found_by_the_program_reads_as_a_loop() {
        let e = io::Error::other(LinkLoopFound);
        assert_eq!(Trouble::of(&e), Trouble::LinkLoop);
    }
}
