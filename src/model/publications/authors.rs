//! The authors of a publication as the CV prints them: display names in the profile's style
//! (`publications.names`: initials dotted, or as written; DBLP's homonym numbers never shown), the
//! owner found among them ([`crate::bib::names::OwnerMatcher`], on the names as written), and the
//! role marks (`*` equal contribution, `†` corresponding) from al-folio's suffixes and BibLaTeX's
//! `author+an` annotations. Problems with an annotation come back located in the bibliography.
//! Pure.

use serde::Serialize;

use crate::bib::names::{self, Name, OwnerMatch, OwnerMatcher};
use crate::bib::roles::{self, AuthorRole};
use crate::bib::{BibEntry, ValuePart};
use crate::diag::Diagnostic;
use crate::profile::NameStyle;

/// An author of a publication.
#[derive(Debug, Clone, Serialize)]
pub struct Author {
    /// Display name (`Hanqing Zhu`).
    pub name: String,
    /// The CV owner.
    pub owner: bool,
    /// Equal contribution.
    pub equal: bool,
    /// Corresponding author.
    pub corresponding: bool,
    /// Marks to print after the name (`*†`).
    pub marks: String,
    /// How the name compares with the owner's variants (`owner` is also set by an `author+an`
    /// highlight); for the lints, not part of the template data.
    #[serde(skip)]
    pub owner_match: OwnerMatch,
    /// Printed as `publications.rename` says; not part of the template data.
    #[serde(skip)]
    pub renamed: bool,
}

/// The mark of an equal contribution.
pub const EQUAL_MARK: &str = "*";
/// The mark of a corresponding author.
pub const CORRESPONDING_MARK: &str = "†";

/// The authors of `entry` with their names shown in `style` (`publications.names`), and whether
/// the list ends in `and others`; annotation problems go into `diagnostics`.
pub fn authors(
    entry: &BibEntry,
    owner: &OwnerMatcher,
    style: NameStyle,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Author>, bool) {
    let people =
        entry.typed.author().or_else(|_| entry.typed.editors().map(|e| e.into_iter().flat_map(|(p, _)| p).collect()));
    let people = people.unwrap_or_default();
    let mut et_al = false;
    let mut authors = Vec::new();
    for person in &people {
        let mut name = Name::from_person(person);
        if name.is_others() {
            et_al = true;
            continue;
        }
        let marks = names::strip_marks(&mut name);
        // Matched on the name as written: the dotted form is for the eye.
        let owner_match = owner.compare(&name);
        let shown = match style {
            NameStyle::Dotted => name.dotted(),
            NameStyle::AsWritten => name,
        };
        authors.push(Author {
            owner: owner_match.is_owner(),
            name: shown.display(),
            equal: marks.equal,
            corresponding: marks.corresponding,
            marks: String::new(),
            owner_match,
            renamed: false,
        });
    }

    if let Some(field) = entry.field("author+an") {
        let text: String = field
            .value
            .iter()
            .map(|p| match p {
                ValuePart::Text(t) | ValuePart::Macro(t) => t.as_str(),
            })
            .collect();
        // The value's text starts one byte after its opening delimiter.
        let base = field.value_span.start + 1;
        let (annotations, errors) = roles::parse(&text);
        for error in errors {
            diagnostics.push(
                Diagnostic::error(format!("{} in entry `{}`", error.message, entry.key))
                    .at(entry.file.to_path_buf(), base + error.span.start..base + error.span.end)
                    .hint(error.hint),
            );
        }
        for annotation in annotations {
            let Some(author) = authors.get_mut(annotation.index - 1) else {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "annotation points to author {} but entry `{}` has {}",
                        annotation.index,
                        entry.key,
                        crate::diag::plural(authors.len(), "author", "authors"),
                    ))
                    .at(entry.file.to_path_buf(), base + annotation.span.start..base + annotation.span.end)
                    .hint("authors are numbered from 1 in the order of the `author` field"),
                );
                continue;
            };
            for role in annotation.roles {
                match role {
                    AuthorRole::Equal => author.equal = true,
                    AuthorRole::Corresponding => author.corresponding = true,
                    AuthorRole::Highlight => author.owner = true,
                }
            }
        }
    }
    for author in &mut authors {
        if author.equal {
            author.marks.push_str(EQUAL_MARK);
        }
        if author.corresponding {
            author.marks.push_str(CORRESPONDING_MARK);
        }
    }
    (authors, et_al)
}
