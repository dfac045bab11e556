//! Known venues: the built-in table (`assets/venues.tsv`, data, not code) of conferences,
//! journals and preprint servers, each with its short name and category, matched against an
//! entry's venue as Google Scholar, DBLP, ACM and IEEE export it.
//!
//! Matching is on the whole name after [`normalize`] (case, accents, braces, punctuation, years,
//! volume numbers, ordinals and a leading "Proceedings of the" do not count), or on one whole
//! segment of it split at `:` `,` `(` `)` (DBLP's "…, NeurIPS 2024, Vancouver, …", IEEE's "…
//! (CVPR)"), the leftmost segment first; never on a substring, so "Optical Interconnects" is not
//! "ICS". Pure.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::category::Category;

/// The table, as shipped.
const TABLE: &str = include_str!("../../assets/venues.tsv");

/// A venue of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Venue {
    /// The short name, the badge (`NeurIPS`).
    pub short: String,
    /// What its papers are.
    pub category: Category,
    /// Its full name (`Advances in Neural Information Processing Systems`).
    pub name: String,
}

/// A parsed table: venues and the index of their normalised spellings.
#[derive(Debug, Default)]
pub struct Table {
    venues: Vec<Venue>,
    index: HashMap<String, usize>,
}

impl Table {
    /// Parses a table in the format of `assets/venues.tsv`. `Err` names the first line that is
    /// not a venue, or a spelling two venues share.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut table = Table::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let [short, category, names] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(format!("line {}: not three TAB-separated columns: `{line}`", n + 1));
            };
            let category =
                Category::parse(category).ok_or_else(|| format!("line {}: unknown category `{category}`", n + 1))?;
            let spellings: Vec<&str> = names.split(" | ").map(str::trim).collect();
            let venue = Venue { short: short.trim().to_owned(), category, name: spellings[0].to_owned() };
            let at = table.venues.len();
            for spelling in spellings.iter().copied() {
                // A spelling that is only a prefix and one word ("Proceedings of the IEEE")
                // is known by its whole name; any other by its name without the prefix.
                let (whole, key) = (normalize_whole(spelling), normalize(spelling));
                let key = if key.split(' ').count() < 2 && whole != key { whole } else { key };
                if key.is_empty() {
                    return Err(format!("line {}: `{spelling}` is empty once normalised", n + 1));
                }
                match table.index.get(&key) {
                    Some(&other) if other != at => {
                        return Err(format!(
                            "line {}: `{spelling}` (`{key}`) is also a spelling of {}",
                            n + 1,
                            table.venues[other].short
                        ));
                    }
                    _ => {
                        table.index.insert(key, at);
                    }
                }
            }
            table.venues.push(venue);
        }
        Ok(table)
    }

    /// The venue `text` names, if the table knows it.
    pub fn find(&self, text: &str) -> Option<&Venue> {
        let lookup = |t: &str| self.index.get(&normalize_whole(t)).or_else(|| self.index.get(&normalize(t)));
        lookup(text).or_else(|| segments(text).find_map(lookup)).map(|&i| &self.venues[i])
    }

    /// Every venue, in the table's order.
    pub fn venues(&self) -> &[Venue] {
        &self.venues
    }
}

/// The built-in table, parsed once.
pub fn builtin() -> &'static Table {
    static BUILTIN: OnceLock<Table> = OnceLock::new();
    BUILTIN.get_or_init(|| Table::parse(TABLE).expect("assets/venues.tsv is checked by a test"))
}

/// The parts of a venue between `:` `,` `(` `)`, trimmed, leftmost first.
fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split([':', ',', '(', ')']).map(str::trim).filter(|s| !s.is_empty())
}

/// Ordinal words ("Thirty-Eighth") that name an edition, not a venue.
const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// Words a venue's name may start with that say nothing about which venue it is.
const LEADING: &[&str] = &["proceedings", "proc", "in", "of", "the", "annual"];

/// A venue's name reduced to what identifies it: [`normalize_whole`], then without a leading
/// "Proceedings of the", "Proc.", "In" or "Annual".
pub fn normalize(text: &str) -> String {
    let whole = normalize_whole(text);
    let words: Vec<&str> = whole.split(' ').collect();
    let start = words.iter().take_while(|w| LEADING.contains(w)).count();
    words[start.min(words.len())..].join(" ")
}

/// A venue's name as lowercase ASCII letters and digits between single spaces: accents and TeX
/// braces removed, `&` read as `and`, years, volume numbers and ordinals dropped (`'24`, `2024`,
/// `41st`, `Thirty-Eighth`).
pub fn normalize_whole(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String =
        text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect::<String>().to_lowercase();
    let mut spaced = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => spaced.push_str(" and "),
            '{' | '}' | '\\' => {}
            // `ICML'24`: a two-digit year after an apostrophe.
            '\'' | '’' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                spaced.push(' ');
            }
            c if c.is_ascii_alphanumeric() => spaced.push(c),
            _ => spaced.push(' '),
        }
    }
    let words: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| !is_numeric_ordinal(w) && !ORDINALS.contains(w))
        .collect();
    words.join(" ")
}

/// `1st`, `41st`, `22nd`, `3rd`, `38th`.
fn is_numeric_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_parses_and_no_spelling_names_two_venues() {
        let table = Table::parse(TABLE).unwrap_or_else(|e| panic!("assets/venues.tsv: {e}"));
        assert!(table.venues().len() >= 250, "{} venues", table.venues().len());
        let mut shorts: Vec<&str> = table.venues().iter().map(|v| v.short.as_str()).collect();
        shorts.sort_unstable();
        let n = shorts.len();
        shorts.dedup();
        assert_eq!(shorts.len(), n, "a short name used twice");
    }

    #[test]
    fn a_spelling_of_two_venues_is_refused() {
        let err = Table::parse("A\tconference\tSame Name\nB\tjournal\tThe Same Name\n").unwrap_err();
        assert!(err.contains("also a spelling of A"), "{err}");
    }

    #[test]
    fn normalisation_ignores_what_varies_between_exports() {
        assert_eq!(
            normalize("Proceedings of the 41st International Conference on Machine Learning"),
            "international conference on machine learning"
        );
        assert_eq!(normalize("ICML'24"), "icml");
        assert_eq!(
            normalize("Thirty-Eighth Annual Conference on Neural Information Processing Systems"),
            "conference on neural information processing systems"
        );
        assert_eq!(normalize("{IEEE} Trans. Comput. Aided Des."), "ieee trans comput aided des");
        assert_eq!(normalize_whole("Proceedings of the IEEE"), "proceedings of the ieee");
        assert_eq!(builtin().find("Proceedings of the IEEE").map(|v| v.short.as_str()), Some("Proc. IEEE"));
        assert_eq!(builtin().find("IEEE"), None, "a publisher is no venue");
    }

    #[test]
    fn exports_find_their_venue() {
        let table = builtin();
        let short = |venue: &str| table.find(venue).map(|v| (v.short.as_str(), v.category));
        for (venue, expected) in [
            ("Advances in Neural Information Processing Systems", "NeurIPS"),
            (
                "Advances in Neural Information Processing Systems 37: Annual Conference on Neural Information Processing Systems 2024, NeurIPS 2024, Vancouver, BC, Canada, December 10 - 15, 2024",
                "NeurIPS",
            ),
            ("Proc. NeurIPS", "NeurIPS"),
            ("NeurIPS 2024", "NeurIPS"),
            ("Proceedings of the 41st International Conference on Machine Learning", "ICML"),
            ("2024 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR"),
            ("{IEEE} Trans. Comput. Aided Des. Integr. Circuits Syst.", "TCAD"),
            ("IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems", "TCAD"),
            ("CoRR", "arXiv"),
            ("arXiv preprint arXiv:2412.05270", "arXiv"),
        ] {
            assert_eq!(short(venue).map(|(s, _)| s), Some(expected), "{venue}");
        }
        assert_eq!(short("CoRR").map(|(_, c)| c), Some(Category::Preprint));
        // Never a substring: `ICS` is not found inside another name.
        assert_eq!(short("Optical Interconnects"), None);
        assert_eq!(short("Journal of Obscure Things"), None);
    }
}
