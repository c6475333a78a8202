//! Marks and notes, and the file that keeps them across runs.
//!
//! One human-readable, versioned TOML file. Every save takes a lock, re-reads the
//! file and merges it (the newest edit of each field wins), then writes a
//! temporary file in the same folder, syncs it and renames it over the old one:
//! two windows never erase each other's work, and a crash leaves either the old
//! file or the new one. A corrupt file, or one from a newer `brief`, is copied
//! aside and never overwritten; marks are then read-only until it is fixed.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::briefing::{Briefing, Item, Section, chars, section_key};
use crate::messages::{Problem, StateProblem};

/// The format version this build writes and reads. Version 1 (marks and
/// notes) is read too and written back as version 2, which adds each item's
/// follow-up status and progress log; the first such save keeps a copy of the
/// version-1 file beside it (`state.toml.v1`).
pub const VERSION: u32 = 2;

/// Where an item's follow-up stands (LEDGER.md). 已完成 is the same thing as
/// done.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
    /// 暂缓
    Paused,
    /// A value a newer `brief` wrote: kept as it is and written back unchanged.
    Other(String),
}

impl Status {
    /// The four a user sets, in the order keys and menus list them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Paused,
    ];

    /// Its name, as written in the state file and shown to users.
    pub fn name(&self) -> &str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Paused => "暂缓",
            Status::Other(s) => s,
        }
    }

    /// Reads a status by its Chinese name or an English word
    /// (`not-started`, `in-progress`, `done`, `paused`).
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        Status::ALL.into_iter().find(|s| {
            s.name() == t
                || match s {
                    Status::NotStarted => ["not-started", "todo", "open"].contains(&t),
                    Status::InProgress => ["in-progress", "doing", "started"].contains(&t),
                    Status::Done => ["done", "finished", "完成"].contains(&t),
                    Status::Paused => ["paused", "on-hold", "hold"].contains(&t),
                    Status::Other(_) => false,
                }
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Status::ALL
            .into_iter()
            .find(|s| s.name() == text)
            .unwrap_or(Status::Other(text)))
    }
}

/// The longest progress entry kept, in characters: a pasted report belongs
/// in a note or a file, not in one ledger line.
pub const MAX_PROGRESS_CHARS: usize = 2000;

/// One dated entry of an item's progress log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The local date it was written (`2026-12-01`).
    pub date: String,
    pub text: String,
    /// When it was written (UTC, as [`crate::time::now`]): its identity in merges.
    pub at: String,
    /// Taken back (undo); kept so that a merge does not bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

/// One item's mark and note. Each has its own time of change, so that merging
/// keeps a mark made in one window and a note written in another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMark {
    /// The item's title and section when last seen, to list orphaned marks.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub done: bool,
    /// When it was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_changed: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_changed: Option<String>,
    /// The follow-up status the user set; changes with `done`, under
    /// `done_changed`. `None`: never set (see [`ItemMark::status`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The progress log, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<Progress>,
}

impl ItemMark {
    /// Where the item stands: 已完成 when done, else what the user set, else
    /// 推进中 once progress is logged, else 未启动.
    pub fn status(&self) -> Status {
        if self.done {
            return Status::Done;
        }
        match &self.status {
            Some(s) if *s != Status::Done => s.clone(),
            _ if self.progress().next().is_some() => Status::InProgress,
            _ => Status::NotStarted,
        }
    }

    /// The progress entries not taken back, oldest first.
    pub fn progress(&self) -> impl DoubleEndedIterator<Item = &Progress> {
        self.progress.iter().filter(|p| !p.withdrawn)
    }

    /// The newest progress entry.
    pub fn latest_progress(&self) -> Option<&Progress> {
        self.progress().next_back()
    }

    /// Whether there is anything here worth keeping when its item is gone.
    pub fn is_worth_keeping(&self) -> bool {
        self.done
            || !self.note.is_empty()
            || self.status.is_some()
            || self.progress().next().is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionNote {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_changed: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMarks {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub items: BTreeMap<String, ItemMark>,
    #[serde(default)]
    pub sections: BTreeMap<String, SectionNote>,
}

/// All marks and notes, by briefing key and item id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    #[serde(default)]
    pub briefings: BTreeMap<String, BriefingMarks>,
}

#[derive(Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    #[serde(flatten)]
    marks: Marks,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u32>,
}

/// A briefing's key in the store: its folded title, so that moving or renaming
/// the file keeps its marks.
///
/// Computed once when the briefing is read; a briefing built by hand (with
/// no key yet) gets it computed here.
pub fn briefing_key(b: &Briefing) -> std::borrow::Cow<'_, str> {
    if b.key.is_empty() {
        std::borrow::Cow::Owned(crate::briefing::title_key(&chars::fold_key(&b.title)))
    } else {
        std::borrow::Cow::Borrowed(&b.key)
    }
}

impl Marks {
    pub fn item(&self, b: &Briefing, id: &str) -> Option<&ItemMark> {
        self.briefings.get(briefing_key(b).as_ref())?.items.get(id)
    }

    pub fn is_done(&self, b: &Briefing, id: &str) -> bool {
        self.item(b, id).is_some_and(|m| m.done)
    }

    pub fn note(&self, b: &Briefing, id: &str) -> &str {
        self.item(b, id).map_or("", |m| m.note.as_str())
    }

    pub fn section_note(&self, b: &Briefing, s: usize) -> &str {
        self.briefings
            .get(briefing_key(b).as_ref())
            .and_then(|bm| bm.sections.get(&section_key(&b.sections[s], s)))
            .map_or("", |n| n.note.as_str())
    }

    fn entry(&mut self, b: &Briefing, section: &Section, item: &Item) -> &mut ItemMark {
        let bm = self
            .briefings
            .entry(briefing_key(b).into_owned())
            .or_default();
        b.title.clone_into(&mut bm.title);
        let m = bm.items.entry(item.id.to_string()).or_default();
        item.title(&section.paragraphs).clone_into(&mut m.title);
        m.section = section.label();
        m
    }

    pub fn set_done(&mut self, b: &Briefing, s: usize, item: &Item, done: bool, now: &str) {
        let m = self.entry(b, &b.sections[s], item);
        if m.done != done || m.done_changed.is_none() {
            m.done = done;
            m.done_at = done.then(|| now.to_owned());
            m.done_changed = Some(now.to_owned());
            if done {
                m.status = Some(Status::Done);
            } else if m.status == Some(Status::Done) {
                m.status = None;
            }
        }
    }

    /// The item's status as the ledger shows it.
    pub fn status(&self, b: &Briefing, id: &str) -> Status {
        self.item(b, id)
            .map_or(Status::NotStarted, ItemMark::status)
    }

    /// Sets the follow-up status; 已完成 marks the item done, any other
    /// status unmarks it.
    pub fn set_status(&mut self, b: &Briefing, s: usize, item: &Item, status: Status, now: &str) {
        let m = self.entry(b, &b.sections[s], item);
        if m.status() == status && m.status.is_some() {
            return;
        }
        let done = status == Status::Done;
        if m.done != done {
            m.done_at = done.then(|| now.to_owned());
        }
        m.done = done;
        m.status = Some(status);
        m.done_changed = Some(now.to_owned());
    }

    /// Adds a progress entry dated today (local), stamped `now` (UTC).
    /// Refuses an empty entry or one longer than [`MAX_PROGRESS_CHARS`],
    /// saying why.
    pub fn add_progress(
        &mut self,
        b: &Briefing,
        s: usize,
        item: &Item,
        text: &str,
        now: &str,
    ) -> Result<(), ProgressError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ProgressError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_PROGRESS_CHARS {
            return Err(ProgressError::TooLong(chars));
        }
        let m = self.entry(b, &b.sections[s], item);
        // Two entries in the same millisecond stay two.
        let mut at = now.to_owned();
        while m.progress.iter().any(|p| p.at == at) {
            at.push('+');
        }
        m.progress.push(Progress {
            date: crate::time::local_date(now),
            text: text.to_owned(),
            at,
            withdrawn: false,
        });
        Ok(())
    }

    /// Takes back the newest progress entry (undo); it stays in the file,
    /// marked, so that merging with another window does not restore it.
    pub fn withdraw_latest_progress(&mut self, b: &Briefing, id: &str) -> Option<Progress> {
        let bm = self.briefings.get_mut(briefing_key(b).as_ref())?;
        let p = bm
            .items
            .get_mut(id)?
            .progress
            .iter_mut()
            .rev()
            .find(|p| !p.withdrawn)?;
        p.withdrawn = true;
        Some(p.clone())
    }

    pub fn set_note(&mut self, b: &Briefing, s: usize, item: &Item, note: &str, now: &str) {
        let m = self.entry(b, &b.sections[s], item);
        if m.note != note {
            note.clone_into(&mut m.note);
            m.note_changed = Some(now.to_owned());
        }
    }

    pub fn set_section_note(&mut self, b: &Briefing, s: usize, note: &str, now: &str) {
        let bm = self
            .briefings
            .entry(briefing_key(b).into_owned())
            .or_default();
        b.title.clone_into(&mut bm.title);
        let n = bm
            .sections
            .entry(section_key(&b.sections[s], s))
            .or_default();
        n.label = b.sections[s].label();
        if n.note != note {
            note.clone_into(&mut n.note);
            n.note_changed = Some(now.to_owned());
        }
    }

    /// Restores one item's record as it was (for undo); `None` removes it.
    pub fn restore_item(&mut self, b: &Briefing, id: &str, mark: Option<ItemMark>, now: &str) {
        let bm = self
            .briefings
            .entry(briefing_key(b).into_owned())
            .or_default();
        // The restored state is a new edit: it must win the next merge.
        let mut m = mark.unwrap_or_default();
        m.done_changed = Some(now.to_owned());
        m.note_changed = Some(now.to_owned());
        if m.title.is_empty()
            && let Some(old) = bm.items.get(id)
        {
            m.title.clone_from(&old.title);
            m.section.clone_from(&old.section);
        }
        bm.items.insert(id.to_owned(), m);
    }

    pub fn restore_section_note(&mut self, b: &Briefing, s: usize, note: &str, now: &str) {
        let bm = self
            .briefings
            .entry(briefing_key(b).into_owned())
            .or_default();
        let n = bm
            .sections
            .entry(section_key(&b.sections[s], s))
            .or_default();
        note.clone_into(&mut n.note);
        n.note_changed = Some(now.to_owned());
    }

    /// Marks and notes whose items are no longer in the briefing. They are kept,
    /// never dropped, and listed in exports.
    pub fn orphans(&self, b: &Briefing) -> Vec<(&str, &ItemMark)> {
        let Some(bm) = self.briefings.get(briefing_key(b).as_ref()) else {
            return Vec::new();
        };
        bm.items
            .iter()
            .filter(|(id, m)| {
                m.is_worth_keeping()
                    && !b
                        .sections
                        .iter()
                        .any(|s| s.items.iter().any(|i| *i.id.hex() == **id))
            })
            .map(|(id, m)| (id.as_str(), m))
            .collect()
    }

    /// Merges another copy into this one: per field, the newest change wins.
    pub fn merge(&mut self, other: &Marks) {
        for (key, theirs) in &other.briefings {
            let ours = self.briefings.entry(key.clone()).or_default();
            if ours.title.is_empty() {
                ours.title.clone_from(&theirs.title);
            }
            for (id, t) in &theirs.items {
                let o = ours.items.entry(id.clone()).or_default();
                if o.title.is_empty() {
                    o.title.clone_from(&t.title);
                    o.section.clone_from(&t.section);
                }
                if t.done_changed > o.done_changed {
                    o.done = t.done;
                    o.done_at.clone_from(&t.done_at);
                    o.done_changed.clone_from(&t.done_changed);
                    o.status.clone_from(&t.status);
                }
                merge_progress(&mut o.progress, &t.progress);
                if t.note_changed > o.note_changed {
                    o.note.clone_from(&t.note);
                    o.note_changed.clone_from(&t.note_changed);
                }
            }
            for (k, t) in &theirs.sections {
                let o = ours.sections.entry(k.clone()).or_default();
                if o.label.is_empty() {
                    o.label.clone_from(&t.label);
                }
                if t.note_changed > o.note_changed {
                    o.note.clone_from(&t.note);
                    o.note_changed.clone_from(&t.note_changed);
                }
            }
        }
    }
}

/// Merges another window's progress log into ours: entries are one by their
/// stamp; a withdrawal in either copy stands.
fn merge_progress(ours: &mut Vec<Progress>, theirs: &[Progress]) {
    let before = ours.len();
    for t in theirs {
        match ours.iter_mut().find(|o| o.at == t.at) {
            Some(o) => o.withdrawn |= t.withdrawn,
            None => ours.push(t.clone()),
        }
    }
    if ours.len() != before {
        ours.sort_by(|a, b| a.at.cmp(&b.at));
    }
}

/// Why a progress entry was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("a progress entry needs some text")]
    Empty,
    #[error("a progress entry is at most {MAX_PROGRESS_CHARS} characters; this one has {0}")]
    TooLong(usize),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot save marks: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: marks are read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: StateProblem },
}

impl StoreError {
    /// The problem, to show in the user's language.
    pub fn problem(&self) -> Problem {
        match self {
            StoreError::Io { path, source } => Problem::io(path, source),
            StoreError::ReadOnly { path, reason } => Problem::State {
                path: path.clone(),
                problem: reason.clone(),
            },
        }
    }
}

/// Reads a state file's text: its marks, or why it cannot be used.
pub fn parse_state(text: &str) -> Result<Marks, StateProblem> {
    parse_versioned(text).map(|(marks, _)| marks)
}

/// [`parse_state`], with the format version the file was written in.
fn parse_versioned(text: &str) -> Result<(Marks, u32), StateProblem> {
    let version: VersionOnly =
        toml::from_str(text).map_err(|e| StateProblem::NotToml(e.message().trim().to_owned()))?;
    match version.version {
        Some(v) if v > VERSION => return Err(StateProblem::Newer(v)),
        None if !text.trim().is_empty() => return Err(StateProblem::NoVersion),
        _ => {}
    }
    if text.trim().is_empty() {
        return Ok((Marks::default(), VERSION));
    }
    toml::from_str::<FileFormat>(text)
        .map(|f| (f.marks, f.version))
        .map_err(|e| StateProblem::Damaged(e.message().trim().to_owned()))
}

/// Reads a state file's bytes.
fn parse_state_bytes(bytes: Vec<u8>) -> Result<Marks, StateProblem> {
    parse_versioned_bytes(bytes).map(|(marks, _)| marks)
}

fn parse_versioned_bytes(bytes: Vec<u8>) -> Result<(Marks, u32), StateProblem> {
    String::from_utf8(bytes)
        .map_err(|_| StateProblem::NotUtf8)
        .and_then(|t| parse_versioned(&t))
}

/// The marks file.
pub struct Store {
    path: PathBuf,
    /// Why marks cannot be saved, when the file is corrupt or too new.
    read_only: Option<StateProblem>,
    /// Where a damaged file was copied to.
    pub copied_aside: Option<PathBuf>,
}

/// `--state`, then `BRIEF_STATE`, then `state.toml` in the platform's data
/// folder: `$XDG_DATA_HOME/brief` (or `~/.local/share/brief`) on Linux,
/// `~/Library/Application Support/brief` on macOS, `%APPDATA%\brief\data` on
/// Windows.
pub fn state_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_owned();
    }
    if let Some(p) = std::env::var_os("BRIEF_STATE").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    crate::config::project_dirs().map_or_else(
        || PathBuf::from("state.toml"),
        |d| d.data_dir().join("state.toml"),
    )
}

impl Store {
    /// Opens the store and reads the marks. A missing file is an empty store; a
    /// corrupt or newer one is copied aside, reported, and left untouched.
    pub fn open(path: &Path) -> (Store, Marks) {
        let mut store = Store {
            path: path.to_owned(),
            read_only: None,
            copied_aside: None,
        };
        let marks = match fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Marks::default(),
            Err(e) => {
                store.read_only = Some(StateProblem::Unreadable(e.kind(), e.to_string()));
                Marks::default()
            }
            Ok(bytes) => match parse_state_bytes(bytes) {
                Ok(m) => m,
                Err(reason) => {
                    store.copied_aside = copy_aside(path);
                    store.read_only = Some(reason);
                    Marks::default()
                }
            },
        };
        (store, marks)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why marks are not being saved, if they are not.
    pub fn read_only(&self) -> Option<&StateProblem> {
        self.read_only.as_ref()
    }

    /// Saves `marks`: merges them with what the file holds now and writes the
    /// result atomically. Returns the merged marks, which the caller adopts.
    pub fn save(&mut self, marks: &Marks) -> Result<Marks, StoreError> {
        let io = |source| StoreError::Io {
            path: self.path.clone(),
            source,
        };
        // A link (into a synced folder, say) stays a link: the file it names is
        // read, locked and replaced.
        let real = crate::atomic::resolve_links(&self.path);
        let dir = crate::atomic::folder_of(&real);
        fs::create_dir_all(dir).map_err(io)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(crate::atomic::sibling(&real, ".lock"))
            .map_err(io)?;
        lock.lock().map_err(io)?;
        let on_disk = match fs::read(&real) {
            Ok(bytes) => {
                let parsed = parse_versioned_bytes(bytes.clone());
                if let Ok((_, old)) = &parsed
                    && *old < VERSION
                {
                    // Migrating: the old version's file stays readable by the
                    // brief that wrote it.
                    let aside = crate::atomic::sibling(&real, &format!(".v{old}"));
                    crate::atomic::create_new(&aside, &bytes).map_err(io)?;
                }
                parsed.map(|(m, _)| m)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Marks::default()),
            Err(e) => return Err(io(e)),
        };
        let mut merged = match on_disk {
            Ok(m) => {
                // A file that was fixed by hand is usable again.
                self.read_only = None;
                m
            }
            Err(reason) => {
                if self.copied_aside.is_none() {
                    self.copied_aside = copy_aside(&self.path);
                }
                self.read_only = Some(reason.clone());
                return Err(StoreError::ReadOnly {
                    path: self.path.clone(),
                    reason,
                });
            }
        };
        merged.merge(marks);
        let text = toml::to_string_pretty(&FileFormat {
            version: VERSION,
            marks: merged.clone(),
        })
        .map_err(|e| io(std::io::Error::other(e)))?;
        crate::atomic::write(&real, text.as_bytes(), crate::atomic::Durability::Synced)
            .map_err(io)?;
        drop(lock);
        Ok(merged)
    }
}

/// Copies an unusable state file next to itself so the user can repair or
/// recover it, once for each distinct content: a file that stays damaged
/// across many runs gets one copy, not one a run. Returns where the copy is.
fn copy_aside(path: &Path) -> Option<PathBuf> {
    let content = fs::read(path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let prefix = format!("{name}.unreadable-");
    let dir = crate::atomic::folder_of(path);
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            let same_name = entry.file_name().to_string_lossy().starts_with(&prefix);
            if same_name && fs::read(entry.path()).is_ok_and(|c| c == content) {
                return Some(entry.path());
            }
        }
    }
    let stamp: String = crate::time::now()
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    let aside = dir.join(format!("{prefix}{stamp}"));
    crate::atomic::create_new(&aside, &content).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_text;

    fn briefing() -> Briefing {
        parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n",
        )
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brief-store-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("dir");
        dir.join("state.toml")
    }

    #[test]
    fn marks_and_notes_survive_a_reopen() {
        let path = temp("reopen");
        let b = briefing();
        let (mut store, mut marks) = Store::open(&path);
        let item = &b.sections[0].items[0];
        marks.set_done(&b, 0, item, true, "2026-11-29T10:00:00.000Z");
        marks.set_note(
            &b,
            0,
            item,
            "张科长牵头，\n月底前完成",
            "2026-11-29T10:01:00.000Z",
        );
        marks.set_section_note(&b, 0, "整体进展顺利", "2026-11-29T10:02:00.000Z");
        store.save(&marks).expect("saves");
        let (_, again) = Store::open(&path);
        assert!(again.is_done(&b, &item.id.hex()));
        assert_eq!(again.note(&b, &item.id.hex()), "张科长牵头，\n月底前完成");
        assert_eq!(again.section_note(&b, 0), "整体进展顺利");
        assert_eq!(
            again
                .item(&b, &item.id.hex())
                .and_then(|m| m.done_at.as_deref()),
            Some("2026-11-29T10:00:00.000Z")
        );
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("version = 2"), "{text}");
    }

    #[test]
    fn status_and_done_are_one_thing() {
        let b = briefing();
        let item = &b.sections[0].items[0];
        let mut marks = Marks::default();
        assert_eq!(marks.status(&b, &item.id.hex()), Status::NotStarted);
        marks.set_status(&b, 0, item, Status::Paused, "2026-11-29T10:00:00.000Z");
        assert_eq!(marks.status(&b, &item.id.hex()), Status::Paused);
        assert!(!marks.is_done(&b, &item.id.hex()));
        marks.set_status(&b, 0, item, Status::Done, "2026-11-29T10:00:01.000Z");
        assert!(marks.is_done(&b, &item.id.hex()));
        marks.set_done(&b, 0, item, false, "2026-11-29T10:00:02.000Z");
        assert_eq!(marks.status(&b, &item.id.hex()), Status::NotStarted);
        marks
            .add_progress(&b, 0, item, "已召开专题会", "2026-11-29T10:00:03.000Z")
            .expect("adds");
        // Progress logged and nothing set: under way.
        assert_eq!(marks.status(&b, &item.id.hex()), Status::InProgress);
        marks.set_done(&b, 0, item, true, "2026-11-29T10:00:04.000Z");
        assert_eq!(marks.status(&b, &item.id.hex()), Status::Done);
    }

    #[test]
    fn progress_is_dated_bounded_and_withdrawn_for_good() {
        let b = briefing();
        let item = &b.sections[0].items[0];
        let mut marks = Marks::default();
        assert_eq!(
            marks.add_progress(&b, 0, item, "  ", "2026-11-29T10:00:00.000Z"),
            Err(ProgressError::Empty)
        );
        let huge = "进".repeat(100_000);
        let err = marks
            .add_progress(&b, 0, item, &huge, "2026-11-29T10:00:00.000Z")
            .expect_err("refuses");
        assert!(err.to_string().contains("100000"), "{err}");
        for (i, text) in ["第一次", "第二次"].iter().enumerate() {
            marks
                .add_progress(&b, 0, item, text, "2026-11-29T10:00:00.000Z")
                .expect("adds");
            assert_eq!(
                marks.item(&b, &item.id.hex()).map(|m| m.progress.len()),
                Some(i + 1)
            );
        }
        let m = marks.item(&b, &item.id.hex()).expect("mark");
        assert_eq!(m.latest_progress().map(|p| p.text.as_str()), Some("第二次"));
        assert_ne!(
            m.progress[0].at, m.progress[1].at,
            "same millisecond, two entries"
        );
        // Withdrawn in one window, the other window's copy does not bring it back.
        let other = marks.clone();
        marks
            .withdraw_latest_progress(&b, &item.id.hex())
            .expect("withdraws");
        marks.merge(&other);
        let m = marks.item(&b, &item.id.hex()).expect("mark");
        assert_eq!(m.latest_progress().map(|p| p.text.as_str()), Some("第一次"));
    }

    #[test]
    fn progress_from_two_windows_is_merged_in_time_order() {
        let path = temp("progress");
        let b = briefing();
        let item = &b.sections[0].items[0];
        let (mut one, mut m1) = Store::open(&path);
        let (mut two, mut m2) = Store::open(&path);
        m1.add_progress(&b, 0, item, "甲", "2026-11-29T10:00:00.000Z")
            .expect("adds");
        m2.add_progress(&b, 0, item, "乙", "2026-11-29T10:00:01.000Z")
            .expect("adds");
        m2.set_status(&b, 0, item, Status::Paused, "2026-11-29T10:00:02.000Z");
        one.save(&m1).expect("saves");
        let merged = two.save(&m2).expect("saves");
        let m = merged.item(&b, &item.id.hex()).expect("mark");
        let texts: Vec<&str> = m.progress().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["甲", "乙"]);
        assert_eq!(m.status(), Status::Paused);
    }

    #[test]
    fn a_version_1_file_is_migrated_and_kept() {
        let path = temp("migrate");
        let b = briefing();
        let item = &b.sections[0].items[0];
        let key = briefing_key(&b);
        let v1 = format!(
            "version = 1\n\n[briefings.{key}]\ntitle = \"t\"\n\n[briefings.{key}.items.{}]\ntitle = \"净化盐湖\"\nsection = \"s\"\ndone = true\ndone_at = \"2026-11-01T00:00:00.000Z\"\ndone_changed = \"2026-11-01T00:00:00.000Z\"\nnote = \"旧备注\"\nnote_changed = \"2026-11-01T00:00:00.000Z\"\n",
            item.id
        );
        fs::write(&path, &v1).expect("write");
        let (mut store, mut marks) = Store::open(&path);
        assert!(store.read_only().is_none());
        assert_eq!(marks.status(&b, &item.id.hex()), Status::Done);
        assert_eq!(marks.note(&b, &item.id.hex()), "旧备注");
        marks
            .add_progress(&b, 0, item, "已验收", "2026-11-29T10:00:00.000Z")
            .expect("adds");
        store.save(&marks).expect("saves");
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("version = 2"), "{text}");
        assert_eq!(
            fs::read_to_string(crate::atomic::sibling(&path, ".v1")).expect("kept"),
            v1
        );
        let (_, again) = Store::open(&path);
        assert!(again.is_done(&b, &item.id.hex()));
        assert_eq!(again.note(&b, &item.id.hex()), "旧备注");
    }

    #[test]
    fn a_newer_status_is_kept_as_written() {
        let path = temp("newer-status");
        let b = briefing();
        let item = &b.sections[0].items[0];
        let key = briefing_key(&b);
        fs::write(
            &path,
            format!(
                "version = 2\n[briefings.{key}.items.{}]\nstatus = \"已撤销\"\ndone_changed = \"2026-11-01T00:00:00.000Z\"\n",
                item.id
            ),
        )
        .expect("write");
        let (mut store, mut marks) = Store::open(&path);
        assert_eq!(
            marks.status(&b, &item.id.hex()),
            Status::Other("已撤销".into())
        );
        marks.set_note(&b, 0, item, "备注", "2026-11-29T10:00:00.000Z");
        store.save(&marks).expect("saves");
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains("status = \"已撤销\""), "{text}");
    }

    #[test]
    fn two_windows_keep_each_others_marks() {
        let path = temp("two");
        let b = briefing();
        let (a0, a1) = (&b.sections[0].items[0], &b.sections[0].items[1]);
        let (mut one, mut m1) = Store::open(&path);
        let (mut two, mut m2) = Store::open(&path);
        m1.set_done(&b, 0, a0, true, "2026-11-29T10:00:00.000Z");
        m1 = one.save(&m1).expect("saves");
        m2.set_done(&b, 0, a1, true, "2026-11-29T10:00:01.000Z");
        m2.set_note(&b, 0, a0, "第二个窗口的备注", "2026-11-29T10:00:02.000Z");
        m2 = two.save(&m2).expect("saves");
        assert!(m2.is_done(&b, &a0.id.hex()) && m2.is_done(&b, &a1.id.hex()));
        // The first window un-marks later: newest wins for that field only.
        m1.set_done(&b, 0, a0, false, "2026-11-29T10:00:03.000Z");
        let m1 = one.save(&m1).expect("saves");
        assert!(!m1.is_done(&b, &a0.id.hex()));
        assert!(m1.is_done(&b, &a1.id.hex()));
        assert_eq!(m1.note(&b, &a0.id.hex()), "第二个窗口的备注");
    }

    #[test]
    fn corrupt_and_future_files_are_never_overwritten() {
        for (name, text) in [
            ("corrupt", "version = 1\n[briefings.x\n"),
            ("future", "version = 99\n[briefings]\n"),
            ("noversion", "[briefings]\n"),
            ("garbage", "\u{0}\u{1}binary"),
        ] {
            let path = temp(name);
            fs::write(&path, text).expect("write");
            let (mut store, mut marks) = Store::open(&path);
            let reason = store.read_only().expect("read-only").to_string();
            assert!(!reason.is_empty());
            let aside = store.copied_aside.clone().expect("copied aside");
            assert_eq!(fs::read_to_string(&aside).expect("copy"), text);
            let b = briefing();
            marks.set_done(
                &b,
                0,
                &b.sections[0].items[0],
                true,
                "2026-11-29T10:00:00.000Z",
            );
            let err = store.save(&marks).expect_err("refuses");
            assert!(err.to_string().contains("read-only"), "{err}");
            assert_eq!(
                fs::read_to_string(&path).expect("read"),
                text,
                "{name} untouched"
            );
            if name == "future" {
                assert!(reason.contains("newer brief"), "{reason}");
            }
            // Fixed by hand: saving works again.
            fs::write(&path, "version = 1\n").expect("fix");
            store.save(&marks).expect("saves once fixed");
            assert!(store.read_only().is_none());
        }
    }

    #[test]
    fn marks_of_vanished_items_are_kept_as_orphans() {
        let path = temp("orphans");
        let b = briefing();
        let (mut store, mut marks) = Store::open(&path);
        marks.set_done(
            &b,
            0,
            &b.sections[0].items[1],
            true,
            "2026-11-29T10:00:00.000Z",
        );
        store.save(&marks).expect("saves");
        let edited = parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语有改动。一是净化盐湖。二是清扫街巷。\n",
        );
        let (_, marks) = Store::open(&path);
        let orphans = marks.orphans(&edited);
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].1.title, "洒扫门庭");
        // The first item's id is unchanged by the edit of other text.
        assert_eq!(edited.sections[0].items[0].id, b.sections[0].items[0].id);
    }
}
