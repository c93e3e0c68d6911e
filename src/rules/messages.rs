//! Every finding's wording, in one place so it can be reviewed as Japanese prose.

use chrono::{Datelike, NaiveDate};

use super::period::{ActivityPeriod, PeriodBasis};
use super::report::CategoryCode;
use super::ruleset::{DateRange, RegionalWaiver, RequiredB, RuleSet};
use crate::dates::format_kanji;
use crate::model::{ActivityItem, ApplicationKind, CommonTopic};

fn period(range: DateRange) -> String {
    format!("{}～{}", format_kanji(range.start), format_kanji(range.end))
}

/// The period in a finding: its days, and why it is not the rule set's where it is not.
fn applied(p: &ActivityPeriod) -> String {
    if p.is_regular() {
        p.span_text()
    } else {
        format!("{}・{}", p.span_text(), p.reason)
    }
}

fn named(title: &str) -> String {
    if title.trim().is_empty() {
        "（名称未入力）".to_string()
    } else {
        format!("「{}」", title.trim())
    }
}

pub(super) fn wrong_rule_year(app: u16, rules: u16) -> String {
    format!("この申請は{app}年度ですが、{rules}年度の基準で判定しています")
}

pub(super) fn required_missing(label: &str) -> String {
    format!("{label}を入力してください（申請に必須です）")
}

pub(super) fn form_field_missing(label: &str) -> String {
    format!("{label}が未入力です（様式1に記載します）")
}

pub(super) fn outside_window(date: NaiveDate, window: DateRange) -> String {
    format!(
        "申請日 {} は受付期間（{}）の外です",
        format_kanji(date),
        period(window)
    )
}

pub(super) fn number_unrecognised(rules: &RuleSet) -> String {
    let endings: Vec<String> = rules
        .eligible_numbers
        .iter()
        .map(|n| format!("-N○○{}", n.suffix))
        .collect();
    format!(
        "専門医番号の末尾が「{}」の形ではありません。{}年度の更新対象か確認してください",
        endings.join("」「"),
        rules.fiscal_year
    )
}

pub(super) fn number_not_due(suffix: &str, year: u16) -> String {
    format!(
        "専門医番号の末尾「{suffix}」の方は{year}年度の更新対象ではない可能性があります。番号と申請区分を確認してください"
    )
}

pub(super) fn number_kind_mismatch(implied: ApplicationKind, declared: ApplicationKind) -> String {
    format!(
        "専門医番号の末尾からは申請区分「{}」と思われますが、「{}」が選ばれています",
        implied.label(),
        declared.label()
    )
}

pub(super) fn maybe_exempt(inferred: u8, declared: u8) -> String {
    format!(
        "専門医番号からは連続{inferred}回の更新と推定され、診療実績免除の対象かもしれません（申告は{declared}回）。更新回数を確認してください"
    )
}

pub(super) fn maybe_not_exempt(inferred: u8, declared: u8) -> String {
    format!(
        "専門医番号からは更新{inferred}回と推定され、診療実績免除の対象でない可能性があります（申告は{declared}回）。更新回数を確認してください"
    )
}

pub(super) fn exempt_cases_ignored(count: usize) -> String {
    format!("診療実績免除のため、入力済みの症例{count}例は計上されず、様式3は提出しません")
}

pub(super) fn cases_short(needed: usize, valid: usize, min: usize) -> String {
    format!("症例があと{needed}例必要です（有効{valid}例／最低{min}例）")
}

pub(super) fn cases_over_max(valid: usize, max: usize) -> String {
    format!("症例は{max}例（上限）まで計上されます（有効{valid}例）")
}

// A case is named by its paper No. (`no`, from `CaseOrder`), never by its place in the file.

pub(super) fn case_incomplete(no: usize, labels: &[&str]) -> String {
    format!(
        "症例{no}：{}が未入力のため計上されません",
        labels.join("・")
    )
}

pub(super) fn case_blank_box(no: usize, labels: &[&str]) -> String {
    format!(
        "症例{no}：{}が空欄です（計上はされますが、様式3では空欄のまま印刷されます）",
        labels.join("・")
    )
}

pub(super) fn case_outside_period(no: usize, date: NaiveDate, p: &ActivityPeriod) -> String {
    format!(
        "症例{no}：診察日 {} は活動期間（{}）の外のため計上されません",
        format_kanji(date),
        applied(p)
    )
}

pub(super) fn case_in_pause(no: usize, date: NaiveDate, pause: DateRange) -> String {
    format!(
        "症例{no}：診察日 {} は活動休止（{}）の期間内のため計上されません",
        format_kanji(date),
        period(pause)
    )
}

pub(super) fn case_bad_age(no: usize) -> String {
    format!("症例{no}：年齢は0～120で入力してください")
}

pub(super) fn credit_no_date(title: &str) -> String {
    format!("{}：日付が未入力のため計上されません", named(title))
}

pub(super) fn credit_outside_period(title: &str, date: NaiveDate, p: &ActivityPeriod) -> String {
    format!(
        "{}：{} は活動期間（{}）の外のため計上されません",
        named(title),
        format_kanji(date),
        applied(p)
    )
}

pub(super) fn credit_in_pause(title: &str, date: NaiveDate, pause: DateRange) -> String {
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

pub(super) fn pause_date_missing(i: usize, label: &str) -> String {
    format!(
        "{}：{label}を入力してください（入力されるまで活動期間は変わりません）",
        pause_no(i)
    )
}

pub(super) fn pause_backwards(i: usize, from: NaiveDate, until: NaiveDate) -> String {
    format!(
        "{}：終了 {} が開始 {} より前です。日付を確かめてください（このままでは活動期間に反映しません）",
        pause_no(i),
        format_kanji(until),
        format_kanji(from)
    )
}

pub(super) fn pauses_overlap(
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

pub(super) fn pause_outside_certification(
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

pub(super) fn pause_after_period(
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

pub(super) fn credit_no_title(i: usize) -> String {
    format!("単位{}：名称が未入力のため計上されません", i + 1)
}

pub(super) fn lecture_minutes_missing(title: &str) -> String {
    format!(
        "{}：講師の講演時間（分）を入力してください（単位は講演時間から計算します）",
        named(title)
    )
}

pub(super) fn mail_to_blank(mail_to: &str, address: &str) -> String {
    format!("郵便物送付先が「{mail_to}」ですが、{address}が未入力です")
}

pub(super) fn no_workplaces() -> String {
    "勤務実態（様式2）が1件も入力されていません".to_string()
}

pub(super) fn lecture_too_short(title: &str, minutes: u32) -> String {
    format!(
        "{}：講師{minutes}分は単位になりません（30分以上で1単位）",
        named(title)
    )
}

pub(super) fn attendance_not_on_portal(title: &str) -> String {
    format!(
        "{}：学術集会参加は会員ポータルに記録された単位のみ計上されます",
        named(title)
    )
}

pub(super) fn proof_missing(title: &str, what: &str) -> String {
    format!(
        "{}：証明書類（{what}）が必要です。同封しない場合は計上されません",
        named(title)
    )
}

pub(super) fn implausible_units(title: &str, units: u32, max: u32) -> String {
    format!(
        "{}：単位数 {units} はありえない値です（1件{max}単位まで）。入力または貼り付けの誤りを直してください",
        named(title)
    )
}

pub(super) fn implausible_minutes(title: &str, minutes: u32, max: u32) -> String {
    format!(
        "{}：講師の時間 {minutes}分 はありえない値です（{max}分まで）。入力の誤りを直してください",
        named(title)
    )
}

pub(super) fn implausible_week(row: usize, label: &str, max: f32) -> String {
    format!(
        "勤務実態{}行目：{label}は0～{max}の数で入力してください",
        row + 1
    )
}

pub(super) fn credit_zero_units(title: &str) -> String {
    format!("{}：単位数が0です", named(title))
}

pub(super) fn double_attended(title: &str) -> String {
    format!(
        "{}：講師を務めた講習（またはe-learningで受講した講習）の受講は重複して計上できません",
        named(title)
    )
}

pub(super) fn double_lectured(title: &str) -> String {
    format!(
        "{}：同じ講習の受講と重複するため、単位の多い受講の方を計上します",
        named(title)
    )
}

pub(super) fn double_elearning(title: &str) -> String {
    format!(
        "{}：現地で受講した講習と同じ講習のe-learningは計上されません",
        named(title)
    )
}

pub(super) fn double_entered(title: &str) -> String {
    format!(
        "{}：同じ日の同じ講習が2回入力されています（1回のみ計上）",
        named(title)
    )
}

pub(super) fn category_capped(code: CategoryCode, valid: u32, counted: u32) -> String {
    format!(
        "{}は上限{counted}単位まで計上されます（有効{valid}単位）",
        code.label()
    )
}

pub(super) fn category_short(code: CategoryCode, needed: u32) -> String {
    format!("{}があと{needed}単位必要です", code.label())
}

pub(super) fn topic_short(topic: CommonTopic, needed: u32) -> String {
    format!("{}があと{needed}単位必要です（必修講習A）", topic.label())
}

pub(super) fn item_capped(
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

pub(super) fn total_short(total: u32, required: u32) -> String {
    format!(
        "合計 {total}/{required} 単位：あと{}単位必要です",
        required.saturating_sub(total)
    )
}

pub(super) fn route_missing(from: u16) -> String {
    format!(
        "認定の経緯（学会認定か機構の認定審査か）と初回認定年度を入力してください。{from}年度以降に機構の認定審査に合格した方は必修講習Bが必要です（概要§7(2)）"
    )
}

pub(super) fn first_year_missing(from: u16) -> String {
    format!(
        "初回認定年度を入力してください。{from}年度以降に機構の認定審査に合格した方は必修講習Bが必要です（概要§7(2)）"
    )
}

pub(super) fn first_year_after_current_period(first: u16, from: NaiveDate) -> String {
    format!(
        "初回認定年度（{first}年度）が現在の認定期間の開始（{}）より後になっています。年度を確かめてください（必修講習Bが必要かどうかを決めます。概要§7(2)）",
        format_kanji(from)
    )
}

pub(super) fn required_b_short(
    b: &RequiredB,
    needed: u32,
    year: Option<u16>,
    fiscal_year: u16,
) -> String {
    let when = year.map_or(String::new(), |y| format!("{y}年度に"));
    let assumed = if b.min_units_assumed {
        format!(
            "。最低{}単位は概要に数の記載がないための仮定です",
            b.min_units
        )
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

pub(super) fn b_topic_short(
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

pub(super) fn self_study_not_this_year(title: &str, year: u16) -> String {
    format!(
        "{}：{year}年度の基準では「C.自己学習」を診療実績に数えられないため計上されません",
        named(title)
    )
}

pub(super) fn clinical_short(cases: usize, valid: usize, units: u32, study: u32) -> String {
    format!(
        "診療実績があと{units}単位必要です：症例ならあと{cases}例（有効{valid}例、自己学習{study}単位）。症例の提出が難しい場合は「C.自己学習」（学会の専門医委員会が選定したtest付きe-learning）で代えられます"
    )
}

pub(super) fn exemption_ended(renewals: u8, rules: &RuleSet) -> String {
    let min_cases = rules.clinical.limits.min * rules.clinical.cases_per_unit;
    let alternative = if rules.self_study.is_some() {
        "。症例の提出が難しい場合は「C.自己学習」（test付きe-learning）で代えられます"
    } else {
        ""
    };
    format!(
        "連続{renewals}回の更新を経ていても、{}年度の更新では診療実績の証明は免除されません。症例{min_cases}例（{}例で1単位、最低{}単位）が必要です（{NOTICE_EXEMPTION}）{alternative}",
        rules.fiscal_year, rules.clinical.cases_per_unit, rules.clinical.limits.min
    )
}

pub(super) fn kind_not_offered(kind: ApplicationKind, rules: &RuleSet) -> String {
    let offered: Vec<&str> = rules.application_kinds.iter().map(|k| k.label()).collect();
    let why = if kind == ApplicationKind::AfterRecertification {
        "。学会専門医の再認定審査は2024年度までです"
    } else {
        ""
    };
    format!(
        "申請区分「{}」は{}年度の申請にはありません（この年度は{}）{why}",
        kind.label(),
        rules.fiscal_year,
        offered.join("・")
    )
}

pub(super) fn regional_suggested(facilities: &[String], days: i64, w: RegionalWaiver) -> String {
    format!(
        "勤務実態の「{}」（地域医療研修が可能な施設）で認定後{}年以内に{}日の勤務があります。{}年以上なら「多様な地域における診療実績」として必修講習Bが免除されます。当てはまる場合は選んでください（{NOTICE_B}）",
        facilities.join("」「"),
        w.within_years_after_certification,
        days,
        w.min_years
    )
}

pub(super) fn regional_not_in_workplaces(days: i64, w: RegionalWaiver) -> String {
    format!(
        "「専門医認定後{}年以内に{}年以上」の地域医療を選んでいますが、勤務実態で地域医療研修が可能な施設とした勤務はその期間に{days}日です。勤務実態の行か、この選択を確かめてください（{NOTICE_B}）",
        w.within_years_after_certification, w.min_years
    )
}

pub(super) fn first_year_not_number(first: u16, yy: u8, number: &str) -> String {
    format!(
        "初回認定年度（{first}年度）と専門医番号「{}」（初回認定の年「{yy:02}」）が合いません。どちらかを確かめてください（必修講習Bが必要かどうかを決めます）",
        number.trim()
    )
}

pub(super) fn society_route_too_late(first: u16, board_from: u16) -> String {
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
pub(super) fn unread(name: &str, text: &str) -> String {
    format!("{name}「{text}」を読めません。正しく入力し直すまで、空欄として扱います")
}

pub(super) fn facility_not_in_workplaces(name: &str, first_no: usize, cases: usize) -> String {
    let which = if cases > 1 {
        format!("症例{first_no}ほか{}例", cases - 1)
    } else {
        format!("症例{first_no}")
    };
    format!(
        "{which}の診療施設「{name}」が勤務実態（様式2）にありません。勤務実態に加えるか、施設名を確かめてください"
    )
}

pub(super) fn workplace_missing_facility(
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
