//! Drawing: the frame's layout, the header and footer, the panes and overlays.
//! Everything here only reads the state.

mod article;
mod checklist;
mod departments;
mod dialog;
mod finder;
mod help;
mod history;
mod ledger;
pub mod theme;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use std::num::NonZeroU16;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::layout::{Ambiguous, cluster_width, str_width};
use crate::messages::Text;
use crate::tui::layers::Layer;
use crate::tui::state::{Pane, State};
use crate::tui::view::{Area, Offsets, View, list_offset};
pub use theme::Theme;

/// Smallest terminal the reader draws in; below it, a notice.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Three columns side by side.
    Wide,
    /// Departments over checklist on the left, the article on the right.
    Stacked,
    /// One pane at a time; Tab switches.
    Single,
    TooSmall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    pub header: Rect,
    pub footer: Rect,
    pub panes: Panes,
}

/// Where the panes go (a pane not shown is `None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub departments: Option<Rect>,
    pub article: Option<Rect>,
    pub checklist: Option<Rect>,
}

/// Where everything goes for a terminal of this size.
pub fn areas(area: Rect, focus: Pane) -> Areas {
    let (w, h) = (area.width, area.height);
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Areas {
            mode: Mode::TooSmall,
            header: Rect::default(),
            footer: Rect::default(),
            panes: Panes::default(),
        };
    }
    let header = Rect::new(area.x, area.y, w, 1);
    let footer = Rect::new(area.x, area.y + h - 1, w, 1);
    let body = Rect::new(area.x, area.y + 1, w, h - 2);
    let mut panes = Panes::default();
    let mode = if w >= 120 && body.height >= 8 {
        let dw = (w * 22 / 100).clamp(24, 38);
        let cw = (w * 28 / 100).clamp(30, 48);
        panes.departments = Some(Rect::new(body.x, body.y, dw, body.height));
        panes.article = Some(Rect::new(body.x + dw, body.y, w - dw - cw, body.height));
        panes.checklist = Some(Rect::new(body.x + w - cw, body.y, cw, body.height));
        Mode::Wide
    } else if w >= 72 && body.height >= 10 {
        let lw = (w * 36 / 100).clamp(28, 44);
        let dh = (body.height * 45 / 100).max(3);
        panes.departments = Some(Rect::new(body.x, body.y, lw, dh));
        panes.checklist = Some(Rect::new(body.x, body.y + dh, lw, body.height - dh));
        panes.article = Some(Rect::new(body.x + lw, body.y, w - lw, body.height));
        Mode::Stacked
    } else {
        match focus {
            Pane::Departments => panes.departments = Some(body),
            Pane::Article => panes.article = Some(body),
            Pane::Checklist => panes.checklist = Some(body),
        }
        Mode::Single
    };
    Areas {
        mode,
        header,
        footer,
        panes,
    }
}

/// Text width of the article pane for a given frame (inside the border, less the
/// hanging gutter when hanging punctuation is on).
pub fn article_text_width(rect: Rect, hanging: bool) -> usize {
    let inner = usize::from(rect.width.saturating_sub(2));
    let gutter = if hanging { 2 } else { 0 };
    // One column of padding each side.
    inner.saturating_sub(2 + gutter).max(1)
}

fn to_area(r: Rect) -> Area {
    Area {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

/// The view model of a frame of this size: where the panes go, the article's
/// text width, and the lists' offsets (kept from the `previous` frame while
/// they still show the selection).
pub fn view_model(state: &State, area: Rect, previous: &View) -> View {
    let panes = areas(area, state.focus).panes;
    let mut view = View {
        departments: panes.departments.map(to_area),
        article: panes.article.map(to_area),
        checklist: panes.checklist.map(to_area),
        article_width: panes
            .article
            .map(|r| article_text_width(r, state.layout.hang)),
        ledger_rows: ledger::table_rows(area),
        history_rows: history::list_rows(area),
        offsets: Offsets::default(),
    };
    view.offsets = Offsets {
        departments: list_offset(
            previous.offsets.departments,
            state.row,
            view.inner_height(Pane::Departments),
        ),
        checklist: list_offset(
            previous.offsets.checklist,
            state.selected_item_index(),
            view.inner_height(Pane::Checklist),
        ),
    };
    view
}

/// Draws a frame; returns where the terminal's cursor belongs (the note
/// editor's caret), if anywhere.
pub fn render(
    state: &State,
    view: &View,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    buf.set_style(area, theme.base);
    let a = areas(area, state.focus);
    if a.mode == Mode::TooSmall {
        too_small(state, theme, area, buf);
        return None;
    }
    header(state, theme, a.header, buf);
    let single = a.mode == Mode::Single;
    if let Some(r) = a.panes.departments {
        departments::render(state, view.offsets.departments, theme, r, single, buf);
    }
    if let Some(r) = a.panes.article {
        article::render(state, theme, r, single, buf);
    }
    if let Some(r) = a.panes.checklist {
        checklist::render(state, view.offsets.checklist, theme, r, single, buf);
    }
    footer(state, theme, a.footer, buf);
    // The overlays, bottom to top, each over what is drawn so far (sealed at
    // its edges by `dialog::frame`). The terminal's cursor goes where the top
    // layer with a text field wants it.
    let mut cursor = None;
    for layer in state.layers.iter() {
        cursor = match layer {
            Layer::Help(h) => {
                help::render(state, *h, theme, area, buf);
                None
            }
            Layer::Confirm(c) => {
                dialog::confirm(state, c, theme, area, buf);
                None
            }
            Layer::Finder(f) => finder::render(state, f, theme, area, buf),
            Layer::Editor(ed) => dialog::editor(state, ed, theme, area, buf),
            Layer::Ledger(l) => ledger::render(state, l, theme, area, buf),
            Layer::History(h) => {
                history::render(state, h, theme, area, buf);
                None
            }
        };
    }
    cursor
}

fn too_small(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = state.text(&Text::TooSmall {
        width: MIN_WIDTH,
        height: MIN_HEIGHT,
    });
    let amb = state.layout.ambiguous;
    let lines = crate::layout::layout(
        &text,
        &crate::layout::Options {
            ambiguous: amb,
            ..crate::layout::Options::new(usize::from(area.width.max(1)))
        },
    );
    for (i, l) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
        put(
            buf,
            area.x,
            y,
            area.right(),
            &text[l.range.clone()],
            theme.title,
            amb,
        );
    }
}

fn header(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    let Some(b) = state.briefing() else {
        let none = state.text(&Text::NoBriefingOpen);
        put(buf, area.x, area.y, area.right(), &none, theme.header, amb);
        return;
    };
    let (done, total) = state.total_progress();
    let mut right = state.text(&Text::Progress { done, total }).into_owned();
    if state.read_only.is_some() {
        right = format!("{} · {right}", state.text(&Text::ReadOnly));
    }
    let right_w = u16::try_from(str_width(&right, amb)).unwrap_or(0);
    let limit = area.right().saturating_sub(right_w + 2);
    let x = put_truncated(
        buf,
        area.x + 1,
        area.y,
        limit.saturating_sub(area.x + 1),
        &b.title,
        theme.header,
        amb,
    );
    let x = match &b.subtitle {
        Some(sub) => put_truncated(
            buf,
            x + 2,
            area.y,
            limit.saturating_sub(x + 2),
            &format!("——{sub}"),
            theme.dim,
            amb,
        ),
        None => x,
    };
    // A formal document's number and issuer (GB/T 9704), where it has them.
    let frame: Vec<&str> = [&b.frame.doc_number, &b.frame.issuer]
        .into_iter()
        .filter_map(Option::as_deref)
        .collect();
    if !frame.is_empty() && x + 2 < limit {
        put_truncated(
            buf,
            x + 2,
            area.y,
            limit.saturating_sub(x + 2),
            &frame.join(" · "),
            theme.dim,
            amb,
        );
    }
    put_right(buf, area, area.y, &right, theme.progress, amb);
}

/// Columns a cell takes on the terminal: its forced width, or its symbol's.
fn cell_width(cell: &ratatui::buffer::Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => u16::try_from(cell.symbol().width()).unwrap_or(2),
    }
}

/// Makes room for a layer drawn over `rect`, before it is drawn: a wide
/// character that straddles the rectangle's left or right edge is replaced by
/// a blank (in its own style). Otherwise the terminal would draw the character
/// over the layer's border (its right half hides the border cell) or leave
/// half of it standing beside the layer. Every overlay is drawn through
/// [`dialog::frame`], which calls this.
pub fn seal(buf: &mut Buffer, rect: Rect) {
    let area = buf.area;
    let rect = rect.intersection(area);
    if rect.is_empty() {
        return;
    }
    let blank = |cell: &mut ratatui::buffer::Cell| {
        cell.set_symbol(" ");
        cell.set_diff_option(CellDiffOption::None);
    };
    for y in rect.top()..rect.bottom() {
        // The left edge: a character starting just outside reaches in.
        if rect.x > area.x && cell_width(&buf[(rect.x - 1, y)]) > 1 {
            blank(&mut buf[(rect.x - 1, y)]);
        }
        // The right edge: a character starting just inside reaches out; the
        // cells it covered outside become blanks.
        let last = rect.right() - 1;
        let reach = last + cell_width(&buf[(last, y)]).max(1);
        for x in rect.right()..reach.min(area.right()) {
            blank(&mut buf[(x, y)]);
        }
    }
}

/// Writes `text` flush right on row `y` of `area`, one column in from its
/// edge, when the area has room for it and ten columns more.
pub fn put_right(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style, amb: Ambiguous) {
    let w = u16::try_from(str_width(text, amb)).unwrap_or(u16::MAX);
    if area.width > w.saturating_add(10) {
        put(buf, area.right() - w - 1, y, area.right(), text, style, amb);
    }
}

fn footer(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    if let Some(status) = &state.status {
        put(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            status,
            theme.status,
            amb,
        );
        return;
    }
    let keys = &state.config.keys;
    let mut hints: Vec<(String, Text)> = vec![(
        format!("{}/{}", keys.hint(Action::Down), keys.hint(Action::Up)),
        Text::HintMove,
    )];
    match state.focus {
        Pane::Departments => hints.push((keys.hint(Action::Select), Text::HintRead)),
        Pane::Checklist => {
            hints.push((keys.hint(Action::ToggleDone), Text::HintDone));
            hints.push((keys.hint(Action::EditNote), Text::HintNote));
            hints.push((keys.hint(Action::Select), Text::HintShowInText));
        }
        Pane::Article => hints.push((keys.hint(Action::HalfPageDown), Text::HintPage)),
    }
    hints.push((keys.hint(Action::FocusNext), Text::HintNextPane));
    hints.push((
        format!(
            "{}{}",
            keys.hint(Action::PrevSection),
            keys.hint(Action::NextSection)
        ),
        Text::HintSections,
    ));
    hints.push((keys.hint(Action::Ledger), Text::HintLedger));
    hints.push((keys.hint(Action::Help), Text::HintHelp));
    hints.push((keys.hint(Action::Quit), Text::HintQuit));
    let mut x = area.x + 1;
    // While files are still being read, how far it has got comes first.
    let loading = &state.loading;
    if !loading.finished && loading.total > 0 {
        let text = state.text(&Text::Loading {
            read: loading.read + loading.failed,
            total: loading.total,
        });
        put(buf, x, area.y, area.right(), &text, theme.status, amb);
        let w = u16::try_from(str_width(&text, amb)).unwrap_or(u16::MAX);
        x = x.saturating_add(w).saturating_add(2);
    }
    for (key, what) in hints {
        if key.is_empty() {
            continue;
        }
        let what = state.text(&what);
        let what = what.as_ref();
        let need = str_width(&key, amb) + 1 + str_width(what, amb) + 2;
        if usize::from(x) + need > usize::from(area.right()) {
            break;
        }
        x = put(buf, x, area.y, area.right(), &key, theme.key, amb);
        x = put(buf, x + 1, area.y, area.right(), what, theme.footer, amb);
        x += 2;
    }
}

/// A bordered pane with a title; returns the inner area.
pub fn pane_block(
    state: &State,
    theme: &Theme,
    area: Rect,
    pane: Pane,
    title: &str,
    buf: &mut Buffer,
) -> Rect {
    let focused = state.focus == pane;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    block.render(area, buf);
    if area.width > 4 {
        put(
            buf,
            area.x + 2,
            area.y,
            area.right().saturating_sub(2),
            &format!(" {title} "),
            if focused {
                theme.border_focused
            } else {
                theme.title
            },
            state.layout.ambiguous,
        );
    }
    inner
}

/// Writes text from (x, y) cluster by cluster with the layout engine's widths, up
/// to `right` (exclusive). A cluster that would cross `right` is not drawn.
/// Returns the column after the last cluster drawn.
///
/// Where our width differs from the one ratatui computes (ambiguous characters
/// drawn two columns wide, emoji sequences), the cell carries a forced width so
/// that ratatui's diff stays in step with the terminal.
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    text: &str,
    style: Style,
    amb: Ambiguous,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() {
        return x;
    }
    let right = right.min(area.right());
    let mut x = x;
    for g in text.graphemes(true) {
        let w = cluster_width(g, amb);
        if w == 0 {
            continue;
        }
        let w16 = u16::try_from(w).unwrap_or(2);
        if x < area.x || x.saturating_add(w16) > right {
            break;
        }
        let symbol = if g.chars().any(char::is_control) {
            " "
        } else {
            g
        };
        let cell = &mut buf[(x, y)];
        cell.set_symbol(symbol).set_style(style);
        let forced = NonZeroU16::new(w16).filter(|_| symbol.width() != w);
        cell.set_diff_option(forced.map_or(CellDiffOption::None, CellDiffOption::ForcedWidth));
        for dx in 1..w16 {
            let c = &mut buf[(x + dx, y)];
            c.set_symbol("").set_style(style);
            c.set_diff_option(CellDiffOption::None);
        }
        x += w16;
    }
    x
}

/// Writes text cut to `width` columns, ending in … when it had to be cut.
pub fn put_truncated(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    style: Style,
    amb: Ambiguous,
) -> u16 {
    let full = str_width(text, amb);
    if full <= usize::from(width) {
        return put(buf, x, y, x.saturating_add(width), text, style, amb);
    }
    let ell = str_width("…", amb);
    let room = usize::from(width).saturating_sub(ell);
    let mut used = 0;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = cluster_width(g, amb);
        if used + w > room {
            break;
        }
        used += w;
        end = i + g.len();
    }
    let x2 = put(buf, x, y, x.saturating_add(width), &text[..end], style, amb);
    put(buf, x2, y, x.saturating_add(width), "…", style, amb)
}
