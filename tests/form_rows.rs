//! Every value on paper, in its row: each form of the exported bundle is read back from the PDF
//! (cells and lines where MuPDF places them, `common::paper`) and compared row by row, cell by
//! cell, with the application — 様式3 case by case under its facility, 様式4 figure by figure
//! against the evaluation (and hand-counted figures), 様式1 and 様式2 field by field, and the
//! checklist's parts, proofs, fee and deadline. Expected text is formatted here, not by the form
//! code, so a value printed wrong (a day late, a year older, a claimed figure for a counted one,
//! a blank cell) fails a test.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use jsog_renewal::demo;
use jsog_renewal::model::{
    ActivityItem, Application, ApplicationKind, Case, CommonTopic, Credit, CreditKind, Employment,
    MailTo, Mode, Role, Sex, Workplace,
};
use jsog_renewal::pdf::{self, ExportOptions, Form, labels};
use jsog_renewal::rules::{CategoryCode, Report, RuleSet, evaluate, proof_to_enclose};

use crate::common::paper::{self, Item, PaperPage, squeeze};
use crate::common::{Plan, for_year};

// ---- reading the bundle -------------------------------------------------------------------------

/// The bundle of `app` under `rules`, read back page by page and split by form (the form's name
/// opens each page's header line).
fn bundle(app: &Application, rules: &RuleSet) -> BTreeMap<&'static str, Vec<PaperPage>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = pdf::export_bundle(app, rules, dir.path(), &ExportOptions::default())
        .expect("export succeeds");
    let pages = paper::read(result.files.first().expect("the bundle"));
    assert_eq!(pages.len(), result.pages, "every page read back");
    let mut forms: BTreeMap<&'static str, Vec<PaperPage>> = BTreeMap::new();
    for page in pages {
        let header = page.lines().next().unwrap_or_default().to_string();
        let form = Form::ALL
            .into_iter()
            .find(|f| header.starts_with(&format!("{} ", f.label())))
            .unwrap_or_else(|| panic!("a page whose header names no form: {header}"));
        forms.entry(form.label()).or_default().push(page);
    }
    forms
}

fn pages_of<'a>(forms: &'a BTreeMap<&'static str, Vec<PaperPage>>, form: Form) -> &'a [PaperPage] {
    forms
        .get(form.label())
        .unwrap_or_else(|| panic!("{} missing from the bundle", form.label()))
}

/// A cell as printed equals `expected`: exactly when on one line, else with the line breaks (and
/// the spaces a wrap may drop) left out.
fn cell_is(cell: &str, expected: &str) -> bool {
    if cell.contains('\n') {
        squeeze(cell) == squeeze(expected)
    } else {
        cell == expected.trim()
    }
}

fn assert_row(what: &str, row: &[String], expected: &[String]) {
    assert_eq!(
        row.len(),
        expected.len(),
        "{what}: {row:?} against {expected:?}"
    );
    for (i, (cell, want)) in row.iter().zip(expected).enumerate() {
        assert!(
            cell_is(cell, want),
            "{what}, column {}: printed 「{cell}」, expected 「{want}」",
            i + 1
        );
    }
}

fn is_head(row: &[String], titles: &[&str]) -> bool {
    row.len() == titles.len()
        && row
            .iter()
            .zip(titles)
            .all(|(c, t)| squeeze(c) == squeeze(t))
}

// ---- values as the forms print them, formatted here ------------------------------------------

fn slash(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}

fn kanji(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn sex(s: Option<Sex>) -> String {
    match s {
        Some(Sex::Female) => "女".into(),
        Some(Sex::Male) => "男".into(),
        None => String::new(),
    }
}

// ---- 様式3 --------------------------------------------------------------------------------------

/// What 様式3 shows, in order: each facility's heading, its case rows, and the facility its
/// certification block names; then the totals line.
#[derive(Debug, PartialEq)]
enum Form3 {
    Heading(String),
    Case(Vec<String>),
    Certifies(String),
    Totals(String),
}

/// 様式3 read back: every table segment opens with the column heads, a heading repeated on a
/// continuation page is read once.
fn read_form3(pages: &[PaperPage]) -> Vec<Form3> {
    let mut out = Vec::new();
    let mut head_seen = false;
    for page in pages {
        for item in &page.items {
            match item {
                Item::Text(t) if t.starts_with("診療施設") => {
                    let h = Form3::Heading(squeeze(t));
                    let repeated = out.iter().rev().find(|e| matches!(e, Form3::Heading(_)));
                    if repeated != Some(&h) || matches!(out.last(), Some(Form3::Certifies(_))) {
                        out.push(h);
                    }
                    head_seen = false;
                }
                Item::Text(t) if t.contains("症例数") => out.push(Form3::Totals(squeeze(t))),
                Item::Row(r) if is_head(r, &labels::FORM3_COLUMNS) => head_seen = true,
                Item::Row(r) if r.len() == 9 => {
                    assert!(head_seen, "case row without column heads above it: {r:?}");
                    out.push(Form3::Case(r.clone()));
                }
                Item::Row(r) if r.len() == 2 && squeeze(&r[0]) == labels::CERT_FACILITY => {
                    out.push(Form3::Certifies(r[1].clone()));
                }
                _ => {}
            }
        }
    }
    out
}

fn case_row(no: usize, c: &Case) -> Vec<String> {
    vec![
        no.to_string(),
        slash(c.date),
        c.age.map(|a| a.to_string()).unwrap_or_default(),
        sex(c.sex),
        c.diagnosis.trim().to_string(),
        c.treatment.trim().to_string(),
        c.outcome.trim().to_string(),
        c.facility.trim().to_string(),
        c.role.trim().to_string(),
    ]
}

/// Checks 様式3 of `app` row by row: facilities in the order they first appear, each case under
/// its own facility numbered on, every cell of the case in its column.
fn check_form3(app: &Application, rules: &RuleSet, pages: &[PaperPage]) {
    let printed = read_form3(pages);
    let mut facilities: Vec<String> = Vec::new();
    for c in &app.cases {
        let f = c.facility.trim().to_string();
        if !facilities.contains(&f) {
            facilities.push(f);
        }
    }
    let mut expected_heads = Vec::new();
    let mut no = 0;
    let mut printed_iter = printed.iter();
    for facility in &facilities {
        let cases: Vec<&Case> = app
            .cases
            .iter()
            .filter(|c| c.facility.trim() == facility)
            .collect();
        let name = if facility.is_empty() {
            labels::NO_FACILITY.to_string()
        } else {
            facility.clone()
        };
        let heading = squeeze(&labels::facility_heading(&name, no + 1, no + cases.len()));
        expected_heads.push(heading.clone());
        assert_eq!(
            printed_iter.next(),
            Some(&Form3::Heading(heading)),
            "facility {name}"
        );
        for c in cases {
            no += 1;
            match printed_iter.next() {
                Some(Form3::Case(row)) => {
                    assert_row(&format!("様式3 No. {no}"), row, &case_row(no, c));
                }
                other => panic!("様式3 No. {no}: expected its row, found {other:?}"),
            }
        }
        match printed_iter.next() {
            Some(Form3::Certifies(f)) => assert!(cell_is(f, &name), "{f} certifies {name}"),
            other => panic!("{name}: expected its certification, found {other:?}"),
        }
    }
    let per_unit = rules.clinical.cases_per_unit as usize;
    let units = (app.cases.len() / per_unit) as u32;
    let units = rules.clinical.limits.max.map_or(units, |m| units.min(m));
    let totals = format!("症例数合計{}例申請単位数{units}単位", app.cases.len());
    assert_eq!(printed_iter.next(), Some(&Form3::Totals(totals)));
    assert_eq!(printed_iter.next(), None, "nothing after the totals");
}

// ---- 様式4 --------------------------------------------------------------------------------------

fn category_of(kind: CreditKind) -> CategoryCode {
    match kind {
        CreditKind::Common(_) => CategoryCode::Common,
        CreditKind::Domain => CategoryCode::Domain,
        CreditKind::Activity(_) => CategoryCode::Activity,
        CreditKind::SelfStudy => CategoryCode::Clinical,
    }
}

/// The tables of a form read back: each table's body rows under its column heads (`heads`),
/// continued across pages.
fn table_rows(pages: &[PaperPage], heads: &[&str]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut inside = false;
    for page in pages {
        for item in &page.items {
            match item {
                Item::Row(r) if is_head(r, heads) => inside = true,
                Item::Row(r) if inside && r.len() == heads.len() => out.push(r.clone()),
                Item::Row(_) | Item::Text(_) => inside = false,
            }
        }
    }
    out
}

/// Checks 様式4's every figure against `report`, the evaluation of `app`: per category, per
/// topic of ii, per item of iv, the totals, the verdict and the list of every credit.
fn check_form4(app: &Application, report: &Report, pages: &[PaperPage]) {
    let mark = |ok: bool| if ok { labels::OK } else { labels::NOT_OK }.to_string();
    // Valid units of each category before caps, on the portal and by enclosed proof.
    let split = |code: CategoryCode| {
        let (mut portal, mut proof) = (0u32, 0u32);
        for (i, c) in app.credits.iter().enumerate() {
            if report.credit_counted[i] && category_of(c.kind) == code {
                let u = report.credit_units[i];
                if c.on_portal {
                    portal = portal.saturating_add(u);
                } else {
                    proof = proof.saturating_add(u);
                }
            }
        }
        (portal, proof)
    };
    let mut expected = Vec::new();
    let (mut portal_sum, mut proof_sum, mut claimed_sum) = (0u32, 0u32, 0u32);
    for c in &report.categories {
        let exempt = c.code == CategoryCode::Clinical && report.exempt_from_clinical;
        let (portal, proof) = if c.code == CategoryCode::Clinical {
            ("—".to_string(), "—".to_string())
        } else {
            let (p, q) = split(c.code);
            portal_sum = portal_sum.saturating_add(p);
            proof_sum = proof_sum.saturating_add(q);
            (p.to_string(), q.to_string())
        };
        claimed_sum = claimed_sum.saturating_add(c.claimed);
        expected.push(vec![
            c.code.roman().to_string(),
            c.code.label().to_string(),
            c.claimed.to_string(),
            if exempt {
                labels::NOT_REQUIRED.into()
            } else {
                c.min.to_string()
            },
            c.max.map_or(labels::NO_MAX.into(), |m| m.to_string()),
            c.counted.to_string(),
            portal,
            proof,
            if exempt {
                labels::NOT_REQUIRED.into()
            } else {
                mark(c.ok)
            },
        ]);
    }
    expected.push(vec![
        String::new(),
        labels::TOTAL.into(),
        claimed_sum.to_string(),
        String::new(),
        String::new(),
        report.total_counted.to_string(),
        portal_sum.to_string(),
        proof_sum.to_string(),
        mark(report.total_counted >= report.total_required),
    ]);
    let printed = table_rows(pages, &labels::FORM4_COLUMNS);
    assert_eq!(printed.len(), expected.len(), "様式4 category rows");
    for (row, want) in printed.iter().zip(&expected) {
        assert_row(&format!("様式4 {}", want[1]), row, want);
    }

    let text: String = pages.iter().flat_map(|p| p.lines()).collect();
    let total_line = format!(
        "算定単位合計{}/{}単位",
        report.total_counted, report.total_required
    );
    assert!(squeeze(&text).contains(&total_line), "{total_line}");

    let printed = table_rows(pages, &labels::FORM4_COMMON_COLUMNS);
    assert_eq!(printed.len(), report.common_topics.len(), "ii topic rows");
    for (row, t) in printed.iter().zip(&report.common_topics) {
        assert!(
            squeeze(&row[1]).starts_with(t.topic.label()),
            "{row:?} is not {:?}",
            t.topic
        );
        let want = [
            t.claimed,
            t.counted,
            t.counted_lecturing,
            t.counted_on_portal,
        ]
        .map(|n| n.to_string());
        assert_row(&format!("様式4 ii {}", t.topic.label()), &row[2..], &want);
        assert_eq!(row[0], t.topic.group().label());
    }

    let printed = table_rows(pages, &labels::FORM4_ACTIVITY_COLUMNS);
    assert_eq!(printed.len(), report.activity_items.len(), "iv item rows");
    for (row, t) in printed.iter().zip(&report.activity_items) {
        let want = vec![
            format!("({}) {}", t.item.number(), t.item.label()),
            t.claimed.to_string(),
            t.cap.map_or("—".into(), |c| c.to_string()),
            t.counted.to_string(),
        ];
        assert_row(&format!("様式4 iv ({})", t.item.number()), row, &want);
    }

    // The committee judges: 様式4 holds no verdict of the program's (it is on the checklist).
    assert!(
        !squeeze(&text).contains("判定:"),
        "様式4 prints a verdict: {text}"
    );

    let printed = table_rows(pages, &labels::FORM4_CREDIT_COLUMNS);
    assert_eq!(printed.len(), app.credits.len(), "one annex row per credit");
    for (i, (row, c)) in printed.iter().zip(&app.credits).enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert!(cell_is(&row[2], &slash(c.date)), "credit {i}: {row:?}");
        let title = match (c.title.trim(), c.organiser.trim()) {
            (t, "") => t.to_string(),
            ("", o) => o.to_string(),
            (t, o) => format!("{t}／{o}"),
        };
        assert!(cell_is(&row[3], &title), "credit {i}: {row:?}");
        assert_eq!(row[5], report.credit_units[i].to_string(), "credit {i}");
        let portal = if c.on_portal { labels::ON_PORTAL } else { "" };
        assert_eq!(row[6], portal, "credit {i}");
        assert_eq!(
            squeeze(&row[7]).starts_with(labels::NOT_COUNTED),
            !report.credit_counted[i],
            "credit {i}: {row:?}"
        );
        assert!(squeeze(&row[7]).contains(&squeeze(&c.note)), "credit {i}");
    }
}

// ---- 様式1 and 様式2 ------------------------------------------------------------------------------

/// The label-and-value rows of a form, label squeezed → value as printed.
fn fields(pages: &[PaperPage]) -> BTreeMap<String, String> {
    pages
        .iter()
        .flat_map(|p| p.rows())
        .filter(|r| r.len() == 2)
        .map(|r| (squeeze(&r[0]), r[1].clone()))
        .collect()
}

fn choice(options: &[&str], chosen: usize) -> String {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}{o}", if i == chosen { "●" } else { "○" }))
        .collect()
}

fn check_form1(app: &Application, rules: &RuleSet, report: &Report, pages: &[PaperPage]) {
    let a = &app.applicant;
    let date = |d: Option<NaiveDate>| d.map(kanji).unwrap_or_default();
    // Nothing where nothing was entered: no lone 〒.
    let postal = |code: &str| {
        if code.trim().is_empty() {
            String::new()
        } else {
            format!("〒{}", code.trim())
        }
    };
    // The year's kinds only.
    let offered: Vec<ApplicationKind> = ApplicationKind::ALL
        .into_iter()
        .filter(|k| rules.offers_kind(*k))
        .collect();
    let kinds: Vec<&str> = offered.iter().map(|k| k.label()).collect();
    let kind = offered
        .iter()
        .position(|k| *k == app.kind)
        .expect("a kind of the year");
    let expected: [(&str, String); 20] = [
        (labels::FURIGANA, a.furigana.clone()),
        (labels::NAME_SIGNED, format!("{}{}", a.name, labels::SEAL)),
        (labels::BIRTH_DATE, date(a.birth_date)),
        (labels::SEX, sex(a.sex)),
        (labels::MEMBER_NUMBER, a.member_number.clone()),
        (labels::SPECIALIST_NUMBER, a.specialist_number.clone()),
        (
            labels::CERTIFIED_PERIOD,
            format!("{}～{}", date(a.certified_from), date(a.certified_until)),
        ),
        (
            labels::MEDICAL_REGISTRATION,
            a.medical_registration_number.clone(),
        ),
        (
            labels::MEDICAL_REGISTRATION_DATE,
            date(a.medical_registration_date),
        ),
        (labels::REGIONAL_SOCIETY, a.regional_society.clone()),
        (labels::WORK_FACILITY, a.work.facility.clone()),
        (labels::DEPARTMENT, a.work.department.clone()),
        (
            labels::WORK_ADDRESS,
            format!(
                "{}{}",
                postal(&a.work.address.postal_code),
                a.work.address.address
            ),
        ),
        (labels::WORK_PHONE, a.work.address.phone.clone()),
        (
            labels::HOME_ADDRESS,
            format!("{}{}", postal(&a.home.postal_code), a.home.address),
        ),
        (labels::HOME_PHONE, a.home.phone.clone()),
        (labels::EMAIL, a.email.clone()),
        (
            labels::MAIL_TO,
            choice(&["勤務先", "自宅"], usize::from(a.mail_to == MailTo::Home)),
        ),
        (labels::KIND, choice(&kinds, kind)),
        (
            labels::EXEMPTION,
            choice(
                &["該当", "非該当"],
                usize::from(!report.exempt_from_clinical),
            ),
        ),
    ];
    let printed = fields(pages);
    for (label, want) in &expected {
        let got = printed
            .get(&squeeze(label))
            .unwrap_or_else(|| panic!("様式1: no row 「{label}」"));
        assert_eq!(squeeze(got), squeeze(want), "様式1 「{label}」");
    }
    let times = printed
        .get(&squeeze(labels::CONSECUTIVE))
        .expect("様式1: consecutive renewals");
    assert_eq!(times, &format!("{}回", app.consecutive_renewals));
    let text: String = pages.iter().flat_map(|p| p.lines()).collect();
    let applied = app.application_date.map_or("年月日".to_string(), kanji);
    assert!(
        squeeze(&text).contains(&format!("申請日{applied}")),
        "様式1: the application date {applied}"
    );
}

fn per_week(days: Option<f32>, hours: Option<f32>) -> String {
    let n = |v: f32| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    match (days, hours) {
        (Some(d), Some(h)) => format!("週{}日（{}時間）", n(d), n(h)),
        (Some(d), None) => format!("週{}日", n(d)),
        (None, Some(h)) => format!("週{}時間", n(h)),
        (None, None) => String::new(),
    }
}

fn check_form2(app: &Application, pages: &[PaperPage]) {
    let a = &app.applicant;
    let printed = fields(pages);
    assert_eq!(
        printed.get(labels::NAME).map(String::as_str),
        Some(a.name.trim()),
        "様式2 氏名"
    );
    assert_eq!(
        printed.get(labels::SPECIALIST_NUMBER).map(String::as_str),
        Some(a.specialist_number.trim()),
        "様式2 専門医番号"
    );
    let ym = |d: NaiveDate| format!("{}年{}月", d.year(), d.month());
    let rows = table_rows(pages, &labels::FORM2_COLUMNS);
    if app.workplaces.is_empty() {
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0][0], labels::NO_WORKPLACE);
        assert!(rows[0][1..].iter().all(String::is_empty), "{rows:?}");
        return;
    }
    assert_eq!(rows.len(), app.workplaces.len(), "one row per workplace");
    for (i, (row, w)) in rows.iter().zip(&app.workplaces).enumerate() {
        let period = format!(
            "{}～{}",
            w.from.map(ym).unwrap_or_default(),
            w.until.map_or("現在".to_string(), ym)
        );
        let want = vec![
            w.facility.trim().to_string(),
            w.location.trim().to_string(),
            w.department.trim().to_string(),
            period,
            match w.employment {
                Employment::FullTime => "常勤".into(),
                Employment::PartTime => "非常勤".into(),
            },
            per_week(w.days_per_week, w.hours_per_week),
        ];
        assert_row(&format!("様式2 row {}", i + 1), row, &want);
    }
}

// ---- the checklist ------------------------------------------------------------------------------

fn check_checklist(app: &Application, rules: &RuleSet, report: &Report, pages: &[PaperPage]) {
    let a = &app.applicant;
    let proofs: Vec<(&Credit, &str)> = app
        .credits
        .iter()
        .filter_map(|c| proof_to_enclose(c, rules).map(|p| (c, p)))
        .collect();
    // The seven parts, each with its tick and note.
    let clinical = if report.exempt_from_clinical {
        (true, labels::PART_NOT_NEEDED.to_string())
    } else {
        (
            report.category(CategoryCode::Clinical).ok,
            labels::PART_PRINTED.to_string(),
        )
    };
    let enclosed = if proofs.is_empty() {
        (true, labels::PART_NOT_NEEDED.to_string())
    } else {
        (
            proofs.iter().all(|(c, _)| c.proof_enclosed),
            format!("下表の{}点", proofs.len()),
        )
    };
    let parts = [
        (
            !a.name.trim().is_empty()
                && !a.specialist_number.trim().is_empty()
                && !a.member_number.trim().is_empty(),
            labels::PART_PRINTED.to_string(),
        ),
        (!app.workplaces.is_empty(), labels::PART_PRINTED.to_string()),
        clinical,
        (true, labels::PART_PRINTED.to_string()),
        (false, labels::PART_BY_HAND.to_string()),
        enclosed,
        (true, labels::PART_DONE.to_string()),
    ];
    let lines: Vec<String> = pages.iter().flat_map(|p| p.lines()).map(squeeze).collect();
    for (text, (ticked, note)) in labels::PARTS.iter().zip(&parts) {
        let want = format!(
            "{}{}{}",
            if *ticked { '☑' } else { '☐' },
            squeeze(text),
            squeeze(note)
        );
        assert!(
            lines.contains(&want),
            "checklist part 「{want}」 not printed as such: {lines:?}"
        );
    }
    // One row per proof to enclose, ticked when it is enclosed.
    let rows = table_rows(pages, &labels::PROOF_COLUMNS);
    assert_eq!(rows.len(), proofs.len(), "one row per proof to enclose");
    for (i, (row, (c, proof))) in rows.iter().zip(&proofs).enumerate() {
        assert_eq!(
            row[0],
            if c.proof_enclosed { "☑" } else { "☐" },
            "proof row {}",
            i + 1
        );
        assert!(
            cell_is(&row[2], &slash(c.date)),
            "proof row {}: {row:?}",
            i + 1
        );
        assert!(
            squeeze(&row[3]).starts_with(&squeeze(&c.title)),
            "proof row {}: {row:?}",
            i + 1
        );
        assert!(cell_is(&row[4], proof), "proof row {}: {row:?}", i + 1);
    }
    // The program's verdict is on the checklist, with the reasons when it does not pass.
    let text: String = lines.concat();
    if report.passes {
        assert!(squeeze(&text).contains(&squeeze(labels::PASSES)));
    } else {
        assert!(squeeze(&text).contains(&squeeze(labels::FAILS)));
        for e in report.errors() {
            assert!(
                squeeze(&text).contains(&squeeze(&e.message)),
                "{}",
                e.message
            );
        }
    }
    // The fee and the deadline of the rule set.
    let fee = format!("審査料{}円", thousands(rules.fees.review));
    assert!(text.contains(&fee), "checklist: {fee}");
    let deadline = format!("{}必着", kanji(rules.application_window.end));
    assert!(text.contains(&deadline), "checklist: {deadline}");
}

/// Every form of `app`'s bundle, row by row.
fn check_bundle(app: &Application, rules: &RuleSet) {
    let report = evaluate(app, rules);
    let forms = bundle(app, rules);
    check_form1(app, rules, &report, pages_of(&forms, Form::Application));
    check_form2(app, pages_of(&forms, Form::WorkingStatus));
    if report.exempt_from_clinical {
        assert!(!forms.contains_key(Form::ClinicalRecord.label()));
    } else {
        check_form3(app, rules, pages_of(&forms, Form::ClinicalRecord));
    }
    check_form4(app, &report, pages_of(&forms, Form::UnitSummary));
    check_checklist(app, rules, &report, pages_of(&forms, Form::Checklist));
}

// ---- the scenarios ------------------------------------------------------------------------------

#[test]
fn demo_bundle_prints_every_value_in_its_row_of_every_form() {
    check_bundle(&demo::application(), &for_year(2024));
}

/// The demo moved to FY2027: every date three years on, under the FY2027 rules.
pub(crate) fn fy2027_application() -> Application {
    let mut app = demo::application();
    let later = |d: Option<NaiveDate>| d.and_then(|d| d.with_year(d.year() + 3));
    app.fiscal_year = 2027;
    app.application_date = later(app.application_date);
    for c in &mut app.cases {
        c.date = later(c.date);
    }
    for c in &mut app.credits {
        c.date = later(c.date);
    }
    for w in &mut app.workplaces {
        w.from = later(w.from);
        w.until = later(w.until);
    }
    app.applicant.specialist_number = "000001-N-0922".into();
    app
}

#[test]
fn fy2027_bundle_prints_every_value_in_its_row_of_every_form() {
    let app = fy2027_application();
    let rules = for_year(2027);
    assert!(
        evaluate(&app, &rules).cases_valid > 0,
        "cases in the period"
    );
    check_bundle(&app, &rules);
}

#[test]
fn exempt_bundle_marks_category_i_alone_as_exempt_and_leaves_out_form3() {
    // FY2024: three consecutive renewals exempt the applicant from the clinical record
    // (RULES-2024 "Exemption from category i", §5 ※1, §6(2)); 様式4 marks category i's minimum
    // and verdict as exempt, and prints every other category's figures as counted.
    let mut app = demo::application();
    app.consecutive_renewals = 3;
    let rules = for_year(2024);
    let report = evaluate(&app, &rules);
    assert!(
        report.exempt_from_clinical,
        "the demo with three renewals is exempt"
    );
    check_bundle(&app, &rules);
}

#[test]
fn checklist_ticks_form1_only_when_name_and_both_numbers_are_entered() {
    // Each of the three left blank in turn: 様式1's line is not ticked (check_checklist
    // computes the tick here, from the application).
    let rules = for_year(2024);
    for blank in 0..3 {
        let mut app = demo::application();
        let a = &mut app.applicant;
        match blank {
            0 => a.name.clear(),
            1 => a.specialist_number.clear(),
            _ => a.member_number.clear(),
        }
        let report = evaluate(&app, &rules);
        let forms = bundle(&app, &rules);
        check_checklist(&app, &rules, &report, pages_of(&forms, Form::Checklist));
    }
}

#[test]
fn checklist_ticks_each_required_b_topic_attended_and_only_those() {
    // FY2027, certified through the Board's exam in FY2022: 必修B is required, topic by topic
    // (the society's notice of 2023-04-14). One topic attended: ticked with its units, the
    // other four not ticked and 未受講.
    use jsog_renewal::model::CertificationRoute;
    let rules = for_year(2027);
    let mut app = fy2027_application();
    app.applicant.certification_route = Some(CertificationRoute::BoardExam);
    app.applicant.first_certified_year = Some(2022);
    let mut economics = app
        .credits
        .iter()
        .find(|c| matches!(c.kind, CreditKind::Common(_)))
        .cloned()
        .expect("a common lecture");
    economics.kind = CreditKind::Common(CommonTopic::Economics);
    economics.title = "医療経済の講習会".into();
    economics.units = 1;
    app.credits.push(economics);
    let forms = bundle(&app, &rules);
    let lines: Vec<String> = pages_of(&forms, Form::Checklist)
        .iter()
        .flat_map(|p| p.lines())
        .map(squeeze)
        .collect();
    let b = rules.common.required_b.as_ref().expect("必修B");
    for topic in &b.topics {
        let want = if *topic == CommonTopic::Economics {
            format!("☑{}1単位", topic.label())
        } else {
            format!("☐{}未受講", topic.label())
        };
        assert!(lines.contains(&want), "「{want}」 not in {lines:?}");
    }
}

#[test]
fn form3_never_leaves_a_facility_heading_at_the_foot_of_a_page_without_its_first_case() {
    // A second facility's heading falls at every height of the page as the first facility's
    // list grows: wherever it falls, its first case is on the same page (else the heading
    // moves to the next page). As the second list grows, the totals line after it falls at
    // every height too.
    let rules = for_year(2024);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut headings_seen = 0;
    let mut moved_to_next_page = 0;
    let sizes = (10..=40)
        .map(|first| (first, 3))
        .chain((1..=25).map(|second| (10, second)));
    for (first_group, second_group) in sizes {
        let mut app = Plan::passing().build();
        app.cases.truncate(first_group);
        for c in &mut app.cases {
            c.facility = "見本病院".into();
        }
        for _ in 0..second_group {
            let mut c = app.cases[0].clone();
            c.facility = "みほん診療所".into();
            app.cases.push(c);
        }
        let result = pdf::export_forms(&app, &rules, dir.path(), &[Form::ClinicalRecord])
            .expect("export succeeds");
        let file = result.files.first().expect("様式3");
        // The totals after the last facility fall at every height too: never into the foot.
        crate::form_layout::assert_keeps_the_rules(
            &format!("{first_group} + {second_group} cases at two facilities"),
            &paper::geometry(file),
        );
        let pages = paper::read(file);
        for (n, page) in pages.iter().enumerate() {
            let items = &page.items;
            for (i, item) in items.iter().enumerate() {
                let Item::Text(t) = item else { continue };
                if !t.starts_with("診療施設") || !t.contains("みほん診療所") {
                    continue;
                }
                headings_seen += 1;
                if i < 3 {
                    moved_to_next_page += 1;
                }
                let has_case = items[i + 1..]
                    .iter()
                    .any(|it| matches!(it, Item::Row(r) if r.len() == 9 && !is_head(r, &labels::FORM3_COLUMNS)));
                assert!(
                    has_case,
                    "{first_group} + {second_group} cases: the heading 「{t}」 on page {} has no case under it",
                    n + 1
                );
            }
        }
    }
    assert!(headings_seen >= 56, "every list has the heading");
    assert!(
        moved_to_next_page > 0,
        "some heading fell at a page's foot and moved on"
    );
}

#[test]
fn form3_case_rows_are_the_cases_in_order_under_their_own_facility() {
    // Facilities interleaved: the form groups them; blanks print as blanks.
    let mut app = Plan::passing().build();
    let names = ["北病院", "南クリニック", "東医療センター"];
    for (i, c) in app.cases.iter_mut().enumerate() {
        c.facility = names[(i * 7) % 3].into();
        c.diagnosis = format!("診断{i}");
        c.treatment = format!("処置{}", i * 3);
        c.outcome = if i % 5 == 0 {
            String::new()
        } else {
            format!("転帰{i}")
        };
        c.role = if i % 7 == 0 {
            String::new()
        } else {
            format!("医師{i}")
        };
        c.age = Some((20 + i % 60) as u8);
        c.sex = [Some(Sex::Female), Some(Sex::Male), None][i % 3];
        c.date = c.date.map(|d| d + chrono::Days::new(i as u64 * 11));
    }
    app.cases[4].facility = "  北病院 ".into();
    app.cases[9].date = None;
    app.cases[10].age = None;
    check_form3(
        &app,
        &for_year(2024),
        pages_of(&bundle(&app, &for_year(2024)), Form::ClinicalRecord),
    );
}

#[test]
fn form4_prints_hand_counted_figures_where_caps_make_counted_differ_from_claimed() {
    // 120 cases: 12 units claimed, 10 counted (§6 max 10). ii: 4+3+3+5 = 15 claimed, 10 counted
    // (§7 max 10). iii: 29. iv (1): 8 claimed, 6 counted (§9 cap 6). Total 10+10+29+6 = 55.
    let app = Plan {
        cases: 120,
        optional: 5,
        attendance: 8,
        ..Plan::passing()
    }
    .build();
    let rules = for_year(2024);
    let forms = bundle(&app, &rules);
    let rows = table_rows(pages_of(&forms, Form::UnitSummary), &labels::FORM4_COLUMNS);
    let figures: Vec<[&str; 3]> = rows
        .iter()
        .map(|r| [r[2].as_str(), r[5].as_str(), r[8].as_str()])
        .collect();
    // claimed, counted, verdict per category, then the totals.
    assert_eq!(
        figures,
        [
            ["12", "10", "○"],
            ["15", "10", "○"],
            ["29", "29", "○"],
            ["8", "6", "○"],
            ["64", "55", "○"],
        ]
    );
    // Portal and proof columns: every lecture and the attendance are on the portal.
    let split: Vec<[&str; 2]> = rows
        .iter()
        .map(|r| [r[6].as_str(), r[7].as_str()])
        .collect();
    assert_eq!(
        split,
        [
            ["—", "—"],
            ["15", "0"],
            ["29", "0"],
            ["8", "0"],
            ["52", "0"]
        ]
    );
    let items = table_rows(
        pages_of(&forms, Form::UnitSummary),
        &labels::FORM4_ACTIVITY_COLUMNS,
    );
    assert_eq!(items[0][1..], ["8", "6", "6"]);
    check_bundle(&app, &rules);
}

#[test]
fn form4_of_a_failing_application_marks_each_short_category_and_the_total() {
    // 30 cases (3 units, §6 min 5), ii without 医療倫理 (§7 必修A), iii 10 (§8 min 20).
    let mut app = Plan {
        cases: 30,
        ethics: 0,
        domain: 10,
        ..Plan::passing()
    }
    .build();
    app.credits[0].on_portal = false;
    app.credits[0].proof_enclosed = true;
    let rules = for_year(2024);
    let forms = bundle(&app, &rules);
    let rows = table_rows(pages_of(&forms, Form::UnitSummary), &labels::FORM4_COLUMNS);
    let figures: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[2].as_str(), r[5].as_str(), r[7].as_str(), r[8].as_str()])
        .collect();
    assert_eq!(
        figures,
        [
            ["3", "3", "—", "×"],
            ["7", "7", "4", "×"],
            ["10", "10", "0", "×"],
            ["6", "6", "0", "○"],
            ["26", "26", "4", "×"],
        ]
    );
    check_bundle(&app, &rules);
}

// ---- generated applications ----------------------------------------------------------------------

const FACILITIES: [&str; 4] = ["北病院", "南クリニック", "東医療センター", "西産婦人科医院"];

/// A case's day after the period's start (some before it), age, sex, facility and shape (a
/// blank date, age, 転帰 or 担当医, or a diagnosis long enough to wrap).
fn arb_case() -> impl Strategy<Value = (u16, u8, Option<Sex>, usize, u8)> {
    (
        0u16..1900,
        0u8..=121,
        prop_oneof![Just(Some(Sex::Female)), Just(Some(Sex::Male)), Just(None)],
        0usize..4,
        0u8..8,
    )
}

/// An application whose every row holds values of its own (numbered text, dates and ages that
/// differ row by row), some long enough to wrap, some blank.
fn generated(
    year: u16,
    cases: Vec<(u16, u8, Option<Sex>, usize, u8)>,
    credits: Vec<(u8, u32, bool, bool, u16)>,
) -> Application {
    let rules = for_year(year);
    let start = rules.activity_period.start - chrono::Days::new(60);
    let mut app = Plan::passing().build();
    app.fiscal_year = year;
    app.cases = cases
        .into_iter()
        .enumerate()
        .map(|(i, (day, age, sex, facility, shape))| Case {
            unread: Default::default(),
            date: (shape != 1).then(|| start + chrono::Days::new(u64::from(day))),
            age: (shape != 2).then_some(age),
            sex,
            diagnosis: if shape == 3 {
                format!("診断{i}：子宮頸部上皮内腫瘍（CIN3）に対し円錐切除術後の経過観察")
            } else {
                format!("診断{i}")
            },
            treatment: format!("処置{i}"),
            outcome: if shape == 4 {
                String::new()
            } else {
                format!("転帰{i}")
            },
            facility: FACILITIES[facility].to_string(),
            role: if shape == 5 {
                String::new()
            } else {
                format!("医師{i} 指導{i}")
            },
        })
        .collect();
    let kinds = [
        CreditKind::Common(CommonTopic::Safety),
        CreditKind::Common(CommonTopic::Ethics),
        CreditKind::Common(CommonTopic::InfectionControl),
        CreditKind::Common(CommonTopic::Optional),
        CreditKind::Domain,
        CreditKind::Activity(ActivityItem::MeetingAttendance),
        CreditKind::Activity(ActivityItem::Paper),
        CreditKind::Activity(ActivityItem::HealthActivity),
    ];
    app.credits = credits
        .into_iter()
        .enumerate()
        .map(|(i, (kind, units, on_portal, proof, day))| Credit {
            unread: Default::default(),
            kind: kinds[usize::from(kind) % kinds.len()],
            date: Some(start + chrono::Days::new(u64::from(day))),
            title: format!("講習{i}"),
            organiser: format!("学会{i}"),
            mode: if day % 5 == 0 {
                Mode::Lectured {
                    minutes: u32::from(day % 90),
                }
            } else {
                Mode::Attended
            },
            units,
            role: [Role::First, Role::Second, Role::Other][usize::from(day % 3)],
            on_portal,
            proof_enclosed: proof,
            note: if i % 4 == 0 {
                format!("備考{i}")
            } else {
                String::new()
            },
        })
        .collect();
    app.workplaces = vec![
        Workplace {
            unread: Default::default(),
            facility: "北病院".into(),
            location: "見本県見本市".into(),
            department: "産婦人科".into(),
            from: Some(start),
            until: None,
            employment: Employment::FullTime,
            days_per_week: Some(4.5),
            hours_per_week: Some(36.0),
            regional: false,
        },
        Workplace {
            unread: Default::default(),
            facility: "南クリニック".into(),
            location: "見本県南町".into(),
            department: "婦人科".into(),
            from: Some(start),
            until: Some(start + chrono::Days::new(400)),
            employment: Employment::PartTime,
            days_per_week: Some(1.0),
            hours_per_week: None,
            regional: true,
        },
    ];
    app
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Generated applications, FY2024 and FY2027: every form row by row.
    #[test]
    fn generated_bundles_print_every_value_in_its_row(
        year in prop_oneof![Just(2024u16), Just(2027u16)],
        cases in prop::collection::vec(arb_case(), 0..45),
        credits in prop::collection::vec(
            (0u8..8, 0u32..12, any::<bool>(), any::<bool>(), 0u16..1900),
            0..14,
        ),
    ) {
        let app = generated(year, cases, credits);
        check_bundle(&app, &for_year(year));
    }
}

// ---- paper as it will be posted -------------------------------------------------------------

/// The pages of `app`'s bundle exported with `options`, read back, and whether it was marked.
fn exported_pages(app: &Application, options: &ExportOptions) -> (Vec<PaperPage>, bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = for_year(app.fiscal_year);
    let result = pdf::export_bundle(app, &rules, dir.path(), options).expect("exports");
    let pages = paper::read(result.files.first().expect("the bundle"));
    (pages, result.draft)
}

#[test]
fn a_failing_bundle_is_marked_draft_on_every_page_unless_it_is_to_be_posted_as_it_is() {
    let mut failing = demo::application();
    failing.cases.truncate(12);
    failing.credits.truncate(3);
    let (pages, draft) = exported_pages(&failing, &ExportOptions::default());
    assert!(draft);
    assert!(pages.len() > 5, "a whole bundle: {} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.marks.contains(labels::DRAFT_MARK),
            "page {} is not marked: 「{}」",
            i + 1,
            page.marks
        );
    }
    // Confirmed as it is: no mark anywhere.
    let as_is = ExportOptions {
        post_as_is: true,
        ..ExportOptions::default()
    };
    let (pages, draft) = exported_pages(&failing, &as_is);
    assert!(!draft);
    assert!(pages.iter().all(|p| p.marks.is_empty()));
    // A passing bundle is never marked.
    let (pages, draft) = exported_pages(&demo::application(), &ExportOptions::default());
    assert!(!draft);
    assert!(pages.iter().all(|p| p.marks.is_empty()));
}

#[test]
fn form4_s_signature_is_on_the_page_of_the_table_it_signs() {
    let mut failing = demo::application();
    failing.credits.truncate(3);
    for app in [
        demo::application(),
        failing,
        Plan::passing().build(),
        crate::common::passing_in(2027, 2022),
    ] {
        let rules = for_year(app.fiscal_year);
        let forms = bundle(&app, &rules);
        let pages = pages_of(&forms, Form::UnitSummary);
        let signed = pages
            .iter()
            .position(|p| p.lines().any(|l| squeeze(l).contains("申請者氏名（自署）")))
            .expect("様式4 is signed");
        let page = &pages[signed];
        let last_item = format!("(10) {}", ActivityItem::AccidentInvestigation.label());
        assert!(
            page.rows()
                .any(|r| r.first().is_some_and(|c| squeeze(c) == squeeze(&last_item))),
            "FY{}: the signature's page {} holds no row of the table it signs",
            app.fiscal_year,
            signed + 1
        );
        assert!(
            page.lines()
                .any(|l| squeeze(l).contains(&squeeze(labels::FORM4_STATEMENT))),
            "the statement is with its signature"
        );
    }
}

#[test]
fn form1_prints_nothing_where_nothing_was_entered_and_only_the_year_s_kinds() {
    let mut app = demo::application();
    app.applicant.home.postal_code.clear();
    app.applicant.home.address.clear();
    let forms = bundle(&app, &for_year(2024));
    let printed = fields(pages_of(&forms, Form::Application));
    assert_eq!(
        printed
            .get(&squeeze(labels::HOME_ADDRESS))
            .map(String::as_str),
        Some(""),
        "a blank address prints nothing, not a lone 〒"
    );
    let text = |forms: &BTreeMap<&'static str, Vec<PaperPage>>| -> String {
        pages_of(forms, Form::Application)
            .iter()
            .flat_map(|p| p.rows().flatten().cloned().collect::<Vec<_>>())
            .collect()
    };
    let later = crate::common::passing_in(2027, 2022);
    let rules = for_year(2027);
    assert!(!rules.offers_kind(ApplicationKind::AfterRecertification));
    let fy2027 = text(&bundle(&later, &rules));
    assert!(
        !fy2027.contains(ApplicationKind::AfterRecertification.label()),
        "{fy2027}"
    );
    assert!(fy2027.contains(ApplicationKind::WithRecertification.label()));
    if for_year(2024).offers_kind(ApplicationKind::AfterRecertification) {
        assert!(text(&forms).contains(ApplicationKind::AfterRecertification.label()));
    }
}

#[test]
fn form2_never_splits_a_number_from_its_unit() {
    let mut app = demo::application();
    for (i, w) in app.workplaces.iter_mut().enumerate() {
        w.days_per_week = Some(5.0);
        w.hours_per_week = Some(40.0 + i as f32);
    }
    let forms = bundle(&app, &for_year(2024));
    let units = ["時間", "日", "間"];
    let mut seen = 0;
    for row in pages_of(&forms, Form::WorkingStatus)
        .iter()
        .flat_map(|p| p.rows())
    {
        for cell in row {
            let lines: Vec<&str> = cell.lines().collect();
            seen += usize::from(cell.contains("時間"));
            for pair in lines.windows(2) {
                let ends_in_digit = pair[0].ends_with(|c: char| c.is_ascii_digit());
                assert!(
                    !((ends_in_digit && units.iter().any(|u| pair[1].starts_with(u)))
                        || (pair[0].ends_with('時') && pair[1].starts_with('間'))),
                    "a number split from its unit: {cell:?}"
                );
            }
        }
    }
    assert!(seen > 0, "様式2 printed the hours");
}
