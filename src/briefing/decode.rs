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
    let text = clean(&raw);
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
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8));
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
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| DecodeError::UnknownEncoding(e.valid_up_to() + 3))
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
fn clean(raw: &str) -> String {
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
    if unicode_normalization::is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes
    {
        out
    } else {
        out.nfc().collect()
    }
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
