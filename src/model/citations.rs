//! Citation counts from a local file (`publications.citations: citations.csv`): the file's
//! reading ([`parse`]), each paper's count ([`apply`], which sets [`Publication::cited_by`]) and
//! the summary a CV prints under its publications heading ([`summarize`]: total, h-index, source
//! and date). Nothing is fetched from the network; the counts are whatever the file says.
//!
//! The file is CSV (RFC 4180: fields may be quoted with `"`, a quote inside doubled). Its first
//! line names the columns, in any order: `key` (the BibTeX key, or the id `key-2` of a second
//! entry with one key), `count` (a whole number), `as_of` (the day the counts were taken,
//! `2025-11-01`, or a month, `2025-11`) and, optionally, `source` (`Google Scholar`):
//!
//! ```text
//! key,count,as_of,source
//! zhu2025apollo,120,2025-11-01,Google Scholar
//! zhu2024pace,35,2025-11-01,Google Scholar
//! ```
//!
//! A malformed row (a missing or extra field, a count or date that is not one, a key listed
//! twice) is a located error; a key no entry of the bibliography has is a located warning. Pure:
//! the pipeline reads the file and hands its text here.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Cv;
use super::publications::Publication;
use crate::date::PartialDate;
use crate::diag::Diagnostic;
use crate::locale;

/// How many unknown keys get a "did you mean" hint: each costs a pass over every key.
const HINTED: usize = 10;

/// The largest citation count a row may give (the most cited papers have a few hundred
/// thousand): a larger number is a typo, and the total of any file stays far from `u64`'s end.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// A citation counts file, read.
#[derive(Debug, Clone, Default)]
pub struct CitationFile {
    /// Where it is (for messages).
    pub path: PathBuf,
    /// Each row: the key as written, its count and where the key is in the file.
    pub rows: Vec<Row>,
    /// The day the counts were taken: the latest `as_of` of the file.
    pub as_of: Option<PartialDate>,
    /// The `source` column's first value, if the file has one.
    pub source: Option<String>,
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The key as written.
    pub key: String,
    /// How often the paper is cited.
    pub count: u64,
    /// Where the key is in the file.
    pub span: Range<usize>,
}

/// The citation summary a CV prints once, under its first publications heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationSummary {
    /// Citations of every paper of the bibliography the file counts (a preprint left out for
    /// its published version is not counted twice).
    pub total: u64,
    /// The h-index of those papers: the largest h such that h papers are cited h times or more.
    pub h_index: u64,
    /// How many papers have a count.
    pub papers: usize,
    /// Where the counts come from: the file's `source` column, else the file's name.
    pub source: String,
    /// The day the counts were taken, in the CV's language (`November 1, 2025`).
    pub as_of: String,
    /// The same as `2025-11-01` (or `2025-11`).
    pub as_of_iso: String,
    /// The whole line, ready to print: `Citations: 1,234 · h-index: 12 (Google Scholar, as of
    /// November 1, 2025)`.
    pub text: String,
}

/// The words of the citation line and of "cited by N" in one language.
struct CitationWords {
    /// `cited by {n}`.
    cited_by: &'static str,
    /// The summary line: `{total}`, `{h}`, `{source}` and `{date}` are replaced.
    line: &'static str,
    /// Between groups of three digits (`1,234`).
    thousands: &'static str,
}

/// The words by language code (English for a language not listed).
// These belong with the other words of each language in `crate::locale`; they are here until
// that table grows these fields.
const WORDS: &[(&str, CitationWords)] = &[
    (
        "en",
        CitationWords {
            cited_by: "cited by {n}",
            line: "Citations: {total} · h-index: {h} ({source}, as of {date})",
            thousands: ",",
        },
    ),
    (
        "de",
        CitationWords {
            cited_by: "{n}-mal zitiert",
            line: "Zitationen: {total} · h-Index: {h} ({source}, Stand {date})",
            thousands: ".",
        },
    ),
    (
        "fr",
        CitationWords {
            cited_by: "cité {n} fois",
            line: "Citations : {total} · indice h : {h} ({source}, au {date})",
            thousands: "\u{202f}",
        },
    ),
    (
        "es",
        CitationWords {
            cited_by: "citado {n} veces",
            line: "Citas: {total} · índice h: {h} ({source}, a {date})",
            thousands: ".",
        },
    ),
    (
        "zh",
        CitationWords {
            cited_by: "被引用 {n} 次",
            line: "引用：{total} · h 指数：{h}（{source}，截至 {date}）",
            thousands: ",",
        },
    ),
];

fn words(lang: &str) -> &'static CitationWords {
    WORDS.iter().find(|(code, _)| *code == lang).map_or(&WORDS[0].1, |(_, w)| w)
}

/// `cited by {n}` in the language `lang` (a code of [`crate::locale`]), for `cv.meta.words`.
pub fn cited_by_pattern(lang: &str) -> String {
    words(lang).cited_by.to_owned()
}

/// Reads a citation counts file; its problems come back located in `path`.
pub fn parse(text: &str, path: &Path) -> (CitationFile, Vec<Diagnostic>) {
    let mut file = CitationFile { path: path.to_owned(), ..CitationFile::default() };
    let mut problems = Vec::new();
    let records = match records(text) {
        Ok(records) => records,
        Err(at) => {
            problems.push(
                Diagnostic::error("a quoted field of the citation counts is never closed")
                    .at(path, at..at + 1)
                    .hint("close the field with `\"`; a quote inside a quoted field is written `\"\"`"),
            );
            return (file, problems);
        }
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        problems.push(
            Diagnostic::error(format!("`{}` has no header line", path.display()))
                .at(path, 0..0)
                .hint("start the file with `key,count,as_of` (and optionally `,source`)"),
        );
        return (file, problems);
    };
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell.text.trim().to_ascii_lowercase();
        let known = ["key", "count", "as_of", "source"].into_iter().find(|known| *known == name);
        match known {
            Some(known) if !columns.contains_key(known) => {
                columns.insert(known, i);
            }
            Some(known) => problems.push(
                Diagnostic::error(format!("the column `{known}` is named twice"))
                    .at(path, cell.span.clone())
                    .hint("each of `key`, `count`, `as_of` and `source` is one column"),
            ),
            None => {
                let mut d = Diagnostic::error(format!("unknown column `{}` in the citation counts", cell.text.trim()))
                    .at(path, cell.span.clone());
                if let Some(close) = crate::diag::closest(&name, ["key", "count", "as_of", "source"]) {
                    d = d.hint(format!("did you mean `{close}`?"));
                }
                problems.push(d.hint("the columns are `key`, `count`, `as_of` and optionally `source`"));
            }
        }
    }
    let missing: Vec<&str> = ["key", "count", "as_of"].into_iter().filter(|c| !columns.contains_key(c)).collect();
    if !missing.is_empty() {
        let listed: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
        let span = header.first().map_or(0..0, |c| c.span.start..header.last().map_or(c.span.end, |l| l.span.end));
        problems.push(
            Diagnostic::error(format!("the citation counts have no {} column", listed.join(" or ")))
                .at(path, span)
                .hint("the first line names the columns: `key,count,as_of` (and optionally `,source`)"),
        );
    }
    if problems.iter().any(Diagnostic::is_error) {
        return (file, problems);
    }
    let (key_at, count_at, date_at) = (columns["key"], columns["count"], columns["as_of"]);
    let source_at = columns.get("source").copied();
    let width = header.len();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    // Lines are found through one index of line starts: counting from the top for every
    // repeated key was quadratic.
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut dates: Vec<(PartialDate, Range<usize>)> = Vec::new();
    for record in records {
        let whole = record.first().map_or(0..0, |c| c.span.start..record.last().map_or(c.span.end, |l| l.span.end));
        if record.len() != width {
            problems.push(
                Diagnostic::error(format!("this row has {} fields, the header {width}", record.len()))
                    .at(path, whole)
                    .hint("each row is `key,count,as_of` in the header's order; quote a field that holds a comma"),
            );
            continue;
        }
        let key = &record[key_at];
        let key_text = key.text.trim();
        if key_text.is_empty() {
            problems.push(
                Diagnostic::error("a row of the citation counts has no key")
                    .at(path, whole)
                    .hint("the key is the BibTeX key of the paper (`zhu2025apollo`)"),
            );
            continue;
        }
        let count_cell = &record[count_at];
        let Some(count) = count_cell.text.trim().parse::<u64>().ok().filter(|c| *c <= MAX_COUNT) else {
            let d = Diagnostic::error(format!("`{}` is not a citation count", count_cell.text.trim()))
                .at(path, count_cell.span.clone());
            problems.push(if count_cell.text.trim().bytes().all(|b| b.is_ascii_digit()) {
                d.hint(format!("a paper's count is at most {MAX_COUNT}; check the digits"))
            } else {
                d.hint("write a whole number without separators, like `1234`")
            });
            continue;
        };
        let date_cell = &record[date_at];
        match PartialDate::parse(date_cell.text.trim()) {
            Ok(date @ PartialDate::Known { .. }) => dates.push((date, date_cell.span.clone())),
            _ => {
                problems.push(
                    Diagnostic::error(format!("`{}` is not a date", date_cell.text.trim()))
                        .at(path, date_cell.span.clone())
                        .hint("write the day the counts were taken as `2025-11-01` (or a month, `2025-11`)"),
                );
                continue;
            }
        }
        if let Some(first) = seen.get(&key_text.to_lowercase()) {
            let line = line_starts.partition_point(|&start| start <= first.start);
            problems.push(
                Diagnostic::error(format!(
                    "`{key_text}` is listed twice in the citation counts (first on line {line})"
                ))
                .at(path, key.span.clone())
                .hint("keep one row per paper"),
            );
            continue;
        }
        seen.insert(key_text.to_lowercase(), key.span.clone());
        if let Some(at) = source_at {
            let source = record[at].text.trim();
            if file.source.is_none() && !source.is_empty() {
                file.source = Some(source.to_owned());
            }
        }
        file.rows.push(Row { key: key_text.to_owned(), count, span: key.span.clone() });
    }
    file.as_of = dates.iter().map(|(d, _)| *d).max();
    if let (Some(latest), Some((first, span))) = (file.as_of, dates.iter().find(|(d, _)| Some(*d) != file.as_of)) {
        let iso = |d: PartialDate| iso(d).unwrap_or_default();
        problems.push(
            Diagnostic::warning(format!(
                "the citation counts were taken on different days (`{}` here, `{}` the latest)",
                iso(*first),
                iso(latest)
            ))
            .at(path, span.clone())
            .hint("the CV says the counts are as of the latest day; take them all on one day to be exact"),
        );
    }
    (file, problems)
}

/// `2025-11-01`, `2025-11` or `2025`.
fn iso(date: PartialDate) -> Option<String> {
    match date {
        PartialDate::Known { year, month: None, .. } => Some(format!("{year:04}")),
        PartialDate::Known { year, month: Some(m), day: None } => Some(format!("{year:04}-{m:02}")),
        PartialDate::Known { year, month: Some(m), day: Some(d) } => Some(format!("{year:04}-{m:02}-{d:02}")),
        PartialDate::Present => None,
    }
}

/// Sets each paper's `cited_by` from `file`, by id (`key-2` for a second entry with one key) in
/// any letter case; a key of the file that no entry has comes back as a located warning.
pub fn apply(publications: &mut [Publication], file: &CitationFile) -> Vec<Diagnostic> {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, p) in publications.iter().enumerate() {
        by_id.entry(p.id.to_lowercase()).or_insert(i);
    }
    let mut unknown = Vec::new();
    for row in &file.rows {
        match by_id.get(&row.key.to_lowercase()) {
            Some(&i) => publications[i].cited_by = Some(row.count),
            None => unknown.push(row),
        }
    }
    let mut out = Vec::new();
    for (n, row) in unknown.into_iter().enumerate() {
        let mut d = Diagnostic::warning(format!("no entry of the bibliography has the key `{}`", row.key))
            .at(file.path.clone(), row.span.clone())
            .label("its count is left out");
        if n < HINTED
            && let Some(close) = crate::diag::closest(&row.key, publications.iter().map(|p| p.id.as_str()))
        {
            d = d.hint(format!("did you mean `{close}`?"));
        }
        out.push(d.hint("the key is the BibTeX key of the paper, as `cvgen check --explain` lists them"));
    }
    out
}

/// The summary of the counts of `publications` (as [`apply`] left them; a paper left out for
/// another is not counted), in the CV's language, set on `cv` for the templates. `source` names
/// the file when it has no `source` column.
pub fn summarize(cv: &mut Cv, publications: &[Publication], file: &CitationFile) {
    let mut counts: Vec<u64> =
        publications.iter().filter(|p| p.left_out_for.is_none()).filter_map(|p| p.cited_by).collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    // No overflow: each count is at most `MAX_COUNT`; saturating all the same.
    let total: u64 = counts.iter().fold(0u64, |sum, c| sum.saturating_add(*c));
    let h_index = counts.iter().enumerate().take_while(|(i, c)| **c > *i as u64).count() as u64;
    let lang = locale::get(&cv.meta.lang).unwrap_or(&locale::ENGLISH);
    let as_of = file.as_of.map(|d| d.display_long(&lang.dates)).unwrap_or_default();
    let source = file.source.clone().unwrap_or_else(|| {
        file.path.file_name().map_or_else(|| file.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    });
    let w = words(lang.code);
    let text = w
        .line
        .replace("{total}", &grouped(total, w.thousands))
        .replace("{h}", &h_index.to_string())
        .replace("{source}", &source)
        .replace("{date}", &as_of);
    cv.citations = Some(CitationSummary {
        total,
        h_index,
        papers: counts.len(),
        source,
        as_of,
        as_of_iso: file.as_of.and_then(iso).unwrap_or_default(),
        text,
    });
}

/// `1234567` as `1,234,567` with `separator` between groups of three digits.
fn grouped(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A field of a CSV record and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    span: Range<usize>,
}

/// The records of CSV `text` (empty lines skipped), or the offset of a quote never closed.
fn records(text: &str) -> Result<Vec<Vec<Cell>>, usize> {
    let bytes = text.as_bytes();
    let mut out: Vec<Vec<Cell>> = Vec::new();
    let mut record: Vec<Cell> = Vec::new();
    let mut i = 0;
    loop {
        // One field, from `i`.
        let start = i;
        let mut value = String::new();
        if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Err(open),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                        value.push('"');
                        i += 2;
                    }
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => {
                        // Copy up to the next quote in one go (the text is UTF-8 and `"` is ASCII).
                        let end = text[i..].find('"').map_or(text.len(), |n| i + n);
                        value.push_str(&text[i..end]);
                        i = end;
                    }
                }
            }
            // Anything between the closing quote and the separator is kept as written.
            let end = text[i..].find([',', '\n', '\r']).map_or(text.len(), |n| i + n);
            value.push_str(text[i..end].trim());
            i = end;
        } else {
            let end = text[i..].find([',', '\n', '\r']).map_or(text.len(), |n| i + n);
            value.push_str(&text[i..end]);
            i = end;
        }
        record.push(Cell { text: value, span: start..i });
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b'\r' | b'\n') | None => {
                let blank = record.len() == 1 && record[0].text.trim().is_empty();
                if !blank {
                    out.push(std::mem::take(&mut record));
                } else {
                    record.clear();
                }
                if bytes.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                if i >= bytes.len() {
                    return Ok(out);
                }
            }
            Some(_) => unreachable!("a field ends at a separator, a line end or the end"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (CitationFile, Vec<Diagnostic>) {
        parse(text, Path::new("citations.csv"))
    }

    #[test]
    fn rows_are_read_with_their_places() {
        let text = "key,count,as_of,source\nzhu2025apollo,120,2025-11-01,Google Scholar\r\n\n\"odd,key\",\"3\",2025-10-01,\"Scholar, \"\"GS\"\"\"\n";
        let (file, problems) = read(text);
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0], Row { key: "zhu2025apollo".into(), count: 120, span: 23..36 });
        assert_eq!(&text[file.rows[1].span.clone()], "\"odd,key\"");
        assert_eq!(file.rows[1].key, "odd,key");
        assert_eq!(file.source.as_deref(), Some("Google Scholar"));
        assert_eq!(file.as_of, Some(PartialDate::Known { year: 2025, month: Some(11), day: Some(1) }));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.starts_with("the citation counts were taken on different days"));
    }

    #[test]
    fn malformed_rows_are_located_errors_and_the_others_are_read() {
        let text = "count,key,as_of\n12x,a,2025-01-01\n3,b\n4,c,yesterday\n5,d,2025-01\n6,D,2025-01\n";
        let (file, problems) = read(text);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`12x` is not a citation count",
                "this row has 2 fields, the header 3",
                "`yesterday` is not a date",
                "`D` is listed twice in the citation counts (first on line 5)",
            ]
        );
        assert!(problems.iter().all(Diagnostic::is_error));
        assert_eq!(&text[problems[0].location.as_ref().unwrap().span.clone()], "12x");
        assert_eq!(file.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["d"]);
    }

    #[test]
    fn a_bad_header_or_an_open_quote_stops_the_reading() {
        let (_, problems) = read("key,cites,as_of\n");
        assert_eq!(problems[0].message, "unknown column `cites` in the citation counts");
        assert_eq!(problems[1].message, "the citation counts have no `count` column");
        let (_, problems) = read("key,count,as_of\n\"a,1,2025-01-01\n");
        assert_eq!(problems[0].message, "a quoted field of the citation counts is never closed");
        assert_eq!(problems[0].location.as_ref().unwrap().span, 16..17);
        let (_, problems) = read("\n\n");
        assert_eq!(problems[0].message, "`citations.csv` has no header line");
    }

    #[test]
    fn h_index_and_grouping() {
        assert_eq!(grouped(1_234_567, ","), "1,234,567");
        assert_eq!(grouped(999, ","), "999");
        assert_eq!(grouped(0, "."), "0");
    }
}
