//! 勤務実態 (様式2): one card per workplace during the activity period.

use eframe::egui::{self, Ui};

use super::{Form, section_ui};
use crate::model::{Employment, Workplace, WorkplaceField as W};
use crate::rules::FieldPath;
use crate::ui::context::PageContext;
use crate::ui::document::EditKey;
use crate::ui::text;
use crate::ui::tokens;

/// What changed on the page.
enum WorkEdit {
    Field(FieldPath, Box<Workplace>),
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
        cx.buffers.clear();
    }
    if cx.doc.app().workplaces.is_empty() {
        ui.label(text::NO_ROWS);
    }
    // 様式3's facilities that no row names: one button each adds it, dated by its cases.
    for f in crate::rules::unlisted_facilities(cx.doc.app()) {
        if ui
            .button(text::add_case_facility(&f.name, f.cases.len(), f.dates))
            .clicked()
        {
            cx.doc.edit(EditKey::Structure, |a| {
                a.workplaces.push(Workplace {
                    facility: f.name.clone(),
                    from: f.dates.map(|(from, _)| from),
                    until: f.dates.map(|(_, until)| until),
                    ..Workplace::default()
                });
            });
            cx.buffers.clear();
        }
    }
    let report = cx.doc.report();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, w) in cx.doc.app().workplaces.iter().enumerate() {
                let mut row = w.clone();
                let mut form = Form {
                    report,
                    target: &mut *cx.target,
                    buffers: &mut *cx.buffers,
                    changed: None,
                    salt: i,
                };
                let path = |field| FieldPath::Workplace(i, field);
                ui.horizontal(|ui| {
                    section_ui(ui, &format!("{} {}", text::SECTION_WORK, i + 1));
                    if ui.small_button(text::DELETE).clicked() {
                        edit = Some(WorkEdit::Delete(i));
                    }
                });
                egui::Grid::new(("workplace", i))
                    .num_columns(2)
                    .show(ui, |ui| {
                        form.text_ui(ui, path(W::Facility), &mut row.facility);
                        form.text_ui(ui, path(W::Location), &mut row.location);
                        form.text_ui(ui, path(W::Department), &mut row.department);
                        form.date_ui(ui, path(W::From), &mut row.from, (&mut row.unread, W::From));
                        form.date_ui(
                            ui,
                            path(W::Until),
                            &mut row.until,
                            (&mut row.unread, W::Until),
                        );
                        form.pick_ui(
                            ui,
                            path(W::Employment),
                            &mut row.employment,
                            &[Employment::FullTime, Employment::PartTime],
                            Employment::label,
                        );
                        form.number_ui(
                            ui,
                            path(W::DaysPerWeek),
                            &mut row.days_per_week,
                            (&mut row.unread, W::DaysPerWeek),
                        );
                        form.number_ui(
                            ui,
                            path(W::HoursPerWeek),
                            &mut row.hours_per_week,
                            (&mut row.unread, W::HoursPerWeek),
                        );
                        form.check_ui(
                            ui,
                            path(W::Regional),
                            &mut row.regional,
                            text::REGIONAL_FACILITY,
                        );
                    });
                if let Some(path) = form.changed {
                    edit = Some(WorkEdit::Field(path, Box::new(row)));
                }
                ui.separator();
            }
        });
    match edit {
        Some(WorkEdit::Field(path, row)) => {
            if let FieldPath::Workplace(i, _) = path {
                cx.doc.edit(EditKey::of(path), |a| {
                    if let Some(w) = a.workplaces.get_mut(i) {
                        *w = *row;
                    }
                });
            }
        }
        Some(WorkEdit::Delete(i)) => {
            cx.doc.edit(EditKey::Structure, |a| {
                if i < a.workplaces.len() {
                    a.workplaces.remove(i);
                }
            });
            cx.buffers.clear();
        }
        None => {}
    }
}
