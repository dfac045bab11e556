//! Web and interchange documents made from the same model the PDF is typeset from: a JSON Resume
//! ([`jsonresume`]), a Markdown page for Jekyll and Hugo sites ([`markdown`]), one self-contained
//! HTML page ([`html`]), and the publications as CSL-JSON ([`csl`], Zotero's and pandoc's format)
//! or as Typst's hayagriva YAML ([`hayagriva`]); and the co-author list for grant paperwork
//! ([`coauthors`]).
//!
//! Each writer is a pure function from the model ([`crate::model::Cv`], the publications as read
//! and, for the bibliographic formats, their entries) to text. What a CV shows is decided once,
//! in the model: the sections in their order (and without the hidden ones), the publication
//! lists, the owner among the authors, the marks and their legend, the awards, badges and links,
//! and the rich text of the profile with its citations as labels. Every string is escaped for
//! its format here, never trusted. Nothing here reads or writes files: the pipeline hands the
//! model in and the verb writes the text out.

pub mod coauthors;
pub mod csl;
pub mod hayagriva;
pub mod html;
pub mod jsonresume;
pub mod markdown;
pub mod shared;

use crate::bib::Bibliography;
use crate::diag::Diagnostic;
use crate::model::{Cv, Publication};
use crate::profile::Profile;

/// The formats of `cvgen export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Resume 1.0 (`resume.json`).
    JsonResume,
    /// A CommonMark page (the publications, or with [`FormatConfig::all`] the whole CV).
    Markdown,
    /// One self-contained HTML5 page.
    Html,
    /// CSL-JSON, an array of items.
    CslJson,
    /// Typst's hayagriva YAML.
    Hayagriva,
}

impl Format {
    /// The usual file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::JsonResume | Format::CslJson => "json",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Hayagriva => "yml",
        }
    }
}

/// What a document is made from: the model and what it was built from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The profile (for what the model keeps only as display text: dates, user names).
    pub profile: &'a Profile,
    /// The model, as the PDF's template receives it.
    pub cv: &'a Cv,
    /// Every entry of the bibliography as the CV reads it.
    pub publications: &'a [Publication],
    /// The entries themselves (for the fields of the bibliographic formats).
    pub bibliography: &'a Bibliography,
}

/// Choices of a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatConfig {
    /// Markdown: the whole CV rather than the publications page.
    pub all: bool,
}

/// A document, with what it could not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// The text, ending in a newline.
    pub text: String,
    /// Warnings: what the format has no place for.
    pub diagnostics: Vec<Diagnostic>,
    /// How many publications it holds.
    pub publications: usize,
}

/// Makes the document of `format` from `source`.
pub fn export(format: Format, source: &Source, options: FormatConfig) -> Exported {
    match format {
        Format::JsonResume => jsonresume::export(source),
        Format::Markdown => markdown::export(source.cv, options.all, &source.profile.export.markdown.front_matter),
        Format::Html => html::export(source.cv),
        Format::CslJson => csl::export(source),
        Format::Hayagriva => hayagriva::export(source),
    }
}
