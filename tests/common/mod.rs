//! What the integration tests share.

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
