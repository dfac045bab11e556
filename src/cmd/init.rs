//! `cvgen init [DIR]`: scaffolds a CV folder (a commented `profile.yaml`, a `refs.bib`, a
//! `.gitignore` and the profile's JSON Schema for editors); `cvgen init --eject [THEME] [DIR]`
//! copies a built-in theme into `DIR/templates/` to edit; `cvgen init --ci github|gitlab [DIR]`
//! adds a CI workflow that installs a released cvgen, checks the CV and builds the PDF.
//!
//! It never overwrites: if any file it would write exists, it writes nothing and says which.
//! The scaffold and the workflows are embedded (`src/cmd/init/`) so a fresh folder compiles with
//! `cvgen pdf` as is. Paths are joined component by component, never with a `/` in a string.

use std::path::{Path, PathBuf};

use super::ConsoleConfig;
use crate::cli::{CiService, InitArgs};
use crate::diag::Diagnostic;
use crate::{Failure, Report, render, write};

/// The files of a new CV folder: (name, text).
const SCAFFOLD: &[(&str, &str)] = &[
    ("profile.yaml", include_str!("init/profile.yaml")),
    ("refs.bib", include_str!("init/refs.bib")),
    (".gitignore", include_str!("init/gitignore")),
];

/// The GitHub workflow `cvgen init --ci github` writes, before [`ci_workflow`] fills it in.
const GITHUB_WORKFLOW: &str = include_str!("init/github-cv.yml");

/// The GitLab pipeline `cvgen init --ci gitlab` writes, before [`ci_workflow`] fills it in.
const GITLAB_PIPELINE: &str = include_str!("init/gitlab-ci.yml");

/// The owner of the repository in `Cargo.toml` while it is the placeholder.
const PLACEHOLDER_OWNER: &str = "OWNER";

/// Runs `cvgen init`.
pub fn run(args: &InitArgs, console: ConsoleConfig, report: &mut Report) -> Result<(), Failure> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    // `cvgen init` in the current folder names the files plainly (`profile.yaml`, not `./…`).
    let dir = if args.dir == Path::new(".") { Path::new("") } else { args.dir.as_path() };
    match (&args.eject, args.ci) {
        (_, Some(service)) => {
            let path = match service {
                CiService::Github => dir.join(".github").join("workflows").join("cv.yml"),
                CiService::Gitlab => dir.join(".gitlab-ci.yml"),
            };
            files.push((path, ci_workflow(service, env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_VERSION"))));
        }
        (Some(theme), None) => {
            if let Some(d) = crate::profile::unknown_theme(theme) {
                report.diagnostics.push(d);
                return Err(Failure::Usage);
            }
            let theme_files = render::theme_files(theme)
                .expect("every name of `THEMES` is a built-in template (render::theme_files)");
            for (name, text) in theme_files {
                files.push((dir.join("templates").join(name), text.to_owned()));
            }
        }
        (None, None) => {
            for (name, text) in SCAFFOLD {
                files.push((dir.join(name), (*text).to_owned()));
            }
            let mut schema = serde_json::to_string_pretty(&crate::profile::schema()).expect("a schema is JSON");
            schema.push('\n');
            files.push((dir.join("profile.schema.json"), schema));
        }
    }

    // Embedded from a checkout that may have `\r\n` line ends (Git on Windows): written with `\n`.
    for (_, text) in &mut files {
        if text.contains('\r') {
            *text = text.replace("\r\n", "\n");
        }
    }
    let existing: Vec<&PathBuf> = files.iter().map(|(path, _)| path).filter(|path| path.exists()).collect();
    if !existing.is_empty() {
        let list: Vec<String> = existing.iter().map(|p| format!("`{}`", p.display())).collect();
        report.diagnostics.push(
            Diagnostic::error(format!("{} already exist{}", list.join(", "), if list.len() == 1 { "s" } else { "" }))
                .hint("cvgen init never overwrites: choose another folder, or move these files away first"),
        );
        return Err(Failure::Usage);
    }
    for (path, text) in &files {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            report.diagnostics.push(
                Diagnostic::error(format!("cannot create `{}`: {e}", parent.display()))
                    .hint("check that the folder can be written"),
            );
            Failure::Content
        })?;
        write::atomic(path, text.as_bytes()).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content
        })?;
    }

    if console.quiet {
        return Ok(());
    }
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    let cd = if dir.as_os_str().is_empty() { String::new() } else { format!("cd {} && ", dir.display()) };
    let message = match (&args.eject, args.ci) {
        (_, Some(_)) => format!(
            "wrote {}\nnext: commit and push it; every push builds cv.pdf, and a warning of `cvgen check` fails the build\n",
            names.join(", ")
        ),
        (Some(theme), None) => format!(
            "wrote {}\nnext: edit it, then `{cd}cvgen pdf --theme {theme}` (or set `design: {{theme: {theme}}}`) uses your copy\n",
            names.join(", ")
        ),
        (None, None) => {
            format!("wrote {}\nnext: `{cd}cvgen pdf` (then edit profile.yaml and refs.bib)\n", names.join(", "))
        }
    };
    super::print(message.as_bytes(), report)
}

/// The CI file for `service`, installing cvgen `version` from the releases of `repository`
/// (`https://github.com/OWNER/NAME`, as in `Cargo.toml`; the placeholder is marked as such).
pub fn ci_workflow(service: CiService, repository: &str, version: &str) -> String {
    let repo = repository.trim_end_matches('/').trim_start_matches("https://github.com/");
    let repo = if repo.starts_with(&format!("{PLACEHOLDER_OWNER}/")) {
        format!("{repo} # placeholder: the GitHub repository that publishes cvgen's releases")
    } else {
        repo.to_owned()
    };
    let template = match service {
        CiService::Github => GITHUB_WORKFLOW,
        CiService::Gitlab => GITLAB_PIPELINE,
    };
    template.replace("{cvgen_repo}", &repo).replace("{cvgen_version}", &format!("v{version}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_workflow_names_the_repository_and_the_version() {
        let text = ci_workflow(CiService::Github, "https://github.com/someone/cvgen", "1.2.3");
        assert!(text.contains("\n  CVGEN_REPO: someone/cvgen\n  CVGEN_VERSION: v1.2.3\n"), "{text}");
        assert!(!text.contains("placeholder") && !text.contains("{cvgen_"), "{text}");
        let text = ci_workflow(CiService::Gitlab, "https://github.com/OWNER/cvgen", "0.1.0");
        assert!(text.contains("\n  CVGEN_REPO: OWNER/cvgen # placeholder: "), "{text}");
    }
}
