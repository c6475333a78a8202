//! A library of briefings: the month each belongs to, and the order the
//! departments pane lists them in (newest month first).
//!
//! A briefing's month is its own date (a date line, 成文日期, or a full date in
//! the subtitle or first paragraph), else a year and month in its path (a month
//! folder `2026-03`, `202603`, `2026年3月`, or a dated file name), else the day
//! its file was last changed.

use jiff::civil::Date;

use crate::briefing::Briefing;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

impl Month {
    fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }
}

/// What the departments pane lists (the `cycle_show` key cycles it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    All,
    /// Only briefings and sections with items not done.
    Open,
    /// Only those with items past their deadline and not done.
    Overdue,
}

impl Show {
    #[must_use]
    pub fn next(self) -> Show {
        match self {
            Show::All => Show::Open,
            Show::Open => Show::Overdue,
            Show::Overdue => Show::All,
        }
    }
}

/// Where a briefing sits in time: the day it is dated, when it says, and its
/// month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shelf {
    pub date: Option<Date>,
    pub month: Option<Month>,
}

impl Shelf {
    pub fn of(b: &Briefing) -> Shelf {
        let date = crate::briefing::ledger::briefing_date(b);
        let month = date
            .map(Month::of)
            .or_else(|| month_in_path(&b.path))
            .or_else(|| b.filed.map(Month::of));
        Shelf { date, month }
    }
}

/// The last year and month named in a path: its file name first, then the
/// folders above it.
pub fn month_in_path(path: &str) -> Option<Month> {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    parts.iter().rev().find_map(|p| month_in(p))
}

/// The first year-and-month in `name`: four digits from 1990 to 2100, then a
/// month of one or two digits after `-`, `_`, `.` or `年`, or two digits right
/// after (`202603`, `20260315`).
fn month_in(name: &str) -> Option<Month> {
    let cs: Vec<char> = name.chars().collect();
    let digit = |i: usize| cs.get(i).and_then(|c| c.to_digit(10));
    for start in 0..cs.len() {
        // A year stands alone: no digit just before it.
        if start > 0 && digit(start - 1).is_some() {
            continue;
        }
        let Some(year) = (0..4).try_fold(0u32, |y, k| digit(start + k).map(|d| y * 10 + d)) else {
            continue;
        };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let after = start + 4;
        let month = match cs.get(after) {
            Some('-' | '_' | '.' | '年') => {
                let first = digit(after + 1);
                let second = digit(after + 2);
                match (first, second) {
                    (Some(a), Some(b)) => Some(a * 10 + b),
                    (Some(a), None) => Some(a),
                    _ => None,
                }
            }
            Some(_) => digit(after).zip(digit(after + 1)).map(|(a, b)| a * 10 + b),
            None => None,
        };
        if let Some(m) = month.filter(|m| (1..=12).contains(m)) {
            return Some(Month {
                year: i16::try_from(year).ok()?,
                month: i8::try_from(m).ok()?,
            });
        }
    }
    None
}

/// Sorts briefing numbers into library order: newest month first (undated
/// last), then newest date first, then by path.
pub fn sort(
    order: &mut [usize],
    briefings: &[impl std::borrow::Borrow<Briefing>],
    shelves: &[Shelf],
) {
    order.sort_by(|&a, &b| {
        let (sa, sb) = (shelves[a], shelves[b]);
        sb.month
            .cmp(&sa.month)
            .then(sb.date.cmp(&sa.date))
            .then_with(|| briefings[a].borrow().path.cmp(&briefings[b].borrow().path))
    });
}

/// A department's name, taken apart so that the same office named three
/// ways is one: `运城市水务局`, `市水务局` and `水务局`.
///
/// The rule: a leading place of two or three characters ending in 省, 市, 县
/// or 区 (`运城市`, `平陆县`), or a bare level (`市`, `县`, `区`) is taken off
/// the front, more than once for `运城市盐湖区`; what is left is the office.
/// Two names are one department when their offices are the same and their
/// places and levels do not disagree (a name that gives none agrees with any).
/// Where it stops: the library is taken to be one city's, so `市水务局` in a
/// briefing of another city is the same office; 市场, 市政 (not 市政府), 市容,
/// 区域 and 县域 begin offices and are not levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// `运城`, `运城盐湖`: the places named, end to end.
    pub place: String,
    /// The last level named: 省, 市, 县 or 区.
    pub level: Option<char>,
    /// The office: `水务局`.
    pub office: String,
}

/// Words that begin with a level character but are part of the office.
const NOT_LEVELS: [&str; 5] = ["市场", "市政", "市容", "区域", "县域"];

impl Department {
    pub fn of(name: &str) -> Department {
        let mut rest: &str = name.trim();
        let mut place = String::new();
        let mut level = None;
        loop {
            if NOT_LEVELS.iter().any(|w| rest.starts_with(w)) && !rest.starts_with("市政府") {
                break;
            }
            let cs: Vec<(usize, char)> = rest.char_indices().take(4).collect();
            // A bare level, or a place of two or three characters and its level.
            let cut = cs.iter().enumerate().find_map(|(k, &(at, c))| {
                (matches!(c, '省' | '市' | '县' | '区') && (k == 0 || (2..=3).contains(&k)))
                    .then_some((k, at, c))
            });
            let Some((k, at, c)) = cut else {
                break;
            };
            let after = &rest[at + c.len_utf8()..];
            // Something must be left, and it must not be only a level.
            if after.chars().count() < 2 {
                break;
            }
            place.push_str(&rest[..at]);
            level = Some(c);
            rest = after;
            if k == 0 {
                break;
            }
        }
        Department {
            place,
            level,
            office: rest.to_owned(),
        }
    }

    /// Whether `self` and `other` name the same office.
    pub fn same(&self, other: &Department) -> bool {
        let agree = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
        self.office == other.office
            && agree(&self.place, &other.place)
            && (self.level.is_none() || other.level.is_none() || self.level == other.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)]
    fn m(year: i16, month: i8) -> Option<Month> {
        Some(Month { year, month })
    }

    fn same(a: &str, b: &str) -> bool {
        Department::of(a).same(&Department::of(b))
    }

    #[test]
    fn one_office_named_three_ways() {
        assert!(same("运城市水务局", "市水务局"));
        assert!(same("运城市水务局", "水务局"));
        assert!(same("市水务局", "水务局"));
        assert!(same("运城市市场监督管理局", "市市场监督管理局"));
        assert!(same("市场监督管理局", "市市场监督管理局"));
        assert!(same("平陆县发展和改革局", "县发展和改革局"));
        let d = Department::of("运城市盐湖区水务局");
        assert_eq!(
            (d.place.as_str(), d.level, d.office.as_str()),
            ("运城盐湖", Some('区'), "水务局")
        );
    }

    #[test]
    fn different_offices_stay_apart() {
        assert!(!same("运城市水务局", "太原市水务局"));
        assert!(!same("市水务局", "市商务局"));
        // A district's office is not the city's.
        assert!(!same("运城市盐湖区水务局", "运城市水务局"));
        assert!(!same("区水务局", "市水务局"));
        // A development zone is a name, not a place and a level.
        assert_eq!(
            Department::of("临河经济技术开发区").office,
            "临河经济技术开发区"
        );
        assert!(same("运城市政府办公室", "市政府办公室"));
        assert!(!same("市政府办公室", "市政工程管理处"));
        assert_eq!(Department::of("市委办公室").office, "委办公室");
    }

    #[test]
    fn months_in_paths() {
        assert_eq!(month_in_path("library/2026-03/0335.txt"), m(2026, 3));
        assert_eq!(month_in_path("库/2025年11月/会议纪要.txt"), m(2025, 11));
        assert_eq!(month_in_path("a/202604/x.docx"), m(2026, 4));
        assert_eq!(month_in_path("a/20260415-纪要.txt"), m(2026, 4));
        assert_eq!(month_in_path("2026.7/纪要.txt"), m(2026, 7));
        // The file name wins over its folder.
        assert_eq!(month_in_path("2026-03/2026-04-01纪要.txt"), m(2026, 4));
        // Not a year and month.
        assert_eq!(month_in_path("第12026期/0335.txt"), None);
        assert_eq!(month_in_path("2026-13/x.txt"), None);
        assert_eq!(month_in_path("notes/1200.txt"), None);
        assert_eq!(month_in_path("3000-01/x.txt"), None);
    }
}
