//! The headless verbs over the same core: for offices, scripts and tests.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Application;
use crate::rules::{self, Report, RuleSet, Severity};
use crate::{demo, store};

const USAGE: &str = "\
使い方: jsog-renewal [ファイル]                 画面を開く（ファイルがなければ見本）
       jsog-renewal demo FILE                  見本の申請ファイルを書き出す
       jsog-renewal new FILE [--year 2024]     空の申請ファイルを作る（既存のファイルは上書きしない）
       jsog-renewal check FILE [--json]        判定を表示する（0: 合格, 1: 不足あり, 2: 読めない）
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
pub fn run(args: &[String]) -> Option<ExitCode> {
    let (verb, rest) = args.split_first()?;
    let code = match verb.as_str() {
        "demo" => one_path(rest).and_then(|p| write_new(&p, &demo::application())),
        "new" => new(rest),
        "check" => return Some(check(rest)),
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
        _ => Err(format!("不明なコマンドです: {verb}")),
    };
    Some(finish(code))
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

fn new(rest: &[String]) -> Result<(), String> {
    let (path, year) = match rest {
        [path] => (path, 2024),
        [path, flag, year] | [flag, year, path] if flag == "--year" => (
            path,
            year.parse::<u16>()
                .map_err(|_| format!("年度が数字ではありません: {year}"))?,
        ),
        _ => return Err("new FILE [--year 年度] の形で指定してください".into()),
    };
    RuleSet::for_year(year).map_err(|e| e.to_string())?;
    write_new(Path::new(path), &Application::new(year))
}

fn check(rest: &[String]) -> ExitCode {
    let json = rest.iter().any(|a| a == "--json");
    let paths: Vec<&String> = rest.iter().filter(|a| *a != "--json").collect();
    let [path] = paths.as_slice() else {
        return finish(Err("check FILE [--json] の形で指定してください".into()));
    };
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
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        out.write_all(verdict_text(&app, &report).as_bytes())
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

/// The verdict as plain Japanese text.
pub fn verdict_text(app: &Application, report: &Report) -> String {
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
            let tag = match f.severity {
                Severity::Error => "要対応",
                Severity::Warning => "注意",
            };
            s.push_str(&format!("  [{tag}] {}\n", f.message));
        }
    }
    s
}
