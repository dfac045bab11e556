//! Writing BibTeX text: cvgen's own writer, because the `biblatex` crate's re-escapes values
//! (math gains backslashes on every round trip).
//!
//! It never interprets a value: each part is written back exactly as it was read, a literal in
//! braces (`{…}` keeps its text byte for byte, case-protecting braces and math included) and a
//! macro bare, joined by ` # `. Parsing the output with [`crate::bib::parse`] gives back the same
//! fields and values. Pure: records in, text out.

use std::collections::HashSet;

use crate::bib::{BibEntry, RawField, ValuePart};

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

/// A value that cannot be written so that it reads back the same (its braces don't balance and
/// it contains a `"`). The parser never produces one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable {
    /// The entry key, or `@string`.
    pub key: String,
    /// The field name.
    pub field: String,
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
pub fn used_strings(records: &[Record], strings: &[RawField]) -> Vec<Field> {
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
pub fn split_preamble(joined: &str) -> Vec<String> {
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

    #[test]
    fn unbalanced_literals_fall_back_to_quotes() {
        assert_eq!(value(&[ValuePart::Text("a } b".into())]).as_deref(), Some("\"a } b\""));
        assert_eq!(value(&[ValuePart::Text("a \"}".into())]), None);
        assert_eq!(value(&[ValuePart::Text("a\\".into())]), None);
        assert!(fits_braces(r"a \{ b"));
        assert!(!fits_braces("{"));
    }
}
