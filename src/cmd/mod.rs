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

use std::io::Write;

use crate::cli::{Command, InputArgs};
use crate::diag::Diagnostic;
use crate::pipeline::Inputs;
use crate::{Failure, Report};

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
    Inputs::new(args.profile.clone(), args.bib.iter().cloned().collect())
}

/// Writes `bytes` to standard output. A reader that closes the pipe early (`cvgen bib | head`)
/// is its choice; any other failure (a full disk, `> /dev/full`) is an error.
pub fn print(bytes: &[u8], report: &mut Report) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            report.diagnostics.push(Diagnostic::error(format!("cannot write to standard output: {e}")));
            Err(Failure::Content)
        }
    }
}
