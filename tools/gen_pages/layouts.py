"""Layouts of the axes and actions inside a page body. Each renderer takes the page spec
and returns the body HTML (what the CMS wraps in its chrome). `p["T"]` escapes a text
the way this page prints it (straight or typographic apostrophes, entities)."""
import re

ART = re.compile(r"^(?:(?:le|la|les)\s+|l['’]\s*)", re.I)


def bare(s):
    """An organisation as the gold names it: the printed form minus a leading article."""
    return ART.sub("", s.strip())


def join_fr(xs):
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " et " + xs[-1]


def by_axis(p):
    for k, titre in enumerate(p["axes"], 1):
        yield k, titre, [x for x in p["actions"] if x["axe"] == k]


def intro(p, cls=None):
    c = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{c}>{p['T'](s)}</p>" for s in p["intro"])


# 1. headings per axis and per action, inline labels ---------------------------------------

def headings(p):
    T = p["T"]
    out = [intro(p)]
    out.append(f"<h2>{T('Un plan d’actions en ' + str(len(p['axes'])) + ' axes')}</h2>")
    i = 0
    for k, titre, acts in by_axis(p):
        out.append(f'<h2 id="axe-{k}">{T(f"Axe {k} : {titre}")}</h2>')
        for x in acts:
            out.append(f'<h3 id="action-{x["n"].replace(".", "-")}">{T(p["action_fmt"].format(n=x["n"], t=x["t"]))}</h3>')
            if x.get("desc"):
                out.append(f"<p>{T(x['desc'])}</p>")
            por = [bare(o) for o in x["por"]]
            style = i % 3
            if style == 0:
                lab = "Porteur" if len(por) == 1 else "Porteurs"
                out.append(f"<p><strong>{lab}&nbsp;:</strong> {T(', '.join(por))}</p>")
            elif style == 1:
                out.append(f"<p><strong>Pilote&nbsp;:</strong> {T(' / '.join(por))}</p>")
            else:
                out.append(f"<p><em>{T('Action pilotée par ' + join_fr(x['por']) + '.')}</em></p>")
            if x.get("par"):
                out.append(f"<p><strong>Partenaires&nbsp;:</strong> {T(', '.join(x['par']))}</p>")
            i += 1
    out.append(p.get("after", ""))
    return "\n".join(out)


# 6a. Gutenberg columns: one card per action --------------------------------------------------

def wp_columns(p):
    T = p["T"]
    out = ['<!-- wp:paragraph -->\n' + intro(p) + '\n<!-- /wp:paragraph -->']
    out.append('<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="420" src="'
               + p["home"] + 'wp-content/uploads/2023/06/signature-cls-1024x420.jpg" alt="" class="wp-image-2211">'
               '<figcaption class="wp-element-caption">' + T(p["caption"]) + '</figcaption></figure>')
    for k, titre, acts in by_axis(p):
        out.append(f'<h2 class="wp-block-heading" id="axe-{k}">{T(f"Axe {k} – {titre}")}</h2>')
        cols = []
        for x in acts:
            cols.append(f'<div class="wp-block-column is-style-card is-layout-flow wp-block-column-is-layout-flow">'
                        f'<p class="has-small-font-size fiche-numero"><strong>{T("Fiche " + x["n"])}</strong></p>'
                        f'<h3 class="wp-block-heading has-medium-font-size">{T(x["t"])}</h3>'
                        + (f'<p>{T(x["desc"])}</p>' if x.get("desc") else "") +
                        f'<p class="has-small-font-size"><strong>Pilote :</strong> {T(", ".join(bare(o) for o in x["por"]))}</p></div>')
        out.append(f'<div class="wp-block-columns is-layout-flex wp-container-core-columns-is-layout-{k} '
                   f'wp-block-columns-is-layout-flex">' + "".join(cols) + "</div>")
        out.append('<hr class="wp-block-separator has-alpha-channel-opacity is-style-wide">')
    out.append(p.get("after", ""))
    return "\n".join(out)


# 2a. Bootstrap accordion, one per axis, actions inside -----------------------------------------

def bs_accordion_axis(p):
    T = p["T"]
    out = [intro(p), f"<h2>{T('Les axes et les actions du contrat')}</h2>", '<div class="accordion" id="accordionCLS">']
    for k, titre, acts in by_axis(p):
        body = "".join(f'<p><strong>{T("Action " + x["n"] + " - " + x["t"])}</strong><br>'
                       f'<em>{T("piloté par " + join_fr(x["por"]))}</em></p>' for x in acts)
        out.append(f'<div class="accordion-item"><h3 class="accordion-header" id="heading-{k}"><button class="accordion-button collapsed" '
                   f'type="button" data-bs-toggle="collapse" data-bs-target="#collapse-{k}" aria-expanded="false" aria-controls="collapse-{k}">'
                   f'{T(f"Axe {k} : {titre}")}</button></h3><div id="collapse-{k}" class="accordion-collapse collapse" '
                   f'aria-labelledby="heading-{k}" data-bs-parent="#accordionCLS"><div class="accordion-body">{body}</div></div></div>')
    out.append("</div>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 2b. DSFR accordion, one per action, plus an FAQ accordion ------------------------------------

def dsfr_accordion_action(p):
    T = p["T"]
    out = [intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f'<h2 class="fr-mt-5w">{T(f"Axe {k} : {titre}")}</h2>')
        out.append('<div class="fr-accordions-group">')
        for x in acts:
            aid = "accordion-" + x["n"].replace(".", "-")
            items = [f'<li><strong>Porteur :</strong> {T(", ".join(bare(o) for o in x["por"]))}</li>']
            if x.get("par"):
                items.append(f'<li><strong>Partenaires :</strong> {T(", ".join(x["par"]))}</li>')
            if x.get("cal"):
                items.append(f'<li><strong>Calendrier :</strong> {T(x["cal"])}</li>')
            out.append(f'<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" '
                       f'aria-expanded="false" aria-controls="{aid}">{T("Action " + x["n"] + " : " + x["t"])}</button></h3>'
                       f'<div class="fr-collapse" id="{aid}">' + (f'<p>{T(x["desc"])}</p>' if x.get("desc") else "") +
                       f'<ul>{"".join(items)}</ul></div></section>')
        out.append("</div>")
    out.append(p.get("after", ""))
    if p.get("faq"):
        out.append(f'<h2 class="fr-mt-6w">{T("Questions fréquentes")}</h2><div class="fr-accordions-group">')
        for i, (q, r) in enumerate(p["faq"], 1):
            out.append(f'<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" '
                       f'aria-expanded="false" aria-controls="faq-{i}">{T(q)}</button></h3><div class="fr-collapse" id="faq-{i}">'
                       f'<p>{T(r)}</p></div></section>')
        out.append("</div>")
    return "\n".join(out)


# 6b. DSFR cards, one per action ----------------------------------------------------------------

def dsfr_cards(p):
    T = p["T"]
    out = [intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f'<h2 class="fr-mt-5w">{T(f"Axe stratégique {k} : {titre}")}</h2>')
        out.append('<div class="fr-grid-row fr-grid-row--gutters">')
        for x in acts:
            out.append(f'<div class="fr-col-12 fr-col-md-6 fr-col-lg-4"><div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">'
                       f'<h3 class="fr-card__title">{T("Action " + x["n"] + " – " + x["t"])}</h3>'
                       + (f'<p class="fr-card__desc">{T(x["desc"])}</p>' if x.get("desc") else "") +
                       f'<div class="fr-card__start"><ul class="fr-tags-group"><li><p class="fr-tag fr-tag--sm">{T("Axe " + str(k))}</p></li></ul></div>'
                       f'<div class="fr-card__end"><p class="fr-card__detail fr-icon-user-line">{T("Pilote : " + ", ".join(bare(o) for o in x["por"]))}</p></div>'
                       f'</div></div></div></div>')
        out.append("</div>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 3a. one table for all actions, axis rows with colspan ----------------------------------------

def table_all(p):
    T = p["T"]
    out = [intro(p), f"<h2>{T('Le plan d’actions')}</h2>",
           '<table class="table table-bordered table-cls"><thead><tr><th scope="col">N°</th><th scope="col">Action</th>'
           '<th scope="col">Porteur</th><th scope="col">Échéance</th></tr></thead><tbody>']
    for k, titre, acts in by_axis(p):
        out.append(f'<tr class="axe"><td colspan="4"><strong>{T(f"Axe {k} - {titre}")}</strong></td></tr>')
        for x in acts:
            out.append(f'<tr><td>{T(x["n"])}</td><td>{T(x["t"])}</td><td>{"<br>".join(T(bare(o)) for o in x["por"])}</td>'
                       f'<td>{T(x.get("cal", ""))}</td></tr>')
    out.append("</tbody></table>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 3b. one table per axis, columns in another order ----------------------------------------------

def table_per_axis(p):
    T = p["T"]
    out = [intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f'<h2>{T(f"Axe {k} — {titre}")}</h2>')
        rows = "".join(f'<tr><td>{T(x["t"])}</td><td class="text-center">{T(x["n"])}</td>'
                       f'<td>{T(", ".join(bare(o) for o in x["por"]))}</td><td>{T(x.get("cal", ""))}</td></tr>' for x in acts)
        out.append(f'<div class="table-responsive"><table class="table-cls"><caption>{T(f"Actions de l’axe {k}")}</caption>'
                   f'<thead><tr><th>Action</th><th>N°</th><th>Pilote</th><th>Calendrier</th></tr></thead><tbody>{rows}</tbody></table></div>')
    out.append(p.get("after", ""))
    return "\n".join(out)


# 4. definition lists (SPIP) -----------------------------------------------------------------

def dl(p):
    T = p["T"]
    node = p["node"]
    out = [f'<div class="crayon article-chapo-{node} chapo surlignable"><p>{T(p["chapo"])}</p></div>',
           f'<div class="crayon article-texte-{node} texte surlignable clearfix">', intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f'<h3 class="spip">{T(f"Axe {k} : {titre}")}</h3>')
        out.append('<dl class="fiches">')
        for x in acts:
            out.append(f'<dt>{T("Action " + x["n"] + " : " + x["t"])}</dt><dd>{T("Porteur : " + ", ".join(bare(o) for o in x["por"]))}</dd>'
                       + (f'<dd>{T("Partenaires : " + ", ".join(x["par"]))}</dd>' if x.get("par") else ""))
        out.append("</dl>")
    out.append(p.get("after", ""))
    out.append("</div>")
    return "\n".join(out)


# 5. ordered lists, numbering continued with start= ---------------------------------------------

def ol(p):
    T = p["T"]
    out = [intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f"<h2>{T(f'Axe {k}. {titre}')}</h2>")
        start = int(acts[0]["n"])
        lis = []
        for x in acts:
            por = [bare(o) for o in x["por"]]
            lab = "porteur" if len(por) == 1 else "porteurs"
            lis.append(f"<li>{T(x['t'] + ' (' + lab + ' : ' + join_fr(por) + ')')}</li>")
        out.append((f'<ol start="{start}">' if start != 1 else "<ol>") + "".join(lis) + "</ol>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 7. axes only, contract as a PDF --------------------------------------------------------------

def axes_only(p):
    T = p["T"]
    out = [intro(p), f"<h2>{T(p['axes_heading'])}</h2>"]
    for k, titre in enumerate(p["axes"], 1):
        out.append(f"<h3>{T(f'Axe {k} – {titre}')}</h3>")
        out.append(f"<p>{T(p['axes_blurbs'][k - 1])}</p>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 8. hand-made: "Action n" headings, each followed by a small table of fields --------------------

def handmade_fields(p):
    T = p["T"]
    out = [intro(p)]
    for k, titre, acts in by_axis(p):
        out.append(f'<h2><font face="Verdana" color="#CC0000">{T(f"AXE {k} - {titre}")}</font></h2>')
        for x in acts:
            out.append(f'<h3><font face="Verdana">{T("Action " + x["n"])}</font></h3>')
            out.append('<table class="fiche" border="1" cellspacing="0" cellpadding="4" width="90%">'
                       f'<tr><td width="30%" bgcolor="#EEEEEE"><b>Intitulé</b></td><td>{T(x["t"])}</td></tr>'
                       f'<tr><td bgcolor="#EEEEEE"><b>Porteur</b></td><td>{T(", ".join(bare(o) for o in x["por"]))}</td></tr>'
                       f'<tr><td bgcolor="#EEEEEE"><b>Partenaires</b></td><td>{T(", ".join(x.get("par") or ["-"]))}</td></tr>'
                       f'<tr><td bgcolor="#EEEEEE"><b>Calendrier</b></td><td>{T(x.get("cal", ""))}</td></tr></table><br>')
    out.append(p.get("after", ""))
    return "\n".join(out)


# 2c. <details>/<summary>, one per axis (TYPO3 frames) -------------------------------------------

def details_axis(p):
    T = p["T"]
    n0 = p["node"] * 10
    out = [f'<div id="c{n0 + 1}" class="frame frame-default frame-type-text frame-layout-0"><div class="frame-container"><div class="frame-inner">'
           f'<div class="ce-bodytext">{intro(p)}</div></div></div></div>',
           f'<div id="c{n0 + 2}" class="frame frame-default frame-type-html frame-layout-0"><div class="frame-container"><div class="frame-inner">'
           f'<h2>{T("Les fiches-actions par axe")}</h2>']
    for k, titre, acts in by_axis(p):
        fiches = []
        for x in acts:
            fiches.append(f'<h4>{T("Fiche " + x["n"] + " : " + x["t"])}</h4>'
                          f'<p><strong>Pilote :</strong> {T(", ".join(bare(o) for o in x["por"]))}</p>'
                          + (f'<p><strong>Partenaires :</strong> {T(", ".join(x["par"]))}</p>' if x.get("par") else ""))
        out.append(f'<details class="cls-axe"{" open" if k == 1 else ""}><summary>{T(f"Axe {k} : {titre}")}</summary>'
                   f'<div class="fiche">{"".join(fiches)}</div></details>')
    out.append("</div></div></div>")
    out.append(p.get("after", ""))
    return "\n".join(out)


# 10. pages that are not a contract --------------------------------------------------------------

def free(p):
    return p["free_body"](p)
