//! The CV model: what templates see, built from a profile and a bibliography.
//!
//! Everything here is plain text and plain data, serialised to JSON for the template (`/cv.json`).
//! No Typst markup is ever produced, so nothing a user writes can be executed by the template.
//! The field-by-field reference is `docs/templates.md`. This module does no I/O.

pub mod publications;
pub mod typography;

use serde::Serialize;

use crate::bib::Bibliography;
use crate::date::{self, DateStyle, Day, PartialDate};
use crate::diag::Diagnostic;
use crate::locale;
use crate::profile::{self, Dated, Profile};

pub use publications::{Author, Group, LegendItem, LinkOut, Publication, PublicationList};

/// The whole CV, as `/cv.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Cv {
    /// Document metadata.
    pub meta: Meta,
    /// Page and type settings.
    pub design: DesignOut,
    /// The header.
    pub person: Person,
    /// Sections in display order.
    pub sections: Vec<Section>,
}

impl Cv {
    /// How many publications the CV lists, in all its publication sections.
    pub fn publication_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| match &s.body {
                SectionBody::Publications(list) => list.count,
                _ => 0,
            })
            .sum()
    }
}

/// Document metadata and footer facts.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// PDF title: `Name — Curriculum Vitae`.
    pub title: String,
    /// PDF author.
    pub author: String,
    /// PDF keywords.
    pub keywords: Vec<String>,
    /// Last-updated date, displayed (`November 29, 2026`).
    pub updated: String,
    /// Last-updated date, ISO (`2026-11-29`).
    pub updated_iso: String,
    /// Language code (`en`).
    pub lang: String,
    /// Words templates print (`page`, `of`, `Last updated`).
    pub words: Words,
    /// `cvgen 0.1.0`.
    pub generator: String,
}

/// Fixed words a template prints, in the CV's language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// The footer's page counter with `{page}` and `{total}` to replace (`page {page} of {total}`).
    pub page_of: String,
    /// Before a paper award (`Award`).
    pub award: String,
    /// After a truncated author list (`et al.`).
    pub et_al: String,
    /// Between the last two names of a list (`and`).
    pub conjunction: String,
    /// How many publications a shortened list shows, with `{shown}` and `{total}` to replace
    /// (`{shown} of {total}`).
    pub shown_of: String,
    /// `page`.
    pub page: String,
    /// `of`.
    pub of: String,
    /// `Last updated`.
    pub updated: String,
}

/// Page and type settings. A setting the profile leaves out is `null`: each theme has its own
/// default (the classic theme's serif, the modern theme's sans, the compact theme's small type).
#[derive(Debug, Clone, Serialize)]
pub struct DesignOut {
    /// Typst paper name: `us-letter` or `a4`.
    pub paper: String,
    /// Accent colour, `#rrggbb`, or `null`.
    pub accent: Option<String>,
    /// Body font family, or `null`.
    pub font: Option<String>,
    /// Body size in points, or `null`.
    pub font_size: Option<f64>,
    /// Page margin in centimetres, or `null`.
    pub margin_cm: Option<f64>,
    /// Owner emphasis in author lists: `bold`, `underline`, `bold_underline`, `italic`.
    pub highlight: profile::Highlight,
}

/// The CV header.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Name in native script, if given.
    pub native_name: Option<String>,
    /// One line under the name.
    pub headline: Option<String>,
    /// Contact items in display order.
    pub contacts: Vec<Contact>,
}

/// One contact item; `url` is absent for plain text (a location).
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// `email`, `website`, `github`, `scholar`, `orcid`, `linkedin`, `twitter`, `phone`,
    /// `location` or `link`.
    pub kind: String,
    /// What is printed.
    pub label: String,
    /// Where it links.
    pub url: Option<String>,
}

/// A section of the CV.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Stable id (`education`, or a custom section's id).
    pub id: String,
    /// Heading.
    pub title: String,
    /// The content, tagged by `kind`.
    #[serde(flatten)]
    pub body: SectionBody,
}

/// What a section holds; `kind` in JSON.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SectionBody {
    /// A paragraph.
    Text {
        /// The paragraph.
        text: String,
    },
    /// Plain lines.
    List {
        /// The lines.
        items: Vec<String>,
    },
    /// Dated entries.
    Entries {
        /// One line each (honors) rather than a block each (positions).
        compact: bool,
        /// The entries.
        entries: Vec<EntryOut>,
    },
    /// `label: items` rows.
    Skills {
        /// The rows.
        rows: Vec<SkillRow>,
    },
    /// The publication list.
    Publications(PublicationList),
}

/// A dated entry in any section.
#[derive(Debug, Clone, Serialize)]
pub struct EntryOut {
    /// First line, left (degree, position, honor).
    pub title: String,
    /// Second line or after the title (institution, organisation).
    pub subtitle: Option<String>,
    /// City, country.
    pub location: Option<String>,
    /// Right-aligned date text.
    pub date: Option<String>,
    /// A sentence or two.
    pub description: Option<String>,
    /// Bullet lines.
    pub details: Vec<String>,
    /// A link for the title.
    pub url: Option<String>,
}

/// One row of the skills section.
#[derive(Debug, Clone, Serialize)]
pub struct SkillRow {
    /// Category.
    pub label: String,
    /// Items.
    pub items: Vec<String>,
}

/// Inputs to [`build`] that are not in the profile or the bibliography.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The day the CV is made (fixed by `SOURCE_DATE_EPOCH`).
    pub today: Day,
}

/// Builds the model from the profile and the bibliography: [`publications::read`] then
/// [`assemble`]. Problems (an annotation past the author list) come back as diagnostics; the
/// model is still complete, without the faulty detail.
pub fn build(profile: &Profile, bib: &Bibliography, options: &BuildOptions) -> (Cv, Vec<Diagnostic>) {
    let publications = publications::read(profile.publications.as_ref(), bib);
    (assemble(profile, &publications, options), problems_shown(profile, &publications))
}

/// The problems of the publications the CV shows (none without a `publications` section).
pub fn problems_shown(profile: &Profile, publications: &[Publication]) -> Vec<Diagnostic> {
    let Some(settings) = &profile.publications else { return Vec::new() };
    publications.iter().filter(|p| publications::shown(p, settings)).flat_map(|p| p.problems.clone()).collect()
}

/// The CV from the profile and every publication as [`publications::read`] gave them.
pub fn assemble(profile: &Profile, all_publications: &[Publication], options: &BuildOptions) -> Cv {
    let lang = profile.locale.as_deref().and_then(locale::get).unwrap_or(&locale::ENGLISH);
    let locale = &lang.dates;
    let publications = profile.publications.as_ref().map(|settings| publications::list(all_publications, settings));

    let mut sections = Vec::new();
    for id in section_order(profile) {
        if profile.hide.contains(&id) {
            continue;
        }
        if let Some(section) = section(profile, &id, publications.as_ref(), lang) {
            sections.push(section);
        }
    }

    let today = options.today;
    let updated = PartialDate::Known { year: today.year, month: Some(today.month), day: Some(today.day) };
    let design = &profile.design;
    let cv = Cv {
        meta: Meta {
            title: format!("{} — Curriculum Vitae", profile.name),
            author: profile.name.clone(),
            keywords: if profile.keywords.is_empty() {
                let mut k = vec!["curriculum vitae".to_owned(), "CV".to_owned(), profile.name.clone()];
                k.extend(profile.interests.iter().take(3).cloned());
                k
            } else {
                profile.keywords.clone()
            },
            updated: updated.display_long(locale),
            updated_iso: today.iso(),
            lang: lang.code.to_owned(),
            words: Words {
                page_of: lang.words.page_of.to_owned(),
                award: lang.words.award.to_owned(),
                et_al: lang.words.et_al.to_owned(),
                conjunction: lang.words.and.to_owned(),
                shown_of: lang.words.shown_of.to_owned(),
                page: lang.words.page.to_owned(),
                of: lang.words.of.to_owned(),
                updated: lang.words.updated.to_owned(),
            },
            generator: format!("cvgen {}", env!("CARGO_PKG_VERSION")),
        },
        design: DesignOut {
            paper: match design.page_size {
                profile::PageSize::Letter => "us-letter".to_owned(),
                profile::PageSize::A4 => "a4".to_owned(),
            },
            accent: design.accent.as_ref().map(|a| format!("#{}", a.value.trim_start_matches('#'))),
            font: design.font.clone(),
            font_size: design.font_size,
            margin_cm: design.margin_cm,
            highlight: profile.publications.as_ref().map(|p| p.highlight).unwrap_or_default(),
        },
        person: Person {
            name: profile.name.clone(),
            native_name: profile.native_name.clone(),
            headline: profile.headline.clone(),
            contacts: contacts(profile),
        },
        sections,
    };
    let mut cv = cv;
    typography::polish_cv(&mut cv);
    cv
}

/// Section ids in display order: `section_order` if given, else the file's key order.
fn section_order(profile: &Profile) -> Vec<String> {
    if let Some(order) = &profile.section_order {
        return order.clone();
    }
    let mut order = Vec::new();
    for key in &profile.key_order {
        if key == "sections" {
            order.extend(profile.sections.iter().map(profile::custom_id));
        } else if profile::SECTION_IDS.contains(&key.as_str()) {
            order.push(key.clone());
        }
    }
    order
}

fn section(
    profile: &Profile,
    id: &str,
    publications: Option<&PublicationList>,
    lang: &locale::Locale,
) -> Option<Section> {
    let locale = &lang.dates;
    // `titles:` in the profile wins, then a title written in the profile (a custom section's,
    // `publications.title`), then the language's title for the id.
    let title = |written: Option<&str>| -> String {
        profile
            .titles
            .get(id)
            .cloned()
            .or_else(|| written.filter(|t| !t.trim().is_empty()).map(str::to_owned))
            .or_else(|| lang.title(id).map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    };
    let make = |title: String, body| Some(Section { id: id.to_owned(), title, body });
    let entries =
        |compact, entries: Vec<EntryOut>| (!entries.is_empty()).then_some(SectionBody::Entries { compact, entries });
    match id {
        "summary" => make(title(None), SectionBody::Text { text: profile.summary.clone()? }),
        "interests" if !profile.interests.is_empty() => {
            make(title(None), SectionBody::List { items: profile.interests.clone() })
        }
        "education" => {
            make(title(None), entries(false, profile.education.iter().map(|e| education(e, lang)).collect())?)
        }
        "experience" => {
            make(title(None), entries(false, profile.experience.iter().map(|e| experience(e, lang)).collect())?)
        }
        "honors" => make(title(None), entries(true, profile.honors.iter().map(|h| honor(h, locale)).collect())?),
        "service" => make(title(None), entries(true, profile.service.iter().map(|e| entry(e, locale)).collect())?),
        "teaching" => make(title(None), entries(false, profile.teaching.iter().map(|e| entry(e, locale)).collect())?),
        "talks" => make(title(None), entries(true, profile.talks.iter().map(|e| entry(e, locale)).collect())?),
        "skills" if !profile.skills.is_empty() => make(
            title(None),
            SectionBody::Skills {
                rows: profile
                    .skills
                    .iter()
                    .map(|s| SkillRow { label: s.category.clone(), items: s.items.clone() })
                    .collect(),
            },
        ),
        // Without a bibliography, a custom section may carry the id (JSON Resume's publications).
        "publications" if publications.is_some() => {
            let list = localize_publications(publications?.clone(), lang);
            let written = profile.publications.as_ref().and_then(|p| p.title.as_deref());
            make(title(written), SectionBody::Publications(list))
        }
        _ => {
            let custom = profile.sections.iter().find(|s| profile::custom_id(s) == id)?;
            let body = if let Some(text) = &custom.text {
                SectionBody::Text { text: text.clone() }
            } else if !custom.items.is_empty() {
                SectionBody::List { items: custom.items.clone() }
            } else {
                SectionBody::Entries {
                    compact: false,
                    entries: custom.entries.iter().map(|e| entry(e, locale)).collect(),
                }
            };
            make(title(Some(&custom.title)), body)
        }
    }
}

/// Group titles and legend meanings in the CV's language (the list is built in English).
fn localize_publications(mut list: PublicationList, lang: &locale::Locale) -> PublicationList {
    for group in &mut list.groups {
        let category = locale::ENGLISH.groups.iter().find(|(_, english)| *english == group.title);
        if let Some(title) = category.and_then(|(category, _)| lang.group(category)) {
            group.title = title.to_owned();
        }
    }
    for item in &mut list.legend {
        match item.symbol.as_str() {
            "*" => item.meaning = lang.words.equal.to_owned(),
            "†" => item.meaning = lang.words.corresponding.to_owned(),
            _ => {}
        }
    }
    list
}

/// Display text of the dates of `item` (already validated): its `date`, else its range.
fn dates(item: &dyn Dated, style: &DateStyle) -> Option<String> {
    let [start, end, single] = item.dates();
    let parse = |f: &Option<profile::DateField>| f.as_ref().and_then(|d| PartialDate::parse(&d.value.0).ok());
    match parse(single) {
        Some(d) => Some(d.display(style)),
        None => date::display_range(parse(start), parse(end), style),
    }
}

fn education(e: &profile::Education, lang: &locale::Locale) -> EntryOut {
    let (words, locale) = (&lang.words, &lang.dates);
    let title = match &e.area {
        Some(area) => words.degree_in.replace("{degree}", &e.degree).replace("{area}", area),
        None => e.degree.clone(),
    };
    let mut details = Vec::new();
    if let Some(thesis) = &e.thesis {
        details.push(format!("{}{}{thesis}", words.thesis, words.colon));
    }
    if !e.advisors.is_empty() {
        let word = if e.advisors.len() > 1 { words.advisors } else { words.advisor };
        details.push(format!("{word}{}{}", words.colon, e.advisors.join(&format!(" {} ", words.and))));
    }
    details.extend(e.highlights.iter().cloned());
    EntryOut {
        title,
        subtitle: Some(e.institution.clone()),
        location: e.location.clone(),
        date: dates(e, locale),
        description: None,
        details,
        url: None,
    }
}

fn experience(e: &profile::Experience, lang: &locale::Locale) -> EntryOut {
    let (words, locale) = (&lang.words, &lang.dates);
    let mut details = Vec::new();
    if let Some(topic) = &e.topic {
        details.push(format!("{}{}{topic}", words.topic, words.colon));
    }
    if !e.advisors.is_empty() {
        let word = if e.advisors.len() > 1 { words.mentors } else { words.mentor };
        details.push(format!("{word}{}{}", words.colon, e.advisors.join(", ")));
    }
    details.extend(e.highlights.iter().cloned());
    EntryOut {
        title: e.position.clone(),
        subtitle: Some(e.organization.clone()),
        location: e.location.clone(),
        date: dates(e, locale),
        description: e.description.clone(),
        details,
        url: None,
    }
}

fn honor(h: &profile::Honor, locale: &DateStyle) -> EntryOut {
    EntryOut {
        title: h.title.clone(),
        subtitle: h.organization.clone(),
        location: None,
        date: dates(h, locale),
        description: h.note.clone(),
        details: Vec::new(),
        url: h.url.clone(),
    }
}

fn entry(e: &profile::Entry, locale: &DateStyle) -> EntryOut {
    EntryOut {
        title: e.title.clone(),
        subtitle: e.organization.clone(),
        location: e.location.clone(),
        date: dates(e, locale),
        description: e.description.clone(),
        details: e.highlights.clone(),
        url: e.url.clone(),
    }
}

fn contacts(profile: &Profile) -> Vec<Contact> {
    let mut out = Vec::new();
    let mut push =
        |kind: &str, label: String, url: Option<String>| out.push(Contact { kind: kind.to_owned(), label, url });
    if let Some(email) = &profile.email {
        push("email", email.clone(), Some(format!("mailto:{email}")));
    }
    if let Some(phone) = &profile.phone {
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        push("phone", phone.clone(), Some(format!("tel:{digits}")));
    }
    if let Some(site) = &profile.website {
        let label = site.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
        push("website", label, Some(site.clone()));
    }
    if let Some(user) = &profile.github {
        push("github", format!("github.com/{user}"), Some(format!("https://github.com/{user}")));
    }
    if let Some(id) = &profile.scholar {
        push("scholar", "Google Scholar".to_owned(), Some(format!("https://scholar.google.com/citations?user={id}")));
    }
    if let Some(id) = &profile.orcid {
        push("orcid", format!("ORCID {id}"), Some(format!("https://orcid.org/{id}")));
    }
    if let Some(user) = &profile.linkedin {
        push("linkedin", format!("linkedin.com/in/{user}"), Some(format!("https://www.linkedin.com/in/{user}")));
    }
    if let Some(user) = &profile.twitter {
        push("twitter", format!("@{user}"), Some(format!("https://x.com/{user}")));
    }
    for link in &profile.links {
        push("link", link.label.clone(), Some(link.url.clone()));
    }
    if let Some(location) = &profile.location {
        push("location", location.clone(), None);
    }
    out
}
