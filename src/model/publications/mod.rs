//! The publication list: bibliography entries become display-ready publications with the owner
//! highlighted, role marks, awards, venue, links, sorted newest first, grouped and numbered.

use serde::Serialize;

pub mod authors;
pub mod category;
pub mod duplicates;
pub mod fields;
pub mod lists;
mod memo;
pub mod papers;
pub mod place;
pub mod title;

use crate::bib::names::OwnerMatcher;
use crate::bib::{BibEntry, Bibliography};
use crate::category::{CATEGORIES, Category};
use crate::diag::Diagnostic;
use category::VenueRules;
use fields::text_field;

use crate::profile::{GroupBy, Numbering, PublicationSettings};
pub use authors::Author;
pub use authors::{CORRESPONDING_MARK, EQUAL_MARK};

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
    /// Citation key, as written.
    pub key: String,
    /// The name citations use ([`crate::bib::BibEntry::id`]): the key, or `key-2` for the second
    /// entry with a key.
    pub id: String,
    /// `C3`, `J1`, `7`, or absent without numbering.
    pub label: Option<String>,
    /// `conference`, `journal`, `workshop`, `preprint`, `under_review`, `book`, `chapter`,
    /// `thesis`, `patent`, `talk`, `abstract`, `report` or `other`.
    pub category: Category,
    /// Which rule put it in its category, in words (`venue table: NeurIPS`; see
    /// [`category::classify`]), or `profile` when `publications.papers` gives it.
    pub category_rule: String,
    /// The values `publications.papers` in the profile gave it (`note`, `equal`, `date`, …), in
    /// the order of that map's fields: the profile's word wins over the entry's.
    pub from_profile: Vec<String>,
    /// The label of its entry in the document (`pub-KEY`), on the first place it is listed: the
    /// target of the profile's citations of it.
    pub anchor: Option<String>,
    /// Where its entry is (`refs.bib:12`), for messages; not part of the template data.
    #[serde(skip)]
    pub place: String,
    /// Its BibTeX `keywords`, for `select.tags`; not part of the template data.
    #[serde(skip)]
    pub tags: Vec<String>,
    /// Its `shorttitle`, for citations of a paper no list shows; not part of the template data.
    #[serde(skip)]
    pub short_title: Option<String>,
    /// The key of the entry the CV shows instead of this one (its published version, or the
    /// same entry in another file): see [`duplicates`]; not part of the template data.
    #[serde(skip)]
    pub left_out_for: Option<String>,
    /// Accepted but not out yet (`pubstate = {accepted}`, `{inpress}`, `{forthcoming}`): printed
    /// as "to appear".
    pub to_appear: bool,
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
    /// The venue already holds the year (`2024 IEEE International Symposium on …`): a theme
    /// prints no year after it ([`place::holds_year`]).
    pub year_in_venue: bool,
    /// Month (1–12), for ordering papers of one year; not part of the template data.
    #[serde(skip)]
    pub month: Option<u8>,
    /// Day (1–31), for ordering papers of one month; not part of the template data.
    #[serde(skip)]
    pub day: Option<u8>,
    /// Among papers of one date, a larger order counts as later (`publications.papers`); not
    /// part of the template data.
    #[serde(skip)]
    pub order: i64,
    /// Left out of every list (`hide: true` under `publications.papers`); not part of the
    /// template data.
    #[serde(skip)]
    pub hidden: bool,
    /// The names of `publications.rename` that renamed one of its authors, for the warning about
    /// a name no paper has; not part of the template data.
    #[serde(skip)]
    pub renamed: Vec<String>,
    /// Volume, number, pages, publisher as one line (`pp. 686–703`).
    pub details: Option<String>,
    /// Free note (acceptance rate, spotlight), as text.
    pub note: Option<String>,
    /// The note as rich text (the profile's `papers:` note may be bold, italic or link; a note
    /// from the bibliography is one plain span); `null` without a note.
    pub note_spans: Option<Vec<crate::model::rich::Span>>,
    /// Paper awards.
    pub awards: Vec<Award>,
    /// Links as labelled URLs (`arXiv`, `Code`).
    pub links: Vec<LinkOut>,
    /// al-folio's `selected`.
    pub selected: bool,
    /// How often it is cited, from the profile's `publications.citations` file (`null` without
    /// one, or when the file has no count for it).
    pub cited_by: Option<u64>,
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

/// Reads every entry of the bibliography as the CV would print it, in source order, with the
/// owner matched against `owner` (the profile's name variants; empty: nobody is the owner), the
/// co-authors renamed and the profile's additions applied ([`papers`]: `publications.rename`,
/// `publications.papers`, which win over the entry's fields).
/// This is done once per build: the publication list, the lints and `cvgen data` read the result.
/// Problems with an entry's role annotations stay with it ([`Publication::problems`]): the CV
/// reports those of the papers it shows, `cvgen check` those of every paper.
pub fn read(settings: Option<&PublicationSettings>, bib: &Bibliography) -> Vec<Publication> {
    let owner = OwnerMatcher::new(settings.map(|s| s.owner.as_slice()).unwrap_or_default());
    let venues = VenueRules::new(settings.into_iter().flat_map(|s| &s.venues));
    let additions = papers::by_entry(settings, bib);
    let no_renames = std::collections::BTreeMap::new();
    let renames = settings.map_or(&no_renames, |s| &s.rename);
    let print = memo::settings_print(settings);
    let mut publications: Vec<Publication> = bib
        .entries
        .iter()
        .zip(additions)
        .map(|(e, add)| {
            let mut p = memo::publication(e, settings, print, &owner, &venues);
            p.renamed = papers::rename(&mut p.authors, renames);
            if let Some(add) = add {
                papers::apply(&mut p, add, renames);
                // The profile's venue, badge and date go through the entry's printing rules.
                p.venue_short = place::badge(p.venue_short.take(), p.venue.as_deref());
                p.year_in_venue = place::holds_year(p.venue.as_deref(), p.year);
            }
            p
        })
        .collect();
    duplicates::mark(&mut publications, bib, settings.is_some_and(|s| s.keep_preprint_duplicates));
    publications
}

/// Whether the list the profile asks for shows `publication`.
pub fn shown(publication: &Publication, settings: &PublicationSettings) -> bool {
    publication.left_out_for.is_none() && !publication.hidden && (!settings.selected_only || publication.selected)
}

fn publication(
    entry: &BibEntry,
    settings: Option<&PublicationSettings>,
    owner: &OwnerMatcher,
    venues: &VenueRules,
) -> Publication {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let style = settings.map(|s| s.names).unwrap_or_default();
    let (authors, et_al) = authors::authors(entry, owner, style, &mut problems);
    let classified = category::classify(entry, venues, &mut problems);
    // The profile's name for the venue, else the bibliography's (in the table's casing when
    // only the letter case differs); the badge unless the venue starts with it.
    let venue = venues
        .printed_name(entry)
        .or_else(|| fields::venue(entry, classified.category == Category::Preprint).map(place::table_casing));
    let venue_short = place::badge(text_field(entry, "abbr").or(classified.short), venue.as_deref());
    let to_appear = text_field(entry, "pubstate").is_some_and(|s| {
        matches!(s.trim().to_ascii_lowercase().as_str(), "accepted" | "inpress" | "in press" | "forthcoming")
    });
    Publication {
        key: entry.key.clone(),
        id: entry.id.clone(),
        label: None,
        title: title::title(entry, settings.is_some_and(|s| s.title_case)).unwrap_or_else(|| "(untitled)".to_owned()),
        authors,
        et_al,
        year_in_venue: place::holds_year(venue.as_deref(), entry.year),
        venue,
        venue_short,
        year: entry.year,
        month: entry.month,
        day: entry.day,
        order: 0,
        hidden: false,
        renamed: Vec::new(),
        details: fields::details(entry),
        note_spans: text_field(entry, "note").map(|text| vec![crate::model::rich::Span { text, ..Default::default() }]),
        note: text_field(entry, "note"),
        awards: fields::awards(entry),
        links: fields::links(entry),
        selected: entry.selected,
        cited_by: None,
        category: classified.category,
        category_rule: classified.rule,
        from_profile: Vec::new(),
        to_appear,
        anchor: None,
        place: place_of(entry),
        tags: text_field(entry, "keywords")
            .map(|k| k.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default(),
        short_title: text_field(entry, "shorttitle"),
        left_out_for: None,
        problems,
    }
}

/// Where an entry is, for messages: `file:line`.
fn place_of(entry: &BibEntry) -> String {
    format!("{}:{}", entry.file.display(), entry.line)
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
        GroupBy::Type => {
            let mut by_category: Vec<Vec<Publication>> = vec![Vec::new(); CATEGORIES.len()];
            for p in publications {
                let at = CATEGORIES.iter().position(|(c, _, _)| *c == p.category).unwrap_or(CATEGORIES.len() - 1);
                by_category[at].push(p);
            }
            CATEGORIES
                .iter()
                .zip(by_category)
                .filter(|(_, items)| !items.is_empty())
                .map(|((_, name, _), items)| Group {
                    // English here; the model puts the titles in the CV's language.
                    title: crate::locale::ENGLISH.group(name).unwrap_or(name).to_owned(),
                    items,
                })
                .collect()
        }
    }
}

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
                if total == 0 {
                    continue;
                }
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
