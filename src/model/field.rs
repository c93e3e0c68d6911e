//! Typed field ids: one enum per record of the application, each value naming one field by
//! its stable key (as printed in `check --json` paths such as `cases[3].date`) and its Japanese
//! label. A finding, an edit, a pre-flight message and an import column name a field by one of
//! these values, so the compiler checks that they agree.

use serde::{Deserialize, Serialize};

/// A field of the application as a whole (様式1's head).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApplicationField {
    /// 年度
    FiscalYear,
    /// 申請日
    ApplicationDate,
    /// 申請区分
    Kind,
    /// 連続した更新回数
    ConsecutiveRenewals,
    /// 前回の更新は猶予後の更新
    PreviousAfterDeferral,
}

impl ApplicationField {
    /// Every field, in the order of the form.
    pub const ALL: [ApplicationField; 5] = [
        ApplicationField::FiscalYear,
        ApplicationField::ApplicationDate,
        ApplicationField::Kind,
        ApplicationField::ConsecutiveRenewals,
        ApplicationField::PreviousAfterDeferral,
    ];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            ApplicationField::FiscalYear => "fiscal_year",
            ApplicationField::ApplicationDate => "application_date",
            ApplicationField::Kind => "kind",
            ApplicationField::ConsecutiveRenewals => "consecutive_renewals",
            ApplicationField::PreviousAfterDeferral => "previous_after_deferral",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            ApplicationField::FiscalYear => "年度",
            ApplicationField::ApplicationDate => "申請日",
            ApplicationField::Kind => "申請区分",
            ApplicationField::ConsecutiveRenewals => "連続した更新回数",
            ApplicationField::PreviousAfterDeferral => "前回の更新は猶予後の更新",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of the applicant, with the workplace and home addresses of 様式1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApplicantField {
    /// ふりがな
    Furigana,
    /// 氏名
    Name,
    /// 生年月日
    BirthDate,
    /// 性別
    Sex,
    /// 会員番号
    MemberNumber,
    /// 専門医番号（学会）
    SpecialistNumber,
    /// 認定の経緯
    CertificationRoute,
    /// 初回認定年度
    FirstCertifiedYear,
    /// 多様な地域における診療実績（必修講習Bの免除）
    RegionalPractice,
    /// 現在の認定期間（開始）
    CertifiedFrom,
    /// 現在の認定期間（終了）
    CertifiedUntil,
    /// 医籍登録番号
    MedicalRegistrationNumber,
    /// 医籍登録年月日
    MedicalRegistrationDate,
    /// メールアドレス
    Email,
    /// 郵便物送付先
    MailTo,
    /// 所属地方学会
    RegionalSociety,
    /// 勤務先 施設名
    WorkFacility,
    /// 勤務先 診療科
    WorkDepartment,
    /// 勤務先 郵便番号
    WorkPostalCode,
    /// 勤務先 住所
    WorkAddress,
    /// 勤務先 電話
    WorkPhone,
    /// 自宅 郵便番号
    HomePostalCode,
    /// 自宅 住所
    HomeAddress,
    /// 自宅 電話
    HomePhone,
}

impl ApplicantField {
    /// Every field, in the order of the form.
    pub const ALL: [ApplicantField; 24] = [
        ApplicantField::Furigana,
        ApplicantField::Name,
        ApplicantField::BirthDate,
        ApplicantField::Sex,
        ApplicantField::MemberNumber,
        ApplicantField::SpecialistNumber,
        ApplicantField::CertificationRoute,
        ApplicantField::FirstCertifiedYear,
        ApplicantField::RegionalPractice,
        ApplicantField::CertifiedFrom,
        ApplicantField::CertifiedUntil,
        ApplicantField::MedicalRegistrationNumber,
        ApplicantField::MedicalRegistrationDate,
        ApplicantField::Email,
        ApplicantField::MailTo,
        ApplicantField::RegionalSociety,
        ApplicantField::WorkFacility,
        ApplicantField::WorkDepartment,
        ApplicantField::WorkPostalCode,
        ApplicantField::WorkAddress,
        ApplicantField::WorkPhone,
        ApplicantField::HomePostalCode,
        ApplicantField::HomeAddress,
        ApplicantField::HomePhone,
    ];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            ApplicantField::Furigana => "furigana",
            ApplicantField::Name => "name",
            ApplicantField::BirthDate => "birth_date",
            ApplicantField::Sex => "sex",
            ApplicantField::MemberNumber => "member_number",
            ApplicantField::SpecialistNumber => "specialist_number",
            ApplicantField::CertificationRoute => "certification_route",
            ApplicantField::FirstCertifiedYear => "first_certified_year",
            ApplicantField::RegionalPractice => "regional_practice",
            ApplicantField::CertifiedFrom => "certified_from",
            ApplicantField::CertifiedUntil => "certified_until",
            ApplicantField::MedicalRegistrationNumber => "medical_registration_number",
            ApplicantField::MedicalRegistrationDate => "medical_registration_date",
            ApplicantField::Email => "email",
            ApplicantField::MailTo => "mail_to",
            ApplicantField::RegionalSociety => "regional_society",
            ApplicantField::WorkFacility => "work.facility",
            ApplicantField::WorkDepartment => "work.department",
            ApplicantField::WorkPostalCode => "work.postal_code",
            ApplicantField::WorkAddress => "work.address",
            ApplicantField::WorkPhone => "work.phone",
            ApplicantField::HomePostalCode => "home.postal_code",
            ApplicantField::HomeAddress => "home.address",
            ApplicantField::HomePhone => "home.phone",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            ApplicantField::Furigana => "ふりがな",
            ApplicantField::Name => "氏名",
            ApplicantField::BirthDate => "生年月日",
            ApplicantField::Sex => "性別",
            ApplicantField::MemberNumber => "会員番号",
            ApplicantField::SpecialistNumber => "専門医番号（学会）",
            ApplicantField::CertificationRoute => "認定の経緯",
            ApplicantField::FirstCertifiedYear => "初回認定年度",
            ApplicantField::RegionalPractice => "多様な地域における診療実績",
            ApplicantField::CertifiedFrom => "現在の認定期間（開始）",
            ApplicantField::CertifiedUntil => "現在の認定期間（終了）",
            ApplicantField::MedicalRegistrationNumber => "医籍登録番号",
            ApplicantField::MedicalRegistrationDate => "医籍登録年月日",
            ApplicantField::Email => "メールアドレス",
            ApplicantField::MailTo => "郵便物送付先",
            ApplicantField::RegionalSociety => "所属地方学会",
            ApplicantField::WorkFacility => "勤務先 施設名",
            ApplicantField::WorkDepartment => "勤務先 診療科",
            ApplicantField::WorkPostalCode => "勤務先 郵便番号",
            ApplicantField::WorkAddress => "勤務先 住所",
            ApplicantField::WorkPhone => "勤務先 電話",
            ApplicantField::HomePostalCode => "自宅 郵便番号",
            ApplicantField::HomeAddress => "自宅 住所",
            ApplicantField::HomePhone => "自宅 電話",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of a workplace row of 様式2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WorkplaceField {
    /// 施設名
    Facility,
    /// 所在地
    Location,
    /// 診療科
    Department,
    /// 期間（開始）
    From,
    /// 期間（終了・空欄は現在まで）
    Until,
    /// 常勤／非常勤
    Employment,
    /// 週あたりの診療日数
    DaysPerWeek,
    /// 週あたりの診療時間
    HoursPerWeek,
    /// 地域医療研修が可能な施設（基幹施設以外、東京23区以外、政令指定都市以外）
    Regional,
}

impl WorkplaceField {
    /// Every field, in the order of the form.
    pub const ALL: [WorkplaceField; 9] = [
        WorkplaceField::Facility,
        WorkplaceField::Location,
        WorkplaceField::Department,
        WorkplaceField::From,
        WorkplaceField::Until,
        WorkplaceField::Employment,
        WorkplaceField::DaysPerWeek,
        WorkplaceField::HoursPerWeek,
        WorkplaceField::Regional,
    ];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            WorkplaceField::Facility => "facility",
            WorkplaceField::Location => "location",
            WorkplaceField::Department => "department",
            WorkplaceField::From => "from",
            WorkplaceField::Until => "until",
            WorkplaceField::Employment => "employment",
            WorkplaceField::DaysPerWeek => "days_per_week",
            WorkplaceField::HoursPerWeek => "hours_per_week",
            WorkplaceField::Regional => "regional",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            WorkplaceField::Facility => "施設名",
            WorkplaceField::Location => "所在地",
            WorkplaceField::Department => "診療科",
            WorkplaceField::From => "期間（開始）",
            WorkplaceField::Until => "期間（終了・空欄は現在まで）",
            WorkplaceField::Employment => "常勤／非常勤",
            WorkplaceField::DaysPerWeek => "週あたりの診療日数",
            WorkplaceField::HoursPerWeek => "週あたりの診療時間",
            WorkplaceField::Regional => "地域医療研修が可能な施設",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of a 活動休止 (pause of specialist activity) row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PauseField {
    /// 休止期間（開始）
    From,
    /// 休止期間（終了）
    Until,
}

impl PauseField {
    /// Every field, in the order of the form.
    pub const ALL: [PauseField; 2] = [PauseField::From, PauseField::Until];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            PauseField::From => "from",
            PauseField::Until => "until",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            PauseField::From => "活動休止（開始）",
            PauseField::Until => "活動休止（終了）",
        }
    }

    /// 開始 / 終了, where the pause is named already (「活動休止1の開始」).
    pub const fn short(self) -> &'static str {
        match self {
            PauseField::From => "開始",
            PauseField::Until => "終了",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of a case row of 様式3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CaseField {
    /// 診察日
    Date,
    /// 年齢
    Age,
    /// 性別
    Sex,
    /// 診断名
    Diagnosis,
    /// 検査・処置・投薬等
    Treatment,
    /// 転帰
    Outcome,
    /// 診療施設名
    Facility,
    /// 担当医/指導医
    Role,
}

impl CaseField {
    /// Every field, in the order of the form.
    pub const ALL: [CaseField; 8] = [
        CaseField::Date,
        CaseField::Age,
        CaseField::Sex,
        CaseField::Diagnosis,
        CaseField::Treatment,
        CaseField::Outcome,
        CaseField::Facility,
        CaseField::Role,
    ];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            CaseField::Date => "date",
            CaseField::Age => "age",
            CaseField::Sex => "sex",
            CaseField::Diagnosis => "diagnosis",
            CaseField::Treatment => "treatment",
            CaseField::Outcome => "outcome",
            CaseField::Facility => "facility",
            CaseField::Role => "role",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            CaseField::Date => "診察日",
            CaseField::Age => "年齢",
            CaseField::Sex => "性別",
            CaseField::Diagnosis => "診断名",
            CaseField::Treatment => "検査・処置・投薬等",
            CaseField::Outcome => "転帰",
            CaseField::Facility => "診療施設名",
            CaseField::Role => "担当医/指導医",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of a credit of categories ii–iv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CreditField {
    /// 区分
    Kind,
    /// 日付
    Date,
    /// 講習名・演題名・論文名
    Title,
    /// 主催者・学会名・雑誌名
    Organiser,
    /// 形態
    Mode,
    /// 講演時間（分）
    Minutes,
    /// 単位
    Units,
    /// 立場
    Role,
    /// ポータル登録済み
    OnPortal,
    /// 証明書類を同封
    ProofEnclosed,
    /// 備考
    Note,
}

impl CreditField {
    /// Every field, in the order of the form.
    pub const ALL: [CreditField; 11] = [
        CreditField::Kind,
        CreditField::Date,
        CreditField::Title,
        CreditField::Organiser,
        CreditField::Mode,
        CreditField::Minutes,
        CreditField::Units,
        CreditField::Role,
        CreditField::OnPortal,
        CreditField::ProofEnclosed,
        CreditField::Note,
    ];

    /// The stable key, as finding paths print it (`check --json`); never changes with wording.
    pub const fn key(self) -> &'static str {
        match self {
            CreditField::Kind => "kind",
            CreditField::Date => "date",
            CreditField::Title => "title",
            CreditField::Organiser => "organiser",
            CreditField::Mode => "mode",
            CreditField::Minutes => "minutes",
            CreditField::Units => "units",
            CreditField::Role => "role",
            CreditField::OnPortal => "on_portal",
            CreditField::ProofEnclosed => "proof_enclosed",
            CreditField::Note => "note",
        }
    }

    /// The Japanese label, as the forms and the window name the field.
    pub const fn label(self) -> &'static str {
        match self {
            CreditField::Kind => "区分",
            CreditField::Date => "日付",
            CreditField::Title => "講習名・演題名・論文名",
            CreditField::Organiser => "主催者・学会名・雑誌名",
            CreditField::Mode => "形態",
            CreditField::Minutes => "講演時間（分）",
            CreditField::Units => "単位",
            CreditField::Role => "立場",
            CreditField::OnPortal => "ポータル登録済み",
            CreditField::ProofEnclosed => "証明書類を同封",
            CreditField::Note => "備考",
        }
    }

    /// The field of a key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

impl ApplicantField {
    /// The label within its section of the window (勤務先 / 自宅), where the section heading
    /// already says whose address it is.
    pub fn row_label(self) -> &'static str {
        let label = self.label();
        ["勤務先 ", "自宅 "]
            .iter()
            .find_map(|section| label.strip_prefix(section))
            .unwrap_or(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Labels are unique within a record and every key names its own field again.
    fn check<F: Copy + Eq + std::fmt::Debug>(
        all: &[F],
        key: fn(F) -> &'static str,
        label: fn(F) -> &'static str,
        from_key: fn(&str) -> Option<F>,
    ) {
        let labels: HashSet<_> = all.iter().map(|&f| label(f)).collect();
        assert_eq!(labels.len(), all.len(), "labels repeat in {all:?}");
        let keys: HashSet<_> = all.iter().map(|&f| key(f)).collect();
        assert_eq!(keys.len(), all.len(), "keys repeat in {all:?}");
        for &f in all {
            assert_eq!(from_key(key(f)), Some(f));
            assert!(!label(f).is_empty());
        }
        assert_eq!(from_key("no_such_field"), None);
    }

    #[test]
    fn labels_are_unique_and_keys_round_trip() {
        use ApplicantField as Ap;
        use ApplicationField as A;
        use CaseField as Ca;
        use CreditField as Cr;
        use PauseField as P;
        use WorkplaceField as W;
        check(&A::ALL, A::key, A::label, A::from_key);
        check(&Ap::ALL, Ap::key, Ap::label, Ap::from_key);
        check(&W::ALL, W::key, W::label, W::from_key);
        check(&P::ALL, P::key, P::label, P::from_key);
        check(&Ca::ALL, Ca::key, Ca::label, Ca::from_key);
        check(&Cr::ALL, Cr::key, Cr::label, Cr::from_key);
    }

    #[test]
    fn address_rows_drop_the_section_name() {
        assert_eq!(ApplicantField::WorkPhone.row_label(), "電話");
        assert_eq!(ApplicantField::HomeAddress.row_label(), "住所");
        assert_eq!(ApplicantField::Name.row_label(), "氏名");
    }
}
