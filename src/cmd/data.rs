//! `cvgen data`: prints the JSON a template receives as `/cv.json`.

use super::{inputs, print};
use crate::cli::InputArgs;
use crate::timings::Timings;
use crate::{Failure, Report, pipeline, render};

/// Prints the model as JSON on stdout.
pub fn run(args: &InputArgs, report: &mut Report) -> Result<(), Failure> {
    let inputs = inputs(args);
    let loaded = pipeline::load(&inputs, pipeline::today(), report, &mut Timings::default());
    let loaded = loaded.ok_or_else(|| pipeline::failure(&report.diagnostics))?;
    if report.has_errors() {
        return Err(Failure::Content);
    }
    let mut json = render::to_json(&loaded.cv);
    json.push(b'\n');
    print(&json, report)
}
