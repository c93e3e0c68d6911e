//! The headless verbs, run as a user would run them.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsog-renewal"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

#[test]
fn demo_then_check_json_passes_in_the_documented_shape() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(run(&["demo", "d.ron"], dir.path()).status.success());
    let out = run(&["check", "d.ron", "--json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["fiscal_year"], 2024);
    assert_eq!(json["passes"], true);
    assert_eq!(json["exempt_from_clinical"], false);
    assert!(json["total_counted"].as_u64().expect("number") >= 50);
    assert_eq!(json["total_required"], 50);
    let cats = json["categories"].as_array().expect("categories");
    let codes: Vec<&str> = cats.iter().filter_map(|c| c["code"].as_str()).collect();
    assert_eq!(codes, ["i", "ii", "iii", "iv"]);
    for c in cats {
        for key in ["claimed", "counted", "min", "max", "ok"] {
            assert!(c.get(key).is_some(), "{key} in {c}");
        }
    }
    assert!(cats[2]["max"].is_null(), "iii has no maximum");
    assert!(json["findings"].is_array());
}

#[test]
fn check_exits_1_with_the_shortfall_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(run(&["new", "n.ron"], dir.path()).status.success());
    let out = run(&["check", "n.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("更新基準を満たしていません"), "{text}");
    assert!(
        text.contains("合計 0/50 単位：あと50単位必要です"),
        "{text}"
    );
    assert!(text.contains("医療倫理があと1単位必要です"), "{text}");
}

#[test]
fn check_exits_2_on_an_unreadable_file_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bad.ron"),
        "(format_version: 2,\n  application: (cases: [ (age: \"x\") ]))",
    )
    .expect("write");
    let out = run(&["check", "bad.ron", "--json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("bad.ron") && err.contains("2行"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("mine.ron"), "precious").expect("write");
    for verb in ["new", "demo"] {
        let out = run(&[verb, "mine.ron"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{verb}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.ron")).expect("read"),
        "precious"
    );
}

#[test]
fn new_rejects_a_year_without_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&["new", "x.ron", "--year", "2031"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2031年度"));
    assert!(!dir.path().join("x.ron").exists());
}
