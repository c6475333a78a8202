//! Reading Markdown pages (web pages saved as Markdown) (not written yet).

use super::Extracted;

/// The text of a Markdown page, its markup taken out.
pub fn read(text: &str) -> Extracted {
    Extracted {
        text: text.to_owned(),
        ..Extracted::default()
    }
}
