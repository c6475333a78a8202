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

pub mod engine;
pub mod pinyin;

use std::ops::Range;

use rayon::prelude::*;

use crate::briefing::Briefing;
use crate::briefing::chars::{fold_width, is_han};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use engine::{Engine, default_engine};
use pinyin::{PinyinTable, Query as PinyinQuery, Spelling, match_pinyin};

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
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::Department, true) => "部门",
            (Kind::Headline, true) => "标题",
            (Kind::Item, true) => "事项",
            (Kind::Sentence, true) => "正文",
            (Kind::Department, false) => "department",
            (Kind::Headline, false) => "headline",
            (Kind::Item, false) => "item",
            (Kind::Sentence, false) => "text",
        }
    }

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
    /// `text` folded, char for char.
    folded: String,
    /// How each char can be typed in pinyin.
    spelling: Spelling,
    /// The Latin letters the text holds (bit 0 = a), for literal ASCII matches.
    latin: u32,
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
    let table = PinyinTable::shared();
    s.chars()
        .map(|c| {
            let c = fold_width(c);
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                table.simplify(c)
            }
        })
        .collect()
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
    /// All folded texts end to end, and where each starts: a char found in it
    /// maps back to its entry.
    arena: String,
    starts: Vec<usize>,
    /// Entries that contain a char, computed on first use.
    postings: Mutex<HashMap<char, Arc<Vec<u32>>>>,
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

fn raws(briefings: &[Briefing], keep: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Raw> {
    let mut raws = Vec::new();
    for (b, br) in briefings.iter().enumerate() {
        for (s, sec) in br.sections.iter().enumerate() {
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
        }
    }
    raws
}

impl Index {
    /// Builds the index, folding and spelling the texts in parallel.
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
        let entries: Vec<Entry> = raws
            .into_par_iter()
            .with_min_len(512)
            .map(|r| {
                let folded = fold(&r.text);
                let spelling = table.spell(&folded);
                Entry {
                    kind: r.kind,
                    briefing: r.briefing,
                    section: r.section,
                    item: r.item,
                    paragraph: r.paragraph,
                    range: r.range,
                    latin: folded.bytes().fold(0, |m, b| m | pinyin::letter_bit(b)),
                    text: r.text,
                    folded,
                    spelling,
                }
            })
            .collect();
        let mut arena = String::with_capacity(entries.iter().map(|e| e.folded.len() + 1).sum());
        let mut starts = Vec::with_capacity(entries.len());
        for e in &entries {
            starts.push(arena.len());
            arena.push_str(&e.folded);
            arena.push('\n');
        }
        Index {
            entries,
            table,
            arena,
            starts,
            postings: Mutex::new(HashMap::new()),
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
        let candidates: Vec<u32> = match (narrowing, self.han_candidates(&atoms)) {
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
        let mut scored: Vec<(u32, u32)> = candidates
            .par_chunks(4096)
            .flat_map_iter(|chunk| {
                let mut engine = default_engine();
                chunk
                    .iter()
                    .filter_map(|&id| {
                        let e = &self.entries[id as usize];
                        self.score_entry(e, &atoms, engine.as_mut(), None)
                            .map(|s| (id, s))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        query.clone_into(&mut session.query);
        session.matched = scored.iter().map(|&(id, _)| id).collect();
        // Best first; equal scores: shorter text, then document order.
        let key = |&(id, score): &(u32, u32)| {
            (
                std::cmp::Reverse(score),
                self.entries[id as usize].text.len(),
                id,
            )
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by_key(limit, key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(key);
        let mut engine = default_engine();
        scored
            .into_iter()
            .map(|(id, score)| {
                let mut indices = Vec::new();
                let e = &self.entries[id as usize];
                self.score_entry(e, &atoms, engine.as_mut(), Some(&mut indices));
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

    /// The score of an entry for all atoms (every positive atom must match, no
    /// negated one may), collecting matched char positions when asked.
    fn score_entry(
        &self,
        e: &Entry,
        atoms: &[Atom],
        engine: &mut dyn Engine,
        mut indices: Option<&mut Vec<usize>>,
    ) -> Option<u32> {
        let mut total = 0;
        for atom in atoms {
            let found = self.match_atom(e, atom, engine, indices.is_some());
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
        Some(total + e.kind.bonus())
    }

    fn match_atom(
        &self,
        e: &Entry,
        atom: &Atom,
        engine: &mut dyn Engine,
        want: bool,
    ) -> Option<(u32, Vec<usize>)> {
        match atom.mode {
            Mode::Fuzzy => {
                let pinyin = atom
                    .pinyin
                    .as_ref()
                    .and_then(|q| match_pinyin(q, &e.spelling, self.table, want));
                // A pinyin query meets Latin text only where it has all its letters.
                if atom.pinyin.is_some() && e.latin & atom.latin != atom.latin {
                    return pinyin;
                }
                let literal = if want {
                    engine.indices(&atom.text, &e.folded)
                } else {
                    engine.score(&atom.text, &e.folded).map(|s| (s, Vec::new()))
                };
                // The engines' bonuses are for ASCII word boundaries; in Chinese a
                // contiguous run, and one at the start, is what matters.
                let literal = literal.map(|(score, idx)| match e.folded.find(&atom.text) {
                    Some(at) => {
                        let first = e.folded[..at].chars().count();
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
                let at = match atom.mode {
                    Mode::Prefix => e.folded.starts_with(&atom.text).then_some(0),
                    Mode::Suffix => e
                        .folded
                        .ends_with(&atom.text)
                        .then(|| e.folded.len() - atom.text.len()),
                    _ => e.folded.find(&atom.text),
                }?;
                let first = e.folded[..at].chars().count();
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
            let latin = text.bytes().fold(0, |m, b| m | pinyin::letter_bit(b));
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
        let hits = i.search("jhyh", 5);
        let e = &i.entries[hits[0].entry];
        let picked: String = hits[0]
            .indices
            .iter()
            .filter_map(|&k| e.text.chars().nth(k))
            .collect();
        assert_eq!(picked, "净化盐湖");
        let hits = i.search("盐湖", 5);
        let e = &i.entries[hits[0].entry];
        let picked: String = hits[0]
            .indices
            .iter()
            .filter_map(|&k| e.text.chars().nth(k))
            .collect();
        assert_eq!(picked, "盐湖");
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
