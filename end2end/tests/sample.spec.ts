import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

// Runs in the sample-* projects only: their database was filled by `plantrack demo`.
test('sample data says so on every page, and those pages pass axe', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/');
  for (const path of ['/', '/goals/1', '/quarters', '/app']) {
    await open(page, path, info);
    const banner = page.getByRole('region', { name: 'Sample data' });
    await expect(banner).toContainText('Sample data.');
    await expect(banner).toContainText('it is not a real plan');
    expect(await violations(page, info), path).toEqual([]);
  }
});

test('signed out, the sign-in page of a sample database passes axe', async ({ page }, info) => {
  await open(page, '/login', info);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});

test('a long quarter table comes a page at a time, and the next page keeps the filter', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/');
  await open(page, '/quarters', info);
  await expect(page.getByText('Strategies 1–100 of 150 (page 1 of 2)')).toBeVisible();
  const rows = page.locator('table.pt-quarter-table tbody tr');
  await expect(rows).toHaveCount(100);
  // A long page folds each goal under its counts; a jump link or its heading opens it.
  const goals = page.locator('details.pt-goal-group');
  expect(await goals.count()).toBeGreaterThan(1);
  await expect(rows.first()).toBeHidden();
  const first = goals.first();
  await expect(first.locator('summary')).toContainText(/^Goal 1.* — \d+ strategies: /);
  await page.getByRole('navigation', { name: 'Goals on this page' }).getByRole('link', { name: /^Goal 1 \(\d+\)$/ }).click();
  await first.locator('summary').click();
  await expect(rows.first()).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  const pages = page.getByRole('navigation', { name: 'Pages of strategies' });
  await expect(pages.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByText('Strategies 101–150 of 150 (page 2 of 2)')).toBeVisible();
  await expect(rows).toHaveCount(50);
  expect(await violations(page, info)).toEqual([]);
  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByText('Strategies 1–100 of 150 (page 1 of 2)')).toBeVisible();
});

test('on a phone the APP gives each measure one line of earlier years, not five columns', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/');
  const fy = 2027;
  for (const [width, narrow] of [[390, true], [1280, false]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, `/app/${fy}`, info);
    const row = page.locator('table.pt-app-table tbody tr').first();
    const earlier = row.locator('td[data-label="Earlier years"]');
    const fy2026 = row.locator(`td[data-label="FY${fy - 1}"]`);
    if (narrow) {
      await expect(earlier).toBeVisible();
      await expect(earlier).toContainText(`FY${fy - 5} `);
      await expect(fy2026).toBeHidden();
    } else {
      await expect(earlier).toBeHidden();
      await expect(fy2026).toBeVisible();
    }
    expect(await violations(page, info)).toEqual([]);
  }
});
