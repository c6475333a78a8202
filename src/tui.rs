//! The reader's state and how it changes, without a terminal: the state, the
//! layer stack that routes input, the text field, the view model and
//! `update`. The event loop that drives them is [`crate::reader`]; drawing is
//! [`crate::ui`], which reads the state and never changes it.

pub mod field;
pub mod history;
pub mod layers;
pub mod ledger;
pub mod state;
pub mod update;
pub mod view;

use crossterm::event::{KeyEvent, KeyModifiers};

use crate::briefing::Briefing;
use crate::config::{Config, Key, KeyCode};
use crate::layout::{Ambiguous, Options};
use state::State;

/// Converts a terminal key event to the config's key.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as C;
    let code = match event.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Builds the state the reader starts with.
pub fn initial_state(briefings: Vec<Briefing>, config: Config, ambiguous: Ambiguous) -> State {
    let layout = Options {
        width: 80,
        ambiguous,
        hang: config.hanging,
        first_indent: 0,
    };
    State::new(briefings, config, layout)
}
