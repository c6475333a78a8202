//! A section's paragraphs, kept as one text and the places it is cut.
//!
//! A year's library holds some forty thousand paragraphs. As strings of
//! their own, each took a 24-byte header and an allocation rounded up to
//! the allocator's size class (a tenth more than the text, on average). One
//! text a section, cut at 4-byte ends, keeps a copy of the words and little
//! else, and every place that reads a paragraph borrows it from there.

use std::fmt;
use std::ops::{Index, Range};

use serde::Serialize;
use thin_vec::ThinVec;

/// The paragraphs of a section, in order.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    /// Every paragraph, one after another.
    text: Box<str>,
    /// Where each paragraph ends in `text`; the next one starts there.
    ends: ThinVec<u32>,
}

impl Paragraphs {
    /// No paragraphs.
    pub fn new() -> Paragraphs {
        Paragraphs::default()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
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
        &self.text
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
        let end = *self.ends.get(i)? as usize;
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
    /// Room for `paragraphs` paragraphs of `bytes` bytes in all, so that the
    /// text is made at its size.
    pub fn with_capacity(paragraphs: usize, bytes: usize) -> Builder {
        Builder {
            text: String::with_capacity(bytes),
            ends: ThinVec::with_capacity(paragraphs),
        }
    }

    /// Adds a paragraph after the others.
    pub fn push(&mut self, paragraph: &str) {
        self.text.push_str(paragraph);
        let end = u32::try_from(self.text.len()).expect("a section of less than 4 GB");
        self.ends.push(end);
    }

    /// Adds `words` to the end of the last paragraph (a line that
    /// continues it). There must be one.
    pub fn extend_last(&mut self, words: &str) {
        let last = self.ends.last_mut().expect("a paragraph to continue");
        self.text.push_str(words);
        *last = u32::try_from(self.text.len()).expect("a section of less than 4 GB");
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

    pub fn finish(mut self) -> Paragraphs {
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
    fn none_at_all() {
        let p = Paragraphs::new();
        assert!(p.is_empty());
        assert_eq!((p.first(), p.last(), p.iter().next()), (None, None, None));
        assert_eq!(p, Vec::<String>::new());
    }
}
