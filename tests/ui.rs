//! The desktop app driven through its labels, as a user would: typing cases, changing the
//! declared renewals, opening a broken file, following a finding.

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use jsog_renewal::model::{Application, Case};
use jsog_renewal::rules::CategoryCode;
use jsog_renewal::ui::{App, AppOptions, Page};

/// The app in a test window; every frame is also checked for widgets a screen reader could not
/// name (kittest's accessibility check is on by default).
fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(16)
        .with_context_setup(jsog_renewal::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.frame_ui(ui), app)
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
    clear_and_type(&mut h, &cell(1, "担当医／指導医"), "2");
    // Free text is kept as written: names of the doctors, words outside the usual ones.
    clear_and_type(&mut h, &cell(2, "担当医／指導医"), "山田 花子／佐藤 一郎");
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
fn new_asks_for_the_fiscal_year_and_starts_empty() {
    let mut h = harness(App::new(AppOptions::default()));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("申請する年度を選んでください");
    h.get_by_label("作成").click();
    h.run();
    let app = h.state().application();
    assert_eq!(app.fiscal_year, 2024);
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
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
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
    for _ in 0..600 {
        h.step();
        if h.query_by_label_contains("ページ（").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    h.get_by_label_contains("ページ（");
    h.get_by_label("PDFを開く");
    let pdfs: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(!pdfs.is_empty(), "a PDF was written");
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

#[test]
fn lecturing_units_follow_the_minutes_and_are_not_typed() {
    let mut app = App::new(AppOptions::default());
    app.show_page(Page::Domain);
    let mut h = harness(app);
    h.run();
    let before = h.state().application().credits.len();
    h.get_by_label("単位を追加").click();
    h.run();
    let i = before;
    let row = i + 1;
    h.get_by_label(&format!("単位{row} 日付"))
        .type_text("2023/5/1");
    h.run();
    h.get_by_label(&format!("単位{row} 講習名・演題名・論文名"))
        .focus();
    h.run();
    h.get_by_label("単位を追加").type_text("産科救急の実際");
    h.run();
    h.get_by_label(&format!("単位{row} 形態")).focus();
    h.run();
    h.get_by_label("単位を追加").type_text("2"); // 講師
    h.run();
    let units = |h: &Harness<'_, App>| {
        h.state()
            .report()
            .and_then(|r| r.credit_units.get(i).copied())
    };
    assert_eq!(units(&h), Some(2), "60 minutes by default: 2 units");
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
