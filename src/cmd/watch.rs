//! `cvgen watch`: build the PDF, then build it again whenever an input changes.
//!
//! What is watched: the folders holding the profile files and the bibliography (not the files
//! themselves: an editor that saves by writing a new file and renaming it over the old one
//! replaces the file, and a watch on the old one would go quiet), and, recursively, the template's
//! folder and the font folders. Events are filtered by path (our own output and its temporary
//! file are ignored, as are reads) and batched: a burst of events ends [`DEBOUNCE`] after its
//! last one and makes one build. A build with errors prints them and leaves the last good PDF in
//! place. One [`Pipeline`] is kept while the fonts stay the same, so the fonts are loaded and the
//! template parsed once, and Typst's memoization (global to the process) reuses everything an
//! edit did not touch. Ctrl-C (or SIGTERM, SIGHUP) stops after the build in progress with exit
//! code 0. A build that goes past the template's time or memory budget cannot be stopped inside
//! the process: the watch starts again in its place ([`crate::render::budget`]) and waits for the
//! next change before it builds. Status lines go to stderr with the time of day in UTC:
//! `[14:03:27] compiled cv.pdf in 23 ms` (a success's not under `--quiet`). They are written
//! best-effort: a watch whose stderr fails (a closed pipe, a full disk) keeps its one job,
//! rebuilding the PDF, and never panics. A watch writes files only: `-o -` (standard output) is
//! refused.
//!
//! With `--preview`, each batch is typeset without writing (the pages go to the browser through
//! [`crate::preview`], drawn again only where a page changed) and the PDF is written once the
//! edits pause for [`PDF_PAUSE`]; a failed build shows its diagnostics over the last good pages.
//! A batch ends at once when an event shows the save is complete (a close after writing, a
//! rename over the file); only a truncate-then-write burst waits out [`DEBOUNCE`].

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::ConsoleConfig;
use crate::cli::WatchArgs;
use crate::diag::{Diagnostic, Sources};
use crate::pipeline::document::{DocumentConfig, Pipeline, Typeset};
use crate::pipeline::relative_to;
use crate::preview::{PageImage, Preview};
use crate::render::TemplateSource;
use crate::render::preview::PageCache;
use crate::timings::{Phase, Timings};
use crate::{Failure, Report};

/// How long a burst of events must be quiet before the build starts.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// The longest a burst may delay a build (a program that keeps writing still gets builds).
const MAX_BATCH: Duration = Duration::from_secs(1);

/// What the watch loop waits for.
enum Message {
    /// A file system event (or the watcher's error).
    Fs(notify::Result<Event>),
    /// Ctrl-C, SIGTERM or SIGHUP.
    Stop,
}

/// Runs `cvgen watch`: returns only when stopped (or when watching is impossible).
pub fn run(args: &WatchArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let config = super::pdf::config(&args.pdf, report)?;
    if crate::pipeline::is_stdout(&config.output) {
        report.diagnostics.push(
            Diagnostic::error("`cvgen watch` cannot write to standard output (`-o -`)")
                .hint("name a file with `-o`, e.g. `-o cv.pdf`, or run `cvgen pdf -o -` after each edit"),
        );
        return Err(Failure::Usage);
    }
    let preview = match args.preview {
        true => Some(Preview::start(args.port).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Usage
        })?),
        false => None,
    };
    let print_timings = args.pdf.timings;
    let (sender, messages) = mpsc::channel();
    let stop = sender.clone();
    if let Err(error) = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    }) {
        print(console, &[Diagnostic::warning(format!("cannot catch Ctrl-C ({error}); it will stop cvgen abruptly"))]);
    }
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(Message::Fs(event));
    })
    .map_err(|error| {
        report.diagnostics.push(
            Diagnostic::error(format!("cannot watch files: {error}"))
                .hint("on Linux, raise `fs.inotify.max_user_instances`; or run `cvgen pdf` after each edit"),
        );
        Failure::Content
    })?;
    // A build past its template budget starts the watch again in this process's place; that
    // run waits for a change before it builds (the same build would only fail again).
    crate::render::budget::restart_past_budget(std::env::args_os().collect());
    let mut resumed = std::env::var_os(crate::render::budget::RESUMED).is_some();
    let mut watches = Watches::default();
    let mut announced = false;
    loop {
        // A new font set means a new pipeline: everything else is kept while the fonts stay.
        let fonts_started = Instant::now();
        let fonts = config.fonts();
        let mut font_time = Some(fonts_started.elapsed());
        let mut pipeline = Pipeline::new(&config, &fonts);
        let mut pager = preview.as_ref().map(|server| (server, PageCache::default()));
        // The pages the preview shows, until their PDF is written.
        let mut shown = None;
        loop {
            if std::mem::take(&mut resumed) {
                status(&format!("not compiled: `{}` is unchanged; waiting for a change", config.output.display()));
            } else {
                match &mut pager {
                    None => build(&mut pipeline, None, font_time.take(), print_timings, console),
                    Some((server, cache)) => shown = show(&mut pipeline, cache, server, print_timings, console),
                }
            }
            let targets = Targets::of(&pipeline);
            // Drop memoized results unused for 10 builds, so memory stays bounded.
            typst::comemo::evict(10);
            watches.update(&mut watcher, &targets, console);
            if !announced && !console.quiet {
                match &preview {
                    Some(server) => status(&format!("preview at {} (Ctrl-C to stop)", server.url())),
                    None => status("watching for changes (Ctrl-C to stop)"),
                }
                announced = true;
            }
            let mut waited = match pager {
                None => wait(&messages, &targets, None),
                Some(_) => wait(&messages, &targets, Some(PDF_PAUSE)),
            };
            if waited == Waited::Paused {
                // The edits paused: write the PDF of the pages shown, then wait for the next one.
                if let Some(typeset) = shown.take() {
                    build(&mut pipeline, Some(typeset), font_time.take(), print_timings, console);
                }
                waited = wait(&messages, &targets, None);
            }
            match waited {
                Waited::Stop => return Ok(()),
                Waited::Changed(changes) if changes.fonts => break,
                Waited::Changed(changes) => {
                    if changes.template {
                        pipeline.template_changed();
                    }
                }
                Waited::Paused => unreachable!("a wait without a pause never reports one"),
            }
        }
    }
}

/// How long the edits must pause before the preview's watch writes the PDF.
const PDF_PAUSE: Duration = Duration::from_millis(400);

/// Typesets the CV and shows its pages in the preview, or the diagnostics over the last good
/// pages; prints the diagnostics as a build does.
fn show(
    pipeline: &mut Pipeline,
    cache: &mut PageCache,
    server: &Preview,
    print_timings: bool,
    console: ConsoleConfig,
) -> Option<Typeset> {
    let mut report = Report::default();
    let typeset = match pipeline.typeset(&mut report) {
        Ok(typeset) => {
            let pages = cache.draw(&typeset.document);
            let pages = pages.into_iter().map(|page| PageImage {
                key: format!("{:032x}", page.key),
                size: page.size,
                text: Arc::clone(&page.text),
                svg: Arc::new(move || page.svg()),
            });
            server.publish(pages.collect());
            if print_timings {
                eprint_best_effort(&format!("{}\n", typeset.timings));
            }
            if !console.quiet {
                status(&format!("preview updated in {} ms", typeset.started.elapsed().as_millis()));
            }
            Some(typeset)
        }
        Err(_) => {
            server.fail(crate::diag::render(&report.diagnostics, &report.sources));
            status("not compiled: the preview keeps the last good pages");
            None
        }
    };
    let _ = console.eprint(&console.render(&report.diagnostics, &report.sources));
    typeset
}

/// Builds once and prints the diagnostics and a status line (a success's only without
/// `--quiet`).
/// `shown`: the pages the preview showed, whose PDF is written without laying them out again.
fn build(
    pipeline: &mut Pipeline,
    shown: Option<Typeset>,
    font_time: Option<Duration>,
    print_timings: bool,
    console: ConsoleConfig,
) {
    let config = pipeline.config();
    let mut report = Report::default();
    let built = match shown {
        // Timed from now: the pause before it is no part of writing the PDF.
        Some(typeset) => {
            pipeline.output(Typeset { started: Instant::now(), timings: Timings::default(), ..typeset }, &mut report)
        }
        None => pipeline.build(&mut report),
    };
    let result = built.and_then(|built| super::pdf::write_outputs(config, built, &mut report));
    let _ = console.eprint(&console.render(&report.diagnostics, &report.sources));
    match result {
        Ok(written) => {
            let mut timings = written.timings;
            if let Some(font_time) = font_time {
                timings.add(Phase::Load, font_time);
                timings.total += font_time;
            }
            if print_timings {
                eprint_best_effort(&format!("{timings}\n"));
            }
            if !console.quiet {
                status(&format!("compiled {} in {} ms", config.output.display(), timings.total.as_millis()));
            }
        }
        Err(_) => status(&format!("not compiled: `{}` is unchanged", config.output.display())),
    }
}

fn print(console: ConsoleConfig, diagnostics: &[Diagnostic]) {
    let _ = console.eprint(&console.render(diagnostics, &Sources::default()));
}

/// Writes `text` on stderr, ignoring failures (see the module doc).
fn eprint_best_effort(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `[HH:MM:SS] message` (UTC) on stderr.
fn status(message: &str) {
    let seconds = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) % 86_400;
    eprint_best_effort(&format!("[{:02}:{:02}:{:02}] {message}\n", seconds / 3600, seconds / 60 % 60, seconds % 60));
}

/// What changed in a batch of events.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Changes {
    /// The profile or the bibliography.
    inputs: bool,
    /// A file in the template's folder.
    template: bool,
    /// A font folder.
    fonts: bool,
    /// The last event shows a save that is complete (a close after writing, a rename over the
    /// file): the batch need not wait out the debounce.
    complete: bool,
}

impl Changes {
    fn any(self) -> bool {
        self.inputs || self.template || self.fonts
    }
}

/// How a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waited {
    /// A batch of relevant changes.
    Changed(Changes),
    /// Nothing changed for the pause asked for.
    Paused,
    /// Ctrl-C, or the watcher is gone.
    Stop,
}

/// Waits for the next batch of relevant changes (or, with `pause`, for that long without one).
/// A batch ends [`DEBOUNCE`] after its last event, or at once when an event shows that a save is
/// complete (the editor closed the file it wrote, or renamed its new copy over the old one);
/// only a truncate-then-write burst waits out the window.
fn wait(messages: &Receiver<Message>, targets: &Targets, pause: Option<Duration>) -> Waited {
    let mut changes = Changes::default();
    let paused_at = pause.map(|p| Instant::now() + p);
    while !changes.any() {
        let message = match paused_at {
            None => messages.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => messages.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        match message {
            Ok(Message::Fs(event)) => {
                targets.classify(event, &mut changes);
            }
            Err(RecvTimeoutError::Timeout) => return Waited::Paused,
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Waited::Stop,
        }
    }
    // Editors write in several steps (truncate, write, rename, chmod): wait for quiet, unless
    // the save is plainly complete.
    let first = Instant::now();
    let mut quiet_at = first + DEBOUNCE;
    loop {
        let now = Instant::now();
        if changes.complete || now >= quiet_at || now >= first + MAX_BATCH {
            return Waited::Changed(changes);
        }
        match messages.recv_timeout(quiet_at - now) {
            Ok(Message::Fs(event)) => {
                if targets.classify(event, &mut changes) {
                    quiet_at = Instant::now() + DEBOUNCE;
                }
            }
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Waited::Stop,
            Err(RecvTimeoutError::Timeout) => return Waited::Changed(changes),
        }
    }
}

/// The paths a build depends on, as notify reports them (absolute, folders canonical).
#[derive(Debug, Default, PartialEq, Eq)]
struct Targets {
    /// The profile and the bibliography (and the files they link to).
    files: Vec<PathBuf>,
    /// Template folders: a user template's folder, the `templates/` folder next to the profile
    /// (whose files replace a built-in theme's), existing or not.
    templates: Vec<PathBuf>,
    /// The files in them that the template reads (found or not): only these matter, so a log
    /// file written next to the template starts no build.
    template_files: Vec<PathBuf>,
    /// Font folders, existing or not (a `fonts/` folder may be created next to the profile).
    fonts: Vec<PathBuf>,
    /// What we write: its events are ours.
    output: Output,
}

/// The files a build writes: the PDF, or one image per page (`cv-1.png`, `cv-2.png`, …).
#[derive(Debug, Default, PartialEq, Eq)]
struct Output {
    /// The path before the page number (the whole path for a PDF).
    prefix: String,
    /// The path after the page number (`.png`); `None` for a PDF.
    suffix: Option<String>,
}

impl Output {
    fn of(config: &DocumentConfig) -> Self {
        let format = config.export.format;
        let pages = crate::render::output::output_paths(&absolute(&config.output), format, 2);
        match &pages[..] {
            [first, second] => {
                let (a, b) = (first.to_string_lossy(), second.to_string_lossy());
                let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x).collect::<String>();
                let rest = &a[prefix.len()..];
                let suffix = rest.trim_start_matches(|c: char| c.is_ascii_digit()).to_owned();
                Self { prefix, suffix: Some(suffix) }
            }
            _ => Self { prefix: absolute(&config.output).to_string_lossy().into_owned(), suffix: None },
        }
    }

    fn contains(&self, path: &Path) -> bool {
        let path = path.to_string_lossy();
        match &self.suffix {
            None => path == self.prefix,
            Some(suffix) => path
                .strip_prefix(&self.prefix)
                .and_then(|rest| rest.strip_suffix(suffix.as_str()))
                .is_some_and(|page| !page.is_empty() && page.chars().all(|c| c.is_ascii_digit())),
        }
    }
}

impl Targets {
    fn of(pipeline: &Pipeline) -> Self {
        let config = pipeline.config();
        let mut files = Vec::new();
        let bibs = config.inputs.bibs.iter().chain(pipeline.bib_paths()).map(PathBuf::as_path);
        for file in config.inputs.profiles.iter().map(PathBuf::as_path).chain(bibs) {
            for path in [Some(absolute(file)), file.canonicalize().ok()].into_iter().flatten() {
                if !files.contains(&path) {
                    files.push(path);
                }
            }
        }
        let mut templates = vec![absolute(&relative_to(config.inputs.profile(), Path::new("templates")))];
        let user_template = config.template.as_deref().map(|t| t.canonicalize().unwrap_or_else(|_| absolute(t)));
        let in_use = pipeline.world().and_then(|world| match world.template() {
            TemplateSource::Folder { root, .. } => Some(root.clone()),
            TemplateSource::Embedded { overrides, .. } => overrides.clone(),
        });
        for dir in user_template.and_then(|t| t.parent().map(Path::to_owned)).into_iter().chain(in_use) {
            if !templates.contains(&dir) {
                templates.push(dir);
            }
        }
        let mut template_files: Vec<PathBuf> =
            pipeline.world().map(|world| world.dependencies().to_vec()).unwrap_or_default();
        template_files.extend(config.template.as_deref().map(|t| t.canonicalize().unwrap_or_else(|_| absolute(t))));
        let fonts = config.font_path.iter().chain(&config.inputs.font_folders()).map(|d| absolute(d)).collect();
        Self { files, templates, template_files, fonts, output: Output::of(config) }
    }

    /// Records in `changes` what `event` changed; returns whether it concerns an input.
    fn classify(&self, event: notify::Result<Event>, changes: &mut Changes) -> bool {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            // The watcher lost track (e.g. its queue overflowed): assume everything changed.
            _ => {
                changes.inputs = true;
                changes.template = true;
                return true;
            }
        };
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            // Reads (ours included) and access-time updates change nothing.
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return false,
            _ => {}
        }
        let mut relevant = false;
        let completes = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        for path in &event.paths {
            if self.output.contains(path) || is_temporary(path) {
                continue;
            }
            if self.files.contains(path) {
                changes.inputs = true;
                changes.complete |= completes;
                relevant = true;
            } else if self.template_files.contains(path) || self.templates.contains(path) {
                changes.template = true;
                relevant = true;
            }
            if self.fonts.iter().any(|f| path.starts_with(f)) {
                changes.fonts = true;
                relevant = true;
            }
        }
        relevant
    }

    /// The folders to watch: each file's folder, the template folder and each font folder
    /// (recursively), or the nearest existing parent of a folder that does not exist yet.
    fn folders(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut wanted: BTreeMap<PathBuf, RecursiveMode> = BTreeMap::new();
        for file in &self.files {
            if let Some(dir) = file.parent() {
                wanted.entry(dir.to_owned()).or_insert(RecursiveMode::NonRecursive);
            }
        }
        for tree in self.templates.iter().chain(&self.fonts) {
            if tree.is_dir() {
                wanted.insert(tree.clone(), RecursiveMode::Recursive);
            } else if let Some(parent) = tree.ancestors().skip(1).find(|p| p.is_dir()) {
                wanted.entry(parent.to_owned()).or_insert(RecursiveMode::NonRecursive);
            }
        }
        // A folder inside a recursively watched one is already watched.
        let recursive: Vec<PathBuf> =
            wanted.iter().filter(|(_, mode)| **mode == RecursiveMode::Recursive).map(|(p, _)| p.clone()).collect();
        wanted.retain(|path, _| !recursive.iter().any(|r| path != r && path.starts_with(r)));
        wanted
    }
}

/// Whether `path` is the temporary file of an atomic write of ours.
fn is_temporary(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".cvgen-") && n.ends_with(".tmp"))
}

/// `path` as notify reports it: the canonical folder joined with the file name.
fn absolute(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    match (dir.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
    }
}

/// The folders being watched.
#[derive(Default)]
struct Watches {
    current: BTreeMap<PathBuf, RecursiveMode>,
    failed: Vec<PathBuf>,
}

impl Watches {
    /// Watches what `targets` needs and stops watching what it no longer needs.
    fn update(&mut self, watcher: &mut RecommendedWatcher, targets: &Targets, console: ConsoleConfig) {
        let wanted = targets.folders();
        let stale: Vec<PathBuf> =
            self.current.iter().filter(|(p, mode)| wanted.get(*p) != Some(*mode)).map(|(p, _)| p.clone()).collect();
        for path in stale {
            let _ = watcher.unwatch(&path);
            self.current.remove(&path);
        }
        for (path, mode) in wanted {
            if self.current.contains_key(&path) {
                continue;
            }
            match watcher.watch(&path, mode) {
                Ok(()) => {
                    self.current.insert(path.clone(), mode);
                    self.failed.retain(|p| *p != path);
                }
                Err(error) if !self.failed.contains(&path) => {
                    let d = Diagnostic::warning(format!("cannot watch `{}`: {error}", path.display()))
                        .hint("changes there are not seen until the next build");
                    print(console, &[d]);
                    self.failed.push(path);
                }
                Err(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::CreateKind;

    fn targets() -> Targets {
        Targets {
            files: vec![PathBuf::from("/cv/profile.yaml"), PathBuf::from("/cv/refs.bib")],
            templates: vec![PathBuf::from("/cv/tpl")],
            template_files: vec![PathBuf::from("/cv/tpl/cv.typ"), PathBuf::from("/cv/tpl/parts/header.typ")],
            fonts: vec![PathBuf::from("/cv/fonts")],
            output: Output { prefix: "/cv/cv.pdf".to_owned(), suffix: None },
        }
    }

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        Ok(Event { kind, paths: paths.iter().map(PathBuf::from).collect(), attrs: Default::default() })
    }

    fn classify(kind: EventKind, paths: &[&str]) -> Changes {
        let mut changes = Changes::default();
        targets().classify(event(kind, paths), &mut changes);
        changes
    }

    #[test]
    fn rename_over_the_profile_is_a_change() {
        let kind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let changes = classify(kind, &["/cv/.profile.yaml.swp", "/cv/profile.yaml"]);
        // A rename over the file is a complete save: no debounce.
        assert_eq!(changes, Changes { inputs: true, complete: true, ..Changes::default() });
        let changes = classify(EventKind::Access(AccessKind::Close(AccessMode::Write)), &["/cv/refs.bib"]);
        assert_eq!(changes, Changes { inputs: true, complete: true, ..Changes::default() });
        // A write alone may be the first of several.
        let changes = classify(EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any)), &["/cv/refs.bib"]);
        assert_eq!(changes, Changes { inputs: true, ..Changes::default() });
    }

    #[test]
    fn reads_output_and_other_files_are_ignored() {
        assert!(!classify(EventKind::Access(AccessKind::Open(AccessMode::Read)), &["/cv/profile.yaml"]).any());
        assert!(!classify(EventKind::Create(CreateKind::File), &["/cv/.cvgen-Ab12.tmp"]).any());
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/cv.pdf"]).any());
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/notes.txt"]).any());
        // A log written next to the template is not part of it.
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/tpl/watch.log"]).any());
    }

    #[test]
    fn template_and_font_changes() {
        let changes = classify(EventKind::Create(CreateKind::File), &["/cv/tpl/parts/header.typ"]);
        assert_eq!(changes, Changes { template: true, ..Changes::default() });
        let changes = classify(EventKind::Create(CreateKind::Folder), &["/cv/fonts"]);
        assert_eq!(changes, Changes { fonts: true, ..Changes::default() });
    }

    #[test]
    fn image_pages_are_ours() {
        let output = Output { prefix: "/cv/cv-".to_owned(), suffix: Some(".png".to_owned()) };
        assert!(output.contains(Path::new("/cv/cv-1.png")));
        assert!(output.contains(Path::new("/cv/cv-12.png")));
        assert!(!output.contains(Path::new("/cv/cv-logo.png")));
        assert!(!output.contains(Path::new("/cv/cv-.png")));
    }

    #[test]
    fn nested_folders_are_watched_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("fonts")).unwrap();
        let t = Targets {
            files: vec![root.join("profile.yaml")],
            templates: vec![root.clone()],
            template_files: Vec::new(),
            fonts: vec![root.join("fonts"), root.join("missing/fonts")],
            output: Output::default(),
        };
        let folders = t.folders();
        assert_eq!(folders.into_iter().collect::<Vec<_>>(), [(root, RecursiveMode::Recursive)]);
    }
}
