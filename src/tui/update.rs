//! The one place where state changes. No I/O here: what needs the outside world
//! comes back as an effect for the event loop to carry out.

use ratatui::layout::{Position, Rect};

use std::path::PathBuf;
use std::sync::Arc;

use super::editor::TextInput;
use super::state::{Change, Confirm, Editor, Finder, NoteTarget, Pane, Row, State, Step};
use crate::action::Action;
use crate::search::{Index, Kind};
use crate::store::Marks;

/// What the loop feeds in: a bound action, a mouse event, text for the note
/// editor, an answer to a question, or the outcome of an effect.
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
        down: bool,
    },
    Text(TextInput),
    Answer(bool),
    Saved(Result<Marks, String>),
    Exported(Result<PathBuf, String>),
    EditedExternally(Result<String, String>),
    /// Typing in the finder.
    Finder(FinderInput),
    /// The background thread has built the search index.
    IndexReady(Arc<Index>),
}

/// A key as the finder understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderInput {
    Insert(String),
    Backspace,
    Left,
    Right,
    Up,
    Down,
    Jump,
    Close,
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

pub fn update(state: &mut State, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Saved(Ok(marks)) => {
            state.saved.clone_from(&marks);
            state.marks = marks;
            state.read_only = None;
            state.saving_note = None;
            state.generation += 1;
            None
        }
        Msg::Saved(Err(reason)) => {
            // The screen shows what is saved: the change is taken back, and a
            // note that could not be saved goes back into the editor.
            state.marks.clone_from(&state.saved);
            state.undo.pop();
            let reopened = state.saving_note.take();
            let note = reopened.is_some();
            if reopened.is_some() {
                state.editor = reopened;
            }
            state.status = Some(match (state.zh(), note) {
                (true, false) => format!("未能保存，已撤回这次改动：{reason}"),
                (true, true) => format!("备注未能保存（{reason}）；文字还在编辑框里"),
                (false, false) => format!("not saved, so the change was taken back: {reason}"),
                (false, true) => {
                    format!("the note was not saved ({reason}); its text is still in the editor")
                }
            });
            state.read_only = Some(reason);
            state.generation += 1;
            None
        }
        Msg::Exported(Ok(path)) => {
            let p = path.display();
            state.status = Some(if state.zh() {
                format!("已导出到 {p}")
            } else {
                format!("exported to {p}")
            });
            None
        }
        Msg::Exported(Err(e)) | Msg::EditedExternally(Err(e)) => {
            state.status = Some(e);
            None
        }
        Msg::EditedExternally(Ok(text)) => {
            if let Some(ed) = state.editor.as_mut() {
                ed.caret = text.len();
                ed.text = text;
            }
            None
        }
        Msg::IndexReady(index) => {
            state.index = Some(index);
            if state.finder.is_some() {
                run_finder(state);
            }
            None
        }
        Msg::Finder(input) => {
            finder_input(state, input);
            None
        }
        Msg::Answer(yes) => answer(state, yes),
        Msg::Text(input) => edit(state, input),
        Msg::Action(_)
            if state.editor.is_some() || state.confirm.is_some() || state.finder.is_some() =>
        {
            None
        }
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
        Action::ToggleDone => return toggle_done(state),
        Action::MarkSection => ask_mark_section(state),
        Action::EditNote => open_item_note(state),
        Action::EditSectionNote => open_section_note(state),
        Action::Undo => return undo(state, true),
        Action::Redo => return undo(state, false),
        Action::Export => return Some(Effect::Export { b: state.current.0 }),
        Action::Find => {
            let query = state.last_query.clone().unwrap_or_default();
            state.finder = Some(Finder {
                caret: query.len(),
                query,
                ..Finder::default()
            });
            run_finder(state);
        }
        Action::NextMatch => step_match(state, true),
        Action::PrevMatch => step_match(state, false),
    }
    None
}

/// Runs the finder's query (only what the last one matched, when it extends it).
fn run_finder(state: &mut State) {
    let Some(index) = state.index.clone() else {
        return;
    };
    let Some(f) = state.finder.as_mut() else {
        return;
    };
    f.hits = index.search_in(&f.query, 200, &mut f.session);
    f.selected = f.selected.min(f.hits.len().saturating_sub(1));
}

fn finder_input(state: &mut State, input: FinderInput) {
    let Some(f) = state.finder.as_mut() else {
        return;
    };
    let mut requery = true;
    match input {
        FinderInput::Insert(s) => {
            let clean: String = s.chars().filter(|c| !c.is_control()).collect();
            f.query.insert_str(f.caret, &clean);
            f.caret += clean.len();
            f.selected = 0;
        }
        FinderInput::Backspace => {
            let start = f.query[..f.caret]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
            f.query.replace_range(start..f.caret, "");
            f.caret = start;
            f.selected = 0;
        }
        FinderInput::Left => {
            f.caret = f.query[..f.caret]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
            requery = false;
        }
        FinderInput::Right => {
            f.caret = f.query[f.caret..]
                .chars()
                .next()
                .map_or(f.caret, |c| f.caret + c.len_utf8());
            requery = false;
        }
        FinderInput::Up => {
            f.selected = f.selected.saturating_sub(1);
            requery = false;
        }
        FinderInput::Down => {
            f.selected = (f.selected + 1).min(f.hits.len().saturating_sub(1));
            requery = false;
        }
        FinderInput::Close => {
            state.finder = None;
            return;
        }
        FinderInput::Jump => {
            jump(state);
            return;
        }
    }
    if requery {
        run_finder(state);
    }
}

/// Enter in the finder: go to the hit.
fn jump(state: &mut State) {
    let Some(f) = state.finder.take() else { return };
    let Some(hit) = f.hits.get(f.selected) else {
        state.finder = Some(f);
        return;
    };
    let Some(index) = state.index.clone() else {
        return;
    };
    let e = &index.entries[hit.entry];
    state.last_query = Some(f.query.clone());
    go_to_section(state, e.briefing, e.section);
    if let Some(i) = e.item {
        state.item.insert((e.briefing, e.section), i);
    }
    if let (Some(p), Some(r)) = (e.paragraph, &e.range) {
        state.found = Some((e.briefing, e.section, p, r.clone()));
        state.reveal = Some((p, r.start));
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

fn go_to_section(state: &mut State, b: usize, s: usize) {
    if state.collapsed.get(b).copied().unwrap_or(false) {
        state.collapsed[b] = false;
        state.rebuild_rows();
    }
    if let Some(row) = state.rows.iter().position(|r| *r == Row::Section(b, s)) {
        state.row = row;
        state.sync_current();
    }
}

/// n / N: the next or previous match of the last query in this section.
fn step_match(state: &mut State, forward: bool) {
    let (Some(query), Some(index)) = (state.last_query.clone(), state.index.clone()) else {
        let hint = if state.zh() {
            "先按 / 搜索"
        } else {
            "search with / first"
        };
        state.status = Some(hint.to_owned());
        return;
    };
    let (b, s) = state.current;
    let mut spots: Vec<(usize, std::ops::Range<usize>)> = index
        .search(&query, usize::MAX)
        .iter()
        .map(|h| &index.entries[h.entry])
        .filter(|e| e.briefing == b && e.section == s && e.kind == Kind::Sentence)
        .filter_map(|e| Some((e.paragraph?, e.range.clone()?)))
        .collect();
    spots.sort_by_key(|(p, r)| (*p, r.start));
    if spots.is_empty() {
        state.status = Some(if state.zh() {
            format!("本部门没有“{query}”")
        } else {
            format!("no match for {query} in this section")
        });
        return;
    }
    let here = state
        .found
        .as_ref()
        .filter(|f| (f.0, f.1) == (b, s))
        .map(|f| (f.2, f.3.start));
    let at = match here {
        Some(h) if forward => spots
            .iter()
            .position(|(p, r)| (*p, r.start) > h)
            .unwrap_or(0),
        Some(h) => spots
            .iter()
            .rposition(|(p, r)| (*p, r.start) < h)
            .unwrap_or(spots.len() - 1),
        None if forward => 0,
        None => spots.len() - 1,
    };
    let (p, r) = spots[at].clone();
    state.status = Some(format!("{}/{} “{query}”", at + 1, spots.len()));
    state.reveal = Some((p, r.start));
    state.found = Some((b, s, p, r));
}

/// Records a change for undo, lays the article out again, and asks for a save.
fn changed(state: &mut State, steps: Vec<Step>) -> Option<Effect> {
    if steps.is_empty() {
        return None;
    }
    state.undo.push(Change { steps });
    state.redo.clear();
    state.generation += 1;
    if let Some(reason) = &state.read_only {
        let r = reason.clone();
        state.status = Some(if state.zh() {
            format!("标记为只读，不会保存：{r}")
        } else {
            format!("marks are read-only and will not be saved: {r}")
        });
    }
    Some(Effect::Save)
}

fn toggle_done(state: &mut State) -> Option<Effect> {
    if state.focus == Pane::Departments {
        state.status = Some(if state.zh() {
            "在清单或正文中选中事项后再标记".into()
        } else {
            "select an item in the checklist or the article to mark it".into()
        });
        return None;
    }
    let (b, s) = state.current;
    let index = state.selected_item_index();
    let item = state.items().get(index)?.clone();
    let briefing = &state.briefings[b];
    let before = state.marks.item(briefing, &item.id).cloned().map(Box::new);
    let done = !before.as_ref().is_some_and(|m| m.done);
    state.marks.set_done(briefing, s, &item, done, &state.now);
    let after = state.marks.item(briefing, &item.id).cloned().map(Box::new);
    changed(
        state,
        vec![Step::Item {
            b,
            id: item.id,
            before,
            after,
        }],
    )
}

fn ask_mark_section(state: &mut State) {
    let (b, s) = state.current;
    let (done, total) = state.section_progress(b, s);
    if total == 0 {
        state.status = Some(if state.zh() {
            "本部门没有事项".into()
        } else {
            "this section has no items".into()
        });
        return;
    }
    state.confirm = Some(Confirm::MarkSection {
        b,
        s,
        done: done < total,
    });
}

fn answer(state: &mut State, yes: bool) -> Option<Effect> {
    if let Some(ed) = state.editor.as_mut()
        && ed.confirm_discard
    {
        if yes {
            state.editor = None;
        } else {
            ed.confirm_discard = false;
        }
        return None;
    }
    let confirm = state.confirm.take()?;
    if !yes {
        return None;
    }
    let Confirm::MarkSection { b, s, done } = confirm;
    let items = state.briefings[b].sections[s].items.clone();
    let mut steps = Vec::new();
    for item in &items {
        let briefing = &state.briefings[b];
        let before = state.marks.item(briefing, &item.id).cloned().map(Box::new);
        if before.as_ref().is_some_and(|m| m.done) == done {
            continue;
        }
        state.marks.set_done(briefing, s, item, done, &state.now);
        let after = state.marks.item(briefing, &item.id).cloned().map(Box::new);
        steps.push(Step::Item {
            b,
            id: item.id.clone(),
            before,
            after,
        });
    }
    changed(state, steps)
}

fn open_item_note(state: &mut State) {
    let (b, s) = state.current;
    let index = state.selected_item_index();
    let Some(item) = state.items().get(index) else {
        state.status = Some(if state.zh() {
            "本部门没有事项；按 A 写部门备注".into()
        } else {
            "no item here; A writes a note on the section".into()
        });
        return;
    };
    let original = state.marks.note(&state.briefings[b], &item.id).to_owned();
    let title = format!("{} {}", item.marker, item.title).trim().to_owned();
    open_editor(
        state,
        NoteTarget::Item { b, s, item: index },
        title,
        original,
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
            state.status = Some(if state.zh() {
                format!("已恢复上次未保存的备注草稿（{}）", d.changed)
            } else {
                format!("the unsaved draft of this note is back ({})", d.changed)
            });
            d.text
        }
        None => original.clone(),
    };
    state.editor = Some(Editor {
        target,
        title,
        caret: text.len(),
        original,
        text,
        confirm_discard: false,
    });
}

fn open_section_note(state: &mut State) {
    let (b, s) = state.current;
    let original = state.marks.section_note(&state.briefings[b], s).to_owned();
    let title = state.section_label(b, s);
    open_editor(state, NoteTarget::Section { b, s }, title, original);
}

fn edit(state: &mut State, input: TextInput) -> Option<Effect> {
    let amb = state.layout.ambiguous;
    let ed = state.editor.as_mut()?;
    if ed.confirm_discard {
        return None;
    }
    match input {
        TextInput::Insert(s) => ed.insert(&s),
        TextInput::Newline => ed.insert("\n"),
        TextInput::Backspace => ed.backspace(),
        TextInput::Delete => ed.delete(),
        TextInput::Left => ed.left(),
        TextInput::Right => ed.right(),
        TextInput::Up => ed.vertical(true, amb),
        TextInput::Down => ed.vertical(false, amb),
        TextInput::Home => ed.home(),
        TextInput::End => ed.end(),
        TextInput::External => {
            return Some(Effect::ExternalEditor {
                text: ed.text.clone(),
            });
        }
        TextInput::Cancel => {
            if ed.changed() {
                ed.confirm_discard = true;
            } else {
                state.editor = None;
            }
        }
        TextInput::Save => return save_note(state),
    }
    None
}

fn save_note(state: &mut State) -> Option<Effect> {
    let ed = state.editor.take()?;
    if !ed.changed() {
        return None;
    }
    state.saving_note = Some(Editor {
        confirm_discard: false,
        ..ed.clone()
    });
    let note = ed.text.trim_end().to_owned();
    let step = match ed.target {
        NoteTarget::Item { b, s, item } => {
            let it = state.briefings[b].sections[s].items.get(item)?.clone();
            let briefing = &state.briefings[b];
            let before = state.marks.item(briefing, &it.id).cloned().map(Box::new);
            state.marks.set_note(briefing, s, &it, &note, &state.now);
            let after = state.marks.item(briefing, &it.id).cloned().map(Box::new);
            Step::Item {
                b,
                id: it.id,
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
    changed(state, vec![step])
}

/// Undoes (or redoes) the last change.
fn undo(state: &mut State, back: bool) -> Option<Effect> {
    let change = if back {
        state.undo.pop()
    } else {
        state.redo.pop()
    };
    let Some(change) = change else {
        let none = match (state.zh(), back) {
            (true, true) => "没有可撤销的操作",
            (true, false) => "没有可重做的操作",
            (false, true) => "nothing to undo",
            (false, false) => "nothing to redo",
        };
        state.status = Some(none.into());
        return None;
    };
    let steps: Vec<&Step> = if back {
        change.steps.iter().rev().collect()
    } else {
        change.steps.iter().collect()
    };
    for step in steps {
        match step {
            Step::Item {
                b,
                id,
                before,
                after,
            } => {
                let record = if back { before } else { after };
                state.marks.restore_item(
                    &state.briefings[*b],
                    id,
                    record.as_deref().cloned(),
                    &state.now,
                );
            }
            Step::SectionNote {
                b,
                s,
                before,
                after,
            } => {
                let note = if back { before } else { after };
                state
                    .marks
                    .restore_section_note(&state.briefings[*b], *s, note, &state.now);
            }
        }
    }
    if back {
        state.redo.push(change);
    } else {
        state.undo.push(change);
    }
    state.generation += 1;
    Some(Effect::Save)
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

    fn done_titles(s: &State) -> Vec<String> {
        s.items()
            .iter()
            .filter(|i| s.is_done(s.current.0, i))
            .map(|i| i.title.clone())
            .collect()
    }

    #[test]
    fn space_toggles_and_undo_redo_walk_the_history() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev]);
        assert_eq!(
            update(&mut s, Msg::Action(Action::ToggleDone)),
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
        assert!(s.confirm.is_some());
        update(&mut s, Msg::Answer(false));
        assert_eq!(s.section_progress(0, 0), (0, 3));
        keys(&mut s, &[Action::MarkSection]);
        assert_eq!(update(&mut s, Msg::Answer(true)), Some(Effect::Save));
        assert_eq!(s.section_progress(0, 0), (3, 3));
        // All done: the same key offers to clear them; one undo restores.
        keys(&mut s, &[Action::MarkSection]);
        update(&mut s, Msg::Answer(true));
        assert_eq!(s.section_progress(0, 0), (0, 3));
        keys(&mut s, &[Action::Undo]);
        assert_eq!(s.section_progress(0, 0), (3, 3));
    }

    #[test]
    fn notes_are_written_saved_cancelled_and_undone() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusPrev, Action::Down, Action::EditNote]);
        assert!(s.editor.is_some());
        // Keys are text while the editor is open.
        keys(&mut s, &[Action::Quit]);
        assert!(!s.quit);
        for t in [
            TextInput::Insert("张科长牵头".into()),
            TextInput::Newline,
            TextInput::Insert("月底完成".into()),
        ] {
            update(&mut s, Msg::Text(t));
        }
        assert_eq!(
            update(&mut s, Msg::Text(TextInput::Save)),
            Some(Effect::Save)
        );
        let b = &s.briefings[0];
        let id = &s.items()[1].id;
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
        update(&mut s, Msg::Text(TextInput::Backspace));
        update(&mut s, Msg::Text(TextInput::Cancel));
        assert!(s.editor.as_ref().is_some_and(|e| e.confirm_discard));
        update(&mut s, Msg::Answer(false));
        update(&mut s, Msg::Text(TextInput::Cancel));
        update(&mut s, Msg::Answer(true));
        assert!(s.editor.is_none());
        let id = s.items()[1].id.clone();
        assert_eq!(s.marks.note(&s.briefings[0], &id), "张科长牵头\n月底完成");
        keys(&mut s, &[Action::Undo]);
        assert_eq!(s.marks.note(&s.briefings[0], &id), "");
        // A section note.
        keys(&mut s, &[Action::EditSectionNote]);
        update(&mut s, Msg::Text(TextInput::Insert("整体顺利".into())));
        update(&mut s, Msg::Text(TextInput::Save));
        assert_eq!(s.marks.section_note(&s.briefings[0], 0), "整体顺利");
    }

    fn type_query(s: &mut State, q: &str) {
        for c in q.chars() {
            update(s, Msg::Finder(FinderInput::Insert(c.to_string())));
        }
    }

    #[test]
    fn a_failed_save_shows_what_is_saved_and_keeps_the_note_text() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusNext, Action::FocusNext]);
        assert_eq!(
            update(&mut s, Msg::Action(Action::ToggleDone)),
            Some(Effect::Save)
        );
        assert_eq!(done_titles(&s).len(), 1);
        // The disk is full: the tick goes, and the undo entry with it.
        update(&mut s, Msg::Saved(Err("No space left on device".into())));
        assert!(done_titles(&s).is_empty(), "shows what is saved");
        assert!(s.undo.is_empty());
        assert!(s.status.as_deref().is_some_and(|m| m.contains("No space")));
        // A note that cannot be saved goes back into the editor, text and all.
        keys(&mut s, &[Action::EditNote]);
        for c in ["张", "科", "长"] {
            update(&mut s, Msg::Text(TextInput::Insert(c.into())));
        }
        assert_eq!(
            update(&mut s, Msg::Text(TextInput::Save)),
            Some(Effect::Save)
        );
        assert!(s.editor.is_none());
        update(&mut s, Msg::Saved(Err("No space left on device".into())));
        assert_eq!(s.editor.as_ref().map(|e| e.text.as_str()), Some("张科长"));
        let item = s.items()[0].clone();
        assert_eq!(s.marks.note(&s.briefings[0], &item.id), "");
        // Saved after all: the saved marks are what the screen keeps.
        assert_eq!(
            update(&mut s, Msg::Text(TextInput::Save)),
            Some(Effect::Save)
        );
        let marks = s.marks.clone();
        update(&mut s, Msg::Saved(Ok(marks)));
        assert_eq!(s.marks.note(&s.briefings[0], &item.id), "张科长");
        assert_eq!(s.saved, s.marks);
    }

    #[test]
    fn a_draft_left_by_an_earlier_run_opens_in_the_editor() {
        let mut s = state(1);
        keys(&mut s, &[Action::FocusNext, Action::FocusNext]);
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
        let ed = s.editor.as_ref().expect("editor");
        assert_eq!(ed.text, "没写完的备注");
        assert!(ed.changed(), "the draft is unsaved text");
        assert!(
            s.status
                .as_deref()
                .is_some_and(|m| m.contains("草稿") || m.contains("draft"))
        );
        assert!(s.drafts.is_empty(), "offered once");
    }

    #[test]
    fn the_finder_searches_as_you_type_and_jumps() {
        let mut s = state(1);
        keys(&mut s, &[Action::Find]);
        assert!(s.finder.is_some());
        type_query(&mut s, "jh");
        // No index yet: the query waits, then runs when it arrives.
        assert!(s.finder.as_ref().is_some_and(|f| f.hits.is_empty()));
        let index = Arc::new(Index::build(&s.briefings));
        update(&mut s, Msg::IndexReady(index));
        type_query(&mut s, "yh");
        let f = s.finder.as_ref().expect("open");
        assert_eq!(f.query, "jhyh");
        let first = &s.index.as_ref().expect("index").entries[f.hits[0].entry];
        assert_eq!(first.text, "净化盐湖");
        // Keys are text while the finder is open.
        keys(&mut s, &[Action::Quit]);
        assert!(!s.quit);
        update(&mut s, Msg::Finder(FinderInput::Down));
        update(&mut s, Msg::Finder(FinderInput::Jump));
        assert!(s.finder.is_none());
        assert_eq!(s.focus, Pane::Article);
        assert_eq!(s.found.as_ref().map(|f| f.2), Some(0));
        // n and N walk the matches of the section.
        keys(&mut s, &[Action::NextMatch]);
        assert!(s.status.as_deref().is_some_and(|m| m.contains("jhyh")));
        // Searching for a department jumps to it.
        keys(&mut s, &[Action::Find]);
        assert_eq!(
            s.finder.as_ref().map(|f| f.query.as_str()),
            Some("jhyh"),
            "the last query comes back"
        );
        for _ in 0..4 {
            update(&mut s, Msg::Finder(FinderInput::Backspace));
        }
        type_query(&mut s, "孙耀民");
        update(&mut s, Msg::Finder(FinderInput::Jump));
        assert_eq!(s.current, (0, 1));
        keys(&mut s, &[Action::Find]);
        update(&mut s, Msg::Finder(FinderInput::Close));
        assert!(s.finder.is_none());
    }

    #[test]
    fn save_results_come_back_as_messages() {
        let mut s = state(1);
        update(&mut s, Msg::Saved(Err("state.toml is damaged".into())));
        assert!(s.read_only.is_some());
        assert!(s.status.as_deref().is_some_and(|m| m.contains("damaged")));
        keys(&mut s, &[Action::FocusPrev, Action::ToggleDone]);
        assert!(s.status.as_deref().is_some_and(|m| m.contains("read-only")));
        assert_eq!(
            update(&mut s, Msg::Action(Action::Export)),
            Some(Effect::Export { b: 0 })
        );
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
