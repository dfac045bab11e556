//! How full the last page of a typeset CV is, read from two labels a template places: `<cv-start>`
//! at the top of its body and `<cv-end>` after its last line. A last page holding only a few
//! lines (a name, a date and three honors on page three) is what a typographer pulls back by
//! tightening the space between blocks, and [`refit`] does that with `design.tighten` in the
//! model. A template without the labels is never refitted, nor a CV of more than
//! [`MAX_PAGES`] pages (a senior academic's long CV is within it): a refit typesets the whole CV
//! again (up to twice), which at 1,000 papers (107 pages) nearly doubled `cvgen pdf`'s time and
//! its peak memory for one line of a hundred-page document, where a short last page is no
//! blemish.

use super::{Budget, CvWorld};
use typst::foundations::Label;
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// How much of its text area the last page fills, from 0 to 1 (`None`: a one-page document, or
/// a template without the labels). The text area is taken to start where `<cv-start>` stands on
/// the first page and to leave as much room at the foot as at the head.
pub fn last_page_fill(document: &PagedDocument) -> Option<f64> {
    let pages = document.pages();
    if pages.len() < 2 {
        return None;
    }
    let introspector = document.introspector();
    let position = |name: &str| {
        let label = Label::new(PicoStr::intern(name))?;
        let location = introspector.query_label(label).ok()?.location()?;
        introspector.position(location)
    };
    let (start, end) = (position("cv-start")?, position("cv-end")?);
    if end.page.get() != pages.len() {
        return None;
    }
    let height = pages.last()?.frame.height().to_pt();
    let top = start.point.y.to_pt();
    let area = height - 2.0 * top;
    (area > 0.0).then(|| ((end.point.y.to_pt() - top) / area).clamp(0.0, 1.0))
}

/// The longest CV that is refitted, in pages.
pub const MAX_PAGES: usize = 30;

/// A last page filled less than this (a fifth of its text area) is pulled back if it can be.
const NEARLY_EMPTY: f64 = 0.2;
/// The tightenings tried, in order: the space between blocks at nine tenths, then four fifths.
const TIGHTER: [f64; 2] = [0.9, 0.8];

/// A document whose last page would hold only a few lines is typeset again with the space
/// between blocks tightened (`design.tighten`), first a little, then more; the first that takes
/// a page less is kept, else the document as it was. The world keeps the data of the document
/// returned. A refit's diagnostics are the first compile's again, so they are not kept.
pub fn refit(world: &mut CvWorld, document: PagedDocument, budget: &Budget) -> PagedDocument {
    if document.pages().len() > MAX_PAGES || last_page_fill(&document).is_none_or(|fill| fill >= NEARLY_EMPTY) {
        return document;
    }
    let original = world.model().clone();
    for tighten in TIGHTER {
        let Some(tightened) = original.tightened(tighten) else { return document };
        world.set_model(tightened);
        let mut scratch = crate::diag::Sources::default();
        if let Some(fitted) = super::compile(world, &mut scratch, budget).document
            && fitted.pages().len() < document.pages().len()
        {
            return fitted;
        }
    }
    world.set_model(original);
    document
}
