//! JSON Resume input: a `resume.json` (jsonresume.org, schema 1.x) read as it is and mapped onto
//! the same [`Profile`] a `profile.yaml` gives, so every theme and command works on it.
//!
//! The mapping, section by section: `basics` → name, headline (`label`), contacts, location and
//! summary; `work` → experience; `education` → education (`score` and `courses` as lines);
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

struct Mapper<'a> {
    path: &'a Path,
    text: &'a str,
    /// Where each value is in `text`, by its JSON path; found when a diagnostic needs it.
    spans: OnceCell<HashMap<String, Range<usize>>>,
    diagnostics: Vec<Diagnostic>,
    /// Items the CV cannot show (`("publications", 2)`: one without a name).
    lost: Vec<(&'static str, usize)>,
}

/// A string with its surrounding whitespace removed, or nothing if that leaves it empty.
fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

fn cleaned(items: Vec<String>) -> Vec<String> {
    items.into_iter().filter_map(|i| clean(Some(i))).collect()
}

/// Bullet lines (JSON Resume's `highlights` have no sub-bullets).
fn lines(items: Vec<String>) -> Vec<super::Bullet> {
    cleaned(items).into_iter().map(Into::into).collect()
}

impl Mapper<'_> {
    fn spans(&self) -> &HashMap<String, Range<usize>> {
        self.spans.get_or_init(|| fields::value_spans(self.text))
    }

    /// Where the value at `field` (`work[0].startDate`) is in the text.
    fn span(&self, field: &str) -> Range<usize> {
        self.spans().get(field).cloned().unwrap_or(0..0)
    }

    /// `item`, or a note that item `index` of `list` is left out.
    fn keep<T>(&mut self, list: &'static str, index: usize, item: Option<T>) -> Option<T> {
        if item.is_none() {
            self.lost.push((list, index));
        }
        item
    }

    fn profile(&mut self, resume: Resume, bib: Option<&Path>) -> Profile {
        let basics = resume.basics;
        let name = clean(basics.name).unwrap_or_default();
        if name.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("the JSON Resume has no `basics.name`")
                    .at(self.path, 0..0)
                    .hint("add `\"basics\": {\"name\": \"Your Name\"}`"),
            );
        }
        let mut profile = Profile {
            name: name.clone(),
            headline: clean(basics.label),
            email: clean(basics.email),
            phone: clean(basics.phone),
            website: clean(basics.url),
            summary: clean(basics.summary),
            location: basics.location.and_then(|l| {
                let parts: Vec<String> = [l.city, l.region, l.country_code].into_iter().filter_map(clean).collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }),
            section_order: Some(ORDER.iter().map(|s| (*s).to_owned()).collect()),
            ..Profile::default()
        };
        for (i, social) in basics.profiles.into_iter().enumerate() {
            if !social_placed(&mut profile, social) {
                self.lost.push(("basics.profiles", i));
            }
        }

        profile.experience = resume.work.into_iter().enumerate().map(|(i, w)| self.work(w, i)).collect();
        profile.education = resume.education.into_iter().enumerate().map(|(i, e)| self.education(e, i)).collect();
        profile.honors = resume.awards.into_iter().enumerate().map(|(i, a)| self.award(a, i)).collect();
        profile.skills = resume
            .skills
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let skill = skill(clean(s.name), clean(s.level), cleaned(s.keywords));
                self.keep("skills", i, skill)
            })
            .collect();

        let publications: Vec<profile::Entry> = resume
            .publications
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let date = self.date(p.release_date, &format!("publications[{i}].releaseDate"));
                let name = self.keep("publications", i, clean(p.name))?;
                Some(entry(name, clean(p.publisher), None, (None, None, date), clean(p.url), clean(p.summary)))
            })
            .collect();
        let projects: Vec<profile::Entry> = resume
            .projects
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let (start, end) = self.range(p.start_date, p.end_date, &format!("projects[{i}]"), false);
                let by: Vec<String> = clean(p.entity).into_iter().chain(cleaned(p.roles)).collect();
                let name = self.keep("projects", i, clean(p.name))?;
                let mut project = entry(
                    name,
                    (!by.is_empty()).then(|| by.join(", ")),
                    None,
                    (start, end, None),
                    clean(p.url),
                    clean(p.description),
                );
                project.highlights = lines(p.highlights);
                let keywords = cleaned(p.keywords);
                if !keywords.is_empty() {
                    project.highlights.push(keywords.join(" · ").into());
                }
                Some(project)
            })
            .collect();
        let certificates: Vec<profile::Entry> = resume
            .certificates
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let date = self.date(c.date, &format!("certificates[{i}].date"));
                let name = self.keep("certificates", i, clean(c.name))?;
                Some(entry(name, clean(c.issuer), None, (None, None, date), clean(c.url), None))
            })
            .collect();
        let volunteer: Vec<profile::Entry> = resume
            .volunteer
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let (start, end) = self.range(v.start_date, v.end_date, &format!("volunteer[{i}]"), true);
                let organization = clean(v.organization).or(clean(v.name));
                let title = clean(v.position).or_else(|| organization.clone());
                let title = self.keep("volunteer", i, title)?;
                let mut item = entry(title, organization, clean(v.location), (start, end, None), clean(v.url), None);
                item.description = clean(v.summary);
                item.highlights = lines(v.highlights);
                Some(item)
            })
            .collect();
        let references: Vec<profile::Entry> = resume
            .references
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let name = self.keep("references", i, clean(r.name))?;
                Some(entry(name, None, None, (None, None, None), None, clean(r.reference)))
            })
            .collect();
        let languages: Vec<String> = resume
            .languages
            .into_iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let language = self.keep("languages", i, clean(l.language))?;
                Some(match clean(l.fluency) {
                    Some(fluency) => format!("{language} ({fluency})"),
                    None => language,
                })
            })
            .collect();
        let hobbies: Vec<String> = resume
            .interests
            .into_iter()
            .enumerate()
            .filter_map(|(index, i)| {
                let name = self.keep("interests", index, clean(i.name))?;
                let keywords = cleaned(i.keywords);
                Some(if keywords.is_empty() { name } else { format!("{name}: {}", keywords.join(", ")) })
            })
            .collect();

        let mut sections = Vec::new();
        let mut add = |id: &str, entries: Vec<profile::Entry>, items: Vec<String>| {
            if !entries.is_empty() || !items.is_empty() {
                // An empty title takes the CV language's title for the id.
                sections.push(CustomSection {
                    title: String::new(),
                    id: Some(id.to_owned()),
                    entries,
                    items,
                    text: None,
                });
            }
        };
        add("publications", publications, Vec::new());
        add("projects", projects, Vec::new());
        add("certificates", certificates, Vec::new());
        add("volunteer", volunteer, Vec::new());
        add("languages", Vec::new(), languages);
        add("hobbies", Vec::new(), hobbies);
        add("references", references, Vec::new());
        profile.sections = sections;

        if let Some(bib) = bib {
            let settings = serde_json::json!({"bib": bib, "owner": name});
            profile.publications =
                Some(serde_json::from_value(settings).expect("`bib` and `owner` are all publication settings need"));
        }
        profile
    }

    fn work(&mut self, w: Work, i: usize) -> profile::Experience {
        let (start, end) = self.range(w.start_date, w.end_date, &format!("work[{i}]"), true);
        // `description` says what the employer is (`Social Media Company`), `summary` what the
        // job was: the one line the CV has for it holds both, in that order.
        let description = match (clean(w.description), clean(w.summary)) {
            (Some(what), Some(job)) if what.ends_with(['.', '!', '?', ':']) => Some(format!("{what} {job}")),
            (Some(what), Some(job)) => Some(format!("{what}. {job}")),
            (what, job) => what.or(job),
        };
        profile::Experience {
            organization: clean(w.name).or(clean(w.company)).or(clean(w.organization)).unwrap_or_default(),
            position: clean(w.position).unwrap_or_default(),
            location: clean(w.location),
            start,
            end,
            date: None,
            topic: None,
            description,
            advisors: Vec::new(),
            highlights: lines(w.highlights),
            papers: Vec::new(),
        }
    }

    fn education(&mut self, e: Education, i: usize) -> profile::Education {
        let (start, end) = self.range(e.start_date, e.end_date, &format!("education[{i}]"), false);
        let words = &crate::locale::ENGLISH.words;
        let mut highlights = Vec::new();
        if let Some(score) = clean(e.score).or(clean(e.gpa)) {
            highlights.push(format!("{}{}{score}", words.score, words.colon));
        }
        let courses = cleaned(e.courses);
        if !courses.is_empty() {
            highlights.push(format!("{}{}{}", words.courses, words.colon, courses.join(", ")));
        }
        let (degree, area) = match (clean(e.study_type), clean(e.area)) {
            (Some(degree), area) => (degree, area),
            (None, Some(area)) => (area, None),
            (None, None) => (String::new(), None),
        };
        profile::Education {
            institution: clean(e.institution).unwrap_or_default(),
            degree,
            area,
            location: None,
            start,
            end,
            date: None,
            advisors: Vec::new(),
            thesis: None,
            highlights: highlights.into_iter().map(Into::into).collect(),
        }
    }

    fn award(&mut self, a: Award, i: usize) -> profile::Honor {
        profile::Honor {
            title: clean(a.title).unwrap_or_default(),
            organization: clean(a.awarder),
            date: self.date(a.date, &format!("awards[{i}].date")),
            start: None,
            end: None,
            note: clean(a.summary),
            papers: Vec::new(),
            url: None,
        }
    }

    /// A range; `ongoing`: a start without an end runs to the present (a job), else it is a
    /// single date (a project).
    fn range(
        &mut self,
        start: Option<String>,
        end: Option<String>,
        field: &str,
        ongoing: bool,
    ) -> (Option<DateField>, Option<DateField>) {
        let start = self.date(start, &format!("{field}.startDate"));
        let mut end = self.date(end, &format!("{field}.endDate"));
        if ongoing && start.is_some() && end.is_none() {
            end = Some(spanned("present".to_owned()));
        }
        (start, end)
    }

    /// A JSON Resume date (`2014`, `2014-12`, `2014-12-01`) as a profile date. A day is dropped:
    /// CVs date jobs and degrees by month.
    fn date(&mut self, text: Option<String>, field: &str) -> Option<DateField> {
        let text = clean(text)?;
        match PartialDate::parse(&text) {
            Ok(PartialDate::Known { year, month, .. }) => Some(spanned(match month {
                Some(m) => format!("{year:04}-{m:02}"),
                None => format!("{year:04}"),
            })),
            Ok(PartialDate::Present) => Some(spanned("present".to_owned())),
            Err(_) => {
                let span = self.span(field);
                self.diagnostics.push(
                    Diagnostic::error(format!("invalid date `{text}` in `{field}`"))
                        .at(self.path, span)
                        .hint("JSON Resume dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"),
                );
                None
            }
        }
    }
}

/// Places a social profile in the header's slot for its network or among the links; `false`
/// when it gives neither (no `url`, and no free slot for its `username`).
fn social_placed(profile: &mut Profile, social: SocialProfile) -> bool {
    let network = clean(social.network).unwrap_or_default();
    let username = clean(social.username);
    let url = clean(social.url);
    let slot = match network.to_ascii_lowercase().as_str() {
        "github" => Some(&mut profile.github),
        "linkedin" => Some(&mut profile.linkedin),
        "twitter" | "x" => Some(&mut profile.twitter),
        "orcid" => Some(&mut profile.orcid),
        "google scholar" | "scholar" | "googlescholar" => Some(&mut profile.scholar),
        _ => None,
    };
    match (slot, username) {
        (Some(slot), Some(user)) if slot.is_none() => *slot = Some(user.trim_start_matches('@').to_owned()),
        (_, username) => {
            let Some(url) = url else { return false };
            let label = if network.is_empty() { username.unwrap_or_else(|| url.clone()) } else { network };
            profile.links.push(profile::Link { label, url });
        }
    }
    true
}

/// A skill row: the name (with its level, `Simulation (Expert)`) over the keywords; a name
/// without keywords shows its level as the item (`Rust: Expert`), keywords without a name take
/// the level as their label. Nothing without a name or keywords.
fn skill(name: Option<String>, level: Option<String>, keywords: Vec<String>) -> Option<profile::Skill> {
    let (category, items) = match (name, level) {
        (Some(name), Some(level)) if !keywords.is_empty() => (format!("{name} ({level})"), keywords),
        (Some(name), level) if keywords.is_empty() => (name, level.into_iter().collect()),
        (Some(name), _) => (name, keywords),
        (None, Some(level)) if !keywords.is_empty() => (level, keywords),
        (None, _) => return None,
    };
    Some(profile::Skill { category, items })
}

fn spanned(text: String) -> DateField {
    Spanned::new(DateText(text), Location::UNKNOWN, Location::UNKNOWN)
}

fn entry(
    title: String,
    organization: Option<String>,
    location: Option<String>,
    (start, end, date): (Option<DateField>, Option<DateField>, Option<DateField>),
    url: Option<String>,
    description: Option<String>,
) -> profile::Entry {
    profile::Entry {
        title,
        organization,
        location,
        date,
        start,
        end,
        url,
        description,
        highlights: Vec::new(),
        papers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_it_makes_is_a_built_in_or_an_extra_section() {
        for id in ORDER {
            let known = crate::profile::SECTION_IDS.contains(id) || EXTRA_SECTION_IDS.contains(id);
            assert!(known, "`{id}` is in neither list, so no locale may title it");
        }
    }

    fn parse_ok(text: &str) -> Profile {
        let (profile, warnings) = parse(text, Path::new("resume.json"), None).unwrap_or_else(|d| panic!("{d:?}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        profile
    }

    #[test]
    fn work_description_and_skill_level_are_shown() {
        let p = parse_ok(
            r#"{"basics": {"name": "A"}, "work": [{"name": "Pied Piper", "description": "Compression company",
                "summary": "Led it."}, {"name": "Hooli", "description": "Search engine"}],
                "skills": [{"name": "Web", "level": "Master", "keywords": ["HTML", "CSS"]}, {"name": "Rust", "level": "Expert"},
                {"level": "Fluent", "keywords": ["Go"]}]}"#,
        );
        assert_eq!(p.experience[0].description.as_deref(), Some("Compression company. Led it."));
        assert_eq!(p.experience[1].description.as_deref(), Some("Search engine"));
        let skills: Vec<(&str, Vec<&str>)> =
            p.skills.iter().map(|s| (s.category.as_str(), s.items.iter().map(String::as_str).collect())).collect();
        assert_eq!(skills, [("Web (Master)", vec!["HTML", "CSS"]), ("Rust", vec!["Expert"]), ("Fluent", vec!["Go"])]);
    }

    #[test]
    fn control_characters_are_located_errors() {
        let text = "{\"basics\": {\"name\": \"A\u{7f}\"}}";
        let d = parse(text, Path::new("r.json"), None).unwrap_err();
        assert_eq!(d[0].message, "the profile contains a control character (U+007F)");
        assert_eq!(d[0].location.as_ref().unwrap().span, 22..23);
    }

    #[test]
    fn basics_become_the_header() {
        let p = parse_ok(
            r#"{"basics": {"name": " Ada Lovelace ", "label": "Analyst", "url": "https://ada.example",
                "location": {"city": "London", "countryCode": "GB"},
                "profiles": [{"network": "GitHub", "username": "ada"}, {"network": "Mastodon", "url": "https://m.example/@ada"}]},
                "unknownKey": 1}"#,
        );
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.headline.as_deref(), Some("Analyst"));
        assert_eq!(p.location.as_deref(), Some("London, GB"));
        assert_eq!(p.github.as_deref(), Some("ada"));
        assert_eq!(p.links[0].label, "Mastodon");
    }

    #[test]
    fn open_ended_work_runs_to_the_present_and_days_are_dropped() {
        let p = parse_ok(
            r#"{"basics": {"name": "A"}, "work": [{"name": "Org", "position": "P", "startDate": "2020-03-15"}]}"#,
        );
        let work = &p.experience[0];
        assert_eq!(work.start.as_ref().unwrap().value.0, "2020-03");
        assert_eq!(work.end.as_ref().unwrap().value.0, "present");
    }

    #[test]
    fn every_bad_date_is_reported() {
        let errors = parse(
            r#"{"basics": {"name": "A"}, "work": [{"startDate": "March 2020"}], "awards": [{"title": "T", "date": "2020/01"}]}"#,
            Path::new("r.json"),
            None,
        )
        .unwrap_err();
        let messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["invalid date `March 2020` in `work[0].startDate`", "invalid date `2020/01` in `awards[0].date`"]
        );
        // Each at its value.
        assert_eq!(errors[0].location.as_ref().unwrap().span, 49..61);
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse("{\n  \"basics\": {\"name\": \"A\",}\n}", Path::new("r.json"), None).unwrap_err();
        let location = error[0].location.as_ref().unwrap();
        // The `}` after the trailing comma, in the second line (which starts at byte 2).
        assert_eq!(location.span.start, 2 + 25, "{:?}", error[0]);
    }
}
