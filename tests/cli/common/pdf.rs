//! Reading a PDF the way a reader sees it, for tests: its text in runs of one font (to tell bold
//! from regular), every glyph with its place, size and font (this file runs the content streams
//! itself: pdf-extract does not advance along Typst's CID fonts), and the link annotations with
//! where they lead. Built on lopdf (re-exported by pdf-extract), independent of Typst.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

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

/// One character as drawn: its page (from 1), the start of its baseline in PDF points (from the
/// bottom left of the page), its advance width and its size.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    /// The font's ascent above the baseline and descent below it, in points at this size (from
    /// its `/FontDescriptor`): the glyph's box as a PDF text extractor reports it.
    pub ascent: f64,
    pub descent: f64,
    /// The font's PostScript name without its subset tag (`LibertinusSerif-Bold`).
    pub font: String,
    pub text: String,
}

/// An affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from(operands: &[Object]) -> Matrix {
        let v: Vec<f64> = operands.iter().filter_map(number).collect();
        Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other` (PDF's `self × other`).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// How much the matrix scales lengths.
    fn scale(self) -> f64 {
        let [a, b, c, d, ..] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}

/// What a font needs to place its glyphs: its name, its map to text, its advance widths.
struct PlacedFont {
    name: String,
    to_unicode: ToUnicode,
    /// Advance widths in thousandths of the size, by code.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// `/Ascent` and `/Descent` of the font descriptor, in thousandths of the size (descent
    /// positive, below the baseline).
    ascent: f64,
    descent: f64,
}

impl PlacedFont {
    fn of(doc: &Document, font: &Dictionary) -> Option<Self> {
        let deref = |o: &Object| -> Object {
            match o {
                Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
                other => other.clone(),
            }
        };
        let base = String::from_utf8_lossy(font.get(b"BaseFont").ok()?.as_name().ok()?).into_owned();
        let name = base.split_once('+').map_or(base.as_str(), |(_, b)| b).trim_end_matches("-Identity-H").to_owned();
        let to_unicode = ToUnicode::of(doc, font)?;
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        let metrics = |dict: &Dictionary| match dict.get(b"FontDescriptor").map(deref) {
            Ok(Object::Dictionary(d)) => {
                let get = |key: &[u8]| d.get(key).ok().and_then(number).unwrap_or(0.0);
                (get(b"Ascent"), -get(b"Descent"))
            }
            _ => (0.0, 0.0),
        };
        let (mut ascent, mut descent) = metrics(font);
        if let Ok(Object::Array(descendants)) = font.get(b"DescendantFonts").map(deref) {
            let Object::Dictionary(cid) = deref(&descendants[0]) else { return None };
            (ascent, descent) = metrics(&cid);
            default_width = cid.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
            if let Ok(Object::Array(w)) = cid.get(b"W").map(deref) {
                let w: Vec<Object> = w.iter().map(deref).collect();
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = number(&w[i]).unwrap() as u32;
                    if let Object::Array(list) = &w[i + 1] {
                        for (k, width) in list.iter().map(deref).enumerate() {
                            widths.insert(first + k as u32, number(&width).unwrap_or(default_width));
                        }
                        i += 2;
                    } else {
                        let (last, width) = (number(&w[i + 1]).unwrap() as u32, number(&w[i + 2]).unwrap());
                        for code in first..=last {
                            widths.insert(code, width);
                        }
                        i += 3;
                    }
                }
            }
        } else if let (Ok(first), Ok(Object::Array(list))) =
            (font.get(b"FirstChar").map(deref), font.get(b"Widths").map(deref))
        {
            let first = number(&first).unwrap_or(0.0) as u32;
            for (k, width) in list.iter().map(deref).enumerate() {
                widths.insert(first + k as u32, number(&width).unwrap_or(0.0));
            }
        }
        Some(Self { name, to_unicode, widths, default_width, ascent, descent })
    }
}

/// The text state of the content-stream interpreter.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    rise: f64,
    leading: f64,
}

/// Runs a page's content stream and places every glyph: PDF's text model (`cm`, `Tm`, `Td`,
/// `TJ` offsets, `Tc`, `Tw`, `Tz`, `Ts`) with the fonts' widths.
fn place_page(doc: &Document, page_id: ObjectId, page: u32, out: &mut Vec<Glyph>) {
    let fonts: BTreeMap<Vec<u8>, PlacedFont> = doc
        .get_page_fonts(page_id)
        .unwrap()
        .into_iter()
        .filter_map(|(name, font)| Some((name, PlacedFont::of(doc, font)?)))
        .collect();
    let content = pdf_extract::content::Content::decode(&doc.get_page_content(page_id).unwrap()).unwrap();
    let mut state = State {
        ctm: Matrix::IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        rise: 0.0,
        leading: 0.0,
    };
    let mut stack: Vec<State> = Vec::new();
    let (mut tm, mut tlm) = (Matrix::IDENTITY, Matrix::IDENTITY);
    for op in &content.operations {
        let args = &op.operands;
        let num = |i: usize| args.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => stack.push(state.clone()),
            "Q" => state = stack.pop().unwrap_or(state.clone()),
            "cm" => state.ctm = Matrix::from(args).then(state.ctm),
            "BT" => (tm, tlm) = (Matrix::IDENTITY, Matrix::IDENTITY),
            "Tf" => {
                state.font = args.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec);
                state.size = num(1);
            }
            "Tc" => state.char_spacing = num(0),
            "Tw" => state.word_spacing = num(0),
            "Tz" => state.scale = num(0) / 100.0,
            "TL" => state.leading = num(0),
            "Ts" => state.rise = num(0),
            "Tm" => (tm, tlm) = (Matrix::from(args), Matrix::from(args)),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    state.leading = -num(1);
                }
                tlm = Matrix::translate(num(0), num(1)).then(tlm);
                tm = tlm;
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                tm = tlm;
            }
            "Tj" | "TJ" => {
                let Some(font) = state.font.as_ref().and_then(|f| fonts.get(f)) else { continue };
                let parts: Vec<&Object> = match args.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    Some(other) => vec![other],
                    None => vec![],
                };
                for part in parts {
                    match part {
                        Object::String(bytes, _) => {
                            for code in bytes.chunks(font.to_unicode.width) {
                                let number = code.iter().fold(0u32, |n, &b| n << 8 | u32::from(b));
                                let text = font.to_unicode.map.get(code).cloned().unwrap_or_default();
                                let trm = Matrix([state.size * state.scale, 0.0, 0.0, state.size, 0.0, state.rise])
                                    .then(tm)
                                    .then(state.ctm);
                                let w = font.widths.get(&number).copied().unwrap_or(font.default_width) / 1000.0;
                                let space = if code == [32] { state.word_spacing } else { 0.0 };
                                let advance = (w * state.size + state.char_spacing + space) * state.scale;
                                let size = trm.scale();
                                let width = advance * tm.then(state.ctm).scale();
                                out.push(Glyph {
                                    page,
                                    x: trm.0[4],
                                    y: trm.0[5],
                                    width,
                                    size,
                                    ascent: font.ascent / 1000.0 * size,
                                    descent: font.descent / 1000.0 * size,
                                    font: font.name.clone(),
                                    text,
                                });
                                tm = Matrix::translate(advance, 0.0).then(tm);
                            }
                        }
                        other => {
                            if let Some(n) = number(other) {
                                tm = Matrix::translate(-n / 1000.0 * state.size * state.scale, 0.0).then(tm);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every character drawn, page by page, in content order (blanks and invisible characters left
/// out), placed by this file's own reading of the content streams.
pub fn glyphs(path: &Path) -> Vec<Glyph> {
    let doc = load(path);
    let mut out = Vec::new();
    for (page, page_id) in doc.get_pages() {
        place_page(&doc, page_id, page, &mut out);
    }
    // Invisible characters (a word joiner, a zero-width space) some fonts draw as empty glyphs.
    let invisible =
        |c: char| c.is_whitespace() || ('\u{200B}'..='\u{200D}').contains(&c) || c == '\u{2060}' || c == '\u{FEFF}';
    out.into_iter()
        .filter_map(|mut g| {
            g.text.retain(|c| !invisible(c));
            (!g.text.is_empty()).then_some(g)
        })
        .collect()
}

/// Every place `needle` (without spaces, which PDFs rarely draw) is printed, as its glyphs.
pub fn find_glyphs(glyphs: &[Glyph], needle: &str) -> Vec<Vec<Glyph>> {
    let needle: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
    let flat: Vec<(usize, char)> =
        glyphs.iter().enumerate().flat_map(|(i, g)| g.text.chars().map(move |c| (i, c))).collect();
    (0..flat.len())
        .filter(|&at| flat[at..].iter().map(|(_, c)| *c).take(needle.len()).eq(needle.iter().copied()))
        .map(|at| {
            let (first, last) = (flat[at].0, flat[at + needle.len() - 1].0);
            glyphs[first..=last].to_vec()
        })
        .collect()
}

/// Every place `needle` (without spaces, which PDFs rarely draw) is printed: its 1-based page and
/// the baseline of its first character, in PDF points from the bottom of the page.
pub fn find(path: &Path, needle: &str) -> Vec<(u32, f64)> {
    find_glyphs(&glyphs(path), needle).into_iter().map(|g| (g[0].page, g[0].y)).collect()
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
    let [x0, y0, x1, y1] = link.rect;
    glyphs(path)
        .into_iter()
        .filter(|g| g.page == link.page && (x0 - 0.5..x1).contains(&g.x) && (y0..y1).contains(&g.y))
        .map(|g| g.text)
        .collect()
}
