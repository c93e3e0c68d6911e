//! A spreadsheet read as plain cells: CSV or TSV in UTF-8, UTF-16 or Shift_JIS (CP932), and
//! Excel workbooks (.xlsx, .xlsm, .xls, .ods) through calamine.
//!
//! Every row keeps the line number the user sees in their own program, so that a problem can be
//! named by it. Sizes are capped so that a wrong or hostile file is refused, never hangs.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

use crate::store;
use chrono::NaiveDate;
use encoding_rs::{SHIFT_JIS, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Files larger than this are refused (a case list of a few thousand rows is well under 1 MB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Rows beyond this are refused.
pub const MAX_ROWS: usize = 20_000;
/// Columns beyond this are refused.
pub const MAX_COLUMNS: usize = 200;
/// Characters in one cell beyond this are refused.
pub const MAX_CELL_CHARS: usize = 2_000;

/// One cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (trimmed).
    Text(String),
    /// A number (an Excel cell, never a CSV field).
    Number(f64),
    /// A cell Excel formatted as a date.
    Date(NaiveDate),
}

impl Cell {
    /// Whether the cell holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }

    /// The cell as text, as it would be shown.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => crate::dates::format_slash(*d),
        }
    }
}

/// A row of cells with the line (CSV) or row number (Excel) the user sees, 1-based.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line or row number in the source.
    pub line: usize,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `index`, or an empty one.
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// A whole sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Where it came from, for messages (file name and sheet).
    pub source: String,
    /// The workbook sheet it was read from (`None` for CSV).
    pub sheet: Option<String>,
    /// The rows, blank ones included.
    pub rows: Vec<Row>,
}

/// Text encodings recognised in CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without BOM.
    Utf8,
    /// UTF-16 with BOM (Excel's "Unicode text").
    Utf16,
    /// Shift_JIS / CP932 (what Japanese Excel writes by default).
    ShiftJis,
}

impl TextEncoding {
    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::ShiftJis => "Shift_JIS",
        }
    }
}

/// Decodes text whose encoding is not declared: BOM first, then UTF-8, then Shift_JIS (CP932).
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), TextEncoding::Utf8))
            .map_err(|_| ImportError::Encoding);
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            return if had_errors {
                Err(ImportError::Encoding)
            } else {
                Ok((text.into_owned(), TextEncoding::Utf16))
            };
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    // encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J (CP932) with NEC/IBM extensions.
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::Encoding);
    }
    Ok((text.into_owned(), TextEncoding::ShiftJis))
}

/// Tab when the first non-empty line has more tabs than commas, comma otherwise.
fn guess_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let tabs = first.matches('\t').count();
    let commas = first.matches(',').count();
    if tabs > commas { b'\t' } else { b',' }
}

/// Parses delimited text (comma or tab, guessed) into a table.
pub fn parse_delimited(text: &str, source: &str) -> Result<Table, ImportError> {
    parse_with(text, source, guess_delimiter(text))
}

/// Parses rows copied from a spreadsheet (Excel, LibreOffice, Google Sheets put them on the
/// clipboard tab-separated, a cell with a tab or line break in quotes).
pub fn parse_tab_separated(text: &str, source: &str) -> Result<Table, ImportError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::PasteTooLarge {
            size: text.len() as u64,
        });
    }
    parse_with(text, source, b'\t')
}

fn parse_with(text: &str, source: &str, delimiter: u8) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line_at, |p| to_usize(p.line()));
                return Err(ImportError::Csv {
                    line,
                    message: e.to_string(),
                });
            }
        }
        // The line the record starts on (a quoted field may span several lines), counted from
        // the bytes so that CR LF and lone LF endings count alike.
        let start = record
            .position()
            .map_or(counted_to, |p| to_usize(p.byte()))
            .clamp(counted_to, bytes.len());
        // The reader's position may still be on the previous record's line ending.
        let start = bytes[start..]
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .map_or(bytes.len(), |skip| start + skip);
        line_at += bytes[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        let line = line_at;
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                limit: MAX_COLUMNS,
            });
        }
        let mut cells = Vec::with_capacity(record.len());
        for (col, field) in record.iter().enumerate() {
            cells.push(text_cell(field, line, col)?);
        }
        rows.push(Row { line, cells });
    }
    Ok(Table {
        source: source.to_string(),
        sheet: None,
        rows,
    })
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn text_cell(field: &str, line: usize, col: usize) -> Result<Cell, ImportError> {
    if field.chars().count() > MAX_CELL_CHARS {
        return Err(ImportError::CellTooLong {
            line,
            column: column_name(col),
            limit: MAX_CELL_CHARS,
        });
    }
    let trimmed = unescape_formula(field).trim();
    Ok(if trimmed.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(trimmed.to_string())
    })
}

/// The characters that make a spreadsheet cell a formula (or, for tab and CR, shift it).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell bound for a spreadsheet, made safe: one that would start a formula gets a leading
/// `'`, so Excel shows it as text and never runs it.
pub fn escape_formula(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Undoes [`escape_formula`]: a `'` before a formula character is dropped again on import.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// `A`, `B`, … `Z`, `AA` … — the spreadsheet name of a 0-based column.
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Whether the file is a workbook (by its extension), rather than delimited text.
pub fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        ext.as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    )
}

/// Reads a file: a workbook's sheet (`sheet`, or the first) or a CSV/TSV file.
///
/// Only regular files are read (a FIFO or a device is refused before it is opened), and never
/// more than [`MAX_FILE_BYTES`] of them.
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let bytes = read_bounded(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    if is_workbook(path) {
        return read_workbook(bytes, sheet, &name);
    }
    let (text, _) = decode_text(&bytes)?;
    parse_delimited(&text, &name)
}

/// The bytes of a spreadsheet or pasted-table file, through the size limit.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    use crate::store::ReadLimitError;
    store::read_limited(path, MAX_FILE_BYTES)
        .map(|(bytes, _)| bytes)
        .map_err(|e| match e {
            ReadLimitError::Io(source) => ImportError::Io {
                path: path.display().to_string(),
                source,
            },
            ReadLimitError::NotRegular(what) => ImportError::NotRegular {
                path: path.display().to_string(),
                what,
            },
            ReadLimitError::TooLarge(size) => ImportError::TooLarge {
                path: path.display().to_string(),
                size,
            },
        })
}

/// The names of a workbook's sheets.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ImportError> {
    Ok(open_workbook(read_bounded(path)?)?.sheet_names())
}

/// The uncompressed size one part of a workbook (a sheet, the shared strings) may have: a
/// 20,000-row case list is a few MB. Checked by inflating before the workbook reader sees it,
/// so that a small file that expands to gigabytes is refused in a fraction of a second.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// The uncompressed size of all parts of a workbook together.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;
/// Non-empty cells of one sheet beyond this are refused.
pub const MAX_CELLS: usize = 1_000_000;

/// Refuses a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose parts expand beyond the limits,
/// measuring what they really inflate to rather than what the archive claims.
fn check_uncompressed(bytes: &[u8]) -> Result<(), ImportError> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let too_large = || ImportError::Excel {
        message: format!(
            "展開すると大きすぎます（1つの部分は{}MBまで、全体で{}MBまで）。表だけを新しいブックに写して保存し直してください",
            MAX_PART_BYTES / 1024 / 1024,
            MAX_UNCOMPRESSED_BYTES / 1024 / 1024
        ),
    };
    let bad = |e: zip::result::ZipError| ImportError::Excel {
        message: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(bad)?;
        if part.size() > MAX_PART_BYTES {
            return Err(too_large());
        }
        let inflated = std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink())
            .map_err(|e| ImportError::Excel {
                message: e.to_string(),
            })?;
        total = total.saturating_add(inflated);
        if inflated > MAX_PART_BYTES || total > MAX_UNCOMPRESSED_BYTES {
            return Err(too_large());
        }
    }
    Ok(())
}

type Book = calamine::Sheets<std::io::Cursor<Vec<u8>>>;

fn open_workbook(bytes: Vec<u8>) -> Result<Book, ImportError> {
    check_uncompressed(&bytes)?;
    calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        ImportError::Excel {
            message: e.to_string(),
        }
    })
}

/// A sheet's non-empty cells as (row, column, value), 0-based, read one at a time where the
/// format allows it so that the limits apply before anything the size of the sheet's extent is
/// built.
struct Cells {
    cells: Vec<(usize, usize, Data)>,
    min_row: usize,
    max_row: usize,
}

impl Cells {
    fn new() -> Cells {
        Cells {
            cells: Vec::new(),
            min_row: usize::MAX,
            max_row: 0,
        }
    }

    fn push(&mut self, (row, col): (u32, u32), data: Data) -> Result<(), ImportError> {
        if data == Data::Empty {
            return Ok(());
        }
        let row = usize::try_from(row).unwrap_or(usize::MAX);
        let col = usize::try_from(col).unwrap_or(usize::MAX);
        if col >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line: row.saturating_add(1),
                limit: MAX_COLUMNS,
            });
        }
        self.min_row = self.min_row.min(row);
        self.max_row = self.max_row.max(row);
        if self.max_row - self.min_row >= MAX_ROWS || self.cells.len() >= MAX_CELLS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        self.cells.push((row, col, data));
        Ok(())
    }
}

fn read_workbook(bytes: Vec<u8>, sheet: Option<&str>, name: &str) -> Result<Table, ImportError> {
    let excel = |message: String| ImportError::Excel { message };
    let mut book = open_workbook(bytes)?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                name: s.to_string(),
                available: names.join("、"),
            })?,
        None => names.first().cloned().ok_or(ImportError::Empty)?,
    };
    let mut cells = Cells::new();
    match &mut book {
        calamine::Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(&chosen)
                .map_err(|e| excel(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| excel(e.to_string()))? {
                let pos = cell.get_position();
                cells.push(pos, Data::from(cell.get_value().clone()))?;
            }
        }
        calamine::Sheets::Xlsb(x) => {
            let mut reader = x
                .worksheet_cells_reader(&chosen)
                .map_err(|e| excel(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| excel(e.to_string()))? {
                let pos = cell.get_position();
                cells.push(pos, Data::from(cell.get_value().clone()))?;
            }
        }
        // .xls and .ods have no streaming reader; their size is bounded by the file and
        // uncompressed limits above.
        other => {
            let range = other
                .worksheet_range(&chosen)
                .map_err(|e| excel(e.to_string()))?;
            for (row, col, data) in range.used_cells() {
                let pos = (
                    u32::try_from(row).unwrap_or(u32::MAX),
                    u32::try_from(col).unwrap_or(u32::MAX),
                );
                cells.push(pos, data.clone())?;
            }
        }
    }
    let table_rows = grid(cells)?;
    Ok(Table {
        source: format!("{name} [{chosen}]"),
        sheet: Some(chosen),
        rows: table_rows,
    })
}

/// Lays the cells out as rows from the first used row to the last, each as wide as the widest,
/// with leading empty columns kept so that column letters match the sheet's.
fn grid(cells: Cells) -> Result<Vec<Row>, ImportError> {
    if cells.cells.is_empty() {
        return Ok(Vec::new());
    }
    let width = cells.cells.iter().map(|c| c.1 + 1).max().unwrap_or(0);
    let height = cells.max_row - cells.min_row + 1;
    let mut rows: Vec<Row> = (0..height)
        .map(|i| Row {
            line: cells.min_row + i + 1,
            cells: vec![Cell::Empty; width],
        })
        .collect();
    for (row, col, data) in cells.cells {
        let line = row + 1;
        let cell = data_cell(&data, line, col)?;
        if let Some(slot) = rows
            .get_mut(row - cells.min_row)
            .and_then(|r| r.cells.get_mut(col))
        {
            *slot = cell;
        }
    }
    Ok(rows)
}

fn data_cell(data: &Data, line: usize, col: usize) -> Result<Cell, ImportError> {
    Ok(match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            // to_ymd_hms_milli knows both the 1900 and the 1904 date systems.
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s, line, col)?,
        Data::Error(e) => Cell::Text(format!("#{e}")),
    })
}

/// An Excel date serial (1900 date system, as Windows Excel writes) as a date; `None` outside
/// 1900-03-01 … 9999-12-31. The time of day, if any, is dropped.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Excel counts 1900-02-29, which never was; from serial 61 (1900-03-01) on this base is exact.
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_match_excel() {
        assert_eq!(
            excel_serial_date(45017.0),
            NaiveDate::from_ymd_opt(2023, 4, 1)
        );
        assert_eq!(
            excel_serial_date(43586.75),
            NaiveDate::from_ymd_opt(2019, 5, 1)
        );
        assert_eq!(excel_serial_date(-1.0), None);
        assert_eq!(excel_serial_date(f64::NAN), None);
    }

    #[test]
    fn column_names_go_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }

    #[test]
    fn shift_jis_is_detected() {
        let (bytes, _, _) = SHIFT_JIS.encode("診察日,年齢\n");
        let (text, enc) = decode_text(&bytes).expect("decodes");
        assert_eq!(text, "診察日,年齢\n");
        assert_eq!(enc, TextEncoding::ShiftJis);
    }
}
