//! The words people usually write in 様式3's two free-text columns, 転帰 and 担当医/指導医.
//!
//! The form leaves both as blank boxes and the society publishes no list of allowed words, so a
//! case keeps whatever was written. This vocabulary only *recognises* the common words and their
//! variants, so that the import summary can group them ("転帰: 軽快 ×30, 継続 ×12 …") and the case
//! table can offer them as suggestions. Nothing is ever refused for not being in it.

use crate::dates::fold_width;

/// One usual word and the other ways of writing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word as suggested and as it groups in summaries (治癒, 担当医 …).
    pub canonical: &'static str,
    /// Other spellings that mean the same (経過観察中 for 経過観察, 担当 for 担当医 …).
    pub variants: &'static [&'static str],
}

/// The usual words of one column, in suggestion order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vocabulary {
    /// The words, most usual first; a suggestion's number is its position + 1.
    pub words: &'static [Word],
}

/// 転帰 — outcomes as doctors write them on 様式3.
pub const OUTCOMES: Vocabulary = Vocabulary {
    words: &[
        Word {
            canonical: "治癒",
            variants: &["完治", "治癒退院"],
        },
        Word {
            canonical: "軽快",
            variants: &["改善", "軽快退院"],
        },
        Word {
            canonical: "寛解",
            variants: &["完全寛解", "部分寛解"],
        },
        Word {
            canonical: "不変",
            variants: &["不変退院", "変化なし"],
        },
        Word {
            canonical: "増悪",
            variants: &["悪化"],
        },
        Word {
            canonical: "死亡",
            variants: &["死亡退院", "永眠"],
        },
        Word {
            canonical: "転医",
            variants: &["転院", "紹介", "他院紹介", "転科"],
        },
        Word {
            canonical: "経過観察",
            variants: &[
                "経過観察中",
                "外来経過観察",
                "通院中",
                "外来通院",
                "フォロー中",
                "フォローアップ",
            ],
        },
        Word {
            canonical: "継続",
            variants: &["継続中", "治療継続", "治療中", "加療中"],
        },
        Word {
            canonical: "異常なし",
            variants: &["異常無し", "正常", "所見なし"],
        },
        Word {
            canonical: "分娩",
            variants: &["出産", "分娩終了", "妊娠終了"],
        },
    ],
};

/// 担当医/指導医 — the applicant's role, when a role rather than names is written.
pub const ROLES: Vocabulary = Vocabulary {
    words: &[
        Word {
            canonical: "担当医",
            variants: &["担当", "主治医", "主治", "術者", "担"],
        },
        Word {
            canonical: "指導医",
            variants: &["指導", "指"],
        },
    ],
};

/// A word reduced for comparison: ASCII width, no spaces, no long-vowel marks or dashes, lower
/// case. Both sides of a comparison go through it.
pub fn word_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

impl Vocabulary {
    /// The canonical word `text` is written as, if it is one of the usual words or variants.
    pub fn recognise(&self, text: &str) -> Option<&'static str> {
        let key = word_key(text);
        if key.is_empty() {
            return None;
        }
        self.words
            .iter()
            .find(|w| word_key(w.canonical) == key || w.variants.iter().any(|v| word_key(v) == key))
            .map(|w| w.canonical)
    }

    /// The canonical words, in suggestion order.
    pub fn canonical_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().map(|w| w.canonical)
    }

    /// The suggestion a cell's typed text picks: its number (`1`, `２` …, in list order) or the
    /// start of exactly the words it begins (`治` → 治癒; `経` → 経過観察). `None` when the text
    /// picks nothing, and it is then kept as typed.
    pub fn pick(&self, typed: &str) -> Option<&'static str> {
        let folded = fold_width(typed);
        if folded.is_empty() {
            return None;
        }
        if let Ok(n) = folded.parse::<usize>() {
            return n
                .checked_sub(1)
                .and_then(|i| self.words.get(i))
                .map(|w| w.canonical);
        }
        let mut starting = self.starting_with(&folded);
        let first = starting.next()?;
        starting.next().is_none().then_some(first)
    }

    /// The canonical words that begin with `typed` (all of them for an empty text).
    pub fn starting_with<'a>(&'a self, typed: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let typed = typed.trim();
        self.canonical_words()
            .filter(move |w| w.starts_with(typed) && *w != typed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_recognised_as_their_word() {
        assert_eq!(OUTCOMES.recognise("経過観察中"), Some("経過観察"));
        assert_eq!(OUTCOMES.recognise(" 継続中 "), Some("継続"));
        assert_eq!(OUTCOMES.recognise("転院"), Some("転医"));
        assert_eq!(OUTCOMES.recognise("異常なし"), Some("異常なし"));
        assert_eq!(OUTCOMES.recognise("良好"), None);
        assert_eq!(ROLES.recognise("主治医"), Some("担当医"));
        assert_eq!(ROLES.recognise("指導"), Some("指導医"));
        assert_eq!(ROLES.recognise("山田 花子／佐藤 一郎"), None);
    }

    #[test]
    fn a_number_or_an_unambiguous_start_picks_a_word() {
        assert_eq!(OUTCOMES.pick("1"), Some("治癒"));
        assert_eq!(OUTCOMES.pick("２"), Some("軽快"));
        assert_eq!(OUTCOMES.pick("99"), None);
        assert_eq!(OUTCOMES.pick("治"), Some("治癒"));
        assert_eq!(OUTCOMES.pick("経"), Some("経過観察"));
        assert_eq!(OUTCOMES.pick("良"), None);
        assert_eq!(ROLES.pick("指"), Some("指導医"));
        assert_eq!(ROLES.pick("山田"), None);
    }

    #[test]
    fn every_word_is_recognised_and_no_variant_belongs_to_two_words() {
        for vocabulary in [OUTCOMES, ROLES] {
            for word in vocabulary.words {
                assert_eq!(vocabulary.recognise(word.canonical), Some(word.canonical));
                for v in word.variants {
                    assert_eq!(vocabulary.recognise(v), Some(word.canonical), "{v}");
                }
            }
        }
    }
}
