//! The open application: its data, where it lives, its undo history and its current Report.
//!
//! Every change goes through [`Document::edit`], which records an undo snapshot (coalescing
//! keystrokes in the same field), marks the document changed and re-evaluates at once, so every
//! panel drawn after the edit sees the new Report in the same frame.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::model::{
    ApplicantField, Application, ApplicationField, CaseField, CreditField, PauseField,
    WorkplaceField,
};
use crate::rules::as_of::AsOf;
use crate::rules::{self, FieldPath, Report, RuleSet};

/// Undo steps kept; older ones are dropped.
const UNDO_LIMIT: usize = 100;
/// Edits of the same field closer together than this become one undo step.
const COALESCE: Duration = Duration::from_millis(1500);

/// Content generations are unique across all documents of the process, so a cache keyed by a
/// generation can never mistake one document for another.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// Identifies what an edit touched, so typing in one field coalesces into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditKey {
    /// A field of the application as a whole.
    Application(ApplicationField),
    /// A field of the applicant.
    Applicant(ApplicantField),
    /// A field of the n-th workplace.
    Workplace(usize, WorkplaceField),
    /// A field of the n-th 活動休止.
    Pause(usize, PauseField),
    /// A field of the n-th case.
    Case(usize, CaseField),
    /// A field of the n-th credit.
    Credit(usize, CreditField),
    /// The 診療責任者 of the n-th facility of 様式3.
    FacilityHead(usize),
    /// A structural change (rows added, removed, reordered): never coalesced.
    Structure,
}

impl EditKey {
    /// The key of an edit of the field a path names; a path naming no single field (a
    /// category, the total) is a structural change.
    pub fn of(path: FieldPath) -> Self {
        match path {
            FieldPath::Application(field) => EditKey::Application(field),
            FieldPath::Applicant(field) => EditKey::Applicant(field),
            FieldPath::Workplace(i, field) => EditKey::Workplace(i, field),
            FieldPath::Pause(i, field) => EditKey::Pause(i, field),
            FieldPath::Case(i, field) => EditKey::Case(i, field),
            FieldPath::Credit(i, field) => EditKey::Credit(i, field),
            FieldPath::Total | FieldPath::Font | FieldPath::Category(_) | FieldPath::Topic(_) => {
                EditKey::Structure
            }
        }
    }
}

/// Where the document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The built-in demo.
    Demo,
    /// A new document, never saved.
    Untitled,
    /// A file on disk.
    File(PathBuf),
}

/// "As of today" with the generation and day it was computed for.
type AsOfToday = ((u64, NaiveDate), Arc<AsOf>);

/// The open application and everything derived from it.
pub struct Document {
    app: Application,
    /// The rule set of the application's fiscal year (an error message when missing).
    rules: Result<Arc<RuleSet>, String>,
    report: Option<Report>,
    /// Where it came from and where Save writes.
    pub origin: Origin,
    /// Changes with every change; an undo returns to an earlier value.
    generation: u64,
    saved_generation: u64,
    undo: Vec<(Application, u64)>,
    redo: Vec<(Application, u64)>,
    last_edit: Option<(EditKey, Instant)>,
    /// When the last change was made (for the idle autosave).
    pub last_change: Option<Instant>,
    /// "As of today" (chart, planner, standing) for one generation and day: computed once, read
    /// by the 集計 page, the verdict panel and the chart each frame.
    as_of: Mutex<Option<AsOfToday>>,
}

impl Document {
    /// A document holding `app`, considered saved.
    pub fn new(app: Application, origin: Origin) -> Self {
        let generation = next_generation();
        let mut doc = Self {
            rules: Err(String::new()),
            report: None,
            app,
            origin,
            generation,
            saved_generation: generation,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
            last_change: None,
            as_of: Mutex::new(None),
        };
        doc.load_rules();
        doc.evaluate();
        doc
    }

    fn load_rules(&mut self) {
        self.rules = RuleSet::shared(self.app.fiscal_year).map_err(|e| e.to_string());
    }

    fn evaluate(&mut self) {
        self.report = self
            .rules
            .as_ref()
            .ok()
            .map(|r| rules::evaluate(&self.app, r));
    }

    /// The application as entered.
    pub fn app(&self) -> &Application {
        &self.app
    }

    /// The application as of `today` (none when its year has no rule set), computed again
    /// only when the content or the day changes (generations are unique across documents).
    pub fn as_of(&self, today: NaiveDate) -> Option<Arc<AsOf>> {
        let (Ok(rules), Some(report)) = (self.rules(), self.report()) else {
            return None;
        };
        let key = (self.generation, today);
        let mut cache = self.as_of.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((k, a)) = cache.as_ref()
            && *k == key
        {
            return Some(Arc::clone(a));
        }
        let fresh = Arc::new(AsOf::of(&self.app, rules, report, today));
        *cache = Some((key, Arc::clone(&fresh)));
        Some(fresh)
    }

    /// The rule set, or why there is none.
    pub fn rules(&self) -> Result<&RuleSet, &str> {
        self.rules.as_deref().map_err(String::as_str)
    }

    /// The current Report (none when the year's rule set is missing).
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// A number that changes whenever the content changes (for caches).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// Records that the current content was saved (to `origin`).
    pub fn mark_saved(&mut self, origin: Origin) {
        self.origin = origin;
        self.saved_generation = self.generation;
        self.last_edit = None;
    }

    /// Marks the content as unsaved (e.g. after recovering a crash copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_generation = 0;
    }

    /// Applies a change: snapshot for undo (unless it continues the previous edit of the same
    /// field), change, re-evaluate.
    pub fn edit(&mut self, key: EditKey, change: impl FnOnce(&mut Application)) {
        let now = Instant::now();
        let continues = key != EditKey::Structure
            && self
                .last_edit
                .is_some_and(|(k, t)| k == key && now.duration_since(t) < COALESCE);
        if !continues {
            self.undo.push((self.app.clone(), self.generation));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        let year = self.app.fiscal_year;
        change(&mut self.app);
        if self.app.fiscal_year != year {
            self.load_rules();
        }
        self.generation = next_generation();
        self.last_edit = Some((key, now));
        self.last_change = Some(now);
        self.evaluate();
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step.
    pub fn undo(&mut self) {
        if let Some((app, generation)) = self.undo.pop() {
            let current = std::mem::replace(&mut self.app, app);
            self.redo.push((current, self.generation));
            self.restore(generation);
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) {
        if let Some((app, generation)) = self.redo.pop() {
            let current = std::mem::replace(&mut self.app, app);
            self.undo.push((current, self.generation));
            self.restore(generation);
        }
    }

    fn restore(&mut self, generation: u64) {
        self.generation = generation;
        self.last_edit = None;
        self.last_change = Some(Instant::now());
        self.load_rules();
        self.evaluate();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn as_of_today_is_computed_again_only_when_the_document_or_the_day_changes() {
        let mut doc = Document::new(crate::demo::application(), Origin::Demo);
        let today = day(2022, 10, 15);
        let first = doc.as_of(today).expect("as of today");
        assert!(!first.lines.is_empty(), "in the period there is a planner");
        // Frame after frame: the same one, not a copy.
        for _ in 0..3 {
            assert!(Arc::ptr_eq(&first, &doc.as_of(today).expect("as of")));
        }
        // The next day: computed again (today moves on the chart's x axis).
        let tomorrow = doc.as_of(today.succ_opt().expect("date")).expect("as of");
        assert!(!Arc::ptr_eq(&first, &tomorrow));
        assert!(tomorrow.chart.today > first.chart.today);
        // An edit: computed again, with the edit in chart, planner and standing alike.
        doc.edit(EditKey::Structure, |a| a.credits.clear());
        let edited = doc.as_of(today).expect("as of");
        assert!(edited.chart.total.last() < first.chart.total.last());
        assert_ne!(edited.lines, first.lines, "the edit shows in the sentences");
        assert!(edited.standing.total_counted < first.standing.total_counted);
        // Undo returns to the earlier content: the same numbers again.
        doc.undo();
        assert_eq!(*doc.as_of(today).expect("as of"), *first);
        // Another document with the same content is still another document.
        let other = Document::new(crate::demo::application(), Origin::Demo);
        let theirs = other.as_of(today).expect("as of");
        assert!(!Arc::ptr_eq(&first, &theirs));
        // After the period there is nothing to plan.
        assert!(doc.as_of(day(2030, 1, 1)).expect("as of").lines.is_empty());
    }

    #[test]
    fn the_standing_counts_what_the_planner_counts_up_to_today() {
        // An entry later in today's month is a plan: the chart's month holds it, the planner
        // and the standing do not (one "as of today" for the verdict panel and the 集計 page).
        let mut app = crate::demo::application();
        let today = day(2022, 10, 15);
        let mut planned = app.credits[0].clone();
        planned.title = "今月後半の講習".into();
        planned.date = Some(day(2022, 10, 28));
        app.credits.push(planned);
        let doc = Document::new(app, Origin::Demo);
        let a = doc.as_of(today).expect("as of");
        let p = a.progress.as_ref().expect("a planner");
        assert_eq!(a.standing.total_counted, p.total_counted);
        assert_eq!(a.standing.cases_counted, p.cases_counted);
        let month = a.chart.today.expect("in the period").floor() as usize;
        assert!(
            a.chart.total[month] > a.standing.total_counted,
            "the chart's month holds the planned lecture; the standing does not"
        );
    }

    #[test]
    fn without_a_rule_set_there_is_nothing_as_of_today() {
        let doc = Document::new(Application::new(1990), Origin::Untitled);
        assert!(doc.rules().is_err());
        assert!(doc.as_of(day(2022, 10, 15)).is_none());
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_and_undo_restores_saved_state() {
        let mut doc = Document::new(Application::new(2024), Origin::Untitled);
        for name in ["見", "見本", "見本 花子"] {
            doc.edit(EditKey::Applicant(ApplicantField::Name), |a| {
                a.applicant.name = name.into()
            });
        }
        assert!(doc.is_dirty());
        doc.undo();
        assert_eq!(doc.app().applicant.name, "");
        assert!(!doc.is_dirty());
        doc.redo();
        assert_eq!(doc.app().applicant.name, "見本 花子");
        assert!(doc.is_dirty());
    }

    #[test]
    fn undo_history_is_bounded() {
        let mut doc = Document::new(Application::new(2024), Origin::Untitled);
        for _ in 0..(UNDO_LIMIT + 20) {
            doc.edit(EditKey::Structure, |a| a.cases.push(Default::default()));
        }
        let mut steps = 0;
        while doc.can_undo() {
            doc.undo();
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        assert_eq!(doc.app().cases.len(), 20);
    }
}
