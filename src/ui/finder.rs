//! The finder: a query line and the ranked hits over everything open, each with
//! what it is, where it is, and its matched characters highlighted.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_segmentation::UnicodeSegmentation;

use super::{Theme, put, put_truncated};
use crate::layout::{cluster_width, str_width};
use crate::tui::state::{Finder, State};

pub fn render(
    state: &State,
    finder: &Finder,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let amb = state.layout.ambiguous;
    let width = (area.width.saturating_mul(9) / 10)
        .max(area.width.min(24))
        .min(area.width);
    let height = (area.height.saturating_mul(8) / 10)
        .max(area.height.min(6))
        .min(area.height);
    let title = state.text(&Text::FindTitle);
    let inner = super::dialog::frame(
        theme,
        super::dialog::popup(area, width, height),
        &title,
        amb,
        buf,
    );
    if inner.width < 4 || inner.height < 2 {
        return None;
    }
    // The hit count sits at the right of the query line; the query scrolls
    // in the room left of it, never under it.
    // While files are still being read, the count says how much was searched.
    let total = if state.loading.finished {
        state.briefings.len()
    } else {
        state.loading.total.max(state.briefings.len())
    };
    let covered = state.indexed.covers;
    let count = state.index.as_ref().map(|_| {
        let hits = state.text(&Text::Hits(finder.hits.len()));
        if covered < total {
            let part = state.text(&Text::SearchPartial { covered, total });
            std::borrow::Cow::Owned(format!("{hits} · {part}"))
        } else {
            hits
        }
    });
    let count_width = count
        .as_deref()
        .map(|c| u16::try_from(str_width(c, amb)).unwrap_or(u16::MAX))
        .filter(|w| inner.width > w.saturating_add(10));
    let query_right = inner.right() - count_width.map_or(0, |w| w + 2);
    // The query line, with the terminal cursor at the caret.
    let x0 = put(buf, inner.x + 1, inner.y, query_right, "/ ", theme.key, amb);
    let visible = usize::from(query_right.saturating_sub(x0 + 1));
    let before = str_width(&finder.field.text()[..finder.field.caret()], amb);
    let skip = before.saturating_sub(visible);
    let mut x = x0;
    let mut col = 0;
    for g in finder.field.text().graphemes(true) {
        let cw = cluster_width(g, amb);
        if col >= skip {
            x = put(buf, x, inner.y, query_right, g, theme.title, amb);
        }
        col += cw;
    }
    let cursor_x = x0 + u16::try_from(before - skip).unwrap_or(0);
    let cursor = Position::new(cursor_x.min(query_right.saturating_sub(1)), inner.y);

    let Some(index) = &state.index else {
        let wait = state.text(&Text::BuildingIndex);
        put_truncated(
            buf,
            inner.x + 1,
            inner.y + 1,
            inner.width - 1,
            &wait,
            theme.dim,
            amb,
        );
        return Some(cursor);
    };
    if let Some(count) = &count {
        super::put_right(buf, inner, inner.y, count, theme.dim, amb);
    }
    let rows = usize::from(inner.height - 1);
    let offset = finder.selected.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in finder.hits.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 1 + u16::try_from(i - offset).unwrap_or(0);
        let entry = index.entry(hit.entry);
        let selected = i == finder.selected;
        let style = if selected { theme.selected } else { theme.base };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let mut x = inner.x + 1;
        x = put(
            buf,
            x,
            y,
            inner.right(),
            &state.text(&Text::HitKind(entry.kind)),
            if selected {
                style
            } else {
                style.patch(theme.key)
            },
            amb,
        ) + 1;
        let mut place = state.section_label(entry.briefing, entry.section);
        if state.briefings.len() > 1 {
            place = format!("{} › {place}", state.briefings[entry.briefing].title);
        }
        let place_w = u16::try_from(str_width(&place, amb))
            .unwrap_or(0)
            .min(inner.width / 3);
        x = put_truncated(
            buf,
            x,
            y,
            place_w,
            &place,
            if selected {
                style
            } else {
                style.patch(theme.dim)
            },
            amb,
        ) + 2;
        // The text, matched characters emphasised, cut at the edge.
        let right = inner.right().saturating_sub(1);
        for (ci, c) in entry.text(index).chars().enumerate() {
            let s = c.to_string();
            let cw = u16::try_from(cluster_width(&s, amb)).unwrap_or(1);
            if x + cw > right {
                put(buf, x, y, inner.right(), "…", style, amb);
                break;
            }
            let st = if hit.indices.contains(&ci) {
                style.patch(theme.marker)
            } else {
                style
            };
            x = put(buf, x, y, right, &s, st, amb);
        }
    }
    if finder.hits.is_empty() && !finder.field.text().trim().is_empty() {
        let none = state.text(&Text::NothingFound);
        put_truncated(
            buf,
            inner.x + 1,
            inner.y + 1,
            inner.width - 1,
            &none,
            theme.dim,
            amb,
        );
    }
    Some(cursor)
}
