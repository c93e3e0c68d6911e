//! 根拠 — which rule a finding applies, and where that rule is written: the section of the
//! society's overview the rule file follows, or the notice that changed it.

use serde::Serialize;

use super::period::{ActivityPeriod, PeriodBasis};
use super::ruleset::{Notice, RuleSet};

/// The rule a finding applies. Its key names the rule file's entry; its section, the overview's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The rule set of the application's year.
    FiscalYear,
    /// Who may apply, and by which kind (§1).
    Kind,
    /// The specialist number's ending (§1).
    Number,
    /// What 様式1 must hold (§4).
    ApplicationForm,
    /// 様式2 (§4).
    WorkingStatus,
    /// The application window (§2).
    Window,
    /// The activity period (§5, §6(1), §7(1), §8(1)) — after a deferral or around a pause, the
    /// notice that sets it.
    ActivityPeriod,
    /// A pause of activity (活動休止).
    Pause,
    /// 様式3's rows (§6(1), 様式3).
    CaseRecord,
    /// Category i's units (§6).
    Clinical,
    /// The exemption from the clinical record (§6(2)).
    Exemption,
    /// 「C.自己学習」 in place of cases.
    SelfStudy,
    /// Category ii (§7).
    Common,
    /// 必修講習A (§7(1)).
    RequiredA,
    /// 必修講習B (§7(2)).
    RequiredB,
    /// The regional-practice waiver of 必修B.
    RegionalWaiver,
    /// Category iii (§8).
    Domain,
    /// Category iv (§9).
    Activity,
    /// Units for lecturing (§7(5), §8(4)).
    Lecturing,
    /// Proof documents to enclose (§4, §7(5), §8(4), §9).
    Proof,
    /// The same lecture entered twice (§7(5), §10(4)).
    CountedOnce,
    /// The total (§5).
    Total,
    /// A value no entry can truly hold (this program's check).
    Plausible,
    /// Text that does not read as a date or number (this program's check).
    Unreadable,
    /// What the paper can print (this program's check before export).
    Printing,
}

impl Rule {
    /// The rule file's entry it applies (`check --json`'s `source.rule`).
    pub fn key(self) -> &'static str {
        match self {
            Rule::FiscalYear => "fiscal_year",
            Rule::Kind => "application_kinds",
            Rule::Number => "eligible_numbers",
            Rule::ApplicationForm | Rule::WorkingStatus => "forms",
            Rule::Window => "application_window",
            Rule::ActivityPeriod => "activity_period",
            Rule::Pause => "pause",
            Rule::CaseRecord => "clinical.cases",
            Rule::Clinical => "clinical",
            Rule::Exemption => "exemption",
            Rule::SelfStudy => "self_study",
            Rule::Common => "common.limits",
            Rule::RequiredA => "common.required_topics",
            Rule::RequiredB => "common.required_b",
            Rule::RegionalWaiver => "common.required_b.regional_waiver",
            Rule::Domain => "domain",
            Rule::Activity => "activity",
            Rule::Lecturing => "lecturing",
            Rule::Proof => "lecture_proof",
            Rule::CountedOnce => "counted_once",
            Rule::Total => "total_required",
            Rule::Plausible => "plausible",
            Rule::Unreadable => "unread",
            Rule::Printing => "printing",
        }
    }

    /// The overview's section (2024年度の概要; the later years follow its numbering), or `None`
    /// for a check of this program's own.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Rule::FiscalYear | Rule::Kind | Rule::Number => "§1 専門医更新申請の該当者",
            Rule::Window => "§2 専門医更新申請の申請方法",
            Rule::ApplicationForm | Rule::WorkingStatus => "§4 書類による申請を行う場合",
            Rule::ActivityPeriod => "§5 必要単位一覧表（活動期間）",
            Rule::Total => "§5 必要単位一覧表",
            Rule::CaseRecord | Rule::Clinical => "§6 診療実績の証明（5～10単位）",
            Rule::Exemption => "§6(2) 診療実績の証明の免除",
            Rule::Common => "§7 専門医共通講習（3～10単位）",
            Rule::RequiredA => "§7(1) 必修講習A（医療安全、医療倫理、感染対策）",
            Rule::RequiredB | Rule::RegionalWaiver => "§7(2) 必修講習B",
            Rule::Domain => "§8 産婦人科領域講習（20単位以上）",
            Rule::Activity => "§9 学術業績・診療以外の活動実績（0～10単位）",
            Rule::Lecturing => "§7(5)・§8(4) 講師の単位",
            Rule::Proof => "§4・§7(5)・§9 証明書類",
            Rule::CountedOnce => "§7(5)・§10(4) 同一講習の重複",
            Rule::Pause | Rule::SelfStudy | Rule::Plausible | Rule::Unreadable | Rule::Printing => {
                return None;
            }
        })
    }

    /// How a group of findings of this rule is named in the verdict panel and `check`.
    pub fn group_label(self) -> &'static str {
        match self {
            Rule::ActivityPeriod => "活動期間の外・活動休止中の日付のため計上されない記録",
            Rule::CaseRecord => "記入が足りない症例",
            Rule::Proof => "証明書類の同封が未確認の単位",
            Rule::CountedOnce => "重複して入力された講習",
            Rule::Unreadable => "読めない入力",
            Rule::Plausible => "ありえない値",
            _ => "同じ種類の確認事項",
        }
    }
}

/// Where a finding's rule is written, in words and with its address where it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The rule file's entry (`activity_period`, `clinical` …).
    pub rule: &'static str,
    /// The overview's section, or the notice's title.
    pub section: String,
    /// The document: the rule set's source, or the notice with its date; for this program's
    /// own checks, that it is one.
    pub document: String,
    /// The notice's address, where the rule comes from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Source {
    /// The source of `rule` under `rules`, for an application whose period is `period`.
    pub fn of(rule: Rule, rules: &RuleSet, period: &ActivityPeriod) -> Source {
        if let Some(notice) = notice_of(rule, rules, period) {
            return Source {
                rule: rule.key(),
                section: format!("「{}」", notice.title),
                document: notice_document(notice),
                url: Some(notice.url.clone()),
            };
        }
        match rule.section() {
            Some(section) => Source {
                rule: rule.key(),
                section: section.to_string(),
                document: rules.source.clone(),
                url: None,
            },
            None => Source {
                rule: rule.key(),
                section: match rule {
                    Rule::Plausible => "入力値の妥当性",
                    Rule::Unreadable => "日付・数値の読み取り",
                    Rule::Printing => "用紙への印刷",
                    _ => "このプログラムの確認",
                }
                .to_string(),
                document: "このプログラムの確認（更新基準の定めではありません）".to_string(),
                url: None,
            },
        }
    }

    /// 「根拠: §6 診療実績の証明（5～10単位）— 日本産科婦人科学会 …」
    pub fn text(&self) -> String {
        match &self.url {
            Some(url) => format!("根拠: {} — {} {url}", self.section, self.document),
            None => format!("根拠: {} — {}", self.section, self.document),
        }
    }
}

fn notice_document(n: &Notice) -> String {
    match n.date {
        Some(d) => format!("{}（{}）", n.says, crate::dates::format_kanji(d)),
        None => n.says.clone(),
    }
}

/// The notice that sets `rule` for this application, where a later notice does.
fn notice_of<'r>(rule: Rule, rules: &'r RuleSet, period: &ActivityPeriod) -> Option<&'r Notice> {
    let by_url = |part: &str| rules.notices.iter().find(|n| n.url.contains(part));
    match rule {
        Rule::ActivityPeriod if period.basis != PeriodBasis::Regular => {
            rules.deferral.as_ref().map(|d| &d.notice)
        }
        Rule::ActivityPeriod if !period.pauses.is_empty() => {
            rules.pause.as_ref().map(|p| &p.notice)
        }
        Rule::Pause => rules.pause.as_ref().map(|p| &p.notice),
        // The notices of 2023-04-14 (必修B) and 2024-07-11 (no exemption, 「C.自己学習」), where
        // the year's rule file follows them.
        Rule::RequiredB | Rule::RegionalWaiver if rules.common.required_b.is_some() => {
            by_url("content_id=115")
        }
        Rule::Exemption | Rule::SelfStudy if rules.exemption.is_none() => by_url("/medical/7757"),
        _ => None,
    }
}
