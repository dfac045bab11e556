//! The typed view of an entry, through the `biblatex` crate: LaTeX in values turned into text
//! (accents, commands, math) and author lists split into names.
//!
//! The crate sees only what it reads safely: each entry alone, its values with the macros already
//! expanded (so no `@string` can be missing or cyclic), and without the fields cvgen reads itself
//! or that reach the crate's panicking or aliasing paths (`date`, `year`, `month`: its date code
//! panics on values BibTeX accepts; `crossref`, `xdata`: resolved by cvgen; `ids`: the crate
//! would make its aliases keys). A value the crate still cannot read (an unpaired `$` it would take
//! for math, a stray backslash) is shown as written, braces removed, with a warning. Pure.

use std::ops::Range;

use biblatex::{Chunk, Pair, RawBibliography, RawChunk, RawEntry, Spanned};

use super::names::Name;
use super::reader::Problem;
use super::{RawField, ValuePart, latex};

/// Fields the crate reads as lists of names (a `=` in braces there is text, not `family=`).
const NAME_FIELDS: &[&str] = &[
    "author",
    "editor",
    "editora",
    "editorb",
    "editorc",
    "translator",
    "annotator",
    "commentator",
    "introduction",
    "foreword",
    "afterword",
    "bookauthor",
    "holder",
];

/// Fields the crate never sees: read by cvgen itself (dates, inheritance) or unsafe in the crate.
const KEPT_FROM_CRATE: &[&str] = &["date", "year", "month", "crossref", "xdata", "ids"];

/// [`typed`] of an entry that starts at byte `start`, memoized on what it reads with every
/// position relative to `start`; the positions in the result are put back (wrapping arithmetic
/// both ways, so an inherited field above the entry round-trips exactly).
pub fn typed_at(
    start: usize,
    key: &str,
    kind: &str,
    fields: &[&RawField],
    own: usize,
    problems: &mut Vec<Problem>,
) -> biblatex::Entry {
    if !crate::memo::kept() {
        return typed(key, kind, fields, own, problems);
    }
    let (mut entry, found) = typed_relative(key, kind, Relative { start, fields }, own);
    // A detached span (the crate's `usize::MAX`) stays detached; no field's position is one byte
    // before its entry's `@`, so no relative position is mistaken for one.
    for chunk in entry.fields.values_mut().flatten().filter(|chunk| !chunk.is_detached()) {
        chunk.span = chunk.span.start.wrapping_add(start)..chunk.span.end.wrapping_add(start);
    }
    problems.extend(found.into_iter().map(|p| p.shifted(start)));
    entry
}

/// An entry's fields as the memo sees them: hashed with every position relative to `start`, so
/// that a field is copied with its positions moved only when the memo has no result for it.
struct Relative<'a> {
    start: usize,
    fields: &'a [&'a RawField],
}

impl std::hash::Hash for Relative<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let relative = |r: &Range<usize>| (r.start.wrapping_sub(self.start), r.end.wrapping_sub(self.start));
        self.fields.len().hash(state);
        for RawField { name, name_span, value_span, value, text } in self.fields {
            (name, relative(name_span), relative(value_span), value, text).hash(state);
        }
    }
}

#[comemo::memoize]
fn typed_relative(key: &str, kind: &str, fields: Relative<'_>, own: usize) -> (biblatex::Entry, Vec<Problem>) {
    let back = fields.start.wrapping_neg();
    let relative: Vec<RawField> = fields.fields.iter().map(|f| shifted(f, back)).collect();
    let mut problems = Vec::new();
    let relative: Vec<&RawField> = relative.iter().collect();
    let entry = typed(key, kind, &relative, own, &mut problems);
    (entry, problems)
}

fn shifted(field: &RawField, by: usize) -> RawField {
    let shift = |r: &Range<usize>| r.start.wrapping_add(by)..r.end.wrapping_add(by);
    RawField { name_span: shift(&field.name_span), value_span: shift(&field.value_span), ..field.clone() }
}

/// The typed entry of `key` (of type `kind`) from its fields and those it inherits (the fields
/// from `own` on). Values the crate cannot read become warnings in `problems`, each said once:
/// an inherited value's warning is its parent's, at the parent's field, not one per child.
pub fn typed(key: &str, kind: &str, fields: &[&RawField], own: usize, problems: &mut Vec<Problem>) -> biblatex::Entry {
    let given: Vec<(&RawField, String, bool)> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !KEPT_FROM_CRATE.iter().any(|k| f.name.eq_ignore_ascii_case(k)))
        .map(|(i, f)| {
            let names = NAME_FIELDS.iter().any(|n| f.name.eq_ignore_ascii_case(n));
            let prepared = latex::prepare(&f.text, names);
            let inherited = i >= own;
            for command in prepared.unknown.iter().filter(|_| !inherited) {
                problems.push(Problem {
                    error: false,
                    span: locate(f, &command.span),
                    message: format!(
                        "unknown LaTeX command `\\{}` in `{}` of `{key}`",
                        command.name,
                        f.name.to_ascii_lowercase()
                    ),
                    label: None,
                    hints: vec![
                        "it is shown as its argument (or, without one, as written); write the text itself, or a command from LaTeX's tables (`\\o`, `\\ss`, `\\'e`, `\\emph{…}`)".to_owned(),
                    ],
                });
            }
            (*f, for_crate(&prepared.text), inherited)
        })
        .collect();
    let mut left_out: Vec<usize> = Vec::new();
    loop {
        let pairs: Vec<Pair> = given
            .iter()
            .enumerate()
            .filter(|(i, _)| !left_out.contains(i))
            .map(|(_, (field, text, _))| {
                let span = field.value_span.clone();
                Pair::new(
                    Spanned::new(field.name.as_str(), field.name_span.clone()),
                    Spanned::new(vec![Spanned::new(RawChunk::Normal(text.as_str()), span.clone())], span),
                )
            })
            .collect();
        let entry = RawEntry { key: Spanned::detached(key), kind: Spanned::detached(kind), fields: pairs };
        let raw = RawBibliography {
            preamble: String::new(),
            entries: vec![Spanned::detached(entry)],
            abbreviations: Vec::new(),
        };
        match biblatex::Bibliography::from_raw(raw) {
            Ok(bibliography) => {
                let mut entry = bibliography.into_vec().pop().expect("one entry in, one entry out");
                for &i in &left_out {
                    let (field, _, _) = &given[i];
                    let text: String = field.text.chars().filter(|c| !matches!(c, '{' | '}')).collect();
                    let chunk = Spanned::new(Chunk::Normal(text), field.value_span.clone());
                    entry.set(&field.name.to_ascii_lowercase(), vec![chunk]);
                }
                empty_names(key, &entry, &fields[..own.min(fields.len())], problems);
                return entry;
            }
            Err(error) => {
                // The field whose value holds the error; if none can be named, every field is
                // shown as written.
                let at = error.span.start;
                let culprit = given
                    .iter()
                    .enumerate()
                    .position(|(i, (f, _, _))| !left_out.contains(&i) && contains(&f.value_span, at));
                let culprit = culprit.or_else(|| (0..given.len()).find(|i| !left_out.contains(i)));
                let Some(i) = culprit else { unreachable!("a bibliography of fields that all failed parses") };
                let (field, _, inherited) = &given[i];
                // The parent says it for an inherited value (its own entry meets the same text).
                problems.extend((!inherited).then(|| {
                    Problem::warning(
                        field.value_span.clone(),
                        format!(
                            "cannot read the LaTeX in `{}` of `{key}` ({})",
                            field.name.to_ascii_lowercase(),
                            // The kind alone: the error's own text ends in byte offsets.
                            error.kind
                        ),
                    )
                    .hint("it is shown as written, braces removed; check its `$`, `\\` and braces")
                }));
                left_out.push(i);
            }
        }
    }
}

/// Where `range` (in a field's text) is in the file: exact when the value is one literal, as most
/// are; the whole value when macros were expanded into it.
fn locate(field: &RawField, range: &Range<usize>) -> Range<usize> {
    match field.value.as_slice() {
        // The literal starts one byte after its opening delimiter.
        [ValuePart::Text(t)] if *t == field.text && field.value_span.len() >= t.len() + 2 => {
            field.value_span.start + 1 + range.start..field.value_span.start + 1 + range.end
        }
        _ => field.value_span.clone(),
    }
}

/// A name that comes out empty (`{\relax}`, a doubled `and`) is a warning at its list: the CV
/// would print nothing for that author and `coauthors` would miss them.
fn empty_names(key: &str, entry: &biblatex::Entry, fields: &[&RawField], problems: &mut Vec<Problem>) {
    for field in fields.iter().filter(|f| NAME_FIELDS.iter().any(|n| f.name.eq_ignore_ascii_case(n))) {
        let field_name = field.name.to_ascii_lowercase();
        let Ok(people) = entry.get_as::<Vec<biblatex::Person>>(&field_name) else { continue };
        for (i, person) in people.iter().enumerate() {
            let name = Name::from_person(person);
            if name.display().trim().is_empty() && !name.is_others() {
                problems.push(Problem {
                    error: false,
                    span: field.value_span.clone(),
                    message: format!("name {} in `{field_name}` of `{key}` comes out empty", i + 1),
                    label: None,
                    hints: vec![
                        "write the name as it should print (a group in braces, `{The CV Consortium}`), or remove the extra `and`".to_owned(),
                    ],
                });
            }
        }
    }
}

fn contains(span: &Range<usize>, at: usize) -> bool {
    span.start <= at && at <= span.end
}

/// A value the crate reads as BibTeX would print it: an unpaired `$` is a dollar sign, not the
/// start of math that never ends; a backslash at the very end escapes nothing.
fn for_crate(text: &str) -> String {
    let mut out = text.to_owned();
    let mut dollars: Vec<usize> = Vec::new();
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '$' => dollars.push(i),
            _ => {}
        }
    }
    if dollars.len() % 2 == 1
        && let Some(&last) = dollars.last()
    {
        out.insert(last, '\\');
    }
    if out.ends_with('\\') && !out.ends_with("\\\\") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaired_dollars_and_trailing_backslashes_are_text() {
        assert_eq!(for_crate("Cost in $ per unit"), "Cost in \\$ per unit");
        assert_eq!(for_crate("$x$ and $"), "$x$ and \\$");
        assert_eq!(for_crate("$x$"), "$x$");
        assert_eq!(for_crate("a \\$ b"), "a \\$ b");
        assert_eq!(for_crate("ends in \\"), "ends in ");
    }
}
