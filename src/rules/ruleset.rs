//! A fiscal year's renewal criteria as data, loaded from `assets/rules/fy*.ron` and validated.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{ActivityItem, ApplicationKind, CommonGroup, CommonTopic};

/// 機構専門医更新基準 — one fiscal year's rule set. Every number of the criteria lives here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The fiscal year it applies to (2024 = 2024年度).
    pub fiscal_year: u16,
    /// Its title, as shown to the user.
    pub title: String,
    /// 公式 (published by the society) or 暫定 (derived by this program from an earlier year).
    pub status: RuleStatus,
    /// Where its numbers come from, as shown to the user.
    pub source: String,
    /// 活動期間 — every case and credit must be dated within it (inclusive).
    pub activity_period: DateRange,
    /// 受付期間 — applications accepted; a paper bundle must arrive by its end (必着).
    pub application_window: DateRange,
    /// The day the certification lapses when no renewal is made.
    pub lapse_date: NaiveDate,
    /// Fees in yen.
    pub fees: Fees,
    /// §2: where each regional committee's account for the 審査料 of a paper application is
    /// published (the overview names the journal issues).
    #[serde(default)]
    pub fee_account: Option<FeeAccount>,
    /// Required total of counted units (i–iv).
    pub total_required: u32,
    /// Required total of counted units (ii–iv) for those exempt from the clinical record (given
    /// whenever `exemption` is).
    #[serde(default)]
    pub total_required_exempt: Option<u32>,
    /// 診療実績免除 — who is exempt from category i; `None`: nobody is (from FY2026, by the
    /// society's notice of 2024-07-11).
    pub exemption: Option<Exemption>,
    /// The exemption of earlier years, where this year has none: kept to tell those who relied on
    /// it that cases are now needed, and to read renewals from a specialist number.
    #[serde(default)]
    pub former_exemption: Option<Exemption>,
    /// 申請区分 that exist this year (e.g. 再認定合格後の更新 ends with the society's
    /// re-certification review, held until FY2024). Files without it offer every kind.
    #[serde(default = "all_kinds")]
    pub application_kinds: Vec<ApplicationKind>,
    /// Specialist-number endings that fit this year's applicants (a hint, never a block).
    pub eligible_numbers: Vec<EligibleNumber>,
    /// Category i — 診療実績の証明.
    pub clinical: Clinical,
    /// 「C.自己学習」 — the alternative to the case record, where this year allows it.
    #[serde(default)]
    pub self_study: Option<SelfStudy>,
    /// Category ii — 専門医共通講習.
    pub common: Common,
    /// Category iii — 産婦人科領域講習.
    pub domain: Limits,
    /// Category iv — 学術業績・診療以外の活動実績.
    pub activity: Activity,
    /// Units for lecturing at a common or domain lecture, by minutes (highest threshold first).
    pub lecturing: Vec<MinuteStep>,
    /// Proof needed for a lecture credit (ii, iii) according to how it was earned.
    pub lecture_proof: LectureProof,
    /// Categories whose units may be earned by e-learning (at `fees.elearning_per_unit`).
    pub elearning: ELearning,
    /// The activity period after a deferral (更新猶予), where the society published one.
    #[serde(default)]
    pub deferral: Option<Deferral>,
    /// 活動休止 — how a pause of activity changes the period, where a rule is known.
    #[serde(default)]
    pub pause: Option<PauseRule>,
    /// Public notices of the society that this rule set follows besides its `source`.
    #[serde(default)]
    pub notices: Vec<Notice>,
    /// Where this rule set was read from (not part of the file).
    #[serde(skip)]
    pub origin: RuleOrigin,
    /// The largest values that can be true of one entry; anything above is a typing or paste
    /// error and is reported as one, never counted.
    pub plausible: Plausible,
}

/// 公式 / 暫定 — whether the society published these criteria or they were derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleStatus {
    /// 公式 — as published by the society.
    Official,
    /// 暫定 — derived from an earlier year's overview by its stated schedule; to be confirmed.
    Provisional,
}

impl RuleStatus {
    /// 公式 / 暫定
    pub fn label(self) -> &'static str {
        match self {
            RuleStatus::Official => "公式",
            RuleStatus::Provisional => "暫定",
        }
    }

    /// "official" / "provisional", as in `check --json`.
    pub fn key(self) -> &'static str {
        match self {
            RuleStatus::Official => "official",
            RuleStatus::Provisional => "provisional",
        }
    }
}

/// Where a rule set was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RuleOrigin {
    /// Built into the program.
    #[default]
    BuiltIn,
    /// A file in the user's rules folder.
    UserFolder(PathBuf),
    /// A file given with `--rules`.
    CommandLine(PathBuf),
}

impl RuleOrigin {
    /// Where from, in Japanese (with the file's path).
    pub fn label(&self) -> String {
        match self {
            RuleOrigin::BuiltIn => "組み込み".to_string(),
            RuleOrigin::UserFolder(p) => format!("規則フォルダ {}", p.display()),
            RuleOrigin::CommandLine(p) => format!("指定の規則ファイル {}", p.display()),
        }
    }

    /// "built-in" / "user-folder" / "command-line", as in `check --json`.
    pub fn key(&self) -> &'static str {
        match self {
            RuleOrigin::BuiltIn => "built-in",
            RuleOrigin::UserFolder(_) => "user-folder",
            RuleOrigin::CommandLine(_) => "command-line",
        }
    }

    /// The file it was read from (none for the built-in).
    pub fn path(&self) -> Option<&PathBuf> {
        match self {
            RuleOrigin::BuiltIn => None,
            RuleOrigin::UserFolder(p) | RuleOrigin::CommandLine(p) => Some(p),
        }
    }
}

/// Categories whose units e-learning may earn (§7(4), §8(3), §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ELearning {
    /// Category ii — 専門医共通講習.
    pub common: bool,
    /// Category iii — 産婦人科領域講習.
    pub domain: bool,
}

/// The largest plausible values of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    /// Units one credit can carry (the portal's total of a topic over five years included).
    pub max_units_per_credit: u32,
    /// Minutes one lecture can last.
    pub max_lecture_minutes: u32,
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `date` falls within the range, both ends included.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Fees in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fees {
    /// 審査料 — sent to the regional committee with a paper application.
    pub review: u32,
    /// 登録料 — paid to the Board after passing.
    pub registration: u32,
    /// e-learning, per unit.
    pub elearning_per_unit: u32,
}

/// Where the regional committees' accounts for the 審査料 are published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeAccount {
    /// The publication as the overview names it (「日産婦誌76巻4、5号」).
    pub published_in: String,
    /// Derived by this program (the year's overview is not at hand): said wherever it is shown.
    #[serde(default)]
    pub assumed: bool,
}

/// 診療実績免除 — exemption from the clinical record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// Consecutive renewals already completed that make one exempt.
    pub min_consecutive_renewals: u8,
    /// Years between renewals, used to infer the count from a specialist number.
    pub renewal_interval_years: u8,
}

/// A specialist-number ending that marks someone due to renew this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibleNumber {
    /// The two digits at the very end (`-N○○19` → "19").
    pub suffix: String,
    /// The fiscal year those two digits stand for.
    pub cycle_year: u16,
    /// The kind of application it implies.
    pub kind: ApplicationKind,
}

/// Category i.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clinical {
    /// Cases per unit (whole multiples only).
    pub cases_per_unit: u32,
    /// Minimum and maximum units.
    pub limits: Limits,
}

/// A category's minimum and, where it has one, maximum of counted units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Minimum units.
    pub min: u32,
    /// Maximum units counted (`None`: no maximum).
    pub max: Option<u32>,
}

/// Category ii.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Minimum and maximum units of the category.
    pub limits: Limits,
    /// Topics that must each reach `required_topic_min` (必修A this year).
    pub required_topics: Vec<CommonTopic>,
    /// Minimum units of each required topic.
    pub required_topic_min: u32,
    /// 必修B, where it is required of some applicants (from FY2026, §7(2)).
    #[serde(default)]
    pub required_b: Option<RequiredB>,
}

/// 必修講習B for specialists certified through the Board's exam from a given year (§7(2); the
/// society's notice 「必修講習Bの受講について」, 2023-04-14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredB {
    /// Required of those who passed the Board's (機構) exam in this fiscal year or later.
    pub board_exam_from: u16,
    /// Minimum units of 必修B, all its topics together (0: only the per-topic minimum applies).
    #[serde(default)]
    pub min_units: u32,
    /// Topics each to be attended (the notice: all five).
    #[serde(default)]
    pub topics: Vec<CommonTopic>,
    /// Minimum units of each topic of `topics`.
    #[serde(default)]
    pub min_units_per_topic: u32,
    /// The minimums are an assumption of this program: the source gives no number.
    pub min_units_assumed: bool,
    /// 多様な地域における診療実績 — practice that waives 必修B, where the notice grants it.
    #[serde(default)]
    pub regional_waiver: Option<RegionalWaiver>,
}

/// Practice at a 地域医療研修が可能な施設 (not a 基幹施設, outside Tokyo's 23 wards and the
/// 政令指定都市) that waives 必修B: as 専攻医, or in the first years after certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalWaiver {
    /// Years of such practice needed, within one of the two periods (not added together).
    pub min_years: u8,
    /// The period after certification it may fall in, in years (更新1期目).
    pub within_years_after_certification: u8,
}

/// 「C.自己学習」 — test付き e-learning chosen by the society's specialist committee, counted in
/// category i in place of cases (the society's notice of 2024-07-11, from FY2026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfStudy {
    /// Whether its proof must be enclosed.
    pub proof: ProofNeed,
    /// What to enclose, as the checklist says it.
    pub proof_text: String,
    /// How it counts (units as entered, within category i's maximum together with cases) is an
    /// assumption of this program: the notice gives no number.
    pub counting_assumed: bool,
}

/// A public notice of the society that a rule set follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Its title, e.g. 「必修講習Bの受講について」.
    pub title: String,
    /// The date it was published or last updated, where the page gives one.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Where it is published.
    pub url: String,
    /// What it settles for this year, in a sentence.
    pub says: String,
}

/// 更新猶予 — the activity period of the renewals after a year of deferral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deferral {
    /// Years of the period of the renewal after a deferral (猶予後の更新): 「申請する直近の6年間」.
    pub activity_years: u8,
    /// Years of the period of the renewal after that one: the deferral year's units were counted
    /// already, so it starts where the six-year period ended.
    pub next_activity_years: u8,
    /// `next_activity_years` is this program's reading of a figure, not a published number.
    pub next_assumed: bool,
    /// The notice these numbers come from.
    pub notice: Notice,
}

/// 活動休止 — five years of activity with the pauses cut out: the period reaches back by the
/// days paused, and nothing dated inside a pause counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseRule {
    /// The rule is the Board's, not confirmed by the society for this field.
    pub assumed: bool,
    /// Where it is published.
    pub notice: Notice,
}

/// Category iv.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Minimum and maximum units of the category.
    pub limits: Limits,
    /// One rule per item (1)–(10).
    pub items: Vec<ItemRule>,
}

/// The rule for one item of category iv.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    /// Which item.
    pub item: ActivityItem,
    /// How its units are found.
    pub units: ItemUnits,
    /// The most it counts for in all (`None`: only the category's maximum).
    pub cap: Option<u32>,
    /// The most it counts for per fiscal year (April–March) of the activity.
    pub cap_per_fiscal_year: Option<u32>,
    /// Whether a proof document must be enclosed.
    pub proof: ProofNeed,
    /// What to enclose, as the checklist says it.
    pub proof_text: String,
}

/// How an item's units are found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemUnits {
    /// As entered (the portal's record, or a certificate's figure).
    AsEntered,
    /// A fixed number per entry.
    PerEntry(u32),
    /// By the applicant's place among authors or presenters.
    ByRole {
        /// 筆頭
        first: u32,
        /// 第2
        second: u32,
        /// その他
        other: u32,
    },
    /// By minutes, highest threshold first.
    ByMinutes(Vec<MinuteStep>),
}

/// "At least `min_minutes` minutes gives `units` units."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinuteStep {
    /// Threshold in minutes (inclusive).
    pub min_minutes: u32,
    /// Units at or above it.
    pub units: u32,
}

/// Whether a proof document is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProofNeed {
    /// Always.
    Always,
    /// Only when the credit is not on the portal's record.
    UnlessOnPortal,
    /// Never (the portal's record is the proof).
    Never,
}

/// Proof rules for lecture credits (categories ii and iii).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LectureProof {
    /// Attended on site.
    pub attended: ProofNeed,
    /// Lectured.
    pub lectured: ProofNeed,
    /// e-learning.
    pub elearning: ProofNeed,
    /// What to enclose for an attendance not on the portal.
    pub attended_text: String,
    /// What to enclose for lecturing.
    pub lectured_text: String,
    /// What to enclose for an e-learning not on the portal.
    pub elearning_text: String,
}

fn all_kinds() -> Vec<ApplicationKind> {
    ApplicationKind::ALL.to_vec()
}

/// Units from minutes by the steps (highest threshold first); 0 below the lowest.
pub fn units_for_minutes(steps: &[MinuteStep], minutes: u32) -> u32 {
    steps
        .iter()
        .find(|s| minutes >= s.min_minutes)
        .map_or(0, |s| s.units)
}

/// A rule set that could not be read or does not make sense.
#[derive(Debug, Error)]
pub enum RuleSetError {
    /// The file is not valid RON for a rule set.
    #[error("規則ファイルを読み込めません（{line}行{column}列）: {message}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// The file parses but its content is inconsistent.
    #[error("規則ファイルの内容が正しくありません: {0}")]
    Invalid(String),
    /// No rule set exists for the fiscal year.
    #[error("{0}年度の規則はこのプログラムに含まれていません")]
    UnknownYear(u16),
    /// The file could not be read.
    #[error("規則ファイルを読めません: {0}")]
    Io(String),
}

/// The rule sets built into the program, by fiscal year. FY2024 is the society's published
/// overview; FY2025–FY2029 are derived from it by the schedule it states (status 暫定).
const BUILT_IN: &[(u16, &str)] = &[
    (2024, include_str!("../../assets/rules/fy2024.ron")),
    (2025, include_str!("../../assets/rules/fy2025.ron")),
    (2026, include_str!("../../assets/rules/fy2026.ron")),
    (2027, include_str!("../../assets/rules/fy2027.ron")),
    (2028, include_str!("../../assets/rules/fy2028.ron")),
    (2029, include_str!("../../assets/rules/fy2029.ron")),
];

/// Largest rule file read; the built-in ones are about 5 KB.
const MAX_RULE_FILE: u64 = 1 << 20;

/// Rule sets read from files at run time; they take precedence over the built-in ones.
static OVERRIDES: RwLock<Vec<Arc<RuleSet>>> = RwLock::new(Vec::new());

/// The built-in rule sets, each parsed and validated once, on first use.
static BUILT: RwLock<Vec<Arc<RuleSet>>> = RwLock::new(Vec::new());

/// Rule files that were found but not used, as messages (for the GUI, which has no stderr).
static REJECTED: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Rule files that were found but not used since start-up, each with its path and why.
pub fn rejected_rule_files() -> Vec<String> {
    REJECTED
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

fn remember_rejected(rejected: &RejectedRuleFile) {
    REJECTED
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .push(rejected.to_string());
}

fn overrides() -> std::sync::RwLockReadGuard<'static, Vec<Arc<RuleSet>>> {
    // A panic while holding the lock cannot leave the list half-written (push is one step).
    OVERRIDES.read().unwrap_or_else(PoisonError::into_inner)
}

/// Fiscal years with a rule set: built in or read from a rule file.
pub fn known_years() -> Vec<u16> {
    let mut years: Vec<u16> = BUILT_IN.iter().map(|(y, _)| *y).collect();
    years.extend(overrides().iter().map(|r| r.fiscal_year));
    years.sort_unstable();
    years.dedup();
    years
}

/// The year a new application is most likely for on `today`: the first known year whose
/// application window has not closed yet (the last known year when all have closed).
pub fn open_year(today: NaiveDate) -> Option<u16> {
    let sets = rule_sets();
    sets.iter()
        .find(|r| r.application_window.end >= today)
        .or(sets.last())
        .map(|r| r.fiscal_year)
}

/// The rule set in use for every known year, in year order.
pub fn rule_sets() -> Vec<RuleSet> {
    known_years()
        .into_iter()
        .filter_map(|y| RuleSet::for_year(y).ok())
        .collect()
}

/// A rule file that was not used, and why (with line and column when it does not parse).
#[derive(Debug, Error)]
#[error("{}: {error}", path.display())]
pub struct RejectedRuleFile {
    /// The file.
    pub path: PathBuf,
    /// Why it was not used.
    pub error: RuleSetError,
}

/// Reads, parses and validates one rule file.
pub fn read_rule_file(path: &Path, origin: RuleOrigin) -> Result<RuleSet, RuleSetError> {
    let file = File::open(path).map_err(|e| RuleSetError::Io(e.to_string()))?;
    let mut text = String::new();
    file.take(MAX_RULE_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| RuleSetError::Io(e.to_string()))?;
    if text.len() as u64 > MAX_RULE_FILE {
        return Err(RuleSetError::Io(format!(
            "{} KB を超えています",
            MAX_RULE_FILE / 1024
        )));
    }
    let mut rules = RuleSet::from_ron(&text)?;
    rules.origin = origin;
    Ok(rules)
}

fn install(rules: RuleSet) {
    // A file given with --rules wins over one in the folder, whatever the order of loading;
    // among equals the later one wins.
    let rank = |o: &RuleOrigin| match o {
        RuleOrigin::BuiltIn => 0,
        RuleOrigin::UserFolder(_) => 1,
        RuleOrigin::CommandLine(_) => 2,
    };
    let mut list = OVERRIDES.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(old) = list.iter_mut().find(|r| r.fiscal_year == rules.fiscal_year) {
        if rank(&rules.origin) >= rank(&old.origin) {
            *old = Arc::new(rules);
        }
    } else {
        list.push(Arc::new(rules));
    }
}

/// Uses every valid `*.ron` file of `dir` for its year, in name order (a later file of the same
/// year wins). Files that fail are returned and left unused: the built-in year stays in use.
pub fn install_rules_folder(dir: &Path) -> Vec<RejectedRuleFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .collect();
    paths.sort();
    let mut rejected = Vec::new();
    for path in paths {
        match read_rule_file(&path, RuleOrigin::UserFolder(path.clone())) {
            Ok(rules) => install(rules),
            Err(error) => {
                let r = RejectedRuleFile { path, error };
                remember_rejected(&r);
                rejected.push(r);
            }
        }
    }
    rejected
}

/// Uses the rule file given with `--rules` for its year; returns that year.
pub fn install_rules_file(path: &Path) -> Result<u16, RejectedRuleFile> {
    match read_rule_file(path, RuleOrigin::CommandLine(path.to_path_buf())) {
        Ok(rules) => {
            let year = rules.fiscal_year;
            install(rules);
            Ok(year)
        }
        Err(error) => {
            let r = RejectedRuleFile {
                path: path.to_path_buf(),
                error,
            };
            remember_rejected(&r);
            Err(r)
        }
    }
}

impl RuleSet {
    /// The rule set in use for a fiscal year: a rule file's when one was installed, else the
    /// built-in one.
    pub fn for_year(year: u16) -> Result<RuleSet, RuleSetError> {
        RuleSet::shared(year).map(|r| (*r).clone())
    }

    /// [`RuleSet::for_year`] without a copy: the one rule book of the program. Built-in years
    /// are parsed once; a rule file installed later takes over its year from then on.
    pub fn shared(year: u16) -> Result<Arc<RuleSet>, RuleSetError> {
        if let Some(rules) = overrides().iter().find(|r| r.fiscal_year == year) {
            return Ok(Arc::clone(rules));
        }
        let read =
            |list: &Vec<Arc<RuleSet>>| list.iter().find(|r| r.fiscal_year == year).map(Arc::clone);
        if let Some(rules) = read(&BUILT.read().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(rules);
        }
        // Parsed outside the lock; of two threads parsing the same year, the first one kept
        // is used by both from then on. A year that fails is not kept (it fails again).
        let parsed = Arc::new(RuleSet::built_in(year)?);
        let mut list = BUILT.write().unwrap_or_else(PoisonError::into_inner);
        Ok(read(&list).unwrap_or_else(|| {
            list.push(Arc::clone(&parsed));
            parsed
        }))
    }

    /// The rule set built into the program for a fiscal year.
    pub fn built_in(year: u16) -> Result<RuleSet, RuleSetError> {
        let text = BUILT_IN
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, t)| *t)
            .ok_or(RuleSetError::UnknownYear(year))?;
        let rules = RuleSet::from_ron(text)?;
        if rules.fiscal_year != year {
            return Err(RuleSetError::Invalid(format!(
                "{year}年度のファイルに{}年度と書かれています",
                rules.fiscal_year
            )));
        }
        Ok(rules)
    }

    /// The exemption in force this year, or else the one of earlier years: it tells how many
    /// renewals a specialist number stands for.
    pub fn renewal_rule(&self) -> Option<&Exemption> {
        self.exemption.as_ref().or(self.former_exemption.as_ref())
    }

    /// Whether an application of this kind can be made this year.
    pub fn offers_kind(&self, kind: ApplicationKind) -> bool {
        self.application_kinds.contains(&kind)
    }

    /// Whether the verdict must be called provisional.
    pub fn is_provisional(&self) -> bool {
        self.status == RuleStatus::Provisional
    }

    /// The line said wherever a verdict computed with provisional criteria is shown.
    pub fn provisional_notice(&self) -> Option<String> {
        self.is_provisional().then(|| {
            format!(
                "この判定は{}年度の暫定基準によるものです。{}年度の概要（日本産科婦人科学会）が公表されたら確認してください",
                self.fiscal_year, self.fiscal_year
            )
        })
    }

    /// Parses and validates a rule set.
    pub fn from_ron(text: &str) -> Result<RuleSet, RuleSetError> {
        // Implicit `Some`: files written before `exemption` could be `None` give it as a bare
        // struct, and keep their meaning.
        let rules: RuleSet = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| RuleSetError::Parse {
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        rules.validate()?;
        Ok(rules)
    }

    /// The rule for an item of category iv (validation guarantees there is one).
    pub fn item_rule(&self, item: ActivityItem) -> Option<&ItemRule> {
        self.activity.items.iter().find(|r| r.item == item)
    }

    fn validate(&self) -> Result<(), RuleSetError> {
        let bad = |m: String| Err(RuleSetError::Invalid(m));
        for (name, range) in [
            ("活動期間", self.activity_period),
            ("受付期間", self.application_window),
        ] {
            if range.start > range.end {
                return bad(format!("{name}の開始が終了より後です"));
            }
        }
        if self.clinical.cases_per_unit == 0 {
            return bad("症例数/単位が0です".into());
        }
        if let Some(d) = &self.deferral
            && (d.activity_years == 0 || d.next_activity_years == 0)
        {
            return bad("猶予後の活動期間（deferral）の年数が0です".into());
        }
        for (name, l) in [
            ("診療実績", self.clinical.limits),
            ("共通講習", self.common.limits),
            ("領域講習", self.domain),
            ("学術業績等", self.activity.limits),
        ] {
            if l.max.is_some_and(|max| max < l.min) {
                return bad(format!("{name}の上限が下限より小さくなっています"));
            }
        }
        match (self.exemption, self.total_required_exempt) {
            (Some(_), None) => {
                return bad(
                    "診療実績免除があるのに免除者の必要単位（total_required_exempt）がありません"
                        .into(),
                );
            }
            (_, Some(exempt)) if exempt > self.total_required => {
                return bad("免除者の必要単位が通常の必要単位を超えています".into());
            }
            _ => {}
        }
        if self.application_kinds.is_empty() {
            return bad("申請区分（application_kinds）が空です".into());
        }
        check_steps("講師の単位", &self.lecturing)?;
        for item in ActivityItem::ALL {
            let count = self
                .activity
                .items
                .iter()
                .filter(|r| r.item == item)
                .count();
            if count != 1 {
                return bad(format!(
                    "学術業績等の項目({}) {} の規則が{count}個あります（1個必要）",
                    item.number(),
                    item.label()
                ));
            }
        }
        for rule in &self.activity.items {
            if let ItemUnits::ByMinutes(steps) = &rule.units {
                check_steps(rule.item.label(), steps)?;
            }
        }
        for n in &self.eligible_numbers {
            if n.suffix.len() != 2 || !n.suffix.bytes().all(|b| b.is_ascii_digit()) {
                return bad(format!(
                    "専門医番号の末尾「{}」が2桁の数字ではありません",
                    n.suffix
                ));
            }
        }
        if self.plausible.max_units_per_credit == 0 || self.plausible.max_lecture_minutes == 0 {
            return bad("ありうる最大の単位数・講習時間が0です".into());
        }
        if [self.exemption, self.former_exemption]
            .iter()
            .flatten()
            .any(|e| e.renewal_interval_years == 0)
        {
            return bad("更新間隔が0年です".into());
        }
        if self.source.trim().is_empty() {
            return bad("出典（source）が空です".into());
        }
        if self.lapse_date <= self.application_window.end {
            return bad("資格喪失日が受付期間の終了より前です".into());
        }
        if let Some(b) = &self.common.required_b {
            if b.min_units == 0 && (b.topics.is_empty() || b.min_units_per_topic == 0) {
                return bad("必修講習Bの最低単位数が0です（不要なら required_b: None）".into());
            }
            if let Some(t) = b.topics.iter().find(|t| t.group() != CommonGroup::B) {
                return bad(format!("必修講習Bの項目に「{}」があります", t.label()));
            }
            if b.regional_waiver.is_some_and(|w| w.min_years == 0) {
                return bad("必修講習B免除の地域医療の年数が0です".into());
            }
        }
        if self
            .self_study
            .as_ref()
            .is_some_and(|s| s.proof_text.trim().is_empty())
        {
            return bad("自己学習の証明書類（proof_text）が空です".into());
        }
        for n in &self.notices {
            if n.title.trim().is_empty() || n.url.trim().is_empty() {
                return bad("通知（notices）の名称または所在が空です".into());
            }
        }
        Ok(())
    }
}

fn check_steps(name: &str, steps: &[MinuteStep]) -> Result<(), RuleSetError> {
    if steps.is_empty() {
        return Err(RuleSetError::Invalid(format!(
            "{name}: 時間の段階がありません"
        )));
    }
    if steps
        .windows(2)
        .any(|w| w[0].min_minutes <= w[1].min_minutes || w[0].units < w[1].units)
    {
        return Err(RuleSetError::Invalid(format!(
            "{name}: 時間の段階は長い順に並べてください"
        )));
    }
    Ok(())
}
