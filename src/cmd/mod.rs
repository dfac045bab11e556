//! The subcommands, one file each: each turns its clap arguments into a library config, calls
//! the pipeline ([`crate::pipeline`]) and writes what comes back. Diagnostics go into the
//! [`Report`]; `main` prints them, as the [`ConsoleConfig`] says (coloured or not). A verb that
//! writes files says so in one status line on stderr unless `--quiet`.

pub mod bib;
pub mod check;
pub mod coauthors;
pub mod completions;
pub mod data;
pub mod export;
pub mod init;
pub mod man;
pub mod pdf;
pub mod schema;
pub mod watch;

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{ColorChoice, Command, GlobalArgs, InputArgs};
use crate::diag::{self, Diagnostic, Sources};
use crate::pipeline::{Inputs, is_stdout};
use crate::render::output::PAGE_PLACEHOLDER;
use crate::{Failure, Report, write};

/// Runs one subcommand.
pub fn run(command: Command, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    match command {
        Command::Pdf(args) => pdf::run(&args, console, report),
        Command::Watch(args) => watch::run(&args, console, report),
        Command::Data(args) => data::run(&args, report),
        Command::Bib(args) => bib::run(&args, console, report),
        Command::Check(args) => check::run(&args, console, report),
        Command::Init(args) => init::run(&args, console, report),
        Command::Schema => schema::run(report),
        Command::Completions(args) => completions::run(&args, report),
        Command::Man(args) => man::run(&args, report),
        Command::Export(args) => export::run(&args, console, report),
        Command::Coauthors(args) => coauthors::run(&args, console, report),
    }
}

/// How the verbs talk on the terminal, decided once from the global flags and the environment:
/// whether diagnostics are coloured, and whether success is announced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// Colour diagnostics on stderr.
    pub color: bool,
    /// No status line on success (errors and warnings are still printed).
    pub quiet: bool,
}

impl ConsoleConfig {
    /// Resolves `--color` (`auto`: when stderr is a terminal, `NO_COLOR` is unset or empty and
    /// `TERM` is not `dumb`; an explicit `--color always` wins over `NO_COLOR`, as no-color.org
    /// asks) and `--quiet`.
    pub fn new(args: &GlobalArgs) -> Self {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let set = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
                std::io::stderr().is_terminal()
                    && set("NO_COLOR").is_none()
                    && set("TERM").is_none_or(|term| term != "dumb")
            }
        };
        Self { color, quiet: args.quiet }
    }

    /// Diagnostics as they go to stderr.
    pub fn render(&self, diagnostics: &[Diagnostic], sources: &Sources) -> String {
        if self.color { diag::render_colored(diagnostics, sources) } else { diag::render(diagnostics, sources) }
    }

    /// Writes `text` to stderr: as it is, or with its colours translated for a Windows console
    /// that does not read ANSI escapes.
    pub fn eprint(&self, text: &str) -> std::io::Result<()> {
        let stderr = std::io::stderr().lock();
        if self.color {
            let mut stream = anstream::AutoStream::always(stderr);
            stream.write_all(text.as_bytes()).and_then(|()| stream.flush())
        } else {
            let mut stream = stderr;
            stream.write_all(text.as_bytes()).and_then(|()| stream.flush())
        }
    }

    /// Prints one status line on stderr (`wrote cv.pdf (2 pages, 41 ms)`), unless `--quiet`,
    /// after the warnings so far (which `main` would otherwise print after it). A stderr that
    /// cannot be written is an error (exit code 1), as for `cvgen check`'s report; a reader that
    /// closed the pipe is its choice.
    pub fn status(&self, line: &str, report: &mut Report) -> Result<(), Failure> {
        if self.quiet { Ok(()) } else { self.say(line, report) }
    }

    /// Prints one line on stderr after the warnings so far, even under `--quiet` (for what was
    /// asked for, such as `--timings`); errors as for [`ConsoleConfig::status`].
    pub fn say(&self, line: &str, report: &mut Report) -> Result<(), Failure> {
        let mut text = self.render(&std::mem::take(&mut report.diagnostics), &report.sources);
        text.push_str(line);
        text.push('\n');
        match self.eprint(&text) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                report.diagnostics.push(Diagnostic::error(format!("cannot write to standard error: {e}")));
                Err(Failure::Content)
            }
            _ => Ok(()),
        }
    }
}

/// `1 page`, `2 pages`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where the inputs are, as the pipeline takes it: the profile files, the bibliographies, the
/// variant and the `--set`s.
pub fn inputs(args: &InputArgs) -> Inputs {
    Inputs {
        profiles: args.profile.clone(),
        bibs: args.bib.clone(),
        variant: args.variant.clone(),
        sets: args.set.clone(),
    }
}

/// A failure of the pipeline as the exit code tells it: an error in the input is a usage error
/// when it is about the command line (an unknown `--variant`, a wrong `--set`).
pub fn refine(failure: Failure, report: &Report) -> Failure {
    match failure {
        Failure::Content => crate::pipeline::failure(&report.diagnostics),
        usage => usage,
    }
}

/// The input files named on the command line (the profile files, then `--bib`), which no output
/// may overwrite.
pub fn input_files(args: &InputArgs) -> impl Iterator<Item = &std::path::PathBuf> {
    args.profile.iter().chain(&args.bib)
}

/// The main profile named on the command line (the first `--profile`), next to which outputs go
/// by default.
pub fn main_profile(args: &InputArgs) -> &Path {
    args.profile.first().map_or(Path::new("profile.yaml"), |p| p.as_path())
}

/// Writes `bytes` to standard output. A reader that closes the pipe early (`cvgen bib | head`)
/// is its choice; any other failure (a full disk, `> /dev/full`) is an error (exit code 1).
pub fn print(bytes: &[u8], report: &mut Report) -> Result<(), Failure> {
    write::stdout(bytes).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })
}

/// Writes `bytes` to `output`: standard output for `-`, else the file (atomically) or the device
/// or pipe (in place).
pub fn write_to(output: &Path, bytes: &[u8], report: &mut Report) -> Result<(), Failure> {
    if is_stdout(output) {
        return print(bytes, report);
    }
    write::output(output, bytes).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })
}

/// The error for an output that is a folder (a usage error: a folder is never replaced).
pub fn output_is_folder(output: &Path, hint: String) -> Diagnostic {
    Diagnostic::error(format!("the output `{}` is a folder", output.display())).hint(hint)
}

/// Whether an output's name must end in its format's extension: a regular file's must (unless
/// `--format` says the format), while standard output (`-`), a device or a pipe, and a page
/// pattern (`{p}`) have no extension to match.
pub fn extension_matters(output: &Path) -> bool {
    !is_stdout(output) && !write::is_stream(output) && !output.to_string_lossy().contains(PAGE_PLACEHOLDER)
}
