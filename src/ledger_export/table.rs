//! The ledger as a terminal table: CJK columns aligned by display width,
//! long cells cut with … to fit the width, overdue rows marked with `!` so
//! they show without colour, and coloured (red overdue, yellow due within a
//! week, dim done) when asked.

use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;

use super::Row;
use crate::layout::{Ambiguous, cluster_width, str_width};
use crate::store::Status;

#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Columns to fit in; `None` leaves cells whole.
    pub width: Option<usize>,
    pub color: bool,
    pub ambiguous: Ambiguous,
}

const HEADERS: [&str; 8] = [
    "",
    "状态",
    "事项",
    "牵头单位",
    "时限",
    "剩余天数",
    "最新进展",
    "来源",
];
/// Columns that give up width when the table is too wide, and the least
/// each keeps.
const SHRINKABLE: [(usize, usize); 4] = [(2, 12), (6, 8), (7, 8), (3, 8)];
/// Right-aligned columns (numbers).
const RIGHT: [usize; 1] = [5];
const GAP: &str = "  ";

/// Days within which an open item is shown as due soon.
pub const SOON_DAYS: i32 = 7;

fn cells(r: &Row) -> [String; 8] {
    [
        if r.overdue { "!" } else { "" }.to_owned(),
        r.status.name().to_owned(),
        r.item(),
        r.lead.unwrap_or_default().to_owned(),
        r.due_cell(),
        r.days_cell(),
        r.latest().map(|p| p.text.to_owned()).unwrap_or_default(),
        r.source(),
    ]
    .map(|c| one_line(&c))
}

/// Newlines and tabs in a cell would break the grid.
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r', '\t']) {
        s.split(['\n', '\r', '\t'])
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_owned()
    }
}

pub fn write(out: &mut impl Write, rows: &[Row], opts: &TableOptions) -> io::Result<()> {
    let body: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let w = |s: &str| str_width(s, opts.ambiguous);
    let mut widths: [usize; 8] = HEADERS.map(w);
    for r in &body {
        for (c, cell) in r.iter().enumerate() {
            widths[c] = widths[c].max(w(cell));
        }
    }
    // The marker column stays even when no row is overdue, so that the
    // layout does not jump between runs.
    widths[0] = widths[0].max(1);
    if let Some(total) = opts.width {
        fit(&mut widths, total);
    }
    let header = HEADERS.map(str::to_owned);
    line(out, &header, &widths, opts, None)?;
    for (cells, row) in body.iter().zip(rows) {
        let style = if !opts.color {
            None
        } else if row.overdue {
            Some("\x1b[31m")
        } else if row.status == Status::Done {
            Some("\x1b[2m")
        } else if row.days_left.is_some_and(|d| (0..=SOON_DAYS).contains(&d)) {
            Some("\x1b[33m")
        } else {
            None
        };
        line(out, cells, &widths, opts, style)?;
    }
    Ok(())
}

/// The columns that give way first, in order, and the width each keeps in
/// that first round: 来源, 最新进展, then 牵头单位, so that 事项 keeps the room.
const YIELD_FIRST: [(usize, usize); 3] = [(7, 16), (6, 12), (3, 14)];

/// Narrows the shrinkable columns until the row fits `total` columns: 来源,
/// 最新进展 and 牵头单位 give way first, then the widest, none below its
/// minimum.
fn fit(widths: &mut [usize; 8], total: usize) {
    let used = |w: &[usize; 8]| w.iter().sum::<usize>() + GAP.len() * (w.len() - 1);
    let mut excess = used(widths).saturating_sub(total);
    for (c, keep) in YIELD_FIRST {
        let give = widths[c].saturating_sub(keep).min(excess);
        widths[c] -= give;
        excess -= give;
    }
    if excess == 0 {
        return;
    }
    let room: usize = SHRINKABLE
        .iter()
        .map(|&(c, min)| widths[c].saturating_sub(min))
        .sum();
    if room == 0 {
        return;
    }
    // The largest cap at which the shrinkable columns give up enough.
    let capped = |cap: usize| -> usize {
        SHRINKABLE
            .iter()
            .map(|&(c, min)| widths[c].saturating_sub(cap.max(min)))
            .sum()
    };
    let widest = SHRINKABLE
        .iter()
        .map(|&(c, _)| widths[c])
        .max()
        .unwrap_or(0);
    let mut cap = widest;
    while cap > 0 && capped(cap) < excess {
        cap -= 1;
    }
    for &(c, min) in &SHRINKABLE {
        widths[c] = widths[c].min(cap.max(min));
    }
}

fn line(
    out: &mut impl Write,
    cells: &[String; 8],
    widths: &[usize; 8],
    opts: &TableOptions,
    style: Option<&str>,
) -> io::Result<()> {
    let mut text = String::new();
    for (c, cell) in cells.iter().enumerate() {
        if c > 0 {
            text.push_str(GAP);
        }
        let cut = cut(cell, widths[c], opts.ambiguous);
        let pad = widths[c].saturating_sub(str_width(&cut, opts.ambiguous));
        let last = c == cells.len() - 1;
        if RIGHT.contains(&c) {
            text.push_str(&" ".repeat(pad));
            text.push_str(&cut);
        } else {
            text.push_str(&cut);
            if !last {
                text.push_str(&" ".repeat(pad));
            }
        }
    }
    let text = text.trim_end();
    match style {
        Some(s) => writeln!(out, "{s}{text}\x1b[0m"),
        None => writeln!(out, "{text}"),
    }
}

/// `s` in at most `width` columns, cut with … when it does not fit.
pub fn cut(s: &str, width: usize, ambiguous: Ambiguous) -> String {
    if str_width(s, ambiguous) <= width {
        return s.to_owned();
    }
    let ellipsis = "…";
    let room = width.saturating_sub(str_width(ellipsis, ambiguous));
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = cluster_width(g, ambiguous);
        if used + gw > room {
            break;
        }
        used += gw;
        out.push_str(g);
    }
    if width > 0 {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_display_columns() {
        let n = Ambiguous::Narrow;
        assert_eq!(cut("推行一件事一次办", 16, n), "推行一件事一次办");
        assert_eq!(cut("推行一件事一次办", 9, n), "推行一件…");
        // A wide glyph that would straddle the edge is left out whole.
        assert_eq!(cut("推行一件事", 6, n), "推行…");
        assert_eq!(str_width(&cut("ab推行一件事", 8, n), n), 7);
        assert_eq!(cut("推行", 0, n), "");
    }

    #[test]
    fn fitting_takes_from_source_progress_and_lead_first() {
        let mut w = [1, 6, 60, 20, 10, 8, 40, 30];
        fit(&mut w, 100);
        assert!(w.iter().sum::<usize>() + 14 <= 100, "{w:?}");
        assert_eq!(&w[..2], &[1, 6]);
        assert_eq!(w[4], 10, "fixed columns keep their width");
        assert_eq!([w[3], w[6], w[7]], [14, 12, 16], "{w:?}");
        assert_eq!(w[2], 19, "the item keeps what is left");
        // A little too wide: only the source gives way.
        let mut w = [1, 6, 30, 20, 10, 8, 10, 30];
        fit(&mut w, 125);
        assert_eq!(w, [1, 6, 30, 20, 10, 8, 10, 26]);
        // Too narrow for anything: columns stop at their minimum.
        let mut w = [1, 6, 60, 20, 10, 8, 40, 30];
        fit(&mut w, 10);
        assert_eq!(w, [1, 6, 12, 8, 10, 8, 8, 8]);
    }
}
