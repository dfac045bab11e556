//! Other tools' names for the fields cvgen shows (`_venue` for `abbr`, `url_code` for `code`),
//! from the data file `assets/aliases.tsv`, and the fields cvgen shows at all, for the lint that
//! catches a misspelled one. Pure.

use std::sync::OnceLock;

/// The table, as shipped.
const TABLE: &str = include_str!("../../assets/aliases.tsv");

/// The fields cvgen reads for display beyond the standard BibTeX ones: badges, selection,
/// awards, link buttons, categories (al-folio's names and cvgen's).
pub const DISPLAY_FIELDS: &[&str] = &[
    "abbr",
    "selected",
    "award",
    "award_name",
    "award_url",
    "pdf",
    "code",
    "html",
    "website",
    "blog",
    "slides",
    "poster",
    "video",
    "dataset",
    "links",
    "arxiv",
    "category",
    "preview",
    "bibtex_show",
    "annotation",
    "supp",
];

/// One alias: the name other tools write and the field it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// `_venue`.
    pub alias: String,
    /// `abbr`.
    pub field: String,
}

/// Parses the alias table; `Err` names the first bad line.
pub fn parse(text: &str) -> Result<Vec<Alias>, String> {
    let mut out: Vec<Alias> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [alias, field, _source] = cells[..] else { return Err(format!("line {}: `{line}`", n + 1)) };
        if out.iter().any(|a| a.alias == alias) {
            return Err(format!("line {}: `{alias}` is listed twice", n + 1));
        }
        out.push(Alias { alias: alias.to_owned(), field: field.to_owned() });
    }
    Ok(out)
}

/// The shipped aliases, parsed once.
pub fn all() -> &'static [Alias] {
    static ALL: OnceLock<Vec<Alias>> = OnceLock::new();
    ALL.get_or_init(|| parse(TABLE).expect("assets/aliases.tsv is checked by a test"))
}

/// The aliases of `field` (lowercase), in the table's order.
pub fn of(field: &str) -> impl Iterator<Item = &'static str> {
    all().iter().filter(move |a| a.field == field).map(|a| a.alias.as_str())
}

/// Whether a field name (any case) is one cvgen shows or an alias of one.
pub fn is_known_display_field(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    DISPLAY_FIELDS.contains(&name.as_str()) || all().iter().any(|a| a.alias == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_alias_stands_for_a_shown_field() {
        let aliases = parse(TABLE).unwrap();
        assert!(aliases.len() >= 20);
        for alias in &aliases {
            assert!(DISPLAY_FIELDS.contains(&alias.field.as_str()) || alias.field == "note", "{alias:?}");
            assert!(!DISPLAY_FIELDS.contains(&alias.alias.as_str()), "{} is a field of its own", alias.alias);
        }
        assert_eq!(of("code").collect::<Vec<_>>(), ["code_url", "codeurl", "url_code", "url_source"]);
    }
}
