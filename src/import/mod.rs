//! Spreadsheets in and out: cases and credits from CSV (UTF-8, UTF-16 or Shift_JIS, comma or
//! tab) and Excel, the portal's 単位情報 table pasted from a browser, and CSV export back.
//!
//! The flow is always: read a [`Table`] → build a [`Preview`] (header found by name, every row
//! parsed, bad rows with their line and reason) → the user decides → [`Preview::apply`], all or
//! nothing unless the good rows alone are chosen. See docs/import.md for the accepted columns.

mod cases;
mod columns;
pub mod credit_words;
mod credits;
mod export;
mod portal;
mod preview;
pub mod privacy;
pub mod reference;
mod summary;
mod table;
mod values;

use std::path::Path;

use thiserror::Error;

use crate::model::{Application, Case, Credit};
use crate::rules::RuleSet;

pub use cases::{CASE_FIELDS, CaseChoices};
pub use columns::{ColumnMapping, FieldSpec, normalise_header};
pub use credits::{CREDIT_FIELDS, CreditChoices, E_LEARNING_TITLE_WORDS, MODE_WORDS};
pub use export::{cases_csv, cases_tsv, check_output, credits_csv, credits_tsv, write_csv};
pub use portal::{
    PORTAL_NOTE, PortalColumn, PortalTotals, apply_portal_totals, looks_like_portal,
    parse_portal_totals, portal_overlap, portal_overlap_warning, read_portal_totals,
    totals_to_credits,
};
pub use preview::{
    Context, Derived, ImportOptions, ImportOutcome, Importable, Preview, PreviewRow, SetAside,
};
pub use summary::ColumnSummary;
pub use table::{
    Cell, FORMULA_STARTS, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PART_BYTES,
    MAX_ROWS, MAX_UNCOMPRESSED_BYTES, Row, Table, TextEncoding, column_name, decode_text,
    escape_formula, excel_serial_date, is_workbook, parse_delimited, parse_tab_separated,
    read_bounded, read_file, sheet_names, unescape_formula,
};
pub use values::CellError;

/// The preview of a case import (様式3 rows).
pub type CaseImport = Preview<Case>;
/// The preview of a credit import.
pub type CreditImport = Preview<Credit>;

/// Why a spreadsheet could not be read or imported. Messages are for the user, in Japanese, and
/// name the line where there is one.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error(
        "{}",
        crate::oserror::say(crate::oserror::Action::Read, std::path::Path::new(path), source)
    )]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Not a regular file (a FIFO, a device, a folder).
    #[error(
        "{path} は通常のファイルではありません（{what}）。CSV または Excel のファイルを指定してください"
    )]
    NotRegular {
        /// The path.
        path: String,
        /// What it is.
        what: &'static str,
    },
    /// The file is too large to be a case or credit list.
    #[error(
        "ファイル {path} は大きすぎます（{size}バイト、上限{}バイト）",
        MAX_FILE_BYTES
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
    /// Too many rows.
    #[error("行数が多すぎます（上限{limit}行）。ファイルを分けて取り込んでください")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// Too many columns.
    #[error("{line}行目の列が多すぎます（上限{limit}列）")]
    TooManyColumns {
        /// The line.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// A cell is too long.
    #[error("{line}行目 {column}列のセルが長すぎます（上限{limit}文字）")]
    CellTooLong {
        /// The line.
        line: usize,
        /// Column letter.
        column: String,
        /// The limit.
        limit: usize,
    },
    /// Neither UTF-8 nor Shift_JIS.
    #[error(
        "文字コードを判別できません。CSV は UTF-8 または Shift_JIS（Excel の「CSV（コンマ区切り）」）で保存してください"
    )]
    Encoding,
    /// The CSV structure is broken (e.g. an unclosed quote).
    #[error("{line}行目を CSV として読めません: {message}")]
    Csv {
        /// The line.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// The workbook could not be opened.
    #[error("Excel ファイルを読めません: {message}")]
    Excel {
        /// calamine's message.
        message: String,
    },
    /// The named sheet does not exist.
    #[error("シート「{name}」がありません（あるシート: {available}）")]
    NoSheet {
        /// The sheet asked for.
        name: String,
        /// The sheets there are.
        available: String,
    },
    /// Nothing to read.
    #[error("表が空です")]
    Empty,
    /// Required columns could not be found by their headers.
    #[error(
        "見出し（{line}行目）に必要な列が見つかりません: {missing}。列を手で割り当ててください"
    )]
    MissingColumns {
        /// The header's line.
        line: usize,
        /// Their labels.
        missing: String,
    },
    /// The header does not name every required column (the message says which, and where).
    #[error("{0}")]
    HeaderNotFound(String),
    /// Some rows are bad and the user has not chosen to skip them.
    #[error(
        "誤りのある行が{count}行あるため、何も取り込みませんでした（{lines}行目）。直すか、正しい行だけを取り込むことを選んでください"
    )]
    BadRows {
        /// How many.
        count: usize,
        /// Their line numbers.
        lines: String,
    },
    /// No row to import.
    #[error("{source_name} に取り込める行がありません")]
    NoRows {
        /// The file and sheet.
        source_name: String,
    },
    /// A paste larger than a file may be.
    #[error(
        "貼り付けた内容が大きすぎます（{size}バイト、上限{}バイト）。ファイルに保存して取り込んでください",
        MAX_FILE_BYTES
    )]
    PasteTooLarge {
        /// Its size.
        size: u64,
    },
    /// A paste that is no table (no tab between cells).
    #[error(
        "貼り付けた内容は表ではありません（セルを区切るタブがありません）。Excel などで行を選んでコピーしてください"
    )]
    PasteNotATable,
    /// The portal's table could not be read.
    #[error("単位情報の表を読めません: {0}")]
    Portal(String),
    /// An export's target is a FIFO, a device or a folder.
    #[error(
        "{path} は通常のファイルではありません（{what}）。書き出し先には新しいファイル名を指定してください"
    )]
    OutputNotRegular {
        /// The target.
        path: String,
        /// What it is.
        what: &'static str,
    },
    /// An export's target is an application file (the input itself, through any link, or
    /// another one): writing would lose an application.
    #[error(
        "{path} は申請ファイルです。上書きすると申請が失われるため、書き出しませんでした。別のファイル名（例: 症例.csv）を指定してください"
    )]
    OutputIsApplication {
        /// The target.
        path: String,
    },
    /// Writing an exported file failed (the store says which file and why).
    #[error(transparent)]
    Save(#[from] crate::store::StoreError),
    /// The list could not be made into CSV.
    #[error("書き出せません: {message}")]
    Write {
        /// What went wrong.
        message: String,
    },
}

/// Reads `sheet` of a workbook, or, when none is named, the sheet whose header names the most
/// of `T`'s columns (a workbook often starts with a sheet of notes); CSV files as they are.
pub fn read_for<T: Importable>(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    if sheet.is_some() || !is_workbook(path) {
        return read_file(path, sheet);
    }
    let names = sheet_names(path)?;
    if names.len() <= 1 {
        return read_file(path, None);
    }
    let mut best: Option<(usize, Table)> = None;
    for name in &names {
        let table = read_file(path, Some(name))?;
        let score = columns::find_header(&table, T::fields())
            .map_or(0, |(_, m)| m.columns.iter().flatten().count());
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, table));
        }
    }
    best.map(|(_, t)| t).ok_or(ImportError::Empty)
}

/// Reads a spreadsheet file and previews it as cases for `app`.
pub fn preview_cases(
    path: &Path,
    sheet: Option<&str>,
    app: &Application,
    rules: Option<&RuleSet>,
) -> Result<CaseImport, ImportError> {
    let table = read_for::<Case>(path, sheet)?;
    Ok(Preview::new(table, &Context { app, rules }))
}

/// Reads a spreadsheet file and previews it as credits for `app`.
pub fn preview_credits(
    path: &Path,
    sheet: Option<&str>,
    app: &Application,
    rules: Option<&RuleSet>,
) -> Result<CreditImport, ImportError> {
    let table = read_for::<Credit>(path, sheet)?;
    Ok(Preview::new(table, &Context { app, rules }))
}

/// Where rows pasted from a spreadsheet come from, in messages.
pub const PASTE_SOURCE: &str = "貼り付けた表";

/// Whether clipboard text is rows of a table (cells separated by tabs, or several lines) rather
/// than text for one cell.
pub fn looks_like_rows(text: &str) -> bool {
    text.contains('\t') || text.trim_end_matches(['\r', '\n']).contains('\n')
}

/// Rows pasted from a spreadsheet, read as a file import reads them: by their header when the
/// block has one, otherwise in the columns of the form (様式3 with or without its No., the
/// credit list's columns), whichever reads more rows.
pub fn preview_paste<T: Importable>(
    text: &str,
    ctx: &Context<'_>,
) -> Result<Preview<T>, ImportError> {
    if !text.contains('\t') {
        return Err(ImportError::PasteNotATable);
    }
    let table = parse_tab_separated(text, PASTE_SOURCE)?;
    if table.rows.iter().all(Row::is_blank) {
        return Err(ImportError::Empty);
    }
    let with_header = Preview::<T>::new(table.clone(), ctx);
    if with_header.mapping.columns.iter().flatten().count() >= 2 {
        return Ok(with_header);
    }
    let best = T::paste_orders()
        .iter()
        .map(|order| {
            let mut mapping = ColumnMapping {
                columns: vec![None; T::fields().len()],
            };
            for (col, &field) in order.iter().enumerate() {
                mapping.set(field, Some(col));
            }
            Preview::with_header(table.clone(), None, mapping, ctx)
        })
        .max_by_key(|p| (p.good_count(), std::cmp::Reverse(p.bad_rows().count())));
    Ok(best.unwrap_or(with_header))
}
