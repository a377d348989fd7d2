import { test } from '@playwright/test';
import { open, signIn } from './helpers';

test('probe packet width', async ({ page }, info) => {
  test.skip(info.project.name !== 'js');
  await signIn(page, info, 'wg', '/reviews');
  const b = page.getByRole('button', { name: /^Open the FY\d{4} Q\d review$/ });
  if (await b.count()) { await b.first().click(); }
  await open(page, '/reviews', info);
  const link = page.locator('a[href^="/reviews/20"]').first();
  const href = await link.getAttribute('href');
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of [`${href}/packet`, '/app', '/quarters']) {
    await open(page, path, info);
    const wide = await page.evaluate(() => {
      const out: string[] = [];
      document.querySelectorAll('main *').forEach((e) => {
        const r = e.getBoundingClientRect();
        if (r.right > 392 && e.children.length < 50) out.push(`${e.tagName}.${(e as HTMLElement).className} ${Math.round(r.right)}`);
      });
      return [document.documentElement.scrollWidth, document.documentElement.scrollHeight, ...out.slice(0, 12)];
    });
    console.log(path, JSON.stringify(wide));
  }
});
