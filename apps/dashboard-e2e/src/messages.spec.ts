import { expect, test } from '@playwright/test';
import { shot, shotAtBothSizes, signIn } from './support';

test.use({ viewport: { width: 1366, height: 900 } });

test('reception opens the outbox, filters the failed messages, resends one, and opts a patient out of messages', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'reception');
  await page.getByRole('link', { name: 'Messages' }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page).toHaveTitle('Messages · Venule');
  const list = page.getByRole('list', { name: 'Messages' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await shotAtBothSizes(page, '85-messages');

  // The demo has no mail server: what came due could not be sent, and one address was refused.
  await page.getByRole('radiogroup', { name: 'Show messages' }).getByRole('radio', { name: 'Failed' }).click();
  await expect(page).toHaveURL(/state=failed/);
  const failed = list.getByRole('listitem');
  await expect(failed.first()).toContainText('Failed');
  await expect(failed.filter({ hasText: 'Recipient address rejected' })).toHaveCount(1);
  await expect(failed.filter({ hasText: 'Not sent: no mail server is configured yet.' }).first()).toBeVisible();
  await shotAtBothSizes(page, '86-messages-failed');

  const refused = failed.filter({ hasText: 'Recipient address rejected' });
  const patientName = (await refused.getByRole('link').textContent())?.trim() ?? '';
  await refused.getByRole('button', { name: /^Resend the appointment reminder to/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Send this message again?' });
  await expect(dialog).toContainText(patientName);
  await shot(page, '87-messages-resend-confirm');
  await dialog.getByRole('button', { name: 'Resend' }).click();
  await expect(page.getByText(`The appointment reminder to ${patientName} is queued again`)).toBeVisible();
  await expect(list.getByRole('listitem').filter({ hasText: 'Recipient address rejected' })).toHaveCount(0);

  // Reception follows the patient from the outbox to their page, and their Messages tab.
  await page.getByRole('radiogroup', { name: 'Show messages' }).getByRole('radio', { name: 'All' }).click();
  await list.getByRole('link', { name: patientName }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(patientName);
  await page.getByRole('tab', { name: 'Messages' }).click();
  const theirs = page.getByRole('list', { name: `Messages to ${patientName}` });
  await expect(theirs.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText(/^Reminders and aftercare by email to /)).toBeVisible();
  await shotAtBothSizes(page, '88-patient-messages');

  // The patient asks for no more messages: the form says what that means, and the queued ones are cancelled.
  await page.getByRole('link', { name: 'Change', exact: true }).click();
  await page.getByRole('combobox', { name: 'Reminders and aftercare by' }).click();
  await page.getByRole('option', { name: 'No messages (opted out)' }).click();
  await expect(page.getByText('Nothing is sent; the outbox shows each message as not sent')).toBeVisible();
  await shot(page, '89-patient-opt-out');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  await page.getByRole('tab', { name: 'Messages' }).click();
  await expect(page.getByText('Opted out: reminders and aftercare plans are not sent.')).toBeVisible();
  await expect(theirs.getByRole('listitem').filter({ hasText: 'Queued' })).toHaveCount(0);
});
