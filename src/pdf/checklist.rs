//! チェックリスト: the seven parts of the bundle (those the program knows to be complete are
//! ticked), one line per proof document to enclose, and the reminders that matter on paper —
//! signatures, the fee and the deadline, taken from the rule set.

use crate::rules::BStatus;

use super::frame::{Ctx, Flow, MARGIN_LEFT};
use super::labels as l;
use super::layout::{Align, Column, Table, line_height, wrap};
use super::page::{Orientation, Page};
use super::units::{Mm, Pt};

/// Side of a tick box.
const BOX: Mm = Mm(4.0);

fn proof_table() -> Table {
    let widths = [11.0, 42.0, 19.0, 58.0, 44.0].map(Mm);
    let aligns = [
        Align::Center,
        Align::Left,
        Align::Center,
        Align::Left,
        Align::Left,
    ];
    Table {
        x: MARGIN_LEFT,
        columns: Column::list(&l::PROOF_COLUMNS, &widths, &aligns),
        size: Pt(8.5),
        head_size: Pt(8.0),
        pad: Mm(1.0),
        min_row: Mm(6.0),
    }
}

/// A line with a tick box, wrapped text and an optional note at the right.
fn ticked_line(f: &mut Flow, ticked: bool, text: &str, note: &str) {
    let m = f.ctx.m;
    let size = Pt(9.5);
    let note_w = Mm(if note.is_empty() { 0.0 } else { 44.0 });
    let text_w = f.width() - BOX - Mm(3.0) - note_w;
    let lines = wrap(m, text, size, text_w);
    let lh = line_height(size);
    let h = (lines.len() as f32 * lh).max(BOX) + Mm(2.5);
    f.ensure(h);
    let y = f.y + Mm(1.0);
    f.page
        .tick_box(MARGIN_LEFT, y + (lh - BOX) / 2.0, BOX, ticked);
    f.page.text_block(
        m,
        MARGIN_LEFT + BOX + Mm(3.0),
        text_w,
        y,
        size,
        Align::Left,
        &lines,
    );
    if !note.is_empty() {
        let x = MARGIN_LEFT + f.width() - note_w;
        f.page
            .text_line(m, x, note_w, y + lh / 2.0, Pt(8.5), Align::Right, note);
    }
    f.y += h;
}

/// 必修講習B, where it concerns the applicant: each topic with the units attended, and the
/// regional-practice waiver when claimed.
fn required_b(f: &mut Flow) {
    let ctx = f.ctx;
    let r = ctx.report;
    let Some(b) = ctx.rules.common.required_b.as_ref() else {
        return;
    };
    if r.required_b == BStatus::NotRequired {
        return;
    }
    f.heading(l::B_HEADING);
    for &topic in &b.topics {
        let units = r
            .common_topics
            .iter()
            .find(|t| t.topic == topic)
            .map_or(0, |t| t.counted);
        let done = units >= b.min_units_per_topic.max(1);
        ticked_line(f, done, topic.label(), &l::b_topic_note(units));
    }
    if r.required_b == BStatus::Waived
        && let Some(practice) = ctx.app.applicant.regional_practice
    {
        ticked_line(f, true, &l::b_waiver(practice.label()), "");
    }
}

/// Draws the checklist (body only).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let app = ctx.app;
    let r = ctx.report;
    let proofs = super::bundle::proofs(app, ctx.rules);
    let mut f = Flow::new(ctx, l::CHECKLIST_TITLE, Orientation::Portrait);
    f.paragraph(&l::checklist_period(&r.activity_period), Pt(9.5), Mm(0.0));
    f.y += Mm(2.0);
    super::shiki4::verdict(&mut f);
    f.heading(l::CHECKLIST_PARTS_HEADING);
    let a = &app.applicant;
    let parts = super::bundle::part_states(app, r, &proofs);
    for (text, (ticked, note, _)) in l::PARTS.iter().zip(&parts) {
        ticked_line(&mut f, *ticked, text, note);
    }

    f.heading(l::PROOFS_HEADING);
    if proofs.is_empty() {
        f.paragraph(l::NO_PROOFS, Pt(9.5), Mm(0.0));
    } else {
        let table = proof_table();
        // The first cell is left for a drawn tick box.
        let rows: Vec<Vec<String>> = proofs
            .iter()
            .map(|p| {
                vec![
                    String::new(),
                    p.kind.clone(),
                    p.date.clone(),
                    p.name.clone(),
                    p.proof.clone(),
                ]
            })
            .collect();
        let placed = f.table(&table, &rows);
        let first_width = table.columns.first().map_or(BOX, |c| c.width);
        let box_x = MARGIN_LEFT + (first_width - BOX) / 2.0;
        for (p, (page, top, h)) in proofs.iter().zip(placed) {
            f.page_at(page)
                .tick_box(box_x, top + (h - BOX) / 2.0, BOX, p.enclosed);
        }
    }

    required_b(&mut f);

    f.heading(l::REMINDERS_HEADING);
    let reminders = l::reminders(
        ctx.rules.fees.review,
        ctx.rules.application_window.end,
        &a.regional_society,
        r.exempt_from_clinical,
        ctx.committee.filter(|c| c.has_address()),
    );
    for text in reminders
        .iter()
        .chain(&l::approval_reminders(&r.activity_period))
    {
        ticked_line(&mut f, false, text, "");
    }
    if let Some(notice) = ctx.rules.provisional_notice() {
        f.paragraph(&notice, Pt(9.5), Mm(0.0));
    }
    f.finish()
}
