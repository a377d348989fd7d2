import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

// The quarterly data call (issue 18): each quarter's call on the planning-cycle page, and
// "My updates" listing what a manager owns and still has to record. The app's date is
// 15 November 2026, in FY2027 Q1.

test('the planning cycle shows each quarter of the year with its due and lock dates', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/cycle/2027');
  await expect(page.getByRole('heading', { name: 'Quarterly data calls, FY2027' })).toBeVisible();
  const q1 = page.locator('tr[data-call="2027-Q1"]');
  await expect(q1).toContainText('15 Jan 2027');
  await expect(q1).toContainText('14 Feb 2027');
  await expect(q1).toContainText('Open');
  await expect(page.locator('tr[data-call="2027-Q2"]')).toContainText('Upcoming');
  await expect(page.getByLabel(/Updates due/)).toHaveCount(0);
  expect(await violations(page, info)).toEqual([]);
});

test('a manager finds what they own on My updates and each missing entry leads to its form', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '5.2.4' : '5.2.5';
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

  const manager = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(manager, info, 'mgr');
  await manager.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'My updates' }).click();
  await expect(manager).toHaveURL(/\/my$/);
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('My updates');
  await expect(manager.getByText(/FY2027 Q1 updates are due 15 January 2027/)).toBeVisible();
  const row = manager.getByRole('row', { name: new RegExp(number.replace(/\./g, '\\.')) });
  await expect(row).toContainText('No update');
  expect(await violations(manager, info)).toEqual([]);
  // "Record status" goes to the strategy's row of forms on this page; "Full form" to its page.
  await expect(row.getByRole('link', { name: /Record status/ })).toHaveAttribute('href', `#row-${number.replace(/\./g, '-')}`);
  await row.getByRole('link', { name: /Full form/ }).click();
  await expect(manager).toHaveURL(new RegExp(`/strategies/${number.replace(/\./g, '\\.')}/status\\?quarter=2027-Q1$`));
  await open(manager, '/my', info);
});

test('the working group follows the call on its tracker, reached from the quarter page', async ({ page }, info) => {
  await signIn(page, info, 'wg', '/quarters/2027-Q1');
  await page.getByRole('link', { name: 'The data-call tracker for FY2027 Q1' }).click();
  await expect(page).toHaveURL(/\/quarters\/2027-Q1\/call$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data call, FY2027 Q1');
  await expect(page.getByRole('heading', { name: 'By goal' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Goal 4: Information Technology/ })).toContainText(/\d+ of 16/);
  expect(await violations(page, info)).toEqual([]);
});

test('a locked quarter is unlocked by the working group with a reason and locks again once saved', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '4.4.3' : '4.4.4';
  const form = `/strategies/${number}/status?quarter=2026-Q4`;
  await signIn(page, info, 'wg', form);
  // FY2026 Q4 locked on 14 November 2026, the day before the app's date.
  await expect(page.getByRole('heading', { name: 'FY2026 Q4 is locked' })).toBeVisible();
  await expect(page.getByText(/FY2026 Q4 locked on 14 November 2026/)).toBeVisible();
  await expect(page.getByLabel('Percent complete')).toHaveCount(0);
  expect(await violations(page, info)).toEqual([]);
  await page.getByRole('button', { name: 'Unlock FY2026 Q4' }).click();
  await expect(page.getByText('Say why this quarter is being unlocked')).toBeVisible();
  await page.getByLabel('Reason for unlocking').fill('Finance corrected the year-end figures');
  await page.getByRole('button', { name: 'Unlock FY2026 Q4' }).click();
  await expect(page.getByRole('status')).toContainText(`FY2026 Q4 unlocked for the status of strategy ${number} until its owner submits an update.`);
  await expect(page.getByText(/unlocked it for this strategy: .Finance corrected the year-end figures./)).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  await page.locator('label.usa-radio__label', { hasText: 'Completed' }).click();
  await page.getByLabel('Percent complete').fill('100');
  await page.getByRole('button', { name: 'Submit status' }).click();
  await expect(page.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2026 Q4 submitted.`);
  await open(page, form, info);
  await expect(page.getByRole('heading', { name: 'FY2026 Q4 is locked' })).toBeVisible();
});

test('a manager drafts and submits, the working group returns it with a comment, the manager corrects it and it is approved', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '3.1.3' : '4.1.4';
  const escaped = number.replace(/\./g, '\\.');
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

  const manager = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(manager, info, 'mgr', `/strategies/${number}/status`);
  await manager.locator('label.usa-radio__label', { hasText: 'On track' }).click();
  await manager.getByLabel('Percent complete').fill('60');
  await manager.getByLabel('Accomplishments').fill('Inventory half done');
  await manager.getByRole('button', { name: 'Save as draft' }).click();
  await expect(manager.getByRole('status')).toContainText(`Draft of strategy ${number}'s status for FY2027 Q1 saved`);
  await open(manager, '/my', info);
  const row = manager.getByRole('row', { name: new RegExp(escaped) });
  await expect(row).toContainText('Draft');
  // The strategy's row of forms on My updates holds the draft: submitted from there.
  await row.getByRole('link', { name: /Finish and submit/ }).click();
  const form = manager.getByRole('region', { name: new RegExp(`^${escaped} `) });
  await expect(form.getByLabel('Accomplishments')).toHaveValue('Inventory half done');
  await form.getByRole('button', { name: 'Submit status' }).click();
  await expect(manager.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 submitted.`);

  await open(page, `/strategies/${number}`, info);
  await expect(page.getByText('➜ Submitted, awaiting approval')).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  await page.getByRole('button', { name: 'Return for correction' }).click();
  await expect(page.getByText('Say what needs correcting')).toBeVisible();
  await page.getByLabel(`Comment to the owner (FY2027 Q1 update of strategy ${number})`).fill('60% seems high for a half-done inventory.');
  await page.getByRole('button', { name: 'Return for correction' }).click();
  await expect(page.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 returned to its owner.`);

  await open(manager, '/my', info);
  const returned = manager.getByRole('row', { name: new RegExp(escaped) });
  await expect(returned).toContainText('Returned');
  await expect(returned).toContainText('60% seems high for a half-done inventory.');
  expect(await violations(manager, info)).toEqual([]);
  await returned.getByRole('link', { name: /Correct and resubmit/ }).click();
  const again = manager.getByRole('region', { name: new RegExp(`^${escaped} `) });
  await expect(again).toContainText('↩ Returned by e2e-wg: “60% seems high for a half-done inventory.”');
  await again.getByLabel('Percent complete').fill('45');
  await again.getByRole('button', { name: 'Submit status' }).click();
  await expect(manager.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 submitted.`);

  await open(page, `/strategies/${number}`, info);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toHaveText(`Status of strategy ${number} for FY2027 Q1 approved.`);
  const timeline = page.getByRole('region', { name: 'Status history' });
  await expect(timeline).toContainText('✔ Approved by e2e-wg');
  await expect(timeline).toContainText('↩ Returned by e2e-wg');
  await open(manager, '/my', info);
  await expect(manager.getByRole('row', { name: new RegExp(escaped) })).toContainText('Approved');
});

test('the working group reminds an owner now; the owner reads it under Notifications; the outbox says it was not e-mailed', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '5.1.3' : '4.4.5';
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
  await open(page, '/quarters/2027-Q1/call', info);
  const row = page.locator('tr[data-owner="e2e-mgr"]');
  await row.getByRole('button', { name: 'Remind now' }).click();
  await expect(page.getByRole('status')).toHaveText('Reminder sent to e2e-mgr.');
  expect(await violations(page, info)).toEqual([]);

  const manager = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(manager, info, 'mgr', '/my');
  const wide = manager.locator('.pt-header__wide');
  await expect(wide.getByRole('link', { name: /Notifications \d+ unread/ })).toBeVisible();
  await wide.getByRole('link', { name: /Notifications/ }).click();
  await expect(manager).toHaveURL(/\/notifications$/);
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  await expect(manager.getByRole('heading', { name: /updates? for FY2027 Q1 due 15 January 2027/ }).first()).toBeVisible();
  await expect(manager.getByText(new RegExp(`Strategy ${number.replace(/\./g, '\\.')}: quarterly status`)).first()).toBeVisible();
  expect(await violations(manager, info)).toEqual([]);
  await manager.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(manager.getByText('Everything here is read.')).toBeVisible();
  await expect(manager.locator('.pt-header__wide .pt-count')).toHaveCount(0);

  const admin = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(admin, info, 'admin', '/admin/outbox');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Outbox');
  await expect
    .poll(async () => {
      await admin.reload();
      return (await admin.locator('tbody tr').first().textContent()) ?? '';
    })
    .toContain('Not sent');
  await expect(admin.locator('tbody tr').first()).toContainText('e2e-mgr (no e-mail address)');
  expect(await violations(admin, info)).toEqual([]);
});

test('a person sets the e-mail address reminders go to on their account page', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/account/password');
  await expect(page.getByRole('heading', { name: 'E-mail for reminders' })).toBeVisible();
  const field = page.getByLabel('E-mail address');
  await field.fill(info.project.name === 'js' ? 'viewer-js@example.gov' : 'viewer-nojs@example.gov');
  await page.getByRole('button', { name: 'Save e-mail address' }).click();
  await expect(page.getByRole('status')).toHaveText('E-mail address saved.');
  await expect(page.getByLabel('E-mail address')).toHaveValue(/viewer-(no)?js@example\.gov/);
  expect(await violations(page, info)).toEqual([]);
});

test('an administrator sets when owners are reminded on the planning-cycle page', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/cycle/2027');
  await expect(page.getByText(/Owners with updates not submitted are reminded \d+ days? before the due date/)).toBeVisible();
  await page.getByLabel('Remind owners, days before the due date (0: not before)').fill('later');
  await page.getByRole('button', { name: 'Save the reminders' }).click();
  await expect(page.getByText('"later" is not a number of days before the due date')).toBeVisible();
  await expect(page.getByLabel('Remind owners, days before the due date (0: not before)')).toHaveValue('later');
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Remind owners, days before the due date (0: not before)').fill('5');
  await page.getByLabel('Then, while overdue, every (days; 0: not again)').fill('2');
  await page.getByRole('button', { name: 'Save the reminders' }).click();
  await expect(page.getByRole('status')).toHaveText('Reminder schedule saved.');
  await expect(page.getByText('Owners with updates not submitted are reminded 5 days before the due date, on the due date and every 2 days while overdue, until the quarter locks.')).toBeVisible();
});
