import { expect, test } from '@playwright/test';
import { open, signIn, violations, watchPolicy } from './helpers';

test('pages carry the security headers and hydrate under the policy', async ({ page }, info) => {
  watchPolicy(page);
  await signIn(page, info, 'admin');
  const response = await open(page, '/strategies/4.1.3', info);
  const headers = response!.headers();
  const policy = headers['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'wasm-unsafe-eval'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  // The nonce is this response's own: the next one has another.
  const again = await page.request.get('/strategies/4.1.3');
  expect(again.headers()['content-security-policy']).not.toEqual(policy);
  if (info.project.use.javaScriptEnabled !== false) {
    // Hydrated (open() waited for it): a client-side control works.
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
  expect(await violations(page, info)).toEqual([]);
});

test('an inline script without the nonce is refused by the browser', async ({ page }, info) => {
  test.skip(info.project.use.javaScriptEnabled === false, 'needs scripts');
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) refused.push(m.text());
  });
  await signIn(page, info, 'viewer');
  await open(page, '/', info);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).__injected)).toBeUndefined();
});
