//! Cell values as people type them: dates (every accepted form and Excel serials), ages, sex,
//! the credit author's role, yes/no. Each parser returns the Japanese reason when it cannot read
//! the cell as a [`CellError`]. 転帰 and 担当医/指導医 are free text and are never parsed: see
//! [`crate::model::vocabulary`].

use chrono::NaiveDate;
use thiserror::Error;

use crate::dates::{fold_width, parse_date};
use crate::model::{Role, Sex};

use super::table::{Cell, excel_serial_date};

/// Why a cell could not be read; shown with the row's line number (`5行目: …`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CellError {
    /// A required cell is blank.
    #[error("{label}が空です")]
    Empty {
        /// The column's name.
        label: &'static str,
    },
    /// Not a date in any accepted form.
    #[error(
        "{label}「{text}」を日付として読めません（例: 2023/4/1、2023-04-01、R5.4.1、令和5年4月1日）"
    )]
    NotADate {
        /// The column's name.
        label: &'static str,
        /// The cell as written.
        text: String,
    },
    /// Not an age 0–120.
    #[error("年齢「{text}」は0～120の整数で入力してください")]
    NotAnAge {
        /// The cell as written.
        text: String,
    },
    /// Neither 女 nor 男 in any usual spelling.
    #[error("性別「{text}」を読めません（女・女性・F または 男・男性・M）")]
    UnknownSex {
        /// The cell as written.
        text: String,
    },
    /// Not 筆頭, 第2 or 共同.
    #[error("立場「{text}」を読めません（筆頭・第2・共同）")]
    UnknownAuthorRole {
        /// The cell as written.
        text: String,
    },
    /// Neither yes nor no.
    #[error("{label}「{text}」を読めません（はい または いいえ）")]
    NotYesNo {
        /// The column's name.
        label: &'static str,
        /// The cell as written.
        text: String,
    },
    /// Not a whole number ≥ 0.
    #[error("{label}「{text}」は0以上の整数で入力してください")]
    NotAWholeNumber {
        /// The column's name.
        label: &'static str,
        /// The cell as written.
        text: String,
    },
    /// A 区分 or 項目 cell holding a word that is no category, topic or item.
    #[error(
        "{label}（{column}列）「{text}」の「{part}」を読めません（使える言葉: 共通講習・医療安全などの項目名・必修A・任意・領域講習・学術集会参加・論文・座長・査読・自己学習、または ii・iii・iv。一覧は docs/import.md）"
    )]
    UnknownCreditWord {
        /// The column's name (区分 or 項目).
        label: &'static str,
        /// Its letter.
        column: String,
        /// The cell as written.
        text: String,
        /// The part that is no word (as compared: width folded, no spaces or brackets).
        part: String,
    },
    /// 区分 and 項目 name kinds that cannot go together (共通講習 and 論文).
    #[error("区分「{category}」と項目「{item}」は組み合わせられません")]
    KindConflict {
        /// The 区分 cell.
        category: String,
        /// The 項目 cell.
        item: String,
    },
    /// The cells leave several kinds open (必修講習A: 医療安全, 医療倫理 or 感染対策).
    #[error(
        "{label}（{column}列）「{text}」だけでは決められません: {}のどれかです。項目の列に書くか、取り込み画面で選んでください",
        choice_list(choices)
    )]
    AmbiguousKind {
        /// The column's name (区分 or 項目).
        label: &'static str,
        /// The letter of the cell that left it open.
        column: String,
        /// The cell as written.
        text: String,
        /// The kinds it can be.
        choices: Vec<crate::model::CreditKind>,
    },
    /// Not 受講, 講師 or e-learning.
    #[error("形式「{text}」を読めません（受講・講師・e-learning）")]
    UnknownMode {
        /// The cell as written.
        text: String,
    },
    /// The age is to come from a birth date that is not there. The birth date itself is never
    /// quoted: it identifies the patient.
    #[error("年齢の列がなく、生年月日も空のため年齢を計算できません")]
    NoBirthDate,
    /// A birth date that does not read as a date (not quoted, as above).
    #[error("生年月日を日付として読めないため年齢を計算できません（値は表示しません）")]
    BirthDateUnreadable,
    /// A birth date after the visit (not quoted, as above).
    #[error("生年月日が診察日より後のため年齢を計算できません")]
    BirthAfterVisit,
    /// The visit date cannot be read, so no age can be computed from the birth date.
    #[error("診察日が読めないため、生年月日から年齢を計算できません")]
    AgeNeedsVisitDate,
    /// A lecture given, without its length.
    #[error("講師の単位には講演時間（分）が必要です")]
    LectureWithoutMinutes,
}

/// 「医療安全・医療倫理・感染対策」: the kinds a cell leaves open, as the choice shows them.
fn choice_list(choices: &[crate::model::CreditKind]) -> String {
    let texts: Vec<String> = choices
        .iter()
        .map(|k| super::credit_words::choice_text(*k, choices))
        .collect();
    texts.join("・")
}

/// A date cell: a date-formatted Excel cell, an Excel serial, or text in any accepted form.
pub fn date(cell: &Cell, label: &'static str) -> Result<NaiveDate, CellError> {
    let bad = |text: &str| CellError::NotADate {
        label,
        text: text.to_string(),
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
        Cell::Empty => Err(CellError::Empty { label }),
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
pub fn age(cell: &Cell) -> Result<u8, CellError> {
    let text = cell.text();
    let bad = || CellError::NotAnAge { text: text.clone() };
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

/// The age on `visit` of a patient born on `birth`, in whole years as Japanese law counts them:
/// one year more from the birthday on (born on 29 February: from 1 March in a common year).
pub fn age_on(birth: NaiveDate, visit: NaiveDate) -> Option<u32> {
    use chrono::Datelike;
    if birth > visit {
        return None;
    }
    let years = visit.year() - birth.year();
    let before_birthday = (visit.month(), visit.day()) < (birth.month(), birth.day());
    u32::try_from(years - i32::from(before_birthday)).ok()
}

/// The age at the visit from a birth-date cell and a visit-date cell; the reasons never quote
/// the birth date.
pub fn age_from_birth(birth: &Cell, visit: &Cell) -> Result<u32, CellError> {
    if birth.is_blank() {
        return Err(CellError::NoBirthDate);
    }
    let birth = date(birth, "生年月日").map_err(|_| CellError::BirthDateUnreadable)?;
    let visit = date(visit, "診察日").map_err(|_| CellError::AgeNeedsVisitDate)?;
    age_on(birth, visit).ok_or(CellError::BirthAfterVisit)
}

/// The words of a 性別 cell (compared width-folded, in lower case).
pub const SEX_WORDS: &[(&str, Sex)] = &[
    ("女", Sex::Female),
    ("女性", Sex::Female),
    ("F", Sex::Female),
    ("female", Sex::Female),
    ("♀", Sex::Female),
    ("男", Sex::Male),
    ("男性", Sex::Male),
    ("M", Sex::Male),
    ("male", Sex::Male),
    ("♂", Sex::Male),
];

/// 女 / 女性 / F (and 男 / 男性 / M).
pub fn sex(text: &str) -> Result<Sex, CellError> {
    let key = fold_width(text).to_lowercase();
    SEX_WORDS
        .iter()
        .find(|(w, _)| w.to_lowercase() == key)
        .map(|(_, s)| *s)
        .ok_or_else(|| CellError::UnknownSex {
            text: text.to_string(),
        })
}

/// The words of a 立場 cell (an author's or presenter's place).
pub const AUTHOR_ROLE_WORDS: &[(&str, Role)] = &[
    ("筆頭", Role::First),
    ("筆頭著者", Role::First),
    ("筆頭発表者", Role::First),
    ("1", Role::First),
    ("第2", Role::Second),
    ("第二", Role::Second),
    ("第2著者", Role::Second),
    ("第2発表者", Role::Second),
    ("2", Role::Second),
    ("共同", Role::Other),
    ("その他", Role::Other),
    ("共著", Role::Other),
    ("共同発表者", Role::Other),
];

/// 筆頭 / 第2 / 共同.
pub fn author_role(text: &str) -> Result<Role, CellError> {
    let key = fold_width(text);
    AUTHOR_ROLE_WORDS
        .iter()
        .find(|(w, _)| *w == key)
        .map(|(_, r)| *r)
        .ok_or_else(|| CellError::UnknownAuthorRole {
            text: text.to_string(),
        })
}

/// Words of a yes/no cell meaning yes; blank and [`NO_WORDS`] are no.
pub const YES_WORDS: &[&str] = &[
    "はい",
    "有",
    "あり",
    "済",
    "登録済",
    "同封",
    "○",
    "◯",
    "〇",
    "yes",
    "y",
    "true",
    "1",
];
/// Words of a yes/no cell meaning no.
pub const NO_WORDS: &[&str] = &[
    "いいえ",
    "無",
    "なし",
    "未",
    "×",
    "x",
    "-",
    "no",
    "n",
    "false",
    "0",
];

/// はい / いいえ and the marks people use for them; blank is no.
pub fn yes_no(cell: &Cell, label: &'static str) -> Result<bool, CellError> {
    let text = cell.text();
    let key = fold_width(&text).to_lowercase();
    if key.is_empty() || NO_WORDS.contains(&key.as_str()) {
        Ok(false)
    } else if YES_WORDS.contains(&key.as_str()) {
        Ok(true)
    } else {
        Err(CellError::NotYesNo { label, text })
    }
}

/// A whole number ≥ 0 (`90`, `９０`, `90分`).
pub fn whole_number(cell: &Cell, label: &'static str) -> Result<u32, CellError> {
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
    parsed.ok_or(CellError::NotAWholeNumber { label, text })
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
    fn age_turns_on_the_birthday() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a date");
        assert_eq!(age_on(d(1990, 6, 15), d(2023, 6, 14)), Some(32));
        assert_eq!(age_on(d(1990, 6, 15), d(2023, 6, 15)), Some(33));
        // Born on 29 February: 28 February is still the day before.
        assert_eq!(age_on(d(2000, 2, 29), d(2023, 2, 28)), Some(22));
        assert_eq!(age_on(d(2000, 2, 29), d(2023, 3, 1)), Some(23));
        assert_eq!(age_on(d(2000, 2, 29), d(2024, 2, 29)), Some(24));
        assert_eq!(age_on(d(2023, 6, 16), d(2023, 6, 15)), None);
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
