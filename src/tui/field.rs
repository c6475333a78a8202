//! One text field for every prompt: the finder's query, the note editor, and
//! the filters to come. The caret is a byte offset that always sits on a
//! grapheme boundary; it moves by grapheme, by word (a run of Han characters,
//! of Latin letters and digits, or of other marks), by line and by display
//! column. Plain data, tested without a terminal.

use unicode_segmentation::UnicodeSegmentation;

use crate::briefing::chars::is_han;
use crate::layout::{Ambiguous, str_width};

/// Whether a field holds one line (a query) or many (a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lines {
    #[default]
    One,
    Many,
}

/// Up or down a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vertical {
    Up,
    Down,
}

/// What a key does to a text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Typed or pasted text (cleaned before it goes in).
    Insert(String),
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    /// Start and end of the line.
    Home,
    End,
    /// Delete the word before the caret (Ctrl-W).
    DeleteWord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    caret: usize,
    lines: Lines,
}

/// The kind of a grapheme, for word moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Han,
    Word,
    Mark,
}

fn class(g: &str) -> Class {
    let c = g.chars().next().unwrap_or(' ');
    if c.is_whitespace() {
        Class::Space
    } else if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Mark
    }
}

/// Bytes taken by the spaces and then the one word at the front of
/// `graphemes` (read in either direction).
fn word_length<'a>(graphemes: impl Iterator<Item = &'a str>) -> usize {
    let mut bytes = 0;
    let mut word: Option<Class> = None;
    for g in graphemes {
        let c = class(g);
        match word {
            None if c == Class::Space => {}
            None => word = Some(c),
            Some(w) if w != c => break,
            Some(_) => {}
        }
        bytes += g.len();
    }
    bytes
}

impl TextField {
    /// A field holding `text`, the caret at its end.
    pub fn new(text: &str, lines: Lines) -> TextField {
        let mut f = TextField {
            text: String::new(),
            caret: 0,
            lines,
        };
        f.insert(text);
        f
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret's byte offset in the text.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Replaces the whole text; the caret goes to its end.
    pub fn set(&mut self, text: &str) {
        self.text.clear();
        self.caret = 0;
        self.insert(text);
    }

    /// Applies an edit; returns whether the text changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Insert(s) => self.insert(s),
            Edit::Backspace => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.caret, "");
                self.caret = start;
            }
            Edit::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.caret..end, "");
            }
            Edit::Left => self.caret = self.prev_boundary(),
            Edit::Right => self.caret = self.next_boundary(),
            Edit::WordLeft => self.caret = self.word_start(),
            Edit::WordRight => self.caret = self.word_end(),
            Edit::Home => self.caret = self.line_start(),
            Edit::End => self.caret = self.line_end(),
            Edit::DeleteWord => {
                let start = self.word_start();
                self.text.replace_range(start..self.caret, "");
                self.caret = start;
            }
        }
        // Every edit that changes the text changes its length.
        self.text.len() != before
    }

    /// Inserts text at the caret. Pasted text may carry CR line ends, tabs and
    /// control characters: line ends become `\n` (a space in a one-line field),
    /// tabs spaces, and controls are dropped.
    pub fn insert(&mut self, s: &str) {
        let one_line = self.lines == Lines::One;
        let clean: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' if one_line => ' ',
                c => c,
            })
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        self.text.insert_str(self.caret, &clean);
        self.caret += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map_or(self.caret, |g| self.caret + g.len())
    }

    /// The start of the word before the caret (spaces before it skipped).
    fn word_start(&self) -> usize {
        let before = &self.text[..self.caret];
        let taken = word_length(before.graphemes(true).rev());
        self.caret - taken
    }

    /// The end of the word after the caret (spaces before it skipped).
    fn word_end(&self) -> usize {
        self.caret + word_length(self.text[self.caret..].graphemes(true))
    }

    fn line_start(&self) -> usize {
        self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.caret..]
            .find('\n')
            .map_or(self.text.len(), |i| self.caret + i)
    }

    /// Moves to the line above or below at the same display column (to the
    /// text's start or end from the first or last line).
    pub fn vertical(&mut self, direction: Vertical, amb: Ambiguous) {
        let start = self.line_start();
        let column = str_width(&self.text[start..self.caret], amb);
        let target_start = match direction {
            Vertical::Up if start == 0 => {
                self.caret = 0;
                return;
            }
            Vertical::Up => self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1),
            Vertical::Down => {
                let end = self.line_end();
                if end == self.text.len() {
                    self.caret = end;
                    return;
                }
                end + 1
            }
        };
        let line_end = self.text[target_start..]
            .find('\n')
            .map_or(self.text.len(), |i| target_start + i);
        let mut at = target_start;
        let mut used = 0;
        for (i, g) in self.text[target_start..line_end].grapheme_indices(true) {
            let w = str_width(g, amb);
            if used + w > column {
                break;
            }
            used += w;
            at = target_start + i + g.len();
        }
        self.caret = at;
    }

    /// The display column of the caret in a one-line field.
    pub fn caret_column(&self, amb: Ambiguous) -> usize {
        str_width(&self.text[self.line_start()..self.caret], amb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextField {
        TextField::new(text, Lines::Many)
    }

    #[test]
    fn the_caret_moves_by_grapheme() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let mut f = field(&format!("张科长{family}牵头"));
        for _ in 0..3 {
            f.apply(&Edit::Left);
        }
        f.apply(&Edit::Backspace);
        assert_eq!(f.text(), format!("张科{family}牵头"));
        f.apply(&Edit::Insert("长".into()));
        f.apply(&Edit::Delete);
        assert_eq!(f.text(), "张科长牵头");
        assert!(!f.apply(&Edit::Right) || f.text() == "张科长牵头");
    }

    #[test]
    fn words_are_runs_of_han_of_latin_or_of_marks() {
        let mut f = field("推进 AA+信用评级，月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(&f.text()[f.caret()..], "月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(&f.text()[f.caret()..], "，月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(&f.text()[f.caret()..], "信用评级，月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(&f.text()[f.caret()..], "+信用评级，月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(&f.text()[f.caret()..], "AA+信用评级，月底");
        f.apply(&Edit::WordLeft);
        assert_eq!(f.caret(), 0);
        f.apply(&Edit::WordRight);
        assert_eq!(&f.text()[..f.caret()], "推进");
        f.apply(&Edit::WordRight);
        assert_eq!(&f.text()[..f.caret()], "推进 AA");
        f.apply(&Edit::End);
        f.apply(&Edit::DeleteWord);
        assert_eq!(f.text(), "推进 AA+信用评级，");
    }

    #[test]
    fn lines_and_columns() {
        let mut f = field("第一行很长\nab\n第三行");
        f.apply(&Edit::Home);
        assert_eq!(&f.text()[f.caret()..], "第三行");
        f.apply(&Edit::Right);
        f.vertical(Vertical::Up, Ambiguous::Narrow);
        // Column 2 on "ab" is after "ab".
        assert_eq!(&f.text()[f.caret()..], "\n第三行");
        f.vertical(Vertical::Up, Ambiguous::Narrow);
        assert_eq!(&f.text()[f.caret()..], "一行很长\nab\n第三行");
        f.vertical(Vertical::Down, Ambiguous::Narrow);
        f.vertical(Vertical::Down, Ambiguous::Narrow);
        f.apply(&Edit::End);
        assert_eq!(f.caret(), f.text().len());
    }

    #[test]
    fn pasted_text_is_cleaned_for_the_kind_of_field() {
        let mut note = field("");
        note.insert("甲\r\n乙\t丙\u{7}");
        assert_eq!(note.text(), "甲\n乙 丙");
        let mut query = TextField::new("", Lines::One);
        query.insert("净化\r\n盐湖\u{1b}");
        assert_eq!(query.text(), "净化 盐湖");
        assert_eq!(query.caret_column(Ambiguous::Narrow), 9);
    }
}
