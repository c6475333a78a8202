//! Pinyin matching: an ASCII query against Han text, where each character can
//! be typed as its initial (`yc` 运城), its whole syllable (`yuncheng`), or the
//! start of it (`yunch`), in any of its readings (重庆: `cq` and `zq`).

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::{Pinyin, ToPinyinMulti};

/// The readings of one or more characters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReadingSet {
    syllables: Vec<&'static str>,
}

/// Readings of every CJK Unified Ideograph, computed once.
pub struct PinyinTable {
    sets: Vec<ReadingSet>,
    /// Set id + 1 for U+4E00..=U+9FFF (0: no reading).
    basic: Vec<u16>,
}

const BASIC: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;
/// Codes below this are ASCII literals; from it on, reading sets.
const SET_BASE: u16 = 128;

static SYLLABLES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();

fn readings_of(c: char) -> Vec<&'static str> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let interned = SYLLABLES.get_or_init(HashMap::new);
    let mut v: Vec<&'static str> = Vec::new();
    for p in multi {
        let plain = Pinyin::plain(p);
        let mut forms = vec![plain];
        // ü is typed v (lv) or u (lu).
        if plain.contains('ü') {
            let v_form = plain.replace('ü', "v");
            let u_form = plain.replace('ü', "u");
            forms = vec![
                interned
                    .get(&v_form)
                    .copied()
                    .unwrap_or_else(|| Box::leak(v_form.into_boxed_str())),
                interned
                    .get(&u_form)
                    .copied()
                    .unwrap_or_else(|| Box::leak(u_form.into_boxed_str())),
            ];
        }
        for f in forms {
            if !v.contains(&f) {
                v.push(f);
            }
        }
    }
    v
}

impl PinyinTable {
    /// The table, built on first use and shared.
    pub fn shared() -> &'static PinyinTable {
        static TABLE: OnceLock<PinyinTable> = OnceLock::new();
        TABLE.get_or_init(PinyinTable::new)
    }

    pub fn new() -> PinyinTable {
        let mut sets: Vec<ReadingSet> = Vec::new();
        let mut ids: HashMap<Vec<&'static str>, u16> = HashMap::new();
        let mut basic = Vec::with_capacity(BASIC.clone().count());
        for cp in BASIC {
            let r = char::from_u32(cp).map(readings_of).unwrap_or_default();
            if r.is_empty() {
                basic.push(0);
                continue;
            }
            let id = *ids.entry(r.clone()).or_insert_with(|| {
                sets.push(ReadingSet { syllables: r });
                u16::try_from(sets.len() - 1).unwrap_or(u16::MAX)
            });
            basic.push(id + 1);
        }
        PinyinTable { sets, basic }
    }

    /// One code per char of a folded text: 0 matches nothing, below 128 an ASCII
    /// letter or digit matched as itself, from 128 a set of readings.
    pub fn codes(&self, folded: &str) -> Box<[u16]> {
        folded
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    return u16::from(c.to_ascii_lowercase() as u8);
                }
                let cp = c as u32;
                if BASIC.contains(&cp) {
                    let id = self.basic[(cp - BASIC.start()) as usize];
                    if id > 0 {
                        return SET_BASE + id - 1;
                    }
                }
                0
            })
            .collect()
    }

    fn set(&self, code: u16) -> Option<&ReadingSet> {
        code.checked_sub(SET_BASE)
            .and_then(|i| self.sets.get(usize::from(i)))
    }
}

impl Default for PinyinTable {
    fn default() -> Self {
        PinyinTable::new()
    }
}

/// How many query bytes a char may take from the start of `q`: its longest
/// common prefix with each reading, and the initial alone. Longest first.
fn takes(table: &PinyinTable, code: u16, q: &[u8], out: &mut Vec<(usize, bool)>) {
    out.clear();
    if q.is_empty() || code == 0 {
        return;
    }
    if code < SET_BASE {
        if u16::from(q[0]) == code {
            out.push((1, false));
        }
        return;
    }
    let Some(set) = table.set(code) else { return };
    for s in &set.syllables {
        let common = s.bytes().zip(q.iter()).take_while(|(a, b)| a == *b).count();
        if common > 0 {
            let full = common == s.len();
            if !out.iter().any(|&(l, _)| l == common) {
                out.push((common, full));
            }
            if common > 1 && !out.iter().any(|&(l, _)| l == 1) {
                out.push((1, false));
            }
        }
    }
    out.sort_unstable_by_key(|&(l, _)| std::cmp::Reverse(l));
}

/// Matches an ASCII query against the codes of a text. The score prefers runs of
/// consecutive characters, a match at the start, and whole syllables.
pub fn match_pinyin(q: &[u8], codes: &[u16], table: &PinyinTable) -> Option<(u32, Vec<usize>)> {
    if q.is_empty() {
        return None;
    }
    let mut scratch = Vec::new();
    let mut path = Vec::with_capacity(q.len());
    // Contiguous: a run of characters that spells the whole query.
    for start in 0..codes.len() {
        takes(table, codes[start], q, &mut scratch);
        if scratch.is_empty() {
            continue;
        }
        path.clear();
        let mut full = 0;
        if contiguous(table, codes, start, q, &mut path, &mut full) {
            let m = u32::try_from(path.len()).unwrap_or(u32::MAX);
            let at_start = if start == 0 { 16 } else { 0 };
            return Some((16 * m + 8 * (m - 1) + at_start + 4 * full, path));
        }
    }
    // Scattered: the query as a subsequence of characters.
    let mut failed = vec![false; (codes.len() + 1) * (q.len() + 1)];
    path.clear();
    if scattered(table, codes, 0, q, 0, &mut path, &mut failed) {
        let m = u32::try_from(path.len()).unwrap_or(u32::MAX);
        let span = path.last().map_or(0, |l| l - path[0]);
        let gaps = u32::try_from(span + 1 - path.len()).unwrap_or(u32::MAX);
        return Some(((16 * m).saturating_sub(gaps.min(8 * m)).max(1), path));
    }
    None
}

fn contiguous(
    table: &PinyinTable,
    codes: &[u16],
    j: usize,
    q: &[u8],
    path: &mut Vec<usize>,
    full: &mut u32,
) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some(&code) = codes.get(j) else {
        return false;
    };
    let mut options = Vec::new();
    takes(table, code, q, &mut options);
    for (l, whole) in options {
        path.push(j);
        if contiguous(table, codes, j + 1, &q[l..], path, full) {
            *full += u32::from(whole);
            return true;
        }
        path.pop();
    }
    false
}

fn scattered(
    table: &PinyinTable,
    codes: &[u16],
    j: usize,
    q: &[u8],
    k: usize,
    path: &mut Vec<usize>,
    failed: &mut [bool],
) -> bool {
    if k == q.len() {
        return true;
    }
    let width = q.len() + 1;
    let mut options = Vec::new();
    for jj in j..codes.len() {
        if failed[jj * width + k] {
            continue;
        }
        takes(table, codes[jj], &q[k..], &mut options);
        for &(l, _) in &options {
            path.push(jj);
            if scattered(table, codes, jj + 1, q, k + l, path, failed) {
                return true;
            }
            path.pop();
        }
        failed[jj * width + k] = true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(q: &str, text: &str) -> Option<(u32, Vec<usize>)> {
        let t = PinyinTable::shared();
        match_pinyin(q.as_bytes(), &t.codes(text), t)
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
    fn a_scattered_match_needs_backtracking() {
        // x-i-a-n: 西 takes "xi", 安 takes "an"; 先 alone would take "xian".
        assert_eq!(m("xian", "西安").map(|r| r.1), Some(vec![0, 1]));
        assert_eq!(m("xan", "西部大安").map(|r| r.1), Some(vec![0, 3]));
    }
}
