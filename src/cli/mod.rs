//! The command line: without a verb the window opens (on a file if one is given); each verb runs
//! headless over the same core, for offices, scripts and tests.
//!
//! Arguments are parsed by clap from the types below, one file per verb turns them into calls of
//! the library, and [`run`] is the one place that prints an error and picks the exit code:
//! 0 done, 1 done but short (the application does not pass, rows are bad, some exports
//! failed), 2 could not be done.

#[macro_use]
pub(crate) mod say;

mod check;
mod completions;
mod export;
mod export_all;
mod files;
mod import;
mod rules;
mod text;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use thiserror::Error;

use crate::import::ImportError;
use crate::pdf::PdfError;
use crate::rules::RuleSetError;
use crate::store::StoreError;
use crate::workspace::WorkspaceError;

/// `jsog-renewal [FILE] | jsog-renewal <verb> …`
#[derive(Debug, Parser)]
#[command(
    name = "jsog-renewal",
    version,
    about = text::ABOUT,
    override_usage = "jsog-renewal [申請ファイル]\n       jsog-renewal <コマンド> …",
    after_help = text::MAIN_AFTER,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_value_name = text::VALUE_COMMAND,
)]
pub struct Cli {
    /// The file the window opens.
    #[arg(value_name = text::VALUE_FILE, help = text::ARG_GUI_FILE)]
    file: Option<PathBuf>,
    /// Options every verb takes.
    #[command(flatten)]
    global: Global,
    /// `--version`, on the program only.
    #[arg(short = 'V', long, action = ArgAction::Version, display_order = 902, help = text::OPT_VERSION)]
    version: Option<bool>,
    /// The verb, if any.
    #[command(subcommand)]
    command: Option<Command>,
}

/// Options accepted before or after any verb.
#[derive(Debug, Args)]
struct Global {
    /// Rule files that win over the rules folder and the built-in years.
    #[arg(long = "rules", value_name = text::VALUE_RULES, global = true, display_order = 900, help = text::OPT_RULES)]
    rules: Vec<PathBuf>,
    /// `--help`, in Japanese.
    #[arg(short = 'h', long, action = ArgAction::Help, global = true, display_order = 901, help = text::OPT_HELP)]
    help: Option<bool>,
}

/// The verbs.
#[derive(Debug, Subcommand)]
enum Command {
    /// Writes the built-in demo application.
    #[command(about = text::DEMO, override_usage = text::DEMO_USAGE, after_help = text::DEMO_AFTER)]
    Demo(files::DemoArgs),
    /// Writes an empty application.
    #[command(about = text::NEW, override_usage = text::NEW_USAGE, after_help = text::NEW_AFTER)]
    New(files::NewArgs),
    /// Prints the verdict.
    #[command(about = text::CHECK, override_usage = text::CHECK_USAGE, after_help = text::CHECK_AFTER)]
    Check(check::CheckArgs),
    /// Moves an application to another year.
    #[command(
        about = text::RETARGET,
        override_usage = text::RETARGET_USAGE,
        after_help = text::RETARGET_AFTER
    )]
    Retarget(files::RetargetArgs),
    /// Lists, shows and compares rule sets.
    #[command(
        about = text::RULES,
        override_usage = text::RULES_USAGE,
        after_help = text::RULES_AFTER,
    )]
    Rules {
        /// Which of list / show / diff.
        #[command(subcommand)]
        verb: rules::RulesCommand,
    },
    /// Writes the paper bundle as PDF.
    #[command(about = text::EXPORT, override_usage = text::EXPORT_USAGE, after_help = text::EXPORT_AFTER)]
    Export(export::ExportArgs),
    /// Adds cases from a spreadsheet.
    #[command(
        about = text::IMPORT_CASES,
        override_usage = text::IMPORT_CASES_USAGE,
        after_help = text::IMPORT_CASES_AFTER
    )]
    ImportCases(import::ImportArgs),
    /// Adds credits from a spreadsheet or the portal's table.
    #[command(
        about = text::IMPORT_CREDITS,
        override_usage = text::IMPORT_CREDITS_USAGE,
        after_help = text::IMPORT_CREDITS_AFTER
    )]
    ImportCredits(import::ImportCreditsArgs),
    /// Writes cases as CSV.
    #[command(
        about = text::EXPORT_CASES,
        override_usage = text::EXPORT_CASES_USAGE,
        after_help = text::EXPORT_CASES_AFTER
    )]
    ExportCases(files::CsvArgs),
    /// Writes credits as CSV.
    #[command(
        about = text::EXPORT_CREDITS,
        override_usage = text::EXPORT_CREDITS_USAGE,
        after_help = text::EXPORT_CREDITS_AFTER
    )]
    ExportCredits(files::CsvArgs),
    /// Exports every application of a folder.
    #[command(
        about = text::EXPORT_ALL,
        override_usage = text::EXPORT_ALL_USAGE,
        after_help = text::EXPORT_ALL_AFTER
    )]
    ExportAll(export_all::ExportAllArgs),
    /// Prints a shell's completion script (the package installs them).
    #[command(about = text::COMPLETIONS, hide = true)]
    Completions(completions::CompletionsArgs),
    /// `help [VERB…]`, the same as `--help`.
    #[command(about = text::HELP, hide = true)]
    Help {
        /// The verb (and sub-verb) to explain.
        #[arg(value_name = text::VALUE_COMMAND, help = text::HELP_VERB)]
        verb: Vec<String>,
    },
}

/// Why a verb could not do its work. The message is the one line printed after `エラー: `.
#[derive(Debug, Error)]
pub enum CliError {
    /// The arguments do not fit the verb (clap's error, in Japanese).
    #[error("{0}")]
    Usage(String),
    /// An application file could not be read, locked or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No rule set for a year, or a rule set that cannot be used.
    #[error(transparent)]
    Rules(#[from] RuleSetError),
    /// A spreadsheet could not be read or imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The PDF could not be made or written.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A workspace folder could not be opened.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// The window could not be opened.
    #[error("{}", text::window_failed(.0))]
    Window(#[from] eframe::Error),
    /// `new` / `demo` onto a file that exists.
    #[error("{}", text::exists(.0))]
    Exists(PathBuf),
    /// The application's year has no rule set (import of the portal's table).
    #[error("{}", text::no_rules(*.0))]
    NoRules(u16),
    /// `check --json` failed to serialise.
    #[error("{}", text::json_failed(.0))]
    Json(#[from] serde_json::Error),
    /// `rules show --ron` failed to serialise.
    #[error("{}", text::ron_failed(.0))]
    Ron(String),
    /// `export` refused: a value would be lost on paper.
    #[error("{}", text::EXPORT_REFUSED)]
    WouldLoseValues,
    /// `export --form` where no named form applies.
    #[error("{}", text::EXPORT_NOTHING)]
    NothingToExport,
    /// The portal's table holds a figure no portal shows.
    #[error("{}", text::implausible_units(.column, *.units, *.max))]
    ImplausibleUnits {
        /// The column's name.
        column: &'static str,
        /// The figure.
        units: u32,
        /// The largest plausible figure.
        max: u32,
    },
    /// `export-all --only` named no file of the folder.
    #[error("{}", text::NO_MATCH)]
    NoMatch,
}

impl CliError {
    /// 1 when the work was refused because of the input's content (bad rows), else 2.
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Import(ImportError::BadRows { .. }) => 1,
            _ => 2,
        }
    }

    /// The line after the error: how to go on.
    fn hint(&self, verb: &str) -> String {
        match self {
            CliError::Import(ImportError::BadRows { .. }) => text::skip_bad_hint(verb),
            _ => text::see_help(verb),
        }
    }
}

/// The clap definition with Japanese headings: what parses, what `--help` shows and what the
/// completions are made from.
pub fn command() -> clap::Command {
    japanese(Cli::command())
}

/// Puts Japanese headings on a command and all its verbs (clap's own are English).
fn japanese(cmd: clap::Command) -> clap::Command {
    cmd.help_template(text::HELP_TEMPLATE)
        .subcommand_help_heading(text::HEADING_COMMANDS)
        .mut_args(|arg| {
            if arg.is_positional() {
                arg.help_heading(text::HEADING_ARGS)
            } else {
                arg.help_heading(text::HEADING_OPTIONS)
            }
        })
        .mut_subcommands(japanese)
}

/// Runs the program with the process's arguments: a verb, or the window.
pub fn run() -> ExitCode {
    run_with(std::env::args_os().skip(1).collect())
}

/// [`run`] over given arguments (without the program's name).
fn run_with(args: Vec<OsString>) -> ExitCode {
    let verb = verb_of(&args);
    let argv = std::iter::once(OsString::from("jsog-renewal")).chain(args.iter().cloned());
    let parsed = command()
        .try_get_matches_from(argv)
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return parse_failed(&e, &verb, &args),
    };
    install_rule_files(&cli.global.rules);
    let result = match (cli.file, cli.command) {
        (file, None) => crate::ui::run(file)
            .map(|()| ExitCode::SUCCESS)
            .map_err(CliError::from),
        // `jsog-renewal a.ron check`: a file for the window, then a verb. (clap's
        // `args_conflicts_with_subcommands` would say so too, but would also refuse
        // `--rules FILE` before the verb.)
        (Some(_), Some(_)) => Err(CliError::Usage(text::conflict(
            text::VALUE_FILE,
            matches.subcommand_name().unwrap_or_default(),
        ))),
        (None, Some(command)) => run_verb(command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e}", text::ERROR);
            eprintln!("{}", e.hint(&verb));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs one verb.
fn run_verb(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Demo(a) => files::demo(&a),
        Command::New(a) => files::new(&a),
        Command::Check(a) => check::check(&a),
        Command::Retarget(a) => files::retarget(&a),
        Command::Rules { verb } => rules::rules(&verb),
        Command::Export(a) => export::export(&a),
        Command::ImportCases(a) => import::import_cases(&a),
        Command::ImportCredits(a) => import::import_credits(&a),
        Command::ExportCases(a) => files::export_cases(&a),
        Command::ExportCredits(a) => files::export_credits(&a),
        Command::ExportAll(a) => export_all::export_all(&a),
        Command::Completions(a) => completions::completions(&a),
        Command::Help { verb } => help(&verb),
    }
}

/// The verb named in the arguments (`rules show` for a sub-verb), empty when there is none:
/// the error line points to its `--help`.
fn verb_of(args: &[OsString]) -> String {
    let mut cmd = command();
    let mut path: Vec<String> = Vec::new();
    for arg in args.iter().filter_map(|a| a.to_str()) {
        if arg.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(arg) {
            Some(sub) => {
                path.push(arg.to_string());
                cmd = sub.clone();
            }
            None => break,
        }
    }
    path.join(" ")
}

/// Prints what clap found wrong with the arguments, in Japanese, or the help or version asked
/// for.
fn parse_failed(e: &clap::Error, verb: &str, args: &[OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            say_part!("{e}");
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    eprintln!("{}: {}", text::ERROR, usage_message(e, verb, args));
    eprintln!("{}", text::see_help(verb));
    ExitCode::from(2)
}

/// clap's error as one Japanese sentence.
fn usage_message(e: &clap::Error, verb: &str, args: &[OsString]) -> String {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(" "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    // `--out <フォルダ>` names the option as `--out`.
    let option = |kind| {
        context(kind)
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = context(ContextKind::InvalidArg);
            let first = first_word(args);
            if arg.starts_with('-') {
                text::unknown_option(&arg)
            } else if verb.is_empty() && !first.starts_with('-') {
                // `jsog-renewal chekc a b`: the first word was taken for the window's file.
                text::unknown_command(&first)
            } else {
                text::extra_argument(&arg)
            }
        }
        ErrorKind::InvalidSubcommand => {
            text::unknown_command(&context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            let first = first_word(args);
            if verb.is_empty() && !first.is_empty() && !first.starts_with('-') {
                // `jsog-renewal a.ron check`: a word that is no verb, then a verb.
                text::unknown_command(&first)
            } else {
                text::missing(&context(ContextKind::InvalidArg))
            }
        }
        // clap's derive asks for help when a required sub-verb is left out (`rules`).
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            text::missing_verb(&sub_verbs(verb).join(", "))
        }
        ErrorKind::ArgumentConflict => text::conflict(
            &option(ContextKind::PriorArg),
            &option(ContextKind::InvalidArg),
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(ToString::to_string);
            text::refused_value(&option(ContextKind::InvalidArg), &why.unwrap_or_default())
        }
        ErrorKind::InvalidValue => {
            let (arg, value) = (
                option(ContextKind::InvalidArg),
                context(ContextKind::InvalidValue),
            );
            if value.is_empty() {
                text::value_missing(&arg)
            } else {
                text::invalid_value(&arg, &value, &context(ContextKind::ValidValue))
            }
        }
        _ => text::BAD_ARGUMENTS.to_string(),
    }
}

/// The visible sub-verbs of a verb (`list`, `show`, `diff` of `rules`).
fn sub_verbs(verb: &str) -> Vec<String> {
    let mut cmd = command();
    for name in verb.split_whitespace() {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => return Vec::new(),
        }
    }
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The first argument, as typed.
fn first_word(args: &[OsString]) -> String {
    args.first()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `help [VERB…]`: the verb's help, as `VERB --help` shows it.
fn help(path: &[String]) -> Result<ExitCode, CliError> {
    let mut cmd = command();
    cmd.build();
    for name in path {
        cmd = cmd
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| CliError::Usage(text::unknown_command(name)))?;
    }
    say_part!("{}", cmd.render_help());
    Ok(ExitCode::SUCCESS)
}

/// Installs rule files, for every verb and for the window: those in the user's rules folder,
/// then those given with `--rules` (which win). A broken one is reported with its line and
/// column and left unused, so the built-in year stays in use.
fn install_rule_files(files: &[PathBuf]) {
    if let Some(dir) = crate::paths::user_rules_dir() {
        for rejected in crate::rules::install_rules_folder(&dir) {
            eprintln!("{}", text::rules_rejected(&rejected));
        }
    }
    for file in files {
        if let Err(rejected) = crate::rules::install_rules_file(file) {
            eprintln!("{}", text::rules_rejected(&rejected));
        }
    }
}

/// A fiscal year as typed on the command line.
fn parse_year(typed: &str) -> Result<u16, String> {
    typed
        .trim()
        .parse::<u16>()
        .map_err(|_| text::year_not_a_number(typed))
}
