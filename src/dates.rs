//! Dates as people type them and as the forms print them.
//!
//! Accepted input: `2023/4/1`, `2023-04-01`, `2023.4.1`, `20230401`, `2023年4月1日`,
//! `令和5年4月1日`, `R5.4.1`, `R5/4/1`, `H31.4.30`, `平成31年4月30日`, with full-width digits too,
//! spaces between the parts (`2021/ 8/17`) and a weekday after the date (`2021年8月17日(火)`).

use chrono::{Datelike, NaiveDate};

/// A Japanese era: its name, its Latin initial and its first day.
struct Era {
    name: &'static str,
    initial: char,
    first_day: (i32, u32, u32),
}

/// Eras that can appear in a renewal application (births included), newest first.
const ERAS: [Era; 3] = [
    Era {
        name: "令和",
        initial: 'R',
        first_day: (2019, 5, 1),
    },
    Era {
        name: "平成",
        initial: 'H',
        first_day: (1989, 1, 8),
    },
    Era {
        name: "昭和",
        initial: 'S',
        first_day: (1926, 12, 25),
    },
];

/// Folds full-width digits, letters and common separators to ASCII, and trims.
pub fn fold_width(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            'ー' | '―' | '‐' => '-',
            _ => c,
        })
        .collect()
}

/// Parses a date in any of the accepted forms; `None` when it is not one.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let folded = fold_width(text);
    let s = strip_weekday(&folded);
    if s.is_empty() {
        return None;
    }
    if let Some((era, rest)) = split_era(s) {
        let [y, m, d] = three_numbers(rest)?;
        let year = era.first_day.0 + i32::try_from(y).ok()? - 1;
        let date = NaiveDate::from_ymd_opt(year, m, d)?;
        let (fy, fm, fd) = era.first_day;
        return (date >= NaiveDate::from_ymd_opt(fy, fm, fd)?).then_some(date);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = s.parse().ok()?;
        return NaiveDate::from_ymd_opt(i32::try_from(n / 10_000).ok()?, n / 100 % 100, n % 100);
    }
    let [y, m, d] = three_numbers(s)?;
    if y < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The date without a weekday written after it: `(火)`, `(火曜日)`, `火曜日`, `(Tue)`.
fn strip_weekday(s: &str) -> &str {
    let s = s.trim_end();
    if let Some(open) = s.strip_suffix(')').and_then(|rest| rest.rfind('('))
        && is_weekday(&s[open + 1..s.len() - 1])
    {
        return s[..open].trim_end();
    }
    for suffix in ["曜日", "曜"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && let Some(day) = rest.chars().last()
            && is_weekday(&day.to_string())
        {
            return rest[..rest.len() - day.len_utf8()].trim_end();
        }
    }
    s
}

/// `火`, `火曜`, `火曜日`, `Tue`, `tue.`, `Tuesday`.
fn is_weekday(text: &str) -> bool {
    const KANJI: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    const ENGLISH: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let t = text.trim();
    let kanji = t.trim_end_matches("曜日").trim_end_matches('曜');
    if KANJI.contains(&kanji) {
        return true;
    }
    let latin = t.trim_end_matches('.').to_ascii_lowercase();
    ENGLISH.iter().any(|w| {
        latin.len() >= 3 && latin.starts_with(w) && latin.chars().all(|c| c.is_ascii_alphabetic())
    })
}

fn split_era(s: &str) -> Option<(&'static Era, &str)> {
    ERAS.iter().find_map(|era| {
        if let Some(rest) = s.strip_prefix(era.name) {
            return Some((era, rest));
        }
        let mut chars = s.chars();
        let first = chars.next()?;
        (first.to_ascii_uppercase() == era.initial).then_some((era, chars.as_str()))
    })
}

/// Exactly three numbers separated by `/ - . 年 月 日` or spaces, with `元` as 1.
fn three_numbers(s: &str) -> Option<[u32; 3]> {
    let s = s.replace('元', "1");
    let mut parts = s
        .split(['/', '-', '.', '年', '月', '日', ' '])
        .filter(|p| !p.is_empty());
    let mut out = [0u32; 3];
    for slot in &mut out {
        let p = parts.next()?;
        if !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
            return None;
        }
        *slot = p.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// `2019/05/01` — the 年/月/日 form of 様式3.
pub fn format_slash(date: NaiveDate) -> String {
    format!("{:04}/{:02}/{:02}", date.year(), date.month(), date.day())
}

/// `2019年5月1日`
pub fn format_kanji(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `2019年5月` — year and month only (様式2's periods).
pub fn format_year_month(date: NaiveDate) -> String {
    format!("{}年{}月", date.year(), date.month())
}

/// `令和6年5月31日` — the Japanese-era form.
pub fn format_wareki(date: NaiveDate) -> String {
    let era = ERAS.iter().find(|e| {
        let (y, m, d) = e.first_day;
        NaiveDate::from_ymd_opt(y, m, d).is_some_and(|first| date >= first)
    });
    match era {
        Some(e) => {
            let n = date.year() - e.first_day.0 + 1;
            let year = if n == 1 {
                "元".to_string()
            } else {
                n.to_string()
            };
            format!("{}{}年{}月{}日", e.name, year, date.month(), date.day())
        }
        None => format_kanji(date),
    }
}

/// The fiscal year (April–March) a date falls in.
pub fn fiscal_year(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn accepts_every_documented_form() {
        for text in [
            "2023/4/1",
            "2023-04-01",
            "2023.4.1",
            "20230401",
            "2023年4月1日",
            "令和5年4月1日",
            "R5.4.1",
            "r5/4/1",
            "２０２３／４／１",
            " 2023/04/01 ",
        ] {
            assert_eq!(parse_date(text), d(2023, 4, 1), "{text}");
        }
        assert_eq!(parse_date("H31.4.30"), d(2019, 4, 30));
        assert_eq!(parse_date("平成31年4月30日"), d(2019, 4, 30));
        assert_eq!(parse_date("令和元年5月1日"), d(2019, 5, 1));
    }

    #[test]
    fn weekdays_and_spaces_around_the_parts_are_read_past() {
        for text in [
            "2021年8月17日(火)",
            "2021年8月17日（火）",
            "2021年8月17日 (火曜日)",
            "2021/8/17 火曜日",
            "2021/ 8/17",
            "2021/08/17(Tue)",
            "令和3年8月17日(火)",
            "R3.8.17（火）",
            "令和 3年 8月17日",
        ] {
            assert_eq!(parse_date(text), d(2021, 8, 17), "{text}");
        }
        assert_eq!(parse_date("令和元年5月7日(火)"), d(2019, 5, 7));
        // A day that does not exist stays unreadable, weekday or not.
        assert_eq!(parse_date("2021年2月30日(火)"), None);
        assert_eq!(parse_date("2021年8月17日(雨)"), None);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "2023/2/30",
            "2023/4",
            "R5.4",
            "abc",
            "2023/4/1/2",
            "令和1年4月1日",
            "23/4/1",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn formats_as_the_forms_want() {
        let date = NaiveDate::from_ymd_opt(2019, 5, 1).expect("valid");
        assert_eq!(format_slash(date), "2019/05/01");
        assert_eq!(format_kanji(date), "2019年5月1日");
        assert_eq!(format_wareki(date), "令和元年5月1日");
        assert_eq!(
            format_wareki(NaiveDate::from_ymd_opt(2024, 5, 31).expect("valid")),
            "令和6年5月31日"
        );
    }

    #[test]
    fn fiscal_year_starts_in_april() {
        assert_eq!(
            fiscal_year(NaiveDate::from_ymd_opt(2020, 3, 31).expect("valid")),
            2019
        );
        assert_eq!(
            fiscal_year(NaiveDate::from_ymd_opt(2020, 4, 1).expect("valid")),
            2020
        );
    }
}
