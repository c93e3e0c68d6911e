//! The headless verbs over the same core: for offices, scripts and tests.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Application;
use crate::rules::{self, Progress, Report, RuleSet};
use crate::{demo, store};

const USAGE: &str = "\
使い方: jsog-renewal [ファイル]                 画面を開く（ファイルがなければ始めの画面）
       jsog-renewal demo FILE                  見本の申請ファイルを書き出す
       jsog-renewal new FILE [--year 年度]     空の申請ファイルを作る（年度の省略時は受付が終わっていない最初の年度。既存のファイルは上書きしない）
       jsog-renewal check FILE [--json] [--today 日付]   判定と途中経過を表示する（0: 合格, 1: 不足あり, 2: 読めない）
       jsog-renewal retarget FILE --year 年度  申請の年度を変える（入力はすべて残し、新しい基準で判定）
       jsog-renewal rules list                 使える規則（年度・公式/暫定・出典・読込元）
       jsog-renewal rules show 年度 [--ron]    規則の内容を表示する（--ron: 規則ファイルの形で）
       jsog-renewal rules diff 年度A 年度B     2つの年度の規則の違いを表示する
       どのコマンドにも --rules FILE で規則ファイルを指定できます（規則フォルダのものより優先）
       jsog-renewal export FILE --out DIR      書類一式をPDFで書き出す（--form 1,3 で指定の様式のみ）
       jsog-renewal import-cases FILE SHEET [--skip-bad]   症例をCSV/Excelから取り込む
       jsog-renewal import-credits FILE SHEET  単位をCSV/Excelから取り込む
       jsog-renewal export-cases FILE OUT.csv  症例をCSVに書き出す
       jsog-renewal export-credits FILE OUT.csv  単位をCSVに書き出す
       jsog-renewal export-all DIR --out OUT   フォルダ内の全申請の書類を書き出す
";

/// Set once standard output is gone (the reader of a pipe, like `| head -1`, has quit).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes a line to standard output like `println!`, except that a closed pipe ends the output
/// quietly instead of panicking: the command goes on with its work (saving, exporting) and
/// exits as it would have.
#[macro_export]
macro_rules! say {
    () => { $crate::cli::say_fmt(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::say_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like [`say!`] without the line end (`print!`).
#[macro_export]
macro_rules! say_part {
    ($($arg:tt)*) => { $crate::cli::say_fmt(format_args!($($arg)*)) };
}

/// The writer behind [`say!`]: output after the pipe closed is dropped.
pub fn say_fmt(args: fmt::Arguments<'_>) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    if out.write_fmt(args).and_then(|()| out.flush()).is_err() {
        // Broken pipe or any other failure of standard output: nobody reads it any more.
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Runs a subcommand; `None` when the arguments ask for the GUI instead.
///
/// Rule files are installed first, for every verb and for the GUI: those in the user's rules
/// folder, then any given with `--rules FILE` (which win). A broken one is reported with its
/// line and column and left unused, so the built-in year stays in use.
pub fn run(args: &[String]) -> Option<ExitCode> {
    let (rule_files, args) = split_rules_option(args);
    install_rule_files(&rule_files);
    let (verb, rest) = args.split_first()?;
    let code = match verb.as_str() {
        "demo" => one_path(rest).and_then(|p| write_new(&p, &demo::application())),
        "new" => new(rest),
        "check" => return Some(check(rest)),
        "retarget" => retarget(rest),
        "rules" => rules_verb(rest),
        "export" => crate::pdf::cli_export(rest),
        "import-cases" => return Some(crate::import::cli_import_cases(rest)),
        "import-credits" => return Some(crate::import::cli_import_credits(rest)),
        "export-cases" => crate::import::cli_export_cases(rest),
        "export-credits" => crate::import::cli_export_credits(rest),
        "export-all" => return Some(crate::workspace::cli_export_all(rest)),
        "help" | "-h" | "--help" => {
            say_part!("{USAGE}");
            Ok(())
        }
        _ if rest.is_empty() && !verb.starts_with('-') => return None,
        "--rules" => Err("--rules の後に規則ファイルを指定してください".into()),
        _ => Err(format!("不明なコマンドです: {verb}")),
    };
    Some(finish(code))
}

/// The file the GUI opens: the arguments without `--rules FILE`.
pub fn gui_file(args: &[String]) -> Option<PathBuf> {
    split_rules_option(args).1.first().map(PathBuf::from)
}

/// Takes every `--rules FILE` out of the arguments.
fn split_rules_option(args: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--rules" {
            match it.next() {
                Some(f) => files.push(PathBuf::from(f)),
                None => rest.push(a.clone()),
            }
        } else {
            rest.push(a.clone());
        }
    }
    (files, rest)
}

fn install_rule_files(files: &[PathBuf]) {
    if let Some(dir) = crate::paths::user_rules_dir() {
        for rejected in rules::install_rules_folder(&dir) {
            eprintln!("警告: {rejected}（この規則ファイルは使わず、組み込みの規則を使います）");
        }
    }
    for file in files {
        if let Err(rejected) = rules::install_rules_file(file) {
            eprintln!("警告: {rejected}（この規則ファイルは使わず、組み込みの規則を使います）");
        }
    }
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("エラー: {message}");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn one_path(rest: &[String]) -> Result<PathBuf, String> {
    match rest {
        [path] => Ok(PathBuf::from(path)),
        _ => Err("ファイルを1つ指定してください".into()),
    }
}

fn write_new(path: &Path, app: &Application) -> Result<(), String> {
    // Two `new` at once must not both find the name free.
    let _lock = store::lock(path).map_err(|e| e.to_string())?;
    if path.exists() {
        return Err(format!(
            "{} はすでにあります。上書きしません",
            path.display()
        ));
    }
    store::save(app, path).map_err(|e| e.to_string())?;
    say!("{} を作成しました", path.display());
    Ok(())
}

fn parse_year(text: &str) -> Result<u16, String> {
    text.parse::<u16>()
        .map_err(|_| format!("年度が数字ではありません: {text}"))
}

/// `FILE --year Y` or `--year Y FILE`.
fn path_and_year(rest: &[String]) -> Option<(&String, &String)> {
    match rest {
        [path, flag, year] | [flag, year, path] if flag == "--year" => Some((path, year)),
        _ => None,
    }
}

fn new(rest: &[String]) -> Result<(), String> {
    let (path, year) = match rest {
        // Without --year: the cycle whose window has not closed yet today.
        [path] => (
            path,
            rules::open_year(chrono::Local::now().date_naive()).unwrap_or(2024),
        ),
        _ => match path_and_year(rest) {
            Some((path, year)) => (path, parse_year(year)?),
            None => return Err("new FILE [--year 年度] の形で指定してください".into()),
        },
    };
    let rules = RuleSet::for_year(year).map_err(|e| e.to_string())?;
    write_new(Path::new(path), &Application::new(year))?;
    if let Some(notice) = rules.provisional_notice() {
        say!("{notice}");
    }
    Ok(())
}

/// Moves an application to another fiscal year: every entry stays; the verdict is recomputed.
fn retarget(rest: &[String]) -> Result<(), String> {
    let Some((path, year)) = path_and_year(rest) else {
        return Err("retarget FILE --year 年度 の形で指定してください".into());
    };
    let year = parse_year(year)?;
    let path = Path::new(path);
    let rules = RuleSet::for_year(year).map_err(|e| e.to_string())?;
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = store::lock(path).map_err(|e| e.to_string())?;
    let mut app = store::load(path).map_err(|e| e.to_string())?;
    let from = app.fiscal_year;
    app.fiscal_year = year;
    store::save(&app, path).map_err(|e| e.to_string())?;
    let report = rules::evaluate(&app, &rules);
    say!(
        "{} を{from}年度から{year}年度に移しました（症例{}例・単位{}件はそのまま）",
        path.display(),
        app.cases.len(),
        app.credits.len()
    );
    say_part!("{}", verdict_text(&app, &report, &rules));
    Ok(())
}

fn rules_verb(rest: &[String]) -> Result<(), String> {
    let year = |t: &String| -> Result<RuleSet, String> {
        RuleSet::for_year(parse_year(t)?).map_err(|e| e.to_string())
    };
    let mut out = String::new();
    match rest {
        [list] if list == "list" => {
            for r in rules::rule_sets() {
                out.push_str(&format!(
                    "{}年度\t{}\t{}\t{}\n",
                    r.fiscal_year,
                    r.status.label(),
                    r.origin.label(),
                    r.source
                ));
            }
        }
        [show, y] if show == "show" => {
            for line in rules::describe::describe(&year(y)?) {
                out.push_str(&format!("{}: {}\n", line.label, line.value));
            }
        }
        [show, y, flag] | [show, flag, y] if show == "show" && flag == "--ron" => {
            out = ron::ser::to_string_pretty(&year(y)?, ron::ser::PrettyConfig::default())
                .map_err(|e| e.to_string())?;
            out.push('\n');
        }
        [diff, a, b] if diff == "diff" => {
            let (ra, rb) = (year(a)?, year(b)?);
            let lines = rules::describe::diff(&ra, &rb);
            out.push_str(&format!(
                "{}年度 → {}年度\n",
                ra.fiscal_year, rb.fiscal_year
            ));
            if lines.is_empty() {
                out.push_str("  違いはありません\n");
            }
            for line in lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
        _ => {
            return Err(
                "rules list / rules show 年度 [--ron] / rules diff 年度A 年度B の形で指定してください"
                    .into(),
            );
        }
    }
    say_part!("{out}");
    Ok(())
}

/// The rule set as `check --json` names it.
#[derive(Serialize)]
struct RulesJson<'a> {
    year: u16,
    status: &'static str,
    status_label: &'static str,
    title: &'a str,
    source: &'a str,
    origin: &'static str,
    path: Option<String>,
    activity_period: rules::DateRange,
    application_window: rules::DateRange,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    #[serde(flatten)]
    report: &'a Report,
    rules: RulesJson<'a>,
    progress: Option<Progress>,
}

fn check(rest: &[String]) -> ExitCode {
    let mut json = false;
    let mut today: Option<NaiveDate> = None;
    let mut paths: Vec<&String> = Vec::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--today" => match it.next().and_then(|t| crate::dates::parse_date(t)) {
                Some(d) => today = Some(d),
                None => {
                    return finish(Err(
                        "--today の後に日付を指定してください（例: 2025-11-26）".into(),
                    ));
                }
            },
            _ => paths.push(a),
        }
    }
    let [path] = paths.as_slice() else {
        return finish(Err(
            "check FILE [--json] [--today 日付] の形で指定してください".into(),
        ));
    };
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let app = match store::load(Path::new(path)) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("エラー: {e}");
            return ExitCode::from(2);
        }
    };
    let rules = match RuleSet::for_year(app.fiscal_year) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("エラー: {e}");
            return ExitCode::from(2);
        }
    };
    let report = rules::evaluate(&app, &rules);
    let progress = rules::progress(&app, &rules, today);
    let mut out = std::io::stdout().lock();
    let written = if json {
        let doc = CheckJson {
            report: &report,
            rules: RulesJson {
                year: rules.fiscal_year,
                status: rules.status.key(),
                status_label: rules.status.label(),
                title: &rules.title,
                source: &rules.source,
                origin: rules.origin.key(),
                path: rules.origin.path().map(|p| p.display().to_string()),
                activity_period: rules.activity_period,
                application_window: rules.application_window,
            },
            progress,
        };
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        let mut text = verdict_text(&app, &report, &rules);
        if let Some(p) = &progress {
            for line in rules::progress::progress_lines(p) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        out.write_all(text.as_bytes())
    };
    // A reader that stopped early (`| head`) is no error: the verdict still decides the code.
    if let Err(e) = written.and_then(|()| out.flush())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("エラー: 出力できません: {e}");
        return ExitCode::from(2);
    }
    if report.passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The verdict as plain Japanese text, naming the rule set and whether it is provisional.
pub fn verdict_text(app: &Application, report: &Report, rules: &RuleSet) -> String {
    let mut s = String::new();
    let a = &app.applicant;
    let who = if a.name.trim().is_empty() {
        "（氏名未入力）"
    } else {
        a.name.trim()
    };
    s.push_str(&format!(
        "{who}（{}） {}年度 専門医更新申請\n",
        a.specialist_number, report.fiscal_year
    ));
    s.push_str(&format!(
        "基準: {}年度・{}・{}\n",
        rules.fiscal_year,
        rules.status.label(),
        rules.origin.label()
    ));
    if let Some(notice) = rules.provisional_notice() {
        s.push_str(&format!("※{notice}\n"));
    }
    s.push_str(if report.passes {
        "判定: 更新基準を満たしています\n"
    } else {
        "判定: 更新基準を満たしていません\n"
    });
    if report.exempt_from_clinical {
        s.push_str("（診療実績免除: ii～ivの合計で判定）\n");
    }
    for c in &report.categories {
        let max = c.max.map_or("上限なし".to_string(), |m| format!("上限{m}"));
        s.push_str(&format!(
            "  {:<4}{}  {}単位（申告{}・最低{}・{}） {}\n",
            c.code.roman(),
            c.name,
            c.counted,
            c.claimed,
            c.min,
            max,
            if c.ok { "○" } else { "×" }
        ));
    }
    s.push_str(&format!(
        "  合計 {}/{} 単位\n",
        report.total_counted, report.total_required
    ));
    if !report.findings.is_empty() {
        s.push_str(&format!("指摘 {}件:\n", report.findings.len()));
        for f in &report.findings {
            let tag = f.severity.label();
            s.push_str(&format!("  [{tag}] {}\n", f.message));
        }
    }
    s
}
