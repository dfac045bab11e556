//! Diagnostics: the one type every problem a user can cause is reported as, and its printer.
//!
//! A [`Diagnostic`] carries a severity, a message, hints and an optional location (a file and a
//! byte range in it). Printing goes through `codespan-reporting`, the printer typst-kit uses, so
//! YAML, BibTeX and Typst template errors all look alike: `file:line:column`, a source snippet, the
//! message and `hint:` lines, plain or coloured ([`render_colored`]). This module never reads
//! files: callers register the text they loaded in a [`Sources`] so snippets show exactly what
//! was parsed.
//!
//! Linear in what it prints: a snippet is an excerpt ([`excerpt`]) of the lines around its place,
//! each cut to a window of [`WINDOW`] bytes around the column with `…` where it is cut, so a
//! problem on a 200 KB line prints a short line; lines and columns come from indexes built once
//! per file; and after [`FOLD_AFTER`] messages of one kind on one line, the rest are folded into
//! one line with their count (`--format json` still lists each).

mod excerpt;

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::{self, Config};
use serde::Serialize;

use excerpt::Excerpt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the output (unless the user asked to keep going).
    Error,
    /// Reported, never fatal unless `--deny-warnings`.
    Warning,
    /// Information about the output (what a theme leaves out): never fatal, not counted by
    /// `--deny-warnings`.
    Note,
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

    /// A note with no location yet.
    pub fn note(message: impl Into<String>) -> Self {
        Self { severity: Severity::Note, ..Self::error(message) }
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
    /// The number of characters before every [`BLOCK`]-byte block (and the end of the text): a
    /// column is counted from the nearest block, not from the start of a long line.
    chars_before_block: Vec<usize>,
}

/// The block size of the character index.
const BLOCK: usize = 4096;

/// The most bytes of one line a snippet shows; a longer line is cut around the column.
pub const WINDOW: usize = 200;

/// How many messages of one kind on one line are printed before the rest are counted.
pub const FOLD_AFTER: usize = 3;

impl SourceFile {
    fn new(path: &Path, text: &str) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let bytes = text.as_bytes();
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for start in (0..=bytes.len()).step_by(BLOCK) {
            chars_before_block.push(count);
            let end = (start + BLOCK).min(bytes.len());
            count += bytes[start..end].iter().filter(|b| !is_continuation(**b)).count();
        }
        Self { path: path.to_owned(), text: text.to_owned(), line_starts, chars_before_block }
    }

    /// The number of characters before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        base + self.text.as_bytes()[block * BLOCK..offset].iter().filter(|b| !is_continuation(**b)).count()
    }

    /// Zero-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of line `index`, without its line break.
    fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let end = self.line_starts.get(index + 1).map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }

    /// One-based line and column (in characters) of byte `offset`.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        (line + 1, self.chars_before(offset) - self.chars_before(self.line_starts[line]) + 1)
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
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
    // Messages of one kind on one line: counted first, so the fold can say how many it hides.
    fn place<'a>(d: &'a Diagnostic, sources: &Sources) -> Option<(u8, &'a Path, usize, String)> {
        let location = d.location.as_ref()?;
        let file = sources.file(&location.file)?;
        Some((d.severity as u8, location.file.as_path(), file.line_index(location.span.start), kind(&d.message)))
    }
    let mut groups: std::collections::HashMap<_, (usize, usize)> = std::collections::HashMap::new();
    for d in diagnostics {
        if let Some(key) = place(d, sources) {
            groups.entry(key).or_default().0 += 1;
        }
    }
    let mut out = String::new();
    for diagnostic in diagnostics {
        if let Some(key) = place(diagnostic, sources) {
            let (line, file) = (key.2 + 1, key.1.display().to_string());
            let (total, shown) = groups.get_mut(&key).expect("counted above");
            *shown += 1;
            if *shown == FOLD_AFTER + 1 {
                let more = *total - FOLD_AFTER;
                let word = severity_word(diagnostic);
                let plural = if more == 1 { "" } else { "s" };
                let message = format!("{more} more {word}{plural} like the last on line {line} of `{file}`");
                let folded = Diagnostic { severity: diagnostic.severity, ..Diagnostic::error(message) }
                    .hint("`cvgen check --format json` lists each one");
                out.push_str(&render_one(&folded, sources, color));
            }
            if *shown > FOLD_AFTER {
                continue;
            }
        }
        out.push_str(&render_one(diagnostic, sources, color));
    }
    out
}

/// A message without its evidence (what is in backticks): messages of one kind have the same.
fn kind(message: &str) -> String {
    message.split('`').step_by(2).collect::<Vec<_>>().join("`…`")
}

/// One diagnostic through codespan-reporting, plain or with its default colours.
fn emit<'a>(files: &'a Excerpt<'a>, diagnostic: &CsDiagnostic<()>, color: bool) -> Option<String> {
    let config = Config { before_label_lines: 1, after_label_lines: 1, ..Config::default() };
    if !color {
        return term::emit_into_string(&config, files, diagnostic).ok();
    }
    let styles = term::Styles::default();
    let mut buffer = term::termcolor::Buffer::ansi();
    term::emit_to_write_style(&mut term::StylesWriter::new(&mut buffer, &styles), &config, files, diagnostic).ok()?;
    String::from_utf8(buffer.into_inner()).ok()
}

fn render_one(diagnostic: &Diagnostic, sources: &Sources, color: bool) -> String {
    let cs = match diagnostic.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
        Severity::Note => CsDiagnostic::note(),
    }
    .with_message(&diagnostic.message)
    .with_notes(diagnostic.hints.iter().map(|h| format!("hint: {h}")).collect());

    let mut located_without_text = None;
    let mut text = None;
    if let Some(location) = &diagnostic.location {
        match sources.file(&location.file) {
            Some(file) => {
                let span = clamp_span(&file.text, &location.span);
                let (excerpt, span) = Excerpt::new(file, span);
                let mut label = Label::primary((), span);
                if let Some(note) = &diagnostic.label {
                    label = label.with_message(note);
                }
                text = emit(&excerpt, &cs.clone().with_labels(vec![label]), color);
            }
            None => located_without_text = Some(location.file.display().to_string()),
        }
    }
    let mut text = text
        .or_else(|| emit(&Excerpt::empty(), &cs, color))
        .unwrap_or_else(|| format!("{}: {}\n", severity_word(diagnostic), diagnostic.message));
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
        Severity::Note => "note",
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

/// `n` and the noun for it: `1 entry`, `3 entries`; the one plural rule of every message.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
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
    fn a_long_line_is_cut_around_the_column_and_the_place_stays_exact() {
        let line = format!("{}é{}BAD{}", "x".repeat(5000), "y".repeat(3000), "z".repeat(5000));
        let at = line.find("BAD").unwrap();
        let text = format!("first\n{line}\nlast\n");
        let mut sources = Sources::default();
        sources.insert(Path::new("long.bib"), &text);
        let d = Diagnostic::warning("bad thing").at("long.bib", 6 + at..6 + at + 3);
        let out = render(&[d], &sources);
        assert!(out.contains(&format!("long.bib:2:{at}")), "the column counts characters: {out}");
        assert!(out.lines().all(|l| l.chars().count() < 2 * WINDOW), "{out}");
        assert!(out.contains("…yyy") && out.contains("BADzzz"), "{out}");
        assert!(out.contains("first") && out.contains("last"), "{out}");
    }

    #[test]
    fn repeated_messages_on_one_line_fold_after_a_few() {
        let mut sources = Sources::default();
        sources.insert(Path::new("p.yaml"), "summary: a b c d e f\nname: X\n");
        let mut all: Vec<Diagnostic> = (0..6)
            .map(|i| Diagnostic::warning(format!("unknown key `k{i}`")).at("p.yaml", 9 + 2 * i..10 + 2 * i))
            .collect();
        all.push(Diagnostic::warning("unknown key `n`").at("p.yaml", 21..25));
        let out = render(&all, &sources);
        assert_eq!(out.matches("warning: unknown key").count(), FOLD_AFTER + 1, "{out}");
        assert!(out.contains("warning: 3 more warnings like the last on line 1 of `p.yaml`"), "{out}");
        assert!(out.contains("unknown key `n`"), "another line is another group: {out}");
        let json: serde_json::Value = serde_json::from_str(&to_json(&all, &sources)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 7, "JSON lists every one");
    }

    #[test]
    fn characters_are_counted_from_the_block_index() {
        let text = format!("{}\n{}ü{}", "a".repeat(BLOCK - 1), "ö".repeat(BLOCK), "b".repeat(3 * BLOCK));
        let file = SourceFile::new(Path::new(""), &text);
        for offset in [0, BLOCK - 1, BLOCK, 3 * BLOCK, text.len() - 1, text.len()] {
            let offset = floor_char_boundary(&text, offset);
            assert_eq!(file.chars_before(offset), text[..offset].chars().count(), "{offset}");
        }
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("jounral", ["journal", "title"]), Some("journal"));
        assert_eq!(closest("zzz", ["journal", "title"]), None);
        assert_eq!(closest("tms", ["tsm", "jmlr"]), Some("tsm"));
    }
}
