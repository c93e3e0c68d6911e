//! The application file: round trip, atomic save with backup, corrupt files left untouched,
//! migration of older versions.

use std::fs;

use crate::common::Plan;
use jsog_renewal::model::Application;
use jsog_renewal::store::{self, StoreError};

#[test]
fn round_trip_keeps_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    let app = jsog_renewal::demo::application();
    store::save(&app, &path).expect("save");
    assert_eq!(store::load(&path).expect("load"), app);
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("format_version: 4"),
        "the version is written first"
    );
}

#[test]
fn save_keeps_the_previous_version_as_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.ron");
    let first = Plan::passing().build();
    store::save(&first, &path).expect("first save");
    let mut second = first.clone();
    second.applicant.name = "見本 次郎".into();
    store::save(&second, &path).expect("second save");
    assert_eq!(store::load(&path).expect("new"), second);
    assert_eq!(
        store::load(&store::backup_path(&path)).expect("backup"),
        first
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn corrupt_file_gives_line_and_is_never_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ron");
    let mut text = store::to_string(&Plan::passing().build()).expect("serialises");
    let at = text.find("diagnosis").expect("has a case");
    text.insert_str(at, "oops ");
    fs::write(&path, &text).expect("write");
    let before = fs::read(&path).expect("read");

    let err = store::load(&path).expect_err("corrupt");
    match &err {
        StoreError::Syntax { line, .. } => {
            let expected = text[..at].matches('\n').count() + 1;
            assert_eq!(*line, expected);
        }
        other => panic!("expected a syntax error, got {other}"),
    }
    assert!(err.to_string().contains("行"), "{err}");
    assert_eq!(fs::read(&path).expect("read again"), before, "unchanged");
    assert!(!store::backup_path(&path).exists());
}

#[test]
fn unknown_fields_are_errors_not_silently_dropped() {
    let text = store::to_string(&Application::new(2024))
        .expect("serialises")
        .replace("cases:", "casez:");
    assert!(store::from_str(&text, "x.ron".as_ref()).is_err());
}

#[test]
fn newer_format_is_refused_with_a_clear_message() {
    let text = store::to_string(&Application::new(2024))
        .expect("serialises")
        .replace("format_version: 4", "format_version: 9")
        .replace("cases:", "cases_v9:");
    let err = store::from_str(&text, "x.ron".as_ref()).expect_err("too new");
    assert!(matches!(err, StoreError::TooNew { found: 9, .. }), "{err}");
}

#[test]
fn version_1_files_migrate_to_fiscal_year_2024() {
    // Version 1 was the bare application with no envelope and no fiscal year.
    let text = r#"(
        applicant: (name: "見本 花子", specialist_number: "000001-N-0919"),
        consecutive_renewals: 1,
        cases: [(date: Some("2020-01-01"), age: Some(30), sex: Some(Female), diagnosis: "子宮筋腫", facility: "見本病院")],
    )"#;
    let app = store::from_str(text, "v1.ron".as_ref()).expect("migrates");
    assert_eq!(app.fiscal_year, 2024);
    assert_eq!(app.applicant.name, "見本 花子");
    assert_eq!(app.cases.len(), 1);
}

#[test]
fn huge_and_non_utf8_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bin.ron");
    fs::write(&path, b"(format_version: 2,\n\xff\xfe)").expect("write");
    let err = store::load(&path).expect_err("not UTF-8");
    assert!(matches!(err, StoreError::Syntax { line: 2, .. }), "{err}");

    let big = dir.path().join("big.ron");
    let f = fs::File::create(&big).expect("create");
    f.set_len(store::MAX_FILE_BYTES + 1).expect("sparse file");
    assert!(matches!(
        store::load(&big),
        Err(StoreError::TooLarge { .. })
    ));
}

#[test]
fn missing_file_names_the_file() {
    let err = store::load("/nonexistent/申請.ron".as_ref()).expect_err("missing");
    assert!(err.to_string().contains("申請.ron"), "{err}");
}
