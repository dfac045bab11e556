//! Several publication lists and citations of the owner's papers, end to end, on a CV shaped like
//! a hand-made faculty-application CV (`tests/fixtures/lists/`): representative papers `[I…]`,
//! then conference `[C…]` and journal `[J…]` papers without repeats, honors and experience that
//! cite papers by label, rich text. Every check reads the PDF back (text, fonts, link
//! annotations) in each theme, or `cvgen data`.

use std::path::Path;

use crate::common::pdf::{self, Target};
use crate::common::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lists");
const THEMES: [&str; 3] = ["classic", "modern", "compact"];

/// The papers in the order the three lists print them, with their labels: the selected papers
/// newest first, then the other conference and journal papers (the workshop paper is in no list).
const EXPECTED: [(&str, &str); 12] = [
    ("I4", "The Path Not Taken: RLVR Provably Learns Off the Principals"),
    ("I3", "Can Test-Time Scaling Improve World Foundation Model?"),
    ("I2", "APOLLO: SGD-like Memory, AdamW-level Performance"),
    ("I1", "PACE: Pacing Operator Learning to Accurate Optical Field Simulation"),
    ("C5", "Lightening-Transformer: A Dynamically-operated"),
    ("C4", "Pre-RMSNorm and Pre-CRMSNorm transformers"),
    ("C3", "Sub-micron Ultracold Neutron Position Resolution"),
    ("C2", "Fuse and mix: MACAM-enabled analog activation"),
    ("C1", "ADEPT: Automatic differentiable design of photonic tensor cores"),
    ("J3", "Elight: toward efficient and aging-resilient"),
    ("J2", "SqueezeLight: A multi-operand ring-based"),
    ("J1", "Light in ai: toward efficient neurocomputing"),
];

/// A temporary copy of the fixture.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path(), &[]);
    dir
}

/// Typesets the fixture in `theme` to `<theme>.pdf` and gives its path.
fn render(dir: &Path, theme: &str) -> std::path::PathBuf {
    let out_name = format!("{theme}.pdf");
    let out = cvgen(dir, &["pdf", "--theme", theme, "-o", &out_name]);
    assert!(out.status.success(), "{theme}: {}", stderr(&out));
    dir.join(out_name)
}

#[test]
fn three_lists_print_every_paper_once_under_its_label_in_order() {
    let dir = fixture();
    for theme in THEMES {
        let text = squash(&pdf_text(&render(dir.path(), theme)));
        let mut last = 0;
        for (label, title) in EXPECTED {
            let title = squash(title);
            let found: Vec<usize> = text.match_indices(&title).map(|(at, _)| at).collect();
            assert_eq!(found.len(), 1, "{theme}: `{title}` is printed {} times", found.len());
            let at = found[0];
            assert!(at > last, "{theme}: `{title}` is out of order");
            // The label stands just before the title (modern puts the year between them).
            let before: String = text[..at].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            assert!(before.contains(label), "{theme}: `{title}` is not labelled {label}: …{before}");
            last = at;
        }
        for heading in ["Representative Publications", "Conference Papers", "Journal Papers"] {
            assert!(text.to_lowercase().contains(&squash(heading).to_lowercase()), "{theme}: no {heading}");
        }
        assert!(!text.contains("Dota:"), "{theme}: the workshop paper is in no list");
    }
}

#[test]
fn citations_print_the_label_and_link_to_the_entry() {
    let dir = fixture();
    for theme in THEMES {
        let path = render(dir.path(), theme);
        let text = squash(&pdf_text(&path));
        assert!(text.contains(&squash("Outstanding Paper Award, Honorable Mention [I2]")), "{theme}: {text}");
        assert!(text.contains(&squash("such as APOLLO [I2], an optimizer")), "{theme}");
        assert!(text.contains(&squash("training: APOLLO [I2], code, integrated in transformers")), "{theme}");

        let entry = pdf::find(&path, "APOLLO: SGD-like Memory");
        assert_eq!(entry.len(), 1, "{theme}: the entry is printed once");
        let (entry_page, entry_y) = entry[0];
        let internal: Vec<_> =
            pdf::links(&path).into_iter().filter(|l| matches!(l.target, Target::Page { .. })).collect();
        let cites: Vec<_> = internal.iter().filter(|l| pdf::text_in(&path, l).starts_with("[I2]")).collect();
        // Summary, the experience's `papers`, its highlight, the honor: four citations.
        assert_eq!(cites.len(), 4, "{theme}: {internal:?}");
        for link in cites {
            let Target::Page { page, top } = link.target else { unreachable!() };
            assert_eq!(page, entry_page, "{theme}: a citation on page {} leads to page {page}", link.page);
            let top = top.expect("the destination has a position");
            assert!(
                top >= entry_y && top - entry_y < 40.0,
                "{theme}: the view opens at {top}, the entry's title is at {entry_y}"
            );
        }
    }
}

#[test]
fn markdown_bold_italic_and_code_are_runs_in_those_fonts() {
    let dir = fixture();
    for theme in THEMES {
        let runs = pdf::runs(&render(dir.path(), theme));
        let bold: String = runs.iter().filter(|r| r.is_bold()).map(|r| squash(&r.text)).collect();
        let regular: String = runs.iter().filter(|r| !r.is_bold()).map(|r| squash(&r.text)).collect();
        assert!(bold.contains("efficientandscalableAI"), "{theme}: bold runs: {bold}");
        assert!(regular.contains("Idevelop"), "{theme}");
        assert!(regular.contains("Memory-efficientLLMtraining:"), "{theme}");
        assert!(!bold.contains("Memory-efficientLLMtraining"), "{theme}: only **…** is bold");
        let italic: String = runs.iter().filter(|r| r.font.contains("Italic")).map(|r| squash(&r.text)).collect();
        assert!(italic.contains("APOLLO") && !italic.contains("suchas"), "{theme}: italic runs: {italic}");
        let mono: String = runs.iter().filter(|r| r.font.contains("Mono")).map(|r| squash(&r.text)).collect();
        assert_eq!(mono, "transformers", "{theme}: `code` is the only monospace text");
    }
}

#[test]
fn markdown_links_are_web_links() {
    let dir = fixture();
    let path = render(dir.path(), "classic");
    let links = pdf::links(&path);
    for (text, uri) in
        [("code", "https://github.com/zhuhanqing/APOLLO"), ("github.com/zhuhanqing", "https://github.com/zhuhanqing")]
    {
        let link = links
            .iter()
            .find(|l| {
                l.target == Target::Uri(uri.to_owned()) && squash(&pdf::text_in(&path, l)).starts_with(&squash(text))
            })
            .unwrap_or_else(|| panic!("no link `{text}` to {uri}: {links:?}"));
        assert_eq!(link.page, 1);
    }
}

#[test]
fn data_has_spans_and_a_plain_form() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = json["sections"].as_array().unwrap().iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(
        summary["text"],
        "I develop efficient and scalable AI algorithms and systems, such as APOLLO [I2], an optimizer with \
         SGD-like memory and AdamW-level performance. Code: github.com/zhuhanqing."
    );
    let spans = summary["text_spans"].as_array().unwrap();
    assert_eq!(spans[1], serde_json::json!({"text": "efficient and scalable AI", "strong": true}));
    assert_eq!(spans[3], serde_json::json!({"text": "APOLLO", "emph": true}));
    assert_eq!(
        spans[5],
        serde_json::json!({"text": "[I2]", "cite": "zhu2025apollo", "target": "pub-zhu2025apollo", "fallback": "APOLLO, 2025"})
    );
    let ids: Vec<&str> = json["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["summary", "experience", "representative-publications", "conference-papers", "journal-papers", "honors"]
    );
    let experience = json["sections"].as_array().unwrap().iter().find(|s| s["id"] == "experience").unwrap();
    assert_eq!(experience["entries"][0]["papers"][0]["text"], "[I2]");
}

#[test]
fn a_cited_paper_no_list_shows_prints_its_short_title_with_a_warning() {
    let dir = fixture();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let profile = profile.replace(
        "  - title: MLSys Student Travel Award\n",
        "  - title: MLSys Student Travel Award (workshop paper [@zhu2023dota])\n",
    );
    write(dir.path(), "profile.yaml", &profile);
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = profile.lines().position(|l| l.contains("@zhu2023dota")).unwrap() + 1;
    let column = profile.lines().nth(line - 1).unwrap().find("zhu2023dota").unwrap() + 1;
    assert_has(&stderr(&out), "warning: `zhu2023dota` is cited but no publication list shows it");
    assert_has(&stderr(&out), &format!("profile.yaml:{line}:{column}"));
    assert_has(&pdf_text(&dir.path().join("cv.pdf")), "(workshop paper Dota, 2023)");
}

#[test]
fn an_unknown_citation_is_an_error_at_its_place_with_the_closest_key() {
    let dir = fixture();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let profile = profile.replace("[@zhu2025apollo]\n    organization", "[@zhu2025apolo]\n    organization");
    write(dir.path(), "profile.yaml", &profile);
    let line = profile.lines().position(|l| l.contains("@zhu2025apolo]")).unwrap() + 1;
    let column = profile.lines().nth(line - 1).unwrap().find("zhu2025apolo]").unwrap() + 1;
    for verb in ["check", "pdf"] {
        let out = cvgen(dir.path(), &[verb]);
        assert_eq!(out.status.code(), Some(1), "{verb}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("error: unknown citation key `zhu2025apolo`"), "{verb}: {err}");
        assert!(err.contains(&format!("profile.yaml:{line}:{column}")), "{verb}: {err}");
        assert!(err.contains("did you mean `zhu2025apollo`?"), "{verb}: {err}");
    }
    assert!(!dir.path().join("cv.pdf").exists(), "no CV with an unknown citation");
}

#[test]
fn the_profile_guide_example_is_a_profile_cvgen_reads() {
    let yaml = fenced_block("docs/profile.md", "## Several publication lists", "yaml");
    let dir = fixture();
    std::fs::rename(dir.path().join("papers.bib"), dir.path().join("refs.bib")).unwrap();
    write(dir.path(), "profile.yaml", &format!("name: Hanqing Zhu\n{}", yaml.replace(" …", ".")));
    let out = cvgen(dir.path(), &["check", "--deny-warnings"]);
    let err = stderr(&out);
    // The fixture's al-folio `pdf = {file.pdf}` fields are warned about; nothing else.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().filter(|l| l.starts_with("warning") || l.starts_with("error")).all(|l| l.contains("`pdf` of")),
        "{err}"
    );
    let out = cvgen(dir.path(), &["data"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = json["sections"].as_array().unwrap().iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(summary["text"], "Memory-efficient training with APOLLO [I2].");
}

#[test]
fn two_entries_with_one_key_are_cited_by_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/real/multi-file"), dir.path(), &[]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let profile = format!(
        "{profile}  numbering: by_type\nsummary: ELight at ASP-DAC [@zhu2022elight-1], extended in TCAD [@zhu2022elight-2].\n"
    );
    write(dir.path(), "profile.yaml", &profile);
    let json = data(dir.path());
    let sections = json["sections"].as_array().unwrap();
    let label = |venue_part: &str| {
        let p = publications_of(&json)
            .into_iter()
            .find(|p| p["key"] == "zhu2022elight" && p["venue"].as_str().unwrap_or_default().contains(venue_part))
            .unwrap_or_else(|| panic!("no zhu2022elight in {venue_part}"));
        (p["label"].as_str().unwrap().to_owned(), p["id"].as_str().unwrap().to_owned())
    };
    let (conference, conference_id) = label("ASP-DAC");
    let (journal, journal_id) = label("Transactions");
    assert_eq!((conference_id.as_str(), journal_id.as_str()), ("zhu2022elight", "zhu2022elight-2"));
    assert!(conference.starts_with('C') && journal.starts_with('J'), "{conference} {journal}");
    let summary = sections.iter().find(|s| s["id"] == "summary").unwrap();
    assert_eq!(
        summary["text"].as_str().unwrap(),
        format!("ELight at ASP-DAC [{conference}], extended in TCAD [{journal}].")
    );
    // `cvgen bib` writes the second under the id the citation used.
    let out = cvgen(dir.path(), &["bib", "-o", "-"]);
    assert!(stdout(&out).contains("{zhu2022elight-2,"), "{}", stdout(&out));
}
