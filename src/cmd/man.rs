//! `cvgen man [COMMAND]`: prints a manual page in roff, generated from the clap definitions
//! ([`crate::cli`]) by clap_mangen: cvgen(1), whose SUBCOMMANDS section names cvgen-pdf(1) and the
//! others, or one command's page. `cvgen man | man -l -` reads it; a package installs each page
//! as `cvgen.1`, `cvgen-pdf.1`, … (the layout of git's pages).
//!
//! A subcommand rather than a hidden `--generate man` flag, for the reason given in
//! [`super::completions`]. Writes to standard output only.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::diag::{self, Diagnostic};
use crate::{Failure, Report};

/// Runs `cvgen man`.
pub fn run(args: &ManArgs, report: &mut Report) -> Result<(), Failure> {
    let page = page(args.command.as_deref()).map_err(|d| {
        report.diagnostics.push(*d);
        Failure::Usage
    })?;
    super::print(&page, report)
}

/// The page of `command` (a subcommand's name), or cvgen(1) for `None`.
pub fn page(command: Option<&str>) -> Result<Vec<u8>, Box<Diagnostic>> {
    // No page for `cvgen help`: the pages are the help. Built, the subcommands know their full
    // names (`cvgen pdf`, page `cvgen-pdf`) and take the global flags.
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let command = match command {
        None => cli,
        Some(name) => {
            let names = || cli.get_subcommands().filter(|c| !c.is_hide_set()).map(|c| c.get_name());
            let Some(sub) = cli.find_subcommand(name).filter(|c| !c.is_hide_set()) else {
                let mut d = Diagnostic::error(format!("cvgen has no command `{name}`"));
                if let Some(close) = diag::closest(name, names()) {
                    d = d.hint(format!("did you mean `{close}`?"));
                }
                let all: Vec<&str> = names().collect();
                return Err(Box::new(d.hint(format!("the commands: {}", all.join(", ")))));
            };
            sub.clone()
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .source(format!("cvgen {}", env!("CARGO_PKG_VERSION")))
        .manual("cvgen manual")
        .render(&mut out)
        .expect("rendering into memory cannot fail: a Vec<u8> takes every write");
    Ok(out)
}
