//! The `cvgen` binary: parse arguments, run the command, print diagnostics, exit.
//!
//! Exit codes: 0 success, 1 content errors, 2 usage errors (clap's own included).

use std::process::ExitCode;

use clap::Parser;
use cvgen::Report;
use cvgen::cli::Cli;
use cvgen::cmd::{self, ConsoleConfig};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Asked before any file is opened: a closed standard output's number would be reused.
    cvgen::write::stdout_is_open();
    let cli = Cli::parse();
    let console = ConsoleConfig::new(&cli.global);
    let mut report = Report::default();
    let result = cmd::run(cli.command, console, &mut report);
    let _ = console.eprint(&console.render(&report.diagnostics, &report.sources));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(failure.exit_code()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        cvgen::cli::Cli::command().debug_assert();
    }
}
