//! The bibliography of a run, from one file or several (`publications.bib: [conf.bib, journal.bib,
//! {path: arxiv.bib, category: preprint}]`, or `--bib` repeated): each file read and parsed, its
//! entries given the file's default category, all merged into one [`Bibliography`] whose entries
//! each know their file.
//!
//! A key defined in two files is a warning naming both places, not an error: real files do reuse
//! a key for a conference and a journal version, and a user should never have to edit a file
//! another tool made. Both entries stay; `cvgen bib` writes the second under a new key. File
//! access: through [`super::load`] only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Inputs, load, relative_to};
use crate::Report;
use crate::bib::Bibliography;
use crate::category::Category;
use crate::diag::Diagnostic;
use crate::profile::{BibSource, Profile};
use crate::timings::{Phase, Timings};

/// One file of the bibliography, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BibFile {
    /// Where it is.
    pub path: PathBuf,
    /// The category its entries get unless they say otherwise.
    pub category: Option<Category>,
    /// How many entries could be read from it.
    pub entries: usize,
    /// Whether the file itself could not be read (missing, unreadable, not UTF-8):
    /// `--keep-going` skips broken entries, never a whole file.
    pub unreadable: bool,
}

/// The bibliography of a run: its files and their entries, merged.
#[derive(Debug, Default)]
pub struct Library {
    /// The files, in the order given.
    pub files: Vec<BibFile>,
    /// Every entry of every file that could be read, file after file.
    pub bibliography: Bibliography,
}

impl Library {
    /// Whether some file could not be read at all.
    pub fn unreadable(&self) -> bool {
        self.files.iter().any(|f| f.unreadable)
    }

    /// The paths of the files.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }

    /// How the bibliography is named in messages: its file, or its files joined.
    pub fn label(&self) -> PathBuf {
        let names: Vec<String> = self.files.iter().map(|f| f.path.display().to_string()).collect();
        PathBuf::from(names.join(", "))
    }
}

/// The bibliography files of a run: `--bib` (repeatable) if given, else the profile's
/// `publications.bib` (relative to the profile); none without either.
pub fn sources(inputs: &Inputs, profile: Option<&Profile>) -> Vec<BibSource> {
    if !inputs.bibs.is_empty() {
        return inputs.bibs.iter().map(|path| BibSource { path: path.clone(), category: None }).collect();
    }
    let written = profile.and_then(|p| p.publications.as_ref()).map(|p| p.bib.as_slice()).unwrap_or_default();
    written
        .iter()
        .map(|source| BibSource { path: relative_to(inputs.profile(), &source.path), category: source.category })
        .collect()
}

/// The error of a profile with a `publications` section that names no bibliography
/// (`publications.bib` left out) when none is given with `--bib` either: there would be no
/// publication, silently.
pub fn missing(inputs: &Inputs, profile: &Profile) -> Option<Diagnostic> {
    let settings = profile.publications.as_ref()?;
    if !inputs.bibs.is_empty() || !settings.bib.is_empty() {
        return None;
    }
    let span = profile.origin.tree().entry("publications").map_or(0..0, |e| e.key.span.clone());
    let d = Diagnostic::error("`publications` names no bibliography")
        .hint("add `bib: refs.bib` (a path relative to the profile) under it, or pass `--bib FILE`");
    Some(profile.origin.point(d, span))
}

/// Reads and parses every file of `sources`; their problems go into `report`.
pub fn read(sources: &[BibSource], report: &mut Report, timings: &mut Timings) -> Library {
    let mut library = Library::default();
    for source in sources {
        let path = &source.path;
        let text = timings.time(Phase::Load, || load::read_text(path, "bibliography", &mut report.sources));
        let mut file = BibFile { path: path.clone(), category: source.category, entries: 0, unreadable: false };
        match text {
            Ok(text) => {
                let (mut bibliography, diagnostics) = timings.time(Phase::Parse, || crate::bib::parse(&text, path));
                report.diagnostics.extend(diagnostics);
                for entry in &mut bibliography.entries {
                    entry.file_category = source.category;
                }
                file.entries = bibliography.entries.len();
                library.bibliography.append(bibliography);
            }
            Err(d) => {
                report.diagnostics.push(d);
                file.unreadable = true;
            }
        }
        library.files.push(file);
    }
    if library.files.len() > 1 {
        report.diagnostics.extend(keys_in_two_files(&library.bibliography, &report.sources));
    }
    library
}

/// A warning for each key that an earlier file already defines (within one file the reader
/// reports it).
fn keys_in_two_files(bibliography: &Bibliography, sources: &crate::diag::Sources) -> Vec<Diagnostic> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, entry) in bibliography.entries.iter().enumerate() {
        let earlier = *first.entry(entry.key.to_lowercase()).or_insert(i);
        let other = &bibliography.entries[earlier];
        if earlier == i || other.file == entry.file {
            continue;
        }
        let line = sources.line_column(&other.file, other.key_span.start).map_or(0, |(line, _)| line);
        out.push(
            Diagnostic::warning(format!(
                "the key `{}` is also defined in `{}` (line {line})",
                entry.key,
                other.file.display()
            ))
            .at(entry.file.to_path_buf(), entry.key_span.clone())
            .hint(format!(
                "both entries are shown (a conference and a journal version?); this one is `{}` in `cvgen bib`'s export and in the profile's citations",
                entry.id
            )),
        );
    }
    out
}
