//! Credits from a spreadsheet with one row per credit (columns documented in docs/import.md).

use chrono::NaiveDate;

use crate::dates::fold_width;
use crate::model::vocabulary::word_key;
use crate::model::{Application, Credit, CreditField, CreditKind, Mode};

use super::columns::{ColumnMapping, FieldSpec};
use super::credit_words::{category_label, item_label};
use super::preview::{Annotation, Context, Importable, Preview, PreviewRow, annotate_rows};
use super::summary::{ColumnSummary, DateColumn, Tally, counted};
use super::table::{Cell, Row};
use super::values::{self, CellError};

const fn field(label: &'static str, aliases: &'static [&'static str], required: bool) -> FieldSpec {
    FieldSpec {
        label,
        aliases,
        required,
        numbering: false,
    }
}

/// The columns of a credit list, in export order.
pub const CREDIT_FIELDS: &[FieldSpec] = &[
    field(
        CreditField::Kind.label(),
        &["カテゴリ", "分類", "種別", "種類", "単位区分", "category"],
        true,
    ),
    field("項目", &["講習区分", "領域", "item", "topic"], false),
    field(
        CreditField::Date.label(),
        &[
            "開催日",
            "開催日時",
            "受講日",
            "参加日",
            "発表日",
            "年月日",
            "日時",
            "date",
        ],
        true,
    ),
    field(
        CreditField::Title.label(),
        &[
            "名称",
            "講習名",
            "講習会名",
            "研修会名",
            "講演名",
            "演題名",
            "論文名",
            "タイトル",
            "題名",
            "title",
        ],
        true,
    ),
    field(
        CreditField::Organiser.label(),
        &[
            "主催者",
            "主催",
            "学会名",
            "雑誌名",
            "主催者・学会名",
            "organiser",
            "organizer",
        ],
        false,
    ),
    field(
        CreditField::Mode.label(),
        &[
            "形式",
            "受講形式",
            "受講形態",
            "形態",
            "参加形態",
            "受講方法",
            "受講/講師",
            "mode",
        ],
        false,
    ),
    field(
        CreditField::Minutes.label(),
        &["時間（分）", "時間", "分", "講演時間", "minutes"],
        false,
    ),
    field(CreditField::Units.label(), &["単位数", "units"], false),
    field(
        CreditField::OnPortal.label(),
        &[
            "ポータル登録",
            "ポータル",
            "会員ポータル",
            "登録済",
            "portal",
        ],
        false,
    ),
    field(
        CreditField::ProofEnclosed.label(),
        &["証明書類", "証明", "証明書", "証明書類同封", "proof"],
        false,
    ),
    field(CreditField::Role.label(), &["筆頭/第2/共同", "role"], false),
    field(CreditField::Note.label(), &["メモ", "note"], false),
];

const CATEGORY: usize = 0;
const ITEM: usize = 1;
const DATE: usize = 2;
const TITLE: usize = 3;
const ORGANISER: usize = 4;
const MODE: usize = 5;
const MINUTES: usize = 6;
const UNITS: usize = 7;
const PORTAL: usize = 8;
const PROOF: usize = 9;
const ROLE: usize = 10;
const NOTE: usize = 11;

/// The credit's kind from its 区分 and 項目 cells (either may hold both, in the words of
/// [`super::credit_words`]). A cell that leaves several kinds open is a choice the user makes
/// in the preview (`chosen`), never a guess.
fn kind(
    category: (&str, Option<usize>),
    item: (&str, Option<usize>),
    chosen: Option<CreditKind>,
) -> Result<CreditKind, CellError> {
    use super::credit_words::{Cell as Which, Reading, read};
    let column = |c: Option<usize>| c.map(super::table::column_name).unwrap_or_default();
    let unknown = |label: &'static str, (text, col): (&str, Option<usize>), part: String| {
        CellError::UnknownCreditWord {
            label,
            column: column(col),
            text: text.to_string(),
            part,
        }
    };
    let from_category = match read(category.0, Which::Category) {
        Reading::Blank => None,
        Reading::Kinds(k) => Some(k),
        Reading::Unknown(part) => return Err(unknown(CreditField::Kind.label(), category, part)),
    };
    // 領域講習 and 自己学習 have no items: what the 項目 cell says of them is the user's own.
    let single = from_category
        .as_ref()
        .is_some_and(|k| matches!(k.as_slice(), [CreditKind::Domain | CreditKind::SelfStudy]));
    let from_item = if single {
        None
    } else {
        match read(item.0, Which::Item) {
            Reading::Blank => None,
            Reading::Kinds(k) => Some(k),
            Reading::Unknown(part) => return Err(unknown(ITEM_LABEL, item, part)),
        }
    };
    let kinds = match (from_category, from_item) {
        (None, None) => {
            return Err(CellError::Empty {
                label: CreditField::Kind.label(),
            });
        }
        (Some(k), None) | (None, Some(k)) => k,
        (Some(a), Some(b)) => a.into_iter().filter(|k| b.contains(k)).collect(),
    };
    match kinds.as_slice() {
        [] => Err(CellError::KindConflict {
            category: category.0.to_string(),
            item: item.0.to_string(),
        }),
        [one] => Ok(*one),
        _ => match chosen.filter(|c| kinds.contains(c)) {
            Some(c) => Ok(c),
            None => {
                let ((text, col), label) = if item.0.trim().is_empty() {
                    (category, CreditField::Kind.label())
                } else {
                    (item, ITEM_LABEL)
                };
                Err(CellError::AmbiguousKind {
                    label,
                    column: column(col),
                    text: text.to_string(),
                    choices: kinds,
                })
            }
        },
    }
}

/// The 項目 column's label.
pub const ITEM_LABEL: &str = "項目";

/// Words of the 形態 column, and what each is. Live streaming (ライブ配信) is attending; watching
/// a recording (オンデマンド) is e-learning.
pub const MODE_WORDS: &[(&str, &str)] = &[
    ("受講", "受講"),
    ("参加", "受講"),
    ("出席", "受講"),
    ("現地", "受講"),
    ("現地参加", "受講"),
    ("会場", "受講"),
    ("ライブ配信", "受講"),
    ("Web参加", "受講"),
    ("WEB", "受講"),
    ("オンライン", "受講"),
    ("ハイブリッド", "受講"),
    ("講師", "講師"),
    ("講演", "講師"),
    ("演者", "講師"),
    ("e-learning", "e-learning"),
    ("eラーニング", "e-learning"),
    ("Eラーニング", "e-learning"),
    ("web講習", "e-learning"),
    ("オンデマンド", "e-learning"),
];

/// Words of a title that say the credit was taken by e-learning (when no 形態 is given).
pub const E_LEARNING_TITLE_WORDS: &[&str] = &["e-learning", "eラーニング", "e-ラーニング"];

/// Whether `title` names e-learning.
fn title_says_e_learning(title: &str) -> bool {
    let key = word_key(title);
    E_LEARNING_TITLE_WORDS
        .iter()
        .any(|w| key.contains(&word_key(w)))
}

fn mode(text: &str, minutes: Option<u32>) -> Result<Mode, CellError> {
    let key = word_key(text);
    let meaning = if key.is_empty() {
        Some("受講")
    } else {
        MODE_WORDS
            .iter()
            .find(|(w, _)| word_key(w) == key)
            .map(|(_, m)| *m)
    };
    match meaning {
        Some("講師") => minutes
            .map(|minutes| Mode::Lectured { minutes })
            .ok_or(CellError::LectureWithoutMinutes),
        Some("e-learning") => Ok(Mode::ELearning),
        Some(_) => Ok(Mode::Attended),
        None => Err(CellError::UnknownMode {
            text: text.to_string(),
        }),
    }
}

impl Importable for Credit {
    fn fields() -> &'static [FieldSpec] {
        CREDIT_FIELDS
    }

    type Choices = CreditChoices;

    fn parse_row(
        row: &Row,
        mapping: &ColumnMapping,
        choices: &CreditChoices,
    ) -> Result<Self, Vec<CellError>> {
        let empty = Cell::Empty;
        let cell = |f: usize| mapping.get(f).map_or(&empty, |c| row.cell(c));
        let text = |f: usize| cell(f).text();
        let mut problems = Vec::new();
        let mut credit = Credit::default();
        let mut take = |r: Result<(), CellError>| {
            if let Err(e) = r {
                problems.push(e);
            }
        };
        let chosen = choices.kinds.get(&row.line).copied();
        take(
            kind(
                (&text(CATEGORY), mapping.get(CATEGORY)),
                (&text(ITEM), mapping.get(ITEM)),
                chosen,
            )
            .map(|k| credit.kind = k),
        );
        take(values::date(cell(DATE), CreditField::Date.label()).map(|d| credit.date = Some(d)));
        credit.title = text(TITLE);
        if credit.title.is_empty() {
            take(Err(CellError::Empty {
                label: CreditField::Title.label(),
            }));
        }
        credit.organiser = text(ORGANISER);
        let minutes = if cell(MINUTES).is_blank() {
            Ok(None)
        } else {
            values::whole_number(cell(MINUTES), CreditField::Minutes.label()).map(Some)
        };
        take(
            minutes
                .and_then(|m| mode(&text(MODE), m))
                .map(|m| credit.mode = m),
        );
        if cell(MODE).is_blank() && title_says_e_learning(&credit.title) {
            credit.mode = Mode::ELearning;
        }
        if !cell(UNITS).is_blank() {
            take(
                values::whole_number(cell(UNITS), CreditField::Units.label())
                    .map(|u| credit.units = u),
            );
        }
        take(
            values::yes_no(cell(PORTAL), CreditField::OnPortal.label())
                .map(|b| credit.on_portal = b),
        );
        take(
            values::yes_no(cell(PROOF), CreditField::ProofEnclosed.label())
                .map(|b| credit.proof_enclosed = b),
        );
        if !cell(ROLE).is_blank() {
            take(values::author_role(&text(ROLE)).map(|r| credit.role = r));
        }
        credit.note = text(NOTE);
        if problems.is_empty() {
            Ok(credit)
        } else {
            Err(problems)
        }
    }

    fn annotate(rows: &mut [PreviewRow<Self>], ctx: &Context<'_>) {
        let existing = ctx.app.credits.iter().enumerate();
        let how = Annotation {
            existing: existing
                .map(|(i, c)| (credit_key(c), format!("申請にすでにある単位{}", i + 1)))
                .collect(),
            key: &credit_key,
            date: &|c: &Credit| c.date,
            compared: "区分・日付・名称・形式",
        };
        annotate_rows(rows, ctx, how);
    }

    fn add_to(items: Vec<Self>, app: &mut Application) {
        app.credits.extend(items);
    }

    /// The list's columns, in export order.
    fn paste_orders() -> &'static [&'static [usize]] {
        &[&[
            CATEGORY, ITEM, DATE, TITLE, ORGANISER, MODE, MINUTES, UNITS, PORTAL, PROOF, ROLE, NOTE,
        ]]
    }

    fn insert_into(items: Vec<Self>, app: &mut Application, at: usize) {
        let at = at.min(app.credits.len());
        app.credits.splice(at..at, items);
    }

    fn reading_summary(preview: &Preview<Self>) -> Vec<ColumnSummary> {
        let mapping = &preview.mapping;
        let raw = |row: &Row, field: usize| mapping.get(field).map(|c| row.cell(c).clone());
        let yes_no = |b: bool| if b { "はい" } else { "いいえ" };
        let (mut kinds, mut items, mut modes) =
            (Tally::default(), Tally::default(), Tally::default());
        let (mut portal, mut proof) = (Tally::default(), Tally::default());
        let mut dates = DateColumn::default();
        let mut read = 0;
        for (row, credit) in preview.good_rows() {
            read += 1;
            kinds.add(category_label(credit.kind));
            let item = item_label(credit.kind);
            if !item.is_empty() {
                items.add(&item);
            }
            dates.add(raw(row, DATE).as_ref(), credit.date);
            let from_title =
                credit.mode == Mode::ELearning && raw(row, MODE).is_none_or(|c| c.is_blank());
            modes.add(if from_title {
                "e-learning（講習名から）"
            } else {
                credit.mode.label()
            });
            portal.add(yes_no(credit.on_portal));
            proof.add(yes_no(credit.proof_enclosed));
        }
        if read == 0 {
            return Vec::new();
        }
        let column = |field: usize, parts: Vec<String>| ColumnSummary {
            label: CREDIT_FIELDS.get(field).map_or("", |f| f.label),
            parts,
        };
        [
            column(CATEGORY, counted(kinds.sorted())),
            column(ITEM, counted(items.sorted())),
            column(DATE, dates.parts()),
            column(MODE, counted(modes.sorted())),
            column(PORTAL, counted(portal.sorted())),
            column(PROOF, counted(proof.sorted())),
        ]
        .into_iter()
        .filter(|c| !c.parts.is_empty())
        .collect()
    }

    fn summary(&self) -> String {
        let mode = match self.mode {
            Mode::Lectured { minutes } => format!("講師 {minutes}分"),
            m => m.label().to_string(),
        };
        let parts = [
            category_label(self.kind).to_string(),
            item_label(self.kind),
            self.date
                .map(crate::dates::format_slash)
                .unwrap_or_default(),
            self.title.clone(),
            mode,
            format!("{}単位", self.units),
            if self.on_portal {
                "ポータル登録済"
            } else {
                ""
            }
            .to_string(),
        ];
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// What the user chose in the preview for rows whose 区分 left several kinds open, by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreditChoices {
    /// The kind chosen for the row of each line.
    pub kinds: std::collections::BTreeMap<usize, CreditKind>,
    /// What each chosen row's cell said and the kinds it left open, to offer them again.
    pub offered: std::collections::BTreeMap<usize, (String, Vec<CreditKind>)>,
}

type CreditKey = (CreditKind, Option<NaiveDate>, String, &'static str);

fn credit_key(c: &Credit) -> CreditKey {
    let title: String = fold_width(&c.title)
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    (c.kind, c.date, title, c.mode.label())
}
