//! Everything the reader shows, as plain data. `update` changes it; the panes
//! only read it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::article::Article;
use crate::briefing::{Briefing, Item, Section, SectionKind};
use crate::config::{Config, Language};
use crate::layout::Options;
pub use crate::library::Show;
use crate::library::{Month, Shelf};
use crate::messages::{Problem, Text};
use crate::store::{ItemMark, Marks};

use super::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Departments,
    Article,
    Checklist,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::Departments, Pane::Article, Pane::Checklist];

    #[must_use]
    pub fn next(self) -> Pane {
        match self {
            Pane::Departments => Pane::Article,
            Pane::Article => Pane::Checklist,
            Pane::Checklist => Pane::Departments,
        }
    }

    #[must_use]
    pub fn prev(self) -> Pane {
        self.next().next()
    }
}

/// A row of the departments pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A month of a library (`None`: briefings with no date), shown when the
    /// open briefings span more than one.
    Month(Option<Month>),
    /// A briefing's title, shown when several are open.
    Briefing(usize),
    Section(usize, usize),
}

/// Opened on more files than this, briefings are a library: listed by month
/// and folded to their titles.
pub const FOLDED_FROM: usize = 20;

/// How the search index stands against the briefings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Indexed {
    /// The briefings changed since the index was built.
    pub stale: bool,
    /// A briefing was replaced or removed: an index built before cannot be used.
    pub replaced: bool,
    /// How many briefings the index covers (the first ones).
    pub covers: usize,
}

/// How far reading the files has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loading {
    pub read: usize,
    pub failed: usize,
    pub total: usize,
    /// Every file of the first listing has been read.
    pub finished: bool,
    /// The user has moved: arriving briefings no longer move the selection.
    pub chosen: bool,
}

pub struct State {
    /// Shared with the search index's thread; a briefing changed on disk is
    /// replaced whole, one removed stays as an empty place (`present` false),
    /// so that every index into this list stays valid.
    pub briefings: Vec<Arc<Briefing>>,
    pub present: Vec<bool>,
    /// Each briefing's date and month.
    pub shelves: Vec<Shelf>,
    /// Each briefing's place in the listing of files.
    pub ranks: Vec<usize>,
    /// More than [`FOLDED_FROM`] files: listed by month, newest first, and
    /// folded to their titles; fewer are listed in the order given.
    pub library: bool,
    /// Where each file's briefing is in `briefings`.
    pub by_path: HashMap<String, usize>,
    pub collapsed: Vec<bool>,
    pub folded_months: std::collections::HashSet<Option<Month>>,
    pub show: Show,
    pub loading: Loading,
    /// How the search index stands against the briefings.
    pub indexed: Indexed,
    pub rows: Vec<Row>,
    /// Selected row of the departments pane.
    pub row: usize,
    /// The section shown in the article and checklist.
    pub current: (usize, usize),
    /// Selected item per section.
    pub item: HashMap<(usize, usize), usize>,
    /// Article scroll position per section.
    pub scroll: HashMap<(usize, usize), usize>,
    pub focus: Pane,
    pub quit: bool,
    pub status: Option<String>,
    pub language: Language,
    pub mouse: bool,
    pub layout: Options,
    /// The current section laid out at the article's width.
    pub article: Option<LaidOut>,
    pub config: Config,
    /// Marks and notes (saved by the loop when `update` asks).
    pub marks: Marks,
    /// Bumped on every change of marks, so the article is laid out again.
    pub generation: u64,
    /// The time, set by the loop before each message: marks record it.
    pub now: String,
    /// The overlays over the panes: help, finder, note editor, questions.
    pub layers: super::layers::Layers,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    /// Why marks are not being saved, when the state file cannot be used.
    pub read_only: Option<Problem>,
    /// The search index, once the background thread has built it.
    pub index: Option<std::sync::Arc<crate::search::Index>>,
    /// The last query run in the finder, for n/N.
    pub last_query: Option<String>,
    /// A sentence or item found by search, highlighted in the article.
    pub found: Option<Found>,
    /// Scroll the article to this place once it is laid out.
    pub reveal: Option<Spot>,
    /// The marks as last saved: what the screen goes back to when a save fails.
    pub saved: Marks,
    /// The note being saved, reopened if the save fails so no text is lost.
    pub saving_note: Option<Editor>,
    /// What the save under way did to the history, to take back if it fails.
    pub saving: Option<Saving>,
    /// Unsaved notes from an earlier run, by [`crate::drafts::key`]; the editor
    /// opens with one when it is opened on its note.
    pub drafts: std::collections::BTreeMap<String, crate::drafts::Draft>,
}

/// A place in a section's text: a paragraph and a byte in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub paragraph: usize,
    pub byte: usize,
}

/// What a search found, highlighted in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Briefing and section.
    pub section: (usize, usize),
    pub paragraph: usize,
    /// Byte range in the paragraph.
    pub range: std::ops::Range<usize>,
}

/// A section laid out, with what it was laid out for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidOut {
    /// Briefing and section.
    pub section: (usize, usize),
    /// The marks' generation whose notes it shows.
    pub generation: u64,
    pub article: Article,
}

/// The search overlay.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// The query.
    pub field: super::field::TextField,
    pub hits: Vec<crate::search::Hit>,
    pub selected: usize,
    pub session: crate::search::Session,
}

/// One step of undo: the records it changed, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Item {
        b: usize,
        id: String,
        before: Option<Box<ItemMark>>,
        after: Option<Box<ItemMark>>,
    },
    SectionNote {
        b: usize,
        s: usize,
        before: String,
        after: String,
    },
    /// A progress entry added: undo withdraws it, redo adds it again.
    Progress {
        b: usize,
        s: usize,
        item: usize,
        text: String,
    },
}

/// What a note is written against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Item {
        b: usize,
        s: usize,
        item: usize,
    },
    Section {
        b: usize,
        s: usize,
    },
    /// A new progress entry of an item (the ledger's log, not its note).
    Progress {
        b: usize,
        s: usize,
        item: usize,
    },
}

impl NoteTarget {
    /// The briefing it belongs to.
    pub fn briefing(&self) -> usize {
        match *self {
            NoteTarget::Item { b, .. }
            | NoteTarget::Section { b, .. }
            | NoteTarget::Progress { b, .. } => b,
        }
    }
}

/// The note editor: a many-line text field on a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: NoteTarget,
    pub title: String,
    pub field: super::field::TextField,
    /// The note as saved, to tell whether anything changed.
    pub original: String,
    /// Asking whether to throw away the changes.
    pub confirm_discard: bool,
}

impl Editor {
    pub fn new(target: NoteTarget, title: String, text: &str, original: String) -> Editor {
        Editor {
            target,
            title,
            field: super::field::TextField::new(text, super::field::Lines::Many),
            original,
            confirm_discard: false,
        }
    }

    pub fn text(&self) -> &str {
        self.field.text()
    }

    pub fn changed(&self) -> bool {
        self.field.text() != self.original
    }
}

/// What a save under way changed in the history of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// A new change, on top of the undo stack.
    Change,
    /// An undo: the change moved to the redo stack.
    Undo,
    /// A redo: the change moved back to the undo stack.
    Redo,
}

/// A question waiting for y/n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark every item of the section done (`true`) or not done.
    MarkSection { b: usize, s: usize, done: bool },
}

impl State {
    pub fn new(briefings: Vec<Briefing>, config: Config, layout: Options) -> State {
        let mut s = State {
            briefings: Vec::new(),
            present: Vec::new(),
            shelves: Vec::new(),
            ranks: Vec::new(),
            library: false,
            by_path: HashMap::new(),
            collapsed: Vec::new(),
            folded_months: std::collections::HashSet::new(),
            show: Show::All,
            loading: Loading::default(),
            indexed: Indexed::default(),
            rows: Vec::new(),
            row: 0,
            current: (0, 0),
            item: HashMap::new(),
            scroll: HashMap::new(),
            focus: Pane::Departments,
            quit: false,
            status: None,
            language: config.language,
            mouse: config.mouse,
            layout,
            article: None,
            config,
            marks: Marks::default(),
            generation: 0,
            now: crate::time::now(),
            layers: super::layers::Layers::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            read_only: None,
            index: None,
            last_query: None,
            found: None,
            reveal: None,
            saved: Marks::default(),
            saving_note: None,
            saving: None,
            drafts: std::collections::BTreeMap::new(),
        };
        s.library = briefings.len() > FOLDED_FROM;
        for (rank, b) in briefings.into_iter().enumerate() {
            s.put(b, rank);
        }
        s.rebuild_rows();
        s
    }

    /// Adds a briefing, or replaces the one read from the same file. The
    /// caller rebuilds the rows.
    pub fn put(&mut self, read: Briefing, rank: usize) {
        let place = Shelf::of(&read);
        let briefing = Arc::new(read);
        if let Some(&b) = self.by_path.get(&briefing.path) {
            let sections = briefing.sections.len();
            self.briefings[b] = briefing;
            self.shelves[b] = place;
            self.present[b] = true;
            // What pointed into the old text points into the new.
            self.item.retain(|&(bb, s), _| bb != b || s < sections);
            self.scroll.retain(|&(bb, s), _| bb != b || s < sections);
            if self.current.0 == b && self.current.1 >= sections {
                self.current.1 = sections.saturating_sub(1);
            }
            self.found = self.found.take().filter(|f| f.section.0 != b);
            self.article = None;
            self.index = None;
            self.indexed.replaced = true;
        } else {
            let b = self.briefings.len();
            self.by_path.insert(briefing.path.clone(), b);
            self.briefings.push(briefing);
            self.present.push(true);
            self.shelves.push(place);
            self.ranks.push(rank);
            // A library opens as a list of titles.
            self.collapsed.push(self.library);
        }
        self.indexed.stale = true;
        self.generation += 1;
    }

    /// Takes away the briefing read from `path` (its file is gone).
    pub fn remove(&mut self, path: &str) -> bool {
        let Some(&b) = self.by_path.get(path) else {
            return false;
        };
        if !self.present[b] {
            return false;
        }
        self.present[b] = false;
        let mut empty = Briefing::clone(&self.briefings[b]);
        empty.sections.clear();
        self.briefings[b] = Arc::new(empty);
        self.found = self.found.take().filter(|f| f.section.0 != b);
        self.article = None;
        self.index = None;
        self.indexed.replaced = true;
        self.indexed.stale = true;
        self.generation += 1;
        true
    }

    /// Takes away the briefing read from `path` and every one read from the
    /// folder `path`; how many went.
    pub fn remove_under(&mut self, path: &str) -> usize {
        let folder = format!("{}/", path.trim_end_matches('/'));
        let gone: Vec<String> = self
            .by_path
            .keys()
            .filter(|p| *p == path || p.starts_with(&folder))
            .cloned()
            .collect();
        gone.iter().filter(|p| self.remove(p)).count()
    }

    /// How many briefings are open.
    pub fn open_count(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }

    /// Several briefings are open: the pane groups sections under titles.
    pub fn several(&self) -> bool {
        self.open_count() > 1
    }

    /// Lists the rows again, keeping the selected one where it still shows;
    /// until the user moves, the first section stays selected.
    pub fn rebuild_rows(&mut self) {
        let keep = self.rows.get(self.row).copied();
        let several = self.several();
        let order = self.order();
        let months = self.library
            && order.first().is_some_and(|&f| {
                order
                    .iter()
                    .any(|&b| self.shelves[b].month != self.shelves[f].month)
            });
        let today = self.today();
        let mut rows = Vec::new();
        let mut last: Option<Option<Month>> = None;
        for b in order {
            let month = self.shelves[b].month;
            if months && last != Some(month) {
                rows.push(Row::Month(month));
                last = Some(month);
            }
            if months && self.folded_months.contains(&month) {
                continue;
            }
            if self.show != Show::All && !self.briefing_shows(b, today) {
                continue;
            }
            if several {
                rows.push(Row::Briefing(b));
                if self.collapsed[b] {
                    continue;
                }
            }
            for s in 0..self.briefings[b].sections.len() {
                if self.show == Show::All || self.section_shows(b, s, today) {
                    rows.push(Row::Section(b, s));
                }
            }
        }
        // A month the filter leaves empty goes too.
        if self.show != Show::All {
            let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
            for r in rows {
                if let (Some(Row::Month(m)), Row::Month(_)) = (kept.last(), r)
                    && !self.folded_months.contains(m)
                {
                    kept.pop();
                }
                kept.push(r);
            }
            if let Some(Row::Month(m)) = kept.last()
                && !self.folded_months.contains(m)
            {
                kept.pop();
            }
            rows = kept;
        }
        self.rows = rows;
        let at = if self.loading.chosen {
            keep.and_then(|k| self.rows.iter().position(|r| *r == k))
        } else {
            // The first section, or the first title when all are folded.
            let first = self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Section(..) | Row::Briefing(_)));
            if let Some(&Row::Briefing(b)) = first.and_then(|i| self.rows.get(i))
                && self.rows.get(first.unwrap_or(0) + 1) != Some(&Row::Section(b, 0))
            {
                self.current = (b, 0);
            }
            first.map(|i| match (self.rows.get(i), self.rows.get(i + 1)) {
                (Some(Row::Briefing(_)), Some(Row::Section(..))) => i + 1,
                _ => i,
            })
        };
        self.row = at
            .unwrap_or(self.row)
            .min(self.rows.len().saturating_sub(1));
        if !self.loading.chosen || at.is_some() {
            self.sync_current();
        }
    }

    /// The open briefings in the order the pane lists them.
    pub fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.briefings.len())
            .filter(|&b| self.present[b])
            .collect();
        if self.library {
            crate::library::sort(&mut order, &self.briefings, &self.shelves);
        } else {
            order.sort_by(|&a, &b| {
                (self.ranks[a], &self.briefings[a].path)
                    .cmp(&(self.ranks[b], &self.briefings[b].path))
            });
        }
        order
    }

    /// Whether briefing `b` has something the `show` filter lets through.
    fn briefing_shows(&self, b: usize, today: jiff::civil::Date) -> bool {
        (0..self.briefings[b].sections.len()).any(|s| self.section_shows(b, s, today))
    }

    fn section_shows(&self, b: usize, s: usize, today: jiff::civil::Date) -> bool {
        let Some(section) = self.briefings.get(b).and_then(|br| br.sections.get(s)) else {
            return false;
        };
        section.items.iter().any(|item| match self.show {
            Show::All => true,
            Show::Open => !self.is_done(b, item),
            Show::Overdue => self.is_overdue(b, item, today),
        })
    }

    /// Past its deadline and not done.
    pub fn is_overdue(&self, b: usize, item: &Item, today: jiff::civil::Date) -> bool {
        use crate::briefing::ledger::DueKind;
        let due = item.followup.due().and_then(|d| match d.kind {
            DueKind::By | DueKind::Recurring => d.date,
            DueKind::Ongoing | DueKind::Unresolved => None,
        });
        due.is_some_and(|d| d < today) && !self.is_done(b, item)
    }

    /// Items done and items in all of a month's briefings.
    pub fn month_progress(&self, month: Option<Month>) -> (usize, usize) {
        (0..self.briefings.len())
            .filter(|&b| self.present[b] && self.shelves[b].month == month)
            .map(|b| self.briefing_progress(b))
            .fold((0, 0), |acc, p| (acc.0 + p.0, acc.1 + p.1))
    }

    /// Makes the selected row's section the current one.
    pub fn sync_current(&mut self) {
        if let Some(Row::Section(b, s)) = self.rows.get(self.row) {
            self.current = (*b, *s);
        }
    }

    pub fn briefing(&self) -> Option<&Briefing> {
        self.briefings.get(self.current.0).map(AsRef::as_ref)
    }

    pub fn section(&self) -> Option<&Section> {
        self.briefing()?.sections.get(self.current.1)
    }

    pub fn items(&self) -> &[Item] {
        self.section().map_or(&[], |s| s.items.as_slice())
    }

    pub fn selected_item_index(&self) -> usize {
        self.item.get(&self.current).copied().unwrap_or(0)
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.items().get(self.selected_item_index())
    }

    pub fn scroll(&self) -> usize {
        self.scroll.get(&self.current).copied().unwrap_or(0)
    }

    /// The article for the current section at `width`, laid out again only when
    /// the section, the width or the notes changed.
    pub fn prepare_article(&mut self, width: usize) {
        let (b, s) = self.current;
        if let Some(laid) = &self.article
            && laid.section == (b, s)
            && laid.generation == self.generation
            && laid.article.width == width
        {
            return;
        }
        let opts = Options {
            width,
            ..self.layout
        };
        let article = self
            .briefings
            .get(b)
            .and_then(|br| br.sections.get(s))
            .map(|sec| {
                let notes: Vec<(usize, String)> = sec
                    .items
                    .iter()
                    .enumerate()
                    .filter_map(|(k, item)| {
                        let n = self.marks.note(&self.briefings[b], &item.id.hex());
                        (!n.is_empty()).then(|| (k, n.to_owned()))
                    })
                    .collect();
                LaidOut {
                    section: (b, s),
                    generation: self.generation,
                    article: Article::with_notes(sec, &opts, &notes),
                }
            });
        self.article = article;
    }

    pub fn current_article(&self) -> Option<&Article> {
        self.article
            .as_ref()
            .filter(|laid| laid.section == self.current)
            .map(|laid| &laid.article)
    }

    /// The key of the draft of a note on `target`.
    pub fn draft_key(&self, target: &NoteTarget) -> Option<String> {
        let (b, what) = match *target {
            NoteTarget::Item { b, s, item } => {
                let id = self.briefings.get(b)?.sections.get(s)?.items.get(item)?.id;
                (b, id.to_string())
            }
            NoteTarget::Progress { b, s, item } => {
                let id = self.briefings.get(b)?.sections.get(s)?.items.get(item)?.id;
                (b, format!("{id}#progress"))
            }
            NoteTarget::Section { b, s } => {
                let section = self.briefings.get(b)?.sections.get(s)?;
                (b, format!("§{}", crate::briefing::section_key(section, s)))
            }
        };
        let briefing = crate::store::briefing_key(self.briefings.get(b)?);
        Some(crate::drafts::key(briefing.as_ref(), &what))
    }

    pub fn is_done(&self, b: usize, item: &Item) -> bool {
        self.briefings
            .get(b)
            .is_some_and(|br| self.marks.is_done(br, &item.id.hex()))
    }

    pub fn has_note(&self, b: usize, item: &Item) -> bool {
        self.briefings
            .get(b)
            .is_some_and(|br| !self.marks.note(br, &item.id.hex()).is_empty())
    }

    /// Items done and items in everything open.
    pub fn total_progress(&self) -> (usize, usize) {
        (0..self.briefings.len())
            .map(|b| self.briefing_progress(b))
            .fold((0, 0), |acc, p| (acc.0 + p.0, acc.1 + p.1))
    }

    /// The furthest the article scrolls in a pane of `height` rows.
    pub fn max_scroll(&self, height: usize) -> usize {
        let lines = self.current_article().map_or(0, |a| a.lines.len());
        lines.saturating_sub(height)
    }

    pub fn clamp_scroll(&mut self, height: usize) {
        let max = self.max_scroll(height);
        if let Some(s) = self.scroll.get_mut(&self.current) {
            *s = (*s).min(max);
        }
    }

    /// What the departments pane lists for a section.
    pub fn section_label(&self, b: usize, s: usize) -> String {
        let Some(section) = self.briefings.get(b).and_then(|br| br.sections.get(s)) else {
            return String::new();
        };
        let label = section.label();
        if !label.is_empty() {
            return label;
        }
        let text = match self.briefings[b].kind {
            SectionKind::Chapters if s == 0 => Text::Opening,
            _ => Text::Part(s + 1),
        };
        self.text(&text).into_owned()
    }

    /// Items done and items in all of a section.
    pub fn section_progress(&self, b: usize, s: usize) -> (usize, usize) {
        let items = self
            .briefings
            .get(b)
            .and_then(|br| br.sections.get(s))
            .map_or(&[][..], |sec| sec.items.as_slice());
        (
            items.iter().filter(|i| self.is_done(b, i)).count(),
            items.len(),
        )
    }

    /// Items done and items in all of a briefing.
    pub fn briefing_progress(&self, b: usize) -> (usize, usize) {
        let n = self.briefings.get(b).map_or(0, |br| br.sections.len());
        (0..n)
            .map(|s| self.section_progress(b, s))
            .fold((0, 0), |acc, p| (acc.0 + p.0, acc.1 + p.1))
    }

    /// Fits the state to the frame about to be drawn: the article laid out at
    /// the view's width, scrolled to what a search found, and kept in range.
    pub fn fit(&mut self, view: &View) {
        let height = view.inner_height(Pane::Article);
        if let Some(w) = view.article_width {
            self.prepare_article(w);
            if let Some(spot) = self.reveal.take()
                && let Some(line) = self
                    .current_article()
                    .and_then(|a| a.line_of(spot.paragraph, spot.byte))
            {
                self.scroll.insert(self.current, line.saturating_sub(1));
            }
        }
        self.clamp_scroll(height);
        let today = self.today();
        if let Some(l) = self.layers.ledger_mut()
            && (l.generation != self.generation || l.today != today)
        {
            l.refresh(&self.briefings, &self.marks, today, self.generation);
        }
        if let Some(l) = self.layers.ledger_mut() {
            l.offset = super::view::list_offset(l.offset, l.selected, view.ledger_rows);
        }
        if let Some(h) = self.layers.history_mut() {
            h.offset = super::view::list_offset(h.offset, h.selected, view.history_rows);
        }
    }

    /// Today in the user's time zone, as of the time the loop last set.
    pub fn today(&self) -> jiff::civil::Date {
        crate::time::local_date(&self.now)
            .parse()
            .unwrap_or_else(|_| crate::time::today())
    }

    /// A message in the reader's language.
    pub fn text(&self, t: &crate::messages::Text<'_>) -> std::borrow::Cow<'static, str> {
        t.show(self.language)
    }

    /// Puts a message on the status line.
    pub fn say(&mut self, t: &crate::messages::Text<'_>) {
        self.status = Some(t.show(self.language).into_owned());
    }
}
