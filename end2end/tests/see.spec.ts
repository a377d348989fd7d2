import { expect, test } from '@playwright/test';
import { measure, open, settle, signIn, violations } from './helpers';

// What people see (issue 17): at a desktop's and a phone's width, with JavaScript and
// without, no page scrolls sideways, no chart text is too small to read, the headline
// says when too few have reported, and a printed page carries the plan and the date.

const pages = [
  '/',
  '/quarters',
  '/heatmap?goal=4',
  '/goals/4',
  '/objectives/4.1',
  '/strategies/4.1.3',
  '/app',
  '/ip',
  '/cycle',
  '/measures/new',
  '/admin/users',
  '/admin/audit',
];

/** How far the page is wider than the window, and the smallest chart text shown (px). */
function layout() {
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  let smallest = Infinity;
  let what = '';
  for (const t of Array.from(document.querySelectorAll('figure svg text'))) {
    const text = t as SVGTextElement;
    if (!text.getClientRects().length || !(text.textContent ?? '').trim()) continue;
    const svg = text.ownerSVGElement!;
    const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (size < smallest) {
      smallest = size;
      what = (text.textContent ?? '').trim();
    }
  }
  return { overflow, smallest, what };
}

for (const [name, width] of [
  ['desktop', 1280],
  ['phone', 390],
] as const) {
  test.describe(`at ${width} px (${name})`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('no page scrolls sideways and no chart text is under 11 px', async ({ page }, info) => {
      await signIn(page, info, 'admin');
      for (const path of pages) {
        await open(page, path, info);
        const seen = await measure(page, info, layout);
        expect(seen.overflow, `${path} is wider than the window`).toBeLessThanOrEqual(0);
        if (seen.smallest !== Infinity) {
          expect(seen.smallest, `${path}: "${seen.what}"`).toBeGreaterThanOrEqual(11);
        }
      }
      expect(await violations(page, info)).toEqual([]);
    });
  });
}

test('with few strategies reported the headline says the picture is incomplete', async ({ page }, info) => {
  await signIn(page, info, 'viewer');
  const headline = page.locator('.usa-intro', { hasText: 'Plan:' });
  // The DRO excerpt has dozens of strategies and the tests report a handful.
  await expect(headline.locator('.pt-status--incomplete')).toHaveText('◌ Incomplete picture');
  await expect(headline.getByText(/^\d+ of \d+ reported$/)).toBeVisible();
  await open(page, '/quarters', info);
  await expect(page.locator('.pt-status--incomplete').first()).toBeVisible();
  await expect(page.getByText(/A headline needs at least 50 % of strategies reported/)).toBeVisible();
});

test('a printed page has the plan and the date and leaves out the controls', async ({ page }, info) => {
  await signIn(page, info, 'admin');
  await page.emulateMedia({ media: 'print' });
  await open(page, '/', info);
  const header = page.locator('.pt-print-header');
  await expect(header).toBeVisible();
  // The app's date (PLANTRACK_NOW) is 15 November 2026.
  await expect(header).toContainText('Printed 15 November 2026');
  await expect(page.getByRole('link', { name: 'Change password' })).toBeHidden();
  await expect(page.getByText('Show the data table').first()).toBeHidden();
  await expect(page.getByRole('link', { name: /Download PNG/ }).first()).toBeHidden();
  await expect(page.getByRole('img', { name: /Strategy status by goal/ })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(header).toBeHidden();
});

test('owners set on the strategy page read the same on the quarter page, and let the manager record', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const number = js ? '4.4.1' : '4.4.2';
  const office = `Court Services (${info.project.name})`;
  await signIn(page, info, 'wg', `/strategies/${number}`);
  await page.getByLabel('Office').fill(office);
  await page.locator('label', { hasText: /^e2e-mgr \(e2e-mgr, / }).click();
  await page.getByRole('button', { name: 'Save owners' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Owners of strategy ${number} saved.` })).toBeVisible();
  const shown = `${office} · e2e-mgr`;
  await expect(page.locator('dl.pt-facts').first()).toContainText(shown);
  await open(page, `/quarters?goal=4`, info);
  await expect(page.getByRole('row', { name: new RegExp(number.replace(/\./g, '\\.')) })).toContainText(shown);
  expect(await violations(page, info)).toEqual([]);

  const manager = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(manager, info, 'mgr', `/strategies/${number}`);
  await expect(manager.getByRole('link', { name: /Record status/ })).toBeVisible();
  await expect(manager.getByRole('heading', { name: 'Owners' })).toHaveCount(0);
  const viewer = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(viewer, info, 'viewer', `/strategies/${number}`);
  await expect(viewer.getByRole('link', { name: /Record status/ })).toHaveCount(0);
});

test('a goal page shows where it stands: roll-up with coverage, a chart and its measures', async ({ page }, info) => {
  await signIn(page, info, 'viewer', '/goals/4');
  // The reporting quarter first (FY2026 Q4 on the app's date); the picker shows another.
  await expect(page.getByRole('heading', { name: 'Where it stands, FY2026 Q4' })).toBeVisible();
  await page.getByLabel('Quarter', { exact: true }).selectOption('2027-Q1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/goals\/4\?quarter=2027-Q1$/);
  await settle(page, info);
  const standing = page.locator('section', { has: page.getByRole('heading', { name: /^Where it stands, FY2027 Q1$/ }) });
  await expect(standing.getByText(/^\d+ of \d+ reported$/)).toBeVisible();
  await expect(standing.getByRole('img', { name: /Strategy status of goal 4, FY2027 Q1/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Performance measures, FY2027' })).toBeVisible();
  expect(await violations(page, info)).toEqual([]);
});
