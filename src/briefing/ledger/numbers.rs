//! Numbers as briefings write them: Arabic digits (half or full width, with a
//! decimal point) and Chinese numerals (十二, 一百二十, 两千, 百, 二〇二五).

/// An Arabic digit, half or full width.
pub(super) fn arabic(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Can `c` be part of a Chinese numeral (below 万)?
pub(super) fn is_chinese(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// The value of a Chinese numeral below 万: `十二` 12, `一百二十` 120, `百`
/// 100, `两千` 2000, `一百零五` 105; a run of digits without 十/百/千 is read
/// digit by digit (`二〇二五` 2025).
pub(super) fn chinese_value(cs: &[char]) -> Option<u64> {
    if cs.is_empty() {
        return None;
    }
    if cs.iter().all(|&c| cn_unit(c).is_none()) {
        return cs
            .iter()
            .try_fold(0u64, |n, &c| Some(n * 10 + cn_digit(c)?));
    }
    let mut total = 0;
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for &c in cs {
        if let Some(d) = cn_digit(c) {
            if digit.is_some_and(|p| p != 0) {
                return None;
            }
            digit = Some(d);
        } else {
            let u = cn_unit(c)?;
            if u >= last_unit {
                return None;
            }
            total += digit.unwrap_or(1) * u;
            digit = None;
            last_unit = u;
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// A number read at `cs[at..]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Number {
    pub value: f64,
    /// How many characters it takes.
    pub len: usize,
    pub chinese: bool,
}

/// Reads a number forward from `at`: Arabic digits with an optional decimal
/// part, or a run of Chinese numerals (at most eight).
pub(super) fn read(cs: &[char], at: usize) -> Option<Number> {
    let first = *cs.get(at)?;
    if arabic(first).is_some() {
        let mut end = at;
        let mut text = String::new();
        while let Some(d) = cs.get(end).and_then(|&c| arabic(c)) {
            text.push(char::from_digit(d, 10)?);
            end += 1;
        }
        if matches!(cs.get(end), Some('.' | '．'))
            && cs.get(end + 1).and_then(|&c| arabic(c)).is_some()
        {
            text.push('.');
            end += 1;
            while let Some(d) = cs.get(end).and_then(|&c| arabic(c)) {
                text.push(char::from_digit(d, 10)?);
                end += 1;
            }
        }
        let value: f64 = text.parse().ok()?;
        return Some(Number {
            value,
            len: end - at,
            chinese: false,
        });
    }
    if !is_chinese(first) {
        return None;
    }
    let len = cs[at..]
        .iter()
        .take(8)
        .take_while(|&&c| is_chinese(c))
        .count();
    let value = chinese_value(&cs[at..at + len])?;
    Some(Number {
        value: u32::try_from(value).ok().map(f64::from)?,
        len,
        chinese: true,
    })
}

/// Reads a whole number that ends just before `end`, at most `max` characters
/// long: its value and where it starts. Arabic digits or Chinese numerals.
pub(super) fn read_back(cs: &[char], end: usize, max: usize) -> Option<(u32, usize)> {
    let before = &cs[..end];
    let arabic_len = before
        .iter()
        .rev()
        .take_while(|&&c| arabic(c).is_some())
        .count();
    if arabic_len > 0 {
        if arabic_len > max {
            return None;
        }
        let start = end - arabic_len;
        let value = before[start..]
            .iter()
            .try_fold(0u32, |n, &c| Some(n * 10 + arabic(c)?))?;
        return Some((value, start));
    }
    let len = before.iter().rev().take_while(|&&c| is_chinese(c)).count();
    if len == 0 || len > max {
        return None;
    }
    let start = end - len;
    let value = chinese_value(&before[start..])?;
    Some((u32::try_from(value).ok()?, start))
}

/// Reads a whole number that starts at `at`, at most `max` characters long.
pub(super) fn read_whole(cs: &[char], at: usize, max: usize) -> Option<(u32, usize)> {
    let n = read(cs, at)?;
    if n.len > max || n.value.fract() != 0.0 {
        return None;
    }
    // Whole numbers below 2^32 are exact in f64.
    let whole = format!("{}", n.value).parse().ok()?;
    Some((whole, n.len))
}

/// Does `word` stand at `cs[i..]`?
pub(super) fn word_at(cs: &[char], i: usize, word: &str) -> bool {
    let mut rest = cs.get(i..).unwrap_or_default().iter();
    word.chars().all(|w| rest.next() == Some(&w))
}
