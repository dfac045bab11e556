//! A parsed bibliography: its entries with their fields as written, their typed view, and the
//! facts decided once when the entry is read (year, month, selected) that the CV, the lints and
//! the export all read. Pure data and small functions over it.

use std::collections::HashMap;
use std::ops::Range;

use crate::bib::{dates, latex};

/// The entries of one BibTeX file that could be read, in source order.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// Entries in source order.
    pub entries: Vec<BibEntry>,
    /// `@string` definitions in source order.
    pub strings: Vec<RawField>,
    /// `@preamble` contents, raw.
    pub preambles: Vec<String>,
}

/// One entry: its raw fields (as written) and the typed view of the `biblatex` crate.
#[derive(Debug, Clone)]
pub struct BibEntry {
    /// Citation key.
    pub key: String,
    /// Entry type as written, lowercased (`inproceedings`).
    pub kind: String,
    /// Byte range of the whole entry in the file.
    pub span: Range<usize>,
    /// Fields in source order, values as written.
    pub fields: Vec<RawField>,
    /// The typed entry: abbreviations and crossrefs resolved, LaTeX parsed.
    pub typed: biblatex::Entry,
    /// The year it was published, decided once here for the CV, the lints and the export.
    pub year: Option<i32>,
    /// The month, when the date gives one (1–12).
    pub month: Option<u8>,
    /// Whether the owner marked it `selected = {true}` (or `yes`, `1`).
    pub selected: bool,
}

impl BibEntry {
    /// The raw field named `name` (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&RawField> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }
}

/// A field as written: its name and the parts of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawField {
    /// Field name as written.
    pub name: String,
    /// Where the name is.
    pub name_span: Range<usize>,
    /// Where the value is.
    pub value_span: Range<usize>,
    /// The value: literal texts and macro names joined by `#`.
    pub value: Vec<ValuePart>,
}

/// One part of a `#`-concatenated value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValuePart {
    /// Literal text, without its delimiters (braces inside are kept).
    Text(String),
    /// A macro name (`@string` abbreviation or a month like `jan`).
    Macro(String),
}

impl BibEntry {
    /// A field's display text from the typed entry (macros and crossrefs resolved, LaTeX turned
    /// into text), if it is not empty.
    pub fn text(&self, name: &str) -> Option<String> {
        self.typed.get(name).map(latex::chunks_to_text).filter(|s| !s.is_empty())
    }
}

/// Decides the facts every reader shares, once, from the fields as written (`@string` macros
/// resolved, a missing field inherited through `crossref`): the date ([`dates`]: `date`, else
/// `year` and `month`) and `selected`.
pub(super) fn decide(entries: &mut [BibEntry], strings: &[RawField]) {
    let index: HashMap<String, usize> =
        entries.iter().enumerate().rev().map(|(i, e)| (e.key.to_lowercase(), i)).collect();
    let facts: Vec<(dates::Published, bool)> = (0..entries.len())
        .map(|i| {
            let field = |name: &str| inherited(entries, &index, i, name);
            let text = |name: &str| field(name).and_then(|f| plain(&f.value, strings));
            let from_date = text("date").and_then(|d| dates::parse_date(&d));
            let published = from_date.unwrap_or_else(|| dates::Published {
                year: text("year").and_then(|y| dates::parse_year(&y)),
                month: field("month").and_then(|f| month(&f.value, strings)),
            });
            let selected = text("selected")
                .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"));
            (published, selected)
        })
        .collect();
    for (entry, (published, selected)) in entries.iter_mut().zip(facts) {
        entry.year = published.year;
        entry.month = published.month;
        entry.selected = selected;
    }
}

/// The field `name` of entry `i`, or of the entry it inherits from (`crossref`, followed up to
/// eight levels: cycles were removed when the file was read).
fn inherited<'e>(
    entries: &'e [BibEntry],
    index: &HashMap<String, usize>,
    i: usize,
    name: &str,
) -> Option<&'e RawField> {
    let mut at = i;
    for _ in 0..8 {
        if let Some(field) = entries[at].field(name) {
            return Some(field);
        }
        let parent = entries[at].field("crossref")?;
        let key = parent.value.iter().find_map(|p| match p {
            ValuePart::Text(t) => Some(t.trim().to_lowercase()),
            ValuePart::Macro(_) => None,
        })?;
        at = *index.get(&key)?;
    }
    None
}

/// The month a `month` value names: a month macro not redefined by an `@string` (also as the
/// first part of `jun # { 1998}`), else its text ([`dates::parse_month`]).
fn month(value: &[ValuePart], strings: &[RawField]) -> Option<u8> {
    if let Some(ValuePart::Macro(name)) = value.first()
        && !strings.iter().any(|s| s.name.eq_ignore_ascii_case(name))
    {
        return dates::month_of_macro(name);
    }
    plain(value, strings).and_then(|text| dates::parse_month(&text))
}

/// How deep `@string` definitions may refer to each other before a value counts as unreadable.
const MAX_MACRO_DEPTH: usize = 32;

/// A value as plain text, `@string` macros replaced by their definitions (the last definition
/// wins, as in the parser). `None` when a macro is undefined (month macros included) or the
/// definitions refer to each other too deeply.
pub fn plain(value: &[ValuePart], strings: &[RawField]) -> Option<String> {
    plain_at(value, strings, 0)
}

fn plain_at(value: &[ValuePart], strings: &[RawField], depth: usize) -> Option<String> {
    if depth > MAX_MACRO_DEPTH {
        return None;
    }
    let mut out = String::new();
    for part in value {
        match part {
            ValuePart::Text(text) => out.push_str(text),
            ValuePart::Macro(name) => {
                let definition = strings.iter().rev().find(|s| s.name == *name)?;
                out.push_str(&plain_at(&definition.value, strings, depth + 1)?);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Vec<ValuePart> {
        vec![ValuePart::Text(t.to_owned())]
    }

    #[test]
    fn plain_resolves_macros_and_stops_on_cycles() {
        let strings = vec![
            RawField {
                name: "a".into(),
                name_span: 0..0,
                value_span: 0..0,
                value: vec![ValuePart::Text("x".into()), ValuePart::Macro("b".into())],
            },
            RawField { name: "b".into(), name_span: 0..0, value_span: 0..0, value: text("y") },
            RawField {
                name: "loop".into(),
                name_span: 0..0,
                value_span: 0..0,
                value: vec![ValuePart::Macro("loop".into())],
            },
        ];
        assert_eq!(plain(&[ValuePart::Macro("a".into())], &strings).as_deref(), Some("xy"));
        assert_eq!(plain(&[ValuePart::Macro("loop".into())], &strings), None);
        assert_eq!(plain(&[ValuePart::Macro("jan".into())], &strings), None);
    }

    #[test]
    fn year_and_selection_are_decided_once() {
        let (bib, _) = crate::bib::parse(
            "@string{yr = {2019}}\n@misc{dated, date = {2023-04}}\n\
             @misc{both, year = {2021}, date = {2022-02-03}, selected = {Yes}}\n\
             @misc{odd, year = {c. 1999}, month = {June 1998}}\n@misc{none, title = {T}}\n\
             @misc{child, crossref = {Parent}}\n@proceedings{parent, year = yr, month = jun # { 1998}}\n",
            std::path::Path::new("refs.bib"),
        );
        let facts: Vec<_> = bib.entries.iter().map(|e| (e.key.as_str(), e.year, e.month, e.selected)).collect();
        assert_eq!(
            facts,
            [
                ("dated", Some(2023), Some(4), false),
                ("both", Some(2022), Some(2), true),
                ("odd", Some(1999), Some(6), false),
                ("none", None, None, false),
                ("child", Some(2019), Some(6), false),
                ("parent", Some(2019), Some(6), false)
            ]
        );
    }
}
