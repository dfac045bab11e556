//! Writing BibTeX text: cvgen's own writer, because the `biblatex` crate's re-escapes values
//! (math gains backslashes on every round trip).
//!
//! It never interprets a value: each part is written back exactly as it was read, a literal in
//! braces (`{…}` keeps its text byte for byte, case-protecting braces and math included) and a
//! macro bare, joined by ` # `. Parsing the output with [`crate::bib::parse`] gives back the same
//! fields and values. Pure: records in, text out.

use std::collections::{HashMap, HashSet};

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
    /// `@preamble` values, as read (texts and macros joined by `#`).
    pub preambles: Vec<Vec<ValuePart>>,
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
        let mut block = String::new();
        for preamble in &document.preambles {
            let value = preamble_value(preamble)
                .ok_or_else(|| Unwritable { key: "@preamble".to_owned(), field: String::new() })?;
            block.push_str(&format!("@preamble{{{value}}}\n"));
        }
        blocks.push(block);
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
    // A key with a `}` comes from an entry in parentheses (`@article(k}x, …)`, which BibTeX
    // reads): in braces the `}` would close the entry, so it is written in parentheses again.
    let (open, close) = if record.key.contains('}') { ('(', ')') } else { ('{', '}') };
    let mut out = format!("@{}{open}{},\n", record.kind, record.key);
    for field in &record.fields {
        let value =
            value(&field.value).ok_or_else(|| Unwritable { key: record.key.clone(), field: field.name.clone() })?;
        out.push_str(&format!("  {:width$} = {value},\n", field.name));
    }
    out.push(close);
    out.push('\n');
    Ok(out)
}

/// A value as BibTeX source: literals in braces, macros bare, joined by ` # `; `None` when a
/// literal's braces do not balance (the reader never gives one).
fn value(parts: &[ValuePart]) -> Option<String> {
    if parts.is_empty() {
        return Some("{}".to_owned());
    }
    let mut written = Vec::with_capacity(parts.len());
    for part in parts {
        written.push(match part {
            ValuePart::Macro(name) => name.clone(),
            ValuePart::Text(text) if fits_braces(text) => format!("{{{text}}}"),
            ValuePart::Text(_) => return None,
        });
    }
    Some(written.join(" # "))
}

/// A preamble's value: its texts in quotes, the way preambles are written (TeX code reads better
/// without another pair of braces), in braces when a `"` outside braces needs them.
fn preamble_value(parts: &[ValuePart]) -> Option<String> {
    let quoted = |text: &str| {
        let mut depth = 0usize;
        text.bytes().all(|b| match b {
            b'{' => {
                depth += 1;
                true
            }
            b'}' => depth.checked_sub(1).map(|d| depth = d).is_some(),
            b'"' => depth > 0,
            _ => true,
        }) && depth == 0
    };
    let written: Option<Vec<String>> = parts
        .iter()
        .map(|part| match part {
            ValuePart::Text(text) if quoted(text) => Some(format!("\"{text}\"")),
            other => value(std::slice::from_ref(other)),
        })
        .collect();
    Some(written?.join(" # "))
}

/// Whether `{text}` reads back as `text`: BibTeX counts every brace (a backslash escapes
/// nothing), so each `}` must close a `{` of the text.
fn fits_braces(text: &str) -> bool {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => return false,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// The `@string` definitions the records use, directly or through other definitions, in source
/// order. Macro names match whatever their case, as in BibTeX (`jN` uses `@string{jn = …}`); each
/// definition is looked at once, so a long chain of definitions costs its length.
pub fn used_strings(records: &[Record], strings: &[RawField]) -> Vec<Field> {
    let mut by_name: HashMap<String, Vec<&RawField>> = HashMap::new();
    for string in strings {
        by_name.entry(string.name.to_lowercase()).or_default().push(string);
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut pending: Vec<String> =
        records.iter().flat_map(|r| &r.fields).flat_map(|f| macros(&f.value)).map(str::to_lowercase).collect();
    while let Some(name) = pending.pop() {
        if !used.contains(&name) {
            for string in by_name.get(&name).into_iter().flatten() {
                pending.extend(macros(&string.value).map(str::to_lowercase));
            }
            used.insert(name);
        }
    }
    strings
        .iter()
        .filter(|s| used.contains(&s.name.to_lowercase()))
        .map(|s| Field { name: s.name.clone(), value: s.value.clone() })
        .collect()
}

fn macros(value: &[ValuePart]) -> impl Iterator<Item = &str> {
    value.iter().filter_map(|p| match p {
        ValuePart::Macro(name) => Some(name.as_str()),
        ValuePart::Text(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_texts_whose_braces_balance_can_be_written() {
        let text = |t: &str| value(&[ValuePart::Text(t.into())]);
        assert_eq!(text("a {b} \" c").as_deref(), Some("{a {b} \" c}"));
        assert_eq!(text(r"a \{b\} c").as_deref(), Some(r"{a \{b\} c}"));
        assert_eq!(text(r"ends in \").as_deref(), Some(r"{ends in \}"));
        // BibTeX counts every brace: a backslash escapes none.
        assert_eq!(text("a } b"), None);
        assert_eq!(text(r"a \{ b"), None);
        assert_eq!(text("{"), None);
    }
}
