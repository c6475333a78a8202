//! `brief show`: a briefing laid out for reading on standard output, ready for a
//! pager. Styled with ANSI codes only when asked to (a terminal, no `NO_COLOR`).

use std::io::{self, Write};

use crate::article::{Article, Source};
use crate::briefing::{Briefing, Section};
use crate::layout::{self, Options, Spans};

/// How `brief show` writes.
#[derive(Debug, Clone, Copy)]
pub struct ShowOptions {
    pub layout: Options,
    pub color: bool,
    /// Only this section (0-based).
    pub section: Option<usize>,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MARKER: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

pub fn write_briefing(out: &mut impl Write, b: &Briefing, opts: &ShowOptions) -> io::Result<()> {
    let plain = Options {
        first_indent: 0,
        hang: false,
        ..opts.layout
    };
    let style = |s: &'static str| if opts.color { s } else { "" };
    let reset = style(RESET);
    write_wrapped(out, &b.title, &plain, style(BOLD), reset)?;
    if let Some(sub) = &b.subtitle {
        write_wrapped(out, &format!("——{sub}"), &plain, "", "")?;
    }
    let meta: Vec<&str> = [
        b.frame.doc_number.as_deref(),
        b.frame.issuer.as_deref(),
        b.date.as_deref(),
        b.source.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        write_wrapped(out, &meta.join(" · "), &plain, style(DIM), reset)?;
    }
    for (i, section) in b.sections.iter().enumerate() {
        if opts.section.is_some_and(|k| k != i) {
            continue;
        }
        writeln!(out)?;
        writeln!(out)?;
        write_section(out, section, opts)?;
    }
    Ok(())
}

fn write_wrapped(
    out: &mut impl Write,
    text: &str,
    opts: &Options,
    on: &str,
    off: &str,
) -> io::Result<()> {
    for l in layout::layout(text, opts) {
        writeln!(out, "{}{on}{}{off}", " ".repeat(l.indent), &text[l.range])?;
    }
    Ok(())
}

pub fn write_section(
    out: &mut impl Write,
    section: &Section,
    opts: &ShowOptions,
) -> io::Result<()> {
    let article = Article::new(section, &opts.layout);
    let style = |s: &'static str| if opts.color { s } else { "" };
    let mut spans: Option<(usize, Spans<()>)> = None;
    for line in &article.lines {
        let text = article.text(section, line);
        let indent = indentation(line.indent);
        match line.source {
            Source::Blank => writeln!(out)?,
            Source::Headline => writeln!(out, "{indent}{}{text}{}", style(BOLD), style(RESET))?,
            Source::Author | Source::Note(_) => {
                writeln!(out, "{indent}{}{text}{}", style(DIM), style(RESET))?;
            }
            Source::Paragraph(p) => {
                let paragraph = &section.paragraphs[p];
                // The paragraph's markers, indexed once for all its lines.
                if spans.as_ref().is_none_or(|(q, _)| *q != p) {
                    let markers = article.markers.get(p).map_or(&[][..], Vec::as_slice);
                    spans = Some((p, Spans::new(markers.iter().map(|r| (r.clone(), ())))));
                }
                let Some((_, spans)) = &spans else {
                    continue;
                };
                write!(out, "{indent}")?;
                for (piece, marked) in spans.split(&line.range) {
                    let s = &paragraph[piece];
                    if marked.is_some() {
                        write!(out, "{}{s}{}", style(MARKER), style(RESET))?;
                    } else {
                        write!(out, "{s}")?;
                    }
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// Indentation as Chinese text writes it: full-width spaces (two columns each).
fn indentation(columns: usize) -> String {
    let mut s = "\u{3000}".repeat(columns / 2);
    if columns % 2 == 1 {
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_text;

    #[test]
    fn plain_and_coloured_output() {
        let b = parse_text(
            "t.txt",
            "用好经验 奋力赶超\n\n——大家谈(一)\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。\n",
        );
        let mut opts = ShowOptions {
            layout: Options::new(40),
            color: false,
            section: None,
        };
        let mut out = Vec::new();
        write_briefing(&mut out, &b, &opts).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "用好经验 奋力赶超\n——大家谈(一)\n\n\n珍惜发展机遇 推进城市建设\n市城市管理局局长 赵高堂\n\n\u{3000}\u{3000}导语。一是净化盐湖。\n"
        );
        opts.color = true;
        let mut out = Vec::new();
        write_briefing(&mut out, &b, &opts).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("\x1b[1;33m一是\x1b[0m净化盐湖"), "{text:?}");
    }
}
