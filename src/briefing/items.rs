//! Action items: enumeration markers, series and their nesting, item titles and
//! text spans, and inferred thesis items (FORMAT.md §1, "Action items").

use std::ops::Range;

use thin_vec::ThinVec;

use super::chars::{chinese_number, is_formal_numeral, is_numeral_char, is_space};
use super::{Item, Paragraphs, Words};

/// The enumeration styles officials use. The order is the nesting rank: a style
/// nests under the styles before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    /// 第一章
    Chapter,
    /// 壹、
    Formal,
    /// 一、
    HanComma,
    /// （一）
    ParenHan,
    /// 1. 1、
    Arabic,
    /// （1）
    ParenArabic,
    /// ①
    Circled,
    /// 一是
    Shi,
    /// 一要
    Yao,
    /// 第一，
    Ordinal,
    /// 一方面 / 另一方面
    Aspect,
    /// 首先 / 其次 / 再次 / 最后
    Sequence,
    /// ——
    Dash,
}

/// The ordinal of 最后: it closes a 首先 series at whatever count it has reached.
const LAST: u32 = u32::MAX;

impl Style {
    /// Styles at the same rank replace each other instead of nesting.
    fn rank(self) -> u8 {
        match self {
            Style::Chapter => 0,
            Style::Formal => 1,
            Style::HanComma => 2,
            Style::ParenHan => 3,
            Style::Arabic => 4,
            Style::ParenArabic => 5,
            Style::Circled => 6,
            Style::Shi | Style::Yao | Style::Ordinal | Style::Aspect | Style::Sequence => 7,
            Style::Dash => 8,
        }
    }

    /// Markers that number headings (`第一章`, `一、`, `（一）`, `1.`, `（1）`),
    /// as opposed to ordinals inside running text (`一是`, `第一，`).
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Style::Chapter
                | Style::Formal
                | Style::HanComma
                | Style::ParenHan
                | Style::Arabic
                | Style::ParenArabic
        )
    }

    /// Can the marker stand after sentence punctuation inside a paragraph, or only
    /// at the paragraph's start?
    fn inline(self) -> bool {
        matches!(
            self,
            Style::Shi
                | Style::Yao
                | Style::Ordinal
                | Style::ParenHan
                | Style::Aspect
                | Style::Sequence
        )
    }

    /// How a marker of this style with this ordinal is written, for warnings.
    pub fn label(self, n: u32) -> String {
        let han = to_chinese(n);
        match self {
            Style::Chapter => format!("第{han}章"),
            Style::Formal | Style::HanComma => format!("{han}、"),
            Style::ParenHan => format!("（{han}）"),
            Style::Arabic => format!("{n}."),
            Style::ParenArabic => format!("（{n}）"),
            Style::Circled => char::from_u32(0x2460 + n.saturating_sub(1))
                .map_or_else(|| n.to_string(), String::from),
            Style::Shi => format!("{han}是"),
            Style::Yao => format!("{han}要"),
            Style::Ordinal => format!("第{han}"),
            Style::Aspect => if n == 1 { "一方面" } else { "另一方面" }.into(),
            Style::Sequence => match n {
                1 => "首先",
                2 => "其次",
                3 => "再次",
                _ => "最后",
            }
            .into(),
            Style::Dash => "——".into(),
        }
    }
}

fn to_chinese(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// A marker recognised at some position of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker<'a> {
    pub style: Style,
    pub ordinal: u32,
    /// The marker as written (`一是`, `（一）`, `1.`), without a following comma.
    pub text: &'a str,
    /// Bytes the marker takes in the paragraph, including a following `，`/`、` and
    /// spaces: where the title starts.
    pub len: usize,
}

/// Recognises a marker at the start of `s`. `paragraph_start` allows the styles
/// that may only open a paragraph.
pub fn marker_at(s: &str, paragraph_start: bool) -> Option<Marker<'_>> {
    let (style, ordinal, text_len) = raw_marker(s)?;
    if !paragraph_start && !style.inline() {
        return None;
    }
    let text = &s[..text_len];
    let rest = &s[text_len..];
    let after_comma = rest
        .strip_prefix(['，', '、', ',', '：', ':'])
        .unwrap_or(rest);
    let after_space = after_comma.trim_start_matches(is_space);
    Some(Marker {
        style,
        ordinal,
        text,
        len: s.len() - after_space.len(),
    })
}

fn numeral_prefix(s: &str) -> Option<(u32, usize)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_numeral_char(c))
        .map_or(s.len(), |(i, _)| i);
    // Longest prefix first, so 十二 is read as twelve; at most three numerals.
    let mut ends = [0; 3];
    let mut count = 0;
    for (i, c) in s[..end].char_indices().take(3) {
        ends[count] = i + c.len_utf8();
        count += 1;
    }
    ends[..count]
        .iter()
        .rev()
        .find_map(|&e| chinese_number(&s[..e]).map(|n| (n, e)))
}

fn arabic_prefix(s: &str) -> Option<(u32, usize)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 2 {
        return None;
    }
    s[..end].parse().ok().filter(|&n| n > 0).map(|n| (n, end))
}

/// The style, ordinal and byte length of a marker at the start of `s`. The
/// first character tells which forms to try: most places a marker may stand
/// (after each comma of a paragraph) open with none.
fn raw_marker(s: &str) -> Option<(Style, u32, usize)> {
    let first = s.chars().next()?;
    match first {
        '—' => dash_marker(s),
        '一' => aspect_marker(s).or_else(|| numeral_marker(s)),
        '另' => aspect_marker(s),
        '首' | '其' | '再' | '最' => sequence_marker(s),
        '第' => ordinal_marker(s),
        '（' | '(' => paren_marker(s),
        '①'..='⑳' => Some((
            Style::Circled,
            first as u32 - '①' as u32 + 1,
            first.len_utf8(),
        )),
        '0'..='9' => arabic_marker(s),
        c if is_numeral_char(c) => numeral_marker(s),
        _ => None,
    }
}

/// `——` before the words of a bullet.
fn dash_marker(s: &str) -> Option<(Style, u32, usize)> {
    if !s.starts_with("——") {
        return None;
    }
    let rest = s.trim_start_matches('—');
    // A line of dashes, or dashes before a number (a date range), is no bullet.
    (!rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit())).then_some((
        Style::Dash,
        0,
        s.len() - rest.len(),
    ))
}

/// `一方面，` and `另一方面，`.
fn aspect_marker(s: &str) -> Option<(Style, u32, usize)> {
    word_marker(s, Style::Aspect, &[("一方面", 1), ("另一方面", 2)])
}

/// `首先，` … `最后，`.
fn sequence_marker(s: &str) -> Option<(Style, u32, usize)> {
    word_marker(
        s,
        Style::Sequence,
        &[("首先", 1), ("其次", 2), ("再次", 3), ("最后", LAST)],
    )
}

/// One of `words` (each with its ordinal) followed by a comma.
fn word_marker(s: &str, style: Style, words: &[(&str, u32)]) -> Option<(Style, u32, usize)> {
    words.iter().find_map(|&(word, ordinal)| {
        let rest = s.strip_prefix(word)?;
        rest.starts_with(['，', ','])
            .then_some((style, ordinal, word.len()))
    })
}

/// `第一章` and `第一，`.
fn ordinal_marker(s: &str) -> Option<(Style, u32, usize)> {
    let rest = s.strip_prefix('第')?;
    let (n, len) = numeral_prefix(rest)?;
    let after = &rest[len..];
    if after.starts_with(['章', '编', '篇']) {
        return Some((Style::Chapter, n, '第'.len_utf8() + len + 3));
    }
    if after.starts_with(['，', '、', '：', ',']) {
        return Some((Style::Ordinal, n, '第'.len_utf8() + len));
    }
    None
}

/// `（一）` and `（1）`.
fn paren_marker(s: &str) -> Option<(Style, u32, usize)> {
    let inner = s.strip_prefix(['（', '('])?;
    if let Some((n, len)) = numeral_prefix(inner) {
        let close = inner[len..].strip_prefix(['）', ')'])?;
        return Some((Style::ParenHan, n, s.len() - close.len()));
    }
    let (n, len) = arabic_prefix(inner)?;
    let close = inner[len..].strip_prefix(['）', ')'])?;
    Some((Style::ParenArabic, n, s.len() - close.len()))
}

/// `1.`, `1．` and `1、`, but not a number such as `1.5万亿元`.
fn arabic_marker(s: &str) -> Option<(Style, u32, usize)> {
    let (n, len) = arabic_prefix(s)?;
    let after = &s[len..];
    let sep = after.chars().next()?;
    if !matches!(sep, '.' | '．' | '、') {
        return None;
    }
    let next = after[sep.len_utf8()..].chars().next();
    if next.is_some_and(|c| c.is_ascii_digit() || c == '%') {
        return None;
    }
    Some((Style::Arabic, n, len + sep.len_utf8()))
}

/// `一是`, `一要`, `一、` and `壹、`.
fn numeral_marker(s: &str) -> Option<(Style, u32, usize)> {
    let (n, len) = numeral_prefix(s)?;
    let after = &s[len..];
    let formal = s[..len].chars().any(is_formal_numeral);
    match after.chars().next()? {
        '是' => Some((Style::Shi, n, len + 3)),
        '要' => Some((Style::Yao, n, len + 3)),
        '、' if formal => Some((Style::Formal, n, len + 3)),
        '、' => Some((Style::HanComma, n, len + 3)),
        _ => None,
    }
}

/// An item found in a section, before ids are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte ranges of the marker and the title in the paragraph.
    pub marker: Range<usize>,
    pub title: Range<usize>,
    pub paragraph: usize,
    /// Byte range of the item's text in its paragraph.
    pub start: usize,
    pub end: usize,
    pub level: usize,
    pub inferred: bool,
}

struct Series<'a> {
    style: Style,
    last: u32,
    first_label: &'a str,
}

/// Finds the items of one section. Warnings are phrased for a user and carry no
/// section number; the caller adds it.
pub fn extract(paragraphs: &Paragraphs) -> (Vec<Found>, Vec<String>) {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    let mut stack: Vec<Series> = Vec::new();
    // Reused from paragraph to paragraph.
    let mut title_starts = Vec::new();
    let mut spans = Spans::default();
    for (p, para) in paragraphs.iter().enumerate() {
        let first_of_paragraph = found.len();
        title_starts.clear();
        for (at, place_kind) in marker_positions(para) {
            let Some(m) = marker_at(&para[at..], place_kind == Place::ParagraphStart) else {
                continue;
            };
            // After a comma a marker only continues a series already open
            // (目标：一是……，二是……，三是……), never starts one.
            if place_kind == Place::AfterComma && !continues(&stack, &m) {
                continue;
            }
            let Some(level) = place(&mut stack, &m, &mut warnings) else {
                continue;
            };
            title_starts.push(at + m.len);
            found.push(Found {
                marker: at..at + m.text.len(),
                title: 0..0,
                paragraph: p,
                start: at,
                end: para.len(),
                level,
                inferred: false,
            });
        }
        spans.close(&mut found[first_of_paragraph..], &title_starts, para);
    }
    if found.is_empty() {
        found = infer_theses(paragraphs);
    }
    (found, warnings)
}

/// A section's items as the model holds them (ids are given later), and its
/// warnings prefixed with the section's number `n`.
pub fn section_items(paragraphs: &Paragraphs, n: usize) -> (ThinVec<Item>, Vec<String>) {
    let (found, warnings) = extract(paragraphs);
    let items = found
        .into_iter()
        .map(|f| {
            Item::new(
                f.paragraph,
                f.level,
                Words::of(f.marker),
                Words::of(f.title),
                Words::of(f.start..f.end),
                f.inferred,
            )
        })
        .collect();
    let warnings = warnings
        .into_iter()
        .map(|w| format!("section {n}: {w}"))
        .collect();
    (items, warnings)
}

/// Places a marker in the stack of open series; returns its level, or `None` when
/// it continues no series (二是 with no 一是 before it).
fn place<'a>(
    stack: &mut Vec<Series<'a>>,
    m: &Marker<'a>,
    warnings: &mut Vec<String>,
) -> Option<usize> {
    if let Some(k) = stack.iter().rposition(|s| s.style == m.style) {
        let series = &mut stack[k];
        let continues = m.style == Style::Dash
            || m.ordinal == series.last + 1
            || (m.ordinal == LAST && series.last != LAST);
        if continues {
            series.last = m.ordinal;
            stack.truncate(k + 1);
            return Some(k);
        }
        if m.ordinal == 1 {
            stack.truncate(k);
            return Some(open(stack, m));
        }
        if m.ordinal > series.last && m.ordinal != LAST && series.last != LAST {
            warnings.push(format!(
                "series {}…{} skips {}",
                series.first_label,
                m.style.label(m.ordinal),
                m.style.label(series.last + 1)
            ));
            series.last = m.ordinal;
            stack.truncate(k + 1);
            return Some(k);
        }
        return None;
    }
    if m.ordinal == 1 || m.style == Style::Dash {
        while stack
            .last()
            .is_some_and(|s| s.style.rank() >= m.style.rank())
        {
            stack.pop();
        }
        return Some(open(stack, m));
    }
    if matches!(m.style, Style::Shi | Style::Yao) {
        warnings.push(format!(
            "{} has no {} before it",
            m.style.label(m.ordinal),
            m.style.label(1)
        ));
    }
    None
}

fn open<'a>(stack: &mut Vec<Series<'a>>, m: &Marker<'a>) -> usize {
    stack.push(Series {
        style: m.style,
        last: m.ordinal,
        first_label: m.text,
    });
    stack.len() - 1
}

/// Where a marker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    ParagraphStart,
    /// After sentence punctuation (。；：！？).
    AfterSentence,
    /// After a comma, inside a sentence.
    AfterComma,
}

/// Byte offsets where a marker may stand: the paragraph's start, after
/// sentence punctuation (。；：！？) and after a comma, with any spaces that
/// follow skipped.
fn marker_positions(para: &str) -> impl Iterator<Item = (usize, Place)> + '_ {
    let mut next = first_non_space(para, 0).map(|at| (at, Place::ParagraphStart));
    std::iter::from_fn(move || {
        let here = next?;
        next = punctuation_from(para, here.0)
            .and_then(|(end, place)| Some((first_non_space(para, end)?, place)));
        Some(here)
    })
}

/// The bytes a punctuation mark of `marker_positions` can start with: its
/// ASCII forms, and the lead bytes of 。 (E3) and of the full-width forms (EF).
const PUNCTUATION_LEADS: [bool; 256] = {
    let mut leads = [false; 256];
    let mut i = 0;
    let bytes = b";:!?,\xE3\xEF";
    while i < bytes.len() {
        leads[bytes[i] as usize] = true;
        i += 1;
    }
    leads
};

/// The first punctuation mark at or after byte `from` that places a marker:
/// the byte just past it and the place it makes. Reads bytes, not chars: a
/// paragraph is mostly three-byte Han characters, none of them punctuation.
fn punctuation_from(para: &str, from: usize) -> Option<(usize, Place)> {
    let bytes = para.as_bytes();
    let mut i = from;
    while let Some(at) = next_lead(bytes, i) {
        let place = match bytes[at] {
            b';' | b':' | b'!' | b'?' => Some((1, Place::AfterSentence)),
            b',' => Some((1, Place::AfterComma)),
            0xE3 | 0xEF => match para[at..].chars().next() {
                Some('。' | '；' | '：' | '！' | '？') => Some((3, Place::AfterSentence)),
                Some('，') => Some((3, Place::AfterComma)),
                _ => None,
            },
            _ => None,
        };
        if let Some((len, place)) = place {
            return Some((at + len, place));
        }
        i = at + 1;
    }
    None
}

/// The first byte at or after `from` that may be one of
/// [`PUNCTUATION_LEADS`]: eight bytes are looked at in one word, for a byte
/// below 0x40 (which the ASCII marks are) or equal to E3 or EF. The word's
/// lowest flagged byte is a real one; what follows it the caller reads again.
fn next_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // High bit of each byte that is zero (exact for the lowest such byte).
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let below_40 = w.wrapping_sub(ONES * 0x40) & !w & HIGHS;
        let flagged = below_40 | zero(w ^ (ONES * 0xE3)) | zero(w ^ (ONES * 0xEF));
        if flagged != 0 {
            return Some(i + (flagged.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..bytes.len()).find(|&k| PUNCTUATION_LEADS[usize::from(bytes[k])])
}

/// The byte offset of the first 。！？； (or ASCII !?;) in `s`, found as
/// [`punctuation_from`] finds its marks: eight bytes at a time.
fn sentence_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(at) = next_lead(bytes, i) {
        let end = match bytes[at] {
            b'!' | b'?' | b';' => true,
            0xE3 | 0xEF => matches!(s[at..].chars().next(), Some('。' | '！' | '？' | '；')),
            _ => false,
        };
        if end {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The byte offset of the first character at or after `from` that is not a
/// space.
fn first_non_space(para: &str, from: usize) -> Option<usize> {
    para[from..]
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map(|(i, _)| from + i)
}

/// Does the marker continue an open series of its style (the next ordinal)?
fn continues(stack: &[Series], m: &Marker) -> bool {
    stack
        .iter()
        .rev()
        .find(|s| s.style == m.style)
        .is_some_and(|s| s.last != LAST && m.ordinal == s.last + 1)
}

/// Ends each item at the next item of the same or a higher level in the paragraph,
/// and cuts its title at the first 。！？；.
/// The buffers [`Spans::close`] works in, kept from paragraph to paragraph.
#[derive(Default)]
struct Spans {
    ends: Vec<usize>,
    stack: Vec<usize>,
}

impl Spans {
    /// Ends each item of a paragraph where the next one of its level or
    /// above starts, and finds its title.
    fn close(&mut self, items: &mut [Found], title_starts: &[usize], para: &str) {
        let Spans { ends, stack } = self;
        ends.clear();
        ends.resize(items.len(), para.len());
        stack.clear();
        // For each item, the start of the next one at its level or above, found
        // in one pass from the end with a stack of candidates (levels strictly
        // rising from the top), so that a paragraph of many items stays linear.
        for i in (0..items.len()).rev() {
            while stack
                .last()
                .is_some_and(|&j| items[j].level > items[i].level)
            {
                stack.pop();
            }
            if let Some(&j) = stack.last() {
                ends[i] = items[j].start;
            }
            stack.push(i);
        }
        for i in 0..items.len() {
            let end = ends[i];
            items[i].end = trim_end_len(para, items[i].start, end);
            let title_start = title_starts[i];
            let title_end = end.max(title_start);
            items[i].title = title_of(para, title_start..title_end);
        }
    }
}

fn trim_end_len(para: &str, start: usize, end: usize) -> usize {
    start + para[start..end].trim_end_matches(is_space).len()
}

/// The title in `para[range]`: up to the first 。！？；, without the spaces
/// around it and a trailing colon or comma. A range of `para`.
fn title_of(para: &str, range: Range<usize>) -> Range<usize> {
    let s = &para[range.clone()];
    let cut = sentence_end(s).unwrap_or(s.len());
    let sentence = s[..cut].trim_start_matches(is_space);
    let title = sentence
        .trim_end_matches(is_space)
        .trim_end_matches(['：', ':', '，', '、', ',']);
    let start = range.start + (cut - sentence.len());
    start..start + title.len()
}

/// A section with no enumeration but two or more paragraphs that open with a short
/// thesis sentence (at most 12 characters, ending in 。) gets the theses as items.
fn infer_theses(paragraphs: &Paragraphs) -> Vec<Found> {
    let theses: Vec<Found> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(p, para)| {
            let end = para.find('。')?;
            let sentence = &para[..end];
            let n = sentence.chars().count();
            let plain = !sentence.contains(['，', '、', '？', '！', '；', '：', ',', '?']);
            ((2..=12).contains(&n) && plain).then_some(Found {
                marker: 0..0,
                title: 0..end,
                paragraph: p,
                start: 0,
                end: para.len(),
                level: 0,
                inferred: true,
            })
        })
        .collect();
    if theses.len() >= 2 {
        theses
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `marker_positions` as first written, a char at a time: the byte
    /// scanner must find the same places.
    fn marker_positions_by_char(para: &str) -> Vec<(usize, Place)> {
        let mut after = Some(Place::ParagraphStart);
        let mut out = Vec::new();
        for (i, c) in para.char_indices() {
            if is_space(c) {
                continue;
            }
            if let Some(p) = after {
                out.push((i, p));
            }
            after = match c {
                '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?' => {
                    Some(Place::AfterSentence)
                }
                '，' | ',' => Some(Place::AfterComma),
                _ => None,
            };
        }
        out
    }

    /// [`punctuation_from`] as first written, a byte at a time.
    fn punctuation_from_by_byte(para: &str, from: usize) -> Option<(usize, Place)> {
        let bytes = para.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            let b = bytes[i];
            if PUNCTUATION_LEADS[usize::from(b)] {
                let place = match b {
                    b';' | b':' | b'!' | b'?' => Some((1, Place::AfterSentence)),
                    b',' => Some((1, Place::AfterComma)),
                    _ => match para[i..].chars().next() {
                        Some('。' | '；' | '：' | '！' | '？') => {
                            Some((3, Place::AfterSentence))
                        }
                        Some('，') => Some((3, Place::AfterComma)),
                        _ => None,
                    },
                };
                if let Some((len, place)) = place {
                    return Some((i + len, place));
                }
            }
            i += 1;
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn punctuation_is_found_by_words_as_by_bytes(
            para in "[一二是（）、。；：！？，,;:!?@A0 \u{3000}\u{3001}\u{3002}\u{3007}\u{30ff}\u{ff01}\u{ff0c}\u{ff1a}\u{ff1b}\u{ff1f}\u{ff5e}\u{e3}\u{ef}\u{7f}\u{80}𠀀]{0,40}",
            from in 0usize..120,
        ) {
            let from = (0..=from.min(para.len())).rev().find(|&i| para.is_char_boundary(i)).unwrap_or(0);
            proptest::prop_assert_eq!(punctuation_from(&para, from), punctuation_from_by_byte(&para, from));
        }
    }

    #[test]
    fn punctuation_is_found_by_words_as_by_bytes_for_every_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for para in [
                format!("{c}"),
                format!("甲{c}乙。"),
                format!("甲乙丙{c}，"),
                format!("ab{c}{c}cdefghij,"),
            ] {
                for from in (0..=para.len()).filter(|&i| para.is_char_boundary(i)) {
                    assert_eq!(
                        punctuation_from(&para, from),
                        punctuation_from_by_byte(&para, from),
                        "{c:?} {para}"
                    );
                }
            }
        }
    }

    /// [`title_of`] as first written, with the standard library's search.
    fn title_of_by_find(para: &str, range: Range<usize>) -> Range<usize> {
        let s = &para[range.clone()];
        let cut = s
            .find(['。', '！', '？', '；', '!', '?', ';'])
            .unwrap_or(s.len());
        let sentence = s[..cut].trim_start_matches(is_space);
        let title = sentence
            .trim_end_matches(is_space)
            .trim_end_matches(['：', ':', '，', '、', ',']);
        let start = range.start + (cut - sentence.len());
        start..start + title.len()
    }

    proptest::proptest! {
        #[test]
        fn titles_end_where_the_search_found(
            para in "[一是甲、。；：！？，,;:!?@A0 \u{3000}\u{3001}\u{3002}\u{30ff}\u{ff01}\u{ff0c}\u{ff1a}\u{ff1b}\u{ff1f}\u{ff5e}\u{e3}\u{ef}𠀀]{0,40}",
            from in 0usize..120,
        ) {
            let from = (0..=from.min(para.len())).rev().find(|&i| para.is_char_boundary(i)).unwrap_or(0);
            proptest::prop_assert_eq!(title_of(&para, from..para.len()), title_of_by_find(&para, from..para.len()));
        }
    }

    #[test]
    fn titles_end_where_the_search_found_for_every_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for para in [
                format!("{c}"),
                format!("甲{c}乙。"),
                format!("一是{c}，"),
                format!("ab{c}{c}cdefghij；"),
            ] {
                assert_eq!(
                    title_of(&para, 0..para.len()),
                    title_of_by_find(&para, 0..para.len()),
                    "{c:?} {para}"
                );
            }
        }
    }

    /// The [`raw_marker`] that tried every form in turn.
    fn marker_opened_by(s: &str, first: char) -> Option<(Style, u32, usize)> {
        if s.starts_with("——") {
            let rest = s.trim_start_matches('—');
            // A line of dashes, or dashes before a number (a date range), is no bullet.
            return (!rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()))
                .then_some((Style::Dash, 0, s.len() - rest.len()));
        }
        for (word, ordinal) in [("一方面", 1), ("另一方面", 2)] {
            if let Some(rest) = s.strip_prefix(word)
                && rest.starts_with(['，', ','])
            {
                return Some((Style::Aspect, ordinal, word.len()));
            }
        }
        for (word, ordinal) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", LAST)] {
            if let Some(rest) = s.strip_prefix(word)
                && rest.starts_with(['，', ','])
            {
                return Some((Style::Sequence, ordinal, word.len()));
            }
        }
        if let Some(rest) = s.strip_prefix('第') {
            let (n, len) = numeral_prefix(rest)?;
            let after = &rest[len..];
            if after.starts_with(['章', '编', '篇']) {
                return Some((Style::Chapter, n, '第'.len_utf8() + len + 3));
            }
            if after.starts_with(['，', '、', '：', ',']) {
                return Some((Style::Ordinal, n, '第'.len_utf8() + len));
            }
            return None;
        }
        if let Some(inner) = s.strip_prefix(['（', '(']) {
            let open = s.len() - inner.len();
            if let Some((n, len)) = numeral_prefix(inner) {
                let close = inner[len..].strip_prefix(['）', ')'])?;
                return Some((Style::ParenHan, n, s.len() - close.len()));
            }
            let (n, len) = arabic_prefix(inner)?;
            let close = inner[len..].strip_prefix(['）', ')'])?;
            debug_assert!(open > 0);
            return Some((Style::ParenArabic, n, s.len() - close.len()));
        }
        if ('①'..='⑳').contains(&first) {
            return Some((
                Style::Circled,
                first as u32 - '①' as u32 + 1,
                first.len_utf8(),
            ));
        }
        if first.is_ascii_digit() {
            let (n, len) = arabic_prefix(s)?;
            let after = &s[len..];
            let sep = after.chars().next()?;
            if !matches!(sep, '.' | '．' | '、') {
                return None;
            }
            let next = after[sep.len_utf8()..].chars().next();
            // 1.5万亿元 is a number, not a marker.
            if next.is_some_and(|c| c.is_ascii_digit() || c == '%') {
                return None;
            }
            return Some((Style::Arabic, n, len + sep.len_utf8()));
        }
        let (n, len) = numeral_prefix(s)?;
        let after = &s[len..];
        let formal = s[..len].chars().any(|c| {
            matches!(
                c,
                '壹' | '贰'
                    | '貳'
                    | '叁'
                    | '參'
                    | '叄'
                    | '肆'
                    | '伍'
                    | '陆'
                    | '陸'
                    | '柒'
                    | '捌'
                    | '玖'
                    | '拾'
            )
        });
        match after.chars().next()? {
            '是' => Some((Style::Shi, n, len + 3)),
            '要' => Some((Style::Yao, n, len + 3)),
            '、' if formal => Some((Style::Formal, n, len + 3)),
            '、' => Some((Style::HanComma, n, len + 3)),
            _ => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn markers_are_read_by_their_first_character_as_by_every_form(
            s in "[一二十壹是要、，,.．（）()第章方面另首先其次再最后——①⑳0123456789%甲 ]{0,8}"
        ) {
            let every_form = s.chars().next().and_then(|first| marker_opened_by(&s, first));
            proptest::prop_assert_eq!(raw_marker(&s), every_form);
        }
    }

    #[test]
    fn markers_open_with_any_character_as_by_every_form() {
        let rests = [
            "",
            "是",
            "要",
            "、",
            "，",
            ",",
            "）",
            ")",
            ".",
            "．",
            "章",
            "方面，",
            "一方面，",
            "先，",
            "次，",
            "后，",
            "—甲",
            "一、",
            "一）",
            "1）",
            "二是",
        ];
        for first in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for rest in rests {
                let s = format!("{first}{rest}");
                assert_eq!(raw_marker(&s), marker_opened_by(&s, first), "{s}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn marker_places_are_found_by_bytes_as_by_chars(
            para in "[一二是（）、。；：！？，,;:!? \u{3000}\u{a0}a1「」ＡＢ\u{3001}\u{3002}\u{ff0c}\u{ff1a}\u{ff1b}\u{e000}]{0,40}"
        ) {
            let fast: Vec<(usize, Place)> = marker_positions(&para).collect();
            proptest::prop_assert_eq!(fast, marker_positions_by_char(&para));
        }
    }

    #[test]
    fn marker_places_on_the_samples() {
        for path in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/briefings"))
            .expect("the bundled briefings")
            .flatten()
        {
            let text = std::fs::read_to_string(path.path()).unwrap_or_default();
            for para in text.lines() {
                let fast: Vec<(usize, Place)> = marker_positions(para).collect();
                assert_eq!(fast, marker_positions_by_char(para), "{para}");
            }
        }
    }

    fn titles(paragraphs: &[&str]) -> Vec<(String, String, usize, usize)> {
        let paragraphs: Vec<String> = paragraphs.iter().map(|s| (*s).to_owned()).collect();
        extract(&paragraphs.iter().collect())
            .0
            .into_iter()
            .map(|f| {
                let para = &paragraphs[f.paragraph];
                (
                    para[f.marker].to_owned(),
                    para[f.title].to_owned(),
                    f.paragraph,
                    f.level,
                )
            })
            .collect()
    }

    fn t(
        marker: &str,
        title: &str,
        paragraph: usize,
        level: usize,
    ) -> (String, String, usize, usize) {
        (marker.into(), title.into(), paragraph, level)
    }

    #[test]
    fn a_series_inside_one_sentence_gives_an_item_per_ordinal() {
        assert_eq!(
            titles(&[
                "目标：一是首都功能持续提升，二是高质量发展迈上新台阶，三是民生福祉不断增进。"
            ]),
            [
                t("一是", "首都功能持续提升", 0, 0),
                t("二是", "高质量发展迈上新台阶", 0, 0),
                t("三是", "民生福祉不断增进", 0, 0),
            ]
        );
        // After a comma a marker only continues a series: none starts there,
        // and the trap 一是一、二是二 stays text.
        assert!(titles(&["我们要坚持，二是二，一是一的作风。"]).is_empty());
        assert!(titles(&["坚持一是一、二是二的作风，二是二。"]).is_empty());
    }

    #[test]
    fn each_marker_style() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "一是净化盐湖。依法依规。二是洒扫门庭。重点加强。",
                &[("一是", "净化盐湖"), ("二是", "洒扫门庭")],
            ),
            (
                "一要锚定工业转型，构建现代产业体系。立足。二要狠抓招商引资。",
                &[
                    ("一要", "锚定工业转型，构建现代产业体系"),
                    ("二要", "狠抓招商引资"),
                ],
            ),
            (
                "第一，加快重点项目建设。要早。第二，优化环境。",
                &[("第一", "加快重点项目建设"), ("第二", "优化环境")],
            ),
            (
                "（一）开展安全生产大排查。全覆盖。（二）整治隐患。",
                &[("（一）", "开展安全生产大排查"), ("（二）", "整治隐患")],
            ),
            (
                "(一)开展排查。(二)整治隐患。",
                &[("(一)", "开展排查"), ("(二)", "整治隐患")],
            ),
            (
                "一方面，持续深化改革。另一方面，扩大开放。",
                &[("一方面", "持续深化改革"), ("另一方面", "扩大开放")],
            ),
            (
                "首先，统一思想。其次，明确责任。最后，狠抓落实。",
                &[
                    ("首先", "统一思想"),
                    ("其次", "明确责任"),
                    ("最后", "狠抓落实"),
                ],
            ),
            (
                "一是聚焦能源革命，发力能源转型。积极谋划。",
                &[("一是", "聚焦能源革命，发力能源转型")],
            ),
            (
                "会议要求：一是压实责任；二是强化督查。",
                &[("一是", "压实责任"), ("二是", "强化督查")],
            ),
        ];
        for (para, want) in cases {
            let got = titles(&[para]);
            let want: Vec<_> = want.iter().map(|(m, ti)| t(m, ti, 0, 0)).collect();
            assert_eq!(got, want, "{para}");
        }
    }

    #[test]
    fn paragraph_start_styles() {
        let got = titles(&["1. 建成统一的共享平台。", "2、完善制度。", "3．强化考核。"]);
        assert_eq!(
            got,
            vec![
                t("1.", "建成统一的共享平台", 0, 0),
                t("2、", "完善制度", 1, 0),
                t("3．", "强化考核", 2, 0)
            ]
        );
        let got = titles(&["（1）摸清底数。", "（2）分类处置。"]);
        assert_eq!(
            got,
            vec![t("（1）", "摸清底数", 0, 0), t("（2）", "分类处置", 1, 0)]
        );
        let got = titles(&["①建台账。", "②定责任。"]);
        assert_eq!(got, vec![t("①", "建台账", 0, 0), t("②", "定责任", 1, 0)]);
        let got = titles(&["——坚持生态优先。要做好。", "——坚持绿色发展。"]);
        assert_eq!(
            got,
            vec![t("——", "坚持生态优先", 0, 0), t("——", "坚持绿色发展", 1, 0)]
        );
        // Paragraph-start styles do not count in mid-paragraph.
        assert!(titles(&["要求如下。1. 建成平台。2. 完善制度。"]).is_empty());
    }

    #[test]
    fn traps_are_not_items() {
        for para in [
            "要一体推进水资源管理。",
            "进一步提升行政效能。",
            "梳理汇总土地、能源等一揽子政策。",
            "规模跃居世界第二位。",
            "对标“三无”“三可”，构建体系。",
            "坚持“五个一”项目推进机制。",
            "三聚焦三发力推动能源转型。",
            "坚持一是一、二是二的作风。",
            "二是做好项目兴水。",
            "国内生产总值增长1.5万亿元。",
            "2023年新能源装机占比达到50%以上。",
            "第二次全会精神。",
        ] {
            assert_eq!(titles(&[para]), vec![], "{para}");
        }
    }

    #[test]
    fn series_continue_across_paragraphs_and_restart() {
        let got = titles(&["导语。一是甲。二是乙。", "三是丙。", "一是丁。二是戊。"]);
        assert_eq!(
            got,
            vec![
                t("一是", "甲", 0, 0),
                t("二是", "乙", 0, 0),
                t("三是", "丙", 1, 0),
                t("一是", "丁", 2, 0),
                t("二是", "戊", 2, 0)
            ]
        );
    }

    #[test]
    fn series_nest_under_headings() {
        let got = titles(&[
            "（一）使用分区",
            "1. 甲区。",
            "2. 乙区。",
            "（二）道路系统",
            "1. 主干路。",
        ]);
        assert_eq!(
            got,
            vec![
                t("（一）", "使用分区", 0, 0),
                t("1.", "甲区", 1, 1),
                t("2.", "乙区", 2, 1),
                t("（二）", "道路系统", 3, 0),
                t("1.", "主干路", 4, 1)
            ]
        );
        let got = titles(&[
            "（一）壮大实体经济。一要提质升级。二要培育新兴产业。",
            "（二）推进创新驱动。",
        ]);
        assert_eq!(
            got,
            vec![
                t("（一）", "壮大实体经济", 0, 0),
                t("一要", "提质升级", 0, 1),
                t("二要", "培育新兴产业", 0, 1),
                t("（二）", "推进创新驱动", 1, 0)
            ]
        );
    }

    #[test]
    fn item_text_runs_to_the_next_marker_of_its_series() {
        let paragraphs = [
            "导语。（一）壮大经济。一要提质。二要培育。（二）推进创新。总之，要落实。".to_owned(),
        ];
        let (found, _) = extract(&paragraphs.iter().collect());
        let texts: Vec<&str> = found
            .iter()
            .map(|f| &paragraphs[0][f.start..f.end])
            .collect();
        assert_eq!(
            texts,
            vec![
                "（一）壮大经济。一要提质。二要培育。",
                "一要提质。",
                "二要培育。",
                "（二）推进创新。总之，要落实。"
            ]
        );
    }

    #[test]
    fn gaps_are_warned_and_kept() {
        let paragraphs = ["一是甲。三是丙。".to_owned()];
        let (found, warnings) = extract(&paragraphs.iter().collect());
        assert_eq!(found.len(), 2);
        assert_eq!(warnings, vec!["series 一是…三是 skips 二是"]);
    }

    #[test]
    fn theses_are_inferred_when_nothing_is_enumerated() {
        let paragraphs = [
            "学什么？怎么学？我们必须聚焦目标。".to_owned(),
            "转型必须靠创新。在开发区全覆盖。".to_owned(),
            "创新必须靠项目。要高质量包装项目。".to_owned(),
        ];
        let got = extract(&paragraphs.iter().collect()).0;
        let titles: Vec<(&str, bool)> = got
            .iter()
            .map(|f| (&paragraphs[f.paragraph][f.title.clone()], f.inferred))
            .collect();
        assert_eq!(
            titles,
            vec![("转型必须靠创新", true), ("创新必须靠项目", true)]
        );
        // One thesis alone is not a pattern.
        assert!(
            extract(&Paragraphs::from(vec![
                "转型必须靠创新。正文。",
                "正文很长很长的一句话，没有论点。"
            ]))
            .0
            .is_empty()
        );
    }

    #[test]
    fn labels_for_warnings() {
        assert_eq!(Style::Shi.label(12), "十二是");
        assert_eq!(Style::ParenHan.label(3), "（三）");
        assert_eq!(Style::Ordinal.label(2), "第二");
    }
}
