//! The same paper twice: entries whose titles are equal once case, braces, LaTeX and punctuation
//! are set aside. An arXiv version beside its published version, a copy-paste slip, or the same
//! entry in two files.
//!
//! - A preprint whose title matches a published entry is left out of the CV (the published one
//!   says it, with a warning), unless `publications.keep_preprint_duplicates` is set.
//! - The same key with the same title (one entry kept in two files) is shown once; the repeated
//!   key is already a warning of its own.
//! - Any other pair is shown twice, with a warning naming both entries.
//!
//! One pass with a hash map: linear in the number of entries. Pure.

use std::collections::HashMap;

use super::Publication;
use crate::bib::Bibliography;
use crate::category::Category;
use crate::diag::Diagnostic;

/// A title reduced to what makes it the same title: lowercase letters and digits, one space
/// between words.
pub fn title_key(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Marks the duplicates among `publications` (the reading of `bib`'s entries, in the same
/// order): [`Publication::left_out_for`] for those the CV leaves out, a warning among the
/// problems of the entry that is shown.
pub fn mark(publications: &mut [Publication], bib: &Bibliography, keep_preprints: bool) {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, publication) in publications.iter().enumerate() {
        let key = title_key(&publication.title);
        if key.is_empty() || publication.title == "(untitled)" {
            continue;
        }
        seen.entry(key).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = seen.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    let place = |i: usize| {
        let entry = &bib.entries[i];
        format!("`{}` (`{}`, line {})", entry.key, entry.file.display(), entry.line)
    };
    for group in groups {
        let published: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| !matches!(publications[i].category, Category::Preprint | Category::UnderReview))
            .collect();
        // With a published version, the preprints are left out (below) and only the published
        // entries are compared; else every entry is.
        let drop_preprints = !keep_preprints && !published.is_empty();
        let compared: Vec<usize> = if drop_preprints { published.clone() } else { group.clone() };
        let Some(&first) = compared.first() else { continue };
        for &i in &compared[1..] {
            if publications[i].key.eq_ignore_ascii_case(&publications[first].key) {
                publications[i].left_out_for = Some(publications[first].key.clone());
                continue;
            }
            let entry = &bib.entries[i];
            let d = Diagnostic::warning(format!("entries `{}` and {} have the same title", entry.key, place(first)))
                .at(entry.file.to_path_buf(), entry.key_span.clone())
                .hint("if they are one paper, delete one; both are shown");
            publications[i].problems.push(d);
        }
        if keep_preprints {
            continue;
        }
        let Some(&shown) = published.first() else { continue };
        for &i in &group {
            if publications[i].category != Category::Preprint || publications[i].left_out_for.is_some() {
                continue;
            }
            publications[i].left_out_for = Some(publications[shown].key.clone());
            let entry = &bib.entries[shown];
            let d = Diagnostic::warning(format!(
                "the preprint {} has the same title as `{}`: the CV shows only `{}`",
                place(i),
                entry.key,
                entry.key
            ))
            .at(entry.file.to_path_buf(), entry.key_span.clone())
            .hint("set `publications: {keep_preprint_duplicates: true}` to show both");
            publications[shown].problems.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_case_braces_and_punctuation() {
        assert_eq!(
            title_key("APOLLO: SGD-like Memory, AdamW-level Performance"),
            title_key("Apollo: Sgd-like memory, adamw-level performance")
        );
        assert_eq!(title_key("  Light in {AI}! "), "light in ai");
        assert_ne!(title_key("Light in AI"), title_key("Light in AI, Part 2"));
    }
}
