//! The checklist pane: the current section's action items with their done state.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, pane_block, put, put_truncated};
use crate::briefing::ledger::LeadFrom;
use crate::briefing::{Item, Paragraphs};
use crate::tui::state::{Pane, State};

/// An item's due date and lead unit in brief (`11-30 · 住建局`), then the
/// shorter forms to fall back on where that does not fit. The lead is left
/// out when it is the section's own department, which the departments pane
/// already names; a long one is cut.
fn followup_brief(item: &Item, today: jiff::civil::Date) -> Vec<String> {
    let f = &item.followup;
    let due = f.due().map(|d| match d.date {
        Some(date) if date.year() == today.year() => {
            format!("{:02}-{:02}", date.month(), date.day())
        }
        Some(date) => date.to_string(),
        None => d.text.chars().take(6).collect(),
    });
    let lead = f
        .lead
        .as_ref()
        .filter(|_| f.lead_from != Some(LeadFrom::Section))
        .map(|l| {
            if l.chars().count() > 6 {
                format!("{}…", l.chars().take(5).collect::<String>())
            } else {
                l.to_string()
            }
        });
    match (due, lead) {
        (Some(d), Some(l)) => vec![format!("{d} · {l}"), d],
        (Some(one), None) | (None, Some(one)) => vec![one],
        (None, None) => Vec::new(),
    }
}

pub fn render(
    state: &State,
    offset: usize,
    theme: &Theme,
    area: Rect,
    single: bool,
    buf: &mut Buffer,
) {
    let (b, s) = state.current;
    let (done, total) = state.section_progress(b, s);
    let name = state.text(&Text::Checklist);
    let mut title = format!("{name} {done}/{total}");
    if single {
        title.push_str(" ‹3/3›");
    }
    let inner = pane_block(state, theme, area, Pane::Checklist, &title, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let amb = state.layout.ambiguous;
    let items = state.items();
    let no_paragraphs = Paragraphs::new();
    let paragraphs = state.section().map_or(&no_paragraphs, |s| &s.paragraphs);
    if items.is_empty() {
        let none = state.text(&Text::NoItemsListed);
        put_truncated(
            buf,
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            &none,
            theme.dim,
            amb,
        );
        return;
    }
    let selected = state.selected_item_index();
    let focused = state.focus == Pane::Checklist;
    for (i, item) in items
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(inner.height))
    {
        let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
        let style = if i == selected && focused {
            theme.selected
        } else if i == selected {
            theme.selected_unfocused
        } else {
            theme.base
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let indent = u16::try_from(item.level() * 2)
            .unwrap_or(0)
            .min(inner.width / 3);
        let mut x = inner.x + 1 + indent;
        let is_done = state.is_done(b, item);
        x = put(
            buf,
            x,
            y,
            inner.right(),
            if is_done { "[x] " } else { "[ ] " },
            style,
            amb,
        );
        let marker = if item.inferred {
            "◇"
        } else {
            item.marker(paragraphs)
        };
        let marker_style = if i == selected && focused {
            style
        } else {
            style.patch(theme.marker)
        };
        x = put(buf, x, y, inner.right(), marker, marker_style, amb);
        if !marker.is_empty() {
            x += 1;
        }
        let title_style = if is_done && !(i == selected && focused) {
            style.patch(theme.dim)
        } else {
            style
        };
        let note = if state.has_note(b, item) { " ✎" } else { "" };
        let note_w = u16::try_from(crate::layout::str_width(note, amb)).unwrap_or(0);
        // The due date and lead in brief, flush right, when the row has room
        // for them and twelve cells of title.
        let room = inner.right().saturating_sub(x + note_w);
        let brief_w = followup_brief(item, state.today())
            .into_iter()
            .map(|b| {
                (
                    u16::try_from(crate::layout::str_width(&b, amb)).unwrap_or(u16::MAX),
                    b,
                )
            })
            .find(|(w, _)| room >= w.saturating_add(14))
            .map_or(0, |(w, brief)| {
                put(
                    buf,
                    inner.right() - note_w - w - 1,
                    y,
                    inner.right() - note_w,
                    &brief,
                    if i == selected && focused {
                        style
                    } else {
                        style.patch(theme.dim)
                    },
                    amb,
                );
                w + 2
            });
        let end = put_truncated(
            buf,
            x,
            y,
            room.saturating_sub(brief_w),
            item.title(paragraphs),
            title_style,
            amb,
        );
        put(
            buf,
            end,
            y,
            inner.right(),
            note,
            style.patch(theme.marker),
            amb,
        );
    }
}
