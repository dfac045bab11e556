//! The pages of a laid-out CV for the live preview (`cvgen watch --preview`): each page as SVG,
//! with its text for the image's `alt`. A page whose frame is unchanged since the last build is
//! not drawn again ([`PageCache`]): an edit usually changes one page of many. No file access.

use std::collections::HashMap;

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// One page: its SVG and its text.
#[derive(Debug, Clone)]
pub struct PageDrawing {
    /// The page as SVG.
    pub svg: Vec<u8>,
    /// The page's text runs, in the order Typst laid them out, separated by spaces.
    pub text: String,
}

/// The pages of the last build, by the hash of their frames.
#[derive(Default)]
pub struct PageCache {
    pages: HashMap<u128, PageDrawing>,
}

impl PageCache {
    /// Every page of `document`, drawn anew only where its frame changed.
    pub fn draw(&mut self, document: &PagedDocument) -> Vec<PageDrawing> {
        let options = typst_svg::SvgOptions { render_bleed: false, pretty: false };
        let mut next = HashMap::new();
        let drawn = document
            .pages()
            .iter()
            .map(|page| {
                let key = typst::utils::hash128(&page.frame);
                let drawing = self.pages.remove(&key).unwrap_or_else(|| PageDrawing {
                    svg: typst_svg::svg(page, &options).into_bytes(),
                    text: text_of(&page.frame),
                });
                next.insert(key, drawing.clone());
                drawing
            })
            .collect();
        self.pages = next;
        drawn
    }
}

/// The text of a frame, its runs in layout order separated by spaces.
pub fn text_of(frame: &Frame) -> String {
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push_str(text.text.trim());
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(frame, &mut out);
    out
}
