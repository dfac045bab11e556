//! The CV model: what templates see, built from a profile and a bibliography.
//!
//! Everything here is plain text and plain data, serialised to JSON for the template (`/cv.json`).
//! No Typst markup is ever produced, so nothing a user writes can be executed by the template.
//! The field-by-field reference is `docs/templates.md`. This module does no I/O.

pub mod citations;
pub mod cite;
pub mod coauthors;
pub mod publications;
pub mod rich;
pub mod sections;
pub mod typography;

use serde::Serialize;

use crate::bib::Bibliography;
use crate::date::{Day, PartialDate};
use crate::diag::Diagnostic;
use crate::locale;
use crate::profile::{self, Profile};

pub use publications::{Author, Group, LegendItem, LinkOut, Publication, PublicationList};
pub use rich::Span;
use sections::Texts;
pub use sections::{CiteProblem, TextFindings, Unresolved};

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
    /// The citation summary (total, h-index, source, date) when the profile names a citation
    /// counts file (`publications.citations`): printed once, under the first publications
    /// heading. `null` without one.
    pub citations: Option<citations::CitationSummary>,
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
    /// `to appear`, after the venue of an accepted paper not out yet.
    pub to_appear: String,
    /// `page`.
    pub page: String,
    /// `of`.
    pub of: String,
    /// `Last updated`.
    pub updated: String,
    /// How often a paper is cited, with `{n}` to replace (`cited by {n}`).
    pub cited_by: String,
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
    /// Loaded serif font families that set Chinese, Japanese or Korean (`Noto Serif CJK SC`),
    /// for a template's fallback list; filled in when the fonts are known.
    pub cjk_serif: Vec<String>,
    /// The same, sans-serif (`Noto Sans CJK SC`).
    pub cjk_sans: Vec<String>,
    /// How much of its usual space between blocks a template should leave: 1, or a little less
    /// when cvgen refits a CV whose last page would hold only a few lines.
    pub tighten: f64,
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
    /// `headline` as rich text.
    pub headline_spans: Option<Vec<Span>>,
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
    /// A paragraph before a custom section's list or entries (its `text:` beside `items:` or
    /// `entries:`), as plain text; `null` without one.
    pub intro: Option<String>,
    /// `intro` as rich text.
    pub intro_spans: Option<Vec<Span>>,
    /// A heading to print above this section's own: the publications title, on the first
    /// publication list, when `publications.group_lists` puts the lists under one heading;
    /// `null` otherwise.
    pub group_title: Option<String>,
    /// The heading is a sub-heading (a publication list under `group_title`).
    pub subheading: bool,
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
        /// The paragraph, as plain text.
        text: String,
        /// The paragraph, as rich text.
        text_spans: Vec<Span>,
    },
    /// Lines.
    List {
        /// The lines, as plain text.
        items: Vec<String>,
        /// The lines, as rich text.
        items_spans: Vec<Vec<Span>>,
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
    /// The sub-bullets of each bullet line, in step with `details` (an empty list for a line
    /// without any).
    pub subdetails: Vec<Vec<String>>,
    /// How many of `details` come first as labelled lines (`Thesis: …`, `Advisors: …`,
    /// `Topic: …`); the rest are the entry's highlights.
    pub labelled: usize,
    /// A link for the title.
    pub url: Option<String>,
    /// `title` as rich text.
    pub title_spans: Vec<Span>,
    /// `subtitle` as rich text.
    pub subtitle_spans: Option<Vec<Span>>,
    /// `description` as rich text.
    pub description_spans: Option<Vec<Span>>,
    /// `details` as rich text.
    pub details_spans: Vec<Vec<Span>>,
    /// `subdetails` as rich text.
    pub subdetails_spans: Vec<Vec<Vec<Span>>>,
    /// Citations of the papers the entry names (`papers:`), one span each (`[I16]`).
    pub papers: Vec<Span>,
}

/// One row of the skills section.
#[derive(Debug, Clone, Serialize)]
pub struct SkillRow {
    /// Category.
    pub label: String,
    /// Items.
    pub items: Vec<String>,
}

/// Inputs to [`assemble`] that are not in the profile or the bibliography.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The day the CV is made (fixed by `SOURCE_DATE_EPOCH`).
    pub today: Day,
}

/// Everything the model is built from.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The profile.
    pub profile: &'a Profile,
    /// Every entry of the bibliography (empty without one).
    pub bibliography: &'a Bibliography,
    /// The citation counts (`publications.citations`), when the profile names a readable file.
    pub citations: Option<&'a citations::CitationFile>,
    /// The day the CV is dated.
    pub today: Day,
    /// Whether the bibliography came from `--bib` instead of the profile's own: the profile's
    /// `papers:` may then name entries it lacks (a warning, not an error).
    pub bib_given: bool,
    /// Whether every bibliography file could be read (else `papers:` keys are not checked).
    pub bib_readable: bool,
}

/// The model and what building it found.
#[derive(Debug)]
pub struct Built {
    /// The model the templates and exports read.
    pub cv: Cv,
    /// Every entry of the bibliography as the CV reads it, in source order.
    pub publications: Vec<Publication>,
    /// The problems of the entries the CV shows ([`problems_shown`]); `check` reports every
    /// entry's problems through its lints instead.
    pub entry_problems: Vec<Diagnostic>,
    /// The profile's `papers:` that match no entry or author, rows of the citation counts that
    /// match no entry, and the like.
    pub diagnostics: Vec<Diagnostic>,
    /// Citations and links in the profile that cannot be printed as asked, unlocated (the
    /// pipeline locates them in the profile's text).
    pub findings: TextFindings,
}

/// The one door to the model: every entry read once ([`publications::read`]), the citation
/// counts applied, then the CV assembled ([`assemble`]) and the counts summarised. `cvgen pdf`,
/// `check`, `data`, the exports, the benchmark and the fuzz targets all build through it.
pub fn build(sources: &Sources) -> Built {
    let profile = sources.profile;
    let mut publications = publications::read(profile.publications.as_ref(), sources.bibliography);
    let entry_problems = problems_shown(profile, &publications);
    let mut diagnostics = Vec::new();
    if sources.bib_readable {
        diagnostics.extend(publications::papers::check(profile, &publications, sources.bib_given));
    }
    if let Some(file) = sources.citations {
        diagnostics.extend(citations::apply(&mut publications, file));
    }
    let (mut cv, findings) = assemble(profile, &publications, &BuildOptions { today: sources.today });
    if let Some(file) = sources.citations {
        citations::summarize(&mut cv, &publications, file);
    }
    Built { cv, publications, entry_problems, diagnostics, findings }
}

/// The problems of the publications the CV shows (none without a `publications` section).
pub fn problems_shown(profile: &Profile, publications: &[Publication]) -> Vec<Diagnostic> {
    let Some(settings) = &profile.publications else { return Vec::new() };
    publications.iter().filter(|p| publications::shown(p, settings)).flat_map(|p| p.problems.clone()).collect()
}

/// The CV from the profile and every publication as [`publications::read`] gave them, and the
/// citations in the profile that cannot be printed as asked.
fn assemble(profile: &Profile, all_publications: &[Publication], options: &BuildOptions) -> (Cv, TextFindings) {
    let lang = profile.locale.as_deref().and_then(locale::get).unwrap_or(&locale::ENGLISH);
    let locale = &lang.dates;
    let mut lists =
        profile.publications.as_ref().map(|s| publications::lists::build(all_publications, s)).unwrap_or_default();
    // A list the profile hides is not in the document: a citation of its papers links to where
    // another list shows them, else prints the short title and year.
    if lists.iter().any(|l| profile.hide.contains(&l.id)) {
        lists.retain(|l| !profile.hide.contains(&l.id));
        publications::lists::anchor_first(&mut lists);
    }
    let cited = publications::lists::citations(&lists, all_publications);
    let mut texts = Texts::new(&cited, all_publications);

    let mut sections = Vec::new();
    for id in sections::section_order(profile) {
        if profile.hide.contains(&id) {
            continue;
        }
        if let Some(section) = sections::section(profile, &id, &lists, lang, options.today, &mut texts) {
            sections.push(section);
        }
    }
    if let Some(settings) = profile.publications.as_ref().filter(|s| s.group_lists && !s.lists.is_empty()) {
        group_lists(&mut sections, profile, settings, lang);
    }
    let headline_spans = profile.headline.as_deref().map(|h| texts.rich(h));

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
                to_appear: lang.words.to_appear.to_owned(),
                page: lang.words.page.to_owned(),
                of: lang.words.of.to_owned(),
                updated: lang.words.updated.to_owned(),
                cited_by: citations::cited_by_pattern(lang.code),
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
            cjk_serif: Vec::new(),
            cjk_sans: Vec::new(),
            tighten: 1.0,
        },
        person: Person {
            name: profile.name.clone(),
            native_name: profile.native_name.clone(),
            headline: headline_spans.as_deref().map(rich::plain),
            headline_spans,
            contacts: contacts(profile),
        },
        sections,
        citations: None,
    };
    (cv, TextFindings { unresolved: texts.unresolved, links: texts.links })
}

/// Puts the publication lists under one heading (`publications.group_lists`): the first list
/// carries the publications title (`titles.publications`, else `publications.title`, else the
/// language's word), and every list's heading becomes a sub-heading.
fn group_lists(
    sections: &mut [Section],
    profile: &Profile,
    settings: &profile::PublicationSettings,
    lang: &locale::Locale,
) {
    let title = profile
        .titles
        .get("publications")
        .cloned()
        .or_else(|| settings.title.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| lang.title("publications").map(str::to_owned))
        .unwrap_or_else(|| "Publications".to_owned());
    let mut lists = sections.iter_mut().filter(|s| matches!(s.body, SectionBody::Publications(_)));
    if let Some(first) = lists.next() {
        first.group_title = Some(title);
        first.subheading = true;
    }
    for list in lists {
        list.subheading = true;
    }
}

fn contacts(profile: &Profile) -> Vec<Contact> {
    let mut out = Vec::new();
    // The one URL rule: a contact whose address cannot be a link is shown unlinked.
    let mut push = |kind: &str, label: String, url: Option<String>| {
        let url = url.and_then(|u| crate::weblink::link(&u).ok());
        out.push(Contact { kind: kind.to_owned(), label, url });
    };
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
