//! The build engine, as library functions under the thin verbs of `cmd/`: read the inputs, parse
//! them, build the model, then lint it ([`check`]), typeset it ([`document`]) or export the
//! bibliography ([`bib`]). Each step takes a library config (no clap types) and returns values and
//! diagnostics; the verbs turn arguments into configs and write what comes back.
//!
//! The rules every verb shares live here once: where the inputs are ([`Inputs`]), which
//! bibliography files a profile names ([`library::sources`]), which reader a profile needs (YAML or JSON
//! Resume, [`crate::profile::parse_any`]), how relative paths resolve ([`relative_to`]), what
//! day it is ([`today`]) and what an output may be (never a file the run reads, [`overwrites`];
//! `-` is standard output, [`is_stdout`]). File access: [`load`] reads the input files, [`document`] the template
//! folder and fonts (through the render module's sandbox); nothing here writes a file.

pub mod bib;
pub mod check;
pub mod document;
pub mod glyphs;
pub mod library;
pub mod load;
mod template;
pub mod texts;

use std::path::{Path, PathBuf};

use crate::Report;
use crate::date::Day;
use crate::diag::Diagnostic;
use crate::model::{self, BuildOptions, Cv, Publication};
use crate::profile::{self, Profile};
use crate::timings::{Phase, Timings};
use library::Library;

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

/// The first of `read` that `output` would overwrite, if any (never for standard output).
pub fn overwrites<'a>(output: &Path, read: &'a [PathBuf]) -> Option<&'a PathBuf> {
    if is_stdout(output) {
        return None;
    }
    read.iter().find(|input| same_file(input, output))
}

/// The output path that means standard output (`-o -`).
pub const STDOUT: &str = "-";

/// Whether `output` means standard output rather than a file.
pub fn is_stdout(output: &Path) -> bool {
    output.as_os_str() == STDOUT
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
        Ok((profile, warnings)) => {
            report.diagnostics.extend(warnings);
            Some(profile)
        }
        Err(diagnostics) => {
            report.diagnostics.extend(diagnostics);
            None
        }
    }
}

/// Everything read and built from the inputs.
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// Where the profile is.
    pub profile_path: PathBuf,
    /// The bibliography: its files and their entries (none without `publications`).
    pub library: Library,
    /// Every entry of the bibliography as the CV reads it, in source order (read once).
    pub publications: Vec<Publication>,
    /// The model.
    pub cv: Cv,
    /// The day the CV is dated.
    pub today: Day,
}

impl Loaded {
    /// Where the bibliography files are.
    pub fn bib_paths(&self) -> Vec<PathBuf> {
        self.library.paths().map(Path::to_owned).collect()
    }

    /// Whether a bibliography file could not be read at all.
    pub fn bib_unreadable(&self) -> bool {
        self.library.unreadable()
    }
}

/// Reads and parses the profile and the bibliography and builds the model, reporting every
/// problem in `report` and adding the time of each step to `timings` (load: reading files;
/// parse: profile and bibliography; model: building the model). `None` when there is no
/// profile to build from.
pub fn load(inputs: &Inputs, today: Day, report: &mut Report, timings: &mut Timings) -> Option<Loaded> {
    let profile = read_profile(inputs, report, timings)?;
    let library = library::read(&library::sources(inputs, Some(&profile)), report, timings);
    if !inputs.bibs.is_empty() && profile.publications.is_none() {
        report.diagnostics.push(
            Diagnostic::warning(
                "`--bib` is given but the profile has no `publications` section, so no publication is shown",
            )
            .hint("add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
    }
    let (publications, cv) = timings.time(Phase::Model, || {
        let publications = model::publications::read(profile.publications.as_ref(), &library.bibliography);
        report.diagnostics.extend(model::problems_shown(&profile, &publications));
        let (cv, findings) = model::assemble(&profile, &publications, &BuildOptions { today });
        let profile_text = report.sources.get(inputs.profile()).unwrap_or_default();
        let found = texts::diagnostics(&findings, inputs.profile(), profile_text);
        report.diagnostics.extend(found);
        (publications, cv)
    });
    Some(Loaded { profile, profile_path: inputs.profile().to_owned(), library, publications, cv, today })
}
