//! Reading BibTeX/BibLaTeX: every entry that can be read is read, every one that can't is reported
//! at its real place. (Writing BibTeX is [`export`].)
//!
//! The file is first split into items by brace matching ([`split`]), so a structural fault is
//! located where it is and skipped on its own. What remains goes through the `biblatex` crate
//! twice: its raw parser (keeping each field's exact source text, for a lossless export) and its
//! typed layer (abbreviations, crossrefs, LaTeX commands, names, for display). When the crate
//! rejects something, the entry at fault is reported and left out, and the rest is parsed again.
//! Each entry's year and selection are decided here, once ([`BibEntry`]). Pure: text in.

pub mod dates;
mod entry;
pub mod export;
pub mod latex;
pub mod names;
pub mod roles;
pub mod split;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use biblatex::{RawBibliography, RawChunk};

use crate::diag::{self, Diagnostic};

pub use entry::{BibEntry, Bibliography, RawField, ValuePart, plain};

/// Parses `text` (the contents of `path`). Returns what could be read and one diagnostic per
/// problem.
pub fn parse(text: &str, path: &Path) -> (Bibliography, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (items, faults) = split::split(text);
    let mut blanked: Vec<Range<usize>> = Vec::new();
    for fault in faults {
        diagnostics.push(Diagnostic::error(fault.message).at(path, fault.span).hint(fault.hint));
        blanked.push(fault.item);
    }
    // Parse each item on its own first: every syntax error in one run, each at its place.
    for item in &items {
        if item.kind == "comment" {
            continue;
        }
        let item_text = &text[item.span.clone()];
        let parsed = RawBibliography::parse(item_text);
        if let Ok(raw) = &parsed {
            let problems_before = blanked.len();
            // The crate accepts keys BibTeX does not (`a{b`); written back, such a key would
            // unbalance the entry (found by fuzzing).
            if let Some(key) = raw.entries.iter().map(|e| &e.v.key).find(|k| !valid_key(k.v)) {
                let start = item.span.start + key.span.start;
                diagnostics.push(
                    Diagnostic::error(format!("invalid key `{}`", key.v))
                        .at(path, start..item.span.start + key.span.end)
                        .hint("a key cannot contain spaces or any of `{ } , = \" # %`; this entry was left out"),
                );
                blanked.push(item.span.clone());
            } else if let Some(entry) = raw.entries.iter().find(|e| {
                // What follows the entry's span: its closing delimiter, and nothing else.
                let rest = item_text[e.span.end..].trim_start();
                !rest.strip_prefix(['}', ')']).unwrap_or(rest).trim().is_empty()
            }) {
                // The crate ended the entry before the brace that closes the item: a `{` inside a
                // quoted value it did not count (BibTeX does). Read either way, the entry would
                // change on export (found by fuzzing).
                let rest = &item_text[entry.span.end..];
                let end = item.span.start + entry.span.end + (rest.len() - rest.trim_start().len());
                diagnostics.push(
                    Diagnostic::error(format!("the braces of entry `{}` do not balance", entry.v.key.v))
                        .at(path, end..end + 1)
                        .label("the entry seems to end here, but more follows before its last `}`")
                        .hint("a `{` inside a quoted value needs its `}` too; this entry was left out"),
                );
                blanked.push(item.span.clone());
            } else if item.kind == "preamble" && !balanced(&raw.preamble) {
                // `{"…{"}}`: the crate stops at the quote, BibTeX counts the braces; written
                // back, it would not read again (found by fuzzing).
                diagnostics.push(
                    Diagnostic::warning("the braces of this `@preamble` do not balance; it is left out")
                        .at(path, item.span.start..item.span.start + "@preamble".len())
                        .hint("a `{` inside a quoted value needs its `}` too; the CV does not use the preamble"),
                );
                blanked.push(item.span.clone());
            } else if let Some(pair) = raw.abbreviations.iter().find(|p| {
                let rest = item_text[p.value.span.end..].trim_start();
                let rest = rest.strip_prefix(['"', '}']).unwrap_or(rest).trim_start();
                !rest.strip_prefix(['}', ')']).unwrap_or(rest).trim().is_empty()
            }) {
                diagnostics.push(
                    Diagnostic::error(format!("the braces of `@string` `{}` do not balance", pair.key.v))
                        .at(path, item.span.start + pair.key.span.start..item.span.start + pair.key.span.end)
                        .hint("a `{` inside a quoted value needs its `}` too; this `@string` was left out"),
                );
                blanked.push(item.span.clone());
            }
            if blanked.len() == problems_before {
                for (key, name, repeat) in repeated_fields(raw, item_text) {
                    let at = |r: &Range<usize>| item.span.start + r.start..item.span.start + r.end;
                    diagnostics.push(
                        Diagnostic::warning(format!("entry `{key}` has the field `{name}` more than once"))
                            .at(path, at(&repeat.name))
                            .hint(format!(
                                "BibTeX reads only the first `{name}`, and so does cvgen: delete the others"
                            )),
                    );
                    blanked.push(at(&repeat.whole));
                }
            }
        }
        if let Err(error) = parsed {
            let start = item.span.start;
            let span = start + error.span.start..start + error.span.end;
            let d = if item.kind == "preamble" {
                // Valid BibTeX (`"a" # "b"`) the `biblatex` crate cannot read; the CV never uses
                // a preamble, so this costs nothing but the preamble itself.
                Diagnostic::warning("this `@preamble` cannot be read; it is left out")
                    .at(path, item.span.start..item.span.start + "@preamble".len())
                    .hint("the CV does not use it; `cvgen bib` leaves it out of the export")
            } else {
                missing_key(item, item_text, path).unwrap_or_else(|| syntax_error(&error.kind, span, item_text, path))
            };
            diagnostics.push(d);
            blanked.push(item.span.clone());
        }
    }

    // Text between items is a comment to BibTeX. Blank it, so the whole-file passes see exactly
    // the items found above: the `biblatex` crate would read junk like `@misc"…` there as the
    // start of an entry swallowing the next one (found by fuzzing).
    let mut covered = 0;
    for item in &items {
        if item.span.start > covered {
            blanked.push(covered..item.span.start);
        }
        covered = covered.max(item.span.end);
    }
    if covered < text.len() {
        blanked.push(covered..text.len());
    }
    let mut source = if blanked.is_empty() { text.to_owned() } else { blank(text, &blanked) };
    // The whole-file passes can still fail (a problem between items); report, blank, retry.
    let mut attempts = 0;
    let (raw_owned, typed) = loop {
        attempts += 1;
        if attempts > items.len() + 2 {
            // Every retry blanks at least one item; more retries than items means no progress.
            diagnostics.push(
                Diagnostic::error("cannot read this bibliography")
                    .at(path, 0..0)
                    .hint("please report this file as a cvgen bug"),
            );
            return (Bibliography::default(), diagnostics);
        }
        let raw = match RawBibliography::parse(&source) {
            Ok(raw) => raw,
            Err(error) => {
                let span = error.span.clone();
                diagnostics.push(syntax_error(&error.kind, span.clone(), &source, path));
                let item =
                    enclosing(&items, &span).unwrap_or(span.start..(span.end.max(span.start + 1)).min(source.len()));
                source = blank(&source, &[item]);
                continue;
            }
        };
        let cyclic = cycles(&raw, path);
        if !cyclic.is_empty() {
            let spans: Vec<Range<usize>> =
                cyclic.iter().map(|(_, span)| enclosing(&items, span).unwrap_or(span.clone())).collect();
            diagnostics.extend(cyclic.into_iter().map(|(d, _)| d));
            source = blank(&source, &spans);
            continue;
        }
        // The crate takes the parse by value; a copy of it cost a twentieth of the parse.
        let owned = owned_raw(&raw);
        match biblatex::Bibliography::from_raw(raw) {
            Ok(typed) => break (owned, typed),
            Err(error) => {
                // Rare: read the same text again for the message.
                let raw = RawBibliography::parse(&source).expect("this text parsed a moment ago");
                let span = error.span.clone();
                let entry_span = enclosing(&items, &span).unwrap_or(span.clone());
                diagnostics.push(resolve_error(&error.kind, span, &entry_span, text, path, &raw));
                source = blank(&source, &[entry_span]);
            }
        }
    };

    let mut bibliography =
        Bibliography { strings: raw_owned.strings, preambles: raw_owned.preambles, entries: Vec::new() };
    // Moved, not cloned: a copy of every typed entry cost a tenth of the time on large files.
    let mut typed: HashMap<String, biblatex::Entry> = typed.into_iter().map(|e| (e.key.clone(), e)).collect();
    for entry in raw_owned.entries {
        let Some(typed_entry) = typed.remove(&entry.key) else { continue };
        bibliography.entries.push(BibEntry { typed: typed_entry, ..entry });
    }
    entry::decide(&mut bibliography.entries, &bibliography.strings);
    (bibliography, diagnostics)
}

/// `@string` definitions and `crossref`/`xdata` links that lead back to themselves: the
/// `biblatex` crate would recurse forever resolving them, so they are reported and left out.
fn cycles(raw: &RawBibliography, path: &Path) -> Vec<(Diagnostic, Range<usize>)> {
    let mut out = Vec::new();
    // Both graphs are indexed once: a lookup per node by scanning every entry made a 5 MB file
    // with 12,000 entries take seconds.
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for p in &raw.abbreviations {
        macros.entry(p.key.v.to_ascii_lowercase()).or_default().extend(p.value.v.iter().filter_map(
            |chunk| match chunk.v {
                RawChunk::Abbreviation(m) => Some(m.to_ascii_lowercase()),
                RawChunk::Normal(_) => None,
            },
        ));
    }
    let macros_of = |name: &str| -> Vec<String> { macros.get(name).cloned().unwrap_or_default() };
    for pair in &raw.abbreviations {
        if let Some(chain) = cycle_from(&pair.key.v.to_ascii_lowercase(), &macros_of) {
            out.push((
                Diagnostic::error(format!("`@string` `{}` refers to itself ({chain})", pair.key.v))
                    .at(path, pair.key.span.clone())
                    .hint("a macro cannot be defined in terms of itself; write its text in braces"),
                pair.key.span.clone(),
            ));
        }
    }
    let mut parents: HashMap<String, Vec<String>> = HashMap::new();
    for e in &raw.entries {
        let links =
            e.v.fields
                .iter()
                .filter(|f| f.key.v.eq_ignore_ascii_case("crossref") || f.key.v.eq_ignore_ascii_case("xdata"))
                .flat_map(|f| f.value.v.iter())
                .filter_map(|chunk| match chunk.v {
                    RawChunk::Normal(t) => Some(t),
                    RawChunk::Abbreviation(_) => None,
                })
                .flat_map(|t| t.split(','))
                .map(|k| k.trim().to_ascii_lowercase())
                .filter(|k| !k.is_empty());
        parents.entry(e.v.key.v.to_ascii_lowercase()).or_default().extend(links);
    }
    let parents_of = |key: &str| -> Vec<String> { parents.get(key).cloned().unwrap_or_default() };
    for entry in &raw.entries {
        if let Some(chain) = cycle_from(&entry.v.key.v.to_ascii_lowercase(), &parents_of) {
            out.push((
                Diagnostic::error(format!("entry `{}` inherits from itself ({chain})", entry.v.key.v))
                    .at(path, entry.v.key.span.clone())
                    .hint("`crossref` and `xdata` must point to other entries without a loop; this entry was left out"),
                entry.span.clone(),
            ));
        }
    }
    out
}

/// If following `next` from `start` comes back to `start`, the chain as `a → b → a`.
fn cycle_from(start: &str, next: &dyn Fn(&str) -> Vec<String>) -> Option<String> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = std::collections::HashSet::new();
    while let Some((node, chain)) = stack.pop() {
        for child in next(&node) {
            if child == start {
                let mut chain = chain.clone();
                chain.push(child);
                return Some(chain.join(" → "));
            }
            if seen.insert(child.clone()) {
                let mut longer = chain.clone();
                longer.push(child.clone());
                stack.push((child, longer));
            }
        }
    }
    None
}

struct OwnedRaw {
    entries: Vec<BibEntry>,
    strings: Vec<RawField>,
    preambles: Vec<String>,
}

fn owned_raw(raw: &RawBibliography) -> OwnedRaw {
    let entries = raw
        .entries
        .iter()
        .map(|e| BibEntry {
            key: e.v.key.v.to_owned(),
            kind: e.v.kind.v.to_ascii_lowercase(),
            span: e.span.clone(),
            fields: e.v.fields.iter().map(owned_field).collect(),
            typed: biblatex::Entry::new(String::new(), biblatex::EntryType::Misc),
            year: None,
            month: None,
            selected: false,
        })
        .collect();
    let strings = raw.abbreviations.iter().map(owned_field).collect();
    let preambles = if raw.preamble.is_empty() { Vec::new() } else { vec![raw.preamble.clone()] };
    OwnedRaw { entries, strings, preambles }
}

fn owned_field(pair: &biblatex::Pair) -> RawField {
    RawField {
        name: pair.key.v.to_owned(),
        name_span: pair.key.span.clone(),
        value_span: pair.value.span.clone(),
        value: pair
            .value
            .v
            .iter()
            .map(|chunk| match chunk.v {
                RawChunk::Normal(s) => ValuePart::Text(s.to_owned()),
                RawChunk::Abbreviation(s) => ValuePart::Macro(s.to_owned()),
            })
            .collect(),
    }
}

/// Replaces the bytes in `ranges` with spaces (keeping newlines), so offsets stay valid.
fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        let end = range.end.min(bytes.len());
        for b in &mut bytes[range.start.min(end)..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Blanking whole items may cut a multi-byte character only at item edges, which are ASCII
    // (`@` and a closing delimiter); a fault range is also ASCII-bounded. Fall back safely.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn enclosing(items: &[split::Item], span: &Range<usize>) -> Option<Range<usize>> {
    items
        .iter()
        .find(|i| i.span.start <= span.start && span.start < i.span.end.max(i.span.start + 1))
        .map(|i| i.span.clone())
}

fn syntax_error(kind: &biblatex::ParseErrorKind, span: Range<usize>, text: &str, path: &Path) -> Diagnostic {
    use biblatex::ParseErrorKind as K;
    let (message, hint) = match kind {
        K::UnexpectedEof => ("unexpected end of entry".to_owned(), "close every `{` and the entry itself".to_owned()),
        K::Unexpected(token) => (
            format!("unexpected {}", token_name(token)),
            "check the punctuation here: fields are `name = {value},`".to_owned(),
        ),
        K::Expected(token) => (
            format!("expected {}", token_name(token)),
            match token {
                biblatex::Token::Comma => {
                    "a comma separates fields: add it at the end of the previous field".to_owned()
                }
                biblatex::Token::Equals => "write fields as `name = {value}`".to_owned(),
                _ => "check the punctuation here: fields are `name = {value},`".to_owned(),
            },
        ),
        K::MalformedCommand => {
            ("malformed TeX command".to_owned(), "check the backslash commands in this value".to_owned())
        }
        other => (other.to_string(), "check the entry here".to_owned()),
    };
    let _ = text;
    Diagnostic::error(message).at(path, span).hint(hint)
}

/// A field written again in the same entry: where its name is, and the whole `name = value,`.
struct Repeat {
    name: Range<usize>,
    whole: Range<usize>,
}

/// The fields of `raw`'s entries that repeat an earlier field's name (letter case aside), as
/// (entry key, field name in lower case, the repeat). BibTeX reads the first and ignores the
/// others; the `biblatex` crate keeps the last, so the repeats are blanked before it reads them.
fn repeated_fields<'s>(raw: &RawBibliography<'s>, item_text: &str) -> Vec<(&'s str, String, Repeat)> {
    let mut out = Vec::new();
    for entry in &raw.entries {
        let mut seen: Vec<&str> = Vec::new();
        for pair in &entry.v.fields {
            let Some(first) = seen.iter().find(|name| name.eq_ignore_ascii_case(pair.key.v)) else {
                seen.push(pair.key.v);
                continue;
            };
            // The value, then spaces and the comma that separates it from the next field.
            let after = &item_text[pair.value.span.end..];
            let trimmed = after.trim_start();
            let end = pair.value.span.end + (after.len() - trimmed.len()) + usize::from(trimmed.starts_with(','));
            let repeat = Repeat { name: pair.key.span.clone(), whole: pair.key.span.start..end };
            out.push((entry.v.key.v, first.to_ascii_lowercase(), repeat));
        }
    }
    out
}

/// Whether every `{` in `text` has its `}` (escaped braces `\{` `\}` aside).
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' if depth == 0 => return false,
            '}' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// Whether BibTeX can read `key` back as one key.
fn valid_key(key: &str) -> bool {
    !key.is_empty() && !key.contains(|c: char| c.is_whitespace() || "{},=\"#%".contains(c))
}

/// `@article{title = {…}, …}`: the first thing after the brace is a field, so the key is missing.
fn missing_key(item: &split::Item, item_text: &str, path: &Path) -> Option<Diagnostic> {
    if matches!(item.kind.as_str(), "string" | "preamble" | "comment") {
        return None;
    }
    let open = item_text.find(['{', '('])?;
    let after = &item_text[open + 1..];
    let name_at = open + 1 + (after.len() - after.trim_start().len());
    let rest = &item_text[name_at..];
    let name_len = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | '=' | '{' | '}' | '"'))?;
    if name_len == 0 || !rest[name_len..].trim_start().starts_with('=') {
        return None;
    }
    let start = item.span.start + name_at;
    Some(
        Diagnostic::error(format!("`@{}` entry has no key", item.kind))
            .at(path, start..start + name_len)
            .label("a field, where the citation key should be")
            .hint(format!("write the key first: `@{}{{lovelace1843, {} = …`", item.kind, &rest[..name_len])),
    )
}

fn token_name(token: &biblatex::Token) -> String {
    use biblatex::Token as T;
    match token {
        T::Identifier => "a name".to_owned(),
        T::OpeningBrace => "`{`".to_owned(),
        T::ClosingBrace => "`}`".to_owned(),
        T::Comma => "`,`".to_owned(),
        T::QuotationMark => "`\"`".to_owned(),
        T::Equals => "`=`".to_owned(),
        T::DecimalPoint => "`.`".to_owned(),
    }
}

fn resolve_error(
    kind: &biblatex::ParseErrorKind,
    span: Range<usize>,
    entry_span: &Range<usize>,
    text: &str,
    path: &Path,
    raw: &RawBibliography,
) -> Diagnostic {
    use biblatex::ParseErrorKind as K;
    match kind {
        K::UnknownAbbreviation(name) => {
            let known = raw.abbreviations.iter().map(|p| p.key.v);
            let mut d = Diagnostic::error(format!("undefined macro `{name}`")).at(path, span);
            d = match diag::closest(name, known) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("define it with `@string{{{name} = {{…}}}}`, or put the value in braces")),
            };
            d.hint("this entry was left out")
        }
        K::DuplicateKey(key) => {
            let first = raw.entries.iter().find(|e| e.v.key.v == key).map(|e| e.span.start).unwrap_or(0);
            let (line, _) = diag::line_column(text, first);
            let key_at = text[entry_span.clone()].find(key.as_str()).map_or(entry_span.start, |i| entry_span.start + i);
            Diagnostic::error(format!("duplicate key `{key}`"))
                .at(path, key_at..key_at + key.len())
                .hint(format!("the first `{key}` is on line {line}; rename or remove this one (it was left out)"))
        }
        K::ResolutionError(error) => {
            // A value the typed layer cannot read, met while resolving `crossref`s.
            let entry = raw.entries.iter().find(|e| e.span.start <= span.start && span.start < e.span.end);
            let field = entry.and_then(|e| {
                e.v.fields.iter().find(|f| f.value.span.start <= span.start && span.start <= f.value.span.end)
            });
            let message = match (entry, field) {
                (Some(e), Some(f)) => format!("cannot read `{}` of entry `{}` ({error})", f.key.v, e.v.key.v),
                (Some(e), None) => format!("cannot resolve the `crossref` of entry `{}` ({error})", e.v.key.v),
                _ => format!("cannot resolve a `crossref` ({error})"),
            };
            Diagnostic::error(message)
                .at(path, span)
                .hint("write a plain value here (`year = {1973}`)")
                .hint("this entry was left out")
        }
        other => Diagnostic::error(other.to_string()).at(path, span).hint("this entry was left out"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Bibliography, Vec<Diagnostic>) {
        parse(text, Path::new("refs.bib"))
    }

    #[test]
    fn reads_fields_in_source_order() {
        let (bib, diags) = parse_str("@article{k, title = {T}, author = {A and B}, year = 2020}");
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<_> = bib.entries[0].fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["title", "author", "year"]);
    }

    #[test]
    fn all_broken_entries_are_reported_and_good_ones_kept() {
        let text =
            "@article{a, title = {Open, year = 2020}\n@article{b, title = {B} year = 2020}\n@article{c, title = {C}}\n";
        let (bib, diags) = parse_str(text);
        let keys: Vec<_> = bib.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["c"]);
        assert_eq!(diags.len(), 2, "{diags:?}");
    }

    #[test]
    fn junk_between_entries_is_not_an_entry() {
        // Fuzzing found `@x"` between entries read by the crate as an entry whose key swallowed
        // the next entry's head; the export then did not read back.
        let text = "@book{a, title = {A}}\n@inboo1--322\"\n}\n\n@book{b,\n  title = {B},\n}\n";
        let (bib, diags) = parse_str(text);
        let keys: Vec<_> = bib.entries.iter().map(|e| (e.kind.as_str(), e.key.as_str())).collect();
        assert_eq!(keys, [("book", "a"), ("book", "b")], "{diags:?}");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn keys_with_braces_are_refused() {
        // Found by fuzzing: the crate read `yearwe{yearword` as a key, and the export of it did
        // not read back.
        let text = "@article{yearwe{yearword, title = {T}, year = 1843}ord, year = 1843}\n@misc{ok, title = {T}}\n";
        let (bib, diags) = parse_str(text);
        assert_eq!(bib.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["ok"]);
        assert_eq!(diags[0].message, "invalid key `yearwe{yearword`");
        assert_eq!(&text[diags[0].location.as_ref().unwrap().span.clone()], "yearwe{yearword");
    }

    #[test]
    fn a_brace_open_in_quotes_is_an_error() {
        // Found by fuzzing: the crate ended the entry at the first `}`, the splitter at the last.
        let text = "@booklet{b,\n  howpublished = \"Published, {2020 by Foo\"\n}\n\n},\n}\n@misc{ok, title = {T}}\n";
        let (bib, diags) = parse_str(text);
        assert_eq!(bib.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["ok"]);
        assert_eq!(diags[0].message, "the braces of entry `b` do not balance");
    }

    #[test]
    fn a_preamble_with_a_brace_open_in_quotes_is_left_out() {
        // Found by fuzzing: `@preamble{"…{\n"}}` exported as `@preamble{"…{\n"}` did not read back.
        let text = "@preamble{\"\\providecommand{\\noopsort}[1]{\n\"}}\n@misc{ok, title = {T}}\n";
        let (bib, diags) = parse_str(text);
        assert!(bib.preambles.is_empty(), "{:?}", bib.preambles);
        assert_eq!(bib.entries.len(), 1);
        assert_eq!(diags[0].message, "the braces of this `@preamble` do not balance; it is left out");
    }

    #[test]
    fn a_repeated_field_keeps_the_first_as_bibtex_does() {
        // The `biblatex` crate alone keeps the last: the CV showed `U` while BibTeX and the
        // export used `T`.
        let text = "@misc{k,\n  date = {2020},\n  title = {T},\n  Date = {2021-05},\n  title = {U}\n}\n";
        let (bib, diags) = parse_str(text);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["entry `k` has the field `date` more than once", "entry `k` has the field `title` more than once"]
        );
        assert!(diags.iter().all(|d| !d.is_error()));
        let span = diags[0].location.as_ref().unwrap().span.clone();
        assert_eq!(&text[span], "Date");
        let entry = &bib.entries[0];
        let title: String = entry.typed.get("title").unwrap().iter().map(|c| c.v.get()).collect();
        assert_eq!(title, "T");
        let names: Vec<&str> = entry.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["date", "title"]);
        assert!(bib.entries[0].typed.date().is_ok());
    }

    #[test]
    fn duplicate_keys_keep_the_first() {
        let (bib, diags) = parse_str("@misc{a, title={1}}\n@misc{a, title={2}}\n");
        assert_eq!(bib.entries.len(), 1);
        assert_eq!(diags[0].message, "duplicate key `a`");
        assert_eq!(diags[0].location.as_ref().unwrap().span.start, 26);
    }

    #[test]
    fn cyclic_strings_and_crossrefs_are_errors_not_crashes() {
        let (bib, diags) = parse_str(
            "@string{a = a # {x}}\n@string{b = c}\n@string{c = b}\n@misc{k, title = a}\n@misc{ok, title = {T}}\n",
        );
        assert_eq!(bib.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["ok"]);
        assert_eq!(diags[0].message, "`@string` `a` refers to itself (a → a)");
        assert!(diags.iter().any(|d| d.message == "`@string` `b` refers to itself (b → c → b)"), "{diags:?}");

        let (bib, diags) = parse_str("@misc{x, crossref = {y}}\n@misc{y, crossref = {x}}\n@misc{z, title = {Z}}\n");
        assert_eq!(bib.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["z"]);
        assert_eq!(diags[0].message, "entry `x` inherits from itself (x → y → x)");
    }

    #[test]
    fn undefined_macro_is_located() {
        let text = "@string{jmlr = {JMLR}}\n@article{a, journal = jmrl}\n@article{b, journal = jmlr}\n";
        let (bib, diags) = parse_str(text);
        assert_eq!(bib.entries.len(), 1);
        assert_eq!(diags[0].message, "undefined macro `jmrl`");
        assert_eq!(diags[0].hints[0], "did you mean `jmlr`?");
    }
}
