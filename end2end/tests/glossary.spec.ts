import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

test('the glossary says what each symbol means and which states show it', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '/', info);
    await page.getByRole('contentinfo').getByRole('link', { name: 'What the symbols mean' }).click();
    await expect(page).toHaveURL(/\/glossary$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Symbols and states');
    const symbols = page.getByRole('table', { name: 'Symbols and their meanings' });
    await expect(symbols.getByRole('rowheader', { name: /Needs attention: at risk, behind target or past due$/ })).toBeVisible();
    const likelihood = page.getByRole('heading', { name: 'Likelihood of meeting the planned level', exact: true });
    await expect(likelihood).toBeVisible();
    await expect(page.locator('h3:has-text("Likelihood") + ul')).toContainText('↑ High');
    await expect(page.locator('h3:has-text("Likelihood") + ul')).not.toContainText('▲');
    await expect(page.getByRole('heading', { name: 'A change proposal', exact: true })).toBeVisible();
    expect(await violations(page, info)).toEqual([]);
  }
});
