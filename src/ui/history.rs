//! The department history overlay: one department's statements across the
//! library, newest first, each with its items and whether they are done.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put, put_truncated};
use crate::layout::str_width;
use crate::messages::Text;
use crate::tui::history::{History, Line};
use crate::tui::state::State;

/// The overlay: the screen less a margin.
fn area_of(area: Rect) -> Rect {
    super::dialog::popup(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    )
}

/// How many lines of the list show at once in `area`.
pub fn list_rows(area: Rect) -> usize {
    // Two borders and the foot line.
    usize::from(area_of(area).height.saturating_sub(3))
}

pub fn render(state: &State, history: &History, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    let popup = area_of(area);
    let title = state.text(&Text::HistoryTitle(&history.name));
    let inner = super::dialog::frame(theme, popup, &title, amb, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let rows = usize::from(inner.height.saturating_sub(1));
    for (at, line) in history
        .lines
        .iter()
        .enumerate()
        .skip(history.offset)
        .take(rows)
    {
        let y = inner.y + u16::try_from(at - history.offset).unwrap_or(0);
        let selected = at == history.selected;
        let style = if selected { theme.selected } else { theme.base };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let (b, s) = line.section();
        let briefing = &state.briefings[b];
        match *line {
            Line::Statement(..) => {
                let when = state.shelves[b].date.map_or_else(
                    || {
                        state
                            .text(&Text::Month(state.shelves[b].month))
                            .into_owned()
                    },
                    |d| d.to_string(),
                );
                let (done, total) = state.section_progress(b, s);
                let count = format!(" {done}/{total}");
                let count_w = u16::try_from(str_width(&count, amb)).unwrap_or(0);
                let label = format!("{when}  {} · {}", state.section_label(b, s), briefing.title);
                let head = if selected {
                    style
                } else {
                    style.patch(theme.key)
                };
                let room = inner.width.saturating_sub(count_w + 2);
                put_truncated(buf, inner.x + 1, y, room, &label, head, amb);
                if inner.width > count_w + 8 {
                    put(
                        buf,
                        inner.right() - count_w - 1,
                        y,
                        inner.right(),
                        &count,
                        style.patch(theme.progress),
                        amb,
                    );
                }
            }
            Line::Item(_, _, i) => {
                let section = &briefing.sections[s];
                let item = &section.items[i];
                let mark = if state.is_done(b, item) { "[x]" } else { "[ ]" };
                let paragraphs = &section.paragraphs;
                let text = format!(
                    "{mark} {} {}",
                    item.marker(paragraphs),
                    item.title(paragraphs)
                );
                let item_style = if selected || !state.is_done(b, item) {
                    style
                } else {
                    style.patch(theme.dim)
                };
                put_truncated(
                    buf,
                    inner.x + 4,
                    y,
                    inner.width.saturating_sub(5),
                    &text,
                    item_style,
                    amb,
                );
            }
        }
    }
    let foot = state.text(&Text::HistoryFoot {
        statements: history.statements,
    });
    super::dialog::foot(state, inner, &foot, theme, buf);
}
