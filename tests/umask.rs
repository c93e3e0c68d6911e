//! Files in an office's shared folder: created as the user's umask says (as every editor
//! does), rewritten files keep their own mode, and the recovery copy stays its owner's alone.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

/// Runs the program under a given umask, as a shell started by the user would.
fn run_with_umask(umask: &str, args: &[&str], dir: &Path) -> Output {
    let mut command = format!("umask {umask}; exec \"$0\"");
    for i in 1..=args.len() {
        command.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg(crate::common::BIN)
        .args(args)
        .current_dir(dir)
        .env("JSOG_RENEWAL_DATA_DIR", dir.join("data"))
        .output()
        .expect("the binary runs")
}

#[test]
fn umask_022_gives_colleagues_read_access_to_new_files_and_exported_pdfs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run_with_umask("022", &["demo", "d.ron"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&dir.path().join("d.ron")), 0o644);
    let o = run_with_umask(
        "022",
        &["export", "d.ron", "--out", "pdf", "--per-form"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdfs: Vec<_> = fs::read_dir(dir.path().join("pdf"))
        .expect("pdf folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(pdfs.len() >= 2, "{pdfs:?}");
    for p in &pdfs {
        assert_eq!(mode(p), 0o644, "{}", p.display());
    }
}

#[test]
fn umask_077_keeps_new_files_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        run_with_umask("077", &["demo", "d.ron"], dir.path())
            .status
            .success()
    );
    assert_eq!(mode(&dir.path().join("d.ron")), 0o600);
}

#[test]
fn a_rewritten_0600_application_stays_0600_under_umask_022() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        run_with_umask("077", &["demo", "d.ron"], dir.path())
            .status
            .success()
    );
    let o = run_with_umask("022", &["retarget", "d.ron", "--year", "2025"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&dir.path().join("d.ron")), 0o600);
    assert_eq!(
        mode(&jsog_renewal::store::backup_path(&dir.path().join("d.ron"))),
        0o600
    );
}

#[test]
fn the_recovery_copy_is_private_whatever_the_umask() {
    // Under the most permissive umask (000), not the test process's own (which may already be
    // 077 and prove nothing): the test runs itself again in a process of that umask.
    if std::env::var_os("UMASK_TEST_CHILD").is_none() {
        let exe = std::env::current_exe().expect("test binary");
        let o = Command::new("sh")
            .args(["-c", "umask 000; exec \"$0\" \"$@\""])
            .arg(exe)
            .args([
                "--exact",
                "umask::the_recovery_copy_is_private_whatever_the_umask",
                "--test-threads=1",
            ])
            .env("UMASK_TEST_CHILD", "1")
            .output()
            .expect("runs");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && out.contains("1 passed"),
            "{out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        return;
    }
    // The child really has the umask it was given: a plain file is created 666.
    let probe = tempfile::tempdir().expect("tempdir");
    fs::write(probe.path().join("probe"), "").expect("probe");
    assert_eq!(
        mode(&probe.path().join("probe")),
        0o666,
        "umask 000 in force"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let recovery = jsog_renewal::ui::persist::Recovery::new(dir.path().join("data"));
    recovery
        .write(&jsog_renewal::demo::application(), None)
        .expect("write");
    let files: Vec<_> = fs::read_dir(dir.path().join("data"))
        .expect("data folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert!(!files.is_empty());
    for f in files.iter().filter(|p| p.is_file()) {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
}
