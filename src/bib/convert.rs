//! What `cvgen bib` exports and in which shape: the selection (`--selected`, `--since`,
//! `--until`, `--type`, `--key`) with the `crossref`/`xdata` parents it needs, the private fields
//! it strips, and the BibTeX ⇄ BibLaTeX conversions of `--format`.
//!
//! Pure functions over parsed entries and [`Record`]s: no I/O, no text formatting (the writer is
//! [`super::export`]). A value is only ever kept, dropped, renamed or added whole; the text of a
//! value is never edited, so what is exported is what was written.

use std::collections::HashMap;
use std::path::Path;

use super::export::{Field, Record};
use super::{BibEntry, Bibliography, RawField, ValuePart};
use crate::diag::{self, Diagnostic};

/// The fields removed by default: cvgen's and al-folio's display fields. `*+an` stands for every
/// field whose name ends in `+an` (the biblatex data annotations, such as `author+an`).
pub const DEFAULT_PRIVATE_FIELDS: &[&str] = &[
    "award",
    "award_name",
    "award_url",
    "selected",
    "abbr",
    "pdf",
    "code",
    "html",
    "blog",
    "slides",
    "video",
    "poster",
    "website",
    "preview",
    "bibtex_show",
    "annotation",
    "links",
    // al-folio's other display-only fields (badges and extra buttons on its publication page).
    "altmetric",
    "dimensions",
    "google_scholar_id",
    "inspirehep_id",
    "additional_info",
    "supp",
    "*+an",
];

/// The three-letter month macros every BibTeX style defines, in calendar order.
const MONTH_MACROS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// English month names, for reading `month = {May}`.
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How deep `@string` definitions may refer to each other before a value counts as unreadable.
const MAX_MACRO_DEPTH: usize = 32;

/// Which entries to export. Every filter given must hold; repeated `types` and `keys` are
/// alternatives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only entries with `selected = {true}` (or `yes`, `1`, as the CV reads it).
    pub selected_only: bool,
    /// Only entries from this year on.
    pub since: Option<i32>,
    /// Only entries up to this year.
    pub until: Option<i32>,
    /// Only entries of these types (compared case-insensitively); empty means any type.
    pub types: Vec<String>,
    /// Only entries with these keys (exact); empty means any key.
    pub keys: Vec<String>,
}

impl Selection {
    /// The filters as the flags that set them (`--selected --since 2020`), for messages.
    pub fn describe(&self) -> String {
        let mut flags = Vec::new();
        if self.selected_only {
            flags.push("--selected".to_owned());
        }
        if let Some(year) = self.since {
            flags.push(format!("--since {year}"));
        }
        if let Some(year) = self.until {
            flags.push(format!("--until {year}"));
        }
        flags.extend(self.types.iter().map(|t| format!("--type {t}")));
        flags.extend(self.keys.iter().map(|k| format!("--key {k}")));
        flags.join(" ")
    }

    fn wants_years(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// Which fields to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Private {
    /// Keep every field (`--keep-private`).
    Keep,
    /// Remove the fields with these names (case-insensitive); `*suffix` matches every name
    /// ending in `suffix`.
    Strip(Vec<String>),
}

impl Private {
    /// The built-in list ([`DEFAULT_PRIVATE_FIELDS`]).
    pub fn default_list() -> Self {
        Private::Strip(DEFAULT_PRIVATE_FIELDS.iter().map(|s| (*s).to_owned()).collect())
    }

    /// Whether the field `name` is removed.
    pub fn removes(&self, name: &str) -> bool {
        let Private::Strip(list) = self else { return false };
        let name = name.to_lowercase();
        list.iter().any(|pattern| {
            let pattern = pattern.to_lowercase();
            match pattern.strip_prefix('*') {
                Some(suffix) => name.ends_with(suffix),
                None => name == pattern,
            }
        })
    }
}

/// Chooses the entries to export: those matching `selection`, then every entry they
/// `crossref` or `xdata` (so the export resolves the same way). Returns indices into
/// `bib.entries` in output order: source order, except that a parent comes after every exported
/// entry that refers to it, as BibTeX requires. Unknown `--key`s are errors; filters that match
/// nothing and references to missing entries are warnings.
pub fn select(bib: &Bibliography, selection: &Selection, path: &Path) -> (Vec<usize>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in bib.entries.iter().enumerate() {
        index.entry(entry.key.as_str()).or_insert(i);
    }

    for key in &selection.keys {
        if !index.contains_key(key.as_str()) {
            let d = Diagnostic::error(format!("unknown key `{key}` in `{}`", path.display()));
            diagnostics.push(match diag::closest(key, bib.entries.iter().map(|e| e.key.as_str())) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint("keys are case-sensitive: copy the key from after `@type{` in the file"),
            });
        }
    }
    for kind in &selection.types {
        if !bib.entries.iter().any(|e| e.kind.eq_ignore_ascii_case(kind)) {
            let mut kinds: Vec<&str> = bib.entries.iter().map(|e| e.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            let d = Diagnostic::warning(format!("no entry in `{}` has the type `{kind}`", path.display()));
            diagnostics.push(match diag::closest(kind, kinds.iter().copied()) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None if kinds.is_empty() => d,
                None => d.hint(format!("the types in the file: {}", kinds.join(", "))),
            });
        }
    }

    let mut matched = Vec::new();
    let mut undated = Vec::new();
    for (i, entry) in bib.entries.iter().enumerate() {
        if !selection.keys.is_empty() && !selection.keys.contains(&entry.key) {
            continue;
        }
        if !selection.types.is_empty() && !selection.types.iter().any(|t| t.eq_ignore_ascii_case(&entry.kind)) {
            continue;
        }
        if selection.selected_only && !is_selected(entry) {
            continue;
        }
        if selection.wants_years() {
            let Some(year) = year(entry) else {
                undated.push(entry.key.as_str());
                continue;
            };
            if selection.since.is_some_and(|since| year < since) || selection.until.is_some_and(|until| year > until) {
                continue;
            }
        }
        matched.push(i);
    }
    if !undated.is_empty() {
        let flags = match (selection.since, selection.until) {
            (Some(_), Some(_)) => "`--since`/`--until`",
            (Some(_), None) => "`--since`",
            _ => "`--until`",
        };
        let listed: Vec<String> = undated.iter().take(5).map(|k| format!("`{k}`")).collect();
        let more = if undated.len() > 5 { format!(" and {} more", undated.len() - 5) } else { String::new() };
        diagnostics.push(
            Diagnostic::warning(format!(
                "{} without a year left out by {flags}: {}{more}",
                plural(undated.len(), "entry", "entries"),
                listed.join(", ")
            ))
            .hint("give them a `year` or `date` field"),
        );
    }

    let order = with_parents(bib, &matched, &index, path, &mut diagnostics);
    (order, diagnostics)
}

/// Adds the entries that the chosen ones refer to and puts every parent after its children.
fn with_parents(
    bib: &Bibliography,
    matched: &[usize],
    index: &HashMap<&str, usize>,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let n = bib.entries.len();
    let mut included = vec![false; n];
    for &i in matched {
        included[i] = true;
    }
    let mut edges = Vec::new();
    let mut stack = matched.to_vec();
    while let Some(child) = stack.pop() {
        let entry = &bib.entries[child];
        for (field, parent) in parents(entry, &bib.strings) {
            // BibTeX matches `crossref` keys case-insensitively (`WHOLE-JOURNAL` in `xampl.bib`).
            let found = index.get(parent.as_str()).copied().or_else(|| {
                let lower = parent.to_lowercase();
                bib.entries.iter().position(|e| e.key.to_lowercase() == lower)
            });
            match found {
                Some(p) if p == child => {}
                Some(p) => {
                    edges.push((child, p));
                    if !included[p] {
                        included[p] = true;
                        stack.push(p);
                    }
                }
                None => diagnostics.push(
                    Diagnostic::warning(format!(
                        "entry `{}` refers to `{parent}`, which is not in `{}`",
                        entry.key,
                        path.display()
                    ))
                    .at(path, field.value_span.clone())
                    .hint(format!("`{}` is exported without the fields it would inherit from `{parent}`", entry.key)),
                ),
            }
        }
    }
    // A parent's level is one more than its deepest child's; the bound stops reference cycles.
    let mut level = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for &(child, parent) in &edges {
            if level[parent] <= level[child] && level[child] < n {
                level[parent] = level[child] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| included[i]).collect();
    order.sort_by_key(|&i| (level[i], i));
    order
}

/// The keys an entry inherits from: its `crossref` and every key of its `xdata`.
fn parents<'a>(entry: &'a BibEntry, strings: &[RawField]) -> Vec<(&'a RawField, String)> {
    let mut found = Vec::new();
    for field in &entry.fields {
        let name = field.name.to_ascii_lowercase();
        if name != "crossref" && name != "xdata" {
            continue;
        }
        let Some(text) = plain(&field.value, strings) else { continue };
        for key in text.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            found.push((field, key.to_owned()));
        }
    }
    found
}

fn is_selected(entry: &BibEntry) -> bool {
    typed_text(entry, "selected")
        .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"))
}

/// The entry's year: the first four-digit number of `year`, else the first four digits of
/// `date` (both as the typed entry sees them, so macros and `crossref`s are resolved).
fn year(entry: &BibEntry) -> Option<i32> {
    if let Some(year) = typed_text(entry, "year").and_then(|y| four_digits_in(&y)) {
        return Some(year);
    }
    typed_text(entry, "date").and_then(|d| leading_year(d.trim()))
}

fn typed_text(entry: &BibEntry, name: &str) -> Option<String> {
    entry.typed.get(name).map(|chunks| chunks.iter().map(|c| c.v.get()).collect())
}

/// The first run of exactly four ASCII digits in `text`.
fn four_digits_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit()).find(|run| run.len() == 4).and_then(|run| run.parse().ok())
}

/// `text`'s first four characters as a year, when they are digits.
fn leading_year(text: &str) -> Option<i32> {
    let head = text.get(..4)?;
    head.bytes().all(|b| b.is_ascii_digit()).then(|| head.parse().ok()).flatten()
}

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

/// Removes the private fields of `record`.
pub fn strip_private(record: &mut Record, private: &Private) {
    record.fields.retain(|f| !private.removes(&f.name));
}

/// Removes every field whose name (lowercase in records) came earlier in `record`: BibTeX reads
/// only the first (`I'm ignoring k's extra "title" field`), so the export says what BibTeX read.
/// With each name once, the conversions below never see two values for one field, which keeps
/// the export a fixpoint. Returns the names removed, once each, in order.
pub fn drop_repeats(record: &mut Record) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    record.fields.retain(|f| {
        if !seen.contains(&f.name) {
            seen.push(f.name.clone());
            return true;
        }
        if !dropped.contains(&f.name) {
            dropped.push(f.name.clone());
        }
        false
    });
    dropped
}

/// Downgrades BibLaTeX-only fields and types to classic BibTeX, without ever writing a field
/// twice or dropping information: `date` → `year` + `month` (each only when absent; the `date`
/// stays when it says more, like a day or a range), `journaltitle` → `journal`, `location` →
/// `address`, `eprinttype` → `archiveprefix`, `eprintclass` → `primaryclass` (each only when the
/// target is absent), `@online` → `@misc` (+ `howpublished = {\url{…}}`, unless the URL has a `$`,
/// `\`, `{` or `}`, which TeX would read there), `@report` → `@techreport`, `@thesis` →
/// `@phdthesis` or `@mastersthesis`.
pub fn to_bibtex(record: &mut Record, strings: &[RawField]) {
    for (from, to) in [
        ("journaltitle", "journal"),
        ("location", "address"),
        ("eprinttype", "archiveprefix"),
        ("eprintclass", "primaryclass"),
    ] {
        rename(record, from, to);
    }
    date_to_year_month(record, strings);
    match record.kind.as_str() {
        "online" | "electronic" | "www" => {
            record.kind = "misc".to_owned();
            if !record.has("howpublished")
                && let Some(pos) = record.position("url")
                && let Some(url) = plain(&record.fields[pos].value, strings)
            {
                let url = url.trim();
                if !url.is_empty() && fits_url(url) {
                    record.fields.insert(pos + 1, Field::text("howpublished", format!("\\url{{{url}}}")));
                }
            }
        }
        "report" => {
            record.kind = "techreport".to_owned();
            if type_text(record, strings).as_deref() == Some("techreport") {
                record.remove("type");
            }
        }
        "thesis" => {
            let kind = type_text(record, strings);
            let (kind, drop_type) = match kind.as_deref() {
                Some("phdthesis") => ("phdthesis", true),
                Some("mathesis") => ("mastersthesis", true),
                Some(text) if text.contains("master") => ("mastersthesis", false),
                _ => ("phdthesis", false),
            };
            record.kind = kind.to_owned();
            if drop_type {
                record.remove("type");
            }
        }
        _ => {}
    }
}

/// Whether `\url{url}` reads back as `url` in a field that is not verbatim (`howpublished`):
/// not when the URL has a `$` (math to TeX and to the `biblatex` crate, which fails on an odd
/// number of them), a `\` (a command) or a brace (grouping). None of them belongs in a URL
/// unescaped; such an entry keeps its `url` field only.
fn fits_url(url: &str) -> bool {
    !url.contains(['$', '\\', '{', '}'])
}

/// Upgrades classic BibTeX to BibLaTeX, the reverse of [`to_bibtex`]: `journal` →
/// `journaltitle`, `address` → `location`, `archiveprefix` → `eprinttype`, `primaryclass` →
/// `eprintclass` (each only when the target is absent), `year` + `month` → `date` (only when
/// there is no `date` and both read as a date), `@techreport` → `@report` with
/// `type = {techreport}`, `@phdthesis`/`@mastersthesis` → `@thesis` with `type = {phdthesis}`/
/// `{mathesis}` (an existing `type` is kept).
pub fn to_biblatex(record: &mut Record, strings: &[RawField]) {
    for (from, to) in [
        ("journal", "journaltitle"),
        ("address", "location"),
        ("archiveprefix", "eprinttype"),
        ("primaryclass", "eprintclass"),
    ] {
        rename(record, from, to);
    }
    year_month_to_date(record, strings);
    let (kind, type_key) = match record.kind.as_str() {
        "techreport" => ("report", "techreport"),
        "phdthesis" => ("thesis", "phdthesis"),
        "mastersthesis" => ("thesis", "mathesis"),
        _ => return,
    };
    record.kind = kind.to_owned();
    if !record.has("type") {
        record.fields.push(Field::text("type", type_key));
    }
}

/// Renames every `from` field to `to`, unless a `to` field is already there.
fn rename(record: &mut Record, from: &str, to: &str) {
    if record.has(to) {
        return;
    }
    for field in &mut record.fields {
        if field.name == from {
            field.name = to.to_owned();
        }
    }
}

/// The `type` field, trimmed and lowercased.
fn type_text(record: &Record, strings: &[RawField]) -> Option<String> {
    let pos = record.position("type")?;
    plain(&record.fields[pos].value, strings).map(|t| t.trim().to_lowercase())
}

/// A date's leading year and month (`2020`, `2020-05`, `2020-05-17`, `2020-05/2021`), and
/// whether year and month are all it says.
fn split_date(date: &str) -> Option<(i32, Option<u8>, bool)> {
    let date = date.trim();
    let year = leading_year(date)?;
    let rest = &date[4..];
    if rest.is_empty() {
        return Some((year, None, true));
    }
    let month = rest
        .strip_prefix('-')
        .and_then(|r| r.get(..2))
        .filter(|m| m.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    let whole = month.is_some() && rest.len() == 3;
    Some((year, month, whole))
}

fn date_to_year_month(record: &mut Record, strings: &[RawField]) {
    let Some(pos) = record.position("date") else { return };
    let Some(text) = plain(&record.fields[pos].value, strings) else { return };
    let Some((year, month, whole)) = split_date(&text) else { return };

    let mut added = Vec::new();
    let year_matches = match record.position("year") {
        None => {
            added.push(Field::text("year", year.to_string()));
            true
        }
        Some(p) => plain(&record.fields[p].value, strings).is_some_and(|y| y.trim() == year.to_string()),
    };
    let month_matches = match (month, record.position("month")) {
        (None, _) => true,
        (Some(m), None) => {
            added.push(Field {
                name: "month".to_owned(),
                value: vec![ValuePart::Macro(MONTH_MACROS[usize::from(m) - 1].to_owned())],
            });
            true
        }
        (Some(m), Some(p)) => month_number(&record.fields[p].value, strings) == Some(m),
    };
    // The date goes only when `year`/`month` now say everything it said.
    let keep_date = !(whole && year_matches && month_matches);
    let date = record.fields.remove(pos);
    let mut replacement = added;
    if keep_date {
        replacement.push(date);
    }
    record.fields.splice(pos..pos, replacement);
}

fn year_month_to_date(record: &mut Record, strings: &[RawField]) {
    if record.has("date") {
        return;
    }
    let Some(year_pos) = record.position("year") else { return };
    let Some(year) = plain(&record.fields[year_pos].value, strings) else { return };
    let year = year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let date = match record.position("month") {
        None => year.to_owned(),
        Some(p) => match month_number(&record.fields[p].value, strings) {
            Some(month) => format!("{year}-{month:02}"),
            None => return,
        },
    };
    record.fields[year_pos] = Field::text("date", date);
    record.remove("month");
}

/// The month (1–12) a `month` value names: a month macro (`jan`), a number, or an English name
/// or abbreviation (`May`, `Sept.`).
fn month_number(value: &[ValuePart], strings: &[RawField]) -> Option<u8> {
    if let [ValuePart::Macro(name)] = value {
        let defined = strings.iter().any(|s| s.name == *name);
        if !defined {
            return MONTH_MACROS.iter().position(|m| m.eq_ignore_ascii_case(name)).map(|i| i as u8 + 1);
        }
    }
    let text = plain(value, strings)?;
    let text = text.trim().trim_end_matches('.').to_lowercase();
    if let Ok(n) = text.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    if text.len() < 3 {
        return None;
    }
    MONTH_NAMES.iter().position(|name| name.starts_with(&text)).map(|i| i as u8 + 1)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::parse;

    fn bib(text: &str) -> Bibliography {
        let (bib, diags) = parse(text, Path::new("refs.bib"));
        assert!(diags.is_empty(), "{diags:?}");
        bib
    }

    fn record(text: &str) -> (Record, Vec<RawField>) {
        let bib = bib(text);
        (Record::from_entry(&bib.entries[0]), bib.strings)
    }

    fn names(record: &Record) -> Vec<&str> {
        record.fields.iter().map(|f| f.name.as_str()).collect()
    }

    fn value(record: &Record, name: &str) -> Vec<ValuePart> {
        record.fields[record.position(name).unwrap()].value.clone()
    }

    fn text(t: &str) -> Vec<ValuePart> {
        vec![ValuePart::Text(t.to_owned())]
    }

    fn keys(bib: &Bibliography, order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| bib.entries[i].key.clone()).collect()
    }

    #[test]
    fn private_fields_match_names_exactly_and_suffix_patterns() {
        let private = Private::default_list();
        assert!(private.removes("abbr"));
        assert!(private.removes("Award_URL"));
        assert!(private.removes("author+an"));
        assert!(private.removes("EDITOR+AN"));
        assert!(!private.removes("title"));
        assert!(!private.removes("abbreviation"));
        assert!(!private.removes("an"));
        assert!(!Private::Keep.removes("abbr"));
        assert!(Private::Strip(vec!["note".into()]).removes("NOTE"));
    }

    #[test]
    fn selection_filters_combine() {
        let bib = bib("@article{a, year = 2019, selected = {true}}\n\
             @book{b, year = 2021}\n\
             @article{c, date = {2022-03}, selected = {yes}}\n\
             @misc{d, title = {no year}}\n");
        let path = Path::new("refs.bib");
        let pick = |s: Selection| {
            let (order, diags) = select(&bib, &s, path);
            (keys(&bib, &order), diags)
        };
        assert_eq!(pick(Selection::default()).0, ["a", "b", "c", "d"]);
        assert_eq!(pick(Selection { selected_only: true, ..Default::default() }).0, ["a", "c"]);
        let (picked, diags) = pick(Selection { since: Some(2020), ..Default::default() });
        assert_eq!(picked, ["b", "c"]);
        assert_eq!(diags[0].message, "1 entry without a year left out by `--since`: `d`");
        assert_eq!(pick(Selection { until: Some(2021), types: vec!["Article".into()], ..Default::default() }).0, ["a"]);
        assert_eq!(pick(Selection { keys: vec!["d".into(), "b".into()], ..Default::default() }).0, ["b", "d"]);
    }

    #[test]
    fn unknown_key_is_an_error_with_the_closest_key() {
        let bib = bib("@misc{zhu2025apollo, title = {A}}\n@misc{cong2025, title = {B}}\n");
        let (order, diags) =
            select(&bib, &Selection { keys: vec!["zhu2025apolo".into()], ..Default::default() }, Path::new("refs.bib"));
        assert!(order.is_empty());
        assert_eq!(diags[0].message, "unknown key `zhu2025apolo` in `refs.bib`");
        assert_eq!(diags[0].hints, ["did you mean `zhu2025apollo`?"]);
        assert!(diags[0].is_error());
    }

    #[test]
    fn unknown_type_is_a_warning_with_a_suggestion() {
        let bib = bib("@article{a, title = {A}}\n");
        let (_, diags) =
            select(&bib, &Selection { types: vec!["artcle".into()], ..Default::default() }, Path::new("refs.bib"));
        assert_eq!(diags[0].message, "no entry in `refs.bib` has the type `artcle`");
        assert_eq!(diags[0].hints, ["did you mean `article`?"]);
        assert!(!diags[0].is_error());
    }

    #[test]
    fn crossref_parents_follow_their_children() {
        let bib = bib("@proceedings{conf, title = {Proc}, year = 2020}\n\
             @inproceedings{p1, title = {One}, crossref = {conf}}\n\
             @misc{other, title = {X}}\n\
             @inproceedings{p2, title = {Two}, crossref = {conf}}\n");
        let path = Path::new("refs.bib");
        let (order, diags) = select(&bib, &Selection::default(), path);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(keys(&bib, &order), ["p1", "other", "p2", "conf"]);
        let (order, _) = select(&bib, &Selection { keys: vec!["p2".into()], ..Default::default() }, path);
        assert_eq!(keys(&bib, &order), ["p2", "conf"]);

        // Keys in `crossref` match whatever their case, as in BibTeX.
        let cased = self::bib("@book{whole, title = {W}}\n@inbook{part, crossref = {WHOLE}}\n");
        let (order, diags) = select(&cased, &Selection::default(), path);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(keys(&cased, &order), ["part", "whole"]);
    }

    #[test]
    fn missing_parent_is_a_located_warning() {
        let text = "@inproceedings{p, title = {One}, crossref = {gone}}\n";
        let bib = bib(text);
        let (order, diags) = select(&bib, &Selection::default(), Path::new("refs.bib"));
        assert_eq!(keys(&bib, &order), ["p"]);
        assert_eq!(diags[0].message, "entry `p` refers to `gone`, which is not in `refs.bib`");
        let span = diags[0].location.as_ref().unwrap().span.clone();
        assert_eq!(&text[span], "{gone}");
    }

    #[test]
    fn date_becomes_year_and_month_once() {
        let (mut r, strings) = record("@article{k, title = {T}, date = {2020-05}, note = {N}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["title", "year", "month", "note"]);
        assert_eq!(value(&r, "month"), [ValuePart::Macro("may".into())]);

        // Year already there: not written twice, and the date goes since it says no more.
        let (mut r, strings) = record("@article{k, year = 2020, month = may, date = {2020-05}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "month"]);

        // A day cannot be said in BibTeX: the date stays beside year and month.
        let (mut r, strings) = record("@article{k, date = {2020-05-17}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "month", "date"]);

        // A conflicting year is never overwritten, and the date is kept.
        let (mut r, strings) = record("@article{k, year = {2019}, date = {2020}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "date"]);

        // Idempotent.
        let before = r.clone();
        to_bibtex(&mut r, &strings);
        assert_eq!(r, before);
    }

    #[test]
    fn biblatex_types_and_fields_downgrade() {
        let (mut r, s) = record(
            "@online{k, url = {https://x.org/a}, location = {Austin}, journaltitle = {J}, eprinttype = {arxiv}, eprintclass = {cs.LG}}",
        );
        to_bibtex(&mut r, &s);
        assert_eq!(r.kind, "misc");
        assert_eq!(names(&r), ["url", "howpublished", "address", "journal", "archiveprefix", "primaryclass"]);
        assert_eq!(value(&r, "howpublished"), text("\\url{https://x.org/a}"));

        let (mut r, s) = record("@report{k, type = {techreport}, institution = {UT}}");
        to_bibtex(&mut r, &s);
        assert_eq!((r.kind.as_str(), names(&r)), ("techreport", vec!["institution"]));

        for (source, kind, fields) in [
            ("@thesis{k, type = {phdthesis}}", "phdthesis", vec![]),
            ("@thesis{k, type = {mathesis}}", "mastersthesis", vec![]),
            ("@thesis{k, type = {Master's thesis}}", "mastersthesis", vec!["type"]),
            ("@thesis{k, type = {Habilitation}}", "phdthesis", vec!["type"]),
            ("@thesis{k, school = {MIT}}", "phdthesis", vec!["school"]),
        ] {
            let (mut r, s) = record(source);
            to_bibtex(&mut r, &s);
            assert_eq!((r.kind.as_str(), names(&r)), (kind, fields), "{source}");
        }

        // Both names present: neither is touched.
        let (mut r, s) = record("@article{k, journaltitle = {A}, journal = {B}}");
        to_bibtex(&mut r, &s);
        assert_eq!(names(&r), ["journaltitle", "journal"]);
    }

    #[test]
    fn url_with_tex_characters_gets_no_howpublished() {
        // `\url{…$}` does not read back (found by fuzzing): the `url` alone says it.
        for url in ["https://x.org/pos$", "https://x.org/$a$", r"https://x.org/a\b", "https://x.org/{a}"] {
            let (mut r, s) = record(&format!("@online{{k, url = {{{url}}}}}"));
            to_bibtex(&mut r, &s);
            assert_eq!((r.kind.as_str(), names(&r)), ("misc", vec!["url"]), "{url}");
        }
        // The characters `\url` takes as they are still get one.
        let url = "https://x.org/~ada/a_b?q=1&r=%20#top";
        let (mut r, s) = record(&format!("@online{{k, url = {{{url}}}}}"));
        to_bibtex(&mut r, &s);
        assert_eq!(value(&r, "howpublished"), text(&format!("\\url{{{url}}}")));
    }

    #[test]
    fn repeated_fields_keep_the_first() {
        // The parser already leaves repeats out; a record built otherwise may still have them.
        let (mut r, _) = record("@misc{k, title = {A}, date = {2020}, note = {n}}");
        r.fields.insert(1, Field::text("title", "B"));
        r.fields.push(Field::text("date", "2021-05"));
        r.fields.push(Field::text("title", "C"));
        assert_eq!(drop_repeats(&mut r), ["title", "date"]);
        assert_eq!(names(&r), ["title", "date", "note"]);
        assert_eq!(value(&r, "title"), text("A"));
        assert_eq!(value(&r, "date"), text("2020"));
        assert!(drop_repeats(&mut r).is_empty());
    }

    #[test]
    fn bibtex_upgrades_to_biblatex() {
        let (mut r, s) = record("@techreport{k, journal = {J}, year = 2020, month = {Sept.}, address = {A}}");
        to_biblatex(&mut r, &s);
        assert_eq!(r.kind, "report");
        assert_eq!(names(&r), ["journaltitle", "date", "location", "type"]);
        assert_eq!(value(&r, "date"), text("2020-09"));
        assert_eq!(value(&r, "type"), text("techreport"));

        // An unreadable month keeps year and month as they are.
        let (mut r, s) = record("@article{k, year = 2020, month = {Spring}}");
        to_biblatex(&mut r, &s);
        assert_eq!(names(&r), ["year", "month"]);

        // A date already there wins.
        let (mut r, s) = record("@article{k, year = 2020, date = {2020-01-02}}");
        to_biblatex(&mut r, &s);
        assert_eq!(names(&r), ["year", "date"]);

        let (mut r, s) = record("@phdthesis{k, type = {PhD dissertation}}");
        to_biblatex(&mut r, &s);
        assert_eq!(r.kind, "thesis");
        assert_eq!(value(&r, "type"), text("PhD dissertation"));
    }

    #[test]
    fn month_values_are_read_in_every_common_spelling() {
        let none: Vec<RawField> = Vec::new();
        assert_eq!(month_number(&[ValuePart::Macro("Jan".into())], &none), Some(1));
        assert_eq!(month_number(&text("12"), &none), Some(12));
        assert_eq!(month_number(&text("May"), &none), Some(5));
        assert_eq!(month_number(&text("sept."), &none), Some(9));
        assert_eq!(month_number(&text("13"), &none), None);
        assert_eq!(month_number(&text("ma"), &none), None);
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
}
