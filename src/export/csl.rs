//! The publications the CV lists as CSL-JSON (Zotero's "CSL JSON" import, pandoc's and
//! citeproc's bibliography format): one item per paper, in the CV's order.
//!
//! The fields go through the same table that reads CSL-JSON (`assets/csl.tsv`, read backwards by
//! [`crate::bib::csl::csl_type`] and [`crate::bib::csl::csl_variable`]), so `cvgen export
//! --format csl-json` read back as a bibliography gives the same fields; the table knows
//! BibLaTeX's names too (`journaltitle`, `location`, `language`). The item's type is the
//! entry's, except where the CV's category says more: a talk is a `speech`, a thesis a `thesis`,
//! a report a `report`, a patent a `patent`, whatever their BibTeX type. Names become
//! `{family, given, non-dropping-particle, suffix}` (the author marks dropped: CSL has no place
//! for them), `year` and `month` become `issued`, `urldate` becomes `accessed`, `langid` and
//! `language` become a BCP 47 tag (`assets/languages.tsv`: citeproc title-cases English titles
//! only), a thesis's or report's BibLaTeX `type` key its `genre` (`PhD thesis`); an arXiv
//! `eprint` becomes `number: arXiv:…` and the abstract page as `URL`, as Zotero writes a
//! preprint; text is the entry's text with its LaTeX resolved, identifiers (`doi`, `url`,
//! `isbn`, `issn`) as written. A paper without a `url` gets the first of its links. Fields CSL
//! has no variable for (al-folio's `abbr`, `award`, `selected`, …) are left out. Pure.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::shared::{self, safe_url};
use super::{Exported, Source};
use crate::bib::BibEntry;
use crate::bib::csl::{csl_type, csl_variable};
use crate::bib::names::{self, Name};
use crate::category::Category;
use crate::profile::Profile;

/// Fields the writer reads by their own rules, or that name other entries.
const OWN_RULES: &[&str] = &[
    "author",
    "editor",
    "year",
    "month",
    "date",
    "urldate",
    "crossref",
    "xdata",
    "ids",
    "key",
    "langid",
    "language",
    "eprint",
    "eprinttype",
    "archiveprefix",
];

/// BibLaTeX language names and their BCP 47 tags (`assets/languages.tsv`).
const LANGUAGES: &str = include_str!("../../assets/languages.tsv");

/// Fields whose value is an identifier, written as it is.
const VERBATIM: &[&str] = &["doi", "url", "isbn", "issn"];

/// The CSL-JSON array, pretty-printed.
pub fn export(source: &Source) -> Exported {
    let entries: HashMap<&str, &BibEntry> = source.bibliography.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut items = Vec::new();
    for p in shared::listed(source.cv) {
        let Some(entry) = entries.get(p.id.as_str()) else { continue };
        let mut item = item(entry, Some(p.category), source.profile);
        if !item.contains_key("URL")
            && let Some(url) = p.links.iter().find_map(|l| safe_url(&l.url))
        {
            item.insert("URL".to_owned(), Value::String(url));
        }
        items.push(Value::Object(item));
    }
    let count = items.len();
    let mut text = serde_json::to_string_pretty(&Value::Array(items)).expect("CSL items are JSON");
    text.push('\n');
    Exported { text, diagnostics: Vec::new(), publications: count }
}

/// The CSL type of an entry the CV puts in `category`: the category's where it names a CSL type
/// the BibTeX type cannot (`@misc` talks, `@online` theses), else the entry's own.
fn kind_of(entry: &BibEntry, category: Option<Category>) -> &'static str {
    match category {
        Some(Category::Talk) => "speech",
        Some(Category::Thesis) => "thesis",
        Some(Category::Report) => "report",
        Some(Category::Patent) => "patent",
        _ => csl_type(&entry.kind),
    }
}

/// One entry as a CSL item; `category` is where the CV lists it, if it does.
pub fn item(entry: &BibEntry, category: Option<Category>, profile: &Profile) -> Map<String, Value> {
    let kind = kind_of(entry, category);
    let mut item = Map::new();
    item.insert("id".to_owned(), json!(entry.id));
    item.insert("citation-key".to_owned(), json!(entry.id));
    item.insert("type".to_owned(), json!(kind));
    for role in ["author", "editor"] {
        let people = persons(entry, role, profile);
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
        let value = if name == "url" {
            // One URL (CSL's `URL` takes one): the first usable of the value.
            crate::weblink::links(&field.text).0.into_iter().next()
        } else if VERBATIM.contains(&name.as_str()) {
            Some(field.text.trim().to_owned()).filter(|v| !v.is_empty())
        } else {
            entry.text(&name).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
        };
        if let Some(value) = value {
            item.insert(variable.to_owned(), Value::String(value));
        }
    }
    if let Some(language) = ["langid", "language"].iter().find_map(|f| entry.text(f)) {
        item.insert("language".to_owned(), json!(language_tag(&language)));
    }
    if let Some(genre) = item.get("genre").and_then(Value::as_str).and_then(genre_of) {
        item.insert("genre".to_owned(), json!(genre));
    } else if !item.contains_key("genre") {
        let genre = match entry.kind.to_ascii_lowercase().as_str() {
            "phdthesis" => Some("PhD thesis"),
            "mastersthesis" => Some("Master's thesis"),
            _ => None,
        };
        if let Some(genre) = genre {
            item.insert("genre".to_owned(), json!(genre));
        }
    }
    if let Some(id) = crate::model::publications::fields::arxiv_id(entry) {
        item.entry("number").or_insert_with(|| json!(format!("arXiv:{id}")));
        item.entry("URL").or_insert_with(|| json!(format!("https://arxiv.org/abs/{id}")));
        if kind == "article" {
            item.entry("publisher").or_insert_with(|| json!("arXiv"));
        }
    }
    item
}

/// A BibLaTeX language name (`ngerman`) as a BCP 47 tag (`de`); anything else as written.
fn language_tag(name: &str) -> String {
    let name = name.trim();
    LANGUAGES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_owned(), |(_, tag)| tag.to_owned())
}

/// BibLaTeX's keys for the `type` of a thesis or report, in the words CSL styles print.
fn genre_of(key: &str) -> Option<&'static str> {
    match key.trim().to_ascii_lowercase().as_str() {
        "phdthesis" => Some("PhD thesis"),
        "mathesis" | "mastersthesis" => Some("Master's thesis"),
        "candthesis" => Some("Candidate thesis"),
        "techreport" => Some("Technical report"),
        "resreport" => Some("Research report"),
        _ => None,
    }
}

/// The people of `role` as CSL names, their al-folio marks (`Zhu*`) dropped, renamed as the
/// profile says (`publications.rename`).
fn persons(entry: &BibEntry, role: &str, profile: &Profile) -> Vec<Value> {
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
            Some(csl_name(&super::shared::renamed(name, profile)))
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

    #[test]
    fn languages_become_tags() {
        assert_eq!(language_tag("ngerman"), "de");
        assert_eq!(language_tag(" American "), "en-US");
        assert_eq!(language_tag("de-AT"), "de-AT");
        for line in LANGUAGES.lines().filter(|l| !l.starts_with('#')) {
            assert!(line.split('\t').count() == 2, "{line:?}");
        }
    }
}
