//! The verdict panel, always visible: the total against its requirement with the progress chart
//! in small, per category a bar of counted units against the minimum (and maximum), pass or
//! fail, and the findings. It shows the core's Report and the chart made from it, nothing else.

use eframe::egui::{self, RichText, Sense, Ui};

use super::document::Document;
use super::text;
use super::tokens::{self, colour};
use crate::rules::as_of::AsOf;
use crate::rules::{CategoryReport, FieldPath, Finding, Report};

/// Findings listed at most; thousands of imported rows with the same problem would otherwise
/// cost a long layout every frame, and the tables mark each of them in place anyway.
const FINDINGS_SHOWN: usize = 100;

/// What the user asked of the verdict panel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VerdictAnswer {
    /// Go to the field of the finding clicked.
    GoTo(FieldPath),
    /// Fold the panel to a strip, or open the strip again.
    ToggleFold,
}

/// Draws the panel, with `as_of`'s chart (the document's progress chart) in small under the total when
/// the panel is tall enough; returns what the user clicked.
pub fn verdict_ui(ui: &mut Ui, doc: &Document, as_of: Option<&AsOf>) -> Option<VerdictAnswer> {
    ui.add_space(tokens::GAP);
    let mut fold = false;
    ui.horizontal(|ui| {
        ui.heading(text::VERDICT_HEADING);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            fold = fold_button_ui(ui, "»", text::VERDICT_FOLD);
        });
    });
    if fold {
        return Some(VerdictAnswer::ToggleFold);
    }
    let Some(report) = doc.report() else {
        ui.colored_label(colour::ERROR, text::RULES_MISSING);
        if let Err(message) = doc.rules() {
            ui.label(message);
        }
        return None;
    };
    let (verdict, verdict_colour) = if report.passes {
        (text::VERDICT_PASS, colour::OK)
    } else {
        (text::VERDICT_FAIL, colour::ERROR)
    };
    ui.label(
        RichText::new(verdict)
            .strong()
            .size(17.0)
            .color(verdict_colour),
    );
    // A pass that rests on entries dated after today must not read as earned.
    if report.passes && as_of.is_some_and(|a| a.standing.short_so_far()) {
        ui.label(RichText::new(text::VERDICT_WITH_PLANS).color(colour::WARNING))
            .on_hover_text(text::VERDICT_WITH_PLANS_HOVER);
    }
    if let Some(notice) = doc.rules().ok().and_then(|r| r.provisional_notice()) {
        ui.label(RichText::new(notice).color(colour::WARNING));
    }
    // A period not the rule set's (a deferral, a pause) is named where the verdict is read.
    let period = &report.activity_period;
    if !period.is_regular() {
        ui.label(text::verdict_period(&period.span_text(), &period.reason));
    }
    for assumption in &report.assumptions {
        ui.label(RichText::new(text::assumption(assumption)).color(colour::WARNING));
    }
    for problem in crate::rules::rejected_rule_files() {
        ui.label(RichText::new(text::rule_file_unused(&problem)).color(colour::WARNING));
    }
    total_ui(ui, report);
    if report.exempt_from_clinical {
        ui.label(RichText::new(text::EXEMPT_NOTE).color(colour::OK));
    }
    let chart = as_of.map(|a| &a.chart);
    if let Some(chart) = chart.filter(|_| ui.available_height() >= tokens::VERDICT_CHART_ROOM) {
        ui.add_space(tokens::GAP / 2.0);
        super::chart::compact_chart_ui(
            ui,
            chart,
            tokens::VERDICT_CHART_HEIGHT,
            text::VERDICT_CHART,
        );
    }
    ui.add_space(tokens::GAP);
    for category in &report.categories {
        category_ui(ui, category, report.exempt_from_clinical);
    }
    ui.add_space(tokens::SECTION_GAP);
    ui.separator();
    findings_ui(ui, report).map(VerdictAnswer::GoTo)
}

/// The panel folded to a narrow strip: the button that opens it, ○ or ×, and the total.
pub fn strip_ui(ui: &mut Ui, doc: &Document) -> Option<VerdictAnswer> {
    ui.add_space(tokens::GAP);
    let mut answer = None;
    ui.vertical_centered(|ui| {
        if fold_button_ui(ui, "«", text::VERDICT_UNFOLD) {
            answer = Some(VerdictAnswer::ToggleFold);
        }
        ui.add_space(tokens::GAP);
        let Some(report) = doc.report() else {
            ui.colored_label(colour::ERROR, "×");
            return;
        };
        let (mark, colour, verdict) = if report.passes {
            ("○", colour::OK, text::VERDICT_PASS)
        } else {
            ("×", colour::ERROR, text::VERDICT_FAIL)
        };
        ui.label(RichText::new(mark).strong().size(20.0).color(colour))
            .on_hover_text(verdict);
        let total = text::total_short(report.total_counted, report.total_required);
        ui.label(RichText::new(total).strong())
            .on_hover_text(text::total_line(
                report.total_counted,
                report.total_required,
            ));
    });
    answer
}

/// A small button with a one-character face, named for screen readers and tooltips by `name`.
fn fold_button_ui(ui: &mut Ui, face: &str, name: &'static str) -> bool {
    let response = ui.small_button(face);
    super::widgets::name_widget(&response, || name.to_owned());
    response.on_hover_text(name).clicked()
}

fn total_ui(ui: &mut Ui, report: &Report) {
    ui.label(
        RichText::new(text::total_line(
            report.total_counted,
            report.total_required,
        ))
        .strong()
        .size(16.0),
    );
    let fraction = ratio(report.total_counted, report.total_required);
    let fill = if report.total_counted >= report.total_required {
        colour::OK
    } else {
        colour::ERROR
    };
    ui.add(
        egui::ProgressBar::new(fraction)
            .desired_height(tokens::BAR_HEIGHT)
            .fill(fill),
    );
}

fn category_ui(ui: &mut Ui, c: &CategoryReport, exempt: bool) {
    let not_required = exempt && c.min == 0 && c.code == crate::rules::CategoryCode::Clinical;
    let line = text::category_line(c.counted, c.min, c.max);
    let line = if not_required {
        format!("{line}{}", text::NOT_NEEDED)
    } else {
        line
    };
    // Name and figures on one line, the bar under them: two lines a category leave the
    // findings room below.
    ui.horizontal_wrapped(|ui| {
        super::widgets::ok_mark_ui(ui, c.ok);
        ui.label(RichText::new(format!("{} {}", c.code.roman(), c.name)).strong());
        // Whole, on the next row when the name leaves no room for it.
        ui.add(egui::Label::new(RichText::new(line).small()).extend());
    });
    let scale = c.max.unwrap_or(c.min).max(c.counted).max(1);
    let fill = if c.ok { colour::OK } else { colour::ERROR };
    let response = ui.add(
        egui::ProgressBar::new(ratio(c.counted, scale))
            .desired_height(tokens::BAR_HEIGHT / 2.0)
            .fill(fill),
    );
    // The minimum as a tick on the bar.
    if c.min > 0 && c.min < scale {
        let rect = response.rect;
        let x = rect.left() + rect.width() * ratio(c.min, scale);
        ui.painter().line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
        );
    }
    ui.add_space(tokens::GAP / 2.0);
}

fn findings_ui(ui: &mut Ui, report: &Report) -> Option<FieldPath> {
    ui.label(RichText::new(text::FINDINGS_HEADING).strong());
    if report.findings.is_empty() {
        ui.label(text::FINDINGS_NONE);
        return None;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let groups = report.finding_groups();
            for g in groups.iter().take(FINDINGS_SHOWN) {
                if g.is_group() {
                    // One line for many entries of one kind; open, each still leads to its cell.
                    let first = &report.findings[g.findings[0]];
                    let header = egui::CollapsingHeader::new(
                        RichText::new(format!("{}　{}", g.severity.label(), g.title()))
                            .color(tokens::severity_colour(g.severity)),
                    )
                    .id_salt(("finding-group", g.severity, g.rule))
                    .default_open(false);
                    header.show(ui, |ui| {
                        source_ui(
                            ui,
                            &first.source.text(),
                            egui::Id::unique(("group-source", g.rule)),
                        );
                        for &i in &g.findings {
                            let f = &report.findings[i];
                            if finding_line_ui(ui, f, false) {
                                clicked = Some(f.path);
                            }
                        }
                    });
                } else {
                    let f = &report.findings[g.findings[0]];
                    if finding_line_ui(ui, f, true) {
                        clicked = Some(f.path);
                    }
                }
            }
            let hidden = groups.len().saturating_sub(FINDINGS_SHOWN);
            if hidden > 0 {
                ui.label(text::findings_hidden(hidden));
            }
        });
    clicked
}

/// One finding: its badge (when `badge`), its message that leads to the field, and a 「根拠」
/// button that shows where its rule is written. Whether the message was clicked.
fn finding_line_ui(ui: &mut Ui, finding: &Finding, badge: bool) -> bool {
    let id = egui::Id::unique(("finding-source", finding.path, &finding.message));
    let mut open = false;
    let response = ui
        .horizontal_wrapped(|ui| {
            if badge {
                ui.label(
                    RichText::new(finding.severity.label())
                        .color(colour::ON_BADGE)
                        .background_color(tokens::severity_colour(finding.severity)),
                );
            }
            let response = ui.add(
                egui::Label::new(finding.message.as_str())
                    .sense(Sense::click())
                    .wrap(),
            );
            open = source_button_ui(ui, id);
            response
        })
        .inner;
    if open {
        ui.label(RichText::new(finding.source.text()).small());
    }
    response.on_hover_text(text::FINDING_GO).clicked()
}

/// The 「根拠」 button, remembered open or closed under `id`; whether it is open.
fn source_button_ui(ui: &mut Ui, id: egui::Id) -> bool {
    let mut open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    if ui
        .small_button(text::SOURCE_BUTTON)
        .on_hover_text(text::SOURCE_HOVER)
        .clicked()
    {
        open = !open;
    }
    ui.data_mut(|d| d.insert_temp(id, open));
    open
}

/// The 根拠 of a group, shown on demand under its header.
fn source_ui(ui: &mut Ui, source: &str, id: egui::Id) {
    if source_button_ui(ui, id) {
        ui.label(RichText::new(source).small());
    }
}

fn ratio(part: u32, whole: u32) -> f32 {
    if whole == 0 {
        1.0
    } else {
        (f64::from(part) / f64::from(whole)).min(1.0) as f32
    }
}
