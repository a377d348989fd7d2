//! The relying party's side of the provider: its discovered configuration and keys
//! (cached, fetched again on an unknown signing key), the client built from them, the
//! code exchange with `client_secret_basic` or `private_key_jwt`, and the ID token checks.

use app::model::oidc::{groups_of, ClientAuth, Identity, OidcSettings};
use openidconnect::core::{CoreClient, CoreGenderClaim, CoreIdToken};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, EmptyAdditionalClaims,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenClaims, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl,
    SignatureVerificationError, TokenResponse,
};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// The client as built from discovery: authorization endpoint set, token and userinfo
/// endpoints as the provider gives them.
pub type Rp = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long discovered configuration and keys are used before being fetched again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// Clock difference allowed between the provider and this server on a token's expiry.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(120);

/// How long the provider may take to answer one request.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// What went wrong talking to the provider; the text is for the audit row and the log
/// (never a token).
#[derive(Debug)]
pub enum Failure {
    /// Discovery or the key set could not be fetched.
    Unreachable(String),
    /// The code exchange was refused.
    Code(String),
    /// The ID token failed a check.
    Token(String),
}

/// The private key that signs `private_key_jwt` client assertions.
struct ClientKey {
    key: jsonwebtoken::EncodingKey,
    alg: jsonwebtoken::Algorithm,
}

/// The relying party: settings, an HTTP client that never follows redirects, the cached
/// provider configuration.
pub struct RelyingParty {
    pub settings: OidcSettings,
    http: reqwest::Client,
    key: Option<ClientKey>,
    metadata: RwLock<Option<(ProviderMetadataWithLogout, Instant)>>,
}

/// Reads a `--oidc-private-key` file: an RSA (RS256) or EC P-256 (ES256) key in PEM.
fn load_key(path: &str) -> Result<ClientKey, String> {
    let pem = std::fs::read(path)
        .map_err(|e| format!("--oidc-private-key {path}: cannot be read ({e})"))?;
    if let Ok(key) = jsonwebtoken::EncodingKey::from_rsa_pem(&pem) {
        return Ok(ClientKey {
            key,
            alg: jsonwebtoken::Algorithm::RS256,
        });
    }
    if let Ok(key) = jsonwebtoken::EncodingKey::from_ec_pem(&pem) {
        return Ok(ClientKey {
            key,
            alg: jsonwebtoken::Algorithm::ES256,
        });
    }
    Err(format!(
        "--oidc-private-key {path}: not an RSA or P-256 private key in PEM"
    ))
}

impl RelyingParty {
    /// The relying party for checked settings; the key file is read now.
    pub fn new(settings: OidcSettings) -> Result<RelyingParty, String> {
        let key = match &settings.auth {
            ClientAuth::PrivateKey(path) => Some(load_key(path)?),
            ClientAuth::Secret(_) => None,
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(RelyingParty {
            settings,
            http,
            key,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's configuration and keys: cached, or fetched when `fresh` or stale.
    pub async fn metadata(&self, fresh: bool) -> Result<ProviderMetadataWithLogout, Failure> {
        if !fresh {
            if let Some((m, at)) = self.metadata.read().await.as_ref() {
                if at.elapsed() < METADATA_TTL {
                    return Ok(m.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| Failure::Unreachable(format!("issuer: {e}")))?;
        let found = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Failure::Unreachable(format!("discovery: {e}")))?;
        *self.metadata.write().await = Some((found.clone(), Instant::now()));
        Ok(found)
    }

    /// The client for this configuration.
    pub fn client(&self, metadata: &ProviderMetadataWithLogout) -> Result<Rp, Failure> {
        let secret = match &self.settings.auth {
            ClientAuth::Secret(s) => Some(ClientSecret::new(s.clone())),
            ClientAuth::PrivateKey(_) => None,
        };
        let redirect = RedirectUrl::new(self.settings.redirect_uri.clone())
            .map_err(|e| Failure::Unreachable(format!("redirect URI: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect))
    }

    /// A `private_key_jwt` assertion for the token endpoint `audience`.
    fn assertion(&self, key: &ClientKey, audience: &str) -> Result<String, Failure> {
        use rand::Rng;
        let now = chrono::Utc::now().timestamp();
        let jti: String = rand::thread_rng()
            .sample_iter(&rand::distributions::Alphanumeric)
            .take(32)
            .map(char::from)
            .collect();
        let claims = serde_json::json!({
            "iss": self.settings.client_id,
            "sub": self.settings.client_id,
            "aud": audience,
            "jti": jti,
            "iat": now,
            "exp": now + 300,
        });
        jsonwebtoken::encode(&jsonwebtoken::Header::new(key.alg), &claims, &key.key)
            .map_err(|e| Failure::Code(format!("client assertion: {e}")))
    }

    /// Exchanges the code for tokens and checks the ID token (signature from the
    /// provider's keys — fetched again once when the key is unknown, as after a rotation —
    /// issuer, audience, expiry, nonce): who signed in, and the raw ID token (for the
    /// sign-out hint).
    pub async fn finish(
        &self,
        code: String,
        verifier: String,
        nonce: String,
    ) -> Result<(Identity, CoreIdToken, ProviderMetadataWithLogout), Failure> {
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata)?;
        let mut request = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Failure::Code(format!("token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier));
        if let Some(key) = &self.key {
            let audience = metadata
                .token_endpoint()
                .map(|u| u.to_string())
                .unwrap_or_default();
            request = request
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", self.assertion(key, &audience)?);
        }
        let tokens = request
            .request_async(&self.http)
            .await
            .map_err(|e| Failure::Code(exchange_error(&e)))?;
        let id_token = tokens
            .id_token()
            .cloned()
            .ok_or_else(|| Failure::Token("no ID token in the answer".into()))?;
        let nonce = Nonce::new(nonce);
        let claims = match self.check(&client, &id_token, &nonce) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                // The provider may have rotated its keys: fetch them again, once.
                let fresh = self.metadata(true).await?;
                let client = self.client(&fresh)?;
                self.check(&client, &id_token, &nonce)
            }
            other => other,
        }
        .map_err(|e| Failure::Token(e.to_string()))?;
        let mut identity = self.identity(&claims, &id_token);
        if self.settings.userinfo {
            let access = tokens.access_token().clone();
            self.add_userinfo(&client, access, claims.subject().clone(), &mut identity)
                .await?;
        }
        Ok((identity, id_token, metadata))
    }

    /// The ID token's claims if every check passes.
    fn check(
        &self,
        client: &Rp,
        id_token: &CoreIdToken,
        nonce: &Nonce,
    ) -> Result<IdTokenClaims<EmptyAdditionalClaims, CoreGenderClaim>, ClaimsVerificationError>
    {
        let verifier = client
            .id_token_verifier()
            .set_time_fn(|| chrono::Utc::now() - CLOCK_SKEW);
        id_token.claims(&verifier, nonce).cloned()
    }

    /// Who signed in, from checked claims; groups from the configured claim of the same
    /// (checked) token.
    fn identity(
        &self,
        claims: &IdTokenClaims<EmptyAdditionalClaims, CoreGenderClaim>,
        id_token: &CoreIdToken,
    ) -> Identity {
        let payload = checked_payload(&id_token.to_string());
        let groups = payload
            .get(&self.settings.role_claim)
            .map(groups_of)
            .unwrap_or_default();
        Identity {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            preferred_username: claims.preferred_username().map(|u| u.to_string()),
            groups,
            acr: claims.auth_context_ref().map(|a| a.to_string()),
        }
    }
}

/// Every claim of a userinfo answer, by name (the groups claim's name is configured).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct AllClaims {
    #[serde(flatten)]
    claims: serde_json::Map<String, serde_json::Value>,
}

impl openidconnect::AdditionalClaims for AllClaims {}

impl RelyingParty {
    /// Fills what the ID token left out from the userinfo endpoint (its `sub` must be the
    /// token's): e-mail, whether verified, names, groups.
    async fn add_userinfo(
        &self,
        client: &Rp,
        access: openidconnect::AccessToken,
        subject: openidconnect::SubjectIdentifier,
        identity: &mut Identity,
    ) -> Result<(), Failure> {
        let request = client
            .user_info(access, Some(subject))
            .map_err(|e| Failure::Token(format!("userinfo: {e}")))?;
        let info: openidconnect::UserInfoClaims<AllClaims, CoreGenderClaim> = request
            .request_async(&self.http)
            .await
            .map_err(|e| Failure::Token(format!("userinfo: {e}")))?;
        if identity.email.is_none() {
            identity.email = info.email().map(|e| e.to_string());
            identity.email_verified = info.email_verified().unwrap_or(false);
        }
        if identity.name.is_none() {
            identity.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
        }
        if identity.preferred_username.is_none() {
            identity.preferred_username = info.preferred_username().map(|u| u.to_string());
        }
        if identity.groups.is_empty() {
            let extra = &info.additional_claims().claims;
            identity.groups = extra
                .get(&self.settings.role_claim)
                .map(groups_of)
                .unwrap_or_default();
        }
        Ok(())
    }
}

/// The claims of a compact JWS whose signature was already checked, as JSON.
fn checked_payload(compact: &str) -> serde_json::Map<String, serde_json::Value> {
    use base64::Engine;
    compact
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// What the token endpoint said, without anything secret: its error code and
/// description, or the kind of failure.
fn exchange_error<E: std::error::Error>(e: &E) -> String {
    let text = e.to_string();
    text.chars().take(200).collect()
}
