//! Positioned text (PDF, OFD) back into paragraphs: glyphs with a page, a
//! baseline and an advance become lines (same baseline, left to right), lines
//! become paragraphs (a first-line indent, a wider gap, a line that ends short
//! or a centred line starts one), page furniture (repeated headers and
//! footers, page numbers) is dropped, and a page with two columns is read
//! column by column. The output is one paragraph a line, the shape the
//! plain-text parser reads.

use crate::briefing::chars::{is_han, is_space};
use crate::briefing::text::is_page_number;
use std::collections::HashSet;

/// One glyph (or a short run drawn as one piece) as the page places it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge of the glyph, in points from the page's left edge.
    pub x: f64,
    /// Baseline, in points from the page's TOP edge (down is larger).
    pub y: f64,
    /// Advance: how far the pen moves right after the glyph.
    pub width: f64,
    /// Font size (the em), in points.
    pub size: f64,
    /// The characters the glyph stands for.
    pub text: String,
}

/// One page: its size and what is drawn on it, in any order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// What [`paragraphs`] made of the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// One paragraph a line.
    pub text: String,
    /// How many header, footer and page-number lines were dropped.
    pub furniture: usize,
    /// How many pages were read in two columns.
    pub two_column_pages: usize,
}

/// Where a line sits on its page: across the page, or in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Column {
    Full,
    Left,
    Right,
}

#[derive(Debug, Clone)]
struct Line {
    page: usize,
    column: Column,
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    glyphs: usize,
    text: String,
}

/// Baselines closer than this share a line (a fraction of the font size).
const SAME_BASELINE: f64 = 0.4;
/// A horizontal gap this wide (in ems) splits a line into pieces that may
/// belong to different columns.
const WIDE_GAP: f64 = 1.8;
/// Past this gap (in ems, beyond the line's usual spacing) Latin words are
/// separated by a space.
const LATIN_SPACE: f64 = 0.18;
/// Past this gap (in ems) a space is kept next to a Han character or a
/// full-width mark; narrower gaps (the automatic
/// spacing between Han and digits, justification) are not spaces.
const CJK_SPACE: f64 = 0.3;
/// A line starting this far (in ems) right of the block's left edge is
/// indented: a paragraph's first line.
const INDENT: f64 = 0.9;
/// A line ending this far (in ems) short of the block's right edge ends its
/// paragraph.
const SHORT: f64 = 1.5;
/// Most pieces of lines on a page for which a gutter is looked for.
const MAX_GUTTER_PIECES: usize = 600;
/// Header and footer bands: this fraction of the page's height at the top and
/// at the bottom.
const BAND: f64 = 0.12;

/// Rebuilds the paragraphs of positioned pages.
pub fn paragraphs(pages: &[Page]) -> Layout {
    let mut layout = Layout::default();
    let mut lines = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let (page_lines, columns) = page_lines(n, page);
        if columns {
            layout.two_column_pages += 1;
        }
        lines.extend(page_lines);
    }
    layout.furniture = drop_furniture(&mut lines, pages);
    layout.text = assemble(&lines);
    layout
}

/// The lines of one page in reading order, and whether it has two columns.
fn page_lines(page_no: usize, page: &Page) -> (Vec<Line>, bool) {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| {
            g.size > 0.0
                && g.x.is_finite()
                && g.y.is_finite()
                && g.width.is_finite()
                && !g.text.chars().all(char::is_control)
        })
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Baseline clusters, each split where a wide gap opens.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= SAME_BASELINE * g.size.max(row[0].size) => {
                row.push(g);
            }
            _ => rows.push(vec![g]),
        }
    }
    let mut pieces: Vec<Vec<&Glyph>> = Vec::new();
    // Glyphs that follow a space the page draws (a space character in the
    // text layer is a space, whatever its width).
    let mut spaced: HashSet<*const Glyph> = HashSet::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut after_space = false;
        row.retain(|g| {
            if is_blank(g) {
                after_space = true;
                return false;
            }
            if std::mem::take(&mut after_space) {
                spaced.insert(std::ptr::from_ref(*g));
            }
            true
        });
        if row.is_empty() {
            continue;
        }
        let mut start = 0;
        for i in 1..row.len() {
            let prev = row[i - 1];
            let em = prev.size.max(row[i].size);
            if row[i].x - (prev.x + prev.width) > WIDE_GAP * em {
                pieces.push(row[start..i].to_vec());
                start = i;
            }
        }
        pieces.push(row[start..].to_vec());
    }
    let gutter = find_gutter(&pieces, page.width);
    let mut lines: Vec<Line> = Vec::new();
    match gutter {
        None => {
            // Pieces of one baseline go back together.
            for piece in pieces {
                match lines.last_mut() {
                    Some(last) if same_row(last, &piece) => {
                        let more = make_line(page_no, Column::Full, &piece, &spaced);
                        append(last, &more);
                    }
                    _ => lines.push(make_line(page_no, Column::Full, &piece, &spaced)),
                }
            }
        }
        Some((left, right)) => {
            let mut full = Vec::new();
            let mut left_col = Vec::new();
            let mut right_col = Vec::new();
            for piece in pieces {
                let x0 = piece[0].x;
                let last = piece[piece.len() - 1];
                let x1 = last.x + last.width;
                if x1 <= left + 0.01 {
                    left_col.push(make_line(page_no, Column::Left, &piece, &spaced));
                } else if x0 >= right - 0.01 {
                    right_col.push(make_line(page_no, Column::Right, &piece, &spaced));
                } else {
                    full.push(make_line(page_no, Column::Full, &piece, &spaced));
                }
            }
            // Read down the page: a line across the page closes the columns
            // above it, which are read left then right.
            full.sort_by(|a, b| a.y.total_cmp(&b.y));
            let (mut l, mut r) = (
                left_col.into_iter().peekable(),
                right_col.into_iter().peekable(),
            );
            for f in full {
                while let Some(line) = l.next_if(|x| x.y < f.y) {
                    lines.push(line);
                }
                while let Some(line) = r.next_if(|x| x.y < f.y) {
                    lines.push(line);
                }
                lines.push(f);
            }
            lines.extend(l);
            lines.extend(r);
        }
    }
    let columns = gutter.is_some();
    (lines, columns)
}

fn same_row(line: &Line, piece: &[&Glyph]) -> bool {
    (piece[0].y - line.y).abs() <= SAME_BASELINE * piece[0].size.max(line.size)
}

/// A vertical band of the page that no line crosses, with several lines on
/// either side of it at the same heights: the gutter of a two-column page.
/// Returns the band's left and right edges.
fn find_gutter(pieces: &[Vec<&Glyph>], page_width: f64) -> Option<(f64, f64)> {
    // A page of text has a few hundred pieces at most; past that (a table
    // of numbers, a hostile file) the search, cubic in the pieces, is not
    // tried.
    if pieces.len() < 6 || pieces.len() > MAX_GUTTER_PIECES {
        return None;
    }
    // (left, right, baseline, size) of each piece.
    let spans: Vec<(f64, f64, f64, f64)> = pieces
        .iter()
        .map(|p| {
            let last = p[p.len() - 1];
            (p[0].x, last.x + last.width, p[0].y, p[0].size)
        })
        .collect();
    let lo = spans.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
    let hi = spans.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    let width = hi - lo;
    if !(width > 0.0 && width <= page_width.max(width) * 2.0) {
        return None;
    }
    // Two pieces side by side: their baselines within a line of each other
    // (the columns' baselines need not line up).
    let beside =
        |a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)| (a.2 - b.2).abs() < 1.6 * a.3.max(b.3);
    // Candidate gutters: the gap right after each piece's end.
    let mut best: Option<(f64, f64, usize, usize)> = None;
    // Column lines end at the same place: each end is tried once.
    let mut ends: Vec<f64> = spans.iter().map(|s| s.1).collect();
    // Largest first, so that of ends a hair apart the largest stays.
    ends.sort_by(|a, b| b.total_cmp(a));
    ends.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    for end in ends {
        if end <= lo + width * 0.2 || end >= lo + width * 0.8 {
            continue;
        }
        // The band's right edge: the nearest start right of this end among
        // pieces that have a piece ending left of it beside them (a title
        // alone on its row does not count).
        let Some(start) = spans
            .iter()
            .filter(|s| s.0 > end && spans.iter().any(|q| q.1 <= end && beside(q, s)))
            .map(|s| s.0)
            .min_by(f64::total_cmp)
        else {
            continue;
        };
        let crossing = spans.iter().filter(|s| s.0 < start && s.1 > end).count();
        let left: Vec<_> = spans.iter().filter(|s| s.1 <= end).collect();
        let right: Vec<_> = spans.iter().filter(|s| s.0 >= start).collect();
        // Lines on the left with a line of the right column beside them.
        let shared = left
            .iter()
            .filter(|l| right.iter().any(|r| beside(l, r)))
            .count();
        if left.len() >= 3
            && right.len() >= 3
            && shared >= 3
            && shared * 2 >= left.len().min(right.len())
            && crossing * 5 <= spans.len()
            // The most lines side by side, then the fewest lines across.
            && best.is_none_or(|b| (shared, usize::MAX - crossing) > (b.2, usize::MAX - b.3))
        {
            best = Some((end, start, shared, crossing));
        }
    }
    best.map(|(l, r, _, _)| (l, r))
}

/// A line from glyphs sorted left to right: spaces only where the gap is
/// real.
fn make_line(
    page: usize,
    column: Column,
    glyphs: &[&Glyph],
    spaced: &HashSet<*const Glyph>,
) -> Line {
    let mut gaps: Vec<f64> = glyphs
        .windows(2)
        .map(|w| (w[1].x - (w[0].x + w[0].width)) / w[0].size.max(w[1].size))
        .collect();
    gaps.sort_by(f64::total_cmp);
    // Justified lines spread every glyph a little: a space is a gap wider
    // than the line's usual one.
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let gap = (g.x - (p.x + p.width)) / p.size.max(g.size) - usual;
            let wide = |c: char| is_han(c) || is_fullwidth(c);
            let cjk =
                p.text.chars().last().is_some_and(wide) || g.text.chars().next().is_some_and(wide);
            let drawn = spaced.contains(&std::ptr::from_ref(*g)) && gap > -0.05;
            if drawn || gap > if cjk { CJK_SPACE } else { LATIN_SPACE } {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    let first = glyphs[0];
    let last = glyphs[glyphs.len() - 1];
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Line {
        page,
        column,
        y: first.y,
        x0: first.x,
        x1: last.x + last.width,
        size: sizes[sizes.len() / 2],
        glyphs: glyphs.len(),
        text,
    }
}

/// Joins a piece of the same baseline onto a line (to its right).
fn append(line: &mut Line, more: &Line) {
    line.text.push(' ');
    line.text.push_str(&more.text);
    line.x1 = line.x1.max(more.x1);
    line.glyphs += more.glyphs;
}

/// A glyph that draws only white space.
fn is_blank(g: &Glyph) -> bool {
    g.text.chars().all(|c| is_space(c) || c.is_control())
}

/// CJK punctuation and full-width forms.
fn is_fullwidth(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Drops page numbers and the lines repeated at the same place on most
/// pages (running headers and footers, a watermark); returns how many.
fn drop_furniture(lines: &mut Vec<Line>, pages: &[Page]) -> usize {
    let before = lines.len();
    let in_band = |l: &Line| {
        let h = pages.get(l.page).map_or(0.0, |p| p.height);
        h > 0.0 && (l.y < h * BAND || l.y > h * (1.0 - BAND))
    };
    // A line's look: its text with the digits hidden, and its height.
    let key = |l: &Line| {
        let text: String = l
            .text
            .chars()
            .filter(|c| !is_space(*c))
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        // Whole points, so that a baseline that moves by a fraction still
        // matches.
        #[allow(clippy::cast_possible_truncation)]
        let y = l.y.round() as i64;
        (text, y)
    };
    let mut counts: std::collections::HashMap<(String, i64), std::collections::BTreeSet<usize>> =
        std::collections::HashMap::new();
    for l in lines.iter().filter(|l| in_band(l)) {
        counts.entry(key(l)).or_default().insert(l.page);
    }
    let pages_with_text = lines
        .iter()
        .map(|l| l.page)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let repeated = |l: &Line| {
        pages_with_text >= 2
            && counts
                .get(&key(l))
                .is_some_and(|p| p.len() >= 2 && p.len() * 2 >= pages_with_text)
    };
    lines.retain(|l| !(in_band(l) && (is_page_number(l.text.trim()) || repeated(l))));
    before - lines.len()
}

/// Statistics of the lines of one kind of column, over the whole document.
#[derive(Debug, Clone, Copy)]
struct Block {
    left: f64,
    right: f64,
    /// The usual distance between baselines, in ems.
    pitch: f64,
}

fn block_of(lines: &[Line], column: Column) -> Block {
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| l.column == column && l.glyphs >= 4)
        .collect();
    let all: Vec<&Line> = lines.iter().filter(|l| l.column == column).collect();
    let pool = if body.is_empty() { &all } else { &body };
    let left = pool.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = pool.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut steps: Vec<f64> = all
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[1].y > w[0].y)
        .map(|w| (w[1].y - w[0].y) / w[0].size.max(w[1].size))
        .collect();
    steps.sort_by(f64::total_cmp);
    // The smallest common step is the line pitch; larger ones are gaps.
    let pitch = steps.get(steps.len() / 4).copied().unwrap_or(1.5);
    Block { left, right, pitch }
}

/// Lines in reading order to paragraphs, one a line.
fn assemble(lines: &[Line]) -> String {
    let blocks = [Column::Full, Column::Left, Column::Right].map(|c| (c, block_of(lines, c)));
    let block = |c: Column| {
        blocks
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(blocks[0].1, |(_, b)| *b)
    };
    let centred = |l: &Line| {
        let b = block(l.column);
        let em = l.size;
        let (lm, rm) = (l.x0 - b.left, b.right - l.x1);
        lm > em && rm > em && (lm - rm).abs() < em
    };
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        let b = block(line.column);
        let em = line.size;
        let new_paragraph = match prev {
            None => true,
            Some(p) => {
                let pb = block(p.column);
                let indented = line.x0 > b.left + INDENT * em;
                let short = p.x1 < pb.right - SHORT * p.size;
                let gap = p.page == line.page
                    && p.column == line.column
                    && (line.y - p.y) / em.max(p.size) > pb.pitch * 1.3 + 0.2;
                let resized = (line.size - p.size).abs() > 0.15 * em.max(p.size);
                indented || short || gap || resized || centred(p) || centred(line)
            }
        };
        if new_paragraph && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line.text);
        prev = Some(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `text` from `x` on baseline `y`, one em per Han character and
    /// half an em per other character.
    fn run(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let w = if is_han(c) || is_fullwidth(c) {
                    size
                } else {
                    size / 2.0
                };
                let g = Glyph {
                    x,
                    y,
                    width: w,
                    size,
                    text: c.to_string(),
                };
                x += w;
                g
            })
            .collect()
    }

    fn page(runs: Vec<Vec<Glyph>>) -> Page {
        Page {
            width: 595.0,
            height: 842.0,
            glyphs: runs.into_iter().flatten().collect(),
        }
    }

    /// A paragraph of `lines` lines of Han text, 10pt, from x 50 to 450,
    /// starting at `y`, the first line indented by two ems when `indent`;
    /// the last line `last` characters long.
    fn paragraph(y: f64, lines: usize, last: usize, seed: char, indent: bool) -> Vec<Vec<Glyph>> {
        let mut out = Vec::new();
        let c = seed.to_string();
        for i in 0..lines {
            let y = y + 15.0 * f64::from(u32::try_from(i).expect("small"));
            let (x, n) = if i == 0 && indent {
                (70.0, 38)
            } else {
                (50.0, 40)
            };
            let n = if i + 1 == lines { last.min(n) } else { n };
            let mut text = c.repeat(n - 1);
            text.push(if i + 1 == lines { '。' } else { '，' });
            out.push(run(x, y, 10.0, &text));
        }
        out
    }

    #[test]
    fn glyphs_of_one_baseline_make_a_line_sorted_left_to_right() {
        let mut glyphs = run(50.0, 100.0, 10.0, "市场主体");
        glyphs.reverse();
        glyphs[1].y += 1.5; // a little off the baseline
        let layout = paragraphs(&[Page {
            width: 595.0,
            height: 842.0,
            glyphs,
        }]);
        assert_eq!(layout.text, "市场主体\n");
    }

    #[test]
    fn no_space_between_han_and_digits_but_real_gaps_are_kept() {
        let line = |runs: &[(f64, &str)]| {
            let glyphs = runs
                .iter()
                .flat_map(|(x, t)| run(*x, 100.0, 10.0, t))
                .collect();
            paragraphs(&[Page {
                width: 595.0,
                height: 842.0,
                glyphs,
            }])
            .text
        };
        // Automatic spacing: 0.2 em around the digits.
        assert_eq!(
            line(&[(50.0, "套餐"), (72.0, "30"), (84.0, "个以上")]),
            "套餐30个以上\n"
        );
        // A headline with a half-em space between its phrases.
        assert_eq!(
            line(&[(50.0, "对标一流"), (95.0, "打造高地")]),
            "对标一流 打造高地\n"
        );
        // Latin words a quarter em apart; a digit next to Han, touching.
        assert_eq!(line(&[(50.0, "open"), (72.5, "data")]), "open data\n");
        assert_eq!(line(&[(50.0, "5G"), (61.0, "基站")]), "5G基站\n");
    }

    #[test]
    fn justified_lines_do_not_get_spaces() {
        // Every glyph 0.4 em apart (a justified short line): no spaces.
        let glyphs: Vec<Glyph> = "加快项目建设进度"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: 50.0 + 14.0 * f64::from(u32::try_from(i).expect("small")),
                y: 100.0,
                width: 10.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect();
        let text = paragraphs(&[Page {
            width: 595.0,
            height: 842.0,
            glyphs,
        }])
        .text;
        assert_eq!(text, "加快项目建设进度\n");
    }

    #[test]
    fn indents_gaps_and_short_lines_break_paragraphs_and_wraps_join() {
        let mut runs = paragraph(200.0, 3, 12, '甲', true);
        // The next paragraph: indented, no extra gap.
        runs.extend(paragraph(245.0, 2, 40, '乙', true));
        // A full last line, then an unindented line after a gap.
        runs.push(run(50.0, 305.0, 10.0, "丙丙丙丙丙丙"));
        let text = paragraphs(&[page(runs)]).text;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("甲甲") && lines[0].ends_with("甲。"));
        assert_eq!(lines[0].chars().count(), 38 + 40 + 12);
        assert!(!lines[0].contains(' '), "wraps join without a space");
        assert_eq!(lines[1].chars().count(), 38 + 40);
        assert_eq!(lines[2], "丙丙丙丙丙丙");
    }

    #[test]
    fn a_centred_title_is_its_own_paragraph() {
        // A paragraph's full last line, then a centred heading, then a
        // paragraph whose first line is not indented.
        let mut runs = paragraph(200.0, 2, 40, '丁', true);
        runs.push(run(195.0, 230.0, 10.0, "二、工作要求和安排"));
        runs.extend(paragraph(245.0, 2, 20, '戊', false));
        let text = paragraphs(&[page(runs)]).text;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[1], "二、工作要求和安排");
    }

    #[test]
    fn headers_footers_and_page_numbers_are_dropped_and_a_paragraph_crossing_pages_joins() {
        let mut pages = Vec::new();
        for n in 1..=3 {
            let mut runs = vec![run(230.0, 40.0, 9.0, "临河市人民政府办公室")];
            runs.extend(match n {
                1 => paragraph(150.0, 3, 40, '甲', true),
                2 => paragraph(150.0, 3, 40, '乙', false),
                _ => paragraph(150.0, 2, 10, '丙', false),
            });
            runs.push(run(280.0, 800.0, 10.0, &format!("— {n} —")));
            pages.push(page(runs));
        }
        let layout = paragraphs(&pages);
        assert_eq!(layout.furniture, 6, "{layout:?}");
        let lines: Vec<&str> = layout.text.lines().collect();
        assert_eq!(lines.len(), 1, "{}", layout.text);
        assert_eq!(lines[0].chars().count(), 38 + 40 + 40 + 3 * 40 + 40 + 10);
        assert!(!layout.text.contains("办公室") && !layout.text.contains('—'));
    }

    #[test]
    fn a_lone_number_at_the_bottom_goes_but_one_in_the_body_stays() {
        let runs = vec![run(50.0, 300.0, 10.0, "2024"), run(290.0, 810.0, 10.0, "7")];
        assert_eq!(paragraphs(&[page(runs)]).text, "2024\n");
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut runs = vec![run(200.0, 60.0, 14.0, "两栏排版的简报标题")];
        for i in 0..8 {
            let y = 100.0 + 15.0 * f64::from(i);
            let l = if i == 0 {
                "　左栏第一段开头"
            } else {
                "左栏正文续行内容"
            };
            let r = if i == 0 {
                "　右栏第一段开头"
            } else {
                "右栏正文续行内容"
            };
            runs.push(run(50.0, y, 10.0, l));
            runs.push(run(320.0, y, 10.0, r));
        }
        let layout = paragraphs(&[page(runs)]);
        assert_eq!(layout.two_column_pages, 1);
        let lines: Vec<&str> = layout.text.lines().collect();
        assert_eq!(lines[0], "两栏排版的简报标题");
        assert!(
            lines[1].starts_with("左栏第一段开头左栏正文"),
            "{}",
            layout.text
        );
        assert!(!lines[1].contains('右'), "{}", layout.text);
        assert!(lines[2].starts_with("右栏第一段开头"), "{}", layout.text);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_page_of_scattered_glyphs_is_read_without_a_column_search() {
        // Thousands of glyphs far apart: every one its own piece.
        let glyphs: Vec<Glyph> = (0..4000u32)
            .map(|i| Glyph {
                x: f64::from(i % 20) * 29.0,
                y: f64::from(i / 20) * 4.0,
                width: 5.0,
                size: 5.0,
                text: "数".into(),
            })
            .collect();
        let layout = paragraphs(&[Page {
            width: 595.0,
            height: 842.0,
            glyphs,
        }]);
        assert_eq!(layout.two_column_pages, 0);
        assert_eq!(layout.text.matches('数').count(), 4000);
    }

    #[test]
    fn a_one_column_page_is_not_split() {
        let runs = paragraph(200.0, 8, 30, '戊', true);
        let layout = paragraphs(&[page(runs)]);
        assert_eq!(layout.two_column_pages, 0);
        assert_eq!(layout.text.lines().count(), 1);
    }
}
