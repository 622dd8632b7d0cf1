import { expect, test, type Page } from '@playwright/test';
import { shot, signIn, uniqueSurname } from './support';

test.use({ viewport: { width: 1366, height: 900 } });

/** Tomorrow in the clinic's zone (the browser runs in Europe/London too), as the diary's `date` and as DD/MM/YYYY. */
function tomorrow(): { iso: string; gb: string } {
  const d = new Date(Date.now() + 24 * 3_600_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { iso: `${part('year')}-${part('month')}-${part('day')}`, gb: `${part('day')}/${part('month')}/${part('year')}` };
}

async function tablet(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
}

test('an enquiry arrives on /enquire, reception converts it, books a named-doctor consultation, takes the deposit, and the diary shows it', async ({
  page,
}) => {
  // A long journey with an accessibility check on each of its fourteen screenshots.
  test.setTimeout(300_000);
  const lastName = uniqueSurname('Whitlock');
  const day = tomorrow();
  // A retry books another half hour: the failed attempt may already hold Dr Shah's 17:30.
  const slot = [
    { at: '17:30', span: '17:30–18:00' },
    { at: '17:00', span: '17:00–17:30' },
  ][test.info().retry % 2];

  // The clinic's website links here: no sign-in.
  await page.goto('/enquire');
  await page.getByLabel('Your name').fill(`Harriet ${lastName}`);
  await page.getByLabel('Email').fill('harriet@example.org');
  await page.getByLabel('Phone').fill('07700 900314');
  await page.getByLabel('Preferred doctor').selectOption('Dr Imran Shah');
  await page.getByLabel('How can we help?').fill('Thread veins on both calves; I would like to see Dr Shah.');
  await shot(page, '60-enquire');
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  await expect(page.getByText(/Thank you/)).toBeVisible();

  // Reception starts the day at the diary; the navigation counts new enquiries.
  await signIn(page, 'reception');
  await expect(page).toHaveURL(/\/diary$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Today, /);
  await expect(page.locator('vn-clearance-badge').first()).toBeVisible();
  await shot(page, '61-diary-today');
  const enquiriesLink = page.getByRole('link', { name: /^Enquiries \d+ new/ });
  await expect(enquiriesLink).toBeVisible();

  await enquiriesLink.click();
  const enquiry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Harriet ${lastName}` }) });
  await expect(enquiry).toContainText('Preferred doctor: Dr Imran Shah');
  await shot(page, '62-enquiries');
  await enquiry.getByRole('link', { name: /^Convert/ }).click();

  // Named doctor and clinician come from the enquiry; the patient form is filled from it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Convert Harriet ${lastName}’s enquiry`);
  await expect(page.getByRole('radio', { name: /Named-doctor consultation/ })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Clinician' })).toHaveText('Dr Imran Shah');
  await expect(page.getByLabel('Last name')).toHaveValue(lastName);
  await page.getByLabel('Date', { exact: true }).fill(day.gb);
  await page.getByRole('combobox', { name: 'Time' }).click();
  await page.getByRole('option', { name: slot.at }).click();
  await page.getByLabel('Date of birth').fill('20/06/1985');
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await shot(page, '63-convert');
  await page.getByRole('button', { name: 'Register and book' }).click();

  // The consultation waits for its deposit.
  await expect(page).toHaveURL(/\/consultations\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Harriet ${lastName}`);
  await expect(page.getByRole('status').filter({ hasText: 'Awaiting deposit' })).toContainText('£25.00');
  await shot(page, '64-consultation-awaiting-deposit');
  await expect(page.getByLabel('Amount (£)')).toHaveValue('25.00');
  await page.getByRole('combobox', { name: 'Method' }).click();
  await page.getByRole('option', { name: 'Card' }).click();
  await page.getByLabel('Reference').fill('TERM-40101');
  await page.getByRole('button', { name: 'Record deposit' }).click();
  await expect(page.getByText('Booked', { exact: true })).toBeVisible();
  const ledger = page.getByRole('table');
  await expect(ledger.getByRole('row').nth(1)).toContainText(/Deposit.*Card.*TERM-40101.*£25\.00/);
  await shot(page, '65-consultation-deposit-taken');

  await page.getByRole('link', { name: 'Receipt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt');
  await expect(page.getByRole('row', { name: /Paid/ })).toContainText('£25.00');
  await expect(page.getByRole('row', { name: /Still due/ })).toContainText('£25.00');
  await shot(page, '66-receipt');
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeHidden();
  await shot(page, '66a-receipt-print');
  await page.emulateMedia({ media: 'screen' });

  // The diary shows it in Dr Shah's lane tomorrow.
  await page.goto(`/diary?date=${day.iso}`);
  const lane = page.getByRole('region', { name: 'Dr Imran Shah', exact: true });
  const booked = lane.getByRole('listitem').filter({ hasText: `Harriet ${lastName}` });
  await expect(booked).toContainText(slot.span);
  await expect(booked).toContainText('Named-doctor consultation');
  await expect(booked).toContainText('£25.00 due');
  await shot(page, '67-diary-tomorrow');
  await page.getByRole('radio', { name: 'Week' }).click();
  await expect(page).toHaveURL(/view=week/);
  await expect(page.getByRole('link', { name: `Harriet ${lastName}` })).toBeVisible();
  await shot(page, '68-diary-week');

  // The same screens on a 1024px tablet.
  await tablet(page);
  await shot(page, '69-diary-week-tablet');
  await page.goto(`/diary?date=${day.iso}`);
  const bookedOnTablet = page
    .getByRole('region', { name: 'Dr Imran Shah', exact: true })
    .getByRole('listitem')
    .filter({ hasText: `Harriet ${lastName}` });
  await expect(bookedOnTablet).toBeVisible();
  await shot(page, '70-diary-tablet');
  await bookedOnTablet.getByRole('link', { name: 'Named-doctor consultation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Harriet ${lastName}`);
  await expect(page.getByRole('table')).toContainText('TERM-40101');
  await shot(page, '71-consultation-tablet');
  await page.goto('/enquiries?status=booked');
  await expect(page.getByRole('heading', { name: `Harriet ${lastName}` })).toBeVisible();
  await shot(page, '72-enquiries-tablet');
});

test('a clinician starts at their own day and books from a free slot', async ({ page }) => {
  await signIn(page, 'clinician');
  await expect(page).toHaveURL(/\/diary$/);
  await expect(page.getByRole('combobox', { name: 'Clinician' })).toHaveText('Dr Claire Hughes');
  await expect(page.getByRole('region', { name: 'Dr Imran Shah', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Next day' }).click();
  await page
    .getByRole('button', { name: /^Book \d{2}:\d{2} with Dr Claire Hughes$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: 'Clinician' })).toHaveText('Dr Claire Hughes');
  await shot(page, '73-book-from-slot');
  await dialog.getByRole('button', { name: 'Book' }).click();
  await expect(dialog.getByText('Choose the patient from the list')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
