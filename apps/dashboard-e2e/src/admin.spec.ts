import { expect, test } from '@playwright/test';
import { shot, shotAtBothSizes, signIn, uniqueSurname } from './support';

/** `days` ago in the clinic's zone, as staff type a date: DD/MM/YYYY. */
const typedDaysAgo = (days: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(Date.now() - days * 86_400_000),
  );

test('admin manages staff accounts', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page).toHaveTitle('Staff accounts · Venule');
  const table = page.getByRole('table', { name: 'Staff accounts' });
  await expect(table.getByText('reception@demo.venule')).toBeVisible();
  await shot(page, '10-staff-list');

  const email = `locum${Date.now() % 100000}@demo.venule`;
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog');
  // The dialog puts the focus on Name once it has opened; typing before then can land in the wrong field.
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('Locum Nurse');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Clinician' }).click();
  await dialog.getByLabel('Initial password').fill('a-long-enough-password');
  await shot(page, '11-staff-create');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(dialog).toBeHidden();

  const row = table.getByRole('row', { name: new RegExp(email) });
  await expect(row).toBeVisible();
  await row.getByRole('combobox').click();
  await page.getByRole('option', { name: 'Reception' }).click();
  const confirm = page.getByRole('dialog', { name: 'Make Locum Nurse a receptionist?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, '11b-staff-confirm-role');
  await confirm.getByRole('button', { name: 'Change role to Reception' }).click();
  await expect(page.getByText('Locum Nurse is now a receptionist')).toBeVisible();
  await row.getByRole('button', { name: 'Deactivate' }).click();
  const deactivate = page.getByRole('dialog', { name: "Deactivate Locum Nurse's account?" });
  await expect(deactivate).toContainText('signed out at once and can no longer sign in');
  await deactivate.getByRole('button', { name: 'Deactivate account' }).click();
  await expect(row).toContainText('Deactivated');
  await shot(page, '12-staff-after-changes');
  await row.getByRole('button', { name: 'Reactivate' }).click();
  await expect(row).toContainText('Active');
});

test('manager reads the audit trail but cannot open staff accounts', async ({ page }) => {
  await signIn(page, 'manager');
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveTitle('Audit trail · Venule');
  await expect(page.getByRole('table', { name: 'Audit events' }).or(page.getByText('No audit events match'))).toBeVisible();
  await shot(page, '13-audit');
  await page.goto('/staff');
  await expect(page.getByText('No access')).toBeVisible();
});

test('clinician records a medical history', async ({ page }) => {
  await signIn(page, 'clinician');
  const lastName = uniqueSurname('Ashdown');
  await page.getByRole('link', { name: 'Register a patient' }).first().click();
  await page.getByLabel('First name').fill('Maya');
  await page.getByLabel('Last name').fill(lastName);
  await page.getByLabel('Date of birth').fill('02/07/1990');
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await page.getByLabel('Phone').fill('07700 900789');
  await page.getByLabel('Email').fill('maya@example.org');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page.getByRole('tab', { name: 'Medical history' }).click();
  await expect(page.getByText('No medical history recorded')).toBeVisible();
  await shot(page, '20-history-empty');
  await page.getByRole('button', { name: 'Record medical history' }).click();
  await page.getByRole('checkbox', { name: 'Smoking' }).check();
  await page.getByLabel('Note on smoking').fill('Ten a day; advised to stop before treatment.');
  await page.getByLabel('Weight').fill('68');
  await page.getByLabel('Measured on').fill(typedDaysAgo(29));
  await shot(page, '21-history-form');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByText('Ten a day; advised to stop before treatment.')).toBeVisible();
  await shot(page, '22-history-view');
});

test('admin keeps the clinic settings, which patients then see', async ({ page }) => {
  await signIn(page, 'admin');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('link', { name: 'Clinic settings' }).click();
  await expect(page).toHaveTitle('Clinic settings · Venule');
  await expect(page.getByLabel('Clinic name')).toHaveValue('Clifton Vein Clinic');
  await expect(page.getByLabel('Named-doctor fee')).toHaveValue('50.00');
  await shot(page, '14a-settings');
  // The shell scrolls inside the sidenav content: bring each section into view for its shot.
  const hours = page.getByRole('region', { name: 'Opening hours' });
  await hours.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, '14b-settings-hours');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('heading', { name: 'Clinic settings' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, '14c-settings-tablet');
  await page.getByRole('region', { name: 'Clinicians’ working days' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, '14d-settings-tablet-rota');

  // A deposit above the fee is caught at the field, which takes the focus.
  await page.getByLabel('Deposit').fill('60');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByLabel('Deposit')).toBeFocused();
  await expect(page.getByText('Must not be more than the named-doctor fee')).toBeVisible();
  await shot(page, '15a-settings-error');

  // A good save: Saturday opens later, and the new out-of-hours number.
  await page.getByLabel('Deposit').fill('25.00');
  await page.getByLabel('Saturday closes').fill('13:30');
  await page.getByLabel('Out-of-hours phone').fill('07700 900462');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await expect(page.locator('.banner-slot')).toBeFocused();
  await shot(page, '15b-settings-saved');

  // The public enquiry page names the clinic with its address and phone.
  await page.goto('/enquire');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clifton Vein Clinic');
  await expect(page.getByRole('contentinfo')).toContainText('27 Princess Victoria Street, Clifton, Bristol BS8 4BX');
  await expect(page.getByRole('link', { name: '0117 496 0321' })).toHaveAttribute('href', 'tel:01174960321');
  await shot(page, '15c-enquire-identity');
});

test('admin puts the reminder in the clinic’s own words, seeing the preview as they type', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Message templates' }).click();
  await expect(page).toHaveTitle('Message templates · Venule');
  await expect(page.getByRole('button', { name: /Session reminder/, pressed: true })).toBeVisible();
  const subject = page.getByRole('textbox', { name: 'Subject', exact: true });
  await expect(subject).toHaveValue('Your appointment at {{clinicName}} on {{when}}');
  const previewSubject = page.getByTestId('preview-subject');
  await expect(previewSubject).toContainText(/^Your appointment at .+ on \w+day \d+ \w+ \d{4} at 10:30$/);
  await expect(page.getByRole('region', { name: 'Email preview' }).getByText('Dear Alex,')).toBeVisible();
  await shotAtBothSizes(page, '16-message-templates');

  await subject.fill('Alex, see you on ');
  await page.getByRole('button', { name: 'Insert when into the subject' }).click();
  await expect(subject).toHaveValue('Alex, see you on {{when}}');
  await subject.fill('{{firstName}}, see you on {{when}}');
  await expect(previewSubject).toContainText(/^Alex, see you on \w+day \d+ \w+ \d{4} at 10:30$/);

  await page.getByRole('textbox', { name: 'HTML', exact: true }).fill('<p>Dear {{firstName</p>');
  await expect(page.getByText('The HTML does not compile')).toBeVisible();
  await expect(page.getByText('The preview shows the last words that worked')).toBeVisible();
  await page.getByRole('textbox', { name: 'HTML', exact: true }).scrollIntoViewIfNeeded();
  await shot(page, '16c-message-templates-error');
  await page
    .getByRole('textbox', { name: 'HTML', exact: true })
    .fill('<p>Dear {{firstName}},</p><p>See you on <strong>{{when}}</strong>.</p>');
  await expect(page.getByRole('region', { name: 'Email preview' }).getByText('See you on')).toBeVisible();

  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByText('Saved. Messages written from now on use these words.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Session reminder\s+Your words/ })).toBeVisible();
  await shot(page, '16d-message-templates-saved');

  await page.getByRole('button', { name: 'Use the built-in words' }).click();
  const confirm = page.getByRole('dialog', { name: 'Use the built-in words?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Use the built-in words' }).click();
  await expect(page.getByText('The built-in words are used again.')).toBeVisible();
  await expect(subject).toHaveValue('Your appointment at {{clinicName}} on {{when}}');
});
