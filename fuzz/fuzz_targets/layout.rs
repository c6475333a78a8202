//! CJK line layout: the first byte picks the width, the second the options, the
//! rest is the paragraph.
#![no_main]

use brief::layout::{Ambiguous, Options, layout, str_width};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

/// What layout may drop at a line break: spaces and the newlines of hard breaks.
fn droppable(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fuzz_target!(|data: &[u8]| {
    let [w, flags, rest @ ..] = data else {
        return;
    };
    let width = 1 + usize::from(*w) % 200;
    let opts = Options {
        width,
        ambiguous: if flags & 1 == 0 {
            Ambiguous::Narrow
        } else {
            Ambiguous::Wide
        },
        hang: flags & 2 != 0,
        first_indent: usize::from(flags >> 2) % 9,
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let lines = layout(text, &opts);
    assert!(!lines.is_empty(), "no line at all");

    // Same reasoning as tests/layout_props.rs: a line is at most `width` wide,
    // `width + 2` when punctuation may hang into the gutter, unless it holds a
    // single cluster too wide for the line.
    let limit = if opts.hang { width + 2 } else { width };
    let mut at = 0;
    for (n, l) in lines.iter().enumerate() {
        let r = l.range.clone();
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "line {n}: range {r:?} outside the text ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "line {n}: range {r:?} cuts a char"
        );
        assert!(
            r.start >= at,
            "line {n}: range {r:?} overlaps or precedes the previous line (ended at {at})"
        );
        let gap = &text[at..r.start];
        assert!(
            gap.chars().all(droppable),
            "line {n}: text lost before it: {gap:?}"
        );
        at = r.end;

        let shown = &text[r.clone()];
        assert_eq!(
            l.width,
            l.indent + str_width(shown, opts.ambiguous),
            "line {n}: reported width is not indent + measured width of {shown:?}"
        );
        assert!(
            l.width <= limit || shown.graphemes(true).count() == 1,
            "line {n}: {shown:?} is {} columns, more than {limit} (width {width})",
            l.width
        );
        if n > 0 {
            assert_eq!(l.indent, 0, "line {n}: only the first line is indented");
        }
    }
    let tail = &text[at..];
    assert!(tail.chars().all(droppable), "text lost at the end: {tail:?}");
});
