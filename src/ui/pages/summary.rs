//! 集計とチェック: 様式4 (units per category, category ii per topic, category iv per item), the
//! proof documents to enclose and the checklist — all read from the Report.

use eframe::egui::{self, RichText, Ui};

use super::{issues_at, section_ui};
use crate::model::CommonTopic;
use crate::rules::chart::ProgressChart;
use crate::rules::{self, FieldPath, Report};
use crate::ui::context::PageContext;
use crate::ui::text;
use crate::ui::tokens::colour;
use crate::ui::widgets::ok_mark_ui;

/// Draws the page.
pub fn summary_page_ui(ui: &mut Ui, cx: &mut PageContext<'_>) {
    // As of today (chart and planner): kept until the document or the day changes.
    let as_of = cx.doc.as_of(cx.today);
    let Some(report) = cx.doc.report() else {
        ui.colored_label(colour::ERROR, text::RULES_MISSING);
        return;
    };
    let chart = as_of.as_ref().map(|a| &a.chart);
    let progress: &[String] = as_of.as_ref().map_or(&[], |a| &a.lines);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section_ui(ui, text::SUMMARY_HEADING);
            categories_ui(ui, report);
            chart_section_ui(ui, chart);
            progress_ui(ui, progress);
            section_ui(ui, text::TOPICS_HEADING);
            topics_ui(ui, report);
            section_ui(ui, text::ITEMS_HEADING);
            items_ui(ui, report);
            section_ui(ui, text::PROOFS_HEADING);
            proofs_ui(ui, cx);
            section_ui(ui, text::CHECKLIST_HEADING);
            checklist_ui(ui, report);
        });
}

fn categories_ui(ui: &mut Ui, report: &Report) {
    egui::Grid::new("categories")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for title in [
                text::COL_CATEGORY,
                text::COL_CLAIMED,
                text::COL_MIN,
                text::COL_MAX,
                text::COL_COUNTED,
                text::COL_OK,
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for c in &report.categories {
                ui.label(format!("{} {}", c.code.roman(), c.name));
                ui.label(c.claimed.to_string());
                ui.label(c.min.to_string());
                ui.label(
                    c.max
                        .map_or_else(|| text::NO_MAX.to_owned(), |m| m.to_string()),
                );
                ui.strong(c.counted.to_string());
                ok_mark_ui(ui, c.ok);
                ui.end_row();
            }
            ui.strong(text::total_line(
                report.total_counted,
                report.total_required,
            ));
            for _ in 0..4 {
                ui.label("");
            }
            ok_mark_ui(ui, report.total_counted >= report.total_required);
            ui.end_row();
        });
}

/// The progress chart over the activity period, as of today.
fn chart_section_ui(ui: &mut Ui, chart: Option<&ProgressChart>) {
    let Some(chart) = chart else {
        return;
    };
    section_ui(ui, text::CHART_HEADING);
    crate::ui::chart::chart_ui(ui, chart, 260.0);
}

/// 途中経過: shown while the application window has not opened yet (the same numbers as
/// `check --json`'s `progress`).
fn progress_ui(ui: &mut Ui, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    section_ui(ui, text::PROGRESS_HEADING);
    for line in lines.iter() {
        ui.label(line.trim_start());
    }
}

fn topics_ui(ui: &mut Ui, report: &Report) {
    egui::Grid::new("topics")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for title in [
                "",
                text::COL_CLAIMED,
                text::COL_COUNTED,
                text::COL_LECTURING,
                text::COL_ON_PORTAL,
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for t in &report.common_topics {
                ui.label(topic_name(t.topic));
                ui.label(t.claimed.to_string());
                ui.strong(t.counted.to_string());
                ui.label(t.counted_lecturing.to_string());
                ui.label(t.counted_on_portal.to_string());
                ui.end_row();
            }
        });
}

fn items_ui(ui: &mut Ui, report: &Report) {
    egui::Grid::new("items")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for title in ["", text::COL_CLAIMED, text::COL_MAX, text::COL_COUNTED] {
                ui.strong(title);
            }
            ui.end_row();
            for t in &report.activity_items {
                ui.label(format!("({}) {}", t.item.number(), t.item.label()));
                ui.label(t.claimed.to_string());
                ui.label(t.cap.map_or_else(|| "—".to_owned(), |c| c.to_string()));
                ui.strong(t.counted.to_string());
                ui.end_row();
            }
        });
}

fn proofs_ui(ui: &mut Ui, cx: &PageContext<'_>) {
    let Ok(rule_set) = cx.doc.rules() else {
        return;
    };
    let mut any = false;
    for credit in &cx.doc.app().credits {
        if let Some(what) = rules::proof_to_enclose(credit, rule_set) {
            any = true;
            let mark = if credit.proof_enclosed { "■" } else { "□" };
            ui.label(format!("{mark} {} — {what}", credit.title));
        }
    }
    if !any {
        ui.label(text::PROOFS_NONE);
    }
}

fn checklist_ui(ui: &mut Ui, report: &Report) {
    for (n, part) in text::CHECKLIST_PARTS.iter().enumerate() {
        let mut line = format!("({}) {part}", n + 1);
        if n == 2 && report.exempt_from_clinical {
            line.push_str(text::NOT_NEEDED);
        }
        ui.label(line);
    }
    ui.add_space(8.0);
    for reminder in text::CHECKLIST_REMINDERS {
        ui.label(RichText::new(format!("・{reminder}")).italics());
    }
}

/// Category ii per topic on one line, as the portal shows it (above the credit table).
pub fn topic_line_ui(ui: &mut Ui, report: &Report) {
    ui.horizontal_wrapped(|ui| {
        for t in &report.common_topics {
            let shown = format!("{} {}", topic_name(t.topic), t.counted);
            match issues_at(Some(report), FieldPath::Topic(t.topic)) {
                Some(missing) => {
                    ui.colored_label(colour::ERROR, shown)
                        .on_hover_text(missing);
                }
                None => {
                    ui.label(shown);
                }
            }
            ui.separator();
        }
    });
}

/// 「必修A 医療安全」: a topic named within its group.
fn topic_name(topic: CommonTopic) -> String {
    format!("{} {}", topic.group().label(), topic.label())
}
