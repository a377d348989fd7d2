// A real OpenID Connect provider for plantrack's tests: oidc-provider (the OpenID
// Certified Node.js provider) with its development sign-in and consent forms. Anyone may
// sign in with any login and password; the login is the subject, `LOGIN@example.gov` the
// verified e-mail (unverified when the login starts with "unverified"), and the groups
// claim what /test/groups last set for the login (ada: spwg, bob: staff at start).
//
// Environment:
//   OIDC_PORT         port on 127.0.0.1 (the issuer is http://127.0.0.1:PORT)
//   OIDC_REDIRECTS    comma-separated plantrack sites (http://127.0.0.1:3100,...): each
//                     gets /auth/oidc/callback and /login?signed_out=1 registered
//   OIDC_SECRET       the client secret of client "plantrack" (client_secret_basic)
//   OIDC_CLIENT_JWKS  a file with the public JWK set of client "plantrack-jwt"
//                     (private_key_jwt), when given
//   OIDC_USERINFO_ONLY  when set, the person's claims are served from userinfo only, as
//                     Login.gov does (not in the ID token)
//   OIDC_ACR          the assurance level every ID token reports (the development
//                     sign-in form sets none), when given
// Test controls (this script only): POST /test/groups?login=L&groups=a,b sets a login's
// groups; POST /test/mode?next=audience|unknown-key makes the next token answer carry an
// ID token for another audience, or one signed by a key the provider does not publish.
// POST /test/rotate replaces the signing key (a key rotation at the provider).
import Provider from 'oidc-provider';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

// `node provider.mjs --make-client-key DIR`: writes a private_key_jwt client's key pair,
// DIR/client-key.pem (for plantrack) and DIR/client-jwks.json (for OIDC_CLIENT_JWKS).
if (process.argv[2] === '--make-client-key') {
  const dir = process.argv[3];
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(`${dir}/client-key.pem`, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const jwk = { ...publicKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'plantrack-client' };
  writeFileSync(`${dir}/client-jwks.json`, JSON.stringify({ keys: [jwk] }));
  process.exit(0);
}

const port = Number(process.env.OIDC_PORT ?? 3900);
const issuer = `http://127.0.0.1:${port}`;
const sites = (process.env.OIDC_REDIRECTS ?? '').split(',').filter(Boolean);
const redirectUris = sites.map((s) => `${s.replace(/\/$/, '')}/auth/oidc/callback`);
const signedOutUris = sites.map((s) => `${s.replace(/\/$/, '')}/login?signed_out=1`);

const rsaJwk = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' } };
};
let signing = rsaJwk();
const stranger = rsaJwk();

const groups = new Map([['ada', ['spwg']], ['bob', ['staff']]]);
let nextMode = '';

const clients = [
  {
    client_id: 'plantrack',
    client_secret: process.env.OIDC_SECRET ?? 'plantrack-test-secret',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: signedOutUris,
    token_endpoint_auth_method: 'client_secret_basic',
  },
];
if (process.env.OIDC_CLIENT_JWKS) {
  clients.push({
    client_id: 'plantrack-jwt',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: signedOutUris,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS256',
    jwks: JSON.parse(readFileSync(process.env.OIDC_CLIENT_JWKS, 'utf8')),
  });
}

/** A provider signing with the current key (a new one after each rotation). */
const build = () => {
const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signing.jwk] },
  // Claims in the ID token itself (a provider may also serve them from userinfo).
  conformIdTokenClaims: Boolean(process.env.OIDC_USERINFO_ONLY),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
    acr: null,
  },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  acrValues: ['urn:test:loa:1', 'urn:test:loa:2'],
  cookies: { keys: ['plantrack-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@example.gov`,
          email_verified: !id.startsWith('unverified'),
          name: `${id[0]?.toUpperCase() ?? ''}${id.slice(1)} Example`,
          preferred_username: id,
          groups: groups.get(id) ?? [],
        };
      },
    };
  },
});

async function logoutSource(ctx, form) {
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head>
<body><main><h1>Sign out of the test provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
</main></body></html>`;
}

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** Re-signs an ID token's claims with `key`, changed by `change`. */
function resign(idToken, key, change) {
  const [, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(claims);
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: key.jwk.kid })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(key.privateKey).toString('base64url');
  return `${head}.${signature}`;
}

provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/test/rotate') {
    signing = rsaJwk();
    handler = build().callback();
    ctx.body = 'ok';
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/test/groups') {
    groups.set(ctx.query.login, String(ctx.query.groups ?? '').split(',').filter(Boolean));
    ctx.body = 'ok';
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/test/mode') {
    nextMode = String(ctx.query.next ?? '');
    ctx.body = 'ok';
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && process.env.OIDC_ACR) {
    ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, signing, (c) => { c.acr = process.env.OIDC_ACR; }) };
  }
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && nextMode) {
    const mode = nextMode;
    nextMode = '';
    ctx.body = {
      ...ctx.body,
      id_token:
        mode === 'audience'
          ? resign(ctx.body.id_token, signing, (c) => { c.aud = 'someone-else'; })
          : resign(ctx.body.id_token, stranger, () => {}),
    };
  }
});

return provider;
};

let handler = build().callback();
createServer((req, res) => handler(req, res)).listen(port, '127.0.0.1', () => {
  console.log(`test identity provider at ${issuer}`);
});
