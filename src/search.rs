//! Fuzzy search over everything open: departments and persons, headlines, item
//! titles and every sentence, by Han characters or by pinyin.
//!
//! The index refers into the briefings' own text: an entry is a place (a
//! paragraph's sentence, an item's title, a headline), and its text is read
//! from the briefing when needed. Texts are folded on the fly (full-width to
//! half-width, Latin to lower case, traditional to simplified, one char for one
//! char, so match positions map straight back) and each Han character's
//! readings come from a static table (every reading of a polyphonic one). A
//! query is split into fzf-style atoms; Han atoms go to the fuzzy engine
//! (behind the [`engine`] seam), ASCII atoms to the pinyin matcher and to the
//! engine for Latin text. Typing that extends the last query searches only the
//! last query's matches.
//!
//! What the index keeps per entry is where its text is (16 bytes) and where its
//! chars are numbered from (4 bytes); what a query needs beyond that is built
//! on first use and kept: for Han queries, the entries holding a character
//! (postings); for pinyin initials, a bitmap per letter over every character
//! (see `Index::initials_only`), built only for the letters typed; for pinyin
//! syllables, the letters each entry can be typed with (see `Reach`).

pub mod engine;
pub mod pinyin;

use std::ops::Range;

use rayon::prelude::*;

use crate::briefing::chars::{
    ends_sentence, fold_width, is_han, is_space, is_three_byte_lead, three_bytes,
};
use crate::briefing::{Briefing, Item, Section};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use engine::{Engine, EngineKind};
use pinyin::{
    LetterBits, PinyinTable, Query as PinyinQuery, Spelling, Summary, letter_bit, letter_mask,
    match_pinyin,
};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Department,
    Headline,
    Item,
    Sentence,
}

impl Kind {
    /// Structure ranks above running text when the match is as good.
    const fn bonus(self) -> u32 {
        match self {
            Kind::Department | Kind::Item => 12,
            Kind::Headline => 8,
            Kind::Sentence => 0,
        }
    }
}

/// One searchable text: where it is. Its text is read from the briefing
/// ([`Entry::text`]). The index keeps entries compact ([`Slot`]) and hands
/// out this view ([`Index::entry`]).
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub briefing: usize,
    pub section: usize,
    pub item: Option<usize>,
    pub paragraph: Option<usize>,
    /// Byte range in the paragraph (sentences and items).
    pub range: Option<Range<usize>>,
    /// The entry's number in its index.
    id: usize,
}

impl Entry {
    /// The entry's text, as the briefing has it (not folded).
    pub fn text<'a>(&self, index: &'a Index) -> &'a str {
        index.text(self.id)
    }
}

/// An entry as the index keeps it: 12 bytes. Its section is kept apart,
/// in [`SectionMap`].
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The kind (the top two bits) and the item (items) or the paragraph
    /// (sentences); nothing for headlines and departments.
    kind_at: u32,
    /// The text's byte range: a sentence's in its paragraph (without the
    /// spaces around it), a department line's in `Index::departments`;
    /// `0..len` for the other kinds.
    start: u32,
    end: u32,
}

impl Slot {
    /// The bits of `kind_at` that hold the number.
    const AT: u32 = (1 << 30) - 1;

    const EMPTY: Slot = Slot {
        kind_at: 0,
        start: 0,
        end: 0,
    };

    fn new(kind: Kind, at: usize, range: Range<usize>) -> Slot {
        let kind_bits = match kind {
            Kind::Department => 0,
            Kind::Headline => 1,
            Kind::Item => 2,
            Kind::Sentence => 3,
        };
        Slot {
            kind_at: kind_bits << 30 | narrow(at).min(Slot::AT),
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    fn kind(&self) -> Kind {
        match self.kind_at >> 30 {
            0 => Kind::Department,
            1 => Kind::Headline,
            2 => Kind::Item,
            _ => Kind::Sentence,
        }
    }

    fn at(&self) -> usize {
        (self.kind_at & Slot::AT) as usize
    }

    /// Byte length of the text: of equal scores, the shorter text ranks first.
    fn len(&self) -> u32 {
        self.end - self.start
    }

    /// The kind's bonus.
    fn bonus(&self) -> u32 {
        self.kind().bonus()
    }
}

/// A section's briefing (its number among the index's) and its place there.
type SectionAt = (u32, u32);

/// Which section each entry is in, in a few bits an entry: the entries are
/// in document order, so an entry's section is that of the first entry of
/// its word of 64, plus the sections that start after that one and up to it
/// (a bit each). Sections are numbered among those with entries (see
/// `Index::sections`).
#[derive(Debug, Default)]
struct SectionMap {
    /// A bit for each entry that starts a section (the first entry's left out).
    starts: Vec<u64>,
    /// The section of entry 64·w, for each word w.
    base: Vec<u32>,
}

impl SectionMap {
    /// The map of `n` entries, of which those at `firsts` (ascending, the
    /// first entry among them) start a section each.
    fn new(n: usize, firsts: &[usize]) -> SectionMap {
        let starts = bitset(n, firsts.iter().filter(|&&f| f > 0).map(|&f| narrow(f)));
        let mut base = Vec::with_capacity(starts.len());
        let mut seen = 0u32;
        let mut next = firsts.iter().peekable();
        for w in 0..starts.len() {
            while next.next_if(|&&f| f <= w * 64).is_some() {
                seen += 1;
            }
            base.push(seen.saturating_sub(1));
        }
        SectionMap { starts, base }
    }

    /// The section of entry `id`.
    fn of(&self, id: usize) -> u32 {
        let (w, r) = (id / 64, id % 64);
        // Bits 1..=r of the word: the sections started after its first entry.
        let after_first = (u64::MAX >> (63 - r)) & !1;
        self.base[w] + (self.starts[w] & after_first).count_ones()
    }
}

/// A number the index keeps as 32 bits (saturating; no briefing, section or
/// paragraph comes near).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An item's title: the one place the search reads an item's text.
fn item_title<'a>(item: &'a Item, sec: &'a Section) -> &'a str {
    item.title(&sec.paragraphs)
}

/// Where an item's text is: its paragraph and byte range there.
fn item_place(item: &Item) -> (usize, Range<usize>) {
    (item.paragraph(), item.span())
}

/// The text a slot names: a department line is made by the index (kept in
/// `departments`), everything else is the briefing's.
fn slot_text<'a>(
    briefings: &'a [Arc<Briefing>],
    sections: &[SectionAt],
    departments: &'a str,
    section: u32,
    e: &Slot,
) -> &'a str {
    let Some(sec) = sections.get(section as usize).and_then(|&(b, s)| {
        briefings
            .get(b as usize)
            .and_then(|b| b.sections.get(s as usize))
    }) else {
        return "";
    };
    let at = e.at();
    match e.kind() {
        Kind::Department => departments
            .get(e.start as usize..e.end as usize)
            .unwrap_or(""),
        Kind::Headline => sec.headline().unwrap_or(""),
        Kind::Item => sec.items.get(at).map_or("", |i| item_title(i, sec)),
        Kind::Sentence => sec
            .paragraphs
            .get(at)
            .and_then(|p| p.get(e.start as usize..e.end as usize))
            .unwrap_or(""),
    }
}

/// Which letters an entry's chars can be typed with: what a pinyin query of
/// syllables checks before reading the text (see [`Index::reach`]).
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    /// The initials (union of the chars' masks).
    initials: u32,
    /// Every letter of every reading.
    letters: u32,
}

/// Bonus for a query found as one run of characters, and for one at the start.
const CONTIGUOUS: u32 = 48;
const CONTIGUOUS_AT_START: u32 = 16;

/// A match: the entry, its score, and the char positions that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: u32,
    pub indices: Vec<usize>,
}

/// Folds a text for matching: full-width to half-width, Latin to lower case,
/// traditional to simplified. The result has exactly as many chars.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    let table = PinyinTable::shared();
    out.reserve(s.len());
    let bytes = s.as_bytes();
    // Most chars fold to themselves: they are copied a run at a time, and
    // only a char that changes (a full-width form, a traditional character)
    // ends a run.
    let mut run = 0;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            // A run of ASCII is copied whole and lower-cased where it lies.
            let end = i + ascii_len(&bytes[i..]);
            out.push_str(&s[run..i]);
            let from = out.len();
            out.push_str(&s[i..end]);
            out[from..].make_ascii_lowercase();
            run = end;
            i = end;
            continue;
        }
        if is_three_byte_lead(lead) {
            // A run of chars of three bytes (nearly every Chinese char), read
            // straight off: most fold to themselves and are stepped over.
            while let Some(b) = bytes.get(i..i + 3) {
                if !is_three_byte_lead(b[0]) {
                    break;
                }
                let same = char::from_u32(three_bytes(b)).is_some_and(|c| fold_char(c, table) == c);
                if !same {
                    break;
                }
                i += 3;
            }
            if !bytes.get(i).is_some_and(|&b| is_three_byte_lead(b)) {
                continue;
            }
        }
        let c = match bytes.get(i..i + 3) {
            // Three bytes (nearly every Chinese char): read straight off.
            Some(b) if is_three_byte_lead(bytes[i]) => char::from_u32(three_bytes(b)),
            _ => s[i..].chars().next(),
        };
        let Some(c) = c else { break };
        let next = i + c.len_utf8();
        let folded = fold_char(c, table);
        if folded != c {
            out.push_str(&s[run..i]);
            out.push(folded);
            run = next;
        }
        i = next;
    }
    out.push_str(&s[run..]);
}

/// How many bytes `bytes` starts with that are ASCII: eight at a time.
fn ascii_len(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for word in words.by_ref() {
        let high = u64::from_le_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080;
        if high != 0 {
            return n + high.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + words
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(words.remainder().len())
}

/// One char, folded.
fn fold_char(c: char, table: &PinyinTable) -> char {
    let c = fold_width(c);
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        table.simplify(c)
    }
}

/// Splits a paragraph into sentences at 。！？；… (kept with their sentence).
pub fn sentences(paragraph: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    each_sentence(paragraph, |r| out.push(r));
    out
}

/// Calls `f` with each sentence of a paragraph (see [`sentences`]).
fn each_sentence(paragraph: &str, mut f: impl FnMut(Range<usize>)) {
    let mut start = 0;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            let mut end = i + c.len_utf8();
            // Closing quotes and brackets stay with their sentence.
            while let Some(&(j, d)) = chars.peek() {
                if matches!(d, '”' | '’' | '」' | '』' | '）' | ')') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if paragraph[start..end].trim().chars().count() > 1 {
                f(start..end);
            }
            start = end;
        }
    }
    if paragraph[start..].trim().chars().count() > 1 {
        f(start..paragraph.len());
    }
}

/// The search index over a set of briefings.
pub struct Index {
    /// The entries, in document order.
    slots: Vec<Slot>,
    /// The briefings the entries are in, shared with the reader.
    briefings: Vec<Arc<Briefing>>,
    /// Each section's briefing and place there, for the sections that have
    /// entries, in order: the numbers of `section_map`.
    sections: Vec<SectionAt>,
    /// Each entry's section.
    section_map: SectionMap,
    /// Department lines (department, position and person), one after
    /// another in the order of their entries: the one text an entry has that
    /// the briefing does not.
    departments: String,
    table: &'static PinyinTable,
    /// Each entry's [`Reach`], built when a query of syllables first needs it.
    reach: std::sync::OnceLock<Vec<Reach>>,
    /// Where the chars of the entries that are not sentences are (a
    /// section's department, headline and items come before its
    /// sentences), built when a query of initials first needs it.
    leads: std::sync::OnceLock<Leads>,
    /// Where each entry's chars are numbered from, for the letter bitmaps:
    /// entry i's chars are `spans[i]..spans[i] + n`, and at least one unused
    /// number follows them, so that no run of initials crosses entries. Each
    /// chunk of entries starts on a multiple of 64 (one word of a bitmap).
    spans: Vec<u32>,
    /// For each letter, built when a query first needs it: a bit per char,
    /// set where the char can be typed starting with that letter. At most
    /// [`KEEP_LETTERS`] are kept.
    letters: Mutex<Letters>,
    /// Entries that contain a char, computed on first use.
    postings: Mutex<HashMap<char, Arc<Vec<u32>>>>,
    /// The entries that hold Latin letters (a bit each), and those letters
    /// (bit 0 = a) by entry, ascending: for literal matches of ASCII queries.
    has_latin: Vec<u64>,
    latin: Vec<(u32, u32)>,
    /// The folded text of each entry of `latin`, folded when a search first
    /// reads it: these few texts (one in seventy of a year's sentences) are
    /// read by every query of Latin letters or pinyin initials that they
    /// hold, and are often long.
    latin_folds: Vec<std::sync::OnceLock<Box<str>>>,
    /// The fuzzy matcher for Han and Latin text (the `[search] engine` setting).
    engine: EngineKind,
}

/// How many letters' bitmaps an index keeps: those of a query of four
/// initials. A bitmap has a bit for every char of the index (1 MB a letter
/// on a year's library, 6 % of its text), and a day's queries would
/// otherwise build all 26. The least recently needed letter that the query
/// at hand does not need is let go, and built again if a later query needs
/// it: one pass over the texts, 26-34 ms on that library (2 cores), as when
/// the letter was first typed.
const KEEP_LETTERS: usize = 4;

/// The letters' bitmaps built so far, and when each was last needed.
#[derive(Default)]
struct Letters {
    bits: [Option<Arc<Vec<u64>>>; 26],
    used: [u64; 26],
    clock: u64,
    /// Handed out for the letters a query does not need.
    none: Arc<Vec<u64>>,
}

impl Letters {
    /// Notes that the letters of `need` are needed now, and lets go of the
    /// least recently needed others beyond [`KEEP_LETTERS`].
    fn keep(&mut self, need: u32) {
        self.clock += 1;
        for l in (0..26).filter(|&l| need & (1 << l) != 0) {
            self.used[l] = self.clock;
        }
        while self.bits.iter().flatten().count() > KEEP_LETTERS {
            let oldest = (0..26)
                .filter(|&l| need & (1 << l) == 0 && self.bits[l].is_some())
                .min_by_key(|&l| self.used[l]);
            match oldest {
                Some(l) => self.bits[l] = None,
                None => break,
            }
        }
    }
}

/// Sections are read in blocks of this many, one block a task.
const SECTIONS: usize = 64;

/// Entries are built in chunks of this many, one chunk a task.
const CHUNK: usize = 4096;

/// One entry's text folded and spelled, reused from entry to entry (a
/// text with Latin letters is folded once, by the index; see
/// [`Index::latin_fold`]).
#[derive(Default)]
struct Scratch {
    /// The entry whose folded text `folded` holds.
    id: Option<u32>,
    folded: String,
    /// The entry `codes`, `masks` and `summary` spell.
    spelled: Option<u32>,
    codes: Vec<u16>,
    masks: Vec<u32>,
    summary: Summary,
    /// For a query of pinyin initials: the letters' bitmaps and the query's
    /// letters (0 = a), which match without spelling any text.
    initials: Option<(LetterBits, Vec<u8>)>,
}

impl Scratch {
    /// Entry `id`'s text, folded.
    fn folded<'a>(&'a mut self, index: &'a Index, id: u32) -> &'a str {
        match index.latin_fold(id) {
            Some(folded) => folded,
            None => self.fold(index, id),
        }
    }

    /// Entry `id`'s text folded into `folded` (unless it is there already).
    fn fold(&mut self, index: &Index, id: u32) -> &str {
        if self.id != Some(id) {
            self.id = Some(id);
            self.folded.clear();
            fold_into(index.text(id as usize), &mut self.folded);
        }
        &self.folded
    }

    /// How entry `id` can be typed in pinyin, from the static table.
    fn spelling(&mut self, index: &Index, id: u32) -> Spelling<'_> {
        if self.spelled != Some(id) {
            let kept = index.latin_fold(id);
            if kept.is_none() {
                self.fold(index, id);
            }
            let folded = kept.unwrap_or(&self.folded);
            self.codes.clear();
            self.masks.clear();
            self.summary = index
                .table
                .spell_into(folded, &mut self.codes, &mut self.masks);
            self.spelled = Some(id);
        }
        Spelling {
            codes: &self.codes,
            masks: &self.masks,
            summary: self.summary,
        }
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} entries)", self.slots.len())
    }
}

/// The last search, kept so that typing on only searches what still matches.
#[derive(Debug, Clone, Default)]
pub struct Session {
    query: String,
    /// A bit for each entry that matched it (a bitset stays small when a
    /// letter matches most entries).
    matched: Vec<u64>,
    /// Where the runs of the last query of pinyin initials are.
    runs: Runs,
}

/// The texts with a run of some initials: a query typed on from them looks
/// only among these (a run of the longer query is one of the shorter's).
#[derive(Debug, Clone, Default)]
struct Runs {
    /// The initials (0 = a).
    letters: Vec<u8>,
    /// The entries that begin with a run, ascending.
    at_start: Vec<u32>,
    /// A bit for each entry with a run anywhere, when they were all looked
    /// for.
    anywhere: Option<Bitset>,
    /// At least as many as the departments', headlines' and items' lines
    /// that hold the initials (run or scattered), when they were counted:
    /// those of a query typed on are among them.
    leads: Option<usize>,
    /// The entries that hold the initials in order as Latin letters (those
    /// that may match them literally), ascending.
    literal: Vec<u32>,
}

/// A pass of scattered matches over runs of entries, on one core: the best
/// kept, the ends of the entries (scratch), and how many entries matched.
struct Pass<'f> {
    best: Best<'f>,
    ends: Vec<u64>,
    entries: usize,
}

impl<'f> Pass<'f> {
    fn new(limit: usize, floor: &'f AtomicU32) -> Pass<'f> {
        Pass {
            best: Best::new(limit, floor),
            ends: Vec::new(),
            entries: 0,
        }
    }
}

/// Words of the letter bitmaps to look for scattered initials in: the
/// words, their ends (see [`LetterBits::each_scattered`]) and the first
/// entry whose chars they hold.
struct Scan<'a> {
    words: Range<usize>,
    ends: &'a [u64],
    entry: usize,
}

/// The chars of the entries that are not sentences (departments,
/// headlines, items: a fifth of the text, in short runs of entries between
/// the sentences), as segments of whole words of the letter bitmaps, with
/// the numbers where no match of initials may run (each entry's end, and
/// every char of the sentences the segments' words share) ready for
/// [`LetterBits::each_scattered`]: so that a pass over them is one loop
/// over words, not a set-up for each short run.
#[derive(Default)]
struct Leads {
    segments: Vec<LeadSegment>,
    /// The ends of the segments' words, one segment after another.
    ends: Vec<u64>,
}

/// A segment of [`Leads`]: its words, where its ends begin in
/// `Leads::ends`, and the first entry its chars are in.
struct LeadSegment {
    words: Range<u32>,
    ends_at: u32,
    entry: u32,
}

impl LeadSegment {
    fn words(&self) -> Range<usize> {
        self.words.start as usize..self.words.end as usize
    }

    fn ends_at(&self) -> usize {
        self.ends_at as usize
    }
}

impl Leads {
    /// Adds the entries `ids` (consecutive, none a sentence), whose chars
    /// are numbered by `spans`: to the last segment when they share or
    /// follow on from its words.
    fn add(&mut self, spans: &[u32], ids: Range<usize>) {
        let from = spans[ids.start] as usize;
        let to = spans[ids.end] as usize;
        let words = from / 64..to.div_ceil(64);
        match self.segments.last_mut() {
            Some(last) if words.start <= last.words().end => {
                let more = words.end.saturating_sub(last.words().end);
                last.words.end = last.words.end.max(narrow(words.end));
                self.ends.resize(self.ends.len() + more, u64::MAX);
            }
            _ => {
                self.segments.push(LeadSegment {
                    words: narrow(words.start)..narrow(words.end),
                    ends_at: narrow(self.ends.len()),
                    entry: narrow(ids.start),
                });
                self.ends.resize(self.ends.len() + words.len(), u64::MAX);
            }
        }
        let Some(last) = self.segments.last() else {
            return;
        };
        let (first_word, ends_at) = (last.words().start, last.ends_at());
        let bit = |char: u32| char as usize - first_word * 64 + ends_at * 64;
        // Each entry's chars are `spans[i]..spans[i + 1] - 1`: cleared, so
        // that the number after them stays an end.
        for pair in spans[ids.start..=ids.end].windows(2) {
            clear_bits(&mut self.ends, bit(pair[0])..bit(pair[1] - 1));
        }
    }
}

/// Clears the bits `range` of `bits`.
fn clear_bits(bits: &mut [u64], range: Range<usize>) {
    let mut at = range.start;
    while at < range.end {
        let (w, r) = (at / 64, at % 64);
        let n = (64 - r).min(range.end - at);
        let mask = if n == 64 {
            u64::MAX
        } else {
            ((1u64 << n) - 1) << r
        };
        bits[w] &= !mask;
        at += n;
    }
}

/// The best matches offered, at least `limit` of them: those that cannot be
/// among the best `limit` are turned away as they come. The lists filled on
/// several cores share a floor: a score that one of them already holds
/// `limit` better-or-equal matches above.
struct Best<'f> {
    top: Scored,
    limit: usize,
    /// Once `top` was cut to `limit`: the rank of its last.
    worst: Option<RankKey>,
    /// Matches scoring below it are not among the best `limit` of all.
    floor: &'f AtomicU32,
}

impl<'f> Best<'f> {
    fn new(limit: usize, floor: &'f AtomicU32) -> Best<'f> {
        Best {
            top: Vec::new(),
            limit,
            worst: None,
            floor,
        }
    }

    /// Is `m` sure not to be among the best?
    fn turns_away(&self, index: &Index, m: (u32, u32)) -> bool {
        self.below_floor(m.1) || self.worst.is_some_and(|w| index.rank_key(m) >= w)
    }

    /// Is a match scoring `score` (bonus included) sure not to be among the
    /// best, whatever its entry?
    fn below_floor(&self, score: u32) -> bool {
        score < self.floor.load(Ordering::Relaxed)
    }

    fn offer(&mut self, index: &Index, m: (u32, u32)) {
        if self.turns_away(index, m) {
            return;
        }
        self.top.push(m);
        if self.top.len() >= self.limit.max(64).saturating_mul(4) {
            index.keep_best(&mut self.top, self.limit);
            self.worst = self.top.iter().map(|&m| index.rank_key(m)).max();
            if let Some((std::cmp::Reverse(score), _, _)) = self.worst {
                self.floor.fetch_max(score, Ordering::Relaxed);
            }
        }
    }
}

/// Texts to read in full, in bytes, that are worth waking the other cores
/// for (see [`Index::worth_cores`]).
const WORTH_CORES: usize = 64 * 1024;

/// The largest bonus of a kind (see [`Kind::bonus`]).
const MOST_BONUS: u32 = 12;

const _: () = {
    let kinds = [Kind::Department, Kind::Headline, Kind::Item, Kind::Sentence];
    let mut k = 0;
    while k < kinds.len() {
        assert!(kinds[k].bonus() <= MOST_BONUS);
        k += 1;
    }
};

/// How a match ranks, least first (see [`Index::rank_key`]).
type RankKey = (std::cmp::Reverse<u32>, u32, u32);

/// A bit for each entry, 64 to a word.
type Bitset = Vec<u64>;

/// Matching entries and their scores.
type Scored = Vec<(u32, u32)>;

/// A bitset over `n` entries with a bit set for each of `ids`.
fn bitset(n: usize, ids: impl IntoIterator<Item = u32>) -> Bitset {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for id in ids {
        set_bit(&mut bits, id);
    }
    bits
}

fn set_bit(bits: &mut [u64], id: u32) {
    if let Some(w) = bits.get_mut(id as usize / 64) {
        *w |= 1 << (id % 64);
    }
}

fn has_bit(bits: &[u64], id: u32) -> bool {
    bits.get(id as usize / 64)
        .is_some_and(|w| w >> (id % 64) & 1 != 0)
}

/// The numbers of the bits set, ascending.
fn bits_set(bits: &[u64]) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut word = word;
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros();
                word &= word - 1;
                u32::try_from(w * 64).unwrap_or(u32::MAX) + bit
            })
        })
    })
}

/// The Han characters a query's matches must all hold, each with the forms
/// that fold to it (运 and 運): a text without one of them cannot match, so a
/// one-off search (`brief search`) need not index it.
#[derive(Debug, Clone)]
pub struct Prefilter {
    needs: Vec<Vec<String>>,
}

impl Prefilter {
    /// `None` when the query has no Han character in a term that must match.
    pub fn new(query: &str) -> Option<Prefilter> {
        let table = PinyinTable::shared();
        let mut chars: Vec<char> = parse_query(query)
            .iter()
            .filter(|a| !a.negated)
            .flat_map(|a| a.text.chars().filter(|c| is_han(*c)).collect::<Vec<_>>())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let needs: Vec<Vec<String>> = chars
            .into_iter()
            .map(|c| table.variants(c).into_iter().map(String::from).collect())
            .collect();
        (!needs.is_empty()).then_some(Prefilter { needs })
    }

    /// Can this text match?
    pub fn admits(&self, text: &str) -> bool {
        self.needs
            .iter()
            .all(|forms| forms.iter().any(|f| find(text, f).is_some()))
    }
}

/// A bound on a whole file's text before it is parsed, for a one-off search
/// of pinyin initials (`jhyh`): the best score an entry drawn from it could
/// have. A file whose bound is below the `limit`-th best score found in the
/// others need not be parsed (see `brief search`): scores do not depend on the
/// other entries, and of equal scores the shorter text, then the earlier,
/// ranks first, so a file is left out only when its bound is strictly lower.
///
/// The bound is looser than the entries' own scores, so that nothing the
/// parser does to the text hides a match from it: white space is skipped, a
/// match may go on from the end of a line that does not end a sentence at the
/// start of any later line (page breaks are joined across page numbers and
/// clutter lines), and every entry is taken to have the best kind bonus. Text
/// holding all the query's letters may match them literally and gets no
/// bound.
#[derive(Debug, Clone)]
pub struct RunFilter {
    /// For each letter (0 = a), the places in the query where it stands.
    places: [u32; 26],
    /// The query's length in letters.
    m: usize,
    /// The query's Latin letters.
    latin: u32,
}

impl RunFilter {
    /// `None` unless the query is one term of two to 32 pinyin initials.
    pub fn new(query: &str) -> Option<RunFilter> {
        let atoms = parse_query(query);
        let [atom] = atoms.as_slice() else {
            return None;
        };
        let q = atom.pinyin.as_ref()?;
        let m = q.bytes.len();
        if atom.negated
            || atom.mode != Mode::Fuzzy
            || !q.initials_only()
            || !q.bytes.iter().all(u8::is_ascii_lowercase)
            || !(2..=32).contains(&m)
        {
            return None;
        }
        let mut places = [0u32; 26];
        for (k, &b) in q.bytes.iter().enumerate() {
            places[usize::from(b - b'a')] |= 1 << k;
        }
        Some(RunFilter {
            places,
            m,
            latin: atom.latin,
        })
    }

    /// The bound of a text that may hold a run of the initials.
    pub fn best(&self) -> u32 {
        PinyinQuery::run_score(self.m, 0) + Kind::Department.bonus()
    }

    /// The best score an entry drawn from this text (a whole file, decoded)
    /// could have: 0 when none can match.
    pub fn bound(&self, text: &str) -> u32 {
        let m = self.m;
        let table = PinyinTable::shared();
        // Gaps past this count as this many (see `match_pinyin`).
        let cap = u16::try_from(8 * m).unwrap_or(NONE - 1);
        let mut latin = 0;
        // open[k]: the fewest chars skipped by a match of the first k
        // initials still open at the end of a line that may be joined to a
        // later one.
        let mut open = [NONE; 33];
        let mut best = NONE;
        for line in text.split('\n') {
            let mut gaps = open;
            for c in line.chars() {
                // The parser may drop white space (a line's ends, between a
                // department and a person); everything else stays in its line.
                if is_space(c) {
                    continue;
                }
                // Folding is needed for the width of Latin letters only: the
                // table gives a traditional character its simplified readings.
                let mut mask = if c.is_ascii() || ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                    let c = fold_width(c).to_ascii_lowercase();
                    latin |= letter_bit(c as u8);
                    letter_bit(c as u8)
                } else {
                    table.initials(c)
                };
                let mut here = 0;
                while mask != 0 {
                    here |= self.places[mask.trailing_zeros() as usize];
                    mask &= mask - 1;
                }
                // In place, from the last initial down: gaps[k + 1] takes the
                // match of initial k here or one more gap.
                for k in (1..m).rev() {
                    let grown = gaps[k + 1].saturating_add(1).min(cap);
                    let grown = if gaps[k + 1] == NONE { NONE } else { grown };
                    gaps[k + 1] = if here >> k & 1 != 0 {
                        grown.min(gaps[k])
                    } else {
                        grown
                    };
                }
                gaps[1] = if here & 1 != 0 {
                    0
                } else if gaps[1] == NONE {
                    NONE
                } else {
                    (gaps[1] + 1).min(cap)
                };
                best = best.min(gaps[m]);
                if best == 0 {
                    return self.best();
                }
                gaps[m] = NONE;
            }
            // Lines that do not end a sentence may be joined to a later one
            // (the next kept one: page numbers and clutter between are dropped).
            if !ends_sentence(line) {
                for k in 1..m {
                    open[k] = open[k].min(gaps[k]);
                }
            }
        }
        if latin & self.latin == self.latin {
            u32::MAX
        } else if best == NONE {
            0
        } else {
            PinyinQuery::scattered_score(m, usize::from(best)) + Kind::Department.bonus()
        }
    }
}

/// No match open (see [`RunFilter::bound`]).
const NONE: u16 = u16::MAX;

/// The searchable texts of every section that `keep` admits, in document
/// order, the department lines among them, and the briefing and place there
/// of each section with entries (numbered in that order by the section map).
/// Sections are read on every core, twice: once to count their entries, then
/// to write them straight into an array of that size.
fn entries(briefings: &[Arc<Briefing>], keep: &(dyn Fn(&str) -> bool + Sync)) -> Entries {
    let sections: Vec<(SectionAt, &Section)> = briefings
        .iter()
        .enumerate()
        .flat_map(|(b, br)| {
            let sections = br.sections.iter().enumerate();
            sections.map(move |(s, sec)| ((narrow(b), narrow(s)), sec))
        })
        .collect();
    // Sections go in blocks, so that what is kept per block stays small.
    let blocks: Vec<&[(SectionAt, &Section)]> = sections.chunks(SECTIONS).collect();
    let counts: Vec<usize> = blocks
        .par_iter()
        .map(|block| {
            let mut n = 0;
            for &(_, sec) in *block {
                section_entries(sec, keep, |_, _| n += 1);
            }
            n
        })
        .collect();
    let mut slots = vec![Slot::EMPTY; counts.iter().sum()];
    let mut parts: Vec<&mut [Slot]> = Vec::with_capacity(blocks.len());
    let mut rest = slots.as_mut_slice();
    for &n in &counts {
        let (part, tail) = rest.split_at_mut(n);
        parts.push(part);
        rest = tail;
    }
    // Each block's department lines in one text, the slots holding their
    // ranges there; then the blocks' texts joined, the ranges moved along.
    // And where each section's entries start, in the block.
    let blocks: Vec<(String, Vec<(usize, SectionAt)>)> = blocks
        .par_iter()
        .zip(parts)
        .map(|(block, part)| {
            let mut k = 0;
            let mut lines = String::new();
            let mut firsts = Vec::new();
            for &(at, sec) in *block {
                firsts.push((k, at));
                section_entries(sec, keep, |mut slot, line| {
                    if let Some(line) = line {
                        slot.start = narrow(lines.len());
                        lines.push_str(line);
                        slot.end = narrow(lines.len());
                    }
                    part[k] = slot;
                    k += 1;
                });
                if firsts.last().is_some_and(|&(at, _)| at == k) {
                    // No entry: the section is left out of the numbering.
                    firsts.pop();
                }
            }
            (lines, firsts)
        })
        .collect();
    let mut departments = String::with_capacity(blocks.iter().map(|b| b.0.len()).sum());
    let mut sections = Vec::new();
    let mut firsts = Vec::new();
    let mut rest = slots.as_mut_slice();
    let mut offset = 0;
    for (&n, (lines, block_firsts)) in counts.iter().zip(&blocks) {
        let (part, tail) = rest.split_at_mut(n);
        rest = tail;
        let base = narrow(departments.len());
        departments.push_str(lines);
        for slot in part.iter_mut().filter(|s| s.kind() == Kind::Department) {
            slot.start += base;
            slot.end += base;
        }
        for &(k, at) in block_firsts {
            firsts.push(offset + k);
            sections.push(at);
        }
        offset += n;
    }
    let section_map = SectionMap::new(slots.len(), &firsts);
    Entries {
        slots,
        departments,
        sections,
        section_map,
    }
}

/// What [`entries`] finds.
struct Entries {
    slots: Vec<Slot>,
    departments: String,
    sections: Vec<SectionAt>,
    section_map: SectionMap,
}

/// A section's department, position and person, as one line.
fn department_line(sec: &Section) -> Option<String> {
    (sec.department().is_some() || sec.person().is_some()).then(|| {
        [sec.department(), sec.position(), sec.person()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Calls `f` with each entry of a section that `keep` admits, in order; a
/// department entry comes with its line.
fn section_entries(
    sec: &Section,
    keep: &(dyn Fn(&str) -> bool + Sync),
    mut f: impl FnMut(Slot, Option<&str>),
) {
    if let Some(d) = department_line(sec).filter(|d| keep(d)) {
        f(Slot::new(Kind::Department, 0, 0..d.len()), Some(&d));
    }
    if let Some(h) = sec.headline().filter(|h| keep(h)) {
        f(Slot::new(Kind::Headline, 0, 0..h.len()), None);
    }
    for (i, item) in sec.items.iter().enumerate() {
        let title = item_title(item, sec);
        if keep(title) {
            f(Slot::new(Kind::Item, i, 0..title.len()), None);
        }
    }
    for (p, para) in sec.paragraphs.iter().enumerate() {
        if keep(para) {
            each_sentence(para, |r| {
                // The sentence without the spaces around it.
                let s = &para[r.clone()];
                let start = r.start + (s.len() - s.trim_start().len());
                let r = start..start + s.trim().len();
                f(Slot::new(Kind::Sentence, p, r), None);
            });
        }
    }
}

impl Index {
    /// Uses `engine` for fuzzy matching from now on.
    #[must_use]
    pub fn with_engine(mut self, engine: EngineKind) -> Index {
        self.engine = engine;
        self
    }

    /// Builds the index: the entries and a summary of each, in parallel.
    pub fn build(briefings: &[Arc<Briefing>]) -> Index {
        Index::build_from(briefings, entries(briefings, &|_| true))
    }

    /// Builds an index for one query only: texts that cannot match it are left
    /// out (see [`Prefilter`]). Entry numbers differ from a full index's.
    pub fn build_for(briefings: &[Arc<Briefing>], query: &str) -> Index {
        match Prefilter::new(query) {
            Some(p) => Index::build_from(briefings, entries(briefings, &|t| p.admits(t))),
            None => Index::build(briefings),
        }
    }

    fn build_from(briefings: &[Arc<Briefing>], found: Entries) -> Index {
        let Entries {
            slots,
            departments,
            sections,
            section_map,
        } = found;
        let table = PinyinTable::shared();
        let briefings = briefings.to_vec();
        let n = slots.len();
        // Each entry's length in chars and its Latin letters, a chunk of
        // entries on each core, the lengths straight into their array.
        let mut spans = vec![0u32; n + 1];
        let latin: Vec<(u32, u32)> = spans[..n]
            .par_chunks_mut(CHUNK)
            .zip(slots.par_chunks(CHUNK))
            .enumerate()
            .flat_map_iter(|(k, (spans, slots))| {
                let mut latin = Vec::new();
                for (j, (span, slot)) in spans.iter_mut().zip(slots).enumerate() {
                    let section = section_map.of(k * CHUNK + j);
                    let text = slot_text(&briefings, &sections, &departments, section, slot);
                    let (letters, chars) = table.latin(text);
                    *span = narrow(chars);
                    if letters != 0 {
                        latin.push((narrow(k * CHUNK + j), letters));
                    }
                }
                latin
            })
            .collect();
        let mut at: u32 = 0;
        for (i, span) in spans[..n].iter_mut().enumerate() {
            if i % CHUNK == 0 {
                at = at.next_multiple_of(64);
            }
            let chars = *span;
            *span = at;
            at = at.saturating_add(chars).saturating_add(1);
        }
        spans[n] = at.next_multiple_of(64);
        let has_latin = bitset(n, latin.iter().map(|&(id, _)| id));
        Index {
            slots,
            briefings,
            sections,
            section_map,
            departments,
            table,
            reach: std::sync::OnceLock::new(),
            leads: std::sync::OnceLock::new(),
            spans,
            letters: Mutex::new(Letters::default()),
            postings: Mutex::new(HashMap::new()),
            has_latin,
            latin_folds: latin.iter().map(|_| std::sync::OnceLock::new()).collect(),
            latin,
            engine: EngineKind::default(),
        }
    }

    /// The Latin letters entry `id` holds (bit 0 = a); 0 for most.
    fn latin_of(&self, id: u32) -> u32 {
        if !has_bit(&self.has_latin, id) {
            return 0;
        }
        self.latin
            .binary_search_by_key(&id, |&(e, _)| e)
            .map_or(0, |k| self.latin[k].1)
    }

    /// Entry `id`'s folded text when it holds Latin letters (folded the
    /// first time it is asked for, then kept).
    fn latin_fold(&self, id: u32) -> Option<&str> {
        if !has_bit(&self.has_latin, id) {
            return None;
        }
        let k = self.latin.binary_search_by_key(&id, |&(e, _)| e).ok()?;
        let folded = self.latin_folds[k].get_or_init(|| fold(self.text(id as usize)).into());
        Some(folded)
    }

    /// Each entry's [`Reach`]: built on every core when a query of
    /// syllables first needs it (a query of initials reads the letters'
    /// bitmaps instead), then kept.
    fn reach(&self) -> &[Reach] {
        self.reach.get_or_init(|| {
            (0..self.len())
                .into_par_iter()
                .with_min_len(CHUNK)
                .map(|id| {
                    let (summary, _, _) = self.table.summarize(self.text(id));
                    Reach {
                        initials: summary.initials,
                        letters: summary.letters,
                    }
                })
                .collect()
        })
    }

    /// The briefings the entries are in.
    pub fn briefings(&self) -> &[Arc<Briefing>] {
        &self.briefings
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Has the index no entry?
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Entry `id`: where it is. Panics past the last entry, as indexing does.
    pub fn entry(&self, id: usize) -> Entry {
        let slot = &self.slots[id];
        let (briefing, section) = self.sections[self.section_map.of(id) as usize];
        let (item, paragraph, range) = match slot.kind() {
            Kind::Department | Kind::Headline => (None, None, None),
            Kind::Item => {
                let item = self.briefings[briefing as usize].sections[section as usize]
                    .items
                    .get(slot.at());
                let place = item.map(item_place);
                (
                    Some(slot.at()),
                    place.as_ref().map(|p| p.0),
                    place.map(|p| p.1),
                )
            }
            Kind::Sentence => (
                None,
                Some(slot.at()),
                Some(slot.start as usize..slot.end as usize),
            ),
        };
        Entry {
            kind: slot.kind(),
            briefing: briefing as usize,
            section: section as usize,
            item,
            paragraph,
            range,
            id,
        }
    }

    /// Entry `id`, or `None` past the last.
    pub fn get(&self, id: usize) -> Option<Entry> {
        (id < self.slots.len()).then(|| self.entry(id))
    }

    /// Entry `id`'s text, as the briefing has it.
    pub fn text(&self, id: usize) -> &str {
        self.slots.get(id).map_or("", |e| {
            let section = self.section_map.of(id);
            slot_text(
                &self.briefings,
                &self.sections,
                &self.departments,
                section,
                e,
            )
        })
    }

    /// Entry `id`'s chars, as numbered in the letter bitmaps.
    fn chars(&self, id: u32) -> Range<usize> {
        let i = id as usize;
        let start = self.spans[i] as usize;
        // The unused number after the entry's chars is not part of it.
        start..(self.spans[i + 1] as usize).max(start + 1) - 1
    }

    /// The entries of chunk `k`: the entries are cut in chunks of [`CHUNK`],
    /// each a whole number of words of a bitset over entries.
    fn chunk(&self, k: usize) -> Range<usize> {
        k * CHUNK..((k + 1) * CHUNK).min(self.len())
    }

    /// The words of the letter bitmaps that the chars of the entries `ids`
    /// (a chunk, which starts on a word of its own, or a run of entries)
    /// take.
    fn chunk_words(&self, ids: &Range<usize>) -> Range<usize> {
        self.spans[ids.start] as usize / 64..(self.spans[ids.end] as usize).div_ceil(64)
    }

    /// A bit at the number after each entry's chars, for the entries `ids`
    /// (a chunk, or a run of entries), over the words `words` their chars
    /// take, written to `ends`: where no match of initials may cross. The
    /// numbers of the words that are not the entries' are set too (other
    /// entries' chars).
    fn ends(&self, ids: Range<usize>, words: &Range<usize>, ends: &mut Vec<u64>) {
        ends.clear();
        ends.resize(words.len(), 0);
        let base = words.start * 64;
        for &next in &self.spans[ids.start + 1..=ids.end] {
            let end = next as usize - 1 - base;
            ends[end / 64] |= 1 << (end % 64);
        }
        let (from, to) = (
            self.spans[ids.start] as usize - base,
            self.spans[ids.end] as usize - base,
        );
        if let Some(first) = ends.first_mut() {
            *first |= (1u64 << (from % 64)) - 1;
        }
        if to < words.len() * 64
            && let Some(last) = ends.last_mut()
        {
            *last |= u64::MAX << (to % 64);
        }
    }

    /// Where the entries that are not sentences are in the letter bitmaps
    /// (see [`Leads`]).
    fn leads(&self) -> &Leads {
        self.leads.get_or_init(|| {
            // The runs of entries that are not sentences; read twice, so
            // that the segments and their ends are made at their size
            // (doubling them would double the reader's peak for them).
            let runs = || {
                let n = self.len();
                let mut i = 0;
                std::iter::from_fn(move || {
                    while i < n && self.slots[i].kind() == Kind::Sentence {
                        i += 1;
                    }
                    let first = i;
                    while i < n && self.slots[i].kind() != Kind::Sentence {
                        i += 1;
                    }
                    (first < i).then_some(first..i)
                })
            };
            let (mut segments, mut words) = (0, 0);
            let mut last_word = None;
            for ids in runs() {
                let from = self.spans[ids.start] as usize / 64;
                let to = (self.spans[ids.end] as usize).div_ceil(64);
                match last_word {
                    Some(end) if from <= end => words += to.saturating_sub(end),
                    _ => {
                        segments += 1;
                        words += to - from;
                    }
                }
                last_word = Some(to.max(last_word.unwrap_or(0)));
            }
            let mut leads = Leads {
                segments: Vec::with_capacity(segments),
                ends: Vec::with_capacity(words),
            };
            for ids in runs() {
                leads.add(&self.spans, ids);
            }
            leads
        })
    }

    /// The bitmaps of the letters in `need` (bit 0 = a), built now for those
    /// no query has needed yet: one pass over the texts of every entry.
    fn letter_bits(&self, need: u32) -> LetterBits {
        let mut letters = self.letters.lock().unwrap_or_else(PoisonError::into_inner);
        let slots = &mut letters.bits;
        let missing: Vec<usize> = (0..26)
            .filter(|&l| need & (1 << l) != 0 && slots[l].is_none())
            .collect();
        if !missing.is_empty() {
            let mut want = [usize::MAX; 26];
            for (k, &l) in missing.iter().enumerate() {
                want[l] = k;
            }
            let n = self.slots.len();
            let words = (self.spans[n] as usize).div_ceil(64);
            // Each letter's bitmap at its final size, cut into the words of
            // each chunk of entries (each chunk starts on a word of its own,
            // see `spans`), filled on every core.
            let mut fresh: Vec<Vec<u64>> = missing.iter().map(|_| vec![0u64; words]).collect();
            let starts: Vec<usize> = (0..n).step_by(CHUNK).collect();
            let mut parts: Vec<(usize, Vec<&mut [u64]>)> = starts
                .iter()
                .map(|&c0| (c0, Vec::with_capacity(missing.len())))
                .collect();
            for bits in &mut fresh {
                let mut rest = bits.as_mut_slice();
                for (k, &c0) in starts.iter().enumerate() {
                    let end = starts
                        .get(k + 1)
                        .map_or(words, |&c1| self.spans[c1] as usize / 64);
                    let (part, tail) = rest.split_at_mut(end - self.spans[c0] as usize / 64);
                    parts[k].1.push(part);
                    rest = tail;
                }
            }
            parts.into_par_iter().for_each(|(c0, mut bits)| {
                let end = (c0 + CHUNK).min(n);
                let base = self.spans[c0] as usize;
                for i in c0..end {
                    let from = self.spans[i] as usize - base;
                    for (k, c) in self.text(i).chars().enumerate() {
                        let mut m = self.table.raw_masks(c).0 & ((1 << 26) - 1);
                        while m != 0 {
                            let letter = m.trailing_zeros() as usize;
                            m &= m - 1;
                            if let Some(slot) = bits.get_mut(want[letter]) {
                                let pos = from + k;
                                slot[pos / 64] |= 1 << (pos % 64);
                            }
                        }
                    }
                }
            });
            for (mut bits, &l) in fresh.into_iter().zip(&missing) {
                // No char begins with the letter (v, or one of a small
                // index): an empty bitmap says so without being read.
                if bits.iter().all(|&w| w == 0) {
                    bits = Vec::new();
                }
                slots[l] = Some(Arc::new(bits));
            }
        }
        letters.keep(need);
        LetterBits::new(
            (0..26)
                .map(|l| match &letters.bits[l] {
                    Some(bits) if need & (1 << l) != 0 => Arc::clone(bits),
                    _ => Arc::clone(&letters.none),
                })
                .collect(),
        )
    }

    /// The entries whose folded text holds `c`, ascending.
    fn postings(&self, c: char) -> Arc<Vec<u32>> {
        if let Some(p) = self.postings.lock().ok().and_then(|m| m.get(&c).cloned()) {
            return p;
        }
        // A text holds `c` folded where it holds any form that folds to it.
        let forms: Vec<memchr::memmem::Finder<'static>> = if is_han(c) {
            self.table
                .variants(c)
                .into_iter()
                .map(|v| memchr::memmem::Finder::new(v.to_string().as_bytes()).into_owned())
                .collect()
        } else {
            Vec::new()
        };
        let ids: Vec<u32> = self
            .slots
            .par_chunks(CHUNK)
            .enumerate()
            .flat_map_iter(|(k, chunk)| {
                let mut folded = String::new();
                let base = k * CHUNK;
                chunk
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| {
                        let text = self.text(base + j);
                        if forms.is_empty() {
                            folded.clear();
                            fold_into(text, &mut folded);
                            folded.contains(c)
                        } else {
                            forms.iter().any(|f| f.find(text.as_bytes()).is_some())
                        }
                    })
                    .filter_map(|(j, _)| u32::try_from(base + j).ok())
                    .collect::<Vec<_>>()
            })
            .collect();
        let ids = Arc::new(ids);
        if let Ok(mut m) = self.postings.lock() {
            m.insert(c, Arc::clone(&ids));
        }
        ids
    }

    /// Entries that hold every Han char of the positive atoms, or `None` when
    /// the query has none.
    fn han_candidates(&self, atoms: &[Atom]) -> Option<Vec<u32>> {
        let mut chars: Vec<char> = atoms
            .iter()
            .filter(|a| !a.negated)
            .flat_map(|a| a.text.chars().filter(|c| is_han(*c)))
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let mut lists: Vec<Arc<Vec<u32>>> = chars.into_iter().map(|c| self.postings(c)).collect();
        lists.sort_by_key(|l| l.len());
        let (first, rest) = lists.split_first()?;
        let mut out: Vec<u32> = first.as_ref().clone();
        for l in rest {
            out.retain(|id| l.binary_search(id).is_ok());
        }
        Some(out)
    }

    /// Searches everything; the best `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_in(query, limit, &mut Session::default())
    }

    /// Searches, reusing the last query's matches when this one extends it.
    pub fn search_in(&self, query: &str, limit: usize, session: &mut Session) -> Vec<Hit> {
        let atoms = parse_query(query);
        if atoms.is_empty() {
            session.query.clear();
            session.matched.clear();
            session.runs = Runs::default();
            return Vec::new();
        }
        // Extending a query only removes matches, unless it negates something.
        let narrowing = !session.query.is_empty()
            && query.starts_with(&session.query)
            && !query.contains('!')
            && !query.contains('$');
        let scored =
            if let Some((scored, matched)) = self.initials_only(&atoms, limit, &mut session.runs) {
                // A partial answer cannot narrow the next keystroke's search.
                if let Some(matched) = matched {
                    query.clone_into(&mut session.query);
                    session.matched = matched;
                } else {
                    session.query.clear();
                    session.matched.clear();
                }
                scored
            } else {
                let scored = self.score_all(&atoms, narrowing, session);
                query.clone_into(&mut session.query);
                session.matched = bitset(self.len(), scored.iter().map(|&(id, _)| id));
                scored
            };
        self.rank(scored, &atoms, limit)
    }

    /// How matches rank: best first; equal scores: shorter text, then
    /// document order.
    fn rank_key(&self, (id, score): (u32, u32)) -> RankKey {
        (std::cmp::Reverse(score), self.slots[id as usize].len(), id)
    }

    /// Keeps the best `limit` of the scored matches (in no order).
    fn keep_best(&self, scored: &mut Vec<(u32, u32)>, limit: usize) {
        if scored.len() > limit {
            scored.select_nth_unstable_by_key(limit, |&m| self.rank_key(m));
            scored.truncate(limit);
        }
    }

    /// The best `limit` of the scored matches, best first, with the matched
    /// char positions; the texts in `folded` (by id) are not folded again.
    fn rank(&self, mut scored: Vec<(u32, u32)>, atoms: &[Atom], limit: usize) -> Vec<Hit> {
        if scored.len() > limit {
            // Many matches (a letter matches most entries): keep only those
            // scoring at least the limit-th best score before ordering them.
            let floor = nth_best_score(&scored, limit);
            scored.retain(|&(_, score)| score >= floor);
        }
        self.keep_best(&mut scored, limit);
        scored.sort_unstable_by_key(|&m| self.rank_key(m));
        let initials: Option<(LetterBits, Vec<u8>)> = initials_atom(atoms).map(|(atom, q)| {
            let letters = q.bytes.iter().map(|&b| b - b'a').collect();
            (self.letter_bits(atom.latin), letters)
        });
        let scratch = || Scratch {
            initials: initials.clone(),
            ..Scratch::default()
        };
        let place = |engine: &mut Box<dyn Engine>, scratch: &mut Scratch, (id, score)| {
            let mut indices = Vec::new();
            self.score_entry(id, atoms, engine.as_mut(), scratch, Some(&mut indices));
            indices.sort_unstable();
            indices.dedup();
            Hit {
                entry: id as usize,
                score,
                indices,
            }
        };
        // Long texts matched literally take a while: then the hits are placed
        // on every core (in order).
        let wide = self.worth_cores(scored.iter().map(|&(id, _)| id));
        self.with_engines(scored, wide, scratch, place)
    }

    /// `f` over `items`, in order, each call given the engine and the
    /// scratch (made by `scratch`) of its thread: on every core when `wide`,
    /// else on this thread (waking the other cores costs more than a little
    /// work).
    fn with_engines<T: Send, R: Send>(
        &self,
        items: Vec<T>,
        wide: bool,
        scratch: impl Fn() -> Scratch + Sync + Send,
        f: impl Fn(&mut Box<dyn Engine>, &mut Scratch, T) -> R + Sync + Send,
    ) -> Vec<R> {
        if wide {
            items
                .into_par_iter()
                .map_init(
                    || (self.engine.make(), scratch()),
                    |(engine, scratch), t| f(engine, scratch, t),
                )
                .collect()
        } else {
            let (mut engine, mut scratch) = (self.engine.make(), scratch());
            items
                .into_iter()
                .map(|t| f(&mut engine, &mut scratch, t))
                .collect()
        }
    }

    /// Whether reading the texts of `ids` in full is worth spreading over
    /// the cores: when they come to more than [`WORTH_CORES`] bytes.
    fn worth_cores(&self, ids: impl Iterator<Item = u32>) -> bool {
        let mut bytes = 0;
        for id in ids {
            bytes += self.slots[id as usize].len() as usize;
            if bytes > WORTH_CORES {
                return true;
            }
        }
        false
    }

    /// Scores every candidate: the last query's matches when this one extends
    /// it, the entries holding the query's Han chars, or everything.
    fn score_all(&self, atoms: &[Atom], narrowing: bool, session: &mut Session) -> Vec<(u32, u32)> {
        let candidates: Vec<u32> = match (narrowing, self.han_candidates(atoms)) {
            (true, Some(mut h)) => {
                h.retain(|&id| has_bit(&session.matched, id));
                h
            }
            (true, None) => bits_set(&session.matched).collect(),
            (false, Some(h)) => h,
            (false, None) => (0..u32::try_from(self.slots.len()).unwrap_or(u32::MAX)).collect(),
        };
        candidates
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let mut engine = self.engine.make();
                let mut scratch = Scratch::default();
                chunk
                    .iter()
                    .filter_map(|&id| {
                        self.score_entry(id, atoms, engine.as_mut(), &mut scratch, None)
                            .map(|s| (id, s))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// A query of one term of pinyin initials (`jhyh`, `csglj`), answered from
    /// the query's letter bitmaps without reading most entries. Returns the
    /// scored matches (at least the best `limit` of them) and, when every
    /// match was found, a bit for each (when runs at the start of texts fill
    /// `limit`, other runs are not looked for, and when runs do, scattered
    /// matches are not); `None` for another kind of query. `kept` holds
    /// where the last such query's runs are, and becomes this one's.
    ///
    /// Exact because any contiguous run outscores any scattered match, kind
    /// bonus included (see `pinyin::CONSECUTIVE`), and the runs are found
    /// exactly, a word of 64 chars at a time, by and-ing the letters' bitmaps
    /// each shifted by the letter's place in the query.
    fn initials_only(
        &self,
        atoms: &[Atom],
        limit: usize,
        kept: &mut Runs,
    ) -> Option<(Scored, Option<Bitset>)> {
        let (atom, q) = initials_atom(atoms)?;
        let letters: Vec<u8> = q.bytes.iter().map(|&b| b - b'a').collect();
        let bits = self.letter_bits(atom.latin);
        // Typed on from the last query: only the texts that began with its
        // run may begin with this one's, only those with its run anywhere
        // may have this one's, and only those that held its letters in
        // order may hold this one's.
        let typed_on = !kept.letters.is_empty() && letters.starts_with(&kept.letters);
        // Text that holds the query's letters in order may match them
        // literally: those few entries are scored in full, on every core (a
        // long one takes a while).
        let held = if typed_on {
            std::mem::take(&mut kept.literal)
        } else {
            self.latin
                .iter()
                .filter(|&&(_, letters)| letters & atom.latin == atom.latin)
                .map(|&(id, _)| id)
                .collect()
        };
        let held: Vec<u32> = held
            .into_iter()
            .filter(|&id| holds_in_order(self.text(id as usize), &q.bytes))
            .collect();
        let literal = |id: u32| has_bit(&self.has_latin, id) && held.binary_search(&id).is_ok();
        // Those with the letters side by side score high (a contiguous
        // literal run) and are few: they are scored now, and raise the floor
        // of what follows. Those with the letters scattered wait until the
        // list is known (see `Index::with_held`).
        let run = memchr::memmem::Finder::new(atom.text.as_bytes());
        let (side_by_side, scattered): (Vec<u32>, Vec<u32>) = held.iter().partition(|&&id| {
            letters.len() == 1
                || self
                    .latin_fold(id)
                    .is_none_or(|folded| run.find(folded.as_bytes()).is_some())
        });
        let scored = self.with_held(Vec::new(), &side_by_side, atom, (&bits, &letters), 0);
        let with_held =
            |found: Scored| self.with_held(found, &scattered, atom, (&bits, &letters), limit);
        let (among, within) = if typed_on {
            (
                Some(std::mem::take(&mut kept.at_start)),
                kept.anywhere.take(),
            )
        } else {
            (None, None)
        };
        let (ids, first) = self.runs_at_start(&bits, &letters, &literal, limit, among.as_deref());
        *kept = Runs {
            letters: letters.clone(),
            at_start: ids,
            anywhere: None,
            leads: kept.leads.filter(|_| typed_on),
            literal: held.clone(),
        };
        if letters.iter().any(|&l| bits.letter(l).is_empty()) {
            // A letter no char begins with: only the literal matches.
            let scored = with_held(scored);
            let matched = bitset(self.len(), scored.iter().map(|&(id, _)| id));
            kept.anywhere = Some(bitset(self.len(), []));
            kept.leads = Some(0);
            return Some((scored, Some(matched)));
        }
        if let Some(mut first) = first {
            first.extend(scored);
            return Some((with_held(first), None));
        }
        let m = q.bytes.len();
        if m == 1 {
            let found = self.one_letter(&bits, letters[0], &literal, scored, limit);
            return Some((with_held(found), None));
        }
        let n = self.len();
        // Runs and scattered matches are of different entries: one floor
        // serves both.
        let floor = AtomicU32::new(0);
        let mut checked = bitset(n, []);
        let (found, runs) = match within {
            Some(within) => self.runs_among(
                &bits,
                &letters,
                &within,
                &literal,
                &mut checked,
                Best::new(limit, &floor),
            ),
            None => self.runs_everywhere(&bits, &letters, &literal, &mut checked, &floor, limit),
        };
        let mut best = Best::new(limit, &floor);
        for m in scored.into_iter().chain(found) {
            best.offer(self, m);
        }
        if runs >= limit {
            kept.anywhere = Some(checked);
            return Some((with_held(best.top), None));
        }
        // Too few runs: the scattered matches count too. Those of the
        // departments, headlines and items first (a fifth of the text): a
        // run of entries on each core. Their kind bonus puts any of them
        // scoring above the best a scattered match can score without it
        // ahead of every sentence's, so when the best `limit` all do, the
        // sentences are not looked into. Not when too few of those lines
        // held the last query's initials for them to fill the list, with
        // the held texts not yet scored.
        let may_fill = kept
            .leads
            .is_none_or(|leads| best.top.len() + scattered.len() + leads >= limit);
        if may_fill {
            let leads = self.leads();
            let passes: Vec<(Scored, usize)> = leads
                .segments
                .par_iter()
                .fold(
                    || Pass::new(limit, &floor),
                    |mut pass, segment| {
                        let scan = Scan {
                            words: segment.words(),
                            ends: &leads.ends[segment.ends_at()..][..segment.words().len()],
                            entry: segment.entry as usize,
                        };
                        self.scattered_in(
                            &bits,
                            &letters,
                            scan,
                            &checked,
                            &literal,
                            &mut pass,
                            |_, _| true,
                        );
                        pass
                    },
                )
                .map(|pass| (pass.best.top, pass.entries))
                .collect();
            let mut leads = 0;
            for (top, entries) in passes {
                leads += entries;
                for hit in top {
                    best.offer(self, hit);
                }
            }
            kept.leads = Some(leads);
            if best.top.len() >= limit
                && nth_best_score(&best.top, limit) > PinyinQuery::best_scattered(m)
            {
                kept.anywhere = Some(checked);
                return Some((with_held(best.top), None));
            }
        }
        // Else every entry, at once from the bitmaps, a chunk of entries on
        // each core, each noting its matches in the words of the bitset its
        // entries have (a chunk is a whole number of words).
        // The held texts all match literally (they hold the letters in
        // order), scored or not.
        let mut matched = checked.clone();
        for &id in &held {
            set_bit(&mut matched, id);
        }
        let tops: Vec<Scored> = matched
            .par_chunks_mut(CHUNK / 64)
            .enumerate()
            .fold(
                || Pass::new(limit, &floor),
                |mut pass, (k, words)| {
                    let ids = self.chunk(k);
                    self.scattered(
                        &bits, &letters, ids, &checked, &literal, words, may_fill, &mut pass,
                    );
                    pass
                },
            )
            .map(|pass| pass.best.top)
            .collect();
        kept.anywhere = Some(checked);
        let mut scored = best.top;
        scored.extend(tops.into_iter().flatten());
        Some((with_held(scored), Some(matched)))
    }

    /// `found`, the matches read from the letters' bitmaps, with those of
    /// `held` that may be among the best `limit` scored in full (all of
    /// them when `limit` is 0). The held texts hold the query's letters in
    /// order as Latin letters, so the engine may match them literally; the
    /// bitmap passes leave them out. A held text whose letters are not side
    /// by side is not read by the engine when even its best score (the
    /// engine's bound for such a match, its initials' score, its kind's
    /// bonus) is below the `limit`-th best of `found`: the English lines
    /// among the benchmark's sentences hold `csgl` scattered, and none of
    /// them ever ranks.
    fn with_held(
        &self,
        mut found: Scored,
        held: &[u32],
        atom: &Atom,
        (bits, letters): (&LetterBits, &[u8]),
        limit: usize,
    ) -> Scored {
        let floor = if limit > 0 && found.len() >= limit {
            nth_best_score(&found, limit)
        } else {
            0
        };
        let engine = self.engine.make();
        let n = atom.text.len();
        let run = memchr::memmem::Finder::new(atom.text.as_bytes());
        let reach = |id: u32| {
            let Some(folded) = self.latin_fold(id) else {
                return true;
            };
            let bonus = self.slots[id as usize].bonus();
            let prefix = folded
                .bytes()
                .next()
                .is_some_and(|b| atom.text.as_bytes().contains(&b));
            let literal = engine.scattered_bound(n, prefix).unwrap_or(u32::MAX);
            if literal.saturating_add(bonus) >= floor || run.find(folded.as_bytes()).is_some() {
                return true;
            }
            let initials = self
                .initials_match(id, bits, letters, false)
                .map_or(0, |(score, _)| score);
            initials + bonus >= floor
        };
        // When the least bound reaches the floor, every text does.
        let all = engine
            .scattered_bound(n, false)
            .is_none_or(|least| least >= floor);
        let read: Vec<u32> = if all {
            held.to_vec()
        } else {
            held.iter().copied().filter(|&id| reach(id)).collect()
        };
        let scratch = || Scratch {
            initials: Some((bits.clone(), letters.to_vec())),
            ..Scratch::default()
        };
        let score = |engine: &mut Box<dyn Engine>, scratch: &mut Scratch, id: u32| {
            let s = self.score_entry(
                id,
                std::slice::from_ref(atom),
                engine.as_mut(),
                scratch,
                None,
            )?;
            Some((id, s))
        };
        let wide = self.worth_cores(read.iter().copied());
        found.extend(
            self.with_engines(read, wide, scratch, score)
                .into_iter()
                .flatten(),
        );
        found
    }

    /// The runs of the letters (0 = a) in every entry: each entry's first
    /// run noted in `checked` and, unless `literal`, scored; with the count
    /// scored, and at least the best `limit` of them (those that cannot be
    /// among the best, by `floor`, turned away). A word of 64 chars of the
    /// letters' bitmaps at a time, a chunk of entries on each core, each
    /// noting its entries in the words of `checked` they have.
    fn runs_everywhere(
        &self,
        bits: &LetterBits,
        letters: &[u8],
        literal: &(dyn Fn(u32) -> bool + Sync),
        checked: &mut [u64],
        floor: &AtomicU32,
        limit: usize,
    ) -> (Scored, usize) {
        let m = letters.len();
        let found: Vec<(Scored, usize)> = checked
            .par_chunks_mut(CHUNK / 64)
            .enumerate()
            .fold(
                || (Best::new(limit, floor), 0),
                |(mut best, mut runs), (k, checked)| {
                    let ids = self.chunk(k);
                    let base = ids.start;
                    let words = self.chunk_words(&ids);
                    let mut entry = ids.start;
                    bits.each_run(letters, words, |pos| {
                        while self.spans[entry + 1] as usize <= pos {
                            entry += 1;
                        }
                        let id = narrow(entry);
                        if has_bit(checked, narrow(entry - base)) {
                            return;
                        }
                        set_bit(checked, narrow(entry - base));
                        if literal(id) {
                            return;
                        }
                        let at = pos - self.spans[entry] as usize;
                        let score = PinyinQuery::run_score(m, at) + self.slots[entry].bonus();
                        best.offer(self, (id, score));
                        runs += 1;
                    });
                    (best, runs)
                },
            )
            .map(|(best, runs)| (best.top, runs))
            .collect();
        let runs = found.iter().map(|(_, runs)| runs).sum();
        (found.into_iter().flat_map(|(top, _)| top).collect(), runs)
    }

    /// [`Index::runs_everywhere`] in the entries `within` (a bit each)
    /// only, each read from the letters' bitmaps in turn, the best kept by
    /// `best`: for a query typed on, whose runs are among the last one's.
    fn runs_among(
        &self,
        bits: &LetterBits,
        letters: &[u8],
        within: &[u64],
        literal: &dyn Fn(u32) -> bool,
        checked: &mut [u64],
        mut best: Best<'_>,
    ) -> (Scored, usize) {
        let m = letters.len();
        let mut runs = 0;
        for id in bits_set(within) {
            let chars = self.chars(id);
            let start = chars.start;
            let Some(p) = bits.first_run(letters, chars) else {
                continue;
            };
            set_bit(checked, id);
            if literal(id) {
                continue;
            }
            let score = PinyinQuery::run_score(m, p - start) + self.slots[id as usize].bonus();
            best.offer(self, (id, score));
            runs += 1;
        }
        (best.top, runs)
    }

    /// The texts that begin with a run of the letters (0 = a), all of them
    /// or those of `among`, and the best `limit` of them when at least
    /// `limit` do (`literal` ones left out): such a run outranks every other
    /// match of the letters, kind bonus included, so the best of all are
    /// among them. A text is told by a bit a letter, without reading it; a
    /// chunk of entries on each core.
    fn runs_at_start(
        &self,
        bits: &LetterBits,
        letters: &[u8],
        literal: &(dyn Fn(u32) -> bool + Sync),
        limit: usize,
        among: Option<&[u32]>,
    ) -> (Vec<u32>, Option<Scored>) {
        let m = letters.len();
        let at_start = PinyinQuery::run_score(m, 0);
        debug_assert!(at_start > PinyinQuery::run_score(m, 1) + MOST_BONUS);
        let Some((head, rest)) = letters.split_first() else {
            return (Vec::new(), None);
        };
        let head = bits.letter(*head);
        let rest: Vec<&[u64]> = rest.iter().map(|&l| bits.letter(l)).collect();
        // The chars are start..next - 1 (an unused number follows); most
        // texts are told by their first.
        let begins = |start: u32, next: u32| {
            next > start + narrow(m)
                && has_bit(head, start)
                && (start + 1..).zip(&rest).all(|(at, list)| has_bit(list, at))
        };
        let ids: Vec<u32> = if let Some(among) = among {
            among
                .iter()
                .copied()
                .filter(|&id| begins(self.spans[id as usize], self.spans[id as usize + 1]))
                .collect()
        } else {
            let n = self.len();
            let chunks: Vec<usize> = (0..n).step_by(CHUNK).collect();
            chunks
                .par_iter()
                .flat_map_iter(|&c0| {
                    let ids = c0..(c0 + CHUNK).min(n);
                    let spans = self.spans[ids.start..=ids.end].windows(2);
                    ids.zip(spans)
                        .filter(|(_, span)| begins(span[0], span[1]))
                        .map(|(id, _)| narrow(id))
                })
                .collect()
        };
        let mut first: Scored = ids
            .iter()
            .filter(|&&id| !literal(id))
            .map(|&id| (id, at_start + self.slots[id as usize].bonus()))
            .collect();
        if first.len() < limit {
            return (ids, None);
        }
        self.keep_best(&mut first, limit);
        (ids, Some(first))
    }

    /// A query of one letter (0 = a), when too few texts begin with it: the
    /// best `limit` of the entries with a char of that initial, found
    /// without reading the text, with `scored`
    /// (the entries scored in full) among them. Most entries match; an entry
    /// is looked into only when it could rank among the best, a chunk of
    /// entries on each core.
    fn one_letter(
        &self,
        bits: &LetterBits,
        letter: u8,
        literal: &(dyn Fn(u32) -> bool + Sync),
        scored: Scored,
        limit: usize,
    ) -> Scored {
        let at_start = PinyinQuery::run_score(1, 0);
        let later = PinyinQuery::run_score(1, 1);
        let n = self.len();
        let starts: Vec<usize> = (0..n).step_by(CHUNK).collect();
        // One list of the best for each run of chunks a core takes.
        let floor = AtomicU32::new(0);
        let tops: Vec<Scored> = starts
            .par_iter()
            .fold(
                || Best::new(limit, &floor),
                |mut best, &c0| {
                    let ids = c0..(c0 + CHUNK).min(n);
                    let spans = self.spans[ids.start..=ids.end].windows(2);
                    for ((slot, span), id) in self.slots[ids.clone()].iter().zip(spans).zip(ids) {
                        let (start, next) = (span[0] as usize, span[1] as usize);
                        // The chars are start..next - 1 (an unused number follows).
                        let first = next > start + 1 && bits.has(letter, start);
                        let score = if first { at_start } else { later } + slot.bonus();
                        let id = narrow(id);
                        if best.turns_away(self, (id, score))
                            || !first && bits.next(letter, start, next - 1).is_none()
                            || literal(id)
                        {
                            continue;
                        }
                        best.offer(self, (id, score));
                    }
                    best
                },
            )
            .map(|best| best.top)
            .collect();
        let mut scored = scored;
        scored.extend(tops.into_iter().flatten());
        scored
    }

    /// The scattered matches of the initials (`letters`, 0 = a) among the
    /// entries `ids` (a chunk) that are not `checked` (they hold a run) nor
    /// `literal`, scored and offered to the pass's best; only the
    /// sentences' when `sentences_only`. Each is noted in `matched`, the
    /// words of the bitset the chunk has, and counted in the pass's
    /// `entries`, kept out or not.
    #[allow(clippy::too_many_arguments)]
    fn scattered(
        &self,
        bits: &LetterBits,
        letters: &[u8],
        ids: Range<usize>,
        checked: &[u64],
        literal: &dyn Fn(u32) -> bool,
        matched: &mut [u64],
        sentences_only: bool,
        pass: &mut Pass,
    ) {
        let words = self.chunk_words(&ids);
        let mut ends = std::mem::take(&mut pass.ends);
        self.ends(ids.clone(), &words, &mut ends);
        let base = narrow(ids.start);
        let scan = Scan {
            words,
            ends: &ends,
            entry: ids.start,
        };
        self.scattered_in(bits, letters, scan, checked, literal, pass, |id, slot| {
            set_bit(matched, id - base);
            !sentences_only || slot.kind() == Kind::Sentence
        });
        pass.ends = ends;
    }

    /// The scattered matches of the initials (`letters`, 0 = a) in the
    /// words `scan` reads, that are not `checked` nor `literal`, and that
    /// `keep` (told each matching entry's id and slot) keeps: scored and
    /// offered to the pass's best, and counted in its `entries`.
    #[allow(clippy::too_many_arguments)]
    fn scattered_in(
        &self,
        bits: &LetterBits,
        letters: &[u8],
        scan: Scan,
        checked: &[u64],
        literal: &dyn Fn(u32) -> bool,
        pass: &mut Pass,
        mut keep: impl FnMut(u32, &Slot) -> bool,
    ) {
        let Scan { words, ends, entry } = scan;
        let mut entry = entry;
        let m = letters.len();
        let best = &mut pass.best;
        let count = &mut pass.entries;
        let mut counted = usize::MAX;
        bits.each_scattered(letters, words, ends, |first, last| {
            while self.spans[entry + 1] as usize <= last {
                entry += 1;
            }
            if counted != entry {
                counted = entry;
                *count += 1;
            }
            let id = narrow(entry);
            let slot = &self.slots[entry];
            let keep = keep(id, slot);
            let score = PinyinQuery::scattered_score(m, last + 1 - first - m);
            // Most matches are turned away here, by score alone.
            if !keep || best.below_floor(score + MOST_BONUS) || has_bit(checked, id) || literal(id)
            {
                return;
            }
            best.offer(self, (id, score + slot.bonus()));
        });
    }

    /// What [`match_pinyin`] gives entry `id` for initials (`letters`, 0 =
    /// a), read from the letters' bitmaps: the first run, else the initials
    /// in order, with their char positions when `want`.
    fn initials_match(
        &self,
        id: u32,
        bits: &LetterBits,
        letters: &[u8],
        want: bool,
    ) -> Option<(u32, Vec<usize>)> {
        let chars = self.chars(id);
        let start = chars.start;
        let m = letters.len();
        if let Some(p) = bits.first_run(letters, chars.clone()) {
            let at = p - start;
            let idx = if want {
                (at..at + m).collect()
            } else {
                Vec::new()
            };
            return Some((PinyinQuery::run_score(m, at), idx));
        }
        let mut idx = Vec::new();
        let score = bits.scattered_with(chars, letters, |p| {
            if want {
                idx.push(p - start);
            }
        })?;
        Some((score, idx))
    }

    /// The score of an entry for all atoms (every positive atom must match, no
    /// negated one may), collecting matched char positions when asked.
    fn score_entry(
        &self,
        id: u32,
        atoms: &[Atom],
        engine: &mut dyn Engine,
        scratch: &mut Scratch,
        mut indices: Option<&mut Vec<usize>>,
    ) -> Option<u32> {
        let mut total = 0;
        for atom in atoms {
            let found = self.match_atom(id, atom, engine, scratch, indices.is_some());
            match (atom.negated, found) {
                (true, Some(_)) | (false, None) => return None,
                (true, None) => {}
                (false, Some((score, idx))) => {
                    total += score;
                    if let Some(out) = indices.as_deref_mut() {
                        out.extend(idx);
                    }
                }
            }
        }
        Some(total + self.slots[id as usize].bonus())
    }

    fn match_atom(
        &self,
        id: u32,
        atom: &Atom,
        engine: &mut dyn Engine,
        scratch: &mut Scratch,
        want: bool,
    ) -> Option<(u32, Vec<usize>)> {
        match atom.mode {
            Mode::Fuzzy => {
                let pinyin = atom.pinyin.as_ref().and_then(|q| {
                    if let Some((bits, letters)) = &scratch.initials {
                        return self.initials_match(id, bits, letters, want);
                    }
                    // Which letters the text can be typed with rules most
                    // texts out.
                    let reach = self.reach()[id as usize];
                    let summary = Summary {
                        initials: reach.initials,
                        letters: reach.letters,
                        ..Summary::default()
                    };
                    if !q.may_match(&summary) {
                        return None;
                    }
                    match_pinyin(q, &scratch.spelling(self, id), self.table, want)
                });
                // A pinyin query meets Latin text only where it has all its letters.
                if atom.pinyin.is_some() && self.latin_of(id) & atom.latin != atom.latin {
                    return pinyin;
                }
                let folded = scratch.folded(self, id);
                let run = find(folded, &atom.text);
                // A contiguous run's chars are known: the engine's are not
                // asked for.
                let literal = if want && run.is_none() {
                    engine.indices(&atom.text, folded)
                } else {
                    engine.score(&atom.text, folded).map(|s| (s, Vec::new()))
                };
                // The engines' bonuses are for ASCII word boundaries; in Chinese a
                // contiguous run, and one at the start, is what matters.
                let literal = literal.map(|(score, idx)| match run {
                    Some(at) => {
                        let first = folded[..at].chars().count();
                        let n = atom.text.chars().count();
                        let start = if at == 0 { CONTIGUOUS_AT_START } else { 0 };
                        let idx = if want {
                            (first..first + n).collect()
                        } else {
                            idx
                        };
                        (score + CONTIGUOUS + start, idx)
                    }
                    None => (score, idx),
                });
                match (literal, pinyin) {
                    (Some(l), Some(p)) => Some(if p.0 > l.0 { p } else { l }),
                    (l, p) => l.or(p),
                }
            }
            Mode::Exact | Mode::Prefix | Mode::Suffix => {
                let folded = scratch.folded(self, id);
                let at = match atom.mode {
                    Mode::Prefix => folded.starts_with(&atom.text).then_some(0),
                    Mode::Suffix => folded
                        .ends_with(&atom.text)
                        .then(|| folded.len() - atom.text.len()),
                    _ => find(folded, &atom.text),
                }?;
                let first = folded[..at].chars().count();
                let n = atom.text.chars().count();
                let bonus = if first == 0 { 16 } else { 0 };
                Some((
                    u32::try_from(n).unwrap_or(0) * 24 + bonus,
                    (first..first + n).collect(),
                ))
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
}

/// Where `needle` first is in `hay`, in bytes: [`str::find`], a good deal
/// faster on long texts.
fn find(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// Does `text` hold the Latin letters `letters` (lower case) in order, each
/// of either case, half- or full-width? Folded, it then holds them as its
/// own letters; a text that does not cannot match them literally, whatever
/// the engine (each matches a query's chars in order).
fn holds_in_order(text: &str, letters: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    'letters: for &l in letters {
        let (lower, upper) = (l, l.to_ascii_uppercase());
        // A full-width letter is three bytes from 0xEF: U+FF21.. (upper
        // case) and U+FF41.. (lower case).
        let off = l.wrapping_sub(b'a');
        while let Some(k) = bytes
            .get(at..)
            .and_then(|rest| memchr::memchr3(lower, upper, 0xEF, rest))
        {
            let i = at + k;
            at = i + 1;
            if bytes[i] != 0xEF {
                continue 'letters;
            }
            if let Some(&[mid, last]) = bytes.get(i + 1..i + 3) {
                let wide =
                    (mid == 0xBC && last == 0xA1 + off) || (mid == 0xBD && last == 0x81 + off);
                if wide {
                    at = i + 3;
                    continue 'letters;
                }
            }
        }
        return false;
    }
    true
}

/// The one atom of a query of pinyin initials (`jhyh`, lower-case letters
/// only), with its pinyin.
fn initials_atom(atoms: &[Atom]) -> Option<(&Atom, &PinyinQuery)> {
    let [atom] = atoms else { return None };
    let q = atom.pinyin.as_ref()?;
    (!atom.negated
        && atom.mode == Mode::Fuzzy
        && q.initials_only()
        && q.bytes.iter().all(u8::is_ascii_lowercase))
    .then_some((atom, q))
}

/// The `n`-th best score (1-based) of the scored matches, from a histogram:
/// one pass, no sort. Scores past the histogram's end count as its last bucket.
fn nth_best_score(scored: &[(u32, u32)], n: usize) -> u32 {
    const TOP: usize = 1024;
    let mut counts = [0usize; TOP + 1];
    for &(_, score) in scored {
        counts[(score as usize).min(TOP)] += 1;
    }
    let mut seen = 0;
    for score in (0..=TOP).rev() {
        seen += counts[score];
        if seen >= n {
            return u32::try_from(score).unwrap_or(0);
        }
    }
    0
}

/// One term of a query: `foo` fuzzy, `'foo` exact, `^foo` prefix, `foo$`
/// suffix, `!foo` must not appear.
#[derive(Debug, Clone)]
struct Atom {
    text: String,
    mode: Mode,
    negated: bool,
    /// The atom as a pinyin query (ASCII letters and digits).
    pinyin: Option<PinyinQuery>,
    /// Its Latin letters.
    latin: u32,
}

fn parse_query(query: &str) -> Vec<Atom> {
    query
        .split_whitespace()
        .filter_map(|raw| {
            let mut t = raw;
            let negated = t.starts_with('!');
            if negated {
                t = &t[1..];
            }
            let mut mode = Mode::Fuzzy;
            if let Some(rest) = t.strip_prefix('\'') {
                mode = Mode::Exact;
                t = rest;
            } else if let Some(rest) = t.strip_prefix('^') {
                mode = Mode::Prefix;
                t = rest;
            }
            if let Some(rest) = t.strip_suffix('$').filter(|r| !r.is_empty()) {
                mode = if mode == Mode::Prefix {
                    Mode::Exact
                } else {
                    Mode::Suffix
                };
                t = rest;
            }
            if negated && mode == Mode::Fuzzy {
                // fzf: a negated term is an exact one.
                mode = Mode::Exact;
            }
            let text = fold(t);
            if text.is_empty() {
                return None;
            }
            let pinyin = (mode == Mode::Fuzzy
                && text.bytes().all(|b| b.is_ascii_alphanumeric())
                && text.bytes().any(|b| b.is_ascii_alphabetic()))
            .then(|| PinyinQuery::new(text.as_bytes(), PinyinTable::shared()));
            let latin = letter_mask(text.as_bytes());
            Some(Atom {
                text,
                mode,
                negated,
                pinyin,
                latin,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_segments_leave_only_the_leads_chars_open() {
        // Entries' chars start at `spans`; each is followed by an unused
        // number. Entries 0, 1 and 3, 4 are leads; 2 (a short sentence)
        // shares their words, 5 (a long one) does not; 6 is a lead again.
        let spans = [0, 5, 9, 30, 100, 140, 300, 430, 435];
        let lead = [true, true, false, true, true, false, true, false];
        let mut leads = Leads::default();
        leads.add(&spans, 0..2);
        leads.add(&spans, 3..5);
        leads.add(&spans, 6..7);
        let words: Vec<_> = leads.segments.iter().map(|s| s.words.clone()).collect();
        assert_eq!(words, [0..3, 4..7]);
        for segment in &leads.segments {
            for (k, w) in segment.words().enumerate() {
                for b in 0..64 {
                    let char = w * 64 + b;
                    let entry = spans.partition_point(|&s| s as usize <= char) - 1;
                    let open =
                        entry < lead.len() && lead[entry] && char + 1 < spans[entry + 1] as usize;
                    let end = leads.ends[segment.ends_at() + k] >> b & 1 == 1;
                    assert_eq!(end, !open, "char {char}");
                }
            }
        }
        assert_eq!(leads.segments[1].entry, 6);
    }

    #[test]
    fn the_section_map_gives_each_entry_its_section() {
        // Sections of 1 to 150 entries, so that words hold several starts,
        // none, and starts on their first and last bits.
        let sizes: Vec<usize> = (0..120).map(|k| 1 + (k * 37 + k * k) % 150).collect();
        let firsts: Vec<usize> = sizes
            .iter()
            .scan(0, |at, &n| {
                let first = *at;
                *at += n;
                Some(first)
            })
            .collect();
        let n: usize = sizes.iter().sum();
        let map = SectionMap::new(n, &firsts);
        let mut id = 0;
        for (section, &size) in sizes.iter().enumerate() {
            for _ in 0..size {
                assert_eq!(map.of(id) as usize, section, "entry {id}");
                id += 1;
            }
        }
        let one = SectionMap::new(64, &[0, 63]);
        assert_eq!((one.of(0), one.of(62), one.of(63)), (0, 0, 1));
    }
    use crate::briefing::parse_text;

    fn index() -> (Vec<Arc<Briefing>>, Index) {
        let b = parse_text(
            "t.txt",
            "用好经验 奋力赶超\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局党组书记、局长 赵高堂\n\n导语。一是净化盐湖。依法依规做好盐湖周边环境治理工作。二是洒扫门庭。重点加强背街小巷整治。\n\n做好项目兴水 加强人才培养\n\n重庆市水务局局长 孙耀民\n\n一是深学市委全会精神。二是发挥企业AA+信用等级优势。\n",
        );
        let v = vec![Arc::new(b)];
        let i = Index::build(&v);
        (v, i)
    }

    fn first(i: &Index, q: &str) -> (Kind, String) {
        let hits = i.search(q, 10);
        let h = hits.first().unwrap_or_else(|| panic!("no hit for {q}"));
        let e = i.entry(h.entry);
        (e.kind, e.text(i).to_owned())
    }

    #[test]
    fn han_pinyin_initials_syllables_and_mixtures() {
        let (_, i) = index();
        assert_eq!(first(&i, "净化"), (Kind::Item, "净化盐湖".into()));
        assert_eq!(first(&i, "jhyh"), (Kind::Item, "净化盐湖".into()));
        assert_eq!(first(&i, "csglj").0, Kind::Department);
        assert_eq!(first(&i, "jinghua"), (Kind::Item, "净化盐湖".into()));
        assert_eq!(first(&i, "jinghyh"), (Kind::Item, "净化盐湖".into()));
        // Every reading of a polyphonic character.
        assert!(first(&i, "cqs").1.contains("重庆"));
        assert!(first(&i, "zqs").1.contains("重庆"));
    }

    #[test]
    fn width_and_script_fold() {
        let (_, i) = index();
        assert!(first(&i, "ＡＡ＋").1.contains("AA+"));
        assert_eq!(first(&i, "淨化").1, "净化盐湖");
        assert_eq!(first(&i, "鹽湖").0, Kind::Item);
    }

    proptest::proptest! {
        /// The ASCII at the start of a text is counted eight bytes at a time
        /// as it is one at a time.
        #[test]
        fn ascii_is_counted_as_byte_by_byte(s in "[a-z\u{80}-\u{7ff}é中]{0,3}[ -~]{0,40}[中é]?.{0,3}") {
            let bytes = s.as_bytes();
            let one_at_a_time = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(ascii_len(bytes), one_at_a_time);
        }

        /// Folding runs of ASCII whole gives what folding each char gives.
        #[test]
        fn folding_by_runs_is_folding_each_char(
            s in "([a-zA-Z0-9 ,.]{0,6}|[ａ-ｚＡ-Ｚ０-９　！]{0,3}|[一-鿿]{0,4}|[淨鹽運體]{0,2}|[é€𠀀]{0,2}){0,8}"
        ) {
            let table = PinyinTable::shared();
            let each: String = s.chars().map(|c| fold_char(c, table)).collect();
            proptest::prop_assert_eq!(fold(&s), each);
        }
    }

    #[test]
    fn operators() {
        let (_, i) = index();
        assert!(
            i.search("'盐湖周边", 10)
                .iter()
                .all(|h| i.text(h.entry).contains("盐湖周边"))
        );
        assert_eq!(first(&i, "^净化").1, "净化盐湖");
        assert!(
            i.search("盐湖 !周边", 10)
                .iter()
                .all(|h| !i.text(h.entry).contains("周边"))
        );
        assert_eq!(first(&i, "门庭$").1, "洒扫门庭");
        assert!(i.search("不存在的词", 10).is_empty());
    }

    #[test]
    fn indices_point_at_the_matched_chars() {
        let (_, i) = index();
        // The chars of the best hit's text at its indices.
        let picked = |q: &str| -> String {
            let hits = i.search(q, 5);
            let e = i.entry(hits[0].entry);
            hits[0]
                .indices
                .iter()
                .filter_map(|&k| e.text(&i).chars().nth(k))
                .collect()
        };
        assert_eq!(picked("jhyh"), "净化盐湖");
        assert_eq!(picked("盐湖"), "盐湖");
    }

    #[test]
    fn typing_on_narrows_the_last_matches() {
        let (_, i) = index();
        let mut session = Session::default();
        let a = i.search_in("j", 100, &mut session).len();
        let b = i.search_in("jh", 100, &mut session).len();
        let c = i.search_in("jhyh", 100, &mut session);
        assert!(a >= b && b >= c.len());
        assert_eq!(c, i.search("jhyh", 100));
        // Deleting back searches everything again.
        assert_eq!(i.search_in("j", 100, &mut session).len(), a);
    }

    #[test]
    fn an_index_for_one_query_finds_what_the_full_one_finds() {
        let (v, full) = index();
        let place = |i: &Index, h: &Hit| {
            let e = i.entry(h.entry);
            (
                e.kind,
                e.section,
                e.item,
                e.paragraph,
                e.text(i).to_owned(),
                h.score,
            )
        };
        for q in [
            "净化",
            "淨化 盐湖",
            "盐湖 !周边",
            "'盐湖周边",
            "门庭$",
            "jhyh",
            "AA 信用",
        ] {
            let one = Index::build_for(&v, q);
            let a: Vec<_> = full.search(q, 50).iter().map(|h| place(&full, h)).collect();
            let b: Vec<_> = one.search(q, 50).iter().map(|h| place(&one, h)).collect();
            assert_eq!(a, b, "{q}");
            if Prefilter::new(q).is_some() {
                assert!(one.len() < full.len(), "{q}");
            }
        }
        let p = Prefilter::new("運城").expect("has Han");
        assert!(p.admits("运城市") && p.admits("運城") && !p.admits("城市"));
        assert!(Prefilter::new("yc !周边").is_none());
    }

    /// The initials fast path gives what scoring every entry gives.
    fn same_as_exhaustive(i: &Index, queries: &[&str], limit: usize) -> usize {
        let mut fast = 0;
        for q in queries {
            let atoms = parse_query(q);
            let all = i.score_all(&atoms, false, &mut Session::default());
            let want = i.rank(all, &atoms, limit);
            let kept = &mut Runs::default();
            fast += usize::from(i.initials_only(&atoms, limit, kept).is_some());
            assert_eq!(i.search(q, limit), want, "{q}");
            // Typed a letter at a time, too.
            let mut session = Session::default();
            for k in 1..=q.len() {
                let got = i.search_in(&q[..k], limit, &mut session);
                assert_eq!(got, i.search(&q[..k], limit), "{}", &q[..k]);
            }
        }
        fast
    }

    #[test]
    fn letters_let_go_are_built_again_the_same() {
        let (_, i) = index();
        // Twelve letters in all, more than are kept.
        let queries = ["jh", "yh", "csgl", "zq", "xd", "jhyh", "cs", "fz", "jh"];
        let first: Vec<Vec<Hit>> = queries.iter().map(|q| i.search(q, 50)).collect();
        let kept = |l: u8| {
            let letters = i.letters.lock().unwrap_or_else(PoisonError::into_inner);
            letters.bits[usize::from(l - b'a')].is_some()
        };
        let count = (b'a'..=b'z').filter(|&l| kept(l)).count();
        assert_eq!(count, KEEP_LETTERS);
        // The last query's letters are kept, the least recently needed not.
        assert!(kept(b'j') && kept(b'h') && kept(b'f') && kept(b'z'));
        assert!(!kept(b'l') && !kept(b'g'));
        // Built again, the letters let go give the same hits.
        let again: Vec<Vec<Hit>> = queries.iter().map(|q| i.search(q, 50)).collect();
        assert_eq!(again, first);
        let empty: Vec<&str> = queries
            .iter()
            .zip(&first)
            .filter(|(_, h)| h.is_empty())
            .map(|(q, _)| *q)
            .collect();
        assert!(empty.is_empty(), "{empty:?}");
    }

    #[test]
    fn the_initials_fast_path_is_exact() {
        let (_, i) = index();
        let queries = [
            "j", "jh", "jhyh", "csglj", "cq", "zq", "a", "aa", "zzz", "x", "v", "jhv", "zvq",
        ];
        // Few hits wanted: runs fill them; many: scattered matches are scanned.
        for limit in [3, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        let (briefings, _) = crate::samples::load();
        let briefings: Vec<Arc<Briefing>> = briefings.into_iter().map(Arc::new).collect();
        let i = Index::build(&briefings);
        let queries = ["j", "z", "jh", "zd", "gz", "jxs", "ggj", "qy", "sj"];
        for limit in [10, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        // Syllables take the general path.
        assert_eq!(same_as_exhaustive(&i, &["yuncheng", "jinghua"], 10), 0);
    }

    #[test]
    fn latin_letters_in_order_of_either_case_and_width() {
        let held = |text: &str, letters: &str| holds_in_order(text, letters.as_bytes());
        assert!(held("CSGL改革", "csgl"));
        assert!(held("城c市s管G理l", "csgl"));
        assert!(held("ＪＨ方案ｙｈ", "jhyh"));
        assert!(held("j", "j"));
        // Out of order, missing, or only a full-width comma (0xEF too).
        assert!(!held("lgsc", "csgl"));
        assert!(!held("csg，", "csgl"));
        assert!(!held("净化盐湖", "jhyh"));
        assert!(!held("ｊｈｙ", "jhyh"));
    }

    /// Texts with the query's Latin letters are scored in full, and only
    /// those that hold them in order; the others are read from the bitmaps
    /// like any text. Both kinds, typed on or not, give what scoring every
    /// entry gives.
    #[test]
    fn latin_texts_rank_as_when_every_entry_is_scored() {
        let b = parse_text(
            "t.txt",
            "城市管理 CSGL 工作要点\n\n市城市管理局局长 李明\n\n一是推进CSGL平台建设。二是城市管理lgsc。三是城s市g管l理c工作。四是ＪＨＹＨ净化盐湖。五是j计划h要y好h。六是净化盐湖工作。七是yhjh反序。八是Csgl城市管理。\n",
        );
        let v = vec![Arc::new(b)];
        let i = Index::build(&v);
        let queries = ["csgl", "cs", "jhyh", "j", "c", "lgsc", "jhy", "yh"];
        for limit in [1, 3, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        // lgsc holds c, s, g and l, but not in that order: it is not among
        // the texts scored in full.
        let mut session = Session::default();
        i.search_in("csgl", 200, &mut session);
        let held: Vec<String> = session
            .runs
            .literal
            .iter()
            .map(|&id| i.text(id as usize).to_string())
            .collect();
        assert!(held.iter().any(|t| t.contains("推进CSGL")), "{held:?}");
        assert!(held.iter().all(|t| !t.contains("lgsc")), "{held:?}");
        // The hits are placed from the texts folded while scoring: the chars
        // of the letters as typed, in either width.
        for (q, typed) in [("csgl", "CSGL"), ("jhyh", "ＪＨＹＨ"), ("j", "ＪＨＹＨ")] {
            let hit = i
                .search(q, 200)
                .into_iter()
                .find(|h| i.text(h.entry).contains(typed))
                .unwrap_or_else(|| panic!("{q} finds {typed}"));
            let text: Vec<char> = i.text(hit.entry).chars().collect();
            let picked: String = hit.indices.iter().map(|&k| text[k]).collect();
            assert!(typed.starts_with(&picked), "{q}: {picked} in {typed}");
            assert_eq!(picked.chars().count(), q.len(), "{q}");
        }
    }

    /// A text holding the letters only scattered, in English words, is read
    /// by the engine only when its best score may reach the list: ranked
    /// as when every entry is scored, at every limit, with the floor above
    /// and below those texts' bound.
    #[test]
    fn held_texts_below_the_list_are_not_read() {
        let mut text = String::from(
            "城市管理 the city stands guard lightly 要点\n\n市城市管理局局长 李明\n\n",
        );
        for k in 0..12 {
            let _ = std::fmt::Write::write_fmt(
                &mut text,
                format_args!("第{k}项城市管理工作。第{k}项 cities seek good lanes 工作。"),
            );
        }
        text.push_str("推进CSGL平台建设。\n");
        let v = vec![Arc::new(parse_text("t.txt", &text))];
        let i = Index::build(&v);
        let queries = ["csgl", "csg", "cs", "c", "gl"];
        for limit in [1, 5, 12, 20, 30, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        let atoms = parse_query("csgl");
        let (atom, q) = initials_atom(&atoms).expect("initials");
        let letters: Vec<u8> = q.bytes.iter().map(|&b| b - b'a').collect();
        let bits = i.letter_bits(atom.latin);
        let held: Vec<u32> = (0..narrow(i.len()))
            .filter(|&id| holds_in_order(i.text(id as usize), &q.bytes))
            .collect();
        let texts = |scored: &Scored| -> Vec<String> {
            scored
                .iter()
                .map(|&(id, _)| i.text(id as usize).to_owned())
                .collect()
        };
        // Nothing found yet: every held text is read.
        let all = i.with_held(Vec::new(), &held, atom, (&bits, &letters), 3);
        assert_eq!(all.len(), held.len());
        // Three found far above: only the run of CSGL (which may outscore
        // them) is read; the English lines and the headline are not.
        let found: Scored = vec![(0, 200), (1, 200), (2, 200)];
        let read = texts(&i.with_held(found.clone(), &held, atom, (&bits, &letters), 3));
        assert_eq!(read.len(), 4, "{read:?}");
        assert!(read[3].contains("推进CSGL"), "{read:?}");
    }

    /// Scattered initials are found in blocks of entries and 64-char words:
    /// an index of many thousand texts of every length, where matches start
    /// and end on every side of those edges, gives what scoring every entry
    /// gives.
    #[test]
    fn the_initials_fast_path_is_exact_across_blocks_and_words() {
        const WORDS: [&str; 12] = [
            "净化", "盐湖", "城市", "管理", "经济", "环境", "建设", "工作", "加快", "推进", "项目",
            "规划",
        ];
        let mut state = 7_u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        let mut text = String::from("标题\n\n");
        for _ in 0..600 {
            for _ in 0..24 {
                // Sentences of 2 to 70 characters.
                for _ in 0..=next(35) {
                    text.push_str(WORDS[next(WORDS.len())]);
                }
                text.push('。');
            }
            text.push_str("\n\n");
        }
        let b = vec![Arc::new(parse_text("t.txt", &text))];
        let i = Index::build(&b);
        assert!(i.len() > 3 * 4096, "{} entries", i.len());
        let queries = [
            "jhyh", "csgl", "jhcs", "gzjk", "hjjs", "j", "g", "c", "cs", "csv",
        ];
        // 200: the runs fill the list; 5,000: the scattered matches are needed.
        for limit in [200, 5000] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        // Texts beginning with a run of cs (城市) are enough for 200 hits, not
        // for 5,000: both ways are taken above.
        let (c, s) = (b'c' - b'a', b's' - b'a');
        let bits = i.letter_bits(1 << c | 1 << s);
        let none = |_: u32| false;
        let (all, first) = i.runs_at_start(&bits, &[c, s], &none, 200, None);
        assert!(first.is_some());
        assert!(
            i.runs_at_start(&bits, &[c, s], &none, 5000, None)
                .1
                .is_none()
        );
        // Typed on, only the texts that began with the last run are looked at.
        let mut session = Session::default();
        for q in ["c", "cs", "csg"] {
            assert_eq!(i.search_in(q, 200, &mut session), i.search(q, 200));
            if q == "cs" {
                assert_eq!(session.runs.at_start, all);
            }
        }
        assert!(session.runs.at_start.len() < all.len());
        assert!(session.runs.at_start.iter().all(|id| all.contains(id)));
        // Too few texts begin with a run of csg for 5,000 hits: every run of
        // it is looked for, and csgl's runs are looked for only among the
        // texts holding those.
        let mut session = Session::default();
        let mut leads = Vec::new();
        for q in ["c", "cs", "csg", "csgl"] {
            assert_eq!(i.search_in(q, 5000, &mut session), i.search(q, 5000));
            let anywhere = session.runs.anywhere.as_ref();
            let texts = anywhere.map_or(0, |bits| bits_set(bits).count());
            if q.len() > 1 {
                assert!(texts > 0, "{q}");
            }
            leads.push(session.runs.leads);
        }
        // The heading lines that held csg (a few) cannot fill 5,000 hits
        // with csgl's runs: csgl does not read them apart, and the count
        // stands for it too.
        assert!(leads[2].is_some_and(|n| n < 100), "{leads:?}");
        assert_eq!(leads[3], leads[2]);
    }

    #[test]
    fn the_run_filter_bounds_what_a_text_can_score() {
        let f = RunFilter::new("jhyh").expect("initials");
        let run = PinyinQuery::run_score(4, 0) + 12;
        assert_eq!(f.bound("导语。一是净化盐湖。"), run);
        // Across a page break and the page number the parser drops.
        assert_eq!(f.bound("一是净化\n第3页\n盐湖周边"), run);
        assert_eq!(f.bound("淨化 鹽湖"), run);
        assert_eq!(
            f.bound("淨，化鹽湖"),
            PinyinQuery::scattered_score(4, 1) + 12
        );
        // A line that ends a sentence is not joined to the next.
        assert_eq!(f.bound("一是净化。\n盐湖周边"), 0);
        // Scattered: the score of its fewest gaps (净 and 化盐湖, five apart).
        let scattered = PinyinQuery::scattered_score(4, 5) + 12;
        assert_eq!(f.bound("净水处理和绿化盐湖"), scattered);
        let one = parse_text("t.txt", "标题\n\n导语。净水处理和绿化盐湖。\n");
        let index = Index::build(&[Arc::new(one)]);
        assert_eq!(index.search("jhyh", 1)[0].score, scattered - 12);
        assert_eq!(f.bound("盐湖净化"), 0);
        // The letters themselves, in any width.
        assert_eq!(f.bound("ＪＨＹ"), u32::MAX);
        assert!(RunFilter::new("jinghua").is_none() && RunFilter::new("j").is_none());
    }

    #[test]
    fn a_run_of_initials_outranks_every_scattered_match() {
        for m in 2..12 {
            assert!(
                PinyinQuery::run_score(m, 1) > PinyinQuery::best_scattered(m) + Kind::Item.bonus()
            );
        }
    }

    #[test]
    fn sentences_split_at_sentence_punctuation() {
        let p = "导语。一是净化盐湖。他说：“好的。”然后走了";
        let s: Vec<&str> = sentences(p).into_iter().map(|r| &p[r]).collect();
        assert_eq!(
            s,
            ["导语。", "一是净化盐湖。", "他说：“好的。”", "然后走了"]
        );
    }
}
