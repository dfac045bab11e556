//! `cvgen check`: every problem in the profile and the bibliography, plus the lints, in one run;
//! nothing is written.
//!
//! Unlike `cvgen pdf`, a broken profile does not stop the check: the bibliography (from `--bib`)
//! is still read and reported. Diagnostics go to stderr for people, or to stdout as a JSON array
//! with `--format json` (for editors and CI). Exit code 1 when there are errors, or warnings under
//! `--deny-warnings`; 0 otherwise.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::{self, Diagnostic};
use crate::model::{self, BuildOptions};
use crate::{Failure, Report, lint, load};

/// Runs `cvgen check`.
pub fn run(args: &CheckArgs, report: &mut Report) -> Result<(), Failure> {
    let input = &args.input;
    let today = super::today();
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut checked = vec![input.profile.clone()];

    let parsed = match load::read_text(&input.profile, "profile", &mut report.sources) {
        // A `.json` profile is a JSON Resume, read as `cvgen pdf` reads it.
        Ok(text) => match crate::jsonresume::parse_profile(&text, &input.profile, input.bib.as_deref()) {
            Ok(profile) => {
                found.extend(lint::profile(&profile, &text, &input.profile, today));
                Some(profile)
            }
            Err(diagnostics) => {
                found.extend(diagnostics);
                None
            }
        },
        Err(d) => {
            found.push(d);
            None
        }
    };

    let settings = parsed.as_ref().and_then(|p| p.publications.as_ref());
    let bib_path: Option<PathBuf> =
        input.bib.clone().or_else(|| settings.map(|s| super::relative_to(&input.profile, &s.bib)));
    let mut entries = None;
    if let Some(path) = &bib_path {
        checked.push(path.clone());
        match load::read_text(path, "bibliography", &mut report.sources) {
            Ok(text) => {
                let (bibliography, diagnostics) = crate::bib::parse(&text, path);
                found.extend(diagnostics);
                entries = Some(bibliography.entries.len());
                if let Some(profile) = &parsed {
                    let options = BuildOptions { today };
                    let (_, diagnostics) = model::build(profile, &bibliography, path, &options);
                    found.extend(diagnostics);
                }
                // Without a readable profile the entries are still linted, the owner aside.
                found.extend(lint::bibliography(settings, &bibliography, &text, path, today));
            }
            Err(d) => found.push(d),
        }
    }

    // The model and the lints read the same annotations; report each problem once.
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for d in found {
        if !diagnostics.contains(&d) {
            diagnostics.push(d);
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);

    let printed = match args.format {
        CheckFormat::Json => {
            let json = diag::to_json(&diagnostics, &report.sources);
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(json.as_bytes()).and_then(|()| stdout.flush())
        }
        CheckFormat::Human => {
            let mut text = diag::render(&diagnostics, &report.sources);
            text.push_str(&summary(&checked, entries, errors, warnings, args.deny_warnings));
            std::io::stderr().lock().write_all(text.as_bytes())
        }
    };
    if let Err(e) = printed
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        report.diagnostics.push(Diagnostic::error(format!("cannot write the report: {e}")));
        return Err(Failure::Content);
    }
    if failed { Err(Failure::Content) } else { Ok(()) }
}

/// `checked `profile.yaml` and `refs.bib` (24 entries): 1 error, 2 warnings`.
fn summary(checked: &[PathBuf], entries: Option<usize>, errors: usize, warnings: usize, deny: bool) -> String {
    let files: Vec<String> = checked.iter().map(|p| format!("`{}`", p.display())).collect();
    let mut out = format!("checked {}", files.join(" and "));
    if let Some(n) = entries {
        out.push_str(&format!(" ({n} {})", plural(n, "entry", "entries")));
    }
    let counts = match (errors, warnings) {
        (0, 0) => "no problems found".to_owned(),
        (0, w) => format!("{w} {}", plural(w, "warning", "warnings")),
        (e, 0) => format!("{e} {}", plural(e, "error", "errors")),
        (e, w) => format!("{e} {}, {w} {}", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
    };
    out.push_str(&format!(": {counts}"));
    if deny && warnings > 0 {
        out.push_str(" (`--deny-warnings` makes warnings fail)");
    }
    out.push('\n');
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
