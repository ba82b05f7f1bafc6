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
}
