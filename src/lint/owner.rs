//! The owner lints: a paper where no author matches `publications.owner` (naming the authors who
//! share the owner's family name: one of them may be the owner written another way), and a paper
//! where several authors do (a variant that takes a co-author: `H. Zhu` beside `Hanqing Zhu`).
//!
//! They read the model's matching of every author ([`crate::model::Author::owner_match`],
//! decided once by [`crate::bib::names::OwnerMatcher`]); they never match names themselves. Pure.

use std::ops::Range;

use crate::bib::BibEntry;
use crate::bib::names::OwnerMatch;
use crate::diag::Diagnostic;
use crate::model::Publication;

/// The owner lints of one entry, read as `publication`; `head` locates the entry as a whole
/// (`@article{key`), for an entry without authors. Called only when the profile names an owner.
pub fn owner(entry: &BibEntry, publication: &Publication, head: Range<usize>, out: &mut Vec<Diagnostic>) {
    let path = entry.file.to_path_buf();
    let field = entry.field("author").or_else(|| entry.field("editor"));
    let taken: Vec<(&str, &str)> = publication
        .authors
        .iter()
        .filter_map(|a| match &a.owner_match {
            OwnerMatch::Variant(variant) => Some((a.name.as_str(), variant.as_str())),
            _ => None,
        })
        .collect();
    if taken.len() > 1 {
        let span = field.map_or(head, |f| f.value_span.clone());
        let names: Vec<String> = taken.iter().map(|(name, _)| format!("`{name}`")).collect();
        let by: Vec<String> = taken.iter().map(|(name, variant)| format!("`{name}` by `{variant}`")).collect();
        out.push(
            Diagnostic::warning(format!(
                "{} authors of `{}` match `publications.owner`: {}",
                taken.len(),
                entry.key,
                names.join(", ")
            ))
            .at(path, span)
            .hint(format!("taken: {}", by.join(", ")))
            .hint(
                "if one of them is a co-author, remove the variant that takes them from `publications.owner`, \
                 or write the co-author's full name in the bibliography",
            ),
        );
        return;
    }
    // The owner found, by a variant or by an `author+an` highlight.
    if publication.authors.iter().any(|a| a.owner) {
        return;
    }
    let Some(field) = field.filter(|_| !publication.authors.is_empty()) else {
        out.push(
            Diagnostic::warning(format!("entry `{}` has no authors", entry.key))
                .at(path, head)
                .hint("add `author = {Last, First and …}` with your name in it"),
        );
        return;
    };
    let look_alikes: Vec<(&str, Option<&str>)> = publication
        .authors
        .iter()
        .filter_map(|a| match &a.owner_match {
            OwnerMatch::SameFamily { initials_of } => Some((a.name.as_str(), initials_of.as_deref())),
            _ => None,
        })
        .collect();
    let mut d = Diagnostic::warning(format!("no author of `{}` matches `publications.owner`", entry.key))
        .at(path, field.value_span.clone());
    d = match look_alikes.as_slice() {
        [] => d.hint("if you are one of these authors, add your name as written here to `publications.owner`"),
        [(name, _)] => d.hint(format!("if `{name}` is you, add that spelling to `publications.owner`")),
        several => {
            let names: Vec<String> = several.iter().map(|(name, _)| format!("`{name}`")).collect();
            d.hint(format!("if one of {} is you, add that spelling to `publications.owner`", names.join(", ")))
        }
    };
    if let Some((name, Some(variant))) = look_alikes.iter().find(|(_, initials)| initials.is_some()) {
        d = d.hint(format!(
            "`{variant}` is written with initials, so it matches only authors written with initials, not `{name}`"
        ));
    }
    if publication.et_al {
        d = d.hint("the list ends in `and others`: if you are among them, write the names out");
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The owner lints of every entry of `bib`, for an owner written as `owner`.
    fn lints(owner_variants: &str, bib: &str) -> Vec<Diagnostic> {
        let profile = crate::profile::parse(
            &format!("name: Hanqing Zhu\npublications:\n  bib: refs.bib\n  owner: {owner_variants}\n"),
            Path::new("profile.yaml"),
        )
        .expect("valid profile");
        let (parsed, diagnostics) = crate::bib::parse(bib, Path::new("refs.bib"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let publications = crate::model::publications::read(profile.publications.as_ref(), &parsed);
        let mut out = Vec::new();
        for (entry, publication) in parsed.entries.iter().zip(&publications) {
            owner(entry, publication, entry.span.start..entry.key_span.end, &mut out);
        }
        out
    }

    fn entry(key: &str, authors: &str) -> String {
        format!("@article{{{key}, title = {{T}}, author = {{{authors}}}, journal = {{J}}, year = 2024}}\n")
    }

    #[test]
    fn one_owner_is_quiet_even_beside_a_namesake() {
        let bib = [
            entry("fuse", "Zhu, Hanqing and Zhu, Keren and Pan, David Z"),
            entry("construct", "Zhu, Hao and Zhu, Hanqing and Pan, David Z"),
            entry("initials", "Lin, S and Zhu, H and Morris, CL"),
            entry("dblp", "Hanqing Zhu 0001 and Jiaqi Gu"),
        ]
        .concat();
        assert!(lints(r#"["Hanqing Zhu", "H. Zhu"]"#, &bib).is_empty());
    }

    #[test]
    fn two_authors_taken_is_a_warning_at_the_author_list() {
        let bib = entry("twice", "Zhu, Hanqing and Zhu, H. and Pan, David Z");
        let out = lints(r#"["Hanqing Zhu", "H. Zhu"]"#, &bib);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].message, "2 authors of `twice` match `publications.owner`: `Hanqing Zhu`, `H. Zhu`");
        assert_eq!(
            out[0].hints,
            [
                "taken: `Hanqing Zhu` by `Hanqing Zhu`, `H. Zhu` by `H. Zhu`",
                "if one of them is a co-author, remove the variant that takes them from `publications.owner`, \
                 or write the co-author's full name in the bibliography",
            ]
        );
        let location = out[0].location.as_ref().expect("located");
        assert_eq!(location.file, Path::new("refs.bib"));
        assert_eq!(&bib[location.span.clone()], "{Zhu, Hanqing and Zhu, H. and Pan, David Z}");
    }

    #[test]
    fn no_match_names_the_look_alikes() {
        let bib = [
            entry("namesake", "Zhu, Hao and Gu, Jiaqi"),
            entry("two", "Zhu, Hao and Zhu, Keren"),
            entry("stranger", "Gu, Jiaqi and others"),
        ]
        .concat();
        let out = lints(r#"["Hanqing Zhu", "H. Zhu"]"#, &bib);
        let texts: Vec<(&str, Vec<&str>)> =
            out.iter().map(|d| (d.message.as_str(), d.hints.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            texts,
            [
                (
                    "no author of `namesake` matches `publications.owner`",
                    vec![
                        "if `Hao Zhu` is you, add that spelling to `publications.owner`",
                        "`H. Zhu` is written with initials, so it matches only authors written with initials, not `Hao Zhu`",
                    ]
                ),
                (
                    "no author of `two` matches `publications.owner`",
                    vec![
                        "if one of `Hao Zhu`, `Keren Zhu` is you, add that spelling to `publications.owner`",
                        "`H. Zhu` is written with initials, so it matches only authors written with initials, not `Hao Zhu`",
                    ]
                ),
                (
                    "no author of `stranger` matches `publications.owner`",
                    vec![
                        "if you are one of these authors, add your name as written here to `publications.owner`",
                        "the list ends in `and others`: if you are among them, write the names out",
                    ]
                ),
            ]
        );
    }

    #[test]
    fn a_full_variant_names_an_initialled_look_alike_as_it_prints() {
        let out = lints("[Ada Lovelace]", &entry("initials", "Lovelace, A and Babbage, Charles"));
        assert_eq!(out[0].hints, ["if `A. Lovelace` is you, add that spelling to `publications.owner`"]);
    }

    #[test]
    fn a_highlight_annotation_counts_as_the_owner() {
        let bib = "@article{a, title = {T}, author = {Gu, Jiaqi and Zhu, Hao}, author+an = {2=highlight}, journal = {J}, year = 2024}\n";
        assert!(lints("[Hanqing Zhu]", bib).is_empty());
    }
}
