//! Lints over the publications: the owner missing from a paper's authors, a paper without year
//! or venue, a DOI, URL or arXiv id that makes a dead link, a lone equal-contribution mark.
//!
//! They judge each entry exactly as the CV prints it: the model's reading of every entry
//! ([`crate::model::publications::read`], done once per run), selected or not.

use std::ops::Range;
use std::path::Path;

use super::{doi_problem, url_problem};
use crate::bib::ids::{arxiv_url_id, is_arxiv_id};
use crate::bib::{BibEntry, Bibliography, ValuePart};
use crate::date::Day;
use crate::diag::Diagnostic;
use crate::model::Publication;
use crate::profile::PublicationSettings;

/// The lints over the bibliography: owner, year, venue, links, lone equal marks, plus the
/// problems of every entry's role annotations. `publications` are the model's reading of
/// `bib`'s entries, one each in the same order; each diagnostic is located in its entry's own
/// file; `settings` (the profile's `publications`) give the owner's name variants: without them,
/// the owner is not looked for.
pub fn bibliography(
    settings: Option<&PublicationSettings>,
    publications: &[Publication],
    bib: &Bibliography,
    today: Day,
) -> Vec<Diagnostic> {
    assert_eq!(publications.len(), bib.entries.len(), "one publication per entry, as `publications::read` gives");
    let owner = settings.filter(|s| !s.owner.is_empty());
    let mut out: Vec<Diagnostic> = publications.iter().flat_map(|p| p.problems.iter().cloned()).collect();
    for (entry, publication) in bib.entries.iter().zip(publications) {
        let path: &Path = &entry.file;
        // `@article{key`: the entry as a whole.
        let head = entry.span.start..entry.key_span.end;
        if owner.is_some() {
            super::owner::owner(entry, publication, head.clone(), &mut out);
        }
        year(entry, head.clone(), path, today, &mut out);
        if publication.venue.is_none() {
            out.push(
                Diagnostic::warning(format!("entry `{}` has no venue", entry.key))
                    .at(path, head.clone())
                    .hint(format!("add {}; the CV shows no place of publication", venue_fields(&entry.kind))),
            );
        }
        links(entry, path, &mut out);
        equal_marks(entry, publication, head, path, &mut out);
    }
    out
}

fn year(entry: &BibEntry, head: Range<usize>, path: &Path, today: Day, out: &mut Vec<Diagnostic>) {
    // A year inherited from a parent (`crossref`) counts.
    let text = |name: &str| entry.field_or_inherited(name).map(|f| f.text.clone()).filter(|t| !t.trim().is_empty());
    let written = text("year").or_else(|| text("date"));
    let span = entry.field("year").or_else(|| entry.field("date")).map_or(head.clone(), |f| f.value_span.clone());
    let Some(written) = written else {
        out.push(
            Diagnostic::warning(format!("entry `{}` has no year", entry.key))
                .at(path, head)
                .hint("add `year = {2024}`; without one the entry sorts last as undated"),
        );
        return;
    };
    // The year every reader uses, decided when the entry was read.
    let year = entry.year;
    let Some(year) = year else {
        out.push(
            Diagnostic::warning(format!("the year of `{}` is not a year: `{}`", entry.key, written.trim()))
                .at(path, span)
                .hint("write four digits (`year = {2024}`); for a paper not out yet, add `pubstate = {inpress}`: the CV prints `to appear`"),
        );
        return;
    };
    // An accepted paper often carries next year's date already (a January conference, the
    // volume it will appear in); a year beyond that is more likely a typo.
    let next_year = today.year + 1;
    if year > next_year {
        out.push(
            Diagnostic::warning(format!("entry `{}` is dated {year}, after next year ({next_year})", entry.key))
                .at(path, span)
                .hint("check the year for a typo; next year's date is fine for an accepted paper not out yet"),
        );
    }
}

/// Which field gives the venue of an entry type, for the hint.
fn venue_fields(kind: &str) -> &'static str {
    match kind {
        "inproceedings" | "conference" | "proceedings" => "`booktitle`",
        "article" | "periodical" => "`journal`",
        "phdthesis" | "mastersthesis" | "thesis" => "`school`",
        "techreport" | "report" => "`institution`",
        "book" | "mvbook" | "inbook" | "incollection" | "collection" => "`publisher`",
        _ => "`howpublished` (or `booktitle`, `journal`, `eprint`)",
    }
}

/// The addresses of the entries whose ids `listed` names (the papers an output lists) that the
/// one URL rule ([`crate::weblink::link`]) cannot link: the output leaves each out (its text
/// stays where the format shows text) and says so with these warnings, located in the
/// bibliography. `cvgen check` reports the same fields, and more (a space in an address).
pub fn unusable_links<'a>(bib: &Bibliography, listed: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    let listed: std::collections::HashSet<&str> = listed.into_iter().collect();
    let mut out = Vec::new();
    for entry in bib.entries.iter().filter(|e| listed.contains(e.id.as_str())) {
        for name in URL_FIELDS {
            let Some(field) = entry.field(name) else { continue };
            for url in crate::weblink::split(&plain(&field.value)) {
                if let Err(why) = crate::weblink::link(url) {
                    out.push(
                        Diagnostic::warning(format!(
                            "`{name}` of `{}` is left out of the links ({why}): `{url}`",
                            entry.key
                        ))
                        .at(entry.file.to_path_buf(), field.value_span.clone())
                        .hint("write the full address, starting with `https://`; `cvgen check` lists every such link"),
                    );
                }
            }
        }
    }
    out
}

/// Link fields the CV turns into links, as `publications.rs` reads them.
const URL_FIELDS: &[&str] =
    &["url", "pdf", "html", "code", "website", "blog", "slides", "poster", "video", "award_url"];

fn links(entry: &BibEntry, path: &Path, out: &mut Vec<Diagnostic>) {
    if let Some(field) = entry.field("doi") {
        let doi = plain(&field.value);
        if let Some(problem) = doi_problem(&doi) {
            out.push(
                Diagnostic::warning(format!("`doi` of `{}` is not a DOI ({problem}): `{doi}`", entry.key))
                    .at(path, field.value_span.clone())
                    .hint("write it as `10.1145/3581784.3607045`, without `https://doi.org/` or `doi:`"),
            );
        }
    }
    for name in URL_FIELDS {
        let Some(field) = entry.field(name) else { continue };
        let whole = plain(&field.value);
        // A value holding several URLs (`url = {https://a.org; https://b.org}`) links each: each
        // is checked on its own, by the rule the outputs use.
        for url in crate::weblink::split(&whole) {
            let url = url.to_owned();
            let (message, hint) = if let Some(problem) = url_problem(&url) {
                let hint = if problem.starts_with("it is longer") {
                    "use a shorter address for the same page; the CV shows the text unlinked"
                } else if !url.contains("://") && !url.starts_with("www.") && !url.contains(char::is_whitespace) {
                    "a path relative to a website (as al-folio writes it) is no link in a PDF: write the full address, starting with `https://`"
                } else {
                    "write the full address, starting with `https://`"
                };
                (format!("`{name}` of `{}` is not a web address ({problem}): `{url}`", entry.key), hint)
            } else if let Some(id) = arxiv_url_id(&url).filter(|id| !is_arxiv_id(id)) {
                (format!("`{name}` of `{}` points to arXiv but `{id}` is not an arXiv id", entry.key), ARXIV_ID_HINT)
            } else {
                continue;
            };
            out.push(Diagnostic::warning(message).at(path, field.value_span.clone()).hint(hint));
        }
    }
    if let Some(field) = entry.field("links") {
        for item in plain(&field.value).split(';').map(str::trim).filter(|i| !i.is_empty()) {
            let problem = match item.split_once('=') {
                None => Some("no `=`".to_owned()),
                Some((_, url)) => url_problem(url.trim()).map(str::to_owned),
            };
            if let Some(problem) = problem {
                out.push(
                    Diagnostic::warning(format!(
                        "link `{item}` of `{}` is not `Label=https://…` ({problem})",
                        entry.key
                    ))
                    .at(path, field.value_span.clone())
                    .hint("write `links = {Label=https://…; Other=https://…}`"),
                );
            } else if let Some((label, url)) = item.split_once('=')
                && let Some(id) = arxiv_url_id(url).filter(|id| !is_arxiv_id(id))
            {
                out.push(
                    Diagnostic::warning(format!(
                        "link `{}` of `{}` points to arXiv but `{id}` is not an arXiv id",
                        label.trim(),
                        entry.key
                    ))
                    .at(path, field.value_span.clone())
                    .hint(ARXIV_ID_HINT),
                );
            }
        }
    }
    if let Some(field) = entry.field("eprint") {
        let id = plain(&field.value);
        let prefix = entry.field("archiveprefix").or_else(|| entry.field("eprinttype")).map(|f| plain(&f.value));
        let claims_arxiv = match &prefix {
            Some(p) => p.eq_ignore_ascii_case("arxiv"),
            None => id.to_ascii_lowercase().starts_with("arxiv") || id.chars().take(4).all(|c| c.is_ascii_digit()),
        };
        if claims_arxiv && !is_arxiv_id(&id) {
            let hint = if id.to_ascii_lowercase().starts_with("arxiv:") {
                "write the id without `arXiv:` (`eprint = {2412.05270}`)"
            } else {
                ARXIV_ID_HINT
            };
            out.push(
                Diagnostic::warning(format!("`eprint` of `{}` is not an arXiv id: `{id}`", entry.key))
                    .at(path, field.value_span.clone())
                    .hint(hint),
            );
        }
    }
}

/// What an arXiv id looks like, for the hints of `eprint` and of links to arXiv.
const ARXIV_ID_HINT: &str = "an arXiv id looks like `2412.05270` (or `hep-th/9901001` before 2007)";

fn equal_marks(
    entry: &BibEntry,
    publication: &Publication,
    head: Range<usize>,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let marked: Vec<&str> = publication.authors.iter().filter(|a| a.equal).map(|a| a.name.as_str()).collect();
    if let [only] = marked.as_slice() {
        let span = entry.field("author+an").or_else(|| entry.field("author")).map_or(head, |f| f.value_span.clone());
        out.push(
            Diagnostic::warning(format!(
                "only one author of `{}` is marked as equal contribution (`{only}`)",
                entry.key
            ))
            .at(path, span)
            .hint("mark every author who contributed equally (`Zhu*, Hanqing`), or remove the mark"),
        );
    }
}

/// A field value as one string (macros by name), trimmed.
fn plain(value: &[ValuePart]) -> String {
    value
        .iter()
        .map(|p| match p {
            ValuePart::Text(t) | ValuePart::Macro(t) => t.as_str(),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bib_lints(bib: &str) -> Vec<String> {
        let profile = crate::profile::parse(
            "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [Ada Lovelace]\n  selected_only: true\n",
            Path::new("profile.yaml"),
        )
        .expect("valid profile");
        let (parsed, diagnostics) = crate::bib::parse(bib, Path::new("refs.bib"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let publications = crate::model::publications::read(profile.publications.as_ref(), &parsed);
        let today = Day { year: 2025, month: 11, day: 29 };
        bibliography(profile.publications.as_ref(), &publications, &parsed, today)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn only_years_after_next_year_are_in_the_future() {
        // Today is 2025-11-29: a paper accepted for 2026 is normal, 2027 is probably a typo.
        let entry = |key: &str, date: &str| {
            format!("@article{{{key}, title = {{T {key}}}, author = {{Lovelace, Ada}}, journal = {{J}}, {date}}}\n")
        };
        let bib = [
            entry("now", "year = 2025"),
            entry("accepted", "year = 2026"),
            entry("accepteddate", "date = {2026-12-31}"),
            entry("typo", "year = 2027"),
            entry("typodate", "date = {2027-01}"),
        ]
        .concat();
        assert_eq!(
            bib_lints(&bib),
            [
                "entry `typo` is dated 2027, after next year (2026)",
                "entry `typodate` is dated 2027, after next year (2026)"
            ]
        );
    }

    #[test]
    fn unselected_entries_are_linted_too() {
        let messages =
            bib_lints("@article{a, title = {T a}, author = {Babbage, Charles}, journal = {J}, year = 2020}\n");
        assert_eq!(messages, ["no author of `a` matches `publications.owner`"]);
    }

    #[test]
    fn crossref_parents_give_year_and_venue() {
        let bib = "@inproceedings{child, title = {T child}, author = {Lovelace, Ada}, crossref = {proc}}\n\
                   @proceedings{proc, title = {Proc. X}, booktitle = {Proc. X}, year = 2020, editor = {Lovelace, Ada}}\n";
        assert_eq!(bib_lints(bib), Vec::<String>::new());
    }

    #[test]
    fn a_malformed_arxiv_id_in_a_link_is_a_warning_like_one_in_eprint() {
        let entry = |key: &str, links: &str| {
            format!(
                "@article{{{key}, title = {{T {key}}}, author = {{Lovelace, Ada}}, journal = {{J}}, year = 2024, {links}}}\n"
            )
        };
        let bib = [
            entry("typo", "url = {https://arxiv.org/abs/2412.05270O}"),
            entry("pdf", "pdf = {https://arxiv.org/pdf/2412.527v1.pdf}"),
            entry("links", "links = {Paper=https://arxiv.org/abs/24120.5270}"),
            entry(
                "fine",
                "url = {https://arxiv.org/abs/2412.05270v2}, pdf = {https://arxiv.org/pdf/hep-th/9901001.pdf}",
            ),
            entry("elsewhere", "url = {https://example.org/abs/2412.05270O}"),
        ]
        .concat();
        assert_eq!(
            bib_lints(&bib),
            [
                "`url` of `typo` points to arXiv but `2412.05270O` is not an arXiv id",
                "`pdf` of `pdf` points to arXiv but `2412.527v1` is not an arXiv id",
                "link `Paper` of `links` points to arXiv but `24120.5270` is not an arXiv id",
            ]
        );
        // Located at the value, with the hint of `eprint`.
        let (parsed, _) = crate::bib::parse(&bib, Path::new("refs.bib"));
        let mut out = Vec::new();
        links(&parsed.entries[0], Path::new("refs.bib"), &mut out);
        assert_eq!(&bib[out[0].location.as_ref().unwrap().span.clone()], "{https://arxiv.org/abs/2412.05270O}");
        assert_eq!(out[0].hints, [ARXIV_ID_HINT]);
    }

    #[test]
    fn equal_marks_from_annotations_count() {
        let bib = "@article{a, title = {T a}, author = {Lovelace, Ada and Babbage, Charles}, author+an = {2=equal}, journal = {J}, year = 2020}\n\
                   @article{b, title = {T b}, author = {Lovelace*, Ada and Babbage, Charles}, author+an = {2=equal}, journal = {J}, year = 2020}\n";
        assert_eq!(bib_lints(bib), ["only one author of `a` is marked as equal contribution (`Charles Babbage`)"]);
    }
}
