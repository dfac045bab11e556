//! The profile's last word on a paper (`publications.papers`) and on co-authors' names
//! (`publications.rename`), applied once where a publication is read ([`super::read`]), so the
//! PDF, the lints, the exports and `cvgen data` all see the same values; each value the profile
//! gave is named in [`Publication::from_profile`] (and a category from the profile has the rule
//! `profile`). What cannot be applied (a key no entry has, an author position past the list, a
//! name no paper prints, a list that selects nothing) is reported by [`check`], located in the
//! profile. Pure.

use std::collections::BTreeMap;
use std::ops::Range;

use super::lists;
use super::{Author, CORRESPONDING_MARK, EQUAL_MARK, LinkOut, Publication};
use crate::bib::{Bibliography, resolve_key};
use crate::date::PartialDate;
use crate::diag::{self, Diagnostic};
use crate::model::{rich, typography};
use crate::profile::tree::Node;
use crate::profile::{AuthorRef, PaperSetting, Profile, PublicationSettings};

/// The rule a category the profile gives is shown with (`cvgen check --explain`, `cvgen data`).
pub const PROFILE_RULE: &str = "profile";

/// The profile's additions for each entry of `bib`, by the entry's index (a key written in
/// `papers:` names an entry by [`resolve_key`]; one no entry has is left to [`check`]).
pub fn by_entry<'a>(settings: Option<&'a PublicationSettings>, bib: &Bibliography) -> Vec<Option<&'a PaperSetting>> {
    let mut out = vec![None; bib.entries.len()];
    for (key, setting) in settings.into_iter().flat_map(|s| &s.papers) {
        if let Some(i) = resolve_key(key, bib.entries.iter().map(|e| (e.key.as_str(), e.id.as_str()))) {
            out[i] = Some(setting);
        }
    }
    out
}

/// Prints co-authors as `rename` says (`David Pan` → `David Z. Pan`), comparing the name as cvgen
/// would print it; returns the left-hand names used. The owner is found before, on the names as
/// written, so renaming never changes who the owner is.
pub fn rename(authors: &mut [Author], rename: &BTreeMap<String, String>) -> Vec<String> {
    let mut used = Vec::new();
    if rename.is_empty() {
        return used;
    }
    for author in authors {
        if let Some((from, to)) = rename.iter().find(|(from, _)| same_name(from, &author.name)) {
            author.name = to.trim().to_owned();
            author.renamed = true;
            used.push(from.clone());
        }
    }
    used
}

/// Whether two printed names are one, ignoring letter case, periods and spacing (`David Z Pan` =
/// `David Z. Pan`): the rule by which `publications.rename` finds a co-author, in the CV and in
/// the exports that read names from the bibliography.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

/// The author `r` names among `authors` (by position from 1, or by the name as printed, before
/// or after `rename`), by index.
fn author_at(r: &AuthorRef, authors: &[Author], renamed: &BTreeMap<String, String>) -> Option<usize> {
    match r {
        AuthorRef::Position(n) => (1..=authors.len()).contains(n).then(|| n - 1),
        AuthorRef::Name(name) => authors.iter().position(|a| {
            same_name(name, &a.name) || renamed.get(name.trim()).is_some_and(|to| same_name(to, &a.name))
        }),
    }
}

/// Applies `add` to `p`, whose authors are printed as `renamed` says.
pub fn apply(p: &mut Publication, add: &PaperSetting, renamed: &BTreeMap<String, String>) {
    let mut from = Vec::new();
    if let Some(note) = add.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let mut spans = rich::parse(note);
        typography::polish_spans(&mut spans);
        p.note = Some(rich::plain(&spans));
        p.note_spans = Some(spans);
        from.push("note");
    }
    for (refs, field, set) in [
        (&add.equal, "equal", (|a: &mut Author, on| a.equal = on) as fn(&mut Author, bool)),
        (&add.corresponding, "corresponding", |a: &mut Author, on| a.corresponding = on),
    ] {
        let Some(refs) = refs else { continue };
        let chosen: Vec<usize> = refs.iter().filter_map(|r| author_at(r, &p.authors, renamed)).collect();
        for (i, author) in p.authors.iter_mut().enumerate() {
            set(author, chosen.contains(&i));
        }
        from.push(field);
    }
    if add.equal.is_some() || add.corresponding.is_some() {
        for author in &mut p.authors {
            author.marks = format!(
                "{}{}",
                if author.equal { EQUAL_MARK } else { "" },
                if author.corresponding { CORRESPONDING_MARK } else { "" }
            );
        }
    }
    if let Some(Ok(PartialDate::Known { year, month, day })) = add.date.as_ref().map(|d| PartialDate::parse(&d.value.0))
    {
        (p.year, p.month, p.day) = (Some(year), month, day);
        from.push("date");
    }
    if let Some(order) = add.order {
        p.order = order;
        from.push("order");
    }
    if let Some(venue) = add.venue.as_deref().filter(|v| !v.trim().is_empty()) {
        p.venue = Some(venue.trim().to_owned());
        from.push("venue");
    }
    if let Some(short) = add.short.as_deref().filter(|v| !v.trim().is_empty()) {
        p.venue_short = Some(short.trim().to_owned());
        from.push("short");
    }
    if let Some(title) = add.title.as_deref().filter(|v| !v.trim().is_empty()) {
        p.title = title.trim().to_owned();
        from.push("title");
    }
    if let Some(category) = add.category {
        p.category = category;
        p.category_rule = PROFILE_RULE.to_owned();
        from.push("category");
    }
    if let Some(selected) = add.selected {
        p.selected = selected;
        from.push("selected");
    }
    if let Some(hide) = add.hide {
        p.hidden = hide;
        from.push("hide");
    }
    if !add.links.is_empty() {
        for (name, url) in &add.links {
            let label = super::fields::link_label(name).map_or_else(|| name.trim().to_owned(), str::to_owned);
            let url = url.trim().to_owned();
            // The profile's link replaces the entry's of the same label or target.
            p.links.retain(|l| !l.label.eq_ignore_ascii_case(&label) && !super::fields::same_target(&l.url, &url));
            p.links.push(LinkOut { label, url });
        }
        from.push("links");
    }
    p.from_profile = from.into_iter().map(str::to_owned).collect();
}

/// Every problem with what the profile says about the publications, located where it says it:
/// a key in `papers:` or `select.keys` that no entry has (an error with the closest key; a
/// warning in `papers:` when `subset`, a `--bib` that replaces the profile's bibliography), an
/// author position or name a paper does not have, a date that is not one, a `rename` name that no
/// paper prints (a warning), and a list that selects nothing (a warning; it is not printed).
/// `publications` are every entry as [`super::read`] gives them.
pub fn check(profile: &Profile, publications: &[Publication], subset: bool) -> Vec<Diagnostic> {
    let Some(settings) = &profile.publications else { return Vec::new() };
    let origin = &profile.origin;
    let node = |path: &[&str]| origin.node(path);
    let place = |path: &[&str]| node(path).map_or(0..0, Node::place);
    let key_place = |path: &[&str], key: &str| -> Range<usize> {
        node(path).and_then(|n| n.entry(key)).map_or_else(|| place(path), |e| e.key.span.clone())
    };
    let entries = || publications.iter().map(|p| (p.key.as_str(), p.id.as_str()));
    // An error, or a warning when `--bib` gives a bibliography in place of the profile's (a
    // subset is then expected).
    let unknown = |key: &str, message: String| {
        let d = if subset {
            Diagnostic::warning(format!("{message} (not in the bibliography `--bib` gives)"))
        } else {
            Diagnostic::error(message)
        };
        match diag::closest(key, publications.iter().map(|p| p.id.as_str())) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None if publications.is_empty() => d.hint("the bibliography has no entries"),
            None => d.hint("a paper is named by its bib key (`key-2` for the second entry with a key)"),
        }
    };
    // A key several entries share names the first, as their ids say; said, since the second
    // may be meant (citations of such a key are errors: they cannot guess either).
    let shared = |key: &str, what: &str| -> Option<Diagnostic> {
        let places: Vec<&str> =
            publications.iter().filter(|p| p.key.eq_ignore_ascii_case(key.trim())).map(|p| p.place.as_str()).collect();
        (places.len() > 1).then(|| {
            Diagnostic::warning(format!(
                "`{key}` in {what} names {} entries ({}); it is taken as the first",
                places.len(),
                places.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
            ))
            .hint(format!("write `{key}-1` for the first or `{key}-2` for the second"))
        })
    };
    let mut out = Vec::new();
    let renamed: Vec<&str> = publications.iter().flat_map(|p| &p.renamed).map(String::as_str).collect();
    for (key, add) in &settings.papers {
        let at = ["publications", "papers", key.as_str()];
        if let Some(date) = &add.date {
            let problem = match PartialDate::parse(&date.value.0) {
                Ok(PartialDate::Known { .. }) => None,
                Ok(PartialDate::Present) => Some(format!("`{}` is not the date of a paper", date.value.0.trim())),
                Err(message) => Some(message),
            };
            if let Some(message) = problem {
                let d = Diagnostic::error(format!("invalid date: {message}"))
                    .hint("write `2024`, `2024-12` or `2024-12-05`");
                out.push(origin.point(d, crate::date::span_of(&date.referenced)));
            }
        }
        let Some(i) = resolve_key(key, entries()) else {
            let d = unknown(key, format!("unknown paper `{key}` in `publications.papers`"));
            out.push(origin.point(d, key_place(&["publications", "papers"], key)));
            continue;
        };
        if let Some(d) = shared(key, "`publications.papers`") {
            out.push(origin.point(d, key_place(&["publications", "papers"], key)));
        }
        let p = &publications[i];
        for (refs, field) in [(&add.equal, "equal"), (&add.corresponding, "corresponding")] {
            for (n, r) in refs.iter().flatten().enumerate() {
                if author_at(r, &p.authors, &settings.rename).is_some() {
                    continue;
                }
                let count = p.authors.len();
                let d = match r {
                    AuthorRef::Position(n) => Diagnostic::error(format!(
                        "`{key}` has no author {n}: it has {count} author{}",
                        if count == 1 { "" } else { "s" }
                    ))
                    .hint("authors are numbered from 1 in the order the CV prints them"),
                    AuthorRef::Name(name) => {
                        let d = Diagnostic::error(format!("`{key}` has no author `{name}`"));
                        match diag::closest(name, p.authors.iter().map(|a| a.name.as_str())) {
                            Some(best) => d.hint(format!("did you mean `{best}`?")),
                            None => d.hint(format!(
                                "its authors, as printed: {}",
                                p.authors.iter().map(|a| format!("`{}`", a.name)).collect::<Vec<_>>().join(", ")
                            )),
                        }
                    }
                };
                let n = n.to_string();
                out.push(origin.point(d, place(&[at[0], at[1], at[2], field, &n])));
            }
        }
    }
    for from in settings.rename.keys() {
        if !renamed.iter().any(|r| r == from) {
            let d = Diagnostic::warning(format!("no paper has the author `{from}` that `rename` names"))
                .hint("write the name as the CV printed it before the rename (`David Pan`)");
            out.push(origin.point(d, key_place(&["publications", "rename"], from)));
        }
    }
    for (n, list) in settings.lists.iter().enumerate() {
        let n = n.to_string();
        for (k, key) in list.select.keys.iter().enumerate() {
            let k = k.to_string();
            if let Some(d) = shared(key, "`select.keys`") {
                out.push(origin.point(d, place(&["publications", "lists", &n, "select", "keys", &k])));
            }
            if resolve_key(key, entries()).is_none() {
                let d = unknown(key, format!("unknown paper `{key}` in `select.keys` of the list `{}`", list.title));
                out.push(origin.point(d, place(&["publications", "lists", &n, "select", "keys", &k])));
            }
        }
    }
    let built = lists::build(publications, settings);
    for (n, list) in settings.lists.iter().enumerate() {
        let id = list.section_id(n);
        if !built.iter().any(|l| l.id == id) {
            let n = n.to_string();
            let d = Diagnostic::warning(format!("the list `{}` selects no paper, so it is not printed", list.title))
                .hint("check its `select` (a `selected: true` list needs `selected = {true}`, `_selected`, or `selected: true` under `papers:`)");
            out.push(origin.point(d, place(&["publications", "lists", &n])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::publications::read;

    fn bib(text: &str) -> Bibliography {
        let (bib, diags) = crate::bib::parse(text, Path::new("refs.bib"));
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        bib
    }

    fn settings(yaml: &str) -> PublicationSettings {
        let profile = crate::profile::parse(&format!("name: A\npublications:\n{yaml}"), Path::new("profile.yaml"))
            .unwrap_or_else(|d| panic!("{d:?}"));
        profile.publications.unwrap()
    }

    /// Every alias of the shipped table is read as its field: a new alias needs a case here.
    #[test]
    fn every_alias_of_the_table_is_read_as_its_field() {
        for alias in crate::bib::aliases::all() {
            let value = if alias.field == "selected" { "true" } else { "https://example.org/x" };
            let text = format!("@misc{{k, title = {{T}}, year = {{2024}}, {} = {{{value}}}}}", alias.alias);
            let p = &read(None, &bib(&text))[0];
            let read_as = match alias.field.as_str() {
                "abbr" => p.venue_short.as_deref() == Some(value),
                "selected" => p.selected,
                "note" => p.note.as_deref() == Some(value),
                "award" => p.awards.first().is_some_and(|a| a.name == value),
                "code" | "pdf" | "slides" | "video" | "poster" | "website" | "dataset" => {
                    p.links.iter().any(|l| l.url == value)
                }
                other => panic!("no check for an alias of `{other}`: add one"),
            };
            assert!(read_as, "`{}` is not read as `{}`: {p:?}", alias.alias, alias.field);
        }
    }

    #[test]
    fn the_profile_wins_over_the_entry_and_names_what_it_gave() {
        let bib = bib("@article{a, title = {t}, author = {Ning, Shupeng* and Zhu, Hanqing* and Pan, David}, \
             journal = {Journal of Lightwave Technology}, year = {2024}, _venue = {JLT}, _selected = {true}}\n\
             @article{a, title = {second}, author = {Zhu, Hanqing}, journal = {Nature}, year = {2023}}");
        let settings = settings(
            "  owner: Hanqing Zhu\n  rename: {\"David Pan\": \"David Z. Pan\"}\n  papers:\n    a:\n      equal: []\n      \
             corresponding: [\"David Z. Pan\"]\n      selected: false\n      short: JLT'24\n      date: 2024-03-05\n    \
             a-2: {category: preprint, order: 3}\n",
        );
        let ps = read(Some(&settings), &bib);
        let marks: Vec<&str> = ps[0].authors.iter().map(|a| a.marks.as_str()).collect();
        assert_eq!(marks, ["", "", "†"], "`equal: []` removes the bib's marks; a name as renamed is found");
        assert_eq!(ps[0].authors[2].name, "David Z. Pan");
        assert!(ps[0].authors[1].owner);
        assert!(!ps[0].selected);
        assert_eq!(ps[0].venue_short.as_deref(), Some("JLT'24"));
        assert_eq!((ps[0].year, ps[0].month, ps[0].day), (Some(2024), Some(3), Some(5)));
        assert_eq!(ps[0].from_profile, ["equal", "corresponding", "date", "short", "selected"]);
        assert_eq!(
            (ps[1].category, ps[1].category_rule.as_str(), ps[1].order),
            (crate::category::Category::Preprint, "profile", 3)
        );
    }

    #[test]
    fn a_list_is_ordered_by_date_then_order_then_file() {
        let bib = bib("@misc{first, title = {a}, year = {2024}}\n@misc{second, title = {b}, year = {2024}}\n\
             @misc{january, title = {c}, year = {2024}, month = jan}\n@misc{may, title = {d}, date = {2024-05}}\n\
             @misc{may20, title = {e}, date = {2024-05-20}}\n@misc{undated, title = {f}}\n\
             @misc{later, title = {g}, year = {2024}}");
        let settings = settings("  owner: A\n  group_by: none\n  papers: {later: {order: 1}}\n");
        let ps = read(Some(&settings), &bib);
        let listed = lists::build(&ps, &settings);
        let order: Vec<&str> = listed[0].list.groups[0].items.iter().map(|p| p.id.as_str()).collect();
        // A year without a month is its start: tied with January, so file order decides.
        assert_eq!(order, ["may20", "may", "later", "first", "second", "january", "undated"]);
    }
}
