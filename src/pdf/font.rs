//! The one embedded typeface (BIZ UD明朝, SIL OFL): its bytes, its advance widths for measuring
//! text, and its character coverage for the pre-flight check.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::PdfError;

/// BIZ UD明朝 Regular, a static TrueType (glyf) font; licence in `assets/fonts/OFL.txt`.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/BIZUDMincho-Regular.ttf");

/// The font's name, as PDF viewers show it.
pub const FONT_NAME: &str = "BIZUDMincho-Regular";

/// How far a line's baseline lies below the centre of its em box, in ems: ideographs sit in an
/// em box that reaches about 0.88 em above and 0.12 em below the baseline.
pub const BASELINE_BELOW_CENTRE: f32 = 0.38;

/// Measures text with the font's real advance widths.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Metrics {
    /// The shared metrics of the embedded font.
    pub fn get() -> Result<&'static Metrics, PdfError> {
        static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
        METRICS
            .get_or_init(|| {
                let face = ttf_parser::Face::parse(FONT_BYTES, 0).ok()?;
                let units_per_em = f32::from(face.units_per_em());
                Some(Metrics { face, units_per_em })
            })
            .as_ref()
            .ok_or(PdfError::Font)
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Advance of `c` in ems (the missing-glyph box's advance when the font lacks it).
    pub fn advance(&self, c: char) -> f32 {
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) / self.units_per_em
    }

    /// Width of `text` set at `size` points, in millimetres.
    pub fn width_mm(&self, text: &str, size: f32) -> f32 {
        let ems: f32 = text.chars().map(|c| self.advance(c)).sum();
        super::layout::pt_to_mm(ems * size)
    }
}

/// The font parsed for embedding, shared by every export.
pub fn parsed() -> Result<&'static ParsedFont, PdfError> {
    static PARSED: OnceLock<Option<ParsedFont>> = OnceLock::new();
    PARSED
        .get_or_init(|| ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PdfError::Font)
}
