//! Lints over the profile: dates in the future or reversed, malformed web addresses, e-mail,
//! ORCID iD and handles. Pure: the parsed profile and its text (for locations) in, warnings out.

use std::ops::Range;
use std::path::Path;

use super::{is_orcid, url_problem};
use crate::date::{Day, PartialDate};
use crate::diag::Diagnostic;
use crate::profile::{DateField, Profile};

/// How far ahead an `end` date may be before it looks like a typo (a PhD may end in five years).
const MAX_YEARS_AHEAD: i32 = 10;

/// The lints over the profile: dates in the future, malformed links and handles. `text` is the
/// profile's text (for locations), `path` where it was read.
pub fn profile(profile: &Profile, text: &str, path: &Path, today: Day) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in profile.dated() {
        let [start, end, date] = item.dates();
        future_dates(start, end, date, path, today, &mut out);
    }

    let mut urls: Vec<(&str, &str)> = Vec::new();
    if let Some(site) = &profile.website {
        urls.push(("website", site));
    }
    urls.extend(profile.links.iter().map(|l| ("url", l.url.as_str())));
    urls.extend(profile.honors.iter().filter_map(|h| h.url.as_deref()).map(|u| ("url", u)));
    let entries = profile.service.iter().chain(&profile.teaching).chain(&profile.talks);
    urls.extend(
        entries
            .chain(profile.sections.iter().flat_map(|s| &s.entries))
            .filter_map(|e| e.url.as_deref())
            .map(|u| ("url", u)),
    );
    for (key, url) in urls {
        if let Some(problem) = url_problem(url) {
            out.push(
                Diagnostic::warning(format!("`{key}` is not a web address ({problem}): `{url}`"))
                    .at(path, find_value(text, url))
                    .hint("write the full address, starting with `https://`"),
            );
        }
    }

    if let Some(email) = &profile.email {
        let ok = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if !ok {
            out.push(
                Diagnostic::warning(format!("`email` is not an e-mail address: `{email}`"))
                    .at(path, find_value(text, email))
                    .hint("write it as `name@example.org`; the CV links it with `mailto:`"),
            );
        }
    }
    if let Some(orcid) = &profile.orcid
        && !is_orcid(orcid)
    {
        let mut d =
            Diagnostic::warning(format!("`orcid` is not an ORCID iD: `{orcid}`")).at(path, find_value(text, orcid));
        d = if orcid.contains("orcid.org/") {
            d.hint("write only the iD (`0000-0002-1825-0097`); cvgen adds `https://orcid.org/`")
        } else {
            d.hint("an ORCID iD is four groups of four digits, like `0000-0002-1825-0097` (the last may be `X`)")
        };
        out.push(d);
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
            out.push(
                Diagnostic::warning(format!("`{key}` should be a user name, not `{value}`"))
                    .at(path, find_value(text, value))
                    .hint(format!("write only the part after `{site}`; cvgen builds the link")),
            );
        }
    }
    out
}

fn future_dates(
    start: &Option<DateField>,
    end: &Option<DateField>,
    date: &Option<DateField>,
    path: &Path,
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
            out.push(
                Diagnostic::warning(format!("`{which}` date `{}` is in the future", field.value.0))
                    .at(path, crate::date::span_of(&field.referenced))
                    .label(format!("today is {today_text}"))
                    .hint("check the year; something that has not started yet usually has no place on a CV"),
            );
        }
    }
    if let Some((value, field)) = parse(end)
        && value.is_after(Day { year: today.year + MAX_YEARS_AHEAD, ..today })
    {
        out.push(
            Diagnostic::warning(format!(
                "`end` date `{}` is more than {MAX_YEARS_AHEAD} years in the future",
                field.value.0
            ))
            .at(path, crate::date::span_of(&field.referenced))
            .label(format!("today is {today_text}"))
            .hint("check the year for a typo; an expected end date is fine within that range"),
        );
    }
    if let (Some((s, start)), Some((e, _))) = (parse(start), parse(end))
        && let (PartialDate::Known { .. }, PartialDate::Known { .. }) = (s, e)
        && starts_after(s, e)
    {
        out.push(
            Diagnostic::warning(format!("`start` date `{}` is after the `end` date", start.value.0))
                .at(path, crate::date::span_of(&start.referenced))
                .hint("swap the two dates, or check them for a typo"),
        );
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
