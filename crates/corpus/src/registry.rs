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

/// Records every mention of `d`, then the other names its signatories' titles and its
/// glossary give the bodies it mentions.
fn add_document(entries: &mut BTreeMap<String, Entry>, memo: &mut Memo, d: &Document) {
    let ctx = Context::of_document(d);
    Mentions {
        entries: &mut *entries,
        memo,
        ctx: &ctx,
        ctx_key: (
            ctx.departement.clone(),
            ctx.region.clone(),
            ctx.territoire.clone(),
        ),
        document: &d.id,
    }
    .add_all(d);
    add_title_variants(entries, &ctx, d);
    add_glossary_variants(entries, &ctx, d);
}

/// What recording the mentions of one document needs: the registry so far, the memo of
/// resolved names, and the document's context.
struct Mentions<'a> {
    entries: &'a mut BTreeMap<String, Entry>,
    memo: &'a mut Memo,
    ctx: &'a Context,
    /// The context's part of the memo's key (département, région, territory).
    ctx_key: (Option<String>, Option<String>, Option<String>),
    document: &'a str,
}

impl Mentions<'_> {
    /// The signatories first, then each action's leads, partners and funders.
    fn add_all(&mut self, d: &Document) {
        for s in &d.signataires {
            self.add(&s.nom, None, s.organisation_id.as_ref(), Role::Signataire);
        }
        for a in &d.actions {
            for (mentions, role) in [
                (&a.porteurs, Role::Porteur),
                (&a.partenaires, Role::Partenaire),
                (&a.budget.financeurs, Role::Financeur),
            ] {
                for m in mentions {
                    self.add(&m.nom, m.forme.as_deref(), m.organisation_id.as_ref(), role);
                }
            }
        }
    }

    /// One mention: counted under the id the document gave it, when its name (or the
    /// form the reader recognised) resolves to an organisation.
    fn add(&mut self, nom: &str, forme: Option<&str>, id: Option<&String>, role: Role) {
        let Some(id) = id else { return };
        let Some(key) = self.resolve(forme.unwrap_or(nom)) else {
            return;
        };
        let e = self.entries.entry(id.clone()).or_insert_with(|| Entry {
            key: OrgKey {
                id: id.clone(),
                ..key
            },
            variants: BTreeMap::new(),
            documents: Vec::new(),
            roles: Roles::default(),
            count: 0,
        });
        e.record(nom, self.document, role);
    }

    /// The key of a name in this document's context, resolved once per territory.
    fn resolve(&mut self, name: &str) -> Option<OrgKey> {
        let (departement, region, territoire) = self.ctx_key.clone();
        self.memo
            .entry((departement, region, territoire, name.to_string()))
            .or_insert_with(|| orgs::resolve(name, self.ctx))
            .clone()
    }
}

impl Entry {
    /// One more mention of this organisation, written `nom`, in document `document`.
    fn record(&mut self, nom: &str, document: &str, role: Role) {
        *self.variants.entry(nom.trim().to_string()).or_default() += 1;
        self.count += 1;
        if !self.documents.iter().any(|d| d == document) {
            self.documents.push(document.to_string());
        }
        match role {
            Role::Porteur => self.roles.porteur += 1,
            Role::Partenaire => self.roles.partenaire += 1,
            Role::Financeur => self.roles.financeur += 1,
            Role::Signataire => self.roles.signataire += 1,
        }
    }

    /// Takes in the mentions of an entry merged into this one.
    fn absorb(&mut self, other: Entry) {
        for (v, n) in other.variants {
            *self.variants.entry(v).or_default() += n;
        }
        for d in other.documents {
            if !self.documents.contains(&d) {
                self.documents.push(d);
            }
        }
        self.roles.porteur += other.roles.porteur;
        self.roles.partenaire += other.roles.partenaire;
        self.roles.financeur += other.roles.financeur;
        self.roles.signataire += other.roles.signataire;
        self.count += other.count;
    }
}

/// The signatory's title often names its body again ("directeur général de l'ARS
/// Centre-Val de Loire"): a variant of the same organisation.
fn add_title_variants(entries: &mut BTreeMap<String, Entry>, ctx: &Context, d: &Document) {
    for s in &d.signataires {
        let (Some(q), Some(id)) = (s.qualite.as_deref(), s.organisation_id.as_ref()) else {
            continue;
        };
        for cut in [" de l'", " du ", " de la ", " des "] {
            if let Some(i) = q.find(cut) {
                let name = q[i + cut.len()..].trim();
                if orgs::resolve(name, ctx).is_some_and(|k| &k.id == id) {
                    if let Some(e) = entries.get_mut(id) {
                        *e.variants.entry(name.to_string()).or_default() += 1;
                    }
                }
            }
        }
    }
}

/// The glossary names a body too ("ADMS : Association pour le Développement …"): its
/// sigle and long form are variants of an organisation the document mentions, when the
/// bare sigle denotes that body ("CCAS" alone names no one CCAS).
fn add_glossary_variants(entries: &mut BTreeMap<String, Entry>, ctx: &Context, d: &Document) {
    for e in entries.values_mut() {
        let Some(s) = e.key.sigle.clone() else {
            continue;
        };
        if !e.documents.contains(&d.id) {
            continue;
        }
        if orgs::resolve(&s, ctx).is_none_or(|k| k.id != e.key.id) {
            continue;
        }
        if let Some(long) = d.sigles.get(&s) {
            e.variants.entry(s.clone()).or_insert(1);
            e.variants.entry(long.clone()).or_insert(1);
        }
    }
}

/// The registry: near-identical keys merged, the most widespread bodies first.
fn finish(entries: BTreeMap<String, Entry>) -> Vec<Organisation> {
    by_spread(merge_near_identical(entries))
        .into_iter()
        .map(organisation)
        .collect()
}

/// Merges near-identical keys across documents under the id `orgs::cluster` chooses.
fn merge_near_identical(entries: BTreeMap<String, Entry>) -> BTreeMap<String, Entry> {
    let keys: Vec<(OrgKey, usize)> = entries.values().map(|e| (e.key.clone(), e.count)).collect();
    let alias = orgs::cluster(&keys);
    let mut merged: BTreeMap<String, Entry> = BTreeMap::new();
    for (id, e) in entries {
        let to = alias.get(&id).cloned().unwrap_or(id);
        match merged.get_mut(&to) {
            Some(m) => m.absorb(e),
            None => {
                let mut e = e;
                e.key.id = to.clone();
                merged.insert(to, e);
            }
        }
    }
    merged
}

/// The most widespread bodies first (documents, then mentions), then by id: an analyst
/// reads the registry from the bodies that matter across the corpus, and a name written
/// alike for two bodies ("Conseil départemental" of two départements) is looked up first
/// in the one most documents mean.
fn by_spread(merged: BTreeMap<String, Entry>) -> Vec<Entry> {
    let mut merged: Vec<Entry> = merged.into_values().collect();
    merged.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(b.count.cmp(&a.count))
            .then(a.key.id.cmp(&b.key.id))
    });
    merged
}

/// The registry's record of one entry.
fn organisation(e: Entry) -> Organisation {
    let nom = canonical_name(&e);
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
}

/// The official long form of a typed body, else the most complete (longest) form seen.
fn canonical_name(e: &Entry) -> String {
    if e.key.own_words {
        e.variants
            .keys()
            .max_by_key(|v| (v.chars().count(), std::cmp::Reverse((*v).clone())))
            .cloned()
            .unwrap_or(e.key.nom.clone())
    } else {
        e.key.nom.clone()
    }
}
