//! A rule set in Japanese words, one labelled line per criterion: `rules show` prints them and
//! `rules diff` compares two rule sets line by line.

use super::report::{BStatus, Report};
use super::ruleset::{ItemUnits, Limits, MinuteStep, ProofNeed, RuleSet};
use crate::dates::format_kanji;
use crate::model::ApplicationKind;

/// One criterion: its name and its value in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What it is, e.g. 「活動期間」.
    pub label: String,
    /// Its value in words, e.g. 「2019年5月1日～2024年4月30日」.
    pub value: String,
}

fn limits(l: Limits) -> String {
    match l.max {
        Some(max) => format!("最低{}単位・上限{max}単位", l.min),
        None => format!("最低{}単位・上限なし", l.min),
    }
}

fn steps(s: &[MinuteStep]) -> String {
    s.iter()
        .map(|s| format!("{}分以上で{}単位", s.min_minutes, s.units))
        .collect::<Vec<_>>()
        .join("、")
}

fn proof(p: ProofNeed) -> &'static str {
    match p {
        ProofNeed::Always => "常に必要",
        ProofNeed::UnlessOnPortal => "会員ポータルに記録がなければ必要",
        ProofNeed::Never => "不要",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "可" } else { "不可" }
}

/// Every criterion of the rule set, in the order of the overview.
pub fn describe(r: &RuleSet) -> Vec<Line> {
    let mut out = Vec::new();
    let mut put = |label: &str, value: String| {
        out.push(Line {
            label: label.to_string(),
            value,
        });
    };
    put("年度", format!("{}年度", r.fiscal_year));
    put("名称", r.title.clone());
    put("区分", r.status.label().to_string());
    put("出典", r.source.clone());
    for (i, n) in r.notices.iter().enumerate() {
        put(
            &format!("通知{}", i + 1),
            format!(
                "「{}」{}{}　{}",
                n.title,
                n.date
                    .map_or(String::new(), |d| format!("（{}）", format_kanji(d))),
                n.url,
                n.says
            ),
        );
    }
    let kinds: Vec<&str> = r.application_kinds.iter().map(|k| k.label()).collect();
    put("申請区分", kinds.join("・"));
    put(
        "活動期間",
        format!(
            "{}～{}",
            format_kanji(r.activity_period.start),
            format_kanji(r.activity_period.end)
        ),
    );
    if let Some(d) = &r.deferral {
        put(
            "猶予後の活動期間",
            format!(
                "申請する直近の{}年間。その次の更新は前回の活動期間の翌日からの{}年間{}（「{}」{}）",
                d.activity_years,
                d.next_activity_years,
                if d.next_assumed { "（仮定）" } else { "" },
                d.notice.title,
                d.notice.url
            ),
        );
    }
    if let Some(p) = &r.pause {
        put(
            "活動休止",
            format!(
                "休止期間を除き、その日数だけ活動期間をさかのぼる{}（「{}」{}）",
                if p.assumed { "（仮定）" } else { "" },
                p.notice.title,
                p.notice.url
            ),
        );
    }
    put(
        "受付期間",
        format!(
            "{}～{}（必着）",
            format_kanji(r.application_window.start),
            format_kanji(r.application_window.end)
        ),
    );
    put("資格喪失日", format_kanji(r.lapse_date));
    let numbers: Vec<String> = r
        .eligible_numbers
        .iter()
        .map(|n| {
            format!(
                "-N○○{}（{}年度・{}）",
                n.suffix,
                n.cycle_year,
                n.kind.label()
            )
        })
        .collect();
    put("対象の専門医番号", numbers.join("、"));
    put(
        "審査料",
        format!("{}円", super::progress::yen(r.fees.review.into())),
    );
    put(
        "登録料",
        format!("{}円", super::progress::yen(r.fees.registration.into())),
    );
    put(
        "e-learning 1単位",
        format!(
            "{}円",
            super::progress::yen(r.fees.elearning_per_unit.into())
        ),
    );
    put("必要単位（i～iv合計）", format!("{}単位", r.total_required));
    if let Some(units) = r.total_required_exempt.filter(|_| r.exemption.is_some()) {
        put(
            "必要単位（診療実績免除者 ii～iv合計）",
            format!("{units}単位"),
        );
    }
    put(
        "診療実績免除",
        match (r.exemption, r.former_exemption) {
            (Some(e), _) => format!(
                "連続{}回以上の更新を経た者（更新間隔{}年）",
                e.min_consecutive_renewals, e.renewal_interval_years
            ),
            (None, Some(f)) => format!(
                "なし（連続{}回以上の更新を経た者も症例が必要）",
                f.min_consecutive_renewals
            ),
            (None, None) => "なし".to_string(),
        },
    );
    put(
        "i 診療実績の証明",
        format!(
            "{}例で1単位、{}",
            r.clinical.cases_per_unit,
            limits(r.clinical.limits)
        ),
    );
    put(
        "i 自己学習（C）",
        match &r.self_study {
            None => "診療実績に数えない".to_string(),
            Some(s) => format!(
                "症例の代わりに診療実績に数える（記録の単位数、上限は診療実績と合わせて）{}、証明書類{}",
                if s.counting_assumed {
                    "（数え方は仮定）"
                } else {
                    ""
                },
                proof(s.proof)
            ),
        },
    );
    put("ii 専門医共通講習", limits(r.common.limits));
    let topics: Vec<&str> = r.common.required_topics.iter().map(|t| t.label()).collect();
    put(
        "ii 必修講習A",
        format!(
            "{}をそれぞれ{}単位以上",
            topics.join("・"),
            r.common.required_topic_min
        ),
    );
    put(
        "ii 必修講習B",
        match &r.common.required_b {
            None => "必須の該当者なし".to_string(),
            Some(b) => {
                let mut need = Vec::new();
                if !b.topics.is_empty() {
                    let topics: Vec<&str> = b.topics.iter().map(|t| t.label()).collect();
                    need.push(format!(
                        "{}をそれぞれ{}単位以上",
                        topics.join("・"),
                        b.min_units_per_topic
                    ));
                }
                if b.min_units > 0 {
                    need.push(format!("合計{}単位以上", b.min_units));
                }
                let waiver = b.regional_waiver.map_or(String::new(), |w| {
                    format!(
                        "。専攻医として、または認定後{}年以内に、地域医療研修が可能な施設で{}年以上の勤務があれば免除（期間の合算は不可）",
                        w.within_years_after_certification, w.min_years
                    )
                });
                format!(
                    "{}年度以降に機構の認定審査に合格した専門医は{}{}{waiver}",
                    b.board_exam_from,
                    need.join("、"),
                    if b.min_units_assumed {
                        "（単位数は仮定）"
                    } else {
                        ""
                    }
                )
            }
        },
    );
    put("iii 産婦人科領域講習", limits(r.domain));
    put("iv 学術業績・診療以外の活動実績", limits(r.activity.limits));
    for rule in &r.activity.items {
        let units = match &rule.units {
            ItemUnits::AsEntered => "記録・証明のとおり".to_string(),
            ItemUnits::PerEntry(n) => format!("1件{n}単位"),
            ItemUnits::ByRole {
                first,
                second,
                other,
            } => format!("筆頭{first}・第2{second}・その他{other}単位"),
            ItemUnits::ByMinutes(s) => steps(s),
        };
        let mut value = units;
        if let Some(c) = rule.cap {
            value.push_str(&format!("、上限{c}単位"));
        }
        if let Some(c) = rule.cap_per_fiscal_year {
            value.push_str(&format!("、1年度につき{c}単位まで"));
        }
        value.push_str(&format!("、証明書類{}", proof(rule.proof)));
        put(
            &format!("iv ({}) {}", rule.item.number(), rule.item.label()),
            value,
        );
    }
    put("講師（ii・iii）", steps(&r.lecturing));
    put(
        "証明書類（ii・iii）",
        format!(
            "受講: {}、講師: {}、e-learning: {}",
            proof(r.lecture_proof.attended),
            proof(r.lecture_proof.lectured),
            proof(r.lecture_proof.elearning)
        ),
    );
    put(
        "e-learningでの取得",
        format!(
            "共通講習{}・領域講習{}",
            yes_no(r.elearning.common),
            yes_no(r.elearning.domain)
        ),
    );
    out
}

/// What changed from `a` to `b`, one sentence per criterion that differs.
pub fn diff(a: &RuleSet, b: &RuleSet) -> Vec<String> {
    let (la, lb) = (describe(a), describe(b));
    let mut out = Vec::new();
    for x in &la {
        match lb.iter().find(|y| y.label == x.label) {
            Some(y) if y.value != x.value => {
                out.push(format!("{}: {} → {}", x.label, x.value, y.value))
            }
            Some(_) => {}
            None => out.push(format!("{}: {} → （なし）", x.label, x.value)),
        }
    }
    for y in &lb {
        if !la.iter().any(|x| x.label == y.label) {
            out.push(format!("{}: （なし） → {}", y.label, y.value));
        }
    }
    out
}

/// What moving an application from one year's rules to another's changes in its verdict, one
/// sentence each: the exemption, the total, 必修講習B, the kind and the verdict itself.
pub fn verdict_changes(
    before: &Report,
    after: &Report,
    from: &RuleSet,
    to: &RuleSet,
    kind: ApplicationKind,
) -> Vec<String> {
    let (a, b) = (from.fiscal_year, to.fiscal_year);
    let mut out = Vec::new();
    if before.exempt_from_clinical && !after.exempt_from_clinical {
        let per_unit = to.clinical.cases_per_unit;
        let cases = to.clinical.limits.min * per_unit;
        out.push(format!(
            "診療実績免除: {a}年度は該当、{b}年度は{}。症例{cases}例（{per_unit}例で1単位）が必要です（有効な症例は今{}例）",
            if to.exemption.is_none() { "免除そのものがありません" } else { "非該当" },
            after.cases_valid
        ));
    } else if !before.exempt_from_clinical && after.exempt_from_clinical {
        out.push(format!(
            "診療実績免除: {a}年度は非該当、{b}年度は該当（様式3は不要）"
        ));
    }
    // The doctor's own period (after a deferral, around a pause) in the year moved to.
    if before.activity_period != after.activity_period {
        out.push(format!(
            "活動期間: {} → {}",
            before.activity_period.text(),
            after.activity_period.text()
        ));
    }
    if before.total_required != after.total_required {
        out.push(format!(
            "必要単位: {}単位 → {}単位",
            before.total_required, after.total_required
        ));
    }
    if before.required_b != after.required_b {
        let word = |s: BStatus| match s {
            BStatus::NotRequired => "不要",
            BStatus::Required => "必要（5項目）",
            BStatus::Waived => "免除（多様な地域での診療実績）",
        };
        out.push(format!(
            "必修講習B: {} → {}",
            word(before.required_b),
            word(after.required_b)
        ));
    }
    if from.offers_kind(kind) && !to.offers_kind(kind) {
        out.push(format!(
            "申請区分「{}」は{b}年度にはありません",
            kind.label()
        ));
    }
    if before.passes != after.passes {
        let word = |p: bool| if p { "満たす" } else { "満たさない" };
        out.push(format!(
            "判定: {a}年度の基準では{}、{b}年度の基準では{}",
            word(before.passes),
            word(after.passes)
        ));
    }
    out
}
