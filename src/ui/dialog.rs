//! Overlays that take input: the note editor and yes/no questions.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::{Theme, put, put_truncated};
use crate::layout::{self, Options, str_width};
use crate::tui::state::{Confirm, Editor, NoteTarget, State};

pub(super) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A dim line of hints on the last row inside an overlay.
pub(super) fn foot(state: &State, inner: Rect, text: &str, theme: &Theme, buf: &mut Buffer) {
    if inner.height > 1 {
        put_truncated(
            buf,
            inner.x + 1,
            inner.bottom() - 1,
            inner.width.saturating_sub(1),
            text,
            theme.dim,
            state.layout.ambiguous,
        );
    }
}

pub(super) fn frame(
    theme: &Theme,
    rect: Rect,
    title: &str,
    amb: crate::layout::Ambiguous,
    buf: &mut Buffer,
) -> Rect {
    super::seal(buf, rect);
    Clear.render(rect, buf);
    buf.set_style(rect, theme.base);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if rect.width > 4 {
        put_truncated(
            buf,
            rect.x + 2,
            rect.y,
            rect.width - 4,
            &format!(" {title} "),
            theme.border_focused,
            amb,
        );
    }
    inner
}

/// Draws the note editor; returns where the terminal's cursor goes (the caret),
/// so an input method's candidate window follows it.
pub fn editor(
    state: &State,
    ed: &Editor,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let amb = state.layout.ambiguous;
    let rect = popup(
        area,
        76.min(area.width.saturating_sub(2)).max(area.width.min(20)),
        16.min(area.height),
    );
    let title = state.text(&match ed.target {
        NoteTarget::Progress { .. } => Text::ProgressTitle(&ed.title),
        _ => Text::NoteTitle(&ed.title),
    });
    let inner = frame(theme, rect, &title, amb, buf);
    if inner.width < 3 || inner.height < 2 {
        return None;
    }
    let (text, caret) = (ed.text(), ed.field.caret());
    let text_h = usize::from(inner.height - 1);
    let width = usize::from(inner.width - 2);
    let lines = layout::layout(
        text,
        &Options {
            ambiguous: amb,
            ..Options::new(width)
        },
    );
    // The caret's row and column in the laid-out text.
    let mut row = lines
        .iter()
        .rposition(|l| l.range.start <= caret)
        .unwrap_or(0);
    let mut col = lines.get(row).map_or(0, |l| {
        let end = caret.clamp(l.range.start, l.range.end);
        str_width(&text[l.range.start..end], amb)
    });
    if text[..caret].ends_with('\n') && lines.get(row).is_none_or(|l| l.range.start < caret) {
        row += 1;
        col = 0;
    }
    let offset = row.saturating_sub(text_h - 1);
    for (i, l) in lines.iter().enumerate().skip(offset).take(text_h) {
        let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
        put(
            buf,
            inner.x + 1,
            y,
            inner.right() - 1,
            &text[l.range.clone()],
            theme.base,
            amb,
        );
    }
    let hint_y = inner.bottom() - 1;
    if ed.confirm_discard {
        let q = state.text(&Text::DiscardChanges);
        put_truncated(
            buf,
            inner.x + 1,
            hint_y,
            inner.width - 1,
            &q,
            theme.dialog,
            amb,
        );
        return None;
    }
    let hint = state.text(&Text::EditorKeys);
    put_truncated(
        buf,
        inner.x + 1,
        hint_y,
        inner.width - 1,
        &hint,
        theme.dim,
        amb,
    );
    let x = inner.x + 1 + u16::try_from(col).unwrap_or(0);
    let y = inner.y + u16::try_from(row - offset).unwrap_or(0);
    (x < inner.right() && y < hint_y).then_some(Position::new(x, y))
}

pub fn confirm(state: &State, c: &Confirm, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    let Confirm::MarkSection { b, s, done } = c;
    let (_, total) = state.section_progress(*b, *s);
    let label = state.section_label(*b, *s);
    let q = state.text(&if *done {
        Text::MarkAllDone {
            label: &label,
            total,
        }
    } else {
        Text::ClearAll {
            label: &label,
            total,
        }
    });
    let yn = state.text(&Text::YesNo);
    let want = u16::try_from(str_width(&q, amb) + 4)
        .unwrap_or(u16::MAX)
        .max(24);
    let rect = popup(
        area,
        want.min(area.width.saturating_sub(2))
            .max(area.width.min(10)),
        5,
    );
    let title = state.text(&Text::ConfirmTitle);
    let inner = frame(theme, rect, &title, amb, buf);
    if inner.height == 0 {
        return;
    }
    put_truncated(
        buf,
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        &q,
        theme.dialog,
        amb,
    );
    if inner.height > 2 {
        put_truncated(
            buf,
            inner.x + 1,
            inner.y + 2,
            inner.width.saturating_sub(2),
            &yn,
            theme.dim,
            amb,
        );
    }
}
