import { expect, test } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';
import { open, settle, violations } from './helpers';

// The sso-* projects: plantrack signs people in through a real OpenID Connect provider
// (oidc-provider, end2end/oidc/provider.mjs: any login, groups ada → spwg), with
// working_group=spwg mapped, accounts provisioned, and passwords for break-glass only.

test('a person signs in with the identity provider, gets their group’s role, and signs out', async ({ page }, info) => {
  await open(page, '/login', info);
  expect(await violations(page, info)).toEqual([]);
  await expect(page.getByRole('button', { name: 'Sign in with Test provider' })).toBeVisible();
  // Passwords are folded away for break-glass administrators.
  await expect(page.getByLabel('Username')).toBeHidden();
  await page.getByRole('button', { name: 'Sign in with Test provider' }).click();
  // The provider's own sign-in and consent forms.
  await page.getByPlaceholder('Enter any login').fill('ada');
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Back on plantrack, signed in as a new account with the mapped role.
  await expect(page).toHaveURL(new RegExp(`${info.project.use.baseURL}/$`));
  await settle(page, info);
  await expect(page.locator('.pt-header__wide .pt-account__who')).toHaveText(/Ada Example — Working group/);
  expect(await violations(page, info)).toEqual([]);
  // Signing out ends the provider's session too, then comes back to sign-in.
  await page.locator('.pt-header__wide').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  await expect(page.getByText('You are signed out.')).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});

test('a break-glass administrator still signs in with a password', async ({ page }, info) => {
  await open(page, '/login', info);
  await page.getByText('Break-glass sign-in for administrators').click();
  await page.getByLabel('Username').fill('e2e-glass');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${info.project.use.baseURL}/$`));
  await settle(page, info);
  await expect(page.locator('.pt-header__wide .pt-account__who')).toHaveText(/e2e-glass — Administrator/);
});

test('a password for an account that is not break-glass is refused with a message', async ({ page }, info) => {
  await open(page, '/login', info);
  await page.getByText('Break-glass sign-in for administrators').click();
  await page.getByLabel('Username').fill('e2e-viewer');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('kept for break-glass administrator accounts');
  expect(await violations(page, info)).toEqual([]);
});
