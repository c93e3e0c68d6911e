//! Keys go where the focus is. egui hands every event of a frame to the widget focused at the
//! frame's start, while Tab, Enter or a click only moves the focus during that frame; so a burst
//! typed within one frame ("abc⇥def" from a fast typist, an IME commit, a barcode scanner or a
//! paste) would put "def" into the field being left. [`FocusSplit`] cuts each frame's events after
//! the first one that moves the focus and hands the rest to the next frame, which it asks for at
//! once.

use std::collections::VecDeque;

use eframe::egui::{self, Event, Key, RawInput};

/// The egui plugin that holds back the events after a focus move until the next frame.
#[derive(Debug, Default)]
pub struct FocusSplit {
    /// Events cut off an earlier frame, oldest first.
    waiting: VecDeque<Event>,
}

impl egui::Plugin for FocusSplit {
    fn debug_name(&self) -> &'static str {
        "FocusSplit"
    }

    fn input_hook(&mut self, ctx: &egui::Context, input: &mut RawInput) {
        if self.waiting.is_empty() && !input.events.iter().any(moves_focus) {
            return;
        }
        // What waited came first: it goes before this frame's own events, in order.
        let mut events: Vec<Event> = self.waiting.drain(..).collect();
        events.append(&mut input.events);
        let (now, later) = split_after_focus_move(events);
        input.events = now;
        if !later.is_empty() {
            self.waiting = later.into();
            ctx.request_repaint();
        }
    }
}

/// Splits one frame's events after the first event that moves the focus (a Tab or Enter press, a
/// pointer button press): the first part is this frame's, the rest waits for the next. The
/// release of that key or button, when it comes right after, stays with its press, so a key is
/// not seen held down for a frame. Nothing is reordered.
pub fn split_after_focus_move(mut events: Vec<Event>) -> (Vec<Event>, Vec<Event>) {
    let Some(cut) = events.iter().position(moves_focus) else {
        return (events, Vec::new());
    };
    let mut end = cut + 1;
    if let (Some(press), Some(next)) = (events.get(cut), events.get(end))
        && releases(press, next)
    {
        end += 1;
    }
    let later = events.split_off(end);
    (events, later)
}

/// Whether egui moves the focus on `event` (so that what follows belongs to another widget).
fn moves_focus(event: &Event) -> bool {
    matches!(
        event,
        Event::Key {
            key: Key::Tab | Key::Enter,
            pressed: true,
            ..
        } | Event::PointerButton { pressed: true, .. }
    )
}

/// Whether `next` lets go of the key or button `press` pressed.
fn releases(press: &Event, next: &Event) -> bool {
    match (press, next) {
        (
            Event::Key { key, .. },
            Event::Key {
                key: released,
                pressed: false,
                ..
            },
        ) => key == released,
        (
            Event::PointerButton { button, .. },
            Event::PointerButton {
                button: released,
                pressed: false,
                ..
            },
        ) => button == released,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Modifiers, PointerButton, pos2};

    fn text(t: &str) -> Event {
        Event::Text(t.to_owned())
    }

    fn key(key: Key, pressed: bool) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }

    fn button(pressed: bool) -> Event {
        Event::PointerButton {
            pos: pos2(10.0, 10.0),
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        }
    }

    #[test]
    fn text_after_a_tab_waits_for_the_next_frame_and_the_tab_keeps_its_release() {
        let events = vec![
            text("abc"),
            key(Key::Tab, true),
            key(Key::Tab, false),
            text("def"),
        ];
        let (now, later) = split_after_focus_move(events);
        assert_eq!(
            now,
            vec![text("abc"), key(Key::Tab, true), key(Key::Tab, false)]
        );
        assert_eq!(later, vec![text("def")]);
    }

    #[test]
    fn each_frame_gets_at_most_one_focus_move_in_the_order_typed() {
        let events = vec![
            key(Key::Tab, true),
            key(Key::Tab, true),
            text("x"),
            key(Key::Enter, true),
            key(Key::Enter, false),
            text("y"),
        ];
        let (first, rest) = split_after_focus_move(events);
        assert_eq!(first, vec![key(Key::Tab, true)]);
        let (second, rest) = split_after_focus_move(rest);
        assert_eq!(second, vec![key(Key::Tab, true)]);
        let (third, rest) = split_after_focus_move(rest);
        assert_eq!(
            third,
            vec![text("x"), key(Key::Enter, true), key(Key::Enter, false)]
        );
        assert_eq!(rest, vec![text("y")]);
    }

    #[test]
    fn a_click_keeps_its_release_and_the_typing_after_it_waits() {
        let events = vec![button(true), button(false), text("z")];
        let (now, later) = split_after_focus_move(events);
        assert_eq!(now, vec![button(true), button(false)]);
        assert_eq!(later, vec![text("z")]);
    }

    #[test]
    fn a_frame_without_a_focus_move_is_left_whole() {
        let events = vec![
            text("a"),
            key(Key::A, true),
            key(Key::A, false),
            key(Key::Tab, false),
        ];
        let (now, later) = split_after_focus_move(events.clone());
        assert_eq!(now, events);
        assert!(later.is_empty());
    }

    #[test]
    fn the_last_focus_move_of_a_frame_leaves_nothing_waiting() {
        let events = vec![text("abc"), key(Key::Tab, true)];
        let (now, later) = split_after_focus_move(events.clone());
        assert_eq!(now, events);
        assert!(later.is_empty());
    }
}
