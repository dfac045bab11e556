//! Checks of a profile that YAML types cannot express: dates are calendar dates, the accent is a
//! colour, the theme is built in, section ids in `section_order`, `titles` and `hide` exist, the locale is known, the
//! name is not empty, a page budget is at least one page, the design numbers are in their ranges
//! ([`DESIGN_RANGES`]). Each problem is a located diagnostic,
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

/// The allowed values of a number in `design:`, and the value the themes use when it is absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberRange {
    /// The key under `design:`.
    pub key: &'static str,
    /// What the number counts, for messages (`points`).
    pub unit: &'static str,
    /// The least allowed value.
    pub min: f64,
    /// The greatest allowed value.
    pub max: f64,
    /// The classic theme's value.
    pub usual: f64,
}

/// The ranges of the design numbers (the schema's `minimum`/`maximum` say the same; a test keeps
/// them equal). Beyond them a page is blank, overprinted or clipped: a 20 cm margin leaves no
/// text width, a 105 pt font (a typo for 10.5) clips words.
pub const DESIGN_RANGES: &[NumberRange] = &[
    NumberRange { key: "font_size", unit: "points", min: 6.0, max: 20.0, usual: 10.5 },
    NumberRange { key: "margin_cm", unit: "centimetres", min: 0.5, max: 5.0, usual: 2.0 },
];

/// The problem with a design number, if it is outside its range (or not a finite number).
fn out_of_range(range: &NumberRange, value: f64) -> Option<Diagnostic> {
    if value.is_finite() && (range.min..=range.max).contains(&value) {
        return None;
    }
    let NumberRange { key, unit, min, max, usual } = *range;
    let d = Diagnostic::error(format!("`design.{key}` is {value}, outside the allowed {min} to {max} ({unit})"));
    let tenth = value / 10.0;
    Some(if value.is_finite() && (min..=max).contains(&tenth) && (tenth - usual).abs() <= usual {
        d.hint(format!("did you mean {tenth}?"))
    } else {
        d.hint(format!("write a number from {min} to {max}; the classic theme uses {usual}"))
    })
}

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
    let design = [("font_size", profile.design.font_size), ("margin_cm", profile.design.margin_cm)];
    for (key, value) in design {
        let range = DESIGN_RANGES.iter().find(|r| r.key == key).expect("every design number has a range");
        if let Some(d) = value.and_then(|v| out_of_range(range, v)) {
            out.push(point(d, place(&["design", key])));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn design_numbers_in_range_pass_and_typos_get_a_guess() {
        let font = &DESIGN_RANGES[0];
        assert!(out_of_range(font, 10.5).is_none());
        assert!(out_of_range(font, 6.0).is_none());
        let typo = out_of_range(font, 105.0).expect("out of range");
        assert_eq!(typo.message, "`design.font_size` is 105, outside the allowed 6 to 20 (points)");
        assert_eq!(typo.hints, ["did you mean 10.5?"]);
        for bad in [-5.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e30] {
            let d = out_of_range(font, bad).expect("rejected");
            assert_eq!(d.hints, ["write a number from 6 to 20; the classic theme uses 10.5"], "{bad}");
        }
        let margin = &DESIGN_RANGES[1];
        assert_eq!(out_of_range(margin, 20.0).expect("out of range").hints, ["did you mean 2?"]);
    }

    #[test]
    fn the_schema_states_the_same_ranges() {
        let schema = super::super::schema();
        let text = schema.to_string();
        for range in DESIGN_RANGES {
            let found = find_property(&schema, range.key).unwrap_or_else(|| panic!("`{}` in {text}", range.key));
            assert_eq!(found.get("minimum").and_then(serde_json::Value::as_f64), Some(range.min), "{found}");
            assert_eq!(found.get("maximum").and_then(serde_json::Value::as_f64), Some(range.max), "{found}");
        }
    }

    fn find_property<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
        match value {
            serde_json::Value::Object(map) => map
                .get("properties")
                .and_then(|p| p.get(key))
                .or_else(|| map.values().find_map(|v| find_property(v, key))),
            serde_json::Value::Array(items) => items.iter().find_map(|v| find_property(v, key)),
            _ => None,
        }
    }
}
