//! Which files a `cvgen watch` build depends on and what a file event means for it: the
//! profile, bibliographies and citation counts, the template's folder, the font folders, and the
//! build's own outputs (ignored, with their temporary files); the folders to watch, each once;
//! and whether a change left the files as they were ([`Targets::contents`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::{ConsoleConfig, print};
use crate::diag::Diagnostic;
use crate::pipeline::document::{DocumentConfig, Pipeline};
use crate::pipeline::relative_to;
use crate::render::TemplateSource;

/// What changed in a batch of events.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Changes {
    /// The profile or the bibliography.
    pub(super) inputs: bool,
    /// A file in the template's folder.
    pub(super) template: bool,
    /// A font folder.
    pub(super) fonts: bool,
    /// The last event shows a save that is complete (a close after writing, a rename over the
    /// file): the batch need not wait out the debounce.
    pub(super) complete: bool,
}

impl Changes {
    pub(super) fn any(self) -> bool {
        self.inputs || self.template || self.fonts
    }
}

/// The paths a build depends on, as notify reports them (absolute, folders canonical).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Targets {
    /// The profile, the bibliography and the citation counts file (and the files they link to).
    files: Vec<PathBuf>,
    /// Template folders: a user template's folder, the `templates/` folder next to the profile
    /// (whose files replace a built-in theme's), existing or not.
    templates: Vec<PathBuf>,
    /// The files in them that the template reads (found or not): only these matter, so a log
    /// file written next to the template starts no build.
    template_files: Vec<PathBuf>,
    /// Font folders, existing or not (a `fonts/` folder may be created next to the profile).
    fonts: Vec<PathBuf>,
    /// What we write: its events are ours.
    output: Output,
}

/// The files a build writes: the PDF, or one image per page (`cv-1.png`, `cv-2.png`, …).
#[derive(Debug, Default, PartialEq, Eq)]
struct Output {
    /// The path before the page number (the whole path for a PDF).
    prefix: String,
    /// The path after the page number (`.png`); `None` for a PDF.
    suffix: Option<String>,
}

impl Output {
    fn of(config: &DocumentConfig) -> Self {
        let format = config.export.format;
        let pages = crate::render::output::output_paths(&absolute(&config.output), format, 2);
        match &pages[..] {
            [first, second] => {
                let (a, b) = (first.to_string_lossy(), second.to_string_lossy());
                let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x).collect::<String>();
                let rest = &a[prefix.len()..];
                let suffix = rest.trim_start_matches(|c: char| c.is_ascii_digit()).to_owned();
                Self { prefix, suffix: Some(suffix) }
            }
            _ => Self { prefix: absolute(&config.output).to_string_lossy().into_owned(), suffix: None },
        }
    }

    fn contains(&self, path: &Path) -> bool {
        let path = path.to_string_lossy();
        match &self.suffix {
            None => path == self.prefix,
            Some(suffix) => path
                .strip_prefix(&self.prefix)
                .and_then(|rest| rest.strip_suffix(suffix.as_str()))
                .is_some_and(|page| !page.is_empty() && page.chars().all(|c| c.is_ascii_digit())),
        }
    }
}

impl Targets {
    pub(super) fn of(pipeline: &Pipeline) -> Self {
        let config = pipeline.config();
        let mut files = Vec::new();
        let data = config.inputs.bibs.iter().chain(pipeline.data_paths()).map(PathBuf::as_path);
        for file in config.inputs.profiles.iter().map(PathBuf::as_path).chain(data) {
            for path in [Some(absolute(file)), file.canonicalize().ok()].into_iter().flatten() {
                if !files.contains(&path) {
                    files.push(path);
                }
            }
        }
        let mut templates = vec![absolute(&relative_to(config.inputs.profile(), Path::new("templates")))];
        let user_template = config.template.as_deref().map(|t| t.canonicalize().unwrap_or_else(|_| absolute(t)));
        let in_use = pipeline.world().and_then(|world| match world.template() {
            TemplateSource::Folder { root, .. } => Some(root.clone()),
            TemplateSource::Embedded { overrides, .. } => overrides.clone(),
        });
        for dir in user_template.and_then(|t| t.parent().map(Path::to_owned)).into_iter().chain(in_use) {
            if !templates.contains(&dir) {
                templates.push(dir);
            }
        }
        let mut template_files: Vec<PathBuf> =
            pipeline.world().map(|world| world.dependencies().to_vec()).unwrap_or_default();
        template_files.extend(config.template.as_deref().map(|t| t.canonicalize().unwrap_or_else(|_| absolute(t))));
        let fonts = config.font_path.iter().chain(&config.inputs.font_folders()).map(|d| absolute(d)).collect();
        Self { files, templates, template_files, fonts, output: Output::of(config) }
    }

    /// A fingerprint of what the inputs and the template's files hold now (a missing file counts
    /// as missing): equal fingerprints, the same build. Editors that save by renaming a new copy
    /// over the file make the watcher report one save twice (the rename's two halves, then the
    /// pair), and a save may leave a file as it was (`:w`, `touch`).
    pub(super) fn contents(&self) -> u128 {
        let read: Vec<(&PathBuf, Option<Vec<u8>>)> =
            self.files.iter().chain(&self.template_files).map(|path| (path, std::fs::read(path).ok())).collect();
        typst::utils::hash128(&read)
    }

    /// Records in `changes` what `event` changed; returns whether it concerns an input.
    pub(super) fn classify(&self, event: notify::Result<Event>, changes: &mut Changes) -> bool {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            // The watcher lost track (e.g. its queue overflowed): assume everything changed.
            _ => {
                changes.inputs = true;
                changes.template = true;
                return true;
            }
        };
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            // Reads (ours included) and access-time updates change nothing.
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return false,
            _ => {}
        }
        let mut relevant = false;
        let completes = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        for path in &event.paths {
            if self.output.contains(path) || is_temporary(path) {
                continue;
            }
            if self.files.contains(path) {
                changes.inputs = true;
                changes.complete |= completes;
                relevant = true;
            } else if self.template_files.contains(path) || self.templates.contains(path) {
                changes.template = true;
                relevant = true;
            }
            if self.fonts.iter().any(|f| path.starts_with(f)) {
                changes.fonts = true;
                relevant = true;
            }
        }
        relevant
    }

    /// The folders to watch: each file's folder, the template folder and each font folder
    /// (recursively), or the nearest existing parent of a folder that does not exist yet.
    fn folders(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut wanted: BTreeMap<PathBuf, RecursiveMode> = BTreeMap::new();
        for file in &self.files {
            if let Some(dir) = file.parent() {
                wanted.entry(dir.to_owned()).or_insert(RecursiveMode::NonRecursive);
            }
        }
        for tree in self.templates.iter().chain(&self.fonts) {
            if tree.is_dir() {
                wanted.insert(tree.clone(), RecursiveMode::Recursive);
            } else if let Some(parent) = tree.ancestors().skip(1).find(|p| p.is_dir()) {
                wanted.entry(parent.to_owned()).or_insert(RecursiveMode::NonRecursive);
            }
        }
        // A folder inside a recursively watched one is already watched.
        let recursive: Vec<PathBuf> =
            wanted.iter().filter(|(_, mode)| **mode == RecursiveMode::Recursive).map(|(p, _)| p.clone()).collect();
        wanted.retain(|path, _| !recursive.iter().any(|r| path != r && path.starts_with(r)));
        wanted
    }
}

/// Whether `path` is the temporary file of an atomic write of ours.
fn is_temporary(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".cvgen-") && n.ends_with(".tmp"))
}

/// `path` as notify reports it: the canonical folder joined with the file name.
fn absolute(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    match (dir.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
    }
}

/// The folders being watched.
#[derive(Default)]
pub(super) struct Watches {
    current: BTreeMap<PathBuf, RecursiveMode>,
    failed: Vec<PathBuf>,
}

impl Watches {
    /// Watches what `targets` needs and stops watching what it no longer needs.
    pub(super) fn update(&mut self, watcher: &mut RecommendedWatcher, targets: &Targets, console: ConsoleConfig) {
        let wanted = targets.folders();
        let stale: Vec<PathBuf> =
            self.current.iter().filter(|(p, mode)| wanted.get(*p) != Some(*mode)).map(|(p, _)| p.clone()).collect();
        for path in stale {
            let _ = watcher.unwatch(&path);
            self.current.remove(&path);
        }
        for (path, mode) in wanted {
            if self.current.contains_key(&path) {
                continue;
            }
            match watcher.watch(&path, mode) {
                Ok(()) => {
                    self.current.insert(path.clone(), mode);
                    self.failed.retain(|p| *p != path);
                }
                Err(error) if !self.failed.contains(&path) => {
                    let d = Diagnostic::warning(format!("cannot watch `{}`: {error}", path.display()))
                        .hint("changes there are not seen until the next build");
                    print(console, &[d]);
                    self.failed.push(path);
                }
                Err(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::CreateKind;

    fn targets() -> Targets {
        Targets {
            files: vec![PathBuf::from("/cv/profile.yaml"), PathBuf::from("/cv/refs.bib")],
            templates: vec![PathBuf::from("/cv/tpl")],
            template_files: vec![PathBuf::from("/cv/tpl/cv.typ"), PathBuf::from("/cv/tpl/parts/header.typ")],
            fonts: vec![PathBuf::from("/cv/fonts")],
            output: Output { prefix: "/cv/cv.pdf".to_owned(), suffix: None },
        }
    }

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        Ok(Event { kind, paths: paths.iter().map(PathBuf::from).collect(), attrs: Default::default() })
    }

    fn classify(kind: EventKind, paths: &[&str]) -> Changes {
        let mut changes = Changes::default();
        targets().classify(event(kind, paths), &mut changes);
        changes
    }

    #[test]
    fn rename_over_the_profile_is_a_change() {
        let kind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let changes = classify(kind, &["/cv/.profile.yaml.swp", "/cv/profile.yaml"]);
        // A rename over the file is a complete save: no debounce.
        assert_eq!(changes, Changes { inputs: true, complete: true, ..Changes::default() });
        let changes = classify(EventKind::Access(AccessKind::Close(AccessMode::Write)), &["/cv/refs.bib"]);
        assert_eq!(changes, Changes { inputs: true, complete: true, ..Changes::default() });
        // A write alone may be the first of several.
        let changes = classify(EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any)), &["/cv/refs.bib"]);
        assert_eq!(changes, Changes { inputs: true, ..Changes::default() });
    }

    #[test]
    fn reads_output_and_other_files_are_ignored() {
        assert!(!classify(EventKind::Access(AccessKind::Open(AccessMode::Read)), &["/cv/profile.yaml"]).any());
        assert!(!classify(EventKind::Create(CreateKind::File), &["/cv/.cvgen-Ab12.tmp"]).any());
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/cv.pdf"]).any());
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/notes.txt"]).any());
        // A log written next to the template is not part of it.
        assert!(!classify(EventKind::Modify(ModifyKind::Any), &["/cv/tpl/watch.log"]).any());
    }

    #[test]
    fn template_and_font_changes() {
        let changes = classify(EventKind::Create(CreateKind::File), &["/cv/tpl/parts/header.typ"]);
        assert_eq!(changes, Changes { template: true, ..Changes::default() });
        let changes = classify(EventKind::Create(CreateKind::Folder), &["/cv/fonts"]);
        assert_eq!(changes, Changes { fonts: true, ..Changes::default() });
    }

    #[test]
    fn image_pages_are_ours() {
        let output = Output { prefix: "/cv/cv-".to_owned(), suffix: Some(".png".to_owned()) };
        assert!(output.contains(Path::new("/cv/cv-1.png")));
        assert!(output.contains(Path::new("/cv/cv-12.png")));
        assert!(!output.contains(Path::new("/cv/cv-logo.png")));
        assert!(!output.contains(Path::new("/cv/cv-.png")));
    }

    #[test]
    fn nested_folders_are_watched_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("fonts")).unwrap();
        let t = Targets {
            files: vec![root.join("profile.yaml")],
            templates: vec![root.clone()],
            template_files: Vec::new(),
            fonts: vec![root.join("fonts"), root.join("missing/fonts")],
            output: Output::default(),
        };
        let folders = t.folders();
        assert_eq!(folders.into_iter().collect::<Vec<_>>(), [(root, RecursiveMode::Recursive)]);
    }
}
