//! Live folders: files added, changed or removed under the folders (and the
//! files) the reader was opened on are read again while it runs.
//!
//! Events are gathered until the file system has been quiet for a moment
//! (an editor's save is several events), then each file named is read on its
//! own thread. A file that fails to read while it is still changing, or within
//! its first few tries, is tried again rather than reported: it is most likely
//! being written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::briefing::{self, BRIEFING_EXTENSIONS};
use crate::loader::Loaded;

/// How long the file system must be quiet before what changed is read.
const QUIET: Duration = Duration::from_millis(120);
/// The longest changes are gathered before reading, while they keep coming.
const GATHER: Duration = Duration::from_millis(400);
/// A failed read is tried again after this long…
const RETRY: Duration = Duration::from_millis(250);
/// …this many times at least, and for as long as the file keeps changing,
/// up to `GIVE_UP`.
const TRIES: usize = 3;
const GIVE_UP: Duration = Duration::from_secs(10);

/// Watching; dropping it stops.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// A place the reader was opened on: as the user named it, and as the file
/// system reports it.
#[derive(Debug, Clone)]
struct Root {
    given: PathBuf,
    absolute: PathBuf,
    folder: bool,
}

/// Starts watching `paths`; reports go to `tx`. `None` when there is nothing
/// to watch or the system refuses (the reader works on without).
pub fn start(paths: &[PathBuf], tx: Sender<Loaded>) -> Option<Watch> {
    let roots: Vec<Root> = paths
        .iter()
        .filter_map(|p| {
            let absolute = std::fs::canonicalize(p).ok()?;
            Some(Root {
                given: p.clone(),
                folder: absolute.is_dir(),
                absolute,
            })
        })
        .collect();
    if roots.is_empty() {
        return None;
    }
    let (events_tx, events_rx) = channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        if let Ok(event) = res
            && !matches!(event.kind, EventKind::Access(_))
        {
            for p in event.paths {
                let _ = events_tx.send(p);
            }
        }
    })
    .ok()?;
    let mut watching = false;
    for root in &roots {
        // A file is watched through its folder, which sees it replaced.
        let (target, mode) = if root.folder {
            (root.absolute.clone(), RecursiveMode::Recursive)
        } else {
            let parent = root.absolute.parent()?.to_owned();
            (parent, RecursiveMode::NonRecursive)
        };
        watching |= watcher.watch(&target, mode).is_ok();
    }
    if !watching {
        return None;
    }
    std::thread::spawn(move || gather(&events_rx, &roots, &tx));
    Some(Watch { _watcher: watcher })
}

/// Collects changed paths until things are quiet, then reads them.
fn gather(events: &Receiver<PathBuf>, roots: &[Root], tx: &Sender<Loaded>) {
    loop {
        let Ok(first) = events.recv() else {
            return;
        };
        let mut changed = BTreeSet::from([first]);
        let start = Instant::now();
        loop {
            match events.recv_timeout(QUIET) {
                Ok(p) => {
                    changed.insert(p);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if start.elapsed() > GATHER {
                break;
            }
        }
        for path in changed {
            if let Some(path) = as_given(&path, roots) {
                let tx = tx.clone();
                std::thread::spawn(move || settle(&path, &tx));
            }
        }
    }
}

/// The path as the loader named it (under the root as the user typed it),
/// when it is one the reader shows.
fn as_given(path: &Path, roots: &[Root]) -> Option<PathBuf> {
    roots.iter().find_map(|root| {
        let rest = path.strip_prefix(&root.absolute).ok()?;
        if !root.folder {
            // Only the file itself, not its neighbours.
            return rest.as_os_str().is_empty().then(|| root.given.clone());
        }
        let hidden = rest
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        (!hidden).then(|| root.given.join(rest))
    })
}

/// Reads what changed at `path` and reports it: a briefing read, a folder's
/// briefings read, a path gone, or (after retries) why a file cannot be read.
fn settle(path: &Path, tx: &Sender<Loaded>) {
    let Ok(meta) = std::fs::metadata(path) else {
        let _ = tx.send(Loaded::Gone(path.to_owned()));
        return;
    };
    if meta.is_dir() {
        // A folder moved in: everything in it.
        let (files, _) = briefing::expand_paths(&[path.to_owned()]);
        for f in files {
            settle(&f, tx);
        }
        return;
    }
    let wanted = path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        BRIEFING_EXTENSIONS.contains(&e.as_str())
    });
    if !wanted {
        return;
    }
    let start = Instant::now();
    let mut seen = stamp(path);
    for tries in 1.. {
        match crate::loader::read(path, usize::MAX) {
            Loaded::Failed(e) => {
                std::thread::sleep(RETRY);
                let now = stamp(path);
                if now.is_none() {
                    let _ = tx.send(Loaded::Gone(path.to_owned()));
                    return;
                }
                let still_changing = now != seen;
                seen = now;
                if (tries >= TRIES && !still_changing) || start.elapsed() > GIVE_UP {
                    let _ = tx.send(Loaded::Failed(e));
                    return;
                }
            }
            read => {
                let _ = tx.send(read);
                return;
            }
        }
    }
}

/// A file's size and change time, to tell whether it is still being written.
fn stamp(path: &Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_paths_are_named_as_the_user_named_the_root() {
        let roots = vec![
            Root {
                given: PathBuf::from("library"),
                absolute: PathBuf::from("/home/u/library"),
                folder: true,
            },
            Root {
                given: PathBuf::from("one.txt"),
                absolute: PathBuf::from("/home/u/docs/one.txt"),
                folder: false,
            },
        ];
        let given = |p: &str| as_given(Path::new(p), &roots);
        assert_eq!(
            given("/home/u/library/2026-03/a.txt"),
            Some(PathBuf::from("library/2026-03/a.txt"))
        );
        assert_eq!(given("/home/u/library/.a.txt.swp"), None);
        assert_eq!(
            given("/home/u/docs/one.txt"),
            Some(PathBuf::from("one.txt"))
        );
        assert_eq!(given("/home/u/docs/two.txt"), None);
        assert_eq!(given("/elsewhere/x.txt"), None);
    }
}
