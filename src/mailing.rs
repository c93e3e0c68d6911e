//! Where a paper bundle is posted: the address of each regional society's 専門医制度委員会,
//! typed once and remembered in the data folder (`committees.ron`), so that the window and the
//! command line, and an office preparing many doctors' bundles, use the same one.
//!
//! The overview gives no address (it points to the journal issues that list them), so nothing
//! here is built in: a society without an address leaves the lines blank to be written by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::store::{self, StoreError};

/// The file in the data folder.
pub const COMMITTEES_FILE: &str = "committees.ron";

/// Largest committees file read (a few addresses; anything larger is not ours).
const READ_LIMIT: u64 = 1 << 20;

/// How long before the deadline a 診療責任者 is asked to return the signed pages: time to
/// gather every facility's pages and post them to arrive by the day (the program's suggestion,
/// not the criteria's).
pub const RETURN_DAYS_BEFORE_DEADLINE: u64 = 14;

/// The address of one regional committee, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Committee {
    /// 郵便番号.
    pub postal_code: String,
    /// 住所 (one or more lines, as written).
    pub address: String,
    /// 宛名; empty prints 「{地方学会} 専門医制度委員会 御中」.
    pub addressee: String,
}

impl Committee {
    /// Whether nothing has been typed.
    pub fn is_blank(&self) -> bool {
        self.postal_code.trim().is_empty()
            && self.address.trim().is_empty()
            && self.addressee.trim().is_empty()
    }

    /// Whether it can be posted to: an address is there.
    pub fn has_address(&self) -> bool {
        !self.address.trim().is_empty()
    }
}

/// The regional society as written in 様式1, or 「所属地方学会」 where none was entered.
pub fn society_or_placeholder(society: &str) -> &str {
    match society.trim() {
        "" => "所属地方学会",
        s => s,
    }
}

/// The addressee as printed: the one typed, or the society's committee.
pub fn addressee(society: &str, committee: Option<&Committee>) -> String {
    match committee
        .map(|c| c.addressee.trim())
        .filter(|a| !a.is_empty())
    {
        Some(a) => a.to_string(),
        None => format!("{} 専門医制度委員会 御中", society_or_placeholder(society)),
    }
}

/// The day a 診療責任者 is asked to return the signed pages by.
pub fn return_by(deadline: NaiveDate) -> NaiveDate {
    deadline
        .checked_sub_days(Days::new(RETURN_DAYS_BEFORE_DEADLINE))
        .unwrap_or(deadline)
}

/// The committees' addresses, by the regional society's name as written in 様式1.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Committees(pub BTreeMap<String, Committee>);

/// Why the committees file could not be read (it is then left as it is, never overwritten).
#[derive(Debug)]
pub enum CommitteesError {
    /// Reading failed.
    Read(PathBuf, std::io::Error),
    /// It is not a committees file.
    Parse(PathBuf, String),
    /// Writing failed.
    Write(StoreError),
}

impl std::fmt::Display for CommitteesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommitteesError::Read(path, e) => write!(
                f,
                "{}",
                crate::oserror::say(crate::oserror::Action::Read, path, e)
            ),
            CommitteesError::Parse(path, why) => write!(
                f,
                "送付先の住所録 {} を読めません（{why}）。ファイルはそのままにしてあります",
                path.display()
            ),
            CommitteesError::Write(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CommitteesError {}

/// The key a society is remembered by.
fn key(society: &str) -> String {
    society.trim().to_string()
}

impl Committees {
    /// The committees file of the data folder in use.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::data_dir().map(|d| d.join(COMMITTEES_FILE))
    }

    /// Reads `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Committees, CommitteesError> {
        let bytes = match store::read_limited(path, READ_LIMIT) {
            Ok((bytes, _)) => bytes,
            Err(store::ReadLimitError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Committees::default());
            }
            Err(store::ReadLimitError::Io(e)) => {
                return Err(CommitteesError::Read(path.to_path_buf(), e));
            }
            Err(store::ReadLimitError::NotRegular(what)) => {
                return Err(CommitteesError::Parse(path.to_path_buf(), what.to_string()));
            }
            Err(store::ReadLimitError::TooLarge(n)) => {
                return Err(CommitteesError::Parse(
                    path.to_path_buf(),
                    format!("{n} バイトあり、大きすぎます"),
                ));
            }
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            CommitteesError::Parse(path.to_path_buf(), "UTF-8 ではありません".into())
        })?;
        ron::from_str(&text).map_err(|e| CommitteesError::Parse(path.to_path_buf(), e.to_string()))
    }

    /// Writes the list to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<(), CommitteesError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| CommitteesError::Parse(path.to_path_buf(), e.to_string()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CommitteesError::Read(dir.to_path_buf(), e))?;
        }
        store::write_atomic(path, text.as_bytes()).map_err(CommitteesError::Write)
    }

    /// The address remembered for `society`.
    pub fn get(&self, society: &str) -> Option<&Committee> {
        self.0.get(&key(society)).filter(|c| !c.is_blank())
    }

    /// Remembers `committee` for `society` (a blank one forgets it).
    pub fn set(&mut self, society: &str, committee: Committee) {
        let key = key(society);
        if key.is_empty() {
            return;
        }
        if committee.is_blank() {
            self.0.remove(&key);
        } else {
            self.0.insert(key, committee);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_empty_and_a_broken_one_is_an_error_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(COMMITTEES_FILE);
        assert_eq!(
            Committees::load(&path).expect("missing"),
            Committees::default()
        );
        std::fs::write(&path, "壊れた").expect("write");
        assert!(matches!(
            Committees::load(&path),
            Err(CommitteesError::Parse(..))
        ));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "壊れた");
    }

    #[test]
    fn an_address_is_remembered_by_the_society_as_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data").join(COMMITTEES_FILE);
        let mut list = Committees::default();
        let c = Committee {
            postal_code: "100-0001".into(),
            address: "見本県見本市1-2-3".into(),
            addressee: String::new(),
        };
        list.set(" みほん地方産科婦人科学会 ", c.clone());
        list.save(&path).expect("save");
        let read = Committees::load(&path).expect("load");
        assert_eq!(read.get("みほん地方産科婦人科学会"), Some(&c));
        assert_eq!(
            addressee(
                "みほん地方産科婦人科学会",
                read.get("みほん地方産科婦人科学会")
            ),
            "みほん地方産科婦人科学会 専門医制度委員会 御中"
        );
        list.set("みほん地方産科婦人科学会", Committee::default());
        assert_eq!(list.get("みほん地方産科婦人科学会"), None);
    }

    #[test]
    fn signed_pages_are_asked_back_two_weeks_before_the_deadline() {
        let deadline = NaiveDate::from_ymd_opt(2027, 5, 31).expect("date");
        assert_eq!(
            return_by(deadline),
            NaiveDate::from_ymd_opt(2027, 5, 17).expect("date")
        );
    }
}
