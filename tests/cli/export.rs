//! `cvgen export`: each format made from the export fixture (real papers, and strings made to
//! break each format) and read back with an independent parser: the JSON Resume against the real
//! JSON Resume schema (jsonschema), Markdown with a CommonMark parser (pulldown-cmark), HTML with
//! an HTML5 parser (scraper, html5ever underneath), CSL-JSON with serde_json and cvgen's own
//! CSL-JSON reader, hayagriva YAML with hayagriva. Each holds the owner's emphasis, the marks and
//! their legend, the award and the links, and prints every string as written.

use std::path::Path;

use crate::common::*;
use pulldown_cmark::HeadingLevel::H2;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The injected title, as the CV prints it.
const INJECTED: &str = "<script>alert(\"t\")</script> & “quoted” *star* _under_ | pipe ‘tick‘ {brace} $x$";

/// The profile's entry whose title is every format's markup.
const MENTORING: &str = "Undergraduate research <b>mentor</b> & *star* _under_ | pipe tick {x} $y$";

fn fixture() -> tempfile::TempDir {
    workspace(&["tests/fixtures/export/profile.yaml", "tests/fixtures/export/refs.bib"])
}

/// The export of `format` on stdout, with its stderr; it must succeed.
fn export(dir: &Path, args: &[&str]) -> (String, String) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let out = cvgen(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    (stdout(&out), stderr(&out))
}

fn validator(schema_file: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(schema_file)).unwrap()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).expect("a valid JSON Schema")
}

#[test]
fn json_resume_is_valid_against_the_schema_and_holds_the_cv() {
    let dir = fixture();
    let (text, err) = export(dir.path(), &["--format", "jsonresume"]);
    assert!(
        err.contains("warning: the JSON Resume has no place for a degree's thesis, advisors and highlights"),
        "{err}"
    );
    let resume: serde_json::Value = serde_json::from_str(&text).unwrap();
    for schema in ["tests/fixtures/export/jsonresume-schema.json", "tests/fixtures/jsonresume/schema.json"] {
        let validator = validator(schema);
        let errors: Vec<String> =
            validator.iter_errors(&resume).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{schema}: {errors:#?}\n{text}");
    }
    assert_eq!(resume["basics"]["name"], "Hanqing Zhu");
    assert_eq!(resume["basics"]["label"], "Ph.D., Electrical and Computer Engineering, UT Austin");
    let summary = resume["basics"]["summary"].as_str().unwrap();
    assert!(summary.contains("such as APOLLO [C1]."), "the citation prints its label: {summary}");
    assert!(summary.contains("Literal <script>alert(\"x\")</script> & {{ site.title }}"), "{summary}");
    let networks: Vec<&str> =
        resume["basics"]["profiles"].as_array().unwrap().iter().map(|p| p["network"].as_str().unwrap()).collect();
    assert_eq!(networks, ["GitHub", "Google Scholar", "Blog"]);
    assert_eq!(resume["work"][0]["startDate"], "2025-05");
    assert_eq!(resume["work"][0]["highlights"][1], "Led APOLLO [C1]");
    assert_eq!(resume["education"][0]["studyType"], "Ph.D.");
    assert_eq!(resume["education"][1]["endDate"], "2020");
    assert_eq!(resume["awards"][0]["title"], "Outstanding Paper Honorable Mention");
    assert_eq!(resume["volunteer"][0]["position"], "Reviewer");
    assert!(resume["volunteer"][0].get("endDate").is_none(), "an ongoing role has no end");
    let publications = resume["publications"].as_array().unwrap();
    assert_eq!(publications.len(), 3);
    let apollo = &publications[0];
    assert_eq!(apollo["name"], "APOLLO: SGD-like Memory, AdamW-level Performance");
    assert_eq!(apollo["releaseDate"], "2025-05");
    let marks = apollo["summary"].as_str().unwrap();
    assert!(marks.starts_with("Hanqing Zhu*, Zhenyu Zhang*, "), "{marks}");
    assert!(
        marks.contains("David Z. Pan†") && marks.ends_with("Award: Outstanding Paper Honorable Mention"),
        "{marks}"
    );
    assert_eq!(
        publications[1]["url"], "https://doi.org/10.1109/HPCA57654.2024.00058",
        "the DOI is the paper's address"
    );
    assert_eq!(publications[2]["name"], INJECTED);
    let projects: Vec<&str> =
        resume["projects"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(projects, ["APOLLO: memory-efficient training", MENTORING]);
}

/// An exported JSON Resume is a profile cvgen reads back: the PDF and the model from it hold the
/// same CV.
#[test]
fn json_resume_round_trips_through_cvgen() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["export", "--format", "jsonresume", "-o", "resume.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("wrote resume.json (3 publications)\n"), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["data", "--profile", "resume.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(data["person"]["name"], "Hanqing Zhu");
    let text = serde_json::to_string(&data).unwrap();
    for shown in [
        "Research Scientist Intern",
        "Meta AI",
        "The University of Texas at Austin",
        "DAC Young Fellow",
        "Reviewer",
        "APOLLO: SGD-like Memory, AdamW-level Performance",
        "github.com/zhuhanqing",
        "May – Dec 2025",
    ] {
        assert!(text.contains(shown), "missing {shown:?} in {text}");
    }
    let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json", "-o", "back.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_has(&pdf_text(&dir.path().join("back.pdf")), "Outstanding Paper Honorable Mention");
}

/// The events of a Markdown page as CommonMark reads it (front matter as metadata).
fn markdown_events(text: &str) -> Vec<Event<'_>> {
    Parser::new_ext(text, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).collect()
}

/// The text of each run of events between `start` and its end (strong, link, …).
fn texts_within(events: &[Event], start: impl Fn(&Tag) -> bool, end: TagEnd) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: Option<String> = None;
    for event in events {
        match event {
            Event::Start(tag) if depth.is_none() && start(tag) => depth = Some(String::new()),
            Event::End(e) if *e == end => {
                if let Some(text) = depth.take() {
                    out.push(text);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = &mut depth {
                    text.push_str(t);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_reads_back_with_the_owner_strong_the_marks_and_the_links() {
    let dir = fixture();
    let (text, _) = export(dir.path(), &["--format", "markdown"]);
    let events = markdown_events(&text);
    assert!(matches!(events.first(), Some(Event::Start(Tag::MetadataBlock(_)))), "{text}");
    assert!(
        !events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "no HTML gets through:\n{text}"
    );
    let all_text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak => Some(" "),
            _ => None,
        })
        .collect();
    assert!(all_text.contains(&format!("[P1] {INJECTED}. Hanqing Zhu and Ann O'Neil.")), "{all_text}");
    assert!(all_text.contains("* equal contribution · † corresponding author"), "the legend: {all_text}");
    assert!(all_text.contains("Hanqing Zhu*, Zhenyu Zhang*,"), "marks after the names: {all_text}");
    assert!(all_text.contains("David Z. Pan†, Zhangyang Wang†, and Jinwon Lee†."), "{all_text}");
    let strong = texts_within(&events, |t| matches!(t, Tag::Strong), TagEnd::Strong);
    assert_eq!(
        strong.iter().filter(|s| *s == "Hanqing Zhu").count(),
        3,
        "the owner is strong in each paper: {strong:?}"
    );
    assert!(strong.contains(&"Award: Outstanding Paper Honorable Mention".to_owned()), "{strong:?}");
    let headings = texts_within(&events, |t| matches!(t, Tag::Heading { level: H2, .. }), TagEnd::Heading(H2));
    assert_eq!(headings, ["Conference Papers", "Journal Articles", "Preprints"]);
    let links: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    for url in [
        "https://mlsys.org/virtual/2025/awards_detail",
        "https://arxiv.org/abs/2412.05270",
        "https://github.com/zhuhanqing/APOLLO",
        "https://doi.org/10.1109/HPCA57654.2024.00058",
    ] {
        assert!(links.contains(&url.to_owned()), "no link to {url}: {links:?}");
    }
    let badges: Vec<&str> =
        events.iter().filter_map(|e| if let Event::Code(c) = e { Some(c.as_ref()) } else { None }).collect();
    // The preprint's venue starts with "arXiv": no badge repeats it (docs/structure.md).
    assert_eq!(badges, ["MLSys", "TCAD"]);
}

#[test]
fn the_whole_cv_as_markdown_escapes_rich_text_and_template_tags() {
    let dir = fixture();
    let (text, _) = export(dir.path(), &["--format", "markdown", "--all"]);
    assert!(!text.contains("{{") && !text.contains("{%"), "no Liquid or Hugo tag can start:\n{text}");
    let events = markdown_events(&text);
    assert!(!events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))), "{text}");
    let all_text: String = events
        .iter()
        .filter_map(|e| if let Event::Text(t) | Event::Code(t) = e { Some(t.as_ref()) } else { None })
        .collect();
    assert!(
        all_text.contains("Literal <script>alert(\"x\")</script> & {{ site.title }} {% raw %} code|pipe."),
        "{all_text}"
    );
    assert!(all_text.contains(MENTORING), "{all_text}");
    assert!(all_text.contains("such as APOLLO [C1]."), "{all_text}");
    assert!(all_text.contains("not a link: click."), "{all_text}");
    let links: Vec<String> = events
        .iter()
        .filter_map(
            |e| if let Event::Start(Tag::Link { dest_url, .. }) = e { Some(dest_url.to_string()) } else { None },
        )
        .collect();
    assert!(links.iter().all(|l| l.starts_with("https://") || l.starts_with("mailto:")), "{links:?}");
    assert!(links.contains(&"https://example.org/blog?a=1&b=2".to_owned()), "{links:?}");
    let headings = texts_within(&events, |t| matches!(t, Tag::Heading { level: H2, .. }), TagEnd::Heading(H2));
    assert_eq!(
        headings,
        [
            "Summary",
            "Research Interests",
            "Education",
            "Experience",
            "Honors and Awards",
            "Talks",
            "Service",
            "Skills",
            "Mentoring",
            "Publications"
        ]
    );
    let strong = texts_within(&events, |t| matches!(t, Tag::Strong), TagEnd::Strong);
    assert!(strong.contains(&"efficient and scalable AI".to_owned()), "rich text keeps its looks: {strong:?}");
}

#[test]
fn html_is_one_safe_accessible_page_with_the_pdfs_content() {
    use scraper::{Html, Selector};
    let dir = fixture();
    let (text, _) = export(dir.path(), &["--format", "html"]);
    let page = Html::parse_document(&text);
    assert!(page.errors.is_empty(), "the HTML5 parser found errors: {:?}", page.errors);
    let select = |css: &str| Selector::parse(css).unwrap();
    let texts = |css: &str| page.select(&select(css)).map(|e| e.text().collect::<String>()).collect::<Vec<_>>();
    assert!(text.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{}", &text[..60]);
    assert!(page.select(&select("script")).next().is_none(), "no script element");
    assert!(page.select(&select("[onload], [onclick], [onerror]")).next().is_none());
    assert!(page.select(&select("link, img, iframe")).next().is_none(), "nothing is loaded from elsewhere");
    let style = texts("head style").join("");
    assert!(style.contains("@media print"), "a print stylesheet");
    assert_eq!(texts("head title"), ["Hanqing Zhu — Curriculum Vitae"]);
    assert_eq!(texts("header h1"), ["Hanqing Zhu"]);
    assert_eq!(
        texts("main > section > h2"),
        [
            "Summary",
            "Research Interests",
            "Education",
            "Experience",
            "Honors and Awards",
            "Talks",
            "Service",
            "Skills",
            "Mentoring",
            "Publications"
        ]
    );
    for section in page.select(&select("main > section")) {
        let labelled = section.value().attr("aria-labelledby").unwrap();
        assert!(page.select(&select(&format!("h2#{labelled}"))).next().is_some(), "{labelled}");
    }
    assert_eq!(texts("strong.owner"), ["Hanqing Zhu"; 3], "the owner is emphasised in each paper");
    assert_eq!(texts("ul.publications cite")[2], INJECTED);
    assert!(texts("section#section-summary p")[0].contains("Literal <script>alert(\"x\")</script> & {{ site.title }}"));
    assert!(
        texts("article.entry h3").iter().any(|t| t == MENTORING)
            || texts("ul.compact li").iter().any(|t| t.contains(MENTORING))
    );
    assert_eq!(texts("p.legend"), ["* equal contribution · † corresponding author"]);
    let apollo = texts("li#pub-zhu2025apollo").remove(0);
    assert!(apollo.contains("Hanqing Zhu*, Zhenyu Zhang*, Wenyan Cong"), "{apollo}");
    assert!(apollo.contains("David Z. Pan†"), "{apollo}");
    assert_eq!(texts("li#pub-zhu2025apollo sup"), ["*", "*", "†", "†", "†"]);
    assert_eq!(texts("li#pub-zhu2025apollo .award"), ["Award: Outstanding Paper Honorable Mention"]);
    assert_eq!(texts("li#pub-zhu2025apollo .badge"), ["MLSys"]);
    assert_eq!(texts("li#pub-zhu2025apollo .links a"), ["arXiv", "Code"]);
    // The profile's citation of the paper links to its entry.
    let cite = page.select(&select("section#section-summary a[href='#pub-zhu2025apollo']")).next().unwrap();
    assert_eq!(cite.text().collect::<String>(), "[C1]");
    for a in page.select(&select("a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(["https://", "mailto:", "#pub-"].iter().any(|s| href.starts_with(s)), "unsafe link {href}");
    }
    assert_eq!(page.select(&select("a[href='https://example.org/blog?a=1&b=2']")).count(), 1, "`&` in an attribute");
    assert!(texts("footer time")[0] == "November 29, 2025");
}

#[test]
fn csl_json_reads_back_through_cvgens_own_csl_reader() {
    let dir = fixture();
    let (text, _) = export(dir.path(), &["--format", "csl-json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(items.len(), 3);
    for item in &items {
        for key in ["id", "type", "title"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
        assert!(item["author"].as_array().is_some_and(|a| a.iter().all(|n| n["family"].is_string())), "{item}");
        assert!(item["issued"]["date-parts"][0][0].is_number(), "{item}");
    }
    assert_eq!(items[0]["type"], "paper-conference");
    assert_eq!(items[0]["author"][0], serde_json::json!({"family": "Zhu", "given": "Hanqing"}), "marks are not names");
    assert_eq!(items[0]["issued"]["date-parts"], serde_json::json!([[2025, 5]]));
    assert_eq!(items[1]["type"], "article-journal");
    assert_eq!(
        (items[1]["volume"].as_str(), items[1]["issue"].as_str(), items[1]["page"].as_str()),
        (Some("43"), Some("2"), Some("686–703"))
    );
    assert_eq!(items[1]["DOI"], "10.1109/HPCA57654.2024.00058");
    assert_eq!(items[2]["title"], INJECTED);

    // Read back as a bibliography, every field is the original's.
    let original = std::fs::read_to_string(dir.path().join("refs.bib")).unwrap();
    let (original, _) = cvgen::bib::parse(&original, Path::new("refs.bib"));
    let (back, problems) = cvgen::bib::parse(&text, Path::new("out.json"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.entries.len(), 3);
    for (a, b) in original.entries.iter().zip(&back.entries) {
        assert_eq!(a.key, b.key);
        assert_eq!((a.year, a.month), (b.year, b.month), "{}", a.key);
        // `howpublished` is CSL's container, read back as `journal`: the CV shows the same venue.
        for field in ["title", "booktitle", "journal", "volume", "number", "pages", "doi", "note"] {
            let (x, y) = (a.text(field), b.text(field));
            if x.is_some() {
                assert_eq!(x, y, "{} {field}", a.key);
            }
        }
        let names = |e: &cvgen::bib::BibEntry| {
            e.typed.author().unwrap().iter().map(|p| p.name.trim_end_matches(['*', '†']).to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(names(a), names(b), "{}", a.key);
    }
    let shown = |bib: &cvgen::bib::Bibliography| {
        cvgen::model::publications::read(None, bib)
            .into_iter()
            .map(|p| (p.title, p.venue, p.year, p.details, p.authors.into_iter().map(|a| a.name).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&back), shown(&original), "the CV shows the same papers");
}

#[test]
fn hayagriva_reads_back_with_hayagriva() {
    let dir = fixture();
    let (text, _) = export(dir.path(), &["--format", "hayagriva"]);
    let library = hayagriva::io::from_yaml_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(library.keys().collect::<Vec<_>>(), ["zhu2025apollo", "zhu2024lightening", "inject2025"]);
    let apollo = library.get("zhu2025apollo").unwrap();
    assert_eq!(apollo.title().unwrap().value.to_str(), "APOLLO: SGD-like Memory, AdamW-level Performance");
    let authors = apollo.authors().unwrap();
    assert_eq!((authors[0].name.as_str(), authors[0].given_name.as_deref()), ("Zhu", Some("Hanqing")));
    assert_eq!(authors[7].name, "Pan", "marks are not names");
    let date = apollo.date().unwrap();
    assert_eq!((date.year, date.month), (2025, Some(4)), "hayagriva counts months from 0");
    assert_eq!(apollo.keyed_serial_number("arxiv"), Some("2412.05270"));
    assert_eq!(
        apollo.parents()[0].title().unwrap().value.to_str(),
        "Conference on Machine Learning and Systems (MLSys)"
    );
    let journal = library.get("zhu2024lightening").unwrap();
    assert_eq!(journal.keyed_serial_number("doi"), Some("10.1109/HPCA57654.2024.00058"));
    assert_eq!(
        journal.parents()[0].title().unwrap().value.to_str(),
        "IEEE Transactions on Computer-Aided Design (TCAD)"
    );
    let injected = library.get("inject2025").unwrap();
    assert_eq!(injected.title().unwrap().value.to_str(), INJECTED, "a title prints as written, `$` and all");
}

#[test]
fn outputs_are_written_atomically_and_never_over_an_input() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["export", "--format", "html", "-o", "cv.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("wrote cv.html (3 publications)\n"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.path().join("cv.html")).unwrap().ends_with("</html>\n"));
    assert_no_temp_files(dir.path());

    let out = cvgen(dir.path(), &["export", "--format", "csl-json", "-o", "-", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("[\n"));

    for input in ["refs.bib", "profile.yaml"] {
        let before = std::fs::read(dir.path().join(input)).unwrap();
        let out = cvgen(dir.path(), &["export", "--format", "markdown", "-o", input]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(&format!("error: the output `{input}` is also an input")), "{}", stderr(&out));
        assert_eq!(std::fs::read(dir.path().join(input)).unwrap(), before);
    }

    let out = cvgen(dir.path(), &["export", "--format", "html", "--all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `--all` applies to `--format markdown`\n"), "{}", stderr(&out));

    let out = cvgen(dir.path(), &["export", "-o", "x.md"]);
    assert_eq!(out.status.code(), Some(2), "the format is required");
}

#[test]
fn broken_inputs_write_nothing_unless_asked_to_keep_going() {
    let dir = fixture();
    std::fs::write(dir.path().join("cv.md"), "old").unwrap();
    let bib = std::fs::read_to_string(dir.path().join("refs.bib")).unwrap();
    std::fs::write(dir.path().join("refs.bib"), format!("{bib}\n@article{{broken, title = {{Open}}\n")).unwrap();
    let out = cvgen(dir.path(), &["export", "--format", "markdown", "-o", "cv.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: no document written: fix the errors above (`cv.md` is unchanged)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("cv.md")).unwrap(), "old");
    let out = cvgen(dir.path(), &["export", "--format", "markdown", "-o", "cv.md", "--keep-going"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.path().join("cv.md")).unwrap().contains("APOLLO"));
}

/// CSL-JSON from the entry as read, not from raw field names: which BibLaTeX and BibTeX field
/// lands in which CSL variable, over entries written as biblatex-examples and arXiv write them
/// (biblatex-examples lost 18 of 20 journals, its places and languages; talks were `article`s).
#[test]
fn csl_json_maps_biblatex_fields_where_csl_processors_read_them() {
    let dir = workspace(&["tests/fixtures/export/csl/profile.yaml", "tests/fixtures/export/csl/refs.bib"]);
    let (text, _) = export(dir.path(), &["--format", "csl-json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let item =
        |id: &str| items.iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("no item `{id}` in\n{text}")).clone();
    let table: &[(&str, &str, serde_json::Value)] = &[
        ("angenendt", "type", "article-journal".into()),
        ("angenendt", "container-title", "Revue d'Histoire Ecclésiastique".into()),
        ("angenendt", "language", "de".into()),
        ("angenendt", "page", "431–456, 791–823".into()),
        ("baez/article", "container-title", "Theory and Applications of Categories".into()),
        ("baez/article", "number", "arXiv:math/0307200v3".into()),
        ("baez/article", "URL", "https://arxiv.org/abs/math/0307200v3".into()),
        ("baez/article", "language", "en".into()),
        ("vaswani2017attention", "type", "article".into()),
        ("vaswani2017attention", "number", "arXiv:1706.03762".into()),
        ("vaswani2017attention", "URL", "https://arxiv.org/abs/1706.03762".into()),
        ("vaswani2017attention", "publisher", "arXiv".into()),
        ("aristotle:anima", "type", "book".into()),
        ("aristotle:anima", "publisher", "Cambridge University Press".into()),
        ("aristotle:anima", "publisher-place", "Cambridge".into()),
        ("aristotle:anima", "language", "en-GB".into()),
        ("geer", "type", "thesis".into()),
        ("geer", "genre", "PhD thesis".into()),
        ("geer", "publisher", "Uppsala Universitet".into()),
        ("geer", "publisher-place", "Uppsala".into()),
        ("loh", "type", "thesis".into()),
        ("loh", "genre", "Master's thesis".into()),
        ("loh", "publisher", "Massachusetts Institute of Technology".into()),
        ("loh", "publisher-place", "Cambridge, Mass.".into()),
        ("chiu", "type", "report".into()),
        ("chiu", "genre", "Research report".into()),
        ("chiu", "publisher", "IBM".into()),
        ("chiu", "number", "RC-6947".into()),
        ("almendro", "type", "patent".into()),
        ("almendro", "number", "EU-29702195U".into()),
        ("talk2024", "type", "speech".into()),
        ("talk2024", "event-place", "Austin, TX".into()),
        ("talk2024", "issued", serde_json::json!({"date-parts": [[2024, 5]]})),
    ];
    let mut wrong = Vec::new();
    for (id, variable, expected) in table {
        let found = &item(id)[*variable];
        if found != expected {
            wrong.push(format!("{id}.{variable}: {found} (expected {expected})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}\n{text}");
    // Fields CSL has no variable for stay out, and no variable holds a BibLaTeX key.
    assert!(item("vaswani2017attention").get("eprint").is_none());
    assert!(!text.contains("\"phdthesis\"") && !text.contains("\"german\""), "{text}");
}

/// Whether `url` is written as a URL parser writes it: percent-encoded, no space, `<` or `>`.
fn clean_url(url: &str) -> bool {
    !url.contains([' ', '<', '>', '\n', '"'])
        && url::Url::parse(url).is_ok_and(|u| u.as_str().trim_end_matches('/') == url.trim_end_matches('/'))
}

/// One URL rule for every output: a DOI with `<` `>` (biblatex-examples), a `URL` field holding
/// two (Nelson Beebe's TUGboat bibliography) and an address with spaces are linked encoded and
/// split in every web output; they made the JSON Resume fail both schemas and the HTML the W3C
/// validator.
#[test]
fn urls_are_encoded_and_split_in_every_output() {
    let dir = workspace(&["tests/fixtures/export/urls/profile.yaml", "tests/fixtures/export/urls/refs.bib"]);
    let doi = "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P";

    let (text, _) = export(dir.path(), &["--format", "jsonresume"]);
    let resume: serde_json::Value = serde_json::from_str(&text).unwrap();
    for schema in ["tests/fixtures/export/jsonresume-schema.json", "tests/fixtures/jsonresume/schema.json"] {
        let errors: Vec<String> =
            validator(schema).iter_errors(&resume).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{schema}: {errors:#?}\n{text}");
    }
    let urls: Vec<&str> = resume["publications"].as_array().unwrap().iter().filter_map(|p| p["url"].as_str()).collect();
    assert!(urls.contains(&doi), "{urls:?}");
    assert!(urls.contains(&"http://www.tug.org/TUGboat/Articles/tb25-1/beebe.pdf"), "{urls:?}");
    assert_eq!(resume["basics"]["url"], "https://example.org/ada%20placeholder/");

    let (html, _) = export(dir.path(), &["--format", "html"]);
    let page = scraper::Html::parse_document(&html);
    let hrefs: Vec<&str> =
        page.select(&scraper::Selector::parse("a[href]").unwrap()).filter_map(|a| a.value().attr("href")).collect();
    for href in hrefs.iter().filter(|h| !h.starts_with('#')) {
        assert!(clean_url(href), "href {href:?}");
    }
    for url in
        [doi, "http://www.tug.org/TUGboat/Articles/tb25-1/beebe.pdf", "http://www.tug.org/TUGboat/tb25-1/beebe.pdf"]
    {
        assert!(hrefs.contains(&url), "no link to {url}: {hrefs:?}");
    }

    // `check` takes each URL of a multi-URL field on its own: Beebe's two are fine.
    let check = stderr(&cvgen(dir.path(), &["check"]));
    assert!(!check.contains("`URL` of `Beebe:2004:TLI`") && !check.contains("`url` of `Beebe"), "{check}");

    let (csl, _) = export(dir.path(), &["--format", "csl-json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&csl).unwrap();
    for item in &items {
        if let Some(url) = item["URL"].as_str() {
            assert!(clean_url(url), "CSL URL {url:?}");
        }
    }
    assert_eq!(items[0]["URL"], "http://www.tug.org/TUGboat/Articles/tb25-1/beebe.pdf", "CSL takes one URL");

    let (markdown, _) = export(dir.path(), &["--format", "markdown"]);
    for (at, _) in markdown.match_indices("](") {
        let url = &markdown[at + 2..];
        let url = &url[..url.find(')').unwrap()];
        assert!(clean_url(url), "Markdown link {url:?}");
    }
    // Markdown also encodes the parentheses, which could end the link.
    assert!(markdown.contains("19:4%3C377::AID-JCC1%3E3.0.CO;2-P)"), "{markdown}");

    let out = cvgen(dir.path(), &["pdf", "-o", "cv.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for link in crate::common::pdf::links(&dir.path().join("cv.pdf")) {
        if let crate::common::pdf::Target::Uri(uri) = &link.target {
            assert!(clean_url(uri), "PDF link {uri:?}");
        }
    }
}

/// The Markdown page takes its front matter from the profile (al-folio's `layout`, `permalink`,
/// `nav`): it held only `title`, so the page was content, not a page, in al-folio and Hugo.
#[test]
fn markdown_front_matter_comes_from_the_profile() {
    let dir = fixture();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let extra = "export:\n  markdown:\n    front_matter: {layout: page, permalink: /publications/, nav: true, nav_order: 2, \"odd key\": [a, b]}\n";
    std::fs::write(dir.path().join("profile.yaml"), format!("{profile}\n{extra}")).unwrap();
    let (text, _) = export(dir.path(), &["--format", "markdown"]);
    let front = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(f, _)| f).expect("front matter");
    let yaml: serde_json::Value = serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{e}\n{front}"));
    assert_eq!(
        yaml,
        serde_json::json!({"title": "Publications", "layout": "page", "permalink": "/publications/", "nav": true,
            "nav_order": 2, "odd key": ["a", "b"]}),
        "{front}"
    );
    // A `title` there replaces the section's; an unknown key under `export` is an error.
    std::fs::write(
        dir.path().join("profile.yaml"),
        format!("{profile}\nexport: {{markdown: {{front_matter: {{title: Papers}}}}}}\n"),
    )
    .unwrap();
    let (text, _) = export(dir.path(), &["--format", "markdown"]);
    assert!(text.starts_with("---\ntitle: \"Papers\"\n---\n"), "{text}");
    std::fs::write(dir.path().join("profile.yaml"), format!("{profile}\nexport: {{markdwn: {{}}}}\n")).unwrap();
    let out = cvgen(dir.path(), &["export", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// A URL longer than a PDF link holds (Typst refuses one over 8000 bytes, and `cvgen pdf`
/// failed in the theme's source): the PDF is written with the text unlinked, and `cvgen check`
/// names the URL at its line and column (issue 21, item 7).
#[test]
fn a_url_too_long_for_a_pdf_link_is_left_unlinked_and_located() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("https://example.org/{}", "b".repeat(9000));
    write(
        dir.path(),
        "profile.yaml",
        "name: Ada Placeholder\npublications:\n  bib: refs.bib\n  owner: Ada Placeholder\n",
    );
    write(
        dir.path(),
        "refs.bib",
        &format!("@misc{{a, author = {{Placeholder, Ada}}, title = {{Long}}, year = 2024, url = {{{long}}}}}\n"),
    );
    let out = cvgen(dir.path(), &["pdf", "-o", "cv.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pdf_text(&dir.path().join("cv.pdf")).contains("Long"));
    for link in crate::common::pdf::links(&dir.path().join("cv.pdf")) {
        if let crate::common::pdf::Target::Uri(uri) = &link.target {
            assert!(uri.len() <= 8000, "a link of {} bytes", uri.len());
        }
    }
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    let short: String = err.chars().filter(|c| *c != 'b').collect();
    assert!(err.contains("longer than a PDF link holds (8000 bytes)"), "{short}");
    assert!(err.contains("hint: use a shorter address for the same page"), "{short}");
    let bib = std::fs::read_to_string(dir.path().join("refs.bib")).unwrap();
    let column = bib.find("{https").unwrap() + 1;
    assert!(err.contains(&format!("refs.bib:1:{column}")), "{short}");
}

#[test]
fn a_link_an_export_cannot_make_is_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: Ada Lovelace\n");
    write(
        dir.path(),
        "refs.bib",
        "@article{k, title = {T}, author = {Lovelace, Ada}, journal = {J}, year = 2024,\n  url = {www.example.org/paper}}\n",
    );
    for format in ["html", "jsonresume", "markdown", "csl-json", "hayagriva"] {
        let out = cvgen(dir.path(), &["export", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("warning: `url` of `k` is left out of the links"), "{format}: {err}");
        assert!(err.contains("refs.bib:2:9"), "{format}: {err}");
        assert!(!stdout(&out).contains("www.example.org/paper\""), "{format}: written as a link");
    }
}
