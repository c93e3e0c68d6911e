//! The pre-flight check: before export, every value the forms print must exist in the embedded
//! font and fit its cell. Problems come back as findings pointing at the field, never as blanks
//! or boxes on paper.

use crate::model::{ApplicantField, Application, Case, CaseField, CreditField, WorkplaceField};
use crate::rules::{ActivityPeriod, FieldPath, Finding, Kind, Period, Rule, RuleSet, Severity};

use super::font::Metrics;
use super::frame::{
    BODY_TOP, HEADER_MIN_SIZE, HEADER_WIDTH, MARGIN_LEFT, MARGIN_RIGHT, body_bottom, header_text,
};
use super::layout::{fit, line_height};
use super::page::Page;
use super::units::Mm;
use super::{shiki1, shiki3};

/// A printed value: where it comes from, its name for messages, and its text.
struct Value<'a> {
    path: FieldPath,
    name: String,
    text: &'a str,
}

fn printed_values<'a>(app: &'a Application) -> Vec<Value<'a>> {
    use ApplicantField as F;
    let a = &app.applicant;
    let mut out: Vec<Value<'a>> = Vec::new();
    let mut push = |path: FieldPath, name: String, text: &'a str| {
        out.push(Value { path, name, text });
    };
    let applicant: [(ApplicantField, &str); 15] = [
        (F::Furigana, &a.furigana),
        (F::Name, &a.name),
        (F::MemberNumber, &a.member_number),
        (F::SpecialistNumber, &a.specialist_number),
        (F::MedicalRegistrationNumber, &a.medical_registration_number),
        (F::WorkFacility, &a.work.facility),
        (F::WorkDepartment, &a.work.department),
        (F::WorkPostalCode, &a.work.address.postal_code),
        (F::WorkAddress, &a.work.address.address),
        (F::WorkPhone, &a.work.address.phone),
        (F::HomePostalCode, &a.home.postal_code),
        (F::HomeAddress, &a.home.address),
        (F::HomePhone, &a.home.phone),
        (F::Email, &a.email),
        (F::RegionalSociety, &a.regional_society),
    ];
    for (field, text) in applicant {
        push(FieldPath::Applicant(field), field.label().to_string(), text);
    }
    for (i, w) in app.workplaces.iter().enumerate() {
        let n = i + 1;
        for (field, text) in [
            (WorkplaceField::Facility, &w.facility),
            (WorkplaceField::Location, &w.location),
            (WorkplaceField::Department, &w.department),
        ] {
            push(
                FieldPath::Workplace(i, field),
                format!("勤務先{n}の{}", field.label()),
                text,
            );
        }
    }
    let order = app.case_order();
    for &i in order.printed() {
        let Some(c) = app.cases.get(i) else { continue };
        let n = order.number(i);
        for field in PRINTED_CASE_FIELDS {
            push(
                FieldPath::Case(i, field),
                format!("症例{n}の{}", field.label()),
                case_text(c, field),
            );
        }
    }
    for (i, c) in app.credits.iter().enumerate() {
        let n = i + 1;
        for (field, text) in [
            (CreditField::Title, &c.title),
            (CreditField::Organiser, &c.organiser),
            (CreditField::Note, &c.note),
        ] {
            push(
                FieldPath::Credit(i, field),
                format!("単位{n}の{}", field.label()),
                text,
            );
        }
    }
    out
}

/// The free-text fields of a case printed on 様式3, in the order of its columns 4–8.
const PRINTED_CASE_FIELDS: [CaseField; 5] = [
    CaseField::Diagnosis,
    CaseField::Treatment,
    CaseField::Outcome,
    CaseField::Facility,
    CaseField::Role,
];

/// The text of one of [`PRINTED_CASE_FIELDS`].
fn case_text(case: &Case, field: CaseField) -> &str {
    match field {
        CaseField::Treatment => &case.treatment,
        CaseField::Outcome => &case.outcome,
        CaseField::Facility => &case.facility,
        CaseField::Role => &case.role,
        CaseField::Diagnosis | CaseField::Date | CaseField::Age | CaseField::Sex => &case.diagnosis,
    }
}

/// Characters of `text` the font cannot print (control characters included), each once.
pub fn unprintable(m: &Metrics, text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let printable = c == '\n' || (!c.is_control() && m.has_char(c));
        if !printable && !out.contains(c) {
            out.push(c);
        }
    }
    out
}

fn error(path: FieldPath, kind: Kind) -> Finding {
    Finding::new(Severity::Error, Rule::Printing, path, kind)
}

/// Problems that would make the printed forms lose or misprint something: characters missing
/// from the embedded font, values too long for a cell of fixed size.
pub fn preflight(app: &Application, rules: &RuleSet) -> Vec<Finding> {
    let Ok(m) = Metrics::get() else {
        let mut out = vec![error(FieldPath::Font, Kind::FontUnavailable)];
        Finding::cite(&mut out, rules, &ActivityPeriod::of(app, rules));
        return out;
    };
    let mut out = Vec::new();
    for v in printed_values(app) {
        let bad = unprintable(m, v.text);
        if !bad.is_empty() {
            out.push(error(
                v.path,
                Kind::MissingGlyph {
                    field: v.name.clone(),
                    chars: bad,
                },
            ));
        }
    }
    let header = header_text(app);
    let header_fits = fit(
        m,
        &header,
        HEADER_MIN_SIZE,
        HEADER_MIN_SIZE,
        HEADER_WIDTH,
        line_height(HEADER_MIN_SIZE),
    )
    .is_some();
    if !header_fits {
        out.push(error(
            FieldPath::Applicant(ApplicantField::Name),
            Kind::TooLong {
                field: "氏名と専門医番号".to_owned(),
            },
        ));
    }
    let t = shiki1::fields(Mm(210.0) - MARGIN_LEFT - MARGIN_RIGHT);
    let name_fits = fit(
        m,
        app.applicant.name.trim(),
        t.size,
        shiki1::NAME_MIN_SIZE,
        t.value_width - 2.0 * t.pad,
        shiki1::NAME_CELL_HEIGHT - 2.0 * t.pad,
    )
    .is_some();
    if !name_fits && header_fits {
        out.push(error(
            FieldPath::Applicant(ApplicantField::Name),
            Kind::TooLong {
                field: ApplicantField::Name.label().to_owned(),
            },
        ));
    }
    case_rows(app, m, &mut out);
    let period = ActivityPeriod::of(app, rules);
    let outside = cases_outside_period(app, rules);
    let order = app.case_order();
    if let Some(&first) = outside.iter().min_by_key(|&&i| order.number(i)) {
        // Printed as entered, yet never counted: worth a look before the paper goes out.
        out.push(Finding::new(
            Severity::Warning,
            Rule::ActivityPeriod,
            FieldPath::Case(first, CaseField::Date),
            Kind::CasesOutsidePeriodPrinted {
                numbers: order.numbers_of(&outside),
                period: Period::of(&period),
            },
        ));
    }
    // Text that does not read as a date or number prints as a blank box: said before export.
    for u in crate::rules::unread_values(app) {
        out.push(Finding::new(
            Severity::Warning,
            Rule::Unreadable,
            u.path,
            Kind::UnreadPrintedBlank {
                name: u.name,
                text: u.text,
            },
        ));
    }
    Finding::cite(&mut out, rules, &period);
    out
}

/// Cases dated outside the activity period (indices): 様式3 prints them unless left out.
pub fn cases_outside_period(app: &Application, rules: &RuleSet) -> Vec<usize> {
    let period = ActivityPeriod::of(app, rules);
    app.cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.date.is_some_and(|d| !period.contains(d)))
        .map(|(i, _)| i)
        .collect()
}

/// The application as printed when the cases outside the activity period are left out of
/// 様式3 for one export; the file is not changed.
pub fn without_cases_outside_period(app: &Application, rules: &RuleSet) -> Application {
    let period = ActivityPeriod::of(app, rules);
    let mut printed = app.clone();
    printed
        .cases
        .retain(|c| c.date.is_none_or(|d| period.contains(d)));
    printed
}

/// A case row must fit on one page of 様式3 (a row is never split across pages).
fn case_rows(app: &Application, m: &Metrics, out: &mut Vec<Finding>) {
    let table = shiki3::table();
    let page = Page::a4(shiki3::ORIENTATION);
    let room =
        body_bottom(&page) - BODY_TOP - shiki3::ROOM_ABOVE_FIRST_ROW - table.head_layout(m).height;
    let most_lines = ((room - 2.0 * table.pad) / line_height(table.size)).floor() as usize;
    let order = app.case_order();
    for &i in order.printed() {
        let Some(case) = app.cases.get(i) else {
            continue;
        };
        let no = order.number(i);
        let cells = shiki3::case_cells(no, case);
        // Every line holds at least one character (or ends at a newline): a row none of whose
        // cells has more characters than a page has lines fits without being laid out.
        if cells.iter().all(|c| c.chars().count() < most_lines) {
            continue;
        }
        let row = table.layout_row(m, &cells);
        if row.height > room {
            // Name the cell that wraps to the most lines: it is what makes the row too tall.
            let lines = |col: usize| row.cells.get(col).map_or(0, Vec::len);
            let longest = (4..)
                .zip(PRINTED_CASE_FIELDS)
                .max_by_key(|&(col, _)| lines(col))
                .map_or(CaseField::Diagnosis, |(_, field)| field);
            out.push(error(
                FieldPath::Case(i, longest),
                Kind::TooLong {
                    field: format!("症例{no}の{}", longest.label()),
                },
            ));
        }
    }
}
