//! `check`: the verdict, and before the window opens the progress, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::rules::{self, Progress, Report, RuleSet};
use crate::store;

use super::{CliError, text};

/// `check FILE [--json] [--today DATE]`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The application.
    #[arg(value_name = text::VALUE_FILE, help = text::CHECK_FILE)]
    file: PathBuf,
    /// JSON instead of text.
    #[arg(long, help = text::CHECK_JSON)]
    json: bool,
    /// Each finding's 根拠 (the overview's section or the notice) under it.
    #[arg(long, help = text::CHECK_WHY)]
    why: bool,
    /// The day the progress is computed for (default today).
    #[arg(long, value_name = text::VALUE_DATE, value_parser = parse_date, help = text::CHECK_TODAY)]
    today: Option<NaiveDate>,
}

fn parse_date(typed: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_date(typed).ok_or_else(|| text::bad_date(typed))
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

/// `check`: exit 0 when the application passes, 1 when it does not.
pub fn check(args: &CheckArgs) -> Result<ExitCode, CliError> {
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let app = store::load(&args.file)?;
    let rules = RuleSet::for_year(app.fiscal_year)?;
    let report = rules::evaluate(&app, &rules);
    let progress = rules::progress(&app, &rules, today);
    if args.json {
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
        let json = serde_json::to_string_pretty(&doc)?;
        say!("{json}");
    } else {
        say_part!("{}", text::verdict(&app, &report, &rules, args.why));
        if report.passes && progress.as_ref().is_some_and(|p| !p.gaps.is_empty()) {
            // A pass that counts entries dated after the day given is not earned yet.
            say!("{}", text::PASSES_WITH_PLANS);
        }
        if let Some(p) = &progress {
            for line in rules::progress::progress_lines(p) {
                say!("{line}");
            }
        }
    }
    // A reader that stopped early (`| head`) is no error: the verdict still decides the code.
    Ok(if report.passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
