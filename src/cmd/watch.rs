//! `cvgen watch`: build the PDF, then build it again whenever an input changes.
//!
//! What is watched: the folders holding the profile files, the bibliography and the citation counts
//! (not the files themselves: an editor that saves by writing a new file and renaming it over the
//! old one replaces the file, and a watch on the old one would go quiet), and, recursively, the
//! template's folder and the font folders. Events are filtered by path (our own output and its
//! temporary file are ignored, as are reads) and batched: a burst of events ends [`DEBOUNCE`] after
//! its last one and makes one build. A build with errors prints them and leaves the last good PDF
//! in place. One [`Pipeline`] is kept while the fonts stay the same, so the fonts are loaded and
//! the template parsed once, and memoization (Typst's, global to the process, and cvgen's own of
//! each bibliography entry, [`crate::memo`]) reuses everything an edit did not touch. Which files a
//! build depends on and what an event means is [`targets`]. Ctrl-C (or SIGTERM, SIGHUP) stops after
//! the build in progress with exit code 0. A build that goes past the template's time or memory
//! budget cannot be stopped inside the process: the watch starts again in its place
//! ([`crate::render::budget`]) and waits for the next change before it builds. Status lines go to
//! stderr with the time of day in UTC: `[14:03:27] compiled cv.pdf in 23 ms` (a success's not under
//! `--quiet`). They are written best-effort: a watch whose stderr fails (a closed pipe, a full
//! disk) keeps its one job, rebuilding the PDF, and never panics. A watch writes files only: `-o -`
//! (standard output) is refused.
//!
//! With `--preview`, each batch is typeset without writing (the browser is told which pages
//! changed through [`crate::preview`], and a page is drawn when it asks for it) and the PDF of the
//! pages shown is written once the edits pause for [`PDF_PAUSE`]; a failed build shows its
//! diagnostics over the last good pages.
//! A batch ends at once when an event shows the save is complete (a close after writing, a
//! rename over the file); only a truncate-then-write burst waits out [`DEBOUNCE`]. A batch after
//! which the files hold what the last good build read ([`Targets::contents`]: the watcher
//! reports a rename twice; `:w` and `touch` change nothing) builds nothing.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::Event;

use super::ConsoleConfig;
use crate::cli::WatchArgs;
use crate::diag::{Diagnostic, Sources};
use crate::pipeline::document::{Pipeline, Typeset};
use crate::preview::{PageImage, Preview};
use crate::render::preview::PageCache;
use crate::timings::{Phase, Timings};
use crate::{Failure, Report};
use targets::{Changes, Targets, Watches};

mod targets;

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
    // Each build keeps what it parsed and modelled: a save redoes only the entries it touched.
    crate::memo::keep();
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
        // Whether the last build succeeded, and what its files held when it started (`None`:
        // unknown, as for the first build after new fonts).
        let mut succeeded;
        let mut built_from = None;
        loop {
            succeeded = if std::mem::take(&mut resumed) {
                status(&format!("not compiled: `{}` is unchanged; waiting for a change", config.output.display()));
                false
            } else {
                match &mut pager {
                    None => build(&mut pipeline, None, font_time.take(), print_timings, console),
                    Some((server, cache)) => {
                        shown = show(&mut pipeline, cache, server, print_timings, console);
                        shown.is_some()
                    }
                }
            };
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
            let changes = loop {
                let mut waited = match pager {
                    None => wait(&messages, &targets, None),
                    Some(_) => wait(&messages, &targets, Some(PDF_PAUSE)),
                };
                if waited == Waited::Paused {
                    // The edits paused: write the PDF of the pages shown, then wait for the next.
                    if let Some(typeset) = shown.take() {
                        succeeded &= build(&mut pipeline, Some(typeset), font_time.take(), print_timings, console);
                    }
                    waited = wait(&messages, &targets, None);
                }
                let changes = match waited {
                    Waited::Stop => return Ok(()),
                    Waited::Changed(changes) => changes,
                    Waited::Paused => unreachable!("a wait without a pause never reports one"),
                };
                // Files that hold what the last good build read: the same build again, skipped.
                let now = (!changes.fonts).then(|| targets.contents());
                if succeeded && now.is_some() && now == built_from {
                    continue;
                }
                built_from = now;
                break changes;
            };
            if changes.fonts {
                break;
            }
            if changes.template {
                pipeline.template_changed();
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
/// `--quiet`); returns whether it wrote the outputs.
/// `shown`: the pages the preview showed, whose PDF is written without laying them out again.
fn build(
    pipeline: &mut Pipeline,
    shown: Option<Typeset>,
    font_time: Option<Duration>,
    print_timings: bool,
    console: ConsoleConfig,
) -> bool {
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
            true
        }
        Err(_) => {
            status(&format!("not compiled: `{}` is unchanged", config.output.display()));
            false
        }
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
