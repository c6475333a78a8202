//! The one place where state changes. No I/O here: what needs the outside world
//! comes back as an effect for the event loop to carry out.

use ratatui::layout::{Position, Rect};

use super::state::{Pane, Row, State};
use crate::action::Action;

/// What the loop feeds in: a bound action, or a mouse event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    Click { column: u16, row: u16 },
    Wheel { column: u16, row: u16, down: bool },
}

/// Work for the event loop. (Saving marks and exporting join this in later work.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {}

pub fn update(state: &mut State, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Action(action) => act(state, action),
        Msg::Click { column, row } => click(state, column, row),
        Msg::Wheel { column, row, down } => {
            if let Some(pane) = pane_at(state, column, row) {
                scroll_pane(state, pane, if down { 3 } else { -3 });
            }
            None
        }
    }
}

fn act(state: &mut State, action: Action) -> Option<Effect> {
    if state.help {
        match action {
            Action::Help | Action::Quit => state.help = false,
            Action::Down => state.help_scroll += 1,
            Action::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
            Action::Top => state.help_scroll = 0,
            _ => {}
        }
        return None;
    }
    state.status = None;
    match action {
        Action::Quit => state.quit = true,
        Action::Help => {
            state.help = true;
            state.help_scroll = 0;
        }
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
        Action::Up => move_by(state, -1),
        Action::Down => move_by(state, 1),
        Action::Top => move_by(state, isize::MIN / 2),
        Action::Bottom => move_by(state, isize::MAX / 2),
        Action::HalfPageDown => move_by(state, (page(state) + 1) / 2),
        Action::HalfPageUp => move_by(state, -(page(state) + 1) / 2),
        Action::PageDown => move_by(state, page(state)),
        Action::PageUp => move_by(state, -page(state)),
        Action::Select => select(state),
        Action::PrevSection => step_section(state, -1),
        Action::NextSection => step_section(state, 1),
        Action::ToggleCollapse => toggle_collapse(state),
    }
    None
}

fn page(state: &State) -> isize {
    isize::try_from(state.view.inner_height(state.focus))
        .unwrap_or(1)
        .max(1)
}

fn move_by(state: &mut State, delta: isize) {
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
            reveal_item(state, false);
        }
        Pane::Article => scroll_pane(state, Pane::Article, delta),
    }
}

fn offset(at: usize, delta: isize, last: usize) -> usize {
    at.saturating_add_signed(delta).min(last)
}

fn scroll_pane(state: &mut State, pane: Pane, delta: isize) {
    match pane {
        Pane::Article => {
            let max = state.max_scroll();
            let s = offset(state.scroll(), delta, max);
            state.scroll.insert(state.current, s);
        }
        Pane::Departments | Pane::Checklist => {
            let saved = state.focus;
            state.focus = pane;
            move_by(state, delta);
            state.focus = saved;
        }
    }
}

/// Scrolls the article so the selected item is in view (`to_top`: its first line
/// near the top, as Enter does).
fn reveal_item(state: &mut State, to_top: bool) {
    let Some(item) = state.selected_item() else {
        return;
    };
    let Some(article) = state.current_article() else {
        return;
    };
    let lines = article.item_lines(item);
    let height = state.view.inner_height(Pane::Article);
    let scroll = state.scroll();
    let target = if to_top {
        lines.start.saturating_sub(1)
    } else if lines.start < scroll {
        lines.start
    } else if lines.end > scroll + height {
        lines.end.saturating_sub(height).min(lines.start)
    } else {
        scroll
    };
    let max = state.max_scroll();
    state.scroll.insert(state.current, target.min(max));
}

fn select(state: &mut State) {
    match state.focus {
        Pane::Departments => match state.rows.get(state.row) {
            Some(Row::Briefing(_)) => toggle_collapse(state),
            Some(Row::Section(..)) => state.focus = Pane::Article,
            None => {}
        },
        Pane::Checklist => reveal_item(state, true),
        Pane::Article => {}
    }
}

fn step_section(state: &mut State, delta: isize) {
    let sections: Vec<(usize, usize)> = state
        .briefings
        .iter()
        .enumerate()
        .flat_map(|(b, br)| (0..br.sections.len()).map(move |s| (b, s)))
        .collect();
    let Some(at) = sections.iter().position(|&c| c == state.current) else {
        return;
    };
    let Some(&next) = sections.get(at.saturating_add_signed(delta)) else {
        return;
    };
    if next == state.current {
        return;
    }
    if state.collapsed[next.0] {
        state.collapsed[next.0] = false;
        state.rebuild_rows();
    }
    if let Some(row) = state
        .rows
        .iter()
        .position(|r| *r == Row::Section(next.0, next.1))
    {
        state.row = row;
        state.sync_current();
    }
}

fn toggle_collapse(state: &mut State) {
    if state.briefings.len() < 2 {
        return;
    }
    let b = match state.rows.get(state.row) {
        Some(Row::Briefing(b) | Row::Section(b, _)) => *b,
        None => return,
    };
    state.collapsed[b] = !state.collapsed[b];
    state.rebuild_rows();
    if let Some(row) = state.rows.iter().position(|r| *r == Row::Briefing(b)) {
        state.row = row;
    }
}

fn pane_at(state: &State, column: u16, row: u16) -> Option<Pane> {
    let p = Position::new(column, row);
    Pane::ORDER
        .into_iter()
        .find(|&pane| state.view.rect(pane).is_some_and(|r: Rect| r.contains(p)))
}

fn click(state: &mut State, column: u16, row: u16) -> Option<Effect> {
    if state.help {
        state.help = false;
        return None;
    }
    let pane = pane_at(state, column, row)?;
    state.focus = pane;
    let rect = state.view.rect(pane)?;
    // Rows inside the border; the first visible row is the list's offset.
    let line = row
        .checked_sub(rect.y + 1)
        .filter(|&l| l < rect.height.saturating_sub(2))?;
    let index = state.list_offset.get(&pane).copied().unwrap_or(0) + usize::from(line);
    match pane {
        Pane::Departments if index < state.rows.len() => {
            state.row = index;
            if matches!(state.rows[index], Row::Briefing(_)) {
                toggle_collapse(state);
            } else {
                state.sync_current();
            }
        }
        Pane::Checklist => {
            if let Some(i) = item_at_row(state, index) {
                state.item.insert(state.current, i);
                reveal_item(state, true);
            }
        }
        _ => {}
    }
    None
}

/// The checklist draws one row per item.
fn item_at_row(state: &State, index: usize) -> Option<usize> {
    (index < state.items().len()).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_text;
    use crate::config::Config;
    use crate::layout::Options;

    const PAGE: &str = "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n\n三是缤纷色彩。\n\n做好项目兴水 加强人才培养\n\n市水务局局长 孙耀民\n\n一是深学精神。二是做好项目。\n";

    fn state(n: usize) -> State {
        let briefings = (0..n)
            .map(|i| parse_text(&format!("b{i}.txt"), PAGE))
            .collect();
        let mut s = State::new(briefings, Config::defaults(), Options::new(40));
        s.view.article = Some(Rect::new(0, 0, 42, 6));
        s.view.checklist = Some(Rect::new(42, 0, 30, 6));
        s.view.departments = Some(Rect::new(72, 0, 30, 6));
        s.prepare_article(40);
        s
    }

    fn keys(s: &mut State, actions: &[Action]) {
        for a in actions {
            update(s, Msg::Action(*a));
            s.prepare_article(40);
        }
    }

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
            s.selected_item().map(|i| i.title.as_str()),
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
        assert_eq!(s.scroll(), s.max_scroll());
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
    fn help_opens_scrolls_and_closes() {
        let mut s = state(1);
        keys(&mut s, &[Action::Help]);
        assert!(s.help);
        keys(&mut s, &[Action::Down, Action::Quit]);
        assert!(!s.help && !s.quit);
        keys(&mut s, &[Action::Quit]);
        assert!(s.quit);
    }

    #[test]
    fn clicks_focus_and_select() {
        let mut s = state(1);
        update(&mut s, Msg::Click { column: 80, row: 2 });
        assert_eq!(s.focus, Pane::Departments);
        assert_eq!(s.current, (0, 1));
        update(&mut s, Msg::Click { column: 50, row: 2 });
        assert_eq!(s.focus, Pane::Checklist);
        assert_eq!(s.selected_item_index(), 1);
        update(
            &mut s,
            Msg::Wheel {
                column: 10,
                row: 3,
                down: true,
            },
        );
        assert_eq!(s.focus, Pane::Checklist, "the wheel does not steal focus");
        // Outside every pane: nothing happens.
        update(
            &mut s,
            Msg::Click {
                column: 200,
                row: 200,
            },
        );
        assert_eq!(s.focus, Pane::Checklist);
    }
}
