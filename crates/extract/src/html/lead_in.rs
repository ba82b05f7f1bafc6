//! The lead-in of a page's content: what stands between the page's title (its `<h1>`)
//! and the element chosen as its content, when the title sits outside that element.
//!
//! Page builders (Webflow, Wix, Squarespace, many themes) write a page as sections side by
//! side: a hero with the title and an introduction, a section of axes, a grid of action
//! cards. The densest element is then one section, and the others are lost. A reader
//! starts at the title: so the content is read from the `<h1>` on, up to the end of the
//! chosen element. Between the two, only text counts: an element made mostly of links is
//! navigation (a sub-menu, local tabs), and boilerplate is skipped by the walker.

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

/// The `<h1>` that titles the content at `root`: the last one before it in document order
/// and outside it; else the first one outside it (a title printed after the content). The
/// flag says whether it comes before the content.
pub(super) fn page_title<'a>(
    doc: &'a Html,
    root: &ElementRef<'a>,
) -> Option<(ElementRef<'a>, bool)> {
    let mut before = None;
    let mut seen_root = false;
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        if e.id() == root.id() {
            seen_root = true;
            continue;
        }
        if e.value().name() != "h1" || e.ancestors().any(|a| a.id() == root.id()) {
            continue;
        }
        if !seen_root {
            before = Some(e);
        } else if before.is_none() {
            return Some((e, false));
        } else {
            break;
        }
    }
    before.map(|h| (h, true))
}

/// The elements between title `h1` and content `root` in document order, each the
/// largest one wholly between them, keeping those whose text is not mostly links
/// (`size` gives an element's text and link-text lengths; `None` for boilerplate).
pub(super) fn lead_in<'a>(
    h1: &ElementRef<'a>,
    root: &ElementRef<'a>,
    size: &dyn Fn(&ElementRef) -> Option<(usize, usize)>,
) -> Vec<ElementRef<'a>> {
    let root_path: Vec<ElementRef<'a>> = root.ancestors().filter_map(ElementRef::wrap).collect();
    let is_on_root_path = |id: NodeId| root_path.iter().any(|a| a.id() == id);
    let Some(common) = h1
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| is_on_root_path(a.id()))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // After the title, inside the branch that holds it.
    let mut x = *h1;
    while let Some(parent) = x.parent().and_then(ElementRef::wrap) {
        if parent.id() == common.id() {
            break;
        }
        out.extend(x.next_siblings().filter_map(ElementRef::wrap));
        x = parent;
    }
    // The path from the common ancestor down to the content.
    let mut down: Vec<ElementRef<'a>> = root_path
        .iter()
        .take_while(|a| a.id() != common.id())
        .copied()
        .collect();
    down.reverse();
    down.push(*root);
    // Between the two branches, then down the content's side.
    out.extend(
        x.next_siblings()
            .filter_map(ElementRef::wrap)
            .take_while(|s| s.id() != down[0].id()),
    );
    for w in down.windows(2) {
        out.extend(
            w[0].children()
                .filter_map(ElementRef::wrap)
                .take_while(|c| c.id() != w[1].id()),
        );
    }
    out.retain(|e| size(e).is_some_and(|(text, links)| text > 0 && links * 2 <= text));
    out
}

/// What follows the content element inside the page's main region: the blocks a CMS
/// prints after the node (Drupal's Views block of "fiches actions", a query loop of
/// WordPress), each a following sibling of the content element or of one of its
/// ancestors below the main region (`main`, `[role=main]`, `#content`, a
/// `region-content`). Only elements of real text count: 200 characters or more, not
/// mostly links (news lists, share bars), not boilerplate (`size` gives `None`). No main
/// region, no lead-out: the page's other blocks are chrome.
pub(super) fn lead_out<'a>(
    root: &ElementRef<'a>,
    size: &dyn Fn(&ElementRef) -> Option<(usize, usize)>,
) -> Vec<ElementRef<'a>> {
    if is_main_region(root) {
        return Vec::new();
    }
    let ancestors: Vec<ElementRef<'a>> = root.ancestors().filter_map(ElementRef::wrap).collect();
    let Some(stop) = ancestors.iter().position(is_main_region) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut x = *root;
    for parent in &ancestors[..=stop] {
        out.extend(x.next_siblings().filter_map(ElementRef::wrap));
        x = *parent;
    }
    out.retain(|e| size(e).is_some_and(|(text, links)| text >= 200 && links * 2 <= text));
    out
}

/// Whether `e` is the page's main region, the element that holds the content and what a
/// CMS prints with it (not the header, sidebars or footer).
fn is_main_region(e: &ElementRef) -> bool {
    let v = e.value();
    v.name() == "main"
        || v.attr("role") == Some("main")
        || v.id().is_some_and(|id| {
            matches!(
                id,
                "content" | "contenu" | "main" | "main-content" | "maincontent"
            )
        })
        || v.classes()
            .any(|c| matches!(c, "region-content" | "region--content"))
}

#[cfg(test)]
mod tests {
    use super::super::extract_html;

    #[test]
    fn sections_between_the_title_and_the_densest_one_are_read() {
        // A page builder's page: a hero, a section of axes, then a grid of cards denser
        // than either; a sub-menu between them is links only.
        let card = "<div class=\"card\"><h3>1. Créer un conseil local de santé mentale</h3><p>Porté par le centre hospitalier de la vallée, avec les communes et les associations du territoire.</p></div>";
        let html = format!(
            r#"<html><body><section class="hero"><h1>Contrat local de santé 2024-2028</h1>
            <p>Signé le 17 juin 2024 par la Communauté d'agglomération du Val.</p></section>
            <div class="submenu"><a href="/a">Accueil santé</a> <a href="/b">Prévention</a> <a href="/c">Les maisons de santé</a></div>
            <section class="axes"><div>Axe 1</div><h2>Santé mentale et lien social</h2></section>
            <section class="cards"><div class="grid">{}</div></section>
            <section class="news"><h2>Actualités</h2><p><a href="/n">Octobre rose</a></p></section>
            </body></html>"#,
            card.repeat(6)
        );
        let d = extract_html(html.as_bytes());
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "Contrat local de santé 2024-2028");
        assert!(
            texts.iter().any(|t| t.starts_with("Signé le 17 juin")),
            "{texts:?}"
        );
        assert!(texts.contains(&"Santé mentale et lien social"));
        assert!(!texts.iter().any(|t| t.contains("Prévention")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Octobre")), "{texts:?}");
    }

    #[test]
    fn a_views_block_after_the_node_is_read_and_the_sidebar_is_not() {
        // Drupal: the node's body, then a Views block of fiches in the same main region,
        // then a news list; the sidebar and the footer stand outside the main region.
        let fiche = "<div class=\"views-row\"><h4>Fiche action n°1 - Ouvrir un point santé</h4><div class=\"field__label\">Porteur</div><div class=\"field__item\">CCAS de la ville, avec le centre social et la maison de santé du quartier</div></div>";
        let html = format!(
            r#"<html><body><main id="content"><h1>Contrat local de santé 2023-2028</h1>
            <div class="block-system-main-block"><article class="node"><div class="field--name-body">
            <p>Signé le 6 février 2023, le contrat local de santé de la commune est le fruit de dix-huit mois de concertation avec les habitants, les professionnels et les associations. Il fait suite au diagnostic local de santé publié en 2021, qui montrait des écarts entre les quartiers.</p></div></article></div>
            <div class="views-element-container"><h2>Les fiches actions</h2>{}</div>
            <div class="views-element-container"><h2>Actualités</h2><ul><li><a href="/a">Octobre rose : une marche solidaire le 8 octobre dans les rues</a></li><li><a href="/b">La maison de santé accueille deux nouvelles infirmières cette année</a></li><li><a href="/c">Campagne de vaccination contre la grippe : les permanences</a></li></ul></div>
            </main><aside><h2>Contact</h2><p>Hôtel de ville, 1 place de la République, ouvert du lundi au vendredi de 8h30 à 12h30 et de 13h30 à 17h30, téléphone 02 40 00 00 00, et bien d'autres renseignements utiles encore.</p></aside></body></html>"#,
            fiche.repeat(3)
        );
        let d = extract_html(html.as_bytes());
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.contains(&"Fiche action n°1 - Ouvrir un point santé"),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("Octobre rose")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("Hôtel de ville")),
            "{texts:?}"
        );
    }
}
