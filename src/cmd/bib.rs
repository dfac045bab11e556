//! `cvgen bib`: the publications as clean BibTeX ([`crate::pipeline::bib`]), on stdout (also
//! `-o -`) or written to `--output` (atomically to a file, in place to a device or a pipe, then
//! `wrote refs-clean.bib (12 entries)` on stderr unless `--quiet`).
//!
//! This file validates the flags into a [`BibConfig`] before anything is read, and writes.

use super::ConsoleConfig;
use crate::bib::write::{Dialect, Selection};
use crate::cli::{BibArgs, BibFormat};
use crate::diag::Diagnostic;
use crate::pipeline::bib::BibConfig;
use crate::pipeline::guard::OutputGuard;
use crate::pipeline::is_stdout;
use crate::{Failure, Report, pipeline, write};

/// Checks the arguments before anything is read.
fn request(args: &BibArgs, report: &mut Report) -> Result<BibConfig, Failure> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        report.diagnostics.push(
            Diagnostic::error(format!("`--since {since}` is after `--until {until}`, so nothing could match"))
                .hint("swap the two years"),
        );
        return Err(Failure::Usage);
    }
    // `-o -` is standard output, as without `-o`.
    let output = args.output.clone().filter(|output| !is_stdout(output));
    if let Some(output) = &output {
        let guard = OutputGuard::for_inputs(&super::inputs(&args.input));
        let refused = if write::is_folder(output) {
            let hint = format!("name a file in it, e.g. `-o {}`", output.join("refs.bib").display());
            Some(super::output_is_folder(output, hint))
        } else if let Err(d) = guard.check(output) {
            Some(d)
        } else if args.format.is_none()
            && super::extension_matters(output)
            && !output.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("bib"))
        {
            Some(Diagnostic::error(format!("`{}` does not end in .bib", output.display())).hint(format!(
                "pass `--format bibtex` (or `biblatex`) to write BibTeX under this name, or name it `{}`",
                output.with_extension("bib").display()
            )))
        } else {
            None
        };
        if let Some(d) = refused {
            report.diagnostics.push(d);
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
    Ok(BibConfig {
        inputs: super::inputs(&args.input),
        output,
        selection: Selection { selected_only: args.selected, since: args.since, until: args.until, types, keys },
        dialect: match args.format.unwrap_or(BibFormat::Bibtex) {
            BibFormat::Bibtex => Dialect::Bibtex,
            BibFormat::Biblatex => Dialect::Biblatex,
        },
        keep_private: args.keep_private,
        keep_going: args.keep_going,
        with_profile: args.with_profile,
    })
}

/// Runs `cvgen bib`.
pub fn run(args: &BibArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let request = request(args, report)?;
    let exported = pipeline::bib::write(&request, report).map_err(|f| super::refine(f, report))?;
    let text = lf_only(exported.text);
    match &request.output {
        Some(output) => {
            super::write_to(output, text.as_bytes(), report)?;
            let entries = super::count(exported.entries, "entry", "entries");
            console.status(&format!("wrote {} ({entries})", output.display()), report)
        }
        None => super::print(text.as_bytes(), report),
    }
}

/// `text` with `\n` line ends only: a value that spans lines in a bibliography saved on Windows
/// (`\r\n`) or on a classic Mac (`\r`) keeps them inside it, and the export would mix them with
/// the writer's `\n`. In BibTeX both are only spaces.
fn lf_only(text: String) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_ends_become_lf() {
        assert_eq!(super::lf_only("a = {x\r\n  y},\r}\n".to_owned()), "a = {x\n  y},\n}\n");
    }
}
