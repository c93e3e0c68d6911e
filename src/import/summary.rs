//! How the values of each column were read, shown before an import (CLI and preview window):
//! `転帰: 軽快 ×30、継続 ×12 …`, so that the user sees at a glance that nothing was misread.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::dates::format_slash;
use crate::model::vocabulary::Vocabulary;

use super::table::Cell;
use super::values::date_form;

/// At most this many written-as-is values are listed by name in one column's summary.
const LISTED: usize = 6;

/// One column's summary: its label and what its cells held, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSummary {
    /// The column's label as the form prints it (転帰, 担当医/指導医 …).
    pub label: &'static str,
    /// `軽快 ×30`, `「良好」×1`, `空欄 ×2` …, in the order shown.
    pub parts: Vec<String>,
}

impl fmt::Display for ColumnSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.parts.join("、"))
    }
}

/// Counts of distinct values, in order of first appearance until sorted.
#[derive(Debug, Default)]
pub(super) struct Tally {
    entries: Vec<(String, usize)>,
    index: HashMap<String, usize>,
}

impl Tally {
    /// Counts one more `value`.
    pub(super) fn add(&mut self, value: &str) {
        match self.index.get(value) {
            Some(&at) => {
                if let Some(entry) = self.entries.get_mut(at) {
                    entry.1 += 1;
                }
            }
            None => {
                self.index.insert(value.to_owned(), self.entries.len());
                self.entries.push((value.to_owned(), 1));
            }
        }
    }

    /// Number of values counted.
    pub(super) fn total(&self) -> usize {
        self.entries.iter().map(|(_, n)| n).sum()
    }

    /// The entries, most frequent first (first seen first among equals).
    pub(super) fn sorted(mut self) -> Vec<(String, usize)> {
        // A stable sort keeps the file's order among equal counts.
        self.entries.sort_by_key(|e| std::cmp::Reverse(e.1));
        self.entries
    }
}

/// `label ×n` for each entry.
/// A date column: the span of the dates read, and how they were written.
#[derive(Debug, Default)]
pub(super) struct DateColumn {
    forms: Tally,
    span: Option<(NaiveDate, NaiveDate)>,
}

impl DateColumn {
    /// Counts one cell (`None` when the column is not mapped) and the date read from it.
    pub(super) fn add(&mut self, cell: Option<&Cell>, date: Option<NaiveDate>) {
        if let Some(cell) = cell {
            self.forms.add(date_form(cell));
        }
        if let Some(d) = date {
            self.span = Some(self.span.map_or((d, d), |(f, l)| (f.min(d), l.max(d))));
        }
    }

    /// `2019/05/01～2024/04/30、西暦 ×98、和暦 ×2`.
    pub(super) fn parts(self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some((first, last)) = self.span {
            parts.push(format!("{}～{}", format_slash(first), format_slash(last)));
        }
        parts.extend(counted(self.forms.sorted()));
        parts
    }
}

pub(super) fn counted(entries: Vec<(String, usize)>) -> Vec<String> {
    entries
        .into_iter()
        .map(|(v, n)| format!("{v} ×{n}"))
        .collect()
}

/// A free-text column read against its vocabulary: the usual words grouped under their
/// canonical form (with the variants met), other values listed as written (or, with
/// `others_as`, counted under that name with a few examples), and the blanks.
pub(super) fn free_text<'a>(
    label: &'static str,
    vocabulary: &Vocabulary,
    values: impl Iterator<Item = &'a str>,
    others_as: Option<&str>,
) -> ColumnSummary {
    let mut words: Vec<(&'static str, Tally)> = Vec::new();
    let mut others = Tally::default();
    let mut blank = 0usize;
    for value in values {
        let value = value.trim();
        if value.is_empty() {
            blank += 1;
            continue;
        }
        match vocabulary.recognise(value) {
            Some(word) => match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, t)) => t.add(value),
                None => {
                    let mut t = Tally::default();
                    t.add(value);
                    words.push((word, t));
                }
            },
            None => others.add(value),
        }
    }
    words.sort_by_key(|(_, t)| std::cmp::Reverse(t.total()));
    let mut parts: Vec<String> = words
        .into_iter()
        .map(|(word, tally)| {
            let total = tally.total();
            let variants: Vec<String> = tally
                .sorted()
                .into_iter()
                .filter(|(v, _)| v != word)
                .map(|(v, n)| format!("{v} ×{n}"))
                .collect();
            if variants.is_empty() {
                format!("{word} ×{total}")
            } else {
                format!("{word} ×{total}（うち {}）", variants.join("、"))
            }
        })
        .collect();
    let others_total = others.total();
    let others = others.sorted();
    let kinds = others.len();
    match others_as {
        Some(name) if others_total > 0 => {
            let examples: Vec<&str> = others.iter().take(2).map(|(v, _)| v.as_str()).collect();
            parts.push(format!(
                "{name} ×{others_total}（例: {}）",
                examples.join("、")
            ));
        }
        _ => {
            let listed = others.iter().take(LISTED);
            parts.extend(listed.map(|(v, n)| format!("「{v}」×{n}")));
            if kinds > LISTED {
                let rest: usize = others.iter().skip(LISTED).map(|(_, n)| n).sum();
                parts.push(format!("ほか{}種 ×{rest}", kinds - LISTED));
            }
        }
    }
    if blank > 0 {
        parts.push(format!("空欄 ×{blank}"));
    }
    ColumnSummary { label, parts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocabulary::{OUTCOMES, ROLES};

    #[test]
    fn usual_words_group_with_their_variants_and_others_are_listed_as_written() {
        let values = ["軽快", "継続", "継続中", "軽快", "良好", "", "軽快"];
        let s = free_text("転帰", &OUTCOMES, values.into_iter(), None);
        assert_eq!(
            s.to_string(),
            "転帰: 軽快 ×3、継続 ×2（うち 継続中 ×1）、「良好」×1、空欄 ×1"
        );
    }

    #[test]
    fn names_are_counted_together_with_examples() {
        let values = [
            "担当医",
            "山田 花子／佐藤 一郎",
            "指導",
            "山田 花子／佐藤 一郎",
        ];
        let s = free_text(
            "担当医/指導医",
            &ROLES,
            values.into_iter(),
            Some("氏名など"),
        );
        assert_eq!(
            s.to_string(),
            "担当医/指導医: 担当医 ×1、指導医 ×1（うち 指導 ×1）、氏名など ×2（例: 山田 花子／佐藤 一郎）"
        );
    }
}
