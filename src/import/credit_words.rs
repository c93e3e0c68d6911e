//! The words people, the society's pages, the portal and the certificates write in a credit
//! list's 区分 and 項目 cells, each with the credit kinds it can mean. One cell may hold the
//! category and the topic together (「共通講習（医療安全）」, 「共通講習・地域医療」); a word that
//! leaves more than one kind open is never guessed: the row asks the user to choose.
//!
//! docs/import.md lists this table as it is (a test compares them).

use crate::dates::fold_width;
use crate::model::{ActivityItem as I, CommonTopic as T, CommonTopic, CreditKind, CreditKind as K};

/// One accepted word and the kinds it leaves open.
#[derive(Debug, Clone, Copy)]
pub struct CreditWord {
    /// The word as people write it.
    pub word: &'static str,
    /// The kinds it can mean; more than one is a choice the user makes.
    pub kinds: &'static [CreditKind],
}

const fn w(word: &'static str, kinds: &'static [CreditKind]) -> CreditWord {
    CreditWord { word, kinds }
}

const COMMON: &[CreditKind] = &[
    K::Common(T::Safety),
    K::Common(T::Ethics),
    K::Common(T::InfectionControl),
    K::Common(T::LawAndSystem),
    K::Common(T::CommunityMedicine),
    K::Common(T::WelfareSystem),
    K::Common(T::Economics),
    K::Common(T::WorkLifeSupport),
    K::Common(T::Optional),
];
const COMMON_A: &[CreditKind] = &[
    K::Common(T::Safety),
    K::Common(T::Ethics),
    K::Common(T::InfectionControl),
];
const COMMON_B: &[CreditKind] = &[
    K::Common(T::LawAndSystem),
    K::Common(T::CommunityMedicine),
    K::Common(T::WelfareSystem),
    K::Common(T::Economics),
    K::Common(T::WorkLifeSupport),
];
const ACTIVITY: &[CreditKind] = &[
    K::Activity(I::MeetingAttendance),
    K::Activity(I::Presentation),
    K::Activity(I::Paper),
    K::Activity(I::PublicLecture),
    K::Activity(I::Chair),
    K::Activity(I::PeerReview),
    K::Activity(I::ExamDuty),
    K::Activity(I::HealthActivity),
    K::Activity(I::SchoolPhysician),
    K::Activity(I::AccidentInvestigation),
];
const DOMAIN: &[CreditKind] = &[K::Domain];
const SELF_STUDY: &[CreditKind] = &[K::SelfStudy];

/// Every word, grouped by what it means. Brackets, spaces, 「・」 and width do not matter
/// (「共通講習(医療倫理)」 = 「共通講習 医療倫理」); words may follow one another in one cell.
pub const CREDIT_WORDS: &[CreditWord] = &[
    // ii 専門医共通講習, the topic still to be said.
    w("共通講習", COMMON),
    w("専門医共通講習", COMMON),
    w("機構共通講習", COMMON),
    w("日本専門医機構専門医共通講習", COMMON),
    w("共通", COMMON),
    w("ii", COMMON),
    w("必修A", COMMON_A),
    w("必須A", COMMON_A),
    w("必修講習A", COMMON_A),
    w("必須講習A", COMMON_A),
    w("共通講習A", COMMON_A),
    w("必修B", COMMON_B),
    w("必須B", COMMON_B),
    w("必修講習B", COMMON_B),
    w("必須講習B", COMMON_B),
    w("共通講習B", COMMON_B),
    // The topics, as the portal and the certificates name them.
    w("医療安全", &[K::Common(T::Safety)]),
    w("医療倫理", &[K::Common(T::Ethics)]),
    w("感染対策", &[K::Common(T::InfectionControl)]),
    w("感染管理", &[K::Common(T::InfectionControl)]),
    w("医療制度と法律", &[K::Common(T::LawAndSystem)]),
    w("地域医療", &[K::Common(T::CommunityMedicine)]),
    w("医療福祉制度", &[K::Common(T::WelfareSystem)]),
    w("医療経済", &[K::Common(T::Economics)]),
    w("医療経済（保険医療等）", &[K::Common(T::Economics)]),
    w("両立支援", &[K::Common(T::WorkLifeSupport)]),
    w("任意C", &[K::Common(T::Optional)]),
    w("任意", &[K::Common(T::Optional)]),
    w("任意講習", &[K::Common(T::Optional)]),
    w("共通講習C", &[K::Common(T::Optional)]),
    // iii 産婦人科領域講習.
    w("領域講習", DOMAIN),
    w("産婦人科領域講習", DOMAIN),
    w("専門領域講習", DOMAIN),
    w("領域", DOMAIN),
    w("iii", DOMAIN),
    // iv 学術業績・診療以外の活動実績, the item still to be said.
    w("学術業績", ACTIVITY),
    w("学術業績・診療以外の活動実績", ACTIVITY),
    w("診療以外の活動実績", ACTIVITY),
    w("活動実績", ACTIVITY),
    w("学術", ACTIVITY),
    w("iv", ACTIVITY),
    // The items of iv, as the overview, the portal and people write them.
    w("学術集会参加", &[K::Activity(I::MeetingAttendance)]),
    w("学術集会等参加", &[K::Activity(I::MeetingAttendance)]),
    w("学術集会参加単位", &[K::Activity(I::MeetingAttendance)]),
    w("学術集会等参加単位", &[K::Activity(I::MeetingAttendance)]),
    w("学会参加", &[K::Activity(I::MeetingAttendance)]),
    w("学術集会発表", &[K::Activity(I::Presentation)]),
    w("学会発表", &[K::Activity(I::Presentation)]),
    w("演題発表", &[K::Activity(I::Presentation)]),
    w("発表", &[K::Activity(I::Presentation)]),
    w(
        "学術集会",
        &[
            K::Activity(I::MeetingAttendance),
            K::Activity(I::Presentation),
        ],
    ),
    w("論文発表", &[K::Activity(I::Paper)]),
    w("論文", &[K::Activity(I::Paper)]),
    w("論文掲載", &[K::Activity(I::Paper)]),
    w("地域・学校等での講演", &[K::Activity(I::PublicLecture)]),
    w("地域学校等で講演", &[K::Activity(I::PublicLecture)]),
    w("市民公開講座", &[K::Activity(I::PublicLecture)]),
    w("市民啓発講演", &[K::Activity(I::PublicLecture)]),
    w("座長", &[K::Activity(I::Chair)]),
    w("学術雑誌の査読", &[K::Activity(I::PeerReview)]),
    w("論文査読", &[K::Activity(I::PeerReview)]),
    w("査読", &[K::Activity(I::PeerReview)]),
    w("学会主催の試験業務", &[K::Activity(I::ExamDuty)]),
    w("試験業務", &[K::Activity(I::ExamDuty)]),
    w("試験委員", &[K::Activity(I::ExamDuty)]),
    w("地域・国際保健活動", &[K::Activity(I::HealthActivity)]),
    w("国際保健活動", &[K::Activity(I::HealthActivity)]),
    w("地域保健活動", &[K::Activity(I::HealthActivity)]),
    w("保健活動", &[K::Activity(I::HealthActivity)]),
    w("校医", &[K::Activity(I::SchoolPhysician)]),
    w("学校医", &[K::Activity(I::SchoolPhysician)]),
    w(
        "医療事故調査制度外部委員",
        &[K::Activity(I::AccidentInvestigation)],
    ),
    w("医療事故調査制度", &[K::Activity(I::AccidentInvestigation)]),
    w("医療事故調査", &[K::Activity(I::AccidentInvestigation)]),
    w("事故調査委員", &[K::Activity(I::AccidentInvestigation)]),
    // C.自己学習 (FY2026+).
    w("自己学習", SELF_STUDY),
    w("C.自己学習", SELF_STUDY),
];

/// Words that say nothing of the kind (「医療安全講習会」 is 医療安全): passed over.
pub const FILLER_WORDS: &[&str] = &["講習会", "講習", "研修会", "単位", "受講", "区分"];

/// A cell's text reduced to what identifies its words: ASCII width, lower case, no spaces,
/// brackets or punctuation.
pub fn word_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '(' | ')'
                        | '（'
                        | '）'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '「'
                        | '」'
                        | '〔'
                        | '〕'
                        | '・'
                        | '･'
                        | '.'
                        | ','
                        | '、'
                        | ':'
                        | '：'
                        | '/'
                        | '／'
                        | '-'
                        | '_'
                        | '〈'
                        | '〉'
                        | '<'
                        | '>'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a cell says of a credit's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing: the cell is blank.
    Blank,
    /// The kinds the cell leaves open (one, or a choice).
    Kinds(Vec<CreditKind>),
    /// Some of it is no accepted word; the part not understood.
    Unknown(String),
}

/// Every kind there is, in list order.
fn all_kinds() -> Vec<CreditKind> {
    let mut all = COMMON.to_vec();
    all.extend_from_slice(DOMAIN);
    all.extend_from_slice(ACTIVITY);
    all.extend_from_slice(SELF_STUDY);
    all
}

/// Where a cell's leading number means a category (区分: 2 = ii …) or an item of iv (項目).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The 区分 (category) cell.
    Category,
    /// The 項目 (topic or item) cell.
    Item,
}

/// Reads one cell: each word narrows the kinds, words may follow one another.
pub fn read(text: &str, cell: Cell) -> Reading {
    let key = word_key(text);
    if key.is_empty() {
        return Reading::Blank;
    }
    match narrow(&key, cell == Cell::Category, all_kinds()) {
        Ok(kinds) => Reading::Kinds(kinds),
        Err(rest) => Reading::Unknown(rest),
    }
}

/// The kinds a leading number names: in the 区分 cell 2–4 (ii–iv), elsewhere an item of iv.
fn number_kinds(n: u32, category: bool) -> Vec<CreditKind> {
    match (category, n) {
        (true, 2) => COMMON.to_vec(),
        (true, 3) => DOMAIN.to_vec(),
        (true, 4) => ACTIVITY.to_vec(),
        (true, _) => Vec::new(),
        (false, n) => ACTIVITY
            .iter()
            .copied()
            .filter(|k| matches!(k, K::Activity(i) if u32::from(i.number()) == n))
            .collect(),
    }
}

/// Narrows `kinds` by the words of `key`, trying longer words first; `Err` holds the part that
/// is no word (or a word that fits nothing said before it).
fn narrow(key: &str, category: bool, kinds: Vec<CreditKind>) -> Result<Vec<CreditKind>, String> {
    if key.is_empty() {
        return Ok(kinds);
    }
    let digits: String = key.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let n = digits.parse::<u32>().unwrap_or(0);
        let named = number_kinds(n, category);
        let kept: Vec<CreditKind> = kinds.into_iter().filter(|k| named.contains(k)).collect();
        if named.is_empty() {
            return Err(key.to_string());
        }
        return narrow(&key[digits.len()..], false, kept);
    }
    let mut candidates: Vec<(usize, Option<&'static [CreditKind]>)> = CREDIT_WORDS
        .iter()
        .map(|w| (word_key(w.word), Some(w.kinds)))
        .chain(FILLER_WORDS.iter().map(|f| (word_key(f), None)))
        .filter(|(word, _)| starts_with_word(key, word))
        .map(|(word, kinds)| (word.len(), kinds))
        .collect();
    candidates.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
    let mut first_error = None;
    for (len, means) in candidates {
        let kept: Vec<CreditKind> = match means {
            Some(means) => kinds
                .iter()
                .copied()
                .filter(|k| means.contains(k))
                .collect(),
            None => kinds.clone(),
        };
        match narrow(&key[len..], false, kept) {
            Ok(found) => return Ok(found),
            Err(rest) => {
                first_error.get_or_insert(rest);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| key.to_string()))
}

/// Whether `key` opens with `word`, a Latin word (ii, iv) only when no letter follows it.
fn starts_with_word(key: &str, word: &str) -> bool {
    if word.is_empty() || !key.starts_with(word) {
        return false;
    }
    let latin = word.chars().all(|c| c.is_ascii_alphabetic());
    !latin || !key[word.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
}

/// The kind as a choice is shown: 「共通講習 医療安全」, 「学術業績 (3) 論文発表」.
pub fn kind_text(kind: CreditKind) -> String {
    let category = category_label(kind);
    let item = item_label(kind);
    if item.is_empty() {
        category.to_string()
    } else {
        format!("{category} {item}")
    }
}

/// The kind as one of `choices` is shown: its item alone when every choice is of its category
/// (「医療安全」 among the topics of 必修A), else with the category.
pub fn choice_text(kind: CreditKind, choices: &[CreditKind]) -> String {
    let category = category_label(kind);
    let item = item_label(kind);
    let one_category = choices.iter().all(|c| category_label(*c) == category);
    if one_category && !item.is_empty() {
        item
    } else {
        kind_text(kind)
    }
}

/// The category column's text for a credit, as exported.
pub fn category_label(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Common(_) => "共通講習",
        CreditKind::Domain => "領域講習",
        CreditKind::Activity(_) => "学術業績",
        CreditKind::SelfStudy => "自己学習",
    }
}

/// The item column's text for a credit, as exported (`医療安全`, `(2) 学術集会発表`).
pub fn item_label(kind: CreditKind) -> String {
    match kind {
        CreditKind::Common(CommonTopic::Optional) => "任意C".into(),
        CreditKind::Common(t) => t.label().into(),
        CreditKind::Domain | CreditKind::SelfStudy => String::new(),
        CreditKind::Activity(i) => format!("({}) {}", i.number(), i.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, cell: Cell) -> Option<CreditKind> {
        match read(text, cell) {
            Reading::Kinds(k) if k.len() == 1 => k.first().copied(),
            _ => None,
        }
    }

    #[test]
    fn category_and_topic_in_one_cell() {
        let safety = Some(K::Common(T::Safety));
        for text in [
            "共通講習（医療安全）",
            "共通講習(医療安全)",
            "共通講習 医療安全",
            "共通講習・医療安全",
            "専門医共通講習【医療安全】",
            "共通講習（必修A）医療安全",
            "医療安全講習会",
        ] {
            assert_eq!(one(text, Cell::Category), safety, "{text}");
        }
        assert_eq!(
            one("共通講習 医療制度と法律", Cell::Category),
            Some(K::Common(T::LawAndSystem))
        );
        assert_eq!(
            one("学術集会参加", Cell::Category),
            Some(K::Activity(I::MeetingAttendance))
        );
    }

    #[test]
    fn open_words_stay_open() {
        let Reading::Kinds(a) = read("必修講習A", Cell::Category) else {
            panic!("必修講習A is a word");
        };
        assert_eq!(a, COMMON_A);
        let Reading::Kinds(c) = read("共通講習", Cell::Category) else {
            panic!("共通講習 is a word");
        };
        assert_eq!(c.len(), 9);
    }

    #[test]
    fn numbers_and_roman_numerals() {
        assert_eq!(one("iii", Cell::Category), Some(K::Domain));
        assert_eq!(one("(3) 論文発表", Cell::Item), Some(K::Activity(I::Paper)));
        assert_eq!(one("iv (5)", Cell::Category), Some(K::Activity(I::Chair)));
        // A number that contradicts its name fits nothing.
        assert_eq!(read("(3) 座長", Cell::Item), Reading::Kinds(Vec::new()));
    }

    #[test]
    fn unknown_words_are_named() {
        assert_eq!(
            read("共通講習 その他の何か", Cell::Category),
            Reading::Unknown("その他の何か".into())
        );
        assert_eq!(read("", Cell::Item), Reading::Blank);
    }
}
