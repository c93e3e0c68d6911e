//! The one command table: each command's Japanese text, its keyboard shortcut and (through the
//! shell's `run_command`) its action. The menus and the shortcut handling both read this table,
//! so a shortcut shown in a menu is always the one that works; shortcuts are shown with egui's own
//! formatter, which writes them the way the user's system does (Ctrl+S, or ⌘S on macOS).

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, Ui};

use super::context::Page;
use super::text;

/// Ctrl (⌘ on macOS) and Shift.
const COMMAND_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// 印刷… (Ctrl+P, ⌘P), shown on the 出力 page's button too.
pub const PRINT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);

/// Something the user can ask for from a menu or the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// A new application (asks for the fiscal year).
    New,
    /// Open an application file.
    Open,
    /// Open the built-in demo.
    Demo,
    /// Import cases from a spreadsheet.
    ImportCases,
    /// Import credits from a spreadsheet.
    ImportCredits,
    /// Paste the member portal's 単位情報 table.
    ImportPortal,
    /// The office window: many applications at once.
    Office,
    /// Save to the document's file.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Write the bundle and hand it to the system's viewer to print (the 出力 page).
    Print,
    /// Close the window.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Fold the verdict panel to a strip, or open it again.
    ToggleVerdict,
    /// Show a page and put the focus on its first field.
    ShowPage(Page),
}

impl Command {
    /// The commands of the File menu, in order; `None` draws a separator.
    pub const FILE_MENU: [Option<Command>; 15] = [
        Some(Command::New),
        Some(Command::Open),
        Some(Command::Demo),
        None,
        Some(Command::ImportCases),
        Some(Command::ImportCredits),
        Some(Command::ImportPortal),
        Some(Command::Office),
        None,
        Some(Command::Save),
        Some(Command::SaveAs),
        None,
        Some(Command::Print),
        None,
        Some(Command::Quit),
    ];

    /// The commands of the Edit menu, in order.
    pub const EDIT_MENU: [Command; 2] = [Command::Undo, Command::Redo];

    /// Every command that has a shortcut.
    fn with_shortcuts() -> impl Iterator<Item = Command> {
        [
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::Print,
            Command::Undo,
            Command::Redo,
            Command::ToggleVerdict,
        ]
        .into_iter()
        .chain(Page::ALL.map(Command::ShowPage))
    }

    /// The command's text in menus and tooltips.
    pub fn text(self) -> &'static str {
        match self {
            Command::New => text::MENU_NEW,
            Command::Open => text::MENU_OPEN,
            Command::Demo => text::MENU_DEMO,
            Command::ImportCases => text::MENU_IMPORT_CASES,
            Command::ImportCredits => text::MENU_IMPORT_CREDITS,
            Command::ImportPortal => text::MENU_IMPORT_PORTAL,
            Command::Office => text::MENU_OFFICE,
            Command::Save => text::MENU_SAVE,
            Command::SaveAs => text::MENU_SAVE_AS,
            Command::Print => text::MENU_PRINT,
            Command::Quit => text::MENU_QUIT,
            Command::Undo => text::MENU_UNDO,
            Command::Redo => text::MENU_REDO,
            Command::ToggleVerdict => text::MENU_VERDICT_FOLD,
            Command::ShowPage(page) => page.label(),
        }
    }

    /// A longer explanation shown on hover, if the text alone may not say enough.
    pub fn tooltip(self) -> Option<&'static str> {
        match self {
            Command::Office => Some(text::OFFICE_WINDOW_TITLE),
            _ => None,
        }
    }

    /// The shortcut shown in menus, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every key combination that runs the command; the first is the one shown.
    fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(COMMAND_SHIFT, Key::S)];
        const PRINT: [KeyboardShortcut; 1] = [PRINT_SHORTCUT];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)];
        // Ctrl+Y is what Windows users expect; Ctrl+Shift+Z what the rest expect.
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(COMMAND_SHIFT, Key::Z),
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
        ];
        // As the side bar in many editors.
        const TOGGLE_VERDICT: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::B)];
        const PAGES: [[KeyboardShortcut; 1]; 8] = [
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num1)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num2)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num3)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num4)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num5)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num6)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num7)],
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Num8)],
        ];
        match self {
            Command::New => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::Print => &PRINT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::ToggleVerdict => &TOGGLE_VERDICT,
            Command::ShowPage(page) => Page::ALL
                .iter()
                .position(|p| *p == page)
                .and_then(|i| PAGES.get(i))
                .map_or(&[], |keys| keys.as_slice()),
            Command::Demo
            | Command::ImportCases
            | Command::ImportCredits
            | Command::ImportPortal
            | Command::Office
            | Command::Quit => &[],
        }
    }

    /// The shortcut as the user's system writes it (`Ctrl+S`, `⌘S`), if there is one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// Draws the command as a menu item (text, shortcut, tooltip); whether it was clicked.
    pub fn menu_item_ui(self, ui: &mut Ui, enabled: bool) -> bool {
        let mut button = egui::Button::new(self.text());
        if let Some(keys) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        let mut response = ui.add_enabled(enabled, button);
        if let Some(tip) = self.tooltip() {
            response = response.on_hover_text(tip);
        }
        response.clicked()
    }
}

/// What the keyboard does to the case row with the cursor. Not in the shell's menus: the row's
/// own menu and the page's key hint show them, with the shortcut from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowCommand {
    /// A copy of the row below it.
    Duplicate,
    /// Remove the row.
    Delete,
}

impl RowCommand {
    /// Both, in the order the row menu shows them.
    pub const ALL: [RowCommand; 2] = [RowCommand::Duplicate, RowCommand::Delete];

    /// The command's text.
    pub fn text(self) -> &'static str {
        match self {
            RowCommand::Duplicate => text::DUPLICATE_ROW,
            RowCommand::Delete => text::DELETE_ROW,
        }
    }

    /// The key combination that runs it.
    pub fn shortcut(self) -> KeyboardShortcut {
        match self {
            RowCommand::Duplicate => KeyboardShortcut::new(Modifiers::COMMAND, Key::D),
            RowCommand::Delete => KeyboardShortcut::new(Modifiers::COMMAND, Key::Delete),
        }
    }

    /// Draws the command as a menu item with its shortcut; whether it was clicked.
    pub fn menu_item_ui(self, ui: &mut Ui) -> bool {
        let keys = ui.ctx().format_shortcut(&self.shortcut());
        ui.add(egui::Button::new(self.text()).shortcut_text(keys))
            .clicked()
    }

    /// `Ctrl+D: 行を複製`, for the page's key hint.
    pub fn key_hint(self, ctx: &egui::Context) -> String {
        text::key_hint(&ctx.format_shortcut(&self.shortcut()), self.text())
    }
}

/// The commands whose shortcut was pressed in this frame, among those `available` accepts; their
/// key presses are consumed. Shortcuts with Shift are matched first, because egui's matching
/// ignores an extra Shift (Ctrl+Shift+S would otherwise also be Ctrl+S).
pub fn pressed(ctx: &egui::Context, available: impl Fn(Command) -> bool) -> Vec<Command> {
    let mut bindings: Vec<(Command, KeyboardShortcut)> = Command::with_shortcuts()
        .filter(|c| available(*c))
        .flat_map(|c| c.shortcuts().iter().map(move |s| (c, *s)))
        .collect();
    bindings.sort_by_key(|(_, s)| !s.modifiers.shift);
    let mut commands = Vec::new();
    for (command, shortcut) in bindings {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) && !commands.contains(&command) {
            commands.push(command);
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_belongs_to_one_command() {
        // The row keys work while the shell's do too: none may be bound twice.
        let mut seen: Vec<KeyboardShortcut> = RowCommand::ALL.map(RowCommand::shortcut).to_vec();
        for command in Command::with_shortcuts() {
            assert!(command.shortcut().is_some(), "{command:?} has no shortcut");
            for s in command.shortcuts() {
                assert!(!seen.contains(s), "{s:?} is bound twice");
                seen.push(*s);
            }
        }
    }

    #[test]
    fn menus_show_the_shortcut_that_runs_the_command() {
        let ctx = egui::Context::default();
        assert_eq!(
            Command::SaveAs.shortcut_text(&ctx).as_deref(),
            Some("Ctrl+Shift+S")
        );
        assert_eq!(Command::Save.shortcut_text(&ctx).as_deref(), Some("Ctrl+S"));
        assert_eq!(Command::Demo.shortcut_text(&ctx), None);
        assert_eq!(
            Command::ShowPage(Page::Cases)
                .shortcut_text(&ctx)
                .as_deref(),
            Some("Ctrl+3")
        );
        assert_eq!(RowCommand::Duplicate.key_hint(&ctx), "Ctrl+D: 行を複製");
        assert_eq!(RowCommand::Delete.key_hint(&ctx), "Ctrl+Delete: 行を削除");
    }

    #[test]
    fn ctrl_shift_s_is_save_as_only() {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key: Key::S,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: COMMAND_SHIFT,
            }],
            ..Default::default()
        };
        let mut found = Vec::new();
        let mut output = ctx.run_ui(input, |ui| found = pressed(ui.ctx(), |_| true));
        // Nothing is painted here: the font atlas is not needed.
        output.textures_delta.clear();
        assert_eq!(found, [Command::SaveAs]);
    }
}
