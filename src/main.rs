//! The `cvgen` binary: parse arguments, run the command, print diagnostics, exit.
//!
//! Exit codes: 0 success, 1 content errors, 2 usage errors (clap's own included).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cvgen::cli::Cli;
use cvgen::{Report, cmd, diag};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut report = Report::default();
    let result = cmd::run(cli.command, &mut report);
    let rendered = diag::render(&report.diagnostics, &report.sources);
    let _ = std::io::stderr().write_all(rendered.as_bytes());
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
