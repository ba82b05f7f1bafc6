//! The corpus registry (`organisations.json`): one entry per organisation, with every
//! variant of its name, the documents it appears in and its roles.

use cls_model::{Document, Organisation, Roles, Variante};
use cls_normalize::orgs::{self, Context, OrgKey};
use std::collections::BTreeMap;

#[derive(Clone, Copy)]
enum Role {
    Porteur,
    Partenaire,
    Financeur,
    Signataire,
}

struct Entry {
    key: OrgKey,
    variants: BTreeMap<String, u32>,
    documents: Vec<String>,
    roles: Roles,
    count: usize,
}

/// Builds the registry of a set of documents. Ids are those the documents carry, so the
/// registry and the documents agree; near-identical keys of one type and territory found
/// in different documents are merged under the most frequent id.
pub fn build(docs: &[Document]) -> Vec<Organisation> {
    let mut b = Builder::default();
    for d in docs {
        b.add(d);
    }
    b.finish()
}

type Memo = std::collections::HashMap<
    (Option<String>, Option<String>, Option<String>, String),
    Option<OrgKey>,
>;

/// Builds the registry one document at a time, so that a batch need not hold every
/// document in memory.
#[derive(Default)]
pub struct Builder {
    entries: BTreeMap<String, Entry>,
    /// Documents of one territory name the same bodies again and again: each name is
    /// resolved once per territory.
    memo: Memo,
}

impl Builder {
    pub fn add(&mut self, d: &Document) {
        add_document(&mut self.entries, &mut self.memo, d);
    }

    pub fn finish(self) -> Vec<Organisation> {
        finish(self.entries)
    }
}

fn add_document(entries: &mut BTreeMap<String, Entry>, memo: &mut Memo, d: &Document) {
    {
        let ctx = Context::of_document(d);
        let ctx_key = (
            ctx.departement.clone(),
            ctx.region.clone(),
            ctx.territoire.clone(),
        );
        let mut add = |nom: &str, forme: Option<&str>, id: Option<&String>, role: Role| {
            let Some(id) = id else { return };
            let name = forme.unwrap_or(nom).to_string();
            let key = memo
                .entry((
                    ctx_key.0.clone(),
                    ctx_key.1.clone(),
                    ctx_key.2.clone(),
                    name.clone(),
                ))
                .or_insert_with(|| orgs::resolve(&name, &ctx))
                .clone();
            let Some(key) = key else { return };
            let e = entries.entry(id.clone()).or_insert_with(|| Entry {
                key: OrgKey {
                    id: id.clone(),
                    ..key.clone()
                },
                variants: BTreeMap::new(),
                documents: Vec::new(),
                roles: Roles::default(),
                count: 0,
            });
            *e.variants.entry(nom.trim().to_string()).or_default() += 1;
            e.count += 1;
            if !e.documents.contains(&d.id) {
                e.documents.push(d.id.clone());
            }
            match role {
                Role::Porteur => e.roles.porteur += 1,
                Role::Partenaire => e.roles.partenaire += 1,
                Role::Financeur => e.roles.financeur += 1,
                Role::Signataire => e.roles.signataire += 1,
            }
        };
        for s in &d.signataires {
            add(&s.nom, None, s.organisation_id.as_ref(), Role::Signataire);
        }
        for a in &d.actions {
            for m in &a.porteurs {
                add(
                    &m.nom,
                    m.forme.as_deref(),
                    m.organisation_id.as_ref(),
                    Role::Porteur,
                );
            }
            for m in &a.partenaires {
                add(
                    &m.nom,
                    m.forme.as_deref(),
                    m.organisation_id.as_ref(),
                    Role::Partenaire,
                );
            }
            for m in &a.budget.financeurs {
                add(
                    &m.nom,
                    m.forme.as_deref(),
                    m.organisation_id.as_ref(),
                    Role::Financeur,
                );
            }
        }
        // The signatory's title often names its body again ("directeur général de l'ARS
        // Centre-Val de Loire"): a variant of the same organisation.
        for s in &d.signataires {
            let (Some(q), Some(id)) = (s.qualite.as_deref(), s.organisation_id.as_ref()) else {
                continue;
            };
            for cut in [" de l'", " du ", " de la ", " des "] {
                if let Some(i) = q.find(cut) {
                    let name = q[i + cut.len()..].trim();
                    if orgs::resolve(name, &ctx).is_some_and(|k| &k.id == id) {
                        if let Some(e) = entries.get_mut(id) {
                            *e.variants.entry(name.to_string()).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    // The glossary names a body too ("ADMS : Association pour le Développement …"): its
    // sigle and long form are variants of an organisation the document mentions, when the
    // bare sigle denotes that body ("CCAS" alone names no one CCAS).
    {
        let ctx = Context::of_document(d);
        for e in entries.values_mut() {
            let Some(s) = e.key.sigle.clone() else {
                continue;
            };
            if !e.documents.contains(&d.id) {
                continue;
            }
            if orgs::resolve(&s, &ctx).is_none_or(|k| k.id != e.key.id) {
                continue;
            }
            if let Some(long) = d.sigles.get(&s) {
                e.variants.entry(s.clone()).or_insert(1);
                e.variants.entry(long.clone()).or_insert(1);
            }
        }
    }
}

fn finish(entries: BTreeMap<String, Entry>) -> Vec<Organisation> {
    // Merge near-identical keys across documents.
    let keys: Vec<(OrgKey, usize)> = entries.values().map(|e| (e.key.clone(), e.count)).collect();
    let alias = orgs::cluster(&keys);
    let mut merged: BTreeMap<String, Entry> = BTreeMap::new();
    for (id, e) in entries {
        let to = alias.get(&id).cloned().unwrap_or(id);
        match merged.get_mut(&to) {
            Some(m) => {
                for (v, n) in e.variants {
                    *m.variants.entry(v).or_default() += n;
                }
                for d in e.documents {
                    if !m.documents.contains(&d) {
                        m.documents.push(d);
                    }
                }
                m.roles.porteur += e.roles.porteur;
                m.roles.partenaire += e.roles.partenaire;
                m.roles.financeur += e.roles.financeur;
                m.roles.signataire += e.roles.signataire;
                m.count += e.count;
            }
            None => {
                let mut e = e;
                e.key.id = to.clone();
                merged.insert(to, e);
            }
        }
    }
    // The most widespread bodies first (documents, then mentions), then by id: an analyst
    // reads the registry from the bodies that matter across the corpus, and a name written
    // alike for two bodies ("Conseil départemental" of two départements) is looked up
    // first in the one most documents mean.
    let mut merged: Vec<Entry> = merged.into_values().collect();
    merged.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(b.count.cmp(&a.count))
            .then(a.key.id.cmp(&b.key.id))
    });
    merged
        .into_iter()
        .map(|e| {
            // Canonical name: the official long form of a typed body, else the most complete
            // (longest) form seen.
            let nom = if e.key.own_words {
                e.variants
                    .keys()
                    .max_by_key(|v| (v.chars().count(), std::cmp::Reverse((*v).clone())))
                    .cloned()
                    .unwrap_or(e.key.nom.clone())
            } else {
                e.key.nom.clone()
            };
            let region = e
                .key
                .region
                .as_deref()
                .and_then(cls_normalize::geo::region)
                .map(|r| r.nom.clone());
            let mut documents = e.documents;
            documents.sort();
            Organisation {
                id: e.key.id,
                nom,
                sigle: e.key.sigle,
                kind: e.key.kind,
                departement: e.key.departement,
                region,
                code_insee: e.key.code_insee,
                siren: e.key.siren,
                variantes: e
                    .variants
                    .into_iter()
                    .map(|(nom, occurrences)| Variante { nom, occurrences })
                    .collect(),
                documents,
                roles: e.roles,
            }
        })
        .collect()
}
