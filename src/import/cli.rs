//! The import and export verbs of the command line.
//!
//! Exit codes: 0 imported, 1 nothing imported because rows are bad, 2 a file could not be read
//! or the arguments are wrong.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::model::Application;
use crate::rules::{self, CategoryCode, RuleSet};
use crate::{say, store};

use super::{
    Context, ImportError, ImportOptions, Importable, Preview, apply_portal_totals, cases_csv,
    credits_csv, is_workbook, parse_portal_totals, write_csv,
};

/// Parsed arguments of `import-cases` / `import-credits`.
struct ImportArgs {
    file: PathBuf,
    sheet_file: PathBuf,
    sheet: Option<String>,
    options: ImportOptions,
    portal: bool,
}

fn parse_import_args(args: &[String], verb: &str) -> Result<ImportArgs, String> {
    let mut paths = Vec::new();
    let mut options = ImportOptions::default();
    let mut sheet = None;
    let mut portal = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--skip-bad" => options.skip_bad = true,
            "--skip-duplicates" => options.skip_duplicates = true,
            "--portal" => portal = true,
            "--sheet" => {
                sheet = Some(
                    iter.next()
                        .ok_or("--sheet の後にシート名を指定してください")?
                        .clone(),
                );
            }
            other if other.starts_with("--") => {
                return Err(format!("{verb}: 不明なオプションです: {other}"));
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let [file, sheet_file] = <[PathBuf; 2]>::try_from(paths).map_err(|_| {
        format!("{verb} FILE SHEET [--sheet シート名] [--skip-bad] の形で指定してください")
    })?;
    Ok(ImportArgs {
        file,
        sheet_file,
        sheet,
        options,
        portal,
    })
}

fn fail(message: &str) -> ExitCode {
    eprintln!("エラー: {message}");
    ExitCode::from(2)
}

fn load(path: &Path) -> Result<(Application, Option<RuleSet>), String> {
    let app = store::load(path).map_err(|e| e.to_string())?;
    let rules = RuleSet::for_year(app.fiscal_year).ok();
    Ok((app, rules))
}

/// `jsog-renewal import-cases FILE SHEET [--sheet NAME] [--skip-bad] [--skip-duplicates]`
pub fn cli_import_cases(args: &[String]) -> ExitCode {
    match parse_import_args(args, "import-cases") {
        Ok(a) => import_rows::<crate::model::Case>(&a, "症例"),
        Err(e) => fail(&e),
    }
}

/// `jsog-renewal import-credits FILE SHEET [--sheet NAME] [--skip-bad] [--portal]`
///
/// A text file holding the portal's 単位情報 table (a `単位数` row) is read as the portal's
/// totals; anything else as a credit list.
pub fn cli_import_credits(args: &[String]) -> ExitCode {
    let a = match parse_import_args(args, "import-credits") {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    if a.portal || looks_like_portal(&a.sheet_file) {
        return import_portal(&a);
    }
    import_rows::<crate::model::Credit>(&a, "単位")
}

fn looks_like_portal(path: &Path) -> bool {
    if is_workbook(path) {
        return false;
    }
    let Ok(bytes) = super::read_bounded(path) else {
        return false;
    };
    let Ok((text, _)) = super::decode_text(&bytes) else {
        return false;
    };
    text.lines().any(|l| l.trim_start().starts_with("単位数\t"))
        && !text.lines().take(20).any(|l| l.contains("区分"))
}

fn import_portal(a: &ImportArgs) -> ExitCode {
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = match store::lock(&a.file) {
        Ok(l) => l,
        Err(e) => return fail(&e.to_string()),
    };
    let (mut app, rules) = match load(&a.file) {
        Ok(x) => x,
        Err(e) => return fail(&e),
    };
    let Some(rules) = rules else {
        return fail(&format!("{}年度の規則がありません", app.fiscal_year));
    };
    let text = super::read_bounded(&a.sheet_file)
        .and_then(|b| super::decode_text(&b).map(|(t, _)| t))
        .and_then(|t| parse_portal_totals(&t));
    let totals = match text {
        Ok(t) => t,
        Err(e) => return fail(&e.to_string()),
    };
    for (col, units) in &totals.units {
        say!("  {}: {units}単位", col.label());
    }
    // A figure no portal shows is a paste or typing error: refuse before anything is saved.
    let max = rules.plausible.max_units_per_credit;
    if let Some((col, units)) = totals.units.iter().find(|(_, u)| *u > max) {
        return fail(&format!(
            "{}の単位数 {units} はありえない値です（上限{max}単位）。何も取り込んでいません",
            col.label()
        ));
    }
    let added = apply_portal_totals(&mut app, &totals, &rules);
    if let Err(e) = store::save(&app, &a.file) {
        return fail(&e.to_string());
    }
    say!(
        "会員ポータルの単位情報から{added}件の単位を{}に取り込みました",
        a.file.display()
    );
    if let Some(warning) = super::portal_overlap_warning(&app) {
        say!("{warning}");
    }
    ExitCode::SUCCESS
}

fn import_rows<T: Importable>(a: &ImportArgs, what: &str) -> ExitCode {
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = match store::lock(&a.file) {
        Ok(l) => l,
        Err(e) => return fail(&e.to_string()),
    };
    let (mut app, rules) = match load(&a.file) {
        Ok(x) => x,
        Err(e) => return fail(&e),
    };
    let table = match super::read_for::<T>(&a.sheet_file, a.sheet.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(&e.to_string()),
    };
    let preview = Preview::<T>::new(
        table,
        &Context {
            app: &app,
            rules: rules.as_ref(),
        },
    );
    let missing = preview.missing_columns();
    if !missing.is_empty() {
        let header_line = preview
            .header_index
            .and_then(|i| preview.table.rows.get(i))
            .map(|r| r.line);
        return fail(&super::columns::header_not_found(
            &preview.table.source,
            T::fields(),
            &preview.mapping,
            header_line,
            &preview.column_titles(),
        ));
    }
    say!(
        "{}: {}行を読みました（正しい行 {}、誤りのある行 {}）",
        preview.table.source,
        preview.rows.len(),
        preview.good_count(),
        preview.rows.len() - preview.good_count()
    );
    let summary = preview.reading_summary();
    if !summary.is_empty() {
        say!("読み取り結果（正しい行）:");
        for column in summary {
            say!("  {column}");
        }
    }
    for row in preview.bad_rows() {
        eprintln!("  誤り {}", row.problem_text());
    }
    for row in preview.rows.iter().filter(|r| !r.notes.is_empty()) {
        say!("  注意 {}行目: {}", row.line, row.notes.join("／"));
    }
    let outcome = match preview.apply(&mut app, a.options) {
        Ok(o) => o,
        Err(e @ ImportError::BadRows { .. }) => {
            eprintln!("{e}");
            eprintln!("（--skip-bad を付けると正しい行だけを取り込みます）");
            return ExitCode::from(1);
        }
        Err(e) => return fail(&e.to_string()),
    };
    if let Err(e) = store::save(&app, &a.file) {
        return fail(&e.to_string());
    }
    say!(
        "{}件の{what}を{}に追加しました",
        outcome.added,
        a.file.display()
    );
    if outcome.skipped_bad > 0 {
        say!("誤りのある{}行は取り込みませんでした", outcome.skipped_bad);
    }
    if outcome.skipped_duplicates > 0 {
        say!(
            "重複の{}行は取り込みませんでした",
            outcome.skipped_duplicates
        );
    }
    if let Some(rules) = &rules {
        let report = rules::evaluate(&app, rules);
        let clinical = report.category(CategoryCode::Clinical);
        say!(
            "診療実績: 症例{}件（有効{}件）→ {}単位",
            report.cases_entered,
            report.cases_valid,
            clinical.claimed
        );
    }
    ExitCode::SUCCESS
}

fn export_with(
    args: &[String],
    verb: &str,
    build: fn(&Application) -> Result<Vec<u8>, ImportError>,
) -> Result<(), String> {
    let [file, out] = args else {
        return Err(format!("{verb} FILE OUT.csv の形で指定してください"));
    };
    let app = store::load(Path::new(file)).map_err(|e| e.to_string())?;
    refuse_unsafe_output(Path::new(file), Path::new(out))?;
    let bytes = build(&app).map_err(|e| e.to_string())?;
    write_csv(Path::new(out), &bytes).map_err(|e| e.to_string())?;
    say!("{out} に書き出しました");
    Ok(())
}

/// `jsog-renewal export-cases FILE OUT.csv`
pub fn cli_export_cases(args: &[String]) -> Result<(), String> {
    export_with(args, "export-cases", cases_csv)
}

/// `jsog-renewal export-credits FILE OUT.csv`
pub fn cli_export_credits(args: &[String]) -> Result<(), String> {
    export_with(args, "export-credits", credits_csv)
}

/// An export never replaces an application file (the input itself, through any link, or any
/// other) nor writes into a FIFO, a device or a folder.
fn refuse_unsafe_output(input: &Path, out: &Path) -> Result<(), String> {
    let Ok(meta) = std::fs::metadata(out) else {
        // Nothing there yet (or a dangling link, which the write resolves): a new file.
        return Ok(());
    };
    if !meta.is_file() {
        return Err(format!(
            "{} は通常のファイルではありません（{}）。書き出し先には新しいファイル名を指定してください",
            out.display(),
            store::kind_of(&meta)
        ));
    }
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b || same_inode(&std::fs::metadata(&a).ok(), &meta),
        _ => false,
    };
    if same || store::looks_like_application(out) {
        return Err(format!(
            "{} は申請ファイルです。上書きすると申請が失われるため、書き出しませんでした。別のファイル名（例: 症例.csv）を指定してください",
            out.display()
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &Option<std::fs::Metadata>, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.as_ref()
        .is_some_and(|a| a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_inode(_a: &Option<std::fs::Metadata>, _b: &std::fs::Metadata) -> bool {
    false
}
