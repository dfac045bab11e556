//! The subcommands, one file each: each turns its clap arguments into a library config, calls
//! the pipeline ([`crate::pipeline`]) and writes what comes back. Diagnostics go into the
//! [`Report`]; `main` prints them.

pub mod bib;
pub mod check;
pub mod data;
pub mod init;
pub mod pdf;
pub mod schema;
pub mod watch;

use std::path::Path;

use crate::cli::{Command, InputArgs};
use crate::diag::Diagnostic;
use crate::pipeline::{Inputs, is_stdout};
use crate::render::export::PAGE_PLACEHOLDER;
use crate::{Failure, Report, write};

/// Runs one subcommand.
pub fn run(command: Command, report: &mut Report) -> Result<(), Failure> {
    match command {
        Command::Pdf(args) => pdf::run(&args, report),
        Command::Watch(args) => watch::run(&args, report),
        Command::Data(args) => data::run(&args, report),
        Command::Bib(args) => bib::run(&args, report),
        Command::Check(args) => check::run(&args, report),
        Command::Init(args) => init::run(&args, report),
        Command::Schema => schema::run(report),
    }
}

/// Where the inputs are, as the pipeline takes it.
pub fn inputs(args: &InputArgs) -> Inputs {
    Inputs::new(args.profile.clone(), args.bib.clone())
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
