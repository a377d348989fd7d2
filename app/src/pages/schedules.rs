//! `/admin/schedules`: reports that go out by themselves — each schedule with its next
//! run in the organisation's time zone and its last result, "send now", pause and
//! resume, the runs' history and a form for a new schedule; `/admin/schedules/:id` edits
//! one, `/admin/schedules/:id/preview` shows what its next run would send.

use crate::api::schedule::{
    get_schedules, preview_schedule, SaveSchedule, SendScheduleNow, SetScheduleActive,
};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::group_class;
use crate::components::loaded::{route_param, Loaded};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::schedule::form::ScheduleInput;
use crate::model::schedule::view::{Preview, RunLine, ScheduleLine, SchedulesPage};
use crate::model::schedule::ReportKind;
use crate::model::user::Role;
use leptos::prelude::*;
use leptos_meta::Title;

/// The schedules page.
#[component]
pub fn SchedulesListPage() -> impl IntoView {
    let save = ServerAction::<SaveSchedule>::new();
    let send = ServerAction::<SendScheduleNow>::new();
    let pause = ServerAction::<SetScheduleActive>::new();
    let data = Resource::new(
        move || save.version().get() + send.version().get() + pause.version().get(),
        |_| get_schedules(),
    );
    view! {
        <Title text="Scheduled reports"/>
        <h1>"Scheduled reports"</h1>
        <p class="usa-intro">"Reports that go out by themselves: the briefing packet, the exceptions list, the APP progress table or the Annual Performance Report, to people by role or name, as a PDF or a link. Each goes through the outbox, once per run and recipient; people get only what their role may read, and outside addresses only the public version."</p>
        <Loaded data=data loading="Loading the schedules…" render=move |p| view! { <List p=p save=save send=send pause=pause/> }/>
    }
}

#[component]
fn List(
    p: SchedulesPage,
    save: ServerAction<SaveSchedule>,
    send: ServerAction<SendScheduleNow>,
    pause: ServerAction<SetScheduleActive>,
) -> impl IntoView {
    let returned = p.returned.filter(|r| r.is_form("new"));
    let input = returned
        .as_ref()
        .map(|r| r.input.clone())
        .unwrap_or_else(|| ScheduleInput {
            every: "after_lock".into(),
            days_after: "5".into(),
            hour: "8".into(),
            format: "pdf".into(),
            report: "packet".into(),
            ..Default::default()
        });
    let zone = p.time_zone.clone();
    view! {
        <section aria-labelledby="schedules-heading">
            <h2 id="schedules-heading">"Schedules"</h2>
            <p>{format!("Times are in the organisation's time zone, {zone}.")}</p>
            {if p.schedules.is_empty() {
                view! { <p data-empty="schedules">"No report is scheduled yet: add one below."</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                        <caption class="usa-sr-only">"Scheduled reports, by name"</caption>
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Report"</th><th scope="col">"When"</th>
                            <th scope="col">"To"</th><th scope="col">"Next run"</th><th scope="col">"Last run"</th>
                            <th scope="col">"Actions"</th>
                        </tr></thead>
                        <tbody>
                            {p.schedules.into_iter().map(|s| view! { <Row s=s send=send pause=pause/> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="new-schedule" id="new-schedule-section">
            <h2 id="new-schedule">"New schedule"</h2>
            <ScheduleForm id="new".into() input=input returned=returned outside=p.may_send_outside save=save/>
        </section>
        <History runs=p.runs/>
    }
}

#[component]
fn Row(
    s: ScheduleLine,
    send: ServerAction<SendScheduleNow>,
    pause: ServerAction<SetScheduleActive>,
) -> impl IntoView {
    let id = s.id.to_string();
    let (id2, id3) = (id.clone(), id.clone());
    let name = s.name.clone();
    view! {
        <tr data-schedule=s.id>
            <th scope="row" data-label="Name">{s.name.clone()}</th>
            <td data-label="Report">{s.report}" ("{s.format.to_lowercase()}")"</td>
            <td data-label="When">{s.when}</td>
            <td data-label="To">{s.recipients}</td>
            <td data-label="Next run">{s.next_run}</td>
            <td data-label="Last run">{s.last_run}</td>
            <td data-label="Actions">
                <ActionForm action=send attr:class="pt-inline">
                    <input type="hidden" name="id" value=id/>
                    <SubmitButton label="Send now" busy="Sending…" class="usa-button usa-button--outline"/>
                </ActionForm>
                <ActionForm action=pause attr:class="pt-inline">
                    <input type="hidden" name="id" value=id2/>
                    <input type="hidden" name="version" value=s.version/>
                    <input type="hidden" name="active" value=if s.active { "no" } else { "yes" }/>
                    <SubmitButton label=if s.active { "Pause" } else { "Resume" } class="usa-button usa-button--unstyled"/>
                </ActionForm>
                " "<a href=format!("/admin/schedules/{id3}/preview")>"Preview"<span class="usa-sr-only">{format!(" {name}")}</span></a>
                " "<a href=format!("/admin/schedules/{}", s.id)>"Edit"<span class="usa-sr-only">{format!(" {}", s.name)}</span></a>
            </td>
        </tr>
    }
}

#[component]
fn History(runs: Vec<RunLine>) -> impl IntoView {
    view! {
        <section aria-labelledby="runs-heading">
            <h2 id="runs-heading">"Runs"</h2>
            {if runs.is_empty() {
                view! { <p>"Nothing has run yet."</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                        <caption class="usa-sr-only">"Runs of the scheduled reports, newest first"</caption>
                        <thead><tr>
                            <th scope="col">"Ran"</th><th scope="col">"Schedule"</th><th scope="col">"How"</th>
                            <th scope="col">"Covers"</th><th scope="col">"Result"</th>
                        </tr></thead>
                        <tbody>
                            {runs.into_iter().map(|r| view! {
                                <tr data-run="">
                                    <td data-label="Ran">{r.ran}</td>
                                    <td data-label="Schedule">{r.schedule}</td>
                                    <td data-label="How">{r.how}</td>
                                    <td data-label="Covers">{r.covers}</td>
                                    <td data-label="Result">
                                        {r.problem.then(|| view! { <span aria-hidden="true">"⚠ "</span> })}
                                        {r.result}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The schedule form (a new one: `id` "new"), with what was typed and each problem.
#[component]
fn ScheduleForm(
    id: String,
    input: ScheduleInput,
    returned: Option<Returned<ScheduleInput>>,
    outside: bool,
    save: ServerAction<SaveSchedule>,
) -> impl IntoView {
    let errors = returned.clone();
    let err = move |f: &str| errors.as_ref().and_then(|r| r.error(f));
    let field = {
        let id = id.clone();
        move |f: &str| format!("schedule-{id}-{f}")
    };
    let text = {
        let (err, field) = (err.clone(), field.clone());
        move |name: &'static str,
              label: &'static str,
              hint: &'static str,
              value: String,
              long: bool| {
            let fid = field(name);
            let e = err(name);
            let described =
                crate::components::form_group::described_by(&fid, !hint.is_empty(), e.is_some());
            let class = group_class(e.is_some());
            view! {
                <div class=class>
                    <label class="usa-label" for=fid.clone()>{label}</label>
                    {(!hint.is_empty()).then(|| view! { <span class="usa-hint" id=format!("{fid}-hint")>{hint}</span> })}
                    {e.map(|e| view! { <span class="usa-error-message" id=format!("{fid}-error")>{e}</span> })}
                    {if long {
                        view! { <textarea class="usa-textarea" id=fid name=name aria-describedby=described>{value}</textarea> }.into_any()
                    } else {
                        view! { <input class="usa-input" id=fid name=name value=value aria-describedby=described/> }.into_any()
                    }}
                </div>
            }
        }
    };
    let radios = {
        let (err, field) = (err.clone(), field.clone());
        move |name: &'static str,
              legend: &'static str,
              options: Vec<(&'static str, String)>,
              current: String| {
            let e = err(name);
            let class = group_class(e.is_some());
            view! {
                <div class=class>
                    <fieldset class="usa-fieldset">
                        <legend class="usa-legend">{legend}</legend>
                        {e.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                        {options.into_iter().map(|(value, label)| {
                            let rid = format!("{}-{value}", field(name));
                            view! {
                                <div class="usa-radio">
                                    <input class="usa-radio__input" type="radio" id=rid.clone() name=name value=value checked=current == value/>
                                    <label class="usa-radio__label" for=rid>{label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
            }
        }
    };
    let reports: Vec<(&'static str, String)> = ReportKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label().to_string()))
        .collect();
    let every = vec![
        (
            "after_lock",
            "Quarterly, a number of days after the data call locks".to_string(),
        ),
        ("monthly", "Monthly, on a day of the month".to_string()),
        ("yearly", "Yearly, on a month and day".to_string()),
    ];
    let formats = vec![
        ("pdf", "PDF attached".to_string()),
        ("link", "A link to the page".to_string()),
    ];
    let hour_id = field("hour");
    let month_id = field("month");
    let roles_err = err("roles");
    let roles_class = group_class(roles_err.is_some());
    let general = returned
        .as_ref()
        .filter(|r| r.error("version").is_none())
        .map(|r| r.message());
    let version_err = err("version");
    let month = input.month.clone();
    let hour = input.hour.clone();
    let ticked = input.roles.clone();
    let role_field = field("roles");
    let label = if id == "new" {
        "Save the schedule"
    } else {
        "Save the changes"
    };
    view! {
        <ActionForm action=save attr:class="usa-form pt-form-wide">
            {version_err.map(|e| view! {
                <Alert tone=Tone::Error heading="Nothing was saved"><p class="usa-alert__text">{e}</p></Alert>
            })}
            {general.map(|m| view! {
                <Alert tone=Tone::Error heading="Nothing was saved"><p class="usa-alert__text">{m}</p></Alert>
            })}
            <input type="hidden" name="id" value=id.clone()/>
            <input type="hidden" name="version" value=input.version.clone()/>
            {text("name", "Name", "Such as \"Quarterly packet to leadership\".", input.name.clone(), false)}
            {radios("report", "What it sends", reports, input.report.clone())}
            {radios("every", "How often", every, input.every.clone())}
            {text("days_after", "Days after the data call locks (quarterly)", "0 to 90.", input.days_after.clone(), false)}
            {text("day", "Day of the month (monthly and yearly)", "1 to 31; past a short month's end, its last day.", input.day.clone(), false)}
            <div class=group_class(err("month").is_some())>
                <label class="usa-label" for=month_id.clone()>"Month (yearly)"</label>
                {err("month").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <select class="usa-select" id=month_id name="month">
                    <option value="">"- Select -"</option>
                    {(1..=12u32).map(|m| {
                        let name = chrono::NaiveDate::from_ymd_opt(2000, m, 1).map(|d| d.format("%B").to_string()).unwrap_or_default();
                        view! { <option value=m selected=month == m.to_string()>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class=group_class(err("hour").is_some())>
                <label class="usa-label" for=hour_id.clone()>"Hour"</label>
                {err("hour").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <select class="usa-select" id=hour_id name="hour">
                    {(0..24u32).map(|h| view! { <option value=h selected=hour == h.to_string()>{format!("{h:02}:00")}</option> }).collect_view()}
                </select>
            </div>
            {radios("format", "How it is sent", formats, input.format.clone())}
            <div class=roles_class>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"To everyone with the role"</legend>
                    {roles_err.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    {Role::ALL.into_iter().map(|r| {
                        let rid = format!("{role_field}-{}", r.as_str());
                        view! {
                            <div class="usa-checkbox">
                                <input class="usa-checkbox__input" type="checkbox" id=rid.clone() name="roles[]"
                                    value=r.as_str() checked=ticked.iter().any(|t| t == r.as_str())/>
                                <label class="usa-checkbox__label" for=rid>{r.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </div>
            {text("users", "And these people (usernames)", "Separated by commas or spaces. Each gets what their role may read.", input.users.clone(), false)}
            {if outside {
                text("outside", "Outside addresses", "E-mail addresses outside plantrack, separated by commas or lines. They get only the public version: the APP progress of the public page's measures, or the published Annual Performance Report.", input.outside.clone(), true).into_any()
            } else {
                view! { <input type="hidden" name="outside" value=input.outside.clone()/> }.into_any()
            }}
            {text("covering", "Covering text", "The message's opening words, before the report.", input.covering.clone(), true)}
            <SubmitButton label=label class="usa-button margin-top-2"/>
        </ActionForm>
    }
}

/// `/admin/schedules/:id`: one schedule's form.
#[component]
pub fn ScheduleEditPage() -> impl IntoView {
    let save = ServerAction::<SaveSchedule>::new();
    let id = route_param("id");
    let data = Resource::new(move || save.version().get(), |_| get_schedules());
    view! {
        <Loaded data=data loading="Loading the schedule…" render=move |p| {
            let wanted = id();
            let returned = p.returned.clone().filter(|r| r.is_form(&wanted));
            match p.schedules.iter().find(|s| s.id.to_string() == wanted) {
                Some(s) => {
                    let input = returned.as_ref().map(|r| r.input.clone()).unwrap_or_else(|| s.input.clone());
                    let title = format!("Edit the schedule \"{}\"", s.name);
                    view! {
                        <Title text=title.clone()/>
                        <h1>{title}</h1>
                        <p><a href="/admin/schedules">"Back to the scheduled reports"</a></p>
                        <ScheduleForm id=wanted input=input returned=returned outside=p.may_send_outside save=save/>
                    }.into_any()
                }
                None => view! {
                    <Title text="No such schedule"/>
                    <h1>"No such schedule"</h1>
                    <p><a href="/admin/schedules">"Back to the scheduled reports"</a></p>
                }.into_any(),
            }
        }/>
    }
}

/// `/admin/schedules/:id/preview`: what the next run would send.
#[component]
pub fn SchedulePreviewPage() -> impl IntoView {
    let data = Resource::new(route_param("id"), preview_schedule);
    view! {
        <Loaded data=data loading="Making the preview…" render=move |p| view! { <PreviewView p=p/> }/>
    }
}

#[component]
fn PreviewView(p: Preview) -> impl IntoView {
    let title = format!("Preview: {}", p.name);
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{format!("Next run: {}. This is what it would send if it ran now.", p.next_run)}</p>
        <p><a href="/admin/schedules">"Back to the scheduled reports"</a></p>
        {p.audiences.into_iter().map(|a| view! {
            <section class="pt-preview" aria-label=a.audience.clone()>
                <h2>{a.audience.clone()}</h2>
                {match a.empty {
                    Some(why) => view! { <p data-preview-empty=""><span aria-hidden="true">"⚠ "</span>"Nothing would be sent: "{why}</p> }.into_any(),
                    None => view! {
                        <p><strong>"Subject: "</strong>{a.subject}</p>
                        {a.attachment.map(|f| view! { <p><strong>"Attachment: "</strong>{f}</p> })}
                        <pre class="pt-preview__body">{a.body}</pre>
                    }.into_any(),
                }}
            </section>
        }).collect_view()}
    }
}
