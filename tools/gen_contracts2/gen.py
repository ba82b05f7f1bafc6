#!/usr/bin/env python3
"""Second, independent variety corpus: six invented Contrats Locaux de Santé laid out unlike
tools/gen_contracts, each printed by Chromium and by LibreOffice, with one ground truth each.

  python3 tools/gen_contracts2/gen.py                 # all -> fixtures/variety/pdf2/
  python3 tools/gen_contracts2/gen.py --only NAME     # one contract (comma list ok)
  python3 tools/gen_contracts2/gen.py --keep-src DIR  # keep the .html / .fodt sources

Stdlib only; needs chromium and soffice on PATH. Content is fixed (content.py)."""
import argparse, glob, json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blocks import to_html, to_fodt  # noqa: E402
from content import CONTRACTS, GLOSSAIRE  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DEFAULT = os.path.join(ROOT, "fixtures", "variety", "pdf2")

REGION_ARS = {"Bourgogne-Franche-Comté": "Agence régionale de santé Bourgogne-Franche-Comté", "Normandie": "Agence régionale de santé Normandie",
              "Corse": "Agence régionale de santé de Corse", "Provence-Alpes-Côte d'Azur": "Agence régionale de santé Provence-Alpes-Côte d'Azur",
              "Hauts-de-France": "Agence régionale de santé Hauts-de-France", "La Réunion": "Agence régionale de santé La Réunion"}
SIGNERS = ["Martine Vauclair-Doré", "Jean-Baptiste Orsoni", "Hélène Quesnel", "Paul-Antoine Ferracci", "Nadia Belkacem-Roux", "Olivier Payet"]

VARIANTS = {
    "lc2-twolabel-morvan": ("label column with two label/value pairs on one row ('Référent(e) de l'action | X | Échéances | Y'), "
                            "merged value cells, 'FA 1.2' numbering, serif font, 'Page N sur M' footer", "html"),
    "hg2-twogrid-cotentin": ("two stacked 3-column header-row grids per action (Porteur(s) | Partenaires | Public concerné, then "
                             "Calendrier prévisionnel | Budget estimé | Indicateurs de suivi), 'Action n°4 :' headings, description above the grids", "fodt"),
    "st2-boldlabels-balagne": ("no tables: bold label paragraphs with the value below, '☑ Nouvelle action ☐ Action existante', "
                               "'Priorité 1 –' axes, 'OS 1.1 :' objectives, 'Fiche action P1.2' numbering, running header", "fodt"),
    "recap2-enjeux-lure": ("landscape recap table only, columns Réf. | Action | Responsable | Partenaires associés | Calendrier | Coût | Suivi, "
                           "shaded spanning 'ENJEU 1 :' rows, numbers 1..7 continuing across axes, bold title + description in one cell", "html"),
    "br2-questions-opale": ("brochure, two columns, one coloured box per action, 'Action 2.1' line then a bigger title line, question labels "
                            "(Qui ? Avec qui ? Pour qui ? Où ? Comment ? Quand ? Combien ? Comment mesurer ?), statistic sidebars", "fodt"),
    "mix2-annex-hautsdelest": ("mixed: table of contents without dot leaders (two columns), 'Fiche n°3' label-column fiches, recap annex table, "
                               "glossary of acronyms, 'N / M' footer", "html"),
}

STATUT_TXT = {"nouvelle": "Nouvelle action", "existante": "Action existante", "mixte": "Action existante, étendue et renforcée (mixte)"}


def axis_of(c, n):
    return next(a for a in c["axes"] if a[0] == n)


def obj_title(c, code):
    for a in c["axes"]:
        for oc, ot in a[2]:
            if oc == code:
                return ot
    return None


def title_page(c, ars, extra=None, gen2=True):
    b = [("p", ars.upper(), "center"), ("p", f"{c['nom']}", "center"),
         ("p", "Contrat local de santé", "title"), ("p", f"de la {c['nom']}" if c["nom"].startswith(("Communauté",)) else f"du {c['nom']}", "subtitle"),
         ("p", f"{c['debut']}-{c['fin']}", "subtitle")]
    if gen2:
        b.append(("p", "CLS 2e génération", "subtitle"))
    if extra:
        b += extra
    return b


def signatures(c, ars, i):
    return [("p", "Signataires", "h1"), ("p", c["sig_text"], "body"),
            ("table", [[dict(text=f"Pour l'{ars},\nle directeur général,\n{SIGNERS[i]}"),
                        dict(text=f"Pour la collectivité,\nle président,\n{SIGNERS[(i + 3) % 6]}")]], dict(ruled=False, widths=[50, 50]))]


def preamble(c):
    return [("p", "Préambule", "h1"),
            ("p", f"Le présent contrat est conclu entre l'{REGION_ARS[c['region']]} et la collectivité pour la période {c['debut']}-{c['fin']}. "
                  "Il s'appuie sur le diagnostic local de santé partagé avec les habitants et les partenaires, et décline le Projet régional de santé "
                  "à l'échelle du territoire.", "body"),
            ("p", "Les actions sont organisées selon les axes suivants :", "body"),
            ("ul", [f"{n}. {t}" for n, t, _ in c["axes"]])]


def indic_lines(a):
    return "\n".join(a["indicateurs"])


# ---------------------------------------------------------------- 1. two label columns
def lay_morvan(c):
    ars = REGION_ARS[c["region"]]
    B = title_page(c, ars) + [("pb",)] + preamble(c) + signatures(c, ars, 0)
    L = "#e4e0d6"
    cur = None
    for a in c["actions"]:
        B.append(("pb",))
        if a["axe"] != cur:
            cur = a["axe"]
            B.append(("p", f"AXE {cur} – {axis_of(c, cur)[1]}", "h1"))
        lab = lambda t: dict(text=t, bold=True, shade=L)
        rows = [[dict(text=f"FA {a['numero']}", bold=True, shade="#6b4f2a", color="#ffffff"),
                 dict(text=a["titre"], bold=True, span=3, shade="#6b4f2a", color="#ffffff")],
                [lab("Objectif opérationnel"), dict(text=f"{a['objectif']} – {obj_title(c, a['objectif'])}", span=3)],
                [lab("Référent(e) de l'action"), dict(text=a["porteurs"]), lab("Échéances"), dict(text=a["cal"]["texte"])],
                [lab("Partenaire(s) mobilisé(s)"), dict(text=a["partenaires"], span=3)],
                [lab("Bénéficiaires"), dict(text=a["public"]), lab("Financement(s) envisagé(s)"), dict(text=a["budget"]["texte"])],
                [lab("Description"), dict(text=a["description"], span=3)]]
        if a["territoire"]:
            rows.append([lab("Nature"), dict(text=STATUT_TXT[a["statut"]]), lab("Territoire"), dict(text=a["territoire"])])
        else:
            rows.append([lab("Nature"), dict(text=STATUT_TXT[a["statut"]], span=3)])
        rows.append([lab("Modalités d'évaluation"), dict(text=indic_lines(a), span=3)])
        B.append(("table", rows, dict(widths=[19, 31, 19, 31])))
    return dict(title=c["short"], blocks=B, font="Liberation Serif", size=10.5, header=f"{c['short']} {c['debut']}-{c['fin']}",
                footer="page_sur", title_page_bare=True)


# ---------------------------------------------------------------- 2. two header grids
def lay_cotentin(c):
    ars = REGION_ARS[c["region"]]
    B = title_page(c, ars) + [("pb",)] + preamble(c) + signatures(c, ars, 1)
    H = "#1f5f8b"
    cur = None
    for a in c["actions"]:
        if a["axe"] != cur:
            cur = a["axe"]
            B += [("pb",), ("p", f"AXE {cur} — {axis_of(c, cur)[1].upper()}", "h1")]
        B.append(("p", f"Action n°{a['numero']} : {a['titre']}", "h2"))
        B.append(("p", f"<i>Statut : {STATUT_TXT[a['statut']].lower()}</i>", "small"))
        if a["territoire"]:
            B.append(("p", f"<i>Territoire : {a['territoire']}</i>", "small"))
        B += [("p", "Contenu de l'action", "label"), ("p", a["description"], "body")]
        hd = lambda t: dict(text=t, head=True, shade=H, color="#ffffff")
        B.append(("table", [[hd("Porteur(s)"), hd("Partenaires"), hd("Public concerné")],
                            [dict(text=a["porteurs"]), dict(text=a["partenaires"]), dict(text=a["public"])]], dict(widths=[30, 40, 30])))
        B.append(("table", [[hd("Calendrier prévisionnel"), hd("Budget estimé"), hd("Indicateurs de suivi")],
                            [dict(text=a["cal"]["texte"]), dict(text=a["budget"]["texte"]), dict(text=indic_lines(a))]], dict(widths=[30, 30, 40])))
    return dict(title=c["short"], blocks=B, font="DejaVu Sans", size=9, footer="page_sur", footer_left=c["short"], title_page_bare=True)


# ---------------------------------------------------------------- 3. stacked bold labels
def lay_balagne(c):
    ars = REGION_ARS[c["region"]]
    B = title_page(c, ars) + [("pb",)] + preamble(c) + signatures(c, ars, 2)
    cur, curo = None, None
    for a in c["actions"]:
        B.append(("pb",))
        if a["axe"] != cur:
            cur = a["axe"]
            B.append(("p", f"Priorité {cur} – {axis_of(c, cur)[1]}", "h1"))
        if a["objectif"] != curo:
            curo = a["objectif"]
            B.append(("p", f"OS {curo} : {obj_title(c, curo)}", "h2"))
        B += [("p", f"Fiche action {a['numero']}", "num"), ("p", a["titre"], "atitle")]
        nv = "☑" if a["statut"] in ("nouvelle", "mixte") else "☐"
        ex = "☑" if a["statut"] in ("existante", "mixte") else "☐"
        B.append(("p", f"{nv} Nouvelle action    {ex} Action existante", "body"))
        B += [("p", "Porteur", "label"), ("p", a["porteurs"], "body"),
              ("p", "Partenaires", "label"), ("p", a["partenaires"], "body"),
              ("p", "Description de l'action", "label"), ("p", a["description"], "body"),
              ("p", "Public", "label"), ("p", a["public"], "body")]
        if a["territoire"]:
            B += [("p", "Territoire", "label"), ("p", a["territoire"], "body")]
        B += [("p", "Calendrier", "label"), ("p", a["cal"]["texte"], "body"),
              ("p", "Budget prévisionnel", "label"), ("p", a["budget"]["texte"], "body"),
              ("p", "Indicateurs", "label"), ("ul", a["indicateurs"])]
    return dict(title=c["short"], blocks=B, font="Liberation Sans", size=10.5, header=f"{c['short']} – {c['debut']}-{c['fin']}",
                footer="page", title_page_bare=True)


# ---------------------------------------------------------------- 4. recap with ENJEU rows
def lay_lure(c):
    ars = REGION_ARS[c["region"]]
    B = title_page(c, ars) + preamble(c) + signatures(c, ars, 3) + [("pb",), ("p", "Programme d'actions", "h1")]
    hd = lambda t: dict(text=t, head=True, shade="#a23b2a", color="#ffffff")
    rows = [[hd(t) for t in ("Réf.", "Action", "Responsable", "Partenaires associés", "Calendrier", "Coût", "Suivi")]]
    cur = None
    for a in c["actions"]:
        if a["axe"] != cur:
            cur = a["axe"]
            rows.append([dict(text=f"ENJEU {cur} : {axis_of(c, cur)[1]}", span=7, bold=True, shade="#f2d9c4")])
        act = f"<b>{a['titre']}</b>" + (f"\n{a['description']}" if a["description"] else "")
        rows.append([dict(text=a["numero"]), dict(text=act), dict(text=a["porteurs"]), dict(text=a["partenaires"]),
                     dict(text=a["cal"]["texte"]), dict(text=a["budget"]["texte"]), dict(text=indic_lines(a))])
    B.append(("table", rows, dict(widths=[5, 27, 14, 18, 11, 12, 13])))
    return dict(title=c["short"], blocks=B, font="Liberation Sans", size=9, landscape=True)


# ---------------------------------------------------------------- 5. brochure
STATS = {1: ("1 enfant sur 8", "entre en CP avec un retard de langage"), 2: ("-12 %", "de participation au dépistage par rapport à la moyenne régionale"),
         3: ("4 200", "logements potentiellement indignes")}


def lay_opale(c):
    ars = REGION_ARS[c["region"]]
    B = title_page(c, ars) + [("pb",), ("p", "Édito", "h1"),
                              ("p", "Notre territoire, entre caps et marais, a choisi de faire de la santé une priorité partagée. "
                                    "Ce contrat rassemble les partenaires autour d'actions concrètes, au plus près des habitants.", "body")] \
        + preamble(c) + signatures(c, ars, 4)
    colours = {1: "#e3f0fa", 2: "#fde9e4", 3: "#e8f5e1"}
    cur, col = None, None
    for a in c["actions"]:
        if a["axe"] != cur:
            cur = a["axe"]
            col = []
            B += [("pb",), ("p", f"Axe {cur} — {axis_of(c, cur)[1]}", "h1"), ("cols", col)]
            if cur != 2:
                s = STATS[cur]
                col.append(("side", [("p", "LE CHIFFRE", "small"), ("p", s[0], "stat"), ("p", s[1], "small")], None))
        inner = [("p", f"Action {a['numero']}", "num"), ("p", a["titre"], "atitle"),
                 ("p", f"<i>{STATUT_TXT[a['statut']]}</i>", "small"),
                 ("p", f"<b>Qui ?</b> {a['porteurs']}", "body"), ("p", f"<b>Avec qui ?</b> {a['partenaires']}", "body"),
                 ("p", f"<b>Pour qui ?</b> {a['public']}", "body")]
        if a["territoire"]:
            inner.append(("p", f"<b>Où ?</b> {a['territoire']}", "body"))
        inner += [("p", f"<b>Comment ?</b> {a['description']}", "body"), ("p", f"<b>Quand ?</b> {a['cal']['texte']}", "body"),
                  ("p", f"<b>Combien ?</b> {a['budget']['texte']}", "body"),
                  ("p", f"<b>Comment mesurer ?</b> {' ; '.join(a['indicateurs'])}", "body")]
        col.append(("box", inner, colours[cur]))
    return dict(title=c["short"], blocks=B, font="DejaVu Sans", size=9, footer="page")


# ---------------------------------------------------------------- 6. mixed
def lay_reunion(c):
    ars = REGION_ARS[c["region"]]
    acts = c["actions"]
    toc = [("Préambule et signatures", 3)]
    cur = None
    for i, a in enumerate(acts):
        if a["axe"] != cur:
            cur = a["axe"]
            toc.append((f"Axe {cur} – {axis_of(c, cur)[1]}", 4 + i))
        toc.append((f"    Fiche n°{a['numero']} – {a['titre']}", 4 + i))
    toc += [("Annexe 1 – Tableau récapitulatif des actions", 4 + len(acts)), ("Annexe 2 – Glossaire des sigles", 5 + len(acts))]
    B = title_page(c, ars) + [("pb",), ("p", "Sommaire", "h1"),
                              ("table", [[dict(text=t), dict(text=str(p))] for t, p in toc], dict(ruled=False, widths=[88, 12])),
                              ("pb",)] + preamble(c) + signatures(c, ars, 5)
    L = "#d8ecd3"
    cur = None
    for a in acts:
        B.append(("pb",))
        if a["axe"] != cur:
            cur = a["axe"]
            B.append(("p", f"Axe {cur} – {axis_of(c, cur)[1]}", "h1"))
        lab = lambda t: dict(text=t, bold=True, shade=L)
        rows = [[dict(text=f"Fiche n°{a['numero']}", bold=True, shade="#2e7d32", color="#ffffff"),
                 dict(text=a["titre"], bold=True, shade="#2e7d32", color="#ffffff")],
                [lab("Objectif"), dict(text=f"{a['objectif']} {obj_title(c, a['objectif'])}")],
                [lab("Pilote"), dict(text=a["porteurs"])], [lab("Partenaires"), dict(text=a["partenaires"])],
                [lab("Description"), dict(text=a["description"])], [lab("Public cible"), dict(text=a["public"])]]
        if a["territoire"]:
            rows.append([lab("Territoire"), dict(text=a["territoire"])])
        rows += [[lab("Statut"), dict(text=STATUT_TXT[a["statut"]])], [lab("Calendrier"), dict(text=a["cal"]["texte"])],
                 [lab("Budget"), dict(text=a["budget"]["texte"])], [lab("Indicateurs"), dict(text=indic_lines(a))]]
        B.append(("table", rows, dict(widths=[24, 76])))
    hd = lambda t: dict(text=t, head=True, shade=L)
    B += [("pb",), ("p", "Annexe 1 – Tableau récapitulatif des actions", "h1"),
          ("table", [[hd("N°"), hd("Intitulé"), hd("Pilote"), hd("Échéance")]] +
           [[dict(text=a["numero"]), dict(text=a["titre"]), dict(text=a["porteurs"]), dict(text=a["cal"]["texte"])] for a in acts],
           dict(widths=[6, 44, 30, 20])),
          ("pb",), ("p", "Annexe 2 – Glossaire des sigles", "h1"),
          ("table", [[dict(text=s, bold=True), dict(text=d)] for s, d in GLOSSAIRE], dict(ruled=False, widths=[15, 85]))]
    return dict(title=c["short"], blocks=B, font="Liberation Sans", size=10, footer="slash", title_page_bare=True)


LAYOUTS = {"lc2-twolabel-morvan": lay_morvan, "hg2-twogrid-cotentin": lay_cotentin, "st2-boldlabels-balagne": lay_balagne,
           "recap2-enjeux-lure": lay_lure, "br2-questions-opale": lay_opale, "mix2-annex-hautsdelest": lay_reunion}


def gold(c):
    variant = VARIANTS[c["name"]][0]
    return {"gold_for": c["name"], "family": c["family"], "variant": variant,
            "territoire": {"nom": c["nom"], "departements": c["deps"], "region": c["region"]},
            "periode": {"debut": c["debut"], "fin": c["fin"]}, "date_signature": c["sig"],
            "axes": [{"numero": n, "titre": t} for n, t, _ in c["axes"]],
            "actions": [{"numero": a["numero"], "titre": a["titre"], "axe": a["axe"], "objectif": a["objectif"],
                         "sous_objectif": a["sous_objectif"], "statut": a["statut"], "porteurs_texte": a["porteurs"],
                         "partenaires_texte": a["partenaires"], "description": a["description"], "public_cible_texte": a["public"],
                         "territoire": a["territoire"], "calendrier": a["cal"],
                         "budget": {"texte": a["budget"]["texte"], "montants": [{"montant_eur": m} for m in a["budget"]["montants"]],
                                    "total_eur": a["budget"]["total"]},
                         "indicateurs_texte": " ".join(a["indicateurs"]) if a["indicateurs"] else None} for a in c["actions"]]}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kw)
    if r.returncode:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"failed: {' '.join(cmd[:3])}")


def build(c, out, src):
    name = c["name"]
    doc = LAYOUTS[name](c)
    html_path = os.path.join(src, f"{name}.html")
    open(html_path, "w", encoding="utf-8").write(to_html(doc))
    prof = tempfile.mkdtemp(prefix="chr-")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={prof}", "--no-pdf-header-footer",
         f"--print-to-pdf={os.path.join(out, name + '.chromium.pdf')}", "file://" + html_path])
    shutil.rmtree(prof, ignore_errors=True)
    lo_dir = os.path.join(src, "lo")
    os.makedirs(lo_dir, exist_ok=True)
    lo_prof = "file://" + tempfile.mkdtemp(prefix="lo-")
    if VARIANTS[name][1] == "fodt":
        p = os.path.join(src, f"{name}.fodt")
        open(p, "w", encoding="utf-8").write(to_fodt(doc))
        run(["soffice", f"-env:UserInstallation={lo_prof}", "--headless", "--convert-to", "pdf", "--outdir", lo_dir, p])
    else:
        p = os.path.join(src, f"{name}.lo.html")
        open(p, "w", encoding="utf-8").write(to_html(doc, for_lo=True))
        run(["soffice", f"-env:UserInstallation={lo_prof}", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf",
             "--outdir", lo_dir, p])
    produced = os.path.join(lo_dir, os.path.splitext(os.path.basename(p))[0] + ".pdf")
    shutil.move(produced, os.path.join(out, name + ".lo.pdf"))
    json.dump(gold(c), open(os.path.join(out, name + ".gold.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    open(os.path.join(out, name + ".gold.json"), "a").write("\n")


def pages(pdf):
    r = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    return next((l.split()[-1] for l in r.stdout.splitlines() if l.startswith("Pages:")), "?")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append")
    ap.add_argument("--out", default=OUT_DEFAULT)
    ap.add_argument("--keep-src")
    a = ap.parse_args()
    only = {x for o in (a.only or []) for x in o.split(",")}
    os.makedirs(a.out, exist_ok=True)
    src = a.keep_src or tempfile.mkdtemp(prefix="cls2-src-")
    os.makedirs(src, exist_ok=True)
    for c in CONTRACTS:
        if only and c["name"] not in only:
            continue
        print("building", c["name"], flush=True)
        build(c, a.out, src)
    if not only:
        lines = ["# Second variety corpus (independent generator)", "",
                 "Six invented Contrats Locaux de Santé laid out unlike `tools/gen_contracts` (other regions, other label words, other grids),",
                 "each printed by Chromium (`<name>.chromium.pdf`) and LibreOffice (`<name>.lo.pdf`), one ground truth for both",
                 "(`<name>.gold.json`, scored by `shared/eval/score.py doc`). Regenerate with `python3 tools/gen_contracts2/gen.py`.",
                 "Fields a layout does not print are null. All territories, people and associations are invented.", "",
                 "| file | family | LO source | pages (chromium / lo) | what varies |", "|---|---|---|---|---|"]
        for c in CONTRACTS:
            n = c["name"]
            lines.append(f"| `{n}` | {c['family']} | {'.fodt' if VARIANTS[n][1] == 'fodt' else 'HTML (StarWriter)'} | "
                         f"{pages(os.path.join(a.out, n + '.chromium.pdf'))} / {pages(os.path.join(a.out, n + '.lo.pdf'))} | "
                         f"{VARIANTS[n][0].replace('|', chr(92) + '|')} |")
        open(os.path.join(a.out, "README.md"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
    if not a.keep_src:
        shutil.rmtree(src, ignore_errors=True)


if __name__ == "__main__":
    main()
