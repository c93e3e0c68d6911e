//! The office workspace: a folder of applications with passing, failing and corrupt files; the
//! corrupt one is reported, never fatal.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use jsog_renewal::model::Application;
use jsog_renewal::workspace::{Progress, Verdict, Workspace};
use jsog_renewal::{demo, store};

fn office_folder(dir: &Path) {
    let mut passing = demo::application();
    passing.applicant.name = "産科 花子".into();
    store::save(&passing, &dir.join("a-passing.ron")).expect("save");
    let mut failing = Application::new(2024);
    failing.applicant.name = "婦人 太郎".into();
    store::save(&failing, &dir.join("b-failing.ron")).expect("save");
    std::fs::write(
        dir.join("c-corrupt.ron"),
        "(format_version: 2, application: (cases: [",
    )
    .expect("write");
    // Not application files: a backup, a note, a hidden temporary file.
    std::fs::write(dir.join("a-passing.ron.bak"), "old").expect("write");
    std::fs::write(dir.join("メモ.txt"), "note").expect("write");
    std::fs::write(dir.join(".x.ron"), "tmp").expect("write");
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 1).expect("date")
}

#[test]
fn workspace_lists_verdict_deadline_and_last_change_per_doctor() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let names: Vec<&str> = ws.doctors.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec!["産科 花子", "婦人 太郎", "c-corrupt.ron"]);

    assert_eq!(ws.doctors[0].verdict, Verdict::Passes);
    assert_eq!(ws.doctors[0].verdict.label(), "合格");
    let Verdict::Short { units } = ws.doctors[1].verdict else {
        panic!("an empty application is short: {:?}", ws.doctors[1].verdict);
    };
    assert_eq!(units, 50);
    assert_eq!(ws.doctors[1].verdict.label(), "あと50単位");
    let Verdict::Unreadable { message } = &ws.doctors[2].verdict else {
        panic!("corrupt file reported as unreadable");
    };
    assert!(message.contains("c-corrupt.ron"), "{message}");

    // FY2024's window closes on 2024-05-31: 30 days after 2024-05-01.
    assert_eq!(ws.doctors[0].days_left, Some(30));
    assert_eq!(ws.doctors[0].deadline_label(), "締切まで30日");
    assert_eq!(ws.doctors[2].days_left, None);
    assert!(ws.doctors.iter().all(|d| d.modified.is_some()));
    assert_ne!(ws.doctors[0].modified_label(), "—");
}

#[test]
fn batch_export_reports_the_corrupt_file_and_exports_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let mut seen: Vec<Progress> = Vec::new();
    let summary = ws
        .export_all(None, out.path(), None, &mut |p| seen.push(p.clone()))
        .expect("runs");

    assert_eq!(seen.len(), 3);
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((3, 3)));
    assert_eq!(summary.doctors.len(), 3);
    assert!(!summary.cancelled);

    let corrupt = &summary.doctors[2];
    let reason = corrupt.result.as_ref().expect_err("corrupt file fails");
    assert!(reason.to_string().contains("c-corrupt.ron"), "{reason}");
    assert!(
        summary.text().contains("× c-corrupt.ron"),
        "{}",
        summary.text()
    );

    for doctor in &summary.doctors[..2] {
        let result = doctor.result.as_ref().expect("exported");
        assert_eq!(
            doctor.folder,
            out.path().join(doctor.path.file_stem().expect("stem"))
        );
        assert!(result.pages > 0);
        assert!(
            result
                .files
                .iter()
                .all(|f| f.starts_with(&doctor.folder) && f.exists())
        );
    }
}

#[test]
fn batch_export_of_a_selection_only_touches_those_doctors() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path(), today()).expect("opens");
    let summary = ws
        .export_all(Some(&[1]), out.path(), None, &mut |_| {})
        .expect("runs");
    assert_eq!(summary.doctors.len(), 1);
    assert_eq!(summary.doctors[0].name, "婦人 太郎");
    assert!(!out.path().join("a-passing").exists());
}

#[test]
fn cli_export_all_prints_progress_and_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let run = Command::new(env!("CARGO_BIN_EXE_jsog-renewal"))
        .arg("export-all")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    // One file cannot be read, so not every bundle was written: exit 1, not a crash.
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("申請ファイル 3件"), "{stdout}");
    assert!(stdout.contains("] 3/3 "), "{stdout}");
    assert!(stdout.contains("× c-corrupt.ron"), "{stdout}");
}

#[test]
fn cli_export_all_only_the_chosen_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    office_folder(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let run = Command::new(env!("CARGO_BIN_EXE_jsog-renewal"))
        .arg("export-all")
        .arg(dir.path())
        .args(["--only", "a-passing.ron"])
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    assert!(stdout.contains("書き出し 1件、失敗 0件"), "{stdout}");
    assert!(out.path().join("a-passing").is_dir());
    assert!(!out.path().join("b-failing").exists());
}

#[test]
fn a_folder_that_does_not_exist_is_an_error_not_a_panic() {
    let err = Workspace::open(Path::new("/nonexistent/申請"), today()).expect_err("no folder");
    assert!(err.to_string().contains("開けません"));
}

mod page {
    //! The office page: the table, and a batch export on its thread.

    use std::time::{Duration, Instant};

    use egui_kittest::kittest::Queryable;
    use jsog_renewal::ui::workspace_ui::WorkspacePanel;

    use super::office_folder;
    use crate::common::window::window;

    #[test]
    fn the_table_shows_each_doctor_and_the_batch_runs_on_a_thread() {
        let dir = tempfile::tempdir().expect("tempdir");
        office_folder(dir.path());
        let mut panel = WorkspacePanel::default();
        panel.open_folder(dir.path());
        let mut h = window(1200.0, 600.0).without_accessibility_check().build(
            panel,
            |ui, p: &mut WorkspacePanel| {
                p.ui(ui);
            },
        );
        h.run();
        h.get_by_label("産科 花子");
        h.get_by_label("合格");
        h.get_by_label("あと50単位");
        h.get_by_label_contains("読めません");

        let out = tempfile::tempdir().expect("tempdir");
        h.state_mut().start_export(out.path().to_path_buf());
        assert!(h.state().is_running());
        let started = Instant::now();
        while h.state_mut().poll() {
            assert!(started.elapsed() < Duration::from_secs(60), "export hangs");
            std::thread::sleep(Duration::from_millis(20));
        }
        let summary = h.state().summary.as_ref().expect("summary");
        assert_eq!(summary.doctors.len(), 3);
        assert_eq!(summary.succeeded(), 2);
        assert_eq!(h.state().progress().map(|p| p.done), Some(3));
        h.run();
        h.get_by_label_contains("書き出し 2件、失敗 1件");
    }
}
