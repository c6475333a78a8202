//! Search: the finder overlay (a query field over ranked hits), jumping to a
//! hit, and n/N through the last query's matches in the section.

use std::sync::Arc;

use super::navigation::go_to_section;
use super::{FinderInput, Msg};
use crate::messages::Text;
use crate::search::{Index, Kind};
use crate::tui::field::{Lines, TextField};
use crate::tui::layers::Layer;
use crate::tui::state::{Finder, Found, Pane, Spot, State};

/// Hits the finder lists.
const LIMIT: usize = 200;

/// Opens the finder on the last query.
pub(super) fn open(state: &mut State) {
    let query = state.last_query.clone().unwrap_or_default();
    state.layers.push(Layer::Finder(Finder {
        field: TextField::new(&query, Lines::One),
        ..Finder::default()
    }));
    run(state);
}

pub(super) fn index_ready(state: &mut State, index: Arc<Index>) {
    state.index = Some(index);
    // Everything open, unless the loop says the index covers less.
    state.indexed.covers = state.briefings.len();
    // The last matches are entries of the old index: search afresh.
    if let Some(f) = state.layers.finder_mut() {
        f.session = crate::search::Session::default();
    }
    run(state);
}

/// Runs the finder's query (only what the last one matched, when it extends it).
fn run(state: &mut State) {
    let Some(index) = state.index.clone() else {
        return;
    };
    let Some(f) = state.layers.finder_mut() else {
        return;
    };
    f.hits = index.search_in(f.field.text(), LIMIT, &mut f.session);
    f.selected = f.selected.min(f.hits.len().saturating_sub(1));
}

/// Input while the finder is on top.
pub(super) fn input(state: &mut State, msg: Msg) {
    let Some(Layer::Finder(f)) = state.layers.top_mut() else {
        return;
    };
    match msg {
        Msg::Field(edit) if f.field.apply(&edit) => {
            f.selected = 0;
            run(state);
        }
        Msg::Finder(FinderInput::Up) => f.selected = f.selected.saturating_sub(1),
        Msg::Finder(FinderInput::Down) => {
            f.selected = (f.selected + 1).min(f.hits.len().saturating_sub(1));
        }
        Msg::Finder(FinderInput::Close) => {
            state.layers.pop();
        }
        Msg::Finder(FinderInput::Jump) => jump(state),
        _ => {}
    }
}

/// Enter in the finder: go to the hit.
fn jump(state: &mut State) {
    let Some(index) = state.index.clone() else {
        return;
    };
    let Some(f) = state.layers.finder() else {
        return;
    };
    let Some(hit) = f.hits.get(f.selected) else {
        return;
    };
    let e = index.entry(hit.entry);
    state.last_query = Some(f.field.text().to_owned());
    state.layers.pop();
    go_to_section(state, e.briefing, e.section);
    if let Some(i) = e.item {
        state.item.insert((e.briefing, e.section), i);
    }
    if let (Some(p), Some(r)) = (e.paragraph, &e.range) {
        state.found = Some(Found {
            section: (e.briefing, e.section),
            paragraph: p,
            range: r.clone(),
        });
        state.reveal = Some(Spot {
            paragraph: p,
            byte: r.start,
        });
    } else {
        state.found = None;
        state.scroll.insert(state.current, 0);
    }
    state.focus = if e.kind == Kind::Item {
        Pane::Checklist
    } else {
        Pane::Article
    };
}

/// Which way n and N go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Forward,
    Back,
}

/// n / N: the next or previous match of the last query in this section.
pub(super) fn step_match(state: &mut State, way: Way) {
    let (Some(query), Some(index)) = (state.last_query.clone(), state.index.clone()) else {
        state.say(&Text::SearchFirst);
        return;
    };
    let (b, s) = state.current;
    let mut spots: Vec<(usize, std::ops::Range<usize>)> = index
        .search(&query, usize::MAX)
        .iter()
        .map(|h| index.entry(h.entry))
        .filter(|e| e.briefing == b && e.section == s && e.kind == Kind::Sentence)
        .filter_map(|e| Some((e.paragraph?, e.range.clone()?)))
        .collect();
    spots.sort_by_key(|(p, r)| (*p, r.start));
    if spots.is_empty() {
        state.say(&Text::NoMatch(&query));
        return;
    }
    let here = state
        .found
        .as_ref()
        .filter(|f| f.section == (b, s))
        .map(|f| (f.paragraph, f.range.start));
    let at = match (here, way) {
        (Some(h), Way::Forward) => spots
            .iter()
            .position(|(p, r)| (*p, r.start) > h)
            .unwrap_or(0),
        (Some(h), Way::Back) => spots
            .iter()
            .rposition(|(p, r)| (*p, r.start) < h)
            .unwrap_or(spots.len() - 1),
        (None, Way::Forward) => 0,
        (None, Way::Back) => spots.len() - 1,
    };
    let (p, r) = spots[at].clone();
    state.say(&Text::MatchOf {
        at: at + 1,
        total: spots.len(),
        query: &query,
    });
    state.reveal = Some(Spot {
        paragraph: p,
        byte: r.start,
    });
    state.found = Some(Found {
        section: (b, s),
        paragraph: p,
        range: r,
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{VIEW, keys, state, type_text};
    use super::super::update;
    use super::*;
    use crate::action::Action;
    use crate::tui::field::Edit;

    fn query(s: &State) -> Option<&str> {
        s.layers.finder().map(|f| f.field.text())
    }

    #[test]
    fn an_index_of_more_briefings_is_searched_afresh() {
        // Files still arriving: the first index covers one briefing of three.
        let mut s = state(3);
        keys(&mut s, &[Action::Find]);
        type_text(&mut s, "jhyh");
        let one = Arc::new(Index::build(&s.briefings[..1]));
        update(&mut s, &VIEW, Msg::IndexReady(one));
        let few = s.layers.finder().expect("open").hits.len();
        assert!(few > 0);
        let full = Arc::new(Index::build(&s.briefings));
        update(&mut s, &VIEW, Msg::IndexReady(Arc::clone(&full)));
        let hits = &s.layers.finder().expect("open").hits;
        assert_eq!(hits.len(), 3 * few);
        assert_eq!(*hits, full.search("jhyh", LIMIT));
    }

    #[test]
    fn the_finder_searches_as_you_type_and_jumps() {
        let mut s = state(1);
        keys(&mut s, &[Action::Find]);
        assert!(s.layers.finder().is_some());
        type_text(&mut s, "jh");
        // No index yet: the query waits, then runs when it arrives.
        assert!(s.layers.finder().is_some_and(|f| f.hits.is_empty()));
        let index = Arc::new(Index::build(&s.briefings));
        update(&mut s, &VIEW, Msg::IndexReady(index));
        type_text(&mut s, "yh");
        assert_eq!(query(&s), Some("jhyh"));
        let f = s.layers.finder().expect("open");
        let first = s.index.as_ref().expect("index").entry(f.hits[0].entry);
        assert_eq!(first.text(s.index.as_ref().expect("index")), "净化盐湖");
        // Keys for the panes do nothing while the finder is open.
        keys(&mut s, &[Action::Quit]);
        assert!(!s.quit);
        update(&mut s, &VIEW, Msg::Finder(FinderInput::Down));
        update(&mut s, &VIEW, Msg::Finder(FinderInput::Jump));
        assert!(s.layers.finder().is_none());
        assert_eq!(s.focus, Pane::Article);
        assert_eq!(s.found.as_ref().map(|f| f.paragraph), Some(0));
        // n and N walk the matches of the section.
        keys(&mut s, &[Action::NextMatch]);
        assert!(s.status.as_deref().is_some_and(|m| m.contains("jhyh")));
        // Searching for a department jumps to it.
        keys(&mut s, &[Action::Find]);
        assert_eq!(query(&s), Some("jhyh"), "the last query comes back");
        update(&mut s, &VIEW, Msg::Field(Edit::DeleteWord));
        assert_eq!(query(&s), Some(""));
        type_text(&mut s, "孙耀民");
        update(&mut s, &VIEW, Msg::Finder(FinderInput::Jump));
        assert_eq!(s.current, (0, 1));
        keys(&mut s, &[Action::Find]);
        update(&mut s, &VIEW, Msg::Finder(FinderInput::Close));
        assert!(s.layers.is_empty());
    }

    #[test]
    fn the_query_moves_by_grapheme_and_takes_a_paste() {
        let mut s = state(1);
        keys(&mut s, &[Action::Find]);
        update(&mut s, &VIEW, Msg::Field(Edit::Insert("净化\n盐湖".into())));
        assert_eq!(query(&s), Some("净化 盐湖"), "one line");
        update(&mut s, &VIEW, Msg::Field(Edit::WordLeft));
        update(&mut s, &VIEW, Msg::Field(Edit::Backspace));
        assert_eq!(query(&s), Some("净化盐湖"));
    }
}
