//! The follow-up ledger written out (LEDGER.md): a table for the terminal,
//! JSON for scripts, CSV and Excel for handing on, an iCalendar file of to-dos.
//! Each writer takes the same [`Row`]s, built once from the ledger's entries;
//! none of them knows about the terminal or the clock (today is given).

pub mod csv;
pub mod ics;
pub mod table;
pub mod xlsx;

use jiff::civil::Date;
use serde::Serialize;

use crate::briefing::ledger::{Due, LeadFrom, Target};
use crate::briefing::{Briefing, ItemId};
use crate::ledger::Entry;
use crate::store::{Marks, Status, briefing_key};

/// One ledger line, with everything every writer needs, borrowed from the
/// briefings and the marks.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The briefing's key in the store: with `id`, the item's identity.
    pub key: String,
    pub id: ItemId,
    /// The briefing's title.
    pub briefing: &'a str,
    /// The section's label (`市某局 张三`, or a chapter's headline).
    pub section: String,
    pub marker: &'a str,
    pub title: &'a str,
    pub lead: Option<&'a str>,
    pub lead_from: Option<LeadFrom>,
    pub support: &'a [String],
    pub due: Option<&'a Due>,
    /// The date it is due by (a recurring item's next occurrence).
    pub due_date: Option<Date>,
    pub targets: &'a [Target],
    pub status: Status,
    /// The progress log without withdrawn entries, oldest first.
    pub progress: Vec<ProgressLine<'a>>,
    /// When it was marked done (UTC stamp), if it is done.
    pub done_at: Option<&'a str>,
    pub overdue: bool,
    pub days_left: Option<i32>,
}

/// One progress entry as the exports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressLine<'a> {
    pub date: &'a str,
    pub text: &'a str,
}

impl<'a> Row<'a> {
    pub fn new(e: &Entry, briefings: &'a [Briefing], marks: &'a Marks) -> Row<'a> {
        let b = e.briefing(briefings);
        let item = e.item(briefings);
        let paragraphs = &e.section(briefings).paragraphs;
        let f = &item.followup;
        let mark = e.mark(briefings, marks);
        Row {
            key: briefing_key(b).into_owned(),
            id: item.id,
            briefing: &b.title,
            section: e.section(briefings).label(),
            marker: item.marker(paragraphs),
            title: item.title(paragraphs),
            lead: f.lead.as_deref(),
            lead_from: f.lead_from,
            support: f.support(),
            due: f.due(),
            due_date: e.due,
            targets: f.targets(),
            status: e.status.clone(),
            progress: mark
                .map(|m| {
                    m.progress()
                        .map(|p| ProgressLine {
                            date: &p.date,
                            text: &p.text,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            done_at: mark.filter(|m| m.done).and_then(|m| m.done_at.as_deref()),
            overdue: e.overdue,
            days_left: e.days_left,
        }
    }

    /// The item as a list shows it: marker and title.
    pub fn item(&self) -> String {
        if self.marker.is_empty() {
            self.title.to_owned()
        } else {
            format!("{} {}", self.marker, self.title)
        }
    }

    /// The deadline as a cell shows it: the date, else the words.
    pub fn due_cell(&self) -> String {
        match (self.due_date, self.due) {
            (Some(d), _) => d.to_string(),
            (None, Some(due)) => due.text.clone(),
            (None, None) => String::new(),
        }
    }

    /// The deadline as written (`11月底前`).
    pub fn due_text(&self) -> &str {
        self.due.map_or("", |d| d.text.as_str())
    }

    pub fn days_cell(&self) -> String {
        self.days_left.map(|d| d.to_string()).unwrap_or_default()
    }

    pub fn latest(&self) -> Option<&ProgressLine<'a>> {
        self.progress.last()
    }

    /// The newest progress entry, dated: `2026-11-20 已完成招标`.
    pub fn latest_cell(&self) -> String {
        self.latest()
            .map(|p| format!("{} {}", p.date, p.text))
            .unwrap_or_default()
    }

    /// Where it comes from: `briefing › section`.
    pub fn source(&self) -> String {
        if self.section.is_empty() {
            self.briefing.to_owned()
        } else {
            format!("{} › {}", self.briefing, self.section)
        }
    }

    pub fn support_cell(&self) -> String {
        self.support.join("、")
    }
}

/// The rows of `entries`, in their order.
pub fn rows<'a>(entries: &[Entry], briefings: &'a [Briefing], marks: &'a Marks) -> Vec<Row<'a>> {
    entries
        .iter()
        .map(|e| Row::new(e, briefings, marks))
        .collect()
}

/// `brief ledger --json`: one object per item (LEDGER.md's contract).
#[derive(Debug, Serialize)]
pub struct JsonRow<'a> {
    pub id: ItemId,
    pub briefing: &'a str,
    pub section: &'a str,
    pub marker: &'a str,
    pub title: &'a str,
    pub lead: Option<&'a str>,
    pub lead_from: Option<LeadFrom>,
    pub support: &'a [String],
    pub due: Option<&'a Due>,
    pub targets: &'a [Target],
    pub status: &'a str,
    pub progress: &'a [ProgressLine<'a>],
    pub overdue: bool,
    pub days_left: Option<i32>,
}

impl<'a> From<&'a Row<'a>> for JsonRow<'a> {
    fn from(r: &'a Row<'a>) -> Self {
        JsonRow {
            id: r.id,
            briefing: r.briefing,
            section: &r.section,
            marker: r.marker,
            title: r.title,
            lead: r.lead,
            lead_from: r.lead_from,
            support: r.support,
            due: r.due,
            targets: r.targets,
            status: r.status.name(),
            progress: &r.progress,
            overdue: r.overdue,
            days_left: r.days_left,
        }
    }
}

pub fn json(out: &mut impl std::io::Write, rows: &[Row]) -> std::io::Result<()> {
    let list: Vec<JsonRow> = rows.iter().map(JsonRow::from).collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// Per lead unit: how many items, how many done, in progress and overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadTotals {
    pub lead: String,
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub overdue: usize,
}

/// What items without a lead unit are summed under.
pub const NO_LEAD: &str = "（未明确）";

/// The summary per lead unit, the busiest first (ties by first appearance).
pub fn totals_by_lead(rows: &[Row]) -> Vec<LeadTotals> {
    let mut out: Vec<LeadTotals> = Vec::new();
    for r in rows {
        let lead = r.lead.unwrap_or(NO_LEAD);
        let at = if let Some(i) = out.iter().position(|t| t.lead == lead) {
            i
        } else {
            out.push(LeadTotals {
                lead: lead.to_owned(),
                ..LeadTotals::default()
            });
            out.len() - 1
        };
        let t = &mut out[at];
        t.total += 1;
        t.done += usize::from(r.status == Status::Done);
        t.in_progress += usize::from(r.status == Status::InProgress);
        t.overdue += usize::from(r.overdue);
    }
    // A stable sort keeps first appearance among equals.
    out.sort_by_key(|t| std::cmp::Reverse(t.total));
    out
}
