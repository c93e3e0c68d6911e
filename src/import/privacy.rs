//! Columns that identify a patient (an electronic chart's 患者ID, 患者氏名, 生年月日 …). Their
//! values are blanked in the table the moment its header is found, before any row is parsed,
//! so that no value of theirs can reach the application, a PDF, a message or a log; only the
//! headers are kept, to tell the user what was left out.

use super::columns::{ColumnMapping, normalise_header};
use super::table::{Cell, Table};

/// Headers that are a patient's identity, compared whole (after [`normalise_header`]).
pub const IDENTIFYING_HEADERS: &[&str] = &[
    "ID",
    "患者ID",
    "患者番号",
    "患者No",
    "患者コード",
    "カルテ番号",
    "カルテNo",
    "カルテID",
    "診察券番号",
    "氏名",
    "患者氏名",
    "患者名",
    "名前",
    "姓名",
    "カナ",
    "カナ氏名",
    "氏名カナ",
    "フリガナ",
    "ふりがな",
    "生年月日",
    "誕生日",
    "住所",
    "電話",
    "電話番号",
    "携帯電話",
    "連絡先",
    "郵便番号",
    "メール",
    "メールアドレス",
    "保険者番号",
    "被保険者番号",
    "保険証番号",
    "マイナンバー",
];

/// Parts of a header that make it identifying wherever they stand (「患者氏名（漢字）」,
/// 「自宅住所」), unless the column is one the importer reads (「担当医氏名」).
pub const IDENTIFYING_PARTS: &[&str] = &[
    "患者id",
    "氏名",
    "カルテ",
    "診察券",
    "生年月日",
    "住所",
    "電話",
    "フリガナ",
    "ふりがな",
    "カナ",
    "保険証",
    "被保険者",
    "マイナンバー",
];

/// Headers of a birth date, from which the age at the visit can be computed.
pub const BIRTH_HEADERS: &[&str] = &["生年月日", "誕生日"];

/// Whether a header names an identifying column.
pub fn is_identifying(header: &str) -> bool {
    let key = normalise_header(header);
    !key.is_empty()
        && (IDENTIFYING_HEADERS
            .iter()
            .any(|h| normalise_header(h) == key)
            || IDENTIFYING_PARTS.iter().any(|p| key.contains(p)))
}

/// Whether a header names a birth date.
pub fn is_birth_date(header: &str) -> bool {
    let key = normalise_header(header);
    BIRTH_HEADERS.iter().any(|h| key.contains(h))
}

/// The identifying columns of `table`'s header row that no field reads: (column, header).
pub fn identifying_columns(
    table: &Table,
    header_index: Option<usize>,
    mapping: &ColumnMapping,
) -> Vec<(usize, String)> {
    let Some(header) = header_index.and_then(|i| table.rows.get(i)) else {
        return Vec::new();
    };
    let read: Vec<usize> = mapping.columns.iter().flatten().copied().collect();
    header
        .cells
        .iter()
        .enumerate()
        .filter(|(col, _)| !read.contains(col))
        .map(|(col, cell)| (col, cell.text()))
        .filter(|(_, text)| is_identifying(text))
        .collect()
}

/// Blanks every cell of `columns` below the header (the header keeps its title).
pub fn blank_columns(table: &mut Table, header_index: Option<usize>, columns: &[usize]) {
    let start = header_index.map_or(0, |i| i + 1);
    for row in table.rows.iter_mut().skip(start) {
        for &col in columns {
            if let Some(cell) = row.cells.get_mut(col) {
                *cell = Cell::Empty;
            }
        }
    }
}

/// The summary line naming the columns left out: 「患者を特定できる列（患者ID・患者氏名・生年月日）
/// は取り込みませんでした」.
pub fn left_out_text(who: &str, headers: &[String]) -> String {
    format!(
        "{who}を特定できる列（{}）は取り込みませんでした",
        headers.join("・")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_headers_are_identifying() {
        for h in [
            "患者ID",
            "患者氏名",
            "生年月日",
            "カルテ番号",
            "ID",
            "氏名（カナ）",
            "自宅住所",
            "電話番号",
        ] {
            assert!(is_identifying(h), "{h}");
        }
        for h in ["受診日", "年齢", "病名", "医療機関名", "担当医", "転帰"] {
            assert!(!is_identifying(h), "{h}");
        }
    }
}
