import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// The five-year business plan (issue 39). The app's date is 15 November 2026, in FY2027:
// the plan covers FY2027 to FY2031.

test('an owner plans two years of their strategy and the working group reads the roadmap and the budget gaps', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '3.2.1' : '3.2.2';
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

  const owner = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(owner, info, 'mgr', `/strategies/${number}`);
  await owner.getByRole('link', { name: 'Five-year business plan' }).click();
  await expect(owner.getByRole('heading', { level: 1 })).toHaveText(`Strategy ${number}: five-year business plan`);
  await settle(owner, info);
  // Refused: negative FTE; the error is beside the field and what was typed stays.
  const fy2027 = owner.locator('#fy2027');
  await fy2027.getByLabel('Milestones').fill('Q2: Pilot in two offices\nQ4: National rollout');
  await fy2027.getByLabel('Dollars needed').fill('300,000');
  await fy2027.getByLabel('FTE needed').fill('-2');
  await fy2027.getByRole('button', { name: 'Save FY2027' }).click();
  await expect(owner.locator('#fy2027')).toContainText('FTE cannot be negative.');
  await expect(owner.locator('#fy2027').getByLabel('Milestones')).toHaveValue('Q2: Pilot in two offices\nQ4: National rollout');
  expect(await violations(owner, info)).toEqual([]);
  await owner.locator('#fy2027').getByLabel('FTE needed').fill('2');
  await owner.locator('#fy2027').getByRole('button', { name: 'Save FY2027' }).click();
  await expect(owner.getByRole('status')).toHaveText(`Strategy ${number}'s FY2027 plan is saved.`);
  await expect(owner.locator('#fy2027')).toContainText('Q4: National rollout');
  await expect(owner.locator('#fy2027')).toContainText('$300,000 · 2 FTE');
  const fy2028 = owner.locator('#fy2028');
  await fy2028.getByLabel('Dollars needed').fill('150,000');
  await fy2028.getByLabel('Information technology').fill('Case system licences');
  await fy2028.getByRole('button', { name: 'Save FY2028' }).click();
  await expect(owner.getByRole('status')).toHaveText(`Strategy ${number}'s FY2028 plan is saved.`);
  await expect(owner.locator('#fy2028')).toContainText('Case system licences');
  // Another strategy's years are theirs to read, not to plan.
  await open(owner, '/business-plan/strategies/4.1.1', info);
  await expect(owner.getByRole('button', { name: /^Save FY/ })).toHaveCount(0);

  // The working group reads the roadmap and where the requests fall short, wide and narrow.
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '/business-plan', info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Five-year business plan, FY2027 to FY2031');
    const roadmap = page.getByRole('table', { name: /Goal 3.*strategies by fiscal year/ });
    const row = roadmap.getByRole('row', { name: new RegExp(`Strategy ${number.replace(/\./g, '\\.')}`) });
    await expect(row).toContainText('● Worked on');
    await expect(row).toContainText('Q2: Pilot in two offices');
    await expect(page.locator('section[aria-labelledby="plan-gaps"]')).toContainText('FY2027: $300,000 planned for goal 3, $0 requested');
    await expect(page.getByRole('table', { name: 'Goal 3: what the plan needs and what is requested' })).toContainText('▲ $300,000 short');
    await expect(page.getByRole('img', { name: /Business plan roadmap, FY2027 to FY2031: a grid of \d+ strateg/ }).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await violations(page, info)).toEqual([]);
  }
});

test('the working group downloads the business plan as CSV and imports entries checked row by row', async ({ page }, info) => {
  const number = info.project.name === 'js' ? '5.3.1' : '5.3.2';
  await signIn(page, info, 'wg', '/business-plan');
  await page.getByRole('navigation', { name: 'Business plan years' }).getByRole('link', { name: 'Import from CSV' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import the business plan from CSV');
  expect(await violations(page, info)).toEqual([]);
  const bad = `strategy,fiscal_year,fte,milestones\n${number},2027,-1,Q1: Survey\n`;
  await page.getByLabel('Or paste the CSV').fill(bad);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Nothing was written: 1 problem');
  await expect(page.getByRole('alert')).toContainText('FTE cannot be negative');
  await expect(page.getByLabel('Or paste the CSV')).toHaveValue(bad);
  expect(await violations(page, info)).toEqual([]);
  await page.getByLabel('Or paste the CSV').fill(`strategy,fiscal_year,fte,dollars,milestones\n${number},2027,1,90000,Q1: Survey\n`);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toContainText('1 business plan entry saved.');

  await open(page, '/business-plan', info);
  await expect(page.getByRole('row', { name: new RegExp(`Strategy ${number.replace(/\./g, '\\.')}`) })).toContainText('Q1: Survey');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('navigation', { name: 'Business plan years' }).getByRole('link', { name: 'Download as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('business-plan-fy2027.csv');
  const text = require('fs').readFileSync(await csv.path(), 'utf8');
  expect(text).toContain(`${number},2027,yes,Q1: Survey,90000,1`);
});
