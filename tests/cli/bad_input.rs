//! Bad input, end to end: every folder under `tests/fixtures/bad/` is one case, run with the real
//! binary in a temporary copy of the folder, and compared exactly with its `expected.txt`.
//!
//! A case folder holds the inputs (`profile.yaml`, maybe `refs.bib`, a template), optionally
//! `args.txt` (the command line, split at spaces; `pdf` when absent) and optionally `symlinks.txt`
//! (`name -> target` lines, made in the copy before the run, since Git checkouts may not keep
//! them). `expected.txt` holds the exit code, the exact stderr and, when not empty, the exact
//! stdout. Every failed run must leave the folder as it was: an existing `cv.pdf` untouched and no
//! new file. `CVGEN_BLESS=1 cargo test --test cli -- bad_input::` rewrites the expected files; read each
//! rewritten message before committing it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, cvgen};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");
/// What a previous run left as `cv.pdf`, which a failed run must not touch.
const PREVIOUS_PDF: &[u8] = b"%PDF-previous";

/// One case's observable result, in the format of `expected.txt`.
fn format_result(code: Option<i32>, stderr: &str, stdout: &str) -> String {
    let stderr = without_ms(stderr);
    let mut out = format!("exit: {}\n--- stderr\n{stderr}", code.map_or("signal".to_owned(), |c| c.to_string()));
    if !stdout.is_empty() {
        out.push_str(&format!("--- stdout\n{stdout}"));
    }
    out
}

/// The milliseconds of a success line (`wrote cv.pdf (1 page, 41 ms)`), which change from run to
/// run, as `…`.
fn without_ms(stderr: &str) -> String {
    stderr
        .split_inclusive('\n')
        .map(|line| match (line.starts_with("wrote "), line.strip_suffix(" ms)\n"), line.rfind(", ")) {
            (true, Some(_), Some(at)) => format!("{}, … ms)\n", &line[..at]),
            _ => line.to_owned(),
        })
        .collect()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.insert(entry.path().strip_prefix(dir).unwrap().to_owned(), std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

#[cfg(unix)]
fn make_symlinks(case: &Path, dir: &Path) {
    let Ok(list) = std::fs::read_to_string(case.join("symlinks.txt")) else { return };
    for line in list.lines().filter(|l| !l.trim().is_empty()) {
        let (name, target) = line.split_once(" -> ").expect("`name -> target` lines");
        std::os::unix::fs::symlink(target.trim(), dir.join(name.trim())).unwrap();
    }
}

#[cfg(not(unix))]
fn make_symlinks(_case: &Path, _dir: &Path) {}

/// Runs one case; returns its result text and a list of broken promises (files touched).
fn run_case(case: &Path) -> (String, Vec<String>) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    copy_dir(case, dir, &["expected.txt"]);
    make_symlinks(case, dir);
    let args = std::fs::read_to_string(case.join("args.txt")).unwrap_or_else(|_| "pdf".to_owned());
    let args: Vec<&str> = args.split_whitespace().collect();
    let is_pdf = args.first() == Some(&"pdf");
    if is_pdf {
        std::fs::write(dir.join("cv.pdf"), PREVIOUS_PDF).unwrap();
    }
    let before = snapshot(dir);
    let output = cvgen(dir, &args);
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let after = snapshot(dir);

    let mut broken = Vec::new();
    if stderr.contains("panicked") {
        broken.push("cvgen panicked".to_owned());
    }
    if output.status.success() && is_pdf {
        let pdf = after.get(Path::new("cv.pdf")).cloned().unwrap_or_default();
        if !pdf.starts_with(b"%PDF-1") && !pdf.starts_with(b"%PDF-2") {
            broken.push("exit 0 but no new cv.pdf".to_owned());
        }
    } else {
        for (path, bytes) in &after {
            match before.get(path) {
                None => broken.push(format!("created `{}`", path.display())),
                Some(old) if old != bytes => broken.push(format!("changed `{}`", path.display())),
                Some(_) => {}
            }
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        broken.push(format!("removed `{}`", path.display()));
    }
    (format_result(output.status.code(), &stderr, &stdout), broken)
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("tests/fixtures/bad exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_bad_input_gets_its_exact_message_and_exit_code() {
    let bless = std::env::var_os("CVGEN_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (actual, broken) = run_case(case);
        for promise in broken {
            failures.push(format!("{name}: {promise}"));
        }
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{name}: output differs (CVGEN_BLESS=1 rewrites it)\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// Each failing case reports at least one located error with a hint (the house style), except
/// for the few whose problem has no place in a file.
#[test]
fn every_error_message_is_lowercase_and_has_a_hint() {
    for case in cases() {
        let Ok(expected) = std::fs::read_to_string(case.join("expected.txt")) else { continue };
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        for line in expected.lines().filter(|l| l.starts_with("error: ") || l.starts_with("warning: ")) {
            let message = line.split_once(": ").unwrap().1;
            let word = message.split_whitespace().next().unwrap();
            let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            assert!(acronym || !word.starts_with(char::is_uppercase), "{name}: message starts in uppercase: {line}");
            assert!(!message.ends_with('.'), "{name}: message ends with a period: {line}");
        }
    }
}

/// A generated 5 MB bibliography with thousands of entries: measured by hand, never timed in CI
/// (`cargo test --release --test bad_input -- --ignored --nocapture`).
#[test]
#[ignore]
fn large_bibliography_parse_time() {
    let mut text = String::from("@string{jmlr = {Journal of Machine Learning Research}}\n");
    let mut n = 0;
    while text.len() < 5 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "@article{{key{n},\n  title = {{A {{Study}} of $\\mathcal{{O}}(n^{n})$ Things, Part {n}}},\n  author = {{Lovelace, Ada and Babbage, Charles and M{{\\\"u}}ller, J{{\\\"u}}rgen and others}},\n  journal = jmlr,\n  year = {},\n  volume = {},\n  pages = {{{}--{}}},\n  doi = {{10.1000/{n}}},\n  url = {{https://example.org/{n}}},\n  abstract = {{Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.}},\n}}\n\n",
            1990 + n % 35,
            n % 50,
            n,
            n + 10
        ));
    }
    let start = std::time::Instant::now();
    let (bib, diagnostics) = cvgen::bib::parse(&text, Path::new("big.bib"));
    let elapsed = start.elapsed();
    assert!(diagnostics.is_empty(), "{:?}", &diagnostics[..diagnostics.len().min(3)]);
    assert_eq!(bib.entries.len(), n);
    println!("{} bytes, {n} entries: bib::parse took {elapsed:?}", text.len());
    std::fs::write(std::env::temp_dir().join("cvgen-big.bib"), &text).unwrap();
}

/// Inputs the fuzzers found (`tests/fixtures/fuzz/`), replayed through what the fuzz targets
/// check: no panic, and for bibliographies the export round trip (it reads back without a
/// diagnostic the input did not have, and exporting it again changes nothing).
#[test]
fn fuzz_regressions() {
    use cvgen::bib::write::{self, Dialect, Private, Selection, WriteConfig};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let mut sources = cvgen::diag::Sources::default();
        let Ok(text) = cvgen::pipeline::load::decode(&bytes, &path, &mut sources) else { continue };
        if path.extension().is_some_and(|e| e == "yaml") {
            if let Err(diagnostics) = cvgen::profile::parse(&text, &path) {
                cvgen::diag::render(&diagnostics, &sources);
            }
            continue;
        }
        let (original, diagnostics) = cvgen::bib::parse(&text, &path);
        cvgen::diag::render(&diagnostics, &sources);
        // A warning about a value that is kept (a key biber refuses) comes back with it.
        // As the fuzz target: a warning about a field's text is compared without the field's name,
        // which the dialect may rename (`journal` → `journaltitle`).
        let without_field = |message: &str| -> String {
            if let Some(start) = message.find(" in `")
                && let Some(len) = message[start + 5..].find("` of `")
            {
                return format!("{}{}", &message[..start], &message[start + 5 + len + 1..]);
            }
            message.to_owned()
        };
        let warnings: Vec<String> =
            diagnostics.iter().filter(|d| !d.is_error()).map(|d| without_field(&d.message)).collect();
        for format in [Dialect::Bibtex, Dialect::Biblatex] {
            let config = WriteConfig {
                selection: Selection::default(),
                private: Private::Keep,
                dialect: format,
                additions: None,
            };
            let first = write::write(&original, &path, &config);
            let (exported, diagnostics) = cvgen::bib::parse(&first.text, &path);
            // As the fuzz target: a repeated key's entry is exported under its id (`key-2`), a new
            // entry that the others' references do not name, so its warnings may read otherwise.
            let renamed = |message: &str| {
                original.entries.iter().any(|e| e.id != e.key && message.contains(&format!("`{}`", e.id)))
            };
            let new: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.is_error() || !(warnings.contains(&without_field(&d.message)) || renamed(&d.message)))
                .collect();
            assert!(new.is_empty(), "{}: the export does not read back: {new:?}", path.display());
            let second = write::write(&exported, &path, &config);
            assert_eq!(second.text, first.text, "{}: the export is not a fixpoint", path.display());
        }
    }
}
