//! 様式1 日本専門医機構認定 産婦人科専門医資格更新申請書: addressees, the application sentence,
//! the applicant, addresses and the kind of application.

use crate::dates;
use crate::model::MailTo;

use super::frame::{Ctx, Flow, MARGIN_LEFT};
use super::labels as l;
use super::layout::{Align, FieldTable};
use super::page::{Orientation, Page, RULE_THICK};
use super::units::{Mm, Pt};

/// Height of the name cell, with room for a handwritten signature or seal.
pub const NAME_CELL_HEIGHT: Mm = Mm(14.0);
/// Width of the label column.
pub const LABEL_WIDTH: Mm = Mm(56.0);
/// Type size of the values.
pub const VALUE_SIZE: Pt = Pt(10.0);
/// Smallest size a name may shrink to in its fixed cell.
pub const NAME_MIN_SIZE: Pt = Pt(7.0);

/// The label-and-value table of 様式1 for a body `width` wide.
pub fn fields(width: Mm) -> FieldTable {
    FieldTable {
        x: MARGIN_LEFT,
        label_width: LABEL_WIDTH,
        value_width: width - LABEL_WIDTH,
        size: VALUE_SIZE,
        label_size: Pt(9.0),
        min_row: Mm(8.0),
        pad: Mm(1.5),
    }
}

/// The options with the chosen one marked, `per_line` to a line so that no option is split.
fn choice(options: &[&str], chosen: usize, per_line: usize) -> String {
    let mut out = String::new();
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            out.push_str(if i % per_line.max(1) == 0 {
                "\n"
            } else {
                "　　"
            });
        }
        let mark = if i == chosen {
            l::CHOSEN
        } else {
            l::NOT_CHOSEN
        };
        out.push_str(&format!("{mark} {o}"));
    }
    out
}

/// Draws 様式1 (body only).
pub fn render(ctx: &Ctx) -> Vec<Page> {
    let app = ctx.app;
    let a = &app.applicant;
    let mut f = Flow::new(ctx, l::FORM1_TITLE, Orientation::Portrait);
    let w = f.width();
    let m = ctx.m;
    f.y += Mm(2.0);
    f.page.text_line(
        m,
        MARGIN_LEFT,
        w,
        f.y + Mm(2.5),
        Pt(10.0),
        Align::Right,
        &format!(
            "{}　{}",
            l::APPLICATION_DATE,
            l::date_or_blank(app.application_date)
        ),
    );
    f.y += Mm(7.0);
    for addressee in l::FORM1_ADDRESSEES {
        f.paragraph(addressee, Pt(10.5), Mm(0.0));
        f.y += Mm(0.5);
    }
    f.y += Mm(3.0);
    f.paragraph(&l::form1_sentence(app.fiscal_year), Pt(10.0), Mm(4.0));
    f.y += Mm(2.0);

    let t = fields(w);
    let opt_date = |d: Option<chrono::NaiveDate>| d.map(dates::format_kanji).unwrap_or_default();
    f.heading(l::SECTION_APPLICANT);
    let section = (f.pages.len(), f.y);
    f.y = t.row(&mut f.page, m, f.y, l::FURIGANA, &a.furigana);
    f.y = t.fixed_row(
        &mut f.page,
        m,
        f.y,
        NAME_CELL_HEIGHT,
        l::NAME_SIGNED,
        a.name.trim(),
        NAME_MIN_SIZE,
    );
    let seal_y = f.y - NAME_CELL_HEIGHT / 2.0;
    f.page.text_line(
        m,
        MARGIN_LEFT,
        w - Mm(4.0),
        seal_y,
        Pt(10.0),
        Align::Right,
        l::SEAL,
    );
    let rows: [(&str, String); 8] = [
        (l::BIRTH_DATE, opt_date(a.birth_date)),
        (
            l::SEX,
            a.sex.map(|s| s.label().to_string()).unwrap_or_default(),
        ),
        (l::MEMBER_NUMBER, a.member_number.clone()),
        (l::SPECIALIST_NUMBER, a.specialist_number.clone()),
        (
            l::CERTIFIED_PERIOD,
            l::period(a.certified_from, a.certified_until),
        ),
        (
            l::MEDICAL_REGISTRATION,
            a.medical_registration_number.clone(),
        ),
        (
            l::MEDICAL_REGISTRATION_DATE,
            opt_date(a.medical_registration_date),
        ),
        (l::REGIONAL_SOCIETY, a.regional_society.clone()),
    ];
    for (label, value) in &rows {
        f.y = t.row(&mut f.page, m, f.y, label, value);
    }

    close_section(&mut f, section, w);
    f.heading(l::SECTION_CONTACT);
    let section = (f.pages.len(), f.y);
    let work = &a.work;
    let mail = match a.mail_to {
        MailTo::Work => 0,
        MailTo::Home => 1,
    };
    let rows: [(&str, String); 7] = [
        (l::WORK_FACILITY, work.facility.clone()),
        (l::DEPARTMENT, work.department.clone()),
        (
            l::WORK_ADDRESS,
            l::address_line(&work.address.postal_code, &work.address.address),
        ),
        (l::WORK_PHONE, work.address.phone.clone()),
        (
            l::HOME_ADDRESS,
            l::address_line(&a.home.postal_code, &a.home.address),
        ),
        (l::HOME_PHONE, a.home.phone.clone()),
        (l::EMAIL, a.email.clone()),
    ];
    for (label, value) in &rows {
        f.ensure(Mm(10.0));
        f.y = t.row(&mut f.page, m, f.y, label, value);
    }
    f.y = t.row(
        &mut f.page,
        m,
        f.y,
        l::MAIL_TO,
        &choice(&l::MAIL_TO_CHOICES, mail, 2),
    );

    close_section(&mut f, section, w);
    f.heading(l::SECTION_KIND);
    let section = (f.pages.len(), f.y);
    // The year's kinds only: a kind its rules no longer have is not offered on its paper.
    let offered: Vec<crate::model::ApplicationKind> = crate::model::ApplicationKind::ALL
        .into_iter()
        .filter(|k| ctx.rules.offers_kind(*k))
        .collect();
    let kind = offered
        .iter()
        .position(|k| *k == app.kind)
        .unwrap_or(usize::MAX);
    let kinds: Vec<&str> = offered.iter().map(|k| k.label()).collect();
    let exempt = if ctx.report.exempt_from_clinical {
        0
    } else {
        1
    };
    let rows: [(&str, String); 3] = [
        (l::KIND, choice(&kinds, kind, 2)),
        (l::CONSECUTIVE, l::times(app.consecutive_renewals)),
        (l::EXEMPTION, choice(&l::EXEMPTION_CHOICES, exempt, 2)),
    ];
    for (label, value) in &rows {
        f.ensure(Mm(10.0));
        f.y = t.row(&mut f.page, m, f.y, label, value);
    }
    close_section(&mut f, section, w);
    f.finish()
}

/// Draws the thick frame around a section's rows, when they stayed on one page.
fn close_section(f: &mut Flow, (page, top): (usize, Mm), width: Mm) {
    if f.pages.len() == page {
        let h = f.y - top;
        f.page.frame(MARGIN_LEFT, top, width, h, RULE_THICK);
    }
}
