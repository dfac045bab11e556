//! CSL-JSON (Zotero's "CSL JSON" export, pandoc's and citeproc's format) read as a bibliography:
//! each item becomes an entry with BibTeX fields, so the CV, the lints and `cvgen bib` treat it
//! like any `.bib` (and `cvgen bib` turns it into BibTeX).
//!
//! The mapping of types and variables is the data file `assets/csl.tsv`, read both ways: here
//! CSL to BibTeX, and by the writer (`crate::export::csl`, through [`csl_type`] and
//! [`csl_variable`]) BibTeX to CSL. Names (`author`,
//! `editor`) become `Family, Given and …`, `issued` becomes `year` and `month`. Text is escaped for
//! BibTeX (`&`, `%`, `$`, `#`, `_`, braces), and CSL's inline markup (`<i>`, `<b>`,
//! `<span class="nocase">`) becomes `\textit{…}`, `\textbf{…}` and case-protecting braces. Every
//! field keeps the place of its JSON value, so diagnostics point into the `.json` file. Pure.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde_json::value::RawValue;

use super::reader::{Problem, RawEntry, Read};
use super::{RawField, ValuePart, dates};

/// The mapping table (`assets/csl.tsv`).
const TABLE: &str = include_str!("../../assets/csl.tsv");

/// CSL variables that are read by their own rules, or that say nothing a CV or BibTeX can use.
const HANDLED: &[&str] = &["id", "type", "citation-key", "author", "editor", "issued"];

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapping {
    /// A CSL type and its BibTeX type.
    Type {
        /// `article-journal`.
        csl: String,
        /// `article`.
        bibtex: String,
    },
    /// A BibTeX type with no `type` row of its own and the CSL type the writer gives it
    /// (`mastersthesis` → `thesis`); the reader never makes it.
    Written {
        /// `mastersthesis`.
        bibtex: String,
        /// `thesis`.
        csl: String,
    },
    /// A CSL variable, the BibTeX field it becomes, and the CSL types it applies to (none: all).
    Field {
        /// `container-title`.
        csl: String,
        /// `journal`.
        bibtex: String,
        /// `article-journal`, …
        types: Vec<String>,
    },
}

/// The rows of `assets/csl.tsv`, parsed once.
pub fn table() -> &'static [Mapping] {
    static TABLE_ROWS: OnceLock<Vec<Mapping>> = OnceLock::new();
    TABLE_ROWS.get_or_init(|| parse_table(TABLE).expect("assets/csl.tsv is checked by a test"))
}

/// Parses the mapping table; `Err` names the first bad line.
pub fn parse_table(text: &str) -> Result<Vec<Mapping>, String> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let row = match cells.as_slice() {
            ["type", csl, bibtex] => Mapping::Type { csl: (*csl).to_owned(), bibtex: (*bibtex).to_owned() },
            ["written", bibtex, csl] => Mapping::Written { bibtex: (*bibtex).to_owned(), csl: (*csl).to_owned() },
            ["field", csl, bibtex] => {
                Mapping::Field { csl: (*csl).to_owned(), bibtex: (*bibtex).to_owned(), types: Vec::new() }
            }
            ["field", csl, bibtex, types] => Mapping::Field {
                csl: (*csl).to_owned(),
                bibtex: (*bibtex).to_owned(),
                types: types.split_whitespace().map(str::to_owned).collect(),
            },
            _ => return Err(format!("line {}: `{line}`", n + 1)),
        };
        rows.push(row);
    }
    Ok(rows)
}

/// The BibTeX type of a CSL type (`misc` for one the table does not name).
fn bibtex_type(csl: &str) -> &'static str {
    table()
        .iter()
        .find_map(|m| match m {
            Mapping::Type { csl: c, bibtex } if c == csl => Some(bibtex.as_str()),
            _ => None,
        })
        .unwrap_or("misc")
}

/// The BibTeX field of a CSL variable in an item of CSL type `kind`.
fn bibtex_field(variable: &str, kind: &str) -> Option<&'static str> {
    table().iter().find_map(|m| match m {
        Mapping::Field { csl, bibtex, types }
            if csl == variable && (types.is_empty() || types.iter().any(|t| t == kind)) =>
        {
            Some(bibtex.as_str())
        }
        _ => None,
    })
}

/// The CSL type the writer gives a BibTeX type (`article` → `article-journal`): the first `type`
/// row that makes it, else its `written` row, else `article` (CSL's type for anything else
/// published, as the reader reads `article` back as `misc`).
pub fn csl_type(bibtex: &str) -> &'static str {
    let bibtex = bibtex.to_ascii_lowercase();
    let rows = table();
    rows.iter()
        .find_map(|m| match m {
            Mapping::Type { csl, bibtex: b } if *b == bibtex => Some(csl.as_str()),
            _ => None,
        })
        .or_else(|| {
            rows.iter().find_map(|m| match m {
                Mapping::Written { bibtex: b, csl } if *b == bibtex => Some(csl.as_str()),
                _ => None,
            })
        })
        .unwrap_or("article")
}

/// The CSL variable the writer makes of a BibTeX field in an item of CSL type `kind`: the first
/// `field` row from it that applies to the type, else the first from it at all (`journal` of a
/// `misc` is still its container). `None` for a field CSL has no variable for.
pub fn csl_variable(field: &str, kind: &str) -> Option<&'static str> {
    let field = field.to_ascii_lowercase();
    let from = |typed: bool| {
        table().iter().find_map(|m| match m {
            Mapping::Field { csl, bibtex, types }
                if *bibtex == field && (!typed || types.is_empty() || types.iter().any(|t| t == kind)) =>
            {
                Some(csl.as_str())
            }
            _ => None,
        })
    };
    from(true).or_else(|| from(false))
}

/// Reads CSL-JSON text (an array of items).
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let items: Vec<&RawValue> =
        match serde_json::from_str(text) {
            Ok(items) => items,
            Err(error) => {
                let at = offset_of(text, error.line(), error.column());
                let message = error.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
                out.problems.push(error_at(at..at, format!("this CSL-JSON cannot be read: {message}")).hint(
                    "CSL-JSON is an array of items (`[{\"id\": …, \"type\": …}, …]`); export it again from Zotero",
                ));
                return out;
            }
        };
    let mut dropped: BTreeMap<String, (usize, Range<usize>)> = BTreeMap::new();
    for item in items {
        let span = span_in(text, item.get());
        let fields: BTreeMap<String, &RawValue> = match serde_json::from_str(item.get()) {
            Ok(fields) => fields,
            Err(_) => {
                out.problems.push(
                    error_at(span.start..span.start + 1, "a CSL-JSON item must be an object")
                        .hint("each item is `{\"id\": …, \"type\": …, \"title\": …}`; this one was left out"),
                );
                continue;
            }
        };
        let string = |name: &str| {
            fields.get(name).and_then(|v| serde_json::from_str::<serde_json::Value>(v.get()).ok()).and_then(scalar)
        };
        let Some(id) = string("citation-key").or_else(|| string("id")) else {
            out.problems.push(
                error_at(span.start..span.start + 1, "a CSL-JSON item has no `id`")
                    .hint("every item needs an `id`; this one was left out"),
            );
            continue;
        };
        let key: String =
            id.chars().map(|c| if c.is_whitespace() || "{},\"#%'()=".contains(c) { '-' } else { c }).collect();
        let kind = string("type").unwrap_or_default();
        let key_span = fields.get("id").map_or(span.clone(), |v| span_in(text, v.get()));
        let mut entry =
            RawEntry { kind: bibtex_type(&kind).to_owned(), key, key_span, span: span.clone(), fields: Vec::new() };
        for (name, value) in &fields {
            // A list or an object is pointed at by its first character (the whole of it would
            // fill the screen); the name is the key before it.
            let whole = span_in(text, value.get());
            let value_span = if value.get().starts_with(['[', '{']) { whole.start..whole.start + 1 } else { whole };
            let quoted = format!("\"{name}\"");
            let name_span = text[span.start..value_span.start]
                .rfind(&quoted)
                .map_or(value_span.clone(), |i| span.start + i + 1..span.start + i + 1 + name.len());
            let parsed: serde_json::Value = serde_json::from_str(value.get()).unwrap_or(serde_json::Value::Null);
            let mut push = |field: &str, parts: Vec<ValuePart>, text: String| {
                if !entry.fields.iter().any(|f| f.name == field) {
                    entry.fields.push(RawField {
                        name: field.to_owned(),
                        name_span: name_span.clone(),
                        value_span: value_span.clone(),
                        value: parts,
                        text,
                    });
                }
            };
            match name.as_str() {
                "author" | "editor" => {
                    let names = names(&parsed);
                    if !names.is_empty() {
                        push(name, vec![ValuePart::Text(names.clone())], names);
                    }
                }
                "accessed" => {
                    if let (Some(year), month, day) = full_date(&parsed) {
                        let date = match (month, day) {
                            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
                            (Some(m), None) => format!("{year:04}-{m:02}"),
                            _ => format!("{year:04}"),
                        };
                        push("urldate", vec![ValuePart::Text(date.clone())], date);
                    }
                }
                "issued" => {
                    let (year, month) = date_parts(&parsed);
                    if let Some(year) = year {
                        push("year", vec![ValuePart::Text(year.to_string())], year.to_string());
                    }
                    if let Some(month) = month {
                        push(
                            "month",
                            vec![ValuePart::Macro(dates::month_macro(month))],
                            dates::month_name(month).to_owned(),
                        );
                    }
                }
                _ if HANDLED.contains(&name.as_str()) => {}
                // Zotero's preprints (and cvgen's export) say an arXiv id as `number: arXiv:ID`.
                "number"
                    if let Some(id) = scalar(parsed.clone())
                        .and_then(|n| n.trim().strip_prefix("arXiv:").map(|id| id.trim().to_owned()))
                        .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace)) =>
                {
                    push("eprint", vec![ValuePart::Text(id.clone())], id);
                    push("archiveprefix", vec![ValuePart::Text("arXiv".to_owned())], "arXiv".to_owned());
                }
                _ => match (bibtex_field(name, &kind), scalar(parsed)) {
                    (Some(field), Some(value)) => {
                        let escaped = if matches!(field, "url" | "doi") { value } else { escape(&value) };
                        push(field, vec![ValuePart::Text(escaped.clone())], escaped);
                    }
                    _ => {
                        let seen = dropped.entry(name.clone()).or_insert((0, value_span.clone()));
                        seen.0 += 1;
                    }
                },
            }
        }
        out.entries.push(entry);
    }
    if let Some((_, (_, first))) = dropped.iter().next() {
        let listed: Vec<String> = dropped.iter().map(|(name, (n, _))| format!("`{name}` ({n})")).collect();
        out.problems.push(
            Problem::warning(first.clone(), format!("CSL-JSON variables cvgen does not read: {}", listed.join(", ")))
                .hint("they are left out of the CV and of `cvgen bib`; the table of what is read is assets/csl.tsv"),
        );
    }
    out
}

fn error_at(span: Range<usize>, message: impl Into<String>) -> Problem {
    Problem::error(span, message)
}

/// Where `inner` (a slice of `text`) is in `text`.
fn span_in(text: &str, inner: &str) -> Range<usize> {
    let start = (inner.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    start..(start + inner.len()).min(text.len())
}

/// The byte offset of a one-based line and column (in characters) that serde_json reports.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = text.get(start..).unwrap_or_default();
    (start + rest.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum::<usize>()).min(text.len())
}

/// A string, number or boolean as text.
fn scalar(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// CSL names as BibTeX's `von Last, Jr, First and …`.
fn names(value: &serde_json::Value) -> String {
    let Some(list) = value.as_array() else { return String::new() };
    let get = |name: &serde_json::Value, key: &str| {
        name.get(key).and_then(|v| v.as_str()).map(escape).filter(|s| !s.is_empty())
    };
    let written: Vec<String> = list
        .iter()
        .filter_map(|name| {
            if let Some(literal) = get(name, "literal") {
                return Some(format!("{{{literal}}}"));
            }
            let family = get(name, "family")?;
            let particle = get(name, "non-dropping-particle").or_else(|| get(name, "dropping-particle"));
            let last = match particle {
                Some(p) => format!("{p} {family}"),
                None => family,
            };
            let mut out = last;
            if let Some(suffix) = get(name, "suffix") {
                out.push_str(&format!(", {suffix}"));
            }
            if let Some(given) = get(name, "given") {
                out.push_str(&format!(", {given}"));
            }
            Some(out)
        })
        .collect();
    written.join(" and ")
}

/// Year, month and day of a CSL date's first date.
fn full_date(value: &serde_json::Value) -> (Option<i32>, Option<u8>, Option<u8>) {
    let number = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let (year, month) = date_parts(value);
    let day = value
        .get("date-parts")
        .and_then(|p| p.get(0))
        .and_then(|p| p.get(2))
        .and_then(number)
        .and_then(|d| u8::try_from(d).ok())
        .filter(|d| (1..=31).contains(d) && month.is_some());
    (year, month, day)
}

/// Year and month of a CSL date (`{"date-parts": [[2024, 12, 6]]}`, parts may be strings), or of
/// its `raw` or `literal` text.
fn date_parts(value: &serde_json::Value) -> (Option<i32>, Option<u8>) {
    let number = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    if let Some(first) = value.get("date-parts").and_then(|p| p.get(0)).and_then(|p| p.as_array()) {
        let year = first.first().and_then(number).and_then(|y| i32::try_from(y).ok());
        let month = first.get(1).and_then(number).and_then(|m| u8::try_from(m).ok()).filter(|m| (1..=12).contains(m));
        return (year, month);
    }
    for key in ["raw", "literal"] {
        if let Some(text) = value.get(key).and_then(|v| v.as_str()) {
            return match dates::parse_date(text) {
                Some(p) => (p.year, p.month),
                None => (dates::parse_year(text), None),
            };
        }
    }
    (None, None)
}

/// Plain text (with CSL's inline markup) as a BibTeX value that prints the same.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((open, close, len)) = markup(rest)
        {
            out.push_str(open);
            rest = &rest[len..];
            if let Some(end) = rest.find(close) {
                out.push_str(&escape(&rest[..end]));
                out.push('}');
                rest = &rest[end + close.len()..];
            }
            continue;
        }
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("{\\textbraceleft}"),
            '}' => out.push_str("{\\textbraceright}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// CSL's inline markup at the start of `text`: what it opens in BibTeX, its closing tag, and its
/// length.
fn markup(text: &str) -> Option<(&'static str, &'static str, usize)> {
    const TAGS: &[(&str, &str, &str)] = &[
        ("<i>", "\\textit{", "</i>"),
        ("<b>", "\\textbf{", "</b>"),
        ("<sup>", "\\textsuperscript{", "</sup>"),
        ("<sub>", "\\textsubscript{", "</sub>"),
        ("<span class=\"nocase\">", "{", "</span>"),
        ("<span style=\"font-variant:small-caps;\">", "\\textsc{", "</span>"),
    ];
    TAGS.iter().find(|(tag, _, _)| text.starts_with(tag)).map(|(tag, open, close)| (*open, *close, tag.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_names_each_type_once() {
        let rows = parse_table(TABLE).unwrap();
        let mut types: Vec<&str> = rows
            .iter()
            .filter_map(|m| match m {
                Mapping::Type { csl, .. } => Some(csl.as_str()),
                Mapping::Field { .. } | Mapping::Written { .. } => None,
            })
            .collect();
        let n = types.len();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), n, "a CSL type mapped twice");
        assert!(rows.iter().any(|m| matches!(m, Mapping::Field { csl, .. } if csl == "container-title")));
    }

    #[test]
    fn zotero_items_become_entries() {
        let text = r#"[
	{
		"id": "http://zotero.org/users/local/x/items/AB",
		"type": "paper-conference",
		"container-title": "Advances in Neural Information Processing Systems",
		"title": "PACE: <i>Pacing</i> Operator Learning & 100% of $",
		"author": [{"family": "Zhu", "given": "Hanqing"}, {"literal": "The CV Consortium"}, {"family": "Berg", "non-dropping-particle": "van den", "given": "Ada"}],
		"issued": {"date-parts": [["2024", 12]]},
		"DOI": "10.5555/a_b",
		"source": "Zotero"
	}
]"#;
        let read = read(text);
        let entry = &read.entries[0];
        assert_eq!(
            (entry.kind.as_str(), entry.key.as_str()),
            ("inproceedings", "http://zotero.org/users/local/x/items/AB")
        );
        let field = |name: &str| entry.fields.iter().find(|f| f.name == name).map(|f| f.text.as_str());
        assert_eq!(field("booktitle"), Some("Advances in Neural Information Processing Systems"));
        assert_eq!(field("title"), Some(r"PACE: \textit{Pacing} Operator Learning \& 100\% of \$"));
        assert_eq!(field("author"), Some("Zhu, Hanqing and {The CV Consortium} and van den Berg, Ada"));
        assert_eq!((field("year"), field("month")), (Some("2024"), Some("December")));
        assert_eq!(field("doi"), Some("10.5555/a_b"), "identifiers are not escaped");
        let span = entry.fields.iter().find(|f| f.name == "doi").unwrap().value_span.clone();
        assert_eq!(&text[span], "\"10.5555/a_b\"");
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].message, "CSL-JSON variables cvgen does not read: `source` (1)");
    }

    #[test]
    fn the_writer_reads_the_table_backwards() {
        assert_eq!(csl_type("article"), "article-journal");
        assert_eq!(csl_type("InProceedings"), "paper-conference");
        assert_eq!(csl_type("misc"), "article");
        assert_eq!(csl_type("mastersthesis"), "thesis");
        assert_eq!(csl_type("conference"), "paper-conference");
        assert_eq!(csl_type("nonsense"), "article");
        assert_eq!(csl_variable("journal", "article-journal"), Some("container-title"));
        assert_eq!(csl_variable("booktitle", "paper-conference"), Some("container-title"));
        assert_eq!(csl_variable("school", "thesis"), Some("publisher"));
        assert_eq!(csl_variable("number", "article-journal"), Some("issue"));
        assert_eq!(csl_variable("abbr", "article-journal"), None);
        // Every BibTeX type the writer names, read back, is a BibTeX type of the same kind.
        for m in table() {
            if let Mapping::Written { csl, .. } = m {
                assert_ne!(bibtex_type(csl), "misc", "`{csl}` has no `type` row to read it back");
            }
        }
    }

    #[test]
    fn broken_json_is_located() {
        let read = read("[\n  {\"id\": \"a\",}\n]");
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].error);
        assert_eq!(read.problems[0].span.start, 15);
    }
}
