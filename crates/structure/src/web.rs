//! Web pages (content blocks from `extract`) to the same document model as PDFs.
//!
//! A page laid out as fiches ("Fiche action n° 3" headings with tables) goes through the
//! PDF reader. Otherwise: territory, signing date and period from the text; axes from
//! "AXE n :" headings, from the list that follows a heading or sentence announcing the
//! axes, or from an inline "en 4 axes : a, b, c et d"; actions from numbered lines
//! ("1 - Promouvoir …") with their lead on the next line ("piloté par …"), or from an
//! "Action n : titre" heading followed by a small table of labelled rows.

use crate::{build_document, document, f, vocab, Item};
use cls_extract::{HtmlBlock, HtmlDocument, HtmlKind};
use cls_model::{Action, Alerte, Axe, Document, Format, Nature, Periode, Source};
use cls_normalize::text::slug;
use regex::Regex;
use std::sync::OnceLock;

fn re(cell: &'static OnceLock<Regex>, s: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(s).expect("built-in pattern"))
}

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

/// Reads a web page into a document; `None` when the page has no content at all.
pub fn structure_html(html: &HtmlDocument, fichier: &str, sha256: &str) -> Option<Document> {
    if html.blocks.is_empty() {
        return None;
    }
    let items = items(&html.blocks);
    let source = Source {
        fichier: fichier.to_string(),
        sha256: sha256.to_string(),
        format: Format::Html,
        pages: None,
    };
    let mut alertes = Vec::new();
    let p = vocab::patterns();
    let has_fiches = items
        .iter()
        .any(|it| matches!(it, Item::Text { text, .. } if p.fiche.is_match(text.trim())));
    let mut doc = if has_fiches {
        build_document(&items, source, &mut alertes)
    } else {
        read_page(html, &items, source, &mut alertes)
    };
    if doc.territoire.nom.is_none() {
        doc.territoire.nom = territory(html);
    }
    if doc.periode.debut.is_none() {
        let texts: Vec<String> = items.iter().map(Item::text).collect();
        doc.periode = period(&texts);
    }
    let base = match (&doc.territoire.nom, doc.periode.debut, doc.periode.fin) {
        (Some(n), Some(d), Some(f)) => format!("{n} {d}-{f}"),
        (Some(n), _, _) => n.clone(),
        (None, _, _) => fichier.to_string(),
    };
    doc.id = slug(&base, 80);
    doc.contrat_id = doc.id.clone();
    doc.nature = Nature::PageWeb;
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

fn period(texts: &[String]) -> Periode {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)(?:p[ée]riode|pour les ann[ée]es|sur la p[ée]riode|de)\s+((?:19|20)\d{2})\s*(?:-|–|/|à|au)\s*((?:19|20)\d{2})|((?:19|20)\d{2})\s+et\s+jusqu'(?:en|à|au)\s+((?:19|20)\d{2})|depuis\s+((?:19|20)\d{2})\s+et\s+jusqu'(?:en|à)\s+((?:19|20)\d{2})",
    );
    for t in texts {
        if let Some(c) = r.captures(t) {
            let pick = |a: usize, b: usize| {
                c.get(a)
                    .zip(c.get(b))
                    .map(|(x, y)| (x.as_str().parse().ok(), y.as_str().parse().ok()))
            };
            if let Some((d, f)) = pick(1, 2).or_else(|| pick(3, 4)).or_else(|| pick(5, 6)) {
                return Periode { debut: d, fin: f };
            }
        }
    }
    Periode::default()
}

/// Territory: the noun phrase after "Contrat local de santé de …", "territoire(s) de …",
/// "collectivités de …", scored by how often it recurs in the page, title and h1 first.
fn territory(html: &HtmlDocument) -> Option<String> {
    static TRIG: OnceLock<Regex> = OnceLock::new();
    let trig = re(
        &TRIG,
        r"(?i)(?:contrat\s+local\s+de\s+sant[ée](?:\s*\(CLS\))?|\bCLS|territoires?|collectivit[ée]s?|syndicat\s+mixte|agglom[ée]ration|sur\s+le\s+territoire)\s+(?:intercommunal\s+)?(?:de\s+la\s+|du\s+|de\s+l'|des\s+|de\s+|d')",
    );
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
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name_re = re(
        &NAME,
        r"\b(\p{Lu}[\p{L}'\-]+(?:\s+(?:m[ée]tropole|agglom[ée]ration|agglo|communaut[ée]))?)\b",
    );
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
        // "A titre d'exemple le CLS de Joinville": a territory given as an example of
        // another contract is not this page's.
        if fall.contains(&format!("exemple le cls de {k}"))
            || fall.contains(&format!("exemple, le cls de {k}"))
        {
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
    cands.into_iter().next().map(|c| c.0)
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
    html: &HtmlDocument,
    items: &[Item],
    source: Source,
    alertes: &mut Vec<Alerte>,
) -> Document {
    let texts: Vec<String> = items.iter().map(Item::text).collect();
    let date = document::signing_date(&texts).or_else(|| web_signing_date(&texts));
    let axes = axes(&html.blocks);
    let actions = actions(&html.blocks, &axes, alertes);
    Document {
        schema_version: cls_model::SCHEMA_VERSION.to_string(),
        id: String::new(),
        contrat_id: String::new(),
        nature: Nature::PageWeb,
        source,
        territoire: cls_model::Territoire::default(),
        periode: period(&texts),
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
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)\bsign(?:er|é|e|ée|és|ées|ature|ataires?)\b[^.]{0,80}?\ble\s+(\d{1,2}(?:er)?\s+\p{L}+\.?\s+(?:19|20)\d{2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2})",
    );
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
        let t = b.text.trim();
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
        } else if let Some(rest) = t
            .strip_prefix("EN TRANSVERSALITE")
            .or_else(|| t.strip_prefix("En transversalité"))
        {
            if !out.is_empty() {
                let n = out.len() as u32 + 1;
                out.push(Axe {
                    numero: n,
                    titre: rest
                        .trim_start_matches([' ', ':', '–', '-'])
                        .trim()
                        .to_string(),
                    objectifs: Vec::new(),
                    themes: Vec::new(),
                });
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    static ANNOUNCE: OnceLock<Regex> = OnceLock::new();
    let announce = re(
        &ANNOUNCE,
        r"(?i)\b(\d+|deux|trois|quatre|cinq|six|sept)?\s*axes\b",
    );
    for (i, b) in blocks.iter().enumerate() {
        let ft = f(&b.text);
        if !announce.is_match(&b.text)
            || ft.contains("exemple")
            || ft.contains("principaux axes visent")
        {
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

/// Actions listed on the page: "1 - Titre" (or "Action 1 : Titre") lines, each followed by
/// its lead ("piloté par …") or by a table of labelled rows.
fn actions(blocks: &[HtmlBlock], axes: &[Axe], alertes: &mut Vec<Alerte>) -> Vec<Action> {
    let p = vocab::patterns();
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    let numbered = re(
        &NUMBERED,
        r"^(?:(?i:fiche\s+)?(?i:action)\s*(?:n\s*°|n°)?\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?)\s*[-–.):]\s+(?P<titre>\p{Lu}.{8,})$",
    );
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = re(
        &LEAD,
        r"(?i)^(?:pilot[ée]e?s?|port[ée]e?s?|coordonn[ée]e?s?|men[ée]e?s?)\s+par\s+(?P<who>.+)$|^(?:pilotes?|porteurs?|porteur du projet|référents?)\s*:\s*(?P<who2>.+)$",
    );
    let mut out: Vec<Action> = Vec::new();
    let mut axe: Option<u32> = None;
    let mut i = 0;
    while i < blocks.len() {
        let t = blocks[i].text.trim();
        if let Some(c) = p.axe.captures(t) {
            // Axis lines listed one after another are the outline, not section headings:
            // the actions that follow belong to none of them in particular.
            let listed = blocks
                .get(i + 1)
                .is_some_and(|b| p.axe.is_match(b.text.trim()))
                || blocks[..i]
                    .last()
                    .is_some_and(|b| p.axe.is_match(b.text.trim()));
            axe = if listed {
                None
            } else {
                crate::roman_or_arabic(&c["num"]).filter(|n| axes.iter().any(|a| a.numero == *n))
            };
            i += 1;
            continue;
        }
        // A heading that carries an axis title without its number ("EN TRANSVERSALITE : …").
        if matches!(blocks[i].kind, HtmlKind::Heading(_)) {
            if let Some(a) = axes
                .iter()
                .find(|a| !a.titre.is_empty() && f(t).ends_with(&f(&a.titre)))
            {
                axe = Some(a.numero);
                i += 1;
                continue;
            }
        }
        let Some(c) = numbered
            .captures(t)
            .filter(|_| blocks[i].kind != HtmlKind::TableRow)
        else {
            i += 1;
            continue;
        };
        let mut a = Action {
            numero: Some(c["num"].to_string()),
            titre: Some(c["titre"].trim().trim_end_matches('.').to_string()),
            axe,
            ..Default::default()
        };
        // What follows until the next action: a lead line, or labelled rows.
        let mut j = i + 1;
        let mut rows: Vec<Item> = Vec::new();
        while j < blocks.len()
            && !numbered.is_match(blocks[j].text.trim())
            && !p.axe.is_match(blocks[j].text.trim())
            && !matches!(blocks[j].kind, HtmlKind::Heading(_))
        {
            let bt = blocks[j].text.trim();
            if let Some(lc) = lead.captures(bt) {
                let who = lc
                    .name("who")
                    .or(lc.name("who2"))
                    .map(|m| m.as_str())
                    .unwrap_or("");
                a.porteurs = cls_normalize::mentions::mentions(who.trim_end_matches('.'));
            } else if blocks[j].kind == HtmlKind::TableRow && blocks[j].cells.len() >= 2 {
                rows.push(Item::Row {
                    label: blocks[j].cells[0].clone(),
                    value: vec![blocks[j].cells[1..].join(" ")],
                    pages: vec![1],
                    label_x: 0.0,
                });
            }
            j += 1;
        }
        if !rows.is_empty() {
            let mut items = vec![Item::Text {
                text: t.to_string(),
                page: 1,
                x: 0.0,
                size: 0.0,
            }];
            items.extend(rows);
            let (raw, _) =
                crate::fiche::read_fiche(&items, a.numero.clone(), a.titre.clone(), alertes);
            let mut full = crate::fiche::to_action(raw, Periode::default());
            full.axe = full.axe.or(axe);
            if full.porteurs.is_empty() {
                full.porteurs = a.porteurs.clone();
            }
            full.pages = Vec::new();
            a = full;
        }
        if a.porteurs.is_empty() {
            alertes.push(Alerte::new(
                "champ_absent",
                a.numero.as_deref(),
                "aucun porteur",
            ));
        }
        out.push(a);
        i = j;
    }
    out
}
