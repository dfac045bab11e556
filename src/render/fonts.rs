//! The fonts embedded in the binary: Typst's own (Libertinus Serif, New Computer Modern, DejaVu
//! Sans Mono) and Inter, the sans-serif of the `modern` and `compact` themes, so that every
//! built-in theme renders the same on every machine with nothing installed.
//!
//! Typst selects fonts from a book of each face's family, style and character coverage. Reading
//! that from the files took a quarter of the example CV's CPU time, so the book of the embedded
//! faces is read once, written to `assets/fonts/book.json` and checked by a test against the
//! files (`CVGEN_BLESS=1 cargo test --lib fonts` rewrites it when a font changes). A face itself
//! is parsed only when a document uses it. If the stored lengths of the files do not match, the
//! book is ignored and read from the files as before; any other change is caught by the test.
//!
//! Inter's files are unmodified copies under the SIL Open Font License
//! (`assets/fonts/LICENSE-Inter.txt`). Loading fonts from disk is in `world`.

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::FontSource;

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
pub fn embedded() -> Vec<(EmbeddedFace, FontInfo)> {
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
