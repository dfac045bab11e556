//! `cvgen bib`'s engine: read the profile (YAML or JSON Resume, for `publications.bib` and
//! `private_fields`) and the bibliography, then export it ([`crate::bib::export`]) and hand the
//! text back; the verb writes it.
//!
//! It does not build the CV model: owner matching and annotations have no bearing on the export.
//! Nothing comes back when the bibliography has errors (unless `keep_going`) or a selected key is
//! unknown, so an existing output file survives a failed run.

use std::path::PathBuf;

use super::guard::OutputGuard;
use super::{Inputs, library, read_profile};
use crate::bib::export::{self, Dialect, ExportConfig, Private, Selection};
use crate::diag::{Diagnostic, Severity};
use crate::timings::Timings;
use crate::{Failure, Report};

/// What to export.
#[derive(Debug, Clone)]
pub struct BibRequest {
    /// Where the inputs are.
    pub inputs: Inputs,
    /// Where the text will be written (`None`: standard output); never the bibliography itself.
    pub output: Option<PathBuf>,
    /// Which entries.
    pub selection: Selection,
    /// BibTeX or BibLaTeX.
    pub dialect: Dialect,
    /// Keep every field, private display fields too.
    pub keep_private: bool,
    /// Export the entries that could be read even if some are broken.
    pub keep_going: bool,
}

/// The BibTeX a `cvgen bib` run made.
#[derive(Debug)]
pub struct Exported {
    /// The text to write.
    pub text: String,
    /// How many entries it holds, `crossref` parents included.
    pub entries: usize,
}

/// Exports the bibliography as `request` says: the BibTeX text, or the reason there is none (in
/// `report`).
pub fn export(request: &BibRequest, report: &mut Report) -> Result<Exported, Failure> {
    let mut timings = Timings::default();
    let inputs = &request.inputs;
    let profile = read_profile(inputs, report, &mut timings).ok_or(Failure::Content)?;
    let settings = profile.publications.as_ref();
    let sources = library::sources(inputs, Some(&profile));
    if let Some(d) = library::missing(inputs, &profile) {
        report.diagnostics.push(d);
        return Err(Failure::Content);
    }
    if sources.is_empty() {
        report.diagnostics.push(
            Diagnostic::error(format!(
                "no bibliography to export: `{}` has no `publications` section",
                inputs.profile().display()
            ))
            .hint("pass `--bib FILE`, or add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
        return Err(Failure::Content);
    }
    if let Some(output) = &request.output {
        let mut guard = OutputGuard::for_inputs(inputs);
        guard.profile(inputs, &profile);
        if let Err(d) = guard.check(output) {
            report.diagnostics.push(d);
            return Err(Failure::Usage);
        }
    }

    let errors_before = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let library = library::read(&sources, report, &mut timings);
    if library.unreadable() {
        return Err(Failure::Content);
    }
    let broken = report.diagnostics.iter().filter(|d| d.is_error()).count() > errors_before;
    let bib_path = library.label();

    let private = if request.keep_private {
        Private::Keep
    } else {
        match settings.and_then(|s| s.private_fields.clone()) {
            Some(list) => Private::Strip(list),
            None => Private::default_list(),
        }
    };
    let config = ExportConfig { selection: request.selection.clone(), private, dialect: request.dialect };
    let mut exported = export::export(&library.bibliography, &bib_path, &config);
    let selection_failed = exported.diagnostics.iter().any(Diagnostic::is_error);
    if selection_failed && broken {
        for d in exported.diagnostics.iter_mut().filter(|d| d.is_error()) {
            d.hints.push(format!(
                "some entries of `{}` could not be read (see above); it may be one of them",
                bib_path.display()
            ));
        }
    }
    if broken && !request.keep_going {
        // Nothing will be written: warnings about the export's content would only be noise.
        exported.diagnostics.retain(Diagnostic::is_error);
    }
    report.diagnostics.append(&mut exported.diagnostics);

    let unchanged = match &request.output {
        Some(output) => format!(" (`{}` is unchanged)", output.display()),
        None => String::new(),
    };
    if selection_failed {
        if let Some(output) = &request.output {
            report
                .diagnostics
                .push(Diagnostic::error(format!("no BibTeX written (`{}` is unchanged)", output.display())));
        }
        return Err(Failure::Content);
    }
    if broken {
        if !request.keep_going {
            report.diagnostics.push(
                Diagnostic::error(format!("no BibTeX written: fix the errors above{unchanged}"))
                    .hint("`--keep-going` exports the entries that could be read"),
            );
            return Err(Failure::Content);
        }
        for d in &mut report.diagnostics {
            d.severity = Severity::Warning;
        }
    }
    Ok(Exported { text: exported.text, entries: exported.entries })
}
