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
