//! `completions bash|zsh|…`: the shell completion scripts, made from the same definition as the
//! parser (the .deb installs the bash and zsh ones from packaging/completions/).

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

use super::{CliError, command, text};

/// `completions SHELL`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = text::VALUE_SHELL, help = text::COMPLETIONS_SHELL)]
    shell: Shell,
}

/// Prints the completion script for the shell.
pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "jsog-renewal", &mut script);
    say_part!("{}", String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}
