//! What the integration tests share.

use std::path::{Path, PathBuf};

/// Says that a test is skipped because something it needs is missing (the
/// shared documents, tmux). A newcomer's clone may lack them; CI may not:
/// with `BRIEF_REQUIRE_FIXTURES` set (as `.ci/run` sets it) a skip fails.
pub fn skip(notice: &str) {
    let required = std::env::var("BRIEF_REQUIRE_FIXTURES").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        !required,
        "BRIEF_REQUIRE_FIXTURES is set, so this may not be skipped: {notice}"
    );
    eprintln!("notice: {notice}");
}

/// `../shared/SUB` (the seed, the corpus, one of its files), or `None` with a
/// notice (see [`skip`]) when it is not there; `what` names the tests skipped.
#[allow(dead_code)] // Not every test crate reads the shared documents.
pub fn shared(sub: &str, what: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!("{} not found; skipping {what}", path.display()));
        None
    }
}
