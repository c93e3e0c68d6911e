//! The one embedded typeface (BIZ UD明朝, SIL OFL): its bytes, its advance widths for measuring
//! text, and its character coverage for the pre-flight check.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::error::PdfError;
use super::units::{Mm, Pt};

/// BIZ UD明朝 Regular, a static TrueType (glyf) font; licence in `assets/fonts/OFL.txt`. Its
/// TrueType hinting is removed once by `packaging/strip-font-hinting.py` (PDF renderers do not
/// use it, and every embedded subset would carry it); glyphs, metrics and cmap are unchanged.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/BIZUDMincho-Regular.ttf");

/// The font's name, as PDF viewers show it.
pub const FONT_NAME: &str = "BIZUDMincho-Regular";

/// How far a line's baseline lies below the centre of its em box, in ems: ideographs sit in an
/// em box that reaches about 0.88 em above and 0.12 em below the baseline.
pub const BASELINE_BELOW_CENTRE: f32 = 0.38;

/// A slot of the character cache not looked up yet.
const UNKNOWN: u32 = 0;
/// A slot of the character cache whose character the font lacks.
const MISSING: u32 = u32::MAX;

/// Measures text with the font's real advance widths, and maps characters to glyphs.
///
/// Every character is looked up in the font's cmap once per process: the layout measures the
/// same few hundred characters hundreds of thousands of times, and a cmap search per use was
/// most of the export's time.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Glyph of each character of the Basic Multilingual Plane, filled on first use:
    /// [`UNKNOWN`], [`MISSING`] or the glyph id + 1.
    bmp: Box<[AtomicU32]>,
    /// Advance of every glyph in ems.
    advances: Box<[f32]>,
}

impl Metrics {
    /// The shared metrics of the embedded font.
    pub fn get() -> Result<&'static Metrics, PdfError> {
        static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
        METRICS
            .get_or_init(|| {
                let face = ttf_parser::Face::parse(FONT_BYTES, 0).ok()?;
                let units_per_em = f32::from(face.units_per_em());
                let advances = (0..face.number_of_glyphs())
                    .map(|g| {
                        let adv = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                        f32::from(adv) / units_per_em
                    })
                    .collect();
                let bmp = (0..0x1_0000).map(|_| AtomicU32::new(UNKNOWN)).collect();
                Some(Metrics {
                    face,
                    units_per_em,
                    bmp,
                    advances,
                })
            })
            .as_ref()
            .ok_or(PdfError::Font)
    }

    /// The font's glyph for `c`, if it has one.
    #[inline]
    pub fn glyph(&self, c: char) -> Option<u16> {
        let Some(slot) = self.bmp.get(c as usize) else {
            return self.face.glyph_index(c).map(|g| g.0);
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let found = self.face.glyph_index(c).map(|g| g.0);
                // Racing threads store the same value, so relaxed order is enough.
                slot.store(
                    found.map_or(MISSING, |g| u32::from(g) + 1),
                    Ordering::Relaxed,
                );
                found
            }
            MISSING => None,
            // Stored as glyph id + 1 ≤ 0x1_0000, so the id fits.
            v => u16::try_from(v - 1).ok(),
        }
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Advance of glyph `gid` in ems.
    #[inline]
    pub fn glyph_advance(&self, gid: u16) -> f32 {
        self.advances.get(usize::from(gid)).copied().unwrap_or(0.0)
    }

    /// Advance of `c` in ems (the missing-glyph box's advance when the font lacks it).
    #[inline]
    pub fn advance(&self, c: char) -> f32 {
        self.glyph_advance(self.glyph(c).unwrap_or(0))
    }

    /// Width of `text` set at `size`.
    pub fn width_mm(&self, text: &str, size: Pt) -> Mm {
        let ems: f32 = text.chars().map(|c| self.advance(c)).sum();
        Pt(ems * size.0).to_mm()
    }

    /// Font design units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The parsed face, for the subsetter's metrics.
    pub(crate) fn face(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }
}
