//! Calendar cells to `debut`, `fin`, `recurrence`, `jalons`; French dates to ISO.
//!
//! Rules of the spec: `debut`/`fin` are the earliest and latest years the text states; a
//! phrase such as "durée du CLS" stands for the contract's own period, "fin du CLS" for its
//! end year; a text whose only dates are open-ended ("à partir de 2020", "depuis 2019") has
//! `fin` null; a text without a year has both null.

use crate::text::{fold, Folded};
use cls_model::{Calendrier, Jalon, Recurrence};
use regex::Regex;
use std::sync::OnceLock;

/// The month number of a French month name or abbreviation ("FEV.", "févr", "août").
pub fn month(word: &str) -> Option<u32> {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    const MONTHS: [(&str, u32); 12] = [
        ("janv", 1),
        ("fev", 2),
        ("mars", 3),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juil", 7),
        ("aou", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(p, _)| w.starts_with(p) || (p.len() > w.len() && p.starts_with(w) && w.len() >= 3))
        .map(|(_, m)| *m)
}

/// "17 FEV. 2020", "1er juillet 2019", "15/12/2022" → ISO "YYYY-MM-DD"; `None` when the
/// text does not start with a full date.
pub fn parse_date_fr(s: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| Regex::new(r"(?i)^\s*([0-9]{1,2})(?:er|e)?\s+([a-zéèûôA-ZÉÈÛÔ]{3,10})\.?\s+((?:19|20)[0-9]{2})\b|^\s*([0-9]{1,2})[/.]([0-9]{1,2})[/.]((?:19|20)[0-9]{2})\b").expect("pattern"));
    let c = r.captures(s)?;
    let (d, m, y) = if c.get(1).is_some() {
        (
            c[1].parse::<u32>().ok()?,
            month(&c[2])?,
            c[3].parse::<u32>().ok()?,
        )
    } else {
        (
            c[4].parse::<u32>().ok()?,
            c[5].parse::<u32>().ok()?,
            c[6].parse::<u32>().ok()?,
        )
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

struct Res {
    year: Regex,
    open: Regex,
    whole_period: Regex,
    end_of_period: Regex,
    until: Regex,
    full_date: Regex,
    month_year: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("built-in pattern");
        Res {
            // A year is four digits standing alone: not part of a longer number, an amount
            // ("2 020 €") or a phone number.
            year: r(r"(?:^|[^0-9,.])((?:19[89][0-9]|20[0-4][0-9]))(?:$|[^0-9])"),
            open: r(r"(?i)(?:[àa]\s+partir\s+(?:de\s+)?|depuis\s+|d[èe]s\s+|[àa]\s+compter\s+de\s+)(?:(?:le\s+)?[0-9]{1,2}(?:er)?\s+)?(?:(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|l'ann[ée]e|la\s+rentr[ée]e|(?:la\s+)?fin|(?:le\s+)?d[ée]but|septembre)\s+)?((?:19|20)[0-9]{2})"),
            whole_period: r(r"(?i)(?:dur[ée]e|long)\s+d[ue]\s+(?:present\s+|pr[ée]sent\s+)?(?:cls|contrat)|toute\s+la\s+dur[ée]e|dur[ée]e\s+du\s+cls|p[ée]riode\s+du\s+(?:cls|contrat)"),
            end_of_period: r(r"(?i)(?:fin|terme|[ée]ch[ée]ance)\s+du\s+(?:cls|contrat)"),
            until: r(r"(?i)jusqu'?\s*(?:en|à|au|a)?\s*(?:\w+\s+)?((?:19|20)[0-9]{2})"),
            full_date: r(r"(?i)\b([0-9]{1,2})(?:er)?(?:\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+|[/.]([0-9]{1,2})[/.])((?:19|20)[0-9]{2})\b"),
            month_year: r(r"(?i)\b(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+((?:19|20)[0-9]{2})\b"),
        }
    })
}

/// Every year stated in the text, in order, with whether it opens an open-ended span.
fn years(text: &str) -> Vec<(i32, bool)> {
    let r = res();
    let open_years: Vec<usize> = r
        .open
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.start()))
        .collect();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = r.year.captures_at(text, pos) {
        let m = c.get(1).expect("group 1");
        if let Ok(y) = m.as_str().parse::<i32>() {
            out.push((y, open_years.contains(&m.start())));
        }
        pos = m.end();
    }
    out
}

/// Reads a calendar cell. `periode` is the contract's own period (debut, fin), which
/// phrases like "durée du CLS" stand for.
pub fn calendrier(texte: Option<String>, periode: (Option<i32>, Option<i32>)) -> Calendrier {
    let Some(t) = texte else {
        return Calendrier::default();
    };
    let r = res();
    let ys = years(&t);
    let mut debut = ys.iter().map(|y| y.0).min();
    let mut fin = ys.iter().map(|y| y.0).max();
    let whole = r.whole_period.is_match(&t);
    let end = r.end_of_period.is_match(&t);
    let until = r.until.is_match(&t);
    if whole || end {
        if let Some(pf) = periode.1 {
            fin = Some(fin.map_or(pf, |f| f.max(pf)));
        }
        if whole && debut.is_none() {
            debut = periode.0;
        }
    } else if !ys.is_empty() && ys.iter().all(|y| y.1) && !until {
        // Only open-ended dates: the action has a start, not an end.
        fin = None;
    }
    Calendrier {
        recurrence: recurrence(&t),
        jalons: jalons(&t),
        texte: Some(t),
        debut,
        fin,
    }
}

/// "Chaque année", "6 ateliers par an" → annuelle; "chaque mois", "tous les premiers
/// jeudis de chaque mois" → mensuelle; "chaque semaine", "hebdomadaire" → hebdomadaire.
pub fn recurrence(text: &str) -> Option<Recurrence> {
    let f = fold(text);
    static MONTH_OF: OnceLock<Regex> = OnceLock::new();
    let every_month_of = MONTH_OF.get_or_init(|| Regex::new(r"chaque mois d(?:e|')\s*(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)").expect("pattern"));
    if every_month_of.is_match(&f) {
        return Some(Recurrence::Annuelle);
    }
    let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
    if has(&[
        "hebdomadaire",
        "chaque semaine",
        "par semaine",
        "toutes les semaines",
        "tous les lundis",
        "tous les mardis",
        "tous les mercredis",
        "tous les jeudis",
        "tous les vendredis",
    ]) {
        return Some(Recurrence::Hebdomadaire);
    }
    if has(&[
        "mensuel",
        "chaque mois",
        "par mois",
        "tous les mois",
        "de chaque mois",
    ]) {
        return Some(Recurrence::Mensuelle);
    }
    if has(&[
        "chaque annee",
        "annuel",
        "par an",
        "tous les ans",
        "chaque rentree",
        "une fois par an",
        "chaque exercice",
    ]) {
        return Some(Recurrence::Annuelle);
    }
    None
}

/// Dated steps: a full date, a month and year, or a year introduced by "en", "courant",
/// "début", "fin" or "mi", with the words before it (since the previous date) as label.
pub fn jalons(text: &str) -> Vec<Jalon> {
    let r = res();
    static POINT_YEAR: OnceLock<Regex> = OnceLock::new();
    let point_year = POINT_YEAR.get_or_init(|| {
        Regex::new(r"(?i)\b(?:en|courant|d[ée]but|fin|mi|au\s+cours\s+de)\s+((?:19|20)[0-9]{2})\b")
            .expect("pattern")
    });
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for c in r.full_date.captures_iter(text) {
        let m = c.get(0).expect("match");
        let d: u32 = c[1].parse().unwrap_or(0);
        let mo = c
            .get(2)
            .and_then(|x| month(x.as_str()))
            .or_else(|| c.get(3).and_then(|x| x.as_str().parse().ok()))
            .unwrap_or(0);
        if (1..=31).contains(&d) && (1..=12).contains(&mo) {
            found.push((m.start(), m.end(), format!("{}-{mo:02}-{d:02}", &c[4])));
        }
    }
    for c in r.month_year.captures_iter(text) {
        let m = c.get(0).expect("match");
        if found.iter().any(|f| m.start() < f.1 && f.0 < m.end()) {
            continue;
        }
        if let Some(mo) = month(&c[1]) {
            found.push((m.start(), m.end(), format!("{}-{mo:02}", &c[2])));
        }
    }
    for c in point_year.captures_iter(text) {
        let m = c.get(0).expect("match");
        if found.iter().any(|f| m.start() < f.1 && f.0 < m.end()) {
            continue;
        }
        found.push((m.start(), m.end(), c[1].to_string()));
    }
    found.sort_by_key(|f| f.0);
    let mut out = Vec::new();
    let mut prev_end = 0;
    for (start, end, date) in found {
        let before = label_of(&text[prev_end.min(start)..start]);
        prev_end = end;
        if let Some(l) = before {
            out.push(Jalon { date, libelle: l });
        }
    }
    out
}

/// The label of a date: the words since the previous date, without connectors.
fn label_of(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| {
            c == ':' || c == ',' || c == ';' || c == '-' || c == '–' || c == '(' || c == ')'
        })
        .trim()
        .to_string();
    let t = without_trailing_connectors(t);
    // A leading connector is whatever comes before the first letter or digit.
    let t = t
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string();
    let words = t.split_whitespace().count();
    ((1..=14).contains(&words)
        && t.chars().any(|c| c.is_alphabetic())
        && !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
    .then_some(t)
}

/// Words that end a label only because a date followed them ("… en", "… de", "… le"),
/// folded.
const TRAILING_CONNECTORS: [&str; 21] = [
    " en",
    " le",
    " de",
    " du",
    " au",
    " a",
    " des",
    " dans",
    " pour",
    " entre",
    " depuis",
    " d'ici",
    " a partir de",
    " courant",
    " debut",
    " fin",
    " mi",
    " et",
    " ou",
    " :",
    " -",
];

/// Drops trailing connectors one after the other until none is left ("… courant de").
fn without_trailing_connectors(mut t: String) -> String {
    loop {
        let lower = fold(&t);
        let Some(suffix) = TRAILING_CONNECTORS
            .iter()
            .find(|suffix| lower.ends_with(**suffix))
        else {
            return t;
        };
        // Matched in the folded text, cut from the original through its map.
        let folded = Folded::new(&t);
        let kept = folded
            .original_before(lower.len() - suffix.len())
            .to_string();
        t = kept.trim_end().to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: (Option<i32>, Option<i32>) = (Some(2020), Some(2025));

    /// (text, debut, fin): forms seen in real contracts, including the ones that must not
    /// produce a year.
    const YEARS: &[(&str, Option<i32>, Option<i32>)] = &[
        ("2020-2025", Some(2020), Some(2025)),
        ("2019/2023", Some(2019), Some(2023)),
        ("Année scolaire 2019-2020", Some(2019), Some(2020)),
        ("Année scolaire 2019/2020", Some(2019), Some(2020)),
        ("A partir de 2020", Some(2020), None),
        ("à partir de 2021", Some(2021), None),
        ("Depuis 2019", Some(2019), None),
        ("dès janvier 2025", Some(2025), None),
        ("Dès 2023", Some(2023), None),
        ("A compter de 2022", Some(2022), None),
        ("A déployer à partir de 2020", Some(2020), None),
        ("Action existant depuis 2014, du 1er janvier au 31 décembre", Some(2014), None),
        ("9 fois par an à partir de 2020 (1 réunion par axe 3 fois par an)", Some(2020), None),
        ("Programme annuel à définir, à partir de 2020", Some(2020), None),
        ("A partir de 2019, en fonction des demandes des conseillers", Some(2019), None),
        ("courant 2019", Some(2019), Some(2019)),
        ("fin 2018", Some(2018), Some(2018)),
        ("1er semestre 2020", Some(2020), Some(2020)),
        ("2e semestre 2019", Some(2019), Some(2019)),
        ("premier trimestre 2022", Some(2022), Some(2022)),
        ("de février à mai 2020", Some(2020), Some(2020)),
        ("Mai 2019 à la fin du CLS", Some(2019), Some(2025)),
        ("Durée du CLS", Some(2020), Some(2025)),
        ("Pendant la durée du CLS", Some(2020), Some(2025)),
        ("pendant toute la durée du contrat", Some(2020), Some(2025)),
        ("A partir de 2020 et sur toute la durée du CLS", Some(2020), Some(2025)),
        ("A partir de 2020 et sur la durée du CLS", Some(2020), Some(2025)),
        ("Lancement de la démarche en 2020 Déploiement pendant la durée du CLS", Some(2020), Some(2025)),
        ("jusqu'en 2027", Some(2027), Some(2027)),
        ("Action engagée en 2017 et programmée jusqu'en 2027", Some(2017), Some(2027)),
        ("le 28/03/2019", Some(2019), Some(2019)),
        ("Elaboration de la délibération de lancement le 28/03/2019 Première réunion en septembre 2019", Some(2019), Some(2019)),
        ("Chaque année", None, None),
        ("Chaque mois d'avril", None, None),
        ("Tous les premiers jeudis de chaque mois", None, None),
        ("6 ateliers par an, reconductibles", None, None),
        ("reconductible", None, None),
        ("Année civile", None, None),
        ("Expérimentation sur 1 an sous réserve de la formation des intervenants", None, None),
        ("Déjà mis en œuvre", None, None),
        ("Mise en œuvre chaque année", None, None),
        ("A définir", None, None),
        ("Groupe de travail mis en place en 2019", Some(2019), Some(2019)),
        ("Lancement en 2020 ?", Some(2020), Some(2020)),
        ("Mise en place en novembre 2017 Convention de partenariat mi 2019", Some(2017), Some(2019)),
        ("Groupe de travail en février 2020 : définition des modalités de déploiement 2020-2021 : production des documents 2020-2022 : exposition 2020-2026 : conférence annuelle", Some(2020), Some(2026)),
        ("Tous les premiers jeudis de chaque mois pendant une heure trente, d'octobre 2018 à juillet 2019", Some(2018), Some(2019)),
        ("Etat des lieux : de février à mai 2020 Construction du référentiel : mai à septembre 2020 Mise en place d'actions test à partir de 2021", Some(2020), Some(2021)),
        ("2020-2021 A reconduire éventuellement chaque année scolaire", Some(2020), Some(2021)),
        ("Action dans le cadre du programme ECLAT - réalisation de l'action en 2020", Some(2020), Some(2020)),
        ("Sur la période 2019-2021", Some(2019), Some(2021)),
        ("Déploiement 2023 – 2027", Some(2023), Some(2027)),
        ("2 500 personnes touchées en 2021", Some(2021), Some(2021)),
        ("Budget 2 020 €", None, None),
        ("Contact : 02 37 23 40 00", None, None),
        ("Semaine du 10 au 16 octobre", None, None),
        ("Réunion trimestrielle", None, None),
        ("Durée : 3 ans", None, None),
        ("Depuis 2015 et jusqu'en 2022", Some(2015), Some(2022)),
        ("Dès la signature du contrat", None, None),
        ("Fin du CLS", None, Some(2025)),
        ("de 2023 à 2027", Some(2023), Some(2027)),
    ];

    #[test]
    fn years_of_real_calendar_cells() {
        assert!(YEARS.len() >= 60);
        for (text, debut, fin) in YEARS {
            let c = calendrier(Some(text.to_string()), P);
            assert_eq!((c.debut, c.fin), (*debut, *fin), "{text}");
        }
    }

    #[test]
    fn recurrences() {
        let cases: &[(&str, Option<Recurrence>)] = &[
            ("Chaque année", Some(Recurrence::Annuelle)),
            ("Chaque mois d'avril", Some(Recurrence::Annuelle)),
            (
                "Tous les premiers jeudis de chaque mois",
                Some(Recurrence::Mensuelle),
            ),
            ("6 ateliers par an", Some(Recurrence::Annuelle)),
            ("Permanence hebdomadaire", Some(Recurrence::Hebdomadaire)),
            ("Réunion mensuelle du comité", Some(Recurrence::Mensuelle)),
            ("2020-2025", None),
            ("Année civile", None),
            ("Conférence annuelle", Some(Recurrence::Annuelle)),
            ("reconductible", None),
        ];
        for (t, want) in cases {
            assert_eq!(recurrence(t), *want, "{t}");
        }
    }

    #[test]
    fn milestones_with_labels() {
        let j = jalons(
            "Groupe de travail en février 2020 : définition des modalités de déploiement 2020-2021",
        );
        assert_eq!(
            j.first().map(|j| (j.date.as_str(), j.libelle.as_str())),
            Some(("2020-02", "Groupe de travail"))
        );
        let j = jalons("Elaboration de la délibération de lancement le 28/03/2019 Première réunion des acteurs en septembre 2019");
        assert_eq!(
            j.iter().map(|j| j.date.as_str()).collect::<Vec<_>>(),
            vec!["2019-03-28", "2019-09"]
        );
        assert_eq!(j[1].libelle, "Première réunion des acteurs");
        assert!(jalons("Chaque année").is_empty());
        assert!(jalons("2020-2025").is_empty());
    }

    #[test]
    fn dates_in_full() {
        assert_eq!(parse_date_fr("17 FEV. 2020").as_deref(), Some("2020-02-17"));
        assert_eq!(
            parse_date_fr("1er juillet 2019").as_deref(),
            Some("2019-07-01")
        );
        assert_eq!(parse_date_fr("15/12/2022").as_deref(), Some("2022-12-15"));
        assert_eq!(parse_date_fr("32/12/2022"), None);
        assert_eq!(parse_date_fr("en juillet 2015"), None);
    }
}
