//! Each doctor's activity period, as the society and the Board published it
//! (`shared/reference/jsog-notices-deferral-pause.md`):
//! - after a deferral, 「申請する直近の6年間」 (日本産科婦人科学会「機構専門医更新猶予を申請した5年後の
//!   機構専門医更新時の活動期間について」2022年9月修正版, https://www.jsog.or.jp/medical/561/);
//! - the renewal after that one starts where the six years ended (the same notice, in a figure
//!   only: assumed);
//! - around a pause, 「活動休止期間を除く前後の合計5年間」 (日本専門医機構 補足説明 別添資料①,
//!   https://expydoc.com/doc/7764347/: assumed for this field).

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{Plan, date, for_year};
use chrono::NaiveDate;
use jsog_renewal::model::{
    Application, ApplicationKind, CaseField, CommonTopic, CreditField, CreditKind, Pause,
    PauseField,
};
use jsog_renewal::rules::{
    ActivityPeriod, CategoryCode, FieldPath, PeriodBasis, Report, Severity, evaluate,
};

/// A passing plan in `year` with every entry two years before its end, then its ten earliest
/// cases and its one 医療安全 lecture moved to `early`.
fn with_early_entries(
    year: u16,
    number: &str,
    kind: ApplicationKind,
    early: NaiveDate,
) -> Application {
    let mut app = Plan::passing().build();
    app.fiscal_year = year;
    app.kind = kind;
    app.applicant.specialist_number = number.into();
    let later = date(i32::from(year) - 2, 6, 1);
    for c in &mut app.cases {
        c.date = Some(later);
    }
    for c in &mut app.credits {
        c.date = Some(later);
    }
    for c in app.cases.iter_mut().take(10) {
        c.date = Some(early);
    }
    safety_lecture(&mut app).date = Some(early);
    app
}

fn safety_lecture(app: &mut Application) -> &mut jsog_renewal::model::Credit {
    app.credits
        .iter_mut()
        .find(|c| c.kind == CreditKind::Common(CommonTopic::Safety))
        .expect("a 医療安全 lecture")
}

fn report(app: &Application) -> Report {
    evaluate(app, &for_year(app.fiscal_year))
}

fn span(r: &Report) -> (NaiveDate, NaiveDate) {
    (r.activity_period.start, r.activity_period.end)
}

#[test]
fn fy2024_after_a_deferral_counts_the_sixth_year_back_and_not_the_day_before() {
    // jsog.or.jp/medical/561 (2022-09): 「審査対象となる活動期間…は申請する直近の6年間」.
    let app = with_early_entries(
        2024,
        "000001-N-0918",
        ApplicationKind::AfterDeferral,
        date(2018, 5, 1),
    );
    let r = report(&app);
    assert_eq!(span(&r), (date(2018, 5, 1), date(2024, 4, 30)));
    assert_eq!(r.activity_period.basis, PeriodBasis::AfterDeferral);
    assert_eq!(r.activity_period.reason, "猶予後");
    assert!(!r.activity_period.assumed, "the six years are published");
    assert!(r.passes, "{:#?}", r.findings);
    assert_eq!(r.cases_valid, 50);

    let mut before = app.clone();
    before.cases[0].date = Some(date(2018, 4, 30));
    safety_lecture(&mut before).date = Some(date(2018, 4, 30));
    let r = report(&before);
    assert!(!r.passes);
    assert_eq!(r.cases_valid, 49);
    let f = r
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Case(0, CaseField::Date))
        .expect("a finding on the early case");
    assert!(
        f.message.contains("2018年5月1日～2024年4月30日・猶予後"),
        "{}",
        f.message
    );
}

#[test]
fn a_plain_renewal_with_the_same_entries_does_not_count_them() {
    // The same entries under 更新 (-N○○19): the regular five years, 2019-05-01 onwards (§5).
    let app = with_early_entries(
        2024,
        "000001-N-0919",
        ApplicationKind::Renewal,
        date(2018, 5, 1),
    );
    let r = report(&app);
    assert_eq!(span(&r), (date(2019, 5, 1), date(2024, 4, 30)));
    assert_eq!(r.activity_period.reason, "通常");
    assert!(!r.passes);
    assert_eq!(r.cases_valid, 40);
    assert_eq!(r.category(CategoryCode::Clinical).counted, 4);
    let safety = r
        .common_topics
        .iter()
        .find(|t| t.topic == CommonTopic::Safety)
        .expect("医療安全");
    assert_eq!(safety.counted, 0);
    assert!(
        r.findings.iter().any(|f| f
            .message
            .contains("活動期間（2019年5月1日～2024年4月30日）の外")),
        "{:#?}",
        r.findings
    );
}

#[test]
fn fy2027_after_a_deferral_counts_from_may_2021() {
    // The same notice, FY2027 (-N○○21): 2021-05-01 to 2027-04-30.
    let app = with_early_entries(
        2027,
        "000001-N-2121",
        ApplicationKind::AfterDeferral,
        date(2021, 5, 1),
    );
    let r = report(&app);
    assert_eq!(span(&r), (date(2021, 5, 1), date(2027, 4, 30)));
    assert_eq!(r.cases_valid, 50, "{:#?}", r.findings);
    let mut before = app.clone();
    before.cases[0].date = Some(date(2021, 4, 30));
    assert_eq!(report(&before).cases_valid, 49);
    let mut plain = app.clone();
    plain.kind = ApplicationKind::Renewal;
    plain.applicant.specialist_number = "000001-N-2122".into();
    assert_eq!(report(&plain).cases_valid, 40);
}

#[test]
fn the_renewal_after_a_deferral_renewal_starts_where_that_period_ended_and_says_it_is_assumed() {
    // The FY2024 deferral-renewal's period ended 2024-04-30; its certification was back-dated a
    // year, so the next renewal is FY2028, and the deferral year's units are not counted again
    // (the notice's figure; jbgm.org: 「更新後は実質4年間」).
    let mut app = with_early_entries(
        2028,
        "000001-N-0923",
        ApplicationKind::Renewal,
        date(2024, 5, 1),
    );
    app.previous_after_deferral = true;
    let r = report(&app);
    assert_eq!(span(&r), (date(2024, 5, 1), date(2028, 4, 30)));
    assert_eq!(r.activity_period.basis, PeriodBasis::AfterDeferralRenewal);
    assert_eq!(r.activity_period.years, 4);
    assert!(r.activity_period.assumed);
    assert_eq!(r.cases_valid, 50, "{:#?}", r.findings);
    assert!(
        r.assumptions
            .iter()
            .any(|a| a.contains("前回の活動期間の翌日からの4年間")
                && a.contains("https://www.jsog.or.jp/medical/561/")),
        "{:?}",
        r.assumptions
    );
    let mut day_before = app.clone();
    day_before.cases[0].date = Some(date(2024, 4, 30));
    assert_eq!(report(&day_before).cases_valid, 49);

    // Without the box ticked the same doctor has the regular five years (2023-05-01 onwards).
    let mut regular = day_before.clone();
    regular.previous_after_deferral = false;
    let r = report(&regular);
    assert_eq!(span(&r), (date(2023, 5, 1), date(2028, 4, 30)));
    assert_eq!(r.cases_valid, 50);
    assert!(r.assumptions.iter().all(|a| !a.contains("猶予")));
}

fn paused(from: NaiveDate, until: NaiveDate) -> Pause {
    Pause {
        from: Some(from),
        until: Some(until),
        ..Pause::default()
    }
}

#[test]
fn a_ten_month_pause_moves_the_start_back_ten_months_and_refuses_an_entry_inside_it() {
    // 別添資料①: 「活動休止期間を除く前後の合計5年間」. 2021-01-01–2021-10-31 is 304 days, and
    // 2019-05-01 less 304 days is 2018-07-01.
    let mut app = with_early_entries(
        2024,
        "000001-N-0919",
        ApplicationKind::Renewal,
        date(2018, 7, 1),
    );
    app.pauses
        .push(paused(date(2021, 1, 1), date(2021, 10, 31)));
    let r = report(&app);
    assert_eq!(span(&r), (date(2018, 7, 1), date(2024, 4, 30)));
    assert_eq!(r.activity_period.reason, "活動休止");
    assert_eq!(r.activity_period.paused_days(), 304);
    assert!(r.activity_period.assumed);
    assert!(
        r.assumptions
            .iter()
            .any(|a| a.contains("活動休止の304日") && a.contains("expydoc.com/doc/7764347")),
        "{:?}",
        r.assumptions
    );
    assert_eq!(r.cases_valid, 50, "{:#?}", r.findings);
    assert!(r.passes, "{:#?}", r.findings);

    let mut inside = app.clone();
    inside.cases[0].date = Some(date(2021, 5, 1));
    safety_lecture(&mut inside).date = Some(date(2021, 10, 31));
    let r = report(&inside);
    assert_eq!(r.cases_valid, 49);
    assert!(!r.passes);
    let on = |path| {
        r.findings
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.message.clone())
    };
    let case = on(FieldPath::Case(0, CaseField::Date)).expect("the case inside the pause");
    assert!(
        case.contains("活動休止（2021年1月1日～2021年10月31日）の期間内"),
        "{case}"
    );
    let i = inside
        .credits
        .iter()
        .position(|c| c.kind == CreditKind::Common(CommonTopic::Safety))
        .expect("lecture");
    let credit = on(FieldPath::Credit(i, CreditField::Date)).expect("the lecture inside the pause");
    assert!(
        credit.contains("活動休止（2021年1月1日～2021年10月31日）"),
        "{credit}"
    );

    let mut day_before = app.clone();
    day_before.cases[0].date = Some(date(2018, 6, 30));
    assert_eq!(report(&day_before).cases_valid, 49);
}

#[test]
fn a_deferral_and_a_pause_together_reach_back_from_the_six_years() {
    let mut app = Plan::passing().build();
    app.kind = ApplicationKind::AfterDeferral;
    app.applicant.specialist_number = "000001-N-0918".into();
    app.pauses.push(paused(date(2020, 4, 1), date(2020, 4, 30)));
    let p = ActivityPeriod::of(&app, &for_year(2024));
    assert_eq!((p.start, p.end), (date(2018, 4, 1), date(2024, 4, 30)));
    assert_eq!(p.reason, "猶予後・活動休止");
}

#[test]
fn pauses_that_cannot_be_as_entered_are_questioned_naming_both_dates_and_nothing_changes() {
    let mut app = Plan::passing().build();
    app.applicant.certified_from = Some(date(2020, 4, 1));
    app.applicant.certified_until = Some(date(2025, 3, 31));
    app.pauses = vec![
        paused(date(2021, 1, 1), date(2021, 3, 31)),
        // Overlaps the first.
        paused(date(2021, 3, 1), date(2021, 4, 30)),
        // Ends before it starts.
        paused(date(2022, 5, 1), date(2022, 4, 1)),
        // Starts before the certification.
        paused(date(2019, 10, 1), date(2019, 12, 31)),
    ];
    let before = app.clone();
    let r = report(&app);
    assert_eq!(app, before);
    let on = |i, field| {
        r.findings
            .iter()
            .filter(|f| f.path == FieldPath::Pause(i, field))
            .map(|f| (f.severity, f.message.clone()))
            .collect::<Vec<_>>()
    };
    let overlap = on(1, PauseField::From);
    assert_eq!(overlap.len(), 1, "{overlap:?}");
    assert_eq!(overlap[0].0, Severity::Warning);
    for day in [
        "2021年3月1日",
        "2021年4月30日",
        "2021年1月1日",
        "2021年3月31日",
    ] {
        assert!(overlap[0].1.contains(day), "{}", overlap[0].1);
    }
    let backwards = on(2, PauseField::Until);
    assert!(
        backwards
            .iter()
            .any(|(_, m)| m.contains("2022年4月1日") && m.contains("2022年5月1日")),
        "{backwards:?}"
    );
    let outside = on(3, PauseField::From);
    assert!(
        outside
            .iter()
            .any(|(_, m)| m.contains("2019年10月1日") && m.contains("2020年4月1日～2025年3月31日")),
        "{outside:?}"
    );
    assert!(on(0, PauseField::From).is_empty(), "the first is fine");
    // The overlap counts once (2021-01-01–2021-04-30, 120 days), the backwards one not at all,
    // the one before the certification in full (92 days).
    assert_eq!(r.activity_period.paused_days(), 120 + 92);
}

#[test]
fn application_files_of_before_keep_their_meaning_and_are_written_as_before() {
    for fixture in ["application_v1.ron", "application_v2.ron"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        let app = jsog_renewal::store::load(&path).expect("an old file loads");
        assert!(
            app.pauses.is_empty() && !app.previous_after_deferral,
            "{fixture}"
        );
        assert!(report(&app).activity_period.is_regular(), "{fixture}");
    }
    let text = jsog_renewal::store::to_string(&Plan::passing().build()).expect("ron");
    assert!(!text.contains("pauses") && !text.contains("previous_after_deferral"));
    let mut app = Plan::passing().build();
    app.previous_after_deferral = true;
    app.pauses
        .push(paused(date(2021, 1, 1), date(2021, 10, 31)));
    let text = jsog_renewal::store::to_string(&app).expect("ron");
    let back = jsog_renewal::store::from_str(&text, Path::new("a.ron")).expect("reads");
    assert_eq!(back, app);
}

fn run(args: &[&str], dir: &Path) -> Output {
    crate::common::bin()
        .args(args)
        .current_dir(dir)
        .env("JSOG_RENEWAL_DATA_DIR", dir.join("data"))
        .output()
        .expect("runs")
}

#[test]
fn check_prints_the_period_used_and_json_reports_it_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = with_early_entries(
        2024,
        "000001-N-0918",
        ApplicationKind::AfterDeferral,
        date(2018, 5, 1),
    );
    jsog_renewal::store::save(&app, &dir.path().join("a.ron")).expect("save");
    let o = run(
        &["check", "a.ron", "--json", "--today", "2024-05-10"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let p = &json["activity_period"];
    assert_eq!(p["start"], "2018-05-01");
    assert_eq!(p["end"], "2024-04-30");
    assert_eq!(p["reason"], "猶予後");
    assert_eq!(p["basis"], "after_deferral");
    assert_eq!(
        json["rules"]["activity_period"]["start"], "2019-05-01",
        "the rule set's own"
    );

    let o = run(&["check", "a.ron", "--today", "2024-05-10"], dir.path());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("活動期間: 2018年5月1日～2024年4月30日（猶予後の更新：申請する直近の6年間）"),
        "{text}"
    );
    assert!(
        text.contains("https://www.jsog.or.jp/medical/561/"),
        "{text}"
    );
}

/// The text of the PDF of `form` exported from `app`, its line breaks and spaces removed.
#[cfg(target_os = "linux")]
fn exported_text(app: &Application, form: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    jsog_renewal::store::save(app, &dir.path().join("a.ron")).expect("save");
    let o = run(
        &["export", "a.ron", "--out", "out", "--form", form],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read_dir(dir.path().join("out"))
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a pdf");
    let out = Command::new("pdftotext")
        .args([pdf.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn form_4_and_the_checklist_print_the_period_used_and_the_checklist_reminds_of_the_approval() {
    // jsog.or.jp/medical/561 (2022-09): six years; 別添資料①: the pause cut out.
    let mut app = with_early_entries(
        2024,
        "000001-N-0918",
        ApplicationKind::AfterDeferral,
        date(2018, 5, 1),
    );
    let form4 = exported_text(&app, "4");
    assert!(
        form4
            .contains("活動期間：2018年5月1日～2024年4月30日（猶予後の更新：申請する直近の6年間）"),
        "{form4}"
    );
    let checklist = exported_text(&app, "checklist");
    assert!(
        checklist.contains(
            "この申請の活動期間：2018年5月1日～2024年4月30日（猶予後の更新：申請する直近の6年間）"
        ),
        "{checklist}"
    );
    assert!(
        checklist.contains("更新猶予が認められたことを示す書類"),
        "{checklist}"
    );
    assert!(
        !checklist.contains("活動休止が認められたことを示す書類"),
        "{checklist}"
    );

    app.kind = ApplicationKind::Renewal;
    app.applicant.specialist_number = "000001-N-0919".into();
    app.pauses
        .push(paused(date(2021, 1, 1), date(2021, 10, 31)));
    let checklist = exported_text(&app, "checklist");
    assert!(
        checklist.contains(
            "2018年7月1日～2024年4月30日（活動休止2021年1月1日～2021年10月31日（計304日）を除き"
        ),
        "{checklist}"
    );
    assert!(
        checklist.contains("活動休止が認められたことを示す書類"),
        "{checklist}"
    );
    let form3 = exported_text(&app, "3");
    assert!(
        form3.contains("2018/07/01～2024/04/30（活動休止の期間を除く）"),
        "{form3}"
    );

    // A plain renewal prints the rule set's period and no reminder.
    app.pauses.clear();
    let checklist = exported_text(&app, "checklist");
    assert!(
        checklist.contains("この申請の活動期間：2019年5月1日～2024年4月30日"),
        "{checklist}"
    );
    assert!(
        !checklist.contains("認められたことを示す書類"),
        "{checklist}"
    );
}

mod window {
    //! The same periods in the window: the applicant page records them, the verdict panel and
    //! the progress chart take the application's own period.

    use chrono::NaiveDate;
    use egui_kittest::kittest::Queryable;
    use jsog_renewal::model::ApplicationKind;
    use jsog_renewal::ui::Page;

    use crate::common::window::{app_on, window};

    #[test]
    fn the_progress_chart_spans_the_six_years_after_a_deferral() {
        // jsog.or.jp/medical/561: the six years; the chart's months are its data, named below it.
        let today = NaiveDate::from_ymd_opt(2022, 10, 15).expect("date");
        let mut demo = jsog_renewal::demo::application();
        let mut h = window(1280.0, 800.0).app(app_on(today, demo.clone()));
        h.run();
        h.get_by_label("2019/5～2024/4（縦線が今日）");
        assert!(
            h.query_by_label_contains("活動期間 2019年").is_none(),
            "regular: not repeated"
        );

        demo.kind = ApplicationKind::AfterDeferral;
        demo.applicant.specialist_number = "000001-N-0918".into();
        let mut h = window(1280.0, 800.0).app(app_on(today, demo));
        h.run();
        h.get_by_label("2018/5～2024/4（縦線が今日）");
        h.get_by_label("活動期間 2018年5月1日～2024年4月30日（猶予後）");
    }

    #[test]
    fn a_pause_is_typed_on_the_applicant_page_and_the_period_follows_it() {
        let today = NaiveDate::from_ymd_opt(2022, 10, 15).expect("date");
        // Tall enough for the chart under the assumption the pause adds to the verdict panel.
        let mut h = window(1280.0, 1100.0).app(app_on(today, jsog_renewal::demo::application()));
        h.run();
        h.state_mut().show_page(Page::Applicant);
        h.run();
        h.get_by_label("この申請の活動期間：2019年5月1日～2024年4月30日");
        h.get_by_label("活動休止の期間を追加").click();
        h.run();
        h.get_by_label("活動休止 1");
        h.get_by_label("活動休止（開始）").click();
        h.run();
        h.get_by_label("活動休止（開始）").type_text("2021/1/1");
        h.key_press(egui::Key::Tab);
        h.run();
        h.get_by_label("活動休止（終了）").type_text("2021/10/31");
        h.key_press(egui::Key::Tab);
        h.run();
        let pauses = &h.state().application().pauses;
        assert_eq!(pauses.len(), 1);
        assert_eq!(pauses[0].from, NaiveDate::from_ymd_opt(2021, 1, 1));
        assert_eq!(pauses[0].until, NaiveDate::from_ymd_opt(2021, 10, 31));
        h.get_by_label_contains(
            "この申請の活動期間：2018年7月1日～2024年4月30日（活動休止 2021年1月1日～2021年10月31日（計304日）",
        );
        h.get_by_label("活動期間 2018年7月1日～2024年4月30日（活動休止）");
        h.get_by_label("2018/7～2024/4（縦線が今日）");

        // The box of a previous deferral-renewal (the kind stays 更新).
        h.get_by_label("前回の更新は猶予後の更新").click();
        h.run();
        assert!(h.state().application().previous_after_deferral);
        // The period row and the verdict's assumption both say it.
        assert!(
            h.get_all_by_label_contains("前回が猶予後の更新：前回の活動期間の翌日からの4年間")
                .count()
                >= 1
        );
        h.get_by_label_contains("2019年7月2日～2024年4月30日（前回が猶予後の更新");
    }

    use eframe::egui;
}

#[test]
fn the_office_standing_of_a_doctor_after_a_deferral_names_the_six_years_and_charts_them() {
    // jsog.or.jp/medical/561: the six years, in the office's one line as in the verdict.
    let mut app = with_early_entries(
        2024,
        "000001-N-0918",
        ApplicationKind::AfterDeferral,
        date(2018, 5, 1),
    );
    // Half the domain units still to come: a pace to keep.
    app.credits
        .iter_mut()
        .filter(|c| c.kind == CreditKind::Domain)
        .for_each(|c| c.units = 10);
    let rules = for_year(2024);
    let r = evaluate(&app, &rules);
    let today = date(2021, 5, 1);
    let chart = jsog_renewal::rules::chart::progress_chart(&app, &rules, &r, today);
    assert_eq!(
        chart.months.len(),
        72,
        "six years of months, the pace over them"
    );
    assert_eq!(chart.months[0], date(2018, 5, 1));
    let progress = jsog_renewal::rules::progress(&app, &rules, today);
    let s = jsog_renewal::workspace::Standing::from_parts(&r, &chart, progress.as_ref());
    assert_eq!(
        s.own_period,
        Some((
            "猶予後".to_string(),
            "2018年5月1日～2024年4月30日".to_string()
        ))
    );
    let line = jsog_renewal::ui::text::standing_line(&s);
    assert!(line.contains("活動期間猶予後"), "{line}");
    let details = jsog_renewal::ui::text::standing_details(&s);
    assert!(
        details.contains("活動期間 2018年5月1日～2024年4月30日（猶予後）"),
        "{details}"
    );
    let mut plain = app.clone();
    plain.kind = ApplicationKind::Renewal;
    plain.applicant.specialist_number = "000001-N-0919".into();
    let r = evaluate(&plain, &rules);
    let p = jsog_renewal::workspace::Standing::of(&plain, &rules, &r, today);
    assert_eq!(p.own_period, None);
    assert!(!jsog_renewal::ui::text::standing_line(&p).contains("活動期間"));
}
