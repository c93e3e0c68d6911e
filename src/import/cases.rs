//! 様式3 rows from a spreadsheet: the columns, the row parser and the duplicate and period notes.

use chrono::NaiveDate;

use crate::dates::{fold_width, format_slash};
use crate::model::{Application, Case, CaseField, Sex, vocabulary};

use super::columns::{ColumnMapping, FieldSpec};
use super::preview::{
    Annotation, Context, Derived, Importable, Preview, PreviewRow, annotate_rows,
};
use super::summary::{ColumnSummary, DateColumn, Tally, counted, free_text};
use super::table::{Cell, Row, Table};
use super::values::{self, CellError};

/// The problem of a required cell left blank: 「診断名が空です」.
fn blank(field: CaseField) -> CellError {
    CellError::Empty {
        label: field.label(),
    }
}

/// How the summary counts 担当医/指導医 cells that hold names rather than a role.
const OTHER_ROLE_TEXT: &str = "氏名など（記載のまま）";

/// The 様式3 columns, in the form's order (index 0 is `No.`), then a second 担当医/指導医 column
/// for sheets that keep the attending and the supervising doctor apart (`担当医` | `指導医`); the
/// two are joined with `／`, in the sheet's order, into the one cell of the form.
pub const CASE_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        label: "No.",
        aliases: &[
            "No",
            "番号",
            "通し番号",
            "#",
            "症例番号",
            "症例No",
            "通番",
            "連番",
        ],
        required: false,
        numbering: true,
    },
    FieldSpec {
        label: CaseField::Date.label(),
        aliases: &[
            "診療日",
            "診察年月日",
            "診療年月日",
            "受診日",
            "日付",
            "年月日",
            "診察日付",
            "外来日",
            "date",
        ],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: CaseField::Age.label(),
        aliases: &["年令", "患者年齢", "年齢歳", "歳", "age"],
        required: true,
        numbering: false,
    },
    // Not required: an OB/GYN chart's export often has no 性別 column, and its rows are then
    // read as [`CaseChoices::sex_if_missing`], said in the summary.
    FieldSpec {
        label: CaseField::Sex.label(),
        aliases: &["性", "sex"],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: CaseField::Diagnosis.label(),
        aliases: &["診断", "病名", "傷病名", "疾患名", "疾患", "diagnosis"],
        required: true,
        numbering: false,
    },
    FieldSpec {
        label: CaseField::Treatment.label(),
        aliases: &[
            "検査・処置・投薬",
            "検査・処置・投薬など",
            "検査・処置",
            "処置",
            "処置内容",
            "治療",
            "治療内容",
            "処置・治療",
            "治療・処置",
            "手術・処置",
            "treatment",
        ],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: CaseField::Outcome.label(),
        aliases: &["転帰等", "予後", "outcome"],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: CaseField::Facility.label(),
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
        label: CaseField::Role.label(),
        aliases: &[
            "担当医",
            "指導医",
            "担当",
            "担当指導",
            "担当医師",
            "担当医指導医名",
            "担当医氏名",
            "医師名",
            "医師氏名",
            "主治医",
            "役割",
            "立場",
            "role",
        ],
        required: false,
        numbering: false,
    },
    FieldSpec {
        label: "担当医/指導医（2列目）",
        aliases: &[
            "指導医",
            "指導医名",
            "指導医氏名",
            "指導",
            "担当医",
            "担当医名",
            "担当",
            "主治医",
            "担当医師",
            "医師名",
        ],
        required: false,
        numbering: false,
    },
];

/// The header of the age column made from a birth date.
pub const AGE_FROM_BIRTH: &str = "年齢（生年月日から計算）";

/// How the summary counts the sex of rows read from a list without that column.
const NO_SEX_COLUMN: &str = "性別の列なし";

/// What the user decides of a case list beyond its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseChoices {
    /// The sex of every row when the list has no 性別 column (女 unless changed: on an OB/GYN
    /// chart nearly every patient is a woman).
    pub sex_if_missing: Sex,
}

impl Default for CaseChoices {
    fn default() -> Self {
        Self {
            sex_if_missing: Sex::Female,
        }
    }
}

/// The columns of 様式3 itself (the fields after them only help reading other sheets).
pub const FORM_COLUMNS: usize = 9;

const DATE: usize = 1;
const AGE: usize = 2;
const SEX: usize = 3;
const DIAGNOSIS: usize = 4;
const TREATMENT: usize = 5;
const OUTCOME: usize = 6;
const FACILITY: usize = 7;
const ROLE: usize = 8;
const ROLE_2: usize = 9;

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

    type Choices = CaseChoices;
    const WHO: &'static str = "患者";

    fn parse_row(
        row: &Row,
        mapping: &ColumnMapping,
        choices: &CaseChoices,
    ) -> Result<Self, Vec<CellError>> {
        let mut problems = Vec::new();
        let mut case = Case::default();
        let empty = Cell::Empty;
        let cell = |field: usize| mapping.get(field).map_or(&empty, |c| row.cell(c));
        match values::date(cell(DATE), CaseField::Date.label()) {
            Ok(d) => case.date = Some(d),
            Err(e) => problems.push(e),
        }
        if cell(AGE).is_blank() {
            problems.push(blank(CaseField::Age));
        } else {
            match values::age(cell(AGE)) {
                Ok(a) => case.age = Some(a),
                Err(e) => problems.push(e),
            }
        }
        let sex = cell_text(row, mapping, SEX);
        if mapping.get(SEX).is_none() {
            case.sex = Some(choices.sex_if_missing);
        } else if sex.is_empty() {
            problems.push(blank(CaseField::Sex));
        } else {
            match values::sex(&sex) {
                Ok(s) => case.sex = Some(s),
                Err(e) => problems.push(e),
            }
        }
        case.diagnosis = cell_text(row, mapping, DIAGNOSIS);
        if case.diagnosis.is_empty() {
            problems.push(blank(CaseField::Diagnosis));
        }
        case.treatment = cell_text(row, mapping, TREATMENT);
        // 転帰 and 担当医/指導医 are free text on the form: kept as written, never refused.
        case.outcome = cell_text(row, mapping, OUTCOME);
        case.facility = cell_text(row, mapping, FACILITY);
        if case.facility.is_empty() {
            problems.push(blank(CaseField::Facility));
        }
        let second = cell_text(row, mapping, ROLE_2);
        case.role = cell_text(row, mapping, ROLE);
        if !second.is_empty() {
            case.role = if case.role.is_empty() {
                second
            } else {
                format!("{}／{second}", case.role)
            };
        }
        if problems.is_empty() {
            Ok(case)
        } else {
            Err(problems)
        }
    }

    fn derive(
        table: &mut Table,
        header_index: Option<usize>,
        mapping: &mut ColumnMapping,
        birth: Option<usize>,
    ) -> Option<Derived> {
        let birth = birth?;
        let visit = mapping.get(DATE)?;
        if mapping.get(AGE).is_some() {
            return None;
        }
        let column = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let start = header_index.map_or(0, |i| i + 1);
        let mut problems = std::collections::BTreeMap::new();
        for (i, row) in table.rows.iter_mut().enumerate() {
            row.cells.resize(column + 1, Cell::Empty);
            if Some(i) == header_index {
                row.cells[column] = Cell::Text(AGE_FROM_BIRTH.into());
                continue;
            }
            if i < start || row.cell(birth).is_blank() && row.cell(visit).is_blank() {
                continue;
            }
            match values::age_from_birth(row.cell(birth), row.cell(visit)) {
                Ok(age) => row.cells[column] = Cell::Number(f64::from(age)),
                Err(e) => {
                    problems.insert(row.line, e);
                }
            }
        }
        mapping.set(AGE, Some(column));
        Some(Derived {
            field: AGE,
            column,
            problems,
            notice: "年齢は生年月日と診察日から計算しました（生年月日そのものは取り込みません）"
                .into(),
        })
    }

    fn notices(preview: &Preview<Self>) -> Vec<String> {
        if preview.mapping.get(SEX).is_some() || preview.good_count() == 0 {
            return Vec::new();
        }
        vec![format!(
            "性別の列がないため、すべての行を「{}」として取り込みます",
            preview.choices.sex_if_missing.label()
        )]
    }

    fn annotate(rows: &mut [PreviewRow<Self>], ctx: &Context<'_>) {
        let order = ctx.app.case_order();
        let existing = ctx.app.cases.iter().enumerate();
        let how = Annotation {
            existing: existing
                .map(|(i, c)| {
                    let no = order.number(i);
                    (case_key(c), format!("申請にすでにある症例{no}"))
                })
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

    /// 様式3's columns with its No., or from 診察日 on.
    fn paste_orders() -> &'static [&'static [usize]] {
        &[
            &[
                0, DATE, AGE, SEX, DIAGNOSIS, TREATMENT, OUTCOME, FACILITY, ROLE,
            ],
            &[
                DATE, AGE, SEX, DIAGNOSIS, TREATMENT, OUTCOME, FACILITY, ROLE,
            ],
        ]
    }

    fn insert_into(items: Vec<Self>, app: &mut Application, at: usize) {
        let at = at.min(app.cases.len());
        app.cases.splice(at..at, items);
    }

    fn sort_by_date(app: &mut Application) {
        app.sort_cases_by_date();
    }

    fn reading_summary(preview: &Preview<Self>) -> Vec<ColumnSummary> {
        let mapping = &preview.mapping;
        let raw = |row: &Row, field: usize| mapping.get(field).map(|c| row.cell(c).clone());
        let mut dates = DateColumn::default();
        let mut age_forms = Tally::default();
        let mut sexes: Vec<(&'static str, Tally)> = Vec::new();
        let (mut youngest, mut oldest) = (u8::MAX, 0u8);
        let mut cases = Vec::new();
        let made_age = preview.made(AGE);
        for (row, case) in preview.good_rows() {
            dates.add(raw(row, DATE).as_ref(), case.date);
            if let (Some(cell), Some(age)) = (raw(row, AGE), case.age) {
                age_forms.add(match cell {
                    _ if made_age => "生年月日から計算",
                    Cell::Number(_) => "数値",
                    _ if cell.text().ends_with(['歳', '才']) => "「歳」付き",
                    _ => "数字",
                });
                youngest = youngest.min(age);
                oldest = oldest.max(age);
            }
            if let Some(sex) = case.sex {
                let written = if mapping.get(SEX).is_some() {
                    cell_text(row, mapping, SEX)
                } else {
                    NO_SEX_COLUMN.to_string()
                };
                match sexes.iter_mut().find(|(s, _)| *s == sex.label()) {
                    Some((_, t)) => t.add(&written),
                    None => {
                        let mut t = Tally::default();
                        t.add(&written);
                        sexes.push((sex.label(), t));
                    }
                }
            }
            cases.push(case);
        }
        if cases.is_empty() {
            return Vec::new();
        }
        let date_parts = dates.parts();
        let mut age_parts = vec![format!("{youngest}～{oldest}歳")];
        age_parts.extend(counted(age_forms.sorted()));
        let sex_parts = sexes
            .into_iter()
            .map(|(label, tally)| {
                let total = tally.total();
                let written: Vec<String> = tally
                    .sorted()
                    .into_iter()
                    .filter(|(w, _)| w != label)
                    .map(|(w, n)| format!("{w} ×{n}"))
                    .collect();
                if written.is_empty() {
                    format!("{label} ×{total}")
                } else {
                    format!("{label} ×{total}（うち {}）", written.join("、"))
                }
            })
            .collect();
        let mut out = vec![
            ColumnSummary {
                label: CASE_FIELDS[DATE].label,
                parts: date_parts,
            },
            ColumnSummary {
                label: CASE_FIELDS[AGE].label,
                parts: age_parts,
            },
            ColumnSummary {
                label: CASE_FIELDS[SEX].label,
                parts: sex_parts,
            },
        ];
        if mapping.get(OUTCOME).is_some() {
            out.push(free_text(
                CASE_FIELDS[OUTCOME].label,
                &vocabulary::OUTCOMES,
                cases.iter().map(|c| c.outcome.as_str()),
                None,
            ));
        }
        if mapping.get(ROLE).is_some() || mapping.get(ROLE_2).is_some() {
            out.push(free_text(
                CASE_FIELDS[ROLE].label,
                &vocabulary::ROLES,
                cases.iter().map(|c| c.role.as_str()),
                Some(OTHER_ROLE_TEXT),
            ));
        }
        out
    }

    fn summary(&self) -> String {
        let parts = [
            self.date.map(format_slash).unwrap_or_default(),
            self.age.map(|a| format!("{a}歳")).unwrap_or_default(),
            self.sex.map(|s| s.label().to_string()).unwrap_or_default(),
            self.diagnosis.clone(),
            self.treatment.clone(),
            self.outcome.clone(),
            self.facility.clone(),
            self.role.clone(),
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
