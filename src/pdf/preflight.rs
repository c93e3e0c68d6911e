//! The pre-flight check: before export, every value the forms print must exist in the embedded
//! font and fit its cell. Problems come back as findings pointing at the field, never as blanks
//! or boxes on paper.

use crate::model::Application;
use crate::rules::{FieldPath, Finding, RuleSet, Severity};

use super::error::PdfError;
use super::font::Metrics;
use super::frame::{
    BODY_TOP, HEADER_MIN_SIZE, HEADER_WIDTH, MARGIN_LEFT, MARGIN_RIGHT, body_bottom, header_text,
};
use super::labels as l;
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
    let a = &app.applicant;
    let mut out: Vec<Value<'a>> = Vec::new();
    let mut push = |path: FieldPath, name: String, text: &'a str| {
        out.push(Value { path, name, text });
    };
    let applicant: [(&'static str, &str, &str); 14] = [
        ("furigana", "ふりがな", &a.furigana),
        ("name", "氏名", &a.name),
        ("member_number", "会員番号", &a.member_number),
        ("specialist_number", "専門医番号", &a.specialist_number),
        (
            "medical_registration_number",
            "医籍登録番号",
            &a.medical_registration_number,
        ),
        ("work.facility", "勤務先の施設名", &a.work.facility),
        ("work.department", "勤務先の診療科", &a.work.department),
        (
            "work.address.postal_code",
            "勤務先の郵便番号",
            &a.work.address.postal_code,
        ),
        (
            "work.address.address",
            "勤務先の住所",
            &a.work.address.address,
        ),
        ("work.address.phone", "勤務先の電話", &a.work.address.phone),
        ("home.postal_code", "自宅の郵便番号", &a.home.postal_code),
        ("home.address", "自宅の住所", &a.home.address),
        ("home.phone", "自宅の電話", &a.home.phone),
        ("email", "メールアドレス", &a.email),
    ];
    for (field, name, text) in applicant {
        push(FieldPath::Applicant(field), name.to_string(), text);
    }
    push(
        FieldPath::Applicant("regional_society"),
        "所属地方学会".to_string(),
        &a.regional_society,
    );
    for (i, w) in app.workplaces.iter().enumerate() {
        let n = i + 1;
        push(
            FieldPath::Workplace(i, "facility"),
            format!("勤務先{n}の施設名"),
            &w.facility,
        );
        push(
            FieldPath::Workplace(i, "location"),
            format!("勤務先{n}の所在地"),
            &w.location,
        );
        push(
            FieldPath::Workplace(i, "department"),
            format!("勤務先{n}の診療科"),
            &w.department,
        );
    }
    for (i, c) in app.cases.iter().enumerate() {
        let n = i + 1;
        push(
            FieldPath::Case(i, "diagnosis"),
            format!("症例{n}の診断名"),
            &c.diagnosis,
        );
        push(
            FieldPath::Case(i, "treatment"),
            format!("症例{n}の検査・処置・投薬等"),
            &c.treatment,
        );
        push(
            FieldPath::Case(i, "outcome"),
            format!("症例{n}の転帰"),
            &c.outcome,
        );
        push(
            FieldPath::Case(i, "facility"),
            format!("症例{n}の診療施設名"),
            &c.facility,
        );
        push(
            FieldPath::Case(i, "role"),
            format!("症例{n}の担当医/指導医"),
            &c.role,
        );
    }
    for (i, c) in app.credits.iter().enumerate() {
        let n = i + 1;
        push(
            FieldPath::Credit(i, "title"),
            format!("単位{n}の名称"),
            &c.title,
        );
        push(
            FieldPath::Credit(i, "organiser"),
            format!("単位{n}の主催者"),
            &c.organiser,
        );
        push(
            FieldPath::Credit(i, "note"),
            format!("単位{n}の備考"),
            &c.note,
        );
    }
    out
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

fn error(path: FieldPath, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        path,
        message,
    }
}

/// Problems that would make the printed forms lose or misprint something: characters missing
/// from the embedded font, values too long for a cell of fixed size.
pub fn preflight(app: &Application, rules: &RuleSet) -> Vec<Finding> {
    let _ = rules;
    let Ok(m) = Metrics::get() else {
        return vec![error(
            FieldPath::Application("font"),
            PdfError::Font.to_string(),
        )];
    };
    let mut out = Vec::new();
    for v in printed_values(app) {
        let bad = unprintable(m, v.text);
        if !bad.is_empty() {
            out.push(error(v.path, l::missing_glyph(&v.name, &bad)));
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
            FieldPath::Applicant("name"),
            l::too_long("氏名と専門医番号"),
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
        out.push(error(FieldPath::Applicant("name"), l::too_long("氏名")));
    }
    case_rows(app, m, &mut out);
    out
}

/// A case row must fit on one page of 様式3 (a row is never split across pages).
fn case_rows(app: &Application, m: &Metrics, out: &mut Vec<Finding>) {
    let table = shiki3::table();
    let page = Page::a4(shiki3::ORIENTATION);
    let room =
        body_bottom(&page) - BODY_TOP - shiki3::ROOM_ABOVE_FIRST_ROW - table.head_layout(m).height;
    let most_lines = ((room - 2.0 * table.pad) / line_height(table.size)).floor() as usize;
    for (i, case) in app.cases.iter().enumerate() {
        let cells = shiki3::case_cells(i + 1, case);
        // Every line holds at least one character (or ends at a newline): a row none of whose
        // cells has more characters than a page has lines fits without being laid out.
        if cells.iter().all(|c| c.chars().count() < most_lines) {
            continue;
        }
        let row = table.layout_row(m, &cells);
        if row.height > room {
            // Name the cell that wraps to the most lines: it is what makes the row too tall.
            let fields = [
                (4, "diagnosis", "診断名"),
                (5, "treatment", "検査・処置・投薬等"),
                (6, "outcome", "転帰"),
                (7, "facility", "診療施設名"),
                (8, "role", "担当医/指導医"),
            ];
            let lines = |col: usize| row.cells.get(col).map_or(0, Vec::len);
            let longest = fields
                .iter()
                .max_by_key(|f| lines(f.0))
                .map_or(("diagnosis", "診断名"), |f| (f.1, f.2));
            out.push(error(
                FieldPath::Case(i, longest.0),
                l::too_long(&format!("症例{}の{}", i + 1, longest.1)),
            ));
        }
    }
}
