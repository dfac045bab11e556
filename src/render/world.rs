//! The sandboxed `typst::World` cvgen compiles in, built as typst-cli builds its own: on
//! typst-kit's [`FileStore`] (which caches the files and lists what a compile asked for), with a
//! file loader of cvgen's own ([`TemplateFiles`]) that is the sandbox.
//!
//! It serves exactly: the template's files (embedded, a `templates/` folder's file replacing the
//! embedded one of the same name; or read from the template's own folder and nowhere else), the
//! model as virtual files from memory (`/cv.json` and its pieces, [`super::data`]), the fonts
//! cvgen loaded ([`Fonts`]), and a fixed "today". No package is ever downloaded, no system font
//! is scanned unless asked, and a path that leaves the template folder (`../`, an absolute path,
//! a symlink out) is refused.
//! The files on disk a compile asked for are the world's [`CvWorld::dependencies`]: what a build
//! reports it read, and what `cvgen watch` watches. File access: the template's folder, read only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::ecow::eco_format;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore};

use super::data::ModelFiles;
use super::fonts::Fonts;
use crate::date::Day;

/// Where a template's files come from.
#[derive(Debug, Clone)]
pub enum TemplateSource {
    /// Built into the binary: file name → text.
    Embedded {
        /// The entry file, e.g. `classic.typ`.
        main: &'static str,
        /// All embedded template files.
        files: &'static [(&'static str, &'static str)],
        /// A folder whose files replace the embedded files of the same name (the `templates/`
        /// folder next to the profile, canonical), as mdBook's theme folder does.
        overrides: Option<PathBuf>,
    },
    /// A folder on disk; `main` is relative to it.
    Folder {
        /// The template folder (canonical).
        root: PathBuf,
        /// The entry file name inside it.
        main: String,
    },
}

/// The files a template may read, served to typst-kit's [`FileStore`] (which caches them and
/// lists what a compile asked for): the sandbox.
///
/// The model's files come from memory; any other project file from the embedded set (a file of
/// the same name in the overrides folder replacing it) or from the template's folder, and never from
/// outside that folder; a package, never.
pub struct TemplateFiles {
    template: TemplateSource,
    model: ModelFiles,
}

impl TemplateFiles {
    /// The file on disk `id` stands for, found or not (a change to it changes the document):
    /// none for the model's files, a package, or an embedded file without an overrides folder.
    fn path(&self, id: FileId) -> Option<PathBuf> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return None;
        }
        let path = id.vpath().get_without_slash();
        if ModelFiles::owns(&format!("/{path}")) {
            return None;
        }
        match &self.template {
            TemplateSource::Folder { root, .. } => Some(root.join(path)),
            TemplateSource::Embedded { overrides: Some(dir), .. } => Some(dir.join(path)),
            TemplateSource::Embedded { overrides: None, .. } => None,
        }
    }
}

impl FileLoader for TemplateFiles {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(eco_format!(
                "`@{}/{}:{}`: cvgen never downloads packages",
                spec.namespace,
                spec.name,
                spec.version
            )))));
        }
        let path = id.vpath().get_without_slash();
        let absolute = format!("/{path}");
        if ModelFiles::owns(&absolute) {
            return self.model.get(&absolute).ok_or_else(|| FileError::NotFound(PathBuf::from(absolute)));
        }
        match &self.template {
            TemplateSource::Embedded { files, overrides, .. } => {
                if let Some(dir) = overrides.as_deref().filter(|dir| dir.join(path).is_file()) {
                    return read_in(dir, path);
                }
                files
                    .iter()
                    .find(|(name, _)| *name == path)
                    .map(|(_, text)| Bytes::from_string(*text))
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(path)))
            }
            TemplateSource::Folder { root, .. } => read_in(root, path),
        }
    }
}

/// One compilation's world: template, data, fonts, today.
///
/// A world can be kept and compiled again after [`CvWorld::set_model`]: every compile reads the
/// template's files afresh ([`CvWorld::compile`]), but a file whose text is unchanged keeps its
/// parsed source, and Typst's memoization, which is global to the process, then reuses most of
/// the previous compile (`cvgen watch`).
pub struct CvWorld<'a> {
    library: &'static LazyHash<Library>,
    fonts: &'a Fonts,
    main: FileId,
    files: FileStore<TemplateFiles>,
    today: Datetime,
    /// The files on disk the last compile asked for, found or not.
    dependencies: Vec<PathBuf>,
}

impl<'a> CvWorld<'a> {
    /// A world serving `template` with `model` as its data files, on `today`.
    pub fn new(template: TemplateSource, model: ModelFiles, fonts: &'a Fonts, today: Day) -> Self {
        let main_name = match &template {
            TemplateSource::Embedded { main, .. } => (*main).to_owned(),
            TemplateSource::Folder { main, .. } => main.clone(),
        };
        let main = file_id(&format!("/{main_name}"));
        // The standard library is the same for every world: built and hashed once per process.
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        Self {
            library: LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build())),
            fonts,
            main,
            files: FileStore::new(TemplateFiles { template, model }),
            today: datetime(today),
            dependencies: Vec::new(),
        }
    }

    /// The template this world serves.
    pub fn template(&self) -> &TemplateSource {
        &self.files.loader().template
    }

    /// The model's files this world serves.
    pub fn model(&self) -> &ModelFiles {
        &self.files.loader().model
    }

    /// Serves `model` from the next compile on; the files it shares with the model served so far
    /// keep their bytes (and so their hashes: an edit to one paper is one new file for Typst).
    pub fn set_model(&mut self, mut model: ModelFiles) {
        let loader = self.files.loader_mut();
        model.reuse(&loader.model);
        loader.model = model;
    }

    /// Sets the date `datetime.today()` returns.
    pub fn set_today(&mut self, today: Day) {
        self.today = datetime(today);
    }

    /// The files on disk the last compile asked for (imported, included or read), found or not,
    /// sorted: typst-kit's [`FileStore::dependencies`], as paths. The model's files and the embedded
    /// files are none of them; a `templates/` folder's file that would override one is.
    pub fn dependencies(&self) -> &[PathBuf] {
        &self.dependencies
    }

    /// Runs `compile` in this world, the files read afresh (a template edited on disk is seen,
    /// the model is the one set last), and keeps the files it asked for as the world's
    /// [`dependencies`](Self::dependencies).
    pub fn compile<T>(&mut self, compile: impl FnOnce(&Self) -> T) -> T {
        self.files.reset();
        let output = compile(self);
        let (loader, ids) = self.files.dependencies();
        let mut paths: Vec<PathBuf> = ids.filter_map(|id| loader.path(id)).collect();
        paths.sort();
        paths.dedup();
        self.dependencies = paths;
        output
    }

    /// How a file id reads in messages: the template-relative path, or the real file.
    pub fn display_path(&self, id: FileId) -> PathBuf {
        let vpath = id.vpath().get_without_slash().to_owned();
        match self.template() {
            TemplateSource::Embedded { .. } => PathBuf::from("templates").join(vpath),
            // Relative to the working folder when inside it, as the user likely named it.
            TemplateSource::Folder { root, .. } => shown(&root.join(vpath)),
        }
    }
}

/// `today` as Typst's date (1970-01-01 for a day Typst cannot represent).
fn datetime(today: Day) -> Datetime {
    Datetime::from_ymd(today.year, today.month, today.day)
        .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("1970-01-01 is a valid date"))
}

/// Reads `path` inside the template folder `root` (canonical), refusing to leave it.
fn read_in(root: &Path, path: &str) -> FileResult<Bytes> {
    let candidate = root.join(path);
    // Messages name the file as the user sees it (relative to the working folder when inside).
    let real = candidate.canonicalize().map_err(|e| FileError::from_io(e, &shown(&candidate)))?;
    if !real.starts_with(root) {
        // A symlink (or a path Typst let through) that leads out of the folder.
        return Err(FileError::Other(Some(eco_format!(
            "`{path}` leads outside the template folder, to `{}`",
            real.display()
        ))));
    }
    std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &shown(&candidate)))
}

/// `path` relative to the working folder when it is inside it, else as is.
fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().and_then(|d| d.canonicalize());
    cwd.ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf)).unwrap_or_else(|| path.to_owned())
}

/// Rewrites Typst's hints about file access for cvgen, where the sandbox is the template folder:
/// typst-cli's `--root` does not exist here, and a missing file deserves the reason it might be
/// missing. `message` is Typst's message for the diagnostic.
pub fn sandbox_hints(message: &str, hints: &mut Vec<String>) {
    hints.retain(|h| !h.contains("`--root`") && !h.contains("project sandbox"));
    let hint = if message.contains("would escape the project root")
        || message.contains("leads outside the template folder")
    {
        "a template can read only the files in its own folder (and the model: `/cv.json`, `/cv/outline.json`, `/cv/papers/N.json`); copy the file there"
    } else if message.contains("file not found") {
        "paths are relative to the template file, and `/` is the template folder, not the root of the disk"
    } else if message.contains("never downloads packages") {
        "copy the package's files into the template folder and import them by path (`#import \"lib.typ\": *`)"
    } else {
        return;
    };
    hints.push(hint.to_owned());
}

/// The id of a project file at `path` (which must be absolute and normal).
pub fn file_id(path: &str) -> FileId {
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("a constant path is valid"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for CvWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;
    use crate::render::{Budget, FontSet, compile};

    const TODAY: Day = Day { year: 2025, month: 11, day: 29 };

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn compiles(world: &mut CvWorld) -> bool {
        compile(world, &mut Sources::default(), &Budget::default()).document.is_some()
    }

    #[test]
    fn dependencies_are_the_files_on_disk_the_last_compile_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "main.typ", "#import \"parts.typ\": x\n#x #json(\"/cv.json\").name\n");
        write(&root, "parts.typ", "#let x = 1\n");
        let fonts = FontSet::load(&[], false);
        let template = TemplateSource::Folder { root: root.clone(), main: "main.typ".into() };
        let mut world = CvWorld::new(template, ModelFiles::whole(br#"{"name": "Ada"}"#.to_vec()), &fonts, TODAY);
        assert!(compiles(&mut world));
        assert_eq!(world.dependencies(), [root.join("main.typ"), root.join("parts.typ")]);
        // A file asked for and not found is one too: creating it changes the document.
        write(&root, "main.typ", "#import \"missing.typ\": x\n");
        assert!(!compiles(&mut world));
        assert_eq!(world.dependencies(), [root.join("main.typ"), root.join("missing.typ")]);
    }

    #[test]
    fn a_kept_world_reads_an_edited_template_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "main.typ", "#import \"parts.typ\": x\n#x\n");
        write(&root, "parts.typ", "#let x = 1\n");
        let fonts = FontSet::load(&[], false);
        let template = TemplateSource::Folder { root: root.clone(), main: "main.typ".into() };
        let mut world = CvWorld::new(template, ModelFiles::whole(b"{}".to_vec()), &fonts, TODAY);
        assert!(compiles(&mut world));
        write(&root, "parts.typ", "#let y = 1\n");
        assert!(!compiles(&mut world), "the edited partial no longer defines `x`");
    }

    #[test]
    fn an_embedded_template_depends_only_on_the_overrides_it_could_read() {
        const FILES: &[(&str, &str)] = &[("a.typ", "#import \"b.typ\": x\n#x\n"), ("b.typ", "#let x = 1\n")];
        let fonts = FontSet::load(&[], false);
        let embedded = TemplateSource::Embedded { main: "a.typ", files: FILES, overrides: None };
        let mut world = CvWorld::new(embedded, ModelFiles::whole(b"{}".to_vec()), &fonts, TODAY);
        assert!(compiles(&mut world));
        assert!(world.dependencies().is_empty());

        let dir = tempfile::tempdir().unwrap();
        let overrides = dir.path().canonicalize().unwrap();
        // The override replaces the embedded `b.typ`: `x` is gone, so the compile fails.
        write(&overrides, "b.typ", "#let y = 2\n");
        let embedded = TemplateSource::Embedded { main: "a.typ", files: FILES, overrides: Some(overrides.clone()) };
        let mut world = CvWorld::new(embedded, ModelFiles::whole(b"{}".to_vec()), &fonts, TODAY);
        assert!(!compiles(&mut world));
        assert_eq!(world.dependencies(), [overrides.join("a.typ"), overrides.join("b.typ")]);
    }
}
