//! The system's refusals, said in Japanese with the file named and what to do, through the
//! command line and the window; the file on disk is what it was, and nothing half-written is
//! left beside it (issue: system errors in Japanese).
//!
//! The refusals are real, not simulated: a full disk and a read-only one are small tmpfs mounts
//! in a mount namespace of the test's own (`unshare`); a folder the user may not write is one
//! with mode 555, run without the capability that lets root write anyway (`setpriv`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use egui_kittest::kittest::Queryable;
use jsog_renewal::oserror::DETAIL;

use crate::common::window::{app_on, window};

use crate::common::BIN;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

/// The import that saves into the seeded application (so every refusal below is a save's).
const IMPORT: [&str; 4] = ["import-cases", "申請.ron", "cases.csv", "--skip-duplicates"];

/// A command run in a mount namespace of its own (as root, or mapped to root where the test
/// is not), so that it may mount a tmpfs the rest of the machine never sees.
fn in_mount_namespace() -> Command {
    let mut cmd = Command::new("unshare");
    if !is_root() {
        cmd.arg("--map-root-user");
    }
    cmd.arg("--mount");
    cmd
}

/// The shell lines that mount a small tmpfs at `$d` …
const MOUNT: &str = r#"mount -t tmpfs -o size=1m none "$d""#;
/// … and spoil it as `$mode` says: `full` fills it, anything else makes it read-only.
const SPOIL: &str = r#"if [ "$mode" = full ]; then
    dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null || true
else
    mount -o remount,ro "$d"
fi"#;

/// A command prefix that runs what follows as a user without the right to write where root
/// could: root loses the capabilities that pass over file modes (another user needs nothing).
fn without_override_prefix() -> Command {
    if is_root() {
        let mut c = Command::new("setpriv");
        c.args([
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
        ]);
        c
    } else {
        Command::new("env")
    }
}

/// The refusal as the user reads it: the first line is Japanese only, starts with what could
/// not be done to which file and holds `words`; the second line is the system's own text.
fn assert_said(stderr: &str, headline: &str, words: &[&str], system: &str) {
    let mut lines = stderr.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("エラー: {headline}")),
        "headline {headline:?} in {stderr}"
    );
    for w in words {
        assert!(first.contains(w), "{w:?} in {first}");
    }
    assert!(
        !first.contains("os error") && !first.contains("denied") && !first.contains("No "),
        "no English in the sentence: {first}"
    );
    let detail = lines.next().unwrap_or_default();
    assert!(
        detail.starts_with(DETAIL) && detail.contains(system),
        "the system's text {system:?} on its own line: {stderr}"
    );
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    crate::common::bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// A folder with the demo application `申請.ron` and a case list to import into it.
fn seeded() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(run_in(dir.path(), &["demo", "申請.ron"]).status.success());
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases_utf8_bom.csv"),
        dir.path().join("cases.csv"),
    )
    .expect("fixture");
    let bytes = std::fs::read(dir.path().join("申請.ron")).expect("seeded");
    (dir, bytes)
}

/// How a tmpfs is spoiled before the command runs.
#[derive(Clone, Copy)]
enum Disk {
    Full,
    ReadOnly,
}

/// Runs `sh -c script` in a mount namespace of its own with a small tmpfs at `$1`, holding a
/// copy of `seed`'s `申請.ron` and `cases.csv`, then filled or made read-only; then `$3…`
/// (the binary and its arguments) in it. The command's stderr, the listing and the file after
/// come back through `out` (outside the mount, which ends with the namespace).
fn on_spoiled_disk(seed: &Path, out: &Path, disk: Disk, args: &[&str]) -> Output {
    let script = format!(
        r#"set -e
d="$1"; seed="$2"; out="$3"; mode="$4"; shift 4
{MOUNT}
cp "$seed/申請.ron" "$seed/cases.csv" "$d/"
{SPOIL}
cd "$d"
set +e
"$@" 2>"$out/stderr.txt"
echo $? >"$out/code.txt"
ls -A "$d" >"$out/ls.txt"
cp "$d/申請.ron" "$out/after.ron"
"#
    );
    let mnt = out.join("mnt");
    std::fs::create_dir_all(&mnt).expect("mount point");
    let mut cmd = in_mount_namespace();
    cmd.env(jsog_renewal::paths::DATA_DIR_ENV, crate::common::data_dir())
        .args(["sh", "-c", &script, "sh"])
        .arg(&mnt)
        .arg(seed)
        .arg(out)
        .arg(match disk {
            Disk::Full => "full",
            Disk::ReadOnly => "ro",
        })
        .args(args);
    let o = cmd.output().expect("unshare runs");
    assert!(
        o.status.success(),
        "the namespace could not be set up: {}",
        stderr(&o)
    );
    o
}

struct Spoiled {
    code: i32,
    stderr: String,
    listing: Vec<String>,
    after: Vec<u8>,
}

fn spoiled(seed: &Path, disk: Disk, args: &[&str]) -> Spoiled {
    let out = tempfile::tempdir().expect("tempdir");
    on_spoiled_disk(seed, out.path(), disk, args);
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).expect(name);
    Spoiled {
        code: read("code.txt").trim().parse().expect("exit code"),
        stderr: read("stderr.txt"),
        listing: read("ls.txt").lines().map(str::to_owned).collect(),
        after: std::fs::read(out.path().join("after.ron")).expect("the file after"),
    }
}

/// Nothing of the attempt is left: the listing is what was put there before.
fn assert_nothing_left(listing: &[String], before: &[&str]) {
    let mut got: Vec<&str> = listing
        .iter()
        .map(String::as_str)
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    got.sort_unstable();
    let mut want = before.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "no temporary or half-written file is left");
}

#[test]
fn a_full_disk_says_there_is_no_space_and_the_application_stays_whole() {
    let (seed, bytes) = seeded();
    // The same import saves fine on an ordinary disk (so the refusal below is the disk's).
    let fine = tempfile::tempdir().expect("tempdir");
    for f in ["申請.ron", "cases.csv"] {
        std::fs::copy(seed.path().join(f), fine.path().join(f)).expect("copy");
    }
    let ok = run_in(fine.path(), &IMPORT);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_ne!(
        std::fs::read(fine.path().join("申請.ron")).expect("saved"),
        bytes
    );

    let s = spoiled(
        seed.path(),
        Disk::Full,
        &[BIN, IMPORT[0], IMPORT[1], IMPORT[2], IMPORT[3]],
    );
    assert_eq!(s.code, 2, "{}", s.stderr);
    assert_said(
        &s.stderr,
        "ファイル 申請.ron を保存できません。",
        &["空きがありません", "不要なファイルを削除"],
        "os error 28",
    );
    assert_eq!(s.after, bytes, "the application is as it was");
    assert_nothing_left(&s.listing, &["cases.csv", "fill", "申請.ron"]);

    let s = spoiled(
        seed.path(),
        Disk::Full,
        &[BIN, "export", "申請.ron", "--out", "PDF"],
    );
    assert_eq!(s.code, 2, "{}", s.stderr);
    assert_said(
        &s.stderr,
        "ファイル PDF/更新申請書類一式.pdf を書き出せません。",
        &["空きがありません"],
        "os error 28",
    );
    assert_nothing_left(&s.listing, &["PDF", "cases.csv", "fill", "申請.ron"]);
}

#[test]
fn a_read_only_disk_says_so_and_names_what_to_do() {
    let (seed, bytes) = seeded();
    let s = spoiled(
        seed.path(),
        Disk::ReadOnly,
        &[BIN, IMPORT[0], IMPORT[1], IMPORT[2], IMPORT[3]],
    );
    assert_eq!(s.code, 2, "{}", s.stderr);
    assert_said(
        &s.stderr,
        "ファイル 申請.ron を保存できません。",
        &["読み取り専用", "別の場所を選んでください"],
        "os error 30",
    );
    assert_eq!(s.after, bytes);
    assert_nothing_left(&s.listing, &["cases.csv", "申請.ron"]);

    let s = spoiled(seed.path(), Disk::ReadOnly, &[BIN, "demo", "新規.ron"]);
    assert_said(
        &s.stderr,
        "ファイル 新規.ron を保存できません。",
        &["読み取り専用"],
        "os error 30",
    );
}

/// `bin args…` as a user without the right to write where root could: root loses the
/// capabilities that pass over file modes.
fn without_override(args: &[&str], dir: &Path) -> Output {
    without_override_prefix()
        .args(args)
        .current_dir(dir)
        .env(jsog_renewal::paths::DATA_DIR_ENV, crate::common::data_dir())
        .output()
        .expect("setpriv runs")
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn a_folder_that_may_not_be_written_says_so_not_that_a_lock_file_is_missing() {
    let (seed, bytes) = seeded();
    set_mode(seed.path(), 0o555);
    let o = without_override(
        &[BIN, IMPORT[0], IMPORT[1], IMPORT[2], IMPORT[3]],
        seed.path(),
    );
    let err = stderr(&o);
    set_mode(seed.path(), 0o755);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_said(
        &err,
        "ファイル 申請.ron を保存できません。",
        &["書き込む権限がありません"],
        "os error 13",
    );
    assert!(!err.contains(".lock"), "the user's file is named: {err}");
    assert_eq!(
        std::fs::read(seed.path().join("申請.ron")).expect("file"),
        bytes
    );
    let mut names: Vec<String> = std::fs::read_dir(seed.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    names.sort();
    assert_eq!(names, ["cases.csv", "申請.ron"]);

    // A file the user may not read.
    set_mode(&seed.path().join("申請.ron"), 0o000);
    let o = without_override(&[BIN, "check", "申請.ron"], seed.path());
    set_mode(&seed.path().join("申請.ron"), 0o644);
    assert_said(
        &stderr(&o),
        "ファイル 申請.ron を読み込めません。",
        &["読む権限がありません"],
        "os error 13",
    );
}

#[test]
fn a_missing_file_or_folder_is_named_with_what_to_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run_in(dir.path(), &["check", "ない.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert_said(
        &stderr(&o),
        "ファイル ない.ron を読み込めません。",
        &["ファイルが見つかりません", "場所と名前を確かめてください"],
        "os error 2",
    );
    let o = run_in(dir.path(), &["demo", "ないフォルダ/申請.ron"]);
    assert_said(
        &stderr(&o),
        "ファイル ないフォルダ/申請.ron を保存できません。",
        &["保存先のフォルダがありません"],
        "os error 2",
    );
    assert!(!dir.path().join("ないフォルダ").exists());
}

#[test]
fn a_file_where_the_output_folder_should_be_is_named() {
    let (seed, _) = seeded();
    std::fs::write(seed.path().join("PDF"), "a file").expect("file");
    let o = run_in(seed.path(), &["export", "申請.ron", "--out", "PDF"]);
    assert_eq!(o.status.code(), Some(2));
    assert_said(
        &stderr(&o),
        "フォルダ PDF を作れません。",
        &["同じ名前のファイルまたはフォルダがすでにあります"],
        "os error 17",
    );
    assert_eq!(
        std::fs::read(seed.path().join("PDF")).expect("kept"),
        b"a file"
    );
}

fn long_name() -> String {
    // 100 kana are 300 bytes: over the 255 a name may have on Linux and macOS.
    format!("{}.ron", "あ".repeat(100))
}

#[test]
fn a_name_too_long_says_to_shorten_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = long_name();
    let o = run_in(dir.path(), &["demo", &name]);
    assert_eq!(o.status.code(), Some(2));
    assert_said(
        &stderr(&o),
        &format!("ファイル {name} を保存できません。"),
        &["名前が長すぎます", "短い名前にする"],
        "os error 36",
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}

#[cfg(unix)]
fn link_loop(dir: &Path) {
    std::os::unix::fs::symlink("b.ron", dir.join("a.ron")).expect("link");
    std::os::unix::fs::symlink("a.ron", dir.join("b.ron")).expect("link");
}

#[cfg(unix)]
#[test]
fn links_that_lead_back_to_themselves_are_named_on_reading_and_saving() {
    let dir = tempfile::tempdir().expect("tempdir");
    link_loop(dir.path());
    let o = run_in(dir.path(), &["check", "a.ron"]);
    assert_said(
        &stderr(&o),
        "ファイル a.ron を読み込めません。",
        &["循環", "元のファイルの場所を指定"],
        "os error 40",
    );
    let o = run_in(dir.path(), &["demo", "a.ron"]);
    assert_said(
        &stderr(&o),
        "ファイル a.ron を保存できません。",
        &["循環"],
        "循環しています",
    );
}

#[test]
fn another_saver_holding_the_file_is_waited_for_then_named() {
    // "Locked by another program": on Linux and macOS another saver (of this program, in
    // another process or on another PC of the office) holds the file's lock; on Windows a
    // program that opened the file without sharing it is read by its error number (oserror's
    // tests), with its own sentence. The wait is the store's 30 seconds in use; shortened here.
    let (seed, bytes) = seeded();
    let path = seed.path().join("申請.ron");
    let held = jsog_renewal::store::lock(&path).expect("lock");
    let Err(refused) =
        jsog_renewal::store::lock_within(&path, std::time::Duration::from_millis(200))
    else {
        panic!("refused while held");
    };
    let message = refused.to_string();
    assert!(message.starts_with("ファイル "), "{message}");
    assert!(message.contains("申請.ron"), "{message}");
    assert!(
        message.contains("他の人（または別の処理）が保存中です"),
        "{message}"
    );
    assert!(message.contains("何も変更していません"), "{message}");
    drop(held);
    assert!(jsog_renewal::store::lock_within(&path, std::time::Duration::from_millis(200)).is_ok());
    assert_eq!(std::fs::read(&path).expect("file"), bytes);
}

#[test]
fn a_file_held_by_another_saver_past_the_wait_is_named_by_the_cli_and_the_window() {
    // The real wait (30 seconds), the command line and the window side by side.
    let (seed, bytes) = seeded();
    let path = seed.path().join("申請.ron");
    let held = jsog_renewal::store::lock(&path).expect("lock");
    let cli = crate::common::bin()
        .args(IMPORT)
        .current_dir(seed.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    window_refuses_save(
        &path,
        &[
            "他の人（または別の処理）が保存中です",
            "何も変更していません",
        ],
    );
    let o = cli.wait_with_output().expect("ends");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("エラー: ファイル 申請.ron は他の人（または別の処理）が保存中です"),
        "{err}"
    );
    drop(held);
    assert_eq!(
        std::fs::read(&path).expect("file"),
        bytes,
        "nothing written"
    );
}

#[test]
fn the_window_names_a_file_where_the_export_folder_should_be() {
    let (seed, _) = seeded();
    let file = seed.path().join("PDF");
    std::fs::write(&file, "a file").expect("file");
    let mut app = app_on(common_day(), jsog_renewal::demo::application());
    app.set_export_folder(&file);
    app.show_page(jsog_renewal::ui::Page::Export);
    let mut h = window(1280.0, 800.0).app(app);
    h.run();
    h.get_by_label("PDFを書き出す").click();
    let said = "同じ名前のファイルまたはフォルダがすでにあります";
    for _ in 0..600 {
        h.step();
        if h.query_by_label_contains(said).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    // The folder named, the trouble, what to do, and the system's words.
    h.get_by_label_contains(&format!(
        "フォルダ {} を作れません。{said}。別の名前にしてください。",
        file.display()
    ));
    h.get_by_label_contains("File exists (os error 17)");
    assert_eq!(std::fs::read(&file).expect("kept"), b"a file");
}

// --- The window ----------------------------------------------------------------------------

/// The window saves to `target` and is refused: the error dialog says `words`, and the
/// returned message is the one shown.
fn window_refuses_save(target: &Path, words: &[&str]) {
    let app = app_on(common_day(), jsog_renewal::demo::application());
    let mut h = window(1280.0, 800.0).app(app);
    h.run();
    let message = h.state_mut().save_to(target).expect_err("refused");
    h.run();
    for w in words {
        assert!(message.contains(w), "{w:?} in {message}");
    }
    assert!(message.contains(&target.display().to_string()), "{message}");
    // The dialog shows that message: the sentence, and the system's words under it where the
    // system refused (a refusal of this program's own has none).
    let (sentence, detail) = jsog_renewal::oserror::split_detail(&message);
    h.get_by_label(sentence);
    if let Some(detail) = detail {
        h.get_by_label(&format!("{DETAIL}{detail}"));
    }
}

fn common_day() -> chrono::NaiveDate {
    crate::common::date(2024, 3, 1)
}

/// The window's refusals: a missing folder, a name too long, a link loop, on any disk; and,
/// when run with `SYSERR_WINDOW` naming a folder and the words (by the tests below, in a
/// namespace with a spoiled disk or without root's override), that folder's refusal.
#[test]
fn the_window_says_each_refusal_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    window_refuses_save(
        &dir.path().join("ないフォルダ/申請.ron"),
        &["保存先のフォルダがありません"],
    );
    window_refuses_save(&dir.path().join(long_name()), &["名前が長すぎます"]);
    #[cfg(unix)]
    {
        link_loop(dir.path());
        window_refuses_save(&dir.path().join("a.ron"), &["循環"]);
    }
    // Opening a file that is not there: the dialog names it.
    let mut h = window(1280.0, 800.0).app(app_on(common_day(), jsog_renewal::demo::application()));
    let missing = dir.path().join("ない.ron");
    let message = h.state_mut().open_path(&missing).expect_err("missing");
    h.run();
    assert!(message.contains("ファイルが見つかりません"), "{message}");
    h.get_by_label_contains("ファイルが見つかりません");

    if let Ok(spec) = std::env::var("SYSERR_WINDOW") {
        let (folder, words) = spec.split_once('|').expect("folder|words");
        let words: Vec<&str> = words.split('|').collect();
        window_refuses_save(&PathBuf::from(folder).join("申請.ron"), &words);
    }
}

/// Runs the test above again with `SYSERR_WINDOW`, under `wrapper`.
fn window_again(wrapper: &mut Command, folder: &Path, words: &str) {
    let exe = std::env::current_exe().expect("test binary");
    let o = wrapper
        .arg(exe)
        .args([
            "--exact",
            "system_errors::the_window_says_each_refusal_in_japanese",
            "--test-threads=1",
        ])
        .env("SYSERR_WINDOW", format!("{}|{words}", folder.display()))
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && out.contains("1 passed"),
        "{out}\n{}",
        stderr(&o)
    );
}

#[test]
fn the_window_says_a_full_or_read_only_disk_in_japanese() {
    for (mode, words) in [
        ("full", "空きがありません|ディスク"),
        ("ro", "読み取り専用|別の場所"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mnt = dir.path().join("mnt");
        std::fs::create_dir_all(&mnt).expect("mount point");
        let script = format!(
            r#"set -e; d="$1"; mode="$2"; shift 2
{MOUNT}
{SPOIL}
exec "$@""#
        );
        let mut cmd = in_mount_namespace();
        cmd.args(["sh", "-c", &script, "sh"]).arg(&mnt).arg(mode);
        window_again(&mut cmd, &mnt, words);
    }
}

#[cfg(unix)]
#[test]
fn the_window_says_a_folder_may_not_be_written_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("読めるだけ");
    std::fs::create_dir(&folder).expect("folder");
    set_mode(&folder, 0o555);
    window_again(
        &mut without_override_prefix(),
        &folder,
        "書き込む権限がありません",
    );
    set_mode(&folder, 0o755);
}
