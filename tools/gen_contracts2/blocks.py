"""A tiny block model rendered to HTML (Chromium, LibreOffice HTML import) and to Flat ODT.

Blocks:  ("p", text, cls)  ("pb",)  ("ul", [text])  ("table", rows, opts)  ("box", [blocks], colour)
         ("cols", [blocks])  ("side", [blocks])
Inline markup in text: <b>…</b>, <i>…</i>, and "\n" for a line break. Everything else is escaped.
A cell is a dict: text, span (colspan), head (bool), shade (hex colour or None), bold (bool), align."""
import html, re

CLS_CSS = {
    "title": "font-size:24pt;font-weight:bold;text-align:center;margin:40pt 0 12pt 0",
    "subtitle": "font-size:15pt;text-align:center;margin:6pt 0",
    "center": "text-align:center",
    "h1": "font-size:15pt;font-weight:bold;margin:14pt 0 6pt 0",
    "h2": "font-size:12.5pt;font-weight:bold;margin:10pt 0 4pt 0",
    "h3": "font-size:11pt;font-weight:bold;margin:8pt 0 3pt 0",
    "num": "font-size:10pt;font-weight:bold;text-transform:none;margin:8pt 0 0 0",
    "atitle": "font-size:14pt;font-weight:bold;margin:1pt 0 6pt 0",
    "label": "font-weight:bold;margin:6pt 0 1pt 0",
    "body": "margin:0 0 4pt 0",
    "small": "font-size:8.5pt;margin:0 0 3pt 0",
    "stat": "font-size:20pt;font-weight:bold;text-align:center;margin:2pt 0",
    "right": "text-align:right",
}
# sizes/weights for FODT paragraph styles (size pt, bold, align, space-before cm, space-after cm)
CLS_ODT = {
    "title": (24, True, "center", 1.4, 0.4), "subtitle": (15, False, "center", 0.2, 0.2), "center": (None, False, "center", 0, 0.1),
    "h1": (15, True, "start", 0.5, 0.2), "h2": (12.5, True, "start", 0.35, 0.15), "h3": (11, True, "start", 0.3, 0.1),
    "num": (10, True, "start", 0.3, 0.0), "atitle": (14, True, "start", 0.05, 0.2), "label": (None, True, "start", 0.2, 0.03),
    "body": (None, False, "start", 0, 0.14), "small": (8.5, False, "start", 0, 0.1), "stat": (20, True, "center", 0.05, 0.05),
    "right": (None, False, "end", 0, 0.1),
}


def _inline(s, b_open, b_close, i_open, i_close, br, esc):
    out = []
    for tok in re.split(r"(</?b>|</?i>|\n)", s):
        out.append({"<b>": b_open, "</b>": b_close, "<i>": i_open, "</i>": i_close, "\n": br}.get(tok) if tok in
                   ("<b>", "</b>", "<i>", "</i>", "\n") else esc(tok))
    return "".join(out)


def ih(s):
    return _inline(s, "<b>", "</b>", "<i>", "</i>", "<br>", lambda t: html.escape(t, quote=False))


def io(s):
    return _inline(s, '<text:span text:style-name="B">', "</text:span>", '<text:span text:style-name="I">', "</text:span>",
                   "<text:line-break/>", lambda t: html.escape(t, quote=False))


# ---------------------------------------------------------------- HTML
def to_html(doc, for_lo=False):
    font, size = doc.get("font", "Liberation Sans"), doc.get("size", 10)
    land = doc.get("landscape")
    css = [f"body{{font-family:'{font}';font-size:{size}pt;line-height:1.25}}",
           "table{border-collapse:collapse;width:100%;margin:4pt 0 8pt 0}",
           "td,th{vertical-align:top;padding:3pt 5pt;text-align:left}",
           "table.ruled td,table.ruled th{border:0.6pt solid #555}",
           "ul{margin:0 0 4pt 0;padding-left:16pt}",
           ".box{padding:6pt 8pt;margin:6pt 0;break-inside:avoid}",
           ".cols{column-count:2;column-gap:16pt}",
           ".side{float:right;width:38%;margin:0 0 6pt 10pt;padding:6pt;background:#f3e3c3;border-left:3pt solid #c77d00}",
           ".pb{break-before:page;page-break-before:always}"]
    css += [f"p.{k}{{{v}}}" for k, v in CLS_CSS.items()]
    pg = f"@page{{size:A4 {'landscape' if land else 'portrait'};margin:18mm 16mm 18mm 16mm;"
    if doc.get("header"):
        pg += f"@top-center{{content:\"{doc['header']}\";font-size:8pt;color:#444;font-family:'{font}'}}"
    if doc.get("footer"):
        f = doc["footer"]
        cnt = {"page_sur": '"Page " counter(page) " sur " counter(pages)', "page": 'counter(page)',
               "slash": 'counter(page) " / " counter(pages)'}[f]
        pg += f"@bottom-right{{content:{cnt};font-size:8pt;font-family:'{font}'}}"
        if doc.get("footer_left"):
            pg += f"@bottom-left{{content:\"{doc['footer_left']}\";font-size:8pt;font-family:'{font}'}}"
    pg += "}"
    if doc.get("title_page_bare"):
        pg += "@page:first{@top-center{content:none}@bottom-right{content:none}@bottom-left{content:none}}"
    css.append(pg)
    out = [f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{html.escape(doc['title'])}</title>"
           f"<style>{''.join(css)}</style></head><body>"]
    if for_lo and (doc.get("header") or doc.get("footer")):
        if doc.get("header"):
            out.append(f"<div title='header'><p style='font-size:8pt;text-align:center'>{html.escape(doc['header'])}</p></div>")
        if doc.get("footer"):
            left = html.escape(doc.get("footer_left", ""))
            if doc["footer"] == "page_sur":
                fld = ("Page <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> sur "
                       "<sdfield type=DOCSTAT subtype=PAGE format=PAGE>1</sdfield>")
            elif doc["footer"] == "slash":
                fld = ("<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> / "
                       "<sdfield type=DOCSTAT subtype=PAGE format=PAGE>1</sdfield>")
            else:
                fld = "<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>"
            out.append(f"<div title='footer'><p style='font-size:8pt;text-align:right'>{left + '   ' if left else ''}{fld}</p></div>")
    pending_break = [False]

    def emit(blocks):
        for b in blocks:
            k = b[0]
            cls_pb = ""
            if pending_break[0] and k != "pb":
                cls_pb = " pb"
                pending_break[0] = False
                if for_lo:
                    cls_pb = ""
                    if k == "p":
                        out.append(f"<p class='{b[2]}' style='page-break-before:always'>{ih(b[1])}</p>")
                        continue
                    out.append("<p style='page-break-before:always;margin:0;font-size:2pt'>&nbsp;</p>")
            if k == "pb":
                pending_break[0] = True
            elif k == "p":
                out.append(f"<p class='{b[2]}{cls_pb}'>{ih(b[1])}</p>")
            elif k == "ul":
                out.append(f"<ul class='{cls_pb.strip()}'>" + "".join(f"<li>{ih(x)}</li>" for x in b[1]) + "</ul>")
            elif k == "table":
                rows, o = b[1], b[2]
                ruled = o.get("ruled", True)
                out.append(f"<table class='{'ruled' if ruled else ''}{cls_pb}'" + (" border='1' cellpadding='4'" if for_lo and ruled else "")
                           + " cellspacing='0' width='100%'>")
                if o.get("widths"):
                    out.append("".join(f"<col width='{w}%'>" for w in o["widths"]))
                for ri, row in enumerate(rows):
                    out.append("<tr>")
                    for c in row:
                        tag = "th" if c.get("head") else "td"
                        st = []
                        if c.get("shade"):
                            st.append(f"background:{c['shade']}")
                        if c.get("color"):
                            st.append(f"color:{c['color']}")
                        attrs = f" colspan='{c['span']}'" if c.get("span", 1) > 1 else ""
                        if c.get("shade") and for_lo:
                            attrs += f" bgcolor='{c['shade']}'"
                        txt = ih(c["text"])
                        if c.get("bold") or c.get("head"):
                            txt = f"<b>{txt}</b>"
                        out.append(f"<{tag}{attrs} style='{';'.join(st)}'>{txt}</{tag}>")
                    out.append("</tr>")
                out.append("</table>")
            elif k == "box":
                out.append(f"<div class='box{cls_pb}' style='background:{b[2]}'>")
                emit(b[1])
                out.append("</div>")
            elif k == "cols":
                out.append(f"<div class='cols{cls_pb}'>")
                emit(b[1])
                out.append("</div>")
            elif k == "side":
                out.append(f"<div class='side{cls_pb}'>")
                emit(b[1])
                out.append("</div>")
    emit(doc["blocks"])
    out.append("</body></html>")
    return "\n".join(out)


# ---------------------------------------------------------------- FODT
def to_fodt(doc):
    font, size = doc.get("font", "Liberation Sans"), doc.get("size", 10)
    land = doc.get("landscape")
    pw, ph = ("29.7cm", "21cm") if land else ("21cm", "29.7cm")
    auto, body = [], []
    n = {"t": 0, "c": 0, "p": 0}
    pstyles = {}

    def pstyle(cls, brk=False, shade=None):
        key = (cls, brk, shade)
        if key in pstyles:
            return pstyles[key]
        n["p"] += 1
        name = f"P{n['p']}"
        sz, bold, al, sb, sa = CLS_ODT[cls]
        tp = f' fo:font-size="{sz}pt"' if sz else ""
        if bold:
            tp += ' fo:font-weight="bold"'
        pp = f' fo:text-align="{al}" fo:margin-top="{sb}cm" fo:margin-bottom="{sa}cm"'
        if brk:
            pp += ' fo:break-before="page"'
        if shade:
            pp += f' fo:background-color="{shade}" fo:padding="0.1cm"'
        auto.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard">'
                    f'<style:paragraph-properties{pp}/><style:text-properties{tp}/></style:style>')
        pstyles[key] = name
        return name

    pending = [False]

    def take_break():
        b = pending[0]
        pending[0] = False
        return b

    def table(rows, o, brk, width="17cm"):
        n["t"] += 1
        tn = f"Tab{n['t']}"
        ncols = max(sum(c.get("span", 1) for c in r) for r in rows)
        widths = o.get("widths") or [100 / ncols] * ncols
        tot = float(width[:-2])
        tp = f' style:width="{width}" table:align="left"'
        if brk:
            tp += ' fo:break-before="page"'
        auto.append(f'<style:style style:name="{tn}" style:family="table"><style:table-properties{tp} fo:margin-top="0.1cm" fo:margin-bottom="0.25cm"/></style:style>')
        for i, w in enumerate(widths):
            auto.append(f'<style:style style:name="{tn}.C{i}" style:family="table-column"><style:table-column-properties style:column-width="{tot * w / 100:.2f}cm"/></style:style>')
        x = [f'<table:table table:name="{tn}" table:style-name="{tn}">']
        x += [f'<table:table-column table:style-name="{tn}.C{i}"/>' for i in range(len(widths))]
        for ri, row in enumerate(rows):
            hdr = o.get("repeat_header") and ri == 0
            if hdr:
                x.append("<table:table-header-rows>")
            x.append("<table:table-row>")
            for c in row:
                n["c"] += 1
                cn = f"{tn}.K{n['c']}"
                bd = 'fo:border="0.5pt solid #555555"' if o.get("ruled", True) else 'fo:border="none"'
                bg = f' fo:background-color="{c["shade"]}"' if c.get("shade") else ""
                auto.append(f'<style:style style:name="{cn}" style:family="table-cell"><style:table-cell-properties {bd}{bg} fo:padding="0.08cm"/></style:style>')
                sp = c.get("span", 1)
                attrs = f' table:number-columns-spanned="{sp}"' if sp > 1 else ""
                txt = io(c["text"])
                if c.get("bold") or c.get("head"):
                    txt = f'<text:span text:style-name="B">{txt}</text:span>'
                x.append(f'<table:table-cell table:style-name="{cn}" office:value-type="string"{attrs}>'
                         f'<text:p text:style-name="{pstyle("small" if o.get("small") else "body")}">{txt}</text:p></table:table-cell>')
                x += ["<table:covered-table-cell/>"] * (sp - 1)
            x.append("</table:table-row>")
            if hdr:
                x.append("</table:table-header-rows>")
        x.append("</table:table>")
        return "".join(x)

    def emit(blocks, dst, width="17cm"):
        for b in blocks:
            k = b[0]
            if k == "pb":
                pending[0] = True
            elif k == "p":
                dst.append(f'<text:p text:style-name="{pstyle(b[2], take_break())}">{io(b[1])}</text:p>')
            elif k == "ul":
                brk = take_break()
                for i, it in enumerate(b[1]):
                    dst.append(f'<text:p text:style-name="{pstyle("body", brk and i == 0)}">• {io(it)}</text:p>')
            elif k == "table":
                dst.append(table(b[1], b[2], take_break(), width))
            elif k in ("box", "side"):
                colour = b[2] if k == "box" else "#f3e3c3"
                inner = []
                emit(b[1], inner, width)
                n["t"] += 1
                tn = f"Box{n['t']}"
                brk = ' fo:break-before="page"' if take_break() else ""
                auto.append(f'<style:style style:name="{tn}" style:family="table"><style:table-properties style:width="{width}" table:align="left" fo:margin-top="0.15cm" fo:margin-bottom="0.2cm"{brk}/></style:style>')
                auto.append(f'<style:style style:name="{tn}.K" style:family="table-cell"><style:table-cell-properties fo:background-color="{colour}" fo:padding="0.18cm" fo:border="none"/></style:style>')
                dst.append(f'<table:table table:name="{tn}" table:style-name="{tn}"><table:table-column/><table:table-row>'
                           f'<table:table-cell table:style-name="{tn}.K" office:value-type="string">{"".join(inner)}</table:table-cell></table:table-row></table:table>')
            elif k == "cols":
                n["t"] += 1
                sn = f"Sect{n['t']}"
                if take_break():
                    dst.append(f'<text:p text:style-name="{pstyle("small", True)}"></text:p>')
                auto.append(f'<style:style style:name="{sn}" style:family="section"><style:section-properties text:dont-balance-text-columns="false">'
                            f'<style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>')
                inner = []
                emit(b[1], inner, "8.2cm")
                dst.append(f'<text:section text:style-name="{sn}" text:name="{sn}">{"".join(inner)}</text:section>')
    emit(doc["blocks"], body, "26cm" if land else "17cm")

    def hf(kind):
        if kind == "header" and doc.get("header"):
            return f'<style:header><text:p text:style-name="HF">{html.escape(doc["header"])}</text:p></style:header>'
        if kind == "footer" and doc.get("footer"):
            f = doc["footer"]
            fld = {"page_sur": "Page <text:page-number/> sur <text:page-count/>", "page": "<text:page-number/>",
                   "slash": "<text:page-number/> / <text:page-count/>"}[f]
            left = html.escape(doc.get("footer_left", ""))
            return f'<style:footer><text:p text:style-name="HFR">{left + "   " if left else ""}{fld}</text:p></style:footer>'
        return ""
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="{font}" fo:font-size="{size}pt" fo:language="fr" fo:country="FR"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="{font}" fo:font-size="{size}pt"/></style:style>
<style:style style:name="HF" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt" fo:color="#444444"/></style:style>
<style:style style:name="HFR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{pw}" fo:page-height="{ph}" style:print-orientation="{'landscape' if land else 'portrait'}"
 fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>
 <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
{"".join(auto)}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">{hf("header")}{hf("footer")}</style:master-page></office:master-styles>
<office:body><office:text>
{"".join(body)}
</office:text></office:body></office:document>
'''
