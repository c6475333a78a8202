//! Reading saved web pages (.html): the page decoded in its charset,
//! tokenized (html5gum, the WHATWG tokenizer), built into a tree forgivingly
//! (implicit ends of `<p>`, `<li>`, `<td>`, `<tr>`; stray end tags ignored),
//! the article body found by its container's name and by where the page's
//! own (non-link) Chinese text is, and written out one paragraph a line.
//! Metadata tables go to [`Extracted::meta`], task tables to
//! [`Extracted::tasks`]; scripts, styles, hidden elements, navigation,
//! headers, footers and the site's furniture are left out.
//!
//! Every pass over the tree is a loop, not a recursion: deeply nested markup
//! cannot overflow the stack, and each pass is linear in the page's size.

use std::collections::HashMap;

use encoding_rs::{Encoding, GB18030, UTF_8};
use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::Extracted;
use super::web::{self, Line};
use crate::briefing::chars::{is_han, is_space};

/// Most elements a page's tree holds; markup past them is ignored (the text
/// is kept).
const MAX_ELEMENTS: usize = 1 << 20;
/// How far down the open elements an end tag looks for its start tag.
const END_TAG_SCAN: usize = 64;
const NONE: u32 = u32::MAX;

/// Reads the page's text; the error is a sentence for the user.
pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    let mut ex = Extracted::default();
    let (text, warning) = decode(bytes);
    ex.warnings.extend(warning);
    let doc = Doc::parse(&text, &mut ex);
    doc.extract(ex)
}

/// The page's text, in the charset its BOM or `<meta>` names, else UTF-8,
/// else GB18030.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let (declared, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (Some(enc), &bytes[bom..]),
        None => (declared_charset(bytes), bytes),
    };
    let try_decode = |enc: &'static Encoding| {
        let (text, errors) = enc.decode_without_bom_handling(body);
        (text.into_owned(), errors)
    };
    let warning = |enc: &'static Encoding| {
        Some(format!(
            "the page is not valid {}: undecodable bytes show as \u{fffd}",
            enc.name()
        ))
    };
    if let Some(enc) = declared.filter(|e| *e != UTF_8) {
        let (text, errors) = try_decode(enc);
        return (text, errors.then(|| warning(enc)).flatten());
    }
    // Declared UTF-8 or nothing: pages that say UTF-8 and are GBK exist.
    let (text, errors) = try_decode(UTF_8);
    if !errors {
        return (text, None);
    }
    let (gb, gb_errors) = try_decode(GB18030);
    if gb_errors {
        (text, warning(UTF_8))
    } else {
        (gb, None)
    }
}

/// The charset a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the page's first kilobytes names.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&head[at..], b"<meta") {
        let start = at + found;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.strip_prefix(b"=").or_else(|| {
                let r = rest.trim_ascii_start();
                r.strip_prefix(b"=")
            });
            if let Some(rest) = rest {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    // A page read as bytes cannot be UTF-16 (HTML says UTF-8).
                    return Some(enc.output_encoding());
                }
            }
        }
        at = end.max(start + 1);
    }
    None
}

/// What an element does to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Text-level markup (`<span>`, `<b>`, `<font>`): no break.
    Inline,
    /// Starts and ends a paragraph.
    Block,
    /// Never has content (`<img>`, `<meta>`); a `<br>` breaks the line.
    Void,
    Br,
    /// Holds no text for the reader (`<script>`, `<style>`, `<svg>` …).
    Drop,
    /// Page furniture unless it holds most of the page's text (`<nav>`,
    /// `<header>`, `<footer>`, `<aside>`, `<form>`).
    Furniture,
    A,
    P,
    Li,
    Table,
    Section,
    Tr,
    Cell,
    Heading,
    Pre,
    Title,
}

fn role(name: &str) -> Role {
    match name {
        "p" => Role::P,
        "a" => Role::A,
        "br" => Role::Br,
        "li" | "dt" | "dd" => Role::Li,
        "table" => Role::Table,
        "tbody" | "thead" | "tfoot" => Role::Section,
        "tr" => Role::Tr,
        "td" | "th" => Role::Cell,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Role::Heading,
        "pre" | "listing" | "xmp" | "plaintext" => Role::Pre,
        "title" => Role::Title,
        "div" | "ul" | "ol" | "dl" | "section" | "article" | "main" | "blockquote" | "hr"
        | "address" | "figure" | "figcaption" | "center" | "fieldset" | "caption" | "details"
        | "summary" | "html" | "body" | "dir" | "menu" | "legend" => Role::Block,
        "img" | "meta" | "link" | "input" | "wbr" | "col" | "area" | "base" | "embed"
        | "source" | "track" | "param" | "keygen" | "basefont" | "bgsound" | "frame" | "image" => {
            Role::Void
        }
        "script" | "style" | "noscript" | "template" | "iframe" | "object" | "svg" | "math"
        | "select" | "button" | "textarea" | "head" | "noembed" | "noframes" | "frameset"
        | "datalist" | "canvas" | "audio" | "video" | "map" | "dialog" => Role::Drop,
        "nav" | "header" | "footer" | "aside" | "form" => Role::Furniture,
        _ => Role::Inline,
    }
}

/// Element flags.
const HIDDEN: u8 = 1;
const FURNITURE_NAME: u8 = 2;
const CONTENT_NAME: u8 = 4;
/// A name only article containers have (`zoom`, `UCAP-CONTENT`, `TRS_Editor` …).
const STRONG_NAME: u8 = 8;

const STRONG_WORDS: &[&str] = &[
    "zoom",
    "ucap-content",
    "trs_editor",
    "trs_editor_view",
    "pages_content",
    "xxgk_content",
    "article-content",
    "articlecontent",
    "art_con",
    "news_content",
    "newscontent",
    "content_text",
    "contenttext",
    "wzy_content",
    "conter_con",
    "maintext",
    "main-txt",
];

/// Class and id words of the containers that hold a page's article.
const CONTENT_WORDS: &[&str] = &[
    "zoom",
    "ucap-content",
    "article",
    "content",
    "trs_editor",
    "trs_editor_view",
    "pages_content",
    "xxgk_content",
    "article-content",
    "articlecontent",
    "art_con",
    "main-txt",
    "maintext",
    "text",
    "txt",
    "con",
    "detail",
    "news_content",
    "newscontent",
    "view",
    "body",
    "wzy_content",
    "conter_con",
    "content_text",
    "contenttext",
];

/// Class and id words of furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "share",
    "sharebar",
    "bdsharebuttonbox",
    "footer",
    "header",
    "toolbar",
    "print",
    "sidebar",
    "related",
    "copyright",
    "search",
    "login",
    "slide",
    "banner",
    "position",
    "location",
    "xgwz",
    "xglj",
];

fn name_flags(id: &str, class: &str) -> u8 {
    let mut flags = 0;
    for value in [id, class] {
        let lower = value.to_ascii_lowercase();
        for whole in lower.split_ascii_whitespace() {
            if CONTENT_WORDS.contains(&whole) {
                flags |= CONTENT_NAME;
            }
            if STRONG_WORDS.contains(&whole) {
                flags |= CONTENT_NAME | STRONG_NAME;
            }
            for word in whole.split(|c: char| !c.is_ascii_alphanumeric()) {
                if FURNITURE_WORDS.contains(&word) {
                    flags |= FURNITURE_NAME;
                }
            }
        }
    }
    if flags & CONTENT_NAME != 0 {
        flags & !FURNITURE_NAME
    } else {
        flags
    }
}

struct Node {
    parent: u32,
    first: u32,
    last: u32,
    next: u32,
    /// Index into [`Doc::names`]; `u16::MAX` for a text node.
    tag: u16,
    flags: u8,
    colspan: u8,
    rowspan: u16,
    text: Box<str>,
}

const TEXT: u16 = u16::MAX;

struct Doc {
    nodes: Vec<Node>,
    names: Vec<(String, Role)>,
    /// The page's `<title>`.
    title: Option<String>,
    /// `<meta name="ArticleTitle" content=…>` and its kind.
    meta_title: Option<String>,
}

fn idx(i: u32) -> usize {
    i as usize
}

fn id32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(NONE)
}

impl Doc {
    fn parse(text: &str, ex: &mut Extracted) -> Doc {
        let mut doc = Doc {
            nodes: Vec::new(),
            names: Vec::new(),
            title: None,
            meta_title: None,
        };
        let mut ids: HashMap<String, u16> = HashMap::new();
        let root_tag = doc.intern(&mut ids, "#root");
        doc.nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            tag: root_tag,
            flags: 0,
            colspan: 1,
            rowspan: 1,
            text: "".into(),
        });
        let mut open: Vec<u32> = vec![0];
        let mut elements = 0usize;
        let mut capped = false;
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut in_title = false;
        // Text runs gather here and become one node at the next tag.
        let mut buf = String::new();
        for token in Tokenizer::new_with_emitter(text, emitter) {
            let Ok(token) = token;
            if !matches!(token, Token::String(_)) && !buf.is_empty() {
                let parent = *open.last().unwrap_or(&0);
                doc.push_text(parent, &std::mem::take(&mut buf));
            }
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    let attr = |key: &str| {
                        tag.attributes
                            .get(key.as_bytes())
                            .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                    };
                    if name == "meta" {
                        doc.head_meta(attr("name").as_ref(), attr("content"), ex);
                    }
                    if elements >= MAX_ELEMENTS {
                        if !capped {
                            capped = true;
                            ex.warnings.push(format!(
                                "the page has more than {MAX_ELEMENTS} elements: the markup after them was ignored (its text is kept)"
                            ));
                        }
                        continue;
                    }
                    elements += 1;
                    let tag_id = doc.intern(&mut ids, &name);
                    let role = doc.names[usize::from(tag_id)].1;
                    doc.close_implied(&mut open, &name, role);
                    let style = attr("style").unwrap_or_default().to_ascii_lowercase();
                    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
                    let hidden = attr("hidden").is_some()
                        || style.contains("display:none")
                        || attr("aria-hidden").is_some_and(|v| v == "true")
                        || attr("type").is_some_and(|v| v.eq_ignore_ascii_case("hidden"));
                    let flags = name_flags(
                        &attr("id").unwrap_or_default(),
                        &attr("class").unwrap_or_default(),
                    ) | if hidden { HIDDEN } else { 0 };
                    let span = |key: &str, max: u16| {
                        attr(key)
                            .and_then(|v| v.trim().parse::<u16>().ok())
                            .map_or(1, |n| n.clamp(1, max))
                    };
                    let parent = *open.last().unwrap_or(&0);
                    let node = doc.push(
                        parent,
                        Node {
                            parent,
                            first: NONE,
                            last: NONE,
                            next: NONE,
                            tag: tag_id,
                            flags,
                            colspan: u8::try_from(span("colspan", 50)).unwrap_or(50),
                            rowspan: span("rowspan", 1000),
                            text: "".into(),
                        },
                    );
                    in_title = role == Role::Title;
                    if !matches!(role, Role::Void | Role::Br) && !tag.self_closing
                        || matches!(role, Role::Drop | Role::Title | Role::Pre)
                    {
                        open.push(node);
                    }
                }
                Token::EndTag(tag) => {
                    in_title = false;
                    let name = String::from_utf8_lossy(&tag.name);
                    if name == "br" {
                        // `</br>` is a line break too.
                        let parent = *open.last().unwrap_or(&0);
                        let br = doc.intern(&mut ids, "br");
                        doc.push(parent, Doc::element(parent, br));
                        continue;
                    }
                    let Some(&tag_id) = ids.get(name.as_ref()) else {
                        continue;
                    };
                    if let Some(pos) = open
                        .iter()
                        .rev()
                        .take(END_TAG_SCAN)
                        .position(|&n| doc.nodes[idx(n)].tag == tag_id)
                    {
                        let keep = open.len() - 1 - pos;
                        if keep > 0 {
                            open.truncate(keep);
                        }
                    }
                }
                Token::String(s) => {
                    let s = String::from_utf8_lossy(&s.value);
                    if in_title && doc.title.is_none() {
                        doc.title = Some(s.trim().to_owned());
                    }
                    buf.push_str(&s);
                }
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        if !buf.is_empty() {
            let parent = *open.last().unwrap_or(&0);
            doc.push_text(parent, &buf);
        }
        doc
    }

    fn intern(&mut self, ids: &mut HashMap<String, u16>, name: &str) -> u16 {
        if let Some(&id) = ids.get(name) {
            return id;
        }
        // Names made up by a hostile page share one slot past a few thousand.
        if self.names.len() >= 4096 {
            return ids.get("#other").copied().unwrap_or(0);
        }
        let id = u16::try_from(self.names.len()).unwrap_or(0);
        self.names.push((name.to_owned(), role(name)));
        ids.insert(name.to_owned(), id);
        if self.names.len() == 4096 {
            self.names.push(("#other".into(), Role::Inline));
            ids.insert("#other".into(), 4096);
        }
        id
    }

    fn element(parent: u32, tag: u16) -> Node {
        Node {
            parent,
            first: NONE,
            last: NONE,
            next: NONE,
            tag,
            flags: 0,
            colspan: 1,
            rowspan: 1,
            text: "".into(),
        }
    }

    fn push(&mut self, parent: u32, node: Node) -> u32 {
        let id = id32(self.nodes.len());
        self.nodes.push(node);
        let p = &mut self.nodes[idx(parent)];
        let prev = p.last;
        p.last = id;
        if prev == NONE {
            p.first = id;
        } else {
            self.nodes[idx(prev)].next = id;
        }
        id
    }

    fn push_text(&mut self, parent: u32, s: &str) {
        let last = self.nodes[idx(parent)].last;
        if last != NONE && self.nodes[idx(last)].tag == TEXT {
            let node = &mut self.nodes[idx(last)];
            let mut t = std::mem::take(&mut node.text).into_string();
            t.push_str(s);
            node.text = t.into_boxed_str();
            return;
        }
        let mut node = Doc::element(parent, TEXT);
        node.text = s.into();
        self.push(parent, node);
    }

    fn role_of(&self, n: u32) -> Option<Role> {
        let tag = self.nodes[idx(n)].tag;
        (tag != TEXT).then(|| self.names[usize::from(tag)].1)
    }

    fn name_of(&self, n: u32) -> &str {
        let tag = self.nodes[idx(n)].tag;
        if tag == TEXT {
            "#text"
        } else {
            &self.names[usize::from(tag)].0
        }
    }

    /// The ends HTML implies: a new `<li>` ends the open one, a `<td>` the
    /// open cell, a `<tr>` the open row, a block the open `<p>`.
    fn close_implied(&self, open: &mut Vec<u32>, name: &str, role: Role) {
        let close_to = |open: &mut Vec<u32>,
                        want: &dyn Fn(Role, &str) -> bool,
                        stop: &dyn Fn(Role) -> bool| {
            let mut found = None;
            for (i, &n) in open.iter().enumerate().rev().take(END_TAG_SCAN) {
                let r = self.role_of(n).unwrap_or(Role::Inline);
                if want(r, self.name_of(n)) {
                    found = Some(i);
                    break;
                }
                if stop(r) {
                    break;
                }
            }
            if let Some(i) = found.filter(|&i| i > 0) {
                open.truncate(i);
            }
        };
        // Anything but head content ends an unclosed `<head>`.
        if !matches!(
            name,
            "title"
                | "meta"
                | "link"
                | "style"
                | "script"
                | "base"
                | "noscript"
                | "template"
                | "basefont"
                | "bgsound"
                | "head"
        ) {
            close_to(open, &|_, n| n == "head", &|_| false);
        }
        match role {
            Role::Li => close_to(open, &|r, _| r == Role::Li, &|r| {
                matches!(r, Role::Block | Role::Table | Role::Cell)
            }),
            Role::Cell => close_to(open, &|r, _| r == Role::Cell, &|r| {
                matches!(r, Role::Tr | Role::Table)
            }),
            Role::Tr => close_to(open, &|r, _| r == Role::Tr, &|r| r == Role::Table),
            Role::Section => close_to(open, &|r, _| r == Role::Section, &|r| r == Role::Table),
            Role::A => close_to(open, &|r, _| r == Role::A, &|r| r != Role::Inline),
            _ => {}
        }
        let breaks_p = matches!(
            role,
            Role::Block
                | Role::P
                | Role::Li
                | Role::Table
                | Role::Heading
                | Role::Pre
                | Role::Furniture
        ) && name != "html"
            && name != "body";
        if breaks_p {
            close_to(open, &|r, _| r == Role::P, &|r| {
                matches!(r, Role::Cell | Role::Table | Role::Drop)
            });
        }
    }

    fn head_meta(&mut self, name: Option<&String>, content: Option<String>, ex: &mut Extracted) {
        let (Some(name), Some(content)) = (name, content) else {
            return;
        };
        for known in ["ArticleTitle", "PubDate", "ContentSource", "ColumnName"] {
            if name.eq_ignore_ascii_case(known) {
                let content = content.trim().to_owned();
                if known == "ArticleTitle" && !content.is_empty() {
                    self.meta_title = Some(content.clone());
                }
                web::push_meta(ex, known.to_owned(), &content);
            }
        }
    }

    /// Children of a node, in order.
    fn children(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let mut c = self.nodes[idx(n)].first;
        std::iter::from_fn(move || {
            (c != NONE).then(|| {
                let now = c;
                c = self.nodes[idx(c)].next;
                now
            })
        })
    }

    fn extract(&self, mut ex: Extracted) -> Result<Extracted, String> {
        let count = self.nodes.len();
        // Dropped for good: scripts, styles, hidden elements.
        let mut dropped = vec![false; count];
        for i in 1..count {
            let node = &self.nodes[i];
            dropped[i] = dropped[idx(node.parent)]
                || node.flags & HIDDEN != 0
                || self.role_of(id32(i)) == Some(Role::Drop);
        }
        let (han, _) = self.count(&dropped);
        let total = han[0];
        // Furniture, unless it holds most of the page's text (a whole page
        // inside one `<form>` is common).
        for i in 1..count {
            let node = &self.nodes[i];
            let furniture =
                self.role_of(id32(i)) == Some(Role::Furniture) || node.flags & FURNITURE_NAME != 0;
            if dropped[idx(node.parent)] || furniture && han[i] * 2 < total {
                dropped[i] = true;
            }
        }
        let (han, links) = self.count(&dropped);
        let good = |i: usize| han[i].saturating_sub(links[i]);
        // Tables that hold tables are layout, not data: told once for all.
        let mut holds_table = vec![false; count];
        for i in (1..count).rev() {
            if holds_table[i] || self.role_of(id32(i)) == Some(Role::Table) {
                holds_table[idx(self.nodes[i].parent)] = true;
            }
        }
        let layout = |n: u32| holds_table[idx(n)];
        let body = self.article(&dropped, &good);
        // Metadata in tables and label lines outside the article.
        let mut outside = Vec::new();
        self.render(0, Some(body), &dropped, &layout, &mut outside, &mut ex);
        take_meta(&outside, &mut ex);
        let mut article = Vec::new();
        self.render(body, None, &dropped, &layout, &mut article, &mut ex);
        let title = self.title(body, &dropped, &ex);
        web::finish(title.as_deref(), article, &mut ex);
        let body_lines = ex.text.lines().count() - usize::from(title.is_some());
        if good(idx(body)) == 0 && body_lines == 0
            || ex.text.trim_matches(is_space).is_empty()
            || body_lines == 0 && ex.tasks.is_empty()
        {
            return Err(
                "it has no article text (nothing but markup, scripts and site furniture)".into(),
            );
        }
        Ok(ex)
    }

    /// Han characters under each node, and those inside links.
    fn count(&self, dropped: &[bool]) -> (Vec<usize>, Vec<usize>) {
        let count = self.nodes.len();
        let mut han = vec![0usize; count];
        let mut links = vec![0usize; count];
        // Whether a node is inside a link: parents come before children.
        let mut in_link = vec![false; count];
        for i in 1..count {
            let p = idx(self.nodes[i].parent);
            in_link[i] = in_link[p] || self.role_of(id32(i)) == Some(Role::A);
        }
        for i in (1..count).rev() {
            if dropped[i] {
                continue;
            }
            let node = &self.nodes[i];
            if node.tag == TEXT {
                let n = node.text.chars().filter(|&c| is_han(c)).count();
                han[i] += n;
                if in_link[i] {
                    links[i] += n;
                }
            }
            let p = idx(node.parent);
            han[p] += han[i];
            links[p] += links[i];
        }
        (han, links)
    }

    /// The article's container: from the `<body>` down, into the child that
    /// holds most of the non-link Chinese text while it holds most of its
    /// parent's; a container named like an article body is taken at less.
    fn article(&self, dropped: &[bool], good: &dyn Fn(usize) -> usize) -> u32 {
        let at = self.descend(0, dropped, good);
        // A container with an article body's own name, below, holding a
        // good part of the text (a page's metadata can outweigh a short
        // article): the deepest of those with (nearly) the most text.
        let mut best: Option<(u32, usize)> = None;
        let end = self.subtree_end(at);
        for (i, gone) in dropped.iter().enumerate().take(end).skip(idx(at) + 1) {
            let n = id32(i);
            if *gone || self.nodes[i].flags & STRONG_NAME == 0 {
                continue;
            }
            let g = good(i);
            if best.is_none_or(|(_, b)| g * 20 >= b * 19) && g > 0 {
                best = Some((n, g.max(best.map_or(0, |b| b.1))));
            }
        }
        match best {
            Some((n, g)) if g * 4 >= good(idx(at)) && n != at => self.descend(n, dropped, good),
            _ => at,
        }
    }

    /// One past the last node of a subtree (nodes are in document order).
    fn subtree_end(&self, n: u32) -> usize {
        let mut at = n;
        loop {
            let node = &self.nodes[idx(at)];
            if node.next != NONE {
                return idx(node.next);
            }
            if node.parent == NONE {
                return self.nodes.len();
            }
            at = node.parent;
        }
    }

    /// From `from` down into the child with most of the text, while it holds
    /// most of its parent's (and of the page's).
    fn descend(&self, from: u32, dropped: &[bool], good: &dyn Fn(usize) -> usize) -> u32 {
        let total = good(0);
        let mut at = from;
        loop {
            let here = good(idx(at));
            let best = self
                .children(at)
                .filter(|&c| !dropped[idx(c)] && self.nodes[idx(c)].tag != TEXT)
                .filter(|&c| {
                    matches!(
                        self.role_of(c),
                        Some(
                            Role::Block
                                | Role::Inline
                                | Role::Table
                                | Role::Section
                                | Role::Tr
                                | Role::Cell
                                | Role::Furniture
                        )
                    )
                })
                .max_by_key(|&c| good(idx(c)));
            let Some(best) = best else { break };
            let share = good(idx(best));
            let named = self.nodes[idx(best)].flags & CONTENT_NAME != 0;
            let enough = share * 20 >= here * 17 || named && share * 2 >= here;
            if share == 0 || !enough || share * 2 < total && from == 0 {
                break;
            }
            at = best;
        }
        at
    }

    /// The article's title: the metadata table's 标题, the page's
    /// `ArticleTitle`, a heading that the `<title>` starts with, the first
    /// heading of the article, or the `<title>` without the site's name.
    fn title(&self, body: u32, dropped: &[bool], ex: &Extracted) -> Option<String> {
        let from_meta = ex
            .meta
            .iter()
            .find(|(k, _)| k == "标题" || k == "名称")
            .map(|(_, v)| v.clone());
        if from_meta.is_some() {
            return from_meta;
        }
        if let Some(t) = &self.meta_title {
            return Some(t.clone());
        }
        let page = self.title.as_deref().map(web::strip_site_suffix);
        let mut first_in_body = None;
        let mut matching = None;
        let mut stack = vec![0u32];
        let mut inside = vec![false];
        // Only the first headings are read: nested headings would make it slow.
        let mut headings = 0;
        while let Some(n) = stack.pop() {
            let within = inside.pop().unwrap_or(false) || n == body;
            if self.role_of(n) == Some(Role::Heading)
                && self.nodes[idx(n)].flags & HIDDEN == 0
                && headings < 64
            {
                headings += 1;
                let text = self.plain_text(n);
                let squeezed: String = text.chars().filter(|&c| !is_space(c)).collect();
                if !squeezed.is_empty() {
                    if page.is_some_and(|p| {
                        let p: String = p.chars().filter(|&c| !is_space(c)).collect();
                        p.starts_with(&squeezed) && squeezed.chars().count() * 2 > p.chars().count()
                    }) && matching.is_none()
                    {
                        matching = Some(text.clone());
                    }
                    if within && first_in_body.is_none() && !dropped[idx(n)] {
                        first_in_body = Some(text);
                    }
                }
            }
            let kids: Vec<u32> = self.children(n).collect();
            for &c in kids.iter().rev() {
                stack.push(c);
                inside.push(within);
            }
        }
        matching
            .or(first_in_body)
            .or_else(|| page.map(str::to_owned))
            .filter(|t| !t.trim().is_empty())
    }

    /// A node's text on one line, spaces collapsed.
    fn plain_text(&self, n: u32) -> String {
        let mut out = String::new();
        let mut stack = vec![n];
        // A title is short: what is past a few hundred characters is not read.
        while let Some(n) = stack.pop().filter(|_| out.len() < 1024) {
            let node = &self.nodes[idx(n)];
            if node.tag == TEXT {
                push_collapsed(&mut out, &node.text);
                continue;
            }
            if self.role_of(n) == Some(Role::Drop) || node.flags & HIDDEN != 0 {
                continue;
            }
            if self.role_of(n) == Some(Role::Br) {
                push_collapsed(&mut out, " ");
            }
            let kids: Vec<u32> = self.children(n).collect();
            stack.extend(kids.iter().rev());
        }
        out.trim_matches(is_space).to_owned()
    }

    /// Writes the text under `from` (without `skip`) as lines.
    fn render(
        &self,
        from: u32,
        skip: Option<u32>,
        dropped: &[bool],
        layout: &dyn Fn(u32) -> bool,
        lines: &mut Vec<Line>,
        ex: &mut Extracted,
    ) {
        let mut w = Writer::default();
        // (node, entering)
        let mut stack = vec![(from, true)];
        while let Some((n, entering)) = stack.pop() {
            let node = &self.nodes[idx(n)];
            if node.tag == TEXT {
                w.text(&node.text);
                continue;
            }
            if dropped[idx(n)] || Some(n) == skip {
                continue;
            }
            let role = self.role_of(n).unwrap_or(Role::Inline);
            if !entering {
                match role {
                    Role::A => w.link_depth = w.link_depth.saturating_sub(1),
                    Role::Pre => {
                        w.pre = w.pre.saturating_sub(1);
                        w.flush(lines);
                    }
                    Role::Inline | Role::Void | Role::Br | Role::Drop | Role::Title => {}
                    _ => w.flush(lines),
                }
                continue;
            }
            match role {
                Role::Br => {
                    w.flush(lines);
                    continue;
                }
                Role::Void => continue,
                Role::Table => {
                    if let Some(grid) = self.grid(n, dropped, layout) {
                        w.flush(lines);
                        lines.extend(web::table_lines(&grid, ex));
                        continue;
                    }
                    w.flush(lines);
                }
                Role::A => w.link_depth += 1,
                Role::Pre => {
                    w.flush(lines);
                    w.pre += 1;
                }
                Role::Inline | Role::Drop | Role::Title => {}
                _ => w.flush(lines),
            }
            stack.push((n, false));
            let kids: Vec<u32> = self.children(n).collect();
            stack.extend(kids.iter().rev().map(|&c| (c, true)));
        }
        w.flush(lines);
    }

    /// A data table's cells, spans repeated; `None` for a layout table (one
    /// that holds tables, long texts, or a single column or row).
    fn grid(
        &self,
        table: u32,
        dropped: &[bool],
        layout: &dyn Fn(u32) -> bool,
    ) -> Option<Vec<Vec<String>>> {
        if layout(table) {
            return None;
        }
        // The rows of this table, not of tables inside it.
        let mut rows = Vec::new();
        let mut stack: Vec<u32> = self.children(table).collect();
        stack.reverse();
        while let Some(n) = stack.pop() {
            if dropped[idx(n)] {
                continue;
            }
            match self.role_of(n) {
                Some(Role::Tr) => rows.push(n),
                Some(Role::Table) => return None,
                Some(Role::Section | Role::Inline | Role::Block | Role::Furniture) => {
                    let kids: Vec<u32> = self.children(n).collect();
                    stack.extend(kids.iter().rev());
                }
                _ => {}
            }
        }
        let mut grid: Vec<Vec<String>> = Vec::new();
        // Cells carried down by rowspan: column → (rows left, text).
        let mut carried: Vec<(u16, String)> = Vec::new();
        for row in rows {
            let mut out: Vec<String> = Vec::new();
            let mut col = 0usize;
            let take_carried =
                |out: &mut Vec<String>, col: &mut usize, carried: &mut Vec<(u16, String)>| {
                    while let Some(c) = carried.get_mut(*col).filter(|c| c.0 > 0) {
                        c.0 -= 1;
                        out.push(c.1.clone());
                        *col += 1;
                    }
                };
            for cell in self.children(row) {
                if self.role_of(cell) != Some(Role::Cell) || dropped[idx(cell)] {
                    continue;
                }
                if self
                    .children(cell)
                    .any(|c| self.role_of(c) == Some(Role::Table))
                {
                    return None;
                }
                take_carried(&mut out, &mut col, &mut carried);
                let mut cell_lines = Vec::new();
                let mut scratch = Extracted::default();
                self.render(cell, None, dropped, layout, &mut cell_lines, &mut scratch);
                if !scratch.tasks.is_empty() || !scratch.meta.is_empty() {
                    return None;
                }
                let text = cell_lines
                    .iter()
                    .map(|l| web::trim_line(&l.text).trim_matches(is_space))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                if text.chars().count() > 300 {
                    return None;
                }
                let node = &self.nodes[idx(cell)];
                for _ in 0..node.colspan.max(1) {
                    if carried.len() <= col {
                        carried.resize(col + 1, (0, String::new()));
                    }
                    carried[col] = (node.rowspan.max(1) - 1, text.clone());
                    out.push(text.clone());
                    col += 1;
                    if col > 200 {
                        return None;
                    }
                }
            }
            take_carried(&mut out, &mut col, &mut carried);
            if !out.is_empty() {
                grid.push(out);
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        (width >= 2 && !grid.is_empty()).then_some(grid)
    }
}

/// Collects a block's text as lines: white space collapsed as a browser
/// does (a no-break space becomes a space), links counted.
#[derive(Default)]
struct Writer {
    line: String,
    link_chars: usize,
    link_depth: usize,
    pre: usize,
    out: Vec<Line>,
}

impl Writer {
    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            let mut parts = s.split('\n');
            if let Some(first) = parts.next() {
                self.push_raw(first);
            }
            for part in parts {
                self.end_line();
                self.push_raw(part);
            }
            return;
        }
        let before = self.line.len();
        push_collapsed(&mut self.line, s);
        if self.link_depth > 0 {
            self.link_chars += self.line[before..]
                .chars()
                .filter(|&c| !is_space(c))
                .count();
        }
    }

    fn push_raw(&mut self, s: &str) {
        let s = s.replace(['\u{a0}', '\r'], " ");
        if self.link_depth > 0 {
            self.link_chars += s.chars().filter(|&c| !is_space(c)).count();
        }
        self.line.push_str(&s);
    }

    fn end_line(&mut self) {
        let text = std::mem::take(&mut self.line);
        let link_chars = std::mem::take(&mut self.link_chars);
        if !text.trim_matches(is_space).is_empty() {
            self.out.push(Line {
                text,
                link_chars,
                keep: false,
            });
        }
    }

    fn flush(&mut self, lines: &mut Vec<Line>) {
        self.end_line();
        lines.append(&mut self.out);
    }
}

/// Appends text with runs of white space made one space, as a browser shows
/// it; a no-break space is a space, a full-width space is kept.
fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_ascii_whitespace() || c == '\u{a0}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Metadata outside the article: `label：value` lines, and a label line
/// followed by its value line.
fn take_meta(lines: &[Line], ex: &mut Extracted) {
    let mut i = 0;
    while i < lines.len() {
        let text = web::trim_line(&lines[i].text).trim_matches(is_space);
        if let Some(label) = web::meta_label(text) {
            if let Some(next) = lines.get(i + 1) {
                let value = web::trim_line(&next.text).trim_matches(is_space);
                if web::meta_label(value).is_none() && web::label_pairs(value).is_none() {
                    web::push_meta(ex, label, value);
                    i += 2;
                    continue;
                }
            }
        } else if let Some(pairs) = web::label_pairs(text) {
            for (k, v) in pairs {
                if web::meta_label(&k).is_some() && v != "-" {
                    web::push_meta(ex, k, &v);
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        read(html.as_bytes()).expect("reads").text
    }

    #[test]
    fn charsets_are_honoured() {
        let page = "<html><head><meta charset=gbk><title>某某简报</title></head><body><p>一是加强领导。</p></body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let ex = read(&gbk).expect("gbk page");
        assert_eq!(ex.text, "某某简报\n一是加强领导。\n");
        let equiv = page.replace(
            "<meta charset=gbk>",
            r#"<meta http-equiv="Content-Type" content="text/html; charset=GB2312">"#,
        );
        let (gb, _, _) = encoding_rs::GBK.encode(&equiv);
        assert_eq!(read(&gb).expect("gb2312 page").text, ex.text);
        // No declaration and not UTF-8: GB18030.
        let bare = page.replace("<meta charset=gbk>", "");
        let (gb, _, _) = encoding_rs::GBK.encode(&bare);
        assert_eq!(read(&gb).expect("undeclared").text, ex.text);
        // A BOM wins over the meta.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(page.as_bytes());
        assert_eq!(read(&bom).expect("bom").text, ex.text);
    }

    #[test]
    fn entities_spaces_and_breaks() {
        let t = text(
            "<html><body><div id=zoom><p>&#12288;&#12288;甲&nbsp;乙&amp;丙&ldquo;丁&rdquo;</p><p>一是<b>加强</b>领导。<br>二是压实\n   责任。</p><ul><li>第一项。<li>第二项。</ul></div></body></html>",
        );
        assert_eq!(
            t,
            "\u{3000}\u{3000}甲 乙&丙“丁”\n一是加强领导。\n二是压实 责任。\n第一项。\n第二项。\n"
        );
    }

    #[test]
    fn scripts_styles_comments_hidden_and_furniture_are_dropped() {
        let t = text(
            r#"<html><head><style>p{}</style><script>document.write("<p>脚本</p>")</script></head><body>
            <nav><a href="/">首页</a><a href="/a">政务公开</a></nav>
            <header><p>某某市人民政府门户网站</p></header>
            <div class="content"><h1>某某会议纪要</h1><!-- 注释不是正文 -->
            <p>会议指出，要抓好安全生产。</p><p hidden>隐藏段落。</p><p style="display: none">也隐藏。</p>
            <noscript>请启用脚本。</noscript>
            <p>【打印】【关闭】</p><p>扫一扫在手机打开当前页</p></div>
            <footer>版权所有 某某市人民政府 京ICP备000号</footer></body></html>"#,
        );
        assert_eq!(t, "某某会议纪要\n会议指出，要抓好安全生产。\n");
    }

    #[test]
    fn the_article_is_found_by_density_without_names() {
        let article =
            "<p>会议强调，要把安全生产摆在突出位置，压实各方责任，确保全年目标任务圆满完成。</p>"
                .repeat(4);
        let links =
            r#"<a href="/1">市领导调研重点项目建设情况</a><a href="/2">全市经济运行分析会召开</a>"#
                .repeat(6);
        let page = format!(
            "<html><body><div class=a1><div class=b1>{links}</div><div class=b2><p>某某市安委会会议纪要</p>{article}</div></div><div class=a2>{links}</div></body></html>"
        );
        let t = text(&page);
        assert!(t.starts_with("某某市安委会会议纪要\n会议强调"), "{t}");
        assert!(!t.contains("调研"), "{t}");
    }

    #[test]
    fn titles_come_from_the_page() {
        // The <title> without the site name, put first.
        let t = text(
            "<html><head><title>关于某某的通知_某某市人民政府</title></head><body><div class=zoom><p>各区：</p><p>现将有关事项通知如下。</p></div></body></html>",
        );
        assert!(t.starts_with("关于某某的通知\n各区："), "{t}");
        // An <h1> that the <title> starts with, not repeated.
        let t = text(
            "<html><head><title>关于某某的通知 - 某某网</title></head><body><h1 class=logo>某某网</h1><div class=article><h1>关于某某的通知</h1><p>现将有关事项通知如下。</p></div></body></html>",
        );
        assert_eq!(t, "关于某某的通知\n现将有关事项通知如下。\n");
    }

    #[test]
    fn metadata_tables_and_head_meta() {
        let ex = read(
            r#"<html><head><meta name="ContentSource" content="某某局"><meta name="PubDate" content="2026-01-02"></head><body>
            <div class="xxgk"><ul><li>索 引 号：</li><li>001/2026-01</li><li>发文字号：某发〔2026〕1号</li></ul></div>
            <table><tr><td>标　　题：</td><td colspan=3>关于某某的通知</td></tr><tr><td>发文机关：</td><td>某某局</td><td>主题词：</td><td></td></tr></table>
            <div id=UCAP-CONTENT><p>各单位：</p><p>现将有关事项通知如下。</p></div></body></html>"#
                .as_bytes(),
        )
        .expect("reads");
        assert_eq!(
            ex.text,
            "关于某某的通知\n各单位：\n现将有关事项通知如下。\n"
        );
        for pair in [
            ("ContentSource", "某某局"),
            ("PubDate", "2026-01-02"),
            ("索引号", "001/2026-01"),
            ("发文字号", "某发〔2026〕1号"),
            ("标题", "关于某某的通知"),
            ("发文机关", "某某局"),
        ] {
            assert!(
                ex.meta.contains(&(pair.0.to_owned(), pair.1.to_owned())),
                "{pair:?} in {:?}",
                ex.meta
            );
        }
        assert!(
            !ex.meta.iter().any(|(k, _)| k == "主题词"),
            "empty values left out"
        );
    }

    #[test]
    fn other_tables_are_a_row_a_line_and_layout_tables_are_blocks() {
        let t = text(
            "<html><body><div class=content><p>全市情况如下。</p><table><tr><th>指标</th><th>数值</th></tr><tr><td>户数</td><td>120</td></tr></table></div></body></html>",
        );
        assert_eq!(t, "全市情况如下。\n指标\u{3000}数值\n户数\u{3000}120\n");
        let t = text(
            "<html><body><table><tr><td><table><tr><td><a href=/>首页</a></td></tr></table></td><td><p>第一段正文。</p><p>第二段正文。</p></td></tr></table></body></html>",
        );
        assert_eq!(t, "第一段正文。\n第二段正文。\n");
    }

    #[test]
    fn broken_markup_is_read() {
        let t = text(
            "<html><body><div class=content><p>一是加强领导<p>二是压实责任。<span><b>三是<i>抓好落实</div></p></span>。<td>散落的单元格。</body>",
        );
        // What follows the article's container is not the article.
        assert_eq!(t, "一是加强领导\n二是压实责任。三是抓好落实\n");
        let t = text("<html><head><title>纪要</title><body><p>会议指出。</p>");
        assert_eq!(t, "纪要\n会议指出。\n");
    }

    #[test]
    fn a_page_without_text_is_refused() {
        let err = read(b"<html><head><title>x</title><script>var a='\xe4\xb8\x80';</script></head><body><nav><a href=/>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>")
            .expect_err("no text");
        assert!(err.contains("no article text"), "{err}");
        assert!(read(b"<!doctype html>").is_err());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 200_000;
        let page = format!(
            "<html><body>{}<p>深处的一段话。</p>{}</body></html>",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(text(&page), "深处的一段话。\n");
        let headings = format!(
            "<html><body>{}标题</body><p>正文。</p></html>",
            "<h1>".repeat(50_000)
        );
        assert!(text(&headings).contains("正文"));
    }
}
