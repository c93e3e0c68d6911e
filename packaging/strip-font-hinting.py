#!/usr/bin/python3
"""Removes the TrueType hinting from the PDF font, once, before it is embedded in the program.

PDF renderers and printers do not run TrueType instructions, but every subset embedded in an
exported PDF would carry them (the subsetter keeps them): the glyph programs, `fpgm`, `prep` and
`cvt `. Everything else stays as it was: the same glyphs in the same order, outlines, advance
widths, `cmap`, layout tables and names, so measurements and glyph ids do not change.

usage: packaging/strip-font-hinting.py IN.ttf OUT.ttf
needs: fontTools (Debian: apt-get install python3-fonttools)
"""
import sys

from fontTools.ttLib import TTFont

HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")


def main(src, dst):
    # The original timestamp is kept, so that running this again gives the same bytes.
    font = TTFont(src, recalcTimestamp=False)
    order = font.getGlyphOrder()
    glyf = font["glyf"]
    for name in order:
        glyf[name].removeHinting()
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    # The digital signature covers the old bytes and would be wrong.
    if "DSIG" in font:
        del font["DSIG"]
    maxp = font["maxp"]
    maxp.maxSizeOfInstructions = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxZones = 1
    font.save(dst)

    # Check: the same glyphs in the same order with the same advances and character map.
    a, b = TTFont(src), TTFont(dst)
    assert a.getGlyphOrder() == b.getGlyphOrder(), "glyph order changed"
    assert a["hmtx"].metrics == b["hmtx"].metrics, "advance widths changed"
    assert a.getBestCmap() == b.getBestCmap(), "character map changed"
    ga, gb = a["glyf"], b["glyf"]
    for name in order:
        box = lambda g: tuple(getattr(g, k, 0) for k in ("xMin", "yMin", "xMax", "yMax"))
        assert box(ga[name]) == box(gb[name]), f"bounding box of {name} changed"
        assert ga[name].getCoordinates(ga)[0] == gb[name].getCoordinates(gb)[0], f"{name} changed"
    print(f"{src}: {len(order)} glyphs; hinting removed -> {dst}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
