//! 申請者情報 (様式1): the application's kind and year, the applicant, addresses.

use eframe::egui::{self, RichText, Ui};

use super::{Form, section_ui};
use crate::model::{
    ApplicantField as F, ApplicationField as A, ApplicationKind, CertificationRoute, MailTo, Pause,
    PauseField as P, RegionalPractice, Sex,
};
use crate::rules::{self, FieldPath};
use crate::ui::context::PageContext;
use crate::ui::document::EditKey;
use crate::ui::text;

/// Rows of 活動休止 added or removed on the page.
enum PauseRows {
    Add,
    Delete(usize),
}

/// Draws the page.
pub fn applicant_page_ui(ui: &mut Ui, cx: &mut PageContext<'_>) {
    let app = cx.doc.app();
    let mut a = app.applicant.clone();
    let mut year = app.fiscal_year;
    let mut date = app.application_date;
    let mut app_unread = app.unread.clone();
    let mut kind = app.kind;
    let mut renewals = Some(app.consecutive_renewals);
    let mut previous_after_deferral = app.previous_after_deferral;
    let mut pauses = app.pauses.clone();
    let mut structure: Option<PauseRows> = None;
    let period = cx.doc.report().map(|r| r.activity_period.text());
    let exempt = cx.doc.report().map(|r| r.exempt_from_clinical);
    let rules = cx.doc.rules().ok();
    // The kinds of this year, and the one chosen even when the year has no such kind (its
    // finding says so).
    let mut kinds: Vec<ApplicationKind> =
        rules.as_ref().map_or(ApplicationKind::ALL.to_vec(), |r| {
            r.application_kinds.clone()
        });
    if !kinds.contains(&kind) {
        kinds.push(kind);
    }
    let exemption_exists = rules.as_ref().is_none_or(|r| r.exemption.is_some());
    let mut form = Form {
        report: cx.doc.report(),
        target: cx.target,
        buffers: cx.buffers,
        changed: None,
        salt: usize::MAX,
    };
    let app_path = FieldPath::Application;
    let path = FieldPath::Applicant;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section_ui(ui, text::SECTION_APPLICATION);
            egui::Grid::new("application")
                .num_columns(2)
                .show(ui, |ui| {
                    let years = rules::known_years();
                    form.pick_ui(
                        ui,
                        app_path(A::FiscalYear),
                        &mut year,
                        &years,
                        text::fiscal_year_with_status,
                    );
                    form.date_ui(
                        ui,
                        app_path(A::ApplicationDate),
                        &mut date,
                        (&mut app_unread, A::ApplicationDate),
                    );
                    form.pick_ui(
                        ui,
                        app_path(A::Kind),
                        &mut kind,
                        &kinds,
                        ApplicationKind::label,
                    );
                    form.number_ui(
                        ui,
                        app_path(A::ConsecutiveRenewals),
                        &mut renewals,
                        (&mut app_unread, A::ConsecutiveRenewals),
                    );
                    ui.label(text::EXEMPTION);
                    ui.label(match exempt {
                        Some(true) => text::EXEMPT_YES,
                        _ if !exemption_exists => text::EXEMPT_NONE_THIS_YEAR,
                        Some(false) | None => text::EXEMPT_NO,
                    });
                    ui.end_row();
                });

            section_ui(ui, text::SECTION_PERIOD);
            egui::Grid::new("period").num_columns(2).show(ui, |ui| {
                form.check_ui(
                    ui,
                    app_path(A::PreviousAfterDeferral),
                    &mut previous_after_deferral,
                    text::PREVIOUS_AFTER_DEFERRAL,
                );
                for (i, p) in pauses.iter_mut().enumerate() {
                    ui.label(text::pause_heading(i + 1));
                    if ui.small_button(text::DELETE).clicked() {
                        structure = Some(PauseRows::Delete(i));
                    }
                    ui.end_row();
                    let path = |field| FieldPath::Pause(i, field);
                    form.date_ui(ui, path(P::From), &mut p.from, (&mut p.unread, P::From));
                    form.date_ui(ui, path(P::Until), &mut p.until, (&mut p.unread, P::Until));
                }
            });
            // Outside the grid, so that a long period (pauses listed) wraps to the page.
            if let Some(period) = &period {
                ui.label(text::period_applied(period));
            }
            if ui.button(text::ADD_PAUSE).clicked() {
                structure = Some(PauseRows::Add);
            }
            if previous_after_deferral {
                ui.label(RichText::new(text::PREVIOUS_AFTER_DEFERRAL_HINT).small());
            }
            ui.label(RichText::new(text::PAUSE_HINT).small());

            section_ui(ui, text::SECTION_APPLICANT);
            egui::Grid::new("applicant").num_columns(2).show(ui, |ui| {
                form.text_ui(ui, path(F::Furigana), &mut a.furigana);
                form.text_ui(ui, path(F::Name), &mut a.name);
                form.date_ui(
                    ui,
                    path(F::BirthDate),
                    &mut a.birth_date,
                    (&mut a.unread, F::BirthDate),
                );
                form.pick_ui(
                    ui,
                    path(F::Sex),
                    &mut a.sex,
                    &[None, Some(Sex::Female), Some(Sex::Male)],
                    |s| s.map_or(text::NOT_CHOSEN, Sex::label),
                );
                form.text_ui(ui, path(F::MemberNumber), &mut a.member_number);
                form.text_ui(ui, path(F::SpecialistNumber), &mut a.specialist_number);
                form.pick_ui(
                    ui,
                    path(F::CertificationRoute),
                    &mut a.certification_route,
                    &[
                        None,
                        Some(CertificationRoute::Society),
                        Some(CertificationRoute::BoardExam),
                    ],
                    |r| r.map_or(text::NOT_CHOSEN, CertificationRoute::label),
                );
                form.number_ui(
                    ui,
                    path(F::FirstCertifiedYear),
                    &mut a.first_certified_year,
                    (&mut a.unread, F::FirstCertifiedYear),
                );
                form.pick_ui(
                    ui,
                    path(F::RegionalPractice),
                    &mut a.regional_practice,
                    &[
                        None,
                        Some(RegionalPractice::NotRecognised),
                        Some(RegionalPractice::AsResident),
                        Some(RegionalPractice::AfterCertification),
                    ],
                    |r| r.map_or(text::NOT_CHOSEN, RegionalPractice::label),
                );
                form.date_ui(
                    ui,
                    path(F::CertifiedFrom),
                    &mut a.certified_from,
                    (&mut a.unread, F::CertifiedFrom),
                );
                form.date_ui(
                    ui,
                    path(F::CertifiedUntil),
                    &mut a.certified_until,
                    (&mut a.unread, F::CertifiedUntil),
                );
                form.text_ui(
                    ui,
                    path(F::MedicalRegistrationNumber),
                    &mut a.medical_registration_number,
                );
                form.date_ui(
                    ui,
                    path(F::MedicalRegistrationDate),
                    &mut a.medical_registration_date,
                    (&mut a.unread, F::MedicalRegistrationDate),
                );
                form.text_ui(ui, path(F::Email), &mut a.email);
                form.pick_ui(
                    ui,
                    path(F::MailTo),
                    &mut a.mail_to,
                    &[MailTo::Work, MailTo::Home],
                    |m| match m {
                        MailTo::Work => text::MAIL_WORK,
                        MailTo::Home => text::MAIL_HOME,
                    },
                );
                form.text_ui(ui, path(F::RegionalSociety), &mut a.regional_society);
            });

            section_ui(ui, text::SECTION_WORK);
            egui::Grid::new("work").num_columns(2).show(ui, |ui| {
                form.text_ui(ui, path(F::WorkFacility), &mut a.work.facility);
                form.text_ui(ui, path(F::WorkDepartment), &mut a.work.department);
                form.text_ui(ui, path(F::WorkPostalCode), &mut a.work.address.postal_code);
                form.text_ui(ui, path(F::WorkAddress), &mut a.work.address.address);
                form.text_ui(ui, path(F::WorkPhone), &mut a.work.address.phone);
            });

            section_ui(ui, text::SECTION_HOME);
            egui::Grid::new("home").num_columns(2).show(ui, |ui| {
                form.text_ui(ui, path(F::HomePostalCode), &mut a.home.postal_code);
                form.text_ui(ui, path(F::HomeAddress), &mut a.home.address);
                form.text_ui(ui, path(F::HomePhone), &mut a.home.phone);
            });
        });
    match structure {
        Some(PauseRows::Add) => {
            cx.doc
                .edit(EditKey::Structure, |a| a.pauses.push(Pause::default()));
            cx.buffers.clear();
            return;
        }
        Some(PauseRows::Delete(i)) => {
            cx.doc.edit(EditKey::Structure, |a| {
                if i < a.pauses.len() {
                    a.pauses.remove(i);
                }
            });
            cx.buffers.clear();
            return;
        }
        None => {}
    }
    if let Some(path) = form.changed {
        let renewals = renewals.unwrap_or(0);
        cx.doc.edit(EditKey::of(path), move |app| {
            app.previous_after_deferral = previous_after_deferral;
            app.pauses = pauses;
            app.applicant = a;
            app.unread = app_unread;
            app.fiscal_year = year;
            app.application_date = date;
            app.kind = kind;
            app.consecutive_renewals = renewals;
        });
    }
}
