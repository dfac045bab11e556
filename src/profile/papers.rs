//! The profile's per-paper additions (`publications.papers`, keyed by bib key, `key-2` for the
//! second entry with a key) and co-authors' names as the owner writes them
//! (`publications.rename`): what a CV says that the bibliography does not, kept out of the
//! bibliography file another tool made. Types and their deserializers only; the model applies
//! them ([`crate::model::publications::papers`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::Deserializer;

use crate::category::Category;
use crate::date::{DateField, DateText};

/// What the profile says about one paper. Every field is optional; a value given here wins over
/// the entry's own fields, the `venues:` map and the built-in venue table.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperSetting {
    /// A note printed with the paper, in rich text (`**Spotlight**; acceptance rate 22%`);
    /// replaces the entry's `note`.
    #[serde(default)]
    pub note: Option<String>,
    /// The authors who contributed equally (`*`): positions from 1 or names as printed. Replaces
    /// the bibliography's marks; an empty list removes them.
    #[serde(default)]
    pub equal: Option<Vec<AuthorRef>>,
    /// The corresponding authors (`†`): positions from 1 or names as printed. Replaces the
    /// bibliography's marks; an empty list removes them.
    #[serde(default)]
    pub corresponding: Option<Vec<AuthorRef>>,
    /// When it was published (`2024`, `2024-12`, `2024-12-05`): the order of the list, and the
    /// month where a theme prints one.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub date: Option<DateField>,
    /// Among papers of the same date, a larger order counts as later (printed first in a list
    /// newest first). Default 0.
    #[serde(default)]
    pub order: Option<i64>,
    /// The venue as printed (`Conference on Machine Learning and Systems (MLSys)`).
    #[serde(default)]
    pub venue: Option<String>,
    /// The badge (`MLSys`).
    #[serde(default)]
    pub short: Option<String>,
    /// The title as printed.
    #[serde(default)]
    pub title: Option<String>,
    /// The list it goes into.
    #[serde(default)]
    pub category: Option<Category>,
    /// Whether it is one of the selected papers (`select: {selected: true}`, `selected_only`).
    #[serde(default)]
    pub selected: Option<bool>,
    /// Leave it out of every list.
    #[serde(default)]
    pub hide: Option<bool>,
    /// Further links by label (`{slides: "https://…", video: "https://…"}`).
    #[serde(default)]
    pub links: BTreeMap<String, String>,
}

/// An author of a paper, by position (from 1) or by name as printed (`Hanqing Zhu`).
#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AuthorRef {
    /// The position in the author list, from 1.
    Position(usize),
    /// The name as the CV prints it.
    Name(String),
}

impl<'de> Deserialize<'de> for AuthorRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Position(u64),
            Name(String),
        }
        Ok(match Either::deserialize(deserializer)? {
            Either::Position(n) => AuthorRef::Position(usize::try_from(n).unwrap_or(usize::MAX)),
            Either::Name(name) => AuthorRef::Name(name),
        })
    }
}

impl std::fmt::Display for AuthorRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthorRef::Position(n) => write!(f, "{n}"),
            AuthorRef::Name(name) => write!(f, "{name}"),
        }
    }
}
