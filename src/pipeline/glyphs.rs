//! Characters no loaded font can show (they would print as empty boxes), as warnings located
//! where the user wrote them: in a bibliography entry (its file, line and column, naming the
//! entry's key and field) or in the profile (the first place the character appears there).
//! `cvgen pdf` and `cvgen check` both report them; the PDF is still written.
//!
//! The model finds the characters ([`render::missing_glyphs`], by the JSON path of the fields
//! they are in); this file turns a path back into the entry or profile field it came from (in the
//! last of a profile's files that has the character, when several are merged).

use std::collections::HashMap;
use std::path::Path;

use crate::bib::Bibliography;
use crate::diag::{Diagnostic, Sources};
use crate::model::{Cv, SectionBody};
use crate::render::{self, Fonts, ModelFiles};

/// What the fonts cannot show in `cv`.
pub struct Missing {
    /// One warning per field with characters no font has.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the native-script name is among them (a build leaves it out rather than print
    /// boxes).
    pub native_name: bool,
}

/// The one glyph step of every build: warns about the characters of `cv` that `fonts` cannot
/// show (they would print as empty boxes), leaves out a native-script name that cannot be shown
/// rather than print it as boxes, and names the CJK families the fonts have for the template.
/// Returns the warnings and the model as the template reads it ([`ModelFiles`]), serialised
/// once (twice only when a native-script name was left out).
pub fn fit(
    cv: &mut Cv,
    bib: &Bibliography,
    fonts: &Fonts,
    profiles: &[&Path],
    sources: &Sources,
) -> (Vec<Diagnostic>, ModelFiles) {
    (cv.design.cjk_serif, cv.design.cjk_sans) = fonts.cjk_families();
    let files = ModelFiles::new(cv);
    let missing = missing_in(files.full(), cv, bib, fonts, profiles, sources);
    if missing.native_name {
        cv.person.native_name = None;
        return (missing.diagnostics, ModelFiles::new(cv));
    }
    (missing.diagnostics, files)
}

/// The characters of `cv` that `fonts` cannot show, located in the bibliography `bib` (entries
/// read from files whose text `sources` has) or the profile, merged from `profiles` (the main one
/// first): a character of the profile is located in the last file that has it. `data` is `cv`
/// as `/cv.json`.
fn missing_in(
    data: &[u8],
    cv: &Cv,
    bib: &Bibliography,
    fonts: &Fonts,
    profiles: &[&Path],
    sources: &Sources,
) -> Missing {
    let found = render::missing_glyphs(data, fonts);
    let mut out = Missing { diagnostics: Vec::new(), native_name: false };
    if found.is_empty() {
        return out;
    }
    let by_id: HashMap<&str, usize> = bib.entries.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    for (path, chars) in found.into_iter().filter(|(path, _)| printed(path)) {
        let shown: Vec<String> = chars.chars().map(|c| format!("`{c}` (U+{:04X})", c as u32)).collect();
        let first = chars.chars().next().expect("a field is reported with the characters it misses");
        let native = path == "person.native_name";
        out.native_name |= native;
        let d = match publication_at(cv, &path) {
            Some((id, field)) if by_id.contains_key(id) => {
                let entry = &bib.entries[by_id[id]];
                let text = sources.get(&entry.file).unwrap_or_default();
                let span =
                    text.get(entry.span.clone()).and_then(|t| t.find(first)).map_or(entry.key_span.clone(), |at| {
                        entry.span.start + at..entry.span.start + at + first.len_utf8()
                    });
                Diagnostic::warning(format!(
                    "no loaded font has {} in the {field} of `{}`",
                    shown.join(", "),
                    entry.key
                ))
                .at(entry.file.to_path_buf(), span)
            }
            _ => {
                let found = profiles.iter().rev().find_map(|profile| {
                    let at = sources.get(profile)?.find(first)?;
                    Some((*profile, at..at + first.len_utf8()))
                });
                let (profile, span) = found.unwrap_or((profiles.first().copied().unwrap_or(Path::new("")), 0..0));
                Diagnostic::warning(format!("no loaded font has {} in `{}`", shown.join(", "), readable(cv, &path)))
                    .at(profile, span)
            }
        };
        let d = d.hint(
            "use the fonts installed on this computer with `--system-fonts`, or put a font that has them (e.g. Noto Sans CJK for Chinese, Japanese, Korean) in a `fonts/` folder next to the profile or a folder given with `--font-path DIR`",
        );
        out.diagnostics.push(if native { d.hint("the native-script name is left out until then") } else { d });
    }
    out
}

/// Whether a template prints the field at a JSON path as text: not the rich-text copies of
/// plain fields (`text_spans`: the plain field is reported), not a citation's label, not keys,
/// ids, addresses and the metadata built from other fields.
fn printed(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    let copy_or_metadata = path.contains("_spans") || path.contains(".papers[") || path.starts_with("meta.");
    let not_text = path.starts_with("design.")
        || ["key", "id", "anchor", "category", "category_rule", "url", "kind"].contains(&last);
    !copy_or_metadata && !not_text
}

/// The id of the publication a JSON path is in, and the field (`title`, `authors`), when the
/// path is in a publication list: `sections[2].groups[0].items[5].title`.
fn publication_at<'a>(cv: &'a Cv, path: &'a str) -> Option<(&'a str, &'a str)> {
    let rest = path.strip_prefix("sections[")?;
    let (section, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".groups[")?;
    let (group, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".items[")?;
    let (item, rest) = rest.split_once("].")?;
    let SectionBody::Publications(list) = &cv.sections.get(section.parse::<usize>().ok()?)?.body else { return None };
    let p = list.groups.get(group.parse::<usize>().ok()?)?.items.get(item.parse::<usize>().ok()?)?;
    let field = rest.split(['.', '[']).next().unwrap_or(rest);
    let field = match field {
        "authors" => "author list",
        "venue_short" => "venue badge",
        other => other,
    };
    Some((p.id.as_str(), field))
}

/// A JSON path with the section's id for its index: `honors[0].title` for
/// `sections[3].entries[0].title`.
fn readable(cv: &Cv, path: &str) -> String {
    let named = || {
        let rest = path.strip_prefix("sections[")?;
        let (index, rest) = rest.split_once(']')?;
        let section = cv.sections.get(index.parse::<usize>().ok()?)?;
        let rest = [".entries", ".items", ".rows", ".text"].iter().find_map(|f| rest.strip_prefix(f)).unwrap_or(rest);
        Some(format!("{}{rest}", section.id))
    };
    named().unwrap_or_else(|| path.to_owned())
}
