//! The preview of an import: every row parsed, the bad ones with their reasons, notes such as
//! "outside the activity period" or "duplicate", and the all-or-nothing apply step.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::NaiveDate;

use crate::dates::{fold_width, format_kanji};
use crate::model::Application;
use crate::rules::{ActivityPeriod, RuleSet};

use super::ImportError;
use super::columns::{ColumnMapping, FieldSpec, column_titles, find_header};
use super::privacy;
use super::summary::ColumnSummary;
use super::table::{Row, Table};
use super::values::CellError;

/// What the row parsers may consult: the application being imported into and its rules.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The application the rows will be added to (for duplicates).
    pub app: &'a Application,
    /// Its rule set, when known (for the activity period).
    pub rules: Option<&'a RuleSet>,
}

/// Something a spreadsheet row can become.
pub trait Importable: Sized + Clone {
    /// The columns looked for, in mapping order.
    fn fields() -> &'static [FieldSpec];
    /// What the user decides in the preview beyond the column mapping (the kind of a row whose
    /// category is open, the sex of a list without that column).
    type Choices: Default + Clone + PartialEq + std::fmt::Debug;
    /// Parses one row; `Err` lists every problem of the row (without the line number).
    fn parse_row(
        row: &Row,
        mapping: &ColumnMapping,
        choices: &Self::Choices,
    ) -> Result<Self, Vec<CellError>>;
    /// Adds notes (period, duplicates) to parsed rows; `duplicate` is set on duplicates.
    fn annotate(rows: &mut [PreviewRow<Self>], ctx: &Context<'_>);
    /// Appends the accepted items to the application.
    fn add_to(items: Vec<Self>, app: &mut Application);
    /// Puts the application's items of this kind in date order after an import that asked
    /// for it ([`ImportOptions::sort_by_date`]); kinds without a printed order leave it as is.
    fn sort_by_date(_app: &mut Application) {}
    /// One line saying what the row became, for the preview.
    fn summary(&self) -> String;
    /// Per column, how the good rows' values were read (shown before importing). Columns that
    /// need no explanation are left out.
    fn reading_summary(preview: &Preview<Self>) -> Vec<ColumnSummary> {
        let _ = preview;
        Vec::new()
    }
    /// The field orders a block pasted without a header is tried in (column 0 first).
    fn paste_orders() -> &'static [&'static [usize]];
    /// Inserts the accepted items at `at` (rows pasted at the selection).
    fn insert_into(items: Vec<Self>, app: &mut Application, at: usize);
    /// Whose identity the columns left out would tell (患者, or 個人 for a credit list).
    const WHO: &'static str = "個人";
    /// Makes a column the list lacks from one it has but may not keep (the age at the visit
    /// from a birth date in column `birth`), before that one is blanked.
    fn derive(
        table: &mut Table,
        header_index: Option<usize>,
        mapping: &mut ColumnMapping,
        birth: Option<usize>,
    ) -> Option<Derived> {
        let _ = (table, header_index, mapping, birth);
        None
    }
    /// What the user should know of how the rows will be read, beyond each column's summary
    /// (「性別の列がないため…」).
    fn notices(preview: &Preview<Self>) -> Vec<String> {
        let _ = preview;
        Vec::new()
    }
}

/// A column the importer made from another (the age from a birth date), and the rows where it
/// could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The field it fills.
    pub field: usize,
    /// Its column (after the table's own).
    pub column: usize,
    /// Why a row's value could not be made, by line.
    pub problems: std::collections::BTreeMap<usize, CellError>,
    /// The summary line saying what was made.
    pub notice: String,
}

/// One data row of the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow<T> {
    /// Line (CSV) or row number (Excel), 1-based.
    pub line: usize,
    /// The parsed value; `None` for a bad row.
    pub value: Option<T>,
    /// Why the row is bad (empty when it is good).
    pub problems: Vec<CellError>,
    /// Things worth knowing about a good row (outside the activity period, duplicate …).
    pub notes: Vec<String>,
    /// The row repeats one earlier in the file or already in the application.
    pub duplicate: bool,
}

impl<T> PreviewRow<T> {
    /// Whether the row cannot be imported.
    pub fn is_bad(&self) -> bool {
        self.value.is_none()
    }

    /// `12行目: 診察日「2023/2/30」を…; 年齢…`
    pub fn problem_text(&self) -> String {
        let reasons: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        format!("{}行目: {}", self.line, reasons.join("／"))
    }
}

/// A row that is not data but the sheet's own footer (合計, 小計, 以下余白 …): left out of the
/// import and named, instead of being refused as a bad row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Line (CSV) or row number (Excel), 1-based.
    pub line: usize,
    /// The row's first filled cell, as written.
    pub text: String,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}行目「{}」は合計などの行として取り込みません",
            self.line, self.text
        )
    }
}

/// Words that open a footer row of a hand-kept list. `計` and the like count only alone or
/// followed by a number (`計 104件`), so that a diagnosis such as 計画分娩 is never taken for one.
const FOOTER_WORDS: [&str; 7] = ["合計", "総計", "小計", "計", "総数", "件数", "以上"];
/// Footer lines that are whole in themselves.
const FOOTER_LINES: [&str; 2] = ["以下余白", "以上"];

/// Whether `row` is a footer: its first filled cell opens with a footer word.
fn footer_text(row: &Row) -> Option<String> {
    let first = row.cells.iter().find(|c| !c.is_blank())?.text();
    let key: String = fold_width(&first)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let opens = |word: &str| {
        key.strip_prefix(word).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(|c: char| {
                    c.is_ascii_digit() || matches!(c, ':' | '：' | '(' | '（')
                })
        })
    };
    (FOOTER_LINES.contains(&key.as_str()) || FOOTER_WORDS.iter().any(|w| opens(w))).then_some(first)
}

/// What to do with bad and duplicate rows, and whether to sort afterwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Import the good rows even though some are bad (正しい行だけ取り込む).
    pub skip_bad: bool,
    /// Leave out rows flagged as duplicates.
    pub skip_duplicates: bool,
    /// Insert the rows at this index of the application's list (a paste at the selection)
    /// instead of appending them.
    pub insert_at: Option<usize>,
    /// After adding the cases, put each facility's cases in date order
    /// ([`Application::sort_cases_by_date`]), so that 様式3's No. follow the dates rather than
    /// "typed first, imported after". Credits have no printed order and ignore it.
    pub sort_by_date: bool,
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Rows added to the application.
    pub added: usize,
    /// Bad rows left out.
    pub skipped_bad: usize,
    /// Duplicate rows left out.
    pub skipped_duplicates: usize,
}

/// A sheet read and parsed, ready to show and, once the user agrees, to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview<T: Importable> {
    /// The sheet as read.
    pub table: Table,
    /// Index (into `table.rows`) of the header row, if any.
    pub header_index: Option<usize>,
    /// Which column holds each field.
    pub mapping: ColumnMapping,
    /// Every non-blank data row, in file order.
    pub rows: Vec<PreviewRow<T>>,
    /// Footer rows (合計 …) left out, in file order.
    pub set_aside: Vec<SetAside>,
    /// Per column, how the good rows' values were read (kept with the rows it describes).
    reading: Vec<ColumnSummary>,
    /// What the user chose beyond the mapping (see [`Importable::Choices`]).
    pub choices: T::Choices,
    /// The headers of the columns left out because they identify a person; their cells were
    /// blanked when the table was read.
    pub left_out: Vec<String>,
    /// A column made from another before it was blanked.
    derived: Option<Derived>,
    /// The summary lines: what was left out, made or assumed.
    notices: Vec<String>,
}

impl<T: Importable> Preview<T> {
    /// Parses `table`, finding the header by its names.
    pub fn new(table: Table, ctx: &Context<'_>) -> Self {
        let (header_index, mapping) = match find_header(&table, T::fields()) {
            Some((i, m)) => (Some(i), m),
            None => (
                None,
                ColumnMapping {
                    columns: vec![None; T::fields().len()],
                },
            ),
        };
        Self::with_header(table, header_index, mapping, ctx)
    }

    /// Parses `table` with the header (if any) and mapping given.
    pub fn with_header(
        table: Table,
        header_index: Option<usize>,
        mut mapping: ColumnMapping,
        ctx: &Context<'_>,
    ) -> Self {
        let mut table = table;
        let identifying = privacy::identifying_columns(&table, header_index, &mapping);
        let birth = identifying
            .iter()
            .find(|(_, h)| privacy::is_birth_date(h))
            .map(|(c, _)| *c);
        let derived = T::derive(&mut table, header_index, &mut mapping, birth);
        let columns: Vec<usize> = identifying.iter().map(|(c, _)| *c).collect();
        privacy::blank_columns(&mut table, header_index, &columns);
        let mut preview = Preview {
            table,
            header_index,
            mapping,
            rows: Vec::new(),
            set_aside: Vec::new(),
            reading: Vec::new(),
            choices: T::Choices::default(),
            left_out: identifying.into_iter().map(|(_, h)| h).collect(),
            derived,
            notices: Vec::new(),
        };
        preview.reparse(ctx);
        preview
    }

    /// Applies a mapping chosen by hand and parses the rows again.
    pub fn remap(&mut self, mapping: ColumnMapping, ctx: &Context<'_>) {
        self.mapping = mapping;
        self.reparse(ctx);
    }

    /// Applies what the user chose (a row's kind, the sex of a list without it) and parses the
    /// rows again.
    pub fn choose(&mut self, choices: T::Choices, ctx: &Context<'_>) {
        self.choices = choices;
        self.reparse(ctx);
    }

    /// Whether field `field` is read from a column the importer made (the age from a birth
    /// date).
    pub fn made(&self, field: usize) -> bool {
        self.derived
            .as_ref()
            .is_some_and(|d| d.field == field && self.mapping.get(field) == Some(d.column))
    }

    /// The summary lines: the columns left out, a column made from another, what is assumed.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Why the value made for a row could not be (the age of a row without a birth date), while
    /// the made column is still the one read.
    fn derived_problem(&self, line: usize) -> Option<(&'static str, &CellError)> {
        let d = self.derived.as_ref()?;
        let label = T::fields().get(d.field)?.label;
        (self.mapping.get(d.field) == Some(d.column))
            .then(|| d.problems.get(&line))
            .flatten()
            .map(|p| (label, p))
    }

    fn reparse(&mut self, ctx: &Context<'_>) {
        let fields = T::fields();
        let start = self.header_index.map_or(0, |i| i + 1);
        // Blank rows, and rows with only a pre-printed number, are not data.
        let data_columns: Vec<usize> = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.numbering)
            .filter_map(|(i, _)| self.mapping.get(i))
            .collect();
        let mut rows = Vec::new();
        let mut set_aside = Vec::new();
        if self.mapping.missing(fields).is_empty() {
            for row in self.table.rows.iter().skip(start) {
                if data_columns.iter().all(|&c| row.cell(c).is_blank()) {
                    continue;
                }
                let parsed = match (
                    T::parse_row(row, &self.mapping, &self.choices),
                    self.derived_problem(row.line),
                ) {
                    (result, None) => result,
                    (result, Some((label, problem))) => {
                        // The made cell is blank: say why instead of 「…が空です」.
                        let mut problems = result.err().unwrap_or_default();
                        problems.retain(|p| *p != CellError::Empty { label });
                        problems.push(problem.clone());
                        Err(problems)
                    }
                };
                let (value, problems) = match parsed {
                    Ok(v) => (Some(v), Vec::new()),
                    Err(p) => {
                        if let Some(text) = footer_text(row) {
                            set_aside.push(SetAside {
                                line: row.line,
                                text,
                            });
                            continue;
                        }
                        (None, p)
                    }
                };
                rows.push(PreviewRow {
                    line: row.line,
                    value,
                    problems,
                    notes: Vec::new(),
                    duplicate: false,
                });
            }
        }
        T::annotate(&mut rows, ctx);
        self.rows = rows;
        self.set_aside = set_aside;
        self.reading = T::reading_summary(self);
        let mut notices = Vec::new();
        if !self.left_out.is_empty() {
            notices.push(privacy::left_out_text(T::WHO, &self.left_out));
        }
        if let Some(d) = &self.derived
            && self.mapping.get(d.field) == Some(d.column)
        {
            notices.push(d.notice.clone());
        }
        notices.extend(T::notices(self));
        self.notices = notices;
    }

    /// Per column, how the good rows' values were read: `転帰: 軽快 ×30、継続 ×12 …`.
    pub fn reading_summary(&self) -> &[ColumnSummary] {
        &self.reading
    }

    /// The good rows, each with the sheet row it was read from.
    pub fn good_rows(&self) -> impl Iterator<Item = (&Row, &T)> {
        let start = self.header_index.map_or(0, |i| i + 1);
        let mut table = self.table.rows.iter().skip(start).peekable();
        self.rows.iter().filter_map(move |r| {
            // Preview rows follow the table's order: advance to the row of the same line.
            while table.peek().is_some_and(|t| t.line < r.line) {
                table.next();
            }
            let raw = table.peek().filter(|t| t.line == r.line)?;
            r.value.as_ref().map(|v| (*raw, v))
        })
    }

    /// Labels of required fields that have no column yet.
    pub fn missing_columns(&self) -> Vec<&'static str> {
        self.mapping.missing(T::fields())
    }

    /// Bad rows, in file order.
    pub fn bad_rows(&self) -> impl Iterator<Item = &PreviewRow<T>> {
        self.rows.iter().filter(|r| r.is_bad())
    }

    /// Number of good rows.
    pub fn good_count(&self) -> usize {
        self.rows.iter().filter(|r| !r.is_bad()).count()
    }

    /// Number of rows flagged as duplicates.
    pub fn duplicate_count(&self) -> usize {
        self.rows.iter().filter(|r| r.duplicate).count()
    }
    /// Why the header does not name every required column: which were looked for (with the
    /// other headers accepted for them), on which line, and what the header held. `None` when
    /// every required column is found.
    pub fn header_problem(&self) -> Option<ImportError> {
        if self.missing_columns().is_empty() {
            return None;
        }
        let header_line = self
            .header_index
            .and_then(|i| self.table.rows.get(i))
            .map(|r| r.line);
        Some(ImportError::HeaderNotFound(
            super::columns::header_not_found(
                &self.table.source,
                T::fields(),
                &self.mapping,
                header_line,
                &self.column_titles(),
            ),
        ))
    }

    /// The columns as shown in the mapping pick-lists (`A: 診察日`).
    pub fn column_titles(&self) -> Vec<String> {
        let header = self.header_index.and_then(|i| self.table.rows.get(i));
        let width = self
            .table
            .rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        column_titles(header, width)
    }

    /// Whether applying with `options` would be accepted (no missing column; no bad row unless
    /// they are to be skipped).
    pub fn can_apply(&self, options: ImportOptions) -> bool {
        self.missing_columns().is_empty() && (options.skip_bad || self.bad_rows().next().is_none())
    }

    /// Adds the rows to `app`: all or nothing unless `options.skip_bad`.
    pub fn apply(
        &self,
        app: &mut Application,
        options: ImportOptions,
    ) -> Result<ImportOutcome, ImportError> {
        let missing = self.missing_columns();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                line: self
                    .header_index
                    .and_then(|i| self.table.rows.get(i))
                    .map_or(1, |r| r.line),
                missing: missing.join("、"),
            });
        }
        let bad: Vec<usize> = self.bad_rows().map(|r| r.line).collect();
        if !bad.is_empty() && !options.skip_bad {
            return Err(ImportError::BadRows {
                count: bad.len(),
                lines: line_list(&bad),
            });
        }
        if self.rows.iter().all(PreviewRow::is_bad) {
            return Err(ImportError::NoRows {
                source_name: self.table.source.clone(),
            });
        }
        let mut outcome = ImportOutcome {
            skipped_bad: bad.len(),
            ..ImportOutcome::default()
        };
        let mut items = Vec::new();
        for row in &self.rows {
            let Some(value) = &row.value else { continue };
            if row.duplicate && options.skip_duplicates {
                outcome.skipped_duplicates += 1;
                continue;
            }
            items.push(value.clone());
        }
        outcome.added = items.len();
        match options.insert_at {
            Some(at) => T::insert_into(items, app, at),
            None => T::add_to(items, app),
        }
        if options.sort_by_date {
            T::sort_by_date(app);
        }
        Ok(outcome)
    }
}

/// `3, 7, 12` — at most 20 line numbers, then `…`.
pub fn line_list(lines: &[usize]) -> String {
    let mut text: Vec<String> = lines.iter().take(20).map(ToString::to_string).collect();
    if lines.len() > 20 {
        text.push("…".into());
    }
    text.join(", ")
}

/// How [`annotate_rows`] tells rows apart and names what they repeat.
pub(super) struct Annotation<'a, T, K> {
    /// Items already in the application, each with the label a duplicate of it names.
    pub existing: Vec<(K, String)>,
    /// The row's identity for duplicate detection.
    pub key: &'a dyn Fn(&T) -> K,
    /// The row's date, checked against the activity period.
    pub date: &'a dyn Fn(&T) -> Option<NaiveDate>,
    /// What the key compares, for the note (e.g. `診察日・年齢・診断名・施設`).
    pub compared: &'a str,
}

/// Notes rows dated outside the activity period, and flags rows that repeat an earlier row or an
/// item already in the application.
pub(super) fn annotate_rows<T, K: Hash + Eq>(
    rows: &mut [PreviewRow<T>],
    ctx: &Context<'_>,
    how: Annotation<'_, T, K>,
) {
    let period = ctx.rules.map(|r| ActivityPeriod::of(ctx.app, r));
    let mut seen: HashMap<K, String> = HashMap::new();
    for (key, label) in how.existing {
        seen.entry(key).or_insert(label);
    }
    for row in rows.iter_mut() {
        let Some(value) = &row.value else { continue };
        if let (Some(period), Some(date)) = (&period, (how.date)(value))
            && !period.contains(date)
        {
            row.notes.push(match period.pause_at(date) {
                Some(pause) => format!(
                    "活動休止（{}～{}）の期間内のため単位に数えられません",
                    format_kanji(pause.start),
                    format_kanji(pause.end)
                ),
                None => format!(
                    "活動期間外（{}）のため単位に数えられません",
                    period.span_text()
                ),
            });
        }
        let key = (how.key)(value);
        if let Some(first) = seen.get(&key) {
            row.notes
                .push(format!("重複: {first}と同じ（{}）", how.compared));
            row.duplicate = true;
        } else {
            seen.insert(key, format!("{}行目", row.line));
        }
    }
}
