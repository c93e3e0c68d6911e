//! Every cycle open today: the rule sets FY2025–FY2029 derived from the FY2024 overview by the
//! schedule it states, the 必修B rule from FY2026 (source §7(2)), and the progress view.
//! Section numbers (§) point into `2024-renewal-overview.ja.txt`.

use crate::common::{self, case_on, date, for_year, has_message, lecture};
use chrono::NaiveDate;
use jsog_renewal::model::{
    ApplicantField, Application, ApplicationKind, CaseField, CertificationRoute, CommonTopic,
    CreditKind, Mode,
};
use jsog_renewal::rules::{
    self, CategoryCode, FieldPath, RuleStatus, Severity, describe, evaluate, known_years,
};

/// A passing FY2024 plan moved to `year`, first certified five years before it.
fn passing_in(year: u16) -> Application {
    common::passing_in(year, year - 5)
}

// ── Derived schedule (§1, §2, §5, §12 stated for FY2024, moved to each year) ─────────────

#[test]
fn every_year_2024_to_2029_is_built_in_with_its_status_and_source() {
    let years = known_years();
    for y in 2024..=2029 {
        assert!(years.contains(&y), "{y} in {years:?}");
        let r = for_year(y);
        assert_eq!(r.fiscal_year, y);
        assert!(!r.source.trim().is_empty());
        let expected = if y == 2024 {
            RuleStatus::Official
        } else {
            RuleStatus::Provisional
        };
        assert_eq!(r.status, expected, "{y}");
        assert_eq!(r.provisional_notice().is_some(), y != 2024);
    }
}

#[test]
fn derived_periods_window_lapse_and_number_endings_follow_the_schedule() {
    for year in 2024..=2029u16 {
        let r = for_year(year);
        let y = i32::from(year);
        // §5: 活動期間 (Y−5)-05-01 … Y-04-30
        assert_eq!(r.activity_period.start, date(y - 5, 5, 1), "{year}");
        assert_eq!(r.activity_period.end, date(y, 4, 30), "{year}");
        // §2: 受付期間 Y-04-01 … Y-05-31
        assert_eq!(r.application_window.start, date(y, 4, 1), "{year}");
        assert_eq!(r.application_window.end, date(y, 5, 31), "{year}");
        // §1, §12: lapse on (Y+1)-04-01
        assert_eq!(r.lapse_date, date(y + 1, 4, 1), "{year}");
        // §1: the cycle five years earlier (renewal) and six years earlier (after deferral)
        let endings: Vec<(String, u16, ApplicationKind)> = r
            .eligible_numbers
            .iter()
            .map(|n| (n.suffix.clone(), n.cycle_year, n.kind))
            .collect();
        assert_eq!(
            endings,
            vec![
                (
                    format!("{:02}", (y - 5) % 100),
                    year - 5,
                    ApplicationKind::Renewal
                ),
                (
                    format!("{:02}", (y - 6) % 100),
                    year - 6,
                    ApplicationKind::AfterDeferral
                ),
            ],
            "{year}"
        );
    }
}

#[test]
fn cases_and_credits_count_on_both_edges_of_every_derived_period_and_not_beyond() {
    for year in 2024..=2029u16 {
        let r = for_year(year);
        let (start, end) = (r.activity_period.start, r.activity_period.end);
        let days = [
            (start.pred_opt().expect("day"), false),
            (start, true),
            (end, true),
            (end.succ_opt().expect("day"), false),
        ];
        let mut app = passing_in(year);
        app.cases = days.iter().map(|(d, _)| case_on(*d)).collect();
        app.credits = days
            .iter()
            .map(|(d, _)| {
                let mut c = lecture(CreditKind::Domain, &format!("講習{d}"), 1);
                c.date = Some(*d);
                c
            })
            .collect();
        let report = evaluate(&app, &r);
        let expected: Vec<bool> = days.iter().map(|(_, ok)| *ok).collect();
        assert_eq!(report.case_counted, expected, "cases, {year}");
        assert_eq!(report.credit_counted, expected, "credits, {year}");
        assert!(has_message(&report, "活動期間"), "{year}");
    }
}

#[test]
fn fy2027_case_of_2022_04_30_is_out_of_period_and_2022_05_01_counts() {
    let r = for_year(2027);
    let mut app = passing_in(2027);
    app.cases = vec![case_on(date(2022, 4, 30)), case_on(date(2022, 5, 1))];
    let report = evaluate(&app, &r);
    assert_eq!(report.case_counted, vec![false, true]);
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Case(0, CaseField::Date))
        .expect("the early case is named");
    assert!(
        f.message.contains("2022年5月1日～2027年4月30日"),
        "{}",
        f.message
    );
}

#[test]
fn derived_years_keep_every_number_of_fy2024() {
    let base = for_year(2024);
    for y in 2025..=2029 {
        let r = for_year(y);
        assert_eq!(r.fees, base.fees, "{y}");
        assert_eq!(r.total_required, base.total_required, "{y}");
        // The exemption ends in FY2026 (the society's notice of 2024-07-11, tests/notices.rs).
        if y == 2025 {
            assert_eq!(r.total_required_exempt, base.total_required_exempt, "{y}");
            assert_eq!(r.exemption, base.exemption, "{y}");
        } else {
            assert_eq!(r.former_exemption, base.exemption, "{y}");
        }
        assert_eq!(r.clinical, base.clinical, "{y}");
        assert_eq!(r.common.limits, base.common.limits, "{y}");
        assert_eq!(r.common.required_topics, base.common.required_topics, "{y}");
        assert_eq!(r.common.required_topic_min, base.common.required_topic_min);
        assert_eq!(r.domain, base.domain, "{y}");
        assert_eq!(r.activity, base.activity, "{y}");
        assert_eq!(r.lecturing, base.lecturing, "{y}");
        assert_eq!(r.lecture_proof, base.lecture_proof, "{y}");
        assert_eq!(r.elearning, base.elearning, "{y}");
    }
}

// ── 必修B (§7(2)) ─────────────────────────────────────────────────────────────────────────

#[test]
fn rule_7_2_b_is_required_from_fy2026_only_and_its_minimum_is_marked_assumed() {
    // §7(2): 2022～2025年度の更新者には必須講習Bの受講が必須である該当者はいません。
    for y in [2024, 2025] {
        assert_eq!(for_year(y).common.required_b, None, "{y}");
    }
    for y in 2026..=2029 {
        let b = for_year(y).common.required_b.expect("必修B from FY2026");
        assert_eq!(b.board_exam_from, 2021, "{y}");
        assert!(b.min_units_per_topic >= 1 && b.topics.len() == 5);
        assert!(b.min_units_assumed, "the source gives no number");
    }
}

fn board_exam(app: &mut Application, year: u16) {
    app.applicant.certification_route = Some(CertificationRoute::BoardExam);
    app.applicant.first_certified_year = Some(year);
}

#[test]
fn rule_7_2_fy2026_board_exam_specialist_of_fy2021_without_b_does_not_pass_and_says_why() {
    // §7(2): 2021年度以降の日本専門医機構認定審査で合格した専門医が2026年度以降に更新する際は
    // 必須講習Bの受講が原則として必須。
    let r = for_year(2026);
    let mut app = passing_in(2026);
    board_exam(&mut app, 2021);
    let report = evaluate(&app, &r);
    assert!(!report.passes);
    assert!(!report.category(CategoryCode::Common).ok);
    // Each of the five topics is named where it is missing (the society's notice of
    // 2023-04-14), citing it.
    let missing: Vec<&str> = report
        .errors()
        .filter(|f| matches!(f.path, FieldPath::Topic(_)) && f.message.contains("必修講習B"))
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 5, "{missing:?}");
    assert!(
        missing.iter().all(|m| m.contains("あと1単位")),
        "{missing:?}"
    );

    // One unit of one topic closes only that topic.
    let mut with_b = app.clone();
    let mut b = lecture(
        CreditKind::Common(CommonTopic::CommunityMedicine),
        "地域医療講習",
        1,
    );
    b.date = Some(date(2024, 6, 1));
    with_b.credits.push(b);
    let report = evaluate(&with_b, &r);
    assert!(!report.passes);
    assert_eq!(
        report
            .errors()
            .filter(|f| matches!(f.path, FieldPath::Topic(_)))
            .count(),
        4
    );
}

#[test]
fn rule_7_2_the_same_application_without_that_route_passes() {
    let r = for_year(2026);
    let mut society = passing_in(2026);
    society.applicant.certification_route = Some(CertificationRoute::Society);
    // Certified by the society (until FY2020), the number's ○○ saying the same year.
    society.applicant.first_certified_year = Some(2016);
    society.applicant.specialist_number = "000001-N-1621".into();
    let report = evaluate(&society, &r);
    assert!(report.passes, "{:?}", report.findings);
    assert!(!has_message(&report, "必修講習B"));

    // Board exam before FY2021: not required either.
    let mut earlier = passing_in(2026);
    board_exam(&mut earlier, 2020);
    earlier.applicant.specialist_number = "000001-N-2021".into();
    assert!(evaluate(&earlier, &r).passes);

    // FY2025: nobody needs B, whatever the route (§7(2)).
    let mut fy2025 = passing_in(2025);
    board_exam(&mut fy2025, 2021);
    assert!(evaluate(&fy2025, &for_year(2025)).passes);
}

#[test]
fn rule_7_2_an_unknown_route_is_asked_for_but_does_not_block() {
    let r = for_year(2026);
    let app = passing_in(2026);
    let report = evaluate(&app, &r);
    assert!(report.passes);
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::CertificationRoute))
        .expect("asks for the route");
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn rule_7_2_a_first_certification_after_the_current_period_began_is_questioned() {
    let r = for_year(2026);
    let mut app = passing_in(2026);
    app.applicant.certification_route = Some(CertificationRoute::BoardExam);
    app.applicant.certified_from = Some(d(2021, 4, 1));
    let asks = |app: &Application| {
        evaluate(app, &r).findings.into_iter().find(|f| {
            f.path == FieldPath::Applicant(ApplicantField::FirstCertifiedYear)
                && f.message.contains("より後")
        })
    };
    // FY2021 began on 2021-04-01: the first certification may be that year, not the next.
    app.applicant.first_certified_year = Some(2021);
    assert!(asks(&app).is_none());
    app.applicant.first_certified_year = Some(2022);
    let f = asks(&app).expect("a later year is questioned");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("2022年度"), "{}", f.message);
    // A period that began in March belongs to the fiscal year before.
    app.applicant.certified_from = Some(d(2021, 3, 31));
    app.applicant.first_certified_year = Some(2021);
    assert!(asks(&app).is_some());
}

// ── Progress during the cycle ───────────────────────────────────────────────────────────

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    date(y, m, day)
}

/// FY2027, as of 2024-11-26: 50 cases, 必修A 1+1+1, 8 units of domain lectures, and one domain
/// lecture planned for 2025-01-10.
fn midway() -> Application {
    let mut app = passing_in(2027);
    for c in &mut app.cases {
        c.date = Some(d(2023, 5, 1));
    }
    app.credits.clear();
    for topic in [
        CommonTopic::Safety,
        CommonTopic::Ethics,
        CommonTopic::InfectionControl,
    ] {
        let mut c = lecture(CreditKind::Common(topic), topic.label(), 1);
        c.date = Some(d(2023, 6, 1));
        app.credits.push(c);
    }
    let mut domain = lecture(CreditKind::Domain, "領域講習会", 8);
    domain.date = Some(d(2024, 2, 1));
    app.credits.push(domain);
    let mut planned = lecture(CreditKind::Domain, "予定の講習会", 2);
    planned.date = Some(d(2025, 1, 10));
    planned.mode = Mode::Attended;
    app.credits.push(planned);
    app
}

#[test]
fn progress_counts_so_far_shows_the_pace_and_the_cheapest_way() {
    let r = for_year(2027);
    let p = rules::progress(&midway(), &r, d(2024, 11, 26)).expect("before the window");
    assert_eq!(p.months_left, 29);
    assert_eq!(p.time_left, "2年5か月");
    assert_eq!(p.activity_end, d(2027, 4, 30));
    let counted: Vec<u32> = p.categories.iter().map(|c| c.counted).collect();
    assert_eq!(
        counted,
        vec![5, 3, 8, 0],
        "the planned lecture is not counted yet"
    );
    assert_eq!(p.total_counted, 16);
    assert_eq!(p.future_credits, vec![4]);
    assert!(p.future_cases.is_empty());
    let text = rules::progress::progress_lines(&p).join("\n");
    assert!(text.contains("単位: 5行目"), "{text}");
    assert!(
        text.contains(
            "残り2年5か月で産婦人科領域講習あと12単位（e-learningなら12単位×5,500円＝66,000円）"
        ),
        "{text}"
    );

    let domain = p
        .gaps
        .iter()
        .find(|g| g.what == "産婦人科領域講習")
        .expect("a domain gap");
    assert_eq!(domain.needed, 12);
    assert_eq!(domain.pace, "残り2年5か月で産婦人科領域講習あと12単位");
    let cost = domain
        .elearning
        .expect("e-learning counts for domain lectures (§8(3))");
    assert_eq!(
        (cost.units, cost.yen_per_unit, cost.yen),
        (12, 5500, 66_000)
    );

    // After the minimums (5+3+20+0 = 28), the total still lacks 22 of 50 (§5).
    let total = p.gaps.last().expect("a total gap");
    assert_eq!(total.needed, 22);
    // The planner's number is not the verdict's 34 (50 − 16): its words say what each is.
    assert_eq!(
        total.pace,
        "残り2年5か月で、上の各区分の不足（計12単位）に加えて、どの区分でもあと22単位（合計の不足は34単位）"
    );
    assert_eq!(total.elearning.map(|e| e.yen), Some(121_000));
    assert_eq!(p.elearning_yen_total, 187_000);
    assert!(
        p.gaps.iter().all(|g| g.what != "症例"),
        "50 cases are enough"
    );
}

#[test]
fn progress_names_missing_cases_and_topics_without_an_e_learning_price_for_cases() {
    let r = for_year(2027);
    let mut app = midway();
    app.cases.truncate(12);
    app.credits.remove(1); // 医療倫理
    let p = rules::progress(&app, &r, d(2025, 5, 1)).expect("before the window");
    // 2025-05-01 … 2027-04-30 is exactly two years.
    assert_eq!(p.time_left, "2年");
    let cases = p.gaps.iter().find(|g| g.what == "症例").expect("cases gap");
    assert_eq!((cases.needed, cases.unit), (38, "例"));
    assert!(cases.elearning.is_none(), "cases cannot be bought");
    let ethics = p
        .gaps
        .iter()
        .find(|g| g.what.starts_with("医療倫理"))
        .expect("ethics gap");
    assert_eq!(ethics.needed, 1);
    assert_eq!(ethics.elearning.map(|e| e.yen), Some(5_500));
    // The planned lecture of 2025-01-10 is past by now and counts.
    assert!(p.future_credits.is_empty());
    assert_eq!(p.categories[2].counted, 10);
}

#[test]
fn progress_stops_once_the_window_opens() {
    let r = for_year(2027);
    assert!(rules::progress(&midway(), &r, d(2027, 3, 31)).is_some());
    assert!(rules::progress(&midway(), &r, d(2027, 4, 1)).is_none());
}

// ── Rule files: validation, show and diff ─────────────────────────────────────────────────

#[test]
fn a_broken_rule_file_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fy2027.ron");
    std::fs::write(&path, "(\n    fiscal_year: 2027,\n    title: 12x,\n)").expect("write");
    let err = rules::read_rule_file(&path, rules::RuleOrigin::UserFolder(path.clone()))
        .expect_err("broken");
    match &err {
        rules::RuleSetError::Parse { line, column, .. } => {
            assert_eq!(*line, 3);
            // The value starts at column 12; RON's span may begin at the space before it.
            assert!((11..=12).contains(column), "column {column}");
        }
        other => panic!("expected a parse error, got {other}"),
    }
    assert!(err.to_string().contains("3行"), "{err}");
}

#[test]
fn a_valid_rule_file_reads_with_its_origin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.ron");
    let text = ron::ser::to_string(&for_year(2027)).expect("ron");
    std::fs::write(&path, text).expect("write");
    let r =
        rules::read_rule_file(&path, rules::RuleOrigin::CommandLine(path.clone())).expect("valid");
    assert_eq!(r.fiscal_year, 2027);
    assert_eq!(r.origin, rules::RuleOrigin::CommandLine(path));
}

#[test]
fn diff_says_what_changed_in_japanese_words() {
    let lines = describe::diff(&for_year(2024), &for_year(2026));
    let joined = lines.join("\n");
    assert!(
        joined.contains("活動期間: 2019年5月1日～2024年4月30日 → 2021年5月1日～2026年4月30日"),
        "{joined}"
    );
    assert!(joined.contains("区分: 公式 → 暫定"), "{joined}");
    assert!(
        joined.contains("ii 必修講習B: 必須の該当者なし → 2021年度以降"),
        "{joined}"
    );
    assert!(!joined.contains("審査料"), "fees are unchanged: {joined}");
    assert!(describe::diff(&for_year(2027), &for_year(2027)).is_empty());
}

#[test]
fn a_new_application_is_offered_the_cycle_still_open_on_the_day() {
    let open = |y, m, day| rules::open_year(d(y, m, day));
    assert_eq!(
        open(2024, 5, 31),
        Some(2024),
        "the FY2024 window's last day"
    );
    assert_eq!(open(2024, 6, 1), Some(2025));
    assert_eq!(open(2026, 11, 26), Some(2027));
    assert_eq!(
        open(2031, 1, 1),
        Some(2029),
        "the last known year when all have closed"
    );
}

#[test]
fn the_progress_chart_accumulates_units_by_month_with_the_minimums_today_and_the_pace() {
    // FY2027's activity period is 2022-05-01…2027-04-30 (from the schedule): 60 months.
    let r = for_year(2027);
    let app = midway();
    let report = evaluate(&app, &r);
    let today = d(2024, 11, 26);
    let chart = rules::chart::progress_chart(&app, &r, &report, today);
    assert_eq!(chart.months.len(), 60);
    assert_eq!(chart.months[0], d(2022, 5, 1));
    assert_eq!(chart.months[59], d(2027, 4, 1));
    let series = |code| {
        chart
            .categories
            .iter()
            .find(|c| c.code == code)
            .expect("every category has a line")
    };
    // 50 cases on 2023-05-01 (month 12): 5 units of 10 cases from that month on.
    assert_eq!(chart.cases_per_month[12], 50);
    assert_eq!(chart.cases_per_month.iter().sum::<u32>(), 50);
    assert_eq!(
        (chart.cases_accumulated[11], chart.cases_accumulated[12]),
        (0, 50)
    );
    let clinical = series(CategoryCode::Clinical);
    assert_eq!(
        (clinical.units[11], clinical.units[12], clinical.units[59]),
        (0, 5, 5)
    );
    assert_eq!(clinical.entries[12].len(), 50);
    // 必修A 1+1+1 in 2023-06 (month 13); domain 8 in 2024-02 (month 21), 2 more planned in
    // 2025-01 (month 32): the chart shows the plan too.
    let common = series(CategoryCode::Common);
    assert_eq!((common.units[12], common.units[13]), (0, 3));
    let domain = series(CategoryCode::Domain);
    assert_eq!(
        (domain.units[20], domain.units[21], domain.units[32]),
        (0, 8, 10)
    );
    assert_eq!(domain.entries[21], vec!["領域講習会".to_owned()]);
    assert_eq!(domain.entries[32], vec!["予定の講習会".to_owned()]);
    // The lines at the minimums are the rule set's (§ category minimums), the total's too.
    for c in &chart.categories {
        assert_eq!(c.min, report.category(c.code).min, "{:?}", c.code);
    }
    assert_eq!(
        chart.cases_needed,
        report.category(CategoryCode::Clinical).min * 10
    );
    assert_eq!(chart.cases_needed, 50);
    assert_eq!(chart.total_required, report.total_required);
    assert_eq!(chart.total[59], 5 + 3 + 10);
    // Today: 2024-11 is month 30, the 26th is 25 days into its 30.
    let x = chart.today.expect("today is inside the period");
    assert!((x - (30.0 + 25.0 / 30.0)).abs() < 1e-9, "{x}");
    // The pace runs from today's total to the total needed at the end of the period.
    let [from, to] = chart.pace.expect("the total is not reached");
    assert_eq!(from, (x, 16.0));
    assert_eq!(to, (60.0, f64::from(report.total_required)));

    // After the period: no today mark, no pace.
    let later = rules::chart::progress_chart(&app, &r, &report, d(2027, 6, 1));
    assert_eq!((later.today, later.pace), (None, None));
}
