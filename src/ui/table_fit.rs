//! Tables that fit a laptop window: column widths computed from the width at hand (text columns
//! give way first), a plainly visible horizontal scroll bar when even the narrowest widths do not
//! fit, the row's identity (No. and date, or 区分 and date) pinned on the left while scrolled,
//! the focused cell scrolled into view, Enter handled the same for every kind of cell, and
//! column widths the user drags in the header, remembered per table.

use std::collections::BTreeMap;

use eframe::egui::{self, Id, Key, Modifiers, Rect, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::text;
use crate::rules::CategoryCode;

/// Space between table columns (tighter than egui's default item spacing).
pub const COLUMN_GAP: f32 = 4.0;
/// Thickness of the horizontal scroll bar under a table that is wider than the window.
const SCROLL_BAR_WIDTH: f32 = 12.0;
/// Width taken by the table's own vertical scroll bar and its margins.
const VERTICAL_BAR_ROOM: f32 = SCROLL_BAR_WIDTH + 10.0;
/// Space kept between a focused cell scrolled into view and the view's edge.
const SCROLL_MARGIN: f32 = 12.0;
/// The narrowest a column can be dragged (a dragged column may go below its usual minimum: the
/// user chose to give its room to another).
pub const DRAGGED_MIN_WIDTH: f32 = 24.0;
/// The widest a column can be dragged (a settings file with a wild width still gives a table).
pub const DRAGGED_MAX_WIDTH: f32 = 1200.0;
/// Half the width of the grip between two header cells.
const GRIP_HALF_WIDTH: f32 = 4.0;

/// One column: its narrowest usable width and how much of the spare width it takes.
#[derive(Debug, Clone, Copy)]
pub struct ColumnFit {
    /// Narrowest usable width.
    pub min: f32,
    /// Share of the spare width (0: fixed width).
    pub grow: f32,
}

impl ColumnFit {
    /// A column of fixed width.
    pub const fn fixed(width: f32) -> Self {
        Self {
            min: width,
            grow: 0.0,
        }
    }

    /// A text column that takes `grow` shares of the spare width and never gets narrower than
    /// `min`.
    pub const fn flexible(min: f32, grow: f32) -> Self {
        Self { min, grow }
    }
}

/// The widths of `columns` in `available` points (gaps between columns and the vertical scroll
/// bar included): every
/// column at least its minimum, the spare width shared out by `grow`. Whether they fit.
pub fn fit_widths(columns: &[ColumnFit], available: f32) -> (Vec<f32>, bool) {
    fit_widths_chosen(columns, &[], available)
}

/// As [`fit_widths`], with the widths the user dragged: a column with a chosen width keeps it
/// (the others share what is left). `chosen[i]` belongs to `columns[i]`; missing means none.
pub fn fit_widths_chosen(
    columns: &[ColumnFit],
    chosen: &[Option<f32>],
    available: f32,
) -> (Vec<f32>, bool) {
    let columns: Vec<ColumnFit> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| match chosen.get(i).copied().flatten() {
            Some(w) => ColumnFit::fixed(dragged_width(w)),
            None => *c,
        })
        .collect();
    let gaps = COLUMN_GAP * columns.len() as f32 + VERTICAL_BAR_ROOM;
    let minimum: f32 = columns.iter().map(|c| c.min).sum();
    let spare = available - gaps - minimum;
    if spare < 0.0 {
        return (columns.iter().map(|c| c.min).collect(), false);
    }
    let shares: f32 = columns.iter().map(|c| c.grow).sum();
    let widths = columns
        .iter()
        .map(|c| {
            if shares > 0.0 {
                c.min + spare * c.grow / shares
            } else {
                c.min
            }
        })
        .collect();
    (widths, true)
}

/// A dragged width within its bounds (a width that is not a number is the narrowest).
fn dragged_width(width: f32) -> f32 {
    if width.is_nan() {
        DRAGGED_MIN_WIDTH
    } else {
        width.clamp(DRAGGED_MIN_WIDTH, DRAGGED_MAX_WIDTH)
    }
}

/// The tables whose column widths are kept. Saved by the names below, which stay as they are
/// (settings written by earlier versions keep their widths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKey {
    /// 症例一覧（様式3）.
    Cases,
    /// The credits of a category: i (「C.自己学習」), ii, iii, iv.
    Credits(CategoryCode),
}

impl TableKey {
    /// The name it is saved under: `cases`, `credits-i` … `credits-iv`.
    pub fn name(self) -> String {
        match self {
            TableKey::Cases => "cases".to_owned(),
            TableKey::Credits(code) => format!("credits-{}", code.roman()),
        }
    }

    /// The key saved as `name` (none for a name this version does not know).
    pub fn from_name(name: &str) -> Option<TableKey> {
        if name == "cases" {
            return Some(TableKey::Cases);
        }
        let roman = name.strip_prefix("credits-")?;
        CategoryCode::ALL
            .into_iter()
            .find(|c| c.roman() == roman)
            .map(TableKey::Credits)
    }
}

impl Serialize for TableKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

/// Column widths the user dragged, per table and column index; kept in the settings, so they
/// survive a restart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ChosenWidths(BTreeMap<TableKey, BTreeMap<usize, f32>>);

impl<'de> Deserialize<'de> for ChosenWidths {
    /// Tables this version does not know (a newer version's) are left out, not an error that
    /// would lose every setting.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let named = BTreeMap::<String, BTreeMap<usize, f32>>::deserialize(d)?;
        Ok(ChosenWidths(
            named
                .into_iter()
                .filter_map(|(name, widths)| Some((TableKey::from_name(&name)?, widths)))
                .collect(),
        ))
    }
}

impl ChosenWidths {
    /// The chosen widths of `table`'s first `columns` columns (None: automatic).
    pub fn of(&self, table: TableKey, columns: usize) -> Vec<Option<f32>> {
        let chosen = self.0.get(&table);
        (0..columns)
            .map(|i| chosen.and_then(|c| c.get(&i)).copied())
            .collect()
    }

    /// Sets a column's width.
    pub fn set(&mut self, table: TableKey, column: usize, width: f32) {
        self.0
            .entry(table)
            .or_default()
            .insert(column, dragged_width(width));
    }

    /// Gives a column its automatic width back.
    pub fn reset(&mut self, table: TableKey, column: usize) {
        if let Some(chosen) = self.0.get_mut(&table) {
            chosen.remove(&column);
            if chosen.is_empty() {
                self.0.remove(&table);
            }
        }
    }

    /// Gives every column of every table its automatic width back.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// No width chosen anywhere.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The header grips of one table: which table, its column titles, and where the widths go.
pub struct ColumnGrips<'a> {
    /// The table in [`ChosenWidths`].
    pub table: TableKey,
    /// Every column's title, in order (names the grips for screen readers and tests).
    pub titles: &'a [&'a str],
    /// Where dragged widths are kept.
    pub chosen: &'a mut ChosenWidths,
}

/// Sets the style of a table's horizontal scroll area: a solid bar, always shown, thick enough
/// to see and grab.
fn scroll_bar_style(ui: &mut Ui) {
    let mut scroll = egui::style::ScrollStyle::solid();
    scroll.bar_width = SCROLL_BAR_WIDTH;
    ui.spacing_mut().scroll = scroll;
}

/// What a table remembers between frames for pinning and for following the focus.
#[derive(Debug, Default)]
pub struct TableFocus {
    /// The widget that had the focus last frame, with its display row.
    focused: Option<(Id, usize)>,
    /// The display row chosen on the pinned strip, until one of its cells takes the focus.
    chosen_row: Option<usize>,
    /// Horizontal offset to apply on the next frame (to bring the focused cell into view).
    scroll_to: Option<f32>,
}

/// The identity of one drawn row, to repeat in the pinned strip.
#[derive(Debug, Clone)]
pub struct PinnedRow {
    /// The display row.
    pub row: usize,
    /// The row's rectangle on screen.
    pub rect: Rect,
    /// The identity cells' text (e.g. No. and date).
    pub cells: Vec<String>,
}

/// One frame's notes while drawing a table.
#[derive(Debug, Default)]
pub struct FrameNotes {
    /// The focused cell this frame: its id, display row and rectangle.
    pub focused: Option<(Id, usize, Rect)>,
    /// The header's rectangle.
    pub header: Option<Rect>,
    /// Each header cell's rectangle, in column order.
    pub header_cells: Vec<Rect>,
    /// Rows drawn, for the pinned strip.
    pub rows: Vec<PinnedRow>,
    /// Every focusable cell drawn: its display row, id and rectangle.
    pub cells: Vec<(usize, Id, Rect)>,
}

impl FrameNotes {
    /// Records a cell's response: when it has the focus, it is the table's focused cell.
    pub fn note_cell(&mut self, row: usize, response: &egui::Response) {
        self.cells.push((row, response.id, response.rect));
        if response.has_focus() {
            self.focused = Some((response.id, row, response.rect));
        }
    }

    /// Records a header cell's rectangle (call for every column, in order).
    pub fn note_header_cell(&mut self, rect: Rect) {
        self.header = Some(self.header.map_or(rect, |h| h.union(rect)));
        self.header_cells.push(rect);
    }
}

/// What Enter did in a table this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnterAction {
    /// Enter on the last row: add a row.
    AddRow,
    /// Enter on another row: go to the next row.
    NextRow(usize),
}

impl TableFocus {
    /// The display row to show as selected: the one whose cell has the focus, or the one just
    /// chosen on the pinned strip.
    pub fn selected_row(&self) -> Option<usize> {
        self.focused.map(|(_, row)| row).or(self.chosen_row)
    }

    /// The horizontal offset to impose on the table's scroll area this frame, if any.
    pub fn take_scroll(&mut self) -> Option<f32> {
        self.scroll_to.take()
    }

    /// Before the table is drawn: when one of its cells has the focus and Enter is pressed (and
    /// allowed, i.e. it did not confirm an IME conversion), takes the Enter away from the cell —
    /// so a pick-list does not open and a check box does not toggle — and says what to do: add
    /// a row after the last row, else go to the next. Works for every kind of cell. While a
    /// cell's list is open the Enter is the list's: it picks an option.
    pub fn enter(&self, ui: &Ui, rows: usize, enter_allowed: bool) -> Option<EnterAction> {
        let (id, row) = self.focused?;
        if !enter_allowed
            || ui.memory(|m| m.focused()) != Some(id)
            || super::pick_keys::list_open(ui.ctx())
        {
            return None;
        }
        let pressed = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        if !pressed {
            return None;
        }
        Some(if row + 1 >= rows {
            EnterAction::AddRow
        } else {
            EnterAction::NextRow(row + 1)
        })
    }

    /// After the table is drawn: remembers the focused cell and, when the focus moved to a cell
    /// out of view (or under the pinned strip), scrolls it into view on the next frame.
    pub fn after_table(
        &mut self,
        ui: &Ui,
        notes: &FrameNotes,
        view: Rect,
        offset_x: f32,
        pinned_width: f32,
    ) {
        let previous = self.focused.map(|(id, _)| id);
        self.focused = notes.focused.map(|(id, row, _)| (id, row));
        if self.focused.is_some() {
            self.chosen_row = None;
        }
        let Some((id, _, rect)) = notes.focused else {
            return;
        };
        if previous == Some(id) {
            return;
        }
        let left = view.left() + pinned_width;
        let target = if rect.left() < left && rect.left() > view.left() + 1.0 - offset_x {
            // Under the pinned strip (but not a pinned cell itself).
            Some(offset_x - (left - rect.left()) - SCROLL_MARGIN)
        } else if rect.right() > view.right() {
            Some(offset_x + rect.right() - view.right() + SCROLL_MARGIN)
        } else if rect.left() < view.left() {
            Some(offset_x - (view.left() - rect.left()) - SCROLL_MARGIN)
        } else {
            None
        };
        if let Some(x) = target {
            self.scroll_to = Some(x.max(0.0));
            ui.ctx().request_repaint();
        }
    }
}

/// Draws a table as wide as its columns inside a horizontal scroll area: only as wide as the
/// page, with the solid bar of [`scroll_bar_style`] when needed, moved to `scroll_x` when the
/// focus asked for it (the table's own vertical scrolling stays virtual).
pub fn horizontal_table_ui(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    page_width: f32,
    scroll_x: Option<f32>,
    table_ui: impl FnOnce(&mut Ui),
) -> egui::scroll_area::ScrollAreaOutput<()> {
    let area = egui::ScrollArea::horizontal()
        .id_salt(id_salt)
        .max_width(page_width)
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded);
    let area = match scroll_x {
        Some(x) => area.horizontal_scroll_offset(x),
        None => area,
    };
    ui.scope(|ui| {
        scroll_bar_style(ui);
        area.show(ui, table_ui)
    })
    .inner
}

/// After a table drawn in [`horizontal_table_ui`]: the strip of its first columns (one per
/// title) pinned over the scrolled table, the grips that widen its columns, and the focused cell
/// kept in view next to it.
pub fn pinned_and_focus_ui(
    ui: &mut Ui,
    output: &egui::scroll_area::ScrollAreaOutput<()>,
    titles: &[&str],
    widths: &[f32],
    notes: &FrameNotes,
    mut focus: Option<&mut TableFocus>,
    grips: Option<ColumnGrips<'_>>,
) {
    let offset_x = output.state.clamped_offset().x;
    let pinned = widths.get(..titles.len()).unwrap_or_default();
    let chosen = pinned_strip_ui(ui, output.inner_rect, offset_x, titles, pinned, notes);
    let pinned_width = strip_width(pinned);
    if let Some(row) = chosen {
        // The row's first cell in view beside the strip takes the focus, so the keyboard goes
        // on from there without scrolling the table back.
        let left = output.inner_rect.left() + pinned_width - 0.5;
        let first = notes
            .cells
            .iter()
            .filter(|(r, _, rect)| *r == row && rect.left() >= left)
            .min_by(|a, b| a.2.left().total_cmp(&b.2.left()));
        if let Some((_, id, _)) = first {
            ui.memory_mut(|m| m.request_focus(*id));
        }
        if let Some(focus) = focus.as_deref_mut() {
            focus.chosen_row = Some(row);
        }
        ui.ctx().request_repaint();
    }
    if let Some(grips) = grips {
        let pinned = (pinned.len(), pinned_width);
        grips_ui(
            ui,
            output.inner_rect,
            offset_x,
            pinned,
            widths,
            notes,
            grips,
        );
    }
    if let Some(focus) = focus {
        focus.after_table(ui, notes, output.inner_rect, offset_x, pinned_width);
    }
}

/// The width of the pinned strip over columns of `widths` (their gaps included).
fn strip_width(widths: &[f32]) -> f32 {
    widths.iter().map(|w| w + COLUMN_GAP).sum()
}

/// The grips between header cells: drag one to widen or narrow the column on its left (the
/// width is remembered for this table), double-click it to give the column its automatic width
/// back. While the table is scrolled, the pinned columns' grips sit on the pinned strip and the
/// columns scrolled under the strip have none. `pinned`: how many columns are pinned, and the
/// strip's width.
fn grips_ui(
    ui: &mut Ui,
    view: Rect,
    offset_x: f32,
    (pinned_count, pinned_width): (usize, f32),
    widths: &[f32],
    notes: &FrameNotes,
    grips: ColumnGrips<'_>,
) {
    let scrolled = offset_x > 0.5;
    let pinned_right = view.left() + pinned_width;
    let mut strip_x = view.left();
    for (i, (cell, width)) in notes.header_cells.iter().zip(widths).enumerate() {
        let is_pinned = i < pinned_count;
        strip_x += width + COLUMN_GAP;
        let x = if scrolled && is_pinned {
            strip_x - COLUMN_GAP / 2.0
        } else {
            cell.right() + COLUMN_GAP / 2.0
        };
        let hidden = (scrolled && !is_pinned && x < pinned_right + GRIP_HALF_WIDTH)
            || x > view.right()
            || x < view.left();
        if hidden {
            continue;
        }
        let rect = Rect::from_x_y_ranges(x - GRIP_HALF_WIDTH..=x + GRIP_HALF_WIDTH, cell.y_range());
        let id = ui.scope_id().with(("column-grip", grips.table, i));
        let response = ui.interact(rect, id, egui::Sense::click_and_drag());
        let title = grips.titles.get(i).copied().unwrap_or_default();
        super::widgets::name_widget(&response, || text::column_grip(title));
        let response = response.on_hover_text(text::COLUMN_GRIP_HELP);
        if response.hovered() || response.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
            let stroke = ui.visuals().widgets.active.bg_stroke;
            ui.painter().vline(x, cell.y_range(), stroke);
        }
        if response.double_clicked() {
            grips.chosen.reset(grips.table, i);
        } else if response.dragged() && response.drag_delta().x != 0.0 {
            let current = grips.chosen.of(grips.table, i + 1)[i].unwrap_or(*width);
            grips
                .chosen
                .set(grips.table, i, current + response.drag_delta().x);
            ui.ctx().request_repaint();
        }
    }
}

/// Repeats the identity columns on the left edge of a horizontally scrolled table, over the
/// columns scrolled under them, so every row can be told apart; does nothing while the real
/// identity columns are in view. `titles` and each row's `cells` share `widths`. A click on a
/// row of the strip chooses that row: returns its display row.
pub fn pinned_strip_ui(
    ui: &mut Ui,
    view: Rect,
    offset_x: f32,
    titles: &[&str],
    widths: &[f32],
    notes: &FrameNotes,
) -> Option<usize> {
    if offset_x <= 0.5 {
        return None;
    }
    let width = strip_width(widths);
    let fill = ui.visuals().panel_fill;
    let line = ui.visuals().widgets.noninteractive.bg_stroke;
    let painter = ui.painter_at(view);
    let strip_top = notes.header.map_or(view.top(), |h| h.top());
    let strip = Rect::from_min_max(
        egui::pos2(view.left(), strip_top.max(view.top())),
        egui::pos2(view.left() + width, view.bottom()),
    );
    painter.rect_filled(strip, 0.0, fill);
    painter.vline(strip.right(), strip.y_range(), line);
    // Swallows clicks that would otherwise reach the cells scrolled under the strip.
    ui.interact(
        strip,
        ui.scope_id().with("pinned-strip"),
        egui::Sense::click(),
    );
    let put_cells = |ui: &mut Ui, rect: Rect, texts: &[String], strong: bool, top: f32| {
        let mut x = view.left();
        for (text, w) in texts.iter().zip(widths) {
            let cell = Rect::from_min_size(
                egui::pos2(x + 2.0, rect.top()),
                egui::vec2(*w, rect.height()),
            );
            if cell.top() >= top - 0.5 && cell.bottom() <= view.bottom() + 0.5 {
                let text = if strong {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                };
                // Not selectable: the click goes to the row under it.
                ui.put(cell, egui::Label::new(text).truncate().selectable(false));
            }
            x += w + COLUMN_GAP;
        }
    };
    if let Some(header) = notes.header {
        let titles: Vec<String> = titles.iter().map(|t| (*t).to_owned()).collect();
        put_cells(ui, header, &titles, true, view.top());
    }
    // Rows scrolled under the header are hidden by the table; so they are here.
    let body_top = notes.header.map_or(view.top(), |h| h.bottom());
    let mut chosen = None;
    for row in &notes.rows {
        let rect = Rect::from_x_y_ranges(strip.x_range(), row.rect.y_range());
        if rect.top() < body_top - 0.5 || rect.bottom() > view.bottom() + 0.5 {
            continue;
        }
        let response = ui.interact(
            rect,
            ui.scope_id().with(("pinned-row", row.row)),
            egui::Sense::click(),
        );
        super::widgets::name_widget(&response, || text::pinned_row(&row.cells));
        if response.hovered() {
            painter.rect_filled(rect, 0.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        if response.clicked() {
            chosen = Some(row.row);
        }
        put_cells(ui, row.rect, &row.cells, false, body_top);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spare_width_goes_to_the_text_columns_by_share() {
        let columns = [
            ColumnFit::fixed(50.0),
            ColumnFit::flexible(40.0, 3.0),
            ColumnFit::flexible(40.0, 1.0),
        ];
        let room = COLUMN_GAP * 3.0 + VERTICAL_BAR_ROOM;
        let (widths, fits) = fit_widths(&columns, 130.0 + room + 80.0);
        assert!(fits);
        assert_eq!(widths, vec![50.0, 100.0, 60.0]);
    }

    #[test]
    fn a_dragged_width_is_kept_and_the_text_columns_share_the_rest() {
        let columns = [
            ColumnFit::fixed(50.0),
            ColumnFit::flexible(40.0, 1.0),
            ColumnFit::flexible(40.0, 1.0),
        ];
        let room = COLUMN_GAP * 3.0 + VERTICAL_BAR_ROOM;
        let (widths, fits) = fit_widths_chosen(&columns, &[None, Some(100.0)], 190.0 + room);
        assert!(fits);
        assert_eq!(widths, vec![50.0, 100.0, 40.0]);
        // A wild or broken width from a settings file still gives a usable column.
        let (widths, _) = fit_widths_chosen(&columns, &[Some(f32::NAN), Some(1e9)], 100.0);
        assert_eq!(widths[..2], [DRAGGED_MIN_WIDTH, DRAGGED_MAX_WIDTH]);
    }

    #[test]
    fn too_narrow_a_window_keeps_the_minimums_and_says_so() {
        let columns = [ColumnFit::fixed(50.0), ColumnFit::flexible(40.0, 1.0)];
        let (widths, fits) = fit_widths(&columns, 60.0);
        assert!(!fits);
        assert_eq!(widths, vec![50.0, 40.0]);
    }
}
