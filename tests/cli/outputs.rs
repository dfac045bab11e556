//! Where outputs go, end to end with the real binary: `-o -` (standard output), devices, named
//! pipes and symlinks to them (written in place, never replaced), the extension rule, the
//! temporary files of killed runs (removed by the next write in the folder), write errors on
//! standard output and standard error (`> /dev/full`: exit 1, never a panic), and the template's
//! time and memory budgets. The refusals with exact messages (an output that is a font or a
//! template partial, a folder, a wrong extension, a missing `--font-path`) are cases of
//! `tests/fixtures/bad/`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// `cvgen args…` in `dir` with a fixed date, as [`cvgen`] runs it, to adjust before running.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cvgen"));
    command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .env_remove("RUST_BACKTRACE")
        .env_remove("CVGEN_COMPILE_TIMEOUT")
        .env_remove("CVGEN_MEMORY_LIMIT_MB")
        .stdin(Stdio::null());
    command
}

/// A folder with a one-page CV: a minimal profile and a bibliography of one entry.
fn one_page() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", MINIMAL_PROFILE);
    write(
        dir.path(),
        "refs.bib",
        "@article{a, author = {Ada Lovelace}, title = {Notes}, journal = {J}, year = {1843}}\n",
    );
    dir
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn dash_writes_the_pdf_to_stdout_and_no_file() {
    let dir = one_page();
    let out = cvgen(dir.path(), &["pdf", "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"%PDF-"), "stdout is not a PDF");
    assert_eq!(stderr(&out), "");
    assert_eq!(names(dir.path()), ["profile.yaml", "refs.bib"]);

    // One page as SVG is one file too.
    let out = cvgen(dir.path(), &["pdf", "--format", "svg", "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"<svg"), "stdout is not an SVG");
    assert_eq!(names(dir.path()), ["profile.yaml", "refs.bib"]);
}

#[test]
fn dash_takes_one_file_only() {
    // The example CV is two pages: two PNG files cannot go to standard output.
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    copy_dir(&root().join("fonts"), &dir.path().join("fonts"), &[]);
    let out = cvgen(dir.path(), &["pdf", "--format", "png", "-o", "-"]);
    assert_eq!(
        (out.status.code(), stderr(&out).as_str()),
        (
            Some(2),
            "error: `-o -` takes one file, but this CV makes 2 PNG pages\n = hint: write one file per page with `-o cv-{p}.png`, or the whole CV as one PDF with `--format pdf`\n\n"
        )
    );
    assert!(out.stdout.is_empty());
    assert_eq!(names(dir.path()), ["fonts", "profile.yaml", "refs.bib"]);
}

#[test]
fn bib_takes_dash_for_stdout() {
    let dir = one_page();
    let plain = cvgen(dir.path(), &["bib"]);
    let dash = cvgen(dir.path(), &["bib", "-o", "-"]);
    assert_eq!(dash.status.code(), Some(0), "{}", stderr(&dash));
    assert!(stdout(&dash).contains("@article{a,"));
    assert_eq!(dash.stdout, plain.stdout);
    assert_eq!(names(dir.path()), ["profile.yaml", "refs.bib"]);
}

#[test]
fn the_format_comes_from_the_extension_unless_given() {
    let dir = one_page();
    for name in ["upper.PDF", "noextension"] {
        let out = cvgen(dir.path(), &["pdf", "-o", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(std::fs::read(dir.path().join(name)).unwrap().starts_with(b"%PDF-"), "{name}");
    }
    // `--format` accepts any name.
    let out = cvgen(dir.path(), &["pdf", "--format", "pdf", "-o", "cv.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(dir.path().join("cv.docx")).unwrap().starts_with(b"%PDF-"));
    for args in [&["bib", "-o", "out.BIB"][..], &["bib", "--format", "bibtex", "-o", "refs.txt"]] {
        let out = cvgen(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    assert!(std::fs::read_to_string(dir.path().join("refs.txt")).unwrap().contains("@article{a,"));
    assert_no_temp_files(dir.path());
}

#[cfg(unix)]
#[test]
fn devices_are_written_in_place_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = one_page();
    let is_device = |path: &str| std::fs::metadata(path).unwrap().file_type().is_char_device();
    assert!(is_device("/dev/null"));
    for args in
        [&["pdf", "-o", "/dev/null"][..], &["bib", "-o", "/dev/null"], &["pdf", "--format", "png", "-o", "/dev/null"]]
    {
        let out = cvgen(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(is_device("/dev/null"), "{args:?} replaced /dev/null");
    }
    // A symlink to a device stays a symlink, whatever its name.
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null.docx")).unwrap();
    let out = cvgen(dir.path(), &["pdf", "-o", "null.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path().join("null.docx")).unwrap().file_type().is_symlink());

    // A write error on a device is an error in the run (exit 1), not a usage error.
    for args in [&["pdf", "-o", "/dev/full"][..], &["bib", "-o", "/dev/full"]] {
        let out = cvgen(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("error: cannot write `/dev/full`: No space left on device"), "{args:?}: {err}");
        assert!(is_device("/dev/full"));
    }
    assert_no_temp_files(dir.path());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_written_in_place() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = one_page();
    let fifo = dir.path().join("cv.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::fs::File::open(&reader_path).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    });
    let out = cvgen(dir.path(), &["pdf", "-o", "cv.fifo"]);
    // If cvgen never opened the pipe, open it here so that the reader sees its end. Without
    // blocking: when the reader has already read cvgen's PDF (and is only returning), a blocking
    // open would wait for a reader that never comes (O_NONBLOCK then fails with ENXIO instead).
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000; // Linux's value
        let _ = std::fs::OpenOptions::new().write(true).custom_flags(O_NONBLOCK).open(&fifo);
    }
    let read = reader.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read.starts_with(b"%PDF-"), "the reader got no PDF");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was replaced");
}

#[test]
fn temporary_files_of_killed_runs_are_removed() {
    let dir = one_page();
    let mut child = Command::new("true").spawn().expect("run `true`");
    let dead = child.id();
    child.wait().unwrap();
    let dead_file = format!(".cvgen-{dead}-AbCd12.tmp");
    let live_file = format!(".cvgen-{}-AbCd12.tmp", std::process::id());
    // Names without a process id (older cvgen): removed after an hour.
    let (old_file, new_file) = (".cvgen-Old123.tmp".to_owned(), ".cvgen-New123.tmp".to_owned());
    for name in [&dead_file, &live_file, &old_file, &new_file] {
        write(dir.path(), name, "half a PDF");
    }
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
    let old = std::fs::File::options().write(true).open(dir.path().join(&old_file)).unwrap();
    old.set_modified(two_hours_ago).unwrap();
    drop(old);

    let out = cvgen(dir.path(), &["pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let left = names(dir.path());
    assert!(!left.contains(&old_file), "{left:?}");
    assert!(left.contains(&live_file) && left.contains(&new_file), "{left:?}");
    if cfg!(target_os = "linux") {
        assert!(!left.contains(&dead_file), "{left:?}");
    }
    assert!(left.contains(&"cv.pdf".to_owned()));
}

#[cfg(unix)]
#[test]
fn every_verb_reports_a_full_stdout() {
    let dir = one_page();
    let full = || std::fs::File::options().write(true).open("/dev/full").unwrap();
    let cases: [&[&str]; 7] = [
        &["data"],
        &["schema"],
        &["bib"],
        &["bib", "-o", "-"],
        &["check", "--format", "json"],
        &["pdf", "-o", "-"],
        &["init", "new"],
    ];
    for args in cases {
        let out = command(dir.path(), args).stdout(full()).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.ends_with("error: cannot write to standard output: No space left on device (os error 28)\n\n"),
            "{args:?}: {err}"
        );
    }
    // What goes to stderr: the check's report, `--timings`. No message can be read, but the exit
    // code says it (and there is no panic, exit 101).
    for args in [&["check"][..], &["pdf", "--timings", "-o", "t.pdf"]] {
        let out = command(dir.path(), args).stderr(full()).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
}

/// A template folder holding `cv.typ` with `text`.
fn template(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    write(dir, "tpl/cv.typ", text);
}

#[test]
fn a_template_that_never_ends_is_stopped() {
    let dir = one_page();
    std::fs::write(dir.path().join("cv.pdf"), b"previous").unwrap();
    // 10^10 iterations (Typst stops a `while` after 10,000 itself, a `for` never).
    template(dir.path(), "#let n = 0\n#for i in range(100000) { for j in range(100000) { n += 1 } }\n#n\n");
    let started = Instant::now();
    let out =
        command(dir.path(), &["pdf", "--template", "tpl/cv.typ"]).env("CVGEN_COMPILE_TIMEOUT", "2").output().unwrap();
    let took = started.elapsed();
    assert_eq!(
        (out.status.code(), stderr(&out).as_str()),
        (
            Some(1),
            "error: the template ran longer than 2 s\n = hint: a loop that never ends in the template? the built-in themes take a few seconds even for 5,000 papers\n = hint: for a CV that really needs longer, set `CVGEN_COMPILE_TIMEOUT` (seconds)\n\n"
        )
    );
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(std::fs::read(dir.path().join("cv.pdf")).unwrap(), b"previous");
}

#[test]
fn a_template_that_allocates_without_bound_is_stopped() {
    let dir = one_page();
    std::fs::write(dir.path().join("cv.pdf"), b"previous").unwrap();
    template(dir.path(), "#let a = ()\n#for i in range(100000) { for j in range(100000) { a.push(j) } }\n#a.len()\n");
    let out =
        command(dir.path(), &["pdf", "--template", "tpl/cv.typ"]).env("CVGEN_MEMORY_LIMIT_MB", "300").output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("error: the template used more than 300 MB of memory\n = hint: "), "{err}");
    assert_eq!(std::fs::read(dir.path().join("cv.pdf")).unwrap(), b"previous");
}

/// The watchdog ends with each compile: a watch idle for longer than the time budget lives on.
#[cfg(unix)]
#[test]
fn the_budget_never_fires_between_builds() {
    let dir = one_page();
    template(dir.path(), "#json(\"/cv.json\").person.name\n");
    let mut child = command(dir.path(), &["watch", "--template", "tpl/cv.typ"])
        .env("CVGEN_COMPILE_TIMEOUT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !dir.path().join("cv.pdf").exists() {
        assert!(started.elapsed() < Duration::from_secs(30), "no PDF");
        assert!(child.try_wait().unwrap().is_none(), "the watch ended before its first PDF");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(2500));
    let still_running = child.try_wait().unwrap().is_none();
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    let status = child.wait().unwrap();
    assert!(still_running, "the watch ended while idle: {status:?}");
    assert_eq!(status.code(), Some(0));
}
