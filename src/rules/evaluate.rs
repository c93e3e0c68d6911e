//! `evaluate(&Application, &RuleSet) -> Report`: pure, and cheap enough for every keystroke.

use std::collections::HashMap;

use super::messages::{self as msg, Kind};
use super::number::{self, NumberHint};
use super::period::ActivityPeriod;
use super::report::{
    BStatus, CategoryCode, CategoryReport, FieldPath, Finding, ItemTally, Report, Severity,
    TopicTally,
};
use super::ruleset::{ItemUnits, Limits, ProofNeed, RequiredB, RuleSet, units_for_minutes};
use super::source::Rule;
use crate::dates::fiscal_year;
use crate::model::{
    ActivityItem, ApplicantField, Application, ApplicationField, ApplicationKind, Case, CaseField,
    CertificationRoute, CommonGroup, CommonTopic, Credit, CreditField, CreditKind, MailTo, Mode,
    PauseField, RegionalPractice, Role, WorkplaceField,
};
use chrono::NaiveDate;

/// Evaluates an application against a rule set.
pub fn evaluate(app: &Application, rules: &RuleSet) -> Report {
    let mut findings = Vec::new();
    if app.fiscal_year != rules.fiscal_year {
        findings.push(error(
            Rule::FiscalYear,
            FieldPath::Application(ApplicationField::FiscalYear),
            msg::wrong_rule_year(app.fiscal_year, rules.fiscal_year),
        ));
    }
    applicant_findings(app, rules, &mut findings);
    let period = ActivityPeriod::of(app, rules);
    pause_findings(app, &period, &mut findings);
    let exempt = is_exempt(app, rules);
    let mut assumptions = Vec::new();
    if period.assumed {
        assumptions.push(msg::period_assumed(&period, rules));
    }

    // Self-study credits count in category i, so credits are weighed first; their findings
    // still follow the cases', in the order of the forms.
    let mut credit_findings = Vec::new();
    let credits = credit_validity(app, rules, &period, &mut credit_findings);
    let clinical = clinical_report(app, rules, &period, exempt, &credits, &mut findings);
    findings.append(&mut credit_findings);
    if clinical.self_study_counted > 0
        && let Some(s) = &rules.self_study
        && s.counting_assumed
    {
        assumptions.push(msg::self_study_assumed());
    }
    let b_status = b_status(app, rules);
    let (common, topics) = common_report(app, rules, &credits, b_status, &mut findings);
    if b_status == BStatus::Required
        && let Some(b) = &rules.common.required_b
        && b.min_units_assumed
    {
        assumptions.push(msg::b_units_assumed(b));
    }
    let domain = domain_report(app, rules, &credits, &mut findings);
    let (activity, items) = activity_report(app, rules, &credits, &mut findings);

    let categories = vec![clinical.report, common, domain, activity];
    let total_counted = sum(categories.iter().map(|c| c.counted));
    let total_required = match rules.total_required_exempt {
        Some(units) if exempt => units,
        _ => rules.total_required,
    };
    if total_counted < total_required {
        findings.push(error(
            Rule::Total,
            FieldPath::Total,
            msg::total_short(total_counted, total_required),
        ));
    }
    super::unread::apply(app, &mut findings);
    Finding::cite(&mut findings, rules, &period);
    // Errors first, then warnings; within each, the order they were found (field order).
    findings.sort_by_key(|f| f.severity);
    let passes = !findings.iter().any(|f| f.severity == Severity::Error);
    Report {
        fiscal_year: rules.fiscal_year,
        passes,
        exempt_from_clinical: exempt,
        required_b: b_status,
        activity_period: period,
        assumptions,
        self_study_units: clinical.self_study_counted,
        total_counted,
        total_required,
        categories,
        common_topics: topics,
        activity_items: items,
        cases_entered: app.cases.len(),
        cases_valid: clinical.valid,
        cases_to_next_unit: clinical.to_next_unit,
        case_counted: clinical.counted_flags,
        credit_units: credits.units,
        credit_counted: credits.counted,
        findings,
    }
}

/// Whether the applicant is exempt from the clinical record: a specialist at the time of applying
/// (so not one whose certification lapsed and is being re-certified) with enough consecutive
/// renewals as declared.
pub fn is_exempt(app: &Application, rules: &RuleSet) -> bool {
    rules
        .exemption
        .is_some_and(|e| relies_on(app, e.min_consecutive_renewals))
}

/// For an applicant who would have been exempt under the earlier years' rule, where this year
/// has none: that cases are now needed (the society's notice of 2024-07-11).
pub(super) fn exemption_ended(app: &Application, rules: &RuleSet) -> Option<Kind> {
    let former = rules
        .former_exemption
        .filter(|_| rules.exemption.is_none())?;
    relies_on(app, former.min_consecutive_renewals)
        .then(|| msg::exemption_ended(app.consecutive_renewals, rules))
}

/// Whether the applicant meets an exemption's conditions: renewals as declared, and a
/// specialist at the time of applying.
fn relies_on(app: &Application, min_consecutive_renewals: u8) -> bool {
    app.consecutive_renewals >= min_consecutive_renewals
        && app.kind != ApplicationKind::WithRecertification
}

fn error(rule: Rule, path: FieldPath, kind: Kind) -> Finding {
    Finding::new(Severity::Error, rule, path, kind)
}

fn warning(rule: Rule, path: FieldPath, kind: Kind) -> Finding {
    Finding::new(Severity::Warning, rule, path, kind)
}

fn applicant_findings(app: &Application, rules: &RuleSet, out: &mut Vec<Finding>) {
    let a = &app.applicant;
    for (field, value) in [
        (ApplicantField::Name, &a.name),
        (ApplicantField::SpecialistNumber, &a.specialist_number),
        (ApplicantField::RegionalSociety, &a.regional_society),
    ] {
        if value.trim().is_empty() {
            out.push(error(
                Rule::ApplicationForm,
                FieldPath::Applicant(field),
                msg::required_missing(field.label()),
            ));
        }
    }
    for (field, missing) in [
        (ApplicantField::Furigana, a.furigana.trim().is_empty()),
        (ApplicantField::BirthDate, a.birth_date.is_none()),
        (
            ApplicantField::MemberNumber,
            a.member_number.trim().is_empty(),
        ),
        (
            ApplicantField::MedicalRegistrationNumber,
            a.medical_registration_number.trim().is_empty(),
        ),
    ] {
        if missing {
            out.push(warning(
                Rule::ApplicationForm,
                FieldPath::Applicant(field),
                msg::form_field_missing(field.label()),
            ));
        }
    }
    if let Some(date) = app.application_date
        && !rules.application_window.contains(date)
    {
        out.push(warning(
            Rule::Window,
            FieldPath::Application(ApplicationField::ApplicationDate),
            msg::outside_window(date, rules.application_window),
        ));
    }
    mail_to_findings(app, out);
    if app.workplaces.is_empty() {
        // 様式2 would go out with an empty table.
        out.push(warning(
            Rule::WorkingStatus,
            FieldPath::Workplace(0, WorkplaceField::Facility),
            msg::no_workplaces(),
        ));
    }
    if !rules.offers_kind(app.kind) {
        out.push(error(
            Rule::Kind,
            FieldPath::Application(ApplicationField::Kind),
            msg::kind_not_offered(app.kind, rules),
        ));
    }
    if let Some(message) = exemption_ended(app, rules) {
        out.push(warning(
            Rule::Exemption,
            FieldPath::Application(ApplicationField::ConsecutiveRenewals),
            message,
        ));
    }
    number_findings(app, rules, out);
    route_findings(app, rules, out);
    first_year_findings(app, rules, out);
    regional_findings(app, rules, out);
    workplace_findings(app, out);
    facility_findings(app, out);
}

/// 様式3's facilities that 様式2 does not list: a warning on the first case of each, and one on
/// 様式2, which would print no row for it (the committee reads them side by side).
fn facility_findings(app: &Application, out: &mut Vec<Finding>) {
    let order = app.case_order();
    for f in super::facilities::unlisted_facilities(app) {
        let Some(&first) = f.cases.iter().min_by_key(|&&i| order.number(i)) else {
            continue;
        };
        out.push(warning(
            Rule::WorkingStatus,
            FieldPath::Case(first, CaseField::Facility),
            msg::facility_not_in_workplaces(&f.name, order.number(first), f.cases.len()),
        ));
        out.push(warning(
            Rule::WorkingStatus,
            FieldPath::Workplace(0, WorkplaceField::Facility),
            msg::workplace_missing_facility(&f.name, f.cases.len(), f.dates),
        ));
    }
}

/// 活動休止 rows that cannot be as entered: a missing day, an end before the start, two that
/// overlap, or one outside the current certification period. Each names both dates; nothing is
/// changed.
fn pause_findings(app: &Application, period: &ActivityPeriod, out: &mut Vec<Finding>) {
    let a = &app.applicant;
    for (i, p) in app.pauses.iter().enumerate() {
        let path = |field| FieldPath::Pause(i, field);
        let (from, until) = match (p.from, p.until) {
            (Some(from), Some(until)) => (from, until),
            (from, until) => {
                for (field, missing) in [
                    (PauseField::From, from.is_none()),
                    (PauseField::Until, until.is_none()),
                ] {
                    if missing && !p.unread.contains_key(&field) {
                        out.push(warning(
                            Rule::Pause,
                            path(field),
                            msg::pause_date_missing(i, field.label()),
                        ));
                    }
                }
                continue;
            }
        };
        if until < from {
            out.push(warning(
                Rule::Pause,
                path(PauseField::Until),
                msg::pause_backwards(i, from, until),
            ));
            continue;
        }
        for (j, q) in app.pauses.iter().enumerate().take(i) {
            if let (Some(qf), Some(qu)) = (q.from, q.until)
                && qf <= qu
                && from <= qu
                && qf <= until
            {
                out.push(warning(
                    Rule::Pause,
                    path(PauseField::From),
                    msg::pauses_overlap((i, from, until), (j, qf, qu)),
                ));
            }
        }
        if let (Some(cf), Some(cu)) = (a.certified_from, a.certified_until)
            && (from < cf || until > cu)
        {
            out.push(warning(
                Rule::Pause,
                path(PauseField::From),
                msg::pause_outside_certification(i, (from, until), (cf, cu)),
            ));
        } else if until > period.end {
            out.push(warning(
                Rule::Pause,
                path(PauseField::Until),
                msg::pause_after_period(i, (from, until), period.end),
            ));
        }
    }
}

/// Whether 必修B is required of this applicant under the rule set (§7(2)): certified through
/// the Board's exam in the rule set's first year or later, and not waived by regional practice.
pub fn requires_b(app: &Application, rules: &RuleSet) -> bool {
    b_status(app, rules) == BStatus::Required
}

/// Where 必修B stands for this applicant (§7(2); the society's notice of 2023-04-14): the
/// cohort certified through the Board's exam from the rule set's year must attend it, unless a
/// year of regional practice is recognised where the rule set grants that waiver. Specialists
/// certified by the society are deemed to have that practice, so it is never theirs to attend.
pub fn b_status(app: &Application, rules: &RuleSet) -> BStatus {
    let Some(b) = &rules.common.required_b else {
        return BStatus::NotRequired;
    };
    if !in_b_cohort(app, b) {
        BStatus::NotRequired
    } else if b.regional_waiver.is_some()
        && app
            .applicant
            .regional_practice
            .is_some_and(|r| r.waives_b())
    {
        BStatus::Waived
    } else {
        BStatus::Required
    }
}

/// Certified through the Board's exam in 必修B's first year or later.
fn in_b_cohort(app: &Application, b: &RequiredB) -> bool {
    let a = &app.applicant;
    a.certification_route == Some(CertificationRoute::BoardExam)
        && a.first_certified_year
            .is_some_and(|y| y >= b.board_exam_from)
}

/// The days of regional practice the 勤務実態 rows show within the years after certification
/// that the waiver names, with the facilities they were at (rows marked 地域医療研修が可能な施設;
/// a row without an end runs to the end of the activity period).
fn regional_days(
    app: &Application,
    rules: &RuleSet,
    within_years: u8,
) -> Option<(i64, Vec<String>)> {
    let first = app.applicant.first_certified_year?;
    let start = NaiveDate::from_ymd_opt(i32::from(first), 4, 1)?;
    let end = NaiveDate::from_ymd_opt(i32::from(first) + i32::from(within_years), 4, 1)?;
    let mut days = 0i64;
    let mut facilities = Vec::new();
    for w in app.workplaces.iter().filter(|w| w.regional) {
        let Some(from) = w.from else { continue };
        let until = w.until.unwrap_or(rules.activity_period.end);
        let (a, b) = (from.max(start), until.succ_opt().unwrap_or(until).min(end));
        if a < b {
            days += (b - a).num_days();
            facilities.push(w.facility.trim().to_string());
        }
    }
    Some((days, facilities))
}

/// 多様な地域における診療実績: suggests the waiver where the 勤務実態 rows show it, and questions
/// a waiver after certification that the rows contradict. Never changes what was declared.
fn regional_findings(app: &Application, rules: &RuleSet, out: &mut Vec<Finding>) {
    let Some(b) = &rules.common.required_b else {
        return;
    };
    let Some(waiver) = b.regional_waiver else {
        return;
    };
    if !in_b_cohort(app, b) {
        return;
    }
    let Some((days, facilities)) =
        regional_days(app, rules, waiver.within_years_after_certification)
    else {
        return;
    };
    // A year of practice, counted in days so that a leap year needs no special case.
    let enough = days >= 365 * i64::from(waiver.min_years);
    let path = FieldPath::Applicant(ApplicantField::RegionalPractice);
    match app.applicant.regional_practice {
        Some(RegionalPractice::AsResident) => {}
        Some(RegionalPractice::AfterCertification) => {
            if !enough && !app.workplaces.is_empty() {
                out.push(warning(
                    Rule::RegionalWaiver,
                    path,
                    msg::regional_not_in_workplaces(days, waiver),
                ));
            }
        }
        None | Some(RegionalPractice::NotRecognised) => {
            if enough {
                out.push(warning(
                    Rule::RegionalWaiver,
                    path,
                    msg::regional_suggested(&facilities, days, waiver),
                ));
            }
        }
    }
}

/// Where 必修B can be required, the route and year that decide it must be known.
fn route_findings(app: &Application, rules: &RuleSet, out: &mut Vec<Finding>) {
    let Some(b) = &rules.common.required_b else {
        return;
    };
    let a = &app.applicant;
    match a.certification_route {
        None => out.push(warning(
            Rule::RequiredB,
            FieldPath::Applicant(ApplicantField::CertificationRoute),
            msg::route_missing(b.board_exam_from),
        )),
        Some(CertificationRoute::BoardExam) if a.first_certified_year.is_none() => {
            out.push(warning(
                Rule::RequiredB,
                FieldPath::Applicant(ApplicantField::FirstCertifiedYear),
                msg::first_year_missing(b.board_exam_from),
            ));
        }
        Some(_) => {}
    }
}

/// The first certification cannot come after the certification being renewed began: such a
/// year is a typo, and it decides whether 必修B is required (§7(2)). A warning to check it.
fn first_year_findings(app: &Application, rules: &RuleSet, out: &mut Vec<Finding>) {
    let a = &app.applicant;
    let Some(first) = a.first_certified_year else {
        return;
    };
    let path = FieldPath::Applicant(ApplicantField::FirstCertifiedYear);
    if let Some(from) = a.certified_from
        && i32::from(first) > fiscal_year(from)
    {
        out.push(warning(
            Rule::RequiredB,
            path,
            msg::first_year_after_current_period(first, from),
        ));
    }
    // The number's ○○ in -N○○YY is the year of first certification.
    if let Some((yy, _)) = number::parse_ending(&a.specialist_number)
        && first % 100 != u16::from(yy)
    {
        out.push(warning(
            Rule::RequiredB,
            path,
            msg::first_year_not_number(first, yy, &a.specialist_number),
        ));
    }
    // The society certified until the Board's exam took over: a society route in the Board's
    // years is one of the two fields mistyped, and they decide 必修B.
    if let Some(b) = &rules.common.required_b
        && a.certification_route == Some(CertificationRoute::Society)
        && first >= b.board_exam_from
    {
        out.push(warning(
            Rule::RequiredB,
            FieldPath::Applicant(ApplicantField::CertificationRoute),
            msg::society_route_too_late(first, b.board_exam_from),
        ));
    }
}

/// A week's days or hours that cannot be (NaN, infinite, negative, more than a week holds)
/// would print as nonsense on 様式2: an error to fix.
fn workplace_findings(app: &Application, out: &mut Vec<Finding>) {
    for (i, w) in app.workplaces.iter().enumerate() {
        for (field, _, max) in w.impossible_numbers() {
            out.push(error(
                Rule::Plausible,
                FieldPath::Workplace(i, field),
                msg::implausible_week(i, field.label(), max),
            ));
        }
    }
}

/// 郵便物送付先: the address chosen must be filled in, or the society's post has nowhere to go.
fn mail_to_findings(app: &Application, out: &mut Vec<Finding>) {
    let a = &app.applicant;
    let (field, to, label, blank) = match a.mail_to {
        MailTo::Work => (
            ApplicantField::WorkAddress,
            "勤務先",
            "勤務先住所",
            a.work.address.address.trim().is_empty(),
        ),
        MailTo::Home => (
            ApplicantField::HomeAddress,
            "自宅",
            "自宅住所",
            a.home.address.trim().is_empty(),
        ),
    };
    if blank {
        out.push(warning(
            Rule::ApplicationForm,
            FieldPath::Applicant(field),
            msg::mail_to_blank(to, label),
        ));
    }
}

fn number_findings(app: &Application, rules: &RuleSet, out: &mut Vec<Finding>) {
    let path = FieldPath::Applicant(ApplicantField::SpecialistNumber);
    let by_number = matches!(
        app.kind,
        ApplicationKind::Renewal | ApplicationKind::AfterDeferral
    );
    match number::hint(&app.applicant.specialist_number, rules) {
        NumberHint::Empty => {}
        NumberHint::Unrecognised => {
            if by_number {
                out.push(warning(Rule::Number, path, msg::number_unrecognised(rules)));
            }
        }
        NumberHint::NotDueThisYear { suffix } => {
            if by_number {
                out.push(warning(
                    Rule::Number,
                    path,
                    msg::number_not_due(&suffix, rules.fiscal_year),
                ));
            }
        }
        NumberHint::Due {
            kind,
            inferred_renewals,
        } => {
            if by_number && kind != app.kind {
                out.push(warning(
                    Rule::Number,
                    FieldPath::Application(ApplicationField::Kind),
                    msg::number_kind_mismatch(kind, app.kind),
                ));
            }
            // Only an exemption in force makes the count worth questioning.
            let (Some(exemption), Some(inferred_renewals)) = (rules.exemption, inferred_renewals)
            else {
                return;
            };
            let min = exemption.min_consecutive_renewals;
            let declared = app.consecutive_renewals;
            if inferred_renewals >= min && declared < min {
                out.push(warning(
                    Rule::Exemption,
                    FieldPath::Application(ApplicationField::ConsecutiveRenewals),
                    msg::maybe_exempt(inferred_renewals, declared),
                ));
            } else if inferred_renewals < min && declared >= min {
                out.push(warning(
                    Rule::Exemption,
                    FieldPath::Application(ApplicationField::ConsecutiveRenewals),
                    msg::maybe_not_exempt(inferred_renewals, declared),
                ));
            }
        }
    }
}

struct Clinical {
    report: CategoryReport,
    valid: usize,
    to_next_unit: usize,
    counted_flags: Vec<bool>,
    /// Units of 「C.自己学習」 counted in the category.
    self_study_counted: u32,
}

fn clinical_report(
    app: &Application,
    rules: &RuleSet,
    period: &ActivityPeriod,
    exempt: bool,
    credits: &CreditValidity,
    out: &mut Vec<Finding>,
) -> Clinical {
    let per_unit = rules.clinical.cases_per_unit as usize;
    let limits = rules.clinical.limits;
    let mut flags = vec![false; app.cases.len()];
    let mut valid = 0usize;
    // In paper order, so that the findings read 症例1, 症例2 … as 様式3 numbers them.
    let order = app.case_order();
    for &i in order.printed() {
        let (Some(case), Some(flag)) = (app.cases.get(i), flags.get_mut(i)) else {
            continue;
        };
        let no = Numbered {
            index: i,
            no: order.number(i),
        };
        if !exempt {
            blank_boxes(no, case, out);
        }
        let ok = exempt || case_counts(no, case, period, out);
        *flag = ok && !exempt;
        valid += usize::from(ok && !exempt);
    }
    let (mut study_claimed, mut study_valid) = (0u32, 0u32);
    for (i, c) in app.credits.iter().enumerate() {
        if c.kind == CreditKind::SelfStudy {
            study_claimed = study_claimed.saturating_add(credits.units[i]);
            if credits.counted[i] {
                study_valid = study_valid.saturating_add(credits.units[i]);
            }
        }
    }
    let claimed = to_u32(app.cases.len() / per_unit).saturating_add(study_claimed);
    if exempt {
        if !app.cases.is_empty() {
            out.push(warning(
                Rule::Exemption,
                FieldPath::Category(CategoryCode::Clinical),
                msg::exempt_cases_ignored(app.cases.len()),
            ));
        }
        return Clinical {
            report: CategoryReport {
                code: CategoryCode::Clinical,
                name: CategoryCode::Clinical.label(),
                claimed,
                counted: 0,
                min: 0,
                max: limits.max,
                ok: true,
            },
            valid: 0,
            to_next_unit: 0,
            counted_flags: flags,
            self_study_counted: 0,
        };
    }
    let units = to_u32(valid / per_unit).saturating_add(study_valid);
    let counted = cap(units, limits.max);
    let at_max = limits.max.is_some_and(|m| units >= m);
    let to_next_unit = if at_max {
        0
    } else {
        per_unit - valid % per_unit
    };
    if counted < limits.min {
        // Cases still needed once the self-study units are counted.
        let from_cases = (limits.min.saturating_sub(study_valid) as usize).saturating_mul(per_unit);
        let cases = from_cases.saturating_sub(valid);
        let min_cases = (limits.min as usize).saturating_mul(per_unit);
        let message = if rules.self_study.is_some() {
            msg::clinical_short(cases, valid, limits.min - counted, study_valid)
        } else {
            msg::cases_short(cases, valid, min_cases)
        };
        out.push(error(
            Rule::Clinical,
            FieldPath::Category(CategoryCode::Clinical),
            message,
        ));
    }
    if let Some(max) = limits.max
        && valid > (max as usize).saturating_mul(per_unit)
    {
        out.push(warning(
            Rule::Clinical,
            FieldPath::Category(CategoryCode::Clinical),
            msg::cases_over_max(valid, (max as usize).saturating_mul(per_unit)),
        ));
    }
    Clinical {
        report: CategoryReport {
            code: CategoryCode::Clinical,
            name: CategoryCode::Clinical.label(),
            claimed,
            counted,
            min: limits.min,
            max: limits.max,
            ok: counted >= limits.min,
        },
        valid,
        to_next_unit,
        counted_flags: flags,
        self_study_counted: study_valid.min(counted),
    }
}

/// A case's index in the application (what a finding points to) and its paper No. (what the
/// finding's words name it by).
#[derive(Clone, Copy)]
struct Numbered {
    index: usize,
    no: usize,
}

/// 転帰 and 担当医/指導医 are free text that does not decide whether a case counts; a blank one
/// is worth a warning, since the printed form would show an empty box.
fn blank_boxes(n: Numbered, case: &Case, out: &mut Vec<Finding>) {
    let blank: Vec<CaseField> = [
        (CaseField::Outcome, &case.outcome),
        (CaseField::Role, &case.role),
    ]
    .into_iter()
    .filter(|(_, text)| text.trim().is_empty())
    .map(|(field, _)| field)
    .collect();
    if let Some(&field) = blank.first() {
        let labels: Vec<&str> = blank.iter().map(|f| f.label()).collect();
        out.push(warning(
            Rule::CaseRecord,
            FieldPath::Case(n.index, field),
            msg::case_blank_box(n.no, &labels),
        ));
    }
}

/// Whether a case counts; pushes one finding naming everything that keeps it from counting.
fn case_counts(n: Numbered, case: &Case, period: &ActivityPeriod, out: &mut Vec<Finding>) -> bool {
    let missing: Vec<CaseField> = [
        (CaseField::Date, case.date.is_none()),
        (CaseField::Age, case.age.is_none()),
        (CaseField::Sex, case.sex.is_none()),
        (CaseField::Diagnosis, case.diagnosis.trim().is_empty()),
        (CaseField::Facility, case.facility.trim().is_empty()),
    ]
    .into_iter()
    // A field holding unreadable text has its own error (rules::unread), not "missing".
    .filter(|(field, _)| !case.unread.contains_key(field))
    .filter_map(|(field, blank)| blank.then_some(field))
    .collect();
    if let Some(&field) = missing.first() {
        let labels: Vec<&str> = missing.iter().map(|f| f.label()).collect();
        out.push(warning(
            Rule::CaseRecord,
            FieldPath::Case(n.index, field),
            msg::case_incomplete(n.no, &labels),
        ));
        return false;
    }
    if !case.unread.is_empty() {
        return false;
    }
    if let Some(date) = case.date
        && !period.contains(date)
    {
        let message = match period.pause_at(date) {
            Some(pause) => msg::case_in_pause(n.no, date, pause),
            None => msg::case_outside_period(n.no, date, period),
        };
        out.push(warning(
            Rule::ActivityPeriod,
            FieldPath::Case(n.index, CaseField::Date),
            message,
        ));
        return false;
    }
    if case.age.is_some_and(|a| a > 120) {
        out.push(warning(
            Rule::CaseRecord,
            FieldPath::Case(n.index, CaseField::Age),
            msg::case_bad_age(n.no),
        ));
        return false;
    }
    true
}

/// Per credit: computed units and whether it counts, before category caps.
struct CreditValidity {
    units: Vec<u32>,
    counted: Vec<bool>,
}

/// Where the rules take a credit's units from: what the window lets the user type for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitsInput {
    /// The units as entered.
    Entered,
    /// The lecture's minutes.
    Minutes,
    /// The role (筆頭 / 共著 …).
    Role,
    /// A fixed number per entry.
    Fixed,
}

/// What decides a credit's units under `rules` ([`credit_units`] computes them the same way).
pub fn units_input(credit: &Credit, rules: Option<&RuleSet>) -> UnitsInput {
    match credit.kind {
        CreditKind::SelfStudy => UnitsInput::Entered,
        CreditKind::Common(_) | CreditKind::Domain => match credit.mode {
            Mode::Lectured { .. } => UnitsInput::Minutes,
            Mode::Attended | Mode::ELearning => UnitsInput::Entered,
        },
        CreditKind::Activity(item) => match rules.and_then(|r| r.item_rule(item)).map(|r| &r.units)
        {
            Some(ItemUnits::AsEntered) | None => UnitsInput::Entered,
            Some(ItemUnits::PerEntry(_)) => UnitsInput::Fixed,
            Some(ItemUnits::ByRole { .. }) => UnitsInput::Role,
            Some(ItemUnits::ByMinutes(_)) => UnitsInput::Minutes,
        },
    }
}

fn credit_units(credit: &Credit, rules: &RuleSet) -> u32 {
    match credit.kind {
        CreditKind::SelfStudy => credit.units,
        CreditKind::Common(_) | CreditKind::Domain => match credit.mode {
            Mode::Lectured { minutes } => units_for_minutes(&rules.lecturing, minutes),
            Mode::Attended | Mode::ELearning => credit.units,
        },
        CreditKind::Activity(item) => match rules.item_rule(item).map(|r| &r.units) {
            Some(ItemUnits::AsEntered) | None => credit.units,
            Some(ItemUnits::PerEntry(n)) => *n,
            Some(ItemUnits::ByRole {
                first,
                second,
                other,
            }) => match credit.role {
                Role::First => *first,
                Role::Second => *second,
                Role::Other => *other,
            },
            Some(ItemUnits::ByMinutes(steps)) => match credit.mode {
                Mode::Lectured { minutes } => units_for_minutes(steps, minutes),
                Mode::Attended | Mode::ELearning => 0,
            },
        },
    }
}

fn proof_need(credit: &Credit, rules: &RuleSet) -> ProofNeed {
    match credit.kind {
        CreditKind::Common(_) | CreditKind::Domain => match credit.mode {
            Mode::Attended => rules.lecture_proof.attended,
            Mode::Lectured { .. } => rules.lecture_proof.lectured,
            Mode::ELearning => rules.lecture_proof.elearning,
        },
        CreditKind::Activity(item) => rules.item_rule(item).map_or(ProofNeed::Always, |r| r.proof),
        CreditKind::SelfStudy => rules
            .self_study
            .as_ref()
            .map_or(ProofNeed::Always, |s| s.proof),
    }
}

/// What to enclose for a credit, or `None` when nothing is needed.
pub fn proof_to_enclose<'r>(credit: &Credit, rules: &'r RuleSet) -> Option<&'r str> {
    let needed = match proof_need(credit, rules) {
        ProofNeed::Always => true,
        ProofNeed::UnlessOnPortal => !credit.on_portal,
        ProofNeed::Never => false,
    };
    if !needed {
        return None;
    }
    Some(match credit.kind {
        CreditKind::Common(_) | CreditKind::Domain => match credit.mode {
            Mode::Attended => rules.lecture_proof.attended_text.as_str(),
            Mode::Lectured { .. } => rules.lecture_proof.lectured_text.as_str(),
            Mode::ELearning => rules.lecture_proof.elearning_text.as_str(),
        },
        CreditKind::Activity(item) => rules
            .item_rule(item)
            .map_or("証明書類", |r| r.proof_text.as_str()),
        CreditKind::SelfStudy => rules
            .self_study
            .as_ref()
            .map_or("証明書類", |s| s.proof_text.as_str()),
    })
}

fn credit_validity(
    app: &Application,
    rules: &RuleSet,
    period: &ActivityPeriod,
    out: &mut Vec<Finding>,
) -> CreditValidity {
    let n = app.credits.len();
    let mut units = Vec::with_capacity(n);
    let mut counted = Vec::with_capacity(n);
    for (i, credit) in app.credits.iter().enumerate() {
        let u = credit_units(credit, rules);
        units.push(u);
        counted.push(credit_counts(i, credit, u, (rules, period), out));
    }
    mark_double_counting(app, &units, &mut counted, out);
    CreditValidity { units, counted }
}

fn credit_counts(
    i: usize,
    c: &Credit,
    units: u32,
    (rules, period): (&RuleSet, &ActivityPeriod),
    out: &mut Vec<Finding>,
) -> bool {
    // An impossible figure is an error to fix, never counted: a wrapped or mistyped number must
    // not carry the application over the line.
    let plausible = rules.plausible;
    if let Mode::Lectured { minutes } = c.mode
        && minutes > plausible.max_lecture_minutes
    {
        out.push(error(
            Rule::Plausible,
            FieldPath::Credit(i, CreditField::Minutes),
            msg::implausible_minutes(&c.title, minutes, plausible.max_lecture_minutes),
        ));
        return false;
    }
    if units > plausible.max_units_per_credit {
        out.push(error(
            Rule::Plausible,
            FieldPath::Credit(i, CreditField::Units),
            msg::implausible_units(&c.title, units, plausible.max_units_per_credit),
        ));
        return false;
    }
    if c.kind == CreditKind::SelfStudy && rules.self_study.is_none() {
        out.push(warning(
            Rule::SelfStudy,
            FieldPath::Credit(i, CreditField::Kind),
            msg::self_study_not_this_year(&c.title, rules.fiscal_year),
        ));
        return false;
    }
    let Some(date) = c.date else {
        out.push(warning(
            Rule::ApplicationForm,
            FieldPath::Credit(i, CreditField::Date),
            msg::credit_no_date(&c.title),
        ));
        return false;
    };
    if !period.contains(date) {
        let message = match period.pause_at(date) {
            Some(pause) => msg::credit_in_pause(&c.title, date, pause),
            None => msg::credit_outside_period(&c.title, date, period),
        };
        out.push(warning(
            Rule::ActivityPeriod,
            FieldPath::Credit(i, CreditField::Date),
            message,
        ));
        return false;
    }
    if c.title.trim().is_empty() {
        out.push(warning(
            Rule::ApplicationForm,
            FieldPath::Credit(i, CreditField::Title),
            msg::credit_no_title(i),
        ));
        return false;
    }
    if c.mode == (Mode::Lectured { minutes: 0 }) {
        // The minutes start empty (0) for a lecture: they decide its units, so they are needed.
        out.push(warning(
            Rule::Lecturing,
            FieldPath::Credit(i, CreditField::Minutes),
            msg::lecture_minutes_missing(&c.title),
        ));
        return false;
    }
    if let Mode::Lectured { minutes } = c.mode
        && units == 0
    {
        out.push(warning(
            Rule::Lecturing,
            FieldPath::Credit(i, CreditField::Minutes),
            msg::lecture_too_short(&c.title, minutes),
        ));
        return false;
    }
    if c.kind == CreditKind::Activity(ActivityItem::MeetingAttendance) && !c.on_portal {
        out.push(warning(
            Rule::Activity,
            FieldPath::Credit(i, CreditField::OnPortal),
            msg::attendance_not_on_portal(&c.title),
        ));
        return false;
    }
    if let Some(what) = proof_to_enclose(c, rules)
        && !c.proof_enclosed
    {
        out.push(warning(
            Rule::Proof,
            FieldPath::Credit(i, CreditField::ProofEnclosed),
            msg::proof_missing(&c.title, what),
        ));
        return false;
    }
    if units == 0 {
        out.push(warning(
            Rule::ApplicationForm,
            FieldPath::Credit(i, CreditField::Units),
            msg::credit_zero_units(&c.title),
        ));
        return false;
    }
    true
}

/// Lecture titles compared without spaces, width or letter case.
fn lecture_key(title: &str) -> String {
    crate::dates::fold_width(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why an entry of a lecture is not counted again.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Double {
    /// The same attendance entered twice for the same day.
    Entered,
    /// Attended, but lectured at (or took as e-learning) the same lecture for more units.
    Attended,
    /// Lectured at a lecture whose attendance counts for more units.
    Lectured,
    /// E-learning of a lecture attended on site.
    ELearning,
}

/// The same lecture attended and taken again as e-learning, or attended and lectured, counts once
/// (§7(5), §8(4), §10(4)); the same attendance entered twice counts once too.
///
/// Within one lecture (same category and title) attendances conflict with lecturing and with
/// e-learning, so the side worth more units counts. Choosing the larger side keeps the rule
/// monotone: adding an entry never lowers the total.
fn mark_double_counting(
    app: &Application,
    units: &[u32],
    counted: &mut [bool],
    out: &mut Vec<Finding>,
) {
    let mut groups: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    for (i, c) in app.credits.iter().enumerate() {
        let domain = match c.kind {
            CreditKind::Common(_) => false,
            CreditKind::Domain => true,
            CreditKind::Activity(_) | CreditKind::SelfStudy => continue,
        };
        if counted[i] {
            groups
                .entry((domain, lecture_key(&c.title)))
                .or_default()
                .push(i);
        }
    }
    let mut dropped: Vec<(usize, Double)> = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut attended: Vec<usize> = Vec::new();
        let mut others: Vec<usize> = Vec::new();
        for &i in members {
            let credit = &app.credits[i];
            if credit.mode != Mode::Attended {
                others.push(i);
            } else if attended.iter().any(|&j| app.credits[j].date == credit.date) {
                dropped.push((i, Double::Entered));
            } else {
                attended.push(i);
            }
        }
        if attended.is_empty() || others.is_empty() {
            continue;
        }
        let sum = |set: &[usize]| -> u32 { sum(set.iter().map(|&i| units[i])) };
        let lectured = others
            .iter()
            .any(|&i| matches!(app.credits[i].mode, Mode::Lectured { .. }));
        let (a, o) = (sum(&attended), sum(&others));
        if o > a || (o == a && lectured) {
            dropped.extend(attended.iter().map(|&i| (i, Double::Attended)));
        } else {
            dropped.extend(others.iter().map(|&i| {
                let why = if app.credits[i].mode == Mode::ELearning {
                    Double::ELearning
                } else {
                    Double::Lectured
                };
                (i, why)
            }));
        }
    }
    dropped.sort_unstable();
    for (i, why) in dropped {
        counted[i] = false;
        let title = &app.credits[i].title;
        let message = match why {
            Double::Entered => msg::double_entered(title),
            Double::Attended => msg::double_attended(title),
            Double::Lectured => msg::double_lectured(title),
            Double::ELearning => msg::double_elearning(title),
        };
        out.push(warning(
            Rule::CountedOnce,
            FieldPath::Credit(i, CreditField::Title),
            message,
        ));
    }
}

fn cap(units: u32, max: Option<u32>) -> u32 {
    max.map_or(units, |m| units.min(m))
}

/// A total that saturates rather than wraps (or panics): no sum of entries may come out smaller
/// than one of its parts. Counted entries are bounded by the rule set's plausible maxima, so
/// saturation is only ever reached by `claimed` figures of impossible entries, which are errors.
fn sum(parts: impl Iterator<Item = u32>) -> u32 {
    parts.fold(0, u32::saturating_add)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn capped_category(
    code: CategoryCode,
    claimed: u32,
    valid: u32,
    limits: Limits,
    out: &mut Vec<Finding>,
) -> CategoryReport {
    let counted = cap(valid, limits.max);
    if counted < valid {
        out.push(warning(
            code.rule(),
            FieldPath::Category(code),
            msg::category_capped(code, valid, counted),
        ));
    }
    if counted < limits.min {
        out.push(error(
            code.rule(),
            FieldPath::Category(code),
            msg::category_short(code, limits.min - counted),
        ));
    }
    CategoryReport {
        code,
        name: code.label(),
        claimed,
        counted,
        min: limits.min,
        max: limits.max,
        ok: counted >= limits.min,
    }
}

fn common_report(
    app: &Application,
    rules: &RuleSet,
    v: &CreditValidity,
    b_status: BStatus,
    out: &mut Vec<Finding>,
) -> (CategoryReport, Vec<TopicTally>) {
    let mut tallies: Vec<TopicTally> = CommonTopic::ALL
        .iter()
        .map(|&topic| TopicTally {
            topic,
            claimed: 0,
            counted: 0,
            counted_lecturing: 0,
            counted_on_portal: 0,
        })
        .collect();
    for (i, c) in app.credits.iter().enumerate() {
        let CreditKind::Common(topic) = c.kind else {
            continue;
        };
        let Some(t) = tallies.iter_mut().find(|t| t.topic == topic) else {
            continue;
        };
        let u = v.units[i];
        t.claimed = t.claimed.saturating_add(u);
        if v.counted[i] {
            t.counted = t.counted.saturating_add(u);
            if matches!(c.mode, Mode::Lectured { .. }) {
                t.counted_lecturing = t.counted_lecturing.saturating_add(u);
            }
            if c.on_portal {
                t.counted_on_portal = t.counted_on_portal.saturating_add(u);
            }
        }
    }
    let claimed = sum(tallies.iter().map(|t| t.claimed));
    let valid = sum(tallies.iter().map(|t| t.counted));
    let mut report = capped_category(
        CategoryCode::Common,
        claimed,
        valid,
        rules.common.limits,
        out,
    );
    for &topic in &rules.common.required_topics {
        let have = tallies
            .iter()
            .find(|t| t.topic == topic)
            .map_or(0, |t| t.counted);
        if have < rules.common.required_topic_min {
            report.ok = false;
            out.push(error(
                Rule::RequiredA,
                FieldPath::Topic(topic),
                msg::topic_short(topic, rules.common.required_topic_min - have),
            ));
        }
    }
    if b_status == BStatus::Required
        && let Some(b) = &rules.common.required_b
    {
        let have = |topic: CommonTopic| {
            tallies
                .iter()
                .find(|t| t.topic == topic)
                .map_or(0, |t| t.counted)
        };
        for &topic in &b.topics {
            if have(topic) < b.min_units_per_topic {
                report.ok = false;
                out.push(error(
                    Rule::RequiredB,
                    FieldPath::Topic(topic),
                    msg::b_topic_short(
                        topic,
                        b.min_units_per_topic - have(topic),
                        app.applicant.first_certified_year,
                        rules.fiscal_year,
                        b.regional_waiver.is_some(),
                    ),
                ));
            }
        }
        let total = tallies
            .iter()
            .filter(|t| t.topic.group() == CommonGroup::B)
            .map(|t| t.counted)
            .fold(0, u32::saturating_add);
        if total < b.min_units {
            report.ok = false;
            out.push(error(
                Rule::RequiredB,
                FieldPath::Category(CategoryCode::Common),
                msg::required_b_short(
                    b,
                    b.min_units - total,
                    app.applicant.first_certified_year,
                    rules.fiscal_year,
                ),
            ));
        }
    }
    (report, tallies)
}

fn domain_report(
    app: &Application,
    rules: &RuleSet,
    v: &CreditValidity,
    out: &mut Vec<Finding>,
) -> CategoryReport {
    let (mut claimed, mut valid) = (0u32, 0u32);
    for (i, c) in app.credits.iter().enumerate() {
        if c.kind == CreditKind::Domain {
            claimed = claimed.saturating_add(v.units[i]);
            if v.counted[i] {
                valid = valid.saturating_add(v.units[i]);
            }
        }
    }
    capped_category(CategoryCode::Domain, claimed, valid, rules.domain, out)
}

fn activity_report(
    app: &Application,
    rules: &RuleSet,
    v: &CreditValidity,
    out: &mut Vec<Finding>,
) -> (CategoryReport, Vec<ItemTally>) {
    let mut items = Vec::with_capacity(ActivityItem::ALL.len());
    for item in ActivityItem::ALL {
        let rule = rules.item_rule(item);
        let mut claimed = 0u32;
        let mut per_year: HashMap<i32, u32> = HashMap::new();
        for (i, c) in app.credits.iter().enumerate() {
            if c.kind != CreditKind::Activity(item) {
                continue;
            }
            claimed = claimed.saturating_add(v.units[i]);
            if v.counted[i]
                && let Some(date) = c.date
            {
                let year = per_year.entry(fiscal_year(date)).or_default();
                *year = year.saturating_add(v.units[i]);
            }
        }
        let valid = sum(per_year.values().copied());
        let per_year_cap = rule.and_then(|r| r.cap_per_fiscal_year);
        let after_year_cap = sum(per_year.values().map(|&u| cap(u, per_year_cap)));
        let item_cap = rule.and_then(|r| r.cap);
        let counted = cap(after_year_cap, item_cap);
        if counted < valid {
            out.push(warning(
                Rule::Activity,
                FieldPath::Category(CategoryCode::Activity),
                msg::item_capped(item, valid, counted, item_cap, per_year_cap),
            ));
        }
        items.push(ItemTally {
            item,
            claimed,
            counted,
            cap: item_cap,
        });
    }
    let claimed = sum(items.iter().map(|t| t.claimed));
    let valid = sum(items.iter().map(|t| t.counted));
    let report = capped_category(
        CategoryCode::Activity,
        claimed,
        valid,
        rules.activity.limits,
        out,
    );
    (report, items)
}
