//! `cvgen check`'s engine: every problem of the profile and the bibliography plus the lints, in
//! one pass, without typesetting.
//!
//! Unlike a build, a broken profile does not stop the check: the bibliography (from `--bib`) is
//! still read, and linted without an owner. Every entry is read once
//! ([`crate::model::publications::read`]) and the lints judge that reading, so no problem is
//! found twice and nothing needs de-duplicating.

use std::path::PathBuf;

use super::{Inputs, bib_paths, read_bib, read_profile};
use crate::Report;
use crate::date::Day;
use crate::lint;
use crate::model::publications;
use crate::timings::Timings;

/// What a check looked at.
#[derive(Debug, Default)]
pub struct Checked {
    /// The files checked, in order (the profile, then the bibliography).
    pub files: Vec<PathBuf>,
    /// How many entries the bibliography has, when one was read.
    pub entries: Option<usize>,
}

/// Checks the inputs; every problem goes into `report.diagnostics`, in file order.
pub fn check(inputs: &Inputs, today: Day, report: &mut Report) -> Checked {
    let mut timings = Timings::default();
    let profile_path = inputs.profile().to_owned();
    let mut checked = Checked { files: vec![profile_path.clone()], entries: None };
    let profile = read_profile(inputs, report, &mut timings);
    if let Some(profile) = &profile {
        let text = report.sources.get(&profile_path).unwrap_or_default();
        let found = lint::profile(profile, text, &profile_path, today);
        report.diagnostics.extend(found);
    }
    let settings = profile.as_ref().and_then(|p| p.publications.as_ref());
    for path in bib_paths(inputs, profile.as_ref()) {
        checked.files.push(path.clone());
        let file = read_bib(&path, report, &mut timings);
        if file.unreadable {
            continue;
        }
        *checked.entries.get_or_insert(0) += file.bibliography.entries.len();
        let owner = settings.map(|s| s.owner.as_slice()).unwrap_or_default();
        let read = publications::read(owner, &file.bibliography, &path);
        let text = report.sources.get(&path).unwrap_or_default();
        let found = lint::bibliography(settings, &read, &file.bibliography, text, &path, today);
        report.diagnostics.extend(found);
    }
    checked
}
