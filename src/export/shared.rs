//! What several writers share: the publications a CV lists (each once, in the order it shows
//! them), an author list as one line of text, dates as ISO 8601, which links are safe to write,
//! and the one warning naming what a format has no place for. Pure.

use std::collections::HashSet;

use crate::date::{DateField, PartialDate};
use crate::diag::Diagnostic;
use crate::model::{Cv, Publication, SectionBody, Words};

/// Every publication the CV lists, once (where it is first listed), in the order it shows them.
pub fn listed(cv: &Cv) -> Vec<&Publication> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for section in &cv.sections {
        if let SectionBody::Publications(list) = &section.body {
            for p in list.groups.iter().flat_map(|g| &g.items) {
                if seen.insert(p.id.as_str()) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// `url` as a link when a reader can follow it without harm, by the one URL rule
/// ([`crate::weblink::link`]): a web, mail, phone or FTP address, percent-encoded once. Anything
/// else (`javascript:`, `data:`, a relative path, a broken or overlong URL) is left out of links.
pub fn safe_url(url: &str) -> Option<String> {
    crate::weblink::link(url).ok()
}

/// A date as ISO 8601 at its own precision (`2025`, `2025-05`, `2025-05-17`); `None` for
/// `present` and for years JSON Resume's pattern does not take (before 1000 or after 2999).
pub fn iso(date: PartialDate) -> Option<String> {
    match date {
        PartialDate::Known { year, .. } if !(1000..=2999).contains(&year) => None,
        PartialDate::Known { year, month: None, .. } => Some(format!("{year:04}")),
        PartialDate::Known { year, month: Some(m), day: None } => Some(format!("{year:04}-{m:02}")),
        PartialDate::Known { year, month: Some(m), day: Some(d) } => Some(format!("{year:04}-{m:02}-{d:02}")),
        PartialDate::Present => None,
    }
}

/// A profile date field as [`iso`] writes it.
pub fn iso_field(field: &Option<DateField>) -> Option<String> {
    field.as_ref().and_then(|f| PartialDate::parse(&f.value.0).ok()).and_then(iso)
}

/// Whether a profile date field says `present`.
pub fn is_present(field: &Option<DateField>) -> bool {
    field.as_ref().and_then(|f| PartialDate::parse(&f.value.0).ok()) == Some(PartialDate::Present)
}

/// A publication's date as ISO 8601: `2025-05`, or the year alone.
pub fn publication_date(p: &Publication) -> Option<String> {
    let year = p.year?;
    iso(PartialDate::Known { year, month: p.month.filter(|m| (1..=12).contains(m)), day: None })
}

/// Where and when `p` appeared, in the CV's order (venue, year, "to appear", details), each
/// written by `text` for the format and the venue in the format's emphasis by `venue`.
pub fn place(
    p: &Publication,
    words: &Words,
    venue: impl Fn(&str) -> String,
    text: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut place = Vec::new();
    if let Some(name) = &p.venue {
        place.push(venue(name));
    }
    if let Some(year) = p.year.filter(|_| !p.year_in_venue) {
        place.push(year.to_string());
    }
    if p.to_appear {
        place.push(text(&words.to_appear));
    }
    if let Some(details) = &p.details {
        place.push(text(details));
    }
    place
}

/// The authors as one line, marks after each name (`Hanqing Zhu*, Zhenyu Zhang*, and David Z.
/// Pan`), in the CV's words (`and`, `et al.`); the owner is not set apart (a format with looks
/// does that itself).
pub fn authors_line(p: &Publication, words: &Words, lang: &str) -> String {
    let names: Vec<String> = p.authors.iter().map(|a| format!("{}{}", a.name, a.marks)).collect();
    join_names(&names, p.et_al, words, lang)
}

/// Names joined as the built-in themes join them: `A and B`; `A, B, and C` in English, `A, B
/// and C` in other languages; `A, B, C et al.` after an `and others`.
pub fn join_names(names: &[String], et_al: bool, words: &Words, lang: &str) -> String {
    let conj = format!(" {} ", words.conjunction);
    if et_al {
        let mut out = names.join(", ");
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&words.et_al);
        return out;
    }
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a}{conj}{b}"),
        [rest @ .., last] => {
            let comma = if lang == "en" { "," } else { "" };
            format!("{}{comma}{conj}{last}", rest.join(", "))
        }
    }
}

/// What a format has no place for, gathered into one warning.
#[derive(Debug, Default)]
pub struct LeftOut {
    format: &'static str,
    items: Vec<String>,
}

impl LeftOut {
    /// Nothing left out yet, of a document in `format` (`the JSON Resume`).
    pub fn new(format: &'static str) -> Self {
        Self { format, items: Vec::new() }
    }

    /// Notes that `what` (`the section `Mentoring``) is left out.
    pub fn add(&mut self, what: String) {
        if !self.items.contains(&what) {
            self.items.push(what);
        }
    }

    /// The warning, if anything was left out.
    pub fn warning(self) -> Option<Diagnostic> {
        (!self.items.is_empty()).then(|| {
            Diagnostic::warning(format!("{} has no place for {}", self.format, self.items.join(", ")))
                .hint("they are left out of the export; the PDF shows them")
        })
    }
}

/// `name` as `publications.rename` says to print it (`David Pan` → `David Z. Pan`), for the
/// exports that read names from the bibliography rather than the model; the rule is the model's
/// ([`crate::model::publications::papers::same_name`]).
pub fn renamed(name: crate::bib::names::Name, profile: &crate::profile::Profile) -> crate::bib::names::Name {
    let Some(renames) = profile.publications.as_ref().map(|s| &s.rename).filter(|r| !r.is_empty()) else {
        return name;
    };
    let printed = [name.display(), name.dotted().display()];
    match renames
        .iter()
        .find(|(from, _)| printed.iter().any(|p| crate::model::publications::papers::same_name(from, p)))
    {
        Some((_, to)) => crate::bib::names::Name::parse_plain(to),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_followable_links_are_written() {
        assert_eq!(safe_url(" https://x.org/a ").as_deref(), Some("https://x.org/a"));
        assert_eq!(safe_url("MAILTO:a@b.c").as_deref(), Some("mailto:a@b.c"));
        for bad in
            ["javascript:alert(1)", "JavaScript:x", "data:text/html,x", "paper.pdf", "//x.org", "https://x\n.org"]
        {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_keep_their_precision() {
        let known = |year, month, day| PartialDate::Known { year, month, day };
        assert_eq!(iso(known(2025, None, None)).as_deref(), Some("2025"));
        assert_eq!(iso(known(2025, Some(5), None)).as_deref(), Some("2025-05"));
        assert_eq!(iso(known(2025, Some(5), Some(7))).as_deref(), Some("2025-05-07"));
        assert_eq!(iso(known(999, None, None)), None);
        assert_eq!(iso(PartialDate::Present), None);
    }
}
