//! Decoding (encoding sniffing, BOMs, GBK, UTF-16 …) and parsing any bytes, as
//! plain text and as TOML.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    use brief::briefing::Syntax;
    for (name, syntax) in [("fuzz.txt", Syntax::Text), ("fuzz.toml", Syntax::Toml)] {
        if let Ok(b) = brief::briefing::parse_bytes(name, data, syntax) {
            common::check_briefing(&b);
        }
    }
});
