//! The evaluator on generated applications: its figures and verdict against a reference model
//! of the FY2024 overview, and invariants (monotone totals, saving loses nothing).

use crate::common;
use crate::common::{Plan, reference, rules};
use jsog_renewal::model::{
    ActivityItem, Application, Case, CommonTopic, Credit, CreditKind, Mode, Role, Sex,
};
use jsog_renewal::rules::evaluate;
use proptest::prelude::*;

fn any_date() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    // From before to after the activity period, with a few undated entries.
    prop_oneof![
        1 => Just(None),
        9 => (0u64..2600).prop_map(|d| Some(common::date(2018, 10, 1) + chrono::Days::new(d))),
    ]
}

fn any_case() -> impl Strategy<Value = Case> {
    (
        any_date(),
        proptest::option::of(0u8..130),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(date, age, female, diagnosed)| Case {
            unread: Default::default(),
            date,
            age,
            sex: Some(if female { Sex::Female } else { Sex::Male }),
            diagnosis: if diagnosed {
                "子宮筋腫".into()
            } else {
                String::new()
            },
            treatment: String::new(),
            outcome: "治癒".into(),
            facility: "見本病院".into(),
            role: "担当医".into(),
        })
}

fn any_kind() -> impl Strategy<Value = CreditKind> {
    prop_oneof![
        proptest::sample::select(CommonTopic::ALL.to_vec()).prop_map(CreditKind::Common),
        Just(CreditKind::Domain),
        proptest::sample::select(ActivityItem::ALL.to_vec()).prop_map(CreditKind::Activity),
    ]
}

fn any_credit() -> impl Strategy<Value = Credit> {
    (
        any_kind(),
        any_date(),
        0u32..4,
        prop_oneof![
            Just(Mode::Attended),
            Just(Mode::ELearning),
            (0u32..120).prop_map(|minutes| Mode::Lectured { minutes })
        ],
        0u32..8,
        any::<bool>(),
        any::<bool>(),
        proptest::sample::select(Role::ALL.to_vec()),
    )
        .prop_map(
            |(kind, date, title, mode, units, on_portal, proof_enclosed, role)| Credit {
                unread: Default::default(),
                kind,
                date,
                title: format!("講習{title}"),
                organiser: "見本学会".into(),
                mode,
                units,
                role,
                on_portal,
                proof_enclosed,
                note: String::new(),
            },
        )
}

fn any_application() -> impl Strategy<Value = Application> {
    (
        proptest::collection::vec(any_case(), 0..130),
        proptest::collection::vec(any_credit(), 0..60),
        0u8..5,
    )
        .prop_map(|(cases, credits, renewals)| {
            let mut app = Plan::default().build();
            app.cases = cases;
            app.credits = credits;
            app.consecutive_renewals = renewals;
            app
        })
}

/// Applications near the line: a passing plan with entries added, and some of them removed,
/// so that both verdicts and every cap occur. Lecture titles are distinct (the reference model
/// does not settle double counting).
fn near_the_line() -> impl Strategy<Value = Application> {
    (
        any_application(),
        0usize..60,
        proptest::collection::vec(any::<bool>(), 60),
    )
        .prop_map(|(extra, keep_cases, keep_credits)| {
            let mut app = Plan {
                optional: 3,
                ..Plan::passing()
            }
            .build();
            app.cases.truncate(keep_cases.max(40));
            app.cases.extend(extra.cases);
            let mut kept = 0;
            app.credits.retain(|_| {
                kept += 1;
                keep_credits[kept - 1]
            });
            app.credits.extend(extra.credits);
            for (i, c) in app.credits.iter_mut().enumerate() {
                c.title = format!("{}（{i}）", c.title);
            }
            app.consecutive_renewals = extra.consecutive_renewals;
            app
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Counted units per category, the total and the verdict are those of the reference model
    /// of the FY2024 overview (tests/common/reference.rs), on any application.
    #[test]
    fn counted_units_total_and_verdict_match_the_reference_model(app in any_application()) {
        let mut app = app;
        for (i, c) in app.credits.iter_mut().enumerate() {
            c.title = format!("{}（{i}）", c.title);
        }
        let report = evaluate(&app, &rules());
        let expected = reference::expect(&app);
        let counted: Vec<u32> = report.categories.iter().map(|c| c.counted).collect();
        prop_assert_eq!(&counted[..], &expected.counted[..]);
        prop_assert_eq!(report.total_counted, expected.total);
        prop_assert_eq!(report.passes, expected.passes);
    }

    /// The same near the line, where both verdicts occur: a passing plan with entries added and
    /// removed.
    #[test]
    fn near_the_line_the_verdict_matches_the_reference_model(app in near_the_line()) {
        let report = evaluate(&app, &rules());
        let expected = reference::expect(&app);
        let counted: Vec<u32> = report.categories.iter().map(|c| c.counted).collect();
        prop_assert_eq!(&counted[..], &expected.counted[..]);
        prop_assert_eq!(report.total_counted, expected.total);
        prop_assert_eq!(report.passes, expected.passes, "{:?}", report.errors().collect::<Vec<_>>());
    }

    /// No category's counted value exceeds its claimed value (entries as entered).
    #[test]
    fn counted_never_exceeds_claimed(app in any_application()) {
        let report = evaluate(&app, &rules());
        for c in &report.categories {
            prop_assert!(c.counted <= c.claimed, "{:?}", c);
        }
    }

    /// Adding a case never lowers the counted total.
    #[test]
    fn adding_a_case_never_lowers_the_total(app in any_application(), extra in any_case()) {
        let before = evaluate(&app, &rules()).total_counted;
        let mut more = app;
        more.cases.push(extra);
        prop_assert!(evaluate(&more, &rules()).total_counted >= before);
    }

    /// Adding a credit never lowers the counted total.
    #[test]
    fn adding_a_credit_never_lowers_the_total(app in any_application(), extra in any_credit()) {
        let before = evaluate(&app, &rules()).total_counted;
        let mut more = app;
        more.credits.push(extra);
        prop_assert!(evaluate(&more, &rules()).total_counted >= before);
    }

    /// What is saved loads back equal.
    #[test]
    fn store_round_trip(app in any_application()) {
        let text = jsog_renewal::store::to_string(&app).expect("serialises");
        let back = jsog_renewal::store::from_str(&text, "p.ron".as_ref());
        prop_assert_eq!(back.ok(), Some(app));
    }
}
