//! Findings that cite their source and read well when there are many: every finding carries
//! the rule it applies and where that rule is written (the overview's section, or the notice
//! with its address); findings of one kind on many entries are one line that opens to the list.

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use jsog_renewal::model::Application;
use jsog_renewal::rules::{Rule, evaluate};
use jsog_renewal::ui::{App, Page};

use crate::common::for_year;
use crate::common::window::{app_on, window};

/// The demo moved to FY2027: its entries of 2019–2022 fall before that year's period.
fn demo_in_2027() -> Application {
    let mut app = jsog_renewal::demo::application();
    app.fiscal_year = 2027;
    app
}

#[test]
fn every_finding_of_the_verdict_names_its_rule_and_where_it_is_written() {
    let app = demo_in_2027();
    let r = evaluate(&app, &for_year(2027));
    assert!(r.findings.len() > 80, "{}", r.findings.len());
    for f in &r.findings {
        assert!(
            !f.source.rule.is_empty()
                && !f.source.section.is_empty()
                && !f.source.document.is_empty(),
            "{f:?}"
        );
    }
    let outside: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == Rule::ActivityPeriod)
        .collect();
    assert_eq!(outside.len(), 79);
    // §5 of the overview the FY2027 rule file follows (2024年度の概要).
    assert_eq!(outside[0].source.section, "§5 必要単位一覧表（活動期間）");
    assert!(outside[0].source.document.contains("2024年度の概要"));
    // 必修B cites the society's notice of 2023-04-14 with its address.
    let b = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::RequiredB)
        .expect("a 必修B finding (the route is not given)");
    assert_eq!(
        b.source.url.as_deref(),
        Some("https://www.jsog.or.jp/modules/specialist/index.php?content_id=115")
    );
    assert!(b.source.section.contains("必修講習Bの受講について"));
    // A check of this program's own says so instead of citing a rule.
    let mut typo = app.clone();
    typo.cases[0]
        .unread
        .insert(jsog_renewal::model::CaseField::Date, "2023/2/30".into());
    typo.cases[0].date = None;
    let r = evaluate(&typo, &for_year(2027));
    let unread = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::Unreadable)
        .expect("the unread date");
    assert!(
        unread.source.document.contains("このプログラムの確認"),
        "{:?}",
        unread.source
    );
}

#[test]
fn check_json_has_a_source_on_every_finding_and_check_why_prints_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    jsog_renewal::store::save(&demo_in_2027(), &dir.path().join("a.ron")).expect("save");
    let run = |args: &[&str]| {
        crate::common::bin()
            .args(args)
            .current_dir(dir.path())
            .env("JSOG_RENEWAL_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("runs")
    };
    let o = run(&["check", "a.ron", "--json", "--today", "2026-12-07"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 87);
    for f in findings {
        for key in ["rule", "section", "document"] {
            assert!(
                f["source"][key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} of {f}"
            );
        }
        assert!(
            f["kind"]["type"].as_str().is_some_and(|s| !s.is_empty()),
            "a typed kind on {f}"
        );
    }
    // The kind carries the data the sentence was made from: a reader of the JSON needs no
    // Japanese parsing to know which case, which day, which period.
    let outside: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["kind"]["type"] == "case_outside_period")
        .collect();
    assert!(!outside.is_empty());
    let first = outside
        .iter()
        .find(|f| f["kind"]["no"] == 1)
        .expect("case 1 is outside");
    assert_eq!(first["kind"]["date"], "2019-05-16");
    assert_eq!(first["kind"]["period"]["start"], "2022-05-01");
    assert_eq!(first["kind"]["period"]["end"], "2027-04-30");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("症例1：診察日 2019年5月16日 は活動期間")),
        "{first}"
    );

    let o = run(&["check", "a.ron", "--why", "--today", "2026-12-07"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("[注意] 活動期間の外・活動休止中の日付のため計上されない記録 79件:"),
        "{text}"
    );
    assert!(
        text.contains("根拠: §5 必要単位一覧表（活動期間） — 2024年度の概要"),
        "{text}"
    );
    assert!(text.contains("根拠: §7(1) 必修講習A"), "{text}");
    // Grouped, each entry is still listed under the group.
    assert!(
        text.contains("      症例1：診察日 2019年5月16日 は活動期間"),
        "{text}"
    );
    let plain = run(&["check", "a.ron", "--today", "2026-12-07"]);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("根拠: §"));
}

fn app_of(application: Application) -> App {
    app_on(
        NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
        application,
    )
}

#[test]
fn seventy_nine_findings_of_one_kind_are_one_line_that_opens_to_each_and_leads_to_its_cell() {
    let mut h = window(1280.0, 800.0).app(app_of(demo_in_2027()));
    h.run();
    let group = "注意　活動期間の外・活動休止中の日付のため計上されない記録 79件";
    h.get_by_label(group);
    assert!(
        h.query_by_label_contains("症例1：診察日 2019年5月16日")
            .is_none(),
        "closed: the entries are not listed"
    );
    h.get_by_label(group).click();
    h.run();
    let first = "症例1：診察日 2019年5月16日 は活動期間（2022年5月1日～2027年4月30日）の外のため計上されません";
    h.get_by_label(first);
    let listed = h
        .get_all_by_label_contains(
            "は活動期間（2022年5月1日～2027年4月30日）の外のため計上されません",
        )
        .count();
    assert!(
        listed >= 40,
        "the group lists its entries ({listed} of the cases' named)"
    );
    h.get_by_label(first).click();
    h.run();
    assert_eq!(h.state().page(), Page::Cases);

    // The 根拠 of a finding, on demand under it.
    h.state_mut().show_page(Page::Summary);
    h.run();
    assert!(h.query_by_label_contains("根拠: §7(1) 必修講習A").is_none());
    let buttons: Vec<_> = h.get_all_by_label("根拠").collect();
    assert!(buttons.len() >= 2);
    buttons[1].click();
    h.run();
    h.get_by_label_contains(
        "根拠: §7(1) 必修講習A（医療安全、医療倫理、感染対策） — 2024年度の概要",
    );
}

#[test]
fn eight_findings_are_visible_in_the_verdict_panel_at_1280_by_800() {
    let mut app = demo_in_2027();
    // Short findings, each its own kind: eight 必修・category and field findings.
    app.applicant.furigana.clear();
    app.applicant.member_number.clear();
    app.applicant.birth_date = None;
    app.applicant.medical_registration_number.clear();
    let r = evaluate(&app, &for_year(2027));
    let groups = r.finding_groups();
    assert!(groups.len() >= 8, "{}", groups.len());
    let mut h = window(1280.0, 800.0).app(app_of(app));
    h.run();
    let heading = h.get_by_label("確認事項").rect();
    let visible = groups
        .iter()
        .take(8)
        .filter(|g| {
            let label = if g.is_group() {
                format!("{}　{}", g.severity.label(), g.title())
            } else {
                r.findings[g.findings[0]].message.clone()
            };
            h.get_all_by_label(&label)
                .any(|n| n.rect().min.y > heading.max.y && n.rect().max.y <= 800.0 - 24.0)
        })
        .count();
    assert_eq!(visible, 8, "eight findings in view under 「確認事項」");
}

/// The page list's label of `page` with its mark.
fn nav(h: &egui_kittest::Harness<'_, App>, page: Page) -> String {
    let label = page.label();
    h.get_all_by_label_contains(label)
        .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
        .find(|l| l.ends_with(label) && l.chars().count() == label.chars().count() + 2)
        .unwrap_or_else(|| panic!("no page button for {label}"))
}

#[test]
fn page_marks_are_a_circle_only_for_a_page_with_content_and_no_finding() {
    let mut h = window(1280.0, 800.0).app(app_of(jsog_renewal::demo::application()));
    h.run();
    for page in [
        Page::Applicant,
        Page::Work,
        Page::Cases,
        Page::Common,
        Page::Summary,
    ] {
        assert!(nav(&h, page).starts_with('○'), "{}", nav(&h, page));
    }

    // A warning on the applicant page (勤務先住所 blank while mail goes there): not ○.
    let mut app = jsog_renewal::demo::application();
    app.applicant.mail_to = jsog_renewal::model::MailTo::Work;
    app.applicant.work.address.address.clear();
    // No workplace rows: 勤務実態 is empty and has its finding.
    app.workplaces.clear();
    let mut h = window(1280.0, 800.0).app(app_of(app));
    h.run();
    let applicant = nav(&h, Page::Applicant);
    assert!(!applicant.starts_with('○'), "{applicant}");
    let work = nav(&h, Page::Work);
    assert!(work.starts_with('△') || work.starts_with('×'), "{work}");

    // A new application: nothing entered, no ○ on the record pages.
    let mut h = window(1280.0, 800.0).app(app_of(Application::new(2024)));
    h.run();
    for page in [Page::Work, Page::Activity] {
        assert!(!nav(&h, page).starts_with('○'), "{}", nav(&h, page));
    }
}

#[test]
fn cases_at_a_facility_that_no_workplace_names_are_questioned_on_both_forms_and_one_button_adds_it()
{
    let mut app = jsog_renewal::demo::application();
    for c in app.cases.iter_mut().take(25) {
        c.facility = "さくら市立病院".into();
    }
    let r = evaluate(&app, &for_year(2024));
    let on_case = r
        .findings
        .iter()
        .find(|f| {
            matches!(
                f.path,
                jsog_renewal::rules::FieldPath::Case(_, jsog_renewal::model::CaseField::Facility)
            )
        })
        .expect("a finding on the case");
    assert!(
        on_case
            .message
            .contains("「さくら市立病院」が勤務実態（様式2）にありません"),
        "{}",
        on_case.message
    );
    assert!(on_case.message.contains("ほか24例"), "{}", on_case.message);
    let on_work = r
        .findings
        .iter()
        .find(|f| matches!(f.path, jsog_renewal::rules::FieldPath::Workplace(..)))
        .expect("a finding on 様式2");
    assert!(on_work.message.contains("症例25例"), "{}", on_work.message);
    // The same name typed with a space or with its department is the same facility.
    let mut typed = app.clone();
    typed.workplaces[0].facility = "さくら市立病院　産婦人科".into();
    let r2 = evaluate(&typed, &for_year(2024));
    assert!(
        !r2.findings
            .iter()
            .any(|f| f.message.contains("さくら市立病院"))
    );

    let mut h = window(1280.0, 800.0).app(app_of(app));
    h.run();
    h.state_mut().show_page(Page::Work);
    h.run();
    let before = h.state().application().workplaces.len();
    h.get_by_label_contains("症例の施設「さくら市立病院」を勤務先に加える（症例25例・")
        .click();
    h.run();
    let a = h.state().application();
    assert_eq!(a.workplaces.len(), before + 1);
    let added = a.workplaces.last().expect("added");
    assert_eq!(added.facility, "さくら市立病院");
    let dates: Vec<_> = a.cases.iter().take(25).filter_map(|c| c.date).collect();
    assert_eq!(added.from, dates.iter().min().copied());
    assert_eq!(added.until, dates.iter().max().copied());
    assert!(h.query_by_label_contains("を勤務先に加える").is_none());
}
