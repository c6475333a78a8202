//! CJK-aware line layout on a terminal grid (`../shared/CJK-LAYOUT.md`).
//!
//! Text is cut into grapheme clusters and measured in columns; UAX #14 (from
//! `unicode-linebreak`) gives the base break opportunities and the Chinese rules
//! override them: what may not start or end a line, units that are never split,
//! quotes next to Han. Lines are filled greedily and pushed out (never squeezed)
//! to the last allowed break. Every line is a byte range of the source, so items
//! and search hits can be highlighted and scrolled to.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::briefing::chars::is_han;

/// How wide East Asian Ambiguous characters (“ ” … — · ①) are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// One column, as most Western terminals draw them.
    #[default]
    Narrow,
    /// Two columns, as many CJK terminal set-ups draw them.
    Wide,
}

impl Ambiguous {
    pub fn columns(self) -> usize {
        match self {
            Ambiguous::Narrow => 1,
            Ambiguous::Wide => 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Columns available for text.
    pub width: usize,
    pub ambiguous: Ambiguous,
    /// Let one 。，、 hang into a 2-column gutter past `width` instead of pushing a
    /// character down. The caller reserves the gutter.
    pub hang: bool,
    /// Blank columns before the first line (the paragraph's indentation, when the
    /// source has had it stripped).
    pub first_indent: usize,
}

impl Options {
    pub fn new(width: usize) -> Self {
        Options {
            width,
            ambiguous: Ambiguous::Narrow,
            hang: false,
            first_indent: 0,
        }
    }
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the source shown on the line (dropped spaces excluded).
    pub range: Range<usize>,
    /// Blank columns before the text.
    pub indent: usize,
    /// Columns taken, indentation included.
    pub width: usize,
}

/// May not start a line (CJK-LAYOUT.md). `—` is handled apart: `——` may.
const NO_START: &str =
    "。．，、：；？！‼⁇⁈⁉”’」』）］｝〕〗】》〉〙〛｠〟»·・‧～–/／々〃%％‰℃°′″,.:;?!)]}";
/// May not end a line.
const NO_END: &str = "“‘「『（［｛〔〖【《〈〘〚｟〝«￥¥$＄£￡#＃№([{";
/// Measure words that stay with the number before them (at most two).
const MEASURE: &str =
    "亿万千百十元角分个人项家件年月日时次倍亩吨斤米里户所座台辆条套名位岁天周期批股份成点";
/// Punctuation that may hang into the gutter.
const HANGING: &str = "。，、";

/// Display width of a grapheme cluster.
pub fn cluster_width(g: &str, ambiguous: Ambiguous) -> usize {
    // A tab is drawn as one space.
    if g == "\t" {
        return 1;
    }
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let w = match ambiguous {
            Ambiguous::Narrow => UnicodeWidthChar::width(c),
            Ambiguous::Wide => UnicodeWidthChar::width_cjk(c),
        };
        return w.unwrap_or(0);
    }
    let w = match ambiguous {
        Ambiguous::Narrow => g.width(),
        Ambiguous::Wide => g.width_cjk(),
    };
    // Emoji sequences (ZWJ, flags) are drawn in two columns whatever their parts.
    w.min(2)
}

/// Display width of a string, cluster by cluster.
pub fn str_width(s: &str, ambiguous: Ambiguous) -> usize {
    s.graphemes(true).map(|g| cluster_width(g, ambiguous)).sum()
}

#[derive(Clone, Copy)]
struct Cluster {
    start: usize,
    end: usize,
    width: usize,
    first: char,
    last: char,
    /// A break is allowed before this cluster.
    break_before: bool,
    /// A mandatory break (newline) stands before this cluster.
    hard_before: bool,
}

impl Cluster {
    /// A space or a tab alone: one with a combining mark on it is text.
    fn is_space(&self) -> bool {
        self.end - self.start == 1 && (self.first == ' ' || self.first == '\t')
    }
    fn is_newline(&self) -> bool {
        self.first == '\n' || self.first == '\r'
    }
}

fn is_wide_letter(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' | '\u{ff01}'..='\u{ff60}' | '\u{3000}'..='\u{303f}')
}

fn clusters(text: &str, ambiguous: Ambiguous) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 2);
    for (start, g) in text.grapheme_indices(true) {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let last = chars.next_back().unwrap_or(first);
        let width = match first {
            '\t' => 1,
            '\n' | '\r' => 0,
            _ => cluster_width(g, ambiguous),
        };
        out.push(Cluster {
            start,
            end: start + g.len(),
            width,
            first,
            last,
            break_before: false,
            hard_before: false,
        });
    }
    // Base opportunities from UAX #14, then the Chinese overrides.
    let mut k = 0;
    for (at, kind) in linebreaks(text) {
        while k < out.len() && out[k].start < at {
            k += 1;
        }
        if k < out.len() && out[k].start == at {
            out[k].break_before = true;
            out[k].hard_before = kind == BreakOpportunity::Mandatory;
        }
    }
    let indent_end = out.iter().take_while(|c| c.first == '\u{3000}').count();
    for i in 1..out.len() {
        let (prev, cur) = (out[i - 1], out[i]);
        if prev.is_newline() {
            out[i].break_before = true;
            out[i].hard_before = true;
            continue;
        }
        let mut allowed = cur.break_before;
        // UAX #14 (before 15.1) never breaks around quotes; Chinese text does when
        // the neighbour is Han.
        if matches!(cur.first, '“' | '‘') && is_wide_letter(prev.last) {
            allowed = true;
        }
        if matches!(prev.last, '”' | '’') && is_wide_letter(cur.first) {
            allowed = true;
        }
        let next_first = out.get(i + 1).map(|c| c.first);
        // A signed number after Han starts a unit of its own (-3.2℃).
        if matches!(cur.first, '-' | '+' | '−' | '－' | '＋')
            && next_first.is_some_and(|c| c.is_ascii_digit())
            && is_wide_letter(prev.last)
        {
            allowed = true;
        }
        let forbidden = no_start(cur.first)
            || no_end(prev.last)
            || (prev.last == '—' && cur.first == '—')
            || (prev.last == '…' && cur.first == '…')
            || (cur.first == '—' && next_first != Some('—'))
            || measure_follows_number(&out, i)
            || i <= indent_end;
        out[i].break_before = allowed && !forbidden && !cur.is_newline();
        out[i].hard_before = false;
    }
    if let Some(first) = out.first_mut() {
        first.break_before = false;
        first.hard_before = false;
    }
    out
}

/// Is the measure word at `i` the first or second after a digit (1000亿元)?
fn measure_follows_number(cs: &[Cluster], i: usize) -> bool {
    let digit = |c: &Cluster| {
        c.last.is_ascii_digit() || (!c.last.is_ascii() && !is_han(c.last) && c.last.is_numeric())
    };
    let measure = |c: &Cluster| is_han(c.first) && MEASURE.contains(c.first);
    if i == 0 {
        return false;
    }
    let after_digit = digit(&cs[i - 1]);
    if !(after_digit || (i >= 2 && digit(&cs[i - 2]))) {
        return false;
    }
    measure(&cs[i]) && (after_digit || measure(&cs[i - 1]))
}

/// Han and ASCII letters are in neither rule set: check them first, cheaply.
fn no_start(c: char) -> bool {
    !c.is_ascii_alphanumeric() && !is_han(c) && NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    !c.is_ascii_alphanumeric() && !is_han(c) && NO_END.contains(c)
}

/// Each cluster's byte offset and whether a line may break before it: the break
/// opportunities the layout uses, for tests and tools that need them.
pub fn break_opportunities(text: &str, ambiguous: Ambiguous) -> Vec<(usize, bool)> {
    clusters(text, ambiguous)
        .iter()
        .map(|c| (c.start, c.break_before))
        .collect()
}

/// The characters that may not start, and may not end, a line.
pub const RULES: (&str, &str) = (NO_START, NO_END);

/// Lays out one paragraph. Newlines in the text are hard breaks.
pub fn layout(text: &str, opts: &Options) -> Vec<Line> {
    let width = opts.width.max(1);
    // The indentation goes when it would leave no room for a wide character.
    let indent = if opts.first_indent + 2 <= width {
        opts.first_indent
    } else {
        0
    };
    let cs = clusters(text, opts.ambiguous);
    let mut lines = Vec::new();
    let mut s = 0; // first cluster of the current line
    let mut line_indent = indent;
    while s < cs.len() {
        // Spaces at a break are dropped.
        if !lines.is_empty() {
            while s < cs.len() && cs[s].is_space() && !cs[s].hard_before {
                s += 1;
            }
            if s >= cs.len() {
                break;
            }
        }
        let (end, next) = fill(&cs, s, width.saturating_sub(line_indent).max(1), opts.hang);
        let range_end = trimmed_end(&cs, s, end);
        let w: usize = cs[s..end]
            .iter()
            .filter(|c| c.start < range_end)
            .map(|c| c.width)
            .sum();
        lines.push(Line {
            range: cs[s].start..range_end.max(cs[s].start),
            indent: line_indent,
            width: line_indent + w,
        });
        line_indent = 0;
        s = next;
    }
    if lines.is_empty() {
        lines.push(Line {
            range: 0..0,
            indent,
            width: indent,
        });
    }
    lines
}

/// The byte end of the line's text with trailing break spaces dropped.
fn trimmed_end(cs: &[Cluster], s: usize, end: usize) -> usize {
    let mut e = end;
    while e > s && (cs[e - 1].is_space() || cs[e - 1].is_newline()) {
        e -= 1;
    }
    if e == s { cs[s].start } else { cs[e - 1].end }
}

/// Fills one line from cluster `s` in `width` columns. Returns the end of the
/// line's clusters (exclusive) and where the next line starts.
fn fill(cs: &[Cluster], s: usize, width: usize, hang: bool) -> (usize, usize) {
    let mut col = 0;
    let mut last_break: Option<usize> = None;
    let mut i = s;
    while i < cs.len() {
        let c = &cs[i];
        if i > s && c.hard_before {
            return (i, i);
        }
        if i > s && c.break_before {
            last_break = Some(i);
        }
        if col + c.width > width && !c.is_space() {
            if i == s {
                // A cluster wider than the whole line goes alone.
                return (i + 1, i + 1);
            }
            let next_may_start = cs.get(i + 1).is_none_or(|n| n.break_before);
            if hang && HANGING.contains(c.first) && col + c.width <= width + 2 && next_may_start {
                return (i + 1, i + 1);
            }
            let k = last_break.unwrap_or_else(|| fallback_break(cs, s, i));
            return (k, k);
        }
        col += c.width;
        i += 1;
    }
    (cs.len(), cs.len())
}

/// With no allowed break on the line, break at the last cluster boundary that
/// fits, giving way in the order of CJK-LAYOUT.md ("When two rules cannot both
/// hold"): first a boundary that breaks no rule; then one that only parts a
/// number from its measure words; then one that only parts never-split pairs
/// and units; then one that also starts a line with a no-start mark (or ends
/// one with a no-end mark); a digit run or Latin word is cut last.
fn fallback_break(cs: &[Cluster], s: usize, i: usize) -> usize {
    let cost = |j: usize| {
        let (a, b) = (&cs[j - 1], &cs[j]);
        let word = |c: char| c.is_ascii_alphanumeric() || ".,%+-".contains(c);
        if (word(a.last) && word(b.first))
            || (matches!(a.last, '￥' | '¥' | '$' | '＄' | '£' | '￡') && b.first.is_ascii_digit())
        {
            return 4;
        }
        if no_start(b.first) || no_end(a.last) {
            return 3;
        }
        if (a.last == '—' && b.first == '—') || (a.last == '…' && b.first == '…') {
            return 2;
        }
        if measure_follows_number(cs, j) {
            // Between two measure words (亿|元) costs more than before the
            // first: the measure words stay together.
            let between_measures = !cs[j - 1].last.is_ascii_digit();
            return if between_measures { 2 } else { 1 };
        }
        0
    };
    (0..=3)
        .find_map(|allowed| (s + 1..=i).rev().find(|&j| cost(j) <= allowed))
        .unwrap_or(i)
}

/// Styled spans of one paragraph, indexed so that each line looks only at the
/// spans that reach into it: drawing a paragraph of many items stays linear.
/// Later spans win over earlier ones where they overlap, as in [`split_by_spans`].
#[derive(Debug, Clone)]
pub struct Spans<S> {
    /// Spans that do not overlap each other (item markers), by start, each
    /// with its place in the order given: a line finds its own by bisection.
    chain: Vec<(Range<usize>, usize, S)>,
    /// The rest (a selected item, a search hit): few, and looked at for every line.
    others: Vec<(Range<usize>, usize, S)>,
}

impl<S: Copy> Spans<S> {
    pub fn new(spans: impl IntoIterator<Item = (Range<usize>, S)>) -> Self {
        let mut sorted: Vec<(Range<usize>, usize, S)> = spans
            .into_iter()
            .enumerate()
            .map(|(order, (r, s))| (r, order, s))
            .collect();
        sorted.sort_by_key(|(r, order, _)| (r.start, *order));
        let (mut chain, mut others) = (Vec::new(), Vec::new());
        let mut end = 0;
        for span in sorted {
            if span.0.start >= end {
                end = span.0.end;
                chain.push(span);
            } else {
                others.push(span);
            }
        }
        Spans { chain, others }
    }

    /// The pieces of `line`, each with the style of the span covering it.
    pub fn split(&self, line: &Range<usize>) -> Vec<(Range<usize>, Option<S>)> {
        let overlaps = |r: &Range<usize>| r.start < line.end && r.end > line.start;
        // Chain spans before `first` end at or before the line's start.
        let first = self.chain.partition_point(|(r, _, _)| r.end <= line.start);
        let mut here: Vec<&(Range<usize>, usize, S)> = self.chain[first..]
            .iter()
            .take_while(|(r, _, _)| r.start < line.end)
            .filter(|(r, _, _)| overlaps(r))
            .chain(self.others.iter().filter(|(r, _, _)| overlaps(r)))
            .collect();
        here.sort_by_key(|(_, order, _)| *order);
        let spans: Vec<(Range<usize>, S)> = here.iter().map(|(r, _, s)| (r.clone(), *s)).collect();
        split_by_spans(line, &spans)
    }
}

/// Splits a line's range by styled spans: each piece carries the style of the span
/// covering it, or `None`. Spans may overlap; the later one wins.
pub fn split_by_spans<S: Copy>(
    line: &Range<usize>,
    spans: &[(Range<usize>, S)],
) -> Vec<(Range<usize>, Option<S>)> {
    let mut cuts = vec![line.start, line.end];
    for (r, _) in spans {
        for p in [r.start, r.end] {
            if p > line.start && p < line.end {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let piece = w[0]..w[1];
            let style = spans
                .iter()
                .rev()
                .find(|(r, _)| r.start <= piece.start && piece.end <= r.end && r.start < r.end)
                .map(|(_, s)| *s);
            (piece, style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        lines_with(text, &Options::new(width))
    }

    fn lines_with(text: &str, opts: &Options) -> Vec<String> {
        layout(text, opts)
            .iter()
            .map(|l| text[l.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn worked_examples() {
        assert_eq!(
            lines("经审慎评估，决定维持评级。", 10),
            ["经审慎评", "估，决定维", "持评级。"]
        );
        assert_eq!(
            lines("规定详见《管理办法》第三条。", 10),
            ["规定详见", "《管理办", "法》第三", "条。"]
        );
        assert_eq!(
            lines("营业收入14.13亿元，同比增长12.5%。", 12),
            ["营业收入", "14.13亿元，", "同比增长", "12.5%。"]
        );
        assert_eq!(
            lines("他说：“好的。”然后离开了。", 12),
            ["他说：“好", "的。”然后离", "开了。"]
        );
    }

    #[test]
    fn rules_give_way_in_the_documented_order() {
        // No-start marks outrank a number's measure words.
        assert_eq!(
            lines("3,456.78亿元，同比增长", 12),
            ["3,456.78", "亿元，同比增", "长"]
        );
        // A digit run outranks no-start marks.
        assert_eq!(lines("0359-1234567，邮箱：", 12)[0], "0359-1234567");
    }

    #[test]
    fn fuzz_findings_tabs_and_marked_spaces() {
        // A tab is one column to the layout and to str_width alike.
        let opts = Options {
            hang: true,
            first_indent: 5,
            ..Options::new(131)
        };
        let text = "\t\u{FFFD}";
        let l = layout(text, &opts);
        assert_eq!(l[0].width, l[0].indent + str_width(text, Ambiguous::Narrow));
        // A space carrying a combining mark is text, never dropped at a break.
        for text in [" \u{5A3}", "甲 \u{5B4}乙"] {
            let kept: String = layout(text, &Options::new(1))
                .iter()
                .map(|l| &text[l.range.clone()])
                .collect();
            assert!(
                kept.contains('\u{5A3}') || kept.contains('\u{5B4}'),
                "{text:?}: {kept:?}"
            );
        }
    }

    #[test]
    fn never_split_units_stay_whole() {
        for (text, unit) in [
            ("天天天天天天——地地地", "——"),
            ("天天天天天天……地地地", "……"),
            ("天天天天天天1000亿元地", "1000亿元"),
            ("天天天天天AA+信用", "AA+"),
            ("天天天天天电话0359-1234567", "0359-1234567"),
            ("天天天天天天￥100元", "￥100元"),
            ("天天天天天-3.2℃以下", "-3.2℃"),
        ] {
            for width in str_width(unit, Ambiguous::Narrow)..24 {
                let got = lines(text, width);
                assert!(
                    got.iter().any(|l| l.contains(unit)),
                    "{text} at {width}: {got:?}"
                );
            }
        }
    }

    #[test]
    fn latin_words_break_at_spaces_and_spaces_are_dropped() {
        assert_eq!(
            lines("hello brave new world", 11),
            ["hello brave", "new world"]
        );
        let l = layout("hello brave new world", &Options::new(11));
        assert_eq!(l[0].width, 11);
    }

    #[test]
    fn first_line_indent_and_hanging() {
        let opts = Options {
            first_indent: 4,
            ..Options::new(10)
        };
        let l = layout("经审慎评估决定维持评级。", &opts);
        assert_eq!(l[0].indent, 4);
        assert_eq!(l[0].width, 10);
        assert_eq!(l[1].indent, 0);
        let hang = Options {
            hang: true,
            ..Options::new(8)
        };
        assert_eq!(
            lines_with("经审慎评，决定。", &hang),
            ["经审慎评，", "决定。"]
        );
        assert_eq!(lines("经审慎评，决定。", 8), ["经审慎", "评，决", "定。"]);
    }

    #[test]
    fn leading_ideographic_spaces_are_kept() {
        assert_eq!(
            lines("\u{3000}\u{3000}经审慎评估。", 8),
            ["\u{3000}\u{3000}经审", "慎评估。"]
        );
    }

    #[test]
    fn wide_clusters_never_straddle_the_edge() {
        let l = layout("ab经审", &Options::new(3));
        assert_eq!(l.iter().map(|l| l.width).collect::<Vec<_>>(), [2, 2, 2]);
        // Too narrow for a wide character: it stands alone.
        let l = layout("经审", &Options::new(1));
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn ambiguous_width_changes_the_fill() {
        let wide = Options {
            ambiguous: Ambiguous::Wide,
            ..Options::new(12)
        };
        let l = layout("他说：“好的。”然后离开了。", &wide);
        assert!(l.iter().all(|l| l.width <= 12));
        assert_eq!(str_width("“好”", Ambiguous::Wide), 6);
        assert_eq!(str_width("“好”", Ambiguous::Narrow), 4);
    }

    #[test]
    fn spans_survive_wrapping() {
        let text = "导语。一是净化盐湖。二是洒扫门庭。";
        let item = text.find("一是").expect("marker")..text.find("二是").expect("marker");
        let spans = [(item.clone(), 'i')];
        let ls = layout(text, &Options::new(8));
        let styled: Vec<String> = ls
            .iter()
            .flat_map(|l| split_by_spans(&l.range, &spans))
            .filter(|(_, s)| s.is_some())
            .map(|(r, _)| text[r].to_owned())
            .collect();
        assert_eq!(styled.concat(), &text[item]);
        assert!(styled.len() >= 2);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        assert_eq!(
            layout("", &Options::new(10)),
            vec![Line {
                range: 0..0,
                indent: 0,
                width: 0
            }]
        );
    }
}
