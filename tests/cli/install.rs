//! cvgen in an academic's hands (issue 16): the release and CI workflows, `cvgen init --ci`,
//! shell completions and the man page, `--quiet` and the success line, `--color`, and inputs
//! with Windows line ends in a folder whose name has a space and an `é`.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// A YAML file of the repository (or any text), parsed.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every `run:` and `script:` line of a workflow, joined: what it executes.
fn commands(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("run", Value::String(text)) => out.push_str(text),
                    ("script", Value::Array(lines)) => {
                        for line in lines.iter().filter_map(Value::as_str) {
                            out.push_str(line);
                            out.push('\n');
                        }
                    }
                    _ => out.push_str(&commands(value)),
                }
                out.push('\n');
            }
        }
        Value::Array(items) => items.iter().for_each(|item| out.push_str(&commands(item))),
        _ => {}
    }
    out
}

/// The `uses:` of every step of a GitHub workflow.
fn actions(workflow: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        for step in job["steps"].as_array().expect("steps") {
            if let Some(uses) = step["uses"].as_str() {
                out.push(uses.split('@').next().unwrap().to_owned());
            }
        }
    }
    out
}

#[test]
fn release_workflow_builds_every_platform_on_version_tags() {
    let text = read(&root().join(".github/workflows/release.yml"));
    let workflow = yaml(&text);
    assert_eq!(workflow["on"]["push"]["tags"], serde_json::json!(["v*"]), "{workflow:#}");
    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"].as_array().expect("a matrix");
    let mut targets: Vec<&str> = matrix.iter().map(|m| m["target"].as_str().expect("a target")).collect();
    targets.sort();
    assert_eq!(
        targets,
        [
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl"
        ]
    );
    for entry in matrix {
        let (target, os) = (entry["target"].as_str().unwrap(), entry["os"].as_str().unwrap());
        let expected = if target.contains("linux") {
            "ubuntu"
        } else if target.contains("apple") {
            "macos"
        } else {
            "windows"
        };
        assert!(os.starts_with(expected), "{target} runs on {os}");
        assert_eq!(entry["cross"].as_bool().unwrap_or(false), target.contains("linux-musl"), "{target}");
    }
    let run = commands(&workflow);
    for expected in [
        "cross build --locked --profile dist --target",
        "cargo build --locked --profile dist --target",
        "cp README.md LICENSE-MIT LICENSE-APACHE",
        "tar czf",
        "7z a",
        "sha256sum cvgen-* > SHA256SUMS",
        "gh release create \"$GITHUB_REF_NAME\"",
        "--repo \"$GITHUB_REPOSITORY\"",
    ] {
        assert!(run.contains(expected), "release.yml runs no `{expected}`:\n{run}");
    }
    // The repository comes from the CI environment, never a hard-coded address.
    assert!(!text.contains("OWNER"), "release.yml names the placeholder repository");
    assert_eq!(workflow["permissions"]["contents"], "write");
    assert!(actions(&workflow).contains(&"actions/upload-artifact".to_owned()));
}

#[test]
fn ci_workflow_runs_the_ci_script() {
    let workflow = yaml(&read(&root().join(".github/workflows/ci.yml")));
    assert!(workflow["on"]["pull_request"].is_null() || workflow["on"]["pull_request"].is_object());
    assert!(commands(&workflow).lines().any(|line| line.trim() == "bash .ci/run"), "{workflow:#}");
    assert!(actions(&workflow).contains(&"actions/checkout".to_owned()));
}

#[test]
fn package_ships_the_licenses_it_names() {
    let manifest = read(&root().join("Cargo.toml"));
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = read(&root().join("LICENSE-MIT"));
    assert!(mit.starts_with("MIT License\n\nCopyright (c) the cvgen authors\n"), "{mit}");
    assert!(read(&root().join("LICENSE-APACHE")).contains("Apache License\n                           Version 2.0"));
    for file in ["\"/LICENSE-MIT\"", "\"/LICENSE-APACHE\"", "\"/src/**/*\"", "\"/templates/**/*\"", "\"/assets/**/*\""]
    {
        assert!(manifest.contains(file), "`include` lacks {file}");
    }
}

#[test]
fn init_ci_github_writes_a_workflow_that_builds_the_cv() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["init", "--ci", "github", "my cv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("my cv").join(".github").join("workflows").join("cv.yml");
    assert_eq!(
        stdout(&out),
        format!(
            "wrote {}\nnext: commit and push it; every push builds cv.pdf, and a warning of `cvgen check` fails the build\n",
            Path::new("my cv").join(".github").join("workflows").join("cv.yml").display()
        )
    );
    let text = read(&path);
    assert!(!text.contains('\r'));
    let workflow = yaml(&text);
    let run = commands(&workflow);
    for expected in [
        "releases/download/$CVGEN_VERSION/$asset.tar.gz",
        "asset=cvgen-x86_64-unknown-linux-musl",
        "cargo install --locked cvgen",
        "cvgen check --deny-warnings",
        "cvgen pdf",
        "gh release upload \"$GITHUB_REF_NAME\" cv.pdf",
    ] {
        assert!(run.contains(expected), "cv.yml runs no `{expected}`:\n{run}");
    }
    let check = run.find("cvgen check --deny-warnings").unwrap();
    assert!(check < run.find("cvgen pdf").unwrap(), "the PDF is built before the check");
    assert_eq!(workflow["env"]["CVGEN_VERSION"], format!("v{}", env!("CARGO_PKG_VERSION")));
    // The placeholder repository is what Cargo.toml says until it is set, and marked as such.
    let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    assert_eq!(workflow["env"]["CVGEN_REPO"], repository);
    if repository.starts_with("OWNER/") {
        assert!(text.contains("CVGEN_REPO: OWNER/cvgen # placeholder"), "{text}");
    }
    let steps = workflow["jobs"]["cv"]["steps"].as_array().unwrap();
    let upload = steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-artifact@")));
    assert_eq!(upload.expect("an artifact upload")["with"]["path"], "cv.pdf");
    let release = steps.iter().find(|s| s["run"].as_str().is_some_and(|r| r.contains("gh release"))).unwrap();
    assert_eq!(release["if"], "startsWith(github.ref, 'refs/tags/')");

    // Never over an existing file: the user's edits stay.
    std::fs::write(&path, "mine\n").unwrap();
    let out = cvgen(dir.path(), &["init", "--ci", "github", "my cv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(read(&path), "mine\n");
    // Only the workflow: no scaffold beside it.
    assert!(!dir.path().join("my cv").join("profile.yaml").exists());
}

#[test]
fn init_ci_gitlab_writes_a_pipeline_that_builds_the_cv() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["init", "--ci", "gitlab", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!((stdout(&out).as_str(), stderr(&out).as_str()), ("", ""), "--quiet prints nothing");
    let text = read(&dir.path().join(".gitlab-ci.yml"));
    let pipeline = yaml(&text);
    let run = commands(&pipeline);
    for expected in ["cvgen check --deny-warnings", "cvgen pdf", "cvgen-x86_64-unknown-linux-musl"] {
        assert!(run.contains(expected), ".gitlab-ci.yml runs no `{expected}`:\n{run}");
    }
    assert_eq!(pipeline["cv"]["artifacts"]["paths"], serde_json::json!(["cv.pdf"]));
    assert_eq!(pipeline["release"]["rules"][0]["if"], "$CI_COMMIT_TAG");
    assert_eq!(pipeline["release"]["release"]["assets"]["links"][0]["name"], "cv.pdf");
    // The release links the PDF of a job whose artifact never expires (GitLab's default is 30
    // days, after which the release's link was dead).
    let needs = pipeline["release"]["needs"][0].as_str().unwrap();
    assert_eq!(pipeline[needs]["artifacts"]["expire_in"], "never", "{text}");
    assert_eq!(pipeline[needs]["rules"][0]["if"], "$CI_COMMIT_TAG");
    assert_eq!(pipeline[needs]["artifacts"]["reports"]["dotenv"], "cv.env");
    let out = cvgen(dir.path(), &["init", "--ci", "gitlab", "--eject"]);
    assert_eq!(out.status.code(), Some(2), "--ci and --eject together: {}", stderr(&out));
}

#[test]
fn completions_generate_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = cvgen(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["cvgen", "pdf", "bib", "deny-warnings", "quiet"] {
            assert!(script.contains(word), "{shell}: no `{word}` in\n{script}");
        }
    }
    let out = cvgen(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_renders_with_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = cvgen(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(&format!(".TH cvgen 1  \"cvgen {}\"", env!("CARGO_PKG_VERSION"))), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}:\n{page}");
    }
    for verb in ["pdf", "watch", "data", "bib", "check", "init", "schema", "completions", "man"] {
        assert!(page.contains(&format!("cvgen\\-{verb}(1)")), "no cvgen-{verb}(1):\n{page}");
    }
    assert!(page.contains("\\-\\-color"), "the global flags are missing:\n{page}");

    let out = cvgen(dir.path(), &["man", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH cvgen\\-pdf 1") || page.contains(".TH cvgen-pdf 1"), "{page}");
    for flag in ["\\-\\-output", "\\-\\-keep\\-going", "\\-\\-quiet"] {
        assert!(page.contains(flag), "no {flag}:\n{page}");
    }

    let out = cvgen(dir.path(), &["man", "pfd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: cvgen has no command `pfd`\n = hint: did you mean `pdf`?\n"),
        "{}",
        stderr(&out)
    );
}

/// A folder with a one-page CV in `name` (created inside `parent`).
fn one_page_in(parent: &Path, name: &str, line_end: &str) -> std::path::PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let profile =
        "name: Ada Lovelace\nheadline: Analyst\npublications:\n  bib: refs.bib\n  owner: [\"Ada Lovelace\"]\n";
    let bib = "@article{notes,\n  author = {Ada Lovelace},\n  title = {Notes on the\n    Analytical Engine},\n  journal = {Taylor's Scientific Memoirs},\n  year = {1843},\n}\n\n@misc{sketch,\n  author = {Lovelace, Ada and Babbage, Charles},\n  title = {Sketch},\n  howpublished = {Manuscript},\n  year = {1842},\n}\n";
    std::fs::write(dir.join("profile.yaml"), profile.replace('\n', line_end)).unwrap();
    std::fs::write(dir.join("refs.bib"), bib.replace('\n', line_end)).unwrap();
    dir
}

/// `wrote cv.pdf (1 page, 41 ms)` with the milliseconds left out.
fn without_ms(line: &str) -> String {
    match (line.rfind(", "), line.strip_suffix(" ms)\n")) {
        (Some(at), Some(_)) => format!("{}, … ms)\n", &line[..at]),
        _ => line.to_owned(),
    }
}

#[test]
fn success_prints_one_line_and_quiet_prints_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = one_page_in(temp.path(), "cv", "\n");
    let out = cvgen(&dir, &["pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(without_ms(&stderr(&out)), "wrote cv.pdf (1 page, … ms)\n");
    let out = cvgen(temp.path(), &["pdf", "--profile", "cv/profile.yaml", "-o", "cv/page.png"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let png = Path::new("cv").join("page-1.png");
    assert_eq!(without_ms(&stderr(&out)), format!("wrote {} (1 page, … ms)\n", png.display()));

    let out = cvgen(&dir, &["-q", "pdf", "-o", "quiet.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(dir.join("quiet.pdf").exists());

    let out = cvgen(&dir, &["bib", "-o", "clean.bib"]);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), "wrote clean.bib (2 entries)\n"));
    let out = cvgen(&dir, &["bib", "-o", "clean2.bib", "--key", "notes", "--quiet"]);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));
    // Standard output gets the bytes, stderr no line.
    let out = cvgen(&dir, &["bib"]);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));

    let out = cvgen(&dir, &["check"]);
    assert_eq!(stderr(&out), "checked `profile.yaml` and `refs.bib` (2 entries): no problems found\n");
    let out = cvgen(&dir, &["check", "--quiet"]);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));
}

#[test]
fn quiet_still_prints_warnings_and_errors() {
    let temp = tempfile::tempdir().unwrap();
    let dir = one_page_in(temp.path(), "cv", "\n");
    // A second entry without a year: a warning in `check`.
    let mut bib = read(&dir.join("refs.bib"));
    bib.push_str("\n@misc{undated, author = {Ada Lovelace}, title = {Undated}}\n");
    std::fs::write(dir.join("refs.bib"), bib).unwrap();
    let out = cvgen(&dir, &["check", "-q"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.starts_with("warning: "), "{err}");
    assert!(!err.contains("checked `profile.yaml`"), "{err}");

    // Warnings come before the success line.
    std::fs::write(
        dir.join("refs.bib"),
        "@misc{a, title = {Broken\n@misc{b, author = {Ada Lovelace}, title = {Fine}, year = 1843}\n",
    )
    .unwrap();
    let out = cvgen(&dir, &["pdf", "--keep-going"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.starts_with("warning: "), "{err}");
    assert!(without_ms(&err).ends_with("\nwrote cv.pdf (1 page, … ms)\n"), "{err}");
    let out = cvgen(&dir, &["pdf", "--keep-going", "-q"]);
    let quiet = stderr(&out);
    assert!(quiet.starts_with("warning: ") && !quiet.contains("wrote"), "{quiet}");

    let out = cvgen(&dir, &["pdf", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: no PDF written"), "{}", stderr(&out));
}

#[test]
fn color_follows_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: A\njounral: x\n");
    let plain = cvgen(dir.path(), &["check"]);
    assert!(!stderr(&plain).contains('\x1b'), "colour into a pipe: {}", stderr(&plain));
    assert!(stderr(&plain).starts_with("error: unknown field `jounral`\n"), "{}", stderr(&plain));
    let never = cvgen(dir.path(), &["check", "--color", "never"]);
    assert_eq!(stderr(&never), stderr(&plain));
    let always = cvgen(dir.path(), &["--color", "always", "check"]);
    let colored = stderr(&always);
    assert!(colored.contains("\x1b["), "{colored}");
    assert_eq!(always.status.code(), plain.status.code());
    // The flag wins over NO_COLOR, which only changes `auto` (no-color.org).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cvgen"))
        .args(["pdf", "--color=always"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(stderr(&out).contains("\x1b["), "{}", stderr(&out));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cvgen"))
        .args(["pdf"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\x1b'), "{}", stderr(&out));
    let out = cvgen(dir.path(), &["check", "--color", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn windows_line_ends_and_a_folder_with_a_space_and_an_accent_work_end_to_end() {
    let temp = tempfile::tempdir().unwrap();
    let dir = one_page_in(temp.path(), "CV de José", "\r\n");
    let profile = Path::new("CV de José").join("profile.yaml");
    let profile = profile.to_str().unwrap();

    // From the parent folder, naming the profile through the folder.
    let out = cvgen(temp.path(), &["check", "--profile", profile]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "checked `{profile}` and `{}` (2 entries): no problems found\n",
            Path::new("CV de José").join("refs.bib").display()
        )
    );

    let out = cvgen(temp.path(), &["pdf", "--profile", profile]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = Path::new("CV de José").join("cv.pdf");
    assert_eq!(without_ms(&stderr(&out)), format!("wrote {} (1 page, … ms)\n", pdf.display()));
    let text = pdf_text(&dir.join("cv.pdf"));
    assert_has(&text, "Ada Lovelace");
    assert_has(&text, "Notes on the Analytical Engine");
    assert_has(&text, "Taylor's Scientific Memoirs");

    let output = Path::new("CV de José").join("clean é.bib");
    let out = cvgen(temp.path(), &["bib", "--profile", profile, "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), format!("wrote {} (2 entries)\n", output.display()));
    let bib = read(&dir.join("clean é.bib"));
    assert!(!bib.contains('\r'), "CR in the export: {bib:?}");
    assert!(bib.contains("@article{notes,\n"), "{bib}");

    // Inside the folder, as a user who `cd`s there runs it.
    let out = cvgen(&dir, &["bib"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains('\r'), "CR on stdout: {:?}", stdout(&out));
    let out = cvgen(&dir, &["data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let data: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(data["person"]["name"], "Ada Lovelace");
    assert_eq!(data["person"]["headline"], "Analyst", "a CR left at a line's end");

    // `cvgen init` into a folder with a space and an accent writes `\n` only, and compiles.
    let out = cvgen(temp.path(), &["init", "nouveau CV é"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let new = temp.path().join("nouveau CV é");
    for name in ["profile.yaml", "refs.bib", ".gitignore", "profile.schema.json"] {
        assert!(!read(&new.join(name)).contains('\r'), "{name} has CR line ends");
    }
    let out = cvgen(&new, &["pdf", "-q"]);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));
}
