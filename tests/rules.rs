//! One scenario per rule of RULES-2024.md (section numbers § point into the source text),
//! plus the edge cases at every boundary.

use crate::common::{Plan, activity, case_on, date, eval, has_message, lecture, rules};
use jsog_renewal::model::{
    ActivityItem, ApplicantField, ApplicationKind, CaseField, CommonTopic, CreditKind, Mode, Role,
};
use jsog_renewal::rules::{CategoryCode, FieldPath, RuleSet, Severity, evaluate};

fn counted(app: &jsog_renewal::model::Application, code: CategoryCode) -> u32 {
    eval(app).category(code).counted
}

// ── §1 Who may apply ───────────────────────────────────────────────────────────────────────

#[test]
fn rule_1_number_ending_19_is_due_this_year() {
    let mut app = Plan::passing().build();
    app.applicant.specialist_number = "123456-N-0919".into();
    let report = eval(&app);
    assert!(report.passes);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.path == FieldPath::Applicant(ApplicantField::SpecialistNumber))
    );
}

#[test]
fn rule_1_number_ending_18_implies_renewal_after_deferral() {
    let mut app = Plan::passing().build();
    app.applicant.specialist_number = "123456-N-0918".into();
    let report = eval(&app);
    assert!(
        has_message(&report, "猶予後の更新"),
        "{:?}",
        report.findings
    );
    app.kind = ApplicationKind::AfterDeferral;
    assert!(!has_message(&eval(&app), "猶予後の更新"));
}

#[test]
fn rule_1_other_numbers_warn_but_never_block() {
    let mut app = Plan::passing().build();
    app.applicant.specialist_number = "123456-N-0917".into();
    let report = eval(&app);
    assert!(report.passes, "a wrong ending is a warning, not a block");
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::SpecialistNumber))
        .expect("a hint about the number");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("2024年度の更新対象ではない"));

    app.applicant.specialist_number = "ABC".into();
    assert!(has_message(&eval(&app), "-N○○19"));
    // Re-certification applicants are not identified by the number.
    app.kind = ApplicationKind::WithRecertification;
    assert!(!has_message(&eval(&app), "-N○○19"));
}

#[test]
fn rule_1_exemption_inferred_from_number_is_only_a_hint() {
    // -N-0419: certified 2004, renewed 2009, 2014, 2019 → three renewals → exempt by the number.
    let mut app = Plan::passing().build();
    app.applicant.specialist_number = "000001-N-0419".into();
    app.consecutive_renewals = 2;
    let report = eval(&app);
    assert!(!report.exempt_from_clinical, "the declared count decides");
    assert!(has_message(&report, "連続3回の更新と推定"));

    // -N-0919 declared as 3: the declared count still decides, with a warning.
    app.applicant.specialist_number = "000001-N-0919".into();
    app.consecutive_renewals = 3;
    let report = eval(&app);
    assert!(report.exempt_from_clinical);
    assert!(has_message(&report, "対象でない可能性"));
}

#[test]
fn rule_1_source_examples_of_exempt_numbers() {
    use jsog_renewal::rules::number::{NumberHint, hint};
    let rules = rules();
    for (number, renewals) in [
        ("-N-8919", 6),
        ("-N-9419", 5),
        ("-N-9919", 4),
        ("-N-0419", 3),
        ("-N-0919", 2),
        ("-N1419", 1),
    ] {
        match hint(number, &rules) {
            NumberHint::Due {
                inferred_renewals, ..
            } => assert_eq!(inferred_renewals, Some(renewals), "{number}"),
            other => panic!("{number}: {other:?}"),
        }
    }
}

// ── §2 Activity period and deadlines ──────────────────────────────────────────────────────

#[test]
fn rule_2_activity_period_is_inclusive_for_cases() {
    for (day, counts) in [
        (date(2019, 4, 30), false),
        (date(2019, 5, 1), true),
        (date(2024, 4, 30), true),
        (date(2024, 5, 1), false),
    ] {
        let mut app = Plan::passing().build();
        app.cases.push(case_on(day));
        let report = eval(&app);
        assert_eq!(report.case_counted[50], counts, "{day}");
        assert_eq!(report.cases_valid, 50 + usize::from(counts), "{day}");
    }
}

#[test]
fn rule_2_activity_period_applies_to_every_credit_and_e_learning() {
    for (day, counts) in [
        (date(2019, 4, 30), false),
        (date(2019, 5, 1), true),
        (date(2024, 4, 30), true),
        (date(2024, 5, 1), false),
    ] {
        let mut app = Plan::passing().build();
        let mut e = lecture(CreditKind::Domain, "e-learning講習", 1);
        e.mode = Mode::ELearning;
        e.date = Some(day);
        app.credits.push(e);
        let report = eval(&app);
        let last = app.credits.len() - 1;
        assert_eq!(report.credit_counted[last], counts, "{day}");
        assert_eq!(
            report.category(CategoryCode::Domain).counted,
            29 + u32::from(counts)
        );
        if !counts {
            assert!(has_message(&report, "活動期間"));
        }
    }
}

#[test]
fn rule_2_application_date_outside_window_warns() {
    let mut app = Plan::passing().build();
    app.application_date = Some(date(2024, 6, 1));
    assert!(has_message(&eval(&app), "受付期間"));
    app.application_date = Some(date(2024, 5, 31));
    assert!(!has_message(&eval(&app), "受付期間"));
}

// ── §3 The four categories and the pass rule ──────────────────────────────────────────────

#[test]
fn rule_3_minimums_alone_are_far_short_of_50() {
    let plan = Plan {
        cases: 50,
        safety: 1,
        ethics: 1,
        infection: 1,
        domain: 20,
        ..Plan::default()
    };
    let report = eval(&plan.build());
    assert!(report.categories.iter().all(|c| c.ok));
    assert_eq!(report.total_counted, 28);
    assert!(!report.passes);
    assert!(has_message(&report, "合計 28/50 単位：あと22単位必要です"));
}

#[test]
fn rule_3_exactly_50_passes_and_49_does_not() {
    let app = Plan::passing().build();
    let report = eval(&app);
    assert_eq!(report.total_counted, 50);
    assert!(report.passes, "{:?}", report.findings);

    let short = Plan {
        domain: 28,
        ..Plan::passing()
    };
    let report = eval(&short.build());
    assert_eq!(report.total_counted, 49);
    assert!(!report.passes);
    assert!(has_message(&report, "合計 49/50 単位：あと1単位必要です"));
}

#[test]
fn rule_3_total_message_names_the_shortfall() {
    let plan = Plan {
        domain: 25,
        ..Plan::passing()
    };
    assert!(has_message(
        &eval(&plan.build()),
        "合計 46/50 単位：あと4単位"
    ));
}

#[test]
fn rule_3_exemption_three_renewals_needs_40_over_ii_to_iv_without_cases() {
    let plan = Plan {
        cases: 0,
        safety: 4,
        ethics: 3,
        infection: 3,
        domain: 24,
        attendance: 6,
        ..Plan::default()
    };
    let mut app = plan.build();
    app.consecutive_renewals = 3;
    app.applicant.specialist_number = "000001-N-0419".into();
    let report = eval(&app);
    assert!(report.exempt_from_clinical);
    assert_eq!(report.total_required, 40);
    assert_eq!(report.total_counted, 40);
    assert!(report.category(CategoryCode::Clinical).ok);
    assert!(report.passes, "{:?}", report.findings);
}

#[test]
fn rule_3_exempt_with_39_fails_and_40_passes() {
    let base = Plan {
        cases: 0,
        safety: 4,
        ethics: 3,
        infection: 3,
        attendance: 6,
        ..Plan::default()
    };
    for (domain, passes) in [(23, false), (24, true)] {
        let mut app = Plan { domain, ..base }.build();
        app.consecutive_renewals = 3;
        let report = eval(&app);
        assert_eq!(report.total_counted, 16 + domain);
        assert_eq!(report.passes, passes, "total {}", report.total_counted);
    }
}

#[test]
fn rule_3_exempt_cases_are_not_counted() {
    let mut app = Plan::passing().build();
    app.consecutive_renewals = 4;
    let report = eval(&app);
    assert_eq!(report.category(CategoryCode::Clinical).counted, 0);
    assert_eq!(report.total_counted, 45);
    assert!(has_message(&report, "様式3は提出しません"));
}

#[test]
fn rule_3_exemption_requires_being_a_specialist_when_applying() {
    let mut app = Plan::passing().build();
    app.consecutive_renewals = 3;
    app.kind = ApplicationKind::WithRecertification;
    assert!(!eval(&app).exempt_from_clinical);
}

// ── §4 Category i — clinical record ──────────────────────────────────────────────────────

#[test]
fn rule_4_ten_cases_make_one_unit_whole_tens_only() {
    for (n, units) in [(49, 4), (50, 5), (59, 5), (60, 6)] {
        let app = Plan {
            cases: n,
            ..Plan::passing()
        }
        .build();
        let report = eval(&app);
        assert_eq!(
            report.category(CategoryCode::Clinical).counted,
            units,
            "{n} cases"
        );
        assert_eq!(report.cases_to_next_unit, 10 - n % 10);
    }
}

#[test]
fn rule_4_fewer_than_50_cases_is_short() {
    let app = Plan {
        cases: 49,
        ..Plan::passing()
    }
    .build();
    let report = eval(&app);
    assert!(!report.category(CategoryCode::Clinical).ok);
    assert!(has_message(&report, "症例があと1例必要です"));
}

#[test]
fn rule_4_at_most_100_cases_count() {
    let app = Plan {
        cases: 130,
        ..Plan::passing()
    }
    .build();
    let report = eval(&app);
    let i = report.category(CategoryCode::Clinical);
    assert_eq!((i.claimed, i.counted, i.max), (13, 10, Some(10)));
    assert_eq!(report.cases_to_next_unit, 0);
}

#[test]
fn rule_4_incomplete_case_does_not_count() {
    let mut app = Plan::passing().build();
    app.cases[3].diagnosis.clear();
    app.cases[4].age = None;
    let report = eval(&app);
    assert_eq!(report.cases_valid, 48);
    assert!(has_message(&report, "症例4：診断名が未入力"));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.path == FieldPath::Case(4, CaseField::Age))
    );
}

// ── §5 Category ii — common lectures ─────────────────────────────────────────────────────

#[test]
fn rule_5_each_required_a_topic_needs_one_unit_even_with_ii_at_10() {
    let plan = Plan {
        safety: 0,
        ethics: 5,
        infection: 5,
        ..Plan::passing()
    };
    let report = eval(&plan.build());
    let ii = report.category(CategoryCode::Common);
    assert_eq!(ii.counted, 10);
    assert!(!ii.ok);
    assert!(!report.passes);
    assert!(has_message(&report, "医療安全があと1単位必要です"));
}

#[test]
fn rule_5_message_names_the_missing_topic() {
    let plan = Plan {
        ethics: 0,
        ..Plan::passing()
    };
    assert!(has_message(
        &eval(&plan.build()),
        "医療倫理があと1単位必要です"
    ));
}

#[test]
fn rule_5_common_lectures_capped_at_10() {
    let plan = Plan {
        optional: 5,
        ..Plan::passing()
    };
    let report = eval(&plan.build());
    let ii = report.category(CategoryCode::Common);
    assert_eq!((ii.claimed, ii.counted), (15, 10));
}

#[test]
fn rule_5_b_lectures_not_required_in_fy2024() {
    let report = eval(&Plan::passing().build());
    assert!(report.passes);
    assert!(
        report
            .common_topics
            .iter()
            .filter(|t| t.topic.group() == jsog_renewal::model::CommonGroup::B)
            .all(|t| t.counted == 0)
    );
}

#[test]
fn rule_5_lecturing_units_from_minutes() {
    for (minutes, units) in [(90, 2), (60, 2), (59, 1), (30, 1), (29, 0)] {
        let mut app = Plan::passing().build();
        let mut l = lecture(
            CreditKind::Common(CommonTopic::Optional),
            "講師として講演",
            0,
        );
        l.mode = Mode::Lectured { minutes };
        l.on_portal = false;
        l.proof_enclosed = true;
        app.credits.push(l);
        let report = eval(&app);
        assert_eq!(
            report.credit_units[app.credits.len() - 1],
            units,
            "{minutes} min"
        );
        assert_eq!(report.credit_counted[app.credits.len() - 1], units > 0);
    }
}

#[test]
fn rule_5_lecturing_needs_a_copy_of_proof() {
    let mut app = Plan::passing().build();
    let mut l = lecture(CreditKind::Domain, "講師講演", 0);
    l.mode = Mode::Lectured { minutes: 60 };
    l.on_portal = true;
    app.credits.push(l);
    let report = eval(&app);
    assert_eq!(report.category(CategoryCode::Domain).counted, 29);
    assert!(has_message(&report, "証明書類"));
    app.credits.last_mut().expect("pushed").proof_enclosed = true;
    assert_eq!(counted(&app, CategoryCode::Domain), 31);
}

#[test]
fn rule_5_lecturing_and_attending_the_same_lecture_counts_once() {
    let mut app = Plan::passing().build();
    let title = "医療安全講習会「院内感染」";
    app.credits
        .push(lecture(CreditKind::Common(CommonTopic::Optional), title, 1));
    let mut l = lecture(CreditKind::Common(CommonTopic::Optional), title, 0);
    l.mode = Mode::Lectured { minutes: 60 };
    l.proof_enclosed = true;
    app.credits.push(l);
    app.credits[0].units = 1; // keep ii under its cap so the drop is visible
    let report = eval(&app);
    let n = app.credits.len();
    assert!(!report.credit_counted[n - 2], "the attendance is dropped");
    assert!(report.credit_counted[n - 1], "the lecturing counts");
    assert!(has_message(&report, "の受講は重複して計上できません"));
}

#[test]
fn rule_5_double_counting_keeps_the_side_worth_more() {
    // Attended for 3 units, lectured 30 minutes (1 unit) at the same lecture: one counts,
    // and it is the one worth more, so adding an entry never lowers the total.
    let mut app = Plan::passing().build();
    app.credits.push(lecture(CreditKind::Domain, "長い講習", 3));
    let before = eval(&app).total_counted;
    let mut l = lecture(CreditKind::Domain, "長い講習", 0);
    l.mode = Mode::Lectured { minutes: 30 };
    l.proof_enclosed = true;
    app.credits.push(l);
    let report = eval(&app);
    assert_eq!(report.total_counted, before);
    assert!(!report.credit_counted[app.credits.len() - 1]);
    assert!(has_message(&report, "単位の多い受講の方を計上します"));
}

#[test]
fn rule_5_attendance_off_the_portal_needs_the_original_certificate() {
    let mut app = Plan::passing().build();
    let mut c = lecture(CreditKind::Domain, "カード未登録の講習", 2);
    c.on_portal = false;
    app.credits.push(c);
    assert_eq!(counted(&app, CategoryCode::Domain), 29);
    assert!(has_message(&eval(&app), "受講証明書（原本）"));
    app.credits.last_mut().expect("pushed").proof_enclosed = true;
    assert_eq!(counted(&app, CategoryCode::Domain), 31);
}

// ── §6 Category iii — domain lectures ────────────────────────────────────────────────────

#[test]
fn rule_6_domain_needs_20_and_has_no_maximum() {
    let report = eval(
        &Plan {
            domain: 19,
            ..Plan::passing()
        }
        .build(),
    );
    assert!(!report.category(CategoryCode::Domain).ok);
    assert!(has_message(&report, "産婦人科領域講習があと1単位必要です"));

    let report = eval(
        &Plan {
            domain: 80,
            ..Plan::passing()
        }
        .build(),
    );
    let iii = report.category(CategoryCode::Domain);
    assert_eq!((iii.counted, iii.max), (80, None));
}

// ── §7 Category iv — academic and other activity ─────────────────────────────────────────

fn with_activity(entries: Vec<jsog_renewal::model::Credit>) -> jsog_renewal::rules::Report {
    let mut app = Plan {
        attendance: 0,
        ..Plan::passing()
    }
    .build();
    app.credits.extend(entries);
    eval(&app)
}

fn item(report: &jsog_renewal::rules::Report, which: ActivityItem) -> (u32, u32) {
    let t = report
        .activity_items
        .iter()
        .find(|t| t.item == which)
        .expect("every item is tallied");
    (t.claimed, t.counted)
}

#[test]
fn rule_7_meeting_attendance_capped_at_6() {
    let report = with_activity(vec![activity(
        ActivityItem::MeetingAttendance,
        "学術講演会",
        8,
    )]);
    assert_eq!(item(&report, ActivityItem::MeetingAttendance), (8, 6));
    assert_eq!(report.category(CategoryCode::Activity).counted, 6);
}

#[test]
fn rule_7_meeting_attendance_counts_from_the_portal_only() {
    let mut a = activity(ActivityItem::MeetingAttendance, "学術講演会", 2);
    a.on_portal = false;
    let report = with_activity(vec![a]);
    assert_eq!(item(&report, ActivityItem::MeetingAttendance), (2, 0));
    assert!(has_message(&report, "会員ポータルに記録された単位のみ"));
}

#[test]
fn rule_7_presentation_units_by_presenter() {
    let mut first = activity(ActivityItem::Presentation, "演題1", 0);
    first.role = Role::First;
    let mut second = activity(ActivityItem::Presentation, "演題2", 0);
    second.role = Role::Second;
    let mut other = activity(ActivityItem::Presentation, "演題3", 0);
    other.role = Role::Other;
    let report = with_activity(vec![first, second, other]);
    assert_eq!(item(&report, ActivityItem::Presentation), (2, 2));
}

#[test]
fn rule_7_paper_units_by_authorship() {
    let mut first = activity(ActivityItem::Paper, "論文1", 0);
    first.role = Role::First;
    let mut coauthor = activity(ActivityItem::Paper, "論文2", 0);
    coauthor.role = Role::Other;
    let report = with_activity(vec![first, coauthor]);
    assert_eq!(item(&report, ActivityItem::Paper), (3, 3));
}

#[test]
fn rule_7_public_lecture_by_minutes() {
    let mut long = activity(ActivityItem::PublicLecture, "市民公開講座", 0);
    long.mode = Mode::Lectured { minutes: 60 };
    let mut short = activity(ActivityItem::PublicLecture, "健康講話", 0);
    short.mode = Mode::Lectured { minutes: 30 };
    let report = with_activity(vec![long, short]);
    assert_eq!(item(&report, ActivityItem::PublicLecture), (3, 3));
}

#[test]
fn rule_7_chair_review_exam_one_unit_each() {
    let report = with_activity(vec![
        activity(ActivityItem::Chair, "座長1", 0),
        activity(ActivityItem::Chair, "座長2", 0),
        activity(ActivityItem::PeerReview, "査読", 0),
        activity(ActivityItem::ExamDuty, "試験業務", 0),
    ]);
    assert_eq!(item(&report, ActivityItem::Chair), (2, 2));
    assert_eq!(item(&report, ActivityItem::PeerReview), (1, 1));
    assert_eq!(item(&report, ActivityItem::ExamDuty), (1, 1));
}

#[test]
fn rule_7_health_activity_capped_at_2() {
    let report = with_activity(vec![activity(
        ActivityItem::HealthActivity,
        "国際保健活動",
        3,
    )]);
    assert_eq!(item(&report, ActivityItem::HealthActivity), (3, 2));
}

#[test]
fn rule_7_school_physician_capped_at_2() {
    let report = with_activity(vec![
        activity(ActivityItem::SchoolPhysician, "校医 2020年度", 2),
        activity(ActivityItem::SchoolPhysician, "校医 2021年度", 2),
    ]);
    assert_eq!(item(&report, ActivityItem::SchoolPhysician), (4, 2));
}

#[test]
fn rule_7_accident_investigation_2_per_fiscal_year() {
    let mut a = activity(ActivityItem::AccidentInvestigation, "調査A", 0);
    a.date = Some(date(2021, 4, 1));
    let mut b = activity(ActivityItem::AccidentInvestigation, "調査B", 0);
    b.date = Some(date(2022, 3, 31)); // same fiscal year 2021 as a
    let mut c = activity(ActivityItem::AccidentInvestigation, "調査C", 0);
    c.date = Some(date(2022, 4, 1)); // fiscal year 2022
    let report = with_activity(vec![a, b, c]);
    assert_eq!(item(&report, ActivityItem::AccidentInvestigation), (6, 4));
}

#[test]
fn rule_7_category_iv_capped_at_10() {
    let report = with_activity(vec![
        activity(ActivityItem::MeetingAttendance, "学術講演会", 6),
        activity(ActivityItem::Paper, "論文1", 0),
        activity(ActivityItem::Paper, "論文2", 0),
        activity(ActivityItem::Chair, "座長", 0),
    ]);
    let iv = report.category(CategoryCode::Activity);
    assert_eq!((iv.claimed, iv.counted), (11, 10));
}

#[test]
fn rule_7_everything_but_attendance_needs_proof() {
    for which in ActivityItem::ALL {
        if which == ActivityItem::MeetingAttendance {
            continue;
        }
        let mut entry = activity(which, "項目", 1);
        entry.mode = Mode::Lectured { minutes: 60 };
        entry.on_portal = true;
        entry.proof_enclosed = false;
        let report = with_activity(vec![entry]);
        assert_eq!(item(&report, which).1, 0, "{which:?} without proof");
        assert!(has_message(&report, "証明書類"), "{which:?}");
    }
}

// ── §8 E-learning ─────────────────────────────────────────────────────────────────────────

#[test]
fn rule_8_same_lecture_on_site_and_as_e_learning_counts_once() {
    let mut app = Plan::passing().build();
    let title = "産婦人科領域講習「胎児超音波」";
    app.credits.push(lecture(CreditKind::Domain, title, 1));
    let mut e = lecture(CreditKind::Domain, "産婦人科領域講習 「胎児超音波」", 1);
    e.mode = Mode::ELearning;
    e.date = Some(date(2023, 1, 10));
    app.credits.push(e);
    let report = eval(&app);
    assert_eq!(report.category(CategoryCode::Domain).counted, 30);
    assert!(has_message(&report, "e-learningは計上されません"));
}

#[test]
fn rule_8_the_same_attendance_entered_twice_counts_once() {
    let mut app = Plan::passing().build();
    app.credits.push(lecture(CreditKind::Domain, "同じ講習", 1));
    app.credits.push(lecture(CreditKind::Domain, "同じ講習", 1));
    assert_eq!(counted(&app, CategoryCode::Domain), 30);
    // The same title on another day is another session and counts.
    app.credits.last_mut().expect("pushed").date = Some(date(2023, 6, 1));
    assert_eq!(counted(&app, CategoryCode::Domain), 31);
}

// ── The rule set is data ──────────────────────────────────────────────────────────────────

#[test]
fn rule_set_holds_the_numbers_of_the_source() {
    let r = rules();
    assert_eq!(r.fiscal_year, 2024);
    assert_eq!(
        (r.activity_period.start, r.activity_period.end),
        (date(2019, 5, 1), date(2024, 4, 30))
    );
    assert_eq!(r.application_window.end, date(2024, 5, 31));
    assert_eq!(
        (
            r.fees.review,
            r.fees.registration,
            r.fees.elearning_per_unit
        ),
        (22_000, 11_000, 5_500)
    );
    assert_eq!((r.total_required, r.total_required_exempt), (50, Some(40)));
    assert_eq!(r.clinical.cases_per_unit, 10);
    assert_eq!((r.common.limits.min, r.common.limits.max), (3, Some(10)));
    assert_eq!((r.domain.min, r.domain.max), (20, None));
    assert_eq!(r.activity.limits.max, Some(10));
    assert_eq!(r.exemption.map(|e| e.min_consecutive_renewals), Some(3));
}

#[test]
fn broken_rule_file_is_an_error_not_a_panic() {
    let good = include_str!("../assets/rules/fy2024.ron");
    let err = RuleSet::from_ron("(fiscal_year: 2024,").expect_err("truncated");
    assert!(err.to_string().contains("行"), "{err}");
    let swapped = good.replace("total_required: 50", "total_required: 30");
    assert!(
        RuleSet::from_ron(&swapped).is_err(),
        "exempt total above the normal total"
    );
    let no_item = good.replace("(item: Chair,", "(item: Paper,");
    let err = RuleSet::from_ron(&no_item).expect_err("an item missing");
    assert!(err.to_string().contains("論文発表"), "{err}");
    let bad_steps = good.replace(
        "lecturing: [(min_minutes: 60, units: 2), (min_minutes: 30, units: 1)]",
        "lecturing: [(min_minutes: 30, units: 1), (min_minutes: 60, units: 2)]",
    );
    assert!(RuleSet::from_ron(&bad_steps).is_err());
    assert!(RuleSet::for_year(1999).is_err());
}

#[test]
fn a_later_year_with_the_same_shape_needs_no_code() {
    let text = include_str!("../assets/rules/fy2024.ron")
        .replace("fiscal_year: 2024", "fiscal_year: 2025")
        .replace(
            "start: \"2019-05-01\", end: \"2024-04-30\"",
            "start: \"2020-05-01\", end: \"2025-04-30\"",
        );
    let rules = RuleSet::from_ron(&text).expect("loads");
    let mut app = Plan::passing().build();
    app.fiscal_year = 2025;
    app.cases.push(case_on(date(2025, 4, 30)));
    let report = evaluate(&app, &rules);
    assert!(report.case_counted[50]);
    assert!(
        !report.case_counted[0],
        "2020-01-01 is before the FY2025 period"
    );
}

#[test]
fn findings_point_at_fields_and_errors_come_first() {
    let mut app = Plan {
        cases: 40,
        ..Plan::passing()
    }
    .build();
    app.applicant.name.clear();
    app.cases[0].date = Some(date(2018, 1, 1));
    let report = eval(&app);
    assert!(
        report
            .findings
            .first()
            .is_some_and(|f| f.severity == Severity::Error)
    );
    let json = serde_json::to_value(&report).expect("serialises");
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(paths.contains(&"applicant.name"), "{paths:?}");
    assert!(paths.contains(&"cases[0].date"), "{paths:?}");
}

// ── §9 The paper bundle: what the forms print must be there ────────────────────────────────

#[test]
fn rule_9_the_mail_to_address_chosen_on_form_1_must_be_filled() {
    use jsog_renewal::model::MailTo;
    let mut app = Plan::passing().build();
    app.applicant.mail_to = MailTo::Work;
    app.applicant.work.address.address.clear();
    let report = eval(&app);
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::WorkAddress))
        .expect("a finding about the blank 勤務先住所");
    assert_eq!(
        f.severity,
        Severity::Warning,
        "it does not change the units"
    );
    assert!(
        f.message.contains("郵便物送付先が「勤務先」"),
        "{}",
        f.message
    );

    app.applicant.work.address.address = "みほん市1-1".into();
    assert!(!has_message(&eval(&app), "郵便物送付先"));
    // 自宅 chosen: now the home address is the one that must be there.
    app.applicant.mail_to = MailTo::Home;
    assert!(has_message(&eval(&app), "自宅住所が未入力"));
    app.applicant.home.address = "みほん市2-2".into();
    assert!(!has_message(&eval(&app), "郵便物送付先"));
}

#[test]
fn rule_9_form_2_needs_at_least_one_workplace() {
    let mut app = Plan::passing().build();
    app.workplaces.clear();
    let report = eval(&app);
    assert!(has_message(
        &report,
        "勤務実態（様式2）が1件も入力されていません"
    ));
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f.path, FieldPath::Workplace(0, _)))
    );
    app.workplaces
        .push(jsog_renewal::model::Workplace::default());
    assert!(!has_message(&eval(&app), "勤務実態（様式2）が1件も"));
}

#[test]
fn rule_5_a_lecture_without_minutes_claims_nothing_and_asks_for_them() {
    let mut app = Plan::passing().build();
    let mut talk = lecture(CreditKind::Domain, "周産期の講演", 0);
    talk.mode = Mode::Lectured { minutes: 0 };
    app.credits.push(talk);
    let i = app.credits.len() - 1;
    let report = eval(&app);
    assert_eq!(report.credit_units.get(i), Some(&0));
    assert_eq!(report.credit_counted.get(i), Some(&false));
    assert!(has_message(
        &report,
        "講師の講演時間（分）を入力してください"
    ));
    if let Some(c) = app.credits.get_mut(i) {
        c.mode = Mode::Lectured { minutes: 60 };
    }
    let report = eval(&app);
    assert_eq!(report.credit_units.get(i), Some(&2), "60 minutes: 2 units");
    assert!(!has_message(&report, "講演時間（分）を入力"));
}

#[test]
fn rule_c3_the_number_questions_the_renewal_count_only_across_the_exemption_line() {
    // Exemption from category i from three consecutive renewals (RULES-2024 "Exemption from
    // category i"); the number's ending suggests a count (N-04.. → 3 by 2019, N-09.. → 2). Only
    // a count on the other side of 3 from the number's is questioned.
    use jsog_renewal::model::ApplicationField;
    let questioned = |number: &str, declared: u8| {
        let mut app = Plan::passing().build();
        app.applicant.specialist_number = number.into();
        app.consecutive_renewals = declared;
        eval(&app)
            .findings
            .into_iter()
            .filter(|f| f.path == FieldPath::Application(ApplicationField::ConsecutiveRenewals))
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    // Both below the line, both at it: nothing to question.
    assert_eq!(questioned("123456-N-0919", 2), Vec::<String>::new());
    assert_eq!(questioned("123456-N-0419", 3), Vec::<String>::new());
    // Across the line, either way.
    let up = questioned("123456-N-0419", 2);
    assert_eq!(up.len(), 1, "{up:?}");
    assert!(up[0].contains("免除の対象かもしれません"), "{up:?}");
    let down = questioned("123456-N-0919", 3);
    assert_eq!(down.len(), 1, "{down:?}");
    assert!(down[0].contains("免除の対象でない可能性"), "{down:?}");
}

#[test]
fn rule_c3_blank_boxes_of_cases_are_pointed_out_unless_the_cases_are_not_needed() {
    // A blank 転帰 or 担当医/指導医 is pointed out on 様式3 cases; an exempt applicant's cases
    // are not printed, so their boxes are not questioned (RULES-2024 "Exemption from category i").
    let blank_warned = |renewals: u8| {
        let mut app = Plan::passing().build();
        app.cases[0].outcome.clear();
        app.consecutive_renewals = renewals;
        let report = eval(&app);
        (
            report.exempt_from_clinical,
            report
                .findings
                .iter()
                .any(|f| f.path == FieldPath::Case(0, CaseField::Outcome)),
        )
    };
    assert_eq!(blank_warned(0), (false, true));
    assert_eq!(blank_warned(3), (true, false));
}

#[test]
fn rule_4_cases_beyond_the_ten_unit_cap_are_pointed_out_from_the_101st() {
    // Category i counts at most 10 units; "more than 100 is allowed but only 100 count"
    // (RULES-2024 §4, 概要§6): 100 cases are the cap
    // exactly, the 101st is beyond it.
    let over = |n: usize| {
        let app = Plan {
            cases: n,
            ..Plan::passing()
        }
        .build();
        eval(&app).findings.iter().any(|f| {
            f.path == FieldPath::Category(CategoryCode::Clinical)
                && f.message.contains("（上限）まで計上")
        })
    };
    assert!(!over(99));
    assert!(!over(100), "the cap itself is not beyond it");
    assert!(over(101));
}

#[test]
fn rule_4_an_age_up_to_120_is_accepted_and_121_is_questioned() {
    // A case row's 年齢 (RULES-2024 §4): 0–120 is an age, anything above a typing error.
    let questioned = |age: u8| {
        let mut app = Plan::passing().build();
        app.cases[0].age = Some(age);
        let report = eval(&app);
        (
            report
                .findings
                .iter()
                .any(|f| f.path == FieldPath::Case(0, CaseField::Age)),
            report.case_counted[0],
        )
    };
    assert_eq!(questioned(120), (false, true));
    assert_eq!(questioned(121), (true, false));
}

#[test]
fn rule_implausible_figures_are_errors_only_beyond_the_rule_sets_limits() {
    // A mistyped figure must not carry an application over the line; the rule set's own
    // limits (`plausible`) are still plausible.
    let limits = rules().plausible;
    let credit_finding = |units: u32, minutes: Option<u32>| {
        let mut app = Plan::passing().build();
        let mut c = lecture(CreditKind::Domain, "数字の確かめのための講習会", units);
        if let Some(m) = minutes {
            c.mode = Mode::Lectured { minutes: m };
            // A lecturer encloses the proof of lecturing.
            c.proof_enclosed = true;
        }
        app.credits.push(c);
        let i = app.credits.len() - 1;
        let report = eval(&app);
        let error = report
            .errors()
            .any(|f| matches!(f.path, FieldPath::Credit(n, _) if n == i));
        (error, report.credit_counted[i])
    };
    assert_eq!(
        credit_finding(limits.max_units_per_credit, None),
        (false, true)
    );
    assert_eq!(
        credit_finding(limits.max_units_per_credit + 1, None),
        (true, false)
    );
    assert_eq!(
        credit_finding(1, Some(limits.max_lecture_minutes)),
        (false, true)
    );
    assert_eq!(
        credit_finding(1, Some(limits.max_lecture_minutes + 1)),
        (true, false)
    );
}

#[test]
fn rule_5_units_beyond_a_categorys_maximum_are_pointed_out_only_beyond_it() {
    // Category ii counts at most 10 units (RULES-2024 §5): 10 valid units are the cap, 11 are
    // one beyond it and 10 of them count.
    let capped = |units: u32| {
        let mut app = Plan::passing().build();
        app.credits
            .retain(|c| !matches!(c.kind, CreditKind::Common(_)));
        for (i, topic) in [
            CommonTopic::Safety,
            CommonTopic::Ethics,
            CommonTopic::InfectionControl,
        ]
        .into_iter()
        .enumerate()
        {
            let u = if i == 0 { units - 2 } else { 1 };
            app.credits.push(lecture(
                CreditKind::Common(topic),
                &format!("共通講習{i}"),
                u,
            ));
        }
        let report = eval(&app);
        let warned = report.findings.iter().any(|f| {
            f.path == FieldPath::Category(CategoryCode::Common) && f.message.contains("まで計上")
        });
        (warned, report.category(CategoryCode::Common).counted)
    };
    assert_eq!(capped(9), (false, 9));
    assert_eq!(capped(10), (false, 10));
    assert_eq!(capped(11), (true, 10));
}

#[test]
fn rule_7_an_items_cap_is_pointed_out_only_beyond_it() {
    // iv (1) 学術集会等参加 counts at most 6 units (RULES-2024 §7, the rule set's item cap).
    let cap = rules()
        .item_rule(ActivityItem::MeetingAttendance)
        .and_then(|r| r.cap)
        .expect("a cap");
    let capped = |units: u32| {
        let mut app = Plan::passing().build();
        app.credits
            .retain(|c| c.kind != CreditKind::Activity(ActivityItem::MeetingAttendance));
        app.credits.push(activity(
            ActivityItem::MeetingAttendance,
            "学術集会（見本）",
            units,
        ));
        eval(&app).findings.iter().any(|f| {
            f.path == FieldPath::Category(CategoryCode::Activity)
                && f.message.contains("を計上します")
        })
    };
    assert!(!capped(cap), "the cap itself");
    assert!(capped(cap + 1), "one beyond it");
}

/// One rule book: a year's built-in rule set is parsed once and shared, not parsed per call.
#[test]
fn a_year_s_rule_set_is_one_shared_value() {
    let a = RuleSet::shared(2024).expect("2024");
    let b = RuleSet::shared(2024).expect("2024");
    assert!(
        std::sync::Arc::ptr_eq(&a, &b),
        "the same rule set, not a new parse"
    );
    assert_eq!(*a, RuleSet::for_year(2024).expect("2024"));
    assert!(
        RuleSet::shared(1999).is_err(),
        "an unknown year is still refused"
    );
}
