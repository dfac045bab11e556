//! Command-line arguments (clap derive types only). Doc comments are the help text.
//!
//! It imports from the library only what the argument definitions show or check at parse time:
//! the list of built-in themes ([`crate::profile::THEMES`]) and the shape of a `--set`
//! ([`crate::profile::set::check_syntax`]); `tests/cli/layers.rs` holds it to that. Turning
//! arguments into a config happens in each verb's `cmd/` file.

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
    /// Flags every subcommand takes.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes (before or after its name).
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// When to colour errors and warnings: `auto` colours them when stderr is a terminal and
    /// the NO_COLOR environment variable is not set.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print no status line on success (`wrote cv.pdf (2 pages, 41 ms)`, check's summary);
    /// errors and warnings are still printed.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When to colour diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stderr is a terminal and NO_COLOR is unset.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile the CV to PDF (default output: cv.pdf next to the profile).
    Pdf(PdfArgs),
    /// Compile the CV, then recompile whenever the profile, the bibliography, the template or a
    /// font folder changes (Ctrl-C stops).
    Watch(WatchArgs),
    /// Print the JSON data a template receives (the model, for template authors); with --pieces,
    /// write it as the files a template reads instead.
    Data(DataArgs),
    /// Export the publications as clean BibTeX (stdout, or --output).
    Bib(BibArgs),
    /// Report every problem in the profile and bibliography, with lints; write nothing.
    Check(CheckArgs),
    /// Start a CV: write a commented profile.yaml, a refs.bib and a .gitignore into a folder
    /// (never overwriting a file); or, with --eject, copy a built-in theme into templates/;
    /// or, with --ci, add a CI workflow that builds the PDF.
    Init(InitArgs),
    /// Print the JSON Schema of profile.yaml, for completion and checks in editors.
    Schema,
    /// Print a shell's completion script, e.g. `cvgen completions zsh > ~/.zfunc/_cvgen`.
    Completions(CompletionsArgs),
    /// Print the manual page, in roff (`cvgen man | man -l -`; `cvgen man pdf` for one
    /// command's page).
    Man(ManArgs),
    /// Write the CV for a website or another tool: a JSON Resume, a Markdown page, one HTML page,
    /// or the publications as CSL-JSON or hayagriva YAML (stdout, or --output).
    Export(ExportArgs),
    /// List the co-authors of the papers of the last months (48 by default), for grant paperwork
    /// such as NSF's COA table, as CSV or Markdown (stdout, or --output).
    Coauthors(CoauthorsArgs),
}

/// Arguments of `cvgen export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// What to write.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// Write to this file (atomically) instead of stdout (`-`: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Markdown: the whole CV, not only the publications page.
    #[arg(long)]
    pub all: bool,

    /// Export even if some entries are broken (they are left out and listed as warnings).
    #[arg(long)]
    pub keep_going: bool,
}

/// What `cvgen export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// JSON Resume 1.0: al-folio's `assets/json/resume.json`, academicpages' `_data/cv.json`.
    Jsonresume,
    /// A Markdown page for Jekyll or Hugo: the publications, or with `--all` the whole CV.
    Markdown,
    /// One self-contained HTML page with a print stylesheet.
    Html,
    /// The publications as CSL-JSON, for Zotero and pandoc.
    CslJson,
    /// The publications as hayagriva YAML, for Typst's `#bibliography`.
    Hayagriva,
}

/// Arguments of `cvgen coauthors`.
#[derive(Debug, Clone, Args)]
pub struct CoauthorsArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// The window: papers dated within this many months before today (`SOURCE_DATE_EPOCH` sets
    /// today); NSF asks for 48.
    #[arg(long, value_name = "MONTHS", default_value_t = 48)]
    pub months: u32,

    /// CSV with the columns of NSF's COA Table 4, or a Markdown table.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = CoauthorsFormat::Csv)]
    pub format: CoauthorsFormat,

    /// Write to this file (atomically) instead of stdout (`-`: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What `cvgen coauthors` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CoauthorsFormat {
    /// The four columns of NSF's COA Table 4: name, organizational affiliation, optional email
    /// and department, last active.
    Csv,
    /// A table with the joint papers and how each name was written.
    Markdown,
}

/// Arguments of `cvgen completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `cvgen man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// The page of this command (`cvgen-pdf(1)`) instead of cvgen(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Arguments of `cvgen init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to write into (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Instead, copy a built-in theme into DIR/templates/ to edit; `cvgen pdf` then uses the
    /// copy whenever that theme is chosen [default theme: classic].
    #[arg(
        long,
        value_name = "THEME",
        num_args = 0..=1,
        default_missing_value = "classic",
        value_parser = clap::builder::PossibleValuesParser::new(crate::profile::THEMES),
    )]
    pub eject: Option<String>,

    /// Instead, add a CI workflow that builds cv.pdf on every push and attaches it to a
    /// release on tags: `.github/workflows/cv.yml` (github) or `.gitlab-ci.yml` (gitlab).
    #[arg(long, value_enum, value_name = "SERVICE", conflicts_with = "eject")]
    pub ci: Option<CiService>,
}

/// Where a CV repository is hosted, for `cvgen init --ci`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiService {
    /// GitHub Actions: `.github/workflows/cv.yml`.
    Github,
    /// GitLab CI/CD: `.gitlab-ci.yml`.
    Gitlab,
}

/// Arguments of `cvgen check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// Fail (exit code 1) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// How to report: for people (on stderr) or as a JSON array (on stdout).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Also list every publication with its category and the rule that put it there
    /// (`refs.bib:12  zhu2024pace  conference  venue table: NeurIPS`), on stdout.
    #[arg(long)]
    pub explain: bool,
}

/// Output formats of `cvgen check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Located diagnostics with snippets and hints, then a summary line.
    Human,
    /// `[{severity, message, file, line, column, hints}]`.
    Json,
}

/// Arguments of `cvgen bib`.
#[derive(Debug, Clone, Args)]
pub struct BibArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// Write the BibTeX to this file (atomically) instead of stdout (`-`: stdout). The name must
    /// end in .bib unless `--format` is given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Keep every field, including private display fields (award, selected, abbr, code, +an and
    /// the like).
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

    /// Dialect of the output: classic BibTeX (BibLaTeX-only fields downgraded) or BibLaTeX
    /// [default: bibtex].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<BibFormat>,

    /// Export even if some entries are broken (they are left out and listed as warnings).
    #[arg(long)]
    pub keep_going: bool,

    /// Write the profile's `publications.papers` and `publications.rename` into the export under
    /// al-folio's field names (`selected`, `abbr`, `note`, links; `Zhu*, Hanqing` for the marks),
    /// keeping al-folio's display fields: a working al-folio `papers.bib`.
    #[arg(long)]
    pub with_profile: bool,
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
    /// The profile: a profile.yaml, or a JSON Resume file (`.json`). Repeat it to merge more
    /// files over the first, in order (`--profile cv.yaml --profile private.yaml`: mappings
    /// merged key by key, lists replaced); relative paths in each resolve from its own folder.
    #[arg(long, value_name = "FILE", default_value = "profile.yaml")]
    pub profile: Vec<PathBuf>,

    /// The bibliography, overriding the profile's `publications.bib`; repeat it to read several
    /// files (BibTeX, or CSL-JSON as Zotero exports it).
    #[arg(long, value_name = "FILE")]
    pub bib: Vec<PathBuf>,

    /// A variant the profile defines under `variants:` (e.g. `short`), merged over the profile
    /// files.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,

    /// Set one profile value for this run, over the files and the variant: `--set
    /// design.theme=modern`, `--set max_pages=2`, `--set publications.lists.0.prefix=S`
    /// (repeatable; the value is read as YAML and typed as the profile says).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = crate::profile::set::check_syntax)]
    pub set: Vec<String>,
}

/// Arguments of `cvgen data`.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// Write the model into this folder as the files a template reads (`cv.json`, and the same in
    /// pieces: `cv/outline.json`, `cv/papers/N.json`), for designing a theme with the stock
    /// `typst` tools, instead of printing it.
    #[arg(long, value_name = "DIR")]
    pub pieces: Option<PathBuf>,
}

/// Arguments of `cvgen watch`: those of `cvgen pdf`, and the live preview.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// What to build, as `cvgen pdf` takes it.
    #[command(flatten)]
    pub pdf: PdfArgs,

    /// Also show the pages in the browser at http://127.0.0.1:3000, updated in place on every
    /// save (the PDF is written once the edits pause).
    #[arg(long)]
    pub preview: bool,

    /// The port of the preview (on 127.0.0.1 only).
    #[arg(long, value_name = "PORT", default_value_t = 3000, requires = "preview")]
    pub port: u16,
}

/// Arguments of `cvgen pdf`.
#[derive(Debug, Clone, Args)]
pub struct PdfArgs {
    /// Where the inputs are.
    #[command(flatten)]
    pub input: InputArgs,

    /// Where to write the PDF (`-`: standard output; a device or a pipe is written in place)
    /// [default: cv.pdf next to the profile].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A Typst template file of your own; it may include files from its own folder.
    #[arg(long, value_name = "FILE.typ")]
    pub template: Option<PathBuf>,

    /// Write the PDF even if some entries are broken (they are left out and listed as warnings).
    #[arg(long)]
    pub keep_going: bool,

    /// Also load fonts from this folder (repeatable; it must exist).
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,

    /// Print the time of each step on stderr, in milliseconds:
    /// `timings: load=3 parse=5 model=1 compile=120 export=30 write=1 total=160`.
    #[arg(long)]
    pub timings: bool,

    /// The built-in theme, overriding the profile's `design.theme`.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(crate::profile::THEMES))]
    pub theme: Option<String>,

    /// What to write: a PDF, or one PNG or SVG image per page (`cv-1.png`, `cv-2.png`; `{p}` in
    /// `--output` stands for the page number) [default: the output's extension (.pdf, .png or
    /// .svg), else pdf].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// Make the PDF conform to a standard, e.g. `a-2b` (PDF/A-2b, for portals that demand
    /// archival PDF) or `ua-1` (PDF/UA-1, accessible); repeatable where standards combine.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Vec<PdfStandardArg>,

    /// Resolution of PNG pages, in pixels per inch.
    #[arg(long, value_name = "PPI", default_value_t = 144.0)]
    pub ppi: f32,

    /// Also use the fonts installed on this system (by default only the fonts built into cvgen,
    /// `fonts/` next to the profile and `--font-path` folders are used, so the PDF is the same
    /// on every machine).
    #[arg(long)]
    pub system_fonts: bool,
}

/// What `cvgen pdf` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A tagged PDF.
    Pdf,
    /// One PNG image per page.
    Png,
    /// One SVG image per page.
    Svg,
}

/// PDF standards Typst can conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandardArg {
    /// PDF 1.4.
    #[value(name = "1.4")]
    V1_4,
    /// PDF 1.5.
    #[value(name = "1.5")]
    V1_5,
    /// PDF 1.6.
    #[value(name = "1.6")]
    V1_6,
    /// PDF 1.7, the default.
    #[value(name = "1.7")]
    V1_7,
    /// PDF 2.0.
    #[value(name = "2.0")]
    V2_0,
    /// PDF/A-1b.
    #[value(name = "a-1b")]
    A1b,
    /// PDF/A-1a.
    #[value(name = "a-1a")]
    A1a,
    /// PDF/A-2b, the usual choice for archival portals.
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u.
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-2a.
    #[value(name = "a-2a")]
    A2a,
    /// PDF/A-3b.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-3u.
    #[value(name = "a-3u")]
    A3u,
    /// PDF/A-3a.
    #[value(name = "a-3a")]
    A3a,
    /// PDF/A-4.
    #[value(name = "a-4")]
    A4,
    /// PDF/A-4f.
    #[value(name = "a-4f")]
    A4f,
    /// PDF/A-4e.
    #[value(name = "a-4e")]
    A4e,
    /// PDF/UA-1, accessible.
    #[value(name = "ua-1")]
    Ua1,
}
