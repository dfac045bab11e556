//! Issue 21, "nothing lost": each failure of the sweep as a case, end to end through the binary,
//! on the fixtures under `tests/fixtures/nothing-lost/` (or inputs a test makes, where the point
//! is size: a 200 KB line).

use crate::common::{cvgen, data, pdf_text, publications_of, root, squash, stderr, stdout, write};

fn fixture(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&root().join("tests/fixtures/nothing-lost").join(case), dir.path(), &[]);
    dir
}

// ---------------------------------------------------------------- LaTeX read by rule

#[test]
fn special_letters_read_as_latex_prints_them_and_the_owner_still_matches() {
    let dir = fixture("latex");
    let json = data(dir.path());
    let papers = publications_of(&json);
    let anomaly = papers.iter().find(|p| p["key"] == "hoiland2017ending").expect("the paper is listed");
    let names: Vec<&str> = anomaly["authors"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Toke Høiland-Jørgensen", "Michał Kazior", "Dave Täht", "Per Hurtig", "Anna Brunstrom"]);
    assert_eq!(anomaly["authors"][0]["owner"], true, "the owner matches again");
    assert_eq!(anomaly["note"], "First Second; C:\\data and/or & more");
    let group = papers.iter().find(|p| p["key"] == "group2020report").expect("listed");
    assert_eq!(group["authors"][0]["name"], "=Equals Group", "a group author prints as written");
    assert_eq!(group["title"], "A Report by a Group Kept", "an unknown command keeps its argument");
}

#[test]
fn an_unknown_command_is_a_located_warning() {
    let dir = fixture("latex");
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    assert!(err.contains("warning: unknown LaTeX command `\\weird` in `title` of `group2020report`"), "{err}");
    assert!(err.contains("refs.bib:14:33"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn an_inherited_unknown_command_is_said_once_at_the_parent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", crate::common::MINIMAL_PROFILE);
    let mut bib = String::from(
        "@proceedings{parent,\n  title = {Proceedings of the \\weird{Engine} Workshop},\n  year = {1843}\n}\n",
    );
    for i in 1..=3 {
        bib.push_str(&format!(
            "@inproceedings{{child{i}, author = {{Lovelace, Ada}}, title = {{Paper {i}}}, crossref = {{parent}}}}\n"
        ));
    }
    write(dir.path(), "refs.bib", &bib);
    let out = cvgen(dir.path(), &["check", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unknown: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.starts_with("unknown LaTeX command")))
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0]["message"], "unknown LaTeX command `\\weird` in `title` of `parent`");
    assert_eq!((&unknown[0]["line"], &unknown[0]["column"]), (&2.into(), &31.into()), "{:?}", unknown[0]);
    // Each child still prints the argument (the venue it inherits as `booktitle`).
    let json = data(dir.path());
    for paper in publications_of(&json).into_iter().filter(|p| p["key"] != "parent") {
        assert!(paper["venue"].as_str().is_some_and(|v| v.contains("the Engine Workshop")), "{paper}");
    }
}

// ---------------------------------------------------------------- design numbers in range

#[test]
fn design_numbers_out_of_range_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (value, hint) in [
        ("105", "did you mean 10.5?"),
        ("-5", "write a number from 6 to 20; the classic theme uses 10.5"),
        ("0", "write a number from 6 to 20"),
        (".inf", "write a number from 6 to 20"),
    ] {
        write(dir.path(), "profile.yaml", &format!("name: Ada Lovelace\ndesign:\n  font_size: {value}\n"));
        let out = cvgen(dir.path(), &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{value}: {err}");
        assert!(err.contains("error: `design.font_size` is"), "{value}: {err}");
        assert!(err.contains("outside the allowed 6 to 20 (points)"), "{value}: {err}");
        assert!(err.contains("profile.yaml:3:14"), "{value}: {err}");
        assert!(err.contains(hint), "{value}: {err}");
    }
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\ndesign:\n  margin_cm: 1e30\n");
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("outside the allowed 0.5 to 5 (centimetres)"), "{}", stderr(&out));
    assert!(!dir.path().join("cv.pdf").exists(), "no blank pages written");
}

// ---------------------------------------------------------------- rich text keeps every line

#[test]
fn lines_shaped_like_link_definitions_print_as_written() {
    let dir = fixture("rich");
    let out = cvgen(dir.path(), &["pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&pdf_text(&dir.path().join("cv.pdf")));
    assert!(text.contains(&squash("[draft]: https://example.org/notes")), "{text}");
    assert!(text.contains(&squash(": the notes on the Analytical Engine")), "{text}");
}

// ---------------------------------------------------------------- linear diagnostics

/// A bibliography of `n` entries on one line, each with a command cvgen has no rule for.
fn one_line_of_problems(n: usize) -> String {
    let mut line = String::new();
    for i in 0..n {
        line.push_str(&format!("@misc{{k{i}, title = {{Entry {i} with \\weird{{x}} in it}}, year = {{2020}}}} "));
    }
    line.push('\n');
    line
}

#[test]
fn problems_on_one_long_line_print_short_snippets_and_fold() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", crate::common::MINIMAL_PROFILE);
    write(dir.path(), "refs.bib", &one_line_of_problems(2000));
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    assert!(err.len() < 8_000, "stderr grows with the line: {} bytes", err.len());
    assert_eq!(err.matches("warning: unknown LaTeX command").count(), 3, "{err}");
    assert!(err.contains("warning: 1997 more warnings like the last on line 1 of `refs.bib`"), "{err}");
    assert!(err.lines().all(|l| l.chars().count() < 260), "a snippet line is cut: {err}");
    assert!(err.contains('…'), "{err}");
    // The JSON lists each one, with its real column.
    let json = cvgen(dir.path(), &["check", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let columns: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.starts_with("unknown LaTeX command")))
        .filter_map(|d| d["column"].as_u64())
        .collect();
    assert_eq!(columns.len(), 2000);
    let line = one_line_of_problems(2000);
    assert_eq!(columns[1999] as usize, line.rfind("\\weird").unwrap() + 1);
}

#[test]
fn thousands_of_malformed_citations_on_one_line_are_each_located() {
    let dir = tempfile::tempdir().unwrap();
    let line: String = (1..=5000).map(|i| format!("[see @lovelace1843, p. {i}] ")).collect();
    write(dir.path(), "profile.yaml", &format!("{}summary: \"{line}\"\n", crate::common::MINIMAL_PROFILE));
    write(dir.path(), "refs.bib", "@article{lovelace1843, title = {Notes}, author = {Lovelace, Ada}, year = {1843}}\n");
    let out = cvgen(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let malformed: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.ends_with("is not a citation cvgen can print")))
        .collect();
    assert_eq!(malformed.len(), 5000);
    let summary_line = 5; // after the four lines of the minimal profile
    for (i, d) in malformed.iter().enumerate() {
        let written = format!("[see @lovelace1843, p. {}]", i + 1);
        assert_eq!(d["message"], format!("`{written}` is not a citation cvgen can print"));
        assert_eq!(d["line"], summary_line, "{d}");
        // The column (from 1) of what the brackets hold; the line starts with `summary: "`.
        let column = "summary: \"".len() + line.find(&written).unwrap() + 2;
        assert_eq!(d["column"], column, "{written}: {d}");
    }
}

#[test]
fn citation_counts_cannot_overflow_and_duplicates_are_found_fast() {
    let dir = fixture("rich");
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &profile.replace("  owner:", "  citations: cites.csv\n  owner:"));
    write(
        dir.path(),
        "cites.csv",
        "key,count,as_of\nlovelace1843,10000000000000000000,2025-11-01\nother,10000000000000000000,2025-11-01\n",
    );
    let out = cvgen(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: `10000000000000000000` is not a citation count"), "{err}");
    assert!(err.contains("a paper's count is at most 1000000000"), "{err}");

    let mut rows = String::from("key,count,as_of\n");
    for _ in 0..20_000 {
        rows.push_str("lovelace1843,12,2025-11-01\n");
    }
    write(dir.path(), "cites.csv", &rows);
    let started = std::time::Instant::now();
    let out = cvgen(dir.path(), &["check", "--format", "json"]);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = list.as_array().unwrap().last().unwrap();
    assert_eq!(last["message"], "`lovelace1843` is listed twice in the citation counts (first on line 2)");
    assert_eq!(last["line"], 20_001);
}

// ---------------------------------------------------------------- write errors are errors

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_an_error_for_every_verb() {
    let dir = fixture("rich");
    let bin = env!("CARGO_BIN_EXE_cvgen");
    for args in ["data", "bib", "pdf -o -", "export --format markdown", "check --format json", "schema"] {
        let out = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("exec \"$0\" {args} >&-"))
            .arg(bin)
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1764374400")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "`{args}`: {err}");
        assert!(err.contains("error: cannot write to standard output: it is closed"), "`{args}`: {err}");
    }
}

// ---------------------------------------------------------------- one output guard

#[test]
fn no_verb_writes_over_a_file_the_project_reads() {
    let dir = fixture("rich");
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &profile.replace("  owner:", "  citations: cites.csv\n  owner:"));
    write(dir.path(), "cites.csv", "key,count,as_of\nlovelace1843,12,2025-11-01\n");
    std::fs::create_dir_all(dir.path().join("fonts")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    write(dir.path(), "fonts/X.otf", "font bytes");
    write(dir.path(), "templates/classic.typ", "// an ejected theme");
    let cases: &[(&[&str], &str)] = &[
        (&["bib", "--format", "bibtex", "-o", "cites.csv"], "the output `cites.csv` is also an input"),
        (&["bib", "--format", "bibtex", "-o", "fonts/X.otf"], "the output `fonts/X.otf` is in `fonts`"),
        (&["export", "--format", "html", "-o", "templates/classic.typ"], "is in `templates`"),
        (&["export", "--format", "markdown", "-o", "cites.csv"], "the output `cites.csv` is also an input"),
        (&["coauthors", "-o", "refs.bib"], "the output `refs.bib` is also an input"),
        (&["pdf", "-o", "fonts/cv.pdf"], "the output `fonts/cv.pdf` is in `fonts`"),
    ];
    for (args, message) in cases {
        let out = cvgen(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("fonts/X.otf")).unwrap(), "font bytes");
    assert_eq!(std::fs::read_to_string(dir.path().join("templates/classic.typ")).unwrap(), "// an ejected theme");
    assert!(std::fs::read_to_string(dir.path().join("cites.csv")).unwrap().starts_with("key,count"));
}

#[cfg(unix)]
#[test]
fn an_output_symlink_is_followed_and_a_symlink_to_an_input_refused() {
    let dir = fixture("rich");
    std::os::unix::fs::symlink("out/real.pdf", dir.path().join("link.pdf")).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    write(dir.path(), "out/real.pdf", "old");
    let out = cvgen(dir.path(), &["pdf", "-o", "link.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path().join("link.pdf")).unwrap().file_type().is_symlink(), "the link stays");
    assert!(std::fs::read(dir.path().join("out/real.pdf")).unwrap().starts_with(b"%PDF"), "its target is the new CV");

    std::os::unix::fs::symlink("refs.bib", dir.path().join("refs-link.bib")).unwrap();
    let out = cvgen(dir.path(), &["bib", "-o", "refs-link.bib"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is also an input (through the symlink `refs-link.bib`)"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- fields printed or noted

#[test]
fn location_and_highlights_of_every_entry_print_in_every_theme() {
    let dir = fixture("fields");
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme, "-o", &format!("{theme}.pdf")]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        let text = squash(&pdf_text(&dir.path().join(format!("{theme}.pdf"))));
        for sentinel in [
            "Educity",
            "Servicetown",
            "ServeOne",
            "ServeTwo",
            "Talkcity",
            "TalkOne",
            "TalkTwo",
            "Teachville",
            "Customburg",
        ] {
            assert!(text.contains(sentinel), "{theme} leaves out {sentinel}: {text}");
        }
        let third = text.contains("EduThree");
        assert_eq!(third, theme != "compact", "{theme}: compact prints two highlights, documented");
    }
}

#[test]
fn what_a_theme_leaves_out_is_a_note_that_deny_warnings_does_not_count() {
    let dir = fixture("fields");
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &format!("{profile}design:\n  theme: compact\n"));
    let out = cvgen(dir.path(), &["check", "--deny-warnings"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.matches("note: the `compact` theme prints 2 `highlights` of an entry").count(), 1, "{err}");
    assert!(err.contains("1 entry has more in `education`"), "{err}");
    assert!(err.contains("profile.yaml:7:17"), "{err}");
}

#[test]
fn json_resume_keeps_the_location_of_every_entry() {
    let dir = fixture("fields");
    let out = cvgen(dir.path(), &["export", "--format", "jsonresume", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let resume: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(resume["education"][0]["location"], "Educity");
    assert_eq!(resume["volunteer"][0]["location"], "Servicetown");
    let projects = resume["projects"].as_array().unwrap();
    for place in ["Talkcity", "Teachville", "Customburg"] {
        assert!(projects.iter().any(|p| p["location"] == place), "{place}: {projects:?}");
    }
}

#[test]
fn json_resume_locations_come_back_when_the_export_is_read() {
    let dir = fixture("fields");
    let out = cvgen(dir.path(), &["export", "--format", "jsonresume", "-o", "resume.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["data", "--profile", "resume.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("location"), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let location = |id: &str| -> Vec<String> {
        let section = json["sections"].as_array().unwrap().iter().find(|s| s["id"] == id);
        let entries = section.and_then(|s| s["entries"].as_array()).unwrap_or_else(|| panic!("`{id}`: {json}"));
        entries.iter().filter_map(|e| e["location"].as_str().map(str::to_owned)).collect()
    };
    assert_eq!(location("education"), ["Educity"]);
    assert_eq!(location("volunteer"), ["Servicetown"]);
    assert_eq!(location("projects"), ["Talkcity", "Teachville", "Customburg"]);
}

// ---------------------------------------------------------------- messages that name the mistake

#[test]
fn a_bad_category_in_set_is_named() {
    let dir = fixture("rich");
    let out = cvgen(dir.path(), &["check", "--set", "publications.lists=[{select: {category: nope}}]"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown category `nope`"), "{err}");
    assert!(!err.contains("untagged enum"), "{err}");
}

// ---------------------------------------------------------------- rows that break

#[test]
fn an_honor_longer_than_a_page_breaks_across_pages_in_every_theme() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (1..=1500).map(|i| format!("w{i}")).collect();
    write(
        dir.path(),
        "profile.yaml",
        &format!(
            "name: Ada Lovelace\nhonors:\n  - title: {}\n    organization: Sentinel Society\n    date: 2020\n  - title: Short Prize\n    date: 2021\n",
            words.join(" ")
        ),
    );
    for theme in ["classic", "modern", "compact"] {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme, "-o", &format!("{theme}.pdf")]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        let pdf = dir.path().join(format!("{theme}.pdf"));
        let text = pdf_text(&pdf);
        assert!(text.contains("w1 w2 w3") && text.contains("w1499"), "{theme}: {text}");
        assert!(text.contains("w1500"), "{theme}: {text}");
        // Text past the foot of a page is in the file but not on the paper.
        let below: Vec<String> =
            crate::common::pdf::glyphs(&pdf).into_iter().filter(|g| g.y < 20.0).map(|g| g.text).collect();
        assert!(below.is_empty(), "{theme} prints {} glyphs below the page: {:?}", below.len(), below.first());
    }
}
