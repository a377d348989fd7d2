import { expect, test } from '@playwright/test';
import { open, settle, signIn, violations } from './helpers';

// Pages kept between requests (issue 44): a page read again is the page rendered before,
// served with a CSP nonce of its own (so it still hydrates: no policy refusals), and what
// someone else saves meanwhile shows on the next view. How the server answered is read
// with the context's own requests (a navigation to the page already shown may not ask).

test('a page read again is the one kept, and a comment posted meanwhile shows on the next view', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const path = `/strategies/${js ? '3.2.1' : '3.2.2'}`;
  await signIn(page, info, 'viewer', path);
  expect((await page.request.get(path)).headers()['x-plantrack-kept']).toBe('kept');
  await open(page, path, info);
  await expect(page.locator('#discussion').getByRole('heading', { name: 'Discussion', exact: true })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);

  const wg = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(wg, info, 'wg', path);
  const text = `Checked against the source (${info.project.name}).`;
  await wg.getByLabel('Add a comment').fill(text);
  await wg.getByRole('button', { name: 'Post the comment' }).click();
  await settle(wg, info);
  await expect(wg.locator('#discussion')).toContainText(text);

  expect((await page.request.get(path)).headers()['x-plantrack-kept']).toBe('rendered');
  await open(page, path, info);
  await expect(page.locator('#discussion')).toContainText(text);
  expect(await violations(page, info)).toEqual([]);
});
