import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

test('axe finds no violations on the sign-in page', async ({ page }, info) => {
  await open(page, '/login', info);
  expect(await violations(page, info)).toEqual([]);
});

const pages = ['/', '/goals/4', '/goals/3', '/objectives/4.1', '/strategies/4.1.3', '/goals/99',
  '/admin/import', '/admin/users', '/admin/audit', '/account/password', '/quarters',
  '/strategies/4.2.1/status', '/app', '/ip', '/cycle', '/measures/import',
  '/measures/new?attach_to=4.1.3', '/heatmap', '/plan/proposals', '/plan/proposals/new',
  '/plan/proposals/new?kind=owner', '/plan/proposals/new?kind=new', '/plan/proposals/new?kind=retire',
  '/plan/proposals/new?kind=measure', '/plan/proposals/new?kind=target', '/plan/revisions',
  '/plan/revisions/1', '/budget/2027', '/app/2028/start', '/account/tokens'];
for (const path of pages) {
  test(`axe finds no violations on ${path}`, async ({ page }, info) => {
    await signIn(page, info, 'admin');
    await open(page, path, info);
    expect(await violations(page, info)).toEqual([]);
  });
}

test('axe finds no violations on the API documentation', async ({ page }, info) => {
  // A plain page the server writes from the OpenAPI document: nothing to hydrate.
  await page.goto('/api/v1/docs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('plantrack API, version 1');
  await expect(page.getByRole('heading', { name: 'POST /api/v1/strategies/{number}/status' })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});

test('axe finds no violations on an import preview', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/admin/import');
  await page.getByLabel('Plan text').fill('Title\n\nGoal 1: A: B.\nstray\n\nmore stray\n\n1.2.1: C\n');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  await open(page, page.url(), info);
  expect(await violations(page, info)).toEqual([]);
});

// What a leadership viewer and a manager see, with their own controls (and none of others').
const readerPages = ['/', '/goals/4', '/strategies/4.1.3', '/strategies/4.1.3/status', '/quarters',
  '/app', '/ip', '/cycle', '/heatmap', '/account/password', '/plan/proposals', '/plan/revisions',
  '/budget/2027'];
for (const who of ['viewer', 'mgr']) {
  for (const path of readerPages) {
    test(`axe finds no violations on ${path} as ${who}`, async ({ page }, info) => {
      await signIn(page, info, who);
      await open(page, path, info);
      expect(await violations(page, info)).toEqual([]);
    });
  }
}

test('axe finds no violations on the refusal a viewer gets for an administrator page', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  const response = await open(page, '/admin/users', info);
  expect(response?.status()).toBe(403);
  expect(await violations(page, info)).toEqual([]);
});

test('axe finds no violations on a status form that came back with errors', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '4.3.1' : '4.3.2';
  await signIn(page, info, 'wg', `/strategies/${number}/status`);
  await page.locator('label.usa-radio__label', { hasText: 'Off track' }).click();
  await page.getByLabel('Percent complete').fill('250');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await settle(page, info);
  expect(await violations(page, info)).toEqual([]);
});

test('axe finds no violations on the conflict form', async ({ browser }, info) => {
  const number = info.project.name === 'js' ? '4.4.1' : '4.4.2';
  const js = info.project.name === 'js';
  const a = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const b = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(a, info, 'wg', `/strategies/${number}/status`);
  await signIn(b, info, 'admin', `/strategies/${number}/status`);
  for (const [p, text] of [[a, 'First'], [b, 'Second']] as const) {
    await p.locator('label.usa-radio__label', { hasText: 'On track' }).click();
    await p.getByLabel('Percent complete').fill('50');
    await p.getByLabel('Accomplishments').fill(text);
  }
  await a.getByRole('button', { name: 'Submit status' }).click();
  await expect(a).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await b.getByRole('button', { name: 'Submit status' }).click();
  await expect(b.getByRole('heading', { name: 'Someone else saved first' })).toBeVisible();
  await settle(b, info);
  expect(await violations(b, info)).toEqual([]);
});
