//! PDF files from pages of drawing operations ([`Page`]); nothing here knows the forms.
//!
//! The objects, streams and cross-reference table are written with `pdf-writer`, the font
//! subset is made by `subsetter`; what is ours is the mapping of our pages onto PDF
//! operations and objects. Text is written as glyph codes (glyphs looked up once per
//! character, see [`Metrics::glyph`]); the font goes in once per file as a Type0/CIDFontType2
//! font holding a subset of exactly the glyphs used, with our own ToUnicode map (the subset
//! has no `cmap`); every stream is compressed. When one export writes several files from the
//! same pages (the bundle and one file per form), every page is encoded and compressed once and
//! its bytes go into each file that holds it: all files of one export share one numbering of
//! the glyphs (the CIDs), and a file holding fewer glyphs maps that numbering onto its own
//! smaller subset (`/CIDToGIDMap`).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::TextStr;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str};

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
    /// Creation date, in UTC.
    pub created: chrono::DateTime<chrono::Utc>,
}

impl Meta {
    /// Now, or `SOURCE_DATE_EPOCH` when set (reproducible builds of fixtures).
    pub fn now() -> Self {
        let epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0));
        Meta {
            producer: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            created: epoch.unwrap_or_else(chrono::Utc::now),
        }
    }

    fn date(&self) -> Date {
        use chrono::{Datelike as _, Timelike as _};
        let t = &self.created;
        let small = |v: u32| u8::try_from(v).unwrap_or(0);
        Date::new(u16::try_from(t.year()).unwrap_or(0))
            .month(small(t.month()))
            .day(small(t.day()))
            .hour(small(t.hour()))
            .minute(small(t.minute()))
            .second(small(t.second()))
            .utc_offset_hour(0)
            .utc_offset_minute(0)
    }
}

/// Compact output: no indentation or line per dictionary entry.
const COMPACT: Settings = Settings { pretty: false };

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
    // One numbering of the glyphs (the CIDs) for every file of this export.
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

// ---- page content -----------------------------------------------------------------------------

/// A length in points, rounded to hundredths: finer than any printer, and two decimals keep
/// the content streams short.
fn pt(v: Mm) -> f32 {
    hundredths_to_f32(to_hundredths(v.to_pt().0))
}

fn to_hundredths(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

fn hundredths_to_f32(n: i64) -> f32 {
    (n as f64 / 100.0) as f32
}

/// A page's content stream: rules and shades first, then the text in one text object.
fn content(m: &Metrics, page: &Page, code_of: &[u16]) -> Vec<u8> {
    let h = page.height;
    let mut c = Content::with_settings_and_capacity(COMPACT, page.draws.len() * 64);
    let glyph_codes = |text: &str| -> Vec<u8> {
        let mut codes = Vec::new();
        for ch in text.chars() {
            let gid = m.glyph(ch).unwrap_or(0);
            let code = code_of.get(usize::from(gid)).copied().unwrap_or(0);
            codes.extend_from_slice(&code.to_be_bytes());
        }
        codes
    };
    let mut width = Pt(f32::NAN);
    for draw in &page.draws {
        let mut set_width = |c: &mut Content, w: Pt| {
            if w != width {
                c.set_line_width(hundredths_to_f32(to_hundredths(w.0)));
                width = w;
            }
        };
        match draw {
            Draw::Text { .. } | Draw::Mark { .. } | Draw::Red { .. } => {}
            Draw::RedFrame {
                x,
                y,
                w,
                h: rh,
                width: lw,
            } => {
                set_width(&mut c, *lw);
                c.set_stroke_rgb(RED.0, RED.1, RED.2);
                c.rect(pt(*x), pt(h - *y - *rh), pt(*w), pt(*rh));
                c.stroke();
                c.set_stroke_gray(0.0);
            }
            Draw::Line { from, to, width: w } => {
                set_width(&mut c, *w);
                c.move_to(pt(from.0), pt(h - from.1));
                c.line_to(pt(to.0), pt(h - to.1));
                c.stroke();
            }
            Draw::Frame {
                x,
                y,
                w,
                h: rh,
                width: lw,
            } => {
                set_width(&mut c, *lw);
                c.rect(pt(*x), pt(h - *y - *rh), pt(*w), pt(*rh));
                c.stroke();
            }
            Draw::Shade {
                x,
                y,
                w,
                h: rh,
                grey,
            } => {
                c.set_fill_gray(hundredths_to_f32(to_hundredths(*grey)));
                c.rect(pt(*x), pt(h - *y - *rh), pt(*w), pt(*rh));
                c.fill_nonzero();
                c.set_fill_gray(0.0);
            }
        }
    }
    c.begin_text();
    let mut size = Pt(f32::NAN);
    // The text position in hundredths of a point: each line moves relative to the last in
    // exact decimal steps, so positions do not drift.
    let (mut px, mut py) = (0i64, 0i64);
    let mut codes = Vec::new();
    let mut red = false;
    for draw in &page.draws {
        let (x, y, s, text, is_red) = match draw {
            Draw::Text { x, y, size, text } => (x, y, size, text, false),
            Draw::Red { x, y, size, text } => (x, y, size, text, true),
            _ => continue,
        };
        if is_red != red {
            if is_red {
                c.set_fill_rgb(RED.0, RED.1, RED.2);
            } else {
                c.set_fill_gray(0.0);
            }
            red = is_red;
        }
        if *s != size {
            c.set_font(Name(b"F1"), hundredths_to_f32(to_hundredths(s.0)));
            size = *s;
        }
        let nx = to_hundredths(x.to_pt().0);
        let ny = to_hundredths((h - *y).to_pt().0);
        c.next_line(hundredths_to_f32(nx - px), hundredths_to_f32(ny - py));
        (px, py) = (nx, ny);
        codes.clear();
        codes.extend_from_slice(&glyph_codes(text));
        c.show(Str(&codes));
    }
    c.end_text();
    // Marks last, translucent, so that the form shows through them and no shade hides them.
    for draw in &page.draws {
        if let Draw::Mark {
            x,
            y,
            size,
            text,
            grey,
        } = draw
        {
            c.save_state();
            c.set_parameters(MARK_STATE_NAME);
            c.set_fill_gray(hundredths_to_f32(to_hundredths(*grey)));
            c.begin_text();
            c.set_font(Name(b"F1"), hundredths_to_f32(to_hundredths(size.0)));
            c.next_line(pt(*x), pt(h - *y));
            c.show(Str(&glyph_codes(text)));
            c.end_text();
            c.restore_state();
        }
    }
    c.finish().into_vec()
}

/// 朱色: the red of 「…在中」 written on an envelope.
const RED: (f32, f32, f32) = (0.85, 0.1, 0.1);

/// The graphics state marks are drawn in (see [`MARK_ALPHA`]).
const MARK_STATE_NAME: Name<'static> = Name(b"GM");
/// How opaque a mark across a page is: it is read at a glance, and the form under it too.
const MARK_ALPHA: f32 = 0.35;

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

/// Object numbers of the font's objects, the same in every file.
const FONT: Ref = Ref::new(3);
const CID_FONT: Ref = Ref::new(4);
const DESCRIPTOR: Ref = Ref::new(5);
const FONT_FILE: Ref = Ref::new(6);
const TO_UNICODE: Ref = Ref::new(7);
const CID_TO_GID: Ref = Ref::new(8);
/// Object numbers of the rest of the file.
const CATALOG: Ref = Ref::new(1);
const PAGES: Ref = Ref::new(2);
const INFO: Ref = Ref::new(9);
const FIRST_PAGE: i32 = 10;

/// The name of the font resource in every page's content.
const F1: Name = Name(b"F1");

/// Six capital letters naming a subset (ISO 32000-1, 9.6.4), derived from its glyphs so that
/// the same content gives the same file.
fn subset_tag(ids: &[u16]) -> String {
    let mut h = DefaultHasher::new();
    ids.hash(&mut h);
    let mut v = Hasher::finish(&h);
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}

/// A file's font objects, made ahead of the file (on a thread of their own).
struct FontObjects {
    chunk: Chunk,
    /// A digest of the subset, for the file identifier.
    digest: u64,
}

/// Compression of the font streams: written once per file, worth the best ratio.
const FONT_LEVEL: Compression = Compression::new(9);

fn font_objects(font: &FontPart) -> Result<FontObjects, PdfError> {
    let m = font.m;
    let ids = font.set.ids();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&ids);
    let program = subsetter::subset(FONT_BYTES, 0, &remapper).map_err(|_| PdfError::Font)?;
    // Code → glyph of this file's subset (0 where the file does not use the code).
    let local: Vec<u16> = font
        .all_ids
        .iter()
        .map(|&gid| {
            if font.set.contains(gid) {
                remapper.get(gid).unwrap_or(0)
            } else {
                0
            }
        })
        .collect();
    let identity = local
        .iter()
        .enumerate()
        .all(|(code, &gid)| usize::from(gid) == code);
    let upem = m.units_per_em();
    let scale = |v: f32| (v * 1000.0 / upem).round();
    let face = m.face();
    let mut chunk = Chunk::with_settings_and_capacity(COMPACT, program.len() / 2 + 8192);

    let tagged = format!("{}+{FONT_NAME}", subset_tag(&ids));
    let name = Name(tagged.as_bytes());
    chunk
        .type0_font(FONT)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(CID_FONT)
        .to_unicode(TO_UNICODE);

    let mut cid = chunk.cid_font(CID_FONT);
    cid.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(DESCRIPTOR)
        .default_width(1000.0);
    // Widths by code, in thousandths of an em, in runs of codes used whose width is not the
    // default (1000, full width).
    {
        let mut w = cid.widths();
        let mut run: Option<u16> = None;
        let mut widths = Vec::new();
        for (code, &gid) in font.all_ids.iter().enumerate() {
            let width = scale(m.glyph_advance(gid) * upem);
            if font.set.contains(gid)
                && width != 1000.0
                && let Ok(code) = u16::try_from(code)
            {
                run.get_or_insert(code);
                widths.push(width);
            } else if let Some(start) = run.take() {
                w.consecutive(start, widths.drain(..));
            }
        }
        if let Some(start) = run.take() {
            w.consecutive(start, widths.drain(..));
        }
    }
    if identity {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    } else {
        cid.cid_to_gid_map_stream(CID_TO_GID);
    }
    cid.finish();

    let bbox = face.global_bounding_box();
    let cap = face.capital_height().unwrap_or(face.ascender());
    chunk
        .font_descriptor(DESCRIPTOR)
        .name(name)
        .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            scale(f32::from(bbox.x_min)),
            scale(f32::from(bbox.y_min)),
            scale(f32::from(bbox.x_max)),
            scale(f32::from(bbox.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(scale(f32::from(face.ascender())))
        .descent(scale(f32::from(face.descender())))
        .cap_height(scale(f32::from(cap)))
        .stem_v(80.0)
        .font_file2(FONT_FILE);

    let mut z = Deflater::new(FONT_LEVEL);
    let packed = z.deflate(&program);
    chunk
        .stream(FONT_FILE, &packed)
        .filter(Filter::FlateDecode)
        .pair(
            Name(b"Length1"),
            i32::try_from(program.len()).unwrap_or(i32::MAX),
        );

    let mut cmap = UnicodeCmap::new(
        Name(b"Adobe-Identity-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (code, &gid) in font.all_ids.iter().enumerate() {
        if gid != 0
            && font.set.contains(gid)
            && let Some(c) = font.char_of.get(usize::from(gid)).copied()
            && let Some(c) = char::from_u32(c).filter(|&c| c != '\0')
            && let Ok(code) = u16::try_from(code)
        {
            cmap.pair(code, c);
        }
    }
    let cmap = z.deflate(cmap.finish().as_slice());
    chunk.stream(TO_UNICODE, &cmap).filter(Filter::FlateDecode);

    if !identity {
        let map: Vec<u8> = local.iter().flat_map(|g| g.to_be_bytes()).collect();
        let map = z.deflate(&map);
        chunk.stream(CID_TO_GID, &map).filter(Filter::FlateDecode);
    }
    let mut h = DefaultHasher::new();
    ids.hash(&mut h);
    Ok(FontObjects {
        chunk,
        digest: Hasher::finish(&h),
    })
}

fn assemble(font: &FontObjects, pages: &[(&Page, &[u8])], title: &str, meta: &Meta) -> Vec<u8> {
    let total: usize = pages.iter().map(|(_, s)| s.len() + 200).sum();
    let mut pdf = Pdf::with_settings_and_capacity(COMPACT, total + font.chunk.len() + 4096);
    let page_ref = |i: usize| Ref::new(FIRST_PAGE + 2 * i32::try_from(i).unwrap_or(0));

    pdf.catalog(CATALOG).pages(PAGES);
    let mut tree = pdf.pages(PAGES);
    tree.count(i32::try_from(pages.len()).unwrap_or(i32::MAX))
        .kids((0..pages.len()).map(page_ref));
    // Every page inherits the one font, and the marks' translucent state, from the page tree.
    let mark_state = Ref::new(FIRST_PAGE + 2 * i32::try_from(pages.len()).unwrap_or(0));
    let mut resources = tree.resources();
    resources.fonts().pair(F1, FONT);
    resources.ext_g_states().pair(MARK_STATE_NAME, mark_state);
    resources.finish();
    tree.finish();
    pdf.ext_graphics(mark_state).non_stroking_alpha(MARK_ALPHA);

    pdf.extend(&font.chunk);

    pdf.document_info(INFO)
        .title(TextStr(title))
        .producer(TextStr(&meta.producer))
        .creation_date(meta.date())
        .modified_date(meta.date());

    for (i, (page, stream)) in pages.iter().enumerate() {
        let id = page_ref(i);
        pdf.page(id)
            .parent(PAGES)
            .media_box(Rect::new(0.0, 0.0, pt(page.width), pt(page.height)))
            .contents(id.next());
        pdf.stream(id.next(), stream).filter(Filter::FlateDecode);
    }

    // The file identifier: a digest of what makes this file (the same input gives the same
    // file, as reproducible builds need).
    let mut h = DefaultHasher::new();
    (title, meta.created.timestamp(), font.digest, pages.len()).hash(&mut h);
    for (_, stream) in pages {
        stream.hash(&mut h);
    }
    let id_a = Hasher::finish(&h);
    title.hash(&mut h);
    let id_b = Hasher::finish(&h);
    let id: Vec<u8> = [id_a, id_b].iter().flat_map(|v| v.to_be_bytes()).collect();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
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
    fn lengths_are_written_with_at_most_two_decimals() {
        let mut c = Content::with_settings(COMPACT);
        for v in [0.0, 1.5, -2.25, 595.2756, 10.004, -0.001] {
            c.set_line_width(hundredths_to_f32(to_hundredths(v)).abs());
        }
        let mut page = Page::a4(super::super::page::Orientation::Portrait);
        page.line((Mm(10.0), Mm(20.0)), (Mm(100.0), Mm(20.0)), Pt(0.5));
        let out = String::from_utf8(c.finish().into_vec()).expect("ascii");
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "0", "w", "1.5", "w", "2.25", "w", "595.28", "w", "10", "w", "0", "w"
            ]
        );
        let m = Metrics::get().expect("font");
        let line = String::from_utf8(content(m, &page, &[])).expect("ascii");
        // 10 mm = 28.3464… pt, 297 − 20 mm = 785.1968… pt.
        assert!(line.contains("28.35 785.2 m"), "{line}");
    }

    #[test]
    fn the_subset_holds_the_glyphs_asked_for_with_their_metrics() {
        let m = Metrics::get().expect("font");
        let mut ids: Vec<u16> = "産婦人科A1。"
            .chars()
            .map(|c| m.glyph(c).expect("in the font"))
            .collect();
        ids.push(0);
        ids.sort_unstable();
        ids.dedup();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs(&ids);
        let program = subsetter::subset(FONT_BYTES, 0, &remapper).expect("subsets");
        let face = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
        assert!(usize::from(face.number_of_glyphs()) >= ids.len());
        for &old in &ids {
            let new = ttf_parser::GlyphId(remapper.get(old).expect("kept"));
            let old = ttf_parser::GlyphId(old);
            assert_eq!(face.glyph_hor_advance(new), m.face().glyph_hor_advance(old));
            assert_eq!(
                face.glyph_bounding_box(new),
                m.face().glyph_bounding_box(old)
            );
        }
        assert!(program.len() < 32 * 1024, "{} bytes", program.len());
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
