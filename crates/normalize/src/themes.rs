//! Themes of actions and axes: a rule-based classifier over the vocabulary of
//! `data/themes.txt` (words and weights a public-health reader would list), which explains
//! itself. An action's own title and description decide; its public, indicators and axis
//! only add small weights that break ties.

use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

const THEMES_TXT: &str = include_str!("../data/themes.txt");

/// One theme of the vocabulary.
#[derive(Debug, Clone)]
pub struct Theme {
    pub code: String,
    pub label: String,
    /// (folded words of the phrase, weight, phrase as written).
    words: Vec<(Vec<String>, f64, String)>,
}

/// Folds a word and drops a plural "s"/"x" so that singular and plural match.
fn stem(w: &str) -> String {
    let mut s = w.to_string();
    if s.len() > 3 && (s.ends_with('s') || s.ends_with('x')) && !s.ends_with("ss") {
        s.pop();
    }
    s
}

fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

/// The vocabulary, read once from `data/themes.txt`.
pub fn vocabulary() -> &'static Vec<Theme> {
    static V: OnceLock<Vec<Theme>> = OnceLock::new();
    V.get_or_init(|| {
        let mut out: Vec<Theme> = Vec::new();
        for line in THEMES_TXT.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if let Some(rest) = l.strip_prefix('=') {
                let (code, label) = rest.split_once('|').unwrap_or((rest, rest));
                out.push(Theme {
                    code: code.trim().to_string(),
                    label: label.trim().to_string(),
                    words: Vec::new(),
                });
                continue;
            }
            let (Some(theme), Some((w, list))) = (out.last_mut(), l.split_once(':')) else {
                continue;
            };
            let weight: f64 = w.trim().parse().unwrap_or(1.0);
            for phrase in list.split(',') {
                let p = phrase.trim();
                let toks = tokens(p);
                if !toks.is_empty() {
                    // A phrase of several words says more than any of its words.
                    let bonus = if toks.len() > 1 { 0.5 } else { 0.0 };
                    theme.words.push((toks, weight + bonus, p.to_string()));
                }
            }
        }
        out
    })
}

/// First word of every phrase → (theme, phrase) positions in the vocabulary.
fn phrase_index() -> &'static HashMap<String, Vec<(usize, usize)>> {
    static I: OnceLock<HashMap<String, Vec<(usize, usize)>>> = OnceLock::new();
    I.get_or_init(|| {
        let mut m: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ti, t) in vocabulary().iter().enumerate() {
            for (pi, (words, _, _)) in t.words.iter().enumerate() {
                m.entry(words[0].clone()).or_default().push((ti, pi));
            }
        }
        m
    })
}

/// The label of a theme code.
pub fn label(code: &str) -> Option<&'static str> {
    vocabulary()
        .iter()
        .find(|t| t.code == code)
        .map(|t| t.label.as_str())
}

/// One word that counted for a theme: where it was found and its weight there.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub theme: String,
    pub word: String,
    pub field: &'static str,
    pub weight: f64,
}

/// The fields of an action, with how much each counts.
pub struct Fields<'a> {
    pub titre: &'a str,
    pub description: &'a str,
    pub public_cible: &'a str,
    pub indicateurs: &'a str,
    /// Axis and objective titles: tie-breakers only.
    pub contexte: &'a str,
}

fn count_phrase(toks: &[String], phrase: &[String]) -> usize {
    if phrase.is_empty() || toks.len() < phrase.len() {
        return 0;
    }
    toks.windows(phrase.len()).filter(|w| w == &phrase).count()
}

/// Scores every theme; returns themes ranked (best first, score > 0) and the hits.
pub fn classify(f: &Fields) -> (Vec<(String, f64)>, Vec<Hit>) {
    let fields: [(&'static str, &str, f64); 5] = [
        ("titre", f.titre, 3.0),
        ("description", f.description, 1.0),
        ("public_cible", f.public_cible, 1.0),
        ("indicateurs", f.indicateurs, 0.5),
        ("axe", f.contexte, 0.4),
    ];
    let toks: Vec<(&'static str, Vec<String>, f64)> =
        fields.iter().map(|(n, t, w)| (*n, tokens(t), *w)).collect();
    let mut scores: HashMap<&str, f64> = HashMap::new();
    let mut hits = Vec::new();
    // Only phrases whose first word occurs in a field can match it: look them up by word.
    let index = phrase_index();
    for (field, t, fw) in &toks {
        let mut candidates: Vec<(usize, usize)> = t
            .iter()
            .filter_map(|w| index.get(w.as_str()))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for (ti, pi) in candidates {
            let theme = &vocabulary()[ti];
            let (phrase, weight, written) = &theme.words[pi];
            {
                let n = count_phrase(t, phrase);
                if n > 0 {
                    // Repeats count, with diminishing returns.
                    let w = weight * fw * (1.0 + (n as f64).ln());
                    *scores.entry(theme.code.as_str()).or_default() += w;
                    hits.push(Hit {
                        theme: theme.code.clone(),
                        word: written.clone(),
                        field,
                        weight: w,
                    });
                }
            }
        }
    }
    let mut ranked: Vec<(String, f64)> = scores
        .into_iter()
        .filter(|(_, s)| *s > 0.0)
        .map(|(c, s)| (c.to_string(), s))
        .collect();
    // Ties go to the vocabulary's order, which is stable.
    let order = |c: &str| {
        vocabulary()
            .iter()
            .position(|t| t.code == c)
            .unwrap_or(usize::MAX)
    };
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(order(&a.0).cmp(&order(&b.0))));
    hits.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    (ranked, hits)
}

/// Themes of an action or axis, best first: every theme scoring at least a third of the
/// best one, at most three.
/// The words an action is themed on, owned: the one place that decides what the stored
/// themes and `cls explain-themes` read, so that the explanation explains the stored ranking.
#[derive(Debug, Clone, Default)]
pub struct ActionWords {
    pub titre: String,
    pub description: String,
    pub public_cible: String,
    pub indicateurs: String,
    /// The titles of the action's axis, objective and sub-objective.
    pub contexte: String,
}

impl ActionWords {
    /// Collects an action's own words and its axis/objective context from its document.
    pub fn of(axes: &[cls_model::Axe], a: &cls_model::Action) -> Self {
        let axe = a.axe.and_then(|n| axes.iter().find(|x| x.numero == n));
        let mut ctx = axe.map(|x| x.titre.clone()).unwrap_or_default();
        let objectif = axe.and_then(|x| {
            x.objectifs
                .iter()
                .find(|o| Some(&o.code) == a.objectif.as_ref())
        });
        if let Some(o) = objectif {
            ctx.push(' ');
            ctx.push_str(&o.titre);
            let sous = o
                .sous_objectifs
                .iter()
                .filter(|so| Some(&so.code) == a.sous_objectif.as_ref());
            for so in sous {
                ctx.push(' ');
                ctx.push_str(&so.titre);
            }
        }
        ActionWords {
            titre: a.titre.clone().unwrap_or_default(),
            description: a.description.clone().unwrap_or_default(),
            public_cible: a.public_cible.join(" ; "),
            indicateurs: a.indicateurs.join(" ; "),
            contexte: ctx,
        }
    }

    /// The borrowed view the classifier reads.
    pub fn fields(&self) -> Fields<'_> {
        Fields {
            titre: &self.titre,
            description: &self.description,
            public_cible: &self.public_cible,
            indicateurs: &self.indicateurs,
            contexte: &self.contexte,
        }
    }
}

pub fn themes(f: &Fields) -> Vec<String> {
    let (ranked, _) = classify(f);
    let best = ranked.first().map(|r| r.1).unwrap_or(0.0);
    ranked
        .into_iter()
        .filter(|r| r.1 >= best / 3.0)
        .take(3)
        .map(|r| r.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(titre: &str, description: &str) -> Option<String> {
        themes(&Fields {
            titre,
            description,
            public_cible: "",
            indicateurs: "",
            contexte: "",
        })
        .into_iter()
        .next()
    }

    #[test]
    fn vocabulary_has_the_twelve_codes_of_the_spec() {
        let codes: Vec<&str> = vocabulary().iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes.len(), 12);
        for c in [
            "offre_de_soins",
            "acces_droits_precarite",
            "prevention_depistage",
            "nutrition_activite_physique",
            "sante_mentale",
            "addictions",
            "sante_sexuelle",
            "enfance_jeunesse_parentalite",
            "vieillissement_autonomie",
            "handicap_inclusion",
            "sante_environnement",
            "coordination_communication",
        ] {
            assert!(codes.contains(&c), "{c}");
        }
    }

    #[test]
    fn own_words_decide() {
        assert_eq!(
            first("Améliorer la qualité de l'air intérieur", "").as_deref(),
            Some("sante_environnement")
        );
        assert_eq!(
            first("Prévenir les risques suicidaires", "").as_deref(),
            Some("sante_mentale")
        );
        assert_eq!(
            first("Promouvoir l'aide au répit des aidants", "").as_deref(),
            Some("vieillissement_autonomie")
        );
        assert_eq!(
            first(
                "Renforcer le dépistage en étant relais des campagnes nationales",
                ""
            )
            .as_deref(),
            Some("prevention_depistage")
        );
        assert_eq!(
            first("Faciliter l'installation de jeunes médecins", "").as_deref(),
            Some("offre_de_soins")
        );
        assert_eq!(
            first("Développer les mobilités pour une bonne santé", "").as_deref(),
            Some("acces_droits_precarite")
        );
        assert_eq!(first("", ""), None);
    }

    #[test]
    fn explanation_names_the_deciding_words() {
        let (_, hits) = classify(&Fields {
            titre: "Prévenir les conduites addictives",
            description: "alcool et tabac",
            public_cible: "",
            indicateurs: "",
            contexte: "",
        });
        assert_eq!(hits[0].theme, "addictions");
        assert!(hits
            .iter()
            .any(|h| h.word == "alcool" && h.field == "description"));
    }
}
