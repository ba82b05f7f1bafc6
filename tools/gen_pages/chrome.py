"""CMS chrome for the generated CLS web pages: each function wraps a page body in the
markup of one CMS (header, menus, breadcrumb, cookie banner, search, share links, news
block, newsletter, footer, inline styles and scripts).

Each function returns (html, must_not_contain): the strings of the chrome that must never
reach the extracted JSON."""
import html as _html


def a(s):
    return _html.escape(s, quote=True)


def e(s):
    return _html.escape(s, quote=False)


# --------------------------------------------------------------------------- cookie banners

COOKIES = {
    "tarteaucitron": (
        '<div id="tarteaucitronRoot" data-nosnippet="true"><div id="tarteaucitronAlertBig" role="dialog" '
        'aria-modal="true" aria-labelledby="tac_title"><span id="tac_title" class="tac_visually-hidden">Gestion des '
        "cookies</span><span id=\"tarteaucitronDisclaimerAlert\">Ce site utilise des cookies et vous donne le contrôle "
        "sur ceux que vous souhaitez activer</span><button type=\"button\" class=\"tarteaucitronCTAButton "
        "tarteaucitronAllow\" id=\"tarteaucitronPersonalize2\">✓ Tout accepter</button><button type=\"button\" "
        "class=\"tarteaucitronCTAButton tarteaucitronDeny\" id=\"tarteaucitronAllDenied2\">✗ Tout refuser</button>"
        "<button type=\"button\" id=\"tarteaucitronCloseAlert\">Personnaliser</button></div></div>",
        ["tarteaucitron", "Tout accepter", "Tout refuser"],
        '<script src="/js/tarteaucitron/tarteaucitron.js"></script><script>tarteaucitron.init({"privacyUrl": '
        '"/donnees-personnelles", "hashtag": "#tarteaucitron", "cookieName": "tarteaucitron", "orientation": '
        '"bottom", "showAlertSmall": false, "cookieslist": true, "highPrivacy": true, "AcceptAllCta": true, '
        '"DenyAllCta": true, "mandatory": true}); tarteaucitron.user.matomoId = 3; (tarteaucitron.job = '
        "tarteaucitron.job || []).push('matomo'); (tarteaucitron.job = tarteaucitron.job || []).push('youtube');"
        "</script>",
    ),
    "axeptio": (
        '<div id="axeptio_overlay" class="axeptio_mount"><div class="axeptio_widget" role="dialog" '
        'aria-label="Consentement aux cookies"><div class="axeptio_widget_content"><p class="axeptio_title">Ce site '
        "utilise des cookies !</p><p class=\"axeptio_text\">Nous utilisons des cookies pour mesurer l'audience et "
        "améliorer votre expérience. Vous pouvez changer d'avis à tout moment.</p><div class=\"axeptio_btns\">"
        '<button class="axeptio_btn_dismiss">Non merci</button><button class="axeptio_btn_configure">Je choisis'
        '</button><button class="axeptio_btn_acceptAll">OK pour moi</button></div><p class="axeptio_powered">'
        "Consentements certifiés par Axeptio</p></div></div></div>",
        ["axeptio", "Axeptio", "OK pour moi", "Je choisis", "Non merci"],
        '<script>window.axeptioSettings = {clientId: "64f1c0e2a7b3d9001f2e8c41", cookiesVersion: '
        '"site-collectivite-fr", googleConsentMode: {default: {analytics_storage: "denied", ad_storage: "denied"}}};'
        '(function(d, s) {var t = d.getElementsByTagName(s)[0], e = d.createElement(s); e.async = true; '
        'e.src = "//static.axept.io/sdk.js"; t.parentNode.insertBefore(e, t);})(document, "script");</script>',
    ),
    "dsfr": (
        '<div class="fr-consent-banner"><h2 class="fr-h6">À propos des cookies sur ce site</h2><div '
        'class="fr-consent-banner__content"><p class="fr-text--sm">Bienvenue ! Nous utilisons des cookies pour '
        "améliorer votre expérience et les services disponibles sur ce site. Pour en savoir plus, visitez la page "
        '<a href="/donnees-personnelles">Données personnelles et cookies</a>. Vous pouvez, à tout moment, avoir le '
        "contrôle sur les cookies que vous souhaitez activer.</p></div><ul class=\"fr-consent-banner__buttons "
        'fr-btns-group fr-btns-group--right fr-btns-group--inline-reverse fr-btns-group--inline-sm"><li><button '
        'class="fr-btn" title="Autoriser tous les cookies">Tout accepter</button></li><li><button class="fr-btn" '
        'title="Refuser tous les cookies">Tout refuser</button></li><li><button class="fr-btn fr-btn--secondary" '
        'data-fr-opened="false" aria-controls="fr-consent-modal" title="Personnaliser les cookies">Personnaliser'
        "</button></li></ul></div>",
        ["À propos des cookies", "Tout accepter", "Tout refuser", "Personnaliser"],
        '<script type="module" src="/dsfr/dsfr.module.min.js"></script><script nomodule src="/dsfr/dsfr.nomodule.min.js">'
        "</script><script>var _paq = window._paq = window._paq || []; _paq.push(['requireConsent']); "
        "_paq.push(['trackPageView']); _paq.push(['enableLinkTracking']); (function() { var u='https://stats.data.gouv.fr/'; "
        "_paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '212']); })();</script>",
    ),
    "complianz": (
        '<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner cmplz-hidden banner-1 optin '
        'cmplz-bottom-right cmplz-categories-type-view-preferences" aria-modal="true" data-nosnippet="true" '
        'role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin"><div class="cmplz-header"><div '
        'class="cmplz-title" id="cmplz-header-1-optin">Gérer le consentement aux cookies</div></div><div '
        'class="cmplz-body"><div class="cmplz-message" id="cmplz-message-1-optin">Pour offrir les meilleures '
        "expériences, nous utilisons des technologies telles que les cookies pour stocker et/ou accéder aux "
        "informations des appareils.</div></div><div class=\"cmplz-buttons\"><button class=\"cmplz-btn cmplz-accept\">"
        'Accepter les cookies</button><button class="cmplz-btn cmplz-deny">Refuser</button><button class="cmplz-btn '
        'cmplz-view-preferences">Voir les préférences</button></div><div class="cmplz-links cmplz-documents"><a '
        'href="/politique-de-cookies-ue/" class="cmplz-link cookie-statement">Politique en matière de cookies</a>'
        "</div></div></div>",
        ["cmplz", "Gérer le consentement", "Accepter les cookies", "Voir les préférences"],
        '<script id="cmplz-cookiebanner-js-extra">var complianz = {"prefix":"cmplz_","user_banner_id":"1",'
        '"set_cookies":[],"block_ajax_content":"","banner_version":"18","version":"7.0.4","store_consent":"",'
        '"do_not_track_enabled":"","consenttype":"optin","region":"eu","geoip":"","dismiss_timeout":"",'
        '"disable_cookiebanner":"","soft_cookiewall":"","dismiss_on_scroll":"","cookie_expiry":"365",'
        '"url":"\\/wp-json\\/complianz\\/v1\\/","locale":"lang=fr&locale=fr_FR"};</script>'
        '<script defer src="/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1711000000" '
        'id="cmplz-cookiebanner-js"></script>',
    ),
    "eucc": (
        '<div role="banner" aria-label="Bandeau cookies" id="sliding-popup" class="sliding-popup-bottom" '
        'style="height: auto; width: 100%; bottom: 0px;"><div class="eu-cookie-compliance-banner '
        'eu-cookie-compliance-banner-info eu-cookie-compliance-banner--opt-in"><div class="popup-content info '
        'eu-cookie-compliance-content"><div id="popup-text" class="eu-cookie-compliance-message" role="document">'
        "<h2>Nous utilisons des cookies sur ce site pour améliorer votre expérience d'utilisateur</h2><p>En cliquant "
        "sur un lien de cette page, vous nous donnez votre consentement de définir des cookies.</p><button "
        'type="button" class="find-more-button eu-cookie-compliance-more-button">Plus d\'infos</button></div>'
        '<div id="popup-buttons" class="eu-cookie-compliance-buttons"><button type="button" class="agree-button '
        'eu-cookie-compliance-secondary-button">OK, je suis d\'accord</button><button type="button" '
        'class="decline-button eu-cookie-compliance-default-button">Non, merci</button></div></div></div></div>',
        ["eu-cookie-compliance", "Nous utilisons des cookies", "je suis d'accord", "Plus d'infos"],
        '<script type="application/json" data-drupal-selector="eu-cookie-compliance-settings">{"eu_cookie_compliance":'
        '{"cookie_policy_version":"1.0.0","popup_enabled":true,"popup_agreed_enabled":false,"popup_hide_agreed":false,'
        '"popup_clicking_confirmation":false,"popup_scrolling_confirmation":false,"popup_position":false,'
        '"fixed_top_position":true,"popup_language":"fr","method":"opt_in","cookie_name":"","reload_page":false}}'
        "</script>",
    ),
    "cookiebot": (
        '<div id="CybotCookiebotDialog" name="CybotCookiebotDialog" role="dialog" aria-modal="true" '
        'aria-labelledby="CybotCookiebotDialogBodyContentTitle" tabindex="-1" lang="fr" '
        'class="CybotEdge CybotCookiebotDialogActive"><div class="CybotCookiebotDialogContentWrapper"><div '
        'id="CybotCookiebotDialogBody"><h2 id="CybotCookiebotDialogBodyContentTitle">Ce site web utilise des '
        'cookies</h2><div id="CybotCookiebotDialogBodyContentText">Nous utilisons des cookies pour personnaliser le '
        "contenu, proposer des fonctionnalités relatives aux médias sociaux et analyser notre trafic.</div></div>"
        '<div id="CybotCookiebotDialogFooter"><button id="CybotCookiebotDialogBodyButtonDecline">Refuser</button>'
        '<button id="CybotCookiebotDialogBodyLevelButtonCustomize">Personnaliser</button><button '
        'id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll">Autoriser tous les cookies</button></div></div></div>',
        ["Cybot", "Ce site web utilise des cookies", "Autoriser tous les cookies"],
        '<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="5c2f7e0a-91d4-4b8e-a3f6-0d2b7c9e1f44" '
        'data-blockingmode="auto" type="text/javascript"></script>',
    ),
    "cookiehint": (
        '<div id="redim-cookiehint-bottom"><div id="redim-cookiehint"><div class="cookiecontent"><p>Ce site '
        "utilise des cookies pour assurer son bon fonctionnement et réaliser des statistiques de visite. En "
        "poursuivant votre navigation, vous acceptez leur utilisation.</p></div><div class=\"cookiebuttons\"><a "
        'id="cookiehintsubmit" rel="nofollow" href="?rCH=2" class="btn">J\'accepte</a><a id="cookiehintsubmitno" '
        'rel="nofollow" href="?rCH=-2" class="btn">Refuser les cookies</a><div class="text-center" '
        'id="cookiehintinfo"><a target="_self" href="/donnees-personnelles">Plus d\'informations</a></div></div>'
        '<div class="clr"></div></div></div>',
        ["redim-cookiehint", "Refuser les cookies", "En poursuivant votre navigation"],
        "<script>(function(){function cookiehintfadeOut(e){e.style.opacity=1;(function n(){(e.style.opacity-=.1)<0?"
        'e.style.display="none":requestAnimationFrame(n)})()}var c=document.getElementById("redim-cookiehint-bottom");'
        "document.getElementById('cookiehintsubmit').addEventListener('click',function(e){e.preventDefault();"
        "document.cookie='reDimCookieHint=1; expires=Fri, 31 Dec 2027 23:59:59 GMT; path=/';cookiehintfadeOut(c);"
        "});})();</script>",
    ),
    "handmade": (
        '<div id="bandeau-cookies" style="position:fixed;bottom:0;left:0;width:100%;background:#333;color:#fff;'
        'font-size:11px;padding:6px;text-align:center">Ce site utilise des cookies pour compter les visites. '
        '<a href="javascript:fermerBandeau()" style="color:#ff0">Fermer ce message</a></div>',
        ["Ce site utilise des cookies pour compter", "Fermer ce message", "bandeau-cookies"],
        '<script language="JavaScript">function fermerBandeau(){document.getElementById("bandeau-cookies").style.'
        'display="none";document.cookie="bandeau=ok; path=/";}if(document.cookie.indexOf("bandeau=ok")>=0)'
        '{document.getElementById("bandeau-cookies").style.display="none";}</script>',
    ),
}


def news_items(p):
    return p["news"]  # list of (title, date text, slug)


def charset_meta(p):
    enc = p["encoding"]
    if enc == "iso-8859-1":
        return '<meta charset="iso-8859-1">'
    if enc == "utf-8-lying-meta":
        return '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    return '<meta charset="utf-8">'


def og(p):
    return (f'<link rel="canonical" href="{a(p["url"])}">\n<meta property="og:locale" content="fr_FR">\n'
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{a(p["og_title"])}">\n'
            f'<meta property="og:url" content="{a(p["url"])}">\n<meta property="og:site_name" content="{a(p["site"])}">\n'
            f'<meta name="twitter:card" content="summary_large_image">\n'
            f'<meta name="description" content="{a(p["description"])}">')


def share_links(url, title):
    from urllib.parse import quote
    u, t = quote(url, safe=""), quote(title, safe="")
    return [("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
            ("X", f"https://twitter.com/intent/tweet?url={u}&text={t}"),
            ("LinkedIn", f"https://www.linkedin.com/shareArticle?mini=true&url={u}"),
            ("Courriel", f"mailto:?subject={t}&body={u}")]


SOCIAL = [("Facebook", "https://www.facebook.com/"), ("Instagram", "https://www.instagram.com/"),
          ("LinkedIn", "https://www.linkedin.com/company/"), ("YouTube", "https://www.youtube.com/@")]

COMMON_MNC = ["Mentions légales", "Plan du site"]


def menu_items(p):
    return p.get("menu") or [("Accueil", "/"), ("Découvrir le territoire", "/territoire"),
                             ("Vivre au quotidien", "/vivre"), ("Solidarités et santé", "/solidarites-sante"),
                             ("Économie", "/economie"), ("Environnement", "/environnement"),
                             ("Mes démarches", "/demarches"), ("Agenda", "/agenda")]


SUBMENU = [("Contrat local de santé", "/solidarites-sante/contrat-local-de-sante"),
           ("Maisons de santé", "/solidarites-sante/maisons-de-sante"),
           ("Seniors et autonomie", "/solidarites-sante/seniors"),
           ("Petite enfance", "/solidarites-sante/petite-enfance"),
           ("France services", "/solidarites-sante/france-services")]


def news_mnc(p):
    return [t for t, _, _ in p["news"]]


# --------------------------------------------------------------------------- WordPress classic

def wp_classic(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    home = p["home"]
    nav = []
    for label, href in menu_items(p):
        if href == "/solidarites-sante":
            sub = "".join(f'<li class="menu-item"><a href="{home.rstrip("/")}{h}/">{e(l)}</a></li>' for l, h in SUBMENU)
            nav.append(f'<li class="menu-item menu-item-has-children current-menu-ancestor"><a href="{home.rstrip("/")}{href}/">'
                       f'{e(label)}</a><ul class="sub-menu">{sub}</ul></li>')
        else:
            nav.append(f'<li class="menu-item"><a href="{home.rstrip("/")}{href}/">{e(label)}</a></li>')
    crumbs = " » ".join(f'<span><a href="{a(h)}">{e(l)}</a></span>' for l, h in p["crumbs"][:-1])
    crumbs += f' » <span class="breadcrumb_last" aria-current="page">{e(p["crumbs"][-1][0])}</span>'
    share = "".join(f'<li class="share-{n.lower()}"><a rel="nofollow noopener noreferrer" class="share-{n.lower()} sd-button" '
                    f'href="{a(h)}" target="_blank"><span>{n}</span></a></li>' for n, h in share_links(p["url"], p["og_title"]))
    news = "".join(f'<li><a href="{home}{s}/">{e(t)}</a><span class="post-date">{e(d)}</span></li>' for t, d, s in p["news"])
    social = "".join(f'<li><a href="{h}{p["slug"]}" target="_blank" rel="noopener">{n}</a></li>' for n, h in SOCIAL)
    doc = f"""<!DOCTYPE html>
<html lang="fr-FR" class="no-js">
<head>
{charset_meta(p)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(p["title"])}</title>
<meta name="robots" content="index, follow, max-image-preview:large">
{og(p)}
<script type="application/ld+json" class="yoast-schema-graph">{{"@context":"https://schema.org","@graph":[{{"@type":"WebPage","@id":"{p["url"]}","url":"{p["url"]}","name":"{a(p["og_title"])}","isPartOf":{{"@id":"{home}#website"}},"inLanguage":"fr-FR"}},{{"@type":"WebSite","@id":"{home}#website","url":"{home}","name":"{a(p["site"])}"}}]}}</script>
<link rel="stylesheet" id="wp-block-library-css" href="{home}wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<link rel="stylesheet" id="collectivite-style-css" href="{home}wp-content/themes/collectivite/style.css?ver=2.3.1" media="all">
<style id="collectivite-inline-css">
:root{{--couleur-principale:#00616e;--couleur-secondaire:#e4a11b}}
.site-header{{background:var(--couleur-principale);color:#fff}}.main-navigation ul{{list-style:none;margin:0;padding:0}}
.main-navigation .sub-menu{{display:none;position:absolute}}.main-navigation li:hover>.sub-menu{{display:block}}
.entry-content h2{{border-bottom:3px solid var(--couleur-secondaire);padding-bottom:.3em}}
.entry-content h3{{color:var(--couleur-principale)}}.sharedaddy ul{{display:flex;gap:.5rem}}
@media (max-width:782px){{.main-navigation ul{{display:none}}.menu-toggle{{display:block}}}}
</style>
<script src="{home}wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script src="{home}wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1" id="jquery-migrate-js"></script>
</head>
<body class="page-template-default page page-id-{p["node"]} page-child wp-custom-logo">
{ck}
<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
<div id="page" class="site">
<header id="masthead" class="site-header" role="banner">
<div class="top-bar"><ul class="top-links"><li><a href="{home}espace-presse/">Espace presse</a></li><li><a href="{home}marches-publics/">Marchés publics</a></li><li><a href="{home}offres-emploi/">Offres d'emploi</a></li></ul>
<ul class="social-links">{social}</ul></div>
<div class="site-branding"><a href="{home}" class="custom-logo-link" rel="home"><img width="220" height="80" src="{home}wp-content/uploads/2021/03/logo.svg" class="custom-logo" alt="{a(p["site"])}" decoding="async"></a>
<p class="site-title"><a href="{home}" rel="home">{e(p["site"])}</a></p><p class="site-description">{e(p["tagline"])}</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Menu principal"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button><ul id="primary-menu" class="menu">{"".join(nav)}</ul></nav>
<form role="search" method="get" class="search-form" action="{home}"><label><span class="screen-reader-text">Rechercher :</span><input type="search" class="search-field" placeholder="Rechercher…" value="" name="s"></label><input type="submit" class="search-submit" value="Rechercher"></form>
</header>
<div id="content" class="site-content">
<nav class="yoast-breadcrumbs" aria-label="Fil d'Ariane"><span>{crumbs}</span></nav>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{p["node"]}" class="post-{p["node"]} page type-page status-publish has-post-thumbnail hentry">
<header class="entry-header"><h1 class="entry-title">{p["h1_html"]}</h1></header>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Partager&nbsp;:</h3><div class="sd-content"><ul>{share}<li class="share-print"><a href="#print" class="sd-button share-print"><span>Imprimer</span></a></li></ul></div></div></div>
<span class="posted-on">Mis à jour le <time class="entry-date updated" datetime="{p["updated"]}">{e(p["updated_fr"])}</time></span></footer>
</article>
</main></div>
<aside id="secondary" class="widget-area" role="complementary">
<section id="recent-posts-3" class="widget widget_recent_entries"><h2 class="widget-title">Actualités</h2><ul>{news}</ul><a class="more" href="{home}actualites/">Toutes les actualités</a></section>
<section id="text-4" class="widget widget_text"><h2 class="widget-title">Horaires d'accueil</h2><div class="textwidget"><p>Du lundi au vendredi, de 8h30 à 12h00 et de 13h30 à 17h00.</p></div></section>
</aside>
</div>
<footer id="colophon" class="site-footer" role="contentinfo">
<div class="footer-newsletter"><h2>Newsletter</h2><form id="mc4wp-form-1" class="mc4wp-form mc4wp-form-77" method="post" data-id="77" data-name="Newsletter"><div class="mc4wp-form-fields"><p>Recevez chaque mois l'essentiel de l'actualité du territoire.</p><p><input type="email" name="EMAIL" placeholder="Votre adresse e-mail" required><input type="submit" value="Je m'abonne"></p></div></form></div>
<div class="footer-contact"><p><strong>{e(p["site"])}</strong><br>{p["address"]}<br>Tél. {e(p["phone"])}</p></div>
<nav class="footer-navigation" aria-label="Menu pied de page"><ul class="menu"><li><a href="{home}mentions-legales/">Mentions légales</a></li><li><a href="{home}plan-du-site/">Plan du site</a></li><li><a href="{home}accessibilite/">Accessibilité : partiellement conforme</a></li><li><a href="{home}donnees-personnelles/">Données personnelles</a></li><li><a href="#" class="cmplz-show-banner">Gestion des cookies</a></li></ul></nav>
<div class="site-info">© 2024 {e(p["site"])} – Tous droits réservés – Réalisation : Agence Oxygène Web</div>
</footer>
</div>
<a href="#page" class="back-to-top" aria-label="Retour en haut">Haut de page</a>
<script id="collectivite-navigation-js">(function(){{var b=document.querySelector('.menu-toggle');if(!b)return;b.addEventListener('click',function(){{var x=b.getAttribute('aria-expanded')==='true';b.setAttribute('aria-expanded',!x);document.getElementById('primary-menu').classList.toggle('toggled');}});}})();</script>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager", "Recevez chaque mois", "Je m'abonne", "Horaires d'accueil",
                                  "Agence Oxygène Web"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- WordPress blocks (FSE)

def wp_blocks(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    home = p["home"]
    nav = "".join(f'<li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" '
                  f'href="{home.rstrip("/")}{h}/"><span class="wp-block-navigation-item__label">{e(l)}</span></a></li>'
                  for l, h in menu_items(p))
    crumbs = " / ".join(f'<a href="{a(h)}">{e(l)}</a>' for l, h in p["crumbs"][:-1])
    crumbs += f' / <span class="breadcrumb_last" aria-current="page">{e(p["crumbs"][-1][0])}</span>'
    news = "".join(f'<li><div class="wp-block-latest-posts__featured-image alignleft"><img width="150" height="100" src="{home}wp-content/uploads/2024/{i + 3:02d}/actu-{i}.jpg" alt=""></div>'
                   f'<a class="wp-block-latest-posts__post-title" href="{home}{s}/">{e(t)}</a><time datetime="2024-{i + 3:02d}-10" class="wp-block-latest-posts__post-date">{e(d)}</time></li>'
                   for i, (t, d, s) in enumerate(p["news"]))
    share = "".join(f'<li class="wp-social-link wp-social-link-{n.lower()} wp-block-social-link"><a rel="noopener nofollow" target="_blank" href="{a(h)}" class="wp-block-social-link-anchor"><span class="wp-block-social-link-label">Partager sur {n}</span></a></li>'
                    for n, h in share_links(p["url"], p["og_title"]))
    social = "".join(f'<li class="wp-social-link wp-social-link-{n.lower()} wp-block-social-link"><a href="{h}{p["slug"]}" class="wp-block-social-link-anchor"><span class="wp-block-social-link-label screen-reader-text">{n}</span></a></li>'
                     for n, h in SOCIAL)
    doc = f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
{charset_meta(p)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(p["title"])}</title>
{og(p)}
<meta name="generator" content="WordPress 6.5.2">
<style id="wp-block-navigation-inline-css">.wp-block-navigation{{position:relative;--navigation-layout-justification-setting:flex-start}}.wp-block-navigation ul{{margin:0;padding:0;list-style:none}}.wp-block-navigation .wp-block-navigation-item{{align-items:center;display:flex;position:relative}}</style>
<style id="wp-block-columns-inline-css">.wp-block-columns{{align-items:normal!important;box-sizing:border-box;display:flex;flex-wrap:wrap!important}}@media (min-width:782px){{.wp-block-columns{{flex-wrap:nowrap!important}}}}.wp-block-column{{flex-basis:0;flex-grow:1;min-width:0;overflow-wrap:break-word;word-break:break-word}}.wp-block-column.is-style-card{{border:1px solid #d0d7de;border-radius:8px;padding:1.25rem}}</style>
<style id="global-styles-inline-css">body{{--wp--preset--color--base:#ffffff;--wp--preset--color--contrast:#111111;--wp--preset--color--accent-1:#2f5d50;--wp--preset--font-size--small:0.9rem;--wp--preset--font-size--medium:1.05rem;--wp--preset--spacing--40:1.5rem}}</style>
<link rel="stylesheet" id="twentytwentyfour-child-css" href="{home}wp-content/themes/ville-fse/style.css?ver=1.2" media="all">
<script type="speculationrules">{{"prefetch":[{{"source":"document","where":{{"and":[{{"href_matches":"/*"}},{{"not":{{"href_matches":["/wp-*.php","/wp-admin/*"]}}}}]}},"eagerness":"conservative"}}]}}</script>
</head>
<body class="page-template-default page page-id-{p["node"]} wp-embed-responsive">
{ck}
<div class="wp-site-blocks">
<header class="wp-block-template-part">
<div class="wp-block-group alignfull has-base-background-color has-background is-layout-constrained wp-block-group-is-layout-constrained">
<div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex wp-block-group-is-layout-flex">
<div class="wp-block-group is-layout-flex"><figure class="wp-block-image size-full is-resized"><a href="{home}"><img src="{home}wp-content/uploads/2023/01/blason.png" alt="{a(p["site"])}" style="width:64px"></a></figure><p class="wp-block-site-title"><a href="{home}" rel="home">{e(p["site"])}</a></p></div>
<nav class="is-responsive items-justified-right wp-block-navigation is-content-justification-right is-layout-flex" aria-label="Navigation principale"><button aria-haspopup="dialog" aria-label="Ouvrir le menu" class="wp-block-navigation__responsive-container-open"></button><div class="wp-block-navigation__responsive-container" id="modal-1"><ul class="wp-block-navigation__container is-responsive items-justified-right wp-block-navigation">{nav}</ul></div></nav>
<form role="search" method="get" action="{home}" class="wp-block-search__button-inside wp-block-search__icon-button wp-block-search"><label class="wp-block-search__label screen-reader-text" for="wp-block-search__input-1">Rechercher</label><div class="wp-block-search__inside-wrapper"><input class="wp-block-search__input" id="wp-block-search__input-1" placeholder="Rechercher sur le site" value="" type="search" name="s" required><button aria-label="Rechercher" class="wp-block-search__button has-icon wp-element-button" type="submit"></button></div></form>
</div></div>
</header>
<main class="wp-block-group is-layout-constrained wp-block-group-is-layout-constrained" id="wp--skip-link--target">
<nav class="yoast-breadcrumbs wp-block-yoast-seo-breadcrumbs" aria-label="Fil d'Ariane"><span>{crumbs}</span></nav>
<h1 class="has-text-align-left wp-block-post-title">{p["h1_html"]}</h1>
<div class="entry-content wp-block-post-content is-layout-constrained wp-block-post-content-is-layout-constrained">
{body}
</div>
<div class="wp-block-group partage is-layout-flex"><p class="has-small-font-size">Partager cette page</p><ul class="wp-block-social-links is-style-logos-only is-layout-flex">{share}</ul></div>
<div class="wp-block-group alignwide actualites is-layout-constrained"><h2 class="wp-block-heading">Actualités</h2><ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">{news}</ul></div>
</main>
<footer class="wp-block-template-part">
<div class="wp-block-group alignfull has-contrast-background-color has-background is-layout-constrained">
<div class="wp-block-columns alignwide is-layout-flex wp-block-columns-is-layout-flex">
<div class="wp-block-column is-layout-flow"><p><strong>{e(p["site"])}</strong><br>{p["address"]}<br>{e(p["phone"])}</p></div>
<div class="wp-block-column is-layout-flow"><h2 class="wp-block-heading has-medium-font-size">La lettre d'information</h2><form class="wp-block-jetpack-subscriptions"><p>Chaque mois, les rendez-vous et les infos pratiques dans votre boîte mail.</p><input type="email" name="email" placeholder="Saisissez votre adresse e-mail"><button type="submit" class="wp-block-button__link">S'inscrire</button></form></div>
<div class="wp-block-column is-layout-flow"><ul class="wp-block-social-links has-icon-color is-style-logos-only is-layout-flex">{social}</ul>
<nav class="wp-block-navigation is-vertical is-layout-flex" aria-label="Pied de page"><ul class="wp-block-navigation__container"><li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="{home}mentions-legales/">Mentions légales</a></li><li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="{home}plan-du-site/">Plan du site</a></li><li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="{home}accessibilite/">Accessibilité</a></li><li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="{home}contact/">Contact</a></li></ul></nav></div>
</div>
<p class="has-text-align-center has-small-font-size">© 2024 {e(p["site"])} · Site propulsé par WordPress</p>
</div></footer>
</div>
<script id="wp-block-navigation-view-js-module" type="module">import{{store}}from"@wordpress/interactivity";store("core/navigation",{{state:{{}}}});</script>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager", "La lettre d'information", "Chaque mois, les rendez-vous",
                                  "Site propulsé par WordPress"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- Drupal 9/10

def drupal(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    home = p["home"].rstrip("/")
    ver = p.get("drupal", "10")
    nav = []
    for label, href in menu_items(p):
        if href == "/solidarites-sante":
            sub = "".join(f'<li class="menu-item"><a href="{h}" data-drupal-link-system-path="node/{300 + i}">{e(l)}</a></li>' for i, (l, h) in enumerate(SUBMENU))
            nav.append(f'<li class="menu-item menu-item--expanded menu-item--active-trail"><a href="{href}">{e(label)}</a><ul class="menu">{sub}</ul></li>')
        else:
            nav.append(f'<li class="menu-item"><a href="{href}">{e(label)}</a></li>')
    crumbs = "".join(f'<li class="breadcrumb__item"><a href="{a(h)}">{e(l)}</a></li>' for l, h in p["crumbs"][:-1])
    crumbs += f'<li class="breadcrumb__item">{e(p["crumbs"][-1][0])}</li>'
    news = "".join(f'<div class="views-row"><article class="node node--type-actualite node--view-mode-teaser"><h3 class="node__title"><a href="/{s}" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">{e(t)}</span></a></h3>'
                   f'<div class="field field--name-field-date field--type-datetime field--label-hidden field__item"><time datetime="2024-05-0{i + 1}T12:00:00Z">{e(d)}</time></div></article></div>'
                   for i, (t, d, s) in enumerate(p["news"]))
    share = "".join(f'<li><a class="social-media-link-icon--{n.lower()}" href="{a(h)}" target="_blank" rel="noopener">{n}</a></li>' for n, h in share_links(p["url"], p["og_title"]))
    social = "".join(f'<li><a href="{h}{p["slug"]}" target="_blank" rel="noopener" title="{n}">{n}</a></li>' for n, h in SOCIAL)
    settings = ('{"path":{"baseUrl":"\\/","pathPrefix":"","currentPath":"node\\/' + str(p["node"]) + '","currentPathIsAdmin":false,'
                '"isFront":false,"currentLanguage":"fr"},"pluralDelimiter":"\\u0003","suppressDeprecationErrors":true,'
                '"ajaxTrustedUrl":{"\\/search\\/node":true},"user":{"uid":0,"permissionsHash":"6c1b5e0e1f1b"}}')
    doc = f"""<!DOCTYPE html>
<html lang="fr" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/  og: http://ogp.me/ns#  schema: http://schema.org/">
<head>
{charset_meta(p)}
<title>{e(p["title"])}</title>
{og(p)}
<meta name="Generator" content="Drupal {ver} (https://www.drupal.org)">
<meta name="MobileOptimized" content="width">
<meta name="HandheldFriendly" content="true">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="icon" href="/themes/custom/territoire/favicon.ico" type="image/vnd.microsoft.icon">
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_Xq3n7P2uV8yJ1bF6Qm4nE0aL9kR5tZcWd2hGs.css?delta=0&amp;language=fr&amp;theme=territoire&amp;include=eJxtjlEKwzAIQC">
<style>.field--name-body h2{{margin-top:2rem;font-size:1.6rem}}.accordion-button{{width:100%;text-align:left;background:#f4f6f8;border:0;padding:1rem}}.accordion-button[aria-expanded="true"]{{background:#dfe9f3}}.collapse:not(.show){{display:none}}.table-cls th{{background:#2a4d69;color:#fff}}</style>
</head>
<body class="path-node page-node-type-{p.get("node_type", "page")}">
<a href="#main-content" class="visually-hidden focusable skip-link">Aller au contenu principal</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner" class="site-header">
<div class="region region-header">
<div id="block-territoire-branding" class="block block-system block-system-branding-block"><a href="/" rel="home" class="site-logo"><img src="/themes/custom/territoire/logo.svg" alt="Accueil" fetchpriority="high"></a><div class="site-name"><a href="/" rel="home">{e(p["site"])}</a></div><div class="site-slogan">{e(p["tagline"])}</div></div>
<div class="search-block-form block block-search container-inline" data-drupal-selector="search-block-form" id="block-territoire-search-form" role="search"><form action="/search/node" method="get" id="search-block-form" accept-charset="UTF-8"><div class="js-form-item form-item js-form-type-search form-item-keys js-form-item-keys form-no-label"><label for="edit-keys" class="visually-hidden">Rechercher</label><input title="Indiquer les termes à rechercher" data-drupal-selector="edit-keys" type="search" id="edit-keys" name="keys" value="" size="15" maxlength="128" class="form-search"></div><div data-drupal-selector="edit-actions" class="form-actions js-form-wrapper form-wrapper" id="edit-actions"><input data-drupal-selector="edit-submit" type="submit" id="edit-submit" value="Rechercher" class="button js-form-submit form-submit"></div></form></div>
</div>
<div class="region region-primary-menu"><nav role="navigation" aria-labelledby="block-territoire-main-menu-menu" id="block-territoire-main-menu" class="block block-menu navigation menu--main"><h2 class="visually-hidden" id="block-territoire-main-menu-menu">Navigation principale</h2><ul class="menu">{"".join(nav)}</ul></nav></div>
</header>
<div class="region region-breadcrumb"><div id="block-territoire-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Fil d'Ariane</h2><ol>{crumbs}</ol></nav></div></div>
<main role="main">
<a id="main-content" tabindex="-1"></a>
<div class="layout-content">
<div class="region region-content">
<div data-drupal-messages-fallback class="hidden"></div>
<div id="block-territoire-page-title" class="block block-core block-page-title-block"><h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{p["h1_html"]}</span></h1></div>
<div id="block-territoire-content" class="block block-system block-system-main-block">
<article role="article" about="/node/{p["node"]}" class="node node--type-{p.get("node_type", "page")} node--promoted node--view-mode-full"><div class="node__content">
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{body}
</div>
</div></article>
</div>
<div id="block-partagerlapage" class="block block-social-media block-social-sharing-block"><h2>Partager cette page</h2><ul class="social-media-links--platforms platforms inline horizontal">{share}</ul></div>
</div>
</div>
<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">
<div class="views-element-container block block-views block-views-blockactualites-block-1" id="block-views-block-actualites-block-1"><h2>Actualités</h2><div><div class="view view-actualites view-id-actualites view-display-id-block_1 js-view-dom-id-3f1c7a"><div class="view-content">{news}</div><div class="more-link"><a href="/actualites">Voir toutes les actualités</a></div></div></div></div>
</div></aside>
</main>
<footer role="contentinfo" class="site-footer"><div class="region region-footer">
<div id="block-lettre" class="block block-simplenews block-simplenews-subscription-block"><h2>Abonnez-vous à la lettre d'information</h2><form class="simplenews-subscriber-form" action="/newsletter/subscriptions" method="post"><div class="js-form-item form-item"><label for="edit-mail-0-value">Adresse de courriel</label><input type="email" id="edit-mail-0-value" name="mail[0][value]" class="form-email required" required></div><input type="submit" value="S'abonner" class="button form-submit"></form></div>
<div id="block-coordonnees" class="block block-block-content"><div class="clearfix text-formatted field field--name-body"><p>{e(p["site"])}<br>{p["address"]}<br>{e(p["phone"])}</p></div></div>
<div id="block-reseaux" class="block block-social-media-links-block"><ul class="social-media-links--platforms">{social}</ul></div>
<nav role="navigation" aria-labelledby="block-footer-menu" id="block-footer" class="block block-menu navigation menu--footer"><h2 class="visually-hidden" id="block-footer-menu">Pied de page</h2><ul class="menu"><li class="menu-item"><a href="/mentions-legales">Mentions légales</a></li><li class="menu-item"><a href="/plan-du-site">Plan du site</a></li><li class="menu-item"><a href="/accessibilite">Accessibilité</a></li><li class="menu-item"><a href="/contact">Nous contacter</a></li></ul></nav>
</div></footer>
</div>
</div>
{ck}
<script type="application/json" data-drupal-selector="drupal-settings-json">{settings}</script>
<script src="/core/assets/vendor/jquery/jquery.min.js?v=3.7.1"></script>
<script src="/core/misc/drupalSettingsLoader.js?v={ver}.2.5"></script>
<script src="/core/misc/drupal.js?v={ver}.2.5"></script>
<script src="/themes/custom/territoire/js/accordion.js?sa3kf1"></script>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager", "Abonnez-vous à la lettre", "Voir toutes les actualités",
                                  "Nous contacter"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- DSFR

def dsfr(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    state = p.get("dsfr_state", False)  # an État site (ARS) vs a collectivité
    nav = []
    for i, (label, href) in enumerate(menu_items(p)):
        if href == "/solidarites-sante" or href == p.get("menu_current"):
            sub = "".join(f'<li><a class="fr-nav__link" href="{h}" target="_self">{e(l)}</a></li>' for l, h in (p.get("submenu") or SUBMENU))
            nav.append(f'<li class="fr-nav__item"><button class="fr-nav__btn" aria-expanded="false" aria-controls="menu-{i}" aria-current="true">{e(label)}</button>'
                       f'<div class="fr-collapse fr-menu" id="menu-{i}"><ul class="fr-menu__list">{sub}</ul></div></li>')
        else:
            nav.append(f'<li class="fr-nav__item"><a class="fr-nav__link" href="{href}" target="_self">{e(label)}</a></li>')
    crumbs = "".join(f'<li><a class="fr-breadcrumb__link" href="{a(h)}">{e(l)}</a></li>' for l, h in p["crumbs"][:-1])
    crumbs += f'<li><a class="fr-breadcrumb__link" aria-current="page">{e(p["crumbs"][-1][0])}</a></li>'
    news = "".join(f'<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link fr-card--sm"><div class="fr-card__body"><div class="fr-card__content"><h3 class="fr-card__title"><a href="/{s}">{e(t)}</a></h3><div class="fr-card__end"><p class="fr-card__detail">{e(d)}</p></div></div></div></div></div>'
                   for t, d, s in p["news"])
    share = "".join(f'<li><a class="fr-btn--{n.lower().replace("courriel", "mail")} fr-btn" title="Partager sur {n} - nouvelle fenêtre" href="{a(h)}" target="_blank" rel="noopener">Partager sur {n}</a></li>'
                    for n, h in share_links(p["url"], p["og_title"]))
    social = "".join(f'<li><a class="fr-btn--{n.lower()} fr-btn" title="{n} - nouvelle fenêtre" href="{h}{p["slug"]}" target="_blank" rel="noopener">{n}</a></li>' for n, h in SOCIAL)
    brand = ('<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>' +
             ('<div class="fr-header__operator"><img class="fr-responsive-img" style="max-width:9.0625rem;" src="/themes/custom/ars/logo-ars.svg" alt="Agence régionale de santé"></div>' if state else ""))
    footer_links = ("".join(f'<li class="fr-footer__content-item"><a class="fr-footer__content-link" target="_blank" rel="noopener" href="https://{d}">{d}</a></li>'
                            for d in ("legifrance.gouv.fr", "gouvernement.fr", "service-public.fr", "data.gouv.fr")))
    doc = f"""<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
{charset_meta(p)}
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no">
<meta name="theme-color" content="#000091">
<title>{e(p["title"])}</title>
{og(p)}
<link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png">
<link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dsfr/dsfr.min.css?v=1.11.2">
<link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css?v=1.11.2">
<style>.cls-intro{{margin-bottom:2rem}}.fr-accordion__btn{{font-weight:700}}.fr-card__detail strong{{font-weight:700}}</style>
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="Accès rapide"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li><li><a class="fr-link" href="#header-navigation">Menu</a></li><li><a class="fr-link" href="#header-search">Recherche</a></li><li><a class="fr-link" href="#footer">Pied de page</a></li></ul></nav></div>
<header role="banner" class="fr-header">
<div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top">{brand}<div class="fr-header__navbar"><button class="fr-btn--search fr-btn" data-fr-opened="false" aria-controls="modal-search" title="Rechercher">Rechercher</button><button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="modal-menu" aria-haspopup="menu" id="button-menu" title="Menu">Menu</button></div></div>
<div class="fr-header__service"><a href="/" title="Accueil - {a(p["site"])}"><p class="fr-header__service-title">{e(p["site"])}</p></a><p class="fr-header__service-tagline">{e(p["tagline"])}</p></div></div>
<div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="fr-btns-group"><li><a class="fr-btn fr-icon-mail-line" href="/contact">Contact</a></li><li><a class="fr-btn fr-icon-newspaper-line" href="/espace-presse">Espace presse</a></li></ul></div>
<div class="fr-header__search fr-modal" id="modal-search"><div class="fr-container fr-container-lg--fluid"><button class="fr-btn--close fr-btn" aria-controls="modal-search" title="Fermer">Fermer</button><div class="fr-search-bar" id="header-search" role="search"><label class="fr-label" for="search-input">Rechercher</label><input class="fr-input" placeholder="Rechercher" type="search" id="search-input" name="search-input"><button class="fr-btn" title="Rechercher">Rechercher</button></div></div></div></div>
</div></div></div>
<div class="fr-header__menu fr-modal" id="modal-menu" aria-labelledby="button-menu"><div class="fr-container"><button class="fr-btn--close fr-btn" aria-controls="modal-menu" title="Fermer">Fermer</button><div class="fr-header__menu-links"></div>
<nav class="fr-nav" id="header-navigation" role="navigation" aria-label="Menu principal"><ul class="fr-nav__list">{"".join(nav)}</ul></nav></div></div>
</header>
<main id="contenu" role="main" tabindex="-1">
<div class="fr-container">
<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="breadcrumb-1">Voir le fil d'Ariane</button><div class="fr-collapse" id="breadcrumb-1"><ol class="fr-breadcrumb__list">{crumbs}</ol></div></nav>
<div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
<div class="fr-col-12 fr-col-md-9">
<h1>{p["h1_html"]}</h1>
{body}
<div class="fr-share fr-mt-4w"><p class="fr-share__title">Partager la page</p><ul class="fr-btns-group">{share}<li><button class="fr-btn--copy fr-btn" onclick="navigator.clipboard.writeText(window.location).then(function() {{alert('Adresse copiée dans le presse papier.')}});">Copier dans le presse-papier</button></li></ul></div>
</div>
<div class="fr-col-12 fr-col-md-3"><nav class="fr-sidemenu" role="navigation" aria-labelledby="fr-sidemenu-title"><div class="fr-sidemenu__inner"><button class="fr-sidemenu__btn" hidden aria-controls="fr-sidemenu-wrapper" aria-expanded="false">Dans cette rubrique</button><div class="fr-collapse" id="fr-sidemenu-wrapper"><div class="fr-sidemenu__title" id="fr-sidemenu-title">Dans cette rubrique</div><ul class="fr-sidemenu__list">{"".join(f'<li class="fr-sidemenu__item"><a class="fr-sidemenu__link" href="{h}" target="_self">{e(l)}</a></li>' for l, h in (p.get("submenu") or SUBMENU))}</ul></div></div></nav></div>
</div>
<section class="fr-mb-6w"><h2>Actualités</h2><div class="fr-grid-row fr-grid-row--gutters">{news}</div></section>
</div>
</main>
<div class="fr-follow"><div class="fr-container"><div class="fr-grid-row"><div class="fr-col-12 fr-col-md-8"><div class="fr-follow__newsletter"><div><h2 class="fr-h5">Abonnez-vous à notre lettre d'information</h2><p class="fr-text--sm">Recevez les dernières informations et les appels à projets.</p></div><div><form action="/newsletter"><div class="fr-input-group"><label class="fr-label" for="newsletter-email">Votre adresse électronique (ex. : nom@domaine.fr)</label><div class="fr-input-wrap fr-input-wrap--addon"><input class="fr-input" title="Votre adresse électronique (ex. : nom@domaine.fr)" autocomplete="email" id="newsletter-email" type="email"><button class="fr-btn" title="S'abonner à notre lettre d'information" type="button">S'abonner</button></div></div></form></div></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-follow__social"><h2 class="fr-h5">Suivez-nous<br> sur les réseaux sociaux</h2><ul class="fr-btns-group">{social}</ul></div></div></div></div></div>
<footer class="fr-footer" role="contentinfo" id="footer">
<div class="fr-container">
<div class="fr-footer__body"><div class="fr-footer__brand fr-enlarge-link"><a href="/" title="Retour à l'accueil du site - {a(p["site"])}"><p class="fr-logo">République<br>Française</p></a></div>
<div class="fr-footer__content"><p class="fr-footer__content-desc">{e(p["site"])} – {p["address"]} – {e(p["phone"])}</p><ul class="fr-footer__content-list">{footer_links}</ul></div></div>
<div class="fr-footer__bottom"><ul class="fr-footer__bottom-list"><li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/plan-du-site">Plan du site</a></li><li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/accessibilite">Accessibilité : partiellement conforme</a></li><li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">Mentions légales</a></li><li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/donnees-personnelles">Données personnelles</a></li><li class="fr-footer__bottom-item"><button class="fr-footer__bottom-link" data-fr-opened="false" aria-controls="fr-consent-modal">Gestion des cookies</button></li></ul>
<div class="fr-footer__bottom-copy"><p>Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" target="_blank" rel="noopener">licence etalab-2.0</a></p></div></div>
</div>
</footer>
{ck}
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager la page", "Abonnez-vous à notre lettre", "Suivez-nous",
                                  "licence etalab", "Copier dans le presse-papier"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- SPIP

def spip(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    home = p["home"]
    nav = "".join(f'<li class="menu-entree item menu-items__item"><a href="spip.php?rubrique{i + 1}" class="menu-items__lien">{e(l)}</a></li>'
                  for i, (l, h) in enumerate(menu_items(p)[1:]))
    crumbs = " &gt; ".join(f'<a href="{a(h)}">{e(l)}</a>' for l, h in p["crumbs"][:-1])
    crumbs += f' &gt; <strong class="on">{e(p["crumbs"][-1][0])}</strong>'
    news = "".join(f'<li><a href="spip.php?article{120 + i}">{e(t)}</a> <small>{e(d)}</small></li>' for i, (t, d, s) in enumerate(p["news"]))
    share = " ".join(f'<a class="spip_out" rel="external" href="{a(h)}">{n}</a>' for n, h in share_links(p["url"], p["og_title"]))
    doc = f"""<!DOCTYPE html>
<html dir="ltr" lang="fr" class="ltr fr no-js">
<head>
<script type='text/javascript'>/*<![CDATA[*/(function(H){{H.className=H.className.replace(/\\bno-js\\b/,'js')}})(document.documentElement);/*]]>*/</script>
<title>{e(p["title"])}</title>
{charset_meta(p)}
{og(p)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="SPIP 3.2.19 [24473]">
<link rel="alternate" type="application/rss+xml" title="Syndiquer tout le site" href="spip.php?page=backend">
<link rel="stylesheet" href="local/cache-css/cssdyn-css_bootstrap_css-8d2b1f3e.css?1695112233" type="text/css">
<link rel="stylesheet" href="squelettes/css/theme.css?1695112233" type="text/css">
<style type="text/css">.texte h3.spip{{color:#5a7d2b;border-left:4px solid #5a7d2b;padding-left:.5em}}dl.fiches dt{{font-weight:bold;margin-top:1em}}dl.fiches dd{{margin-left:1.5em}}.spip_doc_descriptif{{font-size:.9em}}</style>
<script src="prive/javascript/jquery.js?1695112233" type="text/javascript"></script>
<script type='text/javascript'>var mediabox_settings={{"auto_detect":true,"ns":"box","tt_img":true,"sel_g":"#documents_portfolio a[type='image\\/jpeg']","str_ssStart":"Diaporama","str_ssStop":"Arr\\u00eater"}};</script>
</head>
<body class="pas_surlignable page_article">
{ck}
<div class="page">
<div class="header" id="header"><div class="container"><div class="accueil"><a rel="start home" href="{home}" title="Accueil"><img class="spip_logo spip_logos" alt="" src="IMG/siteon0.png?1680000000" width="150" height="90"> <strong id="nom_site_spip">{e(p["site"])}</strong></a></div><p id="slogan_site_spip">{e(p["tagline"])}</p></div></div>
<div class="nav clearfix" id="nav"><div class="container"><div class="menu-conteneur navbar-inner"><ul class="menu-liste menu-items" data-depth="0"><li class="menu-entree item menu-items__item"><a href="{home}" class="menu-items__lien">Accueil</a></li>{nav}</ul></div>
<div class="formulaire_spip formulaire_recherche" id="formulaire_recherche"><form action="spip.php?page=recherche" method="get"><div><input name="page" value="recherche" type="hidden"><label for="recherche">Rechercher :</label><input type="search" class="search text" size="10" name="recherche" id="recherche" accesskey="4" autocapitalize="off" autocorrect="off"><input type="submit" class="submit" value="&gt;&gt;" title="Rechercher"></div></form></div></div></div>
<div class="main"><div class="container"><div class="row">
<div class="wrapper hfeed col-md-9"><div class="content hentry" id="contenu">
<p class="arbo">{crumbs}</p>
<div class="cartouche"><h1 class="surlignable crayon article-titre-{p["node"]} titre">{p["h1_html"]}</h1><p class="info-publi"><abbr class="published" title="{p["updated"]}T10:12:00Z">{e(p["updated_fr"])}</abbr><span class="sep">, </span><span class="auteurs">par <span class="vcard author"><a class="url fn spip_in" href="spip.php?auteur3">Service communication</a></span></span></p></div>
<div class="surlignable">
{body}
</div>
<div class="partage"><span class="titre-partage">Partager cette page :</span> {share}</div>
<p class="forum-repondre"><a href="spip.php?page=forum&amp;id_article={p["node"]}" rel="noindex nofollow">Un message, un commentaire ?</a></p>
</div></div>
<div class="aside col-md-3">
<div class="menu"><h2>Dans la même rubrique</h2><ul>{"".join(f'<li><a href="spip.php?article{90 + i}">{e(l)}</a></li>' for i, (l, h) in enumerate(SUBMENU[1:]))}</ul></div>
<div class="menu menu_breves"><h2>Actualités</h2><ul>{news}</ul></div>
<div class="formulaire_spip formulaire_newsletter_subscribe"><h2>Lettre d'information</h2><form method="post" action="spip.php?page=newsletter"><p class="explication">Inscrivez-vous pour recevoir les informations de la communauté de communes.</p><input type="email" name="session_email" class="text email"><input type="submit" class="submit" value="Valider"></form></div>
</div>
</div></div></div>
<div class="footer clearfix" id="footer"><div class="container"><p class="colophon">{e(p["site"])} – {p["address"]} – {e(p["phone"])}<br>Suivez-nous : <a class="spip_out" href="https://www.facebook.com/{p["slug"]}">Facebook</a> | <a class="spip_out" href="https://www.instagram.com/{p["slug"]}">Instagram</a></p>
<p class="generator"><a href="spip.php?page=plan" rel="contents" class="spip_in">Plan du site</a> | <a href="spip.php?article2" class="spip_in">Mentions légales</a> | <a href="spip.php?page=login&amp;url=spip.php%3Farticle{p["node"]}" rel="nofollow" class="login_modal">Se connecter</a> | <a rel="generator" href="https://www.spip.net/" title="Site réalisé avec SPIP" class="generator spip_out">SPIP</a></p></div></div>
</div>
<script src="plugins/auto/mediabox/v1.2.5/javascript/jquery.colorbox.js?1695112233" type="text/javascript"></script>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager", "Un message, un commentaire", "Dans la même rubrique",
                                  "Inscrivez-vous pour recevoir", "Se connecter", "Service communication"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- Joomla

def joomla(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    j4 = p.get("joomla", "4") == "4"
    nav = "".join(f'<li class="nav-item item-{101 + i}{" default" if i == 0 else ""}{" active deeper parent" if h == "/solidarites-sante" else ""}"><a href="{h}">{e(l)}</a></li>'
                  for i, (l, h) in enumerate(menu_items(p)))
    crumbs = "".join(f'<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem" class="mod-breadcrumbs__item breadcrumb-item"><a itemprop="item" href="{a(h)}" class="pathway"><span itemprop="name">{e(l)}</span></a><meta itemprop="position" content="{i + 1}"></li>'
                     for i, (l, h) in enumerate(p["crumbs"][:-1]))
    crumbs += (f'<li aria-current="page" itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem" class="mod-breadcrumbs__item breadcrumb-item active">'
               f'<span itemprop="name">{e(p["crumbs"][-1][0])}</span><meta itemprop="position" content="{len(p["crumbs"])}"></li>')
    news = "".join(f'<li itemscope itemtype="https://schema.org/Article"><a href="/actualites/{s}" itemprop="url"><span itemprop="name">{e(t)}</span></a></li>' for t, d, s in p["news"])
    share = "".join(f'<a class="btn btn-sm share-{n.lower()}" href="{a(h)}" target="_blank" rel="noopener">{n}</a>' for n, h in share_links(p["url"], p["og_title"]))
    social = "".join(f'<li><a href="{h}{p["slug"]}" target="_blank" rel="noopener">{n}</a></li>' for n, h in SOCIAL)
    tpl = "cassiopeia" if j4 else "protostar"
    doc = f"""<!DOCTYPE html>
<html lang="fr-fr" dir="ltr">
<head>
{charset_meta(p)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="Service communication">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{e(p["title"])}</title>
{og(p)}
<link href="/media/templates/site/{tpl}/css/template.min.css?5e3b1a" rel="stylesheet">
<link href="/media/templates/site/{tpl}/css/user.css?5e3b1a" rel="stylesheet">
<style>:root{{--hue:214;--template-bg-light:#f0f4fb;--template-text-dark:#495057;--template-link-color:#2a69b8}}.item-page table{{width:100%;border-collapse:collapse}}.item-page td,.item-page th{{border:1px solid #ccd;padding:.4rem .6rem;vertical-align:top}}.item-page tr.axe td{{background:#e6eef8}}</style>
<script type="application/json" class="joomla-script-options new">{{"joomla.jtext":{{"ERROR":"Erreur","MESSAGE":"Message","NOTICE":"Annonce","WARNING":"Avertissement","JCLOSE":"Fermer","JOK":"OK","JOPEN":"Ouvrir"}},"system.paths":{{"root":"","rootFull":"{p["home"]}","base":"","baseFull":"{p["home"]}"}},"csrf.token":"9f0c1e5b2a7d4e8c3b6a1f0e9d8c7b6a"}}</script>
<script src="/media/system/js/core.min.js?37ffe4"></script>
<script src="/media/vendor/bootstrap/js/bootstrap-es5.min.js?5.3.2" nomodule defer></script>
</head>
<body class="site com_content wrapper-static view-article no-layout no-task itemid-{p["node"]} has-sidebar-right">
<header class="header container-header full-width">
<div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/"><img loading="eager" decoding="async" src="/images/logo-{p["slug"]}.png" alt="{a(p["site"])}" width="260" height="90"></a><div class="site-description">{e(p["tagline"])}</div></div></div>
<div class="grid-child container-nav">
<ul class="mod-menu mod-list nav ">{nav}</ul>
<div class="container-search"><form class="mod-finder js-finder-searchform form-search" action="/recherche" method="get" role="search"><label for="mod-finder-searchword117" class="finder">Rechercher</label><div class="mod-finder__search input-group"><input type="text" name="q" id="mod-finder-searchword117" class="js-finder-search-query form-control" value="" placeholder="Rechercher..."><button class="btn btn-primary" type="submit"><span class="icon-search icon-white" aria-hidden="true"></span> Rechercher</button></div></form></div>
</div>
</header>
<div class="site-grid">
<div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Fil d'Ariane"><ol itemscope itemtype="https://schema.org/BreadcrumbList" class="mod-breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__here float-start">Vous êtes ici : &#160;</li>{crumbs}</ol></nav>
<main>
<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="fr-FR">
<div class="page-header"><h1 itemprop="headline">{p["h1_html"]}</h1></div>
<dl class="article-info text-muted"><dt class="article-info-term">Détails</dt><dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Écrit par : <span itemprop="name">Service communication</span></dd><dd class="category-name">Catégorie : <a href="/solidarites-sante" itemprop="genre">Santé</a></dd><dd class="published"><time datetime="{p["updated"]}T09:30:00+01:00" itemprop="datePublished">Publication : {e(p["updated_fr"])}</time></dd><dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:1287">Affichages : 1287</dd></dl>
<div itemprop="articleBody" class="com-content-article__body">
{body}
</div>
<div class="partage-article"><span>Partager :</span> {share}</div>
<nav class="pagenavigation" aria-label="Navigation de page"><span class="pagination ms-0"><a class="btn btn-sm btn-secondary previous" href="/solidarites-sante/maisons-de-sante" rel="prev"><span class="visually-hidden">Article précédent : Les maisons de santé</span><span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">Précédent</span></a><a class="btn btn-sm btn-secondary next" href="/solidarites-sante/seniors" rel="next"><span class="visually-hidden">Article suivant : Seniors et autonomie</span> <span aria-hidden="true">Suivant</span> <span class="icon-chevron-right" aria-hidden="true"></span></a></span></nav>
</div>
</main>
</div>
<div class="grid-child container-sidebar-right">
<div class="sidebar-right card "><h3 class="card-header ">Actualités</h3><div class="card-body"><ul class="mod-articleslatest latestnews mod-list">{news}</ul></div></div>
<div class="sidebar-right card "><h3 class="card-header ">Lettre d'information</h3><div class="card-body"><div class="acymodule"><form id="formAcym" name="formAcym" method="post" action="/index.php?option=com_acym&amp;ctrl=frontusers&amp;tmpl=component"><p>Inscrivez-vous à notre lettre d'information mensuelle.</p><input type="email" name="user[email]" placeholder="Courriel" class="cell acym__user__edit__email"><input type="submit" class="btn btn-primary subbutton" value="S'inscrire" name="Submit"></form></div></div></div>
</div>
</div>
<footer class="container-footer footer full-width"><div class="grid-child">
<div class="mod-custom custom"><p>{e(p["site"])} – {p["address"]} – {e(p["phone"])}</p></div>
<ul class="mod-menu mod-list nav menu-footer"><li class="nav-item item-201"><a href="/mentions-legales">Mentions légales</a></li><li class="nav-item item-202"><a href="/plan-du-site">Plan du site</a></li><li class="nav-item item-203"><a href="/accessibilite">Accessibilité</a></li><li class="nav-item item-204"><a href="/politique-de-confidentialite">Politique de confidentialité</a></li></ul>
<ul class="reseaux-sociaux">{social}</ul>
</div></footer>
<a href="#top" id="back-top" class="back-to-top-link" aria-label="Haut de page"><span class="icon-arrow-up icon-fw" aria-hidden="true"></span></a>
{ck}
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager", "Affichages", "Écrit par", "Inscrivez-vous à notre lettre",
                                  "Article précédent", "Politique de confidentialité"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- TYPO3 (bootstrap_package)

def typo3(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    nav = "".join(f'<li class="nav-item{" active" if h == "/solidarites-sante" else ""}"><a class="nav-link" href="{h}/" title="{a(l)}"><span class="nav-link-text">{e(l)}</span></a></li>' for l, h in menu_items(p))
    crumbs = "".join(f'<li class="breadcrumb-item"><a class="breadcrumb-link" href="{a(h)}" title="{a(l)}"><span class="breadcrumb-text">{e(l)}</span></a></li>' for l, h in p["crumbs"][:-1])
    crumbs += f'<li class="breadcrumb-item active" aria-current="page"><span class="breadcrumb-text">{e(p["crumbs"][-1][0])}</span></li>'
    news = "".join(f'<div class="article articletype-0" itemscope="itemscope" itemtype="http://schema.org/Article"><div class="news-list-date"><time datetime="2024-06-1{i}">{e(d)}</time></div><h3><a title="{a(t)}" href="/actualites/detail/{s}"><span itemprop="headline">{e(t)}</span></a></h3></div>' for i, (t, d, s) in enumerate(p["news"]))
    share = "".join(f'<a class="shariff-button {n.lower()}" href="{a(h)}" rel="noopener" target="_blank">{n}</a>' for n, h in share_links(p["url"], p["og_title"]))
    social = "".join(f'<li><a href="{h}{p["slug"]}" title="{n}" rel="noopener" target="_blank">{n}</a></li>' for n, h in SOCIAL)
    doc = f"""<!DOCTYPE html>
<html dir="ltr" lang="fr-FR">
<head>
{charset_meta(p)}
<!--
	This website is powered by TYPO3 - inspiring people to share!
	TYPO3 is a free open source Content Management Framework initially created by Kasper Skaarhoj and licensed under GNU/GPL.
	TYPO3 is copyright 1998-2024 of Kasper Skaarhoj. Extensions are copyright of their respective owners.
	Information and contribution at https://typo3.org/
-->
<base href="{p["home"]}">
<title>{e(p["title"])}</title>
<meta name="generator" content="TYPO3 CMS">
<meta name="viewport" content="width=device-width, initial-scale=1, minimum-scale=1">
{og(p)}
<link rel="stylesheet" href="/typo3temp/assets/bootstrappackage/css/theme-5a1f7c2e9b.css?1706000000" media="all">
<link rel="stylesheet" href="/typo3conf/ext/site_ccbcvy/Resources/Public/Css/custom.css?1706000000" media="all">
<style>details.cls-axe{{border:1px solid #c9d3dc;border-radius:4px;margin:0 0 1rem}}details.cls-axe>summary{{cursor:pointer;padding:.75rem 1rem;background:#eef3f7;font-weight:600}}details.cls-axe[open]>summary{{background:#d9e6f0}}details.cls-axe .fiche{{padding:0 1rem}}</style>
</head>
<body id="p{p["node"]}" class="page-{p["node"]} pagelevel-3 language-0 backendlayout-subnavigation_right layout-default">
<div id="top"></div>
<div class="body-bg">
<a class="visually-hidden-focusable page-skip-link" href="#page-content"><span>Aller au contenu principal</span></a>
<header id="page-header" class="bp-page-header navbar navbar-mainnavigation navbar-default navbar-has-image navbar-top">
<div class="container"><a class="navbar-brand navbar-brand-image" title="{a(p["site"])}" href="/"><img class="navbar-brand-logo-normal" src="/typo3conf/ext/site_ccbcvy/Resources/Public/Images/logo.svg" alt="{a(p["site"])} logo" height="52" width="180"></a>
<button class="navbar-toggler collapsed" type="button" data-bs-toggle="collapse" data-bs-target="#mainnavigation" aria-controls="mainnavigation" aria-expanded="false" aria-label="Menu"><span class="navbar-toggler-icon"></span></button>
<nav aria-label="Navigation principale" id="mainnavigation" class="collapse navbar-collapse"><ul class="navbar-nav">{nav}</ul></nav>
<form method="get" class="form-search" action="/recherche" role="search"><label for="tx-indexedsearch-searchbox-sword" class="visually-hidden">Rechercher</label><input class="form-control tx-solr-q" id="tx-indexedsearch-searchbox-sword" type="text" name="tx_solr[q]" placeholder="Votre recherche"><button type="submit" class="btn btn-primary">Rechercher</button></form>
</div></header>
<nav class="breadcrumb-section" aria-label="Fil d'Ariane"><div class="container"><p class="visually-hidden" id="breadcrumb">Vous êtes ici :</p><ol class="breadcrumb">{crumbs}</ol></div></nav>
<div id="page-content" class="bp-page-content main-section"><div class="container"><div class="row"><main class="col-md-8 maincontent-wrap" role="main">
<div id="c{p["node"] * 10}" class="frame frame-default frame-type-header frame-layout-0 frame-size-default frame-height-default frame-background-none frame-space-before-none frame-space-after-none"><div class="frame-container"><div class="frame-inner"><header class="frame-header"><h1 class="element-header"><span>{p["h1_html"]}</span></h1></header></div></div></div>
{body}
<div class="shariff" data-lang="fr"><p class="shariff-title">Partager sur les réseaux</p>{share}</div>
</main>
<aside class="col-md-4 subcontent-wrap"><div id="c901" class="frame frame-default frame-type-news_newsliststicky"><header class="frame-header"><h2 class="element-header"><span>Actualités</span></h2></header><div class="news"><div class="news-list-view" id="news-container-901">{news}</div></div></div>
<div id="c902" class="frame frame-default frame-type-list"><header class="frame-header"><h2 class="element-header"><span>Lettre d'information</span></h2></header><form class="powermail_form" action="/newsletter" method="post"><p>Restez informé des projets de la communauté de communes.</p><input type="email" name="tx_powermail_pi1[field][email]" class="form-control"><input type="submit" value="Je m'inscris" class="btn btn-primary"></form></div></aside>
</div></div></div>
<footer id="page-footer" class="bp-page-footer"><section class="section footer-section footer-section-content"><div class="container"><div class="row"><div class="col-md-4"><p>{e(p["site"])}<br>{p["address"]}<br>{e(p["phone"])}</p></div><div class="col-md-4"><ul class="list-unstyled footer-social">{social}</ul></div><div class="col-md-4"><ul class="footer-links"><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/plan-du-site/">Plan du site</a></li><li><a href="/accessibilite/">Accessibilité</a></li><li><a href="/protection-des-donnees/">Protection des données</a></li></ul></div></div></div></section>
<section class="section footer-section footer-section-meta"><div class="container"><div class="frame frame-type-text"><p>© 2024 {e(p["site"])} · Conception : Agence Numérique de l'Est</p></div></div></section></footer>
<a class="scroll-top" title="Retour en haut" href="#top"><span class="scroll-top-icon"></span></a>
</div>
{ck}
<script src="/typo3conf/ext/bootstrap_package/Resources/Public/Contrib/bootstrap5/js/bootstrap.bundle.min.js?1706000000"></script>
<script src="/typo3temp/assets/compressed/merged-9ce2d7f4e1a3b58c.js?1706000000"></script>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager sur les réseaux", "Restez informé des projets", "Je m'inscris",
                                  "Protection des données", "Agence Numérique de l'Est"] + news_mnc(p)
    return doc, mnc


# --------------------------------------------------------------------------- hand-made (tables for layout)

def handmade(p, body):
    ck, ck_mnc, ck_js = COOKIES[p["cookie"]]
    nav = " | ".join(f'<a href="{h.strip("/") or "index"}.htm"><font color="#FFFFFF">{e(l)}</font></a>' for l, h in menu_items(p))
    crumbs = " &gt; ".join(f'<a href="{a(h)}">{e(l)}</a>' for l, h in p["crumbs"][:-1]) + f' &gt; {e(p["crumbs"][-1][0])}'
    news = "".join(f'<tr><td><font size="1" face="Verdana">{e(d)}</font><br><a href="actu_{i + 1}.htm"><font size="2" face="Verdana">{e(t)}</font></a></td></tr>' for i, (t, d, s) in enumerate(p["news"]))
    doc = f"""<html>
<head>
{charset_meta(p)}
<title>{e(p["title"])}</title>
<meta name="GENERATOR" content="Microsoft FrontPage 6.0">
<meta name="ProgId" content="FrontPage.Editor.Document">
<meta name="keywords" content="mairie, santé, contrat local de santé, médecin, {a(p["site"])}">
<meta property="og:title" content="{a(p["og_title"])}">
<style>
body {{ font-family: Verdana, Arial, sans-serif; font-size: 12px; margin: 0 }}
a {{ color: #003399 }} a:hover {{ color: #CC0000 }}
.titre {{ font-size: 18px; color: #336699; font-weight: bold }}
.fiche td {{ font-size: 12px; border: 1px solid #999999 }}
</style>
<script language="JavaScript">
<!--
function MM_openBrWindow(theURL,winName,features) {{ window.open(theURL,winName,features); }}
function MM_preloadImages() {{ var d=document; if(d.images){{ if(!d.MM_p) d.MM_p=new Array(); }} }}
//-->
</script>
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0" onload="MM_preloadImages('images/menu_on.gif')">
{ck}
<table width="900" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="2" bgcolor="#FFFFFF"><table width="100%" border="0"><tr><td width="120"><img src="images/blason.gif" width="100" height="110" alt="Blason"></td><td><font size="6" face="Georgia" color="#336699"><b>{e(p["site"])}</b></font><br><font size="2" face="Verdana">{e(p["tagline"])}</font></td>
<td align="right" valign="top"><form method="get" action="recherche.php"><font size="1">Rechercher sur le site :</font><br><input type="text" name="q" size="15"><input type="submit" value="OK"></form></td></tr></table></td></tr>
<tr><td colspan="2" bgcolor="#336699" height="24" align="center"><font size="2" face="Verdana"><b>{nav}</b></font></td></tr>
<tr>
<td width="200" valign="top" bgcolor="#EEF2F7">
<table width="100%" cellpadding="6"><tr><td><font size="2" face="Verdana"><b>La mairie</b><br><a href="horaires.htm">Horaires d'ouverture</a><br><a href="conseil.htm">Le conseil municipal</a><br><a href="bulletin.htm">Bulletin municipal</a><br><a href="salles.htm">Location de salles</a></font></td></tr></table>
<table width="100%" cellpadding="6"><tr><td bgcolor="#336699"><font color="#FFFFFF" size="2"><b>Les dernières nouvelles</b></font></td></tr>{news}</table>
<table width="100%" cellpadding="6"><tr><td><font size="2"><b>Lettre municipale</b><br>Recevez la lettre municipale par courriel :</font><form action="inscription.php" method="post"><input type="text" name="email" size="18"><br><input type="submit" value="Je m'inscris"></form></td></tr></table>
</td>
<td width="700" valign="top"><table width="100%" cellpadding="12"><tr><td>
<font size="1" face="Verdana">Vous êtes ici : {crumbs}</font>
<h1 class="titre">{p["h1_html"]}</h1>
{body}
<p align="right"><font size="1"><a href="javascript:window.print()">Imprimer cette page</a> - <a href="https://www.facebook.com/sharer/sharer.php?u={p["url"]}">Partager sur Facebook</a></font></p>
</td></tr></table></td>
</tr>
<tr><td colspan="2" bgcolor="#DDDDDD" align="center"><font size="1" face="Verdana">{e(p["site"])} - {p["address"]} - Tél. {e(p["phone"])}<br>
<a href="mentions.htm">Mentions légales</a> | <a href="plan.htm">Plan du site</a> | <a href="contact.htm">Contact</a> | <a href="https://www.facebook.com/{p["slug"]}">Retrouvez-nous sur Facebook</a><br>
Vous êtes le <b>048213</b><sup>ème</sup> visiteur - Dernière mise à jour : {e(p["updated_fr"])} - Site optimisé pour une résolution de 1024x768</font></td></tr>
</table>
{ck_js}
</body>
</html>
"""
    mnc = ck_mnc + COMMON_MNC + ["Partager sur Facebook", "Imprimer cette page", "visiteur", "Lettre municipale",
                                  "Site optimisé pour", "Horaires d'ouverture"] + news_mnc(p)
    return doc, mnc


CHROME = {"wordpress-classic": wp_classic, "wordpress-gutenberg": wp_blocks, "drupal-9": drupal,
          "drupal-10": drupal, "dsfr": dsfr, "spip": spip, "joomla-3": joomla, "joomla-4": joomla,
          "typo3": typo3, "hand-made": handmade}
