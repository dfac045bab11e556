//! Which list a paper belongs in (conference, journal, workshop, preprint, …), decided once per
//! entry by the first of these rules that applies, and remembered with the rule so `cvgen data`
//! and `cvgen check --explain` can say why:
//!
//! 1. the entry's own `category` field (`category = {conference}`), which always wins;
//! 2. `pubstate = {submitted}` (or `inreview`): under review, whatever the venue (a submitted
//!    paper is never listed as published);
//! 3. the category of the file the entry comes from (`publications.bib: [{path, category}]`);
//! 4. the profile's `venues` map (a venue's full name or a `*` pattern);
//! 5. the word "Workshop" in the venue: a workshop (before any table match: "MLSys Workshop on
//!    X" is not MLSys);
//! 6. the built-in venue table ([`crate::bib::venues`]): NeurIPS exported by Google Scholar as an
//!    `@article` is still a conference paper;
//! 7. the entry type: `@inproceedings` a conference paper, `@article` a journal article unless
//!    its venue is an archive or missing (a preprint, never just because it carries an arXiv
//!    id), books, chapters, theses, reports and patents their own kinds.
//!
//! An entry's *venue* is its `booktitle`, `journal`/`journaltitle`, `eventtitle` or
//! `howpublished`, and, only when none of these is there, its `publisher` (Google Scholar puts
//! some venues there). Pure.

use super::fields::{text_field, venue_text};
use crate::bib::BibEntry;
use crate::bib::venues::{self, normalize_whole};
use crate::category::Category;
use crate::diag::Diagnostic;
use crate::profile::VenueSetting;

/// A paper's category, the rule that decided it, and the venue's short name when a venue map
/// or the table knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// The category.
    pub category: Category,
    /// Which rule decided it, in words (`venue table: NeurIPS`).
    pub rule: String,
    /// The short name of the venue, from the profile's map or the table.
    pub short: Option<String>,
}

/// The profile's `venues` map, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct VenueRules {
    rules: Vec<(Vec<String>, bool, bool, String, VenueSetting)>,
}

impl VenueRules {
    /// Prepares the map: each name or `*` pattern normalised like a venue.
    pub fn new<'a>(venues: impl IntoIterator<Item = (&'a String, &'a VenueSetting)>) -> Self {
        let rules = venues
            .into_iter()
            .map(|(pattern, setting)| {
                let parts: Vec<String> = pattern.split('*').map(normalize_whole).collect();
                let (open_start, open_end) = (pattern.trim_start().starts_with('*'), pattern.trim_end().ends_with('*'));
                (parts, open_start, open_end, pattern.clone(), setting.clone())
            })
            .collect();
        Self { rules }
    }

    /// The printed name the map gives the venue of `entry` (`name:`), if its setting has one.
    pub fn printed_name(&self, entry: &BibEntry) -> Option<String> {
        self.find(&venue_text(entry)?).and_then(|(_, setting)| setting.name.clone())
    }

    /// The setting whose name or pattern matches `venue`, with the pattern as written.
    fn find(&self, venue: &str) -> Option<(&str, &VenueSetting)> {
        let venue = normalize_whole(venue);
        self.rules
            .iter()
            .find(|(parts, open_start, open_end, _, _)| glob(&venue, parts, *open_start, *open_end))
            .map(|(_, _, _, pattern, setting)| (pattern.as_str(), setting))
    }
}

/// Whether `text` is `parts` joined by anything, open at either end when the pattern was.
fn glob(text: &str, parts: &[String], open_start: bool, open_end: bool) -> bool {
    let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return open_start || open_end;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        let found = if i == 0 && !open_start { rest.starts_with(part).then_some(0) } else { rest.find(part) };
        let Some(at) = found else { return false };
        rest = &rest[at + part.len()..];
    }
    open_end || rest.is_empty()
}

/// Classifies `entry`. An unknown value in its `category` field is a warning in `problems`.
pub fn classify(entry: &BibEntry, rules: &VenueRules, problems: &mut Vec<Diagnostic>) -> Classified {
    let decided = |category: Category, rule: String| Classified { category, rule, short: None };
    if let Some(written) = text_field(entry, "category") {
        match Category::parse(&written) {
            Some(category) => return decided(category, "its `category` field".to_owned()),
            None => {
                let field = entry.field_or_inherited("category").expect("the field was just read");
                let d = Diagnostic::warning(format!("unknown category `{written}` in entry `{}`", entry.key))
                    .at(entry.file.to_path_buf(), field.value_span.clone());
                problems.push(match crate::diag::closest(&written, Category::names()) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint(format!("categories: {}", Category::names().collect::<Vec<_>>().join(", "))),
                });
            }
        }
    }
    if let Some(state) = text_field(entry, "pubstate") {
        let state = state.trim().to_ascii_lowercase();
        if matches!(state.as_str(), "submitted" | "inreview" | "in review" | "underreview" | "under review") {
            return decided(Category::UnderReview, format!("`pubstate = {{{state}}}`"));
        }
    }
    if let Some(category) = entry.file_category {
        return decided(category, format!("the category of `{}`", entry.file.display()));
    }
    let venue = venue_text(entry);
    let mut short = None;
    if let Some(venue) = &venue {
        if let Some((pattern, setting)) = rules.find(venue) {
            short = setting.short.clone();
            if let Some(category) = setting.category {
                return Classified { category, rule: format!("`venues` in the profile: `{pattern}`"), short };
            }
        }
        if has_word(venue, "workshop") {
            return Classified { category: Category::Workshop, rule: "“Workshop” in the venue".to_owned(), short };
        }
        if let Some(known) = venues::builtin().find(venue) {
            return Classified {
                category: known.category,
                rule: format!("venue table: {}", known.short),
                short: short.or_else(|| Some(known.short.clone())),
            };
        }
    }
    let (category, rule) = by_type(entry, venue.is_some());
    Classified { category, rule, short }
}

/// The last rule: what the entry type says.
fn by_type(entry: &BibEntry, has_venue: bool) -> (Category, String) {
    let kind = entry.kind.as_str();
    let category = match kind {
        "inproceedings" | "conference" | "proceedings" | "mvproceedings" => Category::Conference,
        "article" | "periodical" | "suppperiodical" if has_venue => Category::Journal,
        "article" | "periodical" | "suppperiodical" | "unpublished" | "online" | "electronic" | "www" | "misc" => {
            if has_venue || kind == "misc" && super::fields::arxiv_id(entry).is_none() {
                Category::Other
            } else {
                Category::Preprint
            }
        }
        "book" | "mvbook" | "collection" | "mvcollection" | "reference" | "mvreference" => Category::Book,
        "inbook" | "incollection" | "bookinbook" | "inreference" | "suppbook" | "suppcollection" => Category::Chapter,
        "phdthesis" | "mastersthesis" | "thesis" => Category::Thesis,
        "techreport" | "report" => Category::Report,
        "patent" => Category::Patent,
        _ => Category::Other,
    };
    let why = match (kind, category, has_venue) {
        ("article", Category::Preprint, false) => "`@article` without a venue".to_owned(),
        (_, Category::Preprint, _) => format!("`@{kind}` with an arXiv id and no venue"),
        _ => format!("its type `@{kind}`"),
    };
    (category, why)
}

/// Whether `text` has `word` as a whole word, in any letter case.
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word) || w.eq_ignore_ascii_case(&format!("{word}s")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn classify_one(
        text: &str,
        venues: &[(&str, Option<&str>, Option<Category>)],
    ) -> (Category, String, Option<String>) {
        let (bib, diags) = crate::bib::parse(text, Path::new("refs.bib"));
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let map: Vec<(String, VenueSetting)> = venues
            .iter()
            .map(|(p, s, c)| ((*p).to_owned(), VenueSetting { short: s.map(str::to_owned), category: *c, name: None }))
            .collect();
        let rules = VenueRules::new(map.iter().map(|(p, s)| (p, s)));
        let c = classify(&bib.entries[0], &rules, &mut Vec::new());
        (c.category, c.rule, c.short)
    }

    #[test]
    fn real_exports_land_in_the_right_list() {
        let cases: &[(&str, Category, &str)] = &[
            (
                "@article{a, journal={Advances in Neural Information Processing Systems}, volume={37}}",
                Category::Conference,
                "venue table: NeurIPS",
            ),
            ("@article{a, journal={arXiv preprint arXiv:2412.05270}}", Category::Preprint, "venue table: arXiv"),
            ("@article{a, journal={CoRR}, volume={abs/2412.05270}}", Category::Preprint, "venue table: arXiv"),
            (
                "@article{a, journal={IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems}, eprint={2112.08512}, archiveprefix={arXiv}}",
                Category::Journal,
                "venue table: TCAD",
            ),
            (
                "@article{a, journal={Conference on Machine Learning and Systems (MLSys), Workshop on Systems for Next-Gen AI Paradigms (SNAP)}}",
                Category::Workshop,
                "“Workshop” in the venue",
            ),
            (
                "@inproceedings{a, booktitle={MLSys Workshop on Efficient Training}}",
                Category::Workshop,
                "“Workshop” in the venue",
            ),
            ("@article{a, journal={Journal of Obscure Things}}", Category::Journal, "its type `@article`"),
            (
                "@article{a, title={T}, eprint={2412.05270}, archiveprefix={arXiv}}",
                Category::Preprint,
                "`@article` without a venue",
            ),
            (
                "@misc{a, eprint={2412.05270}, archiveprefix={arXiv}}",
                Category::Preprint,
                "`@misc` with an arXiv id and no venue",
            ),
            (
                "@inproceedings{a, booktitle={Proc. of Something Unknown}}",
                Category::Conference,
                "its type `@inproceedings`",
            ),
            ("@article{a, journal={Nature}, category={Under Review}}", Category::UnderReview, "its `category` field"),
            ("@article{a, journal={Nature}, pubstate={submitted}}", Category::UnderReview, "`pubstate = {submitted}`"),
            (
                "@incollection{a, booktitle={A Book}, publisher={Springer}}",
                Category::Chapter,
                "its type `@incollection`",
            ),
            ("@phdthesis{a, school={UT Austin}}", Category::Thesis, "its type `@phdthesis`"),
        ];
        for (text, category, rule) in cases {
            let (c, r, _) = classify_one(text, &[]);
            assert_eq!((c, r.as_str()), (*category, *rule), "{text}");
        }
    }

    #[test]
    fn the_profile_venue_map_comes_before_the_table() {
        let venues =
            [("Photonics West*", Some("SPIE PW"), Some(Category::Conference)), ("*Optica*", Some("Optica"), None)];
        let (c, r, s) = classify_one("@article{a, journal={Photonics West 2024: Optical Interconnects}}", &venues);
        assert_eq!(
            (c, r.as_str(), s.as_deref()),
            (Category::Conference, "`venues` in the profile: `Photonics West*`", Some("SPIE PW"))
        );
        // A short name without a category keeps the other rules.
        let (c, _, s) = classify_one("@article{a, journal={Optica}}", &venues);
        assert_eq!((c, s.as_deref()), (Category::Journal, Some("Optica")));
    }

    #[test]
    fn an_unknown_category_is_a_warning_and_the_rules_go_on() {
        let (bib, _) =
            crate::bib::parse("@inproceedings{a, booktitle={X}, category={confrence}}", Path::new("refs.bib"));
        let mut problems = Vec::new();
        let c = classify(&bib.entries[0], &VenueRules::default(), &mut problems);
        assert_eq!(c.category, Category::Conference);
        assert_eq!(problems[0].message, "unknown category `confrence` in entry `a`");
        assert_eq!(problems[0].hints[0], "did you mean `conference`?");
    }
}
