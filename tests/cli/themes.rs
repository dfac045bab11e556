//! The built-in themes, design options, languages, custom templates and image/PDF-A output, run
//! through the real binary; PDFs are read back as text.

use std::path::Path;

use crate::common::*;

const THEMES: [&str; 3] = ["classic", "modern", "compact"];

/// The example (profile, bibliography and its `fonts/` folder) in a temp dir.
fn example() -> tempfile::TempDir {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    copy_dir(&root().join("fonts"), &dir.path().join("fonts"), &[]);
    dir
}

/// Runs `cvgen pdf args…` in `dir`, asserting success, and returns the PDF's text.
fn render(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["pdf", "-o", "out.pdf"];
    all.extend_from_slice(args);
    let out = cvgen(dir, &all);
    assert!(out.status.success(), "cvgen {all:?} failed:\n{}", stderr(&out));
    pdf_text(&dir.join("out.pdf"))
}

/// Asserts every expected text is in `text`; letter case and spaces are ignored as a fallback
/// (headings may be upper case, small caps or letter-spaced, and Typst puts a thin space between
/// Chinese and Latin characters).
fn assert_contains(text: &str, expected: &[&str]) {
    let squashed = |s: &str| s.to_lowercase().split_whitespace().collect::<String>();
    let all = squashed(text);
    let missing: Vec<_> = expected.iter().filter(|e| !text.contains(*e) && !all.contains(&squashed(e))).collect();
    assert!(missing.is_empty(), "missing from the PDF: {missing:?}\n---\n{text}");
}

fn page_count(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    String::from_utf8_lossy(&bytes).matches("/Type /Page\n").count().max(
        // krilla writes `/Type/Page` without a space in some versions.
        String::from_utf8_lossy(&bytes).matches("/Type/Page/").count(),
    )
}

#[test]
fn every_theme_renders_the_example_with_its_native_name() {
    let dir = example();
    for theme in THEMES {
        // `-q`: no success line, so anything on stderr is a warning.
        let out = cvgen(dir.path(), &["pdf", "-q", "--theme", theme, "-o", "out.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{theme} warned");
        let text = pdf_text(&dir.path().join("out.pdf"));
        let mut expected = vec![
            "Hanqing Zhu",
            "朱汉卿",
            "hqzhu@utexas.edu",
            "Ph.D. in Electrical and Computer Engineering",
            "Research Scientist Intern",
            "May – Dec 2025",
            "APOLLO: SGD-like Memory, AdamW-level Performance",
            "Can Test-Time Scaling Improve World Foundation Model?",
            "Outstanding Paper Honorable Mention",
            "Best Paper Award",
            "Last updated November 29, 2025",
        ];
        if theme != "compact" {
            // The compact theme lists the selected papers only, and no preprint is selected.
            expected.extend([
                "The Path Not Taken: RLVR Provably Learns Off the Principals",
                "Academic Excellence Scholarship",
            ]);
        }
        assert_contains(&text, &expected);
    }
}

#[test]
fn theme_from_the_profile_and_flag_overrides_it() {
    let dir = example();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &format!("{profile}\ndesign: {{theme: compact}}\n"));
    let text = render(dir.path(), &[]);
    assert_contains(&text, &["PUBLICATIONS (4 of 5)"]);
    let text = render(dir.path(), &["--theme", "classic"]);
    assert!(!text.contains("4 of 5"), "{text}");
}

#[test]
fn unknown_theme_in_the_profile_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\ndesign: {theme: modren}\n");
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: unknown theme `modren`\n  ┌─ profile.yaml:2:17\n  │\n1 │ name: Ada Lovelace\n\
         2 │ design: {theme: modren}\n  │                 ^^^^^^\n3 │ \n  │\n  = hint: did you mean `modern`?\n\n\
         error: no PDF written: fix the errors above (`cv.pdf` is unchanged)\n\n"
    );
}

#[test]
fn compact_lists_selected_papers_and_shortens_long_sections() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/stress"), dir.path(), &[]);
    let text = render(dir.path(), &["--theme", "compact"]);
    assert_contains(
        &text,
        &[
            "Alexandra Konstantinopoulou-Wilhelmsen",
            "PUBLICATIONS (14 of 200)",
            "Sparse Language Models for Quantized Graph Neural Networks",
            "Led the photonic training effort",
        ],
    );
    assert!(!text.contains("Third line that the compact theme leaves out"), "{text}");
    assert!(page_count(&dir.path().join("out.pdf")) <= 2, "the compact stress CV is longer than two pages");
}

#[test]
fn every_theme_renders_200_publications() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/stress"), dir.path(), &[]);
    for theme in ["classic", "modern"] {
        let text = render(dir.path(), &["--theme", theme]);
        assert_contains(
            &text,
            &[
                "Alexandra Konstantinopoulou-Wilhelmsen",
                // The newest and the oldest paper, a 40-author list and a very long title.
                "Robust Optimization for Streaming Transformers",
                "Hardware-Aware Language Models for Low-Rank Transformers: A Very Long Subtitle",
                "Venkatasubramanian",
                "et al.",
                "C1",
                "C100",
                "Books",
                "Theses",
                "Students Advised",
            ],
        );
    }
}

#[test]
fn design_options_work_in_every_theme() {
    let dir = example();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(
        dir.path(),
        "profile.yaml",
        &format!(
            "{profile}\ndesign: {{page_size: a4, accent: \"#aa3300\", font: DejaVu Sans Mono, font_size: 9, margin_cm: 1.2}}\nsection_order: [publications, education]\n"
        ),
    );
    for theme in THEMES {
        let out = cvgen(dir.path(), &["pdf", "--theme", theme, "-o", "out.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        let bytes = String::from_utf8_lossy(&std::fs::read(dir.path().join("out.pdf")).unwrap()).into_owned();
        assert!(bytes.contains("595.27") || bytes.contains("595.28"), "{theme}: the page is not A4");
        assert!(bytes.contains("DejaVuSansMono"), "{theme}: the font is not used");
        let text = pdf_text(&dir.path().join("out.pdf"));
        let publications = text.to_lowercase().find("publications").expect("publications");
        let education = text.to_lowercase().find("education").expect("education");
        assert!(publications < education, "{theme}: section_order is not followed");
        assert!(!text.contains("Research Scientist Intern"), "{theme}: a section left out of section_order shows");
    }
}

#[test]
fn titles_override_and_hide_sections() {
    let dir = example();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(
        dir.path(),
        "profile.yaml",
        &format!("{profile}\ntitles: {{publications: Selected Papers, honors: Recognition}}\nhide: [experience]\n"),
    );
    for theme in THEMES {
        let text = render(dir.path(), &["--theme", theme]);
        assert!(text.to_lowercase().contains("selected papers"), "{theme}: {text}");
        assert!(text.to_lowercase().contains("recognition"), "{theme}: {text}");
        assert!(!text.contains("Research Scientist Intern"), "{theme}: a hidden section shows");
    }
}

#[test]
fn locales_translate_titles_dates_and_footer() {
    let dir = example();
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    // (locale, words in every theme, words of the full CV: page counter and group titles)
    let cases = [
        ("de", ["Ausbildung", "Mai – Dez. 2025", "Stand: 29. November 2025"], ["Seite 1 von 2", "Konferenzbeiträge"]),
        ("fr", ["Formation", "mai – déc. 2025", "Mis à jour le 29 novembre 2025"], ["page 1 sur 2", "Prépublications"]),
        (
            "es",
            ["Formación académica", "may. – dic. 2025", "Actualizado el 29 de noviembre de 2025"],
            ["página 1 de 2", "Preprints"],
        ),
    ];
    for (locale, everywhere, full) in cases {
        write(dir.path(), "profile.yaml", &format!("{profile}\nlocale: {locale}\n"));
        for theme in THEMES {
            let text = render(dir.path(), &["--theme", theme]);
            assert_contains(&text, &everywhere);
            if theme != "compact" {
                assert_contains(&text, &full);
            }
        }
    }
}

#[test]
fn unknown_locale_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\nlocale: it\n");
    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("locale"), "{}", stderr(&out));
}

/// A Chinese CV with an installed CJK font (`.ci/run` installs Debian's fonts-wqy-microhei).
#[test]
fn chinese_cv_with_a_system_font() {
    let font = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    if !font.exists() {
        eprintln!("skipped: {} is not installed (apt-get install fonts-wqy-microhei)", font.display());
        return;
    }
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    write(dir.path(), "profile.yaml", &format!("{profile}\nlocale: zh\n"));
    for theme in THEMES {
        let out = cvgen(dir.path(), &["pdf", "--system-fonts", "--theme", theme, "-o", "out.pdf"]);
        assert!(out.status.success(), "{theme}: {}", stderr(&out));
        assert!(!stderr(&out).contains("no loaded font"), "{theme}: {}", stderr(&out));
        let text = pdf_text(&dir.path().join("out.pdf"));
        assert_contains(&text, &["朱汉卿", "2025年5月 – 2025年12月", "更新于 2025年11月29日"]);
        assert!(text.contains("教育背景") || text.contains("教 育 背 景"), "{theme}: {text}");
    }
}

#[test]
fn without_a_cjk_font_the_native_name_is_left_out_with_a_warning() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let out = cvgen(dir.path(), &["pdf", "--theme", "modern"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("no loaded font has `朱` (U+6731)"), "{}", stderr(&out));
    assert!(!pdf_text(&dir.path().join("cv.pdf")).contains('朱'));
}

#[test]
fn own_template_with_partials_from_flag_and_profile() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tpl/parts")).unwrap();
    write(dir.path(), "tpl/parts/greet.typ", "#let greet(name) = [Custom template for #name]\n");
    write(
        dir.path(),
        "tpl/cv.typ",
        "#import \"parts/greet.typ\": greet\n#let cv = json(\"/cv.json\")\n#greet(cv.person.name)\n",
    );
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\n");
    assert_contains(&render(dir.path(), &["--template", "tpl/cv.typ"]), &["Custom template for Ada Lovelace"]);
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\ndesign: {template: tpl/cv.typ}\n");
    assert_contains(&render(dir.path(), &[]), &["Custom template for Ada Lovelace"]);
}

#[test]
fn ejected_theme_is_used_instead_of_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: Ada Lovelace\n");
    let out = cvgen(dir.path(), &["init", "--eject", "modern"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("templates/modern.typ");
    let theme = std::fs::read_to_string(&path).unwrap();
    assert!(theme.contains("json(\"/cv/outline.json\")"), "modern reads the model in pieces");
    std::fs::write(&path, format!("{theme}\nEjected and edited.\n")).unwrap();
    assert_contains(&render(dir.path(), &["--theme", "modern"]), &["Ejected and edited."]);
    assert!(!render(dir.path(), &["--theme", "classic"]).contains("Ejected and edited."));
}

#[test]
fn png_and_svg_pages() {
    let dir = example();
    let out = cvgen(dir.path(), &["pdf", "--format", "png", "--ppi", "30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["cv-1.png", "cv-2.png"] {
        let bytes = std::fs::read(dir.path().join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{page} is not a PNG");
    }
    let out = cvgen(dir.path(), &["pdf", "--theme", "compact", "-o", "page{p}.svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("page1.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "not an SVG");
    assert!(!dir.path().join("page2.svg").exists(), "the compact example is one page");
}

#[test]
fn pdf_a_in_every_theme() {
    let dir = example();
    for theme in THEMES {
        for (standard, part) in [("a-2b", "2"), ("a-1b", "1")] {
            let out = cvgen(dir.path(), &["pdf", "--theme", theme, "--pdf-standard", standard]);
            assert!(out.status.success(), "{theme} {standard}: {}", stderr(&out));
            let bytes = String::from_utf8_lossy(&std::fs::read(dir.path().join("cv.pdf")).unwrap()).into_owned();
            assert!(bytes.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")), "{theme}: no PDF/A identification");
            assert!(bytes.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{theme}: not level B");
        }
    }
}

#[test]
fn pdf_standard_with_an_image_format_is_a_usage_error() {
    let dir = example();
    let out = cvgen(dir.path(), &["pdf", "--format", "png", "--pdf-standard", "a-2b"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: `--pdf-standard` applies to PDFs, but the output is PNG\n = hint: leave out `--pdf-standard`, or write a PDF\n\n"
    );
    assert!(!dir.path().join("cv-1.png").exists());
}

#[test]
fn the_minimal_template_in_the_docs_compiles() {
    let code = fenced_block("docs/templates.md", "## A minimal template", "typst");
    let dir = example();
    write(dir.path(), "minimal.typ", &code);
    assert_contains(&render(dir.path(), &["--template", "minimal.typ"]), &["Hanqing Zhu", "APOLLO"]);
}

#[test]
fn a_paper_without_venue_or_year_has_no_stray_punctuation_in_any_theme() {
    let dir = tempfile::tempdir().unwrap();
    let profile = "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [\"Ada Lovelace\"]\n";
    std::fs::write(dir.path().join("profile.yaml"), profile).unwrap();
    let bib = "@article{a, author = {Lovelace, Ada}, title = {Only A Year}, year = {2020}}\n\
               @article{b, author = {Lovelace, Ada}, title = {Nothing Else}}\n";
    std::fs::write(dir.path().join("refs.bib"), bib).unwrap();
    for theme in THEMES {
        let text = render(dir.path(), &["--theme", theme]);
        let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squashed.contains("2020"), "{theme}: {squashed}");
        for stray in [", 2020", ". .", ",."] {
            assert!(!squashed.contains(stray), "{theme} prints `{stray}`: {squashed}");
        }
    }
}

#[test]
fn the_rich_text_function_in_the_docs_compiles() {
    let code = fenced_block("docs/templates.md", "### Rich text (spans)", "typst");
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "profile.yaml",
        "name: Ada Lovelace\nsummary: 'Wrote **the first program**, see [the notes](https://example.org) and `code`.'\n",
    );
    let template = format!(
        "#let cv = json(\"/cv.json\")\n{code}\n#for s in cv.sections {{ if s.kind == \"text\" {{ rich(s.text_spans) }} }}\n"
    );
    write(dir.path(), "rich.typ", &template);
    assert_contains(
        &render(dir.path(), &["--template", "rich.typ"]),
        &["Wrote the first program, see the notes and code."],
    );
}

/// `cvgen data --pieces DIR` writes the files a template reads, for designing an ejected
/// `classic` or `modern` with the stock `typst` tools: `cv.json` is the model `cvgen data`
/// prints, and the outline with each stub replaced by its paper's file is that model again.
#[test]
fn data_pieces_writes_the_files_a_theme_reads() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let out = cvgen(dir.path(), &["data", "--pieces", "tpl"]);
    assert!(out.status.success() && out.stdout.is_empty(), "{}", stderr(&out));
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path().join("tpl").join(path)).unwrap()).unwrap()
    };
    let printed: serde_json::Value = serde_json::from_slice(&cvgen(dir.path(), &["data"]).stdout).unwrap();
    assert_eq!(read("cv.json"), printed);
    let mut outline = read("cv/outline.json");
    let mut papers = 0;
    for section in outline["sections"].as_array_mut().unwrap().iter_mut().filter(|s| s["kind"] == "publications") {
        for group in section["groups"].as_array_mut().unwrap() {
            for item in group["items"].as_array_mut().unwrap() {
                let paper = read(item["file"].as_str().unwrap().trim_start_matches('/'));
                assert_eq!((&item["id"], &item["label"]), (&paper["id"], &paper["label"]));
                *item = paper;
                papers += 1;
            }
        }
    }
    assert_eq!(papers, 5, "the example's five papers");
    assert_eq!(outline, printed);

    let out = cvgen(dir.path(), &["data", "--pieces", "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`--pieces` names a folder to write the model's files into, not `-`"));

    // Never over an input: a JSON Resume profile named `cv.json` in the folder.
    let dir = workspace(&["tests/fixtures/jsonresume/resume.json"]);
    std::fs::rename(dir.path().join("resume.json"), dir.path().join("cv.json")).unwrap();
    let out = cvgen(dir.path(), &["data", "--profile", "cv.json", "--pieces", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("the output `./cv.json` is also an input"), "{}", stderr(&out));
}
