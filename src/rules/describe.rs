//! A rule set in Japanese words, one labelled line per criterion: `rules show` prints them and
//! `rules diff` compares two rule sets line by line.

use super::ruleset::{ItemUnits, Limits, MinuteStep, ProofNeed, RuleSet};
use crate::dates::format_kanji;

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
    put(
        "活動期間",
        format!(
            "{}～{}",
            format_kanji(r.activity_period.start),
            format_kanji(r.activity_period.end)
        ),
    );
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
    put(
        "必要単位（診療実績免除者 ii～iv合計）",
        format!("{}単位", r.total_required_exempt),
    );
    put(
        "診療実績免除",
        format!(
            "連続{}回以上の更新を経た者（更新間隔{}年）",
            r.exemption.min_consecutive_renewals, r.exemption.renewal_interval_years
        ),
    );
    put(
        "i 診療実績の証明",
        format!(
            "{}例で1単位、{}",
            r.clinical.cases_per_unit,
            limits(r.clinical.limits)
        ),
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
        match r.common.required_b {
            None => "必須の該当者なし".to_string(),
            Some(b) => format!(
                "{}年度以降に機構の認定審査に合格した専門医は{}単位以上{}",
                b.board_exam_from,
                b.min_units,
                if b.min_units_assumed {
                    "（単位数は仮定）"
                } else {
                    ""
                }
            ),
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
