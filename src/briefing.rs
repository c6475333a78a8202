//! The domain: a briefing, its sections and their action items, and loading one
//! from a file. Plain data; nothing here knows about the terminal.

mod author;
pub mod chars;
pub mod decode;
pub mod formats;
mod frame;
pub mod items;
pub mod ledger;
pub mod paragraphs;
pub mod sniff;
mod text;
mod toml;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thin_vec::ThinVec;

pub use author::{Author, parse_author_line, split_organisation};
pub use decode::{DecodeError, Encoding};
pub use paragraphs::{Label, Paragraphs};

/// One briefing file: a title and the sections (speakers, departments or chapters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Briefing {
    pub path: String,
    /// The text's encoding; `None` for formats that are not text (.docx, .pdf…).
    pub encoding: Option<Encoding>,
    pub title: String,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
    /// What the file was (DOCUMENTS.md, "Contract additions").
    pub format: DocFormat,
    /// The official-document frame (GB/T 9704); empty for a briefing
    /// without one. Its fields sit beside the others in the JSON.
    #[serde(flatten)]
    pub frame: Frame,
    /// How many pages the document has, for formats with pages.
    pub pages: Option<usize>,
    /// Whether the sections are speakers' statements or a document's chapters.
    #[serde(skip)]
    pub kind: SectionKind,
    /// The author of the whole document (a report's speaker), when it names one.
    #[serde(skip)]
    pub author: Option<Author>,
    /// The key marks are kept under: a hash of the folded title, computed once
    /// when the briefing is read (see [`crate::store::briefing_key`]).
    #[serde(skip)]
    pub key: String,
    /// The local day its file was last changed, for a briefing read from a
    /// file (a library without dates is shelved by it).
    #[serde(skip)]
    pub filed: Option<jiff::civil::Date>,
}

/// What a formal document's frame says (GB/T 9704-2012, DOCUMENTS.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Frame {
    /// 发文字号: `临政办发〔2026〕31号`.
    pub doc_number: Option<String>,
    /// 发文机关, from the red header, the signature or the page's metadata.
    pub issuer: Option<String>,
    /// 主送机关.
    pub recipients: Vec<String>,
    /// 抄送.
    pub cc: Vec<String>,
    /// 密级 and 紧急程度: `机密★1年 特急`.
    pub classification: Option<String>,
    /// 附件说明: the attachments' names.
    pub attachments: Vec<String>,
}

/// The format a briefing was read from, as `parse --json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    #[default]
    Text,
    Toml,
    Docx,
    Ofd,
    Pdf,
    Html,
    Markdown,
}

impl DocFormat {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            DocFormat::Text => "text",
            DocFormat::Toml => "TOML",
            DocFormat::Docx => "a Word document (.docx)",
            DocFormat::Ofd => "an OFD document (.ofd)",
            DocFormat::Pdf => "a PDF document",
            DocFormat::Html => "a web page (.html)",
            DocFormat::Markdown => "a Markdown page (.md)",
        }
    }
}

impl Briefing {
    /// Gives back what its lists grew but do not use: for a briefing kept
    /// for long (a library in the reader holds thousands).
    pub fn shrink_to_fit(&mut self) {
        self.sections.shrink_to_fit();
        self.warnings.shrink_to_fit();
        for s in &mut self.sections {
            s.items.shrink_to_fit();
        }
    }

    /// An empty briefing read from `name`, to be filled by a parser.
    pub(crate) fn empty(name: &str, encoding: Option<Encoding>) -> Briefing {
        Briefing {
            path: name.to_owned(),
            encoding,
            title: String::new(),
            subtitle: None,
            date: None,
            source: None,
            sections: Vec::new(),
            warnings: Vec::new(),
            format: DocFormat::Text,
            frame: Frame::default(),
            pages: None,
            kind: SectionKind::Whole,
            author: None,
            key: String::new(),
            filed: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SectionKind {
    /// Opened by a headline and an author line.
    #[default]
    Departments,
    /// Opened by top-level headings (一、 / 第一章 / 壹、).
    Chapters,
    /// A document with neither: one section.
    Whole,
}

/// One speaker's statement, or one chapter. A library holds ten thousand:
/// its words are one text (paragraphs, then headline, department, position
/// and person) and the lists thin, 32 bytes in all.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub paragraphs: Paragraphs,
    pub items: ThinVec<Item>,
}

/// An enumerated action item. Its words are places in its section's
/// paragraphs, read through the section: `item.text(&section.paragraphs)`.
///
/// A library holds tens of thousands of items, so one is kept in 96 bytes:
/// its words as byte ranges, and what few items have (words the paragraph
/// does not hold, a task table's cells) behind one pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: ItemId,
    paragraph: u32,
    level: u8,
    pub inferred: bool,
    marker: Span,
    title: Span,
    text: Span,
    extra: Option<Box<Extra>>,
    /// Lead unit, supporting units, deadline and targets (LEDGER.md).
    pub followup: ledger::Followup,
}

// Kept as small as said above, on 64-bit targets.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Item>() == 80 && std::mem::size_of::<Section>() == 32);

/// Some of an item's words: a byte range of its paragraph, or words of its
/// own where the paragraph does not hold them (a TOML item's number, a
/// listed item the text does not contain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Words {
    In(u32, u32),
    Own(Box<str>),
}

impl Words {
    /// The range `range` of a paragraph.
    pub(crate) fn of(range: std::ops::Range<usize>) -> Words {
        let at = |i: usize| u32::try_from(i).expect("a paragraph is smaller than the 4 GB limit");
        Words::In(at(range.start), at(range.end))
    }
}

/// Where some of an item's words are: a byte range of its paragraph, or,
/// starting at [`Span::OWN`], the item's own words of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The start of a span whose words the item holds itself.
    const OWN: u32 = u32::MAX;

    fn range(self) -> Option<std::ops::Range<usize>> {
        (self.start != Span::OWN).then_some(self.start as usize..self.end as usize)
    }
}

/// What few items have.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Extra {
    /// Marker, title and text, where the paragraph does not hold them.
    own: [Option<Box<str>>; 3],
    /// See [`Item::cells`].
    cells: ThinVec<Cell>,
}

impl Item {
    /// An item of paragraph `paragraph` at nesting level `level`, its id
    /// still to be given.
    pub(crate) fn new(
        paragraph: usize,
        level: usize,
        marker: Words,
        title: Words,
        text: Words,
        inferred: bool,
    ) -> Item {
        let mut extra = None::<Box<Extra>>;
        let mut span = |words: Words, k: usize| match words {
            Words::In(start, end) => Span { start, end },
            Words::Own(words) => {
                extra.get_or_insert_default().own[k] = Some(words);
                Span {
                    start: Span::OWN,
                    end: Span::OWN,
                }
            }
        };
        let (marker, title, text) = (span(marker, 0), span(title, 1), span(text, 2));
        Item {
            id: ItemId::default(),
            paragraph: u32::try_from(paragraph).expect("fewer than 4 billion paragraphs"),
            level: u8::try_from(level).expect("items nest a few levels deep"),
            inferred,
            marker,
            title,
            text,
            extra,
            followup: ledger::Followup::default(),
        }
    }

    /// The index of the item's paragraph in its section.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    /// How deep the item nests: 0 for a top-level series.
    pub fn level(&self) -> usize {
        usize::from(self.level)
    }

    /// Byte range of the item's text inside its paragraph; empty for an
    /// item whose text the paragraph does not hold.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.text.range().unwrap_or(0..0)
    }

    /// The marker as written (`一是`, `（一）`), empty for an inferred item.
    pub fn marker<'a>(&'a self, paragraphs: &'a Paragraphs) -> &'a str {
        self.words(self.marker, 0, paragraphs)
    }

    /// The item's title: its first sentence after the marker.
    pub fn title<'a>(&'a self, paragraphs: &'a Paragraphs) -> &'a str {
        self.words(self.title, 1, paragraphs)
    }

    /// The item's text, marker included, up to the next item of its level.
    pub fn text<'a>(&'a self, paragraphs: &'a Paragraphs) -> &'a str {
        self.words(self.text, 2, paragraphs)
    }

    /// The cells of the task-table row the item came from (.docx, .html:
    /// `牵头单位`, `配合单位`, `完成时限` …), in column order; empty (and left
    /// out of the JSON) for items found in running text.
    pub fn cells(&self) -> &[Cell] {
        self.extra.as_ref().map_or(&[], |e| &e.cells)
    }

    /// Gives the item the cells of its task-table row.
    pub fn set_cells(&mut self, cells: impl IntoIterator<Item = Cell>) {
        let cells: ThinVec<Cell> = cells.into_iter().collect();
        if cells.is_empty() && self.extra.is_none() {
            return;
        }
        self.extra.get_or_insert_default().cells = cells;
    }

    fn words<'a>(&'a self, span: Span, k: usize, paragraphs: &'a Paragraphs) -> &'a str {
        match span.range() {
            Some(range) => paragraphs
                .get(self.paragraph())
                .and_then(|p| p.get(range))
                .unwrap_or(""),
            None => self
                .extra
                .as_ref()
                .and_then(|e| e.own[k].as_deref())
                .unwrap_or(""),
        }
    }
}

/// An item's id: a stable hash, written as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ItemId(pub u64);

impl ItemId {
    /// The id as written, without a heap string.
    pub fn hex(self) -> HexId {
        let mut digits = [0; 16];
        for (k, d) in digits.iter_mut().enumerate() {
            let nibble = (self.0 >> (60 - 4 * k)) & 0xf;
            *d = b"0123456789abcdef"[nibble as usize];
        }
        HexId(digits)
    }
}

/// An [`ItemId`]'s 16 hex digits, as a `str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexId([u8; 16]);

impl std::ops::Deref for HexId {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for ItemId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl fmt::Debug for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section")
            .field("headline", &self.headline())
            .field("department", &self.department())
            .field("position", &self.position())
            .field("person", &self.person())
            .field("paragraphs", &self.paragraphs)
            .field("items", &self.items)
            .finish()
    }
}

impl Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Section", 6)?;
        st.serialize_field("headline", &self.headline())?;
        st.serialize_field("department", &self.department())?;
        st.serialize_field("position", &self.position())?;
        st.serialize_field("person", &self.person())?;
        st.serialize_field("paragraphs", &self.paragraphs)?;
        st.serialize_field("items", &ItemsJson(self))?;
        st.end()
    }
}

/// A section's items as the JSON contract (FORMAT.md) writes them, each
/// with its words.
struct ItemsJson<'a>(&'a Section);

impl Serialize for ItemsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let paragraphs = &self.0.paragraphs;
        s.collect_seq(self.0.items.iter().map(|i| ItemJson {
            id: i.id,
            marker: i.marker(paragraphs),
            title: i.title(paragraphs),
            text: i.text(paragraphs),
            paragraph: i.paragraph,
            level: u32::from(i.level),
            inferred: i.inferred,
            cells: i.cells(),
            followup: &i.followup,
        }))
    }
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: ItemId,
    marker: &'a str,
    title: &'a str,
    text: &'a str,
    paragraph: u32,
    level: u32,
    inferred: bool,
    #[serde(skip_serializing_if = "<[Cell]>::is_empty")]
    cells: &'a [Cell],
    #[serde(flatten)]
    followup: &'a ledger::Followup,
}

/// One cell of a task table: its column's header and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub header: String,
    pub value: String,
}

impl Section {
    /// A section of `paragraphs` (labels included) and `items`.
    pub fn new(paragraphs: Paragraphs, items: ThinVec<Item>) -> Section {
        Section { paragraphs, items }
    }

    pub fn headline(&self) -> Option<&str> {
        self.paragraphs.label(Label::Headline)
    }

    /// The speaker's unit.
    pub fn department(&self) -> Option<&str> {
        self.paragraphs.label(Label::Department)
    }

    /// The speaker's title.
    pub fn position(&self) -> Option<&str> {
        self.paragraphs.label(Label::Position)
    }

    /// The speaker.
    pub fn person(&self) -> Option<&str> {
        self.paragraphs.label(Label::Person)
    }

    /// Gives the section another label `label` (see [`Paragraphs::set_label`]).
    pub fn set_label(&mut self, label: Label, value: Option<&str>) {
        self.paragraphs.set_label(label, value);
    }

    /// What the departments pane lists for the section.
    pub fn label(&self) -> String {
        match (self.department(), self.person(), self.headline()) {
            (Some(d), Some(p), _) => format!("{d} {p}"),
            (None, Some(p), _) => p.to_string(),
            (Some(d), None, _) => d.to_string(),
            (None, None, Some(h)) => h.to_string(),
            (None, None, None) => String::new(),
        }
    }
}

/// Why a file could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Decode { path: PathBuf, source: DecodeError },
    #[error("{path}:{line}:{column}: {message}")]
    Toml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: it is {}; {}", .format.name(), .format.advice())]
    Unsupported {
        path: PathBuf,
        format: sniff::Format,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Decode { path, .. }
            | LoadError::Toml { path, .. }
            | LoadError::Invalid { path, .. }
            | LoadError::Unsupported { path, .. } => path,
        }
    }
}

/// Reads and parses one briefing file (`.toml` by its extension, plain text
/// otherwise).
pub fn load(path: &Path) -> Result<Briefing, LoadError> {
    let (bytes, meta) = read_file_and_metadata(path)?;
    // A briefing without a date takes the year its file was last changed.
    let filed = meta
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(|t| t.to_zoned_datetime(crate::time::zone()).date());
    let name = path.display().to_string();
    let year = filed.map(jiff::civil::Date::year);
    let mut b = parse_bytes_dated(&name, &bytes, Syntax::of(path), year)?;
    b.filed = filed;
    Ok(b)
}

/// Reads a file's bytes, at most [`decode::MAX_FILE_BYTES`] of them: the size
/// the file system reports is checked first, and what is read is counted too,
/// as a device or a pipe reports none. A named pipe is opened without waiting
/// for a writer (one that has none reads as empty).
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_file_and_metadata(path).map(|(bytes, _)| bytes)
}

/// [`read_file`], with what the file system said of the file (looked at once).
fn read_file_and_metadata(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            message: "is a folder, not a briefing file".into(),
        });
    }
    let limit = decode::MAX_FILE_BYTES;
    if meta.len() > limit as u64 {
        return Err(LoadError::Decode {
            path: path.to_owned(),
            source: DecodeError::TooLarge(usize::try_from(meta.len()).unwrap_or(usize::MAX)),
        });
    }
    let file = open_without_waiting(path).map_err(io)?;
    let expected = usize::try_from(meta.len()).unwrap_or(0).min(limit);
    let mut bytes = Vec::with_capacity(expected + 1);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        return Err(LoadError::Decode {
            path: path.to_owned(),
            source: DecodeError::Endless,
        });
    }
    Ok((bytes, meta))
}

/// Opens a file for reading. On Unix a FIFO is opened non-blocking, so that
/// `open` does not wait for a writer that may never come, and then switched
/// back to blocking reads.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::File::options()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed())
            .open(path)?;
        rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::empty())?;
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        std::fs::File::open(path)
    }
}

/// How a briefing file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Plain text in the genre (FORMAT.md §1).
    Text,
    /// TOML written by hand (FORMAT.md, "TOML").
    Toml,
    /// A web page saved as Markdown (`.md`, `.markdown`).
    Markdown,
}

impl Syntax {
    /// `.toml` files are TOML, `.md` files Markdown; everything else is
    /// plain text (unless its bytes say otherwise).
    pub fn of(path: &Path) -> Syntax {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("toml") => Syntax::Toml,
            Some("md" | "markdown") => Syntax::Markdown,
            _ => Syntax::Text,
        }
    }
}

/// Parses a briefing from its bytes; `name` is the path reported in errors and in
/// the briefing itself.
pub fn parse_bytes(name: &str, bytes: &[u8], syntax: Syntax) -> Result<Briefing, LoadError> {
    parse_bytes_dated(name, bytes, syntax, Some(crate::time::today().year()))
}

/// [`parse_bytes`], with the year deadlines assume when the briefing names no
/// date of its own.
pub fn parse_bytes_dated(
    name: &str,
    bytes: &[u8],
    syntax: Syntax,
    fallback_year: Option<i16>,
) -> Result<Briefing, LoadError> {
    let mut briefing = parse_unannotated(name, bytes, syntax)?;
    ledger::annotate(&mut briefing, fallback_year);
    Ok(briefing)
}

/// [`parse_bytes`] without the ledger fields (every item's `followup` left
/// empty): what a parse costs before extraction, for the benches.
pub fn parse_unannotated(name: &str, bytes: &[u8], syntax: Syntax) -> Result<Briefing, LoadError> {
    use sniff::Format;
    // What the bytes are decides, not the name.
    let sniffed = sniff::sniff(bytes);
    let (read, format): (formats::Reader, DocFormat) = match sniffed {
        Format::Text => return parse_text_bytes(name, bytes, syntax),
        Format::Docx => (formats::docx::read, DocFormat::Docx),
        Format::Ofd => (formats::ofd::read, DocFormat::Ofd),
        Format::Pdf => (formats::pdf::read, DocFormat::Pdf),
        Format::Html => (formats::html::read, DocFormat::Html),
        format => {
            return Err(LoadError::Unsupported {
                path: name.into(),
                format,
            });
        }
    };
    // Readers say what is wrong as the end of a sentence.
    let extracted = read(bytes).map_err(|problem| LoadError::Invalid {
        path: name.into(),
        message: format!("it is {}, but {problem}", sniffed.name()),
    })?;
    from_extracted(name, extracted, format, None)
}

/// Reads and parses one file for a one-off search: without the ledger fields,
/// and, for a text file, not at all when `keep` refuses its decoded text
/// (`Ok(None)`). Other formats (Word, PDF…) are always parsed.
pub fn load_unannotated_if(
    path: &Path,
    keep: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<Briefing>, LoadError> {
    let bytes = read_file(path)?;
    let name = path.display().to_string();
    let syntax = Syntax::of(path);
    // TOML and Markdown sources hold their text escaped or marked up.
    if !matches!(syntax, Syntax::Text) || !matches!(sniff::sniff(&bytes), sniff::Format::Text) {
        return parse_unannotated(&name, &bytes, syntax).map(Some);
    }
    let decoded = decode::decode(&bytes).map_err(|source| LoadError::Decode {
        path: name.as_str().into(),
        source,
    })?;
    drop(bytes);
    if !keep(&decoded.text) {
        return Ok(None);
    }
    parse_decoded(&name, decoded, syntax).map(Some)
}

/// Text, TOML and Markdown: decoded, then parsed.
fn parse_text_bytes(name: &str, bytes: &[u8], syntax: Syntax) -> Result<Briefing, LoadError> {
    let decoded = decode::decode(bytes).map_err(|source| LoadError::Decode {
        path: name.into(),
        source,
    })?;
    parse_decoded(name, decoded, syntax)
}

fn parse_decoded(
    name: &str,
    decoded: decode::Decoded,
    syntax: Syntax,
) -> Result<Briefing, LoadError> {
    let mut briefing = match syntax {
        Syntax::Toml => toml::parse(name, &decoded.text, decoded.encoding)?,
        Syntax::Markdown => from_extracted(
            name,
            formats::markdown::read(&decoded.text),
            DocFormat::Markdown,
            Some(decoded.encoding),
        )?,
        Syntax::Text => from_extracted(
            name,
            formats::Extracted {
                text: decoded.text,
                ..formats::Extracted::default()
            },
            DocFormat::Text,
            Some(decoded.encoding),
        )?,
    };
    // Repairs come first: they say why some characters show as \u{fffd}.
    briefing.warnings.splice(0..0, decoded.warnings);
    Ok(briefing)
}

/// Parses what a reader extracted as text in the genre, then adds what the
/// format told beside the text (a web page's metadata table, task tables,
/// pages).
fn from_extracted(
    name: &str,
    extracted: formats::Extracted,
    format: DocFormat,
    encoding: Option<Encoding>,
) -> Result<Briefing, LoadError> {
    if extracted
        .text
        .lines()
        .all(|l| l.trim_matches(chars::is_space).is_empty() || text::is_page_number(l.trim()))
    {
        let message = if extracted.text.trim_matches(chars::is_space).is_empty() {
            "holds no text to read"
        } else {
            "holds nothing but page markers: no text to read"
        };
        return Err(LoadError::Invalid {
            path: name.into(),
            message: message.into(),
        });
    }
    let mut briefing = text::parse(name, &extracted.text, encoding);
    // A page or document of nothing but a title (a web page whose article
    // was not there) is no briefing to show.
    if format != DocFormat::Text && briefing.sections.iter().all(|s| s.paragraphs.is_empty()) {
        return Err(LoadError::Invalid {
            path: name.into(),
            message: format!(
                "it is {}, but it holds no text beyond its title ({:?})",
                format.name(),
                briefing.title
            ),
        });
    }
    frame::apply_meta(&mut briefing, &extracted.meta);
    attach_cells(&mut briefing, extracted.tasks);
    briefing.format = format;
    briefing.pages = extracted.pages;
    briefing.warnings.splice(0..0, extracted.warnings);
    Ok(briefing)
}

/// Parses plain text that is already decoded.
pub fn parse_text(name: &str, text: &str) -> Briefing {
    let mut briefing = text::parse(name, text, Some(Encoding::Utf8));
    ledger::annotate(&mut briefing, Some(crate::time::today().year()));
    briefing
}

/// Gives each task-table row's cells to the item that row became: the first
/// item, in reading order after the previous row's, whose text starts with
/// the row's task.
fn attach_cells(briefing: &mut Briefing, rows: Vec<formats::TaskRow>) {
    let mut items = briefing.sections.iter_mut().flat_map(|s| {
        let Section {
            paragraphs, items, ..
        } = s;
        let paragraphs: &Paragraphs = paragraphs;
        items.iter_mut().map(move |i| (paragraphs, i))
    });
    for row in rows {
        let task = chars::fold_key(&row.task);
        if task.is_empty() {
            continue;
        }
        let opens_with_task = |paragraphs: &Paragraphs, i: &Item| {
            let text = i.text(paragraphs);
            let body = text.get(i.marker(paragraphs).len()..).unwrap_or(text);
            chars::fold_key(body).starts_with(&task)
        };
        let Some((_, item)) = items.find(|(paragraphs, i)| opens_with_task(paragraphs, i)) else {
            return;
        };
        item.set_cells(
            row.cells
                .into_iter()
                .map(|(header, value)| Cell { header, value }),
        );
    }
}

/// Expands folder arguments to the briefing files in them and in the
/// folders below (a year's briefings live in month folders), sorted, hidden
/// files and folders skipped; files named are kept as given. Unreadable
/// folders are reported, the rest still expands.
pub fn expand_paths(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if !arg.is_dir() {
            files.push(arg.clone());
            continue;
        }
        let before = (files.len(), errors.len());
        let mut seen = std::collections::HashSet::new();
        walk(arg, &mut files, &mut errors, &mut seen);
        if (files.len(), errors.len()) == before {
            errors.push(LoadError::Invalid {
                path: arg.clone(),
                message: "holds no briefing (.txt, .docx, .ofd, .pdf, .html, .md, .toml)".into(),
            });
        }
    }
    (files, errors)
}

/// The files a folder argument picks up: every format brief reads, and the
/// binary Word and WPS files it names and refuses (so that a folder of them
/// says why they are not shown).
pub const BRIEFING_EXTENSIONS: &[&str] = &[
    "txt", "toml", "md", "markdown", "docx", "ofd", "pdf", "html", "htm", "doc", "wps",
];

/// Adds the briefing files in `dir` and below, sorted by path. Links to
/// folders are followed once: a folder reached again (a link back up, a
/// loop) is reported and skipped.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<LoadError>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen.insert(real)
    {
        errors.push(LoadError::Invalid {
            path: dir.to_owned(),
            message: "leads back to a folder already read (a link loop); skipped".into(),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(LoadError::Io {
                path: dir.to_owned(),
                source,
            });
            return;
        }
    };
    // The entry's own type costs no second look at the disk; a link's
    // target is looked at.
    let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.path(), e.file_type().ok().filter(|t| !t.is_symlink())))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let (is_dir, is_file) = match kind {
            Some(t) => (t.is_dir(), t.is_file()),
            None => (path.is_dir(), path.is_file()),
        };
        if is_dir {
            walk(&path, files, errors, seen);
        } else if is_file
            && path.extension().is_some_and(|e| {
                let e = e.to_string_lossy().to_ascii_lowercase();
                BRIEFING_EXTENSIONS.contains(&e.as_str())
            })
        {
            files.push(path);
        }
    }
}

/// Gives each item its id: a stable hash of the briefing's title, the section's
/// speaker (or headline) and the item's normalised title, so that edits elsewhere
/// in the file keep the marks users made.
pub(crate) fn assign_ids(briefing: &mut Briefing) {
    use rayon::prelude::*;
    let doc = chars::fold_key(&briefing.title);
    briefing.key = title_key(&doc);
    let sections = briefing.sections.par_iter_mut().with_min_len(64);
    sections.enumerate().for_each(|(index, section)| {
        let key = section_key(section, index);
        // The items' folded titles one after another in one text, sized
        // once: folding seldom lengthens a title, and growing the text title
        // by title cost a reallocation and a copy for most of them.
        let total = section
            .items
            .iter()
            .map(|item| item.title(&section.paragraphs).len())
            .sum();
        let mut folded = String::with_capacity(total);
        let mut ends = Vec::with_capacity(section.items.len());
        for item in &section.items {
            chars::fold_key_into(item.title(&section.paragraphs), &mut folded);
            ends.push(folded.len());
        }
        let titles: Vec<&str> = (0..ends.len())
            .map(|k| &folded[k.checked_sub(1).map_or(0, |p| ends[p])..ends[k]])
            .collect();
        // Every id of the section starts with the same two parts.
        let shared = chars::StableHash::new().part(&doc).part(&key);
        for ((item, title), repeat) in section.items.iter_mut().zip(&titles).zip(repeats(&titles)) {
            let hash = shared.part(title);
            item.id = ItemId(if repeat > 0 {
                hash.part(&repeat.to_string()).finish()
            } else {
                hash.finish()
            });
        }
    });
}

/// How often each title came before it in the list: the n-th repeat of a
/// title gets n in its item's id. A section's few titles are compared with
/// those before them; a long list is counted in a map.
fn repeats(titles: &[&str]) -> Vec<usize> {
    const FEW: usize = 32;
    if titles.len() <= FEW {
        return titles
            .iter()
            .enumerate()
            .map(|(i, title)| titles[..i].iter().filter(|t| *t == title).count())
            .collect();
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    titles
        .iter()
        .map(|title| {
            let n = seen.entry(title).or_insert(0);
            *n += 1;
            *n - 1
        })
        .collect()
}

/// The store key of a briefing whose folded title is `folded`.
pub(crate) fn title_key(folded: &str) -> String {
    format!("{:016x}", chars::stable_hash(&[folded]))
}

/// A section's key: its speaker, or its headline, or its position.
pub fn section_key(section: &Section, index: usize) -> String {
    let mut who = String::new();
    chars::fold_key_into(section.department().unwrap_or(""), &mut who);
    chars::fold_key_into(section.person().unwrap_or(""), &mut who);
    if !who.is_empty() {
        return who;
    }
    let headline = chars::fold_key(section.headline().unwrap_or(""));
    if headline.is_empty() {
        format!("#{index}")
    } else {
        headline
    }
}

impl fmt::Display for Briefing {
    /// The readable outline `brief parse` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        if let Some(s) = &self.subtitle {
            writeln!(f, "——{s}")?;
        }
        let meta: Vec<String> = [
            ("number", &self.frame.doc_number),
            ("issuer", &self.frame.issuer),
            ("date", &self.date),
            ("source", &self.source),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .chain(
            self.encoding
                .iter()
                .map(|e| format!("encoding: {e}"))
                .chain(
                    self.encoding
                        .is_none()
                        .then(|| format!("format: {:?}", self.format).to_lowercase()),
                ),
        )
        .collect();
        writeln!(f, "{}  ({})", self.path, meta.join(", "))?;
        for (i, s) in self.sections.iter().enumerate() {
            writeln!(f)?;
            let head = s.headline().unwrap_or("(untitled)");
            writeln!(f, "{}. {head}", i + 1)?;
            if s.department().is_some() || s.person().is_some() {
                writeln!(
                    f,
                    "   {} | {} | {}",
                    s.department().unwrap_or("-"),
                    s.position().unwrap_or("-"),
                    s.person().unwrap_or("-")
                )?;
            }
            writeln!(
                f,
                "   {} paragraphs, {} items",
                s.paragraphs.len(),
                s.items.len()
            )?;
            for item in &s.items {
                let flag = if item.inferred { " (inferred)" } else { "" };
                let marker = match item.marker(&s.paragraphs) {
                    "" => "·",
                    marker => marker,
                };
                // Written piece by piece, not formatted: a library has tens
                // of thousands of items, one line each.
                f.write_str("   ")?;
                for _ in 0..item.level() {
                    f.write_str("  ")?;
                }
                for piece in [marker, " ", item.title(&s.paragraphs), flag, "\n"] {
                    f.write_str(piece)?;
                }
            }
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "简报标题\n\n——副标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局党组书记、局长 赵高堂\n\n\u{3000}\u{3000}导语。一是净化盐湖。二是洒扫门\n\n\u{3000}\u{3000}庭。三是缤纷色彩。\n";

    fn encodings(text: &str) -> Vec<(Vec<u8>, Encoding)> {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        vec![
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8Bom),
            (
                encoding_rs::GB18030.encode(text).0.into_owned(),
                Encoding::Gb18030,
            ),
            (le, Encoding::Utf16Le),
            (be, Encoding::Utf16Be),
        ]
    }

    #[test]
    fn every_encoding_and_line_end_gives_the_same_briefing() {
        let reference = parse_bytes("p.txt", PAGE.as_bytes(), Syntax::Text).expect("parses");
        assert_eq!(reference.sections[0].items.len(), 3);
        assert_eq!(
            &reference.sections[0].paragraphs[0],
            "导语。一是净化盐湖。二是洒扫门庭。三是缤纷色彩。"
        );
        for ending in ["\n", "\r\n", "\r"] {
            let text = PAGE.replace('\n', ending);
            for (bytes, encoding) in encodings(&text) {
                let b = parse_bytes("p.txt", &bytes, Syntax::Text).expect("parses");
                assert_eq!(b.encoding, Some(encoding));
                assert_eq!(b.sections, reference.sections, "{encoding} {ending:?}");
            }
        }
    }

    #[test]
    fn task_rows_give_their_cells_to_their_items() {
        let row = |task: &str, lead: &str| formats::TaskRow {
            task: task.into(),
            cells: vec![
                ("工作任务".into(), task.into()),
                ("牵头单位".into(), lead.into()),
            ],
        };
        let extracted = formats::Extracted {
            text: "重点任务分工\n\n1. 建成智慧审批平台。\n\n2. 清理闲置土地。\n".into(),
            tasks: vec![
                row("建成智慧审批平台", "市审批局"),
                row("清理闲置土地", "市自然资源局"),
            ],
            ..formats::Extracted::default()
        };
        let b = from_extracted("t.docx", extracted, DocFormat::Docx, None).expect("parses");
        let items = &b.sections[0].items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].cells()[1].header, "牵头单位");
        assert_eq!(items[1].cells()[1].value, "市自然资源局");
        assert_eq!(b.format, DocFormat::Docx);
        assert_eq!(b.encoding, None);
    }

    #[test]
    fn load_errors_name_the_file() {
        let err = load(Path::new("/no/such/briefing.txt")).expect_err("missing");
        assert!(
            err.to_string()
                .starts_with("/no/such/briefing.txt: cannot read"),
            "{err}"
        );
        let err = parse_bytes("x.txt", b"\0\0", Syntax::Text).expect_err("binary");
        assert_eq!(err.path(), Path::new("x.txt"));
    }
}
