//! Readers for the documents officials receive that are not plain text
//! (DOCUMENTS.md): each turns its format into text in the shape the plain-text
//! parser reads, one paragraph a line, so that the same briefing gives the
//! same sections, items and ids whatever it was saved as.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod ofd;
pub mod pdf;
mod positioned;
mod web;

use std::io::Read;

/// Whether a panic now is one a reader catches (the PDF crates panic on
/// hostile files): a panic hook installed later, such as the terminal
/// reader's, lets it pass without restoring the terminal.
pub fn caught_panic_expected() -> bool {
    pdf::quiet()
}

/// A format's reader: the document's bytes in, its text out, or the problem
/// as the end of a sentence ("it is a PDF document, but …").
pub type Reader = fn(&[u8]) -> Result<Extracted, String>;

/// What a reader found in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The document's text: one paragraph (or title, heading, author line) a
    /// line, in reading order. Blank lines may separate blocks; indentation
    /// the document shows (two full-width spaces) may be kept.
    pub text: String,
    /// How many pages the document has, where the format has pages.
    pub pages: Option<usize>,
    /// Label and value pairs from a web page's metadata table (`索引号`,
    /// `发文机关`, `文号`, `成文日期`, `标题` …), in document order.
    pub meta: Vec<(String, String)>,
    /// Rows of task tables: each row is one line of `text` and one item.
    pub tasks: Vec<TaskRow>,
    /// What the reader repaired or left out, for the briefing's warnings.
    pub warnings: Vec<String>,
}

/// One row of a task table (`工作任务` / `牵头单位` / `配合单位` / `完成时限`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskRow {
    /// The task, as written in the row's line of [`Extracted::text`] (without
    /// the number the reader put before it).
    pub task: String,
    /// Every cell of the row under its column's header, in column order.
    pub cells: Vec<(String, String)>,
}

/// Most entries a document's zip may hold.
pub const MAX_ENTRIES: usize = 20_000;
/// Most bytes one part of a zip may unpack to.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Most bytes all the parts read from one zip may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;

/// A zip-based document (.docx, .ofd), read part by part with limits on the
/// number of entries and on what they unpack to, so that a zip bomb is
/// refused instead of filling memory.
pub struct Archive<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    names: Vec<String>,
    unpacked: u64,
}

impl<'a> Archive<'a> {
    /// Opens the archive; the error is a sentence for the user.
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("the zip inside is damaged ({e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the zip inside has {} entries, more than the {MAX_ENTRIES} a document has",
                zip.len()
            ));
        }
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(std::borrow::Cow::into_owned)
            .collect();
        Ok(Archive {
            zip,
            names,
            unpacked: 0,
        })
    }

    /// The names of the entries.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether the archive has an entry of that name (case-insensitive, with
    /// or without a leading `/`).
    pub fn contains(&self, name: &str) -> bool {
        self.entry_name(name).is_some()
    }

    fn entry_name(&self, name: &str) -> Option<String> {
        let want = name.trim_start_matches('/');
        self.names
            .iter()
            .find(|n| n.trim_start_matches('/').eq_ignore_ascii_case(want))
            .cloned()
    }

    /// The bytes of one part, `None` when there is no such part. Refuses a
    /// part that unpacks past [`MAX_PART_BYTES`], or an archive whose parts
    /// together pass [`MAX_TOTAL_BYTES`], whatever sizes the zip declares.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(entry) = self.entry_name(name) else {
            return Ok(None);
        };
        let mut file = self
            .zip
            .by_name(&entry)
            .map_err(|e| format!("cannot read {entry} in the zip ({e})"))?;
        let left = MAX_TOTAL_BYTES.saturating_sub(self.unpacked);
        let limit = MAX_PART_BYTES.min(left);
        let declared = file.size();
        if declared > limit {
            return Err(too_big(&entry, declared));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot unpack {entry} ({e})"))?;
        let got = bytes.len() as u64;
        if got > limit {
            return Err(too_big(&entry, got));
        }
        self.unpacked += got;
        Ok(Some(bytes))
    }

    /// The text of one part, which must be there.
    pub fn read_text(&mut self, name: &str) -> Result<String, String> {
        let bytes = self
            .read(name)?
            .ok_or_else(|| format!("a part is missing: {name}"))?;
        xml_text(name, bytes)
    }
}

fn too_big(entry: &str, size: u64) -> String {
    format!(
        "{entry} unpacks to more than {} MiB (a zip bomb, or not a document)",
        size.min(MAX_PART_BYTES) >> 20
    )
}

/// An XML part's bytes as text: UTF-8 (a BOM skipped), or UTF-16 with a BOM.
pub fn xml_text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => String::from_utf8(bytes[3..].to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] | [0xFE, 0xFF, rest @ ..] => {
            let le = bytes[0] == 0xFF;
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => String::from_utf8(bytes).ok(),
    }
    .ok_or_else(|| format!("{name} is not valid UTF-8 or UTF-16 text"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of the given parts, deflated (shared by the readers' tests).
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            w.start_file(*name, opts).expect("start");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish");
        out.into_inner()
    }

    #[test]
    fn parts_are_read_by_name_and_missing_ones_named() {
        let z = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let mut a = Archive::open(&z).expect("opens");
        assert!(a.contains("/word/document.xml"));
        assert_eq!(
            a.read_text("word/document.xml").expect("reads"),
            "<w:document/>"
        );
        assert_eq!(a.read("word/numbering.xml").expect("no error"), None);
        let err = a.read_text("word/styles.xml").expect_err("missing");
        assert!(err.contains("missing: word/styles.xml"), "{err}");
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let zeros = vec![0u8; usize::try_from(MAX_PART_BYTES).expect("fits") + 10];
        let z = zip_of(&[("word/document.xml", &zeros)]);
        assert!(z.len() < 1 << 20, "deflate packs zeros small");
        let mut a = Archive::open(&z).expect("opens");
        let err = a.read("word/document.xml").expect_err("bomb");
        assert!(err.contains("zip bomb"), "{err}");
    }

    #[test]
    fn a_damaged_zip_says_so() {
        let mut z = zip_of(&[("OFD.xml", b"<ofd:OFD/>")]);
        z.truncate(z.len() / 2);
        let err = Archive::open(&z).err().expect("damaged");
        assert!(err.contains("damaged"), "{err}");
    }
}
