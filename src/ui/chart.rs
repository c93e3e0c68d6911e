//! The progress chart (集計 page): units per category accumulated month by month with the
//! minimums, the total with the total needed, today and the pace needed; below it the cases per
//! month with the cases that make the clinical minimum. The numbers come from
//! [`crate::rules::chart`]; hovering a point names the entries behind it. The verdict panel
//! shows the total alone, in small. Both take the chart from the document's "as of today"
//! ([`Document::as_of`](super::document::Document::as_of)), computed once per change of the
//! document or of the day rather than every frame.

use std::collections::HashMap;

use chrono::Datelike;
use eframe::egui::{Color32, Response, RichText, Role, Sense, Ui, WidgetInfo};
use egui_plot::{
    Bar, BarChart, Corner, HLine, HoverPosition, Legend, Line, LineStyle, Plot, PlotUi, VLine,
};

use super::text;
use crate::rules::chart::ProgressChart;

/// Colours of categories i–iv and of the total.
const SERIES_COLOURS: [Color32; 5] = [
    Color32::from_rgb(0x1f, 0x77, 0xb4),
    Color32::from_rgb(0x2c, 0xa0, 0x2c),
    Color32::from_rgb(0xd6, 0x27, 0x28),
    Color32::from_rgb(0x94, 0x67, 0xbd),
    Color32::from_rgb(0x40, 0x40, 0x40),
];
/// Colour of today's mark.
const TODAY_COLOUR: Color32 = Color32::from_rgb(0xff, 0x7f, 0x0e);
/// Entries named at most in a point's hover text.
const ENTRIES_SHOWN: usize = 8;

/// "2021/5" for the month at `x` (its index; the points sit at the end of their month).
fn month_label(chart: &ProgressChart, x: f64) -> Option<String> {
    let index = x.round();
    if index < 0.0 {
        return None;
    }
    chart
        .months
        .get(index as usize)
        .map(|d| format!("{}/{}", d.year(), d.month()))
}

/// A plot over the activity period's months, from 0 to `top`, that the pointer cannot move or
/// zoom (the page scrolls instead), its months named on the axis.
fn fixed_plot<'a>(id: &'a str, chart: &ProgressChart, height: f32, top: f64) -> Plot<'a> {
    let axis = chart.clone();
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(chart.months.len() as f64)
        .include_y(0.0)
        .include_y(top)
        .x_axis_formatter(move |mark, _| month_label(&axis, mark.value).unwrap_or_default())
}

/// Draws both charts; `height` is the units chart's (the cases chart is smaller).
pub fn chart_ui(ui: &mut Ui, chart: &ProgressChart, height: f32) {
    // Per line name, the entries of each point (point k is the end of month k − 1).
    let mut entries: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let names: Vec<String> = chart
        .categories
        .iter()
        .map(|c| text::chart_category(c.code.roman()))
        .collect();
    for (series, name) in chart.categories.iter().zip(&names) {
        entries.insert(name.clone(), series.entries.clone());
    }
    let labels = chart.clone();
    let hover = move |pos: &HoverPosition<'_>| -> Option<String> {
        let HoverPosition::NearDataPoint {
            plot_name,
            position,
            index,
        } = pos
        else {
            return None;
        };
        let month = month_label(&labels, position.x - 1.0).unwrap_or_default();
        let mut lines = vec![format!("{plot_name}　{month}　{}", position.y)];
        if let Some(list) = index
            .checked_sub(1)
            .and_then(|m| entries.get(*plot_name).and_then(|e| e.get(m)))
        {
            lines.extend(list.iter().take(ENTRIES_SHOWN).cloned());
            if list.len() > ENTRIES_SHOWN {
                lines.push(text::chart_more(list.len() - ENTRIES_SHOWN));
            }
        }
        Some(lines.join("\n"))
    };
    fixed_plot(
        "progress-units",
        chart,
        height,
        f64::from(chart.total_required) + 2.0,
    )
    .legend(Legend::default().position(Corner::LeftTop))
    .label_formatter(hover)
    .show(ui, |plot| {
        for ((series, name), colour) in chart.categories.iter().zip(&names).zip(SERIES_COLOURS) {
            let points = accumulated_points(&series.units);
            plot.line(Line::new(name.clone(), points).color(colour));
            if series.min > 0 {
                plot.hline(
                    HLine::new(name.clone(), f64::from(series.min))
                        .color(colour)
                        .style(LineStyle::dashed_dense()),
                );
            }
        }
        total_lines(plot, chart);
    })
    .response
    .widget_info(|| WidgetInfo::labeled(Role::Image, true, text::CHART_UNITS_NAME));
    let bars: Vec<Bar> = chart
        .cases_per_month
        .iter()
        .enumerate()
        .map(|(m, n)| Bar::new(m as f64 + 0.5, f64::from(*n)).width(0.8))
        .collect();
    fixed_plot(
        "progress-cases",
        chart,
        height * 0.55,
        f64::from(chart.cases_needed) + 5.0,
    )
    .legend(Legend::default().position(Corner::LeftTop))
    .show(ui, |plot| {
        plot.bar_chart(BarChart::new(text::CHART_CASES_PER_MONTH, bars).color(SERIES_COLOURS[0]));
        let accumulated = accumulated_points(&chart.cases_accumulated);
        plot.line(Line::new(text::CHART_CASES_ACCUMULATED, accumulated).color(SERIES_COLOURS[4]));
        plot.hline(
            HLine::new(
                text::chart_cases_needed(chart.cases_needed),
                f64::from(chart.cases_needed),
            )
            .color(SERIES_COLOURS[2])
            .style(LineStyle::dashed_loose()),
        );
    })
    .response
    .widget_info(|| WidgetInfo::labeled(Role::Image, true, text::CHART_CASES_NAME));
}

/// A line of values accumulated month by month: 0 at the period's start, then each month's
/// value at that month's end.
fn accumulated_points(values: &[u32]) -> Vec<[f64; 2]> {
    std::iter::once([0.0, 0.0])
        .chain(
            values
                .iter()
                .enumerate()
                .map(|(m, v)| [m as f64 + 1.0, f64::from(*v)]),
        )
        .collect()
}

/// The total with the total needed, today and the pace needed from today.
fn total_lines(plot: &mut PlotUi<'_>, chart: &ProgressChart) {
    let total_colour = SERIES_COLOURS[4];
    let total = accumulated_points(&chart.total);
    plot.line(
        Line::new(text::CHART_TOTAL, total)
            .color(total_colour)
            .width(2.5),
    );
    plot.hline(
        HLine::new(text::CHART_TOTAL_NEEDED, f64::from(chart.total_required))
            .color(total_colour)
            .style(LineStyle::dashed_loose()),
    );
    if let Some(x) = chart.today {
        plot.vline(
            VLine::new(text::CHART_TODAY, x)
                .color(TODAY_COLOUR)
                .width(2.0),
        );
    }
    if let Some([from, to]) = chart.pace {
        plot.line(
            Line::new(text::CHART_PACE, vec![[from.0, from.1], [to.0, to.1]])
                .color(total_colour)
                .style(LineStyle::Dotted { spacing: 6.0 }),
        );
    }
}

/// The chart in small (the verdict panel): the total against the total needed, today and the
/// pace, without axes, legend or hover text, and the period it spans in a line below; the plot
/// is named `name` for screen readers.
pub fn compact_chart_ui(ui: &mut Ui, chart: &ProgressChart, height: f32, name: &str) -> Response {
    let response = fixed_plot(
        "progress-compact",
        chart,
        height,
        f64::from(chart.total_required) + 2.0,
    )
    .show_axes(false)
    .show_x(false)
    .show_y(false)
    .show_crosshair(false)
    .sense(Sense::hover())
    .show(ui, |plot| total_lines(plot, chart))
    .response;
    // A picture to screen readers, named and placed (a hover-only widget has no node else).
    response.widget_info(|| WidgetInfo::labeled(Role::Image, true, name));
    if let (Some(first), Some(last)) = (chart.months.first(), chart.months.last()) {
        let span = text::compact_chart_span(
            &format!("{}/{}", first.year(), first.month()),
            &format!("{}/{}", last.year(), last.month()),
            chart.today.is_some(),
        );
        ui.label(RichText::new(span).small().color(super::widgets::faint(ui)));
    }
    response
}
