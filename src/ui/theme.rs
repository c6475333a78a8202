//! Colours and emphasis. `NO_COLOR` keeps only bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub header: Style,
    pub footer: Style,
    pub key: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub marker: Style,
    pub item: Style,
    pub headline: Style,
    pub author: Style,
    pub dim: Style,
    pub status: Style,
    pub progress: Style,
    pub note: Style,
    pub dialog: Style,
    pub found: Style,
    /// Ledger rows: past their due date, due within a week, done.
    pub overdue: Style,
    pub soon: Style,
    pub done: Style,
}

impl Theme {
    pub fn new(name: ThemeName, color: bool) -> Theme {
        if !color {
            return Theme::monochrome();
        }
        let (fg, accent, soft, sel_bg, hl_bg) = match name {
            ThemeName::Dark => (
                Color::Reset,
                Color::Cyan,
                Color::DarkGray,
                Color::Blue,
                Color::Rgb(60, 60, 30),
            ),
            ThemeName::Light => (
                Color::Reset,
                Color::Blue,
                Color::Gray,
                Color::LightBlue,
                Color::Rgb(255, 245, 190),
            ),
            ThemeName::HighContrast => (
                Color::White,
                Color::Yellow,
                Color::White,
                Color::Yellow,
                Color::Magenta,
            ),
        };
        let high = name == ThemeName::HighContrast;
        Theme {
            base: Style::new().fg(fg),
            border: Style::new().fg(soft),
            border_focused: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            footer: Style::new().fg(soft),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            selected: if high {
                Style::new()
                    .fg(Color::Black)
                    .bg(sel_bg)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::new()
                    .bg(sel_bg)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD)
            },
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            marker: Style::new()
                .fg(if high {
                    Color::Yellow
                } else {
                    Color::LightYellow
                })
                .add_modifier(Modifier::BOLD),
            item: if high {
                Style::new().fg(Color::Black).bg(hl_bg)
            } else {
                Style::new().bg(hl_bg).add_modifier(Modifier::UNDERLINED)
            },
            headline: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            author: Style::new().fg(soft),
            dim: Style::new().fg(soft),
            status: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            progress: Style::new().fg(if high { Color::Yellow } else { Color::Green }),
            note: Style::new()
                .fg(if high {
                    Color::White
                } else {
                    Color::LightMagenta
                })
                .add_modifier(Modifier::ITALIC),
            dialog: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            found: Style::new().fg(Color::Black).bg(Color::Yellow),
            overdue: Style::new()
                .fg(if high { Color::LightRed } else { Color::Red })
                .add_modifier(Modifier::BOLD),
            soon: Style::new().fg(if high {
                Color::LightYellow
            } else {
                Color::Yellow
            }),
            done: if high {
                Style::new().fg(Color::Gray).add_modifier(Modifier::DIM)
            } else {
                Style::new().fg(soft)
            },
        }
    }

    fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            border: plain,
            border_focused: bold,
            title: bold,
            header: bold,
            footer: plain,
            key: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            marker: bold,
            item: Style::new().add_modifier(Modifier::UNDERLINED),
            headline: bold,
            author: plain,
            dim: plain,
            status: bold,
            progress: plain,
            note: Style::new().add_modifier(Modifier::ITALIC),
            dialog: bold,
            found: Style::new().add_modifier(Modifier::REVERSED),
            // Without colour the ledger's leading symbol says it (! · ✓).
            overdue: bold,
            soon: plain,
            done: plain,
        }
    }
}
