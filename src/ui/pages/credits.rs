//! The credit tables of categories ii (共通講習), iii (産婦人科領域講習), iv (学術業績・その他) and
//! the 「C.自己学習」 of category i: the item kinds of the rule set, the mode (受講 / 講師 with
//! minutes / e-learning), the portal and proof flags. Units the rules compute (lecturing by
//! minutes, papers by authorship …) are shown from the Report, not typed.

use eframe::egui::{self, RichText, Ui};

use super::issues_at;
use crate::model::{ActivityItem, CommonTopic, Credit, CreditField as F, CreditKind, Mode, Role};
use crate::rules::{self, CategoryCode, FieldPath, Report, UnitsInput};
use crate::ui::context::{Page, PageContext};
use crate::ui::table::{Cells, ColumnDef, RecordTable, TableRows};
use crate::ui::table_fit::{ColumnFit, TableKey};
use crate::ui::text;
use crate::ui::tokens;

/// The credit pages' own state: one table per category.
#[derive(Debug)]
pub struct CreditsView {
    tables: [RecordTable<Credit>; 4],
    /// The page was opened by keyboard: put the focus on its first cell (or the add button).
    pub focus_start: bool,
}

impl Default for CreditsView {
    fn default() -> Self {
        let table = |code: CategoryCode| RecordTable::new(TableKey::Credits(code));
        Self {
            tables: CategoryCode::ALL.map(table),
            focus_start: false,
        }
    }
}

/// The columns of one category's table: 領域講習 has one kind, so its 区分 is narrow.
fn columns(code: CategoryCode) -> [ColumnDef; 11] {
    let kind = match code {
        CategoryCode::Domain | CategoryCode::Clinical => ColumnFit::fixed(24.0),
        _ => ColumnFit::flexible(80.0, 1.0),
    };
    let single_kind = kind.grow == 0.0;
    let mode = match code {
        CategoryCode::Activity => text::COL_ROLE_CREDIT,
        _ => text::COL_MODE,
    };
    [
        ColumnDef::new(text::COL_KIND, kind).fits(if single_kind {
            ""
        } else {
            "（1）学会参加"
        }),
        ColumnDef::new(text::COL_CREDIT_DATE, ColumnFit::fixed(96.0)).fits("2023/12/31"),
        ColumnDef::new("講習名・\n演題名・\n論文名", ColumnFit::flexible(68.0, 3.0)),
        ColumnDef::new(mode, ColumnFit::fixed(92.0)),
        ColumnDef::new("講演\n時間\n（分）", ColumnFit::fixed(48.0)).fits("888"),
        ColumnDef::new(text::COL_UNITS, ColumnFit::fixed(40.0)).fits("888"),
        ColumnDef::new("ポータル\n登録済み", ColumnFit::fixed(44.0)),
        ColumnDef::new("証明\n書類を\n同封", ColumnFit::fixed(44.0)),
        ColumnDef::new("主催者・\n学会名・\n雑誌名", ColumnFit::flexible(60.0, 2.0)),
        ColumnDef::new(text::COL_NOTE, ColumnFit::flexible(36.0, 1.0)),
        ColumnDef::new(text::COL_ACTIONS, ColumnFit::fixed(36.0)),
    ]
}

/// What a page shows: which category, and which kind a new credit gets.
fn page_kind(page: Page) -> (CategoryCode, CreditKind) {
    match page {
        Page::Common => (
            CategoryCode::Common,
            CreditKind::Common(CommonTopic::Safety),
        ),
        Page::Activity => (
            CategoryCode::Activity,
            CreditKind::Activity(ActivityItem::MeetingAttendance),
        ),
        // 「C.自己学習」 is recorded on the case page, in place of cases.
        Page::Cases => (CategoryCode::Clinical, CreditKind::SelfStudy),
        _ => (CategoryCode::Domain, CreditKind::Domain),
    }
}

/// One category's credit rows as the table draws them.
struct CreditRows {
    code: CategoryCode,
    kind: CreditKind,
    columns: [ColumnDef; 11],
    /// How each credit of the application gets its units.
    from: Vec<UnitsInput>,
}

impl TableRows for CreditRows {
    const FIRST_FIELD: F = F::Date;
    const ADD_LABEL: &'static str = text::ADD_CREDIT;
    type Record = Credit;

    fn columns(&self) -> &[ColumnDef] {
        &self.columns
    }

    fn cell_ui(&self, column: usize, ui: &mut Ui, cells: &mut Cells<'_, Credit>) {
        let from = self
            .from
            .get(cells.i)
            .copied()
            .unwrap_or(UnitsInput::Entered);
        match column {
            0 => kind_ui(ui, cells),
            1 => cells.date_ui(ui, F::Date, |c| &mut c.date),
            2 => cells.text_ui(ui, F::Title, |c| &mut c.title),
            3 if self.code != CategoryCode::Activity => {
                let minutes = match cells.record.mode {
                    Mode::Lectured { minutes } => minutes,
                    _ => 0,
                };
                let modes = [Mode::Attended, Mode::Lectured { minutes }, Mode::ELearning];
                let label = |m: Mode| m.label().to_owned();
                cells.choice_ui(ui, F::Mode, &modes, label, label, |c| &mut c.mode);
            }
            3 if from == UnitsInput::Role => {
                let label = |r: Role| r.label().to_owned();
                cells.choice_ui(ui, F::Role, &Role::ALL, label, label, |c| &mut c.role);
            }
            // 0 is how an empty minutes field is kept.
            4 if from == UnitsInput::Minutes => {
                let set = |c: &mut Credit, v: Option<u32>| {
                    c.mode = Mode::Lectured {
                        minutes: v.unwrap_or(0),
                    }
                };
                let width = ui.available_width();
                cells.number_ui(ui, F::Minutes, width, |c| c.mode.minutes(), set);
            }
            5 => units_ui(ui, cells, from),
            6 => cells.flag_ui(ui, F::OnPortal, |c| &mut c.on_portal),
            7 => cells.flag_ui(ui, F::ProofEnclosed, |c| &mut c.proof_enclosed),
            8 => cells.text_ui(ui, F::Organiser, |c| &mut c.organiser),
            9 => cells.text_ui(ui, F::Note, |c| &mut c.note),
            10 => cells.row_menu_ui(ui, text::COL_ACTIONS),
            _ => {}
        }
    }

    fn pinned_texts(&self, _: usize, credit: &Credit) -> Vec<String> {
        let date = credit.date.map(crate::dates::format_slash);
        vec![credit.kind.table_label(), date.unwrap_or_default()]
    }

    /// Same kind and mode as the credit before (a lecture's minutes are typed afresh).
    fn new_after(&self, last: Option<&Credit>) -> Credit {
        let (kind, mode) = match last {
            Some(last) => (last.kind, last.mode.afresh()),
            // 「C.自己学習」 is test付き e-learning.
            None if self.kind == CreditKind::SelfStudy => (self.kind, Mode::ELearning),
            None => (self.kind, Mode::Attended),
        };
        Credit {
            kind,
            mode,
            ..Credit::default()
        }
    }

    fn keys(&self, _: &egui::Context) -> String {
        text::CREDIT_KEYS.to_owned()
    }

    fn counts_ui(&self, ui: &mut Ui, report: &Report, shown: &[usize]) {
        let c = report.category(self.code);
        ui.label(RichText::new(text::credit_counts(shown.len(), c.counted)).strong());
        ui.label(text::category_line(c.counted, c.min, c.max));
    }

    fn row_height(&self) -> f32 {
        // Check boxes and pick-lists need a little more than a case row.
        tokens::ROW_HEIGHT + 4.0
    }
}

/// The units: typed where the rules take them as entered, else computed; 「!」 when not counted.
fn units_ui(ui: &mut Ui, cells: &mut Cells<'_, Credit>, from: UnitsInput) {
    let i = cells.i;
    if from == UnitsInput::Entered {
        cells.number_ui(
            ui,
            F::Units,
            36.0,
            |c| Some(c.units),
            |c, v| c.units = v.unwrap_or(0),
        );
    } else {
        let units = cells.report.and_then(|r| r.credit_units.get(i).copied());
        cells.computed_ui(ui, units.map_or_else(String::new, |u| u.to_string()));
    }
    if !cells
        .report
        .and_then(|r| r.credit_counted.get(i).copied())
        .unwrap_or(false)
    {
        let reason = issues_at(cells.report, FieldPath::Credit(i, F::Units));
        cells.not_counted_ui(ui, reason.as_deref());
    }
}

/// The topic or item (the list also names its group: 必修A …); none for a single-kind category.
fn kind_ui(ui: &mut Ui, cells: &mut Cells<'_, Credit>) {
    let options = cells.record.kind.siblings();
    if options.is_empty() {
        return;
    }
    let shown = |k: CreditKind| match k {
        CreditKind::Common(t) => t.label().to_owned(),
        other => other.table_label(),
    };
    cells.choice_ui(ui, F::Kind, &options, shown, CreditKind::table_label, |c| {
        &mut c.kind
    });
}

impl CreditsView {
    /// Draws the page of one category.
    pub fn credits_page_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>, page: Page) {
        // Measured before anything is drawn: a row wider than the page would widen it.
        let page_width = ui.available_width();
        let (code, kind) = page_kind(page);
        let credits = &cx.doc.app().credits;
        let indices: Vec<usize> = (0..credits.len())
            .filter(|&i| {
                credits
                    .get(i)
                    .is_some_and(|c| CategoryCode::of(c.kind) == code)
            })
            .collect();
        let rules = cx.doc.rules().ok();
        let from = credits
            .iter()
            .map(|c| rules::units_input(c, rules))
            .collect();
        let rows = CreditRows {
            code,
            kind,
            columns: columns(code),
            from,
        };
        let slot = CategoryCode::ALL.iter().position(|&c| c == code);
        let Some(table) = slot.and_then(|slot| self.tables.get_mut(slot)) else {
            return;
        };
        table.focus_start |= std::mem::take(&mut self.focus_start);
        table.page_ui(ui, cx, &rows, &indices, page_width, |ui, cx| {
            if code == CategoryCode::Common
                && let Some(report) = cx.doc.report()
            {
                super::summary::topic_line_ui(ui, report);
            }
        });
    }
}
