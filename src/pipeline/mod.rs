//! The build engine, as library functions under the thin verbs of `cmd/`: read the inputs, parse
//! them, build the model, then lint it ([`check`]), typeset it ([`document`]) or export the
//! bibliography ([`bib`]). Each step takes a library config (no clap types) and returns values and
//! diagnostics; the verbs turn arguments into configs and write what comes back.
//!
//! The rules every verb shares live here once: where the inputs are ([`Inputs`]), which
//! bibliography a profile names ([`bib_paths`]), which reader a profile needs (YAML or JSON
//! Resume, [`crate::profile::parse_any`]), how relative paths resolve ([`relative_to`]) and what
//! day it is ([`today`]). File access: [`load`] reads the input files, [`document`] the template
//! folder and fonts (through the render module's sandbox); nothing here writes a file.

pub mod bib;
pub mod check;
pub mod document;
pub mod load;
mod template;

use std::path::{Path, PathBuf};

use crate::Report;
use crate::bib::Bibliography;
use crate::date::Day;
use crate::diag::Diagnostic;
use crate::model::{self, BuildOptions, Cv, Publication};
use crate::profile::{self, Profile};
use crate::timings::{Phase, Timings};

/// Where a run's inputs are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The profiles (`profile.yaml`, or a JSON Resume `.json`), merged in order; the first is
    /// the main one, from which relative paths in it resolve.
    pub profiles: Vec<PathBuf>,
    /// Bibliographies given on the command line (`--bib`), used instead of the profile's
    /// `publications.bib`.
    pub bibs: Vec<PathBuf>,
}

impl Inputs {
    /// One profile and the command line's bibliographies.
    pub fn new(profile: PathBuf, bibs: Vec<PathBuf>) -> Self {
        Self { profiles: vec![profile], bibs }
    }

    /// The main profile.
    pub fn profile(&self) -> &Path {
        self.profiles.first().map_or(Path::new("profile.yaml"), PathBuf::as_path)
    }
}

/// `path` as written in a file at `base`: relative paths are relative to that file's folder.
pub fn relative_to(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_owned();
    }
    match base.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
        _ => path.to_owned(),
    }
}

/// Whether two paths name the same file (following symlinks where they exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The error for an output that is also an input: cvgen never overwrites what it reads.
pub fn output_is_input(output: &Path) -> Diagnostic {
    Diagnostic::error(format!("the output `{}` is also an input", output.display()))
        .hint("choose another `--output`; cvgen never overwrites its inputs")
}

/// The first of `read` that `output` would overwrite, if any.
pub fn overwrites<'a>(output: &Path, read: &'a [PathBuf]) -> Option<&'a PathBuf> {
    read.iter().find(|input| same_file(input, output))
}

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds: the one clock
/// every verb reads.
pub fn today() -> Day {
    Day::from_unix(now_unix())
}

/// Seconds since the epoch: `SOURCE_DATE_EPOCH` when set, else the system clock.
pub fn now_unix() -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return epoch;
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The bibliographies of a run: `--bib` if given, else the profile's `publications.bib`
/// (relative to the profile); none without either.
pub fn bib_paths(inputs: &Inputs, profile: Option<&Profile>) -> Vec<PathBuf> {
    if !inputs.bibs.is_empty() {
        return inputs.bibs.clone();
    }
    let written = profile.and_then(|p| p.publications.as_ref()).map(|p| &p.bib);
    written.map(|bib| relative_to(inputs.profile(), bib)).into_iter().collect()
}

/// Reads and parses the main profile; its problems go into `report`. `None` when it cannot be
/// read or has errors.
pub fn read_profile(inputs: &Inputs, report: &mut Report, timings: &mut Timings) -> Option<Profile> {
    let path = inputs.profile();
    let text = match timings.time(Phase::Load, || load::read_text(path, "profile", &mut report.sources)) {
        Ok(text) => text,
        Err(d) => {
            report.diagnostics.push(d);
            return None;
        }
    };
    let bib = inputs.bibs.first().map(PathBuf::as_path);
    match timings.time(Phase::Parse, || profile::parse_any(&text, path, bib)) {
        Ok(profile) => Some(profile),
        Err(diagnostics) => {
            report.diagnostics.extend(diagnostics);
            None
        }
    }
}

/// A bibliography as read: where it is and what could be read of it.
#[derive(Debug, Default)]
pub struct BibFile {
    /// Where it is.
    pub path: PathBuf,
    /// The entries that could be read.
    pub bibliography: Bibliography,
    /// Whether the file itself could not be read (missing, unreadable, not UTF-8):
    /// `--keep-going` skips broken entries, never a whole file.
    pub unreadable: bool,
}

/// Reads and parses the bibliography at `path`; its problems go into `report`.
pub fn read_bib(path: &Path, report: &mut Report, timings: &mut Timings) -> BibFile {
    match timings.time(Phase::Load, || load::read_text(path, "bibliography", &mut report.sources)) {
        Ok(text) => {
            let (bibliography, diagnostics) = timings.time(Phase::Parse, || crate::bib::parse(&text, path));
            report.diagnostics.extend(diagnostics);
            BibFile { path: path.to_owned(), bibliography, unreadable: false }
        }
        Err(d) => {
            report.diagnostics.push(d);
            BibFile { path: path.to_owned(), bibliography: Bibliography::default(), unreadable: true }
        }
    }
}

/// Everything read and built from the inputs.
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// Where the profile is.
    pub profile_path: PathBuf,
    /// The bibliography (empty without `publications`).
    pub bib: Option<BibFile>,
    /// Every entry of the bibliography as the CV reads it, in source order (read once).
    pub publications: Vec<Publication>,
    /// The model.
    pub cv: Cv,
    /// The day the CV is dated.
    pub today: Day,
}

impl Loaded {
    /// Where the bibliography is, if there is one.
    pub fn bib_path(&self) -> Option<&Path> {
        self.bib.as_ref().map(|b| b.path.as_path())
    }

    /// Whether the bibliography file could not be read at all.
    pub fn bib_unreadable(&self) -> bool {
        self.bib.as_ref().is_some_and(|b| b.unreadable)
    }
}

/// Reads and parses the profile and the bibliography and builds the model, reporting every
/// problem in `report` and adding the time of each step to `timings` (load: reading files;
/// parse: profile and bibliography; model: building the model). `None` when there is no
/// profile to build from.
pub fn load(inputs: &Inputs, today: Day, report: &mut Report, timings: &mut Timings) -> Option<Loaded> {
    let profile = read_profile(inputs, report, timings)?;
    let bib = bib_paths(inputs, Some(&profile)).first().map(|path| read_bib(path, report, timings));
    if !inputs.bibs.is_empty() && profile.publications.is_none() {
        report.diagnostics.push(
            Diagnostic::warning(
                "`--bib` is given but the profile has no `publications` section, so no publication is shown",
            )
            .hint("add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
    }
    let (publications, cv) = timings.time(Phase::Model, || {
        let empty = Bibliography::default();
        let (bibliography, path) = match &bib {
            Some(file) => (&file.bibliography, file.path.as_path()),
            None => (&empty, Path::new("")),
        };
        let owner = profile.publications.as_ref().map(|p| p.owner.as_slice()).unwrap_or_default();
        let publications = model::publications::read(owner, bibliography, path);
        report.diagnostics.extend(model::problems_shown(&profile, &publications));
        let cv = model::assemble(&profile, &publications, &BuildOptions { today });
        (publications, cv)
    });
    Some(Loaded { profile, profile_path: inputs.profile().to_owned(), bib, publications, cv, today })
}
