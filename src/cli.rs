//! The command line: subcommands and their output. The binary's `main` hands over
//! to [`main`].

mod stream;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::briefing::{self, Briefing, LoadError};
use crate::config::{AmbiguousSetting, Config};
use crate::export::{ExportOptions, Format};
use crate::layout::{Ambiguous, Options};
use crate::ledger::Filter;
use crate::ledger_export::{self as ledger_out, table::TableOptions};
use crate::loader::Loader;
use crate::samples;
use crate::show::{ShowOptions, write_briefing};
use crate::store::{self, Status, Store};
use jiff::civil::Date;

#[derive(Parser, Debug)]
#[command(
    name = "brief",
    version,
    about = "A terminal reader for Chinese briefings: departments, article and checklist",
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Briefing files or folders to open (default: ./briefings, else the bundled samples)
    paths: Vec<PathBuf>,
    /// Settings file (default: `$BRIEF_CONFIG`, else `~/.config/brief/config.toml`)
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Marks and notes file (default: `$BRIEF_STATE`, else `~/.local/share/brief/state.toml`)
    #[arg(long, global = true, value_name = "FILE")]
    state: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse briefings and print their outline, or the JSON contract with --json
    Parse {
        /// Print JSON (one object per file, an array for several files)
        #[arg(long)]
        json: bool,
        /// Briefing files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print briefings laid out for reading (CJK line breaking, indentation)
    Show {
        /// Briefing files or folders (default: as for `brief`)
        paths: Vec<PathBuf>,
        /// Columns to wrap at (default: the terminal's width, or 80 when piped)
        #[arg(long, short)]
        width: Option<usize>,
        /// How wide ambiguous characters such as “ ” … — are drawn: auto, 1 or 2
        #[arg(long, default_value = "auto", value_parser = parse_ambiguous)]
        ambiguous: AmbiguousSetting,
        /// Only section K (1-based)
        #[arg(long, short)]
        section: Option<usize>,
    },
    /// Find departments, headlines, items and sentences by Han characters or pinyin
    Search {
        /// The query: Han characters, pinyin (initials, syllables or both), and
        /// fzf operators ('exact ^prefix suffix$ !not)
        query: String,
        /// Briefing files or folders (default: as for `brief`)
        paths: Vec<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// At most N hits
        #[arg(long, short = 'n', default_value_t = 20)]
        limit: usize,
    },
    /// Write marks and notes for handing on: text, Markdown or JSON
    Export {
        /// Briefing files or folders (default: as for `brief`)
        paths: Vec<PathBuf>,
        /// txt, md or json
        #[arg(long, short, default_value = "txt", value_parser = parse_format)]
        format: Format,
        /// Where to write (default: standard output, also `-`)
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Columns to wrap the text format at; 0 leaves lines unwrapped
        #[arg(long, short, default_value_t = 80)]
        width: usize,
    },
    /// Mark items done (or not done, or give them a note, a status or a
    /// progress entry) from scripts
    Mark {
        /// The briefing file
        path: PathBuf,
        /// Items, by id or by title
        #[arg(required = true)]
        items: Vec<String>,
        /// Mark not done instead
        #[arg(long, conflicts_with = "status")]
        undone: bool,
        /// Set the note instead of the done state (an empty note clears it)
        #[arg(long)]
        note: Option<String>,
        /// Set the follow-up status: 未启动, 推进中, 已完成, 暂缓 (or
        /// not-started, in-progress, done, paused)
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// Add a progress entry dated today
        #[arg(long, value_name = "TEXT")]
        progress: Option<String>,
    },
    /// The follow-up ledger (督办台账): every item with its lead unit,
    /// deadline, status and latest progress; overdue first
    Ledger {
        /// Briefing files or folders (default: as for `brief`)
        paths: Vec<PathBuf>,
        /// Only items whose lead (or supporting) unit contains this
        #[arg(long, value_name = "UNIT")]
        lead: Option<String>,
        /// Only items with this status: 未启动, 推进中, 已完成, 暂缓 (or
        /// not-started, in-progress, done, paused)
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// Only items from briefings whose title or file name contains this
        #[arg(long, value_name = "TEXT")]
        briefing: Option<String>,
        /// Only overdue items
        #[arg(long)]
        overdue: bool,
        /// Only items due before this date (2026-12-31)
        #[arg(long, value_name = "DATE", value_parser = crate::time::parse_date)]
        due_before: Option<Date>,
        /// The date to count from (default: today in the local time zone)
        #[arg(long, value_name = "DATE", value_parser = crate::time::parse_date)]
        today: Option<Date>,
        /// Print JSON: one object per item
        #[arg(long, group = "output")]
        json: bool,
        /// Print CSV (UTF-8 with a byte-order mark, for Excel)
        #[arg(long, group = "output")]
        csv: bool,
        /// Write an Excel workbook: the ledger and a summary per lead unit
        #[arg(long, group = "output", value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Write an iCalendar file: one to-do per dated item
        #[arg(long, group = "output", value_name = "FILE")]
        ics: Option<PathBuf>,
    },
    /// Report problems a user can fix (missing author lines, gaps in series, …)
    Check {
        /// Briefing files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { json, paths }) => parse(&paths, json),
        Some(Command::Check { paths }) => check(&paths),
        Some(Command::Show {
            paths,
            width,
            ambiguous,
            section,
        }) => show(&paths, width, ambiguous, section),
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
        }) => search(&query, &paths, json, limit, cli.config.as_deref()),
        Some(Command::Export {
            paths,
            format,
            output,
            width,
        }) => export(
            &paths,
            cli.state.as_deref(),
            format,
            output.as_deref(),
            width,
        ),
        Some(Command::Mark {
            path,
            items,
            undone,
            note,
            status,
            progress,
        }) => mark(
            &path,
            cli.state.as_deref(),
            &items,
            &Change {
                undone,
                note: note.as_deref(),
                status,
                progress: progress.as_deref(),
            },
        ),
        Some(Command::Ledger {
            paths,
            lead,
            status,
            briefing,
            overdue,
            due_before,
            today,
            json,
            csv,
            xlsx,
            ics,
        }) => {
            let filter = Filter {
                lead,
                status,
                briefing,
                overdue_only: overdue,
                due_before,
            };
            let output = match (json, csv, xlsx, ics) {
                (true, ..) => LedgerOutput::Json,
                (_, true, ..) => LedgerOutput::Csv,
                (_, _, Some(f), _) => LedgerOutput::Xlsx(f),
                (.., Some(f)) => LedgerOutput::Ics(f),
                _ => LedgerOutput::Table,
            };
            ledger(&paths, cli.state.as_deref(), &filter, today, &output)
        }
        None => open(&cli.paths, cli.config.as_deref(), cli.state.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let io_pipe = e
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe);
    // JSON output reports a closed pipe through serde_json's own error.
    let json_pipe = e
        .downcast_ref::<serde_json::Error>()
        .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe));
    io_pipe || json_pipe
}

/// Loads every file named (folders expanded); failures are reported on standard
/// error, one line each, and do not stop the others.
pub fn load_all(paths: &[PathBuf]) -> (Vec<Briefing>, Vec<LoadError>) {
    use rayon::prelude::*;
    let (files, mut errors) = briefing::expand_paths(paths);
    let results: Vec<Result<Briefing, LoadError>> =
        files.par_iter().map(|f| briefing::load(f)).collect();
    let mut loaded = Vec::with_capacity(files.len());
    for r in results {
        match r {
            Ok(b) => loaded.push(b),
            Err(e) => errors.push(e),
        }
    }
    (loaded, errors)
}

fn report(errors: &[LoadError]) {
    for e in errors {
        eprintln!("brief: {e}");
    }
}

/// Reads `files` on every core and hands each briefing to `each` in the
/// files' order (see [`stream`]). A file that cannot be read is reported when
/// its turn comes; the number of them is returned.
pub fn load_each(
    files: &[PathBuf],
    mut each: impl FnMut(Briefing) -> anyhow::Result<()> + Send,
) -> anyhow::Result<usize> {
    let mut unreadable = 0;
    stream::in_order(files, |read| match read {
        Ok(b) => each(b),
        Err(e) => {
            unreadable += 1;
            report(&[e]);
            Ok(())
        }
    })?;
    Ok(unreadable)
}

fn parse(paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let (files, errors) = briefing::expand_paths(paths);
    report(&errors);
    let mut out = io::BufWriter::new(io::stdout());
    let unreadable = if json {
        use serde::ser::{SerializeSeq, Serializer};
        let mut json = serde_json::Serializer::pretty(&mut out);
        let unreadable = if let [file] = files.as_slice() {
            // One file gives an object, not a list of one.
            match briefing::load(file) {
                Ok(b) => serde::Serialize::serialize(&b, &mut json).map(|()| 0)?,
                Err(e) => {
                    report(&[e]);
                    json.serialize_seq(Some(0))?.end()?;
                    1
                }
            }
        } else {
            let mut seq = json.serialize_seq(None)?;
            let unreadable = load_each(&files, |b| Ok(seq.serialize_element(&b)?))?;
            seq.end()?;
            unreadable
        };
        writeln!(out)?;
        unreadable
    } else {
        let mut written = 0;
        load_each(&files, |b| {
            if written > 0 {
                writeln!(out)?;
            }
            write!(out, "{b}")?;
            written += 1;
            Ok(())
        })?
    };
    out.flush()?;
    Ok(exit_status(errors.len() + unreadable))
}

fn check(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (files, errors) = briefing::expand_paths(paths);
    report(&errors);
    let mut out = io::BufWriter::new(io::stdout());
    let (mut read, mut total) = (0, 0);
    let unreadable = errors.len()
        + load_each(&files, |b| {
            for w in &b.warnings {
                writeln!(out, "{}: {w}", b.path)?;
            }
            total += b.warnings.len();
            read += 1;
            Ok(())
        })?;
    writeln!(
        out,
        "{read} file(s) read, {unreadable} unreadable, {total} warning(s)"
    )?;
    out.flush()?;
    Ok(exit_status(unreadable))
}

fn exit_code(errors: &[LoadError]) -> ExitCode {
    exit_status(errors.len())
}

/// Failure when any file could not be read.
fn exit_status(unreadable: usize) -> ExitCode {
    if unreadable == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The briefings to open when no path is given: `./briefings` when it exists,
/// otherwise the samples built into the binary.
pub fn default_briefings(paths: &[PathBuf]) -> (Vec<Briefing>, Vec<LoadError>) {
    if !paths.is_empty() {
        return load_all(paths);
    }
    let local = PathBuf::from("briefings");
    if local.is_dir() {
        return load_all(&[local]);
    }
    samples::load()
}

/// `brief [PATH...]`: the reader on a terminal. Files are read on worker
/// threads while the reader starts; it shows them as they arrive.
fn open(
    paths: &[PathBuf],
    config: Option<&Path>,
    state: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let config = Config::load(config)?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        let (loaded, errors) = default_briefings(paths);
        report(&errors);
        if loaded.is_empty() {
            anyhow::bail!("no briefing could be opened");
        }
        anyhow::bail!(
            "the reader needs a terminal; use `brief show` or `brief parse` in pipelines"
        );
    }
    let named: Vec<PathBuf> = if paths.is_empty() && Path::new("briefings").is_dir() {
        vec![PathBuf::from("briefings")]
    } else {
        paths.to_vec()
    };
    let (loader, mut errors) = if named.is_empty() {
        let (loaded, errors) = samples::load();
        (Loader::ready(loaded, errors), Vec::new())
    } else {
        let (files, errors) = briefing::expand_paths(&named);
        crate::time::trace("listed");
        if files.is_empty() {
            report(&errors);
            anyhow::bail!("no briefing could be opened");
        }
        (Loader::start(files), errors)
    };
    // A moment for the first briefing: when every file fails at once, that
    // is said on the command line, as it was before the reader started.
    let mut loader = loader;
    let first = loader.wait_first(std::time::Duration::from_millis(150));
    crate::time::trace("first-read");
    if !first {
        errors.extend(loader.failures());
        report(&errors);
        anyhow::bail!("no briefing could be opened");
    }
    report(&errors);
    let (signal, failed) = run_reader(loader, &named, config, &store::state_path(state), &errors)?;
    // Repeat load errors after the screen is restored, so they are not lost.
    report(&errors);
    for f in &failed {
        eprintln!("brief: {f}");
    }
    let code = if errors.is_empty() && failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    // Stopped by a signal: say so, as a shell would of a killed process.
    Ok(signal.map_or(code, ExitCode::from))
}

#[cfg(feature = "tui")]
fn run_reader(
    loader: Loader,
    watch: &[PathBuf],
    config: Config,
    state: &Path,
    errors: &[LoadError],
) -> anyhow::Result<(Option<u8>, Vec<String>)> {
    let status = (!errors.is_empty()).then(|| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        format!("{} file(s) could not be read: {first}", errors.len())
    });
    let (ended, failed) = crate::reader::run(loader, watch, config, state, status)?;
    Ok((
        match ended {
            crate::reader::Ended::Quit => None,
            crate::reader::Ended::Signal(code) => Some(code),
        },
        failed,
    ))
}

#[cfg(not(feature = "tui"))]
fn run_reader(
    _: Loader,
    _: &[PathBuf],
    _: Config,
    _: &Path,
    _: &[LoadError],
) -> anyhow::Result<(Option<u8>, Vec<String>)> {
    anyhow::bail!("this brief was built without the terminal reader (feature `tui`)")
}

fn parse_ambiguous(s: &str) -> Result<AmbiguousSetting, String> {
    AmbiguousSetting::parse(s).ok_or_else(|| format!("expected auto, 1 or 2, not {s:?}"))
}

fn resolve(setting: AmbiguousSetting) -> Ambiguous {
    match setting {
        AmbiguousSetting::Fixed(a) => a,
        AmbiguousSetting::Auto => probe().unwrap_or(Ambiguous::Narrow),
    }
}

#[cfg(feature = "tui")]
fn probe() -> Option<Ambiguous> {
    crate::terminal::probe_ambiguous()
}

#[cfg(not(feature = "tui"))]
fn probe() -> Option<Ambiguous> {
    None
}

#[cfg(feature = "tui")]
fn terminal_width() -> Option<usize> {
    crate::terminal::width()
}

#[cfg(not(feature = "tui"))]
fn terminal_width() -> Option<usize> {
    None
}

fn show(
    paths: &[PathBuf],
    width: Option<usize>,
    ambiguous: AmbiguousSetting,
    section: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let (loaded, errors) = default_briefings(paths);
    report(&errors);
    let is_tty = io::stdout().is_terminal();
    let width = width.or_else(terminal_width).unwrap_or(80).max(1);
    let ambiguous = resolve(ambiguous);
    let color = is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Some(k) = section {
        for b in &loaded {
            if k == 0 || k > b.sections.len() {
                anyhow::bail!(
                    "{}: there is no section {k} (it has {})",
                    b.path,
                    b.sections.len()
                );
            }
        }
    }
    let opts = ShowOptions {
        layout: Options {
            width,
            ambiguous,
            hang: false,
            first_indent: 0,
        },
        color,
        section: section.map(|k| k - 1),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (i, b) in loaded.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n")?;
        }
        write_briefing(&mut out, b, &opts)?;
    }
    out.flush()?;
    Ok(exit_code(&errors))
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("expected txt, md or json, not {s:?}"))
}

/// Opens the marks file, saying so on standard error when it cannot be used.
fn open_store(state: Option<&Path>) -> (Store, store::Marks) {
    let (store, marks) = Store::open(&store::state_path(state));
    if let Some(reason) = store.read_only() {
        eprintln!(
            "brief: {}: marks are read-only: {reason}",
            store.path().display()
        );
        if let Some(aside) = &store.copied_aside {
            eprintln!("brief: a copy was kept at {}", aside.display());
        }
    }
    (store, marks)
}

fn export(
    paths: &[PathBuf],
    state: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    width: usize,
) -> anyhow::Result<ExitCode> {
    let (loaded, errors) = default_briefings(paths);
    report(&errors);
    let (store, marks) = open_store(state);
    if let Some(reason) = store.read_only() {
        // An export without the marks would look like a briefing with nothing
        // done: refuse rather than hand that on.
        anyhow::bail!(
            "{}: cannot read the marks ({reason}); nothing was exported",
            store.path().display()
        );
    }
    let opts = ExportOptions {
        format,
        width,
        ambiguous: Ambiguous::Narrow,
        date: crate::time::today().to_string(),
    };
    if let Some(file) = output.filter(|o| o.as_os_str() != "-") {
        let mut buf = Vec::new();
        crate::export::export(&mut buf, &loaded, &marks, &opts)?;
        // A failed write (a full disk) leaves the previous export whole.
        crate::atomic::write(file, &buf, crate::atomic::Durability::Synced).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot write: {e} (the previous file, if any, is unchanged)",
                file.display()
            )
        })?;
        eprintln!("brief: wrote {}", file.display());
    } else {
        let mut out = io::BufWriter::new(io::stdout().lock());
        crate::export::export(&mut out, &loaded, &marks, &opts)?;
        out.flush()?;
    }
    Ok(exit_code(&errors))
}

/// What `brief mark` changes on each item named.
struct Change<'a> {
    undone: bool,
    note: Option<&'a str>,
    status: Option<Status>,
    progress: Option<&'a str>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        format!(
            "expected 未启动, 推进中, 已完成 or 暂缓 (not-started, in-progress, done, paused), not {s:?}"
        )
    })
}

fn mark(
    path: &Path,
    state: Option<&Path>,
    wanted: &[String],
    change: &Change,
) -> anyhow::Result<ExitCode> {
    let b = briefing::load(path)?;
    let (mut store, mut marks) = open_store(state);
    let now = crate::time::now();
    // What was done is said only once it is saved.
    let mut done = Vec::new();
    for want in wanted {
        let found = b.sections.iter().enumerate().find_map(|(s, sec)| {
            sec.items
                .iter()
                .find(|i| {
                    let (marker, title) = (i.marker(&sec.paragraphs), i.title(&sec.paragraphs));
                    *i.id.hex() == **want || title == *want || format!("{marker}{title}") == *want
                })
                .map(|i| (s, i))
        });
        let Some((s, item)) = found else {
            anyhow::bail!(
                "{}: no item {want:?} (give an id or a title from `brief parse --json`); nothing was marked",
                path.display()
            );
        };
        let paragraphs = &b.sections[s].paragraphs;
        let named = format!("{} {}", item.marker(paragraphs), item.title(paragraphs));
        let mut touched = false;
        if let Some(n) = change.note {
            marks.set_note(&b, s, item, n, &now);
            done.push(format!("note set: {named}"));
            touched = true;
        }
        if let Some(status) = &change.status {
            marks.set_status(&b, s, item, status.clone(), &now);
            done.push(format!("status {status}: {named}"));
            touched = true;
        }
        if let Some(text) = change.progress {
            // Refused before anything is saved: the marks file stays as it was.
            marks.add_progress(&b, s, item, text, &now).map_err(|e| {
                anyhow::anyhow!("{}: {named}: {e}; nothing was marked", path.display())
            })?;
            done.push(format!("progress added: {named}"));
            touched = true;
        }
        if !touched {
            marks.set_done(&b, s, item, !change.undone, &now);
            let what = if change.undone { "not done" } else { "done" };
            done.push(format!("marked {what}: {named}"));
        }
    }
    store
        .save(&marks)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was marked"))?;
    let mut out = io::stdout().lock();
    for line in done {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where `brief ledger` writes.
enum LedgerOutput {
    Table,
    Json,
    Csv,
    Xlsx(PathBuf),
    Ics(PathBuf),
}

fn ledger(
    paths: &[PathBuf],
    state: Option<&Path>,
    filter: &Filter,
    today: Option<Date>,
    output: &LedgerOutput,
) -> anyhow::Result<ExitCode> {
    let today = today.unwrap_or_else(crate::time::today);
    let (mut loaded, errors) = default_briefings(paths);
    report(&errors);
    let (store, marks) = open_store(state);
    if let Some(reason) = store.read_only() {
        // Without the marks every item would look 未启动: refuse rather
        // than show that.
        anyhow::bail!(
            "{}: cannot read the marks ({reason}); no ledger was made",
            store.path().display()
        );
    }
    for b in &mut loaded {
        briefing::ledger::resolve_recurring(b, today);
    }
    let mut entries = crate::ledger::entries(&loaded, &marks, today);
    entries.retain(|e| filter.matches(e, &loaded));
    let rows = ledger_out::rows(&entries, &loaded, &marks);
    match output {
        LedgerOutput::Table => {
            let is_tty = io::stdout().is_terminal();
            let columns = || {
                std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .filter(|&c| c > 0)
            };
            let opts = TableOptions {
                width: if is_tty {
                    terminal_width().or_else(columns)
                } else {
                    columns()
                },
                color: is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                ambiguous: Ambiguous::Narrow,
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            ledger_out::table::write(&mut out, &rows, &opts)?;
            out.flush()?;
            let overdue = rows.iter().filter(|r| r.overdue).count();
            eprintln!(
                "brief: {} item(s), {overdue} overdue, as of {today}",
                rows.len()
            );
        }
        LedgerOutput::Json => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            ledger_out::json(&mut out, &rows)?;
            out.flush()?;
        }
        LedgerOutput::Csv => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            ledger_out::csv::write(&mut out, &rows)?;
            out.flush()?;
        }
        LedgerOutput::Xlsx(file) => {
            let bytes = ledger_out::xlsx::workbook(&rows).map_err(|e| {
                anyhow::anyhow!("{}: cannot make the workbook: {e}", file.display())
            })?;
            write_file(file, &bytes)?;
            eprintln!("brief: wrote {} ({} item(s))", file.display(), rows.len());
        }
        LedgerOutput::Ics(file) => {
            let text = ledger_out::ics::calendar(&rows, &crate::time::now());
            write_file(file, text.as_bytes())?;
            let dated = rows.iter().filter(|r| r.due_date.is_some()).count();
            eprintln!(
                "brief: wrote {} ({dated} dated item(s); {} without a date left out)",
                file.display(),
                rows.len() - dated
            );
        }
    }
    Ok(exit_code(&errors))
}

/// Writes an export file whole or not at all, naming the file when it
/// cannot be written.
fn write_file(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if file.is_dir() {
        anyhow::bail!(
            "{}: is a folder; give a file name (such as {})",
            file.display(),
            file.join("台账").display()
        );
    }
    crate::atomic::write(file, bytes, crate::atomic::Durability::Synced).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot write: {e} (the previous file, if any, is unchanged)",
            file.display()
        )
    })
}

#[derive(serde::Serialize)]
struct JsonHit<'a> {
    score: u32,
    kind: crate::search::Kind,
    briefing: &'a str,
    section: usize,
    item: Option<usize>,
    paragraph: Option<usize>,
    text: &'a str,
    indices: &'a [usize],
}

fn search(
    query: &str,
    paths: &[PathBuf],
    json: bool,
    limit: usize,
    config: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use crate::search::{Index, Prefilter, RunFilter};
    use rayon::prelude::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    let engine = Config::load(config)?.engine;
    let (loaded, errors, index, hits) = if paths.is_empty() {
        let (loaded, errors) = default_briefings(paths);
        let loaded: Vec<Arc<Briefing>> = loaded.into_iter().map(Arc::new).collect();
        let index = Index::build_for(&loaded, query).with_engine(engine);
        let hits = index.search(query, limit);
        (loaded, errors, index, hits)
    } else {
        // One query: files whose text cannot match it are not parsed, and
        // nothing is parsed for the ledger.
        let (files, mut errors) = briefing::expand_paths(paths);
        let han = Prefilter::new(query);
        // One file is parsed whatever its bound.
        let initials = RunFilter::new(query).filter(|_| files.len() > 1);
        // For initials, each file's bound (see `RunFilter`); files are parsed
        // from the highest bound down until the rest cannot reach the list.
        let bounds: Vec<AtomicU32> = files.iter().map(|_| AtomicU32::new(u32::MAX)).collect();
        let load = |which: &[usize], floor: u32, measure: bool| {
            which
                .par_iter()
                .map(|&k| {
                    let keep = |t: &str| {
                        if let Some(f) = initials.as_ref().filter(|_| measure) {
                            let b = f.bound(t);
                            bounds[k].store(b, Ordering::Relaxed);
                            return b >= floor;
                        }
                        han.as_ref().is_none_or(|p| p.admits(t))
                    };
                    (k, briefing::load_unannotated_if(&files[k], &keep))
                })
                .collect::<Vec<_>>()
        };
        let bound = |k: usize| bounds[k].load(Ordering::Relaxed);
        let mut slots: Vec<Option<Arc<Briefing>>> = vec![None; files.len()];
        // The files not parsed (nor refused).
        let mut left: Vec<usize> = (0..files.len()).collect();
        // First the files that may hold a run (or the letters themselves).
        let mut floor = initials.as_ref().map_or(0, RunFilter::best);
        let mut round = 0;
        loop {
            round += 1;
            // After the first round each file's bound is known: only the
            // files whose bound reaches the floor are read again.
            let waiting: Vec<usize> = left
                .iter()
                .copied()
                .filter(|&k| bound(k) >= floor)
                .collect();
            for (k, r) in load(&waiting, floor, round == 1) {
                match r {
                    Ok(Some(b)) => slots[k] = Some(Arc::new(b)),
                    Ok(None) => {}
                    Err(e) => {
                        errors.push(e);
                        bounds[k].store(0, Ordering::Relaxed);
                    }
                }
            }
            left.retain(|&k| slots[k].is_none() && bound(k) > 0);
            let loaded: Vec<Arc<Briefing>> = slots.iter().flatten().cloned().collect();
            let index = Index::build_for(&loaded, query).with_engine(engine);
            let hits = index.search(query, limit);
            // The best bound of the files left; a file bound at 0 cannot match.
            let next = left.iter().map(|&k| bound(k)).max().unwrap_or(0);
            let full = hits.len() >= limit && hits.last().is_some_and(|h| h.score > next);
            if next == 0 || full || initials.is_none() {
                break (loaded, errors, index, hits);
            }
            drop(index);
            // Then the files of the best bound left; then every file that can
            // match (three rounds at most).
            floor = if round == 1 { next } else { 1 };
        }
    };
    report(&errors);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let list: Vec<JsonHit> = hits
            .iter()
            .map(|h| {
                let e = index.entry(h.entry);
                JsonHit {
                    score: h.score,
                    kind: e.kind,
                    briefing: &loaded[e.briefing].path,
                    section: e.section,
                    item: e.item,
                    paragraph: e.paragraph,
                    text: e.text(&index),
                    indices: &h.indices,
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
    } else {
        let color =
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        for h in &hits {
            let e = index.entry(h.entry);
            let b = &loaded[e.briefing];
            let place = format!("{} › {}", b.title, b.sections[e.section].label());
            let mut text = String::new();
            for (i, c) in e.text(&index).chars().enumerate() {
                if color && h.indices.contains(&i) {
                    text.push_str("\x1b[1;33m");
                    text.push(c);
                    text.push_str("\x1b[0m");
                } else {
                    text.push(c);
                }
            }
            let kind = crate::messages::Text::HitKind(e.kind).show(crate::config::Language::Zh);
            writeln!(out, "{kind}\t{place}\t{text}")?;
        }
    }
    out.flush()?;
    let code = if hits.is_empty() {
        ExitCode::from(1)
    } else {
        exit_code(&errors)
    };
    // The process ends here: freeing a large briefing piece by piece would
    // only delay the exit.
    std::mem::forget(index);
    std::mem::forget(loaded);
    Ok(code)
}
