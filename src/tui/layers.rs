//! The stack of screen layers: the base view (the three panes) with overlays
//! pushed on top of it (help, the finder, the note editor, a question). The
//! top layer takes each event; what it does not take goes to the layer under
//! it. This is the only place that routes terminal events: a click or a key
//! meant for the panes never reaches them while an overlay is open.

use crossterm::event::{Event, KeyCode as C, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::field::Edit;
use super::history::History;
use super::ledger::Ledger;
use super::state::{Confirm, Editor, Finder, State};
use super::update::{Answer, FinderInput, LedgerInput, Msg, NoteInput, Scroll};

/// The help overlay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

/// One overlay. Each owns its state.
#[derive(Debug, Clone)]
pub enum Layer {
    Help(Help),
    Finder(Finder),
    Editor(Editor),
    Confirm(Confirm),
    /// The ledger view: full screen, over the panes.
    Ledger(Box<Ledger>),
    /// One department's statements across the library.
    History(Box<History>),
}

/// The overlays over the base view, bottom first.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    stack: Vec<Layer>,
}

impl Layers {
    pub fn push(&mut self, layer: Layer) {
        self.stack.push(layer);
    }

    /// Closes the top layer.
    pub fn pop(&mut self) -> Option<Layer> {
        self.stack.pop()
    }

    pub fn top(&self) -> Option<&Layer> {
        self.stack.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Layer> {
        self.stack.last_mut()
    }

    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Bottom to top, the order they are drawn in.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Layer> {
        self.stack.iter()
    }

    pub fn help(&self) -> Option<&Help> {
        self.iter().rev().find_map(|l| match l {
            Layer::Help(h) => Some(h),
            _ => None,
        })
    }

    pub fn finder(&self) -> Option<&Finder> {
        self.iter().rev().find_map(|l| match l {
            Layer::Finder(f) => Some(f),
            _ => None,
        })
    }

    pub fn finder_mut(&mut self) -> Option<&mut Finder> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Finder(f) => Some(f),
            _ => None,
        })
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.iter().rev().find_map(|l| match l {
            Layer::Editor(e) => Some(e),
            _ => None,
        })
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Editor(e) => Some(e),
            _ => None,
        })
    }

    pub fn ledger(&self) -> Option<&Ledger> {
        self.iter().rev().find_map(|l| match l {
            Layer::Ledger(x) => Some(&**x),
            _ => None,
        })
    }

    pub fn ledger_mut(&mut self) -> Option<&mut Ledger> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Ledger(x) => Some(&mut **x),
            _ => None,
        })
    }

    pub fn history_mut(&mut self) -> Option<&mut History> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::History(x) => Some(&mut **x),
            _ => None,
        })
    }

    pub fn confirm(&self) -> Option<&Confirm> {
        self.iter().rev().find_map(|l| match l {
            Layer::Confirm(c) => Some(c),
            _ => None,
        })
    }
}

/// Turns a terminal event into a message for the top layer that takes it.
pub fn route(state: &State, event: &Event) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => match state.layers.top() {
            Some(Layer::Editor(ed)) if ed.confirm_discard => answer_of(k),
            Some(Layer::Editor(_)) => note_key(k),
            Some(Layer::Finder(_)) => finder_key(k),
            Some(Layer::Confirm(_)) => answer_of(k),
            Some(Layer::Ledger(l)) if l.editing => ledger_filter_key(k),
            // Help, the ledger and the history read the same key map as the panes.
            Some(Layer::Help(_) | Layer::Ledger(_) | Layer::History(_)) | None => super::key_of(k)
                .and_then(|key| state.config.keys.action(&key))
                .map(Msg::Action),
        },
        Event::Paste(text) => match state.layers.top() {
            Some(Layer::Editor(ed)) if !ed.confirm_discard => {
                Some(Msg::Field(Edit::Insert(text.clone())))
            }
            Some(Layer::Finder(_)) => Some(Msg::Field(Edit::Insert(text.clone()))),
            Some(Layer::Ledger(l)) if l.editing => Some(Msg::Field(Edit::Insert(text.clone()))),
            _ => None,
        },
        Event::Mouse(m) if state.mouse => mouse(state, *m),
        _ => None,
    }
}

/// The mouse: the panes under no overlay; the wheel moves the finder's
/// selection and scrolls the help; other overlays take it and do nothing.
fn mouse(state: &State, m: MouseEvent) -> Option<Msg> {
    let wheel = match m.kind {
        MouseEventKind::ScrollDown => Some(Scroll::Down),
        MouseEventKind::ScrollUp => Some(Scroll::Up),
        _ => None,
    };
    match state.layers.top() {
        None => match (m.kind, wheel) {
            (MouseEventKind::Down(MouseButton::Left), _) => Some(Msg::Click {
                column: m.column,
                row: m.row,
            }),
            (_, Some(direction)) => Some(Msg::Wheel {
                column: m.column,
                row: m.row,
                direction,
            }),
            _ => None,
        },
        Some(Layer::Finder(_)) => wheel.map(|w| {
            Msg::Finder(match w {
                Scroll::Down => FinderInput::Down,
                Scroll::Up => FinderInput::Up,
            })
        }),
        Some(Layer::Help(_) | Layer::Ledger(_) | Layer::History(_)) => wheel.map(|w| {
            Msg::Action(match w {
                Scroll::Down => crate::action::Action::Down,
                Scroll::Up => crate::action::Action::Up,
            })
        }),
        Some(Layer::Editor(_) | Layer::Confirm(_)) => None,
    }
}

/// Keys every text field shares: typing, deleting, moving by character,
/// word and line. `None` for keys that are not edits.
fn field_key(k: &KeyEvent) -> Option<Edit> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    Some(match k.code {
        C::Left if ctrl || alt => Edit::WordLeft,
        C::Right if ctrl || alt => Edit::WordRight,
        C::Char('b') if alt => Edit::WordLeft,
        C::Char('f') if alt => Edit::WordRight,
        C::Char('w' | 'W') if ctrl => Edit::DeleteWord,
        C::Backspace if ctrl || alt => Edit::DeleteWord,
        C::Char('a' | 'A') if ctrl => Edit::Home,
        C::Char(_) if ctrl || alt => return None,
        C::Char(c) => Edit::Insert(c.to_string()),
        C::Backspace => Edit::Backspace,
        C::Delete => Edit::Delete,
        C::Left => Edit::Left,
        C::Right => Edit::Right,
        C::Home => Edit::Home,
        C::End => Edit::End,
        _ => return None,
    })
}

/// The note editor's keys.
fn note_key(k: &KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let input = match k.code {
        C::Char('s' | 'S') if ctrl => NoteInput::Save,
        C::Char('e' | 'E') if ctrl => NoteInput::External,
        C::Enter => NoteInput::Newline,
        C::Esc => NoteInput::Cancel,
        C::Up => NoteInput::Up,
        C::Down => NoteInput::Down,
        _ => return field_key(k).map(Msg::Field),
    };
    Some(Msg::Note(input))
}

/// The finder's keys.
fn finder_key(k: &KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let input = match k.code {
        C::Char('n' | 'j') if ctrl => FinderInput::Down,
        C::Char('p' | 'k') if ctrl => FinderInput::Up,
        C::Enter => FinderInput::Jump,
        C::Esc => FinderInput::Close,
        C::Up => FinderInput::Up,
        C::Down | C::Tab => FinderInput::Down,
        _ => return field_key(k).map(Msg::Field),
    };
    Some(Msg::Finder(input))
}

/// The ledger's filter line: typing filters as it goes; Enter keeps the
/// filter and goes back to the rows, Esc clears it; Up and Down move the
/// selection meanwhile.
fn ledger_filter_key(k: &KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let input = match k.code {
        C::Char('n' | 'j') if ctrl => LedgerInput::Down,
        C::Char('p' | 'k') if ctrl => LedgerInput::Up,
        C::Enter => LedgerInput::Keep,
        C::Esc => LedgerInput::Clear,
        C::Up => LedgerInput::Up,
        C::Down | C::Tab => LedgerInput::Down,
        _ => return field_key(k).map(Msg::Field),
    };
    Some(Msg::Ledger(input))
}

fn answer_of(k: &KeyEvent) -> Option<Msg> {
    match k.code {
        C::Char('y' | 'Y') | C::Enter => Some(Msg::Answer(Answer::Yes)),
        C::Char('n' | 'N' | 'q') | C::Esc => Some(Msg::Answer(Answer::No)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_text;
    use crate::config::Config;
    use crate::layout::Options;
    use crossterm::event::{KeyEvent, MouseEvent};

    fn state() -> State {
        let b = parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n一是净化盐湖。\n",
        );
        State::new(vec![b], Config::defaults(), Options::new(40))
    }

    fn key(c: C) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    fn click() -> Event {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row: 3,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn the_top_layer_takes_the_event() {
        let mut s = state();
        assert!(matches!(route(&s, &click()), Some(Msg::Click { .. })));
        assert!(matches!(
            route(&s, &key(C::Char('q'))),
            Some(Msg::Action(crate::action::Action::Quit))
        ));
        s.layers.push(Layer::Finder(Finder::default()));
        // Under the finder a click reaches nothing, and q is text.
        assert!(route(&s, &click()).is_none());
        assert!(matches!(
            route(&s, &key(C::Char('q'))),
            Some(Msg::Field(Edit::Insert(ref t))) if t == "q"
        ));
        assert!(matches!(
            route(&s, &Event::Paste("净化".into())),
            Some(Msg::Field(Edit::Insert(_)))
        ));
        s.layers.push(Layer::Confirm(Confirm::MarkSection {
            b: 0,
            s: 0,
            done: true,
        }));
        assert!(matches!(
            route(&s, &key(C::Char('y'))),
            Some(Msg::Answer(Answer::Yes))
        ));
        assert!(route(&s, &Event::Paste("x".into())).is_none());
        s.layers.pop();
        s.layers.pop();
        s.layers.push(Layer::Help(Help::default()));
        assert!(route(&s, &click()).is_none());
    }
}
