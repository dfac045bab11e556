//! The build engine, as library functions under the thin verbs of `cmd/`: read the inputs, parse
//! them, build the model, then lint it ([`check`]), typeset it ([`document`]) or export the
//! bibliography ([`bib`]). Each step takes a library config (no clap types) and returns values and
//! diagnostics; the verbs turn arguments into configs and write what comes back.
//!
//! The rules every verb shares live here once: where the inputs are ([`Inputs`]), which
//! bibliography files a profile names ([`library::sources`]), which reader a profile needs (YAML
//! or JSON Resume; several files, a variant and `--set` merged: [`read_profile`]), how a failure
//! is counted (a usage error when it is about the command line: [`failure`]), how relative paths
//! resolve ([`relative_to`]), what day it is ([`today`]) and what an output may be (never a file
//! the run reads, [`guard::OutputGuard`]; `-` is standard output, [`is_stdout`]). File access: [`load`]
//! reads the input files, [`document`] (and [`pages`], to count a page budget's pages) the
//! template folder and fonts (through the render module's sandbox); nothing here writes a file.

pub mod bib;
pub mod check;
pub mod citations;
pub mod clock;
pub mod document;
pub mod export;
pub mod glyphs;
pub mod guard;
pub mod library;
pub mod load;
pub mod pages;
mod template;
pub mod texts;

use std::path::{Path, PathBuf};

use crate::date::Day;
use crate::diag::Diagnostic;
use crate::model::{self, Cv, Publication};
use crate::profile::{self, Profile};
use crate::timings::{Phase, Timings};
use crate::{Failure, Report};
pub use clock::today;
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
    /// The variant of the profile to merge over its files (`--variant`).
    pub variant: Option<String>,
    /// One-off overrides of the profile's values, in order (`--set key.path=value`).
    pub sets: Vec<String>,
}

impl Inputs {
    /// One profile and the command line's bibliographies.
    pub fn new(profile: PathBuf, bibs: Vec<PathBuf>) -> Self {
        Self { profiles: vec![profile], bibs, variant: None, sets: Vec::new() }
    }

    /// The main profile.
    pub fn profile(&self) -> &Path {
        self.profiles.first().map_or(Path::new("profile.yaml"), PathBuf::as_path)
    }

    /// Every profile file, the main one first.
    pub fn profile_files(&self) -> Vec<&Path> {
        if self.profiles.is_empty() {
            vec![self.profile()]
        } else {
            self.profiles.iter().map(PathBuf::as_path).collect()
        }
    }

    /// The `fonts/` folders next to the profile files, each once, whether or not they exist.
    pub fn font_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        for profile in self.profile_files() {
            let folder = relative_to(profile, Path::new("fonts"));
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        folders
    }
}

/// How a run that stopped on errors fails: a usage error (exit code 2) when one of them is about
/// the command line (an unknown `--variant`, a wrong `--set`), else an error in the input.
pub fn failure(diagnostics: &[Diagnostic]) -> Failure {
    let on_command_line = |d: &Diagnostic| {
        d.is_error() && d.location.as_ref().is_some_and(|l| l.file == Path::new(profile::origin::COMMAND_LINE))
    };
    if diagnostics.iter().any(on_command_line) { Failure::Usage } else { Failure::Content }
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

/// The output path that means standard output (`-o -`).
pub const STDOUT: &str = "-";

/// Whether `output` means standard output rather than a file.
pub fn is_stdout(output: &Path) -> bool {
    output.as_os_str() == STDOUT
}

/// Reads and parses the profile: its files merged in order, then the variant and the `--set`s
/// ([`profile::overlay::read`]); its problems go into `report`, located in the file (or on the
/// command line, registered as [`profile::origin::COMMAND_LINE`]) that wrote them. `None` when a
/// file cannot be read or has errors.
pub fn read_profile(inputs: &Inputs, report: &mut Report, timings: &mut Timings) -> Option<Profile> {
    let paths = inputs.profile_files();
    let mut texts = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        match timings.time(Phase::Load, || load::read_text(path, "profile", &mut report.sources)) {
            Ok(text) => texts.push(text),
            Err(d) if i == 0 => report.diagnostics.push(d),
            Err(d) => report.diagnostics.push(Diagnostic { hints: Vec::new(), ..d }.hint(
                "a later `--profile` names it: check the path (a private file kept out of git is not on every machine)",
            )),
        }
    }
    if texts.len() < paths.len() {
        return None;
    }
    let main_dir = paths[0].parent().unwrap_or(Path::new(""));
    let layers: Vec<profile::overlay::Layer> = paths
        .iter()
        .zip(&texts)
        .map(|(path, text)| profile::overlay::Layer {
            path,
            text,
            base: load::base_dir(main_dir, path.parent().unwrap_or(Path::new(""))),
        })
        .collect();
    let overrides = profile::overlay::Overrides {
        variant: inputs.variant.clone(),
        sets: inputs.sets.clone(),
        set_base: load::base_dir(main_dir, Path::new("")),
    };
    let command = profile::overlay::CommandLine::new(&paths, &overrides);
    if !command.text.is_empty() {
        report.sources.insert(Path::new(profile::origin::COMMAND_LINE), &command.text);
    }
    let bib = inputs.bibs.first().map(PathBuf::as_path);
    match timings.time(Phase::Parse, || profile::overlay::read(&layers, &overrides, bib)) {
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

/// The texts of a profile's files, as `report` holds them, for the diagnostics that find their
/// place by searching them.
pub fn profile_texts<'a>(profile: &'a Profile, report: &'a Report) -> Vec<(&'a Path, &'a str)> {
    profile.origin.files().map(|path| (path, report.sources.get(path).unwrap_or_default())).collect()
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
    /// The citation counts file the profile names (`publications.citations`), if any.
    pub citations: Option<PathBuf>,
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
    report.diagnostics.extend(library::missing(inputs, &profile));
    let library = library::read(&library::sources(inputs, Some(&profile)), report, timings);
    if !inputs.bibs.is_empty() && profile.publications.is_none() {
        report.diagnostics.push(
            Diagnostic::warning(
                "`--bib` is given but the profile has no `publications` section, so no publication is shown",
            )
            .hint("add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
    }
    let counts = citations::read(inputs, &profile, report, timings);
    let (publications, cv) = timings.time(Phase::Model, || {
        let sources = model::Sources {
            profile: &profile,
            bibliography: &library.bibliography,
            citations: counts.as_ref(),
            today,
            bib_given: !inputs.bibs.is_empty(),
            bib_readable: !library.unreadable(),
        };
        let built = model::build(&sources);
        report.diagnostics.extend(built.entry_problems);
        report.diagnostics.extend(built.diagnostics);
        let found = texts::diagnostics_in(&built.findings, &profile_texts(&profile, report));
        report.diagnostics.extend(found);
        (built.publications, built.cv)
    });
    let citations = citations::path(inputs, &profile);
    Some(Loaded { profile, profile_path: inputs.profile().to_owned(), library, publications, cv, today, citations })
}
