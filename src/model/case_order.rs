//! One numbering of the cases: the No. printed on 様式3 is the No. the window shows and every
//! message names.
//!
//! 様式3 groups its cases by facility, because each facility's group ends with the
//! certification block that its 診療責任者 signs by hand (a signer signs the pages of their own
//! facility only). The paper's order is therefore the grouped order, not the order the cases
//! were entered or imported in; and since the paper is what the society reads, the window, the
//! findings, the pre-flight and the command line follow the paper: a case's No. everywhere is
//! its place in [`CaseOrder`].

use chrono::NaiveDate;

use super::{Application, Case};

/// The cases of one facility, in the order 様式3 prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacilityGroup {
    /// 診療施設名 as printed (trimmed; empty when not entered).
    pub facility: String,
    /// The paper No. of the group's first case (1-based).
    pub first: usize,
    /// Indices into `Application::cases`, in print order.
    pub cases: Vec<usize>,
}

impl FacilityGroup {
    /// The paper No. of the group's last case (equal to `first - 1` for an empty group).
    pub fn last(&self) -> usize {
        self.first + self.cases.len() - 1
    }
}

/// 様式3's order of the cases: facility groups in the order each facility first appears in
/// `Application::cases`, the cases of a group in their order there, numbered 1, 2, … across
/// the groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseOrder {
    groups: Vec<FacilityGroup>,
    /// Case indices in print order.
    printed: Vec<usize>,
    /// Per case index, its paper No.
    numbers: Vec<usize>,
}

/// The key a case is grouped by: its facility as printed.
fn facility_key(case: &Case) -> &str {
    case.facility.trim()
}

impl CaseOrder {
    /// The order of `cases` on 様式3.
    pub fn of(cases: &[Case]) -> CaseOrder {
        let mut groups: Vec<FacilityGroup> = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            let key = facility_key(case);
            match groups.iter_mut().find(|g| g.facility == key) {
                Some(group) => group.cases.push(i),
                None => groups.push(FacilityGroup {
                    facility: key.to_string(),
                    first: 0,
                    cases: vec![i],
                }),
            }
        }
        let mut printed = Vec::with_capacity(cases.len());
        let mut numbers = vec![0; cases.len()];
        for group in &mut groups {
            group.first = printed.len() + 1;
            for &i in &group.cases {
                printed.push(i);
                if let Some(n) = numbers.get_mut(i) {
                    *n = printed.len();
                }
            }
        }
        CaseOrder {
            groups,
            printed,
            numbers,
        }
    }

    /// The facility groups, in print order.
    pub fn groups(&self) -> &[FacilityGroup] {
        &self.groups
    }

    /// Case indices in print order: the `n`-th entry is the case printed as No. `n + 1`.
    pub fn printed(&self) -> &[usize] {
        &self.printed
    }

    /// The paper No. of the case at `index` (1-based). An index past the cases the order was
    /// computed for (a case added since) gets `index + 1`, which no other case has.
    pub fn number(&self, index: usize) -> usize {
        self.numbers.get(index).copied().unwrap_or(index + 1)
    }

    /// The paper Nos. of `indices`, ascending.
    pub fn numbers_of(&self, indices: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = indices.iter().map(|&i| self.number(i)).collect();
        out.sort_unstable();
        out
    }
}

impl Application {
    /// The cases' order and numbering on 様式3; see [`CaseOrder`].
    pub fn case_order(&self) -> CaseOrder {
        CaseOrder::of(&self.cases)
    }

    /// 日付順に並べ替える: reorders the cases by 診察日 within each facility group, so that the
    /// paper numbering follows the dates. The groups keep their order, cases without a date
    /// go last in their group, and cases of equal date (or both undated) keep their order.
    /// `cases` ends in print order (each group's cases together). Returns whether the paper's
    /// order changed.
    pub fn sort_cases_by_date(&mut self) -> bool {
        let changes_paper = !self.cases_in_date_order();
        let order = self.case_order();
        let mut sorted: Vec<usize> = Vec::with_capacity(self.cases.len());
        for group in order.groups() {
            let mut cases = group.cases.clone();
            cases.sort_by_key(|&i| date_last_if_none(self.cases.get(i).and_then(|c| c.date)));
            sorted.extend(cases);
        }
        let mut old: Vec<Option<Case>> = std::mem::take(&mut self.cases)
            .into_iter()
            .map(Some)
            .collect();
        self.cases = sorted
            .into_iter()
            .filter_map(|i| old.get_mut(i).and_then(Option::take))
            .collect();
        changes_paper
    }

    /// Whether 様式3 already prints each facility's cases in date order (undated ones last), so
    /// that [`Application::sort_cases_by_date`] would not change the paper.
    pub fn cases_in_date_order(&self) -> bool {
        let order = self.case_order();
        let in_order = |g: &FacilityGroup| {
            g.cases.windows(2).all(|w| {
                let date = |i: usize| date_last_if_none(self.cases.get(i).and_then(|c| c.date));
                date(w[0]) <= date(w[1])
            })
        };
        order.groups().iter().all(in_order)
    }
}

/// A sort key putting dated cases first, by date, and undated ones after them.
fn date_last_if_none(date: Option<NaiveDate>) -> (bool, Option<NaiveDate>) {
    (date.is_none(), date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(facility: &str, date: Option<(i32, u32, u32)>, diagnosis: &str) -> Case {
        Case {
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            facility: facility.into(),
            diagnosis: diagnosis.into(),
            ..Case::default()
        }
    }

    fn diagnoses(app: &Application) -> Vec<&str> {
        app.cases.iter().map(|c| c.diagnosis.as_str()).collect()
    }

    #[test]
    fn cases_are_numbered_by_facility_in_the_order_each_first_appears() {
        let cases = [
            case("北", None, "a"),
            case("南", None, "b"),
            case(" 北 ", None, "c"),
            case("", None, "d"),
            case("南", None, "e"),
        ];
        let order = CaseOrder::of(&cases);
        assert_eq!(order.printed(), [0, 2, 1, 4, 3]);
        let numbers: Vec<usize> = (0..5).map(|i| order.number(i)).collect();
        assert_eq!(numbers, [1, 3, 2, 5, 4]);
        let groups: Vec<(&str, usize, usize)> = order
            .groups()
            .iter()
            .map(|g| (g.facility.as_str(), g.first, g.last()))
            .collect();
        assert_eq!(groups, [("北", 1, 2), ("南", 3, 4), ("", 5, 5)]);
        assert_eq!(order.number(9), 10, "a case added since is numbered after");
    }

    #[test]
    fn sorting_by_date_keeps_the_facilities_and_puts_undated_cases_last_in_theirs() {
        let mut app = Application::new(2024);
        app.cases = vec![
            case("北", Some((2022, 5, 1)), "北3"),
            case("南", Some((2021, 1, 1)), "南1"),
            case("北", None, "北-日付なし1"),
            case("北", Some((2020, 5, 1)), "北1"),
            case("南", None, "南-日付なし"),
            case("北", Some((2021, 5, 1)), "北2a"),
            case("南", Some((2023, 1, 1)), "南2"),
            case("北", None, "北-日付なし2"),
            case("北", Some((2021, 5, 1)), "北2b"),
        ];
        assert!(!app.cases_in_date_order());
        assert!(app.sort_cases_by_date());
        // 北 stays first (it appears first); equal dates and the undated keep their order.
        assert_eq!(
            diagnoses(&app),
            [
                "北1",
                "北2a",
                "北2b",
                "北3",
                "北-日付なし1",
                "北-日付なし2",
                "南1",
                "南2",
                "南-日付なし"
            ]
        );
        assert!(app.cases_in_date_order());
        let order = app.case_order();
        assert_eq!(
            order.printed(),
            [0, 1, 2, 3, 4, 5, 6, 7, 8],
            "now as printed"
        );
        let again = app.clone();
        assert!(!app.sort_cases_by_date(), "a second sort changes nothing");
        assert_eq!(app, again);
    }

    #[test]
    fn interleaved_facilities_already_in_date_order_need_no_sort_for_the_paper() {
        let mut app = Application::new(2024);
        app.cases = vec![
            case("北", Some((2020, 1, 1)), "北1"),
            case("南", Some((2019, 1, 1)), "南1"),
            case("北", Some((2021, 1, 1)), "北2"),
        ];
        assert!(app.cases_in_date_order());
        let printed_before: Vec<String> = app
            .case_order()
            .printed()
            .iter()
            .map(|&i| app.cases[i].diagnosis.clone())
            .collect();
        assert!(!app.sort_cases_by_date(), "the paper does not change");
        assert_eq!(
            diagnoses(&app),
            printed_before,
            "though the file is regrouped"
        );
    }
}
