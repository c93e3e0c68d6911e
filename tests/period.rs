//! Cases dated outside the activity period: 様式3 would print them though they never count, so
//! the pre-flight names them and an export may leave them out (the file itself unchanged).

use std::path::Path;
use std::process::Command;

use crate::common::{Plan, date};
use jsog_renewal::model::{Application, CaseField};
use jsog_renewal::pdf;
use jsog_renewal::rules::{FieldPath, RuleSet, Severity};

/// An FY2027 application of 50 cases in the period and two before it, with diagnoses of their
/// own so that the printed form tells them apart.
fn with_two_early_cases() -> Application {
    let mut app = Plan::passing().build();
    app.fiscal_year = 2027;
    app.applicant.specialist_number = "000001-N-2222".into();
    for c in &mut app.cases {
        c.date = Some(date(2025, 6, 1));
    }
    for c in &mut app.credits {
        c.date = Some(date(2025, 6, 1));
    }
    for (day, diagnosis) in [
        (date(2021, 4, 2), "期間前甲症"),
        (date(2022, 4, 30), "期間前乙症"),
    ] {
        let mut c = app.cases[0].clone();
        c.date = Some(day);
        c.diagnosis = diagnosis.into();
        app.cases.insert(0, c);
    }
    app
}

#[test]
fn preflight_names_the_cases_outside_the_period_as_a_warning() {
    let app = with_two_early_cases();
    let rules = RuleSet::for_year(2027).expect("rules");
    assert_eq!(pdf::cases_outside_period(&app, &rules), vec![0, 1]);
    let f = pdf::preflight(&app, &rules)
        .into_iter()
        .find(|f| f.message.contains("活動期間"))
        .expect("named before export");
    assert_eq!(f.severity, Severity::Warning, "a choice, not a blocker");
    assert_eq!(f.path, FieldPath::Case(0, CaseField::Date));
    assert!(
        f.message.contains("2例") && f.message.contains("症例1・2"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("2022年5月1日～2027年4月30日"),
        "{}",
        f.message
    );
    let printed = pdf::without_cases_outside_period(&app, &rules);
    assert_eq!(printed.cases.len(), 50);
    assert!(pdf::cases_outside_period(&printed, &rules).is_empty());
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn export_can_leave_them_out_of_form_3_and_the_file_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.ron");
    jsog_renewal::store::save(&with_two_early_cases(), &file).expect("save");
    let before = std::fs::read(&file).expect("read");
    let export = |extra: &[&str], out: &str| {
        let o = crate::common::bin()
            .args(["export", "a.ron", "--out", out, "--form", "3"])
            .args(extra)
            .current_dir(dir.path())
            .env("JSOG_RENEWAL_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let pdf = std::fs::read_dir(dir.path().join(out))
            .expect("folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"))
            .expect("a pdf");
        (
            pdftotext(&pdf),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (with, warned) = export(&[], "all");
    assert!(with.contains("期間前甲症") && with.contains("期間前乙症"));
    assert!(warned.contains("活動期間"), "{warned}");
    let (without, _) = export(&["--omit-outside-period"], "period");
    assert!(!without.contains("期間前甲症") && !without.contains("期間前乙症"));
    assert!(
        without.contains("子宮"),
        "the other cases are printed: {without}"
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the file is unchanged"
    );
}
