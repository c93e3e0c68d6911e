//! A reference model of the FY2024 criteria, written from the society's overview
//! (`shared/reference`, § numbers as in `assets/rules/fy2024.ron`) and not from the evaluator:
//! the oracle the properties compare `evaluate` with. Its numbers are the overview's own, typed
//! here, so that neither a slip in the rule file nor one in the evaluator goes unseen.
//!
//! It covers applications whose lectures have distinct titles (no lecture entered twice, so no
//! double counting to settle); `expect` panics on anything else.

use chrono::{Datelike, NaiveDate};
use jsog_renewal::model::{
    ActivityItem, Application, ApplicationKind, CommonTopic, Credit, CreditKind, Mode, Role,
};

/// What the overview says of an application: units counted per category i–iv, the total, and
/// whether it passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Counted units of i, ii, iii, iv.
    pub counted: [u32; 4],
    /// Their sum.
    pub total: u32,
    /// Every requirement met, nothing impossible entered, the applicant's required fields given.
    pub passes: bool,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// §5: the activity period of FY2024, 2019-05-01 to 2024-04-30; after a deferral 「申請する直近の
/// 6年間」 from 2018-05-01 (jsog.or.jp/medical/561, 2022-09); after a deferral-renewal from where
/// that one's six years would have ended, 2020-05-01 (the notice's figure).
fn period_start(app: &Application) -> NaiveDate {
    match app.kind {
        ApplicationKind::AfterDeferral => day(2018, 5, 1),
        ApplicationKind::Renewal if app.previous_after_deferral => day(2020, 5, 1),
        _ => day(2019, 5, 1),
    }
}

fn in_period(start: NaiveDate) -> impl Fn(NaiveDate) -> bool {
    move |d| (start..=day(2024, 4, 30)).contains(&d)
}

/// §7(5), §8(4): 60 minutes of lecturing give 2 units, 30 to 59 minutes 1.
fn lecture_units(minutes: u32) -> u32 {
    match minutes {
        60.. => 2,
        30..=59 => 1,
        _ => 0,
    }
}

/// §9: the units of one entry of category iv.
fn item_units(item: ActivityItem, c: &Credit) -> u32 {
    use ActivityItem as I;
    match item {
        I::MeetingAttendance | I::HealthActivity | I::SchoolPhysician => c.units,
        I::Presentation => match c.role {
            Role::First | Role::Second => 1,
            Role::Other => 0,
        },
        I::Paper => match c.role {
            Role::First => 2,
            Role::Second | Role::Other => 1,
        },
        I::PublicLecture => match c.mode {
            Mode::Lectured { minutes } => lecture_units(minutes),
            Mode::Attended | Mode::ELearning => 0,
        },
        I::Chair | I::PeerReview | I::ExamDuty => 1,
        I::AccidentInvestigation => 2,
    }
}

fn units_of(c: &Credit) -> u32 {
    match (c.kind, c.mode) {
        (CreditKind::Activity(item), _) => item_units(item, c),
        (_, Mode::Lectured { minutes }) => lecture_units(minutes),
        (_, Mode::Attended | Mode::ELearning) => c.units,
    }
}

/// §4, §7(4)(5), §8(4), §9: whether the proof of an entry must be enclosed.
fn needs_proof(c: &Credit) -> bool {
    match (c.kind, c.mode) {
        (CreditKind::Activity(ActivityItem::MeetingAttendance), _) => false,
        (CreditKind::Activity(_), _) => true,
        (_, Mode::Lectured { .. }) => true,
        (_, Mode::Attended | Mode::ELearning) => !c.on_portal,
    }
}

/// Whether an entry counts (before caps), and whether it is impossible (more than 200 units or
/// 600 minutes: never counted, and the application cannot pass).
fn counts(c: &Credit, start: NaiveDate) -> (bool, bool) {
    let units = units_of(c);
    let impossible = units > 200 || matches!(c.mode, Mode::Lectured { minutes } if minutes > 600);
    let attendance = c.kind == CreditKind::Activity(ActivityItem::MeetingAttendance);
    let ok = !impossible
        && c.date.is_some_and(in_period(start))
        && !c.title.trim().is_empty()
        && c.mode != (Mode::Lectured { minutes: 0 })
        && (!attendance || c.on_portal)
        && (!needs_proof(c) || c.proof_enclosed)
        && units > 0;
    (ok, impossible)
}

/// The FY2024 verdict on `app`.
pub fn expect(app: &Application) -> Verdict {
    assert_eq!(app.fiscal_year, 2024, "the reference knows FY2024 only");
    assert!(app.pauses.is_empty(), "the reference knows no pauses");
    let start = period_start(app);
    let mut titles: Vec<(bool, String)> = Vec::new();
    for c in &app.credits {
        let lecture = match c.kind {
            CreditKind::Common(_) => false,
            CreditKind::Domain => true,
            CreditKind::Activity(_) | CreditKind::SelfStudy => continue,
        };
        if c.title.trim().is_empty() {
            continue; // never counted, so never counted twice
        }
        let key = (
            lecture,
            c.title
                .split_whitespace()
                .collect::<String>()
                .to_lowercase(),
        );
        assert!(
            !titles.contains(&key),
            "a lecture entered twice: {}",
            c.title
        );
        titles.push(key);
    }

    // §5 ※1, §6(2): three consecutive renewals exempt from the clinical record, except with
    // re-certification.
    let exempt = app.consecutive_renewals >= 3 && app.kind != ApplicationKind::WithRecertification;
    // §6: 10 valid cases a unit, 5 to 10 units.
    let valid_cases = app
        .cases
        .iter()
        .filter(|c| {
            c.date.is_some_and(in_period(start))
                && c.age.is_some_and(|a| a <= 120)
                && c.sex.is_some()
                && !c.diagnosis.trim().is_empty()
                && !c.facility.trim().is_empty()
        })
        .count() as u32;
    let clinical = if exempt {
        0
    } else {
        (valid_cases / 10).min(10)
    };
    let clinical_ok = exempt || clinical >= 5;

    let mut impossible = false;
    let mut per_topic = [0u32; CommonTopic::ALL.len()];
    let mut domain = 0u32;
    let mut per_item = [0u32; ActivityItem::ALL.len()];
    // §9 (10): 2 units a fiscal year at most.
    let mut investigations: Vec<(i32, u32)> = Vec::new();
    for c in &app.credits {
        let (ok, bad) = counts(c, start);
        impossible |= bad;
        if !ok {
            continue;
        }
        let u = units_of(c);
        match c.kind {
            CreditKind::Common(t) => {
                let i = CommonTopic::ALL
                    .iter()
                    .position(|x| *x == t)
                    .expect("a topic");
                per_topic[i] += u;
            }
            CreditKind::Domain => domain += u,
            // FY2024 has no 「C.自己学習」: it never counts.
            CreditKind::SelfStudy => {}
            CreditKind::Activity(ActivityItem::AccidentInvestigation) => {
                let d = c.date.expect("counted entries are dated");
                let fy = if d.month() >= 4 {
                    d.year()
                } else {
                    d.year() - 1
                };
                match investigations.iter_mut().find(|(y, _)| *y == fy) {
                    Some((_, sum)) => *sum += u,
                    None => investigations.push((fy, u)),
                }
            }
            CreditKind::Activity(item) => {
                let i = ActivityItem::ALL
                    .iter()
                    .position(|x| *x == item)
                    .expect("an item");
                per_item[i] += u;
            }
        }
    }
    // §7: 3 to 10 units; 医療安全, 医療倫理, 感染対策 at least 1 each.
    let common = per_topic.iter().sum::<u32>().min(10);
    let unit_of = |t: CommonTopic| {
        per_topic[CommonTopic::ALL
            .iter()
            .position(|x| *x == t)
            .expect("a topic")]
    };
    let common_ok = common >= 3
        && [
            CommonTopic::Safety,
            CommonTopic::Ethics,
            CommonTopic::InfectionControl,
        ]
        .into_iter()
        .all(|t| unit_of(t) >= 1);
    // §8: 20 units at least, no maximum.
    let domain_ok = domain >= 20;
    // §9: 0 to 10 units; (1) at most 6, (8) and (9) at most 2 each.
    let item = |i: ActivityItem| {
        per_item[ActivityItem::ALL
            .iter()
            .position(|x| *x == i)
            .expect("an item")]
    };
    let items = [
        item(ActivityItem::MeetingAttendance).min(6),
        item(ActivityItem::Presentation),
        item(ActivityItem::Paper),
        item(ActivityItem::PublicLecture),
        item(ActivityItem::Chair),
        item(ActivityItem::PeerReview),
        item(ActivityItem::ExamDuty),
        item(ActivityItem::HealthActivity).min(2),
        item(ActivityItem::SchoolPhysician).min(2),
        investigations.iter().map(|(_, u)| (*u).min(2)).sum(),
    ];
    let activity = items.iter().sum::<u32>().min(10);

    let counted = [clinical, common, domain, activity];
    let total = counted.iter().sum();
    // §5: 50 units in all, 40 when exempt.
    let required = if exempt { 40 } else { 50 };
    let a = &app.applicant;
    // A week holds 7 days and 168 hours; anything else on 様式2 is an error to fix.
    let week_ok = |v: Option<f32>, max: f32| v.is_none_or(|v| v >= 0.0 && v <= max);
    let workplaces_ok = app
        .workplaces
        .iter()
        .all(|w| week_ok(w.days_per_week, 7.0) && week_ok(w.hours_per_week, 168.0));
    let applicant_ok = workplaces_ok
        && !a.name.trim().is_empty()
        && !a.specialist_number.trim().is_empty()
        && !a.regional_society.trim().is_empty();
    Verdict {
        counted,
        total,
        passes: applicant_ok
            && !impossible
            && clinical_ok
            && common_ok
            && domain_ok
            && total >= required,
    }
}
