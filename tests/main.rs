//! The integration tests, as one test binary: each module below is one area of the product.
//! One binary means one link of the whole app (eframe included) instead of one per area.

mod common;

mod architecture;
mod cli;
mod conflict;
#[cfg(unix)]
mod crash;
mod cycles;
mod form_rows;
mod hostile;
mod hostile_props;
mod import;
mod pdf;
mod privacy;
mod properties;
mod rules;
mod snapshots;
mod store;
mod ui;
mod workspace;
