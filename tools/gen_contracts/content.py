"""Invented content for the variety corpus: territories, organisations, axes, actions.

Everything here is made up (names of territories are invented-sounding, bodies are real
kinds of bodies). `build_contract(rng, terr, opts)` returns a plain dict model that the
layouts render and from which the gold is derived."""

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"]

TERRITOIRES = {
    "vallespir": dict(nom="Communauté de communes du Haut-Vallespir", de="de la Communauté de communes du Haut-Vallespir",
                      dep="66", dep_nom="Pyrénées-Orientales", du_dep="des Pyrénées-Orientales", region="Occitanie",
                      ville="Céret", communes=["Céret", "Arles-sur-Tech", "Prats-de-Mollo", "Amélie-les-Bains", "Saint-Laurent-de-Cerdans"],
                      msa="MSA Grand Sud", ireps="Promotion Santé Occitanie", quartier="quartier du Castellas"),
    "fagnes": dict(nom="Pays des Hautes Fagnes", de="du Pays des Hautes Fagnes",
                   dep="08", dep_nom="Ardennes", du_dep="des Ardennes", region="Grand Est",
                   ville="Rocroi", communes=["Rocroi", "Revin", "Fumay", "Givet", "Signy-le-Petit"],
                   msa="MSA Marne Ardennes Meuse", ireps="Promotion Santé Grand Est", quartier="quartier des Bois-Blancs"),
    "seinebrie": dict(nom="Communauté d'agglomération Seine-et-Brie", de="de la Communauté d'agglomération Seine-et-Brie",
                      dep="77", dep_nom="Seine-et-Marne", du_dep="de Seine-et-Marne", region="Île-de-France",
                      ville="Melun", communes=["Melun", "Dammarie-les-Lys", "Le Mée-sur-Seine", "Vaux-le-Pénil", "Savigny-le-Temple"],
                      msa="MSA Île-de-France", ireps="Promotion Santé Île-de-France", quartier="quartier de l'Almont"),
    "staubin": dict(nom="Ville de Saint-Aubin-des-Landes", de="de la Ville de Saint-Aubin-des-Landes",
                    dep="35", dep_nom="Ille-et-Vilaine", du_dep="d'Ille-et-Vilaine", region="Bretagne",
                    ville="Saint-Aubin-des-Landes", communes=["Saint-Aubin-des-Landes"],
                    msa="MSA Portes de Bretagne", ireps="Promotion Santé Bretagne", quartier="quartier de la Haute-Lande"),
    "lauragais": dict(nom="Pays du Lauragais Sud", de="du Pays du Lauragais Sud",
                      dep="31", dep_nom="Haute-Garonne", du_dep="de la Haute-Garonne", region="Occitanie",
                      ville="Villefranche-de-Lauragais", communes=["Villefranche-de-Lauragais", "Revel", "Caraman", "Nailloux", "Montgiscard"],
                      msa="MSA Midi-Pyrénées Nord", ireps="Promotion Santé Occitanie", quartier="quartier du Pigné"),
    "vercors": dict(nom="Communauté de communes Vercors-Isère", de="de la Communauté de communes Vercors-Isère",
                    dep="38", dep_nom="Isère", du_dep="de l'Isère", region="Auvergne-Rhône-Alpes",
                    ville="Villard-de-Lans", communes=["Villard-de-Lans", "Lans-en-Vercors", "Autrans-Méaudre", "Corrençon-en-Vercors", "Engins"],
                    msa="MSA Alpes du Nord", ireps="Promotion Santé Auvergne-Rhône-Alpes", quartier="secteur des Geymonds"),
    "bresse": dict(nom="Pays de Bresse-Revermont", de="du Pays de Bresse-Revermont",
                   dep="01", dep_nom="Ain", du_dep="de l'Ain", region="Auvergne-Rhône-Alpes",
                   ville="Bourg-en-Bresse", communes=["Coligny", "Treffort", "Val-Revermont", "Marboz", "Pont-d'Ain"],
                   msa="MSA Ain-Rhône", ireps="Promotion Santé Auvergne-Rhône-Alpes", quartier="quartier de la Reyssouze"),
    "mayenne": dict(nom="Communauté de communes Cœur de Mayenne", de="de la Communauté de communes Cœur de Mayenne",
                    dep="53", dep_nom="Mayenne", du_dep="de la Mayenne", region="Pays de la Loire",
                    ville="Évron", communes=["Évron", "Montsûrs", "Sainte-Suzanne-et-Chammes", "Bais", "Vaiges"],
                    msa="MSA Mayenne-Orne-Sarthe", ireps="Promotion Santé Pays de la Loire", quartier="quartier des Perrières"),
    "segala": dict(nom="Communauté de communes Causses et Ségala", de="de la Communauté de communes Causses et Ségala",
                   dep="46", dep_nom="Lot", du_dep="du Lot", region="Occitanie",
                   ville="Figeac", communes=["Figeac", "Lacapelle-Marival", "Latronquière", "Assier", "Leyme"],
                   msa="MSA Midi-Pyrénées Nord", ireps="Promotion Santé Occitanie", quartier="quartier du Montviguier"),
    "sevre": dict(nom="Pays du Val de Sèvre", de="du Pays du Val de Sèvre",
                  dep="79", dep_nom="Deux-Sèvres", du_dep="des Deux-Sèvres", region="Nouvelle-Aquitaine",
                  ville="Saint-Maixent-l'École", communes=["Saint-Maixent-l'École", "La Crèche", "Azay-le-Brûlé", "Pamproux", "Nanteuil"],
                  msa="MSA Poitou", ireps="Promotion Santé Nouvelle-Aquitaine", quartier="quartier du Panier-Fleuri"),
    "madeleine": dict(nom="Pays des Monts de la Madeleine", de="du Pays des Monts de la Madeleine",
                      dep="42", dep_nom="Loire", du_dep="de la Loire", region="Auvergne-Rhône-Alpes",
                      ville="Saint-Just-en-Chevalet", communes=["Saint-Just-en-Chevalet", "Renaison", "Saint-Haon-le-Châtel", "Juré", "Crémeaux"],
                      msa="MSA Ardèche Drôme Loire", ireps="Promotion Santé Auvergne-Rhône-Alpes", quartier="bourg-centre"),
    "picardie": dict(nom="Communauté de communes Terres de Picardie Verte", de="de la Communauté de communes Terres de Picardie Verte",
                     dep="60", dep_nom="Oise", du_dep="de l'Oise", region="Hauts-de-France",
                     ville="Grandvilliers", communes=["Grandvilliers", "Formerie", "Songeons", "Marseille-en-Beauvaisis", "Feuquières"],
                     msa="MSA de Picardie", ireps="Promotion Santé Hauts-de-France", quartier="quartier du Champ-Fleuri"),
    "montclair": dict(nom="Ville de Montclair-sur-Loire", de="de la Ville de Montclair-sur-Loire",
                      dep="45", dep_nom="Loiret", du_dep="du Loiret", region="Centre-Val de Loire",
                      ville="Montclair-sur-Loire", communes=["Montclair-sur-Loire"],
                      msa="MSA Beauce Cœur de Loire", ireps="Promotion Santé Centre-Val de Loire", quartier="quartier des Grèves"),
}

PRENOMS = ["Claire", "Jean-Marc", "Sophie", "Hervé", "Nadia", "Laurent", "Isabelle", "Didier", "Camille",
           "Philippe", "Sandrine", "Thierry", "Aurélie", "Bernard", "Véronique", "Karim", "Hélène", "Olivier"]
NOMS = ["Marchal", "Dufresne", "Lemoine", "Barthès", "Roussel", "Castagné", "Perrot", "Villemin", "Garnier",
        "Tessier", "Aubry", "Delmas", "Fournel", "Régnier", "Cazals", "Bouvier", "Lacombe", "Morvan"]


def orgs(t):
    """The pool of bodies for a territory (key -> name as written)."""
    v = t["ville"]
    return {
        "ars": f"ARS {t['region']}",
        "ars_dd": f"Délégation départementale {t['du_dep']} de l'ARS",
        "cpam": f"CPAM {t['du_dep']}",
        "cpam_s": f"CPAM {t['dep']}",
        "cd": f"Conseil départemental {t['du_dep']}",
        "ccas": f"CCAS de {v}",
        "ch": f"Centre hospitalier de {v}",
        "cpts": f"CPTS du {t['communes'][1] if len(t['communes']) > 1 else v}",
        "mut": f"Mutualité Française {t['region']}",
        "ireps": t["ireps"],
        "ml": "Mission locale",
        "ml_full": f"Mission locale de {v}",
        "dsden": f"DSDEN {t['dep']}",
        "en": "Éducation nationale",
        "pmi": "PMI",
        "caf": f"CAF {t['du_dep']}",
        "msa": t["msa"],
        "terr": t["nom"],
        "coord": "Coordinateur du CLS",
        "ville": f"Commune de {v}",
        "csapa": f"CSAPA de {v}",
        "cmp": f"CMP de {v}",
        "clic": f"CLIC du territoire de {v}",
        "ehpad": "EHPAD du territoire",
        "assoc1": "Association Trait d'Union Santé",
        "assoc2": "Association Les Jardins du Partage",
        "assoc3": "Association Bouger Ensemble",
        "assoc4": "Association Horizon Aidants",
        "assoc5": "Association Entr'Aide Jeunes",
        "unafam": "UNAFAM",
        "ddt": f"DDT {t['dep']}",
        "sdis": f"SDIS {t['dep']}",
        "france_services": "France Services",
        "region": f"Région {t['region']}",
        "cls": "Coordination du CLS",
        "pref": "Préfecture",
        "msp": "Maison de santé pluriprofessionnelle",
        "ordre": "Ordre des médecins",
        "fac": "Faculté de médecine",
        "assocs": "associations locales",
        "communes": "communes du territoire",
    }


# theme -> dict of pools
THEMES = {
    "soins": dict(
        titres=["Favoriser l'installation de médecins généralistes sur le territoire",
                "Accueillir et fidéliser les internes en médecine",
                "Accompagner la création d'une maison de santé pluriprofessionnelle",
                "Développer la télémédecine dans les structures de proximité",
                "Soutenir la structuration de la CPTS"],
        phrases=["Il s'agit d'accompagner les professionnels de santé dans leur projet d'installation sur {terr}.",
                 "Un guichet unique d'accueil des professionnels sera animé par la coordination du CLS.",
                 "L'action prévoit la mise à disposition de logements pour les internes en stage à {ville}.",
                 "Des rencontres entre étudiants en santé et élus locaux seront organisées chaque année.",
                 "Les cabinets équipés d'un chariot de téléconsultation seront recensés et valorisés.",
                 "Un état des lieux de l'offre de soins de premier recours sera actualisé."],
        publics=["Professionnels de santé libéraux", "Internes et étudiants en médecine",
                 "Médecins généralistes et professionnels paramédicaux", "Habitants du territoire sans médecin traitant"],
        indics=["Nombre de nouveaux médecins installés", "Nombre d'internes accueillis", "Nombre de téléconsultations réalisées",
                "Part de la population sans médecin traitant", "Nombre de professionnels adhérents à la CPTS"],
        porteurs=["cpts", "terr", "ars", "msp"], partenaires=["ordre", "fac", "cpam_s", "ars", "communes", "region", "msp"]),
    "mentale": dict(
        titres=["Développer le repérage précoce de la souffrance psychique chez les jeunes",
                "Déployer les formations aux premiers secours en santé mentale",
                "Créer un conseil local de santé mentale",
                "Prévenir le suicide par un réseau de sentinelles"],
        phrases=["L'action consiste à former les professionnels au contact des jeunes au repérage des signes de mal-être.",
                 "Des sessions de premiers secours en santé mentale seront proposées aux élus, agents et bénévoles.",
                 "Un annuaire des ressources en santé mentale sera diffusé auprès des partenaires.",
                 "Une cellule de concertation pour les situations complexes se réunira tous les deux mois.",
                 "Le réseau de sentinelles sera animé en lien avec le CMP de {ville}."],
        publics=["Jeunes de 12 à 25 ans", "Professionnels de l'éducation et de l'animation", "Élus, agents et bénévoles",
                 "Personnes en souffrance psychique et leur entourage"],
        indics=["Nombre de personnes formées aux premiers secours en santé mentale", "Nombre de situations examinées en cellule",
                "Nombre de sentinelles actives", "Taux de satisfaction des participants", "Nombre de réunions du CLSM"],
        porteurs=["ch", "cmp", "cls", "terr"], partenaires=["unafam", "ml", "en", "dsden", "ccas", "assoc5", "ireps", "ch"]),
    "prevention": dict(
        titres=["Promouvoir le dépistage organisé des cancers",
                "Améliorer la couverture vaccinale des enfants et des adolescents",
                "Organiser des journées santé dans les quartiers",
                "Renforcer les compétences psychosociales des élèves du primaire"],
        phrases=["Des actions d'information sur le dépistage seront menées lors des marchés et des événements locaux.",
                 "Un bus de prévention se déplacera dans les communes les plus éloignées des services.",
                 "Les programmes de développement des compétences psychosociales seront déployés dans les écoles volontaires.",
                 "Les séances de vaccination seront organisées avec les centres de santé et la PMI.",
                 "Une campagne de communication accompagnera chaque temps fort de prévention."],
        publics=["Habitants de 50 à 74 ans", "Enfants et adolescents", "Élèves des écoles élémentaires",
                 "Habitants des quartiers prioritaires", "Tout public"],
        indics=["Taux de participation au dépistage organisé", "Nombre de journées santé organisées", "Nombre d'élèves bénéficiaires",
                "Taux de couverture vaccinale", "Nombre de personnes sensibilisées"],
        porteurs=["cpam", "ireps", "terr", "ccas"], partenaires=["cpam_s", "pmi", "mut", "en", "ch", "assocs", "msa", "ireps"]),
    "nutrition": dict(
        titres=["Développer l'offre de sport santé sur ordonnance",
                "Promouvoir une alimentation équilibrée et accessible",
                "Prévenir le surpoids et l'obésité chez l'enfant"],
        phrases=["Des créneaux d'activité physique adaptée seront ouverts dans les équipements sportifs intercommunaux.",
                 "Des ateliers cuisine à petit budget seront animés dans les épiceries solidaires.",
                 "Les médecins seront informés de la possibilité de prescrire une activité physique adaptée.",
                 "Un parcours santé balisé sera créé autour du plan d'eau de {ville}."],
        publics=["Personnes atteintes de maladies chroniques", "Familles en situation de précarité", "Enfants de 3 à 11 ans et leurs parents",
                 "Seniors sédentaires"],
        indics=["Nombre de bénéficiaires du sport sur ordonnance", "Nombre d'ateliers réalisés", "Nombre de créneaux ouverts",
                "Évolution de la prévalence du surpoids en grande section"],
        porteurs=["assoc3", "terr", "ccas", "mut"], partenaires=["assoc2", "caf", "cd", "pmi", "msa", "communes", "ars"]),
    "addictions": dict(
        titres=["Prévenir les conduites addictives chez les jeunes",
                "Accompagner l'arrêt du tabac au plus près des habitants",
                "Réduire les risques en milieu festif"],
        phrases=["Des interventions de prévention des addictions seront réalisées dans les collèges et lycées.",
                 "Une consultation jeunes consommateurs avancée sera ouverte une demi-journée par semaine à {ville}.",
                 "Les organisateurs de fêtes seront formés à la réduction des risques.",
                 "Le Mois sans tabac sera relayé par l'ensemble des partenaires."],
        publics=["Collégiens et lycéens", "Jeunes de 16 à 25 ans", "Fumeurs souhaitant arrêter", "Organisateurs d'événements festifs"],
        indics=["Nombre d'interventions en milieu scolaire", "Nombre de jeunes reçus en consultation", "Nombre de kits de réduction des risques distribués",
                "Nombre d'inscrits au Mois sans tabac"],
        porteurs=["csapa", "ireps", "terr"], partenaires=["en", "ml", "assoc5", "cpam_s", "pref", "assocs"]),
    "vieillissement": dict(
        titres=["Prévenir la perte d'autonomie des personnes âgées à domicile",
                "Soutenir les aidants familiaux",
                "Lutter contre l'isolement des seniors"],
        phrases=["Des ateliers de prévention des chutes et de la dénutrition seront proposés dans les communes rurales.",
                 "Une plateforme de répit sera relayée auprès des aidants repérés par les professionnels.",
                 "Un réseau de visiteurs bénévoles sera constitué pour rompre l'isolement des personnes âgées.",
                 "Le CLIC coordonnera le repérage des situations de fragilité."],
        publics=["Personnes âgées de 60 ans et plus vivant à domicile", "Aidants familiaux", "Seniors isolés"],
        indics=["Nombre d'ateliers de prévention", "Nombre d'aidants accompagnés", "Nombre de visiteurs bénévoles",
                "Nombre de situations de fragilité repérées"],
        porteurs=["clic", "ccas", "msa", "assoc4"], partenaires=["cd", "ehpad", "mut", "assoc4", "caf", "communes", "ch"]),
    "environnement": dict(
        titres=["Améliorer la qualité de l'air intérieur dans les établissements accueillant des enfants",
                "Lutter contre l'habitat indigne",
                "Prévenir les risques liés à l'ambroisie et aux espèces nuisibles",
                "Développer un urbanisme favorable à la santé"],
        phrases=["Des mesures de la qualité de l'air seront réalisées dans les crèches et écoles.",
                 "Un repérage des logements indignes sera mené avec les travailleurs sociaux.",
                 "Les référents ambroisie des communes seront formés et outillés.",
                 "Les projets d'aménagement seront analysés au regard de leurs effets sur la santé."],
        publics=["Enfants accueillis en crèche et à l'école", "Propriétaires et locataires de logements dégradés",
                 "Agents des services techniques", "Élus et services d'urbanisme"],
        indics=["Nombre d'établissements diagnostiqués", "Nombre de logements repérés", "Nombre de référents formés",
                "Nombre de projets ayant fait l'objet d'une évaluation d'impact sur la santé"],
        porteurs=["terr", "ars_dd", "ddt"], partenaires=["ddt", "caf", "ccas", "communes", "sdis", "ars", "cd"]),
    "droits": dict(
        titres=["Faciliter l'accès aux droits de santé des publics vulnérables",
                "Développer l'aller-vers en santé dans les quartiers",
                "Améliorer la mobilité vers les lieux de soins"],
        phrases=["Des permanences d'accès aux droits seront tenues dans les espaces France Services.",
                 "Une médiatrice santé ira à la rencontre des habitants éloignés du soin.",
                 "Un service de transport solidaire vers les lieux de soins sera expérimenté.",
                 "Les agents d'accueil seront formés à la détection des situations de renoncement aux soins."],
        publics=["Personnes en situation de précarité", "Habitants des quartiers prioritaires", "Personnes sans moyen de locomotion",
                 "Bénéficiaires de minima sociaux"],
        indics=["Nombre de personnes accompagnées", "Nombre d'ouvertures de droits", "Nombre de trajets solidaires réalisés",
                "Nombre d'agents formés"],
        porteurs=["ccas", "cpam", "france_services"], partenaires=["cpam_s", "caf", "msa", "france_services", "assoc1", "ml", "cd"]),
    "jeunesse": dict(
        titres=["Accompagner la parentalité dès la périnatalité",
                "Promouvoir la santé sexuelle et affective des jeunes",
                "Développer un point accueil écoute jeunes"],
        phrases=["Des groupes de parole pour les futurs et jeunes parents seront animés avec la PMI.",
                 "Des interventions sur la vie affective et la contraception seront proposées aux lycéens.",
                 "Un point accueil écoute jeunes tiendra des permanences à {ville}.",
                 "Les professionnels de la petite enfance seront formés au soutien à la parentalité."],
        publics=["Futurs et jeunes parents", "Jeunes de 15 à 25 ans", "Lycéens et apprentis", "Familles"],
        indics=["Nombre de parents participants", "Nombre d'interventions réalisées", "Nombre de jeunes reçus",
                "Nombre de professionnels formés"],
        porteurs=["pmi", "assoc5", "ml_full", "caf"], partenaires=["pmi", "caf", "en", "dsden", "ml", "ch", "assocs"]),
    "coordination": dict(
        titres=["Animer et coordonner le Contrat Local de Santé",
                "Communiquer sur l'offre de santé du territoire",
                "Mettre en place un observatoire local de la santé"],
        phrases=["Un coordinateur anime les instances du CLS et assure le suivi des fiches actions.",
                 "Un guide de l'offre de santé sera édité et mis en ligne.",
                 "Les données de santé du territoire seront actualisées et partagées chaque année.",
                 "Un comité de pilotage réunit les signataires au moins une fois par an."],
        publics=["Partenaires du CLS", "Habitants du territoire", "Élus et professionnels"],
        indics=["Nombre de comités de pilotage réunis", "Nombre de guides diffusés", "Nombre de visites de la page internet",
                "Nombre de fiches actions engagées"],
        porteurs=["cls", "terr", "ars"], partenaires=["ars", "pref", "cd", "cpam_s", "region", "communes", "ireps"]),
}

AXES = [
    (["Favoriser l'accès aux soins et l'attractivité du territoire", "Améliorer l'accès aux soins de proximité"], ["soins"],
     ["Attirer et fidéliser les professionnels de santé", "Conforter l'exercice coordonné"]),
    (["Promouvoir la santé mentale et le bien-être", "Agir pour la santé mentale des habitants"], ["mentale"],
     ["Repérer et orienter précocement", "Coordonner les acteurs de la santé mentale"]),
    (["Agir en prévention et promotion de la santé tout au long de la vie", "Développer la prévention et les comportements favorables à la santé"],
     ["prevention", "nutrition", "addictions"],
     ["Renforcer le dépistage et la vaccination", "Promouvoir les comportements favorables à la santé", "Prévenir les conduites à risques"]),
    (["Accompagner le vieillissement et la perte d'autonomie", "Bien vieillir sur le territoire"], ["vieillissement"],
     ["Prévenir la perte d'autonomie", "Soutenir les aidants"]),
    (["Améliorer la santé environnementale et le cadre de vie", "Agir sur l'environnement et le cadre de vie"], ["environnement"],
     ["Réduire les expositions environnementales", "Promouvoir un habitat et un urbanisme favorables à la santé"]),
    (["Réduire les inégalités sociales de santé et faciliter l'accès aux droits", "Favoriser l'accès aux droits et aux soins des publics fragiles"],
     ["droits"], ["Aller vers les publics éloignés du soin", "Lever les freins à l'accès aux soins"]),
    (["Soutenir la santé des enfants, des jeunes et des familles", "Agir pour la santé des jeunes et des familles"], ["jeunesse"],
     ["Accompagner la parentalité", "Promouvoir la santé des jeunes"]),
    (["Coordonner, animer et évaluer le CLS", "Animer le contrat et communiquer"], ["coordination"],
     ["Piloter le contrat", "Informer les habitants et les partenaires"]),
]

CONTEXTE = [
    "{terr_cap} regroupe {ncom} communes et près de {pop} habitants.",
    "Le diagnostic local de santé réalisé en {diag} met en évidence une démographie médicale fragile et un vieillissement marqué de la population.",
    "Les indicateurs de mortalité prématurée y sont supérieurs à la moyenne régionale.",
    "La part des personnes âgées de 75 ans et plus progresse plus vite que dans le reste du département {du_dep}.",
    "Les habitants expriment des difficultés d'accès aux spécialistes et aux soins non programmés.",
    "Les partenaires ont souhaité s'engager dans une démarche partagée pour réduire les inégalités territoriales et sociales de santé.",
    "Le présent contrat s'inscrit dans le Projet régional de santé {region} et dans les politiques locales de cohésion sociale.",
]

TERRAINS = ["Ensemble du territoire", "Communes de {c1}, {c2} et {c3}", "{quartier} à {ville}", "Territoire du CLS",
            "Bassin de vie de {ville}", "{terr}"]

CALS = [  # (template, kind) years filled from the period
    ("{a}-{b}", "range"), ("Dès {a}", "open"), ("À partir de septembre {a}", "open"), ("Chaque année", "none"),
    ("Durée du CLS", "cls"), ("1er semestre {a}", "single"), ("{a} : diagnostic ; {a1}-{b} : déploiement", "range"),
    ("Rentrée scolaire {a} puis chaque année jusqu'en {b}", "range"), ("De {a} à {b}", "range"), ("2e trimestre {a}", "single"),
    ("Action annuelle reconduite", "none"), ("Lancement en {a}, bilan en {b}", "range"),
]


def fmt_eur(n):
    s = f"{n:,}".replace(",", "\u00a0")
    return s + "\u00a0€"


def make_budget(rng, o, a_idx, theme=""):
    """Returns (texte, montants, total)."""
    k = rng.randrange(11)
    funders = ["ARS", "Commune", o["cd"], o["cpam_s"], "Région", "CAF", o["terr"], o["msa"], "Conférence des financeurs"]
    f1, f2 = rng.sample(funders, 2)
    n1 = rng.choice([1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7500, 8000, 10000, 12000, 15000, 18000, 25000])
    n2 = rng.choice([500, 1000, 1500, 2000, 3000, 3500, 4500, 5000, 6000])
    if k == 0:
        return f"{f1} : {fmt_eur(n1)} ; {f2} : {fmt_eur(n2)}", [n1, n2], n1 + n2
    if k == 1:
        return f"{fmt_eur(n1)} ({f1})", [n1], n1
    if k == 2:
        t = n1 + n2
        return f"Total : {fmt_eur(t)} dont {f1} {fmt_eur(n1)}", [n1], t
    if k == 3:
        return rng.choice(["A déterminer", "À définir", "En cours d'évaluation"]), [], None
    if k == 4:
        return rng.choice(["Valorisation du temps de coordination", "Moyens humains des partenaires (temps de travail)"]), [], None
    if k == 5:
        return rng.choice(["0 €", "Aucun coût spécifique", "Aucun"]), [], 0
    if k == 6:
        kk = rng.choice([5, 8, 12, 20, 30])
        return f"{kk} k€ ({f1})", [kk * 1000], kk * 1000
    if k == 7:
        return f"Financement {f1} (FIR) : {fmt_eur(n1)}", [n1], n1
    if k == 8:
        n3 = rng.choice([800, 1200, 2000])
        return (f"{f1} : {fmt_eur(n1)} ; {f2} : {fmt_eur(n2)} ; autofinancement : {fmt_eur(n3)}", [n1, n2, n3], n1 + n2 + n3)
    if k == 9:
        t = n1 + n2
        return f"Coût total estimé : {fmt_eur(t)} ({f1} : {fmt_eur(n1)}, {f2} : {fmt_eur(n2)})", [n1, n2], t
    big = theme in ("soins", "environnement")
    return f"Investissement : 1,2 M€ ({f1}, {f2})" if big else f"Prestation : {fmt_eur(n1)} HT ({f1})", \
        ([1200000] if big else [n1]), (1200000 if big else n1)


def make_cal(rng, deb, fin):
    tpl, kind = rng.choice(CALS)
    a = rng.randint(deb, fin - 2)
    b = rng.randint(a + 1, fin)
    d = dict(a=a, b=b, a1=a + 1)
    if "{a1}" in tpl and a + 1 >= b:
        b = a + 2 if a + 2 <= fin else fin
        a = b - 2
        d = dict(a=a, b=b, a1=a + 1)
    txt = tpl.format(**d)
    if kind == "range":
        return txt, a, b
    if kind == "open":
        return txt, a, None
    if kind == "single":
        return txt, a, a
    if kind == "cls":
        return txt, deb, fin
    return txt, None, None


def person(rng):
    return f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"


def build_contract(rng, tkey, deb, n_axes, n_actions, date):
    t = dict(TERRITOIRES[tkey])
    o = orgs(t)
    fin = deb + 4 if rng.random() < 0.7 else deb + 5
    axes_pool = list(range(len(AXES)))
    # coordination axis often last
    chosen = rng.sample([i for i in axes_pool if i != 7], n_axes - 1) + [7] if rng.random() < 0.5 else rng.sample(axes_pool, n_axes)
    axes = []
    for num, ai in enumerate(chosen, 1):
        titres, themes, objs = AXES[ai]
        nobj = rng.choice([1, 2]) if len(objs) >= 2 else 1
        axes.append(dict(numero=num, titre=rng.choice(titres), themes=themes,
                         objectifs=[dict(code=f"{num}.{k}", titre=ot) for k, ot in enumerate(rng.sample(objs, nobj), 1)]))
    # distribute actions: at least one per axis
    counts = [1] * n_axes
    for _ in range(n_actions - n_axes):
        counts[rng.randrange(n_axes)] += 1
    used_titles = set()
    actions = []
    for ax, cnt in zip(axes, counts):
        for k in range(cnt):
            theme = rng.choice(ax["themes"])
            th = THEMES[theme]
            cand = [x for x in th["titres"] if x not in used_titles] or th["titres"]
            titre = rng.choice(cand)
            used_titles.add(titre)
            obj = ax["objectifs"][min(k * len(ax["objectifs"]) // cnt, len(ax["objectifs"]) - 1)]
            fill = dict(terr=t["nom"], ville=t["ville"])
            desc = " ".join(p.format(**fill) for p in rng.sample(th["phrases"], rng.randint(1, 3)))
            porteurs_k = rng.sample(th["porteurs"], rng.choice([1, 1, 2]))
            porteurs = " et ".join(o[x] for x in porteurs_k)
            part_k = [x for x in rng.sample(th["partenaires"], min(len(th["partenaires"]), rng.randint(2, 5))) if x not in porteurs_k]
            partenaires = ", ".join(o[x] for x in part_k) if part_k else o["assocs"]
            public = rng.choice([rng.choice(th["publics"]), ", ".join(rng.sample(th["publics"], 2))])
            cs = t["communes"] + [t["ville"]] * 3
            terrain = rng.choice(TERRAINS).format(c1=cs[0], c2=cs[1], c3=cs[2], quartier=t["quartier"][0].upper() + t["quartier"][1:],
                                                  ville=t["ville"], terr=t["nom"])
            cal = make_cal(rng, deb, fin)
            bud = make_budget(rng, o, len(actions), theme)
            indics = rng.sample(th["indics"], rng.randint(2, min(4, len(th["indics"]))))
            statut = rng.choice(["nouvelle", "nouvelle", "existante"])
            actions.append(dict(
                axe=ax["numero"], axe_idx=k + 1, objectif=obj["code"], objectif_titre=obj["titre"], theme=theme,
                titre=titre, description=desc, porteurs=porteurs, partenaires=partenaires, public=public, territoire=terrain,
                cal=cal, budget=bud, indicateurs=indics, statut=statut,
                type_action=rng.choice(["Prévention", "Soins", "Accompagnement", "Prévention"]),
                contexte=rng.choice(["Le diagnostic local de santé a identifié ce besoin comme prioritaire.",
                                     "Les professionnels du territoire signalent des difficultés croissantes sur ce sujet.",
                                     "Plusieurs initiatives existent mais restent peu coordonnées."]),
                objectifs_txt=rng.choice(["Améliorer la coordination des acteurs et la lisibilité des dispositifs.",
                                          "Réduire les inégalités d'accès et toucher les publics les plus éloignés.",
                                          "Renforcer la prévention au plus près des lieux de vie."]),
                resultats=rng.choice(["Une meilleure couverture du territoire.", "Une hausse de la participation des publics ciblés.",
                                      "Des partenaires mieux outillés."]),
                prs=rng.choice(["PRS 2023-2028, objectif 3", "Parcours prioritaire du PRS : santé mentale", "Schéma régional de santé, axe prévention"]),
            ))
    ctx = dict(terr_cap=t["nom"], ncom=len(t["communes"]) * rng.randint(3, 6) if len(t["communes"]) > 1 else 1,
               pop=f"{rng.randint(9, 60)} 000", diag=deb - 1, du_dep=t["du_dep"], region=t["region"])
    contexte = [s.format(**ctx) for s in CONTEXTE if not (s.startswith("{terr_cap} regroupe") and len(t["communes"]) == 1)]
    signataires = [
        (f"Pour l'Agence Régionale de Santé {t['region']}", "La directrice générale" if rng.random() < .5 else "Le directeur général", person(rng)),
        (f"Pour la {t['nom']}" if t['nom'].startswith(("Communauté", "Ville")) else f"Pour le {t['nom']}",
         rng.choice(["Le président", "La présidente", "Le maire", "La maire"]) if t['nom'].startswith("Ville") else rng.choice(["Le président", "La présidente"]), person(rng)),
        (f"Pour la Préfecture {t['du_dep']}", rng.choice(["Le préfet", "La préfète"]), person(rng)),
        (f"Pour la {o['cpam']}", rng.choice(["Le directeur", "La directrice"]), person(rng)),
        (f"Pour le {o['cd']}", rng.choice(["Le président", "La présidente"]), person(rng)),
    ]
    y, m, d = date
    return dict(terr=t, orgs=o, debut=deb, fin=fin, date=f"{y:04d}-{m:02d}-{d:02d}",
                date_txt=f"{'1er' if d == 1 else d} {MOIS[m - 1]} {y}", axes=axes, actions=actions,
                contexte=contexte, signataires=signataires)
