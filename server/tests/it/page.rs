//! A page as a person sees it: the HTML parsed, with the contents of `<script>`, `<style>`
//! and `<template>` dropped (Leptos serialises every resource into the page, so a plain
//! `body.contains(..)` can be satisfied by data the component never renders).

use scraper::{ElementRef, Html, Node, Selector};

/// A parsed page.
pub struct Page {
    doc: Html,
    text: String,
}

/// Elements whose text a person never sees.
const HIDDEN: [&str; 4] = ["script", "style", "template", "noscript"];

impl Page {
    /// Parses `html`.
    pub fn parse(html: &str) -> Page {
        let doc = Html::parse_document(html);
        let mut text = String::new();
        for node in doc.tree.root().descendants() {
            if let Node::Text(t) = node.value() {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| HIDDEN.contains(&e.name()))
                });
                if !hidden {
                    text.push_str(t);
                }
            }
        }
        Page {
            doc,
            text: squeeze(&text),
        }
    }

    /// Whether the visible text contains `wanted` (white space squeezed on both sides).
    pub fn has_text(&self, wanted: &str) -> bool {
        self.text.contains(&squeeze(wanted))
    }

    /// The visible text, white space squeezed (for failure messages).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether an element matches the CSS selector, e.g. `a[href="/objectives/4.4"]`.
    pub fn has(&self, css: &str) -> bool {
        self.count(css) > 0
    }

    /// How many elements match the CSS selector.
    pub fn count(&self, css: &str) -> usize {
        self.doc.select(&selector(css)).count()
    }

    /// The visible text of the first element matching `css` (empty when none does).
    pub fn text_of(&self, css: &str) -> String {
        self.doc
            .select(&selector(css))
            .next()
            .map(|e| visible_text(e))
            .unwrap_or_default()
    }

    /// Attribute `attr` of the first element matching `css`.
    pub fn attr_of(&self, css: &str, attr: &str) -> Option<String> {
        self.doc
            .select(&selector(css))
            .next()
            .and_then(|e| e.value().attr(attr).map(str::to_string))
    }

    /// Attribute `attr` of every element matching `css`, in order.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.doc
            .select(&selector(css))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// The `action` of the first form whose action starts with `prefix`.
    pub fn form_action(&self, prefix: &str) -> Option<String> {
        self.doc
            .select(&selector(&format!("form[action^=\"{prefix}\"]")))
            .next()
            .and_then(|f| f.value().attr("action").map(str::to_string))
    }

    /// The value a form control named `name` shows: an input's `value`, a textarea's text,
    /// a select's selected option.
    pub fn value_of(&self, name: &str) -> Option<String> {
        let e = self
            .doc
            .select(&selector(&format!("[name=\"{name}\"]")))
            .next()?;
        match e.value().name() {
            "textarea" => Some(e.text().collect()),
            "select" => e
                .select(&selector("option[selected]"))
                .next()
                .and_then(|o| o.value().attr("value").map(str::to_string)),
            _ => e.value().attr("value").map(str::to_string),
        }
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

fn visible_text(e: ElementRef<'_>) -> String {
    squeeze(&e.text().collect::<String>())
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn text_in_scripts_does_not_count_and_entities_are_read() {
    let page = Page::parse(
        r#"<html><body><p>On <b>track</b> &amp; fine</p><input name="n" value="twelve">
        <script>{"status":"Off track"}</script><textarea name="t">typed</textarea></body></html>"#,
    );
    assert!(page.has_text("On track & fine"));
    assert!(!page.has_text("Off track"));
    assert_eq!(page.value_of("n").as_deref(), Some("twelve"));
    assert_eq!(page.value_of("t").as_deref(), Some("typed"));
    assert!(page.has("input[value=\"twelve\"]"));
}
