//! Property tests of the layout engine over random mixes of Chinese and Latin text.

use brief::layout::{Ambiguous, Line, Options, RULES, break_opportunities, layout, str_width};
use proptest::prelude::*;

/// Pieces text is built from; the units that must not be split are marked.
fn token() -> impl Strategy<Value = (String, bool)> {
    let han = prop::sample::select(vec![
        "经", "审", "慎", "评", "估", "决", "定", "维", "持", "级", "运", "城", "𠀀",
    ]);
    let punct = prop::sample::select(vec![
        "，", "。", "、", "：", "；", "？", "！", "“", "”", "《", "》", "（", "）", "【", "】",
        "·", "％",
    ]);
    let ascii = prop::sample::select(vec![",", ".", ":", "(", ")", "[", "]", "!", "?", "-", "/"]);
    let words = prop::sample::select(vec!["brief", "AA+", "5G", "AI+", "Rust", "x"]);
    let units = prop::sample::select(vec![
        "——",
        "……",
        "14.13",
        "1000亿元",
        "39个",
        "12.5%",
        "￥100",
        "0359-1234567",
        "2023年",
    ]);
    let misc = prop::sample::select(vec![
        " ",
        "\u{3000}",
        "“",
        "”",
        "…",
        "—",
        "①",
        "■",
        "℃",
        "‰",
        "👨\u{200d}👩\u{200d}👧",
        "😀",
        "e\u{301}",
    ]);
    prop_oneof![
        4 => han.prop_map(|s| (s.to_owned(), false)),
        2 => punct.prop_map(|s| (s.to_owned(), false)),
        1 => ascii.prop_map(|s| (s.to_owned(), false)),
        1 => words.prop_map(|s| (s.to_owned(), false)),
        1 => units.prop_map(|s| (s.to_owned(), true)),
        1 => misc.prop_map(|s| (s.to_owned(), false)),
    ]
}

fn text() -> impl Strategy<Value = (String, Vec<std::ops::Range<usize>>)> {
    prop::collection::vec(token(), 0..80).prop_map(|tokens| {
        let mut s = String::new();
        let mut units = Vec::new();
        for (t, unit) in tokens {
            if unit {
                // Fenced by Han so that neighbouring tokens do not extend the unit.
                s.push('经');
                units.push(s.len()..s.len() + t.len());
                s.push_str(&t);
                s.push('经');
            } else {
                s.push_str(&t);
            }
        }
        (s, units)
    })
}

fn ambiguous() -> impl Strategy<Value = Ambiguous> {
    prop_oneof![Just(Ambiguous::Narrow), Just(Ambiguous::Wide)]
}

fn clusters_in(text: &str, line: &Line) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text[line.range.clone()].graphemes(true).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn layout_invariants((text, units) in text(), width in 1usize..=120, amb in ambiguous(), hang in any::<bool>(), first_indent in 0usize..6) {
        let opts = Options { width, ambiguous: amb, hang, first_indent };
        let lines = layout(&text, &opts);
        let limit = if hang { width + 2 } else { width };

        // No line wider than the width (a lone cluster wider than the line aside).
        for l in &lines {
            let shown = str_width(&text[l.range.clone()], amb);
            prop_assert_eq!(l.width, l.indent + shown);
            prop_assert!(l.width <= limit || clusters_in(&text, l) == 1, "{:?} wider than {}", &text[l.range.clone()], width);
        }

        // The lines give back the input, less the spaces dropped at breaks.
        let mut at = 0;
        for l in &lines {
            prop_assert!(text[at..l.range.start].chars().all(|c| c == ' '), "lost {:?}", &text[at..l.range.start]);
            at = l.range.end;
        }
        prop_assert!(text[at..].chars().all(|c| c == ' '), "lost tail {:?}", &text[at..]);

        // Breaks are allowed ones, unless the line had none to offer.
        let breaks = break_opportunities(&text, amb);
        let allowed_at = |b: usize| breaks.iter().any(|&(s, ok)| s == b && ok);
        for pair in lines.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            if !allowed_at(next.range.start) {
                let inner = breaks.iter().any(|&(s, ok)| ok && s > prev.range.start && s <= prev.range.end);
                prop_assert!(!inner, "forced break at {} though the line could break earlier: {:?}", next.range.start, text);
            }
        }

        // Never-split units stay whole when they fit on a line.
        for u in &units {
            if str_width(&text[u.clone()], amb) <= width {
                for l in &lines[1..] {
                    prop_assert!(!(l.range.start > u.start && l.range.start < u.end), "split {:?} in {:?}", &text[u.clone()], text);
                }
            }
        }
    }

    #[test]
    fn break_rules_hold_everywhere((text, _) in text(), amb in ambiguous()) {
        let (no_start, no_end) = RULES;
        let breaks = break_opportunities(&text, amb);
        for (i, &(at, ok)) in breaks.iter().enumerate() {
            if !ok || i == 0 {
                continue;
            }
            let before = text[..at].chars().next_back().unwrap_or(' ');
            let after = text[at..].chars().next().unwrap_or(' ');
            prop_assert!(!no_start.contains(after), "break before {after:?} in {text:?}");
            prop_assert!(!no_end.contains(before), "break after {before:?} in {text:?}");
        }
    }
}
