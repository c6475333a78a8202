//! Everything a user can ask of the reader. The key map and the config file name
//! these in `snake_case`: `next_section = "]"`.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Select,
    PrevSection,
    NextSection,
    ToggleCollapse,
    ToggleDone,
    MarkSection,
    EditNote,
    EditSectionNote,
    Undo,
    Redo,
    Export,
    Find,
    NextMatch,
    PrevMatch,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 28] = [
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusLeft,
        Action::FocusRight,
        Action::Select,
        Action::PrevSection,
        Action::NextSection,
        Action::ToggleCollapse,
        Action::ToggleDone,
        Action::MarkSection,
        Action::EditNote,
        Action::EditSectionNote,
        Action::Undo,
        Action::Redo,
        Action::Export,
        Action::Find,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Select => "select",
            Action::PrevSection => "prev_section",
            Action::NextSection => "next_section",
            Action::ToggleCollapse => "toggle_collapse",
            Action::ToggleDone => "toggle_done",
            Action::MarkSection => "mark_section",
            Action::EditNote => "edit_note",
            Action::EditSectionNote => "edit_section_note",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Export => "export",
            Action::Find => "find",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// What the action does, in English and Chinese, for the help overlay.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Action::Quit => ("quit", "退出"),
            Action::Help => ("show or hide this help", "显示或关闭帮助"),
            Action::FocusNext => ("next pane", "下一个窗格"),
            Action::FocusPrev => ("previous pane", "上一个窗格"),
            Action::FocusLeft => ("pane to the left", "左侧窗格"),
            Action::FocusRight => ("pane to the right", "右侧窗格"),
            Action::Up => ("move up", "上移"),
            Action::Down => ("move down", "下移"),
            Action::Top => ("go to the top", "到顶部"),
            Action::Bottom => ("go to the bottom", "到底部"),
            Action::HalfPageDown => ("half a page down", "下翻半页"),
            Action::HalfPageUp => ("half a page up", "上翻半页"),
            Action::PageDown => ("page down", "下翻一页"),
            Action::PageUp => ("page up", "上翻一页"),
            Action::Select => (
                "open: show the item in the article",
                "打开：在正文中定位事项",
            ),
            Action::PrevSection => ("previous section", "上一个部门"),
            Action::NextSection => ("next section", "下一个部门"),
            Action::ToggleCollapse => ("fold or unfold a briefing", "折叠或展开简报"),
            Action::ToggleDone => ("mark the selected item done / not done", "标记或取消完成"),
            Action::MarkSection => ("mark or clear the whole section", "整个部门标记或清除完成"),
            Action::EditNote => ("write a note on the item", "为事项写备注"),
            Action::EditSectionNote => ("write a note on the section", "为部门写备注"),
            Action::Undo => ("undo", "撤销"),
            Action::Redo => ("redo", "重做"),
            Action::Export => (
                "export this briefing's marks and notes",
                "导出本简报的标记和备注",
            ),
            Action::Find => ("find: Han characters or pinyin", "搜索：汉字或拼音"),
            Action::NextMatch => ("next match in this section", "本部门下一处匹配"),
            Action::PrevMatch => ("previous match in this section", "本部门上一处匹配"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("fly"), None);
    }
}
