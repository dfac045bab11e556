//! JSON Resume input: a `resume.json` (jsonresume.org, schema 1.x) read as it is and mapped onto
//! the same [`Profile`] a `profile.yaml` gives, so every theme and command works on it.
//!
//! The mapping, section by section: `basics` → name, headline (`label`), contacts, location and
//! summary; `work` → experience; `education` → education (`score` and `courses` as lines, and
//! the `location` cvgen's export writes there and on `projects`, outside the schema's fields);
//! `awards` → honors; `skills` → skills; `volunteer`, `projects`, `publications`, `certificates`,
//! `languages`, `interests` and `references` → sections with those ids (titled in the CV's
//! language). A work item's `description` (of the employer) leads its description line, a
//! skill's `level` follows its name (`Simulation (Expert)`). Fields of the schema the CV cannot
//! place (the street address, a job's or a degree's `url`, a project's `type`, an item without
//! its name) are listed in one warning ([`fields`] holds the table of every field); `image`,
//! `meta` and a theme's own keys are ignored, as the JSON Resume schema allows. Dates must be
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a range with no `endDate` is ongoing. This module parses
//! text it is given; it never reads files.

mod fields;
mod mapper;

use mapper::Mapper;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::date::PartialDate;
use crate::diag::Diagnostic;
use crate::profile::{self, CustomSection, DateField, DateText, Profile};

/// Whether `path` names a JSON Resume file rather than a `profile.yaml` (by its extension).
pub fn is_json_resume(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Parses a JSON Resume into a profile, with its warnings (fields the CV leaves out). Every bad
/// date is reported, not only the first.
pub fn parse(text: &str, path: &Path, bib: Option<&Path>) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
    let controls = super::yaml::control_characters(text, path);
    if !controls.is_empty() {
        return Err(controls);
    }
    let resume: Resume = serde_json::from_str(text).map_err(|e| vec![json_error(&e, text, path)])?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| vec![json_error(&e, text, path)])?;
    let mut mapper = Mapper { path, text, spans: OnceCell::new(), diagnostics: Vec::new(), lost: Vec::new() };
    let profile = mapper.profile(resume, bib);
    let left_out = fields::left_out(&value, &mapper.lost, text, mapper.spans(), path);
    mapper.diagnostics.extend(left_out);
    if mapper.diagnostics.iter().any(Diagnostic::is_error) {
        Err(mapper.diagnostics)
    } else {
        Ok((profile, mapper.diagnostics))
    }
}

fn json_error(error: &serde_json::Error, text: &str, path: &Path) -> Diagnostic {
    let line_start: usize = text.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum();
    let column = error.column().saturating_sub(1);
    let at = (line_start + column).min(text.len());
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    let hint = match error.classify() {
        serde_json::error::Category::Data => "check the value against the JSON Resume schema (jsonresume.org/schema)",
        _ => "check the JSON syntax around this place (commas, quotes, brackets)",
    };
    Diagnostic::error(format!("invalid JSON Resume: {message}")).at(path, at..at).hint(hint)
}

// ------------------------------------------------------------------ the JSON Resume schema

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Resume {
    basics: Basics,
    work: Vec<Work>,
    volunteer: Vec<Work>,
    education: Vec<Education>,
    awards: Vec<Award>,
    certificates: Vec<Certificate>,
    publications: Vec<Publication>,
    skills: Vec<Skill>,
    languages: Vec<Language>,
    interests: Vec<Interest>,
    references: Vec<Reference>,
    projects: Vec<Project>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Basics {
    name: Option<String>,
    label: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    location: Option<Place>,
    profiles: Vec<SocialProfile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Place {
    city: Option<String>,
    region: Option<String>,
    country_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SocialProfile {
    network: Option<String>,
    username: Option<String>,
    url: Option<String>,
}

/// A `work` or `volunteer` item (`volunteer` says `organization`, `work` says `name`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Work {
    name: Option<String>,
    organization: Option<String>,
    /// Older resumes (schema 0.x) say `company`.
    company: Option<String>,
    position: Option<String>,
    location: Option<String>,
    url: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    /// `work` only: what the employer is (`Social Media Company`).
    description: Option<String>,
    summary: Option<String>,
    highlights: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Education {
    institution: Option<String>,
    area: Option<String>,
    study_type: Option<String>,
    /// Not in the schema (which allows more): cvgen's export writes it, so it reads it back.
    location: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    score: Option<String>,
    /// Older resumes say `gpa`.
    gpa: Option<String>,
    courses: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Award {
    title: Option<String>,
    date: Option<String>,
    awarder: Option<String>,
    summary: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Certificate {
    name: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Publication {
    name: Option<String>,
    publisher: Option<String>,
    release_date: Option<String>,
    url: Option<String>,
    summary: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Skill {
    name: Option<String>,
    level: Option<String>,
    keywords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Language {
    language: Option<String>,
    fluency: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Interest {
    name: Option<String>,
    keywords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Reference {
    name: Option<String>,
    reference: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Project {
    name: Option<String>,
    description: Option<String>,
    highlights: Vec<String>,
    keywords: Vec<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    url: Option<String>,
    roles: Vec<String>,
    entity: Option<String>,
    /// Not in the schema (which allows more): cvgen's export writes it, so it reads it back.
    location: Option<String>,
}

// ------------------------------------------------------------------ the mapping

/// The sections a JSON Resume has beyond the built-in ones (`profile::SECTION_IDS`); every
/// locale titles them too.
pub const EXTRA_SECTION_IDS: &[&str] = &["volunteer", "projects", "certificates", "languages", "references", "hobbies"];

/// The order of sections in a CV made from a JSON Resume.
const ORDER: &[&str] = &[
    "summary",
    "experience",
    "education",
    "publications",
    "projects",
    "honors",
    "certificates",
    "volunteer",
    "skills",
    "languages",
    "hobbies",
    "references",
];

#[cfg(test)]
mod tests;
