//! Lints: likely mistakes in input that parses, reported as warnings by `cvgen check`.
//!
//! Parsing already rejects what cannot be read (bad YAML, broken BibTeX, duplicate keys,
//! undefined macros, impossible dates, annotations past the author list). The lints here look
//! at what *can* be read and would print wrongly or not at all: the owner missing from a paper's
//! authors, a paper without year or venue, a DOI, URL or arXiv id that makes a dead link, a date
//! in the future (for a paper, a year after next year), a lone equal-contribution mark. Pure
//! functions of the parsed values and the texts they came from (for locations); no I/O, and
//! nothing here is ever fatal on its own.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::bib::{BibEntry, Bibliography, ValuePart};
use crate::date::PartialDate;
use crate::diag::Diagnostic;
use crate::model::publications::{self, Publication};
use crate::profile::{DateField, Profile, PublicationSettings};

/// A calendar day (year, month, day), as [`crate::cmd::today`] gives it.
pub type Day = (i32, u8, u8);

/// How far ahead an `end` date may be before it looks like a typo (a PhD may end in five years).
const MAX_YEARS_AHEAD: i32 = 10;

/// The lints over the profile: dates in the future, malformed links and handles. `text` is the
/// profile's text (for locations), `path` where it was read.
pub fn profile(profile: &Profile, text: &str, path: &Path, today: Day) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ranges = profile
        .education
        .iter()
        .map(|e| [&e.start, &e.end, &e.date])
        .chain(profile.experience.iter().map(|e| [&e.start, &e.end, &e.date]))
        .chain(profile.honors.iter().map(|e| [&e.start, &e.end, &e.date]))
        .chain(
            profile
                .service
                .iter()
                .chain(&profile.teaching)
                .chain(&profile.talks)
                .chain(profile.sections.iter().flat_map(|s| &s.entries))
                .map(|e| [&e.start, &e.end, &e.date]),
        );
    for [start, end, date] in ranges {
        future_dates(start, end, date, path, today, &mut out);
    }

    let mut urls: Vec<(&str, &str)> = Vec::new();
    if let Some(site) = &profile.website {
        urls.push(("website", site));
    }
    urls.extend(profile.links.iter().map(|l| ("url", l.url.as_str())));
    urls.extend(profile.honors.iter().filter_map(|h| h.url.as_deref()).map(|u| ("url", u)));
    let entries = profile.service.iter().chain(&profile.teaching).chain(&profile.talks);
    urls.extend(
        entries
            .chain(profile.sections.iter().flat_map(|s| &s.entries))
            .filter_map(|e| e.url.as_deref())
            .map(|u| ("url", u)),
    );
    for (key, url) in urls {
        if let Some(problem) = url_problem(url) {
            out.push(
                Diagnostic::warning(format!("`{key}` is not a web address ({problem}): `{url}`"))
                    .at(path, find_value(text, url))
                    .hint("write the full address, starting with `https://`"),
            );
        }
    }

    if let Some(email) = &profile.email {
        let ok = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if !ok {
            out.push(
                Diagnostic::warning(format!("`email` is not an e-mail address: `{email}`"))
                    .at(path, find_value(text, email))
                    .hint("write it as `name@example.org`; the CV links it with `mailto:`"),
            );
        }
    }
    if let Some(orcid) = &profile.orcid
        && !is_orcid(orcid)
    {
        let mut d =
            Diagnostic::warning(format!("`orcid` is not an ORCID iD: `{orcid}`")).at(path, find_value(text, orcid));
        d = if orcid.contains("orcid.org/") {
            d.hint("write only the iD (`0000-0002-1825-0097`); cvgen adds `https://orcid.org/`")
        } else {
            d.hint("an ORCID iD is four groups of four digits, like `0000-0002-1825-0097` (the last may be `X`)")
        };
        out.push(d);
    }
    let handles = [
        ("github", &profile.github, "github.com/"),
        ("linkedin", &profile.linkedin, "linkedin.com/in/"),
        ("twitter", &profile.twitter, "x.com/"),
        ("scholar", &profile.scholar, "user="),
    ];
    for (key, value, site) in handles {
        let Some(value) = value else { continue };
        if value.contains("://") || value.contains('/') || value.starts_with('@') || value.contains(char::is_whitespace)
        {
            out.push(
                Diagnostic::warning(format!("`{key}` should be a user name, not `{value}`"))
                    .at(path, find_value(text, value))
                    .hint(format!("write only the part after `{site}`; cvgen builds the link")),
            );
        }
    }
    out
}

fn future_dates(
    start: &Option<DateField>,
    end: &Option<DateField>,
    date: &Option<DateField>,
    path: &Path,
    today: Day,
    out: &mut Vec<Diagnostic>,
) {
    fn parse(field: &Option<DateField>) -> Option<(PartialDate, &DateField)> {
        field.as_ref().and_then(|f| PartialDate::parse(&f.value.0).ok().map(|d| (d, f)))
    }
    let (y, m, d) = today;
    let today_text = format!("{y:04}-{m:02}-{d:02}");
    for (which, field) in [("start", parse(start)), ("date", parse(date))] {
        if let Some((value, field)) = field
            && is_after(value, today)
        {
            out.push(
                Diagnostic::warning(format!("`{which}` date `{}` is in the future", field.value.0))
                    .at(path, crate::date::span_of(&field.referenced))
                    .label(format!("today is {today_text}"))
                    .hint("check the year; something that has not started yet usually has no place on a CV"),
            );
        }
    }
    if let Some((value, field)) = parse(end)
        && is_after(value, (y + MAX_YEARS_AHEAD, m, d))
    {
        out.push(
            Diagnostic::warning(format!(
                "`end` date `{}` is more than {MAX_YEARS_AHEAD} years in the future",
                field.value.0
            ))
            .at(path, crate::date::span_of(&field.referenced))
            .label(format!("today is {today_text}"))
            .hint("check the year for a typo; an expected end date is fine within that range"),
        );
    }
    if let (Some((s, start)), Some((e, _))) = (parse(start), parse(end))
        && let (PartialDate::Known { .. }, PartialDate::Known { .. }) = (s, e)
        && starts_after(s, e)
    {
        out.push(
            Diagnostic::warning(format!("`start` date `{}` is after the `end` date", start.value.0))
                .at(path, crate::date::span_of(&start.referenced))
                .hint("swap the two dates, or check them for a typo"),
        );
    }
}

/// Whether `date` lies after `day`, compared at the precision the date was written with
/// (`2025` is not after 2025-11-29; `2025-12` is).
fn is_after(date: PartialDate, day: Day) -> bool {
    let PartialDate::Known { year, month, day: dd } = date else { return false };
    let (y, m, d) = day;
    match (month, dd) {
        (None, _) => year > y,
        (Some(month), None) => (year, month) > (y, m),
        (Some(month), Some(dd)) => (year, month, dd) > (y, m, d),
    }
}

/// Whether a range's start lies after its end, at the coarser of the two precisions.
fn starts_after(start: PartialDate, end: PartialDate) -> bool {
    let (PartialDate::Known { year: sy, month: sm, day: sd }, PartialDate::Known { year: ey, month: em, day: ed }) =
        (start, end)
    else {
        return false;
    };
    match (sm.zip(em), sd.zip(ed)) {
        (Some((sm, em)), Some((sd, ed))) => (sy, sm, sd) > (ey, em, ed),
        (Some((sm, em)), None) => (sy, sm) > (ey, em),
        _ => sy > ey,
    }
}

/// The lints over the bibliography: owner, year, venue, links, lone equal marks. `text` is the
/// bibliography's text and `path` where it was read; `settings` (the profile's `publications`)
/// give the owner's name variants: without them, the owner is not looked for.
pub fn bibliography(
    settings: Option<&PublicationSettings>,
    bib: &Bibliography,
    text: &str,
    path: &Path,
    today: Day,
) -> Vec<Diagnostic> {
    // The model's own reading of every entry (selected or not), so the lints judge the authors,
    // marks and venue exactly as the CV would print them.
    let settings = settings.cloned().map(|mut s| {
        s.selected_only = false;
        s
    });
    let has_owner = settings.as_ref().is_some_and(|s| !s.owner.is_empty());
    let settings = settings.unwrap_or_else(no_owner);
    let (list, annotation_errors) = publications::build(&settings, bib, path);
    let shown: HashMap<&str, &Publication> =
        list.groups.iter().flat_map(|g| &g.items).map(|p| (p.key.as_str(), p)).collect();

    // `model::build` reports these only for the entries the CV shows (none without
    // `publications`, only selected ones with `selected_only`); callers drop duplicates.
    let mut out = annotation_errors;
    for entry in &bib.entries {
        let head = key_span(entry, text);
        let Some(publication) = shown.get(entry.key.as_str()) else { continue };
        if has_owner {
            owner_missing(entry, publication, &settings, head.clone(), path, &mut out);
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

/// Settings for reading entries when the profile has no `publications` (a `--bib` given anyway).
fn no_owner() -> PublicationSettings {
    serde_saphyr::from_str("bib: refs.bib\nowner: []\n").expect("a constant, valid settings text")
}

fn owner_missing(
    entry: &BibEntry,
    publication: &Publication,
    settings: &PublicationSettings,
    head: Range<usize>,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) {
    if publication.authors.iter().any(|a| a.owner) {
        return;
    }
    let field = entry.field("author").or_else(|| entry.field("editor"));
    let Some(field) = field.filter(|_| !publication.authors.is_empty()) else {
        out.push(
            Diagnostic::warning(format!("entry `{}` has no authors", entry.key))
                .at(path, head)
                .hint("add `author = {Last, First and …}` with your name in it"),
        );
        return;
    };
    let family = |name: &str| crate::bib::names::normalize(name.rsplit(' ').next().unwrap_or(name));
    let owner_families: Vec<String> = settings
        .owner
        .iter()
        .map(|v| crate::bib::names::Name::parse_plain(v))
        .map(|n| crate::bib::names::normalize(&n.family))
        .collect();
    let look_alike = publication.authors.iter().find(|a| owner_families.contains(&family(&a.name)));
    let mut d = Diagnostic::warning(format!("no author of `{}` matches `publications.owner`", entry.key))
        .at(path, field.value_span.clone());
    d = match look_alike {
        Some(author) => d.hint(format!("if `{}` is you, add that spelling to `publications.owner`", author.name)),
        None => d.hint("if you are one of these authors, add your name as written here to `publications.owner`"),
    };
    if publication.et_al {
        d = d.hint("the list ends in `and others`: if you are among them, write the names out");
    }
    out.push(d);
}

fn year(entry: &BibEntry, head: Range<usize>, path: &Path, today: Day, out: &mut Vec<Diagnostic>) {
    // The typed entry has crossrefs resolved: a year inherited from a parent counts.
    let typed =
        |name: &str| entry.typed.get(name).map(crate::bib::latex::chunks_to_text).filter(|t| !t.trim().is_empty());
    let written = typed("year").or_else(|| typed("date"));
    let span = entry.field("year").or_else(|| entry.field("date")).map_or(head.clone(), |f| f.value_span.clone());
    let Some(written) = written else {
        out.push(
            Diagnostic::warning(format!("entry `{}` has no year", entry.key))
                .at(path, head)
                .hint("add `year = {2024}`; without one the entry sorts last as undated"),
        );
        return;
    };
    let year = match entry.typed.date() {
        Ok(biblatex::PermissiveType::Typed(date)) => match date.value {
            biblatex::DateValue::At(d) | biblatex::DateValue::After(d) | biblatex::DateValue::Before(d) => Some(d.year),
            biblatex::DateValue::Between(d, _) => Some(d.year),
        },
        // As the model reads it: the leading four digits of `year`.
        _ => {
            let digits: String = written.trim().chars().take_while(char::is_ascii_digit).collect();
            (digits.len() == 4).then(|| digits.parse().ok()).flatten()
        }
    };
    let Some(year) = year else {
        out.push(
            Diagnostic::warning(format!("the year of `{}` is not a year: `{}`", entry.key, written.trim()))
                .at(path, span)
                .hint("write four digits (`year = {2024}`); for a paper not out yet, say so in `note`"),
        );
        return;
    };
    // An accepted paper often carries next year's date already (a January conference, the
    // volume it will appear in); a year beyond that is more likely a typo.
    let next_year = today.0 + 1;
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
        let url = plain(&field.value);
        if let Some(problem) = url_problem(&url) {
            let hint = if !url.contains("://") && !url.starts_with("www.") && !url.contains(char::is_whitespace) {
                "a path relative to a website (as al-folio writes it) is no link in a PDF: write the full address, starting with `https://`"
            } else {
                "write the full address, starting with `https://`"
            };
            out.push(
                Diagnostic::warning(format!("`{name}` of `{}` is not a web address ({problem}): `{url}`", entry.key))
                    .at(path, field.value_span.clone())
                    .hint(hint),
            );
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
                "an arXiv id looks like `2412.05270` (or `hep-th/9901001` before 2007)"
            };
            out.push(
                Diagnostic::warning(format!("`eprint` of `{}` is not an arXiv id: `{id}`", entry.key))
                    .at(path, field.value_span.clone())
                    .hint(hint),
            );
        }
    }
}

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

/// What is wrong with `url` as a link target, if anything.
fn url_problem(url: &str) -> Option<&'static str> {
    let url = url.trim();
    if url.contains(char::is_whitespace) {
        return Some("it contains a space");
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(if url.starts_with("www.") { "no `https://`" } else { "not a full address" });
    };
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "ftp") {
        return Some("not an http address");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if host.is_empty() || !(host.contains('.') || host == "localhost") || host.starts_with('.') || host.ends_with('.') {
        return Some("no host name");
    }
    None
}

/// What is wrong with a DOI, if anything. Resolver prefixes the model strips are accepted.
fn doi_problem(doi: &str) -> Option<&'static str> {
    let lower = doi.to_ascii_lowercase();
    if lower.starts_with("doi:") {
        return Some("it starts with `doi:`");
    }
    let bare = ["https://doi.org/", "http://dx.doi.org/"].iter().find_map(|p| doi.strip_prefix(p)).unwrap_or(doi);
    if bare.contains(char::is_whitespace) {
        return Some("it contains a space");
    }
    let Some((prefix, suffix)) = bare.split_once('/') else { return Some("no `/`") };
    let registrant = prefix.strip_prefix("10.");
    let valid_prefix = registrant.is_some_and(|r| r.len() >= 4 && r.chars().all(|c| c.is_ascii_digit() || c == '.'));
    if !valid_prefix {
        return Some("it does not start with `10.` and a registrant number");
    }
    if suffix.is_empty() {
        return Some("nothing after the `/`");
    }
    None
}

/// New-style (`2412.05270`, `0704.0001`, optional `v2`) or old-style (`hep-th/9901001`) arXiv ids.
pub fn is_arxiv_id(id: &str) -> bool {
    let id = match id.rfind('v') {
        Some(i) if i + 1 < id.len() && id[i + 1..].chars().all(|c| c.is_ascii_digit()) => &id[..i],
        _ => id,
    };
    if let Some((yymm, number)) = id.split_once('.')
        && yymm.len() == 4
        && yymm.chars().all(|c| c.is_ascii_digit())
    {
        return (4..=5).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    }
    match id.split_once('/') {
        Some((archive, number)) => {
            let archive = archive.split('.').next().unwrap_or(archive);
            !archive.is_empty()
                && archive.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && number.len() == 7
                && number.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

fn is_orcid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 4
        && groups.iter().enumerate().all(|(i, g)| {
            g.len() == 4 && g.chars().enumerate().all(|(j, c)| c.is_ascii_digit() || (i == 3 && j == 3 && c == 'X'))
        })
}

/// The `@type{key` head of an entry, for diagnostics about the entry as a whole.
fn key_span(entry: &BibEntry, text: &str) -> Range<usize> {
    let Some(source) = text.get(entry.span.clone()) else { return entry.span.start..entry.span.start };
    let Some(open) = source.find(['{', '(']) else { return entry.span.start..entry.span.start + 1 };
    let after = &source[open + 1..];
    let key_start = open + 1 + (after.len() - after.trim_start().len());
    match source[key_start..].find(entry.key.as_str()) {
        Some(0) => entry.span.start..entry.span.start + key_start + entry.key.len(),
        _ => entry.span.start..entry.span.start + open,
    }
}

/// Where `value` is written in the profile (the first time), for values the parser does not
/// locate.
fn find_value(text: &str, value: &str) -> Range<usize> {
    if value.is_empty() {
        return 0..0;
    }
    text.find(value).map_or(0..0, |i| i..i + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids() {
        for ok in ["2412.05270", "0704.0001", "2412.05270v2", "hep-th/9901001", "math.AG/0601001v1"] {
            assert!(is_arxiv_id(ok), "{ok}");
        }
        for bad in ["arXiv:2412.05270", "2412.527", "24120.5270", "2412.05270v", "hep-th/99", "abs/2412.05270", ""] {
            assert!(!is_arxiv_id(bad), "{bad}");
        }
    }

    #[test]
    fn dois() {
        assert_eq!(doi_problem("10.1145/3581784.3607045"), None);
        assert_eq!(doi_problem("https://doi.org/10.1109/5.771073"), None);
        assert_eq!(doi_problem("doi:10.1109/5.771073"), Some("it starts with `doi:`"));
        assert_eq!(doi_problem("10.1109 5.771073"), Some("it contains a space"));
        assert_eq!(doi_problem("10.11/x"), Some("it does not start with `10.` and a registrant number"));
        assert_eq!(doi_problem("1109/5.771073"), Some("it does not start with `10.` and a registrant number"));
        assert_eq!(doi_problem("10.1109/"), Some("nothing after the `/`"));
    }

    #[test]
    fn urls() {
        assert_eq!(url_problem("https://arxiv.org/abs/2412.05270"), None);
        assert_eq!(url_problem("http://localhost:8000/x"), None);
        assert_eq!(url_problem("paper.pdf"), Some("not a full address"));
        assert_eq!(url_problem("www.example.org"), Some("no `https://`"));
        assert_eq!(url_problem("https://exa mple.org"), Some("it contains a space"));
        assert_eq!(url_problem("javascript://alert"), Some("not an http address"));
        assert_eq!(url_problem("https:///path"), Some("no host name"));
    }

    #[test]
    fn dates_compare_at_their_precision() {
        let d = |s| PartialDate::parse(s).unwrap();
        let today = (2025, 11, 29);
        assert!(!is_after(d("2025"), today));
        assert!(is_after(d("2026"), today));
        assert!(!is_after(d("2025-11"), today));
        assert!(is_after(d("2025-12"), today));
        assert!(is_after(d("2025-11-30"), today));
        assert!(!is_after(d("present"), today));
        assert!(starts_after(d("2023"), d("2021")));
        assert!(!starts_after(d("2021-05"), d("2021")));
    }

    fn bib_lints(bib: &str) -> Vec<String> {
        let profile = crate::profile::parse(
            "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [Ada Lovelace]\n  selected_only: true\n",
            Path::new("profile.yaml"),
        )
        .expect("valid profile");
        let (parsed, diagnostics) = crate::bib::parse(bib, Path::new("refs.bib"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        bibliography(profile.publications.as_ref(), &parsed, bib, Path::new("refs.bib"), (2025, 11, 29))
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn only_years_after_next_year_are_in_the_future() {
        // Today is 2025-11-29: a paper accepted for 2026 is normal, 2027 is probably a typo.
        let entry = |key: &str, date: &str| {
            format!("@article{{{key}, title = {{T}}, author = {{Lovelace, Ada}}, journal = {{J}}, {date}}}\n")
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
        let messages = bib_lints("@article{a, title = {T}, author = {Babbage, Charles}, journal = {J}, year = 2020}\n");
        assert_eq!(messages, ["no author of `a` matches `publications.owner`"]);
    }

    #[test]
    fn crossref_parents_give_year_and_venue() {
        let bib = "@inproceedings{child, title = {T}, author = {Lovelace, Ada}, crossref = {proc}}\n\
                   @proceedings{proc, title = {Proc. X}, booktitle = {Proc. X}, year = 2020, editor = {Lovelace, Ada}}\n";
        assert_eq!(bib_lints(bib), Vec::<String>::new());
    }

    #[test]
    fn equal_marks_from_annotations_count() {
        let bib = "@article{a, title = {T}, author = {Lovelace, Ada and Babbage, Charles}, author+an = {2=equal}, journal = {J}, year = 2020}\n\
                   @article{b, title = {T}, author = {Lovelace*, Ada and Babbage, Charles}, author+an = {2=equal}, journal = {J}, year = 2020}\n";
        assert_eq!(bib_lints(bib), ["only one author of `a` is marked as equal contribution (`Charles Babbage`)"]);
    }

    #[test]
    fn orcids() {
        assert!(is_orcid("0000-0002-1825-0097"));
        assert!(is_orcid("0000-0002-1694-233X"));
        assert!(!is_orcid("https://orcid.org/0000-0002-1825-0097"));
        assert!(!is_orcid("0000-0002-1825"));
    }
}
