//! `cvgen bib --with-profile`: the profile's additions (`publications.papers`,
//! `publications.rename`) written into the export under the field names al-folio reads, so the
//! export is a working al-folio `_bibliography/papers.bib`: `selected = {true}`, `abbr`, `note`,
//! the link buttons (`code`, `slides`, `video`, …), and the role marks in the names as al-folio
//! writes them (`Einstein*†, A.`). al-folio's display fields are kept, not stripped as private,
//! and other tools' names for them (`_venue`, `code_url`) are written under al-folio's.
//!
//! Pure: the caller (the pipeline, which reads the profile) says what to add, as plain data.

use super::private::{Private, is_alfolio_field};
use super::writer::{Field, Record};
use crate::bib::ValuePart;

/// What the profile adds to one entry, in al-folio's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Additions {
    /// Fields to write (lowercase name, text), each replacing the entry's field of that name.
    pub set: Vec<(String, String)>,
    /// Fields to remove (lowercase names).
    pub remove: Vec<String>,
    /// The role marks of each author in order (`*†`, or empty), when the profile sets them.
    pub marks: Option<Vec<String>>,
    /// A new name for an author (by position from 0), from `publications.rename`.
    pub names: Vec<(usize, String)>,
}

/// The private list of a `--with-profile` export: `private` without al-folio's display fields
/// and cvgen's `category` (which the profile's `category` is written as).
pub fn keep_alfolio_fields(private: Private) -> Private {
    let kept = |f: &String| {
        let f = f.to_lowercase();
        is_alfolio_field(&f) || f == "category"
    };
    match private {
        Private::Keep => Private::Keep,
        Private::Strip(list) => Private::Strip(list.into_iter().filter(|f| !kept(f)).collect()),
    }
}

/// Writes other tools' names for al-folio's fields under al-folio's (`_venue` → `abbr`,
/// `code_url` → `code`, `_selected` → `selected`), unless the entry already has that field.
pub fn canonical_names(record: &mut Record) {
    for alias in crate::bib::aliases::all() {
        if !is_alfolio_field(&alias.field) && alias.field != "note" {
            continue;
        }
        if record.has(&alias.field) {
            continue;
        }
        if let Some(at) = record.position(&alias.alias) {
            record.fields[at].name = alias.field.clone();
        }
    }
}

/// Applies `add` to `record`.
pub fn apply(record: &mut Record, add: &Additions) {
    for name in &add.remove {
        record.remove(name);
    }
    for (name, text) in &add.set {
        let field = Field::text(name, text.clone());
        match record.position(name) {
            Some(at) => record.fields[at] = field,
            None => record.fields.push(field),
        }
    }
    if add.marks.is_none() && add.names.is_empty() {
        return;
    }
    let Some(at) = record.position("author") else { return };
    // A value of macros and `#` is left as written: only one literal can be split into names.
    let [ValuePart::Text(text)] = record.fields[at].value.as_slice() else { return };
    let mut names = split_names(text);
    let mut n = 0;
    for name in &mut names {
        if name.trim().eq_ignore_ascii_case("others") {
            continue;
        }
        if let Some((_, new)) = add.names.iter().find(|(i, _)| *i == n) {
            *name = new.clone();
        }
        if let Some(marks) = &add.marks {
            *name = with_marks(name, marks.get(n).map_or("", String::as_str));
        }
        n += 1;
    }
    record.fields[at].value = vec![ValuePart::Text(names.join(" and "))];
}

/// The names of an `author` value: split at ` and ` outside braces.
fn split_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_ascii_whitespace() => {
                let rest = &text[i..];
                let word = rest.trim_start();
                let skipped = rest.len() - word.len();
                let and = word.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("and"));
                if and && word.as_bytes().get(3).is_some_and(u8::is_ascii_whitespace) {
                    out.push(text[start..i].trim().to_owned());
                    let after = &word[3..];
                    i += skipped + 3 + (after.len() - after.trim_start().len());
                    start = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push(text[start..].trim().to_owned());
    out
}

/// `name` with its role marks replaced by `marks`, written after the family name as al-folio
/// does (`Zhu*, Hanqing`; `Hanqing Zhu*` when the name has no comma).
fn with_marks(name: &str, marks: &str) -> String {
    let mut bare = name.to_owned();
    for mark in ["$^{\\dagger}$", "$^\\dagger$", "$^{*}$", "$^*$", "\\textsuperscript{*}", "*", "†", "‡"] {
        bare = bare.replace(mark, "");
    }
    let bare = bare.trim();
    match top_level_comma(bare) {
        Some(at) => format!("{}{marks}{}", bare[..at].trim_end(), &bare[at..]),
        None => format!("{bare}{marks}"),
    }
}

/// Where the first comma outside braces is.
fn top_level_comma(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_outside_braces_and_marks_go_after_the_family_name() {
        assert_eq!(
            split_names("Zhu, Hanqing and {Barnes and Noble} AND Pan, David Z"),
            ["Zhu, Hanqing", "{Barnes and Noble}", "Pan, David Z"]
        );
        assert_eq!(with_marks("Zhu, Hanqing", "*"), "Zhu*, Hanqing");
        assert_eq!(with_marks("Hanqing Zhu*", ""), "Hanqing Zhu");
        assert_eq!(with_marks("David Z. Pan$^{\\dagger}$", "†"), "David Z. Pan†");
        assert_eq!(with_marks("Einstein, A.", "*†"), "Einstein*†, A.");
    }

    #[test]
    fn the_profile_marks_replace_the_bibliography_s() {
        let mut record = Record {
            kind: "article".into(),
            key: "a".into(),
            fields: vec![
                Field::text("author", "Ning, Shupeng* and Zhu, Hanqing* and others"),
                Field::text("_venue", "X"),
            ],
        };
        canonical_names(&mut record);
        apply(
            &mut record,
            &Additions {
                set: vec![("selected".into(), "true".into())],
                remove: Vec::new(),
                marks: Some(vec![String::new(), "*".into()]),
                names: vec![(0, "Shupeng Ning".into())],
            },
        );
        assert_eq!(record.fields[0].value, [ValuePart::Text("Shupeng Ning and Zhu*, Hanqing and others".into())]);
        assert_eq!(record.fields[1].name, "abbr");
        assert_eq!(record.fields[2], Field::text("selected", "true"));
    }
}
