//! Places the document in its département and région, then gives every porteur,
//! partenaire, signataire and funder mention its `organisation_id`.

use cls_model::{Document, Mention};
use cls_normalize::{geo, orgs};

/// The resolution context of a document: its département (the one its text names most),
/// région, territory name and glossary.
pub fn context(doc: &Document, texts: &[String]) -> orgs::Context {
    // The title page and preamble name the département often enough; the annexes add
    // nothing but reading time.
    let mut deps = geo::departements_named(texts.iter().take(400).map(String::as_str));
    if deps.is_empty() {
        // Codes only where an institution carries them ("CPAM 41", "CD 28").
        let mentions = all_mentions(doc);
        deps = geo::departements_in(mentions.iter().map(|m| m.as_str()).filter(|m| {
            m.split_whitespace()
                .next()
                .is_some_and(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2)
        }));
    }
    let departement = deps.first().cloned();
    let region = departement
        .as_deref()
        .and_then(geo::departement)
        .map(|d| d.region.clone())
        .or_else(|| texts.iter().find_map(|t| geo::find_region(t)));
    orgs::Context::new(
        departement,
        region,
        doc.territoire.nom.clone(),
        doc.sigles.clone(),
    )
}

fn all_mentions(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc.signataires.iter().map(|s| s.nom.clone()).collect();
    for a in &doc.actions {
        out.extend(
            a.porteurs
                .iter()
                .chain(a.partenaires.iter())
                .chain(a.budget.financeurs.iter())
                .map(|m| m.nom.clone()),
        );
    }
    out
}

/// Resolutions of one document, each name once.
struct Memo<'a> {
    ctx: &'a orgs::Context,
    seen: std::collections::HashMap<String, Option<orgs::OrgKey>>,
}

impl Memo<'_> {
    fn get(&mut self, name: &str) -> Option<orgs::OrgKey> {
        if let Some(k) = self.seen.get(name) {
            return k.clone();
        }
        let k = orgs::resolve(name, self.ctx);
        self.seen.insert(name.to_string(), k.clone());
        k
    }
}

fn set(m: &mut Mention, memo: &mut Memo) {
    m.organisation_id = memo.get(m.forme.as_deref().unwrap_or(&m.nom)).map(|k| k.id);
}

/// Fills `territoire.departements` / `region` and every mention's id.
pub fn resolve_document(doc: &mut Document, texts: &[String]) {
    let ctx = context(doc, texts);
    place_territory(doc, &ctx);
    let mut memo = Memo {
        ctx: &ctx,
        seen: Default::default(),
    };
    for s in &mut doc.signataires {
        s.organisation_id = memo.get(&s.nom).map(|k| k.id);
    }
    for a in &mut doc.actions {
        for m in a
            .porteurs
            .iter_mut()
            .chain(a.partenaires.iter_mut())
            .chain(a.budget.financeurs.iter_mut())
        {
            set(m, &mut memo);
        }
        for m in &mut a.budget.montants {
            m.organisation_id = m
                .financeur
                .as_deref()
                .and_then(|f| memo.get(f))
                .map(|k| k.id);
        }
    }
    merge_typo_ids(doc, &mut memo);
}

/// The territory's département, région, SIREN (an intercommunalité of its name) and INSEE
/// code, where the document does not give them.
fn place_territory(doc: &mut Document, ctx: &orgs::Context) {
    if doc.territoire.departements.is_empty() {
        doc.territoire.departements = ctx.departement.iter().cloned().collect();
    }
    if doc.territoire.region.is_none() {
        doc.territoire.region = ctx
            .region
            .as_deref()
            .and_then(geo::region)
            .map(|r| r.nom.clone());
    }
    if doc.territoire.siren.is_none() {
        doc.territoire.siren = doc.territoire.nom.as_deref().and_then(|n| {
            cls_normalize::population::epci_named(n, &doc.territoire.departements)
                .map(|e| e.code.clone())
        });
    }
    // A territory that is one commune (no intercommunalité has its name) gets its INSEE
    // code; homonyms only within the département the document names.
    if doc.territoire.code_insee.is_none() && doc.territoire.siren.is_none() {
        doc.territoire.code_insee = doc.territoire.nom.as_deref().and_then(|n| {
            cls_normalize::communes::territory_commune(n, &doc.territoire.departements)
                .map(|c| c.code.to_string())
        });
    }
}

/// Typos of one body inside the document ("Henri Ey" / "Henry Ey") share one id: the
/// ids that `orgs::cluster` finds to be one are replaced by theirs.
fn merge_typo_ids(doc: &mut Document, memo: &mut Memo) {
    let mut keys: Vec<(orgs::OrgKey, usize)> = Vec::new();
    for name in all_mentions(doc) {
        if let Some(k) = memo.get(&name) {
            match keys.iter_mut().find(|x| x.0.id == k.id) {
                Some(x) => x.1 += 1,
                None => keys.push((k, 1)),
            }
        }
    }
    let alias = orgs::cluster(&keys);
    let fix = |id: &mut Option<String>| {
        if let Some(i) = id {
            if let Some(to) = alias.get(i) {
                *i = to.clone();
            }
        }
    };
    for s in &mut doc.signataires {
        fix(&mut s.organisation_id);
    }
    for a in &mut doc.actions {
        for m in a
            .porteurs
            .iter_mut()
            .chain(a.partenaires.iter_mut())
            .chain(a.budget.financeurs.iter_mut())
        {
            fix(&mut m.organisation_id);
        }
        for m in &mut a.budget.montants {
            fix(&mut m.organisation_id);
        }
    }
}
