//! `/admin/users`: every account on one row each (its edit page changes it), and adding
//! an account.

use crate::api::users::{list_users, AddUser};
use crate::components::alert::{Alert, Tone};
use crate::components::error::ErrorPage;
use crate::components::form_group::{described_by, FormGroup};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::user::{Role, UserSummary};
use leptos::prelude::*;
use leptos_meta::Title;

/// The user administration page (administrators only; the server checks).
#[component]
pub fn UsersPage() -> impl IntoView {
    let users = Resource::new(|| (), |_| list_users());
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(page) => view! {
                        <UserTable users=page.users/>
                        <AddUserForm returned=page.returned.unwrap_or_default()/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Add a user": refused, it comes back with what was typed and each problem beside its
/// field.
#[component]
fn AddUserForm(returned: Returned) -> impl IntoView {
    let add = ServerAction::<AddUser>::new();
    let role = Role::parse(&returned.value("role")).unwrap_or(Role::Viewer);
    let username_error = returned.error("username");
    let display_error = returned.error("display_name");
    let role_error = returned.error("role");
    let refused = !returned.errors.is_empty();
    let typed_username = returned.value("username");
    let typed_display = returned.value("display_name");
    let message = returned.message();
    view! {
        <h2 id="add-user" tabindex="-1">"Add a user"</h2>
        {refused.then(|| view! {
            <Alert tone=Tone::Error slim=true text=format!("The user was not added. {message}")/>
        })}
        <ActionForm action=add attr:class="usa-form">
            <FormGroup id="new-username" label="Username"
                hint="3 to 32 lower-case letters, digits, \".\", \"_\" or \"-\"."
                error=username_error.clone()>
                <input class=input_class(username_error.is_some()) id="new-username" name="username" required
                    value=typed_username
                    aria-invalid=username_error.is_some().then_some("true")
                    aria-describedby=described_by("new-username", true, username_error.is_some())/>
            </FormGroup>
            <FormGroup id="new-display" label="Display name" error=display_error.clone()>
                <input class=input_class(display_error.is_some()) id="new-display" name="display_name" required
                    value=typed_display
                    aria-invalid=display_error.is_some().then_some("true")
                    aria-describedby=described_by("new-display", false, display_error.is_some())/>
            </FormGroup>
            <FormGroup id="new-role" label="Role" error=role_error>
                <RoleSelect id="new-role".into() selected=role/>
            </FormGroup>
            <SubmitButton label="Add user" class="usa-button margin-top-3"/>
        </ActionForm>
    }
}

/// A text input's class, marked in error when `error` is true.
fn input_class(error: bool) -> &'static str {
    if error {
        "usa-input usa-input--error"
    } else {
        "usa-input"
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
