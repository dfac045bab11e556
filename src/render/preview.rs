//! The pages of a laid-out CV for the live preview (`cvgen watch --preview`): each page's key (the
//! hash of its frame), size and text, and its SVG drawn only when first asked for
//! ([`PageDrawing::svg`]). A page whose frame is unchanged since the last build keeps its drawing
//! ([`PageCache`]); a changed page is drawn when the browser fetches it, so a save that moves every
//! later page costs only the pages the writer looks at. No file access.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use typst::layout::{Frame, FrameItem};
use typst_layout::{Page, PagedDocument};

/// One page: its key, size and text, and its SVG once drawn.
#[derive(Debug, Clone)]
pub struct PageDrawing {
    /// The hash of the page's frame: equal keys, identical pages.
    pub key: u128,
    /// The page's width and height in points.
    pub size: (f64, f64),
    /// The page's text runs, in the order Typst laid them out, separated by spaces.
    pub text: Arc<str>,
    svg: Arc<LazySvg>,
}

#[derive(Debug)]
struct LazySvg {
    page: Page,
    svg: OnceLock<Arc<Vec<u8>>>,
}

impl PageDrawing {
    /// The page as SVG, drawn on the first call (from any thread) and kept.
    pub fn svg(&self) -> Arc<Vec<u8>> {
        let options = typst_svg::SvgOptions { render_bleed: false, pretty: false };
        Arc::clone(self.svg.svg.get_or_init(|| Arc::new(typst_svg::svg(&self.svg.page, &options).into_bytes())))
    }
}

/// The pages of the last build, by the hash of their frames.
#[derive(Default)]
pub struct PageCache {
    pages: HashMap<u128, PageDrawing>,
}

impl PageCache {
    /// Every page of `document`: an unchanged page as it was, a changed one ready to be drawn.
    pub fn draw(&mut self, document: &PagedDocument) -> Vec<PageDrawing> {
        let mut next = HashMap::new();
        let drawn = document
            .pages()
            .iter()
            .map(|page| {
                let key = typst::utils::hash128(&page.frame);
                let drawing = self.pages.remove(&key).unwrap_or_else(|| PageDrawing {
                    key,
                    size: (page.frame.width().to_pt(), page.frame.height().to_pt()),
                    text: text_of(&page.frame).into(),
                    svg: Arc::new(LazySvg { page: page.clone(), svg: OnceLock::new() }),
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
