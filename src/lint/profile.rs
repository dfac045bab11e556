//! Lints over the profile: dates in the future or reversed, malformed web addresses, e-mail,
//! ORCID iD and handles. Pure: the parsed profile in, warnings out, each located where the value
//! was written ([`crate::profile::Origin`]: in whichever of the profile's files, or on the command
//! line), else found in the main profile's text.

use std::ops::Range;
use std::path::Path;

use super::{is_orcid, url_problem};
use crate::date::{Day, PartialDate};
use crate::diag::Diagnostic;
use crate::profile::{DateField, Profile};

/// Where the profile's values are: its located values, or the main profile's text (`text` at
/// `path`) for a profile read without them.
struct Places<'a> {
    profile: &'a Profile,
    text: &'a str,
    path: &'a Path,
}

impl Places<'_> {
    /// `d` at the position range `span` (a `Spanned` value's).
    fn span(&self, d: Diagnostic, span: Range<usize>) -> Diagnostic {
        if self.profile.origin.files().next().is_some() {
            self.profile.origin.point(d, span)
        } else {
            d.at(self.path, span)
        }
    }

    /// `d` at the value `value` written at `key` (`["honors", "2", "url"]`).
    fn value(&self, d: Diagnostic, key: &[&str], value: &str) -> Diagnostic {
        match self.profile.origin.node(key).filter(|node| node.text() == Some(value)) {
            Some(node) => self.profile.origin.point(d, node.place()),
            None => d.at(self.path, find_value(self.text, value)),
        }
    }
}

/// How far ahead an `end` date may be before it looks like a typo (a PhD may end in five years).
const MAX_YEARS_AHEAD: i32 = 10;

/// The lints over the profile: dates in the future, malformed links and handles. `text` is the
/// main profile's text and `path` where it was read, for a profile without located values.
pub fn profile(profile: &Profile, text: &str, path: &Path, today: Day) -> Vec<Diagnostic> {
    let places = Places { profile, text, path };
    let mut out = Vec::new();
    for item in profile.dated() {
        let [start, end, date] = item.dates();
        future_dates(start, end, date, &places, today, &mut out);
        date_beside_range(start, end, date, &places, &mut out);
    }

    let mut urls: Vec<(&str, Vec<String>, &str)> = Vec::new();
    let at = |parts: &[&str]| parts.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    if let Some(site) = &profile.website {
        urls.push(("website", at(&["website"]), site));
    }
    for (i, link) in profile.links.iter().enumerate() {
        urls.push(("url", at(&["links", &i.to_string(), "url"]), &link.url));
    }
    for (i, honor) in profile.honors.iter().enumerate() {
        if let Some(url) = &honor.url {
            urls.push(("url", at(&["honors", &i.to_string(), "url"]), url));
        }
    }
    let lists = [("service", &profile.service), ("teaching", &profile.teaching), ("talks", &profile.talks)];
    for (key, entries) in lists {
        for (i, entry) in entries.iter().enumerate() {
            if let Some(url) = &entry.url {
                urls.push(("url", at(&[key, &i.to_string(), "url"]), url));
            }
        }
    }
    for (j, section) in profile.sections.iter().enumerate() {
        for (i, entry) in section.entries.iter().enumerate() {
            if let Some(url) = &entry.url {
                urls.push(("url", at(&["sections", &j.to_string(), "entries", &i.to_string(), "url"]), url));
            }
        }
    }
    for (key, written, url) in urls {
        if let Some(problem) = url_problem(url) {
            let hint = if problem.starts_with("it is longer") {
                "use a shorter address for the same page; the CV shows the text unlinked"
            } else {
                "write the full address, starting with `https://`"
            };
            let d = Diagnostic::warning(format!("`{key}` is not a web address ({problem}): `{url}`")).hint(hint);
            let written: Vec<&str> = written.iter().map(String::as_str).collect();
            out.push(places.value(d, &written, url));
        }
    }

    if let Some(email) = &profile.email {
        let ok = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if !ok {
            let d = Diagnostic::warning(format!("`email` is not an e-mail address: `{email}`"))
                .hint("write it as `name@example.org`; the CV links it with `mailto:`");
            out.push(places.value(d, &["email"], email));
        }
    }
    if let Some(orcid) = &profile.orcid
        && !is_orcid(orcid)
    {
        let d = Diagnostic::warning(format!("`orcid` is not an ORCID iD: `{orcid}`"));
        let d = if orcid.contains("orcid.org/") {
            d.hint("write only the iD (`0000-0002-1825-0097`); cvgen adds `https://orcid.org/`")
        } else {
            d.hint("an ORCID iD is four groups of four digits, like `0000-0002-1825-0097` (the last may be `X`)")
        };
        out.push(places.value(d, &["orcid"], orcid));
    }
    let handles = [
        ("github", &profile.github, "github.com/"),
        ("linkedin", &profile.linkedin, "linkedin.com/in/"),
        ("twitter", &profile.twitter, "x.com/"),
        ("scholar", &profile.scholar, "user="),
    ];
    for (key, value, site) in handles {
        let Some(value) = value else { continue };
        if value.contains("://") || value.contains('/') || value.starts_with('@') || value.contains(char::is_whitespace)
        {
            let d = Diagnostic::warning(format!("`{key}` should be a user name, not `{value}`"))
                .hint(format!("write only the part after `{site}`; cvgen builds the link"));
            out.push(places.value(d, &[key], value));
        }
    }
    unused(profile, &places, &mut out);
    out
}

/// Values the CV cannot print beside another: `publications.title` with lists that each have a
/// title of their own (and no `group_lists`). Each a warning at the value.
fn unused(profile: &Profile, places: &Places, out: &mut Vec<Diagnostic>) {
    if let Some(settings) = &profile.publications
        && let Some(title) = &settings.title
        && !settings.lists.is_empty()
        && !settings.group_lists
    {
        let d = Diagnostic::warning(format!(
            "`publications.title` (`{title}`) is not printed: each of `publications.lists` has a title of its own"
        ))
        .hint("set `group_lists: true` to print it as the heading above the lists, or remove it");
        out.push(places.value(d, &["publications", "title"], title));
    }
}

/// An entry with both a `date` and a range: the CV prints the `date` (the model's rule), so the
/// range would be lost without a word. A warning at the `date`.
fn date_beside_range(
    start: &Option<DateField>,
    end: &Option<DateField>,
    date: &Option<DateField>,
    places: &Places,
    out: &mut Vec<Diagnostic>,
) {
    let Some(date) = date else { return };
    let range: Vec<&str> =
        [("start", start), ("end", end)].iter().filter(|(_, f)| f.is_some()).map(|(n, _)| *n).collect();
    if range.is_empty() {
        return;
    }
    let named = range.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ");
    let d = Diagnostic::warning(format!(
        "`date` and {named} in one entry: the CV prints `date` (`{}`), not the range",
        date.value.0
    ))
    .hint("keep one: `date` for a single day, month or year, `start` and `end` for a span");
    out.push(places.span(d, crate::date::span_of(&date.referenced)));
}

fn future_dates(
    start: &Option<DateField>,
    end: &Option<DateField>,
    date: &Option<DateField>,
    places: &Places,
    today: Day,
    out: &mut Vec<Diagnostic>,
) {
    fn parse(field: &Option<DateField>) -> Option<(PartialDate, &DateField)> {
        field.as_ref().and_then(|f| PartialDate::parse(&f.value.0).ok().map(|d| (d, f)))
    }
    let today_text = today.iso();
    for (which, field) in [("start", parse(start)), ("date", parse(date))] {
        if let Some((value, field)) = field
            && value.is_after(today)
        {
            let d = Diagnostic::warning(format!("`{which}` date `{}` is in the future", field.value.0))
                .label(format!("today is {today_text}"))
                .hint("check the year; something that has not started yet usually has no place on a CV");
            out.push(places.span(d, crate::date::span_of(&field.referenced)));
        }
    }
    if let Some((value, field)) = parse(end)
        && value.is_after(Day { year: today.year + MAX_YEARS_AHEAD, ..today })
    {
        let d = Diagnostic::warning(format!(
            "`end` date `{}` is more than {MAX_YEARS_AHEAD} years in the future",
            field.value.0
        ))
        .label(format!("today is {today_text}"))
        .hint("check the year for a typo; an expected end date is fine within that range");
        out.push(places.span(d, crate::date::span_of(&field.referenced)));
    }
    if let (Some((s, start)), Some((e, _))) = (parse(start), parse(end))
        && let (PartialDate::Known { .. }, PartialDate::Known { .. }) = (s, e)
        && starts_after(s, e)
    {
        let d = Diagnostic::warning(format!("`start` date `{}` is after the `end` date", start.value.0))
            .hint("swap the two dates, or check them for a typo");
        out.push(places.span(d, crate::date::span_of(&start.referenced)));
    }
}

/// Whether `date` lies after `day`, compared at the precision the date was written with
/// (`2025` is not after 2025-11-29; `2025-12` is).
/// Whether a range's start lies after its end, at the coarser of the two precisions.
fn starts_after(start: PartialDate, end: PartialDate) -> bool {
    let (PartialDate::Known { year: sy, month: sm, day: sd }, PartialDate::Known { year: ey, month: em, day: ed }) =
        (start, end)
    else {
        return false;
    };
    match (sm.zip(em), sd.zip(ed)) {
        (Some((sm, em)), Some((sd, ed))) => (sy, sm, sd) > (ey, em, ed),
        (Some((sm, em)), None) => (sy, sm) > (ey, em),
        _ => sy > ey,
    }
}

/// Where `value` is written in the profile (the first time), for values the parser does not
/// locate.
fn find_value(text: &str, value: &str) -> Range<usize> {
    if value.is_empty() {
        return 0..0;
    }
    text.find(value).map_or(0..0, |i| i..i + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_at_their_precision() {
        let d = |s| PartialDate::parse(s).unwrap();
        let today = Day { year: 2025, month: 11, day: 29 };
        assert!(!d("2025").is_after(today));
        assert!(d("2026").is_after(today));
        assert!(!d("2025-11").is_after(today));
        assert!(d("2025-12").is_after(today));
        assert!(d("2025-11-30").is_after(today));
        assert!(!d("present").is_after(today));
        assert!(starts_after(d("2023"), d("2021")));
        assert!(!starts_after(d("2021-05"), d("2021")));
    }
}
