//! 様式3 rows from a spreadsheet: the columns, the row parser and the duplicate and period notes.

use chrono::NaiveDate;

use crate::dates::{fold_width, format_slash};
use crate::model::{Application, Case};

use super::columns::{ColumnMapping, FieldSpec};
use super::preview::{Annotation, Context, Importable, PreviewRow, annotate_rows};
use super::table::Row;
use super::values;

/// The 様式3 columns, in the form's order. Index 0 is `No.`.
pub const CASE_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        label: "No.",
        aliases: &["No", "番号", "通し番号", "#", "症例番号", "NO"],
        required: false,
        numbering: true,
    },
    FieldSpec {
        label: "診察日",
        aliases: &[
            "診療日",
            "診察年月日",
            "診療年月日",
            "受診日",
            "日付",
            "年月日",
            "date",
        ],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: "年齢",
        aliases: &["年令", "患者年齢", "age"],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: "性別",
        aliases: &["性", "sex"],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: "診断名",
        aliases: &["診断", "病名", "傷病名", "diagnosis"],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: "検査・処置・投薬等",
        aliases: &[
            "検査・処置・投薬",
            "検査・処置",
            "処置",
            "治療",
            "治療内容",
            "処置・治療",
            "treatment",
        ],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: "転帰",
        aliases: &["outcome"],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: "診療施設名",
        aliases: &[
            "施設名",
            "診療施設",
            "施設",
            "病院名",
            "医療機関名",
            "facility",
        ],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: "担当医/指導医",
        aliases: &["担当医", "指導医", "担当", "役割", "立場", "role"],
        required: false,
        numbering: false,
    },
];

const DATE: usize = 1;
const AGE: usize = 2;
const SEX: usize = 3;
const DIAGNOSIS: usize = 4;
const TREATMENT: usize = 5;
const OUTCOME: usize = 6;
const FACILITY: usize = 7;
const ROLE: usize = 8;

fn cell_text(row: &Row, mapping: &ColumnMapping, field: usize) -> String {
    mapping
        .get(field)
        .map(|c| row.cell(c).text())
        .unwrap_or_default()
}

impl Importable for Case {
    fn fields() -> &'static [FieldSpec] {
        CASE_FIELDS
    }

    fn parse_row(row: &Row, mapping: &ColumnMapping) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut case = Case::default();
        let empty = super::table::Cell::Empty;
        let cell = |field: usize| mapping.get(field).map_or(&empty, |c| row.cell(c));
        match values::date(cell(DATE), "診察日") {
            Ok(d) => case.date = Some(d),
            Err(e) => problems.push(e),
        }
        if cell(AGE).is_blank() {
            problems.push("年齢が空です".into());
        } else {
            match values::age(cell(AGE)) {
                Ok(a) => case.age = Some(a),
                Err(e) => problems.push(e),
            }
        }
        let sex = cell_text(row, mapping, SEX);
        if sex.is_empty() {
            problems.push("性別が空です".into());
        } else {
            match values::sex(&sex) {
                Ok(s) => case.sex = Some(s),
                Err(e) => problems.push(e),
            }
        }
        case.diagnosis = cell_text(row, mapping, DIAGNOSIS);
        if case.diagnosis.is_empty() {
            problems.push("診断名が空です".into());
        }
        case.treatment = cell_text(row, mapping, TREATMENT);
        let outcome = cell_text(row, mapping, OUTCOME);
        if !outcome.is_empty() {
            match values::outcome(&outcome) {
                Ok(o) => case.outcome = Some(o),
                Err(e) => problems.push(e),
            }
        }
        case.facility = cell_text(row, mapping, FACILITY);
        if case.facility.is_empty() {
            problems.push("診療施設名が空です".into());
        }
        let role = cell_text(row, mapping, ROLE);
        if !role.is_empty() {
            match values::case_role(&role) {
                Ok(r) => case.role = Some(r),
                Err(e) => problems.push(e),
            }
        }
        if problems.is_empty() {
            Ok(case)
        } else {
            Err(problems)
        }
    }

    fn annotate(rows: &mut [PreviewRow<Self>], ctx: &Context<'_>) {
        let existing = ctx.app.cases.iter().enumerate();
        let how = Annotation {
            existing: existing
                .map(|(i, c)| (case_key(c), format!("申請にすでにある症例{}", i + 1)))
                .collect(),
            key: &case_key,
            date: &|c: &Case| c.date,
            compared: "診察日・年齢・診断名・施設",
        };
        annotate_rows(rows, ctx, how);
    }

    fn add_to(items: Vec<Self>, app: &mut Application) {
        app.cases.extend(items);
    }

    fn summary(&self) -> String {
        let parts = [
            self.date.map(format_slash).unwrap_or_default(),
            self.age.map(|a| format!("{a}歳")).unwrap_or_default(),
            self.sex.map(|s| s.label().to_string()).unwrap_or_default(),
            self.diagnosis.clone(),
            self.treatment.clone(),
            self.outcome
                .map(|o| o.label().to_string())
                .unwrap_or_default(),
            self.facility.clone(),
            self.role.map(|r| r.label().to_string()).unwrap_or_default(),
        ];
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("  ")
    }
}

type CaseKey = (Option<NaiveDate>, Option<u8>, String, String);

/// Same date, age, diagnosis and facility (compared without spaces or width differences).
fn case_key(case: &Case) -> CaseKey {
    let fold = |s: &str| -> String {
        fold_width(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    (
        case.date,
        case.age,
        fold(&case.diagnosis),
        fold(&case.facility),
    )
}
