//! PDF files from pages of drawing operations ([`Page`]); nothing here knows the forms.
//!
//! Text is written as the font's glyph ids (looked up once per character, see
//! [`Metrics::glyph`]); the font goes in once per file as a TrueType subset of exactly the
//! glyphs used, without hinting (print and screen renderers of PDF do not use it); every
//! stream is compressed. When one export writes several files from the same pages (the
//! bundle and one file per form), every page is encoded and compressed once and its bytes
//! go into each file that holds it: all files of one export share one numbering of the
//! glyphs, and a file holding fewer glyphs maps that numbering onto its own smaller subset
//! (`/CIDToGIDMap`).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use flate2::{Compress, Compression, FlushCompress, Status};

use super::error::PdfError;
use super::font::{FONT_BYTES, FONT_NAME, Metrics};
use super::page::{Draw, Page};
use super::units::{Mm, Pt};

/// One file to write: its title (document information) and its pages.
#[derive(Debug, Clone)]
pub(crate) struct FileSpec {
    /// Title shown by PDF viewers.
    pub title: String,
    /// Its pages, as a range of the export's pages.
    pub pages: Range<usize>,
}

/// Document information common to every file of one export.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    /// Producer: the app and its version.
    pub producer: String,
    /// Creation date in PDF form, `D:YYYYMMDDHHmmSSZ`.
    pub created: String,
}

impl Meta {
    /// Now, or `SOURCE_DATE_EPOCH` when set (reproducible builds of fixtures).
    pub fn now() -> Self {
        let epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0));
        let when = epoch.unwrap_or_else(chrono::Utc::now);
        Meta {
            producer: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            created: when.format("D:%Y%m%d%H%M%SZ").to_string(),
        }
    }
}

/// A set of glyph ids.
#[derive(Clone, PartialEq, Eq)]
struct GlyphSet(Vec<u64>);

impl GlyphSet {
    fn new(glyphs: usize) -> Self {
        let mut set = GlyphSet(vec![0; glyphs.div_ceil(64)]);
        // .notdef is always part of a font.
        set.insert(0);
        set
    }

    fn insert(&mut self, gid: u16) {
        if let Some(word) = self.0.get_mut(usize::from(gid) / 64) {
            *word |= 1 << (gid % 64);
        }
    }

    fn contains(&self, gid: u16) -> bool {
        self.0
            .get(usize::from(gid) / 64)
            .is_some_and(|w| w & (1 << (gid % 64)) != 0)
    }

    fn union(&mut self, other: &GlyphSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    /// The ids in ascending order.
    fn ids(&self) -> Vec<u16> {
        let mut out = Vec::new();
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let bit = w.trailing_zeros() as usize;
                if let Ok(gid) = u16::try_from(i * 64 + bit) {
                    out.push(gid);
                }
                w &= w - 1;
            }
        }
        out
    }
}

/// Writes the files; returns their bytes in the order of `files`.
pub(crate) fn write_files(
    m: &Metrics,
    pages: &[Page],
    files: &[FileSpec],
    meta: &Meta,
) -> Result<Vec<Vec<u8>>, PdfError> {
    let num_glyphs = usize::from(m.face().number_of_glyphs());
    let mut needed = vec![false; pages.len()];
    for f in files {
        for n in needed.get_mut(f.pages.clone()).into_iter().flatten() {
            *n = true;
        }
    }
    // Which glyphs each page uses, and the character each glyph stands for (the first seen).
    let mut char_of = vec![0u32; num_glyphs];
    let mut page_sets = Vec::with_capacity(pages.len());
    let mut all = GlyphSet::new(num_glyphs);
    for (page, &needed) in pages.iter().zip(&needed) {
        let mut set = GlyphSet::new(num_glyphs);
        if needed {
            for text in page.texts() {
                for c in text.chars() {
                    let gid = m.glyph(c).unwrap_or(0);
                    set.insert(gid);
                    if let Some(slot) = char_of.get_mut(usize::from(gid))
                        && *slot == 0
                    {
                        *slot = c as u32;
                    }
                }
            }
            all.union(&set);
        }
        page_sets.push(set);
    }
    // One numbering of the glyphs for every file of this export.
    let all_ids = all.ids();
    let mut code_of = vec![0u16; num_glyphs];
    for (code, &gid) in all_ids.iter().enumerate() {
        if let (Some(slot), Ok(code)) = (code_of.get_mut(usize::from(gid)), u16::try_from(code)) {
            *slot = code;
        }
    }
    let file_sets: Vec<GlyphSet> = files
        .iter()
        .map(|f| {
            let mut set = GlyphSet::new(num_glyphs);
            for s in page_sets.get(f.pages.clone()).into_iter().flatten() {
                set.union(s);
            }
            set
        })
        .collect();
    // The fonts (subset and compressed, once per file) are made while the pages are encoded.
    let (fonts, streams) = std::thread::scope(|s| {
        let handles: Vec<_> = file_sets
            .iter()
            .map(|set| {
                let font = FontPart {
                    m,
                    all_ids: &all_ids,
                    set,
                    char_of: &char_of,
                };
                s.spawn(move || font_objects(&font))
            })
            .collect();
        let streams = encode_pages(m, pages, &needed, &code_of);
        let fonts: Vec<Result<FontObjects, PdfError>> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(PdfError::Font)))
            .collect();
        (fonts, streams)
    });
    let mut out = Vec::with_capacity(files.len());
    for (f, font) in files.iter().zip(fonts) {
        let file_pages: Vec<(&Page, &[u8])> = f
            .pages
            .clone()
            .filter_map(|i| Some((pages.get(i)?, streams.get(i)?.as_slice())))
            .collect();
        out.push(assemble(&font?, &file_pages, &f.title, meta));
    }
    Ok(out)
}

/// Encodes and compresses the needed pages (empty for the others), on two threads when
/// there are many.
fn encode_pages(m: &Metrics, pages: &[Page], needed: &[bool], code_of: &[u16]) -> Vec<Vec<u8>> {
    // One compressor per thread, reset between pages.
    let encode = |pages: &[Page], needed: &[bool]| -> Vec<Vec<u8>> {
        let mut z = Deflater::new(Compression::default());
        pages
            .iter()
            .zip(needed)
            .map(|(page, &needed)| {
                if needed {
                    z.deflate(&content(m, page, code_of))
                } else {
                    Vec::new()
                }
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || pages.len() < 8 {
        return encode(pages, needed);
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .zip(needed.chunks(chunk))
            .map(|(p, n)| s.spawn(move || encode(p, n)))
            .collect();
        let mut out = Vec::with_capacity(pages.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

/// A zlib compressor used for many streams: resetting it keeps its buffers, where a new one
/// per stream allocates and zeroes its whole state each time (most of a small page's cost).
struct Deflater(Compress);

impl Deflater {
    fn new(level: Compression) -> Self {
        Deflater(Compress::new(level, true))
    }

    /// `data` as one complete zlib stream.
    fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = usize::try_from(self.0.total_in()).unwrap_or(usize::MAX);
            let rest = data.get(read..).unwrap_or_default();
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(64));
            }
            match self.0.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return out,
                Ok(Status::Ok | Status::BufError) => {}
                // Compressing into memory does not fail; an empty stream marks the impossible.
                Err(_) => return Vec::new(),
            }
        }
    }
}

// ---- numbers ----------------------------------------------------------------------------------

fn int(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A number given in hundredths, written with at most two decimals.
fn hundredths(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    int(out, n / 100);
    let frac = n % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

fn to_hundredths(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

/// A number with at most two decimals and a trailing space.
fn num(out: &mut Vec<u8>, v: f32) {
    hundredths(out, to_hundredths(v));
    out.push(b' ');
}

// ---- page content -----------------------------------------------------------------------------

/// A page's content stream: rules and shades first, then the text in one text object.
fn content(m: &Metrics, page: &Page, code_of: &[u16]) -> Vec<u8> {
    let h = page.height;
    let mut g = Vec::with_capacity(page.draws.len() * 24);
    let mut t = Vec::with_capacity(page.draws.len() * 48);
    g.extend_from_slice(b"0 G\n");
    t.extend_from_slice(b"0 g\nBT\n");
    let mut width = Pt(f32::NAN);
    let mut size = Pt(f32::NAN);
    // The text position in hundredths of a point: each line moves relative to the last in
    // exact decimal steps, so positions do not drift.
    let (mut px, mut py) = (0i64, 0i64);
    let mut set_width = |g: &mut Vec<u8>, w: Pt| {
        if w != width {
            num(g, w.0);
            g.extend_from_slice(b"w\n");
            width = w;
        }
    };
    for draw in &page.draws {
        match draw {
            Draw::Text {
                x,
                y,
                size: s,
                text,
            } => {
                if *s != size {
                    t.extend_from_slice(b"/F1 ");
                    num(&mut t, s.0);
                    t.extend_from_slice(b"Tf\n");
                    size = *s;
                }
                let nx = to_hundredths(x.to_pt().0);
                let ny = to_hundredths((h - *y).to_pt().0);
                hundredths(&mut t, nx - px);
                t.push(b' ');
                hundredths(&mut t, ny - py);
                t.extend_from_slice(b" Td(");
                (px, py) = (nx, ny);
                for c in text.chars() {
                    let gid = m.glyph(c).unwrap_or(0);
                    let code = code_of.get(usize::from(gid)).copied().unwrap_or(0);
                    for b in code.to_be_bytes() {
                        match b {
                            b'(' | b')' | b'\\' => t.extend_from_slice(&[b'\\', b]),
                            b'\r' => t.extend_from_slice(b"\\r"),
                            b'\n' => t.extend_from_slice(b"\\n"),
                            _ => t.push(b),
                        }
                    }
                }
                t.extend_from_slice(b")Tj\n");
            }
            Draw::Line { from, to, width: w } => {
                set_width(&mut g, *w);
                num(&mut g, from.0.to_pt().0);
                num(&mut g, (h - from.1).to_pt().0);
                g.extend_from_slice(b"m ");
                num(&mut g, to.0.to_pt().0);
                num(&mut g, (h - to.1).to_pt().0);
                g.extend_from_slice(b"l S\n");
            }
            Draw::Frame {
                x,
                y,
                w,
                h: rh,
                width: lw,
            } => {
                set_width(&mut g, *lw);
                rect(&mut g, h, *x, *y, *w, *rh);
                g.extend_from_slice(b"re S\n");
            }
            Draw::Shade {
                x,
                y,
                w,
                h: rh,
                grey,
            } => {
                num(&mut g, *grey);
                g.extend_from_slice(b"g ");
                rect(&mut g, h, *x, *y, *w, *rh);
                g.extend_from_slice(b"re f 0 g\n");
            }
        }
    }
    t.extend_from_slice(b"ET\n");
    g.extend_from_slice(&t);
    g
}

/// The operands of `re` for a rectangle given from its top left.
fn rect(out: &mut Vec<u8>, page_h: Mm, x: Mm, y: Mm, w: Mm, h: Mm) {
    num(out, x.to_pt().0);
    num(out, (page_h - y - h).to_pt().0);
    num(out, w.to_pt().0);
    num(out, h.to_pt().0);
}

// ---- the font ---------------------------------------------------------------------------------

/// What a file's font is made from.
struct FontPart<'a> {
    m: &'a Metrics,
    /// Every glyph of the export, ascending: code n stands for `all_ids[n]`.
    all_ids: &'a [u16],
    /// The glyphs this file uses.
    set: &'a GlyphSet,
    /// The character each glyph stands for (0: none known).
    char_of: &'a [u32],
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

fn table<'a>(raw: &ttf_parser::RawFace<'a>, tag: &[u8; 4]) -> Result<&'a [u8], PdfError> {
    raw.table(ttf_parser::Tag::from_bytes(tag))
        .ok_or(PdfError::Font)
}

/// The TrueType tables a subset is made from.
struct Source<'a> {
    head: &'a [u8],
    hhea: &'a [u8],
    maxp: &'a [u8],
    hmtx: &'a [u8],
    loca: &'a [u8],
    glyf: &'a [u8],
    post: &'a [u8],
    long_loca: bool,
    h_metrics: usize,
}

impl<'a> Source<'a> {
    fn get() -> Result<Self, PdfError> {
        let raw = ttf_parser::RawFace::parse(FONT_BYTES, 0).map_err(|_| PdfError::Font)?;
        let head = table(&raw, b"head")?;
        let hhea = table(&raw, b"hhea")?;
        Ok(Source {
            head,
            hhea,
            maxp: table(&raw, b"maxp")?,
            hmtx: table(&raw, b"hmtx")?,
            loca: table(&raw, b"loca")?,
            glyf: table(&raw, b"glyf")?,
            post: table(&raw, b"post")?,
            long_loca: be16(head, 50).ok_or(PdfError::Font)? == 1,
            h_metrics: usize::from(be16(hhea, 34).ok_or(PdfError::Font)?),
        })
    }

    fn glyph(&self, gid: u16) -> &'a [u8] {
        let i = usize::from(gid);
        let (start, end) = if self.long_loca {
            (be32(self.loca, i * 4), be32(self.loca, i * 4 + 4))
        } else {
            (
                be16(self.loca, i * 2).map(|v| u32::from(v) * 2),
                be16(self.loca, i * 2 + 2).map(|v| u32::from(v) * 2),
            )
        };
        match (start, end) {
            (Some(s), Some(e)) if s < e => self.glyf.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Advance and left side bearing of a glyph, in font units.
    fn h_metric(&self, gid: u16) -> (u16, i16) {
        let i = usize::from(gid);
        let last = self.h_metrics.saturating_sub(1);
        let adv = be16(self.hmtx, i.min(last) * 4).unwrap_or(0);
        let lsb = if i < self.h_metrics {
            be16(self.hmtx, i * 4 + 2)
        } else {
            be16(self.hmtx, self.h_metrics * 4 + (i - self.h_metrics) * 2)
        };
        (adv, lsb.unwrap_or(0) as i16)
    }
}

const ARG_WORDS: u16 = 0x0001;
const HAVE_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAVE_XY_SCALE: u16 = 0x0040;
const HAVE_2X2: u16 = 0x0080;
const HAVE_INSTRUCTIONS: u16 = 0x0100;

/// The components of a composite glyph: (offset of the glyph id, flags) of each.
fn components(data: &[u8]) -> Vec<(usize, u16)> {
    let mut out = Vec::new();
    if data.len() < 10 || be16(data, 0).is_none_or(|n| (n as i16) >= 0) {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(_)) = (be16(data, at), be16(data, at + 2)) {
        out.push((at + 2, flags));
        at += 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            // What follows is the composite's instructions, which are dropped.
            out.push((at, 0));
            break;
        }
    }
    out
}

/// A glyph without its hinting instructions, components renumbered by `new_id`.
fn strip_glyph(data: &[u8], new_id: &impl Fn(u16) -> u16, out: &mut Vec<u8>) {
    let Some(contours) = be16(data, 0).map(|n| n as i16) else {
        return;
    };
    if contours >= 0 {
        let head = 10 + 2 * contours as usize;
        match be16(data, head) {
            Some(len) if data.len() >= head + 2 + usize::from(len) => {
                out.extend_from_slice(&data[..head]);
                out.extend_from_slice(&[0, 0]);
                out.extend_from_slice(&data[head + 2 + usize::from(len)..]);
            }
            _ => out.extend_from_slice(data),
        }
        return;
    }
    let parts = components(data);
    let end = parts
        .last()
        .map_or(data.len(), |&(at, _)| at.min(data.len()));
    let start = out.len();
    out.extend_from_slice(&data[..end]);
    for &(at, flags) in &parts[..parts.len().saturating_sub(1)] {
        let Some(gid) = be16(data, at) else { continue };
        let flags = flags & !HAVE_INSTRUCTIONS;
        if let Some(f) = out.get_mut(start + at - 2..start + at) {
            f.copy_from_slice(&flags.to_be_bytes());
        }
        if let Some(g) = out.get_mut(start + at..start + at + 2) {
            g.copy_from_slice(&new_id(gid).to_be_bytes());
        }
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// A TrueType font of the glyphs `ids` (ascending, .notdef first), renumbered 0, 1, 2, … in
/// that order, with the tables a PDF font program needs and no hinting.
fn subset(src: &Source, ids: &[u16]) -> Vec<u8> {
    let new_id = |gid: u16| -> u16 {
        ids.binary_search(&gid)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .unwrap_or(0)
    };
    let mut glyf = Vec::new();
    let mut offsets = Vec::with_capacity(ids.len() + 1);
    let mut hmtx = Vec::with_capacity(ids.len() * 4);
    for &gid in ids {
        offsets.push(glyf.len());
        strip_glyph(src.glyph(gid), &new_id, &mut glyf);
        if !glyf.len().is_multiple_of(2) {
            glyf.push(0);
        }
        let (adv, lsb) = src.h_metric(gid);
        hmtx.extend_from_slice(&adv.to_be_bytes());
        hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    offsets.push(glyf.len());
    let short = glyf.len() < 0x2_0000;
    let mut loca = Vec::with_capacity(offsets.len() * 4);
    for &o in &offsets {
        if short {
            loca.extend_from_slice(&((o / 2) as u16).to_be_bytes());
        } else {
            loca.extend_from_slice(&(o as u32).to_be_bytes());
        }
    }
    let n = u16::try_from(ids.len()).unwrap_or(u16::MAX).to_be_bytes();
    let mut head = src.head.to_vec();
    let mut hhea = src.hhea.to_vec();
    let mut maxp = src.maxp.to_vec();
    let mut post = src.post.get(..32).unwrap_or(src.post).to_vec();
    if let Some(s) = head.get_mut(8..12) {
        s.fill(0);
    }
    if let Some(s) = head.get_mut(50..52) {
        s.copy_from_slice(&[0, u8::from(!short)]);
    }
    if let Some(s) = hhea.get_mut(34..36) {
        s.copy_from_slice(&n);
    }
    if let Some(s) = maxp.get_mut(4..6) {
        s.copy_from_slice(&n);
    }
    // No instructions left (maxSizeOfInstructions).
    if let Some(s) = maxp.get_mut(26..28) {
        s.fill(0);
    }
    // post format 3: no glyph names.
    if let Some(s) = post.get_mut(0..4) {
        s.copy_from_slice(&0x0003_0000u32.to_be_bytes());
    }
    let tables: [(&[u8; 4], Vec<u8>); 7] = [
        (b"glyf", glyf),
        (b"head", head),
        (b"hhea", hhea),
        (b"hmtx", hmtx),
        (b"loca", loca),
        (b"maxp", maxp),
        (b"post", post),
    ];
    let mut out =
        Vec::with_capacity(12 + 16 * 7 + tables.iter().map(|t| t.1.len() + 3).sum::<usize>());
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    // 7 tables: searchRange 64, entrySelector 2, rangeShift 48.
    for v in [7u16, 64, 2, 48] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(*tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    let mut head_at = 0;
    for (tag, data) in &tables {
        if *tag == b"head" {
            head_at = out.len();
        }
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    if let Some(s) = out.get_mut(head_at + 8..head_at + 12) {
        s.copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

// ---- the file ---------------------------------------------------------------------------------

/// Object numbers of the fixed objects.
const CATALOG: usize = 1;
const PAGES: usize = 2;
const RESOURCES: usize = 3;
const FONT: usize = 4;
const CID_FONT: usize = 5;
const DESCRIPTOR: usize = 6;
const FONT_FILE: usize = 7;
const TO_UNICODE: usize = 8;
const INFO: usize = 9;
const CID_TO_GID: usize = 10;
const FIRST_PAGE: usize = 11;

struct Out {
    buf: Vec<u8>,
    /// (object number, offset) of every object written.
    offsets: Vec<(usize, usize)>,
}

impl Out {
    fn obj(&mut self, id: usize) {
        self.offsets.push((id, self.buf.len()));
        int(&mut self.buf, id as u64);
        self.buf.extend_from_slice(b" 0 obj\n");
    }

    fn end(&mut self) {
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    fn s(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn n(&mut self, n: usize) {
        int(&mut self.buf, n as u64);
    }

    /// A compressed stream object; `extra` goes into its dictionary.
    fn stream(&mut self, id: usize, extra: &str, deflated: &[u8]) {
        self.obj(id);
        self.s("<</Filter/FlateDecode/Length ");
        self.n(deflated.len());
        self.s(extra);
        self.s(">>stream\n");
        self.buf.extend_from_slice(deflated);
        self.s("\nendstream");
        self.end();
    }
}

/// A text string for the document information: UTF-16BE with its byte-order mark, in hex.
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

fn unicode_hex(c: u32) -> String {
    char::from_u32(c).map_or_else(
        || "FFFD".to_string(),
        |ch| {
            let mut buf = [0u16; 2];
            ch.encode_utf16(&mut buf)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect()
        },
    )
}

fn to_unicode(entries: &[(u16, u32)]) -> String {
    let mut s = String::from(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    );
    for block in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", block.len()));
        for &(code, c) in block {
            s.push_str(&format!("<{code:04X}><{}>\n", unicode_hex(c)));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    s
}

/// Six capital letters naming a subset (ISO 32000-1, 9.6.4), derived from its glyphs so that
/// the same content gives the same file.
fn subset_tag(ids: &[u16]) -> String {
    let mut h = DefaultHasher::new();
    ids.hash(&mut h);
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}

/// Appends a run of widths starting at code `start` to a `/W` array.
fn flush(w: &mut String, start: Option<usize>, widths: &mut Vec<i64>) {
    if let Some(start) = start
        && !widths.is_empty()
    {
        w.push_str(&format!("{start}["));
        let list: Vec<String> = widths.iter().map(i64::to_string).collect();
        w.push_str(&list.join(" "));
        w.push(']');
    }
    widths.clear();
}

/// A file's font objects, made ahead of the file (on a thread of their own).
struct FontObjects {
    /// The objects, offsets counted from the start of `out.buf`.
    out: Out,
    /// A digest of the subset, for the file identifier.
    digest: u64,
}

fn font_objects(font: &FontPart) -> Result<FontObjects, PdfError> {
    let m = font.m;
    let src = Source::get()?;
    let ids = font.set.ids();
    let program = subset(&src, &ids);
    let identity = ids.len() == font.all_ids.len();
    let upem = m.units_per_em();
    let scale = |v: f32| (v * 1000.0 / upem).round() as i64;
    let face = m.face();
    let mut o = Out {
        buf: Vec::with_capacity(program.len() / 2 + 8192),
        offsets: Vec::new(),
    };

    let name = format!("{}+{FONT_NAME}", subset_tag(&ids));
    o.obj(FONT);
    o.s(&format!(
        "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H\
         /DescendantFonts[5 0 R]/ToUnicode 8 0 R>>"
    ));
    o.end();

    // Widths by code, in thousandths of an em; 1000 (full width) is the default.
    let mut w = String::from("[");
    let mut run_start: Option<usize> = None;
    let mut widths = Vec::new();
    let mut unicode = Vec::new();
    for (code, &gid) in font.all_ids.iter().enumerate() {
        let width = scale(m.glyph_advance(gid) * upem);
        if font.set.contains(gid) && width != 1000 {
            if run_start.is_none() {
                run_start = Some(code);
            }
            widths.push(width);
        } else {
            flush(&mut w, run_start.take(), &mut widths);
        }
        if font.set.contains(gid)
            && gid != 0
            && let Some(&c) = font.char_of.get(usize::from(gid))
            && c != 0
            && let Ok(code) = u16::try_from(code)
        {
            unicode.push((code, c));
        }
    }
    flush(&mut w, run_start.take(), &mut widths);
    w.push(']');
    o.obj(CID_FONT);
    o.s(&format!(
        "<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
         /FontDescriptor 6 0 R/DW 1000/W{w}/CIDToGIDMap{}>>",
        if identity { "/Identity" } else { " 10 0 R" }
    ));
    o.end();

    let bbox = face.global_bounding_box();
    let cap = face.capital_height().unwrap_or(face.ascender());
    o.obj(DESCRIPTOR);
    o.s(&format!(
        "<</Type/FontDescriptor/FontName/{name}/Flags 6/FontBBox[{} {} {} {}]\
         /ItalicAngle 0/Ascent {}/Descent {}/CapHeight {}/StemV 80/FontFile2 7 0 R>>",
        scale(f32::from(bbox.x_min)),
        scale(f32::from(bbox.y_min)),
        scale(f32::from(bbox.x_max)),
        scale(f32::from(bbox.y_max)),
        scale(f32::from(face.ascender())),
        scale(f32::from(face.descender())),
        scale(f32::from(cap)),
    ));
    o.end();

    let mut z = Deflater::new(FONT_LEVEL);
    let packed = z.deflate(&program);
    o.stream(FONT_FILE, &format!("/Length1 {}", program.len()), &packed);
    let cmap = z.deflate(to_unicode(&unicode).as_bytes());
    o.stream(TO_UNICODE, "", &cmap);

    if !identity {
        // Code → glyph of this file's subset (0 where the file does not use the code).
        let mut map = Vec::with_capacity(font.all_ids.len() * 2);
        for &gid in font.all_ids {
            let local = if font.set.contains(gid) {
                ids.binary_search(&gid)
                    .ok()
                    .and_then(|i| u16::try_from(i).ok())
                    .unwrap_or(0)
            } else {
                0
            };
            map.extend_from_slice(&local.to_be_bytes());
        }
        o.stream(CID_TO_GID, "", &z.deflate(&map));
    }
    let mut h = DefaultHasher::new();
    ids.hash(&mut h);
    Ok(FontObjects {
        out: o,
        digest: h.finish(),
    })
}

/// Compression of the font streams: written once per file, worth the best ratio.
const FONT_LEVEL: Compression = Compression::new(9);

fn assemble(font: &FontObjects, pages: &[(&Page, &[u8])], title: &str, meta: &Meta) -> Vec<u8> {
    let total: usize = pages.iter().map(|(_, s)| s.len() + 200).sum();
    let mut o = Out {
        buf: Vec::with_capacity(total + font.out.buf.len() + 4096),
        offsets: Vec::with_capacity(FIRST_PAGE + 2 * pages.len()),
    };
    o.s("%PDF-1.7\n%\u{e2}\u{e3}\u{cf}\u{d3}\n");

    o.obj(CATALOG);
    o.s("<</Type/Catalog/Pages 2 0 R>>");
    o.end();

    o.obj(PAGES);
    o.s("<</Type/Pages/Count ");
    o.n(pages.len());
    o.s("/Kids[");
    for i in 0..pages.len() {
        o.n(FIRST_PAGE + 2 * i);
        o.s(" 0 R ");
    }
    o.s("]>>");
    o.end();

    o.obj(RESOURCES);
    o.s("<</Font<</F1 4 0 R>>/ProcSet[/PDF/Text]>>");
    o.end();

    let base = o.buf.len();
    o.buf.extend_from_slice(&font.out.buf);
    o.offsets
        .extend(font.out.offsets.iter().map(|&(id, at)| (id, base + at)));

    o.obj(INFO);
    o.s(&format!(
        "<</Title{}/Producer{}/CreationDate({})/ModDate({})>>",
        text_string(title),
        text_string(&meta.producer),
        meta.created,
        meta.created
    ));
    o.end();

    for (i, (page, stream)) in pages.iter().enumerate() {
        let id = FIRST_PAGE + 2 * i;
        o.obj(id);
        o.s("<</Type/Page/Parent 2 0 R/MediaBox[0 0 ");
        num(&mut o.buf, page.width.to_pt().0);
        num(&mut o.buf, page.height.to_pt().0);
        o.s("]/Resources 3 0 R/Contents ");
        o.n(id + 1);
        o.s(" 0 R>>");
        o.end();
        o.stream(id + 1, "", stream);
    }

    // Cross-reference table; objects never written (no /CIDToGIDMap) are free entries.
    let xref = o.buf.len();
    let count = FIRST_PAGE + 2 * pages.len();
    let mut table = vec![0usize; count];
    for &(id, at) in &o.offsets {
        if let Some(slot) = table.get_mut(id) {
            *slot = at;
        }
    }
    o.s("xref\n0 ");
    o.n(count);
    o.s("\n0000000000 65535 f\r\n");
    for &at in table.iter().skip(1) {
        if at == 0 {
            o.s("0000000000 65535 f\r\n");
        } else {
            o.s(&format!("{at:010} 00000 n\r\n"));
        }
    }
    // The file identifier: a digest of what makes this file (the same input gives the same
    // file, as reproducible builds need).
    let mut h = DefaultHasher::new();
    (title, &meta.created, font.digest, pages.len(), o.buf.len()).hash(&mut h);
    let id_a = h.finish();
    title.hash(&mut h);
    let id_b = h.finish();
    o.s(&format!(
        "trailer\n<</Size {count}/Root 1 0 R/Info 9 0 R/ID[<{id_a:016X}{id_b:016X}><{id_a:016X}{id_b:016X}>]>>\nstartxref\n{xref}\n%%EOF\n"
    ));
    o.buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_compressor_gives_each_stream_whole_and_as_a_fresh_encoder_would() {
        use std::io::{Read as _, Write as _};
        let mut z = Deflater::new(Compression::default());
        let texts: [Vec<u8>; 3] = [
            b"BT /F1 9 Tf 10 20 Td (abc)Tj ET\n".repeat(400),
            Vec::new(),
            (0..50_000u32)
                .flat_map(|i| (i * 7919).to_le_bytes())
                .collect(),
        ];
        for data in &texts {
            let packed = z.deflate(data);
            let mut fresh = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
            fresh.write_all(data).expect("into memory");
            assert_eq!(packed, fresh.finish().expect("into memory"));
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(packed.as_slice())
                .read_to_end(&mut back)
                .expect("a whole zlib stream");
            assert_eq!(&back, data);
        }
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let mut out = Vec::new();
        for v in [0.0, 1.5, -2.25, 595.2756, 10.004, -0.001] {
            num(&mut out, v);
        }
        assert_eq!(String::from_utf8_lossy(&out), "0 1.5 -2.25 595.28 10 0 ");
    }

    #[test]
    fn a_composite_glyph_is_renumbered_and_loses_its_instructions() {
        // One component (glyph 7, byte offsets, more instructions follow) + 3 instruction bytes.
        let mut g = vec![0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10];
        g.extend_from_slice(&(HAVE_INSTRUCTIONS | HAVE_SCALE).to_be_bytes());
        g.extend_from_slice(&7u16.to_be_bytes());
        g.extend_from_slice(&[1, 2, 0x40, 0]);
        g.extend_from_slice(&[0, 3, 1, 2, 3]);
        let mut out = Vec::new();
        strip_glyph(&g, &|gid| if gid == 7 { 2 } else { 0 }, &mut out);
        assert_eq!(out.len(), g.len() - 5, "instructions dropped");
        assert_eq!(be16(&out, 10), Some(HAVE_SCALE), "flag cleared");
        assert_eq!(be16(&out, 12), Some(2), "component renumbered");
    }

    #[test]
    fn a_simple_glyph_loses_its_instructions_only() {
        // Two contours, 4 instruction bytes, then 3 bytes of flags and points.
        let mut g = vec![0, 2, 0, 0, 0, 0, 0, 9, 0, 9, 0, 1, 0, 3];
        g.extend_from_slice(&[0, 4, 9, 9, 9, 9]);
        g.extend_from_slice(&[1, 2, 3]);
        let mut out = Vec::new();
        strip_glyph(&g, &|gid| gid, &mut out);
        assert_eq!(&out[..14], &g[..14]);
        assert_eq!(&out[14..], &[0, 0, 1, 2, 3]);
    }

    #[test]
    fn the_subset_holds_exactly_the_glyphs_asked_for_with_their_metrics() {
        let m = Metrics::get().expect("font");
        let src = Source::get().expect("tables");
        let mut ids: Vec<u16> = "産婦人科A1。"
            .chars()
            .map(|c| m.glyph(c).expect("in the font"))
            .collect();
        ids.push(0);
        ids.sort_unstable();
        ids.dedup();
        let program = subset(&src, &ids);
        let face = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
        assert_eq!(usize::from(face.number_of_glyphs()), ids.len());
        for (new, &old) in ids.iter().enumerate() {
            let new = ttf_parser::GlyphId(u16::try_from(new).expect("small"));
            assert_eq!(
                face.glyph_hor_advance(new),
                m.face().glyph_hor_advance(ttf_parser::GlyphId(old))
            );
            assert_eq!(
                face.glyph_bounding_box(new),
                m.face().glyph_bounding_box(ttf_parser::GlyphId(old))
            );
        }
        // Hinting is left out: no font program, no control values.
        let raw = ttf_parser::RawFace::parse(&program, 0).expect("parses");
        for tag in [b"fpgm", b"prep", b"cvt "] {
            assert!(raw.table(ttf_parser::Tag::from_bytes(tag)).is_none());
        }
        assert!(program.len() < 8 * 1024, "{} bytes", program.len());
    }

    #[test]
    fn glyph_lookups_are_cached_and_agree_with_the_font() {
        let m = Metrics::get().expect("font");
        for c in "産婦人科、ＡBｃ1２！　?𠮷😀".chars() {
            let direct = m.face().glyph_index(c).map(|g| g.0);
            assert_eq!(m.glyph(c), direct, "{c}");
            assert_eq!(m.glyph(c), direct, "{c} (cached)");
        }
    }
}
