//! Parses one briefing once, with or without the ledger's extraction, for
//! counting what the extraction costs under callgrind:
//! `RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/parse_cost FILE annotate`
//! (and `parse` for the parse alone).

use brief::briefing::Syntax;

/// The allocator the `brief` binary uses, so that the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(path), mode) = (args.next(), args.next()) else {
        anyhow::bail!("usage: parse_cost FILE [parse|annotate]");
    };
    let bytes = std::fs::read(&path)?;
    let briefing = match mode.as_deref() {
        Some("parse") => brief::briefing::parse_unannotated(&path, &bytes, Syntax::Text)?,
        Some("annotate") | None => {
            brief::briefing::parse_bytes_dated(&path, &bytes, Syntax::Text, Some(2026))?
        }
        Some(other) => anyhow::bail!("unknown mode {other}: parse or annotate"),
    };
    let items: usize = briefing.sections.iter().map(|s| s.items.len()).sum();
    println!("{} sections, {items} items", briefing.sections.len());
    Ok(())
}
