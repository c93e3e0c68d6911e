//! The member portal's 単位情報 table, pasted from a browser as tab-separated text, turned into
//! credits that stand for the portal's totals.
//!
//! The table has a header row of topic names (医療安全 … 両立支援, and 任意C 産婦人科領域講習
//! 学術集会参加, sometimes on a group row above because of merged cells) and a `単位数` row of
//! figures. Columns are matched by position under their names; when merged cells shift the
//! header, the names are taken in reading order instead, provided their number matches the
//! figures.

use std::path::Path;

use chrono::NaiveDate;

use crate::dates::fold_width;
use crate::model::{ActivityItem, Application, CommonTopic, Credit, CreditKind, Mode};
use crate::rules::RuleSet;

use super::ImportError;
use super::table::{MAX_CELL_CHARS, decode_text, is_workbook, read_bounded};

/// The note written on every credit made from the portal's totals; also how they are found
/// again and replaced when the table is pasted anew.
pub const PORTAL_NOTE: &str = "会員ポータル「単位情報」の合計から取り込み";

/// Pasted text longer than this is refused (the table is a few hundred characters).
const MAX_PASTE_CHARS: usize = 100_000;

/// A column of the portal's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalColumn {
    /// A topic of 専門医共通講習.
    Common(CommonTopic),
    /// 産婦人科領域講習
    Domain,
    /// 学術集会参加 (category iv (1))
    Meeting,
}

impl PortalColumn {
    /// Every column, in the portal's order.
    pub const ALL: [PortalColumn; 11] = [
        PortalColumn::Common(CommonTopic::Safety),
        PortalColumn::Common(CommonTopic::Ethics),
        PortalColumn::Common(CommonTopic::InfectionControl),
        PortalColumn::Common(CommonTopic::LawAndSystem),
        PortalColumn::Common(CommonTopic::CommunityMedicine),
        PortalColumn::Common(CommonTopic::WelfareSystem),
        PortalColumn::Common(CommonTopic::Economics),
        PortalColumn::Common(CommonTopic::WorkLifeSupport),
        PortalColumn::Common(CommonTopic::Optional),
        PortalColumn::Domain,
        PortalColumn::Meeting,
    ];

    /// The column's name as the portal prints it.
    pub fn label(self) -> &'static str {
        match self {
            PortalColumn::Common(CommonTopic::Optional) => "任意C",
            PortalColumn::Common(t) => t.label(),
            PortalColumn::Domain => "産婦人科領域講習",
            PortalColumn::Meeting => "学術集会参加",
        }
    }

    fn from_header(cell: &str) -> Option<PortalColumn> {
        let key: String = fold_width(cell)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if key.is_empty() {
            return None;
        }
        // `共通講習(任意C)` names the optional topic; `共通講習(必修A)` is only a group name.
        if key.contains("任意C") || key == "任意講習" {
            return Some(PortalColumn::Common(CommonTopic::Optional));
        }
        PortalColumn::ALL.into_iter().find(|c| c.label() == key)
    }

    fn kind(self) -> CreditKind {
        match self {
            PortalColumn::Common(t) => CreditKind::Common(t),
            PortalColumn::Domain => CreditKind::Domain,
            PortalColumn::Meeting => CreditKind::Activity(ActivityItem::MeetingAttendance),
        }
    }
}

/// The figures read from the portal's table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortalTotals {
    /// Units per column, in the order found.
    pub units: Vec<(PortalColumn, u32)>,
}

/// Reads the pasted table.
pub fn parse_portal_totals(text: &str) -> Result<PortalTotals, ImportError> {
    if text.chars().count() > MAX_PASTE_CHARS {
        return Err(ImportError::Portal(format!(
            "貼り付けた文字が多すぎます（上限{MAX_PASTE_CHARS}文字）"
        )));
    }
    let lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| {
            l.split('\t')
                .map(|c| c.chars().take(MAX_CELL_CHARS).collect::<String>())
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    let units_at = lines
        .iter()
        .position(|cells| {
            cells
                .iter()
                .find(|c| !c.is_empty())
                .is_some_and(|c| fold_width(c) == "単位数")
        })
        .ok_or_else(|| {
            ImportError::Portal(
                "「単位数」の行が見つかりません。単位情報の表を見出しから「単位数」の行まで選んでコピーしてください".into(),
            )
        })?;
    let figures = figures(&lines[units_at], units_at + 1)?;
    let headers: Vec<&Vec<String>> = lines[..units_at].iter().rev().take(3).collect();
    // By position: the nearest header row that names a column above every figure.
    for header in &headers {
        let by_position: Option<Vec<(PortalColumn, u32)>> = figures
            .iter()
            .map(|&(col, units)| {
                header
                    .get(col)
                    .and_then(|h| PortalColumn::from_header(h))
                    .map(|c| (c, units))
            })
            .collect();
        if let Some(units) = by_position {
            return Ok(PortalTotals { units });
        }
    }
    // In reading order: the topic row first, then names only found on rows above it.
    let mut names: Vec<PortalColumn> = Vec::new();
    for header in &headers {
        let row: Vec<PortalColumn> = header
            .iter()
            .filter_map(|h| PortalColumn::from_header(h))
            .filter(|c| !names.contains(c))
            .collect();
        names.extend(row);
    }
    if names.len() == figures.len() && !names.is_empty() {
        let units = names
            .into_iter()
            .zip(figures.iter().map(|&(_, u)| u))
            .collect();
        return Ok(PortalTotals { units });
    }
    Err(ImportError::Portal(format!(
        "見出し（{}）と単位数の数（{}個）が合いません。表全体を選んでコピーしてください",
        names
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join("・"),
        figures.len()
    )))
}

/// The figures of the `単位数` row with their column positions.
fn figures(cells: &[String], line: usize) -> Result<Vec<(usize, u32)>, ImportError> {
    let label_at = cells.iter().position(|c| !c.is_empty()).unwrap_or(0);
    let mut out = Vec::new();
    for (col, cell) in cells.iter().enumerate().skip(label_at + 1) {
        if cell.is_empty() {
            continue;
        }
        let n = fold_width(cell)
            .trim_end_matches("単位")
            .parse::<u32>()
            .map_err(|_| {
                ImportError::Portal(format!("{line}行目の単位数「{cell}」が数字ではありません"))
            })?;
        out.push((col, n));
    }
    if out.is_empty() {
        return Err(ImportError::Portal(format!(
            "{line}行目の「単位数」の行に数字がありません"
        )));
    }
    Ok(out)
}

/// The credits that stand for the totals: one per column with units, on the portal, dated on
/// the last day of the activity period (the portal shows totals over the period).
pub fn totals_to_credits(totals: &PortalTotals, rules: &RuleSet) -> Vec<Credit> {
    let date: Option<NaiveDate> = Some(rules.activity_period.end);
    totals
        .units
        .iter()
        .filter(|(_, units)| *units > 0)
        .map(|&(col, units)| Credit {
            kind: col.kind(),
            date,
            title: format!("{}（会員ポータル合計）", col.label()),
            organiser: "日本産科婦人科学会 会員ポータル".into(),
            mode: Mode::Attended,
            units,
            on_portal: true,
            proof_enclosed: false,
            note: PORTAL_NOTE.into(),
            ..Credit::default()
        })
        .collect()
}

/// Credits entered one by one as registered on the portal, of a kind the portal's totals
/// cover: with the totals imported too, they would be counted twice.
pub fn portal_overlap(app: &Application) -> usize {
    let kinds: Vec<CreditKind> = PortalColumn::ALL.iter().map(|c| c.kind()).collect();
    app.credits
        .iter()
        .filter(|c| c.on_portal && c.note != PORTAL_NOTE && kinds.contains(&c.kind))
        .count()
}

/// Whether a file holds the portal's 単位情報 table rather than a credit list: a text file with
/// a `単位数` row and no `区分` column near its top.
pub fn looks_like_portal(path: &Path) -> bool {
    if is_workbook(path) {
        return false;
    }
    let Ok(bytes) = read_bounded(path) else {
        return false;
    };
    let Ok((text, _)) = decode_text(&bytes) else {
        return false;
    };
    text.lines().any(|l| l.trim_start().starts_with("単位数\t"))
        && !text.lines().take(20).any(|l| l.contains("区分"))
}

/// Reads the portal's 単位情報 table from a text file (any encoding the importer reads).
pub fn read_portal_totals(path: &Path) -> Result<PortalTotals, ImportError> {
    let bytes = read_bounded(path)?;
    let (text, _) = decode_text(&bytes)?;
    parse_portal_totals(&text)
}

/// The warning shown when [`portal_overlap`] finds credits, or `None`.
pub fn portal_overlap_warning(app: &Application) -> Option<String> {
    let n = portal_overlap(app);
    (n > 0).then(|| {
        format!(
            "注意: ポータル登録済みとして個別に入力した単位が{n}件あります。ポータルの合計にも含まれるため、二重に数えないよう個別の行を削除してください"
        )
    })
}

/// Replaces the credits of an earlier paste with these totals; returns how many were added.
pub fn apply_portal_totals(app: &mut Application, totals: &PortalTotals, rules: &RuleSet) -> usize {
    app.credits.retain(|c| c.note != PORTAL_NOTE);
    let credits = totals_to_credits(totals, rules);
    let added = credits.len();
    app.credits.extend(credits);
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_sit_under_their_names() {
        let text = "\t医療安全\t医療倫理\t感染対策\n単位数\t2\t1\t0\n";
        let totals = parse_portal_totals(text).expect("parses");
        assert_eq!(
            totals.units,
            vec![
                (PortalColumn::Common(CommonTopic::Safety), 2),
                (PortalColumn::Common(CommonTopic::Ethics), 1),
                (PortalColumn::Common(CommonTopic::InfectionControl), 0),
            ]
        );
        let err = parse_portal_totals("医療安全\n単位数\tたくさん\n").expect_err("not a number");
        assert!(
            err.to_string().contains("2行目の単位数「たくさん」"),
            "{err}"
        );
    }
}
