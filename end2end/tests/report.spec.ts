import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

test('the performance report shows each target against its actual under the headings the law asks for', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '4.4.1' : '4.4.2';
  const name = `Records digitised (${info.project.name})`;
  await signIn(page, info, 'wg', `/measures/new?attach_to=${number}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Unit').fill('records');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByLabel('Data source').fill('Scanning log');
  await page.getByLabel('Accuracy required').fill('Counts exact to the box');
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  const id = page.url().split('/').pop();
  await settle(page, info);
  await page.getByLabel(/annual target \(APP\)/).fill('400');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await expect(page.getByRole('table', { name: 'Every target change, newest first' })).toContainText('400 records');

  // From the APP to the year's report: a preview while FY2027 is under way.
  await open(page, '/app/2027', info);
  await page.getByRole('navigation', { name: 'Plan years' }).getByRole('link', { name: 'FY2027 performance report' }).click();
  await expect(page).toHaveURL(/\/reports\/2027$/);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '/reports/2027', info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Annual Performance Report, FY2027');
    await expect(page.getByText('FY2027 is under way: this is a preview of its report')).toBeVisible();
    for (const heading of ['Summary of results', 'Results against the performance goals', 'Targets not met', 'Human capital']) {
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    const article = page.locator(`article[data-measure="${id}"]`);
    await expect(article.getByRole('heading', { name: new RegExp(name.replace(/[()]/g, '\\$&')) })).toBeVisible();
    await expect(article).toContainText('400 records');
    await expect(article).toContainText('Scanning log');
    await expect(article).toContainText('Counts exact to the box');
    await expect(article.getByRole('img', { name: new RegExp(`actual results, FY2022 to FY2027, with the FY2027 target \\(400 records\\) as a line`) })).toBeVisible();
    await expect(article.getByRole('table', { name: `${name}: actual results, FY2022 to FY2027` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await violations(page, info)).toEqual([]);
  }

  // The working group writes a goal's evaluation; an empty one is refused beside the field.
  const goal = info.project.name === 'js' ? '4' : '5';
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/reports/2027', info);
  const section = page.locator(`#evaluation-${goal}`);
  await section.getByRole('button', { name: 'Save the evaluation' }).click();
  await expect(page.locator(`#evaluation-${goal}`)).toContainText('Write the evaluation');
  await expect(page).not.toHaveURL(/__err/);
  expect(await violations(page, info)).toEqual([]);
  const text = `Goal ${goal} held up: the results match the plan (${info.project.name}).`;
  await page.locator(`#evaluation-${goal}`).getByLabel(`Evaluation of goal ${goal}`).fill(text);
  await page.locator(`#evaluation-${goal}`).getByRole('button', { name: 'Save the evaluation' }).click();
  await expect(page.getByRole('status')).toHaveText(`The FY2027 evaluation of goal ${goal} is saved.`);
  await expect(page.locator(`#evaluation-${goal}`)).toContainText(text);
  await expect(page.locator(`#evaluation-${goal}`)).toContainText('Last saved by e2e-wg');

  // The same report as a PDF made on the server.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('navigation', { name: 'Report years' }).getByRole('link', { name: 'Download the PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe('performance-report-fy2027.pdf');
  const bytes = require('fs').readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // The report a reader opens first is last year's, which has ended.
  await open(page, '/reports', info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Annual Performance Report, FY2026');
  expect(await violations(page, info)).toEqual([]);
});

test('the working group finalises a report, the head signs it off with the transmittal statement, an administrator publishes it', async ({ page, browser }, info) => {
  await signIn(page, info, 'wg', '/reports/2025');
  // A program evaluation completed in the year, with its evidence; a date outside the
  // year is refused beside the field and what was typed stays.
  const programs = page.locator('#report-programs');
  await expect(programs).toContainText('No program evaluation completed in FY2025 is recorded.');
  await programs.getByLabel('Evaluation title').fill('Intake study');
  await programs.getByLabel('Completed on').fill('2026-03-14');
  await programs.getByLabel('What it found').fill('Intake took 9 days; triage cut it to 4.');
  await programs.getByLabel('Link to the evidence (optional)').fill('https://oig.example.gov/fy2025-3');
  await programs.getByRole('button', { name: 'Add the evaluation' }).click();
  await expect(page.locator('#report-programs')).toContainText('The FY2025 report summarises evaluations completed in FY2025');
  await expect(page.locator('#report-programs').getByLabel('Evaluation title')).toHaveValue('Intake study');
  expect(await violations(page, info)).toEqual([]);
  await page.locator('#report-programs').getByLabel('Completed on').fill('2025-03-14');
  await page.locator('#report-programs').getByRole('button', { name: 'Add the evaluation' }).click();
  await expect(page.getByRole('status')).toHaveText('The program evaluation "Intake study" is added to the FY2025 report.');
  await expect(page.locator('#report-programs')).toContainText('14 March 2025');
  await expect(page.locator('#report-programs').getByRole('link', { name: 'https://oig.example.gov/fy2025-3' })).toBeVisible();

  const state = page.locator('#report-state');
  await expect(state).toContainText('✎ Draft');
  await state.getByRole('button', { name: 'Finalise and send for sign-off' }).click();
  await expect(page.getByRole('status')).toHaveText('The FY2025 performance report is finalised and sent for sign-off.');
  await expect(page.locator('#report-state')).toContainText('➜ In review, awaiting sign-off');
  await expect(page.getByLabel('Transmittal statement')).toHaveCount(0);
  expect(await violations(page, info)).toEqual([]);

  const admin = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(admin, info, 'admin', '/reports/2025');
  await admin.getByLabel('Transmittal statement').fill('The FY2025 data are complete and reliable.');
  await admin.getByLabel('Signed by (name)').fill('Dana Head');
  await admin.getByRole('button', { name: 'Sign off the report' }).click();
  // Refused: the title is missing; what was typed stays, the error is beside the field.
  await expect(admin.locator('#report-state')).toContainText("Give the signer's title.");
  await expect(admin.getByLabel('Signed by (name)')).toHaveValue('Dana Head');
  await expect(admin.getByLabel('Transmittal statement')).toHaveValue('The FY2025 data are complete and reliable.');
  expect(await violations(admin, info)).toEqual([]);
  await admin.getByLabel('Title', { exact: true }).fill('Director');
  await admin.getByRole('button', { name: 'Sign off the report' }).click();
  await expect(admin.getByRole('status')).toHaveText('The FY2025 performance report is signed off.');
  const signed = admin.locator('#report-state');
  await expect(signed).toContainText('■ Signed off');
  await expect(signed).toContainText('Signed off by Dana Head, Director, 15 November 2026.');
  await signed.getByRole('button', { name: 'Publish the report' }).click();
  await expect(admin.getByRole('status')).toHaveText('The FY2025 performance report is published.');
  await expect(admin.locator('#report-state')).toContainText('✔ Published');
  expect(await violations(admin, info)).toEqual([]);

  // Read-only now: the working group sees the signature and no evaluation forms.
  await open(page, '/reports/2025', info);
  await expect(page.locator('#report-state')).toContainText('The FY2025 data are complete and reliable.');
  await expect(page.getByRole('button', { name: 'Save the evaluation' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add the evaluation' })).toHaveCount(0);

  // Anyone reads the published report's public version without signing in: no author's
  // name, no evidence link, nothing to edit.
  const visitor = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await open(visitor, '/reports/2025/public', info);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Annual Performance Report, FY2025 (public version)');
  await expect(visitor.getByRole('main')).toContainText('The FY2025 data are complete and reliable.');
  await expect(visitor.locator('#report-programs')).toContainText('Intake study');
  await expect(visitor.getByRole('main')).not.toContainText('oig.example.gov');
  await expect(visitor.getByRole('main')).not.toContainText('e2e-wg');
  await expect(visitor.getByRole('main').getByRole('button')).toHaveCount(0);
  expect(await violations(visitor, info)).toEqual([]);
  const unpublished = await visitor.goto('/reports/2024/public');
  expect(unpublished?.status()).toBe(404);
});
