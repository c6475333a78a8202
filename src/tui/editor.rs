//! Editing a note: insertion at a caret that moves by grapheme, lines by display
//! column. Plain functions on the editor's text, tested without a terminal.

use unicode_segmentation::UnicodeSegmentation;

use super::state::Editor;
use crate::layout::{Ambiguous, str_width};

/// A key as the note editor understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextInput {
    Insert(String),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    Save,
    Cancel,
    /// Continue in `$EDITOR`.
    External,
}

impl Editor {
    pub fn changed(&self) -> bool {
        self.text != self.original
    }

    pub fn insert(&mut self, s: &str) {
        // Pasted text may carry CR line ends and tabs.
        let clean: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
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

    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.caret, "");
        self.caret = start;
    }

    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.caret..end, "");
    }

    pub fn left(&mut self) {
        self.caret = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.caret = self.next_boundary();
    }

    fn line_start(&self) -> usize {
        self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.caret..]
            .find('\n')
            .map_or(self.text.len(), |i| self.caret + i)
    }

    pub fn home(&mut self) {
        self.caret = self.line_start();
    }

    pub fn end(&mut self) {
        self.caret = self.line_end();
    }

    /// Moves to the previous (`up`) or next line at the same display column.
    pub fn vertical(&mut self, up: bool, amb: Ambiguous) {
        let start = self.line_start();
        let column = str_width(&self.text[start..self.caret], amb);
        let target_start = if up {
            if start == 0 {
                self.caret = 0;
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
        } else {
            let end = self.line_end();
            if end == self.text.len() {
                self.caret = end;
                return;
            }
            end + 1
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::NoteTarget;

    fn editor(text: &str) -> Editor {
        Editor {
            target: NoteTarget::Section { b: 0, s: 0 },
            title: String::new(),
            text: text.into(),
            caret: text.len(),
            original: text.into(),
            confirm_discard: false,
        }
    }

    #[test]
    fn the_caret_moves_by_grapheme() {
        let mut e = editor("张科长👨\u{200d}👩\u{200d}👧牵头");
        e.left();
        e.left();
        e.left();
        e.backspace();
        assert_eq!(
            e.text,
            "张科牵头".replace("牵头", "👨\u{200d}👩\u{200d}👧牵头")
        );
        e.insert("长");
        assert_eq!(e.text, "张科长👨\u{200d}👩\u{200d}👧牵头");
        e.delete();
        assert_eq!(e.text, "张科长牵头");
        assert!(e.changed() || e.text == e.original);
    }

    #[test]
    fn lines_and_columns() {
        let mut e = editor("第一行很长\nab\n第三行");
        e.home();
        assert_eq!(&e.text[e.caret..], "第三行");
        e.right();
        e.vertical(true, Ambiguous::Narrow);
        // Column 2 on "ab" is after "ab".
        assert_eq!(&e.text[e.caret..], "\n第三行");
        e.vertical(true, Ambiguous::Narrow);
        assert_eq!(&e.text[e.caret..], "一行很长\nab\n第三行");
        e.vertical(false, Ambiguous::Narrow);
        e.vertical(false, Ambiguous::Narrow);
        e.end();
        assert_eq!(e.caret, e.text.len());
    }

    #[test]
    fn pasted_text_is_cleaned() {
        let mut e = editor("");
        e.insert("甲\r\n乙\t丙\u{7}");
        assert_eq!(e.text, "甲\n乙 丙");
    }
}
