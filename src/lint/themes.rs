//! What a built-in theme leaves out of the PDF, said as a note (a severity `--deny-warnings`
//! does not count: a `compact` variant in CI stays green), once per kind of field, at the first
//! place it happens. The rules are [`OMISSIONS`]; `docs/fields.md` lists them per theme. Pure.

use crate::diag::Diagnostic;
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
