//! The publications the CV lists as hayagriva YAML, the bibliography format of Typst
//! (`#bibliography("cv.yml")`): one entry per paper under its id, in the CV's order.
//!
//! The type follows the category cvgen gave the paper: a conference, workshop or abstract paper
//! is an `article` in `proceedings`, a journal paper an `article` in a `periodical`, a preprint an
//! `article` in a `repository`, a chapter a `chapter` of a `book`; theses, reports, books and
//! patents are their own types. Titles are written verbatim (a citation style does not recase
//! them), names as `{name, given-name, prefix, suffix}` without the author marks, DOI and arXiv
//! id as serial numbers. Every string is a YAML double-quoted scalar, and in hayagriva's
//! formattable strings `\`, `{`, `}` and `$` are escaped, so a title with `$x$` or braces prints
//! as written. Pure.

use std::collections::HashMap;
use std::fmt::Write;

use super::shared::{self, safe_url};
use super::{Exported, Source};
use crate::bib::BibEntry;
use crate::bib::names::{self, Name};
use crate::category::Category;
use crate::model::Publication;
use crate::model::publications::fields;

/// The hayagriva YAML document.
pub fn export(source: &Source) -> Exported {
    let entries: HashMap<&str, &BibEntry> = source.bibliography.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out = String::new();
    let mut count = 0;
    for p in shared::listed(source.cv) {
        if count > 0 {
            out.push('\n');
        }
        entry(&mut out, p, entries.get(p.id.as_str()).copied(), source.profile);
        count += 1;
    }
    if count == 0 {
        out.push_str("{}\n");
    }
    Exported { text: out, diagnostics: Vec::new(), publications: count }
}

/// The entry type of a paper and the type of its parent (`None`: no parent).
fn types(category: Category) -> (&'static str, Option<&'static str>) {
    match category {
        Category::Conference | Category::Workshop | Category::Abstract => ("article", Some("proceedings")),
        Category::Journal => ("article", Some("periodical")),
        Category::Preprint | Category::UnderReview => ("article", Some("repository")),
        Category::Chapter => ("chapter", Some("book")),
        Category::Book => ("book", None),
        Category::Thesis => ("thesis", None),
        Category::Report => ("report", None),
        Category::Patent => ("patent", None),
        Category::Talk | Category::Other => ("misc", None),
    }
}

fn entry(out: &mut String, p: &Publication, bib: Option<&BibEntry>, profile: &crate::profile::Profile) {
    let (kind, parent) = types(p.category);
    let text = |name: &str| bib.and_then(|e| e.text(name)).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let _ = writeln!(out, "{}:", quoted(&p.id));
    let _ = writeln!(out, "  type: {kind}");
    // Escaped as well as verbatim: hayagriva drops a title's braces even when verbatim.
    let _ = writeln!(out, "  title: {{value: {}, verbatim: true}}", formattable(&p.title));
    let people = bib.map(|e| people(e, profile)).unwrap_or_default();
    if !people.is_empty() {
        out.push_str("  author:\n");
        for person in &people {
            let _ = writeln!(out, "    - {}", person);
        }
    }
    if let Some(date) = shared::publication_date(p) {
        let _ = writeln!(out, "  date: {}", quoted(&date));
    }
    if let Some(pages) = text("pages") {
        let _ = writeln!(out, "  page-range: {}", quoted(&pages.replace(['–', '—'], "-").replace("--", "-")));
    }
    let mut serial = Vec::new();
    if let Some(doi) = bib.and_then(|e| fields::verbatim_field(e, "doi")) {
        let doi = doi.trim_start_matches("https://doi.org/").trim_start_matches("http://dx.doi.org/");
        serial.push(format!("doi: {}", quoted(doi)));
    }
    if let Some(arxiv) = bib.and_then(fields::arxiv_id) {
        serial.push(format!("arxiv: {}", quoted(&arxiv)));
    }
    if !serial.is_empty() {
        let _ = writeln!(out, "  serial-number: {{{}}}", serial.join(", "));
    }
    if let Some(url) = p.links.iter().find(|l| l.label == "Paper" || l.label == "DOI").or(p.links.first())
        && let Some(url) = safe_url(&url.url)
    {
        let _ = writeln!(out, "  url: {}", quoted(&url));
    }
    match (parent, &p.venue) {
        (Some(parent), Some(venue)) => {
            let _ = writeln!(out, "  parent:\n    type: {parent}\n    title: {}", formattable(venue));
            if p.category == Category::Journal {
                if let Some(volume) = text("volume").filter(|v| !v.starts_with("abs/")) {
                    let _ = writeln!(out, "    volume: {}", quoted(&volume));
                }
                if let Some(issue) = text("number").or_else(|| text("issue")) {
                    let _ = writeln!(out, "    issue: {}", quoted(&issue));
                }
            }
            if let Some(publisher) = text("publisher") {
                let _ = writeln!(out, "    publisher: {}", formattable(&publisher));
            }
        }
        (None, Some(venue)) if matches!(p.category, Category::Thesis | Category::Report) => {
            let _ = writeln!(out, "  organization: {}", formattable(venue));
        }
        (None, _) => {
            if let Some(publisher) = text("publisher") {
                let _ = writeln!(out, "  publisher: {}", formattable(&publisher));
            }
        }
        (Some(_), None) => {}
    }
    if let Some(note) = &p.note {
        let _ = writeln!(out, "  note: {}", formattable(note));
    }
}

/// The authors (else the editors) of an entry as hayagriva persons, their marks dropped, renamed
/// as the profile says (`publications.rename`).
fn people(entry: &BibEntry, profile: &crate::profile::Profile) -> Vec<String> {
    let people = entry
        .typed
        .author()
        .or_else(|_| entry.typed.editors().map(|e| e.into_iter().flat_map(|(p, _)| p).collect()))
        .unwrap_or_default();
    people
        .iter()
        .filter_map(|person| {
            let mut name = Name::from_person(person);
            if name.is_others() || name.family.is_empty() {
                return None;
            }
            names::strip_marks(&mut name);
            let name = super::shared::renamed(name, profile);
            let mut fields = vec![format!("name: {}", quoted(&name.family))];
            if !name.given.is_empty() {
                fields.push(format!("given-name: {}", quoted(&name.given)));
            }
            if !name.prefix.is_empty() {
                fields.push(format!("prefix: {}", quoted(&name.prefix)));
            }
            if !name.suffix.is_empty() {
                fields.push(format!("suffix: {}", quoted(&name.suffix)));
            }
            Some(format!("{{{}}}", fields.join(", ")))
        })
        .collect()
}

/// A formattable string that prints as written: hayagriva's `\`, `{`, `}` and `$` escaped.
fn formattable(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '\\' | '{' | '}' | '$') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    quoted(&escaped)
}

/// A YAML double-quoted scalar: `"` and `\` escaped, and every character YAML does not allow
/// as it is (controls, byte-order mark, line and paragraph separators) as `\uXXXX`.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_for_yaml_and_hayagriva() {
        assert_eq!(quoted("a \"b\" \\ c\u{85}"), r#""a \"b\" \\ c\u0085""#);
        assert_eq!(formattable("{x} $y$ \\"), r#""\\{x\\} \\$y\\$ \\\\""#);
    }
}
