//! Variants of a CV and the tags that choose its entries.
//!
//! A variant (`variants: {short: {max_pages: 2, hide: [talks], publications: {lists: [...]}}}`) is
//! a part of a profile, merged over the profile files when it is chosen with `--variant short`:
//! mappings key by key, anything else (a list, a value) replaced. Any top-level key may be in it
//! but `variants`. A variant that is not chosen is still checked, over the parts of the profile it
//! may refer to ([`check_base`]), so a typo in it is found without choosing it.
//!
//! Tags (`tags: [industry]` on an entry of education, experience, honors, talks, service, teaching
//! or a custom section) are read here and never reach the model: `skip_tags` leaves out the
//! entries with any of its tags, `only_tags` the tagged entries with none of its tags (an entry
//! without tags is in every variant). Tags match ignoring case, as `select.tags` does with BibTeX
//! keywords. Pure.

use std::collections::BTreeSet;
use std::ops::Range;

use super::Profile;
use super::tree::{Entry, Node, Value};
use crate::diag::{self, Diagnostic};

/// The lists whose entries may have `tags` (and the entries of every custom section).
pub const TAGGED: &[&str] = &["education", "experience", "honors", "talks", "service", "teaching"];

/// A problem to report, located at a range of positions.
pub type Located = (Diagnostic, Range<usize>);

/// The variants of a merged profile, in the order written: each a mapping (or nothing), none
/// holding `variants` itself.
pub fn bodies(tree: &Node) -> Result<Vec<&Entry>, Vec<Located>> {
    let Some(variants) = tree.get("variants") else { return Ok(Vec::new()) };
    let mut problems = Vec::new();
    for entry in variants.entries() {
        match &entry.value.value {
            Value::Map(_) | Value::Null => {}
            _ => problems.push((
                Diagnostic::error(format!("the variant `{}` must be a mapping of profile keys", entry.key.name))
                    .hint("write the keys it changes under its name: `short: {max_pages: 2, hide: [talks]}`"),
                entry.value.place(),
            )),
        }
        if let Some(inner) = entry.value.entry("variants") {
            problems.push((
                Diagnostic::error(format!("the variant `{}` defines `variants`", entry.key.name))
                    .hint("variants do not nest: define every variant under the top-level `variants`"),
                inner.key.span.clone(),
            ));
        }
    }
    if problems.is_empty() { Ok(variants.entries().iter().collect()) } else { Err(problems) }
}

/// Merges the variant `name` over `tree`; `at` is where the name was asked for (on the command
/// line). An unknown name is an error with the closest name.
pub fn apply(tree: &mut Node, name: &str, at: Range<usize>) -> Result<(), Vec<Located>> {
    let body = tree.get("variants").and_then(|v| v.get(name)).cloned();
    match body {
        Some(body) => {
            super::tree::merge(tree, body);
            Ok(())
        }
        None => {
            let names: Vec<&str> = tree
                .get("variants")
                .map(|v| v.entries().iter().map(|e| e.key.name.as_str()).collect())
                .unwrap_or_default();
            let d = Diagnostic::error(format!("unknown variant `{name}`"));
            let d = match (diag::closest(name, names.iter().copied()), names.is_empty()) {
                (Some(best), _) => d.hint(format!("did you mean `{best}`?")),
                (None, true) => d.hint(
                    "the profile defines no variants; add one: `variants: {short: {max_pages: 2, hide: [talks]}}`",
                ),
                (None, false) => d.hint(format!(
                    "the profile defines {}",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                )),
            };
            Err(vec![(d, at)])
        }
    }
}

/// What a variant that is not chosen is checked against: the profile's `name`, its
/// `publications` settings (which a variant's lists extend) and the titles and ids of its custom
/// sections (which `section_order` and `hide` may name). Small, so checking every variant costs
/// the size of the variants, not the size of the profile times their number.
pub fn check_base(tree: &Node) -> Node {
    let mut entries = Vec::new();
    for key in ["name", "publications"] {
        if let Some(entry) = tree.entry(key) {
            entries.push(entry.clone());
        }
    }
    if let Some(entry) = tree.entry("sections") {
        let sections = entry
            .value
            .items()
            .iter()
            .map(|section| {
                let kept = section.entries().iter().filter(|e| matches!(e.key.name.as_str(), "title" | "id"));
                Node { value: Value::Map(kept.cloned().collect()), ..section.clone_empty() }
            })
            .collect();
        let value = Node { value: Value::Seq(sections), ..entry.value.clone_empty() };
        entries.push(Entry { key: entry.key.clone(), value });
    }
    Node { value: Value::Map(entries), ..tree.clone_empty() }
}

/// The tags of the entries of one tagged list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TaggedList {
    /// Where the list is: `["honors"]`, `["sections", "2", "entries"]`.
    path: Vec<String>,
    /// Each entry's tags, in order.
    tags: Vec<Vec<String>>,
}

/// The tags of a profile's entries, taken out of its tree before it is typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    lists: Vec<TaggedList>,
}

/// Takes the `tags` out of every entry of the tagged lists of `tree` (they are not part of the
/// entry types), keeping them by list and entry.
pub fn take_tags(tree: &mut Node) -> Result<Tags, Vec<Located>> {
    let mut tags = Tags::default();
    let mut problems = Vec::new();
    let mut paths: Vec<Vec<String>> = TAGGED.iter().map(|k| vec![(*k).to_owned()]).collect();
    let sections = tree.get("sections").map_or(0, |s| s.items().len());
    paths.extend((0..sections).map(|i| vec!["sections".to_owned(), i.to_string(), "entries".to_owned()]));
    for path in paths {
        let Some(list) = node_mut(tree, &path) else { continue };
        let Value::Seq(items) = &mut list.value else { continue };
        let mut found = Vec::with_capacity(items.len());
        for item in items.iter_mut() {
            let entry_tags = match item.remove("tags") {
                Some(entry) => read_tags(&entry.value, &mut problems),
                None => Vec::new(),
            };
            found.push(entry_tags);
        }
        if found.iter().any(|t| !t.is_empty()) {
            tags.lists.push(TaggedList { path, tags: found });
        }
    }
    if problems.is_empty() { Ok(tags) } else { Err(problems) }
}

fn node_mut<'a>(tree: &'a mut Node, path: &[String]) -> Option<&'a mut Node> {
    let mut node = tree;
    for segment in path {
        node = match &mut node.value {
            Value::Map(entries) => entries.iter_mut().find(|e| e.key.name == *segment).map(|e| &mut e.value)?,
            Value::Seq(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An entry's tags: a list of words.
fn read_tags(node: &Node, problems: &mut Vec<Located>) -> Vec<String> {
    let single = |item: &Node, problems: &mut Vec<Located>| match item.text() {
        Some(text) => Some(text.trim().to_owned()),
        None => {
            problems.push((
                Diagnostic::error(format!("expected a tag (a word), found {}", item.kind()))
                    .hint("write the tags as a list of words: `tags: [industry, teaching]`"),
                item.place(),
            ));
            None
        }
    };
    match &node.value {
        Value::Null => Vec::new(),
        Value::Seq(items) => items.iter().filter_map(|item| single(item, problems)).collect(),
        _ => {
            problems.push((
                Diagnostic::error("expected a list here")
                    .hint("write the tags as a list of words: `tags: [industry, teaching]`"),
                node.place(),
            ));
            Vec::new()
        }
    }
}

/// Whether an entry with `tags` is shown, given `only_tags` and `skip_tags`.
pub fn keep(tags: &[String], only: &[String], skip: &[String]) -> bool {
    let named = |list: &[String], tag: &String| list.iter().any(|t| t.eq_ignore_ascii_case(tag));
    if tags.iter().any(|t| named(skip, t)) {
        return false;
    }
    only.is_empty() || tags.is_empty() || tags.iter().any(|t| named(only, t))
}

/// Leaves out of `profile` (and of its located tree, so the two stay item for item alike) the
/// entries its `only_tags` and `skip_tags` leave out.
pub fn filter(profile: &mut Profile, tree: &mut Node, tags: &Tags) {
    if profile.only_tags.is_empty() && profile.skip_tags.is_empty() {
        return;
    }
    for list in &tags.lists {
        let kept: Vec<bool> = list.tags.iter().map(|t| keep(t, &profile.only_tags, &profile.skip_tags)).collect();
        if let Some(Node { value: Value::Seq(items), .. }) = node_mut(tree, &list.path) {
            retain(items, &kept);
        }
        match list.path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["education"] => retain(&mut profile.education, &kept),
            ["experience"] => retain(&mut profile.experience, &kept),
            ["honors"] => retain(&mut profile.honors, &kept),
            ["talks"] => retain(&mut profile.talks, &kept),
            ["service"] => retain(&mut profile.service, &kept),
            ["teaching"] => retain(&mut profile.teaching, &kept),
            ["sections", i, "entries"] => {
                if let Some(section) = i.parse::<usize>().ok().and_then(|i| profile.sections.get_mut(i)) {
                    retain(&mut section.entries, &kept);
                }
            }
            _ => {}
        }
    }
}

fn retain<T>(items: &mut Vec<T>, kept: &[bool]) {
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        kept.get(i - 1).copied().unwrap_or(true)
    });
}

/// Every tag written on an entry of `tree` (variants included), for [`unknown_tags`].
pub fn known_tags(tree: &Node) -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    collect_tags(tree, &mut known);
    known
}

/// A warning for each tag that the `only_tags` or `skip_tags` of `places` (the merged profile,
/// the variants not chosen) name and no entry has (`known`, from [`known_tags`]), with the
/// closest tag an entry has.
pub fn unknown_tags<'a>(known: &BTreeSet<String>, places: impl IntoIterator<Item = &'a Node>) -> Vec<Located> {
    let known_lower: BTreeSet<String> = known.iter().map(|t| t.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    for place in places {
        for key in ["only_tags", "skip_tags"] {
            let Some(list) = place.get(key) else { continue };
            let named: Vec<&Node> = match &list.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![list],
            };
            for tag in named {
                let Some(text) = tag.text() else { continue };
                if known_lower.contains(&text.trim().to_ascii_lowercase()) {
                    continue;
                }
                let d = Diagnostic::warning(format!("no entry has the tag `{text}` that `{key}` names"));
                let d = match diag::closest(text, known.iter().map(String::as_str)) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None if known.is_empty() => d.hint(
                        "tag entries with `tags: [...]` (education, experience, honors, talks, service, teaching, custom sections)",
                    ),
                    None => d.hint(format!(
                        "the entries' tags are {}",
                        known.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    )),
                };
                let d = d.hint("tags choose entries of the profile; papers are chosen by their BibTeX `keywords`, with `publications.lists[].select.tags`");
                out.push((d, tag.place()));
            }
        }
    }
    out
}

/// Every tag written on an entry anywhere in `node` (variants included; not the BibTeX keywords
/// that `publications.lists[].select.tags` names).
fn collect_tags(node: &Node, out: &mut BTreeSet<String>) {
    match &node.value {
        Value::Map(entries) => {
            for Entry { key, value } in entries {
                match key.name.as_str() {
                    "publications" | "only_tags" | "skip_tags" => {}
                    "tags" => {
                        let mut ignored = Vec::new();
                        out.extend(read_tags(value, &mut ignored));
                    }
                    _ => collect_tags(value, out),
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|item| collect_tags(item, out)),
        _ => {}
    }
}

/// The schema of one variant (`variants.NAME`): the profile's keys, none required
/// ([`extend_schema`] defines it from the profile's own schema).
pub struct VariantSchema;

impl schemars::JsonSchema for VariantSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Variant".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "$ref": "#/$defs/Variant" })
    }
}

/// The entry types (in the schema's `$defs`) that take `tags`.
const TAGGED_TYPES: &[&str] = &["Education", "Experience", "Honor", "Entry"];

/// Adds to the profile's schema what its types do not say: a variant is the profile's keys with
/// none required and no `variants` of its own (and in a mapping it merges into, such as
/// `publications`, no key is required either: the profile has them; a list it replaces is
/// whole), and the tagged entries take `tags`.
pub fn extend_schema(schema: &mut serde_json::Value) {
    let Some(root) = schema.as_object_mut() else { return };
    let mut properties = root.get("properties").cloned().unwrap_or_default();
    let defs = root.entry("$defs").or_insert_with(|| serde_json::json!({}));
    let Some(defs) = defs.as_object_mut() else { return };
    if let Some(map) = properties.as_object_mut() {
        map.remove("variants");
        for property in map.values_mut() {
            merged_parts(property, defs);
        }
    }
    let variant = serde_json::json!({
        "description": "A variant of the CV: any of the profile's keys, merged over it when the variant is chosen with `--variant NAME` (mappings key by key, anything else replaced).",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    defs.insert("Variant".to_owned(), variant);
    let tags = serde_json::json!({
        "description": "Tags for `only_tags` and `skip_tags` (usually in a variant): which documents show this entry.",
        "type": "array",
        "items": {"type": "string"},
    });
    for name in TAGGED_TYPES {
        let properties = defs.get_mut(*name).and_then(|d| d.get_mut("properties")).and_then(|p| p.as_object_mut());
        if let Some(properties) = properties {
            properties.insert("tags".to_owned(), tags.clone());
        }
    }
}

/// Points the mappings of `schema` that a variant merges into (a `$ref` to an object type, as
/// a property, an `anyOf` branch or a map's values; not a list's items, which a variant
/// replaces whole) at copies of their types with no key required (`{Type}InVariant`).
fn merged_parts(schema: &mut serde_json::Value, defs: &mut serde_json::Map<String, serde_json::Value>) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(name) = object.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/$defs/")) {
        let name = name.to_owned();
        let is_object = defs.get(&name).is_some_and(|d| d.get("properties").is_some());
        if is_object {
            let partial = format!("{name}InVariant");
            if !defs.contains_key(&partial) {
                let mut def = defs.get(&name).cloned().unwrap_or_default();
                // Made before its parts, so a type that holds itself stops here.
                defs.insert(partial.clone(), serde_json::Value::Null);
                if let Some(def) = def.as_object_mut() {
                    def.remove("required");
                    if let Some(properties) = def.get_mut("properties").and_then(|p| p.as_object_mut()) {
                        for property in properties.values_mut() {
                            merged_parts(property, defs);
                        }
                    }
                }
                defs.insert(partial.clone(), def);
            }
            object.insert("$ref".to_owned(), format!("#/$defs/{partial}").into());
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = object.get_mut(key).and_then(|b| b.as_array_mut()) {
            for branch in branches {
                merged_parts(branch, defs);
            }
        }
    }
    if let Some(values) = object.get_mut("additionalProperties") {
        merged_parts(values, defs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        super::super::tree::read(text, 0, serde_saphyr::Options::default()).unwrap()
    }

    #[test]
    fn tags_choose_entries() {
        let s = |v: &[&str]| v.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert!(keep(&[], &s(&["academic"]), &[]), "an entry without tags is in every variant");
        assert!(keep(&s(&["Academic"]), &s(&["academic"]), &[]));
        assert!(!keep(&s(&["industry"]), &s(&["academic"]), &[]));
        assert!(!keep(&s(&["academic", "long"]), &s(&["academic"]), &s(&["long"])));
    }

    #[test]
    fn tags_are_taken_out_of_entries() {
        let mut t = tree(
            "honors:\n  - {title: A, tags: [x]}\n  - {title: B}\nsections:\n  - {title: S, entries: [{title: C, tags: [y]}]}\n",
        );
        let tags = take_tags(&mut t).unwrap();
        assert_eq!(tags.lists.len(), 2);
        assert_eq!(tags.lists[0].tags, [vec!["x".to_owned()], vec![]]);
        assert_eq!(tags.lists[1].path, ["sections", "0", "entries"]);
        assert!(t.at(&["honors", "0", "tags"]).is_none());
        let mut bad = tree("honors:\n  - {title: A, tags: [[x]]}\n");
        let problems = take_tags(&mut bad).unwrap_err();
        assert_eq!(problems[0].0.message, "expected a tag (a word), found a list");
        let mut one = tree("honors:\n  - {title: A, tags: industry}\n");
        assert_eq!(take_tags(&mut one).unwrap_err()[0].0.message, "expected a list here");
    }

    #[test]
    fn unknown_variants_and_tags_are_explained() {
        let mut t =
            tree("name: A\nvariants:\n  short: {skip_tags: [industy]}\nhonors: [{title: X, tags: [industry]}]\n");
        let (d, at) = apply(&mut t, "shrot", 5..10).unwrap_err().remove(0);
        assert_eq!(d.message, "unknown variant `shrot`");
        assert_eq!(d.hints, ["did you mean `short`?"]);
        assert_eq!(at, 5..10);
        let variants: Vec<&Node> = t.get("variants").unwrap().entries().iter().map(|e| &e.value).collect();
        let warnings = unknown_tags(&known_tags(&t), std::iter::once(&t).chain(variants));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0.message, "no entry has the tag `industy` that `skip_tags` names");
        assert_eq!(warnings[0].0.hints[0], "did you mean `industry`?");
        let bad = tree("variants: {a: 5, b: {variants: {}}}\n");
        assert_eq!(bodies(&bad).unwrap_err().len(), 2);
    }
}
