//! The office workspace: a folder of application files, one per doctor, shown with each one's
//! verdict, the days left to the deadline and the last change, and exported in one go into one
//! folder per doctor. A file that cannot be read is reported, never fatal.

use std::cmp;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::SystemTime;

use chrono::{DateTime, Local, NaiveDate};
use thiserror::Error;

use crate::model::Application;
use crate::pdf::{self, ExportOptions, ExportResult, PdfError};
pub use crate::rules::as_of::{Pace, Shortfall, Standing};
use crate::rules::{self, Report, RuleSet, RuleSetError};
use crate::store::{self, StoreError};

/// Folders with more application files than this are refused (an office has dozens).
pub const MAX_DOCTORS: usize = 2_000;

/// Why a workspace could not be opened.
#[derive(Debug, Error)]
pub enum WorkspaceError {
    /// The folder could not be listed.
    #[error("{}", crate::oserror::say(crate::oserror::Action::List, path, source))]
    Io {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Too many files.
    #[error("フォルダ {path} の申請ファイルが多すぎます（上限{MAX_DOCTORS}件）")]
    TooMany {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder could not be made.
    #[error(
        "{}",
        crate::oserror::say(crate::oserror::Action::CreateFolder, path, source)
    )]
    Output {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Why one doctor's bundle was not exported (the batch goes on with the others).
#[derive(Debug, Error)]
pub enum DoctorExportError {
    /// The application file could not be read.
    #[error(transparent)]
    Load(#[from] StoreError),
    /// Its year has no usable rule set.
    #[error(transparent)]
    Rules(#[from] RuleSetError),
    /// The doctor's folder could not be made.
    #[error(
        "{}",
        crate::oserror::say(crate::oserror::Action::CreateFolder, path, source)
    )]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The PDF could not be made or written.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A file reported as written is not on disk, whole.
    #[error("{} が書き出されていません", .0.display())]
    Missing(PathBuf),
}

/// The verdict on a doctor's application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Meets every requirement.
    Passes,
    /// Short of units: the larger of the total's shortfall and the categories' shortfalls.
    Short {
        /// Units still needed.
        units: u32,
    },
    /// Enough units, but errors to fix.
    Errors {
        /// Number of error findings.
        count: usize,
    },
    /// The file could not be read (or has no rule set).
    Unreadable {
        /// Why.
        message: String,
    },
}

impl Verdict {
    /// From an evaluation report.
    pub fn from_report(report: &Report) -> Verdict {
        if report.passes {
            return Verdict::Passes;
        }
        let total_short = report.total_required.saturating_sub(report.total_counted);
        let category_short: u32 = report
            .categories
            .iter()
            .map(|c| c.min.saturating_sub(c.counted))
            .fold(0, u32::saturating_add);
        let units = total_short.max(category_short);
        if units > 0 {
            Verdict::Short { units }
        } else {
            Verdict::Errors {
                count: report.errors().count().max(1),
            }
        }
    }

    /// 合格 / あと N 単位 / 要対応 N 件 / 読めません
    pub fn label(&self) -> String {
        match self {
            Verdict::Passes => "合格".into(),
            Verdict::Short { units } => format!("あと{units}単位"),
            Verdict::Errors { count } => format!("{} {count}件", rules::Severity::Error.label()),
            Verdict::Unreadable { message } => format!("読めません: {message}"),
        }
    }
}

/// One doctor's line in the workspace.
#[derive(Debug, Clone)]
pub struct DoctorEntry {
    /// The application file.
    pub path: PathBuf,
    /// The applicant's name, or the file name when it is empty or unreadable.
    pub name: String,
    /// 専門医番号, when readable.
    pub specialist_number: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Where the doctor stands as of the day the folder was read (none when unreadable).
    pub standing: Option<Standing>,
    /// Days left to the end of the application window (negative once passed).
    pub days_left: Option<i64>,
    /// The file's last modification.
    pub modified: Option<SystemTime>,
}

impl DoctorEntry {
    /// Passes only with entries dated after today: inside the activity period, the units or
    /// cases counted up to today's month do not yet meet what is required.
    pub fn passes_only_with_plans(&self) -> bool {
        self.verdict == Verdict::Passes
            && self.standing.as_ref().is_some_and(Standing::short_so_far)
    }

    /// The verdict as the office sees it: 合格 that rests on planned entries says so (a
    /// "passes" that is not yet earned must not read as one).
    pub fn verdict_label(&self) -> String {
        if self.passes_only_with_plans() {
            "合格（予定を含む）".into()
        } else {
            self.verdict.label()
        }
    }

    /// `締切まで12日` / `本日締切` / `締切を3日過ぎています`
    pub fn deadline_label(&self) -> String {
        Self::deadline_label_of(self.days_left)
    }

    /// [`DoctorEntry::deadline_label`] for `days_left` days left.
    pub fn deadline_label_of(days_left: Option<i64>) -> String {
        match days_left {
            None => "—".into(),
            Some(0) => "本日締切".into(),
            Some(d) if d > 0 => format!("締切まで{d}日"),
            Some(d) => format!("締切を{}日過ぎています", -d),
        }
    }

    /// The last change as local time, `2026-11-25 09:30`.
    pub fn modified_label(&self) -> String {
        self.modified.map_or_else(
            || "—".into(),
            |t| {
                DateTime::<Local>::from(t)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            },
        )
    }

    /// The file's stem, the natural name of this doctor's output folder (see
    /// [`Workspace::folder_names`] for the name actually used).
    pub fn folder_name(&self) -> String {
        self.path
            .file_stem()
            .map_or_else(|| "application".into(), |s| s.to_string_lossy().into())
    }
}

/// A folder of application files.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder.
    pub dir: PathBuf,
    /// One entry per application file, by file name in [`natural_cmp`] order.
    pub doctors: Vec<DoctorEntry>,
}

/// Orders text as people read it: a run of digits (ASCII or full-width, mixed) by its value,
/// so 「医師 2号」 comes before 「医師 10号」 and 「医師 ２号」 beside 「医師 2号」. Text equal
/// that way (「2」, 「２」, 「02」) falls back to the plain string, so only equal text is equal.
pub fn natural_cmp(a: &str, b: &str) -> cmp::Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        let order = match (x.peek().copied(), y.peek().copied()) {
            (None, None) => break,
            (None, Some(_)) => cmp::Ordering::Less,
            (Some(_), None) => cmp::Ordering::Greater,
            (Some(c), Some(d)) if digit(c).is_some() && digit(d).is_some() => {
                number(&mut x).cmp(&number(&mut y))
            }
            (Some(c), Some(d)) => {
                x.next();
                y.next();
                c.cmp(&d)
            }
        };
        if order.is_ne() {
            return order;
        }
    }
    a.cmp(b)
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

/// Takes a run of digits; its value as a key that orders by value however long the run (no
/// overflow): the count of significant digits, then the digits.
fn number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> (usize, Vec<u32>) {
    let mut digits = Vec::new();
    while let Some(d) = chars.peek().copied().and_then(digit) {
        chars.next();
        if !(digits.is_empty() && d == 0) {
            digits.push(d);
        }
    }
    (digits.len(), digits)
}

/// Application files by file name in [`natural_cmp`] order (by the whole path where names that
/// are not valid Unicode read the same).
fn file_name_cmp(a: &Path, b: &Path) -> cmp::Ordering {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    match (name(a), name(b)) {
        (Some(x), Some(y)) => natural_cmp(&x, &y),
        _ => cmp::Ordering::Equal,
    }
    .then_with(|| a.cmp(b))
}

/// Whether a path is an application file (`*.ron`, not a backup or a temporary file).
fn is_application_file(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

impl Workspace {
    /// Opens `dir`, evaluating every application file in it as of `today`.
    pub fn open(dir: &Path, today: NaiveDate) -> Result<Workspace, WorkspaceError> {
        let io = |source| WorkspaceError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if is_application_file(&path) {
                paths.push(path);
                if paths.len() > MAX_DOCTORS {
                    return Err(WorkspaceError::TooMany {
                        path: dir.to_path_buf(),
                    });
                }
            }
        }
        paths.sort_by(|a, b| file_name_cmp(a, b));
        let doctors = paths.into_iter().map(|p| doctor_entry(p, today)).collect();
        Ok(Workspace {
            dir: dir.to_path_buf(),
            doctors,
        })
    }

    /// Every doctor's own output folder name, in `doctors` order: the file's stem, with `-2`,
    /// `-3` … added where two stems would be one folder — the same but for letter case
    /// (`dup.ron`, `dup.RON`; Windows and macOS folders ignore case) or the same once made
    /// into text (names that are not valid Unicode). Decided over the whole folder, so a doctor's
    /// folder does not depend on which others are exported with them.
    pub fn folder_names(&self) -> Vec<String> {
        let key = |name: &str| name.to_lowercase();
        let natural: Vec<String> = self.doctors.iter().map(DoctorEntry::folder_name).collect();
        let natural_keys: std::collections::HashSet<String> =
            natural.iter().map(|n| key(n)).collect();
        let mut taken = std::collections::HashSet::new();
        natural
            .into_iter()
            .map(|stem| {
                let mut candidate = stem.clone();
                let mut n = 2;
                while taken.contains(&key(&candidate))
                    || (candidate != stem && natural_keys.contains(&key(&candidate)))
                {
                    candidate = format!("{stem}-{n}");
                    n += 1;
                }
                taken.insert(key(&candidate));
                candidate
            })
            .collect()
    }

    /// Reads one entry again (after its file changed).
    pub fn refresh(&mut self, index: usize, today: NaiveDate) {
        if let Some(entry) = self.doctors.get_mut(index) {
            *entry = doctor_entry(entry.path.clone(), today);
        }
    }
}

fn load_with_rules(path: &Path) -> Result<(Application, RuleSet), DoctorExportError> {
    let app = store::load(path)?;
    let rules = RuleSet::for_year(app.fiscal_year)?;
    Ok((app, rules))
}

fn doctor_entry(path: PathBuf, today: NaiveDate) -> DoctorEntry {
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into());
    match load_with_rules(&path) {
        Ok((app, rules)) => {
            let report = rules::evaluate(&app, &rules);
            let name = app.applicant.name.trim();
            DoctorEntry {
                name: if name.is_empty() {
                    file_name
                } else {
                    name.to_string()
                },
                specialist_number: app.applicant.specialist_number.clone(),
                verdict: Verdict::from_report(&report),
                standing: Some(Standing::of(&app, &rules, &report, today)),
                days_left: Some((rules.application_window.end - today).num_days()),
                modified,
                path,
            }
        }
        Err(e) => DoctorEntry {
            name: file_name,
            specialist_number: String::new(),
            verdict: Verdict::Unreadable {
                message: e.to_string(),
            },
            standing: None,
            days_left: None,
            modified,
            path,
        },
    }
}

/// Progress of a batch export, reported after each doctor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Doctors finished so far (including this one).
    pub done: usize,
    /// Doctors to export in all.
    pub total: usize,
    /// The doctor just finished.
    pub name: String,
    /// Whether that export succeeded.
    pub ok: bool,
}

/// One doctor's result in a batch export.
#[derive(Debug)]
pub struct DoctorExport {
    /// The doctor's name (or file name).
    pub name: String,
    /// The application file.
    pub path: PathBuf,
    /// The folder written into.
    pub folder: PathBuf,
    /// What was written, or why not.
    pub result: Result<ExportResult, DoctorExportError>,
}

/// What a batch export did.
#[derive(Debug)]
pub struct ExportSummary {
    /// Every doctor asked for, in workspace order.
    pub doctors: Vec<DoctorExport>,
    /// Whether the batch was cancelled before the end.
    pub cancelled: bool,
    /// With the letters: one signature request per facility across the doctors (each
    /// 診療責任者 is asked once), or why they could not be written.
    pub facility_letters: Result<Vec<PathBuf>, String>,
}

impl Default for ExportSummary {
    fn default() -> Self {
        Self {
            doctors: Vec::new(),
            cancelled: false,
            facility_letters: Ok(Vec::new()),
        }
    }
}

impl ExportSummary {
    /// Doctors exported.
    pub fn succeeded(&self) -> usize {
        self.doctors.iter().filter(|d| d.result.is_ok()).count()
    }

    /// Doctors that failed, with the reason.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &DoctorExportError)> {
        self.doctors.iter().filter_map(|d| match &d.result {
            Ok(_) => None,
            Err(e) => Some((d.name.as_str(), e)),
        })
    }

    /// The summary in Japanese, one line per failure.
    pub fn text(&self) -> String {
        let failed = self.doctors.len() - self.succeeded();
        let mut s = format!(
            "書き出し {}件、失敗 {}件{}\n",
            self.succeeded(),
            failed,
            if self.cancelled { "（中止）" } else { "" }
        );
        for (name, why) in self.failures() {
            s.push_str(&format!("  × {name}: {why}\n"));
        }
        match &self.facility_letters {
            Ok(files) if files.is_empty() => {}
            Ok(files) => s.push_str(&format!(
                "施設ごとの署名のお願い {}通（{}）\n",
                files.len(),
                FACILITY_LETTERS_FOLDER
            )),
            Err(why) => s.push_str(&format!("  × 施設ごとの署名のお願い: {why}\n")),
        }
        s
    }
}

/// The folder of the batch's output that holds one signature request per facility.
pub const FACILITY_LETTERS_FOLDER: &str = "施設ごとの署名のお願い";

/// The letters an office writes beside every doctor's bundle: the envelope of the labels, and
/// the committees' addresses by regional society.
#[derive(Debug, Clone, Default)]
pub struct BatchLetters {
    /// The envelope the labels are for.
    pub envelope: crate::pdf::letters::Envelope,
    /// The committees' addresses as remembered.
    pub committees: crate::mailing::Committees,
}

/// Exports one application file's bundle into `folder`, with the letters when asked.
fn export_one(
    path: &Path,
    folder: &Path,
    letters: Option<&BatchLetters>,
) -> Result<ExportResult, DoctorExportError> {
    let (app, rules) = load_with_rules(path)?;
    std::fs::create_dir_all(folder).map_err(|source| DoctorExportError::Folder {
        path: folder.to_path_buf(),
        source,
    })?;
    let options = match letters {
        Some(l) => ExportOptions {
            letters: Some(l.envelope),
            committee: l.committees.get(&app.applicant.regional_society).cloned(),
            ..ExportOptions::default()
        },
        None => ExportOptions::default(),
    };
    let result = pdf::export_bundle(&app, &rules, folder, &options)?;
    // Success is reported only for files that are on disk, whole.
    for file in result.files.iter().chain(&result.letters) {
        match std::fs::metadata(file) {
            Ok(m) if m.is_file() && m.len() > 0 => {}
            _ => return Err(DoctorExportError::Missing(file.clone())),
        }
    }
    Ok(result)
}

impl Workspace {
    /// Exports the bundles of the doctors at `selection` (indices into `doctors`; all when
    /// `None`) into `out/<file name>/`, on as many threads as the machine has cores.
    /// `progress` is called on the calling thread after each doctor; setting `cancel` stops
    /// the batch after the exports under way.
    pub fn export_all(
        &self,
        selection: Option<&[usize]>,
        out: &Path,
        cancel: Option<&AtomicBool>,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<ExportSummary, WorkspaceError> {
        self.export_all_with(selection, out, cancel, progress, None)
    }

    /// [`Workspace::export_all`], writing `letters` beside every bundle when given.
    pub fn export_all_with(
        &self,
        selection: Option<&[usize]>,
        out: &Path,
        cancel: Option<&AtomicBool>,
        progress: &mut dyn FnMut(&Progress),
        letters: Option<&BatchLetters>,
    ) -> Result<ExportSummary, WorkspaceError> {
        std::fs::create_dir_all(out).map_err(|source| WorkspaceError::Output {
            path: out.to_path_buf(),
            source,
        })?;
        // Every folder is decided here, before any thread starts: no two doctors share one.
        let names = self.folder_names();
        let chosen: Vec<(&DoctorEntry, PathBuf)> = match selection {
            Some(indices) => {
                let mut indices = indices.to_vec();
                indices.sort_unstable();
                indices.dedup();
                indices
                    .into_iter()
                    .filter_map(|i| Some((self.doctors.get(i)?, out.join(names.get(i)?))))
                    .collect()
            }
            None => self
                .doctors
                .iter()
                .zip(&names)
                .map(|(d, n)| (d, out.join(n)))
                .collect(),
        };
        let total = chosen.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .clamp(1, 8)
            .min(total.max(1));
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<(usize, DoctorExport)>();
        let mut results: Vec<Option<DoctorExport>> =
            std::iter::repeat_with(|| None).take(total).collect();
        let mut cancelled = false;
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, chosen) = (&next, &chosen);
                scope.spawn(move || {
                    loop {
                        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((doctor, folder)) = chosen.get(i) else {
                            break;
                        };
                        let folder = folder.clone();
                        let result = export_one(&doctor.path, &folder, letters);
                        let done = DoctorExport {
                            name: doctor.name.clone(),
                            path: doctor.path.clone(),
                            folder,
                            result,
                        };
                        if tx.send((i, done)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut done = 0;
            for (i, export) in rx {
                done += 1;
                progress(&Progress {
                    done,
                    total,
                    name: export.name.clone(),
                    ok: export.result.is_ok(),
                });
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(export);
                }
            }
            cancelled = done < total;
        });
        let doctors: Vec<DoctorExport> = results.into_iter().flatten().collect();
        let facility_letters = if letters.is_some() && !cancelled {
            let plans: Vec<(String, &crate::pdf::bundle::Plan)> = doctors
                .iter()
                .filter_map(|d| {
                    let plan = d.result.as_ref().ok()?.plan.as_ref()?;
                    Some((plan_name(plan, &d.name), plan))
                })
                .collect();
            crate::pdf::write_facility_letters(&plans, &out.join(FACILITY_LETTERS_FOLDER))
                .map_err(|e| e.to_string())
        } else {
            Ok(Vec::new())
        };
        Ok(ExportSummary {
            doctors,
            cancelled,
            facility_letters,
        })
    }
}

/// The applicant as the facility letter names them: the name of 様式1, else the file's.
fn plan_name(plan: &crate::pdf::bundle::Plan, file_name: &str) -> String {
    plan.signers
        .first()
        .map(|s| s.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| file_name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_the_value_of_their_numbers() {
        let mut names = vec![
            "医師 11号",
            "医師 10号",
            "医師 ２号",
            "医師 2号",
            "医師 1号",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec![
                "医師 1号",
                "医師 2号",
                "医師 ２号",
                "医師 10号",
                "医師 11号"
            ]
        );
        // Full-width numbers are numbers too: ２ before 10, １２ after 10.
        assert!(natural_cmp("医師 ２号", "医師 10号").is_lt());
        assert!(natural_cmp("医師 １２号", "医師 10号").is_gt());
        // A number longer than any integer still orders by value.
        assert!(natural_cmp("9", "100000000000000000000000000000").is_lt());
    }

    #[test]
    fn text_equal_but_for_how_its_numbers_are_written_falls_back_to_the_plain_string() {
        // The same value written three ways: not equal, and ordered as plain strings.
        assert!(natural_cmp("医師 02号", "医師 2号").is_lt());
        assert!(natural_cmp("医師 2号", "医師 02号").is_gt());
        assert!(natural_cmp("医師 2号", "医師 ２号").is_lt());
        assert!(natural_cmp("医師 ２号", "医師 2号").is_gt());
        // Without numbers it is the plain order; only the same text is equal.
        assert!(natural_cmp("医師 A", "医師 B").is_lt());
        assert!(natural_cmp("医師", "医師 1号").is_lt());
        assert_eq!(natural_cmp("医師 2号", "医師 2号"), cmp::Ordering::Equal);
    }
}
