//! Start-up: no arguments (or one file) opens the window; a verb runs the headless command line.

// On Windows a GUI program: started from the menu or a double-clicked file it opens no console
// window. The verbs still print when run from a terminal: see `attach_parent_console`.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        attach_parent_console();
    }
    jsog_renewal::cli::run()
}

/// Connects stdout and stderr to the console of the terminal (cmd, PowerShell) the program was
/// started from, if any; from Explorer or the Start menu there is none and nothing happens.
/// Standard handles that are already set (`> out.txt`, a pipe) are kept: `AttachConsole`
/// would replace them with the console.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_parent_console() {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_INPUT_HANDLE,
        STD_OUTPUT_HANDLE, SetStdHandle,
    };
    let kinds = [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
    // SAFETY: Win32 calls with constant arguments; the handles are only read and put back, never
    // used or closed here.
    unsafe {
        let before = kinds.map(|k| GetStdHandle(k));
        if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
            return;
        }
        for (kind, handle) in kinds.into_iter().zip(before) {
            if !handle.is_null() && handle != INVALID_HANDLE_VALUE {
                SetStdHandle(kind, handle);
            }
        }
    }
}
