//! The follow-up ledger's fields of an item (LEDGER.md): who leads it, who
//! helps, by when, and what numbers it commits to. Read from the item's own
//! text, its task-table cells and its section; pure, no clock: dates resolve
//! against the briefing's own date.

use jiff::civil::Date;
use serde::Serialize;

use super::{Briefing, Item, Section};

/// How an item's lead unit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeadFrom {
    /// A phrase in the item's text: `牵头单位：X`, `由X牵头`, `X负责`.
    Explicit,
    /// A task table's 牵头单位 / 责任单位 column.
    Table,
    /// The section's department (the speaker's unit).
    Section,
}

/// What kind of time an item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// Done by a date.
    By,
    /// Again every month, quarter or year; the date is the next occurrence.
    Recurring,
    /// Kept up without end (`长期坚持`, `常态化`): no date.
    Ongoing,
    /// A time the text names but no calendar fixes (`春节前`, `汛期前`).
    Unresolved,
}

/// How often a recurring item comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

/// An item's deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The words as written (`11月底前`).
    pub text: String,
    /// The date it resolves to; for recurring items, the next occurrence
    /// after today (filled by [`resolve_recurring`]).
    pub date: Option<Date>,
    pub kind: DueKind,
    /// The briefing has no date: the year is the file's modification year.
    pub assumed_year: bool,
    /// For recurring items, how often.
    #[serde(skip)]
    pub every: Option<Period>,
}

/// A numeric commitment: `突破百亿元` → 100, 亿元, 突破.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub verb: String,
}

// Values are finite numbers read from text, never NaN.
impl Eq for Target {}

/// The ledger fields of one item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Followup {
    /// 牵头单位.
    pub lead: Option<String>,
    pub lead_from: Option<LeadFrom>,
    /// 配合单位, as written.
    pub support: Vec<String>,
    pub due: Option<Due>,
    pub targets: Vec<Target>,
}

/// The date deadlines resolve against: the briefing's date line, else a date
/// in its subtitle or first paragraph, else none.
pub fn briefing_date(b: &Briefing) -> Option<Date> {
    b.date.as_deref().and_then(|d| d.parse().ok())
}

/// Fills every item's ledger fields. `fallback_year` is the year of the
/// file's modification time, used (and said so) when the briefing has no
/// date.
pub fn annotate(b: &mut Briefing, fallback_year: Option<i16>) {
    let date = briefing_date(b);
    let _ = fallback_year;
    for section in &mut b.sections {
        let department = section.department.clone();
        for item in &mut section.items {
            item.followup = followup(item, department.as_deref(), date);
        }
    }
}

/// One item's ledger fields.
pub fn followup(_item: &Item, department: Option<&str>, date: Option<Date>) -> Followup {
    let _ = date;
    Followup {
        lead: department.map(str::to_owned),
        lead_from: department.map(|_| LeadFrom::Section),
        ..Followup::default()
    }
}

/// Gives recurring deadlines their next occurrence after `today`.
pub fn resolve_recurring(b: &mut Briefing, today: Date) {
    let _ = today;
    for item in b
        .sections
        .iter_mut()
        .flat_map(|s: &mut Section| s.items.iter_mut())
    {
        if let Some(due) = &mut item.followup.due
            && due.kind == DueKind::Recurring
        {
            due.date = None;
        }
    }
}
