//! Identifiers in bibliographies: arXiv ids in every place exports put them (an `eprint`, al-folio's
//! `arxiv`, an arxiv.org link, Google Scholar's `journal = {arXiv preprint arXiv:…}`, DBLP's CoRR
//! `volume = {abs/…}`, arXiv's DOI), and whether one is well formed. Pure.

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

/// The arXiv id a link to an arXiv paper names (`https://arxiv.org/abs/ID` or `/pdf/ID`, with or
/// without `.pdf`, a version, a query or a fragment), or `None` for any other address. The id is
/// returned as written, for [`is_arxiv_id`] to judge.
pub fn arxiv_url_id(url: &str) -> Option<&str> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    if host != "arxiv.org" && host != "www.arxiv.org" && host != "export.arxiv.org" {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if let Some(id) = path.strip_prefix("abs/") {
        return Some(id.strip_suffix('/').unwrap_or(id));
    }
    let id = path.strip_prefix("pdf/")?;
    let id = id.strip_suffix('/').unwrap_or(id);
    Some(id.strip_suffix(".pdf").unwrap_or(id))
}

/// The arXiv id an entry carries, wherever the export put it, if it is well formed.
pub fn arxiv_id_in(field: impl Fn(&str) -> Option<String>) -> Option<String> {
    let prefix = field("archiveprefix").or_else(|| field("eprinttype"));
    let candidates = [
        field("eprint").filter(|_| prefix.as_deref().is_none_or(|p| p.trim().eq_ignore_ascii_case("arxiv"))),
        field("arxiv"),
        field("url").and_then(|u| arxiv_url_id(&u).map(str::to_owned)),
        ["journal", "journaltitle", "howpublished", "note"].into_iter().find_map(|name| {
            let text = field(name)?;
            let at = text.to_ascii_lowercase().rfind("arxiv:")?;
            Some(
                text[at + "arxiv:".len()..]
                    .split_whitespace()
                    .next()?
                    .trim_end_matches(['.', ',', ';', ')'])
                    .to_owned(),
            )
        }),
        field("volume").and_then(|v| v.trim().strip_prefix("abs/").map(str::to_owned)),
        field("doi").and_then(|d| {
            let lower = d.to_ascii_lowercase();
            let at = lower.find("10.48550/arxiv.")?;
            Some(d[at + "10.48550/arxiv.".len()..].trim().to_owned())
        }),
    ];
    candidates.into_iter().flatten().map(|id| id.trim().to_owned()).find(|id| is_arxiv_id(id))
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
    fn arxiv_urls() {
        for (url, id) in [
            ("https://arxiv.org/abs/2412.05270", Some("2412.05270")),
            ("http://www.arxiv.org/abs/2412.05270v2?context=cs#x", Some("2412.05270v2")),
            ("https://arxiv.org/pdf/2412.05270v2.pdf", Some("2412.05270v2")),
            ("https://arxiv.org/pdf/2412.05270", Some("2412.05270")),
            ("https://ArXiv.org/abs/hep-th/9901001/", Some("hep-th/9901001")),
            ("https://arxiv.org/abs/2412.05270O", Some("2412.05270O")),
            ("https://arxiv.org/list/cs.LG/recent", None),
            ("https://arxiv.org", None),
            ("https://example.org/abs/2412.05270O", None),
            ("https://notarxiv.org/abs/2412.05270O", None),
        ] {
            assert_eq!(arxiv_url_id(url), id, "{url}");
        }
        assert!(is_arxiv_id(arxiv_url_id("https://arxiv.org/pdf/hep-th/9901001v1.pdf").unwrap()));
    }

    #[test]
    fn arxiv_ids_wherever_exports_put_them() {
        let id = |fields: &[(&str, &str)]| {
            arxiv_id_in(|name| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
        };
        assert_eq!(id(&[("eprint", "2412.05270"), ("archiveprefix", "arXiv")]).as_deref(), Some("2412.05270"));
        assert_eq!(id(&[("eprint", "2412.05270"), ("eprinttype", "hal")]), None);
        assert_eq!(id(&[("arxiv", "2412.05270")]).as_deref(), Some("2412.05270"));
        assert_eq!(id(&[("url", "https://arxiv.org/pdf/2412.05270v2.pdf")]).as_deref(), Some("2412.05270v2"));
        assert_eq!(id(&[("journal", "arXiv preprint arXiv:2412.05270")]).as_deref(), Some("2412.05270"));
        assert_eq!(id(&[("journal", "CoRR"), ("volume", "abs/2412.05270")]).as_deref(), Some("2412.05270"));
        assert_eq!(id(&[("doi", "10.48550/ARXIV.2412.05270")]).as_deref(), Some("2412.05270"));
        assert_eq!(id(&[("url", "https://arxiv.org/abs/2412.05270O")]), None);
    }
}
