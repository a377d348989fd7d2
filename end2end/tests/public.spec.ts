import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

test('an administrator publishes the public page with a chosen measure and anyone reads it signed out', async ({ page, browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const name = `Visitors served (public, ${info.project.name})`;
  // A measure to publish, added by the administrator.
  await signIn(page, info, 'admin', '/measures/new?attach_to=4.2.1');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Unit').fill('visitors');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);

  // Administration → Public page: choose the measure, then publish.
  await page.getByText('Administration', { exact: true }).first().click();
  await page.getByRole('link', { name: 'Public page', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/public$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public performance page');
  expect(await violations(page, info)).toEqual([]);
  await page.locator('label.usa-checkbox__label', { hasText: name }).click();
  await expect(page.getByLabel(name)).toBeChecked();
  await page.getByRole('button', { name: 'Save the public measures' }).click();
  await expect(page.getByText(/measures? (is|are) on the public page now/)).toBeVisible();
  await expect(page.getByLabel(name)).toBeChecked();
  const publish = page.getByRole('button', { name: 'Publish the public page' });
  if (await publish.isVisible()) await publish.click();
  await expect(page.getByText(/^Published since /)).toBeVisible();

  // Signed out, in a browser of its own: the page, the measure, its table and chart.
  const visitor = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await open(visitor, '/public', info);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('performance');
  await expect(visitor.getByText(/^Last updated /)).toBeVisible();
  const measure = visitor.getByRole('article', { name });
  await expect(measure).toBeVisible();
  await expect(measure.getByRole('table', { name: `${name}: target and result by fiscal year` })).toBeVisible();
  await expect(measure.getByRole('row', { name: /FY2027/ })).toContainText('Year in progress');
  // Nothing recorded yet: no empty chart (it/public.rs reads a chart with results).
  await expect(measure.getByRole('img')).toHaveCount(0);
  await expect(visitor.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(visitor.getByText('e2e-admin')).toHaveCount(0);
  expect(await violations(visitor, info)).toEqual([]);
  // On a phone too.
  await visitor.setViewportSize({ width: 390, height: 900 });
  await open(visitor, '/public', info);
  await expect(visitor.getByRole('article', { name })).toBeVisible();
  expect(await violations(visitor, info)).toEqual([]);

  // Taken down, visitors find nothing there.
  await open(page, '/admin/public', info);
  await page.getByRole('button', { name: 'Take the public page down' }).click();
  await expect(page.getByText(/^Not published/)).toBeVisible();
  const gone = await visitor.goto('/public');
  expect(gone?.status()).toBe(404);
});
