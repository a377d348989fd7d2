import { expect, Page, TestInfo } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';

/** Opens a page and, when JavaScript is on, waits until it has hydrated. */
export async function open(page: Page, path: string, info: TestInfo) {
  const response = await page.goto(path);
  await settle(page, info);
  return response;
}

/** Waits for hydration in the JavaScript project; nothing to wait for without it. */
export async function settle(page: Page, info: TestInfo) {
  if (info.project.name === 'js') {
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

const axePath = require.resolve('axe-core/axe.min.js');

/** Runs axe-core (WCAG 2.1 A/AA and best practice) on the page; returns the violations. */
export async function violations(page: Page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
}
