//! `/reports/:fy`: the Annual Performance Report of a fiscal year, each required element
//! under its own heading: the results against the targets with the five years before,
//! the targets not met with why and the plan to meet them, human capital's results, and
//! how each measure's data are kept.

use crate::api::report::{
    evaluation_anchor, get_public_report, get_report, AddProgramEvaluation, FinaliseReport,
    PublishReport, RemoveProgramEvaluation, SaveReportEvaluation, SignReport, PROGRAMS_ANCHOR,
};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::{described_by, FormGroup};
use crate::components::loaded::{route_data, Loaded};
use crate::components::measure::TargetTag;
use crate::components::outlook::{BandTag, ForecastText, LikelihoodTag};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use crate::model::measure::Shortfall;
use crate::model::program_evaluation::{ProgramEvaluation, ProgramInput};
use crate::model::report::NarrativeInput;
use crate::model::report::{Report, ReportGoal, ReportMeasure};
use leptos::prelude::*;
use leptos_meta::Title;

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let save = ServerAction::<SaveReportEvaluation>::new();
    let steps = Steps::new();
    let data = route_data(
        "fy",
        move || save.version().get() + steps.version(),
        get_report,
    );
    view! {
        <Loaded data=data loading="Loading the report…" render=move |r| view! { <ReportView r=r save=save steps=steps/> }/>
    }
}

/// `/reports/:fy/public`: the published report as anyone reads it, signed in or not
/// (not found until it is published).
#[component]
pub fn PublicReportPage() -> impl IntoView {
    let save = ServerAction::<SaveReportEvaluation>::new();
    let steps = Steps::new();
    let data = route_data("fy", || 0, get_public_report);
    view! {
        <Loaded data=data loading="Loading the report…" render=move |r| view! { <ReportView r=r save=save steps=steps/> }/>
    }
}

/// "Not recorded" for an empty field.
fn or_not_recorded(text: &str) -> String {
    if text.trim().is_empty() {
        "Not recorded".to_string()
    } else {
        text.to_string()
    }
}

#[component]
fn ReportView(r: Report, save: ServerAction<SaveReportEvaluation>, steps: Steps) -> impl IntoView {
    let fy = r.fiscal_year;
    let returned = r.returned.clone();
    // Signed off, the report is read-only.
    let can_edit = r.can_edit && !r.state.signed();
    let public = r.public;
    let year_over = r.year_over;
    let title = if public {
        format!("Annual Performance Report, FY{fy} (public version)")
    } else {
        format!("Annual Performance Report, FY{fy}")
    };
    let programs = r.programs.clone();
    let program_returned = r.program_returned.clone();
    let unexplained = r.unexplained();
    let not_met: Vec<ReportMeasure> = r.not_met().into_iter().cloned().collect();
    let human = r.goals.iter().find(|g| g.human_capital).cloned();
    let intro = if r.year_over {
        format!(
            "How {} did against its FY{fy} Annual Performance Plan. Due {} (150 days after the fiscal year ends, 31 U.S.C. 1116).",
            r.plan, r.due
        )
    } else {
        format!(
            "FY{fy} is under way: this is a preview of its report from the data so far. The report is due {}.",
            r.due
        )
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">{intro}</p>
        {if public {
            view! {
                <nav aria-label="Report downloads" class="pt-quarter-nav">
                    <a href=format!("/reports/{fy}/public.pdf") download="">"Download the PDF"</a>
                </nav>
                {r.signed.clone().map(|s| view! {
                    <section aria-labelledby="report-transmittal-heading" class="pt-panel">
                        <h2 id="report-transmittal-heading">"Transmittal statement"</h2>
                        <p class="pt-pre">{s.transmittal}</p>
                        <p>{format!("Signed off by {}.", s.by)}</p>
                    </section>
                })}
            }.into_any()
        } else {
            view! {
                <nav aria-label="Report years" class="pt-quarter-nav">
                    <a href=format!("/reports/{}", fy - 1)>{format!("← FY{} report", fy - 1)}</a>
                    <a href=format!("/app/{fy}")>{format!("FY{fy} APP")}</a>
                    <a href=format!("/annual-reviews/{fy}")>{format!("FY{fy} annual strategic review")}</a>
                    <a href=format!("/reports/{fy}/report.pdf") download="">"Download the PDF"</a>
                    <a href=format!("/csv/report/{fy}") download=format!("report-fy{fy}.csv")>"Download the tables as CSV"</a>
                    <a href=format!("/reports/{}", fy + 1)>{format!("FY{} report →", fy + 1)}</a>
                </nav>
                <ReportState r=r.clone() steps=steps/>
            }.into_any()
        }}
        <section aria-labelledby="report-summary">
            <h2 id="report-summary">"Summary of results"</h2>
            {if r.measures == 0 {
                view! { <p>{format!("No measure has an FY{fy} target, so there is nothing to report against. Targets are set on the FY{fy} APP.")}</p> }.into_any()
            } else {
                view! { <p>{format!("{}: {}", crate::model::words::count(r.measures, "measure with a target", "measures with a target"), r.counts)}</p> }.into_any()
            }}
            {(!unexplained.is_empty()).then(|| view! {
                <div class="usa-alert usa-alert--warning usa-alert--slim"><div class="usa-alert__body"><p class="usa-alert__text">
                    {format!("{} The report cannot be finalised while a target not met has no explanation: ", Mark::Warning.glyph())}
                    {unexplained.iter().enumerate().map(|(i, (id, name))| view! {
                        {(i > 0).then_some(", ")}<a href=format!("/measures/{id}#fy{fy}")>{name.clone()}</a>
                    }).collect_view()}
                    "."
                </p></div></div>
            })}
        </section>
        <section aria-labelledby="report-results">
            <h2 id="report-results">"Results against the performance goals"</h2>
            <p>"Each goal's evaluation of the year's plan in light of its results, then each measure's FY"{fy}" target and actual, whether the target was met, and its actual results in the five preceding fiscal years."</p>
            {r.goals.into_iter().map(|g| {
                let returned = returned.clone().filter(|x| x.input.0 == g.goal);
                view! { <GoalResults g=g fy=fy year_over=year_over can_edit=can_edit returned=returned save=save/> }
            }).collect_view()}
        </section>
        <section aria-labelledby="report-not-met">
            <h2 id="report-not-met">"Targets not met"</h2>
            {if not_met.is_empty() {
                view! { <p>{format!("{} No FY{fy} target is recorded as not met.", Mark::Done.glyph())}</p> }.into_any()
            } else {
                view! {
                    <p>"For each target not met: why, and the plans and schedule for meeting it, or why meeting it is impractical or infeasible and the action recommended."</p>
                    {not_met.into_iter().map(|m| view! {
                        <h3>{m.row.measure.name.clone()}</h3>
                        <ShortfallFacts s=m.shortfall.clone() id=m.row.measure.id fy=fy/>
                    }).collect_view()}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="report-human-capital">
            <h2 id="report-human-capital">"Human capital"</h2>
            {match human {
                Some(g) => view! {
                    <p>{format!("Goal {}: {} — {}.", g.goal, g.name.clone().unwrap_or_default(), if g.counts.is_empty() { "no measure with a target this year".to_string() } else { g.counts.clone() })}</p>
                    <p>"The workforce carries every other goal: where these results fall short, the goals that depend on the same staff are at risk too."</p>
                    <ul class="usa-list">
                        {g.measures.into_iter().map(|m| view! {
                            <li>{format!("{}: {} against a target of {} — ", m.row.measure.name, m.row.actual_shown, m.row.target_shown)}<TargetTag state=m.row.state/></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                None => view! { <p>"No goal of the plan is named for human capital or the workforce."</p> }.into_any(),
            }}
        </section>
        <Programs fy=fy programs=programs can_edit=can_edit returned=program_returned steps=steps/>
    }
}

/// The program evaluations completed in the year, with the form to add one for the
/// working group (until the report is signed off).
#[component]
fn Programs(
    fy: i32,
    programs: Vec<ProgramEvaluation>,
    can_edit: bool,
    returned: Option<Returned<ProgramInput>>,
    steps: Steps,
) -> impl IntoView {
    let kept = returned
        .as_ref()
        .map(|r| r.input.clone())
        .unwrap_or_default();
    let message = returned.as_ref().map(|r| r.message());
    let err = |name: &str| returned.as_ref().and_then(|r| r.error(name));
    let (t_err, s_err, u_err, d_err) = (
        err("title"),
        err("summary"),
        err("evidence_url"),
        err("completed_on"),
    );
    view! {
        <section aria-labelledby="report-programs-heading" id=PROGRAMS_ANCHOR>
            <h2 id="report-programs-heading">"Program evaluations"</h2>
            {if programs.is_empty() {
                view! { <p>{format!("No program evaluation completed in FY{fy} is recorded.")}</p> }.into_any()
            } else {
                view! {
                    <p>{format!("Evaluations completed in FY{fy}, and what they found.")}</p>
                    {programs.into_iter().map(|p| view! {
                        <article class="pt-report-measure">
                            <h3>{p.title.clone()}</h3>
                            <dl class="pt-facts">
                                <dt>"Completed"</dt><dd>{p.completed.clone()}</dd>
                                <dt>"Findings"</dt><dd class="pt-pre">{p.summary.clone()}</dd>
                                {(!p.evidence_url.is_empty()).then(|| view! {
                                    <dt>"Evidence"</dt><dd><a href=p.evidence_url.clone()>{p.evidence_url.clone()}</a></dd>
                                })}
                                {(!p.recorded.is_empty()).then(|| view! { <dt>"Recorded by"</dt><dd>{p.recorded.clone()}</dd> })}
                            </dl>
                            {can_edit.then(|| view! {
                                <ActionForm action=steps.remove_program attr:class="usa-form">
                                    <input type="hidden" name="fy" value=fy/>
                                    <input type="hidden" name="id" value=p.id/>
                                    <SubmitButton label=format!("Remove \"{}\"", p.title) class="usa-button usa-button--outline usa-button--small"/>
                                </ActionForm>
                            })}
                        </article>
                    }).collect_view()}
                }.into_any()
            }}
            {can_edit.then(|| view! {
                <h3>"Add a program evaluation"</h3>
                {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
                <ActionForm action=steps.add_program attr:class="usa-form pt-form-wide">
                    <input type="hidden" name="fy" value=fy/>
                    <FormGroup id="program-title" label="Evaluation title" error=t_err.clone()>
                        <input class="usa-input" id="program-title" name="title" value=kept.title.clone()
                            aria-describedby=described_by("program-title", false, t_err.is_some())/>
                    </FormGroup>
                    <FormGroup id="program-completed" label="Completed on" hint=format!("A day in FY{fy}, like {}-06-30.", fy) error=d_err.clone()>
                        <input class="usa-input" id="program-completed" name="completed_on" type="date" value=kept.completed_on.clone()
                            aria-describedby=described_by("program-completed", true, d_err.is_some())/>
                    </FormGroup>
                    <FormGroup id="program-summary" label="What it found" hint="Its findings and what they change in the plan." error=s_err.clone()>
                        <textarea class="usa-textarea" id="program-summary" name="summary"
                            aria-describedby=described_by("program-summary", true, s_err.is_some())>{kept.summary.clone()}</textarea>
                    </FormGroup>
                    <FormGroup id="program-evidence" label="Link to the evidence (optional)" hint="A web address (https://…) or a plantrack page (/evidence/12). Left out of the public version." error=u_err.clone()>
                        <input class="usa-input" id="program-evidence" name="evidence_url" value=kept.evidence_url.clone()
                            aria-describedby=described_by("program-evidence", true, u_err.is_some())/>
                    </FormGroup>
                    <SubmitButton label="Add the evaluation" class="usa-button margin-top-2"/>
                </ActionForm>
            })}
        </section>
    }
}

/// A goal's measures, each with its result, trend and data-quality statement.
#[component]
fn GoalResults(
    g: ReportGoal,
    fy: i32,
    /// Whether the year has ended (a forecast is shown only while it runs).
    year_over: bool,
    can_edit: bool,
    returned: Option<Returned<NarrativeInput>>,
    save: ServerAction<SaveReportEvaluation>,
) -> impl IntoView {
    let heading = crate::model::plan::goal_label(&g.goal, g.name.as_deref());
    let anchor = evaluation_anchor(&g.goal);
    let ratings = if g.ratings.is_empty() {
        "no objective rated yet".to_string()
    } else {
        g.ratings.clone()
    };
    let counts = if g.measures.is_empty() {
        format!("No measure of this goal has an FY{fy} target.")
    } else {
        g.counts.clone()
    };
    view! {
        <h3>{heading}</h3>
        <p class="pt-muted">{counts}</p>
        <section class="pt-panel" id=anchor.clone() aria-labelledby=format!("{anchor}-heading")>
            <h4 id=format!("{anchor}-heading")>{format!("Goal {}: evaluation of the FY{fy} plan", g.goal)}</h4>
            <p class="pt-muted">{format!("Annual strategic review: {ratings}.")}</p>
            {match g.narrative.clone() {
                Some(n) => view! {
                    <p class="pt-pre">{n.text}</p>
                    {(!n.updated.is_empty()).then(|| view! { <p class="pt-muted">{format!("Last saved by {}", n.updated)}</p> })}
                }.into_any(),
                None => view! { <p>"Not written yet."</p> }.into_any(),
            }}
            {can_edit.then(|| view! { <EvaluationForm goal=g.goal.clone() fy=fy version=g.narrative.as_ref().map_or(0, |n| n.version) text=g.narrative.as_ref().map(|n| n.text.clone()).unwrap_or_default() returned=returned.clone() save=save/> })}
        </section>
        {g.measures.into_iter().map(|m| {
            let available = m.available.clone();
            let chart = m.chart.clone();
            let row = m.row;
            let id = row.measure.id;
            let milestone = row.measure.rule.kind == crate::model::measure::Kind::Milestone;
            let caption = format!("{}: actual results, FY{} to FY{fy}", row.measure.name, fy - 5);
            view! {
                <article class="pt-report-measure" data-measure=id>
                    <h4><a href=format!("/measures/{id}")>{row.measure.name.clone()}</a>
                        <span class="pt-muted">{format!(" · {}", row.measure.attached_label)}</span></h4>
                    <dl class="pt-facts">
                        <dt>{format!("FY{fy} target")}</dt><dd>{row.target_shown.clone()}{milestone.then_some(" (a milestone: judged against its definition of done)")}</dd>
                        <dt>{format!("FY{fy} actual")}</dt><dd>{row.actual_shown.clone()}</dd>
                        <dt>"Result"</dt><dd><TargetTag state=row.state/></dd>
                        {row.standing.band.is_some().then(|| view! {
                            <dt>"Band"</dt><dd><BandTag standing=row.standing.clone()/></dd>
                        })}
                        {(!year_over && !milestone).then(|| view! {
                            <dt>"Forecast"</dt>
                            <dd><ForecastText standing=row.standing.clone() measure=row.measure.clone()/>" "<LikelihoodTag standing=row.standing.clone()/></dd>
                        })}
                        {(row.state == crate::model::measure::TargetState::DataLag).then(|| view! {
                            <dt>"Data available"</dt>
                            <dd>{available.clone().unwrap_or_else(|| "Date not recorded: the measure gives no data lag.".into())}</dd>
                        })}
                        {milestone.then(|| view! {
                            <dt>"Definition of done"</dt><dd class="pt-pre">{or_not_recorded(&row.measure.done_when)}</dd>
                        })}
                    </dl>
                    {(!chart.is_empty()).then(|| {
                        let alt = format!("Bar chart of {}'s actual results, FY{} to FY{fy}{}; the table below gives the values.",
                            row.measure.name, fy - 5,
                            row.target.map(|_| format!(", with the FY{fy} target ({}) as a line", row.target_shown)).unwrap_or_default());
                        view! { <div class="pt-spark" role="img" aria-label=alt inner_html=chart></div> }
                    })}
                    <div class="usa-table-container--scrollable" tabindex="0">
                    <table class="usa-table usa-table--borderless usa-table--compact pt-report-trend">
                        <caption>{caption}</caption>
                        <thead><tr>
                            {row.prior.iter().map(|(y, _)| view! { <th scope="col" class="pt-num">{format!("FY{y}")}</th> }).collect_view()}
                            <th scope="col" class="pt-num">{format!("FY{fy}")}</th>
                        </tr></thead>
                        <tbody><tr>
                            {row.prior.iter().map(|(y, v)| view! { <td class="pt-num" data-label=format!("FY{y}")>{v.clone()}</td> }).collect_view()}
                            <td class="pt-num" data-label=format!("FY{fy}")>{row.actual_shown.clone()}</td>
                        </tr></tbody>
                    </table>
                    </div>
                    <h5>"Data quality"</h5>
                    <dl class="pt-facts">
                        <dt>"Data source"</dt><dd>{or_not_recorded(&row.measure.data_source)}</dd>
                        <dt>"How the values are verified and validated"</dt><dd>{or_not_recorded(&row.measure.verification)}</dd>
                        <dt>"Accuracy required"</dt><dd>{or_not_recorded(&row.measure.accuracy)}</dd>
                        <dt>"Limitations"</dt><dd>{or_not_recorded(&row.measure.limitations)}</dd>
                        <dt>"How the limitations are compensated for"</dt><dd>{or_not_recorded(&row.measure.compensation)}</dd>
                    </dl>
                </article>
            }
        }).collect_view()}
    }
}

/// A shortfall explanation, or that none is recorded yet.
#[component]
fn ShortfallFacts(s: Option<Shortfall>, id: i64, fy: i32) -> impl IntoView {
    match s {
        Some(s) => view! {
            <dl class="pt-facts">
                <dt>"Why it was not met"</dt><dd>{s.why.clone()}</dd>
                {(!s.plan.trim().is_empty()).then(|| view! {
                    <dt>"Plan to meet it"</dt><dd>{s.plan.clone()}</dd>
                    <dt>"Schedule"</dt><dd>{s.schedule.clone()}</dd>
                })}
                {(!s.infeasible.trim().is_empty()).then(|| view! {
                    <dt>"Why meeting it is impractical or infeasible, and the action recommended"</dt><dd>{s.infeasible.clone()}</dd>
                })}
                {(!s.author.is_empty()).then(|| view! { <dt>"Explained by"</dt><dd>{format!("{}, {}", s.author, s.recorded)}</dd> })}
            </dl>
        }.into_any(),
        None => view! {
            <p class="pt-missing">
                <span aria-hidden="true">{Mark::Failed.glyph()}</span>
                " No explanation recorded yet. "
                <a href=format!("/measures/{id}#fy{fy}")>"The measure's page"</a>
            </p>
        }.into_any(),
    }
}

/// The form of a goal's evaluation, with what was typed when it came back refused.
#[component]
fn EvaluationForm(
    goal: String,
    fy: i32,
    version: i64,
    text: String,
    returned: Option<Returned<NarrativeInput>>,
    save: ServerAction<SaveReportEvaluation>,
) -> impl IntoView {
    let id = format!("{}-text", evaluation_anchor(&goal));
    // What was typed comes back; the version is the saved one, so after a conflict the
    // form (beside their saved text) saves over what the reader has now seen.
    let text = returned.as_ref().map_or(text, |r| r.input.1.clone());
    let error = returned.as_ref().and_then(|r| r.error("evaluation"));
    let message = returned.as_ref().map(|r| r.message());
    view! {
        {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
        <ActionForm action=save attr:class="usa-form pt-form-wide">
            <input type="hidden" name="fy" value=fy/>
            <input type="hidden" name="goal" value=goal.clone()/>
            <input type="hidden" name="version" value=version/>
            <FormGroup id=id.clone() label=format!("Evaluation of goal {goal}") hint="How the year's plan held up in light of these results, and what it means for next year." error=error.clone()>
                <textarea class="usa-textarea" id=id.clone() name="evaluation"
                    aria-describedby=described_by(&id, true, error.is_some())>{text}</textarea>
            </FormGroup>
            <SubmitButton label="Save the evaluation" class="usa-button margin-top-2"/>
        </ActionForm>
    }
}

/// The report's actions beside the evaluations, made once by the page so each
/// refetches it.
#[derive(Clone, Copy)]
struct Steps {
    finalise: ServerAction<FinaliseReport>,
    sign: ServerAction<SignReport>,
    publish: ServerAction<PublishReport>,
    add_program: ServerAction<AddProgramEvaluation>,
    remove_program: ServerAction<RemoveProgramEvaluation>,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            finalise: ServerAction::new(),
            sign: ServerAction::new(),
            publish: ServerAction::new(),
            add_program: ServerAction::new(),
            remove_program: ServerAction::new(),
        }
    }

    /// The actions' versions added up: moves whenever one completes.
    fn version(&self) -> usize {
        self.finalise.version().get()
            + self.sign.version().get()
            + self.publish.version().get()
            + self.add_program.version().get()
            + self.remove_program.version().get()
    }
}

/// Where the report stands, its signature once signed, and the next step's form for
/// whoever may take it.
#[component]
fn ReportState(r: Report, steps: Steps) -> impl IntoView {
    use crate::model::report::ReportState as S;
    let fy = r.fiscal_year;
    let typed = r.step_returned.clone();
    let message = typed.as_ref().map(|t| t.message());
    let err = |name: &str| typed.as_ref().and_then(|t| t.error(name));
    let kept = typed.as_ref().map(|t| t.input.clone()).unwrap_or_default();
    let form = match (r.state, r.can_edit, r.can_sign) {
        (S::Draft, true, _) => Some(view! {
            <ActionForm action=steps.finalise attr:class="usa-form">
                <input type="hidden" name="fy" value=fy/>
                <input type="hidden" name="version" value=r.version/>
                <SubmitButton label="Finalise and send for sign-off" class="usa-button"/>
            </ActionForm>
            <p class="usa-hint">"Refused while a target not met has no explanation. The head of the organisation then signs it off."</p>
        }.into_any()),
        (S::InReview, _, true) => {
            let (t_err, s_err, ti_err) = (err("transmittal"), err("signer"), err("title"));
            Some(view! {
                <ActionForm action=steps.sign attr:class="usa-form pt-form-wide">
                    <input type="hidden" name="fy" value=fy/>
                    <input type="hidden" name="version" value=r.version/>
                    <FormGroup id="report-transmittal" label="Transmittal statement" hint="The head of the organisation's assessment of how complete and reliable the year's performance data are." error=t_err.clone()>
                        <textarea class="usa-textarea" id="report-transmittal" name="transmittal"
                            aria-describedby=described_by("report-transmittal", true, t_err.is_some())>{kept.transmittal.clone()}</textarea>
                    </FormGroup>
                    <FormGroup id="report-signer" label="Signed by (name)" error=s_err.clone()>
                        <input class="usa-input" id="report-signer" name="signer" value=kept.signer.clone()
                            aria-describedby=described_by("report-signer", false, s_err.is_some())/>
                    </FormGroup>
                    <FormGroup id="report-title" label="Title" error=ti_err.clone()>
                        <input class="usa-input" id="report-title" name="title" value=kept.title.clone()
                            aria-describedby=described_by("report-title", false, ti_err.is_some())/>
                    </FormGroup>
                    <SubmitButton label="Sign off the report" class="usa-button margin-top-2"/>
                </ActionForm>
                <p class="usa-hint">"Signed off, the report is read-only; it can then be published."</p>
            }.into_any())
        }
        (S::SignedOff, _, true) => Some(view! {
            <ActionForm action=steps.publish attr:class="usa-form">
                <input type="hidden" name="fy" value=fy/>
                <input type="hidden" name="version" value=r.version/>
                <SubmitButton label="Publish the report" class="usa-button"/>
            </ActionForm>
        }.into_any()),
        _ => None,
    };
    view! {
        <section aria-labelledby="report-state-heading" id="report-state" class="pt-panel">
            <h2 id="report-state-heading">"Where the report stands"</h2>
            <p><strong>{r.state.mark().with(r.state.label())}</strong></p>
            {(r.state == S::Published).then(|| view! {
                <p><a href=format!("/reports/{fy}/public")>"The public version"</a>" — readable without signing in; no owners' names, internal notes or evidence links."</p>
            })}
            {r.signed.clone().map(|s| view! {
                <h3>"Transmittal statement"</h3>
                <p class="pt-pre">{s.transmittal}</p>
                <p>{format!("Signed off by {}.", s.by)}</p>
            })}
            {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was changed. {m}")/> })}
            {form}
        </section>
    }
}
