//! Checks shared by the parsing targets.

use brief::briefing::Briefing;

/// What must hold of any briefing the parser returns: every item's span is a
/// char-aligned byte range of the paragraph it names. An item listed by hand
/// in TOML that is not found in the text has the empty span `0..0` (its
/// paragraph index is then meaningless and may name no paragraph).
pub fn check_briefing(b: &Briefing) {
    for (s, section) in b.sections.iter().enumerate() {
        for (k, item) in section.items.iter().enumerate() {
            let span = &item.span();
            assert!(
                span.start <= span.end,
                "section {s} item {k}: reversed span {span:?}"
            );
            let Some(para) = section.paragraphs.get(item.paragraph()) else {
                assert!(
                    span.is_empty(),
                    "section {s} item {k}: span {span:?} in paragraph {} of {}",
                    item.paragraph(),
                    section.paragraphs.len()
                );
                continue;
            };
            assert!(
                span.end <= para.len(),
                "section {s} item {k}: span {span:?} past the end of paragraph {} ({} bytes)",
                item.paragraph(),
                para.len()
            );
            assert!(
                para.is_char_boundary(span.start) && para.is_char_boundary(span.end),
                "section {s} item {k}: span {span:?} cuts a char in paragraph {}",
                item.paragraph()
            );
            // Its words are ranges of that paragraph too: reading them must not panic.
            let paragraphs = &section.paragraphs;
            let _ = (
                item.marker(paragraphs),
                item.title(paragraphs),
                item.text(paragraphs),
            );
        }
    }
}
