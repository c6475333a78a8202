//! Holds what the reader holds for a library, for a heap profiler: every
//! briefing under FOLDER read (ledger included), the search index built, and
//! a pinyin query typed a letter at a time, as the finder does.
//!
//! `heaptrack target/release/examples/library_heap LIBRARY [QUERY]`, then
//! `heaptrack_print -f heaptrack.library_heap.*.zst` (peak and kept heap by
//! the place that allocated it). The system allocator is used, so that the
//! profiler sees every allocation.

use std::path::PathBuf;
use std::sync::Arc;

use brief::briefing::{self, Briefing};
use brief::search::{Index, Session};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        anyhow::bail!("usage: library_heap FOLDER [QUERY]");
    };
    let query = args.next().unwrap_or_else(|| "jhyh".to_owned());
    let (paths, errors) = briefing::expand_paths(&[PathBuf::from(folder)]);
    let briefings: Vec<Arc<Briefing>> = paths
        .par_iter()
        .filter_map(|p| briefing::load(p).ok().map(Arc::new))
        .collect();
    let index = Index::build(&briefings);
    let mut session = Session::default();
    let mut typed = String::new();
    let mut hits = 0;
    for c in query.chars() {
        typed.push(c);
        hits = index.search_in(&typed, 200, &mut session).len();
    }
    let text: usize = briefings
        .iter()
        .flat_map(|b| &b.sections)
        .flat_map(|s| &s.paragraphs)
        .map(str::len)
        .sum();
    println!(
        "{} briefings ({} not read), {} MB of paragraph text, {} entries, {hits} hits for {query}",
        briefings.len(),
        errors.len(),
        text / 1_000_000,
        index.len()
    );
    Ok(())
}
