//! Image snapshots of the main pages at 1280×800 (the laptop size the window opens at), so a
//! layout change shows up in review as a changed PNG under `tests/snapshots/`.
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --test main -- snapshots::`, then
//! look at the new images before committing them. "Today" is pinned (the summary page in the
//! middle of the activity period, the others on the demo's application day); the export page is
//! given a fixed output folder.

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use jsog_renewal::ui::{App, AppOptions, Page};

use crate::common::window::window;

/// The day the demo's application is dated: after its activity period.
fn application_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 10).expect("date")
}

/// The demo application on `page` as of `today`, rendered at 1280×800.
fn snapshot_page(page: Page, name: &str) {
    snapshot_page_on(page, name, application_day());
}

fn snapshot_page_on(page: Page, name: &str, today: NaiveDate) {
    let mut app = App::new(AppOptions {
        today: Some(today),
        ..AppOptions::default()
    });
    app.set_application(jsog_renewal::demo::application());
    app.set_export_folder(std::path::Path::new("/書類"));
    app.show_page(page);
    let mut h = window(1280.0, 800.0).with_text_style().rendered().app(app);
    h.run();
    assert_eq!(h.state().page(), page);
    h.snapshot(name);
}

#[test]
fn applicant_page() {
    snapshot_page(Page::Applicant, "page-applicant");
}

#[test]
fn work_page() {
    snapshot_page(Page::Work, "page-work");
}

#[test]
fn cases_page() {
    snapshot_page(Page::Cases, "page-cases");
}

#[test]
fn common_credits_page() {
    snapshot_page(Page::Common, "page-common");
}

#[test]
fn domain_credits_page() {
    snapshot_page(Page::Domain, "page-domain");
}

#[test]
fn activity_page() {
    snapshot_page(Page::Activity, "page-activity");
}

#[test]
fn summary_page() {
    // In the middle of the activity period: the chart marks today and the pace needed.
    let today = NaiveDate::from_ymd_opt(2022, 10, 15).expect("date");
    snapshot_page_on(Page::Summary, "page-summary", today);
}

#[test]
fn export_page() {
    snapshot_page(Page::Export, "page-export");
}

#[test]
fn export_page_at_1024() {
    let mut app = App::new(AppOptions {
        today: Some(application_day()),
        ..AppOptions::default()
    });
    app.set_application(jsog_renewal::demo::application());
    app.set_export_folder(std::path::Path::new("/書類"));
    app.show_page(Page::Export);
    let mut h = window(1024.0, 700.0).with_text_style().rendered().app(app);
    h.run();
    // On a small laptop the button that prints and the seven parts are in view together.
    h.get_by_label("PDFを書き出す");
    h.get_by_label_contains("(7) チェックリスト");
    h.snapshot("page-export-1024");
}

#[test]
fn start_screen() {
    let app = App::new(AppOptions {
        start_screen: true,
        ..AppOptions::default()
    });
    let mut h = window(1280.0, 800.0).with_text_style().rendered().app(app);
    h.run();
    h.get_by_label("見本を見る");
    h.snapshot("start-screen");
}

#[test]
fn cases_page_at_1024_with_the_verdict_panel_folded() {
    let mut app = App::new(AppOptions {
        today: Some(application_day()),
        ..AppOptions::default()
    });
    app.set_application(jsog_renewal::demo::application());
    app.show_page(Page::Cases);
    let mut h = window(1024.0, 700.0).with_text_style().rendered().app(app);
    h.run();
    // Folded by itself at this width.
    h.get_by_label("判定の欄を開く");
    h.snapshot("page-cases-1024-folded");
}

#[test]
fn cases_page_with_a_long_text_being_edited_and_a_column_widened() {
    let mut application = jsog_renewal::demo::application();
    // The first case: a facility of its own makes a group of its own on 様式3, which stays
    // first (and No. 1) only for the case that opens the list.
    application.cases[0].treatment =
        "腹腔鏡下子宮全摘出術および両側付属器摘出術、術後化学療法（TC療法6コース）".into();
    application.cases[0].facility = "さくら市立総合医療センター 産婦人科（分院）".into();
    let mut settings = jsog_renewal::ui::persist::Settings::default();
    // 診断名 dragged wider.
    settings
        .columns
        .set(jsog_renewal::ui::table_fit::TableKey::Cases, 4, 150.0);
    let mut app = App::new(AppOptions {
        today: Some(application_day()),
        settings,
        ..AppOptions::default()
    });
    app.set_application(application);
    app.show_page(Page::Cases);
    let mut h = window(1280.0, 800.0).with_text_style().rendered().app(app);
    h.run();
    // The rows keep their height; the whole text shows in a box under the cell.
    h.get_by_label("症例1 検査・処置・投薬等").focus();
    h.run();
    h.run();
    h.snapshot("page-cases-edited-cell");
}

/// Rows pasted into the common-lecture table at 1024×700: the import window, with a row whose
/// 区分 leaves a choice and a list without 性別 said in its summary.
#[test]
fn rows_pasted_into_a_table_are_previewed_with_their_choices() {
    let mut app = App::new(AppOptions {
        today: Some(application_day()),
        ..AppOptions::default()
    });
    app.set_application(jsog_renewal::demo::application());
    app.show_page(Page::Common);
    let mut h = window(1024.0, 700.0).with_text_style().rendered().app(app);
    h.run();
    let rows = "受講日\t講習会名\t種別\t単位数\n\
2022/6/1\t医療安全講習\t共通講習（医療安全）\t1単位\n\
2022/7/1\t必修講習\t必修講習A\t1\n\
2022/8/1\t学術講演会\t学術集会参加\t2\n";
    h.event(eframe::egui::Event::Paste(rows.into()));
    h.run();
    h.get_by_label_contains("区分・項目を選んでください");
    h.snapshot("paste-preview-1024");
}
