//! Pinyin matching: an ASCII query against Han text, where each character can
//! be typed as its initial (`yc` 运城), its whole syllable (`yuncheng`), or the
//! start of it (`yunch`), in any of its readings (重庆: `cq` and `zq`).
//!
//! Queries of initials only (no two neighbouring letters begin any syllable, as
//! in `jhyh` or `csglj`) take a fast path over per-character bit masks; queries
//! that spell syllables are matched as one run of consecutive characters.

/// Readings of every CJK Unified Ideograph, and the traditional-to-simplified
/// fold of each: static data written by `build.rs`.
pub struct PinyinTable {
    /// Every syllable, one after another, and where each ends.
    syllables: &'static str,
    syllable_ends: &'static [u16],
    /// Distinct sets of readings: syllable numbers, each set ending at its
    /// entry of `set_ends`.
    members: &'static [u16],
    set_ends: &'static [u16],
    /// Initial letters of each set, as a mask (bit 0 = a).
    set_initials: &'static [u32],
    /// Every letter in each set's readings.
    set_letters: &'static [u32],
    /// Set id + 1 for U+4E00..=U+9FFF (0: no reading).
    basic: &'static [u16],
    /// The simplified form of each char of the block.
    simplified: &'static [char],
    /// `bigram[a * 26 + b]`: some syllable starts with the letters a, b.
    bigram: &'static [bool],
}

/// The table's data, as `build.rs` writes it (masks in hex, as bits).
#[allow(clippy::unreadable_literal)]
mod data {
    include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));
}

static TABLE: PinyinTable = PinyinTable {
    syllables: data::SYLLABLES,
    syllable_ends: &data::SYLLABLE_ENDS,
    members: &data::MEMBERS,
    set_ends: &data::SET_ENDS,
    set_initials: &data::SET_INITIALS,
    set_letters: &data::SET_LETTERS,
    basic: &data::BASIC_SETS,
    simplified: &data::SIMPLIFIED,
    bigram: &data::BIGRAM,
};

const BASIC: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;
/// Codes below this are ASCII literals; from it on, reading sets.
const SET_BASE: u16 = 128;

/// The bit of a lower-case ASCII letter.
pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// The lower-case ASCII letters among the bytes, as a mask.
pub fn letter_mask(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |m, &b| m | letter_bit(b))
}

impl PinyinTable {
    /// The table, built on first use and shared.
    pub fn shared() -> &'static PinyinTable {
        &TABLE
    }

    /// The simplified form of a char (itself outside the basic block).
    pub fn simplify(&self, c: char) -> char {
        let cp = c as u32;
        if BASIC.contains(&cp) {
            self.simplified[(cp - BASIC.start()) as usize]
        } else {
            c
        }
    }

    /// The forms of the basic block that fold to `c`, `c` first.
    pub fn variants(&self, c: char) -> Vec<char> {
        let mut out = vec![c];
        for (cp, &s) in BASIC.zip(self.simplified) {
            if s == c
                && let Some(v) = char::from_u32(cp)
                && v != c
            {
                out.push(v);
            }
        }
        out
    }

    /// The letters a folded char can be typed starting with: a letter
    /// itself, the initials of every reading of a Han character (a
    /// traditional one has its simplified form's).
    pub fn initials(&self, c: char) -> u32 {
        if c.is_ascii_alphanumeric() {
            letter_bit(c.to_ascii_lowercase() as u8)
        } else {
            self.set_id(c)
                .map_or(0, |id| self.set_initials[usize::from(id)])
        }
    }

    fn set_id(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        if !BASIC.contains(&cp) {
            return None;
        }
        self.basic[(cp - BASIC.start()) as usize].checked_sub(1)
    }

    /// Does the query spell more than initials (two neighbouring letters that
    /// begin a syllable, as in `yun` or `ch`)?
    pub fn spells_syllables(&self, q: &[u8]) -> bool {
        q.windows(2).any(|w| {
            w[0].is_ascii_lowercase()
                && w[1].is_ascii_lowercase()
                && self.bigram[usize::from(w[0] - b'a') * 26 + usize::from(w[1] - b'a')]
        })
    }

    /// The readings of a set's code (none for an ASCII code).
    fn syllables(&self, code: u16) -> impl Iterator<Item = &'static str> {
        let (text, ends) = (self.syllables, self.syllable_ends);
        let members = code
            .checked_sub(SET_BASE)
            .filter(|&i| usize::from(i) < self.set_ends.len())
            .map_or(&[][..], |i| {
                &self.members[cut(self.set_ends, usize::from(i))]
            });
        members
            .iter()
            .map(move |&m| &text[cut(ends, usize::from(m))])
    }
}

/// The `i`-th of the pieces that end at `ends`.
fn cut(ends: &[u16], i: usize) -> std::ops::Range<usize> {
    let start = i.checked_sub(1).map_or(0, |p| usize::from(ends[p]));
    start..usize::from(ends[i])
}

/// What the matcher knows of one folded text: per char a code and a mask,
/// borrowed from the index's arenas, and a summary of the whole.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spelling<'a> {
    /// Per char: 0 nothing, below 128 an ASCII letter or digit, else a set.
    pub codes: &'a [u16],
    /// Per char: the letters it can be typed with first.
    pub masks: &'a [u32],
    pub summary: Summary,
}

/// The per-text facts the matcher checks before reading any char.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Union of the chars' masks.
    pub initials: u32,
    /// Every letter of every reading.
    pub letters: u32,
    /// Bloom of neighbouring initials (a, b), for contiguous runs.
    pub pairs: u64,
    /// The mask of the first char.
    pub first: u32,
}

/// Calls `each(x * 26 + y)` for each letter x of mask `first` and y of mask
/// `second`. Most characters have one initial: only the set bits are walked.
fn each_combination(first: u32, second: u32, mut each: impl FnMut(usize)) {
    let mut xs = first;
    while xs != 0 {
        let x = xs.trailing_zeros() as usize;
        xs &= xs - 1;
        let mut ys = second;
        while ys != 0 {
            let y = ys.trailing_zeros() as usize;
            ys &= ys - 1;
            each(x * 26 + y);
        }
    }
}

fn pair_bit(a: u32, b: u32) -> u64 {
    let mut bits = 0;
    each_combination(a, b, |p| bits |= 1u64 << (p % 64));
    bits
}

impl PinyinTable {
    /// Appends the code and mask of each char of a folded text.
    pub fn spell_into(&self, folded: &str, codes: &mut Vec<u16>, masks: &mut Vec<u32>) -> Summary {
        let mut sum = Summary::default();
        let mut prev = 0u32;
        for (i, c) in folded.chars().enumerate() {
            let (code, mask, lets) = if c.is_ascii_alphanumeric() {
                let b = c.to_ascii_lowercase() as u8;
                (u16::from(b), letter_bit(b), letter_bit(b))
            } else if let Some(id) = self.set_id(c) {
                let i = usize::from(id);
                (SET_BASE + id, self.set_initials[i], self.set_letters[i])
            } else {
                (0, 0, 0)
            };
            codes.push(code);
            masks.push(mask);
            if i == 0 {
                sum.first = mask;
            }
            sum.initials |= mask;
            sum.letters |= lets;
            if prev != 0 && mask != 0 {
                sum.pairs |= pair_bit(prev, mask);
            }
            prev = mask;
        }
        sum
    }

    /// The initials and the letters a char can be typed with, folding it on
    /// the way (the table gives a traditional character its simplified
    /// readings; width is folded for Latin letters).
    pub fn raw_masks(&self, c: char) -> (u32, u32) {
        if c.is_ascii() || ('\u{ff01}'..='\u{ff5e}').contains(&c) {
            let c = crate::briefing::chars::fold_width(c).to_ascii_lowercase();
            let bit = if c.is_ascii_alphabetic() {
                letter_bit(c as u8)
            } else {
                0
            };
            (bit, bit)
        } else if let Some(id) = self.set_id(c) {
            let i = usize::from(id);
            (self.set_initials[i], self.set_letters[i])
        } else {
            (0, 0)
        }
    }

    /// The Latin letters a text holds (as [`PinyinTable::summarize`] gives
    /// them) and its length in chars, without looking up any Han char.
    pub fn latin(&self, raw: &str) -> (u32, usize) {
        let (mut latin, mut n) = (0u32, 0usize);
        for c in raw.chars() {
            n += 1;
            if c.is_ascii() || ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                latin |= self.raw_masks(c).0;
            }
        }
        (latin, n)
    }

    /// What [`PinyinTable::spell_into`] gives of a text folded, read from the
    /// text as it is: its summary, its Latin letters and its length in chars.
    pub fn summarize(&self, raw: &str) -> (Summary, u32, usize) {
        let mut sum = Summary::default();
        let (mut prev, mut latin, mut n) = (0u32, 0u32, 0usize);
        for c in raw.chars() {
            let (mask, lets) = self.raw_masks(c);
            if n == 0 {
                sum.first = mask;
            }
            n += 1;
            if c.is_ascii() || ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                latin |= mask;
            }
            sum.initials |= mask;
            sum.letters |= lets;
            if prev != 0 && mask != 0 {
                sum.pairs |= pair_bit(prev, mask);
            }
            prev = mask;
        }
        (sum, latin, n)
    }

    /// Codes, masks and summary of one text, owned (for tests and one-offs).
    pub fn spell(&self, folded: &str) -> (Vec<u16>, Vec<u32>, Summary) {
        let (mut codes, mut masks) = (Vec::new(), Vec::new());
        let sum = self.spell_into(folded, &mut codes, &mut masks);
        (codes, masks, sum)
    }

    /// Calls `f(a, b)` for each pair of letters a text's neighbouring chars
    /// can begin with (every reading of each), as `a * 26 + b`.
    pub fn each_pair(masks: &[u32], mut f: impl FnMut(usize)) {
        for w in masks.windows(2) {
            each_combination(w[0], w[1], &mut f);
        }
    }
}

/// A pinyin query, prepared once.
#[derive(Debug, Clone)]
pub struct Query {
    pub bytes: Vec<u8>,
    /// Letters that must each be some char's initial (initials-only queries).
    need_initials: u32,
    /// Letters that must appear somewhere.
    need_letters: u32,
    /// Neighbouring pairs a contiguous run of initials needs.
    need_pairs: u64,
    syllables: bool,
}

impl Query {
    /// Could a text with this summary match? (No char is read.)
    pub fn may_match(&self, s: &Summary) -> bool {
        s.initials & self.need_initials == self.need_initials
            && s.letters & self.need_letters == self.need_letters
    }

    /// Is this a query of initials only (`jhyh`), not of syllables?
    pub fn initials_only(&self) -> bool {
        !self.syllables
    }

    /// The score of a run of `m` initials from char `at`: what the matcher
    /// gives a contiguous match.
    pub fn run_score(m: usize, at: usize) -> u32 {
        let mm = u32::try_from(m).unwrap_or(u32::MAX);
        let at_start = if at == 0 { AT_START } else { 0 };
        PER_CHAR * mm + CONSECUTIVE * (mm - 1) + at_start
    }

    /// The score of `m` initials matched in order with `gaps` other chars
    /// between them (what [`match_pinyin`] gives a scattered match).
    pub fn scattered_score(m: usize, gaps: usize) -> u32 {
        let mm = u32::try_from(m).unwrap_or(u32::MAX);
        let gaps = u32::try_from(gaps).unwrap_or(u32::MAX);
        (PER_CHAR * mm).saturating_sub(gaps.min(8 * mm)).max(1)
    }

    /// The highest score a scattered (not contiguous) match of `m` initials
    /// can have.
    pub fn best_scattered(m: usize) -> u32 {
        PER_CHAR * u32::try_from(m).unwrap_or(u32::MAX) - 1
    }

    pub fn new(bytes: &[u8], table: &PinyinTable) -> Query {
        let syllables = table.spells_syllables(bytes);
        let letters = letter_mask(bytes);
        let mut need_pairs = 0;
        for w in bytes.windows(2) {
            need_pairs |= pair_bit(letter_bit(w[0]), letter_bit(w[1]));
        }
        Query {
            bytes: bytes.to_vec(),
            need_initials: if syllables {
                letter_bit(bytes[0])
            } else {
                letters
            },
            need_letters: letters,
            need_pairs,
            syllables,
        }
    }
}

const PER_CHAR: u32 = 16;
/// Per neighbouring pair in a run: enough that a run of two outranks any
/// scattered match, even one in a department or item line (whose kind bonus is
/// at most 12): 16·2 + 12 > 16·2 − 1 + 12.
const CONSECUTIVE: u32 = 12;
const AT_START: u32 = 16;
const WHOLE_SYLLABLE: u32 = 4;

/// Matches a pinyin query against a text. The score prefers runs of consecutive
/// characters, a match at the start, and whole syllables. With `want` false the
/// indices are left empty.
pub fn match_pinyin(
    query: &Query,
    spelling: &Spelling,
    table: &PinyinTable,
    want: bool,
) -> Option<(u32, Vec<usize>)> {
    let qb = &query.bytes;
    if qb.is_empty() || !query.may_match(&spelling.summary) {
        return None;
    }
    if query.syllables {
        return contiguous_syllables(qb, spelling, table);
    }
    let n = spelling.masks.len();
    let m = qb.len();
    let bits: Vec<u32> = qb.iter().map(|&b| letter_bit(b)).collect();
    let run = |i: usize| {
        (0..m).all(|k| {
            spelling.masks[i + k] & bits[k] != 0 || u16::from(qb[k]) == spelling.codes[i + k]
        })
    };
    // Contiguous run of initials; the start of the text first.
    if m <= n
        && (m == 1 || spelling.summary.pairs & query.need_pairs == query.need_pairs)
        && let Some(i) = (0..=n - m).find(|&i| run(i))
    {
        let idx = if want {
            (i..i + m).collect()
        } else {
            Vec::new()
        };
        return Some((Query::run_score(m, i), idx));
    }
    // Scattered: the initials in order.
    let mut idx = Vec::with_capacity(if want { m } else { 0 });
    let mut k = 0;
    let mut first = None;
    for (i, &mask) in spelling.masks.iter().enumerate() {
        if mask & bits[k] != 0 || u16::from(qb[k]) == spelling.codes[i] {
            first.get_or_insert(i);
            if want {
                idx.push(i);
            }
            k += 1;
            if k == m {
                let mm = u32::try_from(m).unwrap_or(u32::MAX);
                let gaps = u32::try_from(i - first.unwrap_or(0) + 1 - m).unwrap_or(u32::MAX);
                return Some(((PER_CHAR * mm).saturating_sub(gaps.min(8 * mm)).max(1), idx));
            }
        }
    }
    None
}

/// For each letter, a bit per char of every text of the index, end to end:
/// set where the char can be typed starting with that letter (any reading).
/// A scattered match is then found a word of 64 chars at a time. The index
/// builds a letter's bitmap when a query first needs it; the others are empty,
/// as is one that no char begins with.
#[derive(Debug, Default, Clone)]
pub struct LetterBits {
    bits: Vec<std::sync::Arc<Vec<u64>>>,
}

impl LetterBits {
    /// One bitmap per letter, a to z.
    pub fn new(bits: Vec<std::sync::Arc<Vec<u64>>>) -> LetterBits {
        LetterBits { bits }
    }

    /// Calls `f` with the first char of every run of the letters (consecutive
    /// chars, the k-th typed with letter k), ascending: a word of 64 start
    /// positions at a time, the and of each letter's bitmap shifted by its
    /// place in the run. Only runs that start in the words `words` are
    /// looked for.
    pub fn each_run(
        &self,
        letters: &[u8],
        words: std::ops::Range<usize>,
        mut f: impl FnMut(usize),
    ) {
        let f = &mut f;
        match letters.len() {
            2 => return run_words::<2>(self.whole_lists(letters), words, f),
            3 => return run_words::<3>(self.whole_lists(letters), words, f),
            4 => return run_words::<4>(self.whole_lists(letters), words, f),
            5 => return run_words::<5>(self.whole_lists(letters), words, f),
            6 => return run_words::<6>(self.whole_lists(letters), words, f),
            7 => return run_words::<7>(self.whole_lists(letters), words, f),
            8 => return run_words::<8>(self.whole_lists(letters), words, f),
            _ => {}
        }
        let lists: Vec<&[u64]> = letters.iter().map(|&l| self.letter(l)).collect();
        let Some((&head, tail)) = lists.split_first() else {
            return;
        };
        let Some(head) = head.get(words.clone()) else {
            return;
        };
        for (w, &first) in (words.start..).zip(head) {
            let mut acc = first;
            for (k, list) in tail.iter().enumerate() {
                if acc == 0 {
                    break;
                }
                acc &= word_at(list, w * 64 + k + 1);
            }
            while acc != 0 {
                f(w * 64 + acc.trailing_zeros() as usize);
                acc &= acc - 1;
            }
        }
    }

    /// Calls `f` with the chars where the letters (0 = a) are first matched
    /// in order, greedily from the left as [`LetterBits::scattered`] does,
    /// in each text that has them, ascending: the first letter's char and
    /// the last letter's. Over the words `words`, 64 chars at a time. `ends`
    /// (for `words`) has a bit at the number after each text's chars (no
    /// char; a match does not cross it) and at the numbers of chars left
    /// out, and no match may run on past the last of `words`.
    ///
    /// Stage k keeps the chars after the first match of letter k in their
    /// text: with the ends as the only zeros of `p`, adding the first
    /// char's bit to `p` carries it to the text's end, and the xor leaves
    /// the chars in between. The carries go on from word to word. Stage 0
    /// so also gives each text's first char of the first letter.
    pub fn each_scattered(
        &self,
        letters: &[u8],
        words: std::ops::Range<usize>,
        ends: &[u64],
        mut f: impl FnMut(usize, usize),
    ) {
        if ends.len() != words.len() {
            return;
        }
        let base = words.start * 64;
        match letters.len() {
            2 => scattered_words::<2>(self.lists_of(letters, &words), ends, base, &mut f),
            3 => scattered_words::<3>(self.lists_of(letters, &words), ends, base, &mut f),
            4 => scattered_words::<4>(self.lists_of(letters, &words), ends, base, &mut f),
            5 => scattered_words::<5>(self.lists_of(letters, &words), ends, base, &mut f),
            6 => scattered_words::<6>(self.lists_of(letters, &words), ends, base, &mut f),
            7 => scattered_words::<7>(self.lists_of(letters, &words), ends, base, &mut f),
            8 => scattered_words::<8>(self.lists_of(letters, &words), ends, base, &mut f),
            _ => {
                let lists = self.lists(letters, &words);
                if lists.is_empty() {
                    return;
                }
                let mut carries = vec![0u8; lists.len()];
                let mut firsts = Firsts::default();
                for (w, &end) in ends.iter().enumerate() {
                    let p = !end;
                    let mut at = lists[0][w] & p;
                    for (k, carry) in carries.iter_mut().enumerate() {
                        let after = after_first(p, at, carry);
                        if k == 0 {
                            firsts.word = at & !after;
                        }
                        match lists.get(k + 1) {
                            Some(list) => at = list[w] & after,
                            None => firsts.pair(at & !after, base + w * 64, &mut f),
                        }
                    }
                }
            }
        }
    }

    /// The whole bitmaps of `M` letters (an empty one for a letter no char
    /// begins with).
    fn whole_lists<const M: usize>(&self, letters: &[u8]) -> [&[u64]; M] {
        let mut lists: [&[u64]; M] = [&[]; M];
        for (list, &l) in lists.iter_mut().zip(letters) {
            *list = self.letter(l);
        }
        lists
    }

    /// The bitmaps of `M` letters, cut to `words` (`None` if one is short):
    /// without allocating, for the many short runs of texts a query reads.
    fn lists_of<const M: usize>(
        &self,
        letters: &[u8],
        words: &std::ops::Range<usize>,
    ) -> Option<[&[u64]; M]> {
        let letters = <&[u8; M]>::try_from(letters).ok()?;
        let mut lists: [&[u64]; M] = [&[]; M];
        for (list, &l) in lists.iter_mut().zip(letters) {
            *list = self.bits.get(usize::from(l))?.get(words.clone())?;
        }
        Some(lists)
    }

    /// The bitmaps of the letters, cut to `words` (empty if one is short).
    fn lists(&self, letters: &[u8], words: &std::ops::Range<usize>) -> Vec<&[u64]> {
        let lists: Vec<&[u64]> = letters
            .iter()
            .filter_map(|&l| {
                self.bits
                    .get(usize::from(l))
                    .and_then(|b| b.get(words.clone()))
            })
            .collect();
        if lists.len() == letters.len() {
            lists
        } else {
            Vec::new()
        }
    }

    /// The first char in `from..end` that can begin with `letter` (0 = a).
    pub fn next(&self, letter: u8, from: usize, end: usize) -> Option<usize> {
        let bits = &self.bits[usize::from(letter)];
        let mut word = from / 64;
        let mut w = *bits.get(word)? & (u64::MAX << (from % 64));
        while w == 0 {
            word += 1;
            if word * 64 >= end {
                return None;
            }
            w = *bits.get(word)?;
        }
        let pos = word * 64 + w.trailing_zeros() as usize;
        (pos < end).then_some(pos)
    }

    /// The bitmap of `letter` (0 = a): a bit for each char that can begin
    /// with it (empty when no query built it, or when no char begins with
    /// it).
    pub fn letter(&self, letter: u8) -> &[u64] {
        self.bits
            .get(usize::from(letter))
            .map_or(&[], |b| b.as_slice())
    }

    /// Can the char at `pos` begin with `letter` (0 = a)?
    pub fn has(&self, letter: u8, pos: usize) -> bool {
        self.bits
            .get(usize::from(letter))
            .and_then(|b| b.get(pos / 64))
            .is_some_and(|w| w >> (pos % 64) & 1 != 0)
    }

    /// The first char in `chars` that begins a run of the letters (0 = a)
    /// within `chars`: a word of 64 starts at a time, as
    /// [`LetterBits::each_run`] reads them.
    pub fn first_run(&self, letters: &[u8], chars: std::ops::Range<usize>) -> Option<usize> {
        let (&head, tail) = letters.split_first()?;
        // The starts a run may have.
        let last = chars.end.checked_sub(letters.len())?;
        if last < chars.start {
            return None;
        }
        let head = self.letter(head);
        for w in chars.start / 64..=last / 64 {
            let mut acc = *head.get(w)?;
            if w == chars.start / 64 {
                acc &= u64::MAX << (chars.start % 64);
            }
            if w == last / 64 {
                acc &= u64::MAX >> (63 - last % 64);
            }
            for (k, &l) in tail.iter().enumerate() {
                if acc == 0 {
                    break;
                }
                acc &= word_at(self.letter(l), w * 64 + k + 1);
            }
            if acc != 0 {
                return Some(w * 64 + acc.trailing_zeros() as usize);
            }
        }
        None
    }

    /// The score of initials matched in order but not as one run (what
    /// [`match_pinyin`] gives when there is no run) in the text whose chars
    /// are `chars`: `letters` holds each query letter as a byte (0 = a).
    pub fn scattered(&self, chars: std::ops::Range<usize>, letters: &[u8]) -> Option<u32> {
        self.scattered_with(chars, letters, |_| {})
    }

    /// [`LetterBits::scattered`], calling `each` with the char of each
    /// letter as it is matched.
    pub fn scattered_with(
        &self,
        chars: std::ops::Range<usize>,
        letters: &[u8],
        mut each: impl FnMut(usize),
    ) -> Option<u32> {
        let (&head, tail) = letters.split_first()?;
        let first = self.next(head, chars.start, chars.end)?;
        each(first);
        let mut pos = first;
        for &letter in tail {
            pos = self.next(letter, pos + 1, chars.end)?;
            each(pos);
        }
        let m = letters.len();
        let mm = u32::try_from(m).unwrap_or(u32::MAX);
        let gaps = u32::try_from(pos - first + 1 - m).unwrap_or(u32::MAX);
        Some((PER_CHAR * mm).saturating_sub(gaps.min(8 * mm)).max(1))
    }
}

/// 64 bits of a bitmap from char `from` on (zeros past its end).
fn word_at(list: &[u64], from: usize) -> u64 {
    let (w, r) = (from / 64, from % 64);
    let lo = list.get(w).copied().unwrap_or(0);
    if r == 0 {
        lo
    } else {
        lo >> r | list.get(w + 1).copied().unwrap_or(0) << (64 - r)
    }
}

/// The chars of each text after its first char in `at` (a word of them):
/// `p` is set on every number but the texts' ends, `carry` comes from the
/// word before and goes on to the next.
#[inline]
fn after_first(p: u64, at: u64, carry: &mut u8) -> u64 {
    let sum = add_with_carry(p, at, carry);
    (sum ^ p ^ at) & p
}

/// `a + b + carry`, the carry out left in `carry`: one instruction on x86-64.
#[cfg(target_arch = "x86_64")]
#[inline]
fn add_with_carry(a: u64, b: u64, carry: &mut u8) -> u64 {
    let mut sum = 0;
    *carry = std::arch::x86_64::_addcarry_u64(*carry, a, b, &mut sum);
    sum
}

/// `a + b + carry`, the carry out left in `carry`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn add_with_carry(a: u64, b: u64, carry: &mut u8) -> u64 {
    let (sum, o1) = a.overflowing_add(b);
    let (sum, o2) = sum.overflowing_add(u64::from(*carry));
    *carry = u8::from(o1 | o2);
    sum
}

/// Each text's first char of the first letter, for pairing with the char
/// where the text's match ends, a word of 64 chars at a time.
#[derive(Default)]
struct Firsts {
    /// This word's: a bit at the first char of each text that has one here.
    word: u64,
    /// The last of those in the words before.
    before: usize,
}

impl Firsts {
    /// Calls `f` with the first char and the last of each match that ends
    /// in this word (`lasts`, its first char numbered `base`), then moves on
    /// to the next word. A match's first char is the nearest at or below its
    /// last: one in this word (no other text's first lies between), else the
    /// last one before it.
    #[expect(
        clippy::inline_always,
        reason = "called once a word of 64 chars; left to itself the compiler \
                  made it a call, with a prologue a word"
    )]
    #[inline(always)]
    fn pair(&mut self, lasts: u64, base: usize, f: &mut impl FnMut(usize, usize)) {
        let mut lasts = lasts;
        while lasts != 0 {
            let bit = lasts.trailing_zeros();
            let below = self.word & (u64::MAX >> (63 - bit));
            let first = if below == 0 {
                self.before
            } else {
                base + 63 - below.leading_zeros() as usize
            };
            f(first, base + bit as usize);
            lasts &= lasts - 1;
        }
        if self.word != 0 {
            self.before = base + 63 - self.word.leading_zeros() as usize;
        }
    }
}

/// [`LetterBits::each_run`] for `M` letters (`M` < 64), unrolled: letter
/// k's bits for the 64 starts of word `w` are its bits k chars on, the top
/// of word `w` and the bottom of the next.
fn run_words<const M: usize>(
    lists: [&[u64]; M],
    words: std::ops::Range<usize>,
    f: &mut impl FnMut(usize),
) {
    #[inline]
    fn report(w: usize, mut acc: u64, f: &mut impl FnMut(usize)) {
        while acc != 0 {
            f(w * 64 + acc.trailing_zeros() as usize);
            acc &= acc - 1;
        }
    }
    let len = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    let end = words.end.min(len);
    if words.start >= end {
        return;
    }
    // Each word but the bitmaps' last has a next one to read.
    let inner = end.min(len - 1);
    for w in words.start..inner {
        let mut acc = lists[0][w];
        for (k, list) in lists.iter().enumerate().skip(1) {
            if acc == 0 {
                break;
            }
            acc &= list[w] >> k | list[w + 1] << (64 - k);
        }
        report(w, acc, f);
    }
    for w in inner..end {
        let mut acc = lists[0][w];
        for (k, list) in lists.iter().enumerate().skip(1) {
            acc &= list[w] >> k;
        }
        report(w, acc, f);
    }
}

/// [`LetterBits::each_scattered`] for `M` letters, the stages unrolled.
fn scattered_words<const M: usize>(
    lists: Option<[&[u64]; M]>,
    ends: &[u64],
    base: usize,
    f: &mut impl FnMut(usize, usize),
) {
    let Some(lists) = lists else {
        return;
    };
    let n = ends.len();
    if lists.iter().any(|l| l.len() < n) {
        return;
    }
    // Cut to the same length, so that reading them needs no checks.
    let lists = lists.map(|l| &l[..n]);
    let mut carries = [0u8; M];
    let mut firsts = Firsts::default();
    for (w, &end) in ends.iter().enumerate() {
        let p = !end;
        let mut at = lists[0][w] & p;
        let mut after = after_first(p, at, &mut carries[0]);
        firsts.word = at & !after;
        for k in 1..M {
            at = lists[k][w] & after;
            after = after_first(p, at, &mut carries[k]);
        }
        firsts.pair(at & !after, base + w * 64, f);
    }
}

/// How much of `q` a char may take: its longest common prefix with each of its
/// readings, and its initial alone; longest first. Returns the count written.
fn takes(table: &PinyinTable, code: u16, q: &[u8], out: &mut [(usize, bool); 8]) -> usize {
    if q.is_empty() || code == 0 {
        return 0;
    }
    if code < SET_BASE {
        if u16::from(q[0]) == code {
            out[0] = (1, false);
            return 1;
        }
        return 0;
    }
    let mut n = 0;
    let mut add = |l: usize, whole: bool, n: &mut usize| {
        if *n < out.len() && !out[..*n].iter().any(|&(x, _)| x == l) {
            out[*n] = (l, whole);
            *n += 1;
        }
    };
    for s in table.syllables(code) {
        let common = s.bytes().zip(q.iter()).take_while(|(a, b)| a == *b).count();
        if common > 0 {
            add(common, common == s.len(), &mut n);
            add(1, false, &mut n);
        }
    }
    out[..n].sort_unstable_by_key(|&(l, _)| std::cmp::Reverse(l));
    n
}

fn contiguous_syllables(q: &[u8], s: &Spelling, table: &PinyinTable) -> Option<(u32, Vec<usize>)> {
    let first = letter_bit(q[0]);
    let mut path = Vec::with_capacity(q.len());
    for start in 0..s.codes.len() {
        if s.masks[start] & first == 0 && u16::from(q[0]) != s.codes[start] {
            continue;
        }
        path.clear();
        let mut whole = 0;
        if extend(table, s.codes, start, q, &mut path, &mut whole) {
            let m = u32::try_from(path.len()).unwrap_or(u32::MAX);
            let at_start = if start == 0 { AT_START } else { 0 };
            return Some((
                PER_CHAR * m + CONSECUTIVE * (m - 1) + at_start + WHOLE_SYLLABLE * whole,
                path,
            ));
        }
    }
    None
}

fn extend(
    table: &PinyinTable,
    codes: &[u16],
    j: usize,
    q: &[u8],
    path: &mut Vec<usize>,
    whole: &mut u32,
) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some(&code) = codes.get(j) else {
        return false;
    };
    let mut options = [(0, false); 8];
    let n = takes(table, code, q, &mut options);
    for &(l, full) in &options[..n] {
        path.push(j);
        if extend(table, codes, j + 1, &q[l..], path, whole) {
            *whole += u32::from(full);
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Runs found a word at a time are the first run found char by char.
        #[test]
        fn the_first_run_is_the_first_start_of_the_letters(
            text in proptest::collection::vec(0u8..3, 0..300),
            letters in proptest::collection::vec(0u8..3, 1..6),
            a in 0usize..300,
            len in 0usize..300,
        ) {
            let words = text.len().div_ceil(64) + 1;
            let bits: Vec<std::sync::Arc<Vec<u64>>> = (0..3u8)
                .map(|l| {
                    let mut w = vec![0u64; words];
                    for (i, _) in text.iter().enumerate().filter(|&(_, &c)| c == l) {
                        w[i / 64] |= 1 << (i % 64);
                    }
                    std::sync::Arc::new(w)
                })
                .collect();
            let bits = LetterBits::new(bits);
            let chars = a.min(text.len())..(a + len).min(text.len());
            let naive = chars.clone().find(|&p| {
                p + letters.len() <= chars.end
                    && letters.iter().enumerate().all(|(k, &l)| text[p + k] == l)
            });
            proptest::prop_assert_eq!(bits.first_run(&letters, chars), naive);
        }
    }

    fn m(q: &str, text: &str) -> Option<(u32, Vec<usize>)> {
        let t = PinyinTable::shared();
        let (codes, masks, summary) = t.spell(text);
        let spelling = Spelling {
            codes: &codes,
            masks: &masks,
            summary,
        };
        match_pinyin(&Query::new(q.as_bytes(), t), &spelling, t, true)
    }

    #[test]
    fn initials_syllables_partial_and_mixed() {
        for q in [
            "yc",
            "yuncheng",
            "yunch",
            "yunc",
            "ycheng",
            "yuncs",
            "yunchengshi",
        ] {
            assert!(m(q, "运城市").is_some(), "{q}");
        }
        assert_eq!(
            m("csglj", "市城市管理局").map(|r| r.1),
            Some(vec![1, 2, 3, 4, 5])
        );
        assert!(m("cq", "重庆").is_some() && m("zq", "重庆").is_some());
        assert!(m("lvse", "绿色").is_some() && m("luse", "绿色").is_some());
        assert!(m("aa", "AA+信用").is_some());
        assert!(m("xyz", "运城市").is_none());
    }

    #[test]
    fn contiguous_and_prefix_runs_score_higher() {
        let (contig, _) = m("jh", "净化盐湖").expect("match");
        let (scattered, _) = m("jh", "净水处理和绿化").expect("match");
        assert!(contig > scattered, "{contig} vs {scattered}");
        let (start, _) = m("yh", "盐湖治理").expect("match");
        let (middle, _) = m("yh", "治理盐湖").expect("match");
        assert!(start > middle);
    }

    #[test]
    fn a_summary_read_from_the_raw_text_is_the_folded_texts() {
        let t = PinyinTable::shared();
        for raw in ["運城市ＡＢ水务局 GDP１２", "", "重庆：lvse，綠色", "𠀀a"] {
            let folded = crate::search::fold(raw);
            let (codes, _, summary) = t.spell(&folded);
            let latin = letter_mask(folded.as_bytes());
            assert_eq!(t.summarize(raw), (summary, latin, codes.len()), "{raw}");
            assert_eq!(t.latin(raw), (latin, codes.len()), "{raw}");
        }
    }

    #[test]
    fn syllables_need_backtracking() {
        // x-i-a-n: 西 takes "xi", 安 takes "an"; 先 alone would take "xian".
        assert_eq!(m("xian", "西安").map(|r| r.1), Some(vec![0, 1]));
        assert!(m("xian", "先进").is_some());
    }

    #[test]
    fn adding_with_carry_carries_in_and_out() {
        for (a, b, c, sum, out) in [
            (1, 2, 0, 3, 0),
            (1, 2, 1, 4, 0),
            (u64::MAX, 1, 0, 0, 1),
            (u64::MAX, 0, 1, 0, 1),
            (u64::MAX, u64::MAX, 1, u64::MAX, 1),
        ] {
            let mut carry = c;
            assert_eq!(add_with_carry(a, b, &mut carry), sum);
            assert_eq!(carry, out);
        }
    }

    #[test]
    fn which_queries_spell_syllables() {
        let t = PinyinTable::shared();
        for q in ["jhyh", "csglj", "yc", "cq"] {
            assert!(!t.spells_syllables(q.as_bytes()), "{q}");
        }
        for q in ["yuncheng", "yunchs", "xian", "zh"] {
            assert!(t.spells_syllables(q.as_bytes()), "{q}");
        }
        assert_eq!(t.simplify('運'), '运');
        assert_eq!(t.simplify('城'), '城');
    }
}
