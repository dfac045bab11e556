//! The publications the CV lists as CSL-JSON (Zotero's "CSL JSON" import, pandoc's and
//! citeproc's bibliography format): one item per paper, in the CV's order.
//!
//! The fields go through the same table that reads CSL-JSON (`assets/csl.tsv`, read backwards by
//! [`crate::bib::csl::csl_type`] and [`crate::bib::csl::csl_variable`]), so `cvgen export
//! --format csl-json` read back as a bibliography gives the same fields. Names become
//! `{family, given, non-dropping-particle, suffix}` (the author marks dropped: CSL has no place
//! for them), `year` and `month` become `issued`, `urldate` becomes `accessed`; text is the
//! entry's text with its LaTeX resolved, identifiers (`doi`, `url`, `isbn`, `issn`) as written.
//! A paper without a `url` gets the first of its links. Fields CSL has no variable for (al-folio's
//! `abbr`, `award`, `selected`, …) are left out. Pure.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::shared::{self, safe_url};
use super::{Exported, Source};
use crate::bib::BibEntry;
use crate::bib::csl::{csl_type, csl_variable};
use crate::bib::names::{self, Name};

/// Fields the writer reads by their own rules, or that name other entries.
const OWN_RULES: &[&str] = &["author", "editor", "year", "month", "date", "urldate", "crossref", "xdata", "ids", "key"];

/// Fields whose value is an identifier, written as it is.
const VERBATIM: &[&str] = &["doi", "url", "isbn", "issn"];

/// The CSL-JSON array, pretty-printed.
pub fn export(source: &Source) -> Exported {
    let entries: HashMap<&str, &BibEntry> = source.bibliography.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut items = Vec::new();
    for p in shared::listed(source.cv) {
        let Some(entry) = entries.get(p.id.as_str()) else { continue };
        let mut item = item(entry);
        if !item.contains_key("URL")
            && let Some(url) = p.links.iter().find_map(|l| safe_url(&l.url))
        {
            item.insert("URL".to_owned(), Value::String(url.to_owned()));
        }
        items.push(Value::Object(item));
    }
    let count = items.len();
    let mut text = serde_json::to_string_pretty(&Value::Array(items)).expect("CSL items are JSON");
    text.push('\n');
    Exported { text, diagnostics: Vec::new(), publications: count }
}

/// One entry as a CSL item.
pub fn item(entry: &BibEntry) -> Map<String, Value> {
    let kind = csl_type(&entry.kind);
    let mut item = Map::new();
    item.insert("id".to_owned(), json!(entry.id));
    item.insert("citation-key".to_owned(), json!(entry.id));
    item.insert("type".to_owned(), json!(kind));
    for role in ["author", "editor"] {
        let people = persons(entry, role);
        if !people.is_empty() {
            item.insert(role.to_owned(), Value::Array(people));
        }
    }
    if let Some(year) = entry.year {
        let parts = match entry.month.filter(|m| (1..=12).contains(m)) {
            Some(month) => json!([[year, month]]),
            None => json!([[year]]),
        };
        item.insert("issued".to_owned(), json!({ "date-parts": parts }));
    }
    if let Some(accessed) = entry.field_or_inherited("urldate").and_then(|f| date_parts(&f.text)) {
        item.insert("accessed".to_owned(), json!({ "date-parts": [accessed] }));
    }
    for field in entry.fields.iter().chain(&entry.inherited) {
        let name = field.name.to_ascii_lowercase();
        if OWN_RULES.contains(&name.as_str()) {
            continue;
        }
        let Some(variable) = csl_variable(&name, kind) else { continue };
        if item.contains_key(variable) {
            continue;
        }
        let value = if VERBATIM.contains(&name.as_str()) {
            Some(field.text.trim().to_owned()).filter(|v| !v.is_empty())
        } else {
            entry.text(&name).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
        };
        if let Some(value) = value {
            item.insert(variable.to_owned(), Value::String(value));
        }
    }
    item
}

/// The people of `role` as CSL names, their al-folio marks (`Zhu*`) dropped.
fn persons(entry: &BibEntry, role: &str) -> Vec<Value> {
    let people = match role {
        "author" => entry.typed.author().unwrap_or_default(),
        _ => entry.typed.editors().map(|e| e.into_iter().flat_map(|(p, _)| p).collect()).unwrap_or_default(),
    };
    people
        .iter()
        .filter_map(|person| {
            let mut name = Name::from_person(person);
            if name.is_others() {
                return None;
            }
            names::strip_marks(&mut name);
            Some(csl_name(&name))
        })
        .collect()
}

/// A name as CSL writes it; one without a given name or particle that holds a space (an
/// organisation, `{The CV Consortium}`) is a literal.
fn csl_name(name: &Name) -> Value {
    if name.given.is_empty() && name.prefix.is_empty() && name.family.contains(char::is_whitespace) {
        return json!({ "literal": name.family });
    }
    let mut out = Map::new();
    out.insert("family".to_owned(), json!(name.family));
    if !name.given.is_empty() {
        out.insert("given".to_owned(), json!(name.given));
    }
    if !name.prefix.is_empty() {
        out.insert("non-dropping-particle".to_owned(), json!(name.prefix));
    }
    if !name.suffix.is_empty() {
        out.insert("suffix".to_owned(), json!(name.suffix));
    }
    Value::Object(out)
}

/// `2024-05-17` (or a month, or a year) as CSL date parts.
fn date_parts(text: &str) -> Option<Vec<u32>> {
    let parts: Vec<u32> = text.trim().split('-').map_while(|p| p.trim().parse().ok()).take(3).collect();
    (!parts.is_empty() && (1000..=9999).contains(&parts[0])).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_dates_become_date_parts() {
        assert_eq!(date_parts("2024-05-17"), Some(vec![2024, 5, 17]));
        assert_eq!(date_parts("2024"), Some(vec![2024]));
        assert_eq!(date_parts("May 2024"), None);
    }
}
