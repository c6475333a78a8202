//! The TOML briefing reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = brief::briefing::parse_bytes("fuzz.toml", data, brief::briefing::Syntax::Toml) {
        common::check_briefing(&b);
    }
});
