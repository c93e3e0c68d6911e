//! Cell values as people type them: dates (every accepted form and Excel serials), ages, sex,
//! outcome, role, yes/no. Each parser returns the Japanese reason when it cannot read the cell.

use chrono::NaiveDate;

use crate::dates::{fold_width, parse_date};
use crate::model::{CaseRole, Outcome, Role, Sex};

use super::table::{Cell, excel_serial_date};

/// A date cell: a date-formatted Excel cell, an Excel serial, or text in any accepted form.
pub fn date(cell: &Cell, label: &str) -> Result<NaiveDate, String> {
    let bad = |text: &str| {
        format!(
            "{label}「{text}」を日付として読めません（例: 2023/4/1、2023-04-01、R5.4.1、令和5年4月1日）"
        )
    };
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => {
            let text = cell.text();
            if text.len() == 8 {
                parse_date(&text).ok_or_else(|| bad(&text))
            } else {
                excel_serial_date(*n).ok_or_else(|| bad(&text))
            }
        }
        Cell::Text(t) => {
            let folded = fold_width(t);
            // Excel writes date-times into CSV as `2023/04/01 0:00` or `2023/04/01 00:00:00`.
            let date_part = match folded.split_once(' ') {
                Some((d, time)) if time.contains(':') => d,
                _ => folded.as_str(),
            };
            if let Some(d) = parse_date(date_part) {
                return Ok(d);
            }
            // A date column saved as a General number: `45017` (Excel serial).
            if (4..=5).contains(&date_part.len()) && date_part.bytes().all(|b| b.is_ascii_digit()) {
                return date_part
                    .parse::<f64>()
                    .ok()
                    .and_then(excel_serial_date)
                    .ok_or_else(|| bad(t));
            }
            Err(bad(t))
        }
        Cell::Empty => Err(format!("{label}が空です")),
    }
}

/// An age 0–120: `32`, `32歳`, `３２`.
pub fn age(cell: &Cell) -> Result<u8, String> {
    let text = cell.text();
    let bad = || format!("年齢「{text}」は0～120の整数で入力してください");
    let number = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=120.0).contains(n) => Some(*n as u8),
        Cell::Number(_) => None,
        _ => fold_width(&text)
            .trim_end_matches(['歳', '才'])
            .trim()
            .parse::<u8>()
            .ok(),
    };
    number.filter(|&a| a <= 120).ok_or_else(bad)
}

/// 女 / 女性 / F (and 男 / 男性 / M).
pub fn sex(text: &str) -> Result<Sex, String> {
    match fold_width(text).to_lowercase().as_str() {
        "女" | "女性" | "f" | "female" | "♀" => Ok(Sex::Female),
        "男" | "男性" | "m" | "male" | "♂" => Ok(Sex::Male),
        _ => Err(format!(
            "性別「{text}」を読めません（女・女性・F または 男・男性・M）"
        )),
    }
}

/// Words accepted for each outcome besides its label.
const OUTCOME_WORDS: &[(Outcome, &[&str])] = &[
    (Outcome::Cured, &["完治", "治癒退院"]),
    (Outcome::Improved, &["改善", "軽快退院"]),
    (Outcome::Remission, &["完全寛解", "部分寛解"]),
    (Outcome::Unchanged, &["不変退院"]),
    (Outcome::Worsened, &["悪化"]),
    (Outcome::Died, &["死亡退院", "永眠"]),
    (Outcome::Transferred, &["転院", "紹介", "他院紹介"]),
    (
        Outcome::FollowUp,
        &[
            "経過観察中",
            "外来経過観察",
            "通院中",
            "外来通院",
            "フォロー中",
        ],
    ),
    (Outcome::Delivered, &["出産", "分娩終了", "妊娠終了"]),
];

/// A word reduced for comparison: ASCII width, no spaces or dashes (`ー` included, which
/// `fold_width` turns into `-`), lower case. Apply it to both sides.
pub fn word_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// 転帰 as a word of the pick-list (or a common synonym).
pub fn outcome(text: &str) -> Result<Outcome, String> {
    let key = word_key(text);
    for o in Outcome::ALL {
        if word_key(o.label()) == key {
            return Ok(o);
        }
    }
    for (o, words) in OUTCOME_WORDS {
        if words.iter().any(|w| word_key(w) == key) {
            return Ok(*o);
        }
    }
    let accepted: Vec<&str> = Outcome::ALL.iter().map(|o| o.label()).collect();
    Err(format!(
        "転帰「{text}」は使えません。使える語: {}",
        accepted.join("、")
    ))
}

/// 担当医 / 指導医.
pub fn case_role(text: &str) -> Result<CaseRole, String> {
    match fold_width(text).as_str() {
        "担当医" | "担当" | "主治医" | "術者" | "担" => Ok(CaseRole::Attending),
        "指導医" | "指導" | "指" => Ok(CaseRole::Supervising),
        _ => Err(format!(
            "担当医/指導医「{text}」を読めません（担当医 または 指導医）"
        )),
    }
}

/// 筆頭 / 第2 / 共同.
pub fn author_role(text: &str) -> Result<Role, String> {
    match fold_width(text).as_str() {
        "筆頭" | "筆頭著者" | "筆頭発表者" | "1" => Ok(Role::First),
        "第2" | "第二" | "第2著者" | "第2発表者" | "2" => Ok(Role::Second),
        "共同" | "その他" | "共著" | "共同発表者" => Ok(Role::Other),
        _ => Err(format!("立場「{text}」を読めません（筆頭・第2・共同）")),
    }
}

/// はい / いいえ and the marks people use for them; blank is no.
pub fn yes_no(cell: &Cell, label: &str) -> Result<bool, String> {
    let text = cell.text();
    match fold_width(&text).to_lowercase().as_str() {
        "" | "いいえ" | "無" | "なし" | "未" | "×" | "x" | "-" | "no" | "n" | "false" | "0" => {
            Ok(false)
        }
        "はい" | "有" | "あり" | "済" | "登録済" | "同封" | "○" | "◯" | "〇" | "yes" | "y"
        | "true" | "1" => Ok(true),
        _ => Err(format!(
            "{label}「{text}」を読めません（はい または いいえ）"
        )),
    }
}

/// A whole number ≥ 0 (`90`, `９０`, `90分`).
pub fn whole_number(cell: &Cell, label: &str) -> Result<u32, String> {
    let text = cell.text();
    let parsed = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=1e6).contains(n) => Some(*n as u32),
        Cell::Number(_) => None,
        _ => fold_width(&text)
            .trim_end_matches(['分', '単', '位'])
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|&n| n <= 1_000_000),
    };
    parsed.ok_or_else(|| format!("{label}「{text}」は0以上の整数で入力してください"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        let want = NaiveDate::from_ymd_opt(2023, 4, 1);
        for text in [
            "2023/4/1",
            "2023-04-01",
            "R5.4.1",
            "令和5年4月1日",
            "45017",
            "2023/04/01 0:00",
        ] {
            assert_eq!(
                date(&Cell::Text(text.into()), "診察日").ok(),
                want,
                "{text}"
            );
        }
        assert_eq!(date(&Cell::Number(45017.0), "診察日").ok(), want);
        assert_eq!(date(&Cell::Number(20230401.0), "診察日").ok(), want);
        assert!(date(&Cell::Text("2023/2/30".into()), "診察日").is_err());
    }

    #[test]
    fn outcome_lists_accepted_words() {
        let err = outcome("良好").expect_err("unknown");
        assert!(err.contains("治癒") && err.contains("分娩"), "{err}");
        assert_eq!(outcome("改善"), Ok(Outcome::Improved));
        assert_eq!(outcome("フォロー中"), Ok(Outcome::FollowUp));
    }

    #[test]
    fn ages_are_bounded() {
        assert_eq!(age(&Cell::Text("３２歳".into())), Ok(32));
        assert!(age(&Cell::Text("121".into())).is_err());
        assert!(age(&Cell::Number(31.5)).is_err());
    }
}
