//! Every string the reader shows, in Chinese and in English, in one place.
//! The language is chosen once, by the `language` setting; a message is a
//! value ([`Text`]) until it is shown. Problems that come from the outside
//! world (a state file that cannot be used, a failed write) are values too
//! ([`Problem`]), so that a Chinese status line never carries an English
//! reason.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::Language;

/// Why a state file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateProblem {
    NotUtf8,
    /// Not TOML at all; the parser's words.
    NotToml(String),
    /// Written by a newer brief, in this format version.
    Newer(u32),
    NoVersion,
    /// TOML, but not the shape of a state file; the parser's words.
    Damaged(String),
    /// It could not be read (permissions, a folder, …).
    Unreadable(io::ErrorKind, String),
}

impl StateProblem {
    pub fn describe(&self, lang: Language) -> String {
        use StateProblem as P;
        match (lang, self) {
            (Language::En, P::NotUtf8) => "it is not UTF-8 text".into(),
            (Language::Zh, P::NotUtf8) => "它不是 UTF-8 文本".into(),
            (Language::En, P::NotToml(d)) => format!("it is not valid TOML ({d})"),
            (Language::Zh, P::NotToml(d)) => format!("它不是有效的 TOML（{d}）"),
            (Language::En, P::Newer(v)) => format!(
                "it was written by a newer brief (format {v}; this one reads {})",
                crate::store::VERSION
            ),
            (Language::Zh, P::Newer(v)) => format!(
                "它由更新版本的 brief 写成（格式 {v}，本版本读 {}）",
                crate::store::VERSION
            ),
            (Language::En, P::NoVersion) => "it has no format version".into(),
            (Language::Zh, P::NoVersion) => "它没有格式版本号".into(),
            (Language::En, P::Damaged(d)) => format!("it is damaged ({d})"),
            (Language::Zh, P::Damaged(d)) => format!("它已损坏（{d}）"),
            (_, P::Unreadable(kind, detail)) => io_problem(lang, *kind, detail),
        }
    }
}

impl fmt::Display for StateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

/// Something that went wrong outside the reader, as a value to show later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The state file cannot be used, so marks are read-only.
    State {
        path: PathBuf,
        problem: StateProblem,
    },
    /// A file could not be written or read.
    Io {
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    /// The external editor did not end well: how it ended.
    Editor { editor: String, detail: String },
}

impl Problem {
    pub fn io(path: &Path, e: &io::Error) -> Problem {
        Problem::Io {
            path: path.to_owned(),
            kind: e.kind(),
            detail: e.to_string(),
        }
    }

    pub fn describe(&self, lang: Language) -> String {
        match (lang, self) {
            (_, Problem::State { problem, .. }) => problem.describe(lang),
            (_, Problem::Io { path, kind, detail }) => {
                format!("{}: {}", path.display(), io_problem(lang, *kind, detail))
            }
            (Language::En, Problem::Editor { editor, detail }) => format!("{editor}: {detail}"),
            (Language::Zh, Problem::Editor { editor, detail }) => {
                format!("外部编辑器 {editor} 出错：{detail}")
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

/// An I/O failure in the user's language: the common kinds by name, the
/// system's own words otherwise.
fn io_problem(lang: Language, kind: io::ErrorKind, detail: &str) -> String {
    use io::ErrorKind as K;
    if lang == Language::En {
        return detail.to_owned();
    }
    let known = match kind {
        K::StorageFull => "磁盘已满",
        K::PermissionDenied => "没有权限",
        K::NotFound => "找不到该文件或文件夹",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::AlreadyExists => "文件已存在",
        K::FileTooLarge => "文件过大",
        K::IsADirectory => "这是一个文件夹",
        K::QuotaExceeded => "超出磁盘配额",
        _ => return format!("系统错误：{detail}"),
    };
    known.to_owned()
}

/// A message the reader shows: pane titles, hints, questions, status lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text<'a> {
    // Panes and header.
    Departments,
    Chapters,
    Article,
    Checklist,
    /// The opening part of a document sectioned by headings.
    Opening,
    /// A section with no label, by its number (from 1).
    Part(usize),
    /// A month of a library; `None` for briefings with no date.
    Month(Option<crate::library::Month>),
    /// What the departments pane lists now.
    Showing(crate::library::Show),
    /// The department history's title and its foot line.
    HistoryTitle(&'a str),
    HistoryFoot {
        statements: usize,
    },
    /// The section names no department.
    NoDepartment,
    /// Files still being read.
    Loading {
        read: usize,
        total: usize,
    },
    /// Everything is read: how many briefings, and how many files failed.
    LoadedAll {
        read: usize,
        failed: usize,
    },
    /// Search results come from the briefings read so far.
    SearchPartial {
        covered: usize,
        total: usize,
    },
    /// A file changed on disk and was read again; one that appeared; one that went.
    Reloaded(&'a str),
    Appeared(&'a str),
    Disappeared(&'a str),
    NoBriefingOpen,
    Progress {
        done: usize,
        total: usize,
    },
    ReadOnly,
    TooSmall {
        width: u16,
        height: u16,
    },
    NoItemsListed,
    // Footer hints.
    HintMove,
    HintRead,
    HintDone,
    HintNote,
    HintShowInText,
    HintPage,
    HintNextPane,
    HintSections,
    HintHelp,
    HintQuit,
    HintLedger,
    HintStatus,
    HintProgress,
    HintFilter,
    HintOpen,
    HintBack,
    HintUndo,
    HintFilterKeep,
    HintFilterClear,
    // Overlays.
    HelpTitle,
    HelpClose,
    FindTitle,
    Hits(usize),
    BuildingIndex,
    NothingFound,
    /// What a search hit is.
    HitKind(crate::search::Kind),
    /// What an action does, for the help.
    ActionHelp(crate::action::Action),
    NoteTitle(&'a str),
    EditorKeys,
    DiscardChanges,
    ConfirmTitle,
    MarkAllDone {
        label: &'a str,
        total: usize,
    },
    ClearAll {
        label: &'a str,
        total: usize,
    },
    YesNo,
    // Status lines.
    Exported(&'a Path),
    /// The word in the name of an export file (标题-记录-日期.txt).
    ExportName,
    SearchFirst,
    NoMatch(&'a str),
    MatchOf {
        at: usize,
        total: usize,
        query: &'a str,
    },
    MarksReadOnly(&'a Problem),
    NotSaved(&'a Problem),
    NoteNotSaved(&'a Problem),
    StateUnusable {
        problem: &'a Problem,
        copy: Option<&'a Path>,
    },
    SelectItemToMark,
    NoItems,
    NoItemHereSectionNote,
    NothingToUndo,
    NothingToRedo,
    DraftBack(&'a str),
    DraftNotKept {
        path: &'a Path,
        error: &'a str,
    },
    DraftsWaiting {
        count: usize,
        first: &'a str,
    },
    Failed(&'a Problem),
    // The ledger view.
    LedgerTitle,
    /// Rows shown, rows in all, overdue among those shown.
    LedgerCount {
        shown: usize,
        total: usize,
        overdue: usize,
    },
    Today(&'a str),
    LedgerColumn(Column),
    LedgerFilterHint,
    LedgerEmpty,
    LedgerNoMatch,
    StatusSet {
        title: &'a str,
        status: &'a str,
    },
    ProgressTitle(&'a str),
    ProgressRefused(&'a crate::store::ProgressError),
}

/// The ledger view's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Status,
    Item,
    Lead,
    Due,
    Days,
    /// The days column's name where it is narrow.
    DaysShort,
    Progress,
    Source,
}

impl Text<'_> {
    /// The message in `lang`.
    pub fn show(&self, lang: Language) -> Cow<'static, str> {
        let zh = lang == Language::Zh;
        let pick = |c: &'static str, e: &'static str| Cow::Borrowed(if zh { c } else { e });
        match self {
            Text::Departments => pick("部门", "Departments"),
            Text::Chapters => pick("章节", "Chapters"),
            Text::Article => pick("正文", "Article"),
            Text::Checklist => pick("清单", "Checklist"),
            Text::Opening => pick("开篇", "Opening"),
            Text::Part(n) if zh => format!("第{n}部分").into(),
            Text::Part(n) => format!("Part {n}").into(),
            Text::Month(Some(m)) if zh => format!("{}年{}月", m.year, m.month).into(),
            Text::Month(Some(m)) => format!("{}-{:02}", m.year, m.month).into(),
            Text::Month(None) => pick("未注明日期", "Undated"),
            Text::Showing(show) => {
                use crate::library::Show;
                match show {
                    Show::All => pick("显示全部", "showing everything"),
                    Show::Open => pick("只看未完成的", "showing only what is not done"),
                    Show::Overdue => pick("只看逾期的", "showing only what is overdue"),
                }
            }
            Text::HistoryTitle(name) if zh => format!("{name} · 历次发言").into(),
            Text::HistoryTitle(name) => format!("{name} · across the library").into(),
            Text::HistoryFoot { statements } if zh => {
                format!("共 {statements} 次发言 · Enter 打开 · Esc 关闭").into()
            }
            Text::HistoryFoot { statements } => {
                format!("{statements} statements · Enter opens · Esc closes").into()
            }
            Text::NoDepartment => pick("这一节没有署名部门", "this section names no department"),
            Text::Loading { read, total } if zh => format!("正在读取 {read}/{total} 份").into(),
            Text::Loading { read, total } => format!("reading {read}/{total} files").into(),
            Text::LoadedAll { read, failed: 0 } if zh => format!("已读取 {read} 份").into(),
            Text::LoadedAll { read, failed: 0 } => format!("{read} briefings read").into(),
            Text::LoadedAll { read, failed } if zh => {
                format!("已读取 {read} 份，{failed} 个文件无法读取").into()
            }
            Text::LoadedAll { read, failed } => {
                format!("{read} briefings read, {failed} files could not be read").into()
            }
            Text::SearchPartial { covered, total } if zh => {
                format!("仅搜索了已读取的 {covered}/{total} 份").into()
            }
            Text::SearchPartial { covered, total } => {
                format!("searched only the {covered} of {total} files read so far").into()
            }
            Text::Reloaded(path) if zh => format!("已重新读取 {path}").into(),
            Text::Reloaded(path) => format!("read again: {path}").into(),
            Text::Appeared(path) if zh => format!("新文件：{path}").into(),
            Text::Appeared(path) => format!("new file: {path}").into(),
            Text::Disappeared(path) if zh => format!("文件已移走：{path}").into(),
            Text::Disappeared(path) => format!("file gone: {path}").into(),
            Text::NoBriefingOpen => pick(" 没有打开的简报", " no briefing open"),
            Text::Progress { done, total } if zh => format!("完成 {done}/{total}").into(),
            Text::Progress { done, total } => format!("done {done}/{total}").into(),
            Text::ReadOnly => pick("只读", "read-only"),
            Text::TooSmall { width, height } if zh => {
                format!("终端太小（至少 {width}×{height}）").into()
            }
            Text::TooSmall { width, height } => {
                format!("terminal too small (need {width}×{height})").into()
            }
            Text::NoItemsListed => pick("本节没有列举事项", "no action items in this section"),
            Text::HintMove => pick("移动", "move"),
            Text::HintRead => pick("阅读", "read"),
            Text::HintDone => pick("完成", "done"),
            Text::HintNote => pick("备注", "note"),
            Text::HintShowInText => pick("定位", "show in text"),
            Text::HintPage => pick("翻页", "page"),
            Text::HintNextPane => pick("切换窗格", "next pane"),
            Text::HintSections => pick("上/下个部门", "prev/next section"),
            Text::HintHelp => pick("帮助", "help"),
            Text::HintQuit => pick("退出", "quit"),
            Text::HintLedger => pick("台账", "ledger"),
            Text::HintStatus => pick("状态", "status"),
            Text::HintProgress => pick("进展", "progress"),
            Text::HintFilter => pick("筛选", "filter"),
            Text::HintOpen => pick("打开", "open"),
            Text::HintBack => pick("返回", "back"),
            Text::HintUndo => pick("撤销", "undo"),
            Text::HintFilterKeep => pick("保留筛选", "keep the filter"),
            Text::HintFilterClear => pick("清除筛选", "clear the filter"),
            Text::HelpTitle => pick("帮助 · 按键", "Help · keys"),
            Text::HelpClose => pick("按 ? 或 Esc 关闭", "? or Esc closes"),
            Text::FindTitle => pick("搜索 · 汉字或拼音", "Find · Han or pinyin"),
            Text::Hits(n) if zh => format!("{n} 条").into(),
            Text::Hits(n) => format!("{n} hits").into(),
            Text::BuildingIndex => pick("正在建立索引……", "building the index…"),
            Text::NothingFound => pick("没有找到", "nothing found"),
            Text::ActionHelp(action) => {
                use crate::action::Action as A;
                match action {
                    A::Quit => pick("退出", "quit"),
                    A::Help => pick("显示或关闭帮助", "show or hide this help"),
                    A::FocusNext => pick("下一个窗格", "next pane"),
                    A::FocusPrev => pick("上一个窗格", "previous pane"),
                    A::FocusLeft => pick("左侧窗格", "pane to the left"),
                    A::FocusRight => pick("右侧窗格", "pane to the right"),
                    A::Up => pick("上移", "move up"),
                    A::Down => pick("下移", "move down"),
                    A::Top => pick("到顶部", "go to the top"),
                    A::Bottom => pick("到底部", "go to the bottom"),
                    A::HalfPageDown => pick("下翻半页", "half a page down"),
                    A::HalfPageUp => pick("上翻半页", "half a page up"),
                    A::PageDown => pick("下翻一页", "page down"),
                    A::PageUp => pick("上翻一页", "page up"),
                    A::Select => pick(
                        "打开：在正文中定位事项",
                        "open: show the item in the article",
                    ),
                    A::PrevSection => pick("上一个部门", "previous section"),
                    A::NextSection => pick("下一个部门", "next section"),
                    A::ToggleCollapse => pick("折叠或展开简报", "fold or unfold a briefing"),
                    A::ToggleDone => {
                        pick("标记或取消完成", "mark the selected item done / not done")
                    }
                    A::MarkSection => {
                        pick("整个部门标记或清除完成", "mark or clear the whole section")
                    }
                    A::EditNote => pick("为事项写备注", "write a note on the item"),
                    A::EditSectionNote => pick("为部门写备注", "write a note on the section"),
                    A::Undo => pick("撤销", "undo"),
                    A::Redo => pick("重做", "redo"),
                    A::Export => pick(
                        "导出本简报的标记和备注",
                        "export this briefing's marks and notes",
                    ),
                    A::Find => pick("搜索：汉字或拼音", "find: Han characters or pinyin"),
                    A::NextMatch => pick("本部门下一处匹配", "next match in this section"),
                    A::PrevMatch => pick("本部门上一处匹配", "previous match in this section"),
                    A::Ledger => pick("打开督办台账（全部事项）", "the follow-up ledger"),
                    A::CycleShow => pick("只看未完成或逾期", "show only open / overdue"),
                    A::Department => pick("本部门历次发言", "this department across the library"),
                    A::CycleStatus => pick("切换事项状态", "next status of the item"),
                    A::StatusNotStarted => pick("状态设为未启动", "status: not started"),
                    A::StatusInProgress => pick("状态设为推进中", "status: in progress"),
                    A::StatusDone => pick("状态设为已完成", "status: done"),
                    A::StatusPaused => pick("状态设为暂缓", "status: paused"),
                    A::AddProgress => {
                        pick("为事项添加一条进展", "add a progress entry to the item")
                    }
                }
            }
            Text::HitKind(kind) => {
                use crate::search::Kind as K;
                match kind {
                    K::Department => pick("部门", "department"),
                    K::Headline => pick("标题", "headline"),
                    K::Item => pick("事项", "item"),
                    K::Sentence => pick("正文", "text"),
                }
            }
            Text::NoteTitle(t) if zh => format!("备注：{t}").into(),
            Text::NoteTitle(t) => format!("Note: {t}").into(),
            Text::EditorKeys => pick(
                "Ctrl-S 保存  Esc 取消  Enter 换行  Ctrl-E 用外部编辑器",
                "Ctrl-S save  Esc cancel  Enter new line  Ctrl-E external editor",
            ),
            Text::DiscardChanges => pick("放弃修改？(y/n)", "Discard the changes? (y/n)"),
            Text::ConfirmTitle => pick("确认", "Confirm"),
            Text::MarkAllDone { label, total } if zh => {
                format!("将「{label}」的 {total} 项全部标记为完成？").into()
            }
            Text::MarkAllDone { label, total } => {
                format!("Mark all {total} items of {label} done?").into()
            }
            Text::ClearAll { label, total } if zh => {
                format!("清除「{label}」全部 {total} 项的完成标记？").into()
            }
            Text::ClearAll { label, total } => {
                format!("Clear the done marks of all {total} items of {label}?").into()
            }
            Text::YesNo => pick("y 确定   n 取消", "y yes   n no"),
            Text::Exported(p) if zh => format!("已导出到 {}", p.display()).into(),
            Text::Exported(p) => format!("exported to {}", p.display()).into(),
            Text::ExportName => pick("记录", "notes"),
            Text::SearchFirst => pick("先按 / 搜索", "search with / first"),
            Text::NoMatch(q) if zh => format!("本部门没有“{q}”").into(),
            Text::NoMatch(q) => format!("no match for {q} in this section").into(),
            Text::MatchOf { at, total, query } => format!("{at}/{total} “{query}”").into(),
            Text::MarksReadOnly(p) if zh => {
                format!("标记为只读，不会保存：{}", p.describe(lang)).into()
            }
            Text::MarksReadOnly(p) => format!(
                "marks are read-only and will not be saved: {}",
                p.describe(lang)
            )
            .into(),
            Text::NotSaved(p) if zh => {
                format!("未能保存，已撤回这次改动：{}", p.describe(lang)).into()
            }
            Text::NotSaved(p) => format!(
                "not saved, so the change was taken back: {}",
                p.describe(lang)
            )
            .into(),
            Text::NoteNotSaved(p) if zh => {
                format!("备注未能保存（{}）；文字还在编辑框里", p.describe(lang)).into()
            }
            Text::NoteNotSaved(p) => format!(
                "the note was not saved ({}); its text is still in the editor",
                p.describe(lang)
            )
            .into(),
            Text::StateUnusable { problem, copy } => {
                let path = match problem {
                    Problem::State { path, .. } | Problem::Io { path, .. } => path.display(),
                    Problem::Editor { .. } => Path::new("").display(),
                };
                let copy = copy.map(|c| c.display().to_string()).unwrap_or_default();
                let why = match problem {
                    Problem::State { problem, .. } => problem.describe(lang),
                    other => other.describe(lang),
                };
                if zh {
                    format!("{path}：{why}；标记只读，不会覆盖它。副本：{copy}").into()
                } else {
                    format!(
                        "{path}: {why}; marks are read-only and it will not be overwritten. Copy: {copy}"
                    )
                    .into()
                }
            }
            Text::SelectItemToMark => pick(
                "在清单或正文中选中事项后再标记",
                "select an item in the checklist or the article to mark it",
            ),
            Text::NoItems => pick("本部门没有事项", "this section has no items"),
            Text::NoItemHereSectionNote => pick(
                "本部门没有事项；按 A 写部门备注",
                "no item here; A writes a note on the section",
            ),
            Text::NothingToUndo => pick("没有可撤销的操作", "nothing to undo"),
            Text::NothingToRedo => pick("没有可重做的操作", "nothing to redo"),
            Text::DraftBack(when) if zh => format!("已恢复上次未保存的备注草稿（{when}）").into(),
            Text::DraftBack(when) => {
                format!("the unsaved draft of this note is back ({when})").into()
            }
            Text::DraftNotKept { path, error } if zh => {
                format!("草稿未能保存：{}：{error}", path.display()).into()
            }
            Text::DraftNotKept { path, error } => {
                format!("cannot keep the draft: {}: {error}", path.display()).into()
            }
            Text::DraftsWaiting { count, first } if zh => {
                format!("有 {count} 条未保存的备注草稿（如「{first}」）：在该事项上按 a（进展草稿按 p）继续编辑")
                    .into()
            }
            Text::DraftsWaiting { count, first } => format!(
                "{count} unsaved note draft(s) (such as “{first}”): press a on the item (p for a progress entry) to go on"
            )
            .into(),
            Text::Failed(p) => p.describe(lang).into(),
            Text::LedgerTitle => pick("督办台账", "Follow-up ledger"),
            Text::LedgerCount {
                shown,
                total,
                overdue,
            } if zh => format!("{shown}/{total} 项 · 逾期 {overdue}").into(),
            Text::LedgerCount {
                shown,
                total,
                overdue,
            } => format!("{shown}/{total} items · {overdue} overdue").into(),
            Text::Today(d) if zh => format!("今天 {d}").into(),
            Text::Today(d) => format!("today {d}").into(),
            Text::LedgerColumn(c) => match c {
                Column::Status => pick("状态", "Status"),
                Column::Item => pick("事项", "Item"),
                Column::Lead => pick("牵头单位", "Lead"),
                Column::Due => pick("时限", "Due"),
                Column::Days => pick("剩余天数", "Days left"),
                Column::DaysShort => pick("剩余", "Days"),
                Column::Progress => pick("最新进展", "Latest progress"),
                Column::Source => pick("来源", "Source"),
            },
            Text::LedgerFilterHint => pick(
                "/ 筛选：单位、简报、事项，或 推进中、已完成、逾期、临期",
                "/ filter: unit, briefing, item, or done, paused, overdue, soon",
            ),
            Text::LedgerEmpty => pick("打开的简报里没有事项", "no items in the open briefings"),
            Text::LedgerNoMatch => pick("没有符合筛选的事项", "no item matches the filter"),
            Text::StatusSet { title, status } if zh => format!("「{title}」：{status}").into(),
            Text::StatusSet { title, status } => {
                let en = match crate::store::Status::parse(status) {
                    Some(crate::store::Status::NotStarted) => "not started",
                    Some(crate::store::Status::InProgress) => "in progress",
                    Some(crate::store::Status::Done) => "done",
                    Some(crate::store::Status::Paused) => "paused",
                    _ => status,
                };
                format!("{title}: {en}").into()
            }
            Text::ProgressTitle(t) if zh => format!("进展：{t}").into(),
            Text::ProgressTitle(t) => format!("Progress: {t}").into(),
            Text::ProgressRefused(e) if zh => match e {
                crate::store::ProgressError::Empty => "进展不能为空".into(),
                crate::store::ProgressError::TooLong(n) => format!(
                    "一条进展最多 {} 字，这条有 {n} 字；文字还在编辑框里",
                    crate::store::MAX_PROGRESS_CHARS
                )
                .into(),
            },
            Text::ProgressRefused(e) => format!("{e}; the text is still in the editor").into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_line_carries_a_chinese_reason() {
        let full = Problem::Io {
            path: PathBuf::from("/tmp/state.toml"),
            kind: io::ErrorKind::StorageFull,
            detail: "No space left on device (os error 28)".into(),
        };
        let zh = Text::NotSaved(&full).show(Language::Zh);
        assert!(zh.contains("磁盘已满") && !zh.contains("No space"), "{zh}");
        let en = Text::NotSaved(&full).show(Language::En);
        assert!(en.contains("No space left"), "{en}");
        let newer = Problem::State {
            path: PathBuf::from("state.toml"),
            problem: StateProblem::Newer(7),
        };
        let zh = Text::MarksReadOnly(&newer).show(Language::Zh);
        assert!(zh.contains("更新版本") && !zh.contains("newer"), "{zh}");
    }

    #[test]
    fn every_message_has_both_languages() {
        let p = Problem::Editor {
            editor: "vi".into(),
            detail: "exit status 1".into(),
        };
        let path = Path::new("记录.txt");
        let all = [
            Text::Departments,
            Text::Chapters,
            Text::Article,
            Text::Checklist,
            Text::Opening,
            Text::Part(2),
            Text::NoBriefingOpen,
            Text::Progress { done: 1, total: 2 },
            Text::ReadOnly,
            Text::TooSmall {
                width: 24,
                height: 6,
            },
            Text::NoItemsListed,
            Text::HintMove,
            Text::HintRead,
            Text::HintDone,
            Text::HintNote,
            Text::HintShowInText,
            Text::HintPage,
            Text::HintNextPane,
            Text::HintSections,
            Text::HintHelp,
            Text::HintQuit,
            Text::HelpTitle,
            Text::HelpClose,
            Text::FindTitle,
            Text::Hits(3),
            Text::BuildingIndex,
            Text::NothingFound,
            Text::HitKind(crate::search::Kind::Item),
            Text::ActionHelp(crate::action::Action::Find),
            Text::NoteTitle("一是"),
            Text::EditorKeys,
            Text::DiscardChanges,
            Text::ConfirmTitle,
            Text::MarkAllDone {
                label: "市水务局",
                total: 3,
            },
            Text::ClearAll {
                label: "市水务局",
                total: 3,
            },
            Text::YesNo,
            Text::Exported(path),
            Text::ExportName,
            Text::SearchFirst,
            Text::NoMatch("净化"),
            Text::SelectItemToMark,
            Text::NoItems,
            Text::NoItemHereSectionNote,
            Text::NothingToUndo,
            Text::NothingToRedo,
            Text::DraftBack("2026-11-30"),
            Text::DraftsWaiting {
                count: 1,
                first: "一是",
            },
            Text::Failed(&p),
            Text::HintLedger,
            Text::HintStatus,
            Text::HintProgress,
            Text::HintFilter,
            Text::HintOpen,
            Text::HintBack,
            Text::HintUndo,
            Text::HintFilterKeep,
            Text::HintFilterClear,
            Text::LedgerTitle,
            Text::LedgerCount {
                shown: 1,
                total: 2,
                overdue: 1,
            },
            Text::Today("2026-12-01"),
            Text::LedgerColumn(Column::Days),
            Text::LedgerFilterHint,
            Text::LedgerEmpty,
            Text::LedgerNoMatch,
            Text::ProgressTitle("一是"),
            Text::ProgressRefused(&crate::store::ProgressError::TooLong(2001)),
        ];
        let han = |s: &str| s.chars().any(crate::briefing::chars::is_han);
        for t in &all {
            let (zh, en) = (t.show(Language::Zh), t.show(Language::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
            // Chinese where the words are the reader's own; English has none.
            assert!(
                !han(&en)
                    || en.contains("记录")
                    || en.contains("净化")
                    || en.contains("一是")
                    || en.contains("市水务局"),
                "{t:?}: {en}"
            );
        }
    }
}
