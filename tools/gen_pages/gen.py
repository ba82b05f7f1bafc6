#!/usr/bin/env python3
"""Generate the variety corpus of CLS web pages and their ground truth.

    python3 tools/gen_pages/gen.py

writes fixtures/variety/html/<name>.html, gold.json and README.md. Stdlib only, deterministic.
Pages of gold.json that it does not generate (written by hand) are kept, with their gold and
their README row.
Every territory, action and organisation combination below is invented (the départements
and régions are real). The chrome of each CMS is in chrome.py, the layouts of the axes and
actions in layouts.py."""
import html
import json
import os
import re
import sys
from html.parser import HTMLParser

sys.dont_write_bytecode = True  # keep tools/gen_pages free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chrome  # noqa: E402
import layouts as L  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fixtures", "variety", "html")


def curly(s):
    return s.replace("'", "’")


def T_straight(s):
    return html.escape(s, quote=False)


def T_curly(s):
    return html.escape(curly(s), quote=False)


def T_wp(s):
    """wptexturize: typographic apostrophes and dashes, written as numeric entities."""
    return html.escape(curly(s), quote=False).replace("’", "&#8217;").replace("–", "&#8211;").replace("—", "&#8212;")


TYPO = {"straight": (T_straight, lambda s: s), "curly": (T_curly, curly), "wp": (T_wp, curly)}


def A(n, axe, t, por, par=None, cal=None, desc=None):
    return {"n": n, "axe": axe, "t": t, "por": por, "par": par or [], "cal": cal, "desc": desc}


GENERIC = [
    "Le contrat local de santé (CLS) est un outil porté conjointement par l'Agence régionale de santé et une collectivité "
    "territoriale pour réduire les inégalités territoriales et sociales de santé. Il s'appuie sur un diagnostic partagé "
    "et sur la mobilisation des élus, des professionnels et des habitants.",
    "Le contrat fixe des priorités, des actions concrètes, les acteurs qui les portent et un calendrier. Un comité de "
    "pilotage se réunit chaque année pour suivre sa mise en œuvre et ajuster les actions si besoin.",
]

PAGES = []

# ------------------------------------------------------------------------------------------ A
PAGES.append(dict(
    fichier="monts-du-pilat-wp.html", cms="wordpress-classic", layout="headings per axis (h2) and per action (h3), inline labels Porteur/Pilote/pilotée par/Partenaires",
    encoding="utf-8", cookie="tarteaucitron", typo="wp",
    site="Communauté de communes des Monts du Pilat", tagline="Vingt-deux communes entre Loire et Rhône",
    home="https://www.cc-montsdupilat.fr/", slug="ccmontsdupilat", node=1842,
    url="https://www.cc-montsdupilat.fr/vivre/sante/contrat-local-de-sante/",
    title="Contrat local de santé 2024-2028 – Communauté de communes des Monts du Pilat",
    og_title="Contrat local de santé 2024-2028", h1="Contrat local de santé 2024-2028 de la Communauté de communes des Monts du Pilat",
    crumbs=[("Accueil", "https://www.cc-montsdupilat.fr/"), ("Vivre", "https://www.cc-montsdupilat.fr/vivre/"),
            ("Santé", "https://www.cc-montsdupilat.fr/vivre/sante/"), ("Contrat local de santé", "")],
    description="Le contrat local de santé 2024-2028 des Monts du Pilat : axes, actions et porteurs.",
    address="3 place de la Halle, 42660 Saint-Genest-des-Crêts", phone="04 77 00 41 20",
    updated="2024-02-06", updated_fr="6 février 2024",
    news=[("Ramassage des encombrants : nouvelles dates", "28 mars 2024", "actualites/encombrants"),
          ("Le festival des Crêts revient en juillet", "21 mars 2024", "actualites/festival-des-cretes"),
          ("Bus de dépistage : où le trouver en avril", "14 mars 2024", "actualites/bus-depistage")],
    nature="contrat", territoire="Communauté de communes des Monts du Pilat", deps=["42"], region="Auvergne-Rhône-Alpes",
    periode=(2024, 2028), signature="2023-12-15",
    pdfs=["https://www.cc-montsdupilat.fr/wp-content/uploads/2024/01/cls-monts-du-pilat-2024-2028.pdf"],
    intro=["Signé le 15 décembre 2023 par la Communauté de communes des Monts du Pilat, l'ARS Auvergne-Rhône-Alpes, la "
           "Préfecture de la Loire et la CPAM de la Loire, le contrat local de santé couvre la période 2024-2028.", GENERIC[0],
           "Le diagnostic local de santé, mené en 2023 auprès de 640 habitants et de 85 professionnels, a fait ressortir la "
           "fragilité de la démographie médicale, l'isolement des personnes âgées et les difficultés de mobilité."],
    action_fmt="Action {n} – {t}",
    axes=["Favoriser l'accès aux soins de proximité", "Prévenir et promouvoir la santé à tous les âges",
          "Accompagner le vieillissement et la perte d'autonomie", "Agir pour un environnement favorable à la santé"],
    actions=[
        A("1.1", 1, "Soutenir l'installation de jeunes médecins", ["la Communauté de communes des Monts du Pilat", "l'ARS Auvergne-Rhône-Alpes"],
          ["Conseil départemental de l'Ordre des médecins de la Loire", "Faculté de médecine de Saint-Étienne"],
          desc="Accueil des internes, aide au logement des stagiaires et présentation du territoire aux jeunes diplômés."),
        A("1.2", 1, "Développer la télémédecine dans les communes rurales", ["la CPTS des Monts du Pilat"], ["pharmacies du territoire", "GCS SARA"],
          desc="Équiper deux pharmacies et une maison de santé de cabines de téléconsultation accompagnée."),
        A("1.3", 1, "Organiser un transport solidaire vers les lieux de soins", ["le Centre intercommunal d'action sociale des Monts du Pilat"],
          ["associations de chauffeurs bénévoles"], desc="Mise en relation d'habitants sans véhicule avec des chauffeurs bénévoles."),
        A("2.1", 2, "Déployer un programme d'éducation à la nutrition dans les écoles", ["la Mutualité Française Auvergne-Rhône-Alpes"],
          ["Éducation nationale", "communes"], desc="Ateliers en classe de CE2 et CM1, goûters partagés avec les familles."),
        A("2.2", 2, "Renforcer la prévention des conduites addictives chez les jeunes", ["l'Association Addictions France"],
          ["collèges du territoire", "Mission locale"], desc="Interventions en collège, formation des animateurs jeunesse."),
        A("2.3", 2, "Promouvoir le dépistage organisé des cancers", ["la CPAM de la Loire", "le Centre régional de coordination des dépistages des cancers"],
          desc="Relais des campagnes nationales et présence du bus de dépistage sur les marchés."),
        A("3.1", 3, "Prévenir les chutes des personnes âgées à domicile", ["le Centre intercommunal d'action sociale des Monts du Pilat"],
          ["ergothérapeutes libéraux", "caisses de retraite"], desc="Visites à domicile et ateliers équilibre dans quatre communes."),
        A("3.2", 3, "Soutenir les aidants familiaux par des temps de répit", ["la Plateforme de répit du Haut-Pilat"],
          desc="Accueil de jour itinérant et groupes de parole pour les aidants."),
        A("4.1", 4, "Améliorer la qualité de l'air intérieur dans les établissements accueillant des enfants", ["la Communauté de communes des Monts du Pilat"],
          ["ATMO Auvergne-Rhône-Alpes"], desc="Campagnes de mesure dans les crèches et formation des agents d'entretien."),
        A("4.2", 4, "Lutter contre l'habitat indigne", ["la Direction départementale des territoires de la Loire", "la Communauté de communes des Monts du Pilat"],
          ["Agence départementale d'information sur le logement"], desc="Repérage des logements dégradés et accompagnement des propriétaires."),
    ],
    after='<p><a href="https://www.cc-montsdupilat.fr/wp-content/uploads/2024/01/cls-monts-du-pilat-2024-2028.pdf" target="_blank" rel="noopener">'
          'Télécharger le contrat local de santé 2024-2028 (PDF, 3,1 Mo)</a></p>',
    render=L.headings,
))

# ------------------------------------------------------------------------------------------ B
PAGES.append(dict(
    fichier="grand-senonais-gutenberg.html", cms="wordpress-gutenberg", layout="wp-block-columns cards per action ('Fiche n' + h3 title + Pilote line) under wp-block-heading axes",
    encoding="utf-8", cookie="axeptio", typo="curly",
    site="Communauté d'agglomération du Grand Sénonais", tagline="27 communes, un territoire",
    home="https://www.grand-senonais.fr/", slug="grandsenonais", node=2207,
    url="https://www.grand-senonais.fr/sante/le-contrat-local-de-sante/",
    title="Le Contrat local de santé | Grand Sénonais", og_title="Le CLS du Grand Sénonais", h1="Le Contrat local de santé",
    crumbs=[("Accueil", "https://www.grand-senonais.fr/"), ("Solidarités", "https://www.grand-senonais.fr/solidarites/"),
            ("Santé", "https://www.grand-senonais.fr/sante/"), ("Le Contrat local de santé", "")],
    description="Neuf fiches-actions pour la santé des habitants du Grand Sénonais.",
    address="Hôtel de l'agglomération, 6 boulevard du Mail, 89100 Sens", phone="03 86 00 89 89",
    updated="2023-06-19", updated_fr="19 juin 2023",
    news=[("Piscine communautaire : horaires d'été", "12 juin 2023", "actualites/piscine-horaires-ete"),
          ("Collecte des déchets verts : ce qui change", "5 juin 2023", "actualites/dechets-verts"),
          ("Rendez-vous au forum des associations", "30 mai 2023", "actualites/forum-associations")],
    nature="contrat", territoire="Communauté d'agglomération du Grand Sénonais", deps=["89"], region="Bourgogne-Franche-Comté",
    periode=(2023, 2027), signature=None, pdfs=[],
    intro=["La Communauté d'agglomération du Grand Sénonais s'est engagée avec l'ARS Bourgogne-Franche-Comté et ses partenaires "
           "dans un contrat local de santé pour la période 2023-2027.", GENERIC[1],
           "Le contrat compte neuf fiches-actions, réparties en trois axes."],
    caption="Les signataires du contrat réunis à l'hôtel de l'agglomération.",
    axes=["Améliorer l'accès aux soins et aux droits", "Promouvoir la santé mentale et le bien-être",
          "Encourager les modes de vie favorables à la santé"],
    actions=[
        A("1", 1, "Accompagner l'installation des internes en médecine générale", ["la Communauté d'agglomération du Grand Sénonais"],
          desc="Logement meublé, découverte du territoire et soirées d'accueil."),
        A("2", 1, "Déployer un bus de prévention dans les quartiers prioritaires", ["la CPAM de l'Yonne"],
          desc="Bilans de santé et ouverture de droits au pied des immeubles."),
        A("3", 1, "Faciliter l'accès aux droits de santé des personnes précaires", ["le Centre communal d'action sociale de Sens"],
          desc="Permanences d'aide aux démarches et accompagnement vers la complémentaire santé solidaire."),
        A("4", 2, "Former des habitants aux premiers secours en santé mentale", ["l'UNAFAM Yonne"],
          desc="Sessions de deux jours ouvertes aux élus, aux agents et aux bénévoles."),
        A("5", 2, "Créer un conseil local de santé mentale", ["la Communauté d'agglomération du Grand Sénonais", "le Centre hospitalier de Sens"],
          desc="Une instance de concertation entre élus, psychiatrie, usagers et aidants."),
        A("6", 2, "Prévenir l'isolement des personnes âgées", ["le Centre communal d'action sociale de Sens"],
          desc="Visites de convivialité et appels réguliers pendant l'été."),
        A("7", 3, "Développer le sport-santé sur ordonnance", ["la Maison sport-santé du Sénonais"],
          desc="Activité physique adaptée pour les patients atteints de maladies chroniques."),
        A("8", 3, "Améliorer l'offre alimentaire dans la restauration scolaire", ["la Communauté d'agglomération du Grand Sénonais"],
          desc="Plus de produits locaux et un repas végétarien par semaine."),
        A("9", 3, "Sensibiliser au risque lié au radon et au monoxyde de carbone", ["l'ARS Bourgogne-Franche-Comté"],
          desc="Mesures gratuites dans les logements et campagne d'information chaque hiver."),
    ],
    after='<div class="wp-block-buttons is-layout-flex"><div class="wp-block-button"><a class="wp-block-button__link wp-element-button" '
          'href="https://www.grand-senonais.fr/contact/">Contacter la coordinatrice du CLS</a></div></div>',
    render=L.wp_columns,
))

# ------------------------------------------------------------------------------------------ C
PAGES.append(dict(
    fichier="vallons-indrois-drupal10.html", cms="drupal-10", drupal="10", layout="Bootstrap accordion (button aria-expanded + div.accordion-collapse.collapse), one per axis, actions inside with 'piloté par'",
    encoding="utf-8", cookie="eucc", typo="curly",
    site="Communauté de communes des Vallons de l'Indrois", tagline="Au cœur de la Touraine du Sud",
    home="https://www.cc-vallons-indrois.fr/", slug="ccvallonsindrois", node=412,
    url="https://www.cc-vallons-indrois.fr/solidarites/sante/contrat-local-de-sante",
    title="Contrat local de santé 2022-2026 | CC des Vallons de l'Indrois", og_title="Notre contrat local de santé",
    h1="Notre contrat local de santé",
    crumbs=[("Accueil", "/"), ("Solidarités", "/solidarites"), ("Santé", "/solidarites/sante"), ("Contrat local de santé 2022-2026", "")],
    description="Le contrat local de santé des Vallons de l'Indrois, signé en 2022 pour cinq ans.",
    address="12 route de Montrésor, 37460 Chemillé-les-Vallons", phone="02 47 00 37 37",
    updated="2022-04-11", updated_fr="11 avril 2022",
    news=[("Inscriptions au centre de loisirs des vacances de printemps", "8 avril 2022", "actualites/alsh-printemps"),
          ("Travaux sur la route départementale 760", "1 avril 2022", "actualites/travaux-rd760"),
          ("Octobre rose : une marche solidaire à Beaumont", "28 mars 2022", "actualites/marche-octobre-rose")],
    nature="contrat", territoire="Communauté de communes des Vallons de l'Indrois", deps=["37"], region="Centre-Val de Loire",
    periode=(2022, 2026), signature="2022-03-03", pdfs=[],
    intro=["La Communauté de communes des Vallons de l'Indrois a signé le 3 mars 2022 son premier contrat local de santé avec "
           "l'Agence régionale de santé Centre-Val de Loire, la Préfecture d'Indre-et-Loire et le Conseil départemental.",
           GENERIC[0], "Le contrat s'organise en trois axes et huit actions, présentés ci-dessous."],
    axes=["Renforcer l'offre de soins de premier recours", "Agir pour la santé des enfants et des jeunes",
          "Soutenir l'autonomie des personnes âgées et handicapées"],
    actions=[
        A("1.1", 1, "Créer un guichet unique d'accueil des professionnels de santé", ["la Communauté de communes des Vallons de l'Indrois"]),
        A("1.2", 1, "Développer les consultations avancées de spécialistes", ["le Centre hospitalier du Lochois", "la CPTS des Vallons"]),
        A("1.3", 1, "Promouvoir l'exercice coordonné en maison de santé", ["l'ARS Centre-Val de Loire"]),
        A("2.1", 2, "Promouvoir les compétences psychosociales au collège", ["la Direction des services départementaux de l'Éducation nationale d'Indre-et-Loire"]),
        A("2.2", 2, "Favoriser l'accès des jeunes à la contraception et au dépistage", ["le Centre de santé sexuelle d'Indre-et-Loire"]),
        A("3.1", 3, "Lutter contre l'isolement en milieu rural", ["le Centre intercommunal d'action sociale des Vallons"]),
        A("3.2", 3, "Adapter les logements au vieillissement", ["la Communauté de communes des Vallons de l'Indrois", "l'Agence nationale de l'habitat"]),
        A("3.3", 3, "Faciliter l'accueil des enfants en situation de handicap dans les accueils de loisirs", ["les Francas d'Indre-et-Loire"]),
    ],
    render=L.bs_accordion_axis,
))

# ------------------------------------------------------------------------------------------ D
PAGES.append(dict(
    fichier="pays-sud-charente-dsfr.html", cms="dsfr", layout="DSFR fr-accordion per action (fr-accordion__btn + div.fr-collapse) under h2 axes; FAQ accordion; fr-download link",
    encoding="utf-8", cookie="dsfr", typo="straight",
    site="Pays Sud Charente", tagline="Syndicat mixte du Pays Sud Charente",
    home="https://www.pays-sud-charente.fr/", slug="payssudcharente", node=96,
    url="https://www.pays-sud-charente.fr/sante/contrat-local-de-sante-2024-2028",
    title="Contrat local de santé 2024-2028 - Pays Sud Charente", og_title="Contrat local de santé 2024-2028 du Pays Sud Charente",
    h1="Contrat local de santé 2024-2028 du Pays Sud Charente",
    crumbs=[("Accueil", "/"), ("Santé", "/sante"), ("Contrat local de santé", "")],
    description="Axes, actions et porteurs du contrat local de santé du Pays Sud Charente.",
    address="2 avenue de la Gare, 16300 Barbezieux-Saint-Hilaire", phone="05 45 00 16 16",
    updated="2024-05-02", updated_fr="2 mai 2024",
    news=[("Appel à projets prévention 2024 : candidatures jusqu'au 30 juin", "29 avril 2024", "actualites/appel-a-projets-prevention"),
          ("Le Pays recrute un chargé de mission mobilité", "22 avril 2024", "actualites/recrutement-mobilite"),
          ("Retour sur la journée des aidants à Chalais", "15 avril 2024", "actualites/journee-aidants")],
    submenu=[("Contrat local de santé", "/sante/contrat-local-de-sante-2024-2028"), ("Annuaire des professionnels", "/sante/annuaire"),
             ("Devenir médecin en Sud Charente", "/sante/installation"), ("Agenda santé", "/sante/agenda")],
    menu=[("Accueil", "/"), ("Le Pays", "/le-pays"), ("Économie", "/economie"), ("Santé", "/sante"),
          ("Mobilité", "/mobilite"), ("Tourisme", "/tourisme"), ("Publications", "/publications")],
    menu_current="/sante",
    nature="contrat", territoire="Pays Sud Charente", deps=["16"], region="Nouvelle-Aquitaine",
    periode=(2024, 2028), signature="2024-04-12",
    pdfs=["https://www.pays-sud-charente.fr/sites/default/files/2024-05/cls-pays-sud-charente-2024-2028.pdf"],
    intro=["Le Pays Sud Charente, l'ARS Nouvelle-Aquitaine, la Préfecture de la Charente, le Département et la CPAM ont signé le "
           "12 avril 2024 le deuxième contrat local de santé du territoire, pour la période 2024-2028.",
           "Il prolonge le premier contrat (2018-2023) et s'appuie sur un diagnostic actualisé par l'Observatoire régional de la santé.",
           GENERIC[1]],
    axes=["Améliorer l'accès à la santé en milieu rural", "Promouvoir la santé mentale et prévenir les addictions",
          "Bien vieillir sur le territoire"],
    actions=[
        A("1.1", 1, "Expérimenter une équipe mobile de soins non programmés", ["CPTS Sud Charente"],
          ["Centre hospitalier de Barbezieux", "SDIS de la Charente"], "2024-2026",
          "Une équipe de médecins et d'infirmiers se déplace dans les communes sans cabinet médical."),
        A("1.2", 1, "Organiser des permanences d'accès aux droits dans les France services", ["CPAM de la Charente"],
          ["MSA des Charentes", "Pays Sud Charente"], "dès 2024"),
        A("1.3", 1, "Développer la prévention bucco-dentaire dans les écoles", ["Pays Sud Charente"],
          ["Union française pour la santé bucco-dentaire"], "2025-2028"),
        A("2.1", 2, "Mettre en place un réseau de sentinelles du risque suicidaire", ["Centre hospitalier spécialisé de la Charente"],
          ["Mission locale", "MSA des Charentes"], "2024-2025", "Former des habitants et des professionnels au repérage et à l'orientation."),
        A("2.2", 2, "Renforcer les consultations jeunes consommateurs", ["Association Addictions France"], ["lycées du territoire"], "2024-2028"),
        A("2.3", 2, "Sensibiliser les élus à la santé mentale", ["Pays Sud Charente", "UNAFAM Charente"], [], "2025"),
        A("3.1", 3, "Déployer des ateliers de prévention des chutes", ["MSA des Charentes"], ["clubs des aînés", "Siel Bleu"], "2024-2028"),
        A("3.2", 3, "Créer un annuaire des solutions de répit pour les aidants", ["Pays Sud Charente"], ["Plateforme d'accompagnement et de répit"], "2025"),
    ],
    faq=[("Qui peut proposer une nouvelle action ?", "Tout partenaire peut soumettre une proposition au comité technique, qui se réunit deux fois par an."),
         ("Comment participer aux groupes de travail ?", "Les groupes de travail sont ouverts aux professionnels et aux habitants : écrivez à la coordinatrice santé."),
         ("Le contrat est-il financé ?", "Chaque action mobilise les crédits de ses porteurs ; l'ARS finance le poste de coordination.")],
    after='<div class="fr-download fr-mt-4w"><p><a href="https://www.pays-sud-charente.fr/sites/default/files/2024-05/cls-pays-sud-charente-2024-2028.pdf" '
          'download class="fr-download__link">Télécharger le contrat local de santé 2024-2028 <span class="fr-download__detail">PDF – 4,1 Mo</span></a></p></div>',
    render=L.dsfr_accordion_action,
))

# ------------------------------------------------------------------------------------------ E
PAGES.append(dict(
    fichier="cotes-de-meuse-ars-dsfr.html", cms="dsfr", dsfr_state=True, layout="DSFR État (ARS) site: fr-card per action in fr-grid-row under h2 axes ('Axe stratégique n'), 'Pilote :' in fr-card__detail",
    encoding="utf-16le-bom", cookie="dsfr", typo="straight",
    site="Agence régionale de santé Grand Est", tagline="Agir pour la santé de tous",
    home="https://www.grand-est.ars.sante.fr/", slug="arsgrandest", node=5120,
    url="https://www.grand-est.ars.sante.fr/cls-cotes-de-meuse-woevre",
    title="Contrat local de santé de la Communauté de communes des Côtes de Meuse-Woëvre | Agence régionale de santé Grand Est",
    og_title="CLS des Côtes de Meuse-Woëvre", h1="Le contrat local de santé de la Communauté de communes des Côtes de Meuse-Woëvre",
    crumbs=[("Accueil", "/"), ("Votre ARS", "/votre-ars"), ("Contrats locaux de santé", "/contrats-locaux-de-sante"),
            ("CLS Côtes de Meuse-Woëvre", "")],
    menu=[("Accueil", "/"), ("Santé et prévention", "/sante-et-prevention"), ("Professionnels", "/professionnels"),
          ("Votre ARS", "/votre-ars"), ("Nous contacter", "/nous-contacter")],
    menu_current="/votre-ars",
    submenu=[("Contrats locaux de santé", "/contrats-locaux-de-sante"), ("Projet régional de santé", "/projet-regional-de-sante"),
             ("Conseils territoriaux de santé", "/conseils-territoriaux-de-sante")],
    description="Présentation du CLS 2023-2027 de la Communauté de communes des Côtes de Meuse-Woëvre.",
    address="3 boulevard Joffre, 54000 Nancy", phone="03 83 00 54 54",
    updated="2023-11-20", updated_fr="20 novembre 2023",
    news=[("Canicule : les bons réflexes", "17 novembre 2023", "actualites/canicule-bons-reflexes"),
          ("Vaccination contre la grippe : la campagne est lancée", "10 novembre 2023", "actualites/campagne-grippe")],
    nature="contrat", territoire="Communauté de communes des Côtes de Meuse-Woëvre", deps=["55"], region="Grand Est",
    periode=(2023, 2027), signature=None,
    pdfs=["https://www.grand-est.ars.sante.fr/system/files/2023-11/CLS_Cotes_de_Meuse_Woevre_2023-2027.pdf"],
    intro=["L'ARS Grand Est et la Communauté de communes des Côtes de Meuse-Woëvre ont conclu un contrat local de santé pour la "
           "période 2023-2027, avec la Préfecture de la Meuse et la Caisse primaire d'assurance maladie."],
    axes=["Accès aux soins et coordination des professionnels", "Prévention et promotion de la santé", "Santé environnementale"],
    actions=[
        A("1", 1, "Animer un réseau local des professionnels de santé", ["Communauté de communes des Côtes de Meuse-Woëvre"],
          desc="Rencontres trimestrielles et annuaire partagé des professionnels."),
        A("2", 1, "Accueillir des étudiants en stage dans les cabinets du territoire", ["Maison de santé pluriprofessionnelle des Côtes"]),
        A("3", 1, "Développer la téléconsultation accompagnée en pharmacie", ["Union régionale des professionnels de santé pharmaciens Grand Est"]),
        A("4", 2, "Promouvoir la vaccination contre les papillomavirus", ["ARS Grand Est"],
          desc="Campagne au collège en classe de cinquième."),
        A("5", 2, "Développer l'activité physique adaptée pour les personnes atteintes de maladies chroniques", ["Maison sport-santé de la Meuse"],
          desc="Créneaux encadrés dans trois communes."),
        A("6", 2, "Prévenir les conduites à risque en milieu festif", ["Association Addictions France", "Communauté de communes des Côtes de Meuse-Woëvre"],
          desc="Stands de prévention lors des fêtes de village et formation des organisateurs."),
        A("7", 3, "Surveiller la qualité de l'eau des captages communaux", ["ARS Grand Est"]),
        A("8", 3, "Lutter contre les espèces allergisantes comme l'ambroisie", ["FREDON Grand Est"],
          desc="Formation de référents communaux et arrachage coordonné."),
    ],
    after='<h2 class="fr-mt-5w">Documents</h2><div class="fr-download"><p><a href="https://www.grand-est.ars.sante.fr/system/files/2023-11/CLS_Cotes_de_Meuse_Woevre_2023-2027.pdf" '
          'download class="fr-download__link">Contrat local de santé des Côtes de Meuse-Woëvre 2023-2027 <span class="fr-download__detail">PDF – 2,8 Mo</span></a></p></div>'
          '<div class="fr-callout fr-mt-4w"><p class="fr-callout__text">Contact : délégation territoriale de la Meuse</p></div>',
    render=L.dsfr_cards,
))

# ------------------------------------------------------------------------------------------ F
PAGES.append(dict(
    fichier="causses-levezou-joomla3.html", cms="joomla-3", joomla="3", layout="one table 'N° | Action | Porteur | Échéance' for all actions, axis rows as <td colspan=4>, several porteurs separated by <br>",
    encoding="utf-8", cookie="cookiehint", typo="straight",
    site="Communauté de communes des Causses du Lévézou", tagline="Entre causses et lacs",
    home="https://www.causses-levezou.fr/", slug="caussesdulevezou", node=142,
    url="https://www.causses-levezou.fr/vivre/sante/contrat-local-de-sante",
    title="CLS 2025-2029 : le plan d'actions", og_title="Contrat local de santé – Causses du Lévézou",
    h1="CLS 2025-2029 : le plan d'actions",
    crumbs=[("Accueil", "/"), ("Vivre", "/vivre"), ("Santé", "/vivre/sante"), ("Contrat local de santé", "")],
    description="Le plan d'actions du contrat local de santé des Causses du Lévézou.",
    address="Place du Foirail, 12290 Saint-Martin-des-Causses", phone="05 65 00 12 12",
    updated="2025-01-14", updated_fr="14 janvier 2025",
    news=[("Déneigement : les routes prioritaires", "10 janvier 2025", "deneigement-routes"),
          ("Vœux du président à la population", "6 janvier 2025", "voeux-du-president"),
          ("Le relais petite enfance change d'adresse", "20 décembre 2024", "relais-petite-enfance")],
    nature="contrat", territoire="Communauté de communes des Causses du Lévézou", deps=["12"], region="Occitanie",
    periode=(2025, 2029), signature=None, pdfs=[],
    intro=["Le contrat local de santé de la Communauté de communes des Causses du Lévézou, conclu avec l'ARS Occitanie pour la "
           "période 2025-2029, compte neuf actions réparties en quatre axes.", GENERIC[1]],
    axes=["Attirer et maintenir les professionnels de santé", "Prévenir et dépister", "Accompagner les publics vulnérables",
          "Coordonner et animer le contrat"],
    actions=[
        A("1.1", 1, "Proposer un logement aux stagiaires et internes", ["Communauté de communes des Causses du Lévézou"], cal="2025"),
        A("1.2", 1, "Soutenir le projet de centre de santé intercommunal", ["Communauté de communes des Causses du Lévézou", "ARS Occitanie"], cal="2026"),
        A("2.1", 2, "Organiser des journées de dépistage du diabète", ["CPAM de l'Aveyron"], cal="2025-2029"),
        A("2.2", 2, "Développer les ateliers nutrition pour les familles", ["Mutualité Française Occitanie"], cal="2026"),
        A("2.3", 2, "Prévenir les risques liés au soleil et aux tiques chez les randonneurs", ["Office de tourisme des Causses du Lévézou"], cal="chaque été"),
        A("3.1", 3, "Repérer les situations de fragilité chez les exploitants agricoles", ["MSA Midi-Pyrénées Nord"], cal="2025-2027"),
        A("3.2", 3, "Faciliter l'accès aux soins des personnes en situation de handicap", ["ADAPEI de l'Aveyron"], cal="2026-2028"),
        A("4.1", 4, "Recruter un coordinateur du contrat local de santé", ["Communauté de communes des Causses du Lévézou"], cal="2025"),
        A("4.2", 4, "Évaluer le contrat à mi-parcours", ["ARS Occitanie", "Communauté de communes des Causses du Lévézou"], cal="2027"),
    ],
    after="<p>Pour toute question : Maison France services, place du Foirail, du lundi au jeudi.</p>",
    render=L.table_all,
))

# ------------------------------------------------------------------------------------------ G
PAGES.append(dict(
    fichier="bocage-ornais-drupal9.html", cms="drupal-9", drupal="9", layout="one table per axis under each h2 axis heading, columns 'Action | N° | Pilote | Calendrier'",
    encoding="utf-8", cookie="tarteaucitron", typo="curly",
    site="Pays du Bocage ornais", tagline="Pôle d'équilibre territorial et rural",
    home="https://www.pays-bocage-ornais.fr/", slug="paysbocageornais", node=77,
    url="https://www.pays-bocage-ornais.fr/nos-missions/sante/contrat-local-de-sante",
    title="Contrat local de santé | Pays du Bocage ornais", og_title="Contrat local de santé du Pays du Bocage ornais",
    h1="Contrat local de santé du Pays du Bocage ornais (2022-2026)",
    crumbs=[("Accueil", "/"), ("Nos missions", "/nos-missions"), ("Santé", "/nos-missions/sante"), ("Contrat local de santé", "")],
    description="Le contrat local de santé 2022-2026 du Pays du Bocage ornais et ses neuf actions.",
    address="5 rue du Château, 61100 Saint-Paul-du-Bocage", phone="02 33 00 61 61",
    updated="2022-07-05", updated_fr="5 juillet 2022",
    news=[("Programme LEADER : un nouvel appel à projets", "1 juillet 2022", "actualites/leader-appel-a-projets"),
          ("Balade découverte des haies bocagères", "24 juin 2022", "actualites/balade-haies"),
          ("Mois sans tabac : inscrivez-vous aux ateliers", "17 juin 2022", "actualites/mois-sans-tabac")],
    nature="contrat", territoire="Pays du Bocage ornais", deps=["61"], region="Normandie",
    periode=(2022, 2026), signature="2022-06-28", pdfs=[],
    intro=["Le contrat local de santé du Pays du Bocage ornais a été signé le 28 juin 2022 avec l'ARS Normandie, la Préfecture de "
           "l'Orne, le Conseil départemental et la Mutualité sociale agricole.", GENERIC[0]],
    axes=["Offre de soins et démographie médicale", "Santé des jeunes", "Santé mentale", "Environnement et cadre de vie"],
    actions=[
        A("1.1", 1, "Mettre en place une aide à l'installation des médecins", ["Pays du Bocage ornais"], cal="2022-2023"),
        A("1.2", 1, "Créer des cabinets secondaires dans les communes rurales", ["Pays du Bocage ornais", "Ordre des médecins de l'Orne"], cal="2023-2025"),
        A("1.3", 1, "Promouvoir les métiers de la santé auprès des lycéens", ["Région Normandie"], cal="2023-2026"),
        A("2.1", 2, "Mettre en place des ateliers d'éducation à la vie affective", ["Planning familial de l'Orne"], cal="2022-2026"),
        A("2.2", 2, "Prévenir l'usage excessif des écrans chez les jeunes enfants", ["Protection maternelle et infantile de l'Orne"], cal="2023"),
        A("3.1", 3, "Ouvrir un point d'écoute pour les jeunes en souffrance", ["Maison des adolescents de l'Orne"], cal="2023-2024"),
        A("3.2", 3, "Organiser les Semaines d'information sur la santé mentale", ["Pays du Bocage ornais", "Centre psychothérapique de l'Orne"], cal="chaque année en octobre"),
        A("4.1", 4, "Sensibiliser à la qualité de l'air intérieur", ["ATMO Normandie"], cal="2024"),
        A("4.2", 4, "Accompagner les communes dans la lutte contre le moustique tigre", ["ARS Normandie"], cal="2024-2026"),
    ],
    render=L.table_per_axis,
))

# ------------------------------------------------------------------------------------------ H
PAGES.append(dict(
    fichier="haute-vallee-asse-spip.html", cms="spip", layout="SPIP intertitres h3.spip per axis, <dl> per axis: <dt>Action n : titre</dt><dd>Porteur : …</dd><dd>Partenaires : …</dd>, spip_document PDF",
    encoding="iso-8859-1", cookie="tarteaucitron", typo="straight",
    site="Communauté de communes de la Haute-Vallée de l'Asse", tagline="Montagnes de Haute-Provence",
    home="https://www.haute-vallee-asse.fr/", slug="hautevalleeasse", node=87,
    url="https://www.haute-vallee-asse.fr/spip.php?article87",
    title="Le contrat local de santé - Communauté de communes de la Haute-Vallée de l'Asse",
    og_title="Le contrat local de santé 2023-2027", h1="Le contrat local de santé",
    crumbs=[("Accueil", "./"), ("Vivre ici", "spip.php?rubrique5"), ("Santé", "spip.php?rubrique12"), ("Contrat local de santé", "")],
    description="Le contrat local de santé 2023-2027 de la Haute-Vallée de l'Asse.",
    address="Mairie annexe, 04330 Barrême-les-Clues", phone="04 92 00 04 04",
    updated="2023-07-20", updated_fr="20 juillet 2023",
    news=[("Fermeture estivale de la déchetterie le samedi", "18 juillet 2023", ""),
          ("Feux de forêt : niveau de risque et accès aux massifs", "12 juillet 2023", ""),
          ("Marché des producteurs tous les jeudis", "5 juillet 2023", "")],
    nature="contrat", territoire="Communauté de communes de la Haute-Vallée de l'Asse", deps=["04"], region="Provence-Alpes-Côte d'Azur",
    periode=(2023, 2027), signature="2023-07-07",
    pdfs=["https://www.haute-vallee-asse.fr/IMG/pdf/cls_haute-vallee-asse_2023-2027.pdf"],
    chapo="Signé le 7 juillet 2023, le contrat local de santé 2023-2027 engage la Communauté de communes et l'ARS "
          "Provence-Alpes-Côte d'Azur sur sept actions.",
    intro=["Dans une vallée de montagne où le premier médecin est parfois à quarante minutes, la Communauté de communes de la "
           "Haute-Vallée de l'Asse a souhaité agir sur l'accès aux soins, la prévention et l'autonomie des aînés.", GENERIC[1]],
    axes=["Garantir une offre de soins de proximité en montagne", "Promouvoir des comportements favorables à la santé",
          "Préserver l'autonomie et la santé des aînés"],
    actions=[
        A("1", 1, "Organiser la permanence des soins en période estivale", ["la Communauté de communes de la Haute-Vallée de l'Asse"],
          ["ARS Provence-Alpes-Côte d'Azur", "médecins libéraux"]),
        A("2", 1, "Soutenir le développement d'un centre de soins infirmiers", ["Association Soins et Santé en Haute-Asse"], ["MSA Alpes-Vaucluse"]),
        A("3", 2, "Encourager la pratique de la randonnée santé", ["Comité départemental de randonnée pédestre des Alpes-de-Haute-Provence"], ["offices de tourisme"]),
        A("4", 2, "Mettre en œuvre un programme de prévention des addictions au collège", ["Association Addictions France"], ["collège de la vallée"]),
        A("5", 2, "Favoriser une alimentation locale et de saison", ["Communauté de communes de la Haute-Vallée de l'Asse"], ["producteurs locaux", "cantines scolaires"]),
        A("6", 3, "Déployer la téléassistance auprès des personnes isolées", ["Centre intercommunal d'action sociale de la Haute-Asse"], ["Département des Alpes-de-Haute-Provence"]),
        A("7", 3, "Former les aides à domicile au repérage de la dénutrition", ["ADMR des Alpes-de-Haute-Provence"], []),
    ],
    after='<div class="spip_document_311 spip_document spip_documents spip_document_file spip_documents_center"><figure class="spip_doc_inner">'
          '<a href="https://www.haute-vallee-asse.fr/IMG/pdf/cls_haute-vallee-asse_2023-2027.pdf" class="spip_doc_lien" type="application/pdf">'
          '<img src="prive/themes/spip/images/pdf-48.svg" width="48" height="48" alt=""></a><figcaption class="spip_doc_legende">'
          '<div class="spip_doc_titre"><strong>Contrat local de santé 2023-2027</strong></div><div class="spip_doc_descriptif">PDF - 3.2 Mio</div>'
          '</figcaption></figure></div>',
    render=L.dl,
))

# ------------------------------------------------------------------------------------------ I
PAGES.append(dict(
    fichier="port-lesney-wp.html", cms="wordpress-classic", layout="<ol> of actions under each h2 axis ('Axe n. …'), numbering continued with <ol start>, '(porteur : …)' in parentheses; numbers not in the text",
    encoding="utf-8", cookie="complianz", typo="wp",
    site="Ville de Port-Lesney", tagline="Village de la vallée de la Loue",
    home="https://www.port-lesney.fr/", slug="villeportlesney", node=318,
    url="https://www.port-lesney.fr/vie-pratique/sante/contrat-local-de-sante/",
    title="Contrat local de santé (2024-2028) | Port-Lesney", og_title="Contrat local de santé (2024-2028)",
    h1="Notre contrat local de santé",
    crumbs=[("Accueil", "https://www.port-lesney.fr/"), ("Vie pratique", "https://www.port-lesney.fr/vie-pratique/"),
            ("Santé", "https://www.port-lesney.fr/vie-pratique/sante/"), ("Contrat local de santé", "")],
    menu=[("Accueil", "/"), ("Mairie", "/mairie"), ("Vie pratique", "/vie-pratique"), ("Solidarités et santé", "/solidarites-sante"),
          ("Associations", "/associations"), ("Tourisme", "/tourisme")],
    description="Le contrat local de santé 2024-2028 de la Ville de Port-Lesney, en huit actions.",
    address="Mairie, 1 place de l'Église, 39600 Port-Lesney", phone="03 84 00 39 39",
    updated="2024-03-18", updated_fr="18 mars 2024",
    news=[("Fête de la Loue : appel aux bénévoles", "15 mars 2024", "actualites/fete-de-la-loue"),
          ("Compte rendu du conseil municipal du 7 mars", "11 mars 2024", "actualites/conseil-municipal-7-mars"),
          ("Nouveaux horaires de l'agence postale", "4 mars 2024", "actualites/agence-postale")],
    nature="contrat", territoire="Port-Lesney", deps=["39"], region="Bourgogne-Franche-Comté",
    periode=(2024, 2028), signature=None, pdfs=[],
    intro=["La Ville de Port-Lesney s'est dotée d'un contrat local de santé, conclu avec l'ARS Bourgogne-Franche-Comté pour "
           "cinq ans, de 2024 à 2028. Huit actions ont été retenues après les réunions publiques de l'automne.", GENERIC[1]],
    axes=["Accès aux soins", "Prévention et bien-être", "Solidarités et lien social"],
    actions=[
        A("1", 1, "Créer un point d'accueil santé en mairie", ["CCAS de Port-Lesney"]),
        A("2", 1, "Faciliter le transport vers les cabinets médicaux du secteur", ["Ville de Port-Lesney"]),
        A("3", 1, "Accueillir un cabinet infirmier dans l'ancienne école", ["Ville de Port-Lesney", "ARS Bourgogne-Franche-Comté"]),
        A("4", 2, "Organiser une marche santé mensuelle au bord de la Loue", ["Association Les Amis de la Loue"]),
        A("5", 2, "Proposer des ateliers de cuisine pour les seniors", ["CCAS de Port-Lesney"]),
        A("6", 2, "Installer des défibrillateurs dans les lieux publics", ["Ville de Port-Lesney"]),
        A("7", 3, "Mettre en place un réseau de voisins solidaires", ["CCAS de Port-Lesney"]),
        A("8", 3, "Soutenir les aidants par un café des aidants", ["CCAS de Port-Lesney", "Mutualité Française Bourgogne-Franche-Comté"]),
    ],
    render=L.ol,
))

# ------------------------------------------------------------------------------------------ J
PAGES.append(dict(
    fichier="ernee-colmont-joomla4.html", cms="joomla-4", joomla="4", layout="axes only (h3 'Axe n – …' + a paragraph each), no actions on the page, 'Télécharger le contrat local de santé (PDF, 2,3 Mo)'",
    encoding="utf-8", cookie="tarteaucitron", typo="straight",
    site="Communauté de communes de l'Ernée-Colmont", tagline="Nord Mayenne",
    home="https://www.ernee-colmont.fr/", slug="erneecolmont", node=233,
    url="https://www.ernee-colmont.fr/solidarites-sante/contrat-local-de-sante",
    title="Le CLS 2023-2027 - Communauté de communes de l'Ernée-Colmont", og_title="Le contrat local de santé 2023-2027",
    h1="Le contrat local de santé 2023-2027",
    crumbs=[("Accueil", "/"), ("Solidarités et santé", "/solidarites-sante"), ("Contrat local de santé", "")],
    description="Cinq axes pour la santé des habitants de l'Ernée-Colmont.",
    address="Maison des services, 8 rue de la Poste, 53500 Saint-Pierre-du-Colmont", phone="02 43 00 53 53",
    updated="2023-10-02", updated_fr="2 octobre 2023",
    news=[("Semaine bleue : le programme", "29 septembre 2023", "semaine-bleue-programme"),
          ("Collecte des ordures ménagères : calendrier 2024", "22 septembre 2023", "collecte-calendrier-2024"),
          ("Le cinéma itinérant fait étape à la salle des fêtes", "15 septembre 2023", "cinema-itinerant")],
    nature="contrat", territoire="Communauté de communes de l'Ernée-Colmont", deps=["53"], region="Pays de la Loire",
    periode=(2023, 2027), signature="2023-09-21",
    pdfs=["https://www.ernee-colmont.fr/images/documents/sante/cls-ernee-colmont-2023-2027.pdf"],
    intro=["Le contrat local de santé de la Communauté de communes de l'Ernée-Colmont a été signé le 21 septembre 2023 avec "
           "l'ARS Pays de la Loire, la Préfecture de la Mayenne et la CPAM de la Mayenne.", GENERIC[0],
           "Ses vingt-quatre fiches-actions sont détaillées dans le document complet, téléchargeable en bas de page."],
    axes_heading="Cinq axes stratégiques",
    axes=["Renforcer l'attractivité du territoire pour les professionnels de santé",
          "Développer la prévention et la promotion de la santé tout au long de la vie",
          "Favoriser le bien-être psychique et lutter contre l'isolement", "Agir sur l'environnement et le cadre de vie",
          "Faire vivre le contrat et sa gouvernance"],
    axes_blurbs=["Accueil des internes, exercice coordonné, maisons de santé : six fiches-actions pour attirer et garder les soignants.",
                 "De la périnatalité au grand âge, l'axe rassemble les actions de dépistage, de nutrition et d'activité physique.",
                 "Repérage de la souffrance psychique, premiers secours en santé mentale, lien social en milieu rural.",
                 "Qualité de l'air et de l'eau, habitat, mobilités actives : la santé se joue aussi dans le cadre de vie.",
                 "Un comité de pilotage annuel, une coordinatrice et une évaluation à mi-parcours en 2025."],
    after='<p class="download"><a href="https://www.ernee-colmont.fr/images/documents/sante/cls-ernee-colmont-2023-2027.pdf" target="_blank" '
          'class="pdf">Télécharger le contrat local de santé (PDF, 2,3 Mo)</a></p>',
    actions=[],
    render=L.axes_only,
))

# ------------------------------------------------------------------------------------------ K
PAGES.append(dict(
    fichier="marly-la-thierache-handmade.html", cms="hand-made", layout="hand-made page, tables for layout; uppercase 'AXE n - …' headings, 'Action n' headings each followed by a small table (Intitulé, Porteur, Partenaires, Calendrier)",
    encoding="utf-8-lying-meta", cookie="handmade", typo="straight",
    site="Mairie de Marly-la-Thiérache", tagline="Bienvenue sur le site officiel de la commune",
    home="http://www.marly-la-thierache.fr/", slug="marlylathierache", node=0,
    url="http://www.marly-la-thierache.fr/sante_cls.htm",
    title="Mairie de Marly-la-Thiérache - Contrat local de santé 2024 - 2026", og_title="Contrat local de santé",
    h1="CONTRAT LOCAL DE SANTÉ 2024 - 2026",
    crumbs=[("Accueil", "index.htm"), ("Santé", "sante.htm"), ("Contrat local de santé", "")],
    menu=[("Accueil", "/"), ("La commune", "/commune"), ("Écoles", "/ecoles"), ("Santé", "/sante"), ("Associations", "/associations"),
          ("Contact", "/contact")],
    description="", address="2 rue de la Mairie, 02140 Marly-la-Thiérache", phone="03 23 00 02 02",
    updated="2024-01-30", updated_fr="30/01/2024",
    news=[("Repas des anciens le dimanche 11 février", "25/01/2024", ""),
          ("Coupure d'électricité rue des Écoles", "18/01/2024", ""),
          ("Le ramassage des sapins a commencé", "09/01/2024", "")],
    nature="contrat", territoire="Marly-la-Thiérache", deps=["02"], region="Hauts-de-France",
    periode=(2024, 2026), signature=None, pdfs=[],
    intro=["La Ville de Marly-la-Thiérache a conclu avec l'Agence régionale de santé Hauts-de-France un contrat local de santé pour "
           "les années 2024 à 2026. Voici les actions retenues par le conseil municipal.",
           "Les habitants qui souhaitent participer peuvent se faire connaître à l'accueil de la mairie."],
    axes=["ACCÈS AUX SOINS POUR TOUS", "PRÉVENTION ET ÉDUCATION À LA SANTÉ", "SANTÉ DES PERSONNES ÂGÉES"],
    actions=[
        A("1", 1, "Créer une permanence de médecin généraliste à la maison des services", ["Mairie de Marly-la-Thiérache"],
          ["ARS Hauts-de-France", "CPAM de l'Aisne"], "2024"),
        A("2", 1, "Organiser un transport à la demande vers le centre hospitalier", ["Syndicat intercommunal des transports du Marlois"],
          ["Région Hauts-de-France"], "2024-2025"),
        A("3", 2, "Mettre en place des ateliers « bien manger, bien bouger » à l'école", ["Mairie de Marly-la-Thiérache"],
          ["Éducation nationale", "parents d'élèves"], "année scolaire 2024-2025"),
        A("4", 2, "Relayer les campagnes de dépistage des cancers", ["Centre régional de coordination des dépistages des cancers Hauts-de-France"],
          ["pharmacie du village"], "2024-2026"),
        A("5", 3, "Repérer les personnes âgées isolées pendant les canicules", ["CCAS de Marly-la-Thiérache"], ["voisins volontaires"], "chaque été"),
        A("6", 3, "Créer un club de prévention des chutes", ["CCAS de Marly-la-Thiérache", "Association Siel Bleu"], [], "2025"),
    ],
    render=L.handmade_fields,
))

# ------------------------------------------------------------------------------------------ L
PAGES.append(dict(
    fichier="brie-yvron-typo3.html", cms="typo3", layout="<details>/<summary> per axis (TYPO3 frames), 'Fiche n : …' h4 inside with Pilote/Partenaires",
    encoding="utf-8", cookie="cookiebot", typo="curly",
    site="Communauté de communes Brie Centrale et Vallée de l'Yvron", tagline="Seine-et-Marne",
    home="https://www.cc-brie-yvron.fr/", slug="ccbrieyvron", node=57,
    url="https://www.cc-brie-yvron.fr/services/sante/contrat-local-de-sante/",
    title="Contrat local de santé | CC Brie Centrale et Vallée de l'Yvron", og_title="Contrat local de santé",
    h1="Le contrat local de santé",
    crumbs=[("Accueil", "/"), ("Services", "/services/"), ("Santé", "/services/sante/"), ("Contrat local de santé", "")],
    description="Huit fiches-actions pour la santé en Brie Centrale et Vallée de l'Yvron.",
    address="1 avenue de la Brie, 77720 Yvron-en-Brie", phone="01 64 00 77 77",
    updated="2024-02-19", updated_fr="19 février 2024",
    news=[("Conseil communautaire du 29 février : ordre du jour", "16 février 2024", "conseil-communautaire-29-fevrier"),
          ("Le réseau de bus Brie'Bus renforce ses horaires", "9 février 2024", "briebus-horaires"),
          ("Atelier compostage au jardin partagé", "2 février 2024", "atelier-compostage")],
    nature="contrat", territoire="Communauté de communes Brie Centrale et Vallée de l'Yvron", deps=["77"], region="Île-de-France",
    periode=(2024, 2028), signature="2024-02-05", pdfs=[],
    intro=["Signé le 5 février 2024 par la Communauté de communes Brie Centrale et Vallée de l'Yvron, l'ARS Île-de-France et la "
           "Préfecture de Seine-et-Marne, le contrat local de santé est conclu de 2024 à 2028.", GENERIC[0], GENERIC[1]],
    axes=["Faciliter l'accès aux soins", "Prévenir les maladies chroniques", "Accompagner la parentalité et la petite enfance"],
    actions=[
        A("1", 1, "Créer une maison de santé à vocation intercommunale", ["Communauté de communes Brie Centrale et Vallée de l'Yvron"], ["ARS Île-de-France"]),
        A("2", 1, "Accueillir des médecins assistants partagés", ["Groupement hospitalier de territoire Brie-Yvron"], ["médecins généralistes"]),
        A("3", 2, "Organiser des journées de prévention cardio-vasculaire", ["CPAM de Seine-et-Marne"], ["pharmaciens", "Fédération française de cardiologie"]),
        A("4", 2, "Déployer un programme d'éducation thérapeutique pour les patients diabétiques", ["Association Diabète Brie"]),
        A("5", 2, "Promouvoir l'activité physique dans les entreprises", ["Communauté de communes Brie Centrale et Vallée de l'Yvron",
                                                                         "Chambre de commerce et d'industrie de Seine-et-Marne"]),
        A("6", 3, "Ouvrir un lieu d'accueil enfants-parents", ["Caisse d'allocations familiales de Seine-et-Marne"], ["communes"]),
        A("7", 3, "Soutenir l'allaitement maternel", ["Protection maternelle et infantile de Seine-et-Marne"], ["sages-femmes libérales"]),
        A("8", 3, "Prévenir la dépression post-partum", ["Centre hospitalier de Brie-Yvron"], ["PMI", "associations de parents"]),
    ],
    after='<div id="c573" class="frame frame-default frame-type-text"><div class="ce-bodytext"><p>Contact : service santé, '
          'sante@cc-brie-yvron.fr</p></div></div>',
    render=L.details_axis,
))


# ------------------------------------------------------------------------------------------ M (not a CLS)
def news_body(p):
    T = p["T"]
    return "\n".join([
        '<div class="field field--name-field-date field--type-datetime"><time datetime="2024-10-14T09:00:00Z">Publié le 14 octobre 2024</time></div>',
        f'<p class="chapo"><strong>{T("Plus de 200 personnes ont participé samedi au premier forum santé des seniors, salle des Genêts.")}</strong></p>',
        f"<p>{T('Organisé par le CCAS de Plénée-Launay avec les clubs des aînés, le forum a réuni une vingtaine de stands : caisses de retraite, mutuelles, associations d’aide à domicile, pharmaciens et kinésithérapeutes. Cette journée s’inscrit dans le contrat local de santé du territoire, dont l’un des axes porte sur le bien vieillir.')}</p>",
        f"<h2>{T('Au programme de la journée')}</h2>",
        "<ul>" + "".join(f"<li>{T(x)}</li>" for x in [
            "Atelier 1 – Équilibre et prévention des chutes, animé par un éducateur sportif",
            "Atelier 2 – Bien dormir après 60 ans",
            "Atelier 3 – Les écrans et les arnaques en ligne",
            "Conférence – Rester en forme à la retraite, par le docteur Le Gall"]) + "</ul>",
        f"<blockquote><p>{T('« Nous voulions un moment convivial où chacun reparte avec un contact utile », explique l’adjointe aux solidarités.')}</p></blockquote>",
        f"<p>{T('Une deuxième édition est déjà prévue au printemps. Les photos de la journée sont à retrouver dans la galerie.')}</p>",
        '<figure role="group" class="caption caption-img"><img src="/sites/default/files/styles/large/public/2024-10/forum-seniors.jpg" alt="Le forum dans la salle des Genêts" width="960" height="540" loading="lazy"><figcaption>Le stand de prévention des chutes. Photo : Ville de Plénée-Launay</figcaption></figure>',
    ])


PAGES.append(dict(
    fichier="plenee-launay-actualite-drupal10.html", cms="drupal-10", drupal="10", node_type="actualite",
    layout="NOT a CLS: municipal news article (forum santé seniors) mentioning the contract once, with an 'Atelier 1/2/3' list",
    encoding="utf-8", cookie="tarteaucitron", typo="curly",
    site="Ville de Plénée-Launay", tagline="Commune des Côtes-d'Armor",
    home="https://www.plenee-launay.bzh/", slug="pleneelaunay", node=1290,
    url="https://www.plenee-launay.bzh/actualites/forum-sante-des-seniors-une-premiere-reussie",
    title="Forum santé des seniors : une première réussie | Ville de Plénée-Launay", og_title="Forum santé des seniors : une première réussie",
    h1="Forum santé des seniors : une première réussie",
    crumbs=[("Accueil", "/"), ("Actualités", "/actualites"), ("Forum santé des seniors : une première réussie", "")],
    description="Retour sur le premier forum santé des seniors.",
    address="Hôtel de ville, 1 place du Martray, 22640 Plénée-Launay", phone="02 96 00 22 22",
    updated="2024-10-14", updated_fr="14 octobre 2024",
    news=[("Cérémonie du 11 novembre", "10 octobre 2024", "actualites/ceremonie-11-novembre"),
          ("Les inscriptions à l'école de musique sont ouvertes", "3 octobre 2024", "actualites/ecole-de-musique"),
          ("Fermeture de la médiathèque pour inventaire", "26 septembre 2024", "actualites/mediatheque-inventaire")],
    nature="autre", territoire="Plénée-Launay", deps=["22"], region="Bretagne",
    periode=None, signature=None, pdfs=[], intro=[], axes=[], actions=[],
    free_body=news_body, render=L.free,
))


# ------------------------------------------------------------------------------------------ N (not a CLS)
def recipe_body(p):
    T = p["T"]
    steps = ["Éplucher le potimarron, retirer les graines et le couper en cubes.",
             "Faire revenir l'oignon émincé dans l'huile d'olive pendant cinq minutes.",
             "Ajouter le potimarron, la pomme de terre et un litre d'eau ; saler légèrement.",
             "Laisser cuire vingt-cinq minutes à feu doux, puis mixer avec la crème."]
    return "\n".join([
        f'<p class="has-medium-font-size">{T("Chaque mois, l’équipe de la cuisine centrale partage une recette servie dans les cantines de la commune. En octobre : la soupe de potimarron, plébiscitée par les élèves.")}</p>',
        '<div class="wp-block-columns is-layout-flex"><div class="wp-block-column is-layout-flow">'
        f'<h2 class="wp-block-heading">{T("Ingrédients (6 personnes)")}</h2><ul class="wp-block-list">'
        + "".join(f"<li>{T(x)}</li>" for x in ["1 potimarron d'environ 1,2 kg", "1 oignon", "1 pomme de terre", "10 cl de crème fraîche",
                                              "2 cuillères à soupe d'huile d'olive", "sel, muscade"]) + "</ul></div>"
        '<div class="wp-block-column is-layout-flow"><figure class="wp-block-image"><img src="' + p["home"] + 'wp-content/uploads/2023/10/soupe-potimarron.jpg" alt="Soupe de potimarron"></figure></div></div>',
        f'<h2 class="wp-block-heading">{T("Préparation")}</h2>',
        '<ol class="wp-block-list">' + "".join(f"<li>{T('Étape ' + str(i) + ' : ' + s)}</li>" for i, s in enumerate(steps, 1)) + "</ol>",
        f'<div class="wp-block-group has-background is-layout-flow" style="background-color:#fff4e0"><p><strong>{T("L’astuce du chef :")}</strong> {T("servir avec des graines de courge grillées et un filet d’huile de noix.")}</p></div>',
        f'<p>{T("Ces menus sont élaborés avec une diététicienne dans le cadre du programme « Manger mieux à la cantine ».")}</p>',
    ])


PAGES.append(dict(
    fichier="saint-aubin-recette-gutenberg.html", cms="wordpress-gutenberg",
    layout="NOT a CLS: recipe page of the municipal canteen (ingredients list, 'Étape n' ordered list) on a block theme",
    encoding="utf-8", cookie="axeptio", typo="curly",
    site="Ville de Saint-Aubin-des-Vignes", tagline="Au cœur de l'Anjou",
    home="https://www.saint-aubin-des-vignes.fr/", slug="saintaubindesvignes", node=918,
    url="https://www.saint-aubin-des-vignes.fr/recette-du-mois-soupe-de-potimarron/",
    title="Recette du mois : la soupe de potimarron – Ville de Saint-Aubin-des-Vignes", og_title="Recette du mois : la soupe de potimarron",
    h1="Recette du mois : la soupe de potimarron",
    crumbs=[("Accueil", "https://www.saint-aubin-des-vignes.fr/"), ("Enfance", "https://www.saint-aubin-des-vignes.fr/enfance/"),
            ("Restauration scolaire", "https://www.saint-aubin-des-vignes.fr/enfance/restauration-scolaire/"), ("Recette du mois", "")],
    description="La recette de la soupe de potimarron de la cuisine centrale.",
    address="Mairie, 4 rue du Pressoir, 49380 Saint-Aubin-des-Vignes", phone="02 41 00 49 49",
    updated="2023-10-09", updated_fr="9 octobre 2023",
    news=[("Vendanges solidaires le 14 octobre", "6 octobre 2023", "vendanges-solidaires"),
          ("Travaux de la salle polyvalente : point d'étape", "29 septembre 2023", "travaux-salle-polyvalente"),
          ("Menus de la cantine d'octobre", "25 septembre 2023", "menus-octobre")],
    nature="autre", territoire="Saint-Aubin-des-Vignes", deps=["49"], region="Pays de la Loire",
    periode=None, signature=None, pdfs=[], intro=[], axes=[], actions=[],
    free_body=recipe_body, render=L.free,
))


# ============================================================================================ build

def encode(doc, enc):
    if enc == "iso-8859-1":
        return doc.encode("iso-8859-1", errors="xmlcharrefreplace")
    if enc == "utf-16le-bom":
        return b"\xff\xfe" + doc.encode("utf-16-le")
    return doc.encode("utf-8")


def decode(data, enc):
    if enc == "iso-8859-1":
        return data.decode("iso-8859-1")
    if enc == "utf-16le-bom":
        assert data[:2] == b"\xff\xfe"
        return data[2:].decode("utf-16-le")
    return data.decode("utf-8")


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("br", "p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "div", "summary", "button"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, d):
        if not self.skip:
            self.parts.append(d)


def visible_text(doc):
    t = Text()
    t.feed(doc)
    return re.sub(r"[ \t\u00a0]+", " ", "".join(t.parts))


def gold_entry(p, mnc):
    G = TYPO[p["typo"]][1]
    d = {"fichier": p["fichier"], "cms": p["cms"], "layout": p["layout"], "encoding": p["encoding"], "nature": p["nature"],
         "territoire": {"nom": G(p["territoire"]), "departements": p["deps"], "region": p["region"]}}
    if p.get("periode"):
        d["periode"] = {"debut": p["periode"][0], "fin": p["periode"][1]}
    if p.get("signature"):
        d["date_signature"] = p["signature"]
    d["documents_lies"] = p["pdfs"]
    d["axes"] = [{"numero": k, "titre": G(t)} for k, t in enumerate(p["axes"], 1)]
    d["actions"] = [{"numero": x["n"], "axe": x["axe"], "titre": G(x["t"]), "porteurs": [G(L.bare(o)) for o in x["por"]]}
                    for x in p["actions"]]
    d["must_not_contain"] = mnc
    return d


def check(p, doc, data, g):
    errs = []
    if not 8000 <= len(data) <= 40000:
        errs.append(f"size {len(data)} bytes")
    back = decode(data, p["encoding"])
    if p["encoding"] == "iso-8859-1":
        doc = doc.encode("iso-8859-1", errors="xmlcharrefreplace").decode("iso-8859-1")
    if back != doc:
        errs.append("encoding round trip")
    text = visible_text(doc)
    flat = re.sub(r"\s+", " ", text)
    raw = html.unescape(doc)
    wanted = [a["titre"] for a in g["axes"]] + [a["titre"] for a in g["actions"]] + \
             [o for a in g["actions"] for o in a["porteurs"]] + [g["territoire"]["nom"]] + g["documents_lies"]
    for w in wanted:
        if w not in flat and w not in raw:
            errs.append(f"not on the page: {w!r}")
    for w in g["must_not_contain"]:
        if w not in raw:
            errs.append(f"must_not_contain string absent from the page: {w!r}")
    content = json.dumps({k: g[k] for k in ("territoire", "axes", "actions", "documents_lies")}, ensure_ascii=False)
    for w in g["must_not_contain"]:
        if w in content:
            errs.append(f"must_not_contain string inside the gold content: {w!r}")
    # the axes and actions must not be repeated in the chrome (news, footer)
    return errs


HAND_NOTE = "written by hand, not by tools/gen_pages"


def hand_written(generated):
    """The entries of the existing gold.json for pages this script does not generate (pages
    written by hand, kept as they are), with their README rows."""
    path = os.path.join(OUT, "gold.json")
    if not os.path.exists(path):
        return [], []
    with open(path, encoding="utf-8") as f:
        old = json.load(f)["documents"]
    golds, rows = [], []
    for g in old:
        if g["fichier"] in generated:
            continue
        size = os.path.getsize(os.path.join(OUT, g["fichier"]))
        lay = f"*{HAND_NOTE}*: " + g["layout"].replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        golds.append(g)
        rows.append(f"| `{g['fichier']}` | {g['cms']} | {lay} | {g['encoding']} | {len(g['axes'])} | {len(g['actions'])} | {size // 1024} kB |")
    return golds, rows


def main():
    os.makedirs(OUT, exist_ok=True)
    hand_golds, hand_rows = hand_written({p["fichier"] for p in PAGES})
    golds, readme, failed = [], [], False
    for p in PAGES:
        T = TYPO[p["typo"]][0]
        p["T"] = T
        p["h1_html"] = T(p["h1"])
        body = p["render"](p)
        doc, mnc = chrome.CHROME[p["cms"]](p, body)
        mnc = list(dict.fromkeys(mnc + p.get("extra_mnc", []) + [q for q, _ in p.get("faq", [])]))
        data = encode(doc, p["encoding"])
        g = gold_entry(p, mnc)
        errs = check(p, doc, data, g)
        if errs:
            failed = True
            print(f"{p['fichier']}:", *errs, sep="\n  ", file=sys.stderr)
        with open(os.path.join(OUT, p["fichier"]), "wb") as f:
            f.write(data)
        golds.append(g)
        lay = p["layout"].replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        readme.append(f"| `{p['fichier']}` | {p['cms']} | {lay} | {p['encoding']} | {len(g['axes'])} | {len(g['actions'])} | {len(data) // 1024} kB |")
    golds += hand_golds
    readme += hand_rows
    gold = {"gold_for": "variety web pages (generated by tools/gen_pages/gen.py, and pages written by hand kept as they are; invented contracts in real départements)",
            "documents": golds}
    with open(os.path.join(OUT, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(README_HEAD + "\n".join(readme) + "\n" + README_TAIL)
    print(f"{len(PAGES)} pages written to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)
    return 1 if failed else 0


README_HEAD = """# Variety corpus: CLS web pages

Generated by `python3 tools/gen_pages/gen.py` (stdlib only, deterministic; do not edit the pages by hand).
Each page is an invented contrat local de santé (real départements and régions, invented territories,
actions and combinations of organisations) inside the full chrome of one CMS: header, menus, breadcrumb,
cookie banner, search form, share links, news block, newsletter form, social links, footer with
« Mentions légales » and « Plan du site », inline styles and scripts. Two pages are not contracts at all
(two more among the hand-written ones).

The rows marked *written by hand, not by tools/gen_pages* are pages written by hand in the same spirit
(the thirteen `pNN-…` pages by the auditor of issue 12, the four `hN-…` pages as a held-out check of its
fixes): the generator keeps them and their gold as they are.

Ground truth: `gold.json`, same shape as `shared/gold/web-pages.json` (scored by `score.py web`), plus
`cms`, `layout`, `encoding`, `nature` (`contrat` | `autre`) and `documents_lies` (links to the contract's PDF).
`must_not_contain` lists strings of the chrome (cookie banner, footer, share block, news titles, FAQ
questions, newsletter) that must not appear anywhere in the output JSON.

| page | CMS | layout | encoding | axes | actions | size |
|---|---|---|---|---|---|---|
"""

README_TAIL = """
Encodings: `iso-8859-1` = ISO-8859-1 bytes with a matching `<meta charset="iso-8859-1">` (characters outside
Latin-1 such as `œ` and `’` are numeric character references); `utf-8-lying-meta` = UTF-8 bytes under
`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">` (the meta lies: decoding as declared
gives mojibake such as `Ã©`); `utf-16le-bom` = UTF-16LE with a BOM, the file still says `<meta charset="utf-8">`
as an editor's "save as Unicode" leaves it (the BOM wins, as in the HTML encoding-sniffing algorithm).
On the hand-written pages also: `windows-1252` (real Windows-1252 bytes, declared so), `utf-16le-nobom` (UTF-16LE
without a BOM, recognised by its pattern), `utf-8-bom`, `utf-8-no-charset` (nothing declared) and
`utf-8-lying-http-equiv` (UTF-8 bytes under `<meta http-equiv … charset=windows-1252>`).

Notes on the gold:
- action `numero` is the number as printed; on `port-lesney-wp.html` the numbers are only those of the
  `<ol>` rendering (`<ol start="4">` continues the numbering across axes), so they are "1".."8" in page order.
- `porteurs` are the organisations named as porteur/pilote, minus a leading article ("piloté par la Ville de…" → "Ville de…").
- on the WordPress pages apostrophes and dashes are typographic (`&#8217;`, `&#8211;`); the gold keeps the
  typographic apostrophe (the scorer's normalisation ignores punctuation anyway).
- the two pages of nature `autre` name their site's commune as `territoire` (the scorer needs one); they have no
  axes and no actions; the news page mentions "contrat local de santé" once and lists "Atelier 1 – …" items.
- `ernee-colmont-joomla4.html` lists axes only; its actions live in the PDF (`documents_lies`), so `actions` is [].
- hand-written pages: actions without a printed number (accordion or toggle titles, a table with no number
  column) are numbered "1".."n" in page order; lists restarting at 1 under each axis are numbered "axis.item"
  (`p09`); `documents_lies` keeps a relative address as the page writes it when the page gives no canonical
  address (`p01`, `p09`, `h4`); `territoire` is the fullest form the page gives its own name ("Communauté de
  communes du X" when the text says "X", "Ville de X" when the title says so).
"""

if __name__ == "__main__":
    sys.exit(main())
