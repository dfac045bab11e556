//! When an entry was published, read from its `date`, `year` and `month` as written.
//!
//! cvgen reads these itself instead of through the `biblatex` crate, whose date code panics on
//! values BibTeX accepts (`month = {June 1998}`, `{Spring 2020}`, `month = {٣}`, `year = {- 2020}`).
//! The rules, in order:
//! - `date` (BibLaTeX, ISO 8601 / EDTF): `2020`, `2020-05`, `2020-05-17`, a time after `T`, a
//!   range `2020-05/2021-01` (its start; an open start `/2021` or `../2021` gives the end), the
//!   qualifiers `?` `~` `%`; a season (`2020-21`) gives the year only.
//! - `year`: the first run of exactly four ASCII digits (`2020a`, `c. 1999`, `in press 2025`),
//!   after removing `\noopsort{…}` (the sorting trick of BibTeX's own example file, which prints
//!   nothing); `in press` has no year.
//! - `month`: a month macro (`jan`), a number `1`–`12`, or an English month name or its
//!   abbreviation (`Sept.`), also as the first word (`June 1998`); anything else (`Spring 2020`)
//!   has no month. The month only orders papers within a year.
//!
//! Pure functions of text.

use crate::date::ENGLISH;

/// A publication date as far as it could be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Published {
    /// The year, if one could be read.
    pub year: Option<i32>,
    /// The month (1–12), if one could be read.
    pub month: Option<u8>,
    /// The day (1–31), when a `date` gives one.
    pub day: Option<u8>,
}

/// The English name of month `m` (1–12): what BibTeX's styles define `jan` … `dec` as. The one
/// month table is [`crate::date::ENGLISH`]'s; the macros are its first three letters.
pub fn month_name(m: u8) -> &'static str {
    ENGLISH.months_long[usize::from(m.clamp(1, 12)) - 1]
}

/// The month macro of month `m` (1–12): `jan` … `dec`.
pub fn month_macro(m: u8) -> String {
    month_name(m)[..3].to_ascii_lowercase()
}

/// Reads a BibLaTeX `date` value; `None` when it is no date cvgen can read.
pub fn parse_date(text: &str) -> Option<Published> {
    let text = text.trim();
    let (start, end) = text.split_once('/').unwrap_or((text, ""));
    let side = match start.trim() {
        "" | ".." => end.trim(),
        start => start,
    };
    let side = side.split('T').next().unwrap_or_default().trim_end_matches(['?', '~', '%']);
    let side = side.strip_prefix(['+', '-']).unwrap_or(side);
    let mut parts = side.split('-');
    let year = parts.next().filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
    let year: i32 = year.parse().ok()?;
    let month = match parts.next() {
        None => None,
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u8 = m.parse().ok()?;
            match n {
                1..=12 => Some(n),
                // EDTF seasons (21 spring … 24 winter): a year, no month.
                21..=24 => None,
                _ => return None,
            }
        }
        Some(_) => return None,
    };
    let day = match parts.next() {
        None => None,
        Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) && month.is_some() => {
            let day: u8 = d.parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            Some(day)
        }
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Published { year: Some(year), month, day })
}

/// Reads a `year` value: its first run of exactly four ASCII digits, `\noopsort{…}` aside.
pub fn parse_year(text: &str) -> Option<i32> {
    let shown = without_noopsort(text);
    shown.split(|c: char| !c.is_ascii_digit()).find(|run| run.len() == 4).and_then(|run| run.parse().ok())
}

/// Reads a `month` value written as text (a macro is read by [`month_of_macro`]).
pub fn parse_month(text: &str) -> Option<u8> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, '{' | '}')).collect();
    let word = cleaned.split_whitespace().next()?.trim_end_matches(['.', ',']).to_lowercase();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        let n: u8 = word.parse().ok()?;
        return (1..=12).contains(&n).then_some(n);
    }
    if word.chars().count() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    (1..=12).find(|&m| month_name(m).to_lowercase().starts_with(&word))
}

/// The month a month macro names (`jan` → 1), case-insensitively.
pub fn month_of_macro(name: &str) -> Option<u8> {
    (1..=12).find(|&m| month_macro(m).eq_ignore_ascii_case(name))
}

/// `text` without any `\noopsort{…}` group.
fn without_noopsort(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\noopsort") {
        out.push_str(&rest[..at]);
        let after = rest[at + "\\noopsort".len()..].trim_start();
        let Some(group) = after.strip_prefix('{') else {
            rest = after;
            continue;
        };
        let mut depth = 1;
        let mut end = group.len();
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &group[end.min(group.len())..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(Option<i32>, Option<u8>)> {
        parse_date(text).map(|p| (p.year, p.month))
    }

    #[test]
    fn dates_in_every_shape_biblatex_allows() {
        assert_eq!(date("2020"), Some((Some(2020), None)));
        assert_eq!(date(" 2020-05 "), Some((Some(2020), Some(5))));
        assert_eq!(date("2020-05-17"), Some((Some(2020), Some(5))));
        assert_eq!(date("2020-05-17T14:30:00Z"), Some((Some(2020), Some(5))));
        assert_eq!(date("2020-05/2021-01"), Some((Some(2020), Some(5))));
        assert_eq!(date("/2021-01"), Some((Some(2021), Some(1))));
        assert_eq!(date("../2021"), Some((Some(2021), None)));
        assert_eq!(date("2020/"), Some((Some(2020), None)));
        assert_eq!(date("2020~"), Some((Some(2020), None)));
        assert_eq!(date("2020-21"), Some((Some(2020), None)));
        for bad in ["2020-13", "2020-01-٣", "2020-01-32", "20", "June 2020", "٢٠٢٠", "19XX", "", "2020-5"] {
            assert_eq!(date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn years_as_bibtex_files_write_them() {
        assert_eq!(parse_year("2020"), Some(2020));
        assert_eq!(parse_year("2020a"), Some(2020));
        assert_eq!(parse_year("- 2020"), Some(2020));
        assert_eq!(parse_year("c. 1999"), Some(1999));
        assert_eq!(parse_year(r"{\noopsort{1973a}}1972"), Some(1972));
        assert_eq!(parse_year(r"\noopsort{1973b}1973"), Some(1973));
        assert_eq!(parse_year("in press"), None);
        assert_eq!(parse_year("٢٠٢٠"), None);
        assert_eq!(parse_year("12345"), None);
    }

    #[test]
    fn months_in_every_common_spelling() {
        for (text, month) in [
            ("May", Some(5)),
            ("Sept.", Some(9)),
            ("sep", Some(9)),
            ("June 1998", Some(6)),
            ("{J}anuary", Some(1)),
            ("1", Some(1)),
            ("12", Some(12)),
            ("1 2020", Some(1)),
            ("Spring 2020", None),
            ("Fall 2019", None),
            ("٣", None),
            ("½", None),
            ("13", None),
            ("ma", None),
            ("", None),
        ] {
            assert_eq!(parse_month(text), month, "{text:?}");
        }
        assert_eq!(month_of_macro("JUN"), Some(6));
        assert_eq!(month_of_macro("june"), None);
    }
}
