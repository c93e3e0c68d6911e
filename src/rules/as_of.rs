//! "As of today", in one place: the progress chart, the 集計 planner and the standing the
//! verdict panel and the office window show, computed together from one evaluation so they
//! cannot disagree. The window keeps one per document and day (`ui::document`).

use chrono::NaiveDate;

use super::chart::{ProgressChart, progress_chart};
use super::progress::{Progress, progress, progress_lines};
use super::report::{CategoryCode, Report};
use super::ruleset::RuleSet;
use crate::model::Application;

/// An application as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct AsOf {
    /// The day.
    pub today: NaiveDate,
    /// The progress chart over the activity period.
    pub chart: ProgressChart,
    /// The planner (none once the application window has opened).
    pub progress: Option<Progress>,
    /// The planner in sentences (empty without a planner).
    pub lines: Vec<String>,
    /// Where the doctor stands.
    pub standing: Standing,
}

impl AsOf {
    /// `app`, evaluated into `report` under `rules`, as of `today`.
    pub fn of(app: &Application, rules: &RuleSet, report: &Report, today: NaiveDate) -> AsOf {
        let chart = progress_chart(app, rules, report, today);
        let progress = progress(app, rules, today);
        let standing = Standing::from_parts(report, &chart, progress.as_ref());
        let lines = progress.as_ref().map(progress_lines).unwrap_or_default();
        AsOf {
            today,
            chart,
            progress,
            lines,
            standing,
        }
    }
}

/// Months back over which the units earned are compared with the pace needed.
const RECENT_MONTHS: usize = 12;

/// A category still short of its minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    /// Which category.
    pub code: CategoryCode,
    /// Units still missing to its minimum.
    pub units: u32,
}

/// The pace a doctor needs to reach the total by the end of the activity period, and the pace
/// they kept lately.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Units per month still needed, from today to the end of the activity period.
    pub needed_per_month: f64,
    /// Units per month earned over the last 12 months (or since the period started, when
    /// that is shorter), up to today.
    pub recent_per_month: f64,
    /// Months over which `recent_per_month` was taken (1–12).
    pub recent_months: usize,
}

impl Pace {
    /// Whether the units earned lately keep the pace needed.
    pub fn kept(&self) -> bool {
        self.recent_per_month >= self.needed_per_month
    }
}

/// Where a doctor stands as of a day, in a few numbers. While today is inside the activity
/// period they are what counts up to today (the 集計 planner's numbers: entries dated later
/// are plans, not yet earned); before or after it they are the Report's.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Whether today is inside the activity period (the numbers are as of today's month).
    pub during_period: bool,
    /// Units counted, all categories after their maxima.
    pub total_counted: u32,
    /// Units required in total.
    pub total_required: u32,
    /// Cases that count.
    pub cases_counted: u32,
    /// Cases that make the clinical minimum (0 when exempt from clinical cases).
    pub cases_needed: u32,
    /// The categories still short of their minimum, in the Report's order.
    pub short: Vec<Shortfall>,
    /// The pace needed from today, when today is inside the activity period and the total is
    /// not reached yet.
    pub pace: Option<Pace>,
    /// The doctor's own activity period when it is not the rule set's (a deferral, a pause):
    /// its reason and span, e.g. `("猶予後", "2018年5月1日～2024年4月30日")`.
    pub own_period: Option<(String, String)>,
}

impl Standing {
    /// Inside the activity period, what is counted up to today's month does not yet meet the
    /// total, the cases or a category's minimum.
    pub fn short_so_far(&self) -> bool {
        self.during_period
            && (self.total_counted < self.total_required
                || self.cases_counted < self.cases_needed
                || !self.short.is_empty())
    }

    /// The standing of `app` (evaluated into `report` under `rules`) as of `today`.
    pub fn of(app: &Application, rules: &RuleSet, report: &Report, today: NaiveDate) -> Standing {
        // The chart and the planner alone: the office window needs no planner sentences.
        let chart = progress_chart(app, rules, report, today);
        Standing::from_parts(report, &chart, progress(app, rules, today).as_ref())
    }

    /// The standing from `report`, its application's `chart` and its `progress` as of the
    /// chart's day (none once the application window has opened).
    pub fn from_parts(
        report: &Report,
        chart: &ProgressChart,
        progress: Option<&Progress>,
    ) -> Standing {
        let month = chart
            .today
            .map(|x| x.floor() as usize)
            .filter(|&m| m < chart.total.len());
        // Inside the period: what counts up to today, as the planner counts it (the chart's
        // value at today's month where the window has opened and there is no planner); outside
        // it, the Report's.
        let so_far = progress.filter(|_| month.is_some());
        let at = |series: &[u32], report_value: u32| {
            month.map_or(report_value, |m| {
                series.get(m).copied().unwrap_or(report_value)
            })
        };
        let short = report
            .categories
            .iter()
            .zip(&chart.categories)
            .filter_map(|(c, series)| {
                let counted = match so_far {
                    Some(p) => p
                        .categories
                        .iter()
                        .find(|pc| pc.code == c.code)
                        .map_or(c.counted, |pc| pc.counted),
                    None => at(&series.units, c.counted),
                };
                (counted < c.min).then(|| Shortfall {
                    code: c.code,
                    units: c.min - counted,
                })
            })
            .collect();
        let cases_valid = u32::try_from(report.cases_valid).unwrap_or(u32::MAX);
        let total_counted = so_far.map_or_else(
            || at(&chart.total, report.total_counted),
            |p| p.total_counted,
        );
        Standing {
            during_period: month.is_some(),
            total_counted,
            total_required: report.total_required,
            cases_counted: so_far.map_or_else(
                || at(&chart.cases_accumulated, cases_valid),
                |p| p.cases_counted,
            ),
            cases_needed: chart.cases_needed,
            short,
            pace: pace(chart, total_counted, report.total_required),
            own_period: (!report.activity_period.is_regular()).then(|| {
                (
                    report.activity_period.reason.clone(),
                    report.activity_period.span_text(),
                )
            }),
        }
    }

    /// Whether the total and every category's minimum are reached.
    pub fn reached(&self) -> bool {
        self.total_counted >= self.total_required && self.short.is_empty()
    }
}

/// The pace needed from today to the end of the period for what counts up to today
/// (`so_far`) to reach `required`, beside the units earned lately (by the chart's months before
/// today's, and up to today in today's).
fn pace(chart: &ProgressChart, so_far: u32, required: u32) -> Option<Pace> {
    let today = chart.today?;
    if so_far >= required {
        return None;
    }
    let months_left = chart.months.len() as f64 - today;
    if months_left <= 0.0 {
        return None;
    }
    let month = today.floor() as usize;
    let (before, recent_months) = match month.checked_sub(RECENT_MONTHS) {
        Some(earlier) => (
            chart.total.get(earlier).copied().unwrap_or(0),
            RECENT_MONTHS,
        ),
        None => (0, month + 1),
    };
    Some(Pace {
        needed_per_month: f64::from(required - so_far) / months_left,
        recent_per_month: f64::from(so_far.saturating_sub(before)) / recent_months as f64,
        recent_months,
    })
}
