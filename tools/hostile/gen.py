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

    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return files


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "tests/data/hostile"
    for name, data in sorted(gen(target).items()):
        print(f"{name}\t{len(data)}")
