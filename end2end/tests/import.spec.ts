import { expect, test } from '@playwright/test';
import { open, settle, signIn } from './helpers';

test.beforeEach(async ({ page }, info) => {
  await signIn(page, info, 'admin');
});

test('paste a plan, preview it, import it, see it in the plan', async ({ page }, info) => {
  const goal = info.project.name === 'js' ? '8' : '9';
  await open(page, '/admin/import', info);
  await page
    .getByLabel('Plan text')
    .fill(`Goal ${goal}: Readiness: Be ready.\nObjective ${goal}.1 - Train\nStrategy ${goal}.1.1 - Run drills every quarter\n`);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  await settle(page, info);
  await expect(page.getByText('1 goals, 1 objectives, 1 strategies')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Parsed outline' })).toContainText('Run drills every quarter');

  // A plan is already there: the import shows what it would change and becomes a change
  // proposal, decided at a review (nothing changes in the plan until then).
  const added = page.getByRole('table', { name: /What approving this re-import changes/ });
  await expect(added.locator(`tr[data-key="${goal}"]`)).toContainText('+ Added');
  await page.getByRole('button', { name: 'Propose this re-import' }).click();
  await settle(page, info);
  await expect(page.getByText('Nothing was saved. Say why the plan should change').first()).toBeVisible();
  await page.getByLabel(/Why the plan should change/).fill('Readiness becomes a goal');
  await page.getByRole('button', { name: 'Propose this re-import' }).click();
  await expect(page).toHaveURL(/\/plan\/proposals#proposal-\d+$/);
  await expect(page.getByRole('status')).toContainText(/The re-import is proposal \d+/);
  await expect(page.getByRole('table', { name: /waiting for a decision/ })).toContainText('Readiness becomes a goal');
  await open(page, '/', info);
  await expect(page.getByRole('link', { name: `Goal ${goal}: Readiness` })).toHaveCount(0);
});

test('a numbering error names its line and keeps the text', async ({ page }, info) => {
  await open(page, '/admin/import', info);
  const text = 'Goal 4: IT\n4.1 Objective One: Data\nGoal 5: People\n(5.1) Objective One: Staff\n4.2.1: Misplaced';
  await page.getByLabel('Plan text').fill(text);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Line 5');
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toHaveCount(0);
  await expect(page.getByLabel('Plan text')).toHaveValue(text);
});

test('upload a text file to preview it', async ({ page }, info) => {
  await open(page, '/admin/import', info);
  await page.getByLabel('Or upload a file').setInputFiles({
    name: 'plan.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Goal 1: A: B.\nObjective 1.1: C\n1.1.1: D\n1.1.2: E\n'),
  });
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Preview: plan.txt');
  await expect(page.getByText('1 goals, 1 objectives, 2 strategies')).toBeVisible();
});

test('an empty submission explains what is needed', async ({ page }, info) => {
  await open(page, '/admin/import', info);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toContainText('Paste the plan text or choose a file');
});

test('markup in imported plan text is shown as text, never run', async ({ page }, info) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const payload = `"><img src=x onerror=alert(1)><script>alert(2)</script>`;
  await open(page, '/admin/import', info);
  await page.getByLabel('Plan text').fill(`Goal 12: Safety: ${payload}\nObjective 12.1: ${payload}\n12.1.1: ${payload}\n`);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await settle(page, info);
  await expect(page.getByRole('region', { name: 'Parsed outline' })).toContainText(payload);
  const changes = page.getByRole('table', { name: /What approving this re-import changes/ });
  await expect(changes.locator('tr[data-key="12.1.1"]')).toContainText(payload);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.getByLabel(/Why the plan should change/).fill(payload);
  await page.getByRole('button', { name: 'Propose this re-import' }).click();
  await expect(page).toHaveURL(/\/plan\/proposals#proposal-\d+$/);
  await expect(page.getByRole('table', { name: /waiting for a decision/ })).toContainText(payload);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
