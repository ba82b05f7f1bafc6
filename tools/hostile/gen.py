#!/usr/bin/env python3
"""Writes the hostile and damaged test files of tests/data/hostile/.

Each file is one kind of attack or damage that once aborted, hung or blew up `cls ingest`
(see issue 15): self-drawing form XObjects, page-tree cycles, a CID font width range of
four billion glyphs, flate bombs, huge PNG predictors, a million `q` operators, XObject
fan-out, truncated files, shifted or missing cross-reference tables, a corrupt content
stream, HTML nested tens of thousands deep and HTML followed by binary garbage.

The files are deterministic (fixed seed) so that the committed copies can be regenerated
byte for byte: `python3 tools/hostile/gen.py tests/data/hostile`.
"""

import os
import random
import sys
import zlib


def pdf(objects, root=1, trailer_extra=b""):
    """A PDF with a correct classic xref. `objects` maps number -> body bytes."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate(data, extra=b""):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_page(lines, y0=760):
    ops = [b"BT /F1 11 Tf"]
    y = y0
    for line in lines:
        ops.append(b"1 0 0 1 72 %d Tm (%s) Tj" % (y, line.encode("latin-1")))
        y -= 16
    ops.append(b"ET")
    return b"\n".join(ops)


def page_lines(n):
    return [
        "Fiche action n %d : Prevention et promotion de la sante" % n,
        "Objectif : reduire les inegalites sociales de sante sur le territoire",
        "Porteur : Centre communal d action sociale",
        "Partenaires : Agence regionale de sante, Conseil departemental",
        "Public cible : jeunes de 16 a 25 ans",
        "Calendrier : 2023 - 2025",
        "Budget : 12 000 euros par an",
    ]


def multi_page(n_pages, content=None):
    """A plain n-page contract; `content(i)` may replace page i's stream object body."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    kids = []
    for i in range(n_pages):
        page, cont = 10 + 2 * i, 11 + 2 * i
        kids.append(b"%d 0 R" % page)
        objs[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % cont
        )
        body = content(i) if content else None
        objs[cont] = body if body is not None else flate(text_page(page_lines(i + 1)))
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n_pages)
    return pdf(objs)


def one_page(contents_body, resources=b"<< /Font << /F1 3 0 R >> >>", extra_objs=None):
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        3: FONT,
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>"
        % resources,
        5: contents_body,
    }
    objs.update(extra_objs or {})
    return pdf(objs)


def gen(out):
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(15)
    files = {}
    hello = text_page(page_lines(1))

    # A form XObject that draws itself.
    files["xobject_self.pdf"] = one_page(
        stream(hello + b"\n/X1 Do"),
        resources=b"<< /Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >>",
        extra_objs={
            6: stream(
                b"/X1 Do",
                b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                b"/Resources << /XObject << /X1 6 0 R >> >> ",
            )
        },
    )
    # Two form XObjects that draw each other.
    files["xobject_pair.pdf"] = one_page(
        stream(hello + b"\n/A Do"),
        resources=b"<< /Font << /F1 3 0 R >> /XObject << /A 6 0 R >> >>",
        extra_objs={
            6: stream(b"/B Do", b"/Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /B 7 0 R >> >> "),
            7: stream(b"/A Do", b"/Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /A 6 0 R >> >> "),
        },
    )
    # XObject fan-out: each of 12 levels draws the next one 10 times (10^12 draws).
    fan = {}
    for lvl in range(12):
        num = 6 + lvl
        if lvl == 11:
            fan[num] = stream(hello, b"/Subtype /Form /BBox [0 0 9 9] /Resources << /Font << /F1 3 0 R >> >> ")
        else:
            fan[num] = stream(
                b" ".join([b"/N Do"] * 10),
                b"/Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /N %d 0 R >> >> " % (num + 1),
            )
    files["xobject_fanout.pdf"] = one_page(
        stream(b"/N Do"), resources=b"<< /XObject << /N 6 0 R >> >>", extra_objs=fan
    )
    # A page that is its own /Parent, with inherited keys missing so that lookups climb.
    files["page_own_parent.pdf"] = pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            3: FONT,
            4: b"<< /Type /Page /Parent 4 0 R /Contents 5 0 R >>",
            5: stream(hello),
        }
    )
    # A page-tree node that lists itself among its kids.
    files["page_tree_cycle.pdf"] = pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [4 0 R 2 0 R 6 0 R] /Count 2 >>",
            3: FONT,
            4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            5: stream(hello),
            6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        }
    )
    # A CID font whose width range covers four billion glyphs.
    files["cid_width_range.pdf"] = one_page(
        stream(b"BT /F2 12 Tf 72 720 Td <00410042> Tj ET"),
        resources=b"<< /Font << /F2 6 0 R >> >>",
        extra_objs={
            6: b"<< /Type /Font /Subtype /Type0 /BaseFont /Bomb /Encoding /Identity-H "
            b"/DescendantFonts [7 0 R] >>",
            7: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Bomb "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 8 0 R /W [0 4294967295 500] >>",
            8: b"<< /Type /FontDescriptor /FontName /Bomb /Flags 4 /FontBBox [0 0 1000 1000] "
            b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        },
    )
    # A content stream that inflates to 1 GiB of spaces.
    co = zlib.compressobj(9)
    chunk = b" " * (1 << 24)
    bomb = bytearray(co.compress(hello + b"\n"))
    for _ in range(64):
        bomb += co.compress(chunk)
    bomb += co.flush()
    files["flate_bomb.pdf"] = one_page(
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bytes(bomb) + b"\nendstream"
    )
    # A PNG predictor with two billion columns.
    files["predictor_columns.pdf"] = one_page(
        flate(b"\x00" + hello, b"/DecodeParms << /Predictor 12 /Columns 2147483647 >> ")
    )
    # One million nested `q` operators, then text.
    files["million_q.pdf"] = one_page(flate(b"q " * 1_000_000 + hello))
    # Arrays nested a hundred thousand deep in a content stream.
    files["deep_array.pdf"] = one_page(flate(hello + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b" Tj"))

    good = multi_page(6)
    # Truncated in the middle of page 5: pages 1-4 are whole.
    cut = good.find(b"18 0 obj") + 40
    files["truncated.pdf"] = good[:cut]
    # A few bytes inserted after the header: every xref offset is off by seven.
    files["inserted_bytes.pdf"] = good[:15] + b"GARBAGE" + good[15:]
    # No cross-reference table nor trailer at all.
    files["no_xref.pdf"] = good[: good.rfind(b"xref\n")] + b"%%EOF\n"
    # Page 3's content stream is not valid flate data.
    noise = rnd.randbytes(32)
    corrupt = b"<< /Length 32 /Filter /FlateDecode >>\nstream\n" + noise + b"\nendstream"
    files["corrupt_page.pdf"] = multi_page(6, lambda i: corrupt if i == 2 else None)
    # Random bytes: not a document at all, but with a PDF header.
    files["pdf_header_noise.pdf"] = b"%PDF-1.7\n" + rnd.randbytes(100_000)

    # HTML nested deeper than any parser's stack.
    files["nested_tables.html"] = (
        b"<html><body><p>Contrat local de sante</p>" + b"<table><tr><td>" * 20_000 + b"x" + b"</td></tr></table>" * 20_000 + b"</body></html>"
    )
    files["nested_bold.html"] = b"<html><body><p>Contrat local de sante " + b"<b>" * 200_000 + b"x</p></body></html>"
    files["nested_divs.html"] = b"<html><body>" + b"<div>" * 100_000 + b"Contrat local de sante" + b"</div>" * 100_000 + b"</body></html>"
    # A web page followed by 200 kB of random bytes.
    files["html_then_garbage.html"] = b"<html><body><p>Contrat local de sante</p>" + rnd.randbytes(200_000)

    files.update(fonts_and_cmaps())
    files.update(streams_and_operators())
    files.update(document_budgets())
    files.update(truncations())

    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return files


# Issue 15, second round: each file below is one mechanism that refused or emptied a whole
# document while poppler read it, or that a per-page budget let through.


def font_page(font, n_pages=3, text=None, fonts_used=b"/F1 3 0 R"):
    """An n-page contract whose font F1 is `font` (a dict body, or objects 3.. given)."""
    fonts = font if isinstance(font, dict) else {3: font}
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    objs.update(fonts)
    kids = []
    for i in range(n_pages):
        page, cont = 100 + 2 * i, 101 + 2 * i
        kids.append(b"%d 0 R" % page)
        objs[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << %s >> >> /Contents %d 0 R >>" % (fonts_used, cont)
        )
        objs[cont] = flate(text(i) if text else text_page(page_lines(i + 1)))
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n_pages)
    return pdf(objs)


def cmap(body):
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"1 begincodespacerange <00> <FF> endcodespacerange " + body + b" endcmap end end"
    )


def fonts_and_cmaps():
    files = {}
    helv = b"/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
    # A ToUnicode range over every four-byte code (four billion entries), mapping each
    # code to itself: a simple font only has one-byte codes, whose text stays readable.
    files["tounicode_huge_range.pdf"] = font_page(
        {3: b"<< " + helv + b"/ToUnicode 4 0 R >>", 4: flate(cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange"))}
    )
    # A CID font (two-byte codes) with a 16-million-code range: only its codes are kept.
    # It writes "Signataires" on every page, under the Helvetica text.
    cid_text = lambda i: text_page(page_lines(i + 1)) + b"\nBT /F2 11 Tf 72 300 Td <005300690067006E0061007400610069007200650073> Tj ET"
    files["tounicode_range_cid.pdf"] = font_page(
        {
            3: FONT,
            4: b"<< /Type /Font /Subtype /Type0 /BaseFont /Cid /Encoding /Identity-H "
            b"/DescendantFonts [5 0 R] /ToUnicode 6 0 R >>",
            5: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Cid /DW 500 "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            6: flate(cmap(b"1 beginbfrange <000000> <FFFFFF> <0000> endbfrange")),
        },
        text=cid_text,
        fonts_used=b"/F1 3 0 R /F2 4 0 R",
    )
    # A ToUnicode CMap that is garbage after its first entry: the font's encoding reads
    # the text (upstream unwrapped the parse error and refused the document).
    files["tounicode_garbage.pdf"] = font_page(
        {3: b"<< " + helv + b"/ToUnicode 4 0 R >>", 4: flate(b"begincmap 2 beginbfchar <41> endbfchar garbage ] ) >> [[ <42")}
    )
    # Widths shorter than LastChar - FirstChar + 1 (upstream asserted).
    files["font_widths_short.pdf"] = font_page(b"<< " + helv + b"/FirstChar 32 /LastChar 255 /Widths [278 278 355] >>")
    # Widths and descriptor given by references to objects missing from the file.
    files["font_widths_missing.pdf"] = font_page(b"<< " + helv + b"/FirstChar 32 /LastChar 255 /Widths 88 0 R >>")
    files["font_descriptor_missing.pdf"] = font_page(
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 255 "
        b"/Widths 88 0 R /FontDescriptor 89 0 R /Encoding /WinAnsiEncoding >>"
    )
    # Differences naming codes far outside the 256-entry table.
    files["differences_huge.pdf"] = font_page(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [4294967295 /A /B -5 /C 65 /A] >> >>"
    )
    # A font dictionary with bytes overwritten between its entries: the entries that can
    # be read are kept, as poppler does (upstream lost the whole object, so the font).
    files["font_dict_damaged.pdf"] = font_page(
        b"<< /Type /Font /Subtype /Type1 \x97\xd9\x85W!\x91 [e\xf2Wx /BaseFont /Helvetica "
        b"/Bad\xcb\t\xbcV?:= /Encoding /WinAnsiEncoding >>"
    )
    # A CID font whose descendant is missing from the file: its ToUnicode map and default
    # widths still read its text, and the pages say the font is damaged.
    files["cid_descendant_missing.pdf"] = font_page(
        {
            3: FONT,
            4: b"<< /Type /Font /Subtype /Type0 /BaseFont /Cid /Encoding /Identity-H "
            b"/DescendantFonts [55 0 R] /ToUnicode 6 0 R >>",
            6: flate(cmap(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange")),
        },
        text=cid_text,
        fonts_used=b"/F1 3 0 R /F2 4 0 R",
    )
    # Page 2 uses a second font whose object is missing: only that font's text is lost.
    two_fonts = lambda i: text_page(page_lines(i + 1)) + (b"\nBT /F2 11 Tf 72 300 Td (Perdu) Tj ET" if i == 1 else b"")
    doc = font_page(FONT, text=two_fonts)
    files["font_object_missing.pdf"] = doc.replace(b"/Font << /F1 3 0 R >>", b"/Font << /F1 3 0 R /F2 77 0 R >>")
    return files


def streams_and_operators():
    files = {}
    lines = lambda i: text_page(page_lines(i + 1))
    # Page 2's uncompressed stream has three bytes more than its /Length says (bytes
    # inserted in the middle): its end is found at `endstream`, as poppler does.
    def wrong_length(i):
        data = lines(i)
        if i == 1:
            at = data.find(b"Tj") + 2
            return b"<< /Length %d >>\nstream\n" % len(data) + data[:at] + b" % " + data[at:] + b"\nendstream"
        return None
    files["length_wrong.pdf"] = multi_page(3, wrong_length)
    # Page 2's /Length is a reference to the stream object itself.
    files["length_selfref.pdf"] = multi_page(
        3, lambda i: (b"<< /Length 13 0 R >>\nstream\n" + lines(i) + b"\nendstream") if i == 1 else None
    )
    # Page 2's flate stream is cut in the middle: what inflated before the cut is kept,
    # and the page is reported as damaged.
    def cut_flate(i):
        if i != 1:
            return None
        z = zlib.compress(lines(i) + b"\n" + b"".join(b"BT /F1 9 Tf 72 %d Td (Ligne %d) Tj ET\n" % (400 - 10 * k, k) for k in range(30)), 9)
        z = z[: len(z) * 2 // 3]
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"
    files["flate_cut.pdf"] = multi_page(3, cut_flate)
    # Operators with too few operands or of the wrong type, then the page's text: the bad
    # operators are skipped and noted, the text is read (upstream lost the page).
    def bad_operators(i):
        if i != 1:
            return None
        bad = b"1 0 0 cm\nBT /F1 Tf ET\nBT Tj ET\n(x) Td\n/Name 3 re\n5 v\n"
        return flate(bad + lines(i))
    files["operator_operands.pdf"] = multi_page(3, bad_operators)
    return files


def document_budgets():
    files = {}
    # 200 pages drawing one stream that inflates to 32 MB: each page is within its own
    # budget, the document is not (6.4 GB decoded). Shared by every page, so small.
    co = zlib.compressobj(9)
    big = bytearray(co.compress(text_page(page_lines(1)) + b"\n"))
    chunk = b" " * (1 << 20)
    for _ in range(32):
        big += co.compress(chunk)
    big += co.flush()
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    objs[11] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(big) + bytes(big) + b"\nendstream"
    kids = []
    for i in range(200):
        kids.append(b"%d 0 R" % (20 + i))
        objs[20 + i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 11 0 R >>"
        )
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count 200 >>" % b" ".join(kids)
    files["shared_stream_pages.pdf"] = pdf(objs)
    # Eight pages drawing one stream of 1.9 million `cm` then text: each page is within the
    # page budget, the eight together are past the document's.
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    objs[11] = flate(b"1 0 0 1 0 0 cm " * 1_900_000 + text_page(page_lines(1)))
    for i in range(8):
        objs[20 + i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 11 0 R >>"
        )
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count 8 >>" % b" ".join(b"%d 0 R" % (20 + i) for i in range(8))
    files["operations_per_document.pdf"] = pdf(objs)
    # 1.2 million `cm` and `re` then text: interpreted one operator at a time, in little
    # memory (upstream held every parsed operator: over a gigabyte).
    files["million_cm.pdf"] = one_page(flate(b"1 0 0 1 0 0 cm 0 0 1 1 re " * 600_000 + b"n\n" + text_page(page_lines(1))))
    return files


def truncations():
    """A six-page file written contents first, then pages, font, page tree and catalog
    (as Chromium and LibreOffice write theirs), cut before each of the last three."""
    objs = {}
    for i in range(6):
        objs[10 + i] = flate(text_page(page_lines(i + 1)))
        objs[20 + i] = (
            b"<< /Type /Page /Parent 40 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 30 0 R >> >> /Contents %d 0 R >>" % (10 + i)
        )
    objs[30] = FONT
    objs[40] = b"<< /Type /Pages /Kids [%s] /Count 6 >>" % b" ".join(b"%d 0 R" % (20 + i) for i in range(6))
    objs[41] = b"<< /Type /Catalog /Pages 40 0 R >>"
    whole = pdf(objs, root=41)
    cut = lambda num: whole[: whole.find(b"\n%d 0 obj" % num) + 1]
    files = {
        # The pages and their font are there: a catalog is made over the pages found.
        "truncated_before_catalog.pdf": cut(40),
        # No font is left: no text can be read, and the reason says the file was cut.
        "truncated_before_font.pdf": cut(30),
        # No page is left.
        "truncated_before_pages.pdf": cut(20),
    }
    # A cross-reference stream whose field widths say four gigabytes per entry (upstream
    # allocated them: an abort under a memory limit); the table is rebuilt by scanning.
    body = whole[: whole.find(b"xref\n")]
    entries = b"\x00" * 7
    files["xref_stream_width_huge.pdf"] = (
        body
        + b"50 0 obj\n<< /Type /XRef /Size 51 /W [1 4294967295 2] /Root 41 0 R /Length %d >>\nstream\n" % len(entries)
        + entries
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % len(body)
    )
    return files


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "tests/data/hostile"
    for name, data in sorted(gen(target).items()):
        print(f"{name}\t{len(data)}")
