//! `cvgen pdf`: profile + bibliography → model → Typst → PDF, written atomically.
//!
//! The pipeline is [`Pipeline::build`]: load → parse → model → compile → export → write, each
//! phase timed. `cvgen pdf` builds once; `cvgen watch` keeps one pipeline (its fonts and its Typst
//! world, with the parsed template) and builds again after every change; the benchmark times it.
//! This file reads inputs only through [`super::load_and_build_timed`] and writes only the PDF.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Instant;

use typst::foundations::Datetime;

use crate::cli::{InputArgs, PdfArgs};
use crate::diag::Diagnostic;
use crate::model::Cv;
use crate::render::{self, CvWorld, Fonts, TemplateSource};
use crate::timings::{Phase, Timings};
use crate::{Failure, Report, date, write};

/// Validated settings of `cvgen pdf` (and `cvgen watch`).
#[derive(Debug, Clone)]
pub struct PdfConfig {
    /// Where the inputs are.
    pub input: InputArgs,
    /// Where the PDF goes.
    pub output: PathBuf,
    /// A template file of the user's (`--template`), else the theme's built-in one.
    pub template: Option<PathBuf>,
    /// Write the PDF even if some entries are broken.
    pub keep_going: bool,
    /// Font folders given with `--font-path`.
    pub font_path: Vec<PathBuf>,
    /// Print the timings line after each build.
    pub timings: bool,
    /// Theme, output format and fonts (`--theme`, `--format`, `--pdf-standard`, `--ppi`,
    /// `--system-fonts`).
    pub render: render::RenderSettings,
}

impl PdfConfig {
    /// Checks the arguments before anything is read.
    pub fn from_args(args: &PdfArgs, report: &mut Report) -> Result<Self, Failure> {
        let (export, output) = render::export::options_from_args(args).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Usage
        })?;
        let inputs = [Some(&args.input.profile), args.input.bib.as_ref(), args.template.as_ref()];
        for input in inputs.into_iter().flatten() {
            if write::same_file(input, &output) {
                report.diagnostics.push(output_is_input(&output));
                return Err(Failure::Usage);
            }
        }
        Ok(Self {
            input: args.input.clone(),
            output,
            template: args.template.clone(),
            keep_going: args.keep_going,
            font_path: args.font_path.clone(),
            timings: args.timings,
            render: render::RenderSettings { theme: args.theme.clone(), export, system_fonts: args.system_fonts },
        })
    }

    /// The `fonts/` folder next to the profile, whether or not it exists.
    pub fn profile_fonts(&self) -> PathBuf {
        super::relative_to(&self.input.profile, Path::new("fonts"))
    }

    /// The font folders to load: `--font-path`, then `fonts/` next to the profile if it exists.
    pub fn font_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = self.font_path.clone();
        let profile_fonts = self.profile_fonts();
        if profile_fonts.is_dir() {
            dirs.push(profile_fonts);
        }
        dirs
    }
}

/// The last word of a build that stopped on errors in the inputs.
fn not_written(output: &Path) -> Diagnostic {
    Diagnostic::error(format!("no PDF written: fix the errors above (`{}` is unchanged)", output.display()))
}

fn output_is_input(output: &Path) -> Diagnostic {
    Diagnostic::error(format!("the output `{}` is also an input", output.display()))
        .hint("choose another `--output`; cvgen never overwrites its inputs")
}

/// The fonts a pipeline typesets with: the embedded set (loaded once per process), or the
/// embedded set plus font folders.
pub enum FontSet {
    /// The embedded fonts only.
    Embedded(&'static Fonts),
    /// The embedded fonts and the fonts of some folders.
    Loaded(Box<Fonts>),
}

impl FontSet {
    /// The fonts `config` asks for: embedded, font folders, and the system's with `--system-fonts`.
    pub fn for_config(config: &PdfConfig) -> Self {
        match config.render.load_fonts(&config.font_dirs()) {
            Some(fonts) => FontSet::Loaded(Box::new(fonts)),
            None => FontSet::Embedded(Fonts::embedded()),
        }
    }

    /// The embedded fonts plus those in `dirs` (no system font is ever scanned).
    pub fn load(dirs: &[PathBuf]) -> Self {
        if dirs.is_empty() {
            FontSet::Embedded(Fonts::embedded())
        } else {
            FontSet::Loaded(Box::new(Fonts::load(dirs)))
        }
    }
}

impl Deref for FontSet {
    type Target = Fonts;

    fn deref(&self) -> &Fonts {
        match self {
            FontSet::Embedded(fonts) => fonts,
            FontSet::Loaded(fonts) => fonts,
        }
    }
}

/// The pipeline of one output, kept between builds: the fonts and, after the first compile,
/// the Typst world (which caches the parsed template).
pub struct Pipeline<'a> {
    config: &'a PdfConfig,
    fonts: &'a Fonts,
    world: Option<CvWorld<'a>>,
    bib_path: Option<PathBuf>,
    once: bool,
}

impl<'a> Pipeline<'a> {
    /// A pipeline that has not built yet.
    pub fn new(config: &'a PdfConfig, fonts: &'a Fonts) -> Self {
        Self { config, fonts, world: None, bib_path: None, once: false }
    }

    /// Marks the pipeline as building only once (`cvgen pdf`): Typst's caches are then dropped
    /// as soon as the document is laid out, which lowers the peak memory of the export.
    pub fn once(mut self) -> Self {
        self.once = true;
        self
    }

    /// The settings it builds with.
    pub fn config(&self) -> &'a PdfConfig {
        self.config
    }

    /// The bibliography the last build that could read the profile used.
    pub fn bib_path(&self) -> Option<&Path> {
        self.bib_path.as_deref()
    }

    /// The Typst world of the last compile.
    pub fn world(&self) -> Option<&CvWorld<'a>> {
        self.world.as_ref()
    }

    /// Forgets the template files read so far: the next build reads them again.
    pub fn template_changed(&mut self) {
        if let Some(world) = &mut self.world {
            world.reset();
        }
    }

    /// Reads the inputs, builds the model, typesets it and writes the PDF. Diagnostics go into
    /// `report`; on success the PDF is written and the time of each phase is returned (`total`
    /// is this build's wall time).
    pub fn build(&mut self, report: &mut Report) -> Result<Timings, Failure> {
        let started = Instant::now();
        let mut timings = Timings::default();
        let config = self.config;
        let loaded = super::load_and_build_timed(&config.input, report, &mut timings);
        let Some(loaded) = loaded else {
            // The profile could not be read: nothing `--keep-going` could leave out.
            report.diagnostics.push(not_written(&config.output));
            return Err(Failure::Content);
        };
        self.bib_path.clone_from(&loaded.bib_path);
        if loaded.bib_path.as_ref().is_some_and(|bib| write::same_file(bib, &config.output)) {
            report.diagnostics.push(output_is_input(&config.output));
            return Err(Failure::Usage);
        }
        if report.has_errors() {
            // `--keep-going` leaves out broken entries; a bibliography that cannot be read at all
            // still stops the build.
            if !config.keep_going || loaded.bib_unreadable {
                let d = not_written(&config.output);
                report.diagnostics.push(match (config.keep_going, loaded.bib_unreadable) {
                    (false, false) => d.hint("`--keep-going` writes the PDF without the broken entries"),
                    (true, _) => d.hint("`--keep-going` leaves out broken entries, not a bibliography it cannot read"),
                    (false, true) => d,
                });
                return Err(Failure::Content);
            }
            for d in &mut report.diagnostics {
                d.severity = crate::diag::Severity::Warning;
            }
        }

        let template = render::resolve_template(
            config.template.as_deref(),
            config.render.theme.as_deref(),
            &loaded.profile.design,
            &loaded.profile_path,
        )
        .map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        })?;
        let mut cv = loaded.cv;
        let data = timings.time(Phase::Model, || model_data(&mut cv, self.fonts, report));
        // Only the JSON goes on: the bibliography and the model can go before Typst's peak.
        drop((cv, loaded.bibliography));

        // Keep the world (and the template it parsed) while the template stays the same.
        let world = match self.world.take() {
            Some(mut world) if same_template(world.template(), &template) => {
                world.set_data(data);
                world.set_today(loaded.today);
                world
            }
            _ => CvWorld::new(template, data, self.fonts, loaded.today),
        };
        let world = self.world.insert(world);
        let compiled = timings.time(Phase::Compile, || render::compile(world, &mut report.sources));
        report.diagnostics.extend(compiled.diagnostics);
        let Some(document) = compiled.document else {
            return Err(Failure::Content);
        };
        if self.once {
            // Memoized layouts nobody will ask for again; the document keeps what it uses.
            typst::comemo::evict(0);
        }
        let export = &config.render.export;
        let files = timings.time(Phase::Export, || render::export::export(&document, export, timestamp()));
        let files = files.map_err(|diagnostics| {
            report.diagnostics.extend(diagnostics);
            Failure::Content
        })?;
        let paths = render::export::output_paths(&config.output, export.format, files.len());
        let written = || paths.iter().zip(&files).try_for_each(|(path, bytes)| write::atomic(path, bytes));
        timings.time(Phase::Write, written).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        })?;
        timings.total = started.elapsed();
        Ok(timings)
    }
}

/// Runs `cvgen pdf`.
pub fn run(args: &PdfArgs, report: &mut Report) -> Result<(), Failure> {
    let started = Instant::now();
    let config = PdfConfig::from_args(args, report)?;
    let fonts_started = Instant::now();
    let fonts = FontSet::for_config(&config);
    let font_time = fonts_started.elapsed();
    let mut timings = Pipeline::new(&config, &fonts).once().build(report)?;
    timings.add(Phase::Load, font_time);
    timings.total = started.elapsed();
    if config.timings {
        eprintln!("{timings}");
    }
    Ok(())
}

/// The creation date written into the PDF: now, or `SOURCE_DATE_EPOCH`.
fn timestamp() -> Datetime {
    let now = super::now_unix();
    let (y, m, d) = date::civil_from_unix(now);
    let seconds = now.rem_euclid(86_400);
    Datetime::from_ymd_hms(y, m, d, (seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8)
        .unwrap_or_else(|| Datetime::from_ymd(y, m, d).expect("a civil date is valid"))
}

/// The model as `/cv.json`, after warning about characters no font can show (they would print
/// as empty boxes). A native-script name that cannot be shown is left out rather than printed
/// as boxes.
fn model_data(cv: &mut Cv, fonts: &Fonts, report: &mut Report) -> Vec<u8> {
    let mut data = render::to_data(cv);
    let mut dropped = false;
    for (field, missing) in render::missing_glyphs(&data, fonts) {
        let shown: Vec<String> = missing.chars().map(|c| format!("`{c}` (U+{:04X})", c as u32)).collect();
        let native = field == "person.native_name";
        let mut d = Diagnostic::warning(format!("no loaded font has {} in `{field}`", shown.join(", ")))
            .hint("put a font that has them (e.g. Noto Sans CJK for Chinese, Japanese, Korean) in a `fonts/` folder next to the profile, or pass `--font-path DIR`");
        if native {
            d = d.hint("the native-script name is left out until then");
            cv.person.native_name = None;
            dropped = true;
        }
        report.diagnostics.push(d);
    }
    if dropped {
        data = render::to_data(cv);
    }
    data
}

/// Whether two template choices are the same files (so a world can be kept).
fn same_template(a: &TemplateSource, b: &TemplateSource) -> bool {
    match (a, b) {
        (
            TemplateSource::Embedded { main: a, overrides: oa, .. },
            TemplateSource::Embedded { main: b, overrides: ob, .. },
        ) => a == b && oa == ob,
        (TemplateSource::Folder { root: ra, main: ma }, TemplateSource::Folder { root: rb, main: mb }) => {
            ra == rb && ma == mb
        }
        _ => false,
    }
}
