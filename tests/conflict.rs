//! Two windows (or a window and a clerk's script) on one file: a save never overwrites a change
//! made elsewhere unseen; the user chooses 再読み込み / 上書き / 別名で保存.

use crate::common::Plan;
use jsog_renewal::store;
use jsog_renewal::ui::conflict::ConflictChoice;
use jsog_renewal::ui::{App, AppOptions};

fn open(path: &std::path::Path) -> App {
    App::new(AppOptions {
        file: Some(path.to_path_buf()),
        ..AppOptions::default()
    })
}

#[test]
fn a_save_elsewhere_is_seen_and_never_overwritten_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    store::save(&Plan::passing().build(), &path).expect("save");
    let mut window = open(&path);
    assert!(!window.changed_elsewhere(true));

    // Someone else saves the file (another window, import-cases from a script).
    let mut theirs = Plan::passing().build();
    theirs.applicant.name = "別の人の変更".into();
    store::save(&theirs, &path).expect("their save");
    assert!(window.changed_elsewhere(true), "the watch sees their save");

    let mut mine = window.application().clone();
    mine.applicant.name = "ここでの変更".into();
    window.set_application(mine);
    assert!(window.save_to(&path).is_err(), "the save stops");
    assert!(window.conflict_pending());
    assert_eq!(
        store::load(&path).expect("load").applicant.name,
        "別の人の変更"
    );

    // 再読み込み: their version, the changes here dropped.
    window.resolve_conflict(ConflictChoice::Reload);
    assert_eq!(window.application().applicant.name, "別の人の変更");
    assert!(!window.is_dirty());
}

#[test]
fn overwrite_is_a_choice_and_then_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    store::save(&Plan::passing().build(), &path).expect("save");
    let mut window = open(&path);
    let mut theirs = Plan::passing().build();
    theirs.applicant.name = "別の人の変更".into();
    store::save(&theirs, &path).expect("their save");
    let mut mine = window.application().clone();
    mine.applicant.name = "ここでの変更".into();
    window.set_application(mine);
    assert!(window.save_to(&path).is_err());
    window.resolve_conflict(ConflictChoice::Overwrite);
    assert!(!window.conflict_pending());
    assert_eq!(
        store::load(&path).expect("load").applicant.name,
        "ここでの変更"
    );
    // Once saved here, the next save goes through without a question.
    assert!(window.save_to(&path).is_ok());
}

#[test]
fn the_same_content_saved_again_is_no_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    let app = Plan::passing().build();
    store::save(&app, &path).expect("save");
    let mut window = open(&path);
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&app, &path).expect("an identical save elsewhere");
    assert!(!window.changed_elsewhere(true));
    assert!(window.save_to(&path).is_ok());
}

/// The dialog itself, driven as a user would: Ctrl+S after someone else saved shows the
/// question with its three answers, and 再読み込み brings their version into the window.
#[test]
fn the_dialog_asks_with_three_answers_and_reload_shows_their_version() {
    use eframe::egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    use jsog_renewal::ui::text;

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("申請.ron");
    store::save(&Plan::passing().build(), &path).expect("save");
    let mut window = open(&path);
    let mut mine = window.application().clone();
    mine.applicant.name = "ここでの変更".into();
    window.set_application(mine);
    let mut theirs = Plan::passing().build();
    theirs.applicant.name = "別の人の変更".into();
    store::save(&theirs, &path).expect("their save");

    let mut h = crate::common::window::window(1280.0, 800.0)
        .without_accessibility_check()
        .app(window);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label_contains(text::CONFLICT_TITLE);
    h.get_by_label(text::CONFLICT_OVERWRITE);
    h.get_by_label(text::CONFLICT_SAVE_AS);
    assert_eq!(
        store::load(&path).expect("load").applicant.name,
        "別の人の変更",
        "nothing is written while the question is open"
    );
    h.get_by_label(text::CONFLICT_RELOAD).click();
    h.run();
    assert!(!h.state().conflict_pending());
    assert_eq!(h.state().application().applicant.name, "別の人の変更");
    assert!(h.query_by_label(text::CONFLICT_OVERWRITE).is_none());
}
