import { expect, test } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';
import { open, signIn, violations } from './helpers';

// The interactive parts of the pages are Leptos islands (docs/architecture.md): the
// header's Menu on a phone (a <details>, so it folds without JavaScript too; the island
// adds Escape) and the write forms' submit buttons. Each must work once the
// page is interactive, and the page must work the same without JavaScript.

/** Every page an administrator can open from the navigation, and those under them. */
const pages = [
  '/',
  '/goals/4',
  '/objectives/4.1',
  '/strategies/4.1.3',
  '/strategies/4.1.3/status?quarter=2027-Q1',
  '/quarters',
  '/app',
  '/ip',
  '/cycle',
  '/heatmap?goal=4',
  '/measures/new',
  '/measures/import',
  '/account/password',
  '/admin/users',
  '/admin/audit',
  '/admin/import',
];

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the navigation folds behind Menu on every page, with JavaScript and without', async ({ page }, info) => {
    const js = info.project.use.javaScriptEnabled !== false;
    await signIn(page, info, 'admin');
    for (const path of pages) {
      await open(page, path, info);
      const nav = page.getByRole('navigation', { name: 'Primary' });
      const menu = page.locator('summary', { hasText: 'Menu' });
      await expect(menu, path).toBeVisible();
      await expect(nav, path).toBeHidden();
      await menu.click();
      await expect(nav.getByRole('link', { name: 'Quarter status' }), path).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' }), path).toBeVisible();
      if (js) {
        // Once interactive, Escape closes it and gives focus back to Menu.
        await page.keyboard.press('Escape');
        await expect(nav, path).toBeHidden();
        await expect(menu, path).toBeFocused();
        // Opened again by keyboard, the menu's links lead on.
        await page.keyboard.press('Enter');
        await expect(nav.getByRole('link', { name: 'Planning cycle' }), path).toBeVisible();
      }
    }
    expect(await violations(page, info)).toEqual([]);
    await page.getByRole('link', { name: 'Planning cycle' }).click();
    await expect(page).toHaveURL(/\/cycle$/);
  });
});

test('on a wide screen the navigation is shown and there is no Menu', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await expect(nav.getByRole('link', { name: 'APP', exact: true })).toBeVisible();
  await expect(page.locator('summary', { hasText: 'Menu' })).toBeHidden();
  // The heat map is one of the places the navigation leads.
  await nav.getByRole('link', { name: 'Heat map' }).click();
  await expect(page).toHaveURL(/\/heatmap$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Status heat map');
});

test('a form being sent says so and is not sent twice', async ({ page }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  await open(page, '/login?next=%2Fcycle', info);
  await page.getByLabel('Username').fill('e2e-viewer');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  const button = page.getByRole('button', { name: /^Sign/ });
  if (js) {
    // Count the submissions and keep the page here, as if the server were slow.
    await page.evaluate(() => {
      (window as any).submits = 0;
      document.querySelector('form')!.addEventListener('submit', (e) => {
        (window as any).submits += 1;
        e.preventDefault();
      });
    });
    await button.click();
    await expect(button).toHaveText('Signing in…');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    // A second click (forced: Playwright waits for an enabled button otherwise) sends nothing.
    await button.click({ force: true });
    await button.click({ force: true });
    expect(await page.evaluate(() => (window as any).submits)).toBe(1);
    return;
  }
  // Without JavaScript it is a plain submit button.
  await button.click();
  await expect(page).toHaveURL(/\/cycle$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Planning cycle');
});

test('a form the browser refuses to send keeps its button ready', async ({ page }, info) => {
  test.skip(info.project.use.javaScriptEnabled === false, 'the island is the JavaScript part');
  await open(page, '/login', info);
  // Username is required: the browser refuses the form, so the button must not say it is sending.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute('aria-disabled', 'true');
  await expect(page).toHaveURL(/\/login$/);
});
