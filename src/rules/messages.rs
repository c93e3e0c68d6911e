//! Every finding's kind and wording, in one place so it can be reviewed as Japanese prose.
//!
//! A finding is a [`Kind`] with its data (the case's No., the date, the figures); its Japanese
//! sentence is made from that here alone, by [`Kind::message`]. The evaluator and the
//! pre-flight check build kinds through the constructors below; nobody edits the sentences.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::category::CategoryCode;
use super::period::{ActivityPeriod, PeriodBasis};
use super::ruleset::{DateRange, RegionalWaiver, RequiredB, RuleSet};
use crate::dates::format_kanji;
use crate::model::{ActivityItem, ApplicationKind, CommonTopic};

/// What a finding says, with its data. Serialised in `check --json` as `kind`, its variant
/// under `type` (snake case) beside its data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    WrongRuleYear {
        app: u16,
        rules: u16,
    },
    RequiredMissing {
        label: String,
    },
    FormFieldMissing {
        label: String,
    },
    OutsideWindow {
        date: NaiveDate,
        window: DateRange,
    },
    NumberNotDue {
        suffix: String,
        year: u16,
    },
    NumberKindMismatch {
        implied: ApplicationKind,
        declared: ApplicationKind,
    },
    MaybeExempt {
        inferred: u8,
        declared: u8,
    },
    MaybeNotExempt {
        inferred: u8,
        declared: u8,
    },
    ExemptCasesIgnored {
        count: usize,
    },
    CasesShort {
        needed: usize,
        valid: usize,
        min: usize,
    },
    CasesOverMax {
        valid: usize,
        max: usize,
    },
    CaseInPause {
        no: usize,
        date: NaiveDate,
        pause: DateRange,
    },
    CaseBadAge {
        no: usize,
    },
    CreditNoDate {
        title: String,
    },
    CreditInPause {
        title: String,
        date: NaiveDate,
        pause: DateRange,
    },
    PauseDateMissing {
        i: usize,
        label: String,
    },
    PauseBackwards {
        i: usize,
        from: NaiveDate,
        until: NaiveDate,
    },
    CreditNoTitle {
        i: usize,
    },
    LectureMinutesMissing {
        title: String,
    },
    MailToBlank {
        mail_to: String,
        address: String,
    },
    NoWorkplaces,
    LectureTooShort {
        title: String,
        minutes: u32,
    },
    AttendanceNotOnPortal {
        title: String,
    },
    ProofMissing {
        title: String,
        what: String,
    },
    ImplausibleUnits {
        title: String,
        units: u32,
        max: u32,
    },
    ImplausibleMinutes {
        title: String,
        minutes: u32,
        max: u32,
    },
    ImplausibleWeek {
        row: usize,
        label: String,
        max: f32,
    },
    CreditZeroUnits {
        title: String,
    },
    DoubleAttended {
        title: String,
    },
    DoubleLectured {
        title: String,
    },
    DoubleElearning {
        title: String,
    },
    DoubleEntered {
        title: String,
    },
    CategoryCapped {
        code: CategoryCode,
        valid: u32,
        counted: u32,
    },
    CategoryShort {
        code: CategoryCode,
        needed: u32,
    },
    TopicShort {
        topic: CommonTopic,
        needed: u32,
    },
    ItemCapped {
        item: ActivityItem,
        valid: u32,
        counted: u32,
        cap: Option<u32>,
        per_year: Option<u32>,
    },
    TotalShort {
        total: u32,
        required: u32,
    },
    RouteMissing {
        from: u16,
    },
    FirstYearMissing {
        from: u16,
    },
    FirstYearAfterCurrentPeriod {
        first: u16,
        from: NaiveDate,
    },
    BTopicShort {
        topic: CommonTopic,
        needed: u32,
        year: Option<u16>,
        fiscal_year: u16,
        waiver: bool,
    },
    SelfStudyNotThisYear {
        title: String,
        year: u16,
    },
    ClinicalShort {
        cases: usize,
        valid: usize,
        units: u32,
        study: u32,
    },
    RegionalNotInWorkplaces {
        days: i64,
        w: RegionalWaiver,
    },
    FirstYearNotNumber {
        first: u16,
        yy: u8,
        number: String,
    },
    SocietyRouteTooLate {
        first: u16,
        board_from: u16,
    },
    /// A value typed that does not read as one.
    Unread {
        name: String,
        text: String,
    },
    FacilityNotInWorkplaces {
        name: String,
        first_no: usize,
        cases: usize,
    },
    WorkplaceMissingFacility {
        name: String,
        cases: usize,
        dates: Option<(NaiveDate, NaiveDate)>,
    },
    NumberUnrecognised {
        endings: Vec<String>,
        year: u16,
    },
    CaseIncomplete {
        no: usize,
        labels: Vec<String>,
    },
    CaseBlankBox {
        no: usize,
        labels: Vec<String>,
    },
    CaseOutsidePeriod {
        no: usize,
        date: NaiveDate,
        period: Period,
    },
    CreditOutsidePeriod {
        title: String,
        date: NaiveDate,
        period: Period,
    },
    PausesOverlap {
        pause: usize,
        from: NaiveDate,
        until: NaiveDate,
        other: usize,
        other_from: NaiveDate,
        other_until: NaiveDate,
    },
    PauseOutsideCertification {
        pause: usize,
        from: NaiveDate,
        until: NaiveDate,
        certified_from: NaiveDate,
        certified_until: NaiveDate,
    },
    PauseAfterPeriod {
        pause: usize,
        from: NaiveDate,
        until: NaiveDate,
        period_end: NaiveDate,
    },
    RequiredBShort {
        needed: u32,
        year: Option<u16>,
        fiscal_year: u16,
        min_units: u32,
        min_units_assumed: bool,
    },
    ExemptionEnded {
        renewals: u8,
        fiscal_year: u16,
        cases_per_unit: u32,
        min_units: u32,
        self_study: bool,
    },
    KindNotOffered {
        kind: ApplicationKind,
        fiscal_year: u16,
        offered: Vec<ApplicationKind>,
    },
    RegionalSuggested {
        facilities: Vec<String>,
        days: i64,
        waiver: RegionalWaiver,
    },
    /// The embedded font could not be read (a broken build).
    FontUnavailable,
    /// Characters of a value the embedded font has no glyph for.
    MissingGlyph {
        field: String,
        chars: String,
    },
    /// A value longer than its cell of fixed size.
    TooLong {
        field: String,
    },
    /// Cases outside the period that 様式3 would print (paper Nos., ascending).
    CasesOutsidePeriodPrinted {
        numbers: Vec<usize>,
        period: Period,
    },
    /// A value that does not read as one, printed as a blank box.
    UnreadPrintedBlank {
        name: String,
        text: String,
    },
}

/// The activity period as a finding quotes it: its days, and why it is not the rule set's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// 猶予後 / 活動休止 …, where the period is not the regular one.
    pub reason: Option<String>,
    /// Whether pauses are cut out of it.
    pub paused: bool,
}

impl Period {
    /// The period of a finding.
    pub fn of(p: &ActivityPeriod) -> Period {
        Period {
            start: p.start,
            end: p.end,
            reason: (!p.is_regular()).then(|| p.reason.clone()),
            paused: !p.pauses.is_empty(),
        }
    }

    fn span_text(&self) -> String {
        period(DateRange {
            start: self.start,
            end: self.end,
        })
    }

    /// Its days, with why where it is not the regular one.
    fn applied(&self) -> String {
        match &self.reason {
            Some(r) => format!("{}・{r}", self.span_text()),
            None => self.span_text(),
        }
    }
}

impl Kind {
    /// The finding in plain Japanese, saying what to do.
    pub fn message(&self) -> String {
        match self {
            Kind::WrongRuleYear { app, rules } => wrong_rule_year_text(*app, *rules),
            Kind::RequiredMissing { label } => required_missing_text(label),
            Kind::FormFieldMissing { label } => form_field_missing_text(label),
            Kind::OutsideWindow { date, window } => outside_window_text(*date, *window),
            Kind::NumberNotDue { suffix, year } => number_not_due_text(suffix, *year),
            Kind::NumberKindMismatch { implied, declared } => {
                number_kind_mismatch_text(*implied, *declared)
            }
            Kind::MaybeExempt { inferred, declared } => maybe_exempt_text(*inferred, *declared),
            Kind::MaybeNotExempt { inferred, declared } => {
                maybe_not_exempt_text(*inferred, *declared)
            }
            Kind::ExemptCasesIgnored { count } => exempt_cases_ignored_text(*count),
            Kind::CasesShort { needed, valid, min } => cases_short_text(*needed, *valid, *min),
            Kind::CasesOverMax { valid, max } => cases_over_max_text(*valid, *max),
            Kind::CaseInPause { no, date, pause } => case_in_pause_text(*no, *date, *pause),
            Kind::CaseBadAge { no } => case_bad_age_text(*no),
            Kind::CreditNoDate { title } => credit_no_date_text(title),
            Kind::CreditInPause { title, date, pause } => {
                credit_in_pause_text(title, *date, *pause)
            }
            Kind::PauseDateMissing { i, label } => pause_date_missing_text(*i, label),
            Kind::PauseBackwards { i, from, until } => pause_backwards_text(*i, *from, *until),
            Kind::CreditNoTitle { i } => credit_no_title_text(*i),
            Kind::LectureMinutesMissing { title } => lecture_minutes_missing_text(title),
            Kind::MailToBlank { mail_to, address } => mail_to_blank_text(mail_to, address),
            Kind::NoWorkplaces => no_workplaces_text(),
            Kind::LectureTooShort { title, minutes } => lecture_too_short_text(title, *minutes),
            Kind::AttendanceNotOnPortal { title } => attendance_not_on_portal_text(title),
            Kind::ProofMissing { title, what } => proof_missing_text(title, what),
            Kind::ImplausibleUnits { title, units, max } => {
                implausible_units_text(title, *units, *max)
            }
            Kind::ImplausibleMinutes {
                title,
                minutes,
                max,
            } => implausible_minutes_text(title, *minutes, *max),
            Kind::ImplausibleWeek { row, label, max } => implausible_week_text(*row, label, *max),
            Kind::CreditZeroUnits { title } => credit_zero_units_text(title),
            Kind::DoubleAttended { title } => double_attended_text(title),
            Kind::DoubleLectured { title } => double_lectured_text(title),
            Kind::DoubleElearning { title } => double_elearning_text(title),
            Kind::DoubleEntered { title } => double_entered_text(title),
            Kind::CategoryCapped {
                code,
                valid,
                counted,
            } => category_capped_text(*code, *valid, *counted),
            Kind::CategoryShort { code, needed } => category_short_text(*code, *needed),
            Kind::TopicShort { topic, needed } => topic_short_text(*topic, *needed),
            Kind::ItemCapped {
                item,
                valid,
                counted,
                cap,
                per_year,
            } => item_capped_text(*item, *valid, *counted, *cap, *per_year),
            Kind::TotalShort { total, required } => total_short_text(*total, *required),
            Kind::RouteMissing { from } => route_missing_text(*from),
            Kind::FirstYearMissing { from } => first_year_missing_text(*from),
            Kind::FirstYearAfterCurrentPeriod { first, from } => {
                first_year_after_current_period_text(*first, *from)
            }
            Kind::BTopicShort {
                topic,
                needed,
                year,
                fiscal_year,
                waiver,
            } => b_topic_short_text(*topic, *needed, *year, *fiscal_year, *waiver),
            Kind::SelfStudyNotThisYear { title, year } => {
                self_study_not_this_year_text(title, *year)
            }
            Kind::ClinicalShort {
                cases,
                valid,
                units,
                study,
            } => clinical_short_text(*cases, *valid, *units, *study),
            Kind::RegionalNotInWorkplaces { days, w } => regional_not_in_workplaces_text(*days, *w),
            Kind::FirstYearNotNumber { first, yy, number } => {
                first_year_not_number_text(*first, *yy, number)
            }
            Kind::SocietyRouteTooLate { first, board_from } => {
                society_route_too_late_text(*first, *board_from)
            }
            Kind::Unread { name, text } => unread_text(name, text),
            Kind::FacilityNotInWorkplaces {
                name,
                first_no,
                cases,
            } => facility_not_in_workplaces_text(name, *first_no, *cases),
            Kind::WorkplaceMissingFacility { name, cases, dates } => {
                workplace_missing_facility_text(name, *cases, *dates)
            }
            Kind::NumberUnrecognised { endings, year } => number_unrecognised_text(endings, *year),
            Kind::CaseIncomplete { no, labels } => case_incomplete_text(*no, labels),
            Kind::CaseBlankBox { no, labels } => case_blank_box_text(*no, labels),
            Kind::CaseOutsidePeriod { no, date, period } => {
                case_outside_period_text(*no, *date, period)
            }
            Kind::CreditOutsidePeriod {
                title,
                date,
                period,
            } => credit_outside_period_text(title, *date, period),
            Kind::PausesOverlap {
                pause,
                from,
                until,
                other,
                other_from,
                other_until,
            } => pauses_overlap_text((*pause, *from, *until), (*other, *other_from, *other_until)),
            Kind::PauseOutsideCertification {
                pause,
                from,
                until,
                certified_from,
                certified_until,
            } => pause_outside_certification_text(
                *pause,
                (*from, *until),
                (*certified_from, *certified_until),
            ),
            Kind::PauseAfterPeriod {
                pause,
                from,
                until,
                period_end,
            } => pause_after_period_text(*pause, (*from, *until), *period_end),
            Kind::RequiredBShort {
                needed,
                year,
                fiscal_year,
                min_units,
                min_units_assumed,
            } => {
                required_b_short_text(*min_units, *min_units_assumed, *needed, *year, *fiscal_year)
            }
            Kind::ExemptionEnded {
                renewals,
                fiscal_year,
                cases_per_unit,
                min_units,
                self_study,
            } => exemption_ended_text(
                *renewals,
                *fiscal_year,
                *cases_per_unit,
                *min_units,
                *self_study,
            ),
            Kind::KindNotOffered {
                kind,
                fiscal_year,
                offered,
            } => kind_not_offered_text(*kind, *fiscal_year, offered),
            Kind::RegionalSuggested {
                facilities,
                days,
                waiver,
            } => regional_suggested_text(facilities, *days, *waiver),
            Kind::FontUnavailable => "印刷用フォントを読み込めません".to_string(),
            Kind::MissingGlyph { field, chars } => format!(
                "{field}の「{chars}」は印刷用フォントにない文字です。このままでは空白や□で印刷されます。別の文字に置き換えるか、削除してください。"
            ),
            Kind::TooLong { field } => {
                format!("{field}が長すぎて、様式の欄に収まりません。短くしてください。")
            }
            Kind::CasesOutsidePeriodPrinted { numbers, period } => {
                cases_outside_period_printed_text(numbers, period)
            }
            Kind::UnreadPrintedBlank { name, text } => {
                format!("{name}「{text}」は読めないため、様式には空欄で印刷されます。")
            }
        }
    }
}

pub(super) fn wrong_rule_year(app: u16, rules: u16) -> Kind {
    Kind::WrongRuleYear { app, rules }
}

pub(super) fn required_missing(label: &str) -> Kind {
    Kind::RequiredMissing {
        label: label.to_owned(),
    }
}

pub(super) fn form_field_missing(label: &str) -> Kind {
    Kind::FormFieldMissing {
        label: label.to_owned(),
    }
}

pub(super) fn outside_window(date: NaiveDate, window: DateRange) -> Kind {
    Kind::OutsideWindow { date, window }
}

pub(super) fn number_not_due(suffix: &str, year: u16) -> Kind {
    Kind::NumberNotDue {
        suffix: suffix.to_owned(),
        year,
    }
}

pub(super) fn number_kind_mismatch(implied: ApplicationKind, declared: ApplicationKind) -> Kind {
    Kind::NumberKindMismatch { implied, declared }
}

pub(super) fn maybe_exempt(inferred: u8, declared: u8) -> Kind {
    Kind::MaybeExempt { inferred, declared }
}

pub(super) fn maybe_not_exempt(inferred: u8, declared: u8) -> Kind {
    Kind::MaybeNotExempt { inferred, declared }
}

pub(super) fn exempt_cases_ignored(count: usize) -> Kind {
    Kind::ExemptCasesIgnored { count }
}

pub(super) fn cases_short(needed: usize, valid: usize, min: usize) -> Kind {
    Kind::CasesShort { needed, valid, min }
}

pub(super) fn cases_over_max(valid: usize, max: usize) -> Kind {
    Kind::CasesOverMax { valid, max }
}

pub(super) fn case_in_pause(no: usize, date: NaiveDate, pause: DateRange) -> Kind {
    Kind::CaseInPause { no, date, pause }
}

pub(super) fn case_bad_age(no: usize) -> Kind {
    Kind::CaseBadAge { no }
}

pub(super) fn credit_no_date(title: &str) -> Kind {
    Kind::CreditNoDate {
        title: title.to_owned(),
    }
}

pub(super) fn credit_in_pause(title: &str, date: NaiveDate, pause: DateRange) -> Kind {
    Kind::CreditInPause {
        title: title.to_owned(),
        date,
        pause,
    }
}

pub(super) fn pause_date_missing(i: usize, label: &str) -> Kind {
    Kind::PauseDateMissing {
        i,
        label: label.to_owned(),
    }
}

pub(super) fn pause_backwards(i: usize, from: NaiveDate, until: NaiveDate) -> Kind {
    Kind::PauseBackwards { i, from, until }
}

pub(super) fn credit_no_title(i: usize) -> Kind {
    Kind::CreditNoTitle { i }
}

pub(super) fn lecture_minutes_missing(title: &str) -> Kind {
    Kind::LectureMinutesMissing {
        title: title.to_owned(),
    }
}

pub(super) fn mail_to_blank(mail_to: &str, address: &str) -> Kind {
    Kind::MailToBlank {
        mail_to: mail_to.to_owned(),
        address: address.to_owned(),
    }
}

pub(super) fn no_workplaces() -> Kind {
    Kind::NoWorkplaces
}

pub(super) fn lecture_too_short(title: &str, minutes: u32) -> Kind {
    Kind::LectureTooShort {
        title: title.to_owned(),
        minutes,
    }
}

pub(super) fn attendance_not_on_portal(title: &str) -> Kind {
    Kind::AttendanceNotOnPortal {
        title: title.to_owned(),
    }
}

pub(super) fn proof_missing(title: &str, what: &str) -> Kind {
    Kind::ProofMissing {
        title: title.to_owned(),
        what: what.to_owned(),
    }
}

pub(super) fn implausible_units(title: &str, units: u32, max: u32) -> Kind {
    Kind::ImplausibleUnits {
        title: title.to_owned(),
        units,
        max,
    }
}

pub(super) fn implausible_minutes(title: &str, minutes: u32, max: u32) -> Kind {
    Kind::ImplausibleMinutes {
        title: title.to_owned(),
        minutes,
        max,
    }
}

pub(super) fn implausible_week(row: usize, label: &str, max: f32) -> Kind {
    Kind::ImplausibleWeek {
        row,
        label: label.to_owned(),
        max,
    }
}

pub(super) fn credit_zero_units(title: &str) -> Kind {
    Kind::CreditZeroUnits {
        title: title.to_owned(),
    }
}

pub(super) fn double_attended(title: &str) -> Kind {
    Kind::DoubleAttended {
        title: title.to_owned(),
    }
}

pub(super) fn double_lectured(title: &str) -> Kind {
    Kind::DoubleLectured {
        title: title.to_owned(),
    }
}

pub(super) fn double_elearning(title: &str) -> Kind {
    Kind::DoubleElearning {
        title: title.to_owned(),
    }
}

pub(super) fn double_entered(title: &str) -> Kind {
    Kind::DoubleEntered {
        title: title.to_owned(),
    }
}

pub(super) fn category_capped(code: CategoryCode, valid: u32, counted: u32) -> Kind {
    Kind::CategoryCapped {
        code,
        valid,
        counted,
    }
}

pub(super) fn category_short(code: CategoryCode, needed: u32) -> Kind {
    Kind::CategoryShort { code, needed }
}

pub(super) fn topic_short(topic: CommonTopic, needed: u32) -> Kind {
    Kind::TopicShort { topic, needed }
}

pub(super) fn item_capped(
    item: ActivityItem,
    valid: u32,
    counted: u32,
    cap: Option<u32>,
    per_year: Option<u32>,
) -> Kind {
    Kind::ItemCapped {
        item,
        valid,
        counted,
        cap,
        per_year,
    }
}

pub(super) fn total_short(total: u32, required: u32) -> Kind {
    Kind::TotalShort { total, required }
}

pub(super) fn route_missing(from: u16) -> Kind {
    Kind::RouteMissing { from }
}

pub(super) fn first_year_missing(from: u16) -> Kind {
    Kind::FirstYearMissing { from }
}

pub(super) fn first_year_after_current_period(first: u16, from: NaiveDate) -> Kind {
    Kind::FirstYearAfterCurrentPeriod { first, from }
}

pub(super) fn b_topic_short(
    topic: CommonTopic,
    needed: u32,
    year: Option<u16>,
    fiscal_year: u16,
    waiver: bool,
) -> Kind {
    Kind::BTopicShort {
        topic,
        needed,
        year,
        fiscal_year,
        waiver,
    }
}

pub(super) fn self_study_not_this_year(title: &str, year: u16) -> Kind {
    Kind::SelfStudyNotThisYear {
        title: title.to_owned(),
        year,
    }
}

pub(super) fn clinical_short(cases: usize, valid: usize, units: u32, study: u32) -> Kind {
    Kind::ClinicalShort {
        cases,
        valid,
        units,
        study,
    }
}

pub(super) fn regional_not_in_workplaces(days: i64, w: RegionalWaiver) -> Kind {
    Kind::RegionalNotInWorkplaces { days, w }
}

pub(super) fn first_year_not_number(first: u16, yy: u8, number: &str) -> Kind {
    Kind::FirstYearNotNumber {
        first,
        yy,
        number: number.to_owned(),
    }
}

pub(super) fn society_route_too_late(first: u16, board_from: u16) -> Kind {
    Kind::SocietyRouteTooLate { first, board_from }
}

pub(super) fn unread(name: &str, text: &str) -> Kind {
    Kind::Unread {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

pub(super) fn facility_not_in_workplaces(name: &str, first_no: usize, cases: usize) -> Kind {
    Kind::FacilityNotInWorkplaces {
        name: name.to_owned(),
        first_no,
        cases,
    }
}

pub(super) fn workplace_missing_facility(
    name: &str,
    cases: usize,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> Kind {
    Kind::WorkplaceMissingFacility {
        name: name.to_owned(),
        cases,
        dates,
    }
}

pub(super) fn number_unrecognised(rules: &RuleSet) -> Kind {
    Kind::NumberUnrecognised {
        endings: rules
            .eligible_numbers
            .iter()
            .map(|n| format!("-N○○{}", n.suffix))
            .collect(),
        year: rules.fiscal_year,
    }
}

fn owned(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| (*l).to_owned()).collect()
}

pub(super) fn case_incomplete(no: usize, labels: &[&str]) -> Kind {
    Kind::CaseIncomplete {
        no,
        labels: owned(labels),
    }
}

pub(super) fn case_blank_box(no: usize, labels: &[&str]) -> Kind {
    Kind::CaseBlankBox {
        no,
        labels: owned(labels),
    }
}

pub(super) fn case_outside_period(no: usize, date: NaiveDate, p: &ActivityPeriod) -> Kind {
    Kind::CaseOutsidePeriod {
        no,
        date,
        period: Period::of(p),
    }
}

pub(super) fn credit_outside_period(title: &str, date: NaiveDate, p: &ActivityPeriod) -> Kind {
    Kind::CreditOutsidePeriod {
        title: title.to_owned(),
        date,
        period: Period::of(p),
    }
}

pub(super) fn pauses_overlap(
    (pause, from, until): (usize, NaiveDate, NaiveDate),
    (other, other_from, other_until): (usize, NaiveDate, NaiveDate),
) -> Kind {
    Kind::PausesOverlap {
        pause,
        from,
        until,
        other,
        other_from,
        other_until,
    }
}

pub(super) fn pause_outside_certification(
    pause: usize,
    (from, until): (NaiveDate, NaiveDate),
    (certified_from, certified_until): (NaiveDate, NaiveDate),
) -> Kind {
    Kind::PauseOutsideCertification {
        pause,
        from,
        until,
        certified_from,
        certified_until,
    }
}

pub(super) fn pause_after_period(
    pause: usize,
    (from, until): (NaiveDate, NaiveDate),
    period_end: NaiveDate,
) -> Kind {
    Kind::PauseAfterPeriod {
        pause,
        from,
        until,
        period_end,
    }
}

pub(super) fn required_b_short(
    b: &RequiredB,
    needed: u32,
    year: Option<u16>,
    fiscal_year: u16,
) -> Kind {
    Kind::RequiredBShort {
        needed,
        year,
        fiscal_year,
        min_units: b.min_units,
        min_units_assumed: b.min_units_assumed,
    }
}

pub(super) fn exemption_ended(renewals: u8, rules: &RuleSet) -> Kind {
    Kind::ExemptionEnded {
        renewals,
        fiscal_year: rules.fiscal_year,
        cases_per_unit: rules.clinical.cases_per_unit,
        min_units: rules.clinical.limits.min,
        self_study: rules.self_study.is_some(),
    }
}

pub(super) fn kind_not_offered(kind: ApplicationKind, rules: &RuleSet) -> Kind {
    Kind::KindNotOffered {
        kind,
        fiscal_year: rules.fiscal_year,
        offered: rules.application_kinds.clone(),
    }
}

pub(super) fn regional_suggested(facilities: &[String], days: i64, waiver: RegionalWaiver) -> Kind {
    Kind::RegionalSuggested {
        facilities: facilities.to_vec(),
        days,
        waiver,
    }
}

fn period(range: DateRange) -> String {
    format!("{}～{}", format_kanji(range.start), format_kanji(range.end))
}

fn named(title: &str) -> String {
    if title.trim().is_empty() {
        "（名称未入力）".to_string()
    } else {
        format!("「{}」", title.trim())
    }
}

fn wrong_rule_year_text(app: u16, rules: u16) -> String {
    format!("この申請は{app}年度ですが、{rules}年度の基準で判定しています")
}

fn required_missing_text(label: &str) -> String {
    format!("{label}を入力してください（申請に必須です）")
}

fn form_field_missing_text(label: &str) -> String {
    format!("{label}が未入力です（様式1に記載します）")
}

fn outside_window_text(date: NaiveDate, window: DateRange) -> String {
    format!(
        "申請日 {} は受付期間（{}）の外です",
        format_kanji(date),
        period(window)
    )
}

fn number_unrecognised_text(endings: &[String], year: u16) -> String {
    format!(
        "専門医番号の末尾が「{}」の形ではありません。{year}年度の更新対象か確認してください",
        endings.join("」「"),
    )
}

fn number_not_due_text(suffix: &str, year: u16) -> String {
    format!(
        "専門医番号の末尾「{suffix}」の方は{year}年度の更新対象ではない可能性があります。番号と申請区分を確認してください"
    )
}

fn number_kind_mismatch_text(implied: ApplicationKind, declared: ApplicationKind) -> String {
    format!(
        "専門医番号の末尾からは申請区分「{}」と思われますが、「{}」が選ばれています",
        implied.label(),
        declared.label()
    )
}

fn maybe_exempt_text(inferred: u8, declared: u8) -> String {
    format!(
        "専門医番号からは連続{inferred}回の更新と推定され、診療実績免除の対象かもしれません（申告は{declared}回）。更新回数を確認してください"
    )
}

fn maybe_not_exempt_text(inferred: u8, declared: u8) -> String {
    format!(
        "専門医番号からは更新{inferred}回と推定され、診療実績免除の対象でない可能性があります（申告は{declared}回）。更新回数を確認してください"
    )
}

fn exempt_cases_ignored_text(count: usize) -> String {
    format!("診療実績免除のため、入力済みの症例{count}例は計上されず、様式3は提出しません")
}

fn cases_short_text(needed: usize, valid: usize, min: usize) -> String {
    format!("症例があと{needed}例必要です（有効{valid}例／最低{min}例）")
}

fn cases_over_max_text(valid: usize, max: usize) -> String {
    format!("症例は{max}例（上限）まで計上されます（有効{valid}例）")
}

// A case is named by its paper No. (`no`, from `CaseOrder`), never by its place in the file.

fn case_incomplete_text(no: usize, labels: &[String]) -> String {
    format!(
        "症例{no}：{}が未入力のため計上されません",
        labels.join("・")
    )
}

fn case_blank_box_text(no: usize, labels: &[String]) -> String {
    format!(
        "症例{no}：{}が空欄です（計上はされますが、様式3では空欄のまま印刷されます）",
        labels.join("・")
    )
}

fn case_outside_period_text(no: usize, date: NaiveDate, p: &Period) -> String {
    format!(
        "症例{no}：診察日 {} は活動期間（{}）の外のため計上されません",
        format_kanji(date),
        p.applied()
    )
}

fn case_in_pause_text(no: usize, date: NaiveDate, pause: DateRange) -> String {
    format!(
        "症例{no}：診察日 {} は活動休止（{}）の期間内のため計上されません",
        format_kanji(date),
        period(pause)
    )
}

fn case_bad_age_text(no: usize) -> String {
    format!("症例{no}：年齢は0～120で入力してください")
}

fn credit_no_date_text(title: &str) -> String {
    format!("{}：日付が未入力のため計上されません", named(title))
}

fn credit_outside_period_text(title: &str, date: NaiveDate, p: &Period) -> String {
    format!(
        "{}：{} は活動期間（{}）の外のため計上されません",
        named(title),
        format_kanji(date),
        p.applied()
    )
}

fn credit_in_pause_text(title: &str, date: NaiveDate, pause: DateRange) -> String {
    format!(
        "{}：{} は活動休止（{}）の期間内のため計上されません",
        named(title),
        format_kanji(date),
        period(pause)
    )
}

/// Where the period's length is this program's reading, with the notice it reads.
pub(super) fn period_assumed(p: &ActivityPeriod, rules: &RuleSet) -> String {
    let mut parts = Vec::new();
    if p.basis == PeriodBasis::AfterDeferralRenewal
        && let Some(d) = &rules.deferral
        && d.next_assumed
    {
        parts.push(format!(
            "前回が猶予後の更新のため、活動期間を前回の活動期間の翌日からの{}年間（{}）としています。通知は図でのみ示しています（「{}」{}）",
            p.years,
            p.span_text(),
            d.notice.title,
            d.notice.url
        ));
    }
    if !p.pauses.is_empty()
        && let Some(rule) = &rules.pause
        && rule.assumed
    {
        parts.push(format!(
            "活動休止の{}日を除き、活動期間をその分さかのぼって{}としています。日本専門医機構の補足説明によるもので、学会の通知は確認できていません（「{}」{}）",
            p.paused_days(),
            p.span_text(),
            rule.notice.title,
            rule.notice.url
        ));
    }
    parts.join("。")
}

fn pause_no(i: usize) -> String {
    format!("活動休止{}", i + 1)
}

fn pause_date_missing_text(i: usize, label: &str) -> String {
    format!(
        "{}：{label}を入力してください（入力されるまで活動期間は変わりません）",
        pause_no(i)
    )
}

fn pause_backwards_text(i: usize, from: NaiveDate, until: NaiveDate) -> String {
    format!(
        "{}：終了 {} が開始 {} より前です。日付を確かめてください（このままでは活動期間に反映しません）",
        pause_no(i),
        format_kanji(until),
        format_kanji(from)
    )
}

fn pauses_overlap_text(
    (i, from, until): (usize, NaiveDate, NaiveDate),
    (j, other_from, other_until): (usize, NaiveDate, NaiveDate),
) -> String {
    format!(
        "{}（{}～{}）が{}（{}～{}）と重なっています。重なる日は1回だけ数えています",
        pause_no(i),
        format_kanji(from),
        format_kanji(until),
        pause_no(j),
        format_kanji(other_from),
        format_kanji(other_until)
    )
}

fn pause_outside_certification_text(
    i: usize,
    (from, until): (NaiveDate, NaiveDate),
    (cert_from, cert_until): (NaiveDate, NaiveDate),
) -> String {
    format!(
        "{}（{}～{}）が現在の認定期間（{}～{}）の外にかかっています。日付を確かめてください",
        pause_no(i),
        format_kanji(from),
        format_kanji(until),
        format_kanji(cert_from),
        format_kanji(cert_until)
    )
}

fn pause_after_period_text(
    i: usize,
    (from, until): (NaiveDate, NaiveDate),
    end: NaiveDate,
) -> String {
    format!(
        "{}（{}～{}）が活動期間の終わり（{}）より後にかかっています。日付を確かめてください",
        pause_no(i),
        format_kanji(from),
        format_kanji(until),
        format_kanji(end)
    )
}

fn credit_no_title_text(i: usize) -> String {
    format!("単位{}：名称が未入力のため計上されません", i + 1)
}

fn lecture_minutes_missing_text(title: &str) -> String {
    format!(
        "{}：講師の講演時間（分）を入力してください（単位は講演時間から計算します）",
        named(title)
    )
}

fn mail_to_blank_text(mail_to: &str, address: &str) -> String {
    format!("郵便物送付先が「{mail_to}」ですが、{address}が未入力です")
}

fn no_workplaces_text() -> String {
    "勤務実態（様式2）が1件も入力されていません".to_string()
}

fn lecture_too_short_text(title: &str, minutes: u32) -> String {
    format!(
        "{}：講師{minutes}分は単位になりません（30分以上で1単位）",
        named(title)
    )
}

fn attendance_not_on_portal_text(title: &str) -> String {
    format!(
        "{}：学術集会参加は会員ポータルに記録された単位のみ計上されます",
        named(title)
    )
}

fn proof_missing_text(title: &str, what: &str) -> String {
    format!(
        "{}：証明書類（{what}）が必要です。同封しない場合は計上されません",
        named(title)
    )
}

fn implausible_units_text(title: &str, units: u32, max: u32) -> String {
    format!(
        "{}：単位数 {units} はありえない値です（1件{max}単位まで）。入力または貼り付けの誤りを直してください",
        named(title)
    )
}

fn implausible_minutes_text(title: &str, minutes: u32, max: u32) -> String {
    format!(
        "{}：講師の時間 {minutes}分 はありえない値です（{max}分まで）。入力の誤りを直してください",
        named(title)
    )
}

fn implausible_week_text(row: usize, label: &str, max: f32) -> String {
    format!(
        "勤務実態{}行目：{label}は0～{max}の数で入力してください",
        row + 1
    )
}

fn credit_zero_units_text(title: &str) -> String {
    format!("{}：単位数が0です", named(title))
}

fn double_attended_text(title: &str) -> String {
    format!(
        "{}：講師を務めた講習（またはe-learningで受講した講習）の受講は重複して計上できません",
        named(title)
    )
}

fn double_lectured_text(title: &str) -> String {
    format!(
        "{}：同じ講習の受講と重複するため、単位の多い受講の方を計上します",
        named(title)
    )
}

fn double_elearning_text(title: &str) -> String {
    format!(
        "{}：現地で受講した講習と同じ講習のe-learningは計上されません",
        named(title)
    )
}

fn double_entered_text(title: &str) -> String {
    format!(
        "{}：同じ日の同じ講習が2回入力されています（1回のみ計上）",
        named(title)
    )
}

fn category_capped_text(code: CategoryCode, valid: u32, counted: u32) -> String {
    format!(
        "{}は上限{counted}単位まで計上されます（有効{valid}単位）",
        code.label()
    )
}

fn category_short_text(code: CategoryCode, needed: u32) -> String {
    format!("{}があと{needed}単位必要です", code.label())
}

fn topic_short_text(topic: CommonTopic, needed: u32) -> String {
    format!("{}があと{needed}単位必要です（必修講習A）", topic.label())
}

fn item_capped_text(
    item: ActivityItem,
    valid: u32,
    counted: u32,
    cap: Option<u32>,
    per_year: Option<u32>,
) -> String {
    let limit = match (cap, per_year) {
        (_, Some(y)) => format!("1年度につき{y}単位"),
        (Some(c), None) => format!("上限{c}単位"),
        (None, None) => String::new(),
    };
    format!(
        "({}) {}は{limit}のため、{valid}単位のうち{counted}単位を計上します",
        item.number(),
        item.label()
    )
}

fn total_short_text(total: u32, required: u32) -> String {
    format!(
        "合計 {total}/{required} 単位：あと{}単位必要です",
        required.saturating_sub(total)
    )
}

fn route_missing_text(from: u16) -> String {
    format!(
        "認定の経緯（学会認定か機構の認定審査か）と初回認定年度を入力してください。{from}年度以降に機構の認定審査に合格した方は必修講習Bが必要です（概要§7(2)）"
    )
}

fn first_year_missing_text(from: u16) -> String {
    format!(
        "初回認定年度を入力してください。{from}年度以降に機構の認定審査に合格した方は必修講習Bが必要です（概要§7(2)）"
    )
}

fn first_year_after_current_period_text(first: u16, from: NaiveDate) -> String {
    format!(
        "初回認定年度（{first}年度）が現在の認定期間の開始（{}）より後になっています。年度を確かめてください（必修講習Bが必要かどうかを決めます。概要§7(2)）",
        format_kanji(from)
    )
}

fn required_b_short_text(
    min_units: u32,
    min_units_assumed: bool,
    needed: u32,
    year: Option<u16>,
    fiscal_year: u16,
) -> String {
    let when = year.map_or(String::new(), |y| format!("{y}年度に"));
    let assumed = if min_units_assumed {
        format!("。最低{min_units}単位は概要に数の記載がないための仮定です")
    } else {
        String::new()
    };
    format!(
        "必修講習Bがあと{needed}単位必要です（{when}機構の認定審査に合格した専門医は{fiscal_year}年度の更新で必修講習Bが必須：概要§7(2){assumed}）"
    )
}

/// The society's notice on 必修講習B, as findings cite it.
const NOTICE_B: &str = "学会の通知「必修講習Bの受講について」2023年4月14日";
/// The society's notice ending the clinical exemption, as findings cite it.
const NOTICE_EXEMPTION: &str =
    "学会の通知「日本専門医機構からの専門医更新に関する通知について」2024年7月11日";

fn b_topic_short_text(
    topic: CommonTopic,
    needed: u32,
    year: Option<u16>,
    fiscal_year: u16,
    waiver: bool,
) -> String {
    let when = year.map_or(String::new(), |y| format!("{y}年度に"));
    let waiver = if waiver {
        "。多様な地域での診療実績が認められる場合は免除されます（申請者情報で選べます）"
    } else {
        ""
    };
    format!(
        "必修講習B「{}」があと{needed}単位必要です（{when}機構の認定を受けた専門医は{fiscal_year}年度の更新で必修講習Bの5項目すべてが必須：{NOTICE_B}{waiver}）",
        topic.label()
    )
}

pub(super) fn b_units_assumed(b: &RequiredB) -> String {
    let per_topic = if b.topics.is_empty() {
        format!("必修講習B合計{}単位", b.min_units)
    } else {
        format!("必修講習Bの各項目{}単位", b.min_units_per_topic)
    };
    format!("{per_topic}という数は通知に記載がなく、このプログラムの仮定です（{NOTICE_B}）")
}

pub(super) fn self_study_assumed() -> String {
    format!(
        "「C.自己学習」を記録の単位数のまま診療実績に数えるのはこのプログラムの仮定です。数え方は通知に記載がありません（{NOTICE_EXEMPTION}）"
    )
}

fn self_study_not_this_year_text(title: &str, year: u16) -> String {
    format!(
        "{}：{year}年度の基準では「C.自己学習」を診療実績に数えられないため計上されません",
        named(title)
    )
}

fn clinical_short_text(cases: usize, valid: usize, units: u32, study: u32) -> String {
    format!(
        "診療実績があと{units}単位必要です：症例ならあと{cases}例（有効{valid}例、自己学習{study}単位）。症例の提出が難しい場合は「C.自己学習」（学会の専門医委員会が選定したtest付きe-learning）で代えられます"
    )
}

fn exemption_ended_text(
    renewals: u8,
    fiscal_year: u16,
    cases_per_unit: u32,
    min_units: u32,
    self_study: bool,
) -> String {
    let min_cases = min_units * cases_per_unit;
    let alternative = if self_study {
        "。症例の提出が難しい場合は「C.自己学習」（test付きe-learning）で代えられます"
    } else {
        ""
    };
    format!(
        "連続{renewals}回の更新を経ていても、{fiscal_year}年度の更新では診療実績の証明は免除されません。症例{min_cases}例（{cases_per_unit}例で1単位、最低{min_units}単位）が必要です（{NOTICE_EXEMPTION}）{alternative}"
    )
}

fn kind_not_offered_text(
    kind: ApplicationKind,
    fiscal_year: u16,
    offered: &[ApplicationKind],
) -> String {
    let offered: Vec<&str> = offered.iter().map(|k| k.label()).collect();
    let why = if kind == ApplicationKind::AfterRecertification {
        "。学会専門医の再認定審査は2024年度までです"
    } else {
        ""
    };
    format!(
        "申請区分「{}」は{fiscal_year}年度の申請にはありません（この年度は{}）{why}",
        kind.label(),
        offered.join("・")
    )
}

fn regional_suggested_text(facilities: &[String], days: i64, w: RegionalWaiver) -> String {
    format!(
        "勤務実態の「{}」（地域医療研修が可能な施設）で認定後{}年以内に{}日の勤務があります。{}年以上なら「多様な地域における診療実績」として必修講習Bが免除されます。当てはまる場合は選んでください（{NOTICE_B}）",
        facilities.join("」「"),
        w.within_years_after_certification,
        days,
        w.min_years
    )
}

fn regional_not_in_workplaces_text(days: i64, w: RegionalWaiver) -> String {
    format!(
        "「専門医認定後{}年以内に{}年以上」の地域医療を選んでいますが、勤務実態で地域医療研修が可能な施設とした勤務はその期間に{days}日です。勤務実態の行か、この選択を確かめてください（{NOTICE_B}）",
        w.within_years_after_certification, w.min_years
    )
}

fn first_year_not_number_text(first: u16, yy: u8, number: &str) -> String {
    format!(
        "初回認定年度（{first}年度）と専門医番号「{}」（初回認定の年「{yy:02}」）が合いません。どちらかを確かめてください（必修講習Bが必要かどうかを決めます）",
        number.trim()
    )
}

fn society_route_too_late_text(first: u16, board_from: u16) -> String {
    format!(
        "認定の経緯が学会認定ですが、初回認定年度は{first}年度です。{board_from}年度以降の認定は機構の認定審査によるものです。どちらかを確かめてください（必修講習Bが必要かどうかを決めます）"
    )
}

/// 「勤務先2：期間（開始）」.
pub(super) fn workplace_field(i: usize, label: &str) -> String {
    format!("勤務先{}：{label}", i + 1)
}

/// 「症例3：診察日」 (by its paper No.).
pub(super) fn case_field(no: usize, label: &str) -> String {
    format!("症例{no}：{label}")
}

/// 「「周産期講習会」：日付」.
pub(super) fn credit_field(title: &str, label: &str) -> String {
    format!("{}：{label}", named(title))
}

/// A value typed that does not read as one.
fn unread_text(name: &str, text: &str) -> String {
    format!("{name}「{text}」を読めません。正しく入力し直すまで、空欄として扱います")
}

fn facility_not_in_workplaces_text(name: &str, first_no: usize, cases: usize) -> String {
    let which = if cases > 1 {
        format!("症例{first_no}ほか{}例", cases - 1)
    } else {
        format!("症例{first_no}")
    };
    format!(
        "{which}の診療施設「{name}」が勤務実態（様式2）にありません。勤務実態に加えるか、施設名を確かめてください"
    )
}

fn workplace_missing_facility_text(
    name: &str,
    cases: usize,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> String {
    let when = dates.map_or(String::new(), |(a, b)| {
        format!(
            "、{}年{}月～{}年{}月",
            a.year(),
            a.month(),
            b.year(),
            b.month()
        )
    });
    format!(
        "勤務実態（様式2）に症例の診療施設「{name}」がありません（症例{cases}例{when}）。勤務実態のページのボタンで勤務先に加えられます"
    )
}

/// Cases dated outside the activity period, which 様式3 would print (by their paper No.,
/// ascending; the first ten).
fn cases_outside_period_printed_text(numbers: &[usize], period: &Period) -> String {
    let rows: Vec<String> = numbers.iter().take(10).map(|n| format!("{n}")).collect();
    let more = if numbers.len() > 10 {
        format!(" ほか{}例", numbers.len() - 10)
    } else {
        String::new()
    };
    format!(
        "活動期間（{}）の外{}の症例が{}例あり、このままでは様式3に印刷されます（数えられません）：症例{}{more}。出力の際に「期間外の症例を様式3に載せない」を選べます。",
        period.span_text(),
        if period.paused {
            "または活動休止中"
        } else {
            ""
        },
        numbers.len(),
        rows.join("・")
    )
}
