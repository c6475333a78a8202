//! The ledger view: opening it over everything open, moving through its
//! rows, the filter line, setting an item's status, adding a progress entry,
//! and going to an item in the article.

use super::navigation::go_to_section;
use super::{Effect, LedgerInput, Msg, marks, notes};
use crate::action::Action;
use crate::store::Status;
use crate::tui::layers::{Help, Layer};
use crate::tui::ledger::{Ledger, next_status};
use crate::tui::state::{Pane, Spot, State};
use crate::tui::view::View;

/// Opens the ledger, on the item selected in the checklist.
pub(super) fn open(state: &mut State) {
    let today = state.today();
    let mut ledger = Ledger::new(&state.briefings, &state.marks, today, state.generation);
    let here = (
        state.current.0,
        state.current.1,
        state.selected_item_index(),
    );
    if let Some(at) = ledger.shown.iter().position(|&k| {
        let e = &ledger.rows[k];
        (e.b, e.s, e.i) == here
    }) {
        ledger.selected = at;
    }
    state.layers.push(Layer::Ledger(Box::new(ledger)));
}

/// Input while the ledger is on top.
pub(super) fn input(state: &mut State, view: &View, msg: Msg) -> Option<Effect> {
    let Some(Layer::Ledger(l)) = state.layers.top_mut() else {
        return None;
    };
    match msg {
        Msg::Field(edit) if l.editing && l.filter.apply(&edit) => {
            l.apply_filter(&state.briefings);
        }
        Msg::Ledger(LedgerInput::Up) => l.move_by(-1),
        Msg::Ledger(LedgerInput::Down) => l.move_by(1),
        Msg::Ledger(LedgerInput::Keep) => l.editing = false,
        Msg::Ledger(LedgerInput::Clear) => {
            l.filter.set("");
            l.editing = false;
            l.apply_filter(&state.briefings);
        }
        Msg::Action(action) => return act(state, view, action),
        Msg::Wheel { direction, .. } => l.move_by(match direction {
            super::Scroll::Down => 3,
            super::Scroll::Up => -3,
        }),
        _ => {}
    }
    None
}

fn act(state: &mut State, view: &View, action: Action) -> Option<Effect> {
    state.status = None;
    let page = isize::try_from(view.ledger_rows.max(1)).unwrap_or(1);
    let l = state.layers.ledger_mut()?;
    let at = l.selected_entry().map(|e| (e.b, e.s, e.i));
    let effect = match action {
        Action::Quit | Action::Ledger => {
            state.layers.pop();
            return None;
        }
        Action::Help => {
            state.layers.push(Layer::Help(Help::default()));
            return None;
        }
        Action::Up => move_by(l, -1),
        Action::Down => move_by(l, 1),
        Action::Top => move_by(l, isize::MIN / 2),
        Action::Bottom => move_by(l, isize::MAX / 2),
        Action::HalfPageDown => move_by(l, (page + 1) / 2),
        Action::HalfPageUp => move_by(l, -(page + 1) / 2),
        Action::PageDown => move_by(l, page),
        Action::PageUp => move_by(l, -page),
        Action::Find => {
            l.editing = true;
            None
        }
        Action::Select => {
            jump(state);
            return None;
        }
        Action::ToggleDone => {
            let at = at?;
            let done = state
                .marks
                .status(&state.briefings[at.0], &item_id(state, at)?)
                == Status::Done;
            marks::set_done(state, at, !done)
        }
        Action::CycleStatus => {
            let at = at?;
            let now = state
                .marks
                .status(&state.briefings[at.0], &item_id(state, at)?);
            marks::set_status(state, at, &next_status(&now))
        }
        Action::StatusNotStarted => marks::set_status(state, at?, &Status::NotStarted),
        Action::StatusInProgress => marks::set_status(state, at?, &Status::InProgress),
        Action::StatusDone => marks::set_status(state, at?, &Status::Done),
        Action::StatusPaused => marks::set_status(state, at?, &Status::Paused),
        Action::AddProgress => {
            notes::open_progress(state, at?);
            None
        }
        Action::Undo => marks::history(state, marks::History::Back),
        Action::Redo => marks::history(state, marks::History::Forward),
        Action::Export => at.map(|(b, _, _)| Effect::Export { b }),
        _ => None,
    };
    refresh(state);
    effect
}

fn move_by(l: &mut Ledger, delta: isize) -> Option<Effect> {
    l.move_by(delta);
    None
}

fn item_id(state: &State, (b, s, i): (usize, usize, usize)) -> Option<String> {
    Some(
        state
            .briefings
            .get(b)?
            .sections
            .get(s)?
            .items
            .get(i)?
            .id
            .to_string(),
    )
}

/// Builds the rows again after the marks changed.
pub(super) fn refresh(state: &mut State) {
    let today = state.today();
    if let Some(l) = state.layers.ledger_mut()
        && l.generation != state.generation
    {
        l.refresh(&state.briefings, &state.marks, today, state.generation);
    }
}

/// Enter: closes the ledger and shows the item in the article, selected in
/// the checklist.
fn jump(state: &mut State) {
    let Some(e) = state.layers.ledger().and_then(Ledger::selected_entry) else {
        return;
    };
    let (b, s, i) = (e.b, e.s, e.i);
    state.layers.pop();
    go_to_section(state, b, s);
    state.item.insert((b, s), i);
    state.found = None;
    if let Some(item) = state.items().get(i) {
        state.reveal = Some(Spot {
            paragraph: item.paragraph(),
            byte: item.span().start,
        });
    }
    state.focus = Pane::Checklist;
}

#[cfg(test)]
mod tests {
    use super::super::testing::{VIEW, keys, state, type_text};
    use super::super::{NoteInput, update};
    use super::*;
    use crate::briefing::ledger::{Due, DueKind};
    use crate::tui::field::Edit;

    fn dated(s: &mut State) {
        let d = jiff::civil::date;
        let due = |date| {
            Some(Due {
                text: "月底前".into(),
                date: Some(date),
                kind: DueKind::By,
                assumed_year: false,
                every: None,
            })
        };
        // 二是洒扫门庭 is overdue; 深学精神 due soon.
        std::sync::Arc::make_mut(&mut s.briefings[0]).sections[0].items[1]
            .followup
            .set_due(due(d(2026, 11, 20)));
        std::sync::Arc::make_mut(&mut s.briefings[0]).sections[1].items[0]
            .followup
            .set_due(due(d(2026, 12, 5)));
        s.now = "2026-12-01T04:00:00.000Z".into();
    }

    fn selected_title(s: &State) -> Option<String> {
        let l = s.layers.ledger()?;
        let e = l.selected_entry()?;
        let paragraphs = &e.section(&s.briefings).paragraphs;
        Some(e.item(&s.briefings).title(paragraphs).to_owned())
    }

    fn status_of(s: &State, b: usize, sec: usize, i: usize) -> Status {
        let item = &s.briefings[b].sections[sec].items[i];
        s.marks.status(&s.briefings[b], &item.id.hex())
    }

    #[test]
    fn the_ledger_opens_sorted_sets_statuses_and_undoes() {
        let mut s = state(1);
        dated(&mut s);
        keys(&mut s, &[Action::Ledger]);
        assert_eq!(selected_title(&s).as_deref(), Some("净化盐湖"));
        keys(&mut s, &[Action::Top]);
        // Overdue first, then by date, then undated in reading order.
        assert_eq!(selected_title(&s).as_deref(), Some("洒扫门庭"));
        assert_eq!(
            update(&mut s, &VIEW, Msg::Action(Action::CycleStatus)),
            Some(Effect::Save)
        );
        assert_eq!(status_of(&s, 0, 0, 1), Status::InProgress);
        assert!(
            s.status
                .as_deref()
                .is_some_and(|m| m.contains("推进中") || m.contains("in progress"))
        );
        keys(&mut s, &[Action::CycleStatus]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::Done);
        assert!(s.is_done(0, &s.briefings[0].sections[0].items[1]));
        // Done, it is no longer overdue and moves down; the selection follows it.
        assert_eq!(selected_title(&s).as_deref(), Some("洒扫门庭"));
        let l = s.layers.ledger().expect("open");
        assert_eq!(l.overdue_shown(), 0);
        keys(&mut s, &[Action::StatusPaused]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::Paused);
        keys(&mut s, &[Action::ToggleDone]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::Done);
        keys(&mut s, &[Action::Undo, Action::Undo]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::Done);
        keys(&mut s, &[Action::Undo, Action::Undo]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::NotStarted);
        keys(&mut s, &[Action::Redo]);
        assert_eq!(status_of(&s, 0, 0, 1), Status::InProgress);
        // Esc (quit) closes the ledger, not the reader.
        keys(&mut s, &[Action::Quit]);
        assert!(s.layers.is_empty() && !s.quit);
    }

    #[test]
    fn the_filter_line_narrows_and_enter_goes_to_the_item() {
        let mut s = state(2);
        dated(&mut s);
        keys(&mut s, &[Action::Ledger, Action::Find]);
        type_text(&mut s, "水务");
        assert_eq!(s.layers.ledger().map(|l| l.shown.len()), Some(4));
        // While the filter is edited, q is text; a file name narrows it.
        type_text(&mut s, " b1q");
        assert_eq!(s.layers.ledger().map(|l| l.filter.text()), Some("水务 b1q"));
        update(&mut s, &VIEW, Msg::Field(Edit::Backspace));
        assert_eq!(s.layers.ledger().map(|l| l.shown.len()), Some(2));
        update(&mut s, &VIEW, Msg::Ledger(LedgerInput::Down));
        update(&mut s, &VIEW, Msg::Ledger(LedgerInput::Keep));
        assert!(s.layers.ledger().is_some_and(|l| !l.editing));
        assert_eq!(selected_title(&s).as_deref(), Some("做好项目"));
        keys(&mut s, &[Action::Up, Action::Select]);
        assert!(s.layers.is_empty());
        assert_eq!(s.focus, Pane::Checklist);
        assert_eq!(s.current, (1, 1));
        assert_eq!(
            s.selected_item()
                .map(|i| i.title(&s.section().expect("section").paragraphs)),
            Some("深学精神")
        );
        // Esc on the filter line clears it.
        keys(&mut s, &[Action::Ledger, Action::Find]);
        type_text(&mut s, "逾期");
        assert_eq!(s.layers.ledger().map(|l| l.shown.len()), Some(1));
        update(&mut s, &VIEW, Msg::Ledger(LedgerInput::Clear));
        assert_eq!(s.layers.ledger().map(|l| l.shown.len()), Some(10));
    }

    #[test]
    fn progress_is_added_refused_when_too_long_and_undone() {
        let mut s = state(1);
        dated(&mut s);
        keys(&mut s, &[Action::Ledger, Action::Top, Action::AddProgress]);
        assert!(s.layers.editor().is_some());
        type_text(&mut s, "已完成清扫三条街");
        assert_eq!(
            update(&mut s, &VIEW, Msg::Note(NoteInput::Save)),
            Some(Effect::Save)
        );
        s.fit(&VIEW);
        let b = &s.briefings[0];
        let id = &b.sections[0].items[1].id.hex();
        let latest = s.marks.item(b, id).and_then(|m| m.latest_progress());
        assert_eq!(latest.map(|p| p.text.as_str()), Some("已完成清扫三条街"));
        assert_eq!(latest.map(|p| p.date.as_str()), Some("2026-12-01"));
        assert_eq!(status_of(&s, 0, 0, 1), Status::InProgress);
        assert!(s.layers.ledger().is_some(), "back in the ledger");
        // Too long: the editor stays open with the text, and says why.
        keys(&mut s, &[Action::AddProgress]);
        let long = "长".repeat(crate::store::MAX_PROGRESS_CHARS + 1);
        update(&mut s, &VIEW, Msg::Field(Edit::Insert(long.clone())));
        assert_eq!(update(&mut s, &VIEW, Msg::Note(NoteInput::Save)), None);
        assert_eq!(
            s.layers.editor().map(crate::tui::state::Editor::text),
            Some(long.as_str())
        );
        assert!(s.status.as_deref().is_some_and(|m| m.contains("2000")));
        update(&mut s, &VIEW, Msg::Note(NoteInput::Cancel));
        update(&mut s, &VIEW, Msg::Answer(super::super::Answer::Yes));
        // Undo withdraws the entry; redo writes it again.
        keys(&mut s, &[Action::Undo]);
        let b = &s.briefings[0];
        let id = b.sections[0].items[1].id.to_string();
        assert!(
            s.marks
                .item(b, &id)
                .and_then(|m| m.latest_progress())
                .is_none()
        );
        keys(&mut s, &[Action::Redo]);
        let b = &s.briefings[0];
        let latest = s.marks.item(b, &id).and_then(|m| m.latest_progress());
        assert_eq!(latest.map(|p| p.text.as_str()), Some("已完成清扫三条街"));
    }

    #[test]
    fn undoing_a_status_leaves_the_progress_log_alone() {
        let mut s = state(1);
        dated(&mut s);
        keys(&mut s, &[Action::Ledger, Action::Top, Action::AddProgress]);
        type_text(&mut s, "已排查");
        update(&mut s, &VIEW, Msg::Note(NoteInput::Save));
        keys(&mut s, &[Action::StatusPaused]);
        keys(&mut s, &[Action::Undo]);
        let b = &s.briefings[0];
        let m = s
            .marks
            .item(b, &b.sections[0].items[1].id.hex())
            .expect("mark");
        assert_eq!(m.latest_progress().map(|p| p.text.as_str()), Some("已排查"));
        assert_eq!(m.status(), Status::InProgress, "from its progress");
        // Undone in turn, the entry is withdrawn, not dropped: a merge with
        // another window's copy must not bring it back.
        keys(&mut s, &[Action::Undo]);
        let b = &s.briefings[0];
        let m = s
            .marks
            .item(b, &b.sections[0].items[1].id.hex())
            .expect("mark");
        assert!(m.latest_progress().is_none());
        assert!(m.progress.iter().all(|p| p.withdrawn) && m.progress.len() == 1);
        assert_eq!(m.status(), Status::NotStarted);
    }

    #[test]
    fn statuses_and_progress_are_set_from_the_checklist_too() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev, Action::CycleStatus]);
        assert_eq!(status_of(&s, 0, 0, 0), Status::InProgress);
        keys(&mut s, &[Action::StatusDone]);
        assert!(s.is_done(0, &s.briefings[0].sections[0].items[0]));
        keys(&mut s, &[Action::AddProgress]);
        type_text(&mut s, "验收中");
        update(&mut s, &VIEW, Msg::Note(NoteInput::Save));
        let b = &s.briefings[0];
        let m = s
            .marks
            .item(b, &b.sections[0].items[0].id.hex())
            .expect("mark");
        assert_eq!(m.latest_progress().map(|p| p.text.as_str()), Some("验收中"));
        // In the departments pane they say to select an item.
        keys(&mut s, &[Action::FocusNext, Action::CycleStatus]);
        assert_eq!(status_of(&s, 0, 0, 0), Status::Done);
    }
}
