#!/usr/bin/env python3
"""Variety corpus: invented Contrats Locaux de Santé in many layout variants, each printed to
PDF by Chromium and by LibreOffice, with one ground-truth file per contract.

  python3 tools/gen_contracts/gen.py                 # all variants -> fixtures/variety/pdf/
  python3 tools/gen_contracts/gen.py --only NAME     # one variant (repeatable, comma list ok)
  python3 tools/gen_contracts/gen.py --out DIR       # another output directory
  python3 tools/gen_contracts/gen.py --keep-src DIR  # also keep the .html/.fodt sources there

Writes <name>.chromium.pdf, <name>.lo.pdf and <name>.gold.json (scored by
shared/eval/score.py `doc` mode). Sources go to a temporary directory. Stdlib only;
needs `chromium` and `soffice` on PATH. Content is deterministic (one seed per variant)."""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content import build_contract  # noqa: E402
from render import to_html, to_fodt  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DEFAULT = os.path.join(ROOT, "fixtures", "variety", "pdf")

FIELDS = ["porteurs", "partenaires", "description", "public", "territoire", "cal", "budget", "indicateurs"]

LABELS = {
    "porteurs": ["Pilote", "Porteur(s)", "Structure porteuse", "Référent", "Pilote de l'action", "Porteur de l'action"],
    "partenaires": ["Partenaires", "Partenaires associés", "Acteurs mobilisés", "Partenaires à mobiliser"],
    "public": ["Public(s) visé(s)", "Public cible", "Bénéficiaires", "Public visé", "Publics"],
    "cal": ["Calendrier", "Échéancier prévisionnel", "Calendrier de mise en œuvre", "Échéance"],
    "budget": ["Budget", "Budget prévisionnel et financeurs", "Moyens / Financements", "Coût estimatif", "Financement"],
    "indicateurs": ["Indicateurs d'évaluation", "Critères d'évaluation", "Indicateurs de suivi", "Indicateurs"],
    "description": ["Description", "Descriptif de l'action", "Modalités de mise en œuvre", "Contenu de l'action"],
    "territoire": ["Territoire concerné", "Territoire", "Lieu(x) de mise en œuvre"],
    "contexte": ["Contexte", "Constat", "Éléments de diagnostic"],
    "objectifs": ["Objectifs", "Objectifs de l'action", "Objectif général"],
    "resultats": ["Résultats attendus"],
    "prs": ["Lien avec le PRS", "Articulation avec le PRS"],
}

TICKS = {"x": ("☒", "☐"), "sq": ("■", "□"), "check": ("✓", "☐"), "heavy": ("✔", "□"), "br": ("[X]", "[ ]")}

AXIS_FMT = {
    "axe": lambda n, t: f"Axe {n} : {t}",
    "strat": lambda n, t: f"AXE STRATÉGIQUE {n} – {t}",
    "orient": lambda n, t: f"Orientation {n} : {t}",
    "dash": lambda n, t: f"AXE {n} - {t}",
}
OBJ_FMT = {
    "strat": lambda c, t: f"Objectif stratégique {c} : {t}",
    "spec": lambda c, t: f"Objectif spécifique {c} – {t}",
    "oper": lambda c, t: f"Objectif opérationnel {c} {t}",
    "plain": lambda c, t: f"Objectif {c} : {t}",
}

# name, family, territory, start year, #axes, #actions, signature date, options
VARIANTS = [
    dict(name="lc-ruled-vallespir", family="label_column", terr="vallespir", deb=2024, axes=3, n=7, date=(2024, 3, 12),
         variant="label column, ruled table, 'Fiche action n° 1.1', axis and objective rows in each fiche, statut row",
         num="axidx", axis_fmt="axe", obj_fmt="strat", objectifs="rows", statut="row", lo="html", toc=True,
         labels=dict(porteurs=0, partenaires=0, public=0, cal=0, budget=0, indicateurs=0, description=0),
         fields=["porteurs", "partenaires", "description", "public", "cal", "budget", "indicateurs"],
         extras=["objectifs"], indic="ul", head="Fiche action n° {n}", title_in="row"),
    dict(name="lc-shaded-fagnes", family="label_column", terr="fagnes", deb=2023, axes=4, n=8, date=(2023, 6, 27),
         variant="label column, unruled with shaded label cells, 'FICHE ACTION N° 3' global numbering, axis/objective headings, "
                 "Contexte/Objectifs/Résultats attendus rows, running header and 'Page N' footer",
         num="global", axis_fmt="strat", obj_fmt="spec", objectifs="headings", statut=None, lo="fodt", header="CLS du Pays des Hautes Fagnes 2023-2027",
         footer="page", shaded=True, labels=dict(porteurs=1, partenaires=1, public=1, cal=1, budget=1, indicateurs=1, description=1, territoire=0),
         fields=["contexte", "objectifs", "description", "porteurs", "partenaires", "public", "territoire", "cal", "budget", "indicateurs", "resultats"],
         extras=["contexte", "objectifs", "resultats"], indic="semi", head="FICHE ACTION N° {n}", title_in="heading2", font="DejaVu Sans", size=9),
    dict(name="lc-longcell-seinebrie", family="label_column", terr="seinebrie", deb=2025, axes=3, n=6, date=(2025, 1, 20),
         variant="label column, ruled, 'Fiche-action A1' letter numbering, long description cell across a page break, "
                 "'Lien avec le PRS' row, dotted table of contents, fiches not page-broken",
         num="letter", axis_fmt="orient", obj_fmt=None, objectifs=None, statut="line", lo="html", toc=True, long_desc=True,
         labels=dict(porteurs=2, partenaires=2, public=2, cal=2, budget=3, indicateurs=2, description=2, territoire=2),
         fields=["description", "prs", "porteurs", "partenaires", "public", "territoire", "budget", "cal", "indicateurs"],
         extras=["prs"], indic="ul", head="Fiche-action {n}", title_in="same", nobreak=True, font="Liberation Serif"),
    dict(name="hg-rows-staubin", family="header_grid", terr="staubin", deb=2024, axes=3, n=6, date=(2024, 10, 3),
         variant="header-row grid 'Pilote | Partenaires | Calendrier | Budget' then label rows (Description, Public visé, Indicateurs); "
                 "'Action 2.3 –' headings; objectives as headings",
         num="axidx", axis_fmt="axe", obj_fmt="oper", objectifs="headings", statut=None, lo="html",
         grid=["porteurs", "partenaires", "cal", "budget"], rest="rows", rest_fields=["description", "public", "indicateurs"],
         labels=dict(porteurs=0, partenaires=0, public=3, cal=0, budget=0, indicateurs=0, description=0),
         indic="ul", head="Action {n} – {t}"),
    dict(name="hg-headings-lauragais", family="header_grid", terr="lauragais", deb=2025, axes=4, n=9, date=(2025, 5, 15),
         variant="header-row grid 'Porteur | Public cible | Échéancier | Financement | Territoire' then headed paragraphs "
                 "(Descriptif, Partenaires, Indicateurs de suivi); 'FICHE N° 4' numbering; statut line; '3/24' footer",
         num="global", axis_fmt="dash", obj_fmt=None, objectifs=None, statut="line", lo="fodt", footer="n/N",
         grid=["porteurs", "public", "cal", "budget", "territoire"], rest="headings", rest_fields=["description", "partenaires", "indicateurs"],
         labels=dict(porteurs=1, partenaires=0, public=1, cal=1, budget=4, indicateurs=2, description=1, territoire=1),
         indic="ul", head="FICHE N° {n}", title_in="heading2", size=9),
    dict(name="st-checkbox-vercors", family="stacked", terr="vercors", deb=2024, axes=3, n=7, date=(2024, 11, 8),
         variant="stacked labels (shaded full-width label row, value below), 'Statut : ☒ Nouvelle ☐ En cours' and "
                 "'Type d'action' check-box rows, axis/objective rows in each fiche",
         num="axidx", axis_fmt="axe", obj_fmt="spec", objectifs="rows", statut="checkbox", ticks="x", lo="html",
         labels=dict(porteurs=3, partenaires=2, public=0, cal=2, budget=2, indicateurs=1, description=1, territoire=0),
         fields=["description", "porteurs", "partenaires", "public", "territoire", "cal", "budget", "indicateurs"],
         indic="ul", head="Fiche action n° {n}", title_in="row", cb_style="statut"),
    dict(name="st-brackets-bresse", family="stacked", terr="bresse", deb=2023, axes=4, n=8, date=(2023, 9, 21),
         variant="stacked labels, '[X] Action nouvelle [ ] Action existante' and ■/□ type boxes, 'ACTION 5' numbering, "
                 "objectives printed inside each fiche, running header",
         num="global", axis_fmt="orient", obj_fmt="oper", objectifs="rows", statut="checkbox", ticks="br", lo="fodt",
         header="Contrat Local de Santé du Pays de Bresse-Revermont", footer="text:CLS Bresse-Revermont 2023-2027",
         labels=dict(porteurs=4, partenaires=3, public=4, cal=3, budget=1, indicateurs=0, description=3),
         fields=["porteurs", "partenaires", "public", "description", "cal", "budget", "indicateurs"],
         indic="semi", head="ACTION {n}", title_in="heading2", cb_style="action", type_ticks="sq", font="DejaVu Sans", size=9),
    dict(name="recap-only-mayenne", family="recap", terr="mayenne", deb=2024, axes=4, n=9, date=(2024, 4, 4),
         variant="landscape recap table only (short preamble), repeated header row, axis and objective rows as colspan rows; "
                 "columns N° | Intitulé | Pilote | Partenaires | Public | Échéance | Financement | Indicateurs",
         num="axidx", axis_fmt="axe", obj_fmt="plain", objectifs="rows", statut=None, lo="fodt", landscape=True,
         cols=["num", "titre", "porteurs", "partenaires", "public", "cal", "budget", "indicateurs"],
         labels=dict(porteurs=0, partenaires=0, public=4, cal=3, budget=4, indicateurs=3), indic="semi", footer="page"),
    dict(name="recap-only-sevre", family="recap", terr="sevre", deb=2025, axes=3, n=8, date=(2025, 2, 11),
         variant="landscape recap table only, no objectives, 'A1' numbering, columns Axe/N° | Action | Description | Porteur | Statut | "
                 "Calendrier | Budget | Indicateurs (different order), header row repeated",
         num="letter", axis_fmt="strat", obj_fmt=None, objectifs=None, statut="col", lo="html", landscape=True,
         cols=["num", "titre", "description", "porteurs", "statut", "cal", "budget", "indicateurs"],
         labels=dict(porteurs=1, partenaires=0, public=0, cal=0, budget=0, indicateurs=3), indic="ul", size=9),
    dict(name="recap-annex-segala", family="recap", terr="segala", deb=2024, axes=3, n=6, date=(2024, 7, 2),
         variant="stacked fiches (family 3 style) followed by a landscape recap annex repeating the actions in short; gold = fiches",
         num="axidx", axis_fmt="axe", obj_fmt="strat", objectifs="headings", statut="row", lo="fodt", annex=True,
         labels=dict(porteurs=0, partenaires=1, public=2, cal=1, budget=3, indicateurs=1, description=0, territoire=0),
         fields=["porteurs", "partenaires", "description", "public", "territoire", "cal", "budget", "indicateurs"],
         cols=["num", "titre", "porteurs", "cal"], indic="ul", head="Fiche action n° {n}", title_in="heading2", footer="n/N"),
    dict(name="br-twocol-madeleine", family="brochure", terr="madeleine", deb=2024, axes=3, n=7, date=(2024, 12, 5),
         variant="brochure, two text columns (LO: multi-column section), '2.3 Développer…' headings, bold inline labels "
                 "in varying order, some labels missing",
         num="axidx", axis_fmt="axe", obj_fmt=None, objectifs=None, statut=None, lo="fodt", ncols=2, bold_labels=True,
         labels=dict(porteurs=0, partenaires=0, public=4, cal=0, budget=3, indicateurs=3, territoire=0), head="{n} {t}",
         font="DejaVu Serif", size=9.5, header="Contrat Local de Santé – Pays des Monts de la Madeleine"),
    dict(name="br-threecol-picardie", family="brochure", terr="picardie", deb=2023, axes=4, n=8, date=(2023, 11, 30),
         variant="brochure, three columns (LO: page-style columns), 'Action 4 — …' headings, plain inline labels, "
                 "calendar and cost on one line, statut stated in some actions",
         num="global", axis_fmt="orient", obj_fmt=None, objectifs=None, statut="inline", lo="fodt", ncols=3, bold_labels=False,
         labels=dict(porteurs=1, partenaires=2, public=0, cal=0, budget=3, indicateurs=3, territoire=0), head="Action {n} — {t}",
         size=8.5, footer="page", joinline=True),
    dict(name="br-a3-montclair", family="brochure", terr="montclair", deb=2025, axes=3, n=5, date=(2025, 6, 19),
         variant="brochure, two columns by CSS in both tools (LO HTML import), 'A3. …' headings, objectives as sub-headings, "
                 "table of contents, bold labels",
         num="letter", axis_fmt="axe", obj_fmt="spec", objectifs="headings", statut=None, lo="html", ncols=2, bold_labels=True, toc=True,
         labels=dict(porteurs=5, partenaires=0, public=1, cal=3, budget=1, indicateurs=1, territoire=2), head="{n}. {t}", size=10),
]


def commune_name(nom):
    """A commune's contract names the commune as INSEE does: 'Ville de X' -> 'X' (cls/1 territoire.nom)."""
    return re.sub(r"^(?:Ville|Commune|Mairie) (?:de |d'|d’)(?=[A-ZÉÈ])", "", nom)


def seed_of(name):
    return zlib.crc32(name.encode())


def numero(v, a, i):
    if v["num"] == "axidx":
        return f"{a['axe']}.{a['axe_idx']}"
    if v["num"] == "letter":
        return f"{'ABCDEFG'[a['axe'] - 1]}{a['axe_idx']}"
    return str(i)


def label(v, key):
    return LABELS[key][v.get("labels", {}).get(key, 0)]


def indic_block(v, a, cell=True):
    if v.get("indic") == "ul":
        return [{"t": "ul", "items": a["indicateurs"]}]
    return [{"t": "p", "runs": " ; ".join(a["indicateurs"])}]


def value_runs(a, key):
    return {"porteurs": a["porteurs"], "partenaires": a["partenaires"], "description": a["description"],
            "public": a["public"], "territoire": a["territoire"], "cal": a["cal"][0], "budget": a["budget"][0],
            "contexte": a["contexte"], "objectifs": a["objectifs_txt"], "resultats": a["resultats"], "prs": a["prs"]}[key]


def value_blocks(v, a, key):
    if key == "indicateurs":
        return indic_block(v, a)
    if key == "description" and a.get("long"):
        return [{"t": "p", "runs": s} for s in a["long"]]
    return [{"t": "p", "runs": value_runs(a, key)}]


def statut_text(rng, a):
    if a["statut"] == "nouvelle":
        return rng.choice(["Action nouvelle", "Nouvelle"])
    return rng.choice(["Action existante", "En cours", "Existante (reconduite)"])


def checkbox(v, a, rng):
    on, off = TICKS[v.get("ticks", "x")]
    n, e = a["statut"] in ("nouvelle", "mixte"), a["statut"] in ("existante", "mixte")
    if v.get("cb_style") == "action":
        return f"{on if n else off} Action nouvelle   {on if e else off} Action existante"
    return f"Statut : {on if n else off} Nouvelle   {on if e else off} En cours"


def type_box(v, a):
    on, off = TICKS[v.get("type_ticks", v.get("ticks", "x"))]
    return "Type d'action : " + "   ".join(f"{on if a['type_action'] == k else off} {k}" for k in ("Prévention", "Soins", "Accompagnement"))


# ------------------------------------------------------------------ common parts

def title_page(c, v, rng):
    t = c["terr"]
    style = seed_of(v["name"]) % 3
    b = []
    if style == 0:
        b.append({"t": "p", "cls": "title", "runs": f"Contrat Local de Santé {c['debut']}-{c['fin']} {t['de']}"})
    elif style == 1:
        b += [{"t": "p", "cls": "title", "runs": "CONTRAT LOCAL DE SANTÉ"},
              {"t": "p", "cls": "subtitle", "runs": t["nom"]},
              {"t": "p", "cls": "subtitle", "runs": f"{c['debut']} – {c['fin']}"}]
    else:
        b += [{"t": "p", "cls": "title", "runs": f"Contrat Local de Santé {t['de']}"},
              {"t": "p", "cls": "subtitle", "runs": f"{c['debut']}-{c['fin']}"}]
    b.append({"t": "p", "cls": "big", "runs": f"Département {t['du_dep']} – Région {t['region']}"})
    b.append({"t": "p", "cls": "big", "runs": f"Signé à {t['ville']}, le {c['date_txt']}" if style != 1 else f"Date de signature : {c['date_txt']}"})
    return b


def signatures(c, v):
    b = [{"t": "h", "lvl": 2, "runs": "Signataires", "pb": False}]
    rows = []
    for org, qual, who in c["signataires"]:
        rows.append({"cells": [{"b": [(org, "b")]}, {"b": f"{qual}, {who}"}]})
    b.append({"t": "table", "rows": rows, "ruled": False, "widths": [55, 45]})
    return b


def preamble(c, v, rng):
    t = c["terr"]
    b = [{"t": "h", "lvl": 1, "runs": rng.choice(["Contexte", "Diagnostic", "Préambule", "Contexte et diagnostic"]), "pb": True}]
    ctx = c["contexte"]
    b += [{"t": "p", "runs": " ".join(ctx[:3])}, {"t": "p", "runs": " ".join(ctx[3:])}]
    b.append({"t": "p", "runs": f"Le présent contrat est conclu pour la période {c['debut']}-{c['fin']}. "
                               f"Il s'organise autour de {len(c['axes'])} axes stratégiques et {len(c['actions'])} fiches actions."})
    b.append({"t": "h", "lvl": 2, "runs": "Les axes du contrat"})
    b.append({"t": "ul", "items": [AXIS_FMT["axe"](ax["numero"], ax["titre"]) for ax in c["axes"]]})
    return b


def toc(c, v, first_page, per=1):
    ent = [("Contexte", 2, 1)]
    p = first_page
    for ax in c["axes"]:
        ent.append((AXIS_FMT[v["axis_fmt"]](ax["numero"], ax["titre"]), p, 1))
        for a in c["actions"]:
            if a["axe"] == ax["numero"]:
                ent.append((f"{a['numero_txt']} – {a['titre']}" if v["family"] != "brochure" else f"{a['numero']} {a['titre']}", p, 2))
                p += per
    return [{"t": "h", "lvl": 1, "runs": "Sommaire", "pb": True}, {"t": "toc", "entries": [(e[0], int(e[1]), e[2]) for e in ent]}]


def fiche_heading(v, a):
    h = v["head"].format(n=a["numero"], t=a["titre"])
    return h


# ------------------------------------------------------------------ families

def fiche_label_column(c, v, a, rng, first):
    SH = "#dbe5f1" if v.get("shaded") else None
    ruled = not v.get("shaded")
    b = []
    head = fiche_heading(v, a)
    pb = not v.get("nobreak")
    if v["title_in"] == "same":
        b.append({"t": "h", "lvl": 2, "runs": f"{head} : {a['titre']}", "pb": pb and not first})
    else:
        b.append({"t": "h", "lvl": 2, "runs": head, "pb": pb, "cls": "band" if v.get("shaded") else ""})
        if v["title_in"] == "heading2":
            b.append({"t": "h", "lvl": 3, "runs": a["titre"]})
    if v.get("statut") == "line":
        b.append({"t": "p", "runs": [(statut_text(rng, a), "i")]})
    rows = []
    lw = 28

    def lab(txt):
        return {"b": [(txt, "b")], "shade": SH or "#f2f2f2"}
    if v["title_in"] == "row":
        rows.append({"cells": [lab("Intitulé de l'action"), {"b": [(a["titre"], "b")]}]})
    if v.get("objectifs") == "rows":
        ax = c["axes"][a["axe"] - 1]
        rows.append({"cells": [lab("Axe stratégique"), {"b": AXIS_FMT[v["axis_fmt"]](ax["numero"], ax["titre"])}]})
        rows.append({"cells": [lab("Objectif"), {"b": OBJ_FMT[v["obj_fmt"]](a["objectif"], a["objectif_titre"])}]})
    if v.get("statut") == "row":
        rows.append({"cells": [lab("Statut"), {"b": statut_text(rng, a)}]})
    for key in v["fields"]:
        rows.append({"cells": [lab(label(v, key)), {"b": value_blocks(v, a, key)}]})
    b.append({"t": "table", "rows": rows, "ruled": ruled, "widths": [lw, 100 - lw]})
    return b


def fiche_stacked(c, v, a, rng, first):
    SH = "#d9e2d0" if v["family"] == "stacked" else "#dde4ee"
    b = [{"t": "h", "lvl": 2, "runs": fiche_heading(v, a), "pb": True, "cls": "band" if v.get("ticks") == "br" else ""}]
    if v["title_in"] == "heading2":
        b.append({"t": "h", "lvl": 3, "runs": a["titre"]})
    rows = []

    def lab(txt):
        return {"cells": [{"b": [(txt, "b")], "shade": SH}]}
    if v["title_in"] == "row":
        rows += [lab("Intitulé de l'action"), {"cells": [{"b": [(a["titre"], "b")]}]}]
    if v.get("statut") == "checkbox":
        rows.append({"cells": [{"b": checkbox(v, a, rng)}]})
        rows.append({"cells": [{"b": type_box(v, a)}]})
    if v.get("statut") == "row":
        rows.append({"cells": [{"b": [("Statut : ", "b"), statut_text(rng, a)]}]})
    if v.get("objectifs") == "rows":
        ax = c["axes"][a["axe"] - 1]
        rows += [lab("Axe"), {"cells": [{"b": AXIS_FMT[v["axis_fmt"]](ax["numero"], ax["titre"])}]}]
        rows += [lab("Objectif"), {"cells": [{"b": OBJ_FMT[v["obj_fmt"]](a["objectif"], a["objectif_titre"])}]}]
    for key in v["fields"]:
        rows += [lab(label(v, key)), {"cells": [{"b": value_blocks(v, a, key)}]}]
    b.append({"t": "table", "rows": rows, "ruled": True, "widths": [100]})
    return b


def fiche_header_grid(c, v, a, rng, first):
    b = [{"t": "h", "lvl": 2, "runs": fiche_heading(v, a), "pb": True}]
    if v.get("title_in") == "heading2":
        b.append({"t": "h", "lvl": 3, "runs": a["titre"]})
    if v.get("statut") == "line":
        b.append({"t": "p", "runs": [("Statut : ", "b"), statut_text(rng, a)]})
    g = v["grid"]
    head = {"head": True, "cells": [{"b": [(label(v, k), "b")]} for k in g]}
    vals = {"cells": [{"b": value_blocks(v, a, k)} for k in g]}
    b.append({"t": "table", "rows": [head, vals], "ruled": True, "widths": [100 // len(g)] * len(g)})
    if v["rest"] == "rows":
        rows = [{"cells": [{"b": [(label(v, k), "b")], "shade": "#eeeeee"}, {"b": value_blocks(v, a, k)}]} for k in v["rest_fields"]]
        b.append({"t": "table", "rows": rows, "ruled": True, "widths": [25, 75]})
    else:
        for k in v["rest_fields"]:
            b.append({"t": "h", "lvl": 4, "runs": label(v, k)})
            b += value_blocks(v, a, k)
    return b


def axis_heading(v, ax, pb=True):
    return {"t": "h", "lvl": 1, "runs": AXIS_FMT[v["axis_fmt"]](ax["numero"], ax["titre"]), "pb": pb}


def obj_heading(v, a, lvl=2):
    return {"t": "h", "lvl": lvl, "runs": OBJ_FMT[v["obj_fmt"]](a["objectif"], a["objectif_titre"])}


def fiches(c, v, rng, fiche_fn):
    b = []
    first = True
    cur_ax, cur_obj = None, None
    for a in c["actions"]:
        if a["axe"] != cur_ax:
            cur_ax = a["axe"]
            cur_obj = None
            if v.get("objectifs") != "rows" or v["family"] in ("label_column", "header_grid"):
                b.append(axis_heading(v, c["axes"][cur_ax - 1]))
        if v.get("objectifs") == "headings" and a["objectif"] != cur_obj:
            cur_obj = a["objectif"]
            b.append(obj_heading(v, a))
        fb = fiche_fn(c, v, a, rng, first)
        # a fiche straight after an axis / objective heading keeps that heading on its page
        if b and b[-1]["t"] == "h" and fb[0].get("pb"):
            fb[0] = dict(fb[0], pb=False)
            j = len(b) - 1
            while j > 0 and b[j - 1]["t"] == "h":
                j -= 1
            if not any(x.get("pb") for x in b[j:]) and not first:
                b[j] = dict(b[j], pb=True)
        b += fb
        first = False
    return b


def recap_table(c, v, rng, short=False):
    names = {"num": "N°", "titre": "Intitulé de l'action", "description": "Description", "statut": "Statut"}
    names.update({k: label(v, k) for k in ("porteurs", "partenaires", "public", "cal", "budget", "indicateurs", "territoire")})
    if v["name"].startswith("recap-only-sevre"):
        names.update(num="Axe / N°", titre="Action")
    cols = v["cols"]
    W = {"num": 6, "titre": 18, "description": 22, "porteurs": 13, "partenaires": 14, "public": 12, "cal": 10, "budget": 13,
         "indicateurs": 18, "statut": 8, "territoire": 10}
    if short:
        W.update(titre=45, porteurs=28, cal=18, num=9)
    widths = [W[k] for k in cols]
    tot = sum(widths)
    widths = [round(w * 100 / tot) for w in widths]
    n = len(cols)
    rows = [{"head": True, "cells": [{"b": [(names[k], "b")]} for k in cols]}]
    cur_ax = cur_obj = None
    for a in c["actions"]:
        if a["axe"] != cur_ax:
            cur_ax = a["axe"]
            ax = c["axes"][cur_ax - 1]
            rows.append({"cells": [{"b": [(AXIS_FMT[v["axis_fmt"]](ax["numero"], ax["titre"]), "b")], "span": n, "shade": "#c9d7e8"}]})
        if v.get("objectifs") and not short and a["objectif"] != cur_obj:
            cur_obj = a["objectif"]
            rows.append({"cells": [{"b": [(OBJ_FMT[v["obj_fmt"]](a["objectif"], a["objectif_titre"]), "i")], "span": n, "shade": "#eef2f7"}]})
        cells = []
        for k in cols:
            if k == "num":
                cells.append({"b": a["numero"]})
            elif k == "titre":
                cells.append({"b": [(a["titre"], "b")]})
            elif k == "statut":
                cells.append({"b": "Nouvelle" if a["statut"] == "nouvelle" else "Existante"})
            elif k == "indicateurs":
                cells.append({"b": indic_block(v, a)})
            else:
                cells.append({"b": value_runs(a, k)})
        rows.append({"cells": cells})
    return {"t": "table", "rows": rows, "ruled": True, "widths": widths, "cls": "recap", "land": True}


def brochure(c, v, rng):
    b = []
    cur_ax = cur_obj = None
    order_pool = ["porteurs", "partenaires", "public", "territoire", "cal", "budget", "indicateurs"]
    for i, a in enumerate(c["actions"]):
        if a["axe"] != cur_ax:
            cur_ax = a["axe"]
            cur_obj = None
            b.append({"t": "h", "lvl": 2, "runs": AXIS_FMT[v["axis_fmt"]](cur_ax, c["axes"][cur_ax - 1]["titre"])})
        if v.get("objectifs") == "headings" and a["objectif"] != cur_obj:
            cur_obj = a["objectif"]
            b.append({"t": "p", "runs": [(OBJ_FMT[v["obj_fmt"]](a["objectif"], a["objectif_titre"]), "bi")]})
        b.append({"t": "h", "lvl": 3, "runs": v["head"].format(n=a["numero"], t=a["titre"])})
        b.append({"t": "p", "runs": a["description"]})
        shown = {"description"}
        order = order_pool[:]
        # order varies: porteurs first most of the time, the rest shuffled
        rest = order[1:]
        rng.shuffle(rest)
        order = ([order[0]] + rest) if rng.random() < 0.7 else rest[:2] + [order[0]] + rest[2:]
        missing = set(rng.sample(["partenaires", "territoire", "budget", "public", "territoire"], rng.choice([0, 1, 1, 2])))
        if v["labels"].get("territoire") is None:
            missing.add("territoire")
        order = [k for k in order if k not in missing]
        if v.get("statut") == "inline" and i % 2 == 0:
            b.append({"t": "p", "runs": [("Statut : " + ("action nouvelle" if a["statut"] == "nouvelle" else "action existante"), "i")]})
            shown.add("statut")
        lines = []
        for k in order:
            val = " ; ".join(a["indicateurs"]) if k == "indicateurs" else value_runs(a, k)
            lab = label(v, k) + " : "
            lines.append((k, [(lab, "b") if v.get("bold_labels") else lab, val]))
            shown.add(k)
        if v.get("joinline"):
            # calendar and cost share one line, separated by ' · '
            ks = [k for k, _ in lines]
            if "cal" in ks and "budget" in ks:
                ci, bi = ks.index("cal"), ks.index("budget")
                merged = lines[ci][1] + [" · "] + lines[bi][1]
                lines = [ln for j, ln in enumerate(lines) if j not in (ci, bi)]
                lines.insert(min(ci, bi), ("cal+budget", merged))
        for _, r in lines:
            b.append({"t": "p", "runs": r})
        a["shown"] = shown
    return b


# ------------------------------------------------------------------ document assembly

def assemble(c, v, rng):
    fam = v["family"]
    body = title_page(c, v, rng)
    if v.get("sign_first", fam != "brochure"):
        body += [{"t": "p", "runs": ""}]
        body += signatures(c, v)
    first_page = 5 if v.get("toc") else 4
    if v.get("toc"):
        body += toc(c, v, first_page, per=1 if fam != "brochure" else 0.5)
    body += preamble(c, v, rng)
    shown_all = set(v.get("fields", [])) & set(FIELDS)
    if fam == "label_column":
        body += fiches(c, v, rng, fiche_label_column)
    elif fam == "stacked":
        body += fiches(c, v, rng, fiche_stacked)
    elif fam == "header_grid":
        body += fiches(c, v, rng, fiche_header_grid)
        shown_all = set(v["grid"]) | set(v["rest_fields"])
    elif fam == "recap" and v.get("annex"):
        body += fiches(c, v, rng, fiche_stacked)
        body.append({"t": "pb", "master": "land"})
        body.append({"t": "h", "lvl": 1, "runs": "Annexe : tableau récapitulatif du plan d'actions"})
        body.append(recap_table(c, v, rng, short=True))
    elif fam == "recap":
        body.append({"t": "h", "lvl": 1, "runs": "Plan d'actions", "pb": True})
        body.append({"t": "p", "runs": "Le tableau ci-dessous présente l'ensemble des actions retenues par les signataires."})
        body.append(recap_table(c, v, rng))
        shown_all = set(v["cols"]) & set(FIELDS)
    elif fam == "brochure":
        pre = []
        if v["ncols"] == 3 and v["lo"] == "fodt":
            body.append({"t": "pb", "master": "cols3"})
            v["_page_cols"] = 3
        inner = brochure(c, v, rng)
        body.append({"t": "h", "lvl": 1, "runs": "Le programme d'actions", "pb": v["ncols"] != 3})
        body.append({"t": "cols", "n": v["ncols"], "b": inner, "fodt_skip": bool(v.get("_page_cols"))})
        body += pre
        body += signatures(c, v)
        shown_all = None
    for a in c["actions"]:
        if shown_all is not None:
            a["shown"] = set(shown_all)
            if v.get("statut") in ("row", "line", "checkbox", "col"):
                a["shown"].add("statut")
    doc = dict(title=f"CLS {c['terr']['nom']}", body=body, font=v.get("font", "Liberation Sans"), size=v.get("size", 10),
               header=v.get("header"), footer=v.get("footer"), orientation="landscape" if v.get("landscape") else "portrait",
               accent=["#1f4e79", "#7a2e0e", "#2e5e2e", "#4b2c6f", "#005f73"][seed_of(v["name"]) % 5])
    return doc


def gold(c, v):
    acts = []
    for a in c["actions"]:
        s = a["shown"]
        cal = a["cal"]
        bud = a["budget"]
        acts.append({
            "numero": a["numero"], "titre": a["titre"], "axe": a["axe"],
            "objectif": a["objectif"] if v.get("objectifs") else None, "sous_objectif": None,
            "statut": a["statut"] if "statut" in s else None,
            "porteurs_texte": a["porteurs"] if "porteurs" in s else None,
            "partenaires_texte": a["partenaires"] if "partenaires" in s else None,
            "description": (" ".join(a["long"]) if a.get("long") else a["description"]) if "description" in s else None,
            "public_cible_texte": a["public"] if "public" in s else None,
            "territoire": a["territoire"] if "territoire" in s else None,
            "calendrier": {"texte": cal[0], "debut": cal[1], "fin": cal[2]} if "cal" in s else {"texte": None, "debut": None, "fin": None},
            "budget": ({"texte": bud[0], "montants": [{"montant_eur": m} for m in bud[1]], "total_eur": bud[2]} if "budget" in s
                       else {"texte": None, "montants": [], "total_eur": None}),
            "indicateurs_texte": " ".join(a["indicateurs"]) if "indicateurs" in s else None,
        })
    t = c["terr"]
    return {"gold_for": v["name"], "family": v["family"], "variant": v["variant"],
            "territoire": {"nom": commune_name(t["nom"]), "departements": [t["dep"]], "region": t["region"]},
            "periode": {"debut": c["debut"], "fin": c["fin"]}, "date_signature": c["date"],
            "axes": [{"numero": ax["numero"], "titre": ax["titre"]} for ax in c["axes"]],
            "actions": acts}


LONG_EXTRA = [
    "Une première phase de diagnostic partagé réunira les professionnels, les élus et les représentants des usagers afin de recenser les besoins et les ressources existantes.",
    "Sur cette base, un plan de déploiement sera construit commune par commune, en tenant compte des contraintes de mobilité propres aux secteurs ruraux.",
    "Les interventions seront conduites par des binômes associant un professionnel de santé et un travailleur social, formés conjointement au préalable.",
    "Des temps d'échange de pratiques seront organisés chaque trimestre pour ajuster les modalités d'intervention et partager les situations rencontrées.",
    "Un outil de suivi commun permettra de recueillir l'activité de chaque partenaire sans double saisie.",
    "La communication auprès des habitants s'appuiera sur les bulletins municipaux, les réseaux sociaux des communes et l'affichage dans les lieux de passage.",
    "Une attention particulière sera portée aux personnes les plus éloignées des dispositifs, repérées par les services d'aide à domicile et les associations caritatives.",
    "Les enseignements de la première année feront l'objet d'une présentation en comité de pilotage avant l'extension à l'ensemble du territoire.",
    "Les partenaires s'engagent à mettre à disposition des locaux adaptés et accessibles aux personnes à mobilité réduite.",
    "Un bilan qualitatif sera réalisé auprès des bénéficiaires au moyen d'un questionnaire court et d'entretiens individuels.",
    "Le cas échéant, les actions pourront être adaptées aux spécificités des quartiers et des communes les plus fragiles.",
    "Les résultats seront diffusés à l'ensemble des partenaires et aux habitants lors de l'assemblée annuelle du CLS.",
]


def make(v):
    v = dict(v)
    rng = random.Random(seed_of(v["name"]))
    c = build_contract(rng, v["terr"], v["deb"], v["axes"], v["n"], v["date"])
    for i, a in enumerate(c["actions"], 1):
        a["numero"] = numero(v, a, i)
        a["numero_txt"] = v.get("head", "{n}").format(n=a["numero"], t="").rstrip(" –—.:").strip() if v.get("head") else a["numero"]
    if v["family"] == "stacked":
        # one action is partly new, partly existing: both boxes ticked
        c["actions"][len(c["actions"]) // 2]["statut"] = "mixte"
    if v.get("long_desc"):
        for a in c["actions"][1::2]:
            a["long"] = [a["description"]] + LONG_EXTRA[:]
            rng.shuffle(a["long"][1:])
    doc = assemble(c, v, rng)
    if v.get("_page_cols"):
        doc["page_cols"] = v["_page_cols"]
    return c, v, doc


def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {r.stderr[-500:]}")
    return r


def chromium_pdf(src, out, tmp):
    prof = tempfile.mkdtemp(dir=tmp, prefix="chr-")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", f"--user-data-dir={prof}",
         "--no-pdf-header-footer", f"--print-to-pdf={out}", "file://" + src], timeout=180)
    shutil.rmtree(prof, ignore_errors=True)


def lo_pdf(src, out, tmp):
    outdir = tempfile.mkdtemp(dir=tmp, prefix="lo-")
    prof = tempfile.mkdtemp(dir=tmp, prefix="loprof-")
    cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless"]
    if src.endswith(".html"):
        cmd.append('--infilter=HTML (StarWriter)')
    cmd += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir, src]
    run(cmd, timeout=300)
    produced = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")
    if not os.path.exists(produced):
        raise RuntimeError(f"soffice produced nothing for {src}")
    shutil.move(produced, out)
    shutil.rmtree(prof, ignore_errors=True)
    shutil.rmtree(outdir, ignore_errors=True)


README_HEAD = """# Variety corpus (generated)

Invented Contrats Locaux de Santé in several layout variants, each printed by Chromium (`<name>.chromium.pdf`) and by
LibreOffice Writer (`<name>.lo.pdf`), with one ground truth valid for both prints (`<name>.gold.json`, scored by
`shared/eval/score.py doc`). Regenerate with `python3 tools/gen_contracts/gen.py` (`--only NAME`, `--out DIR`,
`--keep-src DIR` to keep the HTML / .fodt sources); this file is rewritten by a full run. Fields a layout does not
print are null in the gold (`calendrier` then has texte/debut/fin null; `budget` has texte null, montants [] and
total_eur null). All names of territories, people and associations are invented.

| file | family | LO source | pages (chromium / lo) | what varies |
|---|---|---|---|---|
"""


def pdf_pages(p):
    try:
        out = subprocess.run(["pdfinfo", p], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        return next(l.split()[1] for l in out.splitlines() if l.startswith("Pages"))
    except (OSError, StopIteration):
        return "?"


def write_readme(out):
    rows = []
    for v in VARIANTS:
        n = v["name"]
        pc, pl = pdf_pages(os.path.join(out, n + ".chromium.pdf")), pdf_pages(os.path.join(out, n + ".lo.pdf"))
        src = "HTML (StarWriter)" if v["lo"] == "html" else ".fodt"
        rows.append(f"| `{n}` | {v['family']} | {src} | {pc} / {pl} | {v['variant'].replace('|', chr(92) + '|')} |")
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(README_HEAD + "\n".join(rows) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", default=[], help="variant name(s), comma separated")
    ap.add_argument("--out", default=OUT_DEFAULT)
    ap.add_argument("--keep-src", default=None, help="keep the generated .html/.fodt in this directory")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-pdf", action="store_true", help="write gold (and sources with --keep-src) only")
    args = ap.parse_args()
    if args.list:
        for v in VARIANTS:
            print(f"{v['name']:26} {v['family']:13} {v['variant']}")
        return
    only = {n for o in args.only for n in o.split(",") if n}
    unknown = only - {v["name"] for v in VARIANTS}
    if unknown:
        sys.exit(f"unknown variant(s): {', '.join(sorted(unknown))}")
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="gen_contracts-")
    try:
        for v0 in VARIANTS:
            if only and v0["name"] not in only:
                continue
            c, v, doc = make(v0)
            name = v["name"]
            srcdir = args.keep_src or tmp
            os.makedirs(srcdir, exist_ok=True)
            html = os.path.join(srcdir, name + ".html")
            with open(html, "w", encoding="utf-8") as f:
                f.write(to_html(doc))
            if v["lo"] == "html":
                lo_src = os.path.join(srcdir, name + ".lo.html")
                with open(lo_src, "w", encoding="utf-8") as f:
                    f.write(to_html(doc, lo=True))
            else:
                lo_src = os.path.join(srcdir, name + ".fodt")
                with open(lo_src, "w", encoding="utf-8") as f:
                    f.write(to_fodt(doc))
            with open(os.path.join(args.out, name + ".gold.json"), "w", encoding="utf-8") as f:
                json.dump(gold(c, v), f, ensure_ascii=False, indent=1)
                f.write("\n")
            if args.no_pdf:
                print(name, "gold written")
                continue
            chromium_pdf(os.path.abspath(html), os.path.join(args.out, name + ".chromium.pdf"), tmp)
            lo_pdf(os.path.abspath(lo_src), os.path.join(args.out, name + ".lo.pdf"), tmp)
            print(f"{name}: chromium + lo ({'html' if v['lo'] == 'html' else 'fodt'})", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not only and not args.no_pdf:
        write_readme(args.out)


if __name__ == "__main__":
    main()
