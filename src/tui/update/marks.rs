//! Marks: ticking items, marking a whole section (after a question), undo and
//! redo, and what a save's outcome does to the screen.

use super::{Answer, Effect, Msg};
use crate::briefing::{Briefing, Item};
use crate::messages::{Problem, Text};
use crate::store::{Marks, Status};
use crate::tui::layers::Layer;
use crate::tui::state::{Change, Confirm, Editor, NoteTarget, Pane, Saving, State, Step};

/// Records a change for undo, lays the article out again, and asks for a save.
pub(super) fn changed(state: &mut State, steps: Vec<Step>) -> Option<Effect> {
    if steps.is_empty() {
        return None;
    }
    state.undo.push(Change { steps });
    state.redo.clear();
    state.saving = Some(Saving::Change);
    state.generation += 1;
    if let Some(problem) = state.read_only.clone() {
        state.say(&Text::MarksReadOnly(&problem));
    }
    Some(Effect::Save)
}

/// A save's outcome. The screen shows what is saved: when the save failed, the
/// change is taken back, and a note that could not be saved goes back into
/// the editor, its text intact.
pub(super) fn saved(state: &mut State, result: Result<Marks, Problem>) {
    match result {
        Ok(marks) => {
            state.saved.clone_from(&marks);
            state.marks = marks;
            state.read_only = None;
            state.saving_note = None;
            state.saving = None;
        }
        Err(problem) => {
            state.marks.clone_from(&state.saved);
            // The history goes back to what is saved, too.
            match state.saving.take() {
                Some(Saving::Change) => {
                    state.undo.pop();
                }
                Some(Saving::Undo) => {
                    if let Some(c) = state.redo.pop() {
                        state.undo.push(c);
                    }
                }
                Some(Saving::Redo) => {
                    if let Some(c) = state.undo.pop() {
                        state.redo.push(c);
                    }
                }
                None => {}
            }
            if let Some(ed) = state.saving_note.take() {
                if state.layers.editor().is_some() {
                    // Another note is open already: the one that failed waits
                    // as a draft, and comes back when its note is opened.
                    keep_as_draft(state, &ed);
                } else {
                    state.layers.push(Layer::Editor(ed));
                }
                state.say(&Text::NoteNotSaved(&problem));
            } else {
                state.say(&Text::NotSaved(&problem));
            }
            state.read_only = Some(problem);
        }
    }
    state.generation += 1;
}

/// Keeps a note's text among the drafts, where the editor finds it when it is
/// opened on the same note.
fn keep_as_draft(state: &mut State, ed: &Editor) {
    let Some(key) = state.draft_key(&ed.target) else {
        return;
    };
    let briefing = match ed.target {
        NoteTarget::Item { b, .. }
        | NoteTarget::Progress { b, .. }
        | NoteTarget::Section { b, .. } => state
            .briefings
            .get(b)
            .map(|x| x.title.clone())
            .unwrap_or_default(),
    };
    let draft = crate::drafts::Draft {
        briefing,
        target: ed.title.clone(),
        text: ed.text().to_owned(),
        changed: state.now.clone(),
    };
    state.drafts.insert(key, draft);
}

pub(super) fn toggle_done(state: &mut State) -> Option<Effect> {
    if state.focus == Pane::Departments {
        state.say(&Text::SelectItemToMark);
        return None;
    }
    let (b, s) = state.current;
    let index = state.selected_item_index();
    let item = state.items().get(index)?.clone();
    let briefing = &state.briefings[b];
    let before = state
        .marks
        .item(briefing, &item.id.hex())
        .cloned()
        .map(Box::new);
    let done = !before.as_ref().is_some_and(|m| m.done);
    state.marks.set_done(briefing, s, &item, done, &state.now);
    let after = state
        .marks
        .item(briefing, &item.id.hex())
        .cloned()
        .map(Box::new);
    changed(
        state,
        vec![Step::Item {
            b,
            id: item.id.to_string(),
            before,
            after,
        }],
    )
}

/// Changes item `i` of section `s` of briefing `b` with `change`, recorded
/// for undo and saved.
pub(super) fn change_item(
    state: &mut State,
    (b, s, i): (usize, usize, usize),
    change: impl FnOnce(&mut Marks, &Briefing, usize, &Item, &str),
) -> Option<Effect> {
    let item = state
        .briefings
        .get(b)?
        .sections
        .get(s)?
        .items
        .get(i)?
        .clone();
    let briefing = &state.briefings[b];
    let before = state
        .marks
        .item(briefing, &item.id.hex())
        .cloned()
        .map(Box::new);
    change(&mut state.marks, briefing, s, &item, &state.now);
    let after = state
        .marks
        .item(briefing, &item.id.hex())
        .cloned()
        .map(Box::new);
    if before == after {
        return None;
    }
    changed(
        state,
        vec![Step::Item {
            b,
            id: item.id.to_string(),
            before,
            after,
        }],
    )
}

/// Sets an item's follow-up status, saying what it is now.
pub(super) fn set_status(
    state: &mut State,
    at: (usize, usize, usize),
    status: &Status,
) -> Option<Effect> {
    let effect = change_item(state, at, |marks, b, s, item, now| {
        marks.set_status(b, s, item, status.clone(), now);
    });
    say_status(state, at);
    effect
}

/// Marks an item done, or not done (its status then goes back to what its
/// progress log says), as Space does in the checklist.
pub(super) fn set_done(state: &mut State, at: (usize, usize, usize), done: bool) -> Option<Effect> {
    let effect = change_item(state, at, |marks, b, s, item, now| {
        marks.set_done(b, s, item, done, now);
    });
    say_status(state, at);
    effect
}

/// Says an item's status on the status line.
fn say_status(state: &mut State, (b, s, i): (usize, usize, usize)) {
    if let Some((section, item)) = state.briefings.get(b).and_then(|x| {
        let section = x.sections.get(s)?;
        Some((section, section.items.get(i)?))
    }) {
        let now = state.marks.status(&state.briefings[b], &item.id.hex());
        let title = item.title(&section.paragraphs).to_owned();
        state.say(&Text::StatusSet {
            title: &title,
            status: now.name(),
        });
    }
}

/// The selected checklist item, as (briefing, section, item).
pub(super) fn selected_item(state: &mut State) -> Option<(usize, usize, usize)> {
    if state.focus == Pane::Departments {
        state.say(&Text::SelectItemToMark);
        return None;
    }
    let (b, s) = state.current;
    let i = state.selected_item_index();
    state.items().get(i)?;
    Some((b, s, i))
}

/// `x`: asks before marking every item of the section done (or, when all
/// are, not done).
pub(super) fn ask_mark_section(state: &mut State) {
    let (b, s) = state.current;
    let (done, total) = state.section_progress(b, s);
    if total == 0 {
        state.say(&Text::NoItems);
        return;
    }
    state.layers.push(Layer::Confirm(Confirm::MarkSection {
        b,
        s,
        done: done < total,
    }));
}

/// Input while a question is on top.
pub(super) fn confirm_input(state: &mut State, msg: &Msg) -> Option<Effect> {
    let Msg::Answer(answer) = msg else {
        return None;
    };
    let Some(Layer::Confirm(confirm)) = state.layers.pop() else {
        return None;
    };
    if *answer == Answer::No {
        return None;
    }
    let Confirm::MarkSection { b, s, done } = confirm;
    let items = state.briefings[b].sections[s].items.clone();
    let mut steps = Vec::new();
    for item in &items {
        let briefing = &state.briefings[b];
        let before = state
            .marks
            .item(briefing, &item.id.hex())
            .cloned()
            .map(Box::new);
        if before.as_ref().is_some_and(|m| m.done) == done {
            continue;
        }
        state.marks.set_done(briefing, s, item, done, &state.now);
        let after = state
            .marks
            .item(briefing, &item.id.hex())
            .cloned()
            .map(Box::new);
        steps.push(Step::Item {
            b,
            id: item.id.to_string(),
            before,
            after,
        });
    }
    changed(state, steps)
}

/// Which way through the history of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum History {
    /// Undo.
    Back,
    /// Redo.
    Forward,
}

pub(super) fn history(state: &mut State, way: History) -> Option<Effect> {
    let change = match way {
        History::Back => state.undo.pop(),
        History::Forward => state.redo.pop(),
    };
    let Some(change) = change else {
        state.say(match way {
            History::Back => &Text::NothingToUndo,
            History::Forward => &Text::NothingToRedo,
        });
        return None;
    };
    let steps: Vec<&Step> = match way {
        History::Back => change.steps.iter().rev().collect(),
        History::Forward => change.steps.iter().collect(),
    };
    for step in steps {
        match step {
            Step::Item {
                b,
                id,
                before,
                after,
            } => {
                let record = if way == History::Back { before } else { after };
                let briefing = &state.briefings[*b];
                // The progress log has its own steps: a status undone
                // leaves the entries written since as they are.
                let mut record = record.as_deref().cloned();
                if let Some(now) = state.marks.item(briefing, id)
                    && !now.progress.is_empty()
                {
                    record
                        .get_or_insert_with(Default::default)
                        .progress
                        .clone_from(&now.progress);
                }
                state.marks.restore_item(briefing, id, record, &state.now);
            }
            Step::Progress { b, s, item, text } => {
                let Some(it) = state.briefings[*b].sections[*s].items.get(*item).cloned() else {
                    continue;
                };
                let briefing = &state.briefings[*b];
                if way == History::Back {
                    state.marks.withdraw_latest_progress(briefing, &it.id.hex());
                } else {
                    // Written again, as a new entry (a withdrawn one stays withdrawn).
                    let _ = state
                        .marks
                        .add_progress(briefing, *s, &it, text, &state.now);
                }
            }
            Step::SectionNote {
                b,
                s,
                before,
                after,
            } => {
                let note = if way == History::Back { before } else { after };
                state
                    .marks
                    .restore_section_note(&state.briefings[*b], *s, note, &state.now);
            }
        }
    }
    match way {
        History::Back => state.redo.push(change),
        History::Forward => state.undo.push(change),
    }
    state.saving = Some(match way {
        History::Back => Saving::Undo,
        History::Forward => Saving::Redo,
    });
    state.generation += 1;
    Some(Effect::Save)
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testing::{VIEW, done_titles, keys, state};
    use super::super::update;
    use super::*;
    use crate::action::Action;

    pub(crate) fn disk_full() -> Problem {
        Problem::Io {
            path: "state.toml".into(),
            kind: std::io::ErrorKind::StorageFull,
            detail: "No space left on device (os error 28)".into(),
        }
    }

    #[test]
    fn space_toggles_and_undo_redo_walk_the_history() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev]);
        assert_eq!(
            update(&mut s, &VIEW, Msg::Action(Action::ToggleDone)),
            Some(Effect::Save)
        );
        keys(&mut s, &[Action::Down, Action::ToggleDone]);
        assert_eq!(done_titles(&s), ["净化盐湖", "洒扫门庭"]);
        keys(&mut s, &[Action::ToggleDone]);
        assert_eq!(done_titles(&s), ["净化盐湖"]);
        keys(&mut s, &[Action::Undo]);
        assert_eq!(done_titles(&s), ["净化盐湖", "洒扫门庭"]);
        keys(&mut s, &[Action::Undo, Action::Undo]);
        assert!(done_titles(&s).is_empty());
        keys(&mut s, &[Action::Undo]);
        assert_eq!(s.status.as_deref(), Some("nothing to undo"));
        keys(&mut s, &[Action::Redo, Action::Redo]);
        assert_eq!(done_titles(&s), ["净化盐湖", "洒扫门庭"]);
        assert_eq!(s.section_progress(0, 0), (2, 3));
        // In the departments pane Space does not mark.
        keys(&mut s, &[Action::FocusNext, Action::ToggleDone]);
        assert_eq!(s.section_progress(0, 0), (2, 3));
    }

    #[test]
    fn a_whole_section_is_marked_after_confirmation() {
        let mut s = state(1);
        keys(&mut s, &[Action::MarkSection]);
        assert!(s.layers.confirm().is_some());
        // Keys for the panes do nothing while the question is open.
        keys(&mut s, &[Action::ToggleDone, Action::Quit]);
        assert!(!s.quit);
        update(&mut s, &VIEW, Msg::Answer(Answer::No));
        assert!(s.layers.is_empty());
        assert_eq!(s.section_progress(0, 0), (0, 3));
        keys(&mut s, &[Action::MarkSection]);
        assert_eq!(
            update(&mut s, &VIEW, Msg::Answer(Answer::Yes)),
            Some(Effect::Save)
        );
        assert_eq!(s.section_progress(0, 0), (3, 3));
        // All done: the same key offers to clear them; one undo restores.
        keys(&mut s, &[Action::MarkSection]);
        update(&mut s, &VIEW, Msg::Answer(Answer::Yes));
        assert_eq!(s.section_progress(0, 0), (0, 3));
        keys(&mut s, &[Action::Undo]);
        assert_eq!(s.section_progress(0, 0), (3, 3));
    }

    #[test]
    fn save_results_come_back_as_messages() {
        let mut s = state(1);
        update(
            &mut s,
            &VIEW,
            Msg::Saved(Err(Problem::State {
                path: "state.toml".into(),
                problem: crate::messages::StateProblem::Damaged("expected a table".into()),
            })),
        );
        assert!(s.read_only.is_some());
        assert!(s.status.as_deref().is_some_and(|m| m.contains("damaged")));
        keys(&mut s, &[Action::FocusPrev, Action::ToggleDone]);
        assert!(s.status.as_deref().is_some_and(|m| m.contains("read-only")));
        assert_eq!(
            update(&mut s, &VIEW, Msg::Action(Action::Export)),
            Some(Effect::Export { b: 0 })
        );
    }

    #[test]
    fn a_failed_save_shows_what_is_saved() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusNext, Action::FocusNext]);
        assert_eq!(
            update(&mut s, &VIEW, Msg::Action(Action::ToggleDone)),
            Some(Effect::Save)
        );
        assert_eq!(done_titles(&s).len(), 1);
        // The disk is full: the tick goes, and the undo entry with it.
        update(&mut s, &VIEW, Msg::Saved(Err(disk_full())));
        assert!(done_titles(&s).is_empty(), "shows what is saved");
        assert!(s.undo.is_empty());
        assert!(s.status.as_deref().is_some_and(|m| m.contains("No space")));
        // Marked and saved; then an undo whose save fails keeps the history
        // as the saved marks are: the mark stays, and undo still undoes it.
        keys(&mut s, &[Action::ToggleDone]);
        let marks = s.marks.clone();
        update(&mut s, &VIEW, Msg::Saved(Ok(marks)));
        keys(&mut s, &[Action::Undo]);
        assert!(done_titles(&s).is_empty());
        update(&mut s, &VIEW, Msg::Saved(Err(disk_full())));
        assert_eq!(done_titles(&s).len(), 1, "shows what is saved");
        assert_eq!((s.undo.len(), s.redo.len()), (1, 0));
        keys(&mut s, &[Action::Undo]);
        assert!(done_titles(&s).is_empty());
    }

    /// Found by `tests/reader_props.rs`: a note saved, the editor opened again
    /// before the save failed. One editor stays open; the note that failed
    /// waits as a draft and comes back when its note is opened.
    #[test]
    fn a_note_that_fails_while_another_is_open_waits_as_a_draft() {
        use crate::tui::field::Edit;
        use crate::tui::update::NoteInput;
        let mut s = state(1);
        keys(
            &mut s,
            &[Action::FocusNext, Action::FocusNext, Action::EditNote],
        );
        update(&mut s, &VIEW, Msg::Field(Edit::Insert("净化".into())));
        update(&mut s, &VIEW, Msg::Note(NoteInput::Save));
        keys(&mut s, &[Action::EditNote]);
        update(&mut s, &VIEW, Msg::Saved(Err(disk_full())));
        let editors = s
            .layers
            .iter()
            .filter(|l| matches!(l, Layer::Editor(_)))
            .count();
        assert_eq!(editors, 1);
        assert_eq!(s.drafts.len(), 1);
        assert!(s.drafts.values().all(|d| d.text == "净化"));
        // Given up, and opened again: the note that failed is back.
        update(&mut s, &VIEW, Msg::Note(NoteInput::Cancel));
        keys(&mut s, &[Action::EditNote]);
        assert_eq!(s.layers.editor().map(Editor::text), Some("净化"));
    }
}
