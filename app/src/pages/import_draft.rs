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
    let source_name = draft.source_name.clone();
    let plan_exists = preview.plan_exists;
    let changes = preview.changes;
    let (refused, reason) = preview
        .refused
        .map_or((None, String::new()), |(m, r)| (Some(m), r));
    let result = match preview.parsed {
        Err(e) => view! {
            <Alert tone=Tone::Error heading="This text cannot be imported" text=e.located()>
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
                {(!committed && plan_exists).then(|| view! { <ImportChanges changes=changes/> })}
                {refused.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
                {(!committed).then(|| view! {
                    <ActionForm action=commit attr:class="usa-form pt-form-wide">
                        <input type="hidden" name="draft_id" value=draft.id/>
                        {plan_exists.then(|| view! {
                            <label class="usa-label" for="import-reason">"Why the plan should change (the re-import is proposed to the working group and decided at a review)"</label>
                            <textarea class="usa-textarea pt-textarea-short" id="import-reason" name="reason">{reason}</textarea>
                        })}
                        <SubmitButton label=if plan_exists { "Propose this re-import" } else { "Import into the plan" } busy="Saving…"/>
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
        <h1>"Preview: " {source_name}</h1>
        {result}
        <h2>"Edit the text and preview again"</h2>
        <ImportForm text=body/>
    }
}

/// What a re-import would change in the plan there is.
#[component]
fn ImportChanges(changes: Vec<crate::model::revision::DiffRow>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p><strong>"This text changes nothing in the plan as it stands."</strong></p> }.into_any();
    }
    view! {
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption>{format!("What approving this re-import changes in the plan ({} items)", changes.len())}</caption>
            <thead><tr><th scope="col">"Item"</th><th scope="col">"Change"</th><th scope="col">"Now"</th><th scope="col">"After"</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|r| view! {
                    <tr data-key=r.key.clone()>
                        <th scope="row" data-label="Item">{r.label}</th>
                        <td data-label="Change">{r.difference.label()}</td>
                        <td data-label="Now">{r.before.unwrap_or_else(|| "(not in the plan)".into())}</td>
                        <td data-label="After">{r.after.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}
