//! `cvgen data`: prints the JSON a template receives as `/cv.json`.

use std::io::Write;

use crate::cli::InputArgs;
use crate::{Failure, Report, render};

/// Prints the model as JSON on stdout.
pub fn run(args: &InputArgs, report: &mut Report) -> Result<(), Failure> {
    let loaded = super::load_and_build(args, report).ok_or(Failure::Content)?;
    if report.has_errors() {
        return Err(Failure::Content);
    }
    let mut json = render::to_json(&loaded.cv);
    json.push(b'\n');
    let _ = std::io::stdout().write_all(&json);
    Ok(())
}
