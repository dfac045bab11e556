//! Which entries `cvgen bib` exports: the selection (`--selected`, `--since`, `--until`,
//! `--type`, `--key`) and the `crossref`/`xdata` parents the chosen entries need, each parent
//! after its children as BibTeX requires.
//!
//! Pure: it reads the parsed bibliography, whose entries already know their year and whether they
//! are selected ([`crate::bib::BibEntry`]), so the export and the CV agree.

use std::collections::HashMap;
use std::path::Path;

use crate::bib::{BibEntry, Bibliography, resolve_key};
use crate::diag::{self, Diagnostic};

/// Which entries to export. Every filter given must hold; repeated `types` and `keys` are
/// alternatives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only entries with `selected = {true}` (or `yes`, `1`, as the CV reads it).
    pub selected_only: bool,
    /// Only entries from this year on.
    pub since: Option<i32>,
    /// Only entries up to this year.
    pub until: Option<i32>,
    /// Only entries of these types (compared case-insensitively); empty means any type.
    pub types: Vec<String>,
    /// Only entries with these keys (`key-2` for the second entry with a key, `key-1` for the
    /// first); empty means any key.
    pub keys: Vec<String>,
}

impl Selection {
    /// The filters as the flags that set them (`--selected --since 2020`), for messages.
    pub fn describe(&self) -> String {
        let mut flags = Vec::new();
        if self.selected_only {
            flags.push("--selected".to_owned());
        }
        if let Some(year) = self.since {
            flags.push(format!("--since {year}"));
        }
        if let Some(year) = self.until {
            flags.push(format!("--until {year}"));
        }
        flags.extend(self.types.iter().map(|t| format!("--type {t}")));
        flags.extend(self.keys.iter().map(|k| format!("--key {k}")));
        flags.join(" ")
    }

    fn wants_years(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// Chooses the entries to export: those matching `selection`, then every entry they
/// `crossref` or `xdata` (so the export resolves the same way). Returns indices into
/// `bib.entries` in output order: source order, except that a parent comes after every exported
/// entry that refers to it, as BibTeX requires. Unknown `--key`s are errors; filters that match
/// nothing and references to missing entries are warnings.
pub fn select(bib: &Bibliography, selection: &Selection, path: &Path) -> (Vec<usize>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // Each `--key` names an entry by the rule the profile's keys follow (`key-2`, `key-1`).
    let mut wanted = vec![false; bib.entries.len()];
    for key in &selection.keys {
        match resolve_key(key, bib.entries.iter().map(|e| (e.key.as_str(), e.id.as_str()))) {
            Some(i) => wanted[i] = true,
            None => {
                let d = Diagnostic::error(format!("unknown key `{key}` in `{}`", path.display()));
                diagnostics.push(match diag::closest(key, bib.entries.iter().map(|e| e.id.as_str())) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => {
                        d.hint("copy the key from after `@type{` in the file (`key-2` for the second entry with a key)")
                    }
                });
            }
        }
    }
    for kind in &selection.types {
        if !bib.entries.iter().any(|e| e.kind.eq_ignore_ascii_case(kind)) {
            let mut kinds: Vec<&str> = bib.entries.iter().map(|e| e.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            let d = Diagnostic::warning(format!("no entry in `{}` has the type `{kind}`", path.display()));
            diagnostics.push(match diag::closest(kind, kinds.iter().copied()) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None if kinds.is_empty() => d,
                None => d.hint(format!("the types in the file: {}", kinds.join(", "))),
            });
        }
    }

    let mut matched = Vec::new();
    let mut undated = Vec::new();
    for (i, entry) in bib.entries.iter().enumerate() {
        if !selection.keys.is_empty() && !wanted[i] {
            continue;
        }
        if !selection.types.is_empty() && !selection.types.iter().any(|t| t.eq_ignore_ascii_case(&entry.kind)) {
            continue;
        }
        if selection.selected_only && !entry.selected {
            continue;
        }
        if selection.wants_years() {
            let Some(year) = entry.year else {
                undated.push(entry.key.as_str());
                continue;
            };
            if selection.since.is_some_and(|since| year < since) || selection.until.is_some_and(|until| year > until) {
                continue;
            }
        }
        matched.push(i);
    }
    if !undated.is_empty() {
        let flags = match (selection.since, selection.until) {
            (Some(_), Some(_)) => "`--since`/`--until`",
            (Some(_), None) => "`--since`",
            _ => "`--until`",
        };
        let listed: Vec<String> = undated.iter().take(5).map(|k| format!("`{k}`")).collect();
        let more = if undated.len() > 5 { format!(" and {} more", undated.len() - 5) } else { String::new() };
        diagnostics.push(
            Diagnostic::warning(format!(
                "{} without a year left out by {flags}: {}{more}",
                crate::diag::plural(undated.len(), "entry", "entries"),
                listed.join(", ")
            ))
            .hint("give them a `year` or `date` field"),
        );
    }

    let order = with_parents(bib, &matched);
    (order, diagnostics)
}

/// Adds the entries that the chosen ones refer to and puts every parent after its children. A
/// key that names no entry was reported when the file was read; the child goes alone.
fn with_parents(bib: &Bibliography, matched: &[usize]) -> Vec<usize> {
    let n = bib.entries.len();
    // BibTeX matches `crossref` keys case-insensitively (`WHOLE-JOURNAL` in `xampl.bib`); the
    // first entry of a key is the one named.
    let mut index: HashMap<String, usize> = HashMap::with_capacity(n);
    for (i, entry) in bib.entries.iter().enumerate() {
        index.entry(entry.key.to_lowercase()).or_insert(i);
    }
    let mut included = vec![false; n];
    for &i in matched {
        included[i] = true;
    }
    let mut edges = Vec::new();
    let mut stack = matched.to_vec();
    while let Some(child) = stack.pop() {
        for parent in parents(&bib.entries[child]) {
            match index.get(&parent.to_lowercase()).copied() {
                Some(p) if p == child => {}
                Some(p) => {
                    edges.push((child, p));
                    if !included[p] {
                        included[p] = true;
                        stack.push(p);
                    }
                }
                None => {}
            }
        }
    }
    let level = levels(n, &edges);
    let mut order: Vec<usize> = (0..n).filter(|&i| included[i]).collect();
    order.sort_by_key(|&i| (level[i], i));
    order
}

/// The output level of each of `n` entries given `(child, parent)` edges: a parent's level is one
/// more than its deepest child's. Entries that refer to each other in a loop (`xdata` both ways)
/// share one level, so they keep their source order and a second export is the same file.
/// Linear in entries and edges: strongly connected components (Tarjan's algorithm, without
/// recursion), then the longest path over them, children first.
fn levels(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    // Adjacency in compressed form: the parents of `i` are `targets[start[i]..start[i + 1]]`.
    let mut start = vec![0usize; n + 1];
    for &(child, _) in edges {
        start[child + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut targets = vec![0usize; edges.len()];
    for &(child, parent) in edges {
        targets[fill[child]] = parent;
        fill[child] += 1;
    }

    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut components = 0usize;
    let mut stack = Vec::new();
    let mut next = 0usize;
    // Each frame: a node and the position of the next edge of it to follow.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        frames.push((root, start[root]));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(node, edge)) = frames.last() {
            if edge < start[node + 1] {
                let to = targets[edge];
                let top = frames.len() - 1;
                frames[top].1 += 1;
                if index[to] == UNSEEN {
                    index[to] = next;
                    low[to] = next;
                    next += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    frames.push((to, start[to]));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(caller, _)) = frames.last() {
                low[caller] = low[caller].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }

    // Tarjan numbers a component after every component it reaches (its parents), so counting
    // down visits children before their parents.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); components];
    for (node, &c) in component.iter().enumerate() {
        members[c].push(node);
    }
    let mut component_level = vec![0usize; components];
    for c in (0..components).rev() {
        for &node in &members[c] {
            for &parent in &targets[start[node]..start[node + 1]] {
                let p = component[parent];
                if p != c {
                    component_level[p] = component_level[p].max(component_level[c] + 1);
                }
            }
        }
    }
    component.iter().map(|&c| component_level[c]).collect()
}

/// The keys an entry inherits from: its `crossref` and every key of its `xdata`.
fn parents(entry: &BibEntry) -> impl Iterator<Item = &str> {
    entry
        .fields
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("crossref") || f.name.eq_ignore_ascii_case("xdata"))
        .flat_map(|f| f.text.split(','))
        .map(str::trim)
        .filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::parse;

    fn bib(text: &str) -> Bibliography {
        let (bib, diags) = parse(text, Path::new("refs.bib"));
        assert!(diags.is_empty(), "{diags:?}");
        bib
    }

    fn keys(bib: &Bibliography, order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| bib.entries[i].key.clone()).collect()
    }

    #[test]
    fn selection_filters_combine() {
        let bib = bib("@article{a, year = 2019, selected = {true}}\n\
             @book{b, year = 2021}\n\
             @article{c, date = {2022-03}, selected = {yes}}\n\
             @misc{d, title = {no year}}\n");
        let path = Path::new("refs.bib");
        let pick = |s: Selection| {
            let (order, diags) = select(&bib, &s, path);
            (keys(&bib, &order), diags)
        };
        assert_eq!(pick(Selection::default()).0, ["a", "b", "c", "d"]);
        assert_eq!(pick(Selection { selected_only: true, ..Default::default() }).0, ["a", "c"]);
        let (picked, diags) = pick(Selection { since: Some(2020), ..Default::default() });
        assert_eq!(picked, ["b", "c"]);
        assert_eq!(diags[0].message, "1 entry without a year left out by `--since`: `d`");
        assert_eq!(pick(Selection { until: Some(2021), types: vec!["Article".into()], ..Default::default() }).0, ["a"]);
        assert_eq!(pick(Selection { keys: vec!["d".into(), "b".into()], ..Default::default() }).0, ["b", "d"]);
    }

    #[test]
    fn unknown_key_is_an_error_with_the_closest_key() {
        let bib = bib("@misc{zhu2025apollo, title = {A}}\n@misc{cong2025, title = {B}}\n");
        let (order, diags) =
            select(&bib, &Selection { keys: vec!["zhu2025apolo".into()], ..Default::default() }, Path::new("refs.bib"));
        assert!(order.is_empty());
        assert_eq!(diags[0].message, "unknown key `zhu2025apolo` in `refs.bib`");
        assert_eq!(diags[0].hints, ["did you mean `zhu2025apollo`?"]);
        assert!(diags[0].is_error());
    }

    #[test]
    fn unknown_type_is_a_warning_with_a_suggestion() {
        let bib = bib("@article{a, title = {A}}\n");
        let (_, diags) =
            select(&bib, &Selection { types: vec!["artcle".into()], ..Default::default() }, Path::new("refs.bib"));
        assert_eq!(diags[0].message, "no entry in `refs.bib` has the type `artcle`");
        assert_eq!(diags[0].hints, ["did you mean `article`?"]);
        assert!(!diags[0].is_error());
    }

    #[test]
    fn crossref_parents_follow_their_children() {
        let bib = bib("@proceedings{conf, title = {Proc}, year = 2020}\n\
             @inproceedings{p1, title = {One}, crossref = {conf}}\n\
             @misc{other, title = {X}}\n\
             @inproceedings{p2, title = {Two}, crossref = {conf}}\n");
        let path = Path::new("refs.bib");
        let (order, diags) = select(&bib, &Selection::default(), path);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(keys(&bib, &order), ["p1", "other", "p2", "conf"]);
        let (order, _) = select(&bib, &Selection { keys: vec!["p2".into()], ..Default::default() }, path);
        assert_eq!(keys(&bib, &order), ["p2", "conf"]);

        // Keys in `crossref` match whatever their case, as in BibTeX.
        let cased = self::bib("@book{whole, title = {W}}\n@inbook{part, crossref = {WHOLE}}\n");
        let (order, diags) = select(&cased, &Selection::default(), path);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(keys(&cased, &order), ["part", "whole"]);
    }

    #[test]
    fn entries_in_a_reference_loop_keep_their_order() {
        // Found by the `export_roundtrip` fuzz target: the loop's members swapped on every export.
        let (bib, warnings) = parse(
            "@a{xc1,xdata={xc2}}@a{xc2,xdata={xc1}}@o{x,}\n@book{p, title={P}}\n\
             @inbook{c, crossref={xc1}}\n@inbook{d, crossref={p}}\n",
            Path::new("refs.bib"),
        );
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let (order, _) = select(&bib, &Selection::default(), Path::new("refs.bib"));
        assert_eq!(keys(&bib, &order), ["x", "c", "d", "xc1", "xc2", "p"]);
    }

    #[test]
    fn levels_follow_the_longest_chain() {
        // 0 → 1 → 2 and 0 → 2: 2 comes after 1; 3 ⇄ 4 share a level above 5, their child.
        let level = levels(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 3), (5, 3)]);
        assert_eq!(level, [0, 1, 2, 1, 1, 0]);
    }
}
