//! `cvgen completions SHELL`: prints the shell's completion script, generated from the clap
//! definitions ([`crate::cli`]) by clap_complete, so it cannot drift from the real flags.
//!
//! A subcommand rather than a hidden `--generate` flag (ripgrep's way): people who install a
//! release binary set up completions themselves, so the verb is listed in `cvgen --help`, and
//! packagers call the same `cvgen completions bash`. Writes to standard output only.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::{Failure, Report};

/// Runs `cvgen completions`.
pub fn run(args: &CompletionsArgs, report: &mut Report) -> Result<(), Failure> {
    super::print(&script(args.shell), report)
}

/// The completion script of `shell` for the `cvgen` binary.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "cvgen", &mut out);
    out
}
