//! The event loop and the terminal guard. The terminal is restored on quit, on
//! error, on panic (a hook restores first, then reports) and on SIGTERM/SIGHUP.

pub mod state;
pub mod update;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use crate::briefing::Briefing;
use crate::config::{AmbiguousSetting, Config, Key, KeyCode};
use crate::layout::{Ambiguous, Options};
use crate::ui::{self, Theme};
use state::State;
use update::{Msg, update};

/// Puts the terminal back as it was: called by the guard's `Drop` and by the
/// panic hook, so it must be safe to call twice.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = io::stdout().flush();
}

struct TerminalGuard;

impl TerminalGuard {
    fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // While panicking, the hook has restored already and its report must stay
        // on the normal screen.
        if !std::thread::panicking() {
            restore();
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Converts a terminal key event to the config's key.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as C;
    let code = match event.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The width ambiguous characters get: the setting, or the terminal's answer.
pub fn resolve_ambiguous(setting: AmbiguousSetting) -> Ambiguous {
    match setting {
        AmbiguousSetting::Fixed(a) => a,
        AmbiguousSetting::Auto => crate::terminal::probe_ambiguous().unwrap_or(Ambiguous::Narrow),
    }
}

/// Builds the state the reader starts with.
pub fn initial_state(briefings: Vec<Briefing>, config: Config, ambiguous: Ambiguous) -> State {
    let layout = Options {
        width: 80,
        ambiguous,
        hang: config.hanging,
        first_indent: 0,
    };
    State::new(briefings, config, layout)
}

/// Lays out and draws one frame.
pub fn draw<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    theme: &Theme,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let areas = ui::areas(area, state.focus);
    let width = areas
        .panes
        .article
        .map(|r| ui::article_text_width(r, state.layout.hang));
    state.prepare(areas.panes, width);
    terminal.draw(|f| ui::render(state, theme, f.area(), f.buffer_mut()))?;
    Ok(())
}

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(briefings: Vec<Briefing>, config: Config, status: Option<String>) -> anyhow::Result<()> {
    let ambiguous = resolve_ambiguous(config.ambiguous);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = Theme::new(config.theme, color);
    let mut state = initial_state(briefings, config, ambiguous);
    state.status = status;

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    install_panic_hook();
    let _guard = TerminalGuard::enter(state.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let mut dirty = true;
    while !state.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            draw(&mut terminal, &mut state, &theme)?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        dirty = true;
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(action) = key_of(&k).and_then(|key| state.config.keys.action(&key)) {
                    update(&mut state, Msg::Action(action));
                }
            }
            Event::Mouse(m) if state.mouse => {
                let msg = match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                        column: m.column,
                        row: m.row,
                    }),
                    MouseEventKind::ScrollDown => Some(Msg::Wheel {
                        column: m.column,
                        row: m.row,
                        down: true,
                    }),
                    MouseEventKind::ScrollUp => Some(Msg::Wheel {
                        column: m.column,
                        row: m.row,
                        down: false,
                    }),
                    _ => None,
                };
                if let Some(msg) = msg {
                    update(&mut state, msg);
                }
            }
            Event::Resize(..) => terminal.autoresize()?,
            _ => {}
        }
    }
    Ok(())
}
