//! Everything the reader shows, as plain data. `update` changes it; the panes
//! only read it.

use std::collections::HashMap;

use crate::article::Article;
use crate::briefing::{Briefing, Item, Section, SectionKind};
use crate::config::{Config, Language};
use crate::layout::Options;
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
    /// A briefing's title, shown when several are open.
    Briefing(usize),
    Section(usize, usize),
}

pub struct State {
    pub briefings: Vec<Briefing>,
    pub collapsed: Vec<bool>,
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
        let collapsed = vec![false; briefings.len()];
        let mut s = State {
            briefings,
            collapsed,
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
        s.rebuild_rows();
        if let Some(i) = s.rows.iter().position(|r| matches!(r, Row::Section(..))) {
            s.row = i;
            s.sync_current();
        }
        s
    }

    pub fn rebuild_rows(&mut self) {
        let several = self.briefings.len() > 1;
        self.rows.clear();
        for (b, briefing) in self.briefings.iter().enumerate() {
            if several {
                self.rows.push(Row::Briefing(b));
                if self.collapsed[b] {
                    continue;
                }
            }
            for s in 0..briefing.sections.len() {
                self.rows.push(Row::Section(b, s));
            }
        }
        self.row = self.row.min(self.rows.len().saturating_sub(1));
    }

    /// Makes the selected row's section the current one.
    pub fn sync_current(&mut self) {
        if let Some(Row::Section(b, s)) = self.rows.get(self.row) {
            self.current = (*b, *s);
        }
    }

    pub fn briefing(&self) -> Option<&Briefing> {
        self.briefings.get(self.current.0)
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
                        let n = self.marks.note(&self.briefings[b], &item.id);
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
                let id = &self.briefings.get(b)?.sections.get(s)?.items.get(item)?.id;
                (b, id.clone())
            }
            NoteTarget::Progress { b, s, item } => {
                let id = &self.briefings.get(b)?.sections.get(s)?.items.get(item)?.id;
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
            .is_some_and(|br| self.marks.is_done(br, &item.id))
    }

    pub fn has_note(&self, b: usize, item: &Item) -> bool {
        self.briefings
            .get(b)
            .is_some_and(|br| !self.marks.note(br, &item.id).is_empty())
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
