//! The follow-up ledger's fields of an item (LEDGER.md): who leads it, who
//! helps, by when, and what numbers it commits to. Read from the item's own
//! text, its task-table cells and its section; pure, no clock: dates resolve
//! against the briefing's own date.

use jiff::civil::Date;
use serde::Serialize;
use thin_vec::ThinVec;

use super::chars::{all_three_bytes, is_three_byte_lead, three_bytes};
use super::{Briefing, Item, Label, Paragraphs, Section};

mod due;
mod lead;
mod numbers;
mod target;

pub use due::{Base, Problem, add_working_days};
pub use lead::split_units;

/// How an item's lead unit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeadFrom {
    /// A phrase in the item's text: `牵头单位：X`, `由X牵头`, `X负责`.
    Explicit,
    /// A task table's 牵头单位 / 责任单位 column.
    Table,
    /// The section's department (the speaker's unit).
    Section,
}

/// What kind of time an item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// Done by a date.
    By,
    /// Again every month, quarter or year; the date is the next occurrence.
    Recurring,
    /// Kept up without end (`长期坚持`, `常态化`): no date.
    Ongoing,
    /// A time the text names but no calendar fixes (`春节前`, `汛期前`).
    Unresolved,
}

/// How often a recurring item comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    Quarter,
    Year,
}

/// An item's deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The words as written (`11月底前`).
    pub text: String,
    /// The date it resolves to; for recurring items, the next occurrence
    /// after today (filled by [`resolve_recurring`]).
    pub date: Option<Date>,
    pub kind: DueKind,
    /// The briefing has no date: the year is the file's modification year.
    pub assumed_year: bool,
    /// For recurring items, how often.
    #[serde(skip)]
    pub every: Option<Period>,
}

/// A numeric commitment: `突破百亿元` → 100, 亿元, 突破.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub text: Box<str>,
    pub value: f64,
    pub unit: Box<str>,
    pub verb: &'static str,
}

// Values are finite numbers read from text, never NaN.
impl Eq for Target {}

/// The ledger fields of one item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Followup {
    /// 牵头单位. Shared by the items that take it from their section, so a
    /// speaker's unit is kept once, not once an item.
    pub lead: Option<std::sync::Arc<str>>,
    pub lead_from: Option<LeadFrom>,
    /// The fields most items do not have, boxed together (`None` when all
    /// are empty): a library holds tens of thousands of items, and a
    /// quarter of them have any.
    rest: Option<Box<Rest>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Rest {
    support: ThinVec<String>,
    due: Option<Box<Due>>,
    targets: ThinVec<Target>,
}

impl Rest {
    /// Boxed, unless there is nothing to keep.
    fn boxed(self) -> Option<Box<Rest>> {
        (!self.support.is_empty() || self.due.is_some() || !self.targets.is_empty())
            .then(|| Box::new(self))
    }
}

impl Followup {
    /// 配合单位, as written.
    pub fn support(&self) -> &[String] {
        self.rest.as_ref().map_or(&[], |r| &r.support)
    }

    /// The deadline.
    pub fn due(&self) -> Option<&Due> {
        self.rest.as_ref()?.due.as_deref()
    }

    pub fn due_mut(&mut self) -> Option<&mut Due> {
        self.rest.as_mut()?.due.as_deref_mut()
    }

    /// The numeric commitments, in the order written.
    pub fn targets(&self) -> &[Target] {
        self.rest.as_ref().map_or(&[], |r| &r.targets)
    }

    pub fn set_support(&mut self, support: impl IntoIterator<Item = String>) {
        let support: ThinVec<String> = support.into_iter().collect();
        self.change(|r| r.support = support);
    }

    pub fn set_due(&mut self, due: Option<Due>) {
        self.change(|r| r.due = due.map(Box::new));
    }

    /// Changes the boxed fields, keeping no box when they are all empty.
    fn change(&mut self, f: impl FnOnce(&mut Rest)) {
        let mut rest = self.rest.take().map(|r| *r).unwrap_or_default();
        f(&mut rest);
        self.rest = rest.boxed();
    }
}

/// Written with every field, as the JSON contract (LEDGER.md) lists them.
impl Serialize for Followup {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Followup", 5)?;
        st.serialize_field("lead", &self.lead)?;
        st.serialize_field("lead_from", &self.lead_from)?;
        st.serialize_field("support", self.support())?;
        st.serialize_field("due", &self.due())?;
        st.serialize_field("targets", self.targets())?;
        st.end()
    }
}

/// The date deadlines resolve against: the briefing's date line (or the
/// 成文日期 under its signature, or a web page's date, all of which the parser
/// keeps as `date`), else a full date (`2026年10月20日`) in its subtitle,
/// else one in its first paragraph. A month and day without a year is not
/// enough.
pub fn briefing_date(b: &Briefing) -> Option<Date> {
    let first_paragraph = b.sections.iter().find_map(|s| s.paragraphs.first());
    b.date
        .as_deref()
        .and_then(|d| d.parse().ok())
        .or_else(|| b.subtitle.as_deref().and_then(full_date_in))
        .or_else(|| first_paragraph.and_then(full_date_in))
}

/// The first full date in `text`: `2026年10月20日`, `二〇二六年十月二十日`.
pub fn full_date_in(text: &str) -> Option<Date> {
    if !text.contains('年') {
        return None;
    }
    let cs: Vec<char> = text.chars().collect();
    for (k, _) in cs.iter().enumerate().filter(|&(_, &c)| c == '年') {
        let Some((year, start)) = numbers::read_back(&cs, k, 4) else {
            continue;
        };
        if k - start != 4 {
            continue;
        }
        let Some((month, m_len)) = numbers::read_whole(&cs, k + 1, 3) else {
            continue;
        };
        let d_at = k + 1 + m_len + 1;
        if cs.get(k + 1 + m_len) != Some(&'月') {
            continue;
        }
        let Some((day, d_len)) = numbers::read_whole(&cs, d_at, 3) else {
            continue;
        };
        if !matches!(cs.get(d_at + d_len), Some('日' | '号')) {
            continue;
        }
        let date = (|| {
            let y = i16::try_from(year)
                .ok()
                .filter(|y| (1990..=2100).contains(y))?;
            Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
        })();
        if date.is_some() {
            return date;
        }
    }
    None
}

/// Fills every item's ledger fields. `fallback_year` is the year of the
/// file's modification time, used (and said so) when the briefing has no
/// date. Impossible or far-off dates are reported in the briefing's
/// warnings, naming the section and the words.
pub fn annotate(b: &mut Briefing, fallback_year: Option<i16>) {
    use rayon::prelude::*;
    let base = Base::new(briefing_date(b), fallback_year);
    // Items are independent: read on every core, as sections are built.
    let mut work: Vec<(usize, &Paragraphs, Option<&str>, &mut Item)> = Vec::new();
    for (index, section) in b.sections.iter_mut().enumerate() {
        let Section { paragraphs, items } = section;
        let paragraphs: &Paragraphs = paragraphs;
        let department = paragraphs.label(Label::Department);
        work.extend(
            items
                .iter_mut()
                .map(|item| (index, paragraphs, department, item)),
        );
    }
    let reports: Vec<(usize, String, Vec<Problem>)> = work
        .into_par_iter()
        .with_min_len(256)
        .filter_map(|(index, paragraphs, department, item)| {
            let mut problems = Vec::new();
            item.followup = followup(item, paragraphs, department, base, &mut problems);
            (!problems.is_empty()).then(|| (index, item.title(paragraphs).to_owned(), problems))
        })
        .collect();
    for (index, title, problems) in reports {
        let label = b.sections[index].label();
        let place = if label.is_empty() {
            format!("section {}", index + 1)
        } else {
            format!("section {} ({label})", index + 1)
        };
        for p in problems {
            b.warnings.push(format!("{place}, item “{title}”: {p}"));
        }
    }
}

/// What an item's text may hold, from the pass that copies its characters:
/// the extractors run only where their key characters occur.
#[derive(Debug, Default, Clone, Copy)]
struct Cues {
    /// 月 年 季 内 前 每 …: a time phrase.
    time: bool,
    /// A digit or a Chinese numeral: a target.
    number: bool,
    /// 牵 负 配 and colons: a responsibility phrase.
    units: lead::Hints,
}

/// A 64-bit sieve over characters: bit `c mod 64` is set for each of
/// `chars`. A character whose bit is clear is none of them, which most
/// characters of a text show with one AND instead of a chain of compares.
pub(crate) const fn sieve(chars: &[char]) -> u64 {
    let mut mask = 0u64;
    let mut i = 0;
    while i < chars.len() {
        mask |= 1 << (chars[i] as u32 % 64);
        i += 1;
    }
    mask
}

/// Whether `c` may be one of the characters `mask` was made of.
#[inline]
pub(crate) fn may_be(mask: u64, c: char) -> bool {
    mask & (1 << (u32::from(c) % 64)) != 0
}

/// A set of characters of the Basic Multilingual Plane, one bit each: one
/// load and a shift tell whether a character is in it.
struct CharSet([u64; 1024]);

impl CharSet {
    const fn of(lists: &[&[char]]) -> CharSet {
        let mut words = [0u64; 1024];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                // A character beyond the plane fails the build here.
                let code = lists[l][i] as usize;
                words[code >> 6] |= 1 << (code & 63);
                i += 1;
            }
            l += 1;
        }
        CharSet(words)
    }

    /// Whether the character numbered `code` is in the set, read straight
    /// from the number (a number beyond the plane is not).
    #[inline]
    fn has_code(&self, code: u32) -> bool {
        self.0
            .get((code >> 6) as usize)
            .is_some_and(|word| word & (1 << (code & 63)) != 0)
    }

    #[inline]
    fn has(&self, c: char) -> bool {
        let code = c as usize;
        self.0
            .get(code >> 6)
            .is_some_and(|word| word & (1 << (code & 63)) != 0)
    }
}

/// The characters of responsibility phrases: 牵头, 负责, 配合.
const UNIT_KEYS: [char; 3] = ['牵', '负', '配'];

/// Every character the pass over an item notes: most characters of a text
/// are none of them, and cost one look-up.
static KEYS: CharSet = CharSet::of(&[
    &due::ANCHORS,
    &target::NUMERALS,
    &target::VERB_STARTS,
    &UNIT_KEYS,
]);
static ANCHORS: CharSet = CharSet::of(&[&due::ANCHORS]);
static NUMERALS: CharSet = CharSet::of(&[&target::NUMERALS]);
static VERB_STARTS: CharSet = CharSet::of(&[&target::VERB_STARTS]);

/// An item's characters, and where its time anchors, numerals, verbs and
/// colons are: one pass finds what the deadline, target and unit scans then
/// visit.
#[derive(Debug, Default)]
struct Scan {
    /// Room for the characters of the longest text read so far: the item's
    /// are the first `len` ([`Scan::chars`]), the rest left from before.
    cs: Vec<char>,
    /// How many characters the item has.
    len: usize,
    anchors: Vec<usize>,
    numerals: Vec<usize>,
    /// Where a target's verb may start.
    verbs: Vec<usize>,
    /// Byte offsets of `：` and `:` in the text, in order.
    colons: Vec<usize>,
    /// The last section's unit given as a lead, for the items after it.
    section_lead: Option<std::sync::Arc<str>>,
}

/// How many characters of three bytes [`Cues::read`] takes at a time.
const GROUP: usize = 8;

impl Cues {
    /// Copies `text`'s characters into `scan` and notes what they hold.
    fn read(text: &str, scan: &mut Scan) -> Cues {
        let mut units = scan.start(text);
        let bytes = text.as_bytes();
        let (mut i, mut k) = (0, 0);
        // Nearly every character of a briefing is three bytes long: they are
        // read a group at a time, straight from the bytes and without a
        // branch a character; only a key character (one in ten is) is looked
        // at again.
        while i < bytes.len() {
            if let Some(group) = bytes.get(i..i + 3 * GROUP)
                && let Some(slots) = scan.cs.get_mut(k..k + GROUP)
            {
                let taken = if all_three_bytes(group) {
                    let mut keys = 0u32;
                    for (j, (slot, b)) in slots.iter_mut().zip(group.chunks_exact(3)).enumerate() {
                        let code = three_bytes(b);
                        *slot = char::from_u32(code).unwrap_or('\0');
                        keys |= u32::from(KEYS.has_code(code)) << j;
                    }
                    while keys != 0 {
                        scan.note(k + keys.trailing_zeros() as usize, &mut units);
                        keys &= keys - 1;
                    }
                    GROUP
                } else {
                    // The characters before the first of another length.
                    let mut taken = 0;
                    for b in group.chunks_exact(3) {
                        if !is_three_byte_lead(b[0]) {
                            break;
                        }
                        let code = three_bytes(b);
                        scan.cs[k + taken] = char::from_u32(code).unwrap_or('\0');
                        if KEYS.has_code(code) {
                            scan.note(k + taken, &mut units);
                        }
                        taken += 1;
                    }
                    taken
                };
                i += 3 * taken;
                k += taken;
                if taken == GROUP {
                    continue;
                }
            }
            // Digits, Latin letters and the like, and the last few
            // characters: one at a time, up to the next of three bytes.
            while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
                scan.cs[k] = c;
                if KEYS.has(c) {
                    scan.note(k, &mut units);
                }
                i += c.len_utf8();
                k += 1;
                if c.len_utf8() != 3 && bytes.get(i).is_some_and(|&b| b & 0xF0 == 0xE0) {
                    break;
                }
            }
        }
        scan.finish(text, k, units)
    }
}

impl Scan {
    /// Empties the lists for `text` and gives its characters room: a slot
    /// for each byte, never too few, so that the pass that follows fills
    /// them without counting them first. The room is only ever grown (and
    /// then zeroed), not cleared and zeroed again for every item.
    fn start(&mut self, text: &str) -> lead::Hints {
        self.len = 0;
        self.anchors.clear();
        self.numerals.clear();
        self.verbs.clear();
        self.colons.clear();
        if self.cs.len() < text.len() {
            self.cs.resize(text.len(), '\0');
        }
        lead::Hints::default()
    }

    /// The cues, once the first `chars` characters of `text` are read (all
    /// of them): the colons are found only when a colon was seen.
    fn finish(&mut self, text: &str, chars: usize, units: lead::Hints) -> Cues {
        self.len = chars;
        if units.colon {
            let bytes = text.as_bytes();
            self.colons.extend(memchr::memchr_iter(b':', bytes));
            self.colons
                .extend(memchr::memmem::find_iter(bytes, "：".as_bytes()));
            self.colons.sort_unstable();
        }
        Cues {
            time: !self.anchors.is_empty(),
            number: !self.numerals.is_empty(),
            units,
        }
    }

    /// The item's characters.
    fn chars(&self) -> &[char] {
        &self.cs[..self.len]
    }

    /// Notes the key character at `cs[k]` in the list it belongs to.
    fn note(&mut self, k: usize, units: &mut lead::Hints) {
        let c = self.cs[k];
        // A verb's first character is nothing else, and a numeral no
        // anchor but 五 (a test keeps the lists so).
        if VERB_STARTS.has(c) {
            self.verbs.push(k);
            return;
        }
        if NUMERALS.has(c) {
            self.numerals.push(k);
            if c != '五' {
                return;
            }
        }
        if ANCHORS.has(c) {
            self.anchors.push(k);
        }
        match c {
            '牵' => units.qian = true,
            '负' => units.fu = true,
            '配' => units.pei = true,
            '：' | ':' => units.colon = true,
            _ => {}
        }
    }
}

/// Headers of task-table columns, by what they hold.
const LEAD_HEADERS: &[&str] = &["牵头", "责任单位", "责任部门", "主责", "主办"];
const SUPPORT_HEADERS: &[&str] = &["配合", "协办", "参与单位", "协同"];
const DUE_HEADERS: &[&str] = &["时限", "完成时间", "期限", "截止"];

fn cell<'a>(item: &'a Item, headers: &[&str]) -> Option<&'a str> {
    item.cells()
        .iter()
        .find(|c| headers.iter().any(|h| c.header.contains(h)) && !c.value.trim().is_empty())
        .map(|c| c.value.trim())
}

/// One item's ledger fields: the lead from an explicit phrase, else the task
/// table's column, else the section's department; the deadline from the
/// text's label (`完成时限：`), else the table's column, else the text.
pub fn followup(
    item: &Item,
    paragraphs: &Paragraphs,
    department: Option<&str>,
    base: Base,
    problems: &mut Vec<Problem>,
) -> Followup {
    // One buffer of characters per thread, reused from item to item.
    thread_local! {
        static SCAN: std::cell::RefCell<Scan> = std::cell::RefCell::new(Scan::default());
    }
    SCAN.with_borrow_mut(|scan| {
        let text = item.text(paragraphs);
        let cues = Cues::read(text, scan);
        let units = lead::units(text, cues.units, &scan.colons);
        let (lead, lead_from) = if let Some(l) = units.lead {
            (Some(l.into()), Some(LeadFrom::Explicit))
        } else if let Some(l) = cell(item, LEAD_HEADERS) {
            (Some(l.into()), Some(LeadFrom::Table))
        } else {
            let lead = department.map(|d| match &scan.section_lead {
                Some(last) if **last == *d => std::sync::Arc::clone(last),
                _ => {
                    let unit: std::sync::Arc<str> = d.into();
                    scan.section_lead = Some(std::sync::Arc::clone(&unit));
                    unit
                }
            });
            (lead, department.map(|_| LeadFrom::Section))
        };
        let mut support = units.support;
        if support.is_empty()
            && let Some(list) = cell(item, SUPPORT_HEADERS)
        {
            support = lead::split_units(list);
        }
        let (due, targets) = read_chars(item, scan, cues, base, problems);
        let rest = Rest {
            support: support.into(),
            due: due.map(Box::new),
            targets: targets.into(),
        };
        Followup {
            lead,
            lead_from,
            rest: rest.boxed(),
        }
    })
}

/// The deadline and the targets in an item's scanned characters.
fn read_chars(
    item: &Item,
    scan: &Scan,
    cues: Cues,
    base: Base,
    problems: &mut Vec<Problem>,
) -> (Option<Due>, Vec<Target>) {
    let text_due = if cues.time {
        due::due(scan.chars(), &scan.anchors, base, problems)
    } else {
        None
    };
    let due = match text_due {
        Some(d) if d.labelled => Some(d.due),
        text_due => cell(item, DUE_HEADERS)
            .and_then(|c| due::due_in_cell(c, base, problems))
            .or(text_due.map(|d| d.due)),
    };
    let targets = if cues.number {
        target::targets_of(scan.chars(), &scan.numerals, &scan.verbs)
    } else {
        Vec::new()
    };
    (due, targets)
}

/// Gives recurring deadlines the end of the period `today` falls in: 每周 the
/// Friday of this working week (the next one on a weekend), 每月 the month's
/// last day, 每季度 the quarter's, 每年 31 December. A period's last day is
/// its own occurrence (days left 0), not the next period's.
pub fn resolve_recurring(b: &mut Briefing, today: Date) {
    for item in b.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if let Some(due) = item.followup.due_mut()
            && due.kind == DueKind::Recurring
            && let Some(every) = due.every
        {
            due.date = next_occurrence(every, today);
        }
    }
}

/// The end of the period of `every` that holds `today`.
pub fn next_occurrence(every: Period, today: Date) -> Option<Date> {
    use jiff::ToSpan;
    match every {
        Period::Week => {
            let from_monday = i64::from(today.weekday().to_monday_zero_offset());
            let to_friday = (4 - from_monday).rem_euclid(7);
            today.checked_add(to_friday.days()).ok()
        }
        Period::Month => Some(today.last_of_month()),
        Period::Quarter => {
            let end_month = (today.month() - 1) / 3 * 3 + 3;
            Date::new(today.year(), end_month, 1)
                .ok()
                .map(Date::last_of_month)
        }
        Period::Year => Date::new(today.year(), 12, 31).ok(),
    }
}

#[cfg(test)]
mod tests;
