//! Turning the bytes of a briefing file into clean text: encoding detection,
//! line-end normalisation, NFC and control-character removal.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::chars::three_bytes;

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
    #[error(
        "it gave more than {MAX_FILE_BYTES} bytes without ending (a device or an endless pipe?)"
    )]
    Endless,
    #[error("the file is binary (it contains NUL bytes), not text")]
    Binary,
    #[error("the text is neither UTF-8 ({utf8}) nor GB18030 ({gb18030})")]
    UnknownEncoding { utf8: Position, gb18030: Position },
    #[error("the file starts with a {0} byte-order mark but is not valid {0}")]
    BadUtf16(Encoding),
}

/// Where in a file a byte sequence could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Offset of the first bad byte in the file.
    pub byte: usize,
    /// 1-based line and column (in characters) of the text around it.
    pub line: usize,
    pub column: usize,
    /// How many bad sequences the whole file has.
    pub count: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}, byte {}: invalid bytes",
            self.line, self.column, self.byte
        )?;
        if self.count > 1 {
            write!(f, "; {} bad sequences in all", self.count)?;
        }
        Ok(())
    }
}

/// Decoded text with the encoding it was found in. The text uses `\n` line ends,
/// is in NFC, and holds no control characters other than `\n` and `\t`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// What was repaired: bytes that could not be decoded and became U+FFFD.
    pub warnings: Vec<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let Raw {
        text: raw,
        encoding,
        bad,
    } = detect_and_decode(bytes)?;
    let warnings = repair_warnings(encoding, &bad);
    let text = clean(raw);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// Text before cleaning, and where bytes were replaced.
struct Raw {
    text: String,
    encoding: Encoding,
    bad: Vec<Position>,
}

impl Raw {
    fn clean(text: String, encoding: Encoding) -> Raw {
        Raw {
            text,
            encoding,
            bad: Vec::new(),
        }
    }
}

/// A file with at most one bad sequence for each hundred characters that
/// decoded (and at least one allowed, in a text of some length) is opened with
/// the bad bytes replaced: one damaged byte must not make a whole briefing
/// unreadable, while a file that is mostly bad stays refused.
fn tolerable(r: &Lossy) -> bool {
    let bad = r.bad.len();
    bad <= (r.chars / 100).max(1) && bad * 4 < r.chars
}

fn detect_and_decode(bytes: &[u8]) -> Result<Raw, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        if memchr::memchr(0, rest).is_some() {
            return Err(DecodeError::Binary);
        }
        if let Some(s) = utf8_owned(rest) {
            return Ok(Raw::clean(s, Encoding::Utf8Bom));
        }
        // The mark says UTF-8: what is not is damage, shown where it is.
        let r = utf8_lossy(rest, 3);
        return Ok(Raw {
            text: r.text,
            encoding: Encoding::Utf8Bom,
            bad: r.bad,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le).map(|s| Raw::clean(s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be).map(|s| Raw::clean(s, Encoding::Utf16Be));
    }
    if memchr::memchr(0, bytes).is_some() {
        // UTF-16 without a byte-order mark has a NUL in every ASCII character.
        return match sniff_utf16(bytes) {
            Some(e) => utf16(bytes, e).map(|s| Raw::clean(s, e)),
            None => Err(DecodeError::Binary),
        };
    }
    if let Some(s) = utf8_owned(bytes) {
        return Ok(Raw::clean(s, Encoding::Utf8));
    }
    // Chinese office files that are not UTF-8 are GBK or GB18030; GB18030 is a
    // superset of both, so one strict decoder covers them.
    if let Some(s) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Raw::clean(s.into_owned(), Encoding::Gb18030));
    }
    // Damaged text: the encoding with fewer bad sequences, when they are few.
    let u = utf8_lossy(bytes, 0);
    let g = gb18030_lossy(bytes);
    let (best, encoding) = if u.bad.len() <= g.bad.len() {
        (&u, Encoding::Utf8)
    } else {
        (&g, Encoding::Gb18030)
    };
    if tolerable(best) {
        let best = if encoding == Encoding::Utf8 { u } else { g };
        return Ok(Raw {
            text: best.text,
            encoding,
            bad: best.bad,
        });
    }
    Err(DecodeError::UnknownEncoding {
        utf8: summary(&u.bad),
        gb18030: summary(&g.bad),
    })
}

/// The first bad place, with the count of all.
fn summary(bad: &[Position]) -> Position {
    let mut first = bad.first().copied().unwrap_or(Position {
        byte: 0,
        line: 1,
        column: 1,
        count: 0,
    });
    first.count = bad.len();
    first
}

/// Says what was replaced, naming the first few places.
fn repair_warnings(encoding: Encoding, bad: &[Position]) -> Vec<String> {
    const LISTED: usize = 5;
    let mut out: Vec<String> = bad
        .iter()
        .take(LISTED)
        .map(|p| {
            format!(
                "line {}, column {} (byte {}): bytes that are not {encoding} were replaced by \u{fffd}",
                p.line, p.column, p.byte
            )
        })
        .collect();
    if bad.len() > LISTED {
        out.push(format!(
            "{} more places with bytes that are not {encoding} were replaced by \u{fffd}",
            bad.len() - LISTED
        ));
    }
    out
}

/// Text decoded with U+FFFD for each bad sequence.
struct Lossy {
    text: String,
    bad: Vec<Position>,
    /// Characters decoded, replacements included.
    chars: usize,
}

/// Tracks lines and columns while text is appended, to place bad bytes.
struct Tracker {
    line: usize,
    column: usize,
    last_cr: bool,
}

impl Tracker {
    fn new() -> Self {
        Tracker {
            line: 1,
            column: 1,
            last_cr: false,
        }
    }

    fn advance(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '\n' if self.last_cr => {}
                '\n' | '\r' => {
                    self.line += 1;
                    self.column = 1;
                }
                _ => self.column += 1,
            }
            self.last_cr = c == '\r';
        }
    }

    fn at(&self, byte: usize) -> Position {
        Position {
            byte,
            line: self.line,
            column: self.column,
            count: 1,
        }
    }
}

/// UTF-8 with bad sequences replaced; `offset` is added to reported byte offsets
/// (the length of a byte-order mark already stripped).
fn utf8_lossy(bytes: &[u8], offset: usize) -> Lossy {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = Vec::new();
    let mut track = Tracker::new();
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                let good = std::str::from_utf8(good).unwrap_or_default();
                text.push_str(good);
                track.advance(good);
                bad.push(track.at(offset + bytes.len() - after.len()));
                text.push('\u{fffd}');
                track.advance("\u{fffd}");
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip..];
            }
        }
    }
    let chars = text.chars().count();
    Lossy { text, bad, chars }
}

/// GB18030 with bad sequences replaced, at their real offsets in the file.
fn gb18030_lossy(bytes: &[u8]) -> Lossy {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut bad = Vec::new();
    let mut track = Tracker::new();
    let mut read_total = 0;
    loop {
        let before = text.len();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut text, true);
        read_total += read;
        track.advance(&text[before..]);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(bytes.len() - read_total + 16);
            }
            DecoderResult::Malformed(len, after) => {
                let start = read_total - usize::from(after) - usize::from(len);
                bad.push(track.at(start));
                text.push('\u{fffd}');
                track.advance("\u{fffd}");
            }
        }
    }
    let chars = text.chars().count();
    Lossy { text, bad, chars }
}

/// Guesses the byte order of UTF-16 without a byte-order mark: the reading in
/// which nearly every unit is a character a briefing uses (ASCII, Han,
/// CJK and full-width punctuation), ASCII counting for more, as a Latin text
/// read the wrong way round looks like rare Han.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let score = |unit: fn([u8; 2]) -> u16| {
        let (mut score, mut odd) = (0usize, 0usize);
        for pair in bytes.chunks_exact(2) {
            match unit([pair[0], pair[1]]) {
                0x09 | 0x0A | 0x0D | 0x20..=0x7E => score += 2,
                0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x206F => {
                    score += 1;
                }
                0xA0..=0xFF | 0x3400..=0x4DBF => {}
                _ => odd += 1,
            }
        }
        // At most one unit in twenty may be outside those ranges.
        (odd * 20 <= bytes.len() / 2).then_some(score)
    };
    match (score(u16::from_le_bytes), score(u16::from_be_bytes)) {
        (Some(le), Some(be)) if be > le => Some(Encoding::Utf16Be),
        (Some(_), _) => Some(Encoding::Utf16Le),
        (None, Some(_)) => Some(Encoding::Utf16Be),
        (None, None) => None,
    }
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

/// The bytes as text when they are UTF-8. `encoding_rs` checks them with SIMD
/// (simdutf8) where the processor has it: on Chinese text, where the standard
/// library's check has no ASCII run to skip, several times fewer instructions.
fn utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
}

/// The bytes as a string when they are UTF-8; large texts are checked in two
/// halves at once.
fn utf8_owned(bytes: &[u8]) -> Option<String> {
    let Some(mid) = halves(bytes) else {
        return utf8(bytes).map(Cow::into_owned);
    };
    let (a, b) = rayon::join(|| utf8(&bytes[..mid]), || utf8(&bytes[mid..]));
    let (a, b) = (a?, b?);
    let mut s = String::with_capacity(bytes.len());
    s.push_str(&a);
    s.push_str(&b);
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

/// Normalises line ends (CRLF and CR become LF), drops control characters other
/// than newline and tab (and a stray BOM), and composes to NFC.
fn clean(raw: String) -> String {
    // One read of the whole text answers both questions (whether it is in NFC
    // matters only when nothing is to be cleaned); a large text is read in two
    // halves at once.
    let nfc = match halves(raw.as_bytes()) {
        Some(mid) => {
            let (a, b) = rayon::join(|| scan(&raw[..mid], true), || scan(&raw[mid..], true));
            match (a, b) {
                (Some(a), Some(b)) => Some(a && b),
                _ => None,
            }
        }
        None => scan(&raw, true),
    };
    let (dirty, nfc) = match nfc {
        Some(nfc) => (false, nfc),
        None => (true, false),
    };
    let out = if dirty { strip_controls(&raw) } else { raw };
    if (nfc && !dirty) || is_nfc(&out) {
        out
    } else {
        out.nfc().collect()
    }
}

/// Does the character that starts with x, y, z need cleaning: a CR, a control
/// character, a BOM or a zero-width space? Most files hold none and are
/// copied as they are.
#[expect(
    clippy::needless_bitwise_bool,
    reason = "branch-free conditions vectorise"
)]
fn is_dirt(x: u8, y: u8, z: u8) -> bool {
    (x < 0x20) & (x != b'\n') & (x != b'\t')
        | (x == 0x7F)
        // C1 controls U+0080..U+009F.
        | (x == 0xC2) & (y & 0xE0 == 0x80)
        // U+FEFF.
        | (x == 0xEF) & (y == 0xBB) & (z == 0xBF)
        // U+200B.
        | (x == 0xE2) & (y == 0x80) & (z == 0x8B)
}

/// Drops what [`is_dirt`] finds and turns CRLF and CR into LF. Clean stretches
/// are copied whole: blocks without dirt are passed over by a check the
/// compiler vectorises, and only a block with some is read byte by byte.
fn strip_controls(raw: &str) -> String {
    const BLOCK: usize = 64;
    let b = raw.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0x20);
    let mut out = String::with_capacity(raw.len());
    // The start of the clean stretch not yet copied.
    let mut kept = 0;
    let mut i = 0;
    while i < b.len() {
        if let (Some(x), Some(y), Some(z)) = (
            b.get(i..i + BLOCK),
            b.get(i + 1..i + 1 + BLOCK),
            b.get(i + 2..i + 2 + BLOCK),
        ) && !holds_dirt(x, y, z)
        {
            i += BLOCK;
            continue;
        }
        let end = (i + BLOCK).min(b.len());
        while i < end {
            let x = b[i];
            if !is_dirt(x, at(i + 1), at(i + 2)) {
                i += 1;
                continue;
            }
            out.push_str(&raw[kept..i]);
            // Dirt is a control character of one byte, a C1 control of two
            // (C2 xx), or U+FEFF or U+200B of three.
            let len = match x {
                b'\r' => {
                    out.push('\n');
                    if at(i + 1) == b'\n' { 2 } else { 1 }
                }
                0xC2 => 2,
                0xE2 | 0xEF => 3,
                _ => 1,
            };
            i += len;
            kept = i;
        }
    }
    out.push_str(&raw[kept..]);
    out
}

/// Does a block hold dirt: `xs` its bytes, `ys` and `zs` the bytes one and
/// two further on? No early exit, so that the compiler can vectorise it.
fn holds_dirt(xs: &[u8], ys: &[u8], zs: &[u8]) -> bool {
    let mut dirt = false;
    for ((&x, &y), &z) in xs.iter().zip(ys).zip(zs) {
        dirt |= is_dirt(x, y, z);
    }
    dirt
}

/// Is the text already in NFC? Characters that never change under NFC and
/// never combine with the one before (ASCII, Latin up to U+02FF, the CJK
/// ideographs, CJK and general punctuation, full-width forms: see
/// [`stable_under_nfc`]) are skipped; the rest go to the quick check, which
/// answers no or maybe (then the text is composed) but never a wrong yes, as
/// the skipped characters all have combining class 0.
///
/// The scan looks at each byte with the two after it, in blocks without early
/// exits so that the compiler can vectorise it:
/// continuation bytes and the lead bytes of the commonest stable characters
/// (ASCII, ideographs, 。、《》，：“” and the like) pass at once; a block
/// holding any other lead byte is looked at again, character by character.
fn is_nfc(s: &str) -> bool {
    scan(s, false).unwrap_or_default()
}

/// [`is_nfc`], and when `dirt_matters`, `None` as soon as a block holds
/// something to clean ([`is_dirt`]), as [`clean`] then asks again of the
/// cleaned text.
#[expect(
    clippy::needless_bitwise_bool,
    reason = "branch-free conditions vectorise"
)]
fn scan(s: &str, dirt_matters: bool) -> Option<bool> {
    const BLOCK: usize = 64;
    // Can the character that starts with x, y, z change under NFC? No for
    // continuation bytes, ASCII, U+0000..U+02FF, U+4000..U+9FFF,
    // U+2002..U+203F, U+3000..U+3029, U+3030..U+303F and U+FF00..U+FF7F;
    // maybe for the rest, which `char_is_stable` then settles.
    let may_change = |x: u8, y: u8, z: u8| {
        (x >= 0xCC)
            & !((0xE4..=0xE9).contains(&x)
                | (x == 0xE2) & (y == 0x80) & (z >= 0x82)
                | (x == 0xE3) & (y == 0x80) & !(0xAA..=0xAF).contains(&z)
                | (x == 0xEF) & ((y == 0xBC) | (y == 0xBD)))
    };
    let b = s.as_bytes();
    let mut rest = String::new();
    let mut look_at = |i: usize| {
        let (len, stable) = char_is_stable(b, i);
        if !stable {
            rest.push_str(&s[i..i + len]);
        }
    };
    let n = b.len().saturating_sub(2);
    let (xs, ys, zs) = (&b[..n], &b[1.min(b.len())..], &b[2.min(b.len())..]);
    let blocks = xs.chunks(BLOCK).zip(ys.chunks(BLOCK)).zip(zs.chunks(BLOCK));
    for (k, ((x, y), z)) in blocks.enumerate() {
        let (mut any, mut dirt) = (false, false);
        for ((&x, &y), &z) in x.iter().zip(y).zip(z) {
            any |= may_change(x, y, z);
            dirt |= is_dirt(x, y, z);
        }
        if dirt & dirt_matters {
            return None;
        }
        if any {
            for (j, ((&x, &y), &z)) in x.iter().zip(y).zip(z).enumerate() {
                if may_change(x, y, z) {
                    look_at(k * BLOCK + j);
                }
            }
        }
    }
    let padded = |i: usize, pad: u8| b.get(i).copied().unwrap_or(pad);
    for (i, &x) in b.iter().enumerate().skip(n) {
        if dirt_matters && is_dirt(x, padded(i + 1, 0x20), padded(i + 2, 0x20)) {
            return None;
        }
        if may_change(x, padded(i + 1, 0), padded(i + 2, 0)) {
            look_at(i);
        }
    }
    Some(
        unicode_normalization::is_nfc_quick(rest.chars())
            == unicode_normalization::IsNormalized::Yes,
    )
}

/// The length of the character that starts at byte `i` of UTF-8 text, and
/// whether it is one [`is_nfc`] may skip.
fn char_is_stable(b: &[u8], i: usize) -> (usize, bool) {
    let lead = b[i];
    let len = match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    let stable = match len {
        1 => true,
        2 => lead < 0xCC,
        // U+4000..U+9FFF, ideographs all: most of a Chinese text.
        3 if (0xE4..=0xE9).contains(&lead) => true,
        3 => stable_under_nfc(three_bytes(&b[i..])),
        _ => false,
    };
    (len, stable)
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

    /// The character-by-character [`is_nfc`] that the block scan replaced.
    fn is_nfc_by_char(s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        let mut rest = String::new();
        while i < b.len() {
            let (len, stable) = char_is_stable(b, i);
            if !stable {
                rest.push_str(&s[i..i + len]);
            }
            i += len;
        }
        unicode_normalization::is_nfc_quick(rest.chars())
            == unicode_normalization::IsNormalized::Yes
    }

    proptest::proptest! {
        #[test]
        fn nfc_is_checked_by_blocks_as_by_chars(
            s in "[a\u{301}\u{2001}\u{2002}\u{203f}\u{2040}\u{3000}\u{3029}\u{302a}\u{302f}\u{3030}\u{3099}\u{30ff}\u{4000}\u{4dff}\u{9fff}\u{f900}\u{ff00}\u{ff7f}\u{ff80}\u{ffef}\u{1100}\u{1161}\u{ac00}\u{2f800}\u{1d15e}é一。，“”\n]{0,200}"
        ) {
            proptest::prop_assert_eq!(is_nfc(&s), is_nfc_by_char(&s));
        }
    }

    #[test]
    fn nfc_is_checked_by_blocks_as_by_chars_for_every_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("甲{c}"), format!("{c}\u{301}")] {
                assert_eq!(is_nfc(&s), is_nfc_by_char(&s), "{c:?}");
            }
        }
    }

    /// [`strip_controls`] as first written, a char at a time.
    fn strip_controls_by_char(raw: &str) -> String {
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

    proptest::proptest! {
        #[test]
        fn controls_are_stripped_by_blocks_as_by_chars(
            s in "[a\r\n\t\u{0}\u{1}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{feff}\u{fefe}\u{200b}\u{200c}\u{301}一。，]{0,300}"
        ) {
            proptest::prop_assert_eq!(strip_controls(&s), strip_controls_by_char(&s));
        }
    }

    #[test]
    fn controls_are_stripped_by_blocks_as_by_chars_for_every_character() {
        let pad = "甲".repeat(21);
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}\n"),
                format!("a{pad}{c}\r\n{pad}"),
                format!("{pad}{c}{c}\r"),
            ] {
                assert_eq!(strip_controls(&s), strip_controls_by_char(&s), "{c:?}");
            }
        }
    }

    /// The cleaning check that [`scan`] took over. Does the text hold a CR, a control character, a BOM or a zero-width space?
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

    proptest::proptest! {
        #[test]
        fn dirt_is_found_as_by_the_separate_check(
            s in "[a\r\n\t\u{1}\u{7f}\u{80}\u{9f}\u{a0}\u{feff}\u{fefe}\u{200b}\u{200c}\u{301}一。，]{0,200}"
        ) {
            let by_scan = scan(&s, true);
            proptest::prop_assert_eq!(by_scan.is_none(), needs_cleaning(s.as_bytes()));
            if let Some(nfc) = by_scan {
                proptest::prop_assert_eq!(nfc, is_nfc(&s));
            }
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
        // Mostly bad bytes: neither encoding fits, and both first errors are named.
        let garbage: Vec<u8> = (0..64)
            .map(|i| if i % 2 == 0 { 0xFF } else { 0x81 })
            .collect();
        match decode(&garbage) {
            Err(DecodeError::UnknownEncoding { utf8, gb18030 }) => {
                assert_eq!((utf8.byte, utf8.line, utf8.column), (0, 1, 1));
                assert!(utf8.count > 8 && gb18030.count > 8);
            }
            other => panic!("{other:?}"),
        }
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(decode(&huge), Err(DecodeError::TooLarge(_))));
    }

    #[test]
    fn one_bad_byte_in_utf8_is_replaced_and_placed() {
        let mut bytes = "标题\n\n一是净化盐湖。\n二是洒扫".as_bytes().to_vec();
        let at = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice("门庭。\n".as_bytes());
        let d = decode(&bytes).expect("opens");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "标题\n\n一是净化盐湖。\n二是洒扫\u{fffd}门庭。\n");
        assert_eq!(d.warnings.len(), 1);
        let w = &d.warnings[0];
        assert!(
            w.contains("line 4, column 5") && w.contains(&format!("byte {at}")),
            "{w}"
        );
        // With a byte-order mark, offsets count the mark.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(&bytes);
        let d = decode(&bom).expect("opens");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert!(
            d.warnings[0].contains(&format!("byte {}", at + 3)),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn gb18030_damage_is_reported_at_its_real_offset() {
        let text = "标题\n\n一是净化盐湖。\n二是洒扫门庭。\n";
        let mut bytes = encoding_rs::GB18030.encode(text).0.into_owned();
        // A lead byte followed by a byte no GB18030 sequence allows.
        let at = encoding_rs::GB18030.encode("标题\n\n一是").0.len();
        bytes.splice(at..at, [0x81, 0x7F]);
        let d = decode(&bytes).expect("opens");
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert!(d.text.starts_with("标题\n\n一是\u{fffd}"), "{:?}", d.text);
        let w = &d.warnings[0];
        assert!(
            w.contains(&format!("byte {at}")) && w.contains("line 3, column 3"),
            "{w}"
        );
    }

    #[test]
    fn many_bad_bytes_are_listed_once_each_up_to_five() {
        let mut bytes = Vec::new();
        for _ in 0..7 {
            bytes.extend_from_slice("一是净化盐湖，推进城市建设，".repeat(20).as_bytes());
            bytes.push(0xFF);
        }
        let d = decode(&bytes).expect("opens");
        assert_eq!(d.text.matches('\u{fffd}').count(), 7);
        assert_eq!(d.warnings.len(), 6);
        assert!(
            d.warnings[5].starts_with("2 more places"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_detected() {
        let le = utf16le(TEXT, false);
        let d = decode(&le).expect("decodes");
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Le, TEXT));
        let mut be = utf16be(TEXT);
        be.drain(..2);
        let d = decode(&be).expect("decodes");
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf16Be, TEXT));
        // Latin text too, which read the wrong way round looks like rare Han.
        let latin = utf16le("Minutes of the meeting.\n", false);
        let d = decode(&latin).expect("decodes");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        // Binary with NULs stays binary.
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"),
            Err(DecodeError::Binary)
        );
    }
}
