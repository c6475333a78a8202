//! Numeric commitments: a verb (`达到`, `突破`, `不少于`, `完成` …), a number
//! (Arabic or Chinese, `百` included) and a unit (`亿元`, `%`, `个工作日` …).

use super::Target;
use super::numbers::{self, Number};

/// Verbs that take their number at once (at most two characters between:
/// `增长约8%`), longest first where one starts another. This list and
/// [`LOOSE`] say what the verbs are; [`tight_from`] and [`loose_from`] find
/// them by their first character, and a test keeps the two in step.
#[cfg_attr(not(test), allow(dead_code))]
const TIGHT: &[&str] = &[
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "控制在",
    "控制到",
    "压减至",
    "压减到",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
    "降低至",
    "降低到",
    "下降至",
    "下降到",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "扩大到",
    "扩大至",
    "保持在",
    "稳定在",
    "达到",
    "突破",
    "超过",
    "降至",
    "降到",
    "增至",
    "增长",
    "下降",
    "提高",
    "提升",
    "增加",
    "减少",
    "压减",
    "压缩",
    "缩短",
    "达",
];

/// Verbs whose object comes before the number: `完成投资325.6亿元`.
#[cfg_attr(not(test), allow(dead_code))]
const LOOSE: &[&str] = &[
    "完成", "新增", "建成", "新建", "改造", "推出", "实现", "处置", "培育", "引进", "培训", "收购",
    "发放", "招引", "组建", "盘活", "开工", "投产",
];

/// The most characters a target's clause keeps on either side of it.
const MAX_CLAUSE: usize = 80;
/// The most targets read from one item: more is a table of figures, not a
/// list of commitments.
const MAX_TARGETS: usize = 64;

/// How far (in characters) a loose verb's number may stand from it.
const LOOSE_GAP: usize = 10;
const TIGHT_GAP: usize = 2;

/// Units of measure, longest first where one starts another; [`units_from`]
/// finds them by their first character.
#[cfg_attr(not(test), allow(dead_code))]
const UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "个月",
    "个",
    "%",
    "％",
    "‰",
    "成",
    "倍",
    "家",
    "户",
    "人次",
    "人",
    "名",
    "元",
    "美元",
    "吨",
    "公里",
    "千米",
    "平方公里",
    "平方米",
    "立方米",
    "米",
    "亩",
    "公顷",
    "项",
    "件",
    "所",
    "座",
    "套",
    "张",
    "台",
    "辆",
    "处",
    "条",
    "次",
    "场",
    "批",
    "天",
    "小时",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "标箱",
    "床",
    "只",
    "头",
    "栋",
    "间",
    "类",
    "种",
    "株",
    "棵",
    "位",
    "支",
    "篇",
    "部",
    "GW",
    "MW",
    "kW",
    "km",
];

/// The units of [`UNITS`] that start with `c`, in its order (a test keeps
/// the two in step).
fn units_from(c: char) -> &'static [&'static str] {
    match c {
        '个' => &["个百分点", "个工作日", "个月", "个"],
        '%' => &["%"],
        '％' => &["％"],
        '‰' => &["‰"],
        '成' => &["成"],
        '倍' => &["倍"],
        '家' => &["家"],
        '户' => &["户"],
        '人' => &["人次", "人"],
        '名' => &["名"],
        '元' => &["元"],
        '美' => &["美元"],
        '吨' => &["吨"],
        '公' => &["公里", "公顷"],
        '千' => &["千米", "千瓦时", "千瓦"],
        '平' => &["平方公里", "平方米"],
        '立' => &["立方米"],
        '米' => &["米"],
        '亩' => &["亩"],
        '项' => &["项"],
        '件' => &["件"],
        '所' => &["所"],
        '座' => &["座"],
        '套' => &["套"],
        '张' => &["张"],
        '台' => &["台"],
        '辆' => &["辆"],
        '处' => &["处"],
        '条' => &["条"],
        '次' => &["次"],
        '场' => &["场"],
        '批' => &["批"],
        '天' => &["天"],
        '小' => &["小时"],
        '兆' => &["兆瓦"],
        '标' => &["标箱"],
        '床' => &["床"],
        '只' => &["只"],
        '头' => &["头"],
        '栋' => &["栋"],
        '间' => &["间"],
        '类' => &["类"],
        '种' => &["种"],
        '株' => &["株"],
        '棵' => &["棵"],
        '位' => &["位"],
        '支' => &["支"],
        '篇' => &["篇"],
        '部' => &["部"],
        'G' => &["GW"],
        'M' => &["MW"],
        'k' => &["kW", "km"],
        _ => &[],
    }
}

/// Magnitudes written before a unit: `亿元`, `万人`.
const MAGNITUDES: &[&str] = &["万亿", "千万", "百万", "十万", "亿", "万", "千"];

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n'
    )
}

fn starts(cs: &[char], at: usize, word: &str) -> bool {
    numbers::word_at(cs, at, word)
}

/// The unit at `cs[at..]` (after `余`/`多`): its text and length.
fn unit_at(cs: &[char], at: usize) -> Option<(String, usize)> {
    let mut k = at;
    if matches!(cs.get(k), Some('余' | '多')) {
        k += 1;
    }
    let magnitude = MAGNITUDES.iter().find(|m| starts(cs, k, m)).copied();
    if let Some(m) = magnitude {
        k += m.chars().count();
    }
    let base = cs
        .get(k)
        .and_then(|&c| units_from(c).iter().find(|u| starts(cs, k, u)))
        .copied();
    if let Some(b) = base {
        k += b.chars().count();
    }
    if magnitude.is_none() && base.is_none() {
        return None;
    }
    let base = if base == Some("％") { Some("%") } else { base };
    let unit = [magnitude.unwrap_or(""), base.unwrap_or("")].concat();
    Some((unit, k - at))
}

/// A number with its unit at `at`, not a lone `一` (`一批`, `一次`: a manner
/// of speech, not a commitment).
fn quantity_at(cs: &[char], at: usize) -> Option<(f64, String, usize)> {
    let Number {
        value,
        len,
        chinese,
    } = numbers::read(cs, at)?;
    if chinese && len == 1 && cs[at] == '一' {
        return None;
    }
    // A year or a date: `2023年`, `10月`.
    if matches!(cs.get(at + len), Some('年' | '月' | '日' | '号' | '时')) {
        return None;
    }
    let (unit, unit_len) = unit_at(cs, at + len)?;
    let (value, unit) = if unit == "成" {
        (value * 10.0, "%".to_owned())
    } else {
        (value, unit)
    };
    Some((value, unit, len + unit_len))
}

/// The number a verb at `cs[after..]` takes, within `gap` characters of it
/// in the same clause: where it starts, its value, unit and length.
fn object(cs: &[char], after: usize, gap: usize) -> Option<(f64, String, usize)> {
    for k in after..=after + gap {
        let c = *cs.get(k)?;
        // Another verb takes what follows: `新建充电桩不少于60个`.
        if is_clause_end(c)
            || matches!(c, '、' | '（' | '(')
            || k > after && tight_at(cs, k).is_some()
        {
            return None;
        }
        if numbers::arabic(c).is_some() || numbers::is_chinese(c) {
            if let Some((value, unit, len)) = quantity_at(cs, k) {
                return Some((value, unit, k + len));
            }
            // A number that is not a quantity ends the search.
            if numbers::arabic(c).is_some() {
                return None;
            }
        }
    }
    None
}

/// The verbs of [`TIGHT`] that start with `c`, in its order (longest first).
fn tight_from(c: char) -> &'static [&'static str] {
    match c {
        '不' => &["不少于", "不低于", "不超过", "不高于"],
        '控' => &["控制在", "控制到"],
        '压' => &["压减至", "压减到", "压缩至", "压缩到", "压减", "压缩"],
        '缩' => &["缩短至", "缩短到", "缩短"],
        '降' => &["降低至", "降低到", "降至", "降到"],
        '下' => &["下降至", "下降到", "下降"],
        '提' => &["提高到", "提高至", "提升到", "提升至", "提高", "提升"],
        '增' => &["增加到", "增加至", "增至", "增长", "增加"],
        '扩' => &["扩大到", "扩大至"],
        '保' => &["保持在"],
        '稳' => &["稳定在"],
        '达' => &["达到", "达"],
        '突' => &["突破"],
        '超' => &["超过"],
        '减' => &["减少"],
        _ => &[],
    }
}

/// The verbs of [`LOOSE`] that start with `c`.
fn loose_from(c: char) -> &'static [&'static str] {
    match c {
        '完' => &["完成"],
        '新' => &["新增", "新建"],
        '建' => &["建成"],
        '改' => &["改造"],
        '推' => &["推出"],
        '实' => &["实现"],
        '处' => &["处置"],
        '培' => &["培育", "培训"],
        '引' => &["引进"],
        '收' => &["收购"],
        '发' => &["发放"],
        '招' => &["招引"],
        '组' => &["组建"],
        '盘' => &["盘活"],
        '开' => &["开工"],
        '投' => &["投产"],
        _ => &[],
    }
}

/// The first characters of every verb: [`tight_from`] or [`loose_from`]
/// gives none for any other character (a test keeps them in step).
pub const VERB_STARTS: [char; 31] = [
    '不', '控', '压', '缩', '降', '下', '提', '增', '扩', '保', '稳', '达', '突', '超', '减', '完',
    '新', '建', '改', '推', '实', '处', '培', '引', '收', '发', '招', '组', '盘', '开', '投',
];

fn tight_at(cs: &[char], k: usize) -> Option<&'static str> {
    tight_from(cs[k]).iter().find(|v| starts(cs, k, v)).copied()
}

/// The numeric commitments in `text`.
#[cfg(test)]
pub fn targets(text: &str) -> Vec<Target> {
    let cs: Vec<char> = text.chars().collect();
    let verbs: Vec<usize> = (0..cs.len())
        .filter(|&k| VERB_STARTS.contains(&cs[k]))
        .collect();
    targets_of(&cs, &numerals_of(&cs), &verbs)
}

/// Digits and the characters of Chinese numerals.
pub const NUMERALS: [char; 36] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '〇', '零', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九',
    '十', '百', '千',
];

/// Where in `cs` the [`NUMERALS`] are, in order.
#[cfg(test)]
pub fn numerals_of(cs: &[char]) -> Vec<usize> {
    (0..cs.len())
        .filter(|&k| NUMERALS.contains(&cs[k]))
        .collect()
}

/// The numeric commitments in the characters `cs` of an item's text, whose
/// digits and numerals stand at `numerals` and the first characters of verbs
/// at `verbs` (both in order).
pub fn targets_of(cs: &[char], numerals: &[usize], verbs: &[usize]) -> Vec<Target> {
    // A verb further than this before a number cannot take it: the scan
    // skips ahead to the stretch before the next number.
    const REACH: usize = LOOSE_GAP + 3;
    let mut out = Vec::new();
    // A lone 一 (`一是`, `一次`) is never a quantity's start.
    let is_number =
        |i: usize| cs[i] != '一' || cs.get(i + 1).is_some_and(|&n| numbers::is_chinese(n));
    let mut numbers = numerals
        .iter()
        .copied()
        .filter(|&i| is_number(i))
        .peekable();
    let mut verbs = verbs.iter().copied().peekable();
    let mut k = 0;
    while k < cs.len() {
        // The first number at or after k.
        while numbers.next_if(|&n| n < k).is_some() {}
        let Some(&next_number) = numbers.peek() else {
            break;
        };
        k = k.max(next_number.saturating_sub(REACH));
        // Only a verb's first character can start one: on to the next.
        while verbs.next_if(|&v| v < k).is_some() {}
        let Some(&next_verb) = verbs.peek() else {
            break;
        };
        if next_verb > k {
            k = next_verb;
            continue;
        }
        let verb = tight_at(cs, k).map(|v| (v, TIGHT_GAP)).or_else(|| {
            let loose = loose_from(cs[k]).iter().find(|v| starts(cs, k, v));
            loose.map(|v| (*v, LOOSE_GAP))
        });
        let Some((verb, gap)) = verb else {
            k += 1;
            continue;
        };
        let after = k + verb.chars().count();
        let Some((value, unit, end)) = object(cs, after, gap) else {
            k = after;
            continue;
        };
        // The clause around it, at most MAX_CLAUSE characters either side:
        // text without punctuation must not make every target hold all of it.
        let from = k.saturating_sub(MAX_CLAUSE);
        let start = cs[from..k]
            .iter()
            .rposition(|&c| is_clause_end(c))
            .map_or(from, |p| from + p + 1);
        let to = (end + MAX_CLAUSE).min(cs.len());
        let stop = cs[end..to]
            .iter()
            .position(|&c| is_clause_end(c))
            .map_or(to, |p| end + p);
        let clause = &cs[start..stop];
        // A change reported against last year is a fact, not a commitment.
        if !clause.windows(2).any(|w| w == ['同', '比']) {
            let is_space = super::super::chars::is_space;
            let first = clause
                .iter()
                .position(|&c| !is_space(c))
                .unwrap_or(clause.len());
            let last = clause
                .iter()
                .rposition(|&c| !is_space(c))
                .map_or(first, |p| p + 1);
            let kept = &clause[first..last];
            // Sized at once: the characters are mostly three bytes each.
            let mut text = String::with_capacity(kept.iter().map(|c| c.len_utf8()).sum());
            text.extend(kept);
            out.push(Target {
                text: text.into_boxed_str(),
                value,
                unit: unit.into_boxed_str(),
                verb,
            });
        }
        k = end;
        if out.len() == MAX_TARGETS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verb_tables_hold_the_lists() {
        for (list, from) in [
            (TIGHT, tight_from as fn(char) -> &'static [&'static str]),
            (LOOSE, loose_from),
        ] {
            let mut found = 0;
            for verb in list {
                let first = verb.chars().next().expect("a verb");
                assert!(from(first).contains(verb), "{verb}");
                found += 1;
            }
            let total: usize = list
                .iter()
                .filter_map(|v| v.chars().next())
                .collect::<std::collections::BTreeSet<_>>()
                .iter()
                .map(|&c| from(c).len())
                .sum();
            assert_eq!(total, found);
        }
        let firsts: std::collections::BTreeSet<char> = TIGHT
            .iter()
            .chain(LOOSE)
            .filter_map(|v| v.chars().next())
            .collect();
        let starts: std::collections::BTreeSet<char> = VERB_STARTS.into_iter().collect();
        assert_eq!(firsts, starts);
        assert_eq!(starts.len(), VERB_STARTS.len());
    }

    #[test]
    fn the_unit_table_holds_the_list() {
        let mut firsts: Vec<char> = UNITS.iter().filter_map(|u| u.chars().next()).collect();
        firsts.dedup();
        for c in firsts {
            let listed: Vec<&str> = UNITS.iter().copied().filter(|u| u.starts_with(c)).collect();
            assert_eq!(units_from(c), listed.as_slice(), "{c}");
        }
        assert!(units_from('的').is_empty());
    }
}
