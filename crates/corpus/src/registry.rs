//! The corpus registry (`organisations.json`): one entry per organisation, with every
//! variant of its name, the documents it appears in and its roles.
//!
//! One count per contract: the counts (`roles`, the variants' `occurrences`, and the
//! order of the registry) are taken over retained documents only (`crate::retenu`), so
//! that a contract read from three files counts once, as in the report and in the
//! retained rows of `actions.csv`. Every mention is recorded per document, and the counts
//! are summed when the retained documents are known (at the end of a batch). An
//! organisation named only in documents that are not retained keeps its entry, with its
//! variants and the documents that name it, and counts of 0.

use cls_model::{Document, Organisation, Roles, Variante};
use cls_normalize::orgs::{self, Context, OrgKey};
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Copy)]
enum Role {
    Porteur,
    Partenaire,
    Financeur,
    Signataire,
}

/// What one document says of one organisation.
#[derive(Default)]
struct Tally {
    /// Name as written → mentions.
    variants: BTreeMap<String, u32>,
    roles: Roles,
    /// Mentions in every role.
    count: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        for (v, n) in &other.variants {
            *self.variants.entry(v.clone()).or_default() += n;
        }
        self.roles.porteur += other.roles.porteur;
        self.roles.partenaire += other.roles.partenaire;
        self.roles.financeur += other.roles.financeur;
        self.roles.signataire += other.roles.signataire;
        self.count += other.count;
    }
}

struct Entry {
    key: OrgKey,
    /// Document id → what it says of the organisation, every document (copies included).
    per_document: BTreeMap<String, Tally>,
}

impl Entry {
    /// Mentions in every document, copies included.
    fn all_mentions(&self) -> usize {
        self.per_document.values().map(|t| t.count).sum()
    }
}

/// Builds the registry of a set of documents (in path order: the earliest path wins the
/// retained document's ties). Ids are those the documents carry, so the registry and the
/// documents agree; near-identical keys of one type and territory found in different
/// documents are merged under the most frequent id.
pub fn build(docs: &[Document]) -> Vec<Organisation> {
    let mut b = Builder::default();
    for d in docs {
        b.add(d);
    }
    b.finish(&crate::retenu::retained_ids(docs))
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

    /// The registry, counted over the documents of `retained` (the retained document of
    /// each contract).
    pub fn finish(self, retained: &HashSet<String>) -> Vec<Organisation> {
        finish(self.entries, retained)
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
            per_document: BTreeMap::new(),
        });
        e.per_document
            .entry(self.document.to_string())
            .or_default()
            .record(nom, role);
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

impl Tally {
    /// One more mention of this organisation, written `nom`.
    fn record(&mut self, nom: &str, role: Role) {
        *self.variants.entry(nom.trim().to_string()).or_default() += 1;
        self.count += 1;
        match role {
            Role::Porteur => self.roles.porteur += 1,
            Role::Partenaire => self.roles.partenaire += 1,
            Role::Financeur => self.roles.financeur += 1,
            Role::Signataire => self.roles.signataire += 1,
        }
    }
}

impl Entry {
    /// Takes in the mentions of an entry merged into this one.
    fn absorb(&mut self, other: Entry) {
        for (d, t) in other.per_document {
            self.per_document.entry(d).or_default().add(&t);
        }
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
                    if let Some(t) = entries
                        .get_mut(id)
                        .and_then(|e| e.per_document.get_mut(&d.id))
                    {
                        *t.variants.entry(name.to_string()).or_default() += 1;
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
        let Some(long) = d.sigles.get(&s) else {
            continue;
        };
        if !e.per_document.contains_key(&d.id)
            || orgs::resolve(&s, ctx).is_none_or(|k| k.id != e.key.id)
        {
            continue;
        }
        if let Some(t) = e.per_document.get_mut(&d.id) {
            t.variants.entry(s.clone()).or_insert(1);
            t.variants.entry(long.clone()).or_insert(1);
        }
    }
}

/// The registry: near-identical keys merged, counted over the retained documents, the
/// most widespread bodies first.
fn finish(entries: BTreeMap<String, Entry>, retained: &HashSet<String>) -> Vec<Organisation> {
    by_spread(
        merge_near_identical(entries)
            .into_values()
            .map(|e| Counted::of(e, retained))
            .collect(),
    )
    .into_iter()
    .map(organisation)
    .collect()
}

/// Merges near-identical keys across documents under the id `orgs::cluster` chooses.
/// The cluster weighs each key by its mentions in every document, copies included: the id
/// a merge keeps does not depend on which document of a contract is retained.
fn merge_near_identical(entries: BTreeMap<String, Entry>) -> BTreeMap<String, Entry> {
    let keys: Vec<(OrgKey, usize)> = entries
        .values()
        .map(|e| (e.key.clone(), e.all_mentions()))
        .collect();
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

/// An entry with its counts summed over the retained documents.
struct Counted {
    key: OrgKey,
    /// Retained documents first counted, then every document: the variants a copy alone
    /// writes stay listed, with 0 occurrences.
    tally: Tally,
    documents: Vec<String>,
    retained: Vec<String>,
}

impl Counted {
    fn of(e: Entry, retained: &HashSet<String>) -> Counted {
        let mut tally = Tally::default();
        let mut kept = Vec::new();
        for (d, t) in &e.per_document {
            if retained.contains(d) {
                tally.add(t);
                kept.push(d.clone());
            } else {
                for v in t.variants.keys() {
                    tally.variants.entry(v.clone()).or_default();
                }
            }
        }
        Counted {
            key: e.key,
            tally,
            // BTreeMap keys: already in id order.
            documents: e.per_document.into_keys().collect(),
            retained: kept,
        }
    }
}

/// The most widespread bodies first (retained documents, then mentions in them, then every
/// document), then by id: an analyst reads the registry from the bodies that matter across
/// the corpus, and a name written alike for two bodies ("Conseil départemental" of two
/// départements) is looked up first in the one most contracts mean.
fn by_spread(mut merged: Vec<Counted>) -> Vec<Counted> {
    merged.sort_by(|a, b| {
        b.retained
            .len()
            .cmp(&a.retained.len())
            .then(b.tally.count.cmp(&a.tally.count))
            .then(b.documents.len().cmp(&a.documents.len()))
            .then(a.key.id.cmp(&b.key.id))
    });
    merged
}

/// The registry's record of one entry.
fn organisation(e: Counted) -> Organisation {
    let nom = canonical_name(&e);
    let region = e
        .key
        .region
        .as_deref()
        .and_then(cls_normalize::geo::region)
        .map(|r| r.nom.clone());
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
            .tally
            .variants
            .into_iter()
            .map(|(nom, occurrences)| Variante { nom, occurrences })
            .collect(),
        documents: e.documents,
        documents_retenus: e.retained,
        roles: e.tally.roles,
    }
}

/// The official long form of a typed body, else the most complete (longest) form seen.
fn canonical_name(e: &Counted) -> String {
    if e.key.own_words {
        e.tally
            .variants
            .keys()
            .max_by_key(|v| (v.chars().count(), std::cmp::Reverse((*v).clone())))
            .cloned()
            .unwrap_or(e.key.nom.clone())
    } else {
        e.key.nom.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cls_model::{Action, Format, Mention};

    fn mention(nom: &str, id: &str) -> Mention {
        Mention {
            nom: nom.into(),
            organisation_id: Some(id.into()),
            forme: None,
        }
    }

    /// A document of contract "c" in Eure-et-Loir whose actions each name `porteurs`.
    fn document(id: &str, format: Format, porteurs: &[Vec<Mention>]) -> Document {
        let mut d = Document::empty(
            cls_model::Nature::Contrat,
            cls_model::Source::new(format!("{id}.pdf"), format),
        );
        d.id = id.into();
        d.contrat_id = "c".into();
        d.territoire.departements = vec!["28".into()];
        d.actions = porteurs
            .iter()
            .map(|p| Action {
                porteurs: p.clone(),
                ..Default::default()
            })
            .collect();
        d
    }

    #[test]
    fn counts_are_taken_over_retained_documents_and_copies_keep_their_entries() {
        let cpam = || mention("CPAM d'Eure-et-Loir", "cpam-28");
        let pdf = document("a", Format::Pdf, &[vec![cpam()], vec![cpam()]]);
        let copy = document("a-2", Format::Pdf, &[vec![cpam()], vec![cpam()]]);
        let page = document(
            "b",
            Format::Html,
            &[vec![cpam(), mention("CAF d'Eure-et-Loir", "caf-28")]],
        );
        let reg = build(&[pdf, copy, page]);
        let find = |id: &str| reg.iter().find(|o| o.id == id).expect(id);
        let c = find("cpam-28");
        assert_eq!(c.roles.porteur, 2);
        assert_eq!(c.documents, ["a", "a-2", "b"]);
        assert_eq!(c.documents_retenus, ["a"]);
        assert_eq!(c.variantes[0].occurrences, 2);
        // Named by the web page alone, which is not retained: listed, counted 0.
        let f = find("caf-28");
        assert_eq!(f.roles, Roles::default());
        assert_eq!(f.documents, ["b"]);
        assert!(f.documents_retenus.is_empty());
        assert!(f.variantes.iter().all(|v| v.occurrences == 0));
        // The retained bodies first.
        assert_eq!(reg[0].id, "cpam-28");
    }
}
