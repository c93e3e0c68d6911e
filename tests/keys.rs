//! The keyboard as a fast typist, a scanner or an input method uses it: keys typed in one frame
//! after a Tab land in the next field, and an open pick-list answers ↑↓, Enter, Esc and Tab the
//! same on every page.

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jsog_renewal::ui::{App, AppOptions, Page};

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
