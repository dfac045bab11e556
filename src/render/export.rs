//! Exporting a laid-out CV: one PDF (optionally to a PDF/A or PDF/UA standard), or one PNG or
//! SVG image per page (for READMEs and quick looks).
//!
//! Pure functions of the document: bytes come back, the caller writes them.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use crate::diag::Diagnostic;

/// What `cvgen pdf` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One tagged PDF.
    Pdf,
    /// One PNG per page.
    Png,
    /// One SVG per page.
    Svg,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }

    /// The format a file name asks for by its extension (`cv.png` → PNG).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// PDF, PNG or SVG.
    pub format: Format,
    /// PDF standards to conform to (PDF only; empty: plain tagged PDF 1.7).
    pub standards: Vec<PdfStandard>,
    /// Resolution of PNG pages in pixels per inch.
    pub ppi: f32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { format: Format::Pdf, standards: Vec::new(), ppi: 144.0 }
    }
}

/// The placeholder for the page number in an image output path (`cv-{p}.png`).
pub const PAGE_PLACEHOLDER: &str = "{p}";

/// The files an export writes, in order: `output` itself for a PDF; for images, `output` with
/// `{p}` replaced by the page number (or `-{p}` added before the extension when it has none).
pub fn output_paths(output: &Path, format: Format, pages: usize) -> Vec<PathBuf> {
    if format == Format::Pdf {
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

/// Exports the document: one PDF, or one image per page. `timestamp` is the PDF's creation date.
pub fn export(
    document: &PagedDocument,
    options: &ExportOptions,
    timestamp: Datetime,
) -> Result<Vec<Vec<u8>>, Vec<Diagnostic>> {
    match options.format {
        Format::Pdf => super::export_pdf_to(document, timestamp, &options.standards).map(|pdf| vec![pdf]),
        Format::Png => {
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
        Format::Svg => {
            let svg = typst_svg::SvgOptions { render_bleed: false, pretty: false };
            Ok(document.pages().iter().map(|page| typst_svg::svg(page, &svg).into_bytes()).collect())
        }
    }
}

/// The export settings `cvgen pdf` asks for, checked before anything is read: the format (from
/// `--format`, else the output's extension, else PDF), the standards (PDF only) and the
/// resolution. Also returns the output path (default: `cv.pdf` or `cv-{p}.png` next to the
/// profile).
pub fn options_from_args(args: &crate::cli::PdfArgs) -> Result<(ExportOptions, PathBuf), Diagnostic> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format.into(),
        (None, Some(output)) => Format::from_path(output).unwrap_or(Format::Pdf),
        (None, None) => Format::Pdf,
    };
    if format != Format::Pdf && !args.pdf_standard.is_empty() {
        return Err(Diagnostic::error(format!(
            "`--pdf-standard` applies to PDFs, but the output is {}",
            format.extension().to_uppercase()
        ))
        .hint("leave out `--pdf-standard`, or write a PDF"));
    }
    if !(args.ppi.is_finite() && args.ppi > 0.0 && args.ppi <= 2400.0) {
        return Err(Diagnostic::error(format!("`--ppi {}` is not a usable resolution", args.ppi))
            .hint("use a value between 1 and 2400; 144 is sharp on screens, 80 makes small previews"));
    }
    let output = args.output.clone().unwrap_or_else(|| {
        let name = match format {
            Format::Pdf => "cv.pdf".to_owned(),
            other => format!("cv-{PAGE_PLACEHOLDER}.{}", other.extension()),
        };
        crate::cmd::relative_to(&args.input.profile, Path::new(&name))
    });
    let standards = args.pdf_standard.iter().map(|s| PdfStandard::from(*s)).collect();
    Ok((ExportOptions { format, standards, ppi: args.ppi }, output))
}

impl From<crate::cli::OutputFormat> for Format {
    fn from(format: crate::cli::OutputFormat) -> Self {
        match format {
            crate::cli::OutputFormat::Pdf => Format::Pdf,
            crate::cli::OutputFormat::Png => Format::Png,
            crate::cli::OutputFormat::Svg => Format::Svg,
        }
    }
}

impl From<crate::cli::PdfStandardArg> for PdfStandard {
    fn from(standard: crate::cli::PdfStandardArg) -> Self {
        use crate::cli::PdfStandardArg as A;
        match standard {
            A::V1_4 => PdfStandard::V_1_4,
            A::V1_5 => PdfStandard::V_1_5,
            A::V1_6 => PdfStandard::V_1_6,
            A::V1_7 => PdfStandard::V_1_7,
            A::V2_0 => PdfStandard::V_2_0,
            A::A1b => PdfStandard::A_1b,
            A::A1a => PdfStandard::A_1a,
            A::A2b => PdfStandard::A_2b,
            A::A2u => PdfStandard::A_2u,
            A::A2a => PdfStandard::A_2a,
            A::A3b => PdfStandard::A_3b,
            A::A3u => PdfStandard::A_3u,
            A::A3a => PdfStandard::A_3a,
            A::A4 => PdfStandard::A_4,
            A::A4f => PdfStandard::A_4f,
            A::A4e => PdfStandard::A_4e,
            A::Ua1 => PdfStandard::Ua_1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_number_the_pages() {
        let paths = output_paths(Path::new("out/cv.png"), Format::Png, 2);
        assert_eq!(paths, [PathBuf::from("out/cv-1.png"), PathBuf::from("out/cv-2.png")]);
        let paths = output_paths(Path::new("page{p}.svg"), Format::Svg, 1);
        assert_eq!(paths, [PathBuf::from("page1.svg")]);
        assert_eq!(output_paths(Path::new("cv.pdf"), Format::Pdf, 3), [PathBuf::from("cv.pdf")]);
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path(Path::new("a/CV.PNG")), Some(Format::Png));
        assert_eq!(Format::from_path(Path::new("cv")), None);
    }
}
