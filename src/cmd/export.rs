//! `cvgen export`: the CV as a JSON Resume, a Markdown page, one HTML page, or the publications
//! as CSL-JSON or hayagriva YAML ([`crate::pipeline::export::document`]), on stdout (also `-o -`)
//! or written to `--output` (atomically to a file, in place to a device or a pipe, then `wrote
//! cv.html (12 publications)` on stderr unless `--quiet`).
//!
//! This file validates the flags into an [`ExportConfig`] before anything is read, and writes.

use super::ConsoleConfig;
use crate::cli::{ExportArgs, ExportFormat};
use crate::diag::Diagnostic;
use crate::export::{Format, FormatConfig};
use crate::pipeline::export::ExportConfig;
use crate::pipeline::guard::OutputGuard;
use crate::pipeline::is_stdout;
use crate::{Failure, Report, pipeline, write};

/// Checks the arguments before anything is read.
fn request(args: &ExportArgs, report: &mut Report) -> Result<ExportConfig, Failure> {
    let format = match args.format {
        ExportFormat::Jsonresume => Format::JsonResume,
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::CslJson => Format::CslJson,
        ExportFormat::Hayagriva => Format::Hayagriva,
    };
    let usage = |d: Diagnostic, report: &mut Report| {
        report.diagnostics.push(d);
        Failure::Usage
    };
    if args.all && format != Format::Markdown {
        let d = Diagnostic::error("`--all` applies to `--format markdown`")
            .hint("the other formats always hold the whole CV (or, for CSL-JSON and hayagriva, every listed paper)");
        return Err(usage(d, report));
    }
    let output = args.output.clone().filter(|output| !is_stdout(output));
    if let Some(output) = &output {
        if write::is_folder(output) {
            let hint =
                format!("name a file in it, e.g. `-o {}`", output.join(format!("cv.{}", format.extension())).display());
            return Err(usage(super::output_is_folder(output, hint), report));
        }
        if let Err(d) = OutputGuard::for_inputs(&super::inputs(&args.input)).check(output) {
            return Err(usage(d, report));
        }
    }
    Ok(ExportConfig {
        inputs: super::inputs(&args.input),
        format,
        options: FormatConfig { all: args.all },
        output,
        keep_going: args.keep_going,
    })
}

/// Runs `cvgen export`.
pub fn run(args: &ExportArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let request = request(args, report)?;
    let exported = pipeline::export::document(&request, report).map_err(|f| super::refine(f, report))?;
    match &request.output {
        Some(output) => {
            super::write_to(output, exported.text.as_bytes(), report)?;
            let count = super::count(exported.publications, "publication", "publications");
            console.status(&format!("wrote {} ({count})", output.display()), report)
        }
        None => super::print(exported.text.as_bytes(), report),
    }
}
