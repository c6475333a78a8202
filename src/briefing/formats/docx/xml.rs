//! Small helpers over quick-xml for the parts of a .docx.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;

/// An element's name without the `w:` prefix (`WordprocessingML`'s own
/// elements); other prefixes are kept (`mc:Fallback`, `m:t`).
pub fn name_of(qname: &str) -> &str {
    qname.strip_prefix("w:").unwrap_or(qname)
}

/// An attribute's value by its local name (`w:val` → `val`), entities and
/// character references resolved (the predefined ones only).
pub fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// A part that is not well-formed XML, with the place: byte offset, line
/// and column.
pub fn parse_error(
    part: &str,
    xml: &str,
    reader: &quick_xml::Reader<&[u8]>,
    error: &quick_xml::Error,
) -> String {
    let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
    format!(
        "{part} is not well-formed XML {} ({error})",
        position(xml, at)
    )
}

/// `at byte N (line L, column C)`, the column counted in characters.
pub fn position(xml: &str, at: usize) -> String {
    let mut end = at.min(xml.len());
    while !xml.is_char_boundary(end) {
        end -= 1;
    }
    let before = &xml[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("at byte {at} (line {line}, column {column})")
}
