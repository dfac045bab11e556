//! The CV as a JSON Resume 1.0 document (jsonresume.org; al-folio's `assets/json/resume.json`,
//! academicpages' `_data/cv.json`): the inverse of the reader in `crate::profile::jsonresume`,
//! field for field where both have a place.
//!
//! | the CV | JSON Resume |
//! | --- | --- |
//! | name, headline, e-mail, phone, website, location, summary | `basics` (`label`, `url`, `location.city`) |
//! | GitHub, Scholar, ORCID, LinkedIn, X, links | `basics.profiles` |
//! | experience | `work` (details as `highlights`) |
//! | education | `education` (`studyType` the degree) |
//! | honors | `awards` |
//! | every publication list | `publications` (authors with their marks, awards and the note, as `summary`) |
//! | skills | `skills` |
//! | interests | `interests` |
//! | service | `volunteer` |
//! | talks, teaching, custom sections of entries | `projects` (`type` says which) |
//! | the sections a JSON Resume gave (`certificates`, `languages`, `references`, …) | their own lists again |
//!
//! The sections follow the model: hidden ones are not written. Text is the model's plain text
//! (rich text without its looks, citations as their labels); dates are the profile's, as ISO 8601
//! at the precision written. What JSON Resume has no field for (a degree's thesis and advisors,
//! a custom paragraph) is named in one warning. Pure.

use serde::Serialize;

use super::shared::{self, LeftOut, is_present, iso_field};
use super::{Exported, Source};
use crate::model::{EntryOut, SectionBody};
use crate::profile::{self, Entry, Profile};

/// Where the schema of the version written is published.
const SCHEMA: &str = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

#[derive(Debug, Default, Serialize)]
struct Resume {
    #[serde(rename = "$schema")]
    schema: &'static str,
    basics: Basics,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    work: Vec<Work>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    volunteer: Vec<Volunteer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    education: Vec<Education>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    awards: Vec<Award>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    certificates: Vec<Certificate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    publications: Vec<PublicationOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skills: Vec<Skill>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    languages: Vec<Language>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    interests: Vec<Interest>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    projects: Vec<Project>,
    meta: Meta,
}

#[derive(Debug, Default, Serialize)]
struct Basics {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    profiles: Vec<SocialProfile>,
}

#[derive(Debug, Default, Serialize)]
struct Location {
    city: String,
}

#[derive(Debug, Default, Serialize)]
struct SocialProfile {
    network: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Work {
    name: String,
    position: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    highlights: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Volunteer {
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<String>,
    position: String,
    /// Not in the schema's own fields, which allows more (`additionalProperties`): kept, as
    /// `work.location` is, rather than dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    highlights: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Education {
    institution: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    study_type: String,
    /// Not in the schema's own fields, which allows more (`additionalProperties`): kept, as
    /// `work.location` is, rather than dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Award {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    awarder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Certificate {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicationOut {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    release_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Skill {
    name: String,
    keywords: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
struct Language {
    language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fluency: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Interest {
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
struct Reference {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Project {
    name: String,
    /// Not in the schema's own fields, which allows more (`additionalProperties`): kept, as
    /// `work.location` is, rather than dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    highlights: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    version: &'static str,
    last_modified: String,
}

/// The CV as a JSON Resume.
pub fn export(source: &Source) -> Exported {
    let (profile, cv) = (source.profile, source.cv);
    let mut left = LeftOut::new("the JSON Resume");
    let mut resume = Resume {
        schema: SCHEMA,
        basics: basics(profile, cv.person.headline.clone()),
        meta: Meta { version: "v1.0.0", last_modified: format!("{}T00:00:00", cv.meta.updated_iso) },
        ..Resume::default()
    };
    if profile.native_name.is_some() {
        left.add("the name in its native script (`native_name`)".to_owned());
    }
    let mut count = 0;
    for section in &cv.sections {
        let id = section.id.as_str();
        if section.intro.is_some() {
            left.add(format!("the paragraph before the entries of `{}`", section.title));
        }
        match &section.body {
            SectionBody::Text { text, .. } if id == "summary" => resume.basics.summary = Some(text.clone()),
            SectionBody::Text { .. } => left.add(format!("the section `{}` (a paragraph)", section.title)),
            SectionBody::List { items, .. } => match id {
                "languages" => resume.languages.extend(items.iter().map(|i| language(i))),
                // Research interests are lines; hobbies came from a JSON Resume's `interests`.
                "interests" => {
                    resume.interests.extend(items.iter().map(|i| Interest { name: i.clone(), keywords: Vec::new() }))
                }
                "hobbies" => resume.interests.extend(items.iter().map(|i| interest(i))),
                _ => left.add(format!("the section `{}` (a list)", section.title)),
            },
            SectionBody::Skills { rows } => {
                resume.skills.extend(rows.iter().map(|r| Skill { name: r.label.clone(), keywords: r.items.clone() }))
            }
            SectionBody::Publications(_) => {}
            SectionBody::Entries { entries, .. } => match id {
                "experience" => {
                    resume.work.extend(entries.iter().zip(&profile.experience).map(|(e, x)| work(e, x)));
                }
                "education" => {
                    for (e, degree) in entries.iter().zip(&profile.education) {
                        if !e.details.is_empty() {
                            left.add("a degree's thesis, advisors and highlights".to_owned());
                        }
                        resume.education.push(education(degree));
                    }
                }
                "honors" => {
                    for (e, h) in entries.iter().zip(&profile.honors) {
                        // An award has one `date` (the range's end) and no link.
                        if h.start.is_some() && (h.end.is_some() || h.date.is_some()) {
                            left.add("the first year (`start`) of a multi-year honor".to_owned());
                        }
                        if h.url.is_some() {
                            left.add("an honor's `url`".to_owned());
                        }
                        resume.awards.push(award(e, h));
                    }
                }
                "service" => {
                    resume.volunteer.extend(entries.iter().zip(&profile.service).map(|(e, x)| volunteer(e, x)))
                }
                "talks" | "teaching" => {
                    let written = if id == "talks" { &profile.talks } else { &profile.teaching };
                    let kind = if id == "talks" { "talk" } else { "teaching" };
                    resume.projects.extend(entries.iter().zip(written).map(|(e, x)| project(e, x, kind)));
                }
                _ => {
                    let written = profile.sections.iter().find(|s| profile::custom_id(s) == id);
                    let items = written.map(|s| s.entries.as_slice()).unwrap_or_default();
                    custom(&mut resume, id, &section.title, entries, items, &mut count);
                }
            },
        }
    }
    let words = &cv.meta.words;
    for p in shared::listed(cv) {
        let doi = p.links.iter().filter(|l| l.label == "DOI");
        let url = doi.chain(&p.links).find_map(|l| shared::safe_url(&l.url));
        let mut summary = shared::authors_line(p, words, &cv.meta.lang);
        for award in &p.awards {
            summary.push_str(&format!(". {}: {}", words.award, award.name));
        }
        if let Some(note) = &p.note {
            summary.push_str(if summary.is_empty() { "" } else { ". " });
            summary.push_str(note);
        }
        resume.publications.push(PublicationOut {
            name: p.title.clone(),
            publisher: p.venue.clone(),
            release_date: shared::publication_date(p),
            url,
            summary: (!summary.is_empty()).then_some(summary),
        });
        count += 1;
    }
    let mut text = serde_json::to_string_pretty(&resume).expect("a resume of strings is JSON");
    text.push('\n');
    Exported { text, diagnostics: left.warning().into_iter().collect(), publications: count }
}

fn basics(profile: &Profile, label: Option<String>) -> Basics {
    let mut profiles = Vec::new();
    let mut social = |network: &str, username: &Option<String>, url: &dyn Fn(&str) -> String| {
        if let Some(user) = username {
            profiles.push(SocialProfile {
                network: network.to_owned(),
                username: Some(user.clone()),
                url: Some(url(user)),
            });
        }
    };
    social("GitHub", &profile.github, &|u| format!("https://github.com/{u}"));
    social("Google Scholar", &profile.scholar, &|u| format!("https://scholar.google.com/citations?user={u}"));
    social("ORCID", &profile.orcid, &|u| format!("https://orcid.org/{u}"));
    social("LinkedIn", &profile.linkedin, &|u| format!("https://www.linkedin.com/in/{u}"));
    social("X", &profile.twitter, &|u| format!("https://x.com/{u}"));
    for link in &profile.links {
        if let Some(url) = shared::safe_url(&link.url) {
            profiles.push(SocialProfile { network: link.label.clone(), username: None, url: Some(url) });
        }
    }
    Basics {
        name: profile.name.clone(),
        label,
        email: profile.email.clone(),
        phone: profile.phone.clone(),
        url: profile.website.as_deref().and_then(shared::safe_url),
        summary: None,
        location: profile.location.clone().map(|city| Location { city }),
        profiles,
    }
}

/// The start and end of a dated item (a single `date` is both), as JSON Resume writes them: an
/// end of `present` is left out (the item is ongoing).
fn range(dates: [&Option<profile::DateField>; 3]) -> (Option<String>, Option<String>) {
    let [start, end, single] = dates;
    if single.is_some() {
        return (iso_field(single), None);
    }
    let end = if is_present(end) { None } else { iso_field(end) };
    (iso_field(start), end)
}

/// An entry's bullet lines; JSON Resume has no sub-bullets, so a line's sub-bullets follow it
/// on the same line, separated by `;` (`Wrote the Notes: Note A; Note G`).
fn highlights(e: &EntryOut) -> Vec<String> {
    e.details
        .iter()
        .enumerate()
        .map(|(i, line)| match e.subdetails.get(i).filter(|sub| !sub.is_empty()) {
            Some(sub) => format!("{line} {}", sub.join("; ")),
            None => line.clone(),
        })
        .collect()
}

fn work(e: &EntryOut, x: &profile::Experience) -> Work {
    let (start_date, end_date) = range([&x.start, &x.end, &x.date]);
    Work {
        name: e.subtitle.clone().unwrap_or_default(),
        position: e.title.clone(),
        location: e.location.clone(),
        start_date,
        end_date,
        summary: e.description.clone(),
        highlights: highlights(e),
    }
}

fn education(degree: &profile::Education) -> Education {
    // A degree dated once (the year it was awarded) ends then.
    let (start_date, end_date) = match &degree.date {
        Some(_) => (None, iso_field(&degree.date)),
        None => range([&degree.start, &degree.end, &degree.date]),
    };
    Education {
        institution: degree.institution.clone(),
        area: degree.area.clone(),
        location: degree.location.clone(),
        study_type: degree.degree.clone(),
        start_date,
        end_date,
    }
}

fn award(e: &EntryOut, h: &profile::Honor) -> Award {
    let date = [&h.date, &h.end, &h.start].into_iter().find_map(iso_field);
    Award { title: e.title.clone(), date, awarder: e.subtitle.clone(), summary: e.description.clone() }
}

fn volunteer(e: &EntryOut, x: &Entry) -> Volunteer {
    let (start_date, end_date) = range([&x.start, &x.end, &x.date]);
    Volunteer {
        organization: e.subtitle.clone(),
        position: e.title.clone(),
        location: e.location.clone(),
        url: e.url.as_deref().and_then(shared::safe_url),
        start_date,
        end_date,
        summary: e.description.clone(),
        highlights: highlights(e),
    }
}

fn project(e: &EntryOut, x: &Entry, kind: &str) -> Project {
    let (start_date, end_date) = range([&x.start, &x.end, &x.date]);
    Project {
        name: e.title.clone(),
        location: e.location.clone(),
        description: e.description.clone(),
        highlights: highlights(e),
        start_date,
        end_date,
        url: e.url.as_deref().and_then(shared::safe_url),
        entity: e.subtitle.clone(),
        kind: (!kind.is_empty()).then(|| kind.to_owned()),
    }
}

/// A custom section of entries: back to its own list when it came from a JSON Resume
/// (`certificates`, `volunteer`, …), else projects typed with its title.
fn custom(resume: &mut Resume, id: &str, title: &str, entries: &[EntryOut], items: &[Entry], count: &mut usize) {
    for (e, x) in entries.iter().zip(items) {
        let (start_date, end_date) = range([&x.start, &x.end, &x.date]);
        let url = e.url.as_deref().and_then(shared::safe_url);
        match id {
            "certificates" => resume.certificates.push(Certificate {
                name: e.title.clone(),
                date: start_date.or(end_date),
                issuer: e.subtitle.clone(),
                url,
            }),
            "volunteer" => resume.volunteer.push(volunteer(e, x)),
            "references" => {
                resume.references.push(Reference { name: e.title.clone(), reference: e.description.clone() })
            }
            "publications" => {
                resume.publications.push(PublicationOut {
                    name: e.title.clone(),
                    publisher: e.subtitle.clone(),
                    release_date: start_date.or(end_date),
                    url,
                    summary: e.description.clone(),
                });
                *count += 1;
            }
            "projects" => resume.projects.push(project(e, x, "")),
            _ => resume.projects.push(project(e, x, title)),
        }
    }
}

/// `Polish (Native speaker)` as a language and its fluency.
fn language(item: &str) -> Language {
    match item.strip_suffix(')').and_then(|rest| rest.rsplit_once(" (")) {
        Some((language, fluency)) => Language { language: language.to_owned(), fluency: Some(fluency.to_owned()) },
        None => Language { language: item.to_owned(), fluency: None },
    }
}

/// `Mountaineering: Alps, Tatra` as an interest and its keywords; a line without a colon is the
/// interest alone.
fn interest(item: &str) -> Interest {
    match item.split_once(": ") {
        Some((name, keywords)) if !name.is_empty() => Interest {
            name: name.to_owned(),
            keywords: keywords.split(", ").map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect(),
        },
        _ => Interest { name: item.to_owned(), keywords: Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_interests_split_as_the_reader_joined_them() {
        let l = language("Polish (Native speaker)");
        assert_eq!((l.language.as_str(), l.fluency.as_deref()), ("Polish", Some("Native speaker")));
        assert_eq!(language("Rust").fluency, None);
        let i = interest("Mountaineering: Alps, Tatra");
        assert_eq!((i.name.as_str(), i.keywords.len()), ("Mountaineering", 2));
        assert_eq!(interest("Efficient AI: theory").keywords, ["theory"]);
        assert!(interest("Plain line").keywords.is_empty());
    }
}
