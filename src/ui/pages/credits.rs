//! The credit editors of categories ii (共通講習), iii (産婦人科領域講習) and iv (学術業績・その他):
//! one table per category, with the item kinds of the rule set, the mode (受講 / 講師 with
//! minutes / e-learning), the portal and proof flags. Units the rules compute (lecturing by
//! minutes, papers by authorship …) are shown from the Report, not typed.

use eframe::egui::{self, Align, Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::issues_at;
use crate::model::{ActivityItem, CommonTopic, Credit, CreditField, CreditKind, Mode, Role};
use crate::rules::{CategoryCode, FieldPath, ItemUnits, Report, RuleSet};
use crate::ui::context::{Page, PageContext, Target};
use crate::ui::document::EditKey;
use crate::ui::pick_keys;
use crate::ui::table_fit::{
    self, ColumnFit, ColumnGrips, EnterAction, FrameNotes, PinnedRow, TableFocus,
};
use crate::ui::text;
use crate::ui::tokens::{self, colour};
use crate::ui::widgets::{self, Drafts, mark_invalid_ui};

/// The credit pages' own state.
#[derive(Debug, Default)]
pub struct CreditsView {
    /// A credit whose date cell should take the focus (after adding a row, or Enter).
    focus: Option<usize>,
    /// The focused cell and the horizontal scrolling that follows it, per category.
    table_focus: [TableFocus; 4],
    /// The page was opened by keyboard: put the focus on its first cell (or the add button).
    pub focus_start: bool,
    /// The cell a finding pointed to, until its row is drawn and the cell takes the focus.
    focus_field: Option<(usize, CreditField)>,
}

/// The credit tables' columns, narrowest usable widths first; the text columns give way.
/// The first (区分) is replaced per category, see [`columns`].
const COLUMNS: [ColumnFit; 11] = [
    ColumnFit::flexible(98.0, 1.0), // 区分
    ColumnFit::fixed(120.0),        // 日付
    ColumnFit::flexible(76.0, 3.0), // 講習名・演題名・論文名
    ColumnFit::fixed(98.0),         // 形態 / 立場
    ColumnFit::fixed(48.0),         // 講演時間（分）
    ColumnFit::fixed(40.0),         // 単位
    ColumnFit::fixed(44.0),         // ポータル登録済み
    ColumnFit::fixed(44.0),         // 証明書類を同封
    ColumnFit::flexible(60.0, 2.0), // 主催者・学会名・雑誌名
    ColumnFit::flexible(44.0, 1.0), // 備考
    ColumnFit::fixed(48.0),         // 操作
];
/// Height of a credit row (check boxes and pick-lists need a little more than a case row).
const CREDIT_ROW_HEIGHT: f32 = tokens::ROW_HEIGHT + 4.0;
/// 区分 and date tell the row; they stay in view.
const PINNED_TITLES: [&str; 2] = [text::COL_KIND, text::COL_CREDIT_DATE];

/// The columns of one category's table: 領域講習 has a single kind, so its 区分 is narrow.
fn columns(code: CategoryCode) -> [ColumnFit; 11] {
    let mut columns = COLUMNS;
    if matches!(code, CategoryCode::Domain | CategoryCode::Clinical) {
        columns[0] = ColumnFit::fixed(24.0);
    }
    columns
}

/// The column titles of one category's table, in order.
fn titles(code: CategoryCode) -> [&'static str; 11] {
    [
        text::COL_KIND,
        text::COL_CREDIT_DATE,
        text::COL_TITLE,
        if code == CategoryCode::Activity {
            text::COL_ROLE_CREDIT
        } else {
            text::COL_MODE
        },
        text::COL_MINUTES,
        text::COL_UNITS,
        text::COL_PORTAL,
        text::COL_PROOF,
        text::COL_ORGANISER,
        text::COL_NOTE,
        text::COL_ACTIONS,
    ]
}

fn focus_slot(code: CategoryCode) -> usize {
    match code {
        CategoryCode::Common => 0,
        CategoryCode::Domain => 1,
        CategoryCode::Activity => 2,
        CategoryCode::Clinical => 3,
    }
}

enum CreditEdit {
    Field(usize, CreditField, Credit),
    Add(Credit),
    Delete(usize),
}

/// What a page shows: which credits, and which kind a new one gets.
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

fn in_category(kind: CreditKind, code: CategoryCode) -> bool {
    matches!(
        (kind, code),
        (CreditKind::Common(_), CategoryCode::Common)
            | (CreditKind::Domain, CategoryCode::Domain)
            | (CreditKind::Activity(_), CategoryCode::Activity)
            | (CreditKind::SelfStudy, CategoryCode::Clinical)
    )
}

/// How the rules find a credit's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitsFrom {
    Entered,
    Minutes,
    Role,
    Fixed,
}

fn units_from(credit: &Credit, rules: Option<&RuleSet>) -> UnitsFrom {
    match credit.kind {
        CreditKind::SelfStudy => UnitsFrom::Entered,
        CreditKind::Common(_) | CreditKind::Domain => match credit.mode {
            Mode::Lectured { .. } => UnitsFrom::Minutes,
            Mode::Attended | Mode::ELearning => UnitsFrom::Entered,
        },
        CreditKind::Activity(item) => match rules.and_then(|r| r.item_rule(item)).map(|r| &r.units)
        {
            Some(ItemUnits::AsEntered) | None => UnitsFrom::Entered,
            Some(ItemUnits::PerEntry(_)) => UnitsFrom::Fixed,
            Some(ItemUnits::ByRole { .. }) => UnitsFrom::Role,
            Some(ItemUnits::ByMinutes(_)) => UnitsFrom::Minutes,
        },
    }
}

impl CreditsView {
    /// Draws the page of one category.
    pub fn credits_page_ui(&mut self, ui: &mut Ui, cx: &mut PageContext<'_>, page: Page) {
        // Measured before anything is drawn: a row wider than the page would widen it.
        let page_width = ui.available_width();
        let (code, new_kind) = page_kind(page);
        let indices: Vec<usize> = cx
            .doc
            .app()
            .credits
            .iter()
            .enumerate()
            .filter(|(_, c)| in_category(c.kind, code))
            .map(|(i, _)| i)
            .collect();
        let mut edits = Vec::new();
        ui.add_space(tokens::GAP);
        ui.horizontal_wrapped(|ui| {
            let add = ui.button(text::ADD_CREDIT);
            if std::mem::take(&mut self.focus_start) {
                match indices.first() {
                    Some(&first) => self.focus = Some(first),
                    None => add.request_focus(),
                }
            }
            if add.clicked() {
                let credit = match indices.last().and_then(|&i| cx.doc.app().credits.get(i)) {
                    Some(last) => next_credit(last),
                    None => Credit {
                        kind: new_kind,
                        // 「C.自己学習」 is test付き e-learning.
                        mode: if new_kind == CreditKind::SelfStudy {
                            Mode::ELearning
                        } else {
                            Mode::Attended
                        },
                        ..Credit::default()
                    },
                };
                edits.push(CreditEdit::Add(credit));
            }
            if let Some(report) = cx.doc.report() {
                let c = report.category(code);
                ui.label(RichText::new(text::credit_counts(indices.len(), c.counted)).strong());
                ui.label(text::category_line(c.counted, c.min, c.max));
            }
        });
        if code == CategoryCode::Common
            && let Some(report) = cx.doc.report()
        {
            topics_ui(ui, report);
        }
        ui.label(
            RichText::new(text::CREDIT_KEYS)
                .small()
                .color(widgets::faint(ui)),
        );
        ui.add_space(tokens::GAP);
        let table_name = format!("credits-{}", code.roman());
        let titles = titles(code);
        let chosen = cx.columns.of(&table_name, COLUMNS.len());
        let (widths, _) = table_fit::fit_widths_chosen(&columns(code), &chosen, page_width);
        let mut notes = FrameNotes::default();
        let slot = focus_slot(code);
        let scroll_x = self
            .table_focus
            .get_mut(slot)
            .and_then(TableFocus::take_scroll);
        let id = ("credits-h", code.roman());
        let output = table_fit::horizontal_table_ui(ui, id, page_width, scroll_x, |ui| {
            self.table_ui(ui, cx, code, &indices, &widths, &mut notes, &mut edits);
        });
        table_fit::pinned_and_focus_ui(
            ui,
            &output,
            &PINNED_TITLES,
            &widths,
            &notes,
            self.table_focus.get_mut(slot),
            Some(ColumnGrips {
                table: &table_name,
                titles: &titles,
                chosen: cx.columns,
            }),
        );
        self.apply(cx, edits);
    }

    #[allow(clippy::too_many_arguments)]
    fn table_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PageContext<'_>,
        code: CategoryCode,
        indices: &[usize],
        widths: &[f32],
        notes: &mut FrameNotes,
        edits: &mut Vec<CreditEdit>,
    ) {
        let enter = self
            .table_focus
            .get(focus_slot(code))
            .and_then(|f| f.enter(ui, indices.len(), cx.enter_allowed));
        match enter {
            Some(EnterAction::AddRow) => {
                if let Some(credit) = indices.last().and_then(|&i| cx.doc.app().credits.get(i)) {
                    edits.push(CreditEdit::Add(next_credit(credit)));
                }
            }
            Some(EnterAction::NextRow(row)) => self.focus = indices.get(row).copied(),
            None => {}
        }
        ui.spacing_mut().item_spacing.x = table_fit::COLUMN_GAP;
        let today = cx.today;
        let app = cx.doc.app();
        let report = cx.doc.report();
        let rules = cx.doc.rules().ok();
        let target = cx.target.as_ref().and_then(|t| match t.path {
            FieldPath::Credit(i, _) => Some((i, t.scroll)),
            _ => None,
        });
        if let Some(Target {
            path: FieldPath::Credit(i, field),
            scroll: true,
        }) = cx.target.as_ref().copied()
        {
            self.focus_field = Some((i, field));
        }
        let scroll_to = self.focus.or(target.filter(|t| t.1).map(|t| t.0));
        let mut table = TableBuilder::new(ui)
            .id_salt(("credits", code.roman()))
            .striped(true)
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(Align::Center));
        for &w in widths {
            table = table.column(Column::exact(w).clip(true));
        }
        if let Some(pos) = scroll_to.and_then(|i| indices.iter().position(|&r| r == i)) {
            table = table.scroll_to_row(pos, Some(Align::Center));
            if let Some(t) = cx.target.as_mut() {
                t.scroll = false;
            }
        }
        let slot = focus_slot(code);
        let selected_row = self
            .table_focus
            .get(slot)
            .and_then(TableFocus::selected_row);
        let heights = self
            .table_focus
            .get(slot)
            .map(|f| f.row_heights(indices.len(), CREDIT_ROW_HEIGHT));
        let mut measured_height = None;
        let drafts = &mut *cx.drafts;
        let mut focus = self.focus;
        let mut focus_field = self.focus_field;
        table
            .header(tokens::HEADER_HEIGHT * 2.2, |mut header| {
                for title in titles(code) {
                    let (rect, _) = header.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(title).strong()).wrap());
                    });
                    notes.note_header_cell(rect);
                }
            })
            .body(|body| {
                let heights = heights.into_iter().flatten();
                body.heterogeneous_rows(heights, |mut row| {
                    let display_row = row.index();
                    let Some(&i) = indices.get(display_row) else {
                        return;
                    };
                    let Some(credit) = app.credits.get(i) else {
                        return;
                    };
                    if target.is_some_and(|t| t.0 == i) || selected_row == Some(display_row) {
                        row.set_selected(true);
                    }
                    let counted = report
                        .and_then(|r| r.credit_counted.get(i).copied())
                        .unwrap_or(false);
                    let units = report.and_then(|r| r.credit_units.get(i).copied());
                    let mut cells = CreditCells {
                        i,
                        credit: credit.clone(),
                        changed: None,
                        report,
                        drafts,
                        row: display_row,
                        notes: &mut *notes,
                        focus_field: focus_field.filter(|(c, _)| *c == i).map(|(_, f)| f),
                        wrap: selected_row == Some(display_row),
                        tallest: 0.0,
                    };
                    let from = units_from(credit, rules);
                    let (kind_rect, _) = row.col(|ui| cells.kind_ui(ui));
                    let (date_rect, _) = row.col(|ui| {
                        let r = cells.date_ui(ui);
                        if credit.date.is_some_and(|d| d > today) {
                            widgets::mark_planned_ui(
                                ui,
                                &r,
                                text::credit_cell(i + 1, text::COL_CREDIT_DATE),
                            );
                        }
                        if focus == Some(i) {
                            r.request_focus();
                            focus = None;
                        }
                    });
                    row.col(|ui| cells.text_ui(ui, CreditField::Title, |c| &mut c.title));
                    row.col(|ui| match (code, from) {
                        (CategoryCode::Activity, UnitsFrom::Role) => cells.role_ui(ui),
                        (CategoryCode::Activity, _) => {}
                        _ => cells.mode_ui(ui),
                    });
                    row.col(|ui| {
                        if from == UnitsFrom::Minutes {
                            cells.minutes_ui(ui);
                        }
                    });
                    row.col(|ui| {
                        if from == UnitsFrom::Entered {
                            cells.units_ui(ui);
                        } else {
                            let shown = units.map_or_else(String::new, |u| u.to_string());
                            ui.label(RichText::new(shown).strong())
                                .on_hover_text(text::UNITS_COMPUTED);
                        }
                        if !counted {
                            ui.colored_label(colour::WARNING, "!").on_hover_text(
                                issues_at(report, FieldPath::Credit(i, CreditField::Units))
                                    .unwrap_or_else(|| row_issues(report, i)),
                            );
                        }
                    });
                    row.col(|ui| cells.flag_ui(ui, CreditField::OnPortal, |c| &mut c.on_portal));
                    row.col(|ui| {
                        cells.flag_ui(ui, CreditField::ProofEnclosed, |c| &mut c.proof_enclosed)
                    });
                    row.col(|ui| cells.text_ui(ui, CreditField::Organiser, |c| &mut c.organiser));
                    row.col(|ui| cells.text_ui(ui, CreditField::Note, |c| &mut c.note));
                    row.col(|ui| {
                        if ui.small_button(text::DELETE).clicked() {
                            edits.push(CreditEdit::Delete(i));
                        }
                    });
                    if cells.focus_field.is_none() && focus_field.is_some_and(|(c, _)| c == i) {
                        focus_field = None;
                    }
                    if cells.wrap {
                        measured_height = Some(cells.tallest);
                    }
                    if let Some(field) = cells.changed {
                        edits.push(CreditEdit::Field(i, field, cells.credit));
                    }
                    notes.rows.push(PinnedRow {
                        row: display_row,
                        rect: kind_rect.union(date_rect),
                        cells: vec![
                            kind_label(credit.kind),
                            credit
                                .date
                                .map(crate::dates::format_slash)
                                .unwrap_or_default(),
                        ],
                    });
                });
            });
        self.focus = focus;
        self.focus_field = focus_field;
        if let Some(f) = self.table_focus.get_mut(slot) {
            f.measured_selected_row(ui.ctx(), measured_height, CREDIT_ROW_HEIGHT);
        }
        if indices.is_empty() {
            ui.label(text::NO_ROWS);
        }
    }

    fn apply(&mut self, cx: &mut PageContext<'_>, edits: Vec<CreditEdit>) {
        for edit in edits {
            match edit {
                CreditEdit::Field(i, field, credit) => {
                    cx.doc.edit(EditKey::Credit(i, field), |a| {
                        if let Some(c) = a.credits.get_mut(i) {
                            *c = credit;
                        }
                    })
                }
                CreditEdit::Add(credit) => {
                    cx.doc.edit(EditKey::Structure, |a| a.credits.push(credit));
                    self.focus = cx.doc.app().credits.len().checked_sub(1);
                    cx.drafts.clear();
                }
                CreditEdit::Delete(i) => {
                    cx.doc.edit(EditKey::Structure, |a| {
                        if i < a.credits.len() {
                            a.credits.remove(i);
                        }
                    });
                    cx.drafts.clear();
                }
            }
        }
    }
}

/// A new credit after `last`: same kind and mode (a lecture's minutes are typed afresh).
fn next_credit(last: &Credit) -> Credit {
    Credit {
        kind: last.kind,
        mode: match last.mode {
            Mode::Lectured { .. } => Mode::Lectured { minutes: 0 },
            other => other,
        },
        ..Credit::default()
    }
}

/// The kind as shown in the 区分 column.
fn kind_label(kind: CreditKind) -> String {
    match kind {
        CreditKind::Common(t) => format!("{} {}", t.group().label(), t.label()),
        CreditKind::Domain | CreditKind::SelfStudy => String::new(),
        CreditKind::Activity(item) => format!("({}) {}", item.number(), item.label()),
    }
}

/// The column title of a credit field.
fn column_label(field: CreditField) -> &'static str {
    match field {
        CreditField::Kind => text::COL_KIND,
        CreditField::Date => text::COL_CREDIT_DATE,
        CreditField::Title => text::COL_TITLE,
        CreditField::Organiser => text::COL_ORGANISER,
        CreditField::Mode => text::COL_MODE,
        CreditField::Minutes => text::COL_MINUTES,
        CreditField::Units => text::COL_UNITS,
        CreditField::Role => text::COL_ROLE_CREDIT,
        CreditField::OnPortal => text::COL_PORTAL,
        CreditField::ProofEnclosed => text::COL_PROOF,
        CreditField::Note => text::COL_NOTE,
    }
}

/// All findings about one credit, for the "does not count" mark.
fn row_issues(report: Option<&Report>, i: usize) -> String {
    report
        .map(|r| {
            r.findings
                .iter()
                .filter(|f| matches!(f.path, FieldPath::Credit(c, _) if c == i))
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// Category ii per topic, as the portal shows it.
fn topics_ui(ui: &mut Ui, report: &Report) {
    ui.horizontal_wrapped(|ui| {
        for t in &report.common_topics {
            let group = t.topic.group().label();
            let shown = format!("{group} {} {}", t.topic.label(), t.counted);
            let required_missing = report
                .findings
                .iter()
                .any(|f| f.path == FieldPath::Topic(t.topic));
            if required_missing {
                ui.colored_label(colour::ERROR, shown).on_hover_text(
                    issues_at(Some(report), FieldPath::Topic(t.topic)).unwrap_or_default(),
                );
            } else {
                ui.label(shown);
            }
            ui.separator();
        }
    });
}

struct CreditCells<'a> {
    i: usize,
    credit: Credit,
    changed: Option<CreditField>,
    report: Option<&'a Report>,
    drafts: &'a mut Drafts,
    /// The row's place in the table as shown.
    row: usize,
    notes: &'a mut FrameNotes,
    /// The field of this row a finding pointed to; taken (set to None) once focused.
    focus_field: Option<CreditField>,
    /// The row holds the cursor: its text cells show their whole text, wrapped.
    wrap: bool,
    /// The tallest text cell drawn (to size the row being edited).
    tallest: f32,
}

impl CreditCells<'_> {
    fn mark_ui(&mut self, ui: &Ui, field: CreditField, response: egui::Response) {
        widgets::name_widget(&response, || {
            text::credit_cell(self.i + 1, column_label(field))
        });
        if self.focus_field == Some(field) {
            response.request_focus();
            self.focus_field = None;
        }
        self.notes.note_cell(self.row, &response);
        if let Some(issue) = issues_at(self.report, FieldPath::Credit(self.i, field)) {
            mark_invalid_ui(ui, response, &issue);
        }
    }

    fn kind_ui(&mut self, ui: &mut Ui) {
        let mut kind = self.credit.kind;
        // The cell shows the topic or item; the list also names its group (必修A …).
        let shown = |k: CreditKind| match k {
            CreditKind::Common(t) => t.label().to_owned(),
            other => kind_label(other),
        };
        let label = kind_label;
        let options: Vec<CreditKind> = match kind {
            CreditKind::Common(_) => CommonTopic::ALL
                .iter()
                .map(|&t| CreditKind::Common(t))
                .collect(),
            CreditKind::Activity(_) => ActivityItem::ALL
                .iter()
                .map(|&t| CreditKind::Activity(t))
                .collect(),
            CreditKind::Domain | CreditKind::SelfStudy => return,
        };
        let width = Some(ui.available_width() - 8.0);
        let salt = ("credit-kind", self.i);
        let r = pick_keys::combo_ui(ui, salt, shown(kind), width, &mut kind, &options, label);
        if kind != self.credit.kind {
            self.credit.kind = kind;
            self.changed = Some(CreditField::Kind);
        }
        self.mark_ui(ui, CreditField::Kind, r);
    }

    fn date_ui(&mut self, ui: &mut Ui) -> egui::Response {
        let id = Id::unique(("credit", self.i, CreditField::Date));
        let width = ui.available_width();
        let (r, new) = widgets::date_cell_ui(ui, id, self.credit.date, self.drafts, width);
        self.drafts.link(
            id,
            FieldPath::Credit(self.i, CreditField::Date),
            text::COL_CREDIT_DATE,
        );
        if let Some(new) = new
            && new != self.credit.date
        {
            self.credit.date = new;
            self.changed = Some(CreditField::Date);
        }
        self.mark_ui(ui, CreditField::Date, r.clone());
        r
    }

    fn text_ui(
        &mut self,
        ui: &mut Ui,
        field: CreditField,
        get: impl Fn(&mut Credit) -> &mut String,
    ) {
        let id = Id::unique(("credit", self.i, field));
        let width = ui.available_width();
        let (r, new) = widgets::text_cell_id_ui(ui, id, get(&mut self.credit), width, self.wrap);
        self.tallest = self.tallest.max(r.rect.height());
        if let Some(new) = new {
            *get(&mut self.credit) = new;
            self.changed = Some(field);
        }
        self.mark_ui(ui, field, r);
    }

    fn mode_ui(&mut self, ui: &mut Ui) {
        let mut mode = self.credit.mode;
        // A lecture's minutes start empty (0): a default would claim units nobody checked.
        let minutes = match mode {
            Mode::Lectured { minutes } => minutes,
            _ => 0,
        };
        let modes = [Mode::Attended, Mode::Lectured { minutes }, Mode::ELearning];
        let width = Some(ui.available_width() - 8.0);
        let salt = ("credit-mode", self.i);
        let r = pick_keys::combo_ui(
            ui,
            salt,
            mode.label(),
            width,
            &mut mode,
            &modes,
            Mode::label,
        );
        if r.has_focus()
            && let Some(typed) = widgets::typed_choice(ui, &modes, Mode::label)
        {
            mode = typed;
        }
        if mode != self.credit.mode {
            self.credit.mode = mode;
            self.changed = Some(CreditField::Mode);
        }
        self.mark_ui(ui, CreditField::Mode, r);
    }

    fn role_ui(&mut self, ui: &mut Ui) {
        let mut role = self.credit.role;
        let width = Some(ui.available_width() - 8.0);
        let salt = ("credit-role", self.i);
        let r = pick_keys::combo_ui(
            ui,
            salt,
            role.label(),
            width,
            &mut role,
            &Role::ALL,
            Role::label,
        );
        if r.has_focus()
            && let Some(typed) = widgets::typed_choice(ui, &Role::ALL, Role::label)
        {
            role = typed;
        }
        self.mark_ui(ui, CreditField::Role, r);
        if role != self.credit.role {
            self.credit.role = role;
            self.changed = Some(CreditField::Role);
        }
    }

    fn minutes_ui(&mut self, ui: &mut Ui) {
        let id = Id::unique(("credit", self.i, CreditField::Minutes));
        // 0 is how an empty minutes field is kept.
        let current = match self.credit.mode {
            Mode::Lectured { minutes } if minutes > 0 => Some(minutes),
            _ => None,
        };
        let width = ui.available_width();
        let (r, new) = widgets::number_cell_ui(ui, id, current, self.drafts, width);
        if let Some(new) = new
            && new != current
        {
            self.credit.mode = Mode::Lectured {
                minutes: new.unwrap_or(0),
            };
            self.changed = Some(CreditField::Minutes);
        }
        // The minutes' findings (missing, too short, implausible) lead here.
        self.mark_ui(ui, CreditField::Minutes, r);
    }

    fn units_ui(&mut self, ui: &mut Ui) {
        let id = Id::unique(("credit", self.i, CreditField::Units));
        let (r, new) = widgets::number_cell_ui(ui, id, Some(self.credit.units), self.drafts, 36.0);
        if let Some(new) = new {
            let units = new.unwrap_or(0);
            if units != self.credit.units {
                self.credit.units = units;
                self.changed = Some(CreditField::Units);
            }
        }
        self.mark_ui(ui, CreditField::Units, r);
    }

    fn flag_ui(&mut self, ui: &mut Ui, field: CreditField, get: impl Fn(&mut Credit) -> &mut bool) {
        let mut value = *get(&mut self.credit);
        let r = ui.checkbox(&mut value, "");
        let r = r.on_hover_text(column_label(field));
        if r.changed() {
            *get(&mut self.credit) = value;
            self.changed = Some(field);
        }
        self.mark_ui(ui, field, r);
    }
}
