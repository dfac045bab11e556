//! `cvgen pdf` end to end: the real binary on the example and on fixtures, PDFs read back.


use crate::common::*;

fn example_pdf() -> (tempfile::TempDir, String) {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "cvgen pdf failed:\n{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    (dir, text)
}

#[test]
fn example_cv_shows_every_fact() {
    let (_dir, text) = example_pdf();
    let expected = [
        "Hanqing Zhu",
        "hqzhu@utexas.edu",
        "zhuhanqing.github.io",
        "github.com/zhuhanqing",
        "Google Scholar",
        // education
        "Ph.D. in Electrical and Computer Engineering",
        "The University of Texas at Austin",
        "David Z. Pan",
        "Ray T. Chen",
        "B.Eng. in Microelectronics Science and Engineering",
        "Shanghai Jiao Tong University",
        "highest honor",
        // experience
        "Meta AI",
        "Lightelligence Inc.",
        "Google Brain",
        "Theory-driven efficient learning for RLVR",
        "RL-based chip placement",
        "May – Dec 2025",
        "Jul – Nov 2022",
        // publications
        "The Path Not Taken: RLVR Provably Learns Off the Principals",
        "Can Test-Time Scaling Improve World Foundation Model?",
        "APOLLO: SGD-like Memory, AdamW-level Performance",
        "PACE: Pacing Operator Learning to Accurate Optical Field Simulation for Complicated Photonic Devices",
        "Lightening-Transformer: A Dynamically-operated Optically-interconnected Photonic Transformer Accelerator",
        "Outstanding Paper Honorable Mention",
        "Acceptance rate: 18.3%",
        "pp. 686–703",
        "NeurIPS 2025 Workshop on Efficient Reasoning (Spotlight)",
        "equal contribution",
        "corresponding author",
        // honors
        "Best Paper Award",
        "Texas ECE Graduate Achievement Award",
        "Academic Excellence Scholarship",
        "2017 – 2019",
        // footer
        "Hanqing Zhu — page 1 of",
        "Last updated November 29, 2025",
    ];
    // Compared without spaces: text extraction puts some where fonts change or a word joiner is.
    let squashed = squash(&text);
    let missing: Vec<_> = expected.iter().filter(|e| !squashed.contains(&squash(e))).collect();
    assert!(missing.is_empty(), "missing from the PDF: {missing:?}\n---\n{text}");
}

#[test]
fn example_publications_are_numbered_newest_first() {
    let (_dir, text) = example_pdf();
    let apollo = text.find("APOLLO: SGD-like").expect("APOLLO");
    let pace = text.find("PACE: Pacing").expect("PACE");
    let lightening = text.find("Lightening-Transformer: A").expect("Lightening");
    assert!(apollo < pace && pace < lightening, "conference papers are not newest first");
    for label in ["[C4]", "[C3]", "[C2]", "[C1]", "[P1]"] {
        assert!(text.contains(label), "label {label} missing");
    }
}

#[test]
fn determinism_with_source_date_epoch() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    assert!(cvgen(dir.path(), &["pdf", "-o", "a.pdf"]).status.success());
    assert!(cvgen(dir.path(), &["pdf", "-o", "b.pdf"]).status.success());
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert!(a == b, "two runs with the same SOURCE_DATE_EPOCH differ");
}

#[test]
fn pdf_metadata_title_author_and_tagging() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    assert!(cvgen(dir.path(), &["pdf"]).status.success());
    let bytes = std::fs::read(dir.path().join("cv.pdf")).unwrap();
    let doc = lopdf_doc(&bytes);
    assert!(doc.contains("Hanqing Zhu — Curriculum Vitae"), "title metadata missing");
    assert!(doc.contains("/StructTreeRoot"), "PDF is not tagged");
    assert!(doc.contains("/FontFile"), "fonts are not embedded");
}

/// The PDF's XMP metadata and object dictionary, as text (metadata streams are uncompressed).
fn lopdf_doc(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn user_text_is_never_typst_markup() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "profile.yaml",
        "name: Ada Lovelace\nsummary: 'Tricky #read(\"/etc/passwd\") $x$ ] @key \\*bold\\* \\_u\\_ end'\npublications:\n  bib: refs.bib\n  owner: Ada Lovelace\n",
    );
    write(
        dir.path(),
        "refs.bib",
        "@misc{k, title = {Evil #read(\"/etc/passwd\") ] @key \\$y\\$ [x]}, author = {Lovelace, Ada}, year = 2020}\n",
    );
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(text.contains(r#"Tricky #read("/etc/passwd") $x$ ] @key *bold* _u_ end"#), "{text}");
    assert!(text.contains(r#"Evil #read("/etc/passwd") ] @key $y$ [x]"#), "{text}");
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn failed_run_keeps_existing_output() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    std::fs::write(dir.path().join("cv.pdf"), b"previous").unwrap();
    std::fs::write(dir.path().join("profile.yaml"), "name: X\njounral: Y\n").unwrap();
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.path().join("cv.pdf")).unwrap(), b"previous");
    assert_no_temp_files(dir.path());
}

#[test]
fn output_equal_to_input_is_a_usage_error() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let before = std::fs::read(dir.path().join("refs.bib")).unwrap();
    // `--format pdf`: without it, the name's extension (not .pdf) is refused first.
    let out = cvgen(dir.path(), &["pdf", "--format", "pdf", "-o", "refs.bib"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: the output `refs.bib` is also an input\n = hint: choose another `--output`; cvgen never overwrites its inputs\n\n"
    );
    assert_eq!(std::fs::read(dir.path().join("refs.bib")).unwrap(), before);
}

#[test]
fn bib_flag_overrides_the_profile() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    write(
        dir.path(),
        "other.bib",
        "@article{x, title = {Only This One}, author = {Zhu, Hanqing}, journal = {J}, year = 2021}\n",
    );
    // The profile cites APOLLO, which the other file does not have.
    let out = cvgen(dir.path(), &["pdf", "--bib", "other.bib"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown citation key `zhu2025apollo`"), "{}", stderr(&out));
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &profile.replace("    papers: [zhu2025apollo]\n", ""));
    let out = cvgen(dir.path(), &["pdf", "--bib", "other.bib"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(text.contains("Only This One"));
    assert!(!text.contains("APOLLO"));
    assert!(text.contains("[J1]"));
}

#[test]
fn et_al_marks_and_legend() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@inproceedings{a, title = {Marked}, author = {Lovelace*, Ada and Babbage*†, Charles and others}, booktitle = {Proc. X}, year = 2020, award = {Best Paper}}\n",
    );
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(text.contains("et al."), "{text}");
    assert!(!text.contains("others"), "{text}");
    assert!(text.contains("* equal contribution · † corresponding author"), "{text}");
    assert!(text.contains("Award: Best Paper"), "{text}");
}

#[test]
fn legend_lists_only_the_marks_used() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@misc{a, title = {T}, author = {Lovelace, Ada and Babbage, Charles}, author+an = {2=corresponding}, year = 2020}\n",
    );
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(text.contains("† corresponding author"), "{text}");
    assert!(!text.contains("equal contribution"), "{text}");
}

#[test]
fn alfolio_papers_bib_renders_without_edits() {
    let dir = workspace(&["tests/fixtures/alfolio/profile.yaml", "tests/fixtures/alfolio/papers.bib"]);
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    for expected in [
        "A. Einstein*†, B. Podolsky*, and N. Rosen*",
        "Über die von der molekularkinetischen Theorie der Wärme",
        "Methuen & Co Ltd, 1920.",
        "vol. 47, no. 10, pp. 777–780",
        "Award: Best Paper",
        "* equal contribution · † corresponding author",
    ] {
        assert_has(&text, expected);
    }
    // Relative al-folio asset paths (`pdf = {example_pdf.pdf}`) are not links a PDF can follow.
    let pdf = String::from_utf8_lossy(&std::fs::read(dir.path().join("cv.pdf")).unwrap()).into_owned();
    assert!(!pdf.contains("(example_pdf.pdf)"), "a relative link was written");
    assert!(pdf.contains("(https://doi.org/10.1103/PhysRev.47.777)"), "DOI link missing");
}

#[test]
fn example_links_are_clickable() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    assert!(cvgen(dir.path(), &["pdf"]).status.success());
    let pdf = String::from_utf8_lossy(&std::fs::read(dir.path().join("cv.pdf")).unwrap()).into_owned();
    for uri in [
        "mailto:hqzhu@utexas.edu",
        "https://zhuhanqing.github.io/",
        "https://scholar.google.com/citations?user=myMcrNEAAAAJ",
        "https://arxiv.org/abs/2412.05270",
        "https://github.com/zhuhanqing/APOLLO",
        "https://zhuhanqing.github.io/APOLLO/",
        "https://mlsys.org/virtual/2025/awards_detail",
        "https://news.ycombinator.com/item?id=42473469",
        "https://arxiv.org/abs/2511.08567",
    ] {
        assert!(pdf.contains(&format!("/URI({uri})")), "no link to {uri}");
    }
}

#[test]
fn owner_is_found_in_every_example_author_list() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let out = cvgen(dir.path(), &["data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cvgen data prints JSON");
    let section =
        json["sections"].as_array().unwrap().iter().find(|s| s["kind"] == "publications").expect("publications");
    let publications: Vec<&serde_json::Value> =
        section["groups"].as_array().unwrap().iter().flat_map(|g| g["items"].as_array().unwrap()).collect();
    assert_eq!(publications.len(), 5);
    for p in publications {
        let owners: Vec<&str> = p["authors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["owner"] == true)
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(owners, ["Hanqing Zhu"], "in {}", p["key"]);
    }
}

/// A bibliography beyond any real CV is refused before typesetting (which would take minutes and
/// gigabytes), with the number; `check` still reads it.
#[test]
fn more_publications_than_any_cv_are_refused_early() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    let bib: String = (0..10_001)
        .map(|i| format!("@misc{{k{i}, title = {{Paper {i}}}, author = {{Lovelace, Ada}}, year = 2020}}\n"))
        .collect();
    write(dir.path(), "refs.bib", &bib);
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: the CV would list 10001 publications; cvgen typesets at most 10000\n"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("cv.pdf").exists());
    assert_eq!(cvgen(dir.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn accepted_papers_say_to_appear_in_every_theme() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@inproceedings{a, title = {Accepted}, author = {Lovelace, Ada}, booktitle = {Proceedings of the Royal Society}, year = 2026, pubstate = {accepted}}\n\
         @inproceedings{b, title = {Out}, author = {Lovelace, Ada}, booktitle = {Proceedings of the Royal Society}, year = 2025}\n",
    );
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        let text = pdf_text(&dir.path().join("cv.pdf"));
        assert_eq!(text.matches("to appear").count(), 1, "{theme}: {text}");
        let (accepted, out_paper) = (text.find("Accepted").unwrap(), text.find("Out").unwrap());
        let to_appear = text.find("to appear").unwrap();
        assert!(
            accepted < to_appear && to_appear < out_paper,
            "{theme}: `to appear` is not with the accepted paper: {text}"
        );
    }
}
