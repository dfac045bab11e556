//! Reading BibTeX/BibLaTeX: every entry that can be read is read, every one that can't is reported
//! at its real place. (Writing BibTeX is [`export`].)
//!
//! [`reader`] reads the file in one pass as `bibtex` does, keeping each field's exact source text
//! (for a lossless export) and reporting every problem at its place; a broken entry is left out
//! and the others are read. Then, here: keys defined twice are reported (both entries stay: they
//! may be a conference and a journal version), `crossref` and `xdata` are resolved (a missing
//! field is taken from the parent), each entry gets its typed view ([`typed`]: LaTeX turned into
//! text, names split, through the `biblatex` crate), and its year, month and selection are decided,
//! once ([`BibEntry`]). Pure: text in; linear in the text.

pub mod aliases;
pub mod csl;
pub mod dates;
mod entry;
pub mod ids;
pub mod latex;
pub mod names;
mod problem;
pub mod reader;
pub mod roles;
mod typed;
pub mod venues;
pub mod write;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::Diagnostic;

pub use entry::{BibEntry, Bibliography, RawField, ValuePart, plain, resolve_key};

/// Parses `text` (the contents of `path`). Returns what could be read and one diagnostic per
/// problem, in the order of the file.
pub fn parse(text: &str, path: &Path) -> (Bibliography, Vec<Diagnostic>) {
    let read = if text.trim_start().starts_with('[') { csl::read(text) } else { reader::read(text) };
    let mut problems = read.problems;
    if read.entries.is_empty()
        && read.strings.is_empty()
        && read.preambles.is_empty()
        && !problems.iter().any(|p| p.error)
    {
        problems.extend(nothing_read(text, path));
    }
    let entries = read.entries;

    // Keys compare without regard to case, as in BibTeX; the first of a key is the one a
    // `crossref` names.
    let mut first: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut lines = LineIndex::default();
    for (i, entry) in entries.iter().enumerate() {
        let lower = entry.key.to_lowercase();
        match first.get(&lower) {
            None => {
                first.insert(lower, i);
            }
            Some(&earlier) => {
                let earlier = &entries[earlier];
                let line = lines.line(text, earlier.key_span.start);
                let problem = if earlier.key == entry.key {
                    reader::Problem::warning(entry.key_span.clone(), format!("duplicate key `{}`", entry.key)).hint(
                        format!(
                            "the first `{}` is on line {line}; both are read, but BibTeX stops at the second and biber keeps only the first: rename one",
                            earlier.key
                        ),
                    )
                } else {
                    reader::Problem::warning(
                        entry.key_span.clone(),
                        format!("the key `{}` differs from `{}` only in letter case", entry.key, earlier.key),
                    )
                    .hint(format!("`{}` is on line {line}; BibTeX takes the two for one key: rename one", earlier.key))
                };
                problems.push(problem);
            }
        }
    }

    let parents: Vec<Vec<usize>> = entries.iter().map(|e| parents_of(e, &first, &mut problems)).collect();
    let mut bibliography =
        Bibliography { strings: read.strings, preambles: read.preambles, entries: Vec::with_capacity(entries.len()) };
    let file: std::sync::Arc<Path> = std::sync::Arc::from(path);
    for (i, entry) in entries.iter().enumerate() {
        let inherited = inherit(i, &entries, &parents, &mut problems);
        let fields: Vec<&RawField> = entry.fields.iter().chain(&inherited).collect();
        let typed =
            typed::typed_at(entry.span.start, &entry.key, &entry.kind, &fields, entry.fields.len(), &mut problems);
        let mut entry = BibEntry {
            file: file.clone(),
            file_category: None,
            key: entry.key.clone(),
            id: String::new(),
            kind: entry.kind.clone(),
            span: entry.span.clone(),
            line: lines.line(text, entry.span.start),
            key_span: entry.key_span.clone(),
            fields: entry.fields.clone(),
            inherited,
            typed,
            year: None,
            month: None,
            day: None,
            selected: false,
        };
        entry::decide(&mut entry, &mut problems);
        bibliography.entries.push(entry);
    }
    bibliography.assign_ids();

    problems.sort_by_key(|p| p.span.start);
    let diagnostics = problems
        .into_iter()
        .map(|p| {
            let d = if p.error { Diagnostic::error(p.message) } else { Diagnostic::warning(p.message) };
            let d = d.at(path, p.span);
            let d = match p.label {
                Some(label) => d.label(label),
                None => d,
            };
            p.hints.into_iter().fold(d, Diagnostic::hint)
        })
        .collect();
    (bibliography, diagnostics)
}

/// What to say about a file in which nothing could be read: nothing when it is empty or only
/// comments (a new CV), else an error that says what it looks like.
fn nothing_read(text: &str, path: &Path) -> Option<reader::Problem> {
    let content: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('%'))
        .collect();
    let (start, first) = *content.first()?;
    let yaml = |l: &str| l.contains(": ") || l.trim_end().ends_with(':') || l.trim_start().starts_with("- ");
    let looks = if first.trim_start().starts_with('{') {
        Some("it looks like JSON, but not CSL-JSON (an array of items)")
    } else if first.trim_start().starts_with("---") || content.iter().all(|(_, l)| yaml(l)) {
        Some("it looks like YAML (a Hayagriva bibliography?)")
    } else {
        None
    };
    let message = match looks {
        Some(looks) => format!("no BibTeX entry in `{}`: {looks}", path.display()),
        None => format!("no BibTeX entry in `{}`", path.display()),
    };
    let at = start + (first.len() - first.trim_start().len());
    Some(reader::Problem::error(at..at + first.trim().len().min(40), message).hint(
        "cvgen reads BibTeX (entries like `@article{key, title = {…}}`) and CSL-JSON (Zotero: Export Library → CSL JSON)",
    ))
}

/// Line numbers of offsets, for hints that name another place in the file (built on first use).
#[derive(Default)]
struct LineIndex {
    starts: Option<Vec<usize>>,
}

impl LineIndex {
    fn line(&mut self, text: &str, offset: usize) -> usize {
        let starts = self
            .starts
            .get_or_insert_with(|| std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        starts.partition_point(|&s| s <= offset)
    }
}

/// The entries `entry` inherits from (`crossref`, then every key of `xdata`), by index; a key
/// that names no entry is a warning (BibTeX stops at it, biber warns).
fn parents_of(
    entry: &reader::RawEntry,
    first: &HashMap<String, usize>,
    problems: &mut Vec<reader::Problem>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for field in
        entry.fields.iter().filter(|f| f.name.eq_ignore_ascii_case("crossref") || f.name.eq_ignore_ascii_case("xdata"))
    {
        for key in field.text.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            match first.get(&key.to_lowercase()) {
                Some(&parent) => out.push(parent),
                None => problems.push(
                    reader::Problem::warning(
                        field.value_span.clone(),
                        format!("entry `{}` refers to `{key}`, which is not in this file", entry.key),
                    )
                    .hint(format!(
                        "`{}` is read without the fields it would inherit from `{key}`; add that entry or remove the `{}`",
                        entry.key,
                        field.name.to_ascii_lowercase()
                    )),
                ),
            }
        }
    }
    out
}

/// The most levels of `crossref`/`xdata` followed from one entry. BibTeX follows one; biber more;
/// real files use two or three (an `xdata` of an `xdata`). Without a limit a chain of n entries
/// makes each take the fields of all the rest: 4,000 took 66 s.
const MAX_INHERITANCE_DEPTH: usize = 8;

/// Fields an inheriting entry takes from none of its parents (other tools' names for them too:
/// `_selected` marks one paper, as `selected` does).
const NOT_INHERITED: &[&str] = &[
    "crossref",
    "xdata",
    "ids",
    "title",
    "subtitle",
    "titleaddon",
    "selected",
    "_selected",
    "award",
    "_award",
    "award_name",
    "award_url",
];

/// The fields entry `i` lacks and takes from its parents (and theirs), in BibTeX's way (a missing
/// field is copied) with BibLaTeX's renaming of a parent's title (`booktitle` from a book or a
/// proceedings, `journaltitle` from a periodical). A loop of parents is a warning and stops the
/// walk.
fn inherit(
    i: usize,
    entries: &[reader::RawEntry],
    parents: &[Vec<usize>],
    problems: &mut Vec<reader::Problem>,
) -> Vec<RawField> {
    if parents[i].is_empty() {
        return Vec::new();
    }
    let own = &entries[i];
    let mut out: Vec<RawField> = Vec::new();
    // The lowercase names of the fields the entry has or has taken: a set, so that a parent of
    // many fields costs its fields, not their square.
    let mut names: HashSet<String> = own.fields.iter().map(|f| f.name.to_ascii_lowercase()).collect();
    // Each ancestor gives its fields once: a second way to it (a diamond of `xdata`) would offer
    // only fields already taken, and following every way is exponential in the depth.
    let mut visited: HashSet<usize> = HashSet::new();
    let mut too_deep = false;
    let mut path = vec![i];
    let mut stack: Vec<(usize, usize)> = parents[i].iter().rev().map(|&p| (p, 1)).collect();
    while let Some((parent, depth)) = stack.pop() {
        path.truncate(depth);
        if path.contains(&parent) {
            let chain: Vec<&str> = path.iter().chain([&parent]).map(|&j| entries[j].key.as_str()).collect();
            let what = if parent == i { "inherits from itself" } else { "inherits through a loop" };
            problems.push(
                reader::Problem::warning(
                    own.key_span.clone(),
                    format!("entry `{}` {what} ({})", own.key, chain.join(" → ")),
                )
                .hint("`crossref` and `xdata` must point to other entries without a loop; the loop is not followed"),
            );
            continue;
        }
        if !visited.insert(parent) {
            continue;
        }
        if depth > MAX_INHERITANCE_DEPTH {
            if !too_deep {
                too_deep = true;
                let chain: Vec<&str> = path.iter().chain([&parent]).map(|&j| entries[j].key.as_str()).collect();
                problems.push(
                    reader::Problem::warning(
                        own.key_span.clone(),
                        format!(
                            "entry `{}` inherits through more than {MAX_INHERITANCE_DEPTH} levels ({} → …)",
                            own.key,
                            chain[..3].join(" → ")
                        ),
                    )
                    .hint(format!(
                        "fields more than {MAX_INHERITANCE_DEPTH} `crossref`/`xdata` steps away are not taken; BibTeX itself follows one"
                    )),
                );
            }
            continue;
        }
        let entry = &entries[parent];
        let renamed = match entry.kind.as_str() {
            "proceedings" | "mvproceedings" | "book" | "mvbook" | "collection" | "mvcollection" | "reference" => {
                Some("booktitle")
            }
            "periodical" => Some("journaltitle"),
            _ => None,
        };
        for field in &entry.fields {
            let name = field.name.to_ascii_lowercase();
            if name == "title"
                && let Some(target) = renamed
                && !names.contains(target)
                && !(target == "journaltitle" && names.contains("journal"))
            {
                names.insert(target.to_owned());
                out.push(RawField { name: target.to_owned(), ..field.clone() });
                continue;
            }
            if NOT_INHERITED.contains(&name.as_str()) || name.ends_with("+an") || names.contains(&name) {
                continue;
            }
            names.insert(name);
            out.push(field.clone());
        }
        path.push(parent);
        stack.extend(parents[parent].iter().rev().map(|&p| (p, depth + 1)));
    }
    out
}

#[cfg(test)]
mod tests;
