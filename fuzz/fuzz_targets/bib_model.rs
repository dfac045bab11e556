//! Fuzz target: bytes → decode → `bib::parse` → publications read once → model and lints → JSON →
//! diagnostics printed.
//!
//! Never a panic, whatever the bibliography holds.
#![no_main]

use std::path::Path;

use cvgen::diag::{self, Sources};
use cvgen::date::Day;
use cvgen::model::{self, BuildOptions};
use libfuzzer_sys::fuzz_target;

const PROFILE: &str = "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [Ada Lovelace, A. Lovelace]\n";

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("refs.bib");
    let mut sources = Sources::default();
    let text = match cvgen::pipeline::load::decode(bytes, path, &mut sources) {
        Ok(text) => text,
        Err(d) => {
            let _ = diag::render(&[d], &sources);
            return;
        }
    };
    let (bib, mut diagnostics) = cvgen::bib::parse(&text, path);
    let profile = cvgen::profile::parse(PROFILE, Path::new("profile.yaml")).expect("the fixed profile is valid");
    let options = BuildOptions { today: Day { year: 2025, month: 11, day: 29 } };
    let settings = profile.publications.as_ref();
    let publications = model::publications::read(settings, &bib);
    let cv = model::assemble(&profile, &publications, &options);
    diagnostics.extend(cvgen::lint::bibliography(settings, &publications, &bib, options.today));
    let _ = cvgen::render::to_json(&cv);
    let _ = diag::render(&diagnostics, &sources);
    let _ = diag::to_json(&diagnostics, &sources);
});
