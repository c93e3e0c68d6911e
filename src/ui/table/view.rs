//! Which records a table shows and in what order: the filter box, 「数えられないものだけ」 and the
//! order pick-list above a table, the same for every record type. The rows are worked out again
//! only when the document or one of the choices changes.

use std::cmp::Ordering;

use eframe::egui::{self, Ui};

use crate::ui::pick_keys;
use crate::ui::text;

/// One order a table offers: its name and how two records compare (none: the base order).
pub struct SortDef<R> {
    /// The name in the pick-list.
    pub label: &'static str,
    /// How two records compare; records that compare equal keep the base order.
    pub cmp: Option<fn(&R, &R) -> Ordering>,
}

impl<R> SortDef<R> {
    /// The base order, named `label`.
    pub const fn base(label: &'static str) -> Self {
        Self { label, cmp: None }
    }

    /// The order of `cmp`, named `label`.
    pub const fn by(label: &'static str, cmp: fn(&R, &R) -> Ordering) -> Self {
        Self {
            label,
            cmp: Some(cmp),
        }
    }
}

/// What a table offers to narrow and order its rows.
pub struct Lookup<R: 'static> {
    /// The filter box's hint (what it looks in).
    pub hint: &'static str,
    /// The check box that keeps only the records that do not count.
    pub problems: &'static str,
    /// Whether a record holds the (lower-case) text looked for.
    pub matches: fn(&R, &str) -> bool,
    /// The orders, the base order first.
    pub sorts: &'static [SortDef<R>],
}

/// The user's choices of what a table shows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RowChoice {
    /// Text to look for.
    pub filter: String,
    /// Show only the records that do not count.
    pub only_problems: bool,
    /// The chosen order (index into [`Lookup::sorts`]).
    pub sort: usize,
}

/// The rows one table shows, and the user's choices that give them.
#[derive(Debug, Default)]
pub struct RowView {
    /// What the user chose to see.
    pub choice: RowChoice,
    rows: Vec<usize>,
    key: Option<(u64, RowChoice)>,
}

impl RowView {
    /// The record indices shown, in display order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The choices to draw, beside the rows they give.
    pub fn parts(&mut self) -> (&mut RowChoice, &[usize]) {
        (&mut self.choice, &self.rows)
    }

    /// Shows every record again (after a row was added, or a finding points to a hidden one).
    pub fn show_all(&mut self) {
        self.choice.filter.clear();
        self.choice.only_problems = false;
        self.key = None;
    }

    /// Works the rows out from `base` (the indices in the base order) when anything changed
    /// since `generation`; `counted` says which records count.
    pub fn refresh<R>(
        &mut self,
        lookup: &Lookup<R>,
        records: &[R],
        base: &[usize],
        counted: &[bool],
        generation: u64,
    ) {
        if self
            .key
            .as_ref()
            .is_some_and(|(g, c)| *g == generation && *c == self.choice)
        {
            return;
        }
        let choice = &self.choice;
        let needle = choice.filter.trim().to_lowercase();
        self.rows = base
            .iter()
            .copied()
            .filter(|&i| {
                records.get(i).is_some_and(|r| {
                    (needle.is_empty() || (lookup.matches)(r, &needle))
                        && !(choice.only_problems && counted.get(i).copied().unwrap_or(true))
                })
            })
            .collect();
        if let Some(cmp) = lookup.sorts.get(choice.sort).and_then(|s| s.cmp) {
            // A stable sort: records of one key stay in the base order.
            self.rows
                .sort_by(|&a, &b| match (records.get(a), records.get(b)) {
                    (Some(a), Some(b)) => cmp(a, b),
                    _ => Ordering::Equal,
                });
        }
        self.key = Some((generation, self.choice.clone()));
    }
}

impl RowChoice {
    /// The filter box, the check box and the order; `extra` draws what a table adds to the row
    /// before the count of the rows `shown` out of `total`.
    pub fn lookup_ui<R>(
        &mut self,
        ui: &mut Ui,
        lookup: &Lookup<R>,
        (shown, total): (usize, usize),
        extra: impl FnOnce(&mut Ui),
    ) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(text::FILTER);
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(lookup.hint)
                    .desired_width(170.0),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.only_problems, lookup.problems);
            ui.separator();
            let sort_label = ui.label(text::SORT);
            let current = lookup.sorts.get(self.sort).map_or("", |s| s.label);
            let options: Vec<usize> = (0..lookup.sorts.len()).collect();
            let name = |i: usize| lookup.sorts.get(i).map_or("", |s| s.label);
            pick_keys::combo_ui(
                ui,
                (lookup.hint, "sort"),
                current,
                None,
                &mut self.sort,
                &options,
                name,
            )
            .labelled_by(sort_label.id);
            extra(ui);
            ui.label(text::rows_shown(shown, total));
        });
    }
}
