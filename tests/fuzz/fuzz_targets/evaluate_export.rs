//! Structure-aware: applications built from the fuzzer's bytes (any dates, units, minutes, NaN
//! days, long text) evaluate and export to PDF without a panic, and pass exactly when there is
//! no error finding. The same property runs, with few cases, in `tests/hostile_props.rs`.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

use jsog_renewal::model::{
    ActivityItem, Application, ApplicationKind, Case, CommonTopic, Credit, CreditKind, Mode, Role,
    Sex, Workplace,
};
use jsog_renewal::rules::{RuleSet, Severity, evaluate};

fn date(u: &mut Unstructured) -> Result<Option<chrono::NaiveDate>> {
    if u.ratio(1, 8)? {
        return Ok(None);
    }
    let base = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    let days: u16 = u.arbitrary()?;
    Ok(base.checked_add_days(chrono::Days::new(u64::from(days) % 4000)))
}

fn text(u: &mut Unstructured) -> Result<String> {
    let s: String = u.arbitrary()?;
    Ok(s.chars().take(300).collect())
}

fn case(u: &mut Unstructured) -> Result<Case> {
    Ok(Case {
        date: date(u)?,
        age: u.arbitrary()?,
        sex: if u.arbitrary()? { Some(*u.choose(&Sex::ALL)?) } else { None },
        diagnosis: text(u)?,
        treatment: text(u)?,
        outcome: text(u)?,
        facility: text(u)?,
        role: text(u)?,
    })
}

fn credit(u: &mut Unstructured) -> Result<Credit> {
    let kind = match u.int_in_range(0..=2)? {
        0 => CreditKind::Common(*u.choose(&CommonTopic::ALL)?),
        1 => CreditKind::Domain,
        _ => CreditKind::Activity(*u.choose(&ActivityItem::ALL)?),
    };
    let mode = match u.int_in_range(0..=2)? {
        0 => Mode::Attended,
        1 => Mode::ELearning,
        _ => Mode::Lectured {
            minutes: u.arbitrary()?,
        },
    };
    Ok(Credit {
        kind,
        date: date(u)?,
        title: text(u)?,
        mode,
        units: u.arbitrary()?,
        role: *u.choose(&[Role::First, Role::Second, Role::Other])?,
        on_portal: u.arbitrary()?,
        proof_enclosed: u.arbitrary()?,
        ..Credit::default()
    })
}

fn application(u: &mut Unstructured) -> Result<Application> {
    let mut app = Application::new(2024);
    app.applicant.name = text(u)?;
    app.applicant.specialist_number = text(u)?;
    app.applicant.regional_society = text(u)?;
    app.kind = *u.choose(&ApplicationKind::ALL)?;
    app.consecutive_renewals = u.arbitrary()?;
    for _ in 0..u.int_in_range(0..=3)? {
        app.workplaces.push(Workplace {
            facility: text(u)?,
            days_per_week: u.arbitrary()?,
            hours_per_week: u.arbitrary()?,
            ..Workplace::default()
        });
    }
    for _ in 0..u.int_in_range(0..=80)? {
        app.cases.push(case(u)?);
    }
    for _ in 0..u.int_in_range(0..=40)? {
        app.credits.push(credit(u)?);
    }
    Ok(app)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(app) = application(&mut u) else {
        return;
    };
    let Ok(rules) = RuleSet::for_year(2024) else {
        return;
    };
    let report = evaluate(&app, &rules);
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(report.passes, !errors, "passes ⇔ no error finding");
    let _ = jsog_renewal::pdf::bundle_pdf(&app, &rules);
});
