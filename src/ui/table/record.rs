//! The records a table edits: cases and credits, each with its field ids and where it lives in
//! the application.

use std::fmt::Debug;
use std::hash::Hash;

use chrono::NaiveDate;

use crate::import::ImportError;
use crate::model::{Application, Case, CaseField, Credit, CreditField, Unread};
use crate::rules::FieldPath;
use crate::ui::context::PasteInto;
use crate::ui::text;

/// A record of the application shown as a table row.
pub trait Record: Clone + Debug {
    /// Its field ids.
    type Field: Copy + Eq + Ord + Hash + Debug;

    /// Every record of this kind in the application.
    fn records(app: &Application) -> &[Self];
    /// The same, to change.
    fn records_mut(app: &mut Application) -> &mut Vec<Self>;
    /// The path a finding about field `field` of record `i` names.
    fn path(i: usize, field: Self::Field) -> FieldPath;
    /// The record and field a path names, when it names one of these.
    fn field_of(path: FieldPath) -> Option<(usize, Self::Field)>;
    /// The name of a cell of the record numbered `number`, for screen readers and tests:
    /// 「症例3 診察日」.
    fn cell_name(number: usize, column: &str) -> String;
    /// Text typed into date and number fields that does not read as a value.
    fn unread(&self) -> &Unread<Self::Field>;
    /// The same, to change.
    fn unread_mut(&mut self) -> &mut Unread<Self::Field>;
    /// The record's date, to mark planned entries.
    fn date(&self) -> Option<NaiveDate>;
    /// A field's label (the column's title, the cell's name).
    fn label(field: Self::Field) -> &'static str;
    /// Which list rows pasted into this table are read as.
    const PASTE_INTO: PasteInto;
    /// Records `indices` as tab-separated text with the form's headers (Ctrl+C).
    fn rows_tsv(app: &Application, indices: &[usize]) -> Result<String, ImportError>;
}

impl Record for Case {
    type Field = CaseField;

    fn records(app: &Application) -> &[Self] {
        &app.cases
    }
    fn records_mut(app: &mut Application) -> &mut Vec<Self> {
        &mut app.cases
    }
    fn path(i: usize, field: CaseField) -> FieldPath {
        FieldPath::Case(i, field)
    }
    fn field_of(path: FieldPath) -> Option<(usize, CaseField)> {
        match path {
            FieldPath::Case(i, field) => Some((i, field)),
            _ => None,
        }
    }
    fn cell_name(number: usize, column: &str) -> String {
        text::case_cell(number, column)
    }
    fn unread(&self) -> &Unread<CaseField> {
        &self.unread
    }
    fn unread_mut(&mut self) -> &mut Unread<CaseField> {
        &mut self.unread
    }
    fn date(&self) -> Option<NaiveDate> {
        self.date
    }
    fn label(field: Self::Field) -> &'static str {
        field.label()
    }
    const PASTE_INTO: PasteInto = PasteInto::Cases;
    fn rows_tsv(app: &Application, indices: &[usize]) -> Result<String, ImportError> {
        crate::import::cases_tsv(app, indices)
    }
}

impl Record for Credit {
    type Field = CreditField;

    fn records(app: &Application) -> &[Self] {
        &app.credits
    }
    fn records_mut(app: &mut Application) -> &mut Vec<Self> {
        &mut app.credits
    }
    fn path(i: usize, field: CreditField) -> FieldPath {
        FieldPath::Credit(i, field)
    }
    fn field_of(path: FieldPath) -> Option<(usize, CreditField)> {
        match path {
            FieldPath::Credit(i, field) => Some((i, field)),
            _ => None,
        }
    }
    fn cell_name(number: usize, column: &str) -> String {
        text::credit_cell(number, column)
    }
    fn unread(&self) -> &Unread<CreditField> {
        &self.unread
    }
    fn unread_mut(&mut self) -> &mut Unread<CreditField> {
        &mut self.unread
    }
    fn date(&self) -> Option<NaiveDate> {
        self.date
    }
    fn label(field: Self::Field) -> &'static str {
        field.label()
    }
    const PASTE_INTO: PasteInto = PasteInto::Credits;
    fn rows_tsv(app: &Application, indices: &[usize]) -> Result<String, ImportError> {
        crate::import::credits_tsv(app, indices)
    }
}
