//! What a file is, told from its bytes rather than its name: a `.doc` that is
//! really a .docx is a .docx, and a Word file renamed `.txt` is not text. Zip
//! archives are looked into (their central directory names the parts), so a
//! .docx, an .ofd, a spreadsheet and a presentation are told apart.

use memchr::memmem;

/// A file's format, as far as its bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Anything else: decoded as text.
    Text,
    Docx,
    Ofd,
    Pdf,
    /// OLE2 compound file holding a Word or WPS document (.doc, .wps).
    BinaryWord,
    /// OLE2 compound file holding a spreadsheet (.xls, .et).
    BinarySheet,
    /// Another OLE2 compound file.
    Ole2,
    Xlsx,
    Pptx,
    /// `OpenDocument` text (.odt).
    Odt,
    /// A zip archive of some other kind.
    Zip,
    /// A web page (its markup tells).
    Html,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "a Word document (.docx)",
            Format::Ofd => "an OFD document (.ofd)",
            Format::Pdf => "a PDF document",
            Format::BinaryWord => "a binary Word or WPS document (.doc, .wps)",
            Format::BinarySheet => "a binary spreadsheet (.xls, .et)",
            Format::Ole2 => "an Office binary file (OLE2)",
            Format::Xlsx => "a spreadsheet (.xlsx)",
            Format::Pptx => "a presentation (.pptx)",
            Format::Odt => "an OpenDocument text (.odt)",
            Format::Zip => "a zip archive",
            Format::Html => "a web page (.html)",
        }
    }

    /// What the user can do to open it.
    pub fn advice(self) -> &'static str {
        match self {
            Format::Text | Format::Html | Format::Docx | Format::Ofd | Format::Pdf => "",
            Format::BinaryWord | Format::Ole2 => {
                "this old binary format is not read: save it as .docx (or PDF) in Word or WPS to open it in brief"
            }
            Format::Odt => "this format is not read: save it as .docx (or PDF) to open it in brief",
            Format::BinarySheet | Format::Xlsx | Format::Pptx | Format::Zip => {
                "it is not a briefing: brief reads documents (.docx, .ofd, .pdf, .html, .txt, .md, .toml)"
            }
        }
    }
}

const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells a file's format from its bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    // PDF readers accept the marker anywhere in the first kilobyte.
    if memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(OLE2) {
        return ole2_kind(bytes);
    }
    if is_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// A saved web page: markup from the first character (after a BOM and
/// blank space), with a tag only a page has near the top.
fn is_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    if !start.starts_with(b"<") {
        return false;
    }
    let head = start[..start.len().min(2048)].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<meta",
        b"<body",
    ]
    .iter()
    .any(|tag| memmem::find(&head, tag).is_some())
}

/// The names of the entries in a zip's central directory.
fn zip_names(bytes: &[u8]) -> Vec<&[u8]> {
    const HEADER: &[u8] = b"PK\x01\x02";
    let field = |at: usize| {
        bytes
            .get(at..at + 2)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let central: Vec<&[u8]> = memmem::find_iter(bytes, HEADER)
        .take(100_000)
        .filter_map(|at| {
            let len = field(at + 28);
            bytes.get(at + 46..at + 46 + len)
        })
        .collect();
    if !central.is_empty() {
        return central;
    }
    // A zip cut short has lost its directory at the end: the entries' own
    // headers still name them.
    memmem::find_iter(bytes, b"PK\x03\x04")
        .take(100_000)
        .filter_map(|at| {
            let len = field(at + 26);
            bytes.get(at + 30..at + 30 + len)
        })
        .collect()
}

fn zip_kind(bytes: &[u8]) -> Format {
    let names = zip_names(bytes);
    let has = |name: &[u8]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let mimetype = |m: &[u8]| memmem::find(&bytes[..bytes.len().min(200)], m).is_some();
    if has(b"word/document.xml") {
        Format::Docx
    } else if has(b"OFD.xml") {
        Format::Ofd
    } else if has(b"xl/workbook.xml") {
        Format::Xlsx
    } else if has(b"ppt/presentation.xml") {
        Format::Pptx
    } else if mimetype(b"application/vnd.oasis.opendocument.text") {
        Format::Odt
    } else {
        Format::Zip
    }
}

fn ole2_kind(bytes: &[u8]) -> Format {
    // Stream names in the directory are UTF-16LE.
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if memmem::find(bytes, &utf16("WordDocument")).is_some() {
        Format::BinaryWord
    } else if memmem::find(bytes, &utf16("Workbook")).is_some()
        || memmem::find(bytes, &utf16("Book")).is_some()
    {
        Format::BinarySheet
    } else {
        Format::Ole2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip's central directory entry naming `name` (enough for the sniffer).
    fn central_entry(name: &str) -> Vec<u8> {
        let mut e = b"PK\x01\x02".to_vec();
        e.resize(46, 0);
        let len = u16::try_from(name.len()).expect("short").to_le_bytes();
        e[28] = len[0];
        e[29] = len[1];
        e.extend_from_slice(name.as_bytes());
        e
    }

    fn zip(names: &[&str]) -> Vec<u8> {
        let mut z = b"PK\x03\x04".to_vec();
        z.extend_from_slice(&[0; 26]);
        for n in names {
            z.extend_from_slice(&central_entry(n));
        }
        z
    }

    #[test]
    fn zips_are_told_apart_by_their_parts() {
        assert_eq!(
            sniff(&zip(&["[Content_Types].xml", "word/document.xml"])),
            Format::Docx
        );
        assert_eq!(sniff(&zip(&["OFD.xml", "Doc_0/Document.xml"])), Format::Ofd);
        assert_eq!(sniff(&zip(&["xl/workbook.xml"])), Format::Xlsx);
        assert_eq!(sniff(&zip(&["ppt/presentation.xml"])), Format::Pptx);
        assert_eq!(sniff(&zip(&["photo.jpg"])), Format::Zip);
        // A zip cut before its directory is still known by its entries.
        let mut local = b"PK\x03\x04".to_vec();
        local.resize(30, 0);
        local[26] = 17;
        local.extend_from_slice(b"word/document.xml");
        assert_eq!(sniff(&local), Format::Docx);
        // A truncated directory entry is no panic.
        let mut cut = zip(&["word/document.xml"]);
        cut.truncate(cut.len() - 5);
        assert_eq!(sniff(&cut), Format::Zip);
    }

    #[test]
    fn pdf_ole2_and_text() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Format::Pdf);
        let mut doc = OLE2.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&doc), Format::BinaryWord);
        let mut xls = OLE2.to_vec();
        xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&xls), Format::BinarySheet);
        assert_eq!(sniff(OLE2), Format::Ole2);
        assert_eq!(sniff("一是净化盐湖。".as_bytes()), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF<html><head>"), Format::Html);
        assert_eq!(
            sniff("<b>\u{4e00}</b> is not a page".as_bytes()),
            Format::Text
        );
    }
}
