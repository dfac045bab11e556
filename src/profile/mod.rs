//! `profile.yaml`: the types a user writes ([`Profile`] and its parts) and [`parse`], which reads
//! them ([`yaml`]: parser limits, located errors) and checks them ([`validate`]).
//! A JSON Resume file is read into the same types by [`jsonresume`]; the `publications:` part
//! (bibliographies, owner, lists) is in [`publications`].
//!
//! A run may read several profile files, a variant and `--set`s ([`overlay::read`]): each file
//! is read into a located tree ([`tree`]), the trees are merged, then typed ([`typed`]), so every
//! value keeps the file, line and column it came from ([`origin`]); variants and entry tags are in
//! [`variant`], `--set` in [`set`].
//!
//! Every struct rejects unknown keys (a typo is an error with a "did you mean" hint), dates are
//! validated with their YAML location, and the order of top-level sections is kept as written so
//! the CV follows the file. This module parses text it is given; it never reads files.

mod bullet;
pub mod jsonresume;
pub mod origin;
pub mod overlay;
pub mod papers;
pub mod publications;
pub mod set;
pub mod tree;
pub mod typed;
pub mod validate;
pub mod variant;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub use self::publications::*;
pub use crate::category::Category;
pub use crate::date::{DateField, DateText};
use crate::diag::Diagnostic;
pub use bullet::{Bullet, NestedBullet};
pub use origin::Origin;

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
    // ECMA-262 (JSON Schema's regex dialect) has no inline `(?i)`: each letter takes both cases.
    #[schemars(regex(pattern = r"^([Ee][Nn]|[Dd][Ee]|[Ff][Rr]|[Ee][Ss]|[Zz][Hh])([-_][A-Za-z0-9]+)*$"))]
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
    /// A page budget: `cvgen pdf` and `cvgen check` warn when the CV runs to more pages (usually
    /// set in a variant: `variants: {short: {max_pages: 2}}`).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub max_pages: Option<Spanned<u32>>,
    /// Show only the tagged entries with one of these `tags` (entries without tags are always
    /// shown), in education, experience, honors, talks, service, teaching and custom sections.
    #[serde(default)]
    pub only_tags: Vec<String>,
    /// Leave out the entries with any of these `tags`.
    #[serde(default)]
    pub skip_tags: Vec<String>,
    /// Named variants of the CV, each a part of a profile merged over it when chosen with
    /// `--variant NAME` (`variants: {short: {max_pages: 2, hide: [talks], skip_tags: [minor]}}`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, variant::VariantSchema>")]
    pub variants: BTreeMap<String, serde::de::IgnoredAny>,
    /// Settings of `cvgen export`'s formats
    /// (`export: {markdown: {front_matter: {layout: page, permalink: /publications/}}}`).
    #[serde(default)]
    pub export: ExportSettings,

    /// Top-level keys in the order the file gives them (filled after parsing).
    #[serde(skip)]
    pub key_order: Vec<String>,
    /// The variant chosen with `--variant`, if any (filled after parsing).
    #[serde(skip)]
    pub variant: Option<String>,
    /// Where each value was written: the files, the command line and the located tree (filled
    /// after parsing).
    #[serde(skip)]
    pub origin: Origin,
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
    /// Further lines (honors, GPA); a line may carry sub-bullets (`{text: …, items: […]}`).
    #[serde(default)]
    pub highlights: Vec<Bullet>,
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
    /// Further lines; a line may carry sub-bullets (`{text: …, items: […]}`).
    #[serde(default)]
    pub highlights: Vec<Bullet>,
    /// Keys of papers it led to; each prints as its label (`[C18]`).
    #[serde(default)]
    pub papers: Vec<String>,
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
    /// Keys of the papers it is for; each prints as its label (`[I16]`).
    #[serde(default)]
    pub papers: Vec<String>,
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
    /// Further lines; a line may carry sub-bullets (`{text: …, items: […]}`).
    #[serde(default)]
    pub highlights: Vec<Bullet>,
    /// Keys of papers it led to; each prints as its label (`[C18]`).
    #[serde(default)]
    pub papers: Vec<String>,
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
    /// Body font size in points, from 6 to 20 (`profile::validate::DESIGN_RANGES`).
    #[serde(default)]
    #[schemars(range(min = 6, max = 20))]
    pub font_size: Option<f64>,
    /// Page margin in centimetres, from 0.5 to 5 (`profile::validate::DESIGN_RANGES`).
    #[serde(default)]
    #[schemars(range(min = 0.5, max = 5))]
    pub margin_cm: Option<f64>,
    /// When the last page would hold only a few lines, set the space between entries a little
    /// tighter so they fit on the page before (the default, `true`, for CVs of up to thirty pages);
    /// `false` keeps the theme's spacing whatever the last page holds.
    #[serde(default)]
    pub fit_last_page: Option<bool>,
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
    let layers = [overlay::Layer::new(path, text)];
    overlay::read(&layers, &overlay::Overrides::default(), None).map(|(profile, _)| profile)
}

/// Parses a profile: JSON Resume for a `.json` path, `profile.yaml` otherwise. With a JSON
/// Resume, `bib` (from `--bib`) becomes the publication list, the resume's name its owner.
/// A profile comes with its warnings (a JSON Resume's fields the CV leaves out). Several files,
/// a variant and `--set` are [`overlay::read`].
pub fn parse_any(text: &str, path: &Path, bib: Option<&Path>) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
    overlay::read(&[overlay::Layer::new(path, text)], &overlay::Overrides::default(), bib)
}

/// The built-in themes a profile may choose with `design.theme`, the default first; each is a
/// template embedded by the render module (`templates/THEME.typ`).
pub const THEMES: &[&str] = &["classic", "modern", "compact"];

/// The one theme check: `None` for a built-in theme, else the error for `theme` (with the
/// closest built-in theme, or the list of them). The profile's validation, the template's
/// resolution and `init --eject` all ask it.
pub fn unknown_theme(theme: &str) -> Option<Diagnostic> {
    if THEMES.contains(&theme) {
        return None;
    }
    let d = Diagnostic::error(format!("unknown theme `{theme}`"));
    Some(match crate::diag::closest(theme, THEMES.iter().copied()) {
        Some(best) => d.hint(format!("did you mean `{best}`?")),
        None => d.hint(format!("built-in themes: {}", THEMES.join(", "))),
    })
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

/// Settings of `cvgen export`'s formats.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    /// The Markdown page (`cvgen export --format markdown`).
    #[serde(default)]
    pub markdown: MarkdownSettings,
}

/// Settings of the Markdown page.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    /// Keys of the page's front matter, written after `title` as given, for the site's theme:
    /// al-folio's `{layout: page, permalink: /publications/, nav: true, nav_order: 2}`,
    /// academicpages' `{permalink: /publications/, author_profile: true}`, Hugo's
    /// `{weight: 20, menu: main}`. A `title` here replaces the section's.
    #[serde(default)]
    pub front_matter: BTreeMap<String, serde_json::Value>,
}

/// The id of a custom section: its `id`, or its title in lowercase with dashes.
pub fn custom_id(section: &CustomSection) -> String {
    section.id.clone().unwrap_or_else(|| section.title.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-"))
}

/// The JSON Schema of `profile.yaml` (draft 2020-12), generated from the types that parse it,
/// for completion and checks in editors (yaml-language-server).
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Profile)).expect("a schema is JSON");
    variant::extend_schema(&mut schema);
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
mod tests;
