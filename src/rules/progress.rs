//! 途中経過 — "as of today" during the five years: what counts so far, the time left in the
//! activity period, the pace needed, and the cheapest way to close each gap. Pure: `today` is a
//! parameter, so the numbers are the same in every test run.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::evaluate::{evaluate, exemption_ended, requires_b};
use super::report::CategoryCode;
use super::ruleset::RuleSet;
use crate::dates::format_kanji;
use crate::model::{Application, CommonGroup, CommonTopic};

/// Progress through the activity period, as of a day before the application window opens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The day the numbers are computed for.
    pub as_of: NaiveDate,
    /// Last day of the activity period.
    pub activity_end: NaiveDate,
    /// First day of the application window.
    pub window_opens: NaiveDate,
    /// Whole months left in the activity period (from `as_of` to its last day).
    pub months_left: u32,
    /// Days left in the activity period after `as_of` (0 on its last day).
    pub days_left: i64,
    /// The time left in words, e.g. 「2年5か月」.
    pub time_left: String,
    /// Categories i–iv: what counts so far, dated up to `as_of`.
    pub categories: Vec<CategoryProgress>,
    /// Counted units so far, all categories after their maxima.
    pub total_counted: u32,
    /// Cases that count so far.
    pub cases_counted: u32,
    /// Units required in total.
    pub total_required: u32,
    /// What is still missing, one line each, with the pace and the cheapest way to close it.
    pub gaps: Vec<Gap>,
    /// Yen for closing by e-learning every gap that e-learning can close.
    pub elearning_yen_total: u64,
    /// Cases dated after `as_of` (indices): planned, not counted yet.
    pub future_cases: Vec<usize>,
    /// The same cases by their paper No. (様式3's numbering, the window's No.), ascending.
    pub future_case_numbers: Vec<usize>,
    /// Credits dated after `as_of` (indices): planned, not counted yet.
    pub future_credits: Vec<usize>,
    /// What changed for this applicant in this year's rules (e.g. the end of the clinical
    /// exemption), and what the figures assume, one sentence each.
    pub notes: Vec<String>,
}

/// One category so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryProgress {
    /// Which category.
    pub code: CategoryCode,
    /// Its name.
    pub name: &'static str,
    /// Units counted so far.
    pub counted: u32,
    /// Minimum required.
    pub min: u32,
    /// Maximum counted, if any.
    pub max: Option<u32>,
}

/// Something still missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// What is missing, e.g. 「産婦人科領域講習」 or 「医療倫理（必修講習A）」.
    pub what: String,
    /// How many units (or cases, see `unit`) are missing.
    pub needed: u32,
    /// 「単位」 or 「例」.
    pub unit: &'static str,
    /// The pace needed, e.g. 「残り2年5か月で産婦人科領域講習あと12単位」.
    pub pace: String,
    /// The cheapest way to close it, when e-learning counts for it.
    pub elearning: Option<ELearningCost>,
}

/// Closing a gap with e-learning: units × the rule set's fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ELearningCost {
    /// Units to take.
    pub units: u32,
    /// Fee per unit (yen).
    pub yen_per_unit: u32,
    /// Units × fee (yen).
    pub yen: u64,
}

impl ELearningCost {
    fn new(units: u32, yen_per_unit: u32) -> Self {
        Self {
            units,
            yen_per_unit,
            yen: u64::from(units).saturating_mul(u64::from(yen_per_unit)),
        }
    }

    /// 「e-learningなら12単位×5,500円＝66,000円」
    pub fn text(&self) -> String {
        format!(
            "e-learningなら{}単位×{}円＝{}円",
            self.units,
            yen(u64::from(self.yen_per_unit)),
            yen(self.yen)
        )
    }
}

/// `66000` → 「66,000」.
pub fn yen(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether the progress view applies: the application window has not opened yet.
pub fn before_window(rules: &RuleSet, today: NaiveDate) -> bool {
    today < rules.application_window.start
}

/// The progress as of `today`, or `None` once the application window has opened (then the
/// verdict itself is what matters).
pub fn progress(app: &Application, rules: &RuleSet, today: NaiveDate) -> Option<Progress> {
    if !before_window(rules, today) {
        return None;
    }
    let is_future = |d: Option<NaiveDate>| d.is_some_and(|d| d > today);
    let future_cases: Vec<usize> = (0..app.cases.len())
        .filter(|&i| is_future(app.cases[i].date))
        .collect();
    let future_case_numbers = app.case_order().numbers_of(&future_cases);
    let future_credits: Vec<usize> = (0..app.credits.len())
        .filter(|&i| is_future(app.credits[i].date))
        .collect();
    let mut so_far = app.clone();
    so_far.cases.retain(|c| !is_future(c.date));
    so_far.credits.retain(|c| !is_future(c.date));
    let report = evaluate(&so_far, rules);
    // The end of the exemption is said in the verdict as a finding on the renewals; told here
    // too, since the progress is where a doctor plans the years left.
    let mut notes: Vec<String> = exemption_ended(app, rules)
        .map(|k| k.message())
        .into_iter()
        .collect();
    notes.extend(report.assumptions.iter().cloned());

    let end = report.activity_period.end;
    let months_left = whole_months(today, end);
    let time_left = months_text(months_left);
    let days_left = (end - today).num_days().max(0);
    let fee = rules.fees.elearning_per_unit;
    let pace = |what: &str, n: u32, unit: &str| {
        if months_left == 0 {
            format!("活動期間の残りはわずかです：{what}あと{n}{unit}")
        } else {
            format!("残り{time_left}で{what}あと{n}{unit}")
        }
    };
    let mut gaps = Vec::new();
    // Units a filled gap adds to the total, to see what the total still lacks after them.
    let mut filled: u32 = 0;

    let clinical = report.category(CategoryCode::Clinical);
    if !report.exempt_from_clinical && clinical.counted < clinical.min {
        let per_unit = rules.clinical.cases_per_unit as usize;
        let cases = (clinical.min as usize * per_unit).saturating_sub(report.cases_valid);
        let cases = u32::try_from(cases).unwrap_or(u32::MAX);
        gaps.push(Gap {
            what: "症例".to_string(),
            needed: cases,
            unit: "例",
            pace: pace("症例", cases, "例"),
            elearning: None,
        });
        filled = filled.saturating_add(clinical.min - clinical.counted);
    }

    let common = report.category(CategoryCode::Common);
    let mut topic_short: u32 = 0;
    for &topic in &rules.common.required_topics {
        let have = report
            .common_topics
            .iter()
            .find(|t| t.topic == topic)
            .map_or(0, |t| t.counted);
        if have < rules.common.required_topic_min {
            let n = rules.common.required_topic_min - have;
            topic_short = topic_short.saturating_add(n);
            let what = format!("{}（必修講習A）", topic.label());
            gaps.push(lecture_gap(&what, n, rules.elearning.common, fee, &pace));
        }
    }
    if let Some(b) = &rules.common.required_b
        && requires_b(app, rules)
    {
        let have = |topic: CommonTopic| {
            report
                .common_topics
                .iter()
                .find(|t| t.topic == topic)
                .map_or(0, |t| t.counted)
        };
        let mut per_topic: u32 = 0;
        for &topic in &b.topics {
            if have(topic) < b.min_units_per_topic {
                let n = b.min_units_per_topic - have(topic);
                per_topic = per_topic.saturating_add(n);
                let what = format!("{}（必修講習B）", topic.label());
                gaps.push(lecture_gap(&what, n, rules.elearning.common, fee, &pace));
            }
        }
        let total = CommonTopic::ALL
            .iter()
            .filter(|t| t.group() == CommonGroup::B)
            .map(|&t| have(t))
            .fold(0, u32::saturating_add);
        // Units the per-topic gaps add count towards a total minimum too.
        let total_short = b.min_units.saturating_sub(total.saturating_add(per_topic));
        if total_short > 0 {
            gaps.push(lecture_gap(
                "必修講習B",
                total_short,
                rules.elearning.common,
                fee,
                &pace,
            ));
        }
        topic_short = topic_short
            .saturating_add(per_topic)
            .saturating_add(total_short);
    }
    let common_rest = common
        .min
        .saturating_sub(common.counted.saturating_add(topic_short));
    if common_rest > 0 {
        gaps.push(lecture_gap(
            common.name,
            common_rest,
            rules.elearning.common,
            fee,
            &pace,
        ));
    }
    let common_after = common
        .counted
        .saturating_add(topic_short)
        .saturating_add(common_rest);
    filled = filled.saturating_add(cap(common_after, common.max).saturating_sub(common.counted));

    let domain = report.category(CategoryCode::Domain);
    let mut domain_added = 0;
    if domain.counted < domain.min {
        domain_added = domain.min - domain.counted;
        gaps.push(lecture_gap(
            domain.name,
            domain_added,
            rules.elearning.domain,
            fee,
            &pace,
        ));
        filled = filled.saturating_add(domain_added);
    }
    let activity = report.category(CategoryCode::Activity);
    if activity.counted < activity.min {
        let n = activity.min - activity.counted;
        gaps.push(Gap {
            what: activity.name.to_string(),
            needed: n,
            unit: "単位",
            pace: pace(activity.name, n, "単位"),
            elearning: None,
        });
        filled = filled.saturating_add(n);
    }

    let total_rest = report
        .total_required
        .saturating_sub(report.total_counted.saturating_add(filled));
    if total_rest > 0 {
        // Beyond the minimums any category counts; e-learning can close it where it counts and
        // has room: the domain lectures (no maximum) or the common lectures up to theirs.
        let common_room = common
            .max
            .map_or(u32::MAX, |m| m.saturating_sub(common_after));
        let domain_room = domain.max.map_or(u32::MAX, |m| {
            m.saturating_sub(domain.counted.saturating_add(domain_added))
        });
        let mut room = 0u32;
        if rules.elearning.domain {
            room = room.saturating_add(domain_room);
        }
        if rules.elearning.common {
            room = room.saturating_add(common_room);
        }
        let by_elearning = total_rest.min(room);
        // The verdict's shortfall is the whole of it; say how this number relates to that one.
        let whole = total_rest.saturating_add(filled);
        let what = if filled == 0 {
            "合計（どの区分の単位でも）".to_string()
        } else {
            format!("上の各区分の不足（計{filled}単位）に加えて、どの区分でも")
        };
        let time = if months_left == 0 {
            "活動期間の残りはわずかです：".to_string()
        } else {
            format!("残り{time_left}で、")
        };
        gaps.push(Gap {
            what: "合計（最低単位数を満たした上で）".to_string(),
            needed: total_rest,
            unit: "単位",
            pace: format!("{time}{what}あと{total_rest}単位（合計の不足は{whole}単位）"),
            elearning: (by_elearning > 0).then(|| ELearningCost::new(by_elearning, fee)),
        });
    }
    let elearning_yen_total = gaps.iter().filter_map(|g| g.elearning.map(|e| e.yen)).sum();

    let categories = report
        .categories
        .iter()
        .map(|c| CategoryProgress {
            code: c.code,
            name: c.name,
            counted: c.counted,
            min: c.min,
            max: c.max,
        })
        .collect();
    Some(Progress {
        as_of: today,
        activity_end: end,
        window_opens: rules.application_window.start,
        months_left,
        days_left,
        time_left,
        categories,
        total_counted: report.total_counted,
        cases_counted: u32::try_from(report.cases_valid).unwrap_or(u32::MAX),
        total_required: report.total_required,
        gaps,
        elearning_yen_total,
        future_cases,
        future_case_numbers,
        future_credits,
        notes,
    })
}

fn lecture_gap(
    what: &str,
    n: u32,
    elearning_counts: bool,
    fee: u32,
    pace: &dyn Fn(&str, u32, &str) -> String,
) -> Gap {
    Gap {
        what: what.to_string(),
        needed: n,
        unit: "単位",
        pace: pace(what, n, "単位"),
        elearning: elearning_counts.then(|| ELearningCost::new(n, fee)),
    }
}

fn cap(units: u32, max: Option<u32>) -> u32 {
    max.map_or(units, |m| units.min(m))
}

/// Whole months from `from` to the end of `last` (the day after it), 0 when past.
pub fn whole_months(from: NaiveDate, last: NaiveDate) -> u32 {
    let Some(after) = last.succ_opt() else {
        return 0;
    };
    if after <= from {
        return 0;
    }
    let mut months = (after.year() - from.year()) * 12 + after.month() as i32 - from.month() as i32;
    if after.day() < from.day() {
        months -= 1;
    }
    u32::try_from(months.max(0)).unwrap_or(0)
}

/// 29 → 「2年5か月」, 12 → 「1年」, 3 → 「3か月」, 0 → 「1か月未満」.
pub fn months_text(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, 0) => "1か月未満".to_string(),
        (0, m) => format!("{m}か月"),
        (y, 0) => format!("{y}年"),
        (y, m) => format!("{y}年{m}か月"),
    }
}

/// The progress as plain Japanese lines (for `check` and the 集計 page).
pub fn progress_lines(p: &Progress) -> Vec<String> {
    let mut lines = vec![format!(
        "途中経過（{}現在）: 活動期間は{}まで、残り{}。受付開始は{}",
        format_kanji(p.as_of),
        format_kanji(p.activity_end),
        p.time_left,
        format_kanji(p.window_opens)
    )];
    for c in &p.categories {
        let max = c.max.map_or(String::new(), |m| format!("・上限{m}"));
        lines.push(format!(
            "  {:<4}{} {}単位（最低{}{max}）",
            c.code.roman(),
            c.name,
            c.counted,
            c.min
        ));
    }
    lines.push(format!(
        "  合計 {}/{} 単位",
        p.total_counted, p.total_required
    ));
    for note in &p.notes {
        lines.push(format!("  ※{note}"));
    }
    if p.gaps.is_empty() {
        lines.push("  今日までの分で更新基準を満たしています".to_string());
    }
    for g in &p.gaps {
        match &g.elearning {
            Some(e) => lines.push(format!("  ・{}（{}）", g.pace, e.text())),
            None => lines.push(format!("  ・{}", g.pace)),
        }
    }
    if p.elearning_yen_total > 0 {
        lines.push(format!(
            "  e-learningで埋める場合の費用の目安: {}円",
            yen(p.elearning_yen_total)
        ));
    }
    if !p.future_cases.is_empty() || !p.future_credits.is_empty() {
        lines.push(format!(
            "  今日より後の日付: 症例{}例・単位{}件（予定として扱い、まだ数えていません）",
            p.future_cases.len(),
            p.future_credits.len()
        ));
        if !p.future_case_numbers.is_empty() {
            lines.push(format!(
                "    症例: {}",
                case_numbers(&p.future_case_numbers)
            ));
        }
        if !p.future_credits.is_empty() {
            lines.push(format!("    単位: {}", numbers(&p.future_credits)));
        }
    }
    lines
}

/// At most this many rows or cases are listed, then how many more.
const SHOWN: usize = 10;

/// Row numbers as the tables show them (1-based), the first ten and how many more.
fn numbers(indices: &[usize]) -> String {
    listed(
        indices.iter().map(|i| format!("{}行目", i + 1)),
        indices.len(),
    )
}

/// Cases by their paper No. (`No.48`), the first ten and how many more.
fn case_numbers(numbers: &[usize]) -> String {
    listed(numbers.iter().map(|n| format!("No.{n}")), numbers.len())
}

fn listed(items: impl Iterator<Item = String>, count: usize) -> String {
    let mut s: Vec<String> = items.take(SHOWN).collect();
    if count > SHOWN {
        s.push(format!("ほか{}件", count - SHOWN));
    }
    s.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn months_left_counts_whole_months_to_the_day_after_the_period() {
        // 2024-11-26 → 2027-05-01 is 29 whole months and a few days.
        assert_eq!(whole_months(d(2024, 11, 26), d(2027, 4, 30)), 29);
        assert_eq!(months_text(29), "2年5か月");
        assert_eq!(whole_months(d(2027, 4, 1), d(2027, 4, 30)), 1);
        assert_eq!(whole_months(d(2027, 4, 2), d(2027, 4, 30)), 0);
        assert_eq!(whole_months(d(2027, 5, 1), d(2027, 4, 30)), 0);
        assert_eq!(months_text(12), "1年");
        assert_eq!(months_text(3), "3か月");
        assert_eq!(months_text(0), "1か月未満");
    }

    #[test]
    fn yen_has_thousands_separators() {
        assert_eq!(yen(66000), "66,000");
        assert_eq!(yen(5500), "5,500");
        assert_eq!(yen(500), "500");
        assert_eq!(yen(1_234_567), "1,234,567");
    }
}
