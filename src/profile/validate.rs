//! Checks of a profile that YAML types cannot express: dates are calendar dates, the accent is a
//! colour, the theme is built in, section ids in `section_order`, `titles` and `hide` exist, the locale is known, the
//! name is not empty, a page budget is at least one page. Each problem is a located diagnostic,
//! in the file (or on the command line) that wrote the value; every one is reported.
//!
//! Pure: it reads the typed profile and the located tree it was typed from ([`Origin`]).

use std::ops::Range;
use std::path::Path;

use super::origin::Origin;
use super::tree::Node;
use super::{Profile, SECTION_IDS, custom_id, unknown_theme};
use crate::date::PartialDate;
use crate::diag::{self, Diagnostic};

/// Every problem with the values of `profile`, located through `origin`.
pub fn validate(profile: &Profile, origin: &Origin) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let place = |path: &[&str]| origin.node(path).map_or(0..0, Node::place);
    let point = |d: Diagnostic, span: Range<usize>| origin.point(d, span);
    // A diagnostic made with a position range for its place, moved to the file holding it.
    let relocate = |mut d: Diagnostic| match d.location.take() {
        Some(location) => origin.point(d, location.span),
        None => d,
    };
    for item in profile.dated() {
        for field in item.dates().into_iter().flatten() {
            if let Err(d) = PartialDate::parse_field(field, Path::new("")) {
                out.push(relocate(d));
            }
        }
    }
    if let Some(accent) = &profile.design.accent {
        let v = accent.value.trim_start_matches('#');
        if v.len() != 6 || !v.chars().all(|c| c.is_ascii_hexdigit()) {
            out.push(point(
                Diagnostic::error(format!("invalid accent colour `{}`", accent.value))
                    .hint("write a hex colour like `#1f4e79`"),
                crate::date::span_of(&accent.referenced),
            ));
        }
    }
    // A template of one's own replaces the theme, which is then not read.
    if let Some(d) =
        profile.design.theme.as_deref().filter(|_| profile.design.template.is_none()).and_then(unknown_theme)
    {
        out.push(point(d, place(&["design", "theme"])));
    }
    // Custom sections and the publication lists have ids of their own.
    let custom_ids: Vec<String> =
        profile.sections.iter().map(custom_id).chain(profile.publication_section_ids()).collect();
    if let Some(order) = &profile.section_order {
        for (i, id) in order.iter().enumerate() {
            if !SECTION_IDS.contains(&id.as_str()) && !custom_ids.contains(id) {
                let candidates = SECTION_IDS.iter().copied().chain(custom_ids.iter().map(String::as_str));
                let mut d = Diagnostic::error(format!("unknown section `{id}` in `section_order`"));
                if let Some(best) = diag::closest(id, candidates) {
                    d = d.hint(format!("did you mean `{best}`?"));
                }
                out.push(point(d, place(&["section_order", &i.to_string()])));
            }
        }
    }
    if let Some(locale) = profile.locale.as_deref().filter(|l| crate::locale::get(l).is_none()) {
        let codes: Vec<&str> = crate::locale::LOCALES.iter().map(|l| l.code).collect();
        let d = Diagnostic::error(format!("unknown locale `{locale}`"));
        let d = match diag::closest(locale, codes.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!(
                "cvgen writes CVs in {}",
                codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            )),
        };
        out.push(point(d, place(&["locale"])));
    }
    // `titles:` and `hide:` name sections by id.
    let known = |id: &str| {
        SECTION_IDS.iter().chain(super::jsonresume::EXTRA_SECTION_IDS).any(|k| *k == id)
            || custom_ids.iter().any(|c| c == id)
    };
    let titled = profile.titles.keys().map(|id| {
        let span = origin
            .node(&["titles"])
            .and_then(|t| t.entry(id))
            .map_or_else(|| place(&["titles"]), |e| e.key.span.clone());
        (id, "titles", span)
    });
    let hidden = profile.hide.iter().enumerate().map(|(i, id)| (id, "hide", place(&["hide", &i.to_string()])));
    for (id, key, span) in titled.chain(hidden) {
        if !known(id) {
            let candidates = SECTION_IDS.iter().copied().chain(custom_ids.iter().map(String::as_str));
            let d = Diagnostic::error(format!("unknown section `{id}` in `{key}`"));
            let d = match diag::closest(id, candidates) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("section ids: {}", SECTION_IDS.join(", "))),
            };
            out.push(point(d, span));
        }
    }
    // A section's paragraph may stand before its list or its entries, not both lists at once.
    for (i, section) in profile.sections.iter().enumerate() {
        if !section.items.is_empty() && !section.entries.is_empty() {
            let d = Diagnostic::error(format!("the section `{}` has both `items:` and `entries:`", section.title))
                .label("a section prints one list")
                .hint("move the plain lines into a section of their own, or make them entries");
            out.push(point(d, place(&["sections", &i.to_string(), "items"])));
        }
    }
    if profile.name.trim().is_empty() {
        let span = origin.tree().entry("name").map_or(0..0, |e| e.key.span.clone());
        out.push(point(Diagnostic::error("`name` is empty").hint("write the name as it should head the CV"), span));
    }
    if let Some(pages) = profile.max_pages.as_ref().filter(|p| p.value == 0) {
        out.push(point(
            Diagnostic::error("`max_pages` is 0").hint("a page budget is a number of pages, 1 or more"),
            crate::date::span_of(&pages.referenced),
        ));
    }
    out
}
