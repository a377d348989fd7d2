import { expect, test } from '@playwright/test';
import { open, signIn, settle, violations } from './helpers';

// Change proposals, plan revisions and budget alignment (issue 20). Runs after
// reviews.spec.ts (alphabetical order), which signs off FY2026 Q4's review; this spec
// opens the next one to decide its proposal there. The app's date is 15 November 2026.

test('a change is proposed, approved at a review, and seen as a revision with its diff', async ({ page }, info) => {
  const nojs = info.project.use.javaScriptEnabled === false;
  const number = nojs ? '4.3.3' : '4.3.2';
  const before = nojs ? 'Develop and implement national custody' : 'Resurrect and study';
  const wording = `Study the detention management system again (${info.project.name}).`;
  await signIn(page, info, 'wg', '/plan/proposals');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change proposals');
  expect(await violations(page, info)).toEqual([]);
  await page.getByRole('link', { name: 'Propose a change' }).click();
  await settle(page, info);
  await page.getByRole('link', { name: 'Change the wording of a goal, objective or strategy' }).click();
  await settle(page, info);
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Goal, objective or strategy number').fill(number);
  await page.getByLabel('New wording').fill(wording);
  // Without a reason: refused, what was typed kept beside the error.
  await page.getByRole('button', { name: 'Propose the change' }).click();
  await settle(page, info);
  await expect(page.getByText('Say why the plan should change.').first()).toBeVisible();
  await expect(page.getByLabel('New wording')).toHaveValue(wording);
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Why the plan should change').fill('The old study is out of date.');
  await page.getByRole('button', { name: 'Propose the change' }).click();
  await expect(page.getByRole('status')).toContainText(/Proposal \d+ is recorded/);
  await settle(page, info);
  const id = (await page.getByRole('status').textContent())!.match(/Proposal (\d+)/)![1];
  await expect(page.locator(`#proposal-${id}`)).toContainText(`Strategy ${number}: new wording`);
  await expect(page.locator(`#proposal-${id}`)).toContainText('➜ Proposed');
  // The wording now beside the proposed, the words that change marked (not only by colour).
  await expect(page.locator(`#proposal-${id} .pt-diff__side`).first()).toContainText(before);
  await expect(page.locator(`#proposal-${id} ins.pt-diff__added`).first()).toBeVisible();
  await expect(page.locator(`#proposal-${id} del.pt-diff__removed`).first()).toBeVisible();

  // On the next review's agenda; approved there.
  await open(page, '/reviews', info);
  await page.getByRole('button', { name: /^Open the FY\d{4} Q\d review$/ }).click();
  await expect(page).toHaveURL(/\/reviews\/\d{4}-Q\d$/);
  await settle(page, info);
  const section = page.locator('#proposals');
  await expect(section).toContainText(wording);
  await expect(section.locator(`.pt-decision[data-proposal="${id}"] .pt-diff`)).toContainText(before);
  expect(await violations(page, info)).toEqual([]);
  await section.locator('label.usa-checkbox__label', { hasText: `Approve proposal ${id}` }).click();
  await section.getByLabel('Decision (recorded with each ticked proposal)').fill('Agreed: the study is stale.');
  await section.getByRole('button', { name: 'Record the decisions' }).click();
  await expect(page.getByRole('status')).toContainText(/The approved changes are revision \d+ of the plan/);
  await settle(page, info);
  const revision = Number((await page.getByRole('status').textContent())!.match(/revision (\d+)/)![1]);
  await expect(section).toContainText('✔ Approved');

  // The revision, and its side-by-side diff.
  await open(page, '/plan/revisions', info);
  expect(await violations(page, info)).toEqual([]);
  await page.getByRole('link', { name: `Changes since revision ${revision - 1}` }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revision ${revision - 1} compared with revision ${revision}`);
  const row = page.locator(`tr[data-key="${number}"]`);
  await expect(row).toContainText('~ Changed');
  await expect(row).toContainText(wording);
  await expect(row).toContainText(before);
  expect(await violations(page, info)).toEqual([]);
  await open(page, `/strategies/${number}`, info);
  await expect(page.locator('.usa-intro')).toHaveText(wording);
});

test('a budget request moves the totals by goal and objective, and funding moves them again', async ({ page }, info) => {
  const title = `Case system (${info.project.name})`;
  await signIn(page, info, 'wg', '/budget/2027');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget alignment, FY2027');
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Amount (dollars)').fill('250,000');
  await page.getByLabel('Office', { exact: true }).fill('Information Technology');
  await page.getByLabel('Status').selectOption({ label: '➜ Submitted' });
  await page.getByLabel('Strategy 1', { exact: true }).selectOption('4.2.2');
  await page.getByLabel('Share 1 (percent)').fill('60');
  await page.getByLabel('Strategy 2', { exact: true }).selectOption('4.2.3');
  await page.getByLabel('Share 2 (percent)').fill('40');
  await page.getByRole('button', { name: 'Save the request' }).click();
  await expect(page.getByRole('status')).toContainText(/Budget request \d+ is saved/);
  await settle(page, info);
  const objective = page.locator('tr[data-total="Objective 4.2"]');
  await expect(objective).toContainText('$250,000');
  await expect(objective.locator('td').nth(1)).toHaveText('$0');
  await expect(page.locator('#chart-budget [role="img"]').first()).toBeVisible();
  expect(await violations(page, info)).toEqual([]);

  await page.getByRole('link', { name: `Edit ${title}` }).click();
  await settle(page, info);
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await page.getByLabel('Status').selectOption({ label: '✔ Funded' });
  await page.getByRole('button', { name: 'Save the request' }).click();
  await expect(page.getByRole('status')).toContainText(/is saved/);
  await settle(page, info);
  await expect(page.locator('tr[data-total="Objective 4.2"] td').nth(1)).toHaveText('$250,000');
  await expect(page.locator('#budget-requests')).toContainText('✔ Funded');
  // Goals by name; strategy choices by number and text.
  await expect(page.locator('tr[data-total="Goal 4"] th')).toHaveText(/^Goal 4: \S/);
  await expect(page.getByLabel('Strategy 1', { exact: true }).locator('option[value="4.2.2"]')).toHaveText(/^4\.2\.2 \S/);
  expect(await violations(page, info)).toEqual([]);
  // `/budget` opens the year whose budget is being formulated: FY2028 on 15 November 2026.
  await open(page, '/budget', info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget alignment, FY2028');
});

test('starting the next year shows what it will copy first', async ({ page }, info) => {
  await signIn(page, info, 'wg', '/app/2029/start');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start FY2029 from FY2028');
  await expect(page.getByRole('heading', { name: /Targets to copy/ })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});
