//! Several profile files merged in order (`--profile profile.yaml --profile private.yaml`), end to
//! end: a private file adds a phone number and an address to the PDF, and everything about a
//! value (an error, a lint, a relative path) stays with the file that wrote it. The fixture is
//! `tests/fixtures/overlays/` with the example's `refs.bib`.


use std::path::Path;

use crate::common::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/overlays");

/// A temp dir holding the fixture and the example's bibliography.
fn fixture() -> tempfile::TempDir {
    let dir = workspace(&["refs.bib"]);
    copy_dir(Path::new(FIXTURE), dir.path(), &[]);
    dir
}

#[test]
fn an_overlay_adds_a_phone_and_an_address_from_a_second_file() {
    let dir = fixture();
    let out = cvgen(dir.path(), &["pdf", "--profile", "profile.yaml", "-o", "public.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = pdf_text(&dir.path().join("public.pdf"));
    assert!(!public.contains("555"), "the public CV has no phone number");

    let out = cvgen(dir.path(), &["pdf", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("wrote cv.pdf (2 pages, "), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert_has(&text, "+1 512 555 0142");
    assert_has(&text, "2501 Speedway, Austin, TX 78712");
    assert_has(&text, "hqzhu@utexas.edu");
    // `cvgen data` reads the same files the same way.
    let out = cvgen(dir.path(), &["data", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let contacts = data["person"]["contacts"].as_array().unwrap();
    assert!(contacts.iter().any(|c| c["kind"] == "phone" && c["label"] == "+1 512 555 0142"), "{contacts:?}");
}

#[test]
fn an_error_in_the_overlay_is_reported_in_that_file() {
    let dir = fixture();
    write(dir.path(), "private.yaml", "phone: \"+1 512 555 0142\"\nhonors:\n  - title: Fellow\n    date: 2024-13\n");
    let out = cvgen(dir.path(), &["pdf", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: invalid date: `2024-13` is not a date\n  ┌─ private.yaml:4:11\n  │\n3 │   - title: Fellow\n4 │     date: 2024-13\n  │           ^^^^^^^\n5 │ \n  │\n  = hint: write `2020`, `2020-08`, `2020-08-15` or `present`\n\nerror: no PDF written: fix the errors above (`cv.pdf` is unchanged)\n\n"
    );
    assert!(!dir.path().join("cv.pdf").exists());

    // A typo in the overlay: the same file, with the closest key; and as JSON for editors.
    write(dir.path(), "private.yaml", "# private\nphnoe: \"+1 512 555 0142\"\n");
    let out =
        cvgen(dir.path(), &["check", "--format", "json", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["message"], "unknown field `phnoe`");
    assert_eq!(
        (first["file"].as_str(), first["line"].as_u64(), first["column"].as_u64()),
        (Some("private.yaml"), Some(2), Some(1))
    );
    assert_eq!(first["hints"][0], "did you mean `phone`?");
}

#[test]
fn a_lint_about_a_value_from_the_overlay_points_there() {
    let dir = fixture();
    write(dir.path(), "private.yaml", "phone: \"+1 512 555 0142\"\nwebsite: www.hanqing.example\n");
    let out = cvgen(dir.path(), &["check", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "warning: `website` is not a web address (no `https://`): `www.hanqing.example`\n  ┌─ private.yaml:2:10\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("checked `profile.yaml` and `private.yaml` and `refs.bib` (5 entries): 1 warning\n"),
        "{err}"
    );
}

#[test]
fn relative_paths_resolve_from_the_file_that_writes_them() {
    let dir = fixture();
    std::fs::create_dir(dir.path().join("private")).unwrap();
    write(
        &dir.path().join("private"),
        "mine.bib",
        "@inproceedings{zhu2026private,\n  title = {A Paper Only the Private File Lists},\n  author = {Zhu, Hanqing},\n  booktitle = {NeurIPS},\n  year = {2025},\n}\n",
    );
    write(&dir.path().join("private"), "private.yaml", "publications:\n  bib: [../refs.bib, mine.bib]\n");
    let out = cvgen(dir.path(), &["pdf", "--profile", "profile.yaml", "--profile", "private/private.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert_has(&text, "A Paper Only the Private File Lists");
    assert_has(&text, "APOLLO");

    // A path the later file names that is not there is named as cvgen looked for it.
    write(&dir.path().join("private"), "private.yaml", "publications:\n  bib: [gone.bib]\n");
    let out = cvgen(dir.path(), &["pdf", "--profile", "profile.yaml", "--profile", "private/private.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: cannot read bibliography `private/gone.bib`: file not found\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_json_resume_takes_no_overlay() {
    let dir = workspace(&["tests/fixtures/jsonresume/resume.json"]);
    write(dir.path(), "private.yaml", "phone: '1'\n");
    let out = cvgen(dir.path(), &["pdf", "--profile", "resume.json", "--profile", "private.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "error: a JSON Resume is read as it is, without a later profile file\n  ┌─ <command line>:2:11\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = cvgen(dir.path(), &["data", "--profile", "resume.json", "--set", "design.theme=modern"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_later_file_may_remove_a_value_and_change_the_order_of_nothing() {
    let dir = fixture();
    write(dir.path(), "private.yaml", "email: ~\nhide: [experience]\n");
    let out = cvgen(dir.path(), &["data", "--profile", "profile.yaml", "--profile", "private.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(data["person"]["contacts"].as_array().unwrap().iter().all(|c| c["kind"] != "email"));
    let ids: Vec<&str> = data["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["summary", "interests", "education", "conference-papers", "preprints", "honors"]);
}

#[test]
fn watch_rebuilds_when_the_overlay_changes() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let dir = fixture();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cvgen"))
        .args(["watch", "--profile", "profile.yaml", "--profile", "private.yaml"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cvgen watch");
    let log = Arc::new(Mutex::new(String::new()));
    let pipe = child.stderr.take().unwrap();
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let wait = |what: &str, done: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        while !done(&log.lock().unwrap()) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}:\n{}",
                log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let compiled = |log: &str| log.lines().filter(|l| l.contains("] compiled cv.pdf in ")).count();
    wait("the first build", &|log| log.contains("watching for changes") && compiled(log) >= 1);
    assert_has(&pdf_text(&dir.path().join("cv.pdf")), "+1 512 555 0142");
    write(dir.path(), "private.yaml", "phone: \"+1 512 555 0199\"\n");
    wait("a build after the overlay changed", &|log| compiled(log) >= 2);
    let _ = child.kill();
    let _ = child.wait();
    let text = pdf_text(&dir.path().join("cv.pdf"));
    assert_has(&text, "+1 512 555 0199");
    assert!(!text.contains("0142"), "the old phone number is gone");
}
