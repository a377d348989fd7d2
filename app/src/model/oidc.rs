//! Single sign-on with OpenID Connect (issue 42, first part): the settings checked at
//! start with an error naming the bad one, the role a provider's groups map to, the role a
//! new account is given, and who may still sign in with a local password. Pure: the
//! relying party itself (discovery, the code flow, token checks) lives with the server.

use super::user::Role;
use serde::{Deserialize, Serialize};

/// Where the provider sends the browser back, under the site's public address.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// Where the browser lands after signing out at the provider.
pub const SIGNED_OUT_PATH: &str = "/login?signed_out=1";

/// Scopes asked for when none are configured.
pub const DEFAULT_SCOPES: &str = "openid email profile";

/// The claim read for groups when none is configured.
pub const DEFAULT_ROLE_CLAIM: &str = "groups";

/// How plantrack proves itself to the provider at the token endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientAuth {
    /// `client_secret_basic`: the secret.
    Secret(String),
    /// `private_key_jwt`: the path of the PEM key file (Login.gov accepts only this).
    PrivateKey(String),
}

/// Which provider group gives which role: `working_group=spwg,admin=plantrack-admins`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleMap {
    /// (role, group), as configured.
    pub pairs: Vec<(Role, String)>,
}

impl RoleMap {
    /// Reads `role=group,role=group`; the roles are plantrack's stored names.
    pub fn parse(text: &str) -> Result<RoleMap, String> {
        let mut pairs = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((role, group)) = part.split_once('=') else {
                return Err(format!(
                    "\"{part}\" is not role=group (for example working_group=spwg)"
                ));
            };
            let role = Role::parse(role.trim()).ok_or_else(|| {
                format!(
                    "\"{}\" is not a role: use admin, working_group, manager or viewer",
                    role.trim()
                )
            })?;
            let group = group.trim();
            if group.is_empty() || group.chars().any(char::is_control) {
                return Err(format!("the group for {role} is empty"));
            }
            pairs.push((role, group.to_string()));
        }
        if pairs.is_empty() {
            return Err("name at least one role=group pair".into());
        }
        Ok(RoleMap { pairs })
    }

    /// The most powerful role any of `groups` maps to, if any does.
    pub fn role_for(&self, groups: &[String]) -> Option<Role> {
        Role::ALL.into_iter().find(|role| {
            self.pairs
                .iter()
                .any(|(r, g)| r == role && groups.iter().any(|have| have == g))
        })
    }
}

/// The role a new account gets on its first sign-in through the provider: what the
/// mapping gives, else viewer. Administrator only when the mapping says so explicitly.
pub fn provisioned_role(map: Option<&RoleMap>, groups: &[String]) -> Role {
    map.and_then(|m| m.role_for(groups)).unwrap_or(Role::Viewer)
}

/// The role an existing account has after a sign-in when a mapping is configured: what
/// the groups map to; a person who lost every mapped group drops to viewer if their role
/// is one the mapping gives, and keeps a role it never gives (a manager assigned in
/// plantrack, say). Unchanged without a mapping.
pub fn refreshed_role(map: Option<&RoleMap>, groups: &[String], now: Role) -> Role {
    let Some(map) = map else {
        return now;
    };
    match map.role_for(groups) {
        Some(role) => role,
        None if map.pairs.iter().any(|(r, _)| *r == now) => Role::Viewer,
        None => now,
    }
}

/// The groups a claim holds: an array of strings, one string, or a space- or
/// comma-separated list; anything else holds none.
pub fn groups_of(claim: &serde_json::Value) -> Vec<String> {
    match claim {
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect(),
        serde_json::Value::String(s) => s
            .split([' ', ','])
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// May someone sign in with a local password? Always, unless local sign-in is off for
/// everyone but the break-glass accounts.
pub fn may_sign_in_locally(oidc_only: bool, break_glass: bool) -> bool {
    !oidc_only || break_glass
}

/// What the sign-in page offers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignInOptions {
    /// Whether anyone has an account yet (if not, the page explains the first step).
    pub has_accounts: bool,
    /// "Sign in with …": the provider's label, when single sign-on is configured.
    pub provider: Option<String>,
    /// Whether password sign-in is for break-glass accounts only.
    pub only_break_glass: bool,
}

/// The settings as given on the command line or in the environment, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OidcInput {
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub private_key: Option<String>,
    pub scopes: Option<String>,
    pub acr: Option<String>,
    pub button_label: Option<String>,
    pub role_claim: Option<String>,
    pub role_map: Option<String>,
    pub provision: bool,
    pub only: bool,
    pub userinfo: bool,
    /// The site's public address (`--public-url`), under which the callback is.
    pub public_url: Option<String>,
}

/// Checked single sign-on settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OidcSettings {
    /// The issuer URL, without a trailing slash (discovery is under it).
    pub issuer: String,
    pub client_id: String,
    pub auth: ClientAuth,
    /// Always including `openid`.
    pub scopes: Vec<String>,
    /// The assurance level asked for (`acr_values`), if any.
    pub acr: Option<String>,
    /// "Sign in with …": the provider's name as people know it.
    pub button_label: String,
    pub role_claim: String,
    pub role_map: Option<RoleMap>,
    /// Create an account on a first sign-in.
    pub provision: bool,
    /// Only break-glass accounts sign in with a password.
    pub only: bool,
    /// Read the person's claims from the userinfo endpoint too (Login.gov serves them
    /// only there).
    pub userinfo: bool,
    /// Where the provider sends the browser back: `--public-url` + [`CALLBACK_PATH`].
    pub redirect_uri: String,
    /// Where the provider sends the browser after signing out there.
    pub signed_out_uri: String,
}

/// A present, trimmed, non-empty value.
fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Whether `url` is an issuer a browser may be sent to: https, or http on this machine.
fn issuer_ok(url: &str) -> bool {
    let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if local.iter().any(|l| {
        url.strip_prefix(l)
            .is_some_and(|r| r.is_empty() || r.starts_with([':', '/']))
    }) {
        url.split_once("://").map_or("", |(_, r)| r)
    } else {
        return false;
    };
    !rest.is_empty()
        && !rest.starts_with('/')
        && !url.contains(['?', '#'])
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

impl OidcSettings {
    /// The provider's origin (scheme, host, port), which forms may be sent on to.
    pub fn origin(&self) -> Option<String> {
        let url = url::Url::parse(&self.issuer).ok()?;
        Some(url.origin().ascii_serialization()).filter(|o| o != "null")
    }
}

/// Checks the settings: `None` when single sign-on is not configured (no issuer and no
/// other OIDC setting), else the settings or an error naming the bad one by its flag.
pub fn check(input: &OidcInput) -> Result<Option<OidcSettings>, String> {
    let Some(issuer) = given(&input.issuer) else {
        let stray = [
            (&input.client_id, "--oidc-client-id"),
            (&input.client_secret, "--oidc-client-secret"),
            (&input.private_key, "--oidc-private-key"),
            (&input.role_map, "--oidc-role-map"),
        ]
        .into_iter()
        .find(|(v, _)| given(v).is_some());
        if let Some((_, flag)) = stray {
            return Err(format!("{flag} is set but --oidc-issuer is not"));
        }
        if input.provision || input.only {
            return Err("--oidc-provision and --oidc-only need --oidc-issuer".into());
        }
        return Ok(None);
    };
    // As the provider spells it: discovery requires the same string back.
    let issuer = issuer.to_string();
    if !issuer_ok(&issuer) {
        return Err(format!(
            "--oidc-issuer \"{issuer}\" is not an https address (http only on localhost)"
        ));
    }
    let client_id =
        given(&input.client_id).ok_or("--oidc-client-id is required with --oidc-issuer")?;
    let auth = match (given(&input.client_secret), given(&input.private_key)) {
        (Some(_), Some(_)) => {
            return Err("set one of --oidc-client-secret and --oidc-private-key, not both".into())
        }
        (Some(secret), None) => ClientAuth::Secret(secret),
        (None, Some(path)) => ClientAuth::PrivateKey(path),
        (None, None) => {
            return Err(
                "--oidc-client-secret or --oidc-private-key is required with --oidc-issuer".into(),
            )
        }
    };
    let mut scopes: Vec<String> = given(&input.scopes)
        .unwrap_or_else(|| DEFAULT_SCOPES.into())
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(bad) = scopes.iter().find(|s| {
        !s.chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
    }) {
        return Err(format!("--oidc-scopes: \"{bad}\" is not a scope"));
    }
    if !scopes.iter().any(|s| s == "openid") {
        scopes.insert(0, "openid".into());
    }
    let public_url = given(&input.public_url)
        .ok_or("--public-url (PLANTRACK_PUBLIC_URL) is required with --oidc-issuer")?;
    let public_url = public_url.trim_end_matches('/').to_string();
    if !issuer_ok(&public_url) {
        return Err(format!(
            "--public-url \"{public_url}\" is not an https address (http only on localhost)"
        ));
    }
    let role_map = match given(&input.role_map) {
        Some(text) => Some(RoleMap::parse(&text).map_err(|e| format!("--oidc-role-map: {e}"))?),
        None => None,
    };
    let button_label = given(&input.button_label).unwrap_or_else(|| "your agency account".into());
    if button_label.chars().count() > 60 || button_label.chars().any(char::is_control) {
        return Err("--oidc-button-label: at most 60 characters on one line".into());
    }
    Ok(Some(OidcSettings {
        issuer,
        client_id,
        auth,
        scopes,
        acr: given(&input.acr),
        button_label,
        role_claim: given(&input.role_claim).unwrap_or_else(|| DEFAULT_ROLE_CLAIM.into()),
        role_map,
        provision: input.provision,
        only: input.only,
        userinfo: input.userinfo,
        redirect_uri: redirect_uri(&public_url),
        signed_out_uri: format!("{public_url}{SIGNED_OUT_PATH}"),
    }))
}

/// The redirect URI registered with the provider for the site at `public_url`.
pub fn redirect_uri(public_url: &str) -> String {
    format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/'))
}

/// Who the provider says signed in, from a validated ID token (and userinfo).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// The token's `iss`.
    pub issuer: String,
    /// The token's `sub`: with the issuer, the link to one account.
    pub subject: String,
    /// The e-mail address, with whether the provider verified it.
    pub email: Option<String>,
    pub email_verified: bool,
    /// A name to show (`name`, else `preferred_username`).
    pub name: Option<String>,
    /// `preferred_username`, for a provisioned account's username.
    pub preferred_username: Option<String>,
    /// The groups the role claim holds.
    pub groups: Vec<String>,
    /// The assurance level the provider reports (recorded, not trusted as proof).
    pub acr: Option<String>,
}

/// Why a sign-in through the provider was refused: each has a code for the sign-in
/// page's address and a message for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Single sign-on is not configured on this site.
    NotConfigured,
    /// No sign-in was started in this browser, or it was already finished (a replayed or
    /// mismatched `state`).
    State,
    /// The provider answered with an error (the person cancelled, say).
    Provider,
    /// The code could not be exchanged (expired, used, or the provider refused us).
    Code,
    /// The ID token failed a check: signature, issuer, audience, expiry or nonce.
    Token,
    /// The provider could not be reached or its configuration read.
    Unreachable,
    /// No account is linked to this person and none may be created.
    NoAccount,
    /// The account is disabled.
    Disabled,
    /// Too many failed sign-ins from this address.
    Throttled,
}

impl Refusal {
    /// Every refusal, for the sign-in page and the tests.
    pub const ALL: [Refusal; 9] = [
        Refusal::NotConfigured,
        Refusal::State,
        Refusal::Provider,
        Refusal::Code,
        Refusal::Token,
        Refusal::Unreachable,
        Refusal::NoAccount,
        Refusal::Disabled,
        Refusal::Throttled,
    ];

    /// The code in `/login?error=sso-…` and the audit row.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotConfigured => "sso-off",
            Refusal::State => "sso-state",
            Refusal::Provider => "sso-provider",
            Refusal::Code => "sso-code",
            Refusal::Token => "sso-token",
            Refusal::Unreachable => "sso-unreachable",
            Refusal::NoAccount => "sso-no-account",
            Refusal::Disabled => "sso-disabled",
            Refusal::Throttled => "sso-throttled",
        }
    }

    /// The refusal a code names.
    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What the person is told.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotConfigured => "Single sign-on is not set up on this site.",
            Refusal::State => {
                "That sign-in was not started here or was already used. Start again with the button below."
            }
            Refusal::Provider => "The identity provider did not sign you in. Start again.",
            Refusal::Code => {
                "The identity provider's answer had expired or was refused. Start again."
            }
            Refusal::Token => {
                "The identity provider's answer failed a security check, so you were not signed in. Start again; if it keeps happening, tell your administrator."
            }
            Refusal::Unreachable => {
                "The identity provider cannot be reached just now. Try again in a few minutes."
            }
            Refusal::NoAccount => {
                "You signed in with the identity provider, but no plantrack account is linked to you. Ask an administrator to add one with your e-mail address."
            }
            Refusal::Disabled => "Your plantrack account is disabled. Ask an administrator.",
            Refusal::Throttled => {
                "Too many failed sign-ins from your address. Wait 15 minutes and try again."
            }
        }
    }
}

/// A username for a provisioned account: the provider's `preferred_username`, else the
/// e-mail's local part, folded to plantrack's alphabet; `None` when nothing usable is left.
pub fn username_from(identity: &Identity) -> Option<String> {
    let from = identity
        .preferred_username
        .as_deref()
        .or(identity.email.as_deref())?;
    let local = from.split('@').next().unwrap_or_default().to_lowercase();
    let folded: String = local
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(28)
        .collect();
    let folded = folded.trim_matches(['-', '.', '_']).to_string();
    (folded.chars().count() >= 3).then_some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(issuer: &str) -> OidcInput {
        OidcInput {
            issuer: Some(issuer.into()),
            client_id: Some("plantrack".into()),
            client_secret: Some("s3cret".into()),
            public_url: Some("https://plan.example.gov".into()),
            ..OidcInput::default()
        }
    }

    #[test]
    fn groups_map_to_the_most_powerful_role_and_never_to_admin_unless_said() {
        let map =
            RoleMap::parse("working_group=spwg, admin=plantrack-admins,manager=owners").unwrap();
        let g = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            map.role_for(&g(&["owners", "spwg"])),
            Some(Role::WorkingGroup)
        );
        assert_eq!(
            map.role_for(&g(&["plantrack-admins", "owners"])),
            Some(Role::Admin)
        );
        assert_eq!(map.role_for(&g(&["staff"])), None);
        assert_eq!(provisioned_role(Some(&map), &g(&["staff"])), Role::Viewer);
        assert_eq!(
            provisioned_role(None, &g(&["plantrack-admins"])),
            Role::Viewer
        );
        assert_eq!(provisioned_role(Some(&map), &g(&["owners"])), Role::Manager);
        assert_eq!(refreshed_role(None, &g(&[]), Role::Admin), Role::Admin);
        assert_eq!(
            refreshed_role(Some(&map), &g(&[]), Role::Manager),
            Role::Viewer
        );
        let wg_only = RoleMap::parse("working_group=spwg").unwrap();
        assert_eq!(
            refreshed_role(Some(&wg_only), &g(&[]), Role::Manager),
            Role::Manager
        );
        assert_eq!(
            refreshed_role(Some(&wg_only), &g(&[]), Role::WorkingGroup),
            Role::Viewer
        );
        assert!(RoleMap::parse("boss=x").unwrap_err().contains("not a role"));
        assert!(RoleMap::parse("admin").unwrap_err().contains("role=group"));
        assert!(RoleMap::parse(" , ").is_err());
    }

    #[test]
    fn a_groups_claim_is_read_in_the_shapes_providers_send() {
        use serde_json::json;
        assert_eq!(groups_of(&json!(["a", 1, "b"])), ["a", "b"]);
        assert_eq!(groups_of(&json!("a b,c")), ["a", "b", "c"]);
        assert!(groups_of(&json!({"a": 1})).is_empty());
        assert!(groups_of(&serde_json::Value::Null).is_empty());
    }

    #[test]
    fn settings_are_checked_with_the_bad_flag_named() {
        assert_eq!(check(&OidcInput::default()), Ok(None));
        let s = check(&input("https://login.example.gov/"))
            .unwrap()
            .unwrap();
        assert_eq!(s.issuer, "https://login.example.gov/");
        assert_eq!(s.origin().as_deref(), Some("https://login.example.gov"));
        assert_eq!(s.scopes, ["openid", "email", "profile"]);
        assert_eq!(s.auth, ClientAuth::Secret("s3cret".into()));
        assert_eq!(s.role_claim, "groups");
        assert!(check(&input("http://127.0.0.1:3900")).unwrap().is_some());
        for bad in [
            "http://login.example.gov",
            "login.example.gov",
            "https://",
            "https://x/?a=1",
            "http://localhost.evil",
        ] {
            let e = check(&input(bad)).unwrap_err();
            assert!(e.starts_with("--oidc-issuer"), "{bad}: {e}");
        }
        let mut both = input("https://id.example.gov");
        both.private_key = Some("key.pem".into());
        assert!(check(&both).unwrap_err().contains("not both"));
        let mut neither = input("https://id.example.gov");
        neither.client_secret = None;
        assert!(check(&neither)
            .unwrap_err()
            .contains("--oidc-client-secret or --oidc-private-key"));
        let mut no_id = input("https://id.example.gov");
        no_id.client_id = Some(" ".into());
        assert!(check(&no_id).unwrap_err().starts_with("--oidc-client-id"));
        let stray = OidcInput {
            client_id: Some("x".into()),
            ..OidcInput::default()
        };
        assert!(check(&stray).unwrap_err().contains("--oidc-issuer is not"));
        let mut scopes = input("https://id.example.gov");
        scopes.scopes = Some("email groups".into());
        assert_eq!(
            check(&scopes).unwrap().unwrap().scopes,
            ["openid", "email", "groups"]
        );
        let mut map = input("https://id.example.gov");
        map.role_map = Some("chief=x".into());
        assert!(check(&map).unwrap_err().starts_with("--oidc-role-map"));
        assert_eq!(
            s.redirect_uri,
            "https://plan.example.gov/auth/oidc/callback"
        );
        let mut no_site = input("https://id.example.gov");
        no_site.public_url = None;
        assert!(check(&no_site).unwrap_err().starts_with("--public-url"));
        assert_eq!(
            redirect_uri("https://plan.example.gov/"),
            "https://plan.example.gov/auth/oidc/callback"
        );
    }

    #[test]
    fn only_break_glass_accounts_keep_passwords_when_sign_in_is_through_the_provider() {
        assert!(may_sign_in_locally(false, false));
        assert!(may_sign_in_locally(true, true));
        assert!(!may_sign_in_locally(true, false));
    }

    #[test]
    fn refusals_round_trip_their_codes_and_usernames_are_folded() {
        for r in Refusal::ALL {
            assert_eq!(Refusal::from_code(r.code()), Some(r));
            assert!(r.message().ends_with('.'), "{r:?}");
        }
        assert_eq!(Refusal::from_code("sso-nope"), None);
        let id = |pref: Option<&str>, email: Option<&str>| Identity {
            preferred_username: pref.map(str::to_string),
            email: email.map(str::to_string),
            ..Identity::default()
        };
        assert_eq!(
            username_from(&id(Some("Ada.Lovelace@agency.gov"), None)).as_deref(),
            Some("ada.lovelace")
        );
        assert_eq!(
            username_from(&id(None, Some("J Q+ops@agency.gov"))).as_deref(),
            Some("j-q-ops")
        );
        assert_eq!(username_from(&id(Some("é"), None)), None);
        assert_eq!(username_from(&id(None, None)), None);
    }
}
