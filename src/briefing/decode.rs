//! Turning the bytes of a briefing file into clean text: encoding detection,
//! line-end normalisation, NFC and control-character removal.

use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// Files larger than this are refused: no briefing is this long, and reading one
/// would only freeze the reader.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The encodings `brief` reads, named as in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    #[serde(rename = "UTF-8")]
    Utf8,
    #[serde(rename = "UTF-8 BOM")]
    Utf8Bom,
    #[serde(rename = "GB18030")]
    Gb18030,
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 BOM",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        })
    }
}

/// Why some bytes are not a readable briefing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {0} bytes, more than the {MAX_FILE_BYTES} a briefing may have")]
    TooLarge(usize),
    #[error("the file is binary (it contains NUL bytes), not text")]
    Binary,
    #[error("the text is neither UTF-8 nor GB18030 (invalid byte sequence at byte {0})")]
    UnknownEncoding(usize),
    #[error("the file starts with a {0} byte-order mark but is not valid {0}")]
    BadUtf16(Encoding),
}

/// Decoded text with the encoding it was found in. The text uses `\n` line ends,
/// is in NFC, and holds no control characters other than `\n` and `\t`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let (raw, encoding) = detect_and_decode(bytes)?;
    let text = clean(raw);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding })
}

fn detect_and_decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest).map(|s| (s, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le).map(|s| (s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be).map(|s| (s, Encoding::Utf16Be));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Some(s) = utf8_owned(bytes) {
        return Ok((s, Encoding::Utf8));
    }
    // Chinese office files that are not UTF-8 are GBK or GB18030; GB18030 is a
    // superset of both, so one strict decoder covers them.
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), Encoding::Gb18030)),
        None => Err(DecodeError::UnknownEncoding(first_invalid_utf8(bytes))),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    utf8_owned(bytes).ok_or_else(|| DecodeError::UnknownEncoding(first_invalid_utf8(bytes) + 3))
}

/// Where a large text can be cut in two for checking on two cores: at a line
/// feed past the middle, which is never part of a multi-byte character and
/// never combines with anything.
fn halves(b: &[u8]) -> Option<usize> {
    const LARGE: usize = 1 << 20;
    if b.len() < LARGE {
        return None;
    }
    memchr::memchr(b'\n', &b[b.len() / 2..]).map(|i| b.len() / 2 + i)
}

/// The bytes as a string when they are UTF-8; large texts are checked in two
/// halves at once.
fn utf8_owned(bytes: &[u8]) -> Option<String> {
    let Some(mid) = halves(bytes) else {
        return std::str::from_utf8(bytes).ok().map(str::to_owned);
    };
    let (a, b) = rayon::join(
        || std::str::from_utf8(&bytes[..mid]),
        || std::str::from_utf8(&bytes[mid..]),
    );
    let (a, b) = (a.ok()?, b.ok()?);
    let mut s = String::with_capacity(bytes.len());
    s.push_str(a);
    s.push_str(b);
    Some(s)
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    let codec = match encoding {
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    let text = codec
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(DecodeError::BadUtf16(encoding))?;
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(text.into_owned())
}

fn first_invalid_utf8(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    }
}

/// Normalises line ends (CRLF and CR become LF), drops control characters other
/// than newline and tab (and a stray BOM), and composes to NFC.
fn clean(raw: String) -> String {
    // Both checks read the whole text; a large one is read in two halves at once.
    let check = |s: &str| (needs_cleaning(s.as_bytes()), is_nfc(s));
    let (dirty, nfc) = match halves(raw.as_bytes()) {
        Some(mid) => {
            let ((d1, n1), (d2, n2)) = rayon::join(|| check(&raw[..mid]), || check(&raw[mid..]));
            (d1 || d2, n1 && n2)
        }
        None => check(&raw),
    };
    let out = if dirty { strip_controls(&raw) } else { raw };
    if (nfc && !dirty) || is_nfc(&out) {
        out
    } else {
        out.nfc().collect()
    }
}

/// Does the text hold a CR, a control character, a BOM or a zero-width space?
/// Most files hold none and are copied as they are. The scan looks at each
/// byte with the two after it, in blocks without early exits so that the
/// compiler can vectorise it (hence `&` and `|` between the conditions).
#[expect(
    clippy::needless_bitwise_bool,
    reason = "branch-free conditions vectorise"
)]
fn needs_cleaning(b: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let flag = |x: u8, y: u8, z: u8| {
        (x < 0x20) & (x != b'\n') & (x != b'\t')
            | (x == 0x7F)
            // C1 controls U+0080..U+009F.
            | (x == 0xC2) & (y & 0xE0 == 0x80)
            // U+FEFF.
            | (x == 0xEF) & (y == 0xBB) & (z == 0xBF)
            // U+200B.
            | (x == 0xE2) & (y == 0x80) & (z == 0x8B)
    };
    let padded = |i: usize| b.get(i).copied().unwrap_or(0x20);
    if b.len() < 3 {
        return (0..b.len()).any(|i| flag(b[i], padded(i + 1), padded(i + 2)));
    }
    let n = b.len() - 2;
    let (xs, ys, zs) = (&b[..n], &b[1..=n], &b[2..]);
    let blocks = xs.chunks(BLOCK).zip(ys.chunks(BLOCK)).zip(zs.chunks(BLOCK));
    for ((x, y), z) in blocks {
        let mut any = false;
        for ((&x, &y), &z) in x.iter().zip(y).zip(z) {
            any |= flag(x, y, z);
        }
        if any {
            return true;
        }
    }
    (n..b.len()).any(|i| flag(b[i], padded(i + 1), padded(i + 2)))
}

fn strip_controls(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Is the text already in NFC? Characters that never change under NFC and
/// never combine with the one before (ASCII, Latin up to U+02FF, the CJK
/// ideographs, CJK and general punctuation, full-width forms: see
/// [`stable_under_nfc`]) are skipped; the rest go to the quick check, which
/// answers no or maybe (then the text is composed) but never a wrong yes, as
/// the skipped characters all have combining class 0.
fn is_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut rest = String::new();
    while i < b.len() {
        let lead = b[i];
        let len = match lead {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        let skip = match len {
            1 => true,
            2 => lead < 0xCC,
            3 => {
                let cp = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                stable_under_nfc(cp)
            }
            _ => false,
        };
        if !skip {
            rest.push_str(&s[i..i + len]);
        }
        i += len;
    }
    unicode_normalization::is_nfc_quick(rest.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Three-byte characters that NFC leaves alone and that never combine with the
/// character before: general punctuation from U+2002, CJK punctuation and kana
/// (without the combining voiced marks U+302A..U+302F, U+3099, U+309A), the
/// ideographs, full-width and half-width forms.
fn stable_under_nfc(cp: u32) -> bool {
    matches!(cp,
        0x2002..=0x203F
        | 0x3000..=0x3029
        | 0x3030..=0x3098
        | 0x309B..=0x30FF
        | 0x3400..=0x9FFF
        | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一是净化盐湖。\n二是洒扫门庭。\n";

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    fn utf16be(s: &str) -> Vec<u8> {
        let mut v = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_be_bytes());
        }
        v
    }

    #[test]
    fn each_encoding_is_detected_and_decoded() {
        let gbk = encoding_rs::GBK.encode(TEXT).0.into_owned();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        let cases: Vec<(Vec<u8>, Encoding)> = vec![
            (TEXT.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8Bom),
            (gbk, Encoding::Gb18030),
            (utf16le(TEXT, true), Encoding::Utf16Le),
            (utf16be(TEXT), Encoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            let d = decode(&bytes).expect("decodes");
            assert_eq!(d.encoding, encoding);
            assert_eq!(d.text, TEXT);
        }
    }

    #[test]
    fn gb18030_four_byte_sequences_decode() {
        // 𠀀 is outside GBK and only GB18030's four-byte form can carry it.
        let s = "人名𠀀字。";
        let bytes = encoding_rs::GB18030.encode(s).0.into_owned();
        assert_eq!(decode(&bytes).expect("decodes").text, s);
    }

    #[test]
    fn line_ends_are_normalised() {
        for input in ["甲。\r\n乙。\r\n", "甲。\r乙。\r", "甲。\n乙。\n"] {
            assert_eq!(
                decode(input.as_bytes()).expect("decodes").text,
                "甲。\n乙。\n"
            );
        }
    }

    #[test]
    fn text_is_composed_to_nfc() {
        let decomposed = "Cafe\u{301} 会议。";
        assert_eq!(
            decode(decomposed.as_bytes()).expect("decodes").text,
            "Café 会议。"
        );
    }

    #[test]
    fn large_texts_checked_in_halves_decode_like_small_ones() {
        let big = "一是净化盐湖。\n".repeat(60_000);
        assert!(big.len() > 1 << 20);
        assert_eq!(decode(big.as_bytes()).expect("decodes").text, big);
        // What needs changing in the second half is still found.
        for (tail, want) in [
            ("Cafe\u{301}。\n", "Café。\n"),
            ("甲。\r\n", "甲。\n"),
            ("甲\u{7}。\n", "甲。\n"),
        ] {
            let d = decode(format!("{big}{tail}").as_bytes()).expect("decodes");
            assert_eq!(d.text, format!("{big}{want}"), "{tail:?}");
        }
        // A combining mark right after the cut is composed with what precedes.
        let mut cut = big.clone().into_bytes();
        cut.extend_from_slice("e\n\u{301}".as_bytes());
        assert!(decode(&cut).is_ok());
        // Not UTF-8 in the second half: GB18030.
        let mut gbk = "Item one.\n".repeat(120_000).into_bytes();
        gbk.extend_from_slice(&encoding_rs::GBK.encode("甲。").0);
        let d = decode(&gbk).expect("decodes");
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert!(d.text.ends_with("甲。"));
    }

    #[test]
    fn skipped_characters_are_stable_under_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let skipped = (0..0x300).chain((0x800..0x1_0000).filter(|&cp| stable_under_nfc(cp)));
        for c in skipped.filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_fast_checks_agree_with_the_full_ones() {
        for s in [
            "一是净化盐湖。AA+ 14.13亿元",
            "Cafe\u{301}",
            "\u{F900}",
            "한국",
            "\u{1100}\u{1161}",
            "甲\u{302A}乙",
            "ｆｕｌｌ　ｗｉｄｔｈ",
            "𠀀字",
        ] {
            let full = unicode_normalization::is_nfc(s);
            assert_eq!(is_nfc(s), full, "{s:?}");
        }
        for (s, dirty) in [
            ("甲乙。\n\t", false),
            ("甲\r\n", true),
            ("甲\u{85}", true),
            ("\u{feff}甲", true),
            ("甲\u{200b}乙", true),
            ("甲\u{7f}", true),
            ("é£", false),
        ] {
            assert_eq!(needs_cleaning(s.as_bytes()), dirty, "{s:?}");
        }
    }

    #[test]
    fn controls_are_dropped_but_tabs_kept() {
        let d = decode("甲\u{7}乙\t丙\u{feff}。".as_bytes()).expect("decodes");
        assert_eq!(d.text, "甲乙\t丙。");
    }

    #[test]
    fn bad_input_is_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n "), Err(DecodeError::Empty));
        assert_eq!(decode(b"PK\x03\x04\0\0\x14"), Err(DecodeError::Binary));
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8]),
            Err(DecodeError::BadUtf16(Encoding::Utf16Le))
        );
        assert!(matches!(
            decode(&[0x41, 0x81, 0x20, 0xFF, 0xFF]),
            Err(DecodeError::UnknownEncoding(1))
        ));
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(decode(&huge), Err(DecodeError::TooLarge(_))));
    }
}
