//! `cvgen coauthors`: the owner's co-authors of the last `--months` (48 by default, NSF's window)
//! with the date of the latest joint paper ([`crate::pipeline::export::coauthors`]), as CSV or
//! Markdown ([`crate::export::coauthors`]), on stdout (also `-o -`) or written to `--output`
//! (atomically; then `wrote coa.csv (37 co-authors)` on stderr unless `--quiet`).
//!
//! This file validates the flags into a [`CoauthorsConfig`] before anything is read, and writes.

use super::ConsoleConfig;
use crate::cli::{CoauthorsArgs, CoauthorsFormat};
use crate::diag::Diagnostic;
use crate::export::coauthors::{csv, markdown};
use crate::pipeline::export::CoauthorsConfig;
use crate::pipeline::guard::OutputGuard;
use crate::pipeline::is_stdout;
use crate::{Failure, Report, pipeline, write};

/// The longest window: a century.
const MAX_MONTHS: u32 = 1200;

/// Checks the arguments before anything is read.
fn request(args: &CoauthorsArgs, report: &mut Report) -> Result<CoauthorsConfig, Failure> {
    let mut refuse = |d: Diagnostic| {
        report.diagnostics.push(d);
        Err(Failure::Usage)
    };
    if !(1..=MAX_MONTHS).contains(&args.months) {
        return refuse(
            Diagnostic::error(format!("`--months {}` is not a window cvgen can count", args.months))
                .hint(format!("give a number of months from 1 to {MAX_MONTHS}; NSF asks for 48")),
        );
    }
    let output = args.output.clone().filter(|output| !is_stdout(output));
    if let Some(output) = &output {
        if write::is_folder(output) {
            let name = match args.format {
                CoauthorsFormat::Csv => "coauthors.csv",
                CoauthorsFormat::Markdown => "coauthors.md",
            };
            let hint = format!("name a file in it, e.g. `-o {}`", output.join(name).display());
            return refuse(super::output_is_folder(output, hint));
        }
        if let Err(d) = OutputGuard::for_inputs(&super::inputs(&args.input)).check(output) {
            return refuse(d);
        }
    }
    Ok(CoauthorsConfig { inputs: super::inputs(&args.input), months: args.months, output })
}

/// Runs `cvgen coauthors`.
pub fn run(args: &CoauthorsArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let request = request(args, report)?;
    let list = pipeline::export::coauthors(&request, report).map_err(|f| super::refine(f, report))?;
    let text = match args.format {
        CoauthorsFormat::Csv => csv(&list),
        CoauthorsFormat::Markdown => markdown(&list, request.months),
    };
    match &request.output {
        Some(output) => {
            super::write_to(output, text.as_bytes(), report)?;
            let count = super::count(list.people.len(), "co-author", "co-authors");
            console.status(&format!("wrote {} ({count})", output.display()), report)
        }
        None => super::print(text.as_bytes(), report),
    }
}
