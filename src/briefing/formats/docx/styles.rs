//! Paragraph styles (`word/styles.xml`): the numbering and outline level a
//! paragraph inherits from its style and the styles it is based on.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::{attr, name_of, parse_error};

#[derive(Debug, Clone, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    outline: Option<u8>,
    is_numbering: bool,
}

/// The document's styles, by id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// How far `w:basedOn` is followed (a loop in a damaged file ends here).
const MAX_CHAIN: usize = 16;

impl Styles {
    /// Parses `word/styles.xml`; the error names the part and the place.
    pub fn parse(xml: &str) -> Result<Styles, String> {
        const PART: &str = "word/styles.xml";
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut out = Styles::default();
        let mut current: Option<(String, Style)> = None;
        // Tracked changes keep the old properties: not the style's own.
        let mut skip = 0usize;
        let mut in_ppr = false;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| parse_error(PART, xml, &reader, &e))?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match name_of(e.name().as_ref()) {
                        "style" => {
                            if let Some((id, s)) = current.take() {
                                out.by_id.insert(id, s);
                            }
                        }
                        "pPr" => in_ppr = false,
                        _ => {}
                    }
                    continue;
                }
                Event::DocType(_) => {
                    return Err(format!(
                        "{PART} declares a DOCTYPE, which Word never writes"
                    ));
                }
                Event::Eof => break,
                _ => continue,
            };
            if skip > 0 {
                skip += usize::from(!empty);
                continue;
            }
            let qname = e.name();
            let name = name_of(qname.as_ref());
            if name.ends_with("Change") {
                skip += usize::from(!empty);
                continue;
            }
            let number = || attr(e, "val").and_then(|v| v.trim().parse::<u32>().ok());
            match name {
                "style" if !empty => {
                    current = attr(e, "styleId").map(|id| {
                        let is_numbering = attr(e, "type").as_deref() == Some("numbering");
                        (
                            id,
                            Style {
                                is_numbering,
                                ..Style::default()
                            },
                        )
                    });
                }
                "pPr" if !empty => in_ppr = true,
                _ => {
                    let Some((_, s)) = current.as_mut() else {
                        continue;
                    };
                    match name {
                        "name" => s.name = attr(e, "val"),
                        "basedOn" => s.based_on = attr(e, "val"),
                        "numId" if in_ppr => s.num_id = number(),
                        "ilvl" if in_ppr => s.ilvl = number(),
                        "outlineLvl" if in_ppr => {
                            s.outline = number().and_then(|v| u8::try_from(v).ok());
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let s = self.by_id.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(MAX_CHAIN)
    }

    /// The list a paragraph of this style is numbered in: `(numId, ilvl)`,
    /// the level `None` when the style does not give one.
    pub fn numbering(&self, id: &str) -> Option<(u32, Option<u32>)> {
        let num = self.chain(id).find_map(|s| s.num_id)?;
        let ilvl = self.chain(id).find_map(|s| s.ilvl);
        Some((num, ilvl))
    }

    /// The outline level (0 for a top heading) of a paragraph of this style:
    /// `w:outlineLvl`, or a name such as `heading 2` or `标题 2`. Level 9 is
    /// body text.
    pub fn outline(&self, id: &str) -> Option<u8> {
        self.chain(id).find_map(|s| {
            s.outline.filter(|&l| l < 9).or_else(|| {
                let name = s.name.as_deref()?.trim().to_lowercase();
                let rest = name
                    .strip_prefix("heading")
                    .or_else(|| name.strip_prefix("标题"))?;
                let n: u8 = rest.trim().parse().ok()?;
                (1..=9).contains(&n).then(|| n - 1)
            })
        })
    }

    /// Numbering styles and the list instance each names, for definitions
    /// that link to one (`w:numStyleLink`).
    pub fn numbering_styles(&self) -> HashMap<String, u32> {
        self.by_id
            .iter()
            .filter(|(_, s)| s.is_numbering)
            .filter_map(|(id, s)| Some((id.clone(), s.num_id?)))
            .collect()
    }
}
