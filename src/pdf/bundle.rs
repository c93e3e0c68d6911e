//! The bundle as it is posted: the seven parts of §4 (1)–(7) in posting order, each with its
//! pages, who makes it and its state; the proofs to enclose; who signs which pages; the fee and
//! where its account is published; the deadline and where it goes. One model for the export
//! page, the checklist, the 送付状 and the command line, made from the rule set, the
//! application and the pages drawn — nothing typed into the code.

use chrono::NaiveDate;

use crate::mailing::{self, Committee};
use crate::model::Application;
use crate::rules::{CategoryCode, Report, RuleSet, proof_to_enclose};

use super::form::{Form, RenderedForm};
use super::labels as l;
use super::shiki3::FacilityPages;

/// Who makes a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maker {
    /// This program prints it.
    Program,
    /// The applicant adds it (the portal's 単位情報 print, the proofs).
    Applicant,
}

/// One of the seven parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// As the overview lists it (「(1) 様式1 …」).
    pub name: &'static str,
    /// The form, for a part this program prints.
    pub form: Option<Form>,
    /// Who makes it.
    pub maker: Maker,
    /// Pages printed (program-made parts that are printed).
    pub pages: Option<usize>,
    /// Whether it is complete as far as the program knows.
    pub ready: bool,
    /// Its state in words (「印刷済（署名が必要）」).
    pub note: String,
    /// Whether it goes into the envelope (an exempt applicant sends no 様式3).
    pub needed: bool,
}

/// One proof to enclose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// Index into `Application::credits`.
    pub credit: usize,
    /// 区分 as printed.
    pub kind: String,
    /// The date as printed.
    pub date: String,
    /// Title and organiser.
    pub name: String,
    /// The document to enclose.
    pub proof: String,
    /// Ticked as enclosed.
    pub enclosed: bool,
}

/// Who signs what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// 「申請者」 or 「診療責任者」.
    pub role: &'static str,
    /// Their name as entered (empty when not entered).
    pub name: String,
    /// The facility, for a 診療責任者.
    pub facility: Option<FacilityPages>,
    /// What they sign, in words.
    pub signs: String,
}

/// Everything the last step needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The seven parts in posting order.
    pub parts: Vec<Part>,
    /// Pages this program prints, in all.
    pub printed_pages: usize,
    /// One line per proof to enclose.
    pub proofs: Vec<Proof>,
    /// The applicant first, then one 診療責任者 per facility of 様式3.
    pub signers: Vec<Signer>,
    /// 審査料 in yen.
    pub fee: u32,
    /// Where the account is published, in a sentence (with 「仮定」 when derived).
    pub fee_account: String,
    /// 必着 — the day the bundle must arrive.
    pub deadline: NaiveDate,
    /// The regional society as entered in 様式1 (empty when not entered).
    pub society: String,
    /// The addressee as printed.
    pub addressee: String,
    /// The committee's address as remembered (none: lines to fill in by hand).
    pub committee: Option<Committee>,
}

/// The proofs to enclose, one per credit whose proof the portal does not hold.
pub fn proofs(app: &Application, rules: &RuleSet) -> Vec<Proof> {
    app.credits
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let proof = proof_to_enclose(c, rules)?;
            Some(Proof {
                credit: i,
                kind: l::credit_kind(c, true),
                date: l::slash_or_empty(c.date),
                name: l::title_and_organiser(c),
                proof: proof.to_string(),
                enclosed: c.proof_enclosed,
            })
        })
        .collect()
}

/// The state of each part as the checklist ticks it: (complete, note, goes into the envelope).
pub fn part_states(
    app: &Application,
    report: &Report,
    proofs: &[Proof],
) -> [(bool, String, bool); 7] {
    let a = &app.applicant;
    let form1_complete = !a.name.trim().is_empty()
        && !a.specialist_number.trim().is_empty()
        && !a.member_number.trim().is_empty();
    [
        (form1_complete, l::PART_PRINTED.to_string(), true),
        (
            !app.workplaces.is_empty(),
            l::PART_PRINTED.to_string(),
            true,
        ),
        if report.exempt_from_clinical {
            (true, l::PART_NOT_NEEDED.to_string(), false)
        } else {
            let ok = report.category(CategoryCode::Clinical).ok;
            (ok, l::PART_PRINTED.to_string(), true)
        },
        (true, l::PART_PRINTED.to_string(), true),
        (false, l::PART_BY_HAND.to_string(), true),
        if proofs.is_empty() {
            (true, l::PART_NOT_NEEDED.to_string(), false)
        } else {
            let all_enclosed = proofs.iter().all(|p| p.enclosed);
            (all_enclosed, l::part_proofs(proofs.len()), true)
        },
        (true, l::PART_DONE.to_string(), true),
    ]
}

/// Where the proofs to enclose stand among the seven parts (§4 (6)).
pub const PROOFS_PART: usize = 5;

impl Plan {
    /// Pages of `form` as printed (none when it is not printed).
    pub fn pages_of(&self, form: Form) -> Option<usize> {
        self.parts
            .iter()
            .find(|p| p.form == Some(form))
            .and_then(|p| p.pages)
    }
}

/// The form printed as each part, in order (none for the parts the applicant adds).
const PART_FORMS: [Option<Form>; 7] = [
    Some(Form::Application),
    Some(Form::WorkingStatus),
    Some(Form::ClinicalRecord),
    Some(Form::UnitSummary),
    None,
    None,
    Some(Form::Checklist),
];

/// The plan of the bundle drawn as `forms`, posted to `committee` (as remembered).
pub fn plan(
    app: &Application,
    rules: &RuleSet,
    report: &Report,
    forms: &[RenderedForm],
    committee: Option<&Committee>,
) -> Plan {
    let proofs = proofs(app, rules);
    let states = part_states(app, report, &proofs);
    let parts: Vec<Part> = l::PARTS
        .iter()
        .zip(states)
        .zip(PART_FORMS)
        .map(|((name, (ready, note, needed)), form)| {
            let pages =
                form.and_then(|f| forms.iter().find(|r| r.form == f).map(|r| r.pages.len()));
            Part {
                name,
                form,
                maker: if form.is_some() {
                    Maker::Program
                } else {
                    Maker::Applicant
                },
                pages,
                ready,
                note,
                needed,
            }
        })
        .collect();
    let printed_pages = forms.iter().map(|f| f.pages.len()).sum();
    let form3 = forms.iter().find(|f| f.form == Form::ClinicalRecord);
    let mut signers = vec![Signer {
        role: l::SIGNER_APPLICANT,
        name: app.applicant.name.trim().to_string(),
        facility: None,
        signs: l::APPLICANT_SIGNS.to_string(),
    }];
    if let Some(form3) = form3 {
        for f in &form3.facilities {
            signers.push(Signer {
                role: l::SIGNER_HEAD,
                name: facility_head(app, &f.facility),
                facility: Some(f.clone()),
                signs: l::head_signs(f.pages, f.cases, form3.pages.len()),
            });
        }
    }
    let society = app.applicant.regional_society.trim().to_string();
    let committee = committee.filter(|c| !c.is_blank()).cloned();
    Plan {
        parts,
        printed_pages,
        proofs,
        signers,
        fee: rules.fees.review,
        fee_account: l::fee_account(rules.fee_account.as_ref(), &society),
        deadline: rules.application_window.end,
        addressee: mailing::addressee(&society, committee.as_ref()),
        society,
        committee,
    }
}

/// The 診療責任者 entered for a facility of 様式3 (empty when none).
pub fn facility_head(app: &Application, facility: &str) -> String {
    app.facility_heads
        .get(facility.trim())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
