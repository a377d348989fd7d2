//! `/admin/users`: every account on one row each (its edit page changes it), and adding
//! an account.

use crate::api::users::{list_users, AddUser};
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
    let users = Resource::new(move || add.version().get(), |_| list_users());
    let error = move || add.value().get().and_then(|r| r.err());
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        {move || error().map(|e| view! {
            <Alert tone=Tone::Error slim=true text=e.to_string()/>
        })}
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! { <UserTable users=list/> }.into_any(),
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

/// A role picker named "role".
#[component]
pub fn RoleSelect(id: String, selected: Role) -> impl IntoView {
    view! {
        <select class="usa-select" id=id name="role">
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == selected>{r.label()}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UserTable(users: Vec<UserSummary>) -> impl IntoView {
    view! {
        <table class="usa-table usa-table--stacked pt-table-wide">
            <caption>"Accounts, their roles and assigned strategies"</caption>
            <thead>
                <tr>
                    <th scope="col">"User"</th>
                    <th scope="col">"Display name"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Strategies"</th>
                </tr>
            </thead>
            <tbody>
                {users.into_iter().map(|u| {
                    let status = if u.disabled { "Disabled" } else if u.must_change_password { "Must change password" } else { "Active" };
                    let strategies = match u.strategies.len() {
                        0 => "None".to_string(),
                        n if n <= 6 => u.strategies.join(", "),
                        n => format!("{n} strategies"),
                    };
                    view! {
                        <tr>
                            <th scope="row" data-label="User">
                                <a href=format!("/admin/users/{}", u.id)>
                                    {u.username.clone()}
                                    <span class="usa-sr-only">": edit"</span>
                                </a>
                            </th>
                            <td data-label="Display name">{u.display_name}</td>
                            <td data-label="Role">{u.role.label()}</td>
                            <td data-label="Status">{status}</td>
                            <td data-label="Strategies">{strategies}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
