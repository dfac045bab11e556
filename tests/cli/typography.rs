//! What a typographer checks on the page, read back from the PDF's glyphs and fonts in every
//! theme it concerns: which papers the compact resume picks and that each takes at most two
//! lines, legends that explain only marks on the page, labels that never touch their titles,
//! page ranges and dates that never break, marks of one size, the native name in a matching face,
//! headings never alone at the foot of a page, modern's date column wrapping alike, no last line
//! of one word, honors set as a table without bold, and a text layer that holds each paper's
//! title, authors, venue and details as `cvgen data` prints them, in the theme's reading order.

use std::path::{Path, PathBuf};

use crate::common::pdf::{self, Glyph};
use crate::common::*;

const THEMES: [&str; 3] = ["classic", "modern", "compact"];

/// A fixture folder copied to a temporary folder.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures").join(name), dir.path(), &[]);
    dir
}

/// `cvgen pdf` in `dir` with `args`, to `<name>.pdf`; its path.
fn render(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out_name = format!("{name}.pdf");
    let mut all = vec!["pdf", "-o", &out_name];
    all.extend_from_slice(args);
    let out = cvgen(dir, &all);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    dir.join(out_name)
}

/// The baselines of body-size glyphs on `page` strictly between two heights (baselines within a
/// point of each other are one line): the lines of text there.
fn lines_between(glyphs: &[Glyph], page: u32, below: f64, above: f64, body: f64) -> usize {
    let mut lines: Vec<i64> = glyphs
        .iter()
        .filter(|g| g.page == page && g.y < above && g.y > below && g.size > body * 0.85)
        .map(|g| (g.y * 2.0).round() as i64)
        .collect();
    lines.sort_unstable();
    lines.dedup_by(|a, b| (*a - *b).abs() <= 2);
    lines.len()
}

#[test]
fn compact_shows_the_newest_papers_and_every_award_paper() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    // Conference abstracts from long ago come first in the file (and in the conference group);
    // the newest papers are journal articles; one old paper has an award.
    let mut bib = String::new();
    for i in 0..6 {
        bib += &format!(
            "@inproceedings{{old{i}, title = {{Old Abstract {i}}}, author = {{Lovelace, Ada}}, booktitle = {{Proceedings of the Royal Society}}, year = {}}}\n",
            1830 + i
        );
    }
    bib += "@inproceedings{award, title = {Award Paper}, author = {Lovelace, Ada}, booktitle = {Proceedings of the Royal Society}, year = 1836, award = {Best Paper Award}}\n";
    for i in 0..7 {
        bib += &format!(
            "@article{{new{i}, title = {{New Article {i}}}, author = {{Lovelace, Ada}}, journal = {{Taylor's Scientific Memoirs}}, year = {}}}\n",
            1840 + i
        );
    }
    write(dir.path(), "refs.bib", &bib);
    let text = pdf_text(&render(dir.path(), "compact", &["--theme", "compact"]));
    for i in 0..7 {
        assert_has(&text, &format!("New Article {i}"));
    }
    assert_has(&text, "Award Paper");
    assert_has(&text, "(8 of 14)");
    assert!(!text.contains("Old Abstract"), "an old abstract took a newer paper's place: {text}");
}

#[test]
fn compact_papers_take_at_most_two_lines_and_the_legend_explains_what_shows() {
    for name in ["stress", "stress-names"] {
        let dir = fixture(name);
        let path = render(dir.path(), "compact", &["--theme", "compact"]);
        let glyphs = pdf::glyphs(&path);
        let body = glyphs.iter().map(|g| g.size).fold(0.0, f64::max).min(10.5);
        // The labels in the margin (`C97`, `W19`): consecutive ones bound a paper.
        let labels: Vec<&Glyph> = glyphs
            .windows(2)
            .filter(|w| {
                let (letter, digit) = (&w[0], &w[1]);
                letter.x < 45.0
                    && matches!(letter.text.as_str(), "C" | "J" | "W" | "P" | "B" | "T" | "O")
                    && digit.text.chars().all(|c| c.is_ascii_digit())
                    && (digit.y - letter.y).abs() < 0.5
            })
            .map(|w| &w[0])
            .collect();
        assert!(labels.len() >= 7, "{name}: labels: {labels:?}");
        for pair in labels.windows(2).filter(|w| w[0].page == w[1].page) {
            let lines = lines_between(&glyphs, pair[0].page, pair[1].y + 1.0, pair[0].y + 3.0, body);
            assert!(lines <= 2, "{name}: the paper labelled at y = {} takes {lines} lines", pair[0].y);
        }
        let text = pdf_text(&path);
        // Every mark explained is on the page, every mark on the page explained.
        let squashed = squash(&text);
        let legend_says = |what: &str| squashed.contains(&squash(what));
        let dagger_shown = text.matches('†').count() > usize::from(legend_says("† corresponding author"));
        assert_eq!(legend_says("† corresponding author"), dagger_shown, "{name}: {text}");
    }
}

#[test]
fn classic_labels_of_four_characters_keep_clear_of_the_title() {
    let dir = fixture("stress");
    let path = render(dir.path(), "classic", &["--theme", "classic"]);
    let glyphs = pdf::glyphs(&path);
    let mut checked = 0;
    for label in ["[C100]", "[C57]", "[C9]", "[J54]"] {
        for run in pdf::find_glyphs(&glyphs, label) {
            let end = run.last().unwrap();
            let right = end.x + end.width;
            // The title starts on the label's baseline, right of it.
            let title = glyphs
                .iter()
                .filter(|g| g.page == end.page && (g.y - end.y).abs() < 0.5 && g.x > end.x)
                .min_by(|a, b| a.x.total_cmp(&b.x))
                .expect("a title beside the label");
            assert!(
                title.x - right >= 4.0,
                "{label}: {:.1} pt between the label and its title ({end:?}, {title:?})",
                title.x - right
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}

/// Characters a reader cannot see that the themes must never add to the text layer.
const INVISIBLE: [char; 6] = ['\u{00A0}', '\u{2060}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}'];

/// `text` as the read-back test compares it: whitespace runs (a line break) become one space;
/// pdf-extract also puts a space where the PDF moves the pen on (after a box, a link or an italic
/// run: `Systems ,`, `Performance .`), which no reader sees (pdftotext reads `Performance.`), so
/// a space before a comma or a full stop goes; a line may break after a hyphen (`co-` / `design`),
/// so a space after a hyphen goes, on both sides of the comparison. Nothing else is changed.
fn as_read(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" .", ".").replace("- ", "-")
}

/// What `theme` prints of paper `p`, as `cvgen data` prints each part, in the order the theme
/// prints them (its `publication` or `paper-text` function):
/// - classic: the title, every author, the short venue (a badge), the venue, the year, the
///   details (`[#title] [#authors] [#badge] #venue, #year, #details.`);
/// - modern: the title, every author, the short venue, the venue, the details (its year stands in
///   the side column, before the title);
/// - compact: the title, the first author and the owner (it shortens the list between them), the
///   short venue if there is one or else the venue, the year; no details.
fn reading_order(theme: &str, p: &serde_json::Value) -> Vec<String> {
    let text = |key: &str| p[key].as_str().map(as_read);
    let authors = p["authors"].as_array().unwrap();
    let mut parts = Vec::new();
    let names = authors.iter().enumerate();
    for (_, author) in names.filter(|(i, a)| theme != "compact" || *i == 0 || a["owner"] == true) {
        parts.push(as_read(author["name"].as_str().unwrap()));
    }
    if theme == "compact" {
        parts.extend(text("venue_short").filter(|_| p["venue"].is_string()).or(text("venue")));
    } else {
        parts.extend(text("venue_short"));
        parts.extend(text("venue"));
        if theme == "classic" && p["year_in_venue"] == false {
            parts.extend(p["year"].as_u64().map(|y| y.to_string()));
        }
        parts.extend(text("details"));
    }
    parts
}

/// Where the title of a paper starts in `text` at or after `from`, and the title as printed:
/// whole, or (compact, which keeps a paper to two lines) cut after a word and ended with `…`.
/// compact prints a paper's label (`C97`) and a space just before its title, and ends the title's
/// sentence (`.` unless it ends in punctuation): `lead` is that label and space (empty in the other
/// themes), which tells a paper from another whose title starts alike.
fn find_title(text: &str, from: usize, theme: &str, lead: &str, title: &str) -> Option<(usize, String)> {
    let ends_sentence = |at: usize, shown: &str| {
        theme != "compact" || shown.ends_with(['.', '?', '!', '…']) || text[at + shown.len()..].starts_with('.')
    };
    let find = |shown: &str| {
        let needle = format!("{lead}{shown}");
        let mut found = text[from..].match_indices(&needle).map(|(at, _)| from + at + lead.len());
        found.find(|&at| ends_sentence(at, shown))
    };
    if let Some(at) = find(title) {
        return Some((at, title.to_owned()));
    }
    if theme != "compact" {
        return None;
    }
    let words: Vec<&str> = title.split(' ').collect();
    (1..words.len()).rev().map(|n| format!("{}…", words[..n].join(" "))).find_map(|cut| Some((find(&cut)?, cut)))
}

#[test]
fn the_text_layer_holds_exactly_what_the_user_wrote() {
    // The example; long page ranges, names with particles, hyphens and accents; a real Google
    // Scholar export; 200 papers.
    let example = workspace(&["profile.yaml", "refs.bib"]);
    let cases = [
        (example, "example"),
        (fixture("stress-names"), "stress-names"),
        (fixture("real/google-scholar"), "google-scholar"),
        (fixture("stress"), "stress"),
    ];
    for (dir, fixture_name) in &cases {
        let dir = dir.path();
        let data = data(dir);
        let papers = publications_of(&data);
        for theme in THEMES {
            let path = render(dir, theme, &["--theme", theme]);
            let raw = pdf_raw_text(&path);
            let invisible: Vec<char> = raw.chars().filter(|c| INVISIBLE.contains(c)).collect();
            assert!(
                invisible.is_empty(),
                "{fixture_name}, {theme}: invisible characters {invisible:?} in the text layer"
            );
            let text = as_read(&raw);
            // Every paper the theme shows, where its title starts: classic and modern show every
            // paper in the order of `cvgen data`; compact a selection, newest first.
            let mut shown: Vec<(usize, String, &serde_json::Value)> = Vec::new();
            let mut cursor = 0;
            for p in &papers {
                let title = as_read(p["title"].as_str().unwrap());
                let lead = match p["label"].as_str() {
                    Some(label) if theme == "compact" => format!("{label} "),
                    _ => String::new(),
                };
                match find_title(&text, if theme == "compact" { 0 } else { cursor }, theme, &lead, &title) {
                    Some((at, printed)) => {
                        cursor = at + printed.len();
                        shown.push((at, printed, p));
                    }
                    None => assert!(
                        theme == "compact",
                        "{fixture_name}, {theme}: the title `{title}` is not in the text as written, after {:?}",
                        &text[text.floor_char_boundary(cursor.saturating_sub(80))..cursor]
                    ),
                }
            }
            if theme == "compact" {
                // As many papers as its heading says it shows (`(14 of 200)`), or all of them.
                let total = papers.len();
                let said = text.split(&format!(" of {total})")).next().and_then(|head| head.rsplit('(').next());
                let count = said.and_then(|n| n.parse().ok()).unwrap_or(total);
                assert_eq!(shown.len(), count, "{fixture_name}, compact: papers found in {text}");
                shown.sort_by_key(|(at, ..)| *at);
            }
            // Within each paper (up to the next title): its parts in the theme's order.
            let mut checked = 0;
            for (i, (at, printed, p)) in shown.iter().enumerate() {
                let end = shown.get(i + 1).map_or(text.len(), |next| next.0);
                let paper = &text[*at..end];
                let mut from = printed.len();
                for part in reading_order(theme, p) {
                    let Some(found) = paper[from..].find(&part) else {
                        panic!(
                            "{fixture_name}, {theme}: `{part}` is not in the text as written after `{}` in {paper:?}",
                            &paper[..from]
                        )
                    };
                    from += found + part.len();
                    checked += 1;
                }
            }
            assert!(checked > 0, "{fixture_name}, {theme}: no paper checked");
        }
        if *fixture_name == "stress-names" {
            let details: Vec<_> = papers.iter().filter_map(|p| p["details"].as_str()).collect();
            assert!(details.contains(&"vol. 44, no. 12, pp. 4412–4425"), "{details:?}");
        }
    }
}

/// How far the font box (ascent to descent, as a PDF text extractor reports each word) of the
/// first line of page 1 (the name, its largest text) reaches into the box of the line below it.
fn name_overlap(glyphs: &[Glyph]) -> f64 {
    let first: Vec<&Glyph> = glyphs.iter().filter(|g| g.page == 1 && !g.text.trim().is_empty()).collect();
    let biggest = first.iter().map(|g| g.size).fold(0.0, f64::max);
    let name: Vec<&&Glyph> = first.iter().filter(|g| (g.size - biggest).abs() < 0.01).collect();
    let baseline = name.iter().map(|g| g.y).fold(f64::MIN, f64::max);
    let bottom = name.iter().map(|g| g.y - g.descent).fold(f64::MAX, f64::min);
    // The line below: the highest baseline under the name's among glyphs under the name
    // (compact sets its contacts beside it, on the right), and every such glyph on it.
    let (left, right) = name.iter().fold((f64::MAX, f64::MIN), |(l, r), g| (l.min(g.x), r.max(g.x + g.width)));
    let under: Vec<&&Glyph> =
        first.iter().filter(|g| g.x < right && g.x + g.width > left && g.y < baseline - 1.0).collect();
    let next = under.iter().map(|g| g.y).fold(f64::MIN, f64::max);
    let top = under.iter().filter(|g| (g.y - next).abs() < 1.0).map(|g| g.y + g.ascent).fold(f64::MIN, f64::max);
    top - bottom
}

#[test]
fn the_name_never_touches_the_line_below() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    for theme in THEMES {
        for font in ["", "Libertinus Serif", "Inter", "New Computer Modern"] {
            let design = if font.is_empty() { String::new() } else { format!("\ndesign: {{font: {font}}}\n") };
            write(dir.path(), "font.yaml", &format!("{profile}{design}"));
            let path = render(dir.path(), theme, &["--theme", theme, "--profile", "font.yaml"]);
            let overlap = name_overlap(&pdf::glyphs(&path));
            assert!(
                overlap <= 1.0,
                "{theme}, font `{font}`: the name's box overlaps the line below by {overlap:.2} pt"
            );
            // Nor a gap that reads as a paragraph break.
            assert!(overlap > -8.0, "{theme}, font `{font}`: {overlap:.2} pt between the name and the line below");
        }
        // A long name with particles, an accent and a native-script name beside it.
        let names = fixture("stress-names");
        let overlap = name_overlap(&pdf::glyphs(&render(names.path(), theme, &["--theme", theme])));
        assert!((-8.0..=1.0).contains(&overlap), "stress-names, {theme}: {overlap:.2} pt");
    }
}

#[test]
fn classic_contact_line_never_ends_in_a_separator() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    // Wide margins and a large size make the contact line wrap.
    write(dir.path(), "narrow.yaml", &format!("{profile}\ndesign: {{margin_cm: 4.5, font_size: 12}}\n"));
    let path = render(dir.path(), "classic", &["--theme", "classic", "--profile", "narrow.yaml"]);
    let glyphs: Vec<Glyph> = pdf::glyphs(&path).into_iter().filter(|g| g.page == 1).collect();
    let bars: Vec<&Glyph> = glyphs.iter().filter(|g| g.text == "|").collect();
    let y_of = |needle: &str| pdf::find_glyphs(&glyphs, needle).first().map(|run| run[0].y);
    let (first, last) = (y_of("hqzhu@utexas.edu"), y_of("Scholar"));
    assert!(first.is_some() && first != last, "the contact line does not wrap: {first:?} {last:?}");
    assert!(!bars.is_empty());
    for bar in bars {
        let same_line = glyphs.iter().filter(|g| (g.y - bar.y).abs() < 0.5 && !g.text.trim().is_empty());
        assert!(same_line.clone().any(|g| g.x > bar.x + 1.0), "a line ends in `|` at y = {:.1}", bar.y);
        assert!(same_line.clone().any(|g| g.x < bar.x - 1.0), "a line starts with `|` at y = {:.1}", bar.y);
    }
}

#[test]
fn a_publication_group_heading_keeps_two_papers_under_it() {
    // As above, interests push a heading over two or more papers across a page foot: at every
    // step the heading and the first two papers under it start on one page. classic and modern
    // title the `Journal Articles` group (two papers); compact shows one list under its heading,
    // newest first, and sets interests in one paragraph (a step is a sixth of a line there).
    let dir = fixture("stress-names");
    let base = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    for (theme, heading, first, second, coarse, fine) in [
        ("classic", "JournalArticles", "OntheSurprising", "PageRangesThatMust", 10, 1),
        ("modern", "JournalArticles", "OntheSurprising", "PageRangesThatMust", 10, 1),
        ("compact", "PUBLICATIONS", "ScalingLaws", "OntheSurprising", 30, 2),
    ] {
        let place = |n: usize| -> [u32; 3] {
            let interests: Vec<String> = (0..n).map(|i| format!("\"Interest number {i}\"")).collect();
            let profile = base.replace(
                "\npublications:",
                &format!(
                    "\ninterests: [{}]\nsection_order: [interests, publications]\npublications:",
                    interests.join(", ")
                ),
            );
            write(dir.path(), "grown.yaml", &profile);
            let path = render(dir.path(), theme, &["--theme", theme, "--profile", "grown.yaml"]);
            let glyphs = pdf::glyphs(&path);
            let page = |needle: &str| pdf::find_glyphs(&glyphs, needle)[0][0].page;
            [page(heading), page(first), page(second)]
        };
        let mut n = 0;
        while place(n + coarse)[2] == 1 {
            n += coarse;
        }
        for n in (n..=n + coarse + 2).step_by(fine) {
            let [heading, first, second] = place(n);
            assert!(
                heading == first && first == second,
                "{theme}, {n} interests: heading on page {heading}, papers on {first} and {second}"
            );
        }
    }
}

#[test]
fn page_ranges_never_break_across_lines() {
    let dir = fixture("stress-names");
    for theme in THEMES {
        for (margin, size) in [("1.0", "10"), ("2.3", "10.5"), ("3.1", "11")] {
            let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
            let profile = format!("{profile}\ndesign: {{margin_cm: {margin}, font_size: {size}}}\n");
            write(dir.path(), "wide.yaml", &profile);
            let path = render(dir.path(), theme, &["--theme", theme, "--profile", "wide.yaml"]);
            let glyphs = pdf::glyphs(&path);
            let ranges = ["pp.100123–100145", "pp.4412–4425", "pp.21234–21256", "pp.1–48", "pp.5678–5690"];
            let mut found = 0;
            for range in ranges {
                for run in pdf::find_glyphs(&glyphs, range) {
                    let first = &run[0];
                    assert!(
                        run.iter().all(|g| g.page == first.page && (g.y - first.y).abs() < 0.5),
                        "{theme}, margin {margin}: `{range}` breaks across lines"
                    );
                    found += 1;
                }
            }
            // The compact theme prints no page numbers.
            assert!(found >= 4 || theme == "compact", "{theme}: {found} ranges found");
        }
    }
}

#[test]
fn modern_dates_stay_on_one_line_and_only_venues_are_italic() {
    let dir = fixture("stress-names");
    let path = render(dir.path(), "modern", &["--theme", "modern"]);
    let glyphs = pdf::glyphs(&path);
    let run = &pdf::find_glyphs(&glyphs, "Aug 2023 – Apr 2024")[0];
    assert!(run.iter().all(|g| (g.y - run[0].y).abs() < 0.5), "the date range wraps");
    let italic: String =
        pdf::runs(&path).iter().filter(|r| r.font.contains("Italic")).map(|r| squash(&r.text)).collect();
    assert!(italic.contains("JournalofMachineLearningResearch"), "{italic}");
    assert!(!italic.contains("pp."), "page numbers are italic: {italic}");
}

#[test]
fn modern_date_column_wraps_alike() {
    // stress-names has a range that fits the column, one that fits a little smaller and one too
    // long for one line (`Sep 2022 – May 2027 (expected)`).
    let dir = fixture("stress-names");
    let json = data(dir.path());
    let sections = json["sections"].as_array().unwrap().iter().filter(|s| s["kind"] == "entries");
    let entries = sections.flat_map(|s| s["entries"].as_array().unwrap());
    let ranges: Vec<&str> = entries.filter_map(|e| e["date"].as_str()).filter(|d| d.contains(" – ")).collect();
    assert!(ranges.contains(&"Sep 2022 – May 2027 (expected)"), "{ranges:?}");
    let glyphs = pdf::glyphs(&render(dir.path(), "modern", &["--theme", "modern"]));
    let mut sizes = Vec::new();
    for range in &ranges {
        let runs = pdf::find_glyphs(&glyphs, range);
        assert_eq!(runs.len(), 1, "`{range}` in the side column");
        let run = &runs[0];
        // Its lines, top down (baselines within half a point are one line).
        let mut lines: Vec<Vec<&Glyph>> = Vec::new();
        for g in run {
            match lines.last_mut() {
                Some(line) if (line[0].y - g.y).abs() < 0.5 => line.push(g),
                _ => lines.push(vec![g]),
            }
        }
        let text = |line: &[&Glyph]| line.iter().map(|g| g.text.as_str()).collect::<String>();
        assert!(lines.len() <= 2, "`{range}` takes {} lines", lines.len());
        if lines.len() == 2 {
            assert!(text(&lines[0]).ends_with('–'), "`{range}` breaks after `{}`, not after its dash", text(&lines[0]));
        }
        sizes.extend(run.iter().map(|g| g.size));
    }
    let (least, most) = sizes.iter().fold((f64::MAX, f64::MIN), |(l, m), s| (l.min(*s), m.max(*s)));
    assert!(most - least < 0.01, "the column's dates are set at {least:.2} to {most:.2} pt");
}

#[test]
fn a_last_line_never_holds_one_word_alone() {
    // Bullet lines and paragraphs (custom sections' text) of 14 to 40 words, each the start of
    // one sentence: set line by line as far as each line holds (first fit), several end in a line
    // of one word in every theme.
    let sentence = "Designed and shipped a low precision training pipeline for large language models on \
                    photonic accelerators across three teams, cutting the cost of each run by half while \
                    keeping accuracy within a tenth of a point of the full precision baseline on every \
                    benchmark we measured in two years";
    let words: Vec<&str> = sentence.split(' ').collect();
    let items: Vec<String> = (14..=40).map(|k| format!("Task {k}: {}", words[..k].join(" "))).collect();
    // A headline whose last word is long: moving it down leaves the line above well short, which
    // a small runt cost does not outweigh (on A4, modern and compact wrap it before `Zürich`).
    let headline =
        "Associate Professor of Electrical and Computer Engineering and of Computer Science, Universität Zürich";
    let mut profile = format!("name: Ada Lovelace\nheadline: {headline}\ndesign: {{page_size: a4}}\nexperience:\n");
    for (k, item) in (14..).zip(&items) {
        profile += &format!(
            "  - {{position: Engineer {k}, organization: Analytical Engines, start: 2020-01, end: 2021-01, highlights: [\"{item}\"]}}\n"
        );
    }
    profile += "sections:\n";
    for (k, item) in (14..).zip(&items) {
        profile += &format!("  - {{title: Note {k}, text: \"{item}\"}}\n");
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", &profile);
    for theme in THEMES {
        let glyphs = pdf::glyphs(&render(dir.path(), theme, &["--theme", theme]));
        let mut wrapped = 0;
        let runs: Vec<(&str, Vec<Glyph>)> = items
            .iter()
            .map(String::as_str)
            .chain([headline])
            .flat_map(|item| pdf::find_glyphs(&glyphs, item).into_iter().map(move |run| (item, run)))
            .collect();
        assert_eq!(runs.len(), 2 * items.len() + 1, "{theme}: each text once as a bullet, once as a paragraph");
        for (item, run) in &runs {
            // Each character with the glyph it is drawn by; a word's line is its first glyph's.
            let chars: Vec<&Glyph> = run.iter().flat_map(|g| g.text.chars().map(move |_| g)).collect();
            let mut starts = Vec::new();
            let mut at = 0;
            for word in item.split(' ') {
                starts.push(chars[at]);
                at += word.chars().count();
            }
            let last = chars.last().unwrap();
            let on_line = |g: &Glyph| g.page == last.page && (g.y - last.y).abs() < 0.5;
            if on_line(starts[0]) {
                continue; // one line
            }
            wrapped += 1;
            let last_words = starts.iter().filter(|g| on_line(g)).count();
            assert!(last_words >= 2, "{theme}: the last line of `{item}` holds one word");
        }
        assert!(wrapped >= 40, "{theme}: {wrapped} texts wrap");
    }
}

#[test]
fn author_marks_are_small_raised_and_alike_in_classic() {
    let dir = fixture("stress-names");
    let path = render(dir.path(), "classic", &["--theme", "classic"]);
    let glyphs = pdf::glyphs(&path);
    let name = &pdf::find_glyphs(&glyphs, "Ngozi Okonkwo†")[0];
    let (letter, dagger) = (&name[name.len() - 2], name.last().unwrap());
    assert!(dagger.size < letter.size * 0.8, "† is set at {:.1} pt beside {:.1} pt", dagger.size, letter.size);
    assert!(dagger.y > letter.y + letter.size * 0.25, "† is not raised");
}

#[test]
fn classic_keeps_the_kerning_of_a_comma_after_a_name() {
    // Libertinus Serif kerns `r,`: the comma after `Müller` tucks under the `r`. A comma outside
    // the name's box is shaped apart from it and stands at the `r`'s full advance.
    let dir = fixture("stress");
    let glyphs = pdf::glyphs(&render(dir.path(), "classic", &["--theme", "classic"]));
    let runs = pdf::find_glyphs(&glyphs, "Müller,");
    assert!(runs.len() > 5, "{} names `Müller,`", runs.len());
    for run in runs {
        let [.., r, comma] = run.as_slice() else { unreachable!() };
        let kern = comma.x - (r.x + r.width);
        assert!(kern < -0.2, "the comma after `Müller` on page {} stands {kern:.2} pt from the `r`", r.page);
    }
}

#[test]
fn the_native_name_is_set_in_the_themes_own_kind_of_face() {
    let dir = fixture("stress-names");
    for (theme, face) in [("classic", "Serif"), ("modern", "Sans"), ("compact", "Serif")] {
        let runs = pdf::runs(&render(dir.path(), theme, &["--theme", theme]));
        let native = runs.iter().find(|r| r.text.contains("朱汉卿")).expect("the native name");
        assert!(native.font.contains(face), "{theme}: 朱汉卿 in {}", native.font);
    }
}

#[test]
fn no_doubled_punctuation_and_one_style_of_author_list() {
    let dir = fixture("stress-names");
    for theme in THEMES {
        let text = pdf_text(&render(dir.path(), theme, &["--theme", theme]));
        for doubled in [",,", ", ,", "..", ". ."] {
            assert!(!text.contains(doubled), "{theme} prints `{doubled}`: {text}");
        }
        // Three authors, none cut: the same serial comma in every theme.
        assert_has(&text, "Guðrún Þórsson, María José de la Fontaine-García, and Émilie Dubois-Fontaine");
    }
}

#[test]
fn a_degree_still_under_way_is_expected() {
    let dir = fixture("stress-names");
    for theme in THEMES {
        assert_has(&pdf_text(&render(dir.path(), theme, &["--theme", theme])), "May 2027 (expected)");
    }
}

#[test]
fn links_are_labelled_for_where_they_lead() {
    let dir = fixture("stress-names");
    let json = data(dir.path());
    let papers = publications_of(&json);
    let labels = |key: &str| -> Vec<String> {
        let p = papers.iter().find(|p| p["key"] == key).unwrap();
        p["links"].as_array().unwrap().iter().map(|l| l["label"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(labels("marks2024"), ["arXiv"]);
    assert_eq!(labels("doi2024"), ["DOI"]);
}

#[test]
fn honors_are_a_table_without_bold() {
    let dir = fixture("stress-names");
    for theme in THEMES {
        let path = render(dir.path(), theme, &["--theme", theme]);
        let runs = pdf::runs(&path);
        let bold: String = runs.iter().filter(|r| r.is_bold()).map(|r| squash(&r.text)).collect();
        assert!(!bold.contains("RubiconTravelGrant"), "{theme}: an honor's title is bold");
        let glyphs = pdf::glyphs(&path);
        // Title, organisation and year on one baseline.
        let title = &pdf::find_glyphs(&glyphs, "Rubicon Travel Grant")[0][0];
        let org = &pdf::find_glyphs(&glyphs, "NWO")[0][0];
        assert!((title.y - org.y).abs() < 0.5, "{theme}: the organisation is not beside the title");
    }
}

#[test]
fn a_section_heading_never_stands_above_a_single_entry_at_the_foot_of_a_page() {
    // A list of one-line interests grows a line at a time, pushing the honors heading down the
    // first page until it crosses to the next: at every step near the foot of the page the
    // heading has two honors under it on its page.
    let dir = fixture("stress-names");
    let base = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    for theme in ["classic", "modern"] {
        let heading = if theme == "modern" { "HONORSANDAWARDS" } else { "HonorsandAwards" };
        // Where the heading lands with `n` interests, and how many honors (each with its year)
        // are under it there.
        let place = |n: usize| -> (u32, usize) {
            let interests: Vec<String> = (0..n).map(|i| format!("\"Interest number {i}\"")).collect();
            let profile = base.replace(
                "\npublications:",
                &format!(
                    "\ninterests: [{}]\nsection_order: [interests, honors, summary]\npublications:",
                    interests.join(", ")
                ),
            );
            write(dir.path(), "grown.yaml", &profile);
            let path = render(dir.path(), theme, &["--theme", theme, "--profile", "grown.yaml"]);
            let glyphs = pdf::glyphs(&path);
            let at = &pdf::find_glyphs(&glyphs, heading)[0][0];
            let mut years: Vec<i64> = ["2025", "2024", "2021", "2020"]
                .iter()
                .flat_map(|year| pdf::find_glyphs(&glyphs, year))
                .filter(|run| run[0].page == at.page && run[0].y < at.y && run[0].y > 60.0)
                .map(|run| run[0].y.round() as i64)
                .collect();
            years.sort_unstable();
            years.dedup();
            (at.page, years.len())
        };
        // Coarse steps until the heading leaves the first page, then every step of the last ten.
        let mut n = 0;
        while place(n + 10).0 == 1 {
            n += 10;
        }
        for n in n..=n + 10 {
            let (page, rows) = place(n);
            assert!(rows >= 2, "{theme}, {n} interests: the heading has {rows} honor(s) under it on page {page}");
        }
    }
}

#[test]
fn a_last_page_of_a_few_lines_is_pulled_back() {
    // Interests are added a line at a time until the CV spills onto a new page; while that page
    // would hold only a few lines, the CV is set a little tighter and keeps its page count.
    let dir = fixture("stress-names");
    let base = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    for theme in ["classic", "modern"] {
        let build = |n: usize, fit: bool| -> (usize, usize) {
            let interests: Vec<String> = (0..n).map(|i| format!("\"Interest number {i}\"")).collect();
            let mut profile =
                base.replace("\npublications:", &format!("\ninterests: [{}]\npublications:", interests.join(", ")));
            if !fit {
                profile.push_str("design: {fit_last_page: false}\n");
            }
            write(dir.path(), "grown.yaml", &profile);
            let path = render(dir.path(), theme, &["--theme", theme, "--profile", "grown.yaml"]);
            let glyphs = pdf::glyphs(&path);
            let pages = glyphs.iter().map(|g| g.page).max().unwrap() as usize;
            // Lines of body text on the last page, above its footer.
            (pages, lines_between(&glyphs, pages as u32, 60.0, 900.0, 9.0))
        };
        let (pages, _) = build(0, false);
        let mut n = 0;
        while build(n + 8, false).0 == pages {
            n += 8;
        }
        let mut pulled = 0;
        for n in n..=n + 8 {
            let (unfitted, lines) = build(n, false);
            if unfitted > pages && lines <= 3 {
                assert_eq!(
                    build(n, true).0,
                    pages,
                    "{theme}, {n} interests: {lines} line(s) left alone on page {unfitted}"
                );
                pulled += 1;
            }
        }
        assert!(pulled > 0, "{theme}: no step left a last page of a few lines");
    }
}

/// "et al." is one unit: a line never ends in "et" with "al." starting the next (the real Google
/// Scholar export in compact, whose shortened author lists end in it, put it at a line's end).
#[test]
fn et_al_never_breaks_across_lines() {
    let dir = fixture("real/google-scholar");
    for theme in THEMES {
        let raw = pdf_raw_text(&render(dir.path(), theme, &["--theme", theme]));
        let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].ends_with(" et") && pair[1].starts_with("al.")),
                "{theme}: `et al.` split across lines: {pair:?}"
            );
        }
    }
}
