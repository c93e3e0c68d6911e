//! Standard output that a closed pipe does not turn into a panic.
//!
//! `println!` panics when the reader of a pipe (`| head -1`) has quit. The verbs print through
//! [`say!`] and [`say_part!`] instead: once standard output is gone the rest is dropped, and the
//! command goes on with its work (saving, exporting) and exits as it would have.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output is gone.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes a line to standard output like `println!`, quietly once the pipe has closed.
macro_rules! say {
    () => { $crate::cli::say::say_fmt(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::say::say_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like [`say!`] without the line end (`print!`).
macro_rules! say_part {
    ($($arg:tt)*) => { $crate::cli::say::say_fmt(format_args!($($arg)*)) };
}

/// The writer behind [`say!`]: output after the pipe closed is dropped.
pub(crate) fn say_fmt(args: fmt::Arguments<'_>) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    if out.write_fmt(args).and_then(|()| out.flush()).is_err() {
        // Broken pipe or any other failure of standard output: nobody reads it any more.
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}
