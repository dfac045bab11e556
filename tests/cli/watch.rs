//! `cvgen watch` end to end: the real binary watching a temp dir. Edits in place and by rename
//! (how many editors save) rebuild the PDF; an error keeps the last good PDF and is printed;
//! Ctrl-C exits 0. Polls with generous timeouts and asserts no timing.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// How long to wait for anything: builds are debug builds on a busy 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A running `cvgen watch`, killed when dropped.
struct Watch {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Watch {
    /// Starts `cvgen watch args…` in `dir` and waits until it watches.
    fn start(dir: &Path, args: &[&str]) -> Self {
        Self::start_with(dir, args, &[])
    }

    /// [`Watch::start`] with more variables in the environment.
    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cvgen"))
            .arg("watch")
            .args(args)
            .envs(env.iter().copied())
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1764374400")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start cvgen watch");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let watch = Self { child, stderr };
        watch.wait_for("it to start watching", |err| err.contains("watching for changes"));
        watch
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// How many builds succeeded so far.
    fn compiled(&self) -> usize {
        self.stderr().lines().filter(|l| l.contains("] compiled cv.pdf in ") && l.ends_with(" ms")).count()
    }

    /// Polls `ready` on stderr until it holds; panics with stderr after [`TIMEOUT`].
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !ready(&self.stderr()) {
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}; stderr:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls the PDF's text until it contains `expected`.
    fn wait_for_pdf(&self, pdf: &Path, expected: &str) {
        let start = Instant::now();
        loop {
            if pdf.exists() && pdf_text(pdf).contains(expected) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for `{expected}` in the PDF; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves like many editors do: a new file beside the old one, renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let temp: PathBuf = path.with_extension("yaml.cvgen-test-tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn edits_in_place_and_by_rename_rebuild_the_pdf() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let pdf = dir.path().join("cv.pdf");
    let original = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let watch = Watch::start(dir.path(), &[]);
    assert_eq!(watch.compiled(), 1, "{}", watch.stderr());
    watch.wait_for_pdf(&pdf, "Hanqing Zhu");

    let in_place = original.replacen("name: Hanqing Zhu", "name: Ada Inplace", 1);
    std::fs::write(dir.path().join("profile.yaml"), in_place).unwrap();
    watch.wait_for_pdf(&pdf, "Ada Inplace");

    let renamed = original.replacen("name: Hanqing Zhu", "name: Ada Renamed", 1);
    save_by_rename(&dir.path().join("profile.yaml"), &renamed);
    watch.wait_for_pdf(&pdf, "Ada Renamed");

    // The bibliography is watched too (and still after the profile was replaced).
    let bib = std::fs::read_to_string(dir.path().join("refs.bib")).unwrap();
    save_by_rename(&dir.path().join("refs.bib"), &bib.replace("{APOLLO}: {SGD}-like", "{HELIOS}: {SGD}-like"));
    watch.wait_for_pdf(&pdf, "HELIOS: SGD-like");

    let err = watch.stderr();
    assert!(!err.contains("error"), "{err}");
    assert!(!dir.path().join("profile.yaml.cvgen-test-tmp").exists());
}

/// One save, one build: a save by rename (which the watcher reports twice) builds once, and a
/// save that leaves the files as they were builds nothing.
#[test]
fn a_save_builds_once_and_an_unchanged_file_not_at_all() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let (pdf, profile) = (dir.path().join("cv.pdf"), dir.path().join("profile.yaml"));
    let original = std::fs::read_to_string(&profile).unwrap();
    let watch = Watch::start(dir.path(), &[]);
    let first = original.replacen("name: Hanqing Zhu", "name: Ada First", 1);
    save_by_rename(&profile, &first);
    watch.wait_for_pdf(&pdf, "Ada First");
    // The same text again, in place: nothing to build.
    std::fs::write(&profile, &first).unwrap();
    // Apart from the next save, so that the two are not one batch.
    std::thread::sleep(Duration::from_millis(500));
    save_by_rename(&profile, &original.replacen("name: Hanqing Zhu", "name: Ada Second", 1));
    watch.wait_for_pdf(&pdf, "Ada Second");
    // Time for a second build of the same save to show, were there one.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(watch.compiled(), 3, "the start and two saves:\n{}", watch.stderr());
}

/// The citation counts file the profile names is an input like the bibliography.
#[test]
fn an_edit_to_the_citation_counts_rebuilds_the_pdf() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();
    let owner = "  owner: [\"Hanqing Zhu\", \"H. Zhu\"]\n";
    assert!(profile.contains(owner), "the example profile changed its owner line");
    write(dir.path(), "profile.yaml", &profile.replacen(owner, &format!("{owner}  citations: citations.csv\n"), 1));
    let counts = |n: u32| format!("key,count,as_of,source\nzhu2025apollo,{n},2025-11-01,Google Scholar\n");
    write(dir.path(), "citations.csv", &counts(120));
    let pdf = dir.path().join("cv.pdf");
    let watch = Watch::start(dir.path(), &[]);
    watch.wait_for_pdf(&pdf, "cited by 120");
    save_by_rename(&dir.path().join("citations.csv"), &counts(121));
    watch.wait_for_pdf(&pdf, "cited by 121");
}

#[test]
fn an_error_keeps_the_last_good_pdf_and_is_printed() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let pdf = dir.path().join("cv.pdf");
    let watch = Watch::start(dir.path(), &[]);
    watch.wait_for_pdf(&pdf, "Hanqing Zhu");
    let good = std::fs::read(&pdf).unwrap();
    let original = std::fs::read_to_string(dir.path().join("profile.yaml")).unwrap();

    let broken = original.replacen("name: Hanqing Zhu", "name: Ada Broken", 1).replacen("email:", "emial:", 1);
    std::fs::write(dir.path().join("profile.yaml"), broken).unwrap();
    watch.wait_for("the error", |err| err.contains("not compiled: `cv.pdf` is unchanged"));
    let err = watch.stderr();
    assert!(err.contains("error: unknown field `emial`"), "{err}");
    assert!(err.contains("did you mean `email`?"), "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF was replaced");

    // Fixing the error builds again.
    save_by_rename(&dir.path().join("profile.yaml"), &original.replacen("name: Hanqing Zhu", "name: Ada Fixed", 1));
    watch.wait_for_pdf(&pdf, "Ada Fixed");
}

#[test]
fn ctrl_c_exits_cleanly() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let mut watch = Watch::start(dir.path(), &[]);
    let pid = nix::unistd::Pid::from_raw(watch.child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("send SIGINT");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < TIMEOUT, "cvgen watch did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", watch.stderr());
    assert_no_temp_files(dir.path());
}

#[test]
fn a_template_next_to_the_profile_is_watched_and_other_files_there_are_not() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let pdf = dir.path().join("cv.pdf");
    let template = std::fs::read_to_string(root().join("templates/classic.typ")).unwrap();
    write(dir.path(), "mine.typ", &template);
    // A theme imports what the themes share, as `cvgen init --eject` copies it.
    write(dir.path(), "common.typ", &std::fs::read_to_string(root().join("templates/common.typ")).unwrap());
    let watch = Watch::start(dir.path(), &["--template", "mine.typ"]);
    watch.wait_for_pdf(&pdf, "Hanqing Zhu");

    write(
        dir.path(),
        "mine.typ",
        &template.replacen("#header(cv.person)", "#header(cv.person)\nTemplate edited here.", 1),
    );
    watch.wait_for_pdf(&pdf, "Template edited here.");

    // Files the template does not read (a log, say) start no build, however often they change.
    for i in 0..5 {
        write(dir.path(), "watch.log", &format!("line {i}\n"));
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::write(dir.path().join("profile.yaml"), profile_named(dir.path(), "Ada Last")).unwrap();
    watch.wait_for_pdf(&pdf, "Ada Last");
    assert_eq!(watch.compiled(), 3, "{}", watch.stderr());
}

fn profile_named(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(dir.join("profile.yaml")).unwrap();
    text.replacen("name: Hanqing Zhu", &format!("name: {name}"), 1)
}

#[test]
fn a_template_past_its_time_budget_leaves_the_watch_running_and_the_last_pdf() {
    let dir = workspace(&["profile.yaml", "refs.bib"]);
    let pdf = dir.path().join("cv.pdf");
    let template = std::fs::read_to_string(root().join("templates/classic.typ")).unwrap();
    write(dir.path(), "mine.typ", &template);
    // A theme imports what the themes share, as `cvgen init --eject` copies it.
    write(dir.path(), "common.typ", &std::fs::read_to_string(root().join("templates/common.typ")).unwrap());
    let mut watch = Watch::start_with(dir.path(), &["--template", "mine.typ"], &[("CVGEN_COMPILE_TIMEOUT", "8")]);
    watch.wait_for_pdf(&pdf, "Hanqing Zhu");
    let good = std::fs::read(&pdf).unwrap();

    // A loop that would run for hours: the watchdog stops it, and the watch goes on.
    write(dir.path(), "mine.typ", &format!("#let n = 0\n#for i in range(1000000000) {{ n += 1 }}\n{template}"));
    watch.wait_for("the budget error", |err| err.contains("waiting for a change"));
    let err = watch.stderr();
    // Whichever budget the loop meets first (time, or memory on a fast machine), the watch goes on.
    assert!(
        err.contains("error: the template ran longer than 8 s") || err.contains("error: the template used more than"),
        "{err}"
    );
    assert!(watch.child.try_wait().unwrap().is_none(), "the watch ended: {err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF was replaced");

    write(dir.path(), "mine.typ", &template.replacen("#header(cv.person)", "#header(cv.person)\nFixed again.", 1));
    watch.wait_for_pdf(&pdf, "Fixed again.");
}
