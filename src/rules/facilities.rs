//! 様式2 ↔ 様式3: the facilities the cases were seen at, against the workplaces declared.

use chrono::NaiveDate;

use crate::model::Application;

/// A facility named by cases that no 勤務実態 row names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlistedFacility {
    /// The facility as the first of its cases writes it.
    pub name: String,
    /// Its cases (indices), in the application's order.
    pub cases: Vec<usize>,
    /// The first and last day of its dated cases.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

/// The name without spaces of either width, to compare names typed in different ways.
fn key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Case facilities that no workplace names: neither the same name nor one holding the other
/// (「みなと総合病院」 and 「みなと総合病院 産婦人科」 are one). None while no workplace is
/// entered (that has its own finding).
pub fn unlisted_facilities(app: &Application) -> Vec<UnlistedFacility> {
    if app.workplaces.is_empty() {
        return Vec::new();
    }
    let known: Vec<String> = app
        .workplaces
        .iter()
        .map(|w| key(&w.facility))
        .filter(|k| !k.is_empty())
        .collect();
    let listed = |k: &str| {
        known
            .iter()
            .any(|w| w == k || w.contains(k) || k.contains(w.as_str()))
    };
    let mut out: Vec<(String, UnlistedFacility)> = Vec::new();
    for (i, c) in app.cases.iter().enumerate() {
        let k = key(&c.facility);
        if k.is_empty() || listed(&k) {
            continue;
        }
        let entry = match out.iter_mut().find(|(key, _)| *key == k) {
            Some((_, e)) => e,
            None => {
                out.push((
                    k.clone(),
                    UnlistedFacility {
                        name: c.facility.trim().to_string(),
                        cases: Vec::new(),
                        dates: None,
                    },
                ));
                &mut out.last_mut().expect("just pushed").1
            }
        };
        entry.cases.push(i);
        if let Some(d) = c.date {
            entry.dates = Some(match entry.dates {
                Some((a, b)) => (a.min(d), b.max(d)),
                None => (d, d),
            });
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}
