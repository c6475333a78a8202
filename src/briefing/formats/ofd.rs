//! Reading .ofd (not written yet).

use super::Extracted;

/// Reads the document's text; the error is a sentence for the user.
pub fn read(_bytes: &[u8]) -> Result<Extracted, String> {
    Err("brief does not read this format yet: save it as plain text (.txt) to open it".into())
}
