//! The publication lists of a CV: one list of every paper, or the profile's `publications.lists`
//! (`Representative Publications` numbered `[I…]`, then conference and journal papers that leave
//! out what an earlier list showed), each selected, sorted newest first, grouped and numbered on
//! its own; and what a citation of a paper prints (`[I11]`) and links to.
//!
//! Pure: publications in (as [`super::read`] gives them), lists out.

use std::collections::{HashMap, HashSet};

use super::{CORRESPONDING_MARK, EQUAL_MARK, LegendItem, Publication, PublicationList, group, number, shown};
use crate::bib::resolve_key;
use crate::profile::{GroupBy, ListSettings, Numbering, PublicationSettings, Role, Select};

/// A list as it becomes a section: its heading (none: the section's own), its id, and the list.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The heading the profile gives it (the single default list has none: the section's title
    /// decides).
    pub title: Option<String>,
    /// The section id (`publications`, or the list's id).
    pub id: String,
    /// The papers.
    pub list: PublicationList,
}

/// What a citation of a paper prints, and the label of its entry in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// `[I11]`, or `APOLLO, 2025` for a paper no list shows.
    pub text: String,
    /// The entry's label in the document (`pub-zhu2025apollo`), when a list shows it.
    pub target: Option<String>,
    /// The label without brackets (`I11`), when the list numbers its papers.
    pub label: Option<String>,
    /// The short title and year (`APOLLO, 2025`): what a theme that does not show the paper
    /// prints in place of its label.
    pub fallback: String,
    /// Where the label sorts in a citation of several papers: the list's place, the place of
    /// the label's prefix in that list (`P` before `C` when preprints come first), the number.
    pub order: (usize, usize, u64),
    /// The label's prefix (`C`), which a run of numbers shares.
    pub prefix: String,
}

/// Builds the lists `settings` ask for, and gives the first place each paper is listed an
/// anchor (its `pub-KEY` label) that citations link to.
pub fn build(publications: &[Publication], settings: &PublicationSettings) -> Vec<Listed> {
    let candidates: Vec<&Publication> = publications.iter().filter(|p| shown(p, settings)).collect();
    let mut out = Vec::new();
    if settings.lists.is_empty() {
        let list = make(&candidates, settings.group_by, settings.numbering, settings.reverse_numbering, None);
        out.push(Listed { title: None, id: "publications".to_owned(), list });
    } else {
        let mut listed: HashSet<&str> = HashSet::new();
        for (i, spec) in settings.lists.iter().enumerate() {
            // A key names its entry as everywhere (`key-2`, `key-1`: [`resolve_key`]); one no
            // entry has selects nothing and is reported by [`super::papers::check`].
            let ids: HashSet<&str> = spec
                .select
                .keys
                .iter()
                .filter_map(|k| resolve_key(k, publications.iter().map(|p| (p.key.as_str(), p.id.as_str()))))
                .map(|i| publications[i].id.as_str())
                .collect();
            let chosen: Vec<&Publication> = candidates
                .iter()
                .copied()
                .filter(|p| selects(&spec.select, &ids, p) && !(spec.exclude_listed && listed.contains(p.id.as_str())))
                .collect();
            // A list that selects nothing prints no heading (the check warns about it).
            if chosen.is_empty() {
                continue;
            }
            listed.extend(chosen.iter().map(|p| p.id.as_str()));
            out.push(Listed {
                title: Some(spec.title.clone()),
                id: spec.section_id(i),
                list: list(&chosen, spec, settings),
            });
        }
    }
    anchor_first(&mut out);
    out
}

/// Gives the first place each paper is listed in `lists` its anchor, and no other place one
/// (again after a list is left out of the document).
pub fn anchor_first(lists: &mut [Listed]) {
    let mut anchored: HashSet<String> = HashSet::new();
    for p in lists.iter_mut().flat_map(|l| l.list.groups.iter_mut()).flat_map(|g| g.items.iter_mut()) {
        p.anchor = anchored.insert(p.id.clone()).then(|| anchor(&p.id));
    }
}

/// The document label of a paper's entry, from its id.
pub fn anchor(id: &str) -> String {
    format!("pub-{id}")
}

fn list(chosen: &[&Publication], spec: &ListSettings, settings: &PublicationSettings) -> PublicationList {
    let reverse = spec.reverse_numbering.unwrap_or(settings.reverse_numbering);
    match &spec.prefix {
        Some(prefix) => {
            make(chosen, spec.group_by.unwrap_or(GroupBy::None), Numbering::Continuous, reverse, Some(prefix))
        }
        None => make(
            chosen,
            spec.group_by.unwrap_or(settings.group_by),
            spec.numbering.unwrap_or(settings.numbering),
            reverse,
            None,
        ),
    }
}

/// One list: newest first, the legend of the marks it shows, grouped and numbered.
fn make(
    chosen: &[&Publication],
    by: GroupBy,
    numbering: Numbering,
    reverse: bool,
    prefix: Option<&str>,
) -> PublicationList {
    let mut publications: Vec<Publication> = chosen.iter().map(|p| (*p).clone()).collect();
    publications.sort_by_key(|p| std::cmp::Reverse(when(p)));
    let mut legend = Vec::new();
    if publications.iter().flat_map(|p| &p.authors).any(|a| a.equal) {
        legend.push(LegendItem { symbol: EQUAL_MARK.to_owned(), meaning: "equal contribution".to_owned() });
    }
    if publications.iter().flat_map(|p| &p.authors).any(|a| a.corresponding) {
        legend.push(LegendItem { symbol: CORRESPONDING_MARK.to_owned(), meaning: "corresponding author".to_owned() });
    }
    let count = publications.len();
    let mut groups = group(publications, by);
    number(&mut groups, numbering, reverse);
    if let Some(prefix) = prefix {
        for p in groups.iter_mut().flat_map(|g| g.items.iter_mut()) {
            p.label = p.label.take().map(|n| format!("{prefix}{n}"));
        }
    }
    PublicationList { legend, groups, count }
}

/// Where a paper stands in a list newest first: its year, month and day (from the bibliography
/// or the profile's `papers:`; a year without a month counts as its start, January 1), then its
/// `order` (larger is later). Papers equal in all of these keep the order of the files (the
/// sort is stable), so the same inputs always number the same way. Undated papers come last.
pub fn when(p: &Publication) -> (i32, u8, u8, i64) {
    (p.year.unwrap_or(i32::MIN), p.month.unwrap_or(1), p.day.unwrap_or(1), p.order)
}

/// Whether `p` passes every filter of `select`; `ids` are the ids its `keys` name.
fn selects(select: &Select, ids: &HashSet<&str>, p: &Publication) -> bool {
    select.selected.is_none_or(|want| p.selected == want)
        && (select.category.is_empty() || select.category.contains(&p.category))
        && (select.keys.is_empty() || ids.contains(p.id.as_str()))
        && (select.years.is_empty() || p.year.is_some_and(|y| select.years.iter().any(|(a, b)| (*a..=*b).contains(&y))))
        && (select.tags.is_empty()
            || select.tags.iter().any(|t| p.tags.iter().any(|have| have.eq_ignore_ascii_case(t))))
        && select.role.is_none_or(|role| has_role(p, role))
}

/// Whether the owner has `role` on `p`.
fn has_role(p: &Publication, role: Role) -> bool {
    let Some(at) = p.authors.iter().position(|a| a.owner) else { return false };
    match role {
        Role::First => at == 0,
        // The owner shares the first place: first, or in an unbroken run of `*` from the first.
        Role::EqualFirst => at == 0 || p.authors[..=at].iter().all(|a| a.equal),
        Role::Corresponding => p.authors[at].corresponding,
    }
}

/// What each paper's citation prints, by id: the label of the first list that shows it (or its short
/// title and year when it has no label), else, for a paper no list shows, its short title and
/// year without a link.
pub fn citations(lists: &[Listed], publications: &[Publication]) -> HashMap<String, Cited> {
    let mut out: HashMap<String, Cited> = HashMap::new();
    for (at, listed) in lists.iter().enumerate() {
        let mut prefixes: Vec<String> = Vec::new();
        for p in listed.list.groups.iter().flat_map(|g| &g.items) {
            let Some(target) = &p.anchor else { continue };
            let (prefix, number) = match &p.label {
                Some(label) => {
                    let digits = label.len() - label.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                    let (prefix, number) = label.split_at(label.len() - digits);
                    (prefix.to_owned(), number.parse().unwrap_or(u64::MAX))
                }
                None => (String::new(), u64::MAX),
            };
            let rank = prefixes.iter().position(|known| *known == prefix).unwrap_or_else(|| {
                prefixes.push(prefix.clone());
                prefixes.len() - 1
            });
            let text = match &p.label {
                Some(label) => format!("[{label}]"),
                None => short(p),
            };
            out.insert(
                p.id.clone(),
                Cited {
                    text,
                    target: Some(target.clone()),
                    label: p.label.clone(),
                    fallback: short(p),
                    order: (at, rank, number),
                    prefix,
                },
            );
        }
    }
    for p in publications {
        out.entry(p.id.clone()).or_insert_with(|| Cited {
            text: short(p),
            target: None,
            label: None,
            fallback: short(p),
            order: (usize::MAX, usize::MAX, u64::MAX),
            prefix: String::new(),
        });
    }
    out
}

/// `APOLLO, 2025`: the title up to its colon (or whole), and the year.
fn short(p: &Publication) -> String {
    let title = p.short_title.as_deref().unwrap_or_else(|| p.title.split(':').next().unwrap_or(&p.title)).trim();
    match p.year {
        Some(year) => format!("{title}, {year}"),
        None => title.to_owned(),
    }
}
