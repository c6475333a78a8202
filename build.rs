//! Writes the pinyin table the search reads (`src/search/pinyin.rs`) as
//! static data, from the `pinyin` and `fast2s` crates: the readings of every
//! character of the CJK Unified Ideographs block (U+4E00..=U+9FFF), and its
//! simplified form. Built here, the table costs the running program no time
//! and no heap, and neither crate's own tables (tens of thousands of pointers,
//! each relocated when the program starts) are linked in.

use std::collections::HashMap;
use std::fmt::Write as _;

use pinyin::{Pinyin, ToPinyinMulti};

const BASIC: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The plain spellings of a character's readings, first seen first; ü is
/// typed v (lv) or u (lu), so a reading with ü counts twice.
fn readings_of(c: char) -> Vec<String> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for p in multi {
        let plain = Pinyin::plain(p);
        if plain.contains('ü') {
            push(plain.replace('ü', "v"));
            push(plain.replace('ü', "u"));
        } else {
            push(plain.to_owned());
        }
    }
    out
}

fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut sets: Vec<Vec<String>> = Vec::new();
    let mut ids: HashMap<Vec<String>, u16> = HashMap::new();
    let mut basic: Vec<u16> = Vec::new();
    let mut simplified: Vec<char> = Vec::new();
    for cp in BASIC {
        let c = char::from_u32(cp).unwrap_or(' ');
        let s = fast2s::convert(&c.to_string()).chars().next().unwrap_or(c);
        simplified.push(s);
        let readings = readings_of(s);
        if readings.is_empty() {
            basic.push(0);
            continue;
        }
        let id = *ids.entry(readings.clone()).or_insert_with(|| {
            sets.push(readings);
            u16::try_from(sets.len() - 1).expect("fewer than 65,535 sets of readings")
        });
        basic.push(id + 1);
    }
    let mut bigram = [false; 26 * 26];
    let mut initials = Vec::new();
    let mut letters = Vec::new();
    for set in &sets {
        let (mut first, mut all) = (0, 0);
        for s in set {
            let b = s.as_bytes();
            first |= b.first().map_or(0, |&x| letter_bit(x));
            all |= b.iter().fold(0, |m, &x| m | letter_bit(x));
            if let [x, y, ..] = b
                && x.is_ascii_lowercase()
                && y.is_ascii_lowercase()
            {
                bigram[usize::from(x - b'a') * 26 + usize::from(y - b'a')] = true;
            }
        }
        initials.push(first);
        letters.push(all);
    }

    let mut out = String::from("// Written by build.rs from the pinyin and fast2s crates.\n");
    let list = |out: &mut String, head: &str, items: &mut dyn Iterator<Item = String>| {
        let _ = write!(out, "{head} = [");
        for (k, item) in items.enumerate() {
            out.push_str(if k % 16 == 0 { "\n" } else { " " });
            out.push_str(&item);
            out.push(',');
        }
        out.push_str("\n];\n");
    };
    let n = sets.len();
    list(
        &mut out,
        &format!("pub(super) static BASIC_SETS: [u16; {}]", basic.len()),
        &mut basic.iter().map(u16::to_string),
    );
    list(
        &mut out,
        &format!("pub(super) static SIMPLIFIED: [char; {}]", simplified.len()),
        &mut simplified
            .iter()
            .map(|c| format!("'\\u{{{:x}}}'", u32::from(*c))),
    );
    // The sets without pointers (each would be relocated at start-up): the
    // syllables as one text cut at SYLLABLE_ENDS, each set a run of
    // MEMBERS cut at SET_ENDS.
    let mut syllables: Vec<&str> = sets.iter().flatten().map(String::as_str).collect();
    syllables.sort_unstable();
    syllables.dedup();
    let mut text = String::new();
    let mut ends = Vec::new();
    for s in &syllables {
        text.push_str(s);
        ends.push(text.len());
    }
    let _ = writeln!(out, "pub(super) static SYLLABLES: &str = {text:?};");
    list(
        &mut out,
        &format!("pub(super) static SYLLABLE_ENDS: [u16; {}]", ends.len()),
        &mut ends.iter().map(usize::to_string),
    );
    let mut members = Vec::new();
    let mut set_ends = Vec::new();
    for set in &sets {
        members.extend(set.iter().map(|s| {
            syllables
                .binary_search(&s.as_str())
                .expect("every reading is listed")
        }));
        set_ends.push(members.len());
    }
    list(
        &mut out,
        &format!("pub(super) static MEMBERS: [u16; {}]", members.len()),
        &mut members.iter().map(usize::to_string),
    );
    list(
        &mut out,
        &format!("pub(super) static SET_ENDS: [u16; {n}]"),
        &mut set_ends.iter().map(usize::to_string),
    );
    list(
        &mut out,
        &format!("pub(super) static SET_INITIALS: [u32; {n}]"),
        &mut initials.iter().map(|m| format!("{m:#x}")),
    );
    list(
        &mut out,
        &format!("pub(super) static SET_LETTERS: [u32; {n}]"),
        &mut letters.iter().map(|m| format!("{m:#x}")),
    );
    list(
        &mut out,
        "pub(super) static BIGRAM: [bool; 676]",
        &mut bigram.iter().map(bool::to_string),
    );
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&dir).join("pinyin_table.rs");
    std::fs::write(&path, out).expect("OUT_DIR is writable");
}
