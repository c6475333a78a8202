//! The marks file: parse, write back as `Store::save` does, read again.
#![no_main]

use brief::store::{Marks, VERSION, parse_state};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;

/// The shape `Store::save` writes (its own struct is private).
#[derive(Serialize)]
struct FileFormat<'a> {
    version: u32,
    #[serde(flatten)]
    marks: &'a Marks,
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(marks) = parse_state(text) else {
        return;
    };
    let written = toml::to_string_pretty(&FileFormat {
        version: VERSION,
        marks: &marks,
    })
    .expect("marks that were read can be written");
    // What was saved must read back the same, or a save loses marks.
    match parse_state(&written) {
        Ok(again) => assert_eq!(again, marks, "round trip changed the marks:\n{written}"),
        Err(e) => panic!("a written state file does not read back: {e}\n{written}"),
    }
    // Merging a copy into itself must not panic.
    let mut merged = marks.clone();
    merged.merge(&marks);
});
