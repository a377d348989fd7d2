//! The USWDS form group, written once: a control's label, hint and error message, and the
//! error state of the group around them.

use leptos::prelude::*;

/// The class of a form group, marked in error when `error` is true.
pub fn group_class(error: bool) -> &'static str {
    if error {
        "usa-form-group usa-form-group--error"
    } else {
        "usa-form-group"
    }
}

/// The `aria-describedby` of control `id`: its hint and its error, where it has them.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled control with its hint (`{id}-hint`) and error (`{id}-error`); the control
/// itself is the child, described by [`described_by`].
#[component]
pub fn FormGroup(
    /// The control's id, which the label points at.
    #[prop(into)]
    id: String,
    /// The label's text.
    #[prop(into)]
    label: String,
    /// A hint shown under the label (none when empty).
    #[prop(optional, into)]
    hint: Option<String>,
    /// What is wrong with what was typed, if anything.
    #[prop(optional_no_strip)]
    error: Option<String>,
    /// Extra classes on the group.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let class = format!("{} {class}", group_class(error.is_some()))
        .trim_end()
        .to_string();
    view! {
        <div class=class>
            <label class="usa-label" for=id.clone()>{label}</label>
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <span class="usa-hint" id=format!("{id}-hint")>{h}</span> })}
            {error.map(|e| view! { <span class="usa-error-message" id=format!("{id}-error")>{e}</span> })}
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_is_described_by_its_hint_and_error_in_that_order() {
        assert_eq!(described_by("x", false, false), None);
        assert_eq!(described_by("x", true, false).as_deref(), Some("x-hint"));
        assert_eq!(described_by("x", false, true).as_deref(), Some("x-error"));
        assert_eq!(
            described_by("x", true, true).as_deref(),
            Some("x-hint x-error")
        );
        assert_eq!(group_class(true), "usa-form-group usa-form-group--error");
        assert_eq!(group_class(false), "usa-form-group");
    }
}
