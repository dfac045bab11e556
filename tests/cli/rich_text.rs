//! Rich text in profile fields, end to end: the Markdown subset becomes bold, italic, code and
//! links in every theme; everything else a user may write (Typst syntax, HTML, stray brackets,
//! backslashes, Markdown block syntax) prints literally and never runs; `cvgen data` keeps a
//! plain-text form; `cvgen schema` describes the new keys.


use crate::common::pdf::{self, Target};
use crate::common::*;

const THEMES: [&str; 3] = ["classic", "modern", "compact"];

/// A profile whose free-text fields hold `summary`, `highlight` and `interest`.
fn profile(summary: &str, highlight: &str, interest: &str) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        "name: Ada Lovelace\nsummary: {}\ninterests: [{}]\neducation:\n  - degree: Studies\n    area: Mathematics\n    institution: Private tutors\n    highlights: [{}]\n",
        quote(summary),
        quote(interest),
        quote(highlight)
    )
}

/// `pdf` in `theme` in a folder holding `profile`; the PDF's path.
fn render(dir: &std::path::Path, theme: &str) -> std::path::PathBuf {
    let out_name = format!("{theme}.pdf");
    let out = cvgen(dir, &["pdf", "--theme", theme, "-o", &out_name]);
    assert!(out.status.success(), "{theme}: {}", stderr(&out));
    dir.join(out_name)
}

#[test]
fn typst_and_html_in_rich_text_print_literally() {
    let dir = tempfile::tempdir().unwrap();
    let summary = r#"Code #read("/etc/passwd") and #set page(fill: red) $x^2$ ] @key <b>tag</b> [not a link] back\slash \\ A* search \*stars\* `#emph[code]` [#link("x")[y]](https://example.org/#q)"#;
    let highlight = r"# not a heading";
    let interest = r"1. not a list, - nor this \[@ada1843\]";
    write(dir.path(), "profile.yaml", &profile(summary, highlight, interest));
    for theme in THEMES {
        let path = render(dir.path(), theme);
        let text = pdf_text(&path);
        for literal in [
            r#"Code #read("/etc/passwd") and #set page(fill: red) $x^2$ ] @key <b>tag</b> [not a link] back\slash \ A* search *stars* #emph[code] #link("x")[y]"#,
            "# not a heading",
            "1. not a list, - nor this [@ada1843]",
        ] {
            assert_has(&text, literal);
        }
        assert!(!text.contains("root:"), "{theme}: a file was read");
        let links: Vec<_> = pdf::links(&path).into_iter().map(|l| l.target).collect();
        assert!(links.contains(&Target::Uri("https://example.org/#q".to_owned())), "{theme}: {links:?}");
        let mono: String =
            pdf::runs(&path).iter().filter(|r| r.font.contains("Mono")).map(|r| squash(&r.text)).collect();
        assert_eq!(mono, "#emph[code]", "{theme}");
    }
}

#[test]
fn data_keeps_a_plain_form_beside_the_spans() {
    let dir = tempfile::tempdir().unwrap();
    let summary = "Wrote **the first program** for the *Analytical Engine*; see [the notes](https://www.fourmilab.ch/babbage/sketch.html).";
    write(dir.path(), "profile.yaml", &profile(summary, "Tutored by `De Morgan`", "Poetical \\*science\\*"));
    let out = cvgen(dir.path(), &["data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let section = |id: &str| json["sections"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
    let summary = section("summary");
    assert_eq!(summary["text"], "Wrote the first program for the Analytical Engine; see the notes.");
    assert_eq!(
        summary["text_spans"],
        serde_json::json!([
            {"text": "Wrote "},
            {"text": "the first program", "strong": true},
            {"text": " for the "},
            {"text": "Analytical Engine", "emph": true},
            {"text": "; see "},
            {"text": "the notes", "link": "https://www.fourmilab.ch/babbage/sketch.html"},
            {"text": "."}
        ])
    );
    let interests = section("interests");
    assert_eq!(interests["items"], serde_json::json!(["Poetical *science*"]));
    assert_eq!(interests["items_spans"], serde_json::json!([[{"text": "Poetical *science*"}]]));
    let education = section("education");
    assert_eq!(education["entries"][0]["details"], serde_json::json!(["Tutored by De Morgan"]));
    assert_eq!(
        education["entries"][0]["details_spans"][0],
        serde_json::json!([{"text": "Tutored by "}, {"text": "De Morgan", "code": true}])
    );
}

#[test]
fn schema_describes_lists_papers_and_rich_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");

    let fixture =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lists/profile.yaml")).unwrap();
    let good: serde_json::Value = serde_saphyr_to_json(&fixture);
    let errors: Vec<String> = validator.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "the lists fixture does not validate: {errors:?}");

    let mut bad = good.clone();
    bad["publications"]["lists"][0]["select"]["role"] = serde_json::json!("last");
    assert!(!validator.is_valid(&bad), "an unknown role validates");
    let mut bad = good.clone();
    bad["publications"]["lists"][1]["exclude_listed"] = serde_json::json!("yes");
    assert!(!validator.is_valid(&bad), "a string for a flag validates");
    let mut bad = good;
    bad["honors"][0]["papers"] = serde_json::json!("zhu2025apollo");
    assert!(!validator.is_valid(&bad), "`papers` must be a list");
}

/// A YAML profile as the JSON value the schema describes.
fn serde_saphyr_to_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("the fixture is YAML")
}
