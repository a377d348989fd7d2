import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

test('the working group returns an update from the approval inbox; a refused return comes back in its row', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '4.1.1' : '4.1.2';
  const rowId = `#row-${number.replace(/\./g, '-')}`;
  await signIn(page, info, 'wg', `/strategies/${number}/status?quarter=2027-Q1`);
  await page.locator('label.usa-radio__label', { hasText: 'On track' }).click();
  await page.getByLabel('Percent complete').fill('20');
  await page.getByLabel('Accomplishments').fill('Inbox: regional leads named');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '/quarters/2027-Q1/inbox', info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Approval inbox, FY2027 Q1');
    await expect(page.getByRole('link', { name: /^Awaiting approval \(\d+\)$/ })).toHaveAttribute('aria-current', 'page');
    const row = page.locator(rowId);
    await expect(row).toContainText('Awaiting approval');
    await expect(row).toContainText('Inbox: regional leads named');
    await expect(row).toContainText('20% complete');
    expect(await violations(page, info)).toEqual([]);
  }

  // Returning needs a comment: refused, the page comes back at the row's form.
  const row = page.locator(rowId);
  await row.getByRole('button', { name: 'Return for correction' }).click();
  await expect(page).toHaveURL(new RegExp(`/quarters/2027-Q1/inbox\\?show=awaiting&page=1#review-${number.replace(/\./g, '-')}-2027-Q1-\\d+$`));
  await expect(page.locator(rowId)).toContainText('Say what needs correcting');
  await expect(page).not.toHaveURL(/__err/);
  expect(await violations(page, info)).toEqual([]);
  await page.locator(rowId).getByLabel(/^Comment to the owner/).fill('Name the leads, please.');
  await page.locator(rowId).getByRole('button', { name: 'Return for correction' }).click();
  await expect(page.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 returned to its owner.`);
  await expect(page.locator(rowId)).toHaveCount(0);

  await page.getByRole('link', { name: /^Returned \(\d+\)$/ }).click();
  await expect(page.locator(rowId)).toContainText('Name the leads, please.');
  expect(await violations(page, info)).toEqual([]);
});

test('a long inbox list is paged: 25 rows a page, with previous and next page links', async ({ page }, info) => {
  await signIn(page, info, 'wg', '/quarters/2027-Q1/inbox?show=all');
  const heading = page.getByRole('heading', { level: 2, name: /^All strategies \(\d+\)$/ });
  const total = Number((await heading.textContent())!.match(/\((\d+)\)/)![1]);
  expect(total).toBeGreaterThan(25);
  const pages = Math.ceil(total / 25);
  const rows = page.locator('ol.pt-inbox > li');
  const nav = page.getByRole('navigation', { name: 'Pages of the inbox' });
  await expect(rows).toHaveCount(25);
  await expect(page.getByText(`Showing 1–25 of ${total} · page 1 of ${pages}`)).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  const first = await rows.first().getAttribute('id');
  expect(await violations(page, info)).toEqual([]);

  await nav.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\/quarters\/2027-Q1\/inbox\?show=all&page=2#rows$/);
  await expect(page.getByText(`Showing 26–${Math.min(50, total)} of ${total} · page 2 of ${pages}`)).toBeVisible();
  await expect(rows).toHaveCount(Math.min(25, total - 25));
  await expect(page.locator(`#${first}`)).toHaveCount(0);
  expect(await violations(page, info)).toEqual([]);

  await nav.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByText(`Showing 1–25 of ${total}`)).toBeVisible();
  await expect(page.locator(`#${first}`)).toBeVisible();
});

test('a refused "Add user" keeps what was typed, shows the problem beside the field and leaves the address clean', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/admin/users');
  await page.getByLabel('Username').fill('e2e-viewer');
  await page.getByLabel('Display name').fill('A second viewer');
  await page.getByLabel('Role').selectOption({ label: 'Working group' });
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page).toHaveURL(/\/admin\/users#add-user$/);
  await expect(page.getByLabel('Username')).toHaveValue('e2e-viewer');
  await expect(page.getByLabel('Display name')).toHaveValue('A second viewer');
  await expect(page.getByLabel('Role')).toHaveValue('working_group');
  await expect(page.locator('#new-username-error')).toHaveText('The username "e2e-viewer" is taken.');
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-describedby', 'new-username-hint new-username-error');
  expect(await violations(page, info)).toEqual([]);
});

test('the administrator\'s header is two short rows at 1280 px, administration folded into one disclosure', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, info, 'admin');
  const header = page.locator('header.pt-header');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(120);
  const more = page.locator('.pt-header__wide summary', { hasText: 'Administration' });
  await more.click();
  const users = page.locator('.pt-header__wide').getByRole('link', { name: 'Users' });
  await expect(users).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  await users.click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test('the heat map opens at the quarter shown on a phone', async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, info, 'viewer', '/heatmap');
  const box = page.locator('.pt-chart__svg--scroll').first();
  const svg = box.locator('svg');
  const [outer, inner] = [(await box.boundingBox())!, (await svg.boundingBox())!];
  expect(inner.width).toBeGreaterThan(outer.width);
  // Scrolled to its right end: the newest quarter is in view, the oldest off to the left.
  expect(Math.abs(inner.x + inner.width - (outer.x + outer.width))).toBeLessThanOrEqual(2);
  expect(inner.x).toBeLessThan(outer.x);
});
