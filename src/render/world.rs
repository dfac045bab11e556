//! The sandboxed `typst::World` cvgen compiles in.
//!
//! It serves exactly: the template's files (embedded, or read from the template's own folder and
//! nowhere else), the model as the virtual file `/cv.json`, the fonts cvgen loaded, and a fixed
//! "today". No package is ever downloaded, no system font is scanned unless asked, and a path that
//! leaves the template folder (`../`, an absolute path, a symlink out) is refused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::ecow::eco_format;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use crate::date::Day;

/// The virtual path of the model.
pub const DATA_PATH: &str = "/cv.json";

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

/// Fonts loaded once per process and shared by every compile.
pub struct Fonts {
    store: FontStore,
    /// The font files read from font folders (not the system's), which an output may not replace.
    files: Vec<PathBuf>,
}

impl Fonts {
    /// The fonts embedded in the binary, plus every font file in `extra_dirs`.
    pub fn load(extra_dirs: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        store.extend(super::fonts::embedded());
        let mut files = Vec::new();
        for dir in extra_dirs {
            store.extend(scan_dir(dir, &mut files));
        }
        Self { store, files }
    }

    /// Every font file read from the font folders (`fonts/`, `--font-path`), in the order read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// [`Fonts::load`], plus every font installed on the system (`--system-fonts`), found the
    /// way Typst finds them (fontconfig's folders on Linux, the usual folders elsewhere).
    pub fn load_with_system(extra_dirs: &[PathBuf]) -> Self {
        let mut fonts = Self::load(extra_dirs);
        fonts.store.extend(typst_kit::fonts::system());
        fonts
    }

    /// The embedded fonts only, loaded once for the whole process.
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::load(&[]))
    }

    /// Whether some loaded font has a glyph for `c` (Typst falls back across all fonts).
    pub fn covers(&self, c: char) -> bool {
        let book = self.store.book();
        (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32))
    }

    /// The families of the loaded fonts that can set Chinese, Japanese or Korean, serif ones
    /// and sans-serif ones apart, in the order loaded: what a template lists after its own font
    /// so a native-script name comes out in a matching face.
    pub fn cjk_families(&self) -> (Vec<String>, Vec<String>) {
        let book = self.store.book();
        let (mut serif, mut sans) = (Vec::new(), Vec::new());
        for info in (0..).map_while(|i| book.info(i)) {
            if !['汉', 'あ', '한'].iter().any(|c| info.coverage.contains(*c as u32)) {
                continue;
            }
            let is_serif = info.flags.contains(typst::text::FontFlags::SERIF)
                || ["serif", "mincho", "song", "ming"].iter().any(|w| info.family.to_lowercase().contains(w))
                    && !info.family.to_lowercase().contains("sans");
            let list = if is_serif { &mut serif } else { &mut sans };
            if !list.contains(&info.family) {
                list.push(info.family.clone());
            }
        }
        (serif, sans)
    }

    /// The font families available, for messages.
    pub fn families(&self) -> Vec<String> {
        self.store.book().families().map(|(name, _)| name.to_owned()).collect()
    }
}

/// Reads `.ttf`, `.otf`, `.ttc` and `.otc` files under `dir` (recursively), adding each file
/// read to `files`.
fn scan_dir(dir: &Path, files: &mut Vec<PathBuf>) -> Vec<(Font, typst::text::FontInfo)> {
    let mut out = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else { return out };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            out.extend(scan_dir(&path, files));
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            continue;
        }
        if let Ok(data) = std::fs::read(&path) {
            files.push(path);
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                out.push((font, info));
            }
        }
    }
    out
}

/// One compilation's world: template, data, fonts, today.
///
/// A world can be kept and compiled again after [`CvWorld::set_data`]: the template sources it
/// parsed stay cached (until [`CvWorld::reset`]), and Typst's memoization, which is global to
/// the process, then reuses most of the previous compile (`cvgen watch`).
pub struct CvWorld<'a> {
    library: &'static LazyHash<Library>,
    fonts: &'a Fonts,
    template: TemplateSource,
    main: FileId,
    data: Bytes,
    today: Datetime,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// Every template file on disk a compile asked for, found or not (`cvgen watch` rebuilds
    /// when one of them changes).
    asked: Mutex<std::collections::BTreeSet<PathBuf>>,
}

impl<'a> CvWorld<'a> {
    /// A world serving `template` with `data` as `/cv.json`.
    pub fn new(template: TemplateSource, data: Vec<u8>, fonts: &'a Fonts, today: Day) -> Self {
        let main_name = match &template {
            TemplateSource::Embedded { main, .. } => (*main).to_owned(),
            TemplateSource::Folder { main, .. } => main.clone(),
        };
        let main = file_id(&format!("/{main_name}"));
        let today = Datetime::from_ymd(today.year, today.month, today.day)
            .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("1970-01-01 is a valid date"));
        // The standard library is the same for every world: built and hashed once per process.
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        Self {
            library: LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build())),
            fonts,
            template,
            main,
            data: Bytes::new(data),
            today,
            sources: Mutex::new(HashMap::new()),
            asked: Mutex::default(),
        }
    }

    /// The template this world serves.
    pub fn template(&self) -> &TemplateSource {
        &self.template
    }

    /// The JSON served as `/cv.json`.
    pub fn data(&self) -> &[u8] {
        self.data.as_slice()
    }

    /// Serves `data` as `/cv.json` from now on.
    pub fn set_data(&mut self, data: Vec<u8>) {
        self.data = Bytes::new(data);
        // Diagnostics may have cached the data file as a source; it is stale now.
        self.sources.get_mut().unwrap_or_else(|poison| poison.into_inner()).remove(&file_id(DATA_PATH));
    }

    /// Sets the date `datetime.today()` returns.
    pub fn set_today(&mut self, today: Day) {
        self.today = Datetime::from_ymd(today.year, today.month, today.day).unwrap_or(self.today);
    }

    /// The template files on disk that compiles in this world asked for, found or not.
    pub fn asked(&self) -> Vec<PathBuf> {
        self.asked.lock().unwrap_or_else(|poison| poison.into_inner()).iter().cloned().collect()
    }

    /// Forgets the template sources read so far (after the template's files changed).
    pub fn reset(&mut self) {
        self.sources.get_mut().unwrap_or_else(|poison| poison.into_inner()).clear();
    }

    /// How a file id reads in messages: the template-relative path, or the real file.
    pub fn display_path(&self, id: FileId) -> PathBuf {
        let vpath = id.vpath().get_without_slash().to_owned();
        match &self.template {
            TemplateSource::Embedded { .. } => PathBuf::from("templates").join(vpath),
            // Relative to the working folder when inside it, as the user likely named it.
            TemplateSource::Folder { root, .. } => shown(&root.join(vpath)),
        }
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(eco_format!(
                "`@{}/{}:{}`: cvgen never downloads packages",
                spec.namespace,
                spec.name,
                spec.version
            )))));
        }
        let path = id.vpath().get_without_slash();
        if format!("/{path}") == DATA_PATH {
            return Ok(self.data.clone());
        }
        let mut asked = self.asked.lock().unwrap_or_else(|poison| poison.into_inner());
        match &self.template {
            TemplateSource::Folder { root, .. } => asked.insert(root.join(path)),
            TemplateSource::Embedded { overrides: Some(dir), .. } => asked.insert(dir.join(path)),
            TemplateSource::Embedded { overrides: None, .. } => false,
        };
        drop(asked);
        match &self.template {
            TemplateSource::Embedded { files, overrides, .. } => {
                if let Some(dir) = overrides.as_deref().filter(|dir| dir.join(path).is_file()) {
                    return read_in(dir, path);
                }
                files
                    .iter()
                    .find(|(name, _)| *name == path)
                    .map(|(_, text)| Bytes::new(text.as_bytes().to_vec()))
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(path)))
            }
            TemplateSource::Folder { root, .. } => read_in(root, path),
        }
    }
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
    let hint =
        if message.contains("would escape the project root") || message.contains("leads outside the template folder") {
            "a template can read only the files in its own folder (and `/cv.json`); copy the file there"
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
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut cache = self.sources.lock().unwrap_or_else(|poison| poison.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.read(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_owned()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
