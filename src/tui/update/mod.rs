//! The one place where state changes. No I/O here: what needs the outside world
//! comes back as an effect for the event loop to carry out.
//!
//! A message goes to the top layer of the stack ([`super::layers`]): the
//! finder, the note editor, a question or the help each take their own input,
//! and the base view (the three panes) gets input only when no overlay is open.
//! The concerns live apart: moving around (`navigation`), marks and undo
//! (`marks`), notes (`notes`) and search (`finder`).

mod finder;
mod history;
mod ledger;
mod marks;
mod navigation;
mod notes;

use std::path::PathBuf;
use std::sync::Arc;

use super::field::Edit;
use super::layers::Layer;
use super::state::State;
use super::view::View;
use crate::action::Action;
use crate::messages::{Problem, Text};
use crate::search::Index;
use crate::store::Marks;

/// What the loop feeds in: a bound action, a mouse event, an edit of the top
/// layer's text field, an answer to a question, or the outcome of an effect.
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        direction: Scroll,
    },
    /// An edit of the text field of the layer on top (finder or note editor).
    Field(Edit),
    /// The note editor's own keys.
    Note(NoteInput),
    /// The finder's own keys.
    Finder(FinderInput),
    /// The ledger's filter line's own keys.
    Ledger(LedgerInput),
    Answer(Answer),
    Saved(Result<Marks, Problem>),
    Exported(Result<PathBuf, Problem>),
    EditedExternally(Result<String, Problem>),
    /// The background thread has built the search index.
    IndexReady(Arc<Index>),
}

/// The answer to a yes/no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
}

/// Which way the wheel turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Up,
    Down,
}

/// The note editor's keys besides editing the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteInput {
    Newline,
    Up,
    Down,
    Save,
    Cancel,
    /// Continue in `$EDITOR`.
    External,
}

/// The finder's keys besides editing the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderInput {
    Up,
    Down,
    Jump,
    Close,
}

/// The ledger's filter line's keys besides editing the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerInput {
    Up,
    Down,
    /// Keep the filter and go back to the rows.
    Keep,
    /// Clear the filter and go back to the rows.
    Clear,
}

/// Work for the event loop, which has the I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Merge and write the marks.
    Save,
    /// Write briefing `b`'s marks and notes to a file.
    Export { b: usize },
    /// Continue editing the note in `$EDITOR`.
    ExternalEditor { text: String },
}

pub fn update(state: &mut State, view: &View, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Saved(result) => {
            marks::saved(state, result);
            None
        }
        Msg::Exported(Ok(path)) => {
            state.say(&Text::Exported(&path));
            None
        }
        Msg::Exported(Err(problem)) => {
            state.say(&Text::Failed(&problem));
            None
        }
        Msg::EditedExternally(result) => {
            notes::edited_externally(state, result);
            None
        }
        Msg::IndexReady(index) => {
            finder::index_ready(state, index);
            None
        }
        input => {
            // From the first key on, arriving briefings leave the selection be.
            state.loading.chosen = true;
            route(state, view, input)
        }
    }
}

/// Input goes to the layer on top, or to the panes.
fn route(state: &mut State, view: &View, input: Msg) -> Option<Effect> {
    match state.layers.top() {
        Some(Layer::Help(_)) => {
            help(state, &input);
            None
        }
        Some(Layer::Finder(_)) => {
            finder::input(state, input);
            None
        }
        Some(Layer::Editor(_)) => notes::input(state, input),
        Some(Layer::Confirm(_)) => marks::confirm_input(state, &input),
        Some(Layer::Ledger(_)) => ledger::input(state, view, input),
        Some(Layer::History(_)) => history::input(state, view, &input),
        None => navigation::base(state, view, &input),
    }
}

/// The help overlay: scrolls, and closes on its key or quit.
fn help(state: &mut State, input: &Msg) {
    let Some(Layer::Help(h)) = state.layers.top_mut() else {
        return;
    };
    match input {
        Msg::Action(Action::Help | Action::Quit) => {
            state.layers.pop();
        }
        Msg::Action(Action::Down) => h.scroll += 1,
        Msg::Action(Action::Up) => h.scroll = h.scroll.saturating_sub(1),
        Msg::Action(Action::Top) => h.scroll = 0,
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::{Msg, update};
    use crate::action::Action;
    use crate::briefing::parse_text;
    use crate::config::Config;
    use crate::layout::Options;
    use crate::tui::field::Edit;
    use crate::tui::state::State;
    use crate::tui::view::{Area, View};

    pub const PAGE: &str = "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n\n三是缤纷色彩。\n\n做好项目兴水 加强人才培养\n\n市水务局局长 孙耀民\n\n一是深学精神。二是做好项目。\n";

    const fn area(x: u16, width: u16) -> Area {
        Area {
            x,
            y: 0,
            width,
            height: 6,
        }
    }

    /// The panes as a small terminal lays them out.
    pub const VIEW: View = View {
        article: Some(area(0, 42)),
        checklist: Some(area(42, 30)),
        departments: Some(area(72, 30)),
        article_width: Some(40),
        ledger_rows: 6,
        history_rows: 6,
        offsets: crate::tui::view::Offsets {
            departments: 0,
            checklist: 0,
        },
    };

    /// `n` copies of the page.
    pub fn state(n: usize) -> State {
        let briefings = (0..n)
            .map(|i| parse_text(&format!("b{i}.txt"), PAGE))
            .collect();
        let mut s = State::new(briefings, Config::defaults(), Options::new(40));
        s.fit(&VIEW);
        s
    }

    pub fn keys(s: &mut State, actions: &[Action]) {
        for a in actions {
            update(s, &VIEW, Msg::Action(*a));
            s.fit(&VIEW);
        }
    }

    pub fn type_text(s: &mut State, text: &str) {
        for c in text.chars() {
            update(s, &VIEW, Msg::Field(Edit::Insert(c.to_string())));
        }
    }

    pub fn done_titles(s: &State) -> Vec<String> {
        s.items()
            .iter()
            .filter(|i| s.is_done(s.current.0, i))
            .map(|i| {
                i.title(&s.section().expect("section").paragraphs)
                    .to_owned()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{VIEW, keys, state};
    use super::*;

    #[test]
    fn help_opens_scrolls_and_closes() {
        let mut s = state(1);
        keys(&mut s, &[Action::Help]);
        assert!(s.layers.help().is_some());
        keys(&mut s, &[Action::Down]);
        assert_eq!(s.layers.help().map(|h| h.scroll), Some(1));
        keys(&mut s, &[Action::Quit]);
        assert!(s.layers.is_empty() && !s.quit);
        keys(&mut s, &[Action::Quit]);
        assert!(s.quit);
    }

    #[test]
    fn under_an_overlay_the_panes_take_nothing() {
        let mut s = state(1);
        keys(&mut s, &[Action::Find]);
        let before = (s.focus, s.current);
        update(&mut s, &VIEW, Msg::Click { column: 80, row: 2 });
        update(
            &mut s,
            &VIEW,
            Msg::Wheel {
                column: 10,
                row: 3,
                direction: Scroll::Down,
            },
        );
        update(&mut s, &VIEW, Msg::Action(Action::Down));
        assert_eq!((s.focus, s.current), before);
        assert!(s.layers.finder().is_some());
    }
}
