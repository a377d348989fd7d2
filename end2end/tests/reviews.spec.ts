import { expect, test } from '@playwright/test';
import { signIn, settle, violations } from './helpers';

// The working group's quarterly review (issue 19). The app's date is 15 November 2026:
// FY2026 Q4's review can be opened, then FY2027 Q1's; this spec takes whichever is next.

test('the working group runs a review end to end: agenda, an item recorded, an action, sign-off; a viewer reads it', async ({ page, browser }, info) => {
  await signIn(page, info, 'wg', '/reviews');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quarterly reviews');
  expect(await violations(page, info)).toEqual([]);
  // Whichever review is offered next (revisions.spec.ts opens one too, in either order).
  await page.getByRole('button', { name: /^Open the FY\d{4} Q\d review$/ }).click();
  await expect(page).toHaveURL(/\/reviews\/\d{4}-Q\d$/);
  const slug = page.url().match(/\/reviews\/(\d{4}-Q\d)$/)![1];
  const q = `FY${slug.replace('-', ' ')}`;
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quarterly review, ${q}`);
  await expect(page.getByText(`The ${q} review is open, its agenda built from the quarter's data.`)).toBeVisible();
  expect(await violations(page, info)).toEqual([]);

  // An item added by hand, recorded: a low likelihood needs an improvement strategy.
  await page.getByLabel('Add an item by hand').fill('Staffing outlook');
  await page.getByRole('button', { name: 'Add item' }).click();
  await settle(page, info);
  const item = page.getByRole('region', { name: /\d+\. Staffing outlook/ });
  await item.getByLabel('Notes').fill('Two analysts leave in December.');
  await item.getByLabel('Likelihood of meeting the planned level').selectOption({ label: '↓ Low' });
  await item.getByLabel('Risk category').selectOption({ label: 'Resources and staffing' });
  await item.getByLabel('Decisions').fill('Ask the budget office for two term hires.');
  await item.getByRole('button', { name: 'Save item' }).click();
  await settle(page, info);
  await expect(item.getByText(/Nothing was saved\. The likelihood is low/)).toBeVisible();
  await expect(item.getByLabel('Notes')).toHaveValue('Two analysts leave in December.');
  await item.getByLabel('Improvement strategy').fill('Borrow two analysts from Court Services.');
  await item.getByRole('button', { name: 'Save item' }).click();
  await expect(page.getByRole('status')).toContainText('Agenda item recorded.');
  await settle(page, info);

  // Date, chair and attendance; an action from the item.
  await page.getByLabel('Meeting date').fill('2026-11-10');
  await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'e2e-wg' });
  await page.locator('label.usa-checkbox__label', { hasText: /^e2e-wg$/ }).click();
  await page.getByLabel('Guests, by name').fill('Dana Diaz (budget office)');
  await page.getByRole('button', { name: 'Save meeting details' }).click();
  await expect(page.getByRole('status')).toContainText('Meeting details saved.');
  await settle(page, info);
  await page.getByLabel('Action', { exact: true }).fill('Draft the term-hire request');
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'e2e-mgr' });
  await page.getByLabel('Due date', { exact: true }).fill('2026-12-15');
  const from = page.getByLabel('From agenda item (optional)');
  await from.selectOption(await from.locator('option', { hasText: 'Staffing outlook' }).getAttribute('value') ?? '');
  await page.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByRole('status')).toContainText('Action “Draft the term-hire request” added.');
  await settle(page, info);
  await expect(page.getByRole('table', { name: `Actions agreed at the ${q} review` })).toContainText('e2e-mgr');
  expect(await violations(page, info)).toEqual([]);

  // Signed off: read-only, addenda only.
  await page.getByRole('button', { name: 'Sign off the review' }).click();
  await expect(page.getByRole('status')).toContainText(`The ${q} review is signed off`);
  await settle(page, info);
  await expect(page.getByText(/✔ Signed off by e2e-wg/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save item' })).toHaveCount(0);
  await expect(page.getByText('Borrow two analysts from Court Services.')).toBeVisible();
  await page.getByLabel('Add an addendum').fill('The budget office approved one term hire.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByRole('region', { name: 'Addenda' })).toContainText('The budget office approved one term hire.');
  expect(await violations(page, info)).toEqual([]);

  // The briefing packet: a print-ready page, and the same as a PDF made on the server.
  await page.getByRole('link', { name: 'Briefing packet (print or PDF)' }).click();
  await expect(page).toHaveURL(new RegExp(`/reviews/${slug}/packet$`));
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Briefing packet: ${q} quarterly review`);
  await expect(page.getByRole('heading', { name: 'Staffing outlook' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Open actions agreed at this review' })).toContainText('Draft the term-hire request');
  expect(await violations(page, info)).toEqual([]);
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`briefing-packet-${slug.toLowerCase()}.pdf`);
  const bytes = require('fs').readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // The action's owner finds it on My updates.
  const manager = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(manager, info, 'mgr', '/my');
  await expect(manager.getByRole('table', { name: /Actions from the working group's reviews that you own/ })).toContainText('Draft the term-hire request');

  // A viewer reads the review but runs nothing (here, where the review exists: each test
  // makes what it reads, so any spec runs alone or in any order).
  const viewer = await (await browser.newContext({ javaScriptEnabled: info.project.name === 'js' })).newPage();
  await signIn(viewer, info, 'viewer', '/reviews');
  await expect(viewer.getByRole('button', { name: /Open the/ })).toHaveCount(0);
  expect(await violations(viewer, info)).toEqual([]);
  await viewer.getByRole('link', { name: `${q} review` }).click();
  await expect(viewer).toHaveURL(new RegExp(`/reviews/${slug}$`));
  await settle(viewer, info);
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(`Quarterly review, ${q}`);
  await expect(viewer.getByText('Borrow two analysts from Court Services.')).toBeVisible();
  for (const name of ['Save item', 'Add addendum', 'Close action', 'Sign off the review']) {
    await expect(viewer.getByRole('button', { name })).toHaveCount(0);
  }
  expect(await violations(viewer, info)).toEqual([]);
});

test('the working group rates an objective in the annual strategic review and the summary counts it', async ({ page }, info) => {
  const objective = info.project.name === 'js' ? '4.1' : '4.2';
  await signIn(page, info, 'wg', '/reviews');
  await page.getByRole('link', { name: 'Annual strategic review, FY2027' }).click();
  await expect(page).toHaveURL(/\/annual-reviews\/2027$/);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Annual strategic review, FY2027');
  expect(await violations(page, info)).toEqual([]);
  const part = page.getByRole('region', { name: new RegExp(`^Objective ${objective.replace('.', '\\.')}`) });
  await part.getByLabel('Progress over the year').fill('Backlog down a third.');
  await part.getByLabel('Rating').selectOption({ label: '⚑ Focus area for improvement' });
  await part.getByRole('button', { name: "Save the objective's review" }).click();
  await settle(page, info);
  await expect(part.getByText(/Nothing was saved\. A focus area for improvement needs its improvement strategies/)).toBeVisible();
  await expect(part.getByLabel('Progress over the year')).toHaveValue('Backlog down a third.');
  await part.getByLabel(/^Improvement strategies/).fill('Cross-train two analysts.');
  await part.getByRole('button', { name: "Save the objective's review" }).click();
  await expect(page.getByRole('status')).toContainText(`The FY2027 review of objective ${objective} is saved.`);
  await settle(page, info);
  await expect(page.locator(`tr[data-objective="${objective}"]`)).toContainText('Focus area for improvement');
  await expect(page.getByText(/⚑ Focus areas for improvement: 1/)).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});

test('an administrator adds a risk category that agenda items can then choose', async ({ page }, info) => {
  await signIn(page, info, 'admin', '/reviews');
  await page.getByLabel('New risk category').fill('Vendor performance');
  await page.getByRole('button', { name: 'Add risk category' }).click();
  await expect(page.getByRole('status')).toContainText('Risk category “Vendor performance” added.');
  await settle(page, info);
  await expect(page.getByRole('region', { name: 'Risk categories' })).toContainText('Vendor performance');
  expect(await violations(page, info)).toEqual([]);
});
