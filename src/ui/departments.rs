//! The departments pane: each section's organisation and person (or chapter),
//! with done/total, grouped under briefing titles when several are open.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, pane_block, put, put_truncated};
use crate::briefing::SectionKind;
use crate::layout::str_width;
use crate::tui::state::{Pane, Row, State};

pub fn render(
    state: &State,
    offset: usize,
    theme: &Theme,
    area: Rect,
    single: bool,
    buf: &mut Buffer,
) {
    let chapters = state
        .briefing()
        .is_some_and(|b| b.kind == SectionKind::Chapters);
    let name = state.text(if chapters {
        &Text::Chapters
    } else {
        &Text::Departments
    });
    let title = if single {
        format!("{name} ‹1/3›")
    } else {
        name.into_owned()
    };
    let inner = pane_block(state, theme, area, Pane::Departments, &title, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let amb = state.layout.ambiguous;
    let focused = state.focus == Pane::Departments;
    for (i, row) in state
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(inner.height))
    {
        let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
        let selected = i == state.row;
        let current = matches!(row, Row::Section(b, s) if (*b, *s) == state.current);
        let style = if selected && focused {
            theme.selected
        } else if selected || current {
            theme.selected_unfocused
        } else {
            theme.base
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let months = matches!(state.rows.first(), Some(Row::Month(_)));
        let (label, (done, total), indent) = match *row {
            Row::Month(m) => {
                let fold = if state.folded_months.contains(&m) {
                    "▸ "
                } else {
                    "▾ "
                };
                (
                    format!("{fold}{}", state.text(&Text::Month(m))),
                    state.month_progress(m),
                    0,
                )
            }
            Row::Briefing(b) => {
                let fold = if state.collapsed[b] { "▸ " } else { "▾ " };
                (
                    format!("{fold}{}", state.briefings[b].title),
                    state.briefing_progress(b),
                    if months { 2 } else { 0 },
                )
            }
            Row::Section(b, s) => {
                let indent = match (state.several(), months) {
                    (true, true) => 4,
                    (true, false) => 2,
                    _ => 0,
                };
                (
                    state.section_label(b, s),
                    state.section_progress(b, s),
                    indent,
                )
            }
        };
        let count = if total > 0 {
            format!(" {done}/{total}")
        } else {
            String::new()
        };
        let count_w = u16::try_from(str_width(&count, amb)).unwrap_or(0);
        let text_w = inner.width.saturating_sub(count_w + 1 + indent);
        put_truncated(buf, inner.x + 1 + indent, y, text_w, &label, style, amb);
        if count_w > 0 && inner.width > count_w + 4 {
            let count_style = if selected && focused {
                style
            } else {
                style.patch(theme.progress)
            };
            put(
                buf,
                inner.right() - count_w,
                y,
                inner.right(),
                &count,
                count_style,
                amb,
            );
        }
    }
}
