//! The headless verbs, run as a user would run them.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    crate::common::bin()
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
    // The year and the day pinned: the same test on any day (§5: 50 units; §7(1): 医療倫理).
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        run(&["new", "n.ron", "--year", "2027"], dir.path())
            .status
            .success()
    );
    let out = run(&["check", "n.ron", "--today", "2027-04-15"], dir.path());
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
    crate::common::bin()
        .args(args)
        .current_dir(dir)
        .env("JSOG_RENEWAL_DATA_DIR", data)
        .output()
        .expect("the binary runs")
}

/// A temporary folder holding the demo as `d.ron`, with its own data folder.
fn demo_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(
        run_with_data(&["demo", "d.ron"], dir.path(), &data)
            .status
            .success()
    );
    (dir, data)
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
    let (dir, data) = demo_folder();
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
/// `a.ron` for FY2027 in `dir`, and `mine.ron` beside it: FY2027's rules with `total` required.
fn new_2027_with_own_rules(dir: &Path, data: &Path, total: u32) {
    let mine =
        published_2027().replacen("total_required: 45", &format!("total_required: {total}"), 1);
    std::fs::write(dir.join("mine.ron"), mine).expect("write");
    assert!(
        run_with_data(&["new", "a.ron", "--year", "2027"], dir, data)
            .status
            .success()
    );
}

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
    new_2027_with_own_rules(dir.path(), &data, 44);
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
    let (dir, data) = demo_folder();
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

// ── The command line's own surface: help, version, errors, completions, README ───────────────

/// Runs the binary with no particular folder.
fn bin(args: &[&str]) -> Output {
    crate::common::bin()
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The verbs listed under the help's コマンド heading (continuation lines are indented deeper).
fn help_verbs(help: &str) -> Vec<String> {
    let mut lines = help.lines().skip_while(|l| *l != "コマンド:").skip(1);
    let mut verbs = Vec::new();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with("  ") && !line.starts_with("   ") {
            verbs.extend(line.split_whitespace().next().map(str::to_owned));
        }
    }
    verbs
}

/// The long options listed under the help's オプション heading.
fn help_options(help: &str) -> std::collections::BTreeSet<String> {
    help.lines()
        .skip_while(|l| *l != "オプション:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let start = l.find("--")?;
            let name: String = l[start..]
                .chars()
                .take_while(|c| *c == '-' || c.is_ascii_alphanumeric())
                .collect();
            Some(name)
        })
        .collect()
}

/// Every verb (`rules show` for a sub-verb) with the options its `--help` lists, less those of
/// the program as a whole.
fn verbs_from_help(
    path: &[&str],
    globals: &std::collections::BTreeSet<String>,
    out: &mut std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) {
    let mut args = path.to_vec();
    args.push("--help");
    let help = stdout(&bin(&args));
    for verb in help_verbs(&help) {
        let mut sub: Vec<&str> = path.to_vec();
        sub.push(&verb);
        let mut args = sub.clone();
        args.push("--help");
        let out_help = bin(&args);
        assert_eq!(out_help.status.code(), Some(0), "{sub:?} --help");
        let text = stdout(&out_help);
        assert!(
            text.contains("例:"),
            "{sub:?} --help has an example: {text}"
        );
        if help_verbs(&text).is_empty() {
            let options = help_options(&text).difference(globals).cloned().collect();
            out.insert(sub.join(" "), options);
        } else {
            verbs_from_help(&sub, globals, out);
        }
    }
}

/// The README's command table: each verb with its options, and the options of no verb.
fn verbs_from_readme() -> (
    std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    std::collections::BTreeSet<String>,
) {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let table = readme
        .split("## コマンドライン")
        .nth(1)
        .expect("the command-line section");
    let mut verbs = std::collections::BTreeMap::new();
    let mut globals = std::collections::BTreeSet::new();
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let cell = row.split(" | ").next().unwrap_or_default();
        for span in cell.split('`').skip(1).step_by(2) {
            let words: Vec<&str> = span
                .split_whitespace()
                .skip_while(|w| *w == "jsog-renewal")
                .collect();
            let verb: Vec<&str> = words
                .iter()
                .take_while(|w| {
                    w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                })
                .copied()
                .collect();
            let options = words.iter().filter_map(|w| {
                let w = w.trim_start_matches('[');
                w.starts_with("--").then(|| {
                    w.chars()
                        .take_while(|c| *c == '-' || c.is_ascii_alphanumeric())
                        .collect::<String>()
                })
            });
            if verb.is_empty() {
                globals.extend(options);
            } else {
                verbs
                    .entry(verb.join(" "))
                    .or_insert_with(std::collections::BTreeSet::new)
                    .extend(options);
            }
        }
    }
    (verbs, globals)
}

#[test]
fn readme_command_table_matches_every_verbs_help() {
    let root = stdout(&bin(&["--help"]));
    let globals = help_options(&root);
    assert!(
        globals.contains("--rules") && globals.contains("--version"),
        "{globals:?}"
    );
    let mut from_help = std::collections::BTreeMap::new();
    verbs_from_help(&[], &globals, &mut from_help);
    assert!(from_help.contains_key("export") && from_help.contains_key("rules show"));
    assert!(
        !from_help.contains_key("completions"),
        "hidden verbs stay out"
    );
    let (from_readme, readme_globals) = verbs_from_readme();
    assert_eq!(
        from_help.keys().collect::<Vec<_>>(),
        from_readme.keys().collect::<Vec<_>>(),
        "verbs in --help vs the README table"
    );
    for (verb, options) in &from_help {
        assert_eq!(Some(options), from_readme.get(verb), "options of {verb}");
    }
    assert_eq!(globals, readme_globals, "options of every verb");
}

#[test]
fn every_option_of_export_is_in_its_own_help_and_version_works() {
    let out = bin(&["export", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for option in [
        "--out",
        "--form",
        "--per-form",
        "--force",
        "--rules",
        "--help",
    ] {
        assert!(help.contains(option), "{option} in {help}");
    }
    assert!(!help.contains("import-cases"), "export's help only: {help}");
    let out = bin(&["import-credits", "--help"]);
    let help = stdout(&out);
    for option in ["--sheet", "--skip-bad", "--skip-duplicates", "--portal"] {
        assert!(help.contains(option), "{option} in {help}");
    }
    let out = bin(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        format!("jsog-renewal {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_error_is_one_line_then_where_to_read_the_verbs_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (args, line, pointer) in [
        (
            &["export", "a.ron"][..],
            "--out",
            "jsog-renewal export --help",
        ),
        (
            &["export", "a.ron", "--out", "x", "--bogus"],
            "--bogus",
            "jsog-renewal export --help",
        ),
        (
            &["new", "a.ron", "--year", "二千"],
            "年度",
            "jsog-renewal new --help",
        ),
        (
            &["chekc", "a.ron"],
            "不明なコマンドです: chekc",
            "jsog-renewal --help",
        ),
        (
            &["a.ron", "check"],
            "不明なコマンドです: a.ron",
            "jsog-renewal --help",
        ),
        (&["rules"], "list", "jsog-renewal rules --help"),
        (
            &["a.ron", "check", "a.ron"],
            "check は同時に指定できません",
            "jsog-renewal --help",
        ),
    ] {
        let out = run(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {err}");
        assert!(
            lines[0].starts_with("エラー: ") && lines[0].contains(line),
            "{args:?}: {err}"
        );
        assert!(lines[1].ends_with(pointer), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // A verb's failure at work is reported the same way.
    let out = run(&["check", "missing.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("エラー: ") && err.contains("missing.ron"),
        "{err}"
    );
    assert!(err.contains("jsog-renewal check --help"), "{err}");
}

#[test]
fn committed_completions_are_what_the_binary_generates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/completions");
    for (shell, file) in [("bash", "jsog-renewal.bash"), ("zsh", "_jsog-renewal")] {
        let out = bin(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let committed = std::fs::read_to_string(dir.join(file)).expect("committed file");
        assert!(
            stdout(&out) == committed,
            "packaging/completions/{file} is stale: regenerate with `jsog-renewal completions {shell}`"
        );
        assert!(committed.contains("--per-form"), "{file}");
    }
}

#[test]
fn rules_option_is_taken_before_the_verb_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    new_2027_with_own_rules(dir.path(), &data, 43);
    let out = run_with_data(
        &["--rules", "mine.ron", "check", "a.ron", "--json"],
        dir.path(),
        &data,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["total_required"], 43);
    assert_eq!(json["rules"]["origin"], "command-line");
}

/// Files travel to the Windows PCs of a hospital: a name Windows refuses (a device name, a
/// character it does not allow, a trailing dot) is refused here too, saying why, and nothing
/// is written.
#[test]
fn names_windows_refuses_are_refused_on_every_system() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, why) in [
        ("CON.ron", "予約"),
        ("nul", "予約"),
        ("申請:2024.ron", "「:」"),
        ("申請?.ron", "「?」"),
        ("申請.", "末尾"),
    ] {
        let out = run(&["demo", name], dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(stderr.contains("Windows"), "{name}: {stderr}");
        assert!(!dir.path().join(name).exists(), "{name} was written");
    }
    let out = run(&["demo", "見本 花子（2024）.ron"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        &["export-cases", "見本 花子（2024）.ron", "症例|一覧.csv"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("「|」"));
    assert!(!dir.path().join("症例|一覧.csv").exists());
}

#[test]
fn check_says_when_a_pass_counts_entries_dated_after_the_day_given() {
    let (dir, data) = demo_folder();
    // Mid-period the demo passes only with its later (planned) entries.
    let out = run_with_data(
        &["check", "d.ron", "--today", "2022-10-15"],
        dir.path(),
        &data,
    );
    assert!(out.status.success(), "the verdict still passes");
    let text = stdout(&out);
    assert!(
        text.contains("予定）の症例・単位を含めた判定です"),
        "{text}"
    );
    // After the period every entry is past: a plain pass.
    let out = run_with_data(
        &["check", "d.ron", "--today", "2024-05-10"],
        dir.path(),
        &data,
    );
    assert!(out.status.success());
    assert!(!stdout(&out).contains("予定）の症例・単位を含めた判定"));
}

#[test]
fn check_names_a_case_by_its_no_on_form_3() {
    let (app, marked) = crate::common::typed_and_imported();
    let dir = tempfile::tempdir().expect("tempdir");
    jsog_renewal::store::save(&app, &dir.path().join("a.ron")).expect("saves");
    let out = run(&["check", "a.ron"], dir.path());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("症例48：転帰が空欄"), "{text}");
    assert!(!text.contains(&format!("症例{}：", marked + 1)), "{text}");
}

/// The tests start the program hermetically: a hostile rules folder in `$HOME` (a FY2024 rule
/// file asking 500 units) changes what the program says when it is read, and nothing when the
/// program is started as the tests start it.
#[test]
fn a_hostile_rules_folder_in_home_changes_nothing_a_test_sees() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let rules = home.join(".local/share/jsog-renewal/rules");
    std::fs::create_dir_all(&rules).expect("rules folder");
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rules/fy2024.ron"),
    )
    .expect("rule file");
    let hostile = built_in.replacen("total_required: 50,", "total_required: 500,", 1);
    assert_ne!(hostile, built_in);
    std::fs::write(rules.join("fy2024.ron"), hostile).expect("hostile rules");
    assert!(run(&["demo", "d.ron"], dir.path()).status.success());
    let check = |hermetic: bool| {
        let mut c = if hermetic {
            crate::common::bin()
        } else {
            let mut c = Command::new(crate::common::BIN);
            c.env_remove(jsog_renewal::paths::DATA_DIR_ENV);
            c
        };
        c.args(["check", "d.ron", "--json"])
            .current_dir(dir.path())
            .env("HOME", &home)
            .env_remove("XDG_DATA_HOME")
            .output()
            .expect("runs")
    };
    // Read as a user's machine reads it, the folder wins (so the check below can fail).
    let exposed: serde_json::Value = serde_json::from_slice(&check(false).stdout).expect("json");
    assert_eq!(exposed["total_required"], 500);
    let hermetic: serde_json::Value = serde_json::from_slice(&check(true).stdout).expect("json");
    assert_eq!(hermetic["total_required"], 50);
    assert_eq!(hermetic["passes"], true);
}
