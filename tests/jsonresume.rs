//! JSON Resume input: a `resume.json` renders a complete CV in every theme.

mod common;

use common::*;

fn fixture() -> tempfile::TempDir {
    workspace(&["tests/fixtures/jsonresume/resume.json"])
}

#[test]
fn json_resume_renders_in_every_theme() {
    let dir = fixture();
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json", "--theme", theme, "-o", "out.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{theme} warned");
        let text = pdf_text(&dir.path().join("out.pdf"));
        // Headings may be upper case and letter-spaced (`L ANGUAGES` once extracted).
        let squashed = |s: &str| s.to_lowercase().replace(' ', "");
        let lower = squashed(&text);
        let expected = [
            // basics
            "Marie Skłodowska",
            "Postdoctoral Researcher in Computational Chemistry",
            "marie@example.org",
            "github.com/msklodowska",
            "ORCID 0000-0001-2345-6789",
            "Bluesky",
            "Paris, Île-de-France, FR",
            "machine-learned interatomic potentials",
            // work (ongoing), volunteer, education
            "Institut Curie",
            "Oct 2023 – present",
            "Cut simulation cost for radium complexes",
            "Science for Schools",
            "Ph.D. in Theoretical Chemistry",
            "Sorbonne Université",
            "Grade: summa cum laude",
            // awards, certificates, publications, projects
            "Young Investigator Award",
            "European Chemical Society",
            "Radiation Safety Officer",
            "Neural Potentials for Heavy Elements",
            "Journal of Chemical Physics",
            "nequip-rs",
            // skills, languages, interests, references
            "LAMMPS, CP2K, ASE",
            "Polish (Native speaker)",
            "Mountaineering: Alps, Tatra",
            "Prof. Pierre Dupont",
            // section titles
            "volunteering",
            "certificates",
            "languages",
            "references",
            "projects",
        ];
        let missing: Vec<_> = expected.iter().filter(|e| !text.contains(*e) && !lower.contains(&squashed(e))).collect();
        assert!(missing.is_empty(), "{theme}: missing {missing:?}\n---\n{text}");
    }
}

#[test]
fn json_resume_with_a_bibliography() {
    let dir = fixture();
    write(
        dir.path(),
        "refs.bib",
        "@article{k, title = {From the Bibliography}, author = {Skłodowska, Marie and Curie, Pierre}, journal = {J. Chem.}, year = 2024}\n",
    );
    let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json", "--bib", "refs.bib"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(text.contains("From the Bibliography"), "{text}");
    assert!(text.contains("[J1]"), "{text}");
    assert!(!text.contains("Neural Potentials for Heavy Elements"), "the resume's own list shows too");
}

#[test]
fn json_resume_data_for_templates() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["data", "--profile", "resume.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = data["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "summary",
            "experience",
            "education",
            "publications",
            "projects",
            "honors",
            "certificates",
            "volunteer",
            "skills",
            "languages",
            "hobbies",
            "references"
        ]
    );
}

#[test]
fn bad_dates_in_a_json_resume_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "resume.json", r#"{"basics": {"name": "A"}, "work": [{"name": "X", "startDate": "Sept 2020"}]}"#);
    let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: invalid date `Sept 2020` in `work[0].startDate`\n"), "{}", stderr(&out));
}

/// `cvgen bib` reads a JSON Resume profile as `cvgen pdf` does (it used to parse it as YAML and
/// stop at ``unknown field `$schema` ``).
#[test]
fn bib_takes_a_json_resume_profile() {
    let dir = workspace(&["tests/fixtures/jsonresume/resume.json", "refs.bib"]);
    let out = cvgen(dir.path(), &["bib", "--profile", "resume.json", "--bib", "refs.bib"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let (exported, diagnostics) = cvgen::bib::parse(&stdout(&out), std::path::Path::new("out.bib"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (original, _) = cvgen::bib::parse(
        &std::fs::read_to_string(dir.path().join("refs.bib")).unwrap(),
        std::path::Path::new("refs.bib"),
    );
    let keys = |b: &cvgen::bib::Bibliography| b.entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&exported), keys(&original));
}
