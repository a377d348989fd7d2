import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// Discussion on the work (issue 41): a viewer asks a question on a measure mentioning its
// owner; the owner sees it on My updates and answers; the working group resolves it.

test('a viewer asks on a measure mentioning its owner, who answers from My updates; the working group resolves the thread', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '4.4.3' : '4.4.4';
  const name = `Intelligence reports shared (${info.project.name})`;
  // The working group makes e2e-mgr an owner of the strategy and adds a measure to it.
  await signIn(page, info, 'wg', `/strategies/${number}`);
  const owner = page.getByRole('checkbox', { name: /^e2e-mgr \(e2e-mgr, / });
  if (!(await owner.isChecked())) {
    await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
    await page.getByRole('button', { name: 'Save owners' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
  }
  await open(page, `/measures/new?attach_to=${number}`, info);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Unit').fill('reports');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByLabel('Data source').fill('Intel log');
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);
  const path = new URL(page.url()).pathname;

  // A viewer (leadership) asks; a mention of someone who has no account is refused first,
  // with what was typed kept beside the problem.
  const viewer = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(viewer, info, 'viewer', path);
  const discussion = viewer.locator('#discussion');
  await expect(discussion.getByRole('heading', { name: 'Discussion', exact: true })).toBeVisible();
  await expect(discussion).toContainText('No one has commented on this measure yet.');
  expect(await violations(viewer, info)).toEqual([]);
  await viewer.getByLabel('Add a comment').fill('@nobody-here is this cumulative?');
  await viewer.getByRole('button', { name: 'Post the comment' }).click();
  await settle(viewer, info);
  await expect(viewer.locator('#discussion')).toContainText('Nothing was posted.');
  await expect(viewer.locator('#discussion')).toContainText('@nobody-here cannot read this measure');
  await expect(viewer.getByLabel('Add a comment')).toHaveValue('@nobody-here is this cumulative?');
  expect(await violations(viewer, info)).toEqual([]);
  const question = 'Is the Q1 figure cumulative? @e2e-mgr — the definition is at https://example.org/defs.';
  await viewer.getByLabel('Add a comment').fill(question);
  await viewer.getByRole('button', { name: 'Post the comment' }).click();
  await settle(viewer, info);
  await expect(viewer.getByRole('status')).toHaveText('Comment posted.');
  await expect(viewer.getByRole('heading', { name: 'Discussion (1 open thread)' })).toBeVisible();
  await expect(viewer.locator('#discussion').getByRole('link', { name: 'https://example.org/defs' })).toBeVisible();
  expect(await violations(viewer, info)).toEqual([]);

  // The owner sees the mention on My updates and answers in the thread.
  const manager = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(manager, info, 'mgr', '/my');
  await expect(manager.getByRole('heading', { name: 'Mentions (1 waiting for your answer)' })).toBeVisible();
  const mentions = manager.locator('section', { has: manager.getByRole('heading', { name: /^Mentions/ }) });
  await expect(mentions).toContainText('Is the Q1 figure cumulative?');
  expect(await violations(manager, info)).toEqual([]);
  await mentions.getByRole('link', { name: /Read and answer/ }).click();
  await expect(manager).toHaveURL(new RegExp(`${path}#discussion$`));
  await settle(manager, info);
  await manager.locator('summary', { hasText: 'Reply to e2e-viewer' }).click();
  await manager.getByLabel('Your reply').fill('Yes: year to date, as the definition says.');
  await manager.getByRole('button', { name: 'Post the reply' }).click();
  await settle(manager, info);
  await expect(manager.getByRole('status')).toHaveText('Reply posted.');
  await expect(manager.locator('#discussion')).toContainText('replying to e2e-viewer');
  await open(manager, '/my', info);
  await expect(manager.getByRole('heading', { name: 'Mentions (0 waiting for your answer)' })).toBeVisible();
  await expect(manager.getByText('Answered')).toBeVisible();

  // The working group resolves the thread; everyone reads it as resolved.
  await open(page, path, info);
  await page.getByRole('button', { name: 'Resolve the thread started by e2e-viewer' }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Thread resolved.');
  await expect(page.locator('#discussion')).toContainText('✓ Resolved by e2e-wg');
  await expect(page.getByRole('heading', { name: 'Discussion', exact: true })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 900 });
  await open(page, path, info);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await violations(page, info)).toEqual([]);
});
