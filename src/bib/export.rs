//! Writing BibTeX: the export pipeline of `cvgen bib` (select → strip private fields → convert →
//! write) and the writer itself.
//!
//! The writer is cvgen's own, because the `biblatex` crate's writer re-escapes values (math
//! gains backslashes on every round trip). It never interprets a value: each part is written back
//! exactly as it was read, a literal in braces (`{…}` keeps its text byte for byte, case-protecting
//! braces and math included) and a macro bare, joined by ` # `. Parsing the output with
//! [`super::parse`] gives back the same fields and values. Pure functions only: the command
//! (`cmd::bib`) reads the inputs and writes the result.

use std::collections::HashSet;
use std::path::Path;

use super::convert::{self, Private, Selection};
use super::{BibEntry, Bibliography, RawField, ValuePart};
use crate::diag::Diagnostic;

/// The dialect of the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Classic BibTeX: BibLaTeX-only fields and types downgraded ([`convert::to_bibtex`]).
    #[default]
    Bibtex,
    /// BibLaTeX: classic fields and types upgraded ([`convert::to_biblatex`]).
    Biblatex,
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportConfig {
    /// Which entries.
    pub selection: Selection,
    /// Which fields to remove.
    pub private: Private,
    /// The dialect.
    pub format: Format,
}

impl Default for ExportConfig {
    fn default() -> Self {
        Self { selection: Selection::default(), private: Private::default_list(), format: Format::Bibtex }
    }
}

/// One entry as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Entry type, lowercase (`article`).
    pub kind: String,
    /// Citation key, as written.
    pub key: String,
    /// Fields in output order.
    pub fields: Vec<Field>,
}

impl Record {
    /// The entry as read, field names lowercased (ASCII only, as the typed parser does).
    pub fn from_entry(entry: &BibEntry) -> Self {
        Self {
            kind: entry.kind.clone(),
            key: entry.key.clone(),
            fields: entry
                .fields
                .iter()
                .map(|f| Field { name: f.name.to_ascii_lowercase(), value: f.value.clone() })
                .collect(),
        }
    }

    /// Where the first field named `name` (lowercase) is.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Whether a field named `name` (lowercase) is there.
    pub fn has(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Removes every field named `name` (lowercase).
    pub fn remove(&mut self, name: &str) {
        self.fields.retain(|f| f.name != name);
    }
}

/// A field as it will be written: name and value parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Field name (lowercase in entries; `@string` names keep their case, since macros are
    /// looked up by exact name).
    pub name: String,
    /// The value: literals and macro names, joined by `#` when written.
    pub value: Vec<ValuePart>,
}

impl Field {
    /// A field with one literal value.
    pub fn text(name: &str, text: impl Into<String>) -> Self {
        Self { name: name.to_owned(), value: vec![ValuePart::Text(text.into())] }
    }
}

/// A whole output file: preambles, the `@string`s the entries use, and the entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// `@preamble` contents, each a quoted string as read (`"\newcommand…"`).
    pub preambles: Vec<String>,
    /// `@string` definitions, in source order.
    pub strings: Vec<Field>,
    /// The entries, in output order.
    pub records: Vec<Record>,
}

/// The result of an export.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// The BibTeX text (empty when nothing is exported, else ending in one newline).
    pub text: String,
    /// How many entries were written, `crossref` parents included.
    pub entries: usize,
    /// Problems with the selection: unknown keys (errors), empty results and missing parents
    /// (warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// A value that cannot be written so that it reads back the same (its braces don't balance and
/// it contains a `"`). The parser never produces one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable {
    /// The entry key, or `@string`.
    pub key: String,
    /// The field name.
    pub field: String,
}

/// Exports `bib` (read from `path`, named in messages) as `config` says.
pub fn export(bib: &Bibliography, path: &Path, config: &ExportConfig) -> Export {
    let (order, mut diagnostics) = convert::select(bib, &config.selection, path);
    let mut records: Vec<Record> = order.iter().map(|&i| Record::from_entry(&bib.entries[i])).collect();
    for record in &mut records {
        convert::strip_private(record, &config.private);
        // `bib::parse` already left out (and warned about) a field written twice; this keeps
        // the writer's output readable back the same for any bibliography.
        convert::drop_repeats(record);
        match config.format {
            Format::Bibtex => convert::to_bibtex(record, &bib.strings),
            Format::Biblatex => convert::to_biblatex(record, &bib.strings),
        }
    }

    let selection_failed = diagnostics.iter().any(Diagnostic::is_error);
    if records.is_empty() && !selection_failed {
        let d = if bib.entries.is_empty() {
            Diagnostic::warning(format!("nothing to export from `{}`: it has no readable entries", path.display()))
        } else {
            Diagnostic::warning(format!("no entry matches `{}`; the export is empty", config.selection.describe()))
                .hint(format!(
                    "`{}` has {} {}; loosen the selection",
                    path.display(),
                    bib.entries.len(),
                    if bib.entries.len() == 1 { "entry" } else { "entries" }
                ))
        };
        diagnostics.push(d);
    }
    if records.is_empty() || selection_failed {
        return Export { text: String::new(), entries: 0, diagnostics };
    }

    let document = Document {
        preambles: bib.preambles.iter().flat_map(|p| split_preamble(p)).collect(),
        strings: used_strings(&records, &bib.strings),
        records,
    };
    match write(&document) {
        Ok(text) => Export { text, entries: document.records.len(), diagnostics },
        Err(Unwritable { key, field }) => {
            diagnostics.push(
                Diagnostic::error(format!("cannot write field `{field}` of `{key}`: its braces do not balance"))
                    .hint("balance the `{` and `}` in this value"),
            );
            Export { text: String::new(), entries: 0, diagnostics }
        }
    }
}

/// Writes `document` as BibTeX: preambles, then strings (one per line), then one block per entry
/// (`@type{key,`, two-space indent, `=` aligned, a trailing comma, `}`), blank lines between the
/// blocks, one newline at the end.
pub fn write(document: &Document) -> Result<String, Unwritable> {
    let mut blocks = Vec::new();
    if !document.preambles.is_empty() {
        blocks.push(document.preambles.iter().map(|p| format!("@preamble{{{p}}}\n")).collect::<String>());
    }
    if !document.strings.is_empty() {
        let mut block = String::new();
        for string in &document.strings {
            let value = value(&string.value)
                .ok_or_else(|| Unwritable { key: "@string".to_owned(), field: string.name.clone() })?;
            block.push_str(&format!("@string{{{} = {value}}}\n", string.name));
        }
        blocks.push(block);
    }
    for record in &document.records {
        blocks.push(entry(record)?);
    }
    Ok(blocks.join("\n"))
}

fn entry(record: &Record) -> Result<String, Unwritable> {
    let width = record.fields.iter().map(|f| f.name.chars().count()).max().unwrap_or(0);
    let mut out = format!("@{}{{{},\n", record.kind, record.key);
    for field in &record.fields {
        let value =
            value(&field.value).ok_or_else(|| Unwritable { key: record.key.clone(), field: field.name.clone() })?;
        out.push_str(&format!("  {:width$} = {value},\n", field.name));
    }
    out.push_str("}\n");
    Ok(out)
}

/// A value as BibTeX source: literals in braces (or quotes, when only quotes can hold them),
/// macros bare, joined by ` # `.
fn value(parts: &[ValuePart]) -> Option<String> {
    if parts.is_empty() {
        return Some("{}".to_owned());
    }
    let mut written = Vec::with_capacity(parts.len());
    for part in parts {
        written.push(match part {
            ValuePart::Macro(name) => name.clone(),
            ValuePart::Text(text) if fits_braces(text) => format!("{{{text}}}"),
            ValuePart::Text(text) if fits_quotes(text) => format!("\"{text}\""),
            ValuePart::Text(_) => return None,
        });
    }
    Some(written.join(" # "))
}

/// Whether `{text}` reads back as `text`: the parser skips the character after a backslash and
/// ends the value at the first `}` that closes nothing.
fn fits_braces(text: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.next().is_none() => return false,
            '\\' => {}
            '{' => depth += 1,
            '}' if depth == 0 => return false,
            '}' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// Whether `"text"` reads back as `text`: no unescaped `"` and no backslash at the end.
fn fits_quotes(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.next().is_none() => return false,
            '"' => return false,
            _ => {}
        }
    }
    true
}

/// The `@string` definitions the records use, directly or through other definitions, in source
/// order.
fn used_strings(records: &[Record], strings: &[RawField]) -> Vec<Field> {
    let mut used: HashSet<&str> = records.iter().flat_map(|r| &r.fields).flat_map(|f| macros(&f.value)).collect();
    loop {
        let before = used.len();
        for string in strings {
            if used.contains(string.name.as_str()) {
                used.extend(macros(&string.value));
            }
        }
        if used.len() == before {
            break;
        }
    }
    strings
        .iter()
        .filter(|s| used.contains(s.name.as_str()))
        .map(|s| Field { name: s.name.clone(), value: s.value.clone() })
        .collect()
}

fn macros(value: &[ValuePart]) -> impl Iterator<Item = &str> {
    value.iter().filter_map(|p| match p {
        ValuePart::Macro(name) => Some(name.as_str()),
        ValuePart::Text(_) => None,
    })
}

/// Splits the parser's preamble (quoted strings joined by ` # `) back into its strings, so each
/// is written as one `@preamble`, the only form the parser reads.
fn split_preamble(joined: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = joined;
    while !rest.is_empty() {
        let Some(body) = rest.strip_prefix('"') else { return vec![joined.to_owned()] };
        let mut end = None;
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { return vec![joined.to_owned()] };
        pieces.push(rest[..end + 2].to_owned());
        rest = &rest[end + 2..];
        if !rest.is_empty() {
            match rest.strip_prefix(" # ") {
                Some(next) => rest = next,
                None => return vec![joined.to_owned()],
            }
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::parse;

    fn parse_ok(text: &str) -> Bibliography {
        let (bib, diags) = parse(text, Path::new("refs.bib"));
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        bib
    }

    fn lossless() -> ExportConfig {
        ExportConfig { private: Private::Keep, ..ExportConfig::default() }
    }

    #[test]
    fn layout_aligns_fields_and_separates_entries() {
        let bib = parse_ok("@Article{k1, Title = {T}, journal = {J}}\n@misc{k2, note = {N}}");
        let out = export(&bib, Path::new("refs.bib"), &lossless());
        assert_eq!(out.text, "@article{k1,\n  title   = {T},\n  journal = {J},\n}\n\n@misc{k2,\n  note = {N},\n}\n");
        assert_eq!(out.entries, 2);
    }

    #[test]
    fn values_are_written_back_verbatim() {
        let source = r#"@article{k, title = "The {\"u}ber {GPU} $\mathcal{O}(n^2)$", note = {a \} b}, year = 2020}"#;
        let bib = parse_ok(source);
        let out = export(&bib, Path::new("refs.bib"), &lossless()).text;
        assert!(out.contains(r#"title = {The {\"u}ber {GPU} $\mathcal{O}(n^2)$},"#), "{out}");
        assert!(out.contains(r"note  = {a \} b},"), "{out}");
        assert!(out.contains("year  = {2020},"), "{out}");
        let again = export(&parse_ok(&out), Path::new("refs.bib"), &lossless()).text;
        assert_eq!(again, out);
    }

    #[test]
    fn unbalanced_literals_fall_back_to_quotes() {
        assert_eq!(value(&[ValuePart::Text("a } b".into())]).as_deref(), Some("\"a } b\""));
        assert_eq!(value(&[ValuePart::Text("a \"}".into())]), None);
        assert_eq!(value(&[ValuePart::Text("a\\".into())]), None);
        assert!(fits_braces(r"a \{ b"));
        assert!(!fits_braces("{"));
    }

    #[test]
    fn used_strings_only_and_their_dependencies() {
        let bib = parse_ok(
            "@string{base = {Journal of }}\n@string{jmlr = base # {ML}}\n@string{unused = {U}}\n\
             @article{k, journal = jmlr, month = jan, abbr = unused}",
        );
        let out = export(&bib, Path::new("refs.bib"), &ExportConfig::default()).text;
        assert_eq!(
            out,
            "@string{base = {Journal of }}\n@string{jmlr = base # {ML}}\n\n\
             @article{k,\n  journal = jmlr,\n  month   = jan,\n}\n"
        );
    }

    #[test]
    fn preambles_are_split_back_into_their_strings() {
        assert_eq!(split_preamble(r#""\def\a{1}" # "x \" y""#), [r#""\def\a{1}""#, r#""x \" y""#]);
        let bib = parse_ok("@preamble{\"\\newcommand{\\x}{X}\"}\n@preamble{\"% two\"}\n@misc{k, note = {n}}\n");
        let out = export(&bib, Path::new("refs.bib"), &lossless()).text;
        assert!(out.starts_with("@preamble{\"\\newcommand{\\x}{X}\"}\n@preamble{\"% two\"}\n\n@misc{k,"), "{out}");
        assert_eq!(parse_ok(&out).preambles, bib.preambles);
    }

    #[test]
    fn empty_selection_warns_and_writes_nothing() {
        let bib = parse_ok("@misc{k, note = {n}}");
        let config = ExportConfig {
            selection: Selection { selected_only: true, ..Selection::default() },
            ..ExportConfig::default()
        };
        let out = export(&bib, Path::new("refs.bib"), &config);
        assert_eq!(out.text, "");
        assert_eq!(out.diagnostics[0].message, "no entry matches `--selected`; the export is empty");
    }

    #[test]
    fn repeated_fields_are_exported_once_and_the_export_is_a_fixpoint() {
        // Found by fuzzing: the first `date` became `year`, the second stayed, and the next
        // export turned that one into a `month`. The parser now reads only the first of each
        // (and warns); the export never sees the repeats.
        let source = "@misc{k,\n  date = {2020},\n  title = {T},\n  Date = {2021-05},\n  title = {U},\n}\n";
        let (bib, warnings) = parse(source, Path::new("refs.bib"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        for (format, expected) in [
            (Format::Bibtex, "@misc{k,\n  year  = {2020},\n  title = {T},\n}\n"),
            (Format::Biblatex, "@misc{k,\n  date  = {2020},\n  title = {T},\n}\n"),
        ] {
            let config = ExportConfig { format, ..lossless() };
            let first = export(&bib, Path::new("refs.bib"), &config);
            assert_eq!(first.text, expected);
            assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
            let second = export(&parse_ok(&first.text), Path::new("refs.bib"), &config);
            assert_eq!(second.text, first.text);
            assert!(second.diagnostics.is_empty(), "{:?}", second.diagnostics);
        }
    }

    #[test]
    fn entry_without_fields_reads_back() {
        let bib = parse_ok("@misc{k,}");
        let out = export(&bib, Path::new("refs.bib"), &lossless()).text;
        assert_eq!(out, "@misc{k,\n}\n");
        assert_eq!(parse_ok(&out).entries[0].key, "k");
    }
}
