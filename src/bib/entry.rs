//! A parsed bibliography: its entries with their fields as written, their typed view, and the
//! facts decided once when the entry is read (year, month, selected, and the id that tells two
//! entries with one key apart) that the CV, the lints and the export all read. Pure data and
//! small functions over it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::category::Category;

use crate::bib::reader::Problem;
use crate::bib::{dates, latex};

/// The entries of one BibTeX file that could be read, in source order.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// Entries in source order.
    pub entries: Vec<BibEntry>,
    /// `@string` definitions in source order.
    pub strings: Vec<RawField>,
    /// `@preamble` values, as written (texts and macros joined by `#`).
    pub preambles: Vec<Vec<ValuePart>>,
}

impl Bibliography {
    /// Adds the entries, `@string`s and preambles of `other` (another file) after these.
    pub fn append(&mut self, mut other: Bibliography) {
        self.entries.append(&mut other.entries);
        self.strings.append(&mut other.strings);
        self.preambles.append(&mut other.preambles);
        self.assign_ids();
    }

    /// Gives every entry its [`BibEntry::id`]: its key, or `key-2` (the next number no entry
    /// uses) when an earlier entry has the key; BibTeX compares keys without letter case. Source
    /// order decides, so the same files always give the same ids. Linear in the entries.
    pub fn assign_ids(&mut self) {
        let mut taken: HashSet<String> = self.entries.iter().map(|e| e.key.to_lowercase()).collect();
        let mut seen: HashSet<String> = HashSet::with_capacity(self.entries.len());
        let mut next: HashMap<String, usize> = HashMap::new();
        for entry in &mut self.entries {
            let lower = entry.key.to_lowercase();
            if seen.insert(lower.clone()) {
                entry.id = entry.key.clone();
                continue;
            }
            let n = next.entry(lower).or_insert(2);
            let id = loop {
                let id = format!("{}-{n}", entry.key);
                *n += 1;
                if taken.insert(id.to_lowercase()) {
                    break id;
                }
            };
            entry.id = id;
        }
    }
}

/// The entry a key written in the profile or on the command line names, by index in `ids` (the
/// entries' [`BibEntry::id`]s in order, the key of each beside it): the id as written; `key-1` for
/// the first entry with `key` (its id is the key itself); else the first entry whose id or key is
/// the same in any letter case, as BibTeX compares keys. The one rule for `papers:`,
/// `select.keys` and `cvgen bib --key`; `None` when no entry has it.
pub fn resolve_key<'a>(written: &str, entries: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Option<usize> {
    let written = written.trim();
    if let Some(i) = entries.clone().position(|(_, id)| id == written) {
        return Some(i);
    }
    if let Some(stem) = written.strip_suffix("-1")
        && let Some(i) = entries.clone().position(|(key, id)| key.eq_ignore_ascii_case(stem) && id == key)
    {
        return Some(i);
    }
    entries.clone().position(|(key, id)| id.eq_ignore_ascii_case(written) || key.eq_ignore_ascii_case(written))
}

/// One entry: its raw fields (as written) and the typed view of the `biblatex` crate.
#[derive(Debug, Clone)]
pub struct BibEntry {
    /// The file it was read from; every span of the entry is in that file's text.
    pub file: Arc<Path>,
    /// The category the file gives its entries (`publications.bib: [{path, category}]`), set
    /// by whoever read the file from a profile.
    pub file_category: Option<Category>,
    /// Citation key, as written.
    pub key: String,
    /// The name cvgen knows the entry by: its key, or `key-2` when an earlier entry (in this
    /// file or an earlier one) has the key. The CV's anchors and citations and `cvgen bib`'s
    /// keys use it, so two entries with one key both stay and both can be cited.
    pub id: String,
    /// Entry type as written, lowercased (`inproceedings`).
    pub kind: String,
    /// Byte range of the whole entry in the file.
    pub span: Range<usize>,
    /// The line the entry starts on (from 1), for messages that name it from elsewhere.
    pub line: usize,
    /// Where the key is.
    pub key_span: Range<usize>,
    /// Fields in source order, values as written (each name once: the first, as BibTeX reads).
    pub fields: Vec<RawField>,
    /// Fields it lacks and takes from the entries it names in `crossref` or `xdata`.
    pub inherited: Vec<RawField>,
    /// The typed view: LaTeX parsed, names split, inherited fields included.
    pub typed: biblatex::Entry,
    /// The year it was published, decided once here for the CV, the lints and the export.
    pub year: Option<i32>,
    /// The month, when the date gives one (1–12).
    pub month: Option<u8>,
    /// The day, when a `date` gives one (1–31), for the order of papers within a month.
    pub day: Option<u8>,
    /// Whether the owner marked it `selected = {true}` (or `yes`, `1`).
    pub selected: bool,
}

impl BibEntry {
    /// The raw field named `name` (case-insensitive), as written in this entry.
    pub fn field(&self, name: &str) -> Option<&RawField> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The field named `name`, written in this entry or inherited.
    pub fn field_or_inherited(&self, name: &str) -> Option<&RawField> {
        self.field(name).or_else(|| self.inherited.iter().find(|f| f.name.eq_ignore_ascii_case(name)))
    }
}

/// A field as written: its name and the parts of its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawField {
    /// Field name as written.
    pub name: String,
    /// Where the name is.
    pub name_span: Range<usize>,
    /// Where the value is.
    pub value_span: Range<usize>,
    /// The value: literal texts and macro names joined by `#`.
    pub value: Vec<ValuePart>,
    /// The value as BibTeX reads it: macros expanded (`jan` is `January`; an undefined macro is
    /// empty), delimiters removed.
    pub text: String,
}

/// One part of a `#`-concatenated value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// Decides the facts every reader shares, once, from the fields as BibTeX reads them (macros
/// expanded, a missing field inherited through `crossref`): the date ([`dates`]: `date`, else
/// `year` and `month`) and `selected` (or one of its aliases, `_selected`). A date, year or month cvgen cannot read is a warning: the
/// entry is shown all the same, ordered by what could be read.
pub(super) fn decide(entry: &mut BibEntry, problems: &mut Vec<Problem>) {
    let field = |name: &str| entry.field_or_inherited(name);
    let own = |name: &str| entry.field(name);
    let warn = |problems: &mut Vec<Problem>, f: &RawField, message: String, hint: &str| {
        problems.push(Problem::warning(f.value_span.clone(), message).hint(hint));
    };
    let date = field("date").filter(|f| !f.text.trim().is_empty());
    let from_date = date.and_then(|f| dates::parse_date(&f.text));
    if let (Some(f), None, Some(_)) = (own("date"), from_date, own("date").filter(|f| !f.text.trim().is_empty())) {
        warn(
            problems,
            f,
            format!("the `date` of `{}` is not a date cvgen can read: `{}`", entry.key, f.text.trim()),
            "write it as `2024`, `2024-05` or `2024-05-17` (a range as `2024-05/2024-06`); until then the year comes from `year`",
        );
    }
    // The entry's own `month` is checked even when a `date` (its own or inherited) wins over it:
    // a value that cannot be used is said, and exporting to BibTeX, which has no `date`, makes
    // the month count again.
    if let Some(f) = own("month").filter(|f| !f.text.trim().is_empty() && dates::parse_month(&f.text).is_none()) {
        let hint = if from_date.is_some() {
            "write `month = may` (or `{May}`, `{5}`), or remove it: the `date` gives the month for now"
        } else {
            "write `month = may` (or `{May}`, `{5}`); until then the paper is ordered by its year alone"
        };
        warn(problems, f, format!("the `month` of `{}` is not a month: `{}`", entry.key, f.text.trim()), hint);
    }
    let published = from_date.unwrap_or_else(|| {
        let year = field("year").filter(|f| !f.text.trim().is_empty());
        let month = field("month").filter(|f| !f.text.trim().is_empty());
        let parsed_month = month.and_then(|f| dates::parse_month(&f.text));
        dates::Published { year: year.and_then(|f| dates::parse_year(&f.text)), month: parsed_month, day: None }
    });
    // Other tools' names count as the field (`_selected`, bamos-style generators'): the first
    // written of `selected` and its aliases decides.
    let selected = std::iter::once("selected")
        .chain(super::aliases::of("selected"))
        .find_map(|name| field(name).filter(|f| !f.text.trim().is_empty()))
        .is_some_and(|f| matches!(f.text.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"));
    entry.year = published.year;
    entry.month = published.month;
    entry.day = published.day;
    entry.selected = selected;
}

/// How deep `@string` definitions may refer to each other before a value counts as unreadable.
const MAX_MACRO_DEPTH: usize = 32;

/// A value as plain text, `@string` macros replaced by their definitions (names compared
/// case-insensitively, as BibTeX does; the last definition wins). `None` when a macro is undefined
/// (month macros included) or the definitions refer to each other too deeply. For values that are
/// no longer tied to a place in a file (an export's records); a field read from a file has its
/// [`RawField::text`].
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
                let definition = strings.iter().rev().find(|s| s.name.eq_ignore_ascii_case(name))?;
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
                text: String::new(),
            },
            RawField { name: "B".into(), name_span: 0..0, value_span: 0..0, value: text("y"), text: String::new() },
            RawField {
                name: "loop".into(),
                name_span: 0..0,
                value_span: 0..0,
                value: vec![ValuePart::Macro("loop".into())],
                text: String::new(),
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
