//! Notes: opening the editor on an item or a section (on a draft left by an
//! earlier run when there is one), editing, saving, giving up.

use super::{Answer, Effect, Msg, NoteInput, marks};
use crate::briefing::{Item, Section};
use crate::messages::{Problem, Text};
use crate::tui::field::{Edit, Vertical};
use crate::tui::layers::Layer;
use crate::tui::state::{Editor, NoteTarget, State, Step};

pub(super) fn open_item_note(state: &mut State) {
    let (b, s) = state.current;
    let index = state.selected_item_index();
    let Some((section, item)) = state
        .section()
        .and_then(|section| Some((section, section.items.get(index)?)))
    else {
        state.say(&Text::NoItemHereSectionNote);
        return;
    };
    let original = state
        .marks
        .note(&state.briefings[b], &item.id.hex())
        .to_owned();
    let title = item_heading(section, item);
    open_editor(
        state,
        NoteTarget::Item { b, s, item: index },
        title,
        original,
    );
}

pub(super) fn open_section_note(state: &mut State) {
    let (b, s) = state.current;
    let original = state.marks.section_note(&state.briefings[b], s).to_owned();
    let title = state.section_label(b, s);
    open_editor(state, NoteTarget::Section { b, s }, title, original);
}

/// An item as the editor's title names it: `一是 净化盐湖`.
fn item_heading(section: &Section, item: &Item) -> String {
    let paragraphs = &section.paragraphs;
    format!("{} {}", item.marker(paragraphs), item.title(paragraphs))
        .trim()
        .to_owned()
}

/// Opens the editor on a new progress entry of item `i` of section `s` of
/// briefing `b`.
pub(super) fn open_progress(state: &mut State, (b, s, i): (usize, usize, usize)) {
    let Some((section, item)) = state.briefings.get(b).and_then(|x| {
        let section = x.sections.get(s)?;
        Some((section, section.items.get(i)?))
    }) else {
        return;
    };
    let title = item_heading(section, item);
    open_editor(
        state,
        NoteTarget::Progress { b, s, item: i },
        title,
        String::new(),
    );
}

/// Opens the note editor, on the draft left by an earlier run when there is one.
fn open_editor(state: &mut State, target: NoteTarget, title: String, original: String) {
    let draft = state
        .draft_key(&target)
        .and_then(|k| state.drafts.remove(&k))
        .filter(|d| d.text != original);
    let text = match draft {
        Some(d) => {
            state.say(&Text::DraftBack(&d.changed));
            d.text
        }
        None => original.clone(),
    };
    state
        .layers
        .push(Layer::Editor(Editor::new(target, title, &text, original)));
}

/// Input while the note editor is on top.
pub(super) fn input(state: &mut State, msg: Msg) -> Option<Effect> {
    let amb = state.layout.ambiguous;
    let Some(Layer::Editor(ed)) = state.layers.top_mut() else {
        return None;
    };
    if ed.confirm_discard {
        // Throw the changes away?
        match msg {
            Msg::Answer(Answer::Yes) => {
                state.layers.pop();
            }
            Msg::Answer(Answer::No) => ed.confirm_discard = false,
            _ => {}
        }
        return None;
    }
    match msg {
        Msg::Field(edit) => {
            ed.field.apply(&edit);
        }
        Msg::Note(NoteInput::Newline) => {
            ed.field.apply(&Edit::Insert("\n".into()));
        }
        Msg::Note(NoteInput::Up) => ed.field.vertical(Vertical::Up, amb),
        Msg::Note(NoteInput::Down) => ed.field.vertical(Vertical::Down, amb),
        Msg::Note(NoteInput::External) => {
            return Some(Effect::ExternalEditor {
                text: ed.text().to_owned(),
            });
        }
        Msg::Note(NoteInput::Cancel) => {
            if ed.changed() {
                ed.confirm_discard = true;
            } else {
                state.layers.pop();
            }
        }
        Msg::Note(NoteInput::Save) => return save_note(state),
        _ => {}
    }
    None
}

/// The text back from `$EDITOR` replaces the editor's.
pub(super) fn edited_externally(state: &mut State, result: Result<String, Problem>) {
    match result {
        Ok(text) => {
            if let Some(ed) = state.layers.editor_mut() {
                ed.field.set(&text);
            }
        }
        Err(problem) => state.say(&Text::Failed(&problem)),
    }
}

fn save_note(state: &mut State) -> Option<Effect> {
    let Some(Layer::Editor(ed)) = state.layers.pop() else {
        return None;
    };
    if !ed.changed() {
        return None;
    }
    let note = ed.text().trim_end().to_owned();
    state.saving_note = Some(ed.clone());
    let step = match ed.target {
        NoteTarget::Progress { b, s, item } => {
            let it = state.briefings[b].sections[s].items.get(item)?.clone();
            let briefing = &state.briefings[b];
            if let Err(e) = state
                .marks
                .add_progress(briefing, s, &it, &note, &state.now)
            {
                // Refused (too long): nothing lost, the text stays in the editor.
                state.saving_note = None;
                state.say(&Text::ProgressRefused(&e));
                state.layers.push(Layer::Editor(ed));
                return None;
            }
            Step::Progress {
                b,
                s,
                item,
                text: note,
            }
        }
        NoteTarget::Item { b, s, item } => {
            let it = state.briefings[b].sections[s].items.get(item)?.clone();
            let briefing = &state.briefings[b];
            let before = state
                .marks
                .item(briefing, &it.id.hex())
                .cloned()
                .map(Box::new);
            state.marks.set_note(briefing, s, &it, &note, &state.now);
            let after = state
                .marks
                .item(briefing, &it.id.hex())
                .cloned()
                .map(Box::new);
            Step::Item {
                b,
                id: it.id.to_string(),
                before,
                after,
            }
        }
        NoteTarget::Section { b, s } => {
            let briefing = &state.briefings[b];
            let before = state.marks.section_note(briefing, s).to_owned();
            state.marks.set_section_note(briefing, s, &note, &state.now);
            Step::SectionNote {
                b,
                s,
                before,
                after: note,
            }
        }
    };
    marks::changed(state, vec![step])
}

#[cfg(test)]
mod tests {
    use super::super::testing::{VIEW, keys, state, type_text};
    use super::super::update;
    use super::*;
    use crate::action::Action;

    fn editor_text(s: &State) -> Option<&str> {
        s.layers.editor().map(Editor::text)
    }

    #[test]
    fn notes_are_written_saved_cancelled_and_undone() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev, Action::Down, Action::EditNote]);
        assert!(s.layers.editor().is_some());
        // Keys for the panes do nothing while the editor is open.
        keys(&mut s, &[Action::Quit]);
        assert!(!s.quit);
        type_text(&mut s, "张科长牵头");
        update(&mut s, &VIEW, Msg::Note(NoteInput::Newline));
        type_text(&mut s, "月底完成");
        assert_eq!(
            update(&mut s, &VIEW, Msg::Note(NoteInput::Save)),
            Some(Effect::Save)
        );
        let b = &s.briefings[0];
        let id = &s.items()[1].id.hex();
        assert_eq!(s.marks.note(b, id), "张科长牵头\n月底完成");
        // The note shows under its paragraph in the article.
        s.prepare_article(40);
        let a = s.current_article().expect("article");
        assert!(
            a.lines
                .iter()
                .any(|l| a.text(s.section().expect("section"), l) == "张科长牵头")
        );
        // Cancel with changes asks first.
        keys(&mut s, &[Action::EditNote]);
        update(&mut s, &VIEW, Msg::Field(Edit::Backspace));
        update(&mut s, &VIEW, Msg::Note(NoteInput::Cancel));
        assert!(s.layers.editor().is_some_and(|e| e.confirm_discard));
        update(&mut s, &VIEW, Msg::Answer(Answer::No));
        update(&mut s, &VIEW, Msg::Note(NoteInput::Cancel));
        update(&mut s, &VIEW, Msg::Answer(Answer::Yes));
        assert!(s.layers.editor().is_none());
        let id = s.items()[1].id.to_string();
        assert_eq!(s.marks.note(&s.briefings[0], &id), "张科长牵头\n月底完成");
        keys(&mut s, &[Action::Undo]);
        assert_eq!(s.marks.note(&s.briefings[0], &id), "");
        // A section note.
        keys(&mut s, &[Action::EditSectionNote]);
        type_text(&mut s, "整体顺利");
        update(&mut s, &VIEW, Msg::Note(NoteInput::Save));
        assert_eq!(s.marks.section_note(&s.briefings[0], 0), "整体顺利");
    }

    #[test]
    fn a_note_that_cannot_be_saved_goes_back_into_the_editor() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev, Action::EditNote]);
        type_text(&mut s, "张科长");
        assert_eq!(
            update(&mut s, &VIEW, Msg::Note(NoteInput::Save)),
            Some(Effect::Save)
        );
        assert!(s.layers.editor().is_none());
        update(
            &mut s,
            &VIEW,
            Msg::Saved(Err(super::super::marks::tests::disk_full())),
        );
        assert_eq!(editor_text(&s), Some("张科长"));
        let item = s.items()[0].clone();
        assert_eq!(s.marks.note(&s.briefings[0], &item.id.hex()), "");
        // Saved after all: the saved marks are what the screen keeps.
        assert_eq!(
            update(&mut s, &VIEW, Msg::Note(NoteInput::Save)),
            Some(Effect::Save)
        );
        let marks = s.marks.clone();
        update(&mut s, &VIEW, Msg::Saved(Ok(marks)));
        assert_eq!(s.marks.note(&s.briefings[0], &item.id.hex()), "张科长");
        assert_eq!(s.saved, s.marks);
    }

    #[test]
    fn a_draft_left_by_an_earlier_run_opens_in_the_editor() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev]);
        let target = NoteTarget::Item {
            b: 0,
            s: 0,
            item: 0,
        };
        let key = s.draft_key(&target).expect("key");
        s.drafts.insert(
            key,
            crate::drafts::Draft {
                briefing: s.briefings[0].title.clone(),
                target: "一是".into(),
                text: "没写完的备注".into(),
                changed: "2026-11-30T10:00:00.000Z".into(),
            },
        );
        keys(&mut s, &[Action::EditNote]);
        assert_eq!(editor_text(&s), Some("没写完的备注"));
        assert!(s.layers.editor().is_some_and(Editor::changed));
        assert!(
            s.status
                .as_deref()
                .is_some_and(|m| m.contains("草稿") || m.contains("draft"))
        );
        assert!(s.drafts.is_empty(), "offered once");
    }
}
