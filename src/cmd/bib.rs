//! `cvgen bib`: the publications as clean BibTeX ([`crate::pipeline::bib`]), on stdout or
//! written atomically to `--output`.
//!
//! This file validates the flags into a [`BibRequest`] before anything is read, and writes.

use crate::bib::export::{Dialect, Selection};
use crate::cli::{BibArgs, BibFormat};
use crate::diag::Diagnostic;
use crate::pipeline::bib::BibRequest;
use crate::pipeline::{output_is_input, same_file};
use crate::{Failure, Report, pipeline, write};

/// Checks the arguments before anything is read.
fn request(args: &BibArgs, report: &mut Report) -> Result<BibRequest, Failure> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        report.diagnostics.push(
            Diagnostic::error(format!("`--since {since}` is after `--until {until}`, so nothing could match"))
                .hint("swap the two years"),
        );
        return Err(Failure::Usage);
    }
    if let Some(output) = &args.output {
        let inputs = [Some(&args.input.profile), args.input.bib.as_ref()];
        if inputs.into_iter().flatten().any(|input| same_file(input, output)) {
            report.diagnostics.push(output_is_input(output));
            return Err(Failure::Usage);
        }
    }
    let mut keys: Vec<String> = Vec::new();
    for key in &args.keys {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    let mut types: Vec<String> = Vec::new();
    for kind in &args.types {
        let kind = kind.trim_start_matches('@').to_ascii_lowercase();
        if !types.contains(&kind) {
            types.push(kind);
        }
    }
    Ok(BibRequest {
        inputs: super::inputs(&args.input),
        output: args.output.clone(),
        selection: Selection { selected_only: args.selected, since: args.since, until: args.until, types, keys },
        dialect: match args.format {
            BibFormat::Bibtex => Dialect::Bibtex,
            BibFormat::Biblatex => Dialect::Biblatex,
        },
        keep_private: args.keep_private,
        keep_going: args.keep_going,
    })
}

/// Runs `cvgen bib`.
pub fn run(args: &BibArgs, report: &mut Report) -> Result<(), Failure> {
    let request = request(args, report)?;
    let text = pipeline::bib::export(&request, report)?;
    match &request.output {
        Some(output) => write::atomic(output, text.as_bytes()).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        }),
        None => super::print(text.as_bytes(), report),
    }
}
