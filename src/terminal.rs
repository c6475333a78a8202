//! Facts about the terminal that only the terminal can tell.

use std::io::{self, IsTerminal, Write};

use crossterm::{cursor, execute, style::Print, terminal};

use crate::layout::Ambiguous;

/// How wide the terminal draws East Asian Ambiguous characters: prints `“` at the
/// top left of the alternate screen and reads the cursor position back. `None`
/// when there is no terminal to ask or it does not answer.
pub fn probe_ambiguous() -> Option<Ambiguous> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return None;
    }
    terminal::enable_raw_mode().ok()?;
    let mut out = io::stdout();
    let column = (|| {
        execute!(
            out,
            terminal::EnterAlternateScreen,
            cursor::MoveTo(0, 0),
            Print("“")
        )?;
        out.flush()?;
        cursor::position().map(|(c, _)| c)
    })();
    let _ = execute!(out, terminal::LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
    match column {
        Ok(2) => Some(Ambiguous::Wide),
        Ok(1) => Some(Ambiguous::Narrow),
        _ => None,
    }
}

/// The terminal's width in columns, when standard output is a terminal.
pub fn width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    terminal::size().ok().map(|(w, _)| usize::from(w))
}
