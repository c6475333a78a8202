//! The event loop and the terminal guard. The terminal is restored on quit, on
//! error, on panic (a hook restores first, then reports) and on SIGTERM/SIGHUP.
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use std::path::{Path, PathBuf};

use crate::config::{AmbiguousSetting, Config};
use crate::export::{self, ExportOptions, Format};
use crate::layout::Ambiguous;
use crate::loader::{Loaded, Loader};
use crate::messages::{Problem, Text};
use crate::search::Index;
use crate::store::Store;
use crate::tui::state::{self, State};
use crate::tui::update::{Effect, Msg, update};
use crate::tui::view::View;
use crate::tui::{initial_state, layers};
use crate::ui::{self, Theme};

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
        // A document reader's panic is caught and reported as a bad file:
        // the terminal stays as it is.
        if crate::briefing::formats::caught_panic_expected() {
            return;
        }
        restore();
        previous(info);
    }));
}

/// The width ambiguous characters get: the setting, or the terminal's answer.
pub fn resolve_ambiguous(setting: AmbiguousSetting) -> Ambiguous {
    match setting {
        AmbiguousSetting::Fixed(a) => a,
        AmbiguousSetting::Auto => crate::terminal::probe_ambiguous().unwrap_or(Ambiguous::Narrow),
    }
}

/// Lays out and draws one frame: the view model for the terminal's size, the
/// state fitted to it, then the drawing, which only reads.
pub fn draw<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    view: &mut View,
    theme: &Theme,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    *view = ui::view_model(state, area, view);
    state.fit(view);
    let view = *view;
    terminal.draw(|f| {
        if let Some(cursor) = ui::render(state, &view, theme, f.area(), f.buffer_mut()) {
            f.set_cursor_position(cursor);
        }
    })?;
    Ok(())
}

/// A file name for an export of this briefing in the current folder.
fn export_path(title: &str, word: &str, date: &str) -> PathBuf {
    let safe: String = title
        .chars()
        .map(|c| {
            if c.is_whitespace() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(40)
        .collect();
    let path = PathBuf::from(format!("{safe}-{word}-{date}.txt"));
    std::path::absolute(&path).unwrap_or(path)
}

/// Writes the briefing's export to a new file: an export made earlier is
/// never replaced (the name gets -2, -3, …).
fn export_briefing(state: &State, b: usize) -> Result<PathBuf, Problem> {
    let Some(briefing) = state.briefings.get(b) else {
        return Err(Problem::io(
            Path::new(""),
            &io::Error::from(io::ErrorKind::NotFound),
        ));
    };
    let date = crate::time::local_date(&state.now);
    let word = state.text(&Text::ExportName);
    let path = export_path(&briefing.title, &word, &date);
    let opts = ExportOptions {
        format: Format::Text,
        width: 80,
        ambiguous: state.layout.ambiguous,
        date,
    };
    let mut buf = Vec::new();
    export::export(
        &mut buf,
        std::slice::from_ref(briefing),
        &state.marks,
        &opts,
    )
    .map_err(|e| Problem::io(&path, &e))?;
    crate::atomic::create_new(&path, &buf).map_err(|e| Problem::io(&path, &e))
}

/// Leaves the screen to the user's editor for a note, then takes it back.
fn external_editor<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    text: &str,
    mouse: bool,
) -> Result<String, Problem> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    // An unpredictable name, created exclusively and readable by the user
    // alone: a note is not for other users of the machine.
    let mut file = tempfile::Builder::new()
        .prefix("brief-note-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| Problem::io(&std::env::temp_dir(), &e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| Problem::io(file.path(), &e))?;
    let path = file.path().to_owned();
    restore();
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(&path)
        .status();
    let _ = terminal::enable_raw_mode();
    let _ = execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    );
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let _ = terminal.clear();
    let result = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path).map_err(|e| Problem::io(&path, &e)),
        Ok(s) => Err(Problem::Editor {
            editor: editor.clone(),
            detail: s.to_string(),
        }),
        Err(e) => Err(Problem::Editor {
            editor: editor.clone(),
            detail: e.to_string(),
        }),
    };
    drop(file);
    result.map(|t| t.trim_end_matches('\n').to_owned())
}

/// Ends the process when its terminal is gone or a stop signal goes unheeded.
///
/// When the terminal closes under it (a killed tmux pane, a dropped ssh
/// session), crossterm 0.29's event source reads the dead tty in a loop that
/// never returns (crossterm-rs/crossterm#793), so the event loop can neither
/// see the hangup nor the SIGHUP flag, and the process would spin on a core
/// for ever. This thread checks, without reading input, that standard input is
/// still a terminal (a hung-up tty fails the check), and that a SIGTERM or
/// SIGHUP is acted on within a second (if not, it restores the screen and ends
/// the process).
/// Marks and notes are saved as they are made, so nothing saved is lost.
fn watch_terminal(stop: Signals) {
    const EVERY: Duration = Duration::from_millis(250);
    const GRACE: Duration = Duration::from_secs(1);
    if !io::stdin().is_terminal() {
        return;
    }
    std::thread::spawn(move || {
        let mut stopping: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(EVERY);
            if !io::stdin().is_terminal() {
                std::process::exit(129);
            }
            if let Some(code) = stop.exit_code() {
                let since = *stopping.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > GRACE {
                    // The terminal is still there: leave it as it was found.
                    restore();
                    std::process::exit(code);
                }
            }
        }
    });
}

/// The stop signals the reader heeds, each with its own flag.
#[derive(Clone)]
struct Signals {
    term: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let signals = Signals {
            term: Arc::new(AtomicBool::new(false)),
            hangup: Arc::new(AtomicBool::new(false)),
        };
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&signals.term))?;
        signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&signals.hangup))?;
        Ok(signals)
    }

    /// The exit status for the signal received, as a shell reports one that
    /// killed a process (128 + the signal's number), if one was.
    fn exit_code(&self) -> Option<i32> {
        if self.term.load(Ordering::Relaxed) {
            Some(128 + signal_hook::consts::SIGTERM)
        } else if self.hangup.load(Ordering::Relaxed) {
            Some(128 + signal_hook::consts::SIGHUP)
        } else {
            None
        }
    }
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal stopped it; the exit status to report (143 for SIGTERM).
    Signal(u8),
}

/// Keeps the note being written in the drafts file while it differs from what
/// was last kept there, and drops the draft once the editor is closed (the note
/// saved or given up). While typing goes on, the draft is written at most every
/// [`DraftKeeper::EVERY`] (a long paste arrives in many small bursts), and as soon
/// as typing pauses. A failure is said once on the status line.
struct DraftKeeper {
    path: PathBuf,
    /// The key and text last written.
    kept: Option<(String, String)>,
    /// When the draft was last written.
    written: Option<std::time::Instant>,
    failed: bool,
}

/// Whether a draft may wait a moment before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// Typing is going on: not more often than every `EVERY`.
    Soon,
    /// Input paused, or the reader is ending: now.
    Now,
}

impl DraftKeeper {
    const EVERY: Duration = Duration::from_millis(300);

    fn sync(&mut self, state: &mut State, when: When) {
        let open = state
            .layers
            .editor()
            .filter(|ed| ed.changed())
            .and_then(|ed| Some((state.draft_key(&ed.target)?, ed)));
        let result = match (open, &self.kept) {
            (Some((key, ed)), kept) => {
                if kept
                    .as_ref()
                    .is_some_and(|(k, t)| *k == key && t == ed.text())
                {
                    return;
                }
                let recent = self.written.is_some_and(|t| t.elapsed() < Self::EVERY);
                if when == When::Soon && recent {
                    return;
                }
                self.written = Some(std::time::Instant::now());
                let b = ed.target.briefing();
                let briefing = state.briefings.get(b).map(|x| x.title.clone());
                let draft = crate::drafts::Draft {
                    briefing: briefing.unwrap_or_default(),
                    // A progress entry's draft says so where it is offered.
                    target: match ed.target {
                        state::NoteTarget::Progress { .. } => {
                            state.text(&Text::ProgressTitle(&ed.title)).into_owned()
                        }
                        _ => ed.title.clone(),
                    },
                    text: ed.text().to_owned(),
                    changed: state.now.clone(),
                };
                let text = ed.text().to_owned();
                let r = crate::drafts::put(&self.path, &key, Some(&draft));
                if let Some((old, _)) = &self.kept
                    && *old != key
                {
                    let _ = crate::drafts::put(&self.path, old, None);
                }
                self.kept = Some((key, text));
                r
            }
            (None, Some(_)) => {
                // Closed: saved, given up, or back to its saved text.
                let (key, _) = self.kept.take().unwrap_or_default();
                crate::drafts::put(&self.path, &key, None)
            }
            (None, None) => return,
        };
        if let Err(e) = result
            && !self.failed
        {
            self.failed = true;
            let problem = Problem::io(&self.path, &e);
            state.say(&Text::Failed(&problem));
        }
    }
}

/// Events read in one go before a frame is drawn: a burst of input (a long
/// paste without bracketed paste, fast typing) is handled whole, and the
/// screen is drawn once for it.
const BATCH: usize = 4096;

/// The least time between two frames while input keeps arriving. A terminal
/// or multiplexer may hand over a paste one key at a time; drawing after
/// each would make a long paste take seconds.
const FRAME: Duration = Duration::from_millis(16);

/// Runs the reader until the user quits or a signal asks it to stop. The
/// briefings arrive from `loader` while it runs; `watch` names the folders
/// and files whose changes are read again as they happen.
pub fn run(
    mut loader: Loader,
    watch: &[PathBuf],
    config: Config,
    state_path: &Path,
    status: Option<String>,
) -> anyhow::Result<(Ended, Vec<String>)> {
    let trace = Trace::from_env();
    let ambiguous = resolve_ambiguous(config.ambiguous);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = Theme::new(config.theme, color);
    let mut state = initial_state(Vec::new(), config, ambiguous);
    state.loading.total = loader.total;
    state.library = loader.total > crate::tui::state::FOLDED_FROM;
    let (mut store, marks) = Store::open(state_path);
    state.saved.clone_from(&marks);
    state.marks = marks;
    state.status = status;
    // What has arrived already (the samples, or files read while the
    // terminal was being set up) is shown in the first frame.
    let mut arrivals = Arrivals::default();
    arrivals.take(&mut state, &mut loader, Duration::ZERO);
    let drafts_path = crate::drafts::path_for(state_path);
    match crate::drafts::load(&drafts_path) {
        Ok(drafts) => state.drafts = drafts,
        Err(e) => state.say(&Text::Failed(&Problem::io(
            &drafts_path,
            &io::Error::other(e),
        ))),
    }
    if let Some(reason) = store.read_only() {
        let problem = Problem::State {
            path: store.path().to_owned(),
            problem: reason.clone(),
        };
        state.say(&Text::StateUnusable {
            problem: &problem,
            copy: store.copied_aside.as_deref(),
        });
        state.read_only = Some(problem);
    }
    let _watcher = crate::watch::start(watch, loader.sender());

    let signals = Signals::register()?;
    install_panic_hook();
    watch_terminal(signals.clone());
    let _guard = TerminalGuard::enter(state.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    // The search index is built off the UI thread; the finder waits for it.
    let (index_tx, index_rx) = std::sync::mpsc::channel();
    let mut indexing = false;
    let mut drafts = DraftKeeper {
        path: drafts_path,
        kept: None,
        written: None,
        failed: false,
    };
    let mut view = View::default();
    let mut dirty = true;
    // When input that is not drawn yet first arrived.
    let mut undrawn: Option<std::time::Instant> = None;
    while !state.quit && signals.exit_code().is_none() {
        if let Ok((index, covers)) = index_rx.try_recv() {
            indexing = false;
            // An index of briefings since changed is not used.
            if covers <= state.briefings.len() && !state.indexed.replaced {
                update(&mut state, &view, Msg::IndexReady(index));
                state.indexed.covers = covers;
            }
            state.indexed.replaced = false;
            dirty = true;
        }
        if arrivals.take(&mut state, &mut loader, Duration::from_millis(8)) {
            dirty = true;
            if state.loading.finished {
                trace.once("loaded");
            }
        }
        // The index is built again once reading is over, or at once for a
        // search asked for while files are still being read.
        let wanted = state.loading.finished || state.layers.finder().is_some();
        if state.indexed.stale && wanted && !indexing {
            state.indexed.stale = false;
            state.indexed.replaced = false;
            indexing = true;
            let briefings = state.briefings.clone();
            let engine = state.config.engine;
            let tx = index_tx.clone();
            std::thread::spawn(move || {
                let index = Index::build(&briefings).with_engine(engine);
                let _ = tx.send((Arc::new(index), briefings.len()));
            });
        }
        let due = undrawn.map_or(Duration::ZERO, |t| FRAME.saturating_sub(t.elapsed()));
        if dirty && due.is_zero() {
            draw(&mut terminal, &mut state, &mut view, &theme)?;
            trace.once("first-frame");
            dirty = false;
            undrawn = None;
        }
        let wait = if dirty {
            due
        } else if state.loading.finished {
            Duration::from_millis(100)
        } else {
            Duration::from_millis(16)
        };
        if !event::poll(wait)? {
            // Input paused: a draft waiting to be written is written now.
            drafts.sync(&mut state, When::Now);
            continue;
        }
        dirty = true;
        undrawn.get_or_insert_with(std::time::Instant::now);
        // Everything that has arrived is handled before the next frame.
        for _ in 0..BATCH {
            let event = event::read()?;
            handle_event(&mut state, &view, &mut terminal, &mut store, &event)?;
            if state.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        drafts.sync(&mut state, When::Soon);
    }
    drafts.sync(&mut state, When::Now);
    let ended = match signals.exit_code() {
        Some(code) => Ended::Signal(u8::try_from(code).unwrap_or(1)),
        None => Ended::Quit,
    };
    Ok((ended, arrivals.failed))
}

/// Takes in what the loader and the folder watcher report.
#[derive(Default)]
struct Arrivals {
    /// Whether the first frame's selection has been made.
    started: bool,
    /// Files of the first listing that could not be read, for the status
    /// line and for standard error once the screen is restored.
    failed: Vec<String>,
}

impl Arrivals {
    /// Takes what has arrived, for at most `budget` (at least one report);
    /// whether anything changed.
    fn take(&mut self, state: &mut State, loader: &mut Loader, budget: Duration) -> bool {
        let start = std::time::Instant::now();
        let today = crate::time::today();
        let mut changed = false;
        while let Some(report) = loader.try_next() {
            changed = true;
            match report {
                Loaded::Read(mut b, rank) => {
                    // Recurring deadlines (每月, 每季度) fall due next after today.
                    crate::briefing::ledger::resolve_recurring(&mut b, today);
                    if state.loading.finished {
                        let known = state.by_path.contains_key(&b.path);
                        let path = b.path.clone();
                        state.put(*b, rank);
                        state.say(&if known {
                            Text::Reloaded(&path)
                        } else {
                            Text::Appeared(&path)
                        });
                    } else {
                        state.loading.read += 1;
                        state.put(*b, rank);
                    }
                }
                Loaded::Failed(e) => {
                    if state.loading.finished {
                        state.status = Some(e.to_string());
                    } else {
                        state.loading.failed += 1;
                        self.failed.push(e.to_string());
                    }
                }
                Loaded::Gone(path) => {
                    let path = path.display().to_string();
                    if state.remove_under(&path) > 0 {
                        state.say(&Text::Disappeared(&path));
                    }
                }
                Loaded::Finished => {
                    state.loading.finished = true;
                    // Drafts are offered once their briefings are there.
                    offer_drafts(state);
                    if let Some(first) = self.failed.first()
                        && state.status.is_none()
                    {
                        state.status = Some(format!(
                            "{} file(s) could not be read: {first}",
                            self.failed.len()
                        ));
                    } else if self.started
                        && state.status.is_none()
                        && crate::time::since_start() > Duration::from_secs(1)
                    {
                        state.say(&Text::LoadedAll {
                            read: state.loading.read,
                            failed: state.loading.failed,
                        });
                    }
                }
            }
            if start.elapsed() >= budget {
                break;
            }
        }
        if changed {
            state.rebuild_rows();
        }
        self.started = true;
        changed
    }
}

/// Traces each step once (see [`crate::time::trace`]).
struct Trace {
    done: std::cell::RefCell<Vec<&'static str>>,
}

impl Trace {
    fn from_env() -> Trace {
        Trace {
            done: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn once(&self, what: &'static str) {
        if self.done.borrow().contains(&what) {
            return;
        }
        self.done.borrow_mut().push(what);
        crate::time::trace(what);
    }
}

/// Says at start that notes were left unsaved, and on what.
fn offer_drafts(state: &mut State) {
    let open: std::collections::HashSet<String> =
        state.briefings.iter().map(|b| b.title.clone()).collect();
    let mine: Vec<&crate::drafts::Draft> = state
        .drafts
        .values()
        .filter(|d| open.contains(&d.briefing))
        .collect();
    let Some(first) = mine.first() else {
        return;
    };
    let text = Text::DraftsWaiting {
        count: mine.len(),
        first: &first.target,
    };
    state.status = Some(text.show(state.language).into_owned());
}

/// Turns one terminal event into messages and runs them, with their effects.
fn handle_event<B: ratatui::backend::Backend>(
    state: &mut State,
    view: &View,
    terminal: &mut Terminal<B>,
    store: &mut Store,
    event: &Event,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    if let Event::Resize(..) = event {
        terminal.autoresize()?;
    }
    // The layer stack decides who takes the event.
    let msg = layers::route(state, event);
    let mut next = msg;
    while let Some(msg) = next.take() {
        state.now = crate::time::now();
        next =
            match update(state, view, msg) {
                Some(Effect::Save) => Some(Msg::Saved(
                    store.save(&state.marks).map_err(|e| e.problem()),
                )),
                Some(Effect::Export { b }) => Some(Msg::Exported(export_briefing(state, b))),
                Some(Effect::ExternalEditor { text }) => Some(Msg::EditedExternally(
                    external_editor(terminal, &text, state.mouse),
                )),
                None => None,
            };
    }
    Ok(())
}
