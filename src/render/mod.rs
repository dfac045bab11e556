//! Rendering: the model becomes JSON, the template typesets it in memory, Typst exports a PDF.
//!
//! The model reaches the template only as the data file `/cv.json`; no user text is ever spliced
//! into Typst source. Template errors come back as located diagnostics pointing at the
//! template's own file and line. This module reads template files only through the sandboxed
//! [`world::CvWorld`] and writes nothing.

pub mod world;

use std::path::Path;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Sources};
use crate::model::Cv;
pub use world::{CvWorld, Fonts, TemplateSource};

/// The built-in templates, embedded in the binary.
pub const BUILTIN_FILES: &[(&str, &str)] = &[("classic.typ", include_str!("../../templates/classic.typ"))];

/// The built-in theme names.
pub const THEMES: &[&str] = &["classic"];

/// The embedded template for `theme`.
pub fn builtin(theme: &str) -> Option<TemplateSource> {
    let main = BUILTIN_FILES.iter().find(|(name, _)| name.strip_suffix(".typ") == Some(theme))?.0;
    Some(TemplateSource::Embedded { main, files: BUILTIN_FILES })
}

/// The model as the JSON the template reads.
pub fn to_json(cv: &Cv) -> Vec<u8> {
    serde_json::to_vec_pretty(cv).expect("the model has only strings, numbers and lists: it always serialises")
}

/// Text in the model that no loaded font can show: (JSON path of the field, missing characters).
pub fn missing_glyphs(cv: &Cv, fonts: &Fonts) -> Vec<(String, String)> {
    let value = serde_json::to_value(cv).expect("the model always serialises");
    let mut out = Vec::new();
    walk(&value, &mut String::new(), fonts, &mut out);
    out
}

fn walk(value: &serde_json::Value, path: &mut String, fonts: &Fonts, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(text) => {
            let mut missing = String::new();
            for c in text.chars() {
                if !c.is_whitespace() && !c.is_control() && !missing.contains(c) && !fonts.covers(c) {
                    missing.push(c);
                }
            }
            if !missing.is_empty() {
                out.push((path.clone(), missing));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, fonts, out);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(item, path, fonts, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// What a compile produced: the document, if any, and Typst's warnings and errors.
pub struct Compiled {
    /// The laid-out document (absent when the template failed).
    pub document: Option<PagedDocument>,
    /// Template warnings and errors, located in the template.
    pub diagnostics: Vec<Diagnostic>,
}

/// Typesets the model with the template.
pub fn compile(world: &CvWorld, sources: &mut Sources) -> Compiled {
    let warned = typst::compile::<PagedDocument>(world);
    let mut diagnostics: Vec<Diagnostic> = warned.warnings.iter().map(|d| convert(world, d, sources)).collect();
    let document = match warned.output {
        Ok(document) => Some(document),
        Err(errors) => {
            diagnostics.extend(errors.iter().map(|d| convert(world, d, sources)));
            None
        }
    };
    Compiled { document, diagnostics }
}

/// Exports the document as a tagged PDF. `timestamp` is the creation date written into it.
pub fn export_pdf(document: &PagedDocument, timestamp: Datetime) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        ident: Smart::Custom("cvgen".to_owned()),
        creator: Smart::Custom(Some(format!("cvgen {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards: PdfStandards::default(),
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                Diagnostic::error(format!("PDF export failed: {}", e.message))
                    .hint("this is a bug in cvgen or Typst; please report it")
            })
            .collect()
    })
}

fn convert(world: &CvWorld, diagnostic: &SourceDiagnostic, sources: &mut Sources) -> Diagnostic {
    let mut out = match diagnostic.severity {
        TypstSeverity::Error => Diagnostic::error(format!("template: {}", diagnostic.message)),
        TypstSeverity::Warning => Diagnostic::warning(format!("template: {}", diagnostic.message)),
    };
    if let (Some(id), Some(range)) = (diagnostic.span.id(), world.range(diagnostic.span)) {
        if let Ok(source) = typst::World::source(world, id) {
            let path = world.display_path(id);
            sources.insert(&path, source.text());
            out = out.at(path, range);
        }
    }
    for hint in &diagnostic.hints {
        out = out.hint(hint.v.to_string());
    }
    out
}

/// The display form of a template path, for messages.
pub fn describe(template: &TemplateSource) -> String {
    match template {
        TemplateSource::Embedded { main, .. } => format!("built-in template `{main}`"),
        TemplateSource::Folder { root, main } => format!("template `{}`", Path::new(root).join(main).display()),
    }
}
