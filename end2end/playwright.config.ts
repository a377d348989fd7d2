import { defineConfig } from '@playwright/test';

// The app under test: the debug binary that `cargo leptos build` made, one server per
// project (JavaScript on, off), each on its own port with a fresh SQLite database of its
// own (removed before start) and the bundled DRO excerpt, so neither run sees the other's
// data and a spec cannot pass on what the other project left behind.
const firstPort = Number(process.env.PLANTRACK_E2E_PORT ?? 3100);
// Test accounts, made before the server starts (test data only: the product has none).
export const E2E_PASSWORD = 'e2e-tide-river-lantern';
const accounts = () =>
  ['admin:admin', 'viewer:viewer', 'wg:working_group', 'mgr:manager']
    .map(
      (a) =>
        `echo "${E2E_PASSWORD}" | ./target/debug/plantrack user add ` +
        `e2e-${a.split(':')[0]} --role ${a.split(':')[1]} --password-stdin >/dev/null`,
    )
    .join(' && ');
// `sample-*`: the same, on a database `plantrack demo` filled with sample data (the
// sample-data banner), running sample.spec.ts only.
// `sso-*`: the same, signing in through a real OpenID Connect provider (oidc-provider,
// end2end/oidc/provider.mjs) with passwords kept for break-glass accounts only, running
// sso.spec.ts only.
const projects = ['js', 'nojs', 'sample-js', 'sample-nojs', 'sso-js', 'sso-nojs'] as const;
const portOf = (project: (typeof projects)[number]) => firstPort + projects.indexOf(project);
const urlOf = (project: (typeof projects)[number]) => `http://127.0.0.1:${portOf(project)}`;

/** The test identity provider, beside the app servers. */
const providerPort = firstPort + 10;
const issuer = `http://127.0.0.1:${providerPort}`;
const ssoSites = (['sso-js', 'sso-nojs'] as const).map(urlOf);
const provider = {
  command: 'node oidc/provider.mjs',
  cwd: '.',
  url: `${issuer}/.well-known/openid-configuration`,
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: { OIDC_PORT: String(providerPort), OIDC_REDIRECTS: ssoSites.join(',') },
};

/** Single sign-on settings for an `sso-*` project's server. */
const ssoEnv = (project: (typeof projects)[number]): Record<string, string> =>
  project.startsWith('sso')
    ? {
        PLANTRACK_PUBLIC_URL: urlOf(project),
        PLANTRACK_OIDC_ISSUER: issuer,
        PLANTRACK_OIDC_CLIENT_ID: 'plantrack',
        PLANTRACK_OIDC_CLIENT_SECRET: 'plantrack-test-secret',
        PLANTRACK_OIDC_SCOPES: 'openid email profile groups',
        PLANTRACK_OIDC_BUTTON_LABEL: 'Test provider',
        PLANTRACK_OIDC_ROLE_MAP: 'working_group=spwg',
        PLANTRACK_OIDC_PROVISION: 'true',
        PLANTRACK_OIDC_ONLY: 'true',
      }
    : {};

/** One app server for a project, on its own port and database. */
const server = (project: (typeof projects)[number]) => {
  // By port too: a second run on other ports (PLANTRACK_E2E_PORT) never wipes this one's.
  const dir = `target/e2e/${project}-${portOf(project)}`;
  const db = `${dir}/plantrack.db`;
  const demo = project.startsWith('sample')
    ? './target/debug/plantrack demo --strategies 150 --years 5 >/dev/null && '
    : '';
  // The break-glass administrator keeps password sign-in on the single sign-on sites.
  const glass = project.startsWith('sso')
    ? ` && echo "${E2E_PASSWORD}" | ./target/debug/plantrack user add e2e-glass --role admin --break-glass --password-stdin >/dev/null`
    : '';
  return {
    command: `rm -rf ${dir} && mkdir -p ${dir} && ${demo}${accounts()}${glass} && exec ./target/debug/plantrack --addr 127.0.0.1:${portOf(project)}`,
    cwd: '..',
    url: `${urlOf(project)}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      DATABASE_URL: `sqlite://${db}`,
      // The tests' own site folder (scripts/test.sh builds into it), never `make run`'s.
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? 'target/test-site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'plantrack',
      RUST_LOG: 'warn',
      // The app is given its date, so no test depends on the day it runs (FY2027 Q1).
      PLANTRACK_NOW: '2026-11-15',
      // The outbox's background round every second, so a reminder is handled at once.
      PLANTRACK_OUTBOX_SECONDS: '1',
      ...ssoEnv(project),
    },
  };
};

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  // scripts/e2e-shuffled.sh points this at a copy of the specs in another order.
  testDir: process.env.PLANTRACK_E2E_DIR ?? './tests',
  fullyParallel: false,
  // One spec at a time. Two projects at a time (`workers: 2` with `workers: 1` on each
  // project, so js ran beside nojs) was tried in session 25: five long specs then passed
  // the 30 s test timeout on two cores (docs/testing.md).
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: { ...chromium },
  projects: [
    // Hydrated: JavaScript on, every page must become interactive.
    { name: 'js', testIgnore: /(sample|sso)\.spec/, use: { baseURL: urlOf('js'), javaScriptEnabled: true } },
    // Server-rendered only: every page and form must work without JavaScript.
    { name: 'nojs', testIgnore: /(sample|sso)\.spec/, use: { baseURL: urlOf('nojs'), javaScriptEnabled: false } },
    // Sample data, with JavaScript on and off.
    { name: 'sample-js', testMatch: /sample\.spec/, use: { baseURL: urlOf('sample-js'), javaScriptEnabled: true } },
    { name: 'sample-nojs', testMatch: /sample\.spec/, use: { baseURL: urlOf('sample-nojs'), javaScriptEnabled: false } },
    // Single sign-on through the test provider, with JavaScript on and off.
    { name: 'sso-js', testMatch: /sso\.spec/, use: { baseURL: urlOf('sso-js'), javaScriptEnabled: true } },
    { name: 'sso-nojs', testMatch: /sso\.spec/, use: { baseURL: urlOf('sso-nojs'), javaScriptEnabled: false } },
  ],
  webServer: [...projects.map(server), provider],
});
