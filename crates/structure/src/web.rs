//! Web pages (content blocks from `extract`) to the same document model as PDFs.
//!
//! A page laid out as fiches ("Fiche action n° 3" headings with tables) goes through the
//! PDF reader. Otherwise: territory from `og:site_name`, `<title>`, `<h1>` and the text;
//! signing date and period from the title and the text; axes from "AXE n :" headings
//! (accordion titles and table rows spanning the table included), from the list that
//! follows a heading or sentence announcing the axes, or from an inline "en 4 axes : a, b,
//! c et d". Actions are read from every way French local-authority sites publish them:
//! numbered headings or lines ("Action 1.2 – …", "Fiche 3 : …", "1 - …") with their lead
//! and labelled lines ("Porteur : …", "piloté par …"); an "Action n" heading followed by a
//! small table of labelled rows or by its title (a card); accordion items; the rows of a
//! table whose header names an action column; items of an ordered list under an axis,
//! numbered as the browser shows them. Whatever looks like an action and cannot be read
//! as one becomes an alert; a page with neither axes nor actions that does not present a
//! contract is of nature `autre`, with an alert.

use crate::patterns;
use crate::{build_document, document, f, vocab, Item};
use cls_extract::{HtmlBlock, HtmlDocument, HtmlKind};
use cls_model::{Action, Alerte, Axe, Document, Format, Mention, Nature, Periode, Source};
use cls_normalize::text::slug;

/// Web blocks as structure items (headings and paragraphs as text, table rows as rows).
fn items(blocks: &[HtmlBlock]) -> Vec<Item> {
    blocks
        .iter()
        .map(|b| match b.kind {
            HtmlKind::TableRow if b.cells.len() >= 2 => Item::Row {
                label: b.cells[0].clone(),
                value: vec![b.cells[1..].join(" ")],
                pages: vec![1],
                label_x: 0.0,
            },
            _ => Item::Text {
                text: b.text.clone(),
                page: 1,
                x: 0.0,
                size: 0.0,
            },
        })
        .collect()
}

/// Blocks with one line each: a paragraph written as "<strong>Action 1 – Titre</strong>
/// <br><em>piloté par …</em>" holds an action and its lead, which are read apart.
fn one_line_blocks(blocks: &[HtmlBlock]) -> Vec<HtmlBlock> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let lines = b.lines.first().map(Vec::as_slice).unwrap_or(&[]);
        if !matches!(b.kind, HtmlKind::Paragraph | HtmlKind::ListItem) || lines.len() < 2 {
            out.push(b.clone());
            continue;
        }
        for (k, l) in lines.iter().enumerate() {
            out.push(HtmlBlock {
                kind: b.kind,
                text: l.clone(),
                lines: vec![vec![l.clone()]],
                number: if k == 0 { b.number } else { None },
                ..Default::default()
            });
        }
    }
    out
}

/// Reads a web page into a document; `None` when the page has no content at all.
pub fn structure_html(html: &HtmlDocument, fichier: &str, sha256: &str) -> Option<Document> {
    if html.blocks.is_empty() {
        return None;
    }
    let blocks = one_line_blocks(&html.blocks);
    let items = items(&blocks);
    let source = Source {
        fichier: fichier.to_string(),
        sha256: sha256.to_string(),
        format: Format::Html,
        pages: None,
        documents_lies: contract_pdfs(html),
    };
    let mut alertes = Vec::new();
    let p = vocab::patterns();
    // Laid out as fiches: a fiche heading followed by its table of labelled rows. A card
    // that only says "Fiche 3" above its title is read by the page reader.
    let has_fiches = items.windows(2).any(|w| {
        matches!(&w[0], Item::Text { text, .. } if p.fiche.is_match(text.trim()))
            && matches!(w[1], Item::Row { .. })
    });
    let mut doc = if has_fiches {
        build_document(&items, source, &mut alertes)
    } else {
        read_page(html, &blocks, &items, source, &mut alertes)
    };
    if doc.territoire.nom.is_none() {
        doc.territoire.nom = territory(html);
    }
    if doc.periode.debut.is_none() {
        let texts: Vec<String> = items.iter().map(Item::text).collect();
        doc.periode = document::period_from_text(&texts);
    }
    if doc.periode.debut.is_none() {
        doc.periode = period_in_titles(html);
    }
    let base = match (&doc.territoire.nom, doc.periode.debut, doc.periode.fin) {
        (Some(n), Some(d), Some(f)) => format!("{n} {d}-{f}"),
        (Some(n), _, _) => n.clone(),
        (None, _, _) => fichier.to_string(),
    };
    doc.id = slug(&base, 80);
    doc.contrat_id = doc.id.clone();
    doc.nature = Nature::PageWeb;
    if doc.axes.is_empty() && doc.actions.is_empty() && !presents_a_contract(html) {
        doc.nature = Nature::Autre;
        alertes.push(Alerte::new(
            "hors_sujet",
            None,
            "la page ne présente pas de contrat local de santé : ni axe ni action, et son titre n'en parle pas",
        ));
    }
    let texts: Vec<String> = items
        .iter()
        .map(Item::text)
        .chain(html.title.clone())
        .collect();
    crate::orgpass::resolve_document(&mut doc, &texts);
    crate::apply_themes(&mut doc);
    doc.alertes = alertes;
    Some(doc)
}

/// Whether the page's titles (`<title>`, `og:title`, `<h1>`) or its breadcrumb's last
/// item speak of a local health contract.
fn presents_a_contract(html: &HtmlDocument) -> bool {
    let r = patterns::contrat();
    html.title
        .iter()
        .chain(html.og_title.iter())
        .chain(html.breadcrumb.last())
        .chain(
            html.blocks
                .iter()
                .filter(|b| b.kind == HtmlKind::Heading(1))
                .map(|b| &b.text),
        )
        .any(|t| r.is_match(t))
}

/// The PDF links of the page that point to the contract itself (their text or address
/// names a contract or a CLS), in page order.
fn contract_pdfs(html: &HtmlDocument) -> Vec<String> {
    let r = patterns::lien_contrat();
    html.pdf_links
        .iter()
        .filter(|l| {
            let file = l.href.rsplit('/').next().unwrap_or("");
            r.is_match(&l.text) || r.is_match(file)
        })
        .map(|l| l.href.clone())
        .collect()
}

/// The contract's period as the page's titles print it: "Contrat local de santé
/// 2024-2028", "CLS (2022-2026)".
fn period_in_titles(html: &HtmlDocument) -> Periode {
    let r = patterns::periode();
    let titles = html
        .blocks
        .iter()
        .filter(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| &b.text)
        .chain(html.title.iter())
        .chain(html.og_title.iter());
    for t in titles {
        for c in r.captures_iter(t) {
            let (Ok(d), Ok(fin)) = (c[1].parse::<i32>(), c[2].parse::<i32>()) else {
                continue;
            };
            if fin > d && fin - d <= 12 {
                return Periode {
                    debut: Some(d),
                    fin: Some(fin),
                };
            }
        }
    }
    Periode::default()
}

/// Territory: the noun phrase after "Contrat local de santé de …", "territoire(s) de …",
/// "collectivités de …", scored by how often it recurs in the page, title and h1 first.
fn territory(html: &HtmlDocument) -> Option<String> {
    let trig = patterns::avant_territoire();
    // A page names its territory in its first blocks; the rest only repeats it.
    let texts: Vec<&str> = html
        .title
        .iter()
        .map(String::as_str)
        .chain(html.blocks.iter().take(80).map(|b| b.text.as_str()))
        .collect();
    let all = texts.join(" \n ");
    let mut cands: Vec<(String, f64)> = Vec::new();
    for t in &texts {
        for m in trig.find_iter(t) {
            if let Some(name) = proper_phrase(&t[m.end()..]) {
                if let Some(c) = cands.iter_mut().find(|c| f(&c.0) == f(&name)) {
                    c.1 += 1.0;
                } else {
                    cands.push((name, 1.0));
                }
            }
        }
    }
    // Standalone proper names that recur ("Chartres métropole agit …", "Agglopolys").
    let name_re = patterns::nom_territoire();
    // The page names its territory early: the title and the first blocks are enough.
    let head = texts
        .iter()
        .take(40)
        .copied()
        .collect::<Vec<_>>()
        .join(" \n ");
    for c in name_re.captures_iter(&head) {
        let n = c[1].to_string();
        if n.split_whitespace().count() >= 2 || n.len() > 6 {
            let lower = f(&n);
            if lower.contains("metropole") || lower.contains("agglo") {
                if let Some(x) = cands.iter_mut().find(|x| f(&x.0) == lower) {
                    x.1 += 0.5;
                } else {
                    cands.push((n, 0.5));
                }
            }
        }
    }
    let h1 = html
        .blocks
        .iter()
        .find(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| f(&b.text))
        .unwrap_or_default();
    let title = html.title.as_deref().map(f).unwrap_or_default();
    let fall = f(&all);
    for c in &mut cands {
        let k = f(&c.0);
        c.1 += fall.matches(&k).count() as f64;
        if h1.contains(&k) || title.contains(&k) {
            c.1 += 3.0;
        }
        // "A titre d'exemple le CLS de …": a territory named only where the page gives an
        // example of another contract is not this page's.
        let mentioned: Vec<String> = texts
            .iter()
            .map(|t| f(t))
            .filter(|t| t.contains(&k))
            .collect();
        if !mentioned.is_empty() && mentioned.iter().all(|t| t.contains("exemple")) {
            c.1 -= 10.0;
        }
    }
    cands.retain(|c| {
        c.1 > 0.0
            && !matches!(
                f(&c.0).as_str(),
                "sante" | "l'ars" | "ars" | "la sante" | "france"
            )
    });
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.len().cmp(&b.0.len())));
    let best = cands.into_iter().next().map(|c| c.0);
    publisher(html, best.as_deref(), &fall).or(best)
}

/// Words that open the name of a local authority or of a group of them.
const TERRITORIAL_HEADS: &[&str] = &[
    "communaute",
    "commune",
    "ville",
    "mairie",
    "pays",
    "metropole",
    "agglomeration",
    "syndicat",
    "petr",
    "pole",
    "departement",
    "conseil",
    "cc",
    "ca",
];

/// The publisher's full name when it is the territory: a collectivity's site names itself
/// in `og:site_name` or at the end of its `<title>` ("… | Communauté de communes des X"),
/// which is the complete form of a shorter name found in the text ("X"). An agency or a
/// State service publishing the contract of someone else is not the territory.
fn publisher(html: &HtmlDocument, best: Option<&str>, page: &str) -> Option<String> {
    let sep = patterns::separateur_titre();
    let from_site = html.site_name.iter().map(|n| (n.clone(), true));
    let from_title = html.title.iter().flat_map(|t| {
        sep.split(t)
            .map(|x| (x.trim().to_string(), false))
            .collect::<Vec<_>>()
    });
    let agency = |k: &str| {
        [
            "agence",
            "ars ",
            "ministere",
            "prefecture",
            "sante.fr",
            "gouvernement",
            "portail",
        ]
        .iter()
        .any(|a| k.starts_with(a))
            || k.contains("agence regionale de sante")
    };
    let h1 = html
        .blocks
        .iter()
        .filter(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| f(&b.text))
        .collect::<Vec<_>>()
        .join(" ");
    let titles = format!(
        "{} {} {h1}",
        html.title.as_deref().map(f).unwrap_or_default(),
        html.og_title.as_deref().map(f).unwrap_or_default()
    );
    for (n, site) in from_site.chain(from_title) {
        let k = f(&n);
        let head = k.split([' ', '\'']).next().unwrap_or("");
        if k.is_empty() || agency(&k) || !TERRITORIAL_HEADS.contains(&head) || k.len() > 120 {
            continue;
        }
        if k.contains("contrat local") || (k.contains("sante") && !k.contains("pays")) {
            continue;
        }
        // The name must be this page's (named by the page itself); the site's own name
        // replaces a name found in the text when it is its full form, or when the titles
        // do not back that name.
        if !(page.contains(&k) || titles.contains(&k)) {
            continue;
        }
        match best {
            None => return Some(n),
            Some(b) if site => {
                let fb = f(b);
                if k.contains(&fb) || !titles.contains(&fb) {
                    return Some(n);
                }
            }
            Some(_) => {}
        }
    }
    // The page's heading names the territory in full ("… de la Communauté de communes des
    // X" where the text says "X").
    if let Some(b) = best {
        let prefix = patterns::collectivite();
        for h in html
            .blocks
            .iter()
            .filter(|x| x.kind == HtmlKind::Heading(1))
        {
            for m in prefix.find_iter(&h.text) {
                if let Some(phrase) = proper_phrase(&h.text[m.end()..]) {
                    if f(&phrase) == f(b) {
                        return Some(format!("{}{phrase}", m.as_str()));
                    }
                }
            }
        }
    }
    // "La Ville de X", "la Commune de X": a municipality names itself in its text.
    if best.is_none() {
        let town = patterns::ville();
        let texts = html.blocks.iter().take(40).map(|b| b.text.as_str());
        if let Some(c) = texts.filter_map(|t| town.captures(t)).next() {
            return Some(c[1].to_string());
        }
    }
    None
}

/// A capitalised noun phrase at the start of `s` ("Pays de Chaumont, …" → "Pays de
/// Chaumont"; "Chartres métropole agit" → "Chartres métropole").
fn proper_phrase(s: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '»']);
        let first_upper = clean.chars().next().is_some_and(char::is_uppercase);
        let lf = f(clean);
        let connector = matches!(
            lf.as_str(),
            "de" | "du" | "des" | "la" | "le" | "et" | "sur" | "en" | "l'" | "d'"
        ) || lf.starts_with("d'")
            && clean.chars().nth(2).is_some_and(char::is_uppercase);
        let territorial = matches!(
            lf.as_str(),
            "metropole" | "agglomeration" | "communaute" | "communes" | "agglo"
        );
        if first_upper || territorial || (connector && i > 0) {
            words.push(clean);
        } else {
            break;
        }
        if clean.len() != w.len() {
            break;
        }
        if words.len() > 8 {
            break;
        }
    }
    while words.last().is_some_and(|w| {
        matches!(
            f(w).as_str(),
            "de" | "du" | "des" | "la" | "le" | "et" | "sur" | "en" | "l'" | "d'"
        )
    }) {
        words.pop();
    }
    let phrase = words.join(" ");
    (!phrase.is_empty() && phrase.chars().next().is_some_and(char::is_uppercase)).then_some(phrase)
}

/// The reader for pages that are not laid out as fiches.
fn read_page(
    _html: &HtmlDocument,
    blocks: &[HtmlBlock],
    items: &[Item],
    source: Source,
    alertes: &mut Vec<Alerte>,
) -> Document {
    let texts: Vec<String> = items.iter().map(Item::text).collect();
    let date = document::signing_date(&texts).or_else(|| web_signing_date(&texts));
    let axes = axes(blocks);
    let actions = actions(blocks, &axes, alertes);
    Document {
        schema_version: cls_model::SCHEMA_VERSION.to_string(),
        id: String::new(),
        contrat_id: String::new(),
        nature: Nature::PageWeb,
        source,
        territoire: cls_model::Territoire::default(),
        periode: document::period_from_text(&texts),
        date_signature: date,
        signataires: Vec::new(),
        axes,
        actions,
        sigles: Default::default(),
        alertes: Vec::new(),
    }
}

/// "… pour signer un Contrat Local de Santé, le 15 décembre 2022" → 2022-12-15.
fn web_signing_date(texts: &[String]) -> Option<String> {
    let r = patterns::signature_web();
    texts.iter().find_map(|t| {
        r.captures(t)
            .and_then(|c| cls_normalize::calendar::parse_date_fr(&c[1]))
    })
}

/// Axes of a page: "AXE n : titre" lines, a list announced as the axes, or an inline
/// enumeration "en N axes : a, b, c et d".
fn axes(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let p = vocab::patterns();
    let mut out: Vec<Axe> = Vec::new();
    for b in blocks {
        let t = dashes(b.text.trim());
        let t = t.as_str();
        if let Some(c) = p.axe.captures(t) {
            if let Some(n) = crate::roman_or_arabic(&c["num"]) {
                if !out.iter().any(|a| a.numero == n) && t.len() < 220 {
                    out.push(Axe {
                        numero: n,
                        titre: c["titre"].trim().to_string(),
                        objectifs: Vec::new(),
                        themes: Vec::new(),
                    });
                }
            }
        }
    }
    transversal_axis(blocks, &mut out);
    if !out.is_empty() {
        return out;
    }
    let announce = patterns::annonce_axes();
    for (i, b) in blocks.iter().enumerate() {
        let ft = f(&b.text);
        if !announce.is_match(&b.text) || ft.contains("exemple") {
            continue;
        }
        // A list right after the announcing heading or sentence.
        let mut j = i + 1;
        while j < blocks.len()
            && blocks[j].kind == HtmlKind::Paragraph
            && blocks[j].kind != HtmlKind::ListItem
            && j < i + 3
            && !blocks[j].text.ends_with(':')
        {
            j += 1;
        }
        if j < blocks.len()
            && blocks[j].kind == HtmlKind::Paragraph
            && blocks[j].text.ends_with(':')
        {
            if f(&blocks[j].text).contains("exemple") {
                continue;
            }
            j += 1;
        }
        let list: Vec<&HtmlBlock> = blocks[j.min(blocks.len())..]
            .iter()
            .take_while(|x| x.kind == HtmlKind::ListItem)
            .collect();
        if list.len() >= 2
            && (b.kind != HtmlKind::Paragraph
                || b.text.trim_end().ends_with(':')
                || matches!(b.kind, HtmlKind::Heading(_)))
        {
            return list
                .iter()
                .enumerate()
                .map(|(k, x)| Axe {
                    numero: k as u32 + 1,
                    titre: x
                        .text
                        .trim()
                        .trim_end_matches([';', '.', ','])
                        .trim()
                        .to_string(),
                    objectifs: Vec::new(),
                    themes: Vec::new(),
                })
                .collect();
        }
        // Inline: "… plan d'actions en 4 axes : a, b, c et d."
        if let Some(pos) = b.text.find(':') {
            let n = announce
                .captures(&b.text[..pos])
                .and_then(|c| c.get(1))
                .and_then(|m| cls_normalize::text::number_word(m.as_str()))
                .map(|n| n as usize);
            let tail = b.text[pos + 1..].trim().trim_end_matches('.');
            if let Some(n) = n {
                let items = split_enumeration(tail, n);
                if items.len() == n {
                    return items
                        .into_iter()
                        .enumerate()
                        .map(|(k, t)| Axe {
                            numero: k as u32 + 1,
                            titre: t,
                            objectifs: Vec::new(),
                            themes: Vec::new(),
                        })
                        .collect();
                }
            }
        }
    }
    Vec::new()
}

/// Em dashes written as en dashes, so that "Axe 1 — Titre" reads as "Axe 1 – Titre".
fn dashes(t: &str) -> String {
    t.replace('—', "–")
}

/// A heading of the same level as the axis headings, after the last of them, that is not
/// numbered but leads numbered actions ("En transversalité : communiquer …", "Actions
/// transversales") is one more axis; its title is what follows a short prefix and a
/// colon.
fn transversal_axis(blocks: &[HtmlBlock], axes: &mut Vec<Axe>) {
    let p = vocab::patterns();
    let Some(last) = blocks
        .iter()
        .rposition(|b| p.axe.is_match(&dashes(b.text.trim())))
    else {
        return;
    };
    let HtmlKind::Heading(level) = blocks[last].kind else {
        return;
    };
    if axes.is_empty() {
        return;
    }
    for (i, b) in blocks.iter().enumerate().skip(last + 1) {
        match b.kind {
            HtmlKind::Heading(l) if l < level => return,
            HtmlKind::Heading(l) if l == level => {
                let next_heading = blocks[i + 1..]
                    .iter()
                    .position(|x| matches!(x.kind, HtmlKind::Heading(m) if m <= level))
                    .map_or(blocks.len(), |k| i + 1 + k);
                let leads_actions = blocks[i + 1..next_heading]
                    .iter()
                    .any(|x| action_start(&x.text).is_some());
                if !leads_actions {
                    return;
                }
                let t = b.text.trim();
                let titre = match t.split_once(':') {
                    Some((pre, rest))
                        if pre.split_whitespace().count() <= 3 && !rest.trim().is_empty() =>
                    {
                        rest.trim()
                    }
                    _ => t,
                };
                axes.push(Axe {
                    numero: axes.len() as u32 + 1,
                    titre: titre.to_string(),
                    objectifs: Vec::new(),
                    themes: Vec::new(),
                });
                return;
            }
            _ => {}
        }
    }
}

/// "a, b, c et d" into `n` items: commas first, then the last " et " of the last item(s).
fn split_enumeration(s: &str, n: usize) -> Vec<String> {
    let mut parts: Vec<String> = s
        .split([',', ';'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect();
    while parts.len() < n {
        let Some(last) = parts.pop() else { break };
        match last.rfind(" et ") {
            Some(i) => {
                parts.push(last[..i].trim().to_string());
                parts.push(last[i + 4..].trim().to_string());
            }
            None => {
                parts.push(last);
                break;
            }
        }
    }
    parts
}

/// The number and title of a line that opens an action: "Action 1.2 – Titre", "Fiche 3 :
/// Titre", "Fiche action n° 4", "1 - Titre", or a bare "Action 5" whose title follows.
fn action_start(t: &str) -> Option<(String, Option<String>)> {
    let head = patterns::titre_action_web();
    let numbered = patterns::action_numerotee();
    let t = dashes(t.trim());
    let c = head.captures(&t).or_else(|| numbered.captures(&t))?;
    let titre = c
        .name("titre")
        .map(|m| m.as_str().trim().trim_end_matches('.').trim().to_string())
        .filter(|x| !x.is_empty());
    Some((c["num"].to_string(), titre))
}

/// A lead written as prose: "piloté par la CPAM", "Action pilotée par le CIAS.", "Porté
/// par …"; returns who, without the article.
fn lead_prose(t: &str) -> Option<String> {
    let r = patterns::pilote_prose();
    r.captures(t.trim())
        .map(|c| c["who"].trim().trim_end_matches('.').trim().to_string())
}

/// A labelled line, "Porteur : …", "Partenaires : …", "Calendrier : …": the label when it
/// is a known field label, and the value.
fn labelled(t: &str) -> Option<(String, String)> {
    let (label, value) = t.split_once(':')?;
    let value = value.trim();
    if value.is_empty() || label.split_whitespace().count() > 6 {
        return None;
    }
    let field = vocab::match_label(label)?;
    (field != vocab::Field::Autre).then(|| (label.trim().to_string(), value.to_string()))
}

/// "Titre (porteurs : A et B)" → ("Titre", "A et B").
fn parenthesised_lead(t: &str) -> (String, Option<String>) {
    let r = patterns::pilote_parenthese();
    match r.captures(t) {
        Some(c) => {
            let start = c.get(0).map_or(t.len(), |m| m.start());
            (
                t[..start].trim().to_string(),
                Some(c["who"].trim().to_string()),
            )
        }
        None => (t.trim().to_string(), None),
    }
}

/// Drops the article of an organisation named in prose ("la Communauté de communes …").
fn without_article(m: &mut Mention) {
    let r = patterns::sans_article();
    if let Some(c) = r.captures(&m.nom) {
        m.nom = c["rest"].to_string();
    }
}

fn row(label: &str, value: Vec<String>) -> Item {
    Item::Row {
        label: label.to_string(),
        value,
        pages: vec![1],
        label_x: 0.0,
    }
}

fn text_item(t: &str) -> Item {
    Item::Text {
        text: t.to_string(),
        page: 1,
        x: 0.0,
        size: 0.0,
    }
}

/// One action from its number, title and the items read under it (labelled rows).
fn build_action(
    numero: String,
    titre: Option<String>,
    fields: Vec<Item>,
    axe: Option<u32>,
    alertes: &mut Vec<Alerte>,
) -> Action {
    let mut items = vec![text_item(titre.as_deref().unwrap_or(""))];
    items.extend(fields);
    let (raw, _) = crate::fiche::read_fiche(&items, Some(numero.clone()), titre.clone(), alertes);
    let mut a = crate::fiche::to_action(raw, Periode::default());
    a.numero = Some(numero);
    if a.titre.as_deref().is_none_or(str::is_empty) {
        a.titre = titre;
    }
    a.axe = axe.or(a.axe);
    a.pages = Vec::new();
    a.porteurs.iter_mut().for_each(without_article);
    a.partenaires.iter_mut().for_each(without_article);
    a
}

/// The field of each column of a table's header row, when it is a table of actions: a
/// title column and a number or lead column.
fn action_columns(header: &HtmlBlock) -> Option<Vec<Option<vocab::Field>>> {
    use vocab::Field;
    let cols: Vec<Option<Field>> = header.cells.iter().map(|c| vocab::match_label(c)).collect();
    let has = |f: Field| cols.contains(&Some(f));
    (has(Field::Titre) && (has(Field::Numero) || has(Field::Porteurs))).then_some(cols)
}

/// Actions listed on the page, in page order, with their axis (see the module comment).
fn actions(blocks: &[HtmlBlock], axes: &[Axe], alertes: &mut Vec<Alerte>) -> Vec<Action> {
    let p = vocab::patterns();
    let mut out: Vec<Action> = Vec::new();
    let mut axe: Option<u32> = None;
    // An FAQ's items are questions, never actions; its section ends at the next heading of
    // its level.
    let mut faq: Option<u8> = None;
    let axis_of = |t: &str| -> Option<Option<u32>> {
        let t = dashes(t.trim());
        let c = p.axe.captures(&t)?;
        Some(crate::roman_or_arabic(&c["num"]).filter(|n| axes.iter().any(|a| a.numero == *n)))
    };
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let t = b.text.trim();
        if let HtmlKind::Heading(level) = b.kind {
            if faq.is_some_and(|l| level <= l) {
                faq = None;
            }
            let ft = f(t);
            if ft.contains("questions frequentes")
                || ft.starts_with("faq")
                || ft.contains("foire aux questions")
            {
                faq = Some(level);
                i += 1;
                continue;
            }
        }
        if faq.is_some() {
            i += 1;
            continue;
        }
        if b.kind != HtmlKind::TableRow || b.cells.iter().filter(|c| !c.is_empty()).count() == 1 {
            if let Some(n) = axis_of(t) {
                // Axis lines listed one after another are the outline, not section
                // headings: the actions that follow belong to none of them in particular.
                let listed = blocks
                    .get(i + 1)
                    .is_some_and(|x| axis_of(&x.text).is_some())
                    || blocks[..i]
                        .last()
                        .is_some_and(|x| axis_of(&x.text).is_some());
                axe = if listed { None } else { n };
                i += 1;
                continue;
            }
        }
        // A heading that carries an axis title without its number ("En transversalité : …").
        if matches!(b.kind, HtmlKind::Heading(_)) {
            if let Some(a) = axes
                .iter()
                .find(|a| !a.titre.is_empty() && f(t).ends_with(&f(&a.titre)))
            {
                axe = Some(a.numero);
                i += 1;
                continue;
            }
        }
        // A table of actions: a header row naming an action column, then one action per
        // row; a row of one cell is an axis.
        if b.kind == HtmlKind::TableRow && b.header {
            if let Some(cols) = action_columns(b) {
                i = table_actions(blocks, i, &cols, &mut axe, &axis_of, &mut out, alertes);
                continue;
            }
        }
        let start = if b.kind == HtmlKind::TableRow {
            None
        } else {
            action_start(t)
        };
        let bullet = start.is_none()
            && b.kind == HtmlKind::ListItem
            && b.number.is_none()
            && axe.is_some()
            && list_announces_actions(blocks, i);
        let listed = start.is_none()
            && b.kind == HtmlKind::ListItem
            && (b.number.is_some() || bullet)
            && axe.is_some();
        if start.is_none() && !listed {
            if let Some(n) = unread_bullet_list(blocks, i, axe) {
                alertes.push(Alerte::new(
                    "element_non_lu",
                    None,
                    format!(
                        "une liste à puces de {n} éléments sous un axe n'a pas été lue comme des actions (aucune phrase ne l'annonce) : « {} »",
                        short(t)
                    ),
                ));
            }
            if b.toggle && !t.ends_with('?') {
                alertes.push(Alerte::new(
                    "element_non_lu",
                    None,
                    format!(
                        "un élément dépliable n'a pas été lu comme une action : « {} »",
                        short(t)
                    ),
                ));
            }
            i += 1;
            continue;
        }
        let (a, j) = read_action(
            blocks,
            i,
            start,
            Listing { listed, bullet },
            axe,
            &axis_of,
            alertes,
        );
        out.push(a);
        i = j;
    }
    out
}

/// How an action was found in a list: `listed` a numbered item, `bullet` an item of a
/// bulleted list announced as actions (its action ends at the next item).
#[derive(Clone, Copy)]
struct Listing {
    listed: bool,
    bullet: bool,
}

/// Reads the action that starts at block `i` (a heading, a numbered or announced list item)
/// with what follows it until the next action, axis or heading. Returns it with the index
/// of the first block after it.
fn read_action(
    blocks: &[HtmlBlock],
    i: usize,
    start: Option<(String, Option<String>)>,
    listing: Listing,
    axe: Option<u32>,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
    alertes: &mut Vec<Alerte>,
) -> (Action, usize) {
    let Listing { listed, bullet } = listing;
    let b = &blocks[i];
    let t = b.text.trim();
    let (numero, mut titre, mut lead) = match start {
        Some((n, titre)) => {
            let (titre, lead) = match titre {
                Some(x) => {
                    let (x, lead) = parenthesised_lead(&x);
                    (Some(x), lead)
                }
                None => (None, None),
            };
            (n, titre, lead)
        }
        None => {
            let (x, lead) = parenthesised_lead(t);
            (
                b.number.map(|n| n.to_string()).unwrap_or_default(),
                Some(x),
                lead,
            )
        }
    };
    let mut j = i + 1;
    // "Action 5" alone: its title is the next line (a card's heading), unless labelled
    // rows follow (a fiche table with an "Intitulé" row).
    if titre.is_none() {
        if let Some(next) = blocks.get(j) {
            let nt = next.text.trim();
            if next.kind != HtmlKind::TableRow
                && action_start(nt).is_none()
                && axis_of(nt).is_none()
                && labelled(nt).is_none()
                && lead_prose(nt).is_none()
                && nt.len() < 250
            {
                let (x, l) = parenthesised_lead(nt);
                titre = Some(x);
                lead = lead.or(l);
                j += 1;
            }
        }
    }
    // What follows until the next action, axis or heading: leads, labelled lines,
    // rows of a fiche table, and a description before them.
    let mut fields: Vec<Item> = Vec::new();
    if let Some(l) = lead.take() {
        fields.push(row("Porteur", vec![l]));
    }
    let mut description: Vec<String> = Vec::new();
    while j < blocks.len() {
        let x = &blocks[j];
        let xt = x.text.trim();
        if matches!(x.kind, HtmlKind::Heading(_))
            || x.toggle
            || (x.kind != HtmlKind::TableRow && action_start(xt).is_some())
            || axis_of(xt).is_some()
            || (listed && x.number.is_some())
            || (bullet && x.kind == HtmlKind::ListItem)
            || (x.kind == HtmlKind::TableRow && x.header && action_columns(x).is_some())
        {
            break;
        }
        if x.kind == HtmlKind::TableRow && x.cells.len() >= 2 {
            let value = x.lines[1..].iter().flatten().cloned().collect();
            fields.push(row(&x.cells[0], value));
        } else if let Some(who) = lead_prose(xt) {
            fields.push(row("Porteur", vec![who]));
        } else if let Some((label, value)) = labelled(xt) {
            fields.push(row(&label, vec![value]));
        } else if fields.is_empty() && x.kind != HtmlKind::TableRow && !is_utility(xt) {
            description.push(xt.to_string());
        }
        j += 1;
    }
    if !description.is_empty() && !fields.is_empty() {
        fields.insert(0, row("Description", description));
    }
    let a = build_action(numero, titre, fields, axe, alertes);
    if a.titre.as_deref().is_none_or(str::is_empty) {
        alertes.push(Alerte::new(
            "champ_absent",
            a.numero.as_deref(),
            "titre de l'action absent",
        ));
    }
    if a.porteurs.is_empty() {
        alertes.push(Alerte::new(
            "champ_absent",
            a.numero.as_deref(),
            "aucun porteur",
        ));
    }
    (a, j)
}

/// Words that announce a list of actions ("Les actions prévues :", "Fiches-actions").
const ACTION_WORDS: &[&str] = &["action", "fiche", "projet", "mesure"];

/// Whether the bulleted list holding block `i` is announced as a list of actions by the
/// heading or paragraph right before it.
fn list_announces_actions(blocks: &[HtmlBlock], i: usize) -> bool {
    let before = blocks[..i]
        .iter()
        .rev()
        .find(|x| x.kind != HtmlKind::ListItem);
    before.is_some_and(|x| {
        let ft = f(&x.text);
        ACTION_WORDS.iter().any(|w| ft.contains(w)) && ft.split_whitespace().count() <= 30
    })
}

/// At the first item of a bulleted list of two items or more under an axis, which is not
/// read as actions: its number of items, for an alert (nothing is dropped silently).
fn unread_bullet_list(blocks: &[HtmlBlock], i: usize, axe: Option<u32>) -> Option<usize> {
    let b = &blocks[i];
    let first = i == 0 || blocks[i - 1].kind != HtmlKind::ListItem;
    if axe.is_none() || b.kind != HtmlKind::ListItem || b.number.is_some() || !first {
        return None;
    }
    let n = blocks[i..]
        .iter()
        .take_while(|x| x.kind == HtmlKind::ListItem && x.number.is_none())
        .count();
    (n >= 2).then_some(n)
}

/// A line that is a page's utility text rather than an action's description.
fn is_utility(t: &str) -> bool {
    let ft = f(t);
    [
        "telecharger",
        "contact",
        "pour toute question",
        "pour en savoir plus",
    ]
    .iter()
    .any(|u| ft.starts_with(u))
}

/// The first words of a text, for an alert.
fn short(t: &str) -> String {
    let mut s: String = t.chars().take(80).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    s
}

/// Reads the rows of a table of actions from its header row at `start`; returns the index
/// after the table.
fn table_actions(
    blocks: &[HtmlBlock],
    start: usize,
    cols: &[Option<vocab::Field>],
    axe: &mut Option<u32>,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
    out: &mut Vec<Action>,
    alertes: &mut Vec<Alerte>,
) -> usize {
    use vocab::Field;
    let header = &blocks[start];
    let mut j = start + 1;
    while j < blocks.len()
        && blocks[j].kind == HtmlKind::TableRow
        && blocks[j].table == header.table
    {
        let r = &blocks[j];
        j += 1;
        if r.header {
            continue;
        }
        let filled: Vec<&String> = r.cells.iter().filter(|c| !c.is_empty()).collect();
        if filled.len() <= 1 {
            // A row spanning the table: an axis, or a heading of rows.
            if let Some(n) = axis_of(&r.text) {
                *axe = n;
            }
            continue;
        }
        let cell = |f: Field| -> Option<usize> { cols.iter().position(|c| *c == Some(f)) };
        let titre = cell(Field::Titre)
            .and_then(|k| r.cells.get(k))
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty());
        let numero = cell(Field::Numero)
            .and_then(|k| r.cells.get(k))
            .map(|x| x.trim().trim_end_matches('.').to_string())
            .filter(|x| !x.is_empty());
        let Some(titre) = titre else {
            alertes.push(Alerte::new(
                "element_non_lu",
                numero.as_deref(),
                format!(
                    "une ligne du tableau des actions n'a pas d'intitulé : « {} »",
                    short(&r.text)
                ),
            ));
            continue;
        };
        let mut fields = Vec::new();
        for (k, c) in cols.iter().enumerate() {
            if matches!(c, Some(Field::Titre) | Some(Field::Numero)) {
                continue;
            }
            let Some(lines) = r.lines.get(k).filter(|l| !l.is_empty()) else {
                continue;
            };
            let label = header.cells.get(k).map(String::as_str).unwrap_or("");
            fields.push(row(label, lines.clone()));
        }
        let numero = numero.unwrap_or_else(|| (out.len() + 1).to_string());
        let a = build_action(numero, Some(titre), fields, *axe, alertes);
        if a.porteurs.is_empty() {
            alertes.push(Alerte::new(
                "champ_absent",
                a.numero.as_deref(),
                "aucun porteur",
            ));
        }
        out.push(a);
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: HtmlKind, text: &str) -> HtmlBlock {
        HtmlBlock {
            kind,
            text: text.to_string(),
            lines: vec![vec![text.to_string()]],
            ..Default::default()
        }
    }

    fn fiche_row(label: &str, value: &str) -> HtmlBlock {
        HtmlBlock {
            kind: HtmlKind::TableRow,
            text: format!("{label} {value}"),
            cells: vec![label.to_string(), value.to_string()],
            lines: vec![vec![label.to_string()], vec![value.to_string()]],
            ..Default::default()
        }
    }

    #[test]
    fn hand_made_page_keeps_action_2_after_action_1_and_its_table() {
        // Issue 12: "Action 1" and "Action 2" headings each followed by a table; Action 2
        // was lost without a word.
        let blocks = vec![
            block(HtmlKind::Heading(2), "AXE 1 - SOINS"),
            block(HtmlKind::Heading(3), "Action 1"),
            fiche_row("Intitulé", "Créer une permanence"),
            fiche_row("Porteur", "Mairie"),
            block(HtmlKind::Heading(3), "Action 2"),
            fiche_row("Intitulé", "Organiser un transport"),
            fiche_row("Porteur", "Syndicat des transports"),
        ];
        let axes = axes(&blocks);
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes, &mut alertes);
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].titre.as_deref(), Some("Organiser un transport"));
        assert_eq!(a[1].axe, Some(1));
    }

    #[test]
    fn a_bulleted_list_under_an_axis_is_read_when_announced_and_alerted_otherwise() {
        let li = |t: &str| block(HtmlKind::ListItem, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Accès aux soins"),
            block(HtmlKind::Paragraph, "Les actions prévues :"),
            li("Ouvrir une maison de santé (pilote : Mairie)"),
            li("Accueillir les internes"),
            block(HtmlKind::Heading(2), "Axe 2 : Prévention"),
            block(HtmlKind::Paragraph, "Nos constats :"),
            li("Un tiers des habitants a plus de 60 ans"),
            li("Peu de dépistage"),
        ];
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes(&blocks), &mut alertes);
        let titles: Vec<&str> = a.iter().filter_map(|x| x.titre.as_deref()).collect();
        assert_eq!(
            titles,
            ["Ouvrir une maison de santé", "Accueillir les internes"]
        );
        assert_eq!(a[0].porteurs[0].nom, "Mairie");
        let unread: Vec<&Alerte> = alertes
            .iter()
            .filter(|x| x.code == "element_non_lu")
            .collect();
        assert_eq!(unread.len(), 1, "{alertes:?}");
        assert!(unread[0].message.contains("2 éléments"));
    }

    #[test]
    fn faq_items_are_not_actions_and_unread_toggles_are_alerts() {
        let mut toggle = block(HtmlKind::Heading(3), "Nos partenaires");
        toggle.toggle = true;
        let mut question = block(HtmlKind::Heading(3), "Qui peut proposer une action ?");
        question.toggle = true;
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            toggle,
            block(HtmlKind::Heading(2), "Questions fréquentes"),
            question,
        ];
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes(&blocks), &mut alertes);
        assert!(a.is_empty());
        assert_eq!(alertes.len(), 1, "{alertes:?}");
        assert!(alertes[0].message.contains("Nos partenaires"));
    }

    #[test]
    fn prose_leads_lose_their_article_and_parenthesised_leads_are_split() {
        assert_eq!(
            lead_prose("Action pilotée par la CPAM de la Loire.").as_deref(),
            Some("la CPAM de la Loire")
        );
        let (t, who) = parenthesised_lead("Créer un point santé (porteurs : CCAS et Ville)");
        assert_eq!(t, "Créer un point santé");
        assert_eq!(who.as_deref(), Some("CCAS et Ville"));
    }

    #[test]
    fn period_from_the_title_needs_an_ordered_short_span() {
        let html = HtmlDocument {
            title: Some("Contrat local de santé 2024-2028 | Ville".to_string()),
            ..Default::default()
        };
        assert_eq!(period_in_titles(&html).debut, Some(2024));
        let html = HtmlDocument {
            title: Some("Archives 1990-2024".to_string()),
            ..Default::default()
        };
        assert_eq!(period_in_titles(&html).debut, None);
    }
}
