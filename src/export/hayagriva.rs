//! The publications the CV lists as hayagriva YAML, the bibliography format of Typst
//! (`#bibliography("cv.yml")`): one entry per paper under its id, in the CV's order.
//!
//! Built from hayagriva's own types ([`hayagriva::Entry`], the crate Typst reads bibliographies
//! with) and written by its serializer ([`hayagriva::io::to_yaml_str`]), so quoting and escaping
//! are the reader's own. The type follows the category cvgen gave the paper: a conference,
//! workshop or abstract paper is an `article` in `proceedings`, a journal paper an `article` in a
//! `periodical`, a preprint an `article` in a `repository`, a chapter a `chapter` of a `book`;
//! theses, reports, books and patents are their own types. Titles and venues are verbatim (a
//! citation style does not recase them), names are `{name, given-name, prefix, suffix}` without
//! the author marks (renamed as `publications.rename` says), DOI and arXiv id serial numbers, the
//! URL the paper's own link through the one URL rule. Pure.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use hayagriva::types::{
    ChunkKind, ChunkedString, Date, EntryType, FormatString, MaybeTyped, Numeric, PageRanges, Person, Publisher,
    QualifiedUrl, SerialNumber,
};
use hayagriva::{Entry, Library};

use super::shared::{self, safe_url};
use super::{Exported, Source};
use crate::bib::BibEntry;
use crate::bib::names::{self, Name};
use crate::category::Category;
use crate::model::Publication;
use crate::model::publications::fields;
use crate::profile::Profile;

/// The hayagriva YAML document.
pub fn export(source: &Source) -> Exported {
    let entries: HashMap<&str, &BibEntry> = source.bibliography.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut library = Library::new();
    for p in shared::listed(source.cv) {
        library.push(&entry(p, entries.get(p.id.as_str()).copied(), source.profile));
    }
    let count = library.len();
    let text = if count == 0 {
        "{}\n".to_owned()
    } else {
        hayagriva::io::to_yaml_str(&library).expect("hayagriva's entries serialise to YAML")
    };
    Exported { text, diagnostics: Vec::new(), publications: count }
}

/// The entry type of a paper and the type of its parent (`None`: no parent).
fn types(category: Category) -> (EntryType, Option<EntryType>) {
    match category {
        Category::Conference | Category::Workshop | Category::Abstract => {
            (EntryType::Article, Some(EntryType::Proceedings))
        }
        Category::Journal => (EntryType::Article, Some(EntryType::Periodical)),
        Category::Preprint | Category::UnderReview => (EntryType::Article, Some(EntryType::Repository)),
        Category::Chapter => (EntryType::Chapter, Some(EntryType::Book)),
        Category::Book => (EntryType::Book, None),
        Category::Thesis => (EntryType::Thesis, None),
        Category::Report => (EntryType::Report, None),
        Category::Patent => (EntryType::Patent, None),
        Category::Talk | Category::Other => (EntryType::Misc, None),
    }
}

fn entry(p: &Publication, bib: Option<&BibEntry>, profile: &Profile) -> Entry {
    let (kind, parent) = types(p.category);
    let text = |name: &str| bib.and_then(|e| e.text(name)).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let mut out = Entry::new(&p.id, kind);
    out.set_title(verbatim(&p.title));
    let people = bib.map(|e| people(e, profile)).unwrap_or_default();
    if !people.is_empty() {
        out.set_authors(people);
    }
    if let Some(date) = shared::publication_date(p).and_then(|d| Date::from_str(&d).ok()) {
        out.set_date(date);
    }
    if let Some(pages) = text("pages") {
        let pages = pages.replace(['–', '—'], "-").replace("--", "-");
        out.set_page_range(PageRanges::from_str(&pages).map_or(MaybeTyped::String(pages), MaybeTyped::Typed));
    }
    let mut serial = BTreeMap::new();
    if let Some(doi) = bib.and_then(|e| fields::verbatim_field(e, "doi")) {
        let doi = doi.trim_start_matches("https://doi.org/").trim_start_matches("http://dx.doi.org/");
        serial.insert("doi".to_owned(), doi.to_owned());
    }
    if let Some(arxiv) = bib.and_then(fields::arxiv_id) {
        serial.insert("arxiv".to_owned(), arxiv);
    }
    if !serial.is_empty() {
        out.set_serial_number(SerialNumber(serial));
    }
    if let Some(link) = p.links.iter().find(|l| l.label == "Paper" || l.label == "DOI").or(p.links.first())
        && let Some(url) = safe_url(&link.url).and_then(|u| u.parse().ok())
    {
        out.set_url(QualifiedUrl::new(url, None));
    }
    let publisher = text("publisher").map(|name| Publisher::new(Some(verbatim(&name)), None));
    match (parent, &p.venue) {
        (Some(parent), Some(venue)) => {
            let mut host = Entry::new(&format!("{}-parent", p.id), parent);
            host.set_title(verbatim(venue));
            if p.category == Category::Journal {
                if let Some(volume) = text("volume").filter(|v| !v.starts_with("abs/")) {
                    host.set_volume(number(volume));
                }
                if let Some(issue) = text("number").or_else(|| text("issue")) {
                    host.set_issue(number(issue));
                }
            }
            if let Some(publisher) = publisher {
                host.set_publisher(publisher);
            }
            out.set_parents(vec![host]);
        }
        (None, Some(venue)) if matches!(p.category, Category::Thesis | Category::Report) => {
            out.set_organization(verbatim(venue));
        }
        (None, _) => {
            if let Some(publisher) = publisher {
                out.set_publisher(publisher);
            }
        }
        (Some(_), None) => {}
    }
    if let Some(note) = &p.note {
        out.set_note(verbatim(note));
    }
    out
}

/// A number as hayagriva types it when it can (`12`), else as written (`12a`).
fn number(text: String) -> MaybeTyped<Numeric> {
    Numeric::from_str(&text).map_or(MaybeTyped::String(text), MaybeTyped::Typed)
}

/// A string a citation style prints as written: no recasing, no markup.
fn verbatim(text: &str) -> FormatString {
    let mut value = ChunkedString::new();
    value.push_str(text, ChunkKind::Verbatim);
    FormatString { value, short: None }
}

/// The authors (else the editors) of an entry as hayagriva persons, their marks dropped, renamed
/// as the profile says (`publications.rename`).
fn people(entry: &BibEntry, profile: &Profile) -> Vec<Person> {
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
            let name = shared::renamed(name, profile);
            let part = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            Some(Person {
                name: name.family.clone(),
                given_name: part(&name.given),
                prefix: part(&name.prefix),
                suffix: part(&name.suffix),
                comma_suffix: false,
                alias: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_print_as_written_through_hayagrivas_own_writer() {
        let mut library = Library::new();
        let mut e = Entry::new("k", EntryType::Article);
        e.set_title(verbatim("{x} $y$ \\ \"q\""));
        library.push(&e);
        let yaml = hayagriva::io::to_yaml_str(&library).unwrap();
        let back = hayagriva::io::from_yaml_str(&yaml).unwrap();
        let title = back.get("k").unwrap().title().unwrap();
        assert_eq!(title.value.to_string(), "{x} $y$ \\ \"q\"", "{yaml}");
    }
}
