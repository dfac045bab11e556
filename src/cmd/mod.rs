//! The subcommands, one file each, and the loading steps they share.
//!
//! A command validates its arguments, reads inputs through [`crate::load`], calls the pure
//! pipeline, and writes outputs through [`crate::write`]. Diagnostics go into the [`Report`];
//! `main` prints them.

pub mod bib;
pub mod check;
pub mod data;
pub mod init;
pub mod pdf;
pub mod schema;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::bib::Bibliography;
use crate::cli::{Command, InputArgs};
use crate::diag::Diagnostic;
use crate::model::{self, BuildOptions, Cv};
use crate::profile::Profile;
use crate::timings::{Phase, Timings};
use crate::{Failure, Report, date, load};

/// Runs one subcommand.
pub fn run(command: Command, report: &mut Report) -> Result<(), Failure> {
    match command {
        Command::Pdf(args) => pdf::run(&args, report),
        Command::Watch(args) => watch::run(&args, report),
        Command::Data(args) => data::run(&args, report),
        Command::Bib(args) => bib::run(&args, report),
        Command::Check(args) => check::run(&args, report),
        Command::Init(args) => init::run(&args, report),
        Command::Schema => schema::run(report),
    }
}

/// Everything read and built from the inputs.
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// Where the profile is.
    pub profile_path: PathBuf,
    /// The bibliography (empty without `publications`).
    pub bibliography: Bibliography,
    /// Where the bibliography is, if any.
    pub bib_path: Option<PathBuf>,
    /// Whether the bibliography file itself could not be read (missing, unreadable, not UTF-8).
    /// `--keep-going` skips broken entries, never a whole file.
    pub bib_unreadable: bool,
    /// The model.
    pub cv: Cv,
    /// The day the CV is dated.
    pub today: (i32, u8, u8),
}

/// Reads and parses the profile and bibliography and builds the model, reporting every problem.
/// Returns `None` when nothing sensible can be built (no profile).
pub fn load_and_build(input: &InputArgs, report: &mut Report) -> Option<Loaded> {
    load_and_build_timed(input, report, &mut Timings::default())
}

/// [`load_and_build`], adding the time of each step to `timings` (load: reading files; parse:
/// profile and bibliography; model: [`model::build`]).
pub fn load_and_build_timed(input: &InputArgs, report: &mut Report, timings: &mut Timings) -> Option<Loaded> {
    let profile_path = input.profile.clone();
    let text = match timings.time(Phase::Load, || load::read_text(&profile_path, "profile", &mut report.sources)) {
        Ok(text) => text,
        Err(d) => {
            report.diagnostics.push(d);
            return None;
        }
    };
    let profile = match timings
        .time(Phase::Parse, || crate::jsonresume::parse_profile(&text, &profile_path, input.bib.as_deref()))
    {
        Ok(profile) => profile,
        Err(diagnostics) => {
            report.diagnostics.extend(diagnostics);
            return None;
        }
    };

    let bib_path =
        input.bib.clone().or_else(|| profile.publications.as_ref().map(|p| relative_to(&profile_path, &p.bib)));
    let mut bibliography = Bibliography::default();
    let mut bib_unreadable = false;
    if let Some(path) = &bib_path {
        match timings.time(Phase::Load, || load::read_text(path, "bibliography", &mut report.sources)) {
            Ok(text) => {
                let (bib, diagnostics) = timings.time(Phase::Parse, || crate::bib::parse(&text, path));
                bibliography = bib;
                report.diagnostics.extend(diagnostics);
            }
            Err(d) => {
                report.diagnostics.push(d);
                bib_unreadable = true;
            }
        }
    }
    if input.bib.is_some() && profile.publications.is_none() {
        report.diagnostics.push(
            Diagnostic::warning(
                "`--bib` is given but the profile has no `publications` section, so no publication is shown",
            )
            .hint("add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
    }

    let today = today();
    let options = BuildOptions { today };
    let bib_for_messages = bib_path.clone().unwrap_or_default();
    let (cv, diagnostics) =
        timings.time(Phase::Model, || model::build(&profile, &bibliography, &bib_for_messages, &options));
    report.diagnostics.extend(diagnostics);
    Some(Loaded { profile, profile_path, bibliography, bib_path, bib_unreadable, cv, today })
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

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn today() -> (i32, u8, u8) {
    date::civil_from_unix(now_unix())
}

/// Seconds since the epoch: `SOURCE_DATE_EPOCH` when set, else the clock.
pub fn now_unix() -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return epoch;
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
