//! The sections of the CV, from the profile: the order they come in, their titles in the CV's
//! language, their entries, and the rich text of every free-text field (Markdown and citations of
//! the owner's papers, [`super::rich`]), with smart quotes. Citations that cannot be printed as
//! asked are collected as [`Unresolved`]; the pipeline locates them in the profile. Pure.

use std::collections::{HashMap, HashSet};

use super::cite;
use super::publications::Publication;
use super::publications::lists::{Cited, Listed};
use super::rich::{self, Span};
use super::{EntryOut, Section, SectionBody, SkillRow, typography};
use crate::date::{self, DateStyle, Day, PartialDate};
use crate::locale;
use crate::profile::{self, Dated, Profile};

/// A citation in the profile that cannot be printed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The key as written.
    pub key: String,
    /// What is wrong.
    pub problem: CiteProblem,
}

/// What is wrong with a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CiteProblem {
    /// No entry has the key; the closest key, if one is close.
    Unknown {
        /// The closest key of the bibliography.
        closest: Option<String>,
    },
    /// Several entries have the key (in one file or two); each entry's id and place
    /// (`zhu2022elight-2`, `journal.bib:13`).
    Ambiguous {
        /// The id and place of each entry with the key, in source order.
        entries: Vec<(String, String)>,
    },
    /// The paper is in the bibliography but no list shows it: printed as its short title.
    NotListed,
    /// The brackets hold more than `@key`s separated by `;` (a prefix `see`, a locator
    /// `p. 3`); the key of the [`Unresolved`] is what they hold. Printed as written.
    Malformed,
}

/// What the profile's rich text asks that the pipeline must check against its sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextFindings {
    /// Citations that cannot be printed as asked, once per key.
    pub unresolved: Vec<Unresolved>,
    /// Web links the texts make, once each, in order.
    pub links: Vec<String>,
}

/// Rich text of the profile's fields, with their citations resolved.
pub struct Texts<'a> {
    cited: &'a HashMap<String, Cited>,
    /// Every entry's id and place, by its key in lowercase (BibTeX compares keys so).
    by_key: HashMap<String, Vec<(&'a str, &'a str)>>,
    ids: Vec<&'a str>,
    seen: HashSet<String>,
    seen_links: HashSet<String>,
    /// Every citation that could not be printed as asked, once per key.
    pub unresolved: Vec<Unresolved>,
    /// Every web link the texts make (`[text](https://…)`), once each, in order: the lints check
    /// them like the profile's other addresses.
    pub links: Vec<String>,
}

impl<'a> Texts<'a> {
    /// Texts whose citations print as `cited` (by id) says; `publications` (every entry read)
    /// tell the keys and ids there are.
    pub fn new(cited: &'a HashMap<String, Cited>, publications: &'a [Publication]) -> Self {
        let mut by_key: HashMap<String, Vec<(&str, &str)>> = HashMap::new();
        for p in publications {
            by_key.entry(p.key.to_lowercase()).or_default().push((p.id.as_str(), p.place.as_str()));
        }
        let ids = publications.iter().map(|p| p.id.as_str()).collect();
        Self {
            cited,
            by_key,
            ids,
            seen: HashSet::new(),
            seen_links: HashSet::new(),
            unresolved: Vec::new(),
            links: Vec::new(),
        }
    }

    /// A field's rich text: parsed, its citations labelled ([`super::cite`]), its quotes curled.
    pub fn rich(&mut self, text: &str) -> Vec<Span> {
        let parsed = rich::parse(text);
        let mut spans = Vec::with_capacity(parsed.len());
        for span in parsed {
            let Some(inner) = &span.cite else {
                if let Some(link) = &span.link
                    && self.seen_links.insert(link.clone())
                {
                    self.links.push(link.clone());
                }
                spans.push(span);
                continue;
            };
            let Some(keys) = rich::cite_keys(inner) else {
                if self.seen.insert(inner.clone()) {
                    self.unresolved.push(Unresolved { key: inner.clone(), problem: CiteProblem::Malformed });
                }
                spans.push(Span { cite: None, ..span });
                continue;
            };
            let ids: Vec<Option<String>> = keys.iter().map(|key| self.check(key)).collect();
            let cited = self.cited;
            let named: Vec<cite::Named> = keys
                .iter()
                .zip(&ids)
                .map(|(key, id)| match id {
                    Some(id) => (id.as_str(), cited.get(id)),
                    None => (key.as_str(), None),
                })
                .collect();
            if let [(_, None)] = named[..] {
                // A key no entry has keeps its `[@key]` (an error says so).
                spans.push(Span { cite: None, ..span });
            } else {
                spans.extend(cite::spans(&named));
            }
        }
        typography::polish_spans(&mut spans);
        spans
    }

    /// Citations of `keys` (a `papers:` field), one span each.
    pub fn papers(&mut self, keys: &[String]) -> Vec<Span> {
        let text: Vec<String> = keys.iter().map(|k| format!("[@{k}]")).collect();
        let mut spans = self.rich(&text.join(" "));
        spans.retain(|s| s.cite.is_some());
        spans
    }

    /// The id a citation of `key` names (an id as written, `key-1` for the first of several
    /// entries with one key, else the first entry with the key in any letter case), noting once
    /// per key what is wrong with it.
    fn check(&mut self, key: &str) -> Option<String> {
        let same_key = self.by_key.get(&key.to_lowercase());
        let first_of_several = || {
            let group = self.by_key.get(&key.strip_suffix("-1")?.to_lowercase())?;
            (group.len() > 1).then(|| group[0].0)
        };
        let id = if self.cited.contains_key(key) {
            Some(key)
        } else {
            first_of_several().or_else(|| same_key.map(|entries| entries[0].0))
        };
        let problem = match (id, same_key) {
            (None, _) => Some(CiteProblem::Unknown {
                closest: crate::diag::closest(key, self.ids.iter().copied()).map(str::to_owned),
            }),
            (Some(_), Some(entries)) if entries.len() > 1 => Some(CiteProblem::Ambiguous {
                entries: entries.iter().map(|(id, place)| ((*id).to_owned(), (*place).to_owned())).collect(),
            }),
            (Some(id), _) if self.cited.get(id).is_some_and(|c| c.target.is_none()) => Some(CiteProblem::NotListed),
            (Some(_), _) => None,
        };
        if let Some(problem) = problem
            && self.seen.insert(key.to_owned())
        {
            self.unresolved.push(Unresolved { key: key.to_owned(), problem });
        }
        id.map(str::to_owned)
    }
}

/// Section ids in display order: `section_order` if given, else the file's key order; the
/// publication lists stand where `publications` does, each with its own id.
pub fn section_order(profile: &Profile) -> Vec<String> {
    let lists = profile.publication_section_ids();
    let expand = |id: &str| -> Vec<String> { if id == "publications" { lists.clone() } else { vec![id.to_owned()] } };
    if let Some(order) = &profile.section_order {
        return order.iter().flat_map(|id| expand(id)).collect();
    }
    let mut order = Vec::new();
    for key in &profile.key_order {
        if key == "sections" {
            order.extend(profile.sections.iter().map(profile::custom_id));
        } else if profile::SECTION_IDS.contains(&key.as_str()) {
            order.extend(expand(key));
        }
    }
    order
}

/// The section `id`, if the profile has something for it, as of `today` (a degree that ends
/// later is `expected`).
pub fn section(
    profile: &Profile,
    id: &str,
    lists: &[Listed],
    lang: &locale::Locale,
    today: Day,
    texts: &mut Texts,
) -> Option<Section> {
    let locale = &lang.dates;
    // `titles:` in the profile wins, then a title written in the profile (a custom section's,
    // a list's, `publications.title`), then the language's title for the id.
    let title = |written: Option<&str>| -> String {
        profile
            .titles
            .get(id)
            .cloned()
            .or_else(|| written.filter(|t| !t.trim().is_empty()).map(str::to_owned))
            .or_else(|| lang.title(id).map(str::to_owned))
            .or_else(|| lang.title("publications").filter(|_| lists.iter().any(|l| l.id == id)).map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    };
    let make = |title: String, body| {
        Some(Section {
            id: id.to_owned(),
            title,
            intro: None,
            intro_spans: None,
            group_title: None,
            subheading: false,
            body,
        })
    };
    let entries =
        |compact, entries: Vec<EntryOut>| (!entries.is_empty()).then_some(SectionBody::Entries { compact, entries });
    if let Some(listed) = lists.iter().find(|l| l.id == id) {
        let list = localize_publications(listed.list.clone(), lang);
        let written =
            listed.title.as_deref().or_else(|| profile.publications.as_ref().and_then(|p| p.title.as_deref()));
        return make(title(written), SectionBody::Publications(list));
    }
    match id {
        "summary" => make(title(None), text_body(texts, profile.summary.as_deref()?)),
        "interests" if !profile.interests.is_empty() => make(title(None), list_body(texts, &profile.interests)),
        "education" => make(
            title(None),
            entries(false, profile.education.iter().map(|e| education(e, lang, today, texts)).collect())?,
        ),
        "experience" => {
            make(title(None), entries(false, profile.experience.iter().map(|e| experience(e, lang, texts)).collect())?)
        }
        "honors" => make(title(None), entries(true, profile.honors.iter().map(|h| honor(h, locale, texts)).collect())?),
        "service" => {
            make(title(None), entries(true, profile.service.iter().map(|e| entry(e, locale, texts)).collect())?)
        }
        "teaching" => {
            make(title(None), entries(false, profile.teaching.iter().map(|e| entry(e, locale, texts)).collect())?)
        }
        "talks" => make(title(None), entries(true, profile.talks.iter().map(|e| entry(e, locale, texts)).collect())?),
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
        _ => {
            let custom = profile.sections.iter().find(|s| profile::custom_id(s) == id)?;
            // A paragraph alone is the section; before entries or items it is their intro.
            let listed = if !custom.entries.is_empty() {
                Some(SectionBody::Entries {
                    compact: false,
                    entries: custom.entries.iter().map(|e| entry(e, locale, texts)).collect(),
                })
            } else if !custom.items.is_empty() {
                Some(list_body(texts, &custom.items))
            } else {
                None
            };
            match (&custom.text, listed) {
                (Some(text), None) => make(title(Some(&custom.title)), text_body(texts, text)),
                (text, Some(body)) => {
                    let intro = text.as_deref().map(|t| texts.rich(t));
                    let mut section = make(title(Some(&custom.title)), body)?;
                    section.intro = intro.as_deref().map(rich::plain);
                    section.intro_spans = intro;
                    Some(section)
                }
                (None, None) => {
                    make(title(Some(&custom.title)), SectionBody::Entries { compact: false, entries: Vec::new() })
                }
            }
        }
    }
}

fn text_body(texts: &mut Texts, text: &str) -> SectionBody {
    let spans = texts.rich(text);
    SectionBody::Text { text: rich::plain(&spans), text_spans: spans }
}

fn list_body(texts: &mut Texts, items: &[String]) -> SectionBody {
    let spans: Vec<Vec<Span>> = items.iter().map(|i| texts.rich(i)).collect();
    SectionBody::List { items: spans.iter().map(|s| rich::plain(s)).collect(), items_spans: spans }
}

/// Group titles and legend meanings in the CV's language (the list is built in English).
fn localize_publications(mut list: super::PublicationList, lang: &locale::Locale) -> super::PublicationList {
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

/// Display text of the dates of `item` (already validated): its `date`, else its range. A
/// season (`Fall 2022`) prints as a season in the CV's words.
fn dates(item: &dyn Dated, style: &DateStyle) -> Option<String> {
    let [start, end, single] = item.dates();
    let text = |f: &Option<profile::DateField>| f.as_ref().map(|d| d.value.0.clone());
    let parse = |f: &Option<profile::DateField>| f.as_ref().and_then(|d| PartialDate::parse(&d.value.0).ok());
    let season = |f: &Option<profile::DateField>| text(f).is_some_and(|t| date::Season::parse(&t).is_some());
    if let Some(written) = text(single) {
        return date::display_written(&written, style);
    }
    if !season(start) && !season(end) {
        return date::display_range(parse(start), parse(end), style);
    }
    let shown = |f| text(f).and_then(|t| date::display_written(&t, style));
    match (shown(start), shown(end)) {
        (Some(s), Some(e)) if s == e => Some(s),
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (s, e) => s.or(e),
    }
}

/// An entry from its parts, each rich text, with a plain form beside each.
struct Parts {
    title: Vec<Span>,
    subtitle: Option<Vec<Span>>,
    location: Option<String>,
    date: Option<String>,
    description: Option<Vec<Span>>,
    /// Each bullet line and its sub-bullets.
    details: Vec<(Vec<Span>, Vec<Vec<Span>>)>,
    /// How many of `details` come first as labelled lines (thesis, advisors, topic).
    labelled: usize,
    url: Option<String>,
    papers: Vec<Span>,
}

impl Parts {
    fn into_entry(self) -> EntryOut {
        EntryOut {
            title: rich::plain(&self.title),
            subtitle: self.subtitle.as_deref().map(rich::plain),
            location: self.location,
            date: self.date,
            description: self.description.as_deref().map(rich::plain),
            details: self.details.iter().map(|(d, _)| rich::plain(d)).collect(),
            subdetails: self.details.iter().map(|(_, sub)| sub.iter().map(|s| rich::plain(s)).collect()).collect(),
            labelled: self.labelled,
            // The one URL rule: an entry whose address cannot be a link is shown unlinked.
            url: self.url.and_then(|u| crate::weblink::link(&u).ok()),
            title_spans: self.title,
            subtitle_spans: self.subtitle,
            description_spans: self.description,
            subdetails_spans: self.details.iter().map(|(_, sub)| sub.clone()).collect(),
            details_spans: self.details.into_iter().map(|(d, _)| d).collect(),
            papers: self.papers,
        }
    }
}

/// A bullet line and its sub-bullets, rich.
fn highlight(texts: &mut Texts, h: &profile::Bullet) -> (Vec<Span>, Vec<Vec<Span>>) {
    (texts.rich(h.text()), h.items().iter().map(|i| texts.rich(i)).collect())
}

/// `Label: text`, the label plain, the text rich.
fn labelled(label: &str, colon: &str, text: Vec<Span>) -> Vec<Span> {
    let mut out = vec![Span { text: format!("{label}{colon}"), ..Span::default() }];
    out.extend(text);
    out
}

/// Rich texts joined by `separator`.
fn joined(parts: Vec<Vec<Span>>, separator: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(Span { text: separator.to_owned(), ..Span::default() });
        }
        out.extend(part);
    }
    out
}

fn education(e: &profile::Education, lang: &locale::Locale, today: Day, texts: &mut Texts) -> EntryOut {
    let (words, locale) = (&lang.words, &lang.dates);
    let title = match &e.area {
        Some(area) => words.degree_in.replace("{degree}", &e.degree).replace("{area}", area),
        None => e.degree.clone(),
    };
    let mut details = Vec::new();
    if let Some(thesis) = &e.thesis {
        details.push((labelled(words.thesis, words.colon, texts.rich(thesis)), Vec::new()));
    }
    if !e.advisors.is_empty() {
        let word = if e.advisors.len() > 1 { words.advisors } else { words.advisor };
        let names = e.advisors.iter().map(|a| texts.rich(a)).collect();
        details.push((labelled(word, words.colon, joined(names, &format!(" {} ", words.and))), Vec::new()));
    }
    let labels = details.len();
    details.extend(e.highlights.iter().map(|h| highlight(texts, h)));
    Parts {
        title: texts.rich(&title),
        subtitle: Some(texts.rich(&e.institution)),
        location: e.location.clone(),
        date: dates(e, locale)
            .map(|date| if ends_ahead(e, today) { format!("{date} ({})", words.expected) } else { date }),
        description: None,
        details,
        labelled: labels,
        url: None,
        papers: Vec::new(),
    }
    .into_entry()
}

/// Whether an item's end (a degree's graduation) is still to come.
fn ends_ahead(item: &dyn Dated, today: Day) -> bool {
    let [_, end, _] = item.dates();
    end.as_ref().and_then(|d| PartialDate::parse(&d.value.0).ok()).is_some_and(|d| d.is_after(today))
}

fn experience(e: &profile::Experience, lang: &locale::Locale, texts: &mut Texts) -> EntryOut {
    let (words, locale) = (&lang.words, &lang.dates);
    let mut details = Vec::new();
    if let Some(topic) = &e.topic {
        details.push((labelled(words.topic, words.colon, texts.rich(topic)), Vec::new()));
    }
    if !e.advisors.is_empty() {
        let word = if e.advisors.len() > 1 { words.mentors } else { words.mentor };
        let names = e.advisors.iter().map(|a| texts.rich(a)).collect();
        details.push((labelled(word, words.colon, joined(names, ", ")), Vec::new()));
    }
    let labels = details.len();
    details.extend(e.highlights.iter().map(|h| highlight(texts, h)));
    Parts {
        title: texts.rich(&e.position),
        subtitle: Some(texts.rich(&e.organization)),
        location: e.location.clone(),
        date: dates(e, locale),
        description: e.description.as_deref().map(|d| texts.rich(d)),
        details,
        labelled: labels,
        url: None,
        papers: texts.papers(&e.papers),
    }
    .into_entry()
}

fn honor(h: &profile::Honor, locale: &DateStyle, texts: &mut Texts) -> EntryOut {
    Parts {
        title: texts.rich(&h.title),
        subtitle: h.organization.as_deref().map(|o| texts.rich(o)),
        location: None,
        date: dates(h, locale),
        description: h.note.as_deref().map(|n| texts.rich(n)),
        details: Vec::new(),
        labelled: 0,
        url: h.url.clone(),
        papers: texts.papers(&h.papers),
    }
    .into_entry()
}

fn entry(e: &profile::Entry, locale: &DateStyle, texts: &mut Texts) -> EntryOut {
    Parts {
        title: texts.rich(&e.title),
        subtitle: e.organization.as_deref().map(|o| texts.rich(o)),
        location: e.location.clone(),
        date: dates(e, locale),
        description: e.description.as_deref().map(|d| texts.rich(d)),
        details: e.highlights.iter().map(|h| highlight(texts, h)).collect(),
        labelled: 0,
        url: e.url.clone(),
        papers: texts.papers(&e.papers),
    }
    .into_entry()
}
