//! Reading many files on every core and handing them on in order.
//!
//! `brief parse` and `brief check` write each briefing as soon as it and
//! every one before it are read. The threads claim files one at a time, so
//! no thread waits for a batch's slowest file; the thread that writes also
//! reads whenever the next briefing is not ready yet, so it seldom sleeps, and
//! a thread is woken only when one is asleep. At most [`WINDOW`] briefings
//! wait to be written, so a library's worth is never held at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering, fence};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::briefing::{self, Briefing, LoadError};

/// How far reading may run ahead of writing, in files: enough that no thread
/// waits while the writer catches up, few enough to keep memory small.
const WINDOW: usize = 64;

type Read = Result<Briefing, LoadError>;

/// What the threads share: the files, a slot for each, and where claiming and
/// writing have got to.
struct Shared<'a> {
    files: &'a [PathBuf],
    load: &'a (dyn Fn(&Path) -> Read + Sync),
    slots: Vec<Mutex<Option<Read>>>,
    /// The next file no thread has claimed.
    claimed: AtomicUsize,
    /// How many briefings have been handed on.
    written: AtomicUsize,
    /// Set when handing on failed or a thread panicked: the others stop.
    stopped: AtomicBool,
    /// A panic while reading, raised again on the writing thread.
    panic: Mutex<Option<Box<dyn std::any::Any + Send>>>,
    /// Threads asleep on `wake`; a change wakes them only when there are any.
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    wake: Condvar,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A slot holds plain data: a thread that panicked left nothing half made.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared<'_> {
    /// The next file to read, when reading may run that far ahead.
    fn claim(&self) -> Option<usize> {
        let mut next = self.claimed.load(Ordering::Relaxed);
        loop {
            let ahead = self.written.load(Ordering::Acquire) + WINDOW;
            if next >= self.files.len() || next >= ahead || self.stopped.load(Ordering::Relaxed) {
                return None;
            }
            match self.claimed.compare_exchange_weak(
                next,
                next + 1,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Some(next),
                Err(now) => next = now,
            }
        }
    }

    fn read(&self, index: usize) {
        let file = &self.files[index];
        // What a panic leaves behind is never read: the slot stays empty and
        // everything stops.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.load)(file))) {
            Ok(read) => {
                *locked(&self.slots[index]) = Some(read);
                self.changed();
            }
            // The writer may be waiting for this very file: it is told to
            // stop and raises the panic, rather than wait for ever.
            Err(panic) => {
                locked(&self.panic).get_or_insert(panic);
                self.stop();
            }
        }
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
        self.changed();
    }

    /// Wakes the sleepers, if any. The fence pairs with the one in `sleep`:
    /// either a sleeper sees the change, or this sees the sleeper.
    fn changed(&self) {
        fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            drop(locked(&self.lock));
            self.wake.notify_all();
        }
    }

    /// Sleeps until `done` holds, checked after every change.
    fn sleep(&self, done: impl Fn() -> bool) {
        let mut guard = locked(&self.lock);
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        while !done() {
            guard = self
                .wake
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }

    /// A reading thread: claims files until none are left.
    fn reader(&self) {
        loop {
            if let Some(index) = self.claim() {
                self.read(index);
                continue;
            }
            let over = || {
                self.stopped.load(Ordering::Relaxed)
                    || self.claimed.load(Ordering::Relaxed) >= self.files.len()
            };
            if over() {
                return;
            }
            // Reading is a window ahead of writing: wait for the writer.
            self.sleep(|| {
                over()
                    || self.claimed.load(Ordering::Relaxed)
                        < self.written.load(Ordering::Acquire) + WINDOW
            });
        }
    }

    /// The briefing at `index`, read here when it is not ready and another
    /// file may be claimed meanwhile.
    fn take(&self, index: usize) -> Read {
        loop {
            if let Some(read) = locked(&self.slots[index]).take() {
                return read;
            }
            if let Some(panic) = locked(&self.panic).take() {
                std::panic::resume_unwind(panic);
            }
            match self.claim() {
                Some(other) => self.read(other),
                None => self.sleep(|| {
                    self.stopped.load(Ordering::Relaxed) || locked(&self.slots[index]).is_some()
                }),
            }
        }
    }
}

/// Stops the readers when the writing ends, however it ends: a panic while
/// writing must not leave them waiting for the writer.
struct StopOnDrop<'a, 'b>(&'a Shared<'b>);

impl Drop for StopOnDrop<'_, '_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Reads `files` on every core and hands what each gave (a briefing or why
/// not) to `each`, in the files' order; stops at the first error `each`
/// returns, and returns it.
pub fn in_order(
    files: &[PathBuf],
    each: impl FnMut(Read) -> anyhow::Result<()> + Send,
) -> anyhow::Result<()> {
    read_in_order(files, &|file| briefing::load(file), each)
}

/// [`in_order`] with the reading given.
fn read_in_order(
    files: &[PathBuf],
    load: &(dyn Fn(&Path) -> Read + Sync),
    mut each: impl FnMut(Read) -> anyhow::Result<()> + Send,
) -> anyhow::Result<()> {
    let shared = Shared {
        files,
        load,
        slots: files.iter().map(|_| Mutex::new(None)).collect(),
        claimed: AtomicUsize::new(0),
        written: AtomicUsize::new(0),
        stopped: AtomicBool::new(false),
        panic: Mutex::new(None),
        sleepers: AtomicUsize::new(0),
        lock: Mutex::new(()),
        wake: Condvar::new(),
    };
    let shared = &shared;
    // Reading runs on the pool's threads, as the parser's own parallel parts
    // expect; this closure is one of them and writes as well.
    rayon::scope(|scope| {
        for _ in 1..rayon::current_num_threads().min(files.len()) {
            scope.spawn(move |_| shared.reader());
        }
        let _stop = StopOnDrop(shared);
        for index in 0..files.len() {
            let handed = each(shared.take(index));
            shared.written.store(index + 1, Ordering::Release);
            shared.changed();
            handed?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of `n` briefings, each naming its number in its title, with
    /// every `bad`-th file binary.
    fn folder(n: usize, bad: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().expect("temp folder");
        let files = (0..n)
            .map(|i| {
                let path = dir.path().join(format!("{i:04}.txt"));
                let text = if i % bad == bad - 1 {
                    "\0\0\0".to_owned()
                } else {
                    format!("第{i}号简报\n\n市水务局局长 王明\n一是抓好第{i}项工作。\n")
                };
                std::fs::write(&path, text).expect("write a briefing");
                path
            })
            .collect();
        (dir, files)
    }

    #[test]
    fn hands_every_file_on_in_order() {
        // More files than the window, so reading waits for writing.
        let (_dir, files) = folder(3 * WINDOW + 5, 7);
        let mut seen = Vec::new();
        in_order(&files, |read| {
            seen.push(match read {
                Ok(b) => b.path,
                Err(e) => format!("error: {e}"),
            });
            Ok(())
        })
        .expect("nothing fails");
        assert_eq!(seen.len(), files.len());
        for (i, (seen, file)) in seen.iter().zip(&files).enumerate() {
            let file = file.display().to_string();
            if i % 7 == 6 {
                assert!(
                    seen.starts_with("error: ") && seen.contains(&file),
                    "{seen}"
                );
            } else {
                assert_eq!(seen, &file);
            }
        }
    }

    #[test]
    fn stops_at_the_first_error_and_returns_it() {
        let (_dir, files) = folder(2 * WINDOW, 1000);
        let mut handed = 0;
        let result = in_order(&files, |_| {
            handed += 1;
            if handed == 10 {
                anyhow::bail!("the pipe closed")
            }
            Ok(())
        });
        let error = result.expect_err("the error comes back");
        assert_eq!(error.to_string(), "the pipe closed");
        assert_eq!(handed, 10);
    }

    #[test]
    fn one_thread_reads_everything_itself() {
        let (_dir, files) = folder(WINDOW + 3, 1000);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one");
        let mut count = 0;
        pool.install(|| {
            in_order(&files, |read| {
                assert!(read.is_ok());
                count += 1;
                Ok(())
            })
        })
        .expect("nothing fails");
        assert_eq!(count, files.len());
    }

    /// Runs `f` on a thread of its own and fails the test when it has not
    /// finished within a minute (a hang is the failure looked for).
    fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("finished, not hung")
    }

    #[test]
    fn a_panic_while_reading_is_raised_not_waited_for() {
        let (dir, files) = folder(3 * WINDOW, 1000);
        let outcome = within_a_minute(move || {
            let _dir = dir;
            let load = |file: &Path| {
                assert!(!file.ends_with("0007.txt"), "a parser bug");
                briefing::load(file)
            };
            std::panic::catch_unwind(|| read_in_order(&files, &load, |_| Ok(())))
        });
        let panic = outcome.expect_err("the panic comes through");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"a parser bug"));
    }

    #[test]
    fn a_panic_while_writing_stops_the_readers() {
        let (dir, files) = folder(3 * WINDOW, 1000);
        let outcome = within_a_minute(move || {
            let _dir = dir;
            let mut handed = 0;
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                in_order(&files, |_| {
                    handed += 1;
                    assert!(handed < 3, "a writer bug");
                    Ok(())
                })
            }))
        });
        assert!(outcome.is_err(), "the panic comes through");
    }

    #[test]
    fn no_files_is_no_work() {
        in_order(&[], |_| panic!("nothing to hand on")).expect("nothing fails");
    }
}
