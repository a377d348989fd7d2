//! `/strategies/:number`: one strategy with its objective and goal.

use crate::api::plan::{get_strategy, SetStrategyOwners};
use crate::api::status::{get_status_history, ReviewStatus};
use crate::components::alert::{Alert, Tone};
use crate::components::error::number_param;
use crate::components::frame::{sibling_nav, ItemFrame};
use crate::components::loaded::Loaded;
use crate::components::outline::RetiredNotice;
use crate::components::review_form::ReviewForm;
use crate::components::status::StatusTag;
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use crate::model::plan::{
    goal_label, objective_label, owner_text, strategy_label, OwnersForm, StrategyDetail,
};
use crate::model::status::StatusUpdate;
use crate::pages::status_form::Narrative;
use leptos::prelude::*;

/// The strategy page.
#[component]
pub fn StrategyPage() -> impl IntoView {
    let number = number_param();
    // A review refreshes the page's data too: a refused one comes back in it.
    let review = ServerAction::<ReviewStatus>::new();
    let detail = Resource::new(
        move || (number.get(), review.version().get()),
        |(n, _)| get_strategy(n),
    );
    view! {
        <Loaded data=detail loading="Loading…" render=move |d| view! { <StrategyView detail=d review=review/> }/>
    }
}

#[component]
fn StrategyView(detail: StrategyDetail, review: ServerAction<ReviewStatus>) -> impl IntoView {
    let s = detail.strategy;
    let label = strategy_label(&s.number);
    let nav = sibling_nav(
        &detail.siblings,
        &s.number,
        |x| &x.number,
        |x| strategy_label(&x.number),
        |x| format!("/strategies/{}", x.number),
    );
    let goal = detail.goal;
    let objective = detail.objective_number;
    let trail = vec![
        ("Plan".into(), "/".into()),
        (
            format!("Goal {}", goal.number),
            format!("/goals/{}", goal.number),
        ),
        (
            objective_label(&objective),
            format!("/objectives/{objective}"),
        ),
    ];
    view! {
        <ItemFrame
            title=label.clone()
            trail=trail
            crumb=label.clone()
            nav_label=format!("Strategies of objective {objective}")
            nav=nav
        >
                <p class="pt-kicker">
                    {goal_label(&goal.number, goal.name.as_deref())} " › "
                    {objective_label(&objective)}
                    {detail.objective_title.map(|t| format!(": {t}"))}
                </p>
                <h1>{label}</h1>
                <RetiredNotice revision=s.retired_in/>
                <p class="usa-intro">{s.text}</p>
                <dl class="pt-facts">
                    <dt>"Owner"</dt>
                    <dd>{owner_text(s.owner_office.as_deref(), &s.owners)}</dd>
                </dl>
                {detail.can_record.then(|| {
                    let number = s.number.clone();
                    view! {
                        <p class="pt-record-links">
                            {detail.record_quarters.iter().enumerate().map(|(i, q)| {
                                let class = if i == 0 { "usa-button" } else { "usa-button usa-button--outline" };
                                view! {
                                    <a class=class href=format!("/strategies/{number}/status?quarter={}", q.slug())>
                                        {format!("Record status for {q}")}
                                    </a>
                                }
                            }).collect_view()}
                        </p>
                    }
                })}
                <p><a href=format!("/business-plan/strategies/{}", crate::model::redirect::enc(&s.number))>"Five-year business plan"</a></p>
                {detail.owners_form.is_some().then(|| view! {
                    <p><a href=format!("/plan/proposals/new?kind=text&item={}", s.number)>"Propose a change to this strategy"</a></p>
                })}
                {detail.owners_form.map(|form| view! { <OwnersSection number=s.number.clone() form=form/> })}
                <crate::components::measure::MeasureList number=s.number.clone()/>
                <History number=s.number.clone() review=review returned=detail.review_returned/>
                <crate::components::evidence::EvidenceSection kind="strategy" item=s.number.clone()
                    list=detail.evidence what="status update"/>
                {detail.discussion.map(|d| view! { <crate::components::discussion::DiscussionView d=d/> })}
        </ItemFrame>
    }
}

/// The office and owners of a strategy, editable by the working group and
/// administrators; owners are the people who may record its status.
#[component]
fn OwnersSection(number: String, form: OwnersForm) -> impl IntoView {
    let action = ServerAction::<SetStrategyOwners>::new();
    let error = form.error.clone();
    view! {
        <section aria-labelledby="owners-heading">
            <h2 id="owners-heading">"Owners"</h2>
            {error.map(|e| view! {
                <Alert tone=Tone::Error slim=true text=e/>
            })}
            <ActionForm action=action attr:class="usa-form pt-owners-form">
                <input type="hidden" name="number" value=number.clone()/>
                <input type="hidden" name="seen" value=form.seen.clone()/>
                <label class="usa-label" for="owner-office">"Office"</label>
                <span class="usa-hint" id="owner-office-hint">"The office responsible, e.g. Court Services. Leave empty if none."</span>
                <input class="usa-input" id="owner-office" name="office" maxlength="120"
                    aria-describedby="owner-office-hint" value=form.office.clone()/>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"People who own it (they may record its status)"</legend>
                    {if form.choices.is_empty() {
                        view! { <p class="usa-hint">"No one can own a strategy yet: add managers on the Users page."</p> }.into_any()
                    } else {
                        form.choices.into_iter().map(|(id, label, chosen)| {
                            let field = format!("owner-{id}");
                            view! {
                                <div class="usa-checkbox">
                                    <input class="usa-checkbox__input" type="checkbox" id=field.clone()
                                        name="owners[]" value=id.to_string() checked=chosen/>
                                    <label class="usa-checkbox__label" for=field>{label}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <SubmitButton label="Save owners" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
    }
}

/// The strategy's status across quarters, newest first; corrections say what they
/// correct, drafts say they are not counted, and each submitted version shows who
/// approved or returned it (the working group reviews it here).
#[component]
fn History(
    number: String,
    review: ServerAction<ReviewStatus>,
    returned: Option<Returned>,
) -> impl IntoView {
    let history = Resource::new(
        move || (number.clone(), review.version().get()),
        |(n, _)| get_status_history(n),
    );
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Status history"</h2>
            <Suspense fallback=|| view! { <p>"Loading the history…"</p> }>
                {move || {
                    let returned = returned.clone();
                    Suspend::new(async move {
                    match history.await {
                        Ok(h) if h.updates.is_empty() => view! { <p>"No status has been recorded yet."</p> }.into_any(),
                        Ok(h) => {
                            let approval = h.approval;
                            view! {
                                <ol class="usa-list usa-list--unstyled pt-timeline">
                                    {h.updates.into_iter().map(|u| view! {
                                        <HistoryEntry update=u approval=approval review=review returned=returned.clone()/>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="usa-error-message">{e.to_string()}</p> }.into_any(),
                    }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn HistoryEntry(
    update: StatusUpdate,
    approval: bool,
    review: ServerAction<ReviewStatus>,
    returned: Option<Returned>,
) -> impl IntoView {
    let corrects = update
        .corrects_id
        .map(|_| format!(" · correction (version {})", update.version));
    let state = if update.draft {
        Some((
            "draft",
            Mark::Draft.with("Draft, not counted until submitted"),
        ))
    } else {
        match &update.review {
            Some(r) if r.approved => Some((
                "approved",
                Mark::Done.with(&format!("Approved by {} on {}", r.by, r.when)),
            )),
            Some(r) => Some((
                "returned",
                format!(
                    "{} Returned by {} on {}: \u{201c}{}\u{201d}",
                    Mark::Returned.glyph(),
                    r.by,
                    r.when,
                    r.comment
                ),
            )),
            None if approval => Some(("submitted", "➜ Submitted, awaiting approval".to_string())),
            None => None,
        }
    };
    let form = update.reviewable.then(|| {
        let typed = returned.filter(|r| {
            r.value("quarter") == update.quarter.slug()
                && r.value("version") == update.version.to_string()
        });
        view! { <ReviewForm update=update.clone() action=review returned=typed back=String::new()/> }
    });
    view! {
        <li class="pt-timeline__entry">
            <h3 class="pt-timeline__when">{update.quarter.to_string()}</h3>
            <p>
                <StatusTag status=Some(update.status)/>
                {format!(", {}% complete · {} by {} on {}", update.percent, if update.draft { "saved" } else { "submitted" }, update.author, update.recorded)}
                {corrects}
            </p>
            {state.map(|(class, text)| view! { <p class=format!("pt-review pt-review--{class}")>{text}</p> })}
            {(!update.draft).then(|| {
                let page = crate::model::comment::Subject::StatusUpdate(update.strategy.clone(), update.quarter.year, update.quarter.quarter, update.version).page();
                view! { <p><a class="usa-link" href=page>{format!("Discuss the {} update (version {})", update.quarter, update.version)}</a></p> }
            })}
            <Narrative update=update/>
            {form}
        </li>
    }
}
