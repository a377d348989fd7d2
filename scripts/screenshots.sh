#!/usr/bin/env bash
# Takes the screenshots kept in docs/screenshots/ (and the README's, docs/screenshot.png):
# the charts with sparse data (the DRO excerpt with three updates) and with the
# 5,000-strategy sample, at a desktop's and a phone's width. Uses the binary and site
# that are built (release if there is one: `cargo leptos build --release`).
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/plantrack SITE=target/site
[ -x "$BIN" ] || { BIN=target/debug/plantrack SITE=${LEPTOS_SITE_ROOT:-target/test-site}; }
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release"; exit 1; }
export LEPTOS_SITE_ROOT=$SITE LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=plantrack RUST_LOG=warn
export PLANTRACK_NOW=2027-02-10 # FY2027 Q2: a quarter into the year, so trends have a past
DIR=target/screenshots
rm -rf "$DIR" && mkdir -p "$DIR" docs/screenshots
PASSWORD=tide-river-lantern-camera
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

serve() { # $1 name, $2 port, $3 demo args (empty: the bundled DRO excerpt)
  export DATABASE_URL="sqlite://$DIR/$1.db"
  [ -n "$3" ] && "$BIN" demo $3 >/dev/null
  echo "$PASSWORD" | "$BIN" user add photographer --role admin --password-stdin >/dev/null
  "$BIN" --addr "127.0.0.1:$2" >"$DIR/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.1; done
  echo "the $1 server did not start"; exit 1
}
serve sparse 3301 ""
serve sample 3302 "--strategies 5000 --years 10"

cd end2end
SHOTS_PASSWORD=$PASSWORD node - <<'JS'
const { chromium } = require('@playwright/test');
const out = '../docs/screenshots';
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [name, port] of [['sparse', 3301], ['sample', 3302]]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const base = `http://127.0.0.1:${port}`;
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('photographer');
    await page.getByLabel('Password').fill(process.env.SHOTS_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    if (name === 'sparse') {
      // Three updates: the picture a plan has early in its first quarter of use.
      for (const [n, status, pct] of [['4.1.1', 'On track', '40'], ['4.1.2', 'At risk', '20'], ['5.1.1', 'Completed', '100']]) {
        await page.goto(`${base}/strategies/${n}/status`);
        await page.locator('label.usa-radio__label', { hasText: status }).click();
        await page.getByLabel('Percent complete').fill(pct);
        if (status === 'At risk') {
          await page.getByLabel('Explanation').fill('Vendor delivery slipped a quarter.');
          await page.getByLabel('Corrective action').fill('Second vendor engaged.');
        }
        await page.getByRole('button', { name: 'Save status' }).click();
        await page.waitForURL(new RegExp(`/strategies/${n.replace(/\./g, '\\.')}$`));
      }
    }
    for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [path, file] of [['/', 'dashboard'], ['/goals/4', 'goal'], ['/heatmap', 'heatmap'], ['/quarters', 'quarter']]) {
        await page.goto(`${base}${path}`);
        await page.screenshot({ path: `${out}/${file}-${name}-${label}.png`, fullPage: file === 'dashboard' || file === 'heatmap' });
      }
    }
    if (name === 'sparse') {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/`);
      await page.screenshot({ path: '../docs/screenshot.png' });
    }
    await context.close();
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
JS
echo "screenshots in docs/screenshots/ and docs/screenshot.png"
