import { expect, Page, TestInfo } from '@playwright/test';

/** Opens a page and, when JavaScript is on, waits until it has hydrated. */
export async function open(page: Page, path: string, info: TestInfo) {
  const response = await page.goto(path);
  await settle(page, info);
  return response;
}

/** Waits for hydration in the JavaScript project; nothing to wait for without it. */
export async function settle(page: Page, info: TestInfo) {
  if (info.project.name === 'js') {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}
