//! The ledger view's model (督办台账 in the reader): every item of the open
//! briefings in ledger order ([`crate::ledger::entries`]), narrowed by a
//! filter line. Plain data, no terminal: the drawing is `ui/ledger.rs`, the
//! keys `update/ledger.rs`.
//!
//! The filter line holds words, all of which must hold: a status name
//! (未启动, 推进中, 已完成, 暂缓, or `done`, `paused`…) keeps that status,
//! 逾期/`overdue` keeps overdue items, 临期/`soon` those due within seven
//! days, and any other word must appear in the item's lead or supporting
//! units, its briefing's title or file, its section or its title.

use std::sync::Arc;

use jiff::civil::Date;

use super::field::{Lines, TextField};
use crate::briefing::Briefing;
use crate::ledger::{Entry, Filter, entries};
use crate::store::{Marks, Status};

/// Days ahead within which an item counts as due soon.
pub const SOON_DAYS: i32 = 7;

/// The ledger view's state.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// Every item, in ledger order.
    pub rows: Vec<Entry>,
    /// Per item in reading order, the text plain words are looked for in
    /// (lower case). It does not change with the marks, so it is built once.
    haystacks: Vec<String>,
    /// Where each section's items start in `haystacks`, by briefing.
    starts: Vec<Vec<usize>>,
    /// Rows the filter keeps, as indices into `rows`.
    pub shown: Vec<usize>,
    /// The selected row, an index into `shown`.
    pub selected: usize,
    /// The first row the table shows (kept by [`crate::tui::state::State::fit`]).
    pub offset: usize,
    pub filter: TextField,
    /// Whether keys go to the filter line.
    pub editing: bool,
    /// The day days are counted from.
    pub today: Date,
    /// The marks' generation the rows were built from.
    pub generation: u64,
}

/// A filter line read into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The status and overdue parts, as `brief ledger` takes them.
    pub filter: Filter,
    /// Due within [`SOON_DAYS`].
    pub soon: bool,
    /// Other words, in lower case.
    pub words: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(status) = Status::parse(&lower) {
                q.filter.status = Some(status);
            } else if ["逾期", "超期", "overdue"].contains(&lower.as_str()) {
                q.filter.overdue_only = true;
            } else if ["临期", "soon"].contains(&lower.as_str()) {
                q.soon = true;
            } else {
                q.words.push(lower);
            }
        }
        q
    }
}

/// The text each item's plain filter words are looked for in, in reading
/// order, and where each section starts in it.
fn build_haystacks(briefings: &[Arc<Briefing>]) -> (Vec<String>, Vec<Vec<usize>>) {
    let mut all = Vec::new();
    let mut starts = Vec::with_capacity(briefings.len());
    for b in briefings {
        let place = format!("{}\u{1f}{}", b.title, b.path).to_lowercase();
        let mut here = Vec::with_capacity(b.sections.len());
        for section in &b.sections {
            here.push(all.len());
            let label = section.label().to_lowercase();
            for item in &section.items {
                let f = &item.followup;
                let mut text = String::with_capacity(place.len() + label.len() + 64);
                let title = item.title(&section.paragraphs);
                for part in f
                    .lead
                    .as_deref()
                    .into_iter()
                    .chain(f.support().iter().map(String::as_str))
                    .chain([title])
                {
                    text.push_str(&part.to_lowercase());
                    text.push('\u{1f}');
                }
                text.push_str(&label);
                text.push('\u{1f}');
                text.push_str(&place);
                all.push(text);
            }
        }
        starts.push(here);
    }
    (all, starts)
}

impl Ledger {
    pub fn new(briefings: &[Arc<Briefing>], marks: &Marks, today: Date, generation: u64) -> Ledger {
        let (haystacks, starts) = build_haystacks(briefings);
        let mut l = Ledger {
            rows: Vec::new(),
            haystacks,
            starts,
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            filter: TextField::new("", Lines::One),
            editing: false,
            today,
            generation,
        };
        l.refresh(briefings, marks, today, generation);
        l
    }

    /// Builds the rows again (the marks or the day changed), keeping the
    /// selected item selected.
    pub fn refresh(
        &mut self,
        briefings: &[Arc<Briefing>],
        marks: &Marks,
        today: Date,
        generation: u64,
    ) {
        let keep = self.selected_entry().map(|e| (e.b, e.s, e.i));
        self.rows = entries(briefings, marks, today);
        self.today = today;
        self.generation = generation;
        self.refilter(briefings, keep);
    }

    /// Applies the filter line (after it changed), keeping the selected item
    /// selected when it is still shown.
    pub fn apply_filter(&mut self, briefings: &[Arc<Briefing>]) {
        let keep = self.selected_entry().map(|e| (e.b, e.s, e.i));
        self.refilter(briefings, keep);
    }

    fn refilter(&mut self, briefings: &[Arc<Briefing>], keep: Option<(usize, usize, usize)>) {
        let q = Query::parse(self.filter.text());
        self.shown.clear();
        let (haystacks, starts) = (&self.haystacks, &self.starts);
        self.shown.extend(
            self.rows
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    let hay = starts
                        .get(e.b)
                        .and_then(|s| s.get(e.s))
                        .and_then(|&start| haystacks.get(start + e.i))
                        .map_or("", String::as_str);
                    q.filter.matches(e, briefings)
                        && (!q.soon || e.due_within(SOON_DAYS))
                        && q.words.iter().all(|w| hay.contains(w.as_str()))
                })
                .map(|(k, _)| k),
        );
        let found = keep.and_then(|key| {
            self.shown.iter().position(|&k| {
                let e = &self.rows[k];
                (e.b, e.s, e.i) == key
            })
        });
        self.selected = found.unwrap_or(self.selected);
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&k| &self.rows[k])
    }

    /// Moves the selection by `delta` rows, within the rows shown.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Overdue items among the rows shown.
    pub fn overdue_shown(&self) -> usize {
        self.shown.iter().filter(|&&k| self.rows[k].overdue).count()
    }
}

/// The status after `status` for the key that cycles: 未启动 → 推进中 →
/// 已完成 → 暂缓 → 未启动 (a newer version's status goes to 未启动).
pub fn next_status(status: &Status) -> Status {
    match status {
        Status::NotStarted => Status::InProgress,
        Status::InProgress => Status::Done,
        Status::Done => Status::Paused,
        Status::Paused | Status::Other(_) => Status::NotStarted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::ledger::{Due, DueKind};
    use crate::briefing::parse_text;

    fn due(date: Date) -> Due {
        Due {
            text: "月底前".into(),
            date: Some(date),
            kind: DueKind::By,
            assumed_year: false,
            every: None,
        }
    }

    fn briefings() -> Vec<Arc<Briefing>> {
        let mut b = parse_text(
            "会议纪要.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n\n做好项目兴水 加强人才培养\n\n市水务局局长 孙耀民\n\n一是深学精神。二是做好项目。\n",
        );
        let d = jiff::civil::date;
        b.sections[0].items[0]
            .followup
            .set_due(Some(due(d(2026, 11, 30))));
        b.sections[0].items[1]
            .followup
            .set_due(Some(due(d(2026, 12, 5))));
        b.sections[1].items[0]
            .followup
            .set_due(Some(due(d(2027, 3, 31))));
        vec![Arc::new(b)]
    }

    fn titles(l: &Ledger, b: &[Arc<Briefing>]) -> Vec<String> {
        l.shown
            .iter()
            .map(|&k| {
                let paragraphs = &l.rows[k].section(b).paragraphs;
                l.rows[k].item(b).title(paragraphs).to_owned()
            })
            .collect()
    }

    #[test]
    fn words_status_and_overdue_narrow_the_rows() {
        let b = briefings();
        let mut marks = Marks::default();
        let today = jiff::civil::date(2026, 12, 1);
        let mut l = Ledger::new(&b, &marks, today, 0);
        assert_eq!(
            titles(&l, &b),
            ["净化盐湖", "洒扫门庭", "深学精神", "做好项目"]
        );
        l.filter.set("水务");
        l.apply_filter(&b);
        assert_eq!(titles(&l, &b), ["深学精神", "做好项目"]);
        l.filter.set("逾期");
        l.apply_filter(&b);
        assert_eq!(titles(&l, &b), ["净化盐湖"]);
        l.filter.set("soon");
        l.apply_filter(&b);
        assert_eq!(titles(&l, &b), ["洒扫门庭"]);
        // A status word filters by status; the selection follows its item.
        let item = b[0].sections[1].items[1].clone();
        marks.set_status(
            &b[0],
            1,
            &item,
            Status::InProgress,
            "2026-12-01T01:00:00.000Z",
        );
        l.filter.set("");
        l.apply_filter(&b);
        l.move_by(3);
        l.refresh(&b, &marks, today, 1);
        l.filter.set("推进中 做好");
        l.apply_filter(&b);
        assert_eq!(titles(&l, &b), ["做好项目"]);
        assert_eq!(l.selected, 0);
        l.filter.set("已完成");
        l.apply_filter(&b);
        assert!(l.shown.is_empty() && l.selected_entry().is_none());
        // The briefing's file name is a word too.
        l.filter.set("会议纪要 门庭");
        l.apply_filter(&b);
        assert_eq!(titles(&l, &b), ["洒扫门庭"]);
    }

    #[test]
    fn the_status_key_cycles_through_the_four() {
        let mut s = Status::NotStarted;
        let mut seen = Vec::new();
        for _ in 0..4 {
            s = next_status(&s);
            seen.push(s.name().to_owned());
        }
        assert_eq!(seen, ["推进中", "已完成", "暂缓", "未启动"]);
        assert_eq!(
            next_status(&Status::Other("待定".into())),
            Status::NotStarted
        );
    }
}
