//! `/app/:fy`: the Annual Performance Plan of a fiscal year — every measure's annual
//! target, actual and state, five prior years of actuals, and the APP's lifecycle.

use crate::api::plan_year::{get_app, ChangeAppState};
use crate::components::alert::{Alert, Tone};
use crate::components::loaded::route_data;
use crate::components::loaded::Loaded;
use crate::components::measure::MeasureRowHeader;
use crate::components::measure::{goal_shown, GoalFilter, TargetTag};
use crate::components::outlook::{BandTag, ForecastText, LikelihoodTag, PaceTag};
use crate::model::glossary::tally;
use crate::model::measure::TargetState;
use crate::model::plan_year::AppRow;
use crate::model::plan_year::{AppPage, AppStage, AppStep};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The most measures the page lists unfolded (more fold by objective).
const ROWS_UNFOLDED: usize = 40;

/// Rows grouped by objective in the order they come (`None`: attached to the goal).
fn by_objective(rows: Vec<AppRow>) -> Vec<(Option<String>, Vec<AppRow>)> {
    let mut parts: Vec<(Option<String>, Vec<AppRow>)> = Vec::new();
    for r in rows {
        let o = r.measure.objective.clone();
        match parts.iter_mut().find(|(k, _)| *k == o) {
            Some((_, rows)) => rows.push(r),
            None => parts.push((o, vec![r])),
        }
    }
    parts
}

/// "Objective 4.1", or the goal's own measures.
fn part_label(objective: &Option<String>) -> String {
    match objective {
        Some(o) => crate::model::plan::objective_label(o),
        None => "Measures of the goal itself".to_string(),
    }
}

/// An anchor-safe name for a folded part.
fn part_slug(goal: &str, objective: &Option<String>) -> String {
    match objective {
        Some(o) => o.replace('.', "-"),
        None => format!("{goal}-goal"),
    }
}

/// One table of measures with their targets, actuals, states and five prior years.
#[component]
fn AppTable(fy: i32, rows: Vec<AppRow>, caption: String) -> impl IntoView {
    view! {
        <table class="usa-table usa-table--stacked pt-table-wide pt-app-table">
            <caption class="usa-sr-only">{caption}</caption>
            <thead><tr>
                <th scope="col">"Measure"</th>
                <th scope="col">{format!("FY{fy} target")}</th>
                <th scope="col">{format!("FY{fy} actual")}</th>
                <th scope="col">"State"</th>
                <th scope="col">"Band"</th>
                <th scope="col">"Pace"</th>
                <th scope="col">"Forecast"</th>
                <th scope="col">"Likelihood"</th>
                {(fy - 5..fy).map(|y| view! { <th scope="col" class="pt-num pt-hide-narrow">{format!("FY{y}")}</th> }).collect_view()}
                <th scope="col" class="pt-narrow-cell">"Earlier years"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-measure=r.measure.id>
                        <MeasureRowHeader id=r.measure.id name=r.measure.name.clone() context=format!(" · {}", r.measure.attached_label)/>
                        <td data-label="Target">{r.target_shown.clone()}</td>
                        <td data-label="Actual">{r.actual_shown.clone()}</td>
                        <td data-label="State">
                            <TargetTag state=r.state/>
                            {r.needs_explanation.then(|| view! {
                                " " <a href=format!("/measures/{}#fy{fy}", r.measure.id)>"Explanation needed"</a>
                            })}
                        </td>
                        <td data-label="Band"><BandTag standing=r.standing.clone()/></td>
                        <td data-label="Pace"><PaceTag standing=r.standing.clone() measure=r.measure.clone()/></td>
                        <td data-label="Forecast"><ForecastText standing=r.standing.clone() measure=r.measure.clone()/></td>
                        <td data-label="Likelihood"><LikelihoodTag standing=r.standing.clone()/></td>
                        {r.prior.iter().map(|(y, v)| view! { <td data-label=format!("FY{y}") class="pt-num pt-hide-narrow">{v.clone()}</td> }).collect_view()}
                        <td data-label="Earlier years" class="pt-narrow-cell">
                            {r.prior.iter().map(|(y, v)| format!("FY{y} {v}")).collect::<Vec<_>>().join(" · ")}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The APP page.
#[component]
pub fn AnnualPlanPage() -> impl IntoView {
    let step = ServerAction::<ChangeAppState>::new();
    let data = route_data("fy", move || step.version().get(), get_app);
    view! {
        <Loaded data=data loading="Loading the APP…" render=move |p| view! { <AnnualPlan page=p step=step/> }/>
    }
}

/// The steps an APP in `state` can take next.
fn next_steps(state: AppStage) -> Vec<AppStep> {
    [
        AppStep::Approve,
        AppStep::StartRevision,
        AppStep::PublishRevision,
    ]
    .into_iter()
    .filter(|s| state.after(*s).is_ok())
    .collect()
}

#[component]
fn AnnualPlan(page: AppPage, step: ServerAction<ChangeAppState>) -> impl IntoView {
    let fy = page.fiscal_year;
    let title = format!("Annual Performance Plan, FY{fy}");
    let query = use_query_map();
    let goal = goal_shown(
        query.read_untracked().get("goal"),
        &page.goals,
        page.rows.len(),
    );
    let error = move || {
        step.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
    };
    let revision = match page.revision {
        0 => String::new(),
        n => format!(" · revision {n}"),
    };
    let groups: Vec<_> = page
        .goals
        .iter()
        .filter(|(g, _)| goal.is_empty() || *g == goal)
        .map(|(g, name)| {
            let rows: Vec<_> = page
                .rows
                .iter()
                .filter(|r| r.measure.goal == *g)
                .cloned()
                .collect();
            (g.clone(), name.clone(), rows)
        })
        .filter(|(_, _, rows)| !rows.is_empty())
        .collect();
    // A long list folds each goal's measures by objective, each under its counts.
    let fold = groups.iter().map(|(_, _, rows)| rows.len()).sum::<usize>() > ROWS_UNFOLDED;
    let empty = page.rows.is_empty();
    let untargeted = !empty && page.rows.iter().all(|r| r.target.is_none());
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">
            <strong>{page.state.label()}</strong>{revision}
        </p>
        <p>{page.timing.clone()}</p>
        <nav aria-label="Plan years" class="pt-quarter-nav">
            <a href=format!("/app/{}", fy - 1)>{format!("← FY{} APP", fy - 1)}</a>
            <a href=format!("/ip/{fy}")>{format!("FY{fy} Implementation Plan")}</a>
            <a href=format!("/cycle/{fy}")>{format!("FY{fy} planning cycle")}</a>
            <a href=format!("/reports/{fy}")>{format!("FY{fy} performance report")}</a>
            <a href=format!("/csv/app/{fy}") download=format!("app-fy{fy}.csv")>"Download as CSV"</a>
            <a href=format!("/export/stratml?fy={fy}") download=format!("plan-fy{fy}.stratml.xml")>"Download as StratML"</a>
            {page.can_edit.then(|| view! { <a href="/measures/targets/import">"Import targets from CSV"</a> })}
            <a href=format!("/app/{}", fy + 1)>{format!("FY{} APP →", fy + 1)}</a>
        </nav>
        {(page.can_edit && untargeted).then(|| view! {
            <p><a class="usa-button usa-button--outline" href=format!("/app/{fy}/start")>{format!("Start FY{fy} from FY{}", fy - 1)}</a>
               " No FY" {fy} " target is set yet: copy last year's targets and open milestones as this year's draft."</p>
        })}
        {page.can_edit.then(|| view! {
            <section aria-labelledby="lifecycle-heading" class="pt-panel">
                <h2 id="lifecycle-heading">"Lifecycle"</h2>
                {move || error().map(|e| view! { <Alert tone=Tone::Error slim=true text=e/> })}
                {next_steps(page.state).into_iter().map(|s| view! {
                    <ActionForm action=step attr:class="usa-form">
                        <input type="hidden" name="fiscal_year" value=fy/>
                        <input type="hidden" name="step" value=s.as_str()/>
                        <label class="usa-label" for=format!("note-{}", s.as_str())>"Note for the record (optional)"</label>
                        <input class="usa-input" id=format!("note-{}", s.as_str()) name="note"/>
                        <button class="usa-button margin-top-1" type="submit">{s.label()}</button>
                    </ActionForm>
                }).collect_view()}
                <p class="usa-hint">"Approving keeps the targets as revision 1, the baseline. After that, annual targets change only during a mid-year revision, each change with its reason; publishing keeps the revised targets as the next revision."</p>
            </section>
        })}
        <section aria-labelledby="measures-heading">
            <h2 id="measures-heading">"Measures and targets"</h2>
            {if empty {
                view! {
                    <p>"This plan has no performance measures yet. Add them from a goal, objective or strategy page; each then gets an annual target here."</p>
                }.into_any()
            } else {
                view! {
                    <details class="pt-how">
                        <summary>"How band, pace and forecast are worked out"</summary>
                        <ul class="usa-list">
                            <li><strong>"Band"</strong>": the year so far against its target to the same quarter (the whole year once it closes), by the measure's thresholds or the plan's default."</li>
                            <li><strong>"Pace"</strong>": the year to date against the progress expected by then, from the IP's quarterly targets or the measure's profile; within 5 % is on pace."</li>
                            <li><strong>"Forecast"</strong>": the year's end from this year's quarters and how up to ten earlier years grew from the same point; the 80 % range is how far those years would have missed. Fewer than three earlier years: no forecast."</li>
                            <li><strong>"Likelihood"</strong>": the share of those earlier years' outcomes that would meet the target (high from 70 %, low under 30 %)."</li>
                        </ul>
                    </details>
                    <GoalFilter action=format!("/app/{fy}") goals=page.goals.clone() selected=goal.clone() measures=page.rows.len()/>
                    {groups.into_iter().map(|(g, name, rows)| {
                        let caption = format!("Goal {g}: FY{fy} targets, actuals and the five prior years");
                        view! {
                            <h3 id=format!("app-goal-{g}")>{crate::model::plan::goal_label(&g, name.as_deref())}</h3>
                            {if fold {
                                let parts = by_objective(rows);
                                view! {
                                    <nav aria-label=format!("Objectives of goal {g}") class="pt-goal-jump">
                                        <p class="margin-y-1">"Each objective is folded; open one, or jump to it:"</p>
                                        <ul class="usa-list usa-list--unstyled">
                                            {parts.iter().map(|(o, rows)| view! {
                                                <li><a href=format!("#app-part-{}", part_slug(&g, o))>{format!("{} ({})", part_label(o), rows.len())}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    </nav>
                                    {parts.into_iter().map(|(o, rows)| {
                                        let states: Vec<TargetState> = rows.iter().map(|r| r.state).collect();
                                        let counts = tally(&TargetState::ALL, &states, |s| (s.mark(), s.label().to_string()));
                                        let caption = format!("{}: FY{fy} targets, actuals and the five prior years", part_label(&o));
                                        view! {
                                            <details class="pt-goal-group">
                                                <summary id=format!("app-part-{}", part_slug(&g, &o))>
                                                    <strong>{part_label(&o)}</strong>
                                                    <span class="pt-muted">{format!(" — {}: {counts}", crate::model::words::count(rows.len(), "measure", "measures"))}</span>
                                                </summary>
                                                <AppTable fy=fy rows=rows caption=caption/>
                                            </details>
                                        }
                                    }).collect_view()}
                                }.into_any()
                            } else {
                                view! { <AppTable fy=fy rows=rows caption=caption/> }.into_any()
                            }}
                        }
                    }).collect_view()}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="revisions-heading">
            <h2 id="revisions-heading">"Revisions"</h2>
            {if page.revisions.is_empty() {
                view! { <p>"No revision yet: the APP is kept as a revision when it is approved and each time a mid-year revision is published."</p> }.into_any()
            } else {
                view! {
                    <ol class="usa-list usa-list--unstyled">
                        {page.revisions.iter().map(|r| view! {
                            <li class="pt-revision">
                                <details>
                                    <summary>{format!("Revision {} · {} by {} on {}", r.revision, r.state.as_str(), r.author, r.recorded)}</summary>
                                    {(!r.note.is_empty()).then(|| view! { <p>{r.note.clone()}</p> })}
                                    <ul class="usa-list">
                                        {r.targets.iter().map(|(_, name, t)| view! { <li>{format!("{name}: {t}")}</li> }).collect_view()}
                                    </ul>
                                </details>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
