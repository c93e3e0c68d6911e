//! Start-up: no arguments (or one file) opens the window; a verb runs the headless command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    jsog_renewal::cli::run()
}
