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

// ── Every cycle open today (issue 13) ─────────────────────────────────────────────────────

/// Runs with the data folder (and so the rules folder) in `data`.
fn run_with_data(args: &[&str], dir: &Path, data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsog-renewal"))
        .args(args)
        .current_dir(dir)
        .env("JSOG_RENEWAL_DATA_DIR", data)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn new_2027_then_check_json_names_the_provisional_rules_and_the_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = run_with_data(&["new", "a.ron", "--year", "2027"], dir.path(), &data);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("暫定基準"), "{}", stdout(&out));

    // Two cases on either side of the period's first day (fictional data).
    let path = dir.path().join("a.ron");
    let mut app = jsog_renewal::store::load(&path).expect("load");
    for day in ["2022-04-30", "2022-05-01"] {
        app.cases.push(jsog_renewal::model::Case {
            date: day.parse().ok(),
            age: Some(40),
            sex: Some(jsog_renewal::model::Sex::Female),
            diagnosis: "卵巣嚢腫".into(),
            facility: "見本病院".into(),
            ..Default::default()
        });
    }
    jsog_renewal::store::save(&app, &path).expect("save");

    let out = run_with_data(
        &["check", "a.ron", "--json", "--today", "2025-01-15"],
        dir.path(),
        &data,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["fiscal_year"], 2027);
    assert_eq!(json["rules"]["year"], 2027);
    assert_eq!(json["rules"]["status"], "provisional");
    assert_eq!(json["rules"]["origin"], "built-in");
    assert!(
        json["rules"]["source"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    assert_eq!(json["rules"]["activity_period"]["start"], "2022-05-01");
    assert_eq!(json["rules"]["activity_period"]["end"], "2027-04-30");
    assert_eq!(json["cases_entered"], 2);
    assert_eq!(
        json["cases_valid"], 1,
        "2022-04-30 is out, 2022-05-01 counts"
    );
    let findings = json["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["path"] == "cases[0].date" && f["severity"] == "warning")
    );
    assert!(!findings.iter().any(|f| f["path"] == "cases[1].date"));
    let progress = &json["progress"];
    assert_eq!(progress["as_of"], "2025-01-15");
    assert_eq!(progress["time_left"], "2年3か月");
    assert_eq!(progress["categories"][0]["counted"], 0);
    assert!(progress["gaps"].as_array().is_some_and(|g| !g.is_empty()));

    // The text verdict names the provisional criteria too.
    let out = run_with_data(
        &["check", "a.ron", "--today", "2025-01-15"],
        dir.path(),
        &data,
    );
    let text = stdout(&out);
    assert!(text.contains("暫定"), "{text}");
    assert!(text.contains("途中経過"), "{text}");
    assert!(
        text.contains("残り2年3か月で産婦人科領域講習あと20単位"),
        "{text}"
    );
}

#[test]
fn check_json_has_no_progress_once_the_window_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(
        run_with_data(&["demo", "d.ron"], dir.path(), &data)
            .status
            .success()
    );
    let out = run_with_data(
        &["check", "d.ron", "--json", "--today", "2024-04-01"],
        dir.path(),
        &data,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["rules"]["status"], "official");
    assert!(json["progress"].is_null());
}

/// The built-in FY2027 rules as a user's file: official now, and asking for 45 units.
fn published_2027() -> String {
    let mut r = jsog_renewal::rules::RuleSet::built_in(2027).expect("built-in");
    r.status = jsog_renewal::rules::RuleStatus::Official;
    r.source = "2027年度の概要（見本）".into();
    r.total_required = 45;
    ron::ser::to_string_pretty(&r, ron::ser::PrettyConfig::default()).expect("ron")
}

#[test]
fn a_rule_file_in_the_rules_folder_overrides_the_built_in_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("rules")).expect("mkdir");
    std::fs::write(data.join("rules").join("fy2027.ron"), published_2027()).expect("write");

    let out = run_with_data(&["rules", "list"], dir.path(), &data);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&out);
    let line = list
        .lines()
        .find(|l| l.starts_with("2027年度"))
        .expect("2027 listed");
    assert!(
        line.contains("公式") && line.contains("規則フォルダ"),
        "{line}"
    );
    assert!(line.contains("2027年度の概要（見本）"), "{line}");
    let line = list
        .lines()
        .find(|l| l.starts_with("2028年度"))
        .expect("2028");
    assert!(line.contains("暫定") && line.contains("組み込み"), "{line}");

    assert!(
        run_with_data(&["new", "a.ron", "--year", "2027"], dir.path(), &data)
            .status
            .success()
    );
    let out = run_with_data(&["check", "a.ron", "--json"], dir.path(), &data);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["total_required"], 45);
    assert_eq!(json["rules"]["status"], "official");
    assert_eq!(json["rules"]["origin"], "user-folder");
}

#[test]
fn a_broken_rule_file_gives_line_and_column_and_the_built_in_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("rules")).expect("mkdir");
    let broken = published_2027().replacen("total_required: 45", "total_required: 4x5", 1);
    std::fs::write(data.join("rules").join("fy2027.ron"), &broken).expect("write");
    let line_no = broken
        .lines()
        .position(|l| l.contains("4x5"))
        .expect("the broken line")
        + 1;

    let out = run_with_data(&["rules", "list"], dir.path(), &data);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("fy2027.ron"), "{err}");
    assert!(
        err.contains(&format!("{line_no}行")) && err.contains("列"),
        "{err}"
    );
    let line = stdout(&out)
        .lines()
        .find(|l| l.starts_with("2027年度"))
        .map(str::to_owned)
        .expect("2027 listed");
    assert!(line.contains("暫定") && line.contains("組み込み"), "{line}");

    assert!(
        run_with_data(&["new", "a.ron", "--year", "2027"], dir.path(), &data)
            .status
            .success()
    );
    let out = run_with_data(&["check", "a.ron", "--json"], dir.path(), &data);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["total_required"], 50);
    assert_eq!(json["rules"]["origin"], "built-in");
}

#[test]
fn rules_option_takes_precedence_over_the_rules_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("rules")).expect("mkdir");
    std::fs::write(data.join("rules").join("fy2027.ron"), published_2027()).expect("write");
    let mine = published_2027().replacen("total_required: 45", "total_required: 44", 1);
    std::fs::write(dir.path().join("mine.ron"), mine).expect("write");
    assert!(
        run_with_data(&["new", "a.ron", "--year", "2027"], dir.path(), &data)
            .status
            .success()
    );
    let out = run_with_data(
        &["check", "a.ron", "--json", "--rules", "mine.ron"],
        dir.path(),
        &data,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["total_required"], 44);
    assert_eq!(json["rules"]["origin"], "command-line");
}

#[test]
fn rules_show_and_diff_speak_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = run_with_data(&["rules", "show", "2026"], dir.path(), &data);
    assert!(out.status.success(), "{}", stderr(&out));
    let show = stdout(&out);
    assert!(
        show.contains("活動期間: 2021年5月1日～2026年4月30日"),
        "{show}"
    );
    assert!(show.contains("区分: 暫定"), "{show}");
    assert!(show.contains("（単位数は仮定）"), "{show}");

    let out = run_with_data(&["rules", "diff", "2024", "2025"], dir.path(), &data);
    assert!(out.status.success());
    let diff = stdout(&out);
    assert!(
        diff.contains(
            "受付期間: 2024年4月1日～2024年5月31日（必着） → 2025年4月1日～2025年5月31日（必着）"
        ),
        "{diff}"
    );
    assert!(
        diff.contains("資格喪失日: 2025年4月1日 → 2026年4月1日"),
        "{diff}"
    );

    let out = run_with_data(&["rules", "show", "2031"], dir.path(), &data);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_works_for_every_known_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    for year in 2024..=2029 {
        let file = format!("y{year}.ron");
        let out = run_with_data(
            &["new", &file, "--year", &year.to_string()],
            dir.path(),
            &data,
        );
        assert!(out.status.success(), "{year}: {}", stderr(&out));
        let app = jsog_renewal::store::load(&dir.path().join(&file)).expect("load");
        assert_eq!(app.fiscal_year, year);
    }
}

#[test]
fn retarget_keeps_every_entry_and_re_evaluates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(
        run_with_data(&["demo", "d.ron"], dir.path(), &data)
            .status
            .success()
    );
    let before = jsog_renewal::store::load(&dir.path().join("d.ron")).expect("load");
    let out = run_with_data(&["retarget", "d.ron", "--year", "2029"], dir.path(), &data);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("2024年度から2029年度"), "{text}");
    assert!(text.contains("暫定"), "{text}");
    let after = jsog_renewal::store::load(&dir.path().join("d.ron")).expect("load");
    assert_eq!(after.fiscal_year, 2029);
    assert_eq!(after.cases, before.cases);
    assert_eq!(after.credits, before.credits);
    assert_eq!(after.applicant, before.applicant);
    // The demo's entries are dated for FY2024: under FY2029 they no longer pass.
    let out = run_with_data(&["check", "d.ron", "--json"], dir.path(), &data);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["fiscal_year"], 2029);

    let out = run_with_data(&["retarget", "d.ron", "--year", "2031"], dir.path(), &data);
    assert_eq!(out.status.code(), Some(2));
    let kept = jsog_renewal::store::load(&dir.path().join("d.ron")).expect("load");
    assert_eq!(kept.fiscal_year, 2029, "an unknown year changes nothing");
}
