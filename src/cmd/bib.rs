//! `cvgen bib`: the publications as clean BibTeX, on stdout or written atomically to `--output`.
//!
//! Validates the flags, reads the profile (for `publications.bib` and `private_fields`) and the
//! bibliography, calls [`crate::bib::export`], and writes. It does not build the CV model: what
//! the CV would show (owner matching, annotations) has no bearing on the export. Nothing is
//! written when the bibliography has errors (unless `--keep-going`) or a `--key` is unknown, so
//! an existing output file survives a failed run.

use std::io::Write;
use std::path::PathBuf;

use crate::bib::convert::{Private, Selection};
use crate::bib::export::{self, ExportConfig, Format};
use crate::cli::{BibArgs, BibFormat};
use crate::diag::{Diagnostic, Severity};
use crate::{Failure, Report, load, profile, write};

/// Validated settings of one `cvgen bib` run.
struct BibConfig {
    output: Option<PathBuf>,
    selection: Selection,
    format: Format,
    keep_private: bool,
    keep_going: bool,
}

impl BibConfig {
    /// Checks the arguments before anything is read.
    fn from_args(args: &BibArgs, report: &mut Report) -> Result<Self, Failure> {
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
            if inputs.into_iter().flatten().any(|input| write::same_file(input, output)) {
                report.diagnostics.push(same_file_error(output));
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
        Ok(Self {
            output: args.output.clone(),
            selection: Selection { selected_only: args.selected, since: args.since, until: args.until, types, keys },
            format: match args.format {
                BibFormat::Bibtex => Format::Bibtex,
                BibFormat::Biblatex => Format::Biblatex,
            },
            keep_private: args.keep_private,
            keep_going: args.keep_going,
        })
    }
}

fn same_file_error(output: &std::path::Path) -> Diagnostic {
    Diagnostic::error(format!("the output `{}` is also an input", output.display()))
        .hint("choose another `--output`; cvgen never overwrites its inputs")
}

/// Runs `cvgen bib`.
pub fn run(args: &BibArgs, report: &mut Report) -> Result<(), Failure> {
    let config = BibConfig::from_args(args, report)?;

    let profile_path = &args.input.profile;
    let text = load::read_text(profile_path, "profile", &mut report.sources).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })?;
    let profile = profile::parse(&text, profile_path).map_err(|diagnostics| {
        report.diagnostics.extend(diagnostics);
        Failure::Content
    })?;
    let settings = profile.publications.as_ref();
    let bib_path = args.input.bib.clone().or_else(|| settings.map(|p| super::relative_to(profile_path, &p.bib)));
    let Some(bib_path) = bib_path else {
        report.diagnostics.push(
            Diagnostic::error(format!(
                "no bibliography to export: `{}` has no `publications` section",
                profile_path.display()
            ))
            .hint("pass `--bib FILE`, or add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
        return Err(Failure::Content);
    };
    if let Some(output) = config.output.as_ref().filter(|output| write::same_file(&bib_path, output)) {
        report.diagnostics.push(same_file_error(output));
        return Err(Failure::Usage);
    }

    let text = load::read_text(&bib_path, "bibliography", &mut report.sources).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })?;
    let (bibliography, parse_diagnostics) = crate::bib::parse(&text, &bib_path);
    let broken = parse_diagnostics.iter().any(Diagnostic::is_error);
    report.diagnostics.extend(parse_diagnostics);

    let private = if config.keep_private {
        Private::Keep
    } else {
        match settings.and_then(|s| s.private_fields.clone()) {
            Some(list) => Private::Strip(list),
            None => Private::default_list(),
        }
    };
    let export_config = ExportConfig { selection: config.selection.clone(), private, format: config.format };
    let mut exported = export::export(&bibliography, &bib_path, &export_config);
    let selection_failed = exported.diagnostics.iter().any(Diagnostic::is_error);
    if selection_failed && broken {
        for d in exported.diagnostics.iter_mut().filter(|d| d.is_error()) {
            d.hints.push(format!(
                "some entries of `{}` could not be read (see above); it may be one of them",
                bib_path.display()
            ));
        }
    }
    if broken && !config.keep_going {
        // Nothing will be written: warnings about the export's content would only be noise.
        exported.diagnostics.retain(Diagnostic::is_error);
    }
    report.diagnostics.append(&mut exported.diagnostics);

    let unchanged = match &config.output {
        Some(output) => format!(" (`{}` is unchanged)", output.display()),
        None => String::new(),
    };
    if selection_failed {
        if let Some(output) = &config.output {
            report
                .diagnostics
                .push(Diagnostic::error(format!("no BibTeX written (`{}` is unchanged)", output.display())));
        }
        return Err(Failure::Content);
    }
    if broken {
        if !config.keep_going {
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

    match &config.output {
        Some(output) => write::atomic(output, exported.text.as_bytes()).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(exported.text.as_bytes()).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // `cvgen bib | head` closes the pipe early; that is the reader's choice.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => {
                    report.diagnostics.push(Diagnostic::error(format!("cannot write to standard output: {e}")));
                    Err(Failure::Content)
                }
            }
        }
    }
}
