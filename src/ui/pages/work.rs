//! 勤務実態 (様式2): one row per workplace during the activity period.

use eframe::egui::{self, Id, Ui};

use super::issues_at;
use crate::model::{Employment, Workplace};
use crate::rules::FieldPath;
use crate::ui::app::PageContext;
use crate::ui::document::EditKey;
use crate::ui::text;
use crate::ui::tokens::{self, colour};
use crate::ui::widgets::{self, mark_invalid_ui};

/// What changed in a row.
enum RowEdit {
    Field(usize, &'static str, Workplace),
    Delete(usize),
}

/// Draws the page.
pub fn work_page_ui(ui: &mut Ui, cx: &mut PageContext<'_>) {
    let mut edit = None;
    ui.add_space(tokens::GAP);
    if ui.button(text::ADD_WORKPLACE).clicked() {
        cx.doc.edit(EditKey::Structure, |a| {
            a.workplaces.push(Workplace::default())
        });
        cx.drafts.clear();
    }
    ui.add_space(tokens::GAP);
    let report = cx.doc.report();
    if cx.doc.app().workplaces.is_empty() {
        ui.label(text::NO_ROWS);
    }
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("workplaces")
                .num_columns(10)
                .striped(true)
                .show(ui, |ui| {
                    for title in [
                        text::FACILITY,
                        text::LOCATION,
                        text::DEPARTMENT,
                        text::FROM,
                        text::UNTIL,
                        text::EMPLOYMENT,
                        text::DAYS_PER_WEEK,
                        text::HOURS_PER_WEEK,
                        "",
                    ] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for (i, w) in cx.doc.app().workplaces.iter().enumerate() {
                        let mut row = w.clone();
                        let mut changed = None;
                        let highlight = cx.target.as_ref().is_some_and(
                            |t| matches!(t.path, FieldPath::Workplace(r, _) if r == i),
                        );
                        let mut text_field = |ui: &mut Ui, field, value: &mut String, width| {
                            let (r, new) = widgets::text_cell_ui(ui, value, width);
                            if let Some(new) = new {
                                *value = new;
                                changed = Some(field);
                            }
                            if let Some(issue) = issues_at(report, FieldPath::Workplace(i, field)) {
                                mark_invalid_ui(ui, r.clone(), &issue);
                            }
                            r
                        };
                        let first = text_field(ui, "facility", &mut row.facility, 200.0);
                        text_field(ui, "location", &mut row.location, 160.0);
                        text_field(ui, "department", &mut row.department, 100.0);
                        for (field, value) in [("from", &mut row.from), ("until", &mut row.until)] {
                            let id = Id::unique(("workplace", i, field));
                            let (_, new) = widgets::date_cell_ui(
                                ui,
                                id,
                                *value,
                                cx.drafts,
                                tokens::DATE_WIDTH,
                            );
                            if let Some(new) = new
                                && new != *value
                            {
                                *value = new;
                                changed = Some(field);
                            }
                        }
                        let mut employment = row.employment;
                        egui::ComboBox::from_id_salt(("employment", i))
                            .selected_text(employment.label())
                            .show_ui(ui, |ui| {
                                for e in [Employment::FullTime, Employment::PartTime] {
                                    ui.selectable_value(&mut employment, e, e.label());
                                }
                            });
                        if employment != row.employment {
                            row.employment = employment;
                            changed = Some("employment");
                        }
                        for (field, value) in [
                            ("days_per_week", &mut row.days_per_week),
                            ("hours_per_week", &mut row.hours_per_week),
                        ] {
                            let id = Id::unique(("workplace", i, field));
                            let (_, new) = widgets::number_cell_ui(ui, id, *value, cx.drafts, 60.0);
                            if let Some(new) = new
                                && new != *value
                            {
                                *value = new;
                                changed = Some(field);
                            }
                        }
                        if ui.button(text::DELETE).clicked() {
                            edit = Some(RowEdit::Delete(i));
                        }
                        if highlight {
                            ui.painter().rect_filled(
                                first.rect.expand(3.0),
                                3.0,
                                colour::HIGHLIGHT,
                            );
                            if let Some(t) = cx.target.as_mut()
                                && t.scroll
                            {
                                first.scroll_to_me(Some(egui::Align::Center));
                                t.scroll = false;
                            }
                        }
                        ui.end_row();
                        if let Some(field) = changed {
                            edit = Some(RowEdit::Field(i, field, row));
                        }
                    }
                });
        });
    match edit {
        Some(RowEdit::Field(i, field, row)) => cx.doc.edit(EditKey::Workplace(i, field), |a| {
            if let Some(w) = a.workplaces.get_mut(i) {
                *w = row;
            }
        }),
        Some(RowEdit::Delete(i)) => {
            cx.doc.edit(EditKey::Structure, |a| {
                if i < a.workplaces.len() {
                    a.workplaces.remove(i);
                }
            });
            cx.drafts.clear();
        }
        None => {}
    }
}
