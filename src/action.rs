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
    CycleShow,
    Department,
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
    Ledger,
    CycleStatus,
    StatusNotStarted,
    StatusInProgress,
    StatusDone,
    StatusPaused,
    AddProgress,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 37] = [
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
        Action::CycleShow,
        Action::Department,
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
        Action::Ledger,
        Action::CycleStatus,
        Action::StatusNotStarted,
        Action::StatusInProgress,
        Action::StatusDone,
        Action::StatusPaused,
        Action::AddProgress,
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
            Action::CycleShow => "cycle_show",
            Action::Department => "department",
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
            Action::Ledger => "ledger",
            Action::CycleStatus => "cycle_status",
            Action::StatusNotStarted => "status_not_started",
            Action::StatusInProgress => "status_in_progress",
            Action::StatusDone => "status_done",
            Action::StatusPaused => "status_paused",
            Action::AddProgress => "add_progress",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
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
