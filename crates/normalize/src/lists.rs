//! Cells that hold lists: target groups (`public_cible`) and indicators (`indicateurs`).
//!
//! Cells often lose their separators when a table is printed: "Habitants des quartiers
//! prioritaires Mamans" is two groups, "Nombre de réunions organisées Nombre de personnes
//! sensibilisées" two indicators. Explicit separators (";", "/", "•", commas outside
//! parentheses for groups) split first; then a capitalised word after a content word
//! opens a new item, unless it is an acronym or a proper name (two capitalised words).

use crate::text::{fold, is_acronym};

/// Words after which a capitalised word continues the phrase ("Habitants de Chartres").
const FUNCTION_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "les", "l'", "à", "a", "au", "aux", "en", "et", "ou",
    "sur", "pour", "par", "dans", "avec", "chez", "vers", "entre", "sans", "sous", "son", "sa",
    "ses", "leur", "leurs", "un", "une", "dont", "que", "qui",
];

/// Nouns usually followed by a proper name ("collège Jean Moulin", "ville Chartres").
const NAME_NOUNS: &[&str] = &[
    "ville",
    "commune",
    "communes",
    "quartier",
    "quartiers",
    "college",
    "lycee",
    "ecole",
    "centre",
    "association",
    "pays",
    "saint",
    "sainte",
];

/// Words that open an indicator even in lower case ("… conforme nombre de communes …").
const INDICATOR_HEADS: &[&str] = &[
    "nombre de ",
    "nombre d'",
    "taux de ",
    "taux d'",
    "pourcentage de ",
    "pourcentage d'",
    "part de ",
    "part des ",
    "proportion de ",
    "evolution de ",
    "evolution du ",
    "evolution des ",
];

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars().skip_while(|c| !c.is_alphanumeric());
    cs.next().is_some_and(|c| c.is_uppercase())
}

/// Splits at a capitalised word that follows a content word, outside parentheses and
/// quotes.
fn split_at_capitals(s: &str, indicator_heads: bool) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    let mut depth = 0i32;
    let mut quotes = 0usize;
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| words[p]);
        let next = words.get(i + 1).copied();
        let mut opens = false;
        if let Some(prev) = prev {
            let pf = fold(prev);
            let pw = pf.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let prev_ends_phrase =
                !FUNCTION_WORDS.contains(&pw) && !prev.ends_with('\'') && !prev.ends_with('-');
            if depth == 0 && quotes.is_multiple_of(2) && prev_ends_phrase {
                if capitalised(w) && !is_acronym(w) && !NAME_NOUNS.contains(&pw) {
                    // "Jean Moulin", "Saint Aubin", "Mission Locale": capitalised words in a
                    // row are a name, not a new item.
                    let name_follows = next.is_some_and(|n| capitalised(n) && !is_acronym(n));
                    let in_name = capitalised(prev)
                        || is_acronym(prev)
                        || prev.chars().all(|c| c.is_ascii_digit());
                    opens = !name_follows && !in_name;
                }
                // "Nombre de …" opens an indicator even after a name ("… Contrat de Ville
                // Nombre de réunions").
                if indicator_heads {
                    let rest = fold(
                        &words[i..]
                            .iter()
                            .take(2)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    opens = opens
                        || INDICATOR_HEADS
                            .iter()
                            .any(|h| rest.starts_with(h) || format!("{rest} ").starts_with(h));
                }
            }
        }
        if opens && !out.last().is_some_and(|v| v.is_empty()) {
            out.push(Vec::new());
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        depth = depth.max(0);
        quotes += w.matches('"').count() + w.matches('«').count() + w.matches('»').count();
        out.last_mut().expect("one group at least").push(w);
    }
    out.into_iter()
        .map(|v| v.join(" "))
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// Splits on a separator character outside parentheses.
fn split_outside_parens(s: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| {
            s.trim()
                .trim_matches(|c: char| c == '-' || c == '•' || c == '.' || c == '–')
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn join(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Target groups of a `public_cible` cell.
pub fn public_cible(lines: &[String]) -> Vec<String> {
    // "CM1/CM2" is one level, not two groups: protect a slash between codes.
    const SLASH: char = '\u{2215}';
    let joined = join(lines);
    let chars: Vec<char> = joined.chars().collect();
    let t: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let code =
                |j: Option<&char>| j.is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
            if c == '/'
                && code(i.checked_sub(1).and_then(|j| chars.get(j)))
                && code(chars.get(i + 1))
                && chars.get(i + 2).is_none_or(|c| !c.is_lowercase())
            {
                SLASH
            } else {
                c
            }
        })
        .collect();
    let mut out = Vec::new();
    for part in split_outside_parens(&t, &[';', '/', '•', ',', '\n']) {
        // "et" joins words of one group ("Enfants et leurs familles"): never split there.
        out.extend(split_at_capitals(&part, false));
    }
    out.into_iter().map(|s| s.replace(SLASH, "/")).collect()
}

/// Indicators of an evaluation cell.
pub fn indicateurs(lines: &[String]) -> Vec<String> {
    let t = join(lines);
    let mut out = Vec::new();
    for part in split_outside_parens(&t, &[';', '•', '\n']) {
        let part = part
            .trim_start_matches(|c: char| c == '-' || c == '*' || c.is_whitespace())
            .to_string();
        out.extend(split_at_capitals(&part, true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pc(s: &str) -> Vec<String> {
        public_cible(&[s.to_string()])
    }
    fn ind(s: &str) -> Vec<String> {
        indicateurs(&[s.to_string()])
    }

    const PUBLICS: &[(&str, &[&str])] = &[
        ("Habitants des quartiers prioritaires Mamans", &["Habitants des quartiers prioritaires", "Mamans"]),
        ("Enfants ; adolescents ; femmes victimes de violence", &["Enfants", "adolescents", "femmes victimes de violence"]),
        ("Enfants ; adolescents ; femmes victimes de violence ; personnes en situation de précarité", &["Enfants", "adolescents", "femmes victimes de violence", "personnes en situation de précarité"]),
        ("Agriculteurs/habitants", &["Agriculteurs", "habitants"]),
        ("Professionnels (architectes, urbanistes, paysagistes, bureaux d'études, aménageurs, maîtres d'ouvrage, élus, entreprises), habitants", &["Professionnels (architectes, urbanistes, paysagistes, bureaux d'études, aménageurs, maîtres d'ouvrage, élus, entreprises)", "habitants"]),
        ("Enfants en milieu scolaire CM1/CM2", &["Enfants en milieu scolaire CM1/CM2"]),
        ("Enfants âgés de 2 à 16 ans et leurs familles rencontrant des fragilités", &["Enfants âgés de 2 à 16 ans et leurs familles rencontrant des fragilités"]),
        ("Personnes en ALD ou atteintes de maladies chroniques", &["Personnes en ALD ou atteintes de maladies chroniques"]),
        ("Population en situation de précarité", &["Population en situation de précarité"]),
        ("Toute population/Personnes en situation de précarité", &["Toute population", "Personnes en situation de précarité"]),
        ("Familles et aidants familiaux (tous âges) Grand public", &["Familles et aidants familiaux (tous âges)", "Grand public"]),
        ("Publics fragiles, personnes âgées, chauffeurs de bus", &["Publics fragiles", "personnes âgées", "chauffeurs de bus"]),
        ("Séniors", &["Séniors"]),
        ("Séniors/personnes en situation de handicap", &["Séniors", "personnes en situation de handicap"]),
        ("Habitants de Chartres", &["Habitants de Chartres"]),
        ("Élèves du collège Jean Moulin", &["Élèves du collège Jean Moulin"]),
        ("Habitants des QPV", &["Habitants des QPV"]),
        ("Jeunes de 16 à 25 ans", &["Jeunes de 16 à 25 ans"]),
        ("Professionnels de santé", &["Professionnels de santé"]),
        ("Collégiens, lycéens et jeunes en insertion", &["Collégiens", "lycéens et jeunes en insertion"]),
        ("Internes en médecine générale ; jeunes médecins", &["Internes en médecine générale", "jeunes médecins"]),
        ("Personnes âgées • Aidants", &["Personnes âgées", "Aidants"]),
        ("Tout public", &["Tout public"]),
        ("Résidents des EHPAD", &["Résidents des EHPAD"]),
        ("Etudiants en médecine et jeunes médecins", &["Etudiants en médecine et jeunes médecins"]),
        ("Services publics et entreprises", &["Services publics et entreprises"]),
        ("Habitants de Saint Aubin des Bois", &["Habitants de Saint Aubin des Bois"]),
        ("Femmes enceintes Jeunes parents", &["Femmes enceintes", "Jeunes parents"]),
        ("", &[]),
        ("Personnes âgées en souffrance psychique", &["Personnes âgées en souffrance psychique"]),
    ];

    const INDICATORS: &[(&str, &[&str])] = &[
        ("Nombre de réunions organisées Nombre de personnes sensibilisées", &["Nombre de réunions organisées", "Nombre de personnes sensibilisées"]),
        ("Nombre de réunions organisées Nombre de personnes sensibilisées Nombre de mesures mises en place", &["Nombre de réunions organisées", "Nombre de personnes sensibilisées", "Nombre de mesures mises en place"]),
        ("Nombre de participants aux réunions de sensibilisation Nombre d'enfants concernés Questionnaire d'évaluation", &["Nombre de participants aux réunions de sensibilisation", "Nombre d'enfants concernés", "Questionnaire d'évaluation"]),
        ("Nombre d'abonnés recouvrant une eau conforme nombre de communes recevant une eau conforme", &["Nombre d'abonnés recouvrant une eau conforme", "nombre de communes recevant une eau conforme"]),
        ("Nombre de personnes bénéficiaires en ALD ou atteintes de maladies chroniques", &["Nombre de personnes bénéficiaires en ALD ou atteintes de maladies chroniques"]),
        ("Nombre d'interventions ; nombre de jeunes sensibilisés", &["Nombre d'interventions", "nombre de jeunes sensibilisés"]),
        ("Taux de participation Evolution du nombre de dépistages", &["Taux de participation", "Evolution du nombre de dépistages"]),
        ("Nombre de contacts pris par les jeunes médecins ou étudiants", &["Nombre de contacts pris par les jeunes médecins ou étudiants"]),
        ("Pages web MDA 28 et CPAM 28 pointant sur les fichiers \"brochure\", \"guide d'utilisation\" et \"vidéo\"", &["Pages web MDA 28 et CPAM 28 pointant sur les fichiers \"brochure\", \"guide d'utilisation\" et \"vidéo\""]),
        ("Evaluation des demandes Nombre de partenaires et cofinanceurs associés", &["Evaluation des demandes", "Nombre de partenaires et cofinanceurs associés"]),
        ("- Nombre de séances\n- Satisfaction des participants", &["Nombre de séances", "Satisfaction des participants"]),
        ("Nombre de communes disposant d'un référent", &["Nombre de communes disposant d'un référent"]),
        ("Questionnaire de satisfaction en fin de séance Nombre de participants", &["Questionnaire de satisfaction en fin de séance", "Nombre de participants"]),
        ("Nombre de professionnels de santé installés Niveau de patientèle", &["Nombre de professionnels de santé installés", "Niveau de patientèle"]),
        ("Part des habitants du QPV ayant un médecin traitant", &["Part des habitants du QPV ayant un médecin traitant"]),
        ("Nombre de sollicitations des professionnels Nombre d'installations", &["Nombre de sollicitations des professionnels", "Nombre d'installations"]),
        ("Nombre de personnes rencontrées Nombre de documents distribués", &["Nombre de personnes rencontrées", "Nombre de documents distribués"]),
        ("Mise en place effective du CLSM", &["Mise en place effective du CLSM"]),
        ("Réalisation de l'étude", &["Réalisation de l'étude"]),
        ("Nombre d'actions menées à Chartres, Lucé et Mainvilliers", &["Nombre d'actions menées à Chartres, Lucé et Mainvilliers"]),
        ("Nombre de visites à domicile • Nombre d'aidants accompagnés", &["Nombre de visites à domicile", "Nombre d'aidants accompagnés"]),
        ("", &[]),
        ("Bilan annuel", &["Bilan annuel"]),
        ("Nombre de séances réalisées par la Croix Rouge", &["Nombre de séances réalisées par la Croix Rouge"]),
        ("Nombre de jeunes reçus par la Mission Locale Taux de retour", &["Nombre de jeunes reçus par la Mission Locale", "Taux de retour"]),
        ("Satisfaction des usagers Délai moyen d'attente", &["Satisfaction des usagers", "Délai moyen d'attente"]),
        ("Nombre d'enfants dépistés Nombre d'orientations vers un professionnel", &["Nombre d'enfants dépistés", "Nombre d'orientations vers un professionnel"]),
        ("Nombre de kits distribués (dont 50 % en QPV)", &["Nombre de kits distribués (dont 50 % en QPV)"]),
        ("Nombre de téléconsultations réalisées", &["Nombre de téléconsultations réalisées"]),
        ("Groupe de travail santé dans l'évaluation du Contrat de Ville Nombre de réunions du groupe de travail", &["Groupe de travail santé dans l'évaluation du Contrat de Ville", "Nombre de réunions du groupe de travail"]),
        ("Nombre d'internes accueillis\nNombre d'installations de médecins", &["Nombre d'internes accueillis", "Nombre d'installations de médecins"]),
    ];

    #[test]
    fn target_groups() {
        assert!(PUBLICS.len() + INDICATORS.len() >= 60);
        for (text, want) in PUBLICS {
            assert_eq!(
                pc(text),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn indicators() {
        for (text, want) in INDICATORS {
            assert_eq!(
                ind(text),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }
}
