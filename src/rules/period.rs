//! The activity period that applies to one application: the rule set's five years, six after a
//! deferral, four after a deferral-renewal, reaching back past approved pauses of activity.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::ruleset::{DateRange, Notice, RuleSet};
use crate::dates::format_kanji;
use crate::model::{Application, ApplicationKind};

/// Why the period is as long as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    /// 通常 — the rule set's period.
    Regular,
    /// 猶予後 — the renewal after a year of deferral: the most recent six years.
    AfterDeferral,
    /// 猶予後の次 — the renewal after a deferral-renewal: from where that period ended.
    AfterDeferralRenewal,
}

impl PeriodBasis {
    /// 通常 / 猶予後 / 猶予後の次
    pub fn label(self) -> &'static str {
        match self {
            PeriodBasis::Regular => "通常",
            PeriodBasis::AfterDeferral => "猶予後",
            PeriodBasis::AfterDeferralRenewal => "猶予後の次",
        }
    }
}

/// The period whose entries count for this application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityPeriod {
    /// First day (inclusive), reached back past the pauses.
    pub start: NaiveDate,
    /// Last day (inclusive): the rule set's.
    pub end: NaiveDate,
    /// 通常 / 猶予後 / 猶予後の次 (and ・活動休止 when pauses are cut out).
    pub reason: String,
    /// How long it is before the pauses are cut out.
    pub basis: PeriodBasis,
    /// Years of activity it holds.
    pub years: u8,
    /// The pauses cut out of it (as entered, merged where they overlap).
    pub pauses: Vec<DateRange>,
    /// Its length rests on an assumption of this program (see `Report::assumptions`).
    pub assumed: bool,
}

impl ActivityPeriod {
    /// The period of `app` under `rules`. Pauses without both dates, or ending before they
    /// start, change nothing (their fields carry a finding).
    pub fn of(app: &Application, rules: &RuleSet) -> ActivityPeriod {
        let regular = rules.activity_period;
        let (basis, years) = match (&rules.deferral, app.kind) {
            (Some(d), ApplicationKind::AfterDeferral) => {
                (PeriodBasis::AfterDeferral, d.activity_years)
            }
            (Some(d), ApplicationKind::Renewal) if app.previous_after_deferral => {
                (PeriodBasis::AfterDeferralRenewal, d.next_activity_years)
            }
            _ => (PeriodBasis::Regular, regular_years(regular)),
        };
        let base_start = match basis {
            PeriodBasis::Regular => regular.start,
            _ => years_back(regular.end, years).unwrap_or(regular.start),
        };
        let pauses = if rules.pause.is_some() {
            merged_pauses(app, regular.end)
        } else {
            Vec::new()
        };
        let start = reach_back(base_start, &pauses);
        let pauses: Vec<DateRange> = pauses
            .into_iter()
            .filter(|p| p.end >= start)
            .map(|p| DateRange {
                start: p.start.max(start),
                end: p.end,
            })
            .collect();
        let mut reason = basis.label().to_string();
        if !pauses.is_empty() {
            reason = if basis == PeriodBasis::Regular {
                "活動休止".to_string()
            } else {
                format!("{reason}・活動休止")
            };
        }
        let assumed = (basis == PeriodBasis::AfterDeferralRenewal
            && rules.deferral.as_ref().is_some_and(|d| d.next_assumed))
            || (!pauses.is_empty() && rules.pause.as_ref().is_some_and(|p| p.assumed));
        ActivityPeriod {
            start,
            end: regular.end,
            reason,
            basis,
            years,
            pauses,
            assumed,
        }
    }

    /// The span from its first to its last day, pauses included.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: self.start,
            end: self.end,
        }
    }

    /// Whether an entry dated `date` counts: within the span and in no pause.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.range().contains(date) && self.pause_at(date).is_none()
    }

    /// The pause `date` falls in, if any.
    pub fn pause_at(&self, date: NaiveDate) -> Option<DateRange> {
        self.pauses.iter().copied().find(|p| p.contains(date))
    }

    /// 「2019年5月1日～2024年4月30日」
    pub fn span_text(&self) -> String {
        format!("{}～{}", format_kanji(self.start), format_kanji(self.end))
    }

    /// The span with why it is so, as the verdict, 様式4 and the checklist print it:
    /// 「2018年5月1日～2024年4月30日（猶予後の更新：申請する直近の6年間）」.
    pub fn text(&self) -> String {
        let why = match self.basis {
            PeriodBasis::Regular => String::new(),
            PeriodBasis::AfterDeferral => {
                format!("猶予後の更新：申請する直近の{}年間", self.years)
            }
            PeriodBasis::AfterDeferralRenewal => format!(
                "前回が猶予後の更新：前回の活動期間の翌日からの{}年間（仮定）",
                self.years
            ),
        };
        let paused = if self.pauses.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = self
                .pauses
                .iter()
                .map(|p| format!("{}～{}", format_kanji(p.start), format_kanji(p.end)))
                .collect();
            format!(
                "活動休止 {}（計{}日）を除き、その分さかのぼる",
                list.join("、"),
                self.paused_days()
            )
        };
        match (why.is_empty(), paused.is_empty()) {
            (true, true) => self.span_text(),
            (false, true) => format!("{}（{why}）", self.span_text()),
            (true, false) => format!("{}（{paused}）", self.span_text()),
            (false, false) => format!("{}（{why}。{paused}）", self.span_text()),
        }
    }

    /// Days paused within the span.
    pub fn paused_days(&self) -> i64 {
        self.pauses.iter().map(|p| days(*p)).sum()
    }

    /// Whether the period differs from the rule set's (a deferral or a pause).
    pub fn is_regular(&self) -> bool {
        self.basis == PeriodBasis::Regular && self.pauses.is_empty()
    }

    /// The notices the period follows, for citing in the verdict.
    pub fn notices<'r>(&self, rules: &'r RuleSet) -> Vec<&'r Notice> {
        let mut out = Vec::new();
        if self.basis != PeriodBasis::Regular
            && let Some(d) = &rules.deferral
        {
            out.push(&d.notice);
        }
        if !self.pauses.is_empty()
            && let Some(p) = &rules.pause
        {
            out.push(&p.notice);
        }
        out
    }
}

/// Whole years of the rule set's period (five for every published year).
fn regular_years(period: DateRange) -> u8 {
    let next = period.end + Days::new(1);
    (1..=20u8)
        .find(|&y| years_back(period.end, y) == Some(period.start))
        .unwrap_or_else(|| u8::try_from((next - period.start).num_days() / 365).unwrap_or(u8::MAX))
}

/// The first day of the `years` whole years that end on `end`.
fn years_back(end: NaiveDate, years: u8) -> Option<NaiveDate> {
    (end + Days::new(1)).checked_sub_months(Months::new(12 * u32::from(years)))
}

fn days(range: DateRange) -> i64 {
    (range.end - range.start).num_days() + 1
}

/// The application's pauses with both dates in order, that begin by `end`, sorted and merged
/// where they overlap or touch, and cut at `end`.
fn merged_pauses(app: &Application, end: NaiveDate) -> Vec<DateRange> {
    let mut ranges: Vec<DateRange> = app
        .pauses
        .iter()
        .filter_map(|p| {
            Some(DateRange {
                start: p.from?,
                end: p.until?,
            })
        })
        .filter(|r| r.start <= r.end && r.start <= end)
        .map(|r| DateRange {
            start: r.start,
            end: r.end.min(end),
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<DateRange> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end + Days::new(1) => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The first day such that the days from it to `end` outside the pauses are as many as from
/// `base_start` to `end`: every day paused moves the start back a day, and a pause the start
/// moves into is passed over in turn.
fn reach_back(base_start: NaiveDate, pauses: &[DateRange]) -> NaiveDate {
    let mut start = base_start;
    // Each round passes at least one more pause, so this ends; the bound is for safety.
    for _ in 0..=pauses.len() + 1 {
        let paused: i64 = pauses
            .iter()
            .filter(|p| p.end >= start)
            .map(|p| {
                days(DateRange {
                    start: p.start.max(start),
                    end: p.end,
                })
            })
            .sum();
        let next = u64::try_from(paused)
            .ok()
            .and_then(|d| base_start.checked_sub_days(Days::new(d)))
            .unwrap_or(base_start);
        if next == start {
            break;
        }
        start = next;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn whole_years_are_counted_from_the_day_after_the_end() {
        assert_eq!(years_back(d(2024, 4, 30), 6), Some(d(2018, 5, 1)));
        assert_eq!(
            regular_years(DateRange {
                start: d(2019, 5, 1),
                end: d(2024, 4, 30)
            }),
            5
        );
    }

    #[test]
    fn a_pause_the_start_moves_into_is_passed_over_too() {
        // 2019-05-01 back by 60 days (a pause in 2020) lands in a pause of 2019-03: its 31
        // days push the start back again.
        let pauses = [
            DateRange {
                start: d(2019, 3, 1),
                end: d(2019, 3, 31),
            },
            DateRange {
                start: d(2020, 6, 1),
                end: d(2020, 7, 30),
            },
        ];
        let start = reach_back(d(2019, 5, 1), &pauses);
        let span = (d(2024, 4, 30) - start).num_days() + 1;
        let active = span - 31 - 60;
        assert_eq!(active, (d(2024, 4, 30) - d(2019, 5, 1)).num_days() + 1);
        assert_eq!(start, d(2019, 1, 30));
    }
}
