//! Tabs: a list of tab buttons and, elsewhere in the page, the panels they show. Read in
//! document order, the buttons form a list of titles far from what they title; a reader
//! sees each title above its panel. So each tab's title is written as a heading at the
//! start of its panel, and the button itself is not read.
//!
//! A tab names its panel by `aria-controls`, by a link to the panel's id (`href="#axe-1"`,
//! jQuery UI, Bootstrap) or by `data-bs-target`; a panel names its tab by
//! `aria-labelledby` (the State design system writes both).

use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use std::collections::{HashMap, HashSet};

/// The tabs of a page: the title of each panel, and the buttons that are read at their
/// panel instead of where they stand.
#[derive(Default)]
pub(super) struct Tabs {
    titles: HashMap<NodeId, String>,
    buttons: HashSet<NodeId>,
}

impl Tabs {
    /// Finds the page's tabs and their panels.
    pub(super) fn of(doc: &Html) -> Tabs {
        let mut by_id: HashMap<&str, ElementRef> = HashMap::new();
        let mut tabs = Vec::new();
        let mut labelled = Vec::new();
        for e in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            if let Some(id) = e.value().attr("id") {
                by_id.entry(id).or_insert(e);
            }
            if is_tab(&e) {
                tabs.push(e);
            } else if e.value().attr("aria-labelledby").is_some() {
                labelled.push(e);
            }
        }
        let mut out = Tabs::default();
        for tab in &tabs {
            let title = super::clean(&tab.text().collect::<String>());
            if title.is_empty() {
                continue;
            }
            let panel = target(tab)
                .and_then(|id| by_id.get(id))
                .filter(|p| p.id() != tab.id() && !p.ancestors().any(|a| a.id() == tab.id()));
            if let Some(panel) = panel {
                out.titles
                    .entry(panel.id())
                    .or_insert_with(|| title.clone());
                out.buttons.insert(tab.id());
            }
        }
        // Panels that name their tab, for tabs that do not name their panel.
        for e in &labelled {
            let Some(tab) = e
                .value()
                .attr("aria-labelledby")
                .and_then(|id| by_id.get(id.trim()))
                .filter(|t| is_tab(t))
            else {
                continue;
            };
            let title = super::clean(&tab.text().collect::<String>());
            if !title.is_empty() && !out.titles.contains_key(&e.id()) {
                out.titles.insert(e.id(), title);
                out.buttons.insert(tab.id());
            }
        }
        out.pair_by_order(&tabs_lists(doc));
        out
    }

    /// Tab lists whose items name no panel (Divi writes `ul.et_pb_tabs_controls` then a
    /// container of as many panels, matched by position): the k-th item titles the k-th
    /// panel of the first element after the list (among the next three) that has as many
    /// children.
    fn pair_by_order(&mut self, lists: &[ElementRef]) {
        for list in lists {
            let items: Vec<ElementRef> = list.children().filter_map(ElementRef::wrap).collect();
            if items.len() < 2 || items.iter().any(|i| self.buttons.contains(&i.id())) {
                continue;
            }
            let titles: Vec<String> = items
                .iter()
                .map(|i| super::clean(&i.text().collect::<String>()))
                .collect();
            if titles.iter().any(|t| t.is_empty() || t.len() > 200) {
                continue;
            }
            // The panels follow the list closely; looking further would make a page of many
            // lists quadratic.
            let Some(panels) = list
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .take(3)
                .find(|s| s.children().filter_map(ElementRef::wrap).count() == items.len())
            else {
                continue;
            };
            let panels = panels.children().filter_map(ElementRef::wrap);
            for ((item, title), panel) in items.iter().zip(titles).zip(panels) {
                self.titles.entry(panel.id()).or_insert(title);
                self.buttons.insert(item.id());
            }
        }
    }

    /// The tab buttons whose titles are read at their panels.
    pub(super) fn buttons(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.buttons.iter().copied()
    }

    /// The title of panel `e`, unless the panel starts with that title itself (a heading
    /// repeating its tab).
    pub(super) fn title_of(&self, e: &ElementRef) -> Option<&str> {
        let title = self.titles.get(&e.id())?;
        let first = e
            .text()
            .map(str::trim)
            .find(|t| !t.is_empty())
            .unwrap_or("");
        let (ft, ff) = (folded(title), folded(first));
        let repeated = !ff.is_empty() && (ff.starts_with(&ft) || ft.starts_with(&ff));
        (!repeated).then_some(title.as_str())
    }
}

/// The lists of tab titles that are not marked with ARIA: a list whose class names a list
/// of tabs (`et_pb_tabs_controls`, `nav-tabs`, `tabs__list`; not a tab's content,
/// `elementor-tab-content`), not an element already playing a tab list.
fn tabs_lists(doc: &Html) -> Vec<ElementRef<'_>> {
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| {
            let v = e.value();
            matches!(v.name(), "ul" | "ol" | "div")
                && v.attr("role") != Some("tablist")
                && v.attr("class").is_some_and(|c| {
                    c.split_whitespace().any(|tok| {
                        let tok = tok.to_ascii_lowercase();
                        let parts: Vec<&str> = tok.split(['-', '_']).collect();
                        let tabs = parts
                            .iter()
                            .any(|p| matches!(*p, "tabs" | "tab" | "tablist" | "onglets"));
                        let list = parts.iter().any(|p| {
                            matches!(
                                *p,
                                "controls" | "nav" | "list" | "titles" | "menu" | "buttons"
                            )
                        });
                        tok == "onglets" || (tabs && list)
                    })
                })
        })
        .collect()
}

/// A tab button: `role="tab"`, or Bootstrap's `data-bs-toggle="tab"` / `"pill"`.
fn is_tab(e: &ElementRef) -> bool {
    let v = e.value();
    v.attr("role") == Some("tab")
        || matches!(
            v.attr("data-bs-toggle").or(v.attr("data-toggle")),
            Some("tab" | "pill")
        )
}

/// The id of the panel a tab shows.
fn target<'a>(tab: &ElementRef<'a>) -> Option<&'a str> {
    let v = tab.value();
    let anchor = |s: &'a str| s.trim().strip_prefix('#').filter(|x| !x.is_empty());
    v.attr("aria-controls")
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .or_else(|| v.attr("data-bs-target").and_then(anchor))
        .or_else(|| v.attr("data-target").and_then(anchor))
        .or_else(|| v.attr("href").and_then(anchor))
        .or_else(|| {
            // jQuery UI marks the `<li>` as the tab and puts the link inside it.
            tab.descendants()
                .filter_map(ElementRef::wrap)
                .find_map(|d| d.value().attr("href").and_then(anchor))
        })
}

fn folded(t: &str) -> String {
    super::folded(t)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{extract_html, HtmlKind};

    fn texts(html: &str) -> Vec<(HtmlKind, String)> {
        extract_html(html.as_bytes())
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    const FILLER: &str = "<p>Un paragraphe assez long pour que le contenu de cette page soit bien choisi comme le contenu principal de la page.</p>";

    #[test]
    fn each_tab_title_is_read_above_its_panel_not_in_the_tab_list() {
        let html = format!(
            r##"<html><body><main>{FILLER}<ul role="tablist">
            <li><button role="tab" id="t1" aria-controls="p1">Axe 1 – Soins</button></li>
            <li><button role="tab" id="t2" aria-controls="p2">Axe 2 – Prévention</button></li></ul>
            <div id="p1" role="tabpanel"><p>Action 1 – Créer un centre</p></div>
            <div id="p2" role="tabpanel" aria-labelledby="t2"><p>Action 2 – Dépister</p></div>
            </main></body></html>"##
        );
        let t = texts(&html);
        let at = |s: &str| t.iter().position(|(_, x)| x == s);
        assert_eq!(
            t.iter().filter(|(_, x)| x.starts_with("Axe 1")).count(),
            1,
            "{t:?}"
        );
        assert!(at("Axe 1 – Soins") < at("Action 1 – Créer un centre"));
        assert!(at("Action 1 – Créer un centre") < at("Axe 2 – Prévention"));
        assert!(at("Axe 2 – Prévention") < at("Action 2 – Dépister"));
        assert!(matches!(
            t[at("Axe 2 – Prévention").unwrap_or(0)].0,
            HtmlKind::Heading(_)
        ));
    }

    #[test]
    fn tabs_by_link_and_panels_that_name_their_tab() {
        // jQuery UI: the link inside the tab points to the panel; Bootstrap's panel names
        // its tab only by aria-labelledby.
        let html = format!(
            r##"<html><body><div class="content">{FILLER}
            <ul class="ui-tabs-nav"><li role="tab"><a href="#axe-1">Axe 1 – Soins</a></li></ul>
            <a id="t2" data-bs-toggle="tab">Axe 2 – Prévention</a>
            <div id="axe-1"><p>Action 1 – Créer un centre</p></div>
            <div class="tab-pane" aria-labelledby="t2"><p>Action 2 – Dépister</p></div>
            </div></body></html>"##
        );
        let t = texts(&html);
        let at = |s: &str| t.iter().position(|(_, x)| x == s);
        assert!(
            at("Axe 1 – Soins") < at("Action 1 – Créer un centre"),
            "{t:?}"
        );
        assert!(at("Action 1 – Créer un centre") < at("Axe 2 – Prévention"));
        assert!(at("Axe 2 – Prévention") < at("Action 2 – Dépister"));
    }

    #[test]
    fn a_panel_that_starts_with_its_own_title_is_not_titled_twice() {
        let html = format!(
            r##"<html><body><main>{FILLER}
            <button role="tab" aria-controls="p1">Axe 1 – Soins</button>
            <div id="p1" role="tabpanel"><h3>Axe 1 – Soins</h3><p>Action 1 – Créer un centre</p></div>
            </main></body></html>"##
        );
        let t = texts(&html);
        assert_eq!(
            t.iter().filter(|(_, x)| x == "Axe 1 – Soins").count(),
            1,
            "{t:?}"
        );
    }

    #[test]
    fn tab_titles_without_targets_title_the_panels_in_order() {
        // Divi: a list of titles with `href="#"`, then a container of as many panels.
        let html = format!(
            r##"<html><body><main>{FILLER}<div class="et_pb_tabs">
            <ul class="et_pb_tabs_controls"><li><a href="#">Orientation 1 – Soins</a></li><li><a href="#">Orientation 2 – Prévention</a></li></ul>
            <div class="et_pb_all_tabs"><div class="et_pb_tab"><p>Action 1 – Créer un centre</p></div><div class="et_pb_tab"><p>Action 2 – Dépister</p></div></div>
            </div></main></body></html>"##
        );
        let t = texts(&html);
        let at = |s: &str| t.iter().position(|(_, x)| x == s);
        assert_eq!(
            t.iter()
                .filter(|(_, x)| x.starts_with("Orientation 1"))
                .count(),
            1,
            "{t:?}"
        );
        assert!(
            at("Orientation 1 – Soins") < at("Action 1 – Créer un centre"),
            "{t:?}"
        );
        assert!(at("Action 1 – Créer un centre") < at("Orientation 2 – Prévention"));
    }
}
