import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// Each project works on its own strategy and names, so the two runs do not meet.
const strategyFor = (project: string) => (project === 'js' ? '4.1.1' : '4.1.2');

test('add a measure, set its targets, record an actual and see the APP and IP update', async ({ page }, info) => {
  const number = strategyFor(info.project.name);
  const name = `Help desk tickets closed (${info.project.name})`;
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.getByRole('link', { name: 'Add a measure' }).click();
  await settle(page, info);
  await expect(page.getByLabel('Attached to')).toHaveValue(number);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Unit').fill('tickets');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByLabel('Baseline value').fill('not a number');
  await page.getByLabel('Baseline fiscal year').fill('2025');
  await page.getByLabel('Data source').fill('Help desk system export');
  await page.getByRole('button', { name: 'Save measure' }).click();
  // Refused: the typed text comes back beside the error.
  await expect(page.getByRole('alert')).toContainText('is not a number');
  await expect(page.getByLabel('Name')).toHaveValue(name);
  await page.getByLabel('Baseline value').fill('100');
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('Help desk system export')).toBeVisible();

  await page.getByLabel(/annual target \(APP\)/).fill('400');
  await page.getByLabel('Q1 target (IP)').fill('100');
  await page.getByRole('button', { name: 'Save targets' }).click();
  const log = page.getByRole('table', { name: 'Every target change, newest first' });
  await expect(log).toContainText('First draft');
  await expect(log).toContainText('400 tickets');

  // The targets beside the input: the quarter being recorded, the year, the year so far.
  await expect(page.locator('.pt-targets-beside')).toHaveText(
    'FY2027 Q1 target: 100 tickets · FY2027 target: 400 tickets · FY2027 to date: nothing recorded yet',
  );
  await page.getByLabel(`Actual: ${name}`).fill('120');
  await page.getByRole('button', { name: 'Record actual' }).click();
  await expect(page.getByRole('table', { name: 'Every recorded actual, newest first' })).toContainText('120 tickets');
  // The measure's charts, drawn on the server, with the actual in their data tables.
  await expect(page.getByRole('img', { name: /annual actual vs APP target/ })).toBeVisible();
  const ipChart = page.locator('figure[data-chart$="-ip"]');
  await expect(page.getByRole('img', { name: /cumulative actual vs IP targets/ })).toBeVisible();
  await ipChart.getByText('Show the data table').click();
  await expect(ipChart.getByRole('table')).toContainText('120');
  // On a phone the year's figures fit the screen: a quarter per row.
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 800 });
  const figures = page.getByRole('table', { name: 'FY2027 targets and actuals by quarter' });
  await expect(figures).toContainText('120 tickets');
  const box = (await figures.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await violations(page, info)).toEqual([]);
  await page.setViewportSize(size);

  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'APP', exact: true }).click();
  await settle(page, info);
  const appRow = page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
  await expect(appRow).toContainText('400 tickets');
  // A number to date with what it covers, never "Incomplete".
  await expect(appRow).toContainText('120 tickets to date (Q1 of 4) — target to date 100 tickets, on track');
  await expect(appRow).toContainText('On track');

  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'IP' }).click();
  await settle(page, info);
  const ipRow = page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
  await expect(ipRow).toContainText('Target: 100 tickets');
  await expect(ipRow).toContainText('Actual: 120 tickets');
  await expect(ipRow).toContainText('Met');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ip-fy\d{4}\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString()).toContain(name);

  if (info.project.name === 'js') {
    await open(page, '/app', info);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name }).first().click();
    await settle(page, info);
    expect(await violations(page)).toEqual([]);
  }
});

test('mark a planning-cycle milestone done and reopen it', async ({ page }, info) => {
  const key = info.project.name === 'js' ? 'budget_built' : 'ip_prepared';
  await signIn(page, info, 'wg', '/cycle');
  const row = page.locator(`tr[data-milestone="${key}"]`);
  await row.getByRole('button', { name: /Mark done/ }).click();
  await expect(row).toContainText('Marked done by e2e-wg');
  await expect(row).toContainText('Done');
  await row.getByRole('button', { name: /Reopen/ }).click();
  await expect(row).not.toContainText('Marked done');
});

test('a CSV of actuals with a bad row writes nothing and names the line', async ({ page }, info) => {
  await signIn(page, info, 'wg', '/measures/import');
  await page.getByLabel('Or paste the CSV').fill('measure_id,quarter,actual\n424242,2020-Q1,5\n');
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Nothing was written: 1 problem');
  await expect(page.getByRole('alert')).toContainText('Line 2: There is no measure "424242".');
  await expect(page.getByLabel('Or paste the CSV')).toHaveValue(/424242/);
});

test('a CSV with many bad rows lists the first hundred and counts the rest', async ({ page }, info) => {
  await signIn(page, info, 'wg', '/measures/import');
  const rows = Array.from({ length: 150 }, (_, i) => `${900000 + i},2020-Q1,5`).join('\n');
  await page.getByLabel('Or paste the CSV').fill(`measure_id,quarter,actual\n${rows}\n`);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was written: 150 problems');
  await expect(alert.getByRole('listitem')).toHaveCount(100);
  await expect(alert).toContainText('…and 50 more problems not listed');
  expect(await violations(page, info)).toEqual([]);
});

test('a viewer reads the APP but sees no editing controls', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/app');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Annual Performance Plan');
  await expect(page.getByRole('button', { name: 'Approve the APP' })).toHaveCount(0);
});

test('a level measure takes its year from the latest quarter, and an edit renames it', async ({ page }, info) => {
  const name = `Detention beds in use (${info.project.name})`;
  await signIn(page, info, 'wg', '/strategies/5.1.1');
  await page.getByRole('link', { name: 'Add a measure' }).click();
  await settle(page, info);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Unit').fill('beds');
  // USWDS radios are styled labels (the input itself is off-screen): a person clicks the label.
  await page.locator('label.usa-radio__label', { hasText: 'The latest quarter is the year\'s level' }).click();
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await settle(page, info);
  // FY2026 Q3 and Q4 (the app's date is 15 November 2026): the year's level is Q4's.
  // Both have locked (the data call closed): the working group unlocks each, with a
  // reason, to record the late figures.
  for (const [quarter, value] of [['2026-Q3', '80'], ['2026-Q4', '90']]) {
    await page.getByLabel('Locked quarter', { exact: true }).selectOption(quarter);
    await page.getByLabel('Reason for unlocking').fill('Late figures from the facilities');
    await page.getByRole('button', { name: 'Unlock the quarter' }).click();
    await expect(page.getByRole('status')).toContainText(`unlocked for the actual of`);
    await settle(page, info);
    await page.getByLabel('Quarter', { exact: true }).selectOption(quarter);
    await page.getByLabel(`Actual: ${name}`).fill(value);
    await page.getByRole('button', { name: 'Record actual' }).click();
    await expect(page.getByRole('table', { name: 'Every recorded actual, newest first' })).toContainText(`${value} beds`);
    await settle(page, info);
  }
  const fy2026 = page.getByRole('table', { name: 'FY2026 targets and actuals by quarter' });
  const actuals = fy2026.getByRole('row', { name: /^Actual/ });
  await expect(actuals.getByRole('cell').last()).toHaveText('90 beds');

  await page.getByRole('link', { name: 'Edit this measure' }).click();
  await settle(page, info);
  await expect(page.getByLabel('Name')).toHaveValue(name);
  await expect(page.getByLabel('The latest quarter is the year\'s level')).toBeChecked();
  await page.getByLabel('Name').fill(`${name} at month end`);
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} at month end`);
  await expect(actuals.getByRole('cell').last()).toHaveText('90 beds');
  expect(await violations(page, info)).toEqual([]);
});

test('a milestone measure is recorded as done or not done', async ({ page }, info) => {
  const name = `Staffing model adopted (${info.project.name})`;
  await signIn(page, info, 'wg', '/strategies/5.1.2');
  await page.getByRole('link', { name: 'Add a measure' }).click();
  await settle(page, info);
  await page.getByLabel('Name').fill(name);
  await page.locator('label.usa-radio__label', { hasText: 'Milestone (done or not done)' }).click();
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await settle(page, info);
  const actual = page.getByLabel(`Actual: ${name}`);
  await expect(actual).toHaveJSProperty('tagName', 'SELECT');
  await actual.selectOption({ label: 'Not done' });
  await page.getByRole('button', { name: 'Record actual' }).click();
  const history = page.getByRole('table', { name: 'Every recorded actual, newest first' });
  await expect(history).toContainText('Not done');
  await settle(page, info);
  await page.getByLabel(`Actual: ${name}`).selectOption({ label: 'Done' });
  await page.getByRole('button', { name: 'Record actual' }).click();
  await expect(history.getByRole('row').nth(1)).toContainText('Done');
  await expect(history.getByRole('row').nth(1)).not.toContainText('Not done');
  expect(await violations(page, info)).toEqual([]);
});

test('two people editing a measure at once: the second sees what the first saved and keeps their entries', async ({ browser }, info) => {
  const number = info.project.name === 'js' ? '3.2.1' : '3.2.2';
  const js = info.project.name === 'js';
  const name = `Records digitised (${info.project.name})`;
  const a = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const b = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(a, info, 'wg', `/measures/new?attach_to=${number}`);
  await a.getByLabel('Name').fill(name);
  await a.getByLabel('Unit').fill('records');
  await a.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await a.getByRole('button', { name: 'Save measure' }).click();
  await expect(a).toHaveURL(/\/measures\/\d+$/);
  const measure = new URL(a.url()).pathname;
  // Both open the edit form and the actual form; the working group saves first.
  await open(a, `${measure}/edit`, info);
  await signIn(b, info, 'admin', `${measure}/edit`);
  await a.getByLabel('Name').fill(`${name}, renamed by the working group`);
  await b.getByLabel('Name').fill(`${name}, renamed by the administrator`);
  await a.getByRole('button', { name: 'Save measure' }).click();
  await expect(a).toHaveURL(new RegExp(`${measure}$`));
  await b.getByRole('button', { name: 'Save measure' }).click();
  await expect(b.getByRole('alert')).toContainText('Someone else saved this measure');
  await expect(b.getByRole('alert')).toContainText('renamed by the working group');
  await expect(b.getByLabel('Name')).toHaveValue(`${name}, renamed by the administrator`);
  expect(await violations(b, info)).toEqual([]);

  await open(a, measure, info);
  await open(b, measure, info);
  await a.getByLabel(/^Actual:/).fill('30');
  await b.getByLabel(/^Actual:/).fill('45');
  await a.getByRole('button', { name: 'Record actual' }).click();
  await expect(a.getByRole('table', { name: 'Every recorded actual, newest first' })).toContainText('30 records');
  await b.getByRole('button', { name: 'Record actual' }).click();
  await expect(b.getByText(/Someone else recorded 30 records/)).toBeVisible();
  await expect(b.getByLabel(/^Actual:/)).toHaveValue('45');
  await b.getByRole('button', { name: 'Record actual' }).click();
  await expect(b.getByRole('table', { name: 'Every recorded actual, newest first' })).toContainText('45 records');
});
