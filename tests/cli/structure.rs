//! Citations, structure and venues as researchers write them (`docs/structure.md`), end to end on
//! the researcher's own three bib files as his site keeps them (`tests/fixtures/real/multi-file`:
//! Google Scholar entries with a bamos-style fork's `_venue`/`_selected`/`code_url`): `[@a; @b]`
//! prints one bracket with each label linked, a theme never prints a label without an entry,
//! a section holds a paragraph and entries, highlights carry sub-bullets, seasons and
//! superscripts print, the lists stand under one heading, and venues and links print once. Every
//! check reads the PDF back (text, link annotations, glyph positions), the exports, or `cvgen
//! data`.

use std::path::Path;

use crate::common::pdf::{self, Target};
use crate::common::*;

const MULTI_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real/multi-file");
const THEMES: [&str; 3] = ["classic", "modern", "compact"];

/// The researcher's split of his bib files into preprint, conference and journal lists
/// (`P`, `C`, `J`, as his `cv.yaml` numbers them), with `extra` added to the profile.
fn lists_profile(extra: &str) -> String {
    format!(
        "name: Hanqing Zhu\n{extra}publications:\n  bib: [conf.bib, journal.bib, {{path: arxiv.bib, category: preprint}}]\n  owner: [\"Hanqing Zhu\", \"H. Zhu\"]\n  lists:\n    - {{title: Preprints, prefix: P, select: {{category: preprint}}}}\n    - {{title: Conference Papers, prefix: C, select: {{category: conference}}}}\n    - {{title: Journal Papers, prefix: J, select: {{category: journal}}}}\n"
    )
}

/// A copy of the three bib files with `profile` beside them.
fn multi_file(profile: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(MULTI_FILE), dir.path(), &["profile.yaml"]);
    write(dir.path(), "profile.yaml", profile);
    dir
}

/// `pdf` in `theme`; the PDF's path.
fn render(dir: &Path, theme: &str) -> std::path::PathBuf {
    let name = format!("{theme}.pdf");
    let out = cvgen(dir, &["pdf", "--theme", theme, "-o", &name]);
    assert!(out.status.success(), "{theme}: {}", stderr(&out));
    dir.join(name)
}

/// The id of the paper labelled `label` in `cvgen data`.
fn id_of(data: &serde_json::Value, label: &str) -> String {
    publications_of(data)
        .into_iter()
        .find(|p| p["label"] == label)
        .unwrap_or_else(|| panic!("no paper is labelled {label}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_citation_of_several_papers_prints_one_bracket_with_each_label_linked() {
    // The labels come from the CV itself, so the test holds whatever order the lists take.
    let dir = multi_file(&lists_profile(""));
    let data = data(dir.path());
    let (c1, c2, c3, j2) = (id_of(&data, "C1"), id_of(&data, "C2"), id_of(&data, "C3"), id_of(&data, "J2"));
    // Written out of order, with a repeat: printed in the lists' order, the run compressed.
    let summary = format!("summary: \"Photonic accelerators [@{j2}; @{c3}; @{c1}; @{c2}; @{c3}].\"\n");
    write(dir.path(), "profile.yaml", &lists_profile(&summary));
    let data = crate::common::data(dir.path());
    let summary = data["sections"].as_array().unwrap().iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(summary["text"], "Photonic accelerators [C1–C3, J2].");
    for theme in THEMES {
        let path = render(dir.path(), theme);
        if theme == "compact" {
            // compact shows the newest conference papers only: C1 and C2 print their fallback,
            // never a bare label without an entry.
            let text = pdf_text(&path);
            let summary = text.split("PREPRINTS").next().unwrap_or_default();
            assert!(!summary.contains("C1") && !summary.contains("C2"), "{summary}");
            continue;
        }
        assert_has(&pdf_text(&path), "Photonic accelerators [C1–C3, J2].");
        let internal: Vec<_> =
            pdf::links(&path).into_iter().filter(|l| matches!(l.target, Target::Page { .. })).collect();
        for (label, title) in [("C1", title_of(&data, &c1)), ("C3", title_of(&data, &c3)), ("J2", title_of(&data, &j2))]
        {
            let link = internal
                .iter()
                .find(|l| pdf::text_in(&path, l).starts_with(label))
                .unwrap_or_else(|| panic!("{theme}: no link on {label}: {internal:?}"));
            let entry = pdf::find(&path, &title);
            assert_eq!(entry.len(), 1, "{theme}: `{title}` is printed once");
            let Target::Page { page, top } = link.target else { unreachable!() };
            assert_eq!(page, entry[0].0, "{theme}: {label} leads to page {page}");
            let top = top.expect("the destination has a position");
            assert!(top >= entry[0].1 && top - entry[0].1 < 40.0, "{theme}: {label} opens at {top}, not at {title}");
        }
        // `C2` is inside the run: no label of its own, so no link of its own.
        assert!(!internal.iter().any(|l| pdf::text_in(&path, l).starts_with("C2")), "{theme}");
    }
}

/// The first words of the title of the paper `id`, as the PDF prints them.
fn title_of(data: &serde_json::Value, id: &str) -> String {
    let p = publications_of(data).into_iter().find(|p| p["id"] == id).unwrap();
    p["title"].as_str().unwrap().split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

#[test]
fn anything_but_keys_in_a_citation_is_a_located_error() {
    let dir = multi_file(&lists_profile("summary: \"As shown [see @zhu2024lightening, p. 3].\"\n"));
    let out = cvgen(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: `[see @zhu2024lightening, p. 3]` is not a citation cvgen can print\n  ┌─ profile.yaml:2:21\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("= hint: write `[@a; @b]`; put a prefix (`see`) or a locator (`p. 3`) outside the brackets"),
        "{err}"
    );
}

#[test]
fn adjacent_citations_stay_as_written() {
    let dir = multi_file(&lists_profile(""));
    let data = data(dir.path());
    let (c1, c2) = (id_of(&data, "C1"), id_of(&data, "C2"));
    write(dir.path(), "profile.yaml", &lists_profile(&format!("summary: \"Both [@{c2}], [@{c1}].\"\n")));
    let data = crate::common::data(dir.path());
    let summary = data["sections"].as_array().unwrap().iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(summary["text"], "Both [C2], [C1].");
}

#[test]
fn the_compact_theme_prints_no_label_without_an_entry() {
    // One list of all fourteen papers: the compact theme shows the selected ones (or, with none,
    // the newest eight); the 2021 papers are neither, so a citation of one prints its short title
    // and year, never a label.
    let profile = |summary: &str| {
        format!(
            "name: Hanqing Zhu\n{summary}publications:\n  bib: [conf.bib, journal.bib, {{path: arxiv.bib, category: preprint}}]\n  owner: [\"Hanqing Zhu\", \"H. Zhu\"]\n"
        )
    };
    let dir = multi_file(&profile(""));
    let label = |key: &str| -> String {
        let data = crate::common::data(dir.path());
        publications_of(&data).into_iter().find(|p| p["key"] == key).unwrap()["label"].as_str().unwrap().to_owned()
    };
    let (l2ight, lightening) = (label("gu2021l2ight"), label("zhu2024lightening"));
    write(
        dir.path(),
        "profile.yaml",
        &profile("summary: \"On-chip learning [@gu2021l2ight] and more [@gu2021l2ight; @zhu2024lightening].\"\n"),
    );
    let text = squash(&pdf_text(&render(dir.path(), "compact")));
    assert!(text.contains(&squash("On-chip learning L2ight, 2021 and more")), "{text}");
    assert!(text.contains(&squash(&format!("[L2ight, 2021, {lightening}]"))), "{text}");
    assert!(!text.contains(&format!("{l2ight}]")) && !text.contains(&format!("[{l2ight}")), "{text}");
    assert!(!text.contains("L2ight:Enabling"), "the compact theme shows the 2021 paper: {text}");
    // The full themes show the paper: its label.
    let text = squash(&pdf_text(&render(dir.path(), "classic")));
    assert!(text.contains(&squash(&format!("On-chip learning [{l2ight}] and more"))), "{text}");
}

#[test]
fn venues_print_their_year_once_and_the_badge_never_repeats_the_venue() {
    let dir = multi_file(&lists_profile(""));
    for theme in ["classic", "compact"] {
        let text = squash(&pdf_text(&render(dir.path(), theme)));
        assert!(!text.contains("(HPCA),2024"), "{theme}: the year is printed twice: {text}");
        assert!(!text.contains("arXivarXivpreprintarXiv:2406.05250"), "{theme}: {text}");
    }
    let text = squash(&pdf_text(&render(dir.path(), "classic")));
    assert!(
        text.contains(&squash(
            "2024 IEEE International Symposium on High-Performance Computer Architecture (HPCA), pp. 686–703"
        )),
        "{text}"
    );
    let out = cvgen(dir.path(), &["export", "--format", "markdown"]);
    let markdown = stdout(&out);
    assert!(markdown.contains("(HPCA)*, pp."), "{markdown}");
    assert!(!markdown.contains("(HPCA)*, 2024"), "{markdown}");
}

#[test]
fn one_link_per_target_labelled_by_where_it_points() {
    let dir = multi_file(&lists_profile(""));
    let path = render(dir.path(), "classic");
    let uris: Vec<String> = pdf::links(&path)
        .into_iter()
        .filter_map(|l| match l.target {
            Target::Uri(uri) => Some(uri),
            Target::Page { .. } => None,
        })
        .collect();
    // APOLLO's `url` has a malformed id (`2412.05270O`); its venue names the valid one.
    assert_eq!(uris.iter().filter(|u| u.contains("arxiv.org/abs/2412.05270")).count(), 1, "{uris:?}");
    assert!(!uris.iter().any(|u| u.contains("05270O")), "{uris:?}");
    let data = data(dir.path());
    let labels = |key: &str| -> Vec<String> {
        let p = publications_of(&data).into_iter().find(|p| p["key"] == key).unwrap();
        p["links"].as_array().unwrap().iter().map(|l| l["label"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(labels("zhu2024apollo"), ["arXiv", "Code"]);
    // The ICCV paper's link is the CVF page: a paper, not a "URL".
    assert_eq!(labels("gu2021towards"), ["Paper"]);
    let text = pdf_text(&path);
    assert!(!text.contains("URL"), "{text}");
}

#[test]
fn the_table_casing_and_the_profile_name_of_a_venue() {
    // A Google Scholar export lowercases venues ("Acs Photonics"); a test construct in that shape.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "refs.bib",
        "@article{lovelace1843photonic,\n  title={A photonic engine},\n  author={Lovelace, Ada},\n  journal={Acs Photonics},\n  volume={10},\n  year={2023},\n  publisher={ACS Publications}\n}\n\n@inproceedings{lovelace1842engine,\n  title={An analytical engine},\n  author={Lovelace, Ada},\n  booktitle={Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},\n  year={2022}\n}\n",
    );
    write(
        dir.path(),
        "profile.yaml",
        "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [\"Ada Lovelace\"]\n  venues:\n    \"*Computer Vision and Pattern Recognition*\": {name: \"IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)\"}\n",
    );
    let data = data(dir.path());
    let venue = |key: &str| publications_of(&data).into_iter().find(|p| p["key"] == key).unwrap()["venue"].clone();
    assert_eq!(venue("lovelace1843photonic"), "ACS Photonics");
    assert_eq!(venue("lovelace1842engine"), "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)");
    let text = pdf_text(&render(dir.path(), "classic"));
    assert_has(&text, "ACS Photonics, 2023, vol. 10");
    assert_has(&text, "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2022");
}

/// A profile with a custom section holding a paragraph and entries, a highlight with
/// sub-bullets, season dates and a superscript.
const STRUCTURE: &str = r#"name: Ada Lovelace
experience:
  - position: Translator
    organization: Royal Society
    start: Fall 2022
    end: Spring 2023
    highlights:
      - Ranked 2^nd^/57 in the \^ contest
      - text: "Wrote the Notes:"
        items: ["Note A on the engine", "Note G on *Bernoulli numbers*"]
sections:
  - title: Outreach
    text: Talks for a general audience, listed by date.
    entries:
      - title: Lecture on the engine
        date: Summer 2023
"#;

#[test]
fn a_section_holds_a_paragraph_and_entries_and_highlights_hold_sub_bullets() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", STRUCTURE);
    for theme in THEMES {
        let path = render(dir.path(), theme);
        let text = pdf_text(&path);
        let flat = squash(&text);
        let (intro, entry) = (flat.find("Talksforageneralaudience"), flat.find("Lectureontheengine"));
        assert!(intro.is_some() && entry.is_some() && intro < entry, "{theme}: paragraph, then entries: {text}");
        let at = |s: &str| flat.find(s).unwrap_or_else(|| panic!("{theme}: no {s} in {text}"));
        assert!(at("WrotetheNotes:") < at("NoteAontheengine") && at("NoteAontheengine") < at("NoteGon"), "{theme}");
        assert_has(&text, "Fall 2022 – Spring 2023");
        assert_has(&text, "Summer 2023");
        assert_has(&text, "Ranked 2nd/57 in the ^ contest");
        // The sub-bullets are indented under their line.
        let glyphs = pdf::glyphs(&path);
        let x = |s: &str| pdf::find_glyphs(&glyphs, s)[0][0].x;
        assert!(x("Note A") > x("Wrote the") + 3.0, "{theme}: the sub-bullet is not indented");
        // `nd` is raised above the line of `2`.
        let raised = &pdf::find_glyphs(&glyphs, "2nd/57")[0];
        assert!(raised[1].y > raised[0].y + 1.0, "{theme}: `nd` is not a superscript: {raised:?}");
    }
    let markdown = stdout(&cvgen(dir.path(), &["export", "--format", "markdown", "--all"]));
    assert!(
        markdown.contains("  - Wrote the Notes:\n    - Note A on the engine\n    - Note G on *Bernoulli numbers*\n"),
        "{markdown}"
    );
    assert!(markdown.contains("Ranked 2<sup>nd</sup>/57"), "{markdown}");
    assert!(markdown.contains("Talks for a general audience, listed by date.\n"), "{markdown}");
    let html = stdout(&cvgen(dir.path(), &["export", "--format", "html"]));
    assert!(
        html.contains("<li>Wrote the Notes:<ul><li>Note A on the engine</li><li>Note G on <em>Bernoulli numbers</em></li></ul></li>"),
        "{html}"
    );
    assert!(html.contains("<p>Talks for a general audience, listed by date.</p>"), "{html}");
}

#[test]
fn seasons_print_in_the_language_of_the_cv() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", &format!("locale: de\n{STRUCTURE}"));
    let text = pdf_text(&render(dir.path(), "classic"));
    assert_has(&text, "Herbst 2022 – Frühjahr 2023");
    assert_has(&text, "Sommer 2023");
    write(dir.path(), "profile.yaml", &STRUCTURE.replace("Fall 2022", "Fal 2022"));
    let out = cvgen(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: invalid date: `Fal 2022` is not a date\n"), "{}", stderr(&out));
}

#[test]
fn a_section_with_items_and_entries_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "profile.yaml",
        "name: Ada Lovelace\nsections:\n  - title: Outreach\n    items: [A line]\n    entries:\n      - title: An entry\n",
    );
    let out = cvgen(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .starts_with("error: the section `Outreach` has both `items:` and `entries:`\n  ┌─ profile.yaml:4:12\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn grouped_lists_print_the_publications_title_once() {
    let profile = lists_profile("").replace("  lists:\n", "  title: Publications\n  group_lists: true\n  lists:\n");
    let dir = multi_file(&profile);
    for theme in THEMES {
        let text = pdf_text(&render(dir.path(), theme));
        let lower = squash(&text).to_lowercase();
        assert_eq!(lower.matches("publications").count(), 1, "{theme}: {text}");
        let at = |s: &str| lower.find(s).unwrap_or_else(|| panic!("{theme}: no {s}"));
        assert!(at("publications") < at("preprints") && at("preprints") < at("conferencepapers"), "{theme}");
        assert!(at("conferencepapers") < at("journalpapers"), "{theme}");
    }
    let markdown = stdout(&cvgen(dir.path(), &["export", "--format", "markdown"]));
    assert!(markdown.contains("## Publications\n"), "{markdown}");
    assert!(markdown.contains("### Conference Papers\n"), "{markdown}");
}

#[test]
fn the_schema_knows_the_new_keys() {
    let dir = tempfile::tempdir().unwrap();
    let schema = stdout(&cvgen(dir.path(), &["schema"]));
    for key in ["\"group_lists\"", "NestedBullet", "[Ff][Aa][Ll][Ll]"] {
        assert!(schema.contains(key), "{key} is not in the schema");
    }
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let venue = &schema["$defs"]["VenueSetting"]["properties"];
    assert!(venue.get("name").is_some(), "{venue}");
}

#[test]
fn a_hidden_list_leaves_no_label_behind() {
    // `hide` leaves the conference list out of the document: its papers are cited by short
    // title and year (a warning says so), and the PDF has no link to a missing entry.
    let profile = lists_profile(
        "summary: \"See [@gu2021l2ight; @zhu2024lightening] and [@zhu2022fuse].\"\nhide: [conference-papers]\n",
    );
    let dir = multi_file(&profile);
    let data = data(dir.path());
    let summary = data["sections"].as_array().unwrap().iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(summary["text"], "See [L2ight, 2021, Lightening-transformer, 2024] and Fuse and mix, 2022.");
    for theme in THEMES {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme, "-o", "cv.pdf"]);
        assert_eq!(out.status.code(), Some(0), "{theme}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("warning: `zhu2022fuse` is cited but no publication list shows it"),
            "{}",
            stderr(&out)
        );
        assert_has(&pdf_text(&dir.path().join("cv.pdf")), "See [L2ight, 2021, Lightening-transformer, 2024]");
    }
}
