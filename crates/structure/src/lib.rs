//! Layout blocks to the `cls/1` document: fiches, axes, objectives, fields, document facts.
//!
//! This crate never fails. Whatever it cannot place becomes an entry of `alertes` (a fiche
//! without porteur, an unknown label, a repeated fiche number), and the document is
//! returned with what could be read.

mod document;
pub(crate) mod fiche;
mod guard;
mod headings;
mod orgpass;
mod patterns;
mod tables;
pub mod vocab;
mod web;

use cls_extract::{Block, PdfDocument};
use cls_model::{
    Alerte, Axe, Document, Format, Nature, Objectif, Source, SousObjectif, SCHEMA_VERSION,
};
use cls_normalize::text::{fold, is_all_caps, slug};
pub use fiche::{roman_or_arabic, split_inline_labels};
pub use web::structure_html;

/// A layout block reduced to what structure reads: a line of text, or a label/value row.
#[derive(Debug, Clone)]
pub enum Item {
    /// `x` is the left edge of the line (0 for web blocks), used to tell a label's
    /// wrapped tail from a value's continuation; `size` its font size (0 when unknown:
    /// table cells and web blocks), used to tell a wrapped title from body text.
    Text {
        text: String,
        page: u32,
        x: f64,
        size: f64,
    },
    Row {
        label: String,
        value: Vec<String>,
        pages: Vec<u32>,
        label_x: f64,
    },
}

impl Item {
    pub fn pages(&self) -> Vec<u32> {
        match self {
            Item::Text { page, .. } => vec![*page],
            Item::Row { pages, .. } => pages.clone(),
        }
    }
    pub fn text(&self) -> String {
        match self {
            Item::Text { text, .. } => text.clone(),
            Item::Row { label, value, .. } => {
                format!("{} {}", label, cls_extract::join_lines(value))
                    .trim()
                    .to_string()
            }
        }
    }
}

/// A row of a table of contents: a title, then a bare page number in the last cell.
/// Returned as a contents line ("Titre ..... 5").
fn toc_row(r: &cls_extract::Row) -> Option<String> {
    let cells: Vec<String> = r
        .cells
        .iter()
        .map(|c| c.text())
        .filter(|t| !t.trim().is_empty())
        .collect();
    if cells.len() != 2 {
        return None;
    }
    let (last, head) = cells.split_last()?;
    let number = !last.is_empty() && last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit());
    let head = head.join(" ");
    let titled = head.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    (number && titled && vocab::classify_label(&head).is_none())
        .then(|| format!("{head} ..... {last}"))
}

/// Turns layout blocks into items: rows whose first cell is a label stay rows; a table
/// "row" that is only a framed heading, or a grid without labels (signature tables),
/// becomes lines of text.
pub fn items_from_blocks(blocks: &[Block]) -> Vec<Item> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Line(l) => out.push(Item::Text {
                text: l.text.clone(),
                page: l.page,
                x: l.x0,
                size: l.size,
            }),
            Block::Row(r) => row_items(r, &mut out),
        }
    }
    out
}

/// The items of one table row: a contents entry, a heading, label/value rows, or the
/// text of each cell.
fn row_items(r: &cls_extract::Row, out: &mut Vec<Item>) {
    let page = r.pages.first().copied().unwrap_or(0);
    // A table-of-contents row ("Fiche action n° 1.1 – Titre | 5") is a contents entry,
    // written as one so that it never opens a fiche; a heading row stays a heading.
    if let Some(text) = toc_row(r).or_else(|| heading_row(r)) {
        out.push(Item::Text {
            text,
            page,
            x: r.cells[0].x0,
            size: 0.0,
        });
        return;
    }
    let is_label_row = r.cells.len() >= 2
        && (r.cells[0].is_empty() || vocab::match_label(&r.cells[0].text()).is_some());
    let two_col_unknown_label = r.cells.len() == 2
        && !r.cells[0].is_empty()
        && !r.cells[1].is_empty()
        && r.cells[0].text().chars().count() <= 60;
    if is_label_row || two_col_unknown_label {
        label_value_rows(r, out);
        return;
    }
    for c in r.cells.iter().filter(|c| !c.is_empty()) {
        out.push(Item::Text {
            text: c.text(),
            page,
            x: c.x0,
            size: 0.0,
        });
    }
}

/// The text of a row that is a heading caught in a table's column (or framed as a
/// one-row table), which is still a heading, or a status line with an empty value cell.
fn heading_row(r: &cls_extract::Row) -> Option<String> {
    let joined = r
        .cells
        .iter()
        .map(|c| c.text())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let p = vocab::patterns();
    let heading = |t: &str| {
        p.fiche.is_match(t)
            || p.axe.is_match(t)
            || p.action_titre.is_match(t)
            || p.objectif.is_match(t)
            || p.sous_objectif.is_match(t)
    };
    ((heading(joined.trim()) && vocab::match_label(&r.cells[0].text()).is_none())
        || (r.cells.len() >= 2
            && r.cells[1].is_empty()
            && vocab::match_statut(&r.cells[0].text()).is_some()))
    .then_some(joined)
}

/// The label/value rows of a row whose first cell is a label. Several pairs may sit side
/// by side ("Pilote | X | Échéance | Y"): each label cell after the first opens a pair of
/// its own.
fn label_value_rows(r: &cls_extract::Row, out: &mut Vec<Item>) {
    let mut starts = vec![0];
    for (i, c) in r.cells.iter().enumerate().skip(2) {
        let t = c.text();
        let short = t.chars().count() <= 60;
        if short && !c.is_empty() && vocab::classify_label(&t).is_some() {
            starts.push(i);
        }
    }
    starts.push(r.cells.len());
    for w in starts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let value: Vec<String> = r.cells[a + 1..b]
            .iter()
            .flat_map(|c| c.lines.iter().cloned())
            .collect();
        out.push(Item::Row {
            label: r.cells[a].text(),
            value,
            pages: r.pages.clone(),
            label_x: r.cells[a].x0,
        });
    }
}

/// Builds every pattern and word table this crate and `normalize` use. Compiling them
/// takes tens of milliseconds; callers run this on a spare thread while a PDF loads, which
/// is single-threaded, instead of paying for it afterwards.
pub fn warm_up() {
    let _ = vocab::patterns();
    let _ = vocab::match_label("Porteur");
    document::warm_up();
    let _ = cls_normalize::budget::budget(Some(
        "Total : 1 000 € par an pendant 2 ans, cofinancé à 50 % par l'ARS de la Région".into(),
    ));
    let _ = cls_normalize::calendar::calendrier(
        Some(
            "A partir de février 2020 jusqu'en 2021, durée du CLS, fin 2020, le 1er mars 2020"
                .into(),
        ),
        (None, None),
    );
    let _ = cls_normalize::calendar::parse_date_fr("1 mars 2020");
    // The reference tables of organisations (types, communes, intercommunalités), read
    // while the PDF is still being decoded on the other core.
    let ctx = cls_normalize::orgs::Context::default();
    let _ = cls_normalize::orgs::resolve("Caisse primaire d'assurance maladie", &ctx);
    let _ = cls_normalize::orgs::resolve("Communauté de communes du Val", &ctx);
    let _ = cls_normalize::communes::commune_named("Paris", None, None);
}

/// Reads a PDF's blocks into a document. `fichier` and `sha256` describe the source.
pub fn structure_pdf(pdf: &PdfDocument, fichier: &str, sha256: &str) -> Document {
    let blocks = headings::merge_wrapped_headings(&pdf.blocks);
    let read = tables::interpret(&blocks);
    let items = read.items;
    let mut alertes: Vec<Alerte> = pdf
        .failed_pages
        .iter()
        .map(|(n, why)| Alerte::new("page_illisible", None, format!("page {n} non lue : {why}")))
        .chain(pdf.damaged_pages.iter().map(|(n, why)| {
            Alerte::new(
                "page_endommagee",
                None,
                format!("page {n} lue en partie : {why}"),
            )
        }))
        .collect();
    let source = Source {
        fichier: fichier.to_string(),
        sha256: sha256.to_string(),
        format: Format::Pdf,
        pages: Some(pdf.pages),
        documents_lies: Vec::new(),
    };
    let mut doc = build_document_with(&items, read.recap, source, &mut alertes);
    doc.alertes = alertes;
    doc
}

/// The common reader of PDFs and of web pages laid out as fiches.
pub(crate) fn build_document(
    items: &[Item],
    source: Source,
    alertes: &mut Vec<Alerte>,
) -> Document {
    build_document_with(items, Vec::new(), source, alertes)
}

/// A fiche heading found in the items: its index, number and the title it carries.
struct Start {
    at: usize,
    numero: String,
    titre: Option<String>,
}

/// Whether labelled fields follow item `i` before the next heading-like line: what tells
/// an action heading ("2.3 Développer …") from an objective or a section heading.
fn labelled_after(items: &[Item], i: usize) -> bool {
    let p = vocab::patterns();
    // A brochure's action may run a long paragraph before its first label; the next
    // heading ends the search.
    for x in items[i + 1..].iter().take(40) {
        match x {
            Item::Row { label, .. } => {
                if vocab::classify_label(label).is_some() {
                    return true;
                }
            }
            Item::Text { text, .. } => {
                let t = text.trim();
                if !fiche::split_inline_labels(t).is_empty() {
                    return true;
                }
                let words = t.split_whitespace().count();
                if words <= 6 && vocab::exact_label(t).is_some() {
                    return true;
                }
                if p.numbered_heading.is_match(t)
                    || p.action_heading.is_match(t)
                    || p.fiche.is_match(t)
                {
                    return false;
                }
            }
        }
    }
    false
}

/// Fiche headings, by the strongest kind the document uses: "Fiche action n° …" headings
/// when there are any; else "Action 2.3 – …" headings; else bare numbered headings
/// ("2.3 Titre", "A3. Titre"). The weaker kinds count only when labelled fields follow
/// them. Table-of-contents entries never open a fiche.
fn fiche_starts(items: &[Item]) -> Vec<Start> {
    let p = vocab::patterns();
    let texts: Vec<Option<&str>> = items
        .iter()
        .map(|it| match it {
            Item::Text { text, .. } if !p.toc_entry.is_match(text.trim()) => Some(text.trim()),
            // A fiche's table may open with its heading in a row of its own ("Action A1"
            // in the table's first, spanning cell).
            Item::Row { label, value, .. } if value.iter().all(|v| v.trim().is_empty()) => {
                Some(label.trim())
            }
            _ => None,
        })
        .collect();
    let mut starts = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let Some(t) = t else { continue };
        if let Some(c) = p.fiche.captures(t) {
            if labelled_after(items, i) || c.name("titre").or(c.name("titre_nu")).is_none() {
                starts.push(Start {
                    at: i,
                    numero: c["num"].to_string(),
                    titre: c
                        .name("titre")
                        .or(c.name("titre_nu"))
                        .map(|m| m.as_str().trim().to_string()),
                });
            }
        }
    }
    if !starts.is_empty() {
        return starts;
    }
    for re in [&p.action_heading, &p.numbered_heading] {
        for (i, t) in texts.iter().enumerate() {
            let Some(t) = t else { continue };
            let Some(c) = re.captures(t) else { continue };
            if labelled_after(items, i) {
                starts.push(Start {
                    at: i,
                    numero: c["num"].to_string(),
                    titre: c.name("titre").map(|m| m.as_str().trim().to_string()),
                });
            }
        }
        if !starts.is_empty() {
            return starts;
        }
    }
    starts
}

/// The outline in force before each fiche: axis and objective headings printed between
/// fiches introduce the fiches after them.
fn outline_before(items: &[Item], upto: usize, mut ctx: fiche::Outline) -> fiche::Outline {
    for it in &items[..upto] {
        if let Item::Text { text, .. } = it {
            tables::update_outline_pub(&mut ctx, text.trim());
        }
    }
    ctx
}

/// Completes a fiche's outline with the context in force: its own axis and objective win.
fn with_context(r: &mut fiche::RawFiche, ctx: &fiche::Outline) {
    let own_objectif = r.outline.objectif.clone();
    if r.outline.axe.is_none() {
        // An objective code of another axis ("2.1" under axis 1's context) says which.
        let axis_of_code = own_objectif
            .as_ref()
            .and_then(|o| o.0.split('.').next())
            .and_then(|n| n.parse::<u32>().ok());
        match (axis_of_code, &ctx.axe) {
            (Some(n), Some(a)) if a.0 != n => {}
            _ => r.outline.axe = ctx.axe.clone(),
        }
    }
    if own_objectif.is_none() && r.outline.sous_objectif.is_none() {
        let same_axis = match (&ctx.objectif, &r.outline.axe) {
            (Some(o), Some(a)) => o.0.split('.').next() == Some(a.0.to_string().as_str()),
            (Some(_), None) => true,
            _ => false,
        };
        if same_axis {
            r.outline.objectif = ctx.objectif.clone();
        }
    }
}

/// The common reader, with the actions already read from recap tables.
pub(crate) fn build_document_with(
    items: &[Item],
    recap: Vec<fiche::RawFiche>,
    source: Source,
    alertes: &mut Vec<Alerte>,
) -> Document {
    let starts = fiche_starts(items);
    let first_fiche = starts.first().map(|s| s.at).unwrap_or(items.len());
    // The document's facts and its fiches are read from the same items independently.
    let mut fiche_alerts = Vec::new();
    let (facts, (mut raws, end_of_programme)) = rayon::join(
        || document::read_facts(items, first_fiche),
        || read_fiches(items, &starts, &mut fiche_alerts),
    );
    alertes.extend(fiche_alerts);
    let periode = facts.periode;
    add_recap(&mut raws, recap);
    let axes = outline_axes(&raws, &facts.axes);
    let actions = to_actions(raws, periode, alertes);
    let tail = &items[end_of_programme.min(items.len())..];
    let sigles = document::read_sigles(if starts.is_empty() { items } else { tail });
    let communes = document::read_communes(items);
    let nom = facts
        .territoire
        .as_deref()
        .map(|n| cls_normalize::communes::without_council_title(n).to_string());
    let id = document_id(nom.as_deref(), periode, &source.fichier);
    document_alerts(items, nom.is_some(), actions.len(), alertes);
    let nature = if facts.avenant {
        Nature::Avenant
    } else if actions.is_empty() && nom.is_none() {
        Nature::Autre
    } else {
        Nature::Contrat
    };
    let mut doc = Document {
        schema_version: SCHEMA_VERSION.to_string(),
        id: id.clone(),
        contrat_id: id,
        nature,
        source,
        territoire: cls_model::Territoire {
            nom,
            departements: Vec::new(),
            region: None,
            communes,
            siren: None,
            code_insee: None,
        },
        periode,
        date_signature: facts.date_signature,
        signataires: facts.signataires,
        axes,
        actions,
        sigles,
        alertes: Vec::new(),
    };
    let texts: Vec<String> = items.iter().map(Item::text).collect();
    orgpass::resolve_document(&mut doc, &texts);
    apply_themes(&mut doc);
    doc
}

/// Adds the actions read from recap tables: with fiches, they only fill gaps (the fiche
/// wins, no action twice); alone, they are the programme.
fn add_recap(raws: &mut Vec<fiche::RawFiche>, recap: Vec<fiche::RawFiche>) {
    for r in recap {
        match raws
            .iter_mut()
            .find(|x| x.numero.is_some() && x.numero == r.numero)
        {
            Some(f) => f.fill_from(r),
            None => raws.push(r),
        }
    }
}

/// Alerts for what every document should have: as many fiches as its contents list
/// (`actions` were read), a territory name, at least one action.
fn document_alerts(items: &[Item], named: bool, actions: usize, alertes: &mut Vec<Alerte>) {
    let listed = document::toc_entries(items);
    if listed > actions {
        alertes.push(Alerte::new(
            "actions_manquantes",
            None,
            format!("le sommaire annonce {listed} fiches-actions, {actions} ont été lues"),
        ));
    }
    if !named {
        alertes.push(Alerte::new(
            "territoire_absent",
            None,
            "nom du territoire introuvable dans le titre",
        ));
    }
    if actions == 0 {
        alertes.push(Alerte::new(
            "aucune_action",
            None,
            "aucune fiche-action reconnue",
        ));
    }
}

/// Reads every fiche, carrying the axis/objective outline from one to the next. Returns
/// them with the index where the programme of actions ends (annexes after the last fiche).
fn read_fiches(
    items: &[Item],
    starts: &[Start],
    alertes: &mut Vec<Alerte>,
) -> (Vec<fiche::RawFiche>, usize) {
    let p = vocab::patterns();
    let first_fiche = starts.first().map(|s| s.at).unwrap_or(items.len());
    let mut raws = Vec::new();
    let mut end_of_programme = items.len();
    let mut ctx = outline_before(items, first_fiche, fiche::Outline::default());
    for (k, s) in starts.iter().enumerate() {
        let start = s.at;
        let mut end = starts.get(k + 1).map(|s| s.at).unwrap_or(items.len());
        if k + 1 == starts.len() {
            if let Some(off) = items[start + 1..end].iter().position(
                |it| matches!(it, Item::Text { text, .. } if p.annexes.is_match(text.trim())),
            ) {
                end = start + 1 + off;
            }
            end_of_programme = end;
        }
        let (mut raw, after) = fiche::read_fiche(
            &items[start..end],
            Some(s.numero.clone()),
            s.titre.clone(),
            alertes,
        );
        with_context(&mut raw, &ctx);
        carry_outline(&mut ctx, &raw.outline, after.outline);
        raws.push(raw);
    }
    (raws, end_of_programme)
}

/// The outline the next fiche starts from: the fiche's own axis and objective, then the
/// headings met after its fields.
fn carry_outline(ctx: &mut fiche::Outline, own: &fiche::Outline, after: Option<fiche::Outline>) {
    if own.axe.is_some() {
        if own.axe.as_ref().map(|a| a.0) != ctx.axe.as_ref().map(|a| a.0) {
            ctx.objectif = None;
        }
        ctx.axe = own.axe.clone().or(ctx.axe.take());
        if own.objectif.is_some() {
            ctx.objectif = own.objectif.clone();
        }
    }
    if let Some(o) = after {
        if o.axe.is_some() {
            ctx.axe = o.axe;
            ctx.objectif = None;
        }
        if o.objectif.is_some() {
            ctx.objectif = o.objectif;
        }
    }
}

/// Axes and objectives: from the fiches' headers (they carry codes), completed by the axis
/// headings of the body text.
fn outline_axes(raws: &[fiche::RawFiche], body_axes: &[(u32, String)]) -> Vec<Axe> {
    let mut axes: Vec<Axe> = Vec::new();
    for r in raws {
        let Some((n, titre)) = r.outline.axe.clone() else {
            continue;
        };
        let axe = match axes.iter_mut().position(|a| a.numero == n) {
            Some(i) => &mut axes[i],
            None => {
                axes.push(new_axe(n, titre.clone()));
                axes.last_mut().expect("just pushed")
            }
        };
        if is_all_caps(&axe.titre) && !is_all_caps(&titre) {
            axe.titre = titre;
        }
        if let Some((code, t)) = r.outline.objectif.clone() {
            let obj = match axe.objectifs.iter().position(|o| o.code == code) {
                Some(i) => &mut axe.objectifs[i],
                None => {
                    axe.objectifs.push(Objectif {
                        code: code.clone(),
                        titre: t.clone(),
                        sous_objectifs: Vec::new(),
                    });
                    axe.objectifs.last_mut().expect("just pushed")
                }
            };
            if let Some((sc, st)) = r.outline.sous_objectif.clone() {
                if !obj.sous_objectifs.iter().any(|s| s.code == sc) {
                    obj.sous_objectifs.push(SousObjectif {
                        code: sc,
                        titre: st,
                    });
                }
            }
        }
    }
    for (n, titre) in body_axes {
        if !axes.iter().any(|a| a.numero == *n) {
            axes.push(new_axe(*n, titre.clone()));
        }
    }
    axes.sort_by_key(|a| a.numero);
    axes
}

fn new_axe(numero: u32, titre: String) -> Axe {
    Axe {
        numero,
        titre,
        objectifs: Vec::new(),
        themes: Vec::new(),
    }
}

/// The actions of the fiches, checked; a number met twice is an alert.
fn to_actions(
    raws: Vec<fiche::RawFiche>,
    periode: cls_model::Periode,
    alertes: &mut Vec<Alerte>,
) -> Vec<cls_model::Action> {
    use rayon::prelude::*;
    let mut seen = std::collections::HashSet::new();
    let duplicated: Vec<Option<Alerte>> = raws
        .iter()
        .map(|r| {
            let n = r.numero.as_ref()?;
            (!seen.insert(n.clone())).then(|| {
                Alerte::new(
                    "numero_duplique",
                    Some(n),
                    format!("la fiche n° {n} apparaît plusieurs fois"),
                )
            })
        })
        .collect();
    // Fiches are normalised independently, on every core; their alerts are then gathered
    // in fiche order, so the output does not depend on the scheduling.
    let read: Vec<(Option<cls_model::Action>, Vec<Alerte>)> = raws
        .into_par_iter()
        .map(|r| {
            let mut own = Vec::new();
            let a = guard::to_action(r, periode, &mut own);
            if let Some(a) = &a {
                check_action(a, &mut own);
            }
            (a, own)
        })
        .collect();
    let mut actions = Vec::new();
    for (dup, (a, own)) in duplicated.into_iter().zip(read) {
        alertes.extend(dup);
        alertes.extend(own);
        actions.extend(a);
    }
    actions
}

/// The document's id: its territory and period ("pays-de-x-2020-2025"), else its file name.
fn document_id(nom: Option<&str>, periode: cls_model::Periode, fichier: &str) -> String {
    let base = match (nom, periode.debut, periode.fin) {
        (Some(n), Some(d), Some(f)) => format!("{n} {d}-{f}"),
        (Some(n), Some(d), None) => format!("{n} {d}"),
        (Some(n), _, _) => n.to_string(),
        (None, _, _) => fichier.rsplit('/').next().unwrap_or("document").to_string(),
    };
    let id = slug(&base, 80);
    if id.is_empty() {
        "document".to_string()
    } else {
        id
    }
}

/// Gives every action and axis its themes (`normalize::themes`): an action's own words
/// decide, its axis and objectives only break ties.
pub(crate) fn apply_themes(doc: &mut Document) {
    use cls_normalize::themes::{themes, ActionWords, Fields};
    use rayon::prelude::*;
    let ranked: Vec<_> = doc
        .actions
        .par_iter()
        .map(|a| themes(&ActionWords::of(&doc.axes, a).fields()))
        .collect();
    for (a, t) in doc.actions.iter_mut().zip(ranked) {
        a.themes = t;
    }
    for x in &mut doc.axes {
        let objectives: Vec<String> = x
            .objectifs
            .iter()
            .flat_map(|o| {
                std::iter::once(o.titre.clone())
                    .chain(o.sous_objectifs.iter().map(|s| s.titre.clone()))
            })
            .collect();
        x.themes = themes(&Fields {
            titre: &x.titre,
            description: &objectives.join(" ; "),
            public_cible: "",
            indicateurs: "",
            contexte: "",
        });
    }
}

/// Alerts for fields an analyst expects on every fiche.
fn check_action(a: &cls_model::Action, alertes: &mut Vec<Alerte>) {
    let n = a.numero.as_deref();
    if a.titre.is_none() {
        alertes.push(Alerte::new("champ_absent", n, "titre de l'action absent"));
    }
    if a.porteurs.is_empty() {
        alertes.push(Alerte::new("champ_absent", n, "aucun porteur"));
    }
    if a.calendrier.texte.is_none() {
        alertes.push(Alerte::new("champ_absent", n, "calendrier absent"));
    }
    if a.budget.texte.is_none() {
        alertes.push(Alerte::new("champ_absent", n, "budget absent"));
    }
}

/// Whether a territory's candidate name holds a proper name: a capitalised word other than a leading
/// article ("Les fiches-actions", "la santé" name no place).
pub(crate) fn names_a_proper_name(c: &str) -> bool {
    let capital = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    let article = |w: &str| {
        matches!(
            f(w).as_str(),
            "le" | "la" | "les" | "un" | "une" | "des" | "nos" | "notre"
        )
    };
    c.split_whitespace().enumerate().any(|(k, w)| {
        // "l'Agglomération": the word after the elision counts.
        let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
        capital(w) && !(k == 0 && article(w))
    })
}

/// Folds for comparisons inside this crate.
pub(crate) fn f(s: &str) -> String {
    fold(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Item {
        Item::Text {
            text: t.to_string(),
            page: 1,
            x: 0.0,
            size: 0.0,
        }
    }
    fn row(l: &str, v: &str) -> Item {
        Item::Row {
            label: l.to_string(),
            value: vec![v.to_string()],
            pages: vec![1],
            label_x: 0.0,
        }
    }

    #[test]
    fn actions_numbered_without_fiche_headings_open_fiches() {
        // A contract laid out with "Action 1.1 :" headings over label tables.
        let items = vec![
            text("Contrat local de santé du Pays Test 2021-2026"),
            text("Axe 1 : Accès aux soins"),
            text("Action 1.1 : Accueillir les internes"),
            row("Pilote", "Communauté de communes"),
            row("Échéancier", "2022-2024"),
            text("Action 1.2 : Créer une maison de santé"),
            row("Référent", "Ville de Test"),
            row("Budget prévisionnel", "20 000 €"),
        ];
        let source = Source {
            fichier: "t.pdf".into(),
            sha256: String::new(),
            format: Format::Pdf,
            pages: Some(1),
            documents_lies: Vec::new(),
        };
        let mut alertes = Vec::new();
        let d = build_document(&items, source, &mut alertes);
        let nums: Vec<&str> = d
            .actions
            .iter()
            .filter_map(|a| a.numero.as_deref())
            .collect();
        assert_eq!(nums, vec!["1.1", "1.2"]);
        assert_eq!(d.actions[1].budget.total_eur, Some(20000.0));
        assert_eq!(d.actions[0].porteurs[0].nom, "Communauté de communes");
        assert_eq!(
            (d.actions[0].calendrier.debut, d.actions[0].calendrier.fin),
            (Some(2022), Some(2024))
        );
    }
}
