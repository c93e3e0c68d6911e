//! Crash safety: a process killed (SIGKILL) in the middle of saving an application with
//! 10,000 cases leaves a file that loads, as the old or the new version, never a broken one.
//!
//! The autosave's recovery copy is put to the same test.
//!
//! Each test runs itself as the child: with its environment variable set, the same test function
//! saves two versions in turn until it is killed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jsog_renewal::model::Application;
use jsog_renewal::store;
use jsog_renewal::ui::persist::Recovery;

const CHILD: &str = "JSOG_CRASH_CHILD";
const RECOVERY_CHILD: &str = "JSOG_CRASH_RECOVERY_CHILD";

fn version(tag: &str) -> Application {
    let mut app = jsog_renewal::demo::application();
    let cases = app.cases.clone();
    app.cases = cases.iter().cycle().take(10_000).cloned().collect();
    app.applicant.name = format!("見本 花子（{tag}）");
    app
}

fn child_loop(path: &Path) -> ! {
    let versions = [version("A"), version("B")];
    let mut i = 0usize;
    loop {
        // Errors cannot be reported from here: the parent checks the file instead.
        let _ = store::save(&versions[i % 2], path);
        i += 1;
    }
}

/// The full name of a test of this module inside the test binary (`crash::<name>`).
fn test_path(test: &str) -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::{test}")
}

/// A small deterministic generator, so a failure can be replayed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Runs `test` as a child that saves in a loop, waits until its first save begins (its
/// temporary file beside `target` appears), and kills it somewhere in its first two saves:
/// during writing, flushing, the backup link or the rename.
fn kill_during_save(
    test: &str,
    env: (&str, &Path),
    target: &Path,
    save_time: Duration,
    seed: &mut u64,
) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", &test_path(test), "--nocapture"])
        .env(env.0, env.1)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    // Each save's temporary file is named `<file>.tmp-<pid>-<n>-<nonce>`.
    let prefix = format!(
        "{}.tmp-{}-",
        target.file_name().unwrap_or_default().to_string_lossy(),
        child.id()
    );
    let dir = target.parent().expect("a folder");
    let started = || {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !started() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(200));
    }
    let fraction = 0.3 + (next(seed) % 1000) as f64 / 600.0;
    std::thread::sleep(save_time.mul_f64(fraction));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
}

#[test]
fn killed_while_saving_the_file_is_old_or_new_never_broken() {
    if let Ok(path) = std::env::var(CHILD) {
        child_loop(Path::new(&path));
    }
    let runs: usize = std::env::var("JSOG_CRASH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    let initial = version("初版");
    store::save(&initial, &path).expect("first save");
    let names = ["見本 花子（初版）", "見本 花子（A）", "見本 花子（B）"];

    // How long one save takes here, to spread the kills over whole saves.
    let started = Instant::now();
    store::save(&initial, &path).expect("timing save");
    let save_time = started.elapsed().max(Duration::from_millis(5));

    let mut seed = 0x5eed_u64;
    let mut changed = 0;
    for run in 0..runs {
        kill_during_save(
            "killed_while_saving_the_file_is_old_or_new_never_broken",
            (CHILD, &path),
            &path,
            save_time,
            &mut seed,
        );

        let loaded = store::load(&path)
            .unwrap_or_else(|e| panic!("run {run}: the file does not load after a kill: {e}"));
        assert!(
            names.contains(&loaded.applicant.name.as_str()),
            "run {run}: unexpected content {}",
            loaded.applicant.name
        );
        assert_eq!(loaded.cases.len(), 10_000, "run {run}");
        if loaded.applicant.name != names[0] {
            changed += 1;
        }
        let backup = store::load(&store::backup_path(&path))
            .unwrap_or_else(|e| panic!("run {run}: the backup does not load: {e}"));
        assert!(names.contains(&backup.applicant.name.as_str()));
    }
    // The kills must have landed after some saves completed, or the test proved nothing.
    assert!(
        changed > runs / 4,
        "only {changed} of {runs} runs saved anything"
    );
    // A save after the crashes clears what the killed saves left behind.
    store::save(&initial, &path).expect("save after the crashes");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn recovery_child_loop(dir: &Path) -> ! {
    let recovery = Recovery::new(dir.to_path_buf());
    let versions = [version("A"), version("B")];
    let origin = dir.join("申請.ron");
    let mut i = 0usize;
    loop {
        let _ = recovery.write(&versions[i % 2], Some(&origin));
        i += 1;
    }
}

#[test]
fn killed_while_autosaving_the_recovery_copy_is_offered_whole() {
    if let Ok(dir) = std::env::var(RECOVERY_CHILD) {
        recovery_child_loop(Path::new(&dir));
    }
    let runs: usize = std::env::var("JSOG_CRASH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(100, |n: usize| n / 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let recovery = Recovery::new(data.clone());
    let started = Instant::now();
    recovery
        .write(&version("初版"), Some(&data.join("申請.ron")))
        .expect("first autosave");
    let save_time = started.elapsed().max(Duration::from_millis(5));
    let names = ["見本 花子（初版）", "見本 花子（A）", "見本 花子（B）"];
    let mut seed = 0xa5a5_u64;
    for run in 0..runs {
        kill_during_save(
            "killed_while_autosaving_the_recovery_copy_is_offered_whole",
            (RECOVERY_CHILD, &data),
            &data.join("recovery.ron"),
            save_time,
            &mut seed,
        );
        // What the next start-up would offer: always a whole copy, never nothing or a broken one.
        let (app, origin) = recovery
            .pending()
            .unwrap_or_else(|| panic!("run {run}: no recovery copy offered after a kill"));
        assert!(names.contains(&app.applicant.name.as_str()), "run {run}");
        assert_eq!(app.cases.len(), 10_000, "run {run}");
        assert_eq!(origin.as_deref(), Some(data.join("申請.ron").as_path()));
    }
}
