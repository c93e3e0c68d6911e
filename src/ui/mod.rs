//! The desktop app (eframe/egui). Reads the core's Report; never re-implements a rule.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the main window on `file`, or on the built-in demo when none is given.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    eprintln!("画面版は準備中です。jsog-renewal help をご覧ください");
    ExitCode::from(2)
}
