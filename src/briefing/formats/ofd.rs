//! Reading .ofd (GB/T 33190-2016): a zip whose `OFD.xml` names the
//! document (`DocBody/DocRoot`), whose `Document.xml` lists the pages
//! (`Pages/Page@BaseLoc`), each page's `Content.xml` drawing text as
//! `TextObject`s (a `Boundary` box, a font `Size`, an optional `CTM`) holding
//! `TextCode` runs placed at `X`/`Y` in the box and advanced by
//! `DeltaX`/`DeltaY` (where `g 3 5.2` means three steps of 5.2). The glyphs
//! go to [`super::positioned`], which rebuilds lines and paragraphs.
//!
//! Left out: templates (page backgrounds), annotations, signatures and
//! stamps (separate parts, never read), images and paths.

use super::positioned::{self, Glyph, Page};
use super::{Archive, Extracted};
use crate::briefing::chars::is_han;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Most pages read from one document.
pub const MAX_PAGES: usize = 5_000;
/// Most glyphs read from one document.
pub const MAX_GLYPHS: usize = 5_000_000;

/// Millimetres (OFD's unit) to points.
const MM: f64 = 72.0 / 25.4;

/// Reads the document's text; the error is a sentence for the user.
pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    let mut zip = Archive::open(bytes)?;
    let ofd = zip.read_text("OFD.xml")?;
    let root = first_text(&ofd, "DocRoot")
        .map_err(|e| format!("OFD.xml is damaged ({e})"))?
        .ok_or("OFD.xml names no document (DocBody/DocRoot)")?;
    let root = clean_path(&root);
    let document = zip.read_text(&root)?;
    let doc = parse_document(&document).map_err(|e| format!("{root} is damaged ({e})"))?;
    if doc.pages.is_empty() {
        return Err(format!("{root} lists no pages"));
    }
    if doc.pages.len() > MAX_PAGES {
        return Err(format!(
            "it has {} pages, more than the {MAX_PAGES} brief reads",
            doc.pages.len()
        ));
    }
    let base = root.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut pages = Vec::with_capacity(doc.pages.len());
    let mut warnings = Vec::new();
    let mut glyphs = 0usize;
    let mut rotated = 0usize;
    let mut read_any = false;
    for (n, loc) in doc.pages.iter().enumerate() {
        let path = resolve(base, loc);
        let mut page = Page {
            width: doc.width * MM,
            height: doc.height * MM,
            glyphs: Vec::new(),
        };
        match zip.read(&path)? {
            None => warnings.push(format!("page {} is missing: {path}", n + 1)),
            Some(content) => {
                let text = super::xml_text(&path, content)?;
                match parse_page(&text, &mut page) {
                    Ok(turned) => {
                        read_any = true;
                        rotated += turned;
                    }
                    Err(e) => {
                        page.glyphs.clear();
                        warnings.push(format!("page {} is damaged ({e}): {path}", n + 1));
                    }
                }
            }
        }
        glyphs += page.glyphs.len();
        if glyphs > MAX_GLYPHS {
            return Err(format!(
                "it holds more than {MAX_GLYPHS} characters, more than a briefing has"
            ));
        }
        pages.push(page);
    }
    if !read_any {
        return Err(warnings
            .first()
            .cloned()
            .unwrap_or_else(|| "no page could be read".into()));
    }
    if !pages
        .iter()
        .any(|p| p.glyphs.iter().any(|g| !g.text.trim().is_empty()))
    {
        return Err(
            "it has no text (its pages are images): it needs OCR before brief can read it".into(),
        );
    }
    if rotated > 0 {
        warnings.push(format!(
            "{rotated} rotated characters (a watermark or a stamp) were left out"
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

/// A part's name inside the zip: no leading `/`, `\` as `/`.
fn clean_path(path: &str) -> String {
    path.trim()
        .replace('\\', "/")
        .trim_start_matches('/')
        .to_owned()
}

/// A `BaseLoc` relative to the document's folder (or absolute in the
/// package when it starts with `/`), with `.` and `..` resolved.
fn resolve(base: &str, loc: &str) -> String {
    let loc = loc.trim().replace('\\', "/");
    let joined = if loc.starts_with('/') || base.is_empty() {
        loc
    } else {
        format!("{base}/{loc}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The text of the first element with this local name.
fn first_text(xml: &str, name: &str) -> Result<Option<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().into_inner() == name => inside = true,
            Event::Text(t) if inside => text.push_str(&t.xml10_content()),
            Event::End(e) if inside && e.local_name().into_inner() == name => {
                return Ok(Some(text));
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// What `Document.xml` says: the page size and the pages' locations.
struct DocumentPart {
    width: f64,
    height: f64,
    pages: Vec<String>,
}

fn parse_document(xml: &str) -> Result<DocumentPart, String> {
    let mut reader = Reader::from_str(xml);
    let mut doc = DocumentPart {
        width: 210.0,
        height: 297.0,
        pages: Vec::new(),
    };
    let mut in_box = false;
    let mut in_page_area = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "Page" => {
                    if let Some(loc) = attr(&e, "BaseLoc") {
                        doc.pages.push(loc);
                    }
                }
                "PageArea" => in_page_area = true,
                "PhysicalBox" if in_page_area => in_box = true,
                _ => {}
            },
            Event::Text(t) if in_box => {
                let nums = numbers(&t.xml10_content());
                if let [_, _, w, h] = nums[..]
                    && w > 0.0
                    && h > 0.0
                {
                    doc.width = w;
                    doc.height = h;
                }
                in_box = false;
            }
            Event::End(e) => match e.local_name().into_inner() {
                "PageArea" => in_page_area = false,
                "PhysicalBox" => in_box = false,
                _ => {}
            },
            Event::Eof => return Ok(doc),
            _ => {}
        }
    }
}

/// An attribute's value, by local name.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_ascii_whitespace()
        .filter_map(|n| n.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .collect()
}

/// A `DeltaX`/`DeltaY` list with `g N v` expanded (N capped so that a
/// hostile count cannot fill memory).
fn deltas(s: &str, cap: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut words = s.split_ascii_whitespace();
    while let Some(w) = words.next() {
        if out.len() >= cap {
            break;
        }
        if w == "g" {
            let count = words.next().and_then(|n| n.parse::<usize>().ok());
            let value = words.next().and_then(|v| v.parse::<f64>().ok());
            if let (Some(count), Some(value)) = (count, value) {
                let room = cap - out.len();
                out.extend(std::iter::repeat_n(value, count.min(room)));
            }
        } else if let Ok(v) = w.parse::<f64>() {
            out.push(v);
        }
    }
    out
}

/// The text object being read.
#[derive(Default)]
struct TextObject {
    /// Boundary's origin.
    x: f64,
    y: f64,
    size: f64,
    /// `CTM` a b c d e f, applied to positions inside the boundary.
    ctm: Option<[f64; 6]>,
    /// Where the next run starts when it gives no `X`/`Y`.
    pen: (f64, f64),
}

/// The run being read.
struct Run {
    x: f64,
    y: f64,
    dx: Vec<f64>,
    dy: Vec<f64>,
    text: String,
}

/// Reads one page's text objects into `page`; returns how many rotated
/// glyphs were left out.
fn parse_page(xml: &str, page: &mut Page) -> Result<usize, String> {
    let mut reader = Reader::from_str(xml);
    let mut object: Option<TextObject> = None;
    let mut run: Option<Run> = None;
    let mut in_area_box = false;
    let mut rotated = 0;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().into_inner() {
                "TextObject" => object = Some(text_object(&e)),
                "TextCode" if object.is_some() => run = Some(start_run(&e, object.as_ref())),
                "PhysicalBox" => in_area_box = true,
                _ => {}
            },
            Event::Text(t) => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&t.xml10_content());
                } else if in_area_box {
                    // A page may have its own size.
                    if let [_, _, w, h] = numbers(&t.xml10_content())[..]
                        && w > 0.0
                        && h > 0.0
                    {
                        page.width = w * MM;
                        page.height = h * MM;
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(run) = run.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        run.text.push(c);
                    } else {
                        let name: &str = &r;
                        run.text.push_str(match name {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "TextCode" => {
                    if let (Some(r), Some(o)) = (run.take(), object.as_mut()) {
                        rotated += place(&r, o, &mut page.glyphs);
                    }
                }
                "TextObject" => object = None,
                "PhysicalBox" => in_area_box = false,
                _ => {}
            },
            Event::Eof => return Ok(rotated),
            _ => {}
        }
    }
}

fn text_object(e: &BytesStart) -> TextObject {
    let boundary = attr(e, "Boundary").map(|b| numbers(&b)).unwrap_or_default();
    let size = attr(e, "Size")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(3.5);
    let ctm = attr(e, "CTM").and_then(|c| <[f64; 6]>::try_from(numbers(&c)).ok());
    TextObject {
        x: boundary.first().copied().unwrap_or(0.0),
        y: boundary.get(1).copied().unwrap_or(0.0),
        size,
        ctm,
        pen: (0.0, 0.0),
    }
}

fn start_run(e: &BytesStart, object: Option<&TextObject>) -> Run {
    let num = |name: &str| {
        attr(e, name)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
    };
    let pen = object.map_or((0.0, 0.0), |o| o.pen);
    Run {
        x: num("X").unwrap_or(pen.0),
        y: num("Y").unwrap_or(pen.1),
        dx: attr(e, "DeltaX").map_or_else(Vec::new, |d| deltas(&d, 100_000)),
        dy: attr(e, "DeltaY").map_or_else(Vec::new, |d| deltas(&d, 100_000)),
        text: String::new(),
    }
}

/// Places a run's characters: the first at (X, Y) in the object's box, each
/// next one a `DeltaX` (and `DeltaY`) further; returns how many were left
/// out as rotated.
fn place(run: &Run, object: &mut TextObject, out: &mut Vec<Glyph>) -> usize {
    let chars: Vec<char> = run.text.chars().collect();
    let size = object.size;
    let natural = |c: char| {
        if is_han(c) || !c.is_ascii() {
            size
        } else {
            size * 0.5
        }
    };
    let (mut x, mut y) = (run.x, run.y);
    let mut rotated = 0;
    // A CTM scales (and may turn) the box's content.
    let (scale, turned) = object.ctm.map_or((1.0, false), |[a, b, c, d, _, _]| {
        let det = (a * d - b * c).abs().sqrt();
        (
            det,
            b.abs() > 0.01 * a.abs().max(1e-9) || a <= 0.0 || d <= 0.0,
        )
    });
    for (i, &c) in chars.iter().enumerate() {
        let step = run.dx.get(i).copied();
        let advance = step.filter(|s| *s > 0.0).unwrap_or_else(|| natural(c));
        let (px, py) = match object.ctm {
            Some(m) => (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]),
            None => (x, y),
        };
        if turned {
            rotated += 1;
        } else {
            out.push(Glyph {
                x: (object.x + px) * MM,
                y: (object.y + py) * MM,
                width: advance * scale * MM,
                size: size * scale * MM,
                text: c.to_string(),
            });
        }
        x += step.unwrap_or(advance);
        y += run.dy.get(i).copied().unwrap_or(0.0);
    }
    object.pen = (x, y);
    rotated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_lists_expand_their_repeats() {
        assert_eq!(deltas("g 3 5.2", 100), [5.2, 5.2, 5.2]);
        assert_eq!(deltas("1 g 2 2.5 3", 100), [1.0, 2.5, 2.5, 3.0]);
        assert_eq!(deltas("g 1000000000 1", 5).len(), 5, "capped");
        assert_eq!(deltas("g x 1 2", 100), [2.0], "a broken repeat is skipped");
    }

    #[test]
    fn base_locations_resolve_against_the_document_folder() {
        assert_eq!(
            resolve("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0", "/Doc_0/Pages/P.xml"), "Doc_0/Pages/P.xml");
        assert_eq!(resolve("Doc_0", "../Doc_1/./P.xml"), "Doc_1/P.xml");
        assert_eq!(clean_path("/Doc_0\\Document.xml"), "Doc_0/Document.xml");
    }

    #[test]
    fn text_codes_are_placed_in_their_box() {
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
            <ofd:TextObject Boundary="10 20 100 10" Size="5"><ofd:TextCode X="1" Y="4" DeltaX="g 2 5">A&amp;B</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="0 0 10 10" Size="5" CTM="0 1 -1 0 0 0"><ofd:TextCode X="0" Y="4">印</ofd:TextCode></ofd:TextObject>
            </ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut page = Page::default();
        let rotated = parse_page(xml, &mut page).expect("parses");
        assert_eq!(rotated, 1);
        let got: Vec<(String, f64, f64)> = page
            .glyphs
            .iter()
            .map(|g| {
                (
                    g.text.clone(),
                    (g.x / MM * 100.0).round() / 100.0,
                    (g.y / MM * 100.0).round() / 100.0,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A".to_owned(), 11.0, 24.0),
                ("&".to_owned(), 16.0, 24.0),
                ("B".to_owned(), 21.0, 24.0)
            ]
        );
    }

    #[test]
    fn a_run_wrapped_with_negative_deltas_comes_back_as_two_lines() {
        let xml = r#"<Page><Content><Layer><TextObject Boundary="0 0 100 20" Size="5">
            <TextCode X="0" Y="5" DeltaX="5 -5 5" DeltaY="0 6 0">一二三四</TextCode></TextObject></Layer></Content></Page>"#;
        let mut page = Page {
            width: 210.0 * MM,
            height: 297.0 * MM,
            glyphs: Vec::new(),
        };
        parse_page(xml, &mut page).expect("parses");
        let ys: Vec<f64> = page.glyphs.iter().map(|g| (g.y / MM).round()).collect();
        assert_eq!(ys, [5.0, 5.0, 11.0, 11.0]);
    }
}
