//! One keystroke of the finder, repeated, for an instruction count: every
//! briefing under FOLDER read and indexed, QUERY's letters but the last typed
//! (the session the keystroke starts from), the letters' bitmaps built, then
//! the last letter typed REPEAT times.
//!
//! `RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/profiling/examples/keystroke_cost
//! LIBRARY jhyh 10`, less the same with REPEAT 0, over 10: the instructions
//! of one keystroke (the search runs on rayon's threads, so the whole
//! program is counted, not one function). The corpus of the criterion
//! keystroke benchmark is written out with `BRIEF_BENCH_CORPUS=FILE cargo
//! bench --bench search -- --list`.

use std::path::PathBuf;
use std::sync::Arc;

use brief::briefing::{self, Briefing};
use brief::search::{Index, Session};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, query, repeat] = args.as_slice() else {
        anyhow::bail!("usage: keystroke_cost FOLDER QUERY REPEAT");
    };
    let repeat: usize = repeat.parse()?;
    let (paths, _) = briefing::expand_paths(&[PathBuf::from(folder)]);
    let briefings: Vec<Arc<Briefing>> = paths
        .par_iter()
        .filter_map(|p| briefing::load(p).ok().map(Arc::new))
        .collect();
    let index = Index::build(&briefings);
    let chars: Vec<char> = query.chars().collect();
    let before: String = chars[..chars.len() - 1].iter().collect();
    let mut start = Session::default();
    if !before.is_empty() {
        index.search_in(&before, 200, &mut start);
    }
    // Whatever the query builds on first use is built before counting.
    index.search(query, 200);
    let mut hits = 0;
    for _ in 0..repeat {
        let mut session = start.clone();
        hits += index.search_in(query, 200, &mut session).len();
    }
    println!("{} entries, {hits} hits", index.len());
    Ok(())
}
