//! Word's automatic numbering (`word/numbering.xml`): the list definitions,
//! the counters a document's paragraphs advance, and the markers they show
//! (`一、`, `（一）`, `1.`, `①` …), rendered as Word displays them.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;

use super::xml::{attr, name_of, parse_error};

/// Levels a list definition has (`w:ilvl` 0 to 8).
pub const LEVELS: usize = 9;

/// What follows the number (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub start: u32,
    /// `w:numFmt`, as Word names it (`decimal`, `chineseCounting` …).
    pub format: String,
    /// `w:lvlText`, such as `%1、` or `（%2）`.
    pub text: String,
    /// `w:lvlRestart`: restart after a paragraph at this (1-based) level or a
    /// higher one; `Some(0)` never restarts. `None`: after any higher level.
    pub restart: Option<u32>,
    pub suffix: Suffix,
    /// `w:isLgl`: every number in the marker shown as a decimal.
    pub legal: bool,
    /// `w:pStyle`: the paragraph style this level belongs to.
    pub style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
            suffix: Suffix::Tab,
            legal: false,
            style: None,
        }
    }
}

/// A list definition (`w:abstractNum`).
#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition lives in the numbering style of that id.
    style_link: Option<String>,
}

/// A list instance (`w:num`): a definition and its overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// `w:lvlOverride/w:startOverride` per level.
    start: [Option<u32>; LEVELS],
    /// `w:lvlOverride/w:lvl`: a level replaced for this instance.
    levels: [Option<Level>; LEVELS],
}

/// The document's list definitions and the counters its paragraphs advance.
#[derive(Debug, Default)]
pub struct Numbering {
    nums: HashMap<u32, Num>,
    abstracts: HashMap<u32, Abstract>,
    /// Counters per list definition, shared by its instances.
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    /// (instance, level) whose start override has been applied.
    restarted: HashSet<(u32, usize)>,
    /// Numbering styles (`w:style w:type="numbering"`) to the instance they name.
    style_nums: HashMap<String, u32>,
    /// Instances worked out so far.
    resolved: HashMap<u32, Resolved>,
}

impl Numbering {
    /// Parses `word/numbering.xml`; the error names the part and the place.
    pub fn parse(xml: &str) -> Result<Numbering, String> {
        const PART: &str = "word/numbering.xml";
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut out = Numbering::default();
        // Where we are: the definition or instance being read, and its level.
        let mut abstract_id: Option<(u32, Abstract)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| parse_error(PART, xml, &reader, &e))?;
            let (start, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match name_of(e.name().as_ref()) {
                        "abstractNum" => {
                            if let Some((id, a)) = abstract_id.take() {
                                out.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                out.nums.insert(id, n);
                            }
                        }
                        "lvl" => finish_level(&mut level, &mut abstract_id, &mut num),
                        "lvlOverride" => override_level = None,
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
            let val = || attr(start, "val");
            let number = |key: &str| attr(start, key).and_then(|v| v.trim().parse::<u32>().ok());
            match name_of(start.name().as_ref()) {
                "abstractNum" if !empty => {
                    abstract_id = number("abstractNumId").map(|id| (id, Abstract::default()));
                }
                "num" if !empty => {
                    num = number("numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(id)) = (num.as_mut(), number("val")) {
                        n.abstract_id = id;
                    }
                }
                "numStyleLink" => {
                    if let Some((_, a)) = abstract_id.as_mut() {
                        a.style_link = val();
                    }
                }
                "lvlOverride" if !empty => {
                    override_level = number("ilvl")
                        .and_then(|l| usize::try_from(l).ok())
                        .filter(|&l| l < LEVELS);
                }
                "startOverride" => {
                    if let (Some((_, n)), Some(l), Some(v)) =
                        (num.as_mut(), override_level, number("val"))
                    {
                        n.start[l] = Some(v);
                    }
                }
                "lvl" if !empty => {
                    let ilvl = number("ilvl")
                        .and_then(|l| usize::try_from(l).ok())
                        .filter(|&l| l < LEVELS)
                        .or(override_level);
                    level = ilvl.map(|l| (l, Level::default()));
                }
                name => {
                    if let Some((_, lvl)) = level.as_mut() {
                        read_level_property(name, start, lvl);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Records the numbering styles' instances (`w:style w:type="numbering"`
    /// with a `w:numId`), which definitions with a `w:numStyleLink` point to.
    pub fn link_styles(&mut self, styles: HashMap<String, u32>) {
        self.style_nums = styles;
    }

    /// The definition an instance uses, following a style link once.
    fn definition(&self, num_id: u32) -> Option<(u32, &Abstract)> {
        let num = self.nums.get(&num_id)?;
        let mut id = num.abstract_id;
        let mut a = self.abstracts.get(&id)?;
        for _ in 0..4 {
            let Some(link) = &a.style_link else { break };
            let Some(linked) = self
                .style_nums
                .get(link)
                .and_then(|n| self.nums.get(n))
                .map(|n| n.abstract_id)
            else {
                break;
            };
            if linked == id {
                break;
            }
            id = linked;
            a = self.abstracts.get(&id)?;
        }
        Some((id, a))
    }

    fn level(&self, num_id: u32, ilvl: usize) -> Option<Level> {
        let num = self.nums.get(&num_id)?;
        if let Some(l) = &num.levels[ilvl] {
            return Some(l.clone());
        }
        self.definition(num_id)?.1.levels[ilvl].clone()
    }

    /// The level whose `w:pStyle` is `style`, in the instance's definition.
    pub fn level_of_style(&self, num_id: u32, style: &str) -> Option<usize> {
        let (_, a) = self.definition(num_id)?;
        a.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }

    /// Advances the counter of a numbered paragraph and returns its marker
    /// and what follows the marker, as Word shows them; `None` when the
    /// instance or level is not defined (numId 0 removes numbering). A bullet
    /// shows no marker (it is not an ordinal) but still counts as a list
    /// paragraph.
    pub fn next(&mut self, num_id: u32, ilvl: usize) -> Option<(String, Suffix)> {
        if num_id == 0 || ilvl >= LEVELS {
            return None;
        }
        if !self.resolved.contains_key(&num_id) {
            let r = self.resolve(num_id)?;
            self.resolved.insert(num_id, r);
        }
        let r = self.resolved.get(&num_id)?;
        let level = r.levels[ilvl].as_ref()?;
        let counters = self.counters.entry(r.abstract_id).or_insert([None; LEVELS]);
        if r.overridden[ilvl] && self.restarted.insert((num_id, ilvl)) {
            counters[ilvl] = None;
        }
        counters[ilvl] = Some(match counters[ilvl] {
            None => r.starts[ilvl],
            Some(n) => n.saturating_add(1),
        });
        for (deeper, lvl) in r.levels.iter().enumerate().skip(ilvl + 1) {
            let threshold = lvl
                .as_ref()
                .and_then(|l| l.restart)
                .map_or(deeper, |v| usize::try_from(v).unwrap_or(usize::MAX));
            if ilvl < threshold {
                counters[deeper] = None;
            }
        }
        if level.format == "bullet" {
            return Some((String::new(), level.suffix));
        }
        let marker = render(&level.text, |l| {
            let format = if level.legal {
                "decimal"
            } else {
                r.levels[l]
                    .as_ref()
                    .map_or("decimal", |x| x.format.as_str())
            };
            format_number(counters[l].unwrap_or(r.starts[l]), format)
        });
        Some((marker, level.suffix))
    }

    /// An instance's levels, starts and overrides, worked out once.
    fn resolve(&self, num_id: u32) -> Option<Resolved> {
        let (abstract_id, _) = self.definition(num_id)?;
        let num = self.nums.get(&num_id)?;
        let levels: [Option<Level>; LEVELS] = std::array::from_fn(|l| self.level(num_id, l));
        let starts = std::array::from_fn(|l| {
            num.start[l]
                .or_else(|| levels[l].as_ref().map(|x| x.start))
                .unwrap_or(1)
        });
        Some(Resolved {
            abstract_id,
            starts,
            overridden: std::array::from_fn(|l| num.start[l].is_some()),
            levels,
        })
    }
}

/// A list instance as its paragraphs are numbered: the definition's levels
/// with the instance's overrides applied.
#[derive(Debug)]
struct Resolved {
    abstract_id: u32,
    levels: [Option<Level>; LEVELS],
    starts: [u32; LEVELS],
    overridden: [bool; LEVELS],
}

fn finish_level(
    level: &mut Option<(usize, Level)>,
    abstract_id: &mut Option<(u32, Abstract)>,
    num: &mut Option<(u32, Num)>,
) {
    let Some((l, lvl)) = level.take() else { return };
    if let Some((_, a)) = abstract_id.as_mut() {
        a.levels[l] = Some(lvl);
    } else if let Some((_, n)) = num.as_mut() {
        n.levels[l] = Some(lvl);
    }
}

fn read_level_property(name: &str, e: &quick_xml::events::BytesStart<'_>, lvl: &mut Level) {
    let val = attr(e, "val");
    match name {
        "start" => {
            if let Some(v) = val.and_then(|v| v.trim().parse().ok()) {
                lvl.start = v;
            }
        }
        "numFmt" => {
            if let Some(v) = val {
                lvl.format = v;
            }
        }
        "lvlText" => lvl.text = val.unwrap_or_default(),
        "lvlRestart" => lvl.restart = val.and_then(|v| v.trim().parse().ok()),
        "suff" => {
            lvl.suffix = match val.as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            };
        }
        "isLgl" => lvl.legal = !matches!(val.as_deref(), Some("0" | "false" | "off")),
        "pStyle" => lvl.style = val,
        _ => {}
    }
}

/// Replaces `%1` … `%9` in a level's text with the numbers of those levels.
fn render(text: &str, mut number: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%'
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            && (1..=9).contains(&d)
        {
            chars.next();
            out.push_str(&number(d as usize - 1));
        } else {
            out.push(c);
        }
    }
    out
}

const HAN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A number in one of Word's number formats (`w:numFmt`), as Word shows it.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" | "bullet" => String::new(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(u32::from(c) - 0x30 + 0xFF10).unwrap_or(c))
            .collect(),
        "chineseCounting" | "taiwaneseCounting" | "japaneseCounting" => chinese_counting(n),
        "chineseCountingThousand" | "taiwaneseCountingThousand" => {
            chinese_thousand(n, HAN_DIGITS, ['十', '百', '千'], '零', false)
                .unwrap_or_else(|| n.to_string())
        }
        "chineseLegalSimplified" => {
            chinese_thousand(n, LEGAL_DIGITS, ['拾', '佰', '仟'], '零', true)
                .unwrap_or_else(|| n.to_string())
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => digits(n),
        "ideographTraditional" => from_table(
            n,
            &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
        ),
        "ideographZodiac" => from_table(
            n,
            &[
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ],
        ),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, 0x2460),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488),
        "decimalEnclosedParen" => enclosed(n, 0x2474),
        "ideographEnclosedCircle" => {
            if (1..=10).contains(&n) {
                char::from_u32(0x3280 + n - 1).map_or_else(|| n.to_string(), String::from)
            } else {
                n.to_string()
            }
        }
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        // decimal, decimalHalfWidth, ordinal and the rest.
        _ => n.to_string(),
    }
}

/// Word's 一, 二 … 十, 十一 … 九十九; from 100 on, digit by digit (一〇〇).
fn chinese_counting(n: u32) -> String {
    let d = |k: u32| HAN_DIGITS[k as usize % 10];
    match n {
        0 => "〇".into(),
        1..=9 => d(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", d(n % 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", d(n / 10)),
        20..=99 => format!("{}十{}", d(n / 10), d(n % 10)),
        _ => digits(n),
    }
}

/// The full reading up to 9999: 一百零一, 一千零一十, 一千一百; ten to
/// nineteen as 十一 (or 壹拾壹 in the legal figures, `lead_ten`).
fn chinese_thousand(
    n: u32,
    digits: [char; 10],
    units: [char; 3],
    zero: char,
    lead_ten: bool,
) -> Option<String> {
    if n == 0 || n > 9999 {
        return None;
    }
    let places = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &p) in places.iter().enumerate() {
        if p == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一, when ten is the highest place.
        let ten_first = i == 2 && out.is_empty() && p == 1 && !lead_ten;
        if !ten_first {
            out.push(digits[p as usize]);
        }
        if let Some(u) = unit[i] {
            out.push(u);
        }
    }
    Some(out)
}

fn digits(n: u32) -> String {
    n.to_string()
        .bytes()
        .map(|b| HAN_DIGITS[usize::from(b - b'0')])
        .collect()
}

fn from_table(n: u32, table: &[char]) -> String {
    usize::try_from(n)
        .ok()
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| table.get(i))
        .map_or_else(|| n.to_string(), char::to_string)
}

/// ① … ⑳ and their kin; beyond twenty Word shows the plain number.
fn enclosed(n: u32, first: u32) -> String {
    if (1..=20).contains(&n) {
        char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from)
    } else {
        n.to_string()
    }
}

/// a … z, then aa … zz, aaa …: Word repeats the letter.
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let k = (n - 1) % 26;
    let times = (n - 1) / 26 + 1;
    let c = char::from(base + u8::try_from(k).unwrap_or(0));
    std::iter::repeat_n(c, usize::try_from(times.min(64)).unwrap_or(1)).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
