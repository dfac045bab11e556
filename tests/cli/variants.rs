//! Several documents from one profile, end to end: named variants (`--variant short`: fewer
//! sections, other publication lists, a page budget), per-entry tags a variant filters on,
//! one-off `--set` overrides typed as the schema says, and the page budget's warning in `pdf` and
//! `check`. Read back from the PDFs (text, page count, fonts). The fixture is
//! `tests/fixtures/overlays/` with the example's `refs.bib`.


use std::path::Path;

use crate::common::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/overlays");

/// A temp dir holding the fixture and the example's bibliography.
fn fixture() -> tempfile::TempDir {
    let dir = workspace(&["refs.bib"]);
    copy_dir(Path::new(FIXTURE), dir.path(), &[]);
    dir
}

/// Runs `cvgen pdf args… -o name` in `dir`, which must succeed; the PDF's path.
fn pdf(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let mut all = vec!["pdf", "-o", name];
    all.extend(args);
    let out = cvgen(dir, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    dir.join(name)
}

fn pages(path: &Path) -> usize {
    pdf_extract::Document::load(path).expect("a PDF").get_pages().len()
}

/// The fonts of the PDF's text, without their subset tags (`LibertinusSerif-Regular`).
fn fonts(path: &Path) -> Vec<String> {
    let mut fonts: Vec<String> = crate::common::pdf::runs(path).into_iter().map(|r| r.font).collect();
    fonts.sort();
    fonts.dedup();
    fonts
}

#[test]
fn the_short_variant_is_shorter_and_shows_only_its_lists() {
    let dir = fixture();
    let full = pdf(dir.path(), "full.pdf", &[]);
    let short = pdf(dir.path(), "short.pdf", &["--variant", "short"]);
    assert_eq!(pages(&full), 2);
    assert_eq!(pages(&short), 1, "the short variant fits its budget");
    let full_text = pdf_text(&full);
    let short_text = pdf_text(&short);
    assert_has(&full_text, "Conference Papers");
    assert_has(&full_text, "Preprints");
    assert!(!full_text.contains("Selected Publications"));
    assert_has(&short_text, "Selected Publications");
    assert!(!short_text.contains("Conference Papers") && !short_text.contains("Preprints"), "{short_text}");
    // Its one list holds the selected papers, numbered with its own prefix.
    assert_has(&short_text, "[S4]");
    assert!(!short_text.contains("[C1]") && !short_text.contains("[P1]"));
    assert!(!short_text.contains("The Path Not Taken"), "the one paper not selected is left out");
    // And its hidden sections are gone.
    assert!(full_text.contains("Research Scientist Intern") && full_text.contains("Hongyi Scholarship"));
    assert!(!short_text.contains("Research Scientist Intern") && !short_text.contains("Hongyi Scholarship"));
}

#[test]
fn tags_choose_the_entries_of_a_variant() {
    let dir = fixture();
    let full = pdf_text(&pdf(dir.path(), "full.pdf", &[]));
    let academic = pdf_text(&pdf(dir.path(), "academic.pdf", &["--variant", "academic"]));
    assert!(full.contains("Lightelligence"), "the industry-tagged position is in the full CV");
    assert!(!academic.contains("Lightelligence"), "`skip_tags: [industry]` leaves it out");
    assert!(academic.contains("DAC Young Fellow"), "an entry tagged otherwise stays");
    assert!(academic.contains("Google Brain"), "an entry without tags is in every variant");
    // `only_tags` from the command line: untagged entries stay, other tags go.
    let only = pdf_text(&pdf(dir.path(), "only.pdf", &["--set", "only_tags=[industry]"]));
    assert!(only.contains("Lightelligence") && only.contains("Google Brain"));
    assert!(!only.contains("DAC Young Fellow"));
}

#[test]
fn an_unknown_variant_is_a_usage_error_with_the_closest_name() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["pdf", "--variant", "shrot"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unknown variant `shrot`\n  ┌─ <command line>:1:11\n  │\n1 │ --variant shrot\n  │           ^^^^^\n2 │ \n  │\n  = hint: did you mean `short`?\n\nerror: no PDF written: fix the errors above (`cv.pdf` is unchanged)\n\n"
    );
    for verb in ["data", "bib", "check"] {
        let out = cvgen(dir.path(), &[verb, "--variant", "shrot"]);
        assert_eq!(out.status.code(), Some(2), "{verb}: {}", stderr(&out));
        assert!(stderr(&out).contains("did you mean `short`?"), "{verb}: {}", stderr(&out));
    }
}

#[test]
fn set_changes_the_theme_and_the_pdf_fonts() {
    let dir = fixture();
    let classic = fonts(&pdf(dir.path(), "classic.pdf", &[]));
    assert!(classic.iter().any(|f| f.starts_with("LibertinusSerif")), "{classic:?}");
    assert!(!classic.iter().any(|f| f.starts_with("Inter")), "{classic:?}");
    let modern = fonts(&pdf(dir.path(), "modern.pdf", &["--set", "design.theme=modern"]));
    assert!(modern.iter().any(|f| f.starts_with("Inter")), "{modern:?}");
    assert!(!modern.iter().any(|f| f.starts_with("LibertinusSerif")), "{modern:?}");
    // `--set` wins over the variant, which wins over the files.
    let both = fonts(&pdf(dir.path(), "both.pdf", &["--variant", "short", "--set", "design.theme=modern"]));
    assert!(both.iter().any(|f| f.starts_with("Inter")), "{both:?}");
}

#[test]
fn set_reaches_into_lists_and_is_typed_as_the_schema_says() {
    let dir = fixture();
    let text = pdf_text(&pdf(dir.path(), "cv.pdf", &["--set", "publications.lists.0.prefix=K"]));
    assert_has(&text, "[K1]");
    assert!(!text.contains("[C1]"));

    let out = cvgen(dir.path(), &["pdf", "--set", "design.font_size=large"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: expected a number, found `large`\n  ┌─ <command line>:1:24\n  │\n1 │ --set design.font_size=large\n  │                        ^^^^^\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = cvgen(dir.path(), &["check", "--set", "desing.theme=modern"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error: unknown field `desing`\n"), "{}", stderr(&out));
    assert!(stderr(&out).contains("= hint: did you mean `design`?\n"), "{}", stderr(&out));
    // Not `KEY=VALUE`: refused before anything is read.
    let out = cvgen(dir.path(), &["pdf", "--set", "design.theme"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected `KEY=VALUE`"), "{}", stderr(&out));
}

#[test]
fn a_page_budget_warns_in_pdf_and_check() {
    let dir = fixture();
    // The full CV runs to two pages: one over a budget of one.
    let out = cvgen(dir.path(), &["pdf", "--set", "max_pages=1"]);
    assert!(out.status.success(), "the PDF is written: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("warning: the CV runs to 2 pages, 1 over `max_pages: 1`\n  ┌─ <command line>:1:17\n"),
        "{err}"
    );
    assert!(err.ends_with(" ms)\n") && err.contains("wrote cv.pdf (2 pages, "), "{err}");

    let out = cvgen(dir.path(), &["check", "--set", "max_pages=1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("warning: the CV runs to 2 pages, 1 over `max_pages: 1`\n"), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["check", "--deny-warnings", "--set", "max_pages=1"]);
    assert_eq!(out.status.code(), Some(1), "`--deny-warnings` fails on the budget");

    // The short variant fits its own budget; written in the profile, the warning points there.
    let out = cvgen(dir.path(), &["check", "--deny-warnings", "--variant", "short"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["check", "--variant", "short", "--set", "hide=[]"]);
    let err = stderr(&out);
    assert!(err.starts_with("warning: the CV (variant `short`) runs to 2 pages, 1 over `max_pages: 1`\n"), "{err}");
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let line = profile.lines().position(|l| l.trim() == "max_pages: 1").unwrap() + 1;
    assert!(err.contains(&format!("┌─ profile.yaml:{line}:16\n")), "{err}");
}

#[test]
fn check_typesets_only_for_a_page_budget() {
    let dir = fixture();
    // A template error shows only when check typesets: it does with a budget, never without.
    write(dir.path(), "bad.typ", "#let cv = json(\"/cv.json\")\n#undefined-function()\n");
    let out = cvgen(dir.path(), &["check", "--set", "design.template=bad.typ"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["check", "--set", "design.template=bad.typ", "--set", "max_pages=3"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.typ"), "{}", stderr(&out));
}

#[test]
fn the_schema_describes_variants_tags_and_the_page_budget() {
    let out = cvgen(&root(), &["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let profile: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(Path::new(FIXTURE).join("profile.yaml")).unwrap()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&profile).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for typo in [
        "name: A\nvariants: {short: {max_pages: 0}}\n",
        "name: A\nvariants: {short: {desing: {theme: modern}}}\n",
        "name: A\nvariants: {short: {variants: {}}}\n",
        "name: A\nhonors: [{title: X, tags: industry}]\n",
        "name: A\nskills: [{category: X, items: [a], tags: [b]}]\n",
        "name: A\nmax_pages: two\n",
    ] {
        let value: serde_json::Value = serde_saphyr::from_str(typo).unwrap();
        assert!(!validator.is_valid(&value), "the schema accepts {typo:?}");
    }
    let text = schema.to_string();
    assert!(text.contains("A page budget"), "max_pages is described");
}
