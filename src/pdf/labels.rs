//! Every word printed on the forms, in one place, so that a layout can be corrected to the
//! official wording without touching the drawing code. Numbers (dates, fees, units) come from
//! the rule set and are passed in.

use chrono::NaiveDate;

use crate::dates;
use crate::model::{
    ApplicantField, ApplicationField, CaseField, Credit, CreditKind, WorkplaceField,
};
use crate::rules::CategoryCode;

/// Header: the applicant's name.
pub const HEADER_NAME: &str = "申請者氏名";
/// Header: the specialist number.
pub const HEADER_NUMBER: &str = "専門医番号";

/// Footer page numbering, counted within each form.
pub fn page_of(n: usize, m: usize) -> String {
    format!("{n} / {m}")
}

/// Title of the PDF document of the whole bundle.
pub const BUNDLE_TITLE: &str = "日本専門医機構認定 産婦人科専門医 更新申請書類";
/// A PDF's title: what it holds and whose application it is.
pub fn pdf_title(what: &str, name: &str) -> String {
    if name.is_empty() {
        what.to_string()
    } else {
        format!("{what}　{name}")
    }
}
/// File name of the whole bundle.
pub const BUNDLE_FILE: &str = "更新申請書類一式.pdf";

/// A date to print, or a blank to fill in by hand.
pub fn date_or_blank(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "　　　　年　　月　　日".to_string(), dates::format_kanji)
}

/// A date as 年/月/日, or empty.
pub fn slash_or_empty(date: Option<NaiveDate>) -> String {
    date.map(dates::format_slash).unwrap_or_default()
}

/// Text for a value the applicant did not enter (left blank to write by hand).
pub const BLANK: &str = "";

// ---- 様式1 ----------------------------------------------------------------------------------

/// 様式1's form name.
pub const FORM1: &str = "様式1";
/// 様式1's title.
pub const FORM1_TITLE: &str = "日本専門医機構認定 産婦人科専門医資格更新申請書";
/// File name of 様式1 alone.
pub const FORM1_FILE: &str = "様式1_更新申請書.pdf";
/// Addressees, one per line.
pub const FORM1_ADDRESSEES: [&str; 2] = [
    "一般社団法人日本専門医機構 理事長 殿",
    "公益社団法人日本産科婦人科学会 理事長 殿",
];
/// The application sentence.
pub fn form1_sentence(fiscal_year: u16) -> String {
    format!(
        "私は、{fiscal_year}年度 日本専門医機構認定 産婦人科専門医の資格更新を申請します。申請にあたり、提出する書類の記載内容に相違ないことを誓約します。"
    )
}
/// 申請日
pub const APPLICATION_DATE: &str = ApplicationField::ApplicationDate.label();
/// Section heading: the applicant.
pub const SECTION_APPLICANT: &str = "申請者";
/// Section heading: workplace and home.
pub const SECTION_CONTACT: &str = "連絡先";
/// Section heading: the kind of application.
pub const SECTION_KIND: &str = "申請区分";
/// ふりがな
pub const FURIGANA: &str = ApplicantField::Furigana.label();
/// 氏名 with room for signature or seal.
pub const NAME_SIGNED: &str = "氏名（自署または記名押印）";
/// The seal mark at the right of the name cell.
pub const SEAL: &str = "印";
/// 生年月日
pub const BIRTH_DATE: &str = ApplicantField::BirthDate.label();
/// 性別
pub const SEX: &str = ApplicantField::Sex.label();
/// 会員番号
pub const MEMBER_NUMBER: &str = "会員番号（日本産科婦人科学会）";
/// 専門医番号
pub const SPECIALIST_NUMBER: &str = ApplicantField::SpecialistNumber.label();
/// 認定期間
pub const CERTIFIED_PERIOD: &str = "現在の認定期間";
/// 医籍登録番号
pub const MEDICAL_REGISTRATION: &str = ApplicantField::MedicalRegistrationNumber.label();
/// 医籍登録年月日
pub const MEDICAL_REGISTRATION_DATE: &str = ApplicantField::MedicalRegistrationDate.label();
/// 勤務先 施設名
pub const WORK_FACILITY: &str = ApplicantField::WorkFacility.label();
/// 診療科
pub const DEPARTMENT: &str = "診療科";
/// 勤務先 住所
pub const WORK_ADDRESS: &str = ApplicantField::WorkAddress.label();
/// 勤務先 電話
pub const WORK_PHONE: &str = ApplicantField::WorkPhone.label();
/// 自宅 住所
pub const HOME_ADDRESS: &str = ApplicantField::HomeAddress.label();
/// 自宅 電話
pub const HOME_PHONE: &str = ApplicantField::HomePhone.label();
/// メールアドレス
pub const EMAIL: &str = ApplicantField::Email.label();
/// 郵便物送付先
pub const MAIL_TO: &str = ApplicantField::MailTo.label();
/// The two mail destinations; the chosen one is marked.
pub const MAIL_TO_CHOICES: [&str; 2] = ["勤務先", "自宅"];
/// 所属地方学会
pub const REGIONAL_SOCIETY: &str = "所属地方学会（書類の提出先）";
/// 申請区分
pub const KIND: &str = ApplicationField::Kind.label();
/// 連続更新回数
pub const CONSECUTIVE: &str = "これまでの連続更新回数";
/// Consecutive renewals.
pub fn times(n: u8) -> String {
    format!("{n}回")
}
/// 診療実績免除
pub const EXEMPTION: &str = "診療実績免除";
/// 該当 / 非該当
pub const EXEMPTION_CHOICES: [&str; 2] = ["該当", "非該当"];
/// Marks a chosen option.
pub const CHOSEN: &str = "●";
/// Marks an option not chosen.
pub const NOT_CHOSEN: &str = "○";
/// A postal code with its mark.
pub fn postal(code: &str) -> String {
    if code.trim().is_empty() {
        String::new()
    } else {
        format!("〒{}", code.trim())
    }
}

/// An address line: 「〒100-0001　東京都…」, the parts that were entered (nothing for none).
pub fn address_line(postal_code: &str, address: &str) -> String {
    [postal(postal_code), address.trim().to_string()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("　")
}
/// A period from … to.
pub fn period(from: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    let f = from.map(dates::format_kanji).unwrap_or_default();
    let u = until.map(dates::format_kanji).unwrap_or_default();
    format!("{f} ～ {u}")
}

// ---- 様式2 ----------------------------------------------------------------------------------

/// 様式2's form name.
pub const FORM2: &str = "様式2";
/// 様式2's title.
pub const FORM2_TITLE: &str = "勤務実態自己申告書";
/// File name of 様式2 alone.
pub const FORM2_FILE: &str = "様式2_勤務実態自己申告書.pdf";
/// The lead sentence with the activity period.
pub fn form2_lead(start: NaiveDate, end: NaiveDate) -> String {
    format!(
        "活動期間（{}～{}）における勤務実態を以下のとおり申告します。",
        dates::format_kanji(start),
        dates::format_kanji(end)
    )
}
/// Column headings of 様式2.
pub const FORM2_COLUMNS: [&str; 6] = [
    WorkplaceField::Facility.label(),
    "所在地\n（都道府県・市区町村）",
    WorkplaceField::Department.label(),
    "期間\n（年月～年月）",
    "常勤・\n非常勤",
    "産婦人科診療\n週あたり日数\n（時間）",
];
/// 氏名 on 様式2.
pub const NAME: &str = ApplicantField::Name.label();
/// 現在まで
pub const UNTIL_NOW: &str = "現在";
/// A period by months.
pub fn month_period(from: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    let f = from.map(dates::format_year_month).unwrap_or_default();
    let u = until.map_or_else(|| UNTIL_NOW.to_string(), dates::format_year_month);
    format!("{f}～{u}")
}
/// Days and/or hours per week.
pub fn per_week(days: Option<f32>, hours: Option<f32>) -> String {
    let num = |v: f32| {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map_or(s.clone(), str::to_string)
    };
    match (days, hours) {
        (Some(d), Some(h)) => format!("週{}日（{}時間）", num(d), num(h)),
        (Some(d), None) => format!("週{}日", num(d)),
        (None, Some(h)) => format!("週{}時間", num(h)),
        (None, None) => String::new(),
    }
}
/// Shown when no workplace was entered.
pub const NO_WORKPLACE: &str = "（勤務先の記載なし）";
/// The declaration sentence.
pub const FORM2_DECLARATION: &str = "上記のとおり相違ないことを申告します。";
/// 記入日
pub const DATE: &str = "日付";
/// 申請者氏名（自署）
pub const APPLICANT_SIGNATURE: &str = "申請者氏名（自署）";

// ---- 様式3 ----------------------------------------------------------------------------------

/// 様式3's form name.
pub const FORM3: &str = "様式3";
/// 様式3's title.
pub const FORM3_TITLE: &str = "診療実績の証明（症例一覧表）";
/// File name of 様式3 alone.
pub const FORM3_FILE: &str = "様式3_症例一覧表.pdf";
/// Column headings of 様式3, exactly as the source gives them (the date and role headings break
/// where the field labels do not).
pub const FORM3_COLUMNS: [&str; 9] = [
    "No.",
    "診察日\n（年/月/日）",
    CaseField::Age.label(),
    CaseField::Sex.label(),
    CaseField::Diagnosis.label(),
    CaseField::Treatment.label(),
    CaseField::Outcome.label(),
    CaseField::Facility.label(),
    "担当医/\n指導医",
];
/// The note under the title.
pub fn form3_note(cases_per_unit: u32, period: &crate::rules::ActivityPeriod) -> String {
    let paused = if period.pauses.is_empty() {
        ""
    } else {
        "（活動休止の期間を除く）"
    };
    format!(
        "{cases_per_unit}症例で1単位。診察日が{}～{}{paused}の症例に限ります。患者を特定できる情報（氏名・カルテ番号等）は記載しないでください。",
        dates::format_slash(period.start),
        dates::format_slash(period.end)
    )
}
/// Facility group heading.
pub fn facility_heading(facility: &str, first: usize, last: usize) -> String {
    format!("診療施設　{facility}（No. {first}～{last}）")
}
/// Shown for cases whose facility is not entered.
pub const NO_FACILITY: &str = "（診療施設名の記載なし）";
/// Age in years.
pub fn age(years: u8) -> String {
    format!("{years}")
}
/// The certification of the responsible physician.
pub const CERTIFICATION_TITLE: &str = "診療責任者の証明";
/// The certification sentence.
pub fn certification_sentence(first: usize, last: usize) -> String {
    format!(
        "上記 No. {first}～{last} の症例は、申請者が当施設において診療に携わったものであることを証明します。"
    )
}
/// Labels of the certification block.
pub const CERT_FACILITY: &str = "施設名";
/// 役職
pub const CERT_TITLE: &str = "役職";
/// 氏名（自署）
pub const CERT_NAME: &str = "診療責任者 氏名（自署）";
/// 証明日
pub const CERT_DATE: &str = "証明日";
/// A blank date to fill in by hand.
pub const BLANK_DATE: &str = "　　　　年　　月　　日";
/// Totals line of 様式3.
pub fn form3_totals(cases: usize, units: u32) -> String {
    format!("症例数 合計 {cases} 例　　申請単位数 {units} 単位")
}
/// Continued on the next page.
pub const CONTINUED: &str = "（次ページへ続く）";

// ---- 様式4 ----------------------------------------------------------------------------------

/// 様式4's form name.
pub const FORM4: &str = "様式4";
/// 様式4's title.
pub const FORM4_TITLE: &str = "機構単位集計表";
/// The activity period the units were counted in, with why it is not the usual one.
pub fn form4_period(period: &crate::rules::ActivityPeriod) -> String {
    format!("活動期間：{}", period.text())
}
/// File name of 様式4 alone.
pub const FORM4_FILE: &str = "様式4_機構単位集計表.pdf";
/// Column headings of the category table.
pub const FORM4_COLUMNS: [&str; 9] = [
    "区分",
    "項目",
    "申請単位",
    "最低",
    "上限",
    "算定単位",
    "うち会員\nポータル登録",
    "うち証明\n書類同封",
    "判定",
];
/// No maximum.
pub const NO_MAX: &str = "なし";
/// Category met.
pub const OK: &str = "○";
/// Category not met.
pub const NOT_OK: &str = "×";
/// Not required.
pub const NOT_REQUIRED: &str = "免除";
/// 合計
pub const TOTAL: &str = "合計";
/// Required total.
pub fn required_total(units: u32, exempt: bool) -> String {
    if exempt {
        format!("必要 {units} 単位（診療実績免除: ii～ivの合計）")
    } else {
        format!("必要 {units} 単位（i～ivの合計）")
    }
}
/// Footnote on the portal / proof columns.
pub const FORM4_PORTAL_NOTE: &str = "※「うち会員ポータル登録」「うち証明書類同封」は、上限を適用する前の有効な単位数です。i（診療実績）は様式3で証明します。";
/// Heading of the list of every credit.
pub const FORM4_CREDITS_HEADING: &str = "別紙 単位の明細（申請するすべての単位）";
/// Columns of the list of every credit.
pub const FORM4_CREDIT_COLUMNS: [&str; 8] = [
    "No.",
    "区分",
    "日付",
    "名称・主催者",
    "形式",
    "単位",
    "ポータル",
    "備考",
];
/// On the portal's record.
pub const ON_PORTAL: &str = "登録済";
/// Not counted (the reason is in the checker's findings).
pub const NOT_COUNTED: &str = "算定外";
/// When no credit was entered.
pub const NO_CREDITS: &str = "単位の記載はありません。";
/// A credit's category and topic or item, e.g. 「iii 産婦人科領域講習（講師）」 (the mode of a
/// lecture only when `with_mode`).
pub fn credit_kind(credit: &Credit, with_mode: bool) -> String {
    let mode = if with_mode {
        format!("（{}）", credit.mode.label())
    } else {
        String::new()
    };
    match credit.kind {
        CreditKind::Common(topic) => {
            format!("{} {}{mode}", CategoryCode::Common.roman(), topic.label())
        }
        CreditKind::Domain => format!(
            "{} {}{mode}",
            CategoryCode::Domain.roman(),
            CategoryCode::Domain.label()
        ),
        CreditKind::Activity(item) => format!(
            "{} {}",
            CategoryCode::Activity.roman(),
            item_label(item.number(), item.label())
        ),
        CreditKind::SelfStudy => format!("{} {SELF_STUDY}", CategoryCode::Clinical.roman()),
    }
}

/// 「C.自己学習」, the alternative to the case record (the society's notice of 2024-07-11).
pub const SELF_STUDY: &str = "C.自己学習（test付きe-learning）";
/// A credit's title and organiser on one line.
pub fn title_and_organiser(credit: &Credit) -> String {
    match (credit.title.trim(), credit.organiser.trim()) {
        (t, "") => t.to_string(),
        ("", o) => o.to_string(),
        (t, o) => format!("{t}／{o}"),
    }
}
/// Heading of the category ii breakdown.
pub const FORM4_COMMON_HEADING: &str = "ii 専門医共通講習の内訳";
/// Columns of the category ii breakdown.
pub const FORM4_COMMON_COLUMNS: [&str; 6] = [
    "区分",
    "講習の分野",
    "申請単位",
    "算定単位",
    "うち講師",
    "うち会員ポータル登録",
];
/// Minimum of a required topic.
pub fn topic_min(min: u32) -> String {
    format!("（各{min}単位以上）")
}
/// Heading of the category iv breakdown.
pub const FORM4_ACTIVITY_HEADING: &str = "iv 学術業績・診療以外の活動実績の内訳";
/// Columns of the category iv breakdown.
pub const FORM4_ACTIVITY_COLUMNS: [&str; 4] = ["項目", "申請単位", "上限", "算定単位"];
/// Item number and name.
pub fn item_label(number: u8, name: &str) -> String {
    format!("({number}) {name}")
}
/// Across every page of a bundle that does not meet the criteria (unless posted as it is).
pub const DRAFT_MARK: &str = "下書き（基準未達）";
/// Verdict when passing.
pub const PASSES: &str = "判定: 更新基準を満たしています。";
/// Verdict when not passing.
pub const FAILS: &str = "判定: この申請は更新基準を満たしていません。理由は次のとおりです。";
/// The applicant's statement above the signature.
pub const FORM4_STATEMENT: &str = "上記のとおり単位を集計し、相違ないことを申告します。";

// ---- チェックリスト --------------------------------------------------------------------------

/// The checklist's form name.
pub const CHECKLIST: &str = "チェックリスト";
/// The checklist's title.
pub const CHECKLIST_TITLE: &str = "日本専門医機構認定産婦人科専門医更新申請 チェックリスト";
/// File name of the checklist alone.
pub const CHECKLIST_FILE: &str = "チェックリスト.pdf";
/// Heading of the bundle's parts.
pub const CHECKLIST_PARTS_HEADING: &str = "提出書類（この順に重ねてください）";
/// The seven parts of the bundle (§4 (1)–(7)).
pub const PARTS: [&str; 7] = [
    "(1) 様式1 日本専門医機構認定 産婦人科専門医資格更新申請書",
    "(2) 様式2 勤務実態自己申告書",
    "(3) 様式3 診療実績の証明（症例一覧表）",
    "(4) 様式4 機構単位集計表",
    "(5) 会員ポータルの「単位情報」→「機構専門医」ページの印刷",
    "(6) 会員ポータルに登録されていない単位の証明書類",
    "(7) チェックリスト（本紙）",
];
/// Status notes of the parts.
pub const PART_PRINTED: &str = "印刷済（署名が必要）";
/// Printed, complete.
pub const PART_DONE: &str = "印刷済";
/// Not needed.
pub const PART_NOT_NEEDED: &str = "該当なし（提出不要）";
/// Left to the applicant.
pub const PART_BY_HAND: &str = "ご自身で確認してください";
/// Proofs to enclose, counted.
pub fn part_proofs(n: usize) -> String {
    format!("下表の{n}点")
}
/// Who signs: the applicant.
pub const SIGNER_APPLICANT: &str = "申請者";
/// Who signs: a facility's responsible physician.
pub const SIGNER_HEAD: &str = "診療責任者";
/// What the applicant signs.
pub const APPLICANT_SIGNS: &str = "様式1・様式2・様式4の署名欄（自署）";
/// What a 診療責任者 signs: their facility's `pages` of 様式3 (first, last) with its `cases`.
pub fn head_signs((p, q): (usize, usize), cases: usize, total: usize) -> String {
    let pages = if p == q {
        format!("{p}ページ")
    } else {
        format!("{p}～{q}ページ")
    };
    format!(
        "様式3 {pages}（全{total}ページ中、{cases}例）の末尾、{q}ページの「診療責任者の証明」欄（役職・氏名（自署）・日付）"
    )
}
/// Where the committees' fee accounts are published, in a sentence.
pub fn fee_account(account: Option<&crate::rules::FeeAccount>, society: &str) -> String {
    let committee = format!(
        "{}の専門医制度委員会",
        crate::mailing::society_or_placeholder(society)
    );
    match account {
        Some(a) if a.assumed => format!(
            "{committee}の指定口座へ、書類の送付と同時に振り込みます。口座は{}に掲載されます（2024年度の概要にならった仮定。その年度の概要で確かめてください）",
            a.published_in
        ),
        Some(a) => format!(
            "{committee}の指定口座へ、書類の送付と同時に振り込みます。口座は{}に掲載されています",
            a.published_in
        ),
        None => format!("{committee}の指定口座へ、書類の送付と同時に振り込みます"),
    }
}
/// Heading of the proof list.
pub const PROOFS_HEADING: &str = "同封する証明書類";
/// Columns of the proof list.
pub const PROOF_COLUMNS: [&str; 5] = ["同封", "区分", "日付", "名称・主催者", "同封する書類"];
/// When no proof is needed.
pub const NO_PROOFS: &str = "同封が必要な証明書類はありません。";
/// An assumption the verdict rests on, under the verdict on the checklist.
pub fn assumption(sentence: &str) -> String {
    format!("※仮定: {sentence}")
}
/// Heading of the 必修講習B part.
pub const B_HEADING: &str = "必修講習B（5項目）";
/// Units attended of a 必修講習B topic.
pub fn b_topic_note(units: u32) -> String {
    if units == 0 {
        "未受講".to_string()
    } else {
        format!("{units}単位")
    }
}
/// The regional-practice waiver of 必修講習B, claimed.
pub fn b_waiver(practice: &str) -> String {
    format!("多様な地域における診療実績により必修講習Bの免除を申請します（{practice}）")
}
/// Heading of the reminders.
pub const REMINDERS_HEADING: &str = "送付前の確認";
/// The reminders, built from the rule set's figures.
/// The checklist's line on the activity period used.
pub fn checklist_period(period: &crate::rules::ActivityPeriod) -> String {
    format!("この申請の活動期間：{}", period.text())
}

/// Reminders to enclose the approval of a deferral or pause, where the period rests on one:
/// a reminder, not a rule of the criteria.
pub fn approval_reminders(period: &crate::rules::ActivityPeriod) -> Vec<String> {
    use crate::rules::PeriodBasis;
    let mut out = Vec::new();
    match period.basis {
        PeriodBasis::AfterDeferral => out.push(
            "【確認】更新猶予が認められたことを示す書類（承認の通知など）の写しがあれば同封してください（基準の定めではなく、このプログラムからの注意です）。".to_string(),
        ),
        PeriodBasis::AfterDeferralRenewal => out.push(
            "【確認】前回が猶予後の更新だったことを示す書類（前回の認定証など）の写しがあれば同封してください（基準の定めではなく、このプログラムからの注意です）。".to_string(),
        ),
        PeriodBasis::Regular => {}
    }
    if !period.pauses.is_empty() {
        out.push(
            "【確認】活動休止が認められたことを示す書類（承認の通知など）の写しがあれば同封してください（基準の定めではなく、このプログラムからの注意です）。".to_string(),
        );
    }
    out
}

pub fn reminders(
    review_fee: u32,
    deadline: NaiveDate,
    regional_society: &str,
    exempt: bool,
    committee: Option<&crate::mailing::Committee>,
) -> Vec<String> {
    let society = crate::mailing::society_or_placeholder(regional_society);
    let mut out = vec!["様式1・様式2・様式4に申請者本人が署名しましたか。".to_string()];
    if !exempt {
        out.push(
            "様式3の各施設の「診療責任者の証明」欄に、診療責任者の署名と日付がありますか。"
                .to_string(),
        );
    }
    out.push(format!(
        "審査料 {} 円を、{society}の専門医制度委員会の指定口座へ、書類の送付と同時に振り込みましたか（返金されません）。",
        yen(review_fee)
    ));
    let to = match committee {
        Some(c) => format!(
            "（送付先：{}　{}）",
            address_line(&c.postal_code, &c.address.replace('\n', "　")),
            crate::mailing::addressee(regional_society, Some(c))
        ),
        None => String::new(),
    };
    out.push(format!(
        "書類は{society}の専門医制度委員会へ、{}必着で送付してください{to}。",
        dates::format_kanji(deadline)
    ));
    out.push("送付する書類はすべて控え（コピー）を取って保管してください。".to_string());
    out
}

/// A yen amount with thousands separators, written as the progress view writes it.
pub fn yen(amount: u32) -> String {
    crate::rules::progress::yen(u64::from(amount))
}

// ---- pre-flight messages -----------------------------------------------------------------------

// ---- letters beside the bundle -------------------------------------------------------------

/// 角形2号, as the label is named.
pub const KAKU2: &str = "角2";
/// 長形3号, as the label is named.
pub const NAGA3: &str = "長3";
/// A facility's responsible physician, as addressed.
pub const HEAD_TITLE: &str = "診療責任者";
/// A name addressed with 先生.
pub fn sensei(name: &str) -> String {
    format!("{} 先生", name.trim())
}
/// Who asks.
pub const ASKED_BY: &str = "依頼者";
/// Phone and e-mail on one line, the parts entered.
pub fn contact(phone: &str, email: &str) -> String {
    let mut parts = Vec::new();
    if !phone.trim().is_empty() {
        parts.push(format!("電話 {}", phone.trim()));
    }
    if !email.trim().is_empty() {
        parts.push(format!("メール {}", email.trim()));
    }
    parts.join("　")
}
/// Title of the signature request.
pub const REQUEST_TITLE: &str = "診療実績の証明への署名のお願い";
/// What the signature request asks.
pub fn request_body(fiscal_year: u16, cases: usize) -> String {
    format!(
        "拝啓　時下ますますご清祥のこととお慶び申し上げます。\n{fiscal_year}年度の日本専門医機構認定 産婦人科専門医の資格更新申請にあたり、貴施設で私が診療した症例{cases}例の一覧（様式3 診療実績の証明）を同封いたします。ご多忙のところ恐縮ですが、内容をご確認のうえ、下記の欄に役職・ご署名・日付をご記入いただき、期限までにご返送くださいますようお願い申し上げます。　敬具"
    )
}
/// What the signature request asks, for several doctors of one office.
pub fn request_body_for_doctors(doctors: usize, cases: usize) -> String {
    format!(
        "拝啓　時下ますますご清祥のこととお慶び申し上げます。\n日本専門医機構認定 産婦人科専門医の資格更新申請にあたり、貴施設で診療した症例の一覧（様式3 診療実績の証明）を、医師{doctors}名分（計{cases}例）同封いたします。ご多忙のところ恐縮ですが、各医師の下記のページ末尾の欄に役職・ご署名・日付をご記入いただき、期限までにご返送くださいますようお願い申し上げます。　敬具"
    )
}
/// A doctor whose name is not entered.
pub const NAME_BLANK: &str = "（氏名未入力）";
/// 記.
pub const KI: &str = "記";
/// 以上.
pub const IJOU: &str = "以上";
/// Row label: the facility.
pub const REQ_FACILITY: &str = "施設";
/// Row label: the cases.
pub const REQ_CASES: &str = "症例";
/// The cases of a facility, with their No.
pub fn request_cases(cases: usize, (first, last): (usize, usize)) -> String {
    if cases == 1 {
        format!("1例（様式3の No.{first}）")
    } else {
        format!("{cases}例（様式3の No.{first}～{last}）")
    }
}
/// Row label: the pages enclosed.
pub const REQ_PAGES: &str = "同封のページ";
/// The pages of 様式3 enclosed.
pub fn request_pages((p, q): (usize, usize), total: usize) -> String {
    let n = q + 1 - p;
    if p == q {
        format!("様式3の{p}ページ（全{total}ページ中、1枚）")
    } else {
        format!("様式3の{p}～{q}ページ（全{total}ページ中、{n}枚）")
    }
}
/// Row label: where to sign.
pub const REQ_SIGN_AT: &str = "ご記入いただく欄";
/// Where to sign.
pub fn request_sign_at(last_page: usize) -> String {
    format!("{last_page}ページ末尾の「{CERTIFICATION_TITLE}」欄：役職、氏名（自署）、日付")
}
/// Row label: by when to return.
pub const REQ_RETURN_BY: &str = "ご返送の期限";
/// By when to return, and why.
pub fn request_return_by(by: NaiveDate, deadline: NaiveDate, society: &str) -> String {
    let to = crate::mailing::society_or_placeholder(society);
    format!(
        "{}まで（申請書類は{}必着で{to}へ送付します）",
        dates::format_kanji(by),
        dates::format_kanji(deadline)
    )
}
/// Row label: where to return.
pub const REQ_RETURN_TO: &str = "ご返送先";
/// The sender's name, when a blank is printed for it.
pub const SENDER_NAME: &str = "氏名";
/// The applicant's numbers on the 送付状.
pub fn sender_numbers(specialist: &str, member: &str) -> String {
    let mut parts = Vec::new();
    if !specialist.trim().is_empty() {
        parts.push(format!("専門医番号 {}", specialist.trim()));
    }
    if !member.trim().is_empty() {
        parts.push(format!("会員番号 {}", member.trim()));
    }
    parts.join("　")
}
/// Title of the 送付状.
pub const COVER_TITLE: &str = "産婦人科専門医資格更新申請書類の送付について";
/// The 送付状's body.
pub fn cover_body(fiscal_year: u16) -> String {
    format!(
        "拝啓　時下ますますご清祥のこととお慶び申し上げます。\n{fiscal_year}年度の日本専門医機構認定 産婦人科専門医の資格更新申請書類を、下記のとおりお送りいたします。ご査収のほど、よろしくお願い申し上げます。　敬具"
    )
}
/// Pages of a printed part.
pub fn pages(n: usize) -> String {
    format!("{n}枚")
}
/// Proofs enclosed, counted.
pub fn proofs_enclosed(n: usize) -> String {
    format!("{n}点")
}
/// A part the applicant prints or adds.
pub const ENCLOSED_BY_HAND: &str = "同封（申請者が用意）";
/// Row label: the fee.
pub const COVER_FEE: &str = "審査料";
/// The fee, sent with the bundle.
pub fn cover_fee(fee: u32) -> String {
    format!(
        "{} 円を、書類の送付と同時に貴委員会指定の口座へ振り込みます（振込日：　　　月　　　日）",
        yen(fee)
    )
}
/// Where the address is to be written by hand.
pub const ADDRESS_BY_HAND: &str = "住所";
/// 朱書き on the envelope.
pub const IN_ENVELOPE: &str = "産婦人科専門医資格更新申請書類在中";
/// Heading of the sender's label.
pub const SENDER: &str = "差出人";
/// Under the label: how to use it.
pub fn label_note(envelope: &str) -> String {
    format!(
        "{envelope}封筒用。枠に沿って切り取り、上を封筒の表に、差出人を裏に貼ってください。「在中」は赤（朱書き）で印刷してあります。"
    )
}
/// File-name part for a facility without a name.
pub const NO_FACILITY_FILE: &str = "施設名なし";
/// File name of one signature request.
pub fn request_file(n: usize, facility: &str) -> String {
    format!("署名のお願い_{n}_{facility}.pdf")
}
/// File name of the 送付状.
pub const COVER_FILE: &str = "送付状.pdf";
/// File name of the label.
pub fn label_file(envelope: &str) -> String {
    format!("宛名ラベル_{envelope}.pdf")
}
/// Title of the label's PDF.
pub fn label_title(envelope: &str) -> String {
    format!("宛名ラベル（{envelope}封筒）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_has_separators() {
        assert_eq!(yen(22000), "22,000");
        assert_eq!(yen(500), "500");
        assert_eq!(yen(1_234_567), "1,234,567");
    }
}
