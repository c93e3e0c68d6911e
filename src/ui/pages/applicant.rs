//! 申請者情報 (様式1): the application's kind and year, the applicant, addresses.

use eframe::egui::{self, Ui};

use super::{Form, section_ui};
use crate::model::{ApplicationKind, CertificationRoute, MailTo, Sex};
use crate::rules::{self, FieldPath};
use crate::ui::context::PageContext;
use crate::ui::document::EditKey;
use crate::ui::text;

/// Draws the page.
pub fn applicant_page_ui(ui: &mut Ui, cx: &mut PageContext<'_>) {
    let app = cx.doc.app();
    let mut a = app.applicant.clone();
    let mut year = app.fiscal_year;
    let mut date = app.application_date;
    let mut kind = app.kind;
    let mut renewals = Some(app.consecutive_renewals);
    let exempt = cx.doc.report().map(|r| r.exempt_from_clinical);
    let mut form = Form {
        report: cx.doc.report(),
        target: cx.target,
        drafts: cx.drafts,
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
                        text::FISCAL_YEAR,
                        app_path("fiscal_year"),
                        "fiscal_year",
                        &mut year,
                        &years,
                        text::fiscal_year_with_status,
                    );
                    form.date_ui(
                        ui,
                        text::APPLICATION_DATE,
                        app_path("application_date"),
                        "application_date",
                        &mut date,
                    );
                    form.pick_ui(
                        ui,
                        text::APPLICATION_KIND,
                        app_path("kind"),
                        "kind",
                        &mut kind,
                        &ApplicationKind::ALL,
                        ApplicationKind::label,
                    );
                    form.number_ui(
                        ui,
                        text::CONSECUTIVE_RENEWALS,
                        app_path("consecutive_renewals"),
                        "consecutive_renewals",
                        &mut renewals,
                    );
                    ui.label(text::EXEMPTION);
                    ui.label(match exempt {
                        Some(true) => text::EXEMPT_YES,
                        Some(false) | None => text::EXEMPT_NO,
                    });
                    ui.end_row();
                });

            section_ui(ui, text::SECTION_APPLICANT);
            egui::Grid::new("applicant").num_columns(2).show(ui, |ui| {
                form.text_ui(
                    ui,
                    text::FURIGANA,
                    path("furigana"),
                    "furigana",
                    &mut a.furigana,
                );
                form.text_ui(ui, text::NAME, path("name"), "name", &mut a.name);
                form.date_ui(
                    ui,
                    text::BIRTH_DATE,
                    path("birth_date"),
                    "birth_date",
                    &mut a.birth_date,
                );
                form.pick_ui(
                    ui,
                    text::SEX,
                    path("sex"),
                    "sex",
                    &mut a.sex,
                    &[None, Some(Sex::Female), Some(Sex::Male)],
                    |s| s.map_or(text::NOT_CHOSEN, Sex::label),
                );
                form.text_ui(
                    ui,
                    text::MEMBER_NUMBER,
                    path("member_number"),
                    "member_number",
                    &mut a.member_number,
                );
                form.text_ui(
                    ui,
                    text::SPECIALIST_NUMBER,
                    path("specialist_number"),
                    "specialist_number",
                    &mut a.specialist_number,
                );
                form.pick_ui(
                    ui,
                    text::CERTIFICATION_ROUTE,
                    path("certification_route"),
                    "certification_route",
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
                    text::FIRST_CERTIFIED_YEAR,
                    path("first_certified_year"),
                    "first_certified_year",
                    &mut a.first_certified_year,
                );
                form.date_ui(
                    ui,
                    text::CERTIFIED_FROM,
                    path("certified_from"),
                    "certified_from",
                    &mut a.certified_from,
                );
                form.date_ui(
                    ui,
                    text::CERTIFIED_UNTIL,
                    path("certified_until"),
                    "certified_until",
                    &mut a.certified_until,
                );
                form.text_ui(
                    ui,
                    text::MEDICAL_NUMBER,
                    path("medical_registration_number"),
                    "medical_registration_number",
                    &mut a.medical_registration_number,
                );
                form.date_ui(
                    ui,
                    text::MEDICAL_DATE,
                    path("medical_registration_date"),
                    "medical_registration_date",
                    &mut a.medical_registration_date,
                );
                form.text_ui(ui, text::EMAIL, path("email"), "email", &mut a.email);
                form.pick_ui(
                    ui,
                    text::MAIL_TO,
                    path("mail_to"),
                    "mail_to",
                    &mut a.mail_to,
                    &[MailTo::Work, MailTo::Home],
                    |m| match m {
                        MailTo::Work => text::MAIL_WORK,
                        MailTo::Home => text::MAIL_HOME,
                    },
                );
                form.text_ui(
                    ui,
                    text::REGIONAL_SOCIETY,
                    path("regional_society"),
                    "regional_society",
                    &mut a.regional_society,
                );
            });

            section_ui(ui, text::SECTION_WORK);
            egui::Grid::new("work").num_columns(2).show(ui, |ui| {
                form.text_ui(
                    ui,
                    text::FACILITY,
                    path("work.facility"),
                    "work.facility",
                    &mut a.work.facility,
                );
                form.text_ui(
                    ui,
                    text::DEPARTMENT,
                    path("work.department"),
                    "work.department",
                    &mut a.work.department,
                );
                form.text_ui(
                    ui,
                    text::POSTAL_CODE,
                    path("work.postal_code"),
                    "work.postal_code",
                    &mut a.work.address.postal_code,
                );
                form.text_ui(
                    ui,
                    text::ADDRESS,
                    path("work.address"),
                    "work.address",
                    &mut a.work.address.address,
                );
                form.text_ui(
                    ui,
                    text::PHONE,
                    path("work.phone"),
                    "work.phone",
                    &mut a.work.address.phone,
                );
            });

            section_ui(ui, text::SECTION_HOME);
            egui::Grid::new("home").num_columns(2).show(ui, |ui| {
                form.text_ui(
                    ui,
                    text::POSTAL_CODE,
                    path("home.postal_code"),
                    "home.postal_code",
                    &mut a.home.postal_code,
                );
                form.text_ui(
                    ui,
                    text::ADDRESS,
                    path("home.address"),
                    "home.address",
                    &mut a.home.address,
                );
                form.text_ui(
                    ui,
                    text::PHONE,
                    path("home.phone"),
                    "home.phone",
                    &mut a.home.phone,
                );
            });
        });
    if let Some(field) = form.changed {
        let renewals = renewals.unwrap_or(0);
        cx.doc.edit(EditKey::Field(field), move |app| {
            app.applicant = a;
            app.fiscal_year = year;
            app.application_date = date;
            app.kind = kind;
            app.consecutive_renewals = renewals;
        });
    }
}
