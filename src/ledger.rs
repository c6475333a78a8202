//! The follow-up ledger (督办台账, LEDGER.md): one row per item of the open
//! briefings, with where it stands today. Shared by the reader's ledger view,
//! `brief ledger` and the exports; pure, with `today` given.

use std::borrow::Borrow;

use jiff::civil::Date;

use crate::briefing::ledger::{DueKind, Followup};
use crate::briefing::{Briefing, Item, Section};
use crate::store::{ItemMark, Marks, Status};

/// One item in the ledger: where it is, and what today makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Briefing, section and item indices.
    pub b: usize,
    pub s: usize,
    pub i: usize,
    pub status: Status,
    /// The date it is due by (a recurring item's next occurrence).
    pub due: Option<Date>,
    /// Days from today to `due`; negative when it has passed.
    pub days_left: Option<i32>,
    /// Due before today and not 已完成.
    pub overdue: bool,
}

impl Entry {
    pub fn briefing<'a, B: Borrow<Briefing>>(&self, briefings: &'a [B]) -> &'a Briefing {
        briefings[self.b].borrow()
    }

    pub fn section<'a, B: Borrow<Briefing>>(&self, briefings: &'a [B]) -> &'a Section {
        &self.briefing(briefings).sections[self.s]
    }

    pub fn item<'a, B: Borrow<Briefing>>(&self, briefings: &'a [B]) -> &'a Item {
        &self.section(briefings).items[self.i]
    }

    pub fn followup<'a, B: Borrow<Briefing>>(&self, briefings: &'a [B]) -> &'a Followup {
        &self.item(briefings).followup
    }

    pub fn mark<'a, B: Borrow<Briefing>>(
        &self,
        briefings: &[B],
        marks: &'a Marks,
    ) -> Option<&'a ItemMark> {
        marks.item(self.briefing(briefings), &self.item(briefings).id.hex())
    }

    /// Whether it is due within `days` days from today (and not done).
    pub fn due_within(&self, days: i32) -> bool {
        self.status != Status::Done && self.days_left.is_some_and(|d| (0..=days).contains(&d))
    }
}

/// How many days from `today` to `date`.
pub fn days_between(today: Date, date: Date) -> i32 {
    let days = today.duration_until(date).as_secs() / 86_400;
    i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
}

/// Every item of `briefings`, in ledger order (see [`sort`]).
pub fn entries<B: Borrow<Briefing>>(briefings: &[B], marks: &Marks, today: Date) -> Vec<Entry> {
    let mut out = Vec::new();
    for (b, briefing) in briefings.iter().enumerate() {
        let briefing: &Briefing = briefing.borrow();
        for (s, section) in briefing.sections.iter().enumerate() {
            for (i, item) in section.items.iter().enumerate() {
                out.push(entry(briefing, marks, today, (b, s, i), item));
            }
        }
    }
    sort(&mut out);
    out
}

fn entry(
    briefing: &Briefing,
    marks: &Marks,
    today: Date,
    (b, s, i): (usize, usize, usize),
    item: &Item,
) -> Entry {
    let status = marks.status(briefing, &item.id.hex());
    let due = item.followup.due().and_then(|d| match d.kind {
        DueKind::By | DueKind::Recurring => d.date,
        DueKind::Ongoing | DueKind::Unresolved => None,
    });
    let days_left = due.map(|d| days_between(today, d));
    Entry {
        b,
        s,
        i,
        overdue: status != Status::Done && days_left.is_some_and(|d| d < 0),
        status,
        due,
        days_left,
    }
}

/// Ledger order: overdue items first (the longest overdue on top), then by
/// due date, then those without one; ties keep reading order.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        (!a.overdue, a.due.is_none(), a.due, a.b, a.s, a.i).cmp(&(
            !b.overdue,
            b.due.is_none(),
            b.due,
            b.b,
            b.s,
            b.i,
        ))
    });
}

/// What `brief ledger` and the ledger view narrow the rows to. Every part
/// that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the lead unit's name.
    pub lead: Option<String>,
    pub status: Option<Status>,
    /// Part of the briefing's title or file name.
    pub briefing: Option<String>,
    pub overdue_only: bool,
    /// Due strictly before this date.
    pub due_before: Option<Date>,
}

impl Filter {
    pub fn matches<B: Borrow<Briefing>>(&self, e: &Entry, briefings: &[B]) -> bool {
        let f = e.followup(briefings);
        let b = e.briefing(briefings);
        self.lead.as_deref().is_none_or(|want| {
            f.lead.as_deref().is_some_and(|l| l.contains(want))
                || f.support().iter().any(|s| s.contains(want))
        }) && self.status.as_ref().is_none_or(|s| *s == e.status)
            && self
                .briefing
                .as_deref()
                .is_none_or(|want| b.title.contains(want) || b.path.contains(want))
            && (!self.overdue_only || e.overdue)
            && self
                .due_before
                .is_none_or(|d| e.due.is_some_and(|due| due < d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::ledger::Due;
    use crate::briefing::parse_text;

    fn dated(text: &str, date: Date) -> Due {
        let date = Some(date);
        Due {
            text: text.into(),
            date,
            kind: DueKind::By,
            assumed_year: false,
            every: None,
        }
    }

    #[test]
    fn overdue_first_then_by_date_then_undated() {
        let mut b = parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。三是美化街巷。四是整治停车。\n",
        );
        let items = &mut b.sections[0].items;
        items[0]
            .followup
            .set_due(Some(dated("12月底前", jiff::civil::date(2026, 12, 31))));
        items[1].followup.set_due(None);
        items[2]
            .followup
            .set_due(Some(dated("11月底前", jiff::civil::date(2026, 11, 30))));
        items[3]
            .followup
            .set_due(Some(dated("10月底前", jiff::civil::date(2026, 10, 31))));
        let mut marks = Marks::default();
        // The one due in October is done: not overdue.
        marks.set_done(
            &b,
            0,
            &b.sections[0].items[3],
            true,
            "2026-11-01T00:00:00.000Z",
        );
        let briefings = [b];
        let rows = entries(&briefings, &marks, jiff::civil::date(2026, 12, 1));
        let order: Vec<usize> = rows.iter().map(|e| e.i).collect();
        assert_eq!(order, [2, 3, 0, 1]);
        assert!(rows[0].overdue);
        assert_eq!(rows[0].days_left, Some(-1));
        assert!(!rows[1].overdue, "done is never overdue");
        assert_eq!(rows[2].days_left, Some(30));
        assert_eq!(rows[3].days_left, None);
        let only = Filter {
            overdue_only: true,
            ..Filter::default()
        };
        let kept: Vec<_> = rows
            .iter()
            .filter(|e| only.matches(e, &briefings))
            .collect();
        assert_eq!(kept.len(), 1);
        let by_lead = Filter {
            lead: Some("城市管理".into()),
            status: Some(Status::Done),
            ..Filter::default()
        };
        let kept: Vec<_> = rows
            .iter()
            .filter(|e| by_lead.matches(e, &briefings))
            .map(|e| e.i)
            .collect();
        assert_eq!(kept, [3]);
    }
}
