//! The base view: actions on the three panes, moving, paging, scrolling,
//! sections, folding, and the mouse.

use super::{Effect, Msg, Scroll, finder, history, ledger, marks, notes};
use crate::action::Action;
use crate::messages::Text;
use crate::store::Status;
use crate::tui::layers::{Help, Layer};
use crate::tui::state::{Pane, Row, State};
use crate::tui::view::View;

/// Input with no overlay open.
pub(super) fn base(state: &mut State, view: &View, msg: &Msg) -> Option<Effect> {
    match *msg {
        Msg::Action(action) => act(state, view, action),
        Msg::Click { column, row } => {
            click(state, view, column, row);
            None
        }
        Msg::Wheel {
            column,
            row,
            direction,
        } => {
            if let Some(pane) = view.pane_at(column, row) {
                let delta = match direction {
                    Scroll::Down => 3,
                    Scroll::Up => -3,
                };
                scroll_pane(state, view, pane, delta);
            }
            None
        }
        _ => None,
    }
}

fn act(state: &mut State, view: &View, action: Action) -> Option<Effect> {
    state.status = None;
    match action {
        Action::Quit => state.quit = true,
        Action::Help => state.layers.push(Layer::Help(Help::default())),
        Action::FocusNext => state.focus = state.focus.next(),
        Action::FocusPrev => state.focus = state.focus.prev(),
        Action::FocusLeft => {
            if state.focus != Pane::Departments {
                state.focus = state.focus.prev();
            }
        }
        Action::FocusRight => {
            if state.focus != Pane::Checklist {
                state.focus = state.focus.next();
            }
        }
        Action::Up => move_by(state, view, -1),
        Action::Down => move_by(state, view, 1),
        Action::Top => move_by(state, view, isize::MIN / 2),
        Action::Bottom => move_by(state, view, isize::MAX / 2),
        Action::HalfPageDown => move_by(state, view, (page(state, view) + 1) / 2),
        Action::HalfPageUp => move_by(state, view, -(page(state, view) + 1) / 2),
        Action::PageDown => move_by(state, view, page(state, view)),
        Action::PageUp => move_by(state, view, -page(state, view)),
        Action::Select => select(state, view),
        Action::PrevSection => step_section(state, -1),
        Action::NextSection => step_section(state, 1),
        Action::ToggleCollapse => toggle_collapse(state),
        Action::Department => history::open(state),
        Action::CycleShow => {
            state.show = state.show.next();
            state.rebuild_rows();
            state.say(&Text::Showing(state.show));
        }
        Action::ToggleDone => return marks::toggle_done(state),
        Action::MarkSection => marks::ask_mark_section(state),
        Action::EditNote => notes::open_item_note(state),
        Action::EditSectionNote => notes::open_section_note(state),
        Action::Undo => return marks::history(state, marks::History::Back),
        Action::Redo => return marks::history(state, marks::History::Forward),
        Action::Export => return Some(Effect::Export { b: state.current.0 }),
        Action::Find => finder::open(state),
        Action::NextMatch => finder::step_match(state, finder::Way::Forward),
        Action::PrevMatch => finder::step_match(state, finder::Way::Back),
        Action::Ledger => ledger::open(state),
        Action::CycleStatus => {
            let at = marks::selected_item(state)?;
            let item = &state.briefings[at.0].sections[at.1].items[at.2];
            let now = state.marks.status(&state.briefings[at.0], &item.id.hex());
            return marks::set_status(state, at, &crate::tui::ledger::next_status(&now));
        }
        Action::StatusNotStarted => return set_status(state, &Status::NotStarted),
        Action::StatusInProgress => return set_status(state, &Status::InProgress),
        Action::StatusDone => return set_status(state, &Status::Done),
        Action::StatusPaused => return set_status(state, &Status::Paused),
        Action::AddProgress => {
            if let Some(at) = marks::selected_item(state) {
                notes::open_progress(state, at);
            }
        }
    }
    None
}

fn set_status(state: &mut State, status: &Status) -> Option<Effect> {
    let at = marks::selected_item(state)?;
    marks::set_status(state, at, status)
}

fn page(state: &State, view: &View) -> isize {
    isize::try_from(view.inner_height(state.focus))
        .unwrap_or(1)
        .max(1)
}

fn move_by(state: &mut State, view: &View, delta: isize) {
    match state.focus {
        Pane::Departments => {
            let last = state.rows.len().saturating_sub(1);
            state.row = offset(state.row, delta, last);
            state.sync_current();
        }
        Pane::Checklist => {
            let last = state.items().len().saturating_sub(1);
            let i = offset(state.selected_item_index(), delta, last);
            state.item.insert(state.current, i);
            reveal_item(state, view, Reveal::InView);
        }
        Pane::Article => scroll_pane(state, view, Pane::Article, delta),
    }
}

fn offset(at: usize, delta: isize, last: usize) -> usize {
    at.saturating_add_signed(delta).min(last)
}

fn scroll_pane(state: &mut State, view: &View, pane: Pane, delta: isize) {
    match pane {
        Pane::Article => {
            let max = state.max_scroll(view.inner_height(Pane::Article));
            let s = offset(state.scroll(), delta, max);
            state.scroll.insert(state.current, s);
        }
        Pane::Departments | Pane::Checklist => {
            let saved = state.focus;
            state.focus = pane;
            move_by(state, view, delta);
            state.focus = saved;
        }
    }
}

/// How far to scroll the article to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reveal {
    /// Just enough to bring it into view.
    InView,
    /// Its first line near the top, as Enter does.
    AtTop,
}

/// Scrolls the article so the selected item is in view.
pub(super) fn reveal_item(state: &mut State, view: &View, how: Reveal) {
    let Some(item) = state.selected_item() else {
        return;
    };
    let Some(article) = state.current_article() else {
        return;
    };
    let lines = article.item_lines(item);
    let height = view.inner_height(Pane::Article);
    let scroll = state.scroll();
    let target = if how == Reveal::AtTop {
        lines.start.saturating_sub(1)
    } else if lines.start < scroll {
        lines.start
    } else if lines.end > scroll + height {
        lines.end.saturating_sub(height).min(lines.start)
    } else {
        scroll
    };
    let max = state.max_scroll(height);
    state.scroll.insert(state.current, target.min(max));
}

fn select(state: &mut State, view: &View) {
    match state.focus {
        Pane::Departments => match state.rows.get(state.row) {
            Some(Row::Briefing(_) | Row::Month(_)) => toggle_collapse(state),
            Some(Row::Section(..)) => state.focus = Pane::Article,
            None => {}
        },
        Pane::Checklist => reveal_item(state, view, Reveal::AtTop),
        Pane::Article => {}
    }
}

fn step_section(state: &mut State, delta: isize) {
    // In the order the pane lists them.
    let order = state.order();
    let sections: Vec<(usize, usize)> = order
        .into_iter()
        .flat_map(|b| (0..state.briefings[b].sections.len()).map(move |s| (b, s)))
        .collect();
    let Some(at) = sections.iter().position(|&c| c == state.current) else {
        return;
    };
    let Some(&next) = sections.get(at.saturating_add_signed(delta)) else {
        return;
    };
    if next != state.current {
        go_to_section(state, next.0, next.1);
    }
}

/// Makes section `s` of briefing `b` the current one, unfolding its briefing
/// and its month, and showing everything if the filter hides it.
pub(super) fn go_to_section(state: &mut State, b: usize, s: usize) {
    let month = state.shelves.get(b).and_then(|shelf| shelf.month);
    let folded =
        state.collapsed.get(b).copied().unwrap_or(false) || state.folded_months.contains(&month);
    if folded || !state.rows.contains(&Row::Section(b, s)) {
        state.collapsed[b] = false;
        state.folded_months.remove(&month);
        if !state.rows.contains(&Row::Section(b, s)) && !folded {
            state.show = crate::tui::state::Show::All;
        }
        state.rebuild_rows();
    }
    if let Some(row) = state.rows.iter().position(|r| *r == Row::Section(b, s)) {
        state.row = row;
        state.sync_current();
    }
}

fn toggle_collapse(state: &mut State) {
    if !state.several() {
        return;
    }
    let b = match state.rows.get(state.row) {
        Some(Row::Briefing(b) | Row::Section(b, _)) => *b,
        Some(&Row::Month(m)) => {
            if !state.folded_months.remove(&m) {
                state.folded_months.insert(m);
            }
            state.rebuild_rows();
            if let Some(row) = state.rows.iter().position(|r| *r == Row::Month(m)) {
                state.row = row;
            }
            return;
        }
        None => return,
    };
    state.collapsed[b] = !state.collapsed[b];
    state.rebuild_rows();
    if let Some(row) = state.rows.iter().position(|r| *r == Row::Briefing(b)) {
        state.row = row;
    }
}

fn click(state: &mut State, view: &View, column: u16, row: u16) {
    let Some(pane) = view.pane_at(column, row) else {
        return;
    };
    state.focus = pane;
    let Some(rect) = view.area(pane) else {
        return;
    };
    // Rows inside the border; the first visible row is the list's offset.
    let Some(line) = row
        .checked_sub(rect.y + 1)
        .filter(|&l| l < rect.height.saturating_sub(2))
    else {
        return;
    };
    let index = view.offset(pane) + usize::from(line);
    match pane {
        Pane::Departments if index < state.rows.len() => {
            state.row = index;
            if matches!(state.rows[index], Row::Briefing(_) | Row::Month(_)) {
                toggle_collapse(state);
            } else {
                state.sync_current();
            }
        }
        // The checklist draws one row per item.
        Pane::Checklist if index < state.items().len() => {
            state.item.insert(state.current, index);
            reveal_item(state, view, Reveal::AtTop);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{VIEW, keys, state};
    use super::super::update;
    use super::*;

    #[test]
    fn moving_through_departments_changes_the_section() {
        let mut s = state(1);
        assert_eq!(s.current, (0, 0));
        keys(&mut s, &[Action::Down]);
        assert_eq!(s.current, (0, 1));
        keys(&mut s, &[Action::Down, Action::Down]);
        assert_eq!(s.current, (0, 1), "stops at the last");
        keys(&mut s, &[Action::Top]);
        assert_eq!(s.current, (0, 0));
        keys(&mut s, &[Action::NextSection]);
        assert_eq!(s.current, (0, 1));
        keys(&mut s, &[Action::PrevSection, Action::PrevSection]);
        assert_eq!(s.current, (0, 0));
    }

    #[test]
    fn focus_cycles_and_h_l_stop_at_the_edges() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusNext]);
        assert_eq!(s.focus, Pane::Article);
        keys(&mut s, &[Action::FocusNext, Action::FocusNext]);
        assert_eq!(s.focus, Pane::Departments);
        keys(&mut s, &[Action::FocusPrev]);
        assert_eq!(s.focus, Pane::Checklist);
        keys(&mut s, &[Action::FocusRight]);
        assert_eq!(s.focus, Pane::Checklist);
        keys(
            &mut s,
            &[Action::FocusLeft, Action::FocusLeft, Action::FocusLeft],
        );
        assert_eq!(s.focus, Pane::Departments);
    }

    #[test]
    fn checklist_selection_and_enter_scroll_the_article() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev, Action::Bottom]);
        assert_eq!(
            s.selected_item()
                .map(|i| i.title(&s.section().expect("section").paragraphs)),
            Some("缤纷色彩")
        );
        keys(&mut s, &[Action::Select]);
        let article = s.current_article().expect("laid out");
        let item = s.selected_item().expect("item");
        let lines = article.item_lines(item);
        assert!(
            s.scroll() <= lines.start && lines.start < s.scroll() + 4,
            "{} {:?}",
            s.scroll(),
            lines
        );
        // The selection is kept per section.
        keys(&mut s, &[Action::NextSection]);
        assert_eq!(s.selected_item_index(), 0);
        keys(&mut s, &[Action::PrevSection]);
        assert_eq!(s.selected_item_index(), 2);
    }

    #[test]
    fn article_scroll_is_clamped_and_kept_per_section() {
        let mut s = state(1);
        keys(
            &mut s,
            &[
                Action::FocusNext,
                Action::PageDown,
                Action::PageDown,
                Action::PageDown,
            ],
        );
        assert_eq!(s.scroll(), s.max_scroll(VIEW.inner_height(Pane::Article)));
        let kept = s.scroll();
        keys(&mut s, &[Action::NextSection, Action::PrevSection]);
        assert_eq!(s.scroll(), kept);
        keys(&mut s, &[Action::HalfPageUp, Action::Top]);
        assert_eq!(s.scroll(), 0);
    }

    #[test]
    fn several_briefings_group_and_collapse() {
        let mut s = state(2);
        assert_eq!(s.rows.len(), 6);
        assert_eq!(s.rows[0], Row::Briefing(0));
        assert_eq!(s.current, (0, 0));
        keys(&mut s, &[Action::ToggleCollapse]);
        assert_eq!(s.rows.len(), 4);
        assert_eq!(s.rows[s.row], Row::Briefing(0));
        keys(&mut s, &[Action::Select]);
        assert_eq!(s.rows.len(), 6);
        keys(&mut s, &[Action::Bottom]);
        assert_eq!(s.current, (1, 1));
    }

    #[test]
    fn clicks_focus_and_select() {
        let mut s = state(1);
        update(&mut s, &VIEW, Msg::Click { column: 80, row: 2 });
        assert_eq!(s.focus, Pane::Departments);
        assert_eq!(s.current, (0, 1));
        update(&mut s, &VIEW, Msg::Click { column: 50, row: 2 });
        assert_eq!(s.focus, Pane::Checklist);
        assert_eq!(s.selected_item_index(), 1);
        update(
            &mut s,
            &VIEW,
            Msg::Wheel {
                column: 10,
                row: 3,
                direction: Scroll::Down,
            },
        );
        assert_eq!(s.focus, Pane::Checklist, "the wheel does not steal focus");
        // Outside every pane: nothing happens.
        update(
            &mut s,
            &VIEW,
            Msg::Click {
                column: 200,
                row: 200,
            },
        );
        assert_eq!(s.focus, Pane::Checklist);
    }
}
