//! Deadlines: the time phrases of an item (LEDGER.md's table), found around
//! a few anchor characters (月 年 季 半 内 五 每 前 and the colon of a
//! `完成时限：` label), then resolved against the briefing's own date.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::numbers::{self, arabic, read_back, read_whole};
use super::{Due, DueKind, Period};

/// The dates deadlines resolve against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base {
    /// The briefing's own date.
    pub date: Option<Date>,
    /// Its year, or the file's modification year when it has no date.
    pub year: Option<i16>,
}

impl Base {
    pub fn new(date: Option<Date>, fallback_year: Option<i16>) -> Base {
        Base {
            date,
            year: date.map(Date::year).or(fallback_year),
        }
    }

    fn assumed(self) -> bool {
        self.date.is_none()
    }
}

/// The earliest and latest years a deadline may name.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Which year a calendar phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Year {
    /// Written out: `2027年6月底前`.
    Given(i32),
    /// `今年`, `年底前`, `全年`.
    This,
    /// `明年`, `次年`.
    Next,
    /// No year: this year, or the next when the month is already past.
    Implied,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// The month's last day (`底`, `末`, `下旬`).
    End,
    /// A given day (`15日前`, `上旬` 10, `中旬` 20).
    Exact(i32),
    /// The day before the month begins (`6月前`).
    Before,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    WorkDay,
    Day,
    Week,
    Month,
    Year,
}

/// What a phrase says, before it meets a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Calendar {
        year: Year,
        month: i32,
        day: Day,
    },
    /// `10个工作日内`, `一个月内`: counted from the briefing's date; `half`
    /// for `半个月`, `半年`.
    Within {
        n: u32,
        unit: Unit,
    },
    Every(Period),
    Ongoing,
    /// `春节前`, `汛期前`.
    Named,
}

/// A time phrase found in an item: where (in chars), what, and whether it
/// reads as a deadline (ends in 前/内/底/末, or stands under a label) or is a
/// bare period (`全年`, `上半年`, `到2025年`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    when: When,
    strong: bool,
}

/// Labels whose value is the item's deadline.
const LABELS: &[&str] = &[
    "完成时限",
    "办结时限",
    "时限",
    "完成时间",
    "完成期限",
    "截止时间",
    "时间节点",
];

/// Names of times no calendar fixes; `X前` is an unresolved deadline.
const NAMED: &[&str] = &[
    "春节",
    "元旦",
    "国庆节",
    "国庆",
    "中秋节",
    "中秋",
    "端午节",
    "端午",
    "清明节",
    "清明",
    "五一",
    "劳动节",
    "主汛期",
    "汛期",
    "入汛",
    "汛",
    "供暖季",
    "采暖季",
    "供暖",
    "入冬",
    "冬季",
    "开学",
    "两会",
    "麦收",
    "夏收",
    "秋收",
    "春耕",
    "年关",
    "雨季",
    "冬春",
];

/// Phrases of work that never ends.
const ONGOING: &[&str] = &["长期坚持", "持续推进", "常态化", "长期开展", "长效化"];

/// Words before a bare year that make it a deadline: `到2025年`, `力争2023年`.
const YEAR_LEADS: &[&str] = &[
    "到",
    "至",
    "力争",
    "确保",
    "争取",
    "力争在",
    "确保在",
    "争取在",
];

fn at(cs: &[char], i: usize, word: &str) -> bool {
    numbers::word_at(cs, i, word)
}

/// Does `word` end just before `cs[end]`? Compared from its last character
/// back, which tells most places apart at once.
fn ends_with(cs: &[char], end: usize, word: &str) -> bool {
    let Some(before) = cs.get(..end) else {
        return false;
    };
    let mut back = before.iter().rev();
    word.chars().rev().all(|w| back.next() == Some(&w))
}

/// The length of `前`, `之前` or `以前` at `i`, if one stands there.
fn before_word(cs: &[char], i: usize) -> usize {
    if at(cs, i, "前") {
        1
    } else if at(cs, i, "之前") || at(cs, i, "以前") {
        2
    } else {
        0
    }
}

/// `内`, `以内`, `之内` at `i`.
fn within_word(cs: &[char], i: usize) -> usize {
    if at(cs, i, "内") {
        1
    } else if at(cs, i, "以内") || at(cs, i, "之内") {
        2
    } else {
        0
    }
}

/// A year written before `end` (exclusive; `cs[end]` is `年`): four digits,
/// Arabic or `二〇二五`. Returns the year and where it starts.
fn year_before(cs: &[char], end: usize) -> Option<(i32, usize)> {
    let (y, start) = read_back(cs, end, 4)?;
    if end - start != 4 || start > 0 && (arabic(cs[start - 1]).is_some()) {
        return None;
    }
    if !cs[start..end]
        .iter()
        .all(|&c| arabic(c).is_some() || "〇零一二三四五六七八九".contains(c))
    {
        return None;
    }
    Some((i32::try_from(y).ok()?, start))
}

/// The year written before a month or period that starts at `start`:
/// `2027年`, `今年`, `明年`; `None` when the phrase is about a past year.
fn year_prefix(cs: &[char], start: usize) -> Option<(Year, usize)> {
    if start == 0 || cs[start - 1] != '年' {
        return Some((Year::Implied, start));
    }
    let y = start - 1;
    if let Some((year, s)) = year_before(cs, y) {
        return Some((Year::Given(year), s));
    }
    match y.checked_sub(1).map(|p| cs[p]) {
        Some('今' | '本') => Some((Year::This, y - 1)),
        Some('明' | '次') => Some((Year::Next, y - 1)),
        Some('去' | '上' | '前') => None,
        _ => Some((Year::Implied, start)),
    }
}

/// Every time phrase in `cs`, in order; `labelled` holds the char ranges of
/// label values (`完成时限：` …), where a bare month or date is a deadline.
/// The characters a time phrase is found at.
pub const ANCHORS: [char; 15] = [
    '：', ':', '月', '年', '季', '半', '内', '五', '每', '按', '逐', '前', '长', '持', '常',
];

/// Where in `cs` the [`ANCHORS`] are, in order.
pub fn anchors_of(cs: &[char]) -> Vec<usize> {
    const SIEVE: u64 = super::sieve(&ANCHORS);
    (0..cs.len())
        .filter(|&k| super::may_be(SIEVE, cs[k]) && ANCHORS.contains(&cs[k]))
        .collect()
}

/// The time phrases of `cs`, looked for at its `anchors` (see [`anchors_of`]).
fn find(cs: &[char], anchors: &[usize]) -> (Vec<Found>, Vec<std::ops::Range<usize>>) {
    let mut out = Vec::new();
    let mut labels = Vec::new();
    for &k in anchors {
        match cs[k] {
            '：' | ':' if LABELS.iter().any(|l| ends_with(cs, k, l)) => {
                // A label's value is short: at most MAX_LABEL characters.
                let to = (k + 1 + MAX_LABEL).min(cs.len());
                let end = cs[k + 1..to]
                    .iter()
                    .position(|&c| matches!(c, '；' | ';' | '）' | ')' | '。' | '\n'))
                    .map_or(to, |p| k + 1 + p);
                labels.push(k + 1..end);
            }
            '月' => month_at(cs, k, &labels, &mut out),
            '年' => year_at(cs, k, &mut out),
            '季' => quarter_at(cs, k, &mut out),
            '半' => half_at(cs, k, &mut out),
            '内' => within_at(cs, k, &mut out),
            '五' => plan_at(cs, k, &mut out),
            '每' | '按' | '逐' => every_at(cs, k, &mut out),
            '前' => named_at(cs, k, &mut out),
            '长' | '持' | '常' => {
                if let Some(w) = ONGOING.iter().find(|w| at(cs, k, w)) {
                    out.push(Found {
                        start: k,
                        end: k + w.chars().count(),
                        when: When::Ongoing,
                        strong: false,
                    });
                }
            }
            _ => {}
        }
    }
    (out, labels)
}

/// Whether `pos` stands under one of `labels` (found in order: their starts
/// and their ends never decrease, so the last one starting at or before `pos`
/// is the only one to check).
fn in_label(labels: &[std::ops::Range<usize>], pos: usize) -> bool {
    let before = labels.partition_point(|r| r.start <= pos);
    before > 0 && labels[before - 1].contains(&pos)
}

fn month_at(cs: &[char], k: usize, labels: &[std::ops::Range<usize>], out: &mut Vec<Found>) {
    if k == 0 || matches!(cs[k - 1], '个' | '每' | '逐' | '按') {
        return;
    }
    let Some((month, m_start)) = read_back(cs, k, 3) else {
        return;
    };
    // `第3月`, `前3月`, a range `10—11月`: not a deadline.
    if m_start > 0
        && matches!(
            cs[m_start - 1],
            '第' | '前' | '近' | '—' | '-' | '～' | '至'
        )
    {
        return;
    }
    let Some((year, start)) = year_prefix(cs, m_start) else {
        return;
    };
    let labelled = in_label(labels, start);
    let mut j = k + 1;
    let day = if at(cs, j, "底") || at(cs, j, "末") {
        j += 1;
        Day::End
    } else if at(cs, j, "上旬") || at(cs, j, "中旬") || at(cs, j, "下旬") {
        let day = match cs[j] {
            '上' => Day::Exact(10),
            '中' => Day::Exact(20),
            _ => Day::End,
        };
        j += 2;
        day
    } else if let Some((d, len)) = read_whole(cs, j, 3)
        && matches!(cs.get(j + len), Some('日' | '号'))
    {
        j += len + 1;
        let closed = before_word(cs, j) > 0 || at(cs, j, "止");
        if !closed && !labelled {
            return;
        }
        Day::Exact(i32::try_from(d).unwrap_or(i32::MAX))
    } else if before_word(cs, j) > 0 {
        j += before_word(cs, j);
        out.push(Found {
            start,
            end: j,
            when: When::Calendar {
                year,
                month: i32::try_from(month).unwrap_or(i32::MAX),
                day: Day::Before,
            },
            strong: true,
        });
        return;
    } else if labelled {
        Day::End
    } else {
        return;
    };
    j += before_word(cs, j).max(usize::from(at(cs, j, "止")));
    out.push(Found {
        start,
        end: j,
        when: When::Calendar {
            year,
            month: i32::try_from(month).unwrap_or(i32::MAX),
            day,
        },
        strong: true,
    });
}

fn year_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    let mut j = k + 1;
    if at(cs, j, "度") {
        j += 1;
    }
    let (year, start) = if let Some((y, s)) = year_before(cs, k) {
        (Year::Given(y), s)
    } else {
        match k.checked_sub(1).map(|p| cs[p]) {
            Some('今' | '本') => (Year::This, k - 1),
            Some('明' | '次') => (Year::Next, k - 1),
            Some('全') => {
                if at(cs, j, "底") || at(cs, j, "末") || within_word(cs, j) > 0 {
                    // `全年内` reads as `年内`.
                } else {
                    out.push(Found {
                        start: k - 1,
                        end: j,
                        when: When::Calendar {
                            year: Year::This,
                            month: 12,
                            day: Day::End,
                        },
                        strong: false,
                    });
                    return;
                }
                (Year::This, k - 1)
            }
            Some(p)
                if numbers::is_chinese(p)
                    || arabic(p).is_some()
                    || "去前上往历多近半每逐按同当新学财跨".contains(p) =>
            {
                return;
            }
            _ => (Year::This, k),
        }
    };
    let bare = start == k;
    let strong_end = if at(cs, j, "底") || at(cs, j, "末") {
        1 + before_word(cs, j + 1)
    } else if within_word(cs, j) > 0 {
        within_word(cs, j)
    } else if at(cs, j, "前") || at(cs, j, "之前") {
        // `今年前三季度` looks back.
        let len = before_word(cs, j);
        if cs
            .get(j + len)
            .is_some_and(|&c| numbers::is_chinese(c) || arabic(c).is_some())
        {
            return;
        }
        len
    } else {
        0
    };
    let calendar = When::Calendar {
        year,
        month: 12,
        day: Day::End,
    };
    if strong_end > 0 {
        out.push(Found {
            start,
            end: j + strong_end,
            when: calendar,
            strong: true,
        });
        return;
    }
    if bare {
        return;
    }
    // A month, quarter or half follows: its own anchor reads it.
    let next = cs.get(j).copied();
    if next.is_some_and(|c| {
        arabic(c).is_some() || numbers::is_chinese(c) || matches!(c, '上' | '下' | '第')
    }) || at(cs, j, "以来")
    {
        return;
    }
    let lead = match year {
        Year::Given(_) => YEAR_LEADS
            .iter()
            .find(|w| ends_with(cs, start, w))
            .map(|w| w.chars().count()),
        _ => Some(0),
    };
    if let Some(lead) = lead {
        out.push(Found {
            start: start - lead,
            end: j,
            when: calendar,
            strong: false,
        });
    }
}

fn quarter_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    let Some(&q) = k.checked_sub(1).and_then(|p| cs.get(p)) else {
        return;
    };
    let quarter = match q {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return,
    };
    let mut s = k - 1;
    if s > 0 && cs[s - 1] == '第' {
        s -= 1;
    }
    // `前三季度`, `后三季度`, `每一季度`: not a deadline.
    if s > 0 && matches!(cs[s - 1], '前' | '后' | '每' | '各' | '个') {
        return;
    }
    let Some((year, start)) = year_prefix(cs, s) else {
        return;
    };
    let mut j = k + 1;
    if at(cs, j, "度") {
        j += 1;
    }
    period(cs, start, j, year, quarter * 3, out);
}

/// Closes a quarter or half that ends with `month`: `末`/`底`/`内` make it
/// a deadline, `前` the day before it begins.
fn period(cs: &[char], start: usize, mut j: usize, year: Year, month: i32, out: &mut Vec<Found>) {
    if at(cs, j, "以来") {
        return;
    }
    let (day, month, strong) = if at(cs, j, "末") || at(cs, j, "底") {
        j += 1 + before_word(cs, j + 1);
        (Day::End, month, true)
    } else if within_word(cs, j) > 0 {
        j += within_word(cs, j);
        (Day::End, month, true)
    } else if before_word(cs, j) > 0 {
        j += before_word(cs, j);
        // Before the period begins: the day before its first month.
        let first = if month == 6 || month == 12 {
            month - 5
        } else {
            month - 2
        };
        (Day::Before, first, true)
    } else {
        (Day::End, month, false)
    };
    out.push(Found {
        start,
        end: j,
        when: When::Calendar { year, month, day },
        strong,
    });
}

fn half_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    if !at(cs, k + 1, "年") || k == 0 {
        return;
    }
    let month = match cs[k - 1] {
        '上' => 6,
        '下' => 12,
        _ => return,
    };
    let Some((year, start)) = year_prefix(cs, k - 1) else {
        return;
    };
    period(cs, start, k + 2, year, month, out);
}

/// `10个工作日内`, `一个月内`, `30天内`, `两周内`, `三年内`, `半个月内`.
fn within_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    let mut u = k;
    if u > 0 && matches!(cs[u - 1], '以' | '之') {
        u -= 1;
    }
    let units: &[(&str, Unit)] = &[
        ("工作日", Unit::WorkDay),
        ("个月", Unit::Month),
        ("个星期", Unit::Week),
        ("星期", Unit::Week),
        ("个周", Unit::Week),
        ("周", Unit::Week),
        ("天", Unit::Day),
        ("日", Unit::Day),
        ("年", Unit::Year),
    ];
    let Some(&(word, unit)) = units.iter().find(|(w, _)| ends_with(cs, u, w)) else {
        return;
    };
    let mut n_end = u - word.chars().count();
    if unit == Unit::WorkDay && n_end > 0 && cs[n_end - 1] == '个' {
        n_end -= 1;
    }
    let (n, unit, start) = if n_end > 0 && cs[n_end - 1] == '半' {
        match unit {
            Unit::Month => (15, Unit::Day, n_end - 1),
            Unit::Year => (6, Unit::Month, n_end - 1),
            _ => return,
        }
    } else {
        let Some((n, start)) = read_back(cs, n_end, 4) else {
            return;
        };
        (n, unit, start)
    };
    // A four-digit year (`2026年内`) is the year's own anchor's.
    if unit == Unit::Year && n_end - start >= 4 {
        return;
    }
    // A date's day (`10月15日内`), a target (`压缩至30个工作日以内`), a look
    // back (`近3年内`, `过去两年内`).
    if start > 0
        && matches!(
            cs[start - 1],
            '月' | '至' | '到' | '在' | '为' | '于' | '近' | '去'
        )
    {
        return;
    }
    if n == 0 {
        return;
    }
    out.push(Found {
        start,
        end: k + 1,
        when: When::Within { n, unit },
        strong: true,
    });
}

/// `“十四五”末`, `十五五期间`: the end of a five-year plan.
fn plan_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    if k < 2 || cs[k - 2] != '十' {
        return;
    }
    let Some(n) = numbers::chinese_value(&cs[k - 1..k]).filter(|n| (1..=9).contains(n)) else {
        return;
    };
    if k > 2 && numbers::is_chinese(cs[k - 3]) {
        return;
    }
    let mut start = k - 2;
    if start > 0 && matches!(cs[start - 1], '“' | '"' | '「' | '‘' | '\'' | '『') {
        start -= 1;
    }
    let mut j = k + 1;
    if matches!(cs.get(j), Some('”' | '"' | '」' | '’' | '\'' | '』')) {
        j += 1;
    }
    let tail = ["末期", "期末", "期间", "时期", "结束前", "末", "收官"]
        .iter()
        .find(|w| at(cs, j, w));
    let Some(tail) = tail else {
        return;
    };
    // The n-th plan ends in 1955 + 5n: 十四五 in 2025.
    let plan = 10 + i32::try_from(n).unwrap_or(0);
    out.push(Found {
        start,
        end: j + tail.chars().count(),
        when: When::Calendar {
            year: Year::Given(1955 + 5 * plan),
            month: 12,
            day: Day::End,
        },
        strong: true,
    });
}

fn every_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    let by = cs[k] != '每';
    let words: &[(&str, Period)] = &[
        ("个月", Period::Month),
        ("月", Period::Month),
        ("季度", Period::Quarter),
        ("季", Period::Quarter),
        ("年度", Period::Year),
        ("年", Period::Year),
        ("周", Period::Week),
        ("星期", Period::Week),
        ("个星期", Period::Week),
    ];
    for (w, period) in words {
        // `按年度计划` is by a plan, not every year.
        if by && matches!(period, Period::Year) {
            continue;
        }
        if at(cs, k + 1, w) {
            out.push(Found {
                start: k,
                end: k + 1 + w.chars().count(),
                when: When::Every(*period),
                strong: false,
            });
            return;
        }
    }
}

fn named_at(cs: &[char], k: usize, out: &mut Vec<Found>) {
    let end = if k > 0 && matches!(cs[k - 1], '之' | '以') {
        k - 1
    } else {
        k
    };
    if let Some(name) = NAMED.iter().find(|n| ends_with(cs, end, n)) {
        out.push(Found {
            start: end - name.chars().count(),
            end: k + 1,
            when: When::Named,
            strong: false,
        });
    }
}

/// Why a phrase has no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `2月30日前`, `13月底`.
    NotADate(String),
    /// Before 1990 or after 2100.
    OutOfRange(String, i32),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NotADate(text) => {
                write!(
                    f,
                    "“{text}” is not a calendar date; its deadline is left open"
                )
            }
            Problem::OutOfRange(text, year) => write!(
                f,
                "“{text}” names the year {year}, outside 1990–2100; its deadline is left open"
            ),
        }
    }
}

enum Resolved {
    Date(Date, bool),
    /// No calendar date: a kind, and perhaps a problem to report.
    Open(DueKind, Option<Period>),
}

/// What is wrong with a phrase's date, before the phrase's words are added.
#[derive(Debug, Clone, Copy)]
enum Fault {
    NotADate,
    OutOfRange(i32),
}

impl Fault {
    fn with(self, text: String) -> Problem {
        match self {
            Fault::NotADate => Problem::NotADate(text),
            Fault::OutOfRange(year) => Problem::OutOfRange(text, year),
        }
    }
}

fn checked(year: i32) -> Result<i16, Fault> {
    if !YEARS.contains(&year) {
        return Err(Fault::OutOfRange(year));
    }
    i16::try_from(year).map_err(|_| Fault::OutOfRange(year))
}

fn calendar_date(year: i16, month: i32, day: Day) -> Result<Date, Fault> {
    let bad = || Fault::NotADate;
    let m = i8::try_from(month).ok().filter(|m| (1..=12).contains(m));
    let m = m.ok_or_else(bad)?;
    let first = Date::new(year, m, 1).map_err(|_| bad())?;
    match day {
        Day::End => Ok(first.last_of_month()),
        Day::Before => first.yesterday().map_err(|_| bad()),
        Day::Exact(d) => {
            let d = i8::try_from(d).map_err(|_| bad())?;
            Date::new(year, m, d).map_err(|_| bad())
        }
    }
}

fn resolve(when: When, base: Base) -> Result<Resolved, Fault> {
    match when {
        When::Calendar { year, month, day } => {
            let (y, assumed) = match year {
                Year::Given(y) => (y, false),
                Year::This | Year::Implied => match base.year {
                    Some(y) => (i32::from(y), base.assumed()),
                    None => return Ok(Resolved::Open(DueKind::Unresolved, None)),
                },
                Year::Next => match base.year {
                    Some(y) => (i32::from(y) + 1, base.assumed()),
                    None => return Ok(Resolved::Open(DueKind::Unresolved, None)),
                },
            };
            let mut date = calendar_date(checked(y)?, month, day)?;
            // A month already past when the briefing was written is next year's.
            if year == Year::Implied
                && let Some(written) = base.date
                && date < written.first_of_month()
            {
                date = calendar_date(checked(y + 1)?, month, day)?;
            }
            Ok(Resolved::Date(date, assumed))
        }
        When::Within { n, unit } => {
            let Some(from) = base.date else {
                return Ok(Resolved::Open(DueKind::Unresolved, None));
            };
            let n = i64::from(n.min(100_000));
            let date = match unit {
                Unit::WorkDay => add_working_days(from, n),
                Unit::Day => from.checked_add(n.days()).ok(),
                Unit::Week => from.checked_add((n * 7).days()).ok(),
                Unit::Month => from.checked_add(n.months()).ok(),
                Unit::Year => from.checked_add(n.years()).ok(),
            };
            match date {
                Some(d) if YEARS.contains(&i32::from(d.year())) => Ok(Resolved::Date(d, false)),
                Some(d) => Err(Fault::OutOfRange(i32::from(d.year()))),
                None => Err(Fault::OutOfRange(i32::MAX)),
            }
        }
        When::Every(p) => Ok(Resolved::Open(DueKind::Recurring, Some(p))),
        When::Ongoing => Ok(Resolved::Open(DueKind::Ongoing, None)),
        When::Named => Ok(Resolved::Open(DueKind::Unresolved, None)),
    }
}

/// `n` working days (Monday to Friday) after `from`.
pub fn add_working_days(from: Date, n: i64) -> Option<Date> {
    let mut date = from;
    let mut left = n;
    while left > 0 {
        date = date.tomorrow().ok()?;
        if !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
        if date.year() > 2100 {
            return None;
        }
    }
    Some(date)
}

/// Which phrase is the item's deadline: the first one under a label
/// (`完成时限：`); else the last that reads as a deadline (ends in
/// 前/内/底/末: in the texts read, milestones come first and the task's
/// completion last); else the last bare period (`全年`, `上半年`); else the
/// first named time (`春节前`: a deadline no calendar fixes), the first
/// recurring one, the first ongoing one.
fn choose(found: &[Found], labels: &[std::ops::Range<usize>]) -> Option<Found> {
    let under_label = found.iter().find(|f| in_label(labels, f.start));
    if let Some(f) = under_label {
        return Some(*f);
    }
    let is_calendar = |f: &&Found| matches!(f.when, When::Calendar { .. } | When::Within { .. });
    found
        .iter()
        .filter(is_calendar)
        .rfind(|f| f.strong)
        .or_else(|| found.iter().rfind(is_calendar))
        .or_else(|| found.iter().find(|f| f.when == When::Named))
        .or_else(|| found.iter().find(|f| matches!(f.when, When::Every(_))))
        .or_else(|| found.iter().find(|f| f.when == When::Ongoing))
        .copied()
}

/// The most characters a label's value (`完成时限：…`) runs to.
const MAX_LABEL: usize = 40;

/// How many of an item's time phrases are checked for faults to report.
const MAX_REPORTED: usize = 16;

/// An item's deadline, and whether it stood under a label (`完成时限：`), which
/// a task table's column does not override.
pub struct Deadline {
    pub due: Due,
    pub labelled: bool,
}

/// The deadline the text `cs` names, resolved against `base`; problems
/// (impossible or far-off dates) are pushed to `problems`.
pub fn due(
    cs: &[char],
    anchors: &[usize],
    base: Base,
    problems: &mut Vec<Problem>,
) -> Option<Deadline> {
    let (found, labels) = find(cs, anchors);
    if found.is_empty() {
        return None;
    }
    let text_of = |f: &Found| cs[f.start..f.end].iter().collect::<String>();
    // Every impossible date is reported, chosen or not (the first few: a
    // text of thousands is one problem said often enough).
    for f in found.iter().take(MAX_REPORTED) {
        if let Err(fault) = resolve(f.when, base) {
            problems.push(fault.with(text_of(f)));
        }
    }
    let chosen = choose(&found, &labels)?;
    let labelled = in_label(&labels, chosen.start);
    let text = text_of(&chosen);
    let due = match resolve(chosen.when, base) {
        Ok(Resolved::Date(date, assumed_year)) => Due {
            text,
            date: Some(date),
            kind: DueKind::By,
            assumed_year,
            every: None,
        },
        Ok(Resolved::Open(kind, every)) => Due {
            text,
            date: None,
            kind,
            assumed_year: false,
            every,
        },
        Err(_) => Due {
            text,
            date: None,
            kind: DueKind::Unresolved,
            assumed_year: false,
            every: None,
        },
    };
    Some(Deadline { due, labelled })
}

/// The deadline a task table's 完成时限 cell names: the whole cell is a label's
/// value.
pub fn due_in_cell(text: &str, base: Base, problems: &mut Vec<Problem>) -> Option<Due> {
    let cs: Vec<char> = format!("时限：{text}").chars().collect();
    due(&cs, &anchors_of(&cs), base, problems).map(|d| d.due)
}
