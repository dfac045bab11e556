//! JSON Resume input: a `resume.json` renders a complete CV in every theme.


use crate::common::*;

fn fixture() -> tempfile::TempDir {
    workspace(&["tests/fixtures/jsonresume/resume.json"])
}

/// The fixture's only warning: the fields of the schema cvgen cannot place.
fn assert_only_the_fixture_warning(stderr: &str) {
    let first = "warning: cvgen does not show 4 fields of the JSON Resume: `basics.location.address`, \
                 `basics.location.postalCode`, `work[0].url`, `projects[0].type`\n";
    assert!(stderr.starts_with(first), "{stderr}");
    assert_eq!(stderr.matches("warning: ").count(), 1, "{stderr}");
    assert!(!stderr.contains("error: "), "{stderr}");
}

/// The official sample resume of the JSON Resume schema (`@jsonresume/schema` 1.3.1, MIT):
/// one warning lists the fields the CV leaves out, located at the first; `work.description` and
/// `skills.level`, which it used to drop too, are in the PDF.
#[test]
fn the_official_sample_lists_what_the_cv_leaves_out() {
    let dir = workspace(&["tests/fixtures/jsonresume/sample.resume.json"]);
    let out = cvgen(dir.path(), &["check", "--profile", "sample.resume.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        r#"warning: cvgen does not show 5 fields of the JSON Resume: `basics.location.address`, `basics.location.postalCode`, `work[0].url`, `education[0].url`, `projects[0].type`
   ┌─ sample.resume.json:12:18
   │
11 │     "location": {
12 │       "address": "2712 Broadway St",
   │                  ^^^^^^^^^^^^^^^^^^ the first of them
13 │       "postalCode": "CA 94115",
   │
   = hint: cvgen shows `city`, `region` and `countryCode` of `basics.location`, not a street address; put what matters in a field it shows (e.g. `"city": "San Francisco"`)
   = hint: cvgen shows a job or a degree without a link (no `url`); put what matters in a field it shows (e.g. a `highlights` line)
   = hint: cvgen shows a project's `entity` and `roles` beside its name, not its `type`; put what matters in a field it shows (e.g. `"roles": ["Talk"]`)

checked `sample.resume.json`: 1 warning
"#
    );
    let out = cvgen(dir.path(), &["pdf", "--profile", "sample.resume.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    for shown in
        ["Awesome compression company. Pied Piper is a multi-platform", "Web Development (Master)", "San Francisco"]
    {
        assert!(text.contains(shown), "missing {shown:?}\n---\n{text}");
    }
    assert!(!text.contains("2712 Broadway"), "{text}");
}

/// Fields outside the schema (a theme's own keys) stay silent: the schema allows them.
#[test]
fn keys_outside_the_schema_are_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "resume.json",
        r#"{"basics": {"name": "A", "x-pronouns": "she/her", "location": {"city": "Paris", "x-district": "5e"}},
            "work": [{"name": "Curie", "x-team": "radiochemistry"}], "x-theme": {"colour": "blue"}}"#,
    );
    let out = cvgen(dir.path(), &["check", "--profile", "resume.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "checked `resume.json`: no problems found\n");
}

#[test]
fn json_resume_renders_in_every_theme() {
    let dir = fixture();
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json", "--theme", theme, "-o", "out.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        assert_only_the_fixture_warning(&stderr(&out));
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
    assert_only_the_fixture_warning(&stderr(&out));
    let (exported, diagnostics) = cvgen::bib::parse(&stdout(&out), std::path::Path::new("out.bib"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (original, _) = cvgen::bib::parse(
        &std::fs::read_to_string(dir.path().join("refs.bib")).unwrap(),
        std::path::Path::new("refs.bib"),
    );
    let keys = |b: &cvgen::bib::Bibliography| b.entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&exported), keys(&original));
}
