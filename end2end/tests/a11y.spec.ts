import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

test('axe finds no violations on the sign-in page', async ({ page }, info) => {
  await open(page, '/login', info);
  expect(await violations(page)).toEqual([]);
});

const pages = ['/', '/goals/4', '/goals/3', '/objectives/4.1', '/strategies/4.1.3', '/goals/99',
  '/admin/import', '/admin/users', '/admin/audit', '/account/password', '/quarters',
  '/strategies/4.2.1/status', '/app', '/ip', '/cycle', '/measures/import',
  '/measures/new?attach_to=4.1.3', '/heatmap'];
for (const path of pages) {
  test(`axe finds no violations on ${path}`, async ({ page }, info) => {
    await signIn(page, info, 'admin');
    await open(page, path, info);
    expect(await violations(page)).toEqual([]);
  });
}

test('axe finds no violations on an import preview', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/admin/import');
  await page.getByLabel('Plan text').fill('Title\n\nGoal 1: A: B.\nstray\n\nmore stray\n\n1.2.1: C\n');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  await open(page, page.url(), info);
  expect(await violations(page)).toEqual([]);
});
