//! `/admin/users`: add accounts, change roles, disable, reset passwords, assign strategies.

use crate::api::users::{list_users, AddUser, AssignStrategies, ResetPassword, UpdateUser};
use crate::components::alert::{Alert, Tone};
use crate::components::error::ErrorPage;
use crate::components::submit::SubmitButton;
use crate::model::user::{Role, UserSummary};
use leptos::prelude::*;
use leptos_meta::Title;

/// The user administration page (administrators only; the server checks).
#[component]
pub fn UsersPage() -> impl IntoView {
    let add = ServerAction::<AddUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let assign = ServerAction::<AssignStrategies>::new();
    let version = move || {
        (
            add.version().get(),
            update.version().get(),
            reset.version().get(),
            assign.version().get(),
        )
    };
    let users = Resource::new(version, |_| list_users());
    let error = move || {
        [
            add.value().get().and_then(|r| r.err()),
            update.value().get().and_then(|r| r.err()),
            reset.value().get().and_then(|r| r.err()),
            assign.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    };
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        {move || error().map(|e| view! {
            <Alert tone=Tone::Error slim=true text=e.to_string()/>
        })}
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! { <UserTable users=list update=update reset=reset assign=assign/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <h2>"Add a user"</h2>
        <ActionForm action=add attr:class="usa-form">
            <label class="usa-label" for="new-username">"Username"</label>
            <span class="usa-hint" id="new-username-hint">"3 to 32 lower-case letters, digits, \".\", \"_\" or \"-\"."</span>
            <input class="usa-input" id="new-username" name="username" required aria-describedby="new-username-hint"/>
            <label class="usa-label" for="new-display">"Display name"</label>
            <input class="usa-input" id="new-display" name="display_name" required/>
            <label class="usa-label" for="new-role">"Role"</label>
            <RoleSelect id="new-role".into() selected=Role::Viewer/>
            <SubmitButton label="Add user" class="usa-button margin-top-3"/>
        </ActionForm>
    }
}

#[component]
fn RoleSelect(id: String, selected: Role) -> impl IntoView {
    view! {
        <select class="usa-select" id=id name="role">
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == selected>{r.label()}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UserTable(
    users: Vec<UserSummary>,
    update: ServerAction<UpdateUser>,
    reset: ServerAction<ResetPassword>,
    assign: ServerAction<AssignStrategies>,
) -> impl IntoView {
    view! {
        <table class="usa-table usa-table--stacked pt-table-wide">
            <caption>"Accounts, their roles and assigned strategies"</caption>
            <thead>
                <tr>
                    <th scope="col">"User"</th>
                    <th scope="col">"Role and status"</th>
                    <th scope="col">"Strategies"</th>
                    <th scope="col">"Password"</th>
                </tr>
            </thead>
            <tbody>
                {users.into_iter().map(|u| {
                    let id = u.id.to_string();
                    let name = u.username.clone();
                    let status = if u.disabled { "Disabled" } else if u.must_change_password { "Must change password" } else { "Active" };
                    let (display_id, role_id, disabled_id, strategies_id) = (
                        format!("display-{id}"), format!("role-{id}"), format!("disabled-{id}"), format!("strategies-{id}"),
                    );
                    let (role_label, disable_label, save_label) = (
                        format!("Role of {name}"), format!("Disable {name}"), format!("Save {name}"),
                    );
                    let (strategies_label, assign_label, reset_label) = (
                        format!("Strategies of {name}"), format!("Assign to {name}"), format!("Reset password of {name}"),
                    );
                    let (id2, id3) = (id.clone(), id.clone());
                    let (display_for, role_for, disabled_for, strategies_for) =
                        (display_id.clone(), role_id.clone(), disabled_id.clone(), strategies_id.clone());
                    let strategies = u.strategies.join(", ");
                    view! {
                        <tr>
                            <th scope="row" data-label="User">
                                <strong>{name.clone()}</strong><br/>{u.display_name.clone()}
                            </th>
                            <td data-label="Role and status">
                                <ActionForm action=update attr:class="pt-inline-form">
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="version" value=u.version/>
                                    <label class="usa-label margin-top-0" for=display_for>"Display name"</label>
                                    <input class="usa-input" id=display_id name="display_name" value=u.display_name/>
                                    <label class="usa-label" for=role_for>{role_label}</label>
                                    <RoleSelect id=role_id selected=u.role/>
                                    <div class="usa-checkbox">
                                        <input class="usa-checkbox__input" type="checkbox" id=disabled_id name="disabled" checked=u.disabled/>
                                        <label class="usa-checkbox__label" for=disabled_for>{disable_label}</label>
                                    </div>
                                    <p class="margin-y-1">"Status: " {status}</p>
                                    <button class="usa-button usa-button--outline" type="submit">{save_label}</button>
                                </ActionForm>
                            </td>
                            <td data-label="Strategies">
                                <ActionForm action=assign attr:class="pt-inline-form">
                                    <input type="hidden" name="id" value=id2/>
                                    <input type="hidden" name="version" value=u.version/>
                                    <label class="usa-label margin-top-0" for=strategies_for>{strategies_label}</label>
                                    <input class="usa-input" id=strategies_id name="strategies" value=strategies/>
                                    <button class="usa-button usa-button--outline margin-top-1" type="submit">{assign_label}</button>
                                </ActionForm>
                            </td>
                            <td data-label="Password">
                                <ActionForm action=reset>
                                    <input type="hidden" name="id" value=id3/>
                                    <button class="usa-button usa-button--secondary" type="submit">{reset_label}</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
