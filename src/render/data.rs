//! The model as the files a template reads, all from memory: `/cv.json`, the whole model, and
//! the same model in pieces for long publication lists: `/cv/outline.json` (the whole model but
//! each publication, which is a stub naming its file, id, label and anchor) and one file per
//! publication, `/cv/papers/N.json` (N counts the publications of every list in order from 0).
//!
//! Why pieces: at every save `cvgen watch` hands Typst the model again, and Typst reuses its
//! earlier work only by what did not change. A template that reads `/cv.json` decodes all of
//! it again (1.1 MB at 1,000 papers) and hashes every paper's dictionary to find its memoized
//! layout; one that reads the outline and passes each paper's file name to the function that
//! lays it out decodes nothing the save did not touch, and a paper the save left alone is found
//! by its name, unhashed. The pieces are numbered, not named by their content, so that an edit to
//! one paper leaves the outline as it was and Typst reuses the whole evaluation of the template.
//! The built-in `classic` and `modern` themes read the pieces; `compact` (which chooses among
//! all the papers by their fields) and user templates may read either.

use serde_json::Value;
use typst::foundations::Bytes;

use crate::model::{Cv, SectionBody};

/// The virtual path of the whole model.
pub const DATA_PATH: &str = "/cv.json";
/// The virtual path of the outline.
pub const OUTLINE_PATH: &str = "/cv/outline.json";
/// The folder of the publications' files.
const PAPERS: &str = "/cv/papers/";

/// The model's files, each as the bytes a template reads.
#[derive(Clone)]
pub struct ModelFiles {
    full: Bytes,
    outline: Bytes,
    papers: Vec<Bytes>,
}

impl ModelFiles {
    /// `cv` as its files. Its publications are taken out while the outline is written and put
    /// back, so `cv` is as it was.
    pub fn new(cv: &mut Cv) -> Self {
        let full = super::to_data(cv);
        Self::split(cv, full)
    }

    /// `cv` as its files, `full` being [`super::to_data`] of it (serialised once already).
    pub fn split(cv: &mut Cv, full: Vec<u8>) -> Self {
        let mut lists: Vec<(usize, usize, Vec<crate::model::publications::Publication>)> = Vec::new();
        for (s, section) in cv.sections.iter_mut().enumerate() {
            if let SectionBody::Publications(list) = &mut section.body {
                for (g, group) in list.groups.iter_mut().enumerate() {
                    lists.push((s, g, std::mem::take(&mut group.items)));
                }
            }
        }
        let mut outline = serde_json::to_value(&*cv).expect("the model always serialises");
        let mut papers = Vec::new();
        for (s, g, items) in lists {
            let stubs = items.iter().map(|p| {
                let file = format!("{PAPERS}{}.json", papers.len());
                papers.push(Bytes::new(serde_json::to_vec(p).expect("a publication always serialises")));
                serde_json::json!({ "file": file, "id": p.id, "label": p.label, "anchor": p.anchor })
            });
            outline["sections"][s]["groups"][g]["items"] = Value::Array(stubs.collect());
            let SectionBody::Publications(list) = &mut cv.sections[s].body else {
                unreachable!("the items were taken from a publication list")
            };
            list.groups[g].items = items;
        }
        let outline = serde_json::to_vec(&outline).expect("a JSON value serialises");
        Self { full: Bytes::new(full), outline: Bytes::new(outline), papers }
    }

    /// A model given only as its JSON (a test's, a benchmark's): served as `/cv.json` and as the
    /// outline, with no papers of their own.
    pub fn whole(json: Vec<u8>) -> Self {
        let bytes = Bytes::new(json);
        Self { full: bytes.clone(), outline: bytes, papers: Vec::new() }
    }

    /// The whole model, as `/cv.json`.
    pub fn full(&self) -> &[u8] {
        self.full.as_slice()
    }

    /// The file at `path` (absolute, in the template's folder), if it is one of the model's.
    pub fn get(&self, path: &str) -> Option<Bytes> {
        if path == DATA_PATH {
            return Some(self.full.clone());
        }
        if path == OUTLINE_PATH {
            return Some(self.outline.clone());
        }
        let n: usize = path.strip_prefix(PAPERS)?.strip_suffix(".json")?.parse().ok()?;
        self.papers.get(n).cloned()
    }

    /// Every file, by its path: the whole model, the outline, the papers.
    pub fn files(&self) -> impl Iterator<Item = (String, &Bytes)> {
        let papers = self.papers.iter().enumerate().map(|(n, bytes)| (format!("{PAPERS}{n}.json"), bytes));
        [(DATA_PATH.to_owned(), &self.full), (OUTLINE_PATH.to_owned(), &self.outline)].into_iter().chain(papers)
    }

    /// Whether `path` is one of the model's files (found or not: a template can ask for a paper
    /// past the last).
    pub fn owns(path: &str) -> bool {
        path == DATA_PATH || path == OUTLINE_PATH || path.starts_with(PAPERS)
    }

    /// Keeps `previous`'s bytes for each file whose text is the same: Typst hashes a file's bytes
    /// once per object, so the papers a save did not touch are not hashed again.
    pub fn reuse(&mut self, previous: &ModelFiles) {
        let keep = |new: &mut Bytes, old: &Bytes| {
            if new.as_slice() == old.as_slice() {
                *new = old.clone();
            }
        };
        keep(&mut self.full, &previous.full);
        keep(&mut self.outline, &previous.outline);
        for (new, old) in self.papers.iter_mut().zip(&previous.papers) {
            keep(new, old);
        }
    }

    /// The same files with the space between blocks at `tighten` (`design.tighten`, in the whole
    /// model and the outline).
    pub fn tightened(&self, tighten: f64) -> Option<Self> {
        let set = |bytes: &Bytes| {
            let mut model: Value = serde_json::from_slice(bytes.as_slice()).ok()?;
            model["design"]["tighten"] = tighten.into();
            Some(Bytes::new(serde_json::to_vec(&model).expect("a parsed JSON value serialises")))
        };
        Some(Self { full: set(&self.full)?, outline: set(&self.outline)?, papers: self.papers.clone() })
    }
}
