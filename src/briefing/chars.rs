//! Character classes and small text helpers shared by the parsers.

/// CJK ideographs (unified, extensions and compatibility) and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// ASCII white space, the ideographic space U+3000 and the no-break space.
pub fn is_space(c: char) -> bool {
    c == '\u{3000}' || c == '\u{a0}' || c.is_ascii_whitespace()
}

/// Punctuation that ends a sentence (FORMAT.md: 。！？；：…… ).
pub fn is_sentence_final(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':' | '．'
    )
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// Does the text end a sentence: sentence-final punctuation, optionally followed by
/// closing quotes or brackets?
pub fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(is_space).trim_end_matches(is_closing);
    trimmed.ends_with(is_sentence_final)
}

/// Punctuation that marks a line as running text rather than a heading.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '！' | '？' | ',' | ';' | '!' | '?')
}

/// The value of a Chinese numeral from 一 to 九十九 (also 〇, 两, and the formal
/// 壹…拾 forms), or `None`.
pub fn chinese_number(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壹' => 1,
            '二' | '贰' | '貳' | '两' | '兩' => 2,
            '三' | '叁' | '參' | '叄' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' | '陸' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    }
    let ten = |c: char| matches!(c, '十' | '拾');
    // At most three characters (二十三); no allocation, this runs for every
    // numeral that may open an item.
    let mut cs = ['\0'; 3];
    let mut len = 0;
    for c in s.chars() {
        *cs.get_mut(len)? = c;
        len += 1;
    }
    match &cs[..len] {
        [a] if ten(*a) => Some(10),
        [a] => digit(*a).filter(|&d| d > 0),
        [t, b] if ten(*t) => digit(*b).filter(|&d| d > 0).map(|d| 10 + d),
        [a, t] if ten(*t) => digit(*a).filter(|&d| d > 1).map(|d| d * 10),
        [a, t, b] if ten(*t) => {
            Some(digit(*a).filter(|&d| d > 1)? * 10 + digit(*b).filter(|&d| d > 0)?)
        }
        _ => None,
    }
}

/// Is this a character that can be part of a Chinese numeral?
pub fn is_numeral_char(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '两'
            | '兩'
    ) || is_formal_numeral(c)
}

/// The formal numerals of accounts and official numbering (壹 to 玖, 拾, and
/// their traditional forms).
pub fn is_formal_numeral(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰'
            | '貳'
            | '叁'
            | '參'
            | '叄'
            | '肆'
            | '伍'
            | '陆'
            | '陸'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
    )
}

/// Folds a text for identity comparisons: letters, digits and Han only, with
/// full-width ASCII folded to half-width and Latin lower-cased.
///
/// Runs of characters kept as they are (the common ideographs, lower-case
/// ASCII letters, digits) are copied whole, and the commonest punctuation is
/// dropped without a Unicode look-up: this runs for every item's title.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, &mut out);
    out
}

/// [`fold_key`], appended to `out`. Each character folds on its own, so the
/// key of two texts one after the other is their keys one after the other.
pub fn fold_key_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    // The start of the run of characters being kept as they are.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // U+4E00..U+9FFF are E4 B8 80 to E9 BF BF: told by their first bytes.
        let lead = bytes[i];
        if (0xE5..=0xE9).contains(&lead)
            || (lead == 0xE4 && bytes.get(i + 1).is_some_and(|&y| y >= 0xB8))
        {
            i += 3;
            continue;
        }
        if lead.is_ascii_lowercase() || lead.is_ascii_digit() {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push_str(&s[run..i]);
        i += c.len_utf8();
        run = i;
        if is_dropped_punctuation(c) {
            continue;
        }
        fold_char(fold_width(c), out);
    }
    out.push_str(&s[run..]);
}

/// Punctuation and spaces that [`fold_char`] would drop, known without a
/// Unicode look-up: ASCII other than letters and digits, general punctuation
/// U+2000..U+206F, and the CJK punctuation U+3000..U+3004 and U+3008..U+3020.
fn is_dropped_punctuation(c: char) -> bool {
    matches!(c,
        '\0'..='/'
        | ':'..='@'
        | '['..='`'
        | '{'..='\u{7f}'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}')
}

/// What one character, already width-folded, adds to a folded key.
fn fold_char(c: char, out: &mut String) {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        out.push(c);
    } else if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// Whether `lead` starts a character of three bytes (U+0800..U+FFFF, nearly
/// every Chinese character).
#[inline]
pub fn is_three_byte_lead(lead: u8) -> bool {
    lead & 0xF0 == 0xE0
}

/// Whether `bytes` is characters of three bytes each, back to back: a lead
/// byte 1110xxxx every third byte (in valid UTF-8 two continuation bytes
/// follow it), told without a branch a character.
#[expect(
    clippy::needless_bitwise_bool,
    reason = "one test for the bytes, not a branch a character"
)]
#[inline]
pub fn all_three_bytes(bytes: &[u8]) -> bool {
    let (mut all, mut any) = (0xFFu8, 0u8);
    for b in bytes.chunks_exact(3) {
        all &= b[0];
        any |= b[0];
    }
    (all & 0xE0 == 0xE0) & (any & 0x10 == 0)
}

/// The character of three bytes that `b` starts with, as a number.
#[inline]
pub fn three_bytes(b: &[u8]) -> u32 {
    (u32::from(b[0] & 0x0F) << 12) | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F)
}

/// Full-width ASCII forms (U+FF01–U+FF5E) to their ASCII twins, U+3000 to space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A stable 64-bit FNV-1a hash: item ids must not change between releases, so
/// the standard library's randomised hasher will not do.
pub fn stable_hash(parts: &[&str]) -> u64 {
    parts
        .iter()
        .fold(StableHash::new(), |h, part| h.part(part))
        .finish()
}

/// [`stable_hash`] fed one part at a time: the parts every item of a section
/// shares are hashed once, not once an item.
#[derive(Debug, Clone, Copy)]
pub struct StableHash {
    h: u64,
    first: bool,
}

impl StableHash {
    const PRIME: u64 = 0x0100_0000_01b3;

    pub fn new() -> StableHash {
        StableHash {
            h: 0xcbf2_9ce4_8422_2325,
            first: true,
        }
    }

    /// The hash with `part` added after the parts before it.
    #[must_use]
    pub fn part(mut self, part: &str) -> StableHash {
        if !self.first {
            self.h ^= 0x1f;
            self.h = self.h.wrapping_mul(Self::PRIME);
        }
        for b in part.bytes() {
            self.h ^= u64::from(b);
            self.h = self.h.wrapping_mul(Self::PRIME);
        }
        self.first = false;
        self
    }

    pub fn finish(self) -> u64 {
        self.h
    }
}

impl Default for StableHash {
    fn default() -> StableHash {
        StableHash::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`stable_hash`] as first written, over the parts in one loop.
    fn stable_hash_in_one_loop(parts: &[&str]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                h ^= 0x1f;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            for b in part.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    proptest::proptest! {
        #[test]
        fn hashes_fed_a_part_at_a_time_are_the_hash_of_the_parts(
            parts in proptest::collection::vec("[a甲、 ]{0,6}", 0..5)
        ) {
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(stable_hash(&parts), stable_hash_in_one_loop(&parts));
        }
    }

    #[test]
    fn chinese_numbers() {
        let cases = [
            ("一", Some(1)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("十一", Some(11)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("壹", Some(1)),
            ("貳", Some(2)),
            ("拾", Some(10)),
            ("一十", None),
            ("〇", None),
            ("百", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(chinese_number(s), want, "{s}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("净化盐湖。"));
        assert!(ends_sentence("他说：“好的。”"));
        assert!(ends_sentence("各位代表："));
        assert!(ends_sentence("后半篇文章……"));
        assert!(!ends_sentence("高标准抓好汾河防洪能"));
        assert!(!ends_sentence("“政府+链主"));
    }

    /// The character-by-character [`fold_key`] that the one copying runs replaced.
    fn fold_key_by_char(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars().map(fold_width) {
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                out.push(c);
            } else if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                }
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            }
        }
        out
    }

    #[test]
    fn fold_key_folds_every_character_as_by_chars() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}一{c}");
            assert_eq!(fold_key(&s), fold_key_by_char(&s), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_key_copies_runs_as_by_chars(
            s in "[aZz09一鿿丁\u{4dff}\u{3007}\u{3005}（）、。；：！？，,;:!? \u{3000}\u{a0}ＡＢｚ０Éß\u{130}\u{2000}\u{206f}\u{3020}\u{3021}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold_key(&s), fold_key_by_char(&s));
        }
    }

    #[test]
    fn fold_key_ignores_punctuation_width_and_case() {
        assert_eq!(fold_key("净化 盐湖。"), "净化盐湖");
        assert_eq!(fold_key("ＡＡ＋信用"), "aa信用");
    }
}
