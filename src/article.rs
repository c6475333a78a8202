//! A section laid out for reading: headline, author line and paragraphs, wrapped
//! by the CJK layout engine. `brief show` prints it; the article pane draws it.
//! Lines keep byte ranges into their source so styles (item markers, the current
//! item, search hits) are applied when drawing, not baked into the layout.

use std::ops::Range;

use crate::briefing::{Item, Section};
use crate::layout::{self, Options};

/// Columns of the first-line indentation: two full-width spaces.
pub const INDENT: usize = 4;
/// Columns before a note under its paragraph.
pub const NOTE_INDENT: usize = 6;

/// Where a line's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Blank,
    Headline,
    Author,
    Paragraph(usize),
    /// The note of an item, shown under its paragraph; indexes `Article::notes`.
    Note(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLine {
    pub source: Source,
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Blank columns before the text.
    pub indent: usize,
    pub width: usize,
}

/// A section laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub width: usize,
    pub headline: String,
    pub author: String,
    /// Notes shown in the text, with the index of their item.
    pub notes: Vec<(usize, String)>,
    pub lines: Vec<ArticleLine>,
    /// For each paragraph, the indices of its items, in order.
    pub items: Vec<Vec<usize>>,
    /// For each paragraph, the byte ranges of its item markers.
    pub markers: Vec<Vec<Range<usize>>>,
}

impl Article {
    /// Lays out a section. `opts.width` is the text width; `first_indent` is
    /// ignored (paragraphs get [`INDENT`]).
    pub fn new(section: &Section, opts: &Options) -> Self {
        Article::with_notes(section, opts, &[])
    }

    /// Lays out a section with item notes (item index, note) shown under the
    /// paragraph of their item.
    pub fn with_notes(section: &Section, opts: &Options, notes: &[(usize, String)]) -> Self {
        let headline = section.headline().unwrap_or_default().to_owned();
        let author = author_line(section);
        let mut lines = Vec::new();
        let plain = Options {
            first_indent: 0,
            hang: false,
            ..*opts
        };
        let push_block = |text: &str, source: Source, o: &Options, lines: &mut Vec<ArticleLine>| {
            for l in layout::layout(text, o) {
                lines.push(ArticleLine {
                    source,
                    range: l.range,
                    indent: l.indent,
                    width: l.width,
                });
            }
        };
        if !headline.is_empty() {
            push_block(&headline, Source::Headline, &plain, &mut lines);
        }
        if !author.is_empty() {
            push_block(&author, Source::Author, &plain, &mut lines);
        }
        let para_opts = Options {
            first_indent: INDENT,
            ..*opts
        };
        let paragraphs = section.paragraphs.len();
        let mut items = vec![Vec::new(); paragraphs];
        for (i, item) in section.items.iter().enumerate() {
            if let Some(list) = items.get_mut(item.paragraph()) {
                list.push(i);
            }
        }
        let mut notes_of = vec![Vec::new(); paragraphs];
        for (k, (item, _)) in notes.iter().enumerate() {
            if let Some(list) = section
                .items
                .get(*item)
                .and_then(|i| notes_of.get_mut(i.paragraph()))
            {
                list.push(k);
            }
        }
        let note_opts = Options {
            width: opts.width.saturating_sub(NOTE_INDENT).max(1),
            first_indent: 0,
            hang: false,
            ..*opts
        };
        for (p, text) in section.paragraphs.iter().enumerate() {
            if !lines.is_empty() {
                lines.push(blank());
            }
            push_block(text, Source::Paragraph(p), &para_opts, &mut lines);
            for &k in &notes_of[p] {
                let note = &notes[k].1;
                {
                    for l in layout::layout(note, &note_opts) {
                        lines.push(ArticleLine {
                            source: Source::Note(k),
                            range: l.range,
                            indent: NOTE_INDENT,
                            width: l.width + NOTE_INDENT,
                        });
                    }
                }
            }
        }
        let markers = items
            .iter()
            .enumerate()
            .map(|(p, list)| markers_in(section, p, list))
            .collect();
        Article {
            width: opts.width,
            headline,
            author,
            notes: notes.to_vec(),
            lines,
            items,
            markers,
        }
    }

    /// The text a line shows.
    pub fn text<'a>(&'a self, section: &'a Section, line: &ArticleLine) -> &'a str {
        let src: &str = match line.source {
            Source::Blank => "",
            Source::Headline => &self.headline,
            Source::Author => &self.author,
            Source::Paragraph(p) => section.paragraphs.get(p).unwrap_or(""),
            Source::Note(k) => self.notes.get(k).map_or("", |(_, n)| n.as_str()),
        };
        src.get(line.range.clone()).unwrap_or("")
    }

    /// The first line showing byte `at` of paragraph `p`.
    pub fn line_of(&self, p: usize, at: usize) -> Option<usize> {
        self.lines.iter().position(|l| {
            l.source == Source::Paragraph(p) && (l.range.contains(&at) || l.range.end == at)
        })
    }

    /// The lines an item covers.
    pub fn item_lines(&self, item: &Item) -> Range<usize> {
        let first = self
            .line_of(item.paragraph(), item.span().start)
            .unwrap_or(0);
        let last = self
            .line_of(item.paragraph(), item.span().end.saturating_sub(1))
            .unwrap_or(first);
        first..last + 1
    }
}

fn blank() -> ArticleLine {
    ArticleLine {
        source: Source::Blank,
        range: 0..0,
        indent: 0,
        width: 0,
    }
}

/// The author line as it was printed: organisation and positions, a space, the
/// person.
pub fn author_line(section: &Section) -> String {
    let head = format!(
        "{}{}",
        section.department().unwrap_or(""),
        section.position().unwrap_or("")
    );
    match section.person() {
        Some(person) if !head.is_empty() => format!("{head} {person}"),
        Some(person) => person.to_string(),
        None => head,
    }
}

/// Byte ranges of the item markers in a paragraph.
/// Items listed by hand in TOML have a numbering marker that is not in the text.
pub fn marker_spans(section: &Section, p: usize) -> Vec<Range<usize>> {
    let of_paragraph: Vec<usize> = (0..section.items.len())
        .filter(|&i| section.items[i].paragraph() == p)
        .collect();
    markers_in(section, p, &of_paragraph)
}

/// The marker ranges of the items `indices` of paragraph `p`.
fn markers_in(section: &Section, p: usize, indices: &[usize]) -> Vec<Range<usize>> {
    let Some(paragraph) = section.paragraphs.get(p) else {
        return Vec::new();
    };
    indices
        .iter()
        .map(|&i| &section.items[i])
        .filter_map(|i| {
            let marker = i.marker(&section.paragraphs);
            let start = i.span().start;
            (!marker.is_empty()
                && paragraph
                    .get(start..)
                    .is_some_and(|t| t.starts_with(marker)))
            .then(|| start..start + marker.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_text;

    fn sample() -> Section {
        let b = parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局党组书记、局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n\n三是缤纷色彩。\n",
        );
        b.sections[0].clone()
    }

    #[test]
    fn headline_author_and_indented_paragraphs() {
        let s = sample();
        let a = Article::new(&s, &Options::new(20));
        let shown: Vec<String> = a
            .lines
            .iter()
            .map(|l| format!("{}{}", " ".repeat(l.indent), a.text(&s, l)))
            .collect();
        assert_eq!(
            shown,
            [
                "珍惜发展机遇 推进城",
                "市建设",
                "市城市管理局党组书",
                "记、局长 赵高堂",
                "",
                "    导语。一是净化盐",
                "湖。二是洒扫门庭。",
                "",
                "    三是缤纷色彩。",
            ]
        );
        assert!(a.lines.iter().all(|l| l.width <= 20));
    }

    #[test]
    fn items_map_to_lines_and_markers_to_spans() {
        let s = sample();
        let a = Article::new(&s, &Options::new(20));
        assert_eq!(a.item_lines(&s.items[1]), 6..7);
        assert_eq!(a.item_lines(&s.items[2]), 8..9);
        let p0 = &s.paragraphs[0];
        let spans: Vec<&str> = marker_spans(&s, 0).into_iter().map(|r| &p0[r]).collect();
        assert_eq!(spans, ["一是", "二是"]);
    }

    #[test]
    fn notes_show_under_their_paragraph() {
        let s = sample();
        let a = Article::with_notes(&s, &Options::new(20), &[(1, "已安排专人\n本周完成".into())]);
        let notes: Vec<(usize, &str)> = a
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l.source, Source::Note(_)))
            .map(|(i, l)| (i, a.text(&s, l)))
            .collect();
        assert_eq!(notes, [(7, "已安排专人"), (8, "本周完成")]);
        assert!(a.lines.iter().all(|l| l.width <= 20));
    }
}
