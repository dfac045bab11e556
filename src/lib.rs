//! cvgen: compile an academic CV from `profile.yaml` and `refs.bib`.
//!
//! The layers, each importing only from those below it:
//!
//! ```text
//! main -> cmd::<verb> -> pipeline -> render | lint | bib::write | export -> model -> profile | bib -> locale | date -> diag
//! ```
//!
//! - [`cmd`]: one file per verb; turns clap arguments ([`cli`]) into a library config, calls the
//!   pipeline, writes what comes back ([`write`]: atomic files); [`preview`] is the live
//!   preview's loopback server, which `watch --preview` feeds.
//! - [`pipeline`]: the build engine as library functions: reads the inputs (its `load`, the one
//!   place input files are read), parses them, builds the model once, then lints it
//!   (`pipeline::check`), typesets it (`pipeline::document`) or exports the bibliography
//!   (`pipeline::bib`). The benchmark, `watch` and the fuzz targets call it too.
//! - [`render`] (model → JSON → Typst, in a sandboxed world), [`lint`] (warnings over the model),
//!   [`bib::write`] (BibTeX out) and [`export`] (JSON Resume, Markdown, HTML, CSL-JSON, hayagriva
//!   and the co-author list, from the model).
//! - [`model`]: what templates see, built from a profile and a bibliography.
//! - [`profile`] (`profile.yaml` and JSON Resume) and [`bib`] (reading BibTeX), the parsers.
//! - [`locale`] (words of each language), [`date`] (dates and the calendar day), [`weblink`]
//!   (the one rule for a URL an output links to), [`diag`] (the one diagnostic type and its
//!   printer), [`timings`].
//!
//! Below `pipeline` nothing touches the file system except the render module's world and font
//! scanner, and each says so in its `//!`.

pub mod bib;
pub mod category;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod export;
pub mod lint;
pub mod locale;
pub mod memo;
pub mod model;
pub mod pipeline;
pub mod preview;
pub mod profile;
pub mod render;
pub mod timings;
pub mod weblink;
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
