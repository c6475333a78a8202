//! One department across the library: every statement it made, newest first,
//! each with its items (see [`crate::library::Department`] for which names
//! are one department).

use crate::library::Department;

use super::state::State;

/// A line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A statement: briefing and section.
    Statement(usize, usize),
    /// One of its items.
    Item(usize, usize, usize),
}

impl Line {
    /// The briefing and section it belongs to.
    pub fn section(self) -> (usize, usize) {
        match self {
            Line::Statement(b, s) | Line::Item(b, s, _) => (b, s),
        }
    }
}

/// The department history overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The department as the selected section names it.
    pub name: String,
    pub lines: Vec<Line>,
    /// How many statements.
    pub statements: usize,
    pub selected: usize,
    pub offset: usize,
}

impl History {
    /// The history of the department of section `(b, s)`, on that section;
    /// `None` when the section names no department.
    pub fn of(state: &State, (b, s): (usize, usize)) -> Option<History> {
        let name = state
            .briefings
            .get(b)?
            .sections
            .get(s)?
            .department()?
            .to_owned();
        let want = Department::of(&name);
        let mut order: Vec<usize> = (0..state.briefings.len())
            .filter(|&k| state.present[k])
            .collect();
        crate::library::sort(&mut order, &state.briefings, &state.shelves);
        let mut lines = Vec::new();
        let mut statements = 0;
        let mut selected = 0;
        for k in order {
            for (j, section) in state.briefings[k].sections.iter().enumerate() {
                let Some(d) = section.department() else {
                    continue;
                };
                if !Department::of(d).same(&want) {
                    continue;
                }
                if (k, j) == (b, s) {
                    selected = lines.len();
                }
                statements += 1;
                lines.push(Line::Statement(k, j));
                lines.extend((0..section.items.len()).map(|i| Line::Item(k, j, i)));
            }
        }
        Some(History {
            name,
            lines,
            statements,
            selected,
            // The section it was opened on shows first.
            offset: selected,
        })
    }

    /// Moves the selection by `delta` lines, within the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.lines.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}
