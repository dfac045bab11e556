//! The publication list: bibliography entries become display-ready publications with the owner
//! highlighted, role marks, awards, venue, links, sorted newest first, grouped and numbered.

use std::path::Path;

use serde::Serialize;

pub mod authors;

use crate::bib::latex::chunks_to_text;
use crate::bib::names::OwnerMatcher;
use crate::bib::{BibEntry, Bibliography};

pub use authors::Author;
use authors::{CORRESPONDING_MARK, EQUAL_MARK};
use crate::diag::Diagnostic;
use crate::profile::{GroupBy, Numbering, PublicationSettings};

/// The publication section's content.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationList {
    /// Symbols used in this list and what they mean (only those that appear).
    pub legend: Vec<LegendItem>,
    /// Groups in display order (one untitled group when not grouped).
    pub groups: Vec<Group>,
    /// Number of publications shown.
    pub count: usize,
}

/// A legend line item: `*` equal contribution.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LegendItem {
    /// The mark.
    pub symbol: String,
    /// What it means.
    pub meaning: String,
}

/// A titled group of publications.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `Conference Papers`, `2025`, or empty when the list is not grouped.
    pub title: String,
    /// Publications, newest first.
    pub items: Vec<Publication>,
}

/// One publication, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    /// Citation key.
    pub key: String,
    /// `C3`, `J1`, `7`, or absent without numbering.
    pub label: Option<String>,
    /// `conference`, `journal`, `workshop`, `preprint`, `book`, `thesis`, `other`.
    pub category: String,
    /// Title as text.
    pub title: String,
    /// Authors in order (`and others` is not an author: see `et_al`).
    pub authors: Vec<Author>,
    /// The list ended with `and others`.
    pub et_al: bool,
    /// Full venue (`Conference on Machine Learning and Systems (MLSys)`).
    pub venue: Option<String>,
    /// Short venue badge (`MLSys`), from al-folio's `abbr`.
    pub venue_short: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Month (1–12), for ordering papers of one year; not part of the template data.
    #[serde(skip)]
    pub month: Option<u8>,
    /// Volume, number, pages, publisher as one line (`pp. 686–703`).
    pub details: Option<String>,
    /// Free note (acceptance rate, spotlight).
    pub note: Option<String>,
    /// Paper awards.
    pub awards: Vec<Award>,
    /// Links as labelled URLs (`arXiv`, `Code`).
    pub links: Vec<LinkOut>,
    /// al-folio's `selected`.
    pub selected: bool,
    /// What is wrong with the entry's role annotations, located in the bibliography; not part
    /// of the template data.
    #[serde(skip)]
    pub problems: Vec<Diagnostic>,
}

/// A paper award.
#[derive(Debug, Clone, Serialize)]
pub struct Award {
    /// `Outstanding Paper Honorable Mention`.
    pub name: String,
    /// A page about it.
    pub url: Option<String>,
}

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkOut {
    /// `arXiv`, `DOI`, `Code`.
    pub label: String,
    /// Absolute URL.
    pub url: String,
}

/// Link fields and their labels, in display order (al-folio's names and the standard ones).
const LINK_FIELDS: &[(&str, &str)] = &[
    ("pdf", "PDF"),
    ("html", "HTML"),
    ("code", "Code"),
    ("website", "Project"),
    ("blog", "Blog"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("video", "Video"),
];

/// Reads every entry of the bibliography as the CV would print it, in source order, with the
/// owner matched against `owner` (the profile's name variants; empty: nobody is the owner).
/// This is done once per build: the publication list, the lints and `cvgen data` read the result.
/// Problems with an entry's role annotations stay with it ([`Publication::problems`]): the CV
/// reports those of the papers it shows, `cvgen check` those of every paper.
pub fn read(owner: &[String], bib: &Bibliography, bib_path: &Path) -> Vec<Publication> {
    let owner = OwnerMatcher::new(owner);
    bib.entries.iter().map(|e| publication(e, &owner, bib_path)).collect()
}

/// Whether the list the profile asks for shows `publication`.
pub fn shown(publication: &Publication, settings: &PublicationSettings) -> bool {
    !settings.selected_only || publication.selected
}

/// The publication list the profile's settings ask for, from every publication as [`read`]
/// gives them: selected ones only if asked, newest first, grouped and numbered.
pub fn list(publications: &[Publication], settings: &PublicationSettings) -> PublicationList {
    let mut publications: Vec<Publication> = publications.iter().filter(|p| shown(p, settings)).cloned().collect();
    // Newest first; equal dates keep source order (the sort is stable).
    publications.sort_by_key(|p| std::cmp::Reverse((p.year.unwrap_or(0), p.month.unwrap_or(0))));

    let mut legend = Vec::new();
    if publications.iter().flat_map(|p| &p.authors).any(|a| a.equal) {
        legend.push(LegendItem { symbol: EQUAL_MARK.to_owned(), meaning: "equal contribution".to_owned() });
    }
    if publications.iter().flat_map(|p| &p.authors).any(|a| a.corresponding) {
        legend.push(LegendItem { symbol: CORRESPONDING_MARK.to_owned(), meaning: "corresponding author".to_owned() });
    }

    let count = publications.len();
    let mut groups = group(publications, settings.group_by);
    number(&mut groups, settings.numbering, settings.reverse_numbering);
    PublicationList { legend, groups, count }
}

/// A field's display text from the typed entry (abbreviations and crossrefs resolved).
fn text_field(entry: &BibEntry, name: &str) -> Option<String> {
    entry.typed.get(name).map(chunks_to_text).filter(|s| !s.is_empty())
}

/// A field's value with only outer whitespace removed (URLs, ids: no LaTeX processing).
fn verbatim_field(entry: &BibEntry, name: &str) -> Option<String> {
    let chunks = entry.typed.get(name)?;
    let text: String = chunks.iter().map(|c| c.v.get()).collect();
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn publication(entry: &BibEntry, owner: &OwnerMatcher, bib_path: &Path) -> Publication {
    let mut problems = Vec::new();
    let (authors, et_al) = authors::authors(entry, owner, bib_path, &mut problems);
    let category = category(entry);
    let venue = venue(entry, &category);
    Publication {
        key: entry.key.clone(),
        label: None,
        title: text_field(entry, "title").unwrap_or_else(|| "(untitled)".to_owned()),
        authors,
        et_al,
        venue,
        venue_short: text_field(entry, "abbr"),
        year: entry.year,
        month: entry.month,
        details: details(entry),
        note: text_field(entry, "note"),
        awards: awards(entry),
        links: links(entry),
        selected: entry.selected,
        category,
        problems,
    }
}

fn category(entry: &BibEntry) -> String {
    let is_arxiv = || {
        text_field(entry, "archiveprefix")
            .or_else(|| text_field(entry, "eprinttype"))
            .is_some_and(|p| p.eq_ignore_ascii_case("arxiv"))
            || text_field(entry, "journal").is_some_and(|j| {
                let j = j.to_ascii_lowercase();
                j.contains("arxiv") || j == "corr"
            })
    };
    let workshop = |field: &str| text_field(entry, field).is_some_and(|v| v.to_ascii_lowercase().contains("workshop"));
    match entry.kind.as_str() {
        "inproceedings" | "conference" | "proceedings" if workshop("booktitle") => "workshop",
        "inproceedings" | "conference" | "proceedings" => "conference",
        "article" if is_arxiv() => "preprint",
        "article" | "periodical" => "journal",
        "misc" | "online" | "unpublished" | "techreport" | "report" | "electronic" if is_arxiv() => "preprint",
        "unpublished" => "preprint",
        "book" | "mvbook" | "inbook" | "incollection" | "bookinbook" | "collection" => "book",
        "phdthesis" | "mastersthesis" | "thesis" => "thesis",
        _ => "other",
    }
    .to_owned()
}

fn venue(entry: &BibEntry, category: &str) -> Option<String> {
    for field in ["booktitle", "journaltitle", "journal"] {
        if let Some(v) = text_field(entry, field) {
            return Some(v);
        }
    }
    if category == "preprint"
        && let Some(id) = verbatim_field(entry, "eprint")
    {
        return Some(format!("arXiv preprint arXiv:{id}"));
    }
    for field in ["school", "institution", "organization", "publisher", "howpublished"] {
        if let Some(v) = text_field(entry, field) {
            return Some(v);
        }
    }
    None
}

fn details(entry: &BibEntry) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = text_field(entry, "volume") {
        parts.push(format!("vol. {v}"));
    }
    if let Some(n) = text_field(entry, "number").or_else(|| text_field(entry, "issue")) {
        parts.push(format!("no. {n}"));
    }
    if let Some(p) = text_field(entry, "pages") {
        let word = if p.contains(['–', '-', ',']) { "pp." } else { "p." };
        parts.push(format!("{word} {p}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn awards(entry: &BibEntry) -> Vec<Award> {
    // al-folio: `award` is the text, `award_name` a short label; cvgen shows the short one when
    // both exist. Several awards are separated by `;`.
    let text = text_field(entry, "award_name").or_else(|| text_field(entry, "award"));
    let url = verbatim_field(entry, "award_url");
    text.map(|t| {
        t.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|name| Award { name: name.to_owned(), url: url.clone() })
            .collect()
    })
    .unwrap_or_default()
}

fn links(entry: &BibEntry) -> Vec<LinkOut> {
    let mut out: Vec<LinkOut> = Vec::new();
    let mut push = |label: &str, url: String| {
        if !out.iter().any(|l| l.url == url) {
            out.push(LinkOut { label: label.to_owned(), url });
        }
    };
    if let Some(id) = verbatim_field(entry, "eprint") {
        let prefix = text_field(entry, "archiveprefix").or_else(|| text_field(entry, "eprinttype"));
        if prefix.as_deref().is_none_or(|p| p.eq_ignore_ascii_case("arxiv")) && looks_like_arxiv(&id) {
            push("arXiv", format!("https://arxiv.org/abs/{id}"));
        }
    }
    if let Some(doi) = verbatim_field(entry, "doi") {
        let doi = doi.trim_start_matches("https://doi.org/").trim_start_matches("http://dx.doi.org/").to_owned();
        push("DOI", format!("https://doi.org/{doi}"));
    }
    for (field, label) in LINK_FIELDS {
        // al-folio allows `pdf = {paper.pdf}` relative to the website's assets; a PDF can only
        // link to absolute URLs, so relative ones are left out.
        if let Some(url) = verbatim_field(entry, field).filter(|u| is_absolute_url(u)) {
            push(label, url);
        }
    }
    // cvgen's `links = {Label=URL; Label=URL}` for anything else worth a link.
    if let Some(list) = verbatim_field(entry, "links") {
        for item in list.split(';') {
            if let Some((label, url)) = item.split_once('=') {
                push(label.trim(), url.trim().to_owned());
            }
        }
    }
    if let Some(url) = verbatim_field(entry, "url").filter(|u| is_absolute_url(u)) {
        push("URL", url);
    }
    out
}

fn looks_like_arxiv(id: &str) -> bool {
    // New style `2412.05270` (optionally `v2`) or old style `hep-th/9901001`.
    let new_style = id.split_once('.').is_some_and(|(a, b)| {
        a.len() == 4
            && a.chars().all(|c| c.is_ascii_digit())
            && b.trim_end_matches(|c: char| c.is_ascii_digit() || c == 'v').is_empty()
    });
    new_style || id.contains('/')
}

/// Whether `url` can be a link in a PDF on its own (a scheme and a host).
pub fn is_absolute_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "ftp://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

fn group(publications: Vec<Publication>, by: GroupBy) -> Vec<Group> {
    match by {
        GroupBy::None => vec![Group { title: String::new(), items: publications }],
        GroupBy::Year => {
            let mut groups: Vec<Group> = Vec::new();
            for p in publications {
                let title = p.year.map_or_else(|| "Undated".to_owned(), |y| y.to_string());
                match groups.last_mut() {
                    Some(g) if g.title == title => g.items.push(p),
                    _ => groups.push(Group { title, items: vec![p] }),
                }
            }
            groups
        }
        GroupBy::Type => CATEGORIES
            .iter()
            .filter_map(|(category, title, _)| {
                let items: Vec<Publication> =
                    publications.iter().filter(|p| p.category == *category).cloned().collect();
                (!items.is_empty()).then(|| Group { title: (*title).to_owned(), items })
            })
            .collect(),
    }
}

/// Categories in display order, with group titles and label prefixes.
const CATEGORIES: &[(&str, &str, &str)] = &[
    ("conference", "Conference Papers", "C"),
    ("journal", "Journal Articles", "J"),
    ("workshop", "Workshop Papers", "W"),
    ("preprint", "Preprints", "P"),
    ("book", "Books and Chapters", "B"),
    ("thesis", "Theses", "T"),
    ("other", "Other", "O"),
];

fn number(groups: &mut [Group], numbering: Numbering, reverse: bool) {
    match numbering {
        Numbering::None => {}
        Numbering::Continuous => {
            let total: usize = groups.iter().map(|g| g.items.len()).sum();
            let mut n = 0;
            for p in groups.iter_mut().flat_map(|g| g.items.iter_mut()) {
                n += 1;
                let shown = if reverse { total + 1 - n } else { n };
                p.label = Some(shown.to_string());
            }
        }
        Numbering::ByType => {
            for (category, _, prefix) in CATEGORIES {
                let total = groups.iter().flat_map(|g| &g.items).filter(|p| p.category == *category).count();
                let mut n = 0;
                for p in groups.iter_mut().flat_map(|g| g.items.iter_mut()).filter(|p| p.category == *category) {
                    n += 1;
                    let shown = if reverse { total + 1 - n } else { n };
                    p.label = Some(format!("{prefix}{shown}"));
                }
            }
        }
    }
}
