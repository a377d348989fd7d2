import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// StratML Part 2 (issue 21): a year of the plan downloads from the APP page as a StratML
// document, and the plan import reads such a file back into its preview.

test('a year downloads as StratML and the plan import previews the file', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/app/2027');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as StratML' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('plan-fy2027.stratml.xml');
  const xml = Buffer.concat(await (await file.createReadStream()).toArray()).toString();
  expect(xml).toContain('<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" Type="Performance_Plan">');
  expect(xml).toContain('<Identifier>s-4.1.3</Identifier>');

  await open(page, '/admin/import', info);
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Or upload a file').setInputFiles({
    name: 'plan.stratml.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Parsed outline' })).toBeVisible();
  await expect(page.locator('main')).toContainText('4.1.3');
  expect(await violations(page, info)).toEqual([]);
});

test('a StratML file with a value no form would take is refused on the preview, nothing imported', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/app/2027');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as StratML' }).click();
  const xml = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString();
  // A milestone recorded as half done, in the first objective.
  const launch = '<PerformanceIndicator PerformanceIndicatorType="Qualitative">'
    + '<MeasurementDimension>Launch the portal</MeasurementDimension><MeasurementInstance><ActualResult>'
    + '<StartDate>2026-10-01</StartDate><EndDate>2026-12-31</EndDate><NumberOfUnits>0.5</NumberOfUnits>'
    + '</ActualResult></MeasurementInstance></PerformanceIndicator>';
  const bad = xml.replace(/<Objective>/, `<Objective>${launch}`);
  expect(bad).not.toEqual(xml);

  await open(page, '/admin/import', info);
  await page.getByLabel('Or upload a file').setInputFiles({
    name: 'plan.stratml.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(bad),
  });
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  const alert = page.locator('.usa-alert--error');
  await expect(alert).toContainText('This text cannot be imported');
  await expect(alert).toContainText('The file has 1 problem, so nothing in it can be imported.');
  await expect(alert).toContainText('The measure "Launch the portal", FY2027 Q1 actual: 0.5 is neither 1 (done) nor 0 (not done)');
  await expect(page.getByRole('button', { name: /Import into the plan|Propose this re-import/ })).toHaveCount(0);
  expect(await violations(page, info)).toEqual([]);
});

test('a StratML file nested too deep or declaring entities is refused at upload, and the page says why', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/admin/import');
  const plan = (inner: string, doctype = '') => `<?xml version="1.0"?>\n${doctype}<PerformancePlanOrReport Type="Performance_Plan">`
    + `<Name>Plan</Name><StrategicPlanCore><Goal><Name>Serve</Name><Description>${inner}</Description></Goal>`
    + '</StrategicPlanCore></PerformancePlanOrReport>\n';
  const files: [string, string, string][] = [
    ['deep.xml', plan('<x>'.repeat(100_000) + '</x>'.repeat(100_000)), 'more than 64 levels deep'],
    ['entities.xml', plan('&xxe;', '<!DOCTYPE PerformancePlanOrReport [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n'), 'declares entities'],
  ];
  for (const [name, text, why] of files) {
    await open(page, '/admin/import', info);
    await page.getByLabel('Or upload a file').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Preview import' }).click();
    await settle(page, info);
    await expect(page).toHaveURL(/\/admin\/import\?error=/);
    await expect(page.locator('.usa-alert--error')).toContainText(why);
    await expect(page.getByRole('heading', { level: 1, name: 'Import plan text' })).toBeVisible();
    expect(await violations(page, info)).toEqual([]);
  }
});
