//! `export`: the paper bundle, or some of its forms, as PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::pdf::{self, Form};
use crate::rules::{self, RuleSet, Severity};
use crate::store;

use super::{CliError, text};

/// `export FILE --out DIR [--form 1,3] [--per-form] [--force] [--omit-outside-period]`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The application.
    #[arg(value_name = text::VALUE_FILE, help = text::EXPORT_FILE)]
    file: PathBuf,
    /// The folder written into.
    #[arg(long, required = true, value_name = text::VALUE_DIR, help = text::EXPORT_OUT)]
    out: PathBuf,
    /// Only these forms, one file each (may be given more than once).
    #[arg(long, value_name = text::VALUE_FORMS, value_parser = parse_forms, help = text::EXPORT_FORM)]
    form: Vec<Forms>,
    /// One file per form beside the bundle.
    #[arg(long, conflicts_with = "form", help = text::EXPORT_PER_FORM)]
    per_form: bool,
    /// Export even when a value would be lost on paper.
    #[arg(long, help = text::EXPORT_FORCE)]
    force: bool,
    /// Leave the cases dated outside the activity period out of 様式3 (the file is unchanged).
    #[arg(long, help = text::EXPORT_OMIT_OUTSIDE)]
    omit_outside_period: bool,
    /// Print a bundle that does not meet the criteria without the 下書き mark.
    #[arg(long, help = text::EXPORT_POST_AS_IS)]
    post_as_is: bool,
}

/// The forms named by one `--form`: `1,3`, `様式3、checklist`.
#[derive(Debug, Clone)]
struct Forms(Vec<Form>);

fn parse_forms(typed: &str) -> Result<Forms, String> {
    typed
        .split([',', '、'])
        .filter(|n| !n.trim().is_empty())
        .map(|name| Form::from_name(name).ok_or_else(|| text::unknown_form(name)))
        .collect::<Result<_, _>>()
        .map(Forms)
}

/// `export`: refuses (nothing written) when the pre-flight check finds a value that would be
/// lost on paper, unless `--force` is given.
pub fn export(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let mut only: Vec<Form> = Vec::new();
    for form in args.form.iter().flat_map(|f| &f.0) {
        if !only.contains(form) {
            only.push(*form);
        }
    }
    let mut app = store::load(&args.file)?;
    check_new_folder(&args.out)?;
    let rules = RuleSet::for_year(app.fiscal_year)?;
    if args.omit_outside_period {
        app = pdf::without_cases_outside_period(&app, &rules);
    }
    let problems = pdf::preflight(&app, &rules);
    for f in &problems {
        eprintln!("[{}] {}: {}", f.severity.label(), f.path, f.message);
    }
    if !args.force && problems.iter().any(|f| f.severity == Severity::Error) {
        return Err(CliError::WouldLoseValues);
    }
    // One evaluation and one pre-flight for the whole export: the same findings go on paper.
    let report = rules::evaluate(&app, &rules);
    let files = if only.is_empty() {
        pdf::Files::Bundle {
            per_form: args.per_form,
        }
    } else {
        pdf::Files::Only(&only)
    };
    let result = pdf::export(
        &app,
        &rules,
        &report,
        &args.out,
        files,
        problems,
        args.post_as_is,
    )?;
    if !only.is_empty() && result.files.is_empty() {
        return Err(CliError::NothingToExport);
    }
    for path in &result.files {
        say!("{}", path.display());
    }
    say!(
        "{}",
        text::exported(result.pages, result.bytes.div_ceil(1024))
    );
    if !result.passes {
        say!("{}", text::EXPORTED_NOT_PASSING);
        for e in report.errors() {
            say!("  ・{}", e.message);
        }
        say!(
            "{}",
            if result.draft {
                text::EXPORTED_DRAFT
            } else {
                text::EXPORTED_AS_IS
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// An output folder that is still to be made must have a name Windows accepts, as files do
/// (see `paths::windows_name_problem`): the folder is often copied to a Windows PC to print.
pub(super) fn check_new_folder(dir: &std::path::Path) -> Result<(), CliError> {
    if dir.exists() {
        return Ok(());
    }
    let why = dir
        .file_name()
        .and_then(|n| crate::paths::windows_name_problem(&n.to_string_lossy()));
    match why {
        Some(why) => Err(CliError::Store(store::StoreError::UnportableName {
            path: dir.to_path_buf(),
            why,
        })),
        None => Ok(()),
    }
}
