//! The citation counts file a profile names (`publications.citations: citations.csv`, relative to
//! the profile): read through [`super::load`] and parsed by [`crate::model::citations`]. The
//! counts come only from that file; nothing is fetched from the network. File access: through
//! [`super::load`] only.

use std::path::PathBuf;

use super::{Inputs, load, relative_to};
use crate::Report;
use crate::model::citations::{self, CitationFile};
use crate::profile::Profile;
use crate::timings::{Phase, Timings};

/// Where the profile's citation counts file is, if it names one.
pub fn path(inputs: &Inputs, profile: &Profile) -> Option<PathBuf> {
    let written = profile.publications.as_ref()?.citations.as_ref()?;
    Some(relative_to(inputs.profile(), written))
}

/// Reads and parses the profile's citation counts file; its problems go into `report`. `None`
/// when the profile names none or it cannot be read (which is an error in `report`).
pub fn read(inputs: &Inputs, profile: &Profile, report: &mut Report, timings: &mut Timings) -> Option<CitationFile> {
    let path = path(inputs, profile)?;
    let text = timings.time(Phase::Load, || load::read_text(&path, "citation counts", &mut report.sources));
    match text {
        Ok(text) => {
            let (file, problems) = timings.time(Phase::Parse, || citations::parse(&text, &path));
            report.diagnostics.extend(problems);
            Some(file)
        }
        Err(d) => {
            report.diagnostics.push(d.hint("`publications.citations` names it, relative to the profile"));
            None
        }
    }
}
