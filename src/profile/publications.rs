//! The `publications:` part of a profile: which bibliographies to read and whose papers they
//! are ([`PublicationSettings`]), how the list looks, and the publication lists a CV may split
//! its papers into ([`ListSettings`], [`Select`]). Types and their deserializers only.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::Profile;
pub use super::papers::{AuthorRef, PaperSetting};
use crate::category::Category;

/// Publication settings: the two fixed keys `bib` and `owner`, and display choices.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationSettings {
    /// The bibliography: a BibTeX (or CSL-JSON) file relative to the profile, or a list of them,
    /// each a path or `{path: arxiv.bib, category: preprint}` (the category of its entries unless
    /// an entry says otherwise). May be left out when the bibliography is always given with
    /// `--bib`.
    #[serde(default, deserialize_with = "bib_sources")]
    #[schemars(with = "BibSourcesSchema")]
    pub bib: Vec<BibSource>,
    /// The owner's name variants, matched against author lists.
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
    pub owner: Vec<String>,
    /// Section heading.
    #[serde(default)]
    pub title: Option<String>,
    /// Grouping of the list.
    #[serde(default)]
    pub group_by: GroupBy,
    /// Labels (`[C3]`, `[J1]`) and how they count.
    #[serde(default)]
    pub numbering: Numbering,
    /// Number newest-first papers from the highest number down (the newest gets `[C4]`).
    #[serde(default = "yes")]
    pub reverse_numbering: bool,
    /// How the owner's name is emphasised.
    #[serde(default)]
    pub highlight: Highlight,
    /// Only entries with `selected = {true}`.
    #[serde(default)]
    pub selected_only: bool,
    /// Fields `cvgen bib` strips by default (replaces the built-in list).
    #[serde(default)]
    pub private_fields: Option<Vec<String>>,
    /// How author names are printed: `dotted` (the default) gives a lone initial its period
    /// (`David Z. Pan`) and splits run-together initials (`Morris, CL` → `C. L. Morris`);
    /// `as_written` prints them as the bibliography has them.
    #[serde(default)]
    pub names: NameStyle,
    /// Titles in title case (`Light in AI: A Tutorial`), keeping words in braces and acronyms
    /// as written; for bibliographies (Google Scholar's) that lowercase titles. Off by default.
    #[serde(default)]
    pub title_case: bool,
    /// Venues by their full name (or a pattern with `*`): the short name shown as the badge and
    /// the category, ahead of the built-in venue table
    /// (`venues: {"Photonics West*": {short: SPIE PW, category: conference}}`).
    #[serde(default)]
    pub venues: BTreeMap<String, VenueSetting>,
    /// Keep a preprint in the CV when a published paper has the same title (by default the
    /// preprint is left out, with a warning).
    #[serde(default)]
    pub keep_preprint_duplicates: bool,
    /// Several publication lists, each a section of its own (`Representative Publications`, then
    /// conference and journal papers without repeats). Without it, one list of every paper.
    #[serde(default)]
    pub lists: Vec<ListSettings>,
    /// Print `title` once, as the heading of the publications, with each of `lists` as a
    /// sub-heading under it (rather than each list a section heading of its own).
    #[serde(default)]
    pub group_lists: bool,
    /// Citation counts from a local CSV file, relative to the profile (`citations.csv`: a header
    /// `key,count,as_of` and optionally `source`, then one row per paper, e.g.
    /// `zhu2025apollo,120,2025-11-01,Google Scholar`): each paper shows "cited by N", the list a
    /// total and an h-index with their source and date. Nothing is fetched from the network.
    #[serde(default)]
    pub citations: Option<PathBuf>,
    /// What the CV says about a paper that its bibliography does not, by key (`key-2` for the
    /// second entry with a key): a note, the author marks, the date and the order within a
    /// date, the venue, badge and title as printed, the category, selection, hiding and links
    /// (`papers: {zhu2025apollo: {note: "Oral", equal: [1, 2]}}`). The profile wins over the
    /// entry's own fields, the `venues` map and the built-in venue table.
    #[serde(default)]
    pub papers: BTreeMap<String, PaperSetting>,
    /// Co-authors' names as the CV prints them, in every output (`{"David Pan": "David Z.
    /// Pan"}`): the left-hand name as cvgen would print it. Matching the owner is unchanged.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
}

/// One publication list of `publications.lists`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSettings {
    /// The section heading (`Representative Publications`).
    pub title: String,
    /// An id for `section_order` and `hide` (default: the title in lowercase with dashes).
    #[serde(default)]
    pub id: Option<String>,
    /// Which papers it shows (all when empty).
    #[serde(default)]
    pub select: Select,
    /// Leave out papers an earlier list showed.
    #[serde(default)]
    pub exclude_listed: bool,
    /// Label prefix (`I` numbers the list `[I1]`, `[I2]`, …); without one, `numbering` decides.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Labels and how they count, when there is no `prefix` (default: `publications.numbering`).
    #[serde(default)]
    pub numbering: Option<Numbering>,
    /// Number from the highest down (default: `publications.reverse_numbering`).
    #[serde(default)]
    pub reverse_numbering: Option<bool>,
    /// Grouping (default: `type` without a `prefix`, `none` with one).
    #[serde(default)]
    pub group_by: Option<GroupBy>,
}

impl ListSettings {
    /// The section id of the `i`-th list: its `id`, else its title in lowercase with dashes.
    pub fn section_id(&self, i: usize) -> String {
        self.id.clone().unwrap_or_else(|| {
            let words: Vec<String> = self.title.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() { format!("publications-{}", i + 1) } else { words.join("-") }
        })
    }
}

impl Profile {
    /// The section ids of the publication lists: `publications`, or one per list.
    pub fn publication_section_ids(&self) -> Vec<String> {
        match &self.publications {
            Some(settings) if !settings.lists.is_empty() => {
                settings.lists.iter().enumerate().map(|(i, l)| l.section_id(i)).collect()
            }
            _ => vec!["publications".to_owned()],
        }
    }
}

/// Which papers a list shows: every filter given must hold.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Select {
    /// Only papers with `selected = {true}` (or only those without, with `false`).
    #[serde(default)]
    pub selected: Option<bool>,
    /// Only papers of these categories (one or a list).
    #[serde(default, deserialize_with = "one_or_many_categories")]
    #[schemars(with = "Option<OneOrManyCategories>")]
    pub category: Vec<Category>,
    /// Only the papers with these keys, in any order (the second entry with a key is `key-2`,
    /// the first also `key-1`); a key no entry has is an error.
    #[serde(default)]
    pub keys: Vec<String>,
    /// Only papers of these years: `2020-2024`, `2023`, or a list of them.
    #[serde(default, deserialize_with = "years")]
    #[schemars(with = "Option<OneOrManyYears>")]
    pub years: Vec<(i32, i32)>,
    /// Only papers with one of these BibTeX `keywords`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Only papers where the owner has this role.
    #[serde(default)]
    pub role: Option<Role>,
}

/// The owner's role on a paper, for `select.role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The owner is the first author.
    First,
    /// The owner is the first author or shares the first place (`*` on the first authors).
    EqualFirst,
    /// The owner is a corresponding author (`†`).
    Corresponding,
}

/// One category or a list (the schema of `select.category`).
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrManyCategories {
    /// One category.
    One(Category),
    /// Several.
    Many(Vec<Category>),
}

/// Years as a year, a `2020-2024` range, or a list of them (the schema of `select.years`).
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrManyYears {
    /// `2024` or `2020-2024`.
    One(YearsSchema),
    /// Several.
    Many(Vec<YearsSchema>),
}

/// `2024` or `2020-2024`.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum YearsSchema {
    /// A year.
    Year(i32),
    /// A range (`2020-2024`).
    Range(String),
}

fn one_or_many_categories<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Category>, D::Error> {
    // Read as names first, so a wrong one is named (an untagged enum of categories said only
    // "did not match any variant").
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let names = match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(c) => vec![c],
        OneOrMany::Many(v) => v,
    };
    names
        .iter()
        .map(|name| {
            crate::category::CATEGORIES.iter().find(|(_, known, _)| known == name).map(|(c, _, _)| *c).ok_or_else(
                || {
                    let names = crate::category::CATEGORIES.iter().map(|(_, known, _)| *known);
                    let guess = crate::diag::closest(name, names.clone())
                        .map_or_else(String::new, |best| format!("; did you mean `{best}`?"));
                    let all: Vec<&str> = names.collect();
                    serde::de::Error::custom(format!("unknown category `{name}` (one of {}){guess}", all.join(", ")))
                },
            )
        })
        .collect()
}

fn years<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(i32, i32)>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Years {
        Year(i32),
        Text(String),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Years),
        Many(Vec<Years>),
    }
    let list = match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(y) => vec![y],
        OneOrMany::Many(v) => v,
    };
    list.into_iter()
        .map(|y| match y {
            Years::Year(y) => Ok((y, y)),
            Years::Text(text) => {
                let (from, to) = text.split_once('-').unwrap_or((&text, &text));
                let parse = |t: &str| t.trim().parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
                match (parse(from), parse(to)) {
                    (Some(a), Some(b)) if a <= b => Ok((a, b)),
                    _ => Err(serde::de::Error::custom(format!(
                        "expected a year or a range like `2020-2024`, found `{text}`"
                    ))),
                }
            }
        })
        .collect()
}

fn yes() -> bool {
    true
}

/// One bibliography file of `publications.bib`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BibSource {
    /// The file, relative to the profile.
    pub path: PathBuf,
    /// The category of its entries, unless an entry's own `category` field says otherwise.
    #[serde(default)]
    pub category: Option<Category>,
}

/// `publications.bib`'s schema: a path, or a list of paths and `{path, category}`.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum BibSourcesSchema {
    /// One file.
    One(PathBuf),
    /// Several files.
    Many(Vec<BibSourceSchema>),
}

/// One file of the list.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum BibSourceSchema {
    /// A path.
    Path(PathBuf),
    /// A path with the default category of its entries.
    WithCategory(BibSource),
}

fn bib_sources<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<BibSource>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Source {
        Path(PathBuf),
        WithCategory(BibSource),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Sources {
        One(PathBuf),
        Many(Vec<Source>),
    }
    Ok(match Sources::deserialize(deserializer)? {
        Sources::One(path) => vec![BibSource { path, category: None }],
        Sources::Many(list) => list
            .into_iter()
            .map(|s| match s {
                Source::Path(path) => BibSource { path, category: None },
                Source::WithCategory(source) => source,
            })
            .collect(),
    })
}

/// How author names are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameStyle {
    /// Initials with periods (`David Z. Pan`, `C. L. Morris`).
    #[default]
    Dotted,
    /// As the bibliography writes them.
    AsWritten,
}

/// A venue of the profile's `venues` map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VenueSetting {
    /// The short name shown as the badge (`MLSys`).
    #[serde(default)]
    pub short: Option<String>,
    /// The category of its papers.
    #[serde(default)]
    pub category: Option<Category>,
    /// The venue's name as printed, in place of the bibliography's spelling (`IEEE/CVF
    /// Conference on Computer Vision and Pattern Recognition (CVPR)`).
    #[serde(default)]
    pub name: Option<String>,
}

/// One name or a list of names (the schema of `publications.owner`).
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    /// One name.
    One(String),
    /// Several variants.
    Many(Vec<String>),
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// How the publication list is grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Conference, journal, workshop, preprint, other.
    #[default]
    Type,
    /// One group per year, newest first.
    Year,
    /// One flat list.
    None,
}

/// How publications are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `[C1]`, `[J1]`, `[P1]`: a counter per type.
    #[default]
    ByType,
    /// `[1]`, `[2]`: one counter.
    Continuous,
    /// No labels.
    None,
}

/// How the owner's name is emphasised in author lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Highlight {
    /// Bold.
    #[default]
    Bold,
    /// Underlined.
    Underline,
    /// Bold and underlined.
    BoldUnderline,
    /// Italic.
    Italic,
}
