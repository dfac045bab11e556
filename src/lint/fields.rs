//! A field that looks meant for display but that cvgen does not know: a name starting with `_`
//! (the bamos/cv-style generators' convention) or a link field (`*_url`, `url_*`), misspelled or
//! from a tool cvgen has no alias for. Without this lint, a badge or a code link vanishes from
//! the CV without a word. Pure.

use crate::bib::{Bibliography, aliases};
use crate::diag::{self, Diagnostic};

/// Fields of other tools that look like display fields but are no mistake.
const STANDARD: &[&str] = &["_file"];

/// A warning for every field of `bib` that looks like a display field cvgen does not read.
pub fn unknown_display_fields(bib: &Bibliography) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in &bib.entries {
        for field in &entry.fields {
            let name = field.name.to_ascii_lowercase();
            let looks_displayed = name.starts_with('_') || name.ends_with("_url") || name.starts_with("url_");
            if !looks_displayed || STANDARD.contains(&name.as_str()) || aliases::is_known_display_field(&name) {
                continue;
            }
            let known = aliases::DISPLAY_FIELDS.iter().copied().chain(aliases::all().iter().map(|a| a.alias.as_str()));
            let d = Diagnostic::warning(format!("cvgen does not show the field `{}` of `{}`", field.name, entry.key))
                .at(entry.file.to_path_buf(), field.name_span.clone());
            out.push(match diag::closest(&name, known) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint("the fields cvgen shows and the other tools' names it reads are listed in docs/bibliography.md (\"Fields\")"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelled_display_fields_are_named() {
        let (bib, _) = crate::bib::parse(
            "@misc{k, _venue = {NeurIPS}, _vneue = {X}, code_url = {https://a.b}, url_cdoe = {y}, biburl = {https://dblp.org}, urldate = {2024}, x_url = {z}}",
            std::path::Path::new("refs.bib"),
        );
        let found: Vec<(String, String)> =
            unknown_display_fields(&bib).into_iter().map(|d| (d.message, d.hints[0].clone())).collect();
        assert_eq!(
            found,
            [
                ("cvgen does not show the field `_vneue` of `k`".to_owned(), "did you mean `_venue`?".to_owned()),
                ("cvgen does not show the field `url_cdoe` of `k`".to_owned(), "did you mean `url_code`?".to_owned()),
                (
                    "cvgen does not show the field `x_url` of `k`".to_owned(),
                    "the fields cvgen shows and the other tools' names it reads are listed in docs/bibliography.md (\"Fields\")".to_owned()
                ),
            ]
        );
    }
}
