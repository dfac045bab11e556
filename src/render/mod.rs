//! Rendering: the model becomes JSON, the template typesets it in memory, and the document
//! becomes a PDF or page images ([`output`]).
//!
//! The model reaches the template only as data files ([`data`]: `/cv.json`, or the same in pieces); no user text is ever spliced
//! into Typst source. Template errors come back as located diagnostics pointing at the
//! template's own file and line. A compile runs under a time and memory budget ([`budget`]: a
//! watchdog that ends the process, since Typst's compile cannot be cancelled). File access: the
//! sandboxed [`world::CvWorld`] reads the template's files (and nothing else), [`fonts`] reads
//! font folders (and lists the files it read); nothing here writes.

pub mod budget;
pub mod data;
pub mod fit;
pub mod fonts;
pub mod output;
pub mod preview;
pub mod world;

use std::path::Path;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Sources};
use crate::model::Cv;
pub use budget::Budget;
pub use data::ModelFiles;
pub use fonts::{FontSet, Fonts};
pub use world::{CvWorld, TemplateSource};

/// The built-in templates, embedded in the binary: a file per theme and `common.typ`, which
/// every theme imports.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../templates/common.typ")),
    ("classic.typ", include_str!("../../templates/classic.typ")),
    ("modern.typ", include_str!("../../templates/modern.typ")),
    ("compact.typ", include_str!("../../templates/compact.typ")),
];

/// The built-in theme names, the default first (the profile validates `design.theme` against them).
pub use crate::profile::THEMES;

/// The embedded template for `theme`.
pub fn builtin(theme: &str) -> Option<TemplateSource> {
    let main = BUILTIN_FILES.iter().find(|(name, _)| name.strip_suffix(".typ") == Some(theme))?.0;
    Some(TemplateSource::Embedded { main, files: BUILTIN_FILES, overrides: None })
}

/// The files of a built-in theme: (file name, text); its own file, then `common.typ`.
pub fn theme_files(theme: &str) -> Option<Vec<(&'static str, &'static str)>> {
    let main = format!("{theme}.typ");
    let own = BUILTIN_FILES.iter().copied().find(|(name, _)| *name == main)?;
    let common = BUILTIN_FILES.iter().copied().find(|(name, _)| *name == "common.typ")?;
    Some(vec![own, common])
}

/// The model as JSON for people (`cvgen data`): indented.
pub fn to_json(cv: &Cv) -> Vec<u8> {
    serde_json::to_vec_pretty(cv).expect("the model has only strings, numbers and lists: it always serialises")
}

/// The model as the template reads it (`/cv.json`): compact, so Typst has less to parse.
pub fn to_data(cv: &Cv) -> Vec<u8> {
    serde_json::to_vec(cv).expect("the model has only strings, numbers and lists: it always serialises")
}

/// Text in the model's JSON that no loaded font can show: (JSON path of the field, missing
/// characters).
///
/// Each distinct character of the JSON text is looked up once; only when one is missing is the
/// JSON parsed again to name the fields it is in. (serde_json writes every character but
/// control characters, `"` and `\` as itself, so the JSON text holds every character of every
/// string.)
pub fn missing_glyphs(json: &[u8], fonts: &Fonts) -> Vec<(String, String)> {
    let missing = uncovered(json, fonts);
    if missing.is_empty() {
        return Vec::new();
    }
    let value: serde_json::Value = serde_json::from_slice(json).expect("the model's JSON parses back");
    let mut out = Vec::new();
    walk(&value, &mut String::new(), &missing, &mut out);
    out
}

/// The distinct printable characters of `json` that no loaded font has.
///
/// This runs at every save of `cvgen watch`, over the whole model, which is mostly ASCII: when
/// the fonts have every printable ASCII character (cvgen's own always do), only the bytes that
/// start a multi-byte character are decoded; the rest is skipped without a look.
fn uncovered(json: &[u8], fonts: &Fonts) -> Vec<char> {
    let mut seen = std::collections::BTreeSet::new();
    let ascii_covered = (b' '..=b'~').all(|b| fonts.covers(char::from(b)));
    if !ascii_covered {
        seen.extend(json.iter().filter(|b| b.is_ascii()).map(|&b| char::from(b)));
    }
    let mut from = 0;
    while let Some(found) = json.get(from..).and_then(|rest| rest.iter().position(|&byte| byte >= 0xC0)) {
        let at = from + found;
        let len = match json[at] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let c = json.get(at..at + len).and_then(|bytes| std::str::from_utf8(bytes).ok()).and_then(|s| s.chars().next());
        seen.insert(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        from = at + 1;
    }
    seen.into_iter().filter(|c| !c.is_whitespace() && !c.is_control() && !fonts.covers(*c)).collect()
}

fn walk(value: &serde_json::Value, path: &mut String, uncovered: &[char], out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(text) => {
            let mut missing = String::new();
            for c in text.chars() {
                if uncovered.contains(&c) && !missing.contains(c) {
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
                walk(item, path, uncovered, out);
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
                walk(item, path, uncovered, out);
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

/// Typesets the model with the template, within `budget`: past it, the process prints the
/// error and exits with code 1 ([`budget::within`]). The world reads its files afresh and keeps
/// the list of those the compile asked for ([`CvWorld::compile`]).
pub fn compile(world: &mut CvWorld, sources: &mut Sources, budget: &Budget) -> Compiled {
    let warned = world.compile(|world| budget::within(budget, || typst::compile::<PagedDocument>(world)));
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

fn convert(world: &CvWorld, diagnostic: &SourceDiagnostic, sources: &mut Sources) -> Diagnostic {
    let mut out = match diagnostic.severity {
        TypstSeverity::Error => Diagnostic::error(format!("template: {}", diagnostic.message)),
        TypstSeverity::Warning => Diagnostic::warning(format!("template: {}", diagnostic.message)),
    };
    if let (Some(id), Some(range)) = (diagnostic.span.id(), world.range(diagnostic.span))
        && let Ok(source) = typst::World::source(world, id)
    {
        let path = world.display_path(id);
        sources.insert(&path, source.text());
        out = out.at(path, range);
    }
    for hint in &diagnostic.hints {
        out = out.hint(hint.v.to_string());
    }
    world::sandbox_hints(&diagnostic.message, &mut out.hints);
    out
}

/// The display form of a template path, for messages.
pub fn describe(template: &TemplateSource) -> String {
    match template {
        TemplateSource::Embedded { main, .. } => format!("built-in template `{main}`"),
        TemplateSource::Folder { root, main } => format!("template `{}`", Path::new(root).join(main).display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cvgen's own fonts have every printable ASCII character, so the scan decodes only the other
    /// characters; one that no font has is found among them, once.
    #[test]
    fn the_glyph_scan_finds_only_what_no_font_has() {
        let fonts = FontSet::load(&[], false);
        assert!((b' '..=b'~').all(|b| fonts.covers(char::from(b))), "the fast path is taken");
        let json = r#"{"a":"Zürich – 朱","b":["朱 x", "naïve"]}"#;
        assert_eq!(uncovered(json.as_bytes(), &fonts), ['朱']);
        assert_eq!(
            missing_glyphs(json.as_bytes(), &fonts),
            [("a".to_owned(), "朱".to_owned()), ("b[0]".to_owned(), "朱".to_owned())]
        );
    }
}
