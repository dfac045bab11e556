//! The mapping of a parsed JSON Resume onto a [`Profile`], section by section (see the parent
//! module's doc for the table), with the diagnostics of values it cannot place.

use super::*;

pub(super) struct Mapper<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    /// Where each value is in `text`, by its JSON path; found when a diagnostic needs it.
    pub(super) spans: OnceCell<HashMap<String, Range<usize>>>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Items the CV cannot show (`("publications", 2)`: one without a name).
    pub(super) lost: Vec<(&'static str, usize)>,
}

/// A string with its surrounding whitespace removed, or nothing if that leaves it empty.
fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

fn cleaned(items: Vec<String>) -> Vec<String> {
    items.into_iter().filter_map(|i| clean(Some(i))).collect()
}

/// Bullet lines (JSON Resume's `highlights` have no sub-bullets).
fn lines(items: Vec<String>) -> Vec<crate::profile::Bullet> {
    cleaned(items).into_iter().map(Into::into).collect()
}

impl Mapper<'_> {
    pub(super) fn spans(&self) -> &HashMap<String, Range<usize>> {
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

    pub(super) fn profile(&mut self, resume: Resume, bib: Option<&Path>) -> Profile {
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
                    clean(p.location),
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
            location: clean(e.location),
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
