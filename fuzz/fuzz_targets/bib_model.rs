//! Fuzz target: bytes → decode → `bib::parse` → publications read once → model (a fixed profile
//! with publication lists and citations of the owner's papers) and lints → JSON → diagnostics
//! printed, the citations located in the profile's text as the pipeline does.
//!
//! Never a panic, whatever the bibliography holds.
#![no_main]

use std::path::Path;

use cvgen::date::Day;
use cvgen::diag::{self, Sources};
use cvgen::model;
use libfuzzer_sys::fuzz_target;

/// The fixed profile: every list filter, citations in rich text and `papers:` lists, with keys
/// the seeds use (and a key no seed defines, for the closest-key hint).
const PROFILE: &str = r#"name: Ada Lovelace
summary: "Notes **on** *the* engine [@key], [@lovelace1843] and [@a], see [x](https://example.org) and [@nokey]."
publications:
  bib: refs.bib
  owner: [Ada Lovelace, A. Lovelace, "Lovelace, A."]
  lists:
    - title: Selected
      select: {selected: true}
      prefix: S
    - title: First-author papers 2020-2024
      select: {years: 2020-2024, role: first}
      exclude_listed: true
    - title: Equal first
      select: {role: equal_first, category: [conference, journal]}
      exclude_listed: true
    - title: Corresponding
      select: {role: corresponding, tags: [ml, engine]}
      prefix: R
      group_by: year
    - title: By key
      select: {keys: [key, a, lovelace1843, b]}
      numbering: continuous
    - title: Everything else
      exclude_listed: true
honors:
  - title: Best paper [@key]
    date: 2024
    papers: [key, lovelace1843, a]
experience:
  - organization: Analytical Engine Co.
    position: Programmer
    start: 1842-01
    end: 1843
    papers: [b]
"#;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("refs.bib");
    let profile_path = Path::new("profile.yaml");
    let mut sources = Sources::default();
    sources.insert(profile_path, PROFILE);
    let text = match cvgen::pipeline::load::decode(bytes, path, &mut sources) {
        Ok(text) => text,
        Err(d) => {
            let _ = diag::render(&[d], &sources);
            return;
        }
    };
    let (bib, mut diagnostics) = cvgen::bib::parse(&text, path);
    let profile = cvgen::profile::parse(PROFILE, profile_path).expect("the fixed profile is valid");
    let today = Day { year: 2025, month: 11, day: 29 };
    let settings = profile.publications.as_ref();
    let built = model::build(&model::Sources { profile: &profile, bibliography: &bib, citations: None, today, bib_given: false, bib_readable: true });
    diagnostics.extend(built.entry_problems);
    let mut cv = built.cv;
    diagnostics.extend(cvgen::pipeline::texts::diagnostics(&built.findings, profile_path, PROFILE));
    diagnostics.extend(cvgen::lint::bibliography(settings, &built.publications, &bib, today));
    diagnostics.extend(cvgen::lint::fields::unknown_display_fields(&bib));
    let _ = cvgen::render::to_json(&cv);
    let _ = cvgen::render::to_data(&cv);
    // The pieces a theme reads: every paper's file, and the model unchanged after the split.
    let files = cvgen::render::ModelFiles::new(&mut cv);
    assert_eq!(files.full(), cvgen::render::to_data(&cv).as_slice());
    let _ = diag::render(&diagnostics, &sources);
    let _ = diag::to_json(&diagnostics, &sources);
});
