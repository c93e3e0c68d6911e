//! Verbs that make or change an application file, or write its lists as CSV: `demo`, `new`,
//! `retarget`, `export-cases`, `export-credits`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::import::{self, ImportError};
use crate::model::Application;
use crate::rules::{self, RuleSet};
use crate::{demo as sample, store};

use super::{CliError, parse_year, text};

/// `demo FILE`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write.
    #[arg(value_name = text::VALUE_FILE, help = text::DEMO_FILE)]
    file: PathBuf,
}

/// `new FILE [--year Y]`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write.
    #[arg(value_name = text::VALUE_FILE, help = text::NEW_FILE)]
    file: PathBuf,
    /// The fiscal year; without it, the first one whose window has not closed today.
    #[arg(long, value_name = text::VALUE_YEAR, value_parser = parse_year, help = text::NEW_YEAR)]
    year: Option<u16>,
}

/// `retarget FILE --year Y`
#[derive(Debug, Args)]
pub struct RetargetArgs {
    /// The application.
    #[arg(value_name = text::VALUE_FILE, help = text::RETARGET_FILE)]
    file: PathBuf,
    /// The new fiscal year.
    #[arg(long, required = true, value_name = text::VALUE_YEAR, value_parser = parse_year, help = text::RETARGET_YEAR)]
    year: u16,
}

/// `export-cases FILE OUT.csv`, `export-credits FILE OUT.csv`
#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The application.
    #[arg(value_name = text::VALUE_FILE, help = text::CSV_FILE)]
    file: PathBuf,
    /// The CSV file to write.
    #[arg(value_name = text::VALUE_CSV, help = text::CSV_OUT)]
    out: PathBuf,
}

/// `demo`: the built-in demo application.
pub fn demo(args: &DemoArgs) -> Result<ExitCode, CliError> {
    write_new(&args.file, &sample::application())?;
    Ok(ExitCode::SUCCESS)
}

/// `new`: an empty application, never over an existing file.
pub fn new(args: &NewArgs) -> Result<ExitCode, CliError> {
    let year = args
        .year
        .unwrap_or_else(|| rules::open_year(chrono::Local::now().date_naive()).unwrap_or(2024));
    let rules = RuleSet::for_year(year)?;
    write_new(&args.file, &Application::new(year))?;
    if let Some(notice) = rules.provisional_notice() {
        say!("{notice}");
    }
    Ok(ExitCode::SUCCESS)
}

fn write_new(path: &Path, app: &Application) -> Result<(), CliError> {
    // Two `new` at once must not both find the name free.
    let _lock = store::lock(path)?;
    if path.exists() {
        return Err(CliError::Exists(path.to_path_buf()));
    }
    store::save(app, path)?;
    say!("{}", text::created(path));
    Ok(())
}

/// `retarget`: moves an application to another fiscal year; every entry stays, the verdict is
/// recomputed.
pub fn retarget(args: &RetargetArgs) -> Result<ExitCode, CliError> {
    let path = args.file.as_path();
    let rules = RuleSet::for_year(args.year)?;
    // Held from load to save: another writer's change is never overwritten unseen.
    let _lock = store::lock(path)?;
    let mut app = store::load(path)?;
    let from = app.fiscal_year;
    // The verdict under the year it leaves, to say what the move changes (none for a year
    // this program does not know).
    let before = RuleSet::for_year(from)
        .ok()
        .map(|old| (rules::evaluate(&app, &old), old));
    app.fiscal_year = args.year;
    store::save(&app, path)?;
    let report = rules::evaluate(&app, &rules);
    say!(
        "{}",
        text::retargeted(path, from, args.year, app.cases.len(), app.credits.len())
    );
    if let Some((old_report, old_rules)) = &before {
        for line in
            rules::describe::verdict_changes(old_report, &report, old_rules, &rules, app.kind)
        {
            say!("  {line}");
        }
    }
    say_part!("{}", text::verdict(&app, &report, &rules, false));
    Ok(ExitCode::SUCCESS)
}

/// `export-cases`
pub fn export_cases(args: &CsvArgs) -> Result<ExitCode, CliError> {
    export_csv(args, import::cases_csv)
}

/// `export-credits`
pub fn export_credits(args: &CsvArgs) -> Result<ExitCode, CliError> {
    export_csv(args, import::credits_csv)
}

fn export_csv(
    args: &CsvArgs,
    build: fn(&Application) -> Result<Vec<u8>, ImportError>,
) -> Result<ExitCode, CliError> {
    let app = store::load(&args.file)?;
    import::check_output(&args.file, &args.out)?;
    import::write_csv(&args.out, &build(&app)?)?;
    say!("{}", text::wrote(&args.out));
    Ok(ExitCode::SUCCESS)
}
