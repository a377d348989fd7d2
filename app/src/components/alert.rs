//! The USWDS alert, written once: tone, slim form, optional heading, and the ARIA role that
//! goes with it.

use leptos::prelude::*;

/// An alert's tone: its colour and icon, and by default its ARIA role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something went wrong (announced: role "alert").
    Error,
    /// Needs attention.
    Warning,
    /// Something was done (announced politely: role "status").
    Success,
    /// For information.
    Info,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Error => "usa-alert--error",
            Tone::Warning => "usa-alert--warning",
            Tone::Success => "usa-alert--success",
            Tone::Info => "usa-alert--info",
        }
    }

    fn default_role(self) -> Option<&'static str> {
        match self {
            Tone::Error => Some("alert"),
            Tone::Success => Some("status"),
            Tone::Warning | Tone::Info => None,
        }
    }
}

/// A USWDS alert. `text` is its one paragraph; `children`, when given, follow it inside
/// the body (lists, links, more paragraphs). `role` overrides the tone's ("alert",
/// "status"); `class` adds classes to the outer element.
#[component]
pub fn Alert(
    tone: Tone,
    #[prop(optional)] slim: bool,
    #[prop(optional, into)] heading: Option<String>,
    #[prop(optional, into)] text: Option<String>,
    #[prop(optional)] role: Option<&'static str>,
    #[prop(optional, into)] class: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let class = format!(
        "usa-alert {}{}{}{}",
        tone.class(),
        if slim { " usa-alert--slim" } else { "" },
        if class.is_empty() { "" } else { " " },
        class
    );
    view! {
        <div class=class role=role.or(tone.default_role())>
            <div class="usa-alert__body">
                {heading.map(|h| view! { <h2 class="usa-alert__heading">{h}</h2> })}
                {text.map(|t| view! { <p class="usa-alert__text">{t}</p> })}
                {children.map(|c| c())}
            </div>
        </div>
    }
}
