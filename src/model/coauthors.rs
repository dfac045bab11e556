//! The owner's co-authors for grant paperwork (NSF's "Collaborators and Other Affiliations",
//! Table 4: every co-author of the last 48 months, with the date they were last active): each
//! person once, with the date of the latest joint paper, sorted by family name and given name.
//!
//! Papers count from their date: a paper dated by its month when the month is within the window
//! (`months` back from today), a paper dated by its year alone when any of that year is, and a
//! paper dated ahead of today (accepted, to appear) too. A preprint left out for its published
//! version is not counted twice. The owner is left out (every author the CV marks as the owner).
//!
//! Name variants of one person are merged by the rules of [`crate::bib::names`]: case, accents,
//! braces and hyphens do not count (`Kai-Sheng` = `Kaisheng`), and a name written with initials
//! or with fewer names (`Zhu, H.`, `David Z. Pan`, `David Pan`) is the person with the full name
//! it fits (`Hanqing Zhu`, `David Zhiqiang Pan`) when exactly one such person is on the papers
//! (initials stand for given names one for one, as in the owner's matching: `H. Q.` is not
//! `Hanqing`); two different full given names (`Hanqing Zhu`, `Hao Zhu`) are never one
//! person, and a name that fits several stays as written and is reported ([`Coauthors::ambiguous`]).
//! A variant that fits only the owner is the owner. The work is linear in the number of authors:
//! names are compared only within a family name and first initial, and not at all in the rare
//! group of more than [`MAX_COMPARED`] names. Pure.

use std::collections::HashMap;

use crate::bib::names::{Name, normalize};
use crate::date::Day;
use crate::model::Publication;

/// The most distinct names of one family and first initial that are compared with each other.
pub const MAX_COMPARED: usize = 64;

/// A co-author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coauthor {
    /// Family name with its particle (`Pan`, `de la Fontaine`).
    pub family: String,
    /// Given names (`David Z.`).
    pub given: String,
    /// `Jr.`, `III`.
    pub suffix: String,
    /// The name as NSF's table writes it: `Pan, David Z.`.
    pub sort_name: String,
    /// The latest joint paper's year and month (when its date has one).
    pub last_active: (i32, Option<u8>),
    /// How many joint papers are in the window.
    pub papers: usize,
    /// Every way the papers write the name, as shown in the CV.
    pub written: Vec<String>,
}

impl Coauthor {
    /// `2025-05`, or `2025` for a paper dated by its year.
    pub fn last_active_iso(&self) -> String {
        match self.last_active {
            (year, Some(month)) => format!("{year:04}-{month:02}"),
            (year, None) => format!("{year:04}"),
        }
    }
}

/// The co-author list of a window, with what could not be decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coauthors {
    /// Each person once, sorted by family name, then given name.
    pub people: Vec<Coauthor>,
    /// How many papers are in the window.
    pub papers: usize,
    /// Papers with no year, not counted (their keys).
    pub undated: Vec<String>,
    /// Papers in the window whose author list ends in `and others`: their other authors are
    /// unknown (their keys).
    pub truncated: Vec<String>,
    /// Papers in the window where no author is the owner (a name variant missing from
    /// `publications.owner`?): all their authors are listed (their keys).
    pub without_owner: Vec<String>,
    /// Names that fit several people, kept as written, with the people they fit.
    pub ambiguous: Vec<(String, Vec<String>)>,
}

/// A given name's parts, normalised: a full name or an initial.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Token {
    Full(String),
    Initial(char),
}

/// One distinct way of writing a name (the unit merged).
#[derive(Debug, Clone)]
struct Node {
    name: Name,
    tokens: Vec<Token>,
    owner: bool,
    last_active: (i32, Option<u8>),
    /// The papers it is on (indices), for counting joint papers once per person.
    papers: Vec<usize>,
    written: Vec<String>,
}

/// The co-authors of `publications` dated within `months` before `today`.
pub fn collect(publications: &[Publication], today: Day, months: u32) -> Coauthors {
    let mut out = Coauthors::default();
    let cutoff = i64::from(today.year) * 12 + i64::from(today.month) - 1 - i64::from(months);
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    for (index, p) in publications.iter().enumerate().filter(|(_, p)| p.left_out_for.is_none()) {
        let Some(year) = p.year else {
            out.undated.push(p.key.clone());
            continue;
        };
        let month = p.month.filter(|m| (1..=12).contains(m));
        let last_month = i64::from(year) * 12 + i64::from(month.unwrap_or(12)) - 1;
        if last_month < cutoff {
            continue;
        }
        out.papers += 1;
        if p.et_al {
            out.truncated.push(p.key.clone());
        }
        if !p.authors.iter().any(|a| a.owner) {
            out.without_owner.push(p.key.clone());
        }
        for author in &p.authors {
            let name = parse(&author.name);
            if name.family.trim().is_empty() {
                continue;
            }
            let tokens = tokens(&name.given);
            let key = (normalize(&name.family), exact(&tokens));
            let i = *by_key.entry(key).or_insert_with(|| {
                nodes.push(Node {
                    name: name.clone(),
                    tokens: tokens.clone(),
                    owner: false,
                    last_active: (year, month),
                    papers: Vec::new(),
                    written: Vec::new(),
                });
                nodes.len() - 1
            });
            let node = &mut nodes[i];
            node.owner |= author.owner;
            node.last_active = later(node.last_active, (year, month));
            if node.papers.last() != Some(&index) {
                node.papers.push(index);
            }
            if !node.written.contains(&author.name) {
                node.written.push(author.name.clone());
            }
            // The fullest way of writing the name shows.
            if specificity(&tokens) > specificity(&node.tokens) {
                node.name = name;
                node.tokens = tokens;
            }
        }
    }

    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    let mut buckets: HashMap<(String, Option<char>), Vec<usize>> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let first = node.tokens.first().map(|t| match t {
            Token::Full(name) => name.chars().next().unwrap_or(' '),
            Token::Initial(c) => *c,
        });
        buckets.entry((normalize(&node.name.family), first)).or_default().push(i);
    }
    for members in buckets.values().filter(|m| m.len() > 1 && m.len() <= MAX_COMPARED) {
        for &a in members {
            let candidates: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&b| b != a && more_specific(&nodes[b].tokens, &nodes[a].tokens))
                .collect();
            let maximal: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| !candidates.iter().any(|&d| d != c && more_specific(&nodes[d].tokens, &nodes[c].tokens)))
                .collect();
            match maximal.as_slice() {
                [] => {}
                [one] => union(&mut parent, a, *one),
                several => out.ambiguous.push((
                    nodes[a].written.first().cloned().unwrap_or_default(),
                    several.iter().map(|&c| nodes[c].name.display()).collect(),
                )),
            }
        }
    }

    let mut people: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..nodes.len() {
        let root = find(&mut parent, i);
        people.entry(root).or_default().push(i);
    }
    let mut people_sorted: Vec<((String, String, String), Coauthor)> = Vec::new();
    for members in people.into_values() {
        if members.iter().any(|&i| nodes[i].owner) {
            continue;
        }
        let shown = members
            .iter()
            .copied()
            .max_by_key(|&i| (specificity(&nodes[i].tokens), nodes[i].papers.len(), std::cmp::Reverse(i)))
            .expect("a person has a name");
        let mut papers: Vec<usize> = members.iter().flat_map(|&i| nodes[i].papers.iter().copied()).collect();
        papers.sort_unstable();
        papers.dedup();
        let name = &nodes[shown].name;
        let family =
            if name.prefix.is_empty() { name.family.clone() } else { format!("{} {}", name.prefix, name.family) };
        let mut sort_name = if name.given.is_empty() { family.clone() } else { format!("{family}, {}", name.given) };
        if !name.suffix.is_empty() {
            sort_name.push_str(&format!(", {}", name.suffix));
        }
        let mut written: Vec<String> = Vec::new();
        for &i in &members {
            for w in &nodes[i].written {
                if !written.contains(w) {
                    written.push(w.clone());
                }
            }
        }
        let sort_key = (normalize(&name.family), normalize(&name.given), sort_name.clone());
        people_sorted.push((
            sort_key,
            Coauthor {
                family,
                given: name.given.clone(),
                suffix: name.suffix.clone(),
                sort_name,
                last_active: members.iter().map(|&i| nodes[i].last_active).fold((i32::MIN, None), later),
                papers: papers.len(),
                written,
            },
        ));
    }
    // NSF's table lists people by family name (its particle aside), then given name.
    people_sorted.sort_by(|a, b| a.0.cmp(&b.0));
    out.people = people_sorted.into_iter().map(|(_, c)| c).collect();
    out.ambiguous.sort();
    out
}

/// A name as the CV shows it (`Given prefix Family, Suffix`) read back into its parts.
fn parse(shown: &str) -> Name {
    match shown.rsplit_once(", ") {
        Some((main, suffix)) if !main.trim().is_empty() => {
            let mut name = Name::parse_plain(main).dotted();
            name.suffix = suffix.trim().to_owned();
            name
        }
        _ => Name::parse_plain(shown).dotted(),
    }
}

/// The given names as full names and initials, normalised (`Kai-Sheng` is two names, `H.Z.` two
/// initials).
fn tokens(given: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for word in given.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '–')).filter(|w| !w.is_empty()) {
        for piece in word.split('.').filter(|p| !p.is_empty()) {
            let norm = normalize(piece);
            let mut chars = norm.chars();
            match (chars.next(), chars.next()) {
                (None, _) => {}
                (Some(c), None) => out.push(Token::Initial(c)),
                (Some(_), Some(_)) => out.push(Token::Full(norm.replace(' ', ""))),
            }
        }
    }
    out
}

/// The key of a way of writing a name: full names joined (`Kai-Sheng` = `Kaisheng`), initials
/// apart.
fn exact(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        match t {
            Token::Full(name) => out.push_str(name),
            Token::Initial(c) => {
                out.push(' ');
                out.push(*c);
                out.push('.');
            }
        }
    }
    out
}

/// How much a way of writing a name says: its full names, then its parts.
fn specificity(tokens: &[Token]) -> (usize, usize) {
    (tokens.iter().filter(|t| matches!(t, Token::Full(_))).count(), tokens.len())
}

/// Whether `b` is another, fuller way of writing the name `a` is (`Hanqing` for `H.`, `David
/// Zhiqiang` for `David Z.` or `David`): every part of the shorter fits the other's part at its
/// place (a full name only the same full name, an initial a name it begins), and `b` says more.
fn more_specific(b: &[Token], a: &[Token]) -> bool {
    if a.is_empty() || b.is_empty() || a == b {
        return false;
    }
    let (sa, sb) = (specificity(a), specificity(b));
    if !(sb.0 >= sa.0 && sb.1 >= sa.1 && sb != sa) {
        return false;
    }
    a.iter().zip(b).all(|pair| match pair {
        (Token::Full(x), Token::Full(y)) => x == y,
        (Token::Initial(c), Token::Full(name)) | (Token::Full(name), Token::Initial(c)) => name.starts_with(*c),
        (Token::Initial(c), Token::Initial(d)) => c == d,
    })
}

/// The later of two paper dates (a month is later than its year alone).
fn later(a: (i32, Option<u8>), b: (i32, Option<u8>)) -> (i32, Option<u8>) {
    if (b.0, b.1.unwrap_or(0)) > (a.0, a.1.unwrap_or(0)) { b } else { a }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra] = rb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(given: &str) -> Vec<Token> {
        tokens(&Name::parse_plain(&format!("{given} X")).dotted().given)
    }

    #[test]
    fn fuller_names_take_the_shorter_ones_and_never_another_first_name() {
        assert!(more_specific(&t("Hanqing"), &t("H.")));
        // Initials stand for given names one for one, as in the owner's matching.
        assert!(!more_specific(&t("Hanqing"), &t("H. Q.")));
        assert!(more_specific(&t("Hanqing Qi"), &t("H. Q.")));
        assert!(more_specific(&t("David Zhiqiang"), &t("David Z.")));
        assert!(more_specific(&t("David Z."), &t("David")));
        assert!(!more_specific(&t("Hao"), &t("Hanqing")));
        assert!(!more_specific(&t("Hanqing"), &t("Hao")));
        assert!(!more_specific(&t("H."), &t("Hanqing")));
        assert!(!more_specific(&t("Hanqing"), &t("K.")));
        assert_eq!(exact(&t("Kai-Sheng")), exact(&t("Kaisheng")));
        assert_eq!(t("HQ"), t("H. Q."), "Google Scholar's run-together initials");
    }

    #[test]
    fn suffixes_survive_the_display_form() {
        let name = parse("John Smith, Jr.");
        assert_eq!((name.given.as_str(), name.family.as_str(), name.suffix.as_str()), ("John", "Smith", "Jr."));
        let name = parse("Jean de la Fontaine");
        assert_eq!((name.prefix.as_str(), name.family.as_str()), ("de la", "Fontaine"));
    }
}
