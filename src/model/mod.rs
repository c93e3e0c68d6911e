//! The application as data: what the five paper forms hold, with serde and no logic beyond
//! small invariants. Rules live in [`crate::rules`]; this module only describes what was entered,
//! and the one numbering of the cases every part of the program names them by ([`CaseOrder`]).

mod case_order;
mod credit;
pub mod field;
mod legacy;
pub mod vocabulary;

pub use case_order::{CaseOrder, FacilityGroup};
pub use credit::{ActivityItem, CommonGroup, CommonTopic, Credit, CreditKind, Mode, Role};
pub use field::{
    ApplicantField, ApplicationField, CaseField, CreditField, PauseField, WorkplaceField,
};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What was typed into a record's date and number fields that does not read as a value, by
/// field. The text is part of the application (saved, recovered, undone like any value): a
/// mistyped date is never replaced by a value the user did not mean, nor dropped at quit. The
/// field's own value is empty while its text is here; the evaluator reports each one.
pub type Unread<F> = BTreeMap<F, String>;

/// 産婦人科専門医資格更新申請 — one doctor's renewal application, all five forms' worth of data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Application {
    /// The fiscal year whose rule set applies (e.g. 2024 for 2024年度).
    pub fiscal_year: u16,
    /// 申請日 — the date written on 様式1.
    pub application_date: Option<NaiveDate>,
    /// 申請者 — the applicant (様式1).
    pub applicant: Applicant,
    /// 申請区分 — kind of application.
    pub kind: ApplicationKind,
    /// 連続した更新回数 — consecutive renewals completed so far, as the applicant declares it.
    pub consecutive_renewals: u8,
    /// 前回の更新は猶予後の更新 — the previous renewal was made after a deferral, so the units
    /// of that deferral year were counted then and not again (the activity period is shorter).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub previous_after_deferral: bool,
    /// 活動休止 — approved pauses of specialist activity; nothing inside one counts, and the
    /// activity period reaches back by their length.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// 勤務実態 — one row per workplace during the activity period (様式2).
    pub workplaces: Vec<Workplace>,
    /// 症例 — clinical cases (様式3 rows).
    pub cases: Vec<Case>,
    /// 単位 — credits of categories ii–iv.
    pub credits: Vec<Credit>,
    /// 診療責任者 — the name of each 様式3 facility's responsible physician (by the facility as
    /// printed), for the letter asking them to sign; the form itself leaves the name to be
    /// signed by hand.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub facility_heads: BTreeMap<String, String>,
    /// 読めない入力 — text typed into a date or number field that does not read as one, kept
    /// as typed (the field's value is then empty) until it is corrected; see [`Unread`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: Unread<ApplicationField>,
}

impl Default for Application {
    fn default() -> Self {
        Self::new(2024)
    }
}

impl Application {
    /// An empty application for the given fiscal year.
    pub fn new(fiscal_year: u16) -> Self {
        Self {
            fiscal_year,
            application_date: None,
            applicant: Applicant::default(),
            kind: ApplicationKind::default(),
            consecutive_renewals: 0,
            previous_after_deferral: false,
            pauses: Vec::new(),
            workplaces: Vec::new(),
            cases: Vec::new(),
            credits: Vec::new(),
            facility_heads: BTreeMap::new(),
            unread: Unread::new(),
        }
    }
}

/// 申請者 — the applicant's identity, certification and addresses (様式1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Applicant {
    /// ふりがな
    pub furigana: String,
    /// 氏名
    pub name: String,
    /// 生年月日
    pub birth_date: Option<NaiveDate>,
    /// 性別
    pub sex: Option<Sex>,
    /// 会員番号 (日本産科婦人科学会)
    pub member_number: String,
    /// 専門医番号 (学会) — e.g. `…-N-0419`; its ending hints at eligibility and exemption.
    pub specialist_number: String,
    /// 現在の認定期間 (開始)
    pub certified_from: Option<NaiveDate>,
    /// 現在の認定期間 (終了)
    pub certified_until: Option<NaiveDate>,
    /// 医籍登録番号
    pub medical_registration_number: String,
    /// 医籍登録年月日
    pub medical_registration_date: Option<NaiveDate>,
    /// 勤務先
    pub work: WorkAddress,
    /// 自宅
    pub home: Address,
    /// メールアドレス
    pub email: String,
    /// 郵便物送付先
    pub mail_to: MailTo,
    /// 所属地方学会 — the regional society whose committee receives the bundle.
    pub regional_society: String,
    /// 認定の経緯 — how the applicant first became a specialist (decides 必修B from FY2026).
    #[serde(default)]
    pub certification_route: Option<CertificationRoute>,
    /// 初回認定年度 — fiscal year of the first certification (e.g. 2021 for 2021年度).
    #[serde(default)]
    pub first_certified_year: Option<u16>,
    /// 多様な地域における診療実績 — whether at least a year of regional practice is recognised,
    /// and in which period (waives 必修B; the society's notice of 2023-04-14). `None`: not said.
    #[serde(default)]
    pub regional_practice: Option<RegionalPractice>,
    /// 読めない入力 — text typed into a date or number field that does not read as one, kept
    /// as typed (the field's value is then empty) until it is corrected; see [`Unread`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: Unread<ApplicantField>,
}

/// 多様な地域における診療実績 — a year or more at a 地域医療研修が可能な施設 (not a 基幹施設,
/// outside Tokyo's 23 wards and the 政令指定都市), in one of two periods that are not added
/// together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegionalPractice {
    /// Neither period holds a year of such practice.
    NotRecognised,
    /// A year or more as 専攻医.
    AsResident,
    /// A year or more within the first years after certification (更新1期目).
    AfterCertification,
}

impl RegionalPractice {
    /// All values, in pick-list order.
    pub const ALL: [RegionalPractice; 3] = [
        RegionalPractice::NotRecognised,
        RegionalPractice::AsResident,
        RegionalPractice::AfterCertification,
    ];

    /// The label shown in the window and printed on the checklist.
    pub fn label(self) -> &'static str {
        match self {
            RegionalPractice::NotRecognised => "なし",
            RegionalPractice::AsResident => "専攻医として1年以上",
            RegionalPractice::AfterCertification => "専門医認定後5年以内に1年以上",
        }
    }

    /// Whether it waives 必修B.
    pub fn waives_b(self) -> bool {
        self != RegionalPractice::NotRecognised
    }
}

/// 認定の経緯 — how the applicant first became a specialist (source §1, §7(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CertificationRoute {
    /// 学会の認定審査 — certified by the society (学会認定専門医), before the Board's system.
    Society,
    /// 日本専門医機構の認定審査 (筆記試験・面接試験) に合格.
    BoardExam,
}

impl CertificationRoute {
    /// All values, in pick-list order.
    pub const ALL: [CertificationRoute; 2] =
        [CertificationRoute::Society, CertificationRoute::BoardExam];

    /// The label shown in the form.
    pub fn label(self) -> &'static str {
        match self {
            CertificationRoute::Society => "学会の認定審査（学会認定専門医）",
            CertificationRoute::BoardExam => "日本専門医機構の認定審査（筆記・面接試験）",
        }
    }
}

/// 勤務先 — the current workplace on 様式1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkAddress {
    /// 施設名
    pub facility: String,
    /// 診療科
    pub department: String,
    /// 〒, 住所, 電話
    pub address: Address,
}

/// A postal address with telephone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Address {
    /// 郵便番号 (〒)
    pub postal_code: String,
    /// 住所
    pub address: String,
    /// 電話
    pub phone: String,
}

/// 郵便物送付先 — which address the society writes to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailTo {
    /// 勤務先
    #[default]
    Work,
    /// 自宅
    Home,
}

/// 性別
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// 女
    Female,
    /// 男
    Male,
}

impl Sex {
    /// All values, in pick-list order.
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];

    /// The label printed on the forms.
    pub fn label(self) -> &'static str {
        match self {
            Sex::Female => "女",
            Sex::Male => "男",
        }
    }
}

/// 申請区分 — who may apply this year (RULES §1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationKind {
    /// 更新 — certified, renewed or re-certified by the society in the cycle year (`-N○○19`).
    #[default]
    Renewal,
    /// 猶予後の更新 — passed the previous year's deferral review (`-N○○18`).
    AfterDeferral,
    /// 再認定と同時の更新 — applying for re-certification this year.
    WithRecertification,
    /// 再認定合格後の更新 — passed last year's re-certification review, did not renew then.
    AfterRecertification,
}

impl ApplicationKind {
    /// All values, in pick-list order.
    pub const ALL: [ApplicationKind; 4] = [
        ApplicationKind::Renewal,
        ApplicationKind::AfterDeferral,
        ApplicationKind::WithRecertification,
        ApplicationKind::AfterRecertification,
    ];

    /// The label printed on 様式1.
    pub fn label(self) -> &'static str {
        match self {
            ApplicationKind::Renewal => "更新",
            ApplicationKind::AfterDeferral => "猶予後の更新",
            ApplicationKind::WithRecertification => "再認定と同時の更新",
            ApplicationKind::AfterRecertification => "再認定合格後の更新",
        }
    }
}

/// 活動休止 — one approved pause of specialist activity, both days included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pause {
    /// 開始
    pub from: Option<NaiveDate>,
    /// 終了
    pub until: Option<NaiveDate>,
    /// 読めない入力 — text typed into a date field that does not read as one; see [`Unread`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: Unread<PauseField>,
}

/// 勤務実態 — one workplace during the activity period (a 様式2 row).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workplace {
    /// 施設名
    pub facility: String,
    /// 所在地 (都道府県・市区町村)
    pub location: String,
    /// 診療科
    pub department: String,
    /// 期間 (開始) — only year and month are printed.
    pub from: Option<NaiveDate>,
    /// 期間 (終了); `None` means 現在まで.
    pub until: Option<NaiveDate>,
    /// 常勤 / 非常勤
    pub employment: Employment,
    /// 週あたりの産婦人科診療日数
    pub days_per_week: Option<f32>,
    /// 週あたりの産婦人科診療時間 (when days do not describe it)
    pub hours_per_week: Option<f32>,
    /// 地域医療研修が可能な施設 (not a 基幹施設, outside Tokyo's 23 wards and the 政令指定都市),
    /// as the doctor marks it: a year here after certification may waive 必修B.
    pub regional: bool,
    /// 読めない入力 — text typed into a date or number field that does not read as one, kept
    /// as typed (the field's value is then empty) until it is corrected; see [`Unread`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: Unread<WorkplaceField>,
}

impl Workplace {
    /// The week's days or hours that cannot be true (NaN, infinite, negative, more than a week
    /// holds), each with its field and the largest value that can be: `(field, value, max)`.
    pub fn impossible_numbers(&self) -> impl Iterator<Item = (WorkplaceField, f32, f32)> {
        [
            (WorkplaceField::DaysPerWeek, self.days_per_week, 7.0),
            (WorkplaceField::HoursPerWeek, self.hours_per_week, 168.0),
        ]
        .into_iter()
        .filter_map(|(field, value, max)| {
            value
                .filter(|v| !(v.is_finite() && (0.0..=max).contains(v)))
                .map(|v| (field, v, max))
        })
    }
}

/// 常勤 / 非常勤
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Employment {
    /// 常勤
    #[default]
    FullTime,
    /// 非常勤
    PartTime,
}

impl Employment {
    /// The label printed on 様式2.
    pub fn label(self) -> &'static str {
        match self {
            Employment::FullTime => "常勤",
            Employment::PartTime => "非常勤",
        }
    }
}

/// 症例 — one clinical case, a row of 様式3. Holds no patient-identifying data by design.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Case {
    /// 診察日
    pub date: Option<NaiveDate>,
    /// 年齢
    pub age: Option<u8>,
    /// 性別
    pub sex: Option<Sex>,
    /// 診断名
    pub diagnosis: String,
    /// 検査・処置・投薬等
    pub treatment: String,
    /// 転帰 — free text, kept as written (治癒, 継続, 異常なし …); see [`vocabulary::OUTCOMES`].
    /// Files of format 2 and older held a pick-list value here; it reads as its word.
    #[serde(deserialize_with = "legacy::outcome")]
    pub outcome: String,
    /// 診療施設名
    pub facility: String,
    /// 担当医/指導医 — free text, kept as written: the applicant's role (担当医, 指導医) or the
    /// doctors' names (`山田 花子／佐藤 一郎`); see [`vocabulary::ROLES`]. Files of format 2 and
    /// older held a pick-list value here; it reads as its word.
    #[serde(deserialize_with = "legacy::role")]
    pub role: String,
    /// 読めない入力 — text typed into a date or number field that does not read as one, kept
    /// as typed (the field's value is then empty) until it is corrected; see [`Unread`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: Unread<CaseField>,
}
