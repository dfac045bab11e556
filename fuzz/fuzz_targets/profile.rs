//! Fuzz target: bytes → decode (UTF-8 policy) → `profile::parse` → every diagnostic printed.
//!
//! Never a panic, and every diagnostic's location must print against the text it names.
#![no_main]

use std::path::Path;

use cvgen::diag::{self, Sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("profile.yaml");
    let mut sources = Sources::default();
    let text = match cvgen::pipeline::load::decode(bytes, path, &mut sources) {
        Ok(text) => text,
        Err(d) => {
            let _ = diag::render(&[d], &sources);
            return;
        }
    };
    let diagnostics = match cvgen::profile::parse(&text, path) {
        Ok(profile) => cvgen::lint::profile(&profile, &text, path, cvgen::date::Day { year: 2025, month: 11, day: 29 }),
        Err(diagnostics) => diagnostics,
    };
    let _ = diag::render(&diagnostics, &sources);
    let _ = diag::to_json(&diagnostics, &sources);
});
