//! The article pane: the current section laid out by the CJK layout engine, with
//! item markers emphasised and the selected item highlighted.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, pane_block, put};
use crate::article::Source;
use crate::layout::{Spans, str_width};
use crate::tui::state::{Pane, State};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Marker,
    Item,
    Found,
}

pub fn render(state: &State, theme: &Theme, area: Rect, single: bool, buf: &mut Buffer) {
    let mut title = state.text(&Text::Article).into_owned();
    if single {
        title.push_str(" ‹2/3›");
    }
    let inner = pane_block(state, theme, area, Pane::Article, &title, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let (Some(section), Some(article)) = (state.section(), state.current_article()) else {
        return;
    };
    let amb = state.layout.ambiguous;
    let scroll = state.scroll();
    let selected = state.selected_item();
    let right = inner.right();
    for (row, line) in article
        .lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(usize::from(inner.height))
    {
        let y = inner.y + u16::try_from(row - scroll).unwrap_or(0);
        let x = inner.x + 1 + u16::try_from(line.indent).unwrap_or(0);
        match line.source {
            Source::Blank => {}
            Source::Note(_) => {
                if article
                    .lines
                    .get(row.wrapping_sub(1))
                    .is_none_or(|prev| prev.source != line.source)
                {
                    put(buf, x.saturating_sub(2), y, right, "✎", theme.marker, amb);
                }
                put(
                    buf,
                    x,
                    y,
                    right,
                    article.text(section, line),
                    theme.note,
                    amb,
                );
            }
            Source::Headline => {
                put(
                    buf,
                    x,
                    y,
                    right,
                    article.text(section, line),
                    theme.headline,
                    amb,
                );
            }
            Source::Author => {
                put(
                    buf,
                    x,
                    y,
                    right,
                    article.text(section, line),
                    theme.author,
                    amb,
                );
            }
            Source::Paragraph(p) => {
                let paragraph = &section.paragraphs[p];
                // Only this paragraph's items and markers are looked at.
                let mine = article.items.get(p).map_or(&[][..], Vec::as_slice);
                let markers = article.markers.get(p).map_or(&[][..], Vec::as_slice);
                let mut spans: Vec<_> = Vec::new();
                if let Some(item) = selected.filter(|i| i.paragraph() == p && !i.span().is_empty())
                {
                    spans.push((item.span(), Mark::Item));
                }
                spans.extend(markers.iter().map(|r| (r.clone(), Mark::Marker)));
                if let Some(found) = &state.found
                    && found.section == state.current
                    && found.paragraph == p
                {
                    spans.push((found.range.clone(), Mark::Found));
                }
                // Items reaching into this line, and whether each is done.
                let on_line: Vec<(&crate::briefing::Item, bool)> = mine
                    .iter()
                    .map(|&i| &section.items[i])
                    .filter(|i| i.span().start < line.range.end && i.span().end > line.range.start)
                    .map(|i| (i, state.is_done(state.current.0, i)))
                    .collect();
                // A done item: ✓ in the margin of its first line, its text dimmed.
                let done_here = on_line
                    .iter()
                    .any(|(i, done)| *done && line.range.contains(&i.span().start));
                if done_here {
                    put(buf, inner.x, y, right, "✓", theme.progress, amb);
                }
                let mut cx = x;
                for (piece, mark) in Spans::new(spans).split(&line.range) {
                    let done = on_line.iter().any(|(i, done)| {
                        *done && i.span().start <= piece.start && piece.end <= i.span().end
                    });
                    let in_item = selected.is_some_and(|i| {
                        i.paragraph() == p
                            && i.span().start <= piece.start
                            && piece.end <= i.span().end
                    });
                    let style = match mark {
                        Some(Mark::Marker) if in_item => theme.item.patch(theme.marker),
                        Some(Mark::Marker) => theme.marker,
                        Some(Mark::Item) => theme.item,
                        Some(Mark::Found) => theme.found,
                        None if done => theme.dim,
                        None => theme.base,
                    };
                    cx = put(buf, cx, y, right, &paragraph[piece], style, amb);
                }
            }
        }
    }
    // Where we are, on the bottom border.
    let total = article.lines.len();
    if total > usize::from(inner.height) && area.width > 12 {
        let end = (scroll + usize::from(inner.height)).min(total);
        let pos = format!(" {end}/{total} ");
        let w = u16::try_from(str_width(&pos, amb)).unwrap_or(0);
        put(
            buf,
            area.right().saturating_sub(w + 2),
            area.bottom() - 1,
            area.right() - 1,
            &pos,
            theme.dim,
            amb,
        );
    }
}
