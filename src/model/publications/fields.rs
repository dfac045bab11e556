//! What a publication shows besides its authors: its venue, volume/number/pages, awards and
//! links, read from the entry's fields and from other tools' names for them
//! ([`crate::bib::aliases`]: `_venue` for `abbr`, `url_code` for `code`). Pure.

use super::{Award, LinkOut};
use crate::bib::latex::chunks_to_text;
use crate::bib::{BibEntry, aliases, ids};

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
    ("dataset", "Dataset"),
];

/// The label of a link named like one of the link fields (`slides` → `Slides`), for the
/// profile's `links:`; `arxiv` and `doi` too.
pub fn link_label(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "arxiv" => Some("arXiv"),
        "doi" => Some("DOI"),
        "project" => Some("Project"),
        _ => LINK_FIELDS.iter().find(|(field, _)| *field == name).map(|(_, label)| *label),
    }
}

/// A field's display text (macros and crossrefs resolved, LaTeX turned into text), from the
/// field itself or, when it is not written, from one of its aliases.
pub fn text_field(entry: &BibEntry, name: &str) -> Option<String> {
    let read = |name: &str| entry.typed.get(name).map(chunks_to_text).filter(|s| !s.trim().is_empty());
    read(name).or_else(|| aliases::of(name).find_map(read))
}

/// A field's value with only outer whitespace removed (URLs, ids: no LaTeX processing), from
/// the field or one of its aliases.
pub fn verbatim_field(entry: &BibEntry, name: &str) -> Option<String> {
    let read = |name: &str| {
        let chunks = entry.typed.get(name)?;
        let text: String = chunks.iter().map(|c| c.v.get()).collect();
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    };
    read(name).or_else(|| aliases::of(name).find_map(read))
}

/// The venue a category is decided by: `booktitle`, `journal`/`journaltitle`, `eventtitle` or
/// `howpublished`, else (Google Scholar puts some venues there) `publisher`.
pub fn venue_text(entry: &BibEntry) -> Option<String> {
    ["booktitle", "journaltitle", "journal", "eventtitle", "howpublished", "publisher"]
        .into_iter()
        .find_map(|field| text_field(entry, field))
}

/// The entry's arXiv id, wherever its export put it.
pub fn arxiv_id(entry: &BibEntry) -> Option<String> {
    ids::arxiv_id_in(|name| verbatim_field(entry, name))
}

/// The venue as printed: the journal or proceedings; for a preprint on arXiv (Google Scholar's
/// `arXiv preprint arXiv:…`, DBLP's `CoRR`, or no venue at all) `arXiv preprint arXiv:ID`; for a
/// thesis or report the school or institution.
pub fn venue(entry: &BibEntry, on_arxiv: bool) -> Option<String> {
    let written = ["booktitle", "journaltitle", "journal"].into_iter().find_map(|field| text_field(entry, field));
    let archive = written.as_deref().is_none_or(|v| {
        let v = v.trim().to_ascii_lowercase();
        v == "corr" || v == "arxiv" || v.starts_with("arxiv preprint") || v.starts_with("arxiv e-prints")
    });
    if on_arxiv
        && archive
        && let Some(id) = arxiv_id(entry)
    {
        return Some(format!("arXiv preprint arXiv:{id}"));
    }
    written
        .or_else(|| {
            ["eventtitle", "school", "institution", "organization", "howpublished", "publisher"]
                .into_iter()
                .find_map(|field| text_field(entry, field))
        })
        .map(tidy_end)
        .filter(|v| !v.is_empty())
}

/// `vol. 3, no. 2, pp. 686–703` (DBLP's CoRR volume `abs/…` is an id, not a volume), exactly
/// as written: plain spaces, no invisible characters, so text copied from the PDF is the text.
/// The themes keep each `, `-separated part on one line by layout (a `box`), not by characters.
pub fn details(entry: &BibEntry) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = text_field(entry, "volume").filter(|v| !v.trim().starts_with("abs/")) {
        parts.push(format!("vol. {}", v.trim()));
    }
    if let Some(n) = text_field(entry, "number").or_else(|| text_field(entry, "issue")) {
        parts.push(format!("no. {}", n.trim()));
    }
    if let Some(p) = text_field(entry, "pages") {
        let word = if p.contains(['–', '-', ',']) { "pp." } else { "p." };
        parts.push(format!("{word} {}", p.trim()));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A venue as it should end before `, 2024`: without the comma, semicolon or colon an export
/// left at its end (`…(SNAP),`), and without a final full stop unless the name abbreviates
/// (`Phys. Rev. Lett.` keeps it, `Proceedings of X.` does not).
fn tidy_end(venue: String) -> String {
    let trimmed = venue.trim_end().trim_end_matches([',', ';', ':']).trim_end();
    let trimmed = match trimmed.strip_suffix('.') {
        Some(rest) if !rest.contains('.') => rest.trim_end(),
        _ => trimmed,
    };
    trimmed.to_owned()
}

/// The paper's awards. al-folio: `award` is the text, `award_name` a short label; cvgen shows
/// the short one when both exist. Several awards are separated by `;`.
pub fn awards(entry: &BibEntry) -> Vec<Award> {
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

/// The paper's links, one per target: arXiv, DOI, the link fields (and their aliases), cvgen's
/// `links = {Label=URL; …}`, then `url`, labelled for where it points ([`label_for`]). A link
/// already given (the same address, or the same arXiv paper) is not repeated, and an arXiv
/// address with a malformed id is left out when the entry has a well-formed one (`check` flags
/// the malformed one).
pub fn links(entry: &BibEntry) -> Vec<LinkOut> {
    let mut out: Vec<LinkOut> = Vec::new();
    let valid_arxiv = arxiv_id(entry);
    // The one URL rule: encoded once; an unusable URL is no link (`cvgen check` says why).
    let mut push = |label: &str, url: String| {
        let Ok(url) = crate::weblink::link(&url) else { return };
        let malformed_arxiv = ids::arxiv_url_id(&url).is_some_and(|id| !ids::is_arxiv_id(id));
        if malformed_arxiv && valid_arxiv.is_some() {
            return;
        }
        if !out.iter().any(|l| same_target(&l.url, &url)) {
            out.push(LinkOut { label: label.to_owned(), url });
        }
    };
    if let Some(id) = &valid_arxiv {
        push("arXiv", format!("https://arxiv.org/abs/{id}"));
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
    if let Some(list) = verbatim_field(entry, "links") {
        for item in list.split(';') {
            if let Some((label, url)) = item.split_once('=') {
                push(label.trim(), url.trim().to_owned());
            }
        }
    }
    let urls = verbatim_field(entry, "url").unwrap_or_default();
    // A `url` holding several (`url = {https://a.org; https://b.org}`) links each.
    for url in crate::weblink::split(&urls).into_iter().filter(|u| is_absolute_url(u)) {
        let url = url.to_owned();
        push(label_for(&url), url);
    }
    out
}

/// The label of a link by where it points: `arXiv`, `DOI`, `Code` (GitHub, GitLab, Bitbucket),
/// `PDF` (an address ending in `.pdf`), `Slides` (Speaker Deck, SlideShare), `Video` (YouTube,
/// Vimeo, Bilibili), else `Paper` (a publisher's page: IEEE Xplore, CVF, ACS, ACM, …).
pub fn label_for(url: &str) -> &'static str {
    if ids::arxiv_url_id(url).is_some() {
        return "arXiv";
    }
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = rest[host.len().min(rest.len())..].split(['?', '#']).next().unwrap_or_default();
    let on = |domains: &[&str]| domains.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")));
    if on(&["doi.org", "dx.doi.org"]) {
        "DOI"
    } else if on(&["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"]) {
        "Code"
    } else if on(&["youtube.com", "youtu.be", "vimeo.com", "bilibili.com"]) {
        "Video"
    } else if on(&["speakerdeck.com", "slideshare.net"]) {
        "Slides"
    } else if path.ends_with(".pdf") {
        "PDF"
    } else {
        "Paper"
    }
}

/// Whether two links lead to the same page (`http` and `https`, `abs` and `pdf` of one arXiv
/// paper, a trailing `/` aside).
pub fn same_target(a: &str, b: &str) -> bool {
    let key = |url: &str| -> String {
        if let Some(id) = ids::arxiv_url_id(url) {
            let id = id.split('v').next().unwrap_or(id);
            return format!("arxiv:{id}");
        }
        let url = url.trim_end_matches('/');
        url.split_once("://").map_or(url, |(_, rest)| rest).to_ascii_lowercase()
    };
    key(a) == key(b)
}

/// Whether `url` can be a link in a PDF on its own (a scheme and a host).
pub fn is_absolute_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "ftp://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venues_lose_the_punctuation_an_export_left_at_their_end() {
        let tidy = |v: &str| tidy_end(v.to_owned());
        assert_eq!(
            tidy("Workshop on Systems for Next-Gen AI Paradigms (SNAP),"),
            "Workshop on Systems for Next-Gen AI Paradigms (SNAP)"
        );
        assert_eq!(tidy("Proceedings of the Royal Society."), "Proceedings of the Royal Society");
        assert_eq!(tidy("Phys. Rev. Lett."), "Phys. Rev. Lett.");
        assert_eq!(tidy("Nat. Commun. ;"), "Nat. Commun.");
        assert_eq!(tidy("MLSys"), "MLSys");
    }

    #[test]
    fn links_are_labelled_by_where_they_point() {
        let cases = [
            ("https://arxiv.org/abs/2406.05250", "arXiv"),
            ("https://doi.org/10.1021/acsphotonics.3c01234", "DOI"),
            ("https://github.com/zhuhanqing/APOLLO", "Code"),
            ("https://www.youtube.com/watch?v=abc", "Video"),
            ("https://speakerdeck.com/x/talk", "Slides"),
            ("https://example.org/papers/apollo.pdf", "PDF"),
            ("https://ieeexplore.ieee.org/document/10476401", "Paper"),
            ("https://openaccess.thecvf.com/content/CVPR2024/html/X_CVPR_2024_paper.html", "Paper"),
            ("https://pubs.acs.org/doi/abs/10.1021/acsphotonics.3c01234", "Paper"),
        ];
        for (url, label) in cases {
            assert_eq!(label_for(url), label, "{url}");
        }
    }

    #[test]
    fn one_link_per_target_and_no_malformed_arxiv_beside_a_valid_one() {
        let bib = "@article{a, journal={arXiv preprint arXiv:2406.05250}, eprint={2406.05250}, \
                   url={https://arxiv.org/abs/2406.05250O}, code={https://github.com/x/y}}\n\
                   @article{b, url={http://arxiv.org/pdf/2406.05250v2.pdf}, arxiv={2406.05250}}";
        let (bib, _) = crate::bib::parse(bib, std::path::Path::new("refs.bib"));
        let labels = |i: usize| links(&bib.entries[i]).into_iter().map(|l| l.label).collect::<Vec<_>>();
        assert_eq!(labels(0), ["arXiv", "Code"]);
        assert_eq!(labels(1), ["arXiv"]);
    }

    #[test]
    fn details_are_the_text_as_written() {
        let bib = "@article{a, volume={3}, number={ 12 suppl }, pages={686--703}}\n@article{b, pages={AF2D-2}}";
        let (bib, _) = crate::bib::parse(bib, std::path::Path::new("refs.bib"));
        assert_eq!(details(&bib.entries[0]).as_deref(), Some("vol. 3, no. 12 suppl, pp. 686–703"));
        assert_eq!(details(&bib.entries[1]).as_deref(), Some("pp. AF2D-2"));
    }
}
