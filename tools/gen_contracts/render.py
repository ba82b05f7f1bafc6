"""Two back ends for one small block model: HTML (Chromium, or LibreOffice's HTML import)
and flat ODT (.fodt, LibreOffice Writer).

Blocks (dicts):
  {"t": "h", "lvl": 1-4, "runs": RUNS, "cls": ""|"band"|"center"|"upper", "pb": bool}
  {"t": "p", "runs": RUNS, "cls": ""|"center"|"title"|"subtitle"|"small"|"right"|"big"}
  {"t": "ul", "items": [RUNS, ...]}
  {"t": "table", "rows": [{"cells": [CELL], "head": bool}], "ruled": bool, "widths": [int %], "cls": ""}
        CELL = {"b": [blocks] or RUNS, "span": n, "shade": "#rrggbb"|None, "bold": bool}
  {"t": "pb", "master": None|"land"|"cols3"}   page break (optionally to another page style)
  {"t": "cols", "n": 2|3, "b": [blocks]}          multi-column section
  {"t": "toc", "entries": [(text, page|None, lvl)], "dots": bool}
RUNS: a str or a list of str / (str, "b"|"i"|"bi").
Document options: orientation, header, footer ("page", "n/N", "text:..."), font, size, accent,
page_cols (page-style columns on the body master, fodt only)."""
from html import escape as _esc


def runs_of(r):
    if r is None:
        return []
    if isinstance(r, (str, tuple)):
        r = [r]
    return [(x, "") if isinstance(x, str) else x for x in r]


# ---------------------------------------------------------------- HTML

def html_runs(r):
    out = []
    for text, st in runs_of(r):
        s = _esc(text)
        if "b" in st:
            s = f"<b>{s}</b>"
        if "i" in st:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


def html_blocks(blocks, lo=False):
    out = []
    land_open = False
    for b in blocks:
        t = b["t"]
        if t == "h":
            cls = b.get("cls", "")
            style = ' style="page-break-before: always"' if b.get("pb") else ""
            out.append(f'<h{b["lvl"]} class="{cls}"{style}>{html_runs(b["runs"])}</h{b["lvl"]}>')
        elif t == "p":
            out.append(f'<p class="{b.get("cls", "")}">{html_runs(b["runs"])}</p>')
        elif t == "ul":
            out.append("<ul>" + "".join(f"<li>{html_runs(i)}</li>" for i in b["items"]) + "</ul>")
        elif t == "pb":
            if b.get("master") == "land" and not lo:
                out.append('<div class="land">')
                land_open = True
            else:
                out.append('<div style="page-break-before: always"></div>')
        elif t == "cols":
            out.append(f'<div class="cols{b["n"]}">' + html_blocks(b["b"], lo) + "</div>")
        elif t == "toc":
            for text, page, lvl in b["entries"]:
                pg = "" if page is None else str(page)
                if lo:
                    out.append(f'<p class="toc{lvl}">{_esc(text)} {"." * max(4, 90 - len(text))} {pg}</p>')
                elif b.get("dots", True):
                    out.append(f'<p class="toc toc{lvl}"><span class="tt">{_esc(text)}</span><span class="dots"></span><span>{pg}</span></p>')
                else:
                    out.append(f'<p class="toc toc{lvl}">{_esc(text)} {pg}</p>')
        elif t == "table":
            cls = "ruled" if b.get("ruled") else "plain"
            rows = b["rows"]
            s = [f'<table class="{cls} {b.get("cls", "")}" cellspacing="0" cellpadding="4"' + (' border="1"' if b.get("ruled") and lo else "") + (' width="100%"' if lo else "") + ">"]
            if b.get("widths") and not lo:
                s.append("<colgroup>" + "".join(f'<col width="{w}%">' for w in b["widths"]) + "</colgroup>")
            heads = [r for r in rows if r.get("head")]
            body = [r for r in rows if not r.get("head")]
            for part, rr in (("thead", heads), ("tbody", body)):
                if not rr:
                    continue
                s.append(f"<{part}>")
                for ri, r in enumerate(rr):
                    s.append("<tr>")
                    for ci, c in enumerate(r["cells"]):
                        attrs = ""
                        if lo and ri == 0 and b.get("widths") and len(r["cells"]) == len(b["widths"]):
                            attrs += f' width="{b["widths"][ci]}%"'
                        if c.get("span", 1) > 1:
                            attrs += f' colspan="{c["span"]}"'
                        if c.get("shade"):
                            attrs += f' bgcolor="{c["shade"]}" style="background:{c["shade"]}"'
                        tag = "th" if r.get("head") else "td"
                        inner = c["b"]
                        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                            content = html_blocks(inner, lo)
                        else:
                            content = html_runs(inner)
                            if c.get("bold"):
                                content = f"<b>{content}</b>"
                        s.append(f"<{tag}{attrs} valign=\"top\">{content}</{tag}>")
                    s.append("</tr>")
                s.append(f"</{part}>")
            s.append("</table>")
            out.append("".join(s))
    if land_open:
        out.append("</div>")
    return "\n".join(out)


def to_html(doc, lo=False):
    font = doc.get("font", "Liberation Sans")
    size = doc.get("size", 10)
    acc = doc.get("accent", "#1f4e79")
    orient = " landscape" if doc.get("orientation") == "landscape" else ""
    margin = []
    if doc.get("header") and not lo:
        margin.append(f'@top-center {{ content: "{doc["header"]}"; font: 8pt "{font}"; color: #555; }}')
    f = doc.get("footer")
    if f and not lo:
        if f == "page":
            margin.append(f'@bottom-right {{ content: "Page " counter(page); font: 8pt "{font}"; }}')
        elif f == "n/N":
            margin.append(f'@bottom-center {{ content: counter(page) "/" counter(pages); font: 8pt "{font}"; }}')
        elif f.startswith("text:"):
            margin.append(f'@bottom-left {{ content: "{f[5:]}"; font: 8pt "{font}"; color: #555; }}')
            margin.append(f'@bottom-right {{ content: counter(page); font: 8pt "{font}"; }}')
    css = f"""
@page {{ size: A4{orient}; margin: 18mm 16mm 18mm 16mm; {' '.join(margin)} }}
@page land {{ size: A4 landscape; }}
.land {{ page: land; }}
body {{ font-family: "{font}", "DejaVu Sans", sans-serif; font-size: {size}pt; line-height: 1.3; }}
h1 {{ font-size: {size + 8}pt; color: {acc}; margin: 0.6em 0 0.4em; }}
h2 {{ font-size: {size + 5}pt; color: {acc}; margin: 0.8em 0 0.4em; }}
h3 {{ font-size: {size + 3}pt; color: {acc}; margin: 0.7em 0 0.3em; }}
h4 {{ font-size: {size + 1}pt; margin: 0.6em 0 0.2em; }}
h1, h2, h3, h4 {{ break-after: avoid; }}
.band {{ background: {acc}; color: white; padding: 4px 8px; }}
.upper {{ text-transform: none; letter-spacing: 0.5px; }}
.center {{ text-align: center; }}
.right {{ text-align: right; }}
p.title {{ font-size: {size + 16}pt; font-weight: bold; text-align: center; color: {acc}; margin-top: 5cm; }}
p.subtitle {{ font-size: {size + 6}pt; text-align: center; }}
p.big {{ font-size: {size + 3}pt; text-align: center; }}
p.small {{ font-size: {size - 1}pt; color: #333; }}
p {{ margin: 0.25em 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; }}
table.ruled td, table.ruled th {{ border: 0.6pt solid #444; }}
table.plain td, table.plain th {{ border: none; border-bottom: 0.5pt solid #fff; }}
td, th {{ padding: 3px 5px; vertical-align: top; text-align: left; }}
th {{ background: #e4e9ef; }}
thead {{ display: table-header-group; }}
td p, th p {{ margin: 0.1em 0; }}
td ul, th ul {{ margin: 0; padding-left: 1.2em; }}
.cols2 {{ column-count: 2; column-gap: 8mm; }}
.cols3 {{ column-count: 3; column-gap: 6mm; }}
.cols2 h2, .cols3 h2, .cols2 h3, .cols3 h3 {{ break-after: avoid; }}
p.toc {{ display: flex; margin: 0.15em 0; }}
p.toc .dots {{ flex: 1; border-bottom: 1px dotted #777; margin: 0 4px 4px; }}
p.toc2 {{ padding-left: 1.5em; }}
table.recap {{ font-size: {size - 1}pt; }}
"""
    return f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{_esc(doc.get("title", ""))}</title><style>{css}</style></head>\n<body>\n{html_blocks(doc["body"], lo)}\n</body></html>\n'


# ---------------------------------------------------------------- FODT

def x(s):
    return _esc(s, quote=True)


class Fodt:
    def __init__(self, doc):
        self.doc = doc
        self.auto = []
        self.cell_styles = {}
        self.ntab = 0
        self.nsec = 0

    def runs(self, r):
        out = []
        for text, st in runs_of(r):
            s = x(text)
            if st:
                s = f'<text:span text:style-name="S_{st}">{s}</text:span>'
            out.append(s)
        return "".join(out)

    def cell_style(self, ruled, shade):
        key = (ruled, shade)
        if key not in self.cell_styles:
            name = f"C{len(self.cell_styles)}"
            border = 'fo:border="0.5pt solid #444444"' if ruled else 'fo:border="none"'
            bg = f'fo:background-color="{shade}"' if shade else 'fo:background-color="transparent"'
            self.auto.append(f'<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties {border} {bg} fo:padding="0.09cm"/></style:style>')
            self.cell_styles[key] = name
        return self.cell_styles[key]

    def blocks(self, blocks, in_cell=False):
        out = []
        for b in blocks:
            t = b["t"]
            if t == "h":
                cls = b.get("cls", "")
                st = f'H{b["lvl"]}' + ("band" if cls == "band" else "c" if cls == "center" else "")
                if b.get("pb"):
                    st += "pb"
                out.append(f'<text:h text:style-name="{st}" text:outline-level="{b["lvl"]}">{self.runs(b["runs"])}</text:h>')
            elif t == "p":
                cls = b.get("cls", "")
                st = {"": "Cell" if in_cell else "Body", "center": "Center", "title": "Title", "subtitle": "Subtitle",
                      "small": "Small", "right": "Right", "big": "Big"}[cls]
                out.append(f'<text:p text:style-name="{st}">{self.runs(b["runs"])}</text:p>')
            elif t == "ul":
                for i in b["items"]:
                    out.append(f'<text:p text:style-name="{"CellBullet" if in_cell else "Bullet"}">•\u00a0{self.runs(i)}</text:p>')
            elif t == "pb":
                m = b.get("master")
                st = {"land": "PB_land", "cols3": "PB_cols3", None: "PB"}[m]
                out.append(f'<text:p text:style-name="{st}"/>')
            elif t == "cols":
                if b.get("fodt_skip"):
                    out.append(self.blocks(b["b"]))
                    continue
                self.nsec += 1
                out.append(f'<text:section text:style-name="Sect{b["n"]}" text:name="Section{self.nsec}">' + self.blocks(b["b"]) + "</text:section>")
            elif t == "toc":
                for text, page, lvl in b["entries"]:
                    pg = "" if page is None else str(page)
                    st = "Toc1" if lvl == 1 else "Toc2"
                    out.append(f'<text:p text:style-name="{st}">{x(text)}<text:tab/>{pg}</text:p>')
            elif t == "table":
                out.append(self.table(b))
        return "".join(out)

    def table(self, b):
        self.ntab += 1
        name = f"Tableau{self.ntab}"
        rows = b["rows"]
        ncols = sum(c.get("span", 1) for c in rows[0]["cells"])
        widths = b.get("widths") or [100 // ncols] * ncols
        land = b.get("land") or self.doc.get("orientation") == "landscape"
        tw = "26.5cm" if land else "17.8cm"
        self.auto.append(f'<style:style style:name="{name}" style:family="table"><style:table-properties style:width="{tw}" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>')
        cols = []
        for i, w in enumerate(widths):
            self.auto.append(f'<style:style style:name="{name}.c{i}" style:family="table-column"><style:table-column-properties style:rel-column-width="{w * 100}*"/></style:style>')
            cols.append(f'<table:table-column table:style-name="{name}.c{i}"/>')
        s = [f'<table:table table:name="{name}" table:style-name="{name}">'] + cols
        heads = [r for r in rows if r.get("head")]
        body = [r for r in rows if not r.get("head")]

        def row(r):
            o = ["<table:table-row>"]
            for c in r["cells"]:
                shade = c.get("shade") or ("#e4e9ef" if r.get("head") else None)
                cs = self.cell_style(bool(b.get("ruled")), shade)
                span = c.get("span", 1)
                sp = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                inner = c["b"]
                if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                    content = self.blocks(inner, in_cell=True)
                else:
                    rr = runs_of(inner)
                    if c.get("bold") or r.get("head"):
                        rr = [(t, "b" + s_.replace("b", "")) for t, s_ in rr]
                    content = f'<text:p text:style-name="Cell">{self.runs(rr)}</text:p>'
                o.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string"{sp}>{content}</table:table-cell>')
                o.extend(["<table:covered-table-cell/>"] * (span - 1))
            o.append("</table:table-row>")
            return "".join(o)
        if heads:
            s.append("<table:table-header-rows>" + "".join(row(r) for r in heads) + "</table:table-header-rows>")
        s.extend(row(r) for r in body)
        s.append("</table:table>")
        return "".join(s)

    def render(self):
        d = self.doc
        font = d.get("font", "Liberation Sans")
        size = d.get("size", 10)
        acc = d.get("accent", "#1f4e79")
        body = self.blocks(d["body"])
        land = d.get("orientation") == "landscape"
        pw, ph = ("29.7cm", "21cm") if land else ("21cm", "29.7cm")
        pcols = d.get("page_cols")

        def layout(name, w, h, orient, cols=None):
            c = f'<style:columns fo:column-count="{cols}" fo:column-gap="0.5cm"/>' if cols else ""
            return (f'<style:page-layout style:name="{name}"><style:page-layout-properties fo:page-width="{w}" fo:page-height="{h}" '
                    f'style:print-orientation="{orient}" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.6cm" fo:margin-right="1.6cm">{c}</style:page-layout-properties>'
                    '<style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.4cm"/></style:header-style>'
                    '<style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>')

        hf = ""
        if d.get("header"):
            hf += f'<style:header><text:p text:style-name="Header">{x(d["header"])}</text:p></style:header>'
        f = d.get("footer")
        if f == "page":
            hf += '<style:footer><text:p text:style-name="FooterR">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
        elif f == "n/N":
            hf += '<style:footer><text:p text:style-name="FooterC"><text:page-number text:select-page="current">1</text:page-number>/<text:page-count>1</text:page-count></text:p></style:footer>'
        elif f and f.startswith("text:"):
            hf += f'<style:footer><text:p text:style-name="FooterL">{x(f[5:])}<text:tab/><text:tab/><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
        layouts = layout("pmStd", pw, ph, "landscape" if land else "portrait") + layout("pmLand", "29.7cm", "21cm", "landscape") \
            + layout("pmCols3", "21cm", "29.7cm", "portrait", pcols or 3)
        masters = (f'<style:master-page style:name="Standard" style:page-layout-name="pmStd">{hf}</style:master-page>'
                   f'<style:master-page style:name="Land" style:page-layout-name="pmLand">{hf}</style:master-page>'
                   f'<style:master-page style:name="Cols3" style:page-layout-name="pmCols3">{hf}</style:master-page>')

        def pst(name, size_=size, bold=False, align="start", color=None, extra="", mt="0.06cm", mb="0.1cm", parent="", bg=None, keep=False, textx=""):
            tp = f'fo:font-size="{size_}pt"' + (' fo:font-weight="bold"' if bold else "") + (f' fo:color="{color}"' if color else "") + textx
            pp = f'fo:text-align="{align}" fo:margin-top="{mt}" fo:margin-bottom="{mb}"' + (f' fo:background-color="{bg}" fo:padding="0.1cm"' if bg else "") \
                + (' fo:keep-with-next="always"' if keep else "") + extra
            return (f'<style:style style:name="{name}" style:family="paragraph"{parent}><style:paragraph-properties {pp}/>'
                    f'<style:text-properties style:font-name="{font}" {tp}/></style:style>')
        heads = []
        hs = {1: size + 8, 2: size + 5, 3: size + 3, 4: size + 1}
        for lvl, hsz in hs.items():
            col = acc if lvl < 4 else None
            heads.append(pst(f"H{lvl}", hsz, True, color=col, keep=True, mt="0.3cm", mb="0.15cm"))
            heads.append(pst(f"H{lvl}c", hsz, True, align="center", color=col, keep=True, mt="0.3cm", mb="0.15cm"))
            heads.append(pst(f"H{lvl}band", hsz, True, color="#ffffff", bg=acc, keep=True, mt="0.3cm", mb="0.15cm"))
        auto_pb = []
        for lvl in hs:
            for suf in ("", "c", "band"):
                auto_pb.append(f'<style:style style:name="H{lvl}{suf}pb" style:family="paragraph" style:parent-style-name="H{lvl}{suf}"><style:paragraph-properties fo:break-before="page"/></style:style>')
        styles = "".join(heads) + "".join([
            pst("Body", mb="0.12cm"), pst("Cell", mt="0.02cm", mb="0.02cm"), pst("Center", align="center"),
            pst("Right", align="end"),
            pst("Title", size + 16, True, "center", acc, mt="5cm", mb="0.5cm"), pst("Subtitle", size + 6, False, "center"),
            pst("Big", size + 3, False, "center"), pst("Small", size - 1, color="#333333"),
            pst("Bullet", extra=' fo:margin-left="0.5cm" fo:text-indent="-0.3cm"'),
            pst("CellBullet", mt="0.02cm", mb="0.02cm", extra=' fo:margin-left="0.4cm" fo:text-indent="-0.3cm"'),
            pst("Header", 8, color="#555555", align="center"), pst("FooterR", 8, align="end"), pst("FooterC", 8, align="center"),
            pst("FooterL", 8, color="#555555").replace("/></style:style>", "/></style:style>"),
            pst("Toc1").replace("<style:paragraph-properties ", '<style:paragraph-properties ').replace(
                'fo:margin-bottom="0.1cm"/>', 'fo:margin-bottom="0.1cm"><style:tab-stops><style:tab-stop style:position="17.7cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties>'),
            pst("Toc2", extra=' fo:margin-left="0.6cm"').replace(
                'fo:margin-left="0.6cm"/>', 'fo:margin-left="0.6cm"><style:tab-stops><style:tab-stop style:position="17.1cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties>'),
        ])
        styles = styles.replace('<style:style style:name="FooterL" style:family="paragraph"><style:paragraph-properties ',
                                '<style:style style:name="FooterL" style:family="paragraph"><style:paragraph-properties ')
        auto = "".join(auto_pb) + "".join(self.auto) + (
            '<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/></style:style>'
            '<style:style style:name="PB_land" style:family="paragraph" style:master-page-name="Land"><style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/></style:style>'
            '<style:style style:name="PB_cols3" style:family="paragraph" style:master-page-name="Cols3"><style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/></style:style>'
            '<style:style style:name="S_b" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
            '<style:style style:name="S_i" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
            '<style:style style:name="S_bi" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic"/></style:style>'
            '<style:style style:name="Sect2" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.7cm"/></style:section-properties></style:style>'
            '<style:style style:name="Sect3" style:family="section"><style:section-properties><style:columns fo:column-count="3" fo:column-gap="0.5cm"/></style:section-properties></style:style>'
        )
        return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="{font}" fo:font-size="{size}pt" fo:language="fr" fo:country="FR"/></style:default-style>
{styles}
</office:styles>
<office:automatic-styles>{layouts}{auto}</office:automatic-styles>
<office:master-styles>{masters}</office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
'''


def to_fodt(doc):
    return Fodt(doc).render()
