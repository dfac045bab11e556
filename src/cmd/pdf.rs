//! `cvgen pdf`: validates the arguments into a [`DocumentConfig`], builds the document
//! ([`Pipeline::build`]) and writes it atomically, never over a file the build read.

use std::path::{Path, PathBuf};
use std::time::Instant;

use typst_pdf::PdfStandard;

use crate::cli::{OutputFormat, PdfArgs, PdfStandardArg};
use crate::diag::Diagnostic;
use crate::pipeline::document::{Built, DocumentConfig, FontSet, Pipeline};
use crate::pipeline::{output_is_input, overwrites, relative_to, same_file};
use crate::render::export::{ExportOptions, OutputKind, PAGE_PLACEHOLDER, output_paths};
use crate::timings::{Phase, Timings};
use crate::{Failure, Report, write};

/// Checks the arguments before anything is read, and turns them into the pipeline's config.
pub fn config(args: &PdfArgs, report: &mut Report) -> Result<DocumentConfig, Failure> {
    let usage = |d: Diagnostic, report: &mut Report| {
        report.diagnostics.push(d);
        Failure::Usage
    };
    let format = match (args.format, &args.output) {
        (Some(format), _) => kind(format),
        (None, Some(output)) => OutputKind::from_path(output).unwrap_or(OutputKind::Pdf),
        (None, None) => OutputKind::Pdf,
    };
    if format != OutputKind::Pdf && !args.pdf_standard.is_empty() {
        let d = Diagnostic::error(format!(
            "`--pdf-standard` applies to PDFs, but the output is {}",
            format.extension().to_uppercase()
        ))
        .hint("leave out `--pdf-standard`, or write a PDF");
        return Err(usage(d, report));
    }
    if !(args.ppi.is_finite() && args.ppi > 0.0 && args.ppi <= 2400.0) {
        let d = Diagnostic::error(format!("`--ppi {}` is not a usable resolution", args.ppi))
            .hint("use a value between 1 and 2400; 144 is sharp on screens, 80 makes small previews");
        return Err(usage(d, report));
    }
    let output = args.output.clone().unwrap_or_else(|| {
        let name = match format {
            OutputKind::Pdf => "cv.pdf".to_owned(),
            other => format!("cv-{PAGE_PLACEHOLDER}.{}", other.extension()),
        };
        relative_to(&args.input.profile, Path::new(&name))
    });
    let inputs = [Some(&args.input.profile), args.input.bib.as_ref(), args.template.as_ref()];
    if inputs.into_iter().flatten().any(|input| same_file(input, &output)) {
        return Err(usage(output_is_input(&output), report));
    }
    let standards = args.pdf_standard.iter().map(|s| standard(*s)).collect();
    Ok(DocumentConfig {
        inputs: super::inputs(&args.input),
        template: args.template.clone(),
        theme: args.theme.clone(),
        keep_going: args.keep_going,
        font_path: args.font_path.clone(),
        system_fonts: args.system_fonts,
        export: ExportOptions { format, standards, ppi: args.ppi },
        output,
    })
}

/// Runs `cvgen pdf`.
pub fn run(args: &PdfArgs, report: &mut Report) -> Result<(), Failure> {
    let started = Instant::now();
    let config = config(args, report)?;
    let fonts_started = Instant::now();
    let fonts = FontSet::for_config(&config);
    let font_time = fonts_started.elapsed();
    let built = Pipeline::new(&config, &fonts).once().build(report)?;
    let mut timings = write_outputs(&config, built, report)?;
    timings.add(Phase::Load, font_time);
    timings.total = started.elapsed();
    if args.timings {
        eprintln!("{timings}");
    }
    Ok(())
}

/// Writes what a build made to the config's output (one file per page for images), atomically,
/// after checking that no output is a file the build read. Returns the build's timings with the
/// write added.
pub fn write_outputs(config: &DocumentConfig, built: Built, report: &mut Report) -> Result<Timings, Failure> {
    let Built { files, read, mut timings } = built;
    let paths: Vec<PathBuf> = output_paths(&config.output, config.export.format, files.len());
    if let Some(path) = paths.iter().find(|path| overwrites(path, &read).is_some()) {
        report.diagnostics.push(output_is_input(path));
        return Err(Failure::Usage);
    }
    let written = || paths.iter().zip(&files).try_for_each(|(path, bytes)| write::atomic(path, bytes));
    timings.time(Phase::Write, written).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })?;
    timings.total += timings.get(Phase::Write);
    Ok(timings)
}

fn kind(format: OutputFormat) -> OutputKind {
    match format {
        OutputFormat::Pdf => OutputKind::Pdf,
        OutputFormat::Png => OutputKind::Png,
        OutputFormat::Svg => OutputKind::Svg,
    }
}

fn standard(standard: PdfStandardArg) -> PdfStandard {
    use PdfStandardArg as A;
    match standard {
        A::V1_4 => PdfStandard::V_1_4,
        A::V1_5 => PdfStandard::V_1_5,
        A::V1_6 => PdfStandard::V_1_6,
        A::V1_7 => PdfStandard::V_1_7,
        A::V2_0 => PdfStandard::V_2_0,
        A::A1b => PdfStandard::A_1b,
        A::A1a => PdfStandard::A_1a,
        A::A2b => PdfStandard::A_2b,
        A::A2u => PdfStandard::A_2u,
        A::A2a => PdfStandard::A_2a,
        A::A3b => PdfStandard::A_3b,
        A::A3u => PdfStandard::A_3u,
        A::A3a => PdfStandard::A_3a,
        A::A4 => PdfStandard::A_4,
        A::A4f => PdfStandard::A_4f,
        A::A4e => PdfStandard::A_4e,
        A::Ua1 => PdfStandard::Ua_1,
    }
}
