//! Fuzz target: bytes → decode (UTF-8 policy) → `profile::parse_any` (`profile.yaml`, or a JSON
//! Resume when the input starts with `{`) → lints → publications of a small fixed bibliography
//! (two files, given the categories of the profile's `bib` sources) read once → model (lists,
//! citations, rich text) → JSON → every diagnostic printed.
//!
//! Never a panic, and every diagnostic's location must print against the text it names.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use cvgen::bib::Bibliography;
use cvgen::date::Day;
use cvgen::diag::{self, Sources};
use cvgen::model;
use libfuzzer_sys::fuzz_target;

/// The first file: conference papers and a preprint of one of them, with every role mark.
const CONF: &str = r#"@string{mlsys = {Conference on Machine Learning and Systems (MLSys)}}
@inproceedings{key,
  title = {A {GPU} Paper},
  author = {Lovelace*, Ada and Babbage*, Charles and Somerville†, Mary},
  booktitle = mlsys,
  year = {2024},
  keywords = {ml, engine},
  selected = {true},
  award = {Best Paper},
  annotation = {* Equal contribution<br>† Corresponding author},
  doi = {10.1145/3581784.3607045}
}
@inproceedings{a,
  title = {The Analytical Engine},
  author = {Ada Lovelace and Charles Babbage},
  booktitle = {Proceedings of NeurIPS},
  date = {2021-12-06/2021-12-14},
  keywords = {engine},
  url = {https://example.org/a}
}
@misc{a-preprint,
  title = {The analytical engine},
  author = {Lovelace, Ada and Babbage, Charles},
  eprint = {2101.00001},
  archiveprefix = {arXiv},
  year = 2021
}
@inproceedings{dup,
  title = {Conference Version},
  author = {Babbage, Charles and Lovelace, A.},
  booktitle = {ICML},
  year = {2023},
  month = jul
}
"#;

/// The second file: journal papers, a key the first file also has, a crossref child.
const JOURNAL: &str = r#"@article{lovelace1843,
  title = {Sketch of the Analytical Engine},
  author = {Lovelace, Ada},
  journal = {Scientific Memoirs},
  year = {1843},
  volume = {3},
  pages = {666--731}
}
@article{dup,
  title = {Journal Version},
  author = {Lovelace†, Ada and Babbage, Charles},
  journal = {IEEE TCAD},
  date = {2024-05},
  selected = {true}
}
@book{parent,
  title = {Collected Works},
  publisher = {Murray},
  year = {1989}
}
@inbook{b,
  title = {Notes},
  author = {Lovelace, Ada},
  crossref = {parent},
  keywords = {ml}
}
"#;

fn bibliography() -> &'static [Bibliography] {
    static FILES: OnceLock<Vec<Bibliography>> = OnceLock::new();
    FILES.get_or_init(|| {
        [("conf.bib", CONF), ("journal.bib", JOURNAL)]
            .into_iter()
            .map(|(name, text)| {
                let (bib, diagnostics) = cvgen::bib::parse(text, Path::new(name));
                assert!(diagnostics.iter().all(|d| !d.is_error()), "the fixed bibliography reads: {diagnostics:?}");
                bib
            })
            .collect()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let json = bytes.first() == Some(&b'{');
    let path = Path::new(if json { "resume.json" } else { "profile.yaml" });
    let mut sources = Sources::default();
    let text = match cvgen::pipeline::load::decode(bytes, path, &mut sources) {
        Ok(text) => text,
        Err(d) => {
            let _ = diag::render(&[d], &sources);
            return;
        }
    };
    sources.insert(Path::new("conf.bib"), CONF);
    sources.insert(Path::new("journal.bib"), JOURNAL);
    let today = Day { year: 2025, month: 11, day: 29 };
    let diagnostics = match cvgen::profile::parse_any(&text, path, Some(Path::new("conf.bib"))) {
        Ok((profile, mut diagnostics)) => {
            diagnostics.extend(cvgen::lint::profile(&profile, &text, path, today));
            // The fixed files, given the categories of the profile's first two `bib` sources.
            let settings = profile.publications.as_ref();
            let mut bib = Bibliography::default();
            for (i, file) in bibliography().iter().enumerate() {
                let mut file = file.clone();
                let category = settings.and_then(|s| s.bib.get(i)).and_then(|s| s.category);
                for entry in &mut file.entries {
                    entry.file_category = category;
                }
                bib.append(file);
            }
            let built =
                model::build(&model::Sources { profile: &profile, bibliography: &bib, citations: None, today, bib_given: false, bib_readable: true });
            diagnostics.extend(built.entry_problems);
            diagnostics.extend(cvgen::lint::bibliography(settings, &built.publications, &bib, today));
            diagnostics.extend(cvgen::pipeline::texts::diagnostics(&built.findings, path, &text));
            let mut cv = built.cv;
            let _ = cvgen::render::to_json(&cv);
            let _ = cvgen::render::ModelFiles::new(&mut cv);
            let _ = cv.publication_count();
            diagnostics
        }
        Err(diagnostics) => diagnostics,
    };
    let _ = diag::render(&diagnostics, &sources);
    let _ = diag::to_json(&diagnostics, &sources);
});
