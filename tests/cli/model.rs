//! The pure pipeline (profile + bib → model) without a process: ordering, grouping, numbering;
//! and, through the binary, that every verb reads an entry's year and selection alike.

use std::path::Path;

use cvgen::model::{self, SectionBody};
use cvgen::{bib, profile};

fn build(profile_yaml: &str, bib_text: &str) -> (model::Cv, Vec<cvgen::diag::Diagnostic>) {
    let profile = profile::parse(profile_yaml, Path::new("profile.yaml")).expect("profile parses");
    let (bibliography, mut diagnostics) = bib::parse(bib_text, Path::new("refs.bib"));
    let today = cvgen::date::Day { year: 2025, month: 11, day: 29 };
    let built = model::build(&model::Sources {
        profile: &profile,
        bibliography: &bibliography,
        citations: None,
        today,
        bib_given: false,
        bib_readable: true,
    });
    diagnostics.extend(built.entry_problems);
    (built.cv, diagnostics)
}

const BIB: &str = r"
@inproceedings{c2019, title = {Old Conf}, author = {Lovelace, Ada}, booktitle = {Proc. A}, year = 2019}
@article{j2023, title = {Journal}, author = {Lovelace, Ada}, journal = {J. B}, year = 2023}
@inproceedings{w2024, title = {Workshop}, author = {Lovelace, Ada}, booktitle = {Workshop on C}, year = 2024}
@misc{p2025, title = {Preprint}, author = {Lovelace, Ada}, eprint = {2501.00001}, archiveprefix = {arXiv}, year = 2025}
@inproceedings{c2024, title = {New Conf}, author = {Lovelace, Ada}, booktitle = {Proc. A}, year = 2024, month = may}
";

fn labels(cv: &model::Cv) -> Vec<(String, String)> {
    cv.sections
        .iter()
        .filter_map(|s| match &s.body {
            SectionBody::Publications(list) => Some(list),
            _ => None,
        })
        .flat_map(|list| &list.groups)
        .flat_map(|g| {
            g.items.iter().map(move |p| (g.title.clone(), p.label.clone().unwrap_or_default() + " " + &p.title))
        })
        .collect()
}

#[test]
fn grouped_by_type_and_numbered_in_reverse() {
    let (cv, d) = build("name: Ada\npublications: {bib: refs.bib, owner: Ada Lovelace}\n", BIB);
    assert!(d.is_empty(), "{d:?}");
    let got = labels(&cv);
    let want = [
        ("Conference Papers", "C2 New Conf"),
        ("Conference Papers", "C1 Old Conf"),
        ("Journal Articles", "J1 Journal"),
        ("Workshop Papers", "W1 Workshop"),
        ("Preprints", "P1 Preprint"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn grouped_by_year_with_continuous_forward_numbers() {
    let profile = "name: Ada\npublications: {bib: refs.bib, owner: Ada Lovelace, group_by: year, numbering: continuous, reverse_numbering: false}\n";
    let (cv, _) = build(profile, BIB);
    let got = labels(&cv);
    let want = [
        ("2025", "1 Preprint"),
        ("2024", "2 New Conf"),
        ("2024", "3 Workshop"),
        ("2023", "4 Journal"),
        ("2019", "5 Old Conf"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn sections_follow_the_file_order_or_section_order() {
    let yaml = "name: Ada\nhonors: [{title: H}]\nsummary: S\neducation: [{degree: D, institution: I}]\n";
    let (cv, _) = build(yaml, "");
    let ids: Vec<&str> = cv.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["honors", "summary", "education"]);

    let yaml = format!("{yaml}section_order: [education, honors]\n");
    let (cv, _) = build(&yaml, "");
    let ids: Vec<&str> = cv.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["education", "honors"]);
}

#[test]
fn custom_sections_keep_their_place_and_title() {
    let yaml = "name: Ada\nsummary: S\nsections:\n  - title: Mentoring\n    items: [Bob]\n  - title: Outreach\n    entries: [{title: Talk, date: 2020}]\neducation: [{degree: D, institution: I}]\n";
    let (cv, _) = build(yaml, "");
    let titles: Vec<&str> = cv.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Summary", "Mentoring", "Outreach", "Education"]);
}

#[test]
fn annotation_past_the_author_list_is_a_located_error() {
    let bib = "@misc{k, title = {T}, author = {Lovelace, Ada and B, C},\n  author+an = {1=equal; 3=corresponding}}\n";
    let (_, d) = build("name: Ada\npublications: {bib: refs.bib, owner: Ada Lovelace}\n", bib);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message, "annotation points to author 3 but entry `k` has 2 authors");
    let span = d[0].location.as_ref().unwrap().span.clone();
    assert_eq!(&bib[span], "3=corresponding");
}

#[test]
fn selected_only_keeps_selected_entries() {
    let bib = "@misc{a, title = {A}, author = {X, Y}, selected = {true}, year = 2020}\n@misc{b, title = {B}, author = {X, Y}, year = 2021}\n";
    let (cv, _) = build("name: Ada\npublications: {bib: refs.bib, owner: Ada Lovelace, selected_only: true}\n", bib);
    let got: Vec<String> = labels(&cv).into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, ["O1 A"]);
}

/// An entry's year and selection are decided once, when it is read: the CV (`cvgen data`), the
/// lints (`cvgen check`'s future-year warning) and the export (`cvgen bib --since/--selected`)
/// agree, for an entry with only a `date` and one with both `year` and `date` (the `date` wins).
#[test]
fn check_pdf_and_bib_agree_on_years_and_selection() {
    use crate::common::*;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@article{dateonly, title = {D}, author = {Lovelace, Ada}, journal = {J}, date = {2031-05}}\n\
         @article{both, title = {B}, author = {Lovelace, Ada}, journal = {J}, year = {2019}, date = {2031-02-03}, selected = {Yes}}\n\
         @article{plain, title = {P}, author = {Lovelace, Ada}, journal = {J}, year = {2019}}\n",
    );
    // The CV.
    let data = cvgen(dir.path(), &["data"]);
    assert!(data.status.success(), "{}", stderr(&data));
    let json: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    let items = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "publications")
        .map(|s| s["groups"][0]["items"].as_array().unwrap().clone())
        .unwrap();
    let facts: Vec<(String, i64, bool)> = items
        .iter()
        .map(|p| (p["key"].as_str().unwrap().to_owned(), p["year"].as_i64().unwrap(), p["selected"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        facts,
        [("dateonly".to_owned(), 2031, false), ("both".to_owned(), 2031, true), ("plain".to_owned(), 2019, false)]
    );
    // The lints (today is 2025-11-29: 2031 is after next year).
    let check = cvgen(dir.path(), &["check"]);
    let report = stderr(&check);
    assert!(report.contains("warning: entry `dateonly` is dated 2031, after next year (2026)"), "{report}");
    assert!(report.contains("warning: entry `both` is dated 2031, after next year (2026)"), "{report}");
    assert!(!report.contains("`plain` is dated"), "{report}");
    // The export.
    let keys = |args: &[&str]| -> Vec<String> {
        let out = cvgen(dir.path(), &[&["bib"], args].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        let (bib, _) = cvgen::bib::parse(&stdout(&out), Path::new("out.bib"));
        bib.entries.iter().map(|e| e.key.clone()).collect()
    };
    assert_eq!(keys(&["--since", "2031"]), ["dateonly", "both"]);
    assert_eq!(keys(&["--until", "2019"]), ["plain"]);
    assert_eq!(keys(&["--selected"]), ["both"]);
}

#[test]
fn a_month_written_with_its_year_is_read_alike_by_the_cv_and_the_export() {
    use crate::common::*;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@article{feb, title = {F}, author = {Lovelace, Ada}, journal = {J}, year = {2024}, month = {February}}\n\
         @article{may, title = {M}, author = {Lovelace, Ada}, journal = {J}, year = {2024}, month = {May 2024}}\n",
    );
    let data = cvgen(dir.path(), &["data"]);
    assert!(data.status.success(), "{}", stderr(&data));
    let json: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    let section = json["sections"].as_array().unwrap().iter().find(|s| s["kind"] == "publications").unwrap();
    // Newest first: May before February, whatever the file's order.
    let keys: Vec<&str> =
        section["groups"][0]["items"].as_array().unwrap().iter().map(|p| p["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["may", "feb"]);
    let out = cvgen(dir.path(), &["bib", "--format", "biblatex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (bib, _) = cvgen::bib::parse(&stdout(&out), Path::new("out.bib"));
    let date =
        |key: &str| bib.entries.iter().find(|e| e.key == key).and_then(|e| e.field("date")).map(|f| f.text.clone());
    assert_eq!(date("may").as_deref(), Some("2024-05"), "{}", stdout(&out));
}

/// `cvgen watch` parses and models again only the entries an edit touched (a memo keyed on each
/// entry's text, positions relative to the entry): after text is added above an entry, what it
/// says and where its problems point must be what a fresh build says.
#[test]
fn an_edit_above_an_entry_leaves_it_as_a_fresh_build_makes_it() {
    let profile = "name: Ada\npublications: {bib: refs.bib, owner: Ada Lovelace}\n";
    let before = "@article{a, title = {First}, author = {Lovelace, Ada}, journal = {J}, year = 2020}\n\
                  @article{b, title = {Second \\foo{x}}, author = {Lovelace, Ada and Babbage, Charles},\n  \
                  author+an = {3=highlight}, journal = {J}, year = 2021}\n";
    let after = before.replacen("{First}", "{First,\n and a longer title}", 1);
    cvgen::memo::keep();
    let _ = build(profile, before);
    let (warm, warm_problems) = build(profile, &after);
    typst::comemo::evict(0);
    let (fresh, fresh_problems) = build(profile, &after);
    assert_eq!(format!("{warm:?}"), format!("{fresh:?}"));
    assert_eq!(warm_problems, fresh_problems);
    let messages: Vec<&str> = fresh_problems.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.starts_with("annotation points to author 3")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("unknown LaTeX command `\\foo`")), "{messages:?}");
    // And each points at its text in the edited file.
    for (d, text) in fresh_problems.iter().zip(["\\foo", "3"]) {
        let span = d.location.as_ref().expect("located").span.clone();
        assert!(after[span].starts_with(text), "{d:?}");
    }
}
