//! `import-cases` and `import-credits`: rows from CSV/Excel (or the portal's 単位情報 table)
//! added to an application file, all or nothing unless `--skip-bad`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::import::{self, Context, ImportOptions, Importable, Preview};
use crate::model::{Application, Case, Credit};
use crate::rules::{self, CategoryCode, RuleSet};
use crate::store;

use super::{CliError, text};

/// `import-cases FILE SHEET [--sheet NAME] [--skip-bad] [--skip-duplicates]`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The application file added to.
    #[arg(value_name = text::VALUE_FILE, help = text::IMPORT_FILE)]
    file: PathBuf,
    /// The spreadsheet read.
    #[arg(value_name = text::VALUE_SHEET_FILE, help = text::IMPORT_SHEET_FILE)]
    sheet_file: PathBuf,
    /// The workbook's sheet; without it, the one whose header fits best.
    #[arg(long, value_name = text::VALUE_SHEET, help = text::IMPORT_SHEET)]
    sheet: Option<String>,
    /// Import the good rows even though some are bad.
    #[arg(long, help = text::IMPORT_SKIP_BAD)]
    skip_bad: bool,
    /// Leave out rows that repeat an entry.
    #[arg(long, help = text::IMPORT_SKIP_DUPLICATES)]
    skip_duplicates: bool,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            skip_bad: self.skip_bad,
            skip_duplicates: self.skip_duplicates,
            // The command line appends as told; sorting is offered where the result is seen.
            sort_by_date: false,
            insert_at: None,
        }
    }
}

/// `import-credits`: the same, and `--portal`.
#[derive(Debug, Args)]
pub struct ImportCreditsArgs {
    /// What `import-cases` takes too.
    #[command(flatten)]
    rows: ImportArgs,
    /// Read the file as the portal's 単位情報 table.
    #[arg(long, help = text::IMPORT_PORTAL)]
    portal: bool,
}

/// `import-cases`: exit 1 (nothing imported) when a row is bad and `--skip-bad` is not given.
pub fn import_cases(args: &ImportArgs) -> Result<ExitCode, CliError> {
    import_rows::<Case>(args, text::CASES)
}

/// `import-credits`: a text file holding the portal's 単位情報 table (a `単位数` row) is read as
/// the portal's totals, anything else as a credit list.
pub fn import_credits(args: &ImportCreditsArgs) -> Result<ExitCode, CliError> {
    if args.portal || import::looks_like_portal(&args.rows.sheet_file) {
        return import_portal(&args.rows);
    }
    import_rows::<Credit>(&args.rows, text::CREDITS)
}

fn load(path: &Path) -> Result<(Application, Option<RuleSet>), CliError> {
    let app = store::load(path)?;
    let rules = RuleSet::for_year(app.fiscal_year).ok();
    Ok((app, rules))
}

fn import_portal(args: &ImportArgs) -> Result<ExitCode, CliError> {
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = store::lock(&args.file)?;
    let (mut app, rules) = load(&args.file)?;
    let rules = rules.ok_or(CliError::NoRules(app.fiscal_year))?;
    let totals = import::read_portal_totals(&args.sheet_file)?;
    for (column, units) in &totals.units {
        say!("{}", text::portal_units(column.label(), *units));
    }
    // A figure no portal shows is a paste or typing error: refuse before anything is saved.
    let max = rules.plausible.max_units_per_credit;
    if let Some((column, units)) = totals.units.iter().find(|(_, u)| *u > max) {
        return Err(CliError::ImplausibleUnits {
            column: column.label(),
            units: *units,
            max,
        });
    }
    let added = import::apply_portal_totals(&mut app, &totals, &rules);
    store::save(&app, &args.file)?;
    say!("{}", text::portal_added(added, &args.file));
    if let Some(warning) = import::portal_overlap_warning(&app) {
        say!("{warning}");
    }
    Ok(ExitCode::SUCCESS)
}

fn import_rows<T: Importable>(args: &ImportArgs, what: &str) -> Result<ExitCode, CliError> {
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = store::lock(&args.file)?;
    let (mut app, rules) = load(&args.file)?;
    let table = import::read_for::<T>(&args.sheet_file, args.sheet.as_deref())?;
    let preview = Preview::<T>::new(
        table,
        &Context {
            app: &app,
            rules: rules.as_ref(),
        },
    );
    if let Some(problem) = preview.header_problem() {
        return Err(problem.into());
    }
    say!(
        "{}",
        text::rows_read(
            &preview.table.source,
            preview.rows.len(),
            preview.good_count()
        )
    );
    for notice in preview.notices() {
        say!("{notice}");
    }
    let summary = preview.reading_summary();
    if !summary.is_empty() {
        say!("{}", text::READING_SUMMARY);
        for column in summary {
            say!("  {column}");
        }
    }
    for footer in &preview.set_aside {
        say!("{footer}");
    }
    for row in preview.bad_rows() {
        eprintln!("{}", text::bad_row(&row.problem_text()));
    }
    for row in preview.rows.iter().filter(|r| !r.notes.is_empty()) {
        say!("{}", text::row_notes(row.line, &row.notes.join("／")));
    }
    let outcome = preview.apply(&mut app, args.options())?;
    store::save(&app, &args.file)?;
    say!("{}", text::added(outcome.added, what, &args.file));
    if outcome.skipped_bad > 0 {
        say!("{}", text::skipped_bad(outcome.skipped_bad));
    }
    if outcome.skipped_duplicates > 0 {
        say!("{}", text::skipped_duplicates(outcome.skipped_duplicates));
    }
    if let Some(rules) = &rules {
        let report = rules::evaluate(&app, rules);
        let clinical = report.category(CategoryCode::Clinical);
        say!(
            "{}",
            text::clinical(report.cases_entered, report.cases_valid, clinical.claimed)
        );
    }
    Ok(ExitCode::SUCCESS)
}
