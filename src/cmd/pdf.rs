//! `cvgen pdf`: validates the arguments into a [`DocumentConfig`], builds the document
//! ([`Pipeline::build`]) and writes it (atomically to a file; in place to a device or a pipe; to
//! standard output for `-o -`), never over a file the build read; then says so on stderr
//! (`wrote cv.pdf (2 pages, 41 ms)`) unless `--quiet` or the output is standard output.

use std::path::{Path, PathBuf};
use std::time::Instant;

use typst_pdf::PdfStandard;

use super::ConsoleConfig;
use crate::cli::{OutputFormat, PdfArgs, PdfStandardArg};
use crate::diag::Diagnostic;
use crate::pipeline::document::{Built, DocumentConfig, Pipeline};
use crate::pipeline::guard::OutputGuard;
use crate::pipeline::{is_stdout, relative_to};
use crate::render::output::{OutputConfig, OutputKind, PAGE_PLACEHOLDER, output_paths};
use crate::timings::{Phase, Timings};
use crate::{Failure, Report, write};

/// Checks the arguments before anything is read, and turns them into the pipeline's config.
pub fn config(args: &PdfArgs, report: &mut Report) -> Result<DocumentConfig, Failure> {
    let usage = |d: Diagnostic, report: &mut Report| {
        report.diagnostics.push(d);
        Failure::Usage
    };
    if let Some(output) = args.output.as_deref().filter(|output| write::is_folder(output)) {
        let name = match args.format.map(kind) {
            None | Some(OutputKind::Pdf) => "cv.pdf".to_owned(),
            Some(other) => format!("cv-{PAGE_PLACEHOLDER}.{}", other.extension()),
        };
        let hint = format!("name a file in it, e.g. `-o {}`", output.join(name).display());
        return Err(usage(super::output_is_folder(output, hint), report));
    }
    // The output is checked against the inputs named on the command line before its name is:
    // `-o refs.bib` is refused for what it would destroy.
    let mut guard = OutputGuard::for_inputs(&super::inputs(&args.input));
    guard.files(args.template.iter().cloned());
    for folder in &args.font_path {
        guard.folder(folder.clone(), "fonts");
    }
    if let Some(d) = args.output.as_deref().and_then(|output| guard.check(output).err()) {
        return Err(usage(d, report));
    }
    let format = match (args.format, &args.output) {
        (Some(format), _) => kind(format),
        (None, Some(output)) => match OutputKind::from_path(output) {
            Some(format) => format,
            // No extension: a PDF. Another extension on a regular file: say which format.
            None if output.extension().is_none() || !super::extension_matters(output) => OutputKind::Pdf,
            None => {
                let d = Diagnostic::error(format!("`{}` does not end in .pdf, .png or .svg", output.display())).hint(
                    format!(
                        "pass `--format pdf` to write a PDF under this name, or name it `{}`",
                        output.with_extension("pdf").display()
                    ),
                );
                return Err(usage(d, report));
            }
        },
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
    for dir in &args.font_path {
        let d = if !dir.exists() {
            Diagnostic::error(format!("`--font-path {}` does not exist", dir.display()))
        } else if !dir.is_dir() {
            Diagnostic::error(format!("`--font-path {}` is not a folder", dir.display()))
        } else {
            continue;
        };
        let d = d.hint("pass `--font-path` a folder that holds .ttf, .otf, .ttc or .otc files");
        return Err(usage(d, report));
    }
    let output = args.output.clone().unwrap_or_else(|| {
        let name = match format {
            OutputKind::Pdf => "cv.pdf".to_owned(),
            other => format!("cv-{PAGE_PLACEHOLDER}.{}", other.extension()),
        };
        relative_to(super::main_profile(&args.input), Path::new(&name))
    });
    if let Err(d) = guard.check(&output) {
        return Err(usage(d, report));
    }
    if write::is_folder(&output) {
        // The default output next to the profile is a folder.
        return Err(usage(super::output_is_folder(&output, "name the output with `-o FILE`".to_owned()), report));
    }
    let standards = args.pdf_standard.iter().map(|s| standard(*s)).collect();
    Ok(DocumentConfig {
        inputs: super::inputs(&args.input),
        template: args.template.clone(),
        theme: args.theme.clone(),
        keep_going: args.keep_going,
        font_path: args.font_path.clone(),
        system_fonts: args.system_fonts,
        export: OutputConfig { format, standards, ppi: args.ppi },
        output,
    })
}

/// Runs `cvgen pdf`.
pub fn run(args: &PdfArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let started = Instant::now();
    let config = config(args, report)?;
    let fonts_started = Instant::now();
    let fonts = config.fonts();
    let font_time = fonts_started.elapsed();
    let built = Pipeline::new(&config, &fonts).once().build(report)?;
    let mut written = write_outputs(&config, built, report)?;
    written.timings.add(Phase::Load, font_time);
    written.timings.total = started.elapsed();
    if args.timings {
        console.say(&written.timings.to_string(), report)?;
    }
    match written.summary() {
        Some(line) => console.status(&line, report),
        None => Ok(()),
    }
}

/// What one build wrote.
#[derive(Debug)]
pub struct Written {
    /// The files, in page order for images; `-` for standard output.
    pub paths: Vec<PathBuf>,
    /// The pages of the document.
    pub pages: usize,
    /// The build's timings with the write added.
    pub timings: Timings,
}

impl Written {
    /// `wrote cv.pdf (2 pages, 41 ms)`, `wrote cv-1.png … cv-12.png (12 pages, 380 ms)`; nothing
    /// for standard output, whose reader has the bytes.
    pub fn summary(&self) -> Option<String> {
        let names: Vec<String> = self.paths.iter().filter(|p| !is_stdout(p)).map(|p| p.display().to_string()).collect();
        let shown = match names.as_slice() {
            [] => return None,
            [first, .., last] if names.len() > 2 => format!("{first} … {last}"),
            all => all.join(", "),
        };
        let pages = super::count(self.pages, "page", "pages");
        Some(format!("wrote {shown} ({pages}, {} ms)", self.timings.total.as_millis()))
    }
}

/// Writes what a build made to the config's output (one file per page for images; standard
/// output for `-`, which takes one file only), after checking that no output is a file the build
/// read. Returns what it wrote, with the build's timings and the write added.
pub fn write_outputs(config: &DocumentConfig, built: Built, report: &mut Report) -> Result<Written, Failure> {
    let Built { files, pages, guard, mut timings } = built;
    let format = config.export.format;
    let paths: Vec<PathBuf> = if is_stdout(&config.output) {
        if files.len() != 1 {
            let ext = format.extension();
            report.diagnostics.push(
                Diagnostic::error(format!(
                    "`-o -` takes one file, but this CV makes {} {} pages",
                    files.len(),
                    ext.to_uppercase()
                ))
                .hint(format!(
                    "write one file per page with `-o cv-{PAGE_PLACEHOLDER}.{ext}`, or the whole CV as one PDF with `--format pdf`"
                )),
            );
            return Err(Failure::Usage);
        }
        vec![config.output.clone()]
    } else {
        output_paths(&config.output, format, files.len())
    };
    if let Some(d) = paths.iter().find_map(|path| guard.check(path).err()) {
        report.diagnostics.push(d);
        return Err(Failure::Usage);
    }
    let written = || paths.iter().zip(&files).try_for_each(|(path, bytes)| super::write_to(path, bytes, report));
    timings.time(Phase::Write, written)?;
    timings.total += timings.get(Phase::Write);
    Ok(Written { paths, pages, timings })
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
