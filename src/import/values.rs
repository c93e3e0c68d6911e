//! Cell values as people type them: dates (every accepted form and Excel serials), ages, sex,
//! the credit author's role, yes/no. Each parser returns the Japanese reason when it cannot read
//! the cell. 転帰 and 担当医/指導医 are free text and are never parsed: see
//! [`crate::model::vocabulary`].

use chrono::NaiveDate;

use crate::dates::{fold_width, parse_date};
use crate::model::{Role, Sex};

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

/// How a date cell was written, for the import summary.
pub fn date_form(cell: &Cell) -> &'static str {
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    match cell {
        Cell::Date(_) => "Excelの日付",
        Cell::Number(_) if cell.text().len() == 8 => "8桁の数字",
        Cell::Number(_) => "日付の数値（シリアル値）",
        Cell::Text(t) => {
            let f = fold_width(t);
            let era = ["令和", "平成", "昭和"].iter().any(|e| f.starts_with(e))
                || f.starts_with(['R', 'r', 'H', 'h', 'S', 's']);
            if era {
                "和暦"
            } else if digits(&f) && f.len() == 8 {
                "8桁の数字"
            } else if digits(&f) {
                "日付の数値（シリアル値）"
            } else if f.contains('(') || f.contains('曜') {
                "曜日付き"
            } else if f.contains('年') {
                "漢字の年月日"
            } else {
                "西暦"
            }
        }
        Cell::Empty => "空欄",
    }
}

/// An age 0–120: `32`, `32歳`, `32 才`, `３２`, `32.0`.
pub fn age(cell: &Cell) -> Result<u8, String> {
    let text = cell.text();
    let bad = || format!("年齢「{text}」は0～120の整数で入力してください");
    let number = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=120.0).contains(n) => Some(*n as u8),
        Cell::Number(_) => None,
        _ => {
            let folded = fold_width(&text);
            let digits = folded.trim_end_matches(['歳', '才']).trim();
            // `45.0` is what a number cell becomes when Excel saves it as text.
            digits.parse::<u8>().ok().or_else(|| {
                digits
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.fract() == 0.0 && (0.0..=120.0).contains(n))
                    .map(|n| n as u8)
            })
        }
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
    fn ages_are_bounded() {
        assert_eq!(age(&Cell::Text("３２歳".into())), Ok(32));
        assert_eq!(age(&Cell::Text("45 才".into())), Ok(45));
        assert_eq!(age(&Cell::Text("45.0".into())), Ok(45));
        assert!(age(&Cell::Text("四十代".into())).is_err());
        assert!(age(&Cell::Text("NaN".into())).is_err());
        assert!(age(&Cell::Text("121".into())).is_err());
        assert!(age(&Cell::Number(31.5)).is_err());
    }
}
