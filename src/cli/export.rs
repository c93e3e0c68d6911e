//! `export`: the paper bundle, or some of its forms, as PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::mailing::{Committee, Committees};
use crate::pdf::letters::Envelope;
use crate::pdf::{self, ExportOptions, Form};
use crate::rules::{self, RuleSet, Severity};
use crate::store;

use super::{CliError, text};

/// `export FILE --out DIR [--form 1,3] [--per-form] [--force] [--omit-outside-period]
/// [--post-as-is] [--letters [--envelope kaku2|naga3] [--letters-in-bundle]]`
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
    /// Also write the signature requests, the 送付状 and the envelope label.
    #[arg(long, conflicts_with = "form", help = text::EXPORT_LETTERS)]
    letters: bool,
    /// The envelope the label is for.
    #[arg(long, requires = "letters", value_name = text::VALUE_ENVELOPE, value_parser = parse_envelope, help = text::EXPORT_ENVELOPE)]
    envelope: Option<Envelope>,
    /// Also print each facility's request in the bundle, in front of its pages of 様式3.
    #[arg(long, requires = "letters", help = text::EXPORT_LETTERS_IN_BUNDLE)]
    letters_in_bundle: bool,
}

pub(super) fn parse_envelope(typed: &str) -> Result<Envelope, String> {
    Envelope::from_name(typed).ok_or_else(|| text::unknown_envelope(typed))
}

/// The letters' options of an export: the envelope, and the committee's address as remembered
/// in the data folder (a file that cannot be read is said and left alone; the letters then
/// get blank lines).
pub(super) fn letter_options(
    letters: bool,
    envelope: Option<Envelope>,
    society: &str,
) -> (Option<Envelope>, Option<Committee>) {
    if !letters {
        return (None, None);
    }
    let committee = remembered_committees().get(society).cloned();
    (Some(envelope.unwrap_or_default()), committee)
}

/// The committees' addresses remembered in the data folder; one that cannot be read is said
/// (and left as it is) and none is used.
pub(super) fn remembered_committees() -> Committees {
    match Committees::default_path().map(|p| Committees::load(&p)) {
        Some(Ok(list)) => list,
        Some(Err(e)) => {
            eprintln!("{e}");
            Committees::default()
        }
        None => Committees::default(),
    }
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
    let (letters, committee) =
        letter_options(args.letters, args.envelope, &app.applicant.regional_society);
    let options = ExportOptions {
        post_as_is: args.post_as_is,
        committee,
        letters,
        letters_in_bundle: args.letters_in_bundle,
        ..ExportOptions::default()
    };
    let result = pdf::export(&app, &rules, &report, &args.out, files, problems, &options)?;
    if !only.is_empty() && result.files.is_empty() {
        return Err(CliError::NothingToExport);
    }
    for path in result.files.iter().chain(&result.letters) {
        say!("{}", path.display());
    }
    if !result.letters.is_empty() && result.address_blank {
        say!("{}", text::address_blank(&app.applicant.regional_society));
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
