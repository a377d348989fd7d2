import { expect, test } from '@playwright/test';
import { open, signIn, violations } from './helpers';

test('an administrator schedules the APP progress table, sends it now and finds it in the outbox', async ({ page }, info) => {
  const name = `APP to the administrator (${info.project.name})`;
  const measure = `Letters answered (schedule, ${info.project.name})`;
  // A measure, so the APP progress table has a row.
  await signIn(page, info, 'admin', '/measures/new?attach_to=4.2.1');
  await page.getByLabel('Name').fill(measure);
  await page.getByLabel('Unit').fill('letters');
  await page.locator('label.usa-radio__label', { hasText: 'Quarters add up to the year' }).click();
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page).toHaveURL(/\/measures\/\d+$/);

  // Administration → Scheduled reports.
  await page.getByText('Administration', { exact: true }).first().click();
  await page.getByRole('link', { name: 'Scheduled reports', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/schedules$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scheduled reports');
  expect(await violations(page, info)).toEqual([]);

  // Monthly without a day: refused beside the field, with the name kept.
  const form = page.locator('#new-schedule-section');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.locator('label.usa-radio__label', { hasText: 'APP progress table' }).click();
  await form.locator('label.usa-radio__label', { hasText: 'Monthly, on a day of the month' }).click();
  await form.locator('label.usa-radio__label', { hasText: 'A link to the page' }).click();
  await form.getByLabel('And these people (usernames)').fill('e2e-admin');
  await form.getByLabel('Covering text').fill('For the Monday meeting.');
  await form.getByRole('button', { name: 'Save the schedule' }).click();
  await expect(page.locator('#new-schedule-section .usa-error-message').first()).toHaveText('Enter a day of the month from 1 to 31.');
  await expect(page.locator('#new-schedule-section').getByLabel('Name', { exact: true })).toHaveValue(name);
  expect(await violations(page, info)).toEqual([]);

  // With a day: saved, listed with its next run.
  await page.locator('#new-schedule-section').getByLabel('Day of the month (monthly and yearly)').fill('1');
  await page.locator('#new-schedule-section').getByRole('button', { name: 'Save the schedule' }).click();
  await expect(page.getByText(`The schedule "${name}" is saved.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
  await expect(row).toContainText('Monthly on day 1, at 08:00');
  await expect(row).toContainText('Never run');
  await expect(row).toContainText('Tue 1 Dec 2026, 08:00');

  // The preview: what the next run would send.
  await row.getByRole('link', { name: `Preview ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Preview: ${name}`);
  await expect(page.getByText('Subject: APP progress, FY2027')).toBeVisible();
  await expect(page.getByText('For the Monday meeting.')).toBeVisible();
  expect(await violations(page, info)).toEqual([]);

  // Send now: the message is in the outbox, and the run in the history.
  await open(page, '/admin/schedules', info);
  await page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) }).getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText(`"${name}": 1 message is in the outbox.`)).toBeVisible();
  await expect(page.getByRole('table', { name: /Runs of the scheduled reports/ }).getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) })).toContainText('Sent now');
  await open(page, '/admin/outbox', info);
  const message = page.getByRole('row', { name: /APP progress, FY2027/ }).first();
  await expect(message).toContainText('e2e-admin');
  expect(await violations(page, info)).toEqual([]);
});
