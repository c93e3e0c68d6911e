//! Rows pasted from a spreadsheet into the case and credit tables (tab-separated on the
//! clipboard), read through the import preview and added at the selection in one undo step;
//! and rows copied out of the tables as tab-separated text with the form's headers.

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jsog_renewal::model::{CommonTopic, CreditKind, Mode, Sex};
use jsog_renewal::ui::{App, AppOptions, Page};

use crate::common::window::window;

fn demo(cases: usize) -> Harness<'static, App> {
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(cases);
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    window(1400.0, 900.0).app(app)
}

/// The text the app last put on the clipboard.
fn copied(h: &Harness<'_, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .rev()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

/// Three rows as Excel puts them on the clipboard: no header, 様式3's columns from 診察日 on,
/// CR LF line ends.
const THREE_CASES: &str = "2023/1/10\t31\t女\t子宮筋腫\t経過観察\t継続\t貼付病院\t担当医\r\n\
2023/1/11\t42\t女\t卵巣嚢腫\t腹腔鏡手術\t治癒\t貼付病院\t指導医\r\n\
2023/1/12\t28\t女\t切迫早産\t入院管理\t軽快\t貼付病院\t担当医\r\n";

#[test]
fn three_rows_pasted_into_the_case_table_go_in_after_the_row_of_the_cursor_in_one_undo_step() {
    let mut h = demo(5);
    h.state_mut().show_page(Page::Cases);
    h.run();
    h.get_by_label("症例2 診断名").click();
    h.run();
    let before = h.state().application().cases.clone();
    h.event(egui::Event::Paste(THREE_CASES.into()));
    h.run();
    // Nothing changes before the preview is confirmed, and the rows did not land in the cell.
    assert_eq!(h.state().application().cases, before);
    h.get_by_label_contains("3行（正しい行 3、");
    h.get_by_label("取り込む").click();
    h.run();
    let cases = &h.state().application().cases;
    assert_eq!(cases.len(), 8);
    let diagnoses: Vec<&str> = cases.iter().map(|c| c.diagnosis.as_str()).collect();
    assert_eq!(
        diagnoses.get(2..5),
        Some(&["子宮筋腫", "卵巣嚢腫", "切迫早産"][..]),
        "after case 2: {diagnoses:?}"
    );
    assert_eq!(cases.get(1), before.get(1));
    assert_eq!(cases.get(3).and_then(|c| c.age), Some(42));
    assert_eq!(cases.get(4).map(|c| c.outcome.as_str()), Some("軽快"));

    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().application().cases,
        before,
        "one undo takes the paste back"
    );
}

#[test]
fn selected_cases_copy_out_with_the_form_s_headers_and_paste_back_as_the_same_cases() {
    let mut h = demo(5);
    h.state_mut().show_page(Page::Cases);
    h.run();
    // Shift+Space selects the row of the cursor (and types no space into the cell).
    for no in [2, 3, 4] {
        h.get_by_label(&format!("症例{no} 診断名")).click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Space);
        h.run();
    }
    let before = h.state().application().cases.clone();
    assert_eq!(h.state().application().cases, before, "no space was typed");
    h.get_by_label_contains("3行を選択中");
    h.event(egui::Event::Copy);
    // The frame that reads the key is the one whose output holds the copy.
    h.step();
    let tsv = copied(&h).expect("the rows were put on the clipboard");
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 4, "{tsv}");
    assert_eq!(
        lines.first().map(|l| l.split('\t').collect::<Vec<_>>()),
        Some(vec![
            "No.",
            "診察日",
            "年齢",
            "性別",
            "診断名",
            "検査・処置・投薬等",
            "転帰",
            "診療施設名",
            "担当医/指導医"
        ])
    );
    for (line, case) in lines.iter().skip(1).zip(before.iter().skip(1)) {
        assert!(line.contains(&case.diagnosis), "{line}");
    }

    // The copied block, pasted back with its header, adds the same three cases.
    h.key_press(Key::Escape);
    h.run();
    h.event(egui::Event::Paste(tsv));
    h.run();
    h.get_by_label("取り込む").click();
    h.run();
    let cases = &h.state().application().cases;
    assert_eq!(cases.len(), 8);
    let same = |a: &jsog_renewal::model::Case, b: &jsog_renewal::model::Case| {
        (a.date, a.age, a.sex, &a.diagnosis, &a.facility)
            == (b.date, b.age, b.sex, &b.diagnosis, &b.facility)
    };
    let pasted: Vec<_> = cases
        .iter()
        .filter(|c| {
            before
                .get(1..4)
                .is_some_and(|b| b.iter().any(|o| same(o, c)))
        })
        .collect();
    assert_eq!(pasted.len(), 6, "each copied case is there twice now");
}

/// Three credit rows with a header in people's words, category and topic in one cell.
const THREE_CREDITS: &str = "受講日\t講習会名\t種別\t単位数\r\n\
2022/6/1\t医療安全講習\t共通講習（医療安全）\t1単位\r\n\
2022/7/1\t感染対策 e-learning\t共通講習・感染対策\t1\r\n\
2022/8/1\t地域医療講習\t共通講習 地域医療\t1\r\n";

#[test]
fn three_rows_pasted_into_a_credit_table_are_read_in_people_s_words_and_copy_out_again() {
    let mut h = demo(5);
    h.state_mut().show_page(Page::Common);
    h.run();
    let before = h.state().application().credits.clone();
    h.event(egui::Event::Paste(THREE_CREDITS.into()));
    h.run();
    h.get_by_label("取り込む").click();
    h.run();
    let credits = &h.state().application().credits;
    assert_eq!(credits.len(), before.len() + 3);
    let added: Vec<_> = credits.iter().skip(before.len()).collect();
    let kinds: Vec<CreditKind> = added.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            CreditKind::Common(CommonTopic::Safety),
            CreditKind::Common(CommonTopic::InfectionControl),
            CreditKind::Common(CommonTopic::CommunityMedicine),
        ]
    );
    assert_eq!(added.get(1).map(|c| c.mode), Some(Mode::ELearning));

    // Select the three new rows by a click on the first and a Shift+click on the last.
    let first = before.len() + 1;
    let last = before.len() + 3;
    h.get_by_label(&format!("単位{first} 日付")).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Space);
    h.run();
    for n in [first + 1, last] {
        h.get_by_label(&format!("単位{n} 日付")).click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Space);
        h.run();
    }
    h.event(egui::Event::Copy);
    // The frame that reads the key is the one whose output holds the copy.
    h.step();
    let tsv = copied(&h).expect("copied");
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 4, "{tsv}");
    assert!(
        lines
            .first()
            .is_some_and(|l| l.starts_with("区分\t項目\t日付\t"))
    );
    assert!(
        lines
            .get(2)
            .is_some_and(|l| l.starts_with("共通講習\t感染対策\t2022/07/01\t感染対策 e-learning")),
        "{tsv}"
    );
}

#[test]
fn a_paste_that_is_not_a_table_says_so_and_changes_nothing() {
    let mut h = demo(3);
    h.state_mut().show_page(Page::Cases);
    h.run();
    let before = h.state().application().clone();
    h.event(egui::Event::Paste("ただの文章です\nもう一行".into()));
    h.run();
    h.get_by_label_contains("表ではありません");
    // The button, if shown, is disabled: pressing it imports nothing.
    if let Some(button) = h.query_by_label("取り込む") {
        button.click();
    }
    h.run();
    assert_eq!(h.state().application(), &before);
}

#[test]
fn a_chart_export_pasted_without_a_sex_column_reads_as_women_and_can_be_changed() {
    let mut h = demo(3);
    h.state_mut().show_page(Page::Cases);
    h.run();
    let chart = "患者ID\t患者氏名\t生年月日\t受診日\t病名\t処置内容\t医療機関名\r\n\
ZZ-0001\t架空 一\t1990/06/15\t2023/06/15\t子宮筋腫\t経過観察\t貼付病院\r\n";
    h.event(egui::Event::Paste(chart.into()));
    h.run();
    h.get_by_label_contains(
        "患者を特定できる列（患者ID・患者氏名・生年月日）は取り込みませんでした",
    );
    h.get_by_label_contains("すべての行を「女」として");
    // The doctor may say otherwise for this list.
    h.get_by_label("取り込む行の性別").click();
    h.run();
    h.get_by_label("男").click();
    h.run();
    h.get_by_label_contains("すべての行を「男」として");
    h.get_by_label("取り込む").click();
    h.run();
    let app = h.state().application();
    let case = app.cases.last().expect("a case");
    // Born 1990-06-15, seen on its 33rd birthday.
    assert_eq!((case.age, case.sex), (Some(33), Some(Sex::Male)));
    let saved = ron::to_string(app).expect("serialises");
    for value in ["ZZ-0001", "架空", "1990"] {
        assert!(!saved.contains(value), "{value} reached the application");
    }
}

#[test]
fn a_pasted_row_whose_category_leaves_a_choice_imports_once_the_user_chooses() {
    let mut h = demo(3);
    h.state_mut().show_page(Page::Common);
    h.run();
    let before = h.state().application().credits.len();
    let rows = "受講日\t講習会名\t種別\n2022/7/1\t必修講習\t必修講習A\n";
    h.event(egui::Event::Paste(rows.into()));
    h.run();
    // Nothing is guessed: the import waits for the choice.
    h.get_by_label("取り込む").click();
    h.run();
    assert_eq!(h.state().application().credits.len(), before);
    h.get_by_label("2行目「必修講習A」の区分・項目").click();
    h.run();
    h.get_by_label("医療倫理").click();
    h.run();
    h.get_by_label("取り込む").click();
    h.run();
    let credits = &h.state().application().credits;
    assert_eq!(credits.len(), before + 1);
    assert_eq!(
        credits.last().map(|c| c.kind),
        Some(CreditKind::Common(CommonTopic::Ethics))
    );
}
