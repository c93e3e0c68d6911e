//! Credits from a spreadsheet with one row per credit (columns documented in docs/import.md).

use chrono::NaiveDate;

use crate::dates::fold_width;
use crate::model::vocabulary::word_key;
use crate::model::{ActivityItem, Application, CommonTopic, Credit, CreditField, CreditKind, Mode};

use super::columns::{ColumnMapping, FieldSpec};
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
        &["カテゴリ", "分類", "category"],
        true,
    ),
    field("項目", &["講習区分", "領域", "item", "topic"], false),
    field(
        CreditField::Date.label(),
        &["開催日", "受講日", "発表日", "年月日", "date"],
        true,
    ),
    field(
        CreditField::Title.label(),
        &[
            "名称",
            "講習名",
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
        &["形式", "受講形式", "受講/講師", "mode"],
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

/// `ii` / `共通講習`, `iii` / `領域講習`, `iv` / `学術業績` — the category column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Common,
    Domain,
    Activity,
    SelfStudy,
}

fn category(text: &str) -> Result<Category, CellError> {
    let key = fold_width(text)
        .to_lowercase()
        .replace([' ', '・', ')', '('], "");
    match key.as_str() {
        "ii" | "2" | "共通講習" | "専門医共通講習" | "共通" => Ok(Category::Common),
        "iii" | "3" | "領域講習" | "産婦人科領域講習" | "領域" => {
            Ok(Category::Domain)
        }
        "iv" | "4" | "学術業績" | "学術業績診療以外の活動実績" | "活動実績" | "学術" => {
            Ok(Category::Activity)
        }
        "自己学習" | "c自己学習" | "c.自己学習" => Ok(Category::SelfStudy),
        _ => Err(CellError::UnknownCategory {
            text: text.to_string(),
        }),
    }
}

fn common_topic(text: &str) -> Result<CommonTopic, CellError> {
    let key: String = fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let key = key
        .trim_start_matches("必修A")
        .trim_start_matches("必修B")
        .to_string();
    if matches!(key.as_str(), "任意C" | "任意" | "任意講習" | "C") {
        return Ok(CommonTopic::Optional);
    }
    CommonTopic::ALL
        .into_iter()
        .find(|t| t.label() == key)
        .ok_or_else(|| {
            let names: Vec<&str> = CommonTopic::ALL.iter().map(|t| t.label()).collect();
            CellError::UnknownTopic {
                text: text.to_string(),
                topics: names.join("・"),
            }
        })
}

fn activity_item(text: &str) -> Result<ActivityItem, CellError> {
    let key: String = fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect();
    if let Ok(n) = key.parse::<u8>()
        && let Some(item) = ActivityItem::ALL.into_iter().find(|i| i.number() == n)
    {
        return Ok(item);
    }
    ActivityItem::ALL
        .into_iter()
        .find(|i| {
            let label: String = i.label().chars().filter(|c| !c.is_whitespace()).collect();
            key == label || key.ends_with(&label)
        })
        .ok_or_else(|| CellError::UnknownActivityItem {
            text: text.to_string(),
        })
}

fn mode(text: &str, minutes: Option<u32>) -> Result<Mode, CellError> {
    let key = word_key(text);
    let is = |words: &[&str]| words.iter().any(|w| word_key(w) == key);
    if is(&["", "受講", "参加", "出席"]) {
        Ok(Mode::Attended)
    } else if is(&["講師", "講演"]) {
        minutes
            .map(|minutes| Mode::Lectured { minutes })
            .ok_or(CellError::LectureWithoutMinutes)
    } else if is(&["e-learning", "eラーニング", "web講習"]) {
        Ok(Mode::ELearning)
    } else {
        Err(CellError::UnknownMode {
            text: text.to_string(),
        })
    }
}

impl Importable for Credit {
    fn fields() -> &'static [FieldSpec] {
        CREDIT_FIELDS
    }

    fn parse_row(row: &Row, mapping: &ColumnMapping) -> Result<Self, Vec<CellError>> {
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
        let item_text = text(ITEM);
        take(category(&text(CATEGORY)).and_then(|c| {
            credit.kind = match c {
                Category::Common => CreditKind::Common(common_topic(&item_text)?),
                Category::Domain => CreditKind::Domain,
                Category::Activity => CreditKind::Activity(activity_item(&item_text)?),
                Category::SelfStudy => CreditKind::SelfStudy,
            };
            Ok(())
        }));
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
            modes.add(credit.mode.label());
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

type CreditKey = (CreditKind, Option<NaiveDate>, String, &'static str);

fn credit_key(c: &Credit) -> CreditKey {
    let title: String = fold_width(&c.title)
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    (c.kind, c.date, title, c.mode.label())
}

/// The category column's text for a credit, as exported.
pub fn category_label(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Common(_) => "共通講習",
        CreditKind::Domain => "領域講習",
        CreditKind::Activity(_) => "学術業績",
        CreditKind::SelfStudy => "自己学習",
    }
}

/// The item column's text for a credit, as exported (`医療安全`, `(2) 学術集会発表`).
pub fn item_label(kind: CreditKind) -> String {
    match kind {
        CreditKind::Common(CommonTopic::Optional) => "任意C".into(),
        CreditKind::Common(t) => t.label().into(),
        CreditKind::Domain | CreditKind::SelfStudy => String::new(),
        CreditKind::Activity(i) => format!("({}) {}", i.number(), i.label()),
    }
}
