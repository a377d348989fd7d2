import { expect, test } from '@playwright/test';
import { Page } from '@playwright/test';
import { open, settle, signIn } from './helpers';

/** Picks a status: USWDS draws its own radio, so click the visible label. */
async function choose(page: Page, status: string) {
  await page.locator('label.usa-radio__label', { hasText: status }).click();
  await expect(page.getByLabel(status)).toBeChecked();
}

// Each project records on its own strategy so the two runs do not meet.
const strategyFor = (project: string) => (project === 'js' ? '5.2.1' : '5.2.2');

test('record a status update and see it on the strategy and quarter pages', async ({ page }, info) => {
  const number = strategyFor(info.project.name);
  await signIn(page, info, 'wg', `/strategies/${number}`);
  // The quarter being recorded: FY2026 Q4 locked on the app's date, so FY2027 Q1.
  await page.getByRole('link', { name: 'Record status for FY2027 Q1' }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}/status\\?quarter=2027-Q1$`));
  await settle(page, info);
  await choose(page, 'At risk');
  await page.getByLabel('Percent complete').fill('35');
  await page.getByLabel('Accomplishments').fill('Skills inventory survey sent');
  await page.getByRole('button', { name: 'Submit status' }).click();
  // At risk needs an explanation: the form comes back with the typed text kept.
  await expect(page.getByRole('alert')).toContainText('Explain why the strategy is at risk.');
  await expect(page.getByLabel('Accomplishments')).toHaveValue('Skills inventory survey sent');
  await expect(page.getByLabel('Percent complete')).toHaveValue('35');
  await page.getByLabel('Explanation').fill('Survey response is low');
  await page.getByLabel('Corrective action').fill('Reminder from the director');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await expect(page.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 submitted.`);
  const history = page.getByRole('region', { name: 'Status history' });
  await expect(history).toContainText('At risk');
  await expect(history).toContainText('35% complete');
  await expect(history).toContainText('Survey response is low');

  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Quarter status' }).click();
  await settle(page, info);
  // The menu opens the reporting quarter (FY2026 Q4); the update is in the next one.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Quarter status: FY2026 Q4');
  await page.getByRole('navigation', { name: 'Other quarters' }).getByRole('link', { name: 'FY2027 Q1 →' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Quarter status: FY2027 Q1');
  const row = page.getByRole('row', { name: new RegExp(number.replace(/\./g, '\\.')) });
  await expect(row).toContainText('At risk');
  await expect(row).toContainText('e2e-wg');
});

test('the second of two people editing at once sees a conflict and keeps their text', async ({ browser }, info) => {
  const number = info.project.name === 'js' ? '5.3.1' : '5.3.2';
  const js = info.project.name === 'js';
  const a = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const b = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(a, info, 'wg', `/strategies/${number}/status`);
  await signIn(b, info, 'admin', `/strategies/${number}/status`);
  await choose(a, 'On track');
  await a.getByLabel('Percent complete').fill('50');
  await a.getByLabel('Accomplishments').fill('Saved first by the working group');
  await choose(b, 'Completed');
  await b.getByLabel('Percent complete').fill('100');
  await b.getByLabel('Accomplishments').fill('Typed second by the administrator');
  await a.getByRole('button', { name: 'Submit status' }).click();
  await expect(a).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await b.getByRole('button', { name: 'Submit status' }).click();
  await expect(b.getByRole('heading', { name: 'Someone else saved first' })).toBeVisible();
  await expect(b.getByText('Saved first by the working group')).toBeVisible();
  await expect(b.getByLabel('Accomplishments')).toHaveValue('Typed second by the administrator');
  await b.getByRole('button', { name: 'Submit status' }).click();
  await expect(b).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}$`));
  await expect(b.getByText('correction (version 2)')).toBeVisible();
});

test('a viewer can read status but not record it', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/strategies/4.1.1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategy 4.1.1');
  await expect(page.getByRole('link', { name: /^Record status for / })).toHaveCount(0);
  // Asked for directly, the form says why it is not offered.
  await open(page, '/strategies/4.1.1/status', info);
  await expect(page.getByText('You can read this strategy')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit status' })).toHaveCount(0);
});
