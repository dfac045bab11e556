//! What cvgen does with each field of the JSON Resume 1.0 schema ([`FIELDS`]: shown, meta, or
//! not shown), and the one warning that lists the fields of a resume the CV leaves out, each by
//! its JSON path (`work[0].url`), located at the first of them in the file.
//!
//! Keys outside the schema (a theme's own) are never listed: the schema allows additional
//! properties. A field counts when it holds something (text that is not blank, a number, a list
//! or object with such a value). Pure: it reads the text and the value the mapper parsed.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use crate::diag::Diagnostic;

/// What cvgen does with a field of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// It reaches the CV (possibly only with its item's name: see [`ITEM_KEYS`]).
    Shown,
    /// About the file, not the person (`$schema`, `meta`), or a picture no theme prints
    /// (`basics.image`): never listed.
    Meta,
    /// Never in the CV: listed, with this hint.
    NotShown(&'static str),
}

const LOCATION: &str = "cvgen shows `city`, `region` and `countryCode` of `basics.location`, not a street address; \
    put what matters in a field it shows (e.g. `\"city\": \"San Francisco\"`)";
const LINK: &str = "cvgen shows a job or a degree without a link (no `url`); \
    put what matters in a field it shows (e.g. a `highlights` line)";
const PROJECT_TYPE: &str = "cvgen shows a project's `entity` and `roles` beside its name, not its `type`; \
    put what matters in a field it shows (e.g. `\"roles\": [\"Talk\"]`)";

/// Every field of the JSON Resume 1.0 schema (`@jsonresume/schema` 1.3.1), in its order, with
/// what cvgen does with it; `[]` marks a list of items. Lists of text (`highlights`) are one field.
pub(super) const FIELDS: &[(&str, Use)] = &[
    ("$schema", Use::Meta),
    ("basics.name", Use::Shown),
    ("basics.label", Use::Shown),
    ("basics.image", Use::Meta),
    ("basics.email", Use::Shown),
    ("basics.phone", Use::Shown),
    ("basics.url", Use::Shown),
    ("basics.summary", Use::Shown),
    ("basics.location.address", Use::NotShown(LOCATION)),
    ("basics.location.postalCode", Use::NotShown(LOCATION)),
    ("basics.location.city", Use::Shown),
    ("basics.location.countryCode", Use::Shown),
    ("basics.location.region", Use::Shown),
    ("basics.profiles[].network", Use::Shown),
    ("basics.profiles[].username", Use::Shown),
    ("basics.profiles[].url", Use::Shown),
    ("work[].name", Use::Shown),
    ("work[].location", Use::Shown),
    ("work[].description", Use::Shown),
    ("work[].position", Use::Shown),
    ("work[].url", Use::NotShown(LINK)),
    ("work[].startDate", Use::Shown),
    ("work[].endDate", Use::Shown),
    ("work[].summary", Use::Shown),
    ("work[].highlights", Use::Shown),
    ("volunteer[].organization", Use::Shown),
    ("volunteer[].position", Use::Shown),
    ("volunteer[].url", Use::Shown),
    ("volunteer[].startDate", Use::Shown),
    ("volunteer[].endDate", Use::Shown),
    ("volunteer[].summary", Use::Shown),
    ("volunteer[].highlights", Use::Shown),
    ("education[].institution", Use::Shown),
    ("education[].url", Use::NotShown(LINK)),
    ("education[].area", Use::Shown),
    ("education[].studyType", Use::Shown),
    ("education[].startDate", Use::Shown),
    ("education[].endDate", Use::Shown),
    ("education[].score", Use::Shown),
    ("education[].courses", Use::Shown),
    ("awards[].title", Use::Shown),
    ("awards[].date", Use::Shown),
    ("awards[].awarder", Use::Shown),
    ("awards[].summary", Use::Shown),
    ("certificates[].name", Use::Shown),
    ("certificates[].date", Use::Shown),
    ("certificates[].url", Use::Shown),
    ("certificates[].issuer", Use::Shown),
    ("publications[].name", Use::Shown),
    ("publications[].publisher", Use::Shown),
    ("publications[].releaseDate", Use::Shown),
    ("publications[].url", Use::Shown),
    ("publications[].summary", Use::Shown),
    ("skills[].name", Use::Shown),
    ("skills[].level", Use::Shown),
    ("skills[].keywords", Use::Shown),
    ("languages[].language", Use::Shown),
    ("languages[].fluency", Use::Shown),
    ("interests[].name", Use::Shown),
    ("interests[].keywords", Use::Shown),
    ("references[].name", Use::Shown),
    ("references[].reference", Use::Shown),
    ("projects[].name", Use::Shown),
    ("projects[].description", Use::Shown),
    ("projects[].highlights", Use::Shown),
    ("projects[].keywords", Use::Shown),
    ("projects[].startDate", Use::Shown),
    ("projects[].endDate", Use::Shown),
    ("projects[].url", Use::Shown),
    ("projects[].roles", Use::Shown),
    ("projects[].entity", Use::Shown),
    ("projects[].type", Use::NotShown(PROJECT_TYPE)),
    ("meta.canonical", Use::Meta),
    ("meta.version", Use::Meta),
    ("meta.lastModified", Use::Meta),
];

/// The lists whose items cvgen shows only with a certain field, and the hint for an item
/// without it (whose other fields are then left out).
pub(super) const ITEM_KEYS: &[(&str, &str)] = &[
    (
        "basics.profiles",
        "cvgen shows a `basics.profiles` item as a link to its `url` (or, once each, from the `username` alone for \
         GitHub, LinkedIn, X, ORCID and Google Scholar); add the `url`",
    ),
    ("volunteer", "cvgen shows a `volunteer` item only when it has a `position` or an `organization`; add one"),
    ("certificates", "cvgen shows a `certificates` item only when it has a `name`; add one"),
    ("publications", "cvgen shows a `publications` item only when it has a `name`; add one"),
    ("skills", "cvgen shows a `skills` item only when it has a `name` or `keywords`; add a `name`"),
    ("languages", "cvgen shows a `languages` item only when it has a `language`; add one"),
    ("interests", "cvgen shows an `interests` item only when it has a `name`; add one"),
    ("references", "cvgen shows a `references` item only when it has a `name`; add one"),
    ("projects", "cvgen shows a `projects` item only when it has a `name`; add one"),
];

/// The most paths the warning names; the others are counted.
const MAX_LISTED: usize = 12;

/// The warning for the fields of `resume` (parsed from `text`) the CV leaves out: the fields
/// cvgen never shows, and every field of the items in `lost` (`("publications", 2)`: an item the
/// mapper could not place). `None` when nothing is left out.
pub(super) fn left_out(
    resume: &Value,
    lost: &[(&'static str, usize)],
    text: &str,
    spans: &HashMap<String, Range<usize>>,
    path: &Path,
) -> Option<Diagnostic> {
    // (path, hint) of every field left out.
    let mut fields: Vec<(String, &str)> = Vec::new();
    for (pattern, use_) in FIELDS {
        if let Use::NotShown(hint) = use_ {
            for found in present(resume, pattern) {
                fields.push((found, hint));
            }
        }
    }
    for &(list, index) in lost {
        let hint = ITEM_KEYS.iter().find(|(l, _)| *l == list).map_or("", |(_, hint)| hint);
        let Some(item) = lookup(resume, list).and_then(|items| items.get(index)) else { continue };
        let prefix = format!("{list}[].");
        for (pattern, use_) in FIELDS {
            let Some(field) = pattern.strip_prefix(&prefix) else { continue };
            if *use_ != Use::Meta && !matches!(use_, Use::NotShown(_)) {
                for found in present(item, field) {
                    fields.push((format!("{list}[{index}].{found}"), hint));
                }
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    let end = text.len();
    let at = |field: &str| spans.get(field).cloned().unwrap_or(end..end);
    fields.sort_by_key(|(field, _)| at(field).start);
    let count = fields.len();
    let mut listed: Vec<String> = fields.iter().take(MAX_LISTED).map(|(field, _)| format!("`{field}`")).collect();
    if count > MAX_LISTED {
        listed.push(format!("and {} more", count - MAX_LISTED));
    }
    let plural = if count == 1 { "a field".to_owned() } else { format!("{count} fields") };
    let mut d = Diagnostic::warning(format!("cvgen does not show {plural} of the JSON Resume: {}", listed.join(", ")))
        .at(path, at(&fields[0].0))
        .label(if count == 1 { "not in the CV" } else { "the first of them" });
    let mut hints: Vec<&str> = Vec::new();
    for (_, hint) in &fields {
        if !hint.is_empty() && !hints.contains(hint) {
            hints.push(hint);
        }
    }
    for hint in hints {
        d = d.hint(hint);
    }
    Some(d)
}

/// The value at a plain path (`basics.profiles`), if any.
fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |value, key| value.get(key))
}

/// The paths of the values `pattern` (`work[].url`) matches in `value` that hold something.
pub(super) fn present(value: &Value, pattern: &str) -> Vec<String> {
    fn walk(value: &Value, segments: &[&str], path: String, out: &mut Vec<String>) {
        let Some((first, rest)) = segments.split_first() else {
            if holds_something(value) {
                out.push(path);
            }
            return;
        };
        let (key, list) = first.strip_suffix("[]").map_or((*first, false), |key| (key, true));
        let Some(child) = value.get(key) else { return };
        let path = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
        if list {
            for (index, item) in child.as_array().into_iter().flatten().enumerate() {
                walk(item, rest, format!("{path}[{index}]"), out);
            }
        } else {
            walk(child, rest, path, out);
        }
    }
    let segments: Vec<&str> = pattern.split('.').collect();
    let mut out = Vec::new();
    walk(value, &segments, String::new(), &mut out);
    out
}

/// Whether a value would print as something: text that is not blank, a number, a boolean, or a
/// list or object holding such a value.
fn holds_something(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(_) | Value::Number(_) => true,
        Value::String(text) => !text.trim().is_empty(),
        Value::Array(items) => items.iter().any(holds_something),
        Value::Object(map) => map.values().any(holds_something),
    }
}

/// The byte span of every value in `text` (JSON that parsed) by its path: `basics`,
/// `basics.location.city`, `work[0]`, `work[0].highlights[1]`. One pass; nesting is bounded by
/// the JSON parser's own limit (128), which the text has already passed.
pub(super) fn value_spans(text: &str) -> HashMap<String, Range<usize>> {
    let mut spans = HashMap::new();
    let mut scanner = Scanner { text, at: 0 };
    scanner.value(&mut String::new(), &mut spans);
    spans
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads the value at the cursor and records its span under `path` (and those inside it).
    fn value(&mut self, path: &mut String, spans: &mut HashMap<String, Range<usize>>) {
        self.skip_space();
        let start = self.at;
        match self.peek() {
            None => return,
            Some(b'{') => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'"') => {
                            let key = self.string();
                            self.skip_space();
                            if self.peek() != Some(b':') {
                                break;
                            }
                            self.at += 1;
                            let len = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&key);
                            self.value(path, spans);
                            path.truncate(len);
                        }
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        _ => break,
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        None => break,
                        Some(_) => {
                            let before = self.at;
                            let len = path.len();
                            path.push_str(&format!("[{index}]"));
                            self.value(path, spans);
                            path.truncate(len);
                            index += 1;
                            if self.at == before {
                                break;
                            }
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.at += 1;
                }
            }
        }
        spans.insert(path.clone(), start..self.at);
    }

    /// Reads the string at the cursor (on its `"`) and returns it unescaped.
    fn string(&mut self) -> String {
        let start = self.at;
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'"' => break,
                _ => {}
            }
        }
        self.at = self.at.min(self.text.len());
        self.text.get(start..self.at).and_then(|raw| serde_json::from_str(raw).ok()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_by_path() {
        let text = r#"{"basics": {"name": "A\"b", "location": {"city": "Paris"}}, "work": [{"url": "u"}, {"highlights": ["x", 1]}]}"#;
        let spans = value_spans(text);
        let at = |path: &str| &text[spans[path].clone()];
        assert_eq!(at("basics.name"), r#""A\"b""#);
        assert_eq!(at("basics.location.city"), r#""Paris""#);
        assert_eq!(at("work[0].url"), r#""u""#);
        assert_eq!(at("work[1].highlights"), r#"["x", 1]"#);
        assert_eq!(at("work[1].highlights[1]"), "1");
        assert_eq!(at(""), text);
    }

    #[test]
    fn present_skips_blank_values() {
        let value: Value = serde_json::from_str(
            r#"{"work": [{"url": "a"}, {"url": " "}, {"url": null}, {}, {"url": 5}], "basics": {"location": {"address": ""}}}"#,
        )
        .unwrap();
        assert_eq!(present(&value, "work[].url"), ["work[0].url", "work[4].url"]);
        assert!(present(&value, "basics.location.address").is_empty());
    }

    #[test]
    fn every_field_name_is_unique_and_every_item_key_names_a_list_of_the_schema() {
        for (i, (field, _)) in FIELDS.iter().enumerate() {
            assert!(!FIELDS[..i].iter().any(|(f, _)| f == field), "`{field}` twice");
        }
        for (list, _) in ITEM_KEYS {
            assert!(FIELDS.iter().any(|(f, _)| f.starts_with(&format!("{list}[]."))), "`{list}`");
        }
    }
}

/// The table against the schema, and the warning as `parse` gives it.
#[cfg(test)]
mod schema_tests {
    use std::path::Path;

    use super::super::parse;
    use super::*;

    fn parse_ok(text: &str) -> crate::profile::Profile {
        let (profile, warnings) = parse(text, Path::new("resume.json"), None).unwrap_or_else(|d| panic!("{d:?}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        profile
    }

    /// The warnings of a resume that parses.
    fn warnings(text: &str) -> Vec<Diagnostic> {
        parse(text, Path::new("resume.json"), None).unwrap_or_else(|d| panic!("{d:?}")).1
    }

    /// The leaves of the JSON Resume schema as `FIELDS` writes them (`work[].url`; a list
    /// of text is one field).
    fn schema_fields() -> Vec<String> {
        fn walk(node: &serde_json::Value, defs: &serde_json::Value, path: String, out: &mut Vec<String>) {
            let node = match node.get("$ref").and_then(|r| r.as_str()) {
                Some(reference) => &defs[reference.rsplit('/').next().unwrap()],
                None => node,
            };
            if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
                for (key, child) in properties {
                    let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    walk(child, defs, path, out);
                }
            } else if node["type"] == "array" && node["items"].get("properties").is_some() {
                walk(&node["items"], defs, format!("{path}[]"), out);
            } else {
                out.push(path);
            }
        }
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/jsonresume/schema.json")).unwrap();
        let mut out = Vec::new();
        walk(&schema, &schema["definitions"], String::new(), &mut out);
        out
    }

    #[test]
    fn the_table_of_fields_is_the_schema() {
        // Sorted: the schema's key order survives parsing only with serde_json's `preserve_order`.
        let mut table: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
        table.sort_unstable();
        let mut schema = schema_fields();
        schema.sort_unstable();
        assert_eq!(table, schema);
    }

    /// A resume with `field` (`work[].url`) set, in an item with `with` set too.
    fn resume_with(field: &str, with: &[(&str, serde_json::Value)]) -> String {
        let (list, key) = field.rsplit_once("[].").map_or((None, field), |(list, key)| (Some(list), key));
        let value = match key {
            "highlights" | "courses" | "keywords" | "roles" => serde_json::json!(["Value"]),
            k if k.ends_with("Date") || k == "date" => serde_json::json!("2020-01"),
            _ => serde_json::json!("Value"),
        };
        let mut resume = serde_json::json!({"basics": {"name": "A"}});
        let mut item = serde_json::Map::new();
        for (k, v) in with {
            item.insert((*k).to_owned(), v.clone());
        }
        let target = match list {
            Some(list) => {
                item.insert(key.to_owned(), value);
                (list, serde_json::Value::Array(vec![item.into()]))
            }
            None => (field, value),
        };
        let segments: Vec<&str> = target.0.split('.').collect();
        let mut node = &mut resume;
        for segment in &segments[..segments.len() - 1] {
            node = node.as_object_mut().unwrap().entry(*segment).or_insert_with(|| serde_json::json!({}));
        }
        node[segments[segments.len() - 1]] = target.1;
        resume.to_string()
    }

    /// What each item needs before its other fields show (`fields::ITEM_KEYS`).
    const ITEM_NEEDS: &[(&str, &str)] = &[
        ("basics.profiles", "url"),
        ("volunteer", "position"),
        ("certificates", "name"),
        ("publications", "name"),
        ("skills", "name"),
        ("languages", "language"),
        ("interests", "name"),
        ("references", "name"),
        ("projects", "name"),
    ];

    /// Every field of the schema reaches the profile, is listed in the warning, or is meta: none
    /// is dropped without a word.
    #[test]
    fn every_field_is_shown_or_listed() {
        let debug = |text: &str| format!("{:?}", parse_ok(text));
        for (field, use_) in FIELDS {
            let list = field.rsplit_once("[].").map(|(list, _)| list);
            let need = ITEM_NEEDS.iter().find(|(l, _)| Some(*l) == list).map(|(_, key)| *key);
            let with: Vec<(&str, serde_json::Value)> = match need {
                Some(key) if !field.ends_with(&format!("[].{key}")) => vec![(key, "Named".into())],
                _ => Vec::new(),
            };
            let text = resume_with(field, &with);
            let baseline = match list {
                Some(list) if !with.is_empty() => resume_with(&format!("{list}[].{}", with[0].0), &[]),
                _ => r#"{"basics": {"name": "A"}}"#.to_owned(),
            };
            let warned = warnings(&text);
            match use_ {
                Use::Shown => {
                    assert!(warned.is_empty(), "{field}: {warned:?}");
                    assert_ne!(debug(&text), debug(&baseline), "{field} does not reach the profile");
                }
                Use::Meta => {
                    assert!(warned.is_empty(), "{field}: {warned:?}");
                    assert_eq!(debug(&text), debug(&baseline), "{field}");
                }
                Use::NotShown(_) => {
                    let concrete = field.replace("[]", "[0]");
                    assert_eq!(warned.len(), 1, "{field}");
                    assert!(warned[0].message.ends_with(&format!(": `{concrete}`")), "{field}: {}", warned[0].message);
                }
            }
        }
    }

    #[test]
    fn items_without_their_name_are_listed_with_every_field() {
        let text = r#"{"basics": {"name": "A", "profiles": [{"network": "Mastodon", "username": "ada"},
            {"network": "GitHub", "username": "ada"}, {"network": "GitHub", "username": "ada2"}]},
            "publications": [{"publisher": "IEEE", "releaseDate": "2020", "x-theme": "kept quiet"}],
            "skills": [{"level": "Expert"}, {"keywords": ["Rust"]}, {"name": "Go"}],
            "projects": [{"description": "d", "type": "talk"}]}"#;
        let d = warnings(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "cvgen does not show 10 fields of the JSON Resume: `basics.profiles[0].network`, \
             `basics.profiles[0].username`, `basics.profiles[2].network`, `basics.profiles[2].username`, \
             `publications[0].publisher`, `publications[0].releaseDate`, `skills[0].level`, `skills[1].keywords`, \
             `projects[0].description`, `projects[0].type`"
        );
        // Located at the first, in the order of the file.
        assert_eq!(&text[d[0].location.as_ref().unwrap().span.clone()], r#""Mastodon""#);
        assert_eq!(d[0].hints.len(), 5, "{:?}", d[0].hints);
    }

    #[test]
    fn the_warning_caps_its_list() {
        let work: Vec<String> =
            (0..15).map(|i| format!(r#"{{"name": "W{i}", "url": "https://w{i}.example"}}"#)).collect();
        let d = warnings(&format!(r#"{{"basics": {{"name": "A"}}, "work": [{}]}}"#, work.join(",")));
        assert!(
            d[0].message.starts_with("cvgen does not show 15 fields of the JSON Resume: `work[0].url`, "),
            "{}",
            d[0].message
        );
        assert!(d[0].message.ends_with(", `work[11].url`, and 3 more"), "{}", d[0].message);
    }
}
