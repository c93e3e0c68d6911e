//! The case list and the credits back out as CSV (UTF-8 with BOM, so that Excel opens it with
//! the right characters), with the same headers the importer reads: data never gets locked in.

use std::path::Path;

use crate::dates::format_slash;
use crate::model::{Application, Case, Credit, Mode};
use crate::store;

use super::ImportError;
use super::cases::{CASE_FIELDS, FORM_COLUMNS};
use super::credit_words::{category_label, item_label};
use super::credits::CREDIT_FIELDS;
use super::table::escape_formula;

const BOM: &str = "\u{feff}";

fn to_csv(header: Vec<&str>, rows: Vec<Vec<String>>) -> Result<Vec<u8>, ImportError> {
    write_rows(header, rows, b',', BOM.as_bytes().to_vec())
}

/// Rows for the clipboard: tab-separated, as spreadsheets paste them (a cell holding a tab,
/// a line break or a quote in quotes).
fn to_tsv(header: Vec<&str>, rows: Vec<Vec<String>>) -> Result<String, ImportError> {
    let bytes = write_rows(header, rows, b'\t', Vec::new())?;
    String::from_utf8(bytes).map_err(|e| ImportError::Write {
        message: e.to_string(),
    })
}

fn write_rows(
    header: Vec<&str>,
    rows: Vec<Vec<String>>,
    delimiter: u8,
    start: Vec<u8>,
) -> Result<Vec<u8>, ImportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .delimiter(delimiter)
        .from_writer(start);
    let csv_err = |e: csv::Error| ImportError::Write {
        message: e.to_string(),
    };
    writer.write_record(&header).map_err(csv_err)?;
    for row in rows {
        // Excel would run a cell starting with `=` as a formula: every cell goes out escaped.
        let row: Vec<String> = row.iter().map(|c| escape_formula(c)).collect();
        writer.write_record(&row).map_err(csv_err)?;
    }
    writer.into_inner().map_err(|e| ImportError::Write {
        message: e.to_string(),
    })
}

fn case_header() -> Vec<&'static str> {
    CASE_FIELDS
        .iter()
        .take(FORM_COLUMNS)
        .map(|f| f.label)
        .collect()
}

fn case_row(no: usize, c: &Case) -> Vec<String> {
    vec![
        no.to_string(),
        c.date.map(format_slash).unwrap_or_default(),
        c.age.map(|a| a.to_string()).unwrap_or_default(),
        c.sex.map(|s| s.label().to_string()).unwrap_or_default(),
        c.diagnosis.clone(),
        c.treatment.clone(),
        c.outcome.clone(),
        c.facility.clone(),
        c.role.clone(),
    ]
}

/// The cases as CSV bytes: `No.` then the 様式3 columns, in 様式3's order with its No.
pub fn cases_csv(app: &Application) -> Result<Vec<u8>, ImportError> {
    let order = app.case_order();
    let rows = order
        .printed()
        .iter()
        .filter_map(|&i| app.cases.get(i).map(|c| case_row(order.number(i), c)))
        .collect();
    to_csv(case_header(), rows)
}

/// Cases `indices` (in the order given) as tab-separated text with the form's headers, for
/// the clipboard: they paste into a spreadsheet, and back into the table.
pub fn cases_tsv(app: &Application, indices: &[usize]) -> Result<String, ImportError> {
    let order = app.case_order();
    let rows = indices
        .iter()
        .filter_map(|&i| app.cases.get(i).map(|c| case_row(order.number(i), c)))
        .collect();
    to_tsv(case_header(), rows)
}

fn credit_row(c: &Credit) -> Vec<String> {
    let yes_no = |b: bool| if b { "はい" } else { "いいえ" }.to_string();
    let minutes = match c.mode {
        Mode::Lectured { minutes } => minutes.to_string(),
        _ => String::new(),
    };
    vec![
        category_label(c.kind).to_string(),
        item_label(c.kind),
        c.date.map(format_slash).unwrap_or_default(),
        c.title.clone(),
        c.organiser.clone(),
        c.mode.label().to_string(),
        minutes,
        c.units.to_string(),
        yes_no(c.on_portal),
        yes_no(c.proof_enclosed),
        c.role.label().to_string(),
        c.note.clone(),
    ]
}

/// The credits as CSV bytes, in the columns of docs/import.md.
pub fn credits_csv(app: &Application) -> Result<Vec<u8>, ImportError> {
    let header = CREDIT_FIELDS.iter().map(|f| f.label).collect();
    to_csv(header, app.credits.iter().map(credit_row).collect())
}

/// Credits `indices` as tab-separated text with the list's headers, for the clipboard.
pub fn credits_tsv(app: &Application, indices: &[usize]) -> Result<String, ImportError> {
    let header = CREDIT_FIELDS.iter().map(|f| f.label).collect();
    let rows = indices
        .iter()
        .filter_map(|&i| app.credits.get(i).map(credit_row))
        .collect();
    to_tsv(header, rows)
}

/// Writes bytes atomically (through the store's atomic write).
pub fn write_csv(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    Ok(store::write_atomic(path, bytes)?)
}

/// Refuses an export target that would replace an application file (the input itself, through
/// any link, or any other) or that is a FIFO, a device or a folder.
pub fn check_output(input: &Path, out: &Path) -> Result<(), ImportError> {
    let Ok(meta) = std::fs::metadata(out) else {
        // Nothing there yet (or a dangling link, which the write resolves): a new file.
        return Ok(());
    };
    if !meta.is_file() {
        return Err(ImportError::OutputNotRegular {
            path: out.display().to_string(),
            what: store::kind_of(&meta),
        });
    }
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b || same_inode(&std::fs::metadata(&a).ok(), &meta),
        _ => false,
    };
    if same || store::looks_like_application(out) {
        return Err(ImportError::OutputIsApplication {
            path: out.display().to_string(),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &Option<std::fs::Metadata>, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.as_ref()
        .is_some_and(|a| a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_inode(_a: &Option<std::fs::Metadata>, _b: &std::fs::Metadata) -> bool {
    false
}
