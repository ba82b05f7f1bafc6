"""Scaled prints of both variety corpora: each contract's HTML printed by Chromium at 80 %
("small") and 125 % ("big") zoom, so that a tolerance tuned on one print shows up as a
failure here. Writes fixtures/variety/scaled/<name>.{small,big}.pdf and <name>.gold.json
(the generators' ground truth, unchanged: zoom changes the layout, never the content).

    python3 tools/scale_prints.py            # needs chromium on PATH

Stdlib only."""
import json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "variety", "scaled")
ZOOMS = {"small": 0.8, "big": 1.25}


def chromium(html, pdf):
    prof = tempfile.mkdtemp(prefix="chr-")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={prof}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    "file://" + html], capture_output=True, timeout=240, check=True)
    shutil.rmtree(prof, ignore_errors=True)


def prints(name, html, gold, src):
    for tag, z in ZOOMS.items():
        p = os.path.join(src, f"{name}.{tag}.html")
        open(p, "w", encoding="utf-8").write(html.replace("</head>", f"<style>html{{zoom:{z}}}</style></head>", 1))
        chromium(p, os.path.join(OUT, f"{name}.{tag}.pdf"))
    with open(os.path.join(OUT, f"{name}.gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    src = tempfile.mkdtemp(prefix="cls-scaled-")
    # Corpus 1 writes its sources and gold through its own command line.
    one = os.path.join(src, "one")
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_contracts", "gen.py"), "--no-pdf",
                    "--out", one, "--keep-src", one], check=True, capture_output=True)
    for f in sorted(os.listdir(one)):
        if f.endswith(".gold.json"):
            name = f[: -len(".gold.json")]
            html = open(os.path.join(one, name + ".html"), encoding="utf-8").read()
            gold = json.load(open(os.path.join(one, f), encoding="utf-8"))
            prints(name, html, gold, src)
    # Corpus 2 is a module.
    sys.path.insert(0, os.path.join(ROOT, "tools", "gen_contracts2"))
    import gen as gen2
    for c in gen2.CONTRACTS:
        prints(c["name"], gen2.to_html(gen2.LAYOUTS[c["name"]](c)), gen2.gold(c), src)
    shutil.rmtree(src, ignore_errors=True)


if __name__ == "__main__":
    main()
