//! A section's paragraphs, kept as one text and the places it is cut.
//!
//! A year's library holds some forty thousand paragraphs. As strings of
//! their own, each took a 24-byte header and an allocation rounded up to
//! the allocator's size class (a tenth more than the text, on average). One
//! text a section, cut at 4-byte ends, keeps a copy of the words and little
//! else, and every place that reads a paragraph borrows it from there. The
//! section's labels (headline, department, position, person) follow its
//! paragraphs in the same text, for the same reason: as four boxed strings
//! they were four allocations and 64 bytes of pointers a section.

use std::fmt;
use std::ops::{Index, Range};

use serde::Serialize;
use thin_vec::ThinVec;

/// One of a section's labels, kept after its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Headline,
    Department,
    Position,
    Person,
}

/// How many labels a section has room for.
const LABELS: usize = 4;

/// The bit of a label's end that says the label is there (an absent label
/// and an empty one differ).
const PRESENT: u32 = 1 << 31;

/// The paragraphs of a section, in order, and its labels.
#[derive(Clone, Default)]
pub struct Paragraphs {
    /// Every paragraph, one after another, then the labels.
    text: Box<str>,
    /// Where each paragraph ends in `text` (the next one starts there), then
    /// where each label ends, with [`PRESENT`] set when it is there. Empty
    /// for no paragraphs and no labels, else `LABELS` longer than the
    /// paragraphs.
    ends: ThinVec<u32>,
}

impl Paragraphs {
    /// No paragraphs.
    pub fn new() -> Paragraphs {
        Paragraphs::default()
    }

    pub fn len(&self) -> usize {
        self.ends.len().saturating_sub(LABELS)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The section's label `label`, if it has one.
    pub fn label(&self, label: Label) -> Option<&str> {
        let k = self.len() + label as usize;
        let end = *self.ends.get(k)?;
        if end & PRESENT == 0 {
            return None;
        }
        let start = match k {
            0 => 0,
            _ => self.ends[k - 1] & !PRESENT,
        };
        Some(&self.text[start as usize..(end & !PRESENT) as usize])
    }

    /// The four labels, in [`Label`]'s order.
    fn labels(&self) -> [Option<&str>; LABELS] {
        [
            Label::Headline,
            Label::Department,
            Label::Position,
            Label::Person,
        ]
        .map(|l| self.label(l))
    }

    /// The same paragraphs with label `label` set to `value` (the text is
    /// made again: for a section built by hand, not for a parser).
    pub fn set_label(&mut self, label: Label, value: Option<&str>) {
        let mut labels = self.labels().map(|l| l.map(str::to_owned));
        labels[label as usize] = value.map(str::to_owned);
        let mut b = Builder::default();
        for p in self.iter() {
            b.push(p);
        }
        *self = b.finish_with_labels(labels.each_ref().map(Option::as_deref));
    }

    /// Paragraph `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.range(i).map(|r| &self.text[r])
    }

    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&str> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every paragraph, one after another with nothing between.
    pub fn joined(&self) -> &str {
        let end = self.len().checked_sub(1).map_or(0, |i| self.ends[i]);
        &self.text[..end as usize]
    }

    /// The paragraphs in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            paragraphs: self,
            front: 0,
            back: self.len(),
        }
    }

    /// Paragraph `i`'s byte range in the section's text.
    fn range(&self, i: usize) -> Option<Range<usize>> {
        if i >= self.len() {
            return None;
        }
        let end = self.ends[i] as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        Some(start..end)
    }
}

/// Builds a section's paragraphs one at a time.
#[derive(Default)]
pub struct Builder {
    text: String,
    ends: ThinVec<u32>,
}

impl Builder {
    /// Room for `paragraphs` paragraphs and the labels, of `bytes` bytes in
    /// all, so that the text is made at its size.
    pub fn with_capacity(paragraphs: usize, bytes: usize) -> Builder {
        Builder {
            text: String::with_capacity(bytes),
            ends: ThinVec::with_capacity(paragraphs + LABELS),
        }
    }

    /// Adds a paragraph after the others.
    pub fn push(&mut self, paragraph: &str) {
        self.text.push_str(paragraph);
        self.ends.push(self.end());
    }

    /// Where the text ends so far.
    fn end(&self) -> u32 {
        u32::try_from(self.text.len())
            .ok()
            .filter(|&n| n < PRESENT)
            .expect("a section of less than 2 GB")
    }

    /// Adds `words` to the end of the last paragraph (a line that
    /// continues it). There must be one.
    pub fn extend_last(&mut self, words: &str) {
        assert!(!self.ends.is_empty(), "a paragraph to continue");
        self.text.push_str(words);
        let end = self.end();
        if let Some(last) = self.ends.last_mut() {
            *last = end;
        }
    }

    /// The last paragraph so far, if any.
    pub fn last(&self) -> Option<&str> {
        let n = self.ends.len();
        let start = match n {
            0 => return None,
            1 => 0,
            _ => self.ends[n - 2] as usize,
        };
        Some(&self.text[start..])
    }

    /// The paragraphs, with no labels.
    pub fn finish(self) -> Paragraphs {
        self.finish_with_labels([None; LABELS])
    }

    /// The paragraphs and the section's headline, department, position
    /// and person (room for them is best counted in `with_capacity`).
    pub fn finish_with_labels(mut self, labels: [Option<&str>; LABELS]) -> Paragraphs {
        if self.ends.is_empty() && labels.iter().all(Option::is_none) {
            return Paragraphs::default();
        }
        for label in labels {
            self.text.push_str(label.unwrap_or(""));
            let end = self.end();
            self.ends
                .push(if label.is_some() { end | PRESENT } else { end });
        }
        self.ends.shrink_to_fit();
        Paragraphs {
            text: self.text.into_boxed_str(),
            ends: self.ends,
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Paragraphs {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Paragraphs {
        let items: Vec<S> = iter.into_iter().collect();
        let bytes = items.iter().map(|p| p.as_ref().len()).sum();
        let mut b = Builder::with_capacity(items.len(), bytes);
        for p in &items {
            b.push(p.as_ref());
        }
        b.finish()
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Paragraphs {
    fn from(v: Vec<S>) -> Paragraphs {
        v.into_iter().collect()
    }
}

impl Index<usize> for Paragraphs {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(p) => p,
            None => panic!("paragraph {i} of {}", self.len()),
        }
    }
}

/// The paragraphs of a [`Paragraphs`], in order.
#[derive(Clone)]
pub struct Iter<'a> {
    paragraphs: &'a Paragraphs,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        self.paragraphs.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.paragraphs.get(self.back)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Paragraphs {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Written as the list of strings it holds (the JSON contract's
/// `paragraphs`).
impl Serialize for Paragraphs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl PartialEq for Paragraphs {
    fn eq(&self, other: &Paragraphs) -> bool {
        self.iter().eq(other.iter()) && self.labels() == other.labels()
    }
}

impl Eq for Paragraphs {}

impl<S: AsRef<str>> PartialEq<[S]> for Paragraphs {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Paragraphs {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Paragraphs {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_paragraph_is_read_back_as_pushed() {
        let words = ["一是净化盐湖。", "", "二是洒扫门庭。", "x"];
        let p: Paragraphs = words.iter().collect();
        assert_eq!(p.len(), 4);
        assert_eq!(p, words);
        assert_eq!(
            p.iter().rev().collect::<Vec<_>>(),
            ["x", "二是洒扫门庭。", "", "一是净化盐湖。"]
        );
        assert_eq!((p.first(), p.last()), (Some("一是净化盐湖。"), Some("x")));
        assert_eq!(&p[2], "二是洒扫门庭。");
        assert_eq!(p.joined(), words.concat());
        assert_eq!(p.get(4), None);
        assert_eq!(format!("{p:?}"), format!("{words:?}"));
        assert_eq!(
            serde_json::to_string(&p).expect("JSON"),
            serde_json::to_string(&words).expect("JSON")
        );
    }

    #[test]
    fn labels_follow_the_paragraphs() {
        let mut b = Builder::with_capacity(2, 64);
        b.push("一是净化盐湖。");
        b.push("二是洒扫门庭。");
        let mut p = b.finish_with_labels([Some("标题"), Some("市水务局"), Some(""), None]);
        assert_eq!(p, ["一是净化盐湖。", "二是洒扫门庭。"]);
        assert_eq!(p.joined(), "一是净化盐湖。二是洒扫门庭。");
        assert_eq!(p.label(Label::Headline), Some("标题"));
        assert_eq!(p.label(Label::Department), Some("市水务局"));
        assert_eq!(p.label(Label::Position), Some(""));
        assert_eq!(p.label(Label::Person), None);
        assert_eq!(p.get(2), None);
        p.set_label(Label::Person, Some("张三"));
        p.set_label(Label::Headline, None);
        assert_eq!(p, ["一是净化盐湖。", "二是洒扫门庭。"]);
        assert_eq!(p.label(Label::Person), Some("张三"));
        assert_eq!(p.label(Label::Headline), None);
        assert_eq!(p.label(Label::Department), Some("市水务局"));
    }

    #[test]
    fn labels_without_paragraphs() {
        let p = Builder::default().finish_with_labels([None, None, None, Some("李四")]);
        assert!(p.is_empty());
        assert_eq!(p.joined(), "");
        assert_eq!(p.label(Label::Person), Some("李四"));
        assert_ne!(p, Paragraphs::new());
    }

    #[test]
    fn none_at_all() {
        let p = Paragraphs::new();
        assert!(p.is_empty());
        assert_eq!((p.first(), p.last(), p.iter().next()), (None, None, None));
        assert_eq!(p, Vec::<String>::new());
    }
}
