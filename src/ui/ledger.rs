//! The ledger view, full screen: a title line, the filter line, the column
//! names, one row per item, and a status line. Columns are measured with the
//! layout engine's widths; where the screen is narrow the least needed
//! columns (来源, then 最新进展) go rather than squeezing the rest.
//! Overdue rows are red, rows due within a week yellow, done rows dim, and
//! a leading symbol (! · ✓) says the same without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::{Theme, put, put_truncated};
use crate::action::Action;
use crate::layout::{Ambiguous, cluster_width, str_width};
use crate::ledger::Entry;
use crate::messages::{Column, Text};
use crate::store::Status;
use crate::tui::ledger::{Ledger, SOON_DAYS};
use crate::tui::state::State;

/// Lines above the table (title, filter, column names) and below it (status).
const ABOVE: u16 = 3;
const BELOW: u16 = 1;

/// Rows of items a screen of this size shows.
pub fn table_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(ABOVE + BELOW))
}

/// Each column's width in cells, its gap after it included; 0 = left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    symbol: u16,
    status: u16,
    item: u16,
    lead: u16,
    due: u16,
    days: u16,
    progress: u16,
    source: u16,
    /// Due dates with their year (`2026-11-30`) rather than `11-30`.
    full_dates: bool,
}

fn columns(width: u16) -> Columns {
    let w = width.saturating_sub(1);
    let full_dates = w >= 79;
    let days = if w >= 99 { 9 } else { 5 };
    let due = if full_dates { 11 } else { 6 };
    let mut lead = match w {
        159.. => 21,
        99.. => 17,
        59.. => 13,
        _ => 9,
    };
    let fixed = 2 + 7 + days + due;
    if w < fixed + lead + 10 {
        // Too narrow for the lead as well: the item keeps at least ten cells.
        lead = 0;
    }
    let rest = w.saturating_sub(fixed + lead);
    let (item, progress, source) = if w >= 99 {
        let item = rest * 2 / 5;
        let progress = rest * 3 / 10;
        (item, progress, rest - item - progress)
    } else if w >= 71 {
        let item = rest * 3 / 5;
        (item, rest - item, 0)
    } else {
        (rest, 0, 0)
    };
    Columns {
        symbol: 2,
        status: 7,
        item,
        lead,
        due,
        days,
        progress,
        source,
        full_dates,
    }
}

/// The leading symbol and the row's colour: overdue, due soon, done.
fn mark(e: &Entry, theme: &Theme) -> (&'static str, Style) {
    if e.overdue {
        ("!", theme.overdue)
    } else if e.due_within(SOON_DAYS) {
        ("·", theme.soon)
    } else if e.status == Status::Done {
        ("✓", theme.done)
    } else {
        (" ", theme.base)
    }
}

/// A due date as the column shows it.
fn due_text(e: &Entry, state: &State, full: bool, today: jiff::civil::Date) -> String {
    match e.due {
        Some(d) if full => d.to_string(),
        Some(d) if d.year() == today.year() => format!("{:02}-{:02}", d.month(), d.day()),
        Some(d) => d.year().to_string(),
        // A deadline with no date (常态化, 春节前): its words.
        None => e
            .followup(&state.briefings)
            .due()
            .map_or_else(|| "—".to_owned(), |d| d.text.clone()),
    }
}

/// One cell: text cut with … to `width` less its gap.
fn cell(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style, amb: Ambiguous) {
    if width > 1 {
        put_truncated(buf, x, y, width - 1, text, style, amb);
    }
}

/// Text flush right in a cell of `width` (less its gap).
fn cell_right(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    style: Style,
    amb: Ambiguous,
) {
    let w = u16::try_from(str_width(text, amb)).unwrap_or(u16::MAX);
    let room = width.saturating_sub(1);
    if w <= room {
        put(buf, x + room - w, y, x + room, text, style, amb);
    } else {
        cell(buf, x, y, width, text, style, amb);
    }
}

/// Draws the ledger over the whole screen; returns the filter line's caret
/// when it is being edited.
pub fn render(
    state: &State,
    ledger: &Ledger,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let amb = state.layout.ambiguous;
    Clear.render(area, buf);
    buf.set_style(area, theme.base);
    let title = state.text(&Text::LedgerTitle);
    if area.height < ABOVE + BELOW + 1 || area.width < 30 {
        put_truncated(buf, area.x, area.y, area.width, &title, theme.header, amb);
        return None;
    }
    let right = area.right();
    // The title line: what is shown, and the day it is counted from.
    let count = state.text(&Text::LedgerCount {
        shown: ledger.shown.len(),
        total: ledger.rows.len(),
        overdue: ledger.overdue_shown(),
    });
    let today = ledger.today.to_string();
    let x = put(buf, area.x + 1, area.y, right, &title, theme.header, amb);
    let today_text = state.text(&Text::Today(&today));
    let today_w = u16::try_from(str_width(&today_text, amb)).unwrap_or(u16::MAX);
    let count_room = right.saturating_sub(x + 2 + today_w + 2);
    put_truncated(buf, x + 2, area.y, count_room, &count, theme.progress, amb);
    super::put_right(buf, area, area.y, &today_text, theme.dim, amb);

    let cursor = filter_line(
        state,
        ledger,
        theme,
        Rect::new(area.x, area.y + 1, area.width, 1),
        buf,
    );

    let cols = columns(area.width);
    header(state, &cols, theme, area.x + 1, area.y + 2, buf);
    let rows = table_rows(area);
    let top = area.y + ABOVE;
    if ledger.shown.is_empty() {
        let none = state.text(if ledger.rows.is_empty() {
            &Text::LedgerEmpty
        } else {
            &Text::LedgerNoMatch
        });
        put_truncated(
            buf,
            area.x + 3,
            top,
            area.width.saturating_sub(4),
            &none,
            theme.dim,
            amb,
        );
    }
    // The offset the last fit kept, unless it no longer shows the selection.
    let offset = if (ledger.offset..ledger.offset + rows).contains(&ledger.selected) {
        ledger.offset
    } else {
        ledger.selected.saturating_sub(rows.saturating_sub(1))
    };
    let table = Table {
        state,
        ledger,
        cols,
        theme,
    };
    for (n, &k) in ledger.shown.iter().enumerate().skip(offset).take(rows) {
        let y = top + u16::try_from(n - offset).unwrap_or(0);
        row(
            &table,
            &ledger.rows[k],
            n == ledger.selected,
            Rect::new(area.x, y, area.width, 1),
            buf,
        );
    }
    footer(
        state,
        ledger,
        theme,
        Rect::new(area.x, area.bottom() - 1, area.width, 1),
        buf,
    );
    cursor
}

fn filter_line(
    state: &State,
    ledger: &Ledger,
    theme: &Theme,
    line: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let amb = state.layout.ambiguous;
    let text = ledger.filter.text();
    if text.is_empty() && !ledger.editing {
        let hint = state.text(&Text::LedgerFilterHint);
        put_truncated(
            buf,
            line.x + 1,
            line.y,
            line.width.saturating_sub(2),
            &hint,
            theme.dim,
            amb,
        );
        return None;
    }
    let right = line.right().saturating_sub(1);
    let x0 = put(buf, line.x + 1, line.y, right, "/ ", theme.key, amb);
    // The text scrolls so the caret stays in view.
    let visible = usize::from(right.saturating_sub(x0 + 1));
    let before = str_width(&text[..ledger.filter.caret()], amb);
    let skip = before.saturating_sub(visible);
    let mut x = x0;
    let mut col = 0;
    for g in text.graphemes(true) {
        if col >= skip {
            x = put(buf, x, line.y, right, g, theme.title, amb);
        }
        col += cluster_width(g, amb);
    }
    let caret = x0 + u16::try_from(before - skip).unwrap_or(0);
    ledger
        .editing
        .then(|| Position::new(caret.min(right.saturating_sub(1)), line.y))
}

fn header(state: &State, cols: &Columns, theme: &Theme, x0: u16, y: u16, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    // The days column's long name where it fits (剩余天数), else its short one.
    let long = state.text(&Text::LedgerColumn(Column::Days));
    let days = if str_width(&long, amb) < usize::from(cols.days) {
        Column::Days
    } else {
        Column::DaysShort
    };
    let mut x = x0 + cols.symbol;
    for (width, column) in [
        (cols.status, Column::Status),
        (cols.item, Column::Item),
        (cols.lead, Column::Lead),
        (cols.due, Column::Due),
        (cols.days, days),
        (cols.progress, Column::Progress),
        (cols.source, Column::Source),
    ] {
        if width == 0 {
            continue;
        }
        let name = state.text(&Text::LedgerColumn(column));
        if column == days {
            cell_right(buf, x, y, width, &name, theme.title, amb);
        } else {
            cell(buf, x, y, width, &name, theme.title, amb);
        }
        x = x.saturating_add(width);
    }
}

/// What every row is drawn with.
struct Table<'a> {
    state: &'a State,
    ledger: &'a Ledger,
    cols: Columns,
    theme: &'a Theme,
}

fn row(table: &Table, e: &Entry, selected: bool, line: Rect, buf: &mut Buffer) {
    let Table {
        state,
        ledger,
        cols,
        theme,
    } = *table;
    let amb = state.layout.ambiguous;
    let (symbol, colour) = mark(e, theme);
    let style = if selected {
        theme.selected
    } else {
        theme.base.patch(colour)
    };
    buf.set_style(line, style);
    let b = &state.briefings[e.b];
    let item = e.item(&state.briefings);
    let f = &item.followup;
    let mut x = line.x + 1;
    // The whole column, gap included: · is two cells wide where ambiguous
    // characters are drawn wide.
    put(buf, x, line.y, x + cols.symbol, symbol, style, amb);
    x += cols.symbol;
    cell(buf, x, line.y, cols.status, e.status.name(), style, amb);
    x += cols.status;
    // The marker (一是) says little out of its paragraph; the source says where.
    let title = item.title(&e.section(&state.briefings).paragraphs);
    cell(buf, x, line.y, cols.item, title, style, amb);
    x = x.saturating_add(cols.item);
    if cols.lead > 0 {
        cell(
            buf,
            x,
            line.y,
            cols.lead,
            f.lead.as_deref().unwrap_or("—"),
            style,
            amb,
        );
        x = x.saturating_add(cols.lead);
    }
    let due = due_text(e, state, cols.full_dates, ledger.today);
    cell(buf, x, line.y, cols.due, &due, style, amb);
    x = x.saturating_add(cols.due);
    let days = e.days_left.map(|d| d.to_string()).unwrap_or_default();
    cell_right(buf, x, line.y, cols.days, &days, style, amb);
    x = x.saturating_add(cols.days);
    if cols.progress > 0 {
        let latest = e
            .mark(&state.briefings, &state.marks)
            .and_then(|m| m.latest_progress())
            .map(|p| p.text.lines().next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        cell(buf, x, line.y, cols.progress, &latest, style, amb);
        x = x.saturating_add(cols.progress);
    }
    if cols.source > 0 {
        // The briefing's title where several are open (as the finder does).
        let section = state.section_label(e.b, e.s);
        let source = if state.briefings.len() > 1 {
            format!("{} › {section}", b.title)
        } else {
            section
        };
        let dim = if selected {
            style
        } else {
            style.patch(theme.dim)
        };
        cell(buf, x, line.y, cols.source, &source, dim, amb);
    }
}

fn footer(state: &State, ledger: &Ledger, theme: &Theme, line: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    if let Some(status) = &state.status {
        put_truncated(
            buf,
            line.x + 1,
            line.y,
            line.width.saturating_sub(2),
            status,
            theme.status,
            amb,
        );
        return;
    }
    let keys = &state.config.keys;
    let hints: Vec<(String, Text)> = if ledger.editing {
        vec![
            ("Enter".into(), Text::HintFilterKeep),
            ("Esc".into(), Text::HintFilterClear),
        ]
    } else {
        vec![
            (
                format!("{}/{}", keys.hint(Action::Down), keys.hint(Action::Up)),
                Text::HintMove,
            ),
            (
                format!(
                    "{}/{}-{}",
                    keys.hint(Action::CycleStatus),
                    keys.hint(Action::StatusNotStarted),
                    keys.hint(Action::StatusPaused)
                ),
                Text::HintStatus,
            ),
            (keys.hint(Action::ToggleDone), Text::HintDone),
            (keys.hint(Action::AddProgress), Text::HintProgress),
            (keys.hint(Action::Find), Text::HintFilter),
            (keys.hint(Action::Select), Text::HintOpen),
            (keys.hint(Action::Undo), Text::HintUndo),
            (keys.hint(Action::Quit), Text::HintBack),
        ]
    };
    let mut x = line.x + 1;
    for (key, what) in hints {
        if key.is_empty() {
            continue;
        }
        let what = state.text(&what);
        let need = str_width(&key, amb) + 1 + str_width(&what, amb) + 2;
        if usize::from(x) + need > usize::from(line.right()) {
            break;
        }
        x = put(buf, x, line.y, line.right(), &key, theme.key, amb);
        x = put(buf, x + 1, line.y, line.right(), &what, theme.footer, amb);
        x += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_width_and_drop_the_least_needed_first() {
        for w in [30, 40, 50, 64, 80, 100, 120, 160, 200] {
            let c = columns(w);
            let sum =
                c.symbol + c.status + c.item + c.lead + c.due + c.days + c.progress + c.source;
            assert!(sum < w, "{w}: {c:?}");
            assert!(c.item >= 8, "{w}: {c:?}");
        }
        let narrow = columns(50);
        assert_eq!((narrow.progress, narrow.source), (0, 0));
        assert!(narrow.lead > 0);
        let mid = columns(80);
        assert!(mid.progress > 0 && mid.source == 0 && mid.full_dates);
        let wide = columns(120);
        assert!(wide.source > 0 && wide.days == 9);
    }
}
