//! The model as the files a template reads, all from memory: `/cv.json`, the whole model, and
//! the same model in pieces for long publication lists: `/cv/outline.json` (the whole model but
//! each publication, which is a stub naming its file, id, label and anchor) and one file per
//! publication, `/cv/papers/N.json` (N counts the publications of every list in order from 0).
//!
//! Why pieces: at every save `cvgen watch` hands Typst the model again, and Typst reuses its
//! earlier work only by what did not change. A template that reads `/cv.json` decodes all of
//! it again (1.5 MB at 1,000 papers) and hashes every paper's dictionary to find its memoized
//! layout; one that reads the outline and passes each paper's file name to the function that
//! lays it out decodes nothing the save did not touch, and a paper the save left alone is found
//! by its name, unhashed. The pieces are numbered, not named by their content, so that an edit to
//! one paper leaves the outline as it was and Typst reuses the whole evaluation of the template.
//! The built-in `classic` and `modern` themes read the pieces; `compact` (which chooses among
//! all the papers by their fields) and user templates may read either.

use serde::Serialize;
use serde_json::Value;
use typst::foundations::Bytes;

use crate::model::publications::{Group, Publication};
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
    /// `cv` as its files, each paper serialised once. Its publication groups are emptied and
    /// marked while the rest is serialised (a skeleton), then put back, so `cv` is as it was; the
    /// whole model and the outline are the skeleton with each group's papers, or their stubs,
    /// spliced in at its mark. A mark is a title no model has (a NUL, a name, a number, a NUL),
    /// found by its closing quote and the `items` after it, which no text can hold (a quote in a
    /// text is escaped): a text that copies a mark is left alone. Were a mark not where it should
    /// be, the files would be serialised the slow way ([`ModelFiles::slowly`]), never spliced
    /// wrong.
    pub fn new(cv: &mut Cv) -> Self {
        let mut groups: Vec<(String, Vec<Publication>)> = Vec::new();
        for group in groups_of(cv) {
            let mark = format!("\0cvgen-group-{}\0", groups.len());
            groups.push((std::mem::replace(&mut group.title, mark), std::mem::take(&mut group.items)));
        }
        let skeleton = super::to_data(cv);
        for (group, (title, items)) in groups_of(cv).zip(&mut groups) {
            group.title = std::mem::take(title);
            group.items = std::mem::take(items);
        }
        Self::splice(cv, &skeleton).unwrap_or_else(|| Self::slowly(cv))
    }

    /// The files of `cv` from its `skeleton` (see [`ModelFiles::new`]); `None` when a mark is not
    /// where it should be.
    fn splice(cv: &Cv, skeleton: &[u8]) -> Option<Self> {
        let mut papers = Vec::new();
        let (mut full, mut outline) = (Vec::new(), Vec::new());
        let mut rest = skeleton;
        let groups = cv.sections.iter().filter_map(|section| match &section.body {
            SectionBody::Publications(list) => Some(&list.groups),
            _ => None,
        });
        for (k, group) in groups.flatten().enumerate() {
            // The mark's end, found where only the model's structure can put it (a quote inside a
            // text is escaped), after the field name of a group's title.
            let mark = format!(r#"\u0000cvgen-group-{k}\u0000","items":[]"#);
            let field = br#""title":""#;
            let at = find(rest, mark.as_bytes())?.checked_sub(field.len())?;
            if &rest[at..at + field.len()] != field {
                return None;
            }
            let title = serde_json::to_vec(&group.title).expect("a title always serialises");
            let head = [&rest[..at], br#""title":"#, &title, br#","items":["#].concat();
            full.extend_from_slice(&head);
            outline.extend_from_slice(&head);
            for (i, p) in group.items.iter().enumerate() {
                let file = format!("{PAPERS}{}.json", papers.len());
                let paper = serde_json::to_vec(p).expect("a publication always serialises");
                let stub = Stub::of(&file, p);
                if i > 0 {
                    full.push(b',');
                    outline.push(b',');
                }
                full.extend_from_slice(&paper);
                outline.extend_from_slice(&serde_json::to_vec(&stub).expect("a stub always serialises"));
                papers.push(Bytes::new(paper));
            }
            full.push(b']');
            outline.push(b']');
            rest = &rest[at + field.len() + mark.len()..];
        }
        full.extend_from_slice(rest);
        outline.extend_from_slice(rest);
        Some(Self { full: Bytes::new(full), outline: Bytes::new(outline), papers })
    }

    /// [`ModelFiles::new`] without splicing: the whole model, the outline (the whole model as a
    /// JSON value, each publication replaced by its stub) and the papers, serialised one by one.
    pub(crate) fn slowly(cv: &Cv) -> Self {
        let full = super::to_data(cv);
        let mut outline: Value = serde_json::from_slice(&full).expect("the model's JSON parses back");
        let mut papers = Vec::new();
        for (s, section) in cv.sections.iter().enumerate() {
            let SectionBody::Publications(list) = &section.body else { continue };
            for (g, group) in list.groups.iter().enumerate() {
                let stubs = group.items.iter().map(|p| {
                    let file = format!("{PAPERS}{}.json", papers.len());
                    papers.push(Bytes::new(serde_json::to_vec(p).expect("a publication always serialises")));
                    let stub = Stub::of(&file, p);
                    serde_json::to_value(stub).expect("a stub always serialises")
                });
                outline["sections"][s]["groups"][g]["items"] = Value::Array(stubs.collect());
            }
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

/// What the outline holds of a publication.
#[derive(Serialize)]
struct Stub<'a> {
    file: &'a str,
    id: &'a str,
    label: Option<&'a str>,
    anchor: Option<&'a str>,
}

impl<'a> Stub<'a> {
    /// The stub of `paper`, whose file is `file`.
    fn of(file: &'a str, paper: &'a Publication) -> Self {
        Self { file, id: &paper.id, label: paper.label.as_deref(), anchor: paper.anchor.as_deref() }
    }
}

/// The publication groups of `cv`, in the order the model lists them.
fn groups_of(cv: &mut Cv) -> impl Iterator<Item = &mut Group> {
    cv.sections
        .iter_mut()
        .filter_map(|section| match &mut section.body {
            SectionBody::Publications(list) => Some(list.groups.iter_mut()),
            _ => None,
        })
        .flatten()
}

/// Where `needle` first is in `haystack` (its first byte, a backslash in a mark, is rare in JSON).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, tail) = needle.split_first()?;
    let mut from = 0;
    while let Some(at) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + at;
        if haystack[at + 1..].starts_with(tail) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}
