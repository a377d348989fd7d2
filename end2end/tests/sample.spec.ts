import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

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

test('short of a very wide screen the APP gives each measure one cell of earlier years, not five columns', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/');
  const fy = 2027;
  // Band, pace, forecast and likelihood take the room: five year columns from 1920 px.
  for (const [width, narrow] of [[390, true], [1280, true], [1960, false]] as const) {
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
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await violations(page, info)).toEqual([]);
  }
});

// Measure scoring and forecasts (issue 40), on five years of sample data. The app's
// date is 15 November 2026 (FY2027 Q1): a measure's Q1 actual is recorded first, so its
// year has a quarter to forecast from.

/** Records measure `id`'s FY2027 Q1 actual as `value` on its page. */
async function recordQ1(page: import('@playwright/test').Page, info: import('@playwright/test').TestInfo, id: number, value: string) {
  await open(page, `/measures/${id}`, info);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.getByLabel('Quarter', { exact: true }).selectOption('2027-Q1');
  await page.getByLabel(`Actual: ${name}`).fill(value);
  await page.getByRole('button', { name: 'Record actual' }).click();
  await expect(page.getByRole('table', { name: 'Every recorded actual, newest first' })).toContainText(value);
  await settle(page, info);
  return name;
}

test('a measure shows its band, pace and forecast, drawn dashed on its chart with the range, and the APP table lists them', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/');
  const name = await recordQ1(page, info, 1, '100');
  const outlook = page.getByRole('region', { name: 'FY2027 so far and its forecast' });
  await expect(outlook).toContainText(/Band.*% of target/);
  await expect(outlook).toContainText(/Pace.*through Q1, .* expected/);
  await expect(outlook).toContainText(/Forecast \d[\d,]* cases \(80 % range \d[\d,]* cases to \d[\d,]* cases\)/);
  await expect(outlook).toContainText(/\d+ % likely to meet the target \((High|Medium|Low)\)/);
  // On the IP chart: in words, and as two columns of its data table.
  const ip = page.locator('figure[data-chart$="-ip"]');
  await expect(ip.locator('figcaption')).toContainText('A dashed line forecasts FY2027 Q4');
  await ip.getByText('Show the data table').click();
  await expect(ip.getByRole('columnheader', { name: 'Forecast (dashed)' })).toBeVisible();
  await expect(ip.getByRole('row', { name: /FY2027 Q4/ })).toContainText(/\d+ to \d+/);
  expect(await violations(page, info)).toEqual([]);
  // The APP table: band, pace, forecast and likelihood columns.
  await open(page, '/app/2027', info);
  const row = page.locator('tr[data-measure="1"]');
  await expect(row.locator('td[data-label="Forecast"]')).toContainText('80 % range');
  await expect(row.locator('td[data-label="Likelihood"]')).toContainText('% likely to meet the target');
  await expect(row.locator('td[data-label="Pace"]')).toContainText('through Q1');
  await expect(page.getByText('How band, pace and forecast are worked out')).toBeVisible();
  expect(name).toContain('Cases completed');
  expect(await violations(page, info)).toEqual([]);
});

test('an owner sets a measure\'s bands, previews them on its own years, then saves them', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/measures/2');
  await page.getByRole('link', { name: 'Set thresholds and profile' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Thresholds and profile:');
  await settle(page, info);
  await expect(page.getByRole('heading', { name: 'With the saved bands' })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  await page.locator('label.usa-radio__label', { hasText: 'Bands by percent of target' }).click();
  const rows: [string, string, string][] = [
    ['Exceeding', '110', '★'],
    ['On target', '100', '✔'],
    ['Close', '95', '▲'],
    ['Off target', '', '✖'],
  ];
  for (const [i, [name, from, mark]] of rows.entries()) {
    await page.getByLabel(`Band ${i + 1} name`).fill(name);
    await page.getByLabel(`Band ${i + 1} from percent of target`).fill(from);
    await page.getByLabel(`Band ${i + 1} symbol`).selectOption(mark);
  }
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: with these bands (not saved yet)' })).toBeVisible();
  await settle(page, info);
  await expect(page.locator('#preview')).toContainText(/FY20\d\d Q1–Q4 would read: Q1 . (Exceeding|On target|Close|Off target)/);
  // What was typed is still in the form after the preview.
  await expect(page.getByLabel('Band 1 name')).toHaveValue('Exceeding');
  expect(await violations(page, info)).toEqual([]);
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status')).toContainText('Thresholds saved.');
  await settle(page, info);
  await expect(page.getByRole('region', { name: 'FY2027 so far and its forecast' })).toContainText('★ Exceeding from 110 % of target');
});

test('a measure behind target comes to the review with its likelihood pre-filled from the forecast', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/');
  const name = await recordQ1(page, info, 3, '1');
  await open(page, '/reviews', info);
  // FY2026 Q4's review first, then FY2027 Q1's, the one with this quarter's data.
  for (const q of ['FY2026 Q4', 'FY2027 Q1']) {
    await page.getByRole('button', { name: `Open the ${q} review` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quarterly review, ${q}`);
    await open(page, '/reviews', info);
  }
  await open(page, '/reviews/2027-Q1', info);
  const item = page.getByRole('region', { name: new RegExp(`\\d+\\. Measure: ${name}$`) });
  await expect(item).toContainText('Pre-filled from the forecast:');
  await expect(item.getByLabel('Likelihood of meeting the planned level')).toHaveValue(/^(high|medium|low)$/);
  expect(await violations(page, info)).toEqual([]);
});
