# Writes crates/normalize/data/communes.tsv from @etalab/decoupage-administratif's
# communes.json and epci.json: current communes only.
import json, sys
d = sys.argv[1]
communes = json.load(open(f"{d}/communes.json", encoding="utf-8"))
epci = json.load(open(f"{d}/epci.json", encoding="utf-8"))
member = {m["code"]: e["code"] for e in epci for m in e["membres"]}
out = ["# code_insee\tnom\ttype_liaison\tepci_siren\tpopulation"]
for c in sorted(communes, key=lambda c: c["code"]):
    if c["type"] != "commune-actuelle":
        continue
    out.append("\t".join([c["code"], c["nom"], str(c.get("typeLiaison", 0)),
                          member.get(c["code"], ""), str(c.get("population", ""))]))
sys.stdout.write("\n".join(out) + "\n")
