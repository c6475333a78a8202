//! The department history: opening it on the selected section, moving
//! through it, and going to a statement or an item.

use super::navigation::go_to_section;
use super::{Effect, Msg};
use crate::action::Action;
use crate::messages::Text;
use crate::tui::history::{History, Line};
use crate::tui::layers::{Help, Layer};
use crate::tui::state::{Pane, State};
use crate::tui::view::View;

/// Opens the history of the current section's department.
pub(super) fn open(state: &mut State) {
    match History::of(state, state.current) {
        Some(h) => state.layers.push(Layer::History(Box::new(h))),
        None => state.say(&Text::NoDepartment),
    }
}

/// Input while the history is on top.
pub(super) fn input(state: &mut State, view: &View, msg: &Msg) -> Option<Effect> {
    let page = isize::try_from(view.inner_height(Pane::Article).max(1)).unwrap_or(1);
    let Some(Layer::History(h)) = state.layers.top_mut() else {
        return None;
    };
    match *msg {
        Msg::Action(action) => match action {
            Action::Quit | Action::Department => {
                state.layers.pop();
            }
            Action::Help => state.layers.push(Layer::Help(Help::default())),
            Action::Up => h.move_by(-1),
            Action::Down => h.move_by(1),
            Action::Top => h.move_by(isize::MIN / 2),
            Action::Bottom => h.move_by(isize::MAX / 2),
            Action::HalfPageDown => h.move_by((page + 1) / 2),
            Action::HalfPageUp => h.move_by(-(page + 1) / 2),
            Action::PageDown => h.move_by(page),
            Action::PageUp => h.move_by(-page),
            Action::Select => {
                let line = h.lines.get(h.selected).copied();
                state.layers.pop();
                if let Some(line) = line {
                    go(state, line);
                }
            }
            _ => {}
        },
        Msg::Wheel { direction, .. } => h.move_by(match direction {
            super::Scroll::Down => 3,
            super::Scroll::Up => -3,
        }),
        _ => {}
    }
    None
}

/// Shows a statement, or an item selected in its checklist.
fn go(state: &mut State, line: Line) {
    let (b, s) = line.section();
    go_to_section(state, b, s);
    match line {
        Line::Statement(..) => state.focus = Pane::Article,
        Line::Item(_, _, i) => {
            state.item.insert((b, s), i);
            state.focus = Pane::Checklist;
        }
    }
}
