//! Reading .docx (Office Open XML, as Word, WPS and `LibreOffice` write it):
//! the paragraphs of `word/document.xml` in reading order, with the markers
//! Word's automatic numbering shows (`一、`, `（一）`, `1.`), text boxes (where
//! red headers sit), tables (a task table's rows become items) and fields'
//! displayed results. Headers, footers and footnotes are not body text.

mod numbering;
mod styles;
mod tables;
mod xml;

use quick_xml::events::{BytesStart, Event};

use super::{Archive, Extracted, xml_text};
use crate::briefing::chars::{ends_sentence, is_space};
use crate::briefing::{items, parse_author_line};
use numbering::{Numbering, Suffix};
use styles::Styles;
use xml::{attr, name_of, parse_error, position};

const DOCUMENT: &str = "word/document.xml";

/// Tables nested deeper than this are read as their cells' paragraphs, so
/// that a hostile file cannot make the renderer recurse without end.
pub const MAX_TABLE_DEPTH: usize = 8;

/// Reads the document's text; the error is a sentence for the user.
pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    let mut zip = Archive::open(bytes)?;
    let document = zip.read_text(DOCUMENT)?;
    let mut warnings = Vec::new();
    let styles =
        optional(&mut zip, "word/styles.xml", Styles::parse, &mut warnings)?.unwrap_or_default();
    let mut numbering = optional(
        &mut zip,
        "word/numbering.xml",
        Numbering::parse,
        &mut warnings,
    )?
    .unwrap_or_default();
    numbering.link_styles(styles.numbering_styles());
    // The page count is a nicety: a damaged docProps/app.xml is ignored.
    let pages = zip
        .read("docProps/app.xml")
        .ok()
        .flatten()
        .and_then(|b| page_count(&String::from_utf8_lossy(&b)));

    let mut walker = Walker::new(&styles, &mut numbering);
    walker.walk(&document)?;
    let Walker {
        mut frames,
        footnotes,
        flattened_warning,
        undefined_lists,
        ..
    } = walker;
    let blocks = match frames.pop() {
        Some(Frame::Blocks(b)) => b,
        _ => Vec::new(),
    };
    if flattened_warning {
        warnings.push(format!(
            "tables nested more than {MAX_TABLE_DEPTH} deep are read as plain paragraphs"
        ));
    }
    if undefined_lists > 0 {
        warnings.push(format!(
            "{undefined_lists} numbered paragraph{} no list definition in word/numbering.xml: their numbers are not shown",
            if undefined_lists == 1 { " has" } else { "s have" }
        ));
    }
    if footnotes > 0 {
        warnings.push(format!(
            "the document's {footnotes} footnote{} left out (notes are not paragraphs of a section)",
            if footnotes == 1 { " is" } else { "s are" }
        ));
    }
    let mut out = tables::Output::default();
    tables::render_blocks(&blocks, &mut out);
    Ok(Extracted {
        text: out.text,
        pages,
        meta: Vec::new(),
        tasks: out.tasks,
        warnings,
    })
}

/// A part the text can be read without: when it is missing or broken, the
/// text is read anyway and a warning says what was lost. A zip that cannot
/// unpack the part (damaged, a bomb) is still an error.
fn optional<T>(
    zip: &mut Archive<'_>,
    name: &str,
    parse: fn(&str) -> Result<T, String>,
    warnings: &mut Vec<String>,
) -> Result<Option<T>, String> {
    let Some(bytes) = zip.read(name)? else {
        return Ok(None);
    };
    match xml_text(name, bytes).and_then(|t| parse(&t)) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            let lost = if name.ends_with("numbering.xml") {
                "automatic numbering (一、 1. …) is not shown"
            } else {
                "styles (headings, numbering given by a style) are not used"
            };
            warnings.push(format!("{e}: {lost}"));
            Ok(None)
        }
    }
}

/// `<Pages>12</Pages>` in `docProps/app.xml`.
fn page_count(app: &str) -> Option<usize> {
    let start = app.find("<Pages>")? + "<Pages>".len();
    let len = app[start..].find('<')?;
    app[start..start + len]
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

/// What the document holds, in reading order.
#[derive(Debug)]
pub(crate) enum Block {
    /// A paragraph's text, its number's marker included; `\n` where a line
    /// break inside it separates two units (see [`join_segments`]).
    Para(String),
    Table(Table),
}

#[derive(Debug, Default)]
pub(crate) struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// `w:gridBefore`: grid columns left empty before the first cell.
    pub grid_before: usize,
}

#[derive(Debug)]
pub(crate) struct Cell {
    pub blocks: Vec<Block>,
    /// `w:gridSpan`: grid columns the cell covers.
    pub span: usize,
    pub merge: Merge,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            blocks: Vec::new(),
            span: 1,
            merge: Merge::None,
        }
    }
}

/// `w:vMerge`: a cell merged with the one above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merge {
    None,
    Restart,
    Continue,
}

/// A container being filled while the XML is read.
enum Frame {
    /// The body, or a text box's content.
    Blocks(Vec<Block>),
    Table(Table),
    Row(Row),
    Cell(Cell),
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    /// The text between line breaks.
    segments: Vec<String>,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    outline: Option<u8>,
    in_ppr: bool,
    /// Depth of `w:r` (runs hold text boxes that hold runs).
    in_run: usize,
    in_text: bool,
    /// The run is hidden text (`w:vanish`).
    hidden: bool,
}

impl Para {
    fn push_str(&mut self, s: &str) {
        match self.segments.last_mut() {
            Some(last) => last.push_str(s),
            None => self.segments.push(s.to_owned()),
        }
    }

    fn push(&mut self, c: char) {
        match self.segments.last_mut() {
            Some(last) => last.push(c),
            None => self.segments.push(c.to_string()),
        }
    }

    fn line_break(&mut self) {
        if self.segments.is_empty() {
            self.segments.push(String::new());
        }
        self.segments.push(String::new());
    }
}

/// Reads `word/document.xml` event by event, without recursion: containers
/// and paragraphs are stacks on the heap.
struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    frames: Vec<Frame>,
    paras: Vec<Para>,
    /// Depth inside an element whose content is not shown (deleted text,
    /// field instructions, the other branch of an alternate content).
    skip: usize,
    /// Open fields: `true` while in the instruction part.
    fields: Vec<bool>,
    table_depth: usize,
    /// Tables opened past [`MAX_TABLE_DEPTH`] and not yet closed.
    flattened: usize,
    flattened_warning: bool,
    footnotes: usize,
    /// Numbered paragraphs whose list is not defined (numbering.xml missing
    /// or broken).
    undefined_lists: usize,
}

impl<'a> Walker<'a> {
    fn new(styles: &'a Styles, numbering: &'a mut Numbering) -> Self {
        Walker {
            styles,
            numbering,
            frames: vec![Frame::Blocks(Vec::new())],
            paras: Vec::new(),
            skip: 0,
            fields: Vec::new(),
            table_depth: 0,
            flattened: 0,
            flattened_warning: false,
            footnotes: 0,
            undefined_lists: 0,
        }
    }

    fn walk(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| parse_error(DOCUMENT, xml, &reader, &e))?;
            match event {
                Event::Start(e) => {
                    if self.skip > 0 {
                        self.skip += 1;
                    } else {
                        self.start(&e, false);
                    }
                }
                Event::Empty(e) => {
                    if self.skip == 0 {
                        self.start(&e, true);
                    }
                }
                Event::End(e) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                    } else {
                        self.end(name_of(e.name().as_ref()));
                    }
                }
                Event::Text(t) => {
                    if self.shows_text() {
                        let text = t.xml10_content();
                        if let Some(p) = self.paras.last_mut() {
                            p.push_str(&text);
                        }
                    }
                }
                Event::CData(t) => {
                    if self.shows_text() {
                        let text = t.xml10_content();
                        if let Some(p) = self.paras.last_mut() {
                            p.push_str(&text);
                        }
                    }
                }
                Event::GeneralRef(r) => {
                    let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                    let c = reference(&r, xml, at)?;
                    if self.shows_text()
                        && let Some(p) = self.paras.last_mut()
                    {
                        p.push(c);
                    }
                }
                Event::DocType(_) => {
                    // Entity definitions (a "billion laughs") are never
                    // expanded: a DOCTYPE is refused outright.
                    return Err(format!(
                        "{DOCUMENT} declares a DOCTYPE, which Word never writes (refused: it may define entities that expand without end)"
                    ));
                }
                Event::Eof => break,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
        Ok(())
    }

    fn shows_text(&self) -> bool {
        self.skip == 0
            && !self.fields.iter().any(|&instruction| instruction)
            && self
                .paras
                .last()
                .is_some_and(|p| p.in_text && p.in_run > 0 && !p.hidden)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let qname = e.name();
        let name = name_of(qname.as_ref());
        // Content that is not shown: deleted and moved-away text, field
        // instructions, ruby annotations, tracked old properties, section
        // properties (they name the headers and footers), and the fallback
        // branch of an alternate content (its text is the same as the chosen
        // branch's: reading both would show it twice).
        let hidden_subtree = matches!(
            name,
            "del"
                | "moveFrom"
                | "instrText"
                | "delText"
                | "delInstrText"
                | "rt"
                | "sectPr"
                | "sdtPr"
                | "sdtEndPr"
                | "mc:Fallback"
        ) || name.ends_with("Change");
        if hidden_subtree {
            self.skip += usize::from(!empty);
            return;
        }
        match name {
            "p" => {
                if !empty {
                    self.paras.push(Para::default());
                }
            }
            "tbl" => {
                if empty {
                } else if self.table_depth >= MAX_TABLE_DEPTH || self.flattened > 0 {
                    self.flattened += 1;
                    self.flattened_warning = true;
                } else {
                    self.table_depth += 1;
                    self.frames.push(Frame::Table(Table::default()));
                }
            }
            "tr" => {
                if self.flattened == 0 && !empty {
                    self.frames.push(Frame::Row(Row::default()));
                }
            }
            "tc" => {
                if self.flattened == 0 {
                    if empty {
                        if let Some(Frame::Row(r)) = self.frames.last_mut() {
                            r.cells.push(Cell::default());
                        }
                    } else {
                        self.frames.push(Frame::Cell(Cell::default()));
                    }
                }
            }
            "gridSpan" | "vMerge" if self.flattened == 0 => {
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    let val = attr(e, "val");
                    if name == "gridSpan" {
                        c.span = val
                            .and_then(|v| v.trim().parse().ok())
                            .filter(|&n| n >= 1)
                            .unwrap_or(1)
                            .min(64);
                    } else {
                        c.merge = if val.as_deref() == Some("restart") {
                            Merge::Restart
                        } else {
                            Merge::Continue
                        };
                    }
                }
            }
            "gridBefore" if self.flattened == 0 => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.grid_before = attr(e, "val")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0usize)
                        .min(64);
                }
            }
            "txbxContent" => {
                if !empty {
                    self.frames.push(Frame::Blocks(Vec::new()));
                }
            }
            "v:textpath" => {
                // WordArt in VML (a red header drawn as a shape).
                if let Some(s) = attr(e, "string")
                    && !s.trim_matches(is_space).is_empty()
                {
                    self.attach(Block::Para(s));
                }
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(top) = self.fields.last_mut() {
                        *top = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "footnoteReference" | "endnoteReference" => self.footnotes += 1,
            _ => self.paragraph_element(name, e, empty),
        }
    }

    /// Elements inside a paragraph: its properties and its runs' content.
    fn paragraph_element(&mut self, name: &str, e: &BytesStart<'_>, empty: bool) {
        let showing = !self.fields.iter().any(|&i| i);
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let number = || attr(e, "val").and_then(|v| v.trim().parse::<u32>().ok());
        if p.in_ppr {
            match name {
                "pStyle" => p.style = attr(e, "val"),
                "numId" => p.num_id = number(),
                "ilvl" => p.ilvl = number(),
                "outlineLvl" => p.outline = number().and_then(|v| u8::try_from(v).ok()),
                _ => {}
            }
            return;
        }
        match name {
            "pPr" => p.in_ppr = !empty,
            "r" if !empty => {
                p.in_run += 1;
                p.hidden = false;
            }
            "t" => p.in_text = !empty,
            _ if p.in_run == 0 || !showing || p.hidden => {}
            "vanish" => {
                p.hidden = !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"));
            }
            "tab" | "ptab" => p.push('\t'),
            // A page or column break is not a paragraph break.
            "br" | "cr" if !matches!(attr(e, "type").as_deref(), Some("page" | "column")) => {
                p.line_break();
            }
            "noBreakHyphen" => p.push('-'),
            "sym" => {
                // Symbol-font characters (private use) have no meaning as text.
                if let Some(c) = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .filter(|c| !(0xE000..=0xF8FF).contains(c))
                    .and_then(char::from_u32)
                {
                    p.push(c);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(p) = self.paras.pop()
                    && let Some(text) = self.finish(&p)
                {
                    self.attach(Block::Para(text));
                }
            }
            "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = false;
                }
            }
            "r" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_run = p.in_run.saturating_sub(1);
                    p.hidden = false;
                }
            }
            "t" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_text = false;
                }
            }
            "tc" if self.flattened == 0 => {
                if !matches!(self.frames.last(), Some(Frame::Cell(_))) {
                    return;
                }
                let Some(Frame::Cell(c)) = self.frames.pop() else {
                    return;
                };
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.cells.push(c);
                } else {
                    // A cell outside a row: its paragraphs stay.
                    for b in c.blocks {
                        self.attach(b);
                    }
                }
            }
            "tr" if self.flattened == 0 => {
                if let Some(Frame::Row(_)) = self.frames.last()
                    && let Some(Frame::Row(r)) = self.frames.pop()
                {
                    if let Some(Frame::Table(t)) = self.frames.last_mut() {
                        t.rows.push(r);
                    } else {
                        for b in r.cells.into_iter().flat_map(|c| c.blocks) {
                            self.attach(b);
                        }
                    }
                }
            }
            "tbl" => {
                if self.flattened > 0 {
                    self.flattened -= 1;
                } else if let Some(Frame::Table(_)) = self.frames.last()
                    && let Some(Frame::Table(t)) = self.frames.pop()
                {
                    self.table_depth = self.table_depth.saturating_sub(1);
                    self.attach(Block::Table(t));
                }
            }
            "txbxContent" => {
                if self.frames.len() > 1
                    && let Some(Frame::Blocks(_)) = self.frames.last()
                    && let Some(Frame::Blocks(blocks)) = self.frames.pop()
                {
                    // A text box's paragraphs come before the paragraph it
                    // is anchored in.
                    for b in blocks {
                        self.attach(b);
                    }
                }
            }
            _ => {}
        }
    }

    /// Puts a block into the innermost container that holds blocks.
    fn attach(&mut self, block: Block) {
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Blocks(b) => return b.push(block),
                Frame::Cell(c) => return c.blocks.push(block),
                Frame::Table(_) | Frame::Row(_) => {}
            }
        }
        self.frames.insert(0, Frame::Blocks(vec![block]));
    }

    /// A paragraph's text with its number's marker, or `None` when it shows
    /// nothing. A numbered paragraph advances its list's counter even when
    /// empty, as in Word.
    fn finish(&mut self, p: &Para) -> Option<String> {
        let style = p.style.as_deref();
        let from_style = style.and_then(|s| self.styles.numbering(s));
        let (num_id, ilvl) = match (p.num_id, from_style) {
            (Some(n), style_num) => (Some(n), p.ilvl.or(style_num.and_then(|s| s.1))),
            (None, Some((n, l))) => (Some(n), p.ilvl.or(l)),
            (None, None) => (None, None),
        };
        let ilvl = match (num_id, ilvl, style) {
            (_, Some(l), _) => usize::try_from(l).unwrap_or(usize::MAX),
            (Some(n), None, Some(s)) => self.numbering.level_of_style(n, s).unwrap_or(0),
            _ => 0,
        };
        let marker = num_id.and_then(|n| self.numbering.next(n, ilvl));
        if marker.is_none() && num_id.is_some_and(|n| n != 0) {
            self.undefined_lists += 1;
        }
        let heading = p
            .outline
            .filter(|&l| l < 9)
            .or_else(|| style.and_then(|s| self.styles.outline(s)))
            .is_some();
        let text = join_segments(&p.segments, heading);
        if text.trim_matches(is_space).is_empty() {
            return None;
        }
        match marker {
            Some((m, suffix)) if !m.is_empty() => {
                // A tab after 一、 or （一） reads as nothing; after 1. as a
                // space.
                let spaced = match suffix {
                    Suffix::Nothing => false,
                    Suffix::Space => true,
                    Suffix::Tab => m.ends_with(|c: char| c.is_ascii()),
                };
                let gap = if spaced { " " } else { "" };
                Some(format!("{m}{gap}{}", text.trim_start_matches(is_space)))
            }
            _ => Some(text),
        }
    }
}

/// The character an entity or character reference stands for: only XML's
/// five predefined entities exist (a document without a DOCTYPE defines no
/// others).
fn reference(r: &quick_xml::events::BytesRef<'_>, xml: &str, at: usize) -> Result<char, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c),
        Ok(None) => {
            let name = r.xml10_content();
            quick_xml::escape::resolve_predefined_entity(&name)
                .and_then(|s| s.chars().next())
                .ok_or_else(|| {
                    format!(
                        "{DOCUMENT} uses an undefined entity &{name}; {}",
                        position(xml, at)
                    )
                })
        }
        Err(e) => Err(format!(
            "{DOCUMENT} has a bad character reference {} ({e})",
            position(xml, at)
        )),
    }
}

/// Joins the parts of a paragraph that line breaks (`w:br`) separate. A
/// break stays a line break where the two sides are separate units: the
/// part before ends a sentence, the part after opens an item (`二是…`,
/// `2.`), one side is an author line, or an empty line lies between them.
/// Otherwise the break only wrapped the line, and the parts are joined (a
/// space between two Latin letters or digits). In a heading, parts are
/// always joined.
fn join_segments(segments: &[String], heading: bool) -> String {
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    let mut blank = false;
    for seg in segments {
        let trimmed = seg.trim_matches(is_space);
        if trimmed.is_empty() {
            blank = prev.is_some();
            continue;
        }
        if let Some(before) = prev {
            let separate = !heading
                && (blank
                    || ends_sentence(before)
                    || items::marker_at(trimmed, true).is_some()
                    || parse_author_line(before).is_some()
                    || parse_author_line(trimmed).is_some());
            if separate {
                out.push('\n');
                out.push_str(seg);
            } else {
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let kept = out.trim_end_matches(is_space).len();
                out.truncate(kept);
                if latin(before.chars().last()) && latin(trimmed.chars().next()) {
                    out.push(' ');
                }
                out.push_str(trimmed);
            }
        } else {
            out.push_str(seg);
        }
        prev = Some(trimmed);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests;
