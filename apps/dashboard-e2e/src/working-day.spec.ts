import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, SCREENSHOTS, TABLET, shot, shotAtBothSizes, signIn, uniqueSurname } from './support';
import { join } from 'node:path';

test.use({ viewport: DESKTOP });

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
}

test('an admin resets a password; the person must change it first, and later changes it again from the account menu', async ({
  page,
  browser,
}) => {
  await signIn(page, 'admin');
  const email = `temp${Date.now() % 100000}@demo.venule`;
  await page.getByRole('button', { name: 'New account' }).click();
  const create = page.getByRole('dialog');
  // The dialog puts the focus on Name once it has opened; typing before then can land in the wrong field.
  await expect(create.getByLabel('Name')).toBeFocused();
  await create.getByLabel('Name').fill('Tessa Temp');
  await create.getByLabel('Email').fill(email);
  await create.getByLabel('Initial password').fill('an initial password');
  await create.getByRole('button', { name: 'Create account' }).click();
  await expect(create).toBeHidden();

  const row = page.getByRole('table', { name: 'Staff accounts' }).getByRole('row', { name: new RegExp(email) });
  await row.getByRole('button', { name: 'Reset the password of Tessa Temp' }).click();
  const confirm = page.getByRole('dialog', { name: "Reset Tessa Temp's password?" });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shotAtBothSizes(page, '60-reset-confirm');
  await confirm.getByRole('button', { name: 'Reset password' }).click();
  const handover = page.getByRole('dialog', { name: 'Temporary password for Tessa Temp' });
  const temporary = (await handover.locator('code').textContent())?.trim() ?? '';
  expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await shotAtBothSizes(page, '61-reset-temporary-password');
  await handover.getByRole('button', { name: 'Done' }).click();
  await expect(row).toContainText('Must change password');

  const tessa = await (await browser.newContext({ viewport: DESKTOP, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
  await signInWith(tessa, email, 'an initial password');
  await expect(tessa.getByText('The email or password is wrong.')).toBeVisible();
  await signInWith(tessa, email, temporary);
  await expect(tessa).toHaveURL(/\/account\/password$/);
  await expect(tessa.getByText('An administrator reset your password')).toBeVisible();
  await expect(tessa.getByRole('navigation')).toHaveCount(0);
  await tessa.goto('/patients');
  await expect(tessa).toHaveURL(/\/account\/password$/);
  await tessa.getByRole('button', { name: 'Change password' }).click();
  await expect(tessa.getByLabel('Current password')).toBeFocused();
  await shotAtBothSizes(tessa, '62-change-password-forced');
  await tessa.getByLabel('Current password').fill(temporary);
  await tessa.getByLabel('New password', { exact: true }).fill('tessa chooses her own');
  await tessa.getByLabel('New password again').fill('tessa chooses her own');
  await tessa.getByRole('button', { name: 'Change password' }).click();
  await expect(tessa).toHaveURL(/\/diary$/); // reception's home
  await expect(tessa.getByText('Your password is changed.')).toBeVisible();
  // Dismissed as she would: left to time out, it would fade mid-check of the next view, which axe reads as low contrast.
  await tessa.locator('mat-snack-bar-container').getByRole('button', { name: 'OK' }).click();
  await expect(tessa.getByText('Your password is changed.')).toHaveCount(0);

  await tessa.getByRole('button', { name: /^Account:/ }).click();
  await tessa.getByRole('menuitem', { name: 'Change password' }).click();
  await expect(tessa).toHaveURL(/\/account\/password$/);
  await tessa.getByLabel('Current password').fill('not her password');
  await tessa.getByLabel('New password', { exact: true }).fill('and another one again');
  await tessa.getByLabel('New password again').fill('and another one again');
  await tessa.getByRole('button', { name: 'Change password' }).click();
  await expect(tessa.getByText('Is not your current password.')).toBeVisible();
  await expect(tessa.getByLabel('Current password')).toBeFocused();
  await shotAtBothSizes(tessa, '63-change-password-wrong');
  await tessa.getByLabel('Current password').fill('tessa chooses her own');
  await tessa.getByRole('button', { name: 'Change password' }).click();
  await expect(tessa).toHaveURL(/\/diary$/);
  await expect(tessa.getByText('Your password is changed.')).toBeVisible();
  await tessa.getByRole('button', { name: /^Account:/ }).click();
  await tessa.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInWith(tessa, email, 'and another one again');
  await expect(tessa).toHaveURL(/\/diary$/);
});

test('reception registers a patient with only a phone number; the duplicate warning leads back to them', async ({ page }) => {
  await signIn(page, 'reception');
  const lastName = uniqueSurname('Phoneonly');
  await page.getByRole('link', { name: 'Register a patient' }).first().click();
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByLabel('First name')).toBeFocused();
  await shotAtBothSizes(page, '64-register-empty-submit');

  const fill = async () => {
    await page.getByLabel('First name').fill('Nell');
    await page.getByLabel('Last name').fill(lastName);
    await page.getByLabel('Date of birth').fill('1971-03-09');
    await page.getByRole('combobox', { name: 'Sex' }).click();
    await page.getByRole('option', { name: 'Female' }).click();
    await page.getByLabel('Phone').fill('07700 900312');
  };
  await fill();
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}/);
  const first = page.url();

  await page.getByRole('link', { name: 'Register a patient' }).first().click();
  await fill();
  await page.getByRole('button', { name: 'Register patient' }).click();
  const duplicate = page.getByRole('dialog', { name: 'This patient may already be registered' });
  await expect(duplicate.getByRole('button', { name: 'Open the existing patient' })).toBeFocused();
  await shotAtBothSizes(page, '65-duplicate-warning');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(first);
});

test('a clinician is led to what needs attention: the medical history banner, the consent still needed, the booking form on a tablet', async ({
  page,
}) => {
  await signIn(page, 'clinician');
  const lastName = uniqueSurname('Focus');
  await page.getByRole('link', { name: 'Register a patient' }).first().click();
  await page.getByLabel('First name').fill('Iris');
  await page.getByLabel('Last name').fill(lastName);
  await page.getByLabel('Date of birth').fill('1983-10-21');
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await page.getByLabel('Email').fill('iris@example.org');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}/);

  await page.getByRole('tab', { name: 'Medical history' }).click();
  await page.getByRole('button', { name: 'Record medical history' }).click();
  await page.getByRole('checkbox', { name: 'Smoking' }).check();
  await page.getByText('CEAP classification per leg').click();
  await page.getByRole('button', { name: 'Save medical history' }).click();
  const attention = page.getByRole('alert').filter({ hasText: 'Some answers need attention' });
  await expect(attention).toBeFocused();
  await expect(attention).toBeInViewport();
  await shotAtBothSizes(page, '66-history-attention');
  // The CEAP leg headings stand clear of their first field's label.
  await page.getByRole('group', { name: 'Right leg' }).scrollIntoViewIfNeeded();
  await shotAtBothSizes(page, '66b-history-ceap');
  await page.getByLabel('Note on smoking').fill('Five a day.');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByText('Five a day.')).toBeVisible();

  await page.getByRole('tab', { name: 'Courses' }).click();
  await page.getByRole('button', { name: 'Plan a course' }).click();
  const plan = page.getByRole('form', { name: 'Plan a course' });
  await expect(plan).toContainText('Consent is per course');
  await plan.getByRole('button', { name: 'Plan course' }).click();
  await expect(plan.getByRole('checkbox', { name: 'Left leg' })).toBeFocused();
  await plan.getByRole('checkbox', { name: 'Left leg' }).check();
  await shotAtBothSizes(page, '67-plan-course');
  await plan.getByRole('button', { name: 'Plan course' }).click();
  await expect(page.getByText(/Consent is still needed/)).toBeVisible();
  await shotAtBothSizes(page, '68-course-planned');

  await page.getByRole('link', { name: 'Open the course' }).click();
  await expect(page).toHaveURL(/\/courses\/[^/]+$/);
  await page.setViewportSize(TABLET);
  await expect(page.getByRole('form', { name: 'Book the next session' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: join(SCREENSHOTS, '69-course-booking-1024-viewport.png') });
  await shot(page, '69-course-booking-1024');
});
