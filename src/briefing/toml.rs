//! The structured format (FORMAT.md §2): briefings written by hand in TOML.

use serde::Deserialize;
use thin_vec::ThinVec;

use super::decode::Encoding;
use super::{
    Briefing, Item, LoadError, Paragraphs, Section, SectionKind, Words, assign_ids, items,
    paragraphs,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    title: String,
    subtitle: Option<String>,
    date: Option<toml::value::Datetime>,
    source: Option<String>,
    #[serde(default, rename = "section")]
    sections: Vec<FileSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection {
    headline: Option<String>,
    department: Option<String>,
    position: Option<String>,
    person: Option<String>,
    #[serde(default)]
    text: String,
    items: Option<Vec<String>>,
}

pub fn parse(name: &str, text: &str, encoding: Encoding) -> Result<Briefing, LoadError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_column(text, span.start));
        LoadError::Toml {
            path: name.into(),
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    })?;
    if file.title.trim().is_empty() {
        return Err(LoadError::Invalid {
            path: name.into(),
            message: "the title is empty".into(),
        });
    }
    let mut warnings = Vec::new();
    let mut sections = Vec::with_capacity(file.sections.len());
    for (index, s) in file.sections.into_iter().enumerate() {
        sections.push(section(s, index, &mut warnings));
    }
    let kind = if sections.iter().any(|s| s.person().is_some()) {
        SectionKind::Departments
    } else {
        SectionKind::Chapters
    };
    let mut b = Briefing::empty(name, Some(encoding));
    file.title.trim().clone_into(&mut b.title);
    b.subtitle = file.subtitle.filter(|s| !s.trim().is_empty());
    b.date = file.date.map(|d| d.to_string());
    b.source = file.source.filter(|s| !s.trim().is_empty());
    b.sections = sections;
    b.warnings = warnings;
    b.format = super::DocFormat::Toml;
    b.kind = kind;
    assign_ids(&mut b);
    Ok(b)
}

fn section(s: FileSection, index: usize, warnings: &mut Vec<String>) -> Section {
    let n = index + 1;
    let labels = [&s.headline, &s.department, &s.position, &s.person]
        .map(|v| v.as_deref().map(str::trim).filter(|s| !s.is_empty()));
    let mut paragraphs = paragraphs::Builder::default();
    for p in s.text.split("\n\n") {
        let p: String = p
            .lines()
            .map(|l| l.trim_matches(super::chars::is_space))
            .collect();
        if !p.is_empty() {
            paragraphs.push(&p);
        }
    }
    let paragraphs = paragraphs.finish_with_labels(labels);
    if paragraphs.is_empty() {
        warnings.push(format!("section {n} has no text"));
    }
    let items = if let Some(titles) = s.items {
        explicit_items(&paragraphs, titles)
    } else {
        let (items, w) = items::section_items(&paragraphs, n);
        warnings.extend(w);
        items
    };
    Section::new(paragraphs, items)
}

/// Items listed by hand: each is found in the text when it appears there (so the
/// article can highlight it), and numbered 1., 2., … as its marker.
fn explicit_items(paragraphs: &Paragraphs, titles: Vec<String>) -> ThinVec<Item> {
    titles
        .into_iter()
        .enumerate()
        .map(|(i, title)| {
            let title = title.trim().to_owned();
            let found = paragraphs
                .iter()
                .enumerate()
                .find_map(|(p, para)| para.find(&title).map(|at| (p, at)));
            let marker = Words::Own(format!("{}.", i + 1).into());
            match found {
                // The title is the item's whole text, a range of its paragraph.
                Some((p, at)) if !title.is_empty() => {
                    let words = || Words::of(at..at + title.len());
                    Item::new(p, 0, marker, words(), words(), false)
                }
                _ => {
                    let words = Words::Own(title.into());
                    Item::new(0, 0, marker, words.clone(), words, false)
                }
            }
        })
        .collect()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_briefing_with_extracted_and_explicit_items() {
        let text = r#"
title = "安全生产专题会议"
date = 2026-08-15
[[section]]
headline = "压实责任 守牢底线"
department = "市应急管理局"
position = "局长"
person = "王某"
text = """
　　会议要求：一是压实责任。二是排查隐患。

总之，要守住底线。
"""
[[section]]
headline = "补齐短板"
text = "加强队伍建设。完善预案。"
items = ["完善预案", "组织演练"]
"#;
        let b = parse("a.toml", text, Encoding::Utf8).expect("parses");
        assert_eq!(b.title, "安全生产专题会议");
        assert_eq!(b.date.as_deref(), Some("2026-08-15"));
        assert_eq!(b.sections[0].paragraphs.len(), 2);
        let titles: Vec<&str> = b.sections[0]
            .items
            .iter()
            .map(|i| i.title(&b.sections[0].paragraphs))
            .collect();
        assert_eq!(titles, vec!["压实责任", "排查隐患"]);
        let explicit = &b.sections[1].items;
        assert_eq!(explicit[0].span(), 21..33);
        assert_eq!(explicit[1].span(), 0..0);
        assert_ne!(explicit[0].id, explicit[1].id);
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse(
            "bad.toml",
            "title = \"x\"\n[[section]]\nheadline = 3\n",
            Encoding::Utf8,
        )
        .expect_err("fails");
        let msg = err.to_string();
        assert!(msg.starts_with("bad.toml:3:12: "), "{msg}");
        let err = parse(
            "bad.toml",
            "title = \"x\"\ncolour = \"red\"\n",
            Encoding::Utf8,
        )
        .expect_err("fails");
        assert!(err.to_string().starts_with("bad.toml:2:1: "), "{err}");
        let err = parse("bad.toml", "subtitle = \"x\"\n", Encoding::Utf8).expect_err("fails");
        assert!(err.to_string().contains("title"), "{err}");
    }
}
