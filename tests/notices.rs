//! The open cycles as the society's later notices have them (`shared/reference/
//! jsog-notices-2023-2024.md`): no clinical exemption from FY2026 (「日本専門医機構からの専門医更新
//! に関する通知について」, 2024-07-11), all five 必修B topics for the Board's cohort and the
//! regional-practice waiver (「必修講習Bの受講について」, 2023-04-14), 「C.自己学習」 in place of
//! cases, and the kinds of application each year offers (学会専門医の再認定).

use std::path::Path;
use std::process::Output;

use egui_kittest::kittest::Queryable;

use crate::common::{case_on, date, for_year, lecture, passing_in};
use jsog_renewal::model::{
    ApplicantField, Application, ApplicationField, ApplicationKind, CertificationRoute,
    CommonTopic, Credit, CreditKind, Mode, RegionalPractice, Workplace,
};
use jsog_renewal::rules::{
    self, BStatus, CategoryCode, FieldPath, RuleSet, Severity, evaluate, progress,
};

/// The five topics of 必修講習B, as the notice of 2023-04-14 lists them.
const B_TOPICS: [CommonTopic; 5] = [
    CommonTopic::LawAndSystem,
    CommonTopic::CommunityMedicine,
    CommonTopic::WelfareSystem,
    CommonTopic::Economics,
    CommonTopic::WorkLifeSupport,
];

/// Certified through the Board's exam in `year`.
fn board_exam(app: &mut Application, year: u16) {
    app.applicant.certification_route = Some(CertificationRoute::BoardExam);
    app.applicant.first_certified_year = Some(year);
}

fn b_lecture(topic: CommonTopic, year: u16) -> Credit {
    let mut c = lecture(
        CreditKind::Common(topic),
        &format!("{}講習会", topic.label()),
        1,
    );
    c.date = Some(date(i32::from(year) - 2, 7, 1));
    c
}

// ── No clinical exemption from FY2026 (notice 2024-07-11) ─────────────────────────────────

/// Three consecutive renewals, 40 units of ii–iv and no case: the FY2025 exemption's case.
fn three_renewals_no_cases(year: u16) -> Application {
    let mut app = passing_in(year, (year - 15) % 100 + 2000);
    app.consecutive_renewals = 3;
    app.cases.clear();
    app
}

#[test]
fn notice_2024_07_11_fy2027_three_renewals_without_cases_is_not_exempt_and_needs_50() {
    // 「連続して複数回の更新を経た専門医の更新においても診療実績の証明の免除は行わない」
    // 「産婦人科では2026年度より本運用を開始する予定」
    let app = three_renewals_no_cases(2027);
    let report = evaluate(&app, &for_year(2027));
    assert!(!report.exempt_from_clinical);
    assert_eq!(report.total_required, 50);
    assert!(!report.passes);
    let short = report
        .errors()
        .find(|f| f.path == FieldPath::Category(CategoryCode::Clinical))
        .expect("an error on category i");
    assert!(short.message.contains("あと50例"), "{}", short.message);
    let why = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Application(ApplicationField::ConsecutiveRenewals))
        .expect("the end of the exemption is explained on the renewals");
    assert!(why.message.contains("2024年7月11日"), "{}", why.message);
    assert!(why.message.contains("症例50例"), "{}", why.message);
}

#[test]
fn notice_2024_07_11_fy2025_keeps_the_exemption_with_40_units() {
    let app = three_renewals_no_cases(2025);
    let report = evaluate(&app, &for_year(2025));
    assert!(report.exempt_from_clinical);
    assert_eq!(report.total_required, 40);
    assert!(report.passes, "{:?}", report.findings);
}

#[test]
fn notice_2024_07_11_every_year_from_2026_has_no_exemption_and_2025_has_one() {
    assert!(for_year(2025).exemption.is_some());
    for y in 2026..=2029 {
        let r = for_year(y);
        assert_eq!(r.exemption, None, "{y}");
        assert_eq!(
            r.former_exemption,
            for_year(2025).exemption,
            "{y}: the earlier exemption is kept to explain its end"
        );
    }
}

#[test]
fn notice_2024_07_11_progress_tells_early_that_cases_are_needed() {
    let app = three_renewals_no_cases(2027);
    let p = progress(&app, &for_year(2027), date(2025, 6, 1)).expect("before the window");
    let case_gap = p
        .gaps
        .iter()
        .find(|g| g.what == "症例")
        .expect("a case gap");
    assert_eq!(case_gap.needed, 50);
    assert!(case_gap.pace.contains("残り1年11か月"), "{}", case_gap.pace);
    assert!(
        p.notes.iter().any(|n| n.contains("免除されません")),
        "{:?}",
        p.notes
    );
}

/// The forms of the bundle, in order.
fn forms_of(app: &Application, rules: &RuleSet) -> Vec<jsog_renewal::pdf::Form> {
    jsog_renewal::pdf::render_forms(app, rules)
        .expect("renders")
        .iter()
        .map(|f| f.form)
        .collect()
}

/// Every line of text one form prints.
fn form_lines(app: &Application, rules: &RuleSet, form: jsog_renewal::pdf::Form) -> Vec<String> {
    let forms = jsog_renewal::pdf::render_forms(app, rules).expect("renders");
    forms
        .iter()
        .filter(|f| f.form == form)
        .flat_map(|f| &f.pages)
        .flat_map(|p| &p.draws)
        .filter_map(|d| match d {
            jsog_renewal::pdf::page::Draw::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn notice_2024_07_11_form_3_is_in_every_fy2026_bundle() {
    use jsog_renewal::pdf::Form;
    let mut app = three_renewals_no_cases(2027);
    app.cases = (0..12).map(|_| case_on(date(2024, 6, 1))).collect();
    assert!(forms_of(&app, &for_year(2027)).contains(&Form::ClinicalRecord));
    // The same doctor under FY2025 is exempt: no 様式3.
    let mut fy2025 = app.clone();
    fy2025.fiscal_year = 2025;
    for c in &mut fy2025.cases {
        c.date = Some(date(2023, 6, 1));
    }
    assert!(!forms_of(&fy2025, &for_year(2025)).contains(&Form::ClinicalRecord));
}

#[test]
fn checklist_lists_the_b_topics_attended_and_the_waiver_claimed() {
    use jsog_renewal::pdf::Form;
    let rules = for_year(2027);
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.credits.push(b_lecture(CommonTopic::Economics, 2027));
    let lines = form_lines(&app, &rules, Form::Checklist);
    assert!(lines.iter().any(|l| l == "必修講習B（5項目）"), "{lines:?}");
    for t in B_TOPICS {
        let i = lines
            .iter()
            .position(|l| l == t.label())
            .expect("each topic has a line");
        let note = if t == CommonTopic::Economics {
            "1単位"
        } else {
            "未受講"
        };
        assert!(
            lines[i..].iter().take(3).any(|l| l == note),
            "{t:?}: {lines:?}"
        );
    }
    assert!(!lines.iter().any(|l| l.contains("免除を申請します")));

    app.applicant.regional_practice = Some(RegionalPractice::AsResident);
    let lines = form_lines(&app, &rules, Form::Checklist).concat();
    assert!(
        lines.contains(
            "多様な地域における診療実績により必修講習Bの免除を申請します（専攻医として1年以上）"
        ),
        "{lines}"
    );

    // A society-certified doctor has no B part.
    let mut society = passing_in(2027, 2012);
    society.applicant.certification_route = Some(CertificationRoute::Society);
    society.applicant.first_certified_year = Some(2012);
    let lines = form_lines(&society, &rules, Form::Checklist);
    assert!(!lines.iter().any(|l| l == "必修講習B（5項目）"));
}

// ── 必修講習B: five topics for the Board's cohort (notice 2023-04-14) ──────────────────────

#[test]
fn notice_2023_04_14_fy2027_board_fy2022_with_only_community_medicine_misses_four_topics() {
    // 「2021年度以降に認定された機構専門医は原則として更新時に必修講習Bの5項目…の受講が必須」
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.credits
        .push(b_lecture(CommonTopic::CommunityMedicine, 2027));
    let report = evaluate(&app, &for_year(2027));
    assert!(!report.passes);
    assert_eq!(report.required_b, BStatus::Required);
    let missing: Vec<CommonTopic> = report
        .errors()
        .filter_map(|f| match f.path {
            FieldPath::Topic(t) if t.group() == jsog_renewal::model::CommonGroup::B => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(
        missing,
        vec![
            CommonTopic::LawAndSystem,
            CommonTopic::WelfareSystem,
            CommonTopic::Economics,
            CommonTopic::WorkLifeSupport
        ]
    );
    for f in report
        .errors()
        .filter(|f| matches!(f.path, FieldPath::Topic(_)))
    {
        assert!(f.message.contains("2023年4月14日"), "{}", f.message);
    }
    assert!(
        report.assumptions.iter().any(|a| a.contains("各項目1単位")),
        "the per-topic unit is said to be assumed: {:?}",
        report.assumptions
    );
    // ... and on paper, under the verdict, which the checklist carries (the committee judges 様式4).
    let printed = form_lines(&app, &for_year(2027), jsog_renewal::pdf::Form::Checklist).concat();
    for a in &report.assumptions {
        assert!(printed.contains(&format!("※仮定: {a}")), "{a}");
    }
}

#[test]
fn notice_2023_04_14_all_five_topics_pass() {
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    for t in B_TOPICS {
        app.credits.push(b_lecture(t, 2027));
    }
    let report = evaluate(&app, &for_year(2027));
    assert!(report.passes, "{:?}", report.findings);
    assert!(
        !report.assumptions.is_empty(),
        "still assumed: one unit each"
    );
}

#[test]
fn notice_2023_04_14_regional_practice_waives_b() {
    // 「多様な地域における診療実績が認定された場合、必修講習 Bの受講が免除」
    for practice in [
        RegionalPractice::AsResident,
        RegionalPractice::AfterCertification,
    ] {
        let mut app = passing_in(2027, 2022);
        board_exam(&mut app, 2022);
        app.applicant.regional_practice = Some(practice);
        let report = evaluate(&app, &for_year(2027));
        assert_eq!(report.required_b, BStatus::Waived, "{practice:?}");
        assert!(report.passes, "{practice:?}: {:?}", report.findings);
    }
    // Said "none": B is required again.
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.applicant.regional_practice = Some(RegionalPractice::NotRecognised);
    assert!(!evaluate(&app, &for_year(2027)).passes);
}

#[test]
fn notice_2023_04_14_a_society_certified_specialist_needs_no_b() {
    // 「すでに多様な地域における診療実績を有するものと見なします」
    let mut app = passing_in(2027, 2012);
    app.applicant.certification_route = Some(CertificationRoute::Society);
    app.applicant.first_certified_year = Some(2012);
    let report = evaluate(&app, &for_year(2027));
    assert_eq!(report.required_b, BStatus::NotRequired);
    assert!(report.passes, "{:?}", report.findings);
    assert!(report.assumptions.is_empty(), "{:?}", report.assumptions);
}

#[test]
fn notice_2023_04_14_progress_names_each_missing_topic_and_its_elearning_cost() {
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.credits
        .push(b_lecture(CommonTopic::CommunityMedicine, 2027));
    let p = progress(&app, &for_year(2027), date(2025, 12, 1)).expect("before the window");
    let b_gaps: Vec<&str> = p
        .gaps
        .iter()
        .filter(|g| g.what.ends_with("（必修講習B）"))
        .map(|g| g.what.as_str())
        .collect();
    assert_eq!(
        b_gaps,
        vec![
            "医療制度と法律（必修講習B）",
            "医療福祉制度（必修講習B）",
            "医療経済（必修講習B）",
            "両立支援（必修講習B）"
        ]
    );
    let cost = p.gaps[p.gaps.len() - b_gaps.len()..]
        .iter()
        .chain(p.gaps.iter())
        .find_map(|g| g.elearning)
        .expect("e-learning closes a B gap");
    assert_eq!(cost.yen_per_unit, for_year(2027).fees.elearning_per_unit);
}

fn regional_row(from: chrono::NaiveDate, until: chrono::NaiveDate) -> Workplace {
    Workplace {
        facility: "みほん町立病院".into(),
        location: "みほん県みほん町".into(),
        department: "産婦人科".into(),
        from: Some(from),
        until: Some(until),
        regional: true,
        days_per_week: Some(5.0),
        ..Workplace::default()
    }
}

#[test]
fn notice_2023_04_14_workplace_rows_suggest_the_waiver_and_change_nothing() {
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.workplaces
        .push(regional_row(date(2022, 4, 1), date(2023, 9, 30)));
    let report = evaluate(&app, &for_year(2027));
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::RegionalPractice))
        .expect("suggested on the regional-practice field");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("みほん町立病院"), "{}", f.message);
    assert_eq!(
        report.required_b,
        BStatus::Required,
        "nothing changed silently"
    );
    assert!(!report.passes);

    // Less than a year there: no suggestion.
    app.workplaces[0].until = Some(date(2022, 12, 31));
    let report = evaluate(&app, &for_year(2027));
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.path == FieldPath::Applicant(ApplicantField::RegionalPractice))
    );
}

#[test]
fn notice_2023_04_14_a_waiver_the_workplace_rows_contradict_is_questioned() {
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    app.applicant.regional_practice = Some(RegionalPractice::AfterCertification);
    let mut city = regional_row(date(2022, 4, 1), date(2027, 3, 31));
    city.facility = "みほん市民病院".into();
    city.regional = false;
    app.workplaces.push(city);
    let report = evaluate(&app, &for_year(2027));
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::RegionalPractice))
        .expect("the claim is questioned");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("勤務実態"), "{}", f.message);
    assert!(f.message.contains("認定後5年以内"), "{}", f.message);
    // Questioned, not overruled: the waiver stands as declared.
    assert_eq!(report.required_b, BStatus::Waived);
}

/// The regional-practice finding on the 多様な地域 field, if any.
fn regional_finding(app: &Application, rules: &RuleSet) -> Option<String> {
    evaluate(app, rules)
        .findings
        .into_iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::RegionalPractice))
        .map(|f| f.message)
}

#[test]
fn notice_2023_04_14_the_waivers_year_is_counted_in_days_within_five_years_after_certification() {
    // Certified through the Board's exam in FY2022: the five years run from 2022-04-01 to
    // 2027-04-01 (exclusive), and one year of regional practice is 365 days.
    let rules = for_year(2027);
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);

    // Exactly 365 days, from the first day of the five years: enough.
    app.workplaces = vec![regional_row(date(2022, 4, 1), date(2023, 3, 31))];
    let message = regional_finding(&app, &rules).expect("365 days suggest the waiver");
    assert!(message.contains("365日"), "{message}");
    // One day less is not a year.
    app.workplaces[0].until = Some(date(2023, 3, 30));
    assert_eq!(regional_finding(&app, &rules), None, "364 days");

    // A year after the five years does not count; a row that begins the day they end is not
    // named among the facilities.
    app.workplaces = vec![regional_row(date(2027, 4, 1), date(2028, 3, 31))];
    assert_eq!(regional_finding(&app, &rules), None, "after the five years");
    let mut village = regional_row(date(2027, 4, 1), date(2028, 3, 31));
    village.facility = "みほん村診療所".into();
    app.workplaces = vec![regional_row(date(2022, 4, 1), date(2023, 3, 31)), village];
    let message = regional_finding(&app, &rules).expect("suggested");
    assert!(
        message.contains("みほん町立病院") && !message.contains("みほん村診療所"),
        "{message}"
    );

    // A waiver claimed after certification that the rows bear out is not questioned.
    app.applicant.regional_practice = Some(RegionalPractice::AfterCertification);
    assert_eq!(regional_finding(&app, &rules), None, "the rows bear it out");

    // Two years needed (a rule set that asks for more): 400 days are not enough.
    let mut two_years = for_year(2027);
    let b = two_years.common.required_b.as_mut().expect("必修B");
    b.regional_waiver.as_mut().expect("waiver").min_years = 2;
    app.applicant.regional_practice = None;
    app.workplaces = vec![regional_row(date(2022, 4, 1), date(2023, 5, 5))];
    assert!(
        regional_finding(&app, &rules).is_some(),
        "a year under FY2027"
    );
    assert_eq!(
        regional_finding(&app, &two_years),
        None,
        "400 days < 2 years"
    );
    app.workplaces[0].until = Some(date(2024, 3, 31));
    assert!(regional_finding(&app, &two_years).is_some(), "731 days");
}

#[test]
fn notice_2023_04_14_a_board_certified_specialist_without_a_first_year_is_asked_for_it() {
    // Whether 必修B is needed turns on the first year (§7(2)): asked for only when missing.
    let rules = for_year(2027);
    let asked = |app: &Application| {
        evaluate(app, &rules).findings.iter().any(|f| {
            f.path == FieldPath::Applicant(ApplicantField::FirstCertifiedYear)
                && f.message.starts_with("初回認定年度を入力してください")
        })
    };
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    assert!(!asked(&app), "the year is given");
    app.applicant.first_certified_year = None;
    assert!(asked(&app), "the year is missing");
    app.applicant.certification_route = Some(CertificationRoute::Society);
    assert!(!asked(&app), "a society route does not turn on the year");
}

#[test]
fn a_first_year_or_route_that_contradicts_the_number_is_a_warning_naming_both() {
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2020);
    let report = evaluate(&app, &for_year(2027));
    let f = report
        .findings
        .iter()
        .find(|f| {
            f.path == FieldPath::Applicant(ApplicantField::FirstCertifiedYear)
                && f.message.contains("専門医番号")
        })
        .expect("first year against the number");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("2020年度") && f.message.contains("「22」"),
        "{}",
        f.message
    );

    let mut society = passing_in(2027, 2022);
    society.applicant.certification_route = Some(CertificationRoute::Society);
    society.applicant.first_certified_year = Some(2022);
    let report = evaluate(&society, &for_year(2027));
    let f = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Applicant(ApplicantField::CertificationRoute))
        .expect("a society route in the Board's years");
    assert!(
        f.message.contains("2022年度") && f.message.contains("2021年度"),
        "{}",
        f.message
    );
}

// ── 「C.自己学習」 in place of cases (notice 2024-07-11) ──────────────────────────────────────

fn self_study(units: u32, year: u16) -> Credit {
    Credit {
        kind: CreditKind::SelfStudy,
        date: Some(date(i32::from(year) - 1, 2, 1)),
        title: "test付きe-learning".into(),
        organiser: "見本学会".into(),
        mode: Mode::ELearning,
        units,
        on_portal: true,
        ..Credit::default()
    }
}

#[test]
fn notice_2024_07_11_self_study_stands_in_for_cases_and_the_verdict_says_it_is_assumed() {
    let mut app = passing_in(2027, 2012);
    app.cases.truncate(30);
    let rules = for_year(2027);
    let short = evaluate(&app, &rules);
    assert!(!short.passes);
    let f = short
        .errors()
        .find(|f| f.path == FieldPath::Category(CategoryCode::Clinical))
        .expect("category i short");
    assert!(
        f.message.contains("C.自己学習"),
        "the alternative is named: {}",
        f.message
    );
    // 30 cases are 3 of the 5 units: 2 units or 20 cases still needed.
    assert!(
        f.message.contains("あと2単位") && f.message.contains("あと20例"),
        "what is missing, in units and in cases: {}",
        f.message
    );
    // One unit of self-study counted: 1 unit or 10 cases to go.
    app.credits.push(self_study(1, 2027));
    let one = evaluate(&app, &rules);
    let f = one
        .errors()
        .find(|f| f.path == FieldPath::Category(CategoryCode::Clinical))
        .expect("still short");
    assert!(
        f.message.contains("あと1単位") && f.message.contains("あと10例"),
        "{}",
        f.message
    );
    app.credits.pop();

    app.credits.push(self_study(2, 2027));
    let report = evaluate(&app, &rules);
    assert_eq!(report.category(CategoryCode::Clinical).counted, 5);
    assert_eq!(report.self_study_units, 2);
    assert!(report.passes, "{:?}", report.findings);
    assert!(
        report.assumptions.iter().any(|a| a.contains("C.自己学習")),
        "{:?}",
        report.assumptions
    );
}

#[test]
fn self_study_does_not_count_in_fy2025() {
    let mut app = passing_in(2025, 2010);
    app.cases.truncate(30);
    app.credits.push(self_study(2, 2025));
    let report = evaluate(&app, &for_year(2025));
    assert_eq!(report.category(CategoryCode::Clinical).counted, 3);
    assert!(!report.passes);
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f.path, FieldPath::Credit(_, _)) && f.message.contains("C.自己学習"))
    );
}

// ── Kinds of application per year (学会専門医の再認定は2024年度まで) ──────────────────────────

#[test]
fn after_society_recertification_exists_until_fy2025_only() {
    let mut app = passing_in(2025, 2010);
    app.kind = ApplicationKind::AfterRecertification;
    let report = evaluate(&app, &for_year(2025));
    assert!(
        !report
            .errors()
            .any(|f| f.path == FieldPath::Application(ApplicationField::Kind))
    );
    for y in 2026..=2029 {
        let r = for_year(y);
        assert!(!r.offers_kind(ApplicationKind::AfterRecertification), "{y}");
        assert!(r.offers_kind(ApplicationKind::WithRecertification), "{y}");
        let mut app = passing_in(y, 2010);
        app.kind = ApplicationKind::AfterRecertification;
        let report = evaluate(&app, &r);
        let f = report
            .errors()
            .find(|f| f.path == FieldPath::Application(ApplicationField::Kind))
            .expect("the kind is refused");
        assert!(f.message.contains("2024年度まで"), "{}", f.message);
        assert!(!report.passes);
    }
}

// ── Rule files: the notices as sources, old files unchanged ───────────────────────────────────

#[test]
fn the_notices_are_named_in_each_rule_set_from_2026() {
    for y in 2026..=2029 {
        let r = for_year(y);
        let urls: Vec<&str> = r.notices.iter().map(|n| n.url.as_str()).collect();
        assert!(
            urls.contains(&"https://www.jsog.or.jp/modules/specialist/index.php?content_id=115"),
            "{y}"
        );
        assert!(
            urls.contains(&"https://www.jsog.or.jp/medical/7757/"),
            "{y}"
        );
        let b = r.common.required_b.as_ref().expect("必修B");
        assert_eq!(b.topics, B_TOPICS.to_vec(), "{y}");
        assert!(b.min_units_assumed && b.regional_waiver.is_some(), "{y}");
        assert!(
            r.self_study.as_ref().is_some_and(|s| s.counting_assumed),
            "{y}"
        );
    }
}

/// The FY2025 rule file moved to FY2026 in the format before the notices: the exemption as a
/// bare struct and 必修B as one unit in all.
fn old_format_2026() -> String {
    let text = include_str!("../assets/rules/fy2025.ron");
    let start = text.find("    notices:").expect("notices");
    let end = text[start..].find("    ],\n").expect("end") + start + "    ],\n".len();
    let text = format!("{}{}", &text[..start], &text[end..]);
    text.replace("fiscal_year: 2025", "fiscal_year: 2026")
        .replace("lapse_date: \"2026-04-01\"", "lapse_date: \"2027-04-01\"")
        .replace("2020-05-01", "2021-05-01")
        .replace("2025-04-30", "2026-04-30")
        .replace("start: \"2025-04-01\"", "start: \"2026-04-01\"")
        .replace("2025-05-31", "2026-05-31")
        .replace(
            "required_b: None",
            "required_b: Some((board_exam_from: 2021, min_units: 1, min_units_assumed: true))",
        )
}

#[test]
fn a_rule_file_of_the_old_format_loads_with_its_meaning_unchanged() {
    let text = old_format_2026();
    assert!(!text.contains("notices"), "{text}");
    let r = RuleSet::from_ron(&text).expect("the old format loads");
    assert_eq!(r.exemption.map(|e| e.min_consecutive_renewals), Some(3));
    assert_eq!(r.total_required_exempt, Some(40));
    assert_eq!(r.application_kinds, ApplicationKind::ALL.to_vec());
    // Old meaning: three renewals are exempt, and one unit of any B topic closes 必修B.
    let report = evaluate(&three_renewals_no_cases(2026), &r);
    assert!(report.exempt_from_clinical);
    let mut app = passing_in(2026, 2021);
    board_exam(&mut app, 2021);
    assert!(!evaluate(&app, &r).passes);
    app.credits.push(b_lecture(CommonTopic::Economics, 2026));
    assert!(evaluate(&app, &r).passes);
}

#[test]
fn a_rule_file_that_cannot_say_what_it_means_is_refused_with_line_and_column() {
    let text =
        include_str!("../assets/rules/fy2027.ron").replace("exemption: None", "exemption: Nothing");
    match RuleSet::from_ron(&text) {
        Err(rules::RuleSetError::Parse { line, column, .. }) => {
            assert!(line > 1 && column > 1, "{line}:{column}");
        }
        other => panic!("refused with a position, got {other:?}"),
    }
    // An exemption without the total it needs is refused too.
    let text =
        include_str!("../assets/rules/fy2025.ron").replace("    total_required_exempt: 40,\n", "");
    assert!(matches!(
        RuleSet::from_ron(&text),
        Err(rules::RuleSetError::Invalid(_))
    ));
}

#[test]
fn describe_names_the_notices_and_the_diff_lists_what_changed_in_2026() {
    let show = rules::describe::describe(&for_year(2027));
    let lines: Vec<String> = show
        .iter()
        .map(|l| format!("{}: {}", l.label, l.value))
        .collect();
    let all = lines.join("\n");
    assert!(all.contains("必修講習Bの受講について"), "{all}");
    assert!(
        all.contains("日本専門医機構からの専門医更新に関する通知について"),
        "{all}"
    );
    let diff = rules::describe::diff(&for_year(2025), &for_year(2026)).join("\n");
    assert!(diff.contains("診療実績免除: 連続3回以上"), "{diff}");
    assert!(diff.contains("→ なし"), "{diff}");
    assert!(
        diff.contains("ii 必修講習B: 必須の該当者なし → 2021年度以降"),
        "{diff}"
    );
    assert!(
        diff.contains("医療制度と法律・地域医療・医療福祉制度・医療経済・両立支援"),
        "{diff}"
    );
}

// ── The command line, as the issue asks ─────────────────────────────────────────────────────

fn run(args: &[&str], dir: &Path) -> Output {
    crate::common::bin()
        .args(args)
        .current_dir(dir)
        .env("JSOG_RENEWAL_DATA_DIR", dir.join("data"))
        .output()
        .expect("the binary runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn cli_new_2027_with_three_renewals_and_no_cases_fails_and_fy2025_is_exempt() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (year, exempt, required, code) in [(2027, false, 50, 1), (2025, true, 40, 0)] {
        let file = format!("a{year}.ron");
        let path = dir.path().join(&file);
        jsog_renewal::store::save(&three_renewals_no_cases(year), &path).expect("save");
        let o = run(
            &[
                "check",
                &file,
                "--json",
                "--today",
                &format!("{year}-04-15"),
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(code), "{year}: {}", out(&o));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        assert_eq!(json["exempt_from_clinical"], exempt, "{year}");
        assert_eq!(json["total_required"], required, "{year}");
        if !exempt {
            let findings = json["findings"].as_array().expect("findings");
            assert!(
                findings.iter().any(|f| f["path"] == "categories.i"
                    && f["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("あと50例"))),
                "{findings:?}"
            );
        }
    }
    // A new empty FY2027 application says which rules: provisional, with the notices.
    let o = run(&["new", "n.ron", "--year", "2027"], dir.path());
    assert!(o.status.success());
}

#[test]
fn cli_rules_show_2027_names_both_notices_and_diff_2025_2026_lists_the_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let show = out(&run(&["rules", "show", "2027"], dir.path()));
    assert!(
        show.contains("「必修講習Bの受講について」（2023年4月14日）"),
        "{show}"
    );
    assert!(
        show.contains("「日本専門医機構からの専門医更新に関する通知について」（2024年7月11日）"),
        "{show}"
    );
    let diff = out(&run(&["rules", "diff", "2025", "2026"], dir.path()));
    assert!(diff.contains("診療実績免除"), "{diff}");
    assert!(diff.contains("必修講習B"), "{diff}");
}

#[test]
fn cli_retarget_from_2025_says_the_exemption_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.ron");
    jsog_renewal::store::save(&three_renewals_no_cases(2025), &path).expect("save");
    let o = run(&["retarget", "a.ron", "--year", "2026"], dir.path());
    assert!(o.status.success());
    let text = out(&o);
    assert!(
        text.contains("診療実績免除: 2025年度は該当、2026年度は免除そのものがありません"),
        "{text}"
    );
    assert!(text.contains("必要単位: 40単位 → 50単位"), "{text}");
    assert!(
        text.contains("判定: 2025年度の基準では満たす、2026年度の基準では満たさない"),
        "{text}"
    );
}

// ── The window: the year's kinds, the waiver, and 「C.自己学習」 on the case page ─────────────

#[test]
fn window_records_self_study_on_the_case_page_and_it_counts_in_category_i() {
    use jsog_renewal::ui::{App, AppOptions, Page};
    let mut application = passing_in(2027, 2012);
    application.cases.truncate(40);
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = crate::common::window::window(1400.0, 900.0).app(app);
    h.state_mut().show_page(Page::Cases);
    h.run();
    h.get_by_label_contains("C.自己学習（症例の代わり）")
        .click();
    h.run();
    h.get_by_label("単位を追加").click();
    h.run();
    let app = h.state();
    let added = app
        .application()
        .credits
        .iter()
        .find(|c| c.kind == CreditKind::SelfStudy)
        .expect("a self-study credit was added from the case page");
    assert_eq!(added.mode, Mode::ELearning, "test付き e-learning");
    let report = app.report().expect("report");
    // Undated, it does not count yet; the finding points at its date.
    assert_eq!(report.category(CategoryCode::Clinical).counted, 4);
    assert!(report.findings.iter().any(|f| matches!(
        f.path,
        FieldPath::Credit(_, jsog_renewal::model::CreditField::Date)
    )));
}

#[test]
fn window_offers_only_the_kinds_of_the_year() {
    use jsog_renewal::ui::{App, AppOptions, Page};
    let mut app = App::new(AppOptions::default());
    app.set_application(passing_in(2027, 2012));
    let mut h = crate::common::window::window(1400.0, 900.0).app(app);
    h.state_mut().show_page(Page::Applicant);
    h.run();
    h.get_by_label("申請区分").click();
    h.run();
    assert!(h.query_by_label("再認定と同時の更新").is_some());
    assert!(
        h.query_by_label("再認定合格後の更新").is_none(),
        "not offered from FY2026"
    );
}

#[test]
fn shortfall_messages_name_the_units_still_missing_per_topic_and_in_all() {
    // The number a finding names is what is missing, not what is required: checked with
    // minimums above one (a rule set that asks for more than this year's), where the two differ.
    let mut app = passing_in(2027, 2022);
    board_exam(&mut app, 2022);
    for topic in B_TOPICS {
        app.credits.push(b_lecture(topic, 2027));
    }
    let mut rules = for_year(2027);
    let safety = evaluate(&app, &rules)
        .common_topics
        .iter()
        .find(|t| t.topic == CommonTopic::Safety)
        .map_or(0, |t| t.counted);
    // Two more than the application has of 医療安全.
    rules.common.required_topic_min = safety + 2;
    let b = rules.common.required_b.as_mut().expect("必修B");
    b.min_units_per_topic = 2;
    b.min_units = 12;
    let messages: Vec<String> = evaluate(&app, &rules)
        .errors()
        .map(|f| f.message.clone())
        .collect();
    let has = |s: &str| messages.iter().any(|m| m.contains(s));
    assert!(has("医療安全があと2単位必要です"), "{messages:?}");
    // 必修B: 1 of the 2 asked per topic; 5 of the 12 asked in all.
    assert!(has("「医療経済」があと1単位必要です"), "{messages:?}");
    assert!(has("必修講習Bがあと7単位必要です"), "{messages:?}");
}
