//! `export-all`: every application of a folder exported, one folder per doctor, with a
//! progress bar.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;

use crate::workspace::{BatchLetters, Progress, Workspace};

use super::{CliError, text};

/// `export-all DIR --out OUT [--only a.ron,b.ron] [--letters [--envelope kaku2|naga3]]`
#[derive(Debug, Args)]
pub struct ExportAllArgs {
    /// The folder of application files.
    #[arg(value_name = text::VALUE_DIR, help = text::EXPORT_ALL_DIR)]
    dir: PathBuf,
    /// Where the doctors' folders go.
    #[arg(long, required = true, value_name = text::VALUE_DIR, help = text::EXPORT_ALL_OUT)]
    out: PathBuf,
    /// Only these files (by file name or stem).
    #[arg(long, value_name = text::VALUE_NAMES, value_delimiter = ',', help = text::EXPORT_ALL_ONLY)]
    only: Vec<String>,
    /// Also write each doctor's signature requests, 送付状 and envelope label.
    #[arg(long, help = text::EXPORT_LETTERS)]
    letters: bool,
    /// The envelope the labels are for.
    #[arg(long, requires = "letters", value_name = text::VALUE_ENVELOPE, value_parser = super::export::parse_envelope, help = text::EXPORT_ENVELOPE)]
    envelope: Option<crate::pdf::letters::Envelope>,
}

/// `export-all`: exit 0 when every bundle was written, 1 when some failed.
pub fn export_all(args: &ExportAllArgs) -> Result<ExitCode, CliError> {
    let workspace = Workspace::open(&args.dir, Local::now().date_naive())?;
    super::export::check_new_folder(&args.out)?;
    say!(
        "{}",
        text::workspace_header(&args.dir, workspace.doctors.len())
    );
    for d in &workspace.doctors {
        say!(
            "{}",
            text::workspace_doctor(
                &d.name,
                &d.verdict_label(),
                &d.deadline_label(),
                &d.modified_label()
            )
        );
    }
    let names: Vec<&str> = args
        .only
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let selection: Option<Vec<usize>> = (!names.is_empty()).then(|| {
        workspace
            .doctors
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                let file = d.path.file_name().map(|n| n.to_string_lossy());
                names
                    .iter()
                    .any(|n| file.as_deref() == Some(*n) || d.folder_name() == *n)
            })
            .map(|(i, _)| i)
            .collect()
    });
    if selection.as_ref().is_some_and(Vec::is_empty) {
        return Err(CliError::NoMatch);
    }
    // On a terminal the bar redraws in place; piped, one line per doctor.
    let tty = std::io::stdout().is_terminal();
    let mut report = |p: &Progress| {
        if tty {
            say_part!("\r{}\x1b[K", progress_line(p));
            if p.done == p.total {
                say!();
            }
        } else {
            say!("{}", progress_line(p));
        }
    };
    let letters = args.letters.then(|| BatchLetters {
        envelope: args.envelope.unwrap_or_default(),
        committees: super::export::remembered_committees(),
    });
    let summary = workspace.export_all_with(
        selection.as_deref(),
        &args.out,
        None,
        &mut report,
        letters.as_ref(),
    )?;
    say_part!("{}", summary.text());
    Ok(if summary.succeeded() == summary.doctors.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A progress bar line for the terminal: `[#####.....] 12/50 山田 花子 ○`.
fn progress_line(p: &Progress) -> String {
    const WIDTH: usize = 30;
    let filled = (p.done * WIDTH).checked_div(p.total).unwrap_or(WIDTH);
    format!(
        "[{}{}] {}/{} {} {}",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        p.done,
        p.total,
        p.name,
        if p.ok {
            text::OK_MARK
        } else {
            text::FAILED_MARK
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_fills() {
        let p = Progress {
            done: 5,
            total: 10,
            name: "甲".into(),
            ok: true,
        };
        assert!(progress_line(&p).starts_with("[###############...............] 5/10"));
    }
}
