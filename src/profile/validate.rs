//! Checks of a profile that YAML types cannot express: dates are calendar dates, the accent is a
//! colour, section ids in `section_order`, `titles` and `hide` exist, the locale is known, the
//! name is not empty. Each problem is a located diagnostic; every one is reported.
//!
//! Pure: it reads the parsed profile and the text it came from (for locations).

use std::path::Path;

use super::yaml::find_key;
use super::{Profile, SECTION_IDS, custom_id};
use crate::date::PartialDate;
use crate::diag::{self, Diagnostic};

/// Every problem with the values of `profile` (read from `text` at `path`).
pub fn validate(profile: &Profile, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in profile.dated() {
        for field in item.dates().into_iter().flatten() {
            if let Err(d) = PartialDate::parse_field(field, path) {
                out.push(d);
            }
        }
    }
    if let Some(accent) = &profile.design.accent {
        let v = accent.value.trim_start_matches('#');
        if v.len() != 6 || !v.chars().all(|c| c.is_ascii_hexdigit()) {
            out.push(
                Diagnostic::error(format!("invalid accent colour `{}`", accent.value))
                    .at(path, crate::date::span_of(&accent.referenced))
                    .hint("write a hex colour like `#1f4e79`"),
            );
        }
    }
    if let Some(order) = &profile.section_order {
        // Custom sections and the publication lists have ids of their own.
        let custom_ids: Vec<String> =
            profile.sections.iter().map(custom_id).chain(profile.publication_section_ids()).collect();
        for id in order {
            if !SECTION_IDS.contains(&id.as_str()) && !custom_ids.contains(id) {
                let candidates = SECTION_IDS.iter().copied().chain(custom_ids.iter().map(String::as_str));
                let mut d = Diagnostic::error(format!("unknown section `{id}` in `section_order`"))
                    .at(path, find_in_section_order(text, id));
                if let Some(best) = diag::closest(id, candidates) {
                    d = d.hint(format!("did you mean `{best}`?"));
                }
                out.push(d);
            }
        }
    }
    if let Some(locale) = profile.locale.as_deref().filter(|l| crate::locale::get(l).is_none()) {
        let codes: Vec<&str> = crate::locale::LOCALES.iter().map(|l| l.code).collect();
        let d = Diagnostic::error(format!("unknown locale `{locale}`"))
            .at(path, find_key(text, "locale", 0).unwrap_or(0..0));
        out.push(match diag::closest(locale, codes.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!(
                "cvgen writes CVs in {}",
                codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            )),
        });
    }
    // `titles:` and `hide:` name sections by id.
    let custom_ids: Vec<String> =
        profile.sections.iter().map(custom_id).chain(profile.publication_section_ids()).collect();
    let named = profile.titles.keys().map(|id| (id, "titles")).chain(profile.hide.iter().map(|id| (id, "hide")));
    for (id, key) in named {
        let known =
            SECTION_IDS.iter().chain(super::jsonresume::EXTRA_SECTION_IDS).any(|k| k == id) || custom_ids.contains(id);
        if !known {
            let candidates = SECTION_IDS.iter().copied().chain(custom_ids.iter().map(String::as_str));
            let mut d = Diagnostic::error(format!("unknown section `{id}` in `{key}`"))
                .at(path, find_key(text, key, 0).unwrap_or(0..0));
            d = match diag::closest(id, candidates) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("section ids: {}", SECTION_IDS.join(", "))),
            };
            out.push(d);
        }
    }
    if profile.name.trim().is_empty() {
        let span = find_key(text, "name", 0).unwrap_or(0..0);
        out.push(Diagnostic::error("`name` is empty").at(path, span).hint("write the name as it should head the CV"));
    }
    out
}

/// Where `id` is written in the `section_order` list.
fn find_in_section_order(text: &str, id: &str) -> std::ops::Range<usize> {
    let Some(key) = find_key(text, "section_order", 0) else { return 0..0 };
    let mut search = key.end;
    while let Some(rel) = text[search..].find(id) {
        let at = search + rel;
        search = at + id.len();
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        let delimited = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
        if delimited(before) && delimited(after) {
            return at..at + id.len();
        }
    }
    key
}
