//! Shared helpers for integration tests: run the real binary in a temp dir, read PDFs back.
#![allow(dead_code, missing_docs)]

pub mod pdf;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where the example profile lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp dir holding copies of `files` (paths relative to the repo root, copied flat).
pub fn workspace(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in files {
        let src = root().join(f);
        let name = Path::new(f).file_name().expect("file name");
        std::fs::copy(&src, dir.path().join(name)).unwrap_or_else(|e| panic!("copy {}: {e}", src.display()));
    }
    dir
}

/// Copies the folder `from` into `to`, subfolders too, leaving out files named in `skip`.
pub fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target, skip);
        } else if !skip.iter().any(|name| entry.file_name() == *name) {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Asserts that no temporary file of an atomic write was left in `dir`.
pub fn assert_no_temp_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

/// Writes `text` to `dir/name`.
pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

/// Runs `cvgen args…` in `dir` with a fixed date.
pub fn cvgen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cvgen"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1764374400") // 2025-11-29
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run cvgen")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, with whitespace runs collapsed to single spaces (invisible characters are
/// kept: the themes put none there, and a test that meets one should see it).
pub fn pdf_text(path: &Path) -> String {
    pdf_raw_text(path).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a PDF exactly as a text extractor reads it (what a copy, a search engine or an
/// applicant-tracking system gets), no-break spaces and word joiners included.
pub fn pdf_raw_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extraction")
}

/// A minimal profile with publications from `refs.bib`.
pub const MINIMAL_PROFILE: &str = "name: Ada Lovelace\npublications:\n  bib: refs.bib\n  owner: [\"Ada Lovelace\"]\n";

/// `text` without any whitespace: PDF text extraction puts spaces where fonts change
/// (`Zhu *,`), so phrases are compared with whitespace removed.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `text` contains `expected`, ignoring whitespace.
pub fn assert_has(text: &str, expected: &str) {
    assert!(squash(text).contains(&squash(expected)), "missing {expected:?} in\n{text}");
}

/// `cvgen data` in `dir`, which must succeed, as JSON.
pub fn data(dir: &Path) -> serde_json::Value {
    let out = cvgen(dir, &["data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("`cvgen data` prints JSON")
}

/// Every publication of `cvgen data`'s JSON, list after list, group after group.
pub fn publications_of(data: &serde_json::Value) -> Vec<&serde_json::Value> {
    let sections = data["sections"].as_array().expect("sections");
    let lists = sections.iter().filter(|s| s["kind"] == "publications");
    lists
        .flat_map(|s| s["groups"].as_array().expect("groups"))
        .flat_map(|g| g["items"].as_array().expect("items"))
        .collect()
}

/// The first fenced ```` ```lang ```` block after the line `heading` in a file of the repository
/// (`docs/profile.md`, `docs/templates.md`): the examples the tests run.
pub fn fenced_block(file: &str, heading: &str, lang: &str) -> String {
    let text = std::fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
    let after = &text[text.find(heading).unwrap_or_else(|| panic!("no `{heading}` in {file}"))..];
    let fence = format!("```{lang}\n");
    let block =
        &after[after.find(&fence).unwrap_or_else(|| panic!("no {lang} block after `{heading}`")) + fence.len()..];
    block[..block.find("```").expect("the end of the block")].to_owned()
}
