//! The private fields `cvgen bib` strips: cvgen's and al-folio's display fields, or the
//! profile's own list (`publications.private_fields`); `--keep-private` keeps them all.
//!
//! Pure: names in, a verdict out.

use super::writer::Record;

/// The fields removed by default: cvgen's and al-folio's display fields. `*+an` stands for every
/// field whose name ends in `+an` (the biblatex data annotations, such as `author+an`).
pub const DEFAULT_PRIVATE_FIELDS: &[&str] = &[
    "award",
    "award_name",
    "award_url",
    "selected",
    "abbr",
    "pdf",
    "code",
    "html",
    "blog",
    "slides",
    "video",
    "poster",
    "website",
    "preview",
    "bibtex_show",
    "annotation",
    "links",
    // al-folio's other display-only fields (badges and extra buttons on its publication page).
    "altmetric",
    "dimensions",
    "google_scholar_id",
    "inspirehep_id",
    "additional_info",
    "supp",
    // cvgen's own: the category of an entry, a dataset link, al-folio's arXiv id.
    "category",
    "dataset",
    "arxiv",
    "*+an",
];

/// Which fields to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Private {
    /// Keep every field (`--keep-private`).
    Keep,
    /// Remove the fields with these names (case-insensitive); `*suffix` matches every name
    /// ending in `suffix`.
    Strip(Vec<String>),
}

impl Private {
    /// The built-in list: [`DEFAULT_PRIVATE_FIELDS`] and every alias of a display field
    /// (`assets/aliases.tsv`).
    pub fn default_list() -> Self {
        let aliases = crate::bib::aliases::all().iter().map(|a| a.alias.clone());
        Private::Strip(DEFAULT_PRIVATE_FIELDS.iter().map(|s| (*s).to_owned()).chain(aliases).collect())
    }

    /// Whether the field `name` is removed.
    pub fn removes(&self, name: &str) -> bool {
        let Private::Strip(list) = self else { return false };
        let name = name.to_lowercase();
        list.iter().any(|pattern| {
            let pattern = pattern.to_lowercase();
            match pattern.strip_prefix('*') {
                Some(suffix) => name.ends_with(suffix),
                None => name == pattern,
            }
        })
    }
}

/// Removes the private fields of `record`.
pub fn strip_private(record: &mut Record, private: &Private) {
    record.fields.retain(|f| !private.removes(&f.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_fields_match_names_exactly_and_suffix_patterns() {
        let private = Private::default_list();
        assert!(private.removes("abbr"));
        assert!(private.removes("Award_URL"));
        assert!(private.removes("author+an"));
        assert!(private.removes("EDITOR+AN"));
        assert!(!private.removes("title"));
        assert!(!private.removes("abbreviation"));
        assert!(!private.removes("an"));
        assert!(!Private::Keep.removes("abbr"));
        assert!(Private::Strip(vec!["note".into()]).removes("NOTE"));
    }
}
