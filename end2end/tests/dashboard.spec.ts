import { expect, Page, test } from '@playwright/test';
import { settle, signIn, violations } from './helpers';

/** Picks a status: USWDS draws its own radio, so click the visible label. */
async function choose(page: Page, status: string) {
  await page.locator('label.usa-radio__label', { hasText: status }).click();
}

test('the dashboard draws its charts with data tables that match and downloads that work', async ({ page }, info) => {
  // Give the chart something to show: one strategy reported on track this quarter.
  const number = info.project.name === 'js' ? '4.2.2' : '4.2.3';
  await signIn(page, info, 'wg', `/strategies/${number}/status`);
  await choose(page, 'On track');
  await page.getByLabel('Percent complete').fill('60');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await page.goto('/');
  await settle(page, info);
  // The dashboard opens on the reporting quarter (FY2026 Q4, locked on the app's date),
  // named with where it stands; the picker shows the quarter under way, where the update is.
  await expect(page.getByRole('heading', { name: 'Where the plan stands, FY2026 Q4' })).toBeVisible();
  // (Its review may have been signed off by the reviews spec, in any order.)
  await expect(page.locator('.pt-quarter-phase')).toContainText(
    /FY2026 Q4 \(the reporting quarter\) — (locked, review not yet signed off|review signed off)/,
  );
  await page.getByLabel('Quarter', { exact: true }).selectOption('2027-Q1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/\?quarter=2027-Q1$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { name: 'Where the plan stands, FY2027 Q1' })).toBeVisible();
  await expect(page.locator('.pt-quarter-phase')).toContainText('FY2027 Q1 — under way, updates due 15 January 2027');

  for (const title of ['Strategy status by goal', 'Average percent complete by quarter', 'APP scorecard']) {
    await expect(page.getByRole('img', { name: new RegExp(title) })).toBeVisible();
  }
  const figure = page.locator('figure[data-chart="status-by-goal"]');
  await figure.getByText('Show the data table').click();
  const table = figure.getByRole('table');
  await expect(table).toBeVisible();
  const row = table.getByRole('row', { name: /Goal 4/ });
  const onTrackColumn = await table.locator('thead th').allTextContents();
  const index = onTrackColumn.findIndex((h) => h.trim() === 'On track');
  expect(index).toBeGreaterThan(0);
  const cells = await row.locator('th, td').allTextContents();
  const count = cells[index].trim();
  expect(Number(count)).toBeGreaterThanOrEqual(1);
  // The number in the table is the number drawn on the chart.
  const drawn = await figure.locator('svg text').allTextContents();
  expect(drawn.map((t) => t.trim())).toContain(count);

  const svg = page.waitForEvent('download');
  await figure.getByRole('link', { name: /Download SVG/ }).click();
  const svgFile = await svg;
  // Named after the plan, the chart and the period (FY2027 Q1 is the app's date).
  expect(svgFile.suggestedFilename()).toMatch(/^[a-z0-9-]+-status-by-goal-fy2027-q1\.svg$/);
  const svgText = Buffer.concat(await (await svgFile.createReadStream()).toArray()).toString();
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText).toContain('<title>Strategy status by goal, FY2027 Q1</title>');
  expect(svgText).toContain('<desc>');
  const png = page.waitForEvent('download');
  await figure.getByRole('link', { name: /Download PNG/ }).click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toMatch(/^[a-z0-9-]+-status-by-goal-fy2027-q1\.png$/);
  const pngBytes = Buffer.concat(await (await pngFile.createReadStream()).toArray());
  expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
  // Twice the drawing's width, for slides.
  const svgWidth = Number(/width="(\d+)"/.exec(svgText)![1]);
  expect(pngBytes.readUInt32BE(16)).toBe(2 * svgWidth);

  if (info.project.name === 'js') {
    expect(await violations(page)).toEqual([]);
  }
});

test('the heat map shows each strategy by quarter, with its table', async ({ page }, info) => {
  // Ending with the quarter under way (the default is the reporting quarter, FY2026 Q4).
  await signIn(page, info, 'viewer', '/heatmap?goal=4&quarters=4&quarter=2027-Q1');
  await expect(page.getByText('Ending with FY2027 Q1')).toBeVisible();
  const figure = page.locator('figure[data-chart="heatmap-goal-4-q4"]');
  await expect(figure.getByRole('img', { name: /Strategy status by quarter, goal 4/ })).toBeVisible();
  await figure.getByText('Show the data table').click();
  await expect(figure.getByRole('row', { name: /Strategy 4\.1\.1/ })).toBeVisible();
  await page.getByLabel('Quarters', { exact: true }).selectOption('8');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('figure[data-chart="heatmap-goal-4-q8"]')).toBeVisible();
});
