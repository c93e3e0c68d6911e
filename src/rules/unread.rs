//! Values typed that do not read as dates or numbers (see [`crate::model::Unread`]): every one is
//! an error to fix, named where it was typed, and the field counts as empty until then.

use super::messages as msg;
use super::report::{FieldPath, Finding, Severity};
use super::source::Rule;
use crate::model::Application;

/// One field holding text that does not read as its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadValue {
    /// Where it was typed.
    pub path: FieldPath,
    /// Its name for people: 「症例3 診察日」, 「申請日」.
    pub name: String,
    /// The text as typed.
    pub text: String,
}

/// Every field of `app` holding text that does not read as its value, in the order of the forms.
pub fn unread_values(app: &Application) -> Vec<UnreadValue> {
    let mut out = Vec::new();
    let mut push = |path: FieldPath, name: String, text: &String| {
        out.push(UnreadValue {
            path,
            name,
            text: text.clone(),
        });
    };
    for (&field, text) in &app.unread {
        push(
            FieldPath::Application(field),
            field.label().to_owned(),
            text,
        );
    }
    for (&field, text) in &app.applicant.unread {
        push(FieldPath::Applicant(field), field.label().to_owned(), text);
    }
    for (i, w) in app.workplaces.iter().enumerate() {
        for (&field, text) in &w.unread {
            let name = msg::workplace_field(i, field.label());
            push(FieldPath::Workplace(i, field), name, text);
        }
    }
    for (i, p) in app.pauses.iter().enumerate() {
        for (&field, text) in &p.unread {
            let name = format!("活動休止{}の{}", i + 1, field.short());
            push(FieldPath::Pause(i, field), name, text);
        }
    }
    let order = app.case_order();
    for &i in order.printed() {
        let Some(c) = app.cases.get(i) else {
            continue;
        };
        for (&field, text) in &c.unread {
            // Named by the No. 様式3 prints it under, as every finding about a case is.
            let name = msg::case_field(order.number(i), field.label());
            push(FieldPath::Case(i, field), name, text);
        }
    }
    for (i, c) in app.credits.iter().enumerate() {
        for (&field, text) in &c.unread {
            let name = msg::credit_field(&c.title, field.label());
            push(FieldPath::Credit(i, field), name, text);
        }
    }
    out
}

/// The findings of an evaluation about unread values: one error each, and no other finding on
/// the same field (its "missing" would contradict what the user sees in the cell).
pub(super) fn apply(app: &Application, findings: &mut Vec<Finding>) {
    let unread = unread_values(app);
    if unread.is_empty() {
        return;
    }
    findings.retain(|f| !unread.iter().any(|u| u.path == f.path));
    findings.extend(unread.into_iter().map(|u| {
        Finding::new(
            Severity::Error,
            Rule::Unreadable,
            u.path,
            msg::unread(&u.name, &u.text),
        )
    }));
}
