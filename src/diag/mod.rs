//! Diagnostics: the one type every problem a user can cause is reported as, and its printer.
//!
//! A [`Diagnostic`] carries a severity, a message, hints and an optional location (a file and a
//! byte range in it). Printing goes through `codespan-reporting`, the printer typst-kit uses, so
//! YAML, BibTeX and Typst template errors all look alike: `file:line:column`, a source snippet, the
//! message and `hint:` lines, plain or coloured ([`render_colored`]). This module never reads
//! files: callers register the text they loaded in a [`Sources`] so snippets show exactly what
//! was parsed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the output (unless the user asked to keep going).
    Error,
    /// Reported, never fatal unless `--deny-warnings`.
    Warning,
}

/// Where a diagnostic points: a file and a byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (relative paths stay relative).
    pub file: PathBuf,
    /// Byte range into the file's text as registered in [`Sources`].
    pub span: Range<usize>,
}

/// A problem found in the user's input, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Lowercase, no trailing period, evidence in backticks.
    pub message: String,
    /// Where the problem is, when it has a place in a file.
    pub location: Option<Location>,
    /// A short note printed under the snippet's caret.
    pub label: Option<String>,
    /// What the user can do, one line each (printed as `hint: …`).
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), location: None, label: None, hints: Vec::new() }
    }

    /// A warning with no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// Points the diagnostic at `span` in `file`.
    pub fn at(mut self, file: impl Into<PathBuf>, span: Range<usize>) -> Self {
        self.location = Some(Location { file: file.into(), span });
        self
    }

    /// Adds a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Sets the note shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The texts of the files that were loaded, so diagnostics can show snippets of them, each with
/// an index of its line starts so a position is found in logarithmic time.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    path: PathBuf,
    text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(path: &Path, text: &str) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { path: path.to_owned(), text: text.to_owned(), line_starts }
    }

    /// One-based line and column (in characters) of byte `offset`.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

impl Sources {
    /// Registers (or replaces) the text of `path`.
    pub fn insert(&mut self, path: &Path, text: &str) {
        let file = SourceFile::new(path, text);
        match self.files.iter_mut().find(|f| f.path == path) {
            Some(slot) => *slot = file,
            None => self.files.push(file),
        }
    }

    /// The registered text of `path`.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.file(path).map(|f| f.text.as_str())
    }

    /// One-based line and column (in characters) of byte `offset` in the text of `path`.
    pub fn line_column(&self, path: &Path, offset: usize) -> Option<(usize, usize)> {
        self.file(path).map(|f| f.line_column(offset))
    }

    fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// One-based line and column (in characters) of byte `offset` in `text`. This counts from the
/// top of `text`: to locate many offsets in one file, register it in [`Sources`].
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    SourceFile::new(Path::new(""), text).line_column(offset)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders diagnostics as the terminal shows them (no colour, so output is stable in tests).
/// Each file's line index is built once for all diagnostics, so rendering takes time in
/// proportion to the output, not to the number of diagnostics times the file size.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    render_with(diagnostics, sources, false)
}

/// Renders diagnostics as [`render`] does, coloured with ANSI escapes (`--color`): the same
/// text once the escapes are removed.
pub fn render_colored(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    render_with(diagnostics, sources, true)
}

fn render_with(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> =
        sources.files.iter().map(|f| files.add(f.path.display().to_string(), f.text.as_str())).collect();
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(diagnostic, sources, &files, &ids, color));
    }
    out
}

/// One diagnostic through codespan-reporting, plain or with its default colours.
fn emit(files: &SimpleFiles<String, &str>, diagnostic: &CsDiagnostic<usize>, color: bool) -> Option<String> {
    let config = Config { before_label_lines: 1, after_label_lines: 1, ..Config::default() };
    if !color {
        return term::emit_into_string(&config, files, diagnostic).ok();
    }
    let styles = term::Styles::default();
    let mut buffer = term::termcolor::Buffer::ansi();
    term::emit_to_write_style(&mut term::StylesWriter::new(&mut buffer, &styles), &config, files, diagnostic).ok()?;
    String::from_utf8(buffer.into_inner()).ok()
}

fn render_one(
    diagnostic: &Diagnostic,
    sources: &Sources,
    files: &SimpleFiles<String, &str>,
    ids: &[usize],
    color: bool,
) -> String {
    let mut cs = match diagnostic.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    }
    .with_message(&diagnostic.message)
    .with_notes(diagnostic.hints.iter().map(|h| format!("hint: {h}")).collect());

    let mut located_without_text = None;
    if let Some(location) = &diagnostic.location {
        match sources.files.iter().position(|f| f.path == location.file) {
            Some(index) => {
                let text = &sources.files[index].text;
                let span = clamp_span(text, &location.span);
                let mut label = Label::primary(ids[index], span);
                if let Some(note) = &diagnostic.label {
                    label = label.with_message(note);
                }
                cs = cs.with_labels(vec![label]);
            }
            None => located_without_text = Some(location.file.display().to_string()),
        }
    }

    let mut text =
        emit(files, &cs, color).unwrap_or_else(|| format!("{}: {}\n", severity_word(diagnostic), diagnostic.message));
    if let Some(file) = located_without_text {
        // No text to quote: still say which file, on the line after the message.
        let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
        text.insert_str(first_line_end, &format!("  ┌─ {file}\n"));
    }
    text
}

fn severity_word(diagnostic: &Diagnostic) -> &'static str {
    match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

/// One diagnostic as `--format json` writes it.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    hints: &'a [String],
}

/// Renders diagnostics as a JSON array of `{severity, message, file, line, column, hints}`
/// (one-based line and column in characters; `null` where a diagnostic has no place), for
/// editors and CI.
pub fn to_json(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let file = d.location.as_ref().map(|l| l.file.display().to_string());
            let position = d.location.as_ref().and_then(|l| sources.line_column(&l.file, l.span.start));
            JsonDiagnostic {
                severity: d.severity,
                message: &d.message,
                file,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                hints: &d.hints,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).expect("diagnostics are strings and numbers: they serialise");
    out.push('\n');
    out
}

/// Suggests the candidate closest to `word` (for "did you mean" hints), if any is close.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let (a, b) = (word.to_lowercase(), c.to_lowercase());
            // Jaro-Winkler misses swapped letters in short words (`tms` for `tsm`).
            let swapped = a.chars().count() >= 3 && strsim::damerau_levenshtein(&a, &b) == 1;
            (strsim::jaro_winkler(&a, &b).max(if swapped { 0.85 } else { 0.0 }), c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "a\nüx";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, 4), (2, 2));
    }

    #[test]
    fn renders_location_snippet_and_hint() {
        let mut sources = Sources::default();
        sources.insert(Path::new("p.yaml"), "name: X\njounral: Y\n");
        let d = Diagnostic::error("unknown field `jounral`").at("p.yaml", 8..15).hint("did you mean `journal`?");
        let out = render(&[d], &sources);
        assert!(out.starts_with("error: unknown field `jounral`\n"), "{out}");
        assert!(out.contains("p.yaml:2:1"), "{out}");
        assert!(out.contains("jounral: Y"), "{out}");
        assert!(out.contains("= hint: did you mean `journal`?"), "{out}");
    }

    #[test]
    fn colour_adds_escapes_only() {
        let mut sources = Sources::default();
        sources.insert(Path::new("p.yaml"), "name: X\njounral: Y\n");
        let d = [Diagnostic::warning("unknown field `jounral`").at("p.yaml", 8..15).hint("did you mean `journal`?")];
        let plain = render(&d, &sources);
        let colored = render_colored(&d, &sources);
        assert!(colored.contains("\x1b["), "{colored}");
        let mut stripped = String::new();
        let mut rest = colored.as_str();
        while let Some(at) = rest.find("\x1b[") {
            stripped.push_str(&rest[..at]);
            let end = rest[at..].find('m').expect("an escape ends in `m`");
            rest = &rest[at + end + 1..];
        }
        stripped.push_str(rest);
        assert_eq!(stripped, plain);
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("jounral", ["journal", "title"]), Some("journal"));
        assert_eq!(closest("zzz", ["journal", "title"]), None);
        assert_eq!(closest("tms", ["tsm", "jmlr"]), Some("tsm"));
    }
}
