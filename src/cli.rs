//! Command-line arguments (clap derive types only). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Compile an academic CV from profile.yaml and refs.bib.
///
/// cvgen merges who you are (profile.yaml) with your publications (refs.bib) into a polished
/// PDF typeset by the embedded Typst compiler, and exports clean BibTeX. It needs nothing
/// installed besides itself.
#[derive(Debug, Parser)]
#[command(name = "cvgen", version, about, long_about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile the CV to PDF (default output: cv.pdf next to the profile).
    Pdf(PdfArgs),
    /// Print the JSON data a template receives (the model, for template authors).
    Data(InputArgs),
    /// Export the publications as clean BibTeX (stdout, or --output).
    Bib(BibArgs),
}

/// Arguments of `cvgen bib`.
#[derive(Debug, Clone, Args)]
pub struct BibArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// Write the BibTeX to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Keep every field, including private display fields (award, selected, abbr, code, +an, …).
    #[arg(long)]
    pub keep_private: bool,

    /// Only entries with `selected = {true}`.
    #[arg(long)]
    pub selected: bool,

    /// Only entries from this year on (from `year`, else `date`).
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,

    /// Only entries up to this year (from `year`, else `date`).
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,

    /// Only entries of this type, as written in the file (repeatable; case-insensitive).
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,

    /// Only the entry with this key (repeatable); `crossref` parents come along.
    #[arg(long = "key", value_name = "KEY")]
    pub keys: Vec<String>,

    /// Dialect of the output: classic BibTeX (BibLaTeX-only fields downgraded) or BibLaTeX.
    #[arg(long, value_enum, default_value_t = BibFormat::Bibtex)]
    pub format: BibFormat,

    /// Export even if some entries are broken (they are left out and listed as warnings).
    #[arg(long)]
    pub keep_going: bool,
}

/// Output dialects of `cvgen bib`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BibFormat {
    /// Classic BibTeX, for `bibtex` and natbib.
    Bibtex,
    /// BibLaTeX, for biber.
    Biblatex,
}

/// Where the inputs are.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The profile (YAML).
    #[arg(long, value_name = "FILE", default_value = "profile.yaml")]
    pub profile: PathBuf,

    /// The bibliography, overriding the profile's `publications.bib`.
    #[arg(long, value_name = "FILE")]
    pub bib: Option<PathBuf>,
}

/// Arguments of `cvgen pdf`.
#[derive(Debug, Clone, Args)]
pub struct PdfArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Where to write the PDF [default: cv.pdf next to the profile].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A Typst template file of your own; it may include files from its own folder.
    #[arg(long, value_name = "FILE.typ")]
    pub template: Option<PathBuf>,

    /// Write the PDF even if some entries are broken (they are left out and listed as warnings).
    #[arg(long)]
    pub keep_going: bool,

    /// Also load fonts from this folder (repeatable).
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
}
