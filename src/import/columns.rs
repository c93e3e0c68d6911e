//! Finding columns by their header names, tolerant of spacing, width, brackets and punctuation,
//! and the mapping the user can correct by hand when a header is not recognised.

use super::table::{Row, Table, column_name};

/// A column the importer looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The header as the form prints it (shown to the user).
    pub label: &'static str,
    /// Other headers people use for it (compared after [`normalise_header`]).
    pub aliases: &'static [&'static str],
    /// Whether rows cannot be imported without it.
    pub required: bool,
    /// A running number (`No.`): a row holding only it is blank, not data.
    pub numbering: bool,
}

/// Header text reduced to what identifies it: ASCII width, no spaces or punctuation, no
/// bracketed remark (`診察日（年/月/日）` → `診察日`), lower case.
pub fn normalise_header(text: &str) -> String {
    let folded = crate::dates::fold_width(text);
    let mut out = String::new();
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '＜' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '＞' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '・' | '･' | '/' | '.' | '_' | '-' | ':' | '：' | '、' | ',' | '*' | '※' => {}
            _ if c.is_whitespace() => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Which column (0-based) holds each field, in the order of the field list; `None` = not in
/// the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMapping {
    /// Per field, the column index.
    pub columns: Vec<Option<usize>>,
}

impl ColumnMapping {
    /// The column of field `field`.
    pub fn get(&self, field: usize) -> Option<usize> {
        self.columns.get(field).copied().flatten()
    }

    /// Sets or clears the column of field `field`.
    pub fn set(&mut self, field: usize, column: Option<usize>) {
        if let Some(slot) = self.columns.get_mut(field) {
            *slot = column;
        }
    }

    /// Labels of required fields without a column.
    pub fn missing(&self, fields: &[FieldSpec]) -> Vec<&'static str> {
        fields
            .iter()
            .enumerate()
            .filter(|(i, f)| f.required && self.get(*i).is_none())
            .map(|(_, f)| f.label)
            .collect()
    }
}

/// The fields a header names, in field order (exact label or alias).
fn matching_fields<'f>(text: &str, fields: &'f [FieldSpec]) -> impl Iterator<Item = usize> + 'f {
    let key = normalise_header(text);
    fields.iter().enumerate().filter_map(move |(i, f)| {
        let named = !key.is_empty()
            && (normalise_header(f.label) == key
                || f.aliases.iter().any(|a| normalise_header(a) == key));
        named.then_some(i)
    })
}

/// Maps one header row: each field to the first column whose header names it. A header naming
/// a field already taken goes to the next field it names (a sheet with separate 担当医 and 指導医
/// columns fills both 担当医/指導医 and its second column).
pub fn map_row(row: &Row, fields: &[FieldSpec]) -> ColumnMapping {
    let mut mapping = ColumnMapping {
        columns: vec![None; fields.len()],
    };
    for (col, cell) in row.cells.iter().enumerate() {
        let text = cell.text();
        if let Some(field) = matching_fields(&text, fields).find(|&f| mapping.get(f).is_none()) {
            mapping.set(field, Some(col));
        }
    }
    mapping
}

/// How many rows at the top may hold titles or notes before the header.
const HEADER_SEARCH_ROWS: usize = 20;
/// Cells a row must name to be taken as the header.
const MIN_HEADER_FIELDS: usize = 2;

/// Finds the header row (the one among the first rows naming the most fields) and its mapping.
/// With no recognisable header at all, the first non-blank row is taken with an empty mapping,
/// for the user to map by hand.
pub fn find_header(table: &Table, fields: &[FieldSpec]) -> Option<(usize, ColumnMapping)> {
    let mut best: Option<(usize, ColumnMapping, usize)> = None;
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mapping = map_row(row, fields);
        let found = mapping.columns.iter().flatten().count();
        // One matching cell is no header: a data row may hold a word such as 担当医.
        if found >= MIN_HEADER_FIELDS && found > best.as_ref().map_or(0, |b| b.2) {
            best = Some((i, mapping, found));
        }
    }
    if let Some((i, mapping, _)) = best {
        return Some((i, mapping));
    }
    let first = table.rows.iter().position(|r| !r.is_blank())?;
    Some((
        first,
        ColumnMapping {
            columns: vec![None; fields.len()],
        },
    ))
}

/// The message for a sheet whose header does not name every required column: which columns
/// were looked for (with other headers accepted for them) and where, and what the header held.
/// `header_line` is the line of the best-matching row, when any of its cells named a field.
pub fn header_not_found(
    source: &str,
    fields: &[FieldSpec],
    mapping: &ColumnMapping,
    header_line: Option<usize>,
    titles: &[String],
) -> String {
    let looked_for: Vec<String> = fields
        .iter()
        .enumerate()
        .filter(|(i, f)| f.required && mapping.get(*i).is_none())
        .map(|(_, f)| {
            let others: Vec<&str> = f.aliases.iter().copied().take(4).collect();
            if others.is_empty() {
                format!("「{}」", f.label)
            } else {
                format!("「{}」（または {}）", f.label, others.join("・"))
            }
        })
        .collect();
    let looked_for = looked_for.join("、");
    let held = if titles.is_empty() {
        "（空）".to_string()
    } else {
        titles.join(" | ")
    };
    let found_any = mapping.columns.iter().any(Option::is_some);
    match header_line {
        Some(line) if found_any => format!(
            "{source}: 見出し（{line}行目）に必要な列が見つかりません: {looked_for}。見出し: {held}"
        ),
        _ => format!(
            "{source}: 見出しの行が見つかりません。先頭{HEADER_SEARCH_ROWS}行から次の列の見出しを探しました: {looked_for}。最初の行: {held}"
        ),
    }
}

/// The header row's cells as shown in the mapping pick-lists: `A: 診察日`.
pub fn column_titles(header: Option<&Row>, width: usize) -> Vec<String> {
    (0..width)
        .map(|col| {
            let text = header.map(|r| r.cell(col).text()).unwrap_or_default();
            if text.is_empty() {
                format!("{}列", column_name(col))
            } else {
                format!("{}: {text}", column_name(col))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_fold_width_space_and_brackets() {
        assert_eq!(normalise_header(" 診察日（年/月/日） "), "診察日");
        assert_eq!(normalise_header("検査･処置･投薬等"), "検査処置投薬等");
        assert_eq!(normalise_header("Ｎｏ．"), "no");
        assert_eq!(normalise_header("担当医／指導医"), "担当医指導医");
    }
}
