//! What the profile says about papers that the bibliography does not (`publications.papers`,
//! `publications.rename`), end to end on the researcher's own three bib files as his site keeps
//! them (`tests/fixtures/papers/`: Google Scholar exports without months, a bamos/cv-style fork's
//! `_venue`/`_selected`/`code_url`, one key in two files): the PDF read back in each theme, `cvgen
//! data`, `cvgen check --explain`, `cvgen coauthors` and `cvgen bib` with and without
//! `--with-profile` (read back with the `biblatex` crate, a parser independent of cvgen's).

use std::path::Path;

use crate::common::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/papers");
const THEMES: [&str; 3] = ["classic", "modern", "compact"];

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path(), &[]);
    dir
}

fn render(dir: &Path, theme: &str) -> String {
    let out_name = format!("{theme}.pdf");
    let out = cvgen(dir, &["pdf", "--theme", theme, "-o", &out_name]);
    assert!(out.status.success(), "{theme}: {}", stderr(&out));
    squash(&pdf_text(&dir.join(out_name)))
}

/// The conference papers of the list `Publications` in the order the profile decides: APOLLO by
/// its category and date from the profile, Fuse and mix (October 2022, from the profile) before
/// ELight (2022 without a month: the start of the year), L2ight before the ICCV paper (same year,
/// `order: 1`). The files alone number them Lightening C5, ELight C4, Fuse C3, ICCV C2, L2ight C1.
const CONFERENCE: [(&str, &str); 6] = [
    ("C6", "APOLLO: SGD-like Memory, AdamW-level Performance"),
    ("C5", "Lightening-transformer: A dynamically-operated"),
    ("C4", "Fuse and mix: MACAM-enabled analog activation"),
    ("C3", "ELight: Enabling efficient photonic in-memory"),
    ("C2", "L2ight: Enabling on-chip learning"),
    ("C1", "Towards memory-efficient neural networks"),
];

#[test]
fn the_profile_decides_labels_marks_names_and_notes_in_every_theme() {
    let dir = fixture();
    for theme in THEMES {
        let text = render(dir.path(), theme);
        // The profile's marks on a paper whose export has none, by position and by name.
        assert!(text.contains(&squash("Hanqing Zhu*, Zhenyu Zhang*, Wenyan Cong")), "{theme}: equal marks");
        // Co-authors as the owner writes them; the owner is still found.
        assert!(!text.contains(&squash("Ray Chen,")) && !text.contains(&squash("David Pan,")), "{theme}: renamed");
        // The badge of the profile, not the Scholar export's venue.
        assert!(text.contains("MLSys"), "{theme}: badge");
        assert!(!text.contains(&squash("arXiv preprint arXiv:2412.05270")), "{theme}: the export's venue");
        // A hidden paper is in no list.
        assert!(!text.contains("Insight:"), "{theme}: `hide: true`");
        // Both entries of the shared key, cited by `key-1` and `key-2`, and listed.
        assert!(text.contains(&squash("appeared at ASP-DAC [S2] and, extended, in TCAD [S1]")), "{theme}: {text}");
        assert!(text.contains("E2") && text.contains("E1"), "{theme}: the list of `key-1` and `key-2`");
    }
    for theme in ["classic", "modern"] {
        let text = render(dir.path(), theme);
        assert!(text.contains(&squash("Outstanding Paper Award, Honorable Mention")), "{theme}: the note");
        assert!(text.contains(&squash("David Z. Pan†, Zhangyang Wang†, and Jinwon Lee†")), "{theme}: corresponding");
        assert!(text.contains(&squash("Chenghao Feng, Zixuan Jiang, Ray T. Chen, and David Z. Pan")), "{theme}");
        assert!(text.contains(&squash("Light in AI: Toward Efficient Neurocomputing")), "{theme}: title");
        // The last list, `Publications`, holds every paper; its conference papers in order, each
        // under its label.
        let list = &text[text.to_lowercase().rfind("publications").expect("the list `Publications`")..];
        let mut last = 0;
        for (label, title) in CONFERENCE {
            let title = squash(title);
            let at = list.find(&title).unwrap_or_else(|| panic!("{theme}: no `{title}`"));
            assert!(at > last, "{theme}: `{title}` is out of order");
            // Its label stands between the previous title and this one.
            let labelled = list[..at].rfind(label).is_some_and(|l| l >= last);
            assert!(labelled, "{theme}: `{title}` is not labelled {label}");
            last = at;
        }
    }
    // Compact shows the first papers of each list: in the same order, under the same labels.
    let text = render(dir.path(), "compact");
    let list = &text[text.rfind("PUBLICATIONS").expect("the list `Publications`")..];
    let (fuse, elight) = (squash(CONFERENCE[2].1), squash(CONFERENCE[3].1));
    let fuse = list.find(&format!("C4{fuse}")).unwrap_or_else(|| panic!("compact: `C4 {fuse}` in {list}"));
    let elight = list.find(&format!("C3{elight}")).unwrap_or_else(|| panic!("compact: `C3 {elight}` in {list}"));
    assert!(fuse < elight, "compact: October 2022 before 2022 without a month");
}

#[test]
fn underscore_selected_selects_and_the_profile_wins_over_it() {
    let dir = fixture();
    let data = data(dir.path());
    // The ids of the papers a list titled `title` prints, in order.
    let ids_in = |title: &str| -> Vec<&str> {
        let section = data["sections"].as_array().unwrap().iter().find(|s| s["title"] == title);
        let groups = section.unwrap_or_else(|| panic!("the list `{title}` is printed"))["groups"].as_array().unwrap();
        groups.iter().flat_map(|g| g["items"].as_array().unwrap()).map(|p| p["id"].as_str().unwrap()).collect()
    };
    let chosen = ids_in("Representative Publications");
    for id in
        ["zhu2024apollo", "zhu2024lightening", "zhu2022fuse", "zhu2022elight", "zhu2022elight-2", "ning2024photonic"]
    {
        assert!(chosen.contains(&id), "`{id}` is selected: {chosen:?}");
    }
    assert!(!chosen.contains(&"zhu2023dota"), "`selected: false` in the profile wins over `_selected`");
    assert_eq!(ids_in("ELight"), ["zhu2022elight", "zhu2022elight-2"]);
}

#[test]
fn data_and_explain_say_which_values_came_from_the_profile() {
    let dir = fixture();
    let data = data(dir.path());
    let apollo = publications_of(&data).into_iter().find(|p| p["id"] == "zhu2024apollo").unwrap().clone();
    assert_eq!(apollo["category"], "conference");
    assert_eq!(apollo["category_rule"], "profile");
    assert_eq!(
        apollo["from_profile"],
        serde_json::json!([
            "note",
            "equal",
            "corresponding",
            "date",
            "venue",
            "short",
            "title",
            "category",
            "selected",
            "hide"
        ])
    );
    assert_eq!(apollo["year"], 2025);
    assert_eq!(apollo["venue_short"], "MLSys");
    assert_eq!(apollo["note_spans"][0]["strong"], true);
    let fuse = publications_of(&data).into_iter().find(|p| p["id"] == "zhu2022fuse").unwrap().clone();
    assert_eq!(fuse["from_profile"], serde_json::json!(["date"]));
    assert_ne!(fuse["category_rule"], "profile");

    let out = cvgen(dir.path(), &["check", "--explain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let explained = stdout(&out);
    let line = explained.lines().find(|l| l.contains("zhu2024apollo")).unwrap();
    assert!(line.contains("conference  profile; from the profile: note, equal, corresponding, date"), "{line}");
    let line = explained.lines().find(|l| l.contains("zhu2022fuse")).unwrap();
    assert!(line.ends_with("; from the profile: date"), "{line}");
}

#[test]
fn coauthors_are_listed_under_the_renamed_names() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["coauthors", "--months", "600"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    assert!(csv.contains("\"Chen, Ray T.\"") || csv.contains("Chen, Ray T."), "{csv}");
    assert!(!csv.lines().any(|l| l.contains("Chen, Ray,") || l.contains("\"Chen, Ray\"")), "{csv}");
}

#[test]
fn csl_json_and_hayagriva_print_the_renamed_names() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["export", "--format", "csl-json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["author"].as_array().cloned().unwrap_or_default())
        .map(|a| format!("{} {}", a["given"].as_str().unwrap_or_default(), a["family"].as_str().unwrap_or_default()))
        .collect();
    assert!(names.iter().any(|n| n == "Ray T. Chen") && names.iter().any(|n| n == "David Z. Pan"), "{names:?}");
    assert!(!names.iter().any(|n| n == "Ray Chen" || n == "David Pan"), "{names:?}");
    let out = cvgen(dir.path(), &["export", "--format", "hayagriva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = stdout(&out);
    let library = hayagriva::io::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let given: Vec<String> = library
        .iter()
        .flat_map(|e| e.authors().unwrap_or_default().to_vec())
        .filter(|p| p.name == "Chen")
        .filter_map(|p| p.given_name)
        .collect();
    assert!(given.iter().any(|g| g == "Ray T.") && !given.iter().any(|g| g == "Ray"), "{given:?}");
}

#[test]
fn the_default_export_ignores_the_profile_byte_for_byte() {
    let dir = fixture();
    let with = cvgen(dir.path(), &["bib", "--keep-private"]);
    assert!(with.status.success(), "{}", stderr(&with));
    // The same files under a profile without `papers:` and `rename:`.
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let start = profile.find("  rename:").unwrap();
    let end = profile.find("  lists:").unwrap();
    write(dir.path(), "plain.yaml", &format!("{}{}", &profile[..start], &profile[end..]));
    let without = cvgen(dir.path(), &["bib", "--keep-private", "--profile", "plain.yaml"]);
    assert!(without.status.success(), "{}", stderr(&without));
    assert_eq!(with.stdout, without.stdout);
    let default = cvgen(dir.path(), &["bib"]);
    let default = stdout(&default);
    assert!(
        !default.contains("Zhu*, Hanqing") && !default.contains("Outstanding"),
        "no `papers:` without `--with-profile`"
    );
}

#[test]
fn with_profile_the_export_is_an_alfolio_papers_bib() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["bib", "--with-profile"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let bib = biblatex::Bibliography::parse(&text).expect("the export reads in the biblatex crate");
    let field = |key: &str, name: &str| -> Option<String> {
        use biblatex::ChunksExt;
        bib.get(key)?.get(name).map(|chunks| chunks.format_verbatim())
    };
    assert_eq!(field("zhu2024apollo", "selected").as_deref(), Some("true"));
    assert_eq!(field("zhu2024apollo", "abbr").as_deref(), Some("MLSys"));
    assert_eq!(field("zhu2024apollo", "note").as_deref(), Some("**Outstanding Paper Award, Honorable Mention**"));
    assert_eq!(
        field("zhu2024apollo", "journal").as_deref(),
        Some("Conference on Machine Learning and Systems (MLSys)")
    );
    assert_eq!(field("zhu2024apollo", "year").as_deref(), Some("2025"));
    assert_eq!(field("zhu2024apollo", "code").as_deref(), Some("https://github.com/zhuhanqing/APOLLO"));
    let authors = field("zhu2024apollo", "author").unwrap();
    assert!(authors.starts_with("Zhu*, Hanqing and Zhang*, Zhenyu and Cong, Wenyan"), "{authors}");
    assert!(authors.contains("Pan†, David Z and Wang†, Zhangyang and Lee†, Jinwon"), "{authors}");
    let l2ight = field("gu2021l2ight", "author").unwrap();
    assert!(l2ight.contains("Ray T. Chen and David Z. Pan"), "{l2ight}");
    // al-folio's fields are kept; the fork's names are written under al-folio's.
    assert_eq!(field("zhu2022elight", "selected").as_deref(), Some("true"));
    assert_eq!(field("gu2021towards", "abbr").as_deref(), Some("ICCV"));
    assert!(!text.contains("_venue") && !text.contains("code_url") && !text.contains("_selected"), "{text}");
    assert!(field("zhu2023dota", "selected").is_none(), "`selected: false` removes the mark");
}

#[test]
fn a_bib_given_on_the_command_line_makes_unknown_papers_warnings() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["check", "--bib", "conf.bib"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: unknown paper `zhu2024apollo` in `publications.papers` (not in the bibliography `--bib` gives)"
        ),
        "{err}"
    );
    assert!(!err.contains("error: unknown paper"), "{err}");
}

#[test]
fn a_list_that_selects_nothing_is_a_warning_and_prints_no_heading() {
    let dir = fixture();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let profile = profile.replace("select: {selected: true}", "select: {selected: true, years: 1999}");
    write(dir.path(), "profile.yaml", &profile);
    let out = cvgen(dir.path(), &["pdf", "-o", "cv.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: the list `Representative Publications` selects no paper, so it is not printed"),
        "{}",
        stderr(&out)
    );
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert!(!text.contains("Representative Publications"), "{text}");
}

#[test]
fn the_schema_knows_the_new_keys() {
    let dir = fixture();
    let schema = stdout(&cvgen(dir.path(), &["schema"]));
    for key in ["\"papers\"", "\"rename\"", "\"corresponding\"", "\"order\"", "\"hide\""] {
        assert!(schema.contains(key), "`cvgen schema` names {key}");
    }
}

#[test]
fn bib_key_takes_key_1_and_key_2() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["bib", "--key", "zhu2022elight-2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("@article{zhu2022elight-2,"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("@inproceedings"), "only the second entry");
    let out = cvgen(dir.path(), &["bib", "--key", "zhu2022elight-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("@inproceedings{zhu2022elight,"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("@article"), "only the first entry");
    let out = cvgen(dir.path(), &["bib", "--key", "zhu2022elite-2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hint: did you mean `zhu2022elight-2`?"), "{}", stderr(&out));
}

#[test]
fn with_profile_an_unknown_paper_writes_nothing() {
    let dir = fixture();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &profile.replace("    zhu2022fuse:", "    zhu2022fusion:"));
    let out = cvgen(dir.path(), &["bib", "--with-profile", "-o", "papers.bib"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error: unknown paper `zhu2022fusion` in `publications.papers`"), "{err}");
    assert!(err.contains("hint: did you mean `zhu2022fuse`?"), "{err}");
    assert!(!dir.path().join("papers.bib").exists());
}
