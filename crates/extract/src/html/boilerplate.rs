//! Which elements of an HTML page are never content: by their tag, their ARIA role, being
//! hidden, or the words of their class and id, read structurally.
//!
//! Class words are the weakest evidence, and page builders spell their content with the
//! same words as a site's chrome: Elementor wraps every heading and text in
//! `elementor-widget-*`, Bootstrap cards end in `card-footer`, WordPress marks the article
//! itself `category-actualites`. So a word counts only where it names the element's role
//! (see `class_marks_boilerplate`), a classification class never counts, and an element
//! that holds most of the page's text is never removed by its class words: a page is not
//! emptied by the words of its theme.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// Tags that are never content. `figure` is not one of them: Gutenberg writes every table
/// as a `<figure class="wp-block-table">`; a figure of media only is skipped by
/// `is_media_figure`.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "form", "iframe", "svg", "button", "select", "input",
    "template", "aside", "object", "embed", "canvas", "map", "dialog",
];

/// Words that mark boilerplate wherever they stand in a class or id: no content element is
/// ever named with them ("eu-cookie-compliance", "mod-breadcrumbs", "jp-relatedposts").
const MARKS_ANYWHERE: &[&str] = &[
    "tarteaucitron",
    "cookie",
    "consent",
    "rgpd",
    "gdpr",
    "breadcrumb",
    "fil-ariane",
    "ariane",
    "sharing",
    "sharedaddy",
    "related",
    "lire-aussi",
    "sidebar",
    "navigation",
    "newsletter",
    "haut-de-page",
    "back-to-top",
    "posted-on",
    "entry-meta",
    "entry-footer",
    "copyright",
    "pagination",
    "comments",
    "fr-header",
    "fr-footer",
    "fr-consent",
    "fr-nav",
    "fr-breadcrumb",
    "fr-share",
    "fr-sidemenu",
    "fr-skiplinks",
    "header-nav",
    "site-header",
    "site-footer",
    "service-links",
    "link-wrapper",
];

/// Words that mark boilerplate as one whole dash- or underscore-separated part of a class
/// ("fr-share", "share-buttons", "formulaire_recherche"), not inside a longer word
/// ("shared").
const MARKS_AS_PART: &[&str] = &[
    "share",
    "partage",
    "social",
    "a-lire",
    "menu",
    "navbar",
    "skip",
    "search",
    "recherche",
    "agenda",
    "actualites",
    "actus",
    "news",
    "adresse",
    "logo",
    "print",
    "imprimer",
    "modal",
    "popup",
    "tags",
];

/// Words that name a region of the page: they mark boilerplate as the whole class, as its
/// first part ("footer-widgets", "colonne-droite") or after a qualifier of the page
/// (`REGION_QUALIFIERS`: "site-footer", "region-footer"), never as the part of a
/// component ("card-footer", "elementor-widget-heading").
const REGION_MARKS: &[&str] = &["footer", "widget", "widgets", "pied", "bandeau", "colonne"];

/// The first parts of a class that place a region in the page rather than in a component.
const REGION_QUALIFIERS: &[&str] = &[
    "site",
    "page",
    "main",
    "global",
    "fr",
    "container",
    "region",
    "location",
    "l",
    "top",
    "bottom",
    "mod",
];

/// Class prefixes of classification rather than role: WordPress's `post_class()` and
/// Drupal's bundle classes say what an article is about ("category-actualites",
/// "tag-sante", "node--type-actus"), never that it is chrome.
const TAXONOMY_PREFIXES: &[&str] = &[
    "category-",
    "tag-",
    "post_tag-",
    "type-",
    "format-",
    "status-",
    "taxonomy-",
    "term-",
    "categorie-",
    "rubrique-",
];

/// Whether the words of an id or class (lower-cased, space-separated) mark boilerplate.
pub(super) fn class_marks_boilerplate(marks: &str) -> bool {
    marks
        .split_whitespace()
        .filter(|tok| !is_taxonomy(tok))
        .any(token_marks_boilerplate)
}

fn is_taxonomy(tok: &str) -> bool {
    TAXONOMY_PREFIXES.iter().any(|p| tok.starts_with(p)) || tok.contains("--type-")
}

fn token_marks_boilerplate(tok: &str) -> bool {
    if MARKS_ANYWHERE.iter().any(|m| tok.contains(m)) {
        return true;
    }
    let mut parts = tok.split(['-', '_']).filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    if REGION_MARKS.contains(&first)
        || (REGION_QUALIFIERS.contains(&first) && second.is_some_and(|s| REGION_MARKS.contains(&s)))
    {
        return true;
    }
    MARKS_AS_PART.iter().any(|m| {
        tok == *m
            || (m.contains('-') && tok.contains(m))
            || tok.split(['-', '_']).any(|part| part == *m)
    })
}

/// The ARIA roles of the page's chrome.
fn role_is_chrome(role: &str) -> bool {
    matches!(
        role,
        "navigation"
            | "banner"
            | "contentinfo"
            | "search"
            | "complementary"
            | "dialog"
            | "alertdialog"
    )
}

/// Decides which elements are boilerplate. Built once per page: it knows which elements
/// hold most of the page's text (`protected`), which class words never remove.
pub(super) struct Pruner {
    protected: HashSet<NodeId>,
    /// Whether class and id words count at all: not on the second reading of a page that
    /// they emptied.
    by_class: bool,
    /// Elements read at another place of the page (tab buttons, read above their panel).
    elsewhere: HashSet<NodeId>,
}

impl Pruner {
    /// The pruner of page `doc`: the elements holding at least half of the text that tags
    /// and roles leave are protected from class words.
    pub(super) fn new(doc: &Html, by_class: bool) -> Pruner {
        let mut sizes = Vec::new();
        let root = doc.root_element();
        let total = structural_text(&root, &mut sizes);
        let protected = sizes
            .into_iter()
            .filter(|(_, n)| *n * 2 >= total && total > 0)
            .map(|(id, _)| id)
            .collect();
        Pruner {
            protected,
            by_class,
            elsewhere: HashSet::new(),
        }
    }

    /// The same pruner, which also skips `ids`: elements read at another place.
    pub(super) fn reading_elsewhere(mut self, ids: impl IntoIterator<Item = NodeId>) -> Pruner {
        self.elsewhere.extend(ids);
        self
    }

    /// Whether element `e` and everything in it are boilerplate.
    pub(super) fn is_boilerplate(&self, e: &ElementRef) -> bool {
        if self.elsewhere.contains(&e.id()) || is_structural_boilerplate(e) {
            return true;
        }
        let v = e.value();
        // The page's main element is content whatever its id says ("wp--skip-link--target"
        // is the anchor of the skip link, not the link).
        if !self.by_class
            || v.name() == "main"
            || v.attr("role") == Some("main")
            || self.protected.contains(&e.id())
        {
            return false;
        }
        let marks = format!(
            "{} {}",
            v.attr("id").unwrap_or(""),
            v.attr("class").unwrap_or("")
        )
        .to_ascii_lowercase();
        class_marks_boilerplate(&marks) && !is_card_badge(e)
    }
}

/// Class parts of a card, a tile or a teaser: a component that presents one item.
const CARD_PARTS: &[&str] = &["card", "tile", "teaser", "vignette", "carte"];

/// Whether `e` is a group of tags or badges inside a card ("fr-tags-group" in an
/// `fr-card`): the card's own labels ("Action 3", "Axe 2"), not the site's taxonomy.
fn is_card_badge(e: &ElementRef) -> bool {
    let parts = |el: &ElementRef| -> Vec<String> {
        el.value()
            .attr("class")
            .unwrap_or("")
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let tagged = parts(e)
        .iter()
        .any(|p| matches!(p.as_str(), "tag" | "tags" | "badge" | "badges"));
    tagged
        && e.ancestors()
            .filter_map(ElementRef::wrap)
            .take(8)
            .any(|a| parts(&a).iter().any(|p| CARD_PARTS.contains(&p.as_str())))
}

/// Boilerplate by tag, role or being hidden, whatever the classes say.
fn is_structural_boilerplate(e: &ElementRef) -> bool {
    let v = e.value();
    let name = v.name();
    if SKIP_TAGS.contains(&name) && !(name == "button" && super::is_toggle(e)) {
        return true;
    }
    // A header or footer of the site is chrome; one inside the content (an article's,
    // a card's) is part of it.
    if (name == "header" && !inside(e, &["main", "article"]))
        || (name == "footer" && !inside(e, &["article"]))
    {
        return true;
    }
    if name == "figure" && is_media_figure(e) {
        return true;
    }
    if v.attr("role").is_some_and(role_is_chrome) {
        return true;
    }
    (v.attr("aria-hidden") == Some("true") || v.attr("hidden").is_some()) && !super::is_panel(e)
}

fn inside(e: &ElementRef, tags: &[&str]) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| tags.contains(&a.value().name()))
}

/// A figure of media only (an image, a video, a document icon and their caption): no
/// table, list, quotation or paragraph in it.
fn is_media_figure(e: &ElementRef) -> bool {
    !e.descendants().filter_map(ElementRef::wrap).any(|d| {
        matches!(
            d.value().name(),
            "table" | "ul" | "ol" | "dl" | "blockquote" | "p" | "pre"
        )
    })
}

/// The length of the text that tags, roles and hiding leave in `e`, recorded for every
/// element (bottom-up, linear).
fn structural_text(e: &ElementRef, sizes: &mut Vec<(NodeId, usize)>) -> usize {
    let mut n = 0;
    for child in e.children() {
        match child.value() {
            Node::Text(t) => n += t.trim().len(),
            Node::Element(_) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if !is_structural_boilerplate(&ce) {
                        n += structural_text(&ce, sizes);
                    }
                }
            }
            _ => {}
        }
    }
    sizes.push((e.id(), n));
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elementor_widget_classes_are_content_and_sidebar_widgets_are_not() {
        assert!(!class_marks_boilerplate(
            "elementor-element elementor-widget elementor-widget-accordion"
        ));
        assert!(!class_marks_boilerplate("elementor-widget-container"));
        assert!(class_marks_boilerplate("widget widget_recent_entries"));
        assert!(class_marks_boilerplate("widget-area"));
    }

    #[test]
    fn a_wordpress_category_on_the_article_is_not_a_news_block() {
        assert!(!class_marks_boilerplate(
            "post-3310 post type-post status-publish category-actualites category-sante"
        ));
        assert!(!class_marks_boilerplate("node node--type-actus"));
        assert!(class_marks_boilerplate("view view-actualites"));
        assert!(class_marks_boilerplate("latest-news"));
    }

    #[test]
    fn a_card_footer_is_content_and_a_site_footer_is_not() {
        assert!(!class_marks_boilerplate("card-footer bg-white"));
        for c in [
            "footer",
            "site-footer",
            "fr-footer__bottom",
            "region-footer",
            "container-footer",
            "footer-widgets",
        ] {
            assert!(class_marks_boilerplate(c), "{c}");
        }
    }

    #[test]
    fn share_counts_as_a_whole_part_only() {
        assert!(class_marks_boilerplate("fr-share"));
        assert!(class_marks_boilerplate("share-buttons"));
        assert!(!class_marks_boilerplate("shared-services"));
        assert!(class_marks_boilerplate("formulaire_recherche"));
    }

    #[test]
    fn the_element_holding_most_of_the_text_keeps_its_class_words() {
        let page = r#"<html><body><div class="sidebar-layout"><p>Le contrat local de santé est signé pour cinq ans par la commune et l'agence régionale de santé, avec de nombreux partenaires.</p></div><div class="sidebar">Agenda</div></body></html>"#;
        let doc = Html::parse_document(page);
        let pruner = Pruner::new(&doc, true);
        let sel = scraper::Selector::parse("div").expect("selector");
        let divs: Vec<ElementRef> = doc.select(&sel).collect();
        assert!(!pruner.is_boilerplate(&divs[0]));
        assert!(pruner.is_boilerplate(&divs[1]));
    }
}
