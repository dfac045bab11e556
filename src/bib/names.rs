//! Author names: reading them (DBLP's homonym numbers dropped, a particle written after the given
//! name found), showing them (as written, or with initials dotted the way a committee expects),
//! al-folio role marks (`Zhu*`, `Tian*†`), and matching the CV owner. Pure; knows nothing of the
//! profile (the model picks the display style).
//!
//! Matching compares normalised names (case, accents and braces ignored: `M{\"u}ller` = `Müller` =
//! `muller`; `Zhu, Hanqing` = `Hanqing Zhu`; `Kai-Sheng` = `Kai Sheng` = `Kaisheng`; a particle
//! may be left out: `Jean Fontaine` = `Jean de la Fontaine`) and never takes a stranger:
//!
//! - a variant written with initials (`H. Zhu`) matches only an author written with initials:
//!   `Zhu, H.`, `H Zhu`, `H.Z. Zhu`, Google Scholar's `Zhu, HQ` (the variant's initials begin the
//!   author's);
//! - a variant with a full given name (`Hanqing Zhu`) matches only that given name (`Hao Zhu` is
//!   someone else, and so is `H. Zhu`: add `H. Zhu` to the variants to take it); a middle initial
//!   may stand for a middle name (`David Z. Pan` = `David Zhiqiang Pan`), never a first one.
//!
//! Google Scholar runs initials together (`Morris, CL`, `Pan, DZ`): a given name of two or three
//! capitals is read as initials, unless the whole name is in capitals (`ZHOU, BO`) or it is a
//! generation number after a given name (`John III`). `Li, Yi`, `Ng, Andrew` and `Wu, Jo` are names.

use biblatex::{Chunk, Spanned};
use unicode_normalization::UnicodeNormalization;

use super::latex;

/// An author as cvgen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Given names (`Hanqing`, `David Z.`).
    pub given: String,
    /// Particles (`van`, `de la`).
    pub prefix: String,
    /// Family name.
    pub family: String,
    /// `Jr.`, `III`.
    pub suffix: String,
}

impl Name {
    /// Converts a parsed person, turning LaTeX into text.
    pub fn from_person(person: &biblatex::Person) -> Self {
        let mut name = Self {
            given: latex::normal_to_text(&person.given_name).trim().to_owned(),
            prefix: latex::normal_to_text(&person.prefix).trim().to_owned(),
            family: latex::normal_to_text(&person.name).trim().to_owned(),
            suffix: latex::normal_to_text(&person.suffix).trim().to_owned(),
        };
        name.tidy();
        name
    }

    /// Parses a name written by the user in the profile: `Hanqing Zhu`, `Zhu, Hanqing`, `H. Zhu`,
    /// `Jean de la Fontaine`, the way BibTeX reads an author.
    pub fn parse_plain(text: &str) -> Self {
        let text = latex::normal_to_text(text);
        let text = text.trim();
        let mut name = if text.contains(',') || text.chars().any(char::is_uppercase) {
            // A real span: the crate adds offsets to it while splitting, which overflows on the
            // `usize::MAX` of a detached one (`owner: =,` panicked; found by fuzzing).
            let person = biblatex::Person::parse(&[Spanned::new(Chunk::Normal(text.to_owned()), 0..text.len())]);
            Self {
                given: person.given_name.trim().to_owned(),
                prefix: person.prefix.trim().to_owned(),
                family: person.name.trim().to_owned(),
                suffix: person.suffix.trim().to_owned(),
            }
        } else {
            // All in lowercase, BibTeX would read every word but the last as a particle.
            let (given, family) = text.rsplit_once(char::is_whitespace).unwrap_or(("", text));
            Self {
                given: given.trim().to_owned(),
                prefix: String::new(),
                family: family.to_owned(),
                suffix: String::new(),
            }
        };
        name.tidy();
        name
    }

    /// Drops DBLP's homonym number (`Hanqing Zhu 0001`: BibTeX reads `0001` as the family name)
    /// and moves particles written after the given name (`Fontaine, Jean de la`) to the prefix.
    fn tidy(&mut self) {
        let family_is_number = is_homonym_number(&self.family);
        for part in [&mut self.given, &mut self.family, &mut self.suffix] {
            if is_homonym_number(part) {
                part.clear();
            } else if let Some(rest) = without_homonym_number(part) {
                *part = rest.to_owned();
            }
        }
        if family_is_number {
            let given = std::mem::take(&mut self.given);
            let (rest, last) = given.rsplit_once(char::is_whitespace).unwrap_or(("", &given));
            self.family = last.to_owned();
            self.given = rest.trim_end().to_owned();
        }
        if self.prefix.is_empty() {
            let words: Vec<&str> = self.given.split_whitespace().collect();
            let lower = words.iter().rev().take_while(|w| w.starts_with(char::is_lowercase)).count();
            if lower > 0 && lower < words.len() {
                let (given, particles) = words.split_at(words.len() - lower);
                self.prefix = particles.join(" ");
                self.given = given.join(" ");
            }
        }
    }

    /// `Given prefix Family, Suffix`; a name in a CJK script family first with no space
    /// (`李, 四` → `李四`), as citeproc and hayagriva print it and its readers expect.
    pub fn display(&self) -> String {
        if self.is_cjk() {
            return format!("{}{}{}", self.prefix, self.family, self.given);
        }
        let mut out = String::new();
        for part in [&self.given, &self.prefix, &self.family] {
            if !part.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(part);
            }
        }
        if !self.suffix.is_empty() {
            out.push_str(", ");
            out.push_str(&self.suffix);
        }
        out
    }

    /// The name with its initials as a committee expects them: a lone initial gets its period
    /// (`David Z` → `David Z.`), initials are spaced (`H.Z.` → `H. Z.`) and Google Scholar's
    /// run-together capitals are initials (`Morris, CL` → `C. L. Morris`). Full names stay.
    pub fn dotted(&self) -> Self {
        let shouted = is_shouted(&self.family);
        let given = self
            .given
            .split_whitespace()
            .enumerate()
            .map(|(i, word)| {
                word.split('-').map(|part| dot_initials(part, i == 0, shouted)).collect::<Vec<_>>().join("-")
            })
            .collect::<Vec<_>>()
            .join(" ");
        Self { given, ..self.clone() }
    }

    /// Whether the name has a family and a given name written only in CJK scripts (Han, kana,
    /// Hangul), which put the family name first without a space.
    pub fn is_cjk(&self) -> bool {
        let cjk = |part: &str| {
            part.chars().any(is_cjk_char) && part.chars().all(|c| is_cjk_char(c) || c.is_whitespace() || c == '·')
        };
        !self.family.is_empty()
            && !self.given.is_empty()
            && cjk(&self.family)
            && cjk(&self.given)
            && self.suffix.is_empty()
    }

    /// BibTeX's `and others`.
    pub fn is_others(&self) -> bool {
        self.given.is_empty() && self.prefix.is_empty() && self.family.eq_ignore_ascii_case("others")
    }
}

/// A letter of a CJK script: Han ideographs (with their extensions and compatibility forms),
/// hiragana, katakana and Hangul.
fn is_cjk_char(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0x1100..=0x11FF // Hangul jamo
        | 0x3130..=0x318F // Hangul compatibility jamo
        | 0xF900..=0xFAFF // Han compatibility
        | 0x31F0..=0x31FF // katakana extensions
        | 0x20000..=0x323AF // Han extensions B to H
    )
}

/// DBLP's homonym number: four digits (`0001`).
fn is_homonym_number(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// `text` without a trailing homonym number (`Zhu 0001` → `Zhu`), if it has one.
fn without_homonym_number(text: &str) -> Option<&str> {
    let (rest, last) = text.trim_end().rsplit_once(char::is_whitespace)?;
    is_homonym_number(last).then(|| rest.trim_end())
}

/// A family name written in capitals (`ZHOU`): its given names are in capitals too, so two or
/// three capitals there are a name (`BO`), not initials.
fn is_shouted(family: &str) -> bool {
    family.chars().filter(|c| c.is_alphabetic()).count() > 1 && !family.chars().any(char::is_lowercase)
}

/// The letters of Google Scholar's run-together initials (`CL`, `DZ`, `HQ.`): two or three
/// capitals and nothing else, not in a name written in capitals, and not a generation number
/// (`III`) after a first given name.
fn run_together(word: &str, first: bool, shouted: bool) -> Option<Vec<char>> {
    if shouted {
        return None;
    }
    let letters: Vec<char> = word.strip_suffix('.').unwrap_or(word).chars().collect();
    let capitals = (2..=3).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase());
    let generation = !first && letters.iter().all(|c| matches!(c, 'I' | 'V' | 'X'));
    (capitals && !generation).then_some(letters)
}

/// One hyphen-separated part of a given name, dotted: `Z` → `Z.`, `H.Z.` → `H. Z.`, `CL` →
/// `C. L.`; anything else as it is.
fn dot_initials(part: &str, first: bool, shouted: bool) -> String {
    let spaced =
        |letters: &mut dyn Iterator<Item = char>| letters.map(|c| format!("{c}.")).collect::<Vec<_>>().join(" ");
    if let Some(letters) = run_together(part, first, shouted) {
        return spaced(&mut letters.into_iter());
    }
    let pieces: Vec<&str> = part.split('.').filter(|p| !p.is_empty()).collect();
    let single_capital = |p: &&str| {
        let mut chars = p.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    };
    if !pieces.is_empty() && pieces.iter().all(single_capital) {
        return spaced(&mut pieces.iter().filter_map(|p| p.chars().next()));
    }
    part.to_owned()
}

/// Role marks found glued to a name, al-folio style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// `*`: equal contribution.
    pub equal: bool,
    /// `†`: corresponding author.
    pub corresponding: bool,
}

/// Removes trailing role marks (`*`, `†`, `^*`, `$^\dagger$`) from every part of `name`.
pub fn strip_marks(name: &mut Name) -> Marks {
    let mut marks = Marks::default();
    for part in [&mut name.given, &mut name.family, &mut name.suffix] {
        loop {
            let trimmed = part.trim_end();
            let stripped = trimmed
                .strip_suffix('*')
                .map(|r| (r, true, false))
                .or_else(|| trimmed.strip_suffix('∗').map(|r| (r, true, false)))
                .or_else(|| trimmed.strip_suffix('†').map(|r| (r, false, true)))
                .or_else(|| trimmed.strip_suffix('^').map(|r| (r, false, false)));
            match stripped {
                Some((rest, equal, corresponding)) => {
                    marks.equal |= equal;
                    marks.corresponding |= corresponding;
                    *part = rest.trim_end().to_owned();
                }
                None => break,
            }
        }
    }
    marks
}

/// Lowercase, accents and punctuation removed, hyphens as spaces.
///
/// Every author of every paper goes through this, so it writes its output in one pass, and only
/// text with non-ASCII characters is decomposed to strip accents.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    let mut push = |c: char| match c {
        '-' | ' ' | '\u{a0}' | '~' | '.' => gap = !out.is_empty(),
        c if c.is_alphanumeric() => {
            if std::mem::take(&mut gap) {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        _ => {}
    };
    if text.is_ascii() {
        text.chars().for_each(&mut push);
    } else {
        text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).for_each(&mut push);
    }
    out
}

/// How an author's name compares with the owner's variants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum OwnerMatch {
    /// Another family name.
    #[default]
    Other,
    /// The owner's family name, but no variant takes the given names: a co-author (`Keren Zhu`),
    /// or the owner written in a way the variants do not cover.
    SameFamily {
        /// A variant with initials whose initials are those of this author's full given names
        /// (`H. Zhu` for `Hanqing Zhu`): it does not match, as it takes only names written with
        /// initials.
        initials_of: Option<String>,
    },
    /// The owner, taken by this variant (as written in the profile).
    Variant(String),
}

impl OwnerMatch {
    /// Whether the author is the owner.
    pub fn is_owner(&self) -> bool {
        matches!(self, OwnerMatch::Variant(_))
    }
}

/// The owner's name variants, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct OwnerMatcher {
    variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
struct Variant {
    /// As written in the profile.
    written: String,
    family: Family,
    given: Vec<GivenToken>,
}

/// A family name, normalised, with and without its particle.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Family {
    /// `fontaine`.
    bare: String,
    /// `de la fontaine`, when there is a particle.
    with_prefix: Option<String>,
}

impl Family {
    fn of(name: &Name) -> Self {
        let with_prefix = (!name.prefix.is_empty()).then(|| normalize(&format!("{} {}", name.prefix, name.family)));
        Self { bare: normalize(&name.family), with_prefix }
    }

    fn full(&self) -> &str {
        self.with_prefix.as_deref().unwrap_or(&self.bare)
    }

    /// The same family, a particle written on one side only allowed (`Fontaine` = `de la Fontaine`).
    fn same(&self, other: &Family) -> bool {
        self.full() == other.full()
            || (self.with_prefix.is_none() && self.bare == other.bare)
            || (other.with_prefix.is_none() && other.bare == self.bare)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum GivenToken {
    Full(String),
    Initial(char),
}

/// The given names as full names and initials: `Kai-Sheng` gives two names, `H.Z.` and
/// Google Scholar's `HZ` two initials.
fn given_tokens(given: &str, shouted: bool) -> Vec<GivenToken> {
    let mut tokens = Vec::new();
    let words = given.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '–')).filter(|w| !w.is_empty());
    for (i, word) in words.enumerate() {
        if let Some(letters) = run_together(word, i == 0, shouted) {
            tokens.extend(
                letters.iter().filter_map(|c| normalize(&c.to_string()).chars().next()).map(GivenToken::Initial),
            );
            continue;
        }
        for piece in word.split('.').filter(|p| !p.is_empty()) {
            let norm = normalize(piece);
            let mut chars = norm.chars();
            match (chars.next(), chars.next()) {
                (None, _) => {}
                (Some(initial), None) => tokens.push(GivenToken::Initial(initial)),
                (Some(_), Some(_)) => tokens.push(GivenToken::Full(norm)),
            }
        }
    }
    tokens
}

/// Given names written with initials only (`H.`, `H. Z.`, `HZ`).
fn all_initials(tokens: &[GivenToken]) -> bool {
    !tokens.is_empty() && tokens.iter().all(|t| matches!(t, GivenToken::Initial(_)))
}

/// Whether the given names of a variant take an author's.
fn given_match(variant: &[GivenToken], author: &[GivenToken]) -> bool {
    if variant.is_empty() || author.is_empty() {
        return variant.is_empty() && author.is_empty();
    }
    match (all_initials(variant), all_initials(author)) {
        // `H. Zhu` takes `H. Zhu` and `H. Q. Zhu`.
        (true, true) => variant.len() <= author.len() && variant.iter().zip(author).all(|(v, a)| v == a),
        (false, false) => {
            let in_order = variant.len() == author.len()
                && variant.iter().zip(author).enumerate().all(|(i, pair)| match pair {
                    (GivenToken::Full(v), GivenToken::Full(a)) => v == a,
                    (GivenToken::Initial(v), GivenToken::Initial(a)) => v == a,
                    // A middle initial for a middle name, never for the first one.
                    (GivenToken::Initial(c), GivenToken::Full(name))
                    | (GivenToken::Full(name), GivenToken::Initial(c)) => i > 0 && name.starts_with(*c),
                });
            // `Kai-Sheng` = `Kaisheng`.
            let joined = |tokens: &[GivenToken]| -> Option<String> {
                tokens
                    .iter()
                    .map(|t| match t {
                        GivenToken::Full(name) => Some(name.as_str()),
                        GivenToken::Initial(_) => None,
                    })
                    .collect()
            };
            in_order || joined(variant).is_some_and(|v| joined(author).is_some_and(|a| a == v))
        }
        // Initials never take a full name, nor a full name initials.
        _ => false,
    }
}

impl OwnerMatcher {
    /// Prepares the variants from the profile (`Hanqing Zhu`, `Zhu, H.`).
    pub fn new(variants: &[String]) -> Self {
        let variants = variants
            .iter()
            .map(|written| {
                let name = Name::parse_plain(written);
                Variant {
                    written: written.trim().to_owned(),
                    family: Family::of(&name),
                    given: given_tokens(&name.given, is_shouted(&name.family)),
                }
            })
            .filter(|v| !v.family.bare.is_empty())
            .collect();
        Self { variants }
    }

    /// How `name` (with role marks already stripped) compares with the owner's variants.
    pub fn compare(&self, name: &Name) -> OwnerMatch {
        let family = Family::of(name);
        // Most authors are not the owner: their given names need no work.
        if !self.variants.iter().any(|v| v.family.same(&family)) {
            return OwnerMatch::Other;
        }
        let given = given_tokens(&name.given, is_shouted(&name.family));
        let mut same_family = self.variants.iter().filter(|v| v.family.same(&family));
        if let Some(variant) = same_family.clone().find(|v| given_match(&v.given, &given)) {
            return OwnerMatch::Variant(variant.written.clone());
        }
        let first_letters: Vec<GivenToken> = given
            .iter()
            .map(|t| match t {
                GivenToken::Full(name) => GivenToken::Initial(name.chars().next().unwrap_or_default()),
                GivenToken::Initial(c) => GivenToken::Initial(*c),
            })
            .collect();
        let initials_of = same_family
            .find(|v| all_initials(&v.given) && !all_initials(&given) && given_match(&v.given, &first_letters))
            .map(|v| v.written.clone());
        OwnerMatch::SameFamily { initials_of }
    }

    /// Whether `name` (with role marks already stripped) is the owner.
    pub fn matches(&self, name: &Name) -> bool {
        self.compare(name).is_owner()
    }
}

#[cfg(test)]
mod tests;
