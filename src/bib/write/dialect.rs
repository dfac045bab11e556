//! BibTeX ⇄ BibLaTeX conversion for `cvgen bib --format`, and the one-field-once rule that keeps
//! the export a fixpoint.
//!
//! Pure functions over [`Record`]s. A value is only ever kept, dropped, renamed or added whole;
//! the text of a value is never edited, so what is exported is what was written.

use crate::bib::dates;
use crate::bib::{RawField, ValuePart, plain};

use super::writer::{Field, Record};

/// Removes every field whose name (lowercase in records) came earlier in `record`: BibTeX reads
/// only the first (`I'm ignoring k's extra "title" field`), so the export says what BibTeX read.
/// With each name once, the conversions below never see two values for one field, which keeps
/// the export a fixpoint. Returns the names removed, once each, in order.
pub fn drop_repeats(record: &mut Record) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    record.fields.retain(|f| {
        if !seen.contains(&f.name) {
            seen.push(f.name.clone());
            return true;
        }
        if !dropped.contains(&f.name) {
            dropped.push(f.name.clone());
        }
        false
    });
    dropped
}

/// Downgrades BibLaTeX-only fields and types to classic BibTeX, without ever writing a field
/// twice or dropping information: `date` → `year` + `month` (each only when absent; the `date`
/// stays when it says more, like a day or a range), `journaltitle` → `journal`, `location` →
/// `address`, `eprinttype` → `archiveprefix`, `eprintclass` → `primaryclass` (each only when the
/// target is absent), `@online` → `@misc` (+ `howpublished = {\url{…}}`, unless the URL has a `$`,
/// `\`, `{` or `}`, which TeX would read there), `@report` → `@techreport`, `@thesis` →
/// `@phdthesis` or `@mastersthesis`, and the other BibLaTeX types to the standard style type
/// that takes their fields ([`BIBTEX_TYPES`]). The fields follow the types as BibTeX's standard
/// styles read them: a thesis names its `school` (BibLaTeX's `institution`), a report its
/// `institution` (never `school`), each only when the target is absent.
pub fn to_bibtex(record: &mut Record, strings: &[RawField]) {
    for (from, to) in [
        ("journaltitle", "journal"),
        ("location", "address"),
        ("eprinttype", "archiveprefix"),
        ("eprintclass", "primaryclass"),
    ] {
        rename(record, from, to);
    }
    date_to_year_month(record, strings);
    match record.kind.as_str() {
        "online" | "electronic" | "www" => {
            record.kind = "misc".to_owned();
            if !record.has("howpublished")
                && let Some(pos) = record.position("url")
                && let Some(url) = plain(&record.fields[pos].value, strings)
            {
                let url = url.trim();
                if !url.is_empty() && fits_url(url) {
                    record.fields.insert(pos + 1, Field::text("howpublished", format!("\\url{{{url}}}")));
                }
            }
        }
        "report" => {
            record.kind = "techreport".to_owned();
            if type_text(record, strings).as_deref() == Some("techreport") {
                record.remove("type");
            }
        }
        "thesis" => {
            let kind = type_text(record, strings);
            let (kind, drop_type) = match kind.as_deref() {
                Some("phdthesis") => ("phdthesis", true),
                Some("mathesis") => ("mastersthesis", true),
                Some(text) if text.contains("master") => ("mastersthesis", false),
                _ => ("phdthesis", false),
            };
            record.kind = kind.to_owned();
            if drop_type {
                record.remove("type");
            }
        }
        "inbook" if record.has("booktitle") => record.kind = "incollection".to_owned(),
        kind => {
            if let Some((_, to)) = BIBTEX_TYPES.iter().find(|(from, _)| *from == kind) {
                record.kind = (*to).to_owned();
            }
        }
    }
    match record.kind.as_str() {
        "phdthesis" | "mastersthesis" => rename(record, "institution", "school"),
        "techreport" => rename(record, "school", "institution"),
        _ => {}
    }
}

/// BibLaTeX types without a type of their own in BibTeX's standard styles (`plain.bst` and its
/// kin, which read any other type as `@misc` with a warning), and the type that takes their
/// fields: a multi-volume or supplementary work as its single-volume kind, a part with its own
/// `title` inside a `booktitle` as `@incollection`, the rest as `@misc`. `@online`, `@report`
/// and `@thesis` have rules of their own in [`to_bibtex`]; BibLaTeX's `@inbook` (a part titled
/// inside a `booktitle`) is BibTeX's `@incollection` when it has a `booktitle`.
pub const BIBTEX_TYPES: &[(&str, &str)] = &[
    ("mvbook", "book"),
    ("collection", "book"),
    ("mvcollection", "book"),
    ("reference", "book"),
    ("mvreference", "book"),
    ("bookinbook", "incollection"),
    ("suppbook", "incollection"),
    ("suppcollection", "incollection"),
    ("inreference", "incollection"),
    ("mvproceedings", "proceedings"),
    ("suppperiodical", "article"),
    ("periodical", "misc"),
    ("patent", "misc"),
    ("dataset", "misc"),
    ("software", "misc"),
    ("artwork", "misc"),
    ("audio", "misc"),
    ("image", "misc"),
    ("movie", "misc"),
    ("music", "misc"),
    ("video", "misc"),
    ("performance", "misc"),
    ("letter", "misc"),
    ("commentary", "misc"),
    ("jurisdiction", "misc"),
    ("legislation", "misc"),
    ("legal", "misc"),
    ("review", "article"),
    ("standard", "misc"),
];

/// Whether `\url{url}` reads back as `url` in a field that is not verbatim (`howpublished`):
/// not when the URL has a `$` (math to TeX and to the `biblatex` crate, which fails on an odd
/// number of them), a `\` (a command) or a brace (grouping). None of them belongs in a URL
/// unescaped; such an entry keeps its `url` field only.
fn fits_url(url: &str) -> bool {
    !url.contains(['$', '\\', '{', '}'])
}

/// Upgrades classic BibTeX to BibLaTeX, the reverse of [`to_bibtex`]: `journal` →
/// `journaltitle`, `address` → `location`, `archiveprefix` → `eprinttype`, `primaryclass` →
/// `eprintclass` (each only when the target is absent), `year` + `month` → `date` (only when
/// there is no `date` and both read as a date), `@techreport` → `@report` with
/// `type = {techreport}`, `@phdthesis`/`@mastersthesis` → `@thesis` with `type = {phdthesis}`/
/// `{mathesis}` (an existing `type` is kept).
pub fn to_biblatex(record: &mut Record, strings: &[RawField]) {
    for (from, to) in [
        ("journal", "journaltitle"),
        ("address", "location"),
        ("archiveprefix", "eprinttype"),
        ("primaryclass", "eprintclass"),
    ] {
        rename(record, from, to);
    }
    year_month_to_date(record, strings);
    let (kind, type_key) = match record.kind.as_str() {
        "techreport" => ("report", "techreport"),
        "phdthesis" => ("thesis", "phdthesis"),
        "mastersthesis" => ("thesis", "mathesis"),
        _ => return,
    };
    record.kind = kind.to_owned();
    if !record.has("type") {
        record.fields.push(Field::text("type", type_key));
    }
}

/// Renames every `from` field to `to`, unless a `to` field is already there.
fn rename(record: &mut Record, from: &str, to: &str) {
    if record.has(to) {
        return;
    }
    for field in &mut record.fields {
        if field.name == from {
            field.name = to.to_owned();
        }
    }
}

/// The `type` field, trimmed and lowercased.
fn type_text(record: &Record, strings: &[RawField]) -> Option<String> {
    let pos = record.position("type")?;
    plain(&record.fields[pos].value, strings).map(|t| t.trim().to_lowercase())
}

/// A date's leading year and month (`2020`, `2020-05`, `2020-05-17`, `2020-05/2021`), and
/// whether year and month are all it says.
fn split_date(date: &str) -> Option<(i32, Option<u8>, bool)> {
    let date = date.trim();
    let year = leading_year(date)?;
    let rest = &date[4..];
    if rest.is_empty() {
        return Some((year, None, true));
    }
    let month = rest
        .strip_prefix('-')
        .and_then(|r| r.get(..2))
        .filter(|m| m.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    let whole = month.is_some() && rest.len() == 3;
    Some((year, month, whole))
}

fn date_to_year_month(record: &mut Record, strings: &[RawField]) {
    let Some(pos) = record.position("date") else { return };
    let Some(text) = plain(&record.fields[pos].value, strings) else { return };
    let Some((year, month, whole)) = split_date(&text) else { return };

    let mut added = Vec::new();
    let year_matches = match record.position("year") {
        None => {
            added.push(Field::text("year", year.to_string()));
            true
        }
        Some(p) => plain(&record.fields[p].value, strings).is_some_and(|y| y.trim() == year.to_string()),
    };
    let month_matches = match (month, record.position("month")) {
        (None, None) => true,
        // A `month` beside a date of a year alone: biber reads the date and leaves the month
        // aside, so the date stays to keep it that way.
        (None, Some(_)) => false,
        (Some(m), None) => {
            added.push(Field { name: "month".to_owned(), value: vec![ValuePart::Macro(dates::month_macro(m))] });
            true
        }
        (Some(m), Some(p)) => month_number(&record.fields[p].value, strings) == Some(m),
    };
    // The date goes only when `year`/`month` now say everything it said.
    let keep_date = !(whole && year_matches && month_matches);
    let date = record.fields.remove(pos);
    let mut replacement = added;
    if keep_date {
        replacement.push(date);
    }
    record.fields.splice(pos..pos, replacement);
}

fn year_month_to_date(record: &mut Record, strings: &[RawField]) {
    if record.has("date") {
        return;
    }
    let Some(year_pos) = record.position("year") else { return };
    let Some(year) = plain(&record.fields[year_pos].value, strings) else { return };
    let year = year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let date = match record.position("month") {
        None => year.to_owned(),
        Some(p) => match month_number(&record.fields[p].value, strings) {
            Some(month) => format!("{year}-{month:02}"),
            None => return,
        },
    };
    record.fields[year_pos] = Field::text("date", date);
    record.remove("month");
}

/// The month (1–12) a `month` value names, by the reader's rule ([`dates::parse_month`]): a month
/// macro that the file does not redefine (`jan`), else the value's text (`May`, `Sept.`, `5`,
/// `May 2024`).
fn month_number(value: &[ValuePart], strings: &[RawField]) -> Option<u8> {
    if let [ValuePart::Macro(name)] = value
        && !strings.iter().any(|s| s.name == *name)
    {
        return dates::month_of_macro(name);
    }
    dates::parse_month(&plain(value, strings)?)
}

/// `text`'s first four characters as a year, when they are digits.
fn leading_year(text: &str) -> Option<i32> {
    let head = text.get(..4)?;
    head.bytes().all(|b| b.is_ascii_digit()).then(|| head.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::{Bibliography, parse};
    use std::path::Path;

    fn bib(text: &str) -> Bibliography {
        let (bib, diags) = parse(text, Path::new("refs.bib"));
        assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
        bib
    }

    fn record(text: &str) -> (Record, Vec<RawField>) {
        let bib = bib(text);
        (Record::from_entry(&bib.entries[0]), bib.strings)
    }

    fn names(record: &Record) -> Vec<&str> {
        record.fields.iter().map(|f| f.name.as_str()).collect()
    }

    fn value(record: &Record, name: &str) -> Vec<ValuePart> {
        record.fields[record.position(name).unwrap()].value.clone()
    }

    fn text(t: &str) -> Vec<ValuePart> {
        vec![ValuePart::Text(t.to_owned())]
    }

    #[test]
    fn date_becomes_year_and_month_once() {
        let (mut r, strings) = record("@article{k, title = {T}, date = {2020-05}, note = {N}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["title", "year", "month", "note"]);
        assert_eq!(value(&r, "month"), [ValuePart::Macro("may".into())]);

        // Year already there: not written twice, and the date goes since it says no more.
        let (mut r, strings) = record("@article{k, year = 2020, month = may, date = {2020-05}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "month"]);

        // A day cannot be said in BibTeX: the date stays beside year and month.
        let (mut r, strings) = record("@article{k, date = {2020-05-17}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "month", "date"]);

        // A conflicting year is never overwritten, and the date is kept.
        let (mut r, strings) = record("@article{k, year = {2019}, date = {2020}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["year", "date"]);

        // A month the date does not say stays aside, as biber leaves it (found by proptest).
        let (mut r, strings) = record("@article{k, month = {Müller}, date = {1000}}");
        to_bibtex(&mut r, &strings);
        assert_eq!(names(&r), ["month", "year", "date"]);

        // Idempotent.
        let before = r.clone();
        to_bibtex(&mut r, &strings);
        assert_eq!(r, before);
    }

    #[test]
    fn biblatex_types_and_fields_downgrade() {
        let (mut r, s) = record(
            "@online{k, url = {https://x.org/a}, location = {Austin}, journaltitle = {J}, eprinttype = {arxiv}, eprintclass = {cs.LG}}",
        );
        to_bibtex(&mut r, &s);
        assert_eq!(r.kind, "misc");
        assert_eq!(names(&r), ["url", "howpublished", "address", "journal", "archiveprefix", "primaryclass"]);
        assert_eq!(value(&r, "howpublished"), text("\\url{https://x.org/a}"));

        let (mut r, s) = record("@report{k, type = {techreport}, institution = {UT}}");
        to_bibtex(&mut r, &s);
        assert_eq!((r.kind.as_str(), names(&r)), ("techreport", vec!["institution"]));

        for (source, kind, fields) in [
            ("@thesis{k, type = {phdthesis}}", "phdthesis", vec![]),
            ("@thesis{k, type = {mathesis}}", "mastersthesis", vec![]),
            ("@thesis{k, type = {Master's thesis}}", "mastersthesis", vec!["type"]),
            ("@thesis{k, type = {Habilitation}}", "phdthesis", vec!["type"]),
            ("@thesis{k, school = {MIT}}", "phdthesis", vec!["school"]),
            // BibTeX's styles read a thesis's `school` and a report's `institution`.
            ("@thesis{k, type = {phdthesis}, institution = {MIT}}", "phdthesis", vec!["school"]),
            ("@thesis{k, type = {mathesis}, institution = {MIT}}", "mastersthesis", vec!["school"]),
            ("@phdthesis{k, institution = {MIT}}", "phdthesis", vec!["school"]),
            ("@thesis{k, institution = {A}, school = {B}}", "phdthesis", vec!["institution", "school"]),
            ("@report{k, type = {techreport}, school = {UT}}", "techreport", vec!["institution"]),
            ("@mvbook{k, title = {T}}", "book", vec!["title"]),
            ("@inbook{k, booktitle = {B}}", "incollection", vec!["booktitle"]),
            ("@inbook{k, chapter = {3}}", "inbook", vec!["chapter"]),
            ("@patent{k, number = {1}}", "misc", vec!["number"]),
        ] {
            let (mut r, s) = record(source);
            to_bibtex(&mut r, &s);
            assert_eq!((r.kind.as_str(), names(&r)), (kind, fields), "{source}");
        }

        // Both names present: neither is touched.
        let (mut r, s) = record("@article{k, journaltitle = {A}, journal = {B}}");
        to_bibtex(&mut r, &s);
        assert_eq!(names(&r), ["journaltitle", "journal"]);
    }

    #[test]
    fn url_with_tex_characters_gets_no_howpublished() {
        // `\url{…$}` does not read back (found by fuzzing): the `url` alone says it.
        for url in ["https://x.org/pos$", "https://x.org/$a$", r"https://x.org/a\b", "https://x.org/{a}"] {
            let (mut r, s) = record(&format!("@online{{k, url = {{{url}}}}}"));
            to_bibtex(&mut r, &s);
            assert_eq!((r.kind.as_str(), names(&r)), ("misc", vec!["url"]), "{url}");
        }
        // The characters `\url` takes as they are still get one.
        let url = "https://x.org/~ada/a_b?q=1&r=%20#top";
        let (mut r, s) = record(&format!("@online{{k, url = {{{url}}}}}"));
        to_bibtex(&mut r, &s);
        assert_eq!(value(&r, "howpublished"), text(&format!("\\url{{{url}}}")));
    }

    #[test]
    fn repeated_fields_keep_the_first() {
        // The parser already leaves repeats out; a record built otherwise may still have them.
        let (mut r, _) = record("@misc{k, title = {A}, date = {2020}, note = {n}}");
        r.fields.insert(1, Field::text("title", "B"));
        r.fields.push(Field::text("date", "2021-05"));
        r.fields.push(Field::text("title", "C"));
        assert_eq!(drop_repeats(&mut r), ["title", "date"]);
        assert_eq!(names(&r), ["title", "date", "note"]);
        assert_eq!(value(&r, "title"), text("A"));
        assert_eq!(value(&r, "date"), text("2020"));
        assert!(drop_repeats(&mut r).is_empty());
    }

    #[test]
    fn bibtex_upgrades_to_biblatex() {
        let (mut r, s) = record("@techreport{k, journal = {J}, year = 2020, month = {Sept.}, address = {A}}");
        to_biblatex(&mut r, &s);
        assert_eq!(r.kind, "report");
        assert_eq!(names(&r), ["journaltitle", "date", "location", "type"]);
        assert_eq!(value(&r, "date"), text("2020-09"));
        assert_eq!(value(&r, "type"), text("techreport"));

        // `May 2024` is May here as in the CV (issue 19: it was read as no month).
        let (mut r, s) = record("@article{k, year = 2024, month = {May 2024}}");
        to_biblatex(&mut r, &s);
        assert_eq!(value(&r, "date"), text("2024-05"));

        // An unreadable month keeps year and month as they are.
        let (mut r, s) = record("@article{k, year = 2020, month = {Spring}}");
        to_biblatex(&mut r, &s);
        assert_eq!(names(&r), ["year", "month"]);

        // A date already there wins.
        let (mut r, s) = record("@article{k, year = 2020, date = {2020-01-02}}");
        to_biblatex(&mut r, &s);
        assert_eq!(names(&r), ["year", "date"]);

        let (mut r, s) = record("@phdthesis{k, type = {PhD dissertation}}");
        to_biblatex(&mut r, &s);
        assert_eq!(r.kind, "thesis");
        assert_eq!(value(&r, "type"), text("PhD dissertation"));
    }

    #[test]
    fn month_values_are_read_in_every_common_spelling() {
        let none: Vec<RawField> = Vec::new();
        assert_eq!(month_number(&[ValuePart::Macro("Jan".into())], &none), Some(1));
        assert_eq!(month_number(&text("12"), &none), Some(12));
        assert_eq!(month_number(&text("May"), &none), Some(5));
        assert_eq!(month_number(&text("sept."), &none), Some(9));
        assert_eq!(month_number(&text("13"), &none), None);
        assert_eq!(month_number(&text("ma"), &none), None);
        // One rule with the CV's reader: the first word names the month.
        assert_eq!(month_number(&text("May 2024"), &none), Some(5));
        assert_eq!(crate::bib::dates::parse_month("May 2024"), Some(5));
    }
}
