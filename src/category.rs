//! The kinds of publication a CV lists them by, in display order, with their label prefixes
//! (`[C3]`, `[J1]`): the one vocabulary the profile, the venue table, the model and the templates
//! share. Group titles in each language are in [`crate::locale`].
//!
//! A table of constants and a parser; it knows nothing of entries.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A kind of publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A paper in the proceedings of a conference.
    Conference,
    /// A journal article.
    Journal,
    /// A paper at a workshop.
    Workshop,
    /// A preprint (arXiv, bioRxiv, …), not yet published elsewhere.
    Preprint,
    /// Submitted and under review.
    UnderReview,
    /// A book.
    Book,
    /// A chapter in a book.
    Chapter,
    /// A thesis or dissertation.
    Thesis,
    /// A patent.
    Patent,
    /// A talk or presentation.
    Talk,
    /// An abstract or a poster.
    Abstract,
    /// A technical report.
    Report,
    /// Anything else.
    Other,
}

/// Every category in display order, with its name (as written in files) and label prefix.
pub const CATEGORIES: &[(Category, &str, &str)] = &[
    (Category::Conference, "conference", "C"),
    (Category::Journal, "journal", "J"),
    (Category::Workshop, "workshop", "W"),
    (Category::Preprint, "preprint", "P"),
    (Category::UnderReview, "under_review", "U"),
    (Category::Book, "book", "B"),
    (Category::Chapter, "chapter", "BC"),
    (Category::Thesis, "thesis", "T"),
    (Category::Patent, "patent", "PT"),
    (Category::Talk, "talk", "TK"),
    (Category::Abstract, "abstract", "A"),
    (Category::Report, "report", "R"),
    (Category::Other, "other", "O"),
];

impl Category {
    /// The name as written in files and in `/cv.json` (`under_review`).
    pub fn name(self) -> &'static str {
        CATEGORIES.iter().find(|(c, _, _)| *c == self).map_or("other", |(_, name, _)| name)
    }

    /// The label prefix (`C` for `[C3]`).
    pub fn prefix(self) -> &'static str {
        CATEGORIES.iter().find(|(c, _, _)| *c == self).map_or("O", |(_, _, prefix)| prefix)
    }

    /// Reads a category as a user writes it: its name, in any letter case, with `-`, `_` or a
    /// space between words, or a common synonym (`article` is a journal article, `inproceedings`
    /// a conference paper, `arxiv` a preprint, `submitted` under review).
    pub fn parse(text: &str) -> Option<Self> {
        let word: String =
            text.trim().to_lowercase().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
        if let Some((category, _, _)) = CATEGORIES.iter().find(|(_, name, _)| *name == word) {
            return Some(*category);
        }
        Some(match word.as_str() {
            "conf" | "inproceedings" | "proceedings" | "conference_paper" => Category::Conference,
            "article" | "journal_article" | "periodical" => Category::Journal,
            "arxiv" | "unpublished" => Category::Preprint,
            "submitted" | "in_review" | "inreview" | "review" => Category::UnderReview,
            "incollection" | "inbook" | "book_chapter" => Category::Chapter,
            "phdthesis" | "mastersthesis" | "dissertation" => Category::Thesis,
            "presentation" | "invited_talk" => Category::Talk,
            "poster" | "extended_abstract" => Category::Abstract,
            "techreport" | "technical_report" | "tech_report" => Category::Report,
            "misc" => Category::Other,
            _ => return None,
        })
    }

    /// Every name [`Category::parse`] takes as itself, for "did you mean" hints.
    pub fn names() -> impl Iterator<Item = &'static str> {
        CATEGORIES.iter().map(|(_, name, _)| *name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_prefixes_are_unique_and_round_trip() {
        for (category, name, _) in CATEGORIES {
            assert_eq!(Category::parse(name), Some(*category));
            assert_eq!(category.name(), *name);
            let json = serde_json::to_string(category).unwrap();
            assert_eq!(json, format!("\"{name}\""));
        }
        let mut prefixes: Vec<&str> = CATEGORIES.iter().map(|(_, _, p)| *p).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), CATEGORIES.len());
    }

    #[test]
    fn users_write_categories_many_ways() {
        assert_eq!(Category::parse("Under Review"), Some(Category::UnderReview));
        assert_eq!(Category::parse("under-review"), Some(Category::UnderReview));
        assert_eq!(Category::parse("inproceedings"), Some(Category::Conference));
        assert_eq!(Category::parse("arXiv"), Some(Category::Preprint));
        assert_eq!(Category::parse("Conference"), Some(Category::Conference));
        assert_eq!(Category::parse("banana"), None);
    }
}
