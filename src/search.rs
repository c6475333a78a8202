//! Fuzzy search over everything open: departments and persons, headlines, item
//! titles and every sentence, by Han characters or by pinyin.
//!
//! The index is built once per load: each text is folded (full-width to
//! half-width, Latin to lower case, traditional to simplified, one char for one
//! char, so match positions map straight back) and each Han character gets its
//! readings (every reading of a polyphonic one). A query is split into fzf-style
//! atoms; Han atoms go to the fuzzy engine (behind the [`engine`] seam), ASCII
//! atoms to the pinyin matcher and to the engine for Latin text. Typing that
//! extends the last query searches only the last query's matches.
//!
//! What a keystroke reads is kept small: Han queries look only at the entries
//! holding their characters (postings, built on first use); a query of pinyin
//! initials is answered from a dense summary per entry, posting lists of
//! neighbouring initials and a bitmap per letter (see `Index::initials_only`),
//! and never from the entries' texts.

pub mod engine;
pub mod pinyin;

use std::ops::Range;

use rayon::prelude::*;

use crate::briefing::chars::{fold_width, is_han};
use crate::briefing::{Briefing, Section};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    fn bonus(self) -> u32 {
        match self {
            Kind::Department | Kind::Item => 12,
            Kind::Headline => 8,
            Kind::Sentence => 0,
        }
    }
}

/// One searchable text.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub briefing: usize,
    pub section: usize,
    pub item: Option<usize>,
    pub paragraph: Option<usize>,
    /// Byte range in the paragraph (sentences and items).
    pub range: Option<Range<usize>>,
    pub text: String,
}

/// What the search knows of an entry without reading its text: kept in one
/// dense array, so that a pass over every entry stays in cache.
#[derive(Debug, Clone, Copy, Default)]
struct Dense {
    /// Its pinyin at a glance (initials, letters, neighbouring pairs, first).
    summary: Summary,
    /// The Latin letters the text holds (bit 0 = a), for literal ASCII matches.
    latin: u32,
    /// Byte length of the text: of equal scores, the shorter text ranks first.
    len: u32,
    /// The kind's bonus.
    bonus: u32,
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
    out.extend(s.chars().map(|c| {
        let c = fold_width(c);
        if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            table.simplify(c)
        }
    }));
}

/// Splits a paragraph into sentences at 。！？；… (kept with their sentence).
pub fn sentences(paragraph: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
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
                out.push(start..end);
            }
            start = end;
        }
    }
    if paragraph[start..].trim().chars().count() > 1 {
        out.push(start..paragraph.len());
    }
    out
}

/// The search index over a set of briefings.
pub struct Index {
    pub entries: Vec<Entry>,
    table: &'static PinyinTable,
    /// All folded texts end to end, each followed by a line feed, and where
    /// each starts (and one past the last): a char found in it maps back to
    /// its entry.
    arena: String,
    starts: Vec<usize>,
    /// Entries that contain a char, computed on first use.
    postings: Mutex<HashMap<char, Arc<Vec<u32>>>>,
    /// Per char of every entry, end to end: its pinyin code and initials
    /// mask; `spans[i]..spans[i + 1]` are entry i's.
    codes: Vec<u16>,
    masks: Vec<u32>,
    /// The same as a bitmap per letter, for scans.
    letters: LetterBits,
    spans: Vec<usize>,
    dense: Vec<Dense>,
    /// `pairs[a * 26 + b]`: the entries where a char that can begin with a is
    /// followed by one that can begin with b, ascending. A run of initials
    /// `jhyh` can only be in the entries of all its pairs.
    pairs: Vec<Vec<u32>>,
    /// The entries that hold Latin letters.
    latin_ids: Vec<u32>,
    /// The fuzzy matcher for Han and Latin text (the `[search] engine` setting).
    engine: EngineKind,
}

/// Entries are built in chunks of this many, one chunk a task.
const CHUNK: usize = 4096;

/// One chunk of the index, built on its own.
#[derive(Default)]
struct Part {
    entries: Vec<Entry>,
    dense: Vec<Dense>,
    codes: Vec<u16>,
    masks: Vec<u32>,
    /// Where each entry's chars start in `codes`.
    starts: Vec<usize>,
    /// The folded texts, each followed by a line feed, and where each starts.
    arena: String,
    text_starts: Vec<usize>,
    pairs: Vec<Vec<u32>>,
}

impl Part {
    fn build(base: usize, raws: Vec<Raw>, table: &PinyinTable) -> Part {
        let mut part = Part {
            pairs: vec![Vec::new(); 26 * 26],
            ..Part::default()
        };
        for (k, r) in raws.into_iter().enumerate() {
            let id = u32::try_from(base + k).unwrap_or(u32::MAX);
            let from = part.arena.len();
            part.text_starts.push(from);
            fold_into(&r.text, &mut part.arena);
            let folded = &part.arena[from..];
            let at = part.codes.len();
            part.starts.push(at);
            let summary = table.spell_into(folded, &mut part.codes, &mut part.masks);
            let latin = letter_mask(folded.as_bytes());
            part.arena.push('\n');
            let pairs = &mut part.pairs;
            PinyinTable::each_pair(&part.masks[at..], |p| {
                if pairs[p].last() != Some(&id) {
                    pairs[p].push(id);
                }
            });
            part.dense.push(Dense {
                summary,
                latin,
                len: u32::try_from(r.text.len()).unwrap_or(u32::MAX),
                bonus: r.kind.bonus(),
            });
            part.entries.push(Entry {
                kind: r.kind,
                briefing: r.briefing,
                section: r.section,
                item: r.item,
                paragraph: r.paragraph,
                range: r.range,
                text: r.text,
            });
        }
        part
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} entries)", self.entries.len())
    }
}

/// The last search, kept so that typing on only searches what still matches.
#[derive(Debug, Clone, Default)]
pub struct Session {
    query: String,
    matched: Vec<u32>,
}

struct Raw {
    kind: Kind,
    briefing: usize,
    section: usize,
    item: Option<usize>,
    paragraph: Option<usize>,
    range: Option<Range<usize>>,
    text: String,
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
        let hay = text.as_bytes();
        self.needs.iter().all(|forms| {
            forms
                .iter()
                .any(|f| memchr::memmem::find(hay, f.as_bytes()).is_some())
        })
    }
}

/// The searchable texts of every section that `keep` admits, in document
/// order; sections are read on every core.
fn raws(briefings: &[Briefing], keep: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Raw> {
    let sections: Vec<(usize, usize, &Section)> = briefings
        .iter()
        .enumerate()
        .flat_map(|(b, br)| {
            br.sections
                .iter()
                .enumerate()
                .map(move |(s, sec)| (b, s, sec))
        })
        .collect();
    let per_section: Vec<Vec<Raw>> = sections
        .par_iter()
        .with_min_len(8)
        .map(|&(b, s, sec)| section_raws(b, s, sec, keep))
        .collect();
    per_section.into_iter().flatten().collect()
}

fn section_raws(
    b: usize,
    s: usize,
    sec: &Section,
    keep: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Raw> {
    let mut raws = Vec::new();
    let raw = |kind, text: String| Raw {
        kind,
        briefing: b,
        section: s,
        item: None,
        paragraph: None,
        range: None,
        text,
    };
    if sec.department.is_some() || sec.person.is_some() {
        let full = [&sec.department, &sec.position, &sec.person]
            .iter()
            .filter_map(|v| v.as_deref())
            .collect::<Vec<_>>()
            .join(" ");
        if keep(&full) {
            raws.push(raw(Kind::Department, full));
        }
    }
    if let Some(h) = sec.headline.as_ref().filter(|h| keep(h)) {
        raws.push(raw(Kind::Headline, h.clone()));
    }
    for (i, item) in sec.items.iter().enumerate() {
        if !keep(&item.title) {
            continue;
        }
        raws.push(Raw {
            item: Some(i),
            paragraph: Some(item.paragraph),
            range: Some(item.span.clone()),
            ..raw(Kind::Item, item.title.clone())
        });
    }
    for (p, para) in sec.paragraphs.iter().enumerate() {
        if !keep(para) {
            continue;
        }
        for r in sentences(para) {
            let text = para[r.clone()].trim().to_owned();
            raws.push(Raw {
                paragraph: Some(p),
                range: Some(r),
                ..raw(Kind::Sentence, text)
            });
        }
    }
    raws
}

impl Index {
    /// Builds the index, folding and spelling the texts in parallel.
    /// Uses `engine` for fuzzy matching from now on.
    #[must_use]
    pub fn with_engine(mut self, engine: EngineKind) -> Index {
        self.engine = engine;
        self
    }

    pub fn build(briefings: &[Briefing]) -> Index {
        Index::build_from(raws(briefings, &|_| true))
    }

    /// Builds an index for one query only: texts that cannot match it are left
    /// out (see [`Prefilter`]). Entry numbers differ from a full index's.
    pub fn build_for(briefings: &[Briefing], query: &str) -> Index {
        match Prefilter::new(query) {
            Some(p) => Index::build_from(raws(briefings, &|t| p.admits(t))),
            None => Index::build(briefings),
        }
    }

    fn build_from(raws: Vec<Raw>) -> Index {
        let table = PinyinTable::shared();
        let parts: Vec<Part> = raws
            .into_par_iter()
            .chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| Part::build(k * CHUNK, chunk, table))
            .collect();
        let n: usize = parts.iter().map(|p| p.entries.len()).sum();
        let chars: usize = parts.iter().map(|p| p.codes.len()).sum();
        let mut index = Index {
            entries: Vec::with_capacity(n),
            table,
            arena: String::new(),
            starts: Vec::with_capacity(n),
            postings: Mutex::new(HashMap::new()),
            codes: Vec::with_capacity(chars),
            masks: Vec::with_capacity(chars),
            letters: LetterBits::default(),
            spans: Vec::with_capacity(n + 1),
            dense: Vec::with_capacity(n),
            pairs: vec![Vec::new(); 26 * 26],
            latin_ids: Vec::new(),
            engine: EngineKind::default(),
        };
        for part in parts {
            let base = index.codes.len();
            index.spans.extend(part.starts.iter().map(|s| s + base));
            let text_base = index.arena.len();
            index
                .starts
                .extend(part.text_starts.iter().map(|s| s + text_base));
            index.arena.push_str(&part.arena);
            index.codes.extend_from_slice(&part.codes);
            index.masks.extend_from_slice(&part.masks);
            index.dense.extend_from_slice(&part.dense);
            index.entries.extend(part.entries);
            for (all, mine) in index.pairs.iter_mut().zip(&part.pairs) {
                all.extend_from_slice(mine);
            }
        }
        index.spans.push(index.codes.len());
        index.letters = LetterBits::new(&index.masks);
        index.latin_ids = (0..n)
            .filter(|&i| index.dense[i].latin != 0)
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        index.starts.push(index.arena.len());
        index
    }

    /// Entry `id`'s text, folded.
    fn folded(&self, id: u32) -> &str {
        let i = id as usize;
        &self.arena[self.starts[i]..self.starts[i + 1] - 1]
    }

    /// How entry `id` can be typed in pinyin.
    fn spelling(&self, id: u32) -> Spelling<'_> {
        let i = id as usize;
        let chars = self.spans[i]..self.spans[i + 1];
        Spelling {
            codes: &self.codes[chars.clone()],
            masks: &self.masks[chars],
            summary: self.dense[i].summary,
        }
    }

    /// The entries whose folded text holds `c`, ascending.
    fn postings(&self, c: char) -> Arc<Vec<u32>> {
        if let Some(p) = self.postings.lock().ok().and_then(|m| m.get(&c).cloned()) {
            return p;
        }
        let mut buf = [0u8; 4];
        let needle = c.encode_utf8(&mut buf).as_bytes();
        let mut ids: Vec<u32> = Vec::new();
        let mut entry = 0;
        for at in memchr::memmem::find_iter(self.arena.as_bytes(), needle) {
            while entry + 1 < self.starts.len() && self.starts[entry + 1] <= at {
                entry += 1;
            }
            let id = u32::try_from(entry).unwrap_or(u32::MAX);
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
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
            return Vec::new();
        }
        // Extending a query only removes matches, unless it negates something.
        let narrowing = !session.query.is_empty()
            && query.starts_with(&session.query)
            && !query.contains('!')
            && !query.contains('$');
        let narrow = narrowing.then_some(session.matched.as_slice());
        let scored = if let Some((scored, complete)) = self.initials_only(&atoms, limit, narrow) {
            // A partial answer cannot narrow the next keystroke's search.
            if complete {
                query.clone_into(&mut session.query);
                session.matched = scored.iter().map(|&(id, _)| id).collect();
            } else {
                session.query.clear();
                session.matched.clear();
            }
            scored
        } else {
            let scored = self.score_all(&atoms, narrowing, session);
            query.clone_into(&mut session.query);
            session.matched = scored.iter().map(|&(id, _)| id).collect();
            scored
        };
        self.rank(scored, &atoms, limit)
    }

    /// The best `limit` of the scored matches, best first, with the matched
    /// char positions.
    fn rank(&self, mut scored: Vec<(u32, u32)>, atoms: &[Atom], limit: usize) -> Vec<Hit> {
        // Best first; equal scores: shorter text, then document order.
        let key =
            |&(id, score): &(u32, u32)| (std::cmp::Reverse(score), self.dense[id as usize].len, id);
        if scored.len() > limit {
            // Many matches (a letter matches most entries): keep only those
            // scoring at least the limit-th best score before ordering them.
            let floor = nth_best_score(&scored, limit);
            scored.retain(|&(_, score)| score >= floor);
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by_key(limit, key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(key);
        let mut engine = self.engine.make();
        scored
            .into_iter()
            .map(|(id, score)| {
                let mut indices = Vec::new();
                self.score_entry(id, atoms, engine.as_mut(), Some(&mut indices));
                indices.sort_unstable();
                indices.dedup();
                Hit {
                    entry: id as usize,
                    score,
                    indices,
                }
            })
            .collect()
    }

    /// Scores every candidate: the last query's matches when this one extends
    /// it, the entries holding the query's Han chars, or everything.
    fn score_all(&self, atoms: &[Atom], narrowing: bool, session: &mut Session) -> Vec<(u32, u32)> {
        let candidates: Vec<u32> = match (narrowing, self.han_candidates(atoms)) {
            (true, Some(h)) => session
                .matched
                .iter()
                .copied()
                .filter(|id| h.binary_search(id).is_ok())
                .collect(),
            (true, None) => std::mem::take(&mut session.matched),
            (false, Some(h)) => h,
            (false, None) => (0..u32::try_from(self.entries.len()).unwrap_or(u32::MAX)).collect(),
        };
        candidates
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let mut engine = self.engine.make();
                chunk
                    .iter()
                    .filter_map(|&id| {
                        self.score_entry(id, atoms, engine.as_mut(), None)
                            .map(|s| (id, s))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// A query of one term of pinyin initials (`jhyh`, `csglj`), answered from
    /// the dense summaries and the pair postings without reading most entries.
    /// Returns the scored matches and whether they are all of them (when runs
    /// fill `limit`, scattered matches are not looked for); `None` for another
    /// kind of query.
    ///
    /// Exact because any contiguous run outscores any scattered match, kind
    /// bonus included (see `pinyin::CONSECUTIVE`), and an entry holds a run
    /// only if it is in the postings of every neighbouring pair of the query.
    fn initials_only(
        &self,
        atoms: &[Atom],
        limit: usize,
        narrow: Option<&[u32]>,
    ) -> Option<(Vec<(u32, u32)>, bool)> {
        let [atom] = atoms else { return None };
        let q = atom.pinyin.as_ref()?;
        if atom.negated
            || atom.mode != Mode::Fuzzy
            || !q.initials_only()
            || !q.bytes.iter().all(u8::is_ascii_lowercase)
        {
            return None;
        }
        let mut engine = self.engine.make();
        // Text with the query's Latin letters may match them literally: those
        // few entries are scored in full.
        let literal = |id: u32| self.dense[id as usize].latin & atom.latin == atom.latin;
        let mut scored: Vec<(u32, u32)> = self
            .latin_ids
            .iter()
            .filter(|&&id| literal(id))
            .filter_map(|&id| {
                self.score_entry(id, atoms, engine.as_mut(), None)
                    .map(|s| (id, s))
            })
            .collect();
        let m = q.bytes.len();
        if m == 1 {
            // One letter: every entry with a char of that initial, at the
            // start or not; nothing but the summaries is read.
            let bit = letter_bit(q.bytes[0]);
            let ids = 0..u32::try_from(self.dense.len()).unwrap_or(u32::MAX);
            scored.extend(ids.filter_map(|id| {
                let d = &self.dense[id as usize];
                (d.summary.initials & bit != 0 && !literal(id)).then(|| {
                    let at = usize::from(d.summary.first & bit == 0);
                    (id, PinyinQuery::run_score(1, at) + d.bonus)
                })
            }));
            return Some((scored, true));
        }
        // Entries in the postings of every pair of the query hold every pair;
        // for two letters that is a run, for more it is checked.
        let mut lists: Vec<&[u32]> = q
            .bytes
            .windows(2)
            .map(|w| {
                self.pairs[usize::from(w[0] - b'a') * 26 + usize::from(w[1] - b'a')].as_slice()
            })
            .collect();
        lists.sort_by_key(|l| l.len());
        let mut candidates = lists[0].to_vec();
        for l in &lists[1..] {
            candidates = intersect(&candidates, l);
        }
        let letters: Vec<u8> = q.bytes.iter().map(|&b| b - b'a').collect();
        let chars = |id: u32| self.spans[id as usize]..self.spans[id as usize + 1];
        let floor = PinyinQuery::best_scattered(m) + Kind::Department.bonus();
        let mut runs = 0;
        for &id in &candidates {
            if literal(id) {
                continue;
            }
            let span = chars(id);
            if m == 2 {
                // The postings of the one pair are the entries with a run.
                let s = span.start;
                let at_start = self.letters.has(letters[0], s)
                    && span.len() > 1
                    && self.letters.has(letters[1], s + 1);
                let score = PinyinQuery::run_score(2, usize::from(!at_start));
                scored.push((id, score + self.dense[id as usize].bonus));
                runs += 1;
                continue;
            }
            let score = match self.letters.run(span.clone(), &letters) {
                Some(at) => Some(PinyinQuery::run_score(m, at - span.start)),
                None => self.letters.scattered(span, &letters),
            };
            if let Some(score) = score {
                let score = score + self.dense[id as usize].bonus;
                runs += usize::from(score > floor);
                scored.push((id, score));
            }
        }
        if runs >= limit {
            return Some((scored, false));
        }
        // Too few runs: the scattered matches count too. Every other entry
        // that has the letters is scanned, on every core.
        let mut checked = vec![0u64; self.dense.len().div_ceil(64)];
        for &id in &candidates {
            checked[id as usize / 64] |= 1 << (id % 64);
        }
        let scan = Scan {
            index: self,
            checked: &checked,
            query: q,
            letters: &letters,
            latin: atom.latin,
        };
        let rest: Vec<Vec<(u32, u32)>> = if let Some(ids) = narrow {
            ids.par_chunks(CHUNK)
                .map(|c| scan.run(c.iter().copied()))
                .collect()
        } else {
            let n = u32::try_from(self.dense.len()).unwrap_or(u32::MAX);
            let step = u32::try_from(CHUNK).unwrap_or(u32::MAX);
            let blocks: Vec<u32> = (0..n).step_by(CHUNK).collect();
            blocks
                .par_iter()
                .map(|&b| scan.run(b..n.min(b.saturating_add(step))))
                .collect()
        };
        scored.extend(rest.into_iter().flatten());
        Some((scored, true))
    }

    /// The score of an entry for all atoms (every positive atom must match, no
    /// negated one may), collecting matched char positions when asked.
    fn score_entry(
        &self,
        id: u32,
        atoms: &[Atom],
        engine: &mut dyn Engine,
        mut indices: Option<&mut Vec<usize>>,
    ) -> Option<u32> {
        let mut total = 0;
        for atom in atoms {
            let found = self.match_atom(id, atom, engine, indices.is_some());
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
        Some(total + self.dense[id as usize].bonus)
    }

    fn match_atom(
        &self,
        id: u32,
        atom: &Atom,
        engine: &mut dyn Engine,
        want: bool,
    ) -> Option<(u32, Vec<usize>)> {
        let dense = &self.dense[id as usize];
        match atom.mode {
            Mode::Fuzzy => {
                let pinyin = atom
                    .pinyin
                    .as_ref()
                    .and_then(|q| match_pinyin(q, &self.spelling(id), self.table, want));
                // A pinyin query meets Latin text only where it has all its letters.
                if atom.pinyin.is_some() && dense.latin & atom.latin != atom.latin {
                    return pinyin;
                }
                let folded = self.folded(id);
                let literal = if want {
                    engine.indices(&atom.text, folded)
                } else {
                    engine.score(&atom.text, folded).map(|s| (s, Vec::new()))
                };
                // The engines' bonuses are for ASCII word boundaries; in Chinese a
                // contiguous run, and one at the start, is what matters.
                let literal = literal.map(|(score, idx)| match folded.find(&atom.text) {
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
                let folded = self.folded(id);
                let at = match atom.mode {
                    Mode::Prefix => folded.starts_with(&atom.text).then_some(0),
                    Mode::Suffix => folded
                        .ends_with(&atom.text)
                        .then(|| folded.len() - atom.text.len()),
                    _ => folded.find(&atom.text),
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

/// The scan for scattered pinyin initials over entries not already scored.
struct Scan<'a> {
    index: &'a Index,
    /// Entries scored already (a bit each).
    checked: &'a [u64],
    query: &'a PinyinQuery,
    letters: &'a [u8],
    /// Entries with all these Latin letters were scored in full.
    latin: u32,
}

impl Scan<'_> {
    fn run(&self, ids: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for id in ids {
            let i = id as usize;
            let d = &self.index.dense[i];
            if self.checked[i / 64] & (1 << (i % 64)) != 0
                || d.latin & self.latin == self.latin
                || !self.query.may_match(&d.summary)
            {
                continue;
            }
            let chars = self.index.spans[i]..self.index.spans[i + 1];
            if let Some(s) = self.index.letters.scattered(chars, self.letters) {
                out.push((id, s + d.bonus));
            }
        }
        out
    }
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

/// The ids in both ascending lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
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
    use crate::briefing::parse_text;

    fn index() -> (Vec<Briefing>, Index) {
        let b = parse_text(
            "t.txt",
            "用好经验 奋力赶超\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局党组书记、局长 赵高堂\n\n导语。一是净化盐湖。依法依规做好盐湖周边环境治理工作。二是洒扫门庭。重点加强背街小巷整治。\n\n做好项目兴水 加强人才培养\n\n重庆市水务局局长 孙耀民\n\n一是深学市委全会精神。二是发挥企业AA+信用等级优势。\n",
        );
        let v = vec![b];
        let i = Index::build(&v);
        (v, i)
    }

    fn first(i: &Index, q: &str) -> (Kind, String) {
        let hits = i.search(q, 10);
        let h = hits.first().unwrap_or_else(|| panic!("no hit for {q}"));
        let e = &i.entries[h.entry];
        (e.kind, e.text.clone())
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

    #[test]
    fn operators() {
        let (_, i) = index();
        assert!(
            i.search("'盐湖周边", 10)
                .iter()
                .all(|h| i.entries[h.entry].text.contains("盐湖周边"))
        );
        assert_eq!(first(&i, "^净化").1, "净化盐湖");
        assert!(
            i.search("盐湖 !周边", 10)
                .iter()
                .all(|h| !i.entries[h.entry].text.contains("周边"))
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
            let e = &i.entries[hits[0].entry];
            hits[0]
                .indices
                .iter()
                .filter_map(|&k| e.text.chars().nth(k))
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
            let e = &i.entries[h.entry];
            (
                e.kind,
                e.section,
                e.item,
                e.paragraph,
                e.text.clone(),
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
                assert!(one.entries.len() < full.entries.len(), "{q}");
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
            fast += usize::from(i.initials_only(&atoms, limit, None).is_some());
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
    fn the_initials_fast_path_is_exact() {
        let (_, i) = index();
        let queries = [
            "j", "jh", "jhyh", "csglj", "cq", "zq", "a", "aa", "zzz", "x",
        ];
        // Few hits wanted: runs fill them; many: scattered matches are scanned.
        for limit in [3, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        let (briefings, _) = crate::samples::load();
        let i = Index::build(&briefings);
        let queries = ["j", "z", "jh", "zd", "gz", "jxs", "ggj", "qy", "sj"];
        for limit in [10, 200] {
            assert_eq!(same_as_exhaustive(&i, &queries, limit), queries.len());
        }
        // Syllables take the general path.
        assert_eq!(same_as_exhaustive(&i, &["yuncheng", "jinghua"], 10), 0);
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
