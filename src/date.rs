//! Dates: as a profile writes them (a year, a month or a day, or `present`), their validation and
//! display, and the calendar [`Day`] a CV is made on.
//!
//! Display goes through a [`DateStyle`] so month names and the range dash follow the CV's
//! language. Pure: the clock is read by the pipeline, which hands the [`Day`] down.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Diagnostic;

/// A calendar day (UTC): the day a CV is dated, and what "the future" is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Day {
    /// The UTC day of a Unix timestamp (seconds).
    pub fn from_unix(seconds: i64) -> Self {
        let (year, month, day) = civil_from_unix(seconds);
        Self { year, month, day }
    }

    /// `2025-11-29`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date written in the profile, with where it was written.
pub type DateField = Spanned<DateText>;

/// A date as written: `2020`, `2020-08`, `2020-08-15` or `present`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date like `2020`, `2020-08`, `2020-08-15` or `present`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.trim().to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

impl schemars::JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`2020`, `2020-08`, `2020-08-15`, `present`, or a season (`Fall 2022`)",
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^\\s*([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[Pp][Rr][Ee][Ss][Ee][Nn][Tt]|[Nn][Oo][Ww]|([Ss][Pp][Rr][Ii][Nn][Gg]|[Ss][Uu][Mm][Mm][Ee][Rr]|[Ff][Aa][Ll][Ll]|[Aa][Uu][Tt][Uu][Mm][Nn]|[Ww][Ii][Nn][Tt][Ee][Rr])\\s+[0-9]{4})\\s*$"}
            ]
        })
    }
}

/// A date with the precision the user gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartialDate {
    /// `2020`, `2020-08` or `2020-08-15`.
    Known {
        /// Year.
        year: i32,
        /// Month 1–12, if given.
        month: Option<u8>,
        /// Day 1–31, if given.
        day: Option<u8>,
    },
    /// `present`: still going on.
    Present,
}

/// A season of a year, as CVs name academic terms (`Fall 2022`): a date that orders as its
/// first month and prints as written, in the CV's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    /// `Spring`: March.
    Spring,
    /// `Summer`: June.
    Summer,
    /// `Fall`: September.
    Fall,
    /// `Autumn`: September.
    Autumn,
    /// `Winter`: December of that year.
    Winter,
}

impl Season {
    const ALL: [(Season, &'static str, u8); 5] = [
        (Season::Spring, "spring", 3),
        (Season::Summer, "summer", 6),
        (Season::Fall, "fall", 9),
        (Season::Autumn, "autumn", 9),
        (Season::Winter, "winter", 12),
    ];

    /// The season `text` names and its year: `Fall 2022` (any letter case).
    pub fn parse(text: &str) -> Option<(Season, i32)> {
        let (word, year) = text.trim().split_once(char::is_whitespace)?;
        let year = year.trim();
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let season = Self::ALL.iter().find(|(_, name, _)| word.eq_ignore_ascii_case(name))?.0;
        Some((season, year.parse().ok()?))
    }

    /// The month it orders as.
    pub fn month(self) -> u8 {
        Self::ALL.iter().find(|(s, _, _)| *s == self).map_or(1, |(_, _, m)| *m)
    }

    /// Its place in [`DateStyle::seasons`].
    fn index(self) -> usize {
        Self::ALL.iter().position(|(s, _, _)| *s == self).unwrap_or(0)
    }
}

/// A date field as it prints: a season in the CV's words (`Fall 2022`, `Herbst 2022`), any
/// other date as [`PartialDate::display`] shows it; `None` for text that is no date.
pub fn display_written(text: &str, style: &DateStyle) -> Option<String> {
    match Season::parse(text) {
        Some((season, year)) => Some(fill(style.season_year, year, style.seasons[season.index()], None)),
        None => PartialDate::parse(text).ok().map(|d| d.display(style)),
    }
}

impl PartialDate {
    /// Parses `2020`, `2020-08`, `2020-08-15`, `present`, or a season (`Fall 2022`, which is
    /// September 2022: [`Season`]).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("present") || text.eq_ignore_ascii_case("now") {
            return Ok(Self::Present);
        }
        if let Some((season, year)) = Season::parse(text) {
            return Ok(Self::Known { year, month: Some(season.month()), day: None });
        }
        let mut parts = text.split('-');
        let year = parts.next().unwrap_or_default();
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("`{text}` is not a date"));
        }
        let year: i32 = year.parse().map_err(|_| format!("`{text}` is not a date"))?;
        let month = parts.next().map(|m| parse_number(m, 1, 12, text)).transpose()?;
        let day = parts.next().map(|d| parse_number(d, 1, 31, text)).transpose()?;
        if parts.next().is_some() {
            return Err(format!("`{text}` is not a date"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && d > days_in_month(year, m)
        {
            return Err(format!("`{text}` is not a day of the calendar"));
        }
        Ok(Self::Known { year, month, day })
    }

    /// Parses a profile date field, reporting a located error.
    pub fn parse_field(field: &DateField, path: &Path) -> Result<Self, Diagnostic> {
        Self::parse(&field.value.0).map_err(|message| {
            Diagnostic::error(format!("invalid date: {message}"))
                .at(path, span_of(&field.referenced))
                .hint("write `2020`, `2020-08`, `2020-08-15` or `present`")
        })
    }

    /// Whether the date lies after `day`, at the date's own precision (`2027` is after any day
    /// of 2026, `2026-12` after 2026-11-30 but not after 2026-12-01); `present` never is.
    pub fn is_after(self, day: Day) -> bool {
        let Self::Known { year, month, day: dd } = self else { return false };
        match (month, dd) {
            (None, _) => year > day.year,
            (Some(month), None) => (year, month) > (day.year, day.month),
            (Some(month), Some(dd)) => (year, month, dd) > (day.year, day.month, day.day),
        }
    }

    /// The year, if known.
    pub fn year(&self) -> Option<i32> {
        match self {
            Self::Known { year, .. } => Some(*year),
            Self::Present => None,
        }
    }

    /// Shows the date in `locale`: `2020`, `Aug 2020`, `Aug 15, 2020`, `present`.
    pub fn display(&self, locale: &DateStyle) -> String {
        match *self {
            Self::Present => locale.present.to_owned(),
            Self::Known { year, month: None, .. } => year.to_string(),
            Self::Known { year, month: Some(m), day: None } => {
                fill(locale.month_year, year, locale.months[m as usize - 1], None)
            }
            Self::Known { year, month: Some(m), day: Some(d) } => {
                fill(locale.day_month_year, year, locale.months[m as usize - 1], Some(d))
            }
        }
    }

    /// Shows the date with the month written out: `November 29, 2025` (for "last updated").
    pub fn display_long(&self, locale: &DateStyle) -> String {
        match *self {
            Self::Known { year, month: Some(m), day } => {
                let pattern = if day.is_some() { locale.long } else { locale.month_year };
                fill(pattern, year, locale.months_long[m as usize - 1], day)
            }
            other => other.display(locale),
        }
    }
}

fn parse_number(text: &str, min: u8, max: u8, whole: &str) -> Result<u8, String> {
    let n: u8 = text.parse().map_err(|_| format!("`{whole}` is not a date"))?;
    if text.len() != 2 || n < min || n > max {
        return Err(format!("`{whole}` is not a date"));
    }
    Ok(n)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Byte range of a serde-saphyr location (its offsets count characters; profiles are mostly
/// ASCII, and the printer clamps to character boundaries).
pub fn span_of(location: &serde_saphyr::Location) -> Range<usize> {
    let span = location.span();
    span.offset()..span.offset() + span.len()
}

/// How dates read in a language (the CV's other words are in `crate::locale`).
#[derive(Debug, Clone)]
pub struct DateStyle {
    /// Abbreviated month names, January first.
    pub months: [&'static str; 12],
    /// Full month names, January first.
    pub months_long: [&'static str; 12],
    /// The word for an ongoing range's end.
    pub present: &'static str,
    /// A month of a year: `{m}` the month name, `{y}` the year (`{m} {y}`).
    pub month_year: &'static str,
    /// A day: `{d}` the day, `{m}` the month name, `{y}` the year (`{m} {d}, {y}`).
    pub day_month_year: &'static str,
    /// A day with the month written out (`{m} {d}, {y}`, with `{m}` from `months_long`).
    pub long: &'static str,
    /// Whether a range within one year names the year once (`May – Dec 2025`).
    pub short_ranges: bool,
    /// Spring, summer, fall, autumn and winter, for a date written as a season.
    pub seasons: [&'static str; 5],
    /// A season of a year: `{m}` the season, `{y}` the year (`{m} {y}`).
    pub season_year: &'static str,
}

/// English.
pub const ENGLISH: DateStyle = DateStyle {
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    months_long: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    present: "present",
    month_year: "{m} {y}",
    day_month_year: "{m} {d}, {y}",
    long: "{m} {d}, {y}",
    short_ranges: true,
    seasons: ["Spring", "Summer", "Fall", "Autumn", "Winter"],
    season_year: "{m} {y}",
};

/// Fills a date pattern (`{y}`, `{m}`, `{d}`).
fn fill(pattern: &str, year: i32, month: &str, day: Option<u8>) -> String {
    let out = pattern.replace("{y}", &year.to_string()).replace("{m}", month);
    match day {
        Some(d) => out.replace("{d}", &d.to_string()),
        None => out,
    }
}

/// Shows a range or single date: `Aug 2020 – May 2025`, `May – Dec 2025`, `2020`.
pub fn display_range(start: Option<PartialDate>, end: Option<PartialDate>, locale: &DateStyle) -> Option<String> {
    match (start, end) {
        (None, None) => None,
        (Some(s), None) => Some(s.display(locale)),
        (None, Some(e)) => Some(e.display(locale)),
        (Some(s), Some(e)) if s == e => Some(s.display(locale)),
        (
            Some(PartialDate::Known { year: sy, month: Some(sm), day: None }),
            Some(PartialDate::Known { year: ey, month: Some(_), day: None }),
        ) if sy == ey && locale.short_ranges => {
            Some(format!("{} – {}", locale.months[sm as usize - 1], e_display(end, locale)))
        }
        (Some(s), Some(_)) => Some(format!("{} – {}", s.display(locale), e_display(end, locale))),
    }
}

fn e_display(end: Option<PartialDate>, locale: &DateStyle) -> String {
    end.map(|e| e.display(locale)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_precisions() {
        assert_eq!(PartialDate::parse("2020"), Ok(PartialDate::Known { year: 2020, month: None, day: None }));
        assert_eq!(PartialDate::parse("2020-08"), Ok(PartialDate::Known { year: 2020, month: Some(8), day: None }));
        assert_eq!(PartialDate::parse("present"), Ok(PartialDate::Present));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2020-13").is_err());
        assert!(PartialDate::parse("2021-02-29").is_err());
        assert!(PartialDate::parse("2020-8").is_err());
        assert!(PartialDate::parse("20").is_err());
        assert!(PartialDate::parse("May 2020").is_err());
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("Fall 22").is_err());
        assert!(PartialDate::parse("Fal 2022").is_err());
    }

    #[test]
    fn seasons_order_as_their_first_month_and_print_as_written() {
        let month = |s| match PartialDate::parse(s) {
            Ok(PartialDate::Known { year, month, .. }) => (year, month),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(month("Spring 2023"), (2023, Some(3)));
        assert_eq!(month("summer 2023"), (2023, Some(6)));
        assert_eq!(month("Fall 2022"), (2022, Some(9)));
        assert_eq!(month("Autumn 2022"), (2022, Some(9)));
        assert_eq!(month("Winter 2022"), (2022, Some(12)));
        assert_eq!(display_written("Autumn 2022", &ENGLISH).as_deref(), Some("Autumn 2022"));
        assert_eq!(display_written("fall 2022", &ENGLISH).as_deref(), Some("Fall 2022"));
        assert_eq!(display_written("2022-09", &ENGLISH).as_deref(), Some("Sep 2022"));
        assert_eq!(display_written("soon", &ENGLISH), None);
    }

    #[test]
    fn ranges_read_naturally() {
        let d = |s| PartialDate::parse(s).ok();
        assert_eq!(display_range(d("2025-05"), d("2025-12"), &ENGLISH).unwrap(), "May – Dec 2025");
        assert_eq!(display_range(d("2022-07"), d("2023-01"), &ENGLISH).unwrap(), "Jul 2022 – Jan 2023");
        assert_eq!(display_range(d("2017"), d("2019"), &ENGLISH).unwrap(), "2017 – 2019");
        assert_eq!(display_range(d("2020"), d("present"), &ENGLISH).unwrap(), "2020 – present");
        assert_eq!(display_range(None, d("2020"), &ENGLISH).unwrap(), "2020");
    }
}

/// The UTC calendar day of a Unix timestamp (seconds), as (year, month, day).
fn civil_from_unix(seconds: i64) -> (i32, u8, u8) {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod civil_tests {
    #[test]
    fn unix_days() {
        assert_eq!(super::civil_from_unix(0), (1970, 1, 1));
        assert_eq!(super::civil_from_unix(1_764_374_400), (2025, 11, 29));
        assert_eq!(super::civil_from_unix(951_782_400), (2000, 2, 29));
    }
}
