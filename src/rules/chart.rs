//! The progress as a picture's numbers: per category the units earned, accumulated month by
//! month over the activity period from the dated entries that count, the minimums and the total
//! needed, where today falls, and the pace needed from today to the end. Pure: the window draws
//! what this computes, and the tests check these numbers rather than pixels.

use chrono::{Datelike, NaiveDate};

use super::report::{CategoryCode, Report};
use super::ruleset::RuleSet;
use crate::model::Application;

/// One category's line.
#[derive(Debug, Clone, PartialEq)]
pub struct CategorySeries {
    /// Which category.
    pub code: CategoryCode,
    /// Units accumulated by the end of each month (cases: whole units of `cases_per_unit`),
    /// never above the category's maximum.
    pub units: Vec<u32>,
    /// The category's minimum (a line on the chart).
    pub min: u32,
    /// Per month, the entries dated in it that count here ("症例12 子宮筋腫", a credit's title).
    pub entries: Vec<Vec<String>>,
}

/// The chart of an application over its activity period.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressChart {
    /// The first day of each month of the activity period, in order (x = index).
    pub months: Vec<NaiveDate>,
    /// One series per category, in the Report's order.
    pub categories: Vec<CategorySeries>,
    /// The sum of the categories' units at the end of each month.
    pub total: Vec<u32>,
    /// The total needed (a line).
    pub total_required: u32,
    /// Counted cases dated in each month.
    pub cases_per_month: Vec<u32>,
    /// Counted cases accumulated by the end of each month.
    pub cases_accumulated: Vec<u32>,
    /// The cases that make the clinical minimum (e.g. 50 = 5 units × 10 cases).
    pub cases_needed: u32,
    /// Where today is on the x axis (month index plus the fraction of the month gone), when
    /// today is inside the activity period.
    pub today: Option<f64>,
    /// The pace needed: from (today, total so far) to (end of the period, total needed), when
    /// today is inside the period and the total is not yet reached.
    pub pace: Option<[(f64, f64); 2]>,
}

/// Months between the first of `start`'s month and `date`'s month.
fn month_index(start: NaiveDate, date: NaiveDate) -> i64 {
    i64::from(date.year() - start.year()) * 12 + i64::from(date.month()) - i64::from(start.month())
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The chart's numbers for `app` under `rules`, with `report` its evaluation, as of `today`.
/// Entries without a date or outside the period are left out (the verdict speaks of them).
pub fn progress_chart(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    today: NaiveDate,
) -> ProgressChart {
    // The application's own period: six years after a deferral, longer around a pause.
    let period = report.activity_period.range();
    let start = first_of_month(period.start);
    let count = usize::try_from(month_index(start, period.end) + 1).unwrap_or(0);
    let months: Vec<NaiveDate> = (0..count)
        .filter_map(|m| start.checked_add_months(chrono::Months::new(m as u32)))
        .collect();
    let slot = |date: Option<NaiveDate>| {
        let date = date.filter(|d| *d >= period.start && *d <= period.end)?;
        usize::try_from(month_index(start, date))
            .ok()
            .filter(|&m| m < count)
    };

    let mut cases_per_month = vec![0u32; count];
    let mut case_entries = vec![Vec::new(); count];
    let order = app.case_order();
    for &i in order.printed() {
        let Some(case) = app.cases.get(i) else {
            continue;
        };
        if !report.case_counted.get(i).copied().unwrap_or(false) {
            continue;
        }
        if let Some(m) = slot(case.date) {
            cases_per_month[m] += 1;
            case_entries[m].push(format!("症例{} {}", order.number(i), case.diagnosis));
        }
    }
    let cases_accumulated: Vec<u32> = cases_per_month
        .iter()
        .scan(0u32, |sum, n| {
            *sum += n;
            Some(*sum)
        })
        .collect();
    let per_unit = rules.clinical.cases_per_unit.max(1);

    let mut categories = Vec::new();
    for c in &report.categories {
        let mut earned = vec![0u32; count];
        let mut entries = vec![Vec::new(); count];
        if c.code == CategoryCode::Clinical {
            entries.clone_from(&case_entries);
        }
        for (i, credit) in app.credits.iter().enumerate() {
            if CategoryCode::of(credit.kind) != c.code
                || !report.credit_counted.get(i).copied().unwrap_or(false)
            {
                continue;
            }
            if let Some(m) = slot(credit.date) {
                earned[m] += report.credit_units.get(i).copied().unwrap_or(0);
                entries[m].push(credit.title.clone());
            }
        }
        let mut sum = 0u32;
        let units = (0..count)
            .map(|m| {
                sum += earned[m];
                let from_cases = if c.code == CategoryCode::Clinical {
                    cases_accumulated[m] / per_unit
                } else {
                    0
                };
                let units = sum + from_cases;
                c.max.map_or(units, |max| units.min(max))
            })
            .collect();
        categories.push(CategorySeries {
            code: c.code,
            units,
            min: c.min,
            entries,
        });
    }
    let total: Vec<u32> = (0..count)
        .map(|m| categories.iter().map(|c| c.units[m]).sum())
        .collect();

    let today_x = (today >= period.start && today <= period.end).then(|| {
        let m = month_index(start, today) as f64;
        let days = f64::from(days_in_month(today));
        m + f64::from(today.day() - 1) / days
    });
    let end_x = count as f64;
    let pace = today_x.and_then(|x| {
        let m = x.floor() as usize;
        let so_far = total.get(m).copied()?;
        (so_far < report.total_required).then_some([
            (x, f64::from(so_far)),
            (end_x, f64::from(report.total_required)),
        ])
    });
    ProgressChart {
        months,
        categories,
        total,
        total_required: report.total_required,
        cases_per_month,
        cases_accumulated,
        cases_needed: report.category(CategoryCode::Clinical).min * per_unit,
        today: today_x,
        pace,
    }
}

fn days_in_month(date: NaiveDate) -> u32 {
    let first = first_of_month(date);
    first
        .checked_add_months(chrono::Months::new(1))
        .map_or(30, |next| (next - first).num_days() as u32)
}
