import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

/** Pages in a PDF Chromium printed. */
function pages(pdf: Buffer) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test('the dashboard leads with the exceptions: what is off track, who owns it, what is being done', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '4.3.1' : '4.3.2';
  await signIn(page, info, 'wg', `/strategies/${number}/status?quarter=2027-Q1`);
  await page.locator('label.usa-radio__label', { hasText: 'Off track' }).click();
  await page.getByLabel('Percent complete').fill('10');
  await page.getByLabel('Explanation').fill('Contract lapsed in October');
  await page.getByLabel('Corrective action').fill('Re-compete by January');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '/?quarter=2027-Q1', info);
    const list = page.getByRole('region', { name: /^Exceptions in FY2027 Q1/ });
    const row = list.locator(`tr[data-strategy="${number}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`Strategy ${number}`);
    await expect(row).toContainText('Off track');
    await expect(row).toContainText('Contract lapsed in October');
    await expect(row).toContainText('Re-compete by January');
    await expect(row.getByRole('link', { name: `Strategy ${number}` })).toHaveAttribute('href', `/strategies/${number}`);
    // Read before the charts: the list sits above the first chart.
    const listTop = (await list.boundingBox())!.y;
    const chartTop = (await page.locator('figure.pt-chart').first().boundingBox())!.y;
    expect(listTop).toBeLessThan(chartTop);
    expect(await violations(page, info)).toEqual([]);
  }
  // The goal's page lists it too.
  await open(page, '/goals/4?quarter=2027-Q1', info);
  await expect(page.locator(`.pt-exceptions tr[data-strategy="${number}"]`)).toContainText('Re-compete by January');
  expect(await violations(page, info)).toEqual([]);
});

test('the dashboard prints on at most two Letter pages: headline and charts, no navigation or narrative', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  await open(page, '/', info);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Primary' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'About this plan' })).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Where the plan stands/ })).toBeVisible();
  await expect(page.locator('figure.pt-chart').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'Letter' });
  expect(pages(pdf)).toBeGreaterThanOrEqual(1);
  expect(pages(pdf)).toBeLessThanOrEqual(2);
  await open(page, '/goals/4', info);
  expect(pages(await page.pdf({ format: 'Letter' }))).toBeLessThanOrEqual(2);
});
