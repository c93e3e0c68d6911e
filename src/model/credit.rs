//! Credits of categories ii–iv: common lectures, domain lectures, academic and other activity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 単位 — one credit entry (a lecture attended or given, a paper, a chaired session …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Credit {
    /// Which category and topic or item it belongs to.
    pub kind: CreditKind,
    /// 開催日 / 発表日 / 受講日
    pub date: Option<NaiveDate>,
    /// 講習名・演題名・論文名
    pub title: String,
    /// 主催者・学会名・雑誌名
    pub organiser: String,
    /// 受講 / 講師 / e-learning
    pub mode: Mode,
    /// Units as entered (attendance, e-learning, items whose units are not computed).
    pub units: u32,
    /// 発表・論文での立場 (for iv (2) and (3)).
    pub role: Role,
    /// 会員ポータルに登録済み — on the portal's 単位情報 record.
    pub on_portal: bool,
    /// 証明書類を同封する — the proof document will be enclosed.
    pub proof_enclosed: bool,
    /// 備考
    pub note: String,
    /// 読めない入力 — text typed into a date or number field that does not read as one, kept
    /// as typed (the field's value is then empty) until it is corrected; see [`super::Unread`].
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub unread: super::Unread<super::CreditField>,
}

impl Default for Credit {
    fn default() -> Self {
        Self {
            kind: CreditKind::Domain,
            date: None,
            title: String::new(),
            organiser: String::new(),
            mode: Mode::Attended,
            units: 1,
            role: Role::First,
            on_portal: false,
            proof_enclosed: false,
            note: String::new(),
            unread: super::Unread::new(),
        }
    }
}

/// The category of a credit and, within it, its topic or item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CreditKind {
    /// 専門医共通講習 — category ii, with its topic.
    Common(CommonTopic),
    /// 産婦人科領域講習 — category iii.
    Domain,
    /// 学術業績・診療以外の活動実績 — category iv, with its item (1)–(10).
    Activity(ActivityItem),
    /// 「C.自己学習」 — test付き e-learning chosen by the society's specialist committee, in
    /// place of cases in category i where the rule set allows it (from FY2026).
    SelfStudy,
}

impl CreditKind {
    /// The kind as a table's 区分 column shows it: 「必修A 医療安全」, 「(2) 学会発表」; none for a
    /// category of one kind.
    pub fn table_label(self) -> String {
        match self {
            CreditKind::Common(t) => format!("{} {}", t.group().label(), t.label()),
            CreditKind::Domain | CreditKind::SelfStudy => String::new(),
            CreditKind::Activity(item) => format!("({}) {}", item.number(), item.label()),
        }
    }

    /// The kinds of the same category, in list order (none for a category of one kind).
    pub fn siblings(self) -> Vec<CreditKind> {
        match self {
            CreditKind::Common(_) => CommonTopic::ALL.map(CreditKind::Common).to_vec(),
            CreditKind::Activity(_) => ActivityItem::ALL.map(CreditKind::Activity).to_vec(),
            CreditKind::Domain | CreditKind::SelfStudy => Vec::new(),
        }
    }
}

/// The topics of 専門医共通講習 (category ii), grouped 必修A / 必修B / 任意C.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CommonTopic {
    /// 必修A 医療安全
    Safety,
    /// 必修A 医療倫理
    Ethics,
    /// 必修A 感染対策
    InfectionControl,
    /// 必修B 医療制度と法律
    LawAndSystem,
    /// 必修B 地域医療
    CommunityMedicine,
    /// 必修B 医療福祉制度
    WelfareSystem,
    /// 必修B 医療経済
    Economics,
    /// 必修B 両立支援
    WorkLifeSupport,
    /// 任意C
    Optional,
}

/// The three groups of category ii.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommonGroup {
    /// 必修A
    A,
    /// 必修B
    B,
    /// 任意C
    C,
}

impl CommonTopic {
    /// All topics, in the portal's order.
    pub const ALL: [CommonTopic; 9] = [
        CommonTopic::Safety,
        CommonTopic::Ethics,
        CommonTopic::InfectionControl,
        CommonTopic::LawAndSystem,
        CommonTopic::CommunityMedicine,
        CommonTopic::WelfareSystem,
        CommonTopic::Economics,
        CommonTopic::WorkLifeSupport,
        CommonTopic::Optional,
    ];

    /// The topic's name as the portal prints it.
    pub fn label(self) -> &'static str {
        match self {
            CommonTopic::Safety => "医療安全",
            CommonTopic::Ethics => "医療倫理",
            CommonTopic::InfectionControl => "感染対策",
            CommonTopic::LawAndSystem => "医療制度と法律",
            CommonTopic::CommunityMedicine => "地域医療",
            CommonTopic::WelfareSystem => "医療福祉制度",
            CommonTopic::Economics => "医療経済",
            CommonTopic::WorkLifeSupport => "両立支援",
            CommonTopic::Optional => "任意講習",
        }
    }

    /// 必修A, 必修B or 任意C.
    pub fn group(self) -> CommonGroup {
        match self {
            CommonTopic::Safety | CommonTopic::Ethics | CommonTopic::InfectionControl => {
                CommonGroup::A
            }
            CommonTopic::Optional => CommonGroup::C,
            _ => CommonGroup::B,
        }
    }
}

impl CommonGroup {
    /// 必修A / 必修B / 任意C
    pub fn label(self) -> &'static str {
        match self {
            CommonGroup::A => "必修A",
            CommonGroup::B => "必修B",
            CommonGroup::C => "任意C",
        }
    }
}

/// The items (1)–(10) of category iv (学術業績・診療以外の活動実績).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActivityItem {
    /// (1) 学術集会等参加
    MeetingAttendance,
    /// (2) 学術集会発表
    Presentation,
    /// (3) 論文発表
    Paper,
    /// (4) 地域・学校等での講演
    PublicLecture,
    /// (5) 座長
    Chair,
    /// (6) 学術雑誌の査読
    PeerReview,
    /// (7) 学会主催の試験業務
    ExamDuty,
    /// (8) 地域・国際保健活動
    HealthActivity,
    /// (9) 校医
    SchoolPhysician,
    /// (10) 医療事故調査制度 外部委員
    AccidentInvestigation,
}

impl ActivityItem {
    /// All items, in the source's order (1)–(10).
    pub const ALL: [ActivityItem; 10] = [
        ActivityItem::MeetingAttendance,
        ActivityItem::Presentation,
        ActivityItem::Paper,
        ActivityItem::PublicLecture,
        ActivityItem::Chair,
        ActivityItem::PeerReview,
        ActivityItem::ExamDuty,
        ActivityItem::HealthActivity,
        ActivityItem::SchoolPhysician,
        ActivityItem::AccidentInvestigation,
    ];

    /// The item's number in the source, 1–10.
    pub fn number(self) -> u8 {
        match self {
            ActivityItem::MeetingAttendance => 1,
            ActivityItem::Presentation => 2,
            ActivityItem::Paper => 3,
            ActivityItem::PublicLecture => 4,
            ActivityItem::Chair => 5,
            ActivityItem::PeerReview => 6,
            ActivityItem::ExamDuty => 7,
            ActivityItem::HealthActivity => 8,
            ActivityItem::SchoolPhysician => 9,
            ActivityItem::AccidentInvestigation => 10,
        }
    }

    /// The item's name as the source prints it.
    pub fn label(self) -> &'static str {
        match self {
            ActivityItem::MeetingAttendance => "学術集会等参加",
            ActivityItem::Presentation => "学術集会発表",
            ActivityItem::Paper => "論文発表",
            ActivityItem::PublicLecture => "地域・学校等での講演",
            ActivityItem::Chair => "座長",
            ActivityItem::PeerReview => "学術雑誌の査読",
            ActivityItem::ExamDuty => "学会主催の試験業務",
            ActivityItem::HealthActivity => "地域・国際保健活動",
            ActivityItem::SchoolPhysician => "校医",
            ActivityItem::AccidentInvestigation => "医療事故調査制度 外部委員",
        }
    }
}

/// How the credit was earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// 受講 / 参加 — attended on site.
    Attended,
    /// 講師 — gave the lecture, for this many minutes (units follow from the minutes).
    Lectured {
        /// 講演時間 (分)
        minutes: u32,
    },
    /// e-learning
    ELearning,
}

impl Mode {
    /// 受講 / 講師 / e-learning
    pub fn label(self) -> &'static str {
        match self {
            Mode::Attended => "受講",
            Mode::Lectured { .. } => "講師",
            Mode::ELearning => "e-learning",
        }
    }

    /// The lecture's minutes, when some are recorded (0 is how none are kept).
    pub fn minutes(self) -> Option<u32> {
        match self {
            Mode::Lectured { minutes } if minutes > 0 => Some(minutes),
            _ => None,
        }
    }

    /// The mode a new credit after one of this mode gets: a lecture's minutes are typed afresh.
    pub fn afresh(self) -> Self {
        match self {
            Mode::Lectured { .. } => Mode::Lectured { minutes: 0 },
            other => other,
        }
    }
}

/// 筆頭 / 第2 / その他 — the applicant's place among presenters or authors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// 筆頭発表者・筆頭著者
    #[default]
    First,
    /// 第2発表者・第2著者
    Second,
    /// それ以外の共同発表者・共著者
    Other,
}

impl Role {
    /// All values, in pick-list order.
    pub const ALL: [Role; 3] = [Role::First, Role::Second, Role::Other];

    /// 筆頭 / 第2 / その他
    pub fn label(self) -> &'static str {
        match self {
            Role::First => "筆頭",
            Role::Second => "第2",
            Role::Other => "共同",
        }
    }
}
