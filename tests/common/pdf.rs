//! Reading a PDF the way a reader sees it, for tests: its text in runs of one font (to tell bold
//! from regular), where a piece of text stands on which page, and its link annotations with
//! where they lead. Built on lopdf (re-exported by pdf-extract), independent of Typst.

use std::collections::BTreeMap;
use std::path::Path;

use std::collections::HashMap;

use pdf_extract::{Dictionary, Document, Object, ObjectId, OutputDev, OutputError, Transform};

/// Text shown in one font on one page.
#[derive(Debug, Clone)]
pub struct Run {
    /// 1-based page number.
    pub page: u32,
    /// The font's PostScript name without its subset tag (`LibertinusSerif-Bold`).
    pub font: String,
    /// The text, with a space where the PDF moves on or leaves a word gap.
    pub text: String,
}

impl Run {
    /// Whether the font is a bold or semibold face.
    pub fn is_bold(&self) -> bool {
        let face = self.font.rsplit('-').next().unwrap_or_default().to_lowercase();
        face.contains("bold") || face.contains("black") || face.contains("heavy")
    }
}

/// Where a link annotation leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A web address (`/URI`).
    Uri(String),
    /// A place in the document: its 1-based page and the top of the view, in PDF points from the
    /// bottom of the page.
    Page { page: u32, top: Option<f64> },
}

/// A link annotation.
#[derive(Debug, Clone)]
pub struct Link {
    /// 1-based page the link is on.
    pub page: u32,
    /// `[x0, y0, x1, y1]` in PDF points.
    pub rect: [f64; 4],
    pub target: Target,
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The text of every page, in runs of one font, in content-stream order.
pub fn runs(path: &Path) -> Vec<Run> {
    let doc = load(path);
    let mut out: Vec<Run> = Vec::new();
    for (page, page_id) in doc.get_pages() {
        let fonts: BTreeMap<Vec<u8>, (String, ToUnicode)> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .filter_map(|(name, font)| {
                let base = font.get(b"BaseFont").ok()?.as_name().ok()?;
                let base = String::from_utf8_lossy(base);
                let base = base.split_once('+').map_or(&*base, |(_, b)| b).trim_end_matches("-Identity-H");
                Some((name, (base.to_owned(), ToUnicode::of(&doc, font)?)))
            })
            .collect();
        let content = pdf_extract::content::Content::decode(&doc.get_page_content(page_id).unwrap()).unwrap();
        let mut font: Option<&(String, ToUnicode)> = None;
        let push = |font: &str, text: &str, out: &mut Vec<Run>| match out.last_mut() {
            Some(run) if run.page == page && run.font == font => run.text.push_str(text),
            _ => out.push(Run { page, font: font.to_owned(), text: text.to_owned() }),
        };
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => font = op.operands.first().and_then(|n| n.as_name().ok()).and_then(|n| fonts.get(n)),
                "Td" | "TD" | "Tm" | "T*" => {
                    if let Some((name, _)) = font {
                        push(name, " ", &mut out);
                    }
                }
                "Tj" | "TJ" => {
                    let Some((name, encoding)) = font else { continue };
                    let mut text = String::new();
                    let parts: Vec<&Object> = match op.operands.first() {
                        Some(Object::Array(items)) => items.iter().collect(),
                        Some(other) => vec![other],
                        None => vec![],
                    };
                    for part in parts {
                        match part {
                            Object::String(bytes, _) => text.push_str(&encoding.decode(bytes)),
                            other if number(other).is_some_and(|n| n < -150.0) => text.push(' '),
                            _ => {}
                        }
                    }
                    push(name, &text, &mut out);
                }
                _ => {}
            }
        }
    }
    out
}

/// A font's `/ToUnicode` map (lopdf's own parser refuses Typst's), for Typst's fonts: codes of
/// one width, `bfchar` and `bfrange` entries.
struct ToUnicode {
    width: usize,
    map: HashMap<Vec<u8>, String>,
}

impl ToUnicode {
    fn of(doc: &Document, font: &Dictionary) -> Option<Self> {
        let stream = match font.get(b"ToUnicode").ok()? {
            Object::Reference(id) => doc.get_object(*id).ok()?.as_stream().ok()?.clone(),
            Object::Stream(stream) => stream.clone(),
            _ => return None,
        };
        let text = String::from_utf8_lossy(&stream.decompressed_content().ok()?).into_owned();
        let hex = |token: &str| -> Vec<u8> {
            let digits = token.trim_matches(|c| c == '<' || c == '>');
            (0..digits.len() / 2).map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap()).collect()
        };
        let utf16 = |bytes: &[u8]| {
            let units: Vec<u16> =
                bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        };
        let range = text.split("begincodespacerange").nth(1)?.split_whitespace().next()?;
        let mut map = HashMap::new();
        for block in text.split("beginbfchar").skip(1) {
            let tokens: Vec<&str> = block.split("endbfchar").next()?.split_whitespace().collect();
            for pair in tokens.chunks(2) {
                map.insert(hex(pair[0]), utf16(&hex(pair[1])));
            }
        }
        for block in text.split("beginbfrange").skip(1) {
            let tokens: Vec<&str> = block.split("endbfrange").next()?.split_whitespace().collect();
            for triple in tokens.chunks(3) {
                let (low, high, first) = (hex(triple[0]), hex(triple[1]), hex(triple[2]));
                let number = |b: &[u8]| b.iter().fold(0u32, |n, &d| n << 8 | u32::from(d));
                let first = number(&first);
                for (i, code) in (number(&low)..=number(&high)).enumerate() {
                    let bytes = code.to_be_bytes()[4 - low.len()..].to_vec();
                    map.insert(bytes, char::from_u32(first + i as u32).map(String::from).unwrap_or_default());
                }
            }
        }
        Some(Self { width: hex(range).len().max(1), map })
    }

    fn decode(&self, bytes: &[u8]) -> String {
        bytes.chunks(self.width).map(|code| self.map.get(code).map_or("\u{fffd}", String::as_str)).collect()
    }
}

/// Characters with their page and baseline position, from pdf-extract's layout.
struct Glyphs {
    page: u32,
    chars: Vec<(u32, f64, f64, String)>,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        page: u32,
        _: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, _: f64, _: f64, _: f64, c: &str) -> Result<(), OutputError> {
        self.chars.push((self.page, trm.m31, trm.m32, c.to_owned()));
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Every place `needle` (without spaces, which PDFs rarely draw) is printed: its 1-based page and
/// the baseline of its first character, in PDF points from the bottom of the page.
pub fn find(path: &Path, needle: &str) -> Vec<(u32, f64)> {
    let doc = load(path);
    let mut glyphs = Glyphs { page: 0, chars: Vec::new() };
    pdf_extract::output_doc(&doc, &mut glyphs).unwrap();
    let chars: Vec<_> = glyphs.chars.into_iter().filter(|(.., c)| !c.trim().is_empty()).collect();
    let needle: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
    let flat: Vec<(usize, char)> =
        chars.iter().enumerate().flat_map(|(i, (.., s))| s.chars().map(move |c| (i, c))).collect();
    (0..flat.len())
        .filter(|&at| flat[at..].iter().map(|(_, c)| *c).take(needle.len()).eq(needle.iter().copied()))
        .map(|at| {
            let (page, _, y, _) = &chars[flat[at].0];
            (*page, *y)
        })
        .collect()
}

/// Every link annotation, page by page.
pub fn links(path: &Path) -> Vec<Link> {
    let doc = load(path);
    let pages: BTreeMap<ObjectId, u32> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let resolve = |object: &Object| -> Object {
        match object {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let mut out = Vec::new();
    for (&page_id, &page) in &pages {
        let page_dict = doc.get_dictionary(page_id).unwrap();
        let Ok(annots) = page_dict.get(b"Annots") else { continue };
        let Object::Array(annots) = resolve(annots) else { continue };
        for annot in annots {
            let Object::Dictionary(annot) = resolve(&annot) else { continue };
            if annot.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                continue;
            }
            let Ok(Object::Array(rect)) = annot.get(b"Rect").map(&resolve) else { continue };
            let rect: Vec<f64> = rect.iter().filter_map(number).collect();
            let rect = [rect[0], rect[1], rect[2], rect[3]];
            let dest = annot.get(b"Dest").ok().map(&resolve).or_else(|| {
                let Object::Dictionary(action) = resolve(annot.get(b"A").ok()?) else { return None };
                action.get(b"D").ok().map(&resolve)
            });
            let target = if let Some(Object::Array(dest)) = dest {
                let page = match dest.first() {
                    Some(Object::Reference(id)) => pages[id],
                    other => panic!("a destination names its page by reference, not {other:?}"),
                };
                Target::Page { page, top: dest.get(3).and_then(number) }
            } else {
                let Object::Dictionary(action) = resolve(annot.get(b"A").expect("a link has a Dest or an action"))
                else {
                    panic!("a link's action is a dictionary")
                };
                let Ok(Object::String(uri, _)) = action.get(b"URI").map(&resolve) else {
                    panic!("a link without a destination is a URI action: {action:?}")
                };
                Target::Uri(String::from_utf8_lossy(&uri).into_owned())
            };
            out.push(Link { page, rect, target });
        }
    }
    out
}

/// The text that starts inside a link's rectangle (`[I2]`), from pdf-extract's layout (which may
/// place a few characters after it too: compare the start).
pub fn text_in(path: &Path, link: &Link) -> String {
    let doc = load(path);
    let mut glyphs = Glyphs { page: 0, chars: Vec::new() };
    pdf_extract::output_doc(&doc, &mut glyphs).unwrap();
    let [x0, y0, x1, y1] = link.rect;
    glyphs
        .chars
        .into_iter()
        .filter(|(page, x, y, _)| *page == link.page && (x0 - 0.5..x1).contains(x) && (y0..y1).contains(y))
        .map(|(.., c)| c)
        .collect()
}
