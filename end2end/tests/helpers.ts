import { expect, Page, TestInfo } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';

/** What the browser refused under the Content-Security-Policy, per page. */
const refusals = new WeakMap<Page, string[]>();

/** Starts noting the page's Content-Security-Policy refusals (once per page). */
export function watchPolicy(page: Page) {
  if (refusals.has(page)) return;
  const seen: string[] = [];
  refusals.set(page, seen);
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.push(`CSP: ${message.text()}`);
  });
}

/** Opens a page and, when JavaScript is on, waits until it has hydrated. */
export async function open(page: Page, path: string, info: TestInfo) {
  watchPolicy(page);
  const response = await page.goto(path);
  await settle(page, info);
  return response;
}

/** Waits for hydration in the JavaScript project; nothing to wait for without it. */
export async function settle(page: Page, info: TestInfo) {
  if (info.project.use.javaScriptEnabled !== false) {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** Signs in through the sign-in form as one of the e2e accounts (admin, viewer, wg, mgr). */
export async function signIn(page: Page, info: TestInfo, who: string, next = '/') {
  await open(page, `/login?next=${encodeURIComponent(next)}`, info);
  await page.getByLabel('Username').fill(`e2e-${who}`);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await settle(page, info);
}

const axeSource: string = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practice) on the page; returns the violations,
 * and anything the browser refused under the Content-Security-Policy.
 * In the `nojs` project the page cannot run axe (scripts and timers are off), so axe runs
 * on a copy of exactly what was served (scripts removed, the site's stylesheets loaded)
 * in a scratch page of its own.
 */
export async function violations(page: Page, info?: TestInfo) {
  return [...(await axeViolations(page, info)), ...(refusals.get(page) ?? [])];
}

async function axeViolations(page: Page, info?: TestInfo) {
  if (info && info.project.use.javaScriptEnabled === false) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    const origin = new URL(page.url()).origin;
    const scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    try {
      const copy = await scratch.newPage();
      await copy.setContent(html.replace(/<head>/i, `<head><base href="${origin}/">`), { waitUntil: 'load' });
      return await runAxe(copy);
    } finally {
      await scratch.close();
    }
  }
  return runAxe(page);
}

async function runAxe(page: Page) {
  // Evaluated by the browser's debugger protocol, which the page's policy does not govern
  // (the page itself may not eval).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
}

/**
 * Runs `measure` in the page, or (in the `nojs` project, where the page cannot run
 * scripts) in a scratch copy of exactly what was served, at the same viewport, with the
 * site's stylesheets and scripts removed — what a person without JavaScript sees.
 */
export async function measure<T>(page: Page, info: TestInfo, measure: () => T): Promise<T> {
  if (info.project.use.javaScriptEnabled !== false) {
    return page.evaluate(measure);
  }
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const origin = new URL(page.url()).origin;
  const scratch = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
  try {
    const copy = await scratch.newPage();
    await copy.setContent(html.replace(/<head>/i, `<head><base href="${origin}/">`), { waitUntil: 'load' });
    return await copy.evaluate(measure);
  } finally {
    await scratch.close();
  }
}
