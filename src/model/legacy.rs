//! Values as files of format 1 and 2 wrote them, read into today's model.
//!
//! Up to format 2, 転帰 and 担当医/指導医 were pick-lists: `outcome: Some(Cured)`,
//! `role: Some(Attending)` or `None`. From format 3 they are free text (`outcome: "治癒"`). The
//! fields accept both spellings, so that every older file loads; the old values become the
//! words the pick-lists printed, and saving writes format 3.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// 転帰 as format 2 stored it.
#[derive(Deserialize)]
enum OldOutcome {
    Cured,
    Improved,
    Remission,
    Unchanged,
    Worsened,
    Died,
    Transferred,
    FollowUp,
    Delivered,
}

impl OldOutcome {
    fn word(self) -> &'static str {
        match self {
            OldOutcome::Cured => "治癒",
            OldOutcome::Improved => "軽快",
            OldOutcome::Remission => "寛解",
            OldOutcome::Unchanged => "不変",
            OldOutcome::Worsened => "増悪",
            OldOutcome::Died => "死亡",
            OldOutcome::Transferred => "転医",
            OldOutcome::FollowUp => "経過観察",
            OldOutcome::Delivered => "分娩",
        }
    }
}

/// 担当医/指導医 as format 2 stored it.
#[derive(Deserialize)]
enum OldRole {
    Attending,
    Supervising,
}

impl OldRole {
    fn word(self) -> &'static str {
        match self {
            OldRole::Attending => "担当医",
            OldRole::Supervising => "指導医",
        }
    }
}

/// Reads text, `None`, or `Some(OldValue)`; `word` names the old value in today's words.
struct TextOrOld<T> {
    expecting: &'static str,
    word: fn(T) -> &'static str,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TextOrOld<T> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        T::deserialize(deserializer).map(|old| (self.word)(old).to_owned())
    }
}

/// 転帰: text, or a format-2 pick-list value.
pub(super) fn outcome<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextOrOld {
        expecting: "転帰の文字列",
        word: OldOutcome::word,
    })
}

/// 担当医/指導医: text, or a format-2 pick-list value.
pub(super) fn role<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextOrOld {
        expecting: "担当医/指導医の文字列",
        word: OldRole::word,
    })
}
