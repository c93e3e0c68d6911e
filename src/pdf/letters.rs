//! What goes with the bundle but is not part of it: one letter per facility of 様式3 asking its
//! 診療責任者 to sign (「診療実績の証明への署名のお願い」), the 送付状 to the regional committee,
//! and the envelope label with 「産婦人科専門医資格更新申請書類在中」 in red (朱書き).
//!
//! Everything is taken from the [`Plan`] the export page shows; a value never entered prints
//! as a blank line to fill in by hand, never as a guess. Text wraps; nothing is cut.

use chrono::NaiveDate;

use crate::dates;
use crate::mailing;
use crate::model::{Application, MailTo};
use crate::rules::{Report, RuleSet};

use super::bundle::{Maker, PROOFS_PART, Plan, Signer};
use super::error::PdfError;
use super::font::Metrics;
use super::form::Form;
use super::labels as l;
use super::layout::{Align, FieldTable, line_height, wrap};
use super::page::{Orientation, Page, RULE_THICK, RULE_THIN};
use super::units::{Mm, Pt};
use super::write;

/// The envelope the label is sized for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Envelope {
    /// 角形2号 (240 × 332 mm): A4 flat, the usual one for a bundle.
    #[default]
    Kaku2,
    /// 長形3号 (120 × 235 mm): A4 folded in three.
    Naga3,
}

impl Envelope {
    /// Both, as offered.
    pub const ALL: [Envelope; 2] = [Envelope::Kaku2, Envelope::Naga3];

    /// Its name (「角2」).
    pub fn label(self) -> &'static str {
        match self {
            Envelope::Kaku2 => l::KAKU2,
            Envelope::Naga3 => l::NAGA3,
        }
    }

    /// The name as typed on the command line (`kaku2`, `角2`, …).
    pub fn from_name(name: &str) -> Option<Envelope> {
        match name.trim().to_ascii_lowercase().as_str() {
            "kaku2" | "角2" | "角２" | "角形2号" => Some(Envelope::Kaku2),
            "naga3" | "長3" | "長３" | "長形3号" => Some(Envelope::Naga3),
            _ => None,
        }
    }

    /// Width and height of the label, and the type size of its addressee.
    fn label_box(self) -> (Mm, Mm, Pt) {
        match self {
            Envelope::Kaku2 => (Mm(150.0), Mm(100.0), Pt(16.0)),
            Envelope::Naga3 => (Mm(95.0), Mm(70.0), Pt(12.0)),
        }
    }
}

/// The letters of one export, drawn.
#[derive(Debug, Clone)]
pub struct Letters {
    /// One signature request per facility of 様式3: (facility as printed, its pages).
    pub requests: Vec<(String, Vec<Page>)>,
    /// The 送付状.
    pub cover: Vec<Page>,
    /// The envelope label.
    pub label: Vec<Page>,
    /// Which envelope the label is for.
    pub envelope: Envelope,
}

/// Left and right margin of a letter.
const SIDE: Mm = Mm(25.0);
/// Top and bottom margin of a letter.
const TOP: Mm = Mm(22.0);

/// A letter being written down A4 pages: wrapped text and labelled rows, with a new page
/// whenever something does not fit.
struct Sheet {
    m: &'static Metrics,
    pages: Vec<Page>,
    page: Page,
    y: Mm,
}

impl Sheet {
    fn new(m: &'static Metrics) -> Self {
        Sheet {
            m,
            pages: Vec::new(),
            page: Page::a4(Orientation::Portrait),
            y: TOP,
        }
    }

    fn width(&self) -> Mm {
        self.page.width - SIDE * 2.0
    }

    fn ensure(&mut self, h: Mm) {
        if self.y + h > self.page.height - TOP {
            let done = std::mem::replace(&mut self.page, Page::a4(Orientation::Portrait));
            self.pages.push(done);
            self.y = TOP;
        }
    }

    /// A wrapped paragraph, aligned, indented from the left by `indent`.
    fn text(&mut self, text: &str, size: Pt, align: Align, indent: Mm) {
        let w = self.width() - indent;
        let lh = line_height(size);
        for line in wrap(self.m, text, size, w) {
            self.ensure(lh);
            self.page.text_line(
                self.m,
                SIDE + indent,
                w,
                self.y + lh / 2.0,
                size,
                align,
                &line,
            );
            self.y += lh;
        }
    }

    fn gap(&mut self, h: Mm) {
        self.y += h;
    }

    /// A blank to write on by hand, after `label`.
    fn blank_line(&mut self, label: &str, size: Pt, indent: Mm) {
        let lh = line_height(size) + Mm(2.0);
        self.ensure(lh);
        let x = SIDE + indent;
        let lw = self.m.width_mm(label, size);
        self.page
            .text_line(self.m, x, lw, self.y + lh / 2.0, size, Align::Left, label);
        let line_y = self.y + lh - Mm(1.0);
        self.page.line(
            (x + lw + Mm(2.0), line_y),
            (SIDE + self.width(), line_y),
            RULE_THIN,
        );
        self.y += lh;
    }

    /// Labelled rows (記), each value wrapped.
    fn fields(&mut self, label_width: Mm, rows: &[(&str, String)]) {
        let table = FieldTable {
            x: SIDE,
            label_width,
            value_width: self.width() - label_width,
            size: Pt(10.0),
            label_size: Pt(9.5),
            min_row: Mm(9.0),
            pad: Mm(1.5),
        };
        let top = self.y;
        let mut segment_top = top;
        for (label, value) in rows {
            let mut scratch = Page::a4(Orientation::Portrait);
            let h = table.row(&mut scratch, self.m, Mm(0.0), label, value);
            if self.y + h > self.page.height - TOP {
                self.page.frame(
                    SIDE,
                    segment_top,
                    self.width(),
                    self.y - segment_top,
                    RULE_THICK,
                );
                self.ensure(h);
                segment_top = self.y;
            }
            self.y = table.row(&mut self.page, self.m, self.y, label, value);
        }
        self.page.frame(
            SIDE,
            segment_top,
            self.width(),
            self.y - segment_top,
            RULE_THICK,
        );
    }

    /// The title, the body and 記, as every letter opens.
    fn opening(&mut self, title: &str, body: &str) {
        self.gap(Mm(8.0));
        self.text(title, Pt(15.0), Align::Center, Mm(0.0));
        self.gap(Mm(6.0));
        self.text(body, Pt(10.5), Align::Left, Mm(0.0));
        self.gap(Mm(5.0));
        self.text(l::KI, Pt(10.5), Align::Center, Mm(0.0));
        self.gap(Mm(2.0));
    }

    /// 以上, and the pages.
    fn closing(mut self) -> Vec<Page> {
        self.gap(Mm(4.0));
        self.text(l::IJOU, Pt(10.5), Align::Right, Mm(0.0));
        self.finish()
    }

    fn finish(mut self) -> Vec<Page> {
        self.pages.push(self.page);
        self.pages
    }
}

/// The applicant's return address as mailed to (様式1's 郵送先): postal code and address, and
/// the facility and department when it is the workplace.
fn sender_lines(app: &Application) -> Vec<String> {
    let a = &app.applicant;
    let mut out = Vec::new();
    match a.mail_to {
        MailTo::Work => {
            let line = l::address_line(&a.work.address.postal_code, &a.work.address.address);
            out.push(line);
            let place = [a.work.facility.trim(), a.work.department.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("　");
            out.push(place);
        }
        MailTo::Home => {
            out.push(l::address_line(&a.home.postal_code, &a.home.address));
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// The applicant's phone as mailed to.
fn sender_phone(app: &Application) -> String {
    let a = &app.applicant;
    match a.mail_to {
        MailTo::Work => a.work.address.phone.trim().to_string(),
        MailTo::Home => a.home.phone.trim().to_string(),
    }
}

/// The date a letter is written, as the forms write dates.
fn dated(today: NaiveDate) -> String {
    dates::format_kanji(today)
}

/// The letter asking the 診療責任者 of one facility to sign its pages of 様式3.
fn signature_request(
    m: &'static Metrics,
    app: &Application,
    rules: &RuleSet,
    plan: &Plan,
    signer: &Signer,
    today: NaiveDate,
) -> Vec<Page> {
    let Some(f) = &signer.facility else {
        return Vec::new();
    };
    let facility = if f.facility.is_empty() {
        l::NO_FACILITY.to_string()
    } else {
        f.facility.clone()
    };
    let mut s = Sheet::new(m);
    s.text(&dated(today), Pt(10.5), Align::Right, Mm(0.0));
    s.gap(Mm(4.0));
    s.text(&facility, Pt(11.5), Align::Left, Mm(0.0));
    if signer.name.is_empty() {
        s.blank_line(l::HEAD_TITLE, Pt(11.5), Mm(0.0));
    } else {
        s.text(
            &format!("{}　{}", l::HEAD_TITLE, l::sensei(&signer.name)),
            Pt(11.5),
            Align::Left,
            Mm(0.0),
        );
    }
    s.gap(Mm(4.0));
    let applicant = app.applicant.name.trim();
    for line in sender_lines(app) {
        s.text(&line, Pt(10.0), Align::Right, Mm(0.0));
    }
    if applicant.is_empty() {
        s.blank_line(l::ASKED_BY, Pt(10.0), Mm(80.0));
    } else {
        s.text(
            &format!("{}　{applicant}", l::ASKED_BY),
            Pt(10.5),
            Align::Right,
            Mm(0.0),
        );
    }
    let contact = l::contact(&sender_phone(app), &app.applicant.email);
    if !contact.is_empty() {
        s.text(&contact, Pt(9.5), Align::Right, Mm(0.0));
    }
    s.opening(
        l::REQUEST_TITLE,
        &l::request_body(rules.fiscal_year, f.cases),
    );
    let form3_pages = plan.pages_of(Form::ClinicalRecord).unwrap_or(f.pages.1);
    let rows = [
        (l::REQ_FACILITY, facility.clone()),
        (l::REQ_CASES, l::request_cases(f.cases, f.numbers)),
        (l::REQ_PAGES, l::request_pages(f.pages, form3_pages)),
        (l::REQ_SIGN_AT, l::request_sign_at(f.pages.1)),
        (
            l::REQ_RETURN_BY,
            l::request_return_by(
                mailing::return_by(plan.deadline),
                plan.deadline,
                &plan.society,
            ),
        ),
        (l::REQ_RETURN_TO, {
            let mut to = sender_lines(app).join("　");
            if !applicant.is_empty() {
                to = [to, applicant.to_string()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("　");
            }
            to
        }),
    ];
    s.fields(Mm(38.0), &rows);
    s.closing()
}

/// The 送付状 to the regional committee: what is enclosed, with its pages.
fn cover_letter(
    m: &'static Metrics,
    app: &Application,
    rules: &RuleSet,
    plan: &Plan,
    today: NaiveDate,
) -> Vec<Page> {
    let mut s = Sheet::new(m);
    s.text(&dated(today), Pt(10.5), Align::Right, Mm(0.0));
    s.gap(Mm(4.0));
    address_block(&mut s, plan, Pt(11.0));
    s.gap(Mm(4.0));
    for line in sender_lines(app) {
        s.text(&line, Pt(10.0), Align::Right, Mm(0.0));
    }
    let a = &app.applicant;
    if a.name.trim().is_empty() {
        s.blank_line(l::SENDER_NAME, Pt(10.5), Mm(80.0));
    } else {
        s.text(a.name.trim(), Pt(10.5), Align::Right, Mm(0.0));
    }
    let numbers = l::sender_numbers(&a.specialist_number, &a.member_number);
    if !numbers.is_empty() {
        s.text(&numbers, Pt(9.5), Align::Right, Mm(0.0));
    }
    let contact = l::contact(&sender_phone(app), &a.email);
    if !contact.is_empty() {
        s.text(&contact, Pt(9.5), Align::Right, Mm(0.0));
    }
    s.opening(l::COVER_TITLE, &l::cover_body(rules.fiscal_year));
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (i, part) in plan.parts.iter().enumerate().filter(|(_, p)| p.needed) {
        let what = match (part.maker, part.pages) {
            (Maker::Program, Some(n)) => l::pages(n),
            _ if i == PROOFS_PART => l::proofs_enclosed(plan.proofs.len()),
            _ => l::ENCLOSED_BY_HAND.to_string(),
        };
        rows.push((part.name, what));
    }
    rows.push((l::COVER_FEE, l::cover_fee(plan.fee)));
    s.fields(Mm(95.0), &rows);
    s.closing()
}

/// The addressee: postal code, address and name, or lines to fill in by hand.
fn address_block(s: &mut Sheet, plan: &Plan, size: Pt) {
    match &plan.committee {
        Some(c) if c.has_address() => {
            let postal = l::postal(&c.postal_code);
            if !postal.is_empty() {
                s.text(&postal, size, Align::Left, Mm(0.0));
            }
            for line in c.address.lines().filter(|l| !l.trim().is_empty()) {
                s.text(line.trim(), size, Align::Left, Mm(0.0));
            }
        }
        _ => {
            s.blank_line("〒", size, Mm(0.0));
            s.blank_line(l::ADDRESS_BY_HAND, size, Mm(0.0));
        }
    }
    s.text(&plan.addressee, size + Pt(1.5), Align::Left, Mm(0.0));
}

/// The envelope label: the addressee large, 「…在中」 in red in a red frame, and the sender.
fn envelope_label(
    m: &'static Metrics,
    app: &Application,
    plan: &Plan,
    envelope: Envelope,
) -> Vec<Page> {
    let (w, h, size) = envelope.label_box();
    let mut page = Page::a4(Orientation::Portrait);
    let x = (page.width - w) / 2.0;
    let top = Mm(30.0);
    page.frame(x, top, w, h, RULE_THIN);
    let pad = Mm(7.0);
    let inner = w - pad * 2.0;
    let mut y = top + pad;
    let put = |page: &mut Page, y: &mut Mm, text: &str, size: Pt| {
        let lh = line_height(size);
        for line in wrap(m, text, size, inner) {
            page.text_line(m, x + pad, inner, *y + lh / 2.0, size, Align::Left, &line);
            *y += lh;
        }
    };
    let small = size * 0.8;
    match &plan.committee {
        Some(c) if c.has_address() => {
            let postal = l::postal(&c.postal_code);
            if !postal.is_empty() {
                put(&mut page, &mut y, &postal, small);
            }
            for line in c.address.lines().filter(|l| !l.trim().is_empty()) {
                put(&mut page, &mut y, line.trim(), small);
            }
        }
        _ => {
            // Lines to write the address on by hand.
            for label in ["〒", ""] {
                let lh = line_height(small) + Mm(2.0);
                let lw = m.width_mm(label, small);
                page.text_line(m, x + pad, lw, y + lh / 2.0, small, Align::Left, label);
                page.line(
                    (x + pad + lw + Mm(1.5), y + lh - Mm(1.0)),
                    (x + w - pad, y + lh - Mm(1.0)),
                    RULE_THIN,
                );
                y += lh;
            }
        }
    }
    y += Mm(3.0);
    put(&mut page, &mut y, &plan.addressee, size);
    // 朱書き at the foot of the label.
    let red_size = size * 0.75;
    let red_w = m.width_mm(l::IN_ENVELOPE, red_size) + Mm(6.0);
    let red_h = line_height(red_size) + Mm(3.0);
    let red_top = top + h - pad - red_h;
    page.red_frame(x + pad, red_top, red_w, red_h, RULE_THICK);
    page.red_line(
        x + pad + Mm(3.0),
        red_top + red_h / 2.0,
        red_size,
        l::IN_ENVELOPE,
    );
    // The sender, below the label, to cut out for the back of the envelope.
    let sender_top = top + h + Mm(12.0);
    let sender_h = Mm(40.0);
    page.frame(x, sender_top, w, sender_h, RULE_THIN);
    let mut y = sender_top + Mm(5.0);
    let sender_size = Pt(10.0);
    let mut lines = vec![l::SENDER.to_string()];
    lines.extend(sender_lines(app));
    let name = app.applicant.name.trim();
    lines.push(if name.is_empty() {
        String::new()
    } else {
        name.to_string()
    });
    for line in lines.iter().filter(|s| !s.is_empty()) {
        let lh = line_height(sender_size);
        for part in wrap(m, line, sender_size, inner) {
            page.text_line(
                m,
                x + pad,
                inner,
                y + lh / 2.0,
                sender_size,
                Align::Left,
                &part,
            );
            y += lh;
        }
    }
    let note_top = sender_top + sender_h + Mm(5.0);
    let note = wrap(m, &l::label_note(envelope.label()), Pt(9.0), w);
    page.text_block(m, x, w, note_top, Pt(9.0), Align::Left, &note);
    vec![page]
}

/// Draws every letter of an export from its plan.
pub fn render_all(
    app: &Application,
    rules: &RuleSet,
    _report: &Report,
    plan: &Plan,
    envelope: Envelope,
    today: NaiveDate,
) -> Result<Letters, PdfError> {
    let m = Metrics::get()?;
    let requests = plan
        .signers
        .iter()
        .filter_map(|s| {
            let f = s.facility.as_ref()?;
            Some((
                f.facility.clone(),
                signature_request(m, app, rules, plan, s, today),
            ))
        })
        .collect();
    Ok(Letters {
        requests,
        cover: cover_letter(m, app, rules, plan, today),
        label: envelope_label(m, app, plan, envelope),
        envelope,
    })
}

/// A facility's name made safe as part of a file name on every system.
fn file_part(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if crate::paths::WINDOWS_REFUSED.contains(&c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(40)
        .collect();
    let cleaned = cleaned.trim_end_matches(['.', ' ']).to_string();
    if cleaned.is_empty() {
        l::NO_FACILITY_FILE.to_string()
    } else {
        cleaned
    }
}

/// The letters as PDF files: (file name, bytes), the signature requests first (numbered in
/// the order of 様式3), then the 送付状 and the label.
pub fn write_all(app: &Application, letters: Letters) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let name = app.applicant.name.trim();
    let mut pages = Vec::new();
    let mut specs = Vec::new();
    let mut names = Vec::new();
    let mut add = |file: String, title: String, drawn: Vec<Page>| {
        let start = pages.len();
        pages.extend(drawn);
        specs.push(write::FileSpec {
            title: l::pdf_title(&title, name),
            pages: start..pages.len(),
        });
        names.push(file);
    };
    for (i, (facility, drawn)) in letters.requests.into_iter().enumerate() {
        let file = l::request_file(i + 1, &file_part(&facility));
        let title = format!("{}（{}）", l::REQUEST_TITLE, facility);
        add(file, title, drawn);
    }
    add(
        l::COVER_FILE.to_string(),
        l::COVER_TITLE.to_string(),
        letters.cover,
    );
    add(
        l::label_file(letters.envelope.label()),
        l::label_title(letters.envelope.label()),
        letters.label,
    );
    let bytes = write::write_files(Metrics::get()?, &pages, &specs, &write::Meta::now())?;
    Ok(names.into_iter().zip(bytes).collect())
}

/// One doctor's cases at a facility: (name, their plan, the facility's signer in it).
type DoctorAt<'a> = (&'a str, &'a Plan, &'a Signer);

/// One facility's letter for several doctors: (facility as printed, its pages).
pub type FacilityLetter = (String, Vec<Page>);

/// One letter per facility across `doctors` (name, plan): the facility's 診療責任者 is asked
/// once, with a row per doctor naming their cases and pages. Facilities without a name are
/// left to each doctor's own letter.
pub fn for_facilities(
    doctors: &[(String, &Plan)],
    today: NaiveDate,
) -> Result<Vec<FacilityLetter>, PdfError> {
    let m = Metrics::get()?;
    // Facilities in the order they are first met, each with its doctors.
    let mut facilities: Vec<(String, Vec<DoctorAt>)> = Vec::new();
    for (name, plan) in doctors {
        for signer in &plan.signers {
            let Some(f) = &signer.facility else { continue };
            let key = f.facility.trim();
            if key.is_empty() {
                continue;
            }
            match facilities.iter_mut().find(|(k, _)| k == key) {
                Some((_, list)) => list.push((name.as_str(), plan, signer)),
                None => facilities.push((key.to_string(), vec![(name.as_str(), plan, signer)])),
            }
        }
    }
    Ok(facilities
        .into_iter()
        .map(|(facility, list)| {
            let pages = facility_letter(m, &facility, &list, today);
            (facility, pages)
        })
        .collect())
}

fn facility_letter(
    m: &'static Metrics,
    facility: &str,
    doctors: &[DoctorAt],
    today: NaiveDate,
) -> Vec<Page> {
    let mut s = Sheet::new(m);
    s.text(&dated(today), Pt(10.5), Align::Right, Mm(0.0));
    s.gap(Mm(4.0));
    s.text(facility, Pt(11.5), Align::Left, Mm(0.0));
    let head = doctors
        .iter()
        .map(|(_, _, signer)| signer.name.trim())
        .find(|n| !n.is_empty());
    match head {
        Some(name) => s.text(
            &format!("{}　{}", l::HEAD_TITLE, l::sensei(name)),
            Pt(11.5),
            Align::Left,
            Mm(0.0),
        ),
        None => s.blank_line(l::HEAD_TITLE, Pt(11.5), Mm(0.0)),
    }
    let cases: usize = doctors
        .iter()
        .filter_map(|(_, _, signer)| signer.facility.as_ref().map(|f| f.cases))
        .sum();
    s.opening(
        l::REQUEST_TITLE,
        &l::request_body_for_doctors(doctors.len(), cases),
    );
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (name, plan, signer) in doctors {
        let Some(f) = &signer.facility else { continue };
        let total = plan.pages_of(Form::ClinicalRecord).unwrap_or(f.pages.1);
        let name: &str = if name.trim().is_empty() {
            l::NAME_BLANK
        } else {
            name
        };
        rows.push((
            name,
            format!(
                "{}\n{}\n{}",
                l::request_cases(f.cases, f.numbers),
                l::request_pages(f.pages, total),
                l::request_sign_at(f.pages.1)
            ),
        ));
    }
    let earliest = doctors.iter().map(|(_, plan, _)| plan.deadline).min();
    if let Some(deadline) = earliest {
        let society = doctors
            .iter()
            .map(|(_, plan, _)| plan.society.as_str())
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        rows.push((
            l::REQ_RETURN_BY,
            l::request_return_by(mailing::return_by(deadline), deadline, society),
        ));
    }
    s.fields(Mm(38.0), &rows);
    s.gap(Mm(4.0));
    s.blank_line(l::REQ_RETURN_TO, Pt(10.5), Mm(0.0));
    s.closing()
}

/// The facilities' letters as PDF files: (file name, bytes), numbered in the order met.
pub fn write_facility_letters(
    letters: Vec<FacilityLetter>,
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let mut pages = Vec::new();
    let mut specs = Vec::new();
    let mut names = Vec::new();
    for (i, (facility, drawn)) in letters.into_iter().enumerate() {
        let start = pages.len();
        pages.extend(drawn);
        specs.push(write::FileSpec {
            title: format!("{}（{}）", l::REQUEST_TITLE, facility),
            pages: start..pages.len(),
        });
        names.push(l::request_file(i + 1, &file_part(&facility)));
    }
    let bytes = write::write_files(Metrics::get()?, &pages, &specs, &write::Meta::now())?;
    Ok(names.into_iter().zip(bytes).collect())
}
