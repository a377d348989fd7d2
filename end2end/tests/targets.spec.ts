import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// Bulk targets from one CSV (issue 21). Each project adds its own measure first.

test('targets for a year come from a pasted CSV; a bad row writes nothing', async ({ page }, info) => {
  const nojs = info.project.use.javaScriptEnabled === false;
  const name = `Detainees transferred (${info.project.name})`;
  await signIn(page, info, 'wg', `/measures/new?attach_to=${nojs ? '3.2.2' : '3.2.1'}`);
  await page.getByLabel('Name').fill(name);
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  const id = page.url().match(/\/measures\/(\d+)$/)![1];

  await open(page, '/measures/targets/import', info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import targets from CSV');
  expect(await violations(page, info)).toEqual([]);
  const bad = `measure_id,fiscal_year,annual,q1\n${id},2029,80,twenty\n`;
  await page.getByLabel('Or paste the CSV').fill(bad);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Nothing was written: 1 problem');
  await expect(page.getByRole('alert')).toContainText('Line 2');
  await expect(page.getByLabel('Or paste the CSV')).toHaveValue(bad);
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Or paste the CSV').fill(`measure_id,fiscal_year,annual,q1\n${id},2029,80,20\n`);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toContainText('2 targets set from 1 row');

  await open(page, `/measures/${id}`, info);
  await expect(page.getByRole('table', { name: 'Every target change, newest first' })).toContainText('First draft');
});
