//! Reading .pdf: the glyphs of the text layer with their positions (the
//! `pdf-extract` crate, on `lopdf`), rebuilt into paragraphs by
//! [`super::positioned`].
//!
//! Why pdf-extract (measured on this machine, 2 shared cores, Nov 2026):
//!
//! | | pdf-extract 0.12.1 (lopdf 0.42) | `pdf_oxide` 0.3.78 (no default features) |
//! |---|---|---|
//! | clean release build of a hello-world using it | 1 min 07 s | 19 min 14 s |
//! | that binary's size | 2.5 MB | 10.5 MB |
//! | glyphs of pdf-briefing-01.pdf (2 pages) | 23–41 ms | 11–21 ms |
//! | glyphs of a 48-page briefing made by soffice (337 KB) | 800 ms | 53 ms |
//! | glyph positions | exact baseline and advance per glyph | per-char boxes |
//!
//! Both decode the CJK text of the PDFs soffice makes without a wrong character;
//! `pdf_oxide`'s own text output puts a space after `——` and keeps the running
//! header, so either way the layout is ours. `pdftotext` (poppler) on the
//! 48-page file: about 0.3 s a run (process start included), with a space
//! between Han and digits (`30 个`) and one output line per printed line.
//! pdf-extract is slower (it re-parses each font's `ToUnicode` map on every
//! page) but is a small, pure-Rust dependency that builds in a minute; the
//! speed is enough for briefings (tens of ms a page). Its panics on broken
//! files are caught ([`guarded`]).

use super::Extracted;
use super::positioned::{self, Glyph, Page};
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::cell::Cell;
use std::io::Read;

/// Most pages a briefing may have; a larger PDF is refused rather than read
/// for minutes.
pub const MAX_PAGES: usize = 5_000;
/// Most glyphs read from one document.
pub const MAX_GLYPHS: usize = 5_000_000;
/// Most bytes one page's content streams may unpack to.
pub const MAX_CONTENT_BYTES: u64 = 32 << 20;

/// Reads the document's text; the error is a sentence for the user.
pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    guarded(|| extract(bytes)).unwrap_or_else(|| {
        Err(
            "the PDF reader failed on it (the file is damaged or uses something brief cannot read)"
                .into(),
        )
    })
}

thread_local! {
    /// Set while this thread runs the PDF crates, whose panics are caught
    /// and reported as errors, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside the PDF crates, whose panics are caught.
pub fn quiet() -> bool {
    QUIET.with(Cell::get)
}

/// Runs `f`, turning a panic into `None`. The panic message is not printed
/// (it would be noise under a clear error); panics elsewhere still are.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !quiet() {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut warnings = Vec::new();
    let doc = match load(bytes) {
        Ok(doc) => doc,
        Err(first) => {
            let repaired = rebuild_xref(bytes).ok_or(first.clone())?;
            let doc = load(&repaired).map_err(|_| first)?;
            warnings.push("its cross-reference table is damaged: brief rebuilt it".to_owned());
            doc
        }
    };
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(ENCRYPTED.into());
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err("it has no pages".into());
    }
    if page_ids.len() > MAX_PAGES {
        return Err(format!(
            "it has {} pages, more than the {MAX_PAGES} brief reads",
            page_ids.len()
        ));
    }
    let mut collector = Collector::default();
    let mut unreadable = Vec::new();
    for (&number, &id) in &page_ids {
        content_size(&doc, id).map_err(|e| format!("page {number} {e}"))?;
        collector.pages.push(Page::default());
        let page = guarded(|| pdf_extract::output_doc_page(&doc, &mut collector, number));
        if let Some(problem) = collector.stopped.take() {
            return Err(problem);
        }
        if !matches!(page, Some(Ok(()))) {
            unreadable.push(number);
            if let Some(last) = collector.pages.last_mut() {
                last.glyphs.clear();
            }
        }
    }
    let pages = collector.pages;
    if unreadable.len() == pages.len() {
        return Err("its pages could not be read (the file is damaged)".into());
    }
    if !unreadable.is_empty() {
        warnings.push(format!(
            "{} could not be read and {} left out",
            page_list(&unreadable),
            if unreadable.len() == 1 { "is" } else { "are" }
        ));
    }
    let textless: Vec<u32> = pages
        .iter()
        .zip(page_ids.keys())
        .filter(|(p, n)| !has_text(p) && !unreadable.contains(n))
        .map(|(_, n)| *n)
        .collect();
    if !pages.iter().any(has_text) {
        return Err(
            "it has no text layer (a scanned document): it needs OCR before brief can read it"
                .into(),
        );
    }
    if !textless.is_empty() {
        warnings.push(format!(
            "{} no text layer (scanned?): left out",
            match textless.len() {
                1 => format!("{} has", page_list(&textless)),
                _ => format!("{} have", page_list(&textless)),
            }
        ));
    }
    if collector.rotated > 0 {
        warnings.push(format!(
            "{} rotated characters (a watermark or a stamp) were left out",
            collector.rotated
        ));
    }
    let layout = positioned::paragraphs(&pages);
    Ok(Extracted {
        text: layout.text,
        pages: Some(pages.len()),
        warnings,
        ..Extracted::default()
    })
}

/// Whether a page draws any character that is not white space.
fn has_text(page: &Page) -> bool {
    page.glyphs
        .iter()
        .any(|g| !g.text.chars().all(char::is_whitespace))
}

const ENCRYPTED: &str = "it is encrypted (password-protected): open it with its password and save or print it as a new PDF without one";

fn load(bytes: &[u8]) -> Result<Document, String> {
    Document::load_mem(bytes).map_err(|e| {
        let text = e.to_string();
        let lower = text.to_ascii_lowercase();
        if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
            ENCRYPTED.to_owned()
        } else if !has_end_marker(bytes) {
            format!("it is cut short: the end of the file is missing ({text})")
        } else {
            format!("it is damaged and cannot be read ({text})")
        }
    })
}

/// Whether `%%EOF` is in the file's last kilobyte.
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    memchr::memmem::find(tail, b"%%EOF").is_some()
}

fn page_list(numbers: &[u32]) -> String {
    let list: Vec<String> = numbers.iter().take(10).map(u32::to_string).collect();
    let more = if numbers.len() > 10 { ", …" } else { "" };
    if numbers.len() == 1 {
        format!("page {}", list[0])
    } else {
        format!("pages {}{more}", list.join(", "))
    }
}

/// Checks that a page's content streams unpack to at most
/// [`MAX_CONTENT_BYTES`] (a flate bomb is refused before the crate unpacks
/// it without a limit).
fn content_size(doc: &Document, page: pdf_extract::ObjectId) -> Result<(), String> {
    let mut total = 0u64;
    for id in doc.get_page_contents(page) {
        let Ok(stream) = doc.get_object(id).and_then(pdf_extract::Object::as_stream) else {
            continue;
        };
        let flate = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|n| n[..] == b"FlateDecode"[..]));
        let size = if flate {
            let left = MAX_CONTENT_BYTES - total;
            let mut sink = std::io::sink();
            let mut reader =
                flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(left + 1);
            std::io::copy(&mut reader, &mut sink).unwrap_or(0)
        } else {
            stream.content.len() as u64
        };
        total += size;
        if total > MAX_CONTENT_BYTES {
            return Err(format!(
                "holds more than {} MiB of drawing instructions (damaged, or not a document)",
                MAX_CONTENT_BYTES >> 20
            ));
        }
    }
    Ok(())
}

/// Rebuilds the cross-reference table of a PDF whose table is missing or
/// points to the wrong places: every `N G obj` in the file is indexed, and
/// the trailer names the catalog found among them. `None` when there is
/// nothing to index.
fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::fmt::Write;
    let mut objects: Vec<(u32, u16, usize)> = Vec::new();
    let mut root = None;
    for at in memchr::memmem::find_iter(bytes, b" obj") {
        // Walk back over "G", a space, "N" to the start of the line.
        let head = &bytes[at.saturating_sub(24)..at];
        let Some(text) = std::str::from_utf8(head).ok().or_else(|| {
            head.iter()
                .rposition(|b| !b.is_ascii())
                .and_then(|p| std::str::from_utf8(&head[p + 1..]).ok())
        }) else {
            continue;
        };
        let mut parts = text.rsplit(|c: char| c.is_ascii_whitespace());
        let (Some(generation), Some(number)) = (parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(generation), Ok(number)) = (generation.parse::<u16>(), number.parse::<u32>())
        else {
            continue;
        };
        let start = at - generation.to_string().len() - 1 - number.to_string().len();
        if start > 0 && !bytes[start - 1].is_ascii_whitespace() {
            continue;
        }
        let body = &bytes[at..bytes.len().min(at + 512)];
        if memchr::memmem::find(body, b"/Catalog").is_some() {
            root = Some((number, generation));
        }
        objects.push((number, generation, start));
    }
    let (root_number, root_generation) = root?;
    objects.sort_by_key(|o| (o.0, o.2));
    let size = objects.iter().map(|o| o.0).max()? + 1;
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let xref_at = out.len();
    let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
    let mut next = 1;
    let mut index = 0;
    while next < size {
        // The last definition of an object wins, as an update would.
        while index + 1 < objects.len() && objects[index + 1].0 == objects[index].0 {
            index += 1;
        }
        match objects.get(index) {
            Some(&(number, generation, offset)) if number == next => {
                let _ = writeln!(table, "{offset:010} {generation:05} n ");
                index += 1;
            }
            _ => table.push_str("0000000000 65535 f \n"),
        }
        next += 1;
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {size} /Root {root_number} {root_generation} R >>\nstartxref\n{xref_at}\n%%EOF\n"
    );
    out.extend_from_slice(table.as_bytes());
    Some(out)
}

/// Collects the glyphs pdf-extract draws, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The page's top edge and left edge, in PDF space.
    top: f64,
    left: f64,
    glyphs: usize,
    rotated: usize,
    /// Why reading stopped (a limit), when it did.
    stopped: Option<String>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury.max(media_box.lly);
        self.left = media_box.llx.min(media_box.urx);
        if let Some(page) = self.pages.last_mut() {
            page.width = (media_box.urx - media_box.llx).abs();
            page.height = (media_box.ury - media_box.lly).abs();
        }
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if char.is_empty() {
            return Ok(());
        }
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            self.stopped = Some(format!(
                "it holds more than {MAX_GLYPHS} characters, more than a briefing has"
            ));
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // Upright text only: rotated glyphs are watermarks and stamps.
        if trm.m12.abs() > 0.01 * trm.m11.abs().max(1e-9) || trm.m11 <= 0.0 || trm.m22 <= 0.0 {
            self.rotated += 1;
            return Ok(());
        }
        let size = (font_size * trm.m22).abs();
        let em = (font_size * trm.m11).abs();
        let glyph = Glyph {
            x: trm.m31 - self.left,
            y: self.top - trm.m32,
            width: width * em,
            size,
            text: char.to_owned(),
        };
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists_read_as_english() {
        assert_eq!(page_list(&[3]), "page 3");
        assert_eq!(page_list(&[2, 5]), "pages 2, 5");
        let many: Vec<u32> = (1..=12).collect();
        assert_eq!(page_list(&many), "pages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …");
    }

    #[test]
    fn the_end_marker_is_looked_for_at_the_end() {
        assert!(has_end_marker(b"%PDF-1.4\n...\n%%EOF\n"));
        assert!(!has_end_marker(b"%PDF-1.4\n1 0 obj\n"));
    }

    #[test]
    fn a_cross_reference_table_is_rebuilt_from_the_objects() {
        let body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
        let fixed = rebuild_xref(body.as_bytes()).expect("rebuilt");
        let text = String::from_utf8(fixed).expect("ascii");
        let tail = &text[body.len()..];
        assert!(
            tail.starts_with("xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n"),
            "{tail}"
        );
        assert!(tail.contains("/Root 1 0 R"), "{tail}");
        assert!(
            tail.ends_with(&format!("startxref\n{}\n%%EOF\n", body.len())),
            "{tail}"
        );
        assert_eq!(rebuild_xref(b"%PDF-1.4\nno objects"), None);
    }

    #[test]
    fn a_panic_is_caught_and_kept_quiet() {
        assert_eq!(guarded(|| 7), Some(7));
        assert_eq!(guarded(|| -> u8 { panic!("boom") }), None);
        assert!(!QUIET.with(Cell::get), "the flag is put back");
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_an_error() {
        let err = read(b"%PDF-1.4\n").expect_err("empty");
        assert!(err.starts_with("it is"), "{err}");
    }
}
