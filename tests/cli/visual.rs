//! Visual regression: the example and two stress fixtures (`tests/fixtures/stress`, 200 papers;
//! `tests/fixtures/stress-names`, names, titles and scripts that strain a layout) in every theme,
//! rendered by cvgen itself to PNG at a low, fixed resolution and compared page by page with the
//! references in `tests/visual/`. A page fails when more than two of its pixels differ by more
//! than a trace: a moved line, a lost entry, even one changed character (an added `s` changes
//! three or four pixels at this resolution) does. typst-render is pure Rust and draws the same
//! pixels from the same fonts on every machine of an architecture; the references are made on
//! x86-64.
//!
//! `CVGEN_BLESS=1 cargo test --test visual` rewrites the references after a deliberate change
//! (look at them first: `tests/visual/*.png`); a failed run leaves each differing page, and an
//! image of the differences, in `target/visual-diff/`.


use std::path::{Path, PathBuf};

use crate::common::*;

/// Pixels per inch of the reference pages: enough to see every line, small enough to keep the
/// references in the repository (about 15 KB a page, in grey).
const PPI: &str = "24";
/// A pixel differs when its grey level changes by more than this (of 255): rounding aside.
const CLEAR_DIFFERENCE: u8 = 2;
/// How many different pixels a page may have: a changed character changes more.
const MAX_DIFFERENT_PIXELS: usize = 2;

const REFERENCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/visual");

/// A grey page.
struct Page {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

fn read_png(path: &Path) -> Page {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let data = &buffer[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels = match info.color_type {
        png::ColorType::Grayscale => data.to_vec(),
        png::ColorType::Rgba | png::ColorType::Rgb => data
            .chunks(channels)
            .map(|p| {
                let (r, g, b) = (f32::from(p[0]), f32::from(p[1]), f32::from(p[2]));
                let alpha = if channels == 4 { f32::from(p[3]) / 255.0 } else { 1.0 };
                // On white, as a viewer shows the page.
                let luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
                (luma * alpha + 255.0 * (1.0 - alpha)).round() as u8
            })
            .collect(),
        other => panic!("{}: unexpected PNG colour type {other:?}", path.display()),
    };
    Page { width: info.width, height: info.height, pixels }
}

fn write_png(path: &Path, page: &Page) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, page.width, page.height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    encoder.write_header().unwrap().write_image_data(&page.pixels).unwrap();
}

/// The case's input folder: the example at the repository root, or a fixture.
fn inputs(case: &str, into: &Path) {
    if case == "example" {
        for file in ["profile.yaml", "refs.bib"] {
            std::fs::copy(root().join(file), into.join(file)).unwrap();
        }
        copy_dir(&root().join("fonts"), &into.join("fonts"), &[]);
    } else {
        copy_dir(&root().join("tests/fixtures").join(case), into, &[]);
    }
}

/// The pages of `case` in `theme`, as PNG files in `dir`, in page order.
fn render(case: &str, theme: &str, dir: &Path) -> Vec<PathBuf> {
    inputs(case, dir);
    let out = cvgen(dir, &["pdf", "--theme", theme, "--format", "png", "--ppi", PPI, "-o", "page.png", "-q"]);
    assert!(out.status.success(), "{case} {theme}: {}", stderr(&out));
    let mut pages: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_str()?.to_owned();
            let n = name.strip_prefix("page")?.strip_suffix(".png")?.trim_start_matches('-');
            Some((if n.is_empty() { 1 } else { n.parse().ok()? }, path))
        })
        .collect();
    pages.sort();
    pages.into_iter().map(|(_, path)| path).collect()
}

/// How many pixels of two pages differ, and an image of them (black where they differ).
fn compare(expected: &Page, actual: &Page) -> Option<(usize, Page)> {
    if (expected.width, expected.height) != (actual.width, actual.height) {
        return None;
    }
    let diff: Vec<u8> = expected
        .pixels
        .iter()
        .zip(&actual.pixels)
        .map(|(a, b)| if a.abs_diff(*b) > CLEAR_DIFFERENCE { 0 } else { 255 })
        .collect();
    let count = diff.iter().filter(|p| **p == 0).count();
    Some((count, Page { width: actual.width, height: actual.height, pixels: diff }))
}

#[test]
fn pages_look_as_they_did() {
    let bless = std::env::var_os("CVGEN_BLESS").is_some_and(|v| v == "1");
    let diffs = root().join("target/visual-diff");
    let mut failures = Vec::new();
    let mut pages_checked = 0;
    for case in ["example", "stress", "stress-names"] {
        for theme in ["classic", "modern", "compact"] {
            let dir = tempfile::tempdir().unwrap();
            let pages = render(case, theme, dir.path());
            let reference = |n: usize| Path::new(REFERENCES).join(format!("{case}-{theme}-{n}.png"));
            if bless {
                std::fs::create_dir_all(REFERENCES).unwrap();
                for (i, page) in pages.iter().enumerate() {
                    write_png(&reference(i + 1), &read_png(page));
                }
                let mut stale = pages.len() + 1;
                while reference(stale).exists() {
                    std::fs::remove_file(reference(stale)).unwrap();
                    stale += 1;
                }
                continue;
            }
            if reference(pages.len() + 1).exists() || !reference(pages.len()).exists() {
                let had = (1..).take_while(|n| reference(*n).exists()).count();
                failures.push(format!("{case} {theme}: {} pages, the references have {had}", pages.len()));
                continue;
            }
            for (i, page) in pages.iter().enumerate() {
                let (expected, actual) = (read_png(&reference(i + 1)), read_png(page));
                pages_checked += 1;
                let problem = match compare(&expected, &actual) {
                    None => Some((
                        format!(
                            "is {}×{}, the reference {}×{}",
                            actual.width, actual.height, expected.width, expected.height
                        ),
                        None,
                    )),
                    Some((count, image)) if count > MAX_DIFFERENT_PIXELS => {
                        Some((format!("{count} pixels differ (at most {MAX_DIFFERENT_PIXELS} may)"), Some(image)))
                    }
                    Some(_) => None,
                };
                if let Some((what, image)) = problem {
                    std::fs::create_dir_all(&diffs).unwrap();
                    let name = format!("{case}-{theme}-{}", i + 1);
                    write_png(&diffs.join(format!("{name}.png")), &actual);
                    if let Some(image) = image {
                        write_png(&diffs.join(format!("{name}-diff.png")), &image);
                    }
                    failures.push(format!("{case} {theme} page {}: {what}", i + 1));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {pages_checked} pages look different (the pages are in target/visual-diff/; \
         CVGEN_BLESS=1 cargo test --test visual rewrites the references after a deliberate change):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
