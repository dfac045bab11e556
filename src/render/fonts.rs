//! The fonts a CV is typeset with, all in this room: the set embedded in the binary (loaded once
//! per process), the font folders the pipeline names (`fonts/` next to the profile,
//! `--font-path`), the system's fonts when asked for (`--system-fonts`), and the [`FontSet`] a
//! build shares. The pipeline only says which folders; nothing else loads a font.
//!
//! The embedded set: Typst's own fonts (Libertinus Serif, New Computer Modern, DejaVu Sans Mono)
//! and Inter, the sans-serif of the `modern` and `compact` themes, so that every built-in theme
//! renders the same on every machine with nothing installed.
//!
//! Typst selects fonts from a book of each face's family, style and character coverage. Reading
//! that from the files took a quarter of the example CV's CPU time, so the book of the embedded
//! faces is read once, written to `assets/fonts/book.json` and checked by a test against the
//! files (`CVGEN_BLESS=1 cargo test --lib fonts` rewrites it when a font changes). A face itself
//! is parsed only when a document uses it. If the stored lengths of the files do not match, the
//! book is ignored and read from the files as before; any other change is caught by the test.
//!
//! Inter's files are unmodified copies under the SIL Open Font License
//! (`assets/fonts/LICENSE-Inter.txt`).
//!
//! File access: the font folders are read here, each file whole, in sorted order (the order
//! decides which of two faces with the same name wins), and every file read is listed so that no
//! output replaces it. (typst-kit's `fonts::scan` lists a folder in the order the file system
//! gives and canonicalizes symlinked files, which would change both.) System fonts are found by
//! typst-kit (`fonts::system`, fontconfig's folders on Linux).

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontFlags, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontSource, FontStore};

/// The fonts a pipeline typesets with: the embedded set (loaded once per process), or the
/// embedded set plus font folders (and the system's fonts).
pub enum FontSet {
    /// The embedded fonts only.
    Embedded(&'static Fonts),
    /// The embedded fonts and the fonts of some folders (or of the system).
    Loaded(Box<Fonts>),
}

impl FontSet {
    /// The embedded fonts plus every font file in `dirs`, and every font installed on the system
    /// when `system` (`--system-fonts`). Without folders or system fonts, the embedded set is
    /// shared, loaded once for the whole process.
    pub fn load(dirs: &[PathBuf], system: bool) -> Self {
        if dirs.is_empty() && !system {
            return FontSet::Embedded(Fonts::embedded());
        }
        let mut fonts = Fonts::load(dirs);
        if system {
            fonts.store.extend(typst_kit::fonts::system());
        }
        FontSet::Loaded(Box::new(fonts))
    }
}

impl Deref for FontSet {
    type Target = Fonts;

    fn deref(&self) -> &Fonts {
        match self {
            FontSet::Embedded(fonts) => fonts,
            FontSet::Loaded(fonts) => fonts,
        }
    }
}

/// Loaded fonts: their book (what Typst selects from) and, for each, where it comes from.
pub struct Fonts {
    store: FontStore,
    /// The font files read from font folders (not the system's), which an output may not replace.
    files: Vec<PathBuf>,
}

impl Fonts {
    /// The fonts embedded in the binary, plus every font file in `dirs`.
    fn load(dirs: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        store.extend(embedded());
        let mut files = Vec::new();
        for dir in dirs {
            store.extend(scan_dir(dir, &mut files));
        }
        Self { store, files }
    }

    /// The embedded fonts only, loaded once for the whole process.
    fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::load(&[]))
    }

    /// Every font file read from the font folders (`fonts/`, `--font-path`), in the order read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The book of the loaded faces, in the order loaded (the World's [`typst::World::book`]).
    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    /// The face at `index` of the book, parsed on first use (the World's [`typst::World::font`]).
    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
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
            let is_serif = info.flags.contains(FontFlags::SERIF)
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

/// Reads `.ttf`, `.otf`, `.ttc` and `.otc` files under `dir` (recursively, in sorted order),
/// adding each file read to `files`.
fn scan_dir(dir: &Path, files: &mut Vec<PathBuf>) -> Vec<(Font, FontInfo)> {
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

/// cvgen's own font files: (file name, bytes).
pub const FILES: &[(&str, &[u8])] = &[
    ("Inter-Regular.otf", include_bytes!("../../assets/fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../assets/fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../assets/fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../../assets/fonts/Inter-Bold.otf")),
    ("Inter-BoldItalic.otf", include_bytes!("../../assets/fonts/Inter-BoldItalic.otf")),
];

/// The book of every embedded face, in the order of [`files`].
const BOOK: &str = include_str!("../../assets/fonts/book.json");

/// One face of an embedded file, parsed on first use.
pub struct EmbeddedFace {
    data: &'static [u8],
    index: u32,
}

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// Every embedded font file: Typst's, then cvgen's.
fn files() -> impl Iterator<Item = &'static [u8]> {
    typst_assets::fonts().chain(FILES.iter().map(|(_, data)| *data))
}

/// Every embedded face with its book entry, read from the files (slow: the coverage of every
/// face is computed).
fn read_faces() -> Vec<(EmbeddedFace, FontInfo)> {
    files()
        .flat_map(|data| {
            FontInfo::iter(data)
                .enumerate()
                .map(move |(index, info)| (EmbeddedFace { data, index: index as u32 }, info))
        })
        .collect()
}

/// What `assets/fonts/book.json` holds: the length of each embedded file (so that a replaced
/// file is noticed) and, per face, its file, its index in the file and its book entry.
#[derive(serde::Deserialize)]
struct StoredBook {
    file_lengths: Vec<usize>,
    faces: Vec<(usize, u32, FontInfo)>,
}

/// The faces of `assets/fonts/book.json`, if it describes exactly the embedded files.
fn stored_faces() -> Option<Vec<(EmbeddedFace, FontInfo)>> {
    let stored: StoredBook = serde_json::from_str(BOOK).ok()?;
    let files: Vec<&'static [u8]> = files().collect();
    let lengths: Vec<usize> = files.iter().map(|data| data.len()).collect();
    if stored.file_lengths != lengths {
        return None;
    }
    let faces = stored
        .faces
        .into_iter()
        .map(|(file, index, info)| Some((EmbeddedFace { data: files.get(file)?, index }, info)));
    faces.collect()
}

/// Every embedded face with its book entry; faces are parsed only when used.
fn embedded() -> Vec<(EmbeddedFace, FontInfo)> {
    stored_faces().unwrap_or_else(read_faces)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The book as `assets/fonts/book.json` stores it, one face per line.
    fn book_json(faces: &[(EmbeddedFace, FontInfo)]) -> String {
        let files: Vec<&'static [u8]> = files().collect();
        let lengths: Vec<usize> = files.iter().map(|data| data.len()).collect();
        let rows: Vec<String> = faces
            .iter()
            .map(|(face, info)| {
                let file = files.iter().position(|d| std::ptr::eq(*d, face.data)).expect("an embedded file");
                serde_json::to_string(&(file, face.index, info)).expect("a font info serializes")
            })
            .collect();
        format!(
            "{{\"file_lengths\": {},\n\"faces\": [\n{}\n]}}\n",
            serde_json::to_string(&lengths).expect("numbers serialize"),
            rows.join(",\n")
        )
    }

    #[test]
    fn every_cvgen_file_is_one_inter_face() {
        for (name, data) in FILES {
            let infos: Vec<_> = FontInfo::iter(data).collect();
            assert_eq!(infos.len(), 1, "{name} is not one font");
            assert_eq!(infos[0].family, "Inter", "{name}");
        }
    }

    #[test]
    fn the_stored_book_describes_the_embedded_files() {
        let read = read_faces();
        let expected = book_json(&read);
        if std::env::var_os("CVGEN_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/book.json");
            std::fs::write(path, &expected).unwrap();
            return;
        }
        assert!(expected == BOOK, "assets/fonts/book.json is stale: run `CVGEN_BLESS=1 cargo test --lib fonts`");
        let stored = stored_faces().expect("the stored book is used");
        assert_eq!(stored.len(), read.len());
        for ((a, info_a), (b, info_b)) in stored.iter().zip(&read) {
            assert!(std::ptr::eq(a.data, b.data) && a.index == b.index);
            assert_eq!(info_a, info_b);
        }
    }

    #[test]
    fn a_stored_face_loads_as_the_face_it_describes() {
        for (face, info) in embedded() {
            let font = face.load().expect("an embedded face parses");
            assert_eq!(font.info(), &info);
        }
    }
}
