//! Rendering: the model becomes JSON, the template typesets it in memory, Typst exports a PDF.
//!
//! The model reaches the template only as the data file `/cv.json`; no user text is ever spliced
//! into Typst source. Template errors come back as located diagnostics pointing at the
//! template's own file and line. This module reads template files only through the sandboxed
//! [`world::CvWorld`] and writes nothing.

pub mod export;
pub mod fonts;
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

/// The built-in templates, embedded in the binary. A theme is one self-contained file.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("classic.typ", include_str!("../../templates/classic.typ")),
    ("modern.typ", include_str!("../../templates/modern.typ")),
    ("compact.typ", include_str!("../../templates/compact.typ")),
];

/// The built-in theme names, the default first.
pub const THEMES: &[&str] = &["classic", "modern", "compact"];

/// The embedded template for `theme`.
pub fn builtin(theme: &str) -> Option<TemplateSource> {
    let main = BUILTIN_FILES.iter().find(|(name, _)| name.strip_suffix(".typ") == Some(theme))?.0;
    Some(TemplateSource::Embedded { main, files: BUILTIN_FILES, overrides: None })
}

/// The files of a built-in theme: (file name, text).
pub fn theme_files(theme: &str) -> Option<Vec<(&'static str, &'static str)>> {
    let main = format!("{theme}.typ");
    let files: Vec<_> = BUILTIN_FILES.iter().copied().filter(|(name, _)| *name == main).collect();
    (!files.is_empty()).then_some(files)
}

/// How `cvgen pdf` renders, beyond the template file: the theme, the output format and the
/// fonts (`--theme`, `--format`, `--pdf-standard`, `--ppi`, `--system-fonts`).
#[derive(Debug, Clone, Default)]
pub struct RenderSettings {
    /// `--theme NAME`, overriding the profile's `design.theme`.
    pub theme: Option<String>,
    /// Format, standards and resolution.
    pub export: export::ExportOptions,
    /// Also load the fonts installed on the system.
    pub system_fonts: bool,
}

impl RenderSettings {
    /// The fonts to typeset with: the embedded ones, `dirs`, and the system's if asked for.
    pub fn load_fonts(&self, dirs: &[std::path::PathBuf]) -> Option<Fonts> {
        match (self.system_fonts, dirs.is_empty()) {
            (true, _) => Some(Fonts::load_with_system(dirs)),
            (false, false) => Some(Fonts::load(dirs)),
            (false, true) => None,
        }
    }
}

/// The template to typeset with: `--template`, else `--theme`, else the profile's
/// `design.template` (relative to the profile), else its `design.theme`, else `classic`.
/// A built-in theme's files are replaced by same-named files in a `templates/` folder next to
/// the profile (what `cvgen init --eject` writes).
pub fn resolve_template(
    template: Option<&Path>,
    theme: Option<&str>,
    design: &crate::profile::Design,
    profile_path: &Path,
) -> Result<TemplateSource, Diagnostic> {
    let folder = |path: &Path, from: &str, relative_to: &str, choose: &str| -> Result<TemplateSource, Diagnostic> {
        let themes = THEMES.join(", ");
        let fail = |message: String| {
            let path_hint = format!("give the path of a `.typ` file, relative to {relative_to}");
            let theme_hint = format!(
                "or use a built-in theme with {choose} ({themes}); to edit one, `cvgen init --eject THEME` \
                 copies it into a `templates/` folder next to the profile"
            );
            Diagnostic::error(message).hint(path_hint).hint(theme_hint)
        };
        let real = path.canonicalize().map_err(|e| {
            fail(format!("cannot read template `{}` ({from}): {}", path.display(), crate::load::reason(&e)))
        })?;
        match (real.parent(), real.file_name().and_then(|n| n.to_str())) {
            (Some(root), Some(main)) if real.is_file() => {
                Ok(TemplateSource::Folder { root: root.to_owned(), main: main.to_owned() })
            }
            _ => Err(fail(format!("`{}` is not a template file ({from})", path.display()))),
        }
    };
    if let Some(path) = template {
        return folder(path, "`--template`", "the current folder", "`--theme THEME`");
    }
    let theme = match (theme, &design.template) {
        (Some(theme), _) => theme,
        (None, Some(path)) => {
            let path = crate::cmd::relative_to(profile_path, path);
            return folder(&path, "`design.template`", "the profile's folder", "`design: {theme: THEME}`");
        }
        (None, None) => design.theme.as_deref().unwrap_or(THEMES[0]),
    };
    let Some(TemplateSource::Embedded { main, files, .. }) = builtin(theme) else {
        let d = Diagnostic::error(format!("unknown theme `{theme}`"));
        return Err(match crate::diag::closest(theme, THEMES.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("built-in themes: {}", THEMES.join(", "))),
        });
    };
    let templates = crate::cmd::relative_to(profile_path, Path::new("templates"));
    let overrides = templates.is_dir().then(|| templates.canonicalize().ok()).flatten();
    Ok(TemplateSource::Embedded { main, files, overrides })
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
fn uncovered(json: &[u8], fonts: &Fonts) -> Vec<char> {
    let text = String::from_utf8_lossy(json);
    let mut ascii = [false; 128];
    let mut others = std::collections::BTreeSet::new();
    for c in text.chars() {
        match ascii.get_mut(c as usize) {
            Some(seen) => *seen = true,
            None => {
                others.insert(c);
            }
        }
    }
    let ascii = ascii.iter().enumerate().filter(|(_, seen)| **seen).map(|(i, _)| char::from(i as u8));
    ascii.chain(others).filter(|c| !c.is_whitespace() && !c.is_control() && !fonts.covers(*c)).collect()
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
    export_pdf_to(document, timestamp, &[])
}

/// Exports the document as a tagged PDF conforming to `standards` (PDF/A, PDF/UA; none: plain
/// PDF 1.7).
pub fn export_pdf_to(
    document: &PagedDocument,
    timestamp: Datetime,
    standards: &[typst_pdf::PdfStandard],
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let conforming = !standards.is_empty();
    let standards = PdfStandards::new(standards).map_err(|e| {
        let hints = e.hints().iter().map(|h| h.to_string());
        vec![
            hints.fold(Diagnostic::error(format!("cannot combine these PDF standards: {}", e.message())), |d, h| {
                d.hint(h)
            }),
        ]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom("cvgen".to_owned()),
        creator: Smart::Custom(Some(format!("cvgen {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let d = Diagnostic::error(format!("PDF export failed: {}", e.message));
                let d = e.hints.iter().fold(d, |d, h| d.hint(h.v.to_string()));
                if conforming {
                    d.hint("the template uses something the chosen `--pdf-standard` forbids; try another standard")
                } else {
                    d.hint("this is a bug in cvgen or Typst; please report it")
                }
            })
            .collect()
    })
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
