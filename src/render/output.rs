//! The document outputs of a laid-out CV, all in this room: one tagged PDF (optionally to a
//! PDF/A or PDF/UA standard), or one PNG or SVG image per page (for READMEs and quick looks), and
//! the file names of the pages.
//!
//! Pure functions of the document: bytes come back, the caller writes them. ("Export" names only
//! the formats a user asks for by name, `cvgen export`; these are the document's own outputs.)

use std::path::{Path, PathBuf};

use typst::foundations::{Datetime, Smart};
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;

/// What `cvgen pdf` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// One tagged PDF.
    Pdf,
    /// One PNG per page.
    Png,
    /// One SVG per page.
    Svg,
}

impl OutputKind {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            OutputKind::Pdf => "pdf",
            OutputKind::Png => "png",
            OutputKind::Svg => "svg",
        }
    }

    /// The format a file name asks for by its extension (`cv.png` → PNG).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(OutputKind::Pdf),
            "png" => Some(OutputKind::Png),
            "svg" => Some(OutputKind::Svg),
            _ => None,
        }
    }
}

/// What to make of a document: the format, and its settings.
#[derive(Debug, Clone)]
pub struct OutputConfig {
    /// PDF, PNG or SVG.
    pub format: OutputKind,
    /// PDF standards to conform to (PDF only; empty: plain tagged PDF 1.7).
    pub standards: Vec<PdfStandard>,
    /// Resolution of PNG pages in pixels per inch.
    pub ppi: f32,
}

impl Default for OutputConfig {
    fn default() -> Self {
        Self { format: OutputKind::Pdf, standards: Vec::new(), ppi: 144.0 }
    }
}

/// The placeholder for the page number in an image output path (`cv-{p}.png`).
pub const PAGE_PLACEHOLDER: &str = "{p}";

/// The files an output takes, in order: `output` itself for a PDF; for images, `output` with
/// `{p}` replaced by the page number (or `-{p}` added before the extension when it has none).
pub fn output_paths(output: &Path, format: OutputKind, pages: usize) -> Vec<PathBuf> {
    if format == OutputKind::Pdf {
        return vec![output.to_owned()];
    }
    let text = output.to_string_lossy();
    let pattern = if text.contains(PAGE_PLACEHOLDER) {
        text.into_owned()
    } else {
        let stem = output.file_stem().map_or_else(|| "cv".into(), |s| s.to_string_lossy());
        let ext = output.extension().map_or_else(|| format.extension().into(), |e| e.to_string_lossy());
        output.with_file_name(format!("{stem}-{PAGE_PLACEHOLDER}.{ext}")).to_string_lossy().into_owned()
    };
    (1..=pages).map(|p| PathBuf::from(pattern.replace(PAGE_PLACEHOLDER, &p.to_string()))).collect()
}

/// The bytes of the document's output files: one PDF, or one image per page. `timestamp` is the
/// PDF's creation date.
pub fn encode(
    document: &PagedDocument,
    options: &OutputConfig,
    timestamp: Datetime,
) -> Result<Vec<Vec<u8>>, Vec<Diagnostic>> {
    match options.format {
        OutputKind::Pdf => pdf(document, timestamp, &options.standards).map(|pdf| vec![pdf]),
        OutputKind::Png => {
            let render = typst_render::RenderOptions {
                pixel_per_pt: Scalar::new(f64::from(options.ppi) / 72.0),
                render_bleed: false,
            };
            document
                .pages()
                .iter()
                .map(|page| {
                    typst_render::render(page, &render).encode_png().map_err(|e| {
                        vec![Diagnostic::error(format!("PNG export failed: {e}")).hint("try a lower `--ppi`")]
                    })
                })
                .collect()
        }
        OutputKind::Svg => {
            let svg = typst_svg::SvgOptions { render_bleed: false, pretty: false };
            Ok(document.pages().iter().map(|page| typst_svg::svg(page, &svg).into_bytes()).collect())
        }
    }
}

/// The document as a tagged PDF conforming to `standards` (PDF/A, PDF/UA; none: plain PDF 1.7),
/// created at `timestamp` (UTC).
pub fn pdf(
    document: &PagedDocument,
    timestamp: Datetime,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let conforming = !standards.is_empty();
    let standards = PdfStandards::new(standards).map_err(|e| {
        let hints = e.hints().iter().map(|h| h.to_string());
        vec![
            hints.fold(Diagnostic::error(format!("cannot combine these PDF standards: {}", e.message())), |d, h| {
                d.hint(h)
            }),
        ]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom("cvgen".to_owned()),
        creator: Smart::Custom(Some(format!("cvgen {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let d = Diagnostic::error(format!("PDF export failed: {}", e.message));
                let d = e.hints.iter().fold(d, |d, h| d.hint(h.v.to_string()));
                if conforming {
                    d.hint("the template uses something the chosen `--pdf-standard` forbids; try another standard")
                } else {
                    d.hint("this is a bug in cvgen or Typst; please report it")
                }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_number_the_pages() {
        let paths = output_paths(Path::new("out/cv.png"), OutputKind::Png, 2);
        assert_eq!(paths, [PathBuf::from("out/cv-1.png"), PathBuf::from("out/cv-2.png")]);
        let paths = output_paths(Path::new("page{p}.svg"), OutputKind::Svg, 1);
        assert_eq!(paths, [PathBuf::from("page1.svg")]);
        assert_eq!(output_paths(Path::new("cv.pdf"), OutputKind::Pdf, 3), [PathBuf::from("cv.pdf")]);
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(OutputKind::from_path(Path::new("a/CV.PNG")), Some(OutputKind::Png));
        assert_eq!(OutputKind::from_path(Path::new("cv")), None);
    }
}
