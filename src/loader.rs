//! Reading briefing files on worker threads, for the reader: each briefing is
//! sent as soon as it is parsed, so the first frame need not wait for a whole
//! library, and a file changed while the reader runs is read again the same
//! way.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::briefing::{self, Briefing, LoadError};

/// What the workers report.
#[derive(Debug)]
pub enum Loaded {
    /// A briefing, and the place of its file in the listing (files found
    /// later come after).
    Read(Box<Briefing>, usize),
    Failed(LoadError),
    /// A file or folder is gone (the folder watcher).
    Gone(PathBuf),
    /// The first listing has been read through.
    Finished,
}

/// Files being read, and the channel their briefings arrive on.
pub struct Loader {
    rx: Receiver<Loaded>,
    /// Reports taken while waiting for the first briefing, not yet handed on.
    pending: std::collections::VecDeque<Loaded>,
    tx: Sender<Loaded>,
    /// How many files the first listing named.
    pub total: usize,
}

impl Loader {
    /// Starts reading `files` on every core, in order as far as the threads
    /// allow.
    pub fn start(files: Vec<PathBuf>) -> Loader {
        use rayon::prelude::*;
        let (tx, rx) = channel();
        let total = files.len();
        let sender = tx.clone();
        std::thread::spawn(move || {
            let work = || {
                files.par_iter().enumerate().with_max_len(1).for_each_with(
                    sender.clone(),
                    |tx, (rank, f)| {
                        let _ = tx.send(read(f, rank));
                    },
                );
            };
            // Threads of their own, which end with the reading: what parsing
            // left free on them goes back to the system then, where idle
            // threads of the shared pool would keep it.
            match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(work),
                Err(_) => work(),
            }
            let _ = sender.send(Loaded::Finished);
        });
        Loader {
            rx,
            pending: std::collections::VecDeque::new(),
            tx,
            total,
        }
    }

    /// Briefings that are already read (the samples built in).
    pub fn ready(briefings: Vec<Briefing>, errors: Vec<LoadError>) -> Loader {
        let (tx, rx) = channel();
        let total = briefings.len() + errors.len();
        for (rank, b) in briefings.into_iter().enumerate() {
            let _ = tx.send(Loaded::Read(Box::new(b), rank));
        }
        for e in errors {
            let _ = tx.send(Loaded::Failed(e));
        }
        let _ = tx.send(Loaded::Finished);
        Loader {
            rx,
            pending: std::collections::VecDeque::new(),
            tx,
            total,
        }
    }

    /// Waits at most `limit` for a first briefing; `false` when every file
    /// failed before one arrived.
    pub fn wait_first(&mut self, limit: std::time::Duration) -> bool {
        let until = std::time::Instant::now() + limit;
        loop {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(report) => {
                    let read = matches!(report, Loaded::Read(..));
                    let finished = matches!(report, Loaded::Finished);
                    self.pending.push_back(report);
                    if read {
                        return true;
                    }
                    if finished {
                        return false;
                    }
                }
                Err(_) => return true,
            }
        }
    }

    /// The failures waiting, taken out (when nothing could be read).
    pub fn failures(&mut self) -> Vec<LoadError> {
        let mut out = Vec::new();
        self.pending.retain_mut(|r| {
            if let Loaded::Failed(_) = r {
                let Loaded::Failed(e) = std::mem::replace(r, Loaded::Finished) else {
                    return true;
                };
                out.push(e);
                false
            } else {
                true
            }
        });
        out
    }

    /// The next report, if one is there.
    pub fn try_next(&mut self) -> Option<Loaded> {
        self.pending.pop_front().or_else(|| self.rx.try_recv().ok())
    }

    /// A sender for reports from elsewhere (the folder watcher).
    pub fn sender(&self) -> Sender<Loaded> {
        self.tx.clone()
    }
}

/// Reads one file, the `rank`-th of its listing.
pub fn read(path: &std::path::Path, rank: usize) -> Loaded {
    match briefing::load(path) {
        Ok(mut b) => {
            b.shrink_to_fit();
            Loaded::Read(Box::new(b), rank)
        }
        Err(e) => Loaded::Failed(e),
    }
}
