//! `cvgen check`: every problem in the profile and the bibliography, plus the lints, in one run
//! ([`crate::pipeline::check`]); nothing is written.
//!
//! Diagnostics go to stderr for people, then a summary line (left out under `--quiet`), or to
//! stdout as a JSON array with `--format json` (for editors and CI). Exit code 1 when there are errors, or warnings under `--deny-warnings`; 0
//! otherwise.

use std::path::PathBuf;

use super::ConsoleConfig;
use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::{self, Diagnostic, plural};
use crate::{Failure, Report, pipeline};

/// Runs `cvgen check`.
pub fn run(args: &CheckArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    if args.explain && args.format == CheckFormat::Json {
        report.diagnostics.push(
            Diagnostic::error("`--explain` prints for people, but `--format json` asks for JSON")
                .hint("use one of them; `cvgen data` gives each publication's `category` and `category_rule` as JSON"),
        );
        return Err(Failure::Usage);
    }
    let inputs = super::inputs(&args.input);
    let checked = pipeline::check::check(&inputs, pipeline::today(), report);
    // This verb prints the diagnostics itself (as JSON or with a summary); `main` prints only
    // what goes wrong while printing.
    let diagnostics = std::mem::take(&mut report.diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == diag::Severity::Warning).count();
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);

    if args.explain {
        super::print(explain(&checked.categories).as_bytes(), report)?;
    }
    match args.format {
        CheckFormat::Json => super::print(diag::to_json(&diagnostics, &report.sources).as_bytes(), report)?,
        CheckFormat::Human => {
            let mut text = console.render(&diagnostics, &report.sources);
            if !console.quiet {
                text.push_str(&summary(&checked.files, checked.entries, errors, warnings, args.deny_warnings));
            }
            if let Err(e) = console.eprint(&text)
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                report.diagnostics.push(Diagnostic::error(format!("cannot write to standard error: {e}")));
                return Err(Failure::Content);
            }
        }
    }
    if failed { Err(pipeline::failure(&diagnostics)) } else { Ok(()) }
}

/// One line a publication, columns aligned: where it is, its key, its category and why (`profile`
/// when `publications.papers` gives it), and the other values the profile gives it.
fn explain(categories: &[pipeline::check::Explained]) -> String {
    let width = |f: fn(&pipeline::check::Explained) -> usize| categories.iter().map(f).max().unwrap_or(0);
    let (place, key, category) = (width(|e| e.place.len()), width(|e| e.key.len()), width(|e| e.category.name().len()));
    let mut out = String::new();
    for e in categories {
        let shown = match &e.left_out_for {
            Some(other) => format!(" (left out: the CV shows `{other}`)"),
            None => String::new(),
        };
        let given = match e.from_profile.as_slice() {
            [] => String::new(),
            fields => format!("; from the profile: {}", fields.join(", ")),
        };
        let line =
            format!("{:place$}  {:key$}  {:category$}  {}{given}{shown}", e.place, e.key, e.category.name(), e.rule);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `checked `profile.yaml` and `refs.bib` (24 entries): 1 error, 2 warnings`.
fn summary(checked: &[PathBuf], entries: Option<usize>, errors: usize, warnings: usize, deny: bool) -> String {
    let files: Vec<String> = checked.iter().map(|p| format!("`{}`", p.display())).collect();
    let mut out = format!("checked {}", files.join(" and "));
    if let Some(n) = entries {
        out.push_str(&format!(" ({})", plural(n, "entry", "entries")));
    }
    let counts = match (errors, warnings) {
        (0, 0) => "no problems found".to_owned(),
        (0, w) => plural(w, "warning", "warnings"),
        (e, 0) => plural(e, "error", "errors"),
        (e, w) => format!("{}, {}", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
    };
    out.push_str(&format!(": {counts}"));
    if deny && warnings > 0 {
        out.push_str(" (`--deny-warnings` makes warnings fail)");
    }
    out.push('\n');
    out
}
