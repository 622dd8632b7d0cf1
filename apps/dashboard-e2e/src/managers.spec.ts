import { expect, test, type Page } from '@playwright/test';
import { shot, signIn } from './support';

/** The manager's screens at a laptop's 1366×900 and a tablet's 1024×768. */
const SIZES = [
  { width: 1366, height: 900 },
  { width: 1024, height: 768 },
];

async function atEachSize(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shot(page, `${name}-${size.width}`);
    // Nothing sticks out sideways: the page scrolls down, never across.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
  }
}

test('manager reads the clinic overview, the course progress and who to phone', async ({ page }) => {
  await signIn(page, 'manager');
  await expect(page).toHaveTitle('Clinic overview · Venule');
  const figures = page.getByRole('list', { name: 'Headline figures' });
  await expect(figures).toContainText('active courses');
  await expect(figures).not.toContainText(/\b1 courses\b/);
  for (const chart of ['Improvement by sessions completed', 'Sessions per month per clinician', 'Courses overdue at each month-end']) {
    await expect(page.getByRole('heading', { name: new RegExp(chart) })).toBeVisible();
  }
  await atEachSize(page, '60-manager-home');
  // Every chart has its numbers as a table, and none is empty.
  const numbers = page.getByRole('group').filter({ hasText: 'The numbers' });
  await expect(numbers).toHaveCount(3);
  for (const details of await numbers.all()) {
    await details.getByText('The numbers').click();
    await expect(details.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  }

  await page.getByRole('link', { name: 'see all' }).click();
  await expect(page).toHaveTitle('Course progress · Venule');
  const table = page.getByRole('table', { name: 'Active courses' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await atEachSize(page, '61-course-progress');

  await page.goto('/reports/overdue');
  await expect(page).toHaveTitle('Who to phone · Venule');
  const overdue = page.getByRole('table', { name: /Overdue, nothing booked/ });
  await expect(overdue.getByRole('columnheader', { name: 'Course' })).toBeVisible();
  const row = overdue.getByRole('row').nth(1);
  await row.getByRole('button', { name: 'Left a message' }).click();
  await expect(row).toContainText('Left a message ·');
  await atEachSize(page, '62-who-to-phone');
});

test('reception phones from the same lists, without clinical detail', async ({ page }) => {
  await signIn(page, 'reception');
  await page.goto('/reports/overdue');
  await expect(page).toHaveTitle('Who to phone · Venule');
  const overdue = page.getByRole('table', { name: /Overdue, nothing booked/ });
  await expect(overdue.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Course' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: /Recall/ }).getByRole('columnheader', { name: 'Book between' })).toBeVisible();
  await atEachSize(page, '63-who-to-phone-reception');
  await page.goto('/reports/progress');
  await expect(page.getByText('No access')).toBeVisible();
});
