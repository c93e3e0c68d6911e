//! The keyboard as a fast typist, a scanner or an input method uses it: keys typed in one frame
//! after a Tab land in the next field, and an open pick-list answers ↑↓, Enter, Esc and Tab the
//! same on every page.

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jsog_renewal::model::{CreditKind, Mode, Sex};
use jsog_renewal::ui::{App, AppOptions, Page, text};

use crate::common::window::window;

fn harness(app: App) -> Harness<'static, App> {
    window(1400.0, 900.0).app(app)
}

/// The demo application with its first `cases` cases, on `page`.
fn demo_on(page: Page, cases: usize) -> Harness<'static, App> {
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(cases);
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness(app);
    h.state_mut().show_page(page);
    h.run();
    h
}

/// A Tab key press or release, as the window reports it.
fn tab(pressed: bool) -> egui::Event {
    egui::Event::Key {
        key: Key::Tab,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

/// "abc", Tab and "def" in ONE frame, as a burst typed faster than the frame rate. (kittest's
/// own queue runs a frame per event, so the events go straight into the next frame's input.)
fn burst_over_a_tab(h: &mut Harness<'static, App>) {
    h.input_mut().events.extend([
        egui::Event::Text("abc".to_owned()),
        tab(true),
        tab(false),
        egui::Event::Text("def".to_owned()),
    ]);
    h.run();
}

#[test]
fn text_typed_after_a_tab_in_the_same_frame_goes_to_the_next_case_cell() {
    let mut h = demo_on(Page::Cases, 3);
    h.get_by_label(&jsog_renewal::ui::text::case_cell(1, "診断名"))
        .focus();
    h.run();
    burst_over_a_tab(&mut h);
    let cases = &h.state().application().cases;
    let first = cases
        .iter()
        .position(|c| c.diagnosis.contains("abc"))
        .expect("abc is in a diagnosis");
    let case = &cases[first];
    assert!(
        !case.diagnosis.contains("def"),
        "def stayed in the cell being left: {:?}",
        case.diagnosis
    );
    assert!(
        case.treatment.contains("def"),
        "def goes to the next cell (術式): {:?}",
        case.treatment
    );
}

#[test]
fn text_typed_after_a_tab_in_the_same_frame_goes_to_the_next_applicant_field() {
    let mut h = demo_on(Page::Applicant, 3);
    h.get_by_label("ふりがな").focus();
    h.run();
    burst_over_a_tab(&mut h);
    let applicant = &h.state().application().applicant;
    assert!(
        applicant.furigana.contains("abc"),
        "{:?}",
        applicant.furigana
    );
    assert!(
        !applicant.furigana.contains("def"),
        "def stayed in ふりがな: {:?}",
        applicant.furigana
    );
    assert!(
        applicant.name.contains("def") && !applicant.name.contains("abc"),
        "def goes to 氏名: {:?}",
        applicant.name
    );
}

/// The label of the widget that has the keyboard focus.
fn focused_label(h: &Harness<'static, App>) -> Option<String> {
    h.query_by(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

fn list_open(h: &Harness<'static, App>) -> bool {
    egui::Popup::is_any_open(&h.ctx)
}

/// One pick-list to drive: its field's name, an option shown only while the list is open, the
/// value it shows (from the app's state), the value one ↓ further, and where Tab goes next.
struct PickField<'a> {
    field: &'a str,
    item: &'a str,
    value: &'a dyn Fn(&App) -> String,
    one_down: String,
    next_starts_with: &'a str,
    rows: &'a dyn Fn(&App) -> usize,
    /// A ComboBox, which Space opens too (in a text cell Space is a space).
    combo: bool,
}

/// Focuses the field and opens its list: with Space (`space` and a ComboBox) or Alt+↓.
fn open_list(h: &mut Harness<'static, App>, p: &PickField<'_>, space: bool) {
    h.get_by_label(p.field).focus();
    h.run();
    if space && p.combo {
        h.key_press(Key::Space);
    } else {
        h.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowDown);
    }
    h.run();
    assert!(list_open(h), "{}: the list opens", p.field);
    assert!(
        h.query_by_label(p.item).is_some(),
        "{}: 「{}」 is listed",
        p.field,
        p.item
    );
}

fn assert_focus_left_to_next(h: &Harness<'static, App>, p: &PickField<'_>, after: &str) {
    let focused = focused_label(h);
    assert!(
        focused
            .as_deref()
            .is_some_and(|f| f != p.field && f.starts_with(p.next_starts_with)),
        "{}: after {after}, Tab goes to the next field ({}…), not {focused:?}",
        p.field,
        p.next_starts_with
    );
}

/// ↓ + Enter picks the next option and closes the list (no new row, the focus stays); Esc
/// closes it, keeps the value and the focus, and Tab then goes on to the next field; ↓ + Tab
/// closes it without picking and goes on.
fn drive_pick_list(h: &mut Harness<'static, App>, p: &PickField<'_>) {
    let rows = (p.rows)(h.state());
    let before = (p.value)(h.state());
    assert_ne!(
        before, p.one_down,
        "{}: the scenario moves the value",
        p.field
    );
    assert!(
        h.query_by_label(p.item).is_none(),
        "{}: list closed",
        p.field
    );

    open_list(h, p, true);
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(list_open(h), "{}: ↓ keeps the list open", p.field);
    assert!(
        h.get_by_label(p.field).is_focused(),
        "{}: ↓ moves the highlight, not the focus",
        p.field
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!((p.value)(h.state()), p.one_down, "{}: Enter picks", p.field);
    assert!(!list_open(h), "{}: Enter closes the list", p.field);
    assert!(h.query_by_label(p.item).is_none(), "{}: no list", p.field);
    assert_eq!((p.rows)(h.state()), rows, "{}: Enter added no row", p.field);
    assert!(
        h.get_by_label(p.field).is_focused(),
        "{}: the focus stays after Enter",
        p.field
    );

    open_list(h, p, true);
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!list_open(h), "{}: Esc closes the list", p.field);
    assert_eq!(
        (p.value)(h.state()),
        p.one_down,
        "{}: Esc picks nothing",
        p.field
    );
    assert!(
        h.get_by_label(p.field).is_focused(),
        "{}: the focus stays after Esc",
        p.field
    );
    h.key_press(Key::Tab);
    h.run();
    assert_focus_left_to_next(h, p, "Esc");

    open_list(h, p, false);
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(!list_open(h), "{}: Tab closes the list", p.field);
    assert_eq!(
        (p.value)(h.state()),
        p.one_down,
        "{}: Tab picks nothing",
        p.field
    );
    assert_focus_left_to_next(h, p, "Tab in the open list");
}

/// The demo with its first three cases, the first case and the applicant female and the first
/// case 治癒, on `page`; with `credits`, only three 領域講習, the first one attended.
fn demo_for_lists(page: Page, credits: bool) -> Harness<'static, App> {
    let mut application = jsog_renewal::demo::application();
    application.cases.truncate(3);
    application.applicant.sex = Some(Sex::Female);
    if let Some(case) = application.cases.first_mut() {
        case.sex = Some(Sex::Female);
        case.outcome = "治癒".to_owned();
    }
    if credits {
        application.credits.retain(|c| c.kind == CreditKind::Domain);
        application.credits.truncate(3);
        if let Some(credit) = application.credits.first_mut() {
            credit.mode = Mode::Attended;
        }
    }
    let mut app = App::new(AppOptions::default());
    app.set_application(application);
    let mut h = harness(app);
    h.state_mut().show_page(page);
    h.run();
    h
}

fn case_count(app: &App) -> usize {
    app.application().cases.len()
}

#[test]
fn the_applicants_sex_list_answers_arrows_enter_esc_and_tab() {
    let mut h = demo_for_lists(Page::Applicant, false);
    // The list: 未選択, 女, 男.
    drive_pick_list(
        &mut h,
        &PickField {
            field: "性別",
            item: "男",
            value: &|a| format!("{:?}", a.application().applicant.sex),
            one_down: format!("{:?}", Some(Sex::Male)),
            next_starts_with: "会員番号",
            rows: &case_count,
            combo: true,
        },
    );
}

#[test]
fn a_case_rows_sex_list_answers_arrows_enter_esc_and_tab_before_the_table_takes_enter() {
    let mut h = demo_for_lists(Page::Cases, false);
    drive_pick_list(
        &mut h,
        &PickField {
            field: &text::case_cell(1, text::COL_SEX),
            item: "男",
            value: &|a| format!("{:?}", a.application().cases.first().and_then(|c| c.sex)),
            one_down: format!("{:?}", Some(Sex::Male)),
            next_starts_with: "症例1 ",
            rows: &case_count,
            combo: true,
        },
    );
}

#[test]
fn a_case_rows_outcome_suggestions_answer_arrows_enter_esc_and_tab_and_keep_free_text() {
    let mut h = demo_for_lists(Page::Cases, false);
    let outcome = |a: &App| {
        a.application()
            .cases
            .first()
            .map(|c| c.outcome.clone())
            .unwrap_or_default()
    };
    let cell = text::case_cell(1, text::COL_OUTCOME);
    // The suggestions: 1 治癒, 2 軽快, 3 寛解 …
    drive_pick_list(
        &mut h,
        &PickField {
            field: &cell,
            item: "3 寛解",
            value: &outcome,
            one_down: "軽快".to_owned(),
            next_starts_with: "症例1 ",
            rows: &case_count,
            combo: false,
        },
    );
    // Free text is still the user's: words that are no suggestion stay as written.
    h.get_by_label(&cell).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(&cell).type_text("外来で経過を見る");
    h.run();
    assert_eq!(outcome(h.state()), "外来で経過を見る");
}

#[test]
fn a_lectures_mode_list_answers_arrows_enter_esc_and_tab_before_the_table_takes_enter() {
    let mut h = demo_for_lists(Page::Domain, true);
    // The list: 受講, 講師, e-learning.
    drive_pick_list(
        &mut h,
        &PickField {
            field: &text::credit_cell(1, text::COL_MODE),
            item: "e-learning",
            value: &|a| format!("{:?}", a.application().credits.first().map(|c| c.mode)),
            one_down: format!("{:?}", Some(Mode::Lectured { minutes: 0 })),
            next_starts_with: "単位1 ",
            rows: &|a| a.application().credits.len(),
            combo: true,
        },
    );
}
