//! `cvgen data`: prints the JSON a template receives as `/cv.json`, or writes it into a folder as
//! the files a template reads (`--pieces`: the whole model and the same in pieces,
//! [`render::data`]), never over an input.

use super::{inputs, print};
use crate::cli::DataArgs;
use crate::diag::Diagnostic;
use crate::timings::Timings;
use crate::{Failure, Report, pipeline, render, write};

/// Prints the model as JSON on stdout, or writes its files into `--pieces`.
pub fn run(args: &DataArgs, report: &mut Report) -> Result<(), Failure> {
    let inputs = inputs(&args.input);
    let loaded = pipeline::load(&inputs, pipeline::today(), report, &mut Timings::default());
    let mut loaded = loaded.ok_or_else(|| pipeline::failure(&report.diagnostics))?;
    if report.has_errors() {
        return Err(Failure::Content);
    }
    let Some(folder) = &args.pieces else {
        let mut json = render::to_json(&loaded.cv);
        json.push(b'\n');
        return print(&json, report);
    };
    if pipeline::is_stdout(folder) {
        report.diagnostics.push(
            Diagnostic::error("`--pieces` names a folder to write the model's files into, not `-`")
                .hint("print the whole model with `cvgen data`, or name a folder: `--pieces tpl`"),
        );
        return Err(Failure::Usage);
    }
    let mut guard = pipeline::guard::OutputGuard::for_inputs(&inputs);
    guard.loaded(&inputs, &loaded);
    let files = render::ModelFiles::new(&mut loaded.cv);
    for (path, bytes) in files.files() {
        let file = folder.join(path.trim_start_matches('/'));
        if let Err(d) = guard.check(&file) {
            report.diagnostics.push(d);
            return Err(Failure::Usage);
        }
        let parent = file.parent().unwrap_or(folder);
        let written = std::fs::create_dir_all(parent)
            .map_err(|e| {
                Diagnostic::error(format!("cannot create `{}`: {}", parent.display(), pipeline::load::reason(&e)))
                    .hint("check the folder's permissions, or name another with `--pieces`")
            })
            .and_then(|()| write::output(&file, bytes.as_slice()));
        if let Err(d) = written {
            report.diagnostics.push(d);
            return Err(Failure::Content);
        }
    }
    Ok(())
}
