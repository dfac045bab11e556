//! The one rule for a URL that an output links to (PDF, HTML, JSON Resume, CSL-JSON, Markdown,
//! hayagriva): parsed with the `url` crate (the WHATWG URL parser browsers use), kept only for a
//! scheme a reader can follow without harm (`http`, `https`, `ftp`, `mailto`, `tel`) and a real
//! host, percent-encoded where a URL must be (`<`, `>`, a space, a quote, non-ASCII in a path)
//! and never twice (`%20` stays `%20`), and no longer than Typst links in a PDF (8000 bytes).
//! A value holding several URLs (`url = {https://a.org; https://b.org}`) is split where a `;`, a
//! `,` or white space comes before an absolute URL; a `;` inside a DOI (`…3.0.CO;2-0`) stays.
//!
//! Pure: every output calls [`link`] (or [`links`]), and what it refuses is left out of the link
//! with the reason, for the caller's located warning; the text that showed it stays.

use std::fmt;

/// The longest URL a PDF link can hold: Typst refuses a longer one ("URL is too long", in
/// typst-library's `Url::new`), and the CV would then fail in the theme's source.
pub const MAX_LEN: usize = 8000;

/// Why a URL is left out of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Empty, or only white space.
    Empty,
    /// No scheme (`www.x.org`, `x.org/a`, a relative path).
    NotAbsolute,
    /// A scheme a reader should not follow from a CV (`javascript:`, `data:`, `file:`).
    Scheme(String),
    /// The URL parser refuses it (a bad host, a bad port).
    Invalid(String),
    /// No host with a dot in it (`https://localhost.`, `https:///a`).
    NoHost,
    /// Longer than [`MAX_LEN`] bytes once encoded.
    TooLong(usize),
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unusable::Empty => write!(f, "it is empty"),
            Unusable::NotAbsolute => write!(f, "it is not a full address (no `https://`)"),
            Unusable::Scheme(s) => write!(f, "`{s}:` is not a web, mail or phone address"),
            Unusable::Invalid(e) => write!(f, "it is not a valid URL ({e})"),
            Unusable::NoHost => write!(f, "it has no host name"),
            Unusable::TooLong(n) => write!(f, "it is {n} bytes long, more than a PDF link holds ({MAX_LEN})"),
        }
    }
}

/// Schemes an output links to.
const SCHEMES: &[&str] = &["http", "https", "ftp", "mailto", "tel"];

/// `text` as a URL an output can link to, encoded; or why not.
pub fn link(text: &str) -> Result<String, Unusable> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Unusable::Empty);
    }
    // The URL parser drops tabs and line breaks silently; a URL with one is broken, not fixed.
    if text.contains(char::is_control) {
        return Err(Unusable::Invalid("a line break or control character inside".to_owned()));
    }
    let parsed = match url::Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => return Err(Unusable::NotAbsolute),
        Err(e) => return Err(Unusable::Invalid(e.to_string())),
    };
    let scheme = parsed.scheme();
    if !SCHEMES.contains(&scheme) {
        // `www.x.org:8080` parses with the scheme `www.x.org`.
        return Err(if scheme.contains('.') { Unusable::NotAbsolute } else { Unusable::Scheme(scheme.to_owned()) });
    }
    if matches!(scheme, "http" | "https" | "ftp") {
        let host = parsed.host_str().unwrap_or_default();
        let named = host.contains('.') && !host.starts_with('.') && !host.ends_with('.');
        if !(named || host == "localhost" || matches!(parsed.host(), Some(url::Host::Ipv6(_)))) {
            return Err(Unusable::NoHost);
        }
    }
    let mut out = parsed.to_string();
    // The parser writes `https://x.org` as `https://x.org/`: the same address, kept as written.
    if out.len() == text.len() + 1 && out.ends_with('/') && !text.ends_with('/') {
        out.pop();
    }
    if out.len() > MAX_LEN {
        return Err(Unusable::TooLong(out.len()));
    }
    Ok(out)
}

/// The URLs a value holds: one, or several where a `;`, a `,` or white space comes before an
/// absolute URL (`scheme://`, `mailto:`). Each is trimmed; empty pieces are dropped.
pub fn split(text: &str) -> Vec<&str> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b';' || b == b',' || b.is_ascii_whitespace()) {
            continue;
        }
        let rest = text[i + 1..].trim_start_matches(|c: char| c == ';' || c == ',' || c.is_whitespace());
        if starts_url(rest) && starts.last() != Some(&(text.len() - rest.len())) {
            starts.push(text.len() - rest.len());
        }
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| text[w[0]..w[1]].trim().trim_end_matches([';', ',']).trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether `text` begins with an absolute URL's scheme.
fn starts_url(text: &str) -> bool {
    let lower = text.get(..10).unwrap_or(text).to_ascii_lowercase();
    ["http://", "https://", "ftp://", "mailto:"].iter().any(|s| lower.starts_with(s))
}

/// Every usable URL of a value that may hold several, in order, and what was refused with why.
pub fn links(text: &str) -> (Vec<String>, Vec<(String, Unusable)>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for piece in split(text) {
        match link(piece) {
            Ok(url) => good.push(url),
            Err(why) => bad.push((piece.to_owned(), why)),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded_once() {
        assert_eq!(link(" https://x.org/a b ").unwrap(), "https://x.org/a%20b");
        assert_eq!(link("https://x.org/a%20b").unwrap(), "https://x.org/a%20b", "never %2520");
        let doi = "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P";
        let encoded = link(doi).unwrap();
        assert_eq!(encoded, "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P");
        assert_eq!(link(&encoded).unwrap(), encoded, "idempotent");
        assert_eq!(link("https://x.org").unwrap(), "https://x.org");
        assert_eq!(link("https://x.org/ä?q=ü").unwrap(), "https://x.org/%C3%A4?q=%C3%BC");
        assert_eq!(link("mailto:a@b.org").unwrap(), "mailto:a@b.org");
    }

    #[test]
    fn unusable_urls_say_why() {
        assert_eq!(link(""), Err(Unusable::Empty));
        assert_eq!(link("www.x.org/a"), Err(Unusable::NotAbsolute));
        assert_eq!(link("javascript:alert(1)"), Err(Unusable::Scheme("javascript".into())));
        assert_eq!(link("https://nohost/a"), Err(Unusable::NoHost));
        assert!(matches!(link("https://x.org:99999/"), Err(Unusable::Invalid(_))));
        let long = format!("https://x.org/{}", "a".repeat(MAX_LEN));
        assert!(matches!(link(&long), Err(Unusable::TooLong(n)) if n > MAX_LEN));
        let fits = format!("https://x.org/{}", "a".repeat(MAX_LEN - 14));
        assert_eq!(link(&fits).map(|u| u.len()), Ok(MAX_LEN));
    }

    #[test]
    fn several_urls_split_but_a_doi_keeps_its_semicolon() {
        assert_eq!(split("https://a.org/x; https://b.org/y"), ["https://a.org/x", "https://b.org/y"]);
        assert_eq!(split("https://a.org/x, http://b.org"), ["https://a.org/x", "http://b.org"]);
        assert_eq!(split("https://a.org/x https://b.org"), ["https://a.org/x", "https://b.org"]);
        let doi = "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0";
        assert_eq!(split(doi), [doi]);
        assert_eq!(split("https://a.org/?q=a,b"), ["https://a.org/?q=a,b"]);
        let (good, bad) = links("https://a.org/x; https://nohost/y");
        assert_eq!(good, ["https://a.org/x"]);
        assert_eq!(bad, [("https://nohost/y".to_owned(), Unusable::NoHost)]);
    }
}
