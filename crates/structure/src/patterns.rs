//! The text patterns of document facts and web pages (period, signing date, signatories,
//! territory, site names, web action headings): one named, documented home, so that the
//! readers (`document.rs`, `web.rs`) never write a regular expression of their own. Heading
//! and label patterns of fiches live in `vocab.rs`.

use regex::Regex;
use std::sync::OnceLock;

/// Compiles a built-in pattern once, on first use: a PDF never pays for the web's.
fn compiled(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern"))
}

/// A contract's generation in its title: "2e génération", "de seconde génération" (with
/// what precedes it, "de", left to each pattern).
const GENERATION: &str = r"(?:[0-9](?:e|ème|eme|nde)|premi[èe]re|deuxi[èe]me|seconde|troisi[èe]me|quatri[èe]me|nouvelle)\s+g[ée]n[ée]ration";

/// A span of years: "2020-2025", "2020 à 2025", "2024–2028"; groups 1 and 2.
pub fn periode() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"\b((?:19|20)[0-9]{2})\s*(?:-|–|—|/|à|au)\s*((?:19|20)[0-9]{2})\b",
    )
}

/// The territory named in a contract's title, after "Contrat local de santé"; group `nom`.
pub fn titre_territoire() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&format!(r"(?i)contrat\s+local\s+de\s+sant[ée]\s*(?:\(CLS\)\s*)?(?:(?:de\s+)?{GENERATION}\s*)?(?:[:\-–]\s*)?(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d'|sur\s+le\s+territoire\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?)?(?P<nom>.+)$")).expect("built-in pattern"))
}

/// What may stand between "Contrat local de santé" and the territory: a period, "du", "de la"…
pub fn titre_tete() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&format!(r"(?i)^\s*(?:[0-9]{{4}}\s*[-–/]\s*[0-9]{{4}}|[0-9]{{4}}|(?:de\s+)?{GENERATION})\s*(?:[:\-–,]\s*)?(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d'|pour\s+(?:le|la|les)\s+)?")).expect("built-in pattern"))
}

/// What may trail the territory in a title: "(CLS)", "2e génération", a separator.
pub fn titre_queue() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\s*(?:\(CLS\)|CLS|(?:de\s+)?{GENERATION}|[-–:,])\s*$"
        ))
        .expect("built-in pattern")
    })
}

/// A period announced in running text ("pour la période 2020-2025", "2021 et jusqu'en 2026", "depuis 2020 et jusqu'à 2024"); groups 1-2, 3-4 or 5-6.
pub fn periode_texte() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)(?:p[ée]riode|pour les ann[ée]es|de)\s+((?:19|20)[0-9]{2})\s*(?:-|–|—|/|à|au)\s*((?:19|20)[0-9]{2})|((?:19|20)[0-9]{2})\s+et\s+jusqu'(?:en|à|au)\s+((?:19|20)[0-9]{2})|depuis\s+((?:19|20)[0-9]{2})\s+et\s+jusqu'(?:en|à|au)\s+((?:19|20)[0-9]{2})",
    )
}

/// Words that introduce the signing date ("Signé … le", "Fait à … le", "Date de signature :"); group 1 is the date.
pub fn signature() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)(?:\b(?:sign[ée]e?s?|fait)\b[^.]{0,60}?\ble\s+|\bdate\s+de\s+(?:la\s+)?signature\s*:?\s*(?:le\s+)?|\bsignature\s*:\s*(?:le\s+)?)(.{6,30})",
    )
}

/// The place and date of signature on a line of their own ("Lure, le 3 juillet 2025"); group 1.
pub fn lieu_date() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^\p{Lu}[\p{Latin}'’ -]{1,40},\s+le\s+(.{6,30})$")
}

/// A bullet or a list number at the start of a line.
pub fn puce() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^\s*(?:[-•–·▪➢✓*]|[0-9]+[.)])\s*")
}

/// A line starting with a definite article ("Le Département …").
pub fn article() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^(?:Le|La|Les|L'|L’)\s*\S")
}

/// A line that ends the list of the contract's parties (an article, "Il est convenu", "Vu …").
pub fn apres_parties() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?:[IVX]+[-–.][0-9]|[IVX]+\s|Article\b|ET\b|SOMMAIRE|Il est convenu|Vu\b)",
    )
}

/// "X, représenté par Y"; groups `nom`, `rest`.
pub fn represente() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)^(?P<nom>.+?),?\s+représentée?s?\s+par\s+(?P<rest>.+)$",
    )
}

/// A representative: optional quality, civility, name; groups `q1`, `nom`, `q2`.
pub fn civilite() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?:(?:son|sa|leur)\s+(?P<q1>[^,]+?)\s*,?\s+)?(?:M\.|Mme|Mr|Monsieur|Madame|Mlle)\s+(?P<nom>[A-ZÉÈ][^,]+?)\s*(?:,\s*(?P<q2>.+))?$",
    )
}

/// A numbered section heading or "Annexe", which ends the list of communes.
pub fn section() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^(?:[IVX]+\s*[-–.]|[0-9]+\s*[-–.]|Annexe|ANNEXE)")
}

/// The words that name a local health contract ("contrat local de santé", "CLS").
pub fn contrat() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)\bcontrats?\s+loca(?:l|ux)\s+de\s+sant[ée]|\bCLS\b",
    )
}

/// A link text or file name that names the contract ("contrat", "CLS", "…_cls.pdf").
pub fn lien_contrat() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"(?i)contrat|\bcls\b|(?:^|[/_\-.])cls(?:[_\-.]|$)")
}

/// What introduces a territory in a page ("Contrat local de santé de", "territoire de").
pub fn avant_territoire() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)(?:(?:contrat\s+local\s+de\s+sant[ée](?:\s*\(CLS\))?|\bCLS)(?:\s*\(?(?:19|20)[0-9]{2}\s*[-–/]\s*(?:19|20)[0-9]{2}\)?)?|territoires?|collectivit[ée]s?|syndicat\s+mixte|agglom[ée]ration|sur\s+le\s+territoire)\s+(?:intercommunal\s+)?(?:de\s+la\s+|du\s+|de\s+l'|des\s+|de\s+|d')",
    )
}

/// A territory's name: capitalised words, possibly a "métropole" or "agglomération".
pub fn nom_territoire() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"\b(\p{Lu}[\p{Latin}'\-]+(?:\s+(?i:m[ée]tropole|agglom[ée]ration|agglo|communaut[ée]))?)\b",
    )
}

/// A local authority named by its name, then its kind, over several words: "Monts
/// d'Arrée-Aulne Communauté", "Pays de Sablonne Agglomération"; group 1.
pub fn nom_puis_genre() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"\b(\p{Lu}[\p{Latin}'’\-]+(?:\s+(?:d['’]|de\s+|du\s+|des\s+)?\p{Lu}[\p{Latin}'’\-]+){0,3}\s+(?:M[ée]tropole|Agglom[ée]ration|Communaut[ée]))\b",
    )
}

/// The separator between a page's title and its site name ("… | Ville de X").
pub fn separateur_titre() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"\s+[|–—-]\s+|\s*\|\s*")
}

/// The name of a local authority as a site names itself ("Communauté de communes …", "Mairie de …").
pub fn collectivite() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?:Communaut[ée]\s+(?i:de\s+communes|d['’]agglom[ée]ration|urbaine)|M[ée]tropole|Syndicat\s+mixte|PETR|Parc\s+naturel\s+r[ée]gional|P[ôo]le\s+d['’][ée]quilibre\s+territorial\s+et\s+rural|Ville|Commune)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?",
    )
}

/// The abbreviation of a local authority's kind before its name ("CC Coteaux du Layon",
/// "CA du Grand X"), with its article; the name follows.
/// A "pays" named as a local authority: "Pays de la Marche Ardouine"; what follows is its
/// name.
pub fn pays() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"\bPays\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')")
}

pub fn sigle_collectivite() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?:CC|CA|CU|CdC|Agglo)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?",
    )
}

/// "Ville de X", "Commune de X", "Mairie de X"; group 1.
pub fn ville() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"\b((?:Ville|Commune|Mairie)\s+(?:de\s+|d')\p{Lu}[\p{Latin}'\-]+(?:[\s\-](?:sur|en|la|le|les|de|des|du|l')[\s\-]\p{Lu}[\p{Latin}'\-]+)*)",
    )
}

/// A signing date in a page's prose ("signé le 15 décembre 2022"); group 1.
pub fn signature_web() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)\bsign(?:er|é|e|ée|és|ées|ature|ataires?)\b[^.]{0,80}?\ble\s+([0-9]{1,2}(?:er)?\s+\p{Latin}+\.?\s+(?:19|20)[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/(?:19|20)[0-9]{2})",
    )
}

/// "en 4 axes", "trois axes": the announcement of a list of axes; group 1 their number.
pub fn annonce_axes() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)\b([0-9]+|deux|trois|quatre|cinq|six|sept)?\s*axes\b",
    )
}

/// A page heading that opens an action ("Fiche action 3 :", "Action 2.1 –").
pub fn titre_action_web() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?i:fiche(?:[\s-]+actions?)?|action|projet|mesure|FA\b|F\.A\.)\s*(?i:n\s*°|n°|no\.?)?\s*(?P<num>[A-Z]?[0-9]{1,3}(?:\.[0-9]{1,2}){0,2}|[IVX]{1,4}\.[0-9]{1,2}\b|[A-Z]\b)\s*(?:[:\-–.)]\s*(?P<titre>\S.*)|\s+(?P<titre_nu>\p{Lu}.*))?$",
    )
}

/// A numbered heading ("3. Développer …", "1.2 Développer …"); groups `num`, `titre`, and
/// `nu` (empty) when no separator follows the number.
pub fn action_numerotee() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?P<num>[0-9]{1,3}(?:\.[0-9]{1,2})?|[IVX]{1,4}\.[0-9]{1,2})(?:\s*[-–.):]\s+|\s+(?P<nu>))(?P<titre>\p{Lu}.{8,})$",
    )
}

/// A lead in prose ("piloté par X", "porté par X").
pub fn pilote_prose() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)^(?:(?:action|fiche|projet)\s+)?(?:(?:co-?)?pilot[ée]e?s?|(?:co-?)?port[ée]e?s?|coordonn[ée]e?s?|men[ée]e?s?)\s+par\s+(?P<who>.+)$",
    )
}

/// An axis named alone, as a card's badge or above its title in a block of its own: "Axe
/// 2", "Axe n° 3", "AXE II", "Orientation 1 :"; group `num`. The words are those of an
/// axis line (`vocab::Patterns::axe`).
pub fn axe_seul() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)^(?:axe(?:\s+strat[ée]gique)?|ambition|orientation(?:\s+strat[ée]gique)?|priorit[ée](?:\s+strat[ée]gique)?|enjeu|volet)\s*(?:n\s*°|n°|no)?\s*(?P<num>[0-9]{1,2}|[IVX]{1,4}|(?-i:[A-HJ-U]))\s*[:.]?$",
    )
}

/// The header of a table column that gives each row's axis: "Axe", "Axe stratégique",
/// "Orientation", "Priorité".
pub fn en_tete_axe() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)^(?:axes?|orientations?|priorit[ée]s?|ambitions?|enjeux?|volets?)(?:\s+strat[ée]giques?|\s+du\s+contrat)?\s*(?:n\s*°|n°)?\s*:?$",
    )
}

/// A list item lettered in its text: "A. Titre (porteur : …)", "B) Titre"; groups `num`,
/// `titre`.
pub fn item_lettre() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^(?P<num>[A-Z])[.)]\s+(?P<titre>\p{Lu}.{8,})$")
}

/// An axis numbered by an ordinal before the word: "1er axe", "2e axe", "3ème axe";
/// group `num`.
pub fn axe_ordinal() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)^(?P<num>[0-9]{1,2})\s*(?:er|re|e|ème|eme|nd|nde)\s+axe(?:\s+strat[ée]gique)?",
    )
}

/// An action's number alone in its block, its title in the next one (Drupal writes each
/// field of a paragraph in its own element): "1.2", "3.", "FA 4", "Fiche action n° 2";
/// group `num`, and group `nu` when the number has no word before it.
pub fn numero_seul() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"^(?:(?i:fiches?(?:[\s-]+actions?)?|actions?|FA|F\.A\.|n\s*°|n°|no\.)\s*(?i:n\s*°|n°|no\.?)?\s*(?P<num>[A-Z]?[0-9]{1,3}(?:\.[0-9]{1,2}){0,2}|[A-Z]\b)|(?P<nu>[0-9]{1,2}(?:\.[0-9]{1,2}){0,2}))\s*[.:]?$",
    )
}

/// A lead in parentheses after a title ("(pilote : X)").
pub fn pilote_parenthese() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(
        &R,
        r"(?i)\s*\((?:porteurs?|pilotes?|pilotage|(?:(?:co-?)?pilot[ée]e?s?|(?:co-?)?port[ée]e?s?)\s+par)\s*:?\s*(?P<who>[^()]+)\)\s*\.?\s*$",
    )
}

/// A name after its article ("la Ville de X" → "Ville de X"); group `rest`.
pub fn sans_article() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    compiled(&R, r"^(?:(?:le|la|les)\s+|l['’]\s*)(?P<rest>\p{Lu}.*)$")
}
