//! `profile.yaml`: the types a user writes ([`Profile`] and its parts) and [`parse`], which reads
//! them ([`yaml`]: parser limits, key order, located errors) and checks them ([`validate`]).
//! A JSON Resume file is read into the same types by [`jsonresume`].
//!
//! Every struct rejects unknown keys (a typo is an error with a "did you mean" hint), dates are
//! validated with their YAML location, and the order of top-level sections is kept as written so
//! the CV follows the file. This module parses text it is given; it never reads files.

pub mod jsonresume;
pub mod validate;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub use crate::category::Category;
pub use crate::date::{DateField, DateText};
use crate::diag::Diagnostic;

/// A parsed and validated `profile.yaml`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
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
    /// Language of section titles, fixed words and dates: `en`, `de`, `fr`, `es` or `zh`.
    #[serde(default)]
    #[schemars(regex(pattern = r"^(?i)(en|de|fr|es|zh)([-_][A-Za-z0-9]+)*$"))]
    pub locale: Option<String>,
    /// Section titles to use instead of the language's, by section id
    /// (`titles: {publications: Selected Papers}`).
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
    /// Sections to leave out, by id (`hide: [talks, service]`); the others keep their order.
    #[serde(default)]
    pub hide: Vec<String>,
    /// Keywords for the PDF metadata.
    #[serde(default)]
    pub keywords: Vec<String>,

    /// Top-level keys in the order the file gives them (filled after parsing).
    #[serde(skip)]
    pub key_order: Vec<String>,
}

/// A labelled link.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the reader sees.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// A degree.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
    #[schemars(with = "Option<DateText>")]
    pub start: Option<DateField>,
    /// Last year (or `present`).
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub end: Option<DateField>,
    /// A single date (e.g. graduation year) instead of a range.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
    #[schemars(with = "Option<DateText>")]
    pub start: Option<DateField>,
    /// Last month (or `present`).
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub end: Option<DateField>,
    /// A single date instead of a range.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub date: Option<DateField>,
    /// Research topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// A sentence or two about the role.
    #[serde(default)]
    pub description: Option<String>,
    /// Mentors or hosts, as they should be printed.
    #[serde(default)]
    pub advisors: Vec<String>,
    /// Further lines.
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// An honor or award.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Honor {
    /// Name of the honor.
    pub title: String,
    /// Who gave it (conference, university, company).
    #[serde(default)]
    pub organization: Option<String>,
    /// When.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub date: Option<DateField>,
    /// First year of a multi-year honor.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub start: Option<DateField>,
    /// Last year of a multi-year honor.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub end: Option<DateField>,
    /// A remark (`38 out of 150+`).
    #[serde(default)]
    pub note: Option<String>,
    /// A page about it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A generic dated entry (service, teaching, talks, custom sections).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
    #[schemars(with = "Option<DateText>")]
    pub date: Option<DateField>,
    /// Start of a range.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub start: Option<DateField>,
    /// End of a range (or `present`).
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// Category (`Languages`).
    pub category: String,
    /// The skills in it.
    pub items: Vec<String>,
}

/// A section the built-in ones don't cover.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationSettings {
    /// The bibliography: a BibTeX (or CSL-JSON) file relative to the profile, or a list of them,
    /// each a path or `{path: arxiv.bib, category: preprint}` (the category of its entries unless
    /// an entry says otherwise).
    #[serde(deserialize_with = "bib_sources")]
    #[schemars(with = "BibSourcesSchema")]
    pub bib: Vec<BibSource>,
    /// The owner's name variants, matched against author lists.
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
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
    /// How author names are printed: `dotted` (the default) gives a lone initial its period
    /// (`David Z. Pan`) and splits run-together initials (`Morris, CL` → `C. L. Morris`);
    /// `as_written` prints them as the bibliography has them.
    #[serde(default)]
    pub names: NameStyle,
    /// Titles in title case (`Light in AI: A Tutorial`), keeping words in braces and acronyms
    /// as written; for bibliographies (Google Scholar's) that lowercase titles. Off by default.
    #[serde(default)]
    pub title_case: bool,
    /// Venues by their full name (or a pattern with `*`): the short name shown as the badge and
    /// the category, ahead of the built-in venue table
    /// (`venues: {"Photonics West*": {short: SPIE PW, category: conference}}`).
    #[serde(default)]
    pub venues: BTreeMap<String, VenueSetting>,
    /// Keep a preprint in the CV when a published paper has the same title (by default the
    /// preprint is left out, with a warning).
    #[serde(default)]
    pub keep_preprint_duplicates: bool,
}

fn yes() -> bool {
    true
}

/// One bibliography file of `publications.bib`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BibSource {
    /// The file, relative to the profile.
    pub path: PathBuf,
    /// The category of its entries, unless an entry's own `category` field says otherwise.
    #[serde(default)]
    pub category: Option<Category>,
}

/// `publications.bib`'s schema: a path, or a list of paths and `{path, category}`.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum BibSourcesSchema {
    /// One file.
    One(PathBuf),
    /// Several files.
    Many(Vec<BibSourceSchema>),
}

/// One file of the list.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum BibSourceSchema {
    /// A path.
    Path(PathBuf),
    /// A path with the default category of its entries.
    WithCategory(BibSource),
}

fn bib_sources<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<BibSource>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Source {
        Path(PathBuf),
        WithCategory(BibSource),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Sources {
        One(PathBuf),
        Many(Vec<Source>),
    }
    Ok(match Sources::deserialize(deserializer)? {
        Sources::One(path) => vec![BibSource { path, category: None }],
        Sources::Many(list) => list
            .into_iter()
            .map(|s| match s {
                Source::Path(path) => BibSource { path, category: None },
                Source::WithCategory(source) => source,
            })
            .collect(),
    })
}

/// How author names are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameStyle {
    /// Initials with periods (`David Z. Pan`, `C. L. Morris`).
    #[default]
    Dotted,
    /// As the bibliography writes them.
    AsWritten,
}

/// A venue of the profile's `venues` map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VenueSetting {
    /// The short name shown as the badge (`MLSys`).
    #[serde(default)]
    pub short: Option<String>,
    /// The category of its papers.
    #[serde(default)]
    pub category: Option<Category>,
}

/// One name or a list of names (the schema of `publications.owner`).
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    /// One name.
    One(String),
    /// Several variants.
    Many(Vec<String>),
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Built-in theme: `classic` (the default), `modern` or `compact`.
    #[serde(default)]
    #[schemars(extend("enum" = ["classic", "modern", "compact"]))]
    pub theme: Option<String>,
    /// A Typst template of your own, relative to the profile (overrides `theme`).
    #[serde(default)]
    pub template: Option<PathBuf>,
    /// `a4` or `letter`.
    #[serde(default)]
    pub page_size: PageSize,
    /// Accent colour as `#rrggbb`.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^#?[0-9a-fA-F]{6}$"))]
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

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// US Letter (the default: most academic job portals are American).
    #[default]
    Letter,
    /// ISO A4.
    A4,
}

/// Parses and validates a profile written in YAML. `path` is only used to locate diagnostics.
pub fn parse(text: &str, path: &Path) -> Result<Profile, Vec<Diagnostic>> {
    let profile = yaml::read(text, path)?;
    let diagnostics = validate::validate(&profile, text, path);
    if diagnostics.iter().any(Diagnostic::is_error) { Err(diagnostics) } else { Ok(profile) }
}

/// Parses a profile: JSON Resume for a `.json` path, `profile.yaml` otherwise. With a JSON
/// Resume, `bib` (from `--bib`) becomes the publication list, the resume's name its owner.
/// A profile comes with its warnings (a JSON Resume's fields the CV leaves out).
pub fn parse_any(text: &str, path: &Path, bib: Option<&Path>) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
    if jsonresume::is_json_resume(path) {
        jsonresume::parse(text, path, bib)
    } else {
        parse(text, path).map(|profile| (profile, Vec::new()))
    }
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

/// The id of a custom section: its `id`, or its title in lowercase with dashes.
pub fn custom_id(section: &CustomSection) -> String {
    section.id.clone().unwrap_or_else(|| section.title.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-"))
}

/// The JSON Schema of `profile.yaml` (draft 2020-12), generated from the types that parse it,
/// for completion and checks in editors (yaml-language-server).
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Profile)).expect("a schema is JSON");
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), "cvgen profile.yaml".into());
        object.insert(
            "description".into(),
            "Who you are, for cvgen: the CV's sections, where the publications come from and how the PDF looks.".into(),
        );
    }
    schema
}

/// Something dated with the profile's three date keys: a range (`start`, `end`) or one `date`.
pub trait Dated {
    /// `start`, `end` and `date`, as written.
    fn dates(&self) -> [&Option<DateField>; 3];
}

macro_rules! dated {
    ($($kind:ty),*) => {$(
        impl Dated for $kind {
            fn dates(&self) -> [&Option<DateField>; 3] {
                [&self.start, &self.end, &self.date]
            }
        }
    )*};
}
dated!(Education, Experience, Honor, Entry);

impl Profile {
    /// Every dated item of the profile, section by section (custom sections last).
    pub fn dated(&self) -> impl Iterator<Item = &dyn Dated> {
        let education = self.education.iter().map(|e| e as &dyn Dated);
        let experience = self.experience.iter().map(|e| e as &dyn Dated);
        let honors = self.honors.iter().map(|e| e as &dyn Dated);
        let entries = self
            .service
            .iter()
            .chain(&self.teaching)
            .chain(&self.talks)
            .chain(self.sections.iter().flat_map(|s| &s.entries))
            .map(|e| e as &dyn Dated);
        education.chain(experience).chain(honors).chain(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_titles_every_section() {
        for locale in crate::locale::LOCALES {
            for id in SECTION_IDS.iter().chain(jsonresume::EXTRA_SECTION_IDS) {
                assert!(locale.title(id).is_some(), "{} has no title for `{id}`", locale.code);
            }
        }
    }
}
