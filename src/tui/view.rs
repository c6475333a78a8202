//! The view model: where the last frame put the panes and which row each list
//! starts at. The drawing code computes it for every frame
//! ([`crate::ui::view_model`]); `update` reads it to page by a pane's height
//! and to find what a click hit. Plain data: the state knows nothing of the
//! terminal library.

use super::state::Pane;

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        (self.x..self.x.saturating_add(self.width)).contains(&column)
            && (self.y..self.y.saturating_add(self.height)).contains(&row)
    }

    /// Rows of text inside a pane's border (at least one).
    pub fn inner_height(&self) -> usize {
        usize::from(self.height.saturating_sub(2)).max(1)
    }
}

/// The first row each list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offsets {
    pub departments: usize,
    pub checklist: usize,
}

/// The panes of the last frame (a pane not shown is `None`), the article's
/// text width, and the lists' offsets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub departments: Option<Area>,
    pub article: Option<Area>,
    pub checklist: Option<Area>,
    /// Columns for the article's text, when the article is shown.
    pub article_width: Option<usize>,
    /// Rows the ledger view's table shows (a page), when it is open.
    pub ledger_rows: usize,
    /// Rows the department history lists, when it is open.
    pub history_rows: usize,
    pub offsets: Offsets,
}

impl View {
    pub fn area(&self, pane: Pane) -> Option<Area> {
        match pane {
            Pane::Departments => self.departments,
            Pane::Article => self.article,
            Pane::Checklist => self.checklist,
        }
    }

    /// Rows of text inside a pane's border (one when it is not shown).
    pub fn inner_height(&self, pane: Pane) -> usize {
        self.area(pane).map_or(1, |a| a.inner_height())
    }

    /// The first row a list shows (the article has none).
    pub fn offset(&self, pane: Pane) -> usize {
        match pane {
            Pane::Departments => self.offsets.departments,
            Pane::Checklist => self.offsets.checklist,
            Pane::Article => 0,
        }
    }

    /// The pane under a cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ORDER
            .into_iter()
            .find(|&pane| self.area(pane).is_some_and(|a| a.contains(column, row)))
    }
}

/// The first row to show so that `selected` is visible in `height` rows,
/// keeping the previous offset when it still shows it.
pub fn list_offset(previous: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < previous {
        selected
    } else if selected >= previous + height {
        selected + 1 - height
    } else {
        previous
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_scroll_only_as_far_as_needed() {
        assert_eq!(list_offset(0, 3, 5), 0);
        assert_eq!(list_offset(0, 7, 5), 3);
        assert_eq!(list_offset(4, 2, 5), 2);
        assert_eq!(list_offset(2, 4, 0), 4);
    }

    #[test]
    fn clicks_find_their_pane() {
        let view = View {
            article: Some(Area {
                x: 10,
                y: 1,
                width: 20,
                height: 5,
            }),
            ..View::default()
        };
        assert_eq!(view.pane_at(10, 1), Some(Pane::Article));
        assert_eq!(view.pane_at(29, 5), Some(Pane::Article));
        assert_eq!(view.pane_at(30, 5), None);
        assert_eq!(view.inner_height(Pane::Article), 3);
        assert_eq!(view.inner_height(Pane::Checklist), 1);
    }
}
