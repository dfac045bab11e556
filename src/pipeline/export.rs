//! `cvgen export`'s and `cvgen coauthors`' engine: read the inputs and build the model as for the
//! PDF ([`super::load`]), then make the document ([`crate::export`]) or the co-author list
//! ([`crate::model::coauthors`]) and hand it back; the verb writes it.
//!
//! Nothing comes back when the inputs have errors (unless `keep_going`), so an existing output
//! survives a failed run; nor when the output is a file the run read (the profile, a
//! bibliography, the citation counts). Nothing here writes a file.

use std::path::PathBuf;

use super::guard::OutputGuard;
use super::{Inputs, Loaded};
use crate::diag::{Diagnostic, Severity};
use crate::export::{self, Exported, Format, FormatConfig, Source};
use crate::model::coauthors::{self, Coauthors};
use crate::timings::Timings;
use crate::{Failure, Report};

/// A document to make.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    /// Where the inputs are.
    pub inputs: Inputs,
    /// The format.
    pub format: Format,
    /// Its choices.
    pub options: FormatConfig,
    /// Where it will be written (`None`: standard output); never a file the run reads.
    pub output: Option<PathBuf>,
    /// Export the entries that could be read even if some are broken.
    pub keep_going: bool,
}

/// Makes the document `request` asks for, or says why there is none (in `report`).
pub fn document(request: &ExportConfig, report: &mut Report) -> Result<Exported, Failure> {
    let loaded = read(&request.inputs, request.output.as_ref(), Some(request.keep_going), "document", report)?;
    let source = Source {
        profile: &loaded.profile,
        cv: &loaded.cv,
        publications: &loaded.publications,
        bibliography: &loaded.library.bibliography,
    };
    let mut exported = export::export(request.format, &source, request.options);
    report.diagnostics.append(&mut exported.diagnostics);
    // The links the document had to leave out, located where the bibliography writes them.
    let listed = export::shared::listed(&loaded.cv).into_iter().map(|p| p.id.as_str());
    report.diagnostics.extend(crate::lint::publications::unusable_links(&loaded.library.bibliography, listed));
    Ok(exported)
}

/// The co-authors to list.
#[derive(Debug, Clone)]
pub struct CoauthorsConfig {
    /// Where the inputs are.
    pub inputs: Inputs,
    /// The window, in months before today.
    pub months: u32,
    /// Where the list will be written (`None`: standard output); never a file the run reads.
    pub output: Option<PathBuf>,
}

/// The co-author list `request` asks for, with warnings in `report` about what it cannot know
/// (papers without a year, author lists cut with `and others`, names that fit several people).
pub fn coauthors(request: &CoauthorsConfig, report: &mut Report) -> Result<Coauthors, Failure> {
    let loaded = read(&request.inputs, request.output.as_ref(), None, "co-author list", report)?;
    if loaded.library.files.is_empty() {
        report.diagnostics.push(
            Diagnostic::error(format!(
                "no bibliography to list co-authors from: `{}` has no `publications` section",
                request.inputs.profile().display()
            ))
            .hint("pass `--bib FILE`, or add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
        return Err(Failure::Content);
    }
    let list = coauthors::collect(&loaded.publications, loaded.today, request.months);
    let keys = |keys: &[String]| {
        let shown: Vec<String> = keys.iter().take(8).map(|k| format!("`{k}`")).collect();
        let more = if keys.len() > 8 { format!(" and {} more", keys.len() - 8) } else { String::new() };
        format!("{}{more}", shown.join(", "))
    };
    if !list.undated.is_empty() {
        report.diagnostics.push(
            Diagnostic::warning(format!("papers without a year are not counted: {}", keys(&list.undated)))
                .hint("give them a `year` (or `date`)"),
        );
    }
    if !list.truncated.is_empty() {
        report.diagnostics.push(
            Diagnostic::warning(format!(
                "author lists cut short with `and others`, whose other co-authors are missing: {}",
                keys(&list.truncated)
            ))
            .hint("write out the whole author list in the bibliography"),
        );
    }
    if !list.without_owner.is_empty() {
        report.diagnostics.push(
            Diagnostic::warning(format!(
                "papers where none of the authors is you, so all of them are listed: {}",
                keys(&list.without_owner)
            ))
            .hint("add the way these papers write your name to `publications.owner` (`cvgen check` names it)"),
        );
    }
    match list.ambiguous.as_slice() {
        [] => {}
        [(name, people)] => report.diagnostics.push(
            Diagnostic::warning(format!("`{name}` could be {}: it is listed as written", people.join(" or ")))
                .hint("write the full name in the bibliography, or leave the row you do not need out of the form"),
        ),
        several => {
            let shown: Vec<String> =
                several.iter().take(8).map(|(name, people)| format!("`{name}` ({})", people.join(" or "))).collect();
            let more = if several.len() > 8 { format!(" and {} more", several.len() - 8) } else { String::new() };
            report.diagnostics.push(
                Diagnostic::warning(format!(
                    "{} names could be several people and are listed as written: {}{more}",
                    several.len(),
                    shown.join(", ")
                ))
                .hint("write the full names in the bibliography, or leave the rows you do not need out of the form"),
            );
        }
    }
    Ok(list)
}

/// Reads the inputs and builds the model, stopping on errors in them (unless `keep_going` is
/// `Some(true)`; `None`: the verb has no `--keep-going`) and on an output that is a file the run
/// read.
fn read(
    inputs: &Inputs,
    output: Option<&PathBuf>,
    keep_going: Option<bool>,
    what: &str,
    report: &mut Report,
) -> Result<Loaded, Failure> {
    let unchanged = match output {
        Some(output) => format!(" (`{}` is unchanged)", output.display()),
        None => String::new(),
    };
    let loaded = super::load(inputs, super::today(), report, &mut Timings::default());
    let Some(loaded) = loaded else {
        report.diagnostics.push(Diagnostic::error(format!("no {what} written: fix the errors above{unchanged}")));
        return Err(Failure::Content);
    };
    if let Some(output) = output {
        let mut guard = OutputGuard::for_inputs(inputs);
        guard.loaded(inputs, &loaded);
        if let Err(d) = guard.check(output) {
            report.diagnostics.push(d);
            return Err(Failure::Usage);
        }
    }
    if report.has_errors() {
        if keep_going != Some(true) || loaded.bib_unreadable() {
            let d = Diagnostic::error(format!("no {what} written: fix the errors above{unchanged}"));
            report.diagnostics.push(if keep_going == Some(false) && !loaded.bib_unreadable() {
                d.hint("`--keep-going` writes it without the broken entries")
            } else {
                d
            });
            return Err(Failure::Content);
        }
        for d in &mut report.diagnostics {
            d.severity = Severity::Warning;
        }
    }
    Ok(loaded)
}
