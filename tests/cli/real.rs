//! Real researchers' bibliographies as other tools export them (`tests/fixtures/real/`, with
//! `SOURCES.md` saying where each format was looked up): every paper in the right list, the
//! owner's own fields read, several files, duplicates. Each test reads the PDF back (or the
//! model, where the PDF cannot tell) through the real binary.


use std::path::Path;

use crate::common::*;

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");

/// A temporary copy of a fixture folder.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REAL).join(name), dir.path(), &[]);
    dir
}

/// The PDF's text, after a successful `cvgen pdf`.
fn pdf(dir: &Path) -> String {
    let out = cvgen(dir, &["pdf", "-o", "out.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    pdf_text(&dir.join("out.pdf"))
}

/// The PDF's bytes as text, for its link annotations (`/URI(…)`).
fn pdf_bytes(dir: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(dir.join("out.pdf")).unwrap()).into_owned()
}

/// Every publication of `cvgen data`: (label, category, title).
fn publications(dir: &Path) -> Vec<(String, String, String)> {
    let json = data(dir);
    publications_of(&json)
        .into_iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap_or_default().to_owned(),
                p["category"].as_str().unwrap().to_owned(),
                p["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The label the CV prints for the paper whose title starts with `title`.
fn label_of(list: &[(String, String, String)], title: &str) -> String {
    list.iter()
        .find(|(_, _, t)| t.to_lowercase().starts_with(&title.to_lowercase()))
        .map(|(label, _, _)| label.clone())
        .unwrap_or_else(|| panic!("no paper titled {title:?} in {list:?}"))
}

#[test]
fn google_scholar_neurips_as_article_is_a_conference_paper() {
    let dir = fixture("google-scholar");
    let list = publications(dir.path());
    // Scholar exports NeurIPS as `@article{…, journal = {Advances in Neural Information …}}`.
    assert!(label_of(&list, "Pace: Pacing").starts_with('C'), "{list:?}");
    assert!(label_of(&list, "Elight: toward").starts_with('J'), "TCAD is a journal: {list:?}");
    assert!(label_of(&list, "APOLLO").starts_with('P'), "`arXiv preprint arXiv:…` is a preprint: {list:?}");
    assert!(label_of(&list, "Dota").starts_with('W'), "a workshop exported as @article: {list:?}");
    let text = pdf(dir.path());
    assert_has(&text, &format!("[{}]", label_of(&list, "Pace: Pacing")));
    assert_has(&text, "Conference Papers");
    assert_has(&text, "Workshop Papers");
}

#[test]
fn dblp_corr_is_a_preprint_and_tcad_with_an_arxiv_id_a_journal_paper() {
    let dir = fixture("dblp");
    let list = publications(dir.path());
    // Three CoRR records; PACE's is left out, its NeurIPS version being in the file too.
    let corr: Vec<&str> = list.iter().filter(|(_, c, _)| c == "preprint").map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(corr.len(), 2, "{list:?}");
    assert!(
        corr.iter().any(|t| t.starts_with("APOLLO")) && corr.iter().any(|t| t.starts_with("The Path Not Taken")),
        "{list:?}"
    );
    assert!(label_of(&list, "ELight: Toward").starts_with('J'), "{list:?}");
    assert!(label_of(&list, "ELight: Enabling").starts_with('C'), "ASP-DAC: {list:?}");
    let text = pdf(dir.path());
    // DBLP's `volume = {abs/2412.05270}` is an arXiv id, not a volume.
    assert_has(&text, "arXiv preprint arXiv:2412.05270");
    assert!(!text.contains("abs/2412"), "{text}");
    assert!(pdf_bytes(dir.path()).contains("/URI(https://arxiv.org/abs/2412.05270)"));
}

#[test]
fn bamos_venues_notes_and_code_urls_are_shown() {
    let dir = fixture("bamos");
    let text = pdf(dir.path());
    // `_venue` is the badge, `_note` the note, `codeurl` the code link.
    assert_has(&text, "COLM");
    assert_has(&text, "Outstanding Paper Honorable Mention");
    let bytes = pdf_bytes(dir.path());
    assert!(bytes.contains("/URI(https://github.com/zhuhanqing/APOLLO)"), "code link missing");
    assert!(bytes.contains("/URI(https://github.com/Mia-Cong/SWIFT)"), "code link missing");
}

#[test]
fn hugo_blox_link_fields_are_read() {
    // Hugo Blox keeps `url_code` & co. in each paper's front matter, not in its `cite.bib`
    // (tests/fixtures/real/hugo-blox/SOURCES.md); a bibliography written with them, as some
    // sites convert them, is read as well.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@inproceedings{a, title = {T}, author = {Lovelace, Ada}, booktitle = {ICML}, year = 2024,\n  url_code = {https://github.com/ada/t}, url_slides = {https://example.org/slides.pdf}, url_video = {https://example.org/v}}\n",
    );
    let text = pdf(dir.path());
    assert_has(&text, "Code");
    assert_has(&text, "Slides");
    let bytes = pdf_bytes(dir.path());
    for uri in ["https://github.com/ada/t", "https://example.org/slides.pdf", "https://example.org/v"] {
        assert!(bytes.contains(&format!("/URI({uri})")), "no link to {uri}");
    }
}

#[test]
fn al_folio_arxiv_field_makes_the_arxiv_link() {
    let dir = fixture("al-folio");
    pdf(dir.path());
    assert!(pdf_bytes(dir.path()).contains("/URI(https://arxiv.org/abs/2412.05270)"));
}

#[test]
fn several_files_with_a_default_category_and_a_key_in_two_files() {
    let dir = fixture("multi-file");
    let out = cvgen(dir.path(), &["check"]);
    let report = stderr(&out);
    assert!(report.contains("warning: the key `zhu2022elight` is also defined in `conf.bib` (line 22)"), "{report}");
    assert!(report.contains("journal.bib:13:10"), "{report}");
    let list = publications(dir.path());
    // Both versions of `zhu2022elight` are shown: the ASP-DAC paper and the TCAD paper.
    assert!(label_of(&list, "ELight: Enabling").starts_with('C'), "{list:?}");
    assert!(label_of(&list, "Elight: toward").starts_with('J'), "{list:?}");
    // Every entry of arxiv.bib is a preprint, as the profile says.
    assert!(label_of(&list, "Insight").starts_with('P'), "{list:?}");
    // `cvgen bib` writes the second `zhu2022elight` under a key of its own, and says so.
    let out = cvgen(dir.path(), &["bib"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("@article{zhu2022elight-2,"), "{}", stdout(&out));
    assert!(stderr(&out).contains("entry `zhu2022elight` is exported as `zhu2022elight-2`"), "{}", stderr(&out));
}

#[test]
fn repeated_bib_flags_read_several_files() {
    let dir = fixture("multi-file");
    let out = cvgen(dir.path(), &["check", "--bib", "conf.bib", "--bib", "journal.bib"]);
    assert!(stderr(&out).contains("checked `profile.yaml` and `conf.bib` and `journal.bib`"), "{}", stderr(&out));
}

#[test]
fn duplicates_are_warned_and_the_preprint_of_a_published_paper_left_out() {
    let dir = fixture("duplicates");
    let out = cvgen(dir.path(), &["check"]);
    let report = stderr(&out);
    for expected in [
        "warning: the preprint `zhu2024apollosgdlikememoryadamwlevel` (`refs.bib`, line 1) has the same title as `zhu2025apollo`: the CV shows only `zhu2025apollo`",
        "warning: the preprint `zhu2024apollo` (`refs.bib`, line 18) has the same title as `zhu2025apollo`: the CV shows only `zhu2025apollo`",
        "warning: entries `zhu2024pace` and `jiang2024pre` (`refs.bib`, line 25) have the same title",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in\n{report}");
    }
    let list = publications(dir.path());
    let apollo = list.iter().filter(|(_, _, t)| t.to_lowercase().starts_with("apollo")).count();
    assert_eq!(apollo, 1, "{list:?}");
    // With the switch, all three are shown.
    write(
        dir.path(),
        "profile.yaml",
        "name: Hanqing Zhu\npublications: {bib: refs.bib, owner: [Hanqing Zhu], keep_preprint_duplicates: true}\n",
    );
    let list = publications(dir.path());
    let apollo = list.iter().filter(|(_, _, t)| t.to_lowercase().starts_with("apollo")).count();
    assert_eq!(apollo, 3, "{list:?}");
}

#[test]
fn zotero_csl_json_is_a_bibliography() {
    let dir = fixture("zotero");
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &profile.replace("zotero.bib", "zotero.json"));
    let list = publications(dir.path());
    assert_eq!(list.len(), 5, "{list:?}");
    assert!(label_of(&list, "PACE").starts_with('C'), "paper-conference: {list:?}");
    assert!(label_of(&list, "ELight").starts_with('J'), "article-journal: {list:?}");
    assert!(label_of(&list, "APOLLO").starts_with('P'), "article: {list:?}");
    let text = pdf(dir.path());
    assert_has(&text, "Hanqing Zhu");
}
