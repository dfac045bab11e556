//! Lints: likely mistakes in input that parses, reported as warnings by `cvgen check`.
//!
//! Parsing already rejects what cannot be read (bad YAML, broken BibTeX, duplicate keys,
//! undefined macros, impossible dates, annotations past the author list). The lints look at what
//! *can* be read and would print wrongly or not at all: [`profile`] (dates in the future,
//! malformed links and handles) and [`publications`] (the owner missing from a paper's authors, a
//! paper without year or venue, a DOI, URL or arXiv id that makes a dead link, a lone
//! equal-contribution mark), and [`themes`] (as notes: what the chosen theme leaves out). They read the model's own reading of every entry
//! ([`crate::model::publications::read`]), built once per run. Pure functions of the parsed
//! values and the texts they came from (for locations); nothing here is ever fatal on its own.

pub mod fields;
pub mod owner;
pub mod profile;
pub mod publications;
pub mod themes;

pub use self::profile::profile;
pub use self::publications::bibliography;

/// What is wrong with `url` as a link target, if anything.
pub(crate) fn url_problem(url: &str) -> Option<&'static str> {
    let url = url.trim();
    if url.contains(char::is_whitespace) {
        return Some("it contains a space");
    }
    if matches!(crate::weblink::link(url), Err(crate::weblink::Unusable::TooLong(_))) {
        return Some("it is longer than a PDF link holds (8000 bytes), so it is left unlinked");
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
pub(crate) fn doi_problem(doi: &str) -> Option<&'static str> {
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

pub(crate) fn is_orcid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 4
        && groups.iter().enumerate().all(|(i, g)| {
            g.len() == 4 && g.chars().enumerate().all(|(j, c)| c.is_ascii_digit() || (i == 3 && j == 3 && c == 'X'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn orcids() {
        assert!(is_orcid("0000-0002-1825-0097"));
        assert!(is_orcid("0000-0002-1694-233X"));
        assert!(!is_orcid("https://orcid.org/0000-0002-1825-0097"));
        assert!(!is_orcid("0000-0002-1825"));
    }
}
