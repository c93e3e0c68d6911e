//! 様式4 機構単位集計表: the core's Report on paper — units claimed and counted per category,
//! category ii by topic, category iv by item, the total against the requirement and, when the
//! application does not pass, why.

use crate::model::CreditKind;
use crate::rules::CategoryCode;

use super::frame::{Ctx, Flow, MARGIN_LEFT};
use super::labels as l;
use super::layout::{self, Align, Column, Table};
use super::page::{Orientation, Page, RULE_THICK};
use super::units::{Mm, Pt};

/// A table of the form; `widths` in millimetres.
fn table<const N: usize>(columns: &[&'static str], widths: [f32; N], aligns: &[Align]) -> Table {
    Table {
        x: MARGIN_LEFT,
        columns: Column::list(columns, &widths.map(Mm), aligns),
        size: Pt(9.0),
        head_size: Pt(8.0),
        pad: Mm(1.0),
        min_row: Mm(6.0),
    }
}

/// Valid units of a category (before caps), split into (on the portal, by enclosed proof).
fn portal_split(ctx: &Ctx, code: CategoryCode) -> (u32, u32) {
    let mut portal = 0;
    let mut proof = 0;
    for (i, credit) in ctx.app.credits.iter().enumerate() {
        let counted = ctx.report.credit_counted.get(i).copied().unwrap_or(false);
        if !counted || CategoryCode::of(credit.kind) != code {
            continue;
        }
        let units = ctx.report.credit_units.get(i).copied().unwrap_or(0);
        if credit.on_portal {
            portal = u32::saturating_add(portal, units);
        } else {
            proof = u32::saturating_add(proof, units);
        }
    }
    (portal, proof)
}

fn mark(ok: bool) -> String {
    if ok { l::OK } else { l::NOT_OK }.to_string()
}

/// Draws 様式4 (body only).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let r = ctx.report;
    let mut f = Flow::new(ctx, l::FORM4_TITLE, Orientation::Portrait);
    f.paragraph(&l::form4_period(&r.activity_period), Pt(9.5), Mm(0.0));
    let aligns = [
        Align::Center,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Center,
    ];
    let t = table(
        &l::FORM4_COLUMNS,
        [10.0, 50.0, 16.0, 13.0, 13.0, 16.0, 21.0, 21.0, 14.0],
        &aligns,
    );
    let mut rows = Vec::new();
    let (mut portal_sum, mut proof_sum, mut claimed_sum) = (0, 0, 0);
    for c in &r.categories {
        let exempt = c.code == CategoryCode::Clinical && r.exempt_from_clinical;
        let (portal, proof) = if c.code == CategoryCode::Clinical {
            (None, None)
        } else {
            let (p, q) = portal_split(ctx, c.code);
            portal_sum = u32::saturating_add(portal_sum, p);
            proof_sum = u32::saturating_add(proof_sum, q);
            (Some(p), Some(q))
        };
        // An impossible figure (an error finding) must not overflow the printed sum.
        claimed_sum = u32::saturating_add(claimed_sum, c.claimed);
        rows.push(vec![
            c.code.roman().to_string(),
            c.name.to_string(),
            c.claimed.to_string(),
            if exempt {
                l::NOT_REQUIRED.to_string()
            } else {
                c.min.to_string()
            },
            c.max.map_or(l::NO_MAX.to_string(), |m| m.to_string()),
            c.counted.to_string(),
            portal.map_or("—".to_string(), |p| p.to_string()),
            proof.map_or("—".to_string(), |p| p.to_string()),
            if exempt {
                l::NOT_REQUIRED.to_string()
            } else {
                mark(c.ok)
            },
        ]);
    }
    rows.push(vec![
        String::new(),
        l::TOTAL.to_string(),
        claimed_sum.to_string(),
        String::new(),
        String::new(),
        r.total_counted.to_string(),
        portal_sum.to_string(),
        proof_sum.to_string(),
        mark(r.total_counted >= r.total_required),
    ]);
    f.table(&t, &rows);
    f.y += Mm(1.0);
    f.paragraph(
        &format!(
            "{}　算定単位 合計 {} / {} 単位",
            l::required_total(r.total_required, r.exempt_from_clinical),
            r.total_counted,
            r.total_required
        ),
        Pt(9.5),
        Mm(0.0),
    );
    f.paragraph(l::FORM4_PORTAL_NOTE, Pt(8.0), Mm(0.0));

    f.heading(l::FORM4_COMMON_HEADING);
    let t2 = table(
        &l::FORM4_COMMON_COLUMNS,
        [18.0, 64.0, 20.0, 20.0, 20.0, 32.0],
        &[
            Align::Center,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
    );
    let rows: Vec<Vec<String>> = r
        .common_topics
        .iter()
        .map(|tally| {
            let required = ctx.rules.common.required_topics.contains(&tally.topic);
            let name = if required {
                format!(
                    "{}{}",
                    tally.topic.label(),
                    l::topic_min(ctx.rules.common.required_topic_min)
                )
            } else {
                tally.topic.label().to_string()
            };
            vec![
                tally.topic.group().label().to_string(),
                name,
                tally.claimed.to_string(),
                tally.counted.to_string(),
                tally.counted_lecturing.to_string(),
                tally.counted_on_portal.to_string(),
            ]
        })
        .collect();
    f.table(&t2, &rows);

    f.heading(l::FORM4_ACTIVITY_HEADING);
    let t3 = table(
        &l::FORM4_ACTIVITY_COLUMNS,
        [100.0, 24.0, 24.0, 26.0],
        &[Align::Left, Align::Right, Align::Right, Align::Right],
    );
    let rows: Vec<Vec<String>> = r
        .activity_items
        .iter()
        .map(|tally| {
            vec![
                l::item_label(tally.item.number(), tally.item.label()),
                tally.claimed.to_string(),
                tally.cap.map_or("—".to_string(), |c| c.to_string()),
                tally.counted.to_string(),
            ]
        })
        .collect();
    // The statement, date and signature sign the tables above: they stay on the page of the
    // table's last rows. The verdict is the program's, not the form's: it is on the checklist.
    let statement = layout::wrap(ctx.m, l::FORM4_STATEMENT, Pt(9.5), f.width());
    let block = Mm(5.0) + layout::line_height(Pt(9.5)) * statement.len() as f32 + SIGNATURE;
    f.table_then(&t3, &rows, block);
    f.y += Mm(5.0);
    f.paragraph(l::FORM4_STATEMENT, Pt(9.5), Mm(0.0));
    f.signature(&l::date_or_blank(ctx.app.application_date));
    credit_list(&mut f);
    f.finish()
}

/// How a credit was earned: the mode of a lecture, the role in a presentation or paper.
fn mode_or_role(c: &crate::model::Credit) -> String {
    use crate::model::ActivityItem;
    match c.kind {
        CreditKind::Common(_) | CreditKind::Domain | CreditKind::SelfStudy => {
            c.mode.label().to_string()
        }
        CreditKind::Activity(ActivityItem::Presentation | ActivityItem::Paper) => {
            c.role.label().to_string()
        }
        CreditKind::Activity(_) => String::new(),
    }
}

/// 別紙: every credit entered, so that each one is on paper with its units and status.
fn credit_list(f: &mut Flow) {
    let ctx = f.ctx;
    f.new_page();
    f.heading(l::FORM4_CREDITS_HEADING);
    if ctx.app.credits.is_empty() {
        f.paragraph(l::NO_CREDITS, Pt(9.5), Mm(0.0));
        return;
    }
    let mut t = table(
        &l::FORM4_CREDIT_COLUMNS,
        [8.0, 32.0, 19.0, 60.0, 19.0, 9.0, 14.0, 13.0],
        &[
            Align::Right,
            Align::Left,
            Align::Center,
            Align::Left,
            Align::Center,
            Align::Right,
            Align::Center,
            Align::Left,
        ],
    );
    t.size = Pt(8.5);
    let rows: Vec<Vec<String>> = ctx
        .app
        .credits
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let units = ctx.report.credit_units.get(i).copied().unwrap_or(c.units);
            let counted = ctx.report.credit_counted.get(i).copied().unwrap_or(false);
            let note = match (counted, c.note.trim()) {
                (true, n) => n.to_string(),
                (false, "") => l::NOT_COUNTED.to_string(),
                (false, n) => format!("{}　{n}", l::NOT_COUNTED),
            };
            vec![
                (i + 1).to_string(),
                l::credit_kind(c, false),
                l::slash_or_empty(c.date),
                l::title_and_organiser(c),
                mode_or_role(c),
                units.to_string(),
                if c.on_portal { l::ON_PORTAL } else { "" }.to_string(),
                note,
            ]
        })
        .collect();
    f.table(&t, &rows);
}

/// The height [`Flow::signature`] takes.
const SIGNATURE: Mm = Mm(14.0);

/// The program's verdict, framed: passes, or why not, and the criteria it assumes.
pub fn verdict(f: &mut Flow) {
    let r = f.ctx.report;
    let top = f.y;
    let start_pages = f.pages.len();
    f.y += Mm(1.5);
    if r.passes {
        f.paragraph(l::PASSES, Pt(10.5), Mm(2.0));
    } else {
        f.paragraph(l::FAILS, Pt(10.5), Mm(2.0));
        for e in r.errors() {
            f.paragraph(&format!("・{}", e.message), Pt(9.0), Mm(5.0));
        }
    }
    // A verdict that rests on a number no source gives says so on paper too.
    for a in &r.assumptions {
        f.paragraph(&l::assumption(a), Pt(8.5), Mm(5.0));
    }
    f.y += Mm(1.5);
    // Frame the verdict when it stayed on one page; a long list of reasons simply flows on.
    if f.pages.len() == start_pages {
        let w = f.width();
        f.page.frame(MARGIN_LEFT, top, w, f.y - top, RULE_THICK);
    }
}
