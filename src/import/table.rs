//! A spreadsheet read as plain cells: CSV or TSV in UTF-8, UTF-16 or Shift_JIS (CP932), and
//! Excel workbooks (.xlsx, .xlsm, .xls, .ods) through calamine.
//!
//! Every row keeps the line number the user sees in their own program, so that a problem can be
//! named by it. Sizes are capped so that a wrong or hostile file is refused, never hangs.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(text))
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
    let trimmed = field.trim();
    Ok(if trimmed.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(trimmed.to_string())
    })
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
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let io = |source| ImportError::Io {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.display().to_string(),
            size,
        });
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    if is_workbook(path) {
        return read_workbook(path, sheet, &name);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    let (text, _) = decode_text(&bytes)?;
    parse_delimited(&text, &name)
}

/// The names of a workbook's sheets.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ImportError> {
    let book = calamine::open_workbook_auto(path).map_err(|e| ImportError::Excel {
        message: e.to_string(),
    })?;
    Ok(book.sheet_names())
}

fn read_workbook(path: &Path, sheet: Option<&str>, name: &str) -> Result<Table, ImportError> {
    let excel = |e: calamine::Error| ImportError::Excel {
        message: e.to_string(),
    };
    let mut book = calamine::open_workbook_auto(path).map_err(excel)?;
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
    let range = book.worksheet_range(&chosen).map_err(excel)?;
    let (height, width) = range.get_size();
    if height > MAX_ROWS {
        return Err(ImportError::TooManyRows { limit: MAX_ROWS });
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let first_row = usize::try_from(first_row).unwrap_or(0);
    let first_col = usize::try_from(first_col).unwrap_or(0);
    if width + first_col > MAX_COLUMNS {
        return Err(ImportError::TooManyColumns {
            line: first_row + 1,
            limit: MAX_COLUMNS,
        });
    }
    let mut rows = Vec::with_capacity(height);
    for (i, data_row) in range.rows().enumerate() {
        let line = first_row + i + 1;
        // Leading empty columns are kept so that column letters match the sheet's.
        let mut cells = vec![Cell::Empty; first_col];
        for (j, data) in data_row.iter().enumerate() {
            cells.push(data_cell(data, line, first_col + j)?);
        }
        rows.push(Row { line, cells });
    }
    Ok(Table {
        source: format!("{name} [{chosen}]"),
        sheet: Some(chosen),
        rows,
    })
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
