//! What the profile's rich text asks that cannot be done, as diagnostics located where the
//! profile writes it: citations of the owner's papers (`[@key]`, `papers: [key]`) that cannot be
//! printed as asked, and links (`[text](address)`) that are not web addresses. The model decides
//! what is asked ([`crate::model::TextFindings`]); this file finds the place in the profile's text
//! (in its files, the later first, when several are merged: a later file's value wins).

use std::ops::Range;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::lint::url_problem;
use crate::model::{CiteProblem, TextFindings};

/// One diagnostic per unresolved citation and per link that is not a web address, at its first
/// place in `text` (the profile at `path`).
pub fn diagnostics(findings: &TextFindings, path: &Path, text: &str) -> Vec<Diagnostic> {
    diagnostics_in(findings, &[(path, text)])
}

/// [`diagnostics`] for a profile of several `files` (path and text, the main profile first): each
/// at its place in the last file that has it, else at the start of the main profile.
pub fn diagnostics_in<'a>(findings: &TextFindings, files: &[(&'a Path, &'a str)]) -> Vec<Diagnostic> {
    let main = files.first().map_or(Path::new(""), |(path, _)| *path);
    let locate = |find: &dyn Fn(&str) -> Option<Range<usize>>| -> (&Path, Range<usize>) {
        files.iter().rev().find_map(|(path, text)| find(text).map(|span| (*path, span))).unwrap_or((main, 0..0))
    };
    let links = findings.links.iter().filter_map(|link| {
        let problem = url_problem(link)?;
        let (path, span) = locate(&|text| text.find(&format!("]({link}")).map(|i| i + 2..i + 2 + link.len()));
        Some(
            Diagnostic::warning(format!("link is not a web address ({problem}): `{link}`"))
                .at(path, span)
                .hint("write the full address, starting with `https://`: `[text](https://example.org)`"),
        )
    });
    // Each file's words and brackets are indexed once: looking each key (or each malformed
    // citation) up in the whole text was quadratic (10,000 unknown keys on one line took 40 s).
    let indexes: Vec<(&Path, Words, Brackets)> = if findings.unresolved.is_empty() {
        Vec::new()
    } else {
        files.iter().map(|(p, t)| (*p, Words::new(t), Brackets::new(t))).collect()
    };
    let citations = findings.unresolved.iter().map(|u| {
        let place = |(path, words, brackets): &(&'a Path, Words, Brackets)| {
            match u.problem {
                CiteProblem::Malformed => brackets.place(&u.key),
                _ => words.place(&u.key),
            }
            .map(|span| (*path, span))
        };
        let (path, span) = indexes.iter().rev().find_map(place).unwrap_or((main, 0..0));
        match &u.problem {
            CiteProblem::Unknown { closest } => {
                let d = Diagnostic::error(format!("unknown citation key `{}`", u.key)).at(path, span);
                match closest {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("a citation names a key of the bibliography: `[@zhu2025apollo]`"),
                }
            }
            CiteProblem::Ambiguous { entries } => {
                let places: Vec<String> = entries.iter().map(|(_, place)| format!("`{place}`")).collect();
                let ids: Vec<String> = entries
                    .iter()
                    .enumerate()
                    .map(|(i, (id, place))| {
                        let id = if i == 0 { format!("{id}-1") } else { id.clone() };
                        format!("`[@{id}]` for `{place}`")
                    })
                    .collect();
                Diagnostic::error(format!(
                    "the citation key `{}` names {} entries: {}",
                    u.key,
                    entries.len(),
                    places.join(" and ")
                ))
                .at(path, span)
                .hint(format!("cite the one you mean: {}", ids.join(", ")))
            }
            CiteProblem::Malformed => Diagnostic::error(format!("`[{}]` is not a citation cvgen can print", u.key))
                .at(path, span)
                .label("only `@key`s separated by `;` may stand in a citation's brackets")
                .hint("write `[@a; @b]`; put a prefix (`see`) or a locator (`p. 3`) outside the brackets")
                .hint("to print the brackets as written, escape the first one: `\\[`"),
            CiteProblem::NotListed => Diagnostic::warning(format!(
                "`{}` is cited but no publication list shows it",
                u.key
            ))
            .at(path, span)
            .hint(
                "it prints as its short title and year; add it to a list (`select: {keys: [...]}`) to print its label",
            ),
        }
    });
    citations.chain(links).collect()
}

/// The first place of every word of a text (a run of letters, digits and `_-:./+`), and of every
/// word written after `@`.
struct Words<'a> {
    cited: std::collections::HashMap<&'a str, usize>,
    named: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        let part = |c: char| c.is_alphanumeric() || "_-:./+".contains(c);
        let (mut cited, mut named) = (std::collections::HashMap::new(), std::collections::HashMap::new());
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (part(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let word = &text[s..i];
                    named.entry(word).or_insert(s);
                    if text[..s].ends_with('@') {
                        cited.entry(word).or_insert(s);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        Self { cited, named }
    }

    /// Where `key` is first cited: `@key`, else the key as a word (a `papers:` list).
    fn place(&self, key: &str) -> Option<Range<usize>> {
        let at = self.cited.get(key).or_else(|| self.named.get(key))?;
        Some(*at..*at + key.len())
    }
}

/// The longest text between brackets that is indexed, in bytes.
const MAX_BRACKETS: usize = 4096;

/// The first place of what every pair of brackets of a text holds (`see @a, p. 3` of
/// `[see @a, p. 3]`), inner pairs too: one pass, a stack of the open brackets.
struct Brackets<'a> {
    held: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Brackets<'a> {
    fn new(text: &'a str) -> Self {
        let (mut held, mut open) = (std::collections::HashMap::new(), Vec::new());
        for (i, b) in text.bytes().enumerate() {
            match b {
                b'[' => open.push(i + 1),
                b']' => {
                    // Deep nesting would hash the line again at every level: brackets longer
                    // than a citation could be are not indexed (such a one is found nowhere).
                    if let Some(start) = open.pop().filter(|start| i - start <= MAX_BRACKETS) {
                        held.entry(&text[start..i]).or_insert(start);
                    }
                }
                // A citation's brackets stand on one line.
                b'\n' => open.clear(),
                _ => {}
            }
        }
        Self { held }
    }

    /// Where brackets first hold exactly `inner`.
    fn place(&self, inner: &str) -> Option<Range<usize>> {
        self.held.get(inner).map(|&at| at..at + inner.len())
    }
}

/// Where `key` is first cited in `text`: `@key`, else the key as a word (a `papers:` list).
#[cfg(test)]
fn place(text: &str, key: &str) -> Range<usize> {
    let whole = |at: usize| {
        let end = at + key.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "_-:./+".contains(c));
        !part(before) && !part(after)
    };
    let cited = text.match_indices(&format!("@{key}")).map(|(i, _)| i + 1).find(|&i| whole(i));
    let named = || text.match_indices(key).map(|(i, _)| i).find(|&i| whole(i));
    cited.or_else(named).map_or(0..0, |i| i..i + key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_where_they_are_written() {
        let text = "honors:\n  - title: Best Paper [@apollo2]\n    papers: [apollo, pace]\n";
        assert_eq!(&text[place(text, "apollo")], "apollo");
        assert_eq!(place(text, "apollo").start, text.find("[apollo").unwrap() + 1);
        assert_eq!(place(text, "apollo2").start, text.find("@apollo2").unwrap() + 1);
        assert_eq!(place(text, "gone"), 0..0);
        let brackets = Brackets::new(text);
        assert_eq!(brackets.place("apollo2"), None, "`[@apollo2]` holds `@apollo2`");
        assert_eq!(&text[brackets.place("@apollo2").unwrap()], "@apollo2");
        let nested = "a: [see [@x], p. 3] and [see [@x], p. 3]\n";
        assert_eq!(Brackets::new(nested).place("see [@x], p. 3"), Some(4..18));
        let words = Words::new(text);
        for key in ["apollo", "apollo2", "pace", "gone"] {
            assert_eq!(words.place(key).unwrap_or(0..0), place(text, key), "{key}");
        }
    }
}
