//! Issue 21, "what to build" 1: a test that walks the profile's schema. Every place
//! `cvgen schema` says a user can write text gets a sentinel (a word like `zqx123` found nowhere
//! else); one profile holds them all. Each built-in theme must print every sentinel, or the field
//! is in that theme's omissions (the table in `docs/fields.md`) and `cvgen check` names it in a
//! note. The JSON Resume export must hold every sentinel, or name the field in its warning.
//!
//! A new field in the schema gets a sentinel without a change here: only the fields that are not
//! text a reader sees (settings, keys, paths) are listed below, each with its reason, and a name
//! there that the schema no longer has fails the test too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::common::{cvgen, pdf, pdf_text, root, squash, stderr, stdout, write};

/// What the walk does with a place in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Free text: a sentinel word that must reach the PDF.
    Text,
    /// A web address ending in a sentinel: in the PDF's text or among its link targets.
    Url,
    /// An e-mail address whose user is a sentinel.
    Email,
    /// A year no other field has (`1701`…): start dates, end dates and single dates count from
    /// different centuries, so a range never ends before it starts.
    Date,
    /// A key of the bibliography (`papers: [key]`): the paper's label is printed at the entry as
    /// well as in the list, so the label is in the PDF twice.
    PaperKey,
    /// An ORCID iD: four groups of digits, the last a check digit, so not a word but ORCID's own
    /// example iD (in no other field).
    Orcid,
    /// The PDF's metadata (`keywords`): the sentinel is in the file's bytes, not its text.
    Metadata,
    /// Not text a reader sees: a setting, a key, a path, a name to match. Not filled.
    Setting,
}

/// Every place that is not [`Kind::Text`], by its path in the walk's notation (`[]` an item of a
/// list, `{}` a value of a map), with the reason. A path ending in `*` covers everything under it.
const KINDS: &[(&str, Kind, &str)] = &[
    ("email", Kind::Email, "an address"),
    ("website", Kind::Url, "an address"),
    ("links[].url", Kind::Url, "an address"),
    ("honors[].url", Kind::Url, "an address"),
    ("service[].url", Kind::Url, "an address"),
    ("teaching[].url", Kind::Url, "an address"),
    ("talks[].url", Kind::Url, "an address"),
    ("sections[].entries[].url", Kind::Url, "an address"),
    ("publications.papers{}.links{}", Kind::Url, "an address"),
    ("orcid", Kind::Orcid, "an iD with a check digit"),
    ("keywords[]", Kind::Metadata, "the PDF's keywords"),
    ("experience[].papers[]", Kind::PaperKey, "a key"),
    ("honors[].papers[]", Kind::PaperKey, "a key"),
    ("service[].papers[]", Kind::PaperKey, "a key"),
    ("teaching[].papers[]", Kind::PaperKey, "a key"),
    ("talks[].papers[]", Kind::PaperKey, "a key"),
    ("sections[].entries[].papers[]", Kind::PaperKey, "a key"),
    ("education[].tags[]", Kind::Setting, "tags choose entries"),
    ("experience[].tags[]", Kind::Setting, "tags choose entries"),
    ("honors[].tags[]", Kind::Setting, "tags choose entries"),
    ("service[].tags[]", Kind::Setting, "tags choose entries"),
    ("teaching[].tags[]", Kind::Setting, "tags choose entries"),
    ("talks[].tags[]", Kind::Setting, "tags choose entries"),
    ("sections[].entries[].tags[]", Kind::Setting, "tags choose entries"),
    ("locale", Kind::Setting, "a language"),
    ("hide[]", Kind::Setting, "section ids"),
    ("section_order[]", Kind::Setting, "section ids"),
    ("only_tags[]", Kind::Setting, "tags choose entries"),
    ("skip_tags[]", Kind::Setting, "tags choose entries"),
    ("sections[].id", Kind::Setting, "a section id"),
    ("design.accent", Kind::Setting, "a colour"),
    ("design.font", Kind::Setting, "a font family"),
    ("design.template", Kind::Setting, "a path"),
    ("publications.bib", Kind::Setting, "a path"),
    ("publications.bib[]", Kind::Setting, "a path"),
    ("publications.bib[].path", Kind::Setting, "a path"),
    ("publications.citations", Kind::Setting, "a path"),
    ("publications.owner", Kind::Setting, "names to match"),
    ("publications.owner[]", Kind::Setting, "names to match"),
    ("publications.private_fields[]", Kind::Setting, "BibTeX field names"),
    ("publications.lists[].id", Kind::Setting, "a section id"),
    ("publications.lists[].select*", Kind::Setting, "filters"),
    ("publications.papers{}.equal[]", Kind::Setting, "names to match"),
    ("publications.papers{}.corresponding[]", Kind::Setting, "names to match"),
    ("variants*", Kind::Setting, "a variant holds the profile's own fields"),
];

/// The key a map gets (`titles: {education: …}`): a section id, a key of the bibliography, a
/// venue or an author of it (`PAPERS` below).
const MAP_KEYS: &[(&str, &str)] = &[
    ("titles{}", "education"),
    ("publications.papers{}", "zqxpaper1"),
    ("publications.papers{}.links{}", "slides"),
    ("publications.venues{}", "Journal of Zqxvenue Studies"),
    ("publications.rename{}", "Charles Babbage"),
];

/// The papers (`PaperKey` fields name them in order; the first also has `publications.papers`).
const PAPERS: usize = 6;

/// Fields that cannot stand beside the other fields of their item, by list: they go in a second
/// item. `date` replaces a range (`start`, `end`); a custom section has `items` or `entries`.
const SECOND_ITEM: &[(&str, &str)] = &[
    ("education", "date"),
    ("experience", "date"),
    ("honors", "date"),
    ("service", "date"),
    ("teaching", "date"),
    ("talks", "date"),
    ("sections[].entries", "date"),
    ("sections", "items"),
];

/// How many lines a list of text gets: one more than the fewest a theme prints.
const LIST_LINES: usize = 3;

/// A place of the schema where text is written.
#[derive(Debug, Clone)]
struct Leaf {
    path: String,
    kind: Kind,
}

fn kind_of(path: &str) -> Kind {
    let listed =
        KINDS.iter().find(|(p, _, _)| p.strip_suffix('*').map_or(*p == path, |prefix| path.starts_with(prefix)));
    match listed {
        Some((_, kind, _)) => *kind,
        None if ["start", "end", "date"].iter().any(|d| path.ends_with(&format!(".{d}"))) => Kind::Date,
        None => Kind::Text,
    }
}

/// Walks `node` (at `path`) for every place a string is written; `required` gets the required
/// keys of each object, by its path.
fn walk(
    node: &Value,
    defs: &Value,
    path: &str,
    out: &mut BTreeSet<String>,
    required: &mut BTreeMap<String, Vec<String>>,
) {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().expect("a $ref names a definition");
        return walk(&defs[name], defs, path, out, required);
    }
    if node.get("enum").is_some() || node.get("const").is_some() {
        return; // a choice among words cvgen knows
    }
    for alternatives in ["anyOf", "oneOf", "allOf"] {
        for alternative in node.get(alternatives).and_then(Value::as_array).into_iter().flatten() {
            walk(alternative, defs, path, out, required);
        }
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    if types.contains(&"object") || node.get("properties").is_some() {
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            for (key, child) in properties {
                walk(child, defs, &at(key), out, required);
            }
        }
        if let Some(keys) = node.get("required").and_then(Value::as_array) {
            required.insert(path.to_owned(), keys.iter().filter_map(Value::as_str).map(str::to_owned).collect());
        }
        if let Some(values) = node.get("additionalProperties").filter(|v| v.is_object()) {
            walk(values, defs, &format!("{path}{{}}"), out, required);
        }
    }
    if types.contains(&"array")
        && let Some(items) = node.get("items")
    {
        walk(items, defs, &format!("{path}[]"), out, required);
    }
    if types.contains(&"string") {
        out.insert(path.to_owned());
    }
}

/// The profile's text places, from `cvgen schema`, with the required keys of each object.
fn schema_leaves(dir: &Path) -> (Vec<Leaf>, BTreeMap<String, Vec<String>>) {
    let out = cvgen(dir, &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let (mut paths, mut required) = (BTreeSet::new(), BTreeMap::new());
    walk(&schema, &schema["$defs"], "", &mut paths, &mut required);
    for listed in KINDS.iter().map(|(p, _, _)| *p).chain(MAP_KEYS.iter().map(|(p, _)| *p)) {
        let prefix = listed.strip_suffix('*');
        let known = paths.iter().any(|p| match prefix {
            Some(prefix) => p.starts_with(prefix),
            None => p == listed || p.starts_with(&format!("{listed}.")) || p.starts_with(&format!("{listed}{{}}")),
        });
        assert!(known, "`{listed}` is listed here but `cvgen schema` has no such field");
    }
    (paths.into_iter().map(|path| Leaf { kind: kind_of(&path), path }).collect(), required)
}

/// One written value and what must be found for it.
#[derive(Debug, Clone)]
struct Sentinel {
    /// The schema path (`education[].highlights[]`).
    leaf: String,
    /// Where it is written (`education.0.highlights.2`).
    at: Vec<String>,
    kind: Kind,
    /// What is looked for, in lowercase.
    word: String,
}

/// The sentinels of `leaves`, the concrete place of each.
fn sentinels(leaves: &[Leaf]) -> Vec<Sentinel> {
    let paths: BTreeSet<&str> = leaves.iter().map(|l| l.path.as_str()).collect();
    let mut out = Vec::new();
    let (mut n, mut years, mut papers) = (100, 0, 0);
    for leaf in leaves.iter().filter(|l| l.kind != Kind::Setting) {
        let segments = split(&leaf.path);
        // A list of lines that may also hold objects (`highlights`: a line, or `{text, items}`):
        // the object first.
        let object_first = paths.iter().any(|p| p.starts_with(&format!("{}.", leaf.path)));
        let lines = if leaf.path.ends_with("[]") && leaf.kind != Kind::PaperKey { LIST_LINES } else { 1 };
        for line in 0..lines {
            let mut at = Vec::new();
            for (i, segment) in segments.iter().enumerate() {
                match segment.as_str() {
                    "[]" if i + 1 == segments.len() => at.push((line + usize::from(object_first)).to_string()),
                    "[]" => {
                        let next = segments.get(i + 1).map(String::as_str).unwrap_or_default();
                        let second = SECOND_ITEM.iter().any(|(list, field)| {
                            *field == next
                                && join(&segments[..i]) == *list
                                && i + 2 + usize::from(*field == "items") == segments.len()
                        });
                        at.push(usize::from(second).to_string());
                    }
                    "{}" => {
                        let map = join(&segments[..=i]);
                        let key =
                            MAP_KEYS.iter().find(|(p, _)| *p == map).unwrap_or_else(|| panic!("no key for `{map}`"));
                        at.push(key.1.to_owned());
                    }
                    field => at.push(field.to_owned()),
                }
            }
            n += 1;
            let word = match leaf.kind {
                Kind::Date => {
                    years += 1;
                    let century = if leaf.path.ends_with(".start") {
                        1700
                    } else if leaf.path.ends_with(".end") {
                        1800
                    } else {
                        1900
                    };
                    (century + years).to_string()
                }
                Kind::Orcid => "0000-0002-1825-0097".to_owned(),
                Kind::PaperKey => {
                    papers += 1;
                    format!("zqxpaper{papers}")
                }
                _ => format!("zqx{n}"),
            };
            out.push(Sentinel { leaf: leaf.path.clone(), at, kind: leaf.kind, word });
        }
    }
    assert!(papers <= PAPERS, "{papers} fields name papers; the bibliography has {PAPERS}");
    out
}

/// `education[].highlights[].text` as `[education, [], highlights, [], text]`; `titles{}` as
/// `[titles, {}]`.
fn split(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut name = part;
        let mut marks = Vec::new();
        while let Some(rest) = name.strip_suffix("[]").or_else(|| name.strip_suffix("{}")) {
            marks.push(name[rest.len()..].to_owned());
            name = rest;
        }
        if !name.is_empty() {
            out.push(name.to_owned());
        }
        out.extend(marks.into_iter().rev());
    }
    out
}

/// The inverse of [`split`].
fn join(segments: &[String]) -> String {
    let mut out = String::new();
    for s in segments {
        if !out.is_empty() && s != "[]" && s != "{}" {
            out.push('.');
        }
        out.push_str(s);
    }
    out
}

/// The value a sentinel writes.
fn value_of(s: &Sentinel) -> Value {
    match s.kind {
        Kind::Url => json!(format!("https://example.org/{}", s.word)),
        Kind::Email => json!(format!("{}@example.org", s.word)),
        _ => json!(s.word),
    }
}

/// Writes `value` at `at` in `tree`, making the maps and lists on the way.
fn put(tree: &mut Value, at: &[String], value: Value) {
    let Some((first, rest)) = at.split_first() else {
        *tree = value;
        return;
    };
    if let Ok(index) = first.parse::<usize>() {
        if !tree.is_array() {
            *tree = json!([]);
        }
        let list = tree.as_array_mut().unwrap();
        while list.len() <= index {
            list.push(Value::Null);
        }
        put(&mut list[index], rest, value);
    } else {
        if !tree.is_object() {
            *tree = Value::Object(Map::new());
        }
        put(tree.as_object_mut().unwrap().entry(first.clone()).or_insert(Value::Null), rest, value);
    }
}

/// Items a sentinel does not fill (the second item of a list) get the required keys of their
/// kind from the first item.
fn fill_required(tree: &mut Value, path: &str, required: &BTreeMap<String, Vec<String>>) {
    match tree {
        Value::Array(items) => {
            let first = items.first().cloned();
            for (items_before, item) in items.iter_mut().enumerate() {
                if let (Value::Object(map), Some(Value::Object(first))) = (&mut *item, &first) {
                    for key in required.get(&format!("{path}[]")).into_iter().flatten() {
                        if !map.contains_key(key) && first.get(key).is_some_and(Value::is_string) {
                            map.insert(key.clone(), json!(format!("Filler {}", map.len() + items_before)));
                        }
                    }
                }
                fill_required(item, &format!("{path}[]"), required);
            }
        }
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                fill_required(value, &child, required);
            }
        }
        _ => {}
    }
}

/// The bibliography: the owner and one co-author on each paper, all in one venue; each paper
/// selected, so that every theme lists it.
fn bibliography() -> String {
    (1..=PAPERS)
        .map(|i| {
            format!(
                "@article{{zqxpaper{i},\n  title = {{Paper Number {i}}},\n  author = {{Lovelace, Ada and Babbage, Charles}},\n  journal = {{Journal of Zqxvenue Studies}},\n  year = {{2020}},\n  selected = {{true}}\n}}\n"
            )
        })
        .collect()
}

/// One profile holding every sentinel, with the bibliography, in a temp dir.
fn sentinel_profile() -> (tempfile::TempDir, Vec<Sentinel>) {
    let dir = tempfile::tempdir().unwrap();
    let (leaves, required) = schema_leaves(dir.path());
    let sentinels = sentinels(&leaves);
    // `group_lists`: the publications' `title` heads the lists (without it, a warning says the
    // title is not printed).
    let mut tree = json!({"publications": {"bib": "refs.bib", "owner": ["Ada Lovelace"], "group_lists": true}});
    for s in &sentinels {
        put(&mut tree, &s.at, value_of(s));
    }
    fill_required(&mut tree, "", &required);
    // JSON is YAML: the profile is written as it was built.
    write(dir.path(), "profile.yaml", &serde_json::to_string_pretty(&tree).unwrap());
    write(dir.path(), "refs.bib", &bibliography());
    (dir, sentinels)
}

/// The omissions `docs/fields.md` documents: `(theme, field)` from its table under "What a theme
/// leaves out".
fn documented_omissions() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/fields.md")).unwrap();
    let table = &text[text.find("## What a theme leaves out").expect("the omissions table")..];
    table
        .lines()
        .skip_while(|l| !l.starts_with("| theme"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let theme = cells[1].to_owned();
            cells[2]
                .split(", ")
                .map(move |field| (theme.clone(), field.trim_matches('`').to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The items whose fields the omissions table names: entries, papers, venues.
const ITEMS: &[&str] = &[
    "sections[].entries[]",
    "education[]",
    "experience[]",
    "honors[]",
    "service[]",
    "teaching[]",
    "talks[]",
    "publications.papers{}",
    "publications.venues{}",
];

/// The field a leaf's omission is documented under: the field of an item (`highlights` of
/// `education[].highlights[].text`, `note` of `publications.papers{}.note`), else its last part.
fn field_name(leaf: &str) -> String {
    let field = ITEMS.iter().find_map(|item| leaf.strip_prefix(&format!("{item}.")));
    let field = field.map(|rest| rest.split(['.', '[', '{']).next().unwrap_or_default().to_owned());
    field.unwrap_or_else(|| split(leaf).into_iter().rev().find(|s| s != "[]" && s != "{}").unwrap_or_default())
}

/// Whether `s` is in the PDF at `path` (`text`, its links, `bytes`).
fn found(s: &Sentinel, text: &str, links: &str, bytes: &[u8]) -> bool {
    match s.kind {
        Kind::PaperKey => true, // checked by label, below
        Kind::Metadata => bytes.windows(s.word.len()).any(|w| w.eq_ignore_ascii_case(s.word.as_bytes())),
        _ => text.contains(&s.word) || links.contains(&s.word),
    }
}

#[test]
fn every_field_of_the_schema_is_printed_by_every_theme_or_noted() {
    let (dir, sentinels) = sentinel_profile();
    let omissions = documented_omissions();
    let data = crate::common::data(dir.path());
    let mut failures = Vec::new();
    for theme in ["classic", "modern", "compact"] {
        let set = format!("design.theme={theme}");
        let out = cvgen(dir.path(), &["pdf", "--set", &set, "-o", "cv.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        let file = dir.path().join("cv.pdf");
        // Without whitespace: a text extractor puts spaces where fonts change (`[zqx150 1]`).
        let text = squash(&pdf_text(&file)).to_lowercase();
        let links: String = pdf::links(&file)
            .iter()
            .filter_map(|l| match &l.target {
                pdf::Target::Uri(uri) => Some(uri.to_lowercase()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let bytes = std::fs::read(&file).unwrap();
        let check = cvgen(dir.path(), &["check", "--set", &set, "--deny-warnings"]);
        let said = stderr(&check);
        let missing: Vec<&Sentinel> = sentinels.iter().filter(|s| !found(s, &text, &links, &bytes)).collect();
        for s in &missing {
            let field = field_name(&s.leaf);
            if !omissions.contains(&(theme.to_owned(), field.clone())) {
                failures.push(format!(
                    "{theme}: `{}` (`{}` at {}) is not printed nor documented",
                    s.leaf,
                    s.word,
                    s.at.join(".")
                ));
            } else if !said.lines().any(|l| l.starts_with("note:") && l.contains(&format!("`{field}`"))) {
                failures.push(format!(
                    "{theme}: `{}` is left out but `check` has no note naming `{field}`:\n{said}",
                    s.leaf
                ));
            }
        }
        // A paper an entry names is labelled there and in the list.
        for s in sentinels.iter().filter(|s| s.kind == Kind::PaperKey) {
            let label = label_of(&data, &s.word).to_lowercase();
            if text.matches(&label).count() < 2 {
                failures.push(format!(
                    "{theme}: `{}` names `{}`, whose label `{label}` is not printed there",
                    s.leaf, s.word
                ));
            }
        }
        // A note is never counted as a warning; a note names a documented field, once.
        assert_eq!(check.status.code(), Some(0), "{theme}: {said}");
        let notes: Vec<&str> = said.lines().filter(|l| l.starts_with("note:")).collect();
        for note in &notes {
            assert!(
                omissions.iter().any(|(t, f)| t == theme && note.contains(&format!("`{f}`"))),
                "{theme}: a note on a field the table does not list: {note}"
            );
        }
        let distinct: BTreeSet<&&str> = notes.iter().collect();
        assert_eq!(distinct.len(), notes.len(), "{theme}: a note said twice: {said}");
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// The label (`[C1]`, `zqx1231`) of paper `key`, from `cvgen data`.
fn label_of(data: &Value, key: &str) -> String {
    let paper = crate::common::publications_of(data)
        .into_iter()
        .find(|p| p["key"] == key)
        .unwrap_or_else(|| panic!("`{key}` is listed"));
    paper["label"].as_str().unwrap_or_else(|| panic!("`{key}` has a label: {paper}")).to_owned()
}

/// Fields of the profile JSON Resume has no place for: the words the export's warning names them
/// by, or (`None`) why no warning is due.
const JSONRESUME_NO_PLACE: &[(&str, Result<&str, &str>)] = &[
    ("education[].advisors", Ok("advisors")),
    ("education[].thesis", Ok("thesis")),
    ("education[].highlights", Ok("highlights")),
    ("honors[].start", Ok("the first year (`start`) of a multi-year honor")),
    ("honors[].url", Ok("an honor's `url`")),
    ("native_name", Ok("the name in its native script")),
    ("sections[].items", Ok("(a list)")),
    ("sections[].text", Ok("the paragraph before the entries")),
    ("titles{}", Err("a heading: JSON Resume's sections have fixed names")),
    ("publications.title", Err("a heading: JSON Resume's sections have fixed names")),
    ("publications.lists[].title", Err("a heading: JSON Resume's sections have fixed names")),
    ("publications.lists[].prefix", Err("a part of a label: JSON Resume's publications have none")),
    ("publications.papers{}.short", Err("the badge abbreviates the venue, which is the `publisher`")),
    ("publications.venues{}.short", Err("the badge abbreviates the venue, which is the `publisher`")),
];

#[test]
fn the_json_resume_export_holds_every_field_it_has_a_place_for() {
    let (dir, sentinels) = sentinel_profile();
    let out = cvgen(dir.path(), &["export", "--format", "jsonresume", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = stdout(&out).to_lowercase();
    let warning = stderr(&out);
    let mut failures = Vec::new();
    for s in sentinels.iter().filter(|s| !matches!(s.kind, Kind::PaperKey | Kind::Metadata)) {
        if json.contains(&s.word) {
            continue;
        }
        match JSONRESUME_NO_PLACE.iter().find(|(leaf, _)| s.leaf.starts_with(leaf)) {
            Some((_, Ok(words))) if warning.contains(words) => {}
            Some((_, Ok(words))) => {
                failures.push(format!("`{}` is left out, but the warning does not say `{words}`", s.leaf))
            }
            Some((_, Err(_))) => {}
            None => failures.push(format!("`{}` (`{}`) is not in the JSON Resume", s.leaf, s.word)),
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}\n{warning}", failures.len(), failures.join("\n"));
}
