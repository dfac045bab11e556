//! Author names and titles as a hiring committee reads them, through the real binary on real
//! exports (`tests/fixtures/real/`): the owner bold exactly once per paper (never a co-author who
//! shares the surname, never missed for DBLP's homonym number), initials with periods, homonym
//! numbers never shown, `cvgen check` naming the variant that takes a co-author, and titles in
//! title case when the profile asks.

use std::path::Path;

use crate::common::*;

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");

/// The owner's variants of every fixture.
const OWNER: &str = r#"["Hanqing Zhu", "H. Zhu"]"#;

/// A temporary copy of a fixture folder.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REAL).join(name), dir.path(), &[]);
    dir
}

/// A paper of `cvgen data`: its key, title and authors (name, owner).
#[derive(Debug)]
struct Paper {
    key: String,
    title: String,
    authors: Vec<(String, bool)>,
}

impl Paper {
    fn owners(&self) -> Vec<&str> {
        self.authors.iter().filter(|(_, owner)| *owner).map(|(name, _)| name.as_str()).collect()
    }

    fn names(&self) -> Vec<&str> {
        self.authors.iter().map(|(name, _)| name.as_str()).collect()
    }
}

/// Every paper of `cvgen data`, and the whole output.
fn papers(dir: &Path) -> (Vec<Paper>, String) {
    let json = data(dir);
    let found = publications_of(&json)
        .into_iter()
        .map(|p| Paper {
            key: p["key"].as_str().unwrap().to_owned(),
            title: p["title"].as_str().unwrap().to_owned(),
            authors: p["authors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["name"].as_str().unwrap().to_owned(), a["owner"].as_bool().unwrap()))
                .collect(),
        })
        .collect();
    (found, serde_json::to_string_pretty(&json).unwrap())
}

fn paper<'a>(papers: &'a [Paper], key: &str) -> &'a Paper {
    papers.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("no paper `{key}` in {papers:?}"))
}

#[test]
fn owner_homonym_bolds_the_owner_and_nobody_else() {
    let dir = fixture("owner-homonym");
    let (papers, json) = papers(dir.path());
    assert_eq!(papers.len(), 6, "{papers:?}");
    let owners: Vec<(&str, Vec<&str>)> = papers.iter().map(|p| (p.key.as_str(), p.owners())).collect();
    let expected = [
        ("zhu2022fuse", vec!["Hanqing Zhu"]),
        ("jin2023domain", vec!["Hanqing Zhu"]),
        ("lin2024sub", vec!["H. Zhu"]),
        ("lin2024neural", vec!["H. Zhu"]),
        ("DBLP:conf/hpca/ZhuGWJZTFHCP24", vec!["Hanqing Zhu"]),
        ("construct2024homonym", vec!["Hanqing Zhu"]),
    ];
    for (key, owner) in expected {
        let found = owners.iter().find(|(k, _)| *k == key).map(|(_, o)| o.clone());
        assert_eq!(found, Some(owner), "{key}: {owners:?}");
    }
    // The co-authors who share the surname are in the list, not bold.
    let construct = paper(&papers, "construct2024homonym");
    assert_eq!(construct.authors[0], ("Hao Zhu".to_owned(), false));
    assert_eq!(construct.authors[1], ("Hanqing Zhu".to_owned(), true));
    assert!(paper(&papers, "zhu2022fuse").authors.contains(&("Keren Zhu".to_owned(), false)));
    assert!(paper(&papers, "jin2023domain").authors.contains(&("Keren Zhu".to_owned(), false)));
    // DBLP's homonym number is never shown.
    assert_eq!(paper(&papers, "DBLP:conf/hpca/ZhuGWJZTFHCP24").authors[0], ("Hanqing Zhu".to_owned(), true));
    assert!(!json.contains("0001"), "{json}");
    // Initials get their periods.
    assert_eq!(
        paper(&papers, "lin2024neural").names()[..4],
        ["Shanny Lin", "S. Ning", "H. Zhu", "T. Zhou"],
        "{papers:?}"
    );
    assert_eq!(
        paper(&papers, "lin2024sub").names(),
        ["S. Lin", "H. Zhu", "S. Clayton", "C. L. Morris", "Z. Tang", "Z. Wang", "R. T. Chen"]
    );
}

#[test]
fn owner_homonym_check_is_quiet_about_the_owner() {
    let dir = fixture("owner-homonym");
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("publications.owner"), "every paper has exactly one owner:\n{err}");
}

#[test]
fn google_scholar_names_are_dotted_and_the_owner_found_once() {
    let dir = fixture("google-scholar");
    let (papers, _) = papers(dir.path());
    assert_eq!(papers.len(), 12, "{papers:?}");
    for p in &papers {
        assert_eq!(p.owners().len(), 1, "{}: {:?}", p.key, p.authors);
    }
    assert_eq!(paper(&papers, "lin2024sub").owners(), ["H. Zhu"]);
    assert_eq!(paper(&papers, "zhu2022fuse").owners(), ["Hanqing Zhu"]);
    for p in &papers {
        for name in p.names() {
            assert!(!name.ends_with(" Z Pan") && !name.contains(" T Chen"), "{}: {name}", p.key);
        }
    }
    let fuse = paper(&papers, "zhu2022fuse").names();
    assert!(fuse.contains(&"David Z. Pan") && fuse.contains(&"Ray T. Chen"), "{fuse:?}");
    // `Pan, David` has no initial to dot.
    assert!(paper(&papers, "jiang2024pre").names().contains(&"David Pan"));
    // Title case is off by default: Scholar's lowercase stays.
    assert_eq!(
        paper(&papers, "gu2022light").title,
        "Light in ai: toward efficient neurocomputing with optical neural networks—a tutorial"
    );
    let check = cvgen(dir.path(), &["check"]);
    assert!(!stderr(&check).contains("publications.owner"), "{}", stderr(&check));
}

#[test]
fn google_scholar_names_with_periods_in_the_pdf() {
    let dir = fixture("google-scholar");
    let out = cvgen(dir.path(), &["pdf", "-o", "out.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("out.pdf"));
    assert_has(&text, "David Z. Pan");
    assert_has(&text, "C. L. Morris");
    assert_has(&text, "R. T. Chen");
    assert!(!squash(&text).contains("CLMorris"), "{text}");
}

#[test]
fn names_as_written_when_the_profile_says_so() {
    let dir = fixture("owner-homonym");
    write(
        dir.path(),
        "profile.yaml",
        &format!("name: Hanqing Zhu\npublications: {{bib: refs.bib, owner: {OWNER}, names: as_written}}\n"),
    );
    let (papers, json) = papers(dir.path());
    assert_eq!(
        paper(&papers, "lin2024sub").names(),
        ["S Lin", "H Zhu", "S Clayton", "CL Morris", "Z Tang", "Z Wang", "RT Chen"]
    );
    assert_eq!(paper(&papers, "lin2024sub").owners(), ["H Zhu"]);
    assert!(paper(&papers, "zhu2022fuse").names().contains(&"David Z Pan"));
    // Homonym numbers are no part of a name in either style.
    assert_eq!(paper(&papers, "DBLP:conf/hpca/ZhuGWJZTFHCP24").owners(), ["Hanqing Zhu"]);
    assert!(!json.contains("0001"), "{json}");
}

#[test]
fn check_names_the_variant_that_takes_a_co_author() {
    let twice_line = "@article{twice, title = {First}, author = {Zhu, Hanqing and Zhu, H. and Pan, David Z}, journal = {J}, year = 2024}";
    let namesake_line =
        "@article{namesake, title = {Second}, author = {Zhu, Hao and Gu, Jiaqi}, journal = {J}, year = 2024}";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", &format!("name: Hanqing Zhu\npublications: {{bib: refs.bib, owner: {OWNER}}}\n"));
    write(dir.path(), "refs.bib", &format!("{twice_line}\n{namesake_line}\n"));
    // Both point to the author list.
    let at = |line: usize, text: &str| format!("  ┌─ refs.bib:{line}:{}", text.find("{Zhu").unwrap() + 1);
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Each warning: its message, where it points (the author list), its hints in order.
    let twice: [&str; 4] = [
        "warning: 2 authors of `twice` match `publications.owner`: `Hanqing Zhu`, `H. Zhu`",
        &at(1, twice_line),
        "  = hint: taken: `Hanqing Zhu` by `Hanqing Zhu`, `H. Zhu` by `H. Zhu`",
        "  = hint: if one of them is a co-author, remove the variant that takes them from `publications.owner`, \
         or write the co-author's full name in the bibliography",
    ];
    let namesake: [&str; 4] = [
        "warning: no author of `namesake` matches `publications.owner`",
        &at(2, namesake_line),
        "  = hint: if `Hao Zhu` is you, add that spelling to `publications.owner`",
        "  = hint: `H. Zhu` is written with initials, so it matches only authors written with initials, not `Hao Zhu`",
    ];
    for expected in [twice, namesake] {
        let lines: Vec<&str> = err.lines().skip_while(|l| l != &expected[0]).collect();
        assert!(!lines.is_empty(), "missing {:?} in\n{err}", expected[0]);
        let block: Vec<&str> = lines.iter().take_while(|l| !l.is_empty()).copied().collect();
        let kept: Vec<&str> = block.iter().copied().filter(|l| expected.iter().any(|e| e == l)).collect();
        assert_eq!(kept, expected, "{err}");
        assert!(block.iter().filter(|l| l.contains("= hint:")).count() == 2, "{err}");
    }
    assert_eq!(err.matches("publications.owner").count(), 4, "{err}");
}

#[test]
fn title_case_when_the_profile_asks() {
    let dir = fixture("google-scholar");
    write(
        dir.path(),
        "profile.yaml",
        &format!("name: Hanqing Zhu\npublications: {{bib: scholar.bib, owner: {OWNER}, title_case: true}}\n"),
    );
    let (papers, _) = papers(dir.path());
    let titles: Vec<(&str, &str)> = papers.iter().map(|p| (p.key.as_str(), p.title.as_str())).collect();
    let expected = [
        ("gu2022light", "Light in AI: Toward Efficient Neurocomputing with Optical Neural Networks—A Tutorial"),
        (
            "zhu2024pace",
            "Pace: Pacing Operator Learning to Accurate Optical Field Simulation for Complicated Photonic Devices",
        ),
        (
            "zhu2024lightening",
            "Lightening-Transformer: A Dynamically-Operated Optically-Interconnected Photonic Transformer Accelerator",
        ),
        ("zhu2022fuse", "Fuse and Mix: MACAM-Enabled Analog Activation for Energy-Efficient Neural Acceleration"),
        ("gu2022adept", "ADEPT: Automatic Differentiable Design of Photonic Tensor Cores"),
        ("cong2025can", "Can Test-Time Scaling Improve World Foundation Model?"),
        ("zhu2024apollo", "APOLLO: SGD-like Memory, AdamW-Level Performance"),
    ];
    for (key, title) in expected {
        assert_eq!(titles.iter().find(|(k, _)| *k == key).map(|(_, t)| *t), Some(title), "{titles:?}");
    }
}

#[test]
fn title_case_keeps_what_dblp_protects() {
    let dir = fixture("dblp");
    write(
        dir.path(),
        "profile.yaml",
        &format!("name: Hanqing Zhu\npublications: {{bib: dblp.bib, owner: {OWNER}, title_case: true}}\n"),
    );
    let (papers, _) = papers(dir.path());
    let apollo = papers.iter().find(|p| p.title.starts_with("APOLLO")).expect("APOLLO");
    assert_eq!(apollo.title, "APOLLO: SGD-like Memory, AdamW-Level Performance");
    let path = papers.iter().find(|p| p.title.starts_with("The Path")).expect("The Path Not Taken");
    assert_eq!(path.title, "The Path Not Taken: RLVR Provably Learns Off the Principals");
    // A capitalised preposition inside the title becomes small (Chicago).
    let squeeze = papers.iter().find(|p| p.title.starts_with("SqueezeLight")).expect("SqueezeLight");
    assert_eq!(
        squeeze.title,
        "SqueezeLight: A Multi-Operand Ring-Based Optical Neural Network with Cross-Layer Scalability"
    );
}

/// A name in a CJK script (`李, 四`, as Zotero and CNKI write it) prints family first with no space
/// in the model the PDF is typeset from and in every web export, as citeproc and hayagriva print
/// it; a romanised name keeps the Western order. It printed "四 李".
#[test]
fn cjk_names_print_family_first_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "profile.yaml",
        "name: Hanqing Zhu\npublications:\n  bib: refs.bib\n  owner: [\"Hanqing Zhu\"]\n",
    );
    write(
        dir.path(),
        "refs.bib",
        "@article{li2024,\n  author = {李, 四 and Zhu, Hanqing and 山田, 太郎 and Li, Si},\n  title = {光学神经网络},\n  journal = {中国科学},\n  year = {2024},\n}\n",
    );
    let json = data(dir.path());
    let names: Vec<&str> =
        publications_of(&json)[0]["authors"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["李四", "Hanqing Zhu", "山田太郎", "Si Li"]);
    for format in ["markdown", "html", "jsonresume"] {
        let out = cvgen(dir.path(), &["export", "--format", format, "-o", "-"]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("李四") && text.contains("山田太郎"), "{format}:\n{text}");
        assert!(!text.contains("四 李") && !text.contains("太郎 山田"), "{format}:\n{text}");
    }
}
