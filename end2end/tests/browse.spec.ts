import { expect, test } from '@playwright/test';
import { open, settle, signIn } from './helpers';

test('browse plan → goal → objective → strategy', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('DRO Strategic Plan');
  const goals = page.getByRole('table');
  for (const goal of ['Goal 3 (untitled)', 'Goal 4: Information Technology', 'Goal 5: Human Capital Management']) {
    await expect(goals.getByRole('rowheader', { name: goal })).toBeVisible();
  }
  await expect(goals.getByRole('row', { name: /Goal 4/ })).toContainText('16');
  await expect(page.getByRole('heading', { name: 'Plan Maintenance' })).toBeVisible();

  await page.getByRole('link', { name: 'Goal 4: Information Technology' }).click();
  await expect(page).toHaveURL(/\/goals\/4$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Goal 4: Information Technology');
  const sideNav = page.getByRole('navigation', { name: 'Goals' });
  await expect(sideNav.getByRole('link', { name: 'Goal 4: Information Technology' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.getByRole('link', { name: 'Objective 4.1' }).click();
  await expect(page).toHaveURL(/\/objectives\/4\.1$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Objective 4.1');
  await expect(page.getByText('Enhance existing data management systems.')).toBeVisible();

  await page.getByRole('link', { name: '4.1.3', exact: true }).click();
  await expect(page).toHaveURL(/\/strategies\/4\.1\.3$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategy 4.1.3');
  await expect(page.getByText(/Develop, if necessary, effective protocols/)).toBeVisible();

  const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
  await expect(crumbs).toContainText('Plan');
  await crumbs.getByRole('link', { name: 'Goal 4' }).click();
  await expect(page).toHaveURL(/\/goals\/4$/);
});

test('unknown numbers show a not-found page with status 404', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  const response = await open(page, '/strategies/9.9.9', info);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the plan overview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('DRO Strategic Plan');
});
