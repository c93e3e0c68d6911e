//! Start-up: no arguments (or one file) opens the GUI; a subcommand runs the headless CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = jsog_renewal::cli::run(&args) {
        return code;
    }
    jsog_renewal::ui::run(jsog_renewal::cli::gui_file(&args))
}
