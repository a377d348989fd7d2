import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// Personal access tokens (issue 21): made on the account page, shown once, revoked.

test('a token is made, shown once, listed and revoked', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/account/tokens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Access tokens');
  expect(await violations(page, info)).toEqual([]);

  await page.getByRole('button', { name: 'Make token' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Name the token');

  await page.getByLabel('Name').fill('Finance spreadsheet');
  await page.locator('label.usa-radio__label', { hasText: 'Read only' }).click();
  await page.getByLabel('Expires after').selectOption('30');
  await page.getByRole('button', { name: 'Make token' }).click();
  await settle(page, info);
  await expect(page.getByRole('status').filter({ hasText: 'shown only this once' })).toBeVisible();
  await expect(page.locator('#new-token')).toHaveText(/^plt_[0-9a-f]{40}$/);
  const row = page.getByRole('row', { name: /Finance spreadsheet/ });
  await expect(row).toContainText('Read only');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never used');
  expect(await violations(page, info)).toEqual([]);

  await open(page, '/account/tokens', info);
  await expect(page.locator('#new-token')).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke Finance spreadsheet' }).click();
  await settle(page, info);
  await expect(page.getByRole('row', { name: /Finance spreadsheet/ })).toContainText('Revoked');
});
