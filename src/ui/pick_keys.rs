//! The keyboard in an open pick-list, the same on every page: ↑↓ move a highlight, Enter picks
//! the highlighted option and closes the list, Esc closes it and keeps the focus on the field,
//! Tab closes it and goes on to the next field. Every ComboBox and every list of suggestions goes
//! through [`ListKeys`] (ComboBoxes through [`combo_ui`]), so this is written once.
//!
//! Why egui's own handling is not enough: its menu moves the *focus* into the list on ↓, where
//! Enter clicks an option but leaves the list open, and Esc (which egui handles by dropping the
//! focus before any widget runs) leaves nothing focused, so the next Tab starts from the menu
//! bar. A list of suggestions under a text cell gets no arrow keys at all, as the text field
//! keeps them. Here the focus stays on the field and the highlight is ours.

use eframe::egui::{self, Event, FocusDirection, Id, Key, Modifiers, Popup, Response, Ui};

/// What the keys did to one pick-list this frame; read before the field and its list are drawn,
/// so that the list takes ↑↓, Enter and Esc before the field or the table sees them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListKeys {
    /// The option drawn highlighted (index in the list's order).
    highlight: Option<usize>,
    /// The option chosen with Enter.
    picked: Option<usize>,
    /// The highlight moved this frame (bring it into view).
    moved: bool,
}

impl ListKeys {
    /// Reads this frame's keys for the list `popup` of the field `anchor`, a list of `len`
    /// options of which `current` is the field's value. Does nothing while the list is closed
    /// or another field has the focus (a list opened with the mouse still answers the keys).
    pub fn read(ui: &Ui, anchor: Id, popup: Id, len: usize, current: Option<usize>) -> Self {
        let ctx = ui.ctx();
        let stored_at = popup.with("highlight");
        if !Popup::is_id_open(ctx, popup) || len == 0 {
            ctx.data_mut(|d| d.remove::<usize>(stored_at));
            return Self::default();
        }
        let stored = ctx.data(|d| d.get_temp::<usize>(stored_at));
        let focused = ui.memory(|m| m.focused());
        // Nothing focused: egui drops the focus on Esc at the start of the frame, and a list
        // opened with the mouse has no focus to keep.
        if focused.is_some_and(|f| f != anchor) {
            return Self {
                highlight: stored,
                ..Self::default()
            };
        }
        // An Enter in a frame with input-method events confirms a conversion, not a choice.
        let composing = ui.input(|i| i.events.iter().any(|e| matches!(e, Event::Ime(_))));
        let (down, up, enter, escape, tab) = ui.input_mut(|i| {
            (
                i.count_and_consume_key(Modifiers::NONE, Key::ArrowDown),
                i.count_and_consume_key(Modifiers::NONE, Key::ArrowUp),
                !composing && i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
                i.key_pressed(Key::Tab),
            )
        });
        let last = len - 1;
        let mut highlight = stored.or(current).filter(|&h| h <= last);
        for _ in 0..down {
            highlight = Some(highlight.map_or(0, |h| (h + 1).min(last)));
        }
        for _ in 0..up {
            highlight = Some(highlight.map_or(last, |h| h.saturating_sub(1)));
        }
        let moved = down + up > 0;
        if moved {
            // egui would also move the focus on an arrow key (into the list, or to the field
            // below): the focus stays on the field.
            ui.memory_mut(|m| m.move_focus(FocusDirection::None));
        }
        if enter || escape || tab {
            Popup::close_id(ctx, popup);
            ctx.data_mut(|d| d.remove::<usize>(stored_at));
            if focused.is_none() && !tab {
                ui.memory_mut(|m| m.request_focus(anchor));
            }
        } else if let Some(h) = highlight {
            ctx.data_mut(|d| d.insert_temp(stored_at, h));
        }
        Self {
            highlight,
            picked: if enter { highlight } else { None },
            moved,
        }
    }

    /// The option chosen with Enter this frame, if any.
    pub fn picked(&self) -> Option<usize> {
        self.picked
    }

    /// The highlighted option, if any.
    pub fn highlight(&self) -> Option<usize> {
        self.highlight
    }

    /// Marks the list's option `index` (just drawn as `item`) when it is the highlighted one:
    /// framed at once, filled as under the mouse from the next frame, and scrolled into view.
    pub fn item_ui(&self, ui: &Ui, index: usize, item: &Response) {
        if self.highlight != Some(index) {
            return;
        }
        let visuals = ui.visuals();
        ui.painter().rect_stroke(
            item.rect,
            visuals.widgets.hovered.corner_radius,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
        let _ = item.clone().highlight();
        if self.moved {
            item.scroll_to_me(None);
        }
    }
}

/// Whether a pick-list or menu is open: then an Enter is the list's (a choice), not the table's
/// (next row, new row), which reads keys before the list's field is drawn.
pub fn list_open(ctx: &egui::Context) -> bool {
    Popup::is_any_open(ctx)
}

/// A ComboBox of `options` showing `selected_text`, whose open list follows the keyboard as
/// described in the module; also opens on Alt+↓. Sets `choice` when an option is picked.
pub fn combo_ui<T: Copy + PartialEq, S: Into<egui::WidgetText>>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    selected_text: impl Into<egui::WidgetText>,
    width: Option<f32>,
    choice: &mut T,
    options: &[T],
    label: impl Fn(T) -> S,
) -> Response {
    // The ids egui's ComboBox gives its button (from the salt as an `IdSalt`) and its list.
    let anchor = ui.make_persistent_id(egui::IdSalt::new(&id_salt));
    let popup = anchor.with("popup");
    let current = options.iter().position(|o| o == choice);
    let keys = ListKeys::read(ui, anchor, popup, options.len(), current);
    let mut combo = egui::ComboBox::from_id_salt(id_salt).selected_text(selected_text);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let response = combo
        .show_ui(ui, |ui| {
            for (i, &option) in options.iter().enumerate() {
                let item = ui.selectable_value(choice, option, label(option));
                keys.item_ui(ui, i, &item);
            }
        })
        .response;
    if let Some(&option) = keys.picked().and_then(|i| options.get(i)) {
        *choice = option;
    }
    open_on_alt_down(ui, anchor, popup);
    response
}

/// Opens the list `popup` of the focused field `anchor` on Alt+↓, as desktop applications do
/// (Space opens a ComboBox too; Enter is left to the table, where it moves to the next row).
pub fn open_on_alt_down(ui: &Ui, anchor: Id, popup: Id) {
    if ui.memory(|m| m.has_focus(anchor))
        && ui.input_mut(|i| i.consume_key(Modifiers::ALT, Key::ArrowDown))
    {
        Popup::open_id(ui.ctx(), popup);
    }
}
