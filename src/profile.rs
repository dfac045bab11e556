//! `profile.yaml`: the types a user writes, and their parsing and validation.
//!
//! Every struct rejects unknown keys (a typo is an error with a "did you mean" hint), dates are
//! validated with their YAML location, and the order of top-level sections is kept as written so
//! the CV follows the file. This module parses text it is given; it never reads files.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::date::PartialDate;
use crate::diag::{self, Diagnostic};

/// A parsed and validated `profile.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The CV owner's name as it heads the CV.
    pub name: String,
    /// The name in its native script (e.g. `朱汉卿`), shown beside the name when a font has it.
    #[serde(default)]
    pub native_name: Option<String>,
    /// One line under the name (current position, degree).
    #[serde(default)]
    pub headline: Option<String>,
    /// City, country.
    #[serde(default)]
    pub location: Option<String>,
    /// Contact e-mail (rendered as a `mailto:` link).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Personal homepage URL.
    #[serde(default)]
    pub website: Option<String>,
    /// GitHub user name.
    #[serde(default)]
    pub github: Option<String>,
    /// Google Scholar user id (the `user=` part of the profile URL).
    #[serde(default)]
    pub scholar: Option<String>,
    /// ORCID iD (`0000-0000-0000-0000`).
    #[serde(default)]
    pub orcid: Option<String>,
    /// LinkedIn user name.
    #[serde(default)]
    pub linkedin: Option<String>,
    /// X / Twitter handle, without `@`.
    #[serde(default)]
    pub twitter: Option<String>,
    /// Further contact links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// A short paragraph about the owner.
    #[serde(default)]
    pub summary: Option<String>,
    /// Research interests, one line each.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Degrees.
    #[serde(default)]
    pub education: Vec<Education>,
    /// Positions and internships.
    #[serde(default)]
    pub experience: Vec<Experience>,
    /// Honors and awards.
    #[serde(default)]
    pub honors: Vec<Honor>,
    /// Professional service (reviewing, organising).
    #[serde(default)]
    pub service: Vec<Entry>,
    /// Teaching.
    #[serde(default)]
    pub teaching: Vec<Entry>,
    /// Invited talks.
    #[serde(default)]
    pub talks: Vec<Entry>,
    /// Skills by category.
    #[serde(default)]
    pub skills: Vec<Skill>,
    /// Custom sections, each with its own title, in the order given.
    #[serde(default)]
    pub sections: Vec<CustomSection>,
    /// Where the publications come from and how they are shown.
    #[serde(default)]
    pub publications: Option<PublicationSettings>,
    /// Section order (section ids), overriding the order of the file.
    #[serde(default)]
    pub section_order: Option<Vec<String>>,
    /// Look of the PDF.
    #[serde(default)]
    pub design: Design,
    /// Language of section titles and dates (`en`).
    #[serde(default)]
    pub locale: Option<String>,
    /// Keywords for the PDF metadata.
    #[serde(default)]
    pub keywords: Vec<String>,

    /// Top-level keys in the order the file gives them (filled after parsing).
    #[serde(skip)]
    pub key_order: Vec<String>,
}

/// A labelled link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the reader sees.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// A date written in the profile, with where it was written.
pub type DateField = Spanned<DateText>;

/// A date as written: `2020`, `2020-08`, `2020-08-15` or `present`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date like `2020`, `2020-08`, `2020-08-15` or `present`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.trim().to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// A degree.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// University.
    pub institution: String,
    /// Degree (`Ph.D.`, `B.Eng.`).
    pub degree: String,
    /// Field of study.
    #[serde(default)]
    pub area: Option<String>,
    /// City, country.
    #[serde(default)]
    pub location: Option<String>,
    /// First year (or month).
    #[serde(default)]
    pub start: Option<DateField>,
    /// Last year (or `present`).
    #[serde(default)]
    pub end: Option<DateField>,
    /// A single date (e.g. graduation year) instead of a range.
    #[serde(default)]
    pub date: Option<DateField>,
    /// Advisors, as they should be printed.
    #[serde(default)]
    pub advisors: Vec<String>,
    /// Thesis title.
    #[serde(default)]
    pub thesis: Option<String>,
    /// Further lines (honors, GPA).
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// A position or internship.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    /// Employer or lab.
    pub organization: String,
    /// Job title.
    pub position: String,
    /// City, country.
    #[serde(default)]
    pub location: Option<String>,
    /// First month.
    #[serde(default)]
    pub start: Option<DateField>,
    /// Last month (or `present`).
    #[serde(default)]
    pub end: Option<DateField>,
    /// A single date instead of a range.
    #[serde(default)]
    pub date: Option<DateField>,
    /// Research topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Mentors or hosts, as they should be printed.
    #[serde(default)]
    pub advisors: Vec<String>,
    /// Further lines.
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// An honor or award.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Honor {
    /// Name of the honor.
    pub title: String,
    /// Who gave it (conference, university, company).
    #[serde(default)]
    pub organization: Option<String>,
    /// When.
    #[serde(default)]
    pub date: Option<DateField>,
    /// First year of a multi-year honor.
    #[serde(default)]
    pub start: Option<DateField>,
    /// Last year of a multi-year honor.
    #[serde(default)]
    pub end: Option<DateField>,
    /// A remark (`38 out of 150+`).
    #[serde(default)]
    pub note: Option<String>,
    /// A page about it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A generic dated entry (service, teaching, talks, custom sections).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What it is.
    pub title: String,
    /// Where or for whom.
    #[serde(default)]
    pub organization: Option<String>,
    /// City, country.
    #[serde(default)]
    pub location: Option<String>,
    /// When (single date).
    #[serde(default)]
    pub date: Option<DateField>,
    /// Start of a range.
    #[serde(default)]
    pub start: Option<DateField>,
    /// End of a range (or `present`).
    #[serde(default)]
    pub end: Option<DateField>,
    /// A page about it.
    #[serde(default)]
    pub url: Option<String>,
    /// A sentence or two.
    #[serde(default)]
    pub description: Option<String>,
    /// Further lines.
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// A skill category.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// Category (`Languages`).
    pub category: String,
    /// The skills in it.
    pub items: Vec<String>,
}

/// A section the built-in ones don't cover.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomSection {
    /// Heading.
    pub title: String,
    /// Identifier for `section_order` (defaults to the title in lowercase).
    #[serde(default)]
    pub id: Option<String>,
    /// Dated entries.
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Plain lines.
    #[serde(default)]
    pub items: Vec<String>,
    /// A paragraph.
    #[serde(default)]
    pub text: Option<String>,
}

/// Publication settings: the two fixed keys `bib` and `owner`, and display choices.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationSettings {
    /// The BibTeX file, relative to the profile.
    pub bib: PathBuf,
    /// The owner's name variants, matched against author lists.
    #[serde(deserialize_with = "one_or_many")]
    pub owner: Vec<String>,
    /// Section heading.
    #[serde(default)]
    pub title: Option<String>,
    /// Grouping of the list.
    #[serde(default)]
    pub group_by: GroupBy,
    /// Labels (`[C3]`, `[J1]`) and how they count.
    #[serde(default)]
    pub numbering: Numbering,
    /// Number newest-first papers from the highest number down (the newest gets `[C4]`).
    #[serde(default = "yes")]
    pub reverse_numbering: bool,
    /// How the owner's name is emphasised.
    #[serde(default)]
    pub highlight: Highlight,
    /// Only entries with `selected = {true}`.
    #[serde(default)]
    pub selected_only: bool,
    /// Fields `cvgen bib` strips by default (replaces the built-in list).
    #[serde(default)]
    pub private_fields: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// How the publication list is grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Conference, journal, workshop, preprint, other.
    #[default]
    Type,
    /// One group per year, newest first.
    Year,
    /// One flat list.
    None,
}

/// How publications are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `[C1]`, `[J1]`, `[P1]`: a counter per type.
    #[default]
    ByType,
    /// `[1]`, `[2]`: one counter.
    Continuous,
    /// No labels.
    None,
}

/// How the owner's name is emphasised in author lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Highlight {
    /// Bold.
    #[default]
    Bold,
    /// Underlined.
    Underline,
    /// Bold and underlined.
    BoldUnderline,
    /// Italic.
    Italic,
}

/// Page and type settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Built-in theme name (`classic`).
    #[serde(default)]
    pub theme: Option<String>,
    /// `a4` or `letter`.
    #[serde(default)]
    pub page_size: PageSize,
    /// Accent colour as `#rrggbb`.
    #[serde(default)]
    pub accent: Option<Spanned<String>>,
    /// Body font family.
    #[serde(default)]
    pub font: Option<String>,
    /// Body font size in points.
    #[serde(default)]
    pub font_size: Option<f64>,
    /// Page margin in centimetres.
    #[serde(default)]
    pub margin_cm: Option<f64>,
}

impl Default for Design {
    fn default() -> Self {
        Self { theme: None, page_size: PageSize::default(), accent: None, font: None, font_size: None, margin_cm: None }
    }
}

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// US Letter (the default: most academic job portals are American).
    #[default]
    Letter,
    /// ISO A4.
    A4,
}

/// Parses and validates a profile. `path` is only used to locate diagnostics.
pub fn parse(text: &str, path: &Path) -> Result<Profile, Vec<Diagnostic>> {
    let options = serde_saphyr::Options::default();
    let mut profile: Profile = match serde_saphyr::from_str_with_options(text, options) {
        Ok(profile) => profile,
        Err(error) => return Err(vec![yaml_error(&error, text, path)]),
    };
    // The struct forgets key order; a second, shallow pass over the same text recovers it.
    let order: Result<KeyOrder, _> = serde_saphyr::from_str(text);
    profile.key_order = order.map(|o| o.0).unwrap_or_default();

    let diagnostics = validate(&profile, path);
    if diagnostics.iter().any(Diagnostic::is_error) { Err(diagnostics) } else { Ok(profile) }
}

/// Top-level keys in file order.
struct KeyOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeyOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = KeyOrder;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<KeyOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeyOrder(keys))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

/// Turns a YAML/serde error into a located diagnostic, with "did you mean" for unknown keys.
fn yaml_error(error: &serde_saphyr::Error, text: &str, path: &Path) -> Diagnostic {
    let raw = error.to_string();
    let message = first_line_without_location(&raw);
    let mut diagnostic = Diagnostic::error(message.clone());
    if let Some(location) = error.location() {
        let span = location_span(text, &location);
        diagnostic = diagnostic.at(path, span);
    } else {
        diagnostic = diagnostic.at(path, 0..0);
    }
    if let Some((unknown, expected)) = parse_unknown_field(&message) {
        diagnostic.message = format!("unknown field `{unknown}`");
        // serde reports the enclosing mapping; point at the key itself.
        let from = diagnostic.location.as_ref().map_or(0, |l| l.span.start);
        if let Some(span) = find_key(text, &unknown, from) {
            diagnostic = diagnostic.at(path, span);
        }
        match diag::closest(&unknown, expected.iter().map(String::as_str)) {
            Some(best) => diagnostic = diagnostic.hint(format!("did you mean `{best}`?")),
            None => {
                diagnostic = diagnostic.hint(format!(
                    "expected one of {}",
                    expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                ))
            }
        }
    } else if message.contains("missing field") {
        diagnostic = diagnostic.hint("add the field; see the profile reference in README.md");
    } else if message.contains("invalid type") {
        diagnostic = diagnostic.hint("check the value's type against the profile reference in README.md");
    } else {
        diagnostic = diagnostic.hint("check the YAML syntax around this place (indentation, colons, quotes)");
    }
    diagnostic
}

/// The byte range serde-saphyr reports, or the start of the reported line and column.
fn location_span(text: &str, location: &serde_saphyr::Location) -> std::ops::Range<usize> {
    let span = location.span();
    if span.len() > 0 || span.offset() > 0 {
        // serde-saphyr counts characters; convert to bytes.
        let start = char_to_byte(text, span.offset());
        let end = char_to_byte(text, span.offset() + span.len().max(1));
        return start..end.max(start);
    }
    let line = location.line().max(1) as usize;
    let column = location.column().max(1) as usize;
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let start =
        line_start + text[line_start.min(text.len())..].chars().take(column - 1).map(char::len_utf8).sum::<usize>();
    start..start
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}

fn first_line_without_location(raw: &str) -> String {
    let line = raw.lines().next().unwrap_or(raw);
    // serde-saphyr writes "error: line X column Y: message" (or appends " at line X, column
    // Y"); the printer shows the location itself.
    let line = line.trim_start_matches("error: ");
    let line = match line.strip_prefix("line ").and_then(|rest| rest.find(": ").map(|i| &rest[i + 2..])) {
        Some(message) => message,
        None => line,
    };
    let line = match line.find(" at line ") {
        Some(i) => &line[..i],
        None => line,
    };
    let line = line.trim().trim_end_matches('.');
    let mut out = line.to_owned();
    if let Some(first) = out.get(..1) {
        out.replace_range(..1, &first.to_lowercase());
    }
    out
}

/// Extracts `unknown field `x`, expected one of `a`, `b`` into its parts.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    let unknown = rest[..end].to_owned();
    let expected = match rest[end + 1..].split_once("expected one of ") {
        Some((_, list)) => list.split(',').map(|e| e.trim().trim_matches('`').to_owned()).filter(|e| !e.is_empty()).collect(),
        None => rest[end + 1..].split('`').skip(1).step_by(2).map(str::to_owned).collect(),
    };
    Some((unknown, expected))
}

/// The ids of the built-in sections, in their default order.
pub const SECTION_IDS: &[&str] = &[
    "summary",
    "interests",
    "education",
    "experience",
    "publications",
    "honors",
    "talks",
    "teaching",
    "service",
    "skills",
];

fn validate(profile: &Profile, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check = |field: &Option<DateField>| {
        if let Some(date) = field {
            if let Err(d) = PartialDate::parse_field(date, path) {
                out.push(d);
            }
        }
    };
    for e in &profile.education {
        [&e.start, &e.end, &e.date].into_iter().for_each(&mut check);
    }
    for e in &profile.experience {
        [&e.start, &e.end, &e.date].into_iter().for_each(&mut check);
    }
    for e in &profile.honors {
        [&e.start, &e.end, &e.date].into_iter().for_each(&mut check);
    }
    let custom = profile.sections.iter().flat_map(|s| &s.entries);
    for e in profile.service.iter().chain(&profile.teaching).chain(&profile.talks).chain(custom) {
        [&e.start, &e.end, &e.date].into_iter().for_each(&mut check);
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
        let custom_ids: Vec<String> = profile.sections.iter().map(custom_id).collect();
        for id in order {
            if !SECTION_IDS.contains(&id.as_str()) && !custom_ids.contains(id) {
                let candidates = SECTION_IDS.iter().copied().chain(custom_ids.iter().map(String::as_str));
                let mut d = Diagnostic::error(format!("unknown section `{id}` in `section_order`"))
                    .at(path, find_key_in_order(path, id));
                if let Some(best) = diag::closest(id, candidates) {
                    d = d.hint(format!("did you mean `{best}`?"));
                }
                out.push(d);
            }
        }
    }
    if profile.name.trim().is_empty() {
        out.push(Diagnostic::error("`name` is empty").at(path, 0..0).hint("write the name as it should head the CV"));
    }
    out
}

fn find_key_in_order(_path: &Path, _id: &str) -> std::ops::Range<usize> {
    0..0
}

/// The span of `key:` written as a mapping key at or after byte `from` (first match anywhere
/// as a fallback).
fn find_key(text: &str, key: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let mut found = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '-']).trim_start();
        let indent = line.len() - body.len();
        let quoted = body.strip_prefix('"').and_then(|b| b.strip_prefix(key)).and_then(|b| b.strip_prefix('"'));
        let rest = quoted.or_else(|| body.strip_prefix(key));
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            let start = offset + indent + usize::from(quoted.is_some());
            let span = start..start + key.len();
            if offset + line.len() > from {
                return Some(span);
            }
            found.get_or_insert(span);
        }
        offset += line.len();
    }
    found
}

/// The id of a custom section: its `id`, or its title in lowercase with dashes.
pub fn custom_id(section: &CustomSection) -> String {
    section.id.clone().unwrap_or_else(|| section.title.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-"))
}

/// Counts how often each top-level key appears (used by tests of key ordering).
pub fn key_counts(profile: &Profile) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for key in &profile.key_order {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    counts
}
