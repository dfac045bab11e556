//! Author names: display form, al-folio role marks (`Zhu*`, `Tian*†`), and matching the CV owner.
//!
//! Matching compares normalised names (case, accents and braces ignored: `M{\"u}ller` = `Müller` =
//! `muller`) and is driven by the owner's variants: a variant with a full given name matches only
//! that given name; a variant with initials (`H. Zhu`) matches any given name with those initials.

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
        Self {
            given: latex::normal_to_text(&person.given_name).trim().to_owned(),
            prefix: latex::normal_to_text(&person.prefix).trim().to_owned(),
            family: latex::normal_to_text(&person.name).trim().to_owned(),
            suffix: latex::normal_to_text(&person.suffix).trim().to_owned(),
        }
    }

    /// Parses a name written by the user in the profile: `Hanqing Zhu`, `Zhu, Hanqing`, `H. Zhu`.
    pub fn parse_plain(text: &str) -> Self {
        let text = latex::normal_to_text(text);
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let (given, family) = match parts.as_slice() {
            [family, given, ..] => (given.to_string(), family.to_string()),
            _ => {
                let words: Vec<&str> = text.split_whitespace().collect();
                match words.split_last() {
                    Some((last, rest)) => (rest.join(" "), last.to_string()),
                    None => (String::new(), String::new()),
                }
            }
        };
        Self { given, prefix: String::new(), family, suffix: String::new() }
    }

    /// `Given prefix Family, Suffix`.
    pub fn display(&self) -> String {
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

    /// BibTeX's `and others`.
    pub fn is_others(&self) -> bool {
        self.given.is_empty() && self.prefix.is_empty() && self.family.eq_ignore_ascii_case("others")
    }
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

/// The owner's name variants, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct OwnerMatcher {
    variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
struct Variant {
    family: String,
    given: Vec<GivenToken>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum GivenToken {
    Full(String),
    Initial(char),
}

fn given_tokens(given: &str) -> Vec<GivenToken> {
    // Split before normalising so `H.Z.` gives two initials.
    let spaced = given.replace('.', ". ");
    spaced
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .filter_map(|word| {
            let norm = normalize(word);
            let first = norm.chars().next()?;
            let is_initial = word.trim_end_matches('.').chars().count() == 1;
            Some(if is_initial { GivenToken::Initial(first) } else { GivenToken::Full(norm) })
        })
        .collect()
}

impl OwnerMatcher {
    /// Prepares the variants from the profile (`Hanqing Zhu`, `Zhu, H.`).
    pub fn new(variants: &[String]) -> Self {
        let variants = variants
            .iter()
            .map(|v| {
                let name = Name::parse_plain(v);
                Variant { family: normalize(&name.family), given: given_tokens(&name.given) }
            })
            .filter(|v| !v.family.is_empty())
            .collect();
        Self { variants }
    }

    /// Whether `name` (with role marks already stripped) is the owner.
    pub fn matches(&self, name: &Name) -> bool {
        let family_only = normalize(&name.family);
        let family =
            if name.prefix.is_empty() { None } else { Some(normalize(&format!("{} {}", name.prefix, name.family))) };
        let same_family =
            |variant: &&Variant| variant.family == family_only || family.as_ref() == Some(&variant.family);
        // Most authors are not the owner: their given names need no work.
        if !self.variants.iter().any(|variant| same_family(&variant)) {
            return false;
        }
        let given = given_tokens(&name.given);
        self.variants.iter().filter(same_family).any(|variant| {
            variant.given.len() == given.len()
                && variant.given.iter().zip(&given).all(|(want, have)| match (want, have) {
                    (GivenToken::Full(a), GivenToken::Full(b)) => a == b,
                    (GivenToken::Initial(a), GivenToken::Full(b)) => b.starts_with(*a),
                    (GivenToken::Initial(a), GivenToken::Initial(b)) => a == b,
                    (GivenToken::Full(_), GivenToken::Initial(_)) => false,
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_and_separators() {
        // The straightforward definition: decompose, drop marks, map separators, collapse spaces.
        fn reference(text: &str) -> String {
            let mut out = String::new();
            for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
                match c {
                    '-' | ' ' | '\u{a0}' | '~' | '.' => out.push(' '),
                    c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        let cases = [
            "",
            " ",
            "Zhu",
            "Hanqing Zhu",
            "  J.  R. R. ",
            "Müller-Lüdenscheidt",
            "O'Brien",
            "Zhu~Hanqing",
            "Šimić",
            "Ørsted",
            "İlker Yılmaz",
            "朱汉卿",
            "de la Vallée Poussin",
            "a.-b",
            "ǅemal",
            "-.~",
        ];
        for case in cases {
            assert_eq!(normalize(case), reference(case), "{case:?}");
        }
        assert_eq!(normalize("Müller-Lüdenscheidt"), "muller ludenscheidt");
        assert_eq!(normalize("  J.  R. R. "), "j r r");
    }

    fn person(src_author: &str) -> Name {
        let src = format!("@misc{{k, author = {{{src_author}}}}}");
        let bib = biblatex::Bibliography::parse(&src).expect("test input parses");
        let people = bib.get("k").unwrap().author().unwrap();
        Name::from_person(&people[0])
    }

    fn owner(variants: &[&str]) -> OwnerMatcher {
        OwnerMatcher::new(&variants.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn both_name_orders_match() {
        let m = owner(&["Hanqing Zhu"]);
        assert!(m.matches(&person("Zhu, Hanqing")));
        assert!(m.matches(&person("Hanqing Zhu")));
        assert!(!m.matches(&person("Zhu, Hao")));
        assert!(!m.matches(&person("Zhu, H.")), "a full-name variant does not allow initials");
    }

    #[test]
    fn initials_match_where_a_variant_allows_it() {
        let m = owner(&["H. Zhu"]);
        assert!(m.matches(&person("Zhu, H.")));
        assert!(m.matches(&person("Zhu, Hanqing")));
        assert!(!m.matches(&person("Zhu, K.")));
    }

    #[test]
    fn case_accents_and_braces_are_ignored() {
        let m = owner(&["Jürgen Müller"]);
        assert!(m.matches(&person(r#"M{\"u}ller, J{\"u}rgen"#)));
        assert!(m.matches(&person("MULLER, JURGEN")));
        assert!(m.matches(&person("{Müller}, Jürgen")));
    }

    #[test]
    fn marks_are_stripped_and_read() {
        let mut n = person("Zhu*, Hanqing");
        assert_eq!(strip_marks(&mut n), Marks { equal: true, corresponding: false });
        assert!(owner(&["Hanqing Zhu"]).matches(&n));
        let mut n = person("Tian*†, Yuandong");
        assert_eq!(strip_marks(&mut n), Marks { equal: true, corresponding: true });
        assert_eq!(n.display(), "Yuandong Tian");
        let mut n = person(r"Tian\textsuperscript{*}, Yuandong");
        strip_marks(&mut n);
        assert_eq!(n.family, "Tian");
    }

    #[test]
    fn others_is_et_al() {
        let src = "@misc{k, author = {A, B and others}}";
        let bib = biblatex::Bibliography::parse(src).unwrap();
        let people = bib.get("k").unwrap().author().unwrap();
        assert!(Name::from_person(&people[1]).is_others());
    }

    #[test]
    fn hyphenated_and_spaced_given_names_agree() {
        let m = owner(&["Kai-Sheng Tai"]);
        assert!(m.matches(&person("Tai, Kai Sheng")));
    }
}
