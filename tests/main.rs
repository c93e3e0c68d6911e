//! The integration tests, as one test binary: each module below is one area of the product.
//! One binary means one link of the whole app (eframe included) instead of one per area.
//!
//! Built on Linux only (the hosted Windows and macOS runs name them in their log): `pdf`,
//! `form_rows`, `form_layout` and `period`, which read the PDFs back with poppler-utils, MuPDF and qpdf; `snapshots`, whose
//! images are those of the Linux renderer; `crash` and `umask` (Unix signals and modes). Keep the list in
//! .github/workflows/packages.yml in step.

mod common;

mod activity_periods;
mod architecture;
mod cli;
mod conflict;
#[cfg(unix)]
mod crash;
mod cycles;
mod findings;
#[cfg(target_os = "linux")]
mod form_layout;
#[cfg(target_os = "linux")]
mod form_rows;
mod hostile;
mod hostile_props;
mod import;
mod keys;
#[cfg(target_os = "linux")]
mod letters;
mod notices;
mod paste;
#[cfg(target_os = "linux")]
mod pdf;
#[cfg(target_os = "linux")]
mod period;
mod privacy;
mod properties;
mod real_lists;
mod rules;
#[cfg(target_os = "linux")]
mod snapshots;
mod store;
mod system_errors;
mod ui;
#[cfg(unix)]
mod umask;
mod workspace;
