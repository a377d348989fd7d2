import { expect, test } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';
import { open, settle, signIn, violations } from './helpers';

test('anonymous visitors are sent to sign in, then back where they were going', async ({ page }, info) => {
  await open(page, '/goals/4', info);
  await expect(page).toHaveURL(/\/login\?next=\/goals\/4$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill('e2e-viewer');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/goals\/4$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Goal 4: Information Technology');
});

test('a wrong password is refused with a message and the username kept', async ({ page }, info) => {
  await open(page, '/login', info);
  await page.getByLabel('Username').fill('e2e-viewer');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password.');
  await expect(page.getByLabel('Username')).toHaveValue('e2e-viewer');
});

test('a viewer reads the plan but sees no administration', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await expect(nav.getByRole('link', { name: 'Plan', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(page.locator('.pt-header__wide .pt-account__who')).toHaveText('e2e-viewer — Viewer (leadership)');
  await expect(page.locator('.pt-header__wide summary', { hasText: 'Administration' })).toHaveCount(0);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('the working group sees the audit trail but not user administration', async ({ page }, info) => {
  await signIn(page, info, 'wg');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  // Administration is one disclosure in the header; the audit trail is in it.
  await page.locator('.pt-header__wide summary', { hasText: 'Administration' }).click();
  await nav.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await page.getByLabel('Object').fill('strategy 4.1.3');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/object=strategy/);
  await expect(page.getByRole('table')).toContainText('Created strategy 4.1.3');
  await expect(page.getByRole('table')).not.toContainText('Created strategy 4.1.2');
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('an administrator adds a user, who signs in and must choose a password', async ({ page, browser }, info) => {
  const name = `e2e-new-${info.project.name}`;
  await signIn(page, info, 'admin', '/admin/users');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Display name').last().fill('New Person');
  await page.getByLabel('Role').last().selectOption('manager');
  await page.getByRole('button', { name: 'Add user' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'temporary password' });
  await expect(notice).toBeVisible();
  const temporary = (await notice.textContent())!.match(/password is (\S+)/)![1];
  await expect(page.getByRole('rowheader', { name: new RegExp(name) })).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: info.project.name === 'js' });
  const other = await context.newPage();
  await other.goto('/login');
  await other.getByLabel('Username').fill(name);
  await other.getByLabel('Password').fill(temporary);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(/\/account\/password$/);
  await other.getByLabel('Current password').fill(temporary);
  await other.getByLabel('New password', { exact: true }).fill('short');
  await other.getByLabel('New password again').fill('short');
  await other.getByRole('button', { name: 'Change password' }).click();
  await expect(other.getByText('Use at least 12 characters.')).toBeVisible();
  await other.getByLabel('Current password').fill(temporary);
  await other.getByLabel('New password', { exact: true }).fill('lantern-over-the-river');
  await other.getByLabel('New password again').fill('lantern-over-the-river');
  await expect(other.getByText('must not contain your username')).toBeVisible();
  await other.getByRole('button', { name: 'Change password' }).click();
  // A manager's first sign-in lands where later ones do: on My updates.
  await expect(other).toHaveURL(/\/my$/);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(/^My updates/);
  await context.close();
});

test('sign out returns to the sign-in page and ends access', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/goals/4');
  await expect(page).toHaveURL(/\/login/);
});

test('text typed into free-text fields is shown, never run', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/admin/users');
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const payload = `"><img src=x onerror=alert(1)><script>alert(2)</script>`;
  await page.getByLabel('Username').fill(`e2e-xss-${info.project.name}`);
  await page.getByLabel('Display name').last().fill(payload);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('row', { name: /e2e-xss/ }).first()).toContainText(payload);
  await page.reload();
  await settle(page, info);
  expect(dialogs).toBe(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('an account is edited on its own page: strategies picked from the outline, a reset confirmed first', async ({ page }, info) => {
  // An account of its own, so what other specs assign to e2e-mgr never shows here.
  const name = `e2e-pick-${info.project.name}`;
  await signIn(page, info, 'admin', '/admin/users');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Display name').last().fill('Pick Person');
  await page.getByLabel('Role').last().selectOption('manager');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'temporary password' })).toBeVisible();
  const link = page.getByRole('link', { name: new RegExp(`^${name}`) });
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`User ${name}`);
  const number = info.project.name === 'js' ? '4.3.3' : '4.3.4';
  const goal = page.locator('details.pt-picker-goal', { hasText: 'Objective 4.3' });
  const label = page.locator(`label[for="pick-${number}"]`);
  if (!(await label.isVisible())) await goal.locator('summary').click();
  await label.click();
  await page.getByRole('button', { name: 'Save strategies' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved the strategies of ${name}` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(number);
  await link.click();
  await expect(page.locator(`[id="pick-${number}"]`)).toBeChecked();
  expect(await violations(page, info)).toEqual([]);
  // Reset asks first, and Cancel leaves the password alone.
  await page.getByRole('link', { name: 'Reset password…' }).click();
  await expect(page.getByText(`Reset the password of ${name}?`)).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Yes, reset the password' })).toHaveCount(0);
});
