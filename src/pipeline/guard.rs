//! The one rule for where an output may go, for every verb: never over a file the project reads
//! (the profile and its overlays, the bibliography files, the citation counts, the template and
//! the files it reads, fonts), never into the folders read whole (`fonts/` and `templates/` next
//! to a profile, `--font-path`), and not through a symlink to any of them. An output that is a
//! symlink to anything else is followed (the writer replaces the file it points to and keeps the
//! link).
//!
//! It looks at the file system (which path a name resolves to) and reads nothing.

use std::path::{Path, PathBuf};

use super::{Inputs, is_stdout};
use crate::diag::Diagnostic;

/// What the outputs of one run may not replace. Built from the inputs before anything is read
/// ([`OutputGuard::for_inputs`]), then told what loading and typesetting read.
#[derive(Debug, Clone, Default)]
pub struct OutputGuard {
    /// Files read, as named.
    files: Vec<PathBuf>,
    /// Folders whose every file may be read, as named, with what they hold (`fonts`).
    folders: Vec<(PathBuf, &'static str)>,
}

impl OutputGuard {
    /// What a run of `inputs` reads before it has read anything: the profile files, the
    /// command line's bibliographies, and the `fonts/` and `templates/` folders next to each
    /// profile file.
    pub fn for_inputs(inputs: &Inputs) -> Self {
        let mut guard = Self::default();
        guard.files(inputs.profile_files().into_iter().map(Path::to_owned));
        guard.files(inputs.bibs.iter().cloned());
        for folder in inputs.font_folders() {
            guard.folder(folder, "fonts");
        }
        for profile in inputs.profile_files() {
            guard.folder(super::relative_to(profile, Path::new("templates")), "theme files");
        }
        guard
    }

    /// Adds files the run reads.
    pub fn files(&mut self, files: impl IntoIterator<Item = PathBuf>) {
        for file in files {
            if !self.files.contains(&file) {
                self.files.push(file);
            }
        }
    }

    /// Adds a folder the run reads files from (`what` it holds, for the message).
    pub fn folder(&mut self, folder: PathBuf, what: &'static str) {
        if !self.folders.iter().any(|(f, _)| *f == folder) {
            self.folders.push((folder, what));
        }
    }

    /// Adds what the profile names: its files (overlays included), its bibliography files, the
    /// citation counts and its own template (`design.template`).
    pub fn profile(&mut self, inputs: &Inputs, profile: &crate::profile::Profile) {
        self.files(profile.origin.files().map(Path::to_owned));
        self.files(super::library::sources(inputs, Some(profile)).into_iter().map(|s| s.path));
        self.files(super::citations::path(inputs, profile));
        if let Some(template) = &profile.design.template {
            self.files([super::relative_to(inputs.profile(), template)]);
        }
    }

    /// Adds what loading the project found it reads: [`OutputGuard::profile`]'s files and the
    /// bibliography files as read.
    pub fn loaded(&mut self, inputs: &Inputs, loaded: &super::Loaded) {
        self.profile(inputs, &loaded.profile);
        self.files(loaded.bib_paths());
    }

    /// Refuses `output` when writing it would replace a file the run reads or put a file in a
    /// folder it reads (standard output is always fine). The error is a usage error's.
    pub fn check(&self, output: &Path) -> Result<(), Diagnostic> {
        if is_stdout(output) {
            return Ok(());
        }
        // Symlinks resolved: a link to an input is that input (`crate::write` follows it too).
        let real = canonical(output);
        if let Some(file) = self.files.iter().find(|file| canonical(file) == real) {
            let link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
            let via = if link && file.as_path() != output {
                format!(" (through the symlink `{}`)", output.display())
            } else {
                String::new()
            };
            return Err(Diagnostic::error(format!("the output `{}` is also an input{via}", output.display()))
                .hint("choose another `--output`; cvgen never overwrites its inputs"));
        }
        if let Some((folder, what)) = self.folders.iter().find(|(folder, _)| real.starts_with(canonical(folder))) {
            return Err(Diagnostic::error(format!(
                "the output `{}` is in `{}`, which cvgen reads {what} from",
                output.display(),
                folder.display()
            ))
            .hint("choose an `--output` outside that folder"));
        }
        Ok(())
    }
}

/// `path` with symlinks resolved and made absolute, as far as it exists: a file not yet written
/// is its folder's canonical path joined with its name.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => absolute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_their_folders_and_symlinks_to_them_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("profile.yaml"), "name: X\n").unwrap();
        std::fs::create_dir(at("fonts")).unwrap();
        std::fs::write(at("fonts/X.otf"), "").unwrap();
        let guard = OutputGuard::for_inputs(&Inputs::new(at("profile.yaml"), vec![at("refs.bib")]));
        assert!(guard.check(Path::new("-")).is_ok());
        assert!(guard.check(&at("cv.pdf")).is_ok());
        assert!(guard.check(&at("refs.bib")).is_err(), "a --bib that does not exist yet is still an input");
        assert!(guard.check(&at("./profile.yaml")).is_err());
        let font = guard.check(&at("fonts/X.otf")).unwrap_err();
        assert!(font.message.contains("which cvgen reads fonts from"), "{}", font.message);
        assert!(guard.check(&at("templates/classic.typ")).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(at("profile.yaml"), at("link.pdf")).unwrap();
            let d = guard.check(&at("link.pdf")).unwrap_err();
            assert!(d.message.contains("through the symlink"), "{}", d.message);
        }
    }
}
