//! cvgen: compile an academic CV from `profile.yaml` and `refs.bib`.
//!
//! The pipeline, one module per step:
//!
//! ```text
//! cli -> cmd::<verb> -> load (I/O) -> profile::parse + bib::parse -> model::build
//!                                   -> render (Typst, in memory) -> write (atomic)
//! ```
//!
//! Everything except `load`, `write` and `cmd` is a pure function of values, so tests and fuzz
//! targets drive the pipeline without a process or a file system.

pub mod bib;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod jsonresume;
pub mod lint;
pub mod load;
pub mod locale;
pub mod model;
pub mod profile;
pub mod render;
pub mod timings;
pub mod write;

use diag::{Diagnostic, Sources};

/// What a command leaves for `main` to print: the texts it read and every diagnostic.
#[derive(Debug, Default)]
pub struct Report {
    /// Texts of the files read, for snippets.
    pub sources: Sources,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any error was reported.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a command stopped without doing its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The input has errors (exit code 1).
    Content,
    /// The command line asks for something impossible (exit code 2).
    Usage,
}

impl Failure {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Failure::Content => 1,
            Failure::Usage => 2,
        }
    }
}
