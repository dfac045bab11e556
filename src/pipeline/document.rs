//! The document build: inputs → model → Typst → PDF (or page images), as bytes.
//!
//! [`Pipeline::build`] runs load → parse → model → compile → export, each phase timed, and hands
//! back the bytes of every output file with the output guard of what it read
//! ([`super::guard::OutputGuard`]); the verb writes them (and refuses to write over any of them).
//! `cvgen pdf` builds once; `cvgen watch` keeps one pipeline (its fonts and its Typst world, with
//! the parsed template) and builds again after every change; the benchmark times it. The compile runs under a time and memory budget
//! ([`Budget`], from the environment). File access: the inputs through [`super::load`], the
//! template's folder through the sandboxed world, font folders through [`FontSet`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use typst_layout::PagedDocument;

use super::Inputs;
use super::clock::Clock;
use super::guard::OutputGuard;
use super::template::resolve_template;
use crate::bib::Bibliography;
use crate::diag::{Diagnostic, Severity};
use crate::model::Cv;
use crate::render::output::OutputConfig;
use crate::render::{self, Budget, CvWorld, FontSet, Fonts, ModelFiles, TemplateSource};
use crate::timings::{Phase, Timings};
use crate::{Failure, Report};

/// What a document build needs besides the inputs: the template, the fonts, the output format.
#[derive(Debug, Clone)]
pub struct DocumentConfig {
    /// Where the inputs are.
    pub inputs: Inputs,
    /// A template file of the user's (`--template`), else the theme's built-in one.
    pub template: Option<PathBuf>,
    /// A built-in theme (`--theme`), overriding the profile's `design.theme`.
    pub theme: Option<String>,
    /// Build even if some entries are broken (they are left out, and their errors become
    /// warnings).
    pub keep_going: bool,
    /// Font folders given on the command line.
    pub font_path: Vec<PathBuf>,
    /// Also load the fonts installed on the system.
    pub system_fonts: bool,
    /// Format, standards and resolution of the output.
    pub export: OutputConfig,
    /// Where the output goes (for images, the pattern of the pages' names; `-`: standard
    /// output): never one of the files the build reads, and named in messages ("`cv.pdf` is
    /// unchanged").
    pub output: PathBuf,
}

impl DocumentConfig {
    /// The font folders to load: `--font-path`, then `fonts/` next to each profile file if it
    /// exists.
    pub fn font_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = self.font_path.clone();
        dirs.extend(self.inputs.font_folders().into_iter().filter(|folder| folder.is_dir()));
        dirs
    }

    /// The fonts to typeset with: the embedded set, the font folders ([`DocumentConfig::font_dirs`])
    /// and the system's fonts if asked for ([`FontSet::load`]).
    pub fn fonts(&self) -> FontSet {
        FontSet::load(&self.font_dirs(), self.system_fonts)
    }
}

/// What one build made.
#[derive(Debug)]
pub struct Built {
    /// The bytes of each output file: one PDF, or one image per page.
    pub files: Vec<Vec<u8>>,
    /// The number of pages of the document (for the verb's `wrote cv.pdf (2 pages, …)`).
    pub pages: usize,
    /// What the outputs may not replace: every file the build read (the profile, the
    /// bibliography, the citation counts, the template files the template imported or read,
    /// found or not, the font files) and the folders it reads from.
    pub guard: OutputGuard,
    /// The time of each phase so far (the verb adds the write).
    pub timings: Timings,
}

/// A laid-out CV, before any output.
pub struct Typeset {
    /// The pages.
    pub document: PagedDocument,
    /// What the outputs may not replace (see [`Built::guard`]).
    pub guard: OutputGuard,
    /// The time of each phase so far.
    pub timings: Timings,
    /// When the build started.
    pub started: Instant,
    /// The build's clock (the PDF's date).
    pub clock: Clock,
}

/// The pipeline of one output, kept between builds: the fonts and, after the first compile,
/// the Typst world (which caches the parsed template).
pub struct Pipeline<'a> {
    config: &'a DocumentConfig,
    fonts: &'a Fonts,
    world: Option<CvWorld<'a>>,
    data_paths: Vec<PathBuf>,
    once: bool,
    budget: Budget,
}

impl<'a> Pipeline<'a> {
    /// A pipeline that has not built yet, compiling within the budget the environment sets
    /// ([`Budget::from_env`]).
    pub fn new(config: &'a DocumentConfig, fonts: &'a Fonts) -> Self {
        Self { config, fonts, world: None, data_paths: Vec::new(), once: false, budget: Budget::from_env() }
    }

    /// Marks the pipeline as building only once (`cvgen pdf`): Typst's caches are then dropped
    /// as soon as the document is laid out, which lowers the peak memory of the export.
    pub fn once(mut self) -> Self {
        self.once = true;
        self
    }

    /// The settings it builds with.
    pub fn config(&self) -> &'a DocumentConfig {
        self.config
    }

    /// The files the profile names that the last build which could read it used: the
    /// bibliography and the citation counts file.
    pub fn data_paths(&self) -> &[PathBuf] {
        &self.data_paths
    }

    /// The Typst world of the last compile.
    pub fn world(&self) -> Option<&CvWorld<'a>> {
        self.world.as_ref()
    }

    /// Says that the template's files changed. There is nothing to forget: every compile reads
    /// them afresh ([`CvWorld::compile`]), keeping the parsed source of a file whose text is
    /// unchanged.
    pub fn template_changed(&mut self) {}

    /// Reads the inputs, builds the model and typesets it. Diagnostics go into `report`; on
    /// success the bytes of the output files come back with the time of each phase (`total` is
    /// this build's wall time so far).
    pub fn build(&mut self, report: &mut Report) -> Result<Built, Failure> {
        let typeset = self.typeset(report)?;
        self.output(typeset, report)
    }

    /// The output files of a laid-out document (the export step of [`Pipeline::build`]): the live
    /// preview writes the PDF of the pages it last showed without laying them out again.
    pub fn output(&self, typeset: Typeset, report: &mut Report) -> Result<Built, Failure> {
        let Typeset { document, guard, mut timings, started, clock } = typeset;
        let config = self.config;
        let pages = document.pages().len();
        let files = timings.time(Phase::Export, || render::output::encode(&document, &config.export, clock.datetime()));
        let files = files.map_err(|diagnostics| {
            report.diagnostics.extend(diagnostics);
            Failure::Content
        })?;
        timings.total = started.elapsed();
        Ok(Built { files, pages, guard, timings })
    }

    /// Reads the inputs, builds the model and lays it out: [`Pipeline::build`] without the
    /// output (the live preview draws the pages itself).
    pub fn typeset(&mut self, report: &mut Report) -> Result<Typeset, Failure> {
        let started = Instant::now();
        let mut timings = Timings::default();
        let config = self.config;
        // One clock for the build: the CV's date, the template's `today()`, the PDF's date.
        let clock = Clock::read();
        let today = clock.day();
        let Some(loaded) = super::load(&config.inputs, today, report, &mut timings) else {
            // The profile could not be read: nothing `--keep-going` could leave out.
            let failure = super::failure(&report.diagnostics);
            report.diagnostics.push(not_written(&config.output));
            return Err(failure);
        };
        self.data_paths = loaded.bib_paths();
        self.data_paths.extend(loaded.citations.clone());
        let mut guard = OutputGuard::for_inputs(&config.inputs);
        guard.loaded(&config.inputs, &loaded);
        for folder in &config.font_path {
            guard.folder(folder.clone(), "fonts");
        }
        if let Err(d) = guard.check(&config.output) {
            report.diagnostics.push(d);
            return Err(Failure::Usage);
        }
        if report.has_errors() {
            // `--keep-going` leaves out broken entries; a bibliography that cannot be read at all
            // still stops the build.
            let unreadable = loaded.bib_unreadable();
            if !config.keep_going || unreadable {
                let d = not_written(&config.output);
                report.diagnostics.push(if unreadable && config.keep_going {
                    d.hint("`--keep-going` leaves out broken entries, not a bibliography it cannot read")
                } else if unreadable {
                    d
                } else {
                    d.hint("`--keep-going` writes the PDF without the broken entries")
                });
                return Err(Failure::Content);
            }
            for d in &mut report.diagnostics {
                d.severity = Severity::Warning;
            }
        }
        let listed = loaded.cv.publication_count();
        if listed > MAX_PUBLICATIONS {
            report.diagnostics.push(
                Diagnostic::error(format!(
                    "the CV would list {listed} publications; cvgen typesets at most {MAX_PUBLICATIONS}"
                ))
                .hint("choose the papers with `publications: {selected_only: true}` (and `selected = {true}` in the entries), or point `publications.bib` at your own papers only"),
            );
            report.diagnostics.push(not_written(&config.output));
            return Err(Failure::Content);
        }

        let template = resolve_template(
            config.template.as_deref(),
            config.theme.as_deref(),
            &loaded.profile.design,
            &loaded.profile_path,
        )
        .map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        })?;
        guard.files(self.fonts.files().iter().cloned());
        let mut cv = loaded.cv;
        let data = timings.time(Phase::Model, || {
            let files: Vec<&Path> = loaded.profile.origin.files().collect();
            model_data(&mut cv, &loaded.library.bibliography, &files, self.fonts, report)
        });
        // Only the JSON goes on: the bibliography and the model can go before Typst's peak.
        drop((cv, loaded.library, loaded.publications));

        // Keep the world (and the template it parsed) while the template stays the same.
        let world = match self.world.take() {
            Some(mut world) if same_template(world.template(), &template) => {
                world.set_model(data);
                world.set_today(today);
                world
            }
            _ => CvWorld::new(template, data, self.fonts, today),
        };
        let world = self.world.insert(world);
        let compiled = timings.time(Phase::Compile, || render::compile(world, &mut report.sources, &self.budget));
        report.diagnostics.extend(compiled.diagnostics);
        guard.files(world.dependencies().iter().cloned());
        let Some(mut document) = compiled.document else {
            return Err(Failure::Content);
        };
        if loaded.profile.design.fit_last_page != Some(false) {
            document = timings.time(Phase::Compile, || render::fit::refit(world, document, &self.budget));
        }
        if self.once {
            // Memoized layouts nobody will ask for again; the document keeps what it uses.
            typst::comemo::evict(0);
        }
        report.diagnostics.extend(super::pages::over_budget(document.pages().len(), &loaded.profile));
        Ok(Typeset { document, guard, timings, started, clock })
    }
}

/// The most publications a PDF lists: beyond any real CV (the most prolific authors have a few
/// thousand papers), and what Typst lays out in about a minute and 2 GiB. A larger bibliography is
/// refused before typesetting, not after minutes of it; `check`, `data` and `bib` read any size.
pub const MAX_PUBLICATIONS: usize = 10_000;

/// The last word of a build that stopped on errors in the inputs.
pub fn not_written(output: &Path) -> Diagnostic {
    if super::is_stdout(output) {
        return Diagnostic::error("no PDF written: fix the errors above");
    }
    Diagnostic::error(format!("no PDF written: fix the errors above (`{}` is unchanged)", output.display()))
}

/// The model as the template reads it, after warning about characters no font can show (they would print
/// as empty boxes; [`super::glyphs`]). A native-script name that cannot be shown is left out
/// rather than printed as boxes.
fn model_data(cv: &mut Cv, bib: &Bibliography, profiles: &[&Path], fonts: &Fonts, report: &mut Report) -> ModelFiles {
    let (found, data) = super::glyphs::fit(cv, bib, fonts, profiles, &report.sources);
    report.diagnostics.extend(found);
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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::render::data::{ModelFiles, OUTLINE_PATH};

    /// The example's model as the pipeline builds it.
    fn example_cv() -> Cv {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs = super::super::Inputs::new(dir.join("profile.yaml"), vec![dir.join("refs.bib")]);
        let today = crate::date::Day { year: 2026, month: 12, day: 7 };
        let loaded = super::super::load(&inputs, today, &mut Report::default(), &mut Timings::default());
        loaded.expect("the example loads").cv
    }

    /// The outline with each stub replaced by its paper's file is the whole model, and cutting
    /// the model in pieces leaves it as it was.
    #[test]
    fn the_pieces_of_the_model_make_the_whole() {
        let mut cv = example_cv();
        let before = render::to_data(&cv);
        let files = ModelFiles::new(&mut cv);
        assert_eq!(render::to_data(&cv), before, "the model is unchanged");
        assert_eq!(files.full(), &before[..]);
        let mut outline: Value = serde_json::from_slice(files.get(OUTLINE_PATH).unwrap().as_slice()).unwrap();
        let mut count = 0;
        for section in outline["sections"].as_array_mut().unwrap() {
            for group in section.get_mut("groups").and_then(Value::as_array_mut).into_iter().flatten() {
                for item in group["items"].as_array_mut().unwrap() {
                    let file = item["file"].as_str().unwrap().to_owned();
                    assert_eq!(file, format!("/cv/papers/{count}.json"));
                    let paper: Value = serde_json::from_slice(files.get(&file).unwrap().as_slice()).unwrap();
                    for field in ["id", "label", "anchor"] {
                        assert_eq!(item[field], paper[field], "{file}: {field}");
                    }
                    *item = paper;
                    count += 1;
                }
            }
        }
        assert!(count > 0 && count == cv.publication_count(), "every listed paper has its file: {count}");
        assert_eq!(outline, serde_json::from_slice::<Value>(&before).unwrap());
        let past = format!("/cv/papers/{count}.json");
        assert!(files.get(&past).is_none() && ModelFiles::owns(&past), "no paper past the last, and none from disk");
    }

    /// The spliced files are those serialised one by one, also when a text copies a group's mark.
    #[test]
    fn the_spliced_pieces_are_the_serialised_ones() {
        let mut cv = example_cv();
        for name in [None, Some("Ada \u{0}cvgen-group-0\u{0}\",\"items\":[] Lovelace")] {
            if let Some(name) = name {
                cv.person.name = name.to_owned();
            }
            let spliced = ModelFiles::new(&mut cv);
            let slow = ModelFiles::slowly(&cv);
            assert_eq!(spliced.full(), &render::to_data(&cv)[..]);
            let files =
                |m: &ModelFiles| m.files().map(|(path, bytes)| (path, bytes.as_slice().to_vec())).collect::<Vec<_>>();
            assert_eq!(files(&spliced), files(&slow));
        }
    }
}
