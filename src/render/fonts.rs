//! The fonts cvgen embeds beyond Typst's own (Libertinus Serif, New Computer Modern, DejaVu Sans
//! Mono): Inter, the sans-serif of the `modern` and `compact` themes, so that every built-in theme
//! renders the same on every machine with nothing installed.
//!
//! The files are unmodified copies under the SIL Open Font License (`assets/fonts/LICENSE-Inter.txt`).
//! This module only hands out bytes; loading and scanning are in `world`.

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

/// The embedded font files: (file name, bytes).
pub const FILES: &[(&str, &[u8])] = &[
    ("Inter-Regular.otf", include_bytes!("../../assets/fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../assets/fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../assets/fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../../assets/fonts/Inter-Bold.otf")),
    ("Inter-BoldItalic.otf", include_bytes!("../../assets/fonts/Inter-BoldItalic.otf")),
];

/// cvgen's own embedded fonts, parsed.
pub fn embedded() -> impl Iterator<Item = (Font, FontInfo)> {
    FILES.iter().flat_map(|(_, data)| {
        Font::iter(Bytes::new(*data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_embedded_file_is_a_font() {
        for (name, data) in super::FILES {
            let fonts: Vec<_> = typst::text::Font::iter(typst::foundations::Bytes::new(*data)).collect();
            assert_eq!(fonts.len(), 1, "{name} is not one font");
            assert_eq!(fonts[0].info().family, "Inter", "{name}");
        }
    }
}
