//! `/admin/import/:id`: the preview of a saved draft, and the button that commits it.

use crate::api::import::{get_draft_preview, CommitImport};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::loaded::Loaded;
use crate::components::outline::OutlineTree;
use crate::components::submit::SubmitButton;
use crate::model::import::DraftPreview;
use crate::pages::import::ImportForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The draft preview page.
#[component]
pub fn ImportDraftPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let commit = ServerAction::<CommitImport>::new();
    let preview = Resource::new(
        move || (id.get(), commit.version().get()),
        |(id, _)| get_draft_preview(id),
    );
    view! {
        <Title text="Import preview"/>
        <Breadcrumb trail=vec![("Import".into(), "/admin/import".into())] current="Preview".into()/>
        <Loaded data=preview loading="Loading the preview…" render=move |p| view! { <Preview preview=p commit=commit/> }/>
    }
}

#[component]
fn Preview(preview: DraftPreview, commit: ServerAction<CommitImport>) -> impl IntoView {
    let draft = preview.draft;
    let committed = draft.committed_at.is_some();
    let body = draft.body.clone();
    let result = match preview.parsed {
        Err(e) => view! {
            <Alert tone=Tone::Error heading="This text cannot be imported" text=format!("Line {}: {}", e.line, e.message)>
                <p class="usa-alert__text">"Nothing was saved to the plan. Correct the text below and preview again."</p>
            </Alert>
        }
        .into_any(),
        Ok(outline) => {
            let (goals, objectives, strategies) = outline.counts();
            let warnings = outline.warnings.clone();
            let title = outline.title.clone();
            let narrative = outline.narrative.len();
            view! {
                {committed.then(|| view! {
                    <Alert tone=Tone::Success heading="Imported">
                        <p class="usa-alert__text">
                            {format!("Imported {}: {}.", draft.committed_at.clone().unwrap_or_default(), draft.summary.clone().unwrap_or_default())}
                            " " <a href="/">"See the plan"</a>
                        </p>
                    </Alert>
                })}
                <h1>"Preview: " {draft.source_name.clone()}</h1>
                <p class="usa-intro">
                    {format!("{goals} goals, {objectives} objectives, {strategies} strategies, {narrative} narrative sections.")}
                    {title.map(|t| format!(" Title line: “{t}”."))}
                </p>
                {(!warnings.is_empty()).then(|| view! {
                    <Alert tone=Tone::Warning heading=format!("{} warnings", warnings.len())>
                        <ul class="usa-list">
                            {warnings.into_iter().map(|w| view! { <li>{format!("Line {}: {}", w.line, w.message)}</li> }).collect_view()}
                        </ul>
                    </Alert>
                })}
                {(!committed).then(|| view! {
                    <ActionForm action=commit>
                        <input type="hidden" name="draft_id" value=draft.id/>
                        <SubmitButton label="Import into the plan" busy="Importing…"/>
                    </ActionForm>
                    {move || commit.value().get().and_then(|r| r.err()).map(|e| view! {
                        <Alert tone=Tone::Error slim=true text=e.to_string()/>
                    })}
                })}
                <section aria-labelledby="parsed-outline">
                    <h2 id="parsed-outline">"Parsed outline"</h2>
                    <OutlineTree outline=outline/>
                </section>
            }
            .into_any()
        }
    };
    view! {
        {result}
        <h2>"Edit the text and preview again"</h2>
        <ImportForm text=body/>
    }
}
