//! The private fields `cvgen bib` strips: cvgen's and al-folio's display fields, or the
//! profile's own list (`publications.private_fields`); `--keep-private` keeps them all.
//!
//! Pure: names in, a verdict out.

use super::writer::Record;

/// The display fields, one data file for `cvgen bib`'s private list and `--with-profile`'s
/// al-folio fields (`assets/display-fields.tsv`).
const DISPLAY_FIELDS: &str = include_str!("../../../assets/display-fields.tsv");

/// Every display field with whose it is (`al-folio` or `cvgen`), in the file's order.
pub fn display_fields() -> impl Iterator<Item = (&'static str, &'static str)> {
    DISPLAY_FIELDS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| {
        let mut cols = l.split('\t');
        Some((cols.next()?, cols.next()?))
    })
}

/// Whether `name` (lowercase) is one of al-folio's display fields.
pub fn is_alfolio_field(name: &str) -> bool {
    display_fields().any(|(field, whose)| whose == "al-folio" && field == name)
}

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
    /// The built-in list: every display field ([`display_fields`]) and every alias of one
    /// (`assets/aliases.tsv`).
    pub fn default_list() -> Self {
        let aliases = crate::bib::aliases::all().iter().map(|a| a.alias.clone());
        Private::Strip(display_fields().map(|(field, _)| field.to_owned()).chain(aliases).collect())
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
    fn the_display_fields_file_is_well_formed() {
        let fields: Vec<_> = display_fields().collect();
        assert_eq!(
            DISPLAY_FIELDS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count(),
            fields.len()
        );
        for (i, (field, whose)) in fields.iter().enumerate() {
            assert!(["al-folio", "cvgen"].contains(whose), "{field}: {whose}");
            assert_eq!(*field, field.to_lowercase(), "field names are lowercase");
            assert!(!fields[..i].iter().any(|(f, _)| f == field), "{field} twice");
        }
        assert!(is_alfolio_field("selected") && !is_alfolio_field("category"));
    }

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
