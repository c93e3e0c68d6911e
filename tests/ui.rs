//! The desktop app driven through its labels, as a user would: typing cases, changing the
//! declared renewals, opening a broken file, following a finding.

use chrono::NaiveDate;
use eframe::egui::accesskit::Role;
use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use jsog_renewal::model::{
    ActivityItem, ApplicantField, Application, ApplicationField, Case, CaseField, CommonTopic,
    Credit, CreditKind, Mode, WorkplaceField,
};
use jsog_renewal::rules::{CategoryCode, FieldPath, Severity};
use jsog_renewal::ui::table_fit::TableKey;
use jsog_renewal::ui::{App, AppOptions, Page};

use crate::common::window::window;

/// The app in a test window; every frame is also checked for widgets a screen reader could not
/// name (kittest's accessibility check is on by default).
fn harness(app: App) -> Harness<'static, App> {
    window(1400.0, 900.0).app(app)
}

/// The demo with only `cases` of its cases.
fn demo_with_cases(cases: usize) -> App {
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(cases);
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    app
}

fn clinical_units(app: &App) -> u32 {
    app.report()
        .map(|r| r.category(CategoryCode::Clinical).counted)
        .unwrap_or_default()
}

#[test]
fn typing_a_case_completes_a_unit_and_the_application_passes() {
    // 79 cases = 7 units; with the demo's 42 other units that is 49 of 50.
    let mut h = harness(demo_with_cases(79));
    h.state_mut().show_page(Page::Cases);
    h.run();
    assert_eq!(clinical_units(h.state()), 7);
    h.get_by_label_contains("次の1単位まであと 1 件");
    h.get_by_label("まだ不足があります");
    h.get_by_label("合計 49 / 50 単位");

    h.get_by_label("症例を追加").click();
    h.run();
    assert_eq!(h.state().application().cases.len(), 80);
    // The new row's date cell has the focus: type like in a spreadsheet.
    h.get_by_label("症例を追加").type_text("令和5年4月1日");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("症例を追加").type_text("34");
    h.run();
    // The sex pick-list (女 preset for a new row) takes its option's number.
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("症例を追加").type_text("2");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("症例を追加").type_text("子宮筋腫");
    h.run();
    h.key_press(Key::Tab);
    h.key_press(Key::Tab);
    h.run();
    // The outcome by the start of its label.
    h.get_by_label("症例を追加").type_text("治");
    h.run();

    let case = h
        .state()
        .application()
        .cases
        .get(79)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        case.date,
        chrono::NaiveDate::from_ymd_opt(2023, 4, 1),
        "date typed in the Japanese era form"
    );
    assert_eq!(case.age, Some(34));
    assert_eq!(case.diagnosis, "子宮筋腫");
    assert_eq!(case.sex, Some(jsog_renewal::model::Sex::Male));
    assert_eq!(
        case.outcome, "治癒",
        "the outcome picked by the start of its word"
    );
    assert_eq!(clinical_units(h.state()), 8);
    assert!(h.state().report().is_some_and(|r| r.passes));
    h.get_by_label("更新基準を満たしています");
    h.get_by_label("合計 50 / 50 単位");
}

#[test]
fn outcome_and_doctors_take_a_suggestion_by_number_or_start_and_keep_anything_else() {
    let mut h = harness(demo_with_cases(3));
    h.state_mut().show_page(Page::Cases);
    h.run();
    let cell = |row: usize, column: &str| format!("症例{row} {column}");
    let clear_and_type = |h: &mut Harness<'static, App>, label: &str, text: &str| {
        h.get_by_label(label).focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        h.key_press(Key::Backspace);
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
    };
    // A number picks the suggestion of that number.
    clear_and_type(&mut h, &cell(1, "担当医/指導医"), "2");
    // Free text is kept as written: names of the doctors, words outside the usual ones.
    clear_and_type(&mut h, &cell(2, "担当医/指導医"), "山田 花子／佐藤 一郎");
    clear_and_type(&mut h, &cell(2, "転帰"), "継続中");
    clear_and_type(&mut h, &cell(3, "転帰"), "良好");
    // The start of one usual word completes it.
    clear_and_type(&mut h, &cell(1, "転帰"), "異");
    let cases = &h.state().application().cases;
    assert_eq!(cases[0].role, "指導医");
    assert_eq!(cases[1].role, "山田 花子／佐藤 一郎");
    assert_eq!(cases[1].outcome, "継続中");
    assert_eq!(cases[2].outcome, "良好");
    assert_eq!(cases[0].outcome, "異常なし");
    // Typing on replaces the completed part: 「異」 then 「型」 is 「異型」, not 「異常なし型」.
    h.get_by_label(&cell(1, "転帰")).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label(&cell(1, "転帰")).type_text("異");
    h.run();
    h.get_by_label(&cell(1, "転帰")).type_text("型");
    h.run();
    assert_eq!(h.state().application().cases[0].outcome, "異型");
}

#[test]
fn the_suggestion_list_beside_a_cell_fills_it_with_a_click() {
    let mut h = harness(demo_with_cases(2));
    h.state_mut().show_page(Page::Cases);
    h.run();
    // Row 1: ▼ of 転帰, then ▼ of 担当医/指導医.
    h.get_all_by_label("▼")
        .next()
        .expect("the outcome's list")
        .click();
    h.run();
    h.get_by_label("3 寛解").click();
    h.run();
    assert_eq!(h.state().application().cases[0].outcome, "寛解");
}

#[test]
fn enter_adds_a_row_but_not_when_it_confirms_an_ime_conversion() {
    let mut h = harness(demo_with_cases(3));
    h.state_mut().show_page(Page::Cases);
    h.run();
    h.get_by_label("症例を追加").click();
    h.run();
    assert_eq!(h.state().application().cases.len(), 4);
    // An IME conversion confirmed with Enter: the Enter only confirms it.
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "しきゅう".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("子宮".into())));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().application().cases.len(), 4);
    assert!(
        h.state()
            .application()
            .cases
            .iter()
            .any(|c: &Case| c.date.is_none()),
        "the new row is still there"
    );
    // A plain Enter afterwards does add a row.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().application().cases.len(), 5);
}

#[test]
fn three_consecutive_renewals_lower_the_required_total_to_40() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    assert_eq!(h.state().report().map(|r| r.total_required), Some(50));
    h.get_by_label_contains("/ 50 単位");

    let field = h.get_by_label("連続した更新回数");
    field.focus();
    h.run();
    h.key_press(Key::Backspace);
    h.get_by_label("連続した更新回数").type_text("3");
    h.run();

    assert_eq!(h.state().application().consecutive_renewals, 3);
    let report = h.state().report().cloned();
    assert_eq!(report.as_ref().map(|r| r.total_required), Some(40));
    assert_eq!(report.as_ref().map(|r| r.exempt_from_clinical), Some(true));
    h.get_by_label_contains("/ 40 単位");
    h.get_by_label("該当（様式3は不要）");
}

#[test]
fn a_corrupt_file_shows_the_error_and_keeps_the_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("壊れた申請.ron");
    std::fs::write(
        &path,
        "(format_version: 2, application: (cases: [ (date: oops",
    )
    .expect("write");
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    let before: Application = h.state().application().clone();

    let result = h.state_mut().open_path(&path);
    h.run();

    let message = result.expect_err("a corrupt file must not open");
    assert!(message.contains("誤りがあります"), "{message}");
    h.get_by_label("エラー");
    h.get_by_label(&message);
    assert_eq!(h.state().application(), &before);
    assert!(!h.state().is_dirty());

    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().error_message().is_none());
}

#[test]
fn clicking_a_finding_goes_to_the_case_it_concerns() {
    let mut application = jsog_renewal::demo::application();
    if let Some(case) = application.cases.get_mut(42) {
        case.age = None;
    }
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness(app);
    h.run();
    assert_eq!(h.state().page(), Page::Applicant);
    h.get_by_label_contains("43").click();
    h.run();
    assert_eq!(h.state().page(), Page::Cases);
}

#[test]
fn undo_and_redo_follow_typing() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    let name = h.get_by_label("氏名");
    name.focus();
    h.run();
    h.get_by_label("氏名").type_text("子");
    h.run();
    assert_eq!(h.state().application().applicant.name, "見本 花子子");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().application().applicant.name, "見本 花子");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().application().applicant.name, "見本 花子子");
}

#[test]
fn new_asks_for_the_fiscal_year_offering_the_cycle_open_today_and_starts_empty() {
    // On 2024-06-01 the FY2024 window (to 05-31) has closed: FY2025 is offered.
    let mut h = harness(App::new(AppOptions {
        today: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        ..AppOptions::default()
    }));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("申請する年度を選んでください");
    h.get_by_label("作成").click();
    h.run();
    let app = h.state().application();
    assert_eq!(app.fiscal_year, 2025);
    assert!(app.cases.is_empty() && app.credits.is_empty());
    assert!(app.applicant.name.is_empty());
    assert!(h.state().window_title().contains("無題"));
    h.get_by_label("まだ不足があります");
}

#[test]
fn unsaved_work_is_offered_for_recovery_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = AppOptions {
        data_dir: Some(dir.path().to_path_buf()),
        ..AppOptions::default()
    };
    let mut h = harness(App::new(options.clone()));
    h.run();
    h.get_by_label("氏名").focus();
    h.run();
    h.get_by_label("氏名").type_text("子");
    h.run();
    // The recovery copy is written after a few idle seconds.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    h.step();
    assert!(dir.path().join("recovery.ron").exists());
    // The process ends here without saving, as in a crash.
    drop(h);

    let mut h = harness(App::new(options));
    h.run();
    h.get_by_label("前回の作業を復元できます");
    h.get_by_label("復元する").click();
    h.run();
    assert_eq!(h.state().application().applicant.name, "見本 花子子");
    assert!(h.state().is_dirty(), "recovered work still needs saving");
}

#[test]
fn saving_clears_the_unsaved_mark_and_writes_what_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    let mut h = harness(demo_with_cases(12));
    h.run();
    assert!(h.state().window_title().starts_with('●'));
    h.state_mut().save_to(&path).expect("save");
    h.run();
    assert!(!h.state().is_dirty());
    assert!(h.state().window_title().starts_with("申請.ron"));
    let back = jsog_renewal::store::load(&path).expect("load");
    assert_eq!(&back, h.state().application());
    assert_eq!(back.cases.len(), 12);
}

#[test]
fn a_finding_about_a_case_puts_the_cursor_in_its_cell() {
    let mut application = jsog_renewal::demo::application();
    if let Some(case) = application.cases.get_mut(2) {
        case.age = None;
    }
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("症例3：年齢").click();
    h.run();
    assert_eq!(h.state().page(), Page::Cases);
    // Typing now fills the age the finding was about.
    h.get_by_label("症例を追加").type_text("40");
    h.run();
    assert_eq!(
        h.state().application().cases.get(2).and_then(|c| c.age),
        Some(40)
    );
    assert!(h.state().report().is_some_and(|r| r.findings.is_empty()));
}

fn root_commands(h: &Harness<'_, App>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(demo_with_cases(12));
    h.run();
    assert!(h.state().is_dirty());
    request_close(&mut h);
    h.step();
    assert!(
        root_commands(&h)
            .iter()
            .any(|c| matches!(c, egui::ViewportCommand::CancelClose)),
        "the close is held back"
    );
    h.run();
    h.get_by_label("保存されていない変更があります");
    h.get_by_label("保存しない").click();
    h.step();
    h.step();
    assert!(
        root_commands(&h)
            .iter()
            .any(|c| matches!(c, egui::ViewportCommand::Close)),
        "closes once the user chose not to save"
    );
}

#[test]
fn the_view_menu_enlarges_everything_and_switches_to_dark() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label("130%").click();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.3).abs() < 1e-3);
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label("暗い配色").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert!((h.ctx.zoom_factor() - 1.3).abs() < 1e-3, "the scale stays");
}

#[test]
fn the_export_page_writes_the_bundle_into_the_chosen_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(AppOptions::default());
    app.set_export_folder(dir.path());
    app.show_page(Page::Export);
    let mut h = harness(app);
    h.run();
    h.get_by_label("印刷で欠ける項目は見つかりませんでした");
    h.get_by_label("PDFを書き出す").click();
    // The bundle is written on a thread; the page shows a spinner meanwhile.
    wait_for_export(&mut h);
    h.get_by_label_contains("を書き出しました");
    h.get_by_label("PDFを開く");
    // The bundle holds the application shown: the applicant, the number, a case typed in it.
    let text = bundle_text(&dir.path().join("更新申請書類一式.pdf"));
    let demo = jsog_renewal::demo::application();
    for value in [
        demo.applicant.name.as_str(),
        demo.applicant.specialist_number.as_str(),
        demo.cases[0].diagnosis.as_str(),
        "様式3",
    ] {
        let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&value), "{value} in the bundle");
    }
}

/// The text of a written PDF (poppler's pdftotext, spaces and line breaks removed so a value
/// wrapped in its cell reads whole).
fn bundle_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run: {e}"));
    assert!(
        out.status.success(),
        "{}: not a readable PDF",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether the check box labelled `label` is ticked.
fn ticked(h: &Harness<'_, App>, label: &str) -> bool {
    let node = h.get_by_label(label);
    matches!(
        egui_kittest::kittest::NodeT::accesskit_node(&node).toggled(),
        Some(egui::accesskit::Toggled::True)
    )
}

#[test]
fn the_export_folder_and_the_per_form_box_are_each_application_s_own_and_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("佐藤.ron"), dir.path().join("鈴木.ron"));
    for f in [&a, &b] {
        jsog_renewal::store::save(&jsog_renewal::demo::application(), f).expect("save");
    }
    let chosen = dir.path().join("佐藤先生の提出書類");
    let per_form = "様式ごとのファイルも書き出す";
    let mut app = App::new(AppOptions::default());
    app.open_path(&a).expect("opens");
    app.show_page(Page::Export);
    app.set_export_folder(&chosen);
    let mut h = harness(app);
    h.run();
    h.get_by_label(&chosen.display().to_string());
    h.get_by_label(per_form).click();
    h.run();
    assert!(ticked(&h, per_form));

    // Another doctor's file: its own default folder beside it, the box as it was never ticked.
    h.state_mut().open_path(&b).expect("opens");
    h.run();
    let beside_b = dir
        .path()
        .join(jsog_renewal::ui::text::export_folder_name("鈴木"));
    h.get_by_label(&beside_b.display().to_string());
    assert!(!ticked(&h, per_form));

    // Back to the first: what was chosen for it.
    h.state_mut().open_path(&a).expect("opens");
    h.run();
    h.get_by_label(&chosen.display().to_string());
    assert!(ticked(&h, per_form));

    // A restart: the settings carry it (eframe stores them as they are serialised).
    let settings = h.state().settings().clone();
    let text = ron::to_string(&settings).expect("settings serialise");
    let settings = ron::from_str(&text).expect("and read back");
    let mut again = App::new(AppOptions {
        settings,
        ..AppOptions::default()
    });
    again.open_path(&a).expect("opens");
    again.show_page(Page::Export);
    let mut h = harness(again);
    h.run();
    h.get_by_label(&chosen.display().to_string());
    assert!(ticked(&h, per_form));
}

#[test]
fn every_page_opens_from_the_navigation_with_every_widget_named() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    for (page, label) in [
        (Page::Work, "勤務実態（様式2）"),
        (Page::Cases, "症例一覧（様式3）"),
        (Page::Common, "共通講習"),
        (Page::Domain, "産婦人科領域講習"),
        (Page::Activity, "学術業績・その他"),
        (Page::Summary, "集計とチェック（様式4）"),
        (Page::Export, "出力（PDF）"),
        (Page::Applicant, "申請者情報（様式1）"),
    ] {
        h.get(By::new().role(Role::Button).label_contains(label))
            .click();
        h.run();
        assert_eq!(h.state().page(), page, "{label}");
    }
}

#[test]
fn japanese_typed_through_the_ime_lands_in_the_field() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    h.get_by_label("所属地方学会").focus();
    h.run();
    h.key_press(Key::End);
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "とうきょう".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("東京".into())));
    h.key_press(Key::Enter);
    h.run();
    let society = &h.state().application().applicant.regional_society;
    assert_eq!(society, "みほん地方産科婦人科学会東京");
    assert!(!society.contains("とうきょう"));
}

#[test]
fn shortcuts_duplicate_and_delete_the_row_being_edited() {
    let mut h = harness(demo_with_cases(5));
    h.state_mut().show_page(Page::Cases);
    h.run();
    h.get_by_label("症例2 診断名").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::D);
    h.run();
    let cases = &h.state().application().cases;
    assert_eq!(cases.len(), 6);
    assert_eq!(cases.get(1), cases.get(2), "the copy follows its original");

    h.get_by_label("症例4 診断名").click();
    h.run();
    let fourth = h.state().application().cases.get(3).cloned();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Delete);
    h.run();
    let cases = &h.state().application().cases;
    assert_eq!(cases.len(), 5);
    assert_ne!(cases.get(3), fourth.as_ref());
    h.get_by_label_contains("症例 5 件");
}

/// A new window on the domain-lecture page with one lecture added through the keyboard: dated
/// 2023/5/1, titled `title`, 形態 講師 picked by its number. Returns the window and the credit's
/// index.
fn domain_lecture_given(title: &str) -> (Harness<'static, App>, usize) {
    let mut app = App::new(AppOptions::default());
    app.show_page(Page::Domain);
    let mut h = harness(app);
    h.run();
    let i = h.state().application().credits.len();
    let row = i + 1;
    h.get_by_label("単位を追加").click();
    h.run();
    h.get_by_label(&format!("単位{row} 日付"))
        .type_text("2023/5/1");
    h.run();
    h.get_by_label(&format!("単位{row} 講習名・演題名・論文名"))
        .focus();
    h.run();
    h.get_by_label("単位を追加").type_text(title);
    h.run();
    h.get_by_label(&format!("単位{row} 形態")).focus();
    h.run();
    h.get_by_label("単位を追加").type_text("2"); // 講師
    h.run();
    (h, i)
}

#[test]
fn lecturing_units_follow_the_minutes_and_are_not_typed() {
    let (mut h, i) = domain_lecture_given("産科救急の実際");
    let row = i + 1;
    let units = |h: &Harness<'_, App>| {
        h.state()
            .report()
            .and_then(|r| r.credit_units.get(i).copied())
    };
    assert_eq!(units(&h), Some(0), "no minutes are assumed for a lecture");
    // No typed units field for a lecture: the cell shows the computed figure.
    assert!(h.query_by_label(&format!("単位{row} 単位")).is_none());

    h.get_by_label(&format!("単位{row} 講演時間（分）")).focus();
    h.run();
    h.key_press(Key::Backspace);
    h.key_press(Key::Backspace);
    h.get_by_label("単位を追加").type_text("45");
    h.run();
    assert_eq!(units(&h), Some(1), "30–59 minutes: 1 unit");
}

#[test]
fn the_verdict_panel_names_provisional_criteria() {
    let mut app = App::new(AppOptions::default());
    app.set_application(Application::new(2027));
    let mut h = harness(app);
    h.run();
    let notice = jsog_renewal::rules::RuleSet::for_year(2027)
        .expect("rules")
        .provisional_notice()
        .expect("FY2027 is provisional");
    h.get_by_label(&notice);

    let mut official = App::new(AppOptions::default());
    official.set_application(Application::new(2024));
    let mut h = harness(official);
    h.run();
    assert!(h.query_by_label_contains("暫定基準").is_none());
}

// ---------------------------------------------------------------------------------------------
// The window on a laptop: 1280×800 (the default) and 1024×700 (many hospital PCs).

/// The app in a window of `width`×`height`.
fn harness_sized(app: App, width: f32, height: f32) -> Harness<'static, App> {
    window(width, height).with_text_style().app(app)
}

/// The demo, whose tables have rows in every category.
fn demo_app() -> App {
    let mut app = App::new(AppOptions::default());
    app.set_application(jsog_renewal::demo::application());
    app
}

/// The left edge of the verdict panel: the page's tables must end before it.
fn verdict_left(h: &Harness<'_, App>) -> f32 {
    h.get_by_label("判定").rect().min.x
}

/// The right edge of the side navigation: the page's tables start after it.
fn nav_right(h: &Harness<'_, App>) -> f32 {
    h.get(By::new().role(Role::Button).label_contains("申請者情報"))
        .rect()
        .max
        .x
}

/// The demo as of `today`, with the verdict panel open whatever the window's width.
fn demo_on(today: NaiveDate) -> App {
    crate::common::window::app_on(today, jsog_renewal::demo::application())
}

#[test]
fn the_verdict_panel_shows_the_progress_chart_in_small_under_the_total() {
    let today = NaiveDate::from_ymd_opt(2022, 10, 15).expect("date");
    let mut h = harness_sized(demo_on(today), 1280.0, 800.0);
    h.run();
    let total = h.get_by_label("合計 52 / 50 単位").rect();
    let chart = h.get_by_label("単位の推移（合計）").rect();
    assert!(
        chart.min.y >= total.max.y,
        "under the total: {chart:?} {total:?}"
    );
    assert!(
        chart.min.x >= verdict_left(&h) - 0.5,
        "in the panel: {chart:?}"
    );
    assert!(
        (chart.height() - 90.0).abs() < 1.0,
        "about 90 px high: {chart:?}"
    );
    h.get_by_label("2019/5～2024/4（縦線が今日）");
    // The findings keep room for a few lines below the categories.
    let findings = h.get_by_label("確認事項").rect();
    assert!(
        findings.max.y < 800.0 - 150.0,
        "findings pushed down to {findings:?}"
    );

    // After the period there is no today to mark.
    let after = NaiveDate::from_ymd_opt(2024, 5, 10).expect("date");
    let mut h = harness_sized(demo_on(after), 1280.0, 800.0);
    h.run();
    h.get_by_label("単位の推移（合計）");
    h.get_by_label("2019/5～2024/4");

    // A 700 px window has no room for it beside the findings: the 集計 page keeps the chart.
    let mut h = harness_sized(demo_on(today), 1024.0, 700.0);
    h.run();
    h.get_by_label("判定");
    assert!(h.query_by_label("単位の推移（合計）").is_none());
    h.get_by_label("確認事項");
}

const CASE_HEADERS: [&str; 10] = [
    "No.",
    "診察日",
    "年齢",
    "性別",
    "診断名",
    "検査・処置・投薬等",
    "転帰",
    "診療施設名",
    "担当医/指導医",
    "操作",
];

fn credit_headers(page: Page) -> Vec<&'static str> {
    let fourth = if page == Page::Activity {
        "立場"
    } else {
        "形態"
    };
    vec![
        "区分",
        "日付",
        "講習名・演題名・論文名",
        fourth,
        "講演時間（分）",
        "単位",
        "ポータル登録済み",
        "証明書類を同封",
        "主催者・学会名・雑誌名",
        "備考",
        "操作",
    ]
}

/// Every node labelled `title` lies between the navigation and the verdict panel.
fn assert_in_view(h: &Harness<'_, App>, page: Page, title: &str) {
    let (left, right) = (nav_right(h), verdict_left(h));
    let nodes: Vec<_> = h.get_all_by_label(title).collect();
    assert!(!nodes.is_empty(), "{page:?}: no header {title}");
    for node in nodes {
        let r = node.rect();
        // The table's own vertical scroll bar takes the last 12 px before the panel.
        assert!(
            r.min.x >= left - 0.5 && r.max.x <= right - 12.0 && r.max.y <= 800.0,
            "{page:?}: header {title} at {r:?} is outside the page ({left}..{right})"
        );
    }
}

#[test]
fn at_1280x800_every_column_of_every_table_is_in_view() {
    let mut h = harness_sized(demo_app(), 1280.0, 800.0);
    for page in [Page::Cases, Page::Common, Page::Domain, Page::Activity] {
        h.state_mut().show_page(page);
        h.run();
        let headers = match page {
            Page::Cases => CASE_HEADERS.to_vec(),
            _ => credit_headers(page),
        };
        for title in headers {
            assert_in_view(&h, page, title);
        }
    }
}

#[test]
fn column_titles_are_whole_in_their_columns_and_break_only_between_words() {
    for (w, hgt) in [(1280.0, 800.0), (1024.0, 700.0)] {
        let mut h = harness_sized(demo_app(), w, hgt);
        for page in [Page::Cases, Page::Common, Page::Activity] {
            h.state_mut().show_page(page);
            h.run();
            let headers = match page {
                Page::Cases => CASE_HEADERS.to_vec(),
                _ => credit_headers(page),
            };
            // Titles are drawn unwrapped (their lines end only where they break between words),
            // so a column too narrow for its title would make it run into the next one.
            let rects: Vec<egui::Rect> = headers
                .iter()
                .map(|t| h.get_all_by_label(t).next().expect("header").rect())
                .collect();
            for (pair, names) in rects.windows(2).zip(headers.windows(2)) {
                assert!(
                    pair[0].right() <= pair[1].left() + 0.5,
                    "{w}: {page:?}: 「{}」 runs into 「{}」: {:?} {:?}",
                    names[0],
                    names[1],
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}

/// The demo's case page at 1024×700 with the verdict panel kept open by the user (it folds
/// itself at this width), so the table must scroll sideways.
fn cases_at_1024_with_the_verdict_open() -> Harness<'static, App> {
    let mut app = App::new(AppOptions {
        settings: jsog_renewal::ui::persist::Settings {
            verdict_folded: Some(false),
            ..Default::default()
        },
        ..AppOptions::default()
    });
    app.set_application(jsog_renewal::demo::application());
    let mut h = harness_sized(app, 1024.0, 700.0);
    h.state_mut().show_page(Page::Cases);
    h.run();
    h
}

#[test]
fn at_1024x700_the_row_identity_stays_pinned_and_the_focused_cell_is_scrolled_into_view() {
    let mut h = cases_at_1024_with_the_verdict_open();
    let (left, right) = (nav_right(&h), verdict_left(&h));
    // Before scrolling the last columns are out of view: the table really is too wide here.
    let role = h.get_by_label("症例1 担当医/指導医").rect();
    assert!(role.max.x > right, "the table fits at 1024 px ({role:?})");

    // Tab from the first cell to the last one of the row, as a user typing would.
    h.get_by_label("症例1 診断名").focus();
    h.run();
    for _ in 0..4 {
        h.key_press(Key::Tab);
        h.run();
    }
    let focused = h.get_by_label("症例1 担当医/指導医");
    assert!(focused.is_focused(), "Tab reached the last cell");
    let r = focused.rect();
    assert!(
        r.min.x >= left && r.max.x <= right,
        "the focused cell {r:?} is in view ({left}..{right})"
    );
    // The row's No. and date are pinned on the left, over the scrolled columns.
    for title in ["No.", "診察日"] {
        let pinned = h
            .get_all_by_label(title)
            .map(|n| n.rect())
            .filter(|r| r.min.x >= left - 0.5 && r.max.x <= right)
            .count();
        assert_eq!(pinned, 1, "{title} is shown once, pinned");
    }

    // The credit tables pin 区分 and date the same way.
    for page in [Page::Common, Page::Domain, Page::Activity] {
        h.state_mut().show_page(page);
        h.run();
        let first = h
            .state()
            .application()
            .credits
            .iter()
            .position(|c| {
                use jsog_renewal::model::CreditKind;
                matches!(
                    (page, c.kind),
                    (Page::Common, CreditKind::Common(_))
                        | (Page::Domain, CreditKind::Domain)
                        | (Page::Activity, CreditKind::Activity(_))
                )
            })
            .expect("the demo has credits on every page");
        let row = first + 1;
        h.get_by_label(&format!("単位{row} 講習名・演題名・論文名"))
            .focus();
        h.run();
        let note_label = format!("単位{row} 備考");
        for _ in 0..12 {
            if h.get_by_label(&note_label).is_focused() {
                break;
            }
            h.key_press(Key::Tab);
            h.run();
        }
        let note = h.get_by_label(&note_label);
        assert!(note.is_focused(), "{page:?}: Tab reached 備考");
        let r = note.rect();
        let right = verdict_left(&h);
        assert!(
            r.min.x >= left && r.max.x <= right,
            "{page:?}: the focused 備考 cell {r:?} is in view"
        );
        let pinned = h
            .get_all_by_label("区分")
            .filter(|n| n.rect().min.x >= left - 0.5 && n.rect().max.x <= right)
            .count();
        assert_eq!(pinned, 1, "{page:?}: 区分 is pinned");
    }
}

#[test]
fn enter_on_the_last_pick_list_cell_adds_a_row_and_alt_down_opens_the_list() {
    let mut h = harness_sized(demo_with_cases(3), 1280.0, 800.0);
    h.state_mut().show_page(Page::Cases);
    h.run();
    let role = h.get_by_label("症例3 担当医/指導医");
    role.focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().application().cases.len(), 4, "Enter added a row");
    assert!(
        h.get_by_label("症例4 診察日").is_focused(),
        "the new row's first cell has the focus"
    );
    // Enter on a pick-list of a row that is not the last goes to the next row.
    h.get_by_label("症例2 転帰").focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().application().cases.len(), 4);
    assert!(h.get_by_label("症例3 診察日").is_focused());
    // Alt+↓ opens the list.
    h.get_by_label("症例4 性別").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(h.query_by_label("未選択").is_some(), "the list is open");

    // The same in a credit table, where the last cells are check boxes and text.
    let mut application = jsog_renewal::demo::application();
    application
        .credits
        .retain(|c| c.kind == jsog_renewal::model::CreditKind::Domain);
    application.credits.truncate(3);
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness_sized(app, 1280.0, 800.0);
    h.state_mut().show_page(Page::Domain);
    h.run();
    let credits = &h.state().application().credits;
    let before = credits.len();
    let last = credits
        .iter()
        .rposition(|c| c.kind == jsog_renewal::model::CreditKind::Domain)
        .expect("the demo has 領域講習");
    let mode = credits.get(last).map(|c| c.mode);
    h.get_by_label(&format!("単位{} 形態", last + 1)).focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().application().credits.len(), before + 1);
    assert_eq!(
        h.state().application().credits.get(last).map(|c| c.mode),
        mode,
        "Enter did not change the pick-list"
    );
}

#[test]
fn lecture_minutes_start_empty_are_required_and_are_replaced_when_typed() {
    let (mut h, i) = domain_lecture_given("周産期の講演");
    let row = i + 1;
    let credit = h.state().application().credits.get(i).cloned();
    assert_eq!(
        credit.map(|c| c.mode),
        Some(jsog_renewal::model::Mode::Lectured { minutes: 0 }),
        "no minutes are assumed"
    );
    let units = |h: &Harness<'_, App>| {
        h.state()
            .report()
            .and_then(|r| r.credit_units.get(i).copied())
    };
    assert_eq!(units(&h), Some(0));
    h.get_by_label_contains("講演時間（分）を入力してください");
    let minutes_label = format!("単位{row} 講演時間（分）");
    let minutes = h.get_by_label(&minutes_label);
    assert_eq!(
        minutes.value().as_deref(),
        Some(""),
        "the field starts empty"
    );
    minutes.focus();
    h.run();
    h.get_by_label("単位を追加").type_text("60");
    h.run();
    assert_eq!(units(&h), Some(2));
    // Focus elsewhere and back: the content is selected, so typing replaces it.
    h.get_by_label(&format!("単位{row} 講習名・演題名・論文名"))
        .focus();
    h.run();
    h.get_by_label(&format!("単位{row} 講演時間（分）")).focus();
    h.run();
    h.get_by_label("単位を追加").type_text("45");
    h.run();
    assert_eq!(
        h.state().application().credits.get(i).map(|c| c.mode),
        Some(jsog_renewal::model::Mode::Lectured { minutes: 45 }),
        "45 replaced 60 (not 6045)"
    );
    assert_eq!(units(&h), Some(1));
}

/// Sends the window's close button.
fn request_close(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// Puts the cursor in the cell named `cell`, types `text` (replacing what it holds) and leaves
/// with Tab.
fn type_into(h: &mut Harness<'_, App>, cell: &str, text: &str) {
    h.get_by_label(cell).focus();
    h.run();
    h.get_by_label(cell).type_text(text);
    h.run();
    h.key_press(Key::Tab);
    h.run();
}

#[test]
fn a_date_that_does_not_read_is_kept_as_typed_flagged_saved_and_asked_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    let mut h = harness(demo_with_cases(3));
    h.state_mut().save_to(&path).expect("save");
    h.state_mut().show_page(Page::Cases);
    h.run();
    assert!(!h.state().is_dirty());
    // 2023/2/3 reads as a date on the way; the whole text 2023/2/30 does not.
    type_into(&mut h, "症例2 診察日", "2023/2/30");
    let case = h.state().application().cases[1].clone();
    assert_eq!(case.date, None, "no date the doctor did not mean");
    assert_eq!(
        case.unread.get(&CaseField::Date).map(String::as_str),
        Some("2023/2/30"),
        "the text is part of the document"
    );
    assert_eq!(
        h.get_by_label("症例2 診察日").value().as_deref(),
        Some("2023/2/30"),
        "the cell shows what the document holds"
    );
    let about_it: Vec<_> = h
        .state()
        .report()
        .expect("report")
        .findings
        .iter()
        .filter(|f| f.path == FieldPath::Case(1, CaseField::Date))
        .cloned()
        .collect();
    assert_eq!(about_it.len(), 1, "one finding on the cell: {about_it:?}");
    assert_eq!(about_it[0].severity, Severity::Error, "要対応");
    assert!(about_it[0].message.contains("「2023/2/30」を読めません"));
    h.get_by_label_contains("症例2：診察日「2023/2/30」を読めません");
    assert!(h.state().window_title().starts_with('●'), "dirty title");
    assert!(!h.state().report().expect("report").passes);

    // Export stops and lists the cell; 移動 leads back to it.
    h.state_mut().show_page(Page::Export);
    h.run();
    h.get_by_label_contains("症例2：診察日「2023/2/30」は読めないため");
    h.get_by_label("PDFを書き出す").click();
    h.run();
    h.get_by_label("読めない入力があります");
    h.get_by_label("症例2：診察日「2023/2/30」");
    h.get_by_label("移動").click();
    h.run();
    h.run();
    assert_eq!(h.state().page(), Page::Cases);
    assert!(
        h.get_by_label("症例2 診察日").is_focused(),
        "the cursor is in the cell"
    );

    // Quitting asks.
    request_close(&mut h);
    h.step();
    h.run();
    h.get_by_label("保存されていない変更があります");
    h.get_by_label("キャンセル").click();
    h.run();

    // Saved, the file holds the text as typed, and it comes back in the cell.
    h.state_mut().save_to(&path).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("2023/2/30"), "{saved}");
    assert!(
        !saved.contains("2023-02-03"),
        "no prefix's value in the file"
    );
    let back = jsog_renewal::store::load(&path).expect("load");
    assert_eq!(&back, h.state().application());
}

#[test]
fn text_typed_over_a_date_replaces_it_and_a_correction_clears_the_finding() {
    let mut h = harness(demo_with_cases(3));
    h.state_mut().show_page(Page::Cases);
    h.run();
    let before = h.state().application().cases[0].date;
    assert!(before.is_some());
    type_into(&mut h, "症例1 診察日", "あした");
    let case = &h.state().application().cases[0];
    assert_eq!(case.date, None, "the old date does not stay underneath");
    assert_eq!(
        case.unread.get(&CaseField::Date).map(String::as_str),
        Some("あした")
    );
    // Corrected: the value is back and the text is gone from the document.
    type_into(&mut h, "症例1 診察日", "2023/4/1");
    let case = &h.state().application().cases[0];
    assert_eq!(case.date, NaiveDate::from_ymd_opt(2023, 4, 1));
    assert!(case.unread.is_empty());
    assert!(h.query_by_label_contains("「あした」").is_none());
}

/// The width of `text` in the app's body font, measured in a window of its own.
fn text_width(text: &str) -> f32 {
    let ctx = egui::Context::default();
    jsog_renewal::ui::install_fonts(&ctx);
    let mut width = 0.0;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let font = egui::TextStyle::Body.resolve(ui.style());
        width = ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
                .size()
                .x
        });
    });
    output.textures_delta.clear();
    width
}

#[test]
fn an_age_of_150_is_shown_whole_in_its_cell() {
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(3);
    application.cases[0].age = Some(150);
    for (w, hgt) in [(1280.0, 800.0), (1024.0, 700.0)] {
        let mut app = App::new(AppOptions::default());
        app.set_application(application.clone());
        let mut h = harness_sized(app, w, hgt);
        h.state_mut().show_page(Page::Cases);
        h.run();
        let cell = h.get_by_label("症例1 年齢").rect();
        let needed = text_width("150");
        // The text field's inner margins (4 pt each side) and the digits.
        assert!(
            cell.width() >= needed + 8.0,
            "{w}: the age cell {} holds 150 ({needed})",
            cell.width()
        );
    }
}

#[test]
fn a_blank_mail_to_address_and_no_work_history_are_findings_and_export_warns() {
    let mut application = jsog_renewal::demo::application();
    application.applicant.mail_to = jsog_renewal::model::MailTo::Work;
    application.applicant.work.address.address.clear();
    application.workplaces.clear();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    app.show_page(Page::Export);
    let mut h = harness(app);
    h.run();
    let mail = "郵便物送付先が「勤務先」ですが、勤務先住所が未入力です";
    let work = "勤務実態（様式2）が1件も入力されていません";
    assert!(
        h.get_all_by_label(mail).count() >= 2,
        "verdict panel and export page"
    );
    assert!(
        h.get_all_by_label(work).count() >= 2,
        "verdict panel and export page"
    );
    assert!(
        h.query_by_label("印刷で欠ける項目は見つかりませんでした")
            .is_none()
    );
}

#[test]
fn the_in_app_chooser_opens_saves_and_picks_the_export_folder_without_a_dialog_service() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("わたしの申請.ron");
    let mut h = harness(demo_with_cases(3));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run();
    // The demo is never saved over: a name is asked for, in the window itself.
    assert!(h.state().is_choosing_file());
    h.get_by_label("名前を付けて保存");
    let typed = h.get_by_label("保存するファイル（パスを入力して Enter）");
    assert!(typed.is_focused());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("保存するファイル（パスを入力して Enter）")
        .type_text(&path.display().to_string());
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().is_choosing_file());
    assert_eq!(h.state().file(), Some(path.as_path()));
    assert_eq!(
        jsog_renewal::store::load(&path).expect("saved").cases.len(),
        3
    );

    // Opening lists the folder (the file is there) and recent folders.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("申請ファイルを開く");
    h.get_by_label("わたしの申請.ron");
    h.get_by_label("最近のフォルダ");
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(!h.state().is_choosing_file());

    // The export page starts with a folder beside the file, and can choose another.
    h.state_mut().show_page(Page::Export);
    h.run();
    let beside = dir.path().join("わたしの申請_PDF");
    h.get_by_label(&beside.display().to_string());
    h.get_by_label("フォルダを選ぶ…").click();
    h.run();
    h.get_by_label("出力先フォルダを選ぶ");
    let other = dir.path().join("提出用");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("場所（パスを入力して Enter）")
        .type_text(&other.display().to_string());
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(&other.display().to_string());
}

#[test]
fn the_start_screen_offers_the_four_ways_in_and_the_demo_is_marked() {
    let options = AppOptions {
        start_screen: true,
        ..AppOptions::default()
    };
    let mut h = harness(App::new(options));
    h.run();
    assert!(h.state().is_start_screen());
    for label in ["新規作成", "開く", "表から取り込む", "見本を見る"] {
        h.get(By::new().role(Role::Button).label(label));
    }
    assert!(
        h.get_by_role_and_label(Role::Button, "新規作成")
            .is_focused()
    );
    h.get_by_role_and_label(Role::Button, "見本を見る").click();
    h.run();
    assert!(!h.state().is_start_screen());
    h.get_by_label_contains("見本：架空の記入例です");
    assert!(h.state().window_title().contains("見本"));
}

/// The whole path by keyboard only, with no file-dialog service (the in-app chooser): new file,
/// three cases, credits, save, export.
#[test]
fn the_whole_keyboard_path_needs_no_mouse_and_no_dialog_service() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("申請.ron");
    let options = AppOptions {
        start_screen: true,
        // FY2026 is offered (its period 2021-05-01…2026-04-30 holds the 2023 cases typed below),
        // whatever the machine's date.
        today: chrono::NaiveDate::from_ymd_opt(2025, 12, 1),
        ..AppOptions::default()
    };
    let mut h = harness_sized(App::new(options), 1280.0, 800.0);
    h.run();
    let typing = |h: &mut Harness<'_, App>, text: &str| {
        h.event(egui::Event::Text(text.to_owned()));
        h.run();
    };
    let key = |h: &mut Harness<'_, App>, key: Key| {
        h.key_press(key);
        h.run();
    };
    let ctrl = |h: &mut Harness<'_, App>, key: Key| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, key);
        h.run();
    };
    // Start screen: 新規作成 has the focus; Enter, then Enter on 作成.
    key(&mut h, Key::Enter);
    key(&mut h, Key::Enter);
    assert!(!h.state().is_start_screen());
    assert!(h.state().application().cases.is_empty());
    assert_eq!(h.state().application().fiscal_year, 2026);

    // 症例一覧: Ctrl+3, the focus is on 症例を追加; Enter adds the first row.
    ctrl(&mut h, Key::Num3);
    assert_eq!(h.state().page(), Page::Cases);
    key(&mut h, Key::Enter);
    for (n, (date, age, diagnosis)) in [
        ("2023/4/3", "34", "子宮筋腫"),
        ("2023/5/8", "41", "卵巣嚢腫"),
        ("2023/6/12", "29", "切迫早産"),
    ]
    .into_iter()
    .enumerate()
    {
        typing(&mut h, date);
        key(&mut h, Key::Tab);
        typing(&mut h, age);
        key(&mut h, Key::Tab); // 性別: 女 is preset
        key(&mut h, Key::Tab);
        typing(&mut h, diagnosis);
        key(&mut h, Key::Tab);
        typing(&mut h, "腹腔鏡下手術");
        key(&mut h, Key::Tab);
        typing(&mut h, "1"); // 転帰: the first option
        key(&mut h, Key::Tab);
        typing(&mut h, "みほん病院");
        key(&mut h, Key::Tab);
        typing(&mut h, "1"); // 担当医
        if n < 2 {
            // Enter on the last (pick-list) cell of the last row: a new row.
            key(&mut h, Key::Enter);
        }
    }
    let cases = &h.state().application().cases;
    assert_eq!(cases.len(), 3);
    assert!(
        cases.iter().all(|c| c.date.is_some()
            && c.age.is_some()
            && !c.diagnosis.is_empty()
            && !c.outcome.is_empty()
            && !c.role.is_empty()
            && c.facility == "みほん病院"),
        "{cases:?}"
    );
    assert_eq!(h.state().report().map(|r| r.cases_valid), Some(3));

    // 共通講習: Ctrl+4, Enter on 単位を追加, then the row by Tab.
    ctrl(&mut h, Key::Num4);
    assert_eq!(h.state().page(), Page::Common);
    key(&mut h, Key::Enter);
    typing(&mut h, "2023/7/1");
    key(&mut h, Key::Tab);
    typing(&mut h, "医療安全講習会");
    key(&mut h, Key::Tab);
    typing(&mut h, "1"); // 受講: no minutes, so Tab goes on to the units
    key(&mut h, Key::Tab);
    typing(&mut h, "1");
    key(&mut h, Key::Tab);
    key(&mut h, Key::Space); // ポータル登録済み
    key(&mut h, Key::Tab);
    key(&mut h, Key::Space); // 証明書類を同封
    let credit = h
        .state()
        .application()
        .credits
        .first()
        .cloned()
        .unwrap_or_default();
    assert_eq!(credit.title, "医療安全講習会");
    assert_eq!(credit.units, 1);
    assert!(credit.on_portal);
    assert!(credit.date.is_some());

    // Save: Ctrl+S, the in-app chooser, a typed path, Enter.
    ctrl(&mut h, Key::S);
    assert!(h.state().is_choosing_file());
    ctrl(&mut h, Key::A);
    typing(&mut h, &file.display().to_string());
    key(&mut h, Key::Enter);
    assert_eq!(h.state().file(), Some(file.as_path()));
    assert!(!h.state().is_dirty());
    let saved = jsog_renewal::store::load(&file).expect("saved file");
    assert_eq!(saved.cases.len(), 3);
    assert_eq!(saved.credits.len(), 1);

    // Export: Ctrl+8, the focus is on PDFを書き出す, into the folder beside the file.
    ctrl(&mut h, Key::Num8);
    assert_eq!(h.state().page(), Page::Export);
    // The application does not pass yet: the dialog names what is missing, and Enter on its
    // first button prints the bundle marked 下書き.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("この申請は更新基準を満たしていません");
    h.key_press(Key::Enter);
    // The bundle is written on a thread: step frames while it runs.
    wait_for_export(&mut h);
    h.get_by_label_contains("を書き出しました");
    // Beside the file, the bundle holds what was typed: the three cases and the credit.
    let text = bundle_text(&dir.path().join("申請_PDF").join("更新申請書類一式.pdf"));
    for typed in [
        "子宮筋腫",
        "卵巣嚢腫",
        "切迫早産",
        "みほん病院",
        "医療安全講習会",
    ] {
        assert!(text.contains(typed), "{typed} in the bundle");
    }
}

#[test]
fn save_and_continue_waits_for_the_in_app_chooser_then_continues() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("途中.ron");
    let mut h = harness(demo_with_cases(3));
    h.run();
    assert!(h.state().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("保存する").click();
    h.run();
    h.get_by_label("名前を付けて保存");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("保存するファイル（パスを入力して Enter）")
        .type_text(&path.display().to_string());
    h.key_press(Key::Enter);
    h.run();
    assert!(path.exists(), "saved first");
    assert!(!h.state().is_dirty());
    // Then what was asked for goes on: the open chooser.
    h.get_by_label("申請ファイルを開く");
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(!h.state().is_choosing_file());
}

#[test]
fn importing_from_the_start_screen_starts_a_new_application_and_asks_for_the_sheet() {
    let options = AppOptions {
        start_screen: true,
        ..AppOptions::default()
    };
    let mut h = harness(App::new(options));
    h.run();
    h.get_by_role_and_label(Role::Button, "表から取り込む")
        .click();
    h.run();
    assert!(!h.state().is_start_screen());
    assert!(h.state().application().cases.is_empty());
    assert!(h.state().is_choosing_file());
    h.get_by_label("取り込む表を選ぶ");
    h.get_by_label("症例を表から取り込む");
}

// ---- Every field a finding can name has a place in the window ----

/// The name the window gives the widget of `path`: the form row's label, or the table cell's.
fn widget_label(path: FieldPath) -> Option<String> {
    use jsog_renewal::ui::text;
    Some(match path {
        FieldPath::Application(f) => f.label().to_string(),
        FieldPath::Applicant(f) => f.row_label().to_string(),
        FieldPath::Workplace(_, f) => f.label().to_string(),
        FieldPath::Pause(_, f) => f.label().to_string(),
        FieldPath::Case(i, CaseField::Role) => text::case_cell(i + 1, text::COL_ROLE),
        FieldPath::Case(i, f) => text::case_cell(i + 1, f.label()),
        FieldPath::Credit(i, f) => text::credit_cell(i + 1, f.label()),
        FieldPath::Total | FieldPath::Font | FieldPath::Category(_) | FieldPath::Topic(_) => {
            return None;
        }
    })
}

/// The page that shows the field of `path`.
fn owning_page(path: FieldPath, app: &Application) -> Page {
    match path {
        FieldPath::Credit(i, _) => match app.credits.get(i).map(|c| c.kind) {
            Some(CreditKind::Common(_)) => Page::Common,
            Some(CreditKind::Domain) => Page::Domain,
            _ => Page::Activity,
        },
        FieldPath::Case(..) => Page::Cases,
        FieldPath::Workplace(..) => Page::Work,
        _ => Page::Applicant,
    }
}

/// Checks that the page holding the field of `path` is shown with the cursor in that field.
fn assert_cursor_in(h: &Harness<'_, App>, path: FieldPath, label: &str) {
    let page = owning_page(path, h.state().application());
    assert_eq!(h.state().page(), page, "{path} opens {page:?}");
    assert!(
        h.get_all_by_label(label).any(|n| n.is_focused()),
        "{path}: the cursor is in 「{label}」"
    );
}

/// Follows `path` as a click on its finding does, from another page.
fn assert_goes_to(h: &mut Harness<'_, App>, path: FieldPath) {
    let Some(label) = widget_label(path) else {
        return;
    };
    h.state_mut().show_page(Page::Summary);
    h.run();
    h.state_mut().go_to(path);
    h.run();
    assert_cursor_in(h, path, &label);
}

#[test]
fn every_field_of_a_record_has_a_cell_that_takes_the_cursor() {
    let mut application = jsog_renewal::demo::application();
    application
        .pauses
        .push(jsog_renewal::model::Pause::default());
    let mut app = App::new(AppOptions::default());
    app.set_application(application.clone());
    assert!(!application.workplaces.is_empty() && application.cases.len() > 3);
    let mut h = harness(app);
    h.run();
    let paths = (ApplicationField::ALL
        .into_iter()
        .map(FieldPath::Application))
    .chain(ApplicantField::ALL.into_iter().map(FieldPath::Applicant))
    .chain(
        WorkplaceField::ALL
            .into_iter()
            .map(|f| FieldPath::Workplace(0, f)),
    )
    .chain(
        jsog_renewal::model::PauseField::ALL
            .into_iter()
            .map(|f| FieldPath::Pause(0, f)),
    )
    .chain(CaseField::ALL.into_iter().map(|f| FieldPath::Case(3, f)));
    for path in paths {
        assert_goes_to(&mut h, path);
    }
}

/// One thing wrong with the demo (which has no findings), each making a finding about a field.
type Breakage = fn(&mut Application);

/// A credit of `kind` dated like the demo's credits.
fn dated_credit(a: &Application, kind: CreditKind, mode: Mode) -> Credit {
    Credit {
        kind,
        date: a.credits.iter().find_map(|c| c.date),
        title: "講習".to_string(),
        mode,
        units: 1,
        ..Credit::default()
    }
}

const BREAKAGES: [Breakage; 18] = [
    |a| a.applicant.furigana.clear(),
    |a| a.applicant.specialist_number.clear(),
    |a| a.applicant.regional_society.clear(),
    |a| a.applicant.birth_date = None,
    |a| {
        a.applicant.mail_to = jsog_renewal::model::MailTo::Work;
        a.applicant.work.address.address.clear();
    },
    |a| a.application_date = NaiveDate::from_ymd_opt(2000, 1, 1),
    |a| {
        if let Some(w) = a.workplaces.first_mut() {
            w.days_per_week = Some(9.0);
        }
    },
    |a| {
        if let Some(c) = a.cases.get_mut(0) {
            c.date = None;
        }
    },
    |a| {
        if let Some(c) = a.cases.get_mut(1) {
            c.age = Some(130);
        }
    },
    |a| {
        if let Some(c) = a.cases.get_mut(2) {
            c.diagnosis.clear();
        }
    },
    |a| {
        if let Some(c) = a.cases.get_mut(3) {
            c.outcome.clear();
        }
    },
    |a| {
        if let Some(c) = a.cases.get_mut(4) {
            c.role.clear();
        }
    },
    |a| {
        let c = dated_credit(a, CreditKind::Domain, Mode::Attended);
        a.credits.push(Credit {
            title: String::new(),
            ..c
        });
    },
    |a| {
        let c = dated_credit(a, CreditKind::Common(CommonTopic::ALL[0]), Mode::Attended);
        a.credits.push(Credit { date: None, ..c });
    },
    |a| {
        let c = dated_credit(a, CreditKind::Domain, Mode::Attended);
        a.credits.push(Credit { units: 999, ..c });
    },
    |a| {
        let c = dated_credit(a, CreditKind::Domain, Mode::Lectured { minutes: 0 });
        a.credits.push(c);
    },
    |a| {
        let c = dated_credit(
            a,
            CreditKind::Activity(ActivityItem::MeetingAttendance),
            Mode::Attended,
        );
        a.credits.push(c);
    },
    |a| {
        let c = dated_credit(a, CreditKind::Domain, Mode::Attended);
        a.credits.push(Credit {
            on_portal: false,
            proof_enclosed: false,
            ..c
        });
    },
];

#[test]
fn clicking_any_finding_about_a_field_puts_the_cursor_in_it() {
    let mut named = std::collections::BTreeSet::new();
    for (n, breakage) in BREAKAGES.iter().enumerate() {
        let mut application = jsog_renewal::demo::application();
        breakage(&mut application);
        let mut app = App::new(AppOptions::default());
        app.set_application(application);
        let findings = app.report().map(|r| r.findings.clone()).unwrap_or_default();
        let mut h = harness(app);
        h.run();
        let left = verdict_left(&h);
        let mut fields = 0;
        for f in &findings {
            let Some(label) = widget_label(f.path) else {
                continue;
            };
            fields += 1;
            named.insert(f.path.to_string());
            h.state_mut().show_page(Page::Summary);
            h.run();
            h.get_all_by_label(&f.message)
                .find(|node| node.rect().min.x >= left - 1.0)
                .unwrap_or_else(|| panic!("「{}」 in the verdict panel", f.message))
                .click();
            h.run();
            assert_cursor_in(&h, f.path, &label);
        }
        assert!(fields > 0, "breakage {n} makes a finding about a field");
    }
    // The findings above name every kind of credit field the rules point to.
    for key in [
        "date",
        "title",
        "minutes",
        "units",
        "on_portal",
        "proof_enclosed",
    ] {
        assert!(
            named
                .iter()
                .any(|p| p.starts_with("credits[") && p.ends_with(key)),
            "a finding about credits[…].{key} in {named:?}"
        );
    }
}

#[test]
fn every_field_the_preflight_names_takes_the_cursor_when_followed() {
    // A character the forms cannot print (a control character, which the window shows as a
    // space) in every printed field.
    const MISSING: &str = "\t";
    let mut a = jsog_renewal::demo::application();
    let p = &mut a.applicant;
    for text in [
        &mut p.furigana,
        &mut p.name,
        &mut p.member_number,
        &mut p.specialist_number,
        &mut p.medical_registration_number,
        &mut p.work.facility,
        &mut p.work.department,
        &mut p.work.address.postal_code,
        &mut p.work.address.address,
        &mut p.work.address.phone,
        &mut p.home.postal_code,
        &mut p.home.address,
        &mut p.home.phone,
        &mut p.email,
        &mut p.regional_society,
    ] {
        text.push_str(MISSING);
    }
    if let Some(w) = a.workplaces.first_mut() {
        for text in [&mut w.facility, &mut w.location, &mut w.department] {
            text.push_str(MISSING);
        }
    }
    if let Some(c) = a.cases.get_mut(1) {
        for text in [
            &mut c.diagnosis,
            &mut c.treatment,
            &mut c.outcome,
            &mut c.facility,
            &mut c.role,
        ] {
            text.push_str(MISSING);
        }
    }
    if let Some(c) = a.credits.first_mut() {
        for text in [&mut c.title, &mut c.organiser, &mut c.note] {
            text.push_str(MISSING);
        }
    }
    let rules = jsog_renewal::rules::RuleSet::for_year(a.fiscal_year).expect("the demo's year");
    let findings = jsog_renewal::pdf::preflight(&a, &rules);
    let paths: std::collections::BTreeSet<String> =
        findings.iter().map(|f| f.path.to_string()).collect();
    // Each printed field once: 15 of the applicant, 3 of a workplace, 5 of a case, 3 of a credit.
    assert_eq!(paths.len(), 26, "{paths:?}");
    for key in [
        "applicant.work.phone",
        "applicant.work.postal_code",
        "applicant.work.address",
    ] {
        assert!(paths.contains(key), "{key} in {paths:?}");
    }
    let mut app = App::new(AppOptions::default());
    app.set_application(a);
    let mut h = harness(app);
    h.run();
    for f in &findings {
        assert_goes_to(&mut h, f.path);
    }
}

#[test]
fn the_file_menu_shows_each_shortcut_from_the_command_table() {
    use egui_kittest::kittest::NodeT;
    use jsog_renewal::ui::commands::Command;
    let mut h = harness(demo_with_cases(3));
    h.run();
    h.get_by_label("ファイル").click();
    h.run();
    let ctx = h.ctx.clone();
    for command in [Command::New, Command::Open, Command::Save, Command::SaveAs] {
        let keys = command
            .shortcut_text(&ctx)
            .expect("these commands have a shortcut");
        let shown = h
            .query_all_by_role(Role::Button)
            .filter_map(|n| NodeT::accesskit_node(&n).label())
            .any(|label| label.contains(command.text()) && label.contains(&keys));
        assert!(shown, "{} is listed with {keys}", command.text());
    }
    // The shortcut shown is the one that works.
    h.get_by_label("ファイル").click();
    h.run();
    h.state_mut().show_page(Page::Applicant);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num3);
    h.run();
    assert_eq!(h.state().page(), Page::Cases);
}

/// The right edge of the case table's column titles, after checking that each starts right of
/// the side navigation.
fn case_columns_right(h: &Harness<'_, App>) -> f32 {
    let left = nav_right(h);
    CASE_HEADERS
        .iter()
        .flat_map(|title| {
            h.get_all_by_label(title)
                .map(|n| n.rect())
                .collect::<Vec<_>>()
        })
        .inspect(|rect| {
            assert!(
                rect.left() >= left - 0.5,
                "{rect:?} is under the navigation"
            )
        })
        .map(|rect| rect.right())
        .fold(0.0, f32::max)
}

#[test]
fn the_folded_verdict_panel_gives_the_case_table_all_its_columns_at_1024() {
    use jsog_renewal::ui::tokens::VERDICT_STRIP_WIDTH;
    let mut app = App::new(AppOptions::default());
    app.set_application(jsog_renewal::demo::application());
    app.show_page(Page::Cases);
    let mut h = window(1024.0, 700.0).app(app);
    h.run();
    // Below 1100 px the panel folds itself: the strip shows the verdict and the total.
    h.get_by_label("判定の欄を開く");
    assert!(h.query_by_label("判定の欄をたたむ").is_none());
    let report = h.state().report().expect("report").clone();
    h.get_by_label(if report.passes { "○" } else { "×" });
    h.get_by_label(&format!(
        "{}\n/{}",
        report.total_counted, report.total_required
    ));
    // Every column title is in view, left of the strip: nothing to scroll sideways for.
    let right = case_columns_right(&h);
    assert!(
        right <= 1024.0 - VERDICT_STRIP_WIDTH,
        "the table reaches {right} px"
    );

    // Opened from the 表示 menu: the panel takes its width back and the table no longer fits.
    h.get_by_label("表示").click();
    h.run();
    // The menu item shows the shortcut that also does it.
    let item = h.get_by_label_contains("判定の欄をたたむ／開く");
    egui_kittest::kittest::NodeT::accesskit_node(&item)
        .label()
        .filter(|l| l.contains("Ctrl+B"))
        .expect("the shortcut is shown");
    item.click();
    h.run();
    h.get_by_label("判定の欄をたたむ");
    let right = case_columns_right(&h);
    assert!(
        right > 1024.0 - jsog_renewal::ui::tokens::VERDICT_WIDTH,
        "the table reaches {right} px"
    );
    // The choice is kept in the settings: the next start at this width shows it open.
    let settings = h.state().settings().clone();
    assert_eq!(settings.verdict_folded, Some(false));
    let mut next = App::new(AppOptions {
        settings,
        ..AppOptions::default()
    });
    next.show_page(Page::Cases);
    let mut h = window(1024.0, 700.0).app(next);
    h.run();
    h.get_by_label("判定の欄をたたむ");

    // Ctrl+B folds it again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::B);
    h.run();
    h.get_by_label("判定の欄を開く");
    assert_eq!(h.state().settings().verdict_folded, None);
}

#[test]
fn a_cut_cell_ends_with_an_ellipsis_and_shows_its_whole_text_on_hover() {
    let long = "腹腔鏡下子宮全摘出術および両側付属器摘出術、術後化学療法（TC療法6コース）";
    let title = "腹腔鏡下手術の合併症に関する多施設共同研究の中間報告（第二報）";
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(3);
    application.cases[0].treatment = long.to_owned();
    application.cases[1].treatment = "内診".to_owned();
    let first_credit = application
        .credits
        .iter()
        .position(|c| matches!(c.kind, CreditKind::Activity(_)))
        .expect("the demo has activity credits");
    application.credits[first_credit].title = title.to_owned();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    app.show_page(Page::Cases);
    let mut h = harness(app);
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    h.run();
    assert!(
        h.query_by_label(long).is_none(),
        "no tooltip before hovering"
    );
    let cell = h.get_by_label("症例1 検査・処置・投薬等");
    assert_eq!(
        cell.value().as_deref(),
        Some(long),
        "the cell holds the whole text"
    );
    cell.hover();
    h.run();
    h.run();
    // The tooltip is a label holding exactly the whole value.
    h.get_by_label(long);
    // A cell that fits has no such tooltip.
    h.get_by_label("症例2 検査・処置・投薬等").hover();
    h.run();
    h.run();
    assert!(h.query_by_label("内診").is_none(), "内診 fits its cell");

    // The credit tables do the same.
    h.state_mut().show_page(Page::Activity);
    h.run();
    let cell = h
        .query_all(By::new().label_contains("講習名・演題名・論文名"))
        .find(|n| n.value().as_deref() == Some(title))
        .expect("the credit's title cell");
    cell.hover();
    h.run();
    h.run();
    h.get_by_label(title);
}

#[test]
fn entries_dated_after_today_are_marked_planned_in_the_tables() {
    let today = NaiveDate::from_ymd_opt(2021, 1, 1).expect("date");
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(3);
    application.cases[0].date = NaiveDate::from_ymd_opt(2020, 12, 31);
    application.cases[1].date = NaiveDate::from_ymd_opt(2021, 1, 2);
    let common = application
        .credits
        .iter()
        .position(|c| matches!(c.kind, CreditKind::Common(_)))
        .expect("the demo has common lectures");
    application.credits[common].date = NaiveDate::from_ymd_opt(2021, 1, 2);
    let mut app = App::new(AppOptions {
        today: Some(today),
        ..AppOptions::default()
    });
    app.set_application(application);
    app.show_page(Page::Cases);
    let mut h = harness(app);
    h.run();
    // The day before today is not planned; the day after is.
    h.get_by_label("症例1 診察日");
    assert!(h.query_by_label("症例1 診察日（予定）").is_none());
    h.get_by_label("症例2 診察日（予定）");
    h.state_mut().show_page(Page::Common);
    h.run();
    h.get_by_label(&format!("単位{} 日付（予定）", common + 1));
}

/// Drags the header grip named `grip` by `dx` points, as a mouse would.
fn drag_grip(h: &mut Harness<'_, App>, grip: &str, dx: f32) {
    let start = h.get_by_label(grip).rect().center();
    let end = start + egui::vec2(dx, 0.0);
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for step in 1..=4 {
        h.hover_at(start + egui::vec2(dx * step as f32 / 4.0, 0.0));
        h.run();
    }
    h.drop_at(end);
    h.run();
}

#[test]
fn a_column_dragged_wider_keeps_its_width_after_a_restart_and_double_click_gives_it_back() {
    let mut h = harness_sized(demo_app(), 1280.0, 800.0);
    h.state_mut().show_page(Page::Cases);
    h.run();
    let cell = |h: &Harness<'_, App>| h.get_by_label("症例1 診断名").rect().width();
    let automatic = cell(&h);
    drag_grip(&mut h, "列の幅 診断名", 90.0);
    let widened = cell(&h);
    assert!(
        (widened - automatic - 90.0).abs() < 3.0,
        "dragged 90 px wider: {automatic} → {widened}"
    );
    // The width is kept in the settings, per table: the credit tables are left as they were.
    let settings = h.state().settings().clone();
    let chosen = settings.columns.of(TableKey::Cases, 10);
    assert!(chosen[4].is_some(), "診断名 has a chosen width: {chosen:?}");
    assert_eq!(
        chosen.iter().flatten().count(),
        1,
        "only 診断名: {chosen:?}"
    );
    assert!(
        settings
            .columns
            .of(TableKey::Credits(CategoryCode::Clinical), 11)
            .iter()
            .all(Option::is_none)
    );

    // A restart: the settings go through their file format into a new window, under the
    // tables' names (those of earlier versions), and a table this version does not know is
    // left out rather than losing the settings.
    let text = ron::to_string(&settings).expect("settings serialize");
    assert!(text.contains("columns:{\"cases\":{4:"), "{text}");
    let unknown = text.replace("columns:{", "columns:{\"a-newer-table\":{0:120.0},");
    let read: jsog_renewal::ui::persist::Settings = ron::from_str(&unknown).expect("load");
    assert_eq!(read.columns, settings.columns);
    let settings: jsog_renewal::ui::persist::Settings = ron::from_str(&text).expect("load");
    let mut next = App::new(AppOptions {
        settings,
        ..AppOptions::default()
    });
    next.set_application(jsog_renewal::demo::application());
    let mut h = window(1280.0, 800.0)
        .with_text_style()
        .with_step_dt(0.05)
        .app(next);
    h.state_mut().show_page(Page::Cases);
    h.run();
    assert!(
        (cell(&h) - widened).abs() < 0.5,
        "after the restart {} (was {widened})",
        cell(&h)
    );

    // Double-clicking the grip gives the column its automatic width back.
    let grip = h.get_by_label("列の幅 診断名").rect().center();
    h.hover_at(grip);
    h.run();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: grip,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.run();
    assert!(
        (cell(&h) - automatic).abs() < 0.5,
        "back to {automatic}: {}",
        cell(&h)
    );
    assert!(h.state().settings().columns.is_empty());
}

#[test]
fn a_click_on_the_pinned_strip_selects_that_row_and_puts_the_cursor_in_its_first_cell_in_view() {
    let mut h = cases_at_1024_with_the_verdict_open();
    // Scroll the table sideways by moving the cursor to the row's last cell.
    h.get_by_label("症例1 担当医/指導医").focus();
    h.run();
    h.run();
    let (left, right) = (nav_right(&h), verdict_left(&h));
    let strip_row = h
        .get_all(By::new().label_contains("の行を選ぶ"))
        .find(|n| {
            egui_kittest::kittest::NodeT::accesskit_node(n)
                .label()
                .is_some_and(|l| l.starts_with("3 "))
        })
        .expect("the pinned strip names row 3");
    let strip_right = strip_row.rect().max.x;
    strip_row.click();
    h.run();
    h.run();
    let focused = h
        .get_all(By::new().label_contains("症例3 "))
        .find(|n| n.is_focused())
        .unwrap_or_else(|| {
            let other = h
                .get_all(By::new())
                .filter(|n| n.is_focused())
                .map(|n| {
                    format!(
                        "{:?}",
                        egui_kittest::kittest::NodeT::accesskit_node(&n).label()
                    )
                })
                .collect::<Vec<_>>();
            panic!("a cell of case 3 has the cursor; focused: {other:?}")
        });
    let r = focused.rect();
    assert!(
        r.min.x >= strip_right - 0.5 && r.max.x <= right && r.min.x >= left,
        "the focused cell {r:?} is in view beside the strip (…{strip_right}, ..{right})"
    );
    // The table stayed scrolled: the strip is still there.
    assert!(
        h.get_all(By::new().label_contains("の行を選ぶ")).count() > 0,
        "the table scrolled back"
    );
}

#[test]
fn suggestion_lists_open_under_their_own_cell_and_stay_clear_of_the_verdict_panel() {
    use jsog_renewal::model::vocabulary::{OUTCOMES, ROLES};
    let mut h = harness_sized(demo_with_cases(3), 1280.0, 800.0);
    h.state_mut().show_page(Page::Cases);
    h.run();
    for (cell_name, words) in [("症例3 担当医/指導医", ROLES), ("症例2 転帰", OUTCOMES)]
    {
        let cell = h.get_by_label(cell_name);
        cell.focus();
        h.run();
        let cell = h.get_by_label(cell_name).rect();
        h.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowDown);
        h.run();
        let verdict = verdict_left(&h);
        for (n, word) in words.canonical_words().enumerate() {
            let item = h.get_by_label(&format!("{} {word}", n + 1)).rect();
            assert!(
                (item.min.x - cell.min.x).abs() <= 8.0,
                "{cell_name}: 「{word}」 at {item:?} is not under the cell {cell:?}"
            );
            assert!(
                item.min.y >= cell.max.y - 1.0 || item.max.y <= cell.min.y + 1.0,
                "{cell_name}: 「{word}」 at {item:?} covers the cell {cell:?}"
            );
            assert!(
                item.max.x <= verdict,
                "{cell_name}: 「{word}」 at {item:?} covers the verdict panel ({verdict})"
            );
        }
        h.key_press(Key::Escape);
        h.run();
    }
}

#[test]
fn no_row_moves_when_an_edit_starts_and_the_whole_text_shows_under_the_cell() {
    let long =
        "腹腔鏡下子宮全摘出術および両側付属器摘出術、術後化学療法（TC療法6コース）、外来で経過観察";
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(3);
    application.cases[0].treatment = long.to_owned();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness_sized(app, 1280.0, 800.0);
    h.state_mut().show_page(Page::Cases);
    h.run();
    let rows = |h: &Harness<'_, App>| -> Vec<egui::Rect> {
        (1..=3)
            .map(|n| {
                h.get_by_label(&format!("症例{n} 検査・処置・投薬等"))
                    .rect()
            })
            .collect()
    };
    let before = rows(&h);
    assert!(h.query_by_label(long).is_none(), "cut while not edited");
    h.get_by_label("症例1 検査・処置・投薬等").focus();
    h.run();
    h.run();
    let during = rows(&h);
    for (b, d) in before.iter().zip(&during) {
        assert!(
            (b.min.y - d.min.y).abs() < 0.5 && (b.height() - d.height()).abs() < 0.5,
            "no row moves when the edit starts: {b:?} → {d:?}"
        );
    }
    let whole = h.get_by_label(long).rect();
    assert!(
        whole.min.y >= before[0].max.y - 0.5,
        "under the cell: {whole:?}"
    );
    assert!(
        whole.height() > before[0].height() * 1.5,
        "wrapped: {whole:?}"
    );
    // Leaving the cell: the box goes, and still nothing moved.
    h.get_by_label("症例2 診断名").focus();
    h.run();
    h.run();
    assert!(h.query_by_label(long).is_none());
    assert_eq!(rows(&h), before);
}

#[test]
fn the_summary_pages_two_plots_are_named_for_screen_readers() {
    let mut h = harness_sized(demo_app(), 1280.0, 800.0);
    h.state_mut().show_page(Page::Summary);
    h.run();
    let units = h.get_by_label("区分ごとの単位の推移のグラフ").rect();
    let cases = h.get_by_label("月ごとの症例数のグラフ").rect();
    assert!(cases.min.y >= units.max.y - 0.5, "cases under units");
    assert!(units.height() > 100.0, "the units plot is drawn: {units:?}");
}

#[test]
fn a_pass_that_needs_entries_dated_after_today_says_so_under_the_verdict() {
    let shown_on = |today: NaiveDate| {
        let mut app = App::new(AppOptions {
            today: Some(today),
            ..AppOptions::default()
        });
        app.set_application(jsog_renewal::demo::application());
        let mut h = harness_sized(app, 1280.0, 800.0);
        h.run();
        h.get_by_label("更新基準を満たしています");
        h.query_by_label("予定の日付を含めた判定です").is_some()
    };
    // Mid-period the demo has 35 of its 52 units dated up to today.
    let mid = NaiveDate::from_ymd_opt(2022, 10, 15).expect("date");
    assert!(shown_on(mid), "mid-period the pass rests on plans");
    let after = NaiveDate::from_ymd_opt(2024, 5, 10).expect("date");
    assert!(!shown_on(after), "after the period every entry is past");
}

/// The app holding [`crate::common::typed_and_imported`], on the case page.
fn typed_and_imported_cases() -> (Harness<'static, App>, usize) {
    let (application, marked) = crate::common::typed_and_imported();
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness(app);
    h.run();
    (h, marked)
}

#[test]
fn the_case_a_finding_calls_48_is_row_no_48_of_the_table() {
    let (mut h, marked) = typed_and_imported_cases();
    // The 26th case entered is 様式3's No. 48: the finding, the cells and the No. say 48.
    h.get_by_label_contains("症例48：転帰が空欄").click();
    h.run();
    assert_eq!(h.state().page(), Page::Cases);
    let diagnosis = h.get_by_label("症例48 診断名");
    assert_eq!(
        diagnosis.value().as_deref(),
        Some(crate::common::MARKED),
        "the cell named 症例48 holds case {marked}'s diagnosis"
    );
    let row = diagnosis.rect();
    let no_cells: Vec<_> = h
        .get_all(By::new().label("48"))
        .filter(|n| n.rect().center().y > row.top() && n.rect().center().y < row.bottom())
        .collect();
    assert!(!no_cells.is_empty(), "the No. cell of its row reads 48");
}

#[test]
fn sorting_the_cases_by_date_renumbers_the_paper_and_can_be_undone() {
    let (mut h, _) = typed_and_imported_cases();
    h.state_mut().show_page(Page::Cases);
    h.run();
    let before = h.state().application().clone();
    assert!(!before.cases_in_date_order());
    h.get_by_label("日付順に並べ替える").click();
    h.run();
    let sorted = h.state().application().clone();
    assert!(sorted.cases_in_date_order());
    assert!(
        h.query_by_label("日付順に並べ替える").is_none(),
        "offered only while it would change the paper"
    );
    // The imported 北 cases (2020) now come before the typed ones (2021): No. 1 is 2020-01-01.
    let first = &sorted.cases[sorted.case_order().printed()[0]];
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2020, 1, 1));
    assert_eq!(first.facility, crate::common::NORTH);
    h.get_by_label("症例1 診断名");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().application(),
        &before,
        "one undo restores the order"
    );
}

/// A tooltip never covers a modal dialog: the one shown when the dialog opens goes, and none
/// comes up from the page behind while the dialog is open.
#[test]
fn tooltips_never_cover_a_modal_dialog() {
    let app = crate::common::window::app_on(
        NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"),
        jsog_renewal::demo::application(),
    );
    let mut h = harness(app);
    h.run();
    let fold = "判定の欄をたたむ";
    h.get_by_label(fold).hover();
    // Tooltips come up after a short still moment.
    for _ in 0..8 {
        h.step();
    }
    let tooltips = |h: &Harness<'_, App>| h.get_all_by_label(fold).count();
    assert_eq!(tooltips(&h), 2, "the button and its tooltip");
    let missing = std::path::Path::new("/nonexistent/ない.ron");
    assert!(h.state_mut().open_path(missing).is_err());
    for _ in 0..8 {
        h.step();
    }
    h.get_by_label_contains("ファイルが見つかりません");
    assert_eq!(
        tooltips(&h),
        1,
        "the button alone: no tooltip over the dialog"
    );
}

/// The demo on the 出力 page at 1280×800, its bundle written into `dir` by the page's button.
fn demo_exported_at_1280(dir: &std::path::Path) -> Harness<'static, App> {
    let mut app = App::new(AppOptions::default());
    app.set_export_folder(dir);
    app.show_page(Page::Export);
    let mut h = harness_sized(app, 1280.0, 800.0);
    h.run();
    h.get_by_label("PDFを書き出す").click();
    wait_for_export(&mut h);
    h
}

/// Waits for the export started on the page to finish (it runs on a thread).
fn wait_for_export(h: &mut Harness<'_, App>) {
    for _ in 0..600 {
        h.step();
        if h.query_by_label("PDFを開く").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
}

#[test]
fn the_export_page_lists_the_seven_parts_with_the_pages_the_pdf_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = demo_exported_at_1280(dir.path());
    // Pages per form, as the written bundle holds them (pdftotext, one page at a time).
    let bundle = dir.path().join("更新申請書類一式.pdf");
    let pages = page_texts(&bundle);
    let count = |label: &str| {
        pages
            .iter()
            .filter(|p| p.trim_start().starts_with(label))
            .count()
    };
    // §4 (1)–(7) of the overview, in posting order; (5) and (6) the applicant adds.
    let parts = [
        ("(1) 様式1", Some(count("様式1"))),
        ("(2) 様式2", Some(count("様式2"))),
        ("(3) 様式3", Some(count("様式3"))),
        ("(4) 様式4", Some(count("様式4"))),
        ("(5) 会員ポータル", None),
        ("(6) 会員ポータルに登録されていない", None),
        ("(7) チェックリスト", Some(count("チェックリスト"))),
    ];
    let mut last_y = f32::MIN;
    for (part, pages) in parts {
        let name = h.get_by_label_contains(part);
        let row = name.rect();

        assert!(row.center().y > last_y, "{part} after the part before it");
        last_y = row.center().y;
        // The page-count cell of the same row.
        let cells: Vec<String> = h
            .get_all_by_label_contains("ページ")
            .chain(h.get_all_by_label("—"))
            .filter(|n| (n.rect().center().y - row.center().y).abs() < row.height() / 2.0)
            .filter(|n| n.rect().left() > row.right())
            .filter_map(|n| {
                egui_kittest::kittest::NodeT::accesskit_node(&n)
                    .label()
                    .map(|l| l.to_string())
                    .or_else(|| n.value())
            })
            .collect();
        let expected = match pages {
            Some(n) => {
                assert!(n > 0, "{part} printed");
                format!("{n}ページ")
            }
            None => "—".to_string(),
        };
        assert_eq!(cells, vec![expected], "{part}");
    }
    let total = pages.len();
    h.get_by_label(&format!(
        "このプログラムが印刷するのは全{total}ページです。"
    ));
}

/// The text of each page of a PDF (pdftotext separates pages with a form feed).
fn page_texts(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run: {e}"));
    assert!(
        out.status.success(),
        "{}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn a_facility_head_typed_on_the_export_page_is_in_the_application_and_the_address_is_remembered() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(AppOptions {
        data_dir: Some(data.path().to_path_buf()),
        ..AppOptions::default()
    });
    let mut demo = jsog_renewal::demo::application();
    demo.facility_heads.remove("見本レディースクリニック");
    app.set_application(demo);
    app.show_page(Page::Export);
    let mut h = harness_sized(app, 1024.0, 700.0);
    h.run();
    let field = "見本レディースクリニックの診療責任者";
    h.get_by_label(field).focus();
    h.run();
    h.get_by_label(field).type_text("見本 次郎");
    h.run();
    assert_eq!(
        h.state()
            .application()
            .facility_heads
            .get("見本レディースクリニック")
            .map(String::as_str),
        Some("見本 次郎")
    );
    h.get_by_label("送付先の郵便番号").focus();
    h.run();
    h.get_by_label("送付先の郵便番号").type_text("100-0099");
    h.run();
    let book = jsog_renewal::mailing::Committees::load(
        &data.path().join(jsog_renewal::mailing::COMMITTEES_FILE),
    )
    .expect("the address book");
    assert_eq!(
        book.get("みほん地方産科婦人科学会")
            .map(|c| c.postal_code.as_str()),
        Some("100-0099")
    );
}

#[test]
fn a_finding_of_the_preflight_marks_the_thumbnail_of_its_page() {
    // A case dated before the activity period (FY2024: from 2019-05-01) is printed but not
    // counted: the pre-flight names it, and it is on the first page of 様式3.
    let mut demo = jsog_renewal::demo::application();
    demo.cases[0].date = NaiveDate::from_ymd_opt(2019, 1, 10);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(AppOptions::default());
    app.set_application(demo.clone());
    app.set_export_folder(dir.path());
    app.show_page(Page::Export);
    let mut h = harness_sized(app, 1280.0, 800.0);
    h.run();
    // The case is No. 1, on the first page of 様式3: its thumbnail says so.
    let marked: Vec<String> = h
        .get_all_by_label_contains("（要確認）を大きく開く")
        .filter_map(|n| {
            egui_kittest::kittest::NodeT::accesskit_node(&n)
                .label()
                .map(|l| l.to_string())
        })
        .collect();
    assert!(
        marked.iter().any(|l| l.starts_with("様式3 1/")),
        "{marked:?}"
    );
    assert!(
        !marked.iter().any(|l| l.starts_with("様式1 ")),
        "{marked:?}"
    );
}

#[test]
fn the_page_opened_large_draws_the_same_texts_as_the_pdf_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = demo_exported_at_1280(dir.path());
    h.get_by_label("様式1 1/1を大きく開く").click_accesskit();
    h.run();
    let drawn: String = h
        .state()
        .previewed_texts()
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(!drawn.is_empty(), "the page is open");
    // 様式1's page as printed, read back by poppler.
    let printed: String = page_texts(&dir.path().join("更新申請書類一式.pdf"))
        .first()
        .expect("page 1")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    // Every glyph drawn is printed and every glyph printed is drawn (reading order aside).
    assert_eq!(sorted(&drawn), sorted(&printed));
}
