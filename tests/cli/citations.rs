//! Citation counts from a local file (`publications.citations`): "cited by N" on each paper and
//! one line with the total, h-index, source and date under the publications heading, in the
//! model, in every theme's PDF and in the exports; a malformed row is a located error, an
//! unknown key a located warning.


use crate::common::*;

const COUNTS: &str = "key,count,as_of,source\nzhu2025apollo,120,2025-11-01,Google Scholar\nzhu2024pace,35,2025-11-01,Google Scholar\ncong2025testtime,4,2025-11-01,Google Scholar\n";

/// The example CV with a citation counts file.
fn example(counts: &str) -> tempfile::TempDir {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let profile = profile.replacen(
        "  owner: [\"Hanqing Zhu\", \"H. Zhu\"]\n",
        "  owner: [\"Hanqing Zhu\", \"H. Zhu\"]\n  citations: citations.csv\n",
        1,
    );
    assert!(profile.contains("citations: citations.csv"), "the example profile changed its owner line");
    write(dir.path(), "profile.yaml", &profile);
    write(dir.path(), "citations.csv", counts);
    dir
}

#[test]
fn counts_reach_the_model_with_a_summary() {
    let dir = example(COUNTS);
    let out = cvgen(dir.path(), &["data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &data["citations"];
    assert_eq!(summary["total"], 159);
    assert_eq!(summary["h_index"], 3);
    assert_eq!(summary["papers"], 3);
    assert_eq!(summary["source"], "Google Scholar");
    assert_eq!(summary["as_of"], "November 1, 2025");
    assert_eq!(summary["as_of_iso"], "2025-11-01");
    assert_eq!(summary["text"], "Citations: 159 · h-index: 3 (Google Scholar, as of November 1, 2025)");
    assert_eq!(data["meta"]["words"]["cited_by"], "cited by {n}");
    let papers: Vec<(String, serde_json::Value)> = data["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "publications")
        .flat_map(|s| s["groups"].as_array().unwrap().iter().flat_map(|g| g["items"].as_array().unwrap().iter()))
        .map(|p| (p["key"].as_str().unwrap().to_owned(), p["cited_by"].clone()))
        .collect();
    let count = |key: &str| papers.iter().find(|(k, _)| k == key).unwrap().1.clone();
    assert_eq!(count("zhu2025apollo"), 120);
    assert_eq!(count("zhu2024lightening"), serde_json::Value::Null, "no count in the file");
}

#[test]
fn without_a_file_the_model_says_null() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let out = cvgen(dir.path(), &["data"]);
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(data["citations"], serde_json::Value::Null);
    let schema = stdout(&cvgen(dir.path(), &["schema"]));
    assert!(schema.contains("\"citations\""), "`cvgen schema` names the key");
}

#[test]
fn every_theme_prints_the_counts_and_the_summary() {
    let dir = example(COUNTS);
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme, "-o", "cv.pdf"]);
        assert_eq!(out.status.code(), Some(0), "{theme}: {}", stderr(&out));
        let text = pdf_text(&dir.path().join("cv.pdf"));
        assert_has(&text, "Citations: 159 · h-index: 3 (Google Scholar, as of November 1, 2025)");
        assert_has(&text, "cited by 120");
        assert_has(&text, "cited by 35");
        assert_eq!(squash(&text).matches("h-index").count(), 1, "{theme}: the summary is printed once");
    }
}

#[test]
fn the_exports_carry_the_counts() {
    let dir = example(COUNTS);
    let out = cvgen(dir.path(), &["export", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(
        html.contains(
            "<p class=\"citations\">Citations: 159 · h-index: 3 (Google Scholar, as of November 1, 2025)</p>"
        ),
        "{html}"
    );
    assert!(html.contains("<span class=\"cited\">cited by 120</span>"), "{html}");
    let out = cvgen(dir.path(), &["export", "--format", "markdown"]);
    assert!(stdout(&out).contains("· cited by 120\n"), "{}", stdout(&out));
}

#[test]
fn a_malformed_row_is_a_located_error_and_an_unknown_key_a_warning() {
    let dir = example("key,count,as_of\nzhu2025apollo,12O,2025-11-01\nzhu2024pace,35,2025-11-01\n");
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: `12O` is not a citation count\n  ┌─ citations.csv:2:15\n"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("cv.pdf").exists());

    let dir = example("key,count,as_of\nzhu2025apolo,12,2025-11-01\n");
    let out = cvgen(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("warning: no entry of the bibliography has the key `zhu2025apolo`\n  ┌─ citations.csv:2:1\n"),
        "{err}"
    );
    assert!(err.contains("= hint: did you mean `zhu2025apollo`?"), "{err}");
    assert!(err.contains("checked `profile.yaml` and `refs.bib` and `citations.csv`"), "{err}");

    let dir = example(COUNTS);
    std::fs::remove_file(dir.path().join("citations.csv")).unwrap();
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: cannot read citation counts `citations.csv`: file not found\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_counts_file_is_never_an_output() {
    let dir = example(COUNTS);
    for args in
        [&["pdf", "-o", "citations.csv", "--format", "pdf"][..], &["export", "--format", "html", "-o", "citations.csv"]]
    {
        let out = cvgen(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(dir.path().join("citations.csv")).unwrap(), COUNTS);
    }
}
