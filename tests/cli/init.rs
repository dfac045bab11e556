//! `cvgen init` and `cvgen schema`: a scaffold that compiles as is, never overwriting, and a
//! JSON Schema that accepts real profiles and rejects typos, in the regex dialect JSON Schema
//! specifies (ECMA-262, as ajv and check-jsonschema compile it), not only in Rust's.

use crate::common::*;

#[test]
fn init_in_an_empty_folder_then_pdf_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["init", "cv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "wrote cv/profile.yaml, cv/refs.bib, cv/.gitignore, cv/profile.schema.json\nnext: `cd cv && cvgen pdf` (then edit profile.yaml and refs.bib)\n"
    );
    let cv = dir.path().join("cv");
    // `-q`: no success line, so anything on stderr is a warning.
    let out = cvgen(&cv, &["pdf", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the scaffold warns");
    let text = pdf_text(&cv.join("cv.pdf"));
    for expected in ["Your Name", "A Title That Says What the Paper Shows", "Award: Best Paper Award", "Education"] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let gitignore = std::fs::read_to_string(cv.join(".gitignore")).unwrap();
    assert!(gitignore.contains("/cv.pdf"));
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "refs.bib", "% mine\n");
    let out = cvgen(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: `refs.bib` already exists\n = hint: cvgen init never overwrites: choose another folder, or move these files away first\n\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("refs.bib")).unwrap(), "% mine\n");
    assert!(!dir.path().join("profile.yaml").exists(), "a file was written although init refused");
}

#[test]
fn eject_copies_a_theme_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["init", "--eject", "compact"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copied = std::fs::read_to_string(dir.path().join("templates/compact.typ")).unwrap();
    let original = std::fs::read_to_string(root().join("templates/compact.typ")).unwrap();
    assert_eq!(copied, original);
    let out = cvgen(dir.path(), &["init", "--eject", "compact"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cvgen(dir.path(), &["init", "--eject", "fancy"]);
    assert_eq!(out.status.code(), Some(2), "an unknown theme is a usage error");
}

fn schema() -> serde_json::Value {
    let out = cvgen(&root(), &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).expect("YAML")
}

#[test]
fn schema_accepts_real_profiles_and_rejects_typos() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for file in ["profile.yaml", "tests/fixtures/stress/profile.yaml", "src/cmd/init/profile.yaml"] {
        let profile = yaml(&std::fs::read_to_string(root().join(file)).unwrap());
        let errors: Vec<String> = validator.iter_errors(&profile).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    for typo in [
        "name: A\njounral: x\n",
        "name: A\ndesign: {thme: modern}\n",
        "name: A\ndesign: {theme: fancy}\n",
        "name: A\neducation: [{degree: B.Sc., institution: U, date: May 2020}]\n",
        "name: A\ndesign: {accent: blue}\n",
        "name: A\npublications: {bib: refs.bib, owner: A, group_by: venue}\n",
        "headline: no name\n",
    ] {
        assert!(!validator.is_valid(&yaml(typo)), "the schema accepts {typo:?}");
    }
}

#[test]
fn schema_describes_fields_for_editors() {
    let schema = schema().to_string();
    assert!(schema.contains("Built-in theme"), "doc comments are missing from the schema");
    assert!(schema.contains("\"additionalProperties\":false"), "unknown keys are not rejected");
}

/// Every `pattern` in `schema`, with its JSON pointer.
fn patterns(schema: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("pattern", serde_json::Value::String(p)) => out.push((format!("{at}/pattern"), p.clone())),
                    _ => patterns(value, &format!("{at}/{key}"), out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                patterns(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// An ECMA-262 regex in unicode mode (JavaScript's `u` flag, which ajv sets).
fn ecma(pattern: &str) -> Result<regress::Regex, regress::Error> {
    regress::Regex::with_flags(pattern, "u")
}

/// The JSON type names `value` has (an integer is also a number).
fn json_types(value: &serde_json::Value) -> &'static [&'static str] {
    match value {
        serde_json::Value::Null => &["null"],
        serde_json::Value::Bool(_) => &["boolean"],
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => &["integer", "number"],
        serde_json::Value::Number(_) => &["number"],
        serde_json::Value::String(_) => &["string"],
        serde_json::Value::Array(_) => &["array"],
        serde_json::Value::Object(_) => &["object"],
    }
}

/// The `pattern`s of `schema` that `value` fails under ECMA-262 matching: the keywords schemars
/// writes (`$ref`, `properties`, `additionalProperties`, `items`, `anyOf`, `oneOf`, `allOf`);
/// the types and the rest are the Rust validator's job.
fn ecma_failures(
    root: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    at: &str,
) -> Vec<String> {
    let Some(map) = schema.as_object() else { return Vec::new() };
    if let Some(reference) = map.get("$ref").and_then(|r| r.as_str()) {
        let target = root.pointer(reference.trim_start_matches('#')).expect("a `$ref` inside the schema");
        return ecma_failures(root, target, value, at);
    }
    let types: Vec<&str> = match map.get("type") {
        Some(serde_json::Value::String(t)) => vec![t.as_str()],
        Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !json_types(value).iter().any(|t| types.contains(t)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let (Some(pattern), Some(text)) = (map.get("pattern").and_then(|p| p.as_str()), value.as_str())
        && ecma(pattern).expect("compiled above").find(text).is_none()
    {
        out.push(format!("{at}: {text:?} does not match {pattern:?}"));
    }
    for all in map.get("allOf").and_then(|a| a.as_array()).into_iter().flatten() {
        out.extend(ecma_failures(root, all, value, at));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = map.get(key).and_then(|a| a.as_array()) {
            let failures: Vec<Vec<String>> = branches.iter().map(|b| ecma_failures(root, b, value, at)).collect();
            if !failures.iter().any(Vec::is_empty) {
                out.extend(failures.into_iter().flatten());
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = map.get("properties").and_then(|p| p.as_object());
        for (key, item) in object {
            let sub = properties.and_then(|p| p.get(key)).or_else(|| map.get("additionalProperties"));
            if let Some(sub) = sub {
                out.extend(ecma_failures(root, sub, item, &format!("{at}/{key}")));
            }
        }
    }
    if let (Some(items), Some(array)) = (map.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            out.extend(ecma_failures(root, items, item, &format!("{at}/{i}")));
        }
    }
    out
}

/// ajv ("Invalid group") and check-jsonschema refused the schema for the `locale` pattern's `(?i)`.
#[test]
fn schema_patterns_are_ecma_262_and_accept_real_profiles() {
    let schema = schema();
    let mut found = Vec::new();
    patterns(&schema, "#", &mut found);
    assert!(found.iter().any(|(at, _)| at.contains("locale")), "the locale pattern is gone: {found:?}");
    for (at, pattern) in &found {
        if let Err(e) = ecma(pattern) {
            panic!("{at}: {pattern:?} is not an ECMA-262 regex in unicode mode: {e}");
        }
    }
    for file in ["profile.yaml", "tests/fixtures/stress/profile.yaml", "src/cmd/init/profile.yaml"] {
        let profile = yaml(&std::fs::read_to_string(root().join(file)).unwrap());
        let failures = ecma_failures(&schema, &schema, &profile, "");
        assert!(failures.is_empty(), "{file}: {failures:#?}");
    }
    // The locale codes cvgen knows, in the spellings it takes, and what it refuses.
    let locale = |code: &str| ecma_failures(&schema, &schema, &yaml(&format!("name: A\nlocale: {code}\n")), "");
    for code in ["en", "de", "fr", "es", "zh", "de-AT", "zh-Hans", "ZH_cn", "En"] {
        assert!(locale(code).is_empty(), "{code}: {:?}", locale(code));
    }
    for code in ["ja", "english", "de-", "xen"] {
        assert!(!locale(code).is_empty(), "the schema accepts locale {code:?}");
    }
}
