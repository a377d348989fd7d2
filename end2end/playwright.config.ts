import { defineConfig } from '@playwright/test';

// The app under test: the debug binary that `cargo leptos build` made, on its own port
// and a fresh SQLite database (removed before start), with the bundled DRO excerpt.
const port = Number(process.env.PLANTRACK_E2E_PORT ?? 3100);
// Test accounts, made before the server starts (test data only: the product has none).
export const E2E_PASSWORD = 'e2e-tide-river-lantern';
const accounts = ['admin:admin', 'viewer:viewer', 'wg:working_group', 'mgr:manager']
  .map(
    (a) =>
      `echo "${E2E_PASSWORD}" | ./target/debug/plantrack user add e2e-${a.split(':')[0]} ` +
      `--role ${a.split(':')[1]} --password-stdin >/dev/null`,
  )
  .join(' && ');
const baseURL = `http://127.0.0.1:${port}`;

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
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: { baseURL, ...chromium },
  projects: [
    // Hydrated: JavaScript on, every page must become interactive.
    { name: 'js', use: { javaScriptEnabled: true } },
    // Server-rendered only: every page and form must work without JavaScript.
    { name: 'nojs', use: { javaScriptEnabled: false }, testIgnore: /a11y/ },
  ],
  webServer: {
    command: `rm -rf target/e2e && mkdir -p target/e2e && ${accounts} && exec ./target/debug/plantrack --addr 127.0.0.1:${port}`,
    cwd: '..',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://target/e2e/plantrack.db',
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'plantrack',
      RUST_LOG: 'warn',
      // The app is given its date, so no test depends on the day it runs (FY2027 Q1).
      PLANTRACK_NOW: '2026-11-15',
    },
  },
});
