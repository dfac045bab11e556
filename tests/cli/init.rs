//! `cvgen init` and `cvgen schema`: a scaffold that compiles as is, never overwriting, and a
//! JSON Schema that accepts real profiles and rejects typos.


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
