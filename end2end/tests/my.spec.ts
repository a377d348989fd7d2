import { expect, Page, TestInfo } from '@playwright/test';
import { test } from '@playwright/test';
import { E2E_PASSWORD } from '../playwright.config';
import { open, settle, signIn, violations } from './helpers';

// "My updates" as one page of forms, a manager's home, and evidence attached to an update
// (issue 18). The app's date is 15 November 2026: FY2027 Q1's call is open.

/** Makes e2e-mgr an owner of strategy `number`, as the working group. */
async function assign(page: Page, info: TestInfo, number: string) {
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
}

test('a manager signs in to My updates', async ({ page }, info) => {
  await open(page, '/login', info);
  await page.getByLabel('Username').fill('e2e-mgr');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/my$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My updates');
});

test('a manager updates a strategy on My updates; a refused row comes back with what was typed beside its problem', async ({ page, browser }, info) => {
  const number = info.project.name === 'js' ? '4.2.1' : '5.1.2';
  await assign(page, info, number);
  const manager = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(manager, info, 'mgr', '/my');
  const row = manager.getByRole('region', { name: new RegExp(`^${number.replace(/\./g, '\\.')} `) });
  await expect(row.getByRole('button', { name: 'Submit status' })).toBeVisible();
  expect(await violations(manager, info)).toEqual([]);

  await row.getByLabel('Status').selectOption({ label: '▲ At risk' });
  await row.getByLabel('Percent complete').fill('30');
  await row.getByLabel('Accomplishments').fill('Typed on My updates');
  await row.getByRole('button', { name: 'Submit status' }).click();
  await expect(manager).toHaveURL(new RegExp(`/my\\?quarter=2027-Q1#row-${number.replace(/\./g, '-')}$`));
  await settle(manager, info);
  await expect(row.getByText(/Nothing was saved/)).toBeVisible();
  await expect(row.getByLabel('Accomplishments')).toHaveValue('Typed on My updates');
  await expect(row.getByLabel('Status')).toHaveValue('at_risk');
  expect(await violations(manager, info)).toEqual([]);

  await row.getByLabel(/^Explanation/).fill('The vendor slipped a month');
  await row.getByLabel(/^Corrective action/).fill('Weekly check-ins');
  await row.getByRole('button', { name: 'Submit status' }).click();
  await expect(manager.getByText(`Status of strategy ${number} for FY2027 Q1 submitted.`)).toBeVisible();
  const overview = manager.getByRole('row', { name: new RegExp(`^${number.replace(/\./g, '\\.')} `) });
  await expect(overview).toContainText('At risk');
  await expect(overview).toContainText('Submitted');
  await expect(row.getByText(/Nothing was saved/)).toHaveCount(0);
});

test('an owner attaches evidence to the quarter\'s update; a reader downloads it; a file that is not evidence is refused', async ({ page, browser }, info) => {
  const number = info.project.name === 'js' ? '5.2.3' : '5.4.1';
  await assign(page, info, number);
  const manager = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(manager, info, 'mgr', `/strategies/${number}`);
  const evidence = manager.getByRole('region', { name: 'Evidence' });
  await expect(evidence).toContainText('No files are attached yet');
  await expect(evidence).toContainText('record one first');

  await open(manager, `/strategies/${number}/status`, info);
  await manager.locator('label.usa-radio__label', { hasText: 'On track' }).click();
  await manager.getByLabel('Percent complete').fill('40');
  await manager.getByRole('button', { name: 'Submit status' }).click();
  await expect(manager).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await settle(manager, info);

  await evidence.getByLabel('File').setInputFiles({ name: 'notes.html', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await evidence.getByRole('button', { name: 'Attach file' }).click();
  await settle(manager, info);
  await expect(evidence.getByText(/Nothing was attached\. .notes\.html. is not a file evidence may be/)).toBeVisible();

  await expect(evidence.getByLabel('Quarter of the status update')).toHaveValue('2027-Q1');
  await evidence.getByLabel('File').setInputFiles({ name: 'q1-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await evidence.getByRole('button', { name: 'Attach file' }).click();
  await settle(manager, info);
  await expect(manager.getByText('“q1-report.pdf” attached as evidence for FY2027 Q1.')).toBeVisible();
  const file = evidence.getByRole('row', { name: /q1-report\.pdf/ });
  await expect(file).toContainText('FY2027 Q1, version 1');
  await expect(file).toContainText('PDF');
  expect(await violations(manager, info)).toEqual([]);

  // A viewer reads the list (no form) and downloads the file.
  const viewer = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(viewer, info, 'viewer', `/strategies/${number}`);
  const theirs = viewer.getByRole('region', { name: 'Evidence' });
  await expect(theirs.getByRole('button', { name: 'Attach file' })).toHaveCount(0);
  const [download] = await Promise.all([
    viewer.waitForEvent('download'),
    theirs.getByRole('link', { name: 'q1-report.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('q1-report.pdf');
});

test('a manager sees a measure\'s quarter target, year target and year so far beside its actual input', async ({ page, browser }, info) => {
  // Each project has its own server and database; no other test uses strategy 5.1.1.
  const number = '5.1.1';
  await assign(page, info, number);
  await open(page, `/measures/new?attach_to=${number}`, info);
  await page.getByLabel('Name').fill('Cases triaged (targets beside)');
  await page.getByLabel('Unit').fill('cases');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByLabel('Baseline value').fill('100');
  await page.getByLabel('Baseline fiscal year').fill('2025');
  await page.getByLabel('Data source').fill('Case system export');
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  await settle(page, info);
  await page.getByLabel(/annual target \(APP\)/).fill('200');
  await page.getByLabel('Q1 target (IP)').fill('50');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await expect(page.getByRole('table', { name: 'Every target change, newest first' })).toContainText('200 cases');

  const manager = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(manager, info, 'mgr', '/my');
  // Other specs may attach measures to 5.1.1 too: this one is found by its name.
  const slot = manager.locator('#row-5-1-1 .pt-update-measure', { hasText: 'Cases triaged (targets beside)' });
  await expect(slot.locator('.pt-targets-beside')).toHaveText(
    'FY2027 Q1 target: 50 cases · FY2027 target: 200 cases · FY2027 to date: nothing recorded yet',
  );
  expect(await violations(manager, info)).toEqual([]);
});
