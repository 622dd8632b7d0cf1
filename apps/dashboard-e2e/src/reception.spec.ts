import { expect, test } from '@playwright/test';
import { PASSWORD, shot, shotAtBothSizes, signIn, uniqueSurname } from './support';

test('sign-in refuses a wrong password with the reason', async ({ page }) => {
  await page.goto('/sign-in');
  await shot(page, '01-sign-in');
  await page.getByLabel('Email').fill('reception@demo.venule');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD + 'x');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shot(page, '02-sign-in-error');
});

test('reception signs in, registers, searches by keyboard and opens the patient', async ({ page }) => {
  await signIn(page, 'reception');
  await expect(page).toHaveURL(/\/diary$/);
  await page.getByRole('link', { name: 'Find a patient' }).click();
  await expect(page).toHaveURL(/\/patients$/);
  await expect(page).toHaveTitle('Find a patient · Venule');
  const nav = page.getByRole('navigation').or(page.locator('mat-nav-list'));
  await expect(nav.getByText('Audit trail')).toHaveCount(0);
  await expect(nav.getByText('Staff accounts')).toHaveCount(0);
  const search = page.getByRole('combobox', { name: /Name, clinic number/ });
  await expect(search).toBeFocused();
  await shot(page, '03-search-empty');

  // Make sure the patient exists (the demo data may or may not hold one).
  const lastName = uniqueSurname('Thornbury');
  await page.getByRole('link', { name: 'Register a patient' }).first().click();
  await expect(page).toHaveURL(/\/patients\/new$/);
  await page.getByLabel('First name').fill('Eleanor');
  await page.getByLabel('Last name').fill(lastName);
  await page.getByLabel('Date of birth').fill('14/03/1979');
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await page.getByLabel('Phone').fill('07700 900456');
  await page.getByLabel('Email').fill('eleanor@example.org');
  await shot(page, '04-register-form');
  // The date of birth was typed DD/MM/YYYY, as on every date field whatever the browser's language.
  await shotAtBothSizes(page, '04a-register-form');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Eleanor ${lastName}`);

  await page.getByRole('link', { name: 'Find a patient' }).click();
  await expect(search).toBeFocused();
  await search.fill(lastName.toLowerCase());
  const row = page.locator('tbody tr', { hasText: lastName });
  await expect(row).toBeVisible();
  await expect(row).toContainText('14/03/1979');
  // The exact match ranks before any typo-tolerant one (a random surname can be one: "Wsarh" and Sarah).
  await expect(page.locator('tbody tr').first()).toContainText(lastName);
  await shot(page, '05-search-results');
  // The first row starts active; down and back up lands on it whatever else the list holds.
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/patients\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Eleanor ${lastName}`);
  await expect(page.getByRole('tab')).toHaveText(['Details', 'Scans', 'Courses', 'Messages']);
  await shot(page, '06-patient-page');
  await page.getByRole('tab', { name: 'Scans' }).click();
  await expect(page.getByRole('heading', { name: 'Clearance today' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Left leg' })).toContainText('No scan');
});

test('a one-letter slip in a short surname, or a two-digit year, still finds the patient', async ({ page }) => {
  await signIn(page, 'reception');
  await page.getByRole('link', { name: 'Find a patient' }).click();
  const search = page.getByRole('combobox', { name: /Name, clinic number/ });
  await search.fill('Kahn');
  await expect(page.locator('tbody tr').first()).toContainText('Khan, Ayesha');
  await expect(page).toHaveURL(/[?&]q=Kahn/);
  await shotAtBothSizes(page, '07-search-typo-short-surname');
  await search.fill('Jonse');
  await expect(page.locator('tbody tr').first()).toContainText('Jones');
  const born = await page.locator('tbody tr').first().locator('td').nth(2).textContent(); // date of birth, DD/MM/YYYY
  const [d, m, y] = (born ?? '').trim().split('/');
  await search.fill(`jones ${d}/${m}/${y.slice(2)}`);
  await expect(page.locator('tbody tr').first()).toContainText('Jones');
  await expect(page.locator('tbody tr').first()).toContainText(`${d}/${m}/${y}`);
});

test.describe('in a browser set to American English', () => {
  test.use({ locale: 'en-US' });

  test('a date of birth is still typed and read DD/MM/YYYY', async ({ page }) => {
    await signIn(page, 'reception');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    const lastName = uniqueSurname('Ashby');
    await page.getByRole('link', { name: 'Register a patient' }).first().click();
    await page.getByLabel('First name').fill('Martha');
    await page.getByLabel('Last name').fill(lastName);
    await page.getByLabel('Date of birth').fill('12/03/1996');
    await page.getByRole('combobox', { name: 'Sex' }).click();
    await page.getByRole('option', { name: 'Female' }).click();
    await page.getByLabel('Phone').fill('07700 900457');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Martha ${lastName}`);
    // 12 March, not 3 December.
    await expect(page.getByText('Born 12/03/1996')).toBeVisible();
  });
});
