//! `cvgen init [DIR]`: scaffolds a CV folder (a commented `profile.yaml`, a `refs.bib`, a
//! `.gitignore` and the profile's JSON Schema for editors); `cvgen init --eject [THEME] [DIR]`
//! copies a built-in theme into `DIR/templates/` to edit.
//!
//! It never overwrites: if any file it would write exists, it writes nothing and says which.
//! The scaffold is embedded (`src/cmd/init/`) so a fresh folder compiles with `cvgen pdf` as is.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::diag::Diagnostic;
use crate::{Failure, Report, render, write};

/// The files of a new CV folder: (name, text).
const SCAFFOLD: &[(&str, &str)] = &[
    ("profile.yaml", include_str!("init/profile.yaml")),
    ("refs.bib", include_str!("init/refs.bib")),
    (".gitignore", include_str!("init/gitignore")),
];

/// Runs `cvgen init`.
pub fn run(args: &InitArgs, report: &mut Report) -> Result<(), Failure> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    // `cvgen init` in the current folder names the files plainly (`profile.yaml`, not `./…`).
    let dir = if args.dir == Path::new(".") { Path::new("") } else { args.dir.as_path() };
    match &args.eject {
        Some(theme) => {
            let theme_files = render::theme_files(theme).ok_or_else(|| {
                report.diagnostics.push(Diagnostic::error(format!("unknown theme `{theme}`")));
                Failure::Usage
            })?;
            for (name, text) in theme_files {
                files.push((dir.join("templates").join(name), text.to_owned()));
            }
        }
        None => {
            for (name, text) in SCAFFOLD {
                files.push((dir.join(name), (*text).to_owned()));
            }
            let mut schema = serde_json::to_string_pretty(&crate::profile::schema()).expect("a schema is JSON");
            schema.push('\n');
            files.push((dir.join("profile.schema.json"), schema));
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

    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    let cd = if dir.as_os_str().is_empty() { String::new() } else { format!("cd {} && ", dir.display()) };
    let message = match &args.eject {
        Some(theme) => format!(
            "wrote {}\nnext: edit it, then `{cd}cvgen pdf --theme {theme}` (or set `design: {{theme: {theme}}}`) uses your copy\n",
            names.join(", ")
        ),
        None => format!("wrote {}\nnext: `{cd}cvgen pdf` (then edit profile.yaml and refs.bib)\n", names.join(", ")),
    };
    super::print(message.as_bytes(), report)
}
