//! What a built-in theme leaves out of the PDF, said as a note (a severity `--deny-warnings`
//! does not count: a `compact` variant in CI stays green), once per kind of field, at the first
//! place it happens. The rules are [`OMISSIONS`] (lines of an entry) and [`PAPER_OMISSIONS`]
//! (parts of a paper); `docs/fields.md` lists them per theme, and a test walks the schema to
//! check that nothing else is left out. Pure.

use crate::diag::Diagnostic;
use crate::model::Publication;
use crate::profile::Profile;

/// A theme shows at most `most` entries of a list field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Omission {
    /// The built-in theme.
    pub theme: &'static str,
    /// The list field of an entry (`highlights`).
    pub field: &'static str,
    /// How many of its items the theme prints.
    pub most: usize,
}

/// What each built-in theme leaves out (`templates/compact.typ`: `max-details`). The others
/// print every field a user can write.
pub const OMISSIONS: &[Omission] = &[Omission { theme: "compact", field: "highlights", most: 2 }];

/// A note for every kind of entry (`education`, `talks`, a custom section) whose entries hold more
/// of a field than the profile's theme prints. A profile with its own template gets none.
pub fn omissions(profile: &Profile) -> Vec<Diagnostic> {
    if profile.design.template.is_some() {
        return Vec::new();
    }
    let theme = profile.design.theme.as_deref().unwrap_or(crate::profile::THEMES[0]);
    let mut lists: Vec<(String, String, Vec<usize>)> = vec![
        ("education".into(), "education".into(), profile.education.iter().map(|e| e.highlights.len()).collect()),
        ("experience".into(), "experience".into(), profile.experience.iter().map(|e| e.highlights.len()).collect()),
    ];
    for key in ["service", "teaching", "talks"] {
        let entries = match key {
            "service" => &profile.service,
            "teaching" => &profile.teaching,
            _ => &profile.talks,
        };
        lists.push((key.into(), key.into(), entries.iter().map(|e| e.highlights.len()).collect()));
    }
    for (j, section) in profile.sections.iter().enumerate() {
        lists.push((
            format!("sections.{j}.entries"),
            format!("`{}`", section.title),
            section.entries.iter().map(|e| e.highlights.len()).collect(),
        ));
    }
    let mut out = Vec::new();
    for omission in OMISSIONS.iter().filter(|o| o.theme == theme) {
        for (key, name, counts) in &lists {
            let over: Vec<usize> =
                counts.iter().enumerate().filter(|(_, n)| **n > omission.most).map(|(i, _)| i).collect();
            let Some(&first) = over.first() else { continue };
            let entries =
                if over.len() == 1 { "1 entry has".to_owned() } else { format!("{} entries have", over.len()) };
            let d = Diagnostic::note(format!(
                "the `{theme}` theme prints {} `{}` of an entry; {entries} more in {}",
                omission.most,
                omission.field,
                if name.starts_with('`') { name.clone() } else { format!("`{name}`") }
            ))
            .hint("the rest are left out of the PDF (docs/fields.md lists what each theme prints)")
            .hint(format!(
                "keep the {} that matter most first, or choose the `classic` or `modern` theme",
                omission.most
            ));
            let mut path: Vec<String> = key.split('.').map(str::to_owned).collect();
            path.push(first.to_string());
            path.push(omission.field.to_owned());
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            out.push(match profile.origin.node(&path) {
                Some(node) => profile.origin.point(d, node.place()),
                None => d,
            });
        }
    }
    out
}

/// A part of a paper a built-in theme does not print.
#[derive(Debug, Clone, Copy)]
pub struct PaperOmission {
    /// The built-in theme.
    pub theme: &'static str,
    /// The field (`note`), as `publications.papers` names it.
    pub field: &'static str,
    /// The field in the note's words (``the `note` ``).
    pub what: &'static str,
    /// What the theme prints instead, for the note's hint.
    pub instead: &'static str,
    /// Whether a paper has what the theme leaves out.
    pub lost: fn(&Publication) -> bool,
}

/// What each built-in theme leaves out of a paper (`templates/compact.typ`: `paper-text`).
pub const PAPER_OMISSIONS: &[PaperOmission] = &[
    PaperOmission {
        theme: "compact",
        field: "note",
        what: "`note`",
        instead: "it prints a paper in two lines: title, authors, venue and year",
        lost: |p| p.note.is_some(),
    },
    PaperOmission {
        theme: "compact",
        field: "venue",
        what: "`venue` (nor a `venues` entry's `name`) when it has a badge",
        instead: "it prints a paper's badge (`short`) in place of its venue",
        lost: |p| p.venue.is_some() && p.venue_short.is_some(),
    },
];

/// A note for each part of a paper the profile's theme leaves out of at least one listed paper
/// (`papers`, the model's), at the first paper's `publications.papers` value when the profile
/// gives it. A profile with its own template gets none.
pub fn paper_omissions(profile: &Profile, papers: &[Publication]) -> Vec<Diagnostic> {
    if profile.design.template.is_some() {
        return Vec::new();
    }
    let theme = profile.design.theme.as_deref().unwrap_or(crate::profile::THEMES[0]);
    let listed: Vec<&Publication> = papers.iter().filter(|p| !p.hidden && p.left_out_for.is_none()).collect();
    let mut out = Vec::new();
    for omission in PAPER_OMISSIONS.iter().filter(|o| o.theme == theme) {
        let lost: Vec<&&Publication> = listed.iter().filter(|p| (omission.lost)(p)).collect();
        let Some(first) = lost.first() else { continue };
        let papers = crate::diag::plural(lost.len(), "paper has one", "papers have one");
        let d = Diagnostic::note(format!(
            "the `{theme}` theme does not print a paper's {}; {papers} (the first: `{}`)",
            omission.what, first.id
        ))
        .hint(format!("{}; docs/fields.md lists what each theme prints", omission.instead))
        .hint(format!("choose the `classic` or `modern` theme to print the `{}`", omission.field));
        let at = profile.origin.node(&["publications", "papers", &first.id, omission.field]);
        out.push(match at {
            Some(node) => profile.origin.point(d, node.place()),
            None => d,
        });
    }
    out
}
