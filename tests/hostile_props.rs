//! The fuzz target `evaluate_export` (tests/fuzz) as a property of the normal test suite, with
//! few cases so it stays fast: applications built from any values, including impossible ones
//! (huge units and minutes, NaN days, far dates), evaluate to the figures and verdict of the
//! reference model (tests/common/reference.rs) and export every page of every form.

use jsog_renewal::model::{
    ActivityItem, Application, ApplicationKind, Case, CommonTopic, Credit, CreditKind, Mode, Role,
    Sex, Workplace,
};
use jsog_renewal::rules::{RuleSet, evaluate};
use proptest::prelude::*;

use crate::common;

fn any_date() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        6 => (0u64..2600).prop_map(|d| Some(common::date(2018, 10, 1) + chrono::Days::new(d))),
        1 => (0u64..3_000_000).prop_map(|d| Some(common::date(1, 1, 1) + chrono::Days::new(d))),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("子宮筋腫".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        "[\\PC]{0,40}",
        Just("髙﨑①".repeat(200)),
    ]
}

fn any_case() -> impl Strategy<Value = Case> {
    (
        any_date(),
        proptest::option::of(any::<u8>()),
        proptest::option::of(prop_oneof![Just(Sex::Female), Just(Sex::Male)]),
        any_text(),
        any_text(),
    )
        .prop_map(|(date, age, sex, diagnosis, facility)| Case {
            date,
            age,
            sex,
            diagnosis,
            facility,
            ..Case::default()
        })
}

fn any_kind() -> impl Strategy<Value = CreditKind> {
    prop_oneof![
        proptest::sample::select(CommonTopic::ALL.to_vec()).prop_map(CreditKind::Common),
        Just(CreditKind::Domain),
        proptest::sample::select(ActivityItem::ALL.to_vec()).prop_map(CreditKind::Activity),
    ]
}

fn any_units() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 0u32..12, 1 => any::<u32>(), 1 => Just(u32::MAX)]
}

fn any_credit() -> impl Strategy<Value = Credit> {
    (
        any_kind(),
        any_date(),
        any_units(),
        prop_oneof![
            Just(Mode::Attended),
            Just(Mode::ELearning),
            any_units().prop_map(|minutes| Mode::Lectured { minutes }),
        ],
        any_text(),
        (any::<bool>(), any::<bool>()),
        prop_oneof![Just(Role::First), Just(Role::Second), Just(Role::Other)],
    )
        .prop_map(
            |(kind, date, units, mode, title, (on_portal, proof_enclosed), role)| Credit {
                kind,
                date,
                title,
                mode,
                units,
                role,
                on_portal,
                proof_enclosed,
                ..Credit::default()
            },
        )
}

fn any_float() -> impl Strategy<Value = Option<f32>> {
    prop_oneof![
        2 => Just(None),
        4 => (0.0f32..7.0).prop_map(Some),
        1 => Just(Some(f32::NAN)),
        1 => Just(Some(f32::INFINITY)),
        1 => Just(Some(-1.0)),
    ]
}

fn any_application() -> impl Strategy<Value = Application> {
    (
        proptest::collection::vec(any_case(), 0..8),
        proptest::collection::vec(any_credit(), 0..12),
        proptest::collection::vec((any_float(), any_float()), 0..3),
        any::<u8>(),
        proptest::sample::select(ApplicationKind::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(cases, credits, weeks, renewals, kind, base)| {
            // Half the runs start from a passing application, so that both verdicts occur.
            let mut app = if base {
                common::Plan::passing().build()
            } else {
                Application::new(2024)
            };
            app.cases.extend(cases);
            // Distinct titles: the reference model does not settle double counting.
            app.credits
                .extend(credits.into_iter().enumerate().map(|(i, mut c)| {
                    if !c.title.trim().is_empty() {
                        c.title = format!("{}#{i}", c.title);
                    }
                    c
                }));
            app.workplaces = weeks
                .into_iter()
                .map(|(days, hours)| Workplace {
                    facility: "見本病院".into(),
                    days_per_week: days,
                    hours_per_week: hours,
                    ..Workplace::default()
                })
                .collect();
            app.consecutive_renewals = renewals;
            app.kind = kind;
            app
        })
}

fn check(app: &Application, rules: &RuleSet, export: bool) -> Result<(), TestCaseError> {
    let report = evaluate(app, rules);
    // Figures and verdict as the reference model of the overview has them, impossible values
    // included (never counted, never passing).
    let expected = common::reference::expect(app);
    let counted: Vec<u32> = report.categories.iter().map(|c| c.counted).collect();
    prop_assert_eq!(&counted[..], &expected.counted[..]);
    prop_assert_eq!(report.total_counted, expected.total);
    prop_assert_eq!(report.passes, expected.passes);
    // A plausible-maxima breach can never pass.
    let impossible = app.credits.iter().any(|c| {
        c.units > rules.plausible.max_units_per_credit
            && matches!(c.mode, Mode::Attended | Mode::ELearning)
            && matches!(c.kind, CreditKind::Common(_) | CreditKind::Domain)
    });
    if impossible {
        prop_assert!(!report.passes);
    }
    if export {
        // A value the form cannot hold is the pre-flight check's to report; the bundle is
        // still written, whole: one PDF of every page of every form that applies.
        let forms = jsog_renewal::pdf::render_forms(app, rules).expect("renders");
        let expected = if report.exempt_from_clinical { 4 } else { 5 };
        prop_assert_eq!(forms.len(), expected);
        let pages: usize = forms.iter().map(|f| f.pages.len()).sum();
        let (bytes, written) = jsog_renewal::pdf::bundle_pdf(app, rules).expect("exports");
        prop_assert_eq!(written, pages);
        prop_assert!(bytes.starts_with(b"%PDF-"));
        prop_assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));
        let page_objects = bytes.windows(11).filter(|w| *w == b"/Type/Page/").count();
        prop_assert_eq!(page_objects, pages);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_of_any_application_matches_the_reference_model(app in any_application()) {
        check(&app, &common::rules(), false)?;
    }
}

proptest! {
    // PDF export is the slow part in a debug build: fewer cases than the evaluation.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn pdf_export_of_any_application_writes_every_page_of_every_form(app in any_application()) {
        check(&app, &common::rules(), true)?;
    }
}
